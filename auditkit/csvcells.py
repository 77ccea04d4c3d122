"""CSV for Excel and LibreOffice: no cell the tool writes is ever read as a formula (OWASP "CSV injection").

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a single quote in front, which
Excel shows as text and does not evaluate. Numbers stay numbers: an int or float, or text that is a plain decimal
number (`-3.5`, a score change), is written as it is. Every CSV writer of auditkit goes through `writer()`.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, TextIO

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?[0-9]+(\.[0-9]+)?\Z")


def neutral(value: Any) -> Any:
    """The value as a cell that cannot be a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value


class SafeWriter:
    """csv.writer whose rows pass through neutral()."""

    def __init__(self, stream: TextIO) -> None:
        self._writer = csv.writer(stream, lineterminator="\r\n")

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([neutral(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(stream: TextIO) -> SafeWriter:
    """A CSV writer (CRLF line ends, as Excel expects) that neutralises formulas."""
    return SafeWriter(stream)
