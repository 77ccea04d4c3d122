"""click, in the user's language: `--lang` on every command, help texts translated when shown, errors at the edge.

The language must be known before click parses anything (its usage errors and `--help` come first), so the group
reads `--lang` from the arguments itself (:func:`scan_language`) and sets it; the option is still declared on every
command so that it is listed in `--help` and accepted where a user writes it.
"""
from __future__ import annotations

import inspect
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

import click

from .errors import AuditkitError, InputError
from .i18n import LANGUAGES, N_, _, default_language, set_language

F = TypeVar("F", bound=Callable[..., Any])
ISSUES_URL = "https://github.com/auditkit/auditkit/issues"
HELP_OPTION = N_("Show this message and exit.")  # click's own words: translated by the shared catalogue
REQUIRED = N_("required")  # click marks a required option "[required]" and translates the word when shown


def scan_language(args: Sequence[str]) -> str | None:
    """The value of the first `--lang X` / `--lang=X` before `--`, if it names a known language."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = args[index + 1] if arg == "--lang" and index + 1 < len(args) else arg[7:] if arg.startswith("--lang=") else None
        if value in LANGUAGES:
            return value
    return None


@contextmanager
def translated(holders: Sequence[Any]) -> Iterator[None]:
    """Show each holder's `help` in the current language for the duration (the English msgid stays on it)."""
    saved = [(holder, holder.help) for holder in holders]
    for holder, text in saved:
        if text:
            holder.help = _(inspect.cleandoc(text))
    try:
        yield
    finally:
        for holder, text in saved:
            holder.help = text


class Command(click.Command):
    """A command whose help texts are translated at the moment they are shown."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        fresh = self._help_option is None
        option = super().get_help_option(ctx)
        if fresh and option is not None:
            option.help = HELP_OPTION  # click makes it once, in the language of that moment: keep the msgid
        return option

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with translated([self, *self.get_params(ctx)]):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with translated([self]):
            return super().get_short_help_str(limit)


class Group(click.Group, Command):
    """The auditkit group: sets the language from `--lang`, AUDITKIT_LANG or the locale before click parses."""

    command_class = Command

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        set_language(scan_language(argv) or default_language())
        return super().main(argv, *rest, **kwargs)


lang_option = click.option(
    "--lang", type=click.Choice(LANGUAGES), default=None, expose_value=False, is_eager=True,
    help=N_("Language of messages: ko or en (default: AUDITKIT_LANG, else the locale)."))


def guarded(func: F) -> F:
    """Turn user errors into 'Error: …' and exit 1; internal errors into one line (traceback with --debug)."""
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            for problem in getattr(exc, "problems", [exc.problem]):
                click.echo(_("Error: {message}").format(message=problem), err=True)
            sys.exit(1)
        except AuditkitError as exc:
            click.echo(_("Error: {message}").format(message=exc), err=True)
            sys.exit(getattr(exc, "exit_code", 1))
        except MemoryError:
            click.echo(_("Error: out of memory (try fewer --jobs, or a machine with more memory)"), err=True)
            sys.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # noqa: BLE001 - the one place internal errors are reported
            if click.get_current_context().find_root().params.get("debug"):
                import traceback

                traceback.print_exc()
            what = " ".join(str(exc).split())[:200]  # one line, whatever the exception says
            click.echo(_("auditkit: internal error ({kind}: {what}). This is a bug: please report it at {url} with the "
                         "output of the same command run with --debug.").format(kind=type(exc).__name__, what=what,
                                                                                 url=ISSUES_URL), err=True)
            sys.exit(1)
    return wrapper  # type: ignore[return-value]
