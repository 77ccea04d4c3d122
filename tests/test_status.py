"""status (issue 12, section 4): an answer is done only when it is complete, and the header fields count too."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MINI, edit, run


def _status(path: Path) -> dict[str, object]:
    result = run("status", "--format", "json", "--checklist", MINI, path)
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def _left(data: dict[str, object]) -> dict[str, str]:
    sections = data["sections"]
    assert isinstance(sections, list)
    return {entry["where"]: entry["what"] for section in sections for entry in section["left"]}


def test_a_complete_file_is_done(mini_valid: Path) -> None:
    data = _status(mini_valid)
    assert data["complete"] == data["expected"] == 14 and _left(data) == {}


def test_an_empty_as_of_is_not_100_percent(mini_valid: Path) -> None:
    edit(mini_valid, "as_of: 2026-10-15", "as_of:")
    data = _status(mini_valid)
    assert data["complete"] == 13 and data["expected"] == 14
    assert _left(data) == {"as_of (the date the answers describe)": "not filled in"}
    text = run("status", "--checklist", MINI, mini_valid).output
    assert "total           13    14    93%" in text
    assert "1 answer is not complete yet:\n  as_of (the date the answers describe): not filled in" in text


@pytest.mark.parametrize(("old", "new", "where", "code"), [
    # a failing value without remediation
    ("      CORE: {value: 3}", "      CORE: {value: 2}", "BKP-04 / CORE", "remediation-required"),
    # a declared partial without remediation
    ("    status: partial\n    value: 연락망 2026-09 갱신, 훈련 미실시\n    remediation: {action: 연락망 훈련, owner: lee, due: 2026-11-30}",
     "    status: partial\n    value: 연락망 2026-09 갱신, 훈련 미실시", "ACC-05", "remediation-required"),
    # compliant, but the required evidence is not attached
    ('    evidence: [{ref: "백업정책 2026"}]\n', "", "BKP-01", "evidence-required"),
    # not_applicable without saying why
    ("      CORE: {value: 3}", "      CORE: {status: not_applicable}", "BKP-04 / CORE", "key-required"),
    # an owner left empty
    ("      CORE: {value: 3}", "      CORE: {value: 3, owner: }", "BKP-04 / CORE", "empty-value"),
])
def test_an_answer_with_something_left_to_do_is_not_done(mini_valid: Path, old: str, new: str, where: str, code: str) -> None:
    edit(mini_valid, old, new)
    data = _status(mini_valid)
    assert data["complete"] == 13 and data["answered"] == 14
    left = _left(data)
    assert list(left) == [where] and left[where].endswith(f"({code})"), left


def test_a_carried_answer_marked_for_review_is_not_done(mini_valid: Path) -> None:
    edit(mini_valid, "      CORE: {value: 3}", "      CORE: {value: 3, review: the requirement changed since 0.9}")
    data = _status(mini_valid)
    assert _left(data) == {"BKP-04 / CORE": "marked for review: check it, then delete the review line"}
    assert data["reviews"] == 1


def test_status_names_what_is_left_grouped_per_item(mini_valid: Path) -> None:
    edit(mini_valid, "      CORE: {value: 2026-09-01, owner: kim}\n", "")
    edit(mini_valid, "  BKP-08:\n    systems:\n", "  BKP-08:\n    systems:\n      CORE: {owner: kim}\n")
    edit(mini_valid, "approved_by: {person: lee, date: 2026-10-20}\n", "")
    text = run("status", "--checklist", MINI, mini_valid).output
    assert "  BKP-08 (CORE): not filled in" in text
    assert "approved_by is not filled in yet: until it is, a report of this file is marked DRAFT" in text
