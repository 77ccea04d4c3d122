"""Answers and values: every applicable item, site and system answered, nothing answered that does not apply,
values that agree with the status written beside them."""
from __future__ import annotations

from typing import Any

from .. import mistakes
from ..i18n import _
from ..loader import Path_
from ..model import Answer, Item, applicable_targets, build_answer, parse_date
from ..verdict import Verdict
from ..vocabulary import label
from . import evidence, remediation
from .context import Context, closest


def check(ctx: Context) -> None:
    answers = ctx.data.get("answers")
    if not isinstance(answers, dict):
        return
    items = ctx.checklist.items
    respelt = {mistakes.normalised_id(str(key), items) for key in answers if key not in items}  # RED-5: said once, as such
    for item in items.values():
        targets = applicable_targets(item, ctx.sub)
        raw = answers.get(item.id)
        path: Path_ = ("answers", item.id)
        if raw is None and item.id in respelt:
            continue
        if targets is None:
            if raw is None:
                ctx.add(("answers",), "unanswered", _("{item} ({title}) is not answered").format(item=item.id, title=_title(item)),
                        item.id)
            elif isinstance(raw, dict):
                _answer(ctx, item, path, raw, None)
            continue
        _targets(ctx, item, path, raw, targets)


def _title(item: Item) -> str:
    from ..i18n import language

    return item.title.get(language())


def _targets(ctx: Context, item: Item, path: Path_, raw: Any, targets: list[str]) -> None:
    key = "sites" if item.scope == "site" else "systems"
    word = _("site") if key == "sites" else _("system")
    given = raw.get(key) if isinstance(raw, dict) else None
    given = given if isinstance(given, dict) else {}
    if raw is None and targets:
        ctx.add(("answers",), "unanswered", _("{item} ({title}) is not answered; it asks about {targets}").format(
            item=item.id, title=_title(item), targets=", ".join(targets)), item.id)
        return
    known = {s.id for s in (ctx.sub.sites if key == "sites" else ctx.sub.systems)}
    wanted = set(targets)
    for target in targets:
        if target not in given and isinstance(raw, dict) and isinstance(raw.get(key), dict):
            ctx.add(path + (key,), "unanswered", _("{item}: no answer for {word} {target}{note}").format(
                item=item.id, word=word, target=target, note=_target_note(ctx, item, target)), item.id)
    for target, answer in given.items():
        target_path = path + (key, target)
        if target not in known:
            ctx.add(target_path, f"unknown-{key[:-1]}", _("{item}: no {word} with id '{target}' in {key}:{hint}").format(
                item=item.id, word=word, target=target, key=key, hint=closest(str(target), sorted(known))), item.id)
        elif target not in wanted:
            ctx.add(target_path, "not-applicable-target", _("{item} does not apply to {word} {target} ({rule}{note}): remove "
                                                            "this answer").format(
                item=item.id, word=word, target=target, rule=item.applies_to.describe(), note=_target_note(ctx, item, target)),
                item.id)
        elif isinstance(answer, dict):
            _answer(ctx, item, target_path, answer, target)


def _target_note(ctx: Context, item: Item, target: str) -> str:
    if item.scope == "system":
        system = ctx.sub.system_map.get(target)
        return ", " + _("grade {grade}").format(grade=system.grade) if system else ""
    site = ctx.sub.site_map.get(target)
    return ", " + _("battery {battery}, kind {kind}").format(battery=site.battery, kind=site.kind) if site else ""


def _answer(ctx: Context, item: Item, path: Path_, raw: dict[str, Any], target: str | None) -> None:
    answer = _built(ctx, item, target) or build_answer(raw)
    where = f"{item.id} / {target}" if target else item.id
    system = ctx.sub.system_map.get(target) if item.scope == "system" and target else None
    grade = system.grade if system else None
    verdict = ctx.assess(item, answer, grade)
    ctx.verdicts[(item.id, target)] = (answer, verdict)
    if item.answer.computed and "value" in raw and item.answer.accepts(raw["value"]) and ctx.sub.as_of:
        _value(ctx, item, path, where, answer, verdict, grade)
    owner = raw.get("owner")
    if isinstance(owner, str) and owner not in ctx.sub.people:
        ctx.person(path + ("owner",), owner, _("{where}: owner").format(where=where), item.id)
    if "review" in raw and isinstance(raw["review"], str):
        ctx.add(path + ("review",), "review-pending", _("{where}: carried over and marked for review: {note} (delete the "
                                                        "review line once checked)").format(where=where, note=raw["review"]),
                item.id)
    if "evidence" in raw or item.evidence == "required":
        evidence.check(ctx, item, path, where, raw, verdict.status)
    if "remediation" in raw:
        remediation.check(ctx, item, path, where, raw, verdict.status)


def _built(ctx: Context, item: Item, target: str | None) -> Answer | None:
    """The Answer build_submission() made of this raw answer (built once, not again per rule)."""
    given = ctx.sub.answers.get(item.id)
    if item.scope == "system" and "sites" in ctx.data["answers"][item.id]:
        return None  # build_submission took the (misplaced) sites: mapping; build this one from the raw answer
    if target is None:
        return given if isinstance(given, Answer) else None
    return given.get(target) if isinstance(given, dict) else None


def _value(ctx: Context, item: Item, path: Path_, where: str, answer: Answer, verdict: Verdict, grade: int | None) -> None:
    from ..i18n import language

    computed = verdict.status
    rule = item.answer.rule_for(grade)
    day = parse_date(answer.value) if item.answer.type == "date" else None
    as_of = ctx.sub.as_of
    if day and rule and rule.max_age_days is not None and as_of and day > as_of:
        ctx.add(path + ("value",), "date-after-as-of", _("{where}: {day} is after as_of {as_of}; give the date of the last "
                                                         "event that had happened by as_of").format(where=where, day=day, as_of=as_of),
                item.id)
    declared = answer.status
    if declared and declared != computed and declared != "not_applicable":
        ctx.add(path + ("status",), "status-contradicts-value", _("{where}: status says {declared} but the value gives "
                                                                  "{computed}: {reason}").format(
            where=where, declared=label("status", declared), computed=label("status", computed), reason=verdict.text(language())),
            item.id)
    elif computed in ("partial", "non_compliant") and answer.remediation is None and declared is None:
        ctx.add(path + ("value",), "remediation-required", _("{where}: {reason}; add a remediation (action, owner, due) or "
                                                             "correct the value").format(where=where, reason=verdict.text(language())),
                item.id)
