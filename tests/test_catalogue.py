"""The rule catalogue: every finding code the package can report is listed, in Korean and English, and no message
shows a Python literal to a user."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from conftest import DATA, MINI, ROOT, edit, run

from auditkit.i18n import using
from auditkit.rules import CATALOGUE

CODE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")
# where a finding code is an argument: Problem(path, line, column, CODE, …), ctx.add(path, CODE, …), loader's
# _fail(path, line, column, CODE, …) and _error(event, CODE, …), and (line, column, CODE, message) tuples
CODE_ARGUMENT = {"Problem": 3, "_fail": 3, "add": 1, "_error": 1, "problem": 3}


def codes_in_source() -> dict[str, str]:
    """Every string literal passed as a finding code anywhere in the package, with where it is."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "auditkit").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Tuple) and any(_translated(e) for e in node.elts):  # (…, CODE, _("message"))
                for element in node.elts:
                    if isinstance(element, ast.Constant) and isinstance(element.value, str) and "-" in element.value \
                            and CODE.match(element.value):
                        found.setdefault(element.value, f"{path.relative_to(ROOT)}:{node.lineno}")
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            index = CODE_ARGUMENT.get(name)
            values = [k.value for k in node.keywords if k.arg == "code"]
            if index is not None and len(node.args) > index:
                values.append(node.args[index])
            for value in values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str) and CODE.match(value.value):
                    found.setdefault(value.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _translated(node: ast.expr) -> bool:
    """Whether an expression is a message: _("…") or _("…").format(…)."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        node = node.func.value
    return isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "date_message", "status_message")


def test_every_code_in_the_source_is_in_the_catalogue() -> None:
    missing = {code: where for code, where in codes_in_source().items() if code not in CATALOGUE}
    assert not missing, f"finding codes not in auditkit/rules/catalogue.py: {missing}"


def test_the_source_scan_finds_codes() -> None:
    """The scan above must see the codes it is meant to see (else the test would pass on nothing)."""
    found = codes_in_source()
    assert {"unknown-person", "duplicate-key", "too-large", "status-contradicts-value", "not-a-mapping", "fullwidth-space",
            "status-korean", "date-format"} <= set(found)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_code_has_its_meaning_in_both_languages(lang: str) -> None:
    with using(lang):
        for code in CATALOGUE.values():
            text = code.text()
            assert text.strip(), code.code
            assert CODE.match(code.code), code.code
            if lang == "ko":
                assert re.search("[가-힣]", text), f"{code.code} has no Korean: {text}"


PYTHON_LITERALS = re.compile(r"\bNone\b|\bTrue\b|\bFalse\b|\bdict\b|\{'|'\w+': ''")


@pytest.mark.parametrize(("old", "new"), [
    ("kind: own", "kind:"),
    ("    status: compliant\n    owner: kim", "    status:\n    owner: kim"),
    ("prepared_by: kim", "prepared_by:"),
    ("institution: {code: TEST, name: {ko: 시험기관, en: Test Agency}}", "institution: {code: TEST, name: {ko: ''}}"),
    ("sites:\n", "sites: true\nx-sites:\n"),
    ("as_of: 2026-10-15", "as_of: true"),
])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_no_message_prints_a_python_literal(mini_valid: Path, old: str, new: str, lang: str) -> None:
    edit(mini_valid, old, new)
    result = run("validate", "--lang", lang, "--format", "json", "--checklist", MINI, mini_valid)
    assert result.exit_code == 1
    problems = json.loads(result.output)["files"][0]["errors"]
    assert problems
    for problem in problems:
        assert problem["code"] in CATALOGUE, problem
        assert not PYTHON_LITERALS.search(problem["message"]), problem["message"]


def test_an_empty_value_reads_value_is_empty(mini_valid: Path) -> None:
    edit(mini_valid, "prepared_by: kim", "prepared_by:")
    english = run("validate", "--lang", "en", "--checklist", MINI, mini_valid).output
    korean = run("validate", "--lang", "ko", "--checklist", MINI, mini_valid).output
    assert "'prepared_by': value is empty" in english and "(empty-value)" in english
    assert "'prepared_by': 값이 비어 있습니다" in korean


def test_rules_command_lists_every_code_in_both_languages() -> None:
    listing = run("rules", "--format", "json")
    rows = json.loads(listing.output)["codes"]
    assert {row["code"] for row in rows} == set(CATALOGUE)
    unknown = next(row for row in rows if row["code"] == "unknown-person")
    assert unknown["ko"] == "people에 없는 담당자 키." and unknown["en"] == "A person key that is not under people."
    text = run("rules", "--lang", "ko").output
    assert "담당자와 머리말" in text or "머리말과 담당자" in text


def test_korean_validation_names_file_line_code_and_fix(tmp_path: Path) -> None:
    target = tmp_path / "sub.yaml"
    target.write_text((DATA / "mini-valid.yaml").read_text(encoding="utf-8").replace("owner: kim, deputy: lee, site: HQ",
                                                                                     "owner: kimm, deputy: lee, site: HQ", 1),
                      encoding="utf-8")
    result = run("validate", "--lang", "ko", "--checklist", MINI, target)
    assert result.exit_code == 1
    line = next(line for line in result.output.splitlines() if "unknown-person" in line)
    assert line.startswith(f"{target}:") and "[error]" in line
    assert "people에 없습니다" in line and "'kim'을(를) 뜻했나요?" in line and line.endswith("(unknown-person)")
