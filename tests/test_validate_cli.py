"""validate: output shapes and exit statuses of CLI.md."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import MINI, edit, line_of, run


def test_valid_file_exits_zero_with_summary(mini_valid: Path) -> None:
    result = run("validate", "--checklist", MINI, mini_valid)
    assert result.exit_code == 0, result.output
    assert f"{mini_valid}: valid" in result.output
    assert "1 file checked: 1 valid, 0 invalid" in result.output


def test_error_line_names_file_line_column_level_and_item(mini_valid: Path) -> None:
    edit(mini_valid, "owner: kim}", "owner: kimm}")
    result = run("validate", "--checklist", MINI, mini_valid)
    assert result.exit_code == 1
    line = line_of(mini_valid, "owner: kimm}")
    assert f"{mini_valid}:{line}:" in result.output
    assert "[error] BKP-08 / CORE: owner 'kimm' is not in people; did you mean 'kim'? (BKP-08, unknown-person)" in result.output


def test_json_output_has_the_contract_shape(mini_valid: Path) -> None:
    edit(mini_valid, "value: 2026-09-01", "value: 2026-02-30")
    result = run("validate", "--format", "json", "--checklist", MINI, mini_valid)
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["valid"] is False
    entry = data["files"][0]
    assert entry["path"] == str(mini_valid) and entry["valid"] is False
    error = entry["errors"][0]
    assert set(error) == {"line", "column", "pointer", "item", "code", "message"}
    assert error["pointer"] == "/answers/BKP-08/systems/CORE/value"
    assert error["item"] == "BKP-08" and error["code"] == "date-invalid"
    assert error["line"] == line_of(mini_valid, "2026-02-30")
    assert isinstance(entry["warnings"], list)


def test_folder_is_walked_and_one_bad_file_does_not_stop_the_others(tmp_path: Path, mini_valid: Path) -> None:
    (tmp_path / "broken.yaml").write_text("checklist: [unclosed\n", encoding="utf-8")
    result = run("validate", "--checklist", MINI, tmp_path)
    assert result.exit_code == 1
    assert f"{tmp_path / 'broken.yaml'}:2:1: [error] YAML syntax error" in result.output
    assert f"{mini_valid}: valid" in result.output
    assert "2 files checked: 1 valid, 1 invalid" in result.output


def test_usage_error_exits_two() -> None:
    assert run("validate").exit_code == 2
    assert run("validate", "--format", "xml", "x.yaml").exit_code == 2


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    result = run("validate", "--checklist", MINI, tmp_path / "nope.yaml")
    assert result.exit_code == 1
    assert "cannot read file" in result.output
