"""init (issue 12): carried dates are judged at the new period's audit date; comments in the run's language."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from auditkit.checklists import load_catalog
from auditkit.i18n import using
from auditkit.skeleton import InitOptions, skeleton_text
from conftest import DATA, MINI, run


def test_carried_dates_are_judged_at_the_next_periods_audit_date(tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    result = run("init", "mini-check", "--checklist", MINI, "--institution", "TEST", "--from", DATA / "mini-valid.yaml",
                 "-o", new)
    assert result.exit_code == 0, result.output
    text = new.read_text(encoding="utf-8")
    assert "period: 2027" in text  # the year after the older submission's period
    # BAT-06 at HQ was inspected 2026-10-01: fine at the old as_of, 379 days old at 2027-10-15
    assert ('review: "at 2027-10-15 the date rule fails: 2026-10-01 is 379 days old at as_of 2027-10-15; '
            'the rule allows at most 31 days old"') in text
    assert "carried dates were judged at 2027-10-15 (the audit date of period 2027, from the as_of of" in result.output


def test_re_initialising_the_same_period_judges_at_its_as_of_not_today(tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    result = run("init", "mini-check", "--checklist", MINI, "--institution", "TEST", "--period", "2026",
                 "--from", DATA / "mini-valid.yaml", "-o", new)
    assert result.exit_code == 0, result.output
    text = new.read_text(encoding="utf-8")
    assert "the date rule fails" not in text.split("  BAT-06:")[1].split("  ACC-05:")[0]  # 14 days old at 2026-10-15
    assert "carried dates were judged at 2026-10-15" in result.output


def test_as_of_option_wins(tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    result = run("init", "mini-check", "--checklist", MINI, "--institution", "TEST", "--from", DATA / "mini-valid.yaml",
                 "--as-of", "2026-10-20", "-o", new)
    assert "carried dates were judged at 2026-10-20 (given with --as-of)" in result.output
    bad = run("init", "mini-check", "--checklist", MINI, "--institution", "TEST", "--as-of", "2026.10.20", "-o", new, "--force")
    assert bad.exit_code == 1 and "--as-of '2026.10.20' is not a real date (YYYY-MM-DD)" in bad.output


def _skeleton(lang: str) -> str:
    catalog = load_catalog([MINI])
    options = InitOptions(catalog.resolve("mini-check"), "TEST", 2026, None, None, "x.yaml", False)
    with using(lang):
        return skeleton_text(options, catalog, "mini.schema.json").text


def test_checklist_texts_follow_the_language() -> None:
    korean, english = _skeleton("ko"), _skeleton("en")
    assert "# BKP-08 복구 테스트 / Restore test" in korean and "# BKP-08 복구 테스트 / Restore test" in english
    assert "복구 테스트를 정기적으로 한다." in korean and "Restores are tested regularly." not in korean
    assert "Restores are tested regularly." in english and "복구 테스트를 정기적으로 한다." not in english
    assert "92일 이내" in korean and "at most 92 days old" in english
    assert "compliant(적합) | partial(부분 적합) | non_compliant(부적합) | not_applicable(해당 없음)" in korean
    assert "compliant | partial | non_compliant | not_applicable" in english


def test_init_under_a_korean_locale_writes_korean(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("AUDITKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    new = tmp_path / "new.yaml"
    done = subprocess.run([sys.executable, "-m", "auditkit", "init", "mini-check", "--checklist", MINI, "--institution",
                           "TEST", "--from", str(DATA / "mini-valid.yaml"), "-o", str(new)],
                          capture_output=True, text=True, env=env | {"LANG": "ko_KR.UTF-8"})
    assert done.returncode == 0, done.stderr
    assert "가져온 날짜는 2027-10-15 기준으로 판정했습니다" in done.stderr and "답변 8개를 가져왔습니다" in done.stderr
    text = new.read_text(encoding="utf-8")
    assert "# [중요도 중대 | 시스템별 | 답변: 날짜 | 증적 선택]" in text  # BKP-08, in the vocabulary's terms
    assert "# 요구사항: 복구 테스트를 정기적으로 한다." in text and "# 적합 기준: 1등급: 92일 이내" in text
    assert 'review: "2027-10-15 기준으로 날짜 기준에 맞지 않음: 2026-10-01: 기준일 2027-10-15에 379일 지남' in text
