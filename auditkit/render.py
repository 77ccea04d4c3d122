"""HTML from Jinja2 templates (one environment) and PDF from WeasyPrint, sandboxed.

`render_*_html()` are pure: data in, HTML out. `write_pdf_bytes()` is the only
place WeasyPrint runs; its URL fetcher serves the package's own templates,
stylesheets and fonts and refuses everything else.
"""
from __future__ import annotations

import datetime as dt
import logging
import mimetypes
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import __version__
from .checklists import asset_dir
from .errors import AuditkitError, Problem
from .i18n import _
from .model import Text
from .score import Readiness, format_score, round_score
from .vocabulary import RATING_TERMS, SEVERITY_TERMS, STATUS_TERMS, label

TEMPLATES = asset_dir("templates")
STATUS_MARK = {"compliant": "●", "partial": "◐", "non_compliant": "○", "not_applicable": "–", "none": ""}


@cache
def strings() -> dict[str, dict[str, str]]:
    """UI strings per language: templates/strings.yaml, and under their codes the vocabulary's terms for statuses,
    ratings and severities (s.non_compliant, s.not_ready, s.critical), defined once in auditkit/vocabulary.py."""
    from .loader import load_file

    data = load_file(TEMPLATES / "strings.yaml").data
    terms = (*STATUS_TERMS, *RATING_TERMS, *SEVERITY_TERMS)
    return {lang: {k: str(v.get(lang) or v.get("ko")) for k, v in data.items()} | {t.code: t.label(lang) for t in terms}
            for lang in ("ko", "en")}


@cache
def stylesheet() -> Markup:
    """report.css, inlined in every page: a saved HTML report is styled without a file beside it (issue 11)."""
    return Markup(_STYLE_END.sub(r"<\\/style", (TEMPLATES / "report.css").read_text(encoding="utf-8")))


_STYLE_END = re.compile("</style", re.IGNORECASE)


@cache
def environment() -> jinja2.Environment:
    """The one Jinja environment: autoescape on, a missing value fails loudly."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, finalize=_finalize)
    env.filters["pct"] = format_score
    env.filters["mark"] = lambda status: STATUS_MARK.get(status, "?")
    env.filters["value"] = _show_value
    env.globals["delta"] = _show_change
    return env


def _show_change(change: float | None) -> str:
    """A score change in points: +1.2, -3.4, ±0.0 (– when there is none)."""
    rounded = round_score(change)
    if rounded is None:
        return "–"
    return f"{rounded:+.1f}" if rounded else "±0.0"


@jinja2.pass_context
def _finalize(context: Any, value: Any) -> Any:
    """Every printed value of a public variant goes through its redactor (redact.py); others print as they are."""
    redactor = context.get("redact")
    if redactor is None:
        return value
    from .redact import finalize

    return finalize(redactor, value)


def _show_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _context(lang: str) -> dict[str, Any]:
    words = strings()[lang]

    def t(value: Any) -> str:
        if isinstance(value, Text):
            return value.get(lang)
        return str(value)

    def term(group: str, code: str | None) -> str:
        return label(group, code, lang) if code else "—"
    return {"lang": lang, "s": words, "t": t, "term": term, "version": __version__,
            "font_dir": (TEMPLATES / "fonts").as_uri(), "stylesheet": stylesheet()}


@dataclass(frozen=True)
class Public:
    """What makes a report its public variant: the digest of the full report, and the redactor of its texts."""

    full_sha256: str
    redactor: Any


def render_report_html(readiness: Readiness, lang: str = "ko", problems: list[Problem] | None = None,
                       public: Public | None = None) -> str:
    """The readiness report of one submission; `problems` makes it an INVALID – DRAFT, `public` its public variant."""
    from .report_view import report_view

    view = report_view(readiness, lang)
    return environment().get_template("report.html").render(**_context(lang), r=view, problems=problems or [],
                                                            public=public, redact=public.redactor if public else None)


def render_rollup_html(records: list[Any], checklist: Any, lang: str = "ko", failures: list[str] | None = None,
                       yoy: Any = None) -> str:
    """The roll-up of rollup.Record's (of one checklist) with the inputs that were left out; with `yoy`
    (promises.YearOverYear) it opens with who kept their word."""
    from .report_view import promise_view, rollup_view

    view = rollup_view(records, checklist)
    return environment().get_template("rollup.html").render(**_context(lang), r=view, failures=failures or [],
                                                            p=promise_view(yoy) if yoy is not None else None)


def render_diff_html(report: Any, lang: str = "ko", words: dict[str, Any] | None = None) -> str:
    """The diff as HTML; `words` are diff_output's helpers (title of a kind, a value as read, the routine note)."""
    return environment().get_template("diff.html").render(**_context(lang), **(words or {}), d=report)


def signature_labels(lang: str) -> dict[str, str]:
    """What a screen reader says for each role's signature field of the 결재란 (its /TU): "작성 서명란"."""
    words = strings()[lang]
    return {role: f"{words[key]} {words['sign_field']}"
            for role, key in (("preparer", "writer"), ("reviewer", "reviewer"), ("approver", "approver"))}


def document_date(*candidates: dt.date | None) -> dt.datetime:
    """The date a PDF says it was made: SOURCE_DATE_EPOCH, else the first date the input gives; never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return _epoch_date(epoch)
    for day in candidates:
        if day is not None and day <= dt.date.today():  # a date in the future is an error (only drafts get here)
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    return dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


LATEST_EPOCH = int(dt.datetime(2999, 12, 31, 23, 59, 59, tzinfo=dt.timezone.utc).timestamp())


def _epoch_date(epoch: str) -> dt.datetime:
    """SOURCE_DATE_EPOCH as a date, or one line saying what is wrong with it."""
    if not epoch.isdigit() or int(epoch) > LATEST_EPOCH:
        from .i18n import _

        raise AuditkitError(_("SOURCE_DATE_EPOCH={value} is not a date auditkit can put in a PDF: give whole seconds "
                              "since 1970-01-01 UTC, at most {latest} (2999-12-31)").format(value=epoch[:40], latest=LATEST_EPOCH))
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)


def write_pdf_bytes(html: str, attachments: Sequence[tuple[str, bytes]] = (), when: dt.datetime | None = None,
                    tagged: bool = True, field_labels: Mapping[str, str] | None = None) -> bytes:
    """Render HTML to PDF/A-3 with the attachments embedded; fail on any WeasyPrint error.

    ``tagged`` makes it a tagged PDF/A-3a (structure tree, reading order, /Lang) instead of PDF/A-3b;
    ``field_labels`` (role -> label) adds the sign-off table's empty signature fields (see finish.py)."""
    missing_font_check()  # without it every Hangul glyph would silently print as a box
    import weasyprint

    from .finish import finisher

    when = when or document_date()
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    html = html.replace("</head>", f'<meta name="dcterms.created" content="{stamp}">'
                                   f'<meta name="dcterms.modified" content="{stamp}"></head>', 1)
    mimetypes.add_type("application/yaml", ".yaml")
    fetcher = sandbox_fetcher_class()()
    files = [weasyprint.Attachment(string=data, name=name, url_fetcher=fetcher, relationship="Source",
                                   description="auditkit submission (source of this report)", created=when, modified=when)
             for name, data in attachments]
    with _weasyprint_errors() as errors, _private_tempdir():
        pdf = weasyprint.HTML(string=html, base_url=TEMPLATES.as_uri() + "/", url_fetcher=fetcher).write_pdf(
            pdf_variant="pdf/a-3a" if tagged else "pdf/a-3b", attachments=files, uncompressed_pdf=False,
            finisher=finisher(field_labels or {}))
    if errors:
        raise AuditkitError(_("rendering failed: {errors}").format(errors="; ".join(errors[:3])))
    return pdf


@contextmanager
def _private_tempdir() -> Iterator[None]:
    """WeasyPrint copies fonts into a `weasyprint-*` folder under the temporary directory and removes it only when its
    FontConfiguration is garbage-collected, which a worker that ends or is stopped never does (about 9 MB a
    process): give it a folder of ours and remove that, whatever happens."""
    import shutil
    import tempfile

    folder = tempfile.mkdtemp(prefix="auditkit-render-")
    before, tempfile.tempdir = tempfile.tempdir, folder
    try:
        yield
    finally:
        tempfile.tempdir = before
        shutil.rmtree(folder, ignore_errors=True)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _weasyprint_errors:
    """Collect WeasyPrint's error log lines while a PDF is written."""

    def __enter__(self) -> list[str]:
        self.handler = _Collect()
        logging.getLogger("weasyprint").addHandler(self.handler)
        return self.handler.messages

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("weasyprint").removeHandler(self.handler)


@cache
def sandbox_fetcher_class() -> type:
    """A WeasyPrint URL fetcher that serves files under templates/ and refuses every other URL."""
    from urllib.parse import unquote, urlparse

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    root = TEMPLATES.resolve()

    class SandboxFetcher(URLFetcher):
        refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if path.is_relative_to(root) and path.is_file():
                    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})
            SandboxFetcher.refused.append(url)
            raise ValueError(_("auditkit renders offline: refused to fetch {url}").format(url=url[:80]))

    return SandboxFetcher


@cache
def toolchain_digest() -> str:
    """sha256 over WeasyPrint's version and every file of auditkit (its code, and the templates, strings and fonts
    under templates/): what a PDF's bytes follow from besides the submission and its checklist. The code counts
    too, so that a changed checkout never passes an old PDF off as current."""
    import hashlib
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256(__version__.encode())
    try:
        digest.update(version("weasyprint").encode())
    except PackageNotFoundError:
        digest.update(b"weasyprint?")
    package = Path(__file__).resolve().parent
    files = {p for folder in (package, TEMPLATES.resolve()) for p in folder.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts}
    for path in sorted(files):
        stat = path.stat()  # the 9 MB of fonts by size and time: hashing them would cost 20 ms a run
        content = path.read_bytes() if stat.st_size < 1 << 20 else f"{stat.st_size}:{stat.st_mtime_ns}".encode()
        digest.update(path.name.encode() + b"\0" + content)
    return digest.hexdigest()


INPUTS_KEY = "auditkit-inputs="


def rendered_from(pdf: str | Path) -> str | None:
    """The inputs digest an auditkit PDF records in its Keywords, or None (no such file, not a PDF, not ours)."""

    if not os.path.isfile(pdf):
        return None
    try:
        from pypdf import PdfReader

        meta = PdfReader(pdf).metadata
        keywords = str(meta.get("/Keywords", "")) if meta else ""
    except Exception:  # noqa: BLE001 - whatever pypdf or the OS says, the file cannot vouch for itself
        return None
    found = re.search(re.escape(INPUTS_KEY) + "([0-9a-f]{64})", keywords)
    return found.group(1) if found else None


def missing_font_check() -> None:
    """Raise a clear error when the bundled font files are not where the stylesheet expects them."""
    for name in ("NanumGothic.ttf", "NanumGothicBold.ttf"):
        if not (TEMPLATES / "fonts" / name).is_file():
            raise AuditkitError(_("the bundled font {path} is missing; reinstall auditkit").format(path=TEMPLATES / "fonts" / name))
