"""STYLE.md rule 11: the package is ruff and mypy clean (the versions pyproject.toml pins)."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_ruff_finds_nothing() -> None:
    # Line length is left to review: messages are kept whole on one line so that grep finds them.
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--select", "F,I,B,UP,W", "auditkit", "benchmarks"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy", "auditkit"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
