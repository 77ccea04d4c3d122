"""Running batch jobs in child processes, one process per job, at most N at a time.

Why not multiprocessing.Pool: when the out-of-memory killer SIGKILLs a Pool worker, the parent waits forever for a
result that never comes. Here each job has its own process and pipe, so a dead worker is noticed (its pipe closes
without an answer) and named, and the others go on. Why one process per job and not a long-lived worker: the
parent imports WeasyPrint and computes the toolchain digest before forking, so a child starts warm in about a
millisecond, and whatever memory a render takes is given back when its process ends.

Signals: children ignore SIGINT (Ctrl-C reaches the whole process group; the parent decides) and die on SIGTERM
(removing a half-written temporary file on the way, see files.write_atomic). SIGTERM or SIGINT to the parent
terminates every running child and waits for it, so nothing is written after the parent has exited.
"""
from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from .files import sigterm_exits

J = TypeVar("J")
O = TypeVar("O")  # noqa: E741 - a type variable
GRACE = 10.0  # seconds a terminated child gets to remove its temporary file before it is killed


def run_in_children(jobs: list[J], workers: int, work: Callable[[J], O], lost: Callable[[J, int | None], O],
                    crashed: Callable[[J, Exception], O]) -> Iterator[O]:
    """Yield work(job) for every job, computed in child processes: lost(job, exitcode) for a child that died without
    answering, crashed(job, exception) for one whose work raised (a bug: the other jobs go on)."""
    import multiprocessing
    from multiprocessing.connection import wait

    context: Any = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    warm_up()
    pending = list(reversed(jobs))
    running: dict[Any, tuple[Any, J]] = {}
    with sigterm_exits():
        try:
            while pending or running:
                while pending and len(running) < workers:
                    job = pending.pop()
                    reader, writer = context.Pipe(duplex=False)
                    process = context.Process(target=_child, args=(work, crashed, job, writer, os.getpid()), daemon=True)
                    process.start()
                    writer.close()
                    running[reader] = (process, job)
                for reader in wait(list(running)):
                    process, job = running.pop(reader)
                    yield _answer(reader, process, job, lost)
        finally:
            _stop([process for process, _job in running.values()])


def _answer(reader: Any, process: Any, job: J, lost: Callable[[J, int | None], O]) -> O:
    try:
        answer: O = reader.recv()
    except (EOFError, OSError):
        process.join()
        return lost(job, process.exitcode)
    finally:
        reader.close()
    process.join()
    return answer


def _child(work: Callable[[J], O], crashed: Callable[[J, Exception], O], job: J, writer: Any, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with(parent)
    try:
        answer = work(job)
    except Exception as exc:  # noqa: BLE001 - reported to the parent as this job's failure, not a traceback
        answer = crashed(job, exc)
    try:
        writer.send(answer)
    except OSError:  # the parent has gone: nothing to tell
        pass
    writer.close()


def _die_with(parent: int) -> None:
    """Linux: SIGTERM this child when its parent dies, even by SIGKILL, so that no render outlives the command."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the parent's own handlers stop its children
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(128 + signal.SIGTERM)


def _stop(processes: list[Any]) -> None:
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(GRACE)
        if process.is_alive():
            process.kill()
            process.join()


def warm_up() -> None:
    """Import WeasyPrint and compute what every render needs once, in the parent, so forked children share it."""
    try:
        import weasyprint  # noqa: F401

        from .render import toolchain_digest
        toolchain_digest()
    except ImportError:
        pass
