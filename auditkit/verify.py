"""`auditkit verify`: does a report still carry the submission it was made from?"""
from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import AuditkitError
from .i18n import _

MAX_PDF = 512 * 1024 * 1024  # a report of a 2,000-system submission is about 5 MB
SHA_RE = re.compile(r"sha256=([0-9a-f]{64})")


@dataclass(frozen=True)
class Verification:
    ok: bool
    lines: tuple[str, ...]


def verify_report(report: str, submission: str | None = None, checklists: tuple[str, ...] = ()) -> Verification:
    """Check the embedded submission against the recorded sha256, the pages against the embedded submission
    (content_check.check_pages), and the embedded submission against a given file."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from .errors import InputError
    from .loader import read_input

    try:
        reader = PdfReader(io.BytesIO(read_input(report, MAX_PDF)))
        recorded = SHA_RE.search(str(reader.metadata.get("/Subject", "")) if reader.metadata else "")
        attachments = reader.attachments
    except InputError as exc:
        raise AuditkitError(f"{report}: {exc.problem.message}") from exc
    except (OSError, PdfReadError, ValueError) as exc:
        raise AuditkitError(f"{report}: not a readable PDF ({exc})") from exc
    if recorded is None:
        raise AuditkitError(f"{report}: no auditkit submission hash recorded; was it made by `auditkit report`?")
    yaml_files = {name: data[0] for name, data in attachments.items() if name.endswith((".yaml", ".yml", ".xlsx")) and data}
    if len(yaml_files) != 1:
        raise AuditkitError(f"{report}: expected one embedded submission, found {len(yaml_files)}")
    name, embedded = next(iter(yaml_files.items()))
    actual = hashlib.sha256(embedded).hexdigest()
    lines = [f"recorded sha256 {recorded.group(1)}", f"embedded {name}: sha256 {actual}"]
    ok = actual == recorded.group(1)
    lines.append("embedded submission matches the recorded hash" if ok else
                 "MISMATCH: the embedded submission is not the one the report was made from")
    if submission is not None:
        try:
            given = hashlib.sha256(Path(submission).read_bytes()).hexdigest()
        except OSError as exc:
            raise AuditkitError(f"cannot read {submission}: {exc.strerror or exc}") from exc
        same = given == recorded.group(1)
        lines.append(f"{submission}: sha256 {given} — " + ("matches the report" if same else
                     "MISMATCH: this file is not the submission the report was made from"))
        ok = ok and same
    from .content_check import Source, check_pages

    pages = check_pages(reader, Source(name, embedded, recorded.group(1)), checklists)
    lines += pages.lines
    ok = ok and pages.ok
    lines.append(_("This shows the report is consistent with the submission it embeds; it does not show who made "
                   "the report (anyone with auditkit can make a consistent one): only a signature can."))
    return Verification(ok, tuple(lines))
