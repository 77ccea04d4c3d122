"""How an answer is judged: the rule of an item (Rule, AnswerSpec) and the verdict it gives (Verdict, with a Why
and a Failure that print in English or Korean). Only the vocabulary is imported here."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .vocabulary import COMPUTED_TYPES, NEVER


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
    def reason(self) -> str:
        """The explanation in English (built on demand: most verdicts are never printed)."""
        return self.text()

    def text(self, lang: str = "en") -> str:
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

    def describe(self, unit: str = "", lang: str = "en") -> str:
        """The rule in words, e.g. 'at most 92 days old' / '92일 이내'."""
        say = RULE_WORDS[lang if lang in RULE_WORDS else "en"]
        suffix = _unit_ko(unit) if lang == "ko" else (f" {unit}" if unit else "")
        parts = []
        if self.min is not None:
            parts.append(say["min"].format(f"{_num(self.min)}{suffix}"))
        if self.max is not None:
            parts.append(say["max"].format(f"{_num(self.max)}{suffix}"))
        if self.within is not None:
            parts.append(say["within"].format(", ".join(self.within)))
        if self.max_age_days is not None:
            parts.append(say["age" if self.max_age_days != 1 else "age_1"].format(self.max_age_days))
        if self.min_days_ahead is not None:
            ahead = "ahead_1" if self.min_days_ahead == 1 else "ahead"
            parts.append(say[ahead].format(self.min_days_ahead) if self.min_days_ahead else say["not_before"])
        return say["and"].join(parts)

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


RULE_WORDS = {
    "en": {"min": "at least {}", "max": "at most {}", "within": "one of {}", "age": "at most {} days old",
           "age_1": "at most {} day old", "ahead": "at least {} days after as_of", "ahead_1": "at least {} day after as_of",
           "not_before": "no date before as_of", "and": " and "},
    "ko": {"min": "{} 이상", "max": "{} 이하", "within": "{} 중 하나", "age": "{}일 이내", "age_1": "{}일 이내",
           "ahead": "기준일부터 {}일 이후", "ahead_1": "기준일부터 {}일 이후", "not_before": "기준일 이후", "and": ", "},
}
UNITS_KO = {"copies": "부", "days": "일", "hours": "시간", "seconds": "초", "ratio": "배"}
TYPES_KO = {"number": "숫자", "date": "날짜", "choice": "선택지", "text": "텍스트", "status": "상태"}


def _unit_ko(unit: str) -> str:
    return UNITS_KO.get(unit, f" {unit}" if unit and unit != "%" else unit)


@dataclass(frozen=True)
class Failure:
    """Why a value fails a rule: a code and its figures, printed in English or Korean."""

    code: str  # not_in, below, above, too_old, before, too_close
    value: str
    limit: str = ""
    as_of: dt.date | None = None

    def text(self, lang: str = "en") -> str:
        v, limit, as_of = self.value, self.limit, self.as_of
        if lang == "ko":
            return {"not_in": f"{v}: 허용되지 않는 값", "below": f"{v}: 최솟값 {limit} 미만",
                    "above": f"{v}: 최댓값 {limit} 초과", "too_old": f"{v}: 기준일 {as_of}에 {limit}일 지남",
                    "before": f"{v}: 기준일 {as_of}보다 앞섬", "too_close": f"{v}: 기준일 {as_of}과 너무 가까움"}[self.code]
        return {"not_in": f"{v} is not one of {limit}", "below": f"{v} is below the minimum {limit}",
                "above": f"{v} is above the maximum {limit}", "too_old": f"{v} is {limit} {'day' if limit == '1' else 'days'} old at as_of {as_of}",
                "before": f"{v} is before as_of {as_of}", "too_close": f"{v} is too close to as_of {as_of}"}[self.code]


@dataclass(frozen=True)
class Why:
    """The basis of a status (the rule, the value, the failure), printable in English or Korean."""

    kind: str  # invalid, never, no_rule, meets, fails, unanswered
    value: str = ""
    type: str = ""
    rule: Rule | None = None
    unit: str = ""
    grade: int | None = None  # set when the rule is that grade's own
    failure: Failure | None = None

    def text(self, lang: str = "en") -> str:
        lang = lang if lang in WHY_WORDS else "en"
        say, graded = WHY_WORDS[lang], self.grade is not None
        return say[self.kind].format(
            value=self.value, type=TYPES_KO.get(self.type, self.type) if lang == "ko" else self.type,
            rule=self.rule.describe(self.unit, lang) if self.rule else "",
            bare=self.rule.describe(lang=lang) if self.rule else say["date"],  # a never-happened date: no unit
            requires=say["grade_requires"].format(self.grade) if graded else say["requires"],
            allows=say["grade_allows"].format(self.grade) if graded else say["allows"],
            failure=self.failure.text(lang) if self.failure else "")


WHY_WORDS = {
    "en": {"invalid": "{value} is not a valid {type} value", "never": "it has never happened; {requires} {bare}",
           "no_rule": "no rule", "meets": "{value} meets the rule ({rule})", "unanswered": "not answered",
           "fails": "{failure}; {allows} {rule}", "requires": "the rule requires", "grade_requires": "grade {} requires",
           "allows": "the rule allows", "grade_allows": "grade {} allows", "date": "a date"},
    "ko": {"invalid": "{value}: 올바른 {type} 값이 아님", "never": "실시한 적 없음; {requires} {bare}",
           "no_rule": "판정 기준 없음", "meets": "{value}: 기준 충족 ({rule})", "unanswered": "답변 없음",
           "fails": "{failure}; {allows} {rule}", "requires": "기준:", "grade_requires": "{}등급 기준:",
           "allows": "기준:", "grade_allows": "{}등급 기준:", "date": "날짜"},
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
