"""Benchmark: `python -m handouts.bench [CONTENT] [--brand BRAND] [--runs N]`.

Prints the median milliseconds per document for each output, built
in-process after a warm-up (load + check + lay out + PDF bytes, the poster's
fit search included; no disk write), documents per second for a batch, and
the wall time of one whole `handouts build --only handout` process.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from handouts import batch
from handouts.build import OUTPUTS, Options, prepare, render
from handouts.outputs import Output

BATCH = 200  # patients: enough that starting the workers is a small part of the run, as at a real clinic


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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m handouts.bench", description=__doc__)
    parser.add_argument("content", nargs="?", type=Path, default=Path("content.yaml"))
    parser.add_argument("--brand", type=Path, default=Path("brand.yaml"))
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)

    for output in OUTPUTS:

        def once(output: Output = output) -> object:
            return render(prepare(args.content, args.brand, Options(only=(output,))), output)

        once()  # warm-up: fonts registered, styles and templates compiled
        median, best = _times_ms(once, args.runs)
        print(f"{output.name:<24} {median:7.1f} ms median, {best:5.1f} ms best per document ({args.runs} runs, in-process)")

    def all_four() -> None:
        job = prepare(args.content, args.brand)
        for output in OUTPUTS:
            render(job, output)

    median, best = _times_ms(all_four, max(5, args.runs // 3))
    print(f"{'all outputs':<24} {median:7.1f} ms median, {best:5.1f} ms best per routine (in-process)")

    routines = 10
    start = time.perf_counter()
    for _ in range(routines):
        all_four()
    elapsed = time.perf_counter() - start
    rate = routines * len(OUTPUTS) / elapsed
    print(f"{'one process':<24} {rate:7.1f} documents per second ({routines} routines x {len(OUTPUTS)} outputs)")

    with tempfile.TemporaryDirectory() as folder:
        rows = [
            batch.Row(
                line=n + 1, number=n, patient=f"Patient {n}", routines=(args.content.resolve(),), date=datetime.date(2026, 1, 1)
            )
            for n in range(1, BATCH + 1)
        ]
        cores = os.cpu_count() or 1
        # The system's way of starting workers (fork on Linux), then spawn, as on Windows and macOS.
        for workers, method in ((1, None), (cores, None), (cores, "spawn")):
            start = time.perf_counter()
            place = Path(folder) / f"{workers}-{method}"
            results = list(batch.run(rows, args.brand.resolve(), place, workers, start_method=method))
            rate = len(results) / (time.perf_counter() - start)
            label = f"batch, {workers} process{'es' * (workers > 1)}{', spawn' if method else ''}"
            print(f"{label:<24} {rate:7.1f} patients per second (handout, poster and print file, {len(rows)} patients)")

    with tempfile.TemporaryDirectory() as out:
        command = [
            sys.executable,
            str(Path(__file__).resolve().parent.parent / "cli.py"),
            "build",
            str(args.content),
            "--brand",
            str(args.brand),
            "--out",
            out,
            "--only",
            "handout",
        ]
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        elapsed_ms = (time.perf_counter() - start) * 1000
        print(f"{'whole process (handout)':<24} {elapsed_ms:7.0f} ms for `handouts build --only handout`")


if __name__ == "__main__":
    main()
