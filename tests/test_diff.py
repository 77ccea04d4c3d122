"""diff: every change kind of FORMAT.md section 4, matching across checklist versions, and the CLI contract."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import DATA, MINI, edit, line_of, run

from auditkit.checklists import ChecklistError, load_catalog
from auditkit.diff import KINDS, Change, DiffReport, parse_kinds, status_kind
from auditkit.diff_output import render_diff
from auditkit.errors import AuditkitError
from auditkit.pipeline import compare_paths as compare_files

DIFF = DATA / "diff"
MINI2 = str(DIFF / "mini-2.0.yaml")
CHECKLISTS = ("--checklist", MINI, "--checklist", MINI2)


@pytest.fixture
def old(tmp_path: Path) -> Path:
    """The 2025 submission (mini-check 1.0), copied into tmp_path."""
    target = tmp_path / "old.yaml"
    shutil.copy(DIFF / "old-1.0.yaml", target)
    return target


@pytest.fixture
def new(tmp_path: Path) -> Path:
    """The 2026 submission under the same checklist (mini-valid.yaml), copied into tmp_path."""
    target = tmp_path / "new.yaml"
    shutil.copy(DATA / "mini-valid.yaml", target)
    return target


def diff(old: Path, new: Path, allow_different: bool = False) -> DiffReport:
    return compare_files(str(old), str(new), load_catalog([MINI, MINI2]), allow_different)


def only(report: DiffReport, kind: str, item: str | None = None, system: str | None = None) -> Change:
    """The one change of this kind (and item / system); fails listing what was found otherwise."""
    found = [c for c in report.changes if c.kind == kind and c.item == item and c.system == system]
    assert len(found) == 1, [c for c in report.changes if c.kind == kind]
    return found[0]


def fields(change: Change) -> tuple[str | None, str | None]:
    return change.old, change.new


# --- the base pair: same checklist, one year apart -----------------------------------------------

def test_identical_files_have_no_changes() -> None:
    path = DATA / "mini-valid.yaml"
    report = diff(path, path)
    assert report.changes == () and report.warnings == ()


def test_overdue_promise_names_who_promised_what_by_when(old: Path, new: Path) -> None:
    change = only(diff(old, new), "overdue", "BKP-08", "WEB")
    assert fields(change) == ("2025-12-31", "non_compliant")
    assert change.message == ("BKP-08 / WEB: 복구 테스트 실시 promised by 김민수 for 2025-12-31 not done: "
                              "still non-compliant at 2026-10-15")


def test_overdue_institution_promise_has_no_system(old: Path, new: Path) -> None:
    change = only(diff(old, new), "overdue", "ACC-05")
    assert "연락망 훈련 promised by 이정훈 for 2025-11-30" in change.message and "still partial" in change.message


def test_promise_not_yet_due_or_kept_is_not_overdue(old: Path, new: Path) -> None:
    edit(new, "    value: 2025-01-10\n", "    value: 2026-06-10\n")
    edit(old, "due: 2025-12-31", "due: 2026-12-31")  # ACC-05's promise stays overdue
    report = diff(old, new)
    assert not [c for c in report.of_kind("overdue") if c.item == "BKP-08"]
    assert only(report, "improvement", "BKP-08", "WEB")


def test_due_date_pushed_later_while_failing_is_postponed(old: Path, new: Path) -> None:
    edit(old, "due: 2025-12-31", "due: 2027-03-31")
    edit(new, "due: 2026-12-31", "due: 2029-12-31")
    report = diff(old, new)
    change = only(report, "remediation_postponed", "BKP-08", "WEB")
    assert fields(change) == ("2027-03-31", "2029-12-31")
    assert change.message == ("BKP-08 / WEB: remediation postponed while still non-compliant: "
                              "due 2027-03-31 → 2029-12-31")
    assert not [c for c in report.of_kind("overdue") if c.item == "BKP-08"]  # not due yet: postponed, not broken


def test_rewritten_action_with_the_same_due_date_is_postponed(old: Path, new: Path) -> None:
    edit(old, "due: 2025-11-30", "due: 2026-11-30")
    edit(new, "action: 연락망 훈련,", "action: 연락망 훈련 검토,")
    change = only(diff(old, new), "remediation_postponed", "ACC-05")
    assert change.message == "ACC-05: remediation postponed while still partial: action '연락망 훈련' → '연락망 훈련 검토'"


def test_same_promise_kept_as_it_was_or_kept_is_not_postponed(old: Path, new: Path) -> None:
    edit(old, "due: 2025-11-30", "due: 2026-11-30")
    edit(new, "action: 연락망 훈련,", "action: \"연락망  훈련\",")  # only the spacing differs
    edit(new, "    value: 2025-01-10\n", "    value: 2026-06-10\n")  # BKP-08 / WEB is compliant now
    assert diff(old, new).of_kind("remediation_postponed") == []


def test_regression_with_the_reason(old: Path, new: Path) -> None:
    edit(new, "CORE: {value: 3}", "CORE: {value: 2, remediation: {action: 사본 추가, owner: kim, due: 2026-11-30}}")
    change = only(diff(old, new), "regression", "BKP-04", "CORE")
    assert fields(change) == ("compliant", "non_compliant")
    assert change.message == ("BKP-04 / CORE Backup copies: compliant → non-compliant: 2 is below the minimum 3; "
                              "the rule allows at least 3 copies; fix promised by 김민수 for 2026-11-30")


def test_regression_of_a_declared_status_gives_the_comment(old: Path, new: Path) -> None:
    edit(new, "    status: compliant\n    owner: kim\n", "    status: partial\n    comment: 정책 개정 중\n"
         "    remediation: {action: 정책 개정, owner: lee, due: 2026-12-15}\n    owner: kim\n")
    change = only(diff(old, new), "regression", "BKP-01")
    assert change.message == ("BKP-01 Backup policy: compliant → partial: 정책 개정 중; "
                              "fix promised by 이정훈 for 2026-12-15")


def test_improvement(old: Path, new: Path) -> None:
    edit(new, "status: partial\n    value: 연락망 2026-09 갱신, 훈련 미실시\n", "status: compliant\n    value: 훈련 완료\n")
    edit(new, "    remediation: {action: 연락망 훈련, owner: lee, due: 2026-11-30}\n", "")
    report = diff(old, new)
    assert fields(only(report, "improvement", "ACC-05")) == ("partial", "compliant")
    assert not report.of_kind("overdue")[1:]  # only BKP-08 / WEB left


def test_not_applicable_to_failing_is_a_regression_and_the_reverse_is_flagged() -> None:
    assert status_kind("not_applicable", "non_compliant") == "regression"
    assert status_kind("not_applicable", "partial") == "regression"
    assert status_kind("partial", "not_applicable") == "value_changed"  # not an improvement: declared away
    assert status_kind("compliant", "partial") == "regression"
    assert status_kind("non_compliant", "partial") == "improvement"
    assert status_kind("compliant", "compliant") is None
    assert status_kind("not_applicable", "compliant") == "value_changed"


def test_value_changed_when_the_status_stays(old: Path, new: Path) -> None:
    edit(new, "CORE: {value: 3}", "CORE: {value: 5}")
    report = diff(old, new)
    assert fields(only(report, "value_changed", "BKP-04", "CORE")) == ("3", "5")
    assert only(report, "value_changed", "BKP-04", "CORE").message == "BKP-04 / CORE: value 3 → 5"
    assert fields(only(report, "value_changed", "ACC-05")) == ("연락망 2025-09 갱신, 훈련 미실시",
                                                               "연락망 2026-09 갱신, 훈련 미실시")
    assert fields(only(report, "value_changed", "BKP-08", "WEB")) == ("2024-01-10", "2025-01-10")  # still failing


def test_renewed_dates_and_references_are_routine_not_listed(old: Path, new: Path) -> None:
    report = diff(old, new)
    routine = {(c.item, c.system): c for c in report.routine}
    assert fields(routine["BKP-08", "CORE"]) == ("2025-09-01", "2026-09-01")
    assert routine["BKP-01", None].message == "BKP-01: evidence ref '백업정책 2025' vanished; ref '백업정책 2026' added"
    assert not [c for c in report.changes if (c.item, c.system) in routine and c.kind != "overdue"]
    assert "(and 4 routine updates not listed" in render_diff(report, "text")


def test_owner_changed_names_both_people(old: Path, new: Path) -> None:
    edit(new, "    status: compliant\n    owner: kim\n", "    status: compliant\n    owner: lee\n")
    change = only(diff(old, new), "owner_changed", "BKP-01")
    assert fields(change) == ("김민수", "이정훈")
    assert change.message == "BKP-01: owner 김민수 → 이정훈"


def test_people_are_compared_by_key_not_by_name(old: Path, new: Path) -> None:
    """Issue 11: kim handed to kim2, also named 김민수, is a hand-over (the diff cannot tell it from a renamed key,
    so it shows both keys); the same name in NFD one year and NFC the next is no change at all."""
    edit(new, "  lee: {name: 이정훈}\n", "  lee: {name: 이정훈}\n  kim2: {name: 김민수}\n")
    edit(new, "    status: compliant\n    owner: kim\n", "    status: compliant\n    owner: kim2\n")
    change = only(diff(old, new), "owner_changed", "BKP-01")
    assert change.message == "BKP-01: owner 김민수 (kim) → 김민수 (kim2)"
    import unicodedata

    before = diff(old, new).changes
    old.write_text(unicodedata.normalize("NFD", old.read_text(encoding="utf-8")), encoding="utf-8")  # as a Mac saves it
    assert old.read_text(encoding="utf-8") != unicodedata.normalize("NFC", old.read_text(encoding="utf-8"))
    assert diff(old, new).changes == before


def test_system_owner_and_deputy_changes(old: Path, new: Path) -> None:
    edit(new, "owner: kim, deputy: lee, site: HQ", "owner: lee, deputy: kim, site: HQ")
    changes = diff(old, new).of_kind("owner_changed")
    assert [c.message for c in changes if c.system == "CORE" and c.item is None] == [
        "system CORE: owner 김민수 → 이정훈", "system CORE: deputy 이정훈 → 김민수"]


def test_many_answers_handed_over_together_read_as_one_change() -> None:
    from auditkit.diff import fold_owner_changes

    def owner(item: str | None, system: str | None, message: str = "") -> Change:
        return Change("owner_changed", item, system, "김민수", "박지영", message)
    site = owner(None, "HQ", "site HQ: owner 김민수 → 박지영")
    folded = fold_owner_changes([site, owner("BAT-01", "HQ"), owner("BAT-02", "HQ"), owner("BAT-03", "HQ"),
                                 owner("ACC-01", None), owner("ACC-02", None), owner("ACC-03", None), owner("BKP-01", "DR")])
    assert [(c.item, c.system, c.message) for c in folded] == [
        (None, "HQ", "site HQ: owner 김민수 → 박지영, and of its 3 answers: BAT-01, BAT-02, BAT-03"),
        ("BKP-01", "DR", ""), (None, None, "owner 김민수 → 박지영 of 3 answers: ACC-01, ACC-02, ACC-03")]


def test_evidence_file_hash_changed_appeared_and_vanished(old: Path, new: Path) -> None:
    sha_a, sha_b = "a" * 64, "b" * 64
    edit(old, 'evidence: [{ref: "백업정책 2025"}]', f'evidence: [{{file: ev/policy.pdf, sha256: "{sha_a}"}}]')
    edit(new, 'evidence: [{ref: "백업정책 2026"}]', f'evidence: [{{file: ev/policy.pdf, sha256: "{sha_b}"}}]')
    edit(old, "CORE: {value: 2025-09-01, owner: kim}", "CORE: {value: 2025-09-01, owner: kim, evidence: [{ref: 복구보고서}]}")
    edit(new, "WEB:\n        value: 2025-01-10\n", "WEB:\n        value: 2025-01-10\n        evidence: [{ref: 계획서}]\n")
    report = diff(old, new)
    changed = only(report, "evidence_changed", "BKP-01")
    assert "ev/policy.pdf changed (sha256 aaaaaaaa → bbbbbbbb)" in changed.message
    assert fields(changed) == ("ev/policy.pdf (aaaaaaaa)", "ev/policy.pdf (bbbbbbbb)")
    assert only(report, "evidence_changed", "BKP-08", "CORE").message == "BKP-08 / CORE: evidence vanished (was 복구보고서)"
    assert only(report, "evidence_changed", "BKP-08", "WEB").message == "BKP-08 / WEB: evidence appeared: 계획서"


def test_evidence_compared_by_hash_not_by_name(old: Path, new: Path) -> None:
    sha = "c" * 64
    edit(old, 'evidence: [{ref: "백업정책 2025"}]', f'evidence: [{{file: ev/policy.pdf, sha256: "{sha}"}}]')
    edit(new, 'evidence: [{ref: "백업정책 2026"}]', f'evidence: [{{file: ev/policy-2026.pdf, sha256: "{sha}"}}]')
    assert not diff(old, new).of_kind("evidence_changed")  # renamed, same content


def test_system_added_and_removed(old: Path, new: Path) -> None:
    edit(new, "  - {id: WEB, name: 홈페이지, grade: 3, owner: kim, site: HQ}",
         "  - {id: APP, name: 민원앱, grade: 4, owner: lee, site: HQ}")
    web = "      WEB:\n        value: 2025-01-10\n        remediation: {action: 복구 테스트 실시, owner: kim, due: 2026-12-31}\n"
    edit(new, web, "      APP: {value: 2026-05-01, owner: lee}\n")
    report = diff(old, new)
    added = only(report, "system_added", None, "APP")
    assert added.message == "system APP added (민원앱, grade 4, site HQ, DR site none): 1 answer"
    removed = only(report, "system_removed", None, "WEB")
    assert removed.message.endswith("; open remediations dropped with it: BKP-08")
    assert not report.of_kind("overdue")[1:]  # WEB's promise went with WEB: reported there, not as overdue


def test_grade_changed_says_which_items_now_apply(old: Path, new: Path) -> None:
    edit(new, "id: WEB, name: 홈페이지, grade: 3", "id: WEB, name: 홈페이지, grade: 2")
    edit(new, "      CORE: {value: 3}\n", "      CORE: {value: 3}\n      WEB: {value: 4}\n")
    change = only(diff(old, new), "grade_changed", None, "WEB")
    assert fields(change) == ("3", "2")
    assert change.message == "system WEB: grade 3 → 2; now applies: BKP-04 (compliant)"


def test_grade_changed_says_which_items_no_longer_apply(old: Path, new: Path) -> None:
    edit(new, "id: CORE, name: 핵심시스템, grade: 1", "id: CORE, name: 핵심시스템, grade: 3")
    edit(new, "  BKP-04:\n    systems:\n      CORE: {value: 3}\n", "")
    change = only(diff(old, new), "grade_changed", None, "CORE")
    assert change.message == "system CORE: grade 1 → 3; no longer applies: BKP-04"


def test_site_added_removed_and_dr_site_changed(old: Path, new: Path) -> None:
    edit(new, "  - {id: DR, name: 재해복구센터, kind: colocation, battery: vrla}",
         "  - {id: NIRS-GJ, name: 국가정보자원관리원 광주센터, kind: nirs, battery: none}")
    edit(new, "dr_site: DR}", "dr_site: NIRS-GJ}")
    edit(new, "      DR: {value: 2026-09-30}\n", "")
    report = diff(old, new)
    assert only(report, "site_added", None, "NIRS-GJ").message == (
        "site NIRS-GJ added (국가정보자원관리원 광주센터, NIRS, battery none): 0 answers")
    assert only(report, "site_removed", None, "DR").message == (
        "site DR removed (was 재해복구센터, colocation, battery VRLA lead-acid); it hosted CORE")
    dr = only(report, "dr_site_changed", None, "CORE")
    assert fields(dr) == ("DR", "NIRS-GJ") and dr.message == "system CORE: DR site DR → NIRS-GJ"


def test_site_battery_change_says_which_items_apply(old: Path, new: Path) -> None:
    edit(new, "kind: own, battery: li-ion", "kind: own, battery: vrla")
    edit(new, "  BAT-12:\n    sites:\n      HQ: {value: separate-fire-rated-room}\n", "")
    change = only(diff(old, new), "site_changed", None, "HQ")
    assert change.message == "site HQ: battery lithium-ion → VRLA lead-acid; no longer applies: BAT-12"


# --- across checklist versions: replaces ---------------------------------------------------------

@pytest.fixture
def renamed() -> DiffReport:
    return diff(DIFF / "old-1.0.yaml", DIFF / "new-2.0.yaml")


def test_overdue_promise_is_carried_across_a_rename(renamed: DiffReport) -> None:
    change = only(renamed, "overdue", "BKP-18", "WEB")
    assert change.message == ("BKP-18 / WEB: 복구 테스트 실시 promised by 김민수 for 2025-12-31 (as BKP-08) not done: "
                              "still non-compliant at 2026-10-15")


def test_renamed_item_is_matched_not_added_or_removed(renamed: DiffReport) -> None:
    routine = {(c.item, c.system): c.message for c in renamed.routine}
    assert routine["BKP-18", "CORE"] == "BKP-18 / CORE (as BKP-08): value 2025-09-01 → 2026-09-01"
    touched = {c.item for c in renamed.changes if c.kind in ("added", "removed")}
    assert not touched & {"BKP-08", "BKP-18", "BKP-19"}


def test_split_item_matches_each_successor(renamed: DiffReport) -> None:
    # BKP-19 (a status item) also continues BKP-08: matched, so neither added nor a value change
    assert not [c for c in renamed.changes if c.item == "BKP-19"]


def test_item_without_successor_is_removed_and_new_item_added(renamed: DiffReport) -> None:
    removed = only(renamed, "removed", "ACC-05")
    assert fields(removed) == ("partial", None)
    assert removed.message == ("ACC-05 Escalation contacts has no successor in mini-check@2.0 (was partial); "
                               "1 open remediation dropped with it")
    added = only(renamed, "added", "ACC-07")
    assert fields(added) == (None, "compliant")


def test_widened_item_now_applies_to_an_unchanged_system(renamed: DiffReport) -> None:
    change = only(renamed, "added", "BKP-04", "WEB")
    assert change.message == "BKP-04 / WEB: now applies to system WEB: non-compliant"


def test_changes_are_sorted_most_serious_first(renamed: DiffReport) -> None:
    kinds = [c.kind for c in renamed.changes]
    assert kinds == sorted(kinds, key=KINDS.index) and kinds[0] == "overdue"


def test_bundled_checklists_link_bkp20_to_bkp08_and_bkp09() -> None:
    from auditkit.diff import item_links

    catalog = load_catalog()
    links = item_links(catalog.find("mss-it-resilience", "2025.1"), catalog.find("mss-it-resilience", "2026.1"))
    assert links["BKP-08"] == {"BKP-20"} and links["BKP-09"] == {"BKP-20"} and links["BKP-01"] == {"BKP-01"}


def test_institution_answer_stands_for_every_system_of_its_successor(tmp_path: Path) -> None:
    checklist = tmp_path / "mini-2.0.yaml"
    checklist.write_text((DIFF / "mini-2.0.yaml").read_text(encoding="utf-8").replace(
        "        severity: low\n        scope: institution\n", "        severity: low\n        scope: system\n"
        "        replaces: [ACC-05]\n"), encoding="utf-8")
    new = tmp_path / "new.yaml"
    shutil.copy(DIFF / "new-2.0.yaml", new)
    edit(new, "  ACC-07:\n    status: compliant\n", "  ACC-07:\n    systems:\n      WEB: {status: compliant}\n"
         "      CORE: {status: non_compliant, remediation: {action: 훈련, owner: lee, due: 2026-12-01}}\n")
    report = compare_files(str(DIFF / "old-1.0.yaml"), str(new), load_catalog([MINI, str(checklist)]))
    assert only(report, "overdue", "ACC-07", "CORE").message == (
        "ACC-07 / CORE: 연락망 훈련 promised by 이정훈 for 2025-11-30 (as ACC-05) not done: still non-compliant at 2026-10-15")
    assert fields(only(report, "improvement", "ACC-07", "WEB")) == ("partial", "compliant")
    assert not [c for c in report.changes if c.kind in ("added", "removed") and c.item in ("ACC-05", "ACC-07")]


def test_links_follow_every_version_between(tmp_path: Path) -> None:
    from auditkit.diff import checklist_chain, item_links

    three = tmp_path / "mini-3.0.yaml"
    text = (DIFF / "mini-2.0.yaml").read_text(encoding="utf-8").replace('version: "2.0"\nsupersedes: "1.0"',
                                                                       'version: "3.0"\nsupersedes: "2.0"')
    three.write_text(text.replace("id: BKP-18", "id: BKP-28").replace("replaces: [BKP-08]\n      - id: BKP-19",
                                                                       "replaces: [BKP-18]\n      - id: BKP-19"),
                     encoding="utf-8")
    catalog = load_catalog([MINI, MINI2, str(three)])
    first, last = catalog.find("mini-check", "1.0"), catalog.find("mini-check", "3.0")
    chain = checklist_chain(first, last, catalog)
    assert [c.version for c in chain] == ["2.0"]
    links = item_links(first, last, chain)
    assert links["BKP-28"] == {"BKP-08"} and links["BKP-19"] == {"BKP-08"} and links["BKP-01"] == {"BKP-01"}


# --- errors and warnings -------------------------------------------------------------------------

def test_parse_kinds() -> None:
    assert parse_kinds("overdue, regression") == {"overdue", "regression"}
    assert parse_kinds("") == set()
    with pytest.raises(AuditkitError, match="unknown change kind overdu; valid kinds: overdue, remediation_postponed, regression"):
        parse_kinds("overdu")


def test_invalid_submission_raises_with_its_problems(old: Path, new: Path) -> None:
    edit(new, "owner: kim}", "owner: kimm}")
    with pytest.raises(ChecklistError) as caught:
        diff(old, new)
    assert any("'kimm' is not in people" in p.message for p in caught.value.problems)


def test_different_institutions_raise_unless_allowed(old: Path, new: Path) -> None:
    edit(new, "code: TEST", "code: OTHER")
    with pytest.raises(AuditkitError, match="pass --allow-different"):
        diff(old, new)
    assert "comparing two institutions: TEST and OTHER" in diff(old, new, allow_different=True).warnings


# --- the command line ----------------------------------------------------------------------------

def test_cli_fail_on_matches_exit_one(old: Path, new: Path) -> None:
    assert run("diff", *CHECKLISTS, old, new).exit_code == 0
    assert run("diff", *CHECKLISTS, "--fail-on", "overdue", old, new).exit_code == 1
    assert run("diff", *CHECKLISTS, "--fail-on", "regression,site_removed", old, new).exit_code == 0


def test_cli_unknown_fail_on_kind_is_a_usage_error(old: Path, new: Path) -> None:
    result = run("diff", *CHECKLISTS, "--fail-on", "overdue,regresion", old, new)
    assert result.exit_code == 2
    assert "Invalid value for --fail-on: unknown change kind regresion; valid kinds: overdue, remediation_postponed, regression" in result.stderr


def test_cli_different_institutions(old: Path, new: Path) -> None:
    edit(new, "code: TEST", "code: OTHER")
    result = run("diff", *CHECKLISTS, old, new)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {old} is for institution TEST but {new} is for OTHER; "
                             "pass --allow-different to compare them anyway\n")
    assert run("diff", *CHECKLISTS, "--allow-different", old, new).exit_code == 0


def test_cli_warns_when_new_is_older(old: Path, new: Path) -> None:
    result = run("diff", *CHECKLISTS, new, old)
    assert result.exit_code == 0
    assert f"Warning: NEW {old} describes 2025-10-15, before OLD {new} (2026-10-15); did you swap them?" in result.stderr
    assert "Warning" not in result.stdout


def test_cli_invalid_submission_prints_its_errors(old: Path, new: Path) -> None:
    edit(new, "owner: kim}", "owner: kimm}")
    result = run("diff", *CHECKLISTS, old, new)
    assert result.exit_code == 1
    line = line_of(new, "owner: kimm}")
    assert f"Error: {new}:{line}:" in result.stderr and "[error] BKP-08 / CORE: owner 'kimm'" in result.stderr
    assert result.stdout == ""


def test_cli_json_has_exactly_the_contract_shape(old: Path, new: Path) -> None:
    result = run("diff", *CHECKLISTS, "--format", "json", old, new)
    data = json.loads(result.stdout)
    assert {"old", "new", "changes"} <= set(data)
    assert data["old"] == {"path": str(old), "period": 2025, "score": 71.9, "rating": "conditionally_ready"}
    assert set(data["new"]) == {"path", "period", "score", "rating"} and data["new"]["period"] == 2026
    assert all(set(c) == {"kind", "item", "system", "old", "new", "message"} for c in data["changes"])
    assert data["changes"][0] == {"kind": "overdue", "item": "BKP-08", "system": "WEB", "old": "2025-12-31",
                                  "new": "non_compliant", "message": data["changes"][0]["message"]}
    message = "ACC-05: 연락망 훈련 promised by 이정훈 for 2025-11-30 not done: still partial at 2026-10-15"
    assert {"kind": "overdue", "item": "ACC-05", "system": None, "old": "2025-11-30", "new": "partial",
            "message": message} in data["changes"]


def test_cli_json_puts_each_change_on_a_line_of_its_own(old: Path, new: Path) -> None:
    """Indented for a person, one change per line for grep; still exactly the same JSON."""
    result = run("diff", *CHECKLISTS, "--format", "json", old, new)
    data = json.loads(result.stdout)
    lines = [line for line in result.stdout.splitlines() if line.startswith('    {"kind": ')]
    assert [json.loads(line.rstrip(",")) for line in lines] == data["changes"] and len(lines) >= 3
    assert result.stdout.startswith('{\n  "old": {"path": ')


def test_cli_text_output_is_grouped_and_plain_when_not_a_tty(old: Path, new: Path) -> None:
    result = run("diff", *CHECKLISTS, old, new)
    out = result.stdout
    assert "\x1b[" not in out
    assert "score   71.9 → 71.9 (±0.0)" in out and "rating  conditionally ready → conditionally ready" in out
    assert out.index("Promises not kept (overdue: 2)") < out.index("Value changes (value_changed:")
    assert "Summary: Promises not kept 2, " in out


def test_colour_only_when_asked(old: Path, new: Path) -> None:
    report = diff(old, new)
    assert "\x1b[" in render_diff(report, "text", colour=True)
    assert "\x1b[" not in render_diff(report, "text", colour=False)


def test_cli_markdown_memo(old: Path, new: Path) -> None:
    out = run("diff", *CHECKLISTS, "--format", "md", old, new).stdout
    assert out.startswith("# Year-over-year changes: Test Agency (TEST), 2025 → 2026\n")
    assert "| Score | 71.9 | 71.9 | ±0.0 |" in out
    assert "## Promises not kept (`overdue`, 2)" in out
    assert "| BKP-08 | WEB | 2025-12-31 | non-compliant | BKP-08 / WEB: 복구 테스트 실시 promised by" in out


def test_cli_writes_output_file(old: Path, new: Path, tmp_path: Path) -> None:
    target = tmp_path / "diff.md"
    result = run("diff", *CHECKLISTS, "--format", "md", "-o", target, old, new)
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("# Year-over-year changes")


def test_cli_pdf_needs_an_output_file(old: Path, new: Path) -> None:
    result = run("diff", *CHECKLISTS, "--format", "pdf", old, new)
    assert result.exit_code == 2 and "--format pdf needs -o FILE" in result.stderr


# --- the samples: every institution's 2025 -> 2026 pair diffs cleanly ------------------------------------

SAMPLES = sorted(p.stem for p in (Path(__file__).parent.parent / "examples" / "2026").glob("*.yaml"))


@pytest.mark.parametrize("code", SAMPLES)
def test_sample_pairs_diff_cleanly(code: str) -> None:
    root = Path(__file__).parent.parent / "examples"
    result = run("diff", "--format", "json", root / "2025" / f"{code}.yaml", root / "2026" / f"{code}.yaml")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["old"]["period"] == 2025 and data["new"]["period"] == 2026
    assert data["changes"], code


def test_broken_promise_across_a_rename_in_the_samples() -> None:
    root = Path(__file__).parent.parent / "examples"
    result = run("diff", "--format", "json", root / "2025" / "semas.yaml", root / "2026" / "semas.yaml")
    overdue = [c for c in json.loads(result.stdout)["changes"] if c["kind"] == "overdue"]
    assert any(c["item"] == "BKP-08" and c["system"] == "SEMAS-GW" and "as BKP-20" in c["message"] for c in overdue), overdue
    failing = run("diff", "--fail-on", "overdue", root / "2025" / "semas.yaml", root / "2026" / "semas.yaml")
    assert failing.exit_code == 1
