"""report --public: nothing of a submission's people, contacts or sites leaks into the publishable PDF."""
from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

import pytest
from conftest import run
from pypdf import PdfReader

EXAMPLES = Path(__file__).parent.parent / "examples"
SAMPLES = sorted((EXAMPLES / "2026").glob("*.yaml")) + [EXAMPLES / "nirs-daejeon-2025-09-25.yaml"]


def secrets_of(source: Path) -> set[str]:
    """Every name, phone number, e-mail address and site name the submission gives."""
    from auditkit.loader import load_file

    data = load_file(source).data
    found = set()
    for person in (data.get("people") or {}).values():
        found |= {str(person[k]) for k in ("name", "email", "phone") if person.get(k)}
    found |= {str(site["name"]) for site in data.get("sites") or [] if site.get("name")}
    return found


def every_text(pdf: Path) -> str:
    """The page texts (pdftotext) and every object of the file decompressed (qpdf's QDF form: metadata, XMP,
    alternative texts, field names), strings decoded from UTF-16 where they are."""
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), "-"], capture_output=True, check=True).stdout
    utf16 = " ".join(bytes.fromhex(h).decode("utf-16-be", "replace") for h in re.findall(rb"<FEFF([0-9A-Fa-f]+)>", qdf)
                     if len(h) % 4 == 0)
    literal = " ".join(b.decode("utf-16-be", "replace") for b in re.findall(rb"\(\xfe\xff(.*?)\)", qdf, re.S))
    return "\n".join((pages, qdf.decode("utf-8", "replace"), utf16, literal))


@pytest.mark.parametrize("source", SAMPLES, ids=lambda p: p.stem)
def test_public_variant_leaks_no_name_contact_or_site(source: Path, tmp_path: Path) -> None:
    secrets = secrets_of(source)
    assert len(secrets) >= 4, source  # the sample has people and sites to hide
    target = tmp_path / "public.pdf"
    result = run("report", source, "--public", "-o", target)
    assert result.exit_code == 0, result.output
    text = every_text(target)
    leaked = sorted(s for s in secrets if s in text)
    assert not leaked, leaked
    reader = PdfReader(target)
    assert reader.attachments == {} and "/AF" not in reader.trailer["/Root"]
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert not [s for s in secrets if s in xmp]
    pages = [p for p in subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True,
                                       check=True).stdout.split("\f") if p.strip()]
    assert all("공개용" in page for page in pages)


def test_public_variant_names_roles_and_the_full_report_it_came_from(tmp_path: Path) -> None:
    source = EXAMPLES / "2026" / "kibo.yaml"
    full, public = tmp_path / "full.pdf", tmp_path / "public.pdf"
    assert run("report", source, "-o", full).exit_code == 0
    assert run("report", source, "--public", "-o", public).exit_code == 0
    text = subprocess.run(["pdftotext", "-layout", str(public), "-"], capture_output=True, text=True, check=True).stdout
    digest = hashlib.sha256(full.read_bytes()).hexdigest()
    cover = text.split("\f")[0]
    assert "공개용 편집본" in cover and digest in cover.replace("\n", "")
    assert "정보보호부장(CISO)" in text and "이사장" in text  # people by their role
    assert "부산 자체 전산실" in text and "서울 위탁 운영(코로케이션)" in text  # sites by city and kind
    assert "정보보호부-8129" not in text and "보고서" in text.split("전체 점검 항목", 1)[1]  # evidence by document type
    assert "대외비" not in text
    verified = run("verify", public)
    assert verified.exit_code == 0 and f"public (redacted) variant of the report with sha256 {digest}" in verified.stdout
    assert run("verify", public, source).exit_code == 1  # no submission to compare with


def test_redaction_rules() -> None:
    from auditkit.redact import PHONE_RE, city_of, document_type

    def city(name: str) -> str | None:
        found = city_of(name)
        return found.label("en") if found else None

    assert city("국가정보자원관리원 광주센터") == "Gwangju" and city("공주 백업센터") == "Gongju"
    assert city("LG유플러스 가산 IDC 재해복구센터") == "Seoul" and city("민간 클라우드 공공존") is None
    assert document_type("업무영향분석 결과보고서 2026 (정보보호부-8129)", "ko") == "보고서"
    assert document_type("UPS 계통도 및 한쪽 계통 정지 시험 기록 — 사업자 제공", "en") == "record"
    assert document_type("재해복구 구성도 (기술보증 통합업무시스템)", "ko") == "도면"
    for phone in ("+82-51-000-0201", "010-1234-5678", "02-123-4567", "042.123.4567"):
        assert PHONE_RE.search(f"연락처 {phone} 로"), phone
    for not_phone in ("2026-10-15", "sha256 28f78e8f5db4bc86", "RTO 0.25", "KIBO-CORE"):
        assert not PHONE_RE.search(not_phone), not_phone
