"""The front desk: CSV files as Excel and people write them, through `handouts batch`, and the example list."""

from __future__ import annotations

import datetime
import os
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from conftest import ROOT, flat, pdf_text, run

from handouts import batch as batching
from handouts.input.options import Options, name_slug
from handouts.input.patients import Row

HEADER = "patient,date,routine,large_print,paper,note"


def batch(workdir: Path, text: bytes, *extra: str) -> tuple[int, str]:
    (workdir / "patients.csv").write_bytes(text)
    return run(
        "batch",
        str(workdir / "patients.csv"),
        "--brand",
        str(workdir / "brand.yaml"),
        "--out",
        str(workdir / "out"),
        "--workers",
        "1",
        *extra,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("semicolons", b"patient;date;routine;large_print;paper;note\nJo Bloggs;2026-12-01;content.yaml;no;;Gently\n"),
        ("tabs", b"patient\tdate\troutine\nJo Bloggs\t2026-12-01\tcontent.yaml\n"),
        ("byte order mark", ("\ufeff" + HEADER + "\nJo Bloggs,2026-12-01,content.yaml,no,,\n").encode()),
        ("UK date", (HEADER + "\nJo Bloggs,01/12/2026,content.yaml,no,,\n").encode()),
        ("Windows line ends", (HEADER + "\r\nJo Bloggs,2026-12-01,content.yaml,no,,\r\n").encode()),
    ],
)
def test_csv_as_people_make_it(workdir: Path, name: str, text: bytes) -> None:
    code, output = batch(workdir, text)
    assert code == 0, output
    handout = workdir / "out" / "001-jo-bloggs" / "knee-self-massage-handout-jo-bloggs-2026-12-01.pdf"
    assert "Prepared for Jo Bloggs on 1 December 2026" in flat(pdf_text(handout))
    assert (workdir / "out" / "001-jo-bloggs" / "jo-bloggs-2026-12-01-print.pdf").exists()
    assert "Jo" not in output and "Bloggs" not in output


@pytest.mark.slow
def test_a_note_keeps_its_line_breaks(workdir: Path) -> None:
    code, output = batch(workdir, (HEADER + '\nJo Bloggs,2026-12-01,content.yaml,no,,"5 reps.\nEvening: 3 reps."\n').encode())
    assert code == 0, output
    text = pdf_text(workdir / "out" / "001-jo-bloggs" / "knee-self-massage-handout-jo-bloggs-2026-12-01.pdf")
    assert "5 reps.\nEvening: 3 reps." in text


@pytest.mark.slow
def test_a_repeated_row_is_a_warning_of_its_kind_that_says_what_to_do(workdir: Path) -> None:
    """A repeated row was "row 2 repeats row 1 (…): built twice": no advice, and no kind, so neither --suppress nor
    brand.yaml's suppress_warnings could silence it, as they do every other warning."""
    rows = (HEADER + "\nJo Bloggs,2026-12-01,content.yaml,no,,\njo bloggs,2026-12-01,content.yaml,no,,\n").encode()
    code, output = batch(workdir, rows)
    said = (
        f"warning: {workdir / 'patients.csv'}:3: row 2 repeats row 1 (the same patient, routines and date), so it is "
        "built twice: delete the repeat, or give the row its own date if it is another visit [repeated-row]\n"
    )
    assert code == 0 and said in output, output
    code, output = batch(workdir, rows, "--suppress", "repeated-row")
    assert code == 0 and "repeats row" not in output, output
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8") + "suppress_warnings: [repeated-row]\n", encoding="utf-8")
    code, output = batch(workdir, rows)
    assert code == 0 and "repeats row" not in output, output


NOT_SAID = "not repeated here: if the columns have shifted, it may be a name"


@pytest.mark.parametrize(("count", "more"), [(11, "1 more row"), (13, "3 more rows")])
def test_a_problem_many_rows_share_is_counted_after_its_file_line_and_column(workdir: Path, count: int, more: str) -> None:
    """The line that counts the rows beyond the first ten with one problem read 'patients.csv:12: and 3 more rows
    from here on: large_print: expected yes or no, …': the column after the count, not after the file and line as
    in every other line. It now reads as they do, the count at its end."""
    code, output = batch(workdir, (HEADER + "\n" + "Jo Bloggs,2026-12-01,content.yaml,twice a day,,\n" * count).encode())
    said = f"{workdir / 'patients.csv'}:12: large_print: expected yes or no, got other text ({NOT_SAID})"
    said += f" (and {more} from here on)"
    assert code == 1 and f"error: {said}\n" in output, output
    assert len([line for line in output.splitlines() if "large_print" in line]) == 11, output


COLUMNS = "patient, routine, date, large_print, paper, note, therapist, next_appointment, duplex"
LEFT_OUT = f"not a column handouts reads (columns: {COLUMNS})"


def test_the_encoding_note_and_the_columns_left_out_have_kinds_to_suppress(workdir: Path) -> None:
    """A patients list's note that it is not UTF-8 and its warning of columns left out had no kind in brackets, so
    neither --suppress nor brand.yaml's suppress_warnings could silence them, as they do every other warning. (The
    row's date does not exist, so nothing is built: the warnings are said before any row is.)"""
    rows = "patient,routine,date,phone\nJosé Núñez,content.yaml,31/02/2026,0123\n".encode("cp1252")
    code, output = batch(workdir, rows)
    csv = workdir / "patients.csv"
    said = [
        f"warning: {csv}: not UTF-8, so read as Windows-1252 (Excel's plain 'CSV'); if a name prints wrongly, save it as "
        "'CSV UTF-8' [csv-encoding]",
        f"warning: {csv}:1: phone: {LEFT_OUT}, so it is left out [extra-column]",
    ]
    assert code == 1 and all(f"{line}\n" in output for line in said), output
    code, output = batch(workdir, rows, "--suppress", "csv-encoding", "--suppress", "extra-column")
    assert code == 1 and "warning:" not in output and f"error: {csv}:2: date: " in output, output
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8") + "suppress_warnings: [csv-encoding, extra-column]\n", encoding="utf-8")
    code, output = batch(workdir, rows)
    assert code == 1 and "warning:" not in output and f"error: {csv}:2: date: " in output, output


def test_excels_plain_csv_is_read_as_windows_1252_with_a_note(workdir: Path) -> None:
    code, output = batch(workdir, (HEADER + "\nJosé Núñez,2026-12-01,content.yaml,no,,\n").encode("cp1252"))
    assert code == 0, output
    assert f"warning: {workdir / 'patients.csv'}: not UTF-8, so read as Windows-1252 (Excel's plain 'CSV')" in output
    handout = workdir / "out" / "001-jose-nunez" / f"knee-self-massage-handout-{name_slug('José Núñez')}-2026-12-01.pdf"
    assert "Prepared for José Núñez on 1 December 2026" in flat(pdf_text(handout))
    assert "Jos" not in output and "ez," not in output


def test_a_file_neither_utf8_nor_windows_1252_is_a_clear_error(workdir: Path) -> None:
    code, output = batch(workdir, (HEADER + "\nJo,2026-12-01,content.yaml,no,,\x81\x8d\n").encode("latin-1"))
    assert code == 1
    assert f"error: {workdir / 'patients.csv'}:2: not UTF-8 text: in Excel, save it as 'CSV UTF-8 (Comma delimited)'" in output


def test_excels_unicode_text_is_read(workdir: Path) -> None:
    text = "patient\tdate\troutine\r\nZoë Brontë\t2026-12-01\tcontent.yaml\r\n"
    code, output = batch(workdir, text.encode("utf-16"))  # with its byte order mark, as Excel saves it
    assert code == 0, output
    assert (workdir / "out" / "001-zoe-bronte").is_dir()


def test_folders_are_named_for_people_of_any_script(workdir: Path) -> None:
    text = HEADER + "\nŁukasz Khan,2026-12-01,content.yaml,no,,\nZoë O'Brien,2026-12-01,content.yaml,no,,\n"
    code, output = batch(workdir, text.encode())
    assert code == 0, output
    assert sorted(p.name for p in (workdir / "out").iterdir()) == ["001-lukasz-khan", "002-zoe-o-brien"]


@pytest.mark.slow
def test_errors_come_in_the_files_order_and_a_missing_brand_once(workdir: Path) -> None:
    rows = [f"Patient {n},2026-12-01,content.yaml,{'maybe' if n in (5, 50) else 'no'},," for n in range(1, 60)]
    code, output = batch(workdir, "\n".join([HEADER, *rows, ""]).encode(), "--workers", "2")
    errors = [line for line in output.splitlines() if line.startswith("error: ")]
    assert code == 1 and [error.split(":")[2] for error in errors] == ["6", "51"]  # line 6 before line 51
    (workdir / "brand.yaml").unlink()
    code, output = batch(workdir, "\n".join([HEADER, *rows, ""]).encode())
    assert code == 1
    assert output.count("brand.yaml: file not found") == 1 and "building" not in output


def test_the_example_list_builds_one_print_file_per_patient(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    code, output = run(
        "batch", str(tmp_path / "examples" / "patients.csv"), "--brand", str(ROOT / "brand.yaml"), "--out", str(tmp_path / "out")
    )
    assert code == 1  # its last row has a date that does not exist, on purpose
    assert "patients.csv:6: date: '31/02/2026' is not a date that exists" in output and "built 3 patients" in output
    folders = sorted((tmp_path / "out").iterdir())
    assert [folder.name for folder in folders] == ["001-jo-bloggs", "002-lukasz-khan", "003-aoife-ni-bhriain"]
    assert all(len(list(folder.glob("*-print.pdf"))) == 1 for folder in folders)


def test_a_handout_asked_on_a3_says_what_it_printed_on(workdir: Path) -> None:
    """Build and check say it alike: check, which builds in memory what build would, said nothing of it."""
    said = "note: --paper A3 is for posters: the handouts are printed on A4, the brand's paper"
    args = ["--brand", str(workdir / "brand.yaml"), "--paper", "A3"]
    code, output = run("build", str(workdir / "content.yaml"), *args, "--out", str(workdir / "out"))
    assert code == 0, output
    assert output.count(said) == 1
    code, output = run("check", str(workdir / "content.yaml"), *args)
    assert code == 0, output
    assert output.count(said) == 1
    code, output = run("check", str(workdir / "content.yaml"), *args, "--only", "poster")  # no handout: nothing to say
    assert code == 0, output
    assert "is for posters" not in output


def test_a_colour_without_its_hash_is_read(workdir: Path) -> None:
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace('primary: "#14545C"', "primary: 7a1fa2"), encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(brand))
    assert code == 0, output


@pytest.mark.slow
@pytest.mark.parametrize("fallback", ["font: {fallback: [boxes.ttf]}", "fonts: {fallback: [boxes.ttf]}"])
def test_a_name_in_another_script_needs_a_fallback_font(workdir: Path, fallback: str) -> None:
    """A tiny test font (tests/fixtures/boxes.ttf) stands in for a real CJK font such as Noto Sans SC. The
    fallback fonts are read under `font` (the README's form) or `fonts` (the design's), which was refused."""
    text = HEADER + "\n李伟,2026-12-01,content.yaml,no,,\n"
    code, output = batch(workdir, text.encode())
    assert code == 1
    assert "row 1: column patient: 2 of its characters are in no configured font" in output
    assert "李" not in output and "伟" not in output
    shutil.copy(ROOT / "tests" / "fixtures" / "boxes.ttf", workdir / "boxes.ttf")
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8") + fallback + "\n", encoding="utf-8")
    code, output = batch(workdir, text.encode())
    assert code == 0, output
    handout = workdir / "out" / "001-li-wei" / f"knee-self-massage-handout-{name_slug('李伟')}-2026-12-01.pdf"
    import pdfplumber

    with pdfplumber.open(handout) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"] in "李伟"]
        latin = {c["fontname"] for c in pdf.pages[0].chars if c["text"] in "Prepared"}
    assert len(chars) == 2 and not {c["fontname"] for c in chars} & latin  # drawn in the fallback font
    assert "Prepared for 李伟 on 1 December 2026" in flat(pdf_text(handout))


def _fs_type(font: bytes, fs_type: int) -> bytes:
    """`font` (TrueType) with its OS/2 table's embedding permissions set to `fs_type`."""
    count = int.from_bytes(font[4:6], "big")
    for record in range(12, 12 + 16 * count, 16):
        if font[record : record + 4] == b"OS/2":
            at = int.from_bytes(font[record + 8 : record + 12], "big") + 8
            return font[:at] + fs_type.to_bytes(2, "big") + font[at + 2 :]
    raise AssertionError("no OS/2 table")


@pytest.mark.parametrize(
    ("fs_type", "refused"), [(0x0002, True), (0x0200, True), (0x0100, True), (0x0104, True), (0x0004, False), (0x0000, False)]
)
def test_a_font_whose_licence_forbids_embedding_is_refused(workdir: Path, fs_type: int, refused: bool) -> None:
    """A font marked "restricted licence", "no subsetting" or "bitmap only" was embedded (as a subset) without a
    word, against its licence; "preview and print" and "installable" fonts may be."""
    (workdir / "clinic.ttf").write_bytes(_fs_type((ROOT / "tests" / "fixtures" / "boxes.ttf").read_bytes(), fs_type))
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8") + "font: {fallback: [clinic.ttf]}\n", encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(brand))
    said = "clinic.ttf's licence does not allow it to be embedded in a document"
    assert (code == 1 and f"{brand}:" in output and said in output) if refused else said not in output, output


def test_a_missing_routine_is_said_once_for_all_its_rows(workdir: Path) -> None:
    rows = [f"Patient {n},2026-12-01,hip.yaml,no,," for n in range(1, 31)]
    code, output = batch(workdir, "\n".join([HEADER, "Jo,2026-12-01,content.yaml,no,,", *rows, ""]).encode())
    errors = [line for line in output.splitlines() if line.startswith("error: ")]
    assert code == 1 and len(errors) == 1
    assert f"{workdir / 'patients.csv'}:3: routine: hip.yaml: file not found (named by 30 rows, none built)" in errors[0]
    assert "built 1 patient (4 files)" in output and "; failed 30" in output  # patients, not lines said


def test_a_broken_routine_is_said_once_for_all_its_rows(workdir: Path) -> None:
    """A routine that does not load was said once per row that names it, its error the same each time: now
    once, with the rows' numbers."""
    (workdir / "hip.yaml").write_text("id: hip\ntitle: [\n", encoding="utf-8")
    rows = [f"Patient {n},2026-12-01,hip.yaml,no,," for n in range(1, 31)]
    code, output = batch(workdir, "\n".join([HEADER, "Jo,2026-12-01,content.yaml,no,,", *rows, ""]).encode())
    errors = [line for line in output.splitlines() if line.startswith("error: ")]
    assert code == 1 and len(errors) == 1, output
    said = f"error: {workdir / 'patients.csv'}:3: rows 2, 3, 4 and 27 more: {workdir / 'hip.yaml'}:3: title[1]: invalid YAML"
    assert errors[0].startswith(said), errors
    assert "built 1 patient (4 files)" in output and "; failed 30" in output


def test_an_error_every_row_shares_is_said_once(workdir: Path) -> None:
    """A German routine with a help box and a brand that names no country: each row failed with the same
    brand.yaml line, said once per row (five rows, five long lines)."""
    content = workdir / "content.yaml"
    text = content.read_text(encoding="utf-8").replace("language: en-GB", "language: de")
    content.write_text(text + "help:\n  - sign: Brustschmerzen.\n    action: emergency\n", encoding="utf-8")
    brand = workdir / "brand.yaml"
    brand.write_text(re.sub(r"(?m)^country:.*\n", "", brand.read_text(encoding="utf-8")), encoding="utf-8")
    rows = [f"Patient {n},2026-12-01,content.yaml,no,," for n in range(1, 6)]
    code, output = batch(workdir, "\n".join([HEADER, *rows, ""]).encode())
    errors = [line for line in output.splitlines() if line.startswith("error: ")]
    assert code == 1 and len(errors) == 1, output
    assert errors[0].startswith(f"error: {workdir / 'patients.csv'}:2: rows 1, 2, 3 and 2 more: {brand}:"), errors
    assert ": country: not given" in errors[0]
    assert "built 0 patients (0 files)" in output and "; failed 5" in output  # five patients, one line said


@pytest.mark.parametrize("under", ["", "printouts"])
def test_an_out_that_is_a_file_is_said_once_before_any_patient_is_built(workdir: Path, under: str) -> None:
    """--out naming a file (or a folder under one) is said once, as `build` says it; each patient was built in
    turn and failed with it, one line per row, and the file was left as it was."""
    (workdir / "out").write_bytes(b"not a folder")
    rows = "".join(f"Patient {n},2026-12-01,content.yaml,no,,\n" for n in range(1, 4))
    out = workdir / "out" / under if under else workdir / "out"
    code, output = batch(workdir, (HEADER + "\n" + rows).encode(), "--out", str(out))
    said = f"cannot write to {out}: {workdir / 'out'} is a file" if under else f"--out {out}: is a file"
    said += ", not a folder"
    assert code == 1 and output.strip().splitlines() == [f"error: {said}"], output
    assert (workdir / "out").read_bytes() == b"not a folder"


def test_a_large_print_patient_of_a_routine_too_long_for_its_poster_gets_the_handout(make_content, workdir: Path) -> None:
    """A large-print patient whose routine is too long for a large-print poster (its standard poster under
    18 pt, so none is promised) is given the large-print handout, in the print file too, with the warning;
    the row used to fail, and the patient was given nothing."""
    cue = "stroke the whole leg gently upwards from ankle to hip"
    steps = [{"title": f"Step {n}", "text": "Do it.", "cue": f"{cue} {n}"} for n in range(1, 16)]
    make_content(routine={"title": "Long", "steps": steps})
    code, output = batch(workdir, (HEADER + "\nJo Bloggs,2026-12-01,content.yaml,yes,,\n").encode())
    assert code == 0, output
    assert "no large-print poster" in output and "[no-large-print-poster]" in output, output
    folder = workdir / "out" / "001-jo-bloggs"
    made = sorted(path.name for path in folder.iterdir())
    assert made == [
        "jo-bloggs-2026-12-01-print.pdf",
        "knee-self-massage-handout-jo-bloggs-2026-12-01.html",
        "knee-self-massage-handout-large-print-jo-bloggs-2026-12-01.pdf",
    ], made
    handout = pdf_text(folder / "knee-self-massage-handout-large-print-jo-bloggs-2026-12-01.pdf")
    printed = pdf_text(folder / "jo-bloggs-2026-12-01-print.pdf")
    assert flat(printed) == flat(handout)  # the print file is the large-print handout, whole


def test_a_patient_whose_poster_cannot_fit_is_skipped_whole_and_the_others_built(make_content, workdir: Path) -> None:
    """A row whose routine is too long for its poster was said to have failed ("built 0 patients (0 files)")
    while its folder kept a handout and a web copy and no print file: half a set, where the batch says a bad row
    is skipped (and Ctrl-C keeps only complete folders). Nothing is written for it; the other patients are built."""
    steps = [{"title": f"Step {n}", "text": "Do it.", "cue": f"stroke the whole leg gently upwards {n}"} for n in range(45)]
    make_content(name="long.yaml", routine={"title": "Long", "steps": steps})
    rows = "\nJo Bloggs,2026-12-01,long.yaml,no,,\nAl Li,2026-12-01,content.yaml,no,,\n"
    code, output = batch(workdir, (HEADER + rows).encode())
    assert code == 1, output
    assert "built 1 patient (4 files)" in output and "failed 1" in output, output
    said = r"error: .*patients.csv:2: row 1: .*long.yaml:\d+: routine.steps\[\d+\].cue: the poster does not fit"
    assert re.search(said, output), output
    assert sorted(path.name for path in (workdir / "out").iterdir()) == ["002-al-li"]


def test_a_patient_whose_routine_grew_too_long_for_its_poster_is_not_skipped_as_done(make_content, workdir: Path) -> None:
    """Built once, then its routine lengthened past what its poster holds, a row failed and wrote nothing, but its
    folder kept the earlier print file (without the new steps): `--skip-done` then skipped it as built. The
    earlier set goes (print file, poster and handout alike), as build removes a poster it cannot make again."""
    path = make_content(name="grows.yaml")
    rows = "\nJo Bloggs,2026-12-01,grows.yaml,no,,\n"
    assert batch(workdir, (HEADER + rows).encode())[0] == 0
    folder = workdir / "out" / "001-jo-bloggs"
    assert any(name.endswith("-print.pdf") for name in os.listdir(folder))
    steps = [{"title": f"Step {n}", "text": "Do it.", "cue": f"stroke the whole leg gently upwards {n}"} for n in range(45)]
    make_content(name=path.name, routine={"title": "Long", "steps": steps})
    code, output = batch(workdir, (HEADER + rows).encode())
    assert code == 1 and "the poster does not fit" in output, output
    assert not folder.exists()
    code, output = batch(workdir, (HEADER + rows).encode(), "--skip-done")
    assert code == 1 and "done before" not in output and "the poster does not fit" in output, output


def _printed(folder: Path) -> list[str]:
    """The print files in a patient's folder (what --skip-done counts as done)."""
    return sorted(name for name in os.listdir(folder) if name.endswith("-print.pdf")) if folder.is_dir() else []


def test_a_row_that_fails_for_any_reason_leaves_nothing_that_looks_done(make_content, workdir: Path) -> None:
    """Only a poster too long for its page removed a row's earlier set: a routine since broken (a key misspelt),
    or an appointment typed before the sheet's date, failed the row but kept the print file an earlier run left,
    and `--skip-done` then said "1 done before, skipped" and exited 0. Every failure removes that patient's earlier
    sheets and print file for that date, and says so."""
    path = make_content(name="grows.yaml")
    rows = "patient,date,routine,next_appointment\nJo Bloggs,2026-12-01,grows.yaml,\nAl Li,2026-12-01,content.yaml,\n"
    assert batch(workdir, rows.encode())[0] == 0
    jo, al = workdir / "out" / "001-jo-bloggs", workdir / "out" / "002-al-li"
    assert _printed(jo) and _printed(al)
    make_content(name=path.name, routine_title="a misspelt key")
    code, output = batch(workdir, rows.encode())
    assert code == 1 and "routine_title: unknown key" in output, output
    assert "the sheets an earlier run left in its folder were removed" in output, output
    assert not jo.exists() and _printed(al)  # nothing of Jo's set is left; Al's is rebuilt
    code, output = batch(workdir, rows.encode(), "--skip-done")
    assert code == 1 and "(1 done before, skipped)" in output and "routine_title: unknown key" in output, output
    assert "were removed" not in output, output  # there was nothing left to remove
    # An appointment before the sheet's date: refused at the row (it stopped --skip-done's whole batch, unplaced)
    make_content(name=path.name)
    assert batch(workdir, rows.encode())[0] == 0 and _printed(jo)
    late = rows.replace("grows.yaml,", "grows.yaml,2026-11-01")
    code, output = batch(workdir, late.encode())
    said = "patients.csv:2: row 1: column next_appointment: 2026-11-01 is before the sheet's date, 2026-12-01"
    assert code == 1 and said in output and not jo.exists(), output
    code, output = batch(workdir, late.encode(), "--skip-done")
    assert code == 1 and said in output and "(1 done before, skipped)" in output, output


def test_a_row_whose_write_fails_does_not_look_done(workdir: Path) -> None:
    """A write that fails (here a folder in the place of the handout) changes nothing of what it writes, so the
    earlier run's print file stayed, and `--skip-done` counted the patient done. The rest of that earlier set goes."""
    rows = (HEADER + "\nJo Bloggs,2026-12-01,content.yaml,no,,\n").encode()
    assert batch(workdir, rows)[0] == 0
    folder = workdir / "out" / "001-jo-bloggs"
    handout = folder / "knee-self-massage-handout-jo-bloggs-2026-12-01.pdf"
    handout.unlink()
    handout.mkdir()
    code, output = batch(workdir, rows)
    assert code == 1 and "it is a folder; move it away first" in output, output
    assert "the sheets an earlier run left in its folder were removed" in output, output
    assert not _printed(folder) and sorted(os.listdir(folder)) == [handout.name]
    code, output = batch(workdir, rows, "--skip-done")
    assert code == 1 and "done before" not in output and "it is a folder" in output, output


def test_a_patients_sheet_open_in_a_viewer_is_said_once(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A patient's earlier handout open in a PDF viewer on Windows, which can then be neither replaced nor removed:
    the row said the file was open twice over, the second time as the earlier set that could not be removed ("…
    close it and build again (nothing was changed) (the sheets an earlier run left in its folder could not be
    removed: cannot remove … close it and build again (nothing was changed); …)"). Said once, and the set kept."""
    rows = (HEADER + "\nJo Bloggs,2026-12-01,content.yaml,no,,\n").encode()
    assert batch(workdir, rows)[0] == 0
    folder = workdir / "out" / "001-jo-bloggs"
    earlier = {path.name: path.read_bytes() for path in folder.iterdir()}
    handout = "knee-self-massage-handout-jo-bloggs-2026-12-01.pdf"
    real = os.replace

    def windows(source: str | Path, target: str | Path) -> None:
        if Path(source).name == handout:  # as Windows refuses to move a file a viewer holds open
            exc = PermissionError(13, "The process cannot access the file because it is being used by another process")
            exc.winerror = 32  # type: ignore[attr-defined]
            raise exc
        real(source, target)

    monkeypatch.setattr(os, "replace", windows)
    monkeypatch.setattr("handouts.output.RETRY_WAITS", ())  # held for good, as by a viewer
    code, output = batch(workdir, rows)
    errors = [line for line in output.splitlines() if line.startswith("error:")]
    assert code == 1 and len(errors) == 1, output
    assert errors[0].count("it is open in another program") == 1, output
    assert errors[0].startswith(f"error: {workdir / 'patients.csv'}:2: row 1: cannot replace "), output
    assert errors[0].endswith(
        "close it and build again (nothing was changed) (the sheets an earlier run left in its folder are kept; "
        "--skip-done counts it as done until they are replaced)"
    ), output
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == earlier


def test_a_poster_that_does_not_fit_is_said_first_when_its_earlier_set_cannot_be_removed(make_content, workdir: Path) -> None:
    """A routine grown too long for its poster, in a folder whose lock is taken by something else (a folder named
    .handouts.lock): the batch said only that the folder could not be written, and never that the poster does not
    fit, the first cause and the one to put right. Both are said, the poster first."""
    path = make_content(name="grows.yaml")
    rows = (HEADER + "\nJo Bloggs,2026-12-01,grows.yaml,no,,\n").encode()
    assert batch(workdir, rows)[0] == 0
    folder = workdir / "out" / "001-jo-bloggs"
    (folder / ".handouts.lock").mkdir()
    steps = [{"title": f"Step {n}", "text": "Do it.", "cue": f"stroke the whole leg gently upwards {n}"} for n in range(45)]
    make_content(name=path.name, routine={"title": "Long", "steps": steps})
    code, output = batch(workdir, rows)
    errors = [line for line in output.splitlines() if line.startswith("error:")]
    assert code == 1 and len(errors) == 1, output
    first, removal = errors[0].split(" (the sheets an earlier run left in its folder could not be removed: ")
    assert re.search(r"grows.yaml:\d+: routine.steps\[\d+\].cue: the poster does not fit", first), output
    assert ".handouts.lock is a folder, not the lock file handouts makes" in removal, output
    assert "--skip-done counts it as done until they are" in removal, output


def test_a_next_appointment_before_the_sheets_date_is_refused(workdir: Path) -> None:
    """ "Next appointment: 1 December" printed on a sheet dated 10 December, with no word: the two dates were
    typed the wrong way round or a digit slipped. Said for build and check at the option, for a batch at its
    column (it said "--next-appointment"), and nothing is written."""
    content, brand, out = workdir / "content.yaml", workdir / "brand.yaml", workdir / "out"
    said = "--next-appointment: 2026-12-01 is before the sheet's date, 2026-12-10: check the two dates"
    for command in ("build", "check"):
        extra = ("--out", str(out)) if command == "build" else ()
        code, output = run(
            command, str(content), "--brand", str(brand), *extra, "--patient", "Jo", "--date", "2026-12-10",
            "--next-appointment", "2026-12-01 09:30",
        )  # fmt: skip
        errors = [line for line in output.splitlines() if line.startswith("error")]
        assert code == 1 and errors == [f"error: {said}"], output
    assert not out.exists()
    rows = "patient,date,routine,next_appointment\nJo,2026-12-10,content.yaml,2026-12-01\nAl,2026-12-10,content.yaml,2026-12-10\n"
    code, output = batch(workdir, rows.encode())
    assert code == 1 and f"patients.csv:2: row 1: column next_appointment: {said.split(': ', 1)[1]}" in output, output
    assert "built 1 patient (4 files)" in output and "; failed 1" in output


def test_a_next_appointment_before_today_is_refused_on_a_sheet_dated_today(workdir: Path) -> None:
    """A patient's sheet without --date is dated today, but an appointment before today printed as the next
    one with no word: only a --date given was compared."""
    args = ["--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out"), "--patient", "Jo"]
    code, output = run("build", str(workdir / "content.yaml"), *args, "--next-appointment", "2000-01-03")
    assert code == 1 and not (workdir / "out").exists()
    assert output.startswith("error: --next-appointment: 2000-01-03 is before the sheet's date, "), output
    assert output.endswith(" (today): check the two dates\n"), output


def test_right_to_left_text_is_refused_rather_than_printed_backwards(workdir: Path, make_content) -> None:
    """reportlab sets a line's letters in the order they are stored and shapes none: with a font that had them,
    an Arabic or Hebrew name printed backwards, its Arabic letters unjoined. Such text is refused, at its line
    (a patient's name without being repeated), not printed wrongly; an invisible right-to-left mark is not."""
    text = HEADER + "\nמרים כהן,2026-12-01,content.yaml,no,,\n"
    code, output = batch(workdir, text.encode())
    assert code == 1
    assert "row 1: column patient: has right-to-left text (Arabic, Hebrew…), which the PDFs cannot set yet" in output
    assert "no configured font" not in output and "מ" not in output
    content = make_content(routine={"title": "The routine", "steps": [{"title": "Knee محمد", "text": "Stroke."}]})
    code, output = run("check", str(content), "--brand", str(workdir / "brand.yaml"))
    assert code == 1
    line = next(i for i, row in enumerate(content.read_text(encoding="utf-8").splitlines(), 1) if "محمد" in row)
    assert re.search(rf"content\.yaml:{line}: routine\.steps\[\d+\]\.title: has right-to-left text", output), output
    assert "no configured font" not in output
    content = make_content(title="Knee\u200f care")  # a right-to-left mark pasted with the title
    code, output = run("check", str(content), "--brand", str(workdir / "brand.yaml"))
    assert "right-to-left" not in output


def test_fallback_fonts_given_twice_or_missing_are_said_at_their_line(workdir: Path) -> None:
    brand = workdir / "brand.yaml"
    shutil.copy(ROOT / "tests" / "fixtures" / "boxes.ttf", workdir / "boxes.ttf")
    original = brand.read_text(encoding="utf-8")
    lines = original.count("\n")
    brand.write_text(original + "font: {fallback: [boxes.ttf]}\nfonts: {fallback: [boxes.ttf]}\n", encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(brand))
    assert code == 1
    assert "the fallback fonts are given twice: keep either fonts.fallback or font.fallback" in output
    brand.write_text(original + "fonts:\n  fallback:\n    - boxes.ttf\n    - missing.ttf\n", encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(brand))
    assert code == 1
    assert f"brand.yaml:{lines + 4}: fonts.fallback[2]: " in output, output


def test_a_list_with_no_patients_says_so_and_fails(workdir: Path) -> None:
    code, output = batch(workdir, (HEADER + "\n,,,,,\n").encode())
    assert code == 1 and "built 0" not in output, output
    said = f"error: {workdir / 'patients.csv'}:1: no patients: the file has a header row but no rows under it\n"
    assert output.endswith(said), output
    assert not (workdir / "out").exists()


def test_an_undated_row_is_dated_the_day_its_batch_began() -> None:
    """A row with no date was dated when its build began: a batch running past midnight dated its rows on two days,
    and --skip-done looked for the print file of the day it was asked. Both take the batch's day (Options.date)."""
    day, out = datetime.date(2026, 3, 9), Path("out")
    row = Row(2, 1, "Jo Bloggs", (Path("content.yaml"),))
    base = Options(date=day)
    assert batching.row_options(row, out, base).date == day
    assert batching.row_options(replace(row, date=datetime.date(2026, 4, 1)), out, base).date == datetime.date(2026, 4, 1)


def test_skip_done_says_an_undated_rows_set_of_another_day_is_not_counted(workdir: Path) -> None:
    """An undated row is dated the day the batch runs, so --skip-done on a later day than the run it goes on from
    built every such patient again, beside the set of the earlier day, and said only "built N patients": a
    therapist printing each folder printed both. It is said, at the rows' line, with what to do."""
    code, output = batch(workdir, (HEADER + "\nJo Bloggs,2026-12-01,content.yaml,no,,\n").encode())
    assert code == 0, output
    code, output = batch(workdir, (HEADER + "\nJo Bloggs,,content.yaml,no,,\n").encode(), "--skip-done")
    said = f"note: {workdir / 'patients.csv'}:2: row 1 has no date: dated "
    assert code == 0 and said in output and "give the rows that date" in output and "done before" not in output, output
    printed = _printed(workdir / "out" / "001-jo-bloggs")
    assert len(printed) == 2 and "jo-bloggs-2026-12-01-print.pdf" in printed, printed
    code, output = batch(workdir, (HEADER + "\nJo Bloggs,,content.yaml,no,,\n").encode(), "--skip-done")
    assert code == 0 and "(1 done before, skipped)" in output and "no date" not in output, output


def test_batch_check_of_one_patient_says_one_patient(workdir: Path) -> None:
    """ "checked 1 patients": a list of one is said in the singular, as a build of one is ("built 1 patient")."""
    code, output = batch(workdir, b"patient,date,routine\nJo Bloggs,2026-12-01,content.yaml\n", "--check")
    assert code == 0 and "checked 1 patient, writing nothing: 1 would be built (4 files) in " in output, output


def test_batch_check_says_every_row_that_would_fail_and_writes_nothing(make_content, workdir: Path) -> None:
    """There was no way to try a list of 200 patients before printing it: `batch --check` makes every set in
    memory, says each row that would fail as the batch says it, and writes and removes nothing (an earlier
    run's set of a row that would now fail stays as it was)."""
    steps = [{"title": f"Step {n}", "text": "Do it.", "cue": f"stroke the whole leg gently upwards {n}"} for n in range(45)]
    make_content(name="long.yaml", routine={"title": "Long", "steps": steps})
    rows = (
        "patient,date,routine,next_appointment\nJo Bloggs,2026-12-01,content.yaml,\nAl Li,2026-12-01,content.yaml,2026-11-01\n"
        "Bo Ng,2026-12-01,long.yaml,\nCy Oh,31/02/2026,content.yaml,\n"
    )
    earlier = b"patient,date,routine\nJo Bloggs,2026-12-01,content.yaml\nAl Li,2026-12-01,content.yaml\n"
    assert batch(workdir, earlier)[0] == 0
    before = {path: path.read_bytes() for path in (workdir / "out").rglob("*") if path.is_file()}
    code, output = batch(workdir, rows.encode(), "--check")
    assert code == 1, output
    assert "checked 4 patients, writing nothing: 1 would be built (4 files) in " in output and "; 3 would fail" in output
    assert "patients.csv:3: row 2: column next_appointment: 2026-11-01 is before the sheet's date" in output, output
    assert re.search(r"patients.csv:4: row 3: .*long.yaml:\d+: routine.steps\[\d+\].cue: the poster does not fit", output)
    assert "patients.csv:5: date: '31/02/2026' is not a date that exists" in output, output
    assert "removed" not in output, output
    after = {path: path.read_bytes() for path in (workdir / "out").rglob("*") if path.is_file()}
    assert after == before  # Al's earlier set stays; nothing of Bo's is made


def test_batch_check_in_worker_processes_writes_nothing(workdir: Path) -> None:
    """The workers are told not to write, as the batch's own process is."""
    listed = [Row(2, 1, "Jo Bloggs", (workdir / "content.yaml",)), Row(3, 2, "Al Li", (workdir / "content.yaml",))]
    runner = batching.Runner(
        listed, workdir / "brand.yaml", workdir / "out", 2, base=Options(date=datetime.date(2026, 1, 5)), write=False
    )
    results = list(runner.results())
    assert runner.workers == 2 and [result.error for result in results] == [None, None]
    assert sorted(len(result.written) for result in results) == [4, 4] and not (workdir / "out").exists()


def test_skip_done_builds_again_a_set_made_before_its_routine_or_brand_was_saved(workdir: Path) -> None:
    """A list built again after its routine was changed, stopped with Ctrl-C: `--skip-done`, as the batch says to
    run, skipped every patient not reached, whose print file (of the routine as it was) was there, and said
    "done before". A set is done only if made after its routines and brand.yaml were last saved."""
    rows = (HEADER + "\nJo Bloggs,2026-12-01,content.yaml,no,,\nAl Li,2026-12-01,content.yaml,no,,\n").encode()
    assert batch(workdir, rows)[0] == 0
    printed = workdir / "out" / "001-jo-bloggs" / "jo-bloggs-2026-12-01-print.pdf"
    made = printed.stat().st_mtime
    code, output = batch(workdir, rows, "--skip-done")
    assert code == 0 and "(2 done before, skipped)" in output, output
    for saved in (workdir / "content.yaml", workdir / "brand.yaml"):
        os.utime(saved, (made + 60, made + 60))  # saved after the set was made
        code, output = batch(workdir, rows, "--skip-done")
        assert code == 0 and "built 2 patients (8 files)" in output and "done before" not in output, output
        assert printed.stat().st_mtime > made
        os.utime(saved, (made - 60, made - 60))
        code, output = batch(workdir, rows, "--skip-done")
        assert code == 0 and "(2 done before, skipped)" in output, output


@pytest.mark.slow
@pytest.mark.parametrize("mark", ["x", "X", "✓", "✔"])
def test_a_flag_ticked_with_a_mark_is_yes(workdir: Path, mark: str) -> None:
    """A sheet's column ticked as people tick it, with an x or a check mark: the row was refused (the patient got
    no sheets) as neither yes nor no, where an empty cell is no and any mark in it is meant as yes."""
    code, output = batch(workdir, (HEADER + f"\nJo Bloggs,2026-12-01,content.yaml,{mark},,\n").encode())
    assert code == 0, output
    folder = workdir / "out" / "001-jo-bloggs"
    assert sorted(path.name for path in folder.glob("*.pdf")) == [
        "jo-bloggs-2026-12-01-print.pdf",
        "knee-self-massage-handout-large-print-jo-bloggs-2026-12-01.pdf",
        "knee-self-massage-poster-large-print-jo-bloggs-2026-12-01.pdf",
    ]
    with pdfplumber.open(folder / "jo-bloggs-2026-12-01-print.pdf") as pdf:
        assert min(char["size"] for page in pdf.pages for char in page.chars) >= 18


def test_a_row_refused_as_the_list_is_read_leaves_nothing_of_an_earlier_run(workdir: Path) -> None:
    """A row refused as the list is read (a cell neither yes nor no, a paper no printer has, a routine file gone)
    kept the sheets and print file an earlier run left for its date: the folder still held a set to print, of the
    row as it was (standard print, where the clinic had since asked for large print). They are removed, as a row
    that fails while it is built has its set removed, and the batch says so."""
    rows = "patient,date,routine,large_print,paper\nJo Bloggs,2026-12-01,content.yaml,no,\nAl Li,2026-12-01,{},no,A4\n"
    shutil.copy(workdir / "content.yaml", workdir / "other.yaml")
    assert batch(workdir, rows.format("other.yaml").encode())[0] == 0
    jo, al = workdir / "out" / "001-jo-bloggs", workdir / "out" / "002-al-li"
    assert _printed(jo) and _printed(al)
    (workdir / "other.yaml").unlink()
    refused = rows.replace(",no,\n", ",large print please,\n", 1).format("other.yaml")
    code, output = batch(workdir, refused.encode())
    assert code == 1 and "large_print: expected yes or no" in output and "other.yaml: file not found" in output, output
    said = f"{workdir / 'patients.csv'}:2: rows 1, 2: not built: the sheets an earlier run left in their folders were removed"
    assert said in output, output
    assert not jo.exists() and not al.exists()
    code, output = batch(workdir, refused.encode(), "--check")
    assert code == 1 and "were removed" not in output, output  # nothing left to remove, and a check removes nothing


@pytest.mark.slow
def test_folders_another_list_left_in_the_out_folder_are_warned_of(workdir: Path) -> None:
    """A second list (the next day's, or the same list sorted otherwise) built into the same --out put its
    folders beside the first's without a word: two folders 001-, and Jo Bloggs's set twice, both printed by a
    front desk that prints the folder. The batch warns of the folders that are not its list's (counted, not named),
    and says nothing of its own."""
    first = (HEADER + "\nJo Bloggs,2026-12-01,content.yaml,no,,\nAl Li,2026-12-01,content.yaml,no,,\n").encode()
    code, output = batch(workdir, first)
    assert code == 0 and "[other-folders]" not in output, output
    assert batch(workdir, first)[1] == output  # built again: all its own
    second = (HEADER + "\nSam Ng,2026-12-01,content.yaml,no,,\nJo Bloggs,2026-12-01,content.yaml,no,,\n").encode()
    code, output = batch(workdir, second)
    said = (
        f"warning: {workdir / 'out'}: 2 patient folders there are not this list's (another list's, or this one's "
        "before its rows moved), and are printed with it if the whole folder is printed: empty it first, or give "
        "each list its own --out [other-folders]"
    )
    assert code == 0 and said in output, output
    assert sorted(os.listdir(workdir / "out")) == ["001-jo-bloggs", "001-sam-ng", "002-al-li", "002-jo-bloggs"]
    assert not {"Jo", "Bloggs", "Al", "Li", "Sam", "Ng"} & set(re.findall(r"\w+", output)), output
    assert "[other-folders]" in batch(workdir, second, "--check")[1]
    assert "[other-folders]" not in batch(workdir, second, "--suppress", "other-folders")[1]


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["US Letter", "us  letter", "Letter"])
def test_paper_named_as_a_print_dialog_names_it(workdir: Path, paper: str) -> None:
    """A paper "US Letter", as a Mac's print dialog and Pages name the paper, refused the row (the patient got no sheets),
    where "letter" was read."""
    code, output = batch(workdir, (HEADER + f"\nJo Bloggs,2026-12-01,content.yaml,no,{paper},\n").encode())
    assert code == 0, output
    with pdfplumber.open(workdir / "out" / "001-jo-bloggs" / "jo-bloggs-2026-12-01-print.pdf") as pdf:
        assert {(round(page.width), round(page.height)) for page in pdf.pages} == {(612, 792)}
