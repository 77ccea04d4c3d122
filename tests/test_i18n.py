"""Korean first: every message exists in Korean and English, chosen by --lang, AUDITKIT_LANG or the locale."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT, run

from auditkit.clickutil import scan_language
from auditkit.i18n import default_language


def test_catalogue_is_complete_and_compiled() -> None:
    """Every message (auditkit's, the help of every command and option, click's own) has its Korean, with the
    same placeholders, and the shipped .mo is the .po compiled: tools/i18n.py --check says so."""
    result = subprocess.run([sys.executable, "tools/i18n.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, "en"),
    ({"LANG": "ko_KR.UTF-8"}, "ko"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "ko_KR.UTF-8"}, "ko"),
    ({"LANG": "ko_KR.UTF-8", "LC_ALL": "C"}, "en"),
    ({"LANG": "ko_KR.UTF-8", "AUDITKIT_LANG": "en"}, "en"),
    ({"LANG": "C", "AUDITKIT_LANG": "ko"}, "ko"),
])
def test_default_language_follows_auditkit_lang_then_the_locale(environ: dict[str, str], expected: str) -> None:
    assert default_language(environ) == expected


def test_lang_is_read_before_click_parses() -> None:
    assert scan_language(["validate", "--lang", "ko", "x.yaml"]) == "ko"
    assert scan_language(["--lang=en", "validate"]) == "en"
    assert scan_language(["validate", "--", "--lang", "ko"]) is None
    assert scan_language(["validate", "--lang", "fr"]) is None


def _auditkit(*args: str, **environ: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("AUDITKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    return subprocess.run([sys.executable, "-m", "auditkit", *args], capture_output=True, text=True,
                          env=env | environ, cwd=ROOT)


def test_korean_locale_gives_korean_help_and_usage_errors() -> None:
    shown = _auditkit("validate", "--help", LANG="ko_KR.UTF-8")
    assert shown.returncode == 0
    assert "사용법:" in shown.stdout and "오류만 출력하고 경고는 출력하지 않습니다." in shown.stdout
    assert "이 도움말을 보여 주고 끝냅니다." in shown.stdout
    wrong = _auditkit("validate", "--format", "xml", "x.yaml", LANG="ko_KR.UTF-8")
    assert wrong.returncode == 2
    assert "오류: '--format'의 값이 올바르지 않습니다" in wrong.stderr


def test_lang_option_overrides_the_locale_on_every_command() -> None:
    from auditkit.cli import main

    for name, command in main.commands.items():
        assert any("--lang" in getattr(p, "opts", ()) for p in command.params), f"{name} has no --lang"
    english = _auditkit("status", "--lang", "en", "--help", LANG="ko_KR.UTF-8")
    assert "Usage:" in english.stdout and "사용법" not in english.stdout
    korean = _auditkit("checklists", "--lang", "ko", AUDITKIT_LANG="en")
    assert korean.returncode == 0 and "개 항목" in korean.stdout


def test_in_process_runs_switch_language_both_ways() -> None:
    assert "사용법:" in run("schema", "--lang", "ko", "--help").output
    english = run("schema", "--lang", "en", "--help").output
    assert "Usage:" in english and "Show this message and exit." in english
