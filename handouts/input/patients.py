"""A patients list (CSV) read into rows, as Excel and people write it.

Columns (header names are case-insensitive): `patient` and `routine` (one or more content files, separated
by `;`, relative to the CSV file) are required; `date` (YYYY-MM-DD, or as the routine's language writes
dates: 01/12/2026 in en-GB), `large_print` and `duplex` (yes/no, or ticked with an x; `duplex`: printed two-sided;
an empty `duplex` cell: as the batch's --duplex or --no-duplex, else brand.yaml, says), `paper` (A4, letter or US Letter, or
A3), `note`, `therapist` and `next_appointment` are optional.
Other columns (a date of birth, a phone number) are left out, with a warning. The file may be UTF-8 (with
or without Excel's byte order mark), UTF-16 (Excel's "Unicode Text", or without its mark), UTF-32 with its mark,
or else Windows-1252 or Mac Roman (Excel's plain "CSV", on Windows and on a Mac), with a note; comma, semicolon
or tab separated (or as a first line `sep=;` says). A bad row is a problem with its line, never with the
patient's name; the other rows are built.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime
import difflib
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from slugify import slugify

from handouts.errors import InputError, Problem
from handouts.input import dates
from handouts.input.encodings import line_of, mac_roman, utf16_unmarked
from handouts.input.files import (
    IN_ICLOUD,
    LIMITS,
    OUTSIDE,
    TRIMMED,
    UnreadableFileError,
    before_eof_mark,
    colon_in_name,
    forbidden_on_windows,
    hidden_extension,
    hidden_said,
    in_icloud,
    kind_of,
    named_inside,
    not_plain_text,
    out_of_reach,
    read_bytes,
    real_case,
    saved_as,
    saved_as_said,
)
from handouts.input.options import MAX_NOTE, MAX_PATIENT, SLUG_LENGTH, Paper, paper_named
from handouts.input.yamlsource import format_path
from handouts.words.ink import prints_nothing

COLUMNS = ("patient", "routine", "date", "large_print", "paper", "note", "therapist", "next_appointment", "duplex")
# A column ticked as people tick one, with an x or a check mark, is yes; yes and no in the languages handouts
# prints (a Polish front desk types "tak"), and TRUE and FALSE as Excel saves them in each (WAHR, VRAI, PRAWDA…)
YES = {"yes", "y", "true", "1", "x", "\u2713", "\u2714"}
YES |= {"ja", "oui", "sí", "si", "sì", "tak", "sim", "ie", "wahr", "vrai", "verdadero", "vero", "waar", "prawda", "verdadeiro"}
NO = {"no", "n", "false", "0", ""}
NO |= {"nein", "non", "nee", "nie", "na", "não", "nao", "falsch", "faux", "falso", "onwaar", "fałsz"}
ROUTINE_SUFFIXES = (".yaml", ".yml")
PATIENT_HEADINGS = {"name", "full_name", "client", "client_name"}  # said to be the patient's column, if it is missing
MAX_ROUTINES = 50  # routine files one row may name (a patient's print file holds a few)
REPEATS_SAID = 10  # rows said to repeat an earlier one, each with its line; the rest are counted
SAME = "the same patient, routines and date"  # what makes a row a repeat of an earlier one
DELETE_ONE = "delete the repeat, or give the row its own date if it is another visit"
# Said instead where the repeat holds something of its own (a note, an appointment...): deleting it would lose that.
MERGE_ONE = "move what it adds into row {first} and delete it, or give the row its own date if it is another visit"
LEFT_OUT_SHOWN = 5  # columns named in the warning on columns left out; the rest are counted
# Said instead of a cell's text that could be a name: in a row whose cells have shifted, it may be one.
# A routine cell written as a pattern (`routines/*.yaml`), as a command line takes one: a list names its files
PATTERN_SAID = (
    "is a pattern, and no file has that name: a patient's row names each of its routine files by its whole name "
    "(several separated by ';'), not by a pattern"
)
HIDDEN = "other text (not repeated here: if the columns have shifted, it may be a name)"


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
    therapist: str | None = None
    next_appointment: datetime.date | None = None  # a datetime when a time is given
    # printed two-sided: the print file pads each document to an even page count (None, an empty cell: as the
    # batch's --duplex/--no-duplex, else brand.yaml, says)
    duplex: bool | None = None

    @property
    def slug(self) -> str:
        """The patient's name in the folder's name ("lukasz-khan"; '' for a name of no letters or digits)."""
        return slugify(self.patient, max_length=SLUG_LENGTH, word_boundary=True)

    @property
    def folder_name(self) -> str:
        """NNN-name: sortable, and findable by the therapist ("005-lukasz-khan", "006-li-wei")."""
        return f"{self.number:03d}-{self.slug or 'patient'}"


@dataclass(frozen=True)
class Patients:
    """The rows that can be built, a problem for each that cannot, and what is odd but usable."""

    rows: list[Row]
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    # rows with a problem whose patient and date are readable: where an earlier run's set of the row would be
    refused: list[Row] = field(default_factory=list)
    count: int = 0  # rows under the header (numbered from 1 as their folders are), built, refused or unreadable


def _header(name: str) -> str:
    return re.sub(r"[\s-]+", "_", name.strip().lower())


class _Dialect(csv.excel):
    """Excel's CSV with the separator the file uses."""


# Excel's line naming the separator (`sep=;`), first in a file made for Excel by another program.
SEPARATOR_LINE = re.compile(r"^sep=([,;\t|])$")
# A line ends as Windows (CR LF), Unix (LF) or Excel for Mac's "CSV (Macintosh)" (CR alone) ends it.
LINE_END = re.compile(r"\r\n?|\n")
FILEMAKER_LINE_BREAK = "\x0b"  # a line break typed in a cell, as FileMaker exports it
# The header: the first line with something in it (blank lines above it passed over), found from a line's start only
# (a line of spaces is no slower to pass over than its length)
FILLED_LINE = re.compile(r"(?:\A|(?<=[\r\n]))[^\S\r\n]*\S[^\r\n]*")


def _dialect(text: str) -> tuple[type[csv.Dialect], str]:
    """Comma, semicolon (what Excel writes where the decimal mark is a comma) or tab, as the header row uses,
    or as Excel's `sep=` line says; and the text to read, that line left empty (the lines after keep their
    numbers)."""
    first = LINE_END.split(text, maxsplit=1)[0]
    named = SEPARATOR_LINE.match(first)
    if named:
        return type("Dialect", (_Dialect,), {"delimiter": named.group(1)}), text[len(first) :]
    filled = FILLED_LINE.search(text)  # column names only: notes further down may hold any mark
    header = filled.group(0) if filled else ""
    separator = max((",", ";", "\t"), key=header.count) if any(mark in header for mark in ",;\t") else ","
    with contextlib.suppress(csv.Error):  # too little to go on: the header's most frequent mark
        separator = csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    return type("Dialect", (_Dialect,), {"delimiter": separator}), text


def _decode(path: Path, raw: bytes) -> tuple[str, list[Problem]]:
    """The file's text: UTF-32, UTF-16 or UTF-8 by its byte order mark, else UTF-8, else Mac Roman or Windows-1252,
    whichever its accented letters read as (see encodings.mac_roman), with a note. UTF-32's mark is looked for first:
    the little-endian one begins as UTF-16's does, and the file was read as UTF-16, a NUL after every letter."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encoding: str | None = "utf-32"
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = utf16_unmarked(raw)
    if encoding:
        try:
            return raw.decode(encoding), []
        except UnicodeDecodeError:
            message = f"not readable as {encoding.upper()} text, though it starts like it"
            raise InputError([Problem(str(path), None, "", message)]) from None
    # Excel's mark of UTF-8 goes before any reading: a file that has it and is not UTF-8 after all was read with it
    # (its header's first column "ï»¿patient"), and its first wrong byte counted from after it (as the YAML reader)
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if mac_roman(raw):
        note = "not UTF-8, so read as Mac Roman (Excel for Mac's plain 'CSV'); if a name prints wrongly, save it as 'CSV UTF-8'"
        return raw.decode("mac_roman"), [Problem(str(path), None, "", note, "csv-encoding")]
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        line = line_of(raw, utf8_error.start)
        message = "not UTF-8 text: in Excel, save it as 'CSV UTF-8 (Comma delimited)'; elsewhere choose UTF-8"
        raise InputError([Problem(str(path), line, "", message)]) from None
    note = "not UTF-8, so read as Windows-1252 (Excel's plain 'CSV'); if a name prints wrongly, save it as 'CSV UTF-8'"
    return text, [Problem(str(path), None, "", note, "csv-encoding")]


def _records(path: Path) -> tuple[tuple[int, list[str]], list[tuple[int, list[str]]], list[Problem]]:
    """The header and each record, each with the line it starts on, and a note on the encoding; InputError if the file
    cannot be read as CSV. Quoting is strict, so an unclosed quote is an error, not a note that swallows the
    rows after it."""
    try:
        raw = read_bytes(path, "csv")
    except UnreadableFileError as exc:
        raise InputError([Problem(str(path), None, "", str(exc))]) from None
    document = not_plain_text(raw, "csv")
    if document:
        raise InputError([Problem(str(path), None, "", document)])
    text, notes = _decode(path, raw)
    text = before_eof_mark(text)
    # A cell may be as long as the file (a note pasted twice over): its row is then too long, not the file malformed.
    csv.field_size_limit(max(csv.field_size_limit(), LIMITS["csv"]))
    dialect, text = _dialect(text)
    reader = csv.reader(io.StringIO(text, newline=""), dialect=dialect, strict=True)
    records: list[tuple[int, list[str]]] = []
    try:
        start = 1
        for record in reader:
            records.append((start, record))
            start = reader.line_num + 1
    except csv.Error as exc:
        hint = " (a quote opened in this row is never closed?)" if "end of data" in str(exc) else ""
        raise InputError([Problem(str(path), start, "", f"malformed CSV: {exc}{hint}")]) from None
    # FileMaker exports a line break inside a cell as a vertical tab (a control character no page prints)
    records = [(line, [cell.replace(FILEMAKER_LINE_BREAK, "\n") for cell in record]) for line, record in records]
    records = [(line, record) for line, record in records if any(cell.strip() for cell in record)]
    if not records:
        raise InputError([Problem(str(path), None, "", "the file has no header row (patient,routine,…)")])
    return records[0], records[1:], notes


def is_patients_list(path: Path) -> bool:
    """Whether `path`, a file given where a routine is, is a patients list: a .csv, or a .txt or .tsv (as Excel
    saves "Unicode Text", tab separated) whose first row names a routine column."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".tsv", ".txt") or not os.path.isfile(path):  # os.path's: no raise of a name too long
        return False
    if suffix == ".csv":
        return True
    try:
        (_, header), _, _ = _records(path)
    except InputError:
        return False
    return "routine" in {_header(heading) for heading in header}


def _columns(path: Path, header: list[str], line: int) -> tuple[list[str], list[tuple[int, str]]]:
    """The header's column names, and the columns left out (position, heading); InputError, at the header's
    `line`, if it lacks a required column or misspells one. A heading is quoted only when the header is surely a header (a file
    without one has a patient's name up there)."""
    names = [_header(heading) for heading in header]
    if not {"patient", "routine"} & set(names) and any(cell.strip().lower().endswith(ROUTINE_SUFFIXES) for cell in header):
        # a routine's file up there: the list starts with a patient's row (its cells are not repeated: a name is one)
        message = "this is a patient's row, not the header: add a first line naming the columns (patient,routine,…)"
        raise InputError([Problem(str(path), line, "", message)])
    problems, unused = [], []
    for position, (heading, name) in enumerate(zip(header, names, strict=True), 1):
        if name in COLUMNS:
            continue
        close = difflib.get_close_matches(name, COLUMNS, n=1, cutoff=0.8)  # "routines", "notes"; not "phone"
        if close:
            problems.append(Problem(str(path), line, format_path((heading,)), f"unknown column (did you mean '{close[0]}'?)"))
        else:
            unused.append((position, heading))
    first: dict[str, int] = {}
    for position, name in enumerate(names, 1):  # the last of two columns of a name would win, silently
        if name in COLUMNS and first.setdefault(name, position) != position:
            message = f"column {position} is also headed '{name}' (as column {first[name]} is): which one is meant?"
            problems.append(Problem(str(path), line, name, message))
    required = [column for column in ("patient", "routine") if column not in names]
    missing = [Problem(str(path), line, column, "required column is missing") for column in required]
    # "Patient Name", "Name", "Routine file", as a clinic system heads them: a heading for each missing column
    # shows the header to be one, so those headings may be quoted
    holding = {column: next((at for at, heading in unused if _may_be(column, heading)), 0) for column in required}
    if missing and all(holding.values()):
        said = "required column is missing: is it column {}, {!r}? Head it '{}'"
        missing = [
            Problem(str(path), line, column, said.format(at, header[at - 1].strip(), column)) for column, at in holding.items()
        ]
    elif missing:  # perhaps no header at all: each heading is said by its place
        said = f"unknown column heading (columns: {', '.join(COLUMNS)})"
        problems += [Problem(str(path), line, f"column {position}", said) for position, _ in unused]
    if problems or missing:
        raise InputError(problems + missing)
    return names, unused


def _may_be(column: str, heading: str) -> bool:
    """Whether `heading` may head `column` in a clinic system's export ("Patient Name", "Client", "Routine file")."""
    name = _header(heading)
    return column in name.split("_") or (column == "patient" and name in PATIENT_HEADINGS)


def _left_out(path: Path, line: int, unused: list[tuple[int, str]]) -> list[Problem]:
    """One warning naming the columns left out (a clinic system's export may have dozens: one line, not one each)."""
    if not unused:
        return []
    named = [format_path((heading.strip(),)) if heading.strip() else f"column {position}" for position, heading in unused]
    shown = ", ".join(named[:LEFT_OUT_SHOWN]) + (
        f" and {len(named) - LEFT_OUT_SHOWN:,} more" if len(named) > LEFT_OUT_SHOWN else ""
    )
    read = f"columns: {', '.join(COLUMNS)}"
    message = f"not a column handouts reads ({read}), so it is left out"
    if len(named) > 1:
        message = f"not columns handouts reads ({read}), so they are left out"
    return [Problem(str(path), line, shown, message, "extra-column")]


def read_patients(path: Path) -> Patients:
    """Every row of the patients list at `path` (the file as a whole must be readable)."""
    (header_line, header), records, notes = _records(path)
    headers, unused = _columns(path, header, header_line)
    if not records:  # an export of an empty list: say so (at its header), rather than "built 0 patients" as if all were well
        message = "no patients: the file has a header row but no rows under it"
        raise InputError([Problem(str(path), header_line, "", message)])
    # Columns with no heading and nothing in them: Excel saves a sheet's formatted but empty cells so.
    blank = {at for at, heading in unused if not heading.strip()}
    blank -= {at for _, cells in records for at, cell in enumerate(cells, 1) if cell.strip()}
    warnings = _left_out(path, header_line, [(at, heading) for at, heading in unused if at not in blank])
    rows, bad, refused = [], [], []
    for number, (line, cells) in enumerate(records, 1):
        if any(cell.strip() for cell in cells[len(headers) :]):  # empty cells past the last column say nothing
            bad.append(Problem(str(path), line, "", f"{len(cells)} cells but {len(headers)} columns (a comma too many?)"))
            continue
        values = {key: value.strip() for key, value in zip(headers, cells, strict=False) if key in COLUMNS}
        row, problems = _row(path, line, number, values)
        bad += problems
        if row is not None:
            (refused if problems else rows).append(row)
    return Patients(rows, bad, notes + warnings + _repeated(path, rows) + _capitals(path, rows), refused, len(records))


def read_rows(path: Path) -> tuple[list[Row], list[Problem]]:
    """The rows that can be built, and a problem for each that cannot."""
    patients = read_patients(path)
    return patients.rows, patients.problems


def _row(path: Path, line: int, number: int, values: dict[str, str]) -> tuple[Row | None, list[Problem]]:
    """One record's row, and the problems that keep it from being built; with problems, the row is only where an
    earlier run's set of it would be (None where its patient or date cannot be read)."""
    found: list[Problem] = []

    def problem(column: str, message: str) -> None:
        found.append(Problem(str(path), line, column, message))

    if prints_nothing(values.get("patient", "")):
        problem("patient", "the patient's name is empty" if not values.get("patient") else "the patient's name prints nothing")
    for column, limit in (("patient", MAX_PATIENT), ("note", MAX_NOTE), ("therapist", MAX_PATIENT)):
        if len(values.get(column, "")) > limit:
            problem(column, f"{len(values[column]):,} characters; at most {limit:,}")
    # Backslashes are folder separators, as a list made on Windows writes them.
    parts = [part.strip().replace("\\", "/") for part in values.get("routine", "").split(";") if part.strip()]
    routines = tuple(path.parent / part for part in parts)
    pattern = next((part for part in parts if _pattern(part, path.parent)), None)
    if not routines:
        problem("routine", "no routine file given")
    elif pattern is not None:
        problem("routine", f"{pattern!r} {PATTERN_SAID}")
    elif not all(part.lower().endswith(ROUTINE_SUFFIXES) for part in parts):
        # `knee.yaml.`, typed as a sentence ends: a routine's name, so no patient's to keep from the message
        odd = [part for part in parts if not part.lower().endswith(ROUTINE_SUFFIXES)]
        dotted = next((part for part in odd if part.rstrip(".").lower().endswith(ROUTINE_SUFFIXES)), None)
        if dotted is not None:
            problem("routine", f"{dotted!r} ends with a dot: {TRIMMED}")
        else:
            problem("routine", f"expected content files ending in .yaml, separated by ';', got {HIDDEN}")
    elif len(parts) > MAX_ROUTINES:  # each is looked for, read and printed: a cell pasted over and over took hours
        problem("routine", f"{len(parts):,} routine files in one row; at most {MAX_ROUTINES}")
    for part in parts:
        colon = colon_in_name(part) or forbidden_on_windows(part)
        if colon and not found:
            problem("routine", colon)
        elif not found and not named_inside(part, path.parent):  # named as written: its name alone may be inside
            problem("routine", f"{part} is outside the folder of {path.name}: {OUTSIDE}")
    seen: set[str] = set()
    for routine in routines if not found else ():
        if os.path.normpath(routine) in seen:
            problem("routine", f"{routine.name} is named twice in this row: name each routine once")
            break
        seen.add(os.path.normpath(routine))
    date = next_appointment = None
    # The routines' languages read its dates; a routine outside the folder is never opened.
    language = dates.routine_languages(routines) if routines and not found else "en-GB"
    if values.get("date"):
        try:
            date = dates.parse(values["date"], language, _shown(values["date"]))
        except dates.DateError as exc:
            problem("date", str(exc))
    if values.get("next_appointment"):
        try:
            next_appointment = dates.appointment(values["next_appointment"], language, _shown(values["next_appointment"]))
        except dates.DateError as exc:
            problem("next_appointment", str(exc))
    flag = values.get("large_print", "").lower()
    if flag not in YES | NO:
        problem("large_print", f"expected yes or no, got {_shown(values['large_print'], [*YES, *NO])}")
    duplex = values.get("duplex", "").lower()
    if duplex not in YES | NO:
        problem("duplex", f"expected yes or no, got {_shown(values['duplex'], [*YES, *NO])}")
    paper = values.get("paper", "")
    chosen = paper_named(paper)
    if paper and chosen is None:
        problem("paper", f"expected A4, letter or A3, got {_shown(paper, list(Paper))}")
    if found and {problem.key for problem in found} & {"patient", "date"}:
        return None, found
    row = Row(line, number, values["patient"], routines, date, flag in YES, chosen, values.get("note") or None)
    therapist = values.get("therapist") or None
    return replace(row, therapist=therapist, next_appointment=next_appointment, duplex=duplex in YES if duplex else None), found


def _pattern(part: str, folder: Path) -> bool:
    """Whether a routine named `part` in a list in `folder` is a pattern no file is named as: a name of routine
    files (ending in .yaml, or in `*`: `routines/*`) with `*`, `?` or `[…]` in it. Other text with them is a note
    or a name in a row whose columns have shifted ("Any pain?"), not to be repeated."""
    files = part.lower().endswith((*ROUTINE_SUFFIXES, "/*")) or part == "*"
    marked = files and ("*" in part or "?" in part or re.search(r"\[[^]]*\]", part))
    return bool(marked) and not os.path.exists(folder / part)  # False too for a name too long to look for


def _shown(value: str, expected: list[str] | None = None) -> str:
    """A cell's text as a message quotes it: numbers and dates as they are (01-Dec-26 too), and a word close to
    what the column expects ('yess'); any other text is not repeated, since shifted columns put names anywhere."""
    close = expected is not None and difflib.get_close_matches(value.lower(), [e.lower() for e in expected], n=1, cutoff=0.6)
    if (not any(ch.isalpha() for ch in value) and len(value) <= 40) or close or dates.MONTH_NAMED.match(value.strip()):
        return repr(value)
    return HIDDEN


def _person(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _repeated(path: Path, rows: list[Row]) -> list[Problem]:
    """A warning for each row that repeats an earlier one (the same patient, routines and date), the first
    REPEATS_SAID of them; the rest are counted in one more."""
    first: dict[tuple[str, tuple[Path, ...], datetime.date | None], Row] = {}
    warnings = []
    for row in rows:
        key = (_person(row.patient), tuple(sorted(row.routines)), row.date)
        if key in first:
            earlier = first[key]
            same = {"line": earlier.line, "number": earlier.number, "patient": earlier.patient, "routines": earlier.routines}
            own = replace(row, **same) != earlier  # it adds a note, an appointment, large print...
            advice = MERGE_ONE.format(first=earlier.number) if own else DELETE_ONE
            message = f"row {row.number} repeats row {earlier.number} ({SAME}), so it is built twice: {advice}"
            warnings.append(Problem(str(path), row.line, "", message, "repeated-row"))
        first.setdefault(key, row)
    if len(warnings) > REPEATS_SAID:  # a list pasted twice over, or an export gone wrong: not a line for each
        more = len(warnings) - REPEATS_SAID
        message = f"and {more:,} more rows from here on repeat earlier rows ({SAME}), so each is built twice: delete the repeats"
        warnings[REPEATS_SAID:] = [replace(warnings[REPEATS_SAID], message=message)]
    return warnings


def _capitals(path: Path, rows: list[Row]) -> list[Problem]:
    """A warning for each routine the list names with other capitals than its file is saved with, at the first
    row that names it: found on a Mac or Windows, not on Linux (see files.saved_as)."""
    warnings, seen = [], set()
    for row in rows:
        for routine in row.routines:
            if routine in seen or not routine.is_relative_to(path.parent):
                continue
            seen.add(routine)
            written = routine.relative_to(path.parent).as_posix()
            if saved := saved_as(path.parent, written):
                warnings.append(Problem(str(path), row.line, "routine", saved_as_said(written, saved), "name-case"))
    return warnings


def said_few(problems: list[Problem]) -> list[Problem]:
    """`problems` as a batch says them: one that many rows share (every row's large_print, in a list whose columns
    shifted) is said at the first REPEATS_SAID of them, and the rows after counted in one more line, at the first
    of them, rather than a line for each of 100,000 rows ("patients.csv:12: large_print: expected yes or no, got
    other text (and 9,990 more rows from here on)")."""
    counts: dict[tuple[str, str, str], int] = {}
    said, beyond = [], {}
    for problem in problems:
        same = (problem.file, problem.key, problem.message)
        counts[same] = counts.get(same, 0) + 1
        if counts[same] <= REPEATS_SAID:
            said.append(problem)
        else:
            beyond.setdefault(same, problem)
    for same, first in beyond.items():
        more = counts[same] - REPEATS_SAID
        said.append(replace(first, message=f"{first.message} (and {more:,} more {'row' if more == 1 else 'rows'} from here on)"))
    return said


def _commas(folder: Path, written: Path) -> str:
    """What to say of routines separated by commas (`knee.yaml, hip.yaml`: a list whose columns ';' separates
    keeps them in one cell), where each part is a file: the separator to use."""
    parts = [part.strip() for part in str(written).split(",")]
    if len(parts) < 2 or not all(parts) or not all(os.path.isfile(folder / part) for part in parts):
        return ""
    return f"; routines are separated by ';', not ',': write {'; '.join(parts)}"


def without_missing_routines(rows: list[Row], csv_path: Path) -> tuple[list[Row], list[Problem]]:
    """The rows whose routine files all exist, and one problem per missing file (not one per row that names it)."""
    missing: dict[Path, list[Row]] = {}
    for row in rows:
        for routine in row.routines:
            if not os.path.isfile(routine):  # os.path's: Python 3.11's Path.is_file() raises of a name too long
                missing.setdefault(routine, []).append(row)
    folder = csv_path.parent

    def as_listed(path: Path) -> Path:
        """`path` as the list names it (routines/knee.yaml): its name alone may be a file that is there."""
        return path.relative_to(folder) if path.is_relative_to(folder) else path

    problems = []
    for routine, named in missing.items():
        written = as_listed(routine)
        count = f"named by {len(named)} row{'s' * (len(named) != 1)}, none built"
        try:
            mode = routine.stat().st_mode
        except (OSError, ValueError):
            mode = None
        if mode is not None:  # there, but a folder or a named pipe (never opened: a pipe would wait)
            message = f"{written}: is {kind_of(mode)}, not a YAML file ({count})"
        else:
            real, saved = real_case(routine), hidden_extension(routine)
            hint = (
                f"; there is {as_listed(real)}" if real else f"; {hidden_said(as_listed(saved), routine.name)}" if saved else ""
            )
            hint = hint or _commas(folder, written) or (f"; {IN_ICLOUD}" if in_icloud(routine) else "")
            hint = hint or (f"; {unreachable}" if (unreachable := out_of_reach(routine)) else "")
            message = f"{written}: file not found ({count}{hint})"
        problems.append(Problem(str(csv_path), named[0].line, "routine", message))
    skipped = {id(row) for named in missing.values() for row in named}
    return [row for row in rows if id(row) not in skipped], problems
