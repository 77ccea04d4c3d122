"""The loader's messages (a file that is not readable YAML) in Korean with --lang ko, in English with --lang en:
the same code, line and column either way."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run

CASES = [  # (file bytes, code, Korean, English)
    (b"a:\n  b: 1\n c: 2\n", "syntax",
     "3:2: [error] YAML 문법 오류: 있어야 할 키를 찾지 못함 (1행에서 시작한 매핑을 읽던 중); 들여쓰기를 확인하십시오",
     "3:2: [error] YAML syntax error: did not find expected key (while parsing a block mapping that starts at line 1); "
     "check the indentation"),
    (b"a:\n\t- b\n", "syntax", "YAML 문법 오류: 값이나 키를 시작할 수 없는 문자가 있음 (다음 값을 찾던 중); 들여쓰기는 탭이 아닌 공백으로",
     "YAML syntax error: found character that cannot start any token (while scanning for the next token); indent with spaces"),
    (b"a: b: c\n", "syntax", "이 위치에는 키: 값을 쓸 수 없음; ': '가 들어 있는 값은 따옴표로 감싸야 합니다",
     "mapping values are not allowed in this context; a value containing ': ' must be quoted"),
    (b"a: 1\nb: *x\n", "alias", "2:4: [error] auditkit 파일에서는 별칭(*x)을 쓸 수 없습니다", "aliases (*x) are not allowed"),
    (b"a: !!python/object x\n", "tag", "YAML 태그 'tag:yaml.org,2002:python/object'는 쓸 수 없습니다",
     "YAML tag 'tag:yaml.org,2002:python/object' is not allowed"),
    (b"a: 1\n---\nb: 2\n", "multiple-documents", "파일 하나에는 YAML 문서 하나만 씁니다", "a file holds one YAML document"),
    (b"a: 1\nb: 2\na: 3\n", "duplicate-key", "3:1: [error] 키 'a'가 중복됩니다(처음 나온 곳: 1행)",
     "3:1: [error] duplicate key 'a' (first at line 1)"),
    (b"a: \x07\n", "control-character", "문자 U+0007(제어 문자)는 YAML 파일에 쓸 수 없습니다",
     "character U+0007 is not allowed in a YAML file"),
    (b"a: 1\xe2\x80\xa8b: 2\n", "line-separator", "문자 U+2028는 YAML에서는 줄바꿈이지만", "character U+2028 is a line break to YAML"),
    (b"", "empty", "파일이 비어 있습니다", "file is empty"),
    (b"a: 1\x00\n", "binary", "파일에 NUL 바이트가 있습니다", "file contains NUL bytes"),
    ("기관: 한국".encode("cp949"), "encoding", "파일이 올바른 UTF-8이 아닙니다(바이트 0xb1). CP949/EUC-KR(한글 윈도우 인코딩)로 보입니다",
     "file is not valid UTF-8 (byte 0xb1); it looks like CP949/EUC-KR"),
    ("a: 1\n".encode("utf-16"), "encoding", "파일이 UTF-16 텍스트입니다(메모장과 엑셀에서는 '유니코드'라고 부릅니다)",
     "file is UTF-16 text (Notepad and Excel call it 'Unicode')"),
    (b"[" * 70 + b"]" * 70, "too-deep", "중첩이 64단계보다 깊습니다", "nesting deeper than 64 levels"),
]


@pytest.mark.parametrize(("content", "code", "korean", "english"), CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_loader_messages_in_both_languages(tmp_path: Path, content: bytes, code: str, korean: str, english: str) -> None:
    path = tmp_path / "sub.yaml"
    path.write_bytes(content)
    ko = run("validate", "--lang", "ko", path)
    en = run("validate", "--lang", "en", path)
    assert ko.exit_code == en.exit_code == 1
    assert korean in ko.stdout and f"({code})" in ko.stdout, ko.stdout
    assert english not in ko.stdout
    assert english in en.stdout and f"({code})" in en.stdout, en.stdout


def test_a_folder_is_not_a_file_in_korean(tmp_path: Path) -> None:
    from auditkit.errors import InputError
    from auditkit.i18n import using
    from auditkit.loader import load_file

    with using("ko"), pytest.raises(InputError) as caught:
        load_file(tmp_path)
    assert caught.value.problem.code == "unreadable" and "파일" in caught.value.problem.message


def test_status_of_an_unreadable_file_says_why_in_korean(tmp_path: Path) -> None:
    path = tmp_path / "sub.yaml"
    path.write_bytes(b"a:\n  b: 1\n c: 2\n")
    result = run("status", "--lang", "ko", path)
    assert result.exit_code == 1
    assert f"오류: {path}을(를) 제출 자료로 읽을 수 없습니다: YAML 문법 오류: 있어야 할 키를 찾지 못함" in result.stderr
    assert f"({path}:3)" in result.stderr


def test_a_missing_file_says_why_in_the_run_language(tmp_path: Path) -> None:
    missing = tmp_path / "none.yaml"
    assert "파일을 읽을 수 없습니다: 그런 파일이나 폴더가 없습니다 (unreadable)" in run("validate", "--lang", "ko", missing).stdout
    assert "cannot read file: no such file or folder (unreadable)" in run("validate", "--lang", "en", missing).stdout


def test_status_of_a_folder_is_an_error_not_a_crash(tmp_path: Path) -> None:
    result = run("status", "--lang", "ko", tmp_path)
    assert result.exit_code == 1 and "파일이 아니라 폴더입니다" in result.stderr and "internal error" not in result.output
