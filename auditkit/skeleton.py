"""`auditkit init`: a submission skeleton, optionally carried over from an older submission."""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .checklists import Catalog
from .errors import AuditkitError, InputError
from .files import write_atomic
from .i18n import _, language
from .loader import load_file, resolve_plain
from .model import STATUSES, Checklist, Item, applicable_targets, assess, build_answer, build_submission, parse_date
from .schema import submission_schema
from .vocabulary import BATTERIES, SITE_KINDS, label

# plain text, also inside a flow mapping {…} (so no ',', '[', ']', '{' or '}' anywhere)
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#,\[\]{}]*$")


@dataclass
class InitOptions:
    checklist: Checklist
    institution: str
    period: int | None
    previous: str | None
    as_of: str | None
    output: str
    force: bool


@functools.lru_cache(maxsize=1 << 16, typed=True)  # owners, ids and values recur on every row of a big submission
def q(value: Any) -> str:
    """A YAML scalar that reads back as exactly this value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if _PLAIN.match(text) and resolve_plain(text) == text and text == text.strip() and "\n" not in text:
        return text
    if parse_date(text) is not None and text == str(parse_date(text)):
        return text
    return json.dumps(text, ensure_ascii=False)


def emit(value: Any, indent: int) -> list[str]:
    """Block-style YAML lines for carried data (mappings, lists of flow mappings, scalars)."""
    pad = " " * indent
    lines = []
    for key, child in value.items():
        if isinstance(child, dict) and child:
            lines.append(f"{pad}{q(key)}:")
            lines.extend(emit(child, indent + 2))
        elif isinstance(child, list) and child:
            lines.append(f"{pad}{q(key)}:")
            lines.extend(f"{pad}  - {_flow(entry)}" for entry in child)
        else:
            lines.append(f"{pad}{q(key)}: {_flow(child)}".rstrip())
    return lines


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{q(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return q(value)


def _comment(text: str, pad: str) -> list[str]:
    return [f"{pad}# {line}" if line else f"{pad}#" for line in text.strip().splitlines()]


def _wrapped(text: str, pad: str) -> list[str]:
    """A long text (a requirement, guidance) as comment lines of at most about 100 characters."""
    text = " ".join(text.split())
    wide = sum(1 for char in text if unicodedata.east_asian_width(char) in "WF")  # two columns each on a screen
    width = (100 - len(pad)) * len(text) // (len(text) + wide) if text else 100
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return [f"{pad}# {line}" for line in lines]


def _rule_words(item: Item) -> str:
    spec, lang = item.answer, language()
    if spec.by_grade:
        return "; ".join(_("grade {grade}: {rule}").format(grade=g, rule=r.describe(spec.unit, lang))
                         for g, r in sorted(spec.by_grade.items()))
    return spec.pass_if.describe(spec.unit, lang) if spec.pass_if else ""


def _kind_words(item: Item) -> str:
    spec = item.answer
    kind = label("answer_type", spec.type)
    return kind + (f" ({spec.unit})" if spec.unit else "") + (f": {' | '.join(spec.options)}" if spec.options else "")


def item_comment(item: Item, pad: str) -> list[str]:
    """The comment above an item's answer: its title, what kind of answer it wants, the requirement, the rule
    that decides compliance, what it applies to and how to answer, in the language of the run."""
    lang = language()
    head = [f"{item.id} {item.title.ko} / {item.title.get('en')}",
            _("[severity {severity} | {scope} | answer: {kind} | evidence {evidence}]").format(
                severity=label("severity", item.severity), scope=label("scope", item.scope), kind=_kind_words(item),
                evidence=label("evidence", item.evidence))]
    lines = [c for line in head for c in _comment(line, pad)]
    lines += _wrapped(_("Requirement: {text}").format(text=item.requirement.get(lang)), pad)
    if _rule_words(item):
        lines += _wrapped(_("Compliant when: {rule}").format(rule=_rule_words(item)), pad)
    if item.applies_to.describe():
        lines += _wrapped(_("Applies to: {what}").format(what=item.applies_to.describe()), pad)
    if item.guidance:
        lines += _wrapped(_("How to answer: {text}").format(text=item.guidance.get(lang)), pad)
    return lines


def _status_hint() -> str:
    if language() == "ko":
        return " | ".join(f"{status}({label('status', status)})" for status in STATUSES)
    return " | ".join(STATUSES)


def _value_hint(item: Item) -> str:
    spec = item.answer
    if spec.type == "date":
        return _("a date YYYY-MM-DD, or never")
    if spec.type == "number":
        return _("a number ({unit})").format(unit=spec.unit) if spec.unit else _("a number")
    if spec.type == "choice":
        return " | ".join(spec.options)
    return _("text (a sentence or two)")


def _blank_answer(item: Item) -> dict[str, Any]:
    if item.answer.computed:
        return {"value": None, "owner": None}
    if item.answer.type == "text":
        return {"status": None, "value": None, "owner": None}
    return {"status": None, "owner": None}


class Carried:
    """Answers of an older submission, found for a new item by id or through `replaces`."""

    def __init__(self, path: str, catalog: Catalog, checklist: Checklist) -> None:
        try:
            doc = load_file(path)
        except InputError as exc:
            raise AuditkitError(f"--from {exc.problem}") from exc
        if not isinstance(doc.data, dict):
            raise AuditkitError(_("--from {path}: not a submission (expected a mapping)").format(path=path))
        self.data = doc.data
        self.old = catalog.find(str(doc.data.get("checklist")), str(doc.data.get("checklist_version")))
        self.new = checklist
        self.as_of = dt.date.today()  # replaced by judging_date() before any answer is carried
        answers = doc.data.get("answers")
        self.answers = answers if isinstance(answers, dict) else {}
        self.submission = build_submission(doc.data, path)

    def period(self) -> int | None:
        """The audit year of the older submission (its period, else the year of its as_of)."""
        period = self.data.get("period")
        if isinstance(period, int) and not isinstance(period, bool):
            return period
        as_of = self.submission.as_of
        return as_of.year if as_of else None

    def judging_date(self, period: int) -> dt.date | None:
        """The new period's audit date: the older submission's as_of moved into ``period`` (2025-10-15 becomes
        2026-10-15 for 2026), the date at which carried date answers will be judged; None without an old as_of."""
        old, old_period = self.submission.as_of, self.period()
        if old is None or old_period is None:
            return None
        year = old.year + period - old_period
        try:
            return old.replace(year=year)
        except ValueError:  # 29 February into a common year
            return old.replace(year=year, day=28)

    def source(self, item: Item) -> tuple[str | None, list[str]]:
        """The old item id an answer is carried from, and why it needs review."""
        for old_id in (item.id, *item.replaces):
            if old_id not in self.answers:
                continue
            old_item = self.old.items.get(old_id) if self.old else None
            reasons = []
            version = self.old.version if self.old else _("the old checklist")
            if old_id != item.id:
                reasons.append(_("carried from {old} of {version}, which this item replaces").format(old=old_id, version=version))
            elif old_item and old_item.requirement.ko != item.requirement.ko:
                reasons.append(_("the requirement changed since {version}").format(version=version))
            if old_item and (old_item.scope != item.scope or old_item.answer.type != item.answer.type):
                return None, [_("{old} of {version} was a {scope}/{type} item; answer again").format(
                    old=old_id, version=version, scope=old_item.scope, type=old_item.answer.type)]
            return old_id, reasons
        return None, []

    def answer(self, item: Item, target: str | None) -> tuple[dict[str, Any] | None, list[str]]:
        old_id, reasons = self.source(item)
        if old_id is None:
            return None, reasons
        raw = self.answers[old_id]
        if target is not None:
            nested = raw.get("sites" if item.scope == "site" else "systems") if isinstance(raw, dict) else None
            raw = nested.get(target) if isinstance(nested, dict) else None
        if not isinstance(raw, dict):
            return None, []
        raw = {k: v for k, v in raw.items() if k != "review"}
        grade = self.submission.system_map[target].grade if item.scope == "system" and target in self.submission.system_map else None
        verdict = assess(item, build_answer(raw), grade, self.as_of)
        if item.answer.type == "date" and verdict.status == "non_compliant" and "value" in raw:
            reasons.append(_("at {date} the date rule fails: {reason}").format(date=self.as_of, reason=verdict.text(language())))
        return raw, reasons


@dataclass
class Skeleton:
    """What `init` wrote: the text, how many answers it carried, how many of them it marked for review, and the
    date at which carried date answers were judged (None without --from)."""

    text: str
    carried: int = 0
    reviews: int = 0
    judged_at: dt.date | None = None
    judged_how: str = ""


def _judging(options: InitOptions, carried: Carried | None, period: int) -> tuple[dt.date, str]:
    """The date carried answers are judged at, and how it was chosen: --as-of, else the new period's audit date
    (the older submission's as_of moved into the new period), else today."""
    if options.as_of:
        day = parse_date(options.as_of)
        if day is None:
            raise AuditkitError(_("--as-of {value} is not a real date (YYYY-MM-DD)").format(value=repr(options.as_of)))
        return day, _("given with --as-of")
    day = carried.judging_date(period) if carried else None
    if day is not None:
        return day, _("the audit date of period {period}, from the as_of of {path}; --as-of to choose another").format(
            period=period, path=options.previous)
    return dt.date.today(), _("today; --as-of to choose the date the answers will describe")


def skeleton_text(options: InitOptions, catalog: Catalog, schema_name: str) -> Skeleton:
    """The skeleton, with how many answers were carried and how many are marked for review."""
    checklist = options.checklist
    carried = Carried(options.previous, catalog, checklist) if options.previous else None
    old_period = carried.period() if carried else None
    period = options.period or (old_period + 1 if old_period else dt.date.today().year)
    judged_at, judged_how = _judging(options, carried, period)
    if carried:
        carried.as_of = judged_at
    old = carried.data if carried else {}
    name = old.get("institution", {}).get("name") if isinstance(old.get("institution"), dict) else None
    written = _("Written by `auditkit init` from {path}.").format(path=options.previous) if options.previous \
        else _("Written by `auditkit init`.")
    lines = [f"# yaml-language-server: $schema={schema_name}",
             f"# {checklist.title.ko} / {checklist.title.get('en')} — {checklist.id} {checklist.version}",
             "# " + written + " " + _("Fill in every empty value;"),
             "# " + _("`auditkit status` shows what is left, `auditkit validate` checks the file."),
             f"checklist: {checklist.id}", f"checklist_version: {json.dumps(checklist.version)}",
             f"period: {period}",
             f"as_of: {options.as_of or ''}".rstrip() + "   # " + _("YYYY-MM-DD: the date the answers describe")]
    if isinstance(old.get("classification"), str):
        lines.append(f"classification: {q(old['classification'])}")
    lines += ["institution:", f"  code: {q(options.institution)}",
              "  name: " + (_flow(name) if isinstance(name, dict) else '{ko: "", en: ""}')]
    if isinstance(old.get("people"), dict) and old["people"]:
        lines += ["people:"] + emit(old["people"], 2)
    else:
        lines += ["people:   # " + _("key: {name, role, email, phone}; keys are referenced below"),
                  "  owner-key: {name: \"\", role: \"\", email: \"\"}"]
    lines.append(f"prepared_by: {q(old.get('prepared_by')) if isinstance(old.get('prepared_by'), str) else ''}".rstrip())
    lines.append("# approved_by: {person: key, date: YYYY-MM-DD}   # "
                 + _("add when signed off; without it the report is a DRAFT"))
    for key, hint in (("sites", "{id, name, kind: " + "|".join(SITE_KINDS) + ", battery: " + "|".join(BATTERIES) + ", owner}"),
                      ("systems", "{id, name, grade: 1-4, owner, deputy, site, dr_site}")):
        given = old.get(key)
        entries = given if isinstance(given, list) else []
        lines.append(f"{key}:" + ("" if entries else " []   # " + _("add entries: - {hint}").format(hint=hint)))
        lines += [f"  - {_flow(entry)}" for entry in entries]
    sub = build_submission({"sites": old.get("sites") or [], "systems": old.get("systems") or []})
    body, counts = _answers(checklist, sub, carried)
    text = "\n".join(lines + ["answers:"] + body) + "\n"
    return Skeleton(text, counts[0], counts[1], judged_at if carried else None, judged_how)


def _answers(checklist: Checklist, sub: Any, carried: Carried | None) -> tuple[list[str], tuple[int, int]]:
    lines: list[str] = []
    counts = [0, 0]  # answers carried, of which marked for review
    names = {s.id: _("{name} ({kind}, battery {battery})").format(name=s.name, kind=s.kind, battery=s.battery)
             for s in sub.sites} | {s.id: _("{name} (grade {grade})").format(name=s.name, grade=s.grade) for s in sub.systems}

    def answer(item: Item, target: str | None, indent: int) -> list[str]:
        raw, reasons = carried.answer(item, target) if carried else (None, [])
        counts[0] += raw is not None
        counts[1] += bool(raw is not None and reasons)
        return _answer_lines(item, raw, reasons, indent)

    for section in checklist.sections:
        lines += ["", f"  # ── {section.id} {section.title.ko} / {section.title.get('en')} ──"]
        for item in section.items:
            lines += item_comment(item, "  ")
            targets = applicable_targets(item, sub)
            key = "sites" if item.scope == "site" else "systems"
            if targets is None:
                lines += [f"  {item.id}:", *answer(item, None, 4)]
            elif not targets:
                lines.append("  # " + _("{item}: no {key} to answer for yet (add {key}, then run init --from this file)").format(
                    item=item.id, key=key))
            else:
                lines += [f"  {item.id}:", f"    {key}:"]
                for target in targets:
                    lines += [f"      {q(target)}:   # {names.get(target, '')}", *answer(item, target, 8)]
    return lines, (counts[0], counts[1])


def _answer_lines(item: Item, raw: dict[str, Any] | None, reasons: list[str], indent: int) -> list[str]:
    pad = " " * indent
    if raw is None:
        out = []
        for key, value in _blank_answer(item).items():
            hint = {"status": _status_hint(), "value": _value_hint(item)}.get(key, "")
            out.append(f"{pad}{key}: {q(value)}".rstrip() + (f"   # {hint}" if hint else ""))
        return out + [c for r in reasons for c in _comment(_("review: {reason}").format(reason=r), pad)]
    data = dict(raw)
    if reasons:
        data["review"] = "; ".join(reasons)
    return emit(data, indent)


def write_skeleton(options: InitOptions, catalog: Catalog) -> list[str]:
    """Write the skeleton (and its schema beside it); return lines to tell the user."""
    output = Path(options.output)
    if output.exists() and not options.force:
        raise AuditkitError(_("{path} exists; choose another -o or add --force to overwrite it").format(path=output))
    if options.previous and Path(options.previous).resolve() == output.resolve():
        raise AuditkitError(_("--from and -o name the same file; write the new submission to another file"))
    schema_file = output.parent / f"{options.checklist.id}-{options.checklist.version}.schema.json"
    made = skeleton_text(options, catalog, schema_file.name)
    write_atomic(output, made.text)
    schema_text = json.dumps(submission_schema(options.checklist), ensure_ascii=False, indent=2) + "\n"
    if not schema_file.exists() or '"urn:auditkit:submission:' in schema_file.read_text(encoding="utf-8", errors="replace")[:400]:
        write_atomic(schema_file, schema_text)
    messages = [_("wrote {path} ({checklist}); schema for editors: {schema}").format(
        path=output, checklist=options.checklist.key, schema=schema_file)]
    if options.previous:
        messages.append(_("carried {count} answer(s) from {path}; {reviews} marked for review (see 'review:' lines)").format(
            count=made.carried, path=options.previous, reviews=made.reviews))
        messages.append(_("carried dates were judged at {date} ({how})").format(date=made.judged_at, how=made.judged_how))
    return messages


# --- a submission's data in init's layout (`auditkit import`) ------------------------------------------------
_HEAD = ("checklist", "checklist_version", "period", "as_of", "classification", "institution", "people",
         "prepared_by", "approved_by", "sites", "systems")


def submission_text(checklist: Checklist, data: dict[str, Any], schema_name: str, written_by: str) -> str:
    """``data`` written as init writes a submission (schema modeline, every item under its section with its
    question as a comment), with nothing added and nothing dropped: it loads back to the same data."""
    lines = [f"# yaml-language-server: $schema={schema_name}",
             f"# {checklist.title.ko} / {checklist.title.get('en')} — {checklist.id} {checklist.version}",
             f"# {written_by}"]
    for key in _HEAD:
        if key in data:
            lines += _top(key, data[key])
    answers = data.get("answers")
    if "answers" in data:
        lines += _given_answers(checklist, answers) if isinstance(answers, dict) else emit({"answers": answers}, 0)
    for key, value in data.items():
        if key not in _HEAD and key != "answers":
            lines += _top(key, value)
    return "\n".join(lines) + "\n"


def _top(key: str, value: Any) -> list[str]:
    if key in ("sites", "systems") and isinstance(value, list) and value:
        return [f"{key}:"] + [f"  - {_flow(entry)}" for entry in value]
    if key == "approved_by" and isinstance(value, dict):
        return [f"{key}: {_flow(value)}"]
    return emit({key: value}, 0)


def _given_answers(checklist: Checklist, answers: dict[str, Any]) -> list[str]:
    lines = ["answers:"]
    for section in checklist.sections:
        lines += ["", f"  # ── {section.id} {section.title.ko} / {section.title.get('en')} ──"]
        for item in section.items:
            lines += item_comment(item, "  ")
            if item.id in answers:
                lines += _given_answer(item.id, answers[item.id])
    others = [key for key in answers if key not in checklist.items]
    if others:
        lines += ["", "  # ── not in the checklist ──"]
        for key in others:
            lines += _given_answer(key, answers[key])
    return lines


def _given_answer(item_id: str, raw: Any) -> list[str]:
    nested = next((k for k in ("sites", "systems") if isinstance(raw, dict) and set(raw) == {k}
                   and isinstance(raw[k], dict) and raw[k]), None)
    if nested is None:
        return emit({item_id: raw}, 2)
    lines = [f"  {q(item_id)}:", f"    {nested}:"]
    for target, answer in raw[nested].items():
        lines += emit({target: answer}, 6)
    return lines
