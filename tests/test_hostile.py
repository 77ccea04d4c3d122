"""Hostile and broken inputs: `auditkit validate` refuses each with exit status 1, the file, the line and
words that say what is wrong — never a traceback, never a hang, never anything executed or read outside;
and status, report, rollup, diff and init --from answer each of them with exit status 0 or 1, no traceback.

This file tries 99 hostile inputs (one test each, in CASES below; all are refused but a megabyte comment,
which is fine): YAML syntax and indentation errors, duplicate keys, alias bombs, deep nesting, an oversized
file, binary garbage and NUL bytes, control and line-separator characters, CP949 / EUC-KR / UTF-16 / UTF-32
files, empty files, lists and scalars where a mapping belongs, non-string keys, code-executing and custom
tags, impossible dates, NaN and infinities, 5,000-digit numbers, megabyte strings, evidence paths that
leave the folder or cannot exist, unknown checklists and versions, and checklist files (--checklist) that
are themselves broken.
"""
from __future__ import annotations

import random
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, MINI, line_of, run

VALID = (DATA / "mini-valid.yaml").read_text(encoding="utf-8")
CHECKLIST = (DATA / "mini-1.0.yaml").read_text(encoding="utf-8")


@dataclass
class Expect:
    """What validating a hostile input must print: `where:line:` and these words, with this exit status."""

    args: list[str]
    where: Path
    line: int
    words: str
    status: int = 1


CASES: dict[str, Callable[[Path], Expect]] = {}


def case(func: Callable[[Path], Expect]) -> Callable[[Path], Expect]:
    CASES[func.__name__] = func
    return func


def variant(folder: Path, old: str, new: str, name: str = "sub.yaml") -> Path:
    """The valid mini submission with one text replaced (which must be there)."""
    assert old in VALID, old
    path = folder / name
    path.write_text(VALID.replace(old, new, 1), encoding="utf-8")
    return path


def expect(path: Path, needle: str, words: str) -> Expect:
    """Validate path against the mini checklist; the problem is on the line containing needle."""
    return Expect(["--checklist", MINI, str(path)], path, line_of(path, needle), words)


def raw_file(folder: Path, data: bytes, name: str = "sub.yaml") -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def at(path: Path, line: int, words: str) -> Expect:
    return Expect(["--checklist", MINI, str(path)], path, line, words)


# --- YAML syntax ----------------------------------------------------------------------------------------

@case
def unclosed_flow_sequence(tmp: Path) -> Expect:
    path = variant(tmp, "checklist: mini-check\n", "checklist: [mini-check\n")
    return at(path, 2, "YAML syntax error: did not find expected ',' or ']'")


@case
def unclosed_flow_mapping(tmp: Path) -> Expect:
    path = variant(tmp, "en: Test Agency}}", "en: Test Agency}")
    return at(path, 6, "YAML syntax error: did not find expected ',' or '}' (while parsing a flow mapping that starts at line 5)")


@case
def unterminated_quoted_string(tmp: Path) -> Expect:
    path = variant(tmp, '[{ref: "백업정책 2026"}]', '[{ref: "백업정책 2026}]')
    return at(path, 42, "found unexpected end of stream (while scanning a quoted scalar that starts at line 21)")


@case
def over_indented_key(tmp: Path) -> Expect:
    path = variant(tmp, "  lee: {name: 이정훈}", "   lee: {name: 이정훈}")
    return expect(path, "lee: {name",
                  "did not find expected key (while parsing a block mapping that starts at line 7); check the indentation")


@case
def under_indented_key(tmp: Path) -> Expect:
    path = variant(tmp, "    status: compliant\n    owner: kim", "    status: compliant\n   owner: kim")
    return expect(path, "   owner: kim",
                  "did not find expected key (while parsing a block mapping that starts at line 18); check the indentation")


@case
def list_item_out_of_line(tmp: Path) -> Expect:
    path = variant(tmp, "  - {id: DR,", "   - {id: DR,")
    return expect(path, "{id: DR,", "YAML syntax error")


@case
def continuation_line_indented_into_a_value(tmp: Path) -> Expect:
    path = variant(tmp, "checklist_version:", "  checklist_version:")
    return expect(path, "checklist_version:", "check the indentation of this line against the lines above")


@case
def tab_inside_a_flow_mapping(tmp: Path) -> Expect:  # tabs at line start are in test_core; this one is mid-line
    path = variant(tmp, "      CORE: {value: 3}", "      CORE:\t{value: 3}\n\t  owner: kim")
    return expect(path, "\t  owner: kim", "YAML syntax error")


# --- duplicate keys ---------------------------------------------------------------------------------------

@case
def duplicate_top_level_answers_block(tmp: Path) -> Expect:
    path = variant(tmp, "answers:\n", "answers:\n  BKP-01: {status: compliant}\nanswers:\n")
    return at(path, 19, "duplicate key 'answers' (first at line 17)")


@case
def duplicate_item_answer(tmp: Path) -> Expect:
    path = variant(tmp, "  ACC-05:\n", "  BKP-01: {status: non_compliant}\n  ACC-05:\n")
    return expect(path, "BKP-01: {status: non_compliant}", "duplicate key 'BKP-01' (first at line 18)")


@case
def duplicate_system_answer(tmp: Path) -> Expect:
    path = variant(tmp, "      CORE: {value: 3}", "      CORE: {value: 3}\n      CORE: {value: 1}")
    return expect(path, "CORE: {value: 1}", "duplicate key 'CORE' (first at line 30)")


@case
def duplicate_key_in_block_answer(tmp: Path) -> Expect:
    path = variant(tmp, "    owner: kim\n    evidence", "    owner: kim\n    owner: lee\n    evidence")
    return expect(path, "    owner: lee", "duplicate key 'owner' (first at line 20)")


@case
def duplicate_key_in_a_list_item(tmp: Path) -> Expect:
    path = variant(tmp, "{id: WEB, name: 홈페이지, grade: 3,", "{id: WEB, name: 홈페이지, grade: 3, grade: 1,")
    return expect(path, "grade: 3, grade: 1,", "duplicate key 'grade'")


# --- aliases, depth, size -------------------------------------------------------------------------------

BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{c}: &{c} [{', '.join(['*' + p] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)]) + "\n"


@case
def billion_laughs(tmp: Path) -> Expect:
    path = raw_file(tmp, BILLION_LAUGHS.encode())
    return at(path, 2, "aliases (*a) are not allowed")


@case
def alias_bomb_inside_a_submission(tmp: Path) -> Expect:
    bomb = "x-bomb:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"  {c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    path = variant(tmp, "answers:\n", bomb + "answers:\n")
    return expect(path, "  b: &b", "aliases (*a) are not allowed")


@case
def merge_key_alias(tmp: Path) -> Expect:
    path = variant(tmp, "  lee: {name: 이정훈}", "  lee: &lee {name: 이정훈}\n  park:\n    <<: *lee\n    role: 대리")
    return expect(path, "<<: *lee", "aliases (*lee) are not allowed")


@case
def deep_block_mapping(tmp: Path) -> Expect:
    deep = "".join("  " * i + f"k{i}:\n" for i in range(100)) + "  " * 100 + "v\n"
    path = raw_file(tmp, ("checklist: mini-check\nx-deep:\n" + "".join("  " + ln + "\n" for ln in deep.splitlines())).encode())
    return at(path, 2 + 64, "nesting deeper than 64 levels")


@case
def deep_block_sequence(tmp: Path) -> Expect:
    deep = "".join("  " * i + "-\n" for i in range(100)) + "  " * 100 + "x\n"
    path = raw_file(tmp, deep.encode())
    return at(path, 65, "nesting deeper than 64 levels")


@case
def deep_mixed_flow_in_a_comment(tmp: Path) -> Expect:
    path = variant(tmp, "    owner: kim\n    evidence", "    owner: kim\n    comment: " + "{a: [" * 40 + "]}" * 40
                   + "\n    evidence")
    return expect(path, "comment: {a:", "nesting deeper than 64 levels")


@case
def oversized_file(tmp: Path) -> Expect:
    path = tmp / "sub.yaml"
    with path.open("wb") as out:  # a sparse file: 33 MiB long, no disk space used
        out.write(VALID.encode() + b"# ")
        out.truncate(33 << 20)
    return at(path, 1, "file is 33.0 MiB; the limit is 32 MiB")


# --- bytes that are not UTF-8 YAML text -------------------------------------------------------------------

@case
def binary_garbage_with_nul(tmp: Path) -> Expect:
    rng = random.Random(6)
    data = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(rng.randrange(1, 256) for _ in range(4000)) + b"\x00" + bytes(200)
    path = raw_file(tmp, data)
    return at(path, data.count(b"\n", 0, data.index(b"\x00")) + 1, "file contains NUL bytes")


@case
def binary_garbage_without_nul(tmp: Path) -> Expect:
    path = raw_file(tmp, b"PK\x03\x04" + bytes(random.Random(7).randrange(0x80, 0x100) for _ in range(3000)))
    return at(path, 1, "file is not valid UTF-8")


@case
def nul_byte_in_a_comment(tmp: Path) -> Expect:
    path = raw_file(tmp, VALID.replace("prepared_by: kim\n", "prepared_by: kim  # \x00\n").encode())
    return at(path, 9, "file contains NUL bytes")


@case
def terminal_escape_sequence(tmp: Path) -> Expect:
    path = variant(tmp, "name: 이정훈}", "name: \x1b[31m이정훈\x1b[0m}")
    return expect(path, "  lee:", "character U+001B is not allowed")


@case
def line_separator_character(tmp: Path) -> Expect:
    path = variant(tmp, "연락망 2026-09 갱신", "연락망 2026-09\u2028갱신")
    return expect(path, "연락망 2026-09", "character U+2028 is a line break to YAML but not to most editors")


@case
def cp949_file(tmp: Path) -> Expect:
    text = VALID.replace("name: 이정훈}", "name: 똠방각하}")  # 똠 exists only in CP949, not in EUC-KR
    return at(raw_file(tmp, text.encode("cp949")), 5, "CP949/EUC-KR")


@case
def euc_kr_file(tmp: Path) -> Expect:
    return at(raw_file(tmp, VALID.encode("euc-kr")), 5, "it looks like CP949/EUC-KR (Korean Windows encoding); save it as UTF-8")


@case
def utf16_file_with_bom(tmp: Path) -> Expect:
    return at(raw_file(tmp, VALID.encode("utf-16")), 1, "file is UTF-16 text")


@case
def utf16_big_endian_without_bom(tmp: Path) -> Expect:
    return at(raw_file(tmp, VALID.encode("utf-16-be")), 1, "file is UTF-16 text")


@case
def utf32_file(tmp: Path) -> Expect:
    return at(raw_file(tmp, VALID.encode("utf-32")), 1, "file is UTF-32 text")


# --- empty files and the wrong shape ----------------------------------------------------------------------

@case
def empty_file(tmp: Path) -> Expect:
    return at(raw_file(tmp, b""), 1, "file is empty")


@case
def only_a_byte_order_mark(tmp: Path) -> Expect:
    return at(raw_file(tmp, b"\xef\xbb\xbf\r\n\r\n"), 1, "file is empty")


@case
def only_a_document_marker(tmp: Path) -> Expect:
    return at(raw_file(tmp, b"---\n"), 1,
              "a submission is a mapping of keys (checklist, institution, answers, …), not an empty document")


@case
def top_level_list(tmp: Path) -> Expect:
    text = "".join(f"- {line}\n" for line in VALID.splitlines() if not line.startswith(" "))
    return at(raw_file(tmp, text.encode()), 1, "not a list")


@case
def top_level_text(tmp: Path) -> Expect:
    return at(raw_file(tmp, "기술보증기금 점검표\n".encode()), 1, "not text")


@case
def institution_is_a_list(tmp: Path) -> Expect:
    path = variant(tmp, "institution: {code: TEST, name: {ko: 시험기관, en: Test Agency}}",
                   "institution:\n  - TEST\n  - 시험기관")
    return expect(path, "institution:", "'institution' must be a mapping (key: value), not a list")


@case
def answers_is_a_list(tmp: Path) -> Expect:
    path = variant(tmp, "answers:\n  BKP-01:", "answers:\n  - BKP-01\nx-old:\n  BKP-01:")
    return expect(path, "answers:", "'answers' must be a mapping (key: value), not a list")


@case
def sites_is_true(tmp: Path) -> Expect:  # crashed the rules before they skipped what is not a list
    path = variant(tmp, "sites:\n", "sites: true\nx-sites:\n")
    return expect(path, "sites: true", "'sites' must be a list, not true/false true")


@case
def period_out_of_the_calendar(tmp: Path) -> Expect:  # crashed the due-date rule (year -1 is out of range)
    return expect(variant(tmp, "period: 2026", "period: -1"), "period:", "'period' -1 is out of range (2000 to 2100)")


@case
def period_beyond_year_9999(tmp: Path) -> Expect:
    path = variant(tmp, "period: 2026", "period: 123456")
    return expect(path, "period:", "'period' 123456 is out of range (2000 to 2100)")


@case
def people_is_text(tmp: Path) -> Expect:
    path = variant(tmp, "people:\n", "people: 김민수, 이정훈\nx-people:\n")
    return expect(path, "people: 김민수", "'people' must be a mapping (key: value), not text")


# --- keys that are not text -------------------------------------------------------------------------------

def _key_case(tmp: Path, where: str, key: str) -> Expect:
    if where == "people":
        path = variant(tmp, "  lee: {name: 이정훈}", f"  lee: {{name: 이정훈}}\n  {key}: x")
        return expect(path, f"  {key}: x", f"'{key}' must be a mapping (key: value), not text 'x'")
    path = variant(tmp, "  ACC-05:\n", f"  {key}: x\n  ACC-05:\n")
    return expect(path, f"  {key}: x", f"unknown item id '{key}': the checklist has no such item")


for _where in ("people", "answers"):
    for _key in ("1", "true", "null", "~", "3.5"):
        def _make(tmp: Path, _w: str = _where, _k: str = _key) -> Expect:
            return _key_case(tmp, _w, _k)
        CASES[f"key_{_key}_under_{_where}"] = _make


@case
def quoted_number_as_system_key(tmp: Path) -> Expect:
    path = variant(tmp, "      CORE: {value: 3}", "      CORE: {value: 3}\n      1: {value: 3}")
    return expect(path, "1: {value: 3}", "BKP-04: no system with id '1' in systems:")


@case
def person_key_with_capitals(tmp: Path) -> Expect:
    path = variant(tmp, "  lee: {name: 이정훈}", "  lee: {name: 이정훈}\n  Park: {name: 박지민}")
    return expect(path, "Park:", "'people' 'Park' has the wrong form: a key of the people mapping")


# --- tags: nothing is ever constructed ---------------------------------------------------------------------

MARKER = "PWNED-by-a-tag"


def _tag_case(tmp: Path, value: str, words: str, needle: str = "prepared_by:") -> Expect:
    path = variant(tmp, "prepared_by: kim", value.replace("MARKER", str(tmp / MARKER)))
    return expect(path, needle, words)


@case
def python_object_apply_os_system(tmp: Path) -> Expect:
    return _tag_case(tmp, 'prepared_by: !!python/object/apply:os.system ["touch MARKER"]',
                     "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed")


@case
def python_object_apply_open(tmp: Path) -> Expect:
    return _tag_case(tmp, "prepared_by: !!python/object/apply:builtins.open [MARKER, w]",
                     "YAML tag 'tag:yaml.org,2002:python/object/apply:builtins.open' is not allowed")


@case
def python_object_new(tmp: Path) -> Expect:
    return _tag_case(tmp, "prepared_by: !!python/object/new:pathlib.Path {args: [MARKER]}", "is not allowed")


@case
def python_object(tmp: Path) -> Expect:
    return _tag_case(tmp, "prepared_by: !!python/object:subprocess.Popen {args: [touch, MARKER]}",
                     "YAML tag 'tag:yaml.org,2002:python/object:subprocess.Popen' is not allowed")


@case
def python_name(tmp: Path) -> Expect:
    return _tag_case(tmp, "prepared_by: !!python/name:os.system", "'tag:yaml.org,2002:python/name:os.system' is not allowed")


@case
def binary_tag(tmp: Path) -> Expect:
    return _tag_case(tmp, "prepared_by: !!binary a2lt", "YAML tag 'tag:yaml.org,2002:binary' is not allowed")


@case
def custom_tag(tmp: Path) -> Expect:
    return _tag_case(tmp, "prepared_by: !foo kim", "YAML tag '!foo' is not allowed")


@case
def tag_on_a_key(tmp: Path) -> Expect:
    return _tag_case(tmp, "!!python/object/apply:os.system prepared_by: kim",
                     "is not allowed: auditkit files hold plain data only")


@case
def tag_directive(tmp: Path) -> Expect:
    text = "%TAG !e! tag:example.com,2026:\n---\n" + VALID.replace("prepared_by: kim", "prepared_by: !e!person kim")
    path = raw_file(tmp, text.encode())
    return expect(path, "prepared_by:", "YAML tag 'tag:example.com,2026:person' is not allowed")


@case
def tag_on_a_mapping(tmp: Path) -> Expect:
    path = variant(tmp, "institution: {code", "institution: !!python/object:types.SimpleNamespace {code")
    return expect(path, "institution:", "is not allowed")


# --- values: dates, numbers, sizes --------------------------------------------------------------------------

@case
def as_of_february_29_in_2026(tmp: Path) -> Expect:
    return expect(variant(tmp, "as_of: 2026-10-15", "as_of: 2026-02-29"), "as_of:", "'as_of' '2026-02-29' is not a real date")


@case
def value_april_31(tmp: Path) -> Expect:
    path = variant(tmp, "HQ: {value: 2026-10-01}", "HQ: {value: 2026-04-31}")
    return expect(path, "2026-04-31", "BAT-06 / HQ: 'value' '2026-04-31' is not a real date")


@case
def remediation_due_november_31(tmp: Path) -> Expect:
    path = variant(tmp, "due: 2026-11-30", "due: 2026-11-31")
    return expect(path, "due: 2026-11-31", "ACC-05: 'due' '2026-11-31' is not a real date")


@case
def approval_date_month_zero(tmp: Path) -> Expect:
    return expect(variant(tmp, "date: 2026-10-20", "date: 2026-00-20"), "approved_by:", "'date' '2026-00-20' is not a real date")


for _name, _text in (("nan", ".nan"), ("NaN", ".NaN"), ("inf", ".inf"), ("minus_inf", "-.inf"), ("plus_inf", "+.Inf")):
    def _make_number(tmp: Path, _t: str = _text) -> Expect:
        path = variant(tmp, "CORE: {value: 3}", f"CORE: {{value: {_t}}}")
        return expect(path, f"value: {_t}", f"'value' must be a number, not text '{_t}' (.nan and .inf are not numbers")
    CASES[f"number_{_name}"] = _make_number


@case
def float_overflow(tmp: Path) -> Expect:
    path = variant(tmp, "CORE: {value: 3}", "CORE: {value: 1e999}")
    return expect(path, "1e999", "'value' must be a number, not text '1e999' (numbers of more than 18 digits")


@case
def five_thousand_digit_value(tmp: Path) -> Expect:
    path = variant(tmp, "CORE: {value: 3}", "CORE: {value: " + "9" * 5000 + "}")
    return expect(path, "CORE: {value: 999", "'value' must be a number, not text '9999")


@case
def five_thousand_digit_period(tmp: Path) -> Expect:
    return expect(variant(tmp, "period: 2026", "period: " + "7" * 5000), "period:", "'period' must be a whole number")


@case
def five_thousand_digit_grade(tmp: Path) -> Expect:
    path = variant(tmp, "grade: 3,", "grade: " + "3" * 5000 + ",")
    return expect(path, "{id: WEB", "system WEB: 'grade' is '3333")


@case
def megabyte_comment_is_fine(tmp: Path) -> Expect:
    comment = "백업 점검 기록 " * (1 << 17)  # 1.8 MB of UTF-8
    path = variant(tmp, "    owner: kim\n    evidence", f"    owner: kim\n    comment: {comment}\n    evidence")
    return Expect(["--checklist", MINI, str(path)], path, 0, "valid", status=0)


@case
def megabyte_person_key(tmp: Path) -> Expect:
    return expect(variant(tmp, "prepared_by: kim", "prepared_by: " + "kim" * 350_000), "prepared_by:", "prepared_by 'kimkim")


@case
def megabyte_status(tmp: Path) -> Expect:
    path = variant(tmp, "    status: compliant", "    status: " + "compliant" * 120_000)
    return expect(path, "status: compliant", "BKP-01: 'status' is 'compliant")


# --- evidence paths -------------------------------------------------------------------------------------

def _evidence(tmp: Path, file: str, words: str) -> Expect:
    return expect(variant(tmp, '[{ref: "백업정책 2026"}]', f"[{{file: {file}}}]"), "evidence: [{file", words)


@case
def evidence_dotdot_through_a_subfolder(tmp: Path) -> Expect:
    (tmp / "evidence").mkdir()
    return _evidence(tmp, "evidence/../../secret.txt", "lies outside the submission's folder")


@case
def evidence_in_home_folder(tmp: Path) -> Expect:
    return _evidence(tmp, "~/.ssh/id_rsa", "is an absolute path")


@case
def evidence_absolute(tmp: Path) -> Expect:
    return _evidence(tmp, "/root/.bash_history", "is an absolute path")


@case
def evidence_through_a_symlinked_folder(tmp: Path) -> Expect:
    (tmp / "evidence").symlink_to("/etc", target_is_directory=True)
    return _evidence(tmp, "evidence/passwd", "evidence file 'evidence/passwd' lies outside the submission's folder")


@case
def evidence_symlink_loop(tmp: Path) -> Expect:
    (tmp / "loop-a.pdf").symlink_to(tmp / "loop-b.pdf")
    (tmp / "loop-b.pdf").symlink_to(tmp / "loop-a.pdf")
    return _evidence(tmp, "loop-a.pdf", "evidence file 'loop-a.pdf' not found next to the submission")


@case
def evidence_missing(tmp: Path) -> Expect:
    return _evidence(tmp, "evidence/policy-2026.pdf",
                     "'evidence/policy-2026.pdf' not found next to the submission and no sha256 recorded")


@case
def evidence_is_a_folder(tmp: Path) -> Expect:
    (tmp / "evidence").mkdir()
    return _evidence(tmp, "evidence", "evidence file 'evidence' not found")


@case
def evidence_name_with_nul(tmp: Path) -> Expect:
    return _evidence(tmp, '"policy\\0.pdf"', "evidence file name contains a NUL character")


@case
def evidence_name_too_long(tmp: Path) -> Expect:
    return _evidence(tmp, "a" * 5000, "not found next to the submission")


@case
def evidence_url_as_file(tmp: Path) -> Expect:
    return _evidence(tmp, '"file:///etc/passwd"', "evidence file 'file:///etc/passwd' not found")


# --- checklists -----------------------------------------------------------------------------------------

@case
def unknown_checklist_id(tmp: Path) -> Expect:
    path = variant(tmp, "checklist: mini-check", "checklist: mss-it-resilence")
    return expect(path, "checklist: mss", "unknown checklist mss-it-resilence version 1.0 (known checklists:")


@case
def unknown_checklist_version(tmp: Path) -> Expect:
    path = variant(tmp, 'checklist_version: "1.0"', 'checklist_version: "2027.1"')
    return expect(path, "checklist_version", "unknown checklist mini-check version 2027.1 (known versions: 1.0)")


@case
def checklist_version_as_a_number(tmp: Path) -> Expect:
    path = variant(tmp, 'checklist_version: "1.0"', "checklist_version: 1.0")
    return expect(path, "checklist_version", "checklist_version (quoted, e.g. checklist_version: \"2026.1\")")


def _broken_checklist(tmp: Path, old: str, new: str, needle: str, words: str) -> Expect:
    assert old in CHECKLIST, old
    checklist = tmp / "broken-checklist.yaml"
    checklist.write_text(CHECKLIST.replace(old, new, 1), encoding="utf-8")
    shutil.copy(DATA / "mini-valid.yaml", tmp / "sub.yaml")
    return Expect(["--checklist", str(checklist), str(tmp / "sub.yaml")], checklist, line_of(checklist, needle), words)


@case
def checklist_with_a_syntax_error(tmp: Path) -> Expect:
    return _broken_checklist(tmp, "severity: high", "severity: [high", "scope: institution",
                             "YAML syntax error")


@case
def checklist_with_a_schema_error(tmp: Path) -> Expect:
    return _broken_checklist(tmp, "scope: institution", "scope: everywhere", "scope: everywhere", "'scope' is 'everywhere'")


@case
def checklist_with_duplicate_item_ids(tmp: Path) -> Expect:
    path = _broken_checklist(tmp, "- id: BKP-04", "- id: BKP-08", "title: {ko: 백업 사본 수", "item id BKP-08 is used twice")
    path.line -= 1  # the second "- id: BKP-08", on the line above the title
    return path


@case
def checklist_with_duplicate_keys(tmp: Path) -> Expect:
    return _broken_checklist(tmp, "severity: high", "severity: high\n        severity: low", "severity: low",
                             "duplicate key 'severity'")


@case
def checklist_with_a_tag(tmp: Path) -> Expect:
    return _broken_checklist(tmp, "severity: high", "severity: !!python/name:os.system high", "python/name", "is not allowed")


@case
def checklist_that_is_a_submission(tmp: Path) -> Expect:
    checklist = tmp / "wrong.yaml"
    shutil.copy(DATA / "mini-valid.yaml", checklist)
    shutil.copy(DATA / "mini-valid.yaml", tmp / "sub.yaml")
    return Expect(["--checklist", str(checklist), str(tmp / "sub.yaml")], checklist, 1, "unknown key")


@case
def checklist_file_missing(tmp: Path) -> Expect:
    shutil.copy(DATA / "mini-valid.yaml", tmp / "sub.yaml")
    return Expect(["--checklist", str(tmp / "nope.yaml"), str(tmp / "sub.yaml")], tmp / "nope.yaml", 1, "cannot read file")


# --- the test -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input(name: str, tmp_path: Path) -> None:
    expected = CASES[name](tmp_path)
    started = time.monotonic()
    result = run("validate", *expected.args)
    elapsed = time.monotonic() - started
    output = result.output
    assert "Traceback" not in output and "internal error" not in output, output[:2000]
    assert result.exit_code == expected.status, output[:2000]
    assert expected.words in output, output[:2000]
    if expected.status:
        assert f"{expected.where}:{expected.line}:" in output, output[:2000]
        assert not any(len(line) > 2000 for line in output.splitlines()), "a message quotes a huge value in full"
    assert not (tmp_path / MARKER).exists(), "a YAML tag was constructed"
    assert elapsed < 20, f"{name} took {elapsed:.1f} s"


def test_the_docstring_counts_the_cases() -> None:
    assert f"tries {len(CASES)} hostile inputs" in (__doc__ or "")


def test_alias_bomb_is_refused_before_anything_expands(tmp_path: Path) -> None:
    from auditkit.loader import load_text

    for size in (9, 30):  # a bomb that would expand to 9**30 items is refused like a small one
        text = "a: &a [" + ", ".join(["lol"] * size) + "]\n" + "".join(
            f"{c}: &{c} [{', '.join(['*' + p] * size)}]\n" for p, c in zip("abcdefghijklmn", "bcdefghijklmno", strict=True))
        with pytest.raises(Exception) as info:
            load_text("bomb.yaml", text)
        assert "aliases (*a) are not allowed" in str(info.value)



OTHER_COMMANDS: dict[str, tuple[list[str], Callable[[str, Path], list[Any]]]] = {  # words, then arguments
    "status": (["status"], lambda sub, out: [sub]),
    "report-json": (["report", "--format", "json"], lambda sub, out: [sub, "-o", out / "r.json"]),
    "report-draft-html": (["report", "--draft", "--format", "html"], lambda sub, out: [sub, "-o", out / "r.html"]),
    "rollup-csv": (["rollup", "--format", "csv"], lambda sub, out: [sub, "-o", out / "r.csv"]),
    "diff-as-old": (["diff"], lambda sub, out: [sub, DATA / "mini-valid.yaml"]),
    "diff-as-new": (["diff"], lambda sub, out: [DATA / "mini-valid.yaml", sub]),
    "init-from": (["init", "mini-check", "--institution", "TEST"], lambda sub, out: ["--from", sub, "-o", out / "new.yaml"]),
}


@pytest.mark.parametrize("command", sorted(OTHER_COMMANDS))
def test_every_reading_command_answers_every_hostile_input(command: str, tmp_path: Path) -> None:
    """status, report, rollup, diff and init --from read submissions too: no traceback, exit 0 or 1."""
    words, arguments = OTHER_COMMANDS[command]
    for number, name in enumerate(sorted(CASES)):
        folder = tmp_path / str(number)
        folder.mkdir()
        expected = CASES[name](folder)
        *checklists, submission = expected.args
        result = run(*words, *checklists, *arguments(submission, folder))
        assert "Traceback" not in result.output and "internal error" not in result.output, (name, result.output[-2000:])
        assert result.exit_code in (0, 1), (name, result.exit_code, result.output[-2000:])
        assert not (folder / MARKER).exists(), name
