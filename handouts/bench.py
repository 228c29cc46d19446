"""Benchmark: `python -m handouts.bench [CONTENT] [--brand BRAND] [--runs N] [--cold | --tagging]`.

In-process (the default): the median milliseconds per document for each output, built after a warm-up (load +
check + lay out + PDF bytes, the poster's fit search included; no disk write), all outputs of one routine,
documents per second for a batch; beside them, in the same run, a reference workload: raw reportlab platypus
setting the same text (no checks, no layout decisions), so figures compare across machines as ratios.

`--cold`: whole processes, as a user starts them (`handouts --help`, `build --only handout`, the same with
nothing kept in the cache yet, `build`, `check`), each the median of `--runs` after a warm-up, run in turn so a
busy machine slows all alike; beside them the bare imports of the libraries a build needs, the yardstick the
ratios are to. Wall time, and where
the system reports them, the processor time each used (steadier on a shared machine) and its peak memory.

`--tagging`: only what tagging costs: each PDF built tagged and untagged (a plain canvas, no structure tree
written), the two in turn run after run, in processor time, and its size.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import io
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from unittest import mock

if TYPE_CHECKING:
    from handouts.outputs import Output

BATCH = 200  # patients: enough that starting the workers is a small part of the run, as at a real clinic
# The yardstick of --cold: a process that only imports what a build needs (issue 29).
BARE_IMPORTS = "import reportlab.platypus, jinja2.sandbox, pydantic, ruamel.yaml, citeproc, markdown_it, click"
# Beside the rebuilds (whose references the warm-up's build kept in the user's cache, see handouts.cache): a build
# with nothing kept yet, as a routine's first build or one whose references were just edited.
FIRST = "first build (none kept)"


def _times_ms(run: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and best wall time of `run`, collecting garbage between runs, not during them (as timeit does).
    The best is the steadier figure on a shared machine; the median is what a user sees."""
    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
        gc.enable()
    return statistics.median(times), min(times)


def reference_workload(content: Path) -> bytes:
    """Raw reportlab platypus setting the routine's text: its title, sections, safety points and steps as plain
    paragraphs in a built-in font, A4, no checks or layout decisions. What any platypus program pays."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from handouts.input.loading import load_content

    model = load_content(content).model
    styles = getSampleStyleSheet()
    texts = [("Title", model.title), *(("Normal", section.body) for section in model.sections)]
    texts += [("Normal", point.text) for point in model.safety.points]
    texts += [(kind, text) for step in model.routine.steps for kind, text in (("Heading2", step.title), ("Normal", step.text))]
    buffer = io.BytesIO()
    story = [Paragraph(escape(text), styles[kind]) for kind, text in texts]
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(story)
    return buffer.getvalue()


def in_process(args: argparse.Namespace) -> None:
    from handouts import batch  # imported here: --cold's own process stays small, as its children's peaks count it
    from handouts.build import OUTPUTS, Options, prepare, render

    reference_workload(args.content)  # warm-up
    reference, best = _times_ms(lambda: reference_workload(args.content), args.runs)
    print(f"{'reference (platypus)':<24} {reference:7.1f} ms median, {best:5.1f} ms best per document (raw platypus, same text)")
    for output in OUTPUTS:

        def once(output: Output = output) -> object:
            return render(prepare(args.content, args.brand, Options(only=(output,))), output)

        once()  # warm-up: fonts registered, styles and templates compiled
        median, best = _times_ms(once, args.runs)
        ratio = median / reference
        print(f"{output.name:<24} {median:7.1f} ms median, {best:5.1f} ms best per document ({ratio:4.1f}x the reference)")

    def every_output() -> None:
        job = prepare(args.content, args.brand)
        for output in OUTPUTS:
            render(job, output)

    median, best = _times_ms(every_output, max(5, args.runs // 3))
    ratio = median / reference
    print(f"{'all outputs':<24} {median:7.1f} ms median, {best:5.1f} ms best per routine ({ratio:4.1f}x the reference)")

    routines = 10
    start = time.perf_counter()
    for _ in range(routines):
        every_output()
    elapsed = time.perf_counter() - start
    rate = routines * len(OUTPUTS) / elapsed
    print(f"{'one process':<24} {rate:7.1f} documents per second ({routines} routines x {len(OUTPUTS)} outputs)")

    if not args.patients:
        return
    with tempfile.TemporaryDirectory() as folder:
        rows = [
            batch.Row(
                line=n + 1, number=n, patient=f"Patient {n}", routines=(args.content.resolve(),), date=datetime.date(2026, 1, 1)
            )
            for n in range(1, args.patients + 1)
        ]
        cores = os.cpu_count() or 1
        # One worker, then every core: started the default way, then by fork (where the system has it) and by
        # spawn (as on Windows), so the ways compare in one run.
        methods = [method for method in ("fork", "spawn") if method in multiprocessing.get_all_start_methods()]
        for workers, method in ((1, None), (cores, None), *((cores, method) for method in methods)):
            start = time.perf_counter()
            place = Path(folder) / f"{workers}-{method}"
            results = list(batch.run(rows, args.brand.resolve(), place, workers, start_method=method))
            elapsed = time.perf_counter() - start
            how = f", {method or batch.start_method()}" if workers > 1 else ""
            label = f"batch, {workers} process{'es' * (workers > 1)}{how}"
            pdfs = sum(path.suffix == ".pdf" for result in results for path in result.written)
            print(f"{label:<34} {pdfs / elapsed:7.1f} PDFs per second ({len(rows)} patients: handout, poster, print file)")


@dataclass(frozen=True)
class Run:
    """One whole process: its wall time and, where the system says (wait4), the processor time it used (user
    and system, in milliseconds: what a busy shared machine disturbs least) and its peak memory (MB)."""

    wall: float
    cpu: float | None
    peak: float | None


def _process(command: list[str], env: dict[str, str]) -> Run:
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cpu = peak = None
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        cpu = (usage.ru_utime + usage.ru_stime) * 1000
        peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)  # bytes on macOS, KB elsewhere
    else:
        process.wait()
    wall = (time.perf_counter() - start) * 1000
    if process.returncode not in (0, 1):  # 1: the routine has warnings treated as errors, still a whole run
        raise SystemExit(f"{' '.join(command[2:])} failed with exit code {process.returncode}")
    return Run(wall, cpu, peak)


def cold(args: argparse.Namespace) -> None:
    """Whole processes beside the bare imports, each the median of `args.runs` after a warm-up, in turn."""
    package = str(Path(__file__).resolve().parent.parent)
    # As an installed package runs: its bytecode compiled (a setting that forbids writing it would time compiling).
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (package, os.environ.get("PYTHONPATH"))))
    with tempfile.TemporaryDirectory() as out:
        files = [str(args.content), "--brand", str(args.brand)]
        handouts = [sys.executable, "-m", "handouts"]
        handout = [*handouts, "build", *files, "--out", out, "--only", "handout"]
        commands = {
            "bare imports": [sys.executable, "-c", BARE_IMPORTS],
            "handouts --help": [*handouts, "--help"],
            "build --only handout": handout,
            FIRST: handout,  # with an empty cache folder: a routine's first build, its references formatted afresh
            "build (all outputs)": [*handouts, "build", *files, "--out", out],
            "check": [*handouts, "check", *files],
        }
        runs: dict[str, list[Run]] = {name: [] for name in commands}
        for round_ in range(args.runs + 1):
            for name, command in commands.items():
                with tempfile.TemporaryDirectory() as empty:
                    run = _process(command, {**env, "HANDOUTS_CACHE_DIR": empty} if name == FIRST else env)
                if round_:  # the first round warms the system's file cache and writes the bytecode
                    runs[name].append(run)
    walls = {name: statistics.median(run.wall for run in made) for name, made in runs.items()}
    cpus = {
        name: statistics.median(run.cpu for run in made if run.cpu is not None)
        for name, made in runs.items()
        if made[0].cpu is not None
    }
    print(f"whole processes, median of {args.runs} after a warm-up, run in turn ({os.cpu_count()} cores)")
    for name, made in runs.items():
        line = f"{name:<24} {walls[name]:6.0f} ms ({walls[name] / walls['bare imports']:4.2f}x the bare imports)"
        if name in cpus:
            line += f", processor {cpus[name]:6.0f} ms ({cpus[name] / cpus['bare imports']:4.2f}x)"
        peaks = [run.peak for run in made if run.peak is not None]
        print(line + (f", {max(peaks):3.0f} MB peak" if peaks else ""))


@contextlib.contextmanager
def untagged() -> Iterator[None]:
    """The PDFs drawn as before they were tagged: a plain canvas (a link's tagging marks do nothing there) whose
    file reportlab writes as it does by itself, with no structure tree. For measuring only."""
    from handouts.pdf import tagging
    from handouts.pdf.handout import document as handout
    from handouts.pdf.poster import document as poster

    def canvasmaker(_tagger: tagging.Tagger, base: Any) -> Any:
        class Plain(base):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                self.setNamedCB(tagging.CALLBACK, lambda *_: None)

        return Plain

    with mock.patch.object(handout, "canvasmaker", canvasmaker), mock.patch.object(poster, "canvasmaker", canvasmaker):
        yield


def tagging_cost(content: Path, brand: Path, runs: int) -> None:
    """Each PDF tagged and untagged, in turn: median and best CPU milliseconds, and bytes."""
    from handouts.build import OUTPUTS, Options, prepare, render

    for output in OUTPUTS:
        if output.suffix != ".pdf":
            continue

        def once(output: Output = output) -> bytes:
            return render(prepare(content, brand, Options(only=(output,))), output).data

        times: dict[bool, list[float]] = {True: [], False: []}
        sizes = {}
        for run in range(runs + 1):
            for tagged in (True, False):
                with contextlib.nullcontext() if tagged else untagged():
                    gc.collect()
                    gc.disable()
                    start = time.process_time()
                    sizes[tagged] = len(once())
                    if run:  # the first is the warm-up
                        times[tagged].append((time.process_time() - start) * 1000)
                    gc.enable()
        before, after = statistics.median(times[False]), statistics.median(times[True])
        least, most = min(times[False]), min(times[True])
        print(
            f"{output.name:<24} {before:6.1f} -> {after:6.1f} ms median ({after / before - 1:+.1%}), "
            f"{least:6.1f} -> {most:6.1f} ms best ({most / least - 1:+.1%}), "
            f"{sizes[False]:7d} -> {sizes[True]:7d} bytes ({sizes[True] / sizes[False] - 1:+.1%})"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m handouts.bench", description=__doc__)
    parser.add_argument("content", nargs="?", type=Path, default=Path("content.yaml"))
    parser.add_argument("--brand", type=Path, default=Path("brand.yaml"))
    parser.add_argument("--runs", type=int, default=None, help="runs of each measurement (default 30, or 5 with --cold)")
    parser.add_argument("--cold", action="store_true", help="time whole processes beside the bare imports")
    parser.add_argument("--patients", type=int, default=BATCH, help=f"patients in the batch (default {BATCH}; 0: no batch)")
    parser.add_argument("--tagging", action="store_true", help="only what tagging the PDFs costs")
    args = parser.parse_args(argv)
    args.runs = args.runs or (5 if args.cold else 30)
    if args.tagging:
        tagging_cost(args.content, args.brand, args.runs)
        return
    (cold if args.cold else in_process)(args)


if __name__ == "__main__":
    main()
