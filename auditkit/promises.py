"""Promises across institutions (`rollup NEW --previous OLD`): per institution, the remediations promised in the
previous year and what became of them. The previous year is kept as a Ledger per institution; each current
submission is matched as it is read (Tracker), so two years of scored submissions are never held at once.

A promise is a remediation of a failing answer in the previous submission. Matched to the current submission the way
the diff matches (auditkit.diff: items by id and through `replaces`, sites and systems by id), it is:

- kept: the answer is compliant now;
- broken: still failing and its due date is on or before the current as_of (the diff's `overdue`);
- postponed: still failing, not yet due, and its due date moved later or its action was rewritten (the diff's
  `remediation_postponed`);
- open: still failing, not yet due, promised as before;
- dropped: the item, site or system is no longer asked about, or the answer is now not applicable.

Submissions are matched by institution code. Everything here is linear in the number of answers: one dict of
ledgers by code, the diff's matching per institution, and the item links per pair of checklist versions computed
once.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .diff import Pair, item_links, match_items, postponed_change, score_delta, target_pairs
from .i18n import _
from .model import Answer, Checklist, Person, Remediation, Submission, Text
from .score import FAILING, ItemResult, Promise, Readiness, SectionScore, TargetResult, format_score, round_score
from .verdict import Verdict

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
class YearSide:
    """One year of an institution as the promise view prints it (its Readiness is not kept: 2,000 of them would not
    fit in memory)."""

    path: str
    period: int | None
    as_of: dt.date | None
    score: float | None  # as printed (round_score)
    rating: str

    @classmethod
    def of(cls, readiness: Readiness) -> YearSide:
        sub = readiness.submission
        return cls(sub.path, sub.period, sub.as_of, round_score(readiness.score), readiness.rating)


@dataclass(frozen=True)
class InstitutionYear:
    """One institution in both years (or in one of them only)."""

    code: str
    name: Text
    previous: YearSide | None
    current: YearSide | None
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


@dataclass(frozen=True)
class Ledger:
    """What the previous year's submission of an institution must keep for its promises to be tracked: the items
    with a failing answer (their answers, remediations included), the promises, the people, the score. A few
    kilobytes instead of the whole Readiness, and free of the checklist, so that it pickles small from a worker
    process to the parent. `readiness(checklist)` gives back a Readiness that tracks the same promises as the whole
    one: an item with no failing answer can hold no promise and no failure to compare with."""

    checklist: tuple[str, str]  # id, version
    submission: Submission  # without its answers, sites, systems and bytes
    score: float | None
    rating: str
    items: tuple[tuple[str, tuple[TargetResult, ...], float | None], ...]  # item id, its answers, its score
    promises: tuple[tuple[str, str | None, Remediation, int | None], ...]  # item id, target, remediation, days left

    @classmethod
    def of(cls, readiness: Readiness) -> Ledger:
        from dataclasses import replace

        sub = replace(readiness.submission, sites=(), systems=(), answers={}, source=b"")
        items = tuple((r.item.id, tuple(TargetResult(t.target, Verdict(t.status, t.verdict.note), t.answer)
                                        for t in r.results), r.score)
                      for r in readiness.items if r.failing)
        return cls((readiness.checklist.id, readiness.checklist.version), sub, readiness.score, readiness.rating,
                   items, tuple((p.item.id, p.target, p.remediation, p.days_left) for p in readiness.promises))

    @classmethod
    def from_entry(cls, data: dict[str, Any]) -> Ledger:
        """The ledger of an institution's report JSON (`report --format json`, or an institution of `rollup --format
        json`): last year's roll-up JSON stands for last year's submissions, read in a fraction of the time (a test
        holds the promises tracked from both the same). KeyError, TypeError or ValueError when it is not a whole
        entry: the roll-up PDF's attachment keeps only the critical items, which is not enough."""
        if "rating_reasons" not in data:
            raise KeyError("rating_reasons")  # a slim entry (Record.slim_entry): its items are the critical ones only
        due = {(r["item"], r["target"]): Remediation(str(r["action"]), r["owner"], _date(r["due"]))
               for r in data["remediations"]}
        people = {r["owner"]: Person(r["owner"], str(r["owner_name"] or r["owner"])) for r in data["remediations"]
                  if r["owner"]}
        items = tuple((str(item["id"]), tuple(_result(item["id"], r, due) for r in item["results"]),
                       None if item["score"] is None else item["score"] / 100)
                      for item in data["items"] if any(r["status"] in FAILING for r in item["results"]))
        promises = tuple((str(r["item"]), r["target"], due[(r["item"], r["target"])], r["days_left"])
                         for r in data["remediations"])
        name = data["institution"]["name"]
        sub = Submission(str(data["path"]), str(data["checklist"]), str(data["checklist_version"]), data["period"],
                         _date(data["as_of"]), str(data["institution"]["code"]), Text(str(name["ko"]), name.get("en")),
                         people, (), (), {}, sha256=str(data["sha256"]))
        return cls((sub.checklist, sub.checklist_version), sub, data["score"], str(data["rating"]), items, promises)

    @property
    def code(self) -> str:
        return self.submission.institution_code

    def side(self) -> YearSide:
        sub = self.submission
        return YearSide(sub.path, sub.period, sub.as_of, round_score(self.score), self.rating)

    def readiness(self, checklist: Checklist) -> Readiness:
        """A Readiness of the failing items only (`checklist`: the one named by `self.checklist`)."""
        results = tuple(ItemResult(checklist.items[item], answers, score) for item, answers, score in self.items)
        promises = tuple(Promise(checklist.items[item], target, remediation, days)
                         for item, target, remediation, days in self.promises)
        return Readiness(checklist, self.submission, (SectionScore("", results, None),), self.score, self.rating,
                         promises)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _result(item: str, result: dict[str, Any], due: dict[tuple[str, str | None], Remediation]) -> TargetResult:
    """One answer of a report JSON as the promise view compares it: its status, and its remediation if it has one."""
    remediation = due.get((item, result["target"]))
    return TargetResult(result["target"], Verdict(str(result["status"])),
                        Answer(remediation=remediation) if remediation else None)


Chain = Callable[[Checklist, Checklist], Sequence[Checklist]]
Find = Callable[[str, str], Checklist | None]


class Tracker:
    """Tracks the previous year's promises one current submission at a time: `rollup --previous` holds only the
    previous year's ledgers and, per institution, what the view prints."""

    def __init__(self, previous: dict[str, Ledger], find: Find, chain: Chain | None = None) -> None:
        self.previous, self.find, self.chain = previous, find, chain
        self.links: dict[tuple[str, str], dict[str, set[str]]] = {}

    def linked(self, old: Checklist, new: Checklist) -> dict[str, set[str]]:
        """Item links per pair of checklist versions, computed once (most institutions share one pair)."""
        key = (old.key, new.key)
        if key not in self.links:
            self.links[key] = item_links(old, new, self.chain(old, new) if self.chain else ())
        return self.links[key]

    def match(self, new: Readiness) -> InstitutionYear:
        """The institution of NEW in both years, or in the current year only."""
        sub = new.submission
        ledger = self.previous.get(sub.institution_code)
        checklist = self.find(*ledger.checklist) if ledger is not None else None
        if ledger is None or checklist is None:
            return InstitutionYear(sub.institution_code, sub.institution_name, None, YearSide.of(new))
        return institution_year(ledger.readiness(checklist), new, self.linked(checklist, new.checklist), ledger.side())


def ledgers_by_code(ledgers: Sequence[Ledger], notes: list[str]) -> dict[str, Ledger]:
    """Ledger per institution code; a code submitted twice keeps the file with the later as_of, and says so (the
    current year cannot have a code twice: the roll-up refuses that)."""
    found: dict[str, Ledger] = {}
    for ledger in ledgers:
        kept = found.get(ledger.code)
        if kept is not None:
            later = max(kept, ledger, key=lambda r: (r.submission.as_of or dt.date.min, r.submission.path))
            other = ledger if later is kept else kept
            notes.append(_("{code} has two submissions in the {year} year: {used} is used, {left} is left out").format(
                code=ledger.code, year=_("previous"), used=later.submission.path, left=other.submission.path))
            ledger = later
        found[ledger.code] = ledger
    return found


def assemble(previous: dict[str, Ledger], years: Sequence[InstitutionYear], notes: Sequence[str] = ()
             ) -> YearOverYear:
    """Both years from the previous year's ledgers and the current year's matches (Tracker.match): those in both
    sorted by broken promises, then those in one year only by code."""
    current = {i.code for i in years}
    found = sorted((i for i in years if i.previous is not None),
                   key=lambda i: (-i.count("broken"), -i.count("postponed"), -i.count("open"), i.code))
    alone = [InstitutionYear(code, ledger.submission.institution_name, ledger.side(), None)
             for code, ledger in previous.items() if code not in current]
    alone += [i for i in years if i.previous is None]
    return YearOverYear(tuple(found + sorted(alone, key=lambda i: i.code)), tuple(notes))


def institution_year(old: Readiness, new: Readiness, links: dict[str, set[str]] | None = None,
                     before: YearSide | None = None) -> InstitutionYear:
    """One institution in both years; `links` are the item links of the two checklists (diff.item_links); `before`
    the previous year's side when OLD is a ledger's readiness."""
    pairs, _added, _removed = match_items(old, new, links=links)
    sub = new.submission
    return InstitutionYear(sub.institution_code, sub.institution_name, before or YearSide.of(old), YearSide.of(new),
                           tuple(promise_outcomes(old, new, pairs)), tuple(new_critical_gaps(old, new, pairs)))


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
    if after.status not in FAILING:
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


def _side_json(side: YearSide | None) -> dict[str, Any] | None:
    if side is None:
        return None
    return {"path": side.path, "period": side.period, "as_of": str(side.as_of) if side.as_of else None,
            "score": side.score, "rating": side.rating}


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
