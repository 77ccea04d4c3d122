"""Dates that make no sense together (issue 11): they would print a misleading date on a report.

- `approved_by.date` after today: an approval cannot come from the future (error `approval-future`).
- `approved_by.date` more than a year before `as_of`: the approval cannot be of these answers, which describe a
  later day (error `approval-before-as-of`).
- `as_of` outside the audit period's year or the year before (an audit of 2026 may describe 2025-12-31, not 2020
  or 2027): error `as-of-outside-period`.
(`as_of` after today is `as-of-future`, in the rules.) All are errors: a report is dated from them.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .i18n import _
from .model import Submission

Finding = tuple[tuple[str, ...], str, str]  # where (a path in the file), code, message


def date_findings(sub: Submission, today: dt.date) -> Iterator[Finding]:
    approved = sub.approved_by.date if sub.approved_by else None
    if approved and approved > today:
        yield (("approved_by", "date"), "approval-future",
               _("approved_by.date {date} is in the future (today is {today}); give the day it was approved")
               .format(date=approved, today=today))
    if approved and sub.as_of and approved < sub.as_of - dt.timedelta(days=365):
        yield (("approved_by", "date"), "approval-before-as-of",
               _("approved_by.date {date} is more than a year before as_of {as_of}: an approval cannot be of answers "
                 "that describe a later day; check both dates").format(date=approved, as_of=sub.as_of))
    if sub.as_of and isinstance(sub.period, int) and sub.as_of.year not in (sub.period, sub.period - 1):
        yield (("as_of",), "as-of-outside-period",
               _("as_of {as_of} is outside the audit period {period} (it may be in {period} or {before}); check the "
                 "year of as_of and of period").format(as_of=sub.as_of, period=sub.period, before=sub.period - 1))
