"""Cross-checks (issue 15): an answer that the submission's own sites and systems contradict is an error with its
own code, at the answer's line."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, edit, line_of, run

from auditkit.rules.crosscheck import city
from auditkit.rules import CATALOGUE
from auditkit.model import Site

KIBO = ROOT / "examples" / "2026" / "kibo.yaml"


@pytest.fixture
def kibo(tmp_path: Path) -> Path:
    """KIBO's 2026 submission with its evidence folder, copied: valid, no contradictions."""
    target = tmp_path / "kibo.yaml"
    shutil.copy(KIBO, target)
    shutil.copytree(KIBO.parent / "evidence" / "kibo", tmp_path / "evidence" / "kibo")
    return target


def errors(path: Path) -> list[str]:
    result = run("validate", "--quiet", path)
    return [line for line in result.stdout.splitlines() if "[error]" in line]


def test_the_sample_has_no_contradiction(kibo: Path) -> None:
    assert run("validate", kibo).exit_code == 0


def test_owner_and_deputy_compliant_for_a_system_without_deputy(kibo: Path) -> None:
    edit(kibo, "grade: 3, owner: hwang-js, deputy: choi-yr, site: HQ-DC, dr_site: SEL-BR}",
         "grade: 3, owner: hwang-js, site: HQ-DC, dr_site: SEL-BR}")  # KIBO-GW
    found = errors(kibo)
    line = line_of(kibo, "      KIBO-GW: {status: compliant, owner: hwang-js, evidence: [{ref: 정보시스템 담당자")
    assert found == [f"{kibo}:{line}:17: [error] ACC-01 / KIBO-GW: answered compliant (owner and deputy named), but "
                     "system KIBO-GW has no deputy in systems:; add deputy: to the system or answer partial with a "
                     "remediation (ACC-01, contradicts-deputy)"]
    assert run("validate", "--format", "json", kibo).stdout.count('"code": "contradicts-deputy"') == 1


def test_deputy_who_is_the_owner(kibo: Path) -> None:
    edit(kibo, "grade: 3, owner: hwang-js, deputy: choi-yr, site: HQ-DC, dr_site: SEL-BR}",
         "grade: 3, owner: hwang-js, deputy: hwang-js, site: HQ-DC, dr_site: SEL-BR}")
    found = errors(kibo)
    assert len(found) == 1 and "the deputy of system KIBO-GW is its owner" in found[0]


def test_dr_answers_for_a_system_without_dr_site(kibo: Path) -> None:
    """KIBO-CORE without its DR site: RED-03 hot, RED-04 other-region, RED-06 sync-remote and a BKP-09 full
    recovery at the DR site all contradict it."""
    edit(kibo, "deputy: hwang-js, site: HQ-DC, dr_site: DR-GS}\n  - {id: KIBO-TECH",
         "deputy: hwang-js, site: HQ-DC}\n  - {id: KIBO-TECH")
    found = [e for e in errors(kibo) if "no dr_site" in e]
    assert sorted(re.search(r"\[error\] (\S+ / \S+):", e).group(1) for e in found) == [  # type: ignore[union-attr]
        "BKP-09 / KIBO-CORE", "RED-03 / KIBO-CORE", "RED-04 / KIBO-CORE", "RED-06 / KIBO-CORE"]
    assert run("validate", "--format", "json", kibo).stdout.count('"code": "contradicts-dr-site"') == 4
    assert any("RED-03 / KIBO-CORE: the answer hot needs a DR site, but system KIBO-CORE has no dr_site" in e
               for e in found)
    assert any("BKP-09 / KIBO-CORE: a full recovery at the DR site on 2026-02-16" in e for e in found)


def test_no_dr_site_answered_while_the_system_names_one(kibo: Path) -> None:
    edit(kibo, "      KIBO-GW: {value: other-region,", "      KIBO-GW: {value: none,")
    text = "\n".join(errors(kibo))
    assert "RED-04 / KIBO-GW: the answer none says there is no DR site, but system KIBO-GW names dr_site SEL-BR" in text


def test_other_region_for_a_dr_site_in_the_same_city(kibo: Path) -> None:
    """KIBO-EDU runs in the Seoul branch; a DR site at the Gasan IDC (Seoul) is not another region."""
    edit(kibo, "grade: 4, owner: hwang-js, deputy: choi-yr, site: SEL-BR}",
         "grade: 3, owner: hwang-js, deputy: choi-yr, site: SEL-BR, dr_site: DR-GS}")
    edit(kibo, "      KIBO-IP: {value: other-region,", "      KIBO-EDU: {value: other-region, owner: hwang-js}\n"
                                                       "      KIBO-IP: {value: other-region,")
    found = [e for e in errors(kibo) if "KIBO-EDU" in e and "RED-04" in e]
    assert any("answered other-region, but the primary site SEL-BR (서울 지점 전산실) and the DR site DR-GS "
               "(LG유플러스 가산 IDC 재해복구센터) are both in 서울" in e for e in found), errors(kibo)


def test_facility_owner_compliant_for_a_site_without_owner(kibo: Path) -> None:
    edit(kibo, "kind: own, battery: vrla, owner: hwang-js}", "kind: own, battery: vrla}")  # SEL-BR
    text = "\n".join(errors(kibo))
    assert "ACC-03 / SEL-BR: answered compliant (facility owner named), but site SEL-BR has no owner" in text


def test_city_of_a_site_name() -> None:
    def named(name: str) -> Site:
        return Site("X", name, "own", "none")
    assert city(named("KT 목동 IDC 재해복구 상면")) == "서울" and city(named("국가정보자원관리원 광주센터")) == "광주"
    assert city(named("민간 클라우드 공공존 (판교)")) == "성남" and city(named("본사 전산실")) is None
    assert city(named("서울·부산 이중 센터")) is None  # two cities: unknown, not checked


def test_every_code_has_a_level_and_summary() -> None:
    codes = {c.code: c for c in CATALOGUE.values() if c.group == "consistency"}
    assert set(codes) == {"contradicts-deputy", "contradicts-dr-site", "contradicts-region", "contradicts-site-owner",
                          "contradicts-exercise-date"}
    assert all(c.level == "error" and c.meaning for c in codes.values())


def test_exercise_type_without_an_exercise_in_the_last_year(kibo: Path) -> None:
    edit(kibo, "  GOV-05: {value: 2025-11-25,",
         "  GOV-05: {value: never, remediation: {action: 재해복구 훈련, owner: kim-ms, due: 2026-11-10},")
    found = [e for e in errors(kibo) if "GOV-09" in e]
    assert found and all("exercise in the last 366 days, but GOV-05 gives the latest exercise as never" in e
                         for e in found)
    assert len(found) == 6  # KIBO's grade 1-3 systems
