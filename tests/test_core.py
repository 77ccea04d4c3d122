"""Engine contracts: loading YAML, checklists, schema, init, status, start-up cost, docs."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from auditkit.checklists import checklist_schema, load_catalog
from auditkit.errors import InputError
from auditkit.loader import load_file, load_text
from auditkit.rules import CATALOGUE
from conftest import DATA, MINI, ROOT, edit, run

PY = sys.executable


# --- loading ------------------------------------------------------------------------------------------

def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: \xed\x95\x9c\r\n")
    doc = load_file(path)
    assert doc.data == {"a": 1, "b": "한"}
    assert doc.where(("b",)) == (2, 1)


def test_cp949_file_is_named_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("a: 1\nname: 기술보증기금\n".encode("cp949"))
    with pytest.raises(InputError) as info:
        load_file(path)
    problem = info.value.problem
    assert problem.line == 2 and problem.code == "encoding"
    assert "CP949/EUC-KR" in problem.message and "iconv -f cp949 -t utf-8" in problem.message


@pytest.mark.parametrize("text, code, words", [
    ("a: !!python/object/apply:os.system [ls]\n", "tag", "is not allowed"),
    ("a: &x [1, 2]\nb: *x\n", "alias", "aliases (*x) are not allowed"),
    ("a:\n\tb: 1\n", "syntax", "indent with spaces, not tabs"),
    ("[" * 10000 + "]" * 10000, "too-deep", "nesting deeper than 64 levels"),
    ("", "empty", "file is empty"),
    ("# only a comment\n", "empty", "file is empty"),
    ("a: 1\n---\nb: 2\n", "multiple-documents", "one YAML document"),
    ("? [a, b]\n: 1\n", "complex-key", "must be plain text"),
    ("a: b: c\n", "syntax", "must be quoted"),
])
def test_refused_yaml(text: str, code: str, words: str) -> None:
    with pytest.raises(InputError) as info:
        load_text("x.yaml", text)
    assert info.value.problem.code == code and words in info.value.problem.message


def test_yaml_1_1_surprises_do_not_happen() -> None:
    doc = load_text("x.yaml", "a: yes\nb: 0777\nc: 010-1234-5678\nd: .nan\ne: 1e999\nf: 12345678901234567890\ng: 2026-02-30\nh: 3.5\ni: true\n")
    assert doc.data == {"a": "yes", "b": "0777", "c": "010-1234-5678", "d": ".nan", "e": "1e999",
                        "f": "12345678901234567890", "g": "2026-02-30", "h": 3.5, "i": True}


def test_duplicate_keys_keep_the_first_and_are_reported() -> None:
    doc = load_text("x.yaml", "a:\n  b: 1\n  b: 2\n")
    assert doc.data == {"a": {"b": 1}}
    assert doc.problems[0].line == 3 and doc.problems[0].code == "duplicate-key"


# --- checklists ---------------------------------------------------------------------------------------

def test_checklist_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(checklist_schema())


def test_bundled_checklists_are_listed() -> None:
    result = run("checklists")
    assert result.exit_code == 0
    assert "mss-it-resilience\t2025.1" in result.output and "mss-it-resilience\t2026.1" in result.output


def test_broken_checklist_is_reported_like_a_broken_submission(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text((DATA / "mini-1.0.yaml").read_text(encoding="utf-8").replace("severity: medium", "severity: urgent", 1),
                      encoding="utf-8")
    result = run("validate", "--checklist", broken, DATA / "mini-valid.yaml")
    assert result.exit_code == 1
    assert f"Error: {broken}:" in result.output and "'severity' is 'urgent'" in result.output


def test_unknown_checklist_name() -> None:
    result = run("schema", "no-such-checklist")
    assert result.exit_code == 1
    assert "unknown checklist 'no-such-checklist'" in result.output


def test_checklist_by_id_at_version_and_path() -> None:
    newest = json.loads(run("schema", "mss-it-resilience").output)
    older = json.loads(run("schema", "mss-it-resilience@2025.1").output)
    by_path = json.loads(run("schema", ROOT / "checklists" / "mss-it-resilience-2026.1.yaml").output)
    assert newest["properties"]["checklist_version"]["const"] == "2026.1"
    assert older["properties"]["checklist_version"]["const"] == "2025.1"
    assert by_path == newest


# --- schema: the same verdict from an independent validator ------------------------------------------

@pytest.mark.parametrize("old, new, schema_error", [
    (None, None, False),
    ("grade: 3", "grade: 7", True),
    ("kind: own", "kind: owned", True),
    ("    status: compliant\n    owner: kim", "    status: done\n    owner: kim", True),
    ("prepared_by: kim", "prepared_by: kim\nsurprise: 1", True),
])
def test_check_jsonschema_agrees_with_validate(tmp_path: Path, mini_valid: Path, old: str | None, new: str | None,
                                               schema_error: bool) -> None:
    schema = tmp_path / "schema.json"
    assert run("schema", MINI, "-o", schema).exit_code == 0
    if old:
        edit(mini_valid, old, new or "")
    ours = json.loads(run("validate", "--format", "json", "--checklist", MINI, mini_valid).output)
    schema_codes = {code for code, entry in CATALOGUE.items() if entry.group == "schema"}
    ours_schema_error = any(e["code"] in schema_codes for e in ours["files"][0]["errors"])
    theirs = subprocess.run([str(Path(PY).parent / "check-jsonschema"), "--schemafile", str(schema), str(mini_valid)],
                            capture_output=True, text=True)
    assert ours_schema_error == schema_error
    assert (theirs.returncode != 0) == schema_error, theirs.stdout + theirs.stderr


# --- a checklist that is not bundled works everywhere --------------------------------------------------

def test_unbundled_checklist_with_init_validate_schema_status(tmp_path: Path) -> None:
    skeleton = tmp_path / "new.yaml"
    result = run("init", "mini-check", "--checklist", MINI, "--institution", "TEST", "--period", "2027",
                 "--from", DATA / "mini-valid.yaml", "--as-of", "2027-01-10", "-o", skeleton)
    assert result.exit_code == 0, result.output
    text = skeleton.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=mini-check-1.0.schema.json\n")
    assert (tmp_path / "mini-check-1.0.schema.json").is_file()
    assert "# BKP-08 복구 테스트 / Restore test" in text
    assert "carried 8 answer(s)" in result.output and "4 marked for review" in result.output
    status = run("status", "--checklist", MINI, skeleton)
    assert status.exit_code == 0
    assert "4 carried answer(s) marked for review" in status.output
    validated = run("validate", "--checklist", MINI, skeleton)
    assert "carried over and marked for review: at 2027-01-10 the date rule fails" in validated.output


def test_init_skeleton_lists_every_item_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "kibo.yaml"
    assert run("init", "mss-it-resilience", "--institution", "KIBO", "-o", target).exit_code == 0
    text = target.read_text(encoding="utf-8")
    checklist = load_catalog().resolve("mss-it-resilience")
    for item_id in checklist.items:
        assert f"# {item_id} " in text, item_id
    again = run("init", "mss-it-resilience", "--institution", "KIBO", "-o", target)
    assert again.exit_code == 1 and "exists" in again.output
    assert target.read_text(encoding="utf-8") == text


def test_init_from_follows_replaces_across_versions(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    assert run("init", "mss-it-resilience@2025.1", "--institution", "KIBO", "-o", old).exit_code == 0
    # fill the systems part and one answer of a 2025.1 item that 2026.1 replaces (BKP-20 -> BKP-08, BKP-09)
    text = old.read_text(encoding="utf-8")
    text = text.replace("systems: []", "systems:\n  - {id: CORE, name: 핵심, grade: 1, owner: kim, site: HQ}")
    text = text.replace("sites: []", "sites:\n  - {id: HQ, name: 본사, kind: own, battery: vrla}")
    text = text.replace("answers:\n", "answers:\n  BKP-20:\n    systems:\n      CORE: {value: 2025-06-01}\n", 1)
    old.write_text(text, encoding="utf-8")
    new = tmp_path / "new.yaml"
    result = run("init", "mss-it-resilience@2026.1", "--institution", "KIBO", "--from", old, "--as-of", "2026-10-01", "-o", new)
    assert result.exit_code == 0, result.output
    body = new.read_text(encoding="utf-8")
    assert "carried from BKP-20 of 2025.1, which this item replaces" in body
    assert "CORE:   # 핵심 (grade 1)" in body


def test_status_counts_by_section(tmp_path: Path) -> None:
    result = run("status", "--checklist", MINI, DATA / "mini-valid.yaml")
    assert result.exit_code == 0
    assert "BKP              4     4   100%" in result.output
    assert "header           6     6   100%" in result.output  # as_of, institution, people, prepared_by, sites, systems
    assert "total           14    14   100%" in result.output


# --- start-up and docs --------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["--help"], ["validate", "--checklist", MINI, str(DATA / "mini-valid.yaml")]])
def test_weasyprint_is_not_imported(args: list[str]) -> None:
    code = ("import sys, runpy; sys.argv = ['auditkit'] + %r\n"
            "try:\n    runpy.run_module('auditkit', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print('WEASYPRINT' if 'weasyprint' in sys.modules else 'CLEAN', file=sys.stderr)") % (args,)
    result = subprocess.run([PY, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stderr.strip().endswith("CLEAN"), result.stderr


def test_every_command_is_in_the_readme_with_help() -> None:
    from auditkit.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert f"auditkit {name}" in readme, name
        assert command.help, name


def test_readme_first_screen_has_the_two_commands_and_ci_runs_the_test_one() -> None:
    first_screen = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:12])
    assert "./dev.sh reports" in first_screen and "./dev.sh test" in first_screen
    assert "./dev.sh test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_python_m_auditkit_works() -> None:
    result = subprocess.run([PY, "-m", "auditkit", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and "auditkit" in result.stdout


@pytest.mark.parametrize("kind, value, grade, english, korean", [
    ("date", "never", 1, "it has never happened; grade 1 requires at most 7 days old", "실시한 적 없음; 1등급 기준: 7일 이내"),
    ("date", "never", 2, "it has never happened; the rule requires at most 30 days old", "실시한 적 없음; 기준: 30일 이내"),
    ("date", "2026-01-01", 1, "2026-01-01 is 287 days old at as_of 2026-10-15; grade 1 allows at most 7 days old",
     "2026-01-01: 기준일 2026-10-15에 287일 지남; 1등급 기준: 7일 이내"),
    ("date", "2026-10-10", 2, "2026-10-10 meets the rule (at most 30 days old)", "2026-10-10: 기준 충족 (30일 이내)"),
    ("date", 5, None, "5 is not a valid date value", "5: 올바른 날짜 값이 아님"),
    ("date", "2026-10-14", 3, "2026-10-14 is 1 day old at as_of 2026-10-15; grade 3 allows at most 0 days old",
     "2026-10-14: 기준일 2026-10-15에 1일 지남; 3등급 기준: 0일 이내"),
    ("date", "2026-10-13", 4, "2026-10-13 is 2 days old at as_of 2026-10-15; grade 4 allows at most 1 day old",
     "2026-10-13: 기준일 2026-10-15에 2일 지남; 4등급 기준: 1일 이내"),
    ("expiry", "2026-10-01", None, "2026-10-01 is before as_of 2026-10-15; the rule allows no date before as_of",
     "2026-10-01: 기준일 2026-10-15보다 앞섬; 기준: 기준일 이후"),
    ("number", 6, None, "6 is above the maximum 4; the rule allows at most 4 hours", "6: 최댓값 4 초과; 기준: 4시간 이하"),
    ("choice", "same-room", None, "same-room is not one of other-site; the rule allows one of other-site",
     "same-room: other-site 중 하나가 아님; 기준: other-site 중 하나"),
])
def test_a_verdict_explains_itself_in_english_and_korean(kind: str, value: object, grade: int | None, english: str,
                                                           korean: str) -> None:
    """The English sentence is what validate prints; the Korean one is what a Korean report prints."""
    import datetime as dt

    from auditkit.verdict import AnswerSpec, Rule

    rules = {"date": (Rule(max_age_days=30), {1: Rule(max_age_days=7), 3: Rule(max_age_days=0), 4: Rule(max_age_days=1)}),
             "number": (Rule(max=4), {}), "choice": (Rule(within=("other-site",)), {}),
             "expiry": (Rule(min_days_ahead=0), {})}
    spec = AnswerSpec("date" if kind == "expiry" else kind, "hours" if kind == "number" else "", ("same-room", "other-site"),
                      rules[kind][0], rules[kind][1])
    verdict = spec.judge(value, grade, dt.date(2026, 10, 15))
    assert (verdict.reason, verdict.text("ko")) == (english, korean)
