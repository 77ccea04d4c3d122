"""The command line: parse options, call one core function, print, exit. The only module that exits."""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable

import click

from . import __version__
from .clickutil import Group, guarded, lang_option
from .errors import AuditkitError
from .i18n import N_, _, ngettext

checklist_option = click.option(
    "--checklist", "checklist_files", multiple=True, metavar="FILE", type=click.Path(dir_okay=False),
    help=N_("A checklist file that is not bundled (repeatable)."))


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="auditkit")
@click.option("--debug", is_flag=True, help=N_("Show a traceback for internal errors."))
@lang_option
def main(debug: bool) -> None:
    """Get public institutions ready for an IT-resilience audit: checklists, validated
    submissions, PDF readiness reports, roll-ups and year-over-year diffs."""


@main.command("checklists")
@lang_option
@checklist_option
@guarded
def checklists_command(checklist_files: tuple[str, ...]) -> None:
    """List the bundled checklists (id, version, title, item count)."""
    from .checklists import load_catalog

    catalog = load_catalog(checklist_files)
    for checklist in sorted(catalog.checklists.values(), key=lambda c: (c.id, c.version)):
        title = f"{checklist.title.ko} / {checklist.title.get('en')}"
        items = ngettext("{count} item", "{count} items", len(checklist.items)).format(count=len(checklist.items))
        click.echo(f"{checklist.id}\t{checklist.version}\t{items}\t{title}")


@main.command("rules")
@lang_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md"]), default="text", show_default=True)
@guarded
def rules_command(fmt: str) -> None:
    """List every finding code: its level, group and meaning in Korean and English."""
    from .rules.listing import rules_listing

    click.echo(rules_listing(fmt), nl=False)


@main.command("schema")
@lang_option
@click.argument("checklist")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead of standard output.")
@checklist_option
@guarded
def schema_command(checklist: str, output: str | None, checklist_files: tuple[str, ...]) -> None:
    """Print the JSON Schema (Draft 2020-12) of a submission for CHECKLIST (id, id@version or file)."""
    from .checklists import load_catalog
    from .output import dumps
    from .schema import submission_schema

    outputs([output], [checklist, *checklist_files])
    text = dumps(submission_schema(load_catalog(checklist_files).resolve(checklist))) + "\n"
    _emit(text, output)


@main.command("validate")
@lang_option
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-q", "--quiet", is_flag=True, help="Print errors only, no warnings.")
@click.option("--mark", type=click.Path(dir_okay=False), metavar="OUT.xlsx",
              help="For one .xlsx input: write a copy with the cells that have problems highlighted and explained.")
@checklist_option
@guarded
def validate_command(paths: tuple[str, ...], fmt: str, quiet: bool, mark: str | None, checklist_files: tuple[str, ...]) -> None:
    """Validate submissions (files, or folders of *.yaml / *.yml; .xlsx workbooks named as files): schema and
    every rule.

    Exit status 0 when every file is valid (warnings allowed), 1 otherwise."""
    from .checklists import load_catalog
    from .output import validation_json, validation_text
    from .validate import submission_files, validate_file

    catalog = load_catalog(checklist_files)
    files = named_files(submission_files(paths))
    if not files:
        if skipped():
            sys.exit(1)
        raise AuditkitError(_("no *.yaml or *.yml files in {paths}").format(paths=", ".join(paths)))
    if mark and (len(files) != 1 or not files[0].lower().endswith(".xlsx")):
        raise click.BadParameter(_("needs exactly one .xlsx input"), param_hint="--mark")
    if mark:
        outputs([_xlsx_output(None, None, mark)], files)
    from .progressbar import Progress

    results = []
    with Progress(len(files), _("validating")) as progress:
        for path in files:  # one document at a time: keep what was found, drop what was built
            results.append(validate_file(path, catalog).findings_only())
            progress.advance()
    if mark:
        from .workbook.convert import mark_workbook

        marked = mark_workbook(files[0], mark, results[0].problems)
        click.echo(_("wrote {path} ({count} cell(s) marked)").format(path=mark, count=marked), err=True)
    if fmt == "json":
        click.echo(validation_json(results))
    else:
        click.echo(validation_text(results, colour=sys.stdout.isatty(), quiet=quiet))
    sys.exit(0 if all(r.valid for r in results) and not skipped() else 1)


@main.command("status")
@lang_option
@click.argument("path", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@checklist_option
@guarded
def status_command(path: str, fmt: str, checklist_files: tuple[str, ...]) -> None:
    """How far a submission is filled in, by section."""
    from .checklists import load_catalog
    from .progress import progress, progress_json, progress_text

    report = progress(path, load_catalog(checklist_files))
    click.echo(progress_json(report) if fmt == "json" else progress_text(report))


@main.command("init")
@lang_option
@click.argument("checklist")
@click.option("--institution", "code", required=True, help="Institution code, e.g. KIBO.")
@click.option("--period", type=int, help="Audit year (default: the year after the --from file's, else the current year).")
@click.option("--from", "previous", type=click.Path(dir_okay=False), help="Carry people, sites, systems and answers over from an older submission.")
@click.option("--as-of", "as_of", help="Date the new answers will describe (YYYY-MM-DD); date rules of carried answers are judged at it "
              "(default: the --from file's as_of moved into the new period, e.g. 2025-10-15 -> 2026-10-15).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The skeleton to write (never overwritten without --force).")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@checklist_option
@guarded
def init_command(checklist: str, code: str, period: int | None, previous: str | None, as_of: str | None,
                 output: str, force: bool, checklist_files: tuple[str, ...]) -> None:
    """Write a submission skeleton for CHECKLIST: every item with its question as a comment."""
    from .checklists import load_catalog
    from .skeleton import InitOptions, write_skeleton

    outputs([output], [previous or "", *checklist_files])
    catalog = load_catalog(checklist_files)
    options = InitOptions(catalog.resolve(checklist), code, period, previous, as_of, output, force)
    if output.lower().endswith(".xlsx"):
        from .workbook.convert import init_workbook

        click.echo(init_workbook(options, catalog, _workbook_language()), err=True)
        return
    for line in write_skeleton(options, catalog):
        click.echo(line, err=True)


def outputs(paths: list[str | None], inputs: list[str], fmt: str = "") -> None:
    """Every command's -o goes through here before any work: an output that is an input, or not a regular file,
    is refused (exit 2); so is a PDF to `-` when standard output is a terminal."""
    from .files import check_outputs, refuse_binary_to_terminal

    check_outputs([p for p in paths if p], inputs)
    for path in paths:
        refuse_binary_to_terminal(path, fmt)


def named_files(paths: Iterable[str]) -> list[str]:
    """The files whose names can be printed and embedded; each other one is named in an error line and skipped, and
    the command will exit 1 (see skipped())."""
    from .files import utf8_names

    good, bad = utf8_names(paths)
    for line in bad:
        click.echo(f"Error: {line}", err=True)
    meta = click.get_current_context().meta
    meta["auditkit.skipped"] = meta.get("auditkit.skipped", 0) + len(bad)
    return good


def skipped() -> int:
    """How many files named_files() skipped in this command."""
    return int(click.get_current_context().meta.get("auditkit.skipped", 0))


def _emit(text: str, output: str | None) -> None:
    if output:
        from .files import write_atomic

        write_atomic(output, text)
    else:
        click.echo(text, nl=False)


# --- diff (core in diff.py, formatting in diff_output.py) ------------------------------------------
@main.command("diff")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md", "html", "pdf"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE (required for pdf).")
@click.option("--fail-on", "fail_on", default="", metavar="KIND,...", help="Exit 1 when a change of these kinds is found (e.g. overdue,regression).")
@click.option("--allow-different", is_flag=True, help="Compare submissions of two different institutions.")
@click.option("--lang", type=click.Choice(["ko", "en"]), default=None,
              help="Language of the messages and of the change sentences; html and pdf default to ko.")
@checklist_option
@guarded
def diff_command(old: str, new: str, fmt: str, output: str | None, fail_on: str, allow_different: bool, lang: str | None,
                 checklist_files: tuple[str, ...]) -> None:
    """Compare two submissions of one institution (for example two years): regressions,
    improvements, owners, evidence, and promises that were not kept."""
    from .checklists import load_catalog
    from .diff import parse_kinds
    from .diff_output import render_diff
    from .i18n import language, using
    from .pipeline import compare_paths

    try:
        kinds = parse_kinds(fail_on)
    except AuditkitError as exc:  # a wrong option value is a usage error: exit 2
        raise click.BadParameter(str(exc), param_hint="--fail-on") from exc
    if fmt == "pdf" and not output:
        raise click.UsageError(_("--format pdf needs -o FILE"))
    if len(named_files([old, new])) < 2:
        sys.exit(1)
    outputs([output], [old, new, *checklist_files], fmt)
    document = lang or ("ko" if fmt in ("html", "pdf") else language())
    with using(document):
        report = compare_paths(old, new, load_catalog(checklist_files), allow_different)
        rendered = render_diff(report, fmt, colour=sys.stdout.isatty() and not output, lang=document)
    for warning in report.warnings:
        click.echo(_("Warning: {message}").format(message=warning), err=True)
    if output:
        from .files import write_atomic

        write_atomic(output, rendered)
    else:
        click.echo(rendered if isinstance(rendered, str) else rendered.decode("utf-8"), nl=False)
    sys.exit(1 if any(c.kind in kinds for c in report.changes) else 0)


# --- reports -----------------------------------------------------------------------------------------
@main.command("report")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(), help="Output file; a folder when there are several inputs.")
@click.option("--format", "fmt", type=click.Choice(["pdf", "html", "json"]), default="pdf", show_default=True)
@click.option("--lang", type=click.Choice(["ko", "en"]), default="ko", show_default=True,
              help="Language of the report (and of the messages).")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: the number of cores); 1 renders in this process, without a separate process to contain a crash.")
@click.option("--draft", is_flag=True, help="Render an invalid submission anyway, stamped INVALID – DRAFT with its errors.")
@click.option("--force", is_flag=True, help="Render every PDF again, also those whose inputs have not changed.")
@click.option("--public", is_flag=True, help=N_("The variant that may be published: names become roles, contacts are "
              "removed, sites become their kind and city, evidence its document type, nothing is embedded; marked 공개용."))
@click.option("--untagged", is_flag=True, help=N_("PDF/A-3b without the structure tree that screen readers use (faster)."))
@checklist_option
@guarded
def report_command(paths: tuple[str, ...], output: str, fmt: str, lang: str, jobs: int | None, draft: bool,
                   force: bool, public: bool, untagged: bool, checklist_files: tuple[str, ...]) -> None:
    """Render the readiness report of each submission (tagged PDF/A-3a with the submission embedded).

    An invalid submission gets its validation errors and no report (exit 1), unless --draft.
    A batch renders every good input and lists the failures at the end. A PDF already made from the same
    inputs (submission, checklist, language, auditkit and its templates) is left as it is, since it would come
    out byte for byte the same; --force renders it anyway."""

    from .checklists import load_catalog
    from .report import plan_jobs, run_jobs
    from .validate import submission_files

    catalog = load_catalog(checklist_files)  # a broken --checklist file fails here, once
    files = named_files(submission_files(paths))
    if not files:
        if skipped():
            sys.exit(1)
        raise AuditkitError(_("no *.yaml or *.yml files in {paths}").format(paths=", ".join(paths)))
    if public and fmt == "json":
        raise click.UsageError(_("--public makes a PDF or HTML report; the JSON figures carry no names to redact"))
    plan = plan_jobs(files, output, fmt, lang, draft, checklist_files, force, public, not untagged)
    outputs([job.target for job in plan], [*files, *checklist_files, *(c.path for c in catalog.checklists.values())], fmt)
    workers = jobs or os.cpu_count() or 1  # --jobs 1: in this process; else each PDF in a process of its own
    from .progressbar import Progress

    with Progress(len(plan), _("rendering")) as progress:
        outcomes = run_jobs(plan, workers, lambda _outcome: progress.advance())
    failed = [o for o in outcomes if not o.ok]
    unchanged = [o for o in outcomes if o.unchanged]
    for outcome in outcomes:
        if outcome.ok and not outcome.unchanged and outcome.target != "-":
            click.echo(_("wrote {path}").format(path=outcome.target), err=True)
        for message in outcome.messages:
            click.echo(message if outcome.ok else _("Error: {message}").format(message=message), err=True)
    if len(unchanged) == 1 and len(outcomes) == 1:
        click.echo(_("{path} is up to date (made from the same inputs; --force renders it again)").format(path=unchanged[0].target),
                   err=True)
    elif unchanged:
        click.echo(_("{count} of {total} report(s) up to date, left as they were (--force renders them again)").format(
            count=len(unchanged), total=len(outcomes)), err=True)
    if failed:
        click.echo(_("{count} of {total} submission(s) not rendered: {paths}").format(
            count=len(failed), total=len(outcomes), paths=", ".join(o.source for o in failed)), err=True)
    sys.exit(1 if failed or skipped() else 0)


@main.command("rollup")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["pdf", "html", "csv", "json"]), default="pdf", show_default=True)
@click.option("--lang", type=click.Choice(["ko", "en"]), default="ko", show_default=True,
              help="Language of the roll-up (and of the messages).")
@click.option("--previous", "previous", multiple=True, type=click.Path(), metavar="PATH",
              help="The previous year's submissions (folder or files), or the roll-up JSON made of them (rollup --format "
                   "json): track every promise they made, per institution.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes reading the submissions (default: the number of cores); 1 reads them in this process.")
@checklist_option
@guarded
def rollup_command(paths: tuple[str, ...], output: str, fmt: str, lang: str, previous: tuple[str, ...],
                   jobs: int | None, checklist_files: tuple[str, ...]) -> None:
    """One consolidated report across institutions: ratings, section scores, critical gaps,
    overdue remediations, grade 1–2 systems without a DR site. With --previous, first who kept their word:
    the promises of the previous year kept, broken, postponed and still open, per institution.

    PATHS are submissions, folders of them, or JSON made by `report --format json` or `rollup --format json`
    (so that shards of a national run, rolled up apart, merge into one roll-up, the same as made at once)."""
    from .checklists import load_catalog
    from .files import write_atomic
    from .progressbar import Progress
    from .rollup import previous_year, refuse_mixed, rollup, rollup_bytes
    from .validate import submission_files

    catalog = load_catalog(checklist_files)
    files = named_files(submission_files(paths, (".yaml", ".yml", ".json")))
    older = named_files(submission_files(previous, (".yaml", ".yml", ".json")))
    if previous and not older:
        raise AuditkitError(_("no *.yaml, *.yml or *.json files in {paths}").format(paths=", ".join(previous)))
    outputs([output], [*files, *older, *checklist_files], fmt)
    workers = jobs or os.cpu_count() or 1
    with Progress(len(files) + len(older), _("rolling up")) as progress:
        before = previous_year(older, catalog, progress.advance, workers) if previous else None
        found = rollup(files, catalog, progress.advance, fmt == "json", workers, before.tracker if before else None)
        refuse_mixed(found.records)
        yoy = before.year_over_year(found) if before else None
    write_atomic(output, rollup_bytes(found, fmt, lang, catalog, yoy))
    click.echo(_("wrote {path} ({count} institution(s))").format(path=output, count=len(found.records)), err=True)
    for failure in found.failures:
        click.echo(_("Error: not included: {reason}").format(reason=failure), err=True)
    sys.exit(1 if found.failures or skipped() else 0)


@main.command("verify")
@lang_option
@click.argument("report", type=click.Path(dir_okay=False))
@click.argument("submission", required=False, type=click.Path(dir_okay=False))
@click.option("--trust", "trust", multiple=True, metavar="CA.pem", type=click.Path(dir_okay=False),
              help=N_("A trust anchor (CA certificate, PEM or DER; repeatable; default: AUDITKIT_TRUST). Every signature "
                   "must chain to one, and the report must be signed."))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@checklist_option
@guarded
def verify_command(report: str, submission: str | None, trust: tuple[str, ...], fmt: str,
                   checklist_files: tuple[str, ...]) -> None:
    """Check REPORT: its embedded submission against the recorded sha256, that the pages show what it gives
    (institution code, period, score, rating), that it is SUBMISSION, if given; and each signature: signer, role,
    signing time, nothing changed after signing, certificate valid then, chain to a --trust anchor.

    Exit status 0 only when everything checked holds. Without a signature this shows that the report is
    consistent with its source; it does not show who made the report: anyone with auditkit can make a consistent
    report of any YAML. Only a signature checked against --trust can."""

    from .verify import trust_files, verify_report

    result = verify_report(report, submission, trust_files(trust, os.environ.get("AUDITKIT_TRUST")), checklist_files)
    if fmt == "json":
        from .output import dumps

        click.echo(dumps(result.as_json()))
    else:
        for line in result.lines:
            click.echo(line)
    sys.exit(0 if result.ok else 1)


# --- workbooks (core in workbook/) ------------------------------------------------------------------------------
def _workbook_language() -> str:
    """A workbook is Korean unless English was asked for (--lang en, or AUDITKIT_LANG=en): the locale of a server
    that runs `init` says nothing about who fills the workbook in."""

    from .clickutil import scan_language

    asked = scan_language(sys.argv[1:]) or os.environ.get("AUDITKIT_LANG", "")
    return "en" if asked.lower().startswith("en") else "ko"


def _xlsx_output(ctx: click.Context | None, param: click.Parameter | None, value: str) -> str:
    if not value.lower().endswith(".xlsx"):
        raise click.BadParameter(_("the workbook must be an .xlsx file"), ctx, param, param_hint=None if param else "--mark")
    return value


@main.command("export")
@click.argument("submission", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), callback=_xlsx_output,
              help="The workbook to write (.xlsx).")
@click.option("--lang", "book_lang", type=click.Choice(["ko", "en"]), default="ko", show_default=True,
              help="Language of the workbook's headers, questions and status terms.")
@checklist_option
@guarded
def export_command(submission: str, output: str, book_lang: str, checklist_files: tuple[str, ...]) -> None:
    """Write SUBMISSION (YAML, or a workbook to lay out again) as a workbook to fill in with Excel or LibreOffice."""
    from .checklists import load_catalog
    from .workbook.convert import export_workbook

    outputs([output], [submission, *checklist_files])
    click.echo(export_workbook(submission, output, load_catalog(checklist_files), book_lang), err=True)


@main.command("import")
@lang_option
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The submission YAML to write.")
@click.option("--checklist-version", "wanted", metavar="ID@VERSION",
              help="Refuse a workbook made for another checklist version than this one.")
@checklist_option
@guarded
def import_command(workbook: str, output: str, wanted: str | None, checklist_files: tuple[str, ...]) -> None:
    """Turn a workbook back into a submission YAML (schema modeline, item comments, init's layout)."""
    from .checklists import load_catalog
    from .workbook.convert import import_workbook

    outputs([output], [workbook, *checklist_files])
    click.echo(import_workbook(workbook, output, load_catalog(checklist_files), wanted), err=True)


# --- sign (core in sign.py) ---------------------------------------------------------------------------
@main.command("sign")
@lang_option
@click.argument("report", type=click.Path(dir_okay=False))
@click.option("--key", required=True, type=click.Path(dir_okay=False), help=N_("The signer's PKCS#12 file (.p12/.pfx)."))
@click.option("--password-file", type=click.Path(dir_okay=False),
              help=N_("A file whose first line is the key's password (default: AUDITKIT_KEY_PASSWORD; else asked for)."))
@click.option("--role", type=click.Choice(["preparer", "reviewer", "approver"]), default="preparer", show_default=True,
              help=N_("Whose box of the sign-off table (작성 / 검토 / 승인) the signature goes in."))
@click.option("--tsa", metavar="URL", help=N_("A time-stamping service (RFC 3161): PAdES B-T instead of B-B."))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help=N_("The signed PDF to write."))
@guarded
def sign_command(report: str, key: str, password_file: str | None, role: str, tsa: str | None, output: str) -> None:
    """Sign REPORT in ROLE's box of its sign-off table: a PAdES signature (SHA-256) added as an incremental
    update, so that earlier signatures stay valid and the PDF stays PDF/A-3."""
    from .files import write_atomic
    from .sign import SignRequest, sign_report

    outputs([output], [report, key, *([password_file] if password_file else [])])
    signed = sign_report(SignRequest(report, key, _password(password_file, key), role, output, tsa))
    write_atomic(output, signed.data)
    click.echo(_("wrote {path}: signed by {signer} as {role}{stamp}").format(
        path=output, signer=signed.signer, role=role, stamp=_(" (time-stamped)") if signed.timestamped else ""), err=True)


def _password(password_file: str | None, key: str) -> bytes | None:
    """The key's password: --password-file, else AUDITKIT_KEY_PASSWORD, else asked for on a terminal, else none."""


    if password_file:
        try:
            text = open(password_file, "rb").read()
        except OSError as exc:
            raise AuditkitError(_("cannot read the password file {path}: {reason}").format(
                path=password_file, reason=exc.strerror or exc)) from exc
        return text.splitlines()[0] if text.strip() else b""
    if "AUDITKIT_KEY_PASSWORD" in os.environ:
        return os.environ["AUDITKIT_KEY_PASSWORD"].encode("utf-8")
    if sys.stdin.isatty():
        return click.prompt(_("password for {key}").format(key=key), hide_input=True, default="",
                            show_default=False).encode("utf-8") or None
    return None
