"""`auditkit rules`: the catalogue as text, JSON or Markdown (docs/rules.*.md is this listing)."""
from __future__ import annotations

from ..i18n import _, using
from .catalogue import CATALOGUE, GROUPS, Code


def _both(code: Code) -> tuple[str, str]:
    with using("ko"):
        ko = code.text()
    with using("en"):
        en = code.text()
    return ko, en


def rules_listing(fmt: str) -> str:
    if fmt == "json":
        import json

        rows = []
        for code in CATALOGUE.values():
            ko, en = _both(code)
            rows.append({"code": code.code, "level": code.level, "group": code.group, "ko": ko, "en": en})
        return json.dumps({"codes": rows}, ensure_ascii=False, indent=1) + "\n"
    if fmt == "md":
        return _markdown()
    width = max(map(len, CATALOGUE)) + 2
    lines = []
    for group, title in GROUPS.items():
        lines.append(f"\n{_(title)}")
        for code in (c for c in CATALOGUE.values() if c.group == group):
            ko, en = _both(code)
            lines.append(f"  {code.code:<{width}}[{code.level}]  {ko}")
            lines.append(f"  {'':<{width}}{'':<{len(code.level) + 4}}{en}")
    return "\n".join(lines).lstrip("\n") + "\n"


def _markdown() -> str:
    lines = ["| code | level | 뜻 | meaning |", "| --- | --- | --- | --- |"]
    for group, title in GROUPS.items():
        with using("ko"):
            ko_title = _(title)
        lines.append(f"| **{ko_title} / {title}** | | | |")
        for code in (c for c in CATALOGUE.values() if c.group == group):
            ko, en = _both(code)
            lines.append(f"| `{code.code}` | {code.level} | {ko} | {en} |")
    return "\n".join(lines) + "\n"
