"""How an answer is judged: the rule of an item (Rule, AnswerSpec) and the verdict it gives (Verdict, with a Why
and a Failure that print in English or Korean: gettext messages, rendered in the language asked for). Only the
vocabulary and the messages are imported here."""
from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

from .i18n import N_, _, ngettext, using
from .vocabulary import COMPUTED_TYPES, NEVER
from .vocabulary import label as term_label


def speaking(lang: str | None) -> AbstractContextManager[None]:
    """Messages in ``lang`` inside the block; None keeps the current language."""
    return using(lang) if lang is not None else nullcontext()


def parse_date(value: Any) -> dt.date | None:
    """A real ISO date from YAML text, else None."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class Verdict:
    """A computed status and what explains it: a Why (printed when asked, in English or Korean), else a note."""

    status: str
    note: str = ""
    why: Why | None = field(default=None, compare=False)

    @classmethod
    def of(cls, status: str, why: Why) -> Verdict:
        return cls(status, "", why)

    @property
    def declared(self) -> bool:
        """The status is the one the answer declares (no rule computed it, nothing to explain)."""
        return self.why is None and self.note == "declared"

    @property
    def reason(self) -> str:
        """The explanation in English (built on demand: most verdicts are never printed)."""
        return self.text()

    def text(self, lang: str = "en") -> str:
        """The explanation in ``lang`` (a verdict without a Why gives its note: a comment, as the user wrote it)."""
        return self.why.text(lang) if self.why is not None else self.note


@dataclass(frozen=True)
class Rule:
    """What a value must satisfy to be compliant."""

    min: float | None = None
    max: float | None = None
    within: tuple[str, ...] | None = None
    max_age_days: int | None = None
    min_days_ahead: int | None = None

    @classmethod
    def of(cls, value: Any) -> Rule | None:
        data = _dict(value)
        if not data:
            return None
        within = data.get("in")
        return cls(data.get("min"), data.get("max"), tuple(within) if isinstance(within, list) else None,
                   data.get("max_age_days"), data.get("min_days_ahead"))

    def describe(self, unit: str = "", lang: str | None = None) -> str:
        """The rule in words, e.g. 'at most 92 days old' / '92일 이내', in ``lang`` (default: the current language)."""
        with speaking(lang):
            parts = []
            if self.min is not None:
                parts.append(_("at least {value}").format(value=with_unit(self.min, unit)))
            if self.max is not None:
                parts.append(_("at most {value}").format(value=with_unit(self.max, unit)))
            if self.within is not None:
                parts.append(_("one of {values}").format(values=", ".join(self.within)))
            if self.max_age_days is not None:
                parts.append(ngettext("at most {days} day old", "at most {days} days old",
                                      self.max_age_days).format(days=self.max_age_days))
            if self.min_days_ahead:
                parts.append(ngettext("at least {days} day after as_of", "at least {days} days after as_of",
                                      self.min_days_ahead).format(days=self.min_days_ahead))
            elif self.min_days_ahead is not None:
                parts.append(_("no date before as_of"))
            return reduce(lambda rule, other: _("{rule} and {other}").format(rule=rule, other=other), parts) if parts else ""

    def check(self, value: Any, as_of: dt.date) -> str | None:
        """None when the value passes, else why it fails."""
        failure = self.failure(value, as_of)
        return failure.text() if failure else None

    def failure(self, value: Any, as_of: dt.date) -> Failure | None:
        """None when the value passes, else why it fails, printable in either language."""
        if self.within is not None and value not in self.within:
            return Failure("not_in", str(value), ", ".join(self.within))
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if self.min is not None and value < self.min:
                return Failure("below", _num(value), _num(self.min))
            if self.max is not None and value > self.max:
                return Failure("above", _num(value), _num(self.max))
        day = parse_date(value)
        if day is not None:
            if self.max_age_days is not None and (as_of - day).days > self.max_age_days:
                return Failure("too_old", str(day), str((as_of - day).days), as_of)
            if self.min_days_ahead is not None and (day - as_of).days < self.min_days_ahead:
                return Failure("before" if day < as_of else "too_close", str(day), "", as_of)
        return None


# A figure with its unit, for the units checklists use; any other unit is written after the figure as it is.
UNIT_WORDS = {"copies": N_("{value} copies"), "days": N_("{value} days"), "hours": N_("{value} hours"),
              "seconds": N_("{value} seconds"), "ratio": N_("{value} ratio"), "%": N_("{value} %")}


def unit_label(unit: str, lang: str | None = None) -> str:
    """A unit alone, as a column heading shows it: 'copies' / '부'."""
    with speaking(lang):
        return _(UNIT_WORDS[unit]).format(value="").strip() if unit in UNIT_WORDS else unit


def with_unit(value: float, unit: str = "") -> str:
    """'3 copies' / '3부', '4 hours' / '4시간'."""
    if unit in UNIT_WORDS:
        return _(UNIT_WORDS[unit]).format(value=_num(value))
    return f"{_num(value)} {unit}" if unit else _num(value)


@dataclass(frozen=True)
class Failure:
    """Why a value fails a rule: a code and its figures, printed in English or Korean."""

    code: str  # not_in, below, above, too_old, before, too_close
    value: str
    limit: str = ""
    as_of: dt.date | None = None

    def text(self, lang: str | None = None) -> str:
        """Why the value fails, in ``lang`` (default: the current language)."""
        with speaking(lang):
            if self.code == "too_old":
                days = int(self.limit)
                return ngettext("{value} is {days} day old at as_of {as_of}", "{value} is {days} days old at as_of {as_of}",
                                days).format(value=self.value, days=days, as_of=self.as_of)
            return _(FAILURES[self.code]).format(value=self.value, limit=self.limit, as_of=self.as_of)


FAILURES = {"not_in": N_("{value} is not one of {limit}"), "below": N_("{value} is below the minimum {limit}"),
            "above": N_("{value} is above the maximum {limit}"), "before": N_("{value} is before as_of {as_of}"),
            "too_close": N_("{value} is too close to as_of {as_of}")}


@dataclass(frozen=True)
class Why:
    """The basis of a status (the rule, the value, the failure), printable in English or Korean."""

    kind: str  # invalid, never, no_rule, meets, fails, unanswered, not_applicable
    value: str = ""
    type: str = ""
    rule: Rule | None = None
    unit: str = ""
    grade: int | None = None  # set when the rule is that grade's own
    failure: Failure | None = None

    def text(self, lang: str = "en") -> str:
        """The basis in ``lang``: English by default, as validate's messages quote it."""
        with speaking(lang):
            if self.kind == "not_applicable":  # declared not applicable, without a comment
                return term_label("status", "not_applicable")
            graded = self.grade is not None and (self.kind, "graded") in WHY
            return _(WHY[self.kind, "graded" if graded else "plain"]).format(
                value=self.value, type=term_label("answer_type", self.type), grade=self.grade,
                rule=self.rule.describe(self.unit) if self.rule else "",
                bare=self.rule.describe() if self.rule else _("a date"),  # a never-happened date: no unit
                failure=self.failure.text() if self.failure else "")


# (kind, whether the rule is the system grade's own) -> the sentence
WHY = {
    ("invalid", "plain"): N_("{value} is not a valid {type} value"),
    ("never", "plain"): N_("it has never happened; the rule requires {bare}"),
    ("never", "graded"): N_("it has never happened; grade {grade} requires {bare}"),
    ("no_rule", "plain"): N_("no rule"),
    ("meets", "plain"): N_("{value} meets the rule ({rule})"),
    ("unanswered", "plain"): N_("not answered"),
    ("fails", "plain"): N_("{failure}; the rule allows {rule}"),
    ("fails", "graded"): N_("{failure}; grade {grade} allows {rule}"),
}


def _num(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class AnswerSpec:
    """An item's answer type and the rule that decides compliance."""

    type: str = "status"
    unit: str = ""
    options: tuple[str, ...] = ()
    pass_if: Rule | None = None
    by_grade: dict[int, Rule] = field(default_factory=dict)

    @property
    def computed(self) -> bool:
        """Whether the status follows from a value (number, date, choice)."""
        return self.type in COMPUTED_TYPES

    @classmethod
    def of(cls, value: Any) -> AnswerSpec:
        data = _dict(value)
        by_grade = {}
        for grade, rule in _dict(data.get("by_grade")).items():
            parsed = Rule.of(rule)
            if str(grade).isdigit() and parsed:
                by_grade[int(grade)] = parsed
        return cls(str(data.get("type", "status")), str(data.get("unit", "")),
                   tuple(_list(data.get("options"))), Rule.of(data.get("pass_if")), by_grade)

    def accepts(self, value: Any) -> bool:
        """Whether a value has this item's answer type."""
        if self.type == "number":
            return isinstance(value, (int, float)) and not isinstance(value, bool)
        if self.type == "date":
            return value == NEVER or parse_date(value) is not None
        if self.type == "choice":
            return value in self.options
        return isinstance(value, str)

    def rule_for(self, grade: int | None) -> Rule | None:
        if grade is not None and grade in self.by_grade:
            return self.by_grade[grade]
        return self.pass_if

    def judge(self, value: Any, grade: int | None, as_of: dt.date) -> Verdict:
        """The status a value earns under the rule for this grade."""
        if not self.accepts(value):
            return Verdict.of("non_compliant", Why("invalid", _show(value), self.type))
        rule = self.rule_for(grade)
        own = grade if grade in self.by_grade else None
        if value == NEVER and self.type == "date":
            return Verdict.of("non_compliant", Why("never", rule=rule, grade=own))
        if rule is None:
            return Verdict.of("compliant", Why("no_rule"))
        failure = rule.failure(value, as_of)
        if failure is None:
            return Verdict.of("compliant", Why("meets", _show(value), rule=rule, unit=self.unit))
        return Verdict.of("non_compliant", Why("fails", rule=rule, unit=self.unit, grade=own, failure=failure))


def _show(value: Any) -> str:
    return _num(value) if isinstance(value, (int, float)) else str(value)


UNANSWERED = Verdict.of("non_compliant", Why("unanswered"))  # an item or target with no answer, or no status
