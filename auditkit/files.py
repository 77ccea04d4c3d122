"""Outputs: checked before anything is done, then written atomically (a temporary file in the same folder, renamed).

Every command's ``-o`` goes through :func:`check_outputs` (with the command's inputs) before any work, and every
write through :func:`write_atomic`. The promises:

- an output that is one of the inputs (same device and inode: through a symlink or a hard link too) is refused;
- only a regular file is ever replaced: a folder, FIFO, device or socket is refused by name, and so is a symbolic
  link (auditkit never swaps a link for a file, and never writes through it into a file it did not choose:
  give the link's target instead);
- a new output gets the mode the umask allows (0600 under ``umask 077``), an existing one keeps its mode;
- ``-`` is standard output, for text-like formats (a PDF is refused when standard output is a terminal).
"""
from __future__ import annotations

import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import AuditkitError
from .i18n import _

STDOUT = "-"
TEMP_NAME_MAX = 60  # characters of the target's name kept in the temporary file's name (a long name must still fit)


class OutputRefused(AuditkitError):
    """An output path that must not be written (an input, a FIFO, a device, a link): a usage error, exit 2."""

    exit_code = 2


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is, in words; None for a regular file."""
    kinds = ((stat.S_ISDIR, _("a folder")), (stat.S_ISFIFO, _("a named pipe (FIFO)")),
             (stat.S_ISCHR, _("a device")), (stat.S_ISBLK, _("a device")), (stat.S_ISSOCK, _("a socket")),
             (stat.S_ISLNK, _("a symbolic link")))
    return next((word for test, word in kinds if test(mode)), None)


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def check_outputs(outputs: Iterable[str], inputs: Iterable[str]) -> None:
    """Refuse (exit 2), before anything is read or written, an output that is an input or not a regular file."""
    known = {ident: name for name in inputs if (ident := _identity(name)) is not None}
    for output in outputs:
        if output == STDOUT:
            continue
        check_target(output, refused=OutputRefused)
        same = known.get(_identity(output) or (-1, -1))
        if same is not None:
            raise OutputRefused(_("{output} is the input {input}: refusing to overwrite an input; "
                                  "choose another output name").format(output=output, input=same))


def check_target(path: str | Path, refused: type[AuditkitError] = AuditkitError) -> None:
    """Raise unless ``path`` is absent or a regular file (not followed if it is a symbolic link)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except (OSError, ValueError):
        return  # the write itself will say what is wrong with the name
    kind = kind_of(mode)
    if kind is None:
        return
    if stat.S_ISLNK(mode):
        raise refused(_("{path} is a symbolic link (to {target}); auditkit replaces only regular files and never "
                        "writes through a link: give the target itself as the output, or remove the link")
                      .format(path=path, target=os.readlink(path)))
    raise refused(_("{path} is {kind}, not a regular file: auditkit only replaces regular files; choose a file name")
                  .format(path=path, kind=kind))


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Write all of ``data`` to ``path`` or nothing: an interrupted run leaves the old file or none.
    ``-`` writes to standard output."""
    if str(path) == STDOUT:
        write_stdout(data)
        return
    with sigterm_exits():
        _write(path, data)


def write_stdout(data: bytes | str) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    sys.stdout.flush()
    try:
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
    except BrokenPipeError:  # `auditkit … -o - | head`: the reader has gone, which is fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def refuse_binary_to_terminal(output: str | None, fmt: str) -> None:
    """A PDF written to ``-`` while standard output is a terminal would fill it with binary: refuse (exit 2)."""
    if output == STDOUT and fmt == "pdf" and sys.stdout.isatty():
        raise OutputRefused(_("refusing to write a PDF to a terminal; redirect standard output "
                              "(-o - > report.pdf) or give a file name"))


@contextmanager
def sigterm_exits() -> Iterator[None]:
    """Inside the block SIGTERM raises SystemExit (as Ctrl-C raises KeyboardInterrupt), so that `finally` runs: a
    temporary file is removed, a batch's children are stopped.

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


def new_file_mode() -> int:
    """0666 less the umask (the umask can only be read by setting it; this is done once per process)."""
    global _MODE
    if _MODE is None:
        mask = os.umask(0o022)
        os.umask(mask)
        _MODE = 0o666 & ~mask
    return _MODE


_MODE: int | None = None


def _write(path: str | Path, data: bytes | str) -> None:
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent if str(target.parent) else Path(".")
    if not os.path.isdir(folder):
        message = (_("cannot write {target}: {folder} is not a folder") if os.path.exists(folder) else
                   _("cannot write {target}: folder {folder} does not exist"))
        raise AuditkitError(message.format(target=target, folder=folder))
    check_target(target)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = new_file_mode()
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name[:TEMP_NAME_MAX]}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise AuditkitError(_("cannot write {target}: {reason} (is the folder writable?)")
                            .format(target=target, reason=exc.strerror or exc)) from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        check_target(target)  # once more: a FIFO or a link put there while this was being written is not replaced
        os.replace(temp, target)
    except OSError as exc:
        raise AuditkitError(_("cannot write {target}: {reason}").format(target=target, reason=exc.strerror or exc)) from exc
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def shown_name(path: str) -> str:
    """A file name as it can be printed: bytes that are not UTF-8 shown as \\xb1."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def utf8_names(paths: Iterable[str]) -> tuple[list[str], list[str]]:
    """The paths whose names are UTF-8, and one error line for each other one (a Korean name saved in CP949 by a
    Windows tool): such a file is skipped, not allowed to abort a whole batch when its name is printed or embedded."""
    good, bad = [], []
    for path in paths:
        try:
            path.encode("utf-8")
        except UnicodeEncodeError:
            bad.append(_("{path}: the file name is not UTF-8 (a name saved in CP949/EUC-KR?); skipped: rename it, e.g. "
                         "`convmv -f cp949 -t utf-8 --notest FILE`").format(path=shown_name(path)))
        else:
            good.append(path)
    return good, bad
