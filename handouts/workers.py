"""How a batch's worker processes start: how many for a list of patients, which way, and the forkserver started
ahead of the work. Light to import: the command decides before it imports the engines itself."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterator

from handouts.input.options import MAX_WORKERS
from handouts.outputs import ENGINES

# Patients a worker must have to pay for its start: starting workers (a process that imports the engines, then
# each worker preparing the routine and searching its first poster's fit) costs about a second; each patient
# costs about 0.1 s of processor time. On two cores, two workers were slower than one process up to about 16
# patients of the knee routine and faster from about 24 (see the README).
PATIENTS_PER_WORKER = 10

WINDOWS = sys.platform == "win32"  # where a process started does not inherit an ignored signal, but a console flag

# What a forkserver imports once, before it makes the workers: the batch and every output's engine.
PRELOAD = ["handouts.batch", "handouts.pdf.printfile", *dict.fromkeys(engine.split(":")[0] for engine in ENGINES.values())]


def default_workers(patients: int) -> int:
    """Processes for a batch of `patients` unless told: one per PATIENTS_PER_WORKER patients, at most one per
    core (and MAX_WORKERS), and one process (no workers to start) for a small batch."""
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS, patients // PATIENTS_PER_WORKER))


def workers_for(patients: int, asked: int | None = None) -> int:
    """The processes a batch of `patients` uses: as many as `asked`, else the default, never more than patients."""
    return min(asked or default_workers(patients), max(1, patients))


def start_method() -> str:
    """How workers start unless told: `forkserver` where the system has it (a fresh process, started once with
    the engines imported, that the workers are copies of), else `spawn` (Windows). Never a copy of this
    process: a fork of a process with threads (a server's, a test runner's) can deadlock, and Python 3.12
    warns of it. Both measured within a few percent of fork on a batch of 200 patients (see the README)."""
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


@contextlib.contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Ctrl-C kept from processes started while the block runs (where this is the main thread): they start with
    it ignored (on Windows, by the console's flag: see _console_ignores_ctrl_c), so that one pressed while they
    import cannot kill them with a traceback. This process also
    blocks it meanwhile where the system can (POSIX), so that a Ctrl-C pressed then stays pending (Linux keeps
    a blocked signal even when it is ignored) and arrives when the block ends: the batch stops as asked, where
    before the press was lost and every patient built."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    if hasattr(signal, "pthread_sigmask"):
        # Started first: Python's resource tracker, which every way of starting workers starts, unblocks Ctrl-C
        # as it starts itself (whatever was blocked before), and one pressed after that in the block was lost.
        # One that cannot start now is left to what starts the workers, which says so.
        from multiprocessing import resource_tracker

        with contextlib.suppress(OSError):
            resource_tracker.ensure_running()
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if hasattr(signal, "pthread_sigmask") else None
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # inherited by what starts, across exec too (POSIX)
    _console_ignores_ctrl_c(True)
    try:
        yield
    finally:
        _console_ignores_ctrl_c(False)
        signal.signal(signal.SIGINT, previous)  # the handler first: then a pending Ctrl-C is raised as it is unblocked
        if held is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _console_ignores_ctrl_c(ignored: bool) -> None:
    """On Windows, whether this process ignores Ctrl-C in its console: the processes it starts meanwhile keep
    ignoring it (an ignored signal is not passed on there, and the console sends Ctrl-C to every process in it,
    so each worker still importing printed a KeyboardInterrupt traceback). Nothing elsewhere."""
    if WINDOWS:
        import ctypes

        ctypes.windll.kernel32.SetConsoleCtrlHandler(None, ignored)  # type: ignore[attr-defined]


def forkserver() -> multiprocessing.context.BaseContext:
    """The forkserver context, told to import the engines in the server it starts (if not started yet)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def start_early(patients: int, asked: int | None = None) -> None:
    """Start the forkserver now if a batch of `patients` will use workers: it imports the engines (about half a
    second) while this process imports them too, rather than after. A server that cannot start now (no room
    for its socket, say) is left for the batch to start, which says what went wrong."""
    if workers_for(patients, asked) > 1 and start_method() == "forkserver":
        from multiprocessing import forkserver as server  # the standard library's, where the context starts it

        forkserver()
        with ctrl_c_held(), contextlib.suppress(OSError):
            server.ensure_running()
