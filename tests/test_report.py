"""report, rollup and verify: what a reader finds in the PDF, and what the PDF carries."""
from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import DATA, MINI, edit, run
from pypdf import PdfReader

from auditkit.vocabulary import label


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("report")
    source = folder / "test-2026.yaml"
    shutil.copy(DATA / "mini-valid.yaml", source)
    target = folder / "report.pdf"
    result = run("report", "--checklist", MINI, source, "-o", target)
    assert result.exit_code == 0, result.output
    return source, target


def test_pdf_text_has_what_a_reader_needs(rendered: tuple[Path, Path]) -> None:
    _, pdf = rendered
    text = pdf_text(pdf)
    for needle in ("시험기관", "Test Agency", "조건부 준비", "71.9", "BKP-08", "ACC-05", "복구 테스트 실시", "2026-12-31",
                   "김민수", "이정훈", "2026-11-30", "결재"):
        assert needle in text, needle
    assert re.search(r"2\s*/\s*(\d+)\s*쪽", text)  # page X of Y (the cover carries no number)


def test_english_report(tmp_path: Path, rendered: tuple[Path, Path]) -> None:
    source, _ = rendered
    target = tmp_path / "en.pdf"
    assert run("report", "--checklist", MINI, "--lang", "en", source, "-o", target).exit_code == 0
    text = pdf_text(target)
    assert "IT Disaster Readiness Report" in text and "conditionally ready" in text and re.search(r"page 2 of \d+", text)


def test_every_font_is_embedded(rendered: tuple[Path, Path]) -> None:
    _, pdf = rendered
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert listing, "no fonts listed"
    for line in listing:
        assert re.search(r"\+Nanum-?Gothic", line), line  # the bundled font (its name as this WeasyPrint writes it)
        assert line.split()[-5:-2] == ["yes", "yes", "yes"], line  # emb sub uni


def test_submission_is_embedded_and_hash_recorded(rendered: tuple[Path, Path]) -> None:
    source, pdf = rendered
    reader = PdfReader(str(pdf))
    embedded = reader.attachments["test-2026.yaml"][0]
    assert embedded == source.read_bytes()
    digest = hashlib.sha256(embedded).hexdigest()
    assert digest in pdf_text(pdf).replace("\n", "")
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8", "replace")
    assert "pdfaid:part" in xmp and ">3<" in xmp.replace('"3"', ">3<")


def test_verify_passes_and_catches_a_changed_submission(tmp_path: Path, rendered: tuple[Path, Path]) -> None:
    source, pdf = rendered
    ok = run("verify", "--checklist", MINI, pdf, source)
    assert ok.exit_code == 0, ok.output
    assert "matches the report" in ok.output
    changed = tmp_path / "changed.yaml"
    changed.write_bytes(source.read_bytes().replace(b"2026-09-01", b"2026-09-02"))
    bad = run("verify", "--checklist", MINI, pdf, changed)
    assert bad.exit_code == 1
    assert "MISMATCH" in bad.output


def test_verify_refuses_a_pdf_without_a_submission(tmp_path: Path) -> None:
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"%PDF-1.4 nothing here")
    result = run("verify", fake)
    assert result.exit_code == 1
    assert "Error:" in result.output


def test_two_runs_give_identical_bytes(tmp_path: Path, rendered: tuple[Path, Path]) -> None:
    source, pdf = rendered
    again = tmp_path / "again.pdf"
    assert run("report", "--checklist", MINI, source, "-o", again).exit_code == 0
    assert again.read_bytes() == pdf.read_bytes()


def test_json_figures_are_the_pdf_figures(tmp_path: Path, rendered: tuple[Path, Path]) -> None:
    source, pdf = rendered
    out = tmp_path / "r.json"
    assert run("report", "--checklist", MINI, "--format", "json", source, "-o", out).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    text = pdf_text(pdf)
    assert data["rating"] == "conditionally_ready" and data["score"] == 71.9
    for section in data["sections"]:
        assert f"{section['score']:.1f}" in text
    assert data["critical_gaps"] == ["BKP-08"]
    assert {r["item"] for r in data["remediations"]} == {"BKP-08", "ACC-05"}


def test_invalid_submission_gets_errors_and_no_report(tmp_path: Path, mini_valid: Path) -> None:
    edit(mini_valid, "owner: kim}", "owner: nobody}")
    target = tmp_path / "out.pdf"
    result = run("report", "--checklist", MINI, mini_valid, "-o", target)
    assert result.exit_code == 1
    assert "owner 'nobody' is not in people" in result.output
    assert not target.exists()


def test_draft_renders_an_invalid_submission_with_a_stamp(tmp_path: Path, mini_valid: Path) -> None:
    edit(mini_valid, "owner: kim}", "owner: nobody}")
    target = tmp_path / "draft.pdf"
    result = run("report", "--checklist", MINI, "--draft", mini_valid, "-o", target)
    assert result.exit_code == 0, result.output
    text = pdf_text(target)
    assert "검증 실패 – 초안" in text and "owner 'nobody' is not in people" in text


def test_unapproved_submission_is_marked_draft(tmp_path: Path, mini_valid: Path) -> None:
    edit(mini_valid, "approved_by: {person: lee, date: 2026-10-20}\n", "")
    target = tmp_path / "draft.pdf"
    assert run("report", "--checklist", MINI, mini_valid, "-o", target).exit_code == 0
    assert "초안 (미승인)" in pdf_text(target)


def test_hostile_text_prints_as_text_and_nothing_is_fetched(tmp_path: Path, mini_valid: Path) -> None:
    edit(mini_valid, "action: 연락망 훈련", 'action: "<img src=\'file:///etc/passwd\'><link rel=attachment href=\'file:///etc/hostname\'>"')
    html = tmp_path / "r.html"
    assert run("report", "--checklist", MINI, "--format", "html", mini_valid, "-o", html).exit_code == 0
    assert "&lt;img src=" in html.read_text(encoding="utf-8")
    target = tmp_path / "r.pdf"
    assert run("report", "--checklist", MINI, mini_valid, "-o", target).exit_code == 0
    assert "<img src='file:///etc/passwd'>" in pdf_text(target).replace("\n", "")
    assert list(PdfReader(str(target)).attachments) == ["sub.yaml"]


def test_classification_marking_on_every_page(tmp_path: Path, mini_valid: Path) -> None:
    edit(mini_valid, "period: 2026\n", "period: 2026\nclassification: 대외비\n")
    target = tmp_path / "r.pdf"
    assert run("report", "--checklist", MINI, mini_valid, "-o", target).exit_code == 0
    pages = pdf_text(target).split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) > 3 and all("대외비" in p for p in pages)


def test_batch_renders_good_inputs_and_lists_failures(tmp_path: Path) -> None:
    folder = tmp_path / "subs"
    folder.mkdir()
    for name in ("a", "b"):
        shutil.copy(DATA / "mini-valid.yaml", folder / f"{name}.yaml")
    (folder / "broken.yaml").write_text("checklist: [\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("report", "--checklist", MINI, "--jobs", "2", "--format", "html", folder, "-o", out)
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["a.html", "b.html"]
    assert "1 of 3 submission(s) not rendered" in result.output and "broken.yaml" in result.output


def test_rollup_csv_opens_in_excel(tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    result = run("rollup", "--checklist", MINI, "--format", "csv", "--lang", "en", DATA / "mini-valid.yaml", "-o", out)
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("code,institution,period,as_of,score,rating,BKP,BAT,ACC")
    assert lines[1].startswith("TEST,시험기관,2026,2026-10-15,71.9,conditionally_ready")


def test_rollup_pdf_lists_institutions_and_gaps(tmp_path: Path) -> None:
    out = tmp_path / "all.pdf"
    result = run("rollup", "--checklist", MINI, DATA / "mini-valid.yaml", "-o", out)
    assert result.exit_code == 0, result.output
    text = pdf_text(out)
    for needle in ("시험기관", "71.9", "조건부 준비", "BKP-08"):
        assert needle in text


# --- the samples and the NIRS reconstruction ----------------------------------------------------------

EXAMPLES = Path(__file__).parent.parent / "examples"
NIRS_FAILURES = ["BAT-02", "BAT-04", "BAT-12", "BAT-19", "BAT-16", "BAT-17", "BAT-18", "GOV-07", "RED-03", "RED-04",
                 "RED-14", "BKP-06", "BKP-07", "BKP-12", "GOV-01", "BKP-13"]


@pytest.fixture(scope="module")
def nirs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str]:
    folder = tmp_path_factory.mktemp("nirs")
    source = EXAMPLES / "nirs-daejeon-2025-09-25.yaml"
    assert run("report", source, "--format", "json", "-o", folder / "n.json").exit_code == 0
    result = run("report", source, "-o", folder / "n.pdf")
    assert result.exit_code == 0, result.output
    return json.loads((folder / "n.json").read_text(encoding="utf-8")), pdf_text(folder / "n.pdf")


def test_nirs_reconstruction_is_not_ready_with_every_failure_mode_in_its_findings(nirs: tuple[dict, str]) -> None:
    data, text = nirs
    assert data["rating"] == "not_ready"
    assert "준비 미흡" in text and f"{data['score']:.1f}" in text
    failing = {i["id"] for i in data["items"] if i["status"] in ("partial", "non_compliant")}
    findings = text.split("지적 사항", 1)[1].split("책임자 현황", 1)[0]
    for item in NIRS_FAILURES:
        assert item in failing, item
        assert item in findings, item


def test_sample_report_figures_match_its_json(tmp_path: Path) -> None:
    source = EXAMPLES / "2026" / "kosme.yaml"
    assert run("report", source, "--format", "json", "-o", tmp_path / "k.json").exit_code == 0
    assert run("report", source, "--lang", "en", "-o", tmp_path / "k.pdf").exit_code == 0
    data = json.loads((tmp_path / "k.json").read_text(encoding="utf-8"))
    text = pdf_text(tmp_path / "k.pdf")
    assert "중소벤처기업진흥공단" in text and f"{data['score']:.1f}" in text
    assert label("rating", data["rating"], "en") in text  # the vocabulary's term, as the report prints it
    for section in data["sections"]:
        assert f"{section['score']:.1f}" in text, section
    findings = text.split("Findings", 1)[1].split("Accountability matrix", 1)[0]
    for item in data["items"]:
        if item["status"] in ("partial", "non_compliant"):
            assert item["id"] in findings, item["id"]
    for remediation in data["remediations"]:
        assert remediation["due"] in text


def test_matrix_marks_sit_in_their_item_columns(tmp_path: Path) -> None:
    """The per-system matrix prints a row's marks as one line of text: each mark must land under the header of its
    own item, with the status of that system's answer (read back from the PDF's word boxes)."""
    from auditkit.checklists import load_catalog
    from auditkit.pipeline import score as readiness_of
    from auditkit.report_view import MATRIX_MARK, report_view
    from auditkit.validate import validate_file

    source = EXAMPLES / "2026" / "kdesc.yaml"  # 4 systems, several statuses, items that apply to some grades only
    view = report_view(readiness_of(validate_file(str(source), load_catalog())), "ko")
    target = tmp_path / "kdesc.pdf"
    assert run("report", source, "-o", target).exit_code == 0
    page = next(n for n, text in enumerate(PdfReader(target).pages) if "시스템별 점검 결과" in text.extract_text()) + 1
    boxes = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(target), "-"],
                           capture_output=True, text=True, check=True).stdout
    words = [(float(x0), float(y0), float(x1), html.unescape(w)) for x0, y0, x1, w in
             re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', boxes)]
    header_y = next(y for _, y, _, w in words if w == "RED")
    numbers = sorted((x0 + x1) / 2 for x0, y, x1, w in words if re.fullmatch(r"\d\d", w) and 0 < y - header_y < 12)
    assert len(numbers) == len(view.matrix_items)
    width = numbers[1] - numbers[0]
    marks = set(MATRIX_MARK.values()) - {"\u3000"}
    for row in view.matrix_rows:
        y = next(y for _, y, _, w in words if w == row["system"].id)
        found = sorted(((x0 + x1) / 2, w) for x0, wy, x1, w in words if abs(wy - y) < 3 and w in marks)
        statuses = [status for status, text in row["runs"] for _ in text]
        expected = [(numbers[i], MATRIX_MARK[status]) for i, status in enumerate(statuses) if status != "none"]
        assert [w for _, w in found] == [w for _, w in expected], row["system"].id
        for (x, _), (column, _) in zip(found, expected, strict=True):
            assert abs(x - column) < width / 4, (row["system"].id, x, column)


def test_findings_give_an_item_once_then_each_failing_system(tmp_path: Path) -> None:
    """BKP-13 fails for two of kdesc's four systems: its title and requirement print once, then a row per system."""
    target = tmp_path / "kdesc.pdf"
    assert run("report", EXAMPLES / "2026" / "kdesc.yaml", "-o", target).exit_code == 0
    findings = pdf_text(target).split("지적 사항", 1)[1].split("책임자 현황", 1)[0]
    head = re.search(r"BKP-13 백업 저장 위치 분리 · 중대 · ○ 부적합 2/4 시스템", findings)
    assert head and findings.count("백업 저장 위치 분리") == 1
    rows = findings[head.end():].split("GOV-", 1)[0]
    assert "KDESC-CERT" in rows and "KDESC-PUB" in rows and rows.count("same-room: other-site 중 하나가 아님") == 2
    assert "기관 전체" in findings  # an institution-wide finding says so instead of leaving the column blank


def test_korean_report_gives_the_basis_of_a_finding_in_korean(tmp_path: Path) -> None:
    """The rule and the failure print in the report's language; the English report keeps the validator's wording."""
    source = EXAMPLES / "2026" / "kdesc.yaml"
    for lang, words in (("ko", ["2026-09-30: 기준일 2026-10-23에 23일 지남; 2등급 기준: 1일 이내",
                                "1.7: 최댓값 1 초과; 기준: 1배 이하", "same-room: other-site 중 하나가 아님; 기준: other-site 중 하나",
                                "실시한 적 없음; 기준: 366일 이내"]),
                        ("en", ["2026-09-30 is 23 days old at as_of 2026-10-23; grade 2 allows at most 1 day old",
                                "1.7 is above the maximum 1; the rule allows at most 1 ratio"])):
        target = tmp_path / f"{lang}.pdf"
        assert run("report", source, "--lang", lang, "-o", target).exit_code == 0
        text = re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(target).pages))  # cells wrap
        for phrase in words:
            assert re.sub(r"\s+", "", phrase) in text, (lang, phrase)
        assert ("daysoldatas_of" in text) == (lang == "en")


def test_a_pdf_made_from_the_same_inputs_is_left_alone(tmp_path: Path) -> None:
    """Officers re-run whole batches: a report whose inputs did not change is not rendered again (it would come out
    byte for byte the same); any change of the submission, the language or --force renders it."""
    source = tmp_path / "kibo.yaml"
    shutil.copy(EXAMPLES / "2026" / "kibo.yaml", source)
    target = tmp_path / "kibo.pdf"
    assert run("report", source, "-o", target).exit_code == 0
    made = target.stat().st_mtime_ns, target.read_bytes()
    again = run("report", source, "-o", target)
    assert again.exit_code == 0 and "is up to date" in again.stderr and "--force" in again.stderr
    assert (target.stat().st_mtime_ns, target.read_bytes()) == made
    forced = run("report", source, "--force", "-o", target)
    assert forced.exit_code == 0 and f"wrote {target}" in forced.stderr and target.read_bytes() == made[1]
    source.write_text(source.read_text(encoding="utf-8") + "# checked again\n", encoding="utf-8")
    assert f"wrote {target}" in run("report", source, "-o", target).stderr
    assert f"wrote {target}" in run("report", source, "--lang", "en", "-o", target).stderr
    assert "IT Disaster Readiness Report" in pdf_text(target)
    target.write_bytes(b"%PDF-1.7\n% somebody else's file\n%%EOF\n")
    assert f"wrote {target}" in run("report", source, "--lang", "en", "-o", target).stderr


def test_a_batch_renders_only_what_changed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for code in ("kibo", "koreg", "kosme"):
        shutil.copy(EXAMPLES / "2026" / f"{code}.yaml", folder / f"{code}.yaml")
    out = tmp_path / "out"
    assert run("report", folder, "-o", out).exit_code == 0
    edited = folder / "koreg.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "# a comment changes the file, so its report\n", encoding="utf-8")
    result = run("report", folder, "-o", out)
    assert result.exit_code == 0
    assert f"wrote {out / 'koreg.pdf'}" in result.stderr and "kibo.pdf" not in result.stderr
    assert "2 of 3 report(s) up to date" in result.stderr


def test_nirs_critical_gaps_show_non_compliant_not_partial(nirs: tuple[dict, str]) -> None:
    """Room 7-1 burned, Gwangju and Gongju did not: a critical site item non-compliant at one of three sites is
    non-compliant 1/3, not "partial" (issue 15)."""
    _, text = nirs
    gaps = text.split("중대 미비 사항", 1)[1].split("기한 경과", 1)[0]
    rows = {line.split()[0]: line for line in gaps.splitlines() if line.strip()[:4] in ("BAT-", "RED-", "BKP-")}
    for item in ("BAT-02", "BAT-04", "BAT-12"):
        assert "○ 부적합 1/3 사이트" in rows[item], rows.get(item)
    assert "부분 적합 1/3" not in gaps
