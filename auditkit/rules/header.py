"""Header and people: as_of, who prepared and approved the submission."""
from __future__ import annotations

from ..datecheck import date_findings
from ..i18n import _
from .context import Context


def check(ctx: Context) -> None:
    as_of = ctx.sub.as_of
    if as_of and as_of > ctx.today:
        ctx.add(("as_of",), "as-of-future", _("as_of {as_of} is in the future (today is {today}); answers describe a date "
                                              "that has passed").format(as_of=as_of, today=ctx.today))
    for where, code, message in date_findings(ctx.sub, ctx.today):  # dates that contradict each other (issue 11)
        ctx.add(where, code, message)
    ctx.person(("prepared_by",), ctx.data.get("prepared_by"), "prepared_by")
    approval = ctx.data.get("approved_by")
    if isinstance(approval, dict):
        ctx.person(("approved_by", "person"), approval.get("person"), "approved_by")
