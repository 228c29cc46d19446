"""A time budget for work a hostile file can make endless in pure Python: a layout template's loops, a drawing's
style sheet (one selector of a few descendants, matched against nested groups, tries every way of picking
them: a 2 kB drawing ran for hours).

A thread cannot be stopped from outside in Python except by an asynchronous exception, which the interpreter
delivers between two bytecodes: enough for any loop or recursion written in Python. Work in one C call is
bounded by its caller (the template sandbox, the limits on a picture's size). A block calls the work it bounds:
CPython 3.13 lets such an exception skip the handlers of the frame it comes in when it comes at a `while` loop's
jump back (python/cpython#130279), so a loop written in the block's own frame could leave the block unended.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import os
import threading
import time
from collections.abc import Iterator


class _Watchdog:
    """One daemon thread for the whole process that stops a block past its deadline (starting a thread for
    every rendering cost more than the rendering's own bookkeeping). It is woken only when a block's deadline
    comes before the time it would look again by itself: waking it for every rendering (four or five a
    routine) cost a thread switch and a wait for the interpreter's lock each time, and the next rendering's
    deadline, a few milliseconds after the last one's, is met when it wakes for that."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._armed: dict[int, tuple[float, int, type[BaseException]]] = {}  # token -> (deadline, thread, raising)
        self._sent: set[int] = set()
        self._tokens = itertools.count()
        self._thread: threading.Thread | None = None
        self._looks = math.inf  # when the watching thread looks again by itself (infinity: only when woken)
        self._idle: float | None = None  # the last budget armed since the thread last found nothing armed

    def arm(self, seconds: float, raising: type[BaseException]) -> int:
        with self._cond:
            token = next(self._tokens)
            deadline = time.monotonic() + seconds
            self._armed[token] = (deadline, threading.get_ident(), raising)
            self._idle = seconds
            if self._thread is None or not self._thread.is_alive():
                self._looks = math.inf
                self._thread = threading.Thread(target=self._watch, name="handouts-watchdog", daemon=True)
                self._thread.start()
            if deadline < self._looks:
                self._cond.notify()
            return token

    def disarm(self, token: int) -> bool:
        """Stop watching; whether the exception was sent (once this returns, none will be)."""
        with self._cond:
            self._armed.pop(token, None)
            sent = token in self._sent
            self._sent.discard(token)
            return sent

    def _watch(self) -> None:
        with self._cond:
            while True:
                if not self._armed:
                    # Blocks were armed since it last looked, and are gone (a rendering takes a few milliseconds,
                    # often less than it takes this thread to wake): it looks again by itself one budget later, so
                    # that the next ones, whose deadlines are no sooner, need not wake it; then, if none came,
                    # only when woken. Finding none and waiting for ever made every next block wake it.
                    idle, self._idle = self._idle, None
                    self._looks = math.inf if idle is None else time.monotonic() + idle
                    self._cond.wait(idle)
                    continue
                token, (deadline, thread, raising) = min(self._armed.items(), key=lambda item: item[1][0])
                delay = deadline - time.monotonic()
                if delay > 0:
                    self._looks = deadline
                    self._cond.wait(delay)
                    continue
                # Sent again each RESEND until the block ends: one that arrives inside a weakref callback, a
                # __del__ or a garbage collector's callback is printed as unraisable and lost, and the block ran on
                self._armed[token] = (time.monotonic() + RESEND, thread, raising)
                self._sent.add(token)
                import ctypes  # here: only a block past its deadline needs it

                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(raising))


RESEND = 0.25  # seconds after which an exception a block has not ended by is sent again (see _Watchdog._watch)
WATCHDOG = _Watchdog()
if hasattr(os, "register_at_fork"):  # a forked worker has no watchdog thread, and perhaps a held lock
    os.register_at_fork(after_in_child=WATCHDOG.__init__)


@contextlib.contextmanager
def time_budget(seconds: float, raising: type[BaseException]) -> Iterator[None]:
    """Raise `raising` (a BaseException, so no library code can swallow it) in this thread if the block runs
    longer than `seconds`.

    One is only ever sent while the block runs, and one sent just as it ended is taken here: a withdrawn one
    would leave the interpreter's pending flag raised (under a profiler or debugger, CPython 3.11 then spins
    forever). It is sent again until the block ends (one may be lost: see _Watchdog._watch), so one sent again
    as the first ended the block is taken here too.
    """
    token = WATCHDOG.arm(seconds, raising)
    try:
        yield
    finally:
        if WATCHDOG.disarm(token):
            try:
                for _ in range(100_000):  # the pending exception arrives at the first backward jump
                    pass
            except raising:
                pass
