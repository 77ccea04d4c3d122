"""Roll-ups: many institutions in one report (PDF, HTML, JSON or CSV bytes).

Each input becomes one `Record`: everything the roll-up shows of an institution, and nothing else. A record is
read from the institution's entry in JSON, the object `report --format json` prints (a submission is validated,
scored and turned into that object first), and the roll-up JSON lists those same objects. So a roll-up is made
alike from submissions, from report JSON files, or from the roll-up JSON of shards run elsewhere, and comes out
the same byte for byte. Inputs are read one at a time and only their records are kept: 2,000 submissions roll
up in the memory of one (see benchmarks/).
"""
from __future__ import annotations

import gc
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from . import csvcells
from .checklists import Catalog
from .errors import AuditkitError, InputError
from .i18n import N_, _
from .model import Text
from .output import dumps
from .pipeline import evaluate
from .promises import InstitutionYear, Ledger, Tracker, assemble, ledgers_by_code
from .score import FAILING, format_score, readiness_json, round_score

if TYPE_CHECKING:
    from .promises import YearOverYear
    from .score import Readiness

JSON_LIMIT = 1 << 30  # a roll-up JSON of 2,000 institutions is about 100 MB


@dataclass(frozen=True)
class Gap:
    """A failing answer (an institution's, a site's or a system's) of a critical item."""

    item: str
    target: str
    status: str
    remediated: bool


@dataclass(frozen=True)
class Due:
    """A remediation promised for a failing answer, as it stands at the submission's as_of."""

    item: str
    target: str
    action: str
    owner: str  # the person's name
    due: str
    state: str  # overdue, soon, planned, undated
    days_left: int | None


@dataclass(frozen=True)
class Unprotected:
    """A grade 1 or 2 system without a disaster-recovery site."""

    id: str
    name: str
    grade: int | None
    owner: str  # the person's name


@dataclass(frozen=True)
class Record:
    """One institution as the roll-up sees it; `entry` is its JSON object, encoded (what JSON output lists)."""

    path: str
    sha256: str
    checklist: str
    checklist_version: str
    code: str
    name: Text
    period: int | None
    as_of: str | None
    approved: bool
    score: float | None
    rating: str
    sections: tuple[tuple[str, float | None], ...]
    critical_items: tuple[str, ...]
    critical: tuple[Gap, ...]
    remediations: tuple[Due, ...]
    no_dr: tuple[Unprotected, ...]
    entry: str = field(default="", repr=False, compare=False)

    @property
    def overdue(self) -> int:
        return sum(1 for d in self.remediations if d.state == "overdue")

    @property
    def section_scores(self) -> dict[str, float | None]:
        return dict(self.sections)

    def slim_entry(self) -> dict[str, Any]:
        """The record as a report JSON object cut to what the roll-up shows (items: only the failing answers of
        critical items): what the roll-up PDF embeds, and itself an input that gives this record back."""
        critical: dict[str, list[dict[str, Any]]] = {}
        for gap in self.critical:
            critical.setdefault(gap.item, []).append({"target": gap.target or None, "status": gap.status})
        return {"path": self.path, "sha256": self.sha256, "checklist": self.checklist,
                "checklist_version": self.checklist_version,
                "institution": {"code": self.code, "name": {"ko": self.name.ko, "en": self.name.en}},
                "period": self.period, "as_of": self.as_of, "approved": self.approved, "score": self.score,
                "rating": self.rating, "sections": [{"id": s, "score": v} for s, v in self.sections],
                "critical_gaps": list(self.critical_items),
                "items": [{"id": item, "results": results} for item, results in critical.items()],
                "remediations": [{"item": d.item, "target": d.target or None, "action": d.action, "owner": None,
                                  "owner_name": d.owner, "due": d.due or None, "state": d.state, "days_left": d.days_left}
                                 for d in self.remediations],
                "systems_without_dr": [{"id": u.id, "name": u.name, "grade": u.grade, "owner": None, "owner_name": u.owner}
                                       for u in self.no_dr]}

    @classmethod
    def from_entry(cls, data: dict[str, Any], text: str = "", keep: bool = True) -> Record:
        """The record of a report JSON object; KeyError, TypeError or ValueError when it is not one. `keep`: keep
        the object, encoded, as `entry` (JSON output lists it; a PDF or CSV need not hold 2,000 of them)."""
        failing_critical = set(data["critical_gaps"])
        promised = {(r["item"], r["target"]) for r in data["remediations"]}
        critical = tuple(Gap(item["id"], result["target"] or "", result["status"], (item["id"], result["target"]) in promised)
                         for item in data["items"] if item["id"] in failing_critical
                         for result in item["results"] if result["status"] in FAILING)
        remediations = tuple(Due(r["item"], r["target"] or "", str(r["action"]), str(r.get("owner_name") or r["owner"] or ""),
                                 r["due"] or "", r["state"], r["days_left"]) for r in data["remediations"])
        no_dr = tuple(Unprotected(s["id"], s["name"], s["grade"], s["owner_name"] or "")
                      for s in data.get("systems_without_dr", ()))
        name = data["institution"]["name"]
        return cls(str(data["path"]), str(data["sha256"]), str(data["checklist"]), str(data["checklist_version"]),
                   str(data["institution"]["code"]), Text(str(name["ko"]), name.get("en")), data["period"],
                   data["as_of"], bool(data["approved"]), _number(data["score"]), str(data["rating"]),
                   tuple((str(s["id"]), _number(s["score"])) for s in data["sections"]),
                   tuple(str(i) for i in data["critical_gaps"]), critical, remediations, no_dr,
                   (text or dumps(data)) if keep else "")

    @classmethod
    def of(cls, readiness: Readiness, keep: bool = True) -> Record:
        """The record of a scored submission: the same as from_entry(readiness_json(readiness)) (a test holds them
        equal), without building the whole JSON object, which a PDF or CSV roll-up never prints (a fifth of the cost
        of rolling up a submission was its answers' reasons, put into words and then dropped)."""
        if keep:
            return cls.from_entry(readiness_json(readiness))
        sub = readiness.submission
        promised = {(p.item.id, p.target) for p in readiness.promises}
        gaps = readiness.critical_gaps
        critical = tuple(Gap(r.item.id, t.target or "", t.status, (r.item.id, t.target) in promised)
                         for r in gaps for t in r.results if t.status in FAILING)
        remediations = tuple(Due(p.item.id, p.target or "", str(p.remediation.action),
                                 sub.person_name(p.remediation.owner) or p.remediation.owner or "",
                                 str(p.remediation.due) if p.remediation.due else "", p.state, p.days_left)
                             for p in readiness.promises)
        no_dr = tuple(Unprotected(s.id, s.name, s.grade, sub.person_name(s.owner))
                      for s in sub.systems if s.grade in (1, 2) and not s.dr_site)
        return cls(sub.path, sub.sha256, readiness.checklist.id, readiness.checklist.version, sub.institution_code,
                   Text(sub.institution_name.ko, sub.institution_name.en), sub.period,
                   str(sub.as_of) if sub.as_of else None, sub.approved_by is not None,
                   _number(round_score(readiness.score)), readiness.rating,
                   tuple((s.id, _number(round_score(s.score))) for s in readiness.sections),
                   tuple(r.item.id for r in gaps), critical, remediations, no_dr)


def _number(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"not a number: {value!r}")
    return float(value)


@dataclass(frozen=True)
class Read:
    """What one input gave (it pickles small, from a worker process to the parent): its institutions' records, why
    it could not be included, and with --previous its ledgers (a file of the previous year) or its year over year
    (a file of this year)."""

    records: tuple[Record, ...] = ()
    failures: tuple[str, ...] = ()
    ledgers: tuple[Ledger, ...] = ()
    year: InstitutionYear | None = None


@dataclass
class Rollup:
    """What the inputs gave: a record per institution, and the inputs that could not be included (and why); with
    --previous, each institution of this year matched to its previous year (promises.Tracker.match)."""

    records: list[Record] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    years: list[InstitutionYear] = field(default_factory=list)

    def add(self, read: Read) -> None:
        self.records += read.records
        self.failures += read.failures
        if read.year is not None:
            self.years.append(read.year)


def rollup(paths: Sequence[str], catalog: Catalog, tick: Callable[[], None] = lambda: None, keep: bool = True,
           jobs: int = 1, tracker: Tracker | None = None) -> Rollup:
    """Read every input: a submission (validated and scored), a report JSON or a roll-up JSON. `keep`: keep each
    institution's whole JSON object (for JSON output); `tracker`: match each submission to its previous year;
    `jobs`: worker processes (the result is the same, in the same order, whatever their number)."""
    found = Rollup()
    for read in read_all(paths, lambda path: read_one(path, catalog, keep, tracker), catalog, jobs, tick):
        found.add(read)
    return found


def read_one(path: str, catalog: Catalog, keep: bool = True, tracker: Tracker | None = None) -> Read:
    if not path.endswith(".json"):
        return read_submission(path, catalog, keep, tracker)
    read = read_json(path, catalog, keep)
    if tracker is None:
        return read
    return replace(read, failures=(*read.failures, _("{path}: --previous needs this year's submissions, not their "
                                                     "JSON").format(path=path)))


PER_CHILD = 50  # inputs a worker reads before it ends and gives its memory back (a fork costs about one input)
FORK_FROM = 16  # fewer inputs than this are read in this process: forking would cost more than it saves


def read_all(paths: Sequence[str], read: Callable[[str], Read], catalog: Catalog, jobs: int,
             tick: Callable[[], None]) -> list[Read]:
    """read(path) of every path, in the order of `paths`, in `jobs` worker processes (or in this one). A worker
    that dies (the out-of-memory killer) or fails loses only the input it was reading, which is named."""
    if jobs <= 1 or len(paths) < FORK_FROM:
        found = []
        for path in paths:
            found.append(read(path))
            tick()
        return found
    from .schema import prepare_validators
    from .workers import ended, run_in_children

    for checklist in catalog.checklists.values():  # compiled once here, not once per forked worker
        prepare_validators(checklist)
    ordered: list[Read | None] = [None] * len(paths)

    def lost(job: tuple[int, str], exitcode: int | None) -> tuple[int, Read]:
        return job[0], Read(failures=(_("{path}: the worker reading it was {how}").format(path=job[1], how=ended(exitcode)),))

    def crashed(job: tuple[int, str], exc: Exception) -> tuple[int, Read]:
        from .report import internal_error

        return job[0], Read(failures=(f"{job[1]}: {internal_error(exc)}",))

    for index, answer in run_in_children(list(enumerate(paths)), jobs, lambda job: (job[0], read(job[1])), lost, crashed,
                                         PER_CHILD):
        ordered[index] = answer
        tick()
    # A full collection now, before the roll-up is laid out: without it the PDF of 2,000 institutions peaked at
    # 1.10 GB instead of 0.89 GB (measured; the same bytes either way). The workers' Process and Connection objects
    # and thousands of unpickled answers are still waiting for a collection of the oldest generation, which Python
    # defers while WeasyPrint's young garbage is collected.
    gc.collect()
    return [read or Read() for read in ordered]


def refuse_mixed(records: list[Record]) -> None:
    """One roll-up is one checklist and one period, each institution once: otherwise its columns and rankings would
    compare unlike things (or count an institution twice), so it is an error that lists what is mixed. Shards that
    overlap are caught here too."""
    seen: dict[tuple[str, int | None], str] = {}
    twice = []
    for r in records:
        key = (r.code, r.period)
        if key in seen:
            twice.append(_("{code} {period} in {first} and {second}").format(
                code=key[0], period=key[1], first=seen[key], second=r.path))
        seen.setdefault(key, r.path)
    if twice:
        raise AuditkitError(_("the same institution and period twice: {list}; roll up one submission each")
                            .format(list="; ".join(twice)))
    for message, values in (
            (N_("these submissions are of different checklists ({values}): a roll-up compares one checklist; roll them "
                "up separately"), {f"{r.checklist}@{r.checklist_version}" for r in records}),
            (N_("these submissions are of different periods ({values}): a roll-up compares one period; roll them up "
                "separately"), {str(r.period) for r in records})):
        if len(values) > 1:
            raise AuditkitError(_(message).format(values=", ".join(sorted(values))))


def read_submission(path: str, catalog: Catalog, keep: bool = True, tracker: Tracker | None = None) -> Read:
    """A submission through the pipeline (valid ones only): its record, and with a tracker its year over year."""
    evaluation = evaluate(path, catalog)
    readiness = evaluation.readiness
    if readiness is None:
        return Read(failures=(evaluation.refusal(),))
    return Read((Record.of(readiness, keep),), year=tracker.match(readiness) if tracker is not None else None)


def read_json(path: str, catalog: Catalog, keep: bool = True) -> Read:
    """A roll-up JSON (its institutions and its failures) or one institution's report JSON."""
    return _from_json(path, catalog, lambda entry: Read((Record.from_entry(entry, keep=keep),)))


def _from_json(path: str, catalog: Catalog, read: Callable[[dict[str, Any]], Read]) -> Read:
    """read(entry) of every institution of a roll-up JSON (with the failures it lists) or of a report JSON; an
    entry that read() cannot take (KeyError, TypeError, ValueError, AttributeError) or of an unknown checklist is a
    failure that names it."""
    from .loader import printable, read_input

    try:
        data = json.loads(read_input(path, JSON_LIMIT))  # files, pipes and FIFOs as for YAML; never a device
    except InputError as exc:
        return Read(failures=(str(exc.problem),))
    except ValueError as exc:  # JSONDecodeError, or bytes that are not UTF-8
        return Read(failures=(_("{path}: not JSON ({reason})").format(path=path, reason=exc),))
    if isinstance(data, dict) and isinstance(data.get("institutions"), list):
        entries, failures = data["institutions"], data.get("failures", [])
    elif isinstance(data, dict) and "institution" in data:
        entries, failures = [data], []
    else:
        return Read(failures=(_("{path}: neither a roll-up JSON (with \"institutions\") nor a report JSON "
                                "(auditkit report --format json)").format(path=path),))
    # a shard's "not included" lines are printed again: one line each, however they were edited
    found = [Read(failures=tuple(printable(str(f), 1000) for f in failures) if isinstance(failures, list) else ())]
    for index, entry in enumerate(entries):
        try:
            one = read(entry)
            checklist, version, code = entry["checklist"], entry["checklist_version"], entry["institution"]["code"]
        except (KeyError, TypeError, ValueError, AttributeError):
            found.append(Read(failures=(_("{path}: institution {index} is not a report entry of this auditkit version "
                                          "(make the JSON again with auditkit report or rollup --format json)")
                                        .format(path=path, index=index + 1),)))
            continue
        if catalog.find(checklist, version) is None:
            found.append(Read(failures=(_("{path}: {code} uses checklist {checklist} version {version}, which is not "
                                          "known; pass it with --checklist FILE").format(
                path=path, code=code, checklist=checklist, version=version),)))
            continue
        found.append(one)
    return Read(tuple(r for f in found for r in f.records), tuple(x for f in found for x in f.failures),
                tuple(x for f in found for x in f.ledgers))


def read_ledger(path: str, catalog: Catalog) -> Read:
    """A submission of the previous year (valid ones only), or the report or roll-up JSON made of that year's:
    what tracking its promises needs (promises.Ledger)."""
    if path.endswith(".json"):
        return _from_json(path, catalog, lambda entry: Read(ledgers=(_known(Ledger.from_entry(entry), catalog),)))
    evaluation = evaluate(path, catalog)
    if evaluation.readiness is None:
        return Read(failures=(evaluation.refusal(),))
    return Read(ledgers=(Ledger.of(evaluation.readiness),))


def _known(ledger: Ledger, catalog: Catalog) -> Ledger:
    """The ledger, if every item it names is one of its checklist's (else ValueError: a JSON edited by hand, or
    of a checklist that is not the one loaded under that id and version)."""
    checklist = catalog.find(*ledger.checklist)
    named = {item for item, _answers, _score in ledger.items} | {item for item, *_rest in ledger.promises}
    if checklist is not None and not named <= set(checklist.items):
        raise ValueError(f"items not in {ledger.checklist}: {sorted(named - set(checklist.items))}")
    return ledger


@dataclass(frozen=True)
class PreviousYear:
    """The previous year, read first: a tracker holding each institution's ledger, and what could not be read."""

    tracker: Tracker
    failures: tuple[str, ...]
    notes: tuple[str, ...]

    def year_over_year(self, found: Rollup) -> YearOverYear:
        """Who kept their word; the previous year's failures join the roll-up's (after this year's own)."""
        found.failures += [_("previous year: {failure}").format(failure=f) for f in self.failures]
        return assemble(self.tracker.previous, found.years, self.notes)


def previous_year(files: Sequence[str], catalog: Catalog, tick: Callable[[], None] = lambda: None, jobs: int = 1
                  ) -> PreviousYear:
    """`rollup --previous`: read the previous year's submissions into ledgers (promises.py), to be matched to this
    year's one submission at a time (rollup(…, tracker=…)): memory holds one year's ledgers, never two years of
    scored submissions."""
    from .diff import checklist_chain

    reads = read_all(files, lambda path: read_ledger(path, catalog), catalog, jobs, tick)
    notes: list[str] = []
    ledgers = ledgers_by_code([ledger for r in reads for ledger in r.ledgers], notes)
    tracker = Tracker(ledgers, catalog.find, lambda old, new: checklist_chain(old, new, catalog))
    return PreviousYear(tracker, tuple(f for r in reads for f in r.failures), tuple(notes))


def in_order(records: list[Record]) -> list[Record]:
    """The order of JSON and CSV: by path, then code (the same whatever the order shards are given in)."""
    return sorted(records, key=lambda r: (r.path, r.code, r.sha256))


def rollup_bytes(found: Rollup, fmt: str, lang: str, catalog: Catalog, yoy: YearOverYear | None = None) -> bytes:
    if not found.records:
        raise AuditkitError(_("no valid submission to roll up"))
    if fmt == "json":
        return rollup_json(found, yoy=yoy).encode("utf-8")
    if fmt == "csv":  # a table for people and programs: in the language of the run's messages (--lang, else the
        from .i18n import language  # locale), not the documents' default Korean, so that scripts keep their header

        return rollup_csv(found.records, language(), yoy)
    from .render import document_date, render_rollup_html, write_pdf_bytes

    checklist = catalog.find(found.records[0].checklist, found.records[0].checklist_version)
    assert checklist is not None  # read_json() and validate_file() only keep records of known checklists
    html = render_rollup_html(found.records, checklist, lang, found.failures, yoy)
    if fmt == "html":
        return html.encode("utf-8")
    import datetime as dt

    latest = max((r.as_of for r in found.records if r.as_of), default=None)
    # One attachment: the roll-up JSON cut to what the PDF shows (every row of every list, each source's sha256, and
    # with --previous every promise's outcome), the same whether made from submissions or merged from shards (each
    # submission is embedded in its own report; 2,000 of them would be 50 MB here)
    return write_pdf_bytes(html, [("rollup.json", rollup_json(found, slim=True, yoy=yoy).encode("utf-8"))],
                           document_date(dt.date.fromisoformat(latest) if latest else None))


def rollup_json(found: Rollup, slim: bool = False, yoy: YearOverYear | None = None) -> str:
    """{"institutions": [report JSON, …], "failures": […]} (and "promises" with --previous), as output.dumps()
    prints it; assembled from each record's encoded entry (a nested JSON text indents by its depth: strings never
    hold a raw line break). `slim`: each institution cut to what the roll-up shows (Record.slim_entry)."""
    texts = (dumps(r.slim_entry()) if slim else r.entry for r in in_order(found.records))
    entries = ",\n    ".join(text.replace("\n", "\n    ") for text in texts)
    failures = dumps(found.failures).replace("\n", "\n  ")
    promises = ""
    if yoy is not None:
        from .promises import year_over_year_json

        promises = ',\n  "promises": ' + dumps(year_over_year_json(yoy)).replace("\n", "\n  ")
    return f'{{\n  "institutions": [\n    {entries}\n  ],\n  "failures": {failures}{promises}\n}}\n'


def rollup_csv(records: list[Record], lang: str = "en", yoy: YearOverYear | None = None) -> bytes:
    """One row per institution; UTF-8 with a BOM so that Excel shows Korean text. In Korean the headers, the rating
    and yes/no are Korean, and the rating's code follows in a column of its own (for filters and formulas). With the
    previous year, the promise columns of promises.CSV_COLUMNS follow, and institutions of the previous year only
    get a row too."""
    from .i18n import using
    from .promises import CSV_COLUMNS, csv_values
    from .vocabulary import label

    ordered = in_order(records)
    sections = [s for s, _score in ordered[0].sections]
    buffer = io.StringIO()
    writer = csvcells.writer(buffer)  # no cell is ever a formula
    with using(lang):
        if lang == "ko":
            head = [_("code"), _("institution"), _("period"), _("as_of"), _("score"), _("rating"), "rating_code"]
            tail = [_("critical_gaps"), _("overdue_remediations"), _("approved")]
            yes_no = (_("yes"), _("no"))
        else:  # the header and values programs have read since the first version
            head = ["code", "institution", "period", "as_of", "score", "rating"]
            tail, yes_no = ["critical_gaps", "overdue_remediations", "approved"], ("yes", "no")
    extra = list(CSV_COLUMNS) if yoy is not None else []
    years = {i.code: i for i in yoy.institutions} if yoy is not None else {}
    writer.writerow([*head, *sections, *tail, *extra])
    for r in ordered:
        scores = r.section_scores
        rating = [label("rating", r.rating, "ko"), r.rating] if lang == "ko" else [r.rating]
        writer.writerow([r.code, r.name.ko, r.period, r.as_of, _fmt(r.score), *rating,
                         *(_fmt(scores.get(s)) for s in sections), " ".join(r.critical_items), r.overdue,
                         yes_no[0] if r.approved else yes_no[1], *(csv_values(years.get(r.code)) if extra else [])])
    for alone in (i for i in years.values() if i.current is None):  # in the previous year only
        writer.writerow([alone.code, alone.name.ko, *[""] * (len(head) + len(sections) + len(tail) - 2),
                         *csv_values(alone)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _fmt(value: float | None) -> str:
    return "" if value is None else format_score(value)
