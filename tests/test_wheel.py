"""An installed wheel (not only an editable install) carries checklists, templates, fonts and the Korean catalogue."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT


def test_wheel_carries_its_assets_and_works_installed(tmp_path: Path) -> None:
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    wheel = next(tmp_path.glob("auditkit-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("auditkit/checklists/mss-it-resilience-2026.1.yaml", "auditkit/checklists/mss-it-resilience-2025.1.yaml",
                   "auditkit/templates/report.html", "auditkit/templates/fonts/NanumGothic.ttf",
                   "auditkit/templates/fonts/NanumGothicBold.ttf", "auditkit/templates/fonts/LICENSE-NanumGothic.txt",
                   "auditkit/schemas/checklist.schema.json", "auditkit/locale/ko/LC_MESSAGES/auditkit.mo"):
        assert needed in names, needed
    target = tmp_path / "site"
    installed = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                               capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import auditkit.checklists as c; "
            "print(c.asset_dir('templates')); from auditkit.cli import main; main(['checklists', '--lang', 'ko'])")
    result = subprocess.run([sys.executable, "-c", code, str(target)], capture_output=True, text=True, cwd=tmp_path)
    assert str(target) in result.stdout.splitlines()[0], result.stdout + result.stderr
    assert "mss-it-resilience\t2026.1" in result.stdout
    assert "개 항목" in result.stdout  # the Korean catalogue is read from the installed package
