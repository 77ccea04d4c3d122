"""The public variant of a report (`auditkit report --public`): what may be published once the audit is public.

The rules, applied to every text the report prints (a Jinja ``finalize`` hook, so no field can be forgotten):

- a person's name becomes their role from ``people`` (김민수 -> 정보보호부장(CISO)), or "담당자" when no role is given;
- e-mail addresses and telephone numbers are removed wherever they appear (free text included);
- a site's name becomes its kind and city (부산 본사 전산센터 -> 자체 전산시설 (부산)); the city is the first place
  name of CITIES found in the site's name (a district maps to its city: 가산 -> 서울), else the kind alone;
- an evidence reference becomes its document type (업무영향분석 결과보고서 2026 (정보보호부-8129) -> 보고서): the
  document-type word that ends last in the reference, or the file's type for an evidence file;
- no source is embedded (the YAML would carry everything above), and the marking is 공개용 (PUBLIC).

The vocabulary of these rules (site kinds, cities, document types) is kept here, in one place, with Korean and
English labels.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from .model import Evidence, Submission

SITE_KINDS = {"own": ("자체 전산시설", "own facility"), "nirs": ("국가정보자원관리원 센터", "NIRS centre"),
              "colocation": ("민간 데이터센터", "colocation data centre"), "cloud": ("클라우드", "cloud")}

# place name in a site's name -> (city ko, city en); metropolitan cities, provinces' main cities, and districts
# that name a data-centre location more often than their city does
CITIES = {
    "서울": ("서울", "Seoul"), "부산": ("부산", "Busan"), "대구": ("대구", "Daegu"), "인천": ("인천", "Incheon"),
    "광주": ("광주", "Gwangju"), "대전": ("대전", "Daejeon"), "울산": ("울산", "Ulsan"), "세종": ("세종", "Sejong"),
    "수원": ("수원", "Suwon"), "성남": ("성남", "Seongnam"), "판교": ("성남", "Seongnam"), "용인": ("용인", "Yongin"),
    "고양": ("고양", "Goyang"), "안양": ("안양", "Anyang"), "청주": ("청주", "Cheongju"), "오송": ("청주", "Cheongju"),
    "천안": ("천안", "Cheonan"), "공주": ("공주", "Gongju"), "전주": ("전주", "Jeonju"), "나주": ("나주", "Naju"),
    "춘천": ("춘천", "Chuncheon"), "원주": ("원주", "Wonju"), "강릉": ("강릉", "Gangneung"), "창원": ("창원", "Changwon"),
    "김해": ("김해", "Gimhae"), "진주": ("진주", "Jinju"), "포항": ("포항", "Pohang"), "구미": ("구미", "Gumi"),
    "김천": ("김천", "Gimcheon"), "제주": ("제주", "Jeju"), "목동": ("서울", "Seoul"), "상암": ("서울", "Seoul"),
    "가산": ("서울", "Seoul"), "서초": ("서울", "Seoul"), "구로": ("서울", "Seoul"), "문현": ("부산", "Busan"),
}

# a word that ends an evidence reference -> its document type (ko, en); the match that ends last wins
DOCUMENT_TYPES = {
    "보고서": ("보고서", "report"), "정책서": ("정책서", "policy"), "계획": ("계획서", "plan"), "예산": ("계획서", "plan"),
    "구성도": ("도면", "diagram"), "계통도": ("도면", "diagram"), "결선도": ("도면", "diagram"),
    "경로도": ("도면", "diagram"), "평면도": ("도면", "diagram"), "배치도": ("도면", "diagram"),
    "계약서": ("계약서", "contract"), "특수조건": ("계약서", "contract"), "대장": ("관리대장", "register"),
    "목록": ("목록", "list"), "현황": ("현황표", "inventory"), "현황표": ("현황표", "inventory"),
    "구성표": ("현황표", "inventory"), "점검표": ("점검표", "checklist"), "분석표": ("분석표", "analysis"),
    "추적표": ("관리대장", "register"), "보존기간표": ("현황표", "inventory"), "회의록": ("회의록", "minutes"),
    "절차서": ("절차서", "procedure"), "절차": ("절차서", "procedure"), "개정본": ("계획서", "plan"),
    "기록": ("기록", "record"), "기록부": ("기록", "record"), "로그": ("기록", "record"), "이력": ("기록", "record"),
    "검토": ("검토 문서", "review"), "검토본": ("검토 문서", "review"), "사진": ("사진", "photograph"),
    "화면": ("화면 캡처", "screenshot"), "설정": ("설정 자료", "configuration"), "확인서": ("증명서", "certificate"),
    "확인증": ("증명서", "certificate"), "신고서": ("증명서", "certificate"), "등록증": ("증명서", "certificate"),
    "인증서": ("증명서", "certificate"), "성적서": ("시험 성적서", "test certificate"), "위험수용서": ("승인 문서", "approval"),
    "결재 문서": ("승인 문서", "approval"), "회신": ("공문", "letter"), "공문": ("공문", "letter"),
    "결과": ("결과 문서", "results"), "증적": ("증적 문서", "evidence"), "사양서": ("사양서", "specification"),
    "지정 문서": ("지정 문서", "designation"), "신문": ("언론 보도", "press report"), "보도자료": ("언론 보도", "press report"),
    "일보": ("언론 보도", "press report"), "데일리": ("언론 보도", "press report"), "SBS": ("언론 보도", "press report"),
    "KBS": ("언론 보도", "press report"), "MBC": ("언론 보도", "press report"), "가정": ("가정", "assumption"),
}
DEFAULT_DOCUMENT = ("증적 문서", "evidence document")
FILE_TYPES = {".pdf": ("PDF 문서", "PDF document"), ".txt": ("텍스트 문서", "text document"),
              ".csv": ("스프레드시트", "spreadsheet"), ".xlsx": ("스프레드시트", "spreadsheet"),
              ".xls": ("스프레드시트", "spreadsheet"), ".jpg": ("사진", "photograph"), ".jpeg": ("사진", "photograph"),
              ".png": ("사진", "photograph"), ".hwp": ("문서", "document"), ".hwpx": ("문서", "document"),
              ".doc": ("문서", "document"), ".docx": ("문서", "document"), ".log": ("기록", "record")}
DEFAULT_FILE = ("파일", "file")
NO_ROLE = ("담당자", "person in charge")

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_RE = re.compile(r"(?<![\w+])(?:\+82[-. ]?\(?0?\)?|0)\d{1,2}[-. )]\s?\d{3,4}[-. ]\d{4}(?!\d)")


def _label(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "ko" else pair[1]


def city_of(name: str) -> tuple[str, str] | None:
    """The city a site's name names: the place name that appears first in it."""
    found = [(name.find(token), -len(token), city) for token, city in CITIES.items() if token in name]
    return min(found)[2] if found else None


def site_label(kind: str, name: str, lang: str) -> str:
    label = _label(SITE_KINDS.get(kind, DEFAULT_DOCUMENT), lang) if kind in SITE_KINDS else kind
    city = city_of(name)
    return f"{label} ({_label(city, lang)})" if city else label


def document_type(reference: str, lang: str) -> str:
    """The type of document an evidence reference names: the known document word that ends last in it."""
    text = re.sub(r"\([^)]*\)|—.*$|\d{4}[-.]?\d{0,2}", " ", reference)
    best: tuple[int, int, tuple[str, str]] | None = None
    for word, kind in DOCUMENT_TYPES.items():
        at = text.rfind(word)
        if at >= 0:
            candidate = (at + len(word), len(word), kind)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    return _label(best[2] if best else DEFAULT_DOCUMENT, lang)


def evidence_type(evidence: Evidence, lang: str) -> str:
    if evidence.file:
        return _label(FILE_TYPES.get(PurePosixPath(evidence.file).suffix.lower(), DEFAULT_FILE), lang)
    return document_type(evidence.ref or "", lang)


@dataclass(frozen=True)
class Redactor:
    """Replaces the submission's names (people, sites) and removes e-mail addresses and phone numbers in a text."""

    pattern: re.Pattern[str] | None
    replacements: dict[str, str]
    lang: str

    def __call__(self, text: str) -> str:
        if self.pattern is not None:
            text = self.pattern.sub(lambda m: self.replacements[m.group(0)], text)
        return PHONE_RE.sub("", EMAIL_RE.sub("", text))

    def evidence(self, evidence: Evidence) -> str:
        return evidence_type(evidence, self.lang)


def redactor_for(sub: Submission, lang: str) -> Redactor:
    replacements: dict[str, str] = {}
    for person in sub.people.values():
        if person.name.strip():
            replacements[person.name.strip()] = person.role.strip() or _label(NO_ROLE, lang)
    for site in sub.sites:
        if site.name.strip():
            replacements[site.name.strip()] = site_label(site.kind, site.name, lang)
    keys = sorted(replacements, key=len, reverse=True)  # longest first: a site name that holds another name
    pattern = re.compile("|".join(map(re.escape, keys))) if keys else None
    return Redactor(pattern, replacements, lang)


def finalize(redactor: Callable[[str], str] | None, value: Any) -> Any:
    """What the report prints for ``value``: redacted when the report is the public variant."""
    if redactor is None or not isinstance(value, str):
        return value
    from markupsafe import Markup

    return Markup(redactor(str(value))) if isinstance(value, Markup) else redactor(value)
