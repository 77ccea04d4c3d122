"""Roll-ups: many submissions scored into one report across institutions (PDF, HTML, JSON or CSV bytes)."""
from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from . import csvcells
from .checklists import load_catalog
from .errors import AuditkitError
from .i18n import N_, _
from .output import dumps
from .pipeline import evaluate
from .score import Readiness, format_score, readiness_json

if TYPE_CHECKING:
    from .promises import YearOverYear


def rollup(files: list[str], checklists: tuple[str, ...]) -> tuple[list[Readiness], list[str]]:
    """Score every valid submission; list the files that could not be included and why."""
    catalog = load_catalog(checklists)
    found, failures = [], []
    for path in files:
        evaluation = evaluate(path, catalog)
        if evaluation.readiness is not None:
            found.append(evaluation.readiness)
        else:
            failures.append(evaluation.refusal())
    return found, failures


def refuse_mixed(readinesses: list[Readiness]) -> None:
    """One roll-up is one checklist and one period, each institution once: otherwise its columns and rankings would
    compare unlike things (or count an institution twice), so it is an error that lists what is mixed."""
    seen: dict[tuple[str, int | None], str] = {}
    twice = []
    for r in readinesses:
        key = (r.submission.institution_code, r.submission.period)
        if key in seen:
            twice.append(_("{code} {period} in {first} and {second}").format(
                code=key[0], period=key[1], first=seen[key], second=r.submission.path))
        seen.setdefault(key, r.submission.path)
    if twice:
        raise AuditkitError(_("the same institution and period twice: {list}; roll up one submission each")
                            .format(list="; ".join(twice)))
    for message, values in (
            (N_("these submissions are of different checklists ({values}): a roll-up compares one checklist; roll them "
                "up separately"), {r.checklist.key for r in readinesses}),
            (N_("these submissions are of different periods ({values}): a roll-up compares one period; roll them up "
                "separately"), {str(r.submission.period) for r in readinesses})):
        if len(values) > 1:
            raise AuditkitError(_(message).format(values=", ".join(sorted(values))))


def previous_year(files: list[str], current: list[Readiness], checklists: tuple[str, ...]
                  ) -> tuple[YearOverYear, list[str]]:
    """`rollup --previous`: score the previous year's submissions and track every promise they made (promises.py)."""
    from .diff import checklist_chain
    from .promises import year_over_year

    catalog = load_catalog(checklists)
    previous, failures = rollup(files, checklists)
    yoy = year_over_year(previous, current, lambda old, new: checklist_chain(old, new, catalog))
    return yoy, [_("previous year: {failure}").format(failure=f) for f in failures]


def rollup_bytes(readinesses: list[Readiness], failures: list[str], fmt: str, lang: str,
                 yoy: YearOverYear | None = None) -> bytes:
    if not readinesses:
        raise AuditkitError("no valid submission to roll up")
    if fmt == "json":
        data = {"institutions": [readiness_json(r) for r in readinesses], "failures": failures}
        if yoy is not None:
            from .promises import year_over_year_json

            data["promises"] = year_over_year_json(yoy)
        return (dumps(data) + "\n").encode("utf-8")
    if fmt == "csv":
        return rollup_csv(readinesses, yoy)
    from .render import document_date, render_rollup_html, write_pdf_bytes

    html = render_rollup_html(readinesses, lang, failures, yoy)
    if fmt == "html":
        return html.encode("utf-8")
    latest = max((r.submission.as_of for r in readinesses if r.submission.as_of), default=None)
    sources = [(f"{r.submission.institution_code}-{Path(r.submission.path).name}", r.submission.source)
               for r in readinesses]
    sources += [(f"previous-{i.code}-{Path(i.previous.submission.path).name}", Path(i.previous.submission.path).read_bytes())
                for i in (yoy.institutions if yoy else ()) if i.previous is not None]
    return write_pdf_bytes(html, sources, document_date(latest))


def rollup_csv(readinesses: list[Readiness], yoy: YearOverYear | None = None) -> bytes:
    """One row per institution; UTF-8 with a BOM so that Excel shows Korean text. With the previous year, the
    promise columns of promises.CSV_COLUMNS follow, and institutions of the previous year only get a row too."""
    sections = [s.id for s in readinesses[0].checklist.sections]  # one checklist (refuse_mixed): its sections
    buffer = io.StringIO()
    writer = csvcells.writer(buffer)  # no cell is ever a formula
    from .promises import CSV_COLUMNS, csv_values

    extra = list(CSV_COLUMNS) if yoy is not None else []
    years = {i.code: i for i in yoy.institutions} if yoy is not None else {}
    writer.writerow(["code", "institution", "period", "as_of", "score", "rating", *sections, "critical_gaps",
                     "overdue_remediations", "approved", *extra])
    for r in readinesses:
        sub = r.submission
        scores = {s.id: s.score for s in r.sections}
        promised = csv_values(years.get(sub.institution_code)) if extra else []
        writer.writerow([sub.institution_code, sub.institution_name.ko, sub.period, sub.as_of, _fmt(r.score), r.rating,
                         *(_fmt(scores.get(s)) for s in sections), " ".join(g.item.id for g in r.critical_gaps),
                         sum(1 for p in r.promises if p.state == "overdue"), "yes" if sub.approved_by else "no",
                         *promised])
    for alone in (i for i in years.values() if i.current is None):  # in the previous year only
        writer.writerow([alone.code, alone.name.ko, *[""] * (len(sections) + 7), *csv_values(alone)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _fmt(value: float | None) -> str:
    return "" if value is None else format_score(value)
