"""Content: the bundled checklists and the sample submissions in examples/ (issue 3)."""
from __future__ import annotations

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
    from auditkit.score import readiness_json, readiness_of

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
