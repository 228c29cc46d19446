"""`handouts batch patients.csv`: each patient's own set of PDFs, built on every core.

Columns (header names are case-insensitive): `patient` and `routine` (one or more content files, separated
by `;`, relative to the CSV file) are required; `date` (YYYY-MM-DD), `large_print` (yes/no), `paper`
(A4, letter or A3) and `note` are optional. A bad row is reported and skipped; the others are built.

Privacy: a patient's name goes into their own PDFs and their folder's name, never into a message.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import os
import re
import unicodedata
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from handouts.build import Options, build_routines, collect_warnings
from handouts.errors import HandoutsError, InputError, Problem

COLUMNS = ("patient", "routine", "date", "large_print", "paper", "note")
YES, NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}
PAPERS = {"a4": "A4", "letter": "letter", "a3": "A3"}


@dataclass(frozen=True)
class Row:
    line: int
    number: int
    patient: str
    routines: tuple[Path, ...]
    date: datetime.date | None = None
    large_print: bool = False
    paper: str | None = None
    note: str | None = None

    @property
    def folder_name(self) -> str:
        """NNN-name: sortable, and findable by the therapist."""
        slug = unicodedata.normalize("NFKD", self.patient).encode("ascii", "ignore").decode().lower()
        slug = re.sub(r"[^a-z0-9]+", "-", slug).strip("-")[:40] or "patient"
        return f"{self.number:03d}-{slug}"


@dataclass(frozen=True)
class Result:
    row: Row
    written: tuple[Path, ...] = ()
    error: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


def _header(name: str) -> str:
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def read_rows(path: Path) -> tuple[list[Row], list[Problem]]:
    """The rows that can be built, and a problem for each that cannot (the file as a whole must be readable)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError([Problem(str(path), None, "", "file not found")]) from None
    except UnicodeDecodeError:
        raise InputError([Problem(str(path), None, "", "not UTF-8 text (save the CSV as UTF-8)")]) from None
    reader = csv.DictReader(text.splitlines())
    headers = [_header(h) for h in reader.fieldnames or []]
    problems = []
    for original, name in zip(reader.fieldnames or [], headers, strict=True):
        if name not in COLUMNS:
            close = difflib.get_close_matches(name, COLUMNS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (columns: {', '.join(COLUMNS)})"
            problems.append(Problem(str(path), 1, original, f"unknown column{hint}"))
    for required in ("patient", "routine"):
        if required not in headers:
            problems.append(Problem(str(path), 1, required, "required column is missing"))
    if problems:
        raise InputError(problems)
    reader.fieldnames = headers
    rows, bad = [], []
    for number, record in enumerate(reader, 1):
        line = reader.line_num
        values = {key: (value or "").strip() for key, value in record.items() if key}
        row_problems: list[Problem] = []

        def problem(column: str, message: str, line: int = line, found: list[Problem] = row_problems) -> None:
            found.append(Problem(str(path), line, column, message))

        if not values.get("patient"):
            problem("patient", "the patient's name is empty")
        routines = tuple(path.parent / part.strip() for part in values.get("routine", "").split(";") if part.strip())
        if not routines:
            problem("routine", "no routine file given")
        date = None
        if values.get("date"):
            try:
                date = datetime.date.fromisoformat(values["date"])
            except ValueError:
                problem("date", f"expected a date as YYYY-MM-DD, got {values['date']!r}")
        flag = values.get("large_print", "").lower()
        if flag not in YES | NO:
            problem("large_print", f"expected yes or no, got {values['large_print']!r}")
        paper = values.get("paper", "")
        if paper and paper.lower() not in PAPERS:
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
                PAPERS.get(paper.lower()),
                values.get("note") or None,
            )
        )
    return rows, bad


def build_row(row: Row, brand: Path, out: Path) -> Result:
    """Build one patient's set into out/NNN-name/ (run in a worker process)."""
    only = ("handout-large-print", "poster-large-print") if row.large_print else ("handout", "poster")
    options = Options(
        out=out / row.folder_name,
        only=only,
        paper=row.paper,
        patient=row.patient,
        date=row.date or datetime.date.today(),
        note=row.note,
    )
    with collect_warnings() as warnings:
        try:
            written = build_routines(list(row.routines), brand, options)
        except HandoutsError as exc:
            message = str(exc).replace(row.patient, "<patient>")  # names stay out of messages
            return Result(row, error=message.replace("\n", "; "))
    return Result(row, tuple(written), warnings=tuple(warnings))


def run(rows: list[Row], brand: Path, out: Path, workers: int | None = None) -> Iterator[Result]:
    """Build every row on `workers` processes (default: every core), yielding results as they finish."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(rows) == 1:
        yield from (build_row(row, brand, out) for row in rows)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(rows))) as pool:
        futures = [pool.submit(build_row, row, brand, out) for row in rows]
        for future in as_completed(futures):
            yield future.result()
