"""The workbook form of a submission: export, import, reading .xlsx everywhere, cells in every finding, and
nothing dangerous in or out. Workbooks are edited here with openpyxl the way a person edits them in Excel."""
from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import ROOT, run

from auditkit.checklists import load_catalog
from auditkit.loader import load_file
from auditkit.pipeline import score as readiness_of
from auditkit.score import readiness_json
from auditkit.validate import validate_file

SAMPLES = sorted(str(p.relative_to(ROOT / "examples")) for p in (ROOT / "examples").glob("20*/*.yaml")) + \
    ["nirs-daejeon-2025-09-25.yaml"]
BKP = "BKP 백업 및 복구"


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of examples/ (with the evidence files), so workbooks and YAML sit beside the evidence."""
    target = tmp_path_factory.mktemp("examples")
    shutil.copytree(ROOT / "examples", target, dirs_exist_ok=True)
    return target


def report(path: Path) -> dict[str, Any]:
    result = validate_file(str(path), load_catalog(()))
    data = readiness_json(readiness_of(result))
    del data["path"], data["sha256"]
    return data


@pytest.mark.parametrize("sample", SAMPLES)
def test_export_then_import_gives_the_same_data_and_report(samples: Path, sample: str) -> None:
    source = samples / sample
    book, back = source.with_suffix(".xlsx"), source.with_name(source.stem + ".back.yaml")
    assert run("export", source, "-o", book).exit_code == 0
    assert run("import", book, "-o", back).exit_code == 0
    original = load_file(str(source)).data
    assert load_file(str(back)).data == original
    assert load_file(str(book)).data == original  # read directly, the workbook is the same submission
    assert report(back) == report(source) == report(book)
    text = back.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=mss-it-resilience-")
    assert "  # ── RED " in text and "  # RED-01 " in text  # init's layout: sections and item comments


def test_english_workbook_round_trips_and_has_english_headers(samples: Path) -> None:
    source = samples / "2026" / "kibo.yaml"
    book = samples / "2026" / "kibo-en.xlsx"
    assert run("export", source, "-o", book, "--lang", "en").exit_code == 0
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames[:4] == ["Cover", "People", "Sites", "Systems"]
    sheet = next(name for name in wb.sheetnames if name.startswith("BKP "))
    assert [c.value for c in wb[sheet][2]][:7] == ["Item", "Target", "Target name", "Question",
                                                   "Requirement · compliant when", "Status", "Value"]
    assert load_file(str(book)).data == load_file(str(source)).data


def test_lossless_for_text_numbers_dates_and_absent_answers(tmp_path: Path) -> None:
    source = tmp_path / "odd.yaml"
    text = (ROOT / "examples" / "2026" / "kibo.yaml").read_text(encoding="utf-8")
    text = text.replace("answers:\n", "x-note: {by: 감사팀, n: 3}\nanswers:\n", 1)
    source.write_text(text, encoding="utf-8")
    data = load_file(str(source)).data
    answer = data["answers"]["RED-01"]["systems"]["KIBO-CORE"]
    answer["comment"] = "=HYPERLINK(\"http://x\")\n둘째 줄, 쉼표 {괄호}: 콜론 # 샵"
    answer["value"] = 2.5
    answer["evidence"] = [{"ref": "file: 처럼 보이는 참조"}, {"file": "a b.pdf", "sha256": "0" * 64},
                          {"ref": "r", "file": "both.pdf"}]
    answer["owner"] = None
    del data["answers"]["GOV-01"]
    del data["answers"]["BKP-08"]["systems"]["KIBO-WEB"]
    from auditkit.workbook.read import load_workbook_file
    from auditkit.workbook.write import workbook_bytes

    checklist = load_catalog(()).find("mss-it-resilience", "2026.1")
    assert checklist is not None
    book = tmp_path / "odd.xlsx"
    book.write_bytes(workbook_bytes(data, checklist, "ko"))
    assert load_workbook_file(str(book)).data == data
    cell = _cell(book, "RED ", "RED-01", "KIBO-CORE", "comment")
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")  # text, never a formula
    back = tmp_path / "odd.back.yaml"
    assert run("import", book, "-o", back).exit_code == 0
    assert load_file(str(back)).data == data


# --- helpers: find a row and a column as a person would -------------------------------------------------------
def _columns(ws: Any) -> dict[str, int]:
    return {c.value: c.column for c in ws[1] if c.value}


def _row(ws: Any, item: str, target: str | None) -> int:
    for row in range(3, ws.max_row + 1):
        if ws.cell(row, 1).value == item and ws.cell(row, 2).value == target:
            return row
    raise AssertionError(f"no row for {item} / {target}")


def _sheet(wb: Any, prefix: str) -> Any:
    return wb[next(name for name in wb.sheetnames if name.startswith(prefix))]


def _cell(book: Path, prefix: str, item: str, target: str | None, key: str) -> Any:
    ws = _sheet(openpyxl.load_workbook(book), prefix)
    return ws.cell(_row(ws, item, target), _columns(ws)[key])


@pytest.fixture
def kibo(samples: Path, tmp_path: Path) -> Path:
    """KIBO 2026 as a workbook, beside its evidence."""
    shutil.copytree(samples / "2026", tmp_path / "2026")
    book = tmp_path / "2026" / "kibo.xlsx"
    assert run("export", tmp_path / "2026" / "kibo.yaml", "-o", book).exit_code == 0
    return book


def person_edits(book: Path, prefix: str, edits: list[tuple[str, str | None, str, Any]]) -> str:
    """Type values into cells (item, target, column key, value); return the cell name of the last edit."""
    wb = openpyxl.load_workbook(book)
    ws = _sheet(wb, prefix)
    name = ""
    for item, target, key, value in edits:
        cell = ws.cell(_row(ws, item, target), _columns(ws)[key])
        cell.value = value
        name = cell.coordinate
    wb.save(book)
    return name


def problems(book: Path) -> list[dict[str, Any]]:
    result = run("validate", "--format", "json", book)
    return json.loads(result.output)["files"][0]["errors"]


def test_choosing_a_status_from_the_dropdown_is_validated_at_its_row(kibo: Path) -> None:
    red = "RED 이중화 및 재해복구"
    cell = person_edits(kibo, "RED ", [("RED-05", "KIBO-CORE", "status", "부적합")])
    found = problems(kibo)
    assert [(p["sheet"], p["cell"], p["code"]) for p in found] == [(red, cell.replace("F", "B"), "remediation-required")]
    assert "remediation" in found[0]["message"]
    person_edits(kibo, "RED ", [("RED-05", "KIBO-CORE", "action", "이중화 구성"), ("RED-05", "KIBO-CORE", "action_owner", "kim-ms"),
                                ("RED-05", "KIBO-CORE", "due", dt.datetime(2026, 11, 1))])
    assert problems(kibo) == []
    assert load_file(str(kibo)).data["answers"]["RED-05"]["systems"]["KIBO-CORE"]["remediation"] == {
        "action": "이중화 구성", "owner": "kim-ms", "due": "2026-11-01"}


def test_a_status_computed_from_the_value_disagrees_at_the_status_cell(kibo: Path) -> None:
    cell = person_edits(kibo, BKP, [("BKP-08", "KIBO-CORE", "status", "부적합")])
    found = problems(kibo)
    assert (BKP, cell, "status-contradicts-value") in [(p["sheet"], p["cell"], p["code"]) for p in found]


def test_a_pasted_wrong_status_is_caught_with_sheet_and_cell(kibo: Path) -> None:
    cell = person_edits(kibo, "RED ", [("RED-05", "KIBO-CORE", "status", "OK")])
    found = problems(kibo)
    assert [(p["sheet"], p["cell"], p["code"]) for p in found] == [("RED 이중화 및 재해복구", cell, "status-unknown")]
    assert "'OK'" in found[0]["message"]
    result = run("validate", kibo)
    assert f"{kibo}!'RED 이중화 및 재해복구'!{cell}: [error]" in result.output


def test_typing_a_date_is_read_as_that_date(kibo: Path) -> None:
    source = load_file(str(kibo)).data["answers"]["BKP-08"]["systems"]["KIBO-CORE"]
    assert "value" in source
    person_edits(kibo, BKP, [("BKP-08", "KIBO-CORE", "value", dt.datetime(2026, 9, 30))])
    assert load_file(str(kibo)).data["answers"]["BKP-08"]["systems"]["KIBO-CORE"]["value"] == "2026-09-30"
    assert run("validate", kibo).exit_code == 0


def test_a_date_too_old_for_its_rule_points_to_the_value_cell(kibo: Path) -> None:
    cell = person_edits(kibo, BKP, [("BKP-08", "KIBO-CORE", "value", dt.datetime(2020, 1, 1))])
    found = problems(kibo)
    assert [(p["sheet"], p["cell"], p["code"]) for p in found] == [(BKP, cell, "remediation-required")]


def test_deleting_a_row_leaves_that_answer_missing_at_the_items_rows(kibo: Path) -> None:
    wb = openpyxl.load_workbook(kibo)
    ws = _sheet(wb, BKP)
    row = _row(ws, "BKP-08", "KIBO-WEB")
    first = _row(ws, "BKP-08", "KIBO-CORE")
    ws.delete_rows(row)
    wb.save(kibo)
    found = problems(kibo)
    assert [(p["sheet"], p["cell"], p["code"], p["item"]) for p in found] == [(BKP, f"A{first}", "unanswered", "BKP-08")]
    assert "KIBO-WEB" in found[0]["message"]


def test_adding_a_system_asks_for_its_answers_and_export_again_adds_its_rows(kibo: Path) -> None:
    wb = openpyxl.load_workbook(kibo)
    ws = wb["정보시스템"]
    columns = _columns(ws)
    row = next(r for r in range(3, ws.max_row + 2) if ws.cell(r, 1).value is None)  # the first empty row
    for key, value in {"id": "KIBO-NEW", "name": "신규 시스템", "grade": 3, "owner": "kim-ms", "deputy": "lee-jh",
                       "site": "HQ-DC", "dr_site": "DR-GS"}.items():
        ws.cell(row, columns[key]).value = value
    wb.save(kibo)
    found = problems(kibo)
    assert found and {p["code"] for p in found} == {"unanswered"}
    assert all("KIBO-NEW" in p["message"] and p["sheet"] and p["cell"].startswith("A") for p in found)
    again = kibo.with_name("kibo-2.xlsx")
    assert run("export", kibo, "-o", again).exit_code == 0
    assert _cell(again, BKP, "BKP-08", "KIBO-NEW", "status").value is None  # a row to fill in now


def test_text_and_json_output_carry_sheet_and_cell(kibo: Path) -> None:
    cell = person_edits(kibo, BKP, [("BKP-08", "KIBO-WEB", "owner", "nobody")])
    result = run("validate", kibo)
    assert f"{kibo}!'{BKP}'!{cell}: [error] BKP-08 / KIBO-WEB: owner 'nobody' is not in people" in result.output
    (error,) = problems(kibo)
    assert error["sheet"] == BKP and error["cell"] == cell and error["line"] == int(cell[1:])
    yaml_json = json.loads(run("validate", "--format", "json", ROOT / "examples/2026/kibo.yaml").output)
    assert "sheet" not in json.dumps(yaml_json)  # YAML findings keep their shape


def test_mark_writes_a_copy_with_the_bad_cells_highlighted_and_explained(kibo: Path) -> None:
    cell = person_edits(kibo, "RED ", [("RED-05", "KIBO-CORE", "status", "OK")])
    marked = kibo.with_name("marked.xlsx")
    result = run("validate", "--mark", marked, kibo)
    assert result.exit_code == 1
    ws = _sheet(openpyxl.load_workbook(marked), "RED ")
    assert ws[cell].fill.fgColor.rgb.endswith("FFC7CE")
    assert "(status-unknown)" in ws[cell].comment.text
    assert _sheet(openpyxl.load_workbook(kibo), "RED ")[cell].comment is None  # the input is left as it was


def test_every_command_that_reads_submissions_accepts_a_workbook(kibo: Path, tmp_path: Path) -> None:
    assert run("report", kibo, "-o", tmp_path / "r.pdf").exit_code == 0
    verified = run("verify", tmp_path / "r.pdf", kibo)  # the report embeds the workbook it was made from
    assert verified.exit_code == 0 and "matches the report" in verified.output
    assert run("status", kibo).exit_code == 0
    assert run("report", kibo, "--format", "json", "-o", tmp_path / "r.json").exit_code == 0
    assert run("rollup", kibo, "--format", "json", "-o", tmp_path / "roll.json").exit_code == 0
    diff = run("diff", kibo.with_name("kibo.yaml"), kibo, "--format", "json")
    assert diff.exit_code == 0 and json.loads(diff.output)["changes"] == []


# --- layout -------------------------------------------------------------------------------------------------
def test_layout_dropdowns_dates_protection_and_hidden_sheets(kibo: Path) -> None:
    wb = openpyxl.load_workbook(kibo)
    assert wb["_lists"].sheet_state == "hidden" and wb["_auditkit"].sheet_state == "hidden"
    meta = {r[0].value: r[1].value for r in wb["_auditkit"].iter_rows()}
    assert meta["checklist"] == "mss-it-resilience" and meta["checklist_version"] == "2026.1" and meta["auditkit_version"]
    assert {"ak_status", "ak_people", "ak_sites", "ak_systems", "ak_options_RED-03".replace("-", "_")} <= set(wb.defined_names)
    ws = _sheet(wb, BKP)
    assert ws.protection.sheet and not ws.protection.password
    assert ws.freeze_panes == "A3" and ws.row_dimensions[1].hidden
    row = _row(ws, "BKP-08", "KIBO-CORE")
    columns = _columns(ws)
    assert ws.cell(row, columns["question"]).protection.locked
    value = ws.cell(row, columns["value"])
    assert not value.protection.locked
    assert not ws.column_dimensions["F"].protection.locked  # an empty status cell takes its column's style: unlocked
    assert isinstance(value.value, dt.datetime) and value.number_format == "yyyy-mm-dd"
    formulas = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert "ak_status" in formulas and "ak_people" in formulas  # OOXML formulas are written without "="
    assert all(len(f or "") < 255 for f in formulas)
    assert "1등급:" in ws.cell(row, columns["rule"]).value
    assert [c.value for c in wb["_lists"]["A"][1:5]] == ["적합", "부분 적합", "부적합", "해당 없음"]


def test_the_dropdowns_speak_the_workbooks_language_not_the_commands(kibo: Path) -> None:
    """The tests' messages are English (AUDITKIT_LANG=en); the Korean workbook's dropdown errors are Korean."""
    def errors(book: Path) -> set[str]:
        return {dv.error for dv in _sheet(openpyxl.load_workbook(book), "BKP ").data_validations.dataValidation if dv.error}

    assert errors(kibo) == {"목록에서 상태를 고르세요", "날짜를 입력하세요 (YYYY-MM-DD)", "숫자를 입력하세요",
                            "날짜를 입력하세요 (YYYY-MM-DD). 한 번도 없었다면 never"}
    english = kibo.with_name("kibo-en.xlsx")
    assert run("export", kibo.with_suffix(".yaml"), "-o", english, "--lang", "en").exit_code == 0
    assert "Choose a status from the list" in errors(english)


def test_init_writes_a_skeleton_workbook_that_imports_to_the_yaml_skeleton(tmp_path: Path) -> None:
    book, yaml_file, back = tmp_path / "s.xlsx", tmp_path / "s.yaml", tmp_path / "back.yaml"
    args = ["init", "mss-it-resilience", "--institution", "KIBO", "--from", ROOT / "examples/2026/kibo.yaml",
            "--as-of", "2026-10-15"]
    assert run(*args, "-o", book).exit_code == 0
    assert run(*args, "-o", yaml_file).exit_code == 0
    assert run("import", book, "-o", back).exit_code == 0
    assert load_file(str(back)).data == load_file(str(yaml_file)).data
    assert run("init", "mss-it-resilience", "--institution", "KIBO", "-o", book).exit_code == 1  # never overwritten


def test_import_refuses_a_workbook_for_another_checklist_version(kibo: Path, tmp_path: Path) -> None:
    result = run("import", kibo, "-o", tmp_path / "x.yaml", "--checklist-version", "mss-it-resilience@2025.1")
    assert result.exit_code == 1
    assert "was made for mss-it-resilience 2026.1, not mss-it-resilience@2025.1" in result.output


# --- nothing dangerous in ------------------------------------------------------------------------------------
def test_a_formula_is_an_error_at_its_cell(kibo: Path) -> None:
    cell = person_edits(kibo, "RED ", [("RED-01", "KIBO-CORE", "value", "=1+1")])
    found = problems(kibo)
    assert ("RED 이중화 및 재해복구", cell, "workbook-formula") in [(p["sheet"], p["cell"], p["code"]) for p in found]
    result = run("import", kibo, "-o", kibo.with_suffix(".yaml"))
    assert result.exit_code == 1 and "formula" in result.output


def _rezip(source: Path, target: Path, extra: dict[str, bytes]) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, old.read(info))
        for name, data in extra.items():
            new.writestr(name, data)


@pytest.mark.parametrize(("name", "member", "code"), [
    ("m.xlsx", "xl/vbaProject.bin", "workbook-macros"),
    ("l.xlsx", "xl/externalLinks/externalLink1.xml", "workbook-external-link"),
])
def test_macros_and_external_links_are_refused(kibo: Path, name: str, member: str, code: str) -> None:
    target = kibo.with_name(name)
    _rezip(kibo, target, {member: b"<x/>"})
    (error,) = problems(target)
    assert error["code"] == code


def test_an_xlsm_is_refused_by_its_name(kibo: Path) -> None:
    target = kibo.with_name("k.xlsm")
    shutil.copy(kibo, target)
    result = run("validate", target)
    assert result.exit_code == 1 and "macros (.xlsm)" in result.output


def test_a_zip_bomb_is_refused_quickly(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(1024):  # 1 GiB of zeros, about 1 MiB compressed
                member.write(block)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    start = time.perf_counter()
    (error,) = problems(bomb)
    assert error["code"] == "workbook-bomb" and time.perf_counter() - start < 2


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not really a zip", b"\xd0\xcf\x11\xe0old xls", b"<html>"])
def test_a_corrupt_workbook_is_one_clear_error(tmp_path: Path, content: bytes) -> None:
    target = tmp_path / "bad.xlsx"
    target.write_bytes(content)
    result = run("validate", target)
    assert result.exit_code == 1 and "Traceback" not in result.output
    (error,) = problems(target)
    assert error["code"] == "workbook-corrupt" and ".xlsx" in error["message"]


def test_a_workbook_not_made_by_auditkit_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "plain.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "hello"
    buffer = io.BytesIO()
    wb.save(buffer)
    target.write_bytes(buffer.getvalue())
    (error,) = problems(target)
    assert error["code"] == "workbook-not-auditkit"


def test_help_and_yaml_validation_do_not_import_openpyxl() -> None:
    code = ("import sys; from auditkit.cli import main\n"
            "try:\n    main(['validate', 'examples/2026/kibo.yaml'])\nexcept SystemExit:\n    pass\n"
            "assert 'openpyxl' not in sys.modules, 'openpyxl imported'")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_libreoffice_opens_the_workbook_and_saves_it_back_as_the_same_submission(kibo: Path, tmp_path: Path) -> None:
    """LibreOffice (as a person would, in another office suite) opens the workbook, prints it and saves it again:
    the copy it writes (its own shared strings, styles and date cells) reads back as the same submission."""
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"  # its own profile: runs in parallel never collide
    out = tmp_path / "saved"
    for kind in ("xlsx", "pdf"):
        done = subprocess.run(["soffice", profile, "--headless", "--convert-to", kind, "--outdir", str(out), str(kibo)],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    assert load_file(str(out / "kibo.xlsx")).data == load_file(str(kibo)).data
    text = subprocess.run(["pdftotext", str(out / "kibo.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "기술보증 통합업무시스템" in text and "1등급: 3시간 이하" in text and "목표복구시간(RTO) 설정" in text


def test_export_refuses_what_it_cannot_write_and_never_overwrites_its_input(kibo: Path, tmp_path: Path) -> None:
    assert run("export", kibo, "-o", kibo).exit_code == 2  # an output that is the input
    assert run("import", kibo, "-o", kibo).exit_code == 2
    assert run("export", kibo, "-o", tmp_path / "k.xls").exit_code == 2  # not an .xlsx name
    broken = tmp_path / "broken.yaml"
    text = (ROOT / "examples" / "2026" / "kibo.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("answers:\n", "answers:\n  XYZ-01: compliant\n", 1), encoding="utf-8")
    result = run("export", broken, "-o", tmp_path / "b.xlsx")
    assert result.exit_code == 1 and "XYZ-01: an answer that is not a mapping" in result.output
    assert not (tmp_path / "b.xlsx").exists()


def test_a_checklist_given_with_checklist_round_trips_too(tmp_path: Path) -> None:
    from conftest import DATA, MINI

    source = tmp_path / "sub.yaml"
    shutil.copy(DATA / "mini-valid.yaml", source)
    book, back = tmp_path / "sub.xlsx", tmp_path / "back.yaml"
    assert run("export", "--checklist", MINI, source, "-o", book).exit_code == 0
    assert run("validate", "--checklist", MINI, book).exit_code == 0
    assert run("import", "--checklist", MINI, book, "-o", back).exit_code == 0
    assert load_file(str(back)).data == load_file(str(book)).data == load_file(str(source)).data
    assert run("import", book, "-o", tmp_path / "x.yaml").exit_code == 1  # without it, the checklist is unknown


def test_a_time_typed_into_a_value_cell_is_reported_not_crashed_on(kibo: Path) -> None:
    cell = person_edits(kibo, BKP, [("BKP-08", "KIBO-CORE", "value", dt.time(12, 30))])
    found = problems(kibo)
    assert (BKP, cell) in [(p["sheet"], p["cell"]) for p in found]


def test_deleting_the_hidden_key_row_is_one_clear_error_at_that_sheet(kibo: Path) -> None:
    wb = openpyxl.load_workbook(kibo)
    _sheet(wb, BKP).delete_rows(1)
    wb.save(kibo)
    found = [p for p in problems(kibo) if p["code"] == "workbook-corrupt"]
    assert [(p["sheet"], p["cell"]) for p in found] == [(BKP, "A1")]
