"""Writing outputs atomically: a temporary file in the same folder, then a rename."""
from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import AuditkitError


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Write all of ``data`` to ``path`` or nothing: an interrupted run leaves the old file or none."""
    with _terminate_cleanly():
        _write(path, data)


@contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """While the temporary file exists, SIGTERM raises SystemExit, so that `finally` removes the file.

    (Ctrl-C already raises KeyboardInterrupt; only SIGKILL can leave a `.NAME.*.part` file behind.)"""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _write(path: str | Path, data: bytes | str) -> None:
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise AuditkitError(f"cannot write {target}: folder {folder} does not exist")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise AuditkitError(f"cannot write {target}: {exc.strerror or exc} (is the folder writable?)") from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except OSError as exc:
        raise AuditkitError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
