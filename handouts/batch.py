"""`handouts batch patients.csv`: each patient's own set of PDFs, built on every core.

The list is read by :mod:`handouts.input.patients`; each row becomes a build into its own folder, out/NNN-name/,
in a worker process of its own where there are several. Ctrl-C stops within two seconds: rows not started
are dropped, the patients in hand finish or are discarded (their folders as they were), so only complete
patient folders remain, and `--skip-done` goes on from there.

Privacy: a patient's name goes into their own PDFs and their folder's name, never into a message.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import multiprocessing
import os
import re
import signal
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from handouts.build import build_all, print_path
from handouts.errors import HandoutsError, Problem
from handouts.input.options import Options
from handouts.input.patients import COLUMNS, Row, read_patients, read_rows, without_missing_routines
from handouts.job import Prepared, prepare
from handouts.messages import masked
from handouts.output import HeldError, recover, write_all
from handouts.outputs import OUTPUTS, for_patient
from handouts.workers import ctrl_c_held, forkserver, start_method, workers_for

STOP_WAIT = 1.5  # seconds the patients in hand get to finish after Ctrl-C before they are discarded


@dataclass(frozen=True)
class Result:
    row: Row
    written: tuple[Path, ...] = ()
    error: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


OPTION_COLUMNS = {f"--{column.replace('_', '-')}": column for column in COLUMNS}  # build's option: the column
# Said of a failed row (see forget): whether what an earlier run left of its set still looks done to --skip-done
REMOVED = "the sheets an earlier run left in its folder were removed"
KEPT = "the sheets an earlier run left in its folder could not be removed: {}; --skip-done counts it as done until they are"
# Said of a row whose write found one of its earlier sheets open in a viewer: removing them would find it so too
HELD = "the sheets an earlier run left in its folder are kept; --skip-done counts it as done until they are replaced"


def private(message: str, row: Row) -> str:
    """`message` with the patient's name in every form (its parts, escaped, in file and folder names) taken
    out, on one line. The folder's name is masked whole: its words are lower case ("001-will-page": not the "page"
    of "does not fit on one page"). A name of no letters or digits is not in its folder's: "005-patient" says
    "patient"."""
    return masked(message, row.patient, whole_only=(row.folder_name,) if row.slug else ()).replace("\n", "; ")


def which_rows(rows: list[Row]) -> str:
    """Rows as a message names them, in the file's order: "row 3", "rows 1, 4, 9 and 12 more"."""
    numbers = [str(row.number) for row in sorted(rows, key=lambda row: row.line)]
    which = f"row{'s' * (len(numbers) > 1)} {', '.join(numbers[:3])}"
    return which + (f" and {len(numbers) - 3} more" if len(numbers) > 3 else "")


def said_once(failed: list[Result], csv_file: Path) -> list[tuple[int, str]]:
    """Each failed row's error with its line, for messages in the file's order: an error several rows share (a
    brand, a layout or an option they all use) is said once, at the first of them, with their numbers."""
    rows: dict[str, list[Row]] = {}
    for result in failed:
        rows.setdefault(result.error or "", []).append(result.row)
    said = []
    for error, named in rows.items():
        first = min(row.line for row in named)
        said.append((first, f"{csv_file}:{first}: {which_rows(named)}: {error}"))
    return said


def row_date(row: Row, base: Options | None = None) -> datetime.date:
    """The day a row's sheets are prepared on: its own date, else the batch's (`base.date`, the day it began, so
    that a batch running past midnight dates every undated row alike), else today."""
    return row.date or (base.date if base is not None else None) or datetime.date.today()


def _placed(row: Row, out: Path, base: Options | None) -> Options:
    """Where a row's set goes and what its files are named (folder, name, date), and nothing else of the row: an
    appointment before its date is the row's error when it is built, not when its folder is looked at."""
    return Options(out=out / row.folder_name, root=out, patient=row.patient, date=row_date(row, base))


def row_options(row: Row, out: Path, base: Options | None = None) -> Options:
    """What a row asks of a build: its outputs, paper, name, date and note, into out/NNN-name/, with the batch's
    own options (`base`: greyscale, reference style, templates, tracker weeks)."""
    return replace(
        base or Options(),
        out=out / row.folder_name,
        root=out,  # a link planted in the patient's folder's place is not followed out of --out
        only=for_patient(row.large_print),
        paper=row.paper,
        patient=row.patient,
        date=row_date(row, base),
        note=row.note,
        therapist=row.therapist or (base.therapist if base else None),
        next_appointment=row.next_appointment,
        print_file=True,
        duplex=row.duplex if row.duplex is not None else (base.duplex if base else None),
    )


def build_row(
    row: Row, brand: Path, out: Path, base: Options | None = None, prepared: Prepared | None = None, write: bool = True
) -> Result:
    """Build one patient's set into out/NNN-name/ (run in a worker process), its routines from `prepared`
    (read once for every patient a worker builds) or read for this row. Whatever goes wrong is this row's
    error, said without the patient's name, and what an earlier run left of its set goes (see forget), unless one
    of its files is open in a viewer (it can then be neither replaced nor removed); the other rows go on. Without
    `write` (batch --check), the set is made in memory and nothing on disk changes."""
    try:
        built = build_all(list(row.routines), brand, row_options(row, out, base), prepared or prepare, whole=True, write=write)
    except HeldError as exc:  # the set is as it was, and cannot be removed either while the file is open
        return Result(row, error=private(str(exc) + (f" ({HELD})" if earlier_set(row, out, base) else ""), row))
    except HandoutsError as exc:
        # An option of `build` is a column here ("--next-appointment: ..." -> "column next_appointment: ...").
        problems = [replace(p, file=f"column {OPTION_COLUMNS[p.file]}") if p.file in OPTION_COLUMNS else p for p in exc.problems]
        error = "; ".join(str(problem) for problem in problems)
    except Exception as exc:  # a bug: still only this row's failure
        error = f"unexpected {type(exc).__name__} (a bug in handouts; please report it)"
    else:
        return Result(row, tuple(built.written), warnings=tuple(private(warning.with_kind(), row) for warning in built.warnings))
    if not write:
        return Result(row, error=private(error, row))
    removed, kept = forget(row, out, base, brand)
    said = f" ({REMOVED})" if removed else f" ({KEPT.format(kept)})" if kept else ""  # after the first cause
    return Result(row, error=private(error + said, row))


def done(row: Row, out: Path, base: Options | None = None, since: float = 0.0, brand: Path | None = None) -> bool:
    """Whether the row's print file exists (written last, with the rest of its set), written at `since` (a
    time.time()) or later, and no earlier than its routines and `brand` were last saved: `--skip-done` skips it.
    A set made before a routine was changed is not done (a list built again after an edit and stopped with
    Ctrl-C kept the sets of the rows not reached), nor is a failed row's (it leaves none: see forget)."""
    printed = print_path([], _placed(row, out, base))
    try:
        made = printed.stat().st_mtime if printed.is_file() else None
        saved = max((os.stat(path).st_mtime for path in (*row.routines, *([brand] if brand else []))), default=0.0)
    except (OSError, ValueError):  # a routine gone since the list was read: its row fails when built
        return False
    return made is not None and made >= max(since, saved)


def of_another_day(row: Row, out: Path, base: Options | None = None) -> bool:
    """Whether the row's folder holds a print file of this patient dated otherwise than the row is: for an undated
    row, the set of an earlier day's run, which --skip-done does not count (see the batch command's note)."""
    placed = _placed(row, out, base)
    printed = print_path([], placed).name
    stem = printed.removesuffix(f"-{placed.prepared_on}-print.pdf")
    day = re.compile(rf"{re.escape(stem)}-\d{{4}}-\d{{2}}-\d{{2}}-print\.pdf")
    with contextlib.suppress(OSError), os.scandir(placed.out) as entries:
        return any(day.fullmatch(entry.name) and entry.name != printed for entry in entries)
    return False


def earlier_set(row: Row, out: Path, base: Options | None = None) -> list[Path]:
    """The files of the row's folder named as its set for its date: the print file and every output's sheet
    (`<id>-<output><patient>-<date>.<format>`, of any routine, standard or large print)."""
    placed = _placed(row, out, base)
    ends = tuple(f"-{output.stem}{placed.personal}{output.suffix}" for output in OUTPUTS)
    printed = print_path([], placed).name
    try:
        with os.scandir(placed.out) as entries:
            named = [placed.out / entry.name for entry in entries if entry.name == printed or entry.name.endswith(ends)]
    except OSError:  # no folder (the row was never built), or one it may not list
        return []
    return sorted(path for path in named if path.is_file() or path.is_symlink())


def forget(row: Row, out: Path, base: Options | None, brand: Path) -> tuple[list[Path], str | None]:
    """What an earlier run left of a failed row's set removed (all or none, as a build writes): kept, its print
    file told --skip-done that the patient was done, with sheets of the routines as they were then. The paths
    removed, or why they could not be (a file open in a viewer). None of the row's routines and `brand` (saved
    in its folder under an output's name) is removed; the folder goes if that empties it."""
    earlier = earlier_set(row, out, base)
    if not earlier:
        return [], None
    try:
        write_all({}, out, earlier, (*row.routines, brand))
    except HandoutsError as exc:
        return [], str(exc)
    with contextlib.suppress(OSError):  # it holds something else
        earlier[0].parent.rmdir()
    return earlier, None


def forget_refused(rows: list[Row], out: Path, base: Options | None, brand: Path) -> tuple[list[Row], list[tuple[Row, str]]]:
    """What an earlier run left of the set of each row refused as the list was read (a cell neither yes nor no, a
    routine file not found) removed, as for a row that fails when built (see forget): else the folder still holds a
    set to print, of the row as it was. The rows whose sets were removed, and each row whose set could not be, with
    why (without the patient's name)."""
    removed, kept = [], []
    for row in rows:
        gone, why = forget(row, out, base, brand)
        if gone:
            removed.append(row)
        elif why:
            kept.append((row, private(KEPT.format(why), row)))
    return removed, kept


# a batch's folder of a patient (see Row.folder_name), not a dated one (2026-12-01) a clinic keeps there
PATIENT_FOLDER = re.compile(r"(\d{3,})-(?!\d\d-\d\d(?![^-]))[a-z0-9]+(?:-[a-z0-9]+)*")
OTHER_FOLDERS = (
    "{count} there {are} not this list's (another list's, or this one's before its rows moved), and {are} printed "
    "with it if the whole folder is printed: empty it first, or give each list its own --out"
)


def other_folders(out: Path, rows: list[Row], count: int) -> Problem | None:
    """A warning of the patient folders in `out` that are no row's of a list of `count` rows (`rows`: those whose
    patient is known, built or refused): of a number past its last row, or of a row's number and another name (the next
    day's list, or the list sorted otherwise, numbers its patients anew). Counted, never named: a folder's name is
    a patient's. A folder of a row that could not be read is not counted."""
    own = {row.number: row.folder_name for row in rows}
    try:
        with os.scandir(out) as entries:
            found = [
                (entry.name, int(named.group(1)))
                for entry in entries
                if (named := PATIENT_FOLDER.fullmatch(entry.name)) and entry.is_dir()
            ]
    except OSError:  # no --out yet (a check), or one it may not list
        return None
    others = sum(number > count or own.get(number, name) != name for name, number in found)
    if not others:
        return None
    folders = f"{others:,} patient folder{'s' * (others != 1)}"
    said = OTHER_FOLDERS.format(count=folders, are="are" if others != 1 else "is")
    return Problem(str(out), None, "", said, "other-folders")


_prepared = Prepared()  # a worker's routines, read once for all the patients it builds (see _worker_start)


def _worker_start(row: Row, brand: Path, out: Path, base: Options | None, write: bool = True) -> None:
    """A worker's start: Ctrl-C is left to the batch (which lets the patient in hand finish), and the first
    row's routine is prepared (its files read and checked, fonts loaded, references formatted) while the other
    workers start too, rather than on its first patient. Anything wrong is that row's error, later. What the
    worker has made by then lives as long as it does: frozen, the garbage collector no longer walks it after
    every patient (see handouts/command.py)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(Exception):
        _prepared(row.routines[0], brand, row_options(row, out, base))
    gc.collect()
    gc.freeze()


def _build_in_worker(row: Row, brand: Path, out: Path, base: Options | None, write: bool = True) -> Result:
    return build_row(row, brand, out, base, _prepared, write)


class Runner:
    """Builds every row on `workers` processes (default: see default_workers); :meth:`stop` ends it early.

    Workers get plain, picklable data only, so they start the same way on every system; `start_method`
    chooses how (`fork`, `spawn`, `forkserver`), else start_method()'s way. Without `write` (batch --check),
    every set is made in memory and nothing is written."""

    def __init__(
        self,
        rows: list[Row],
        brand: Path,
        out: Path,
        workers: int | None = None,
        start_method: str | None = None,
        base: Options | None = None,
        write: bool = True,
    ) -> None:
        self.rows, self.brand, self.out, self.base, self.write = rows, brand, out, base, write
        self.workers = workers_for(len(rows), workers)
        self.start_method = start_method
        self.pool: ProcessPoolExecutor | None = None
        self.futures: dict[Future[Result], Row] = {}
        self.delivered: set[Future[Result]] = set()
        self.started = time.time()  # a stopped patient's set written since then is this run's

    def results(self) -> Iterator[Result]:
        """Each row's result, as it finishes."""
        if self.workers == 1:  # Ctrl-C here stops the row in hand: its write is rolled back, nothing is left
            yield from self._in_this_process()
            return
        method = self.start_method or start_method()
        context = forkserver() if method == "forkserver" else multiprocessing.get_context(method)
        start = (self.rows[0], self.brand, self.out, self.base, self.write)
        try:
            with ctrl_c_held():  # workers start ignoring it (as their first act would have them), even while starting
                self.pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_worker_start, initargs=start)
                for row in self.rows:
                    self.futures[self.pool.submit(_build_in_worker, row, self.brand, self.out, self.base, self.write)] = row
        except OSError:  # no worker could start (no room for the forkserver's socket, no process left): this one builds
            if self.pool is not None:  # a worker that did start finishes its row first: no two write one patient's set
                self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool, self.futures, self.workers = None, {}, 1
            yield from self._in_this_process()
            return
        for future in as_completed(self.futures):
            self.delivered.add(future)
            yield self._result(future)
        self.pool.shutdown()

    def _in_this_process(self) -> Iterator[Result]:
        prepared = Prepared()  # this run's: a later batch in this process reads the files again
        yield from (build_row(row, self.brand, self.out, self.base, prepared, self.write) for row in self.rows)

    def _result(self, future: Future[Result]) -> Result:
        try:
            return future.result()
        except Exception as exc:  # the worker died (out of memory, killed): this row failed, not the batch
            return Result(self.futures[future], error=f"the worker building this row stopped ({type(exc).__name__})")

    def stop(self) -> list[Result]:
        """Stop (after Ctrl-C): rows not started are dropped; the patients in hand get STOP_WAIT seconds to
        finish, and are discarded if they do not (a write cut short is put back as it was). The results of
        those that finished."""
        if self.pool is None:
            return []
        # ProcessPoolExecutor has no public way to end its workers before Python 3.14 (terminate_workers); its
        # processes and its manager thread are found before shutdown() lets go of them.
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        manager = getattr(self.pool, "_executor_manager_thread", None)
        self.pool.shutdown(wait=False, cancel_futures=True)
        in_hand = [future for future in self.futures if future not in self.delivered and not future.cancelled()]
        finished, unfinished = wait(in_hand, timeout=STOP_WAIT)
        kept: list[Result] = []
        if unfinished:
            for process in processes:
                process.terminate()
            for process in processes:  # gone before their folders are read: no rename can land after
                process.join(STOP_WAIT)
            for future in unfinished if self.write else ():  # a check wrote nothing to put back
                kept.extend(self._whole(self.futures[future]))
        if manager is not None:  # done before Python exits: 3.11's exit handler raced it for its closing pipe
            manager.join(STOP_WAIT)
        return [self._result(future) for future in finished] + kept

    def _whole(self, row: Row) -> list[Result]:
        """A stopped patient's folder put back as it was, or, if its whole set was written just as its worker
        was stopped (before the result came back), that set: kept on disk, so counted as built."""
        folder = self.out / row.folder_name
        recover(folder)
        if not done(row, self.out, self.base, since=self.started, brand=self.brand):  # none, or an earlier run's
            return []
        return [Result(row, tuple(sorted(path for path in folder.iterdir() if not path.name.startswith("."))))]


def run(*args: Any, **kwargs: Any) -> Iterator[Result]:
    """Build every row, yielding results as they finish: `Runner(*args, **kwargs).results()`."""
    yield from Runner(*args, **kwargs).results()


__all__ = ["Result", "Row", "Runner", "build_row", "done", "private", "read_patients", "read_rows", "run", "said_once"]
__all__ += ["start_method"]
__all__ += [
    "earlier_set",
    "forget",
    "forget_refused",
    "of_another_day",
    "other_folders",
    "row_date",
    "which_rows",
    "without_missing_routines",
]
