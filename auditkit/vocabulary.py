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


# --- the public variant (report --public; applied by redact.py) --------------------------------------------------
# A site's name becomes its kind (SITE_KIND_TERMS) and city: the code of each term below is a place name that may
# appear in a site's name, its labels the city it stands for (a district stands for its city: 가산 -> 서울).
CITY_TERMS = _terms(
    ("서울", "서울", "Seoul"), ("부산", "부산", "Busan"), ("대구", "대구", "Daegu"), ("인천", "인천", "Incheon"),
    ("광주", "광주", "Gwangju"), ("대전", "대전", "Daejeon"), ("울산", "울산", "Ulsan"), ("세종", "세종", "Sejong"),
    ("수원", "수원", "Suwon"), ("성남", "성남", "Seongnam"), ("판교", "성남", "Seongnam"), ("용인", "용인", "Yongin"),
    ("고양", "고양", "Goyang"), ("안양", "안양", "Anyang"), ("청주", "청주", "Cheongju"), ("오송", "청주", "Cheongju"),
    ("천안", "천안", "Cheonan"), ("공주", "공주", "Gongju"), ("전주", "전주", "Jeonju"), ("나주", "나주", "Naju"),
    ("춘천", "춘천", "Chuncheon"), ("원주", "원주", "Wonju"), ("강릉", "강릉", "Gangneung"), ("창원", "창원", "Changwon"),
    ("김해", "김해", "Gimhae"), ("진주", "진주", "Jinju"), ("포항", "포항", "Pohang"), ("구미", "구미", "Gumi"),
    ("김천", "김천", "Gimcheon"), ("제주", "제주", "Jeju"), ("목동", "서울", "Seoul"), ("상암", "서울", "Seoul"),
    ("가산", "서울", "Seoul"), ("서초", "서울", "Seoul"), ("구로", "서울", "Seoul"), ("문현", "부산", "Busan"),
)
# An evidence reference becomes its document type: the code is a word that may end the reference (the match that
# ends last wins), the labels the type. A file is typed by its extension.
DOCUMENT_TYPE_TERMS = _terms(
    ("보고서", "보고서", "report"), ("정책서", "정책서", "policy"), ("계획", "계획서", "plan"), ("예산", "계획서", "plan"),
    ("구성도", "도면", "diagram"), ("계통도", "도면", "diagram"), ("결선도", "도면", "diagram"), ("경로도", "도면", "diagram"),
    ("평면도", "도면", "diagram"), ("배치도", "도면", "diagram"), ("계약서", "계약서", "contract"), ("특수조건", "계약서", "contract"),
    ("대장", "관리대장", "register"), ("목록", "목록", "list"), ("현황", "현황표", "inventory"), ("현황표", "현황표", "inventory"),
    ("구성표", "현황표", "inventory"), ("점검표", "점검표", "checklist"), ("분석표", "분석표", "analysis"),
    ("추적표", "관리대장", "register"), ("보존기간표", "현황표", "inventory"), ("회의록", "회의록", "minutes"),
    ("절차서", "절차서", "procedure"), ("절차", "절차서", "procedure"), ("개정본", "계획서", "plan"), ("기록", "기록", "record"),
    ("기록부", "기록", "record"), ("로그", "기록", "record"), ("이력", "기록", "record"), ("검토", "검토 문서", "review"),
    ("검토본", "검토 문서", "review"), ("사진", "사진", "photograph"), ("화면", "화면 캡처", "screenshot"),
    ("설정", "설정 자료", "configuration"), ("확인서", "증명서", "certificate"), ("확인증", "증명서", "certificate"),
    ("신고서", "증명서", "certificate"), ("등록증", "증명서", "certificate"), ("인증서", "증명서", "certificate"),
    ("성적서", "시험 성적서", "test certificate"), ("위험수용서", "승인 문서", "approval"), ("결재 문서", "승인 문서", "approval"),
    ("회신", "공문", "letter"), ("공문", "공문", "letter"), ("결과", "결과 문서", "results"), ("증적", "증적 문서", "evidence"),
    ("사양서", "사양서", "specification"), ("지정 문서", "지정 문서", "designation"), ("신문", "언론 보도", "press report"),
    ("보도자료", "언론 보도", "press report"), ("일보", "언론 보도", "press report"), ("데일리", "언론 보도", "press report"),
    ("SBS", "언론 보도", "press report"), ("KBS", "언론 보도", "press report"), ("MBC", "언론 보도", "press report"),
    ("가정", "가정", "assumption"),
)
FILE_TYPE_TERMS = _terms(
    (".pdf", "PDF 문서", "PDF document"), (".txt", "텍스트 문서", "text document"), (".csv", "스프레드시트", "spreadsheet"),
    (".xlsx", "스프레드시트", "spreadsheet"), (".xls", "스프레드시트", "spreadsheet"), (".jpg", "사진", "photograph"),
    (".jpeg", "사진", "photograph"), (".png", "사진", "photograph"), (".hwp", "문서", "document"),
    (".hwpx", "문서", "document"), (".doc", "문서", "document"), (".docx", "문서", "document"),
    (".log", "기록", "record"),
)
OTHER_DOCUMENT = Term("", "증적 문서", "evidence document")
OTHER_FILE = Term("", "파일", "file")
NO_ROLE = Term("", "담당자", "person in charge")  # what a person without a role in `people` becomes


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
