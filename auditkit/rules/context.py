"""What every rule sees: the document (for lines), the checklist, the submission built from it, today's date, and
the findings and verdicts so far."""
from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import mistakes
from ..errors import Problem
from ..i18n import _
from ..loader import Document, Path_, pointer, printable
from ..model import Answer, Checklist, Item, Submission, Verdicts, assess
from ..verdict import Verdict
from .catalogue import level_of


class Context:
    """One submission under check; rules add Problems to it (the level comes from the catalogue)."""

    def __init__(self, doc: Document, checklist: Checklist, submission: Submission, today: dt.date) -> None:
        self.doc, self.checklist, self.sub, self.today = doc, checklist, submission, today
        self.data: dict[str, Any] = doc.data
        self.problems: list[Problem] = []
        self.folder = Path(doc.path).resolve().parent
        self.hashes: dict[Path, str] = {}
        self.verdicts: Verdicts = {}
        self.judged: dict[tuple[str, type, Any, int | None], Verdict] = {}

    def add(self, path: Path_, code: str, message: str, item: str | None = None) -> None:
        line, column = self.doc.where(path)
        message = printable(message, 1000)  # ids and keys quoted in it are user text: keep it one line
        self.problems.append(Problem(self.doc.path, line, column, code, message, level_of(code), item, pointer(path)))

    def entries(self, key: str) -> list[Any]:
        """The list under a top-level key; anything else (the schema already said so) as no entries."""
        value = self.data.get(key)
        return value if isinstance(value, list) else []

    def person(self, path: Path_, key: Any, what: str, item: str | None = None) -> None:
        """An error unless ``key`` names someone under people (with the closest key as a suggestion)."""
        if not isinstance(key, str) or key in self.sub.people:
            return
        close = difflib.get_close_matches(key, list(self.sub.people), n=1, cutoff=0.6)
        hint = _("did you mean '{key}'?").format(key=close[0]) if close else _("add them under people:")
        self.add(path, "unknown-person", _("{what} '{key}' is not in people; {hint}").format(what=what, key=printable(key), hint=hint),
                 item)

    def assess(self, item: Item, answer: Answer, grade: int | None) -> Verdict:
        """assess(), remembered per item, value and grade: one value recurs across hundreds of systems (verdicts
        are frozen, so answers may share one)."""
        value = answer.value
        if (answer.status == "not_applicable" or not item.answer.computed or self.sub.as_of is None
                or not isinstance(value, (str, int, float)) or isinstance(value, bool)):
            return assess(item, answer, grade, self.sub.as_of)
        key = (item.id, type(value), value, grade)
        found = self.judged.get(key)
        if found is None:
            found = self.judged[key] = assess(item, answer, grade, self.sub.as_of)
        return found


def closest(word: str, candidates: Iterable[str]) -> str:
    """'; did you mean 'X'?' for the closest candidate (the same id written another way first: RED-5 -> RED-05,
    never RED-15), or ''."""
    close = mistakes.suggest(word, candidates)
    return "; " + _("did you mean '{key}'?").format(key=close) if close else ""
