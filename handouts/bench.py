"""Benchmark: `python -m handouts.bench [CONTENT] [--brand BRAND] [--runs N] [--tagging]`.

Prints the median milliseconds per document for each output, built
in-process after a warm-up (load + check + lay out + PDF bytes, the poster's
fit search included; no disk write), documents per second for a batch, and
the wall time of one whole `handouts build --only handout` process.

With `--tagging`, only what tagging costs: each PDF built tagged and untagged
(a plain canvas, no structure tree written), the two in turn run after run,
in CPU time (steadier than wall time on a shared machine), and its size.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

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


@contextlib.contextmanager
def untagged() -> Iterator[None]:
    """The PDFs drawn as before they were tagged: a plain canvas (a link's tagging marks do nothing there) and no
    structure tree written. For measuring only."""
    from handouts.pdf import tagging
    from handouts.pdf.handout import document as handout
    from handouts.pdf.poster import document as poster

    def canvasmaker(_tagger: tagging.Tagger, base: Any) -> Any:
        class Plain(base):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                self.setNamedCB(tagging.CALLBACK, lambda *_: None)

        return Plain

    def unchanged(data: bytes, _tagger: tagging.Tagger, **_: Any) -> bytes:
        return data

    with (
        mock.patch.object(tagging.Tagger, "canvasmaker", canvasmaker),
        mock.patch.object(handout, "finish", unchanged),
        mock.patch.object(poster, "finish", unchanged),
    ):
        yield


def tagging_cost(content: Path, brand: Path, runs: int) -> None:
    """Each PDF tagged and untagged, in turn: median and best CPU milliseconds, and bytes."""
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
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--tagging", action="store_true", help="only what tagging the PDFs costs")
    args = parser.parse_args(argv)
    if args.tagging:
        tagging_cost(args.content, args.brand, args.runs)
        return

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
