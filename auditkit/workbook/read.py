"""Reading a workbook into the same Document the YAML loader gives: the data, and for every value the sheet and
cell it came from, so that every finding points to a cell.

Cells are read as values, never evaluated: a cell holding a formula (``=1+1``, ``=HYPERLINK(…)``) is an error
with its cell (``workbook-formula``), and its value is left out. Text that merely starts with ``=`` (written by
``export`` as text) is text.
"""
from __future__ import annotations

import io
import itertools
import json
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import ParseError

from ..errors import InputError, Problem
from ..i18n import _
from ..loader import Document, Path_
from . import layout as L
from .cells import cell_value, parse_evidence
from .safety import MAX_BYTES, check_archive, refuse
from .stream import Formula, Sheet, Unsupported, shared_strings

Cell = Any  # a cell's value as openpyxl reads it, or a Formula


class Book:
    """The sheets of an opened workbook, read row by row: openpyxl opens the package, stream.py reads the shared
    strings and the rows; a sheet (or a string table) stream.py cannot read exactly is read by openpyxl."""

    def __init__(self, path: str, raw: bytes) -> None:
        self.path, self.raw = path, raw
        self.fallbacks: list[str] = []  # sheets read by openpyxl ("*": the whole workbook), so tests can tell
        self.book: Any = None
        self.strings: list[str] | None
        import openpyxl.reader.excel  # noqa: F401 - here, so that a broken install is not reported as a broken file
        try:
            try:
                self.wb, self.strings = _opened(raw)
            except Unsupported as exc:
                self.fallbacks.append(f"*: {exc}")
                self.wb, self.strings = self.openpyxl(), None
        except Exception as exc:  # noqa: BLE001 - openpyxl raises anything from KeyError to TypeError on a damaged file
            _unreadable(path, exc)

    def names(self) -> list[str]:
        return list(self.wb.sheetnames)

    def rows(self, name: str) -> Iterator[list[Cell]]:
        try:
            yield from self.streamed(name)
        except ParseError as exc:  # broken XML in a sheet: openpyxl let this one through as a traceback
            _unreadable(self.path, f"{name}: {exc}")

    def streamed(self, name: str) -> Iterator[list[Cell]]:
        """The rows by stream.py; from the first row it cannot read exactly on, by openpyxl (the rows before are
        the same either way)."""
        from openpyxl.worksheet._read_only import ReadOnlyWorksheet

        ws, wb = self.wb[name], self.wb
        if self.strings is None or not isinstance(ws, ReadOnlyWorksheet):  # a chartsheet: openpyxl says what is wrong
            yield from self.openpyxl_rows(name)
            return
        sheet = Sheet(self.strings, wb._date_formats, wb._timedelta_formats, wb.epoch, ws.max_column, ws.max_row)
        given = 0
        try:
            with wb._archive.open(ws._worksheet_path) as source:
                for row in sheet.rows(source):
                    yield row
                    given += 1
        except Unsupported as exc:
            self.fallbacks.append(f"{name}: {exc}")
            yield from itertools.islice(self.openpyxl_rows(name), given, None)

    def openpyxl(self) -> Any:
        """The workbook opened by openpyxl alone (once), for what stream.py leaves to it."""
        from openpyxl import load_workbook

        if self.book is None:
            self.book = load_workbook(io.BytesIO(self.raw), read_only=True, data_only=False, keep_links=False)
        return self.book

    def openpyxl_rows(self, name: str) -> Iterator[list[Cell]]:
        for cells in self.openpyxl()[name].iter_rows():
            yield [_formula(c.value) if getattr(c, "data_type", None) == "f" else getattr(c, "value", None) for c in cells]


def _opened(raw: bytes) -> tuple[Any, list[str]]:
    """The package as openpyxl opens it read-only (workbook, sheets and their dimensions, the styles that are dates,
    the date system), without its reading of the shared strings; and those strings, read by stream.py."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.xml.constants import SHARED_STRINGS

    reader = ExcelReader(io.BytesIO(raw), read_only=True, keep_links=False)
    reader.read_manifest()
    part = reader.package.find(SHARED_STRINGS)
    if part is not None:
        with reader.archive.open(part.PartName[1:]) as source:
            reader.shared_strings = shared_strings(source)
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    reader.read_worksheets()
    return reader.wb, reader.shared_strings


def _formula(value: Any) -> Formula:
    """An array formula's text (openpyxl gives an object for it), any other formula as it is."""
    return Formula(getattr(value, "text", value))


def _unreadable(path: str, exc: BaseException | str) -> None:
    refuse(path, "workbook-corrupt", _("not a readable .xlsx workbook ({error}): open it in Excel or LibreOffice "
                                       "and save it again as .xlsx").format(error=" ".join(str(exc).split())[:120]))


class Reader:
    """Builds the submission data of a workbook, with positions and cells, collecting problems."""

    def __init__(self, path: str, book: Book) -> None:
        self.path, self.book = path, book
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.cells: dict[Path_, tuple[str, int, int]] = {}
        self.problems: list[Problem] = []
        self.meta: dict[str, Any] = {}

    def place(self, path: Path_, sheet: str, row: int, column: int) -> None:
        self.positions[path] = (row, column)
        self.cells[path] = (sheet, row, column)

    def problem(self, sheet: str, row: int, column: int, code: str, message: str) -> None:
        self.problems.append(Problem(self.path, row, column, code, message, sheet=sheet, cell=L.cell_name(row, column)))

    def value(self, value: Cell, sheet: str, row: int, column: int) -> Any:
        if type(value) is str:  # most cells: text (a Formula is a str too, but not of this type)
            return value if value and not value.isspace() else None
        if isinstance(value, Formula):
            self.problem(sheet, row, column, "workbook-formula", _(
                "cell holds a formula ({formula}); auditkit reads values, never formulas: type the value itself "
                "(or copy the cell and paste it as values)").format(formula=str(value)[:60]))
            return None
        return cell_value(value)

    # --- metadata and cover --------------------------------------------------------------------------------
    def read_meta(self) -> None:
        if L.META_SHEET not in self.book.names():
            refuse(self.path, "workbook-not-auditkit", _(
                "not an auditkit workbook (it has no {sheet} sheet): make one with `auditkit export SUBMISSION.yaml -o "
                "FILE.xlsx` or `auditkit init … -o FILE.xlsx`").format(sheet=L.META_SHEET))
        for cells in self.book.rows(L.META_SHEET):
            if len(cells) >= 2 and isinstance(cells[0], str):
                self.meta[cells[0]] = cells[1]
        fmt = self.meta.get("format")
        if not isinstance(fmt, int) or fmt > L.FORMAT:
            refuse(self.path, "workbook-format", _(
                "this workbook was written in a newer layout (format {format}) by auditkit {version}; update auditkit "
                "to read it").format(format=fmt, version=self.meta.get("auditkit_version", "?")))

    def sheet(self, role: str) -> str | None:
        name = self.meta.get(f"sheet:{role}")
        return name if isinstance(name, str) and name in self.book.names() else None

    def read(self) -> dict[str, Any]:
        self.read_meta()
        extra = self.meta.get("extra")
        data: dict[str, Any] = {"checklist": self.meta.get("checklist"), "checklist_version": self.meta.get("checklist_version")}
        top = json.loads(extra) if isinstance(extra, str) and extra else {}
        self.read_cover(data, top)
        for role, columns in L.LIST_COLUMNS.items():
            self.read_entries(data, top, role, columns)
        data["answers"] = top.pop("answers", {}) if "answers" in top else {}
        answer_sheets = [name for role, name in self.sheet_roles() if role not in ("cover", "people", "sites", "systems", "lists")]
        if answer_sheets:
            self.place(("answers",), answer_sheets[0], L.FIRST_ROW, 1)
        for name in answer_sheets:
            self.read_answers(data["answers"], name)
        ordered: dict[str, Any] = {k: data[k] for k in ("checklist", "checklist_version", "period", "as_of", "classification", "institution",
                                         "people", "prepared_by", "approved_by", "sites", "systems") if k in data}
        ordered["answers"] = data["answers"]
        ordered.update({k: v for k, v in top.items() if k not in ordered})
        return ordered

    def sheet_roles(self) -> list[tuple[str, str]]:
        return [(key[6:], name) for key, name in self.meta.items()
                if key.startswith("sheet:") and isinstance(name, str) and name in self.book.names()]

    def read_cover(self, data: dict[str, Any], top: dict[str, Any]) -> None:
        name = self.sheet("cover")
        if name is None:
            return
        self.place((), name, 1, 2)
        found: dict[str, tuple[Any, int]] = {}
        for row, cells in enumerate(self.book.rows(name), start=1):
            if len(cells) >= 3 and isinstance(cells[0], str) and cells[0] in _COVER_KEYS:
                found[cells[0]] = (self.value(cells[2], name, row, 3), row)
        for key in _TOP_COVER:
            if key in top:
                data[key] = top.pop(key)  # what the cover cannot hold whole, the metadata kept
        for key, (value, row) in found.items():
            parts = key.split(".")
            self.place(tuple(parts), name, row, 3)
            if value is not None and parts[0] not in ("checklist", "checklist_version"):
                _overlay(data, parts, value)

    def read_entries(self, data: dict[str, Any], top: dict[str, Any], role: str, columns: tuple[L.Column, ...]) -> None:
        name = self.sheet(role)
        if name is None or role in top:
            if role in top:
                data[role] = top.pop(role)
            return
        entries: list[dict[str, Any]] = []
        keys: list[str] = []
        for row, cells in enumerate(self.book.rows(name), start=1):
            if row == 1:
                keys = [str(c) if c is not None else "" for c in cells]
                continue
            if row < L.FIRST_ROW:
                continue
            entry = self.entry(cells, keys, name, row, role, len(entries))
            if entry is not None:
                entries.append(entry)
        self.place((role,), name, L.FIRST_ROW, 1)
        if role == "people":
            data["people"] = {entry.pop("key"): entry for entry in entries}
        else:
            data[role] = entries

    def entry(self, cells: list[Cell], keys: list[str], sheet: str, row: int, role: str, index: int) -> dict[str, Any] | None:
        entry: dict[str, Any] = {}
        places: dict[str, int] = {}
        for column, cell in enumerate(cells, start=1):
            key = keys[column - 1] if column - 1 < len(keys) else ""
            if not key:
                continue
            value = self.value(cell, sheet, row, column)
            if value is None:
                continue
            if key == L.EXTRA:
                entry = {**self.extra(value, sheet, row, column), **entry}
                continue
            entry[key] = value
            places[key] = column
        if not entry:
            return None
        if role == "people":
            ident = entry.get("key")
            if not isinstance(ident, str) or not ident:
                self.problem(sheet, row, 1, "workbook-no-key", _("this person has no key: type a short lower-case key "
                                                                 "(e.g. kim-ms) in column A"))
                return None
            base: Path_ = ("people", ident)
            if base in self.positions:
                self.problem(sheet, row, 1, "duplicate-key", _("person key {key} is used twice (first in row {row}); "
                                                               "keys must be unique").format(key=ident, row=self.positions[base][0]))
                return None
        else:
            base = (role, index)
        self.place(base, sheet, row, 1)
        for key, column in places.items():
            self.place(base + (key,), sheet, row, column)
        return entry

    def extra(self, value: Any, sheet: str, row: int, column: int) -> dict[str, Any]:
        try:
            parsed = json.loads(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if not isinstance(parsed, dict):
            self.problem(sheet, row, column, "workbook-corrupt", _("the hidden column of this row was changed and cannot "
                                                                   "be read; export the workbook again"))
            return {}
        return parsed

    # --- answers --------------------------------------------------------------------------------------------
    def read_answers(self, answers: dict[str, Any], sheet: str) -> None:
        keys: list[str] = []
        for row, cells in enumerate(self.book.rows(sheet), start=1):
            if row == 1:
                keys = [str(c) if c is not None else "" for c in cells]
                if "item" not in keys:
                    self.problem(sheet, 1, 1, "workbook-corrupt", _(
                        "the hidden first row of this sheet (its column keys) was deleted or changed, so its answers "
                        "cannot be read; copy the answers into a freshly exported workbook"))
                    return
                continue
            if row < L.FIRST_ROW:
                continue
            fields = {key: (cell, i) for i, (key, cell) in enumerate(zip(keys, cells, strict=False), start=1) if key and cell is not None}
            self.answer_row(answers, fields, sheet, row)

    def answer_row(self, answers: dict[str, Any], fields: dict[str, tuple[Cell, int]], sheet: str, row: int) -> None:
        def get(key: str) -> Any:
            return self.value(fields[key][0], sheet, row, fields[key][1]) if key in fields else None

        item, target, scope = get("item"), get("target"), get("scope")
        if not isinstance(item, str):
            return
        item_path: Path_ = ("answers", item)
        if item_path not in self.positions:
            self.place(item_path, sheet, row, 1)
        answer, places = self.answer_fields(fields, get, sheet, row)
        if answer is None:
            return
        if isinstance(scope, str) and scope and target is not None:
            target = str(target)
            if (item_path + (scope,)) not in self.positions:
                self.place(item_path + (scope,), sheet, row, 1)
            nested = answers.setdefault(item, {}).setdefault(scope, {})
            if target in nested:
                self.problem(sheet, row, 2, "duplicate-key", _("{item} / {target} is answered twice (first in row {row}); "
                                                               "delete one of the rows").format(
                    item=item, target=target, row=self.positions[item_path + (scope, target)][0]))
                return
            nested[target] = answer
            path: Path_ = item_path + (scope, target)
        else:
            if item in answers:
                self.problem(sheet, row, 1, "duplicate-key", _("{item} is answered twice; delete one of the rows").format(item=item))
                return
            answers[item] = answer
            path = item_path
        self.place(path, sheet, row, 2 if target is not None else 1)
        for key, column in places.items():
            self.place(path + key, sheet, row, column)

    def answer_fields(self, fields: dict[str, tuple[Cell, int]], get: Any, sheet: str, row: int
                      ) -> tuple[dict[str, Any] | None, dict[tuple[str, ...], int]]:
        extra_text = get(L.EXTRA)
        answer: dict[str, Any] = self.extra(extra_text, sheet, row, fields[L.EXTRA][1]) if extra_text is not None else {}
        places: dict[tuple[str, ...], int] = {}
        found = extra_text is not None
        for key in ("status", "value", "owner", "evidence", "comment", "review"):
            value = get(key)
            if value is None:
                continue
            if key == "status" and isinstance(value, str):
                value = L.status_code(value)
            elif key == "evidence" and isinstance(value, str):
                value = parse_evidence(value)
            elif key in ("owner", "comment", "review") and not isinstance(value, str):
                value = _text(value)
            answer[key] = value
            places[(key,)] = fields[key][1]
            found = True
        given = [(key, name) for key, name in _REMEDIATION if key in fields]
        remediation = {name: value for key, name in given if (value := get(key)) is not None}
        if remediation:
            found = True
            before = answer.get("remediation")
            answer["remediation"] = {**(before if isinstance(before, dict) else {}), **remediation}
            for key, name in given:
                places[("remediation", name)] = fields[key][1]
            places[("remediation",)] = fields[given[0][0]][1]
        return (answer if found else None), places


def _text(value: Any) -> Any:
    """A number typed where text belongs (an owner key, a comment) is kept as the text a person sees."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value) if isinstance(value, (int, float)) else value


_REMEDIATION = (("action", "action"), ("action_owner", "owner"), ("due", "due"))  # column key -> remediation key
_COVER_KEYS = {key for key, *_rest in L.COVER}
_TOP_COVER = ("checklist", "checklist_version", "period", "as_of", "classification", "institution", "prepared_by", "approved_by")


def _overlay(data: dict[str, Any], parts: list[str], value: Any) -> None:
    """Put a cover cell's value at its place (institution.name.ko), unless the metadata holds something else there."""
    target = data
    for part in parts[:-1]:
        child = target.setdefault(part, {})
        if not isinstance(child, dict):
            return
        target = child
    target[parts[-1]] = value


def load_workbook_file(path: str) -> Document:
    """Read and load one .xlsx submission; raise InputError if it cannot be read as an auditkit workbook."""
    from ..loader import read_input

    raw = read_input(path, MAX_BYTES)  # one reading, as for YAML: pipes, FIFOs and devices handled there
    check_archive(path, raw)
    reader = Reader(path, Book(path, raw))
    try:
        data = reader.read()
    except InputError:
        raise
    except (KeyError, ValueError, TypeError, AttributeError, IndexError, EOFError, OSError) as exc:
        refuse(path, "workbook-corrupt", _("not a readable auditkit workbook ({error}): export it again").format(
            error=" ".join(str(exc).split())[:120]))
    doc = Document(path, data, reader.positions, "", reader.problems, raw)
    doc.cells = reader.cells
    return doc
