"""Korean and English: one gettext domain, ``auditkit``, for auditkit's own messages and click's.

English is the source language (the msgid); the Korean catalogue is ``locale/ko/LC_MESSAGES/auditkit.po``,
compiled to ``auditkit.mo`` by ``./dev.sh i18n`` (a test fails when any message lacks its Korean, or when the
``.mo`` is older than the ``.po``). As in reuse-tool, the domain is also made gettext's global one, so that click's
own usage errors and help words ("Usage:", "Missing argument", …) come out in the same language.

The language of a run is set once, by the command line (``--lang``) or else by :func:`default_language`;
core modules only call :func:`_` (or mark a message with :func:`N_` where it is defined and translate it where it
is shown).
"""
from __future__ import annotations

import gettext
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

DOMAIN = "auditkit"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("ko", "en")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """AUDITKIT_LANG if set, else the locale (LC_ALL, LC_MESSAGES, LANG, the first one set): Korean when it starts
    with ``ko``, English otherwise."""
    env = os.environ if environ is None else environ
    for name in ("AUDITKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip()
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    return "en"


def set_language(lang: str) -> None:
    """Make ``lang`` (ko or en) the language of every message from now on, click's included."""
    global _translation, _language
    _language = lang if lang in LANGUAGES else "en"
    # click calls gettext.gettext(), which reads the global domain and the LANGUAGE variable; workers inherit both
    os.environ["LANGUAGE"] = _language
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    _translation = gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[_language], fallback=True)


def language() -> str:
    """The language messages are in now: ko or en."""
    return _language


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Messages in ``lang`` inside the block (e.g. a Korean report's draft errors), the previous language after.
    Already in ``lang``: nothing to switch (a report asks for its language once per answer it explains)."""
    before = _language
    if lang == before:
        yield
        return
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


def _(message: str) -> str:
    """``message`` (English, the msgid) in the current language. Format after translating:
    ``_("{item}: not answered").format(item=…)``."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the current language."""
    return _translation.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue where it is defined (a table, a constant); translate it with ``_`` where
    it is shown."""
    return message
