"""The mistakes people really make when they fill in a submission by hand, recognised by name.

A Korean public servant types a submission with a Korean input method, in a Korean office: full-width spaces and
colons slip into the indentation, dates come as ``2026.10.04`` or ``2026. 10. 4.``, statuses as ``적합``, item ids
as ``RED-5``. Each of these gets its own finding code, the place where it was typed and the fix, instead of the
generic (and sometimes misplaced) error that YAML or the schema would give. The functions here only recognise; the
loader, the schema translation and the rules call them and keep their own error as the fallback.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence

from .i18n import _
from .vocabulary import STATUS_TERMS, label

FULLWIDTH_SPACE = "\u3000"
FULLWIDTH_COLON = "\uff1a"
FULLWIDTH = (FULLWIDTH_SPACE, FULLWIDTH_COLON)

# Korean words people write for a status besides the vocabulary's own terms (적합, 부분 적합, 부적합, 해당 없음): the
# ones old guidance and office habit use. Spaces do not count (부분적합 is 부분 적합).
_OTHER_STATUS_WORDS = {
    "compliant": ("준수", "이행", "충족"),
    "partial": ("부분 이행", "일부 적합", "일부 이행", "부분 충족"),
    "non_compliant": ("미흡", "미이행", "미준수", "불충족", "미충족"),
    "not_applicable": ("비해당", "해당 사항 없음"),
}
_STATUS_OF = {"".join(word.split()): status for status, words in _OTHER_STATUS_WORDS.items() for word in words} | {
    "".join(term.ko.split()): term.code for term in STATUS_TERMS}

_DATE_STYLES = (
    re.compile(r"(\d{4}|\d{2})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{1,2})\s*\.?"),  # 2026.10.04, 2026. 10. 4., 26-10-04
    re.compile(r"(\d{4})\s*(년)\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일?"),          # 2026년 10월 4일
    re.compile(r"(\d{4})()(\d{2})(\d{2})"),                                      # 20261004
)
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")  # ASCII digits: ２０２６-１０-１５ is another style
_ID = re.compile(r"([A-Za-z]{2,5})\s*[-_\s\u2010-\u2015\u2212\uff0d]?\s*0*(\d{1,3})\Z")


# --- full-width characters where YAML needs ASCII ---------------------------------------------------------------

def fullwidth_problem(lines: Sequence[str], first: int, last: int) -> tuple[int, int, str, str] | None:
    """The first full-width space or colon in YAML's own syntax (indentation, a key's colon, the space after it)
    on lines ``first``..``last`` (1-based, the nearest to ``last`` first), as (line, column, code, message); None
    when there is none."""
    for number in range(min(last, len(lines)), max(first, 1) - 1, -1):
        found = _fullwidth_in_line(lines[number - 1])
        if found is not None:
            column, code, message = found
            return number, column, code, message
    return None


def _fullwidth_in_line(line: str) -> tuple[int, str, str] | None:
    if not any(char in line for char in FULLWIDTH):
        return None
    body = line.lstrip(" \t-")
    indent = line[:len(line) - len(body)]
    if body.startswith(FULLWIDTH_SPACE):
        return len(indent) + 1, "fullwidth-space", _(
            "full-width space (U+3000) in the indentation: YAML indents with ordinary spaces; "
            "delete it and indent with ordinary spaces (turn the input method to English, 영문 입력)")
    key = re.match(r"""[^\s#'"{}\[\],:\uff1a\u3000][^#:\uff1a\u3000]*""", body)
    if key is None:
        return None
    after = len(indent) + key.end()
    rest = line[after:]
    name = key.group().strip()
    if rest.startswith(FULLWIDTH_COLON):
        return after + 1, "fullwidth-colon", _(
            "full-width colon '：' (U+FF1A) after '{key}': YAML needs an ordinary colon and a space; "
            "write '{key}: '").format(key=name)
    if rest.startswith(":" + FULLWIDTH_SPACE) or rest.startswith(FULLWIDTH_SPACE):
        column = after + 1 + rest.index(FULLWIDTH_SPACE)
        return column, "fullwidth-space", _(
            "full-width space (U+3000) after '{key}': YAML needs an ordinary colon and an ordinary space; "
            "write '{key}: '").format(key=name)
    return None


def fullwidth_in_key(key: str) -> str | None:
    """The full-width character a mapping key holds (the key was typed with a Korean input method), or None."""
    return next((char for char in FULLWIDTH if char in key), None)


# --- dates in Korean styles -------------------------------------------------------------------------------------

def korean_date(value: object) -> str | None:
    """The ISO date (YYYY-MM-DD) that a date written in another style means (2026.10.04, 2026/10/04, 2026. 10. 4.,
    26-10-04, 2026년 10월 4일, 20261004, 2026-10-4); None when it is no such real date or already ISO."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = str(value).strip()
    if _ISO.match(text):
        return None
    for style in _DATE_STYLES:
        match = style.fullmatch(text)
        if match is None:
            continue
        year, month, day = int(match.group(1)), int(match.group(3)), int(match.group(4))
        year += 2000 if len(match.group(1)) == 2 else 0
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    return None


def date_message(name: str, value: object, iso: str) -> str:
    """The message for a date written in another style: what to write instead."""
    return _("'{name}' {value} is not written as YYYY-MM-DD: write {iso}").format(
        name=name, value=_quoted(value), iso=iso)


# --- statuses in Korean -----------------------------------------------------------------------------------------

def status_word(value: object) -> str | None:
    """The status a Korean word means (적합 -> compliant, 부분 이행 -> partial, …), or None."""
    if not isinstance(value, str):
        return None
    return _STATUS_OF.get("".join(value.split()))


def status_label(status: str) -> str:
    """The Korean term of a status, as the reports print it."""
    return label("status", status, "ko")


def status_message(value: object, status: str) -> str:
    return _("status {value} is a Korean word: write {status} ({label})").format(
        value=_quoted(value), status=status, label=status_label(status))


# --- ids written another way ------------------------------------------------------------------------------------

def normalised_id(text: str, known: Iterable[str]) -> str | None:
    """The known id that ``text`` is another spelling of: leading zero left out (RED-5 for RED-05), lower case,
    a space, underscore or full-width/typographic dash for the hyphen. None when there is none or text is known."""
    known = set(known)
    if text in known:
        return None
    match = _ID.match(text.strip())
    if match is None:
        upper = text.strip().upper()
        return upper if upper in known else None
    prefix, number = match.group(1).upper(), int(match.group(2))
    for width in (2, 3, 1):
        candidate = f"{prefix}-{number:0{width}d}"
        if candidate in known:
            return candidate
    return None


def suggest(text: str, known: Iterable[str]) -> str | None:
    """The id to suggest for an unknown one: its normalised spelling first (RED-5 -> RED-05, never RED-15),
    else the closest known id."""
    choices = sorted(known)
    found = normalised_id(text, choices)
    if found is not None:
        return found
    close = difflib.get_close_matches(text, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def id_message(key: str, item: str) -> str:
    return _("item id '{key}' is written another way: write {item} (the checklist's ids are upper case, "
             "with a hyphen and two-digit numbers)").format(key=key, item=item)


def _quoted(value: object) -> str:
    text = f"'{value}'" if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def key_message(key: str, char: str) -> str:
    """The message for a full-width character inside a key that is not at the start of a line."""
    if char == FULLWIDTH_COLON:
        return _("full-width colon '：' (U+FF1A) after '{key}': YAML needs an ordinary colon and a space; "
                 "write '{key}: '").format(key=key)
    return _("full-width space (U+3000) in the key '{key}': YAML needs ordinary spaces; "
             "delete it or write '{key}: '").format(key=key)


# --- schema errors that are one of these mistakes ---------------------------------------------------------------

def schema_mistake(keyword: str, schema: dict[str, object], instance: object, name: str) -> tuple[str, str] | None:
    """(message, code) when a schema error is a known mistake: a date in another style where a date belongs, a
    Korean word where a status belongs; None otherwise (the schema's own message stands)."""
    if keyword in ("pattern", "format", "type", "anyOf") and _is_date(schema):
        iso = korean_date(instance)
        if iso is not None:
            return date_message(name, instance, iso), "date-format"
    if keyword == "enum" and name == "status":
        status = status_word(instance)
        if status is not None:
            return status_message(instance, status), "status-korean"
    return None


def _is_date(schema: dict[str, object]) -> bool:
    options = schema.get("anyOf")
    return schema.get("format") == "date" or (isinstance(options, list) and {"$ref": "#/$defs/date"} in options)
