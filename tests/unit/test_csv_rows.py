"""Reading a patients CSV into rows: each bad row a problem with its line, never the patient's name."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from handouts.batch import read_rows
from handouts.errors import InputError
from handouts.input import dates
from handouts.input.options import Paper


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "patients.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_rows(tmp_path: Path) -> None:
    path = _csv(
        tmp_path, 'Patient,Date,Routine,Large print,Paper,Note\nJo Bloggs,2026-12-01,knee.yaml;hip.yaml,yes,a3,"Twice\na day"\n'
    )
    (row,), bad = read_rows(path)
    assert bad == []
    assert row.patient == "Jo Bloggs" and row.date == datetime.date(2026, 12, 1)
    assert row.routines == (tmp_path / "knee.yaml", tmp_path / "hip.yaml")
    assert row.large_print and row.paper is Paper.A3 and row.note == "Twice\na day"
    assert row.folder_name == "001-jo-bloggs"


@pytest.mark.parametrize(
    ("yes", "no"),
    [
        *[
            ("tak", "nie"),
            ("Ja", "Nein"),
            ("ja", "nee"),
            ("oui", "non"),
            ("sí", "no"),
            ("sì", "no"),
            ("Sim", "Não"),
            ("ie", "na"),
        ],
        *[("WAHR", "FALSCH"), ("VRAI", "FAUX"), ("VERDADERO", "FALSO"), ("PRAWDA", "FAŁSZ"), ("WAAR", "ONWAAR")],
    ],
)
def test_yes_and_no_in_the_languages_handouts_prints_are_read(tmp_path: Path, yes: str, no: str) -> None:
    """A front desk types yes and no in its own language ("tak"), and Excel saves TRUE and FALSE in its own
    (WAHR, VRAI, PRAWDA): each row was refused as neither yes nor no, and its patient got no sheets."""
    text = f"patient,routine,large_print,duplex\nJo Bloggs,knee.yaml,{yes},{no}\nAl Li,knee.yaml,{no},{yes}\n"
    (jo, al), bad = read_rows(_csv(tmp_path, text))
    assert bad == []
    assert (jo.large_print, jo.duplex, al.large_print, al.duplex) == (True, False, False, True)


def test_a_line_break_exported_by_filemaker_is_a_line_break(tmp_path: Path) -> None:
    """FileMaker exports a line break typed in a field as a vertical tab: a note of two lines was refused as
    having a control character, and the patient's row not built."""
    (row,), bad = read_rows(_csv(tmp_path, 'patient,routine,note\nJo Bloggs,knee.yaml,"Twice\x0ba day"\n'))
    assert bad == [] and row.note == "Twice\na day"


def test_bad_rows_are_problems_with_lines(tmp_path: Path) -> None:
    records = "Jo,31/02/2026,k.yaml,maybe\n,2026-12-01,k.yaml,no\n\u200b,,k.yaml,\n"
    path = _csv(tmp_path, "patient,date,routine,large_print\n" + records)
    rows, bad = read_rows(path)
    assert rows == []
    assert [str(p).removeprefix(str(path)) for p in bad] == [
        ":2: date: '31/02/2026' is not a date that exists (check the day and the month: "
        "en-GB writes 1 December 2026 as 01/12/2026)",
        ":2: large_print: expected yes or no, got other text (not repeated here: if the columns have shifted, it may be a name)",
        ":3: patient: the patient's name is empty",
        ":4: patient: the patient's name prints nothing",  # a zero-width space, pasted with a name's cell
    ]


def test_whole_file_problems(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=":2: malformed CSV"):
        read_rows(_csv(tmp_path, 'patient,routine\nJo,"k.yaml\n'))
    with pytest.raises(InputError) as caught:
        read_rows(_csv(tmp_path, "Jo Bloggs,k.yaml\n"))
    # one line, not four (each cell an unknown heading, and both required columns missing)
    said = "this is a patient's row, not the header: add a first line naming the columns (patient,routine,…)"
    assert str(caught.value) == f"{tmp_path / 'patients.csv'}:1: {said}"
    with pytest.raises(InputError) as caught:  # no routine up there: perhaps a header misspelt, so each heading is said
        read_rows(_csv(tmp_path, "Jo Bloggs,2026-12-01\n"))
    assert "Jo" not in str(caught.value) and "column 1: unknown column heading" in str(caught.value)


def test_a_heading_with_a_line_break_is_said_on_one_line(tmp_path: Path) -> None:
    """A heading typed over two lines of a cell ("no" and "te") made the error or warning naming it two lines,
    the second starting as if it were a message of its own."""
    with pytest.raises(InputError) as caught:
        read_rows(_csv(tmp_path, 'patient,date,routine,"no\nte"\nJo,2026-12-01,k.yaml,x\n'))
    assert str(caught.value) == f"{tmp_path / 'patients.csv'}:1: 'no\\nte': unknown column (did you mean 'note'?)"
    from handouts.input.patients import read_patients

    patients = read_patients(_csv(tmp_path, 'patient,date,routine,"Home\nphone"\nJo,2026-12-01,k.yaml,x\n'))
    assert [str(warning).split(": ")[1] for warning in patients.warnings] == ["'Home\\nphone'"]


@pytest.mark.parametrize(
    ("header", "said"),
    [
        ("patient,date,routine,Date", "date: column 4 is also headed 'date' (as column 2 is)"),
        ("patient,routine,Patient", "patient: column 3 is also headed 'patient' (as column 1 is)"),
    ],
)
def test_a_column_headed_twice_is_refused(tmp_path: Path, header: str, said: str) -> None:
    """The last of two columns of one name won, silently: a date of birth became the sheet's date."""
    with pytest.raises(InputError) as caught:
        read_rows(_csv(tmp_path, f"{header}\nJo Bloggs,2026-12-01,k.yaml,1950-03-04\n"))
    assert f"{tmp_path / 'patients.csv'}:1: {said}" in str(caught.value)


def test_a_date_two_routines_read_as_different_days_is_refused(tmp_path: Path) -> None:
    """A UK and a US routine for one patient: 03/04/2027 was read in the first routine's language alone, so
    the UK sheet printed 4 March where the clinic meant 3 April, and the order of the routines decided."""
    (tmp_path / "uk.yaml").write_text("language: en-GB\n", encoding="utf-8")
    (tmp_path / "us.yaml").write_text("language: en-US\n", encoding="utf-8")
    for routines in ("us.yaml;uk.yaml", "uk.yaml;us.yaml"):
        path = _csv(tmp_path, f"patient,date,routine,next_appointment\nJo,2026-12-01,{routines},03/04/2027 10:00\n")
        rows, bad = read_rows(path)
        assert rows == [] and len(bad) == 1, bad
        said = str(bad[0])
        assert ":2: next_appointment: '03/04/2027 10:00' reads as 2027-0" in said and "write it as YYYY-MM-DD" in said
    path = _csv(tmp_path, "patient,date,routine,next_appointment\nJo,2026-12-01,us.yaml;uk.yaml,13/04/2027\n")
    (row,), bad = read_rows(path)  # one way to read it: a day 13
    assert bad == [] and row.next_appointment == datetime.date(2027, 4, 13)


def test_a_routine_named_twice_in_a_row_is_said_so(tmp_path: Path) -> None:
    """`knee.yaml;./knee.yaml`: the row failed saying the routine's id was also the id of the same file."""
    path = _csv(tmp_path, "patient,routine\nJo,knee.yaml;hip.yaml;./knee.yaml\nAl,knee.yaml;hip.yaml\n")
    rows, bad = read_rows(path)
    assert [row.patient for row in rows] == ["Al"]
    assert [str(p).removeprefix(str(path)) for p in bad] == [
        ":2: routine: knee.yaml is named twice in this row: name each routine once"
    ]


def test_a_date_written_year_first_is_read_in_any_separator(tmp_path: Path) -> None:
    """2026/12/01 and 2026-12-1 name a day that exists: they were called dates that do not exist (check the day
    and the month), which sends a therapist to check a day and month that are right."""
    records = "A,2026/12/01,k.yaml\nB,2026-12-1,k.yaml\nC,2026.12.01,k.yaml\nD,2026/02/30,k.yaml\n"
    rows, bad = read_rows(_csv(tmp_path, "patient,date,routine\n" + records))
    assert [row.date for row in rows] == [datetime.date(2026, 12, 1)] * 3
    assert [str(p).split(": ", 1)[1] for p in bad] == [
        "date: '2026/02/30' is not a date that exists (check the day and the month: en-GB writes 1 December 2026 as 01/12/2026)"
    ]


def test_a_cell_longer_than_the_csv_modules_limit_costs_only_its_row(tmp_path: Path) -> None:
    """A note of 200,000 characters (over Python's csv field limit of 131,072) failed the whole file as
    'malformed CSV'; it is one row's problem, and the other rows are built."""
    path = _csv(tmp_path, f"patient,routine,note\nA,k.yaml,{'n' * 200_000}\nB,k.yaml,\n")
    rows, bad = read_rows(path)
    assert [row.patient for row in rows] == ["B"]
    assert [str(p).removeprefix(str(path)) for p in bad] == [":2: note: 200,000 characters; at most 2,000"]


def test_the_columns_left_out_are_one_warning(tmp_path: Path) -> None:
    """A clinic system's export has dozens of columns handouts does not read (date of birth, address, NHS
    number…): each was a warning of its own, the list of columns repeated on every line, 2,000 lines for a
    header of 2,000 cells. They are one warning, naming the first five and counting the rest."""
    from handouts.input.patients import read_patients

    known = "(columns: patient, routine, date, large_print, paper, note, therapist, next_appointment, duplex)"
    extra = ",".join(f"field {n}" for n in range(1, 2_001))
    patients = read_patients(_csv(tmp_path, f"patient,DOB,routine,,{extra}\nJo,1950-01-01,k.yaml,,\n"))
    assert [str(w).removeprefix(str(tmp_path / "patients.csv")) for w in patients.warnings] == [
        f":1: DOB, field 1, field 2, field 3, field 4 and 1,996 more: not columns handouts reads {known}, so they are left out"
    ]  # the fourth column, unheaded and empty, is no column at all
    patients = read_patients(_csv(tmp_path, "patient,routine,Phone\nJo,k.yaml,0123\n"))
    assert [w.key for w in patients.warnings] == ["Phone"] and "so it is left out" in patients.warnings[0].message


def test_rows_repeated_by_the_thousand_are_not_a_line_each(tmp_path: Path) -> None:
    """A list pasted twice over (or an export gone wrong) said a warning for every repeated row: a list of
    one patient a million times printed a million lines. The first ten are said with their lines, the rest
    counted."""
    from handouts.input.patients import read_patients

    patients = read_patients(_csv(tmp_path, "patient,routine\n" + "Jo,k.yaml\n" * 1000 + "Al,k.yaml\n"))
    said = [str(w).removeprefix(str(tmp_path / "patients.csv")) for w in patients.warnings]
    assert said[:2] == [
        ":3: row 2 repeats row 1 (the same patient, routines and date), so it is built twice: delete the repeat, or give "
        "the row its own date if it is another visit",
        ":4: row 3 repeats row 1 (the same patient, routines and date), so it is built twice: delete the repeat, or give "
        "the row its own date if it is another visit",
    ]
    assert said[10:] == [
        ":13: and 989 more rows from here on repeat earlier rows (the same patient, routines and date), so each is built "
        "twice: delete the repeats"
    ]
    assert len(patients.rows) == 1001  # each is still built, as a repeated row always was


def test_a_repeat_with_a_note_of_its_own_is_not_told_to_be_deleted(tmp_path: Path) -> None:
    """Two rows of one patient, routine and date, the second with a note the first lacks: "delete the repeat"
    would lose the note. It is told to move what it adds into the first row; a bare repeat is still told to go."""
    from handouts.input.patients import read_patients

    text = "patient,routine,note\nJo,k.yaml,\njo,k.yaml,Ice after\nJo,k.yaml,\n"
    said = [str(w).removeprefix(str(tmp_path / "patients.csv")) for w in read_patients(_csv(tmp_path, text)).warnings]
    assert said == [
        ":3: row 2 repeats row 1 (the same patient, routines and date), so it is built twice: move what it adds into "
        "row 1 and delete it, or give the row its own date if it is another visit",
        ":4: row 3 repeats row 1 (the same patient, routines and date), so it is built twice: delete the repeat, or give "
        "the row its own date if it is another visit",
    ]


@pytest.mark.parametrize(
    ("header", "said"),
    [
        (
            "Patient Name,Routine,Date of birth",
            [":1: patient: required column is missing: is it column 1, 'Patient Name'? Head it 'patient'"],
        ),
        ("Name,Routine", [":1: patient: required column is missing: is it column 1, 'Name'? Head it 'patient'"]),
        (
            "Client,Routine file",
            [
                ":1: patient: required column is missing: is it column 1, 'Client'? Head it 'patient'",
                ":1: routine: required column is missing: is it column 2, 'Routine file'? Head it 'routine'",
            ],
        ),
    ],
)
def test_a_clinic_systems_headings_say_which_column_to_rename(tmp_path: Path, header: str, said: list[str]) -> None:
    """A clinic system heads its columns 'Patient Name' or 'Name': the list failed with 'column 1: unknown
    column heading (columns: …)' and 'patient: required column is missing', one error for each column (a
    date of birth's too, which is otherwise only left out). The column that may be meant is named instead."""
    with pytest.raises(InputError) as caught:
        read_rows(_csv(tmp_path, f"{header}\nJo Bloggs,k.yaml,1950-01-01\n"))
    assert [str(p).removeprefix(str(tmp_path / "patients.csv")) for p in caught.value.problems] == said


def test_excels_separator_line_names_the_separator(tmp_path: Path) -> None:
    """A list made for Excel by another program may start `sep=;`: it was read as the header, so the whole file
    failed (patient: required column is missing). The rows keep their own line numbers."""
    path = _csv(tmp_path, "sep=;\r\npatient;routine;date\r\nJo;k.yaml;2026-12-01\r\nAl;k.yaml;31/02/2026\r\n")
    rows, bad = read_rows(path)
    assert [(row.patient, row.line) for row in rows] == [("Jo", 3)]
    assert [str(p).removeprefix(str(path)) for p in bad] == [
        ":4: date: '31/02/2026' is not a date that exists (check the day and the month: "
        "en-GB writes 1 December 2026 as 01/12/2026)"
    ]


MISSPELT = "routines: unknown column (did you mean 'routine'?)"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("sep=;\r\npatient;routines\r\n", [f":2: {MISSPELT}", ":2: routine: required column is missing"]),
        ("\r\n\r\npatient,routines\r\n", [f":3: {MISSPELT}", ":3: routine: required column is missing"]),
    ],
    ids=["after Excel's separator line", "after blank lines"],
)
def test_the_headers_mistakes_are_said_at_its_own_line(tmp_path: Path, text: str, said: list[str]) -> None:
    """A header under Excel's `sep=;` line or under blank lines was said to be wrong at line 1."""
    path = _csv(tmp_path, text + "Jo;k.yaml\r\n")
    with pytest.raises(InputError) as caught:
        read_rows(path)
    assert [str(p).removeprefix(str(path)) for p in caught.value.problems] == said


def test_a_list_under_blank_lines_is_read_with_its_headers_separator(tmp_path: Path) -> None:
    """The separator was looked for in the first line only: under a blank line, a list separated by semicolons
    was read as commas, its header one column ('column 1: unknown column heading'), and the list refused."""
    path = _csv(tmp_path, "\r\n\r\npatient;routine;note\r\nJo;k.yaml;a, b\r\n")
    rows, bad = read_rows(path)
    assert bad == [] and [(row.line, row.patient, row.note) for row in rows] == [(4, "Jo", "a, b")]


def test_a_routine_that_is_no_file_is_named_as_the_list_writes_it(tmp_path: Path) -> None:
    """A routine that was a folder was said to be 'file not found', and one in a subfolder was named by its last
    part alone: 'knee.yaml: file not found' while knee.yaml sat beside the list."""
    from handouts.batch import without_missing_routines

    (tmp_path / "knee.yaml").write_text("id: knee\n", encoding="utf-8")
    (tmp_path / "hip.yaml").mkdir()
    path = _csv(tmp_path, "patient,routine\nA,hip.yaml\nB,old\\knee.yaml\nC,knee.yaml\n")
    rows, _ = read_rows(path)
    kept, missing = without_missing_routines(rows, path)
    assert [row.patient for row in kept] == ["C"]
    assert [str(p).removeprefix(str(path)) for p in missing] == [
        ":2: routine: hip.yaml: is a folder, not a YAML file (named by 1 row, none built)",
        ":3: routine: old/knee.yaml: file not found (named by 1 row, none built)",
    ]


def test_a_routine_icloud_drive_keeps_only_online_says_to_download_it(tmp_path: Path) -> None:
    """A routine iCloud Drive keeps only online (a hidden `.knee.yaml.icloud` in its place, before macOS 14) was
    'file not found', though Finder shows it, with a cloud."""
    from handouts.batch import without_missing_routines
    from handouts.input.files import IN_ICLOUD

    (tmp_path / ".knee.yaml.icloud").write_bytes(b"bplist00")
    path = _csv(tmp_path, "patient,routine\nA,knee.yaml\n")
    rows, _ = read_rows(path)
    _, missing = without_missing_routines(rows, path)
    assert [str(p).removeprefix(str(path)) for p in missing] == [
        f":2: routine: knee.yaml: file not found (named by 1 row, none built; {IN_ICLOUD})"
    ]


def test_a_routine_in_a_zip_file_says_to_extract_it(tmp_path: Path) -> None:
    """Routines emailed as a zip file, which Explorer shows as a folder, named in the list as in it: 'file not
    found', though Explorer shows the file there."""
    import zipfile

    from handouts.batch import without_missing_routines
    from handouts.input.files import IN_A_ZIP

    with zipfile.ZipFile(tmp_path / "routines.zip", "w") as archive:
        archive.writestr("knee.yaml", "id: knee\n")
    path = _csv(tmp_path, "patient,routine\nA,routines.zip/knee.yaml\n")
    rows, _ = read_rows(path)
    _, missing = without_missing_routines(rows, path)
    assert [str(p).removeprefix(str(path)) for p in missing] == [
        f":2: routine: routines.zip/knee.yaml: file not found (named by 1 row, none built; routines.zip is a zip file, "
        f"not a folder: {IN_A_ZIP})"
    ]


def test_a_routine_past_windows_260_characters_says_its_path_is_too_long(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows reads no file whose path is 260 characters or more (long paths not turned on) and says it is not found."""
    from handouts.batch import without_missing_routines
    from handouts.input import files

    monkeypatch.setattr(files, "WINDOWS", True)
    written = f"{'Knee routines ' * 12}/{'Week one ' * 12}/knee.yaml"
    path = _csv(tmp_path, f"patient,routine\nA,{written}\n")
    rows, _ = read_rows(path)
    _, missing = without_missing_routines(rows, path)
    assert len(missing) == 1 and "more than Windows reads unless long paths are turned on" in str(missing[0])


def test_routines_separated_by_commas_are_told_the_separator(tmp_path: Path) -> None:
    """A list saved with ';' between its columns (Excel in much of Europe) leaves a comma inside a cell: 'knee.yaml,
    hip.yaml' was 'file not found', a name no file has, though both routines sat beside the list."""
    from handouts.batch import without_missing_routines

    (tmp_path / "routines").mkdir()
    for name in ("knee.yaml", "routines/hip.yaml"):
        (tmp_path / name).write_text("id: x\n", encoding="utf-8")
    path = _csv(tmp_path, "patient;routine\nA;knee.yaml, routines/hip.yaml\n")
    rows, _ = read_rows(path)
    _, missing = without_missing_routines(rows, path)
    assert [str(p).removeprefix(str(path)) for p in missing] == [
        ":2: routine: knee.yaml, routines/hip.yaml: file not found (named by 1 row, none built; routines are separated "
        "by ';', not ',': write knee.yaml; routines/hip.yaml)"
    ]


def test_empty_cells_past_the_last_column_are_no_problem(tmp_path: Path) -> None:
    """Excel saves formatted but empty cells as trailing commas: 'Jo,k.yaml,,' was '4 cells but 2 columns (a comma
    too many?)' and the row was not built; an empty column without a heading was warned about as a column
    handouts does not read. A cell with text past the last column is still a problem."""
    from handouts.input.patients import read_patients

    path = _csv(tmp_path, "patient,routine,,\nJo,k.yaml,,\nAl,k.yaml, ,,\nSam,k.yaml,,,x\n")
    patients = read_patients(path)
    assert [row.patient for row in patients.rows] == ["Jo", "Al"]
    assert [str(p).removeprefix(str(path)) for p in patients.problems] == [":4: 5 cells but 4 columns (a comma too many?)"]
    assert patients.warnings == []


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_its_mark_is_read(tmp_path: Path, encoding: str) -> None:
    """UTF-16 without a byte order mark (PowerShell's Out-File, some exports) was read as UTF-8, a NUL between
    letters, so the whole file failed with 'patient: required column is missing'."""
    path = tmp_path / "patients.csv"
    path.write_bytes("patient,routine\r\nJosé Núñez,k.yaml\r\n".encode(encoding))
    rows, bad = read_rows(path)
    assert bad == [] and [row.patient for row in rows] == ["José Núñez"]


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
def test_utf32_with_its_mark_is_read(tmp_path: Path, encoding: str) -> None:
    """UTF-32's little-endian mark begins as UTF-16's does: the file was read as UTF-16, a NUL after every letter,
    and failed with 'patient: required column is missing' and an unknown heading for each column."""
    path = tmp_path / "patients.csv"
    path.write_bytes("\ufeffpatient,routine\r\nJosé Núñez,k.yaml\r\n".encode(encoding))
    rows, bad = read_rows(path)
    assert bad == [] and [row.patient for row in rows] == ["José Núñez"]


def test_a_list_marked_utf8_that_is_not_is_read_without_its_mark(tmp_path: Path) -> None:
    """A list with Excel's UTF-8 mark, then a Windows-1252 note (a row pasted in from another program), was read as
    Windows-1252 mark and all: its first heading was "ï»¿patient", and the whole list failed. The mark is left out,
    as the YAML reader leaves it out, and a byte no reading knows is said at its line."""
    path = tmp_path / "patients.csv"
    path.write_bytes(b"\xef\xbb\xbfpatient,routine,note\nJo Bloggs,k.yaml,Caf\xe9\n")
    rows, bad = read_rows(path)
    assert bad == [] and [(row.patient, row.note) for row in rows] == [("Jo Bloggs", "Caf\u00e9")]
    path.write_bytes(b"\xef\xbb\xbfpatient,routine,note\nJo,k.yaml,ok\nAl,k.yaml,\x81\x8d\n")
    with pytest.raises(InputError, match=re.escape(f"{path}:3: not UTF-8 text")):
        read_rows(path)


@pytest.mark.parametrize(("text", "first"), [("patient;date;routine;note\r", 2), ("sep=;\rpatient;date;routine;note\r", 3)])
def test_a_list_with_old_mac_line_ends_is_read(tmp_path: Path, text: str, first: int) -> None:
    """Excel for Mac's "CSV (Macintosh)" ends its lines with a carriage return alone: the header is the first
    line, not the whole file (whose notes' commas then outnumbered the semicolons)."""
    path = tmp_path / "patients.csv"
    path.write_bytes((text + "Jo Bloggs;2026-12-01;knee.yaml;a, b, c, d\rAl Bee;2026-12-02;knee.yaml;x\r").encode())
    rows, bad = read_rows(path)
    assert bad == []
    assert [(row.line, row.patient, row.note) for row in rows] == [(first, "Jo Bloggs", "a, b, c, d"), (first + 1, "Al Bee", "x")]


def test_a_date_written_month_first_in_a_day_first_list_is_refused(tmp_path: Path) -> None:
    """Babel swaps a day and a month when the month would be over 12: in a British list, 1/13/2026 (written
    the American way) was read as 13 January, so the same hand's 2/3/2026 was silently the 2nd of March."""
    records = "A,1/13/2026,k.yaml\nB,13/1/2026,k.yaml\nC,31/12/2026,k.yaml\n"
    rows, bad = read_rows(_csv(tmp_path, "patient,date,routine\n" + records))
    assert [row.date for row in rows] == [datetime.date(2026, 1, 13), datetime.date(2026, 12, 31)]
    assert [str(p).split(": ", 1)[1] for p in bad] == [
        "date: '1/13/2026' is not a date that exists (check the day and the month: en-GB writes 1 December 2026 as 01/12/2026)"
    ]


def test_a_date_is_read_in_the_order_its_language_writes_it_short(tmp_path: Path) -> None:
    """Babel reads a date in the order of a language's medium form unless told: Kannada writes 1 December
    2026 as 1/12/26 (day first) but its medium form starts with the month, so 2/3/2026 was 3 February."""
    (tmp_path / "k.yaml").write_text("language: kn\n", encoding="utf-8")
    rows, bad = read_rows(_csv(tmp_path, "patient,date,routine\nA,2/3/2026,k.yaml\n"))
    assert bad == [] and [row.date for row in rows] == [datetime.date(2026, 3, 2)]


def test_a_dos_end_of_file_mark_is_no_row(tmp_path: Path) -> None:
    """A list saved by an old DOS or Windows program ends with Ctrl-Z: it was read as one more row, which failed
    ('the patient's name prints nothing', 'no routine file given') and made the batch fail."""
    path = tmp_path / "patients.csv"
    path.write_bytes(b"patient,routine\r\nJo Bloggs,k.yaml\r\n\x1a")
    rows, bad = read_rows(path)
    assert bad == [] and [row.patient for row in rows] == ["Jo Bloggs"]


def test_a_routine_notepad_saved_as_text_is_named(tmp_path: Path) -> None:
    """A routine saved by Notepad as knee.yaml.txt shows as knee.yaml in Windows' Explorer: the list's row was
    'file not found' with the file in plain sight."""
    (tmp_path / "routines").mkdir()
    (tmp_path / "routines" / "knee.yaml.txt").write_text("id: knee\n", encoding="utf-8")
    from handouts.batch import without_missing_routines

    path = _csv(tmp_path, "patient,routine\nJo Bloggs,routines/knee.yaml\n")
    kept, missing = without_missing_routines(read_rows(path)[0], path)
    assert kept == []
    assert [str(p).removeprefix(str(path)) for p in missing] == [
        ":2: routine: routines/knee.yaml: file not found (named by 1 row, none built; there is routines/knee.yaml.txt: "
        "Windows hides its last part, .txt, so rename it to knee.yaml)"
    ]


def test_a_routine_named_in_other_capitals_is_warned_of_once_where_capitals_do_not_matter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a Mac or Windows the list's `Routines/Knee.yaml` finds routines/knee.yaml and the batch built; shared
    with a Linux computer, every row naming it failed. Simulated: the name as written finds the file, and the
    folder's listing gives it as saved."""
    import os

    from handouts.input.patients import read_patients

    (tmp_path / "Routines").mkdir()
    (tmp_path / "Routines" / "Knee.yaml").write_text("id: knee\n", encoding="utf-8")
    path = _csv(tmp_path, "patient,routine\nJo Bloggs,Routines/Knee.yaml\nAl Smith,Routines/Knee.yaml\n")
    assert read_patients(path).warnings == []  # as saved
    listed = os.listdir
    saved = {"Routines": "routines", "Knee.yaml": "knee.yaml"}  # the names a case-insensitive system lists
    monkeypatch.setattr(os, "listdir", lambda folder=".": [saved.get(name, name) for name in listed(folder)])
    assert [warning.with_kind() for warning in read_patients(path).warnings] == [
        f"{path}:2: routine: Routines/Knee.yaml is saved as routines/knee.yaml: found here, where capitals in file "
        "names do not matter, but not on Linux, where they do (a folder shared through git or a server, say): write "
        "routines/knee.yaml [name-case]"
    ]


MAC_LIST = "patient,routine,note\nJürgen Müller,k.yaml,Don’t rush – slowly\nJosé Núñez,k.yaml,\nAoife Ní Bhriain,k.yaml,\n"


@pytest.mark.parametrize(
    ("text", "encoding", "said"),
    [
        (MAC_LIST, "mac_roman", "Mac Roman (Excel for Mac's plain 'CSV')"),
        ("patient,routine\nFrançois Hélène,k.yaml\n", "mac_roman", "Mac Roman (Excel for Mac's plain 'CSV')"),
        (MAC_LIST, "cp1252", "Windows-1252 (Excel's plain 'CSV')"),
        ("patient,routine,note\nJo O’Brien,k.yaml,“Gentle” – twice…\nÇelik Ömer,k.yaml,\n", "cp1252", "Windows-1252"),
        # Word's dashes joining two words of a note: an n-tilde read the Mac way ('kneeñhip'), but in no name
        ("patient,routine,note\nJo Bloggs,k.yaml,Warm up knee–hip—gently\n", "cp1252", "Windows-1252"),
        ("patient,routine,note\nJo Bloggs,k.yaml,Warm up knee–hip—gently\n", "mac_roman", "Mac Roman"),
    ],
)
def test_a_list_saved_by_excel_for_mac_as_plain_csv_keeps_its_names(tmp_path: Path, text: str, encoding: str, said: str) -> None:
    """Excel for Mac saves a plain 'Comma Separated Values' file in Mac Roman, and it was read as Windows-1252:
    'Jürgen Müller' printed on his handout as 'J\u0178rgen M\u0178ller' and 'José Núñez' as 'Jos\u017d N\u0153\u2013ez',
    with only a note that a name might print wrongly; 'François' was 'not UTF-8 text'. Windows' own files
    (curly quotes and dashes too) are read as before."""
    from handouts.input.patients import read_patients

    path = tmp_path / "patients.csv"
    path.write_bytes(text.encode(encoding))
    patients = read_patients(path)
    cells = [[*line.split(","), ""][:3] for line in text.splitlines()[1:]]
    assert [(row.patient, row.note) for row in patients.rows] == [(name, note or None) for name, _, note in cells]
    assert patients.problems == []
    assert len(patients.warnings) == 1 and f"not UTF-8, so read as {said}" in str(patients.warnings[0])


def test_a_workbook_named_as_a_csv_file_says_how_to_save_it(tmp_path: Path) -> None:
    """A list kept in Excel as .xlsx and renamed patients.csv (or saved so by a name typed with .csv) was read
    as text: 'column 1: unknown column heading', 'patient: required column is missing'."""
    import zipfile

    path = tmp_path / "patients.csv"
    with zipfile.ZipFile(path, "w") as workbook:
        workbook.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError) as caught:
        read_rows(path)
    assert str(caught.value) == (
        f"{path}: is a Word or Excel file, not plain text: in Excel, choose Save as, 'CSV UTF-8 (Comma delimited)'"
    )


def test_a_date_excel_shows_with_the_months_name_is_read(tmp_path: Path) -> None:
    """Excel shows a date typed '1 Dec 2026' as 01-Dec-26 and saves it so in a plain CSV: the row failed with
    'expected a date as YYYY-MM-DD or as en-GB writes it (01/12/2026)'. A day the month does not have is still
    refused, as 31/02/2026 is."""
    records = "A,01-Dec-26,k.yaml\nB,1 December 2026,k.yaml\nC,2 Dec. 2026,k.yaml\nD,31-Feb-26,k.yaml\n"
    rows, bad = read_rows(_csv(tmp_path, "patient,date,routine\n" + records))
    assert [(row.patient, row.date) for row in rows] == [
        ("A", datetime.date(2026, 12, 1)),
        ("B", datetime.date(2026, 12, 1)),
        ("C", datetime.date(2026, 12, 2)),
    ]
    assert [str(p).split(": ", 1)[1] for p in bad] == ["date: '31-Feb-26' is not a date that exists (check the day)"]


def test_a_date_exported_with_the_time_of_midnight_is_read(tmp_path: Path) -> None:
    """A clinic system's export, or a spreadsheet column of dates kept as dates and times, writes
    '2026-12-01 00:00:00' or '01/12/2026 00:00': each row failed with 'expected a date as YYYY-MM-DD'. A
    column Excel shows as numbers (46357 for 1 December 2026) is said to be one, with how to show it as dates."""
    records = "A,2026-12-01 00:00:00,k.yaml\nB,01/12/2026 00:00,k.yaml\nC,2026-12-01T00:00:00.000,k.yaml\nD,46357,k.yaml\n"
    rows, bad = read_rows(_csv(tmp_path, "patient,date,routine\n" + records))
    assert [(row.patient, row.date) for row in rows] == [(name, datetime.date(2026, 12, 1)) for name in "ABC"]
    assert [str(p).split(": ", 1)[1] for p in bad] == [
        "date: '46357' is a number, as Excel keeps a date: format the column as dates (Format Cells, Date) and save it again"
    ]


def test_a_date_cell_longer_than_any_date_is_said_at_once(tmp_path: Path) -> None:
    """A note pasted into the date columns, or a cell of spaces, was matched against each form of date at each
    of its characters: 20,000 characters took seconds for each column of each row. It is said by its length."""
    long = "1" + " " * 20_000 + "1"
    rows, bad = read_rows(_csv(tmp_path, f'patient,date,next_appointment,routine\nA,"{long}","{long}",k.yaml\n'))
    assert rows == []
    said = "expected a date as YYYY-MM-DD or as en-GB writes it (01/12/2026), got 20,002 characters"
    assert [str(p).split(": ", 1)[1] for p in bad] == [f"date: {said}", f"next_appointment: {said}"]
    assert dates.parse("30 September 2026 00:00:00", "en-GB") == datetime.date(2026, 9, 30)  # a long date is read


def test_a_row_naming_routines_by_the_thousand_is_refused_at_once(tmp_path: Path) -> None:
    """A routine cell pasted over and over (an 8 MB list holds a million names in one cell): each name was
    compared with every other to find one named twice, and reading the list took hours. A row names at most
    fifty routines; one named twice is still said."""
    many = ";".join(f"r{n}.yaml" for n in range(51))
    rows, bad = read_rows(_csv(tmp_path, f"patient,routine\nJo,{many}\nAl,k.yaml;sub/../k.yaml\nBo,k.yaml;h.yaml\n"))
    assert [row.patient for row in rows] == ["Bo"]
    assert [str(p).split(": ", 1)[1] for p in bad] == [
        "routine: 51 routine files in one row; at most 50",
        "routine: k.yaml is named twice in this row: name each routine once",
    ]


def test_a_list_of_dashes_between_letters_is_read_at_once(tmp_path: Path) -> None:
    """A cell of 100,000 dashes each between two letters ('a-a-a...', en dashes in Windows-1252): finding whether each dash
    stood in a name walked back to the start of its word, the whole cell, from every dash, and reading the list
    took hours. It is read, as Windows-1252."""
    from handouts.input.patients import read_patients

    cell = "a\u2013" * 100_000 + "a.yaml"
    (tmp_path / "patients.csv").write_bytes(f"patient,routine\nJo,{cell}\n".encode("cp1252"))
    patients = read_patients(tmp_path / "patients.csv")
    assert [str(warning).split(": ", 1)[1].split(";")[0] for warning in patients.warnings] == [
        "not UTF-8, so read as Windows-1252 (Excel's plain 'CSV')"
    ]


def test_a_month_and_year_without_a_day_is_no_date(tmp_path: Path) -> None:
    """A cell Excel shows as "December 2026" (its "mmmm yyyy" format) names a month, not a day: it was read as
    20 December 2026, the year's first two digits taken for the day, and that date printed without a word."""
    records = 'A,December 2026,k.yaml\nB,Jan 2027,k.yaml\nC,"Dec 1,2026",k.yaml\n'
    rows, bad = read_rows(_csv(tmp_path, "patient,date,routine\n" + records))
    assert [(row.patient, row.date) for row in rows] == [("C", datetime.date(2026, 12, 1))]
    assert [str(p).split(": ", 1)[1].split(", got")[0] for p in bad] == [
        "date: expected a date as YYYY-MM-DD or as en-GB writes it (01/12/2026)"
    ] * 2


def test_an_appointment_written_with_the_months_name_and_a_time_is_read(tmp_path: Path) -> None:
    """'1 Dec 2026 14:30' was cut at its first space, so the row failed with "got '1'", though 01-Dec-26 14:30
    was read; a time that is no time is still refused as one."""
    records = 'A,k.yaml,1 Dec 2026 14:30\nB,k.yaml,"Dec 1, 2026 9:15"\nC,k.yaml,1 December 2026\nD,k.yaml,1 Dec 2026 25:00\n'
    rows, bad = read_rows(_csv(tmp_path, "patient,routine,next_appointment\n" + records))
    assert [(row.patient, row.next_appointment) for row in rows] == [
        ("A", datetime.datetime(2026, 12, 1, 14, 30)),
        ("B", datetime.datetime(2026, 12, 1, 9, 15)),
        ("C", datetime.date(2026, 12, 1)),
    ]
    assert [str(p).split(": ", 1)[1].split(", got")[0] for p in bad] == [
        "next_appointment: expected a time as HH:MM or on the 12-hour clock (2:30 PM) after the date"
    ]


def test_an_appointment_time_with_a_dot_is_refused_not_read_as_the_hour(tmp_path: Path) -> None:
    """'2026-12-01 14.30' (as German, Danish and many British sheets write a time) was read as ISO's 14 hours
    and 0.30 of a second, so the sheet printed 14:00, and '9.15' 9:00: the patient was told the wrong time."""
    records = "A,k.yaml,2026-12-01 14.30\nB,k.yaml,2026-12-01 9.15\nC,k.yaml,2026-12-01 14:30\n"
    rows, bad = read_rows(_csv(tmp_path, "patient,routine,next_appointment\n" + records))
    assert [(row.patient, row.next_appointment) for row in rows] == [("C", datetime.datetime(2026, 12, 1, 14, 30))]
    assert [str(p).split(": ", 1)[1] for p in bad] == [
        f"next_appointment: expected a time as HH:MM or on the 12-hour clock (2:30 PM) after the date, got {typed!r}"
        for typed in ("2026-12-01 14.30", "2026-12-01 9.15")
    ]


@pytest.mark.parametrize(("typed", "said"), [("C:\\clinic\\knee.yaml", "C:/clinic/knee.yaml"), ("../knee.yaml", "../knee.yaml")])
def test_a_routine_outside_the_list_or_on_a_windows_drive_is_named_as_written(tmp_path: Path, typed: str, said: str) -> None:
    r"""A list made on Windows used on a Mac: C:\clinic\knee.yaml was a folder 'C:' beside the list, not found.
    The routine is named as written (backslashes as /): 'knee.yaml is outside' named a file that may well be
    beside the list, and not the folder to copy it from."""
    (tmp_path / "knee.yaml").write_text("id: knee\n", encoding="utf-8")
    rows, bad = read_rows(_csv(tmp_path, f"patient,routine\nJo,{typed}\n"))
    assert rows == []
    assert [str(p).split(": ", 1)[1] for p in bad] == [
        f"routine: {said} is outside the folder of patients.csv: files are only read from that folder and its "
        "subfolders, so copy it there"
    ]


@pytest.mark.parametrize(
    ("text", "line"), [("patient,routine\n", 1), ("patient,routine\n,\n\n,,\n", 1), ("\n,,\npatient,routine\n", 3)]
)
def test_a_list_of_no_patients_is_an_error_not_nothing_built(tmp_path: Path, text: str, line: int) -> None:
    """Said at the header row's line, as every problem names its line (it named none)."""
    with pytest.raises(InputError) as caught:  # a therapist who exported an empty list learns nothing was printed
        read_rows(_csv(tmp_path, text))
    said = f"{tmp_path / 'patients.csv'}:{line}: no patients: the file has a header row but no rows under it"
    assert str(caught.value) == said


def test_a_date_exported_with_a_time_of_day_is_read_and_a_wrong_time_said(tmp_path: Path) -> None:
    """A date column kept as dates and times ('2026-03-01 14:30', '01/03/2026 09:15:00' as Excel exports it)
    failed with 'expected a date as YYYY-MM-DD' unless the time was midnight, and a time after a short date was
    not checked at all: '1/13/2026 09:15' (month first, in a British list) was read as 13 January. The day is read,
    the time left out; a time that is no time of day is said to be so."""
    records = (
        "A,2026-03-01 14:30,k.yaml\nB,01/03/2026 09:15:00,k.yaml\nC,2026-03-01T14:30:00,k.yaml\n"
        "D,1 Mar 2026 2:30:00 PM,k.yaml\nE,01/03/2026 25:30,k.yaml\nF,1/13/2026 09:15,k.yaml\n"
    )
    rows, bad = read_rows(_csv(tmp_path, "patient,date,routine\n" + records))
    assert [(row.patient, row.date) for row in rows] == [(name, datetime.date(2026, 3, 1)) for name in "ABCD"]
    assert [str(p).split(": ", 1)[1] for p in bad] == [
        "date: '01/03/2026 25:30' has a time after the date that is no time of day (25:30): write the date alone",
        "date: '1/13/2026 09:15' is not a date that exists (check the day and the month: "
        "en-GB writes 1 December 2026 as 01/12/2026)",
    ]


def test_an_appointment_in_iso_form_keeps_its_seconds_time(tmp_path: Path) -> None:
    """An ISO date and time with seconds (2026-12-10T10:30:00) is an appointment at 10:30, not a day alone."""
    rows, bad = read_rows(_csv(tmp_path, "patient,routine,next_appointment\nA,k.yaml,2026-12-10T10:30:00\n"))
    assert bad == [] and [row.next_appointment for row in rows] == [datetime.datetime(2026, 12, 10, 10, 30)]


def test_a_routine_named_with_a_colon_is_said_to_be_no_windows_name(tmp_path: Path) -> None:
    """'a:b.yaml' in a list was 'outside the folder' on a Mac, and drive A's b.yaml on Windows."""
    rows, bad = read_rows(_csv(tmp_path, "patient,routine\nJo,a:b.yaml\n"))
    assert rows == []
    assert [str(p).split(": ", 1)[1] for p in bad] == [
        "routine: 'a:b.yaml' has a colon (:) in it, which no file name on Windows may have (it reads 'a:' at a name's "
        "start as drive A): rename the file without it"
    ]


def test_a_routine_named_with_a_character_windows_forbids_is_said_so(tmp_path: Path) -> None:
    """'knee|2.yaml', a name a Mac allows, was read there and 'file not found' on Windows, which cannot hold it."""
    (tmp_path / "knee|2.yaml").write_text("id: knee\n", encoding="utf-8")
    rows, bad = read_rows(_csv(tmp_path, "patient,routine\nJo,knee|2.yaml\n"))
    assert rows == []
    assert [str(p).split(": ", 1)[1] for p in bad] == [
        "routine: 'knee|2.yaml' has | in it, which no file name on Windows may have: rename the file without it"
    ]


@pytest.mark.parametrize("cell", ["routines/*.yaml", "routines/knee?.yaml", "routines/[kh]nee.yaml", "routines/*"])
def test_a_routine_named_by_a_pattern_is_said_to_be_one(tmp_path: Path, cell: str) -> None:
    """A pattern was told to 'rename the file without *' (or, without .yaml at its end, that the cell is other
    text): there is no file to rename. A routine file whose name has brackets is read as it is."""
    (tmp_path / "routines").mkdir()
    (tmp_path / "routines" / "knee.yaml").write_text("id: knee\n", encoding="utf-8")
    (tmp_path / "routines" / "knee [v2].yaml").write_text("id: knee\n", encoding="utf-8")
    rows, bad = read_rows(_csv(tmp_path, f"patient,routine\nJo,{cell}\nAl,routines/knee [v2].yaml\n"))
    assert [row.patient for row in rows] == ["Al"]
    assert [str(p).split(": ", 1)[1] for p in bad] == [
        f"routine: {cell!r} is a pattern, and no file has that name: a patient's row names each of its routine files "
        "by its whole name (several separated by ';'), not by a pattern"
    ]


@pytest.mark.parametrize("cell", ["Any pain? Call Jo", "Jo Bloggs*", "walk 1/2 mile?"])
def test_other_text_with_a_question_mark_or_star_is_not_said_to_be_a_pattern(tmp_path: Path, cell: str) -> None:
    """A routine cell holding a note or a name (its row's columns shifted) with a '?' or '*' in it was called a
    pattern and repeated in the message ("'Any pain? Call Jo' is a pattern…"), though what a shifted row holds
    may be a patient's name or note, never repeated. A pattern names routine files: it ends in .yaml or '*'."""
    rows, bad = read_rows(_csv(tmp_path, f"patient,routine\nJo,{cell}\n"))
    assert not rows
    assert [str(p).split(": ", 1)[1] for p in bad] == [
        "routine: expected content files ending in .yaml, separated by ';', got other text (not repeated here: if the "
        "columns have shifted, it may be a name)"
    ]


def test_a_date_cell_with_more_than_a_date_is_refused_not_cut(tmp_path: Path) -> None:
    """Babel reads the first three numbers of any text: '1/3/2026 - 5/3/2026' (a range) and '01/03/2026 moved'
    printed 1 March 2026, the rest dropped without a word. A short date is read only when it is all there is;
    Bulgarian's year sign after its short date is still read."""
    records = "A,1/3/2026 - 5/3/2026,k.yaml\nB,01/03/2026 moved,k.yaml\nC,01/03/2026 12,k.yaml\nD,01/03/2026,k.yaml\n"
    rows, bad = read_rows(_csv(tmp_path, "patient,date,routine\n" + records))
    assert [(row.patient, row.date) for row in rows] == [("D", datetime.date(2026, 3, 1))]
    expected = "date: expected a date as YYYY-MM-DD or as en-GB writes it (01/12/2026), got"
    assert [str(p).split(": ", 1)[1] for p in bad] == [
        f"{expected} '1/3/2026 - 5/3/2026'",
        f"{expected} other text (not repeated here: if the columns have shifted, it may be a name)",
        f"{expected} '01/03/2026 12'",
    ]
    assert dates.parse("1.12.26 г.", "bg") == datetime.date(2026, 12, 1)


def test_a_date_with_its_weekday_a_dotted_time_or_a_time_zone_is_read(tmp_path: Path) -> None:
    """A date cell as clinic systems and spreadsheets export it: with the day of the week ('Sun 01/03/2026',
    Excel's long date 'Sunday, 1 March 2026', '01/03/2026 (Sun)'), a time as Danish and Finnish write it
    ('01.03.2026 14.30') or French people do ('14h30'), or a time zone ('2026-03-01T14:30:00Z', '+01:00'). The
    first three were read before the date cell had to be a date alone, and were then refused; the rest never
    were. A day of the week that is not the date's is said: it shows a day and month read the other way round."""
    records = (
        'A,Sun 01/03/2026,k.yaml\nB,"Sunday, 1 March 2026",k.yaml\nC,01/03/2026 (Sun),k.yaml\n'
        "D,01.03.2026 14.30,k.yaml\nE,01/03/2026 14h30,k.yaml\nF,2026-03-01T14:30:00Z,k.yaml\n"
        "G,2026-03-01 14:30:00 +01:00,k.yaml\nH,Mon 01/03/2026,k.yaml\nI,01/03/2026 09:15 (Sun),k.yaml\n"
    )
    rows, bad = read_rows(_csv(tmp_path, "patient,date,routine\n" + records))
    assert [(row.patient, row.date) for row in rows] == [(name, datetime.date(2026, 3, 1)) for name in "ABCDEFGI"]
    assert [str(p).split(": ", 1)[1] for p in bad] == [
        "date: other text (not repeated here: if the columns have shifted, it may be a name) names another day of "
        "the week than its date, Sunday, 1 March 2026 in en-GB: check the day and the month"
    ]
    with pytest.raises(dates.DateError, match="Saturday, January 3, 2026 in en-US"):
        dates.parse("Sun 01/03/2026", "en-US")  # was 3 January, said nothing


def test_an_appointment_with_a_time_a_date_column_may_have_keeps_it_or_says_it(tmp_path: Path) -> None:
    """A time read in a date cell and left out there is never left out of an appointment: '10/12/2026T14:30' is
    at 14:30, and '10.12.2026 14.30' (a time not read as an appointment's) is said to be no time."""
    assert dates.appointment("10/12/2026T14:30", "en-GB") == datetime.datetime(2026, 12, 10, 14, 30)
    assert dates.appointment("Thu 10/12/2026 14:30", "en-GB") == datetime.datetime(2026, 12, 10, 14, 30)
    with pytest.raises(dates.DateError, match="expected a time as HH:MM"):
        dates.appointment("10.12.2026 14.30", "da")
    for zoned in ("2026-12-10T10:30:00Z", "2026-12-10 10:30 +01:00"):  # not 10:30 on the clinic's clock
        with pytest.raises(dates.DateError, match="has a time zone after its time: write the time as the clinic's clock"):
            dates.appointment(zoned, "en-GB")


def test_a_routine_named_with_a_dot_at_its_end_is_told_to_delete_it(tmp_path: Path) -> None:
    """`knee.yaml.` (typed as a sentence ends) finds knee.yaml on Windows, which leaves out a dot ending a name, but
    the row was told only "expected content files ending in .yaml, got other text (… it may be a name)", about a
    cell that ends in .yaml as far as the therapist can see. It names the dot, and a cell that is no routine's
    name is still not repeated."""
    (tmp_path / "knee.yaml").write_text("id: knee\n", encoding="utf-8")
    path = _csv(tmp_path, "patient,routine\nJo Bloggs,knee.yaml.\nAl Smith,knee.yaml; Al Smith\n")
    _, bad = read_rows(path)
    assert [str(problem).removeprefix(str(path)) for problem in bad] == [
        ":2: routine: 'knee.yaml.' ends with a dot: Windows ignores a dot or a space at the end of a name, a Mac and "
        "Linux do not: delete it",
        ":3: routine: expected content files ending in .yaml, separated by ';', got other text (not repeated here: if "
        "the columns have shifted, it may be a name)",
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("1 de diciembre de 2026", "es"),
        ("martes, 1 de diciembre de 2026", "es"),  # Excel's long date in Spanish
        ("1 de dezembro de 2026", "pt"),
        ("terça-feira, 1 de dezembro de 2026", "pt-BR"),
        ("terça, 1 de dezembro de 2026", "pt-BR"),  # the weekday without "-feira", as Brazilians write it
        ("1 de dez. de 2026", "pt"),
        ("1 de diciembre del 2026", "es-MX"),  # "del" before the year, as Mexico writes it
        ("1 desembre del 2026", "ca"),
        ("1 de desembre del 2026", "ca"),  # as Catalan's long date writes it: the month's name after 'de'
        ("dimarts, 1 de desembre del 2026", "ca"),
        ("dt., 1 de des. del 2026", "ca"),
    ],
)
def test_a_date_written_long_with_the_languages_own_words_between_its_parts_is_read(text: str, language: str) -> None:
    """Spanish, Portuguese and Catalan write a date with its month's name with a word between its parts ('1 de
    diciembre de 2026', as the sheet itself prints it, and Excel's long date in those languages): it was refused
    as no date, where '1 December 2026' and '1 grudnia 2026' were read. A word the language does not write there
    is still no date."""
    assert dates.parse(text, language) == datetime.date(2026, 12, 1)
    with pytest.raises(dates.DateError):
        dates.parse("1 de diciembre de 2026", "en-GB")
    with pytest.raises(dates.DateError, match="terça-feira, 1 de dezembro de 2026 in pt-BR"):
        dates.parse("segunda, 1 de dezembro de 2026", "pt-BR")  # a weekday, shortened, that is not the date's


@pytest.mark.parametrize(
    ("text", "language"),
    [
        *[("1st December 2026", "en-GB"), ("Tue 1st Dec 2026", "en-GB"), ("December 1st, 2026", "en-US")],
        *[("1er décembre 2026", "fr"), ("1º dicembre 2026", "it"), ("1º de dezembro de 2026", "pt-BR")],
        ("1.º de dezembro de 2026", "pt"),
    ],
)
def test_the_first_of_a_month_written_as_an_ordinal_is_read(text: str, language: str) -> None:
    """A front desk types "1st December 2026", and French and Italian sheets print the first of a month as
    "1er décembre" and "1º dicembre": each was refused as no date. A day that does not exist is still said so."""
    assert dates.parse(text, language) == datetime.date(2026, 12, 1)
    with pytest.raises(dates.DateError, match="not a date that exists"):
        dates.parse("31st February 2026", "en-GB")


@pytest.mark.parametrize("text", ["1 d’octubre del 2026", "1 d'octubre del 2026", "dijous, 1 d’octubre del 2026"])
def test_a_catalan_month_after_d_apostrophe_is_read(text: str) -> None:
    """Catalan writes 'de' before a month's name, elided before a vowel ('1 d\u2019octubre del 2026', as the
    language's own long date does; typed with a keyboard's straight apostrophe too): it was refused as no date."""
    assert dates.parse(text, "ca") == datetime.date(2026, 10, 1)
