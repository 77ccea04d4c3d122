"""`auditkit sign`: a PAdES signature in a report's 결재란, as an incremental update that keeps PDF/A-3.

Each role (작성 preparer, 검토 reviewer, 승인 approver) has an empty signature field on its box of the sign-off table,
made when the report is rendered (finish.py). Signing fills that field: PAdES baseline B-B (B-T with a time-stamping
service), SHA-256, the signer's name and the time drawn in the box with the bundled Nanum Gothic (embedded, as PDF/A
requires). The update appends to the file and changes nothing else: the header version, the XMP metadata, the
document information and the output intent stay as they were, so earlier signatures stay valid and the file stays
PDF/A-3. pyHanko does the PDF and CMS work; it is imported only here.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import AuditkitError
from .finish import SIGN_ROLES
from .i18n import _

ROLE_WORDS = {"preparer": "작성", "reviewer": "검토", "approver": "승인"}


@dataclass(frozen=True)
class SignRequest:
    report: str
    key: str
    password: bytes | None
    role: str
    output: str
    tsa: str | None = None


@dataclass(frozen=True)
class Signed:
    data: bytes
    signer: str
    role: str
    timestamped: bool


def load_key(path: str, password: bytes | None) -> Any:
    """A pyHanko signer from a PKCS#12 file, after checking that its certificate may sign today."""
    from asn1crypto import pkcs12 as asn1_pkcs12
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise AuditkitError(_("cannot read the key file {path}: {reason}").format(path=path, reason=exc.strerror or exc)) from exc
    try:
        asn1_pkcs12.Pfx.load(data).native  # noqa: B018 - parses the whole structure: is it PKCS#12 at all?
    except Exception as exc:  # noqa: BLE001 - asn1crypto raises several kinds for a file that is not DER
        raise AuditkitError(_("{path} is not a PKCS#12 key file (.p12/.pfx)").format(path=path)) from exc
    try:
        key, cert, others = pkcs12.load_key_and_certificates(data, password)
    except ValueError as exc:
        if password is None:
            raise AuditkitError(_("{path} is protected by a password: give it with --password-file FILE or "
                                  "AUDITKIT_KEY_PASSWORD").format(path=path)) from exc
        raise AuditkitError(_("wrong password for {path}").format(path=path)) from exc
    if key is None or cert is None:
        raise AuditkitError(_("{path} holds no private key with its certificate").format(path=path))
    check_certificate(cert, path)
    return _signer(key, cert, others)


def check_certificate(cert: Any, path: str, now: dt.datetime | None = None) -> None:
    """Refuse a certificate that is not valid now, that may not sign documents, or whose key would force PDF 2.0."""
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    now = now or dt.datetime.now(dt.timezone.utc)
    if now > cert.not_valid_after_utc:
        raise AuditkitError(_("the certificate in {path} expired on {date}").format(
            path=path, date=cert.not_valid_after_utc.strftime("%Y-%m-%d")))
    if now < cert.not_valid_before_utc:
        raise AuditkitError(_("the certificate in {path} is not valid before {date}").format(
            path=path, date=cert.not_valid_before_utc.strftime("%Y-%m-%d")))
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    if usage is not None and not (usage.digital_signature or usage.content_commitment):
        raise AuditkitError(_("the certificate in {path} may not sign documents: its key usage has neither "
                              "digitalSignature nor nonRepudiation").format(path=path))
    if not isinstance(cert.public_key(), (rsa.RSAPublicKey, ec.EllipticCurvePublicKey)):
        raise AuditkitError(_("the key in {path} is neither RSA nor ECDSA; its signature would need PDF 2.0, which "
                              "PDF/A-3 does not allow").format(path=path))


def _signer(key: Any, cert: Any, others: list[Any]) -> Any:
    from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1, translate_pyca_cryptography_key_to_asn1
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    store = SimpleCertificateStore()
    store.register_multiple([translate_pyca_cryptography_cert_to_asn1(c) for c in others])
    return SimpleSigner(signing_key=translate_pyca_cryptography_key_to_asn1(key),
                        signing_cert=translate_pyca_cryptography_cert_to_asn1(cert), cert_registry=store)


def _keep_metadata_writer(data: bytes) -> Any:
    """pyHanko's incremental writer, except that it leaves /Info and the XMP stream alone: pyHanko would stamp its
    name and the time into both, and the issue is to keep the PDF/A file's metadata as it was rendered."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    class KeepMetadata(IncrementalPdfFileWriter):
        def _update_meta(self) -> None:
            pass

    return KeepMetadata(io.BytesIO(data), strict=False)


def empty_field(writer: Any, role: str, report: str) -> None:
    """Fail unless the report has an empty signature field for ``role``."""
    from pyhanko.sign.fields import enumerate_sig_fields

    found = [value for name, value, _ref in enumerate_sig_fields(writer) if name == role]
    if not found:
        raise AuditkitError(_("{report} has no signature field for {role}; render it again with this version of "
                              "auditkit").format(report=report, role=role))
    if found[0] is not None:
        raise AuditkitError(_("the {role} field of {report} is already signed").format(role=role, report=report))


def stamp_style() -> Any:
    """The signer's name and the signing time, in the role's box, in the bundled font (embedded as a subset)."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    from .render import TEMPLATES

    font = GlyphAccumulatorFactory(str(TEMPLATES / "fonts" / "NanumGothic.ttf"), font_size=7)
    return TextStampStyle(stamp_text="%(signer)s\n%(ts)s", text_box_style=TextBoxStyle(font=font, font_size=7),
                          border_width=0, timestamp_format="%Y-%m-%d %H:%M UTC")


def sign_report(request: SignRequest) -> Signed:
    """Sign ``request.report`` in the role's field; return the signed bytes (the caller writes them)."""
    import logging

    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # the font subsetter's notes on tables it drops
    if request.role not in SIGN_ROLES:
        raise AuditkitError(_("unknown role {role}: use preparer, reviewer or approver").format(role=request.role))
    signer = load_key(request.key, request.password)
    try:
        data = Path(request.report).read_bytes()
        writer = _keep_metadata_writer(data)
    except OSError as exc:
        raise AuditkitError(_("cannot read {path}: {reason}").format(path=request.report, reason=exc.strerror or exc)) from exc
    except (PdfError, ValueError) as exc:
        raise AuditkitError(_("{path}: not a readable PDF ({reason})").format(path=request.report, reason=exc)) from exc
    empty_field(writer, request.role, request.report)
    meta = signers.PdfSignatureMetadata(field_name=request.role, md_algorithm="sha256", subfilter=SigSeedSubFilter.PADES,
                                        reason=f"{ROLE_WORDS[request.role]} ({request.role})")
    timestamper = None
    if request.tsa:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        timestamper = HTTPTimeStamper(request.tsa)
    pdf_signer = signers.PdfSigner(meta, signer=signer, timestamper=timestamper, stamp_style=stamp_style())
    out = io.BytesIO()
    try:
        pdf_signer.sign_pdf(writer, output=out)
    except Exception as exc:  # noqa: BLE001 - a time-stamping service or pyHanko: one line, not a traceback
        if request.tsa:
            raise AuditkitError(_("signing with the time-stamping service {url} failed: {reason}").format(
                url=request.tsa, reason=" ".join(str(exc).split())[:200])) from exc
        raise
    subject = signer.signing_cert.subject
    name = subject.native.get("common_name") or subject.human_friendly
    return Signed(out.getvalue(), name, request.role, timestamper is not None)
