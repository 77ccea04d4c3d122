"""Reports and roll-ups: from submission files to PDF, HTML, JSON or CSV bytes, one file or a batch."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .checklists import load_catalog
from .errors import AuditkitError
from .files import STDOUT, OutputRefused, check_outputs, write_atomic
from .i18n import _, ngettext
from .output import dumps
from .pipeline import Evaluation, Policy, evaluate
from .score import readiness_json
from .validate import FileResult

ISSUES_URL = "https://github.com/auditkit/auditkit/issues"
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
    public: bool = False  # the publishable variant: redacted, nothing embedded (redact.py)
    tagged: bool = True  # a tagged PDF/A-3a (accessible); else PDF/A-3b


@dataclass(frozen=True)
class Outcome:
    source: str
    target: str
    ok: bool
    messages: tuple[str, ...] = ()
    unchanged: bool = False  # a PDF made from the same inputs was already there: left as it was


def inputs_digest(result: FileResult, lang: str, draft: bool, public: bool = False, tagged: bool = True) -> str:
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
             "epoch": os.environ.get("SOURCE_DATE_EPOCH", ""), "toolchain": toolchain_digest(), "public": public,
             "tagged": tagged}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def report_bytes(evaluation: Evaluation, fmt: str, lang: str, draft: bool, inputs: str = "", public: bool = False,
                 tagged: bool = True) -> bytes:
    """The report of one scored file (an invalid one only as a draft); `inputs` is recorded in a PDF. The public
    variant is made from the full report PDF (rendered here too), whose sha256 its cover gives."""
    result, readiness = evaluation.result, evaluation.readiness
    assert readiness is not None, "the pipeline scores every file it lets through"
    if fmt == "json":
        return (dumps(readiness_json(readiness)) + "\n").encode("utf-8")
    from .render import INPUTS_KEY, Public, document_date, render_report_html, signature_labels, write_pdf_bytes

    sub = result.submission
    assert sub is not None and result.document is not None
    variant = None
    if public:
        import hashlib

        from .redact import redactor_for

        full = report_bytes(evaluation, "pdf", lang, draft, tagged=tagged)
        variant = Public(hashlib.sha256(full).hexdigest(), redactor_for(sub, lang))
    html = render_report_html(readiness, lang, result.errors if draft and not result.valid else None, variant)
    if fmt == "html":
        return html.encode("utf-8")
    when = document_date(sub.approved_by.date if sub.approved_by else None, sub.as_of)
    inputs = inputs or inputs_digest(result, lang, draft, public, tagged)
    if variant is not None:
        about = (f"auditkit public variant of the report with SHA-256 {variant.full_sha256}",
                 f"{INPUTS_KEY}{inputs}, auditkit-public-of={variant.full_sha256}")
    else:
        about = (f"auditkit submission sha256={sub.sha256}", f"{INPUTS_KEY}{inputs}")
    html = html.replace("</head>", f'<meta name="description" content="{about[0]}"><meta name="keywords" content="{about[1]}">'
                                   '</head>', 1)
    attachments = [] if public else [(Path(sub.path).name, result.document.raw)]
    return write_pdf_bytes(html, attachments, when, tagged=tagged, field_labels=signature_labels(lang))


def render_job(job: Job) -> Outcome:
    """Validate, score and render one submission; write its output atomically. Never raises for bad input."""
    try:
        return _render_job(job)
    except MemoryError:
        return Outcome(job.source, job.target, False, (_("{source}: out of memory while rendering {target}")
                                                        .format(source=job.source, target=job.target),))


def _render_job(job: Job) -> Outcome:
    evaluation = evaluate(job.source, load_catalog(job.checklists), Policy.DRAFT if job.draft else Policy.VALID)
    result = evaluation.result
    if not evaluation.scored:
        return Outcome(job.source, job.target, False, tuple(str(p) for p in result.errors))
    inputs = ""
    try:
        check_outputs([job.target], evidence_files(result))
        if job.fmt == "pdf":
            inputs = inputs_digest(result, job.lang, job.draft, job.public, job.tagged)
            if not job.force and up_to_date(job.target, inputs, result, job.public):
                return Outcome(job.source, job.target, True, unchanged=True)
        write_atomic(job.target, report_bytes(evaluation, job.fmt, job.lang, job.draft, inputs, job.public, job.tagged))
    except AuditkitError as exc:
        return Outcome(job.source, job.target, False, (f"{job.source}: {exc}",))
    count = len(result.errors)
    errors = ngettext("{count} error", "{count} errors", count).format(count=count)
    note = () if result.valid else (_("{source}: invalid; rendered as INVALID – DRAFT ({errors})").format(
        source=job.source, errors=errors),)
    return Outcome(job.source, job.target, True, note)


def evidence_files(result: FileResult) -> list[str]:
    """The evidence files a submission names (resolved next to it): an output must never replace one."""
    sub = result.submission
    if sub is None:
        return []
    folder = Path(sub.path).parent
    found = []
    for entry in sub.answers.values():
        for answer in entry.values() if isinstance(entry, dict) else [entry]:
            found += [str(folder / e.file) for e in answer.evidence if e.file and "\x00" not in e.file]
    return found


def up_to_date(target: str, inputs: str, result: FileResult, public: bool = False) -> bool:
    """True when the PDF at target records these inputs AND still holds this very submission, whole: a damaged file,
    or another institution's PDF with copied Keywords, is rendered again (when in doubt, render). A public variant
    holds no submission: the recorded inputs decide."""
    from .render import rendered_from

    if rendered_from(target) != inputs:
        return False
    if public:
        return True
    from .content_check import intact_source

    assert result.submission is not None
    return intact_source(target, Path(result.submission.path).name, result.submission.sha256)


def plan_jobs(files: list[str], output: str, fmt: str, lang: str, draft: bool, checklists: tuple[str, ...],
              force: bool = False, public: bool = False, tagged: bool = True) -> list[Job]:
    """One job per file: OUT is the file for a single input, a folder for several (or when it is a folder).
    Two inputs never share an output: same names get their folders in front, and if two still collide the batch
    stops before anything is written."""
    out = Path(output)
    if len(files) == 1 and (output == STDOUT or not os.path.isdir(output)) and not output.endswith(os.sep):
        return [Job(files[0], output, fmt, lang, draft, checklists, force, public, tagged)]
    if output == STDOUT:
        raise OutputRefused(_("-o - writes one report to standard output; {count} inputs need a folder")
                            .format(count=len(files)))
    names = output_names(files)
    make_folder(out)
    return [Job(f, str(out / (name + SUFFIX[fmt])), fmt, lang, draft, checklists, force, public, tagged)
            for f, name in zip(files, names, strict=True)]


def output_names(files: list[str]) -> list[str]:
    """A distinct name per input: its stem, or (when stems repeat) its path from the inputs' common folder joined
    with '-'. Names that still collide (also differing only in case) stop the batch with a list of them."""
    stems = [Path(f).stem for f in files]
    repeated = [f for f, s in zip(files, stems, strict=True) if stems.count(s) > 1]
    base = Path(os.path.commonpath([os.path.abspath(f) for f in repeated])) if repeated else Path()
    names = ["-".join(Path(os.path.abspath(f)).relative_to(base).with_suffix("").parts) if f in repeated else s
             for f, s in zip(files, stems, strict=True)]
    by_name: dict[str, list[str]] = {}
    for f, name in zip(files, names, strict=True):
        by_name.setdefault(name.casefold(), []).append(f)
    clashes = [group for group in by_name.values() if len(group) > 1]
    if clashes:
        listed = "; ".join(" and ".join(group) for group in clashes)
        raise OutputRefused(_("these inputs would be written to the same output name: {clashes}; rename one, or "
                              "render them into separate folders").format(clashes=listed))
    return names


def make_folder(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise OutputRefused(_("{output} is a file, not a folder: several inputs need a folder for their reports")
                            .format(output=out)) from exc
    except OSError as exc:
        raise AuditkitError(_("cannot create the folder {output}: {reason}")
                            .format(output=out, reason=exc.strerror or exc)) from exc


def run_jobs(jobs: list[Job], workers: int, tick: Callable[[Outcome], None] = lambda o: None) -> list[Outcome]:
    """Run jobs in `workers` processes (1 = in this process); call tick after each."""
    outcomes = []
    for outcome in _outcomes(jobs, workers):
        tick(outcome)
        outcomes.append(outcome)
    return outcomes


def _outcomes(jobs: list[Job], workers: int) -> Iterator[Outcome]:
    """In this process when workers is 1; else in child processes, also for a single PDF: a render that the
    out-of-memory killer or a C library's abort ends (GLib aborts when it cannot start a thread under `ulimit -v`)
    then takes its process only, and the parent says what happened."""
    if workers <= 1 or (len(jobs) <= 1 and not any(j.fmt == "pdf" and j.target != STDOUT for j in jobs)):
        yield from map(render_job, jobs)
        return
    from .schema import prepare_validators
    from .workers import run_in_children, warm_up

    for checklist in load_catalog(jobs[0].checklists).checklists.values():  # once here, not once per forked child
        prepare_validators(checklist)
    pdf = any(job.fmt == "pdf" for job in jobs)
    if pdf:
        warm_up()
    per_child = 1 if pdf else 50  # a PDF child gives its memory back after each render
    yield from run_in_children(jobs, min(workers, len(jobs)), render_job, lost_job, crashed_job, per_child)


def lost_job(job: Job, exitcode: int | None) -> Outcome:
    """The outcome of a job whose worker died without answering (killed by the OOM killer, a segfault)."""
    from .workers import ended

    how = ended(exitcode)
    return Outcome(job.source, job.target, False, (_("{source}: the worker rendering it was {how}: most likely out of "
                                                    "memory while rendering {target}, which was not written").format(
        source=job.source, how=how, target=job.target),))


def crashed_job(job: Job, exc: Exception) -> Outcome:
    return Outcome(job.source, job.target, False, (f"{job.source}: {internal_error(exc)}",))


def internal_error(exc: BaseException) -> str:
    """The one line an unexpected error (a bug) is reported with."""
    what = " ".join(str(exc).split())[:200]  # one line, whatever the exception says
    return _("internal error ({kind}: {what}). This is a bug: please report it at {url} with the output of the same "
             "command run with --debug.").format(kind=type(exc).__name__, what=what, url=ISSUES_URL)
