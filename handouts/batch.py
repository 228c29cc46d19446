"""`handouts batch patients.csv`: each patient's own set of PDFs, built on every core.

Columns (header names are case-insensitive): `patient` and `routine` (one or more content files, separated
by `;`, relative to the CSV file) are required; `date` (YYYY-MM-DD, or as the routine's language writes
dates: 01/12/2026 in en-GB), `large_print` (yes/no), `paper` (A4, letter or A3), `note` and `duplex`
(yes/no: printed two-sided) are optional. A bad row is reported and skipped; the others are built.

Privacy: a patient's name goes into their own PDFs and their folder's name, never into a message.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import difflib
import functools
import io
import multiprocessing
import os
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path

from babel.dates import parse_date
from slugify import slugify

from handouts.build import build_all
from handouts.errors import HandoutsError, InputError, Problem
from handouts.input.files import OUTSIDE, UnreadableFileError, inside, read_bytes
from handouts.input.options import Options, Paper
from handouts.input.yamlsource import read_yaml
from handouts.outputs import for_patient
from handouts.words.locales import babel_locale

COLUMNS = ("patient", "routine", "date", "large_print", "paper", "note", "duplex")
YES, NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class Row:
    line: int
    number: int
    patient: str
    routines: tuple[Path, ...]
    date: datetime.date | None = None
    large_print: bool = False
    paper: Paper | None = None
    note: str | None = None
    duplex: bool = False  # printed two-sided: the print file pads each document to an even page count

    @property
    def folder_name(self) -> str:
        """NNN-name: sortable, and findable by the therapist ("005-lukasz-khan", "006-li-wei")."""
        return f"{self.number:03d}-{slugify(self.patient, max_length=40, word_boundary=True) or 'patient'}"


@dataclass(frozen=True)
class Result:
    row: Row
    written: tuple[Path, ...] = ()
    error: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


def _header(name: str) -> str:
    return re.sub(r"[\s-]+", "_", name.strip().lower())


class _Dialect(csv.excel):
    """Excel's CSV with the separator the file uses."""


def _dialect(text: str) -> type[csv.Dialect]:
    """Comma, semicolon (what Excel writes where the decimal mark is a comma) or tab, as the header row uses."""
    header = text.split("\n", 1)[0]  # column names only: notes further down may hold any mark
    separator = max((",", ";", "\t"), key=header.count) if any(mark in header for mark in ",;\t") else ","
    with contextlib.suppress(csv.Error):  # too little to go on: the header's most frequent mark
        separator = csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    return type("Dialect", (_Dialect,), {"delimiter": separator})


def _records(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and each record with the line it starts on; InputError if the file cannot be read as CSV.
    Quoting is strict, so an unclosed quote is an error, not a note that swallows the rows after it."""
    try:
        text = read_bytes(path, "csv").decode("utf-8-sig")
    except UnreadableFileError as exc:
        raise InputError([Problem(str(path), None, "", str(exc))]) from None
    except UnicodeDecodeError as exc:
        line = read_bytes(path, "csv")[: exc.start].count(b"\n") + 1
        message = "not UTF-8 text: in Excel, save it as 'CSV UTF-8 (Comma delimited)'; elsewhere choose UTF-8"
        raise InputError([Problem(str(path), line, "", message)]) from None
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text), strict=True)
    records: list[tuple[int, list[str]]] = []
    try:
        start = 1
        for record in reader:
            records.append((start, record))
            start = reader.line_num + 1
    except csv.Error as exc:
        hint = " (a quote opened in this row is never closed?)" if "end of data" in str(exc) else ""
        raise InputError([Problem(str(path), start, "", f"malformed CSV: {exc}{hint}")]) from None
    records = [(line, record) for line, record in records if any(cell.strip() for cell in record)]
    if not records:
        raise InputError([Problem(str(path), None, "", "the file has no header row (patient,routine,…)")])
    return records[0][1], records[1:]


def read_rows(path: Path) -> tuple[list[Row], list[Problem]]:
    """The rows that can be built, and a problem for each that cannot (the file as a whole must be readable)."""
    header, records = _records(path)
    headers = [_header(h) for h in header]
    problems = []
    for position, (original, name) in enumerate(zip(header, headers, strict=True), 1):
        if name not in COLUMNS:
            close = difflib.get_close_matches(name, COLUMNS, n=1)
            # A heading close to a column is shown; any other might be a patient's name (a file without a header).
            problem = Problem(str(path), 1, original, f"unknown column (did you mean '{close[0]}'?)") if close else None
            problem = problem or Problem(
                str(path), 1, f"column {position}", f"unknown column heading (columns: {', '.join(COLUMNS)})"
            )
            problems.append(problem)
    for required in ("patient", "routine"):
        if required not in headers:
            problems.append(Problem(str(path), 1, required, "required column is missing"))
    if problems:
        raise InputError(problems)
    rows, bad = [], []
    for number, (line, cells) in enumerate(records, 1):
        if len(cells) > len(headers):
            bad.append(Problem(str(path), line, "", f"{len(cells)} cells but {len(headers)} columns (a comma too many?)"))
            continue
        values = {key: value.strip() for key, value in zip(headers, cells, strict=False)}
        row_problems: list[Problem] = []

        def problem(column: str, message: str, line: int = line, found: list[Problem] = row_problems) -> None:
            found.append(Problem(str(path), line, column, message))

        if not values.get("patient"):
            problem("patient", "the patient's name is empty")
        routines = tuple(path.parent / part.strip() for part in values.get("routine", "").split(";") if part.strip())
        if not routines:
            problem("routine", "no routine file given")
        for routine in routines:
            if not inside(routine, path.parent):
                problem("routine", f"{routine.name} is outside the folder of {path.name}: {OUTSIDE}")
        date = None
        if values.get("date"):
            # The routine's language reads its dates; a routine outside the folder is never opened.
            readable = routines and not row_problems
            date = _date(values["date"], _language(routines[0]) if readable else "en-GB")
            if date is None:
                problem("date", f"expected a date as YYYY-MM-DD or as the routine's language writes it, got {values['date']!r}")
        flag = values.get("large_print", "").lower()
        if flag not in YES | NO:
            problem("large_print", f"expected yes or no, got {values['large_print']!r}")
        duplex = values.get("duplex", "").lower()
        if duplex not in YES | NO:
            problem("duplex", f"expected yes or no, got {values['duplex']!r}")
        paper = values.get("paper", "")
        if paper and paper.lower() not in {p.lower() for p in Paper}:
            problem("paper", f"expected A4, letter or A3, got {paper!r}")
        if row_problems:
            bad += row_problems
            continue
        rows.append(
            Row(
                line,
                number,
                values["patient"],
                routines,
                date,
                flag in YES,
                Paper(next(p for p in Paper if p.lower() == paper.lower())) if paper else None,
                values.get("note") or None,
                duplex in YES,
            )
        )
    return rows, bad


def _date(text: str, language: str) -> datetime.date | None:
    """A date in ISO form (2026-12-01) or the language's short form (01/12/2026 in en-GB, 12/1/2026 in en-US)."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parse_date(text, locale=babel_locale(language))
    except (ValueError, IndexError):
        return None


@functools.lru_cache(maxsize=64)
def _language(routine: Path) -> str:
    """The language of a routine file (en-GB when it cannot be read: building it will say why)."""
    try:
        data = read_yaml(routine).data
    except HandoutsError:
        return "en-GB"
    language = data.get("language") if isinstance(data, dict) else None
    return language if isinstance(language, str) else "en-GB"


def without_missing_routines(rows: list[Row], csv_path: Path) -> tuple[list[Row], list[Problem]]:
    """The rows whose routine files all exist, and one problem per missing file (not one per row that names it)."""
    missing: dict[Path, list[Row]] = {}
    for row in rows:
        for routine in row.routines:
            if not routine.is_file():
                missing.setdefault(routine, []).append(row)
    problems = [
        Problem(
            str(csv_path),
            named[0].line,
            "routine",
            f"{routine.name}: file not found (named by {len(named)} row{'s' * (len(named) != 1)}, none built)",
        )
        for routine, named in missing.items()
    ]
    skipped = {id(row) for named in missing.values() for row in named}
    return [row for row in rows if id(row) not in skipped], problems


def private(message: str, row: Row) -> str:
    """`message` with the patient's name, its parts and their folder's name taken out."""
    secrets = sorted(
        {row.patient, row.folder_name, *(part for part in row.patient.split() if len(part) > 1)}, key=len, reverse=True
    )
    for secret in secrets:
        message = message.replace(secret, "<patient>")
    return message.replace("\n", "; ")


def build_row(row: Row, brand: Path, out: Path) -> Result:
    """Build one patient's set into out/NNN-name/ (run in a worker process). Whatever goes wrong is this
    row's error, said without the patient's name; the other rows go on."""
    only = for_patient(row.large_print)
    options = Options(
        out=out / row.folder_name,
        only=only,
        paper=row.paper,
        patient=row.patient,
        date=row.date or datetime.date.today(),
        note=row.note,
        print_file=True,
        duplex=row.duplex,
    )
    try:
        built = build_all(list(row.routines), brand, options)
    except HandoutsError as exc:
        # An option of `build` is a column here ("--patient: ..." -> "column patient: ...").
        problems = [replace(p, file=f"column {p.file[2:]}") if p.file[2:] in COLUMNS else p for p in exc.problems]
        return Result(row, error=private("; ".join(str(problem) for problem in problems), row))
    except Exception as exc:  # a bug: still only this row's failure
        return Result(row, error=f"unexpected {type(exc).__name__} (a bug in handouts; please report it)")
    return Result(row, tuple(built.written), warnings=tuple(private(str(w), row) for w in built.warnings))


def _warm(row: Row, brand: Path) -> None:
    """A worker's start: import and load what every row needs (fonts, templates, styles) while the other
    workers start too, rather than on its first patient. Anything wrong is that row's error, later."""
    with contextlib.suppress(Exception):
        from handouts.job import prepare

        prepare(row.routines[0], brand).fonts.register()


def run(rows: list[Row], brand: Path, out: Path, workers: int | None = None, start_method: str | None = None) -> Iterator[Result]:
    """Build every row on `workers` processes (default: every core), yielding results as they finish.
    Workers get plain, picklable data only, so they start the same way on every system (`spawn` on Windows
    and macOS, where there is no `fork`); `start_method` chooses one, else the system's default."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(rows) == 1:
        yield from (build_row(row, brand, out) for row in rows)
        return
    context = multiprocessing.get_context(start_method)
    count = min(workers, len(rows))
    with ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=_warm, initargs=(rows[0], brand)) as pool:
        futures = {pool.submit(build_row, row, brand, out): row for row in rows}
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # the worker died (out of memory, killed): this row failed, not the batch
                yield Result(futures[future], error=f"the worker building this row stopped ({type(exc).__name__})")
