"""Cross-checks: answers that the submission's own structure (its `sites` and `systems`) contradicts.

An answer that contradicts the file itself is misreporting, which audits look for first: ACC-01 (owner and deputy)
compliant for a system without a deputy, RED-04 (DR site in another region) other-region for a system without a
DR site or whose DR site is in the same city, a recovery date at the DR site for a system that has none, an exercise
type for the last year when GOV-05 dates the latest exercise earlier. Each is an error with its own code, at the
answer's line.

The checks know the items of the bundled checklist family (`mss-it-resilience`) by id and by answer type: an item
of another checklist, or one whose answer type differs, is left alone. `crosscheck()` takes the checklist, the
submission and the loaded document and returns Problems; validation calls it after its own rules.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import Problem
from ..i18n import _
from ..loader import Document, Path_, pointer, printable
from ..model import Answer, Checklist, Item, Site, Submission, System, assess

FAMILY = "mss-it-resilience"

# RED-03 models and RED-06 replications that need an alternate site; RED-04 distances that name one.
NEEDS_DR_SITE = {"RED-03": ("cold", "warm", "hot", "active-active"),
                 "RED-06": ("async-remote", "sync-remote", "app-active-active"),
                 "RED-04": ("same-room", "same-building", "same-campus", "other-region")}

# Cities and regions as site names write them; a district or campus maps to its city. A site whose name names none
# (or two different ones) has no known city and is not checked.
_CITY_OF = {name: name for name in (
    "서울", "부산", "대구", "인천", "광주", "대전", "울산", "세종", "수원", "성남", "고양", "용인", "청주", "천안",
    "전주", "포항", "창원", "김해", "진주", "춘천", "원주", "강릉", "공주", "나주", "제주", "안양", "부천", "구미")} | {
    "목동": "서울", "가산": "서울", "서초": "서울", "상암": "서울", "여의도": "서울", "구로": "서울", "마포": "서울",
    "판교": "성남", "분당": "성남", "오송": "청주", "문현": "부산", "유성": "대전", "송도": "인천", "일산": "고양"}
_CITY = re.compile("|".join(sorted(_CITY_OF, key=len, reverse=True)))


@dataclass(frozen=True)
class Contradiction:
    path: Path_
    code: str
    message: str
    item: str


def crosscheck(checklist: Checklist, submission: Submission, doc: Document) -> list[Problem]:
    """Every answer of `submission` that its own sites and systems contradict, as errors."""
    if checklist.id != FAMILY:
        return []
    found: list[Contradiction] = []
    for item_id, check in CHECKS.items():
        item = checklist.items.get(item_id)
        if item is not None and item.answer.type == check.answer_type:
            found.extend(check.run(item, submission, checklist))
    return [_problem(doc, c) for c in found]


def _problem(doc: Document, found: Contradiction) -> Problem:
    line, column = doc.where(found.path)
    return Problem(doc.path, line, column, found.code, printable(found.message, 1000), "error", found.item,
                   pointer(found.path))


# --- the checks ------------------------------------------------------------------------------------------------

def _per_target(item: Item, sub: Submission, scope: str) -> Iterator[tuple[Any, Answer, Path_]]:
    """(site or system, its answer, where it is) for each answer of a site- or system-scope item."""
    given = sub.answers.get(item.id)
    if not isinstance(given, dict) or item.scope != scope:
        return
    known: dict[str, Any] = sub.system_map if scope == "system" else sub.site_map
    for target, answer in given.items():
        unit = known.get(target)
        if unit is not None:
            yield unit, answer, ("answers", item.id, f"{scope}s", target)


def _per_system(item: Item, sub: Submission) -> Iterator[tuple[System, Answer, Path_]]:
    return _per_target(item, sub, "system")


def _per_site(item: Item, sub: Submission) -> Iterator[tuple[Site, Answer, Path_]]:
    return _per_target(item, sub, "site")


def deputy(item: Item, sub: Submission) -> Iterator[Contradiction]:
    """ACC-01 compliant, but the system has no deputy, or its deputy is its owner."""
    for system, answer, path in _per_system(item, sub):
        if answer.status != "compliant":
            continue
        if not system.deputy:
            message = _("{item} / {system}: answered compliant (owner and deputy named), but system {system} has no "
                        "deputy in systems:; add deputy: to the system or answer partial with a remediation")
        elif system.deputy == system.owner:
            message = _("{item} / {system}: answered compliant (owner and deputy named), but the deputy of system "
                        "{system} is its owner; name another person as deputy or answer partial with a remediation")
        else:
            continue
        yield Contradiction(path + ("status",), "contradicts-deputy", message.format(item=item.id, system=system.id),
                            item.id)


def dr_site(item: Item, sub: Submission) -> Iterator[Contradiction]:
    """RED-03 / RED-04 / RED-06 values that need an alternate site, for a system without dr_site; RED-04 'none'
    for a system that has one."""
    needs = NEEDS_DR_SITE[item.id]
    for system, answer, path in _per_system(item, sub):
        value = answer.value
        if not isinstance(value, str) or answer.status == "not_applicable":
            continue
        if value in needs and not system.dr_site:
            message = _("{item} / {system}: the answer {value} needs a DR site, but system {system} has no dr_site "
                        "in systems:; add the DR site (and its entry under sites:) or correct the answer")
        elif item.id == "RED-04" and value == "none" and system.dr_site:
            message = _("{item} / {system}: the answer none says there is no DR site, but system {system} names "
                        "dr_site {dr_site}; pick where {dr_site} is, or remove dr_site from the system")
        else:
            continue
        yield Contradiction(path + ("value",), "contradicts-dr-site",
                            message.format(item=item.id, system=system.id, value=value, dr_site=system.dr_site),
                            item.id)


def recovered_at_dr_site(item: Item, sub: Submission) -> Iterator[Contradiction]:
    """BKP-09 (whole system rebuilt at the DR site) with a date, for a system without dr_site."""
    for system, answer, path in _per_system(item, sub):
        if system.dr_site or answer.status == "not_applicable" or answer.value in (None, "never"):
            continue
        message = _("{item} / {system}: a full recovery at the DR site on {value}, but system {system} has no "
                    "dr_site in systems:; add the DR site, or answer never with a remediation")
        yield Contradiction(path + ("value",), "contradicts-dr-site",
                            message.format(item=item.id, system=system.id, value=answer.value), item.id)


def city(site: Site | None) -> str | None:
    """The city a site's name names, when it names exactly one (목동 IDC -> 서울); else None."""
    if site is None:
        return None
    found = {_CITY_OF[m] for m in _CITY.findall(site.name)}
    return found.pop() if len(found) == 1 else None


def region(item: Item, sub: Submission) -> Iterator[Contradiction]:
    """RED-04 other-region while the primary and the DR site are in the same city."""
    for system, answer, path in _per_system(item, sub):
        if answer.value != "other-region" or not system.dr_site or not system.site:
            continue
        primary, alternate = sub.site_map.get(system.site), sub.site_map.get(system.dr_site)
        here = city(primary)
        if here is None or city(alternate) != here or primary is None or alternate is None:
            continue
        message = _("{item} / {system}: answered other-region, but the primary site {site} ({site_name}) and the DR "
                    "site {dr_site} ({dr_name}) are both in {city}; answer same-campus, or correct the site's name "
                    "if it is elsewhere")
        yield Contradiction(path + ("value",), "contradicts-region",
                            message.format(item=item.id, system=system.id, site=primary.id, site_name=primary.name,
                                           dr_site=alternate.id, dr_name=alternate.name, city=here), item.id)


def site_owner(item: Item, sub: Submission) -> Iterator[Contradiction]:
    """ACC-03 (named facility owner) compliant for a site without an owner."""
    for site, answer, path in _per_site(item, sub):
        if answer.status == "compliant" and not site.owner:
            message = _("{item} / {site}: answered compliant (facility owner named), but site {site} has no owner "
                        "in sites:; add owner: to the site or answer partial with a remediation")
            yield Contradiction(path + ("status",), "contradicts-site-owner", message.format(item=item.id, site=site.id),
                                item.id)


def exercise_date(item: Item, sub: Submission, checklist: Checklist) -> Iterator[Contradiction]:
    """GOV-09 names an exercise of the last 366 days for a system, while GOV-05 (the date of the latest exercise)
    is never, or fails its own age rule at as_of."""
    dated, latest = checklist.items.get("GOV-05"), sub.answers.get("GOV-05")
    if dated is None or dated.answer.type != "date" or not isinstance(latest, Answer) or sub.as_of is None:
        return
    if latest.value is None or latest.status == "not_applicable":
        return
    if assess(dated, latest, None, sub.as_of).status == "compliant":
        return
    for system, answer, path in _per_system(item, sub):
        if isinstance(answer.value, str) and answer.value != "none" and answer.status != "not_applicable":
            message = _("{item} / {system}: a {value} exercise in the last 366 days, but GOV-05 gives the latest "
                        "exercise as {date}; answer none (with a remediation) or correct GOV-05")
            yield Contradiction(path + ("value",), "contradicts-exercise-date",
                                message.format(item=item.id, system=system.id, value=answer.value,
                                               date=latest.value), item.id)


Run = Callable[[Item, Submission, Checklist], Iterator[Contradiction]]


def _structural(check: Callable[[Item, Submission], Iterator[Contradiction]]) -> Run:
    """A check that needs only the item and the submission."""
    def run(item: Item, sub: Submission, checklist: Checklist) -> Iterator[Contradiction]:
        return check(item, sub)
    return run


def _both(*checks: Callable[[Item, Submission], Iterator[Contradiction]]) -> Run:
    def run(item: Item, sub: Submission, checklist: Checklist) -> Iterator[Contradiction]:
        for check in checks:
            yield from check(item, sub)
    return run


@dataclass(frozen=True)
class Check:
    answer_type: str
    run: Run


CHECKS: dict[str, Check] = {
    "ACC-01": Check("status", _structural(deputy)),
    "ACC-03": Check("status", _structural(site_owner)),
    "RED-03": Check("choice", _structural(dr_site)),
    "RED-04": Check("choice", _both(dr_site, region)),
    "RED-06": Check("choice", _structural(dr_site)),
    "BKP-09": Check("date", _structural(recovered_at_dr_site)),
    "GOV-09": Check("choice", exercise_date),
}
