"""What a submission workbook looks like: its sheets, their columns, and the words in them.

Shared by the writer and the reader, and free of openpyxl. Every data sheet has a hidden first row of machine
keys (``item``, ``status``, …): the reader finds its columns by them, so a workbook reads the same whatever
language its headers are in. Statuses are shown as the vocabulary's terms (적합 / 부분 적합 / 부적합 / 해당 없음)
and read back through a table that accepts the terms of both languages and the machine codes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import N_
from ..vocabulary import BATTERIES, SITE_KINDS, STATUS_TERMS, STATUSES

FORMAT = 1  # the workbook layout version the metadata sheet records; a newer one is refused
HEADER_ROW = 2  # row 1 holds the machine keys (hidden), row 2 the headers people read
FIRST_ROW = 3
SPARE_ROWS = 100  # empty, unlocked rows under people, sites and systems for additions
META_SHEET = "_auditkit"
LIST_SHEET = "_lists"
EXTRA = "_extra"  # hidden column: keys of an entry that have no column, as JSON (kept, so nothing is lost)
MAX_CELL = 32767  # Excel's limit on the characters of one cell

STATUS_LABELS = {lang: {term.code: term.label(lang) for term in STATUS_TERMS} for lang in ("ko", "en")}


def status_code(text: str) -> str:
    """The machine code of a status cell's text in either language (or already a code); else the text as it is,
    for validation to report."""
    key = " ".join(text.split()).lower()
    for labels in STATUS_LABELS.values():
        for code, label in labels.items():
            if key in (label.lower(), code, code.replace("_", "-"), code.replace("_", " ")):
                return code
    return text


@dataclass(frozen=True)
class Column:
    key: str  # machine key, written in the hidden row 1
    ko: str
    en: str
    width: float
    input: bool = True  # unlocked for typing
    hidden: bool = False
    wrap: bool = False

    def title(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en


def _col(key: str, ko: str, en: str, width: float, **kw: bool) -> Column:
    return Column(key, ko, en, width, **kw)


SHEET_TITLES = {
    "cover": ("표지", "Cover"), "people": ("담당자", "People"), "sites": ("시설", "Sites"),
    "systems": ("정보시스템", "Systems"), "other": ("기타 응답", "Other answers"),
}

PEOPLE = (_col("key", "키(영문)", "Key", 14), _col("name", "이름", "Name", 14), _col("role", "직위·역할", "Role", 24),
          _col("email", "이메일", "E-mail", 26), _col("phone", "전화", "Phone", 18),
          _col(EXTRA, "", "", 4, hidden=True))
SITES = (_col("id", "시설 ID", "Site id", 14), _col("name", "이름", "Name", 30),
         _col("kind", "유형", "Kind", 13), _col("battery", "UPS 축전지", "UPS battery", 13),
         _col("owner", "관리 책임자", "Owner", 14), _col(EXTRA, "", "", 4, hidden=True))
SYSTEMS = (_col("id", "시스템 ID", "System id", 16), _col("name", "이름", "Name", 30), _col("grade", "등급", "Grade", 7),
           _col("owner", "책임자", "Owner", 14), _col("deputy", "부책임자", "Deputy", 14),
           _col("site", "주 시설", "Site", 14), _col("dr_site", "재해복구 시설", "DR site", 14),
           _col(EXTRA, "", "", 4, hidden=True))
ANSWERS = (
    _col("item", "항목", "Item", 9, input=False), _col("target", "대상", "Target", 13, input=False),
    _col("target_name", "대상 이름", "Target name", 18, input=False, wrap=True),
    _col("question", "질문", "Question", 30, input=False, wrap=True),
    _col("rule", "요구사항 · 판정 기준", "Requirement · compliant when", 44, input=False, wrap=True),
    _col("status", "상태", "Status", 12), _col("value", "값", "Value", 13),
    _col("unit", "단위", "Unit", 8, input=False),
    _col("owner", "담당자", "Owner", 12), _col("evidence", "증빙", "Evidence", 34, wrap=True),
    _col("comment", "의견", "Comment", 30, wrap=True),
    _col("action", "조치 계획", "Remediation action", 28, wrap=True), _col("action_owner", "조치 담당", "Action owner", 12),
    _col("due", "조치 기한", "Due", 12), _col("review", "검토 메모", "Review note", 20, wrap=True),
    _col("scope", "", "", 4, hidden=True, input=False), _col(EXTRA, "", "", 4, hidden=True),
)
LIST_COLUMNS = {"people": PEOPLE, "sites": SITES, "systems": SYSTEMS}

# the cover: (machine key, Korean label, English label, kind); kind: text, date, int, person, fixed
COVER = (
    ("checklist", "점검표", "Checklist", "fixed"), ("checklist_version", "점검표 버전", "Checklist version", "fixed"),
    ("institution.code", "기관 코드", "Institution code", "text"),
    ("institution.name.ko", "기관명(국문)", "Institution name (Korean)", "text"),
    ("institution.name.en", "기관명(영문)", "Institution name (English)", "text"),
    ("period", "점검 연도", "Audit year", "int"), ("as_of", "기준일", "As of", "date"),
    ("classification", "보안 등급 표시", "Classification", "text"),
    ("prepared_by", "작성자", "Prepared by", "person"),
    ("approved_by.person", "승인자", "Approved by", "person"), ("approved_by.date", "승인일", "Approval date", "date"),
)

NOTES = {
    "ko": ("이 통합문서는 auditkit 제출서의 한 형태입니다. 흰 칸(잠금 해제)에 입력하고 회색 칸은 그대로 두십시오.",
           "상태·담당자·시설·시스템은 목록에서 고르고, 날짜는 날짜로 입력하십시오. 수식은 받지 않습니다.",
           "증빙은 한 줄에 하나: 문서번호·메모는 그대로, 파일은 'file: 경로 sha256: 해시'.",
           "확인: auditkit validate 이 파일.xlsx   YAML로: auditkit import 이 파일.xlsx -o 제출서.yaml"),
    "en": ("This workbook is one form of an auditkit submission. Type into the white (unlocked) cells; leave the grey ones.",
           "Choose statuses, people, sites and systems from the lists; type dates as dates. Formulas are not accepted.",
           "Evidence, one per line: a document number or note as it is; a file as 'file: PATH sha256: HASH'.",
           "Check it: auditkit validate THIS.xlsx   To YAML: auditkit import THIS.xlsx -o submission.yaml"),
}

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\']")


def section_sheet(section_id: str, title: str) -> str:
    """A section's sheet name: 'BKP 백업' (Excel allows 31 characters and none of []:*?/\\)."""
    return _BAD_SHEET_CHARS.sub(" ", f"{section_id} {title}")[:31].strip()


def range_name(key: str) -> str:
    """A defined name for a list: letters, digits and '_' only (an item id's '-' is not allowed)."""
    return "ak_" + re.sub(r"[^A-Za-z0-9_]", "_", key)


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA (without importing openpyxl)."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    return f"{column_letter(column)}{row}"


LETTER = {column.key: column_letter(index) for index, column in enumerate(ANSWERS, start=1)}  # answer column letters


MESSAGES = {
    "status_error": N_("Choose a status from the list"),
}

__all__ = ["BATTERIES", "SITE_KINDS", "STATUSES", "STATUS_LABELS", "status_code", "Column", "COVER", "PEOPLE", "SITES", "SYSTEMS", "ANSWERS",
           "section_sheet", "range_name", "cell_name", "column_letter"]
