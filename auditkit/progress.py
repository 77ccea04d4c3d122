"""`auditkit status`: how far a submission is done, by section, and what is left.

An answer counts as done only when it is complete: filled in, without a validation error at or under it (so a
failing answer needs its remediation, a compliant one its required evidence, not_applicable its comment) and
without a `review:` note from `init --from`. The header fields a person fills in (as_of, institution, people,
prepared_by, sites, systems) count like answers, so an empty as_of is never 100 %."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .checklists import Catalog
from .errors import AuditkitError, Problem
from .i18n import N_, _, language, ngettext
from .loader import pointer
from .model import Answer, Submission, applicable_targets
from .output import dumps
from .pipeline import Policy, evaluate, readable
from .validate import FileResult


@dataclass
class SectionProgress:
    """One section (or the header fields): how many answers it expects, how many are filled in and how many are
    complete, and what is left with why."""

    id: str
    title: str
    expected: int = 0
    answered: int = 0  # filled in: a status or a value given
    complete: int = 0  # filled in and nothing left to do (see _left)
    missing: list[str] = field(default_factory=list)  # not filled in at all
    left: list[tuple[str, str]] = field(default_factory=list)  # (where, what is left) for every incomplete answer

    @property
    def percent(self) -> float:
        return 100.0 * self.complete / self.expected if self.expected else 100.0

    def count(self, where: str, filled: bool, problem: Problem | None) -> None:
        self.expected += 1
        self.answered += filled
        reason = _left(filled, problem)
        if reason is None:
            self.complete += 1
            return
        self.left.append((where, reason))
        if not filled:
            self.missing.append(where)


@dataclass
class Progress:
    path: str
    checklist: str
    sections: list[SectionProgress]
    errors: int
    warnings: int
    reviews: int
    approved: bool = False

    @property
    def expected(self) -> int:
        return sum(s.expected for s in self.sections)

    @property
    def answered(self) -> int:
        return sum(s.answered for s in self.sections)

    @property
    def complete(self) -> int:
        return sum(s.complete for s in self.sections)


def _filled(answer: Answer | None) -> bool:
    return answer is not None and (answer.status is not None or answer.value is not None)


def _left(filled: bool, problem: Problem | None) -> str | None:
    """What is left to do for one answer or header field; None when it is complete.

    Complete means: filled in, no validation error at or under it, and no `review:` note left by `init --from`.
    So a failing answer without its remediation, a required evidence not attached, a not_applicable without its
    comment, an empty owner are all still to do, each named by its finding code."""
    if not filled:
        return _("not filled in")
    if problem is None:
        return None
    if problem.code == "review-pending":
        return _("marked for review: check it, then delete the review line")
    return _("{message} ({code})").format(message=problem.message, code=problem.code)


HEADER = (("as_of", N_("the date the answers describe")), ("institution", N_("the institution's code and name")),
          ("people", N_("the people named in the file")), ("prepared_by", N_("who prepared the file")),
          ("sites", N_("the facilities")), ("systems", N_("the information systems")))


def _header(data: dict[str, Any], problems: dict[str, Problem]) -> SectionProgress:
    """The header fields as a section of their own: an empty as_of or no systems is work left, like an answer."""
    counted = SectionProgress("header", _("header fields"))
    for key, meaning in HEADER:
        value = data.get(key)
        filled = value not in (None, "", [], {}) and not (key == "institution" and not _named(value))
        counted.count(f"{key} ({_(meaning)})", filled, problems.get("/" + key))
    return counted


def _named(institution: Any) -> bool:
    name = institution.get("name") if isinstance(institution, dict) else None
    return isinstance(name, dict) and bool(name.get("ko"))


def _first_problems(result: FileResult) -> dict[str, Problem]:
    """Every JSON pointer that has an error (or a pending review) at or under it -> the first such problem."""
    found: dict[str, Problem] = {}
    for problem in result.problems:
        if problem.level != "error" and problem.code != "review-pending":
            continue
        parts = problem.pointer.split("/")
        for end in range(2, len(parts) + 1):
            found.setdefault("/".join(parts[:end]), problem)
    return found


def progress(path: str, catalog: Catalog) -> Progress:
    """Count complete and expected answers per section; works on drafts that do not validate yet."""
    result = evaluate(path, catalog, Policy.READABLE, scoring=False).result
    if not readable(result) or result.document is None:
        first = result.errors[0] if result.errors else None
        raise AuditkitError(_("cannot read {path} as a submission: {reason} ({path}:{line})").format(
            path=path, reason=first.message if first else _("unknown checklist"), line=first.line if first else 1))
    checklist, sub = result.checklist, result.submission
    assert checklist is not None and sub is not None
    problems = _first_problems(result)
    sections = [_header(result.document.data, problems)]
    for section in checklist.sections:
        counted = SectionProgress(section.id, section.title.get(language()))
        for item in section.items:
            for target, answer in _answers(item.id, applicable_targets(item, sub), sub):
                key = "sites" if item.scope == "site" else "systems"
                where = pointer(("answers", item.id) + ((key, target) if target else ()))
                counted.count(f"{item.id} / {target}" if target else item.id, _filled(answer), problems.get(where))
        sections.append(counted)
    reviews = sum(1 for p in result.warnings if p.code == "review-pending")
    return Progress(path, checklist.key, sections, len(result.errors), len(result.warnings), reviews,
                    sub.approved_by is not None)


def _answers(item_id: str, targets: list[str] | None, sub: Submission) -> list[tuple[str | None, Answer | None]]:
    given = sub.answers.get(item_id)
    if targets is None:
        return [(None, given if isinstance(given, Answer) else None)]
    per_target = given if isinstance(given, dict) else {}
    return [(target, per_target.get(target)) for target in targets]


def progress_text(report: Progress, shown: int = 12) -> str:
    lines = [f"{report.path} ({report.checklist})", _("section   complete    of   done")]
    for section in report.sections:
        done = f"{section.percent:>5.0f}%" if section.expected else "     -"
        lines.append(f"{section.id:<8} {section.complete:>9} {section.expected:>5} {done}  {section.title}")
    total = 100.0 * report.complete / report.expected if report.expected else 100.0
    label = _("total")  # not inside the f-string: the message extractor does not look there
    lines.append(f"{_pad(label, 8)} {report.complete:>9} {report.expected:>5} {total:>5.0f}%")
    left = [item for s in report.sections for item in s.left]
    if left:
        lines.append(ngettext("{count} answer is not complete yet:", "{count} answers are not complete yet:",
                              len(left)).format(count=len(left)))
        grouped = _grouped(left)
        lines += [f"  {where}: {reason}" for where, reason in grouped[:shown]]
        if len(grouped) > shown:
            lines.append("  " + _("… and {count} more (--format json lists them all)").format(count=len(grouped) - shown))
    if report.reviews:
        lines.append(_("{count} carried answer(s) marked for review (remove each 'review:' line once checked)").format(
            count=report.reviews))
    if not report.approved:
        lines.append(_("approved_by is not filled in yet: until it is, a report of this file is marked DRAFT"))
    lines.append(_("validation: {errors} error(s), {warnings} warning(s); run `auditkit validate {path}` for details").format(
        errors=report.errors, warnings=report.warnings, path=report.path))
    return "\n".join(lines)


def _pad(text: str, width: int) -> str:
    """Left-justify to a terminal width: a Korean syllable takes two columns."""
    wide = sum(1 for char in text if unicodedata.east_asian_width(char) in "WF")
    return text + " " * max(width - len(text) - wide, 0)


def _grouped(left: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """One line per item and reason: 'RED-03 / A', 'RED-03 / B' not filled in -> 'RED-03 (A, B)'."""
    groups: dict[tuple[str, str], list[str]] = {}
    for where, reason in left:
        item, _sep, target = where.partition(" / ")
        groups.setdefault((item, reason), []).append(target)
    lines = []
    for (item, reason), targets in groups.items():
        named = [t for t in targets if t]
        shown = ", ".join(named[:4]) + (f", +{len(named) - 4}" if len(named) > 4 else "")
        lines.append((f"{item} ({shown})" if named else item, reason))
    return lines


def progress_json(report: Progress) -> str:
    return dumps({"path": report.path, "checklist": report.checklist, "complete": report.complete,
                  "answered": report.answered, "expected": report.expected, "errors": report.errors,
                  "warnings": report.warnings, "reviews": report.reviews, "approved": report.approved,
                  "sections": [{"id": s.id, "title": s.title, "complete": s.complete, "answered": s.answered,
                                "expected": s.expected, "percent": round(s.percent, 1), "missing": s.missing,
                                "left": [{"where": w, "what": r} for w, r in s.left]} for s in report.sections]})
