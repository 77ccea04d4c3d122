"""The streaming reader of workbook rows (auditkit/workbook/stream.py) reads every cell exactly as openpyxl's
read-only ``iter_rows(values_only=True)`` does, compared cell by cell, type and value: on the bundled samples
exported, on workbooks a person edited with openpyxl, on what LibreOffice saves, and on hand-written sheet XML
with the constructs Excel and others write (no cell references, sparse and empty rows, shared and rich-text
strings, every cell type, shared formulas, the 1904 date system, a short <dimension>)."""
from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import shutil
import subprocess
import warnings
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import ROOT, run
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from auditkit.workbook.read import Book
from auditkit.workbook.stream import Formula

SAMPLES = sorted(str(p.relative_to(ROOT / "examples")) for p in (ROOT / "examples").glob("20*/*.yaml")) + \
    ["nirs-daejeon-2025-09-25.yaml"]
Rows = dict[str, list[list[tuple[type, Any]]]]


def as_openpyxl_reads(path: Path) -> Rows:
    """Each sheet's rows as openpyxl's read-only mode yields them (values_only), a formula cell marked as Book
    marks it (openpyxl's cell type 'f'; an array formula, an object in openpyxl, by its text)."""
    wb = openpyxl.load_workbook(path, read_only=True, keep_links=False)
    found: Rows = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "serial value … outside the limits for dates": '#VALUE!', as Book gives
        for name in wb.sheetnames:
            pairs = zip(wb[name].iter_rows(values_only=True), wb[name].iter_rows(), strict=True)
            found[name] = [[(Formula, getattr(v, "text", v)) if getattr(c, "data_type", None) == "f" else (type(v), v)
                            for v, c in zip(values, cells, strict=True)] for values, cells in pairs]
    return found


def as_book_reads(path: Path) -> tuple[Rows, list[str]]:
    book = Book(str(path), path.read_bytes())
    return {name: [[(type(v), v) for v in row] for row in book.rows(name)] for name in book.names()}, book.fallbacks


def assert_reads_as_openpyxl(path: Path) -> list[str]:
    """Fail at the first cell that differs; return the sheets Book left to openpyxl."""
    expected = as_openpyxl_reads(path)
    got, fallbacks = as_book_reads(path)
    assert list(got) == list(expected)
    for name, rows in expected.items():
        for number, (mine, theirs) in enumerate(itertools.zip_longest(got[name], rows), start=1):
            assert mine == theirs, f"{path.name} {name!r} row {number}:\n  stream  {mine}\n  openpyxl {theirs}"
    return fallbacks


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every sample exported as a workbook; kibo also edited by a person with openpyxl, in both date systems."""
    folder = tmp_path_factory.mktemp("books")
    shutil.copytree(ROOT / "examples", folder / "examples")
    for sample in SAMPLES:
        source = folder / "examples" / sample
        assert run("export", source, "-o", folder / (sample.replace("/", "-")[:-5] + ".xlsx")).exit_code == 0
    for epoch, name in ((None, "edited.xlsx"), (openpyxl.utils.datetime.CALENDAR_MAC_1904, "edited-1904.xlsx")):
        person_edits(folder / "2026-kibo.xlsx", folder / name, epoch)
    return folder


def person_edits(source: Path, target: Path, epoch: dt.datetime | None) -> None:
    """What people type: dates, times and durations, decimals, Korean and multi-line text, rich text, booleans,
    error values, formulas; a cell far to the right and far below (sparse rows), a styled cell with no value."""
    wb = openpyxl.load_workbook(source)
    if epoch is not None:
        wb.epoch = epoch
    ws = wb[next(name for name in wb.sheetnames if name.startswith("BKP "))]
    typed: list[tuple[Any, str | None]] = [
        (dt.datetime(2026, 3, 1), "yyyy-mm-dd"), (dt.date(2025, 12, 31), None), (dt.datetime(2026, 3, 1, 14, 30), None),
        (dt.time(9, 30), None), (dt.timedelta(hours=30, minutes=5), "[h]:mm:ss"), (46000, "mm-dd-yy"),
        (3.25, None), (-0.5, "0.00"), (1e-7, None), (12345678901, None), (2.0, None),
        ("백업 주기: 매일\n둘째 줄 (점검)", None), ("  앞뒤 공백  ", None), ("", None), (" ", None),
        (CellRichText("굵은 ", TextBlock(InlineFont(b=True), "글자"), " 끝"), None),
        (True, None), (False, None), ("#N/A", None), ("=1+1", None), ("=HYPERLINK(\"http://x\")", None),
        ("=SUM(F3:F4)", None), ("_x000D_ x005F_ literal", None)]
    for offset, (value, number_format) in enumerate(typed):
        cell = ws.cell(3 + offset, 7)
        cell.value = value
        if number_format:
            cell.number_format = number_format
    ws.cell(ws.max_row + 40, 30).value = "멀리 떨어진 칸"
    ws.cell(ws.max_row + 3, 2).number_format = "0.00"  # styled, no value
    wb.save(target)


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_exported_sample_reads_as_openpyxl_reads_it(books: Path, sample: str) -> None:
    assert assert_reads_as_openpyxl(books / (sample.replace("/", "-")[:-5] + ".xlsx")) == []


@pytest.mark.parametrize("name", ["edited.xlsx", "edited-1904.xlsx"])
def test_a_workbook_a_person_edited_reads_as_openpyxl_reads_it(books: Path, name: str) -> None:
    assert assert_reads_as_openpyxl(books / name) == []
    book = Book(name, (books / name).read_bytes())
    sheet = next(n for n in book.names() if n.startswith("BKP "))
    column = [row[6] if len(row) > 6 else None for row in book.rows(sheet)][2:25]
    assert column[:3] == [dt.datetime(2026, 3, 1), dt.datetime(2025, 12, 31), dt.datetime(2026, 3, 1, 14, 30)]
    assert column[4] == dt.timedelta(hours=30, minutes=5) and column[16] is True and column[18] == "#N/A"
    assert isinstance(column[19], Formula) and column[19] == "=1+1"


def test_what_libreoffice_saves_reads_as_openpyxl_reads_it(books: Path, tmp_path: Path) -> None:
    """LibreOffice writes its own shared strings (rich text as runs), styles, formula results (t="str") and
    booleans; it drops nothing this reader relies on."""
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"
    sources = [books / "2026-kibo.xlsx", books / "edited.xlsx", books / "edited-1904.xlsx"]
    done = subprocess.run(["soffice", profile, "--headless", "--convert-to", "xlsx", "--outdir", str(tmp_path / "lo"),
                           *map(str, sources)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for source in sources:
        saved = tmp_path / "lo" / source.name
        with zipfile.ZipFile(saved) as archive:
            formulas = any(re.search(rb"<f[ >]", archive.read(n)) for n in archive.namelist() if n.startswith("xl/worksheets/"))
        assert formulas == (source.name != "2026-kibo.xlsx")  # the typed formulas are still formulas in its copy
        assert assert_reads_as_openpyxl(saved) == []


# --- hand-written packages: the constructs other writers use --------------------------------------------------
_STYLES = """<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;년&quot; m&quot;월&quot; d&quot;일&quot;"/>
<numFmt numFmtId="165" formatCode="0.000"/></numFmts>
<fonts count="1"><font/></fonts><fills count="1"><fill><patternFill/></fill></fills><borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="46"/><xf numFmtId="20"/>
<xf numFmtId="165"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""

_STRINGS = """<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="7" uniqueCount="7">
<si><t>plain</t></si><si><t xml:space="preserve"> 공백 </t></si>
<si><r><rPr><b/><sz val="11"/></rPr><t>굵게</t></r><r><t xml:space="preserve"> 보통</t></r></si>
<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>
<si><t/></si><si><t>a_x005F_x000D_b</t></si><si><t>줄 하나
줄 둘</t></si></sst>"""

_CELLS = """<dimension ref="A1:H12"/><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c><c r="H1" t="s"><v>2</v></c></row>
<row><c t="s"><v>3</v></c><c t="s"><v>4</v></c><c><v>7</v></c><c t="s"><v>5</v></c><c t="s"><v>6</v></c></row>
<row r="4"><c r="B4"><v>1.5</v></c><c r="C4"><v>1E3</v></c><c r="D4"><v>-0</v></c><c r="E4" s="5"><v>2.25</v></c>
  <c r="F4" t="b"><v>1</v></c><c r="G4" t="b"><v>0</v></c><c r="H4" t="e"><v>#DIV/0!</v></c></row>
<row r="5"/>
<row r="6"><c r="A6" s="1"><v>46082</v></c><c r="B6" s="2"><v>46082.5</v></c><c r="C6" s="3"><v>1.25</v></c>
  <c r="D6" s="4"><v>0.75</v></c><c r="E6" s="1"><v>99999999</v></c><c r="F6" t="d"><v>2026-03-01T09:30:00</v></c>
  <c r="G6" s="1"/><c r="H6"><v></v></c></row>
<row r="7"><c r="A7" t="str"><v>결과 텍스트</v></c><c r="B7"><f>1+1</f><v>2</v></c>
  <c r="C7"><f t="shared" ref="C7:C9" si="0">B7*2</f><v>4</v></c><c r="D7" t="inlineStr"><is><t>인라인</t></is></c>
  <c r="E7" t="inlineStr"><is><r><t>인라인 </t></r><r><rPr><i/></rPr><t>서식</t></r></is></c>
  <c r="F7" t="inlineStr"/><c r="G7" t="str"><f>"x"&amp;"y"</f><v>xy</v></c></row>
<row r="8"><c r="C8"><f t="shared" si="0"/><v>6</v></c><c r="a8"><v>8</v></c></row>
<row r="9"><c r="C9"><f t="shared" si="0"/><v>8</v></c><c r="AA9" t="str"><v>past the dimension</v></c></row>
<row r="8"><c r="A8" t="str"><v>a row again: openpyxl skips it</v></c></row>
<row r="11"><c r="B11" t="s"><v>0</v></c></row>
<row r="14"><c r="A14" t="str"><v>past the last row of the dimension</v></c></row>
</sheetData>"""


def package(path: Path, cells: str, *, strings: str = _STRINGS, date1904: bool = False) -> Path:
    """A minimal .xlsx written by hand: one sheet ``cells`` (its <dimension> and <sheetData>), shared strings,
    styles with date, date-time, duration and time formats."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    parts = {
        "[Content_Types].xml": f"""<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/>
<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/></Types>""",
        "_rels/.rels": f"""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>""",
        "xl/workbook.xml": f"""<workbook xmlns="{main}" xmlns:r="{rel}"><workbookPr date1904="{int(date1904)}"/>
<sheets><sheet name="시트 하나" sheetId="1" r:id="rId1"/></sheets></workbook>""",
        "xl/_rels/workbook.xml.rels": f"""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId3" Type="{rel}/styles" Target="styles.xml"/></Relationships>""",
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}">{cells}</worksheet>',
        "xl/sharedStrings.xml": strings, "xl/styles.xml": _STYLES}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))
    return path


@pytest.mark.parametrize("date1904", [False, True])
def test_every_cell_type_and_row_shape_reads_as_openpyxl_reads_it(tmp_path: Path, date1904: bool) -> None:
    book = package(tmp_path / "hand.xlsx", _CELLS, date1904=date1904)
    assert assert_reads_as_openpyxl(book) == []
    rows = list(Book("hand.xlsx", book.read_bytes()).rows("시트 하나"))
    assert len(rows) == 12 and all(len(row) == 8 for row in rows)  # the dimension: A1:H12
    assert rows[1][:5] == ["漢字", "", 7, "a_x000D_b", "줄 하나\n줄 둘"] and rows[0][7] == "굵게 보통"
    assert rows[4] == [None] * 8 and rows[6][2] == "=B7*2" and rows[7][2] == "=B8*2" and rows[7][0] == 8


def test_a_sheet_without_dimension_or_references_reads_as_openpyxl_reads_it(tmp_path: Path) -> None:
    cells = re.sub(r' r="[^"]*"', "", _CELLS.replace('<dimension ref="A1:H12"/>', ""))
    cells = cells.replace('<f t="shared" ref="C7:C9" si="0">', "<f>").replace('<f t="shared" si="0"/>', "")
    book = package(tmp_path / "bare.xlsx", cells)
    assert assert_reads_as_openpyxl(book) == []
    rows = list(Book("bare.xlsx", book.read_bytes()).rows("시트 하나"))
    assert rows[0] == ["plain", " 공백 ", "굵게 보통"] and rows[3] == []  # each row as long as its own cells


@pytest.mark.parametrize("cells", [
    ('<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><f t="array" ref="A2">SUM(A1)</f>'
     '<v>1</v></c></row><row r="3"><c r="A3"><v>3</v></c></row></sheetData>'),
    '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2.0"><c r="A2"><v>2</v></c></row></sheetData>',
])
def test_what_the_stream_does_not_know_is_read_by_openpyxl_and_still_the_same(tmp_path: Path, cells: str) -> None:
    """An array formula (an object in openpyxl) and a row numbered "2.0": that sheet, from that row, by openpyxl."""
    book = package(tmp_path / "odd.xlsx", cells)
    (fallback,) = assert_reads_as_openpyxl(book)
    assert fallback.startswith("시트 하나")


@pytest.mark.filterwarnings("ignore:Cell E6 is marked as a date")  # openpyxl's, as it reads the table
def test_a_string_table_the_stream_does_not_know_is_read_by_openpyxl(tmp_path: Path) -> None:
    strings = _STRINGS.replace("<si><t>plain</t></si>", '<si xmlns:x="urn:x"><t>plain</t><x:t>more</x:t></si>')
    book = package(tmp_path / "odd.xlsx", _CELLS, strings=strings)
    (fallback,) = assert_reads_as_openpyxl(book)
    assert fallback.startswith("*")


def test_a_damaged_sheet_is_one_clear_error(books: Path, tmp_path: Path) -> None:
    """A sheet whose XML breaks off halfway: one error naming the sheet (openpyxl's reading let it through as an
    internal error)."""
    source, target = books / "2026-kibo.xlsx", tmp_path / "cut.xlsx"
    sheet = 1 + openpyxl.load_workbook(source, read_only=True).sheetnames.index(
        next(n for n in openpyxl.load_workbook(source, read_only=True).sheetnames if n.startswith("BKP ")))
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info, data[: len(data) // 2] if info.filename == f"xl/worksheets/sheet{sheet}.xml" else data)
    result = run("validate", "--format", "json", target)
    assert result.exit_code == 1 and "Traceback" not in result.output
    (error,) = json.loads(result.output)["files"][0]["errors"]
    assert error["code"] == "workbook-corrupt" and "BKP 백업 및 복구: unclosed token" in error["message"]


def test_a_sheet_read_twice_reads_the_same_both_times(tmp_path: Path) -> None:
    """The reader reads a sheet more than once (the metadata, then its role): shared formulas start afresh."""
    book = Book("hand.xlsx", package(tmp_path / "hand.xlsx", _CELLS).read_bytes())
    first = list(book.rows("시트 하나"))
    assert first == list(book.rows("시트 하나")) and first[8][2] == "=B9*2"
