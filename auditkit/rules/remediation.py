"""Remediation: an owner who exists, a due date inside the period and within what the checklist allows."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..i18n import _
from ..loader import Path_
from ..model import Item, parse_date
from ..vocabulary import label
from .context import Context


def check(ctx: Context, item: Item, path: Path_, where: str, raw: dict[str, Any], status: str) -> None:
    given = raw.get("remediation")
    if not isinstance(given, dict):
        return
    path = path + ("remediation",)
    ctx.person(path + ("owner",), given.get("owner"), _("{where}: remediation owner").format(where=where), item.id)
    due = parse_date(given.get("due"))
    if due is None:
        return
    period = ctx.sub.period
    if period and dt.MINYEAR <= period <= dt.MAXYEAR and due < dt.date(period, 1, 1):
        ctx.add(path + ("due",), "due-before-period", _("{where}: remediation due {due} is before the audit period {period} "
                                                        "started").format(where=where, due=due, period=period), item.id)
    days = ctx.checklist.scoring.remediation_days.get(item.severity)
    as_of = ctx.sub.as_of
    if days is not None and as_of and status in ("partial", "non_compliant") and (due - as_of).days > days:
        ctx.add(path + ("due",), "remediation-late", _("{where}: remediation due {due} is {days} days after as_of; a {severity} "
                                                       "gap should be fixed within {limit} days").format(
            where=where, due=due, days=(due - as_of).days, severity=label("severity", item.severity), limit=int(days)), item.id)
