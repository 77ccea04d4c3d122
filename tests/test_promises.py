"""rollup NEW --previous OLD: who kept their word, per institution, in every roll-up format (issue 15)."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import DATA, MINI, ROOT, edit, run

EXAMPLES = ROOT / "examples"
DIFF = DATA / "diff"


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def institution(data: dict, code: str) -> dict:
    found = [i for i in data["promises"]["institutions"] if i["code"] == code]
    assert len(found) == 1, [i["code"] for i in data["promises"]["institutions"]]
    return found[0]


def copy_as(source: Path, target: Path, code: str | None = None) -> Path:
    shutil.copy(source, target)
    if code:
        edit(target, "code: TEST, name: {ko: 시험기관", f"code: {code}, name: {{ko: 시험기관 {code}")
    return target


@pytest.fixture
def years(tmp_path: Path) -> tuple[Path, Path]:
    """Two years of mini-check submissions: TEST in both (one promise broken, one postponed), KEPT in both (its one
    promise kept), GONE in the previous year only, NEW in the current year only."""
    old, new = tmp_path / "2025", tmp_path / "2026"
    old.mkdir(), new.mkdir()
    copy_as(DIFF / "old-1.0.yaml", old / "test.yaml")
    edit(old / "test.yaml", "due: 2025-12-31", "due: 2027-03-31")  # BKP-08 / WEB: not due yet in 2026
    edit(copy_as(DATA / "mini-valid.yaml", new / "test.yaml"), "due: 2026-12-31", "due: 2029-12-31")  # ... postponed
    copy_as(DIFF / "old-1.0.yaml", old / "kept.yaml", "KEPT")
    edit(old / "kept.yaml", "due: 2025-12-31", "due: 2026-06-30")
    kept = copy_as(DATA / "mini-valid.yaml", new / "kept.yaml", "KEPT")
    edit(kept, "        value: 2025-01-10\n        remediation: {action: 복구 테스트 실시, owner: kim, due: 2026-12-31}",
         "        value: 2026-09-10")  # BKP-08 / WEB tested in time
    edit(kept, "    status: partial\n    value: 연락망 2026-09 갱신, 훈련 미실시\n"
               "    remediation: {action: 연락망 훈련, owner: lee, due: 2026-11-30}",
         "    status: compliant\n    value: 연락망 2026-09 갱신, 훈련 2026-09 실시")
    edit(old / "kept.yaml", "due: 2025-11-30", "due: 2026-11-30")  # ACC-05 promised for later, and done already
    copy_as(DIFF / "old-1.0.yaml", old / "gone.yaml", "GONE")
    copy_as(DATA / "mini-valid.yaml", new / "new.yaml", "NEWBIE")
    return old, new


def rollup(years: tuple[Path, Path], tmp_path: Path, fmt: str, *extra: str) -> Path:
    out = tmp_path / f"out.{fmt}"
    result = run("rollup", "--checklist", MINI, years[1], "--previous", years[0], "--format", fmt, "-o", out, *extra)
    assert result.exit_code == 0, result.output
    return out


def test_json_lists_each_institutions_promises_by_state(years: tuple[Path, Path], tmp_path: Path) -> None:
    data = json.loads(rollup(years, tmp_path, "json").read_text(encoding="utf-8"))
    test = institution(data, "TEST")
    assert test["presence"] == "both" and test["counts"] == {"broken": 1, "postponed": 1, "open": 0, "kept": 0,
                                                             "dropped": 0}
    broken, = test["promises"]["broken"]
    assert broken == {"item": "ACC-05", "previous_item": "ACC-05", "target": None, "action": "연락망 훈련",
                      "owner": "이정훈", "due": "2025-11-30", "state": "broken", "status_now": "partial",
                      "new_due": "2026-11-30", "new_action": "연락망 훈련", "reason": None}
    postponed, = test["promises"]["postponed"]
    assert (postponed["item"], postponed["target"], postponed["due"], postponed["new_due"]) == (
        "BKP-08", "WEB", "2027-03-31", "2029-12-31")
    kept = institution(data, "KEPT")
    assert kept["counts"] == {"broken": 0, "postponed": 0, "open": 0, "kept": 2, "dropped": 0}
    assert {(p["item"], p["target"]) for p in kept["promises"]["kept"]} == {("BKP-08", "WEB"), ("ACC-05", None)}
    assert kept["previous"]["score"] == 71.9 and kept["current"]["score"] == 100.0 and kept["change"] == 28.1
    gone, newbie = institution(data, "GONE"), institution(data, "NEWBIE")
    assert (gone["presence"], gone["current"], gone["previous"]["period"]) == ("previous_only", None, 2025)
    assert (newbie["presence"], newbie["previous"], newbie["current"]["period"]) == ("current_only", None, 2026)
    assert [i["code"] for i in data["promises"]["institutions"]] == ["TEST", "KEPT", "GONE", "NEWBIE"]
    assert data["promises"]["totals"] == {"broken": 1, "postponed": 1, "open": 0, "kept": 2, "dropped": 0}


def test_pdf_opens_with_who_kept_their_word(years: tuple[Path, Path], tmp_path: Path) -> None:
    text = pdf_text(rollup(years, tmp_path, "pdf"))
    first = text.split("\f", 1)[0]
    assert "개선 약속 이행 현황" in first and "기관별 점수 변화" in first
    assert first.index("TEST") < first.index("KEPT")  # most broken promises first
    assert "+28.1" in first
    broken = text.split("지키지 않은 개선 약속 (1)", 1)[1].split("기한 전에 미룬 개선 약속", 1)[0]
    assert "ACC-05" in broken and "연락망 훈련" in broken and "이정훈" in broken and "2025-11-30" in broken
    postponed = text.split("기한 전에 미룬 개선 약속 (1)", 1)[1].split("한 해에만 제출한 기관", 1)[0]
    assert "BKP-08" in postponed and "2027-03-31 → 2029-12-31" in postponed
    alone = text.split("한 해에만 제출한 기관 (2)", 1)[1]
    assert "GONE" in alone and "전년도에만 제출" in alone and "NEWBIE" in alone and "올해 처음 제출" in alone


def test_html_in_english(years: tuple[Path, Path], tmp_path: Path) -> None:
    page = rollup(years, tmp_path, "html", "--lang", "en").read_text(encoding="utf-8")
    assert "Who kept their word" in page and "Broken promises (1)" in page and "Institutions in one year only (2)" in page


def test_new_critical_gaps_list_only_the_institutions_that_have_one(samples_html: str) -> None:
    gaps = samples_html.split("New critical gaps", 1)[1].split("</table>", 1)[0]
    assert "TIPA" in gaps and "RED-01, RED-03, RED-04" in gaps
    assert "KOREG" not in gaps and "—" not in gaps  # it kept every promise and has no new gap: no row


@pytest.fixture(scope="module")
def samples_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("yoy") / "yoy.html"
    result = run("rollup", EXAMPLES / "2026", "--previous", EXAMPLES / "2025", "--format", "html", "--lang", "en", "-o", out)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_csv_has_the_promise_columns_and_a_row_for_the_previous_year_only(years: tuple[Path, Path], tmp_path: Path
                                                                          ) -> None:
    rows = list(csv.DictReader(io.StringIO(rollup(years, tmp_path, "csv").read_bytes().decode("utf-8-sig"))))
    by_code = {r["code"]: r for r in rows}
    assert (by_code["TEST"]["promises_broken"], by_code["TEST"]["promises_postponed"]) == ("1", "1")
    assert (by_code["KEPT"]["promises_kept"], by_code["KEPT"]["change"], by_code["KEPT"]["presence"]) == ("2", "+28.1", "both")
    assert by_code["GONE"]["presence"] == "previous_only" and by_code["GONE"]["score"] == ""
    assert by_code["NEWBIE"]["presence"] == "current_only"


def test_without_previous_the_rollup_is_as_before(years: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "plain.json"
    assert run("rollup", "--checklist", MINI, years[1], "--format", "json", "-o", out).exit_code == 0
    assert "promises" not in json.loads(out.read_text(encoding="utf-8"))


def test_previous_folder_without_submissions_is_an_error(years: tuple[Path, Path], tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("rollup", "--checklist", MINI, years[1], "--previous", empty, "-o", tmp_path / "x.pdf")
    assert result.exit_code == 1 and "no *.yaml, *.yml or *.json files" in result.output


# --- the samples ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("yoy") / "yoy.json"
    result = run("rollup", EXAMPLES / "2026", "--previous", EXAMPLES / "2025", "--format", "json", "-o", out)
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))


def test_last_years_roll_up_json_stands_for_last_years_submissions(samples: dict, tmp_path: Path) -> None:
    """The roll-up JSON made of the previous year (what the ministry kept of it) tracks the same promises as its
    submissions, in a fraction of the time; the roll-up PDF's attachment (critical items only) is refused."""
    last_year = tmp_path / "2025.json"
    assert run("rollup", EXAMPLES / "2025", "--format", "json", "-o", last_year).exit_code == 0
    out = tmp_path / "yoy.json"
    result = run("rollup", EXAMPLES / "2026", "--previous", last_year, "--format", "json", "-o", out)
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8")) == samples
    slim = tmp_path / "slim.json"
    data = json.loads(last_year.read_text(encoding="utf-8"))
    for entry in data["institutions"]:
        del entry["rating_reasons"]
    slim.write_text(json.dumps(data), encoding="utf-8")
    result = run("rollup", EXAMPLES / "2026", "--previous", slim, "--format", "csv", "-o", tmp_path / "x.csv")
    assert result.exit_code == 1
    assert "slim.json: institution 1 is not a report entry of this auditkit version" in result.stderr
    edited = tmp_path / "edited.json"  # an item the checklist does not have: that institution is left out, named
    data = json.loads(last_year.read_text(encoding="utf-8"))
    first = data["institutions"][0]
    first["remediations"][0]["item"] = first["items"][0]["id"] = "NOPE-99"
    edited.write_text(json.dumps(data), encoding="utf-8")
    result = run("rollup", EXAMPLES / "2026", "--previous", edited, "--format", "csv", "-o", tmp_path / "y.csv")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "edited.json: institution 1 is not a report entry of this auditkit version" in result.stderr


def test_samples_an_institution_that_kept_every_promise(samples: dict) -> None:
    koreg = institution(samples, "KOREG")
    assert koreg["counts"]["kept"] >= 5 and koreg["counts"]["broken"] == koreg["counts"]["postponed"] == 0
    assert koreg["counts"]["open"] == 0 and koreg["new_critical_gaps"] == []


def test_samples_an_institution_that_broke_one_promise(samples: dict) -> None:
    kvic = institution(samples, "KVIC")
    broken, = kvic["promises"]["broken"]
    assert (broken["item"], broken["target"], broken["due"], broken["status_now"]) == (
        "GOV-03", None, "2026-01-09", "non_compliant")


def test_samples_a_broken_promise_followed_through_replaces(samples: dict) -> None:
    semas = institution(samples, "SEMAS")
    assert any(p["item"] == "BKP-08" and p["previous_item"] == "BKP-20" and p["target"] == "SEMAS-GW"
               for p in semas["promises"]["broken"])


def test_samples_an_institution_that_postponed_a_promise(samples: dict) -> None:
    kosme = institution(samples, "KOSME")
    postponed, = kosme["promises"]["postponed"]
    assert (postponed["item"], postponed["target"], postponed["due"]) == ("RED-11", "HQ-DC", "2027-03-31")
    assert postponed["new_due"] > postponed["due"] and kosme["counts"]["broken"] == 0


def test_an_institution_submitted_twice_in_a_year_is_said(years: tuple[Path, Path], tmp_path: Path) -> None:
    # (twice in the current year is refused by the roll-up itself, issue 11: tests/test_abuse.py)
    copy_as(years[0] / "test.yaml", years[0] / "test-copy.yaml")
    data = json.loads(rollup(years, tmp_path, "json").read_text(encoding="utf-8"))
    note, = data["promises"]["notes"]
    assert note.startswith("TEST has two submissions in the previous year: ") and "is left out" in note
    assert [i["code"] for i in data["promises"]["institutions"]].count("TEST") == 1


def test_a_long_list_of_promises_prints_its_first_rows_and_counts_the_rest(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """At national scale there are tens of thousands of broken promises: the PDF prints the first LIST_LIMIT and says
    how many more there are (all of them are in the JSON and CSV). Here the limit is 5 and the samples break 44."""
    from auditkit import report_view

    monkeypatch.setattr(report_view, "LIST_LIMIT", 5)
    out = tmp_path / "r.html"
    result = run("rollup", "--lang", "en", "--format", "html", EXAMPLES / "2026", "--previous", EXAMPLES / "2025", "-o", out)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    broken = html.split("(44)", 1)[1].split("</table>", 1)[0]
    assert broken.count("<tr>") == 1 + 5  # the header row and the first five promises
    assert "39 more not printed (44 in all)" in html
    data = json.loads(rollup_json_of(tmp_path))
    assert sum(len(i["promises"]["broken"]) for i in data["promises"]["institutions"]) == 44


def rollup_json_of(tmp_path: Path) -> str:
    out = tmp_path / "r.json"
    assert run("rollup", "--format", "json", EXAMPLES / "2026", "--previous", EXAMPLES / "2025", "-o", out).exit_code == 0
    return out.read_text(encoding="utf-8")
