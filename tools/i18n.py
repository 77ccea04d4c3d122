"""The Korean catalogue: extract every message, update the .po, compile the .mo, or check that all of it holds.

    python tools/i18n.py           extract, update auditkit/locale/ko/LC_MESSAGES/auditkit.po, compile auditkit.mo
    python tools/i18n.py --check   exit 1, naming each problem, when a message lacks Korean, a placeholder differs,
                                   the .po holds messages no longer used, or the .mo is not the .po compiled

Messages are auditkit's own (`_()`, `N_()`, `ngettext()` in the package, and the help texts of every command and
option, which click shows) and click's (usage errors and help words, which the shared gettext domain translates).
Entries are sorted by msgid and carry no source locations, so that two branches adding messages merge as text.
(Babel is a development dependency: the installed package reads the compiled .mo with the standard gettext.)
"""
from __future__ import annotations

import inspect
import io
import re
import string
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "auditkit" / "locale" / "ko" / "LC_MESSAGES" / "auditkit.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
FIXED_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)  # the header carries no clock: the same .po gives the same .mo

Msgid = str | tuple[str, str]


def extracted() -> dict[Msgid, str]:
    """Every message a user can see, with where it comes from ('auditkit' or 'click')."""
    import click

    found: dict[Msgid, str] = {}
    for folder, origin in ((ROOT / "auditkit", "auditkit"), (Path(click.__file__).parent, "click")):
        for _file, _line, message, _comments, _context in extract_from_dir(folder, [("**.py", "python")], KEYWORDS):
            if message and (message[0] if isinstance(message, tuple) else message):
                found.setdefault(message if isinstance(message, str) else tuple(message[:2]), origin)
    for text in help_texts():
        found.setdefault(text, "auditkit")
    return found


def help_texts() -> Iterator[str]:
    """The help of the group, of every command and of every option and argument: click prints them."""
    sys.path.insert(0, str(ROOT))
    from auditkit.cli import main

    commands = [main, *main.commands.values()]
    for command in commands:
        for text in (command.help, command.short_help, command.epilog):
            if text:
                yield inspect.cleandoc(text)
        for param in command.params:
            text = getattr(param, "help", None)
            if text:
                yield inspect.cleandoc(text)


def load_po() -> Catalog:
    if not PO.exists():
        return Catalog(locale="ko", domain="auditkit")
    with PO.open("rb") as handle:
        return read_po(handle, locale="ko", domain="auditkit")


def updated(old: Catalog, wanted: dict[Msgid, str]) -> Catalog:
    """A catalogue of exactly the wanted messages, keeping every Korean text already written."""
    new = Catalog(locale="ko", domain="auditkit", project="auditkit", version="", copyright_holder="auditkit authors",
                  creation_date=FIXED_DATE, revision_date=FIXED_DATE, fuzzy=False,
                  language_team="Korean", last_translator="auditkit authors")
    for msgid in sorted(wanted, key=lambda m: m if isinstance(m, str) else m[0]):
        before = old.get(msgid) or old.get(msgid[0] if isinstance(msgid, tuple) else msgid)
        given = before.string if before is not None else ""
        first = given[0] if isinstance(given, tuple) else given  # a message that became (or stopped being) plural
        translation: str | tuple[str, ...] = (first,) if isinstance(msgid, tuple) else first
        new.add(msgid, translation, auto_comments=() if wanted[msgid] == "auditkit" else ("click",))
    return new


def problems(catalog: Catalog, wanted: dict[Msgid, str]) -> list[str]:
    found = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        label = repr(ids[0])[:100]
        if message.id not in wanted:
            found.append(f"{label}: in the .po but no longer used (run python tools/i18n.py)")
        if not all(strings) or message.fuzzy:
            found.append(f"{label}: no Korean translation")
            continue
        fields = set().union(*map(_fields, ids))  # Korean has one plural form: it may use either form's fields
        for text in strings:
            if not _fields(text) <= fields or (len(ids) == 1 and _fields(text) != fields):
                found.append(f"{label}: placeholders {sorted(_fields(text))} in the Korean, {sorted(fields)} in the English")
    known = {m.id for m in catalog}
    found += [f"{repr(m if isinstance(m, str) else m[0])[:100]}: not in the .po (run python tools/i18n.py)"
              for m in wanted if m not in known]
    return found


def _fields(text: str) -> set[str]:
    """The placeholders of a message: {name} fields, and click's %(name)s / %s ones."""
    percent = {f"%{m}" for m in re.findall(r"%(\([a-z_]+\)[sd]|[sd])", text)}
    try:
        return percent | {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:  # a lone brace: not a {} template
        return percent


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    wanted = extracted()
    if "--check" in argv:
        catalog = load_po()
        found = problems(catalog, wanted)
        if not MO.exists() or MO.read_bytes() != compiled(catalog):
            found.append(f"{MO.relative_to(ROOT)} is not {PO.relative_to(ROOT)} compiled (run python tools/i18n.py)")
        for line in found:
            print(line, file=sys.stderr)
        return 1 if found else 0
    catalog = updated(load_po(), wanted)
    PO.parent.mkdir(parents=True, exist_ok=True)
    text = io.BytesIO()
    write_po(text, catalog, width=0, no_location=True, omit_header=False, sort_output=False)
    PO.write_bytes(text.getvalue())  # only once the whole catalogue is written: a failure leaves the old .po
    with PO.open("rb") as handle:  # compile what was written, exactly as --check will read it
        MO.write_bytes(compiled(read_po(handle, locale="ko", domain="auditkit")))
    missing = [p for p in problems(load_po(), wanted) if "no Korean" in p]
    print(f"{PO.relative_to(ROOT)}: {len(wanted)} messages, {len(missing)} without Korean", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
