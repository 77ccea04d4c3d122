from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from auditkit.cli import main

# Tests read English messages unless they ask for Korean (--lang ko, or AUDITKIT_LANG in a subprocess's environment),
# whatever the locale of the machine that runs them.
os.environ["AUDITKIT_LANG"] = "en"

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
MINI = str(DATA / "mini-1.0.yaml")


def run(*args: str) -> Result:
    """Run the CLI in-process, keeping stdout and stderr apart."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def mini_valid(tmp_path: Path) -> Path:
    """A copy of the valid mini submission in a folder of its own."""
    target = tmp_path / "sub.yaml"
    shutil.copy(DATA / "mini-valid.yaml", target)
    return target


def edit(path: Path, old: str, new: str) -> Path:
    """Replace text in a file, failing when the text is not there (so a test cannot silently pass)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    """1-based line number of the first line containing needle."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")
