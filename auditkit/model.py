"""Frozen data: checklists, their items and rules, and submissions.

Building a model never raises on odd data: the validator has already said
what is wrong, and a draft report must still render what is there.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

NEVER = "never"  # the value of a date item whose event has never happened
STATUSES = ("compliant", "partial", "non_compliant", "not_applicable")
SEVERITIES = ("critical", "high", "medium", "low")
# Higher is better; not_applicable stands outside the order.
STATUS_RANK = {"non_compliant": 0, "partial": 1, "compliant": 2}


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
class Text:
    """Text printed in a report, in Korean and (optionally) English."""

    ko: str
    en: str | None = None

    def get(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.ko

    @classmethod
    def of(cls, value: Any) -> Text:
        if isinstance(value, str):
            return cls(value)
        data = _dict(value)
        return cls(str(data.get("ko") or data.get("en") or ""), _str(data.get("en")))


@dataclass(frozen=True)
class Verdict:
    """A computed status and the sentence that explains it (English; `why` prints it in Korean too)."""

    status: str
    reason: str
    why: Why | None = field(default=None, compare=False)

    @classmethod
    def of(cls, status: str, why: Why) -> Verdict:
        return cls(status, why.text(), why)

    def text(self, lang: str = "en") -> str:
        return self.why.text(lang) if self.why is not None else self.reason


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
            parts.append(say["age"].format(self.max_age_days))
        if self.min_days_ahead is not None:
            parts.append(say["ahead"].format(self.min_days_ahead) if self.min_days_ahead else say["not_before"])
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
           "ahead": "at least {} days after as_of", "not_before": "not before as_of", "and": " and "},
    "ko": {"min": "{} 이상", "max": "{} 이하", "within": "{} 중 하나", "age": "{}일 이내",
           "ahead": "기준일부터 {}일 이후", "not_before": "기준일 이후", "and": ", "},
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
                "above": f"{v} is above the maximum {limit}", "too_old": f"{v} is {limit} days old at as_of {as_of}",
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
        rule = self.rule.describe(self.unit, lang) if self.rule else ""
        if lang == "ko":
            return self._ko(rule)
        if self.kind == "invalid":
            return f"{self.value} is not a valid {self.type} value"
        if self.kind == "never":
            who = f"grade {self.grade} requires" if self.grade is not None else "the rule requires"
            return f"it has never happened; {who} {self.rule.describe() if self.rule else 'a date'}"
        if self.kind == "no_rule":
            return "no rule"
        if self.kind == "meets":
            return f"{self.value} meets the rule ({rule})"
        if self.kind == "unanswered":
            return "not answered"
        who = f"grade {self.grade} allows" if self.grade is not None else "the rule allows"
        return f"{self.failure.text() if self.failure else ''}; {who} {rule}"

    def _ko(self, rule: str) -> str:
        grade = f"{self.grade}등급 기준" if self.grade is not None else "기준"
        if self.kind == "invalid":
            return f"{self.value}: 올바른 {TYPES_KO.get(self.type, self.type)} 값이 아님"
        if self.kind == "never":
            return f"실시한 적 없음; {grade}: {self.rule.describe(lang='ko') if self.rule else '날짜'}"
        if self.kind == "no_rule":
            return "판정 기준 없음"
        if self.kind == "meets":
            return f"{self.value}: 기준 충족 ({rule})"
        if self.kind == "unanswered":
            return "답변 없음"
        return f"{self.failure.text('ko') if self.failure else ''}; {grade}: {rule}"


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
        return self.type in ("number", "date", "choice")

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


@dataclass(frozen=True)
class AppliesTo:
    battery: frozenset[str] | None = None
    site_kinds: frozenset[str] | None = None
    grades: frozenset[int] | None = None

    @classmethod
    def of(cls, value: Any) -> AppliesTo:
        data = _dict(value)

        def group(key: str) -> Any:
            return frozenset(data[key]) if isinstance(data.get(key), list) else None
        return cls(group("battery"), group("site_kinds"), group("grades"))

    def describe(self) -> str:
        parts = []
        if self.battery:
            parts.append("battery " + "/".join(sorted(self.battery)))
        if self.site_kinds:
            parts.append("sites " + "/".join(sorted(self.site_kinds)))
        if self.grades:
            parts.append("grades " + ",".join(str(g) for g in sorted(self.grades)))
        return "; ".join(parts)


@dataclass(frozen=True)
class Item:
    id: str
    section: str
    title: Text
    requirement: Text
    severity: str
    scope: str
    answer: AnswerSpec
    evidence: str = "optional"
    applies_to: AppliesTo = AppliesTo()
    guidance: Text | None = None
    rationale: Text | None = None
    references: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Scoring:
    weights: dict[str, float]
    partial_credit: float = 0.5
    ready_at: float = 90
    conditional_at: float = 70
    remediation_days: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, value: Any) -> Scoring:
        data = _dict(value)
        weights = {"critical": 4, "high": 3, "medium": 2, "low": 1} | _dict(data.get("weights"))
        days = {"critical": 30, "high": 90, "medium": 180, "low": 365} | _dict(data.get("remediation_days"))
        return cls(weights, float(data.get("partial_credit", 0.5)), float(data.get("ready_at", 90)),
                   float(data.get("conditional_at", 70)), days)


@dataclass(frozen=True)
class Checklist:
    id: str
    version: str
    title: Text
    sections: tuple[Section, ...]
    scoring: Scoring
    path: str = ""
    supersedes: str | None = None
    published: str | None = None
    authority: Text | None = None
    items: dict[str, Item] = field(default_factory=dict, compare=False)

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"


def build_checklist(data: dict[str, Any], path: str = "") -> Checklist:
    """A Checklist from loaded (schema-valid) data."""
    sections = []
    for raw_section in _list(data.get("sections")):
        section_id = str(_dict(raw_section).get("id", ""))
        items = tuple(_build_item(_dict(raw), section_id) for raw in _list(_dict(raw_section).get("items")))
        sections.append(Section(section_id, Text.of(raw_section.get("title")), items))
    items = {item.id: item for section in sections for item in section.items}
    optional = {key: Text.of(data[key]) if key in data else None for key in ("authority",)}
    return Checklist(str(data.get("checklist", "")), str(data.get("version", "")), Text.of(data.get("title")),
                     tuple(sections), Scoring.of(data.get("scoring")), path, _str(data.get("supersedes")),
                     _str(data.get("published")), optional["authority"], items)


def _build_item(raw: dict[str, Any], section: str) -> Item:
    def text(key: str) -> Text | None:
        return Text.of(raw[key]) if key in raw else None
    return Item(str(raw.get("id", "")), section, Text.of(raw.get("title")), Text.of(raw.get("requirement")),
                str(raw.get("severity", "medium")), str(raw.get("scope", "institution")),
                AnswerSpec.of(raw.get("answer")), str(raw.get("evidence", "optional")),
                AppliesTo.of(raw.get("applies_to")), text("guidance"), text("rationale"),
                tuple(str(r) for r in _list(raw.get("references"))),
                tuple(str(r) for r in _list(raw.get("replaces"))))


# --- submissions -------------------------------------------------------------

@dataclass(frozen=True)
class Person:
    key: str
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    kind: str
    battery: str
    owner: str | None = None


@dataclass(frozen=True)
class System:
    id: str
    name: str
    grade: int | None
    owner: str | None
    site: str | None
    deputy: str | None = None
    dr_site: str | None = None


@dataclass(frozen=True)
class Evidence:
    file: str | None = None
    sha256: str | None = None
    ref: str | None = None

    @property
    def label(self) -> str:
        return self.file or self.ref or ""


@dataclass(frozen=True)
class Remediation:
    action: str
    owner: str | None
    due: dt.date | None


@dataclass(frozen=True)
class Answer:
    """One answer: for an institution-scope item, or one site or system of an item."""

    status: str | None = None
    value: Any = None
    owner: str | None = None
    evidence: tuple[Evidence, ...] = ()
    comment: str | None = None
    remediation: Remediation | None = None


@dataclass(frozen=True)
class Approval:
    person: str
    date: dt.date | None


@dataclass(frozen=True)
class Submission:
    path: str
    checklist: str
    checklist_version: str
    period: int | None
    as_of: dt.date | None
    institution_code: str
    institution_name: Text
    people: dict[str, Person]
    sites: tuple[Site, ...]
    systems: tuple[System, ...]
    # item id -> Answer (institution scope) or {site/system id -> Answer}
    answers: dict[str, Answer | dict[str, Answer]]
    prepared_by: str | None = None
    approved_by: Approval | None = None
    classification: str | None = None
    sha256: str = ""

    @cached_property
    def site_map(self) -> dict[str, Site]:
        return {site.id: site for site in self.sites}

    @cached_property
    def system_map(self) -> dict[str, System]:
        return {system.id: system for system in self.systems}

    @cached_property
    def targets_seen(self) -> dict[tuple[str, AppliesTo], list[str]]:
        """applicable_targets() per (scope, applies_to), computed once: items share them, passes repeat them."""
        return {}

    def person_name(self, key: str | None) -> str:
        if not key:
            return ""
        person = self.people.get(key)
        return person.name if person else key


def build_submission(data: Any, path: str = "", sha256: str = "") -> Submission:
    """A Submission from loaded data; tolerant of anything the validator reported."""
    data = _dict(data)
    institution = _dict(data.get("institution"))
    people = {str(k): _build_person(str(k), _dict(v)) for k, v in _dict(data.get("people")).items()}
    sites = tuple(_build_site(_dict(s)) for s in _list(data.get("sites")) if isinstance(s, dict))
    systems = tuple(_build_system(_dict(s)) for s in _list(data.get("systems")) if isinstance(s, dict))
    answers: dict[str, Answer | dict[str, Answer]] = {}
    for item_id, raw in _dict(data.get("answers")).items():
        raw = _dict(raw)
        nested = raw.get("sites", raw.get("systems"))
        if isinstance(nested, dict):
            answers[str(item_id)] = {str(k): build_answer(_dict(v)) for k, v in nested.items()}
        else:
            answers[str(item_id)] = build_answer(raw)
    approval = _dict(data.get("approved_by"))
    period = data.get("period")
    return Submission(
        path, str(data.get("checklist", "")), str(data.get("checklist_version", "")),
        period if isinstance(period, int) and not isinstance(period, bool) else None,
        parse_date(data.get("as_of")), str(institution.get("code", "")), Text.of(institution.get("name", "")),
        people, sites, systems, answers, _str(data.get("prepared_by")),
        Approval(str(approval.get("person", "")), parse_date(approval.get("date"))) if approval else None,
        _str(data.get("classification")), sha256)


def _build_person(key: str, raw: dict[str, Any]) -> Person:
    return Person(key, str(raw.get("name", key)), str(raw.get("role", "")), str(raw.get("email", "")),
                  str(raw.get("phone", "")))


def _build_site(raw: dict[str, Any]) -> Site:
    return Site(str(raw.get("id", "")), str(raw.get("name", "")), str(raw.get("kind", "")),
                str(raw.get("battery", "none")), _str(raw.get("owner")))


def _build_system(raw: dict[str, Any]) -> System:
    grade = raw.get("grade")
    return System(str(raw.get("id", "")), str(raw.get("name", "")),
                  grade if isinstance(grade, int) and not isinstance(grade, bool) else None,
                  _str(raw.get("owner")), _str(raw.get("site")), _str(raw.get("deputy")), _str(raw.get("dr_site")))


def build_answer(raw: dict[str, Any]) -> Answer:
    given = raw.get("evidence")
    evidence = tuple([Evidence(_str(e.get("file")), _str(e.get("sha256")), _str(e.get("ref")))
                      for e in given if isinstance(e, dict)]) if isinstance(given, list) and given else ()
    remediation = _dict(raw.get("remediation"))
    return Answer(
        _str(raw.get("status")), raw.get("value"), _str(raw.get("owner")), evidence, _str(raw.get("comment")),
        Remediation(str(remediation.get("action", "")), _str(remediation.get("owner")),
                    parse_date(remediation.get("due"))) if remediation else None)


def applicable_targets(item: Item, submission: Submission) -> list[str] | None:
    """Ids of the sites or systems an item asks about; None for an institution-scope item."""
    if item.scope == "institution":
        return None
    key = (item.scope, item.applies_to)
    found = submission.targets_seen.get(key)
    if found is None:
        found = submission.targets_seen[key] = _targets(item, submission)
    return list(found)


def _targets(item: Item, submission: Submission) -> list[str]:
    rule = item.applies_to
    if item.scope == "system":
        return [s.id for s in submission.systems if rule.grades is None or s.grade in rule.grades]
    hosted: dict[str, set[int]] = {}
    for system in submission.systems:
        for site in (system.site, system.dr_site):
            if site and system.grade is not None:
                hosted.setdefault(site, set()).add(system.grade)
    return [s.id for s in submission.sites
            if (rule.battery is None or s.battery in rule.battery)
            and (rule.site_kinds is None or s.kind in rule.site_kinds)
            and (rule.grades is None or hosted.get(s.id, set()) & rule.grades)]


def target_grade(item: Item, submission: Submission, target: str | None) -> int | None:
    """The grade whose rule applies: the system's own grade for system-scope items."""
    if item.scope != "system" or target is None:
        return None
    system = submission.system_map.get(target)
    return system.grade if system else None


# (item id, site/system id or None) -> the answer assessed and its verdict; the answer is kept to check identity
Verdicts = dict[tuple[str, str | None], tuple[Answer, Verdict]]


def assess(item: Item, answer: Answer, grade: int | None, as_of: dt.date | None) -> Verdict:
    """The status an answer earns: computed from its value where the item has a rule, else declared."""
    if answer.status == "not_applicable":
        return Verdict("not_applicable", answer.comment or "not applicable")
    if item.answer.computed and answer.value is not None and as_of is not None:
        return item.answer.judge(answer.value, grade, as_of)
    if answer.status in STATUS_RANK:
        return Verdict(answer.status, "declared")
    return Verdict("non_compliant", "not answered")
