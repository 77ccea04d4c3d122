"""docs/ (issue 12, section 5): every example of the user's guide, in both languages, is run or validated.

An example is the fenced block after a marker comment:
  <!-- test: run [FOLDER] -->          a sh block: each line runs in a copy of examples/ (or its FOLDER) and exits 0,
                                       or N when the line ends with a comment saying `exit N`
  <!-- test: fragment FILE -->         a yaml block merged into FILE of examples/: the result validates
  <!-- test: error CODE [FILE] -->     a yaml block merged into FILE gives an error CODE; without FILE, the block
                                       alone cannot be loaded and says CODE
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from auditkit.checklists import load_catalog
from auditkit.errors import InputError
from auditkit.loader import load_file, load_text
from auditkit.validate import validate_file
from conftest import ROOT

DOCS = ROOT / "docs"
GUIDES = [DOCS / "guide.ko.md", DOCS / "guide.en.md"]
_EXAMPLE = re.compile(r"<!-- test: (\w+)([^>]*?)-->\n```(\w+)\n(.*?)\n```", re.S)
_ANSWER_KEYS = {"status", "value"}


def _examples() -> list[Any]:
    found = []
    for guide in GUIDES:
        text = guide.read_text(encoding="utf-8")
        for number, match in enumerate(_EXAMPLE.finditer(text), 1):
            kind, args, language, body = match.group(1), match.group(2).split(), match.group(3), match.group(4)
            line = text.count("\n", 0, match.start()) + 1
            found.append(pytest.param(kind, args, language, body, id=f"{guide.name}:{line}:{kind}"))
    return found


EXAMPLES = _examples()


def test_every_guide_has_examples_of_each_kind() -> None:
    for guide in GUIDES:
        kinds = {p.values[0] for p in EXAMPLES if p.id.startswith(guide.name)}
        assert kinds == {"run", "fragment", "error"}, (guide, kinds)


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("*.py"))
    return tmp_path / "examples"


def _merge(base: Any, fragment: Any) -> Any:
    """The fragment's values over the base's; an answer (a mapping with a status or value) replaces the base's whole."""
    if not isinstance(base, dict) or not isinstance(fragment, dict) or _ANSWER_KEYS & set(fragment):
        return fragment
    merged = dict(base)
    for key, value in fragment.items():
        merged[key] = _merge(base.get(key), value)
    return merged


def _merged(samples: Path, name: str, body: str) -> Path:
    base = load_file(samples / name).data
    target = (samples / name).with_name("guide-example.yaml")
    target.write_text(json.dumps(_merge(base, load_text("example", body).data), ensure_ascii=False), encoding="utf-8")
    return target


@pytest.mark.parametrize(("kind", "args", "language", "body"), EXAMPLES)
def test_guide_example(kind: str, args: list[str], language: str, body: str, samples: Path) -> None:
    if kind == "run":
        assert language == "sh"
        _run(body, samples / (args[0] if args else ""))
    elif kind == "fragment":
        result = validate_file(str(_merged(samples, args[0], body)), load_catalog())
        assert result.errors == [], [str(p) for p in result.errors]
    elif kind == "error" and len(args) > 1:
        result = validate_file(str(_merged(samples, args[1], body)), load_catalog())
        assert [p.code for p in result.errors] == [args[0]], [str(p) for p in result.errors]
    else:
        assert kind == "error", kind
        with pytest.raises(InputError) as caught:
            load_text("example.yaml", body)
        assert caught.value.problem.code == args[0]


def _run(body: str, folder: Path) -> None:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    for line in body.splitlines():
        command, _sep, comment = line.partition("  #")
        expected = re.search(r"exit (\d+)", comment)
        done = subprocess.run(command, shell=True, cwd=folder, env=env, capture_output=True, text=True)
        assert done.returncode == (int(expected.group(1)) if expected else 0), (command, done.stdout, done.stderr)


# --- the generated pages ------------------------------------------------------------------------------------------

def test_generated_pages_are_what_the_code_generates() -> None:
    from auditkit.reference import pages

    for name, text in pages().items():
        page = DOCS / name
        assert page.is_file() and page.read_text(encoding="utf-8") == text, f"docs/{name} is stale: run ./dev.sh docs"


def test_the_format_reference_cannot_leave_a_field_out(monkeypatch: pytest.MonkeyPatch) -> None:
    from auditkit import reference

    monkeypatch.setitem(reference.MEANINGS, "site", {k: v for k, v in reference.MEANINGS["site"].items() if k != "battery"})
    with pytest.raises(ValueError, match="site fields"):
        reference.format_reference("en")


def test_the_format_reference_lists_the_vocabulary_in_both_languages() -> None:
    from auditkit import vocabulary
    from auditkit.reference import format_reference

    korean, english = format_reference("ko"), format_reference("en")
    for term in vocabulary.STATUS_TERMS + vocabulary.RATING_TERMS + vocabulary.SITE_KIND_TERMS:
        row = f"| `{term.code}` | {term.ko} | {term.en} |"
        assert row in korean and row in english, row
    assert "| `as_of` | 예 | 날짜 YYYY-MM-DD |" in korean and "| `as_of` | yes | date YYYY-MM-DD |" in english


def test_the_code_refers_to_the_docs_that_exist() -> None:
    named = set()
    for path in (ROOT / "auditkit").rglob("*"):
        if path.suffix in (".py", ".json", ".yaml") and path.is_file():
            text = path.read_text(encoding="utf-8")
            assert "FORMAT.md" not in text and "CLI.md" not in text, path
            named |= set(re.findall(r"docs/([a-z]+\.(?:ko|en)\.md)", text))
    assert named and all((DOCS / name).is_file() for name in named), named


@pytest.mark.parametrize("guide", GUIDES, ids=[g.name for g in GUIDES])
def test_the_error_line_shown_in_the_guide_is_what_validate_prints(guide: Path, samples: Path) -> None:
    """Section 6 shows the line `validate` prints for a date written 2026.09.21 in kibo.yaml: it must be the real one."""
    shown = re.search(r"```text\n(kibo-2026\.yaml:\d+:\d+: .*)\n```", guide.read_text(encoding="utf-8"))
    assert shown is not None
    text = (samples / "2026" / "kibo.yaml").read_text(encoding="utf-8")
    assert "HQ-DC: {value: 2026-09-21" in text
    (samples / "2026" / "kibo-2026.yaml").write_text(text.replace("HQ-DC: {value: 2026-09-21", "HQ-DC: {value: 2026.09.21"),
                                                     encoding="utf-8")
    lang = guide.name.split(".")[1]
    done = subprocess.run([sys.executable, "-m", "auditkit", "validate", "--lang", lang, "kibo-2026.yaml"],
                          cwd=samples / "2026", capture_output=True, text=True)
    assert done.returncode == 1 and shown.group(1) in done.stdout.splitlines(), done.stdout
