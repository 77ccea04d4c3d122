"""What the report templates show, computed from a Readiness: plain data, no HTML."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .i18n import _, using
from .model import Answer, Item, Submission
from .promises import InstitutionYear, YearOverYear
from .score import NOT_READY_REASONS, SOON_DAYS, ItemResult, Promise, Readiness, TargetResult
from .vocabulary import RATINGS, SEVERITIES, STATUSES

DETAIL_LIMIT = 40  # systems: above this, per-system answers are shown as the matrix only

# The matrix prints each system's marks as one line of text, a mark per column: one text run per row lays out
# 5x faster and in a quarter of the memory of a table cell per mark (1,600 systems x 22 items: 16 s -> 3.4 s).
# Every mark is a glyph of the same advance (0.94 em in Nanum Gothic), so letter-spacing puts each in its column.
MATRIX_MARK = {"compliant": "●", "partial": "◐", "non_compliant": "○", "not_applicable": "－", "none": "\u3000"}
GLYPH_EM = 0.94
MATRIX_WIDTH_MM = 237.0  # landscape A4 less the margins and the system and grade columns
MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class MatrixLayout:
    """Column width, font size and the spacing that centres one mark in each column (mm and pt)."""

    columns: int
    column_mm: float
    font_pt: float
    pad_mm: float
    spacing_mm: float

    @classmethod
    def for_columns(cls, columns: int) -> MatrixLayout:
        column = min(10.0, MATRIX_WIDTH_MM / max(columns, 1))
        font = min(8.0, 0.75 * column / MM_PER_PT / GLYPH_EM)
        glyph = font * GLYPH_EM * MM_PER_PT
        return cls(columns, round(column, 3), round(font, 2), round((column - glyph) / 2, 3), round(column - glyph, 3))


def mark_runs(cells: list[str]) -> list[tuple[str, str]]:
    """Consecutive equal statuses as (status, marks): the template colours a run with one span, not a mark each."""
    runs: list[tuple[str, str]] = []
    for status in cells:
        mark = MATRIX_MARK.get(status, "?")
        if runs and runs[-1][0] == status:
            runs[-1] = (status, runs[-1][1] + mark)
        else:
            runs.append((status, mark))
    return runs


@dataclass
class Finding:
    item: Item
    target: str
    target_name: str
    status: str
    answer: str
    reason: str
    owner: str
    action: str
    action_owner: str
    due: str
    due_state: str


@dataclass
class Bar:
    id: str
    title: Any
    score: float | None
    y: int


@dataclass
class ReportView:
    readiness: Readiness
    sub: Submission
    bars: list[Bar]
    findings: list[Finding]
    finding_groups: list[dict[str, Any]]
    promises: list[dict[str, Any]]
    matrix_items: list[Item]
    matrix_rows: list[dict[str, Any]]
    matrix_layout: MatrixLayout
    item_owners: list[dict[str, Any]]
    items: list[dict[str, Any]]
    counts: dict[str, int]
    detail: bool
    site_names: dict[str, str] = field(default_factory=dict)
    rating_why: list[tuple[str, list[str]]] = field(default_factory=list)


def answer_text(result: TargetResult) -> str:
    answer = result.answer
    if answer is None:
        return "—"
    if answer.value is not None:
        return f"{answer.value:g}" if isinstance(answer.value, float) else str(answer.value)
    return answer.comment or ""


def _target_name(sub: Submission, item: Item, target: str | None) -> str:
    if target is None:
        return ""
    if item.scope == "system":
        system = sub.system_map.get(target)
        return _("{name} (grade {grade})").format(name=system.name, grade=system.grade) if system else target
    site = sub.site_map.get(target)
    return site.name if site else target


def _finding(sub: Submission, result: ItemResult, target: TargetResult, lang: str) -> Finding:
    answer = target.answer or Answer()
    remediation = answer.remediation
    due_state = ""
    if remediation and remediation.due and sub.as_of:
        days = (remediation.due - sub.as_of).days
        due_state = "overdue" if days < 0 else ("soon" if days <= SOON_DAYS else "")
    return Finding(result.item, target.target or "", _target_name(sub, result.item, target.target), target.status,
                   answer_text(target), "" if target.verdict.declared else target.reason_text(lang),
                   sub.person_name(answer.owner),
                   remediation.action if remediation else "", sub.person_name(remediation.owner) if remediation else "",
                   str(remediation.due) if remediation and remediation.due else "", due_state)


def _promise(sub: Submission, promise: Promise) -> dict[str, Any]:
    return {"item": promise.item, "target": promise.target or "", "action": promise.remediation.action,
            "owner": sub.person_name(promise.remediation.owner), "due": str(promise.remediation.due or ""),
            "state": promise.state, "days_left": promise.days_left}


def report_view(readiness: Readiness, lang: str) -> ReportView:
    """What the report of one submission shows, with its messages in the report's language."""
    with using(lang):
        return _report_view(readiness, lang)


def _report_view(readiness: Readiness, lang: str) -> ReportView:
    sub = readiness.submission
    bars = [Bar(s.id, next(sec.title for sec in readiness.checklist.sections if sec.id == s.id), s.score, 34 * i)
            for i, s in enumerate(readiness.sections)]
    findings = [_finding(sub, r, t, lang) for r in readiness.items for t in r.failing]
    findings.sort(key=lambda f: (SEVERITIES.index(f.item.severity), f.item.id, f.target))
    groups: dict[str, dict[str, Any]] = {}
    results = {r.item.id: r for r in readiness.items}
    for finding in findings:  # the item's title and requirement once, then a row per failing site or system
        groups.setdefault(finding.item.id, {"result": results[finding.item.id], "findings": []})["findings"].append(finding)
    promises = [_promise(sub, p) for p in readiness.promises if p.state in ("overdue", "soon")]
    matrix_items = [r.item for r in readiness.items if r.item.scope == "system" and r.results]
    by_item = {r.item.id: {t.target: t.status for t in r.results} for r in readiness.items if r.item.scope == "system"}
    matrix_rows = [{"system": s, "runs": mark_runs([by_item.get(i.id, {}).get(s.id, "none") for i in matrix_items])}
                   for s in sub.systems]
    statuses = [t.status for r in readiness.items for t in r.results]
    counts = {k: statuses.count(k) for k in STATUSES}
    counts["answers"] = len(statuses)
    counts["critical_gaps"] = len(readiness.critical_gaps)
    counts["overdue"] = sum(1 for p in readiness.promises if p.state == "overdue")
    counts["soon"] = sum(1 for p in readiness.promises if p.state == "soon")
    detail = len(sub.systems) <= DETAIL_LIMIT
    return ReportView(readiness, sub, bars, findings, list(groups.values()), promises, matrix_items, matrix_rows,
                      MatrixLayout.for_columns(len(matrix_items)), _item_owners(readiness),
                      [_item_entry(sub, r, detail) for r in readiness.items], counts, detail,
                      {s.id: s.name for s in sub.sites}, rating_why(readiness))


def rating_why(readiness: Readiness) -> list[tuple[str, list[str]]]:
    """The reasons that decided the rating: for not_ready only the rules that make it so, for conditionally_ready the
    open critical gaps and a score short of ready_at, for ready that every condition holds."""
    reasons = readiness.rating_reasons
    if readiness.rating == "not_ready":
        return [r for r in reasons if r[0] in NOT_READY_REASONS]
    return reasons or [("all_met", [])]


def _item_owners(readiness: Readiness) -> list[dict[str, Any]]:
    """Items × owner: who answers for each item (distinct owners over its answers)."""
    sub = readiness.submission
    rows = []
    for result in readiness.items:
        owners = sorted({sub.person_name(t.answer.owner) for t in result.results if t.answer and t.answer.owner})
        rows.append({"item": result.item, "owners": ", ".join(owners), "status": result.status, "result": result})
    return rows


def _item_entry(sub: Submission, result: ItemResult, detail: bool) -> dict[str, Any]:
    rows = []
    if result.item.scope != "system" or detail:
        for target in result.results:
            answer = target.answer or Answer()
            rows.append({"target": target.target or "", "status": target.status, "answer": answer_text(target),
                         "owner": sub.person_name(answer.owner), "evidence": answer.evidence,
                         "comment": answer.comment or ""})
    counted = [t.status for t in result.results if t.status != "not_applicable"]
    return {"result": result, "rows": rows, "compliant": counted.count("compliant"), "counted": len(counted)}


# --- roll-up ---------------------------------------------------------------------------------------

# A detail list of the roll-up PDF (critical gaps, due remediations, systems without DR) prints its first rows, the
# most urgent first, and counts the rest: every row is in the roll-up JSON attached to the PDF, in the JSON and CSV
# roll-ups and in each institution's report. 2,000 institutions have tens of thousands of such rows; printed whole
# they made a 900-page PDF that no one reads, at about 10 ms a row. The tables of institutions stay whole.
LIST_LIMIT = 300


@dataclass
class Listing:
    """The first rows of a long list, and how many there are in all (the rest are in the JSON and CSV)."""

    rows: list[Any]
    total: int

    @classmethod
    def of(cls, rows: list[Any], limit: int | None = None) -> Listing:
        return cls(rows[:LIST_LIMIT if limit is None else limit], len(rows))

    @property
    def hidden(self) -> int:
        return self.total - len(self.rows)


@dataclass
class RollupView:
    records: list[Any]  # rollup.Record, worst score first
    sections: list[Any]
    ratings: dict[str, int]
    critical: Listing
    promises: Listing
    no_dr: Listing
    period: str


def rollup_view(records: list[Any], checklist: Any, limit: int = LIST_LIMIT) -> RollupView:
    """What the roll-up template shows, from the records alone (so that merged shards print the same)."""
    ordered = sorted(records, key=lambda r: (r.score if r.score is not None else -1.0, r.code, r.path))
    ratings = {k: sum(1 for r in ordered if r.rating == k) for k in RATINGS}
    titles = {item_id: item.title for item_id, item in checklist.items.items()}
    critical = [{"code": r.code, "item": g.item, "title": titles.get(g.item, g.item), "target": g.target,
                 "status": g.status, "remediated": g.remediated} for r in ordered for g in r.critical]
    due = [(d, r.code) for r in ordered for d in r.remediations if d.state in ("overdue", "soon")]
    due.sort(key=lambda p: p[0].days_left if p[0].days_left is not None else 10**6)
    promises = [{"code": code, "item": d.item, "target": d.target, "action": d.action, "owner": d.owner,
                 "due": d.due, "state": d.state, "days_left": d.days_left} for d, code in due[:limit]]
    no_dr = [{"code": r.code, "system": s} for r in ordered for s in r.no_dr]
    periods = sorted({str(r.period) for r in ordered})
    return RollupView(ordered, list(checklist.sections), ratings, Listing(critical[:limit], len(critical)),
                      Listing(promises, len(due)), Listing(no_dr[:limit], len(no_dr)), ", ".join(periods))


# --- the previous year's promises (rollup --previous) ----------------------------------------------

CHART_LIMIT = 40  # bars of the score-change chart: one drawing is one page (an SVG does not break across pages:
# at 200 institutions the bars after the 65th were cut off the page)


@dataclass
class PromiseView:
    yoy: YearOverYear
    rows: list[InstitutionYear]  # in both years, most broken promises first
    bars: Listing  # of {code, change, frac: change / the largest change (-1..1)}, lowest first (CHART_LIMIT at most)
    broken: Listing  # of (InstitutionYear, PromiseOutcome), the first LIST_LIMIT: at national scale there are tens
    postponed: Listing  # of thousands, which a PDF cannot lay out in bounded memory
    one_year: list[InstitutionYear]
    new_gaps: Listing  # of InstitutionYear with critical items failing now that were not before, most first
    previous_period: str
    current_period: str


def promise_view(yoy: YearOverYear, limit: int | None = None) -> PromiseView:
    """The first pages of `rollup --previous`: the table of who kept their word, the chart of score changes, then a
    line per broken and per postponed promise, and the institutions present in one year only."""
    rows = yoy.both
    scale = max((abs(i.change or 0.0) for i in rows), default=0.0) or 1.0
    ordered = sorted(rows, key=lambda i: (i.change or 0.0, i.code))
    if len(ordered) > CHART_LIMIT:  # the largest falls and the largest rises; every change is in the table
        ordered = ordered[: CHART_LIMIT // 2] + ordered[-(CHART_LIMIT // 2):]
    bars = Listing([{"code": i.code, "change": i.change or 0.0, "frac": (i.change or 0.0) / scale} for i in ordered],
                   len(rows))
    periods = ({str(i.previous.period) for i in rows if i.previous},
               {str(i.current.period) for i in rows if i.current})
    return PromiseView(yoy, rows, bars, Listing.of(yoy.of_state("broken"), limit), Listing.of(yoy.of_state("postponed"), limit),
                       yoy.one_year_only, Listing.of(sorted((i for i in rows if i.new_critical_gaps),
                                                            key=lambda i: (-len(i.new_critical_gaps), i.code)), limit),
                       ", ".join(sorted(periods[0])), ", ".join(sorted(periods[1])))
