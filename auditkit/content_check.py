"""Does a report PDF hold together? Its embedded submission against its recorded hash and its visible pages.

Used by `verify` (what a reader of the PDF sees must be what the embedded YAML gives: institution code, period,
score and rating) and by `report` before it keeps a PDF as "up to date" (the file must be whole and carry this
very submission). Neither proves who made the PDF: anyone with auditkit can make a consistent one. Only a
signature (issue 14) can say that.
"""
from __future__ import annotations

import hashlib
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .i18n import _
from .vocabulary import label

SHA_RE = re.compile(r"sha256=([0-9a-f]{64})")


@dataclass(frozen=True)
class Source:
    """The one submission a report embeds, and the sha256 it records for it."""

    name: str
    data: bytes
    recorded: str | None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def embedded_sources(reader: Any) -> list[Source]:
    """Every embedded *.yaml / *.yml file, with the sha256 recorded in the PDF's Subject (None if none)."""
    recorded = SHA_RE.search(str(reader.metadata.get("/Subject", "")) if reader.metadata else "")
    return [Source(name, data[0], recorded.group(1) if recorded else None)
            for name, data in reader.attachments.items() if name.endswith((".yaml", ".yml")) and data]


def intact_source(pdf: str | Path, name: str, sha256: str) -> bool:
    """True when the PDF reads whole (every object, every stream decompressed, in strict mode) and embeds exactly one
    submission, called `name`, whose bytes hash to `sha256` and whose recorded hash says the same."""
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(pdf), strict=True)
        sources = embedded_sources(reader)
        if [(s.name, s.sha256, s.recorded) for s in sources] != [(name, sha256, sha256)]:
            return False
        _read_every_object(reader)
    except Exception:  # noqa: BLE001 - whatever pypdf, zlib or the OS says, the file cannot vouch for itself
        return False
    return True


def _read_every_object(reader: Any) -> None:
    """Resolve every object in the cross-reference table and inflate every stream with zlib itself (pypdf forgives
    a damaged stream and returns what it could read; zlib's checksum does not): damage anywhere raises."""
    import logging
    import zlib

    from pypdf.generic import StreamObject

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # it would print every damaged stream it forgives
    for number in [n for numbers in reader.xref.values() for n in numbers] + list(getattr(reader, "xref_objStm", {})):
        obj = reader.get_object(number)
        if isinstance(obj, StreamObject):
            if obj.get("/Filter") == "/FlateDecode" and "/DecodeParms" not in obj:
                zlib.decompress(obj._data)
            else:
                obj.get_data()


@dataclass(frozen=True)
class PageCheck:
    """What the pages say against what the embedded submission gives."""

    ok: bool
    lines: tuple[str, ...]


def check_pages(reader: Any, source: Source, checklists: tuple[str, ...] = ()) -> PageCheck:
    """Score the embedded submission afresh and look for its institution code, period, score and rating on the
    report's first page (in Korean or English). A report whose attachment was swapped for another submission's
    fails here even when the recorded hash was swapped too."""
    expected = expected_facts(source, checklists)
    if isinstance(expected, str):
        return PageCheck(False, (expected,))
    text = " ".join(reader.pages[0].extract_text().split()) if reader.pages else ""
    lines, ok = [], True
    for what, shown, needles in expected:
        found = any(n in text for n in needles)
        ok = ok and found
        lines.append((_("page 1 shows {what} {value}, as the embedded submission gives") if found else
                      _("MISMATCH: page 1 does not show {what} {value}, which the embedded submission gives"))
                     .format(what=what, value=shown))
    return PageCheck(ok, tuple(lines))


def expected_facts(source: Source, checklists: tuple[str, ...]) -> list[tuple[str, str, list[str]]] | str:
    """(what, value shown in messages, texts any one of which the page must contain), or why it cannot be known."""
    from .checklists import load_catalog
    from .pipeline import Policy, evaluate
    from .score import format_score

    with tempfile.TemporaryDirectory(prefix="auditkit-verify-") as folder:
        path = Path(folder) / Path(source.name).name
        path.write_bytes(source.data)
        evaluation = evaluate(str(path), load_catalog(checklists), Policy.READABLE)
        readiness = evaluation.readiness
        if readiness is None:
            first = evaluation.result.errors[0].message if evaluation.result.errors else ""
            return _("cannot score the embedded submission ({reason}); its pages cannot be checked").format(reason=first)
    sub = readiness.submission
    score = format_score(readiness.score)  # as the page prints it (half-up)
    from .render import strings

    words = strings()  # the page's own words: strings.yaml's labels and the vocabulary's rating terms
    return [(_("institution"), sub.institution_code, [f"({sub.institution_code})"]),
            (_("period"), str(sub.period), [f"{words[lang]['period']} {sub.period}" for lang in ("ko", "en")]),
            (_("rating and score"), f"{label('rating', readiness.rating)} {score}",
             [f"{words[lang][readiness.rating]} {words[lang]['score']} {score}" for lang in ("ko", "en")])]
