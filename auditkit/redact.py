"""The public variant of a report (`auditkit report --public`): what may be published once the audit is public.

The rules, applied to every text the report prints (a Jinja ``finalize`` hook, so no field can be forgotten):

- a person's name becomes their role from ``people`` (김민수 -> 정보보호부장(CISO)), or "담당자" when no role is given;
- e-mail addresses and telephone numbers are removed wherever they appear (free text included);
- a site's name becomes its city and kind (부산 본사 전산센터 -> 부산 자체 전산실); the city is the first place name
  of CITY_TERMS found in the site's name (a district stands for its city: 가산 -> 서울), else the kind alone;
- an evidence reference becomes its document type (업무영향분석 결과보고서 2026 (정보보호부-8129) -> 보고서): the
  document-type word that ends last in the reference, or the file's type for an evidence file;
- no source is embedded (the YAML would carry everything above), and the marking is 공개용 (PUBLIC).

The vocabulary of these rules (site kinds, cities, document and file types, with Korean and English labels) is in
vocabulary.py with the rest of the format's words.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from .model import Evidence, Submission
from .vocabulary import (
    CITY_TERMS,
    DOCUMENT_TYPE_TERMS,
    FILE_TYPE_TERMS,
    NO_ROLE,
    OTHER_DOCUMENT,
    OTHER_FILE,
    SITE_KIND_TERMS,
    Term,
)

CITIES = {term.code: term for term in CITY_TERMS}
DOCUMENT_TYPES = {term.code: term for term in DOCUMENT_TYPE_TERMS}
FILE_TYPES = {term.code: term for term in FILE_TYPE_TERMS}
SITE_KINDS = {term.code: term for term in SITE_KIND_TERMS}

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_RE = re.compile(r"(?<![\w+])(?:\+82[-. ]?\(?0?\)?|0)\d{1,2}[-. )]\s?\d{3,4}[-. ]\d{4}(?!\d)")


def city_of(name: str) -> Term | None:
    """The city a site's name names: the place name that appears first in it."""
    found = [(name.find(code), -len(code), code) for code in CITIES if code in name]
    return CITIES[min(found)[2]] if found else None


def site_label(kind: str, name: str, lang: str) -> str:
    """부산 자체 전산실 / own facility in Busan: the site's city and kind, or its kind alone."""
    label = SITE_KINDS[kind].label(lang) if kind in SITE_KINDS else kind
    city = city_of(name)
    if city is None:
        return label
    return f"{city.label(lang)} {label}" if lang == "ko" else f"{label} in {city.label(lang)}"


def document_type(reference: str, lang: str) -> str:
    """The type of document an evidence reference names: the known document word that ends last in it."""
    text = re.sub(r"\([^)]*\)|—.*$|\d{4}[-.]?\d{0,2}", " ", reference)
    best: tuple[int, int, Term] | None = None
    for word, kind in DOCUMENT_TYPES.items():
        at = text.rfind(word)
        if at >= 0 and (best is None or (at + len(word), len(word)) > best[:2]):
            best = (at + len(word), len(word), kind)
    return (best[2] if best else OTHER_DOCUMENT).label(lang)


def evidence_type(evidence: Evidence, lang: str) -> str:
    if evidence.file:
        return FILE_TYPES.get(PurePosixPath(evidence.file).suffix.lower(), OTHER_FILE).label(lang)
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
            replacements[person.name.strip()] = person.role.strip() or NO_ROLE.label(lang)
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
