"""The `handouts` command as a process starts it: its modules imported with the garbage collector paused, then
frozen.

Start-up creates tens of thousands of objects that live as long as the process (model classes, compiled
templates, fonts, parsed styles), and the collector walks them again and again while they are being made: about
50 ms of a 0.8 s build on a two-core laptop. Once a command has imported what it works with, it calls
`imported()`: those objects are frozen (left out of every later collection) and the collector runs again, so
what the work itself leaves behind (several megabytes of cycles a routine) is collected as usual, though less
often than at Python's default (the youngest objects collected every 700 new ones): most of what the work
makes is freed at once, and what lives a little longer was walked again and again.
"""

from __future__ import annotations

import gc
import sys

_paused = False
STOPPED = 130  # the shell's code for a command ended by Ctrl-C (128 + SIGINT)
STOPPED_EARLY = "stopped (Ctrl-C) as it started; nothing was written"
# New objects between two collections of the youngest generation while the command works: a full build's
# collections took about 17 ms at Python's 700 and about 8 ms at this, for a megabyte or two more at its peak.
WORK_THRESHOLD = 5_000


def main() -> None:
    global _paused
    collecting = gc.isenabled()
    gc.disable()
    _paused = True
    try:
        try:
            from handouts.cli import main as command
        except KeyboardInterrupt:  # Ctrl-C as the command starts: said as the command says it later, not a traceback
            sys.stderr.write(f"{STOPPED_EARLY}\n")
            sys.exit(STOPPED)
        command()
    finally:  # a command that ends before `imported()` (--help, init, an error) leaves the collector as it was
        _paused = False
        if collecting:
            gc.enable()


def imported() -> None:
    """The command's modules are loaded: freeze what they made and collect again (only in a process `main`
    started; a program that calls the command line in-process keeps its own collector settings)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.set_threshold(WORK_THRESHOLD, *gc.get_threshold()[1:])
        gc.enable()
