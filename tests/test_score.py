"""Readiness that does not mislead (issue 15): worst status for critical items, half-up rounding, overdue promises in
the rating, and not-applicable answers outside every count."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import MINI, edit, run

from auditkit.checklists import load_catalog
from auditkit.pipeline import score as readiness_of
from auditkit.score import Readiness, format_score, round_score
from auditkit.validate import validate_file


def scored(path: Path) -> Readiness:
    result = validate_file(str(path), load_catalog([MINI]))
    assert result.valid, [str(p) for p in result.errors]
    return readiness_of(result)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def item(readiness: Readiness, item_id: str):  # noqa: ANN201 - an ItemResult
    return next(r for r in readiness.items if r.item.id == item_id)


# --- rounding ------------------------------------------------------------------------------------

def test_scores_round_half_up_everywhere_they_are_printed() -> None:
    from auditkit.diff import score_delta
    from auditkit.diff_output import pct
    from auditkit.render import environment
    from auditkit.rollup import _fmt

    assert 100 * 104 / 128 == 81.25 and round(81.25, 1) == 81.2  # what Python's round() would print
    assert round_score(81.25) == 81.3 and format_score(81.25) == "81.3"
    assert environment().filters["pct"](81.25) == "81.3" and pct(81.25) == "81.3" and _fmt(81.25) == "81.3"
    assert format_score(81.24999) == "81.2" and format_score(None) == "–" and format_score(0.05) == "0.1"
    assert score_delta(80.05, 81.25) == 1.2  # from the printed 80.1 and 81.3


# --- worst status and credit ----------------------------------------------------------------------

def test_a_critical_item_takes_the_status_and_credit_of_its_worst_system(mini_valid: Path) -> None:
    """BKP-08 (critical) is compliant for CORE and non-compliant for WEB: non-compliant 1/2 and no credit."""
    result = item(scored(mini_valid), "BKP-08")
    assert [t.status for t in result.results] == ["compliant", "non_compliant"]
    assert (result.status, result.worst_count, len(result.counted), result.score) == ("non_compliant", 1, 2, 0.0)


def test_a_mixed_item_is_never_partial_and_other_items_keep_the_mean(mini_valid: Path) -> None:
    edit(mini_valid, "DR: {value: 2026-09-30}", "DR: {value: 2026-06-30, remediation: {action: 점검 재개, owner: lee, "
                                                 "due: 2026-12-31}}")
    result = item(scored(mini_valid), "BAT-06")  # medium: one site compliant, one not
    assert (result.status, result.worst_count, len(result.counted), result.score) == ("non_compliant", 1, 2, 0.5)


def test_not_applicable_sites_are_left_out_of_counts(mini_valid: Path, tmp_path: Path) -> None:
    edit(mini_valid, "DR: {value: 2026-09-30}", "DR: {status: not_applicable, comment: 사업자 설비}")
    edit(mini_valid, "HQ: {value: 2026-10-01}", "HQ: {value: 2026-06-30, remediation: {action: 점검 재개, owner: lee, "
                                                "due: 2026-12-31}}")
    result = item(scored(mini_valid), "BAT-06")
    assert (result.status, result.worst_count, len(result.counted), len(result.results)) == ("non_compliant", 1, 1, 2)
    target = tmp_path / "r.pdf"
    assert run("report", "--checklist", MINI, mini_valid, "-o", target).exit_code == 0
    findings = pdf_text(target).split("지적 사항", 1)[1]
    assert "BAT-06 월간 점검 · 보통 · ○ 부적합 1/1 사이트" in findings


def test_report_shows_the_worst_status_with_its_count(mini_valid: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.pdf"
    assert run("report", "--checklist", MINI, mini_valid, "-o", target).exit_code == 0
    text = pdf_text(target)
    gaps = text.split("중대 미비 사항", 1)[1].split("기한 경과", 1)[0]
    assert "○ 부적합 1/2 시스템" in gaps and "부분 적합" not in gaps
    english = tmp_path / "e.pdf"
    assert run("report", "--checklist", MINI, "--lang", "en", mini_valid, "-o", english).exit_code == 0
    assert "○ non-compliant 1/2 systems" in pdf_text(english)


# --- the rating -----------------------------------------------------------------------------------

def test_an_overdue_critical_remediation_makes_the_submission_not_ready(mini_valid: Path, tmp_path: Path) -> None:
    before = scored(mini_valid)
    assert before.rating == "conditionally_ready"
    assert [r for r, _ in before.rating_reasons] == ["critical_open", "below_ready"]
    edit(mini_valid, "due: 2026-12-31}", "due: 2026-09-30}")  # BKP-08 / WEB: promised for a date before as_of
    after = scored(mini_valid)
    assert (after.rating, after.score) == ("not_ready", before.score)
    assert ("critical_overdue", ["BKP-08"]) in after.rating_reasons
    out = tmp_path / "r.json"
    assert run("report", "--checklist", MINI, mini_valid, "--format", "json", "-o", out).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["rating"] == "not_ready"
    assert {"reason": "critical_overdue", "items": ["BKP-08"]} in data["rating_reasons"]
    pdf = tmp_path / "r.pdf"
    assert run("report", "--checklist", MINI, mini_valid, "-o", pdf).exit_code == 0
    text = pdf_text(pdf)
    assert "개선조치 기한이 기준일 전에 지난 미비 중대 항목: BKP-08" in text and "준비 미흡" in text


def test_an_overdue_promise_on_a_non_critical_item_does_not_decide_the_rating(mini_valid: Path) -> None:
    edit(mini_valid, "due: 2026-11-30}", "due: 2026-10-01}")  # ACC-05 (low) is overdue
    assert scored(mini_valid).rating == "conditionally_ready"
