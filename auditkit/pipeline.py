"""The one path from a file to a score: load -> validate -> gate -> score.

Every command that reads submissions comes through here (report, rollup, status, diff), so that they agree on what
counts as usable: a named :class:`Policy` decides, not each command by hand. A new input form (a workbook) plugs
in at load, below this module. Nothing here prints or exits; bad input becomes problems on the result.

Import graph (one way): cli -> report / rollup / progress -> pipeline -> validate, score, diff -> model -> verdict
-> vocabulary -> i18n.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from .checklists import Catalog, ChecklistError
from .diff import DiffReport, checklist_chain, compare
from .errors import AuditkitError
from .i18n import _, ngettext
from .score import Readiness, score_submission
from .validate import FileResult, validate_file


class Policy(Enum):
    """Which submissions are scored."""

    VALID = "valid"  # only those with no validation error: roll-ups, diffs, reports
    DRAFT = "draft"  # also invalid ones, as long as they name a known checklist and could be read: report --draft
    READABLE = "readable"  # the same gate as DRAFT, for commands that look at a file in progress: status


@dataclass(frozen=True)
class Evaluation:
    """A file as the pipeline leaves it: what validation found, and its readiness when the policy let it through."""

    result: FileResult
    readiness: Readiness | None

    @property
    def path(self) -> str:
        return self.result.path

    @property
    def scored(self) -> bool:
        return self.readiness is not None

    def refusal(self) -> str:
        """Why the file was not scored: its first error, in one line."""
        first = self.result.errors[0] if self.result.errors else "-"
        count = len(self.result.errors)
        errors = ngettext("{count} error", "{count} errors", count).format(count=count)
        return _("{path}: {errors}, first: {first}").format(path=self.path, errors=errors, first=first)


def readable(result: FileResult) -> bool:
    """Whether a file named a known checklist and could be built into a submission (errors or not)."""
    return result.checklist is not None and result.submission is not None


def admitted(result: FileResult, policy: Policy) -> bool:
    """The gate: whether ``policy`` lets this validated file be scored."""
    return readable(result) and (result.valid or policy is not Policy.VALID)


def score(result: FileResult) -> Readiness:
    """The readiness of a readable file, from the verdicts validation reached (no answer is judged twice)."""
    if result.checklist is None or result.submission is None:
        raise AuditkitError(_("{path}: cannot score this submission").format(path=result.path))
    return score_submission(result.checklist, result.submission, result.verdicts)


def evaluate(path: str, catalog: Catalog, policy: Policy = Policy.VALID, today: dt.date | None = None,
             scoring: bool = True) -> Evaluation:
    """Load, validate, gate and (unless ``scoring`` is off, as for status) score one file. Never raises for bad
    input: what is wrong is on ``result.problems``."""
    result = validate_file(path, catalog, today)
    return Evaluation(result, score(result) if scoring and admitted(result, policy) else None)


def compare_paths(old_path: str, new_path: str, catalog: Catalog, allow_different: bool = False) -> DiffReport:
    """Evaluate both files (valid only), then compare them; raise for invalid files or different institutions."""
    old, new = evaluate(old_path, catalog), evaluate(new_path, catalog)
    errors = [p for e in (old, new) for p in e.result.errors]
    if errors or old.readiness is None or new.readiness is None:
        raise ChecklistError(errors) if errors else AuditkitError(_("cannot compare unreadable submissions"))
    before, after = old.readiness, new.readiness
    if before.submission.institution_code != after.submission.institution_code and not allow_different:
        raise AuditkitError(_("{old} is for institution {old_code} but {new} is for {new_code}; pass --allow-different to "
                              "compare them anyway").format(old=old_path, old_code=before.submission.institution_code,
                                                            new=new_path, new_code=after.submission.institution_code))
    return compare(before, after, checklist_chain(before.checklist, after.checklist, catalog))
