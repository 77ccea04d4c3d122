"""Finding checklists: the bundled ones and those given with --checklist."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .errors import InputError, Problem, UnknownChecklist
from .i18n import _
from .loader import load_file
from .model import Checklist, build_checklist

PACKAGE = Path(__file__).resolve().parent


def asset_dir(name: str) -> Path:
    """A shipped asset folder: inside the installed package, else beside it in a checkout."""
    inside = PACKAGE / name
    return inside if inside.is_dir() else PACKAGE.parent / name


@cache
def checklist_schema() -> dict[str, Any]:
    """The JSON Schema of a checklist file: schemas/checklist.schema.json with the vocabulary's lists filled in."""
    return _with_vocabulary(json.loads((PACKAGE / "schemas" / "checklist.schema.json").read_text(encoding="utf-8")))


def _with_vocabulary(node: Any) -> Any:
    """Each {"x-vocabulary": NAME} becomes {"enum": [...]}, the list auditkit.vocabulary defines under NAME."""
    from . import vocabulary

    if isinstance(node, dict):
        if set(node) == {"x-vocabulary"}:
            name = node["x-vocabulary"]
            values = [str(g) for g in vocabulary.GRADES] if name == "GRADE_KEYS" else list(getattr(vocabulary, name))
            return {"enum": values}
        return {key: _with_vocabulary(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_with_vocabulary(value) for value in node]
    return node


class ChecklistError(InputError):
    """A checklist file that is broken; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0])
        self.problems = problems


def load_checklist(path: str | Path) -> Checklist:
    """Load and check one checklist file; raise ChecklistError listing what is wrong."""
    from .schema import schema_problems

    doc = load_file(path)
    problems = doc.problems + schema_problems(doc, "checklist-format", checklist_schema)
    checklist = build_checklist(doc.data if isinstance(doc.data, dict) else {}, str(path))
    problems += _consistency_problems(doc, checklist)
    if problems:
        raise ChecklistError(problems)
    return checklist


def _consistency_problems(doc: Any, checklist: Checklist) -> list[Problem]:
    """Rules of a checklist beyond its schema: unique ids, rules that fit their answer type."""
    problems = []
    seen: set[str] = set()
    for s_index, section in enumerate(checklist.sections):
        for i_index, item in enumerate(section.items):
            path = ("sections", s_index, "items", i_index)
            line, column = doc.where(path + ("id",))

            def add(code: str, message: str, at: tuple[int, int] = (line, column), ident: str = item.id) -> None:
                problems.append(Problem(doc.path, at[0], at[1], code, message, item=ident))
            if item.id in seen:
                add("duplicate-id", _("item id {id} is used twice; ids must be unique").format(id=item.id))
            seen.add(item.id)
            if not item.id.startswith(section.id + "-"):
                add("checklist-item-prefix", _("item {id} is in section {section}; its id should start with '{section}-'").format(
                    id=item.id, section=section.id))
            spec = item.answer
            if spec.computed and spec.pass_if is None and not spec.by_grade:
                add("checklist-rule-missing", _("a {type} item needs pass_if (or by_grade) to decide compliance").format(type=spec.type))
            if spec.type == "choice" and not spec.options:
                add("checklist-options-missing", _("a choice item needs options"))
            for rule in [spec.pass_if, *spec.by_grade.values()]:
                if rule and rule.within and not set(rule.within) <= set(spec.options):
                    extra = ", ".join(sorted(set(rule.within) - set(spec.options)))
                    add("checklist-rule-option", _("pass_if.in names values that are not options: {values}").format(values=extra))
            if spec.by_grade and item.scope != "system":
                add("checklist-by-grade-scope", _("by_grade only applies to system-scope items"))
    return problems


@dataclass
class Catalog:
    """Every checklist a command can use: bundled ones plus extra files."""

    checklists: dict[str, Checklist] = field(default_factory=dict)

    def add(self, checklist: Checklist) -> None:
        self.checklists[checklist.key] = checklist

    def find(self, checklist_id: str, version: str) -> Checklist | None:
        return self.checklists.get(f"{checklist_id}@{version}")

    def versions(self, checklist_id: str) -> list[Checklist]:
        found = [c for c in self.checklists.values() if c.id == checklist_id]
        return sorted(found, key=lambda c: _version_key(c.version))

    def resolve(self, spec: str) -> Checklist:
        """A checklist by path, `id@version` or `id` (its newest version)."""
        if spec.endswith((".yaml", ".yml")) or "/" in spec:
            checklist = load_checklist(spec)
            self.add(checklist)
            return checklist
        checklist_id, _at, version = spec.partition("@")
        if version:
            found = self.find(checklist_id, version)
        else:
            versions = self.versions(checklist_id)
            found = versions[-1] if versions else None
        if found is None:
            known = ", ".join(sorted(self.checklists)) or "none"
            raise UnknownChecklist(_("unknown checklist '{spec}' (known: {known}); give a path to a checklist file or use "
                                     "--checklist FILE").format(spec=spec, known=known))
        return found


def _version_key(version: str) -> tuple[Any, ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in version.replace("-", ".").split("."))


def bundled_paths() -> list[Path]:
    return sorted(asset_dir("checklists").glob("*.yaml"))


def load_catalog(extra: tuple[str, ...] | list[str] = ()) -> Catalog:
    """The bundled checklists plus the files given with --checklist."""
    catalog = Catalog()
    for bundled in bundled_paths():
        catalog.add(_bundled(str(bundled)))
    for path in extra:
        catalog.add(load_checklist(path))
    return catalog


@cache
def _bundled(path: str) -> Checklist:
    return load_checklist(path)
