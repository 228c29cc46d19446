"""The command in a process of its own for each run, without paying for Python's and handouts' start-up each time:
one server process imports what a build uses, then forks a child for each command, which is bounded in memory
(address space) and killed when over its time. A child is a process as `python cli.py` starts it once its
imports are done: nothing has been built in the server, so no cache or state is shared between runs.

Where the platform cannot fork, each command runs in a fresh process as `python forked.py` starts it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# What a build imports (svglib only once a routine has a drawing): imported once, before any child is made.
PRELOADED = ("handouts.cli", "handouts.build", "handouts.media.images", "svglib.svglib")
FORKS = hasattr(os, "fork")


@dataclass(frozen=True)
class Ran:
    code: int | None  # None: killed at its time limit
    output: str  # stdout, then stderr
    seconds: float


class Commands:
    """Runs `handouts` commands (a list of arguments each), one process each, one at a time."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder  # where each run's stdout and stderr are written
        self._runs = 0
        self._server = None
        if FORKS:
            self._server = subprocess.Popen([sys.executable, __file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def run(self, args: list[str], *, seconds: float, memory: int | None, svg_seconds: float | None = None) -> Ran:
        """Run `args` with at most `memory` bytes of address space (None: unbounded), killed after `seconds`;
        `svg_seconds` sets the drawing budget (handouts.media.images.SVG_SECONDS) first."""
        self._runs += 1
        out, err = (self._folder / f"run-{self._runs}.{name}" for name in ("out", "err"))
        request = {"args": args, "memory": memory, "svg_seconds": svg_seconds, "out": str(out), "err": str(err)}
        if self._server is None:
            started = time.monotonic()
            try:
                code: int | None = subprocess.run(
                    [sys.executable, __file__, json.dumps(request)], timeout=seconds, check=False
                ).returncode
            except subprocess.TimeoutExpired:
                code = None
            elapsed = time.monotonic() - started
        else:
            assert self._server.stdin is not None and self._server.stdout is not None
            self._server.stdin.write(json.dumps({**request, "seconds": seconds}) + "\n")
            self._server.stdin.flush()
            answer = json.loads(self._server.stdout.readline())
            code, elapsed = answer["code"], answer["seconds"]
        return Ran(code, out.read_text(encoding="utf-8") + err.read_text(encoding="utf-8"), elapsed)

    def close(self) -> None:
        if self._server is not None:
            assert self._server.stdin is not None
            self._server.stdin.close()
            self._server.wait(timeout=60)


def _serve() -> None:
    """The server: one request a line on stdin, one answer a line on stdout, each run in a forked child."""
    for name in PRELOADED:
        __import__(name)
    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:
            _command(request)  # ends the child: it never returns here
        code = _wait(pid, request["seconds"])
        print(json.dumps({"code": code, "seconds": time.monotonic() - started}), flush=True)


def _wait(pid: int, seconds: float) -> int | None:
    """The child's exit code (minus the signal that ended it), or None once killed at `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return None
        time.sleep(0.01)


def _command(request: dict[str, Any]) -> None:
    """In the child: bound it, send its output to the request's files, run the command; exit as it does."""
    if request["memory"] is not None and sys.platform.startswith("linux"):  # RLIMIT_AS is not enforced on macOS
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (request["memory"], request["memory"]))
    for fd, path, flags in (
        (0, os.devnull, os.O_RDONLY),
        (1, request["out"], os.O_WRONLY | os.O_CREAT),
        (2, request["err"], os.O_WRONLY | os.O_CREAT),
    ):
        opened = os.open(path, flags, 0o644)
        os.dup2(opened, fd)
        os.close(opened)
    if request["svg_seconds"] is not None:
        import handouts.media.images as images

        images.SVG_SECONDS = request["svg_seconds"]
    from handouts.command import main

    sys.argv = [str(ROOT / "cli.py"), *request["args"]]
    main()  # raises SystemExit, which ends the child as it ends a command's process


if __name__ == "__main__":
    sys.path[0] = str(ROOT)  # as `python cli.py` has it: the checkout, not the tests' folder
    if len(sys.argv) > 1:
        _command(json.loads(sys.argv[1]))
    else:
        _serve()
