"""Formatting a DiffReport: text for a terminal, JSON for programs (docs/commands.en.md), Markdown for an auditor's memo,
HTML and PDF through auditkit.render."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .diff import KINDS, Change, DiffReport, SectionChange, Side, score_delta, status_word
from .i18n import N_, _, ngettext
from .output import dumps, paint
from .score import format_score, round_score
from .vocabulary import STATUSES
from .vocabulary import label as term_label

TITLES = {  # the heading of each kind of change; translate with title()
    "overdue": N_("Promises not kept"), "remediation_postponed": N_("Promises postponed"),
    "regression": N_("Regressions"), "removed": N_("No longer asked"), "system_removed": N_("Systems removed"),
    "site_removed": N_("Sites removed"), "grade_changed": N_("Grade changes"),
    "site_changed": N_("Site changes (battery, kind)"), "owner_changed": N_("Owner changes"),
    "evidence_changed": N_("Evidence changes"), "value_changed": N_("Value changes"),
    "dr_site_changed": N_("DR site changes"), "system_moved": N_("Systems moved"), "added": N_("Newly asked"),
    "system_added": N_("Systems added"), "site_added": N_("Sites added"), "improvement": N_("Improvements"),
}
SERIOUS = ("overdue", "remediation_postponed", "regression", "removed", "system_removed", "site_removed")


def render_diff(report: DiffReport, fmt: str, colour: bool = False, lang: str = "ko") -> str | bytes:
    """The report in one of: text, json, md, html, pdf (bytes)."""
    if fmt == "json":
        return dumps(diff_json(report)) + "\n"
    if fmt == "md":
        return diff_markdown(report, lang)
    if fmt in ("html", "pdf"):
        return _rendered(report, fmt, lang)
    return diff_text(report, colour, lang)


def _rendered(report: DiffReport, fmt: str, lang: str) -> str | bytes:
    from .render import document_date, render_diff_html, write_pdf_bytes

    html = render_diff_html(report, lang=lang, words={"title": title, "shown": shown, "routine": routine_count})
    if fmt == "html":
        return html
    sources = [(f"{which}-{Path(s.path).name}", s.source) for which, s in (("old", report.old), ("new", report.new))]
    return write_pdf_bytes(html, sources, document_date(report.new.as_of))


def pct(value: float | None) -> str:
    return format_score(value)


def delta(old: float | None, new: float | None) -> str:
    change = score_delta(old, new)
    if change is None:
        return ""
    return f"{change:+.1f}" if change else "±0.0"


def title(kind: str) -> str:
    """The heading of a kind of change, in the current language."""
    return _(TITLES[kind]) if kind in TITLES else kind


def shown(change: Change, value: str | None) -> str:
    """An old or new value of a change as a person reads it: a status, site kind or battery by its term."""
    if not value:
        return ""
    if value in STATUSES or (value == "none" and change.kind in ("added", "removed")):  # added/removed hold statuses
        return status_word(value)
    if change.kind == "site_changed":
        return term_label("site_kind", value) if term_label("site_kind", value) != value else term_label("battery", value)
    return value


def rating(code: str) -> str:
    return term_label("rating", code)


def routine_count(count: int) -> str:
    """'4 routine updates not listed (dates and evidence references renewed)'."""
    return ngettext("{count} routine update not listed (dates and evidence references renewed)",
                    "{count} routine updates not listed (dates and evidence references renewed)", count).format(count=count)


def counts(report: DiffReport) -> dict[str, int]:
    """Changes per kind, most serious first; kinds with none left out."""
    found = Counter(c.kind for c in report.changes)
    return {kind: found[kind] for kind in KINDS if found[kind]}


def groups(report: DiffReport) -> Iterator[tuple[str, list[Change]]]:
    for kind in KINDS:
        found = report.of_kind(kind)
        if found:
            yield kind, found


# --- JSON ------------------------------------------------------------------------------------------

def diff_json(report: DiffReport) -> dict[str, Any]:
    """The JSON object of `diff --format json` ({old, new, changes}) plus institution, sections, counts and warnings."""
    return {
        "old": _side_json(report.old), "new": _side_json(report.new),
        "changes": [{"kind": c.kind, "item": c.item, "system": c.system, "old": c.old, "new": c.new,
                     "message": c.message} for c in report.changes],
        "institution": report.institution,
        "sections": [{"id": s.id, "old": _round(s.old), "new": _round(s.new), "change": _round(s.delta)}
                     for s in report.sections],
        "counts": counts(report),
        "warnings": list(report.warnings),
        "routine": [{"item": c.item, "system": c.system, "old": c.old, "new": c.new, "message": c.message}
                    for c in report.routine],
    }


def _side_json(side: Side) -> dict[str, Any]:
    return {"path": side.path, "period": side.period, "score": _round(side.score), "rating": side.rating}


_round = round_score


# --- text ------------------------------------------------------------------------------------------

def diff_text(report: DiffReport, colour: bool = False, lang: str = "ko") -> str:
    """A header (score, rating, sections, old → new), then the changes grouped by kind, most serious first."""
    lines = [paint(f"auditkit diff: {report.institution} {report.institution_name.get(lang)}", "bold", colour)]
    lines += [_side_line("OLD", report.old), _side_line("NEW", report.new)]
    score, rated = _("score"), _("rating")
    width = max(columns(score), columns(rated)) + 2
    lines.append(f"  {pad(score, width)}{pct(report.old.score)} → {pct(report.new.score)} "
                 f"({delta(report.old.score, report.new.score)})")
    lines.append(f"  {pad(rated, width)}{rating(report.old.rating)} → {rating(report.new.rating)}")
    width = max((columns(f"{s.id} {s.title.get(lang)}") for s in report.sections), default=0) + 2
    lines += ["", paint(_("Sections"), "bold", colour)] + [_section_line(s, lang, width) for s in report.sections]
    for kind, changes in groups(report):
        heading = paint(f"{title(kind)} ({kind}: {len(changes)})", "bold", colour)
        tone = "error" if kind in SERIOUS else "ok" if kind == "improvement" else None
        lines += ["", heading] + [f"  {paint(c.message, tone, colour) if tone else c.message}" for c in changes]
    summary = ", ".join(_("{title} {count}").format(title=title(kind), count=n) for kind, n in counts(report).items())
    summary = _("Summary: {counts}").format(counts=summary or _("no changes"))
    return visible("\n".join(lines + ["", summary + routine_note(report)])) + "\n"


def routine_note(report: DiffReport) -> str:
    n = len(report.routine)
    return " " + ngettext("(and {count} routine update not listed: dates renewed, evidence references renewed)",
                          "(and {count} routine updates not listed: dates renewed, evidence references renewed)",
                          n).format(count=n) if n else ""


def _side_line(label: str, side: Side) -> str:
    about = _("(period {period}, as of {as_of}, {checklist})").format(
        period=_or_dash(side.period), as_of=_or_dash(side.as_of), checklist=side.checklist)
    return f"  {label}  {side.path}  {about}"


def _or_dash(value: object) -> str:
    return "–" if value is None else str(value)


def _section_line(section: SectionChange, lang: str, width: int) -> str:
    name = pad(f"{section.id} {section.title.get(lang)}", width)
    change = delta(section.old, section.new)
    return f"  {name} {pct(section.old):>6} → {pct(section.new):>6}  {change}".rstrip()


def pad(text: str, width: int) -> str:
    """Left-justify for a terminal, counting Korean (wide) characters as two columns."""
    return text + " " * max(width - columns(text), 1)


def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


# --- Markdown ----------------------------------------------------------------------------------------

def diff_markdown(report: DiffReport, lang: str = "ko") -> str:
    """A memo an auditor pastes: title, score table, section scores, then one table per kind."""
    old, new = report.old, report.new
    heading = _("Year-over-year changes: {institution} ({code}), {old} → {new}").format(
        institution=md(report.institution_name.get(lang)), code=report.institution, old=_or_dash(old.period),
        new=_or_dash(new.period))
    lines = [f"# {heading}", ""]
    lines += ["> " + _("Warning: {message}").format(message=md(w)) for w in report.warnings]
    lines += [""] if report.warnings else []
    w = {"change": _("Change"), "file": _("File"), "period": _("Period / as of"), "checklist": _("Checklist"),
         "score": _("Score"), "rating": _("Rating"), "sections": _("Section scores"), "section": _("Section"),
         "item": _("Item"), "system": _("System"), "old": _("Old"), "new": _("New"), "message": _("Message")}
    lines += [f"| | OLD | NEW | {w['change']} |", "| --- | --- | --- | --- |",
              f"| {w['file']} | {md(old.path)} | {md(new.path)} | |",
              f"| {w['period']} | {_or_dash(old.period)} / {_or_dash(old.as_of)} | "
              f"{_or_dash(new.period)} / {_or_dash(new.as_of)} | |",
              f"| {w['checklist']} | {old.checklist} | {new.checklist} | |",
              f"| {w['score']} | {pct(old.score)} | {pct(new.score)} | {delta(old.score, new.score)} |",
              f"| {w['rating']} | {rating(old.rating)} | {rating(new.rating)} | |", "", f"## {w['sections']}", "",
              f"| {w['section']} | OLD | NEW | {w['change']} |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {s.id} {md(s.title.get(lang))} | {pct(s.old)} | {pct(s.new)} | {delta(s.old, s.new)} |"
              for s in report.sections]
    for kind, changes in groups(report):
        lines += ["", f"## {title(kind)} (`{kind}`, {len(changes)})", "",
                  f"| {w['item']} | {w['system']} | {w['old']} | {w['new']} | {w['message']} |",
                  "| --- | --- | --- | --- | --- |"]
        lines += [f"| {md(c.item or '')} | {md(c.system or '')} | {md(shown(c, c.old))} | {md(shown(c, c.new))} | "
                  f"{md(c.message)} |" for c in changes]
    if not report.changes:
        lines += ["", _("No changes.")]
    if report.routine:
        lines += ["", f"_{routine_count(len(report.routine))}._"]
    return "\n".join(lines) + "\n"


def md(text: str) -> str:
    """Submission text as one Markdown table cell that renders as the same text: no HTML (`<`, `>`, `&` become
    entities), no link, image, emphasis or code (their punctuation backslash-escaped, which also leaves a
    `javascript:` URL inert text), pipes escaped, one line, hidden characters made visible."""
    text = visible(" ".join(text.splitlines()) if "\n" in text or "\r" in text else text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(), text)


_MD_SPECIAL = re.compile(r"[\\`*{}\[\]()#+!|~]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")  # non_compliant stays as it is
# bidirectional controls (U+202A-202E, U+2066-2069, U+200E/200F, U+061C) and zero-width characters (U+200B-200D,
# U+2060, U+FEFF): they reorder or hide what a reader sees (a name shown backwards, two ids that look the same)
_HIDDEN = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def visible(text: str) -> str:
    """Bidirectional and zero-width characters shown as `<U+202E>`, so that nobody is misled by what they do."""
    return _HIDDEN.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)
