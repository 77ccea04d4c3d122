"""Validation of submissions: the schema, then every cross-field rule (auditkit/rules/)."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import rules
from .checklists import Catalog
from .errors import InputError, Problem
from .i18n import N_, _
from .loader import Document, load_file
from .model import Checklist, Submission, Verdicts, build_submission
from .schema import submission_problems


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

    def without_document(self) -> FileResult:
        """This result without the loaded document (its text, positions and bytes): what scoring still needs."""
        return replace(self, document=None, submission=replace(self.submission, source=b"") if self.submission else None)

    def findings_only(self) -> FileResult:
        """The path and problems alone: what a batch keeps of each file, so that validating a folder holds one
        document at a time (2,000 files in 1.26 GB before, see benchmarks/)."""
        return FileResult(self.path, self.problems)


def submission_files(paths: Iterable[str], suffixes: tuple[str, ...] = (".yaml", ".yml")) -> Iterator[str]:
    """Files named, and the *.yaml / *.yml files (or other `suffixes`) inside folders named (sorted, recursive)."""
    for name in paths:
        path = Path(name)
        if os.path.isdir(path):
            found = sorted(p for p in path.rglob("*") if p.suffix in suffixes and p.is_file()
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
        kind = _(_KINDS.get(type(doc.data), N_("a single value")))
        result.problems.append(Problem(path, 1, 1, "not-a-mapping", _("a submission is a mapping of keys (checklist, institution, "
                                                                      "answers, …), not {kind}").format(kind=kind)))
        return result
    checklist = _find_checklist(doc, catalog, result)
    if checklist is None:
        return result
    result.checklist = checklist
    result.problems.extend(submission_problems(doc, checklist))
    sha = hashlib.sha256(doc.raw).hexdigest()
    submission = replace(build_submission(doc.data, path, sha), source=doc.raw)
    result.submission = submission
    found, result.verdicts = rules.check(doc, checklist, submission, today or dt.date.today())
    result.problems.extend(found)
    result.problems.sort(key=lambda p: (p.line, p.column, p.level))
    result.problems = doc.locate(result.problems)  # a workbook: every problem gets its sheet and cell
    return result


_KINDS = {list: N_("a list"), str: N_("text"), type(None): N_("an empty document"), int: N_("a number"), float: N_("a number"),
          bool: N_("true/false")}


def _find_checklist(doc: Document, catalog: Catalog, result: FileResult) -> Checklist | None:
    checklist_id, version = doc.data.get("checklist"), doc.data.get("checklist_version")
    if not isinstance(checklist_id, str) or not isinstance(version, str):
        where = ("checklist",) if not isinstance(checklist_id, str) else ("checklist_version",)
        line, column = doc.where(where)
        result.problems.append(Problem(doc.path, line, column, "unknown-checklist",
                                       _("the file must name its checklist and checklist_version (quoted, e.g. checklist_version: "
                                         "\"2026.1\")")))
        return None
    found = catalog.find(checklist_id, version)
    if found is None:
        versions = [c.version for c in catalog.versions(checklist_id)]
        ids = ", ".join(sorted({c.id for c in catalog.checklists.values()})) or "-"
        known = (_("known versions: {versions}").format(versions=", ".join(versions)) if versions
                 else _("known checklists: {ids}").format(ids=ids))
        line, column = doc.where(("checklist_version",) if versions else ("checklist",))
        result.problems.append(Problem(doc.path, line, column, "unknown-checklist",
                                       _("unknown checklist {id} version {version} ({known}); pass a checklist file that is not "
                                         "bundled with --checklist FILE").format(id=checklist_id, version=version, known=known)))
    return found
