"""The import graph points one way (STYLE.md): cli -> commands (report, rollup, progress, …) -> pipeline ->
validate / score / diff -> rules -> model -> verdict -> vocabulary -> i18n. No module imports one above it."""
from __future__ import annotations

import ast

from conftest import ROOT

# each module, with the modules it must never import (directly or inside a function)
LAYERS = [
    ("i18n", set()),
    ("vocabulary", {"i18n"}),
    ("verdict", {"i18n", "vocabulary"}),
    ("model", {"i18n", "vocabulary", "verdict"}),
    ("score", {"i18n", "vocabulary", "verdict", "model"}),
]
ABOVE_CORE = {"cli", "clickutil", "pipeline", "report", "rollup", "progress", "render", "report_view", "diff_output",
              "output", "skeleton", "verify", "sign"}  # workbook is a form of input: the loader reads it


def imports_of(module: str) -> set[str]:
    """The auditkit modules a module (file or package) imports, by their first name under auditkit."""
    path = ROOT / "auditkit" / f"{module}.py"
    files = [path] if path.exists() else sorted((ROOT / "auditkit" / module).rglob("*.py"))
    found: set[str] = set()
    for file in files:
        package = file.relative_to(ROOT / "auditkit").parts[:-1]
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = list(package)[: len(package) - node.level + 1] if node.level > 1 else list(package)
                parts = base + (node.module.split(".") if node.module else [])
                names = [parts[0]] if parts else [alias.name for alias in node.names]
                found.update(names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("auditkit."):
                found.add(node.module.split(".")[1])
    return found - {module}


def test_the_lower_layers_import_only_what_is_below_them() -> None:
    for module, allowed in LAYERS:
        extra = imports_of(module) - allowed
        assert not extra, f"auditkit/{module} imports {sorted(extra)}, which are not below it"


def test_core_modules_never_import_commands_or_output() -> None:
    for module in ("validate", "rules", "score", "diff", "schema", "loader", "checklists", "mistakes"):
        wrong = imports_of(module) & ABOVE_CORE
        assert not wrong, f"auditkit/{module} imports {sorted(wrong)}: the core must not reach up to commands or output"


def test_only_the_command_line_knows_click() -> None:
    for file in sorted((ROOT / "auditkit").rglob("*.py")):
        if file.stem in ("cli", "clickutil"):
            continue
        tree = ast.parse(file.read_text(encoding="utf-8"))
        names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert "click" not in names, f"{file.relative_to(ROOT)} imports click"
