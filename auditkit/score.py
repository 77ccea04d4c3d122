"""Readiness (docs/format.en.md, "Rating"): pure functions from a checklist and a submission to scores."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import Any

from .model import (
    STATUS_RANK,
    Answer,
    Checklist,
    Item,
    Remediation,
    Submission,
    Verdicts,
    applicable_targets,
    assess,
    target_grade,
)
from .verdict import UNANSWERED, Verdict
from .vocabulary import RATINGS

SOON_DAYS = 30
WORST_FIRST = ("non_compliant", "partial", "compliant")


def round_score(value: float | None) -> float | None:
    """A score as printed: rounded half-up (반올림) at one decimal, so 81.25 -> 81.3 (round() would give 81.2).
    The one place scores are rounded; ratings use the unrounded score."""
    if value is None:
        return None
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def format_score(value: float | None) -> str:
    """A score for print: one decimal, half-up; an en dash when there is none."""
    rounded = round_score(value)
    return "–" if rounded is None else f"{rounded:.1f}"


FAILING = ("partial", "non_compliant")  # the statuses an answer fails with (and may promise a remediation)


@dataclass(frozen=True)
class TargetResult:
    """One answer's computed status: an institution-scope item, or one site or system of an item."""

    target: str | None
    verdict: Verdict
    answer: Answer | None

    @property
    def status(self) -> str:
        return self.verdict.status

    @property
    def reason(self) -> str:
        return self.verdict.reason

    def reason_text(self, lang: str = "en") -> str:
        return self.verdict.text(lang)

    @property
    def failing(self) -> bool:
        return self.status in FAILING


@dataclass(frozen=True)
class ItemResult:
    item: Item
    results: tuple[TargetResult, ...]
    score: float | None  # 0..1, None when nothing counts (not applicable, or no site/system)

    @property
    def failing(self) -> tuple[TargetResult, ...]:
        return tuple(r for r in self.results if r.failing)

    @cached_property
    def targets(self) -> frozenset[str | None]:
        """The sites or systems this item asks about (None for an institution-scope item)."""
        return frozenset(r.target for r in self.results)

    @property
    def counted(self) -> tuple[TargetResult, ...]:
        """The answers that count: not-applicable sites and systems are left out (of scores and denominators)."""
        return tuple(r for r in self.results if r.status != "not_applicable")

    @property
    def status(self) -> str:
        """The worst status over the answers that count (a chain is as strong as its weakest link): non_compliant if
        any answer is, else partial if any is, else compliant; not_applicable (every answer N/A) or none (nothing
        to answer). Never "partial" for a mix of compliant and non-compliant answers."""
        if not self.results:
            return "none"
        found = {r.status for r in self.counted}
        return next((s for s in WORST_FIRST if s in found), "not_applicable")

    @property
    def worst_count(self) -> int:
        """How many of the counted answers have the item's (worst) status: the 1 of "부적합 1/3"."""
        return sum(1 for r in self.counted if r.status == self.status)

    def overdue(self, as_of: dt.date | None) -> tuple[TargetResult, ...]:
        """Failing answers whose remediation was due before as_of (a promise already broken)."""
        if as_of is None:
            return ()
        return tuple(r for r in self.failing if r.answer is not None and r.answer.remediation is not None
                     and r.answer.remediation.due is not None and r.answer.remediation.due < as_of)

    @property
    def remediated(self) -> bool:
        """Every failing answer has a remediation with a due date."""
        return all(r.answer is not None and r.answer.remediation is not None for r in self.failing)


@dataclass(frozen=True)
class SectionScore:
    id: str
    items: tuple[ItemResult, ...]
    score: float | None  # percent


@dataclass(frozen=True)
class Promise:
    """A remediation: what was promised, by whom, by when, and how it stands at as_of."""

    item: Item
    target: str | None
    remediation: Remediation
    days_left: int | None  # due - as_of

    @property
    def state(self) -> str:
        if self.days_left is None:
            return "undated"
        if self.days_left < 0:
            return "overdue"
        return "soon" if self.days_left <= SOON_DAYS else "planned"


@dataclass(frozen=True)
class Readiness:
    checklist: Checklist
    submission: Submission
    sections: tuple[SectionScore, ...]
    score: float | None
    rating: str
    promises: tuple[Promise, ...]

    @property
    def items(self) -> list[ItemResult]:
        return [r for s in self.sections for r in s.items]

    @property
    def critical_gaps(self) -> list[ItemResult]:
        return [r for r in self.items if r.item.severity == "critical" and r.failing]

    @property
    def findings(self) -> list[ItemResult]:
        return [r for r in self.items if r.failing]

    @property
    def rating_reasons(self) -> list[tuple[str, list[str]]]:
        """The rules behind the rating (see rating_reasons())."""
        return rating_reasons(self.items, self.score, self.checklist, self.submission.as_of)


def item_result(item: Item, submission: Submission, partial_credit: float = 0.5, known: Verdicts | None = None
                ) -> ItemResult:
    """The status of each answer an item asks for; `known` are verdicts validation already reached."""
    targets = applicable_targets(item, submission)
    given = submission.answers.get(item.id)
    results = []
    for target in ([None] if targets is None else targets):
        if target is None:
            answer = given if isinstance(given, Answer) else None
        else:
            answer = given.get(target) if isinstance(given, dict) else None
        if answer is None:
            results.append(TargetResult(target, UNANSWERED, None))
            continue
        hit = known.get((item.id, target)) if known else None
        if hit is not None and hit[0] is answer:
            verdict = hit[1]
        else:
            verdict = assess(item, answer, target_grade(item, submission, target), submission.as_of)
        results.append(TargetResult(target, verdict, answer))
    return ItemResult(item, tuple(results), item_credit(item, results, partial_credit))


def item_credit(item: Item, results: list[TargetResult], partial_credit: float) -> float | None:
    """0..1: the mean over the answers that count; for a critical item the credit of its worst answer (one site
    that burns is not made good by two that do not). None when no answer counts."""
    credit = {"compliant": 1.0, "partial": partial_credit, "non_compliant": 0.0}
    values = [credit[r.status] for r in results if r.status != "not_applicable"]
    if not values:
        return None
    return min(values) if item.severity == "critical" else sum(values) / len(values)


def score_submission(checklist: Checklist, submission: Submission, known: Verdicts | None = None) -> Readiness:
    """Scores per section and overall, the rating, and every remediation promise."""
    scoring = checklist.scoring
    sections = []
    for section in checklist.sections:
        results = tuple(item_result(item, submission, scoring.partial_credit, known) for item in section.items)
        sections.append(SectionScore(section.id, results, _weighted(results, scoring.weights)))
    everything = tuple(r for s in sections for r in s.items)
    overall = _weighted(everything, scoring.weights)
    return Readiness(checklist, submission, tuple(sections), overall,
                     rating_of(everything, overall, checklist, submission.as_of), _promises(everything, submission.as_of))


def _weighted(results: tuple[ItemResult, ...], weights: dict[str, float]) -> float | None:
    total = weight_sum = 0.0
    for result in results:
        if result.score is None:
            continue
        weight = float(weights.get(result.item.severity, 1))
        total += weight * result.score
        weight_sum += weight
    return 100.0 * total / weight_sum if weight_sum else None


# Why a rating is what it is; each reason names the items behind it (the report prints them, the docs explain them).
RATING_REASONS = ("no_score", "critical_unremediated", "critical_overdue", "below_conditional", "critical_open",
                  "below_ready")
NOT_READY_REASONS = frozenset(RATING_REASONS[:4])


def rating_reasons(results: tuple[ItemResult, ...] | list[ItemResult], score: float | None, checklist: Checklist,
                   as_of: dt.date | None) -> list[tuple[str, list[str]]]:
    """The rating rules (docs/format.en.md) that hold for this submission, as (reason, item ids), in RATING_REASONS order:
    any of the first four makes it not_ready, either of the last two conditionally_ready."""
    critical = [r for r in results if r.item.severity == "critical" and r.failing]
    scoring = checklist.scoring
    found: dict[str, list[str]] = {
        "critical_unremediated": [r.item.id for r in critical if not r.remediated],
        "critical_overdue": [r.item.id for r in critical if r.overdue(as_of)],
        "critical_open": [r.item.id for r in critical],
    }
    holds = {"no_score": score is None,
             "below_conditional": score is not None and score < scoring.conditional_at,
             "below_ready": score is not None and score < scoring.ready_at} | {k: bool(v) for k, v in found.items()}
    return [(reason, found.get(reason, [])) for reason in RATING_REASONS if holds[reason]]


def rating_of(results: tuple[ItemResult, ...], score: float | None, checklist: Checklist, as_of: dt.date | None) -> str:
    """not_ready: no score, a failing critical item without a remediation or with one already overdue (due before
    as_of), or a score below conditional_at; ready: score at or above ready_at and no failing critical item;
    conditionally_ready otherwise. Uses the unrounded score."""
    reasons = {reason for reason, _ in rating_reasons(results, score, checklist, as_of)}
    if reasons & NOT_READY_REASONS:
        return "not_ready"
    return "conditionally_ready" if reasons else "ready"


def _promises(results: tuple[ItemResult, ...], as_of: dt.date | None) -> tuple[Promise, ...]:
    found = []
    for result in results:
        for target in result.results:
            remediation = target.answer.remediation if target.answer else None
            if remediation is None or not target.failing:
                continue
            days = (remediation.due - as_of).days if remediation.due and as_of else None
            found.append(Promise(result.item, target.target, remediation, days))
    return tuple(sorted(found, key=lambda p: (p.days_left if p.days_left is not None else 10**6, p.item.id)))


def readiness_json(readiness: Readiness) -> dict[str, Any]:
    """What `report --format json` prints: every figure the PDF shows, computed by the same code."""
    sub = readiness.submission
    return {
        "path": sub.path, "sha256": sub.sha256,
        "checklist": readiness.checklist.id, "checklist_version": readiness.checklist.version,
        "institution": {"code": sub.institution_code, "name": {"ko": sub.institution_name.ko, "en": sub.institution_name.en}},
        "period": sub.period, "as_of": str(sub.as_of) if sub.as_of else None,
        "approved": sub.approved_by is not None,
        "score": _round(readiness.score), "rating": readiness.rating,
        "sections": [{"id": s.id, "score": _round(s.score),
                      "failing_items": sum(1 for r in s.items if r.failing)} for s in readiness.sections],
        "critical_gaps": [r.item.id for r in readiness.critical_gaps],
        "rating_reasons": [{"reason": reason, "items": items} for reason, items in readiness.rating_reasons],
        "items": [{"id": r.item.id, "section": r.item.section, "severity": r.item.severity, "status": r.status,
                   "count": r.worst_count, "of": len(r.counted),
                   "score": _round(100 * r.score if r.score is not None else None),
                   "results": [{"target": t.target, "status": t.status, "reason": t.reason} for t in r.results]}
                  for r in readiness.items],
        "remediations": [{"item": p.item.id, "target": p.target, "action": p.remediation.action,
                          "owner": p.remediation.owner, "owner_name": sub.person_name(p.remediation.owner),
                          "due": str(p.remediation.due) if p.remediation.due else None,
                          "state": p.state, "days_left": p.days_left} for p in readiness.promises],
        # what a roll-up lists besides the scores (rollup.Record is read from this object alone)
        "systems_without_dr": [{"id": s.id, "name": s.name, "grade": s.grade, "owner": s.owner,
                                "owner_name": sub.person_name(s.owner)}
                               for s in sub.systems if s.grade in (1, 2) and not s.dr_site],
    }


_round = round_score


__all__ = ["FAILING", "STATUS_RANK", "RATINGS", "RATING_REASONS", "round_score", "format_score", "rating_of", "Readiness", "ItemResult", "TargetResult", "Promise", "score_submission",
           "readiness_json"]
