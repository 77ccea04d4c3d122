"""Frozen data: checklists, their items and rules, and submissions.

Building a model never raises on odd data: the validator has already said
what is wrong, and a draft report must still render what is there.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .i18n import _
from .verdict import UNANSWERED, AnswerSpec, Verdict, Why, _dict, _list, _str, parse_date
from .vocabulary import SCORING_DEFAULTS, SEVERITIES, STATUS_RANK, STATUSES  # noqa: F401 - STATUSES etc. re-exported


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
        """What an item applies to, in the current language, with the codes a submission uses: 'battery li-ion/vrla;
        sites own; grades 1,2'."""
        parts = []
        if self.battery:
            parts.append(_("battery {batteries}").format(batteries="/".join(sorted(self.battery))))
        if self.site_kinds:
            parts.append(_("sites {kinds}").format(kinds="/".join(sorted(self.site_kinds))))
        if self.grades:
            parts.append(_("grades {grades}").format(grades=",".join(str(g) for g in sorted(self.grades))))
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
    partial_credit: float = SCORING_DEFAULTS["partial_credit"]
    ready_at: float = SCORING_DEFAULTS["ready_at"]
    conditional_at: float = SCORING_DEFAULTS["conditional_at"]
    remediation_days: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, value: Any) -> Scoring:
        data = _dict(value)
        weights = dict(SCORING_DEFAULTS["weights"]) | _dict(data.get("weights"))
        days = dict(SCORING_DEFAULTS["remediation_days"]) | _dict(data.get("remediation_days"))
        number = {key: float(data.get(key, SCORING_DEFAULTS[key])) for key in ("partial_credit", "ready_at", "conditional_at")}
        return cls(weights, number["partial_credit"], number["ready_at"], number["conditional_at"], days)


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
    dropped: dict[str, Text] = field(default_factory=dict, compare=False)  # superseded item id -> why it was dropped

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"


def build_checklist(data: dict[str, Any], path: str = "") -> Checklist:
    """A Checklist from loaded (schema-valid) data."""
    sections = []
    for raw_section in _list(data.get("sections")):
        section_id = str(_dict(raw_section).get("id", ""))
        entries = tuple(_build_item(_dict(raw), section_id) for raw in _list(_dict(raw_section).get("items")))
        sections.append(Section(section_id, Text.of(raw_section.get("title")), entries))
    items = {item.id: item for section in sections for item in section.items}
    optional = {key: Text.of(data[key]) if key in data else None for key in ("authority",)}
    dropped = {str(_dict(d).get("id", "")): Text.of(_dict(d).get("reason")) for d in _list(data.get("dropped"))}
    return Checklist(str(data.get("checklist", "")), str(data.get("version", "")), Text.of(data.get("title")),
                     tuple(sections), Scoring.of(data.get("scoring")), path, _str(data.get("supersedes")),
                     _str(data.get("published")), optional["authority"], items, dropped)


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
    source: bytes = field(default=b"", repr=False, compare=False)  # the file's bytes as read (once): what a PDF embeds

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
        return Verdict("not_applicable", answer.comment) if answer.comment else Verdict.of("not_applicable", Why("not_applicable"))
    if item.answer.computed and answer.value is not None and as_of is not None:
        return item.answer.judge(answer.value, grade, as_of)
    if answer.status is not None and answer.status in STATUS_RANK:
        return Verdict(answer.status, "declared")
    return UNANSWERED
