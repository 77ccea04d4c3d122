"""`auditkit verify`: is this report the record it claims to be?

Two kinds of checks. The source: the embedded submission matches the sha256 recorded when the report was rendered,
and the SUBMISSION given. The signatures (pyHanko, imported only when the report has any or when trust was asked
for): for each one its signer, role field and signing time; whether the signed bytes are intact; whether anything
changed after it other than what signing allows (later signatures filling their fields); whether the signer's
certificate chains to a trust anchor given with --trust; whether that certificate was valid at the signing time.
``ok`` holds only when every check that was asked for holds.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .errors import AuditkitError
from .i18n import N_, _

MAX_PDF = 512 * 1024 * 1024  # a report of a 2,000-system submission is about 5 MB
SHA_RE = re.compile(r"sha256=([0-9a-f]{64})")
PUBLIC_RE = re.compile(r"auditkit-public-of=([0-9a-f]{64})")
ROLE_NAMES = {"preparer": "작성", "reviewer": "검토", "approver": "승인"}


@dataclass
class SignatureCheck:
    field: str
    signer: str
    issuer: str
    signing_time: str | None
    timestamp: str | None
    intact: bool
    coverage: str  # "whole file" or "revision" (later revisions follow)
    changes_after: str  # none, signatures, form filling, other
    trusted: bool | None  # None: no trust anchor given, not checked
    valid_at_signing_time: bool
    problems: list[str] = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Verification:
    ok: bool
    lines: tuple[str, ...]
    report: str = ""
    public_of: str | None = None
    source: dict[str, Any] = dataclasses.field(default_factory=dict)
    signatures: list[SignatureCheck] = dataclasses.field(default_factory=list)
    problems: list[str] = dataclasses.field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"report": self.report, "ok": self.ok, "signed": bool(self.signatures), "public_of": self.public_of,
                "source": self.source, "signatures": [asdict(s) | {"ok": s.ok} for s in self.signatures],
                "problems": self.problems}


def verify_report(report: str, submission: str | None = None, trust: list[str] | None = None,
                  checklists: tuple[str, ...] = ()) -> Verification:
    """Check ``report``: its source (embedded submission and hash, the pages against the embedded submission with
    content_check.check_pages, the given file) and its signatures; with ``trust`` (certificate files) also that
    each signature chains to one of them and that there is one at all."""
    data = _read(report)
    reader = _reader(report, data)
    public_of = PUBLIC_RE.search(_info(reader, "/Keywords"))
    lines: list[str] = []
    problems: list[str] = []
    if public_of:
        source = _public_source(report, submission, public_of.group(1), lines, problems)
    else:
        source = _source_checks(report, reader, submission, lines, problems, checklists)
    anchors = _load_trust(trust or [])
    signatures = _signature_checks(data, anchors if trust else None)
    if trust and not signatures:
        problems.append(_("not signed: the report carries no signature to check against the trust anchors"))
        lines.append(_("NOT SIGNED: {report} carries no signature").format(report=report))
    for check in signatures:
        lines.extend(_signature_lines(check))
        problems.extend(check.problems)
    if not signatures and not trust:
        lines.append(_("signatures: none (give --trust CA.pem to require a trusted signature)"))
        lines.append(_("This shows the report is consistent with the submission it embeds; it does not show who made "
                       "the report (anyone with auditkit can make a consistent one): only a signature can."))
    lines.append(_("verified: everything checked holds") if not problems else
                 _("NOT VERIFIED: {count} problem(s)").format(count=len(problems)))
    return Verification(not problems, tuple(lines), report, public_of.group(1) if public_of else None, source,
                        signatures, problems)


def _read(report: str) -> bytes:
    from .errors import InputError
    from .loader import read_input

    try:
        return read_input(report, MAX_PDF)
    except InputError as exc:
        raise AuditkitError(f"{report}: {exc.problem.message}") from exc


def _reader(report: str, data: bytes) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        reader.metadata  # noqa: B018 - parse the trailer and /Info now, inside the try
        return reader
    except (OSError, PdfReadError, ValueError, KeyError) as exc:
        raise AuditkitError(_("{path}: not a readable PDF ({reason})").format(path=report, reason=exc)) from exc


def _info(reader: Any, key: str) -> str:
    try:
        return str(reader.metadata.get(key, "")) if reader.metadata else ""
    except Exception:  # noqa: BLE001 - a broken /Info is as good as none
        return ""


def _source_checks(report: str, reader: Any, submission: str | None, lines: list[str], problems: list[str],
                   checklists: tuple[str, ...] = ()) -> dict[str, Any]:
    """The embedded submission against its recorded sha256, the pages against it, and it against ``submission``."""
    from pypdf.errors import PdfReadError

    recorded = SHA_RE.search(_info(reader, "/Subject"))
    if recorded is None:
        raise AuditkitError(_("{path}: no auditkit submission hash recorded; was it made by `auditkit report`?").format(path=report))
    try:
        attachments = reader.attachments
        yaml_files = {name: data[0] for name, data in attachments.items() if name.endswith((".yaml", ".yml", ".xlsx")) and data}
    except (PdfReadError, ValueError, KeyError) as exc:
        raise AuditkitError(_("{path}: not a readable PDF ({reason})").format(path=report, reason=exc)) from exc
    if len(yaml_files) != 1:
        raise AuditkitError(_("{path}: expected one embedded submission, found {count}").format(path=report, count=len(yaml_files)))
    name, embedded = next(iter(yaml_files.items()))
    actual = hashlib.sha256(embedded).hexdigest()
    matches = actual == recorded.group(1)
    lines += [_("recorded sha256 {digest}").format(digest=recorded.group(1)),
              _("embedded {name}: sha256 {digest}").format(name=name, digest=actual),
              _("embedded submission matches the recorded hash") if matches else
              _("MISMATCH: the embedded submission is not the one the report was made from")]
    if not matches:
        problems.append(_("the embedded submission does not match the recorded hash"))
    source: dict[str, Any] = {"recorded_sha256": recorded.group(1), "embedded": name, "embedded_sha256": actual,
                              "embedded_matches": matches}
    if submission is not None:
        given = _file_digest(submission)
        same = given == recorded.group(1)
        lines.append(_("{path}: sha256 {digest} — {verdict}").format(
            path=submission, digest=given, verdict=_("matches the report") if same else
            _("MISMATCH: this file is not the submission the report was made from")))
        if not same:
            problems.append(_("{path} is not the submission the report was made from").format(path=submission))
        source |= {"file": submission, "file_sha256": given, "file_matches": same}
    from .content_check import Source, check_pages

    pages = check_pages(reader, Source(name, embedded, recorded.group(1)), checklists)
    lines += pages.lines
    if not pages.ok:
        problems.append(_("the pages do not show what the embedded submission gives"))
    source["pages_match"] = pages.ok
    return source


def _public_source(report: str, submission: str | None, full: str, lines: list[str], problems: list[str]) -> dict[str, Any]:
    lines.append(_("public (redacted) variant of the report with sha256 {digest}; it carries no submission").format(digest=full))
    if submission is not None:
        problems.append(_("{path}: a public variant carries no submission to compare with").format(path=submission))
        lines.append(problems[-1])
    return {"public_of": full}


def _file_digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as exc:
        raise AuditkitError(_("cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)) from exc


def trust_files(given: tuple[str, ...], environ: str | None) -> list[str]:
    """--trust files, else those listed in AUDITKIT_TRUST (separated like PATH)."""
    import os

    if given:
        return list(given)
    return [p for p in (environ or "").split(os.pathsep) if p]


def _load_trust(paths: list[str]) -> list[Any]:
    """Certificates (PEM or DER, several per PEM file) from the trust files."""
    if not paths:
        return []
    from asn1crypto import pem, x509

    anchors = []
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise AuditkitError(_("cannot read the trust anchor {path}: {reason}").format(path=path, reason=exc.strerror or exc)) from exc
        try:
            blobs = [der for _kind, _headers, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
            found = [x509.Certificate.load(der) for der in blobs]
            for cert in found:
                cert.native  # noqa: B018 - parse it all now, so that a broken file is reported here
        except Exception as exc:  # noqa: BLE001 - asn1crypto raises several kinds for what is not a certificate
            raise AuditkitError(_("{path} is not a certificate file (PEM or DER)").format(path=path)) from exc
        if not found:
            raise AuditkitError(_("{path} holds no certificate").format(path=path))
        anchors += found
    return anchors


def _signature_checks(data: bytes, anchors: list[Any] | None) -> list[SignatureCheck]:
    """Each signature of the file, checked; ``anchors`` None means trust was not asked for."""
    if b"/ByteRange" not in data:
        return []  # no signature dictionary at all: pyHanko need not be imported
    import logging

    from pyhanko.pdf_utils.reader import PdfFileReader

    # pyHanko logs what it finds (with tracebacks) as well as returning it: the verdicts below say it once
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # noqa: BLE001 - pyHanko's parse errors have several types
        raise AuditkitError(_("not a readable signed PDF ({reason})").format(reason=exc)) from exc
    return [_check(sig, anchors) for sig in signatures]


def _check(sig: Any, anchors: list[Any] | None) -> SignatureCheck:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    claimed = sig.self_reported_timestamp
    moment = claimed or dt.datetime.now(dt.timezone.utc)
    context = ValidationContext(trust_roots=anchors or [], moment=moment, allow_fetching=False)
    usage = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)
    try:
        status = validate_pdf_signature(sig, signer_validation_context=context, key_usage_settings=usage)
    except Exception as exc:  # noqa: BLE001 - a mangled signature: report it, do not crash
        cert = sig.signer_cert
        return SignatureCheck(str(sig.field_name), cert.subject.human_friendly, cert.issuer.human_friendly,
                              _iso(claimed), None, False, "unknown", "unknown", None if anchors is None else False, False,
                              [_("signature {field}: cannot be checked ({reason})").format(field=sig.field_name, reason=exc)])
    return _judge(sig, status, moment, anchors is not None)


def _judge(sig: Any, status: Any, moment: dt.datetime, trust_asked: bool) -> SignatureCheck:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    cert = status.signing_cert
    name = str(sig.field_name)
    problems = []
    intact = bool(status.intact and status.valid)
    if not intact:
        problems.append(_("signature {field}: the signed bytes were changed after signing").format(field=name))
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    level = status.modification_level
    allowed = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)
    changes = N_("none") if whole else {ModificationLevel.NONE: N_("none"), ModificationLevel.LTA_UPDATES: N_("signatures"),
                                        ModificationLevel.FORM_FILLING: N_("signatures and form filling")}.get(level, N_("other"))
    if not whole and (level not in allowed or status.coverage != SignatureCoverageLevel.ENTIRE_REVISION):
        problems.append(_("signature {field}: the document was changed after this signature (more than later "
                          "signatures filling their fields)").format(field=name))
    validity = cert["tbs_certificate"]["validity"]
    start, end = validity["not_before"].native, validity["not_after"].native
    in_time = start <= moment <= end
    if not in_time:
        problems.append(_("signature {field}: the signer's certificate was not valid at the signing time {time} "
                          "(valid from {start} to {end})").format(field=name, time=_iso(moment), start=_iso(start), end=_iso(end)))
    trusted = None
    if trust_asked:
        trusted = bool(status.trusted)
        if not trusted and intact and in_time:
            problems.append(_("signature {field}: the signer's certificate does not chain to a trust anchor given "
                              "with --trust").format(field=name))
    stamp = status.timestamp_validity
    return SignatureCheck(name, cert.subject.human_friendly, cert.issuer.human_friendly, _iso(sig.self_reported_timestamp),
                          _iso(stamp.timestamp) if stamp is not None else None, intact,
                          "whole file" if whole else "revision", changes, trusted, in_time, problems)


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC") if moment else None


def _signature_lines(check: SignatureCheck) -> list[str]:
    role = ROLE_NAMES.get(check.field, "")
    head = _("signature in field {field}{role}: {verdict}").format(
        field=check.field, role=f" ({role})" if role else "", verdict=_("valid") if check.ok else _("NOT VALID"))
    lines = [head,
             "  " + _("signer: {subject}").format(subject=check.signer),
             "  " + _("issuer: {issuer}").format(issuer=check.issuer),
             "  " + _("signing time: {time} (as the signer's computer gave it)").format(time=check.signing_time or "—")]
    if check.timestamp:
        lines.append("  " + _("time-stamp: {time}").format(time=check.timestamp))
    lines.append("  " + (_("signed bytes intact") if check.intact else _("SIGNED BYTES CHANGED")))
    lines.append("  " + (_("covers the whole file") if check.coverage == "whole file" else
                         _("changes after it: {changes}").format(changes=_(check.changes_after))))
    lines.append("  " + (_("certificate valid at the signing time") if check.valid_at_signing_time else
                         _("CERTIFICATE NOT VALID at the signing time")))
    if check.trusted is not None:
        lines.append("  " + (_("chains to a trust anchor") if check.trusted else _("DOES NOT CHAIN to a trust anchor")))
    return lines + ["  " + p for p in check.problems]
