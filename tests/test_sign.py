"""sign and verify: PAdES signatures in the 결재란, checked by auditkit and by poppler's pdfsig; tampering caught."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import DATA, MINI, edit, run
from pki import DAY, NOW, authority, person
from pypdf import PdfReader

ROLES = ("preparer", "reviewer", "approver")


class Pki:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.ca = authority("auditkit Test Root CA")
        self.other = authority("Untrusted Other CA")
        self.ca_pem = self.ca.pem(folder)
        self.other_pem = self.other.pem(folder)
        self.keys = {role: person(self.ca, name, folder) for role, name in
                     zip(ROLES, ("김민수", "박검토", "이정훈"), strict=True)}
        self.password = folder / "password.txt"
        self.password.write_text("secret\n", encoding="utf-8")
        self.stranger = person(self.other, "Mallory", folder)
        self.expired = person(self.ca, "Expired Signer", folder, not_before=NOW - 400 * DAY, not_after=NOW - 10 * DAY)
        self.no_signing = person(self.ca, "Encryption Only", folder, signing=False)
        self.nss = folder / "nss"
        self.nss.mkdir()
        subprocess.run(["certutil", "-N", "-d", f"sql:{self.nss}", "--empty-password"], check=True, capture_output=True)
        subprocess.run(["certutil", "-A", "-d", f"sql:{self.nss}", "-n", "auditkit-test", "-t", "CT,C,C", "-i",
                        str(self.ca_pem)], check=True, capture_output=True)

    def sign(self, report: Path, role: str, out: Path, key: Path | None = None) -> Path:
        result = run("sign", report, "--key", key or self.keys[role], "--password-file", self.password, "--role", role,
                     "-o", out)
        assert result.exit_code == 0, result.output
        qpdf_ok(out)  # every signed file of these tests passes qpdf --check
        return out

    def pdfsig(self, pdf: Path) -> str:
        return subprocess.run(["pdfsig", "-nssdir", f"sql:{self.nss}", str(pdf)], capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return Pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("signed")
    source = folder / "test-2026.yaml"
    shutil.copy(DATA / "mini-valid.yaml", source)
    target = folder / "report.pdf"
    assert run("report", "--checklist", MINI, source, "-o", target).exit_code == 0
    return source, target


@pytest.fixture(scope="module")
def signed(pki: Pki, report: tuple[Path, Path]) -> list[Path]:
    """The report after each of the three signatures, in order (작성 → 검토 → 승인)."""
    _, pdf = report
    steps, current = [], pdf
    for role in ROLES:
        current = pki.sign(current, role, pdf.parent / f"signed-{role}.pdf")
        steps.append(current)
    return steps


def qpdf_ok(pdf: Path) -> None:
    result = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert result.returncode == 0 and "No syntax or stream encoding errors" in result.stdout, result.stdout + result.stderr


def test_three_signatures_verify_with_auditkit_and_pdfsig(pki: Pki, report: tuple[Path, Path], signed: list[Path]) -> None:
    source, _ = report
    for step, pdf in enumerate(signed, 1):
        result = run("verify", "--checklist", MINI, pdf, source, "--trust", pki.ca_pem)
        assert result.exit_code == 0, result.output
        assert result.stdout.count(": valid") == step and "verified: everything checked holds" in result.stdout
        sig = pki.pdfsig(pdf)
        assert sig.count("Signature is Valid.") == step and sig.count("Certificate is Trusted.") == step, sig
    final = run("verify", "--checklist", MINI, signed[-1], "--trust", pki.ca_pem).stdout
    for role, word, name in zip(ROLES, ("작성", "검토", "승인"), ("김민수", "박검토", "이정훈"), strict=True):
        assert re.search(rf"signature in field {role} \({word}\): valid\n  signer: .*{name}", final), role
    assert "issuer: Common Name: auditkit Test Root CA" in final
    assert final.count("changes after it: signatures and form filling") == 2 and "covers the whole file" in final
    assert "All signatures" not in pki.pdfsig(signed[-1]) or "Total document signed" in pki.pdfsig(signed[-1])


def test_each_signature_sits_in_its_box_of_the_signoff_table(report: tuple[Path, Path], signed: list[Path]) -> None:
    """Each field's rectangle is the cell under its column's heading (작성, 검토, 승인) in the 결재란's signature row."""
    pdf = signed[-1]
    reader = PdfReader(pdf)
    fields = {str(f["/T"]): [float(v) for v in f["/Rect"]] for f in
              (ref.get_object() for ref in reader.trailer["/Root"]["/AcroForm"]["/Fields"])}
    assert set(fields) == set(ROLES)
    page = next(n for n, p in enumerate(reader.pages) if "/Annots" in p) + 1
    height = float(reader.pages[page - 1].mediabox.height)
    boxes = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    found = [(w, float(x0), float(x1), float(y1)) for x0, x1, y1, w in
             re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', boxes)]
    header = next(y for w, _, _, y in found if w == "승인")  # the table's head row: 작성 검토 승인
    words = {w: (x0, x1, y) for w, x0, x1, y in found if abs(y - header) < 2 or w == "일자"}
    date_row = words["일자"][2]
    for role, word in zip(ROLES, ("작성", "검토", "승인"), strict=True):
        x0, y0, x1, y1 = fields[role]
        column = (words[word][0] + words[word][1]) / 2
        assert x0 < column < x1, role
        assert height - y1 > date_row, role  # below the date row: in the signature row
        assert y1 - y0 > 50  # the 22 mm box, not a zero-size invisible field


def test_signing_keeps_the_pdfa_file_as_rendered(report: tuple[Path, Path], signed: list[Path]) -> None:
    """Incremental updates only: the rendered bytes are a prefix of every signed file, and the header, XMP, /Info and
    output intent are the ones that were rendered."""
    _, pdf = report
    original = pdf.read_bytes()
    before = PdfReader(pdf)
    for path in signed:
        data = path.read_bytes()
        assert data.startswith(original) and data[:9] == b"%PDF-1.7\n"
        after = PdfReader(path)
        root, old_root = after.trailer["/Root"], before.trailer["/Root"]
        assert root["/Metadata"].get_object().get_data() == old_root["/Metadata"].get_object().get_data()
        assert root.raw_get("/Metadata").idnum == old_root.raw_get("/Metadata").idnum  # the same object, not a new one
        assert dict(after.metadata) == dict(before.metadata)
        intent, old_intent = root["/OutputIntents"][0].get_object(), old_root["/OutputIntents"][0].get_object()
        assert intent["/S"] == old_intent["/S"] == "/GTS_PDFA1"
        assert intent.raw_get("/DestOutputProfile").idnum == old_intent.raw_get("/DestOutputProfile").idnum
        assert "/Version" not in root  # no PDF 2.0 feature
        assert after.attachments == before.attachments
    assert pdfinfo(signed[-1])["Tagged"] == "yes"


def pdfinfo(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


@pytest.mark.parametrize("case", ["wrong password", "no password", "expired", "no signing usage", "not pkcs12",
                                  "already signed", "missing file"])
def test_signing_errors_are_one_clear_line(case: str, pki: Pki, report: tuple[Path, Path], signed: list[Path],
                                           tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, pdf = report
    monkeypatch.delenv("AUDITKIT_KEY_PASSWORD", raising=False)
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("hunter2-not-it\n", encoding="utf-8")
    junk = tmp_path / "junk.p12"
    junk.write_bytes(b"not a key at all")
    args, expected = {
        "wrong password": (["--key", pki.keys["preparer"], "--password-file", wrong], "wrong password for"),
        "no password": (["--key", pki.keys["preparer"]], "is protected by a password"),
        "expired": (["--key", pki.expired, "--password-file", pki.password], "expired on"),
        "no signing usage": (["--key", pki.no_signing, "--password-file", pki.password], "may not sign documents"),
        "not pkcs12": (["--key", junk, "--password-file", pki.password], "is not a PKCS#12 key file"),
        "already signed": (["--key", pki.keys["preparer"], "--password-file", pki.password], "field of"),
        "missing file": (["--key", tmp_path / "nope.p12", "--password-file", pki.password], "cannot read the key file"),
    }[case]
    target = signed[0] if case == "already signed" else pdf
    out = tmp_path / "out.pdf"
    result = run("sign", target, *args, "--role", "preparer", "-o", out)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and expected in lines[0], result.output
    assert "hunter2" not in result.output and "secret" not in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_password_from_the_environment(pki: Pki, report: tuple[Path, Path], tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _, pdf = report
    monkeypatch.setenv("AUDITKIT_KEY_PASSWORD", "secret")
    monkeypatch.setenv("AUDITKIT_TRUST", str(pki.ca_pem))
    out = tmp_path / "env.pdf"
    result = run("sign", pdf, "--key", pki.keys["reviewer"], "--role", "reviewer", "-o", out)
    assert result.exit_code == 0 and "signed by" in result.stderr and "secret" not in result.output
    verified = run("verify", "--checklist", MINI, out)  # the trust anchor from AUDITKIT_TRUST
    assert verified.exit_code == 0 and "chains to a trust anchor" in verified.stdout


def test_unsigned_report_with_trust_is_not_signed(pki: Pki, report: tuple[Path, Path]) -> None:
    source, pdf = report
    plain = run("verify", "--checklist", MINI, pdf, source)
    assert plain.exit_code == 0 and "signatures: none" in plain.stdout
    result = run("verify", "--checklist", MINI, pdf, "--trust", pki.ca_pem)
    assert result.exit_code == 1 and "NOT SIGNED" in result.stdout


# --- tampering -------------------------------------------------------------------------------------------

def test_a_changed_byte_in_a_page_stream_is_caught(pki: Pki, signed: list[Path], tmp_path: Path) -> None:
    data = bytearray(signed[-1].read_bytes())
    reader = PdfReader(io.BytesIO(bytes(data)))
    number = reader.pages[1]["/Contents"].indirect_reference.idnum
    start = data.index(b"stream", data.index(f"\n{number} 0 obj".encode())) + 20
    data[start] ^= 0x01
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    result = run("verify", "--checklist", MINI, tampered, "--trust", pki.ca_pem)
    assert result.exit_code == 1 and "the signed bytes were changed after signing" in result.stdout
    assert "Signature is Valid." not in pki.pdfsig(tampered)


def test_an_update_that_swaps_the_attachment_is_caught(pki: Pki, report: tuple[Path, Path], signed: list[Path],
                                                       tmp_path: Path) -> None:
    """An incremental update after the signatures puts in another submission and records its hash: the embedded
    check is satisfied, the signatures are not."""
    import hashlib

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    source, _ = report
    forged = source.read_bytes().replace(b"2026-09-01", b"2026-09-02")
    writer = IncrementalPdfFileWriter(io.BytesIO(signed[-1].read_bytes()))
    names = writer.root["/Names"]["/EmbeddedFiles"]["/Names"]
    spec_ref = names.raw_get(1)
    spec = spec_ref.get_object()
    stream = generic.StreamObject({generic.pdf_name("/Type"): generic.pdf_name("/EmbeddedFile")}, stream_data=forged)
    spec["/EF"][generic.pdf_name("/F")] = writer.add_object(stream)
    writer.update_container(spec)
    info = writer.trailer["/Info"]
    digest = hashlib.sha256(forged).hexdigest()
    info[generic.pdf_name("/Subject")] = generic.TextStringObject(f"auditkit submission sha256={digest}")
    writer.update_container(info)
    out = io.BytesIO()
    writer.write(out)
    swapped = tmp_path / "swapped.pdf"
    swapped.write_bytes(out.getvalue())
    result = run("verify", "--checklist", MINI, swapped, "--trust", pki.ca_pem)
    assert result.exit_code == 1
    assert "embedded submission matches the recorded hash" in result.stdout  # the forger did that much
    assert result.stdout.count("the document was changed after this signature") == 3
    assert "Not total document signed" in pki.pdfsig(swapped).split("approver")[1]


def test_a_report_rendered_again_from_an_edited_submission_is_caught(pki: Pki, report: tuple[Path, Path],
                                                                     tmp_path: Path) -> None:
    source, _ = report
    edited = tmp_path / "test-2026.yaml"
    shutil.copy(source, edited)
    edit(edited, "2026-09-01", "2026-09-02")
    forged = tmp_path / "forged.pdf"
    assert run("report", "--checklist", MINI, edited, "-o", forged).exit_code == 0
    unsigned = run("verify", "--checklist", MINI, forged, source, "--trust", pki.ca_pem)
    assert unsigned.exit_code == 1 and "NOT SIGNED" in unsigned.stdout and "MISMATCH: this file is not" in unsigned.stdout
    pki.sign(forged, "approver", tmp_path / "forged-signed.pdf", key=pki.stranger)
    result = run("verify", "--checklist", MINI, tmp_path / "forged-signed.pdf", source, "--trust", pki.ca_pem)
    assert result.exit_code == 1 and "does not chain to a trust anchor" in result.stdout and "MISMATCH" in result.stdout


def test_a_signature_by_a_second_ca_is_not_trusted(pki: Pki, report: tuple[Path, Path], tmp_path: Path) -> None:
    _, pdf = report
    out = pki.sign(pdf, "approver", tmp_path / "stranger.pdf", key=pki.stranger)
    result = run("verify", "--checklist", MINI, out, "--trust", pki.ca_pem, "--format", "json")
    assert result.exit_code == 1
    import json

    data = json.loads(result.stdout)
    assert data["ok"] is False and data["signed"] is True
    (sig,) = data["signatures"]
    assert sig["field"] == "approver" and sig["intact"] is True and sig["trusted"] is False and "Mallory" in sig["signer"]
    assert "Untrusted Other CA" in sig["issuer"] and any("trust anchor" in p for p in data["problems"])
    assert "Certificate issuer isn't Trusted" in pki.pdfsig(out) and "Signature is Valid." in pki.pdfsig(out)
    assert run("verify", "--checklist", MINI, out, "--trust", pki.other_pem).exit_code == 0  # trusted by whoever trusts that CA


def test_a_certificate_not_valid_at_signing_time_is_caught(pki: Pki, report: tuple[Path, Path], tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """`sign` refuses an expired certificate; another tool might not: verify catches the signature anyway."""
    import auditkit.sign

    monkeypatch.setattr(auditkit.sign, "check_certificate", lambda cert, path, now=None: None)
    _, pdf = report
    out = pki.sign(pdf, "preparer", tmp_path / "expired.pdf", key=pki.expired)
    result = run("verify", "--checklist", MINI, out, "--trust", pki.ca_pem)
    assert result.exit_code == 1 and "was not valid at the signing time" in result.stdout


def test_help_and_validate_do_not_import_pyhanko() -> None:
    code = ("import sys\nfrom click.testing import CliRunner\nfrom auditkit.cli import main\n"
            f"CliRunner().invoke(main, ['--help'])\nCliRunner().invoke(main, ['validate', '--checklist', {MINI!r}, "
            f"{str(DATA / 'mini-valid.yaml')!r}])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pyhanko', 'cryptography', 'weasyprint')))")
    out = subprocess.run([shutil.which("python") or "python", "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
