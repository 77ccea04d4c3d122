"""Content: the bundled checklists and the sample submissions in examples/ (issue 3)."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run

from auditkit.checklists import load_catalog
from auditkit.model import Checklist
from auditkit.score import Readiness, score_submission
from auditkit.validate import validate_file

EXAMPLES = ROOT / "examples"
NIRS = EXAMPLES / "nirs-daejeon-2025-09-25.yaml"
CODES = ["kosme", "kibo", "semas", "koreg", "tipa", "kised", "kosi", "kvic", "kodma", "kphs", "kdesc"]

# The spread the samples are written to show (examples/make_samples.py).
RATINGS_2026 = {
    "kibo": "ready", "koreg": "ready",
    "kosme": "conditionally_ready", "semas": "conditionally_ready", "tipa": "conditionally_ready",
    "kised": "conditionally_ready", "kosi": "conditionally_ready", "kvic": "conditionally_ready",
    "kodma": "conditionally_ready",
    "kphs": "not_ready", "kdesc": "not_ready",
}
RATINGS_2025 = {code: "conditionally_ready" for code in CODES} | {
    "semas": "not_ready", "kphs": "not_ready", "kdesc": "not_ready"}

# Every failure mode of the NIRS Daejeon fire must show up as a failing item.
NIRS_FAILURES = ["BAT-02", "BAT-04", "BAT-12", "BAT-19", "BAT-16", "BAT-17", "BAT-18", "GOV-07",
                 "RED-03", "RED-04", "RED-14", "BKP-06", "BKP-07", "BKP-12", "GOV-01", "BKP-13"]


def readiness(path: Path) -> Readiness:
    result = validate_file(str(path), load_catalog())
    assert result.valid, [str(p) for p in result.errors]
    return score_submission(result.checklist, result.submission)


def checklists() -> dict[str, Checklist]:
    return {c.version: c for c in load_catalog().versions("mss-it-resilience")}


# --- checklists -------------------------------------------------------------------------

def test_both_bundled_versions_load() -> None:
    assert set(checklists()) >= {"2025.1", "2026.1"}


def test_every_replaced_id_exists_in_the_superseded_version() -> None:
    new, old = checklists()["2026.1"], checklists()["2025.1"]
    assert new.supersedes == old.version
    missing = {(item.id, ref) for item in new.items.values() for ref in item.replaces if ref not in old.items}
    assert not missing


@pytest.mark.parametrize("version", ["2025.1", "2026.1"])
def test_every_item_has_bilingual_text_and_a_reference(version: str) -> None:
    for item in checklists()[version].items.values():
        for text in (item.title, item.requirement):
            assert text.ko.strip() and (text.en or "").strip(), item.id
        assert item.references, item.id


# --- the samples --------------------------------------------------------------------------

def test_there_is_one_sample_per_institution_and_year() -> None:
    for year in (2025, 2026):
        assert sorted(p.stem for p in (EXAMPLES / str(year)).glob("*.yaml")) == sorted(CODES)


def test_every_sample_validates() -> None:
    result = run("validate", "--quiet", EXAMPLES)
    assert result.exit_code == 0, result.output
    assert "23 files checked: 23 valid, 0 invalid" in result.output


def test_scores_from_validation_verdicts_equal_scores_computed_afresh() -> None:
    """report and diff reuse what validation assessed; that must change no figure, reason or status."""
    from auditkit.pipeline import score as readiness_of
    from auditkit.score import readiness_json

    for path in sorted(EXAMPLES.glob("*/*.yaml")) + [NIRS]:
        result = validate_file(str(path), load_catalog())
        assert result.verdicts, path
        reused, fresh = readiness_of(result), score_submission(result.checklist, result.submission)
        assert readiness_json(reused) == readiness_json(fresh), path


@pytest.mark.parametrize("year,expected", [(2026, RATINGS_2026), (2025, RATINGS_2025)])
def test_ratings_have_the_intended_spread(year: int, expected: dict[str, str]) -> None:
    found = {code: readiness(EXAMPLES / str(year) / f"{code}.yaml").rating for code in CODES}
    assert found == expected


def test_samples_use_the_checklist_of_their_year() -> None:
    for year in (2025, 2026):
        for code in CODES:
            sub = readiness(EXAMPLES / str(year) / f"{code}.yaml").submission
            assert (sub.checklist_version, sub.period, sub.institution_code) == (f"{year}.1", year, code.upper())
            assert sub.as_of is not None and (sub.as_of.year, sub.as_of.month) == (year, 10)


# --- the NIRS Daejeon reconstruction --------------------------------------------------------

def test_nirs_reconstruction_is_valid_and_not_ready() -> None:
    result = readiness(NIRS)
    sub = result.submission
    assert (sub.checklist_version, sub.period, str(sub.as_of)) == ("2026.1", 2025, "2025-09-25")
    assert sub.institution_code == "NIRS" and sub.approved_by is None
    assert result.rating == "not_ready"


@pytest.mark.parametrize("item_id", NIRS_FAILURES)
def test_nirs_reconstruction_fails_each_failure_mode(item_id: str) -> None:
    results = {r.item.id: r for r in readiness(NIRS).items}
    assert results[item_id].failing, f"{item_id} should fail: {[(t.target, t.status) for t in results[item_id].results]}"


def test_samples_are_what_the_generator_writes() -> None:
    """examples/ is generated: edit the tables in make_samples.py and rerun it, not the YAML."""
    done = subprocess.run([sys.executable, str(EXAMPLES / "make_samples.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr + "\nrun: .venv/bin/python examples/make_samples.py"


# --- checklist 2026.1: items that can fail, agree with each other and cite what they rest on (issue 15) ----------

def _grades(item) -> list[int]:  # noqa: ANN001 - an Item
    return sorted(item.applies_to.grades or {1, 2, 3, 4}) if item.scope == "system" else [0]


def test_every_choice_item_of_2026_can_fail_for_every_grade_it_asks() -> None:
    """BKP-05 of 2025.1 accepted every option (none included) for grade 3: an item that cannot fail is not an item."""
    for item in checklists()["2026.1"].items.values():
        if item.answer.type != "choice":
            continue
        for grade in _grades(item):
            rule = item.answer.rule_for(grade or None)
            assert rule is not None and rule.within is not None, item.id
            assert set(item.answer.options) - set(rule.within), (item.id, grade)


def test_red03_and_red04_agree_for_grade_3() -> None:
    """A grade 3 system recovered from offsite backups (RED-03 backup-only) has no DR site: RED-04 none passes."""
    items = checklists()["2026.1"].items
    as_of = dt.date(2026, 10, 15)
    assert items["RED-03"].answer.judge("backup-only", 3, as_of).status == "compliant"
    assert items["RED-04"].answer.judge("none", 3, as_of).status == "compliant"
    assert items["RED-04"].answer.judge("same-building", 3, as_of).status == "non_compliant"
    for grade in (1, 2):
        assert items["RED-04"].answer.judge("none", grade, as_of).status == "non_compliant"
    gaps = {r.item.id for r in readiness(EXAMPLES / "2026" / "kosme.yaml").critical_gaps}
    assert "RED-04" not in gaps  # KOSME-CRM: grade 3, backup-only, no DR site


def test_bkp05_asks_grade_1_and_2_and_fails_none() -> None:
    item = checklists()["2026.1"].items["BKP-05"]
    assert item.applies_to.grades == frozenset({1, 2})
    assert item.answer.judge("none", 2, dt.date(2026, 10, 15)).status == "non_compliant"


def test_3_2_1_asks_copies_media_offsite_and_offline() -> None:
    items = checklists()["2026.1"].items
    media = items["BKP-15"]
    assert (media.answer.type, media.answer.unit, media.answer.pass_if and media.answer.pass_if.min) == ("number", "media", 2)
    assert media.severity == "high" and media.applies_to.grades == frozenset({1, 2, 3})
    assert all(other in (items["BKP-04"].guidance.en or "") for other in ("BKP-15", "BKP-03", "BKP-13", "BKP-05"))


def test_gov09_asks_the_exercise_type_per_grade() -> None:
    item = checklists()["2026.1"].items["GOV-09"]
    as_of = dt.date(2026, 10, 15)
    assert item.answer.options == ("none", "tabletop", "functional", "full-scale")
    for grade in (1, 2):
        assert item.answer.judge("tabletop", grade, as_of).status == "non_compliant"
        assert item.answer.judge("functional", grade, as_of).status == "compliant"
    assert item.answer.judge("tabletop", 3, as_of).status == "compliant"
    assert item.answer.judge("none", 3, as_of).status == "non_compliant"
    assert "GOV-09" in (checklists()["2026.1"].items["GOV-05"].guidance.en or "")


def test_2026_cites_what_it_rests_on() -> None:
    items = checklists()["2026.1"].items
    refs = {i: " | ".join(item.references) for i, item in items.items()}
    assert "ISMS-P 2023 1.2.4" in refs["ACC-09"] and "ISMS-P 2023 1.2.4" in refs["BKP-07"]  # risk acceptance
    assert not [i for i, r in refs.items() if "ISMS-P 2023 1.2.3" in r]
    laws = ("전기공사업법", "재난 및 안전관리 기본법", "전기안전관리법 ")
    for item_id, item in items.items():
        for ref in item.references:
            if ref.startswith(laws) and "시행규칙" not in ref:  # an act (법률), not its ordinance
                assert "제" in ref and "조" in ref, (item_id, ref)  # an article number
                assert "not verified" in (item.guidance.en if item.guidance else ""), item_id
            if "행정예고" in ref:
                assert "not verified" in (item.guidance.en if item.guidance else ""), item_id
            if ref.startswith("IEEE 450"):
                assert ref.startswith("IEEE 450-2002 "), (item_id, ref)  # the edition whose clauses are cited
    assert "전자정부법" in refs["BKP-01"] and "국가정보보안기본지침" in refs["BKP-01"]
    assert "국가정보보안기본지침" in refs["RED-03"] and "전자정부법" in refs["GOV-01"]


def test_2026_records_every_2025_item_it_dropped_and_why() -> None:
    from auditkit.diff import item_links

    new, old = checklists()["2026.1"], checklists()["2025.1"]
    continued = set().union(*item_links(old, new).values())
    assert set(old.items) - continued == set(new.dropped) == {"GOV-20"}
    reason = new.dropped["GOV-20"]
    assert "GOV-02" in reason.ko and "RED-14" in (reason.en or "")
    result = run("diff", EXAMPLES / "2025" / "kosi.yaml", EXAMPLES / "2026" / "kosi.yaml")
    assert "GOV-20 DR plan submitted to the ministry has no successor in mss-it-resilience@2026.1" in result.stdout
    assert "dropped because: Filing the DR plan with the ministry is paperwork" in result.stdout


# --- the NIRS reconstruction, as reported (issue 15) -----------------------------------------------------------

def test_nirs_systems_sit_in_more_than_room_7_1() -> None:
    sub = readiness(NIRS).submission
    rooms = {s.id: s.site for s in sub.systems}
    assert rooms["GDRIVE"] == "DJ-71" and len(set(rooms.values())) > 1
    assert sum(1 for room in rooms.values() if room == "DJ-71") < len(rooms) / 2


def test_nirs_rack_finding_is_daejeon_only() -> None:
    result = next(r for r in readiness(NIRS).items if r.item.id == "BAT-16")
    assert [t.target for t in result.failing] == ["DJ-71"]
    assert {t.target: t.status for t in result.results if t.target != "DJ-71"} == {
        "GJ": "not_applicable", "GONGJU": "not_applicable"}


def test_nirs_remediation_dates_are_announced_or_the_checklists_window() -> None:
    """Only the 2026 DR expansion had an announced date; other fixes take the severity window of the checklist."""
    found = readiness(NIRS)
    days = found.checklist.scoring.remediation_days
    as_of = found.submission.as_of
    for promise in found.promises:
        due = promise.remediation.due
        assert due == dt.date(2026, 12, 31) or (due - as_of).days <= days[promise.item.severity], (
            promise.item.id, promise.target, due)


def test_nirs_shows_38_percent_without_any_backup_by_more_than_one_system() -> None:
    found = readiness(NIRS)
    backups = next(r for r in found.items if r.item.id == "BKP-02")
    never = [t.target for t in backups.results if t.answer is not None and t.answer.value == "never"]
    share = len(never) / len(found.submission.systems)
    assert len(never) >= 2 and 0.3 <= share <= 0.45, never
