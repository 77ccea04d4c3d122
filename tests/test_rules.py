"""Every rule of FORMAT.md section 2: a violating file, its exit status, message and line."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import MINI, edit, line_of, run

# (case id, text to replace, replacement, expected code, words in the message, text on the reported line, level)
CASES = [
    ("unknown-version", 'checklist_version: "1.0"', 'checklist_version: "9.9"', "unknown-checklist",
     "unknown checklist mini-check version 9.9 (known versions: 1.0)", "checklist_version", "error"),
    ("unanswered-item", "  ACC-05:\n    status: partial", "  XACC:\n    status: partial", "unanswered",
     "ACC-05 (Escalation contacts) is not answered", "answers:", "error"),
    ("unanswered-system", "  BKP-04:\n    systems:\n      CORE: {value: 3}", "  BKP-04:\n    systems: {}", "unanswered",
     "BKP-04: no answer for system CORE, grade 1", "systems: {}", "error"),
    ("unknown-item", "  ACC-05:\n", "  ACC-55: {status: compliant}\n  ACC-05:\n", "unknown-item",
     "unknown item id 'ACC-55': the checklist has no such item; did you mean 'ACC-05'?", "ACC-55", "error"),
    ("unknown-system", "      CORE: {value: 3}", "      CORE: {value: 3}\n      COR: {value: 3}", "unknown-system",
     "BKP-04: no system with id 'COR' in systems:", "COR: {value: 3}", "error"),
    ("unknown-site", "      DR: {value: 2026-09-30}", "      DR: {value: 2026-09-30}\n      HQ2: {value: 2026-09-30}",
     "unknown-site", "BAT-06: no site with id 'HQ2' in sites:", "HQ2:", "error"),
    ("unknown-person", "prepared_by: kim", "prepared_by: park", "unknown-person",
     "prepared_by 'park' is not in people", "prepared_by: park", "error"),
    ("system-not-applicable", "      CORE: {value: 3}", "      CORE: {value: 3}\n      WEB: {value: 3}", "not-applicable-target",
     "BKP-04 does not apply to system WEB (grades 1,2, grade 3): remove this answer", "WEB: {value: 3}", "error"),
    ("site-not-applicable", "      HQ: {value: separate-fire-rated-room}",
     "      HQ: {value: separate-fire-rated-room}\n      DR: {value: same-room}", "not-applicable-target",
     "BAT-12 does not apply to site DR (battery li-ion, battery vrla", "DR: {value: same-room}", "error"),
    ("value-required", "      CORE: {value: 3}", "      CORE: {owner: kim}", "key-required",
     "BKP-04 / CORE: missing required key 'value'", "CORE: {owner: kim}", "error"),
    ("misreported", "      CORE: {value: 2026-09-01, owner: kim}", "      CORE: {value: 2026-01-05, owner: kim, status: compliant}",
     "status-contradicts-value", "BKP-08 / CORE: status says compliant but the value gives non-compliant: 2026-01-05 is 283 days old at as_of 2026-10-15; grade 1 allows at most 92 days old",
     "2026-01-05", "error"),
    ("by-grade", "      CORE: {value: 2026-09-01, owner: kim}", "      CORE: {value: 2026-05-01, owner: kim}",
     "remediation-required", "BKP-08 / CORE: 2026-05-01 is 167 days old at as_of 2026-10-15; grade 1 allows at most 92 days old; add a remediation",
     "2026-05-01", "error"),
    ("na-needs-comment", "      CORE: {value: 3}", "      CORE: {status: not_applicable}", "key-required",
     "BKP-04 / CORE: missing required key 'comment' (not_applicable needs a comment saying why)", "CORE: {status", "error"),
    ("declared-failing-needs-remediation", "    status: compliant\n    owner: kim", "    status: partial\n    owner: kim", "remediation-required",
     "BKP-01: missing required key 'remediation'", "BKP-01:", "error"),
    ("computed-failing-needs-remediation", "      CORE: {value: 3}", "      CORE: {value: 2}", "remediation-required",
     "BKP-04 / CORE: 2 is below the minimum 3; the rule allows at least 3 copies; add a remediation", "CORE: {value: 2}", "error"),
    ("evidence-required", '    evidence: [{ref: "백업정책 2026"}]\n', "", "evidence-required",
     "BKP-01: evidence is required for a compliant answer", "BKP-01:", "error"),
    ("evidence-outside", '[{ref: "백업정책 2026"}]', "[{file: ../../etc/passwd}]", "evidence-outside",
     "evidence file '../../etc/passwd' lies outside the submission's folder", "../../etc/passwd", "error"),
    ("evidence-absolute", '[{ref: "백업정책 2026"}]', "[{file: /etc/passwd}]", "evidence-outside",
     "evidence file '/etc/passwd' is an absolute path", "/etc/passwd", "error"),
    ("impossible-date", "as_of: 2026-10-15", "as_of: 2026-02-30", "date-invalid",
     "'as_of' '2026-02-30' is not a real date", "as_of:", "error"),
    ("as-of-future", "as_of: 2026-10-15", "as_of: 2999-01-01", "as-of-future",
     "as_of 2999-01-01 is in the future", "as_of:", "error"),
    ("due-before-period", "due: 2026-11-30", "due: 2025-11-30", "due-before-period",
     "ACC-05: remediation due 2025-11-30 is before the audit period 2026 started", "due: 2025-11-30", "error"),
    ("duplicate-key", "prepared_by: kim\n", "prepared_by: kim\nprepared_by: lee\n", "duplicate-key",
     "duplicate key 'prepared_by' (first at line", "prepared_by: lee", "error"),
    ("duplicate-nested-key", "  kim: {name: 김민수, role: 팀장, email: kim@example.kr}",
     "  kim: {name: 김민수, role: 팀장, email: kim@example.kr, name: 김민준}", "duplicate-key",
     "duplicate key 'name'", "김민준", "error"),
    ("dr-same-site", "site: HQ, dr_site: DR}", "site: HQ, dr_site: HQ}", "dr-same-site",
     "system CORE: dr_site is the same as site (HQ)", "dr_site: HQ}", "error"),
    ("duplicate-system", "{id: WEB,", "{id: CORE,", "duplicate-id",
     "system id CORE is used twice", "grade: 3", "error"),
    ("unknown-dr-site", "dr_site: DR}", "dr_site: DRX}", "unknown-site",
     "dr_site of system CORE: no site with id 'DRX'; did you mean 'DR'?", "dr_site: DRX", "error"),
    ("remediation-late", "due: 2026-11-30", "due: 2028-11-30", "remediation-late",
     "ACC-05: remediation due 2028-11-30 is 777 days after as_of; a low gap should be fixed within 365 days", "due: 2028-11-30", "warning"),
    ("no-deputy", "owner: kim, deputy: lee, site: HQ", "owner: kim, site: HQ", "no-deputy",
     "system CORE is grade 1 but has no deputy owner", "id: CORE", "warning"),
    ("no-dr-site", "site: HQ, dr_site: DR}", "site: HQ}", "no-dr-site",
     "system CORE is grade 1 but has no dr_site", "id: CORE", "warning"),
    ("evidence-hash-only", '[{ref: "백업정책 2026"}]', "[{file: evidence/policy.pdf, sha256: " + "a" * 64 + "}]", "evidence-missing",
     "evidence file 'evidence/policy.pdf' is not on disk; only its sha256 is recorded", "evidence/policy.pdf", "warning"),
    ("wrong-enum", "kind: own", "kind: owned", "site-kind-unknown",
     "site HQ: 'kind' is 'owned'; allowed: own, nirs, colocation, cloud; did you mean 'own'?", "kind: owned", "error"),
    ("misspelt-key", "prepared_by: kim", "prepard_by: kim", "unknown-key",
     "unknown key 'prepard_by'; did you mean 'prepared_by'?", "prepard_by", "error"),
    ("number-as-text", "      CORE: {value: 3}", '      CORE: {value: "3"}', "wrong-type",
     "BKP-04 / CORE: 'value' must be a number, not text '3' (numbers are written without quotes)", 'CORE: {value: "3"}', "error"),
    ("yes-is-not-a-status", "    status: compliant\n    owner: kim", "    status: yes\n    owner: kim", "status-unknown",
     "BKP-01: 'status' is 'yes'; allowed: compliant, partial, non_compliant, not_applicable", "status: yes", "error"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_rule(case: tuple[str, ...], mini_valid: Path) -> None:
    _, old, new, code, words, needle, level = case
    edit(mini_valid, old, new)
    result = run("validate", "--format", "json", "--checklist", MINI, mini_valid)
    data = json.loads(result.output)
    entry = data["files"][0]
    found = [p for p in entry["errors" if level == "error" else "warnings"] if p["code"] == code]
    assert found, f"no {level} with code {code}: {entry}"
    problem = next((p for p in found if words in p["message"]), None)
    assert problem is not None, f"{words!r} not in {[p['message'] for p in found]}"
    if needle != "answers:":
        assert problem["line"] == line_of(mini_valid, needle), problem
    assert result.exit_code == (1 if level == "error" else 0)
    text = run("validate", "--checklist", MINI, mini_valid)
    assert f"{mini_valid}:{problem['line']}:{problem['column']}: [{level}] {problem['message']}" in text.output


def test_evidence_hash_mismatch_and_match(mini_valid: Path) -> None:
    folder = mini_valid.parent / "evidence"
    folder.mkdir()
    (folder / "policy.txt").write_text("백업정책\n", encoding="utf-8")
    right = hashlib.sha256((folder / "policy.txt").read_bytes()).hexdigest()
    edit(mini_valid, '[{ref: "백업정책 2026"}]', f"[{{file: evidence/policy.txt, sha256: {right}}}]")
    assert run("validate", "--checklist", MINI, mini_valid).exit_code == 0
    (folder / "policy.txt").write_text("changed\n", encoding="utf-8")
    result = run("validate", "--checklist", MINI, mini_valid)
    assert result.exit_code == 1
    assert "evidence file 'evidence/policy.txt' has sha256" in result.output and "the file changed after it was recorded" in result.output


def test_evidence_symlink_leaving_the_folder(mini_valid: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text("secret", encoding="utf-8")
    (mini_valid.parent / "link.txt").symlink_to(outside)
    edit(mini_valid, '[{ref: "백업정책 2026"}]', "[{file: link.txt}]")
    result = run("validate", "--checklist", MINI, mini_valid)
    assert result.exit_code == 1
    assert "evidence file 'link.txt' lies outside the submission's folder" in result.output


def test_answering_never_for_a_date_item(mini_valid: Path) -> None:
    edit(mini_valid, "      CORE: {value: 2026-09-01, owner: kim}",
         "      CORE: {value: never, owner: kim, remediation: {action: 첫 복구 테스트, owner: kim, due: 2026-11-10}}")
    result = run("validate", "--checklist", MINI, mini_valid)
    assert result.exit_code == 0, result.output
