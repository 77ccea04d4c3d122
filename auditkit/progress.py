"""`auditkit status`: how far a submission is filled in, by section."""
from __future__ import annotations

from dataclasses import dataclass, field

from .checklists import Catalog
from .errors import AuditkitError
from .model import Answer, Submission, applicable_targets
from .output import dumps
from .validate import validate_file


@dataclass
class SectionProgress:
    id: str
    title: str
    expected: int = 0
    answered: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 * self.answered / self.expected if self.expected else 100.0


@dataclass
class Progress:
    path: str
    checklist: str
    sections: list[SectionProgress]
    errors: int
    warnings: int
    reviews: int

    @property
    def expected(self) -> int:
        return sum(s.expected for s in self.sections)

    @property
    def answered(self) -> int:
        return sum(s.answered for s in self.sections)


def _filled(answer: Answer | None) -> bool:
    return answer is not None and (answer.status is not None or answer.value is not None)


def progress(path: str, catalog: Catalog) -> Progress:
    """Count answered and expected answers per section; works on drafts that do not validate yet."""
    result = validate_file(path, catalog)
    if result.checklist is None or result.submission is None:
        first = result.errors[0] if result.errors else None
        raise AuditkitError(f"cannot read {path} as a submission: {first.message if first else 'unknown checklist'}"
                            f" ({path}:{first.line if first else 1})")
    checklist, sub = result.checklist, result.submission
    sections = []
    for section in checklist.sections:
        counted = SectionProgress(section.id, section.title.get("en"))
        for item in section.items:
            for target, answer in _answers(item.id, applicable_targets(item, sub), sub):
                counted.expected += 1
                if _filled(answer):
                    counted.answered += 1
                else:
                    counted.missing.append(f"{item.id} / {target}" if target else item.id)
        sections.append(counted)
    reviews = sum(1 for p in result.warnings if p.code == "review-pending")
    return Progress(path, checklist.key, sections, len(result.errors), len(result.warnings), reviews)


def _answers(item_id: str, targets: list[str] | None, sub: Submission) -> list[tuple[str | None, Answer | None]]:
    given = sub.answers.get(item_id)
    if targets is None:
        return [(None, given if isinstance(given, Answer) else None)]
    per_target = given if isinstance(given, dict) else {}
    return [(target, per_target.get(target)) for target in targets]


def progress_text(report: Progress) -> str:
    lines = [f"{report.path} ({report.checklist})", f"{'section':<8} {'answered':>9} {'of':>5} {'done':>6}"]
    for section in report.sections:
        done = f"{section.percent:>5.0f}%" if section.expected else "     -"
        lines.append(f"{section.id:<8} {section.answered:>9} {section.expected:>5} {done}  {section.title}")
    total = 100.0 * report.answered / report.expected if report.expected else 100.0
    lines.append(f"{'total':<8} {report.answered:>9} {report.expected:>5} {total:>5.0f}%")
    missing = [m for s in report.sections for m in s.missing]
    if missing:
        shown = ", ".join(missing[:12]) + (f", … ({len(missing) - 12} more)" if len(missing) > 12 else "")
        lines.append(f"still to answer: {shown}")
    if report.reviews:
        lines.append(f"{report.reviews} carried answer(s) marked for review (remove each 'review:' line once checked)")
    lines.append(f"validation: {report.errors} error(s), {report.warnings} warning(s); run `auditkit validate {report.path}` for details")
    return "\n".join(lines)


def progress_json(report: Progress) -> str:
    return dumps({"path": report.path, "checklist": report.checklist, "answered": report.answered,
                  "expected": report.expected, "errors": report.errors, "warnings": report.warnings,
                  "reviews": report.reviews,
                  "sections": [{"id": s.id, "title": s.title, "answered": s.answered, "expected": s.expected,
                                "percent": round(s.percent, 1), "missing": s.missing} for s in report.sections]})
