"""The mistakes people really make (issue 12, section 4): each has its own code, its line and column, and a fix."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI, edit, run

from auditkit import mistakes

# (case, text in mini-valid.yaml, what a person types instead, code, the text at the reported place (a value's key,
# or the character typed), the fix)
CASES = [
    ("fullwidth-space-after-key", "prepared_by: kim", "prepared_by:\u3000kim", "fullwidth-space", "\u3000kim",
     "full-width space (U+3000) after 'prepared_by': YAML needs an ordinary colon and an ordinary space; write 'prepared_by: '"),
    ("fullwidth-space-for-colon", "prepared_by: kim", "prepared_by\u3000kim", "fullwidth-space", "\u3000kim",
     "write 'prepared_by: '"),
    ("fullwidth-space-indent", "    status: compliant\n    owner: kim", "    status: compliant\n\u3000\u3000owner: kim",
     "fullwidth-space", "\u3000\u3000owner", "full-width space (U+3000) in the indentation: YAML indents with ordinary spaces"),
    ("fullwidth-space-indent-top", "  lee: {name: 이정훈}", "\u3000 lee: {name: 이정훈}", "fullwidth-space", "\u3000 lee",
     "full-width space (U+3000) in the indentation"),
    ("fullwidth-colon", "prepared_by: kim", "prepared_by\uff1a kim", "fullwidth-colon", "\uff1a kim",
     "full-width colon '：' (U+FF1A) after 'prepared_by': YAML needs an ordinary colon and a space; write 'prepared_by: '"),
    ("fullwidth-colon-item", "  BKP-01:\n", "  BKP-01\uff1a\n", "fullwidth-colon", "\uff1a\n", "write 'BKP-01: '"),
    ("fullwidth-colon-flow", "kim: {name: 김민수", "kim: {name\uff1a 김민수", "fullwidth-colon", "\uff1a 김민수",
     "full-width colon '：' (U+FF1A) after 'name'"),
    ("date-dots", "as_of: 2026-10-15", "as_of: 2026.10.15", "date-format", "as_of: 2026.10.15",
     "'as_of' '2026.10.15' is not written as YYYY-MM-DD: write 2026-10-15"),
    ("date-slashes", "HQ: {value: 2026-10-01}", "HQ: {value: 2026/10/01}", "date-format", "value: 2026/10/01",
     "BAT-06 / HQ: 'value' '2026/10/01' is not written as YYYY-MM-DD: write 2026-10-01"),
    ("date-spaced-dots", "HQ: {value: 2026-10-01}", "HQ: {value: 2026. 10. 1.}", "date-format", "value: 2026. 10. 1.",
     "write 2026-10-01"),
    ("date-two-digit-year", "due: 2026-11-30", "due: 26-11-30", "date-format", "due: 26-11-30",
     "ACC-05: 'due' '26-11-30' is not written as YYYY-MM-DD: write 2026-11-30"),
    ("date-korean-words", "HQ: {value: 2026-10-01}", "HQ: {value: 2026년 10월 1일}", "date-format", "value: 2026년",
     "write 2026-10-01"),
    ("date-digits", "as_of: 2026-10-15", "as_of: 20261015", "date-format", "as_of: 20261015", "write 2026-10-15"),
    ("item-id-zero", "  BKP-04:", "  BKP-4:", "item-id-format", "BKP-4:",
     "item id 'BKP-4' is written another way: write BKP-04"),
    ("item-id-case", "  BKP-04:", "  bkp-04:", "item-id-format", "bkp-04:", "write BKP-04"),
    ("status-korean", "    status: compliant\n    owner: kim", "    status: 적합\n    owner: kim", "status-korean", "status: 적합",
     "BKP-01: status '적합' is a Korean word: write compliant (적합)"),
    ("status-korean-partial", "    status: partial\n", "    status: 부분 적합\n", "status-korean", "status: 부분 적합",
     "ACC-05: status '부분 적합' is a Korean word: write partial (부분 적합)"),
    ("status-korean-old-word", "    status: partial\n", "    status: 부분 이행\n", "status-korean", "status: 부분 이행",
     "write partial (부분 적합)"),
]


def _place(path: Path, needle: str) -> tuple[int, int]:
    """1-based line and column of the first occurrence of needle in the file."""
    text = path.read_text(encoding="utf-8")
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_mistake_has_its_code_place_and_fix(case: tuple[str, ...], mini_valid: Path) -> None:
    _, old, new, code, at, fix = case
    edit(mini_valid, old, new)
    result = run("validate", "--format", "json", "--checklist", MINI, mini_valid)
    assert result.exit_code == 1, result.output
    errors = json.loads(result.output)["files"][0]["errors"]
    assert [e["code"] for e in errors] == [code], errors  # one error: no second, false one for the same mistake
    line, column = _place(mini_valid, at)
    assert (errors[0]["line"], errors[0]["column"]) == (line, column)
    assert fix in errors[0]["message"]
    text = run("validate", "--checklist", MINI, mini_valid).output
    assert f"{mini_valid}:{line}:{column}: [error] " in text and fix in text


def test_id_without_leading_zero_is_one_error_that_names_the_item(mini_valid: Path) -> None:
    edit(mini_valid, "  BKP-04:", "  BKP-4:")
    errors = json.loads(run("validate", "--format", "json", "--checklist", MINI, mini_valid).output)["files"][0]["errors"]
    assert [(e["code"], e["item"]) for e in errors] == [("item-id-format", "BKP-04")]  # and no "BKP-04 is not answered"


def test_a_full_width_space_inside_text_is_not_a_mistake(mini_valid: Path) -> None:
    edit(mini_valid, "prepared_by: kim", "prepared_by: kim\nclassification: 대외비\u3000등급\uff1a2\ncomment_x: 1")
    edit(mini_valid, "comment_x: 1", "x-note: \"a\u3000b\"")
    result = run("validate", "--checklist", MINI, mini_valid)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("typed", "iso"), [
    ("2026.10.04", "2026-10-04"), ("2026/10/04", "2026-10-04"), ("2026. 10. 4.", "2026-10-04"), ("26-10-04", "2026-10-04"),
    ("2026-10-4", "2026-10-04"), ("2026년 10월 4일", "2026-10-04"), (20261004, "2026-10-04"), ("2026.1.5", "2026-01-05"),
    ("２０２６-１０-０４", "2026-10-04"),
])
def test_korean_date_styles_are_read(typed: object, iso: str) -> None:
    assert mistakes.korean_date(typed) == iso


@pytest.mark.parametrize("typed", ["2026-10-04", "2026.02.30", "2026.10", "2026/10-04", "10/04/2026", "오늘", 2026, True, None])
def test_other_values_are_not_taken_for_dates(typed: object) -> None:
    assert mistakes.korean_date(typed) is None


def test_suggestions_prefer_the_normalised_id() -> None:
    known = ["RED-01", "RED-05", "RED-15", "BAT-03"]
    assert mistakes.suggest("RED-5", known) == "RED-05"  # difflib alone says RED-15
    assert mistakes.suggest("red_05", known) == "RED-05"
    assert mistakes.suggest("RED－5", known) == "RED-05"
    assert mistakes.suggest("RED-55", known) in ("RED-05", "RED-15")  # no normalised id: the closest one
    assert mistakes.normalised_id("RED-05", known) is None
    assert mistakes.suggest("kibo-core", ["KIBO-CORE", "KIBO-WEB"]) == "KIBO-CORE"


@pytest.mark.parametrize(("word", "status"), [
    ("적합", "compliant"), ("부분 적합", "partial"), ("부분적합", "partial"), ("부적합", "non_compliant"),
    ("미흡", "non_compliant"), ("해당 없음", "not_applicable"), ("해당없음", "not_applicable"), ("compliant", None),
])
def test_status_words(word: str, status: str | None) -> None:
    assert mistakes.status_word(word) == status



# --- the same mistakes through the real command line: the locale, --lang and JSON ---------------------------------

# per case: a piece of the Korean message (the fix), which must replace the English one under a Korean locale
KOREAN_FIX = {
    "fullwidth-space-after-key": "'prepared_by' 뒤의 전각 공백(U+3000): YAML에는 영문 쌍점(:)과 영문 공백이 필요합니다. 이렇게 쓰세요: 'prepared_by: '",
    "fullwidth-space-for-colon": "이렇게 쓰세요: 'prepared_by: '",
    "fullwidth-space-indent": "들여쓰기에 전각 공백(U+3000)이 있습니다",
    "fullwidth-space-indent-top": "지우고 영문 공백으로 들여쓰세요",
    "fullwidth-colon": "'prepared_by' 뒤의 전각 쌍점 '：'(U+FF1A): YAML에는 영문 쌍점(:)과 공백이 필요합니다. 이렇게 쓰세요: 'prepared_by: '",
    "fullwidth-colon-item": "이렇게 쓰세요: 'BKP-01: '",
    "fullwidth-colon-flow": "'name' 뒤의 전각 쌍점",
    "date-dots": "'as_of' '2026.10.15': YYYY-MM-DD 형식이 아닙니다. 이렇게 쓰세요: 2026-10-15",
    "date-slashes": "이렇게 쓰세요: 2026-10-01",
    "date-spaced-dots": "이렇게 쓰세요: 2026-10-01",
    "date-two-digit-year": "ACC-05: 'due' '26-11-30': YYYY-MM-DD 형식이 아닙니다. 이렇게 쓰세요: 2026-11-30",
    "date-korean-words": "이렇게 쓰세요: 2026-10-01",
    "date-digits": "이렇게 쓰세요: 2026-10-15",
    "item-id-zero": "항목 ID 'BKP-4': 점검표와 다르게 썼습니다. 이렇게 쓰세요: BKP-04",
    "item-id-case": "이렇게 쓰세요: BKP-04",
    "status-korean": "BKP-01: 상태 '적합': 한국어 낱말은 쓸 수 없습니다. 이렇게 쓰세요: compliant(적합)",
    "status-korean-partial": "이렇게 쓰세요: partial(부분 적합)",
    "status-korean-old-word": "상태 '부분 이행': 한국어 낱말은 쓸 수 없습니다. 이렇게 쓰세요: partial(부분 적합)",
}


def _auditkit(*args: str, **environ: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("AUDITKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    return subprocess.run([sys.executable, "-m", "auditkit", *args], capture_output=True, text=True, env=env | environ)


@pytest.fixture(scope="module")
def mistaken(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One file per mistake, in one folder, so that one run of the command line checks them all."""
    folder = tmp_path_factory.mktemp("mistakes")
    valid = (Path(MINI).parent / "mini-valid.yaml").read_text(encoding="utf-8")
    files = {}
    for name, old, new, *_rest in CASES:
        files[name] = folder / f"{name}.yaml"
        files[name].write_text(valid.replace(old, new, 1), encoding="utf-8")
    return files


def test_korean_locale_gives_korean_messages_with_place_code_and_fix(mistaken: dict[str, Path]) -> None:
    shown = _auditkit("validate", "--quiet", "--checklist", MINI, str(next(iter(mistaken.values())).parent),
                      LANG="ko_KR.UTF-8")
    assert shown.returncode == 1, shown.stderr
    lines = shown.stdout.splitlines()
    for name, _old, _new, code, at, fix in CASES:
        line, column = _place(mistaken[name], at)
        found = [text for text in lines if text.startswith(f"{mistaken[name]}:{line}:{column}: ")]
        assert len(found) == 1, (name, shown.stdout)
        assert KOREAN_FIX[name] in found[0] and code in found[0], (name, found[0])
        assert fix not in found[0], (name, found[0])  # Korean, not English


def test_lang_en_gives_english_under_a_korean_locale(mistaken: dict[str, Path]) -> None:
    shown = _auditkit("validate", "--lang", "en", "--quiet", "--checklist", MINI, str(next(iter(mistaken.values())).parent),
                      LANG="ko_KR.UTF-8")
    assert shown.returncode == 1, shown.stderr
    for name, _old, _new, code, at, fix in CASES:
        line, column = _place(mistaken[name], at)
        found = [text for text in shown.stdout.splitlines() if text.startswith(f"{mistaken[name]}:{line}:{column}: ")]
        assert len(found) == 1 and fix in found[0] and code in found[0], (name, shown.stdout)


def test_json_carries_the_code_in_either_language(mistaken: dict[str, Path]) -> None:
    shown = _auditkit("validate", "--format", "json", "--checklist", MINI, *map(str, mistaken.values()), LANG="ko_KR.UTF-8")
    files = {entry["path"]: entry for entry in json.loads(shown.stdout)["files"]}
    for name, _old, _new, code, _at, _fix in CASES:
        errors = files[str(mistaken[name])]["errors"]
        assert [e["code"] for e in errors] == [code] and KOREAN_FIX[name] in errors[0]["message"], (name, errors)
