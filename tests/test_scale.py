"""National scale: the progress bar of batches, validation that keeps no documents, roll-ups merged from shards."""
from __future__ import annotations

import hashlib
import io
import json
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from auditkit import progressbar
from auditkit.progressbar import Progress
from conftest import DATA, MINI, ROOT, run


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_shows_count_and_time_left_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([100.0, 100.5, 102.0, 104.0, 104.0])
    monkeypatch.setattr(progressbar.time, "monotonic", lambda: next(clock))
    screen = Terminal()
    with Progress(4, "validating", screen) as bar:
        bar.advance()  # half a second in: nothing yet
        assert screen.getvalue() == ""
        bar.advance()  # 2 s for 2 of 4: 2 s left
        assert "validating [############            ] 2/4, 0:02 left" in screen.getvalue()
        bar.advance()
        assert "3/4, 0:01 left" in screen.getvalue()
    assert screen.getvalue().endswith("\r\x1b[K")  # erased: the messages after it start on a clean line


def test_progress_bar_prints_nothing_on_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0.0, 5.0, 10.0])
    monkeypatch.setattr(progressbar.time, "monotonic", lambda: next(clock))
    pipe = io.StringIO()
    with Progress(2, "rendering", pipe) as bar:
        bar.advance()
        bar.advance()
    assert pipe.getvalue() == ""


def test_validate_of_a_folder_keeps_findings_and_prints_no_bar_on_a_pipe(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.yaml").write_text((DATA / "mini-valid.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "c.yaml").write_text("checklist: [\n", encoding="utf-8")
    result = run("validate", "--checklist", MINI, tmp_path)
    assert result.exit_code == 1
    assert "3 files checked: 2 valid, 1 invalid" in result.stdout
    assert "c.yaml:" in result.stdout
    assert "\r" not in result.stderr and "validating" not in result.stderr


# --- roll-ups merged from shards ----------------------------------------------------------------------------

def institutions(folder: Path, count: int = 30) -> list[Path]:
    """`count` submissions of the mini checklist that differ in code, name, scores, promises and DR sites; the
    last one is broken (a roll-up lists it as not included)."""
    source = (DATA / "mini-valid.yaml").read_text(encoding="utf-8")
    folder.mkdir()
    paths = []
    for n in range(count - 1):
        text = source.replace("code: TEST, name: {ko: 시험기관,", f"code: I{n:02d}, name: {{ko: 기관 {n:02d},")
        if n % 4 == 1:  # a grade 2 system with no DR site
            text = text.replace("grade: 3, owner: kim, site: HQ", "grade: 2, owner: kim, site: HQ")
            text = text.replace("      CORE: {value: 3}", "      WEB: {value: 3}\n      CORE: {value: 3}")
        text = text.replace("CORE: {value: 3}", f"CORE: {{value: {3 + n % 5}}}")
        if n % 3 == 0:  # ACC-05's promise is overdue at as_of
            text = text.replace("owner: lee, due: 2026-11-30", f"owner: lee, due: 2026-10-{1 + n % 9:02d}")
        elif n % 5 == 4:  # ACC-05 done
            text = text.replace("status: partial\n    value:", "status: compliant\n    value:")
            text = text.replace("    remediation: {action: 연락망 훈련, owner: lee, due: 2026-11-30}\n", "")
        if n % 7 == 2:
            text = text.replace("status: compliant\n    owner: kim", "status: partial\n    owner: kim\n"
                                "    remediation: {action: 백업 정책 개정, owner: kim, due: 2026-10-20}")
        path = folder / f"inst-{n:02d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    broken = folder / f"inst-{count - 1:02d}.yaml"
    broken.write_text(source.replace("as_of: 2026-10-15", "as_of: 2026-13-45"), encoding="utf-8")
    return [*paths, broken]


def test_a_roll_up_of_shards_equals_the_roll_up_of_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Three shards of 30 institutions (one of them broken) made apart, as roll-up JSON and as report JSON, merge
    into PDF, JSON and CSV roll-ups that are byte for byte those made from all the submissions at once."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    files = institutions(tmp_path / "in")
    first, second, third = files[:10], files[10:20], files[20:]
    assert run("rollup", "--checklist", MINI, "--format", "json", *third, "-o", tmp_path / "c.json").exit_code == 1
    assert run("rollup", "--checklist", MINI, "--format", "json", *first, "-o", tmp_path / "a.json").exit_code == 0
    result = run("report", "--checklist", MINI, "--format", "json", "--jobs", "1", *second, "-o", tmp_path / "b")
    assert result.exit_code == 0, result.output
    for fmt in ("pdf", "json", "csv"):
        whole = run("rollup", "--checklist", MINI, "--format", fmt, tmp_path / "in", "-o", tmp_path / f"all.{fmt}")
        merged = run("rollup", "--checklist", MINI, "--format", fmt, tmp_path / "c.json", tmp_path / "b",
                     tmp_path / "a.json", "-o", tmp_path / f"merged.{fmt}")
        assert whole.exit_code == merged.exit_code == 1  # the broken file is reported by both, the same way
        assert "29 institution(s)" in whole.stderr and "29 institution(s)" in merged.stderr
        assert "Error: not included: " + str(files[-1]) in merged.stderr
        assert (tmp_path / f"all.{fmt}").read_bytes() == (tmp_path / f"merged.{fmt}").read_bytes(), fmt
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert [i["institution"]["code"] for i in data["institutions"]] == [f"I{n:02d}" for n in range(29)]
    assert len({i["score"] for i in data["institutions"]}) >= 3  # the institutions really differ
    text = pdf_text(tmp_path / "merged.pdf")
    for needle in ("기관 00", "I28", "ACC-05", "연락망 훈련", "홈페이지", "inst-29.yaml"):
        assert needle in text, needle


def test_a_roll_up_pdf_embeds_the_roll_up_json(tmp_path: Path) -> None:
    out = tmp_path / "all.pdf"
    assert run("rollup", "--checklist", MINI, DATA / "mini-valid.yaml", "-o", out).exit_code == 0
    attachments = PdfReader(out).attachments
    assert list(attachments) == ["rollup.json"]
    data = json.loads(attachments["rollup.json"][0])
    assert data["institutions"][0]["sha256"] == hashlib.sha256((DATA / "mini-valid.yaml").read_bytes()).hexdigest()


def test_json_that_is_neither_a_roll_up_nor_a_report_is_not_included(tmp_path: Path) -> None:
    (tmp_path / "odd.json").write_text('{"hello": 1}', encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"institutions": [{"path": "x"}]}', encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"institutions": [', encoding="utf-8")
    result = run("rollup", "--checklist", MINI, "--format", "csv", DATA / "mini-valid.yaml", tmp_path, "-o",
                 tmp_path / "r.csv")
    assert result.exit_code == 1
    assert "odd.json: neither a roll-up JSON" in result.stderr
    assert "bad.json: institution 1 is not a report entry" in result.stderr
    assert "broken.json: not JSON" in result.stderr
    assert "Traceback" not in result.output


def test_a_long_list_prints_its_most_urgent_rows_and_counts_the_rest(tmp_path: Path) -> None:
    from auditkit.checklists import load_catalog
    from auditkit.report_view import rollup_view
    from auditkit.rollup import rollup

    catalog = load_catalog((MINI,))
    found = rollup([str(p) for p in institutions(tmp_path / "in")[:-1]], catalog)
    checklist = catalog.find("mini-check", "1.0")
    view = rollup_view(found.records, checklist, limit=5)
    assert view.promises.total > 5 and len(view.promises.rows) == 5 and view.promises.hidden == view.promises.total - 5
    days = [p["days_left"] for p in view.promises.rows]
    assert days == sorted(days) and days[0] < 0  # overdue first
    assert len(view.records) == 29  # the tables of institutions are never cut
    from auditkit.rollup import Record

    for record in found.records:  # what the PDF embeds of a record gives the record back
        assert Record.from_entry(record.slim_entry()) == record


def test_rollup_csv_in_korean_has_the_rating_label_and_its_code(tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    assert run("rollup", "--checklist", MINI, "--format", "csv", "--lang", "ko", DATA / "mini-valid.yaml", "-o", out).exit_code == 0
    rows = out.read_bytes().decode("utf-8-sig").splitlines()
    header, row = rows[0].split(","), rows[1].split(",")
    assert row[header.index("rating_code")] == "conditionally_ready"
    assert row[header.index("rating_code") - 1] == "조건부 준비"
    assert header[:6] == ["기관 코드", "기관", "점검 연도", "기준일", "점수", "준비 수준"]
    assert row[-1] == "예"


def test_shards_that_overlap_are_refused(tmp_path: Path) -> None:
    shard = tmp_path / "a.json"
    assert run("rollup", "--checklist", MINI, "--format", "json", DATA / "mini-valid.yaml", "-o", shard).exit_code == 0
    result = run("rollup", "--checklist", MINI, "--format", "csv", shard, DATA / "mini-valid.yaml", "-o", tmp_path / "r.csv")
    assert result.exit_code == 1
    assert "the same institution and period twice: TEST 2026" in result.stderr
    assert not (tmp_path / "r.csv").exists()


# --- the roll-up engine: workers, records, ledgers -------------------------------------------------------------

def previous_institutions(folder: Path, count: int = 30) -> list[Path]:
    """The year before institutions(): the same codes, each with the promises of tests/data/diff/old-1.0.yaml."""
    source = (DATA / "diff" / "old-1.0.yaml").read_text(encoding="utf-8")
    assert "code: TEST, name: {ko: 시험기관" in source
    folder.mkdir()
    paths = []
    for n in range(count - 2):  # the last institutions of this year have no previous year
        path = folder / f"prev-{n:02d}.yaml"
        path.write_text(source.replace("code: TEST, name: {ko: 시험기관", f"code: I{n:02d}, name: {{ko: 기관 {n:02d}"),
                        encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_one_worker_or_two_make_the_same_roll_up(tmp_path: Path, fmt: str) -> None:
    """30 inputs are read by two worker processes (or in this one with --jobs 1): the same bytes, the same
    messages, with the previous year's promises too."""
    institutions(tmp_path / "in")
    previous_institutions(tmp_path / "old")
    results = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}.{fmt}"
        result = run("rollup", "--checklist", MINI, "--format", fmt, "--jobs", jobs, tmp_path / "in",
                     "--previous", tmp_path / "old", "-o", out)
        assert result.exit_code == 1, result.output  # the broken submission is not included
        results[jobs] = (out.read_bytes(), result.stderr.replace(str(out), "OUT"))
    assert results["1"] == results["2"]
    assert "Error: not included: " in results["2"][1] and "inst-29.yaml" in results["2"][1]
    if fmt == "json":
        promises = json.loads(results["2"][0])["promises"]
        assert sum(promises["totals"].values()) > 0 and promises["totals"]["kept"] > 0
        assert [i["presence"] for i in promises["institutions"]].count("both") == 28


def test_a_record_read_from_a_submission_equals_the_record_read_from_its_json() -> None:
    """A PDF or CSV roll-up takes its records straight from the scored submission; JSON output and shards read them
    from the report JSON: both are the same record, for every sample and the NIRS reconstruction."""
    from auditkit.checklists import load_catalog
    from auditkit.pipeline import evaluate
    from auditkit.rollup import Record
    from auditkit.score import readiness_json

    catalog = load_catalog()
    samples = sorted((ROOT / "examples").rglob("*.yaml"))
    assert len(samples) >= 20
    for path in samples:
        readiness = evaluate(str(path), catalog).readiness
        assert readiness is not None, path
        record = Record.of(readiness, keep=False)
        assert record == Record.from_entry(readiness_json(readiness)), path
        assert record.critical or record.remediations or record.no_dr or path.name.startswith("koreg"), path


def test_a_ledger_tracks_the_same_promises_as_the_whole_previous_submission() -> None:
    """rollup --previous keeps of the previous year only a ledger per institution (its failing items); the promises
    it tracks are those the whole scored submission gives, for every pair of samples."""
    from auditkit.checklists import load_catalog
    from auditkit.diff import checklist_chain, item_links
    from auditkit.pipeline import evaluate
    from auditkit.promises import Ledger, institution_year

    catalog = load_catalog()
    pairs = [(old, ROOT / "examples" / "2026" / old.name) for old in sorted((ROOT / "examples" / "2025").glob("*.yaml"))]
    assert len(pairs) >= 10
    tracked = 0
    for old_path, new_path in pairs:
        old, new = evaluate(str(old_path), catalog).readiness, evaluate(str(new_path), catalog).readiness
        assert old is not None and new is not None
        links = item_links(old.checklist, new.checklist, checklist_chain(old.checklist, new.checklist, catalog))
        ledger = Ledger.of(old)
        assert len(ledger.items) < len(old.items)
        whole = institution_year(old, new, links)
        assert institution_year(ledger.readiness(old.checklist), new, links, ledger.side()) == whole, old_path
        tracked += len(whole.promises)
    assert tracked >= 20


def test_the_score_change_chart_draws_the_largest_falls_and_rises() -> None:
    """One drawing cannot break across pages: past 40 institutions the chart draws the 20 largest falls and the 20
    largest rises and says so (at 200 institutions the bars after the 65th were cut off the page)."""
    from auditkit.model import Text
    from auditkit.promises import InstitutionYear, YearOverYear, YearSide
    from auditkit.report_view import promise_view

    def year(n: int) -> InstitutionYear:
        return InstitutionYear(f"I{n:03d}", Text(f"기관 {n}"), YearSide("a.yaml", 2025, None, 50.0, "not_ready"),
                               YearSide("b.yaml", 2026, None, 50.0 + (n - 30) / 2, "not_ready"))

    view = promise_view(YearOverYear(tuple(year(n) for n in range(100))))
    changes = [b["change"] for b in view.bars.rows]
    assert view.bars.total == 100 and view.bars.hidden == 60 and len(changes) == 40
    assert changes == sorted(changes) and changes[0] == -15.0 and changes[-1] == 34.5 and changes[19] == -5.5
    assert len(promise_view(YearOverYear(tuple(year(n) for n in range(40)))).bars.rows) == 40
