"""Reports and roll-ups: from submission files to PDF, HTML, JSON or CSV bytes, one file or a batch."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .checklists import load_catalog
from .errors import AuditkitError
from .files import write_atomic
from .i18n import _, ngettext
from .output import dumps
from .score import readiness_json, readiness_of
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
    count = len(result.errors)
    errors = ngettext("{count} error", "{count} errors", count).format(count=count)
    note = () if result.valid else (_("{source}: invalid; rendered as INVALID – DRAFT ({errors})").format(
        source=job.source, errors=errors),)
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
