"""Values in cells and back, losslessly: which value a column can hold, how evidence is written in one cell,
and what stays in the hidden ``_extra`` column. Free of openpyxl."""
from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

from ..verdict import parse_date
from .layout import MAX_CELL, STATUS_LABELS, status_code

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r]")  # what a cell cannot hold (openpyxl refuses; Excel mangles \r)
_PREFIXES = ("file:", "ref:", "json:")
_SHA = " sha256: "


def text_ok(value: Any) -> bool:
    """Text a cell gives back exactly as written: not empty (an empty cell is an absent key), no control characters."""
    return isinstance(value, str) and value != "" and len(value) <= MAX_CELL and not _ILLEGAL.search(value)


def number_ok(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) \
        and (isinstance(value, float) or abs(value) < 2 ** 53)


def date_cell(value: Any) -> Any:
    """A date column's cell: a real ISO date becomes a date, anything else stays as it is."""
    day = parse_date(value)
    return day if day is not None and value == day.isoformat() else value


def status_cell(value: Any, lang: str) -> str | None:
    """The label of a status code; None when the value cannot be written so that it reads back the same."""
    if not text_ok(value):
        return None
    label = STATUS_LABELS[lang].get(value, value)
    return label if status_code(label) == value else None


def scalar_ok(value: Any) -> bool:
    return text_ok(value) or number_ok(value)


def _line_ok(text: Any) -> bool:
    return text_ok(text) and "\n" not in text and text == text.strip()


def evidence_line(entry: Any) -> str:
    """One evidence entry as one line: a reference as it is, a file as 'file: PATH sha256: HASH', else JSON."""
    if isinstance(entry, dict) and set(entry) == {"ref"} and _line_ok(entry["ref"]):
        ref = entry["ref"]
        return f"ref: {ref}" if ref.startswith(_PREFIXES) else ref
    if isinstance(entry, dict) and set(entry) in ({"file"}, {"file", "sha256"}) and _line_ok(entry["file"]) \
            and _SHA.strip() not in entry["file"] and (set(entry) == {"file"} or _line_ok(entry["sha256"])):
        return f"file: {entry['file']}" + (f"{_SHA}{entry['sha256']}" if "sha256" in entry else "")
    return "json: " + json.dumps(entry, ensure_ascii=False)


def evidence_text(value: Any) -> str | None:
    """A non-empty evidence list as the lines of one cell; None when it does not fit a cell."""
    if not isinstance(value, list) or not value:
        return None
    text = "\n".join(evidence_line(entry) for entry in value)
    return text if text_ok(text) else None


def parse_evidence(text: str) -> list[Any]:
    """The evidence list of a cell's lines (blank lines skipped)."""
    entries: list[Any] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("json:"):
            try:
                entries.append(json.loads(line[5:]))
                continue
            except ValueError:
                pass
        if line.startswith("file:"):
            path, _, sha = line[5:].strip().partition(_SHA.strip())
            entries.append({"file": path.strip(), "sha256": sha.strip()} if sha.strip() else {"file": path.strip()})
        else:
            entries.append({"ref": line[4:].strip() if line.startswith("ref:") else line})
    return entries


def cell_value(value: Any) -> Any:
    """What a read cell means: text and numbers as they are (a typed 2 is stored as 2, a 2.0 written by export
    as 2.0), a date or date-time as an ISO date, a time of day or a duration as its text; blank text as empty."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (dt.time, dt.timedelta)):
        return str(value)  # never a value of the format; as text, validation says what was expected
    if isinstance(value, str) and (not value or value.isspace()):  # what str.strip() would leave empty
        return None
    return value


def extra_json(extra: dict[str, Any]) -> str | None:
    return json.dumps(extra, ensure_ascii=False, separators=(",", ":")) if extra else None
