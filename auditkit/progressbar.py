"""A progress bar for batches: on standard error, only when it is a terminal, and only once a batch (of more than one
file) has taken more than a second (a quick run prints nothing, a pipe or a CI log never gets control characters).

    with Progress(len(files), _("validating")) as progress:
        for path in files:
            ...
            progress.advance()
"""
from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO

from .i18n import _

DELAY = 1.0  # seconds before the bar first shows
REFRESH = 0.1  # seconds between two redraws
WIDTH = 24


class Progress:
    """Counts done items of `total`; draws `label [#####   ] done/total, m:ss left` on a terminal's stderr."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.total, self.label, self.done = total, label, 0
        self.stream = stream if stream is not None else sys.stderr
        self.now = time.monotonic
        self.start = self.now()
        self.drawn = 0.0  # when the bar was last drawn; 0: never
        self.enabled = total > 1 and _isatty(self.stream)  # one file is not a batch

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self.enabled:
            return
        now = self.now()
        if now - self.start >= DELAY and now - self.drawn >= REFRESH:
            self.drawn = now
            self.stream.write("\r" + self.line(now - self.start) + "\x1b[K")
            self.stream.flush()

    def line(self, elapsed: float) -> str:
        """The bar's text after `elapsed` seconds: the time left is the mean time per item so far times the rest."""
        share = self.done / self.total if self.total else 1.0
        filled = int(WIDTH * share)
        left = elapsed / self.done * (self.total - self.done) if self.done else 0.0
        minutes, seconds = divmod(int(left + 0.5), 60)
        return _("{label} [{bar}] {done}/{total}, {left} left").format(
            label=self.label, bar="#" * filled + " " * (WIDTH - filled), done=self.done, total=self.total,
            left=f"{minutes}:{seconds:02d}")

    def close(self) -> None:
        """Erase the bar (the messages that follow start on a clean line)."""
        if self.enabled and self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = 0.0


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False
