"""Writing a submission as a workbook (openpyxl, write-only mode: rows stream to the file, so a 1,600-system
submission does not sit in memory as cell objects)."""
from __future__ import annotations

import datetime as dt
import functools
import io
import json
import re
from copy import copy
from dataclasses import dataclass, field
from typing import Any

from .. import __version__
from ..errors import AuditkitError
from ..i18n import _, using
from ..model import Checklist, Item, build_submission
from . import layout as L
from .cells import date_cell, evidence_text, extra_json, number_ok, scalar_ok, status_cell, text_ok

KNOWN_TOP = ("checklist", "checklist_version", "period", "as_of", "classification", "institution", "people",
             "prepared_by", "approved_by", "sites", "systems", "answers")
ANSWER_KEYS = ("status", "value", "owner", "evidence", "comment", "remediation", "review")


@dataclass
class Styles:
    """openpyxl style arrays, made once and copied onto each cell (far cheaper than assigning styles per cell)."""

    by_name: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def make(cls, ws: Any, lang: str) -> Styles:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font, PatternFill, Protection

        grey = PatternFill("solid", fgColor="EEEEEE")
        head = PatternFill("solid", fgColor="1F4E79")
        made = cls()
        face = "맑은 고딕" if lang == "ko" else "Calibri"  # Malgun Gothic: the Korean font every Korean Windows has
        specs: dict[str, dict[str, Any]] = {
            "head": dict(font=Font(bold=True, color="FFFFFF"), fill=head, alignment=Alignment(wrap_text=True, vertical="center")),
            "title": dict(font=Font(bold=True, size=14)),
            "fixed": dict(fill=grey, alignment=Alignment(vertical="top")),
            "fixed_wrap": dict(fill=grey, alignment=Alignment(wrap_text=True, vertical="top")),
            "input": dict(protection=Protection(locked=False), alignment=Alignment(vertical="top")),
            "input_wrap": dict(protection=Protection(locked=False), alignment=Alignment(wrap_text=True, vertical="top")),
            "input_date": dict(protection=Protection(locked=False), number_format="yyyy-mm-dd", alignment=Alignment(vertical="top")),
            "input_text": dict(protection=Protection(locked=False), number_format="@", alignment=Alignment(vertical="top")),
        }
        for name, spec in specs.items():
            spec.setdefault("font", Font(name=face, size=10))
            spec["font"] = Font(name=face, size=spec["font"].size or 10, bold=spec["font"].bold, color=spec["font"].color)
            cell = WriteOnlyCell(ws)
            for attr, value in spec.items():
                setattr(cell, attr, value)
            made.by_name[name] = cell._style
        return made

    def cell(self, ws: Any, value: Any, style: str) -> Any:
        """A styled cell; None for an empty input cell (its column's style makes it unlocked: a third fewer cells
        to write and read)."""
        from openpyxl.cell import WriteOnlyCell

        if value is None and style.startswith("input"):
            return None
        cell = WriteOnlyCell(ws, value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # text that looks like a formula stays text
        cell._style = self.by_name[style]  # shared, never changed: copying it per cell costs a tenth of the export
        return cell

    def column_style(self, column: L.Column) -> Any:
        if not column.input or column.hidden:
            return None
        return copy(self.by_name["input_date" if column.key in ("due", "approved") else
                                 "input_wrap" if column.wrap else "input"])


class Writer:
    """One workbook being written: the sheets of a submission for one checklist, in one language."""

    def __init__(self, data: dict[str, Any], checklist: Checklist, lang: str) -> None:
        from openpyxl import Workbook

        self.data, self.checklist, self.lang = data, checklist, lang
        self.sub = build_submission(data)
        self.book = Workbook(write_only=True)
        self.styles: Styles | None = None
        self.sheet_names: dict[str, str] = {}
        self.ranges: dict[str, str] = {}
        self.counts = {key: len(self._list(key)) for key in ("people", "sites", "systems")}
        self.patches: dict[str, tuple[str, int]] = {}  # sheet part -> its answer rows as XML, last row
        self.style_ids: dict[str, int] = {}
        self.strings: dict[str, int] = {}  # the answer rows' shared strings: text -> index
        self.texts: dict[tuple[str, ...], str | None] = {}  # a target's name, an item's rule per grade: made once

    def word(self, pair: tuple[str, str]) -> str:
        return pair[0] if self.lang == "ko" else pair[1]

    def _list(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if key == "people":
            return list(value.items()) if isinstance(value, dict) else []
        return value if isinstance(value, list) else []

    def sheet(self, role: str, name: str) -> Any:
        ws = self.book.create_sheet(name)
        if self.styles is None:
            self.styles = Styles.make(ws, self.lang)
        self.sheet_names[role] = name
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        return ws

    def cell(self, ws: Any, value: Any, style: str) -> Any:
        assert self.styles is not None
        return self.styles.cell(ws, value, style)

    # --- sheets ------------------------------------------------------------------------------------------
    def build(self) -> bytes:
        self.cover()
        for role, columns in L.LIST_COLUMNS.items():
            self.list_sheet(role, columns)
        items_done = self.sections()
        self.other_answers(items_done)
        self.lists()
        self.meta()
        for name, ref in self.ranges.items():
            from openpyxl.workbook.defined_name import DefinedName

            self.book.defined_names[name] = DefinedName(name, attr_text=ref)
        out = io.BytesIO()
        self.book.save(out)
        return _with_rows(out.getvalue(), self.patches, self.strings)

    def row_xml(self, row: int, cells: list[tuple[Any, str]], height: float) -> str:
        """One answer row as SpreadsheetML, written directly: openpyxl's cell-by-cell serialiser took 80 % of an
        export (a 1,600-system submission has 29,000 answer rows). Cells are what openpyxl would write: inline
        strings, numbers, dates as serial numbers with a date style; an empty input cell is left out (its column's
        style makes it unlocked), an empty locked cell keeps its grey style."""
        parts = []
        for letter, (value, style) in zip(_LETTERS, cells, strict=False):
            sid = self.style_id(style) if style else 0
            if value is None:
                if style and not style.startswith("input"):
                    parts.append(f'<c r="{letter}{row}" s="{sid}"/>')
                continue
            parts.append(_cell_xml(f"{letter}{row}", value, sid, self.strings))
        return f'<row r="{row}" ht="{height}" customHeight="1">{"".join(parts)}</row>'

    def style_id(self, style: str) -> int:
        if style not in self.style_ids:
            assert self.styles is not None
            self.style_ids[style] = self.book._cell_styles.add(copy(self.styles.by_name[style]))
        return self.style_ids[style]


    def protect(self, ws: Any) -> None:
        ws.protection.sheet = True  # no password: protection keeps questions and ids from being typed over
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        ws.protection.autoFilter = False

    def cover(self) -> None:
        ws = self.sheet("cover", self.word(L.SHEET_TITLES["cover"]))
        widths = {"A": 4, "B": 26, "C": 60}
        for letter, width in widths.items():
            ws.column_dimensions[letter].width = width
        assert self.styles is not None
        ws.column_dimensions["C"]._style = copy(self.styles.by_name["input"])
        ws.column_dimensions["A"].hidden = True
        self.protect(ws)
        title = f"{self.checklist.title.get(self.lang)} — {self.checklist.id} {self.checklist.version}"
        ws.append([None, self.cell(ws, title, "title")])
        ws.append([])
        from openpyxl.worksheet.datavalidation import DataValidation

        people = DataValidation(type="list", formula1="ak_people", allow_blank=True)
        dates = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
        ws.data_validations.append(people)
        ws.data_validations.append(dates)
        for row, (key, ko, en, kind) in enumerate(L.COVER, start=3):
            value = self.cover_value(key)
            style = "fixed" if kind == "fixed" else "input_date" if kind == "date" else "input"
            if kind == "date":
                dates.add(f"C{row}")
                value = date_cell(value)
            if kind == "person":
                people.add(f"C{row}")
            ws.append([key, self.cell(ws, ko if self.lang == "ko" else en, "fixed"), self.cell(ws, value, style)])
        ws.append([])
        for row, note in enumerate(L.NOTES[self.lang], start=len(L.COVER) + 4):
            ws.row_dimensions[row].height = row_height([(_NOTE_COLUMN, note)])
            ws.append([None, None, self.cell(ws, note, "fixed_wrap")])

    def cover_value(self, key: str) -> Any:
        value: Any = self.data
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value if scalar_ok(value) else None

    def header(self, ws: Any, columns: tuple[L.Column, ...]) -> None:
        assert self.styles is not None
        for index, column in enumerate(columns, start=1):
            dim = ws.column_dimensions[L.column_letter(index)]
            dim.width = column.width
            dim.hidden = column.hidden
            style = self.styles.column_style(column)
            if style is not None:
                dim._style = style
        ws.row_dimensions[1].hidden = True
        ws.freeze_panes = f"A{L.FIRST_ROW}"  # before the first row: write-only mode writes the view first
        self.protect(ws)
        ws.append([c.key for c in columns])
        ws.append([self.cell(ws, c.title(self.lang), "head") for c in columns])

    def list_sheet(self, role: str, columns: tuple[L.Column, ...]) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        ws = self.sheet(role, self.word(L.SHEET_TITLES[role]))
        self.header(ws, columns)
        entries = self._list(role)
        last = L.FIRST_ROW + len(entries) + L.SPARE_ROWS - 1
        self.ranges[L.range_name(role)] = f"'{ws.title}'!$A${L.FIRST_ROW}:$A${last}"
        lists = {"owner": "ak_people", "deputy": "ak_people", "site": "ak_sites", "dr_site": "ak_sites",
                 "kind": "ak_kinds", "battery": "ak_batteries", "grade": "ak_grades"}
        for index, column in enumerate(columns, start=1):
            if column.key in lists:
                dv = DataValidation(type="list", formula1=lists[column.key], allow_blank=True)
                dv.add(f"{L.column_letter(index)}{L.FIRST_ROW}:{L.column_letter(index)}{last}")
                ws.data_validations.append(dv)
        for entry in entries:
            ws.append(self.entry_row(ws, role, columns, entry))
        for _row in range(L.SPARE_ROWS):
            ws.append([None] + [self.cell(ws, None, "input") for _c in columns[:-1]])

    def entry_row(self, ws: Any, role: str, columns: tuple[L.Column, ...], entry: Any) -> list[Any]:
        if role == "people":
            key, raw = entry
            raw = dict(raw) if isinstance(raw, dict) else {"": raw}
            raw = {"key": key, **raw}
        else:
            raw = dict(entry) if isinstance(entry, dict) else {"": entry}
        extra = {k: v for k, v in raw.items() if k not in {c.key for c in columns} or not scalar_ok(v)}
        if "" in extra or (role == "people" and "key" in extra):
            raise AuditkitError(_("{what} cannot be written to a workbook: an entry is not a mapping; run "
                                  "`auditkit validate` and fix the file first").format(what=role))
        cells = [self.cell(ws, raw.get(c.key) if c.key not in extra else None, "input") for c in columns[:-1]]
        return cells + [extra_json(extra)]

    def sections(self) -> set[str]:
        answers = self.data.get("answers")
        answers = answers if isinstance(answers, dict) else {}
        done = set()
        for section in self.checklist.sections:
            ws = self.answer_sheet(section.id, L.section_sheet(section.id, section.title.get(self.lang)))
            rows = Rows(self, ws)
            for item in section.items:
                rows.item(item, answers.get(item.id))
                done.add(item.id)
            rows.finish()
        return done

    def answer_sheet(self, role: str, name: str) -> Any:
        ws = self.sheet(role, name)
        self.header(ws, L.ANSWERS)
        return ws

    def other_answers(self, done: set[str]) -> None:
        answers = self.data.get("answers")
        if not isinstance(answers, dict) or not set(answers) - done:
            return
        ws = self.answer_sheet("other", self.word(L.SHEET_TITLES["other"]))
        rows = Rows(self, ws)
        for item_id, raw in answers.items():
            if item_id not in done:
                rows.unknown(str(item_id), raw)
        rows.finish()

    def lists(self) -> None:
        ws = self.sheet("lists", L.LIST_SHEET)
        ws.sheet_state = "hidden"
        columns: list[tuple[str, list[Any]]] = [
            ("status", [L.STATUS_LABELS[self.lang][s] for s in L.STATUSES]), ("status_code", list(L.STATUSES)),
            ("grades", [1, 2, 3, 4]), ("kinds", list(L.SITE_KINDS)), ("batteries", list(L.BATTERIES))]
        columns += [(f"options_{item.id}", list(item.answer.options)) for item in self.checklist.items.values()
                    if item.answer.options]
        longest = max(len(values) for _key, values in columns)
        for index, (key, values) in enumerate(columns, start=1):
            letter = L.column_letter(index)
            self.ranges[L.range_name(key)] = f"'{L.LIST_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
        ws.append([key for key, _values in columns])
        for row in range(longest):
            ws.append([values[row] if row < len(values) else None for _key, values in columns])

    def meta(self) -> None:
        ws = self.sheet("meta", L.META_SHEET)
        ws.sheet_state = "hidden"
        extra = {k: v for k, v in self.data.items() if k not in KNOWN_TOP or not _cover_fits(k, v)}
        rows = [("format", L.FORMAT), ("checklist", self.checklist.id), ("checklist_version", self.checklist.version),
                ("auditkit_version", __version__), ("lang", self.lang), ("extra", extra_json(extra))]
        rows += [(f"sheet:{role}", name) for role, name in self.sheet_names.items() if role not in ("meta",)]
        for key, value in rows:
            ws.append([key, self.cell(ws, value, "fixed")])


_NOTE_COLUMN = L.Column("note", "", "", 60, wrap=True)
LINE_POINTS = 13.5  # one line of 10-point text


def row_height(cells: Any) -> float:
    """Points a row needs so that its wrapped text shows whole (LibreOffice takes row heights from the file, and
    Excel only sizes rows it lays out itself): lines per cell from its text's width (a Hangul or CJK character is
    about two digits wide) and its column's width."""
    lines = 1
    for column, value in cells:
        if column.wrap and isinstance(value, str):
            lines = max(lines, _lines(value, int(max(column.width - 1.5, 4))))
    return min(409.0, lines * LINE_POINTS)


@functools.lru_cache(maxsize=4096)  # questions, rules and names repeat on every row of an item
def _lines(text: str, room: int) -> int:
    return sum(-(-(len(part) + len(_WIDE.findall(part))) // room) or 1 for part in text.split("\n"))


_WIDE = re.compile("[\u1100-\uffff]")


def _cover_fits(key: str, value: Any) -> bool:
    """Whether a top-level value is held whole by the cover and the list sheets (else the metadata keeps it)."""
    if key in ("checklist", "checklist_version", "classification", "prepared_by", "as_of"):
        return scalar_ok(value)
    if key == "period":
        return number_ok(value) or text_ok(value)
    if key == "institution":
        name = value.get("name") if isinstance(value, dict) else None
        return isinstance(value, dict) and set(value) <= {"code", "name"} and all(scalar_ok(v) for k, v in value.items() if k != "name") \
            and (name is None or (isinstance(name, dict) and set(name) <= {"ko", "en"} and all(scalar_ok(v) for v in name.values())))
    if key == "approved_by":
        return isinstance(value, dict) and set(value) <= {"person", "date"} and all(scalar_ok(v) for v in value.values())
    if key == "people":
        return isinstance(value, dict) and all(isinstance(v, dict) for v in value.values()) and all(text_ok(k) for k in value)
    if key in ("sites", "systems"):
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    if key == "answers":
        return isinstance(value, dict)
    return False


class Rows:
    """The answer rows of one sheet: one row per answer (item x site or system), with the data validations of
    their input cells gathered per item and written once."""

    def __init__(self, writer: Writer, ws: Any) -> None:
        self.w, self.ws = writer, ws
        self.row = L.FIRST_ROW
        self.lists: dict[str, list[str]] = {}  # data validation (as JSON) -> cell ranges
        self.xml: list[str] = []  # the rows' <row> elements (see Writer.row_xml)

    def validate(self, column: str, first: int, last: int, spec: dict[str, Any]) -> None:
        self.lists.setdefault(json.dumps(spec, sort_keys=True), []).append(f"{column}{first}:{column}{last}")

    def finish(self) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        number = self.w.book.worksheets.index(self.ws) + 1  # openpyxl names sheet parts by position when it saves
        self.w.patches[f"xl/worksheets/sheet{number}.xml"] = ("".join(self.xml), self.row - 1)
        for spec, ranges in self.lists.items():
            dv = DataValidation(allow_blank=True, showErrorMessage=True, **json.loads(spec))
            dv.sqref = " ".join(ranges)
            self.ws.data_validations.append(dv)

    def item(self, item: Item, raw: Any) -> None:
        targets = _targets(item, self.w.sub)
        first = self.row
        if isinstance(raw, dict) and _nested_key(raw):
            key = _nested_key(raw)
            given = raw[key]
            wanted = set(targets or [])
            order = [t for t in (targets or []) if t in given] + [t for t in given if t not in wanted]
            missing = [t for t in (targets or []) if t not in given]
            for target in order + missing:
                self.answer(item, item.id, key, target, given.get(target))
        elif targets is None or raw is not None:
            self.answer(item, item.id, "", None, raw)
        else:
            key = "sites" if item.scope == "site" else "systems"
            for target in targets:
                self.answer(item, item.id, key, target, None)
        if self.row > first:
            self.item_validations(item, first, self.row - 1)

    def item_validations(self, item: Item, first: int, last: int) -> None:
        with using(self.w.lang):  # what Excel shows in the workbook: its language, not the command's messages'
            choose, date, number = _("Choose a status from the list"), _("Type a date (YYYY-MM-DD)"), _("Type a number")
            event = _("Type a date (YYYY-MM-DD), or never if it has never happened")
        self.validate(L.LETTER["status"], first, last, {"type": "list", "formula1": "ak_status", "error": choose,
                                                        "errorStyle": "stop"})
        self.validate(L.LETTER["owner"], first, last, {"type": "list", "formula1": "ak_people"})
        self.validate(L.LETTER["action_owner"], first, last, {"type": "list", "formula1": "ak_people"})
        self.validate(L.LETTER["due"], first, last, {"type": "date", "operator": "greaterThan", "formula1": "1",
                                                     "error": date, "errorStyle": "warning"})
        kind = item.answer.type
        if kind == "choice" and item.answer.options:
            self.validate(L.LETTER["value"], first, last, {"type": "list", "formula1": L.range_name(f"options_{item.id}")})
        elif kind == "number":
            self.validate(L.LETTER["value"], first, last, {"type": "decimal", "operator": "between", "formula1": "-1E+15",
                                                           "formula2": "1E+15", "error": number, "errorStyle": "stop"})
        elif kind == "date":
            self.validate(L.LETTER["value"], first, last, {"type": "date", "operator": "greaterThan", "formula1": "1",
                                                           "error": event, "errorStyle": "warning"})

    def unknown(self, item_id: str, raw: Any) -> None:
        if isinstance(raw, dict) and _nested_key(raw):
            key = _nested_key(raw)
            for target, answer in raw[key].items():
                self.answer(None, item_id, key, target, answer)
        else:
            self.answer(None, item_id, "", None, raw)

    def answer(self, item: Item | None, item_id: str, scope: str, target: str | None, raw: Any) -> None:
        if raw is not None and not isinstance(raw, dict):
            raise AuditkitError(_("{item}: an answer that is not a mapping cannot be written to a workbook; run "
                                  "`auditkit validate` and fix the file first").format(item=item_id))
        answer = raw or {}
        cells, extra = self.answer_cells(item, answer)
        lang = self.w.lang
        value_style = "input_date" if item and item.answer.type == "date" else "input"
        if item and item.answer.type == "status":
            value_style = "fixed"  # a status item has no value: the cell is grey and locked
        extra_text = (extra_json(extra) or "{}") if raw is not None else None  # {}: an empty answer, not an absent one
        row = [(item_id, "fixed"), (target, "fixed"), (self.target_name(scope, target), "fixed_wrap"),
               (item.title.get(lang) if item else None, "fixed_wrap"),
               (self.rule_text(item, target) if item else None, "fixed_wrap"),
               (cells.get("status"), "input"), (cells.get("value"), value_style),
               (self.unit(item.answer.unit) if item else None, "fixed"), (cells.get("owner"), "input"),
               (cells.get("evidence"), "input_wrap"), (cells.get("comment"), "input_wrap"),
               (cells.get("action"), "input_wrap"), (cells.get("action_owner"), "input"), (cells.get("due"), "input_date"),
               (cells.get("review"), "input_wrap"), (scope or None, ""), (extra_text, "")]
        height = row_height((L.ANSWERS[index], row[index][0]) for index in _WRAPPED)
        self.xml.append(self.w.row_xml(self.row, row, height))
        self.row += 1

    def answer_cells(self, item: Item | None, answer: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        cells: dict[str, Any] = {}
        extra = {k: v for k, v in answer.items() if k not in ANSWER_KEYS}
        for key in ANSWER_KEYS:
            if key not in answer:
                continue
            value = answer[key]
            fits = self.put(key, value, cells, item)
            if not fits:
                extra[key] = value
        return cells, extra

    def put(self, key: str, value: Any, cells: dict[str, Any], item: Item | None) -> bool:
        if key == "status":
            cells["status"] = status_cell(value, self.w.lang)
            return cells["status"] is not None
        if key == "evidence":
            cells["evidence"] = evidence_text(value)
            return cells["evidence"] is not None
        if key == "value":
            if not scalar_ok(value):
                return False
            cells["value"] = date_cell(value) if item and item.answer.type == "date" else value
            return True
        if key == "remediation":
            if not (isinstance(value, dict) and value and set(value) <= {"action", "owner", "due"}
                    and all(text_ok(v) for v in value.values())):
                return False
            cells.update({"action": value.get("action"), "action_owner": value.get("owner"),
                          "due": date_cell(value.get("due")) if "due" in value else None})
            return True
        if not text_ok(value):
            return False
        cells[key] = value
        return True

    def rule_text(self, item: Item, target: str | None) -> str | None:
        """The requirement and pass rule, made once per item and grade (and a target's name, a unit, once): making
        one switches the language (using), and 31,000 of them took half of a 1,600-system export."""
        sub = self.w.sub
        grade = sub.system_map[target].grade if item.scope == "system" and target in sub.system_map else None
        key = ("rule", item.id, str(grade))
        if key not in self.w.texts:
            self.w.texts[key] = _rule_text(item, sub, grade, self.w.lang)
        return self.w.texts[key]

    def unit(self, unit: str | None) -> str | None:
        key = ("unit", str(unit))
        if key not in self.w.texts:
            self.w.texts[key] = _unit(unit, self.w.lang)
        return self.w.texts[key]

    def target_name(self, scope: str, target: str | None) -> str | None:
        key = ("name", scope, str(target))
        if key not in self.w.texts:
            self.w.texts[key] = self._target_name(scope, target)
        return self.w.texts[key]

    def _target_name(self, scope: str, target: str | None) -> str | None:
        sub = self.w.sub
        if scope == "systems" and target in sub.system_map:
            system = sub.system_map[target]
            if system.grade is None:
                return system.name
            with using(self.w.lang):
                return _("{name} (grade {grade})").format(name=system.name, grade=system.grade)
        if scope == "sites" and target in sub.site_map:
            return sub.site_map[target].name
        return None


def _unit(unit: str | None, lang: str) -> str | None:
    from ..verdict import unit_label

    return unit_label(unit, lang) if unit else unit


def _nested_key(raw: dict[str, Any]) -> str:
    """'sites' or 'systems' when an answer is a mapping of per-target answers and nothing else."""
    for key in ("sites", "systems"):
        if set(raw) == {key} and isinstance(raw[key], dict) and all(text_ok(t) for t in raw[key]):
            return key
    return ""


def _targets(item: Item, sub: Any) -> list[str] | None:
    from ..model import applicable_targets

    return applicable_targets(item, sub)


def _rule_text(item: Item, sub: Any, grade: Any, lang: str) -> str:
    spec = item.answer
    lines = [item.requirement.get(lang)]
    with using(lang):
        if spec.by_grade and grade in spec.by_grade:
            lines.append(_("grade {grade}: {rule}").format(grade=grade, rule=spec.by_grade[grade].describe(spec.unit or "")))
        elif spec.by_grade:
            lines += [_("grade {grade}: {rule}").format(grade=g, rule=r.describe(spec.unit or ""))
                      for g, r in sorted(spec.by_grade.items())]
        elif spec.pass_if:
            lines.append(_("compliant when: {rule}").format(rule=spec.pass_if.describe(spec.unit or "")))
    return "\n".join(line for line in lines if line)


def workbook_bytes(data: dict[str, Any], checklist: Checklist, lang: str) -> bytes:
    """The workbook of a submission's data (a filled submission, a draft or a skeleton)."""
    from openpyxl.utils.exceptions import IllegalCharacterError

    _check_shape(data)  # before openpyxl starts: a write-only workbook left half-written complains when collected
    try:
        return Writer(data, checklist, lang).build()
    except IllegalCharacterError as exc:  # pragma: no cover - cells.text_ok keeps such text in _extra
        raise AuditkitError(_("text with a control character cannot be written to a workbook: {error}").format(error=exc)) from exc


__all__ = ["workbook_bytes", "dt"]


_LETTERS = [L.column_letter(index) for index in range(1, len(L.ANSWERS) + 1)]
_WRAPPED = [index for index, column in enumerate(L.ANSWERS) if column.wrap]
_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug is before any date an audit uses)


def _cell_xml(ref: str, value: Any, sid: int, strings: dict[str, int]) -> str:
    """A cell; text goes to the shared strings (a question or rule repeated on 1,600 rows is stored once, and
    openpyxl reads a shared string in a fraction of the time of an inline one)."""
    style = f' s="{sid}"' if sid else ""
    if isinstance(value, str):
        index = strings.setdefault(value, len(strings))
        return f'<c r="{ref}"{style} t="s"><v>{index}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}"{style}><v>{(value - _EPOCH).days}</v></c>'
    return f'<c r="{ref}"{style} t="n"><v>{value!r}</v></c>'


_SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _string_table(strings: dict[str, int]) -> bytes:
    items = "".join(f'<si><t xml:space="preserve">{_escape(text)}</t></si>' for text in strings)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>').encode()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _with_rows(book: bytes, patches: dict[str, tuple[str, int]], strings: dict[str, int]) -> bytes:
    """The saved workbook with each answer sheet's rows put after its header rows, and their shared strings
    (openpyxl writes none of its own: it writes text inline) as xl/sharedStrings.xml."""
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(book))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SST_TYPE}"/></Types>'.encode())
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", f'<Relationship Id="rIdAuditkitStrings" Type="{_SST_REL}" '
                                    f'Target="sharedStrings.xml"/></Relationships>'.encode())
            elif info.filename in patches:
                rows, last = patches[info.filename]
                text = data.decode("utf-8")
                # a true <dimension> spares openpyxl's reader a pass over the whole sheet to find its size
                dimension = f'<dimension ref="A1:{_LETTERS[-1]}{max(last, 2)}"/>'
                text = re.sub(r'<dimension ref="[^"]*"\s*/>', "", text, count=1).replace("<sheetViews>", dimension + "<sheetViews>", 1)
                head, tail = text.split("</sheetData>", 1) if "</sheetData>" in text else (text.replace("<sheetData />", "<sheetData>"), "")
                data = (head + rows + "</sheetData>" + tail).encode("utf-8")
            # the big sheets at level 1: 3x faster than the default 6 for a file 15 % larger
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1 if info.filename in patches else 6)
        target.writestr("xl/sharedStrings.xml", _string_table(strings), compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    return out.getvalue()


def _check_shape(data: dict[str, Any]) -> None:
    """Refuse, with the item or list it concerns, what a workbook has no row for: an answer, person, site or system
    that is not a mapping (`auditkit validate` names its line)."""
    def refuse(what: str) -> None:
        raise AuditkitError(_("{what}: an answer that is not a mapping cannot be written to a workbook; run "
                              "`auditkit validate` and fix the file first").format(what=what))

    answers = data.get("answers")
    for item_id, raw in (answers.items() if isinstance(answers, dict) else []):
        nested = _nested_key(raw) if isinstance(raw, dict) else ""
        if raw is not None and not isinstance(raw, dict):
            refuse(str(item_id))
        for target, answer in (raw[nested].items() if nested else []):
            if answer is not None and not isinstance(answer, dict):
                refuse(f"{item_id} / {target}")
    people = data.get("people")
    for key in ("sites", "systems"):
        if _cover_fits(key, data.get(key)) is False and isinstance(data.get(key), list):
            raise AuditkitError(_("{what} cannot be written to a workbook: an entry is not a mapping; run "
                                  "`auditkit validate` and fix the file first").format(what=key))
    if isinstance(people, dict) and not _cover_fits("people", people):
        raise AuditkitError(_("{what} cannot be written to a workbook: an entry is not a mapping; run "
                              "`auditkit validate` and fix the file first").format(what="people"))

