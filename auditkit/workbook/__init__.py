"""The workbook (.xlsx) form of a submission: export, import, and reading a workbook wherever a submission is read.

openpyxl is imported only inside the functions that need it, so `auditkit --help` and validating YAML never load it.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..errors import Problem
from . import layout as L


def load_workbook_file(path: str) -> Any:  # a loader.Document (read.py imports openpyxl when called)
    from .read import load_workbook_file as load

    return load(path)


def locate(places: dict[Any, tuple[str, int, int]], problems: list[Problem]) -> list[Problem]:
    """Each problem with the sheet and cell of its pointer (or of the nearest place above it that has one), sorted
    in the order of the sheets, then by row and column."""
    if not problems:
        return problems
    from ..loader import pointer

    cells = {pointer(path): place for path, place in places.items()}  # only when there is something to place
    order = {sheet: n for n, sheet in enumerate(dict.fromkeys(sheet for sheet, _r, _c in cells.values()))}
    placed = [p if p.sheet is not None else _placed(cells, p) for p in problems]
    return sorted(placed, key=lambda p: (order.get(p.sheet or "", -1), p.line, p.column, p.level))


def _placed(cells: dict[str, tuple[str, int, int]], problem: Problem) -> Problem:
    at = problem.pointer
    while at not in cells and at:
        if at == "/answers" and problem.item and f"/answers/{problem.item}" in cells:
            at = f"/answers/{problem.item}"
            break
        at = at.rsplit("/", 1)[0]
    if at not in cells:
        return problem
    sheet, row, column = cells[at]
    return replace(problem, line=row, column=column, sheet=sheet, cell=L.cell_name(row, column))
