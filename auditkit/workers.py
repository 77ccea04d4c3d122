"""Running batch jobs in child processes, at most N at a time, each child taking a few jobs in turn.

Why not multiprocessing.Pool: when the out-of-memory killer SIGKILLs a Pool worker, the parent waits forever for a
result that never comes. Here each job has its own process and pipe, so a dead worker is noticed (its pipe closes
without an answer) and named, and the others go on. Why short-lived workers: the parent imports WeasyPrint and
computes the toolchain digest before forking, so a child starts warm, and whatever memory its renders took is
given back when it ends (a PDF child ends after each render; a JSON child after a few dozen files, since forking
costs about as much as a JSON report).

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
from .i18n import _

J = TypeVar("J")
O = TypeVar("O")  # noqa: E741 - a type variable
GRACE = 10.0  # seconds a terminated child gets to remove its temporary file before it is killed


def run_in_children(jobs: list[J], workers: int, work: Callable[[J], O], lost: Callable[[J, int | None], O],
                    crashed: Callable[[J, Exception], O], per_child: int = 1) -> Iterator[O]:
    """Yield work(job) for every job, computed in child processes: lost(job, exitcode) for a child that died without
    answering, crashed(job, exception) for one whose work raised (a bug: the other jobs go on). A child takes up to
    ``per_child`` jobs one after the other, then ends and gives its memory back (1 for PDFs, more where the fork
    would cost more than the work: a JSON report takes about 12 ms, a fork about 10)."""
    import multiprocessing
    from multiprocessing.connection import wait

    context: Any = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    pending = list(reversed(jobs))
    running: dict[Any, list[Any]] = {}  # connection -> [process, job in progress, jobs done]
    with sigterm_exits():
        try:
            while pending or running:
                while pending and len(running) < workers:
                    parent_end, child_end = context.Pipe(duplex=True)
                    process = context.Process(target=_child, args=(work, crashed, child_end, os.getpid()), daemon=True)
                    process.start()
                    child_end.close()
                    job = pending.pop()
                    parent_end.send(job)
                    running[parent_end] = [process, job, 0]
                for connection in wait(list(running)):
                    yield _answer(connection, running, pending, per_child, lost)
        finally:
            _stop([process for process, _job, _done in running.values()])


def _answer(connection: Any, running: dict[Any, list[Any]], pending: list[J], per_child: int,
            lost: Callable[[J, int | None], O]) -> O:
    """The answer of the child on ``connection``; then its next job, or its end."""
    process, job, done = running[connection]
    try:
        answer: O = connection.recv()
    except (EOFError, OSError):
        del running[connection]
        connection.close()
        process.join()
        return lost(job, process.exitcode)
    if pending and done + 1 < per_child:
        running[connection][1:] = [pending.pop(), done + 1]
        connection.send(running[connection][1])
    else:
        del running[connection]
        connection.send(None)  # no more: the child ends
        connection.close()
        process.join()
    return answer


def _child(work: Callable[[J], O], crashed: Callable[[J, Exception], O], connection: Any, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with(parent)
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):  # the parent has gone
            break
        if job is None:
            break
        try:
            answer = work(job)
        except Exception as exc:  # noqa: BLE001 - reported to the parent as this job's failure, not a traceback
            answer = crashed(job, exc)
        try:
            connection.send(answer)
        except OSError:  # the parent has gone: nothing to tell
            break
    connection.close()


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


def ended(exitcode: int | None) -> str:
    """How a worker that died without answering ended: "killed by SIGKILL" (the out-of-memory killer), or its status."""
    if exitcode is not None and exitcode < 0:
        try:
            return _("killed by {signal}").format(signal=signal.Signals(-exitcode).name)
        except ValueError:
            return _("killed by signal {number}").format(number=-exitcode)
    return _("ended with status {status}").format(status=exitcode)


def warm_up() -> None:
    """Import WeasyPrint and compute what every PDF render needs once, in the parent, so forked children share it
    (the caller decides: a batch of JSON reports does not need WeasyPrint at all)."""
    try:
        import weasyprint  # noqa: F401

        from .render import toolchain_digest
        toolchain_digest()
    except ImportError:
        pass
