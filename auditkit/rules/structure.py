"""Sites and systems: unique ids, owners who exist, primary and DR sites that exist and differ."""
from __future__ import annotations

from typing import Any

from ..i18n import _
from ..loader import Path_, printable
from .context import Context, closest


def check(ctx: Context) -> None:
    site_ids = _unique(ctx, "sites", _("site"))
    _unique(ctx, "systems", _("system"))
    for index, raw in enumerate(ctx.entries("sites")):
        if isinstance(raw, dict):
            ctx.person(("sites", index, "owner"), raw.get("owner"), _("owner of site {site}").format(site=raw.get("id")))
    for index, raw in enumerate(ctx.entries("systems")):
        if isinstance(raw, dict):
            _system(ctx, ("systems", index), raw, site_ids)


def _unique(ctx: Context, key: str, word: str) -> set[str]:
    seen: dict[str, int] = {}
    for index, raw in enumerate(ctx.entries(key)):
        ident = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in seen:
            ctx.add((key, index, "id"), "duplicate-id", _("{word} id {id} is used twice (first as {key}[{first}]); ids must be "
                                                          "unique in the file").format(word=word, id=ident, key=key, first=seen[ident]))
        seen.setdefault(ident, index)
    return set(seen)


def _system(ctx: Context, path: Path_, raw: dict[str, Any], site_ids: set[str]) -> None:
    ident = raw.get("id")
    for key in ("owner", "deputy"):
        ctx.person(path + (key,), raw.get(key), _("{key} of system {system}").format(key=key, system=ident))
    for key in ("site", "dr_site"):
        site = raw.get(key)
        if isinstance(site, str) and site not in site_ids:
            hint = closest(site, sorted(site_ids)) or "; " + _("add it under sites:")
            ctx.add(path + (key,), "unknown-site", _("{key} of system {system}: no site with id '{site}'{hint}").format(
                key=key, system=ident, site=printable(site), hint=hint))
    if raw.get("dr_site") is not None and raw.get("dr_site") == raw.get("site"):
        ctx.add(path + ("dr_site",), "dr-same-site", _("system {system}: dr_site is the same as site ({site}); a disaster-recovery "
                                                       "site must be another facility, or leave dr_site out").format(
            system=ident, site=raw.get("site")))
    grade = raw.get("grade")
    if grade in (1, 2):
        if raw.get("deputy") is None:
            ctx.add(path + ("id",), "no-deputy", _("system {system} is grade {grade} but has no deputy owner").format(
                system=ident, grade=grade))
        if raw.get("dr_site") is None:
            ctx.add(path + ("id",), "no-dr-site", _("system {system} is grade {grade} but has no dr_site").format(
                system=ident, grade=grade))
