"""The format's vocabulary, defined once: every list of allowed words, its Korean and English terms, and the scoring
defaults. The JSON schemas (checklist and submission), the skeleton's hints, the messages, the reports and the
docs are all built from here, so that a word added or renamed here is added or renamed everywhere.

Terms are chosen once: a status is 적합 / 부분 적합 / 부적합 / 해당 없음 in every message, report, workbook and
checklist text; a rating is 준비 완료 / 조건부 준비 / 준비 미흡.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .i18n import language


@dataclass(frozen=True)
class Term:
    """One word of the format: its machine code (what files hold) and what a person reads, in Korean and English."""

    code: str
    ko: str
    en: str

    def label(self, lang: str | None = None) -> str:
        return self.ko if (lang or language()) == "ko" else self.en


def _terms(*rows: tuple[str, str, str]) -> tuple[Term, ...]:
    return tuple(Term(*row) for row in rows)


STATUS_TERMS = _terms(
    ("compliant", "적합", "compliant"),
    ("partial", "부분 적합", "partial"),
    ("non_compliant", "부적합", "non-compliant"),
    ("not_applicable", "해당 없음", "not applicable"),
)
SEVERITY_TERMS = _terms(("critical", "중대", "critical"), ("high", "높음", "high"), ("medium", "보통", "medium"),
                        ("low", "낮음", "low"))
SCOPE_TERMS = _terms(("institution", "기관 전체", "institution"), ("site", "시설별", "per site"),
                     ("system", "시스템별", "per system"))
SITE_KIND_TERMS = _terms(("own", "자체 전산실", "own facility"), ("nirs", "국가정보자원관리원", "NIRS"),
                         ("colocation", "위탁 운영(코로케이션)", "colocation"), ("cloud", "클라우드", "cloud"))
BATTERY_TERMS = _terms(("li-ion", "리튬이온", "lithium-ion"), ("vrla", "밀폐형 납축전지(VRLA)", "VRLA lead-acid"),
                       ("vla", "개방형 납축전지(VLA)", "vented lead-acid"), ("none", "없음", "none"))
ANSWER_TYPE_TERMS = _terms(("status", "상태", "status"), ("number", "수치", "number"), ("date", "날짜", "date"),
                           ("choice", "선택", "choice"), ("text", "글", "text"))
EVIDENCE_TERMS = _terms(("required", "필수", "required"), ("optional", "선택", "optional"), ("none", "없음", "none"))
RATING_TERMS = _terms(("ready", "준비 완료", "ready"), ("conditionally_ready", "조건부 준비", "conditionally ready"),
                      ("not_ready", "준비 미흡", "not ready"))
GRADES = (1, 2, 3, 4)  # public-sector information system grade: 1 is the most critical


def codes(terms: tuple[Term, ...]) -> tuple[str, ...]:
    return tuple(term.code for term in terms)


STATUSES = codes(STATUS_TERMS)
SEVERITIES = codes(SEVERITY_TERMS)  # most serious first
SCOPES = codes(SCOPE_TERMS)
SITE_KINDS = codes(SITE_KIND_TERMS)
BATTERIES = codes(BATTERY_TERMS)
ANSWER_TYPES = codes(ANSWER_TYPE_TERMS)
COMPUTED_TYPES = ("number", "date", "choice")  # the status follows from the value
EVIDENCE_LEVELS = codes(EVIDENCE_TERMS)
RATINGS = codes(RATING_TERMS)  # best first
STATUS_RANK = MappingProxyType({"non_compliant": 0, "partial": 1, "compliant": 2})  # higher is better; N/A outside

NEVER = "never"  # the value of a date item whose event has never happened

SCORING_DEFAULTS: MappingProxyType[str, Any] = MappingProxyType({
    "weights": MappingProxyType({"critical": 4, "high": 3, "medium": 2, "low": 1}),
    "partial_credit": 0.5,
    "ready_at": 90,
    "conditional_at": 70,
    "remediation_days": MappingProxyType({"critical": 30, "high": 90, "medium": 180, "low": 365}),
})

TERMS: MappingProxyType[str, Term] = MappingProxyType({
    f"{group}:{term.code}": term
    for group, terms in (("status", STATUS_TERMS), ("severity", SEVERITY_TERMS), ("scope", SCOPE_TERMS),
                         ("site_kind", SITE_KIND_TERMS), ("battery", BATTERY_TERMS), ("answer_type", ANSWER_TYPE_TERMS),
                         ("evidence", EVIDENCE_TERMS), ("rating", RATING_TERMS))
    for term in terms})


def term(group: str, code: str) -> Term | None:
    """The Term of a code in a group ('status', 'rating', 'severity', 'site_kind', 'battery', …), None if unknown."""
    return TERMS.get(f"{group}:{code}")


def label(group: str, code: str, lang: str | None = None) -> str:
    """What a person reads for a code (the code itself when it is not a word of the vocabulary)."""
    found = term(group, code)
    return found.label(lang) if found else code


def choices(terms: tuple[Term, ...]) -> str:
    """'own | nirs | colocation | cloud': the allowed codes, as the skeleton's hints and messages list them."""
    return " | ".join(codes(terms))
