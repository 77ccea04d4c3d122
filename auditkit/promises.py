"""Promises across institutions (`rollup NEW --previous OLD`): pure functions from two years of Readiness to, per
institution, the remediations promised in the previous year and what became of them.

A promise is a remediation of a failing answer in the previous submission. Matched to the current submission the way
the diff matches (auditkit.diff: items by id and through `replaces`, sites and systems by id), it is:

- kept: the answer is compliant now;
- broken: still failing and its due date is on or before the current as_of (the diff's `overdue`);
- postponed: still failing, not yet due, and its due date moved later or its action was rewritten (the diff's
  `remediation_postponed`);
- open: still failing, not yet due, promised as before;
- dropped: the item, site or system is no longer asked about, or the answer is now not applicable.

Submissions are matched by institution code. Everything here is linear in the number of answers: one dict per year
by code, the diff's matching per institution, and the item links per pair of checklist versions computed once.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .diff import Pair, item_links, match_items, postponed_change, score_delta, target_pairs
from .i18n import N_, _
from .model import Checklist, Text
from .score import Readiness, TargetResult, format_score, round_score

STATES = ("broken", "postponed", "open", "kept", "dropped")  # worst first: an old promise split over several new
# items or systems takes the worst of its outcomes


@dataclass(frozen=True)
class PromiseOutcome:
    """One remediation promised in the previous year and how it stands now."""

    item: str  # the current item id (the previous one when the item was dropped)
    previous_item: str
    target: str | None  # site or system id; None for an institution-scope item
    action: str
    owner: str  # the person who promised, by name (from the previous submission)
    due: dt.date | None
    state: str  # one of STATES
    status_now: str  # the answer's status in the current submission ("none" when no longer asked)
    new_due: dt.date | None = None  # the due date promised now, for an answer still failing
    new_action: str | None = None
    reason: Text | None = None  # why the item was dropped, from the current checklist's `dropped`


@dataclass(frozen=True)
class InstitutionYear:
    """One institution in both years (or in one of them only)."""

    code: str
    name: Text
    previous: Readiness | None
    current: Readiness | None
    promises: tuple[PromiseOutcome, ...] = ()
    new_critical_gaps: tuple[str, ...] = ()  # critical items failing now that were not failing (or not asked) before

    @property
    def change(self) -> float | None:
        """Score change in points, from the scores as printed."""
        if self.previous is None or self.current is None:
            return None
        return score_delta(self.previous.score, self.current.score)

    @property
    def presence(self) -> str:
        """both, previous_only or current_only."""
        return "both" if self.previous and self.current else "previous_only" if self.previous else "current_only"

    def of_state(self, state: str) -> list[PromiseOutcome]:
        return [p for p in self.promises if p.state == state]

    def count(self, state: str) -> int:
        return sum(1 for p in self.promises if p.state == state)


@dataclass(frozen=True)
class YearOverYear:
    """Every institution of either year: those in both sorted by broken promises (most first), then the others."""

    institutions: tuple[InstitutionYear, ...]
    notes: tuple[str, ...] = ()  # e.g. an institution code submitted twice in one year

    @property
    def both(self) -> list[InstitutionYear]:
        return [i for i in self.institutions if i.presence == "both"]

    @property
    def one_year_only(self) -> list[InstitutionYear]:
        return [i for i in self.institutions if i.presence != "both"]

    def of_state(self, state: str) -> list[tuple[InstitutionYear, PromiseOutcome]]:
        return [(i, p) for i in self.institutions for p in i.promises if p.state == state]

    def total(self, state: str) -> int:
        return sum(i.count(state) for i in self.institutions)


Chain = Callable[[Checklist, Checklist], Sequence[Checklist]]


def year_over_year(previous: Sequence[Readiness], current: Sequence[Readiness], chain: Chain | None = None
                   ) -> YearOverYear:
    """Match the two years by institution code and track every promise; `chain(old, new)` gives the checklist
    versions between two (diff.checklist_chain over a catalog), asked once per pair of versions."""
    notes: list[str] = []
    before, after = _by_code(previous, N_("previous"), notes), _by_code(current, N_("current"), notes)
    links: dict[tuple[str, str], dict[str, set[str]]] = {}

    def linked(old: Checklist, new: Checklist) -> dict[str, set[str]]:
        """Item links per pair of checklist versions, computed once (most institutions share one pair)."""
        key = (old.key, new.key)
        if key not in links:
            links[key] = item_links(old, new, chain(old, new) if chain else ())
        return links[key]

    found = [institution_year(before[code], after[code], linked(before[code].checklist, after[code].checklist))
             for code in after if code in before]
    found.sort(key=lambda i: (-i.count("broken"), -i.count("postponed"), -i.count("open"), i.code))
    alone = [InstitutionYear(code, r.submission.institution_name, r, None) for code, r in before.items()
             if code not in after]
    alone += [InstitutionYear(code, r.submission.institution_name, None, r) for code, r in after.items()
              if code not in before]
    return YearOverYear(tuple(found + sorted(alone, key=lambda i: i.code)), tuple(notes))


def _by_code(readinesses: Sequence[Readiness], year: str, notes: list[str]) -> dict[str, Readiness]:
    """Readiness per institution code; a code submitted twice keeps the file with the later as_of, and says so."""
    found: dict[str, Readiness] = {}
    for readiness in readinesses:
        code = readiness.submission.institution_code
        kept = found.get(code)
        if kept is not None:
            later = max(kept, readiness, key=lambda r: (r.submission.as_of or dt.date.min, r.submission.path))
            other = readiness if later is kept else kept
            notes.append(_("{code} has two submissions in the {year} year: {used} is used, {left} is left out").format(
                code=code, year=_(year), used=later.submission.path, left=other.submission.path))
            readiness = later
        found[code] = readiness
    return found


def institution_year(old: Readiness, new: Readiness, links: dict[str, set[str]] | None = None) -> InstitutionYear:
    """One institution in both years; `links` are the item links of the two checklists (diff.item_links)."""
    pairs, _added, _removed = match_items(old, new, links=links)
    sub = new.submission
    return InstitutionYear(sub.institution_code, sub.institution_name, old, new, tuple(promise_outcomes(old, new, pairs)),
                           tuple(new_critical_gaps(old, new, pairs)))


def promise_outcomes(old: Readiness, new: Readiness, pairs: list[Pair]) -> list[PromiseOutcome]:
    """Every remediation of OLD with its outcome in NEW; one per (previous item, site/system), in OLD's order."""
    found: dict[tuple[str, str | None], PromiseOutcome] = {}
    for pair in pairs:
        for target, before, after in target_pairs(pair):
            if not _promised(before):
                continue
            outcome = _outcome(pair, target, before, after, old, new)
            key = (pair.old.item.id, before.target)
            if key not in found or STATES.index(outcome.state) < STATES.index(found[key].state):
                found[key] = outcome
    for promise in old.promises:  # items, sites and systems with no successor
        key = (promise.item.id, promise.target)
        if key not in found:
            found[key] = PromiseOutcome(promise.item.id, promise.item.id, promise.target, promise.remediation.action,
                                        old.submission.person_name(promise.remediation.owner), promise.remediation.due,
                                        "dropped", "none", reason=new.checklist.dropped.get(promise.item.id))
    order = {(p.item.id, p.target): n for n, p in enumerate(old.promises)}
    return sorted(found.values(), key=lambda p: order.get((p.previous_item, p.target), len(order)))


def _promised(result: TargetResult) -> bool:
    return result.failing and result.answer is not None and result.answer.remediation is not None


def _outcome(pair: Pair, target: str | None, before: TargetResult, after: TargetResult, old: Readiness,
             new: Readiness) -> PromiseOutcome:
    """The outcome of the promise of `before` (an answer with a remediation, see _promised())."""
    promise = before.answer.remediation if before.answer else None
    action, owner, due = (promise.action, promise.owner, promise.due) if promise else ("", None, None)
    now = after.answer.remediation if after.answer is not None and after.failing else None
    state = promise_state(pair, target, before, after, new.submission.as_of)
    return PromiseOutcome(pair.new.item.id, pair.old.item.id, target, action, old.submission.person_name(owner), due,
                          state, after.status, now.due if now else None, now.action if now else None)


def promise_state(pair: Pair, target: str | None, before: TargetResult, after: TargetResult,
                  as_of: dt.date | None) -> str:
    """kept, broken, postponed, open or dropped (see the module's docstring); the diff's rules decide."""
    promise = before.answer.remediation if before.answer else None
    if after.status == "compliant":
        return "kept"
    if after.status not in ("partial", "non_compliant"):
        return "dropped"
    if promise is not None and promise.due is not None and as_of is not None and promise.due <= as_of:
        return "broken"
    return "postponed" if postponed_change(pair, target, "", before, after) else "open"


def new_critical_gaps(old: Readiness, new: Readiness, pairs: list[Pair]) -> list[str]:
    """Critical items failing in NEW whose predecessors all passed (or that were not asked before)."""
    failed_before = {p.new.item.id for p in pairs if p.old.failing}
    return [r.item.id for r in new.critical_gaps if r.item.id not in failed_before]


# --- what the formats print ---------------------------------------------------------------------------

def outcome_json(p: PromiseOutcome) -> dict[str, Any]:
    return {"item": p.item, "previous_item": p.previous_item, "target": p.target, "action": p.action,
            "owner": p.owner, "due": str(p.due) if p.due else None, "state": p.state, "status_now": p.status_now,
            "new_due": str(p.new_due) if p.new_due else None, "new_action": p.new_action,
            "reason": {"ko": " ".join(p.reason.ko.split()), "en": " ".join(p.reason.get("en").split())} if p.reason else None}


def _side_json(readiness: Readiness | None) -> dict[str, Any] | None:
    if readiness is None:
        return None
    sub = readiness.submission
    return {"path": sub.path, "period": sub.period, "as_of": str(sub.as_of) if sub.as_of else None,
            "score": round_score(readiness.score), "rating": readiness.rating}


def year_over_year_json(yoy: YearOverYear) -> dict[str, Any]:
    """The `promises` block of `rollup --previous --format json`: per institution both sides and every promise,
    grouped by state."""
    return {
        "totals": {state: yoy.total(state) for state in STATES},
        "institutions": [{
            "code": i.code, "name": {"ko": i.name.ko, "en": i.name.en}, "presence": i.presence,
            "previous": _side_json(i.previous), "current": _side_json(i.current), "change": i.change,
            "counts": {state: i.count(state) for state in STATES},
            "promises": {state: [outcome_json(p) for p in i.of_state(state)] for state in STATES},
            "new_critical_gaps": list(i.new_critical_gaps),
        } for i in yoy.institutions],
        "notes": list(yoy.notes),
    }


CSV_COLUMNS = ("presence", "previous_score", "previous_rating", "change", "promises_kept", "promises_broken",
               "promises_postponed", "promises_open", "promises_dropped", "new_critical_gaps")


def csv_values(institution: InstitutionYear | None) -> list[Any]:
    """The CSV_COLUMNS of one institution's row (empty when it is not in the year-over-year view)."""
    if institution is None:
        return [""] * len(CSV_COLUMNS)
    previous = institution.previous
    change = institution.change
    return [institution.presence, "" if previous is None or previous.score is None else format_score(previous.score),
            "" if previous is None else previous.rating, "" if change is None else f"{change:+.1f}",
            *(institution.count(s) for s in ("kept", "broken", "postponed", "open", "dropped")),
            " ".join(institution.new_critical_gaps)]
