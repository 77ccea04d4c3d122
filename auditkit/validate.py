"""Validation of submissions: the schema, then every cross-field rule of FORMAT.md section 2."""
from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import mistakes
from .checklists import Catalog
from .crosscheck import crosscheck
from .errors import InputError, Problem
from .loader import Document, Path_, load_file, pointer, printable
from .model import (
    Answer,
    Checklist,
    Item,
    Submission,
    Verdicts,
    applicable_targets,
    assess,
    build_answer,
    build_submission,
    parse_date,
)
from .schema import submission_problems
from .verdict import Verdict


@dataclass
class FileResult:
    """What validating one file found, and what it could build from it."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    document: Document | None = None
    checklist: Checklist | None = None
    submission: Submission | None = None
    verdicts: Verdicts = field(default_factory=dict)  # what the rules assessed, so scoring need not assess again

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    @property
    def valid(self) -> bool:
        return not self.errors


def submission_files(paths: Iterable[str]) -> Iterator[str]:
    """Files named, and the *.yaml / *.yml files inside folders named (sorted, recursive)."""
    for name in paths:
        path = Path(name)
        if os.path.isdir(path):
            found = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            yield from (str(p) for p in found)
        else:
            yield name


def validate_file(path: str, catalog: Catalog, today: dt.date | None = None) -> FileResult:
    """Validate one submission file; never raises for bad input."""
    result = FileResult(path)
    try:
        doc = load_file(path)
    except InputError as exc:
        result.problems.append(exc.problem)
        return result
    result.document = doc
    result.problems.extend(doc.problems)
    if not isinstance(doc.data, dict):
        result.problems.append(Problem(path, 1, 1, "type", f"a submission is a mapping of keys (checklist, institution, answers, …), not {_KINDS.get(type(doc.data), 'a single value')}"))
        return result
    checklist = _find_checklist(doc, catalog, result)
    if checklist is None:
        return result
    result.checklist = checklist
    result.problems.extend(submission_problems(doc, checklist))
    sha = hashlib.sha256(doc.raw).hexdigest()
    submission = replace(build_submission(doc.data, path, sha), source=doc.raw)
    result.submission = submission
    rules = Rules(doc, checklist, submission, today or dt.date.today())
    result.problems.extend(rules.check())
    result.verdicts = rules.verdicts
    result.problems.extend(crosscheck(checklist, submission, doc))
    result.problems.sort(key=lambda p: (p.line, p.column, p.level))
    result.problems = doc.locate(result.problems)  # a workbook: every problem gets its sheet and cell
    return result


_KINDS = {list: "a list", str: "text", type(None): "an empty document", int: "a number", float: "a number", bool: "true/false"}


def _find_checklist(doc: Document, catalog: Catalog, result: FileResult) -> Checklist | None:
    checklist_id, version = doc.data.get("checklist"), doc.data.get("checklist_version")
    if not isinstance(checklist_id, str) or not isinstance(version, str):
        where = ("checklist",) if not isinstance(checklist_id, str) else ("checklist_version",)
        line, column = doc.where(where)
        result.problems.append(Problem(doc.path, line, column, "unknown-checklist",
                                       "the file must name its checklist and checklist_version (quoted, e.g. checklist_version: \"2026.1\")"))
        return None
    found = catalog.find(checklist_id, version)
    if found is None:
        versions = [c.version for c in catalog.versions(checklist_id)]
        known = f"known versions: {', '.join(versions)}" if versions else f"known checklists: {', '.join(sorted({c.id for c in catalog.checklists.values()})) or 'none'}"
        line, column = doc.where(("checklist_version",) if versions else ("checklist",))
        result.problems.append(Problem(doc.path, line, column, "unknown-checklist",
                                       f"unknown checklist {checklist_id} version {version} ({known}); pass a checklist file that is not bundled with --checklist FILE"))
    return found


def _is_file(path: Path) -> bool:
    """Path.is_file(), but False for a name the OS refuses (too long, symlink loop, not a folder on the way)."""
    try:
        return path.is_file()
    except OSError:
        return False


class Rules:
    """The cross-field rules of one submission; check() returns every Problem."""

    def __init__(self, doc: Document, checklist: Checklist, submission: Submission, today: dt.date) -> None:
        self.doc, self.checklist, self.sub, self.today = doc, checklist, submission, today
        self.data: dict[str, Any] = doc.data
        self.problems: list[Problem] = []
        self.folder = Path(doc.path).resolve().parent
        self.hashes: dict[Path, str] = {}
        self.verdicts: Verdicts = {}
        self.judged: dict[tuple[str, type, Any, int | None], Verdict] = {}

    def add(self, path: Path_, code: str, message: str, item: str | None = None, level: str = "error") -> None:
        line, column = self.doc.where(path)
        message = printable(message, 1000)  # ids and keys quoted in it are user text: keep it one line
        self.problems.append(Problem(self.doc.path, line, column, code, message, level, item, pointer(path)))

    def check(self) -> list[Problem]:
        self.check_header()
        self.check_sites_and_systems()
        self.check_answers()
        return self.problems

    # --- header, people, sites, systems ---------------------------------------

    def person(self, path: Path_, key: Any, what: str, item: str | None = None) -> None:
        if not isinstance(key, str) or key in self.sub.people:
            return
        close = difflib.get_close_matches(key, list(self.sub.people), n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else "; add them under people:"
        self.add(path, "unknown-person", f"{what} '{printable(key)}' is not in people{hint}", item)

    def check_header(self) -> None:
        as_of = self.sub.as_of
        if as_of and as_of > self.today:
            self.add(("as_of",), "as-of-future", f"as_of {as_of} is in the future (today is {self.today}); answers describe a date that has passed")
        self.person(("prepared_by",), self.data.get("prepared_by"), "prepared_by")
        approval = self.data.get("approved_by")
        if isinstance(approval, dict):
            self.person(("approved_by", "person"), approval.get("person"), "approved_by")

    def check_sites_and_systems(self) -> None:
        site_ids = self._unique("sites", "site")
        self._unique("systems", "system")
        for index, raw in enumerate(self.entries("sites")):
            if isinstance(raw, dict):
                self.person(("sites", index, "owner"), raw.get("owner"), f"owner of site {raw.get('id')}")
        for index, raw in enumerate(self.entries("systems")):
            if isinstance(raw, dict):
                self.check_system(("systems", index), raw, site_ids)

    def entries(self, key: str) -> list[Any]:
        """The list under a top-level key; anything else (the schema already said so) as no entries."""
        value = self.data.get(key)
        return value if isinstance(value, list) else []

    def _unique(self, key: str, word: str) -> set[str]:
        seen: dict[str, int] = {}
        for index, raw in enumerate(self.entries(key)):
            ident = raw.get("id") if isinstance(raw, dict) else None
            if not isinstance(ident, str):
                continue
            if ident in seen:
                self.add((key, index, "id"), "duplicate-id", f"{word} id {ident} is used twice (first as {key}[{seen[ident]}]); ids must be unique in the file")
            seen.setdefault(ident, index)
        return set(seen)

    def check_system(self, path: Path_, raw: dict[str, Any], site_ids: set[str]) -> None:
        ident = raw.get("id")
        for key in ("owner", "deputy"):
            self.person(path + (key,), raw.get(key), f"{key} of system {ident}")
        for key in ("site", "dr_site"):
            site = raw.get(key)
            if isinstance(site, str) and site not in site_ids:
                close = mistakes.suggest(site, site_ids)
                hint = f"; did you mean '{close}'?" if close else "; add it under sites:"
                self.add(path + (key,), "unknown-site", f"{key} of system {ident}: no site with id '{printable(site)}'{hint}")
        if raw.get("dr_site") is not None and raw.get("dr_site") == raw.get("site"):
            self.add(path + ("dr_site",), "dr-same-site", f"system {ident}: dr_site is the same as site ({raw.get('site')}); a disaster-recovery site must be another facility, or leave dr_site out")
        grade = raw.get("grade")
        if grade in (1, 2):
            if raw.get("deputy") is None:
                self.add(path + ("id",), "no-deputy", f"system {ident} is grade {grade} but has no deputy owner", level="warning")
            if raw.get("dr_site") is None:
                self.add(path + ("id",), "no-dr-site", f"system {ident} is grade {grade} but has no dr_site", level="warning")

    # --- answers ----------------------------------------------------------------

    def check_answers(self) -> None:
        answers = self.data.get("answers")
        if not isinstance(answers, dict):
            return
        items = self.checklist.items
        respelt = {mistakes.normalised_id(str(key), items) for key in answers if key not in items}  # RED-5: said once
        for item in items.values():
            targets = applicable_targets(item, self.sub)
            raw = answers.get(item.id)
            path: Path_ = ("answers", item.id)
            if raw is None and item.id in respelt:
                continue
            if targets is None:
                if raw is None:
                    self.add(("answers",), "unanswered", f"{item.id} ({item.title.get('en')}) is not answered", item.id)
                elif isinstance(raw, dict):
                    self.check_answer(item, path, raw, None)
                continue
            self.check_targets(item, path, raw, targets)

    def check_targets(self, item: Item, path: Path_, raw: Any, targets: list[str]) -> None:
        key = "sites" if item.scope == "site" else "systems"
        word = key[:-1]
        given = raw.get(key) if isinstance(raw, dict) else None
        given = given if isinstance(given, dict) else {}
        if raw is None and targets:
            self.add(("answers",), "unanswered", f"{item.id} ({item.title.get('en')}) is not answered; it asks about {word}s {', '.join(targets)}", item.id)
            return
        known = {s.id for s in (self.sub.sites if key == "sites" else self.sub.systems)}
        wanted = set(targets)
        for target in targets:
            if target not in given and isinstance(raw, dict) and isinstance(raw.get(key), dict):
                self.add(path + (key,), "unanswered", f"{item.id}: no answer for {word} {target}{self._target_note(item, target)}", item.id)
        for target, answer in given.items():
            target_path = path + (key, target)
            if target not in known:
                close = mistakes.suggest(str(target), known)
                hint = f"; did you mean '{close}'?" if close else ""
                self.add(target_path, f"unknown-{word}", f"{item.id}: no {word} with id '{target}' in {key}:{hint}", item.id)
            elif target not in wanted:
                self.add(target_path, "not-applicable-target", f"{item.id} does not apply to {word} {target} ({item.applies_to.describe()}{self._target_note(item, target)}): remove this answer", item.id)
            elif isinstance(answer, dict):
                self.check_answer(item, target_path, answer, target)

    def _target_note(self, item: Item, target: str) -> str:
        if item.scope == "system":
            system = self.sub.system_map.get(target)
            return f", grade {system.grade}" if system else ""
        site = self.sub.site_map.get(target)
        return f", battery {site.battery}, kind {site.kind}" if site else ""

    def check_answer(self, item: Item, path: Path_, raw: dict[str, Any], target: str | None) -> None:
        answer = self.built_answer(item, target) or build_answer(raw)
        label = f"{item.id} / {target}" if target else item.id
        system = self.sub.system_map.get(target) if item.scope == "system" and target else None
        grade = system.grade if system else None
        verdict = self.assess(item, answer, grade)
        self.verdicts[(item.id, target)] = (answer, verdict)
        status = verdict.status
        if item.answer.computed and "value" in raw and item.answer.accepts(raw["value"]) and self.sub.as_of:
            self.check_value(item, path, label, answer, verdict, grade)
        owner = raw.get("owner")
        if isinstance(owner, str) and owner not in self.sub.people:
            self.person(path + ("owner",), owner, f"{label}: owner", item.id)
        if "review" in raw and isinstance(raw["review"], str):
            self.add(path + ("review",), "review-pending", f"{label}: carried over and marked for review: {raw['review']} (delete the review line once checked)", item.id, "warning")
        if "evidence" in raw or item.evidence == "required":
            self.check_evidence(item, path, label, raw, status)
        if "remediation" in raw:
            self.check_remediation(item, path, label, raw, status)

    def assess(self, item: Item, answer: Answer, grade: int | None) -> Verdict:
        """assess(), remembered per item, value and grade: one value recurs across hundreds of systems (verdicts
        are frozen, so answers may share one)."""
        value = answer.value
        if (answer.status == "not_applicable" or not item.answer.computed or self.sub.as_of is None
                or not isinstance(value, (str, int, float)) or isinstance(value, bool)):
            return assess(item, answer, grade, self.sub.as_of)
        key = (item.id, type(value), value, grade)
        found = self.judged.get(key)
        if found is None:
            found = self.judged[key] = assess(item, answer, grade, self.sub.as_of)
        return found

    def built_answer(self, item: Item, target: str | None) -> Answer | None:
        """The Answer build_submission() made of this raw answer (built once, not again per rule)."""
        given = self.sub.answers.get(item.id)
        if item.scope == "system" and "sites" in self.data["answers"][item.id]:
            return None  # build_submission took the (misplaced) sites: mapping; build this one from the raw answer
        if target is None:
            return given if isinstance(given, Answer) else None
        return given.get(target) if isinstance(given, dict) else None

    def check_value(self, item: Item, path: Path_, label: str, answer: Any, verdict: Verdict, grade: int | None) -> None:
        computed = verdict.status
        rule = item.answer.rule_for(grade)
        day = parse_date(answer.value) if item.answer.type == "date" else None
        if day and rule and rule.max_age_days is not None and self.sub.as_of and day > self.sub.as_of:
            self.add(path + ("value",), "date-after-as-of", f"{label}: {day} is after as_of {self.sub.as_of}; give the date of the last event that had happened by as_of", item.id)
        declared = answer.status
        if declared and declared != computed and declared != "not_applicable":
            self.add(path + ("status",), "threshold", f"{label}: status says {declared} but the value gives {computed}: {verdict.reason}", item.id)
        elif computed in ("partial", "non_compliant") and answer.remediation is None and declared is None:
            self.add(path + ("value",), "remediation-required", f"{label}: {verdict.reason}; add a remediation (action, owner, due) or correct the value", item.id)

    def check_evidence(self, item: Item, path: Path_, label: str, raw: dict[str, Any], status: str) -> None:
        given = raw.get("evidence")
        evidence = given if isinstance(given, list) else []
        if item.evidence == "required" and status == "compliant" and not evidence:
            self.add(path, "evidence-required", f"{label}: evidence is required for a compliant answer; add evidence: [{{file: …, sha256: …}}] or [{{ref: …}}]", item.id)
        for index, entry in enumerate(evidence):
            if isinstance(entry, dict) and isinstance(entry.get("file"), str):
                self.check_evidence_file(item, path + ("evidence", index), label, entry)

    def check_evidence_file(self, item: Item, path: Path_, label: str, entry: dict[str, Any]) -> None:
        name = entry["file"]
        shown = printable(name)
        given = entry.get("sha256")
        if os.path.isabs(name) or name.startswith("~"):
            self.add(path + ("file",), "evidence-outside", f"{label}: evidence file '{shown}' is an absolute path; give a path relative to the submission's folder", item.id)
            return
        if "\x00" in name:  # no file system accepts it; resolve() and stat() would raise ValueError
            self.add(path + ("file",), "evidence-not-found", f"{label}: evidence file name contains a NUL character", item.id)
            return
        target = (self.folder / name)
        try:
            resolved = target.resolve()
        except (OSError, RuntimeError):
            resolved = target
        if not resolved.is_relative_to(self.folder):
            self.add(path + ("file",), "evidence-outside", f"{label}: evidence file '{shown}' lies outside the submission's folder ({self.folder}); copy it into the folder and refer to it there", item.id)
            return
        if not _is_file(resolved):
            if isinstance(given, str):
                self.add(path + ("file",), "evidence-missing", f"{label}: evidence file '{shown}' is not on disk; only its sha256 is recorded", item.id, "warning")
            else:
                self.add(path + ("file",), "evidence-not-found", f"{label}: evidence file '{shown}' not found next to the submission and no sha256 recorded", item.id)
            return
        actual = self._sha256(resolved)
        if actual is None:
            self.add(path + ("file",), "evidence-unreadable", f"{label}: evidence file '{shown}' cannot be read", item.id)
        elif given is None:
            self.add(path + ("file",), "evidence-no-hash", f"{label}: evidence file '{shown}' has no sha256; add sha256: {actual}", item.id, "warning")
        elif isinstance(given, str) and given.lower() != actual:
            self.add(path + ("sha256",), "evidence-hash", f"{label}: evidence file '{shown}' has sha256 {actual}, not the recorded {given}; the file changed after it was recorded (re-check it and update the hash)", item.id)

    def _sha256(self, path: Path) -> str | None:
        if path not in self.hashes:
            digest = hashlib.sha256()
            try:
                with path.open("rb") as handle:
                    for block in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(block)
            except OSError:
                return None
            self.hashes[path] = digest.hexdigest()
        return self.hashes[path]

    def check_remediation(self, item: Item, path: Path_, label: str, raw: dict[str, Any], status: str) -> None:
        remediation = raw.get("remediation")
        if not isinstance(remediation, dict):
            return
        path = path + ("remediation",)
        self.person(path + ("owner",), remediation.get("owner"), f"{label}: remediation owner", item.id)
        due = parse_date(remediation.get("due"))
        if due is None:
            return
        if self.sub.period and dt.MINYEAR <= self.sub.period <= dt.MAXYEAR and due < dt.date(self.sub.period, 1, 1):
            self.add(path + ("due",), "due-before-period", f"{label}: remediation due {due} is before the audit period {self.sub.period} started", item.id)
        days = self.checklist.scoring.remediation_days.get(item.severity)
        as_of = self.sub.as_of
        if days is not None and as_of and status in ("partial", "non_compliant") and (due - as_of).days > days:
            self.add(path + ("due",), "remediation-late", f"{label}: remediation due {due} is {(due - as_of).days} days after as_of; a {item.severity} gap should be fixed within {int(days)} days", item.id, "warning")
