"""Reports and roll-ups: from submission files to PDF, HTML, JSON or CSV bytes, one file or a batch."""
from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .checklists import load_catalog
from .errors import AuditkitError
from .files import write_atomic
from .output import dumps
from .score import Readiness, readiness_json, readiness_of
from .validate import FileResult, validate_file

SUFFIX = {"pdf": ".pdf", "html": ".html", "json": ".json", "csv": ".csv"}


@dataclass(frozen=True)
class Job:
    """One report to render: picklable, so that batches run in worker processes."""

    source: str
    target: str
    fmt: str = "pdf"
    lang: str = "ko"
    draft: bool = False
    checklists: tuple[str, ...] = ()
    force: bool = False  # render even when the PDF there was made from the same inputs


@dataclass(frozen=True)
class Outcome:
    source: str
    target: str
    ok: bool
    messages: tuple[str, ...] = ()
    unchanged: bool = False  # a PDF made from the same inputs was already there: left as it was


def inputs_digest(result: FileResult, lang: str, draft: bool) -> str:
    """sha256 of everything a report PDF's bytes follow from: the submission, its checklist file, what a draft
    prints of the errors, the language, SOURCE_DATE_EPOCH and the toolchain (auditkit, WeasyPrint, templates,
    fonts). The same digest means the same PDF (reports are byte-reproducible), so it need not be made again."""
    import hashlib
    import json

    from .render import toolchain_digest

    assert result.submission is not None and result.checklist is not None
    checklist = Path(result.checklist.path)
    parts = {"submission": result.submission.sha256, "name": Path(result.submission.path).name,
             "checklist": hashlib.sha256(checklist.read_bytes()).hexdigest() if checklist.is_file() else result.checklist.key,
             "errors": [str(p) for p in result.errors] if draft else [], "lang": lang,
             "epoch": os.environ.get("SOURCE_DATE_EPOCH", ""), "toolchain": toolchain_digest()}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def report_bytes(result: FileResult, fmt: str, lang: str, draft: bool, inputs: str = "") -> bytes:
    """The report of one validated file (an invalid one only as a draft); `inputs` is recorded in a PDF."""
    readiness = readiness_of(result)
    if fmt == "json":
        return (dumps(readiness_json(readiness)) + "\n").encode("utf-8")
    from .render import document_date, render_report_html, write_pdf_bytes

    html = render_report_html(readiness, lang, result.errors if draft and not result.valid else None)
    if fmt == "html":
        return html.encode("utf-8")
    sub = result.submission
    assert sub is not None and result.document is not None
    when = document_date(sub.approved_by.date if sub.approved_by else None, sub.as_of)
    from .render import INPUTS_KEY

    html = html.replace("</head>", f'<meta name="description" content="auditkit submission sha256={sub.sha256}">'
                                   f'<meta name="keywords" content="{INPUTS_KEY}{inputs or inputs_digest(result, lang, draft)}">'
                                   '</head>', 1)
    return write_pdf_bytes(html, [(Path(sub.path).name, result.document.raw)], when)


def render_job(job: Job) -> Outcome:
    """Validate, score and render one submission; write its output atomically. Never raises for bad input."""
    result = validate_file(job.source, load_catalog(job.checklists))
    if result.checklist is None or result.submission is None or (not result.valid and not job.draft):
        return Outcome(job.source, job.target, False, tuple(str(p) for p in result.errors))
    inputs = ""
    if job.fmt == "pdf":
        from .render import rendered_from

        inputs = inputs_digest(result, job.lang, job.draft)
        if not job.force and rendered_from(job.target) == inputs:
            return Outcome(job.source, job.target, True, unchanged=True)
    try:
        write_atomic(job.target, report_bytes(result, job.fmt, job.lang, job.draft, inputs))
    except AuditkitError as exc:
        return Outcome(job.source, job.target, False, (f"{job.source}: {exc}",))
    note = () if result.valid else (f"{job.source}: invalid; rendered as INVALID – DRAFT ({len(result.errors)} errors)",)
    return Outcome(job.source, job.target, True, note)


def plan_jobs(files: list[str], output: str, fmt: str, lang: str, draft: bool, checklists: tuple[str, ...],
              force: bool = False) -> list[Job]:
    """One job per file: OUT is the file for a single input, a folder for several (or when it is a folder)."""
    out = Path(output)
    if len(files) == 1 and not out.is_dir() and not output.endswith(os.sep):
        return [Job(files[0], output, fmt, lang, draft, checklists, force)]
    out.mkdir(parents=True, exist_ok=True)
    stems = [Path(f).stem for f in files]
    names = [f"{Path(f).parent.name}-{Path(f).stem}" if stems.count(Path(f).stem) > 1 else Path(f).stem for f in files]
    return [Job(f, str(out / (name + SUFFIX[fmt])), fmt, lang, draft, checklists, force)
            for f, name in zip(files, names, strict=True)]


def run_jobs(jobs: list[Job], workers: int, tick: Callable[[Outcome], None] = lambda o: None) -> list[Outcome]:
    """Run jobs in `workers` processes (1 = in this process); call tick after each."""
    outcomes = []
    for outcome in _outcomes(jobs, workers):
        tick(outcome)
        outcomes.append(outcome)
    return outcomes


def _outcomes(jobs: list[Job], workers: int) -> Iterator[Outcome]:
    if workers <= 1 or len(jobs) <= 1:
        yield from map(render_job, jobs)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with context.Pool(min(workers, len(jobs))) as pool:
        yield from pool.imap(render_job, jobs)


# --- roll-up ---------------------------------------------------------------------------------------

def rollup(files: list[str], checklists: tuple[str, ...]) -> tuple[list[Readiness], list[str]]:
    """Score every valid submission; list the files that could not be included and why."""
    catalog = load_catalog(checklists)
    found, failures = [], []
    for path in files:
        result = validate_file(path, catalog)
        if result.valid and result.checklist and result.submission:
            found.append(readiness_of(result))
        else:
            first = result.errors[0] if result.errors else None
            failures.append(f"{path}: {len(result.errors)} error(s), first: {first}")
    return found, failures


def rollup_bytes(readinesses: list[Readiness], failures: list[str], fmt: str, lang: str) -> bytes:
    if not readinesses:
        raise AuditkitError("no valid submission to roll up")
    if fmt == "json":
        data = {"institutions": [readiness_json(r) for r in readinesses], "failures": failures}
        return (dumps(data) + "\n").encode("utf-8")
    if fmt == "csv":
        return rollup_csv(readinesses)
    from .render import document_date, render_rollup_html, write_pdf_bytes

    html = render_rollup_html(readinesses, lang, failures)
    if fmt == "html":
        return html.encode("utf-8")
    latest = max((r.submission.as_of for r in readinesses if r.submission.as_of), default=None)
    sources = [(f"{r.submission.institution_code}-{Path(r.submission.path).name}", Path(r.submission.path).read_bytes())
               for r in readinesses]
    return write_pdf_bytes(html, sources, document_date(latest))


def rollup_csv(readinesses: list[Readiness]) -> bytes:
    """One row per institution; UTF-8 with a BOM so that Excel shows Korean text."""
    sections = [s.id for s in readinesses[0].sections]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["code", "institution", "period", "as_of", "score", "rating", *sections, "critical_gaps",
                     "overdue_remediations", "approved"])
    for r in readinesses:
        sub = r.submission
        scores = {s.id: s.score for s in r.sections}
        writer.writerow([sub.institution_code, sub.institution_name.ko, sub.period, sub.as_of, _fmt(r.score), r.rating,
                         *(_fmt(scores.get(s)) for s in sections), " ".join(g.item.id for g in r.critical_gaps),
                         sum(1 for p in r.promises if p.state == "overdue"), "yes" if sub.approved_by else "no"])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"
