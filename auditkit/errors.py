"""Problems (findings with a place in a file) and the few exceptions auditkit raises."""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Problem:
    """One finding about one file: where it is, what is wrong and how to fix it."""

    path: str
    line: int
    column: int
    code: str
    message: str
    level: str = "error"  # error | warning
    item: str | None = None
    pointer: str = ""
    sheet: str | None = None  # a workbook input: the sheet and cell (line and column are its row and column)
    cell: str | None = None

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        del data["path"], data["level"]
        if self.sheet is None:
            del data["sheet"], data["cell"]
        return data

    @property
    def where(self) -> str:
        """`file:line:col`, or `FILE.xlsx!'Sheet'!F23` for a workbook: the place editors and CI jobs jump to."""
        if self.sheet is not None:
            return f"{self.path}!'{self.sheet}'!{self.cell}"
        return f"{self.path}:{self.line}:{self.column}"

    def __str__(self) -> str:
        tail = f" ({self.item}, {self.code})" if self.item else f" ({self.code})"
        return f"{self.where}: [{self.level}] {self.message}{tail}"


class AuditkitError(Exception):
    """An error the user can fix: bad input, unknown checklist, unwritable output."""


class InputError(AuditkitError):
    """A file could not be read as YAML at all; carries the Problem that says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class UnknownChecklist(AuditkitError):
    """A checklist id, id@version or path that names no known checklist."""
