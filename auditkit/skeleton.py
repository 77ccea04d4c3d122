"""`auditkit init`: a submission skeleton, optionally carried over from an older submission."""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .checklists import Catalog
from .errors import AuditkitError, InputError
from .files import write_atomic
from .loader import load_file, resolve_plain
from .model import Checklist, Item, applicable_targets, assess, build_answer, build_submission, parse_date
from .schema import submission_schema

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#]*$")
STATUS_HINT = "compliant | partial | non_compliant | not_applicable"


@dataclass
class InitOptions:
    checklist: Checklist
    institution: str
    period: int | None
    previous: str | None
    as_of: str | None
    output: str
    force: bool


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


def _rule_words(item: Item) -> str:
    spec = item.answer
    if spec.by_grade:
        return "; ".join(f"grade {g}: {r.describe(spec.unit)}" for g, r in sorted(spec.by_grade.items()))
    return spec.pass_if.describe(spec.unit) if spec.pass_if else ""


def item_comment(item: Item, pad: str) -> list[str]:
    spec = item.answer
    kind = spec.type + (f" ({spec.unit})" if spec.unit else "") + (f": {' | '.join(spec.options)}" if spec.options else "")
    lines = [f"{item.id} {item.title.ko} / {item.title.get('en')}",
             f"[{item.severity}, {item.scope}, answer: {kind}, evidence: {item.evidence}]",
             f"요구사항: {item.requirement.ko}"]
    if item.requirement.en:
        lines.append(f"Requirement: {item.requirement.en}")
    if _rule_words(item):
        lines.append(f"Compliant when: {_rule_words(item)}")
    if item.applies_to.describe():
        lines.append(f"Applies to: {item.applies_to.describe()}")
    return [c for line in lines for c in _comment(line, pad)]


def _blank_answer(item: Item) -> dict[str, Any]:
    if item.answer.computed:
        return {"value": None, "owner": None}
    if item.answer.type == "text":
        return {"status": None, "value": None, "owner": None}
    return {"status": None, "owner": None}


class Carried:
    """Answers of an older submission, found for a new item by id or through `replaces`."""

    def __init__(self, path: str, catalog: Catalog, checklist: Checklist, as_of: dt.date) -> None:
        try:
            doc = load_file(path)
        except InputError as exc:
            raise AuditkitError(f"--from {exc.problem}") from exc
        if not isinstance(doc.data, dict):
            raise AuditkitError(f"--from {path}: not a submission (expected a mapping)")
        self.data = doc.data
        self.old = catalog.find(str(doc.data.get("checklist")), str(doc.data.get("checklist_version")))
        self.new, self.as_of = checklist, as_of
        answers = doc.data.get("answers")
        self.answers = answers if isinstance(answers, dict) else {}
        self.submission = build_submission(doc.data, path)

    def source(self, item: Item) -> tuple[str | None, list[str]]:
        """The old item id an answer is carried from, and why it needs review."""
        for old_id in (item.id, *item.replaces):
            if old_id not in self.answers:
                continue
            old_item = self.old.items.get(old_id) if self.old else None
            reasons = []
            version = self.old.version if self.old else "the old checklist"
            if old_id != item.id:
                reasons.append(f"carried from {old_id} of {version}, which this item replaces")
            elif old_item and old_item.requirement.ko != item.requirement.ko:
                reasons.append(f"the requirement changed since {version}")
            if old_item and (old_item.scope != item.scope or old_item.answer.type != item.answer.type):
                return None, [f"{old_id} of {version} was a {old_item.scope}/{old_item.answer.type} item; answer again"]
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
            reasons.append(f"at {self.as_of} the date rule fails: {verdict.reason}")
        return raw, reasons


def skeleton_text(options: InitOptions, catalog: Catalog, schema_name: str) -> tuple[str, int, int]:
    """The skeleton's text, how many answers were carried and how many are marked for review."""
    checklist = options.checklist
    as_of = parse_date(options.as_of) if options.as_of else dt.date.today()
    if options.as_of and as_of is None:
        raise AuditkitError(f"--as-of {options.as_of!r} is not a real date (YYYY-MM-DD)")
    assert as_of is not None
    carried = Carried(options.previous, catalog, checklist, as_of) if options.previous else None
    old = carried.data if carried else {}
    period = options.period or (as_of.year)
    name = old.get("institution", {}).get("name") if isinstance(old.get("institution"), dict) else None
    lines = [f"# yaml-language-server: $schema={schema_name}",
             f"# {checklist.title.ko} / {checklist.title.get('en')} — {checklist.id} {checklist.version}",
             f"# Written by `auditkit init`{' from ' + options.previous if options.previous else ''}. Fill in every empty value;",
             "# `auditkit status` shows what is left, `auditkit validate` checks the file.",
             f"checklist: {checklist.id}", f"checklist_version: {json.dumps(checklist.version)}",
             f"period: {period}", f"as_of: {options.as_of or ''}".rstrip() + "   # YYYY-MM-DD: the date the answers describe"]
    if isinstance(old.get("classification"), str):
        lines.append(f"classification: {q(old['classification'])}")
    lines += ["institution:", f"  code: {q(options.institution)}",
              "  name: " + (_flow(name) if isinstance(name, dict) else '{ko: "", en: ""}')]
    for key, blank in (("people", "people:   # key: {name, role, email, phone}; keys are referenced below"),):
        if isinstance(old.get(key), dict) and old[key]:
            lines += ["people:"] + emit(old[key], 2)
        else:
            lines += [blank, "  owner-key: {name: \"\", role: \"\", email: \"\"}"]
    lines.append(f"prepared_by: {q(old.get('prepared_by')) if isinstance(old.get('prepared_by'), str) else ''}".rstrip())
    lines.append("# approved_by: {person: key, date: YYYY-MM-DD}   # add when signed off; without it the report is a DRAFT")
    for key, hint in (("sites", "{id, name, kind: own|nirs|colocation|cloud, battery: li-ion|vrla|vla|none, owner}"),
                      ("systems", "{id, name, grade: 1-4, owner, deputy, site, dr_site}")):
        given = old.get(key)
        entries = given if isinstance(given, list) else []
        lines.append(f"{key}:" + ("" if entries else f" []   # add entries: - {hint}"))
        lines += [f"  - {_flow(entry)}" for entry in entries]
    sub = build_submission({"sites": old.get("sites") or [], "systems": old.get("systems") or []})
    body, counts = _answers(checklist, sub, carried)
    return "\n".join(lines + ["answers:"] + body) + "\n", counts[0], counts[1]


def _answers(checklist: Checklist, sub: Any, carried: Carried | None) -> tuple[list[str], tuple[int, int]]:
    lines: list[str] = []
    counts = [0, 0]  # answers carried, of which marked for review
    names = {s.id: f"{s.name} ({s.kind}, battery {s.battery})" for s in sub.sites} | \
            {s.id: f"{s.name} (grade {s.grade})" for s in sub.systems}

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
                lines.append(f"  # {item.id}: no {key} to answer for yet (add {key}, then run init --from this file)")
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
            hint = {"status": STATUS_HINT, "value": item.answer.unit or item.answer.type}.get(key, "")
            out.append(f"{pad}{key}: {q(value)}".rstrip() + (f"   # {hint}" if hint else ""))
        return out + [c for r in reasons for c in _comment("review: " + r, pad)]
    data = dict(raw)
    if reasons:
        data["review"] = "; ".join(reasons)
    return emit(data, indent)


def write_skeleton(options: InitOptions, catalog: Catalog) -> list[str]:
    """Write the skeleton (and its schema beside it); return lines to tell the user."""
    output = Path(options.output)
    if output.exists() and not options.force:
        raise AuditkitError(f"{output} exists; choose another -o or add --force to overwrite it")
    if options.previous and Path(options.previous).resolve() == output.resolve():
        raise AuditkitError("--from and -o name the same file; write the new submission to another file")
    schema_file = output.parent / f"{options.checklist.id}-{options.checklist.version}.schema.json"
    text, carried, reviews = skeleton_text(options, catalog, schema_file.name)
    write_atomic(output, text)
    schema_text = json.dumps(submission_schema(options.checklist), ensure_ascii=False, indent=2) + "\n"
    if not schema_file.exists() or '"urn:auditkit:submission:' in schema_file.read_text(encoding="utf-8", errors="replace")[:400]:
        write_atomic(schema_file, schema_text)
    messages = [f"wrote {output} ({options.checklist.key}); schema for editors: {schema_file}"]
    if options.previous:
        messages.append(f"carried {carried} answer(s) from {options.previous}; {reviews} marked for review (see 'review:' lines)")
    return messages
