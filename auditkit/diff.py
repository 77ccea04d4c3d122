"""Comparing two submissions (docs/format.en.md, section 4): pure functions from two Readiness to a DiffReport.

Items are matched by id and, across checklist versions, through `replaces`
(an old item replaced by several new items matches each of them). Sites and
systems are matched by id. Every difference becomes a Change value; nothing
here prints or exits.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from .checklists import Catalog
from .errors import AuditkitError
from .i18n import N_, _, language, ngettext
from .model import STATUS_RANK, Answer, Checklist, Evidence, Submission, Text, parse_date
from .score import ItemResult, Readiness, TargetResult, round_score
from .verdict import Verdict
from .vocabulary import label as term_label

# Most serious first: the order of a report and of DiffReport.changes.
KINDS = ("overdue", "remediation_postponed", "regression", "removed", "system_removed", "site_removed", "grade_changed", "site_changed",
         "owner_changed", "evidence_changed", "value_changed", "dr_site_changed", "system_moved", "added",
         "system_added", "site_added", "improvement")
# Kept apart from the changes (DiffReport.routine): a compliant date answer that moved forward (the event happened
# again), evidence references renewed while evidence stays on both sides.
ROUTINE = "routine"


@dataclass(frozen=True)
class Change:
    """One difference between OLD and NEW; `system` is the site or system id, None for institution level."""

    kind: str
    item: str | None
    system: str | None
    old: str | None
    new: str | None
    message: str


@dataclass(frozen=True)
class Side:
    """One of the two submissions, as the diff header shows it."""

    path: str
    period: int | None
    as_of: dt.date | None
    checklist: str
    score: float | None
    rating: str
    source: bytes = field(default=b"", repr=False, compare=False)  # the file as read, for a PDF to embed


@dataclass(frozen=True)
class SectionChange:
    id: str
    title: Text
    old: float | None
    new: float | None

    @property
    def delta(self) -> float | None:
        return score_delta(self.old, self.new)


def score_delta(old: float | None, new: float | None) -> float | None:
    """NEW - OLD in points, from the scores as printed (one decimal, half-up), so that the three figures agree."""
    before, after = round_score(old), round_score(new)
    return round_score(after - before) if before is not None and after is not None else None


@dataclass(frozen=True)
class DiffReport:
    institution: str
    institution_name: Text
    old: Side
    new: Side
    sections: tuple[SectionChange, ...]
    changes: tuple[Change, ...]
    warnings: tuple[str, ...] = ()
    routine: tuple[Change, ...] = ()

    @property
    def score_delta(self) -> float | None:
        return score_delta(self.old.score, self.new.score)

    def of_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]


@dataclass(frozen=True)
class Pair:
    """An old item matched to a new one (the same id, or linked by `replaces`)."""

    old: ItemResult
    new: ItemResult

    @property
    def label(self) -> str:
        return self.new.item.id

    @property
    def renamed(self) -> str:
        """' (as BKP-08)' when the old item had another id, else ''."""
        if self.old.item.id == self.new.item.id:
            return ""
        return " " + _("(as {item})").format(item=self.old.item.id)


# --- words of the change sentences (in the current language; the Change keeps the machine codes) ---------------

def status_word(status: str | None) -> str:
    """A status as a person reads it (적합 / compliant); 'none' (the item asks nothing there) reads 'nothing to answer'."""
    if not status or status == "none":
        return _("nothing to answer")
    return term_label("status", status)


def nothing(value: str | None) -> str:
    """A value, or 'none' in the current language when there is none."""
    return value if value else _("none")


def title_of(result: ItemResult) -> str:
    return result.item.title.get(language())


def unit_name(word: str, ident: str) -> str:
    """'system CORE' / 'site HQ' in the current language."""
    return (_("system {id}") if word == "system" else _("site {id}")).format(id=ident)


# --- command-line helpers ------------------------------------------------------------------------

def parse_kinds(text: str) -> set[str]:
    """The kinds named in `--fail-on overdue,regression`; an unknown kind is an error listing the valid ones."""
    kinds = {part.strip() for part in text.split(",") if part.strip()}
    unknown = sorted(kinds - set(KINDS))
    if unknown:
        raise AuditkitError(_("unknown change kind {kinds}; valid kinds: {valid}").format(
            kinds=", ".join(unknown), valid=", ".join(KINDS)))
    return kinds


def checklist_chain(old: Checklist, new: Checklist, catalog: Catalog) -> list[Checklist]:
    """The versions between OLD's and NEW's checklist, following `supersedes` back from NEW (empty if unlinked)."""
    chain: list[Checklist] = []
    current = new
    while current.supersedes and current.id == old.id and len(chain) < 50:
        previous = catalog.find(current.id, current.supersedes)
        if previous is None:
            return []
        if previous.version == old.version:
            return chain
        chain.insert(0, previous)
        current = previous
    return []


# --- the comparison ------------------------------------------------------------------------------

def compare(old: Readiness, new: Readiness, between: Sequence[Checklist] = ()) -> DiffReport:
    """Every change from OLD to NEW; `between` are checklist versions that link the two by `replaces`."""
    pairs, added, removed = match_items(old, new, between)
    found = list(structure_changes(old, new, pairs))
    for pair in pairs:
        found.extend(pair_changes(old, new, pair))
    found.extend(added_change(r, old) for r in added)
    found.extend(removed_change(r, new) for r in removed)
    order = {i: n for n, i in enumerate(dict.fromkeys([*new.checklist.items, *old.checklist.items]))}
    changes = sorted(fold_owner_changes([c for c in found if c.kind != ROUTINE]),
                     key=lambda c: (KINDS.index(c.kind), order.get(c.item, -1) if c.item else -1))
    sub = new.submission
    return DiffReport(sub.institution_code, sub.institution_name, side(old), side(new), section_changes(old, new),
                      tuple(changes), tuple(diff_warnings(old, new)), tuple(c for c in found if c.kind == ROUTINE))


def side(readiness: Readiness) -> Side:
    sub = readiness.submission
    return Side(sub.path, sub.period, sub.as_of, readiness.checklist.key, readiness.score, readiness.rating, sub.source)


def diff_warnings(old: Readiness, new: Readiness) -> Iterator[str]:
    a, b = old.submission, new.submission
    if a.as_of and b.as_of and b.as_of < a.as_of:
        yield _("NEW {new} describes {new_date}, before OLD {old} ({old_date}); did you swap them? "
                "(auditkit diff OLD NEW)").format(new=b.path, new_date=b.as_of, old=a.path, old_date=a.as_of)
    if old.checklist.id != new.checklist.id:
        yield _("OLD uses checklist {old} and NEW {new}; items are matched by id only").format(
            old=old.checklist.key, new=new.checklist.key)
    if a.institution_code != b.institution_code:
        yield _("comparing two institutions: {old} and {new}").format(old=a.institution_code, new=b.institution_code)


def section_changes(old: Readiness, new: Readiness) -> tuple[SectionChange, ...]:
    before = {s.id: s.score for s in old.sections}
    titles = {s.id: s.title for c in (old.checklist, new.checklist) for s in c.sections}
    ids = [s.id for s in new.sections] + [s.id for s in old.sections if s.id not in {n.id for n in new.sections}]
    after = {s.id: s.score for s in new.sections}
    return tuple(SectionChange(i, titles[i], before.get(i), after.get(i)) for i in ids)


# --- matching items across checklist versions ----------------------------------------------------

def item_links(old: Checklist, new: Checklist, between: Sequence[Checklist] = ()) -> dict[str, set[str]]:
    """New item id -> the old item ids it continues: the same id, or through `replaces` (over every step)."""
    steps = [old, *between, new]
    links = {i: {i} for i in old.items}
    for before, after in pairwise(steps):
        step = _step_links(before, after)
        links = {n: set().union(*(links.get(p, set()) for p in prev)) for n, prev in step.items()}
    return {n: ids for n, ids in links.items() if ids}


def _step_links(before: Checklist, after: Checklist) -> dict[str, set[str]]:
    """One version step: each item of `after` to the `before` ids it continues (both directions of replaces)."""
    links = {i: {i} & set(before.items) for i in after.items}
    if before.key == after.key:
        return links
    for new_id, item in after.items.items():
        links[new_id] |= set(item.replaces) & set(before.items)
    for old_id, item in before.items.items():  # an older file given as NEW: its items name the newer ids
        for new_id in set(item.replaces) & set(after.items):
            links[new_id].add(old_id)
    return links


def match_items(old: Readiness, new: Readiness, between: Sequence[Checklist] = (),
                links: dict[str, set[str]] | None = None) -> tuple[list[Pair], list[ItemResult], list[ItemResult]]:
    """Matched pairs (in NEW's order), NEW items with no match, OLD items with no successor; `links` are
    item_links() of the two checklists when the caller has them already (a roll-up matches many pairs)."""
    if links is None:
        links = item_links(old.checklist, new.checklist, between)
    before = {r.item.id: r for r in old.items}
    pairs = [Pair(before[o], r) for r in new.items for o in sorted(links.get(r.item.id, ())) if o in before]
    matched = {p.old.item.id for p in pairs}
    added = [r for r in new.items if not links.get(r.item.id)]
    return pairs, added, [r for r in old.items if r.item.id not in matched]


def target_pairs(pair: Pair) -> list[tuple[str | None, TargetResult, TargetResult]]:
    """Answers to compare: by site/system id; an institution-wide answer stands for every site or system."""
    old_scope, new_scope = pair.old.item.scope, pair.new.item.scope
    if old_scope == new_scope:
        before = {t.target: t for t in pair.old.results}
        return [(t.target, before[t.target], t) for t in pair.new.results if t.target in before]
    if old_scope == "institution" and pair.old.results:
        return [(t.target, pair.old.results[0], t) for t in pair.new.results]
    if new_scope == "institution" and pair.new.results:
        return [(t.target, t, pair.new.results[0]) for t in pair.old.results]
    return [(None, _summary(pair.old), _summary(pair.new))]


def _summary(result: ItemResult) -> TargetResult:
    return TargetResult(None, Verdict(result.status), None)


# --- changes of one matched item -----------------------------------------------------------------

def pair_changes(old: Readiness, new: Readiness, pair: Pair) -> Iterator[Change]:
    for target, before, after in target_pairs(pair):
        label = f"{pair.label} / {target}" if target else pair.label
        yield from _optional(overdue_change(pair, target, label, before, after, old.submission, new.submission))
        yield from _optional(postponed_change(pair, target, label, before, after))
        yield from _optional(status_change(pair, target, label, before, after, new.submission))
        if before.answer is None or after.answer is None:
            continue
        if before.answer == after.answer and before.status == after.status:  # most answers of a year: only
            yield from _optional(owner_change(pair, target, label, before.answer, after.answer,  # a renamed person
                                              old.submission, new.submission))
            continue
        if before.status == after.status and pair.old.item.answer.type == pair.new.item.answer.type:
            yield from _optional(value_change(pair, target, label, before.answer, after.answer,
                                              after.status == "compliant"))
        yield from _optional(owner_change(pair, target, label, before.answer, after.answer, old.submission,
                                          new.submission))
        yield from _optional(evidence_change(pair, target, label, before.answer.evidence, after.answer.evidence))


def _optional(change: Change | None) -> list[Change]:
    return [change] if change is not None else []


def status_kind(old: str, new: str) -> str | None:
    """regression / improvement by compliant > partial > non_compliant; not_applicable -> failing is a regression;
    other moves into or out of not_applicable are value_changed (neither better nor worse, but worth a look)."""
    if old == new or "none" in (old, new):
        return None
    if old in STATUS_RANK and new in STATUS_RANK:
        return "regression" if STATUS_RANK[new] < STATUS_RANK[old] else "improvement"
    return "regression" if old == "not_applicable" and new != "compliant" else "value_changed"


def status_change(pair: Pair, target: str | None, label: str, old: TargetResult, new: TargetResult,
                  after: Submission) -> Change | None:
    kind = status_kind(old.status, new.status)
    if kind is None:
        return None
    message = _("{label} {title}{renamed}: {old} → {new}").format(
        label=label, title=title_of(pair.new), renamed=pair.renamed, old=status_word(old.status),
        new=status_word(new.status))
    return Change(kind, pair.label, target, old.status, new.status, message + status_detail(new, after))


def status_detail(result: TargetResult, sub: Submission) -> str:
    """Why the status is what it is (the rule, else the comment), and the fix promised for a failing answer."""
    answer = result.answer
    why = (answer.comment if answer else None) if result.verdict.declared else result.reason_text(language())
    fix = answer.remediation if answer is not None and result.failing else None
    promised = "; " + _("fix promised by {owner} for {due}").format(
        owner=sub.person_name(fix.owner) or _("nobody named"), due=nothing(str(fix.due) if fix.due else None)) if fix else ""
    return (f": {why}" if why else "") + promised


def overdue_change(pair: Pair, target: str | None, label: str, old: TargetResult, new: TargetResult,
                   before: Submission, after: Submission) -> Change | None:
    """A remediation promised in OLD, due on or before NEW's as_of, while NEW is still not compliant."""
    promise = old.answer.remediation if old.answer is not None and old.failing else None
    if promise is None or promise.due is None or after.as_of is None:
        return None
    if promise.due > after.as_of or new.status == "compliant":
        return None
    who = before.person_name(promise.owner) or _("nobody named")
    return Change("overdue", pair.label, target, str(promise.due), new.status,
                  _("{label}: {action} promised by {owner} for {due}{renamed} not done: still {status} at {as_of}").format(
                      label=label, action=promise.action, owner=who, due=promise.due, renamed=pair.renamed,
                      status=status_word(new.status), as_of=after.as_of))


def postponed_change(pair: Pair, target: str | None, label: str, old: TargetResult, new: TargetResult
                     ) -> Change | None:
    """The item fails on both sides and its remediation's due date moved later, or its action was rewritten."""
    before = old.answer.remediation if old.answer is not None and old.failing else None
    after = new.answer.remediation if new.answer is not None and new.failing else None
    if before is None or after is None:
        return None
    later = before.due is not None and after.due is not None and after.due > before.due
    rewritten = _text(before.action) != _text(after.action)
    if not (later or rewritten):
        return None
    parts = [_("due {old} → {new}").format(old=before.due, new=after.due)] if later else []
    parts += [_("action '{old}' → '{new}'").format(old=before.action, new=after.action)] if rewritten else []
    return Change("remediation_postponed", pair.label, target, str(before.due), str(after.due),
                  _("{label}{renamed}: remediation postponed while still {status}: {changes}").format(
                      label=label, renamed=pair.renamed, status=status_word(new.status), changes="; ".join(parts)))


def _text(value: str | None) -> str:
    """Text as compared: NFC-normalised, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", value or "").split())


def value_change(pair: Pair, target: str | None, label: str, old: Answer, new: Answer, compliant: bool) -> Change | None:
    """A value that changed while the status stayed; a compliant date that moved forward is routine."""
    before, after = show_value(old.value), show_value(new.value)
    if before == after:
        return None
    renewed = compliant and pair.new.item.answer.type == "date" and _later(old.value, new.value)
    return Change(ROUTINE if renewed else "value_changed", pair.label, target, before, after,
                  _("{label}{renamed}: value {old} → {new}").format(label=label, renamed=pair.renamed,
                                                                    old=nothing(before), new=nothing(after)))


def _later(old: object, new: object) -> bool:
    before, after = parse_date(old), parse_date(new)
    return before is not None and after is not None and after > before


def show_value(value: object) -> str | None:
    if value is None:
        return None
    return f"{value:g}" if isinstance(value, float) else str(value)


def owner_change(pair: Pair, target: str | None, label: str, old: Answer, new: Answer,
                 before: Submission, after: Submission) -> Change | None:
    """The accountable person, compared by key (two people may share a name; see people_change)."""
    changed = people_change(before, old.owner, after, new.owner)
    if changed is None:
        return None
    a, b = changed
    return Change("owner_changed", pair.label, target, a, b, _("{label}{renamed}: owner {old} → {new}").format(
        label=label, renamed=pair.renamed, old=nothing(a), new=nothing(b)))


def people_change(before: Submission, a: str | None, after: Submission, b: str | None) -> tuple[str | None, str | None] | None:
    """Two people compared by their key (the same key is the same person, whatever their name says; two keys are two
    people, even of one name, and a key renamed between years cannot be told from a hand-over): None when they are
    the same, else how to show them: their names, with their keys when the names alone look the same."""
    if (a or None) == (b or None):
        return None
    x, y = before.person_name(a) or None, after.person_name(b) or None
    if x == y:
        x, y = f"{x} ({a})", f"{y} ({b})"
    return x, y


FOLD_AT = 3  # this many answers of one site/system handed from one person to another read as one change


def fold_owner_changes(changes: list[Change]) -> list[Change]:
    """Answers of one site/system (or of the institution) that all moved from A to B become one change, merged into
    the site's or system's own owner change when there is one: a new facility owner is one fact, not twenty."""
    groups: dict[tuple[str | None, str | None, str | None], list[Change]] = {}
    for c in changes:
        if c.kind == "owner_changed" and c.item is not None:
            groups.setdefault((c.system, c.old, c.new), []).append(c)
    folded = {key: group for key, group in groups.items() if len(group) >= FOLD_AT}
    kept = [c for c in changes if not (c.kind == "owner_changed" and c.item and (c.system, c.old, c.new) in folded)]
    owners = {(c.system, c.old, c.new): i for i, c in reversed(list(enumerate(kept)))
              if c.kind == "owner_changed" and c.item is None}  # reversed: the first one wins, as before
    for (system, old, new), group in folded.items():
        count, items = len(group), ", ".join(c.item or "" for c in group)
        own = owners.get((system, old, new))
        if own is not None:
            kept[own] = replace(kept[own], message=_("{message}, and of its {count} answers: {items}").format(
                message=kept[own].message, count=count, items=items))
        else:
            where = f"{system}: " if system else ""
            message = where + _("owner {old} → {new} of {count} answers: {items}").format(
                old=nothing(old), new=nothing(new), count=count, items=items)
            kept.append(Change("owner_changed", None, system, old, new, message))
    return kept


def evidence_change(pair: Pair, target: str | None, label: str, old: tuple[Evidence, ...],
                    new: tuple[Evidence, ...]) -> Change | None:
    notes, kind = evidence_notes(old, new), "evidence_changed"
    if not notes:
        notes, kind = ref_notes(old, new), ROUTINE
    if not notes:
        return None
    return Change(kind, pair.label, target, describe_evidence(old), describe_evidence(new),
                  _("{label}{renamed}: evidence {changes}").format(label=label, renamed=pair.renamed,
                                                                  changes="; ".join(notes)))


def evidence_notes(old: tuple[Evidence, ...], new: tuple[Evidence, ...]) -> list[str]:
    """What changed, by content: a file whose sha256 differs or that appeared or vanished, or all evidence
    appeared or vanished. A file only renamed (same sha256) is not a change; references are ref_notes()."""
    if not new:
        return [_("vanished (was {evidence})").format(evidence=describe_evidence(old))] if old else []
    if not old:
        return [_("appeared: {evidence}").format(evidence=describe_evidence(new))]
    was, now = _files(old), _files(new)
    notes = [_("{file} changed (sha256 {old} → {new})").format(file=name, old=_short(was[name]), new=_short(sha))
             for name, sha in now.items() if was.get(name) and sha and was[name] != sha]
    notes += [_("{file} vanished").format(file=name) for name, sha in was.items()
              if name not in now and not (sha and sha in now.values())]
    notes += [_("{file} added").format(file=name) for name, sha in now.items()
              if name not in was and not (sha and sha in was.values())]
    return notes


def ref_notes(old: tuple[Evidence, ...], new: tuple[Evidence, ...]) -> list[str]:
    old_refs, new_refs = [e.ref for e in old if e.ref], [e.ref for e in new if e.ref]
    return ([_("ref '{ref}' vanished").format(ref=r) for r in old_refs if r not in new_refs]
            + [_("ref '{ref}' added").format(ref=r) for r in new_refs if r not in old_refs])


def _files(evidence: tuple[Evidence, ...]) -> dict[str, str]:
    """File name -> lower-case sha256 ('' when not recorded)."""
    return {e.file: (e.sha256 or "").lower() for e in evidence if e.file}


def _short(sha: str | None) -> str:
    return sha[:8] if sha else _("none")


def describe_evidence(evidence: tuple[Evidence, ...]) -> str | None:
    parts = [f"{e.file} ({_short(e.sha256)})" if e.file and e.sha256 else e.label for e in evidence]
    return "; ".join(parts) or None


# --- items that appeared or vanished from the checklist ------------------------------------------

def failing_note(targets: list[str]) -> str:
    return "; " + _("failing: {targets}").format(targets=", ".join(targets)) if targets else ""


def added_change(result: ItemResult, old: Readiness) -> Change:
    failing = [t.target or term_label("scope", "institution") for t in result.failing]
    note = failing_note(failing) if result.item.scope != "institution" else ""
    return Change("added", result.item.id, None, None, result.status,
                  _("{item} {title} ({severity}) is new since {checklist}: {status}").format(
                      item=result.item.id, title=title_of(result), severity=term_label("severity", result.item.severity),
                      checklist=old.checklist.key, status=status_word(result.status)) + note)


def removed_change(result: ItemResult, new: Readiness) -> Change:
    open_ = [t for t in result.failing if t.answer is not None and t.answer.remediation is not None]
    note = "; " + ngettext("{count} open remediation dropped with it", "{count} open remediations dropped with it",
                           len(open_)).format(count=len(open_)) if open_ else ""
    why = new.checklist.dropped.get(result.item.id)
    reason = "; " + _("dropped because: {why}").format(why=" ".join(why.get(language()).split())) if why else ""
    return Change("removed", result.item.id, None, result.status, None,
                  _("{item} {title} has no successor in {checklist} (was {status})").format(
                      item=result.item.id, title=title_of(result), checklist=new.checklist.key,
                      status=status_word(result.status)) + note + reason)


# --- sites and systems ---------------------------------------------------------------------------

SYSTEM_FIELDS = (("grade", "grade_changed"), ("site", "system_moved"), ("dr_site", "dr_site_changed"),
                 ("owner", "owner_changed"), ("deputy", "owner_changed"))
SITE_FIELDS = (("battery", "site_changed"), ("kind", "site_changed"), ("owner", "owner_changed"))
APPLICABILITY_KINDS = ("grade_changed", "site_changed")  # changes that decide which items apply
FIELD_NAMES = {"grade": N_("grade"), "site": N_("primary site"), "dr_site": N_("DR site"), "owner": N_("owner"),
               "deputy": N_("deputy"), "battery": N_("battery"), "kind": N_("kind")}
FIELD_TERMS = {"battery": "battery", "kind": "site_kind"}  # fields whose values are words of the vocabulary


def structure_changes(old: Readiness, new: Readiness, pairs: list[Pair]) -> Iterator[Change]:
    yield from unit_changes(old, new, pairs, "system", SYSTEM_FIELDS)
    yield from unit_changes(old, new, pairs, "site", SITE_FIELDS)


def _units(sub: Submission, word: str) -> dict[str, object]:
    return dict(sub.system_map) if word == "system" else dict(sub.site_map)


def unit_changes(old: Readiness, new: Readiness, pairs: list[Pair], word: str,
                 fields: tuple[tuple[str, str], ...]) -> Iterator[Change]:
    """Systems (or sites) added, removed, and changed field by field."""
    before, after = _units(old.submission, word), _units(new.submission, word)
    for ident in after:
        if ident not in before:
            yield unit_added(new, word, ident)
    for ident in before:
        if ident not in after:
            yield unit_removed(old, word, ident)
        else:
            yield from unit_diff(old, new, pairs, word, fields, ident)


def unit_diff(old: Readiness, new: Readiness, pairs: list[Pair], word: str, fields: tuple[tuple[str, str], ...],
              ident: str) -> Iterator[Change]:
    now, gone = applicability(pairs, word, ident)
    explained = False
    for name, kind in fields:
        a, b = _field(old.submission, word, ident, name), _field(new.submission, word, ident, name)
        if a == b:
            continue
        if name in ("owner", "deputy"):
            a, b = people_change(old.submission, a, new.submission, b) or (a, b)
        note = applicability_note(now, gone, ident) if kind in APPLICABILITY_KINDS and not explained else ""
        explained = explained or kind in APPLICABILITY_KINDS
        field = _(FIELD_NAMES[name])
        yield Change(kind, None, ident, a, b,
                     f"{unit_name(word, ident)}: {field} {field_word(name, a)} → {field_word(name, b)}{note}")
    if not explained:
        yield from applicability_changes(word, ident, now, gone)


def field_word(name: str, value: str | None) -> str:
    """A field's value as a person reads it: a battery or site kind by its term, else as written."""
    if value and name in FIELD_TERMS:
        return term_label(FIELD_TERMS[name], value)
    return nothing(value)


def _field(sub: Submission, word: str, ident: str, name: str) -> str | None:
    value = getattr(_units(sub, word)[ident], name)
    return None if value is None else str(value)  # people by key: unit_diff shows their names


def applicability(pairs: list[Pair], word: str, ident: str) -> tuple[list[Pair], list[Pair]]:
    """Items that now apply to this system/site when none of their predecessors did (one per new item), and old
    items that applied when none of their successors does (one per old item)."""
    def has(result: ItemResult) -> bool:
        return ident in result.targets
    same = [p for p in pairs if p.old.item.scope == p.new.item.scope == word]
    was = {p.new.item.id for p in same if has(p.old)}
    still = {p.old.item.id for p in same if has(p.new)}
    now = {p.new.item.id: p for p in same if has(p.new) and p.new.item.id not in was}
    gone = {p.old.item.id: p for p in same if has(p.old) and p.old.item.id not in still}
    return list(now.values()), list(gone.values())


def status_at(result: ItemResult, ident: str) -> str:
    return next((t.status for t in result.results if t.target == ident), "none")


def applicability_note(now: list[Pair], gone: list[Pair], ident: str) -> str:
    if not now and not gone:
        return "; " + _("the same items apply")
    parts = []
    if now:
        parts.append(_("now applies: {items}").format(
            items=", ".join(f"{p.label} ({status_word(status_at(p.new, ident))})" for p in now)))
    if gone:
        parts.append(_("no longer applies: {items}").format(items=", ".join(p.old.item.id for p in gone)))
    return "; " + "; ".join(parts)


def applicability_changes(word: str, ident: str, now: list[Pair], gone: list[Pair]) -> Iterator[Change]:
    """Items that start or stop applying to an unchanged system/site (the checklist's applies_to changed)."""
    for p in now:
        status = status_at(p.new, ident)
        yield Change("added", p.label, ident, None, status, _("{label}{renamed}: now applies to {unit}: {status}").format(
            label=f"{p.label} / {ident}", renamed=p.renamed, unit=unit_name(word, ident), status=status_word(status)))
    for p in gone:
        status = status_at(p.old, ident)
        yield Change("removed", p.old.item.id, ident, status, None,
                     _("{label}: no longer applies to {unit} (was {status})").format(
                         label=f"{p.old.item.id} / {ident}", unit=unit_name(word, ident), status=status_word(status)))


def unit_added(new: Readiness, word: str, ident: str) -> Change:
    results = [(r.item.id, t) for r in new.items if r.item.scope == word for t in r.results if t.target == ident]
    failing = [item for item, t in results if t.failing]
    description = describe_unit(new.submission, word, ident)
    return Change(f"{word}_added", None, ident, None, description,
                  ngettext("{unit} added ({description}): {count} answer", "{unit} added ({description}): {count} answers",
                           len(results)).format(unit=unit_name(word, ident), description=description, count=len(results))
                  + failing_note(failing))


def unit_removed(old: Readiness, word: str, ident: str) -> Change:
    promises = [p.item.id for p in old.promises if p.item.scope == word and p.target == ident]
    note = "; " + _("open remediations dropped with it: {items}").format(items=", ".join(promises)) if promises else ""
    hosted = [s.id for s in old.submission.systems if ident in (s.site, s.dr_site)] if word == "site" else []
    host_note = "; " + _("it hosted {systems}").format(systems=", ".join(hosted)) if hosted else ""
    description = describe_unit(old.submission, word, ident)
    return Change(f"{word}_removed", None, ident, description, None,
                  _("{unit} removed (was {description})").format(unit=unit_name(word, ident), description=description)
                  + host_note + note)


def describe_unit(sub: Submission, word: str, ident: str) -> str:
    if word == "system":
        system = sub.system_map[ident]
        return _("{name}, grade {grade}, site {site}, DR site {dr_site}").format(
            name=system.name, grade=nothing(None if system.grade is None else str(system.grade)),
            site=nothing(system.site), dr_site=nothing(system.dr_site))
    site = sub.site_map[ident]
    return _("{name}, {kind}, battery {battery}").format(name=site.name, kind=field_word("kind", site.kind),
                                                          battery=field_word("battery", site.battery))
