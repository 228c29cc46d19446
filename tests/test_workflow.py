"""The clinic's workflow through the CLI: init, check, batch, several routines, print options."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pypdf
import pytest
import yaml
from click.testing import CliRunner
from conftest import BRAND, CONTENT, ROOT, SHIPPED, flat, knee, pages_text, pdf_text, run

from handouts.cli import main
from handouts.input.options import name_slug
from handouts.media.colours import contrast
from handouts.words.readability import grade

MM = 72 / 25.4


# -- init -----------------------------------------------------------------------------------------


def test_init_without_questions_writes_files_that_build(tmp_path: Path) -> None:
    code, output = run("init", str(tmp_path), "--content", "--no-input")
    assert code == 0, output
    assert f"wrote {tmp_path / 'brand.yaml'}" in output and f"wrote {tmp_path / 'content.yaml'}" in output
    code, output = run(
        "build", str(tmp_path / "content.yaml"), "--brand", str(tmp_path / "brand.yaml"), "--out", str(tmp_path / "out")
    )
    assert code == 0, output
    assert len(list((tmp_path / "out").glob("my-routine-*.pdf"))) == 4
    brand = (tmp_path / "brand.yaml").read_text(encoding="utf-8")
    assert 'country: "GB"  # where the clinic is: the help box says to call 999 and 111\n' in brand
    code, output = run("check", str(tmp_path / "content.yaml"), "--brand", str(tmp_path / "brand.yaml"))
    assert code == 0 and "0 errors" in output, output
    # Its placeholder text, and the number, reviewer, discomfort, frequency and date it leaves to the clinic,
    # are what --strict holds back before anything is handed out.
    code, output = run("check", str(tmp_path / "content.yaml"), "--brand", str(tmp_path / "brand.yaml"), "--strict")
    assert code == 1
    warnings = sorted(re.findall(r"\[([a-z-]+)\]$", output, flags=re.M))
    left_to_the_clinic = ["no-discomfort", "no-frequency", "no-phone", "not-dated", "not-reviewed"]
    assert warnings == [*left_to_the_clinic, "placeholder", "placeholder"], output


@pytest.mark.slow
def test_init_asks_and_writes_the_answers(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes((ROOT / "assets" / "birchwood-logo.png").read_bytes())
    answers = (
        "\n".join(
            [
                "Kim & Co: Physio",
                "Moving well",
                "teal",
                "2a4d8f",  # without its '#'
                "#f2a541",
                str(tmp_path / "no-such-logo.png"),  # asked again
                str(tmp_path / "logo.png"),
                "01632 960 999",
                "kim@example.com",
                "www.example.com",
                "1 High St",
                "Kim Lee",
                "gb",
                "letter",
            ]
        )
        + "\n"
    )
    code, output = run("init", str(tmp_path / "clinic"), input=answers)
    assert code == 0, output
    assert "expected a colour like #14545C, got 'teal': its hex code is #008080" in output  # asked again
    # said once, with where it was looked for: it was '<folder>/no-such-logo.png: file not found: no-such-logo.png'
    assert f"Error: file not found: no-such-logo.png (looked in the folder {tmp_path})\n" in output
    assert output.count("Logo file") == 2
    brand = yaml.safe_load((tmp_path / "clinic" / "brand.yaml").read_text())
    assert brand["name"] == "Kim & Co: Physio" and brand["tagline"] == "Moving well"
    assert brand["colors"] == {"primary": "#2A4D8F", "accent": "#F2A541"}
    assert brand["logo"] == "logo.png"  # copied in: a brand file reads pictures only inside its own folder
    assert (tmp_path / "clinic" / "logo.png").read_bytes() == (tmp_path / "logo.png").read_bytes()
    assert brand["contact"] == {
        "phone": "01632 960 999",
        "email": "kim@example.com",
        "website": "www.example.com",
        "address": "1 High St",
    }
    assert brand["therapist"] == "Kim Lee" and brand["paper"] == "letter" and brand["country"] == "GB"
    code, output = run(
        "build",
        str(CONTENT),
        "--brand",
        str(tmp_path / "clinic" / "brand.yaml"),
        "--out",
        str(tmp_path / "o"),
        "--only",
        "handout",
    )
    assert code == 0, output
    assert "Kim & Co: Physio" in pdf_text(tmp_path / "o" / "knee-self-massage-handout.pdf")


def test_init_sets_up_a_clinic_outside_the_uk(tmp_path: Path) -> None:
    """init asked no country, so a US clinic's brand.yaml named none and its sheets said "Call 999 now" (the
    default country's number). It asks the country (again for one that is not), and outside the UK the
    emergency and urgent numbers; it then suggests the country's paper and language, and says "doctor" where
    family doctors are not GPs. check gives the poster's reading distance in feet there."""
    answers = ["Lakeside Physical Therapy", "", "", "", "", "(555) 013-2200", "", "", "", "Dana Ortiz"]
    answers += ["Amerika", "USA", "911", "(555) 013-2299", "", ""]  # asked again; USA is US; the defaults
    code, output = run("init", str(tmp_path), "--content", input="\n".join(answers) + "\n")
    assert code == 0, output
    assert "expected a country code like GB, IE, DE or US, got 'Amerika'" in output
    assert "USA: brand.yaml writes it as its code, US\n" in output
    assert "Paper (A4, letter) [letter]" in output and "[en-US]" in output
    brand = yaml.safe_load((tmp_path / "brand.yaml").read_text(encoding="utf-8"))
    assert brand["country"] == "US" and brand["paper"] == "letter"
    assert brand["contact"] == {"phone": "(555) 013-2200", "emergency": "911", "urgent": "(555) 013-2299"}
    assert brand["footer"].endswith("your therapist or doctor.")
    content = yaml.safe_load((tmp_path / "content.yaml").read_text(encoding="utf-8"))
    assert content["language"] == "en-US"
    content["help"] = [
        {"sign": "You have chest pain.", "action": "emergency"},
        {"sign": "Your knee is hot and swollen.", "action": "gp-today"},
    ]
    (tmp_path / "content.yaml").write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
    code, output = run("check", str(tmp_path / "content.yaml"))
    assert code == 0, output
    assert re.search(
        r"poster: fits on one page with step text at [\d.]+ pt, reads comfortably from about [\d.]+ ft$", output, re.M
    )
    code, output = run("build", str(tmp_path / "content.yaml"), "--only", "handout", "--out", str(tmp_path / "out"))
    assert code == 0, output
    with pdfplumber.open(tmp_path / "out" / "my-routine-handout.pdf") as pdf:
        assert pdf.pages[0].width == 612  # letter
    text = flat(pdf_text(tmp_path / "out" / "my-routine-handout.pdf"))
    assert "Call 911 now" in text and "See your doctor today, or call (555) 013-2299" in text and "999" not in text


def test_init_for_a_clinic_that_writes_german_leaves_the_english_footer_out(tmp_path: Path) -> None:
    """The starter's footer is English: a German clinic's starter printed it untranslated on German sheets, and
    check warned of it at once. It is written as a comment there, to translate; "Germany" is taken as DE."""
    answers = ["Praxis Kim", "", "", "", "", "", "", "", "", "", "Germany", "112", "116 117", "", ""]
    code, output = run("init", str(tmp_path), "--content", input="\n".join(answers) + "\n")
    assert code == 0, output
    brand = yaml.safe_load((tmp_path / "brand.yaml").read_text(encoding="utf-8"))
    assert brand["country"] == "DE" and brand["paper"] == "A4" and "footer" not in brand
    assert "Germany: brand.yaml writes it as its code, DE\n" in output  # it said 'Germany: DE'
    text = (tmp_path / "brand.yaml").read_text(encoding="utf-8")
    assert "# footer: This sheet gives general advice." in text
    # beside its country, where its numbers come from: it said "GB's numbers are 999 and 111"
    assert 'country: "DE"  # where the clinic is: the help box gives the numbers under contact\n' in text
    assert "999" not in text and "111" not in text
    assert yaml.safe_load((tmp_path / "content.yaml").read_text(encoding="utf-8"))["language"] == "de-DE"
    code, output = run("check", str(tmp_path / "content.yaml"))
    assert code == 0 and "[untranslated]" not in output, output


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    (tmp_path / "brand.yaml").write_text("name: mine\n")
    code, output = run("init", str(tmp_path), "--no-input")
    assert code == 1
    assert f"{tmp_path / 'brand.yaml'} already exists; use --force to replace" in output
    assert (tmp_path / "brand.yaml").read_text() == "name: mine\n"
    code, _ = run("init", str(tmp_path), "--no-input", "--force")
    assert code == 0
    assert "My Clinic" in (tmp_path / "brand.yaml").read_text()


def test_init_names_a_folder_with_spaces_as_it_is_typed(tmp_path: Path) -> None:
    """The commands init suggests can be copied as they are: a folder named with a space (My Clinic, as on
    any laptop) was printed bare, and the shell read it as two arguments."""
    folder = tmp_path / "My Clinic" / "Kné"
    code, output = run("init", str(folder), "--content", "--no-input")
    assert code == 0, output
    assert f'`handouts build "{folder / "content.yaml"}"`' in output
    code, output = run("init", str(tmp_path / "Kné"), "--no-input")
    assert code == 0, output
    assert f"`handouts init {tmp_path / 'Kné'} --content`" in output  # only what a shell would split is quoted


@pytest.mark.parametrize("name", ["Clinic $HOME", "Rehab `date`", "Back! Pain", "50% off"])
def test_init_never_suggests_a_command_a_shell_would_read_otherwise_than_typed(tmp_path: Path, name: str) -> None:
    """A folder named 'Clinic $HOME' was suggested as `handouts build "Clinic $HOME/content.yaml"`: pasted, a
    shell put the home folder's path there (and ran `date` for 'Rehab `date`'; PowerShell reads $ and ` as
    well, bash's history !, cmd %NAME%). No one quoting is read as typed by every shell, so the commands name
    the files from the folder, and say to run them there."""
    folder = tmp_path / name
    code, output = run("init", str(folder), "--content", "--no-input")
    assert code == 0, output
    said = "next: edit them, then run `handouts check content.yaml` and `handouts build content.yaml`"
    assert output.splitlines()[-1] == f"{said} in {folder}"
    code, output = run("init", str(folder / "b"), "--no-input")
    assert code == 0, output
    said = f"`handouts build ROUTINE.yaml --brand brand.yaml` in {folder / 'b'} (`handouts init . --content` adds"
    assert said in output
    code, output = run("init", str(folder / "brand.yaml"), "--no-input")
    assert output.endswith(f"writes brand.yaml into it: `handouts init .` in {folder}\n"), output


def test_init_refuses_a_folder_name_windows_cannot_open_as_build_does(tmp_path: Path) -> None:
    """'Clinic: Main' typed on a Mac was made, though the clinic's Windows laptop (and a sync to it) cannot
    open it: --out refused such a name, init did not."""
    folder = tmp_path / "Clinic: Main"
    code, output = run("init", str(folder), "--content", "--no-input")
    said = "the folder name 'Clinic: Main' has : in it, which Windows cannot open (nor sync from a Mac): choose another name"
    assert (code, output) == (1, f"error: {folder}: {said}\n")
    assert not folder.exists()


@pytest.mark.parametrize("name", ["nul", "CON", "com1", "aux.old"])
def test_a_folder_named_as_a_windows_device_is_refused(tmp_path: Path, name: str) -> None:
    """A folder named 'nul' or 'con' (a Mac makes one) is a device to Windows: no file in it can be opened there,
    nor can it sync to a Windows laptop. init and --out refuse it, as they refuse 'Clinic: Main'."""
    folder = tmp_path / name
    said = f"the folder name {name!r} is the name of a device on Windows (as CON, NUL and COM1 are), which Windows cannot"
    code, output = run("init", str(folder), "--no-input")
    assert (code, output) == (1, f"error: {folder}: {said} open (nor sync from a Mac): choose another name\n")
    code, output = run("build", str(CONTENT), "--brand", str(BRAND), "--out", str(folder / "out"))
    assert (code, output) == (1, f"error: --out {folder / 'out'}: {said} open (nor sync from a Mac): choose another name\n")
    assert list(tmp_path.iterdir()) == []


def test_init_given_a_file_name_says_it_takes_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'handouts init brand.yaml' made a folder named brand.yaml with the brand inside it, and a build then
    found brand.yaml to be a folder."""
    monkeypatch.chdir(tmp_path)
    code, output = run("init", "brand.yaml", "--no-input")
    assert (code, output) == (1, "error: brand.yaml: init takes a folder and writes brand.yaml into it: `handouts init .`\n")
    code, output = run("init", "My Clinic/content.yaml", "--content", "--no-input")
    said = 'init takes a folder and writes brand.yaml into it: `handouts init "My Clinic" --content`'
    assert (code, output) == (1, f"error: {Path('My Clinic/content.yaml')}: {said}\n")
    assert list(tmp_path.iterdir()) == []


def test_init_given_a_file_that_exists_says_it_takes_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'handouts init brand.yaml' in the folder where init wrote brand.yaml before (to start again) was a usage
    error of three lines and exit code 2 ("Directory 'brand.yaml' is a file"), not init's one line; a file of
    another name is said as a build says a file given as its folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brand.yaml").write_text("name: Kept\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("kept\n", encoding="utf-8")
    code, output = run("init", "brand.yaml", "--no-input")
    assert (code, output) == (1, "error: brand.yaml: init takes a folder and writes brand.yaml into it: `handouts init .`\n")
    code, output = run("init", "notes.txt", "--no-input")
    assert (code, output) == (1, "error: notes.txt: is a file, not a folder\n")
    assert (tmp_path / "brand.yaml").read_text(encoding="utf-8") == "name: Kept\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["brand.yaml", "notes.txt"]


def test_init_refuses_a_folder_where_its_file_would_be(tmp_path: Path) -> None:
    """A folder named brand.yaml was 'kept', and init then suggested a check that could not read it."""
    (tmp_path / "brand.yaml").mkdir()
    code, output = run("init", str(tmp_path), "--content", "--no-input")
    assert (code, output) == (1, f"error: cannot write {tmp_path / 'brand.yaml'}: it is a folder; move it away first\n")
    assert not (tmp_path / "content.yaml").exists()


def test_init_refuses_a_link_to_nothing_where_its_file_would_be(tmp_path: Path) -> None:
    """A link to a file no longer there (a routine moved away) was 'kept', and init then suggested a check that
    said the file was not found."""
    (tmp_path / "content.yaml").symlink_to("nowhere.yaml")
    code, output = run("init", str(tmp_path), "--content", "--no-input")
    said = "is a link to nowhere.yaml, which is not there: delete the link, or put the file there"
    assert (code, output) == (1, f"error: {tmp_path / 'content.yaml'} {said}\n")
    assert not (tmp_path / "brand.yaml").exists()


# -- check ----------------------------------------------------------------------------------------


def test_check_on_the_knee_routine(tmp_path: Path) -> None:
    """The shipped routine as shipped: every output fits, and check says only what a clinic should act on."""
    code, output = run("check", str(SHIPPED), "--brand", str(BRAND))
    assert code == 0, output
    assert "never cited" not in output  # atkins2015 is listed under further_reading on purpose
    assert "poster: fits on one page with step text at" in output
    assert "large-print poster: fits on one page with step text at" in output
    assert "reading grade" not in output  # the knee texts meet grade 8
    warnings = [line for line in output.splitlines() if line.startswith("warning:")]
    # Both posters leave out extras to fit eleven steps with the warning signs; no reviewer is named (a clinic's to add).
    assert [line.rsplit("[", 1)[-1] for line in warnings] == ["poster-extras]", "poster-extras]", "not-reviewed]"], output
    assert output.strip().endswith("0 errors, 3 warnings")
    code, _ = run("check", str(SHIPPED), "--brand", str(BRAND), "--strict")
    assert code == 1


def test_the_hardest_sentence_check_quotes_is_one_sentence_not_a_heading_run_into_it(make_content, workdir: Path) -> None:
    """A text's sub-heading and list items have no full stop: the reading level read each as the start of the
    sentence after it, and quoted 'Understanding musculoskeletal dysfunction Notwithstanding ...' as the hardest.
    A heading or item of two long words is not quoted either: it is no sentence to rewrite."""
    hard = (
        "Notwithstanding the aforementioned considerations, practitioners ought systematically to evaluate "
        "musculoskeletal dysfunction."
    )
    heading, items = "# Understanding musculoskeletal dysfunction", "- Interdisciplinary collaboration\n- Rest"
    body = f"Rub your leg. It helps.\n\n{heading}\n{hard}\n\n{items}"
    path = make_content(sections=[{"heading": "Background", "body": body}])
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    assert code == 0, output
    reading = [line for line in output.splitlines() if ".body: reading grade" in line]
    assert reading and reading[0].endswith(f'): "{hard}" [reading-level]'), output


def test_a_web_address_typed_in_a_text_is_not_read_as_one_long_word(make_content, workdir: Path) -> None:
    """An address typed bare was read by the reading grade as one word of a dozen syllables: "Do these twice a
    day. See www.nhs.uk/conditions/neck-pain/." was grade 14, with its hardest sentence quoted at grade 5. A
    patient reads past an address; the grade is that of the words around it."""
    intro = "Do these twice a day. See www.nhs.uk/conditions/neck-pain/."
    finish = "Call us or email frontdesk@riverside-physical-therapy.example if you have questions about this."
    path = make_content(routine={**knee()["routine"], "intro": intro}, finish=finish)
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    assert code == 0, output
    assert "routine.intro: reading grade" not in output and "finish: reading grade" not in output, output


def test_a_grade_that_rounds_to_the_target_is_not_said_to_be_above_it(make_content, workdir: Path) -> None:
    """A grade of 8.009, said as "reading grade 8.0 (target 8 or below)", was warned of as above 8."""
    finish = "Call us if you have any questions about your exercises today."  # grade 8.009
    assert f"{grade(finish):.1f}" == "8.0" and grade(finish) > 8
    path = make_content(finish=finish)
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    assert code == 0, output
    assert "finish: reading grade" not in output, output


def test_check_finds_each_kind_of_problem(make_content, workdir: Path) -> None:
    hard = (
        "Notwithstanding the aforementioned considerations, practitioners ought systematically to evaluate "
        "musculoskeletal dysfunction, incorporating multidimensional biopsychosocial assessment methodologies."
    )
    steps = [{"title": f"Step {n}", "text": "Stroke gently.", "cue": f"Stroke {n}"} for n in range(1, 13)]
    steps[2]["text"] = hard
    path = make_content(
        routine={"title": "Poor", "steps": steps}, summary="See [@nhs2019] and [@perlman2006].", further_reading=None
    )
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text().replace('primary: "#14545C"', 'primary: "#8FD3DA"'))
    code, output = run("check", str(path), "--brand", str(brand))
    assert code == 0, output  # warnings only
    lines = output.splitlines()
    assert any(line.startswith("warning: ") and "reference 'atkins2015' is never cited" in line for line in lines)
    assert any("brand colour primary #8FD3DA has contrast" in line and "darkened to" in line for line in lines)
    reading = [line for line in lines if "routine.steps[3].text: reading grade" in line]
    assert reading and "hardest sentence" in reading[0] and "Notwithstanding the aforementioned" in reading[0]
    assert "(target 8 or below): shorter sentences and shorter words lower it; hardest sentence" in reading[0]
    assert f"{path}:" in reading[0]
    assert any("routine.steps: 12 steps, each one more for a patient to learn and to find time for" in line for line in lines)
    assert any("large-print poster:" in line for line in lines)

    bad = make_content(name="bad.yaml", finish="Relax → then stand [@nope]", title=["not", "text"])
    code, output = run("check", str(bad), "--brand", str(BRAND))
    assert code == 1
    assert f"error: {bad}:" in output and "title: expected text, got a list" in output

    glyph = make_content(name="glyph.yaml", finish="Relax ✅ then stand.")
    code, output = run("check", str(glyph), "--brand", str(BRAND))
    # and what to do: no font shipped has the tick emoji (a fallback named here, a clinic's emoji font, prints it)
    fix = "write it another way, or add a .ttf font that has it under font.fallback in brand.yaml"
    assert code == 1 and f"no configured font has the character '✅' (U+2705): {fix}" in output

    # YAML's "\0", "\a", "\e": they passed, and made the PDF's metadata (its title) unreadable XML
    control = make_content(name="control.yaml", title="A\x00B\x07C\x1bD\x00")
    code, output = run("check", str(control), "--brand", str(BRAND))
    assert code == 1 and "title: has U+0000, U+0007, U+001B; no page can print a control character" in output

    cite = make_content(name="cite.yaml", finish="Relax [@nope].")
    code, output = run("check", str(cite), "--brand", str(BRAND))
    assert code == 1 and "cites [@nope] but no reference has id 'nope'" in output

    long = make_content(
        name="long.yaml",
        routine={
            "title": "Long",
            "steps": [
                {"title": f"S{n}", "text": "Do it.", "cue": "stroke the whole leg gently upwards from the ankle to the hip " * 2}
                for n in range(1, 40)
            ],
        },
    )
    code, output = run("check", str(long), "--brand", str(BRAND))
    assert code == 1 and f"error: {long}:" in output and ": routine.steps[1].cue: the poster does not fit on one page" in output


# -- several routines, print options ----------------------------------------------------------------


def test_several_routines_build_and_ids_must_differ(make_content, workdir: Path) -> None:
    other = make_content(name="hip.yaml", id="hip-stretches", title="Hip stretches")
    out = workdir / "out"
    code, output = run(
        "build",
        str(workdir / "content.yaml"),
        str(other),
        "--brand",
        str(workdir / "brand.yaml"),
        "--out",
        str(out),
        "--only",
        "handout",
    )
    assert code == 0, output
    assert sorted(p.name for p in out.iterdir()) == ["hip-stretches-handout.pdf", "knee-self-massage-handout.pdf"]
    same = make_content(name="copy.yaml")
    code, output = run(
        "build", str(workdir / "content.yaml"), str(same), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "o2")
    )
    assert code == 1
    assert f"{same}:1: id: 'knee-self-massage' is also the id of {workdir / 'content.yaml'}" in output
    assert not (workdir / "o2").exists()
    # check agrees with build: it said "0 errors" of the same two files
    code, output = run("check", str(workdir / "content.yaml"), str(same), "--brand", str(workdir / "brand.yaml"))
    assert code == 1 and f"{same}:1: id: 'knee-self-massage' is also the id of {workdir / 'content.yaml'}" in output, output
    assert "\n1 error, " in output
    # the same file named twice (as `knee.yaml k*.yaml` names it) is one routine, checked and built once
    code, output = run("check", str(same), str(same), "--brand", str(workdir / "brand.yaml"))
    assert code == 0 and "is also the id of" not in output and "\n0 errors, " in output, output


def _every_mark(path: Path) -> list[tuple[float, float, float, float, str]]:
    with pdfplumber.open(path) as pdf:
        marks = []
        for page in pdf.pages:
            for kind in ("chars", "rects", "curves", "images", "lines"):
                for obj in getattr(page, kind):
                    marks.append((obj["x0"], obj["top"], page.width - obj["x1"], page.height - obj["bottom"], kind))
        return marks


@pytest.mark.slow
@pytest.mark.parametrize("name", ["handout", "poster", "handout-large-print", "poster-large-print"])
def test_nothing_is_printed_within_12_mm_of_the_edge(workdir: Path, name: str) -> None:
    code, output = run(
        "build",
        str(workdir / "content.yaml"),
        "--brand",
        str(workdir / "brand.yaml"),
        "--out",
        str(workdir / "o"),
        "--only",
        name,
    )
    assert code == 0, output
    marks = _every_mark(workdir / "o" / f"knee-self-massage-{name}.pdf")
    assert len(marks) > 100
    too_close = [m for m in marks if min(m[:4]) < 12 * MM - 0.5]
    assert not too_close, too_close[:3]


def test_greyscale(workdir: Path) -> None:
    code, output = run(
        "build",
        str(workdir / "content.yaml"),
        "--brand",
        str(workdir / "brand.yaml"),
        "--out",
        str(workdir / "o"),
        "--greyscale",
        "--only",
        "handout",
        "--only",
        "poster",
    )
    assert code == 0, output
    for name in ("handout", "poster"):
        with pdfplumber.open(workdir / "o" / f"knee-self-massage-{name}.pdf") as pdf:
            colours = {tuple(c["non_stroking_color"] or (0,)) for page in pdf.pages for c in page.chars}
            colours |= {
                tuple(r["non_stroking_color"] or (0,)) for page in pdf.pages for r in page.rects + page.curves if r.get("fill")
            }
        for colour in colours:
            assert len(colour) == 1 or len(set(colour[:3])) == 1, colour  # grey: equal channels
    # The grey of a colour keeps its contrast with white.
    from handouts.media.colours import grey

    for colour in ("#14545C", "#E9A23B", "#7FC8D0"):
        assert contrast(colour, "#FFFFFF") <= contrast(grey(colour), "#FFFFFF") < contrast(colour, "#FFFFFF") + 0.1


def _shoulder_drawing(tmp_path: Path, added: str) -> Path:
    """A copy of the shoulder routine whose last step's drawing draws `added` (SVG) over what it drew."""
    folder = tmp_path / "shoulder"
    shutil.copytree(ROOT / "examples" / "shoulder-rolls", folder)
    svg = (folder / "pictures" / "relax.svg").read_text(encoding="utf-8")
    svg = svg.replace("<svg ", '<svg xmlns:xlink="http://www.w3.org/1999/xlink" ', 1)
    (folder / "pictures" / "relax.svg").write_text(svg.replace("</svg>", added + "</svg>"), encoding="utf-8")
    return folder / "content.yaml"


def _data_png(picture: Any) -> str:
    """A Pillow picture as a data URI an SVG places."""
    import base64
    import io

    png = io.BytesIO()
    picture.save(png, "PNG")
    return "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()


def _pages_rgb(path: Path) -> list[Any]:
    """Each page of the PDF at `path` as PDFium draws it, at half size, in RGB (Pillow pictures)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        return [page.render(scale=0.5).to_pil().convert("RGB") for page in pdf]
    finally:
        pdf.close()


def test_greyscale_prints_step_drawings_and_the_pictures_in_them_grey(tmp_path: Path) -> None:
    """--greyscale, for a clinic's photocopier: every pixel of every page of all four PDFs is grey, the step
    drawings' strokes and fills, a gradient and a coloured picture placed in a drawing too. The drawings' teal
    arrows printed teal (the drawings were drawn as they are; only photos were turned grey), and a gradient red to
    blue after that."""
    from PIL import Image, ImageChops

    placed = f'<image x="10" y="10" width="30" height="30" xlink:href="{_data_png(Image.new("RGB", (8, 8), "#D02020"))}"/>'
    placed += '<defs><linearGradient id="fade"><stop offset="0" stop-color="#FF0000"/><stop offset="1" stop-color="#0000FF"/>'
    placed += '</linearGradient></defs><rect x="50" y="10" width="40" height="20" fill="url(#fade)"/>'
    content = _shoulder_drawing(tmp_path, placed)
    for greyscale in (False, True):
        out = tmp_path / f"out-{greyscale}"
        args = ["build", str(content), "--brand", str(BRAND), "--out", str(out), "--only", "handout"]
        args += ["--only", "poster", "--only", "handout-large-print", "--only", "poster-large-print"]
        code, output = run(*args, *(["--greyscale"] if greyscale else []))
        assert code == 0, output
        coloured = []
        for path in sorted(out.glob("*.pdf")):
            for number, page in enumerate(_pages_rgb(path), 1):
                red, green, blue = page.split()
                most = max(ImageChops.difference(a, b).getextrema()[1] for a, b in ((red, green), (green, blue)))
                if most > 2:
                    coloured.append((path.name, number, most))
        assert bool(coloured) is not greyscale, coloured  # in colour, the band and the drawings are coloured


def test_a_picture_placed_in_a_drawing_keeps_its_transparency(tmp_path: Path) -> None:
    """A transparent PNG with a red square in its middle, placed in a step drawing over a blue rectangle of the
    drawing's: the rectangle shows around the square. Its clear parts printed black, hiding the rectangle
    (reportlab's inline picture has no transparency)."""
    from PIL import Image

    square = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
    square.paste((200, 30, 30, 255), (10, 10, 30, 30))
    added = '<rect x="130" y="10" width="100" height="100" fill="#2050D0"/>'
    added += f'<image x="130" y="10" width="100" height="100" xlink:href="{_data_png(square)}"/>'
    content = _shoulder_drawing(tmp_path, added)
    code, output = run("build", str(content), "--brand", str(BRAND), "--out", str(tmp_path / "out"), "--only", "handout")
    assert code == 0, output
    (path,) = (tmp_path / "out").glob("*.pdf")
    colours = [found for page in _pages_rgb(path) for found in page.getcolors(1 << 24) or []]
    blue = sum(count for count, (r, g, b) in colours if abs(r - 0x20) + abs(g - 0x50) + abs(b - 0xD0) <= 24)
    red = sum(count for count, (r, g, b) in colours if abs(r - 200) + abs(g - 30) + abs(b - 30) <= 24)
    assert blue > 200 and red > 50, (blue, red)  # the rectangle around the square: about 750 pixels at half size


def test_note_on_the_handout(workdir: Path) -> None:
    code, output = run(
        "build",
        str(workdir / "content.yaml"),
        "--brand",
        str(workdir / "brand.yaml"),
        "--out",
        str(workdir / "o"),
        "--only",
        "handout",
        "--note",
        "Twice a day, gently & slowly <b>.",
    )
    assert code == 0, output
    text = flat(pdf_text(workdir / "o" / "knee-self-massage-handout.pdf"))
    assert "A note from your therapist Twice a day, gently & slowly <b>." in text


# -- batch ----------------------------------------------------------------------------------------

NAMES = [
    "Jo Bloggs",
    "Ann Lee",
    "Sam Smith",
    "Priya Patel",
    "Tom O'Neill",
    "Zoë Brontë",
    "Li Wei",
    "Ahmed Khan",
    "Maria García",
    "Olu Adeyemi",
    "Eva Novák",
    "Ian McKay",
    "Ruth Cohen",
    "Kofi Mensah",
    "Sara Nilsson",
    "Noah Brown",
    "Mia Rossi",
    "Hugo Martin",
    "Ada Byrne",
    "Leo Fischer",
]


@pytest.mark.slow
def test_a_20_patient_batch(workdir: Path) -> None:
    csv_path = workdir / "patients.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Patient", "Date", "Routine", "Large print", "Paper", "Note"])
        for index, name in enumerate(NAMES):
            writer.writerow(
                [
                    name,
                    f"2026-12-{index + 1:02d}",
                    "content.yaml",
                    "yes" if index % 5 == 0 else "no",
                    "letter" if index % 2 else "",
                    f"Note for patient {index + 1}",
                ]
            )
        writer.writerow(["Bad Row", "31/02/2026", "content.yaml", "no", "", ""])
        writer.writerow(["Missing Routine", "2026-12-01", "missing.yaml", "no", "", ""])
    out = workdir / "batch"
    result = CliRunner().invoke(main, ["batch", str(csv_path), "--brand", str(workdir / "brand.yaml"), "--out", str(out)])
    assert result.exit_code == 1  # two rows failed
    output = result.output
    assert "built 20 patients (80 files)" in output and "failed 2" in output  # handout, poster, web page, print file
    assert f"{csv_path}:22: date: '31/02/2026' is not a date that exists (check the day and the month: " in output
    assert "missing.yaml: file not found" in output
    for name in [*NAMES, "Bad Row", "Missing Routine"]:
        assert name not in output, "a patient's name was printed"
    folders = sorted(p for p in out.iterdir())
    assert len(folders) == 20
    for index, (folder, name) in enumerate(zip(folders, NAMES, strict=True)):
        pdfs = sorted(folder.glob("*.pdf"))
        expected = ["handout-large-print", "poster-large-print"] if index % 5 == 0 else ["handout", "poster"]
        personal = f"{name_slug(name)}-2026-12-{index + 1:02d}"
        assert [p.name for p in pdfs] == sorted(
            [f"{personal}-print.pdf", *(f"knee-self-massage-{e}-{personal}.pdf" for e in expected)]
        )
        printed = pypdf.PdfReader(folder / f"{personal}-print.pdf")
        sheets = [pypdf.PdfReader(folder / f"knee-self-massage-{e}-{personal}.pdf") for e in expected]
        assert len(printed.pages) == sum(len(sheet.pages) for sheet in sheets)  # the handout, then the poster
        assert printed.pages[-1].mediabox == sheets[-1].pages[0].mediabox
        handout = next(p for p in pdfs if "handout" in p.name)
        with pdfplumber.open(handout) as pdf:  # opened once for its text and its paper
            text, width = flat(pages_text(pdf)), pdf.pages[0].width
        assert f"Prepared for {name} on {index + 1} December 2026" in text
        assert f"Note for patient {index + 1}" in text
        others = [other for other in NAMES if other != name]
        assert not [other for other in others if other in text]
        assert round(width) == (612 if index % 2 else 595)


def test_batch_csv_with_an_unknown_column(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("patient,routines\nJo,content.yaml\n")
    code, output = run("batch", str(path), "--brand", str(BRAND))
    assert code == 1
    assert f"{path}:1: routines: unknown column (did you mean 'routine'?)" in output
    assert "Jo" not in output.replace("routine", "")


def test_every_command_explains_itself() -> None:
    for command in ("build", "check", "init", "batch"):
        code, output = run(command, "--help")
        assert code == 0
        assert "Examples:" in output
    code, output = run("--help")
    assert all(command in output for command in ("build", "check", "init", "batch"))
    assert knee()["id"] == "knee-self-massage"


def test_a_print_file_older_than_the_sheets_just_built_is_warned_of(workdir: Path) -> None:
    """A build without --print-file leaves the print file of an earlier one in the folder: the file a therapist
    sends to the printer. Each print file records its sheets' digests; a build that makes one of them
    differently says so (and can be suppressed), at every build until the print file is made again, and says
    nothing of print files whose sheets are as they were or are other sheets."""
    content, out = workdir / "content.yaml", workdir / "out"
    files = [str(content), "--brand", str(workdir / "brand.yaml"), "--out", str(out)]
    shoulder = ROOT / "examples" / "shoulder-rolls" / "content.yaml"
    patient = ["--patient", "Jo Bloggs", "--date", "2026-12-01"]

    def warned(*args: str) -> list[str]:
        code, output = run("build", *args)
        assert code == 0, output
        return sorted(Path(line.split(": ")[1]).name for line in output.splitlines() if "[old-print-file]" in line)

    assert warned(*files, *patient, "--print-file", "--only", "handout") == []
    printed = (out / "jo-bloggs-2026-12-01-print.pdf").read_bytes()
    assert warned(*files, *patient, "--only", "handout") == []  # the same sheet again
    assert warned(str(content), str(shoulder), *files[1:], "--only", "handout", "--print-file") == []
    knee = yaml.safe_load(content.read_text(encoding="utf-8"))
    (workdir / "other").mkdir()  # another routine whose id begins like this one's
    (workdir / "other" / "content.yaml").write_text(yaml.safe_dump({**knee, "id": "knee"}), encoding="utf-8")
    assert warned(str(workdir / "other" / "content.yaml"), *files[1:], "--only", "handout", "--print-file") == []
    content.write_text(content.read_text(encoding="utf-8").replace("Osteoarthritis is the most", "Arthritis is the most"))
    assert warned(*files, *patient, "--only", "handout-html") == []  # not printed
    assert warned(*files, *patient, "--only", "handout") == ["jo-bloggs-2026-12-01-print.pdf"]
    assert warned(*files, *patient, "--only", "handout") == ["jo-bloggs-2026-12-01-print.pdf"]  # until made again
    assert (out / "jo-bloggs-2026-12-01-print.pdf").read_bytes() == printed  # said, not removed
    assert warned(*files, "--only", "handout") == ["knee-self-massage-shoulder-rolls-print.pdf"]  # a generic sheet
    assert warned(*files, *patient, "--only", "handout", "--suppress", "old-print-file") == []
    assert warned(*files, *patient, "--only", "handout", "--print-file") == []
    assert warned(*files, *patient, "--only", "handout") == []  # made again: as its sheet is


def test_a_print_file_protected_by_a_password_is_left_unjudged(workdir: Path) -> None:
    """A patient's print file protected by a password, as it is to be emailed: the next build without
    --print-file, looking in it for the sheets it holds, ended in a traceback after writing its sheets."""
    content, out = workdir / "content.yaml", workdir / "out"
    files = [str(content), "--brand", str(workdir / "brand.yaml"), "--out", str(out), "--only", "handout"]
    patient = ["--patient", "Jo Bloggs", "--date", "2026-12-01"]
    code, output = run("build", *files, *patient, "--print-file")
    assert code == 0, output
    printed = out / "jo-bloggs-2026-12-01-print.pdf"
    with pikepdf.open(printed, allow_overwriting_input=True) as pdf:
        pdf.save(printed, encryption=pikepdf.Encryption(user="birchwood", owner="birchwood"))
    protected = printed.read_bytes()
    content.write_text(content.read_text(encoding="utf-8").replace("Osteoarthritis is the most", "Arthritis is the most"))
    code, output = run("build", *files, *patient)
    assert code == 0 and output.startswith(f"wrote {out / 'knee-self-massage-handout-jo-bloggs-2026-12-01.pdf'}"), output
    assert "Traceback" not in output and printed.read_bytes() == protected


def test_a_large_print_print_file_is_warned_of_by_a_build_of_every_sheet(workdir: Path) -> None:
    """A print file of the large-print sheets, then a build of every sheet without --print-file that changes
    them: the warning went unsaid, as only the sheets that build's own print file would hold (the standard
    ones) were compared with the print files in the folder."""
    content, out = workdir / "content.yaml", workdir / "out"
    files = [str(content), "--brand", str(workdir / "brand.yaml"), "--out", str(out)]
    code, output = run("build", *files, "--print-file", "--only", "handout-large-print")
    assert code == 0, output
    content.write_text(content.read_text(encoding="utf-8").replace("Osteoarthritis is the most", "Arthritis is the most"))
    code, output = run("build", *files)
    assert code == 0, output
    warned = [line for line in output.splitlines() if "[old-print-file]" in line]
    assert len(warned) == 1 and f"{out / 'knee-self-massage-print.pdf'}: this print file holds" in warned[0], output


def test_a_patients_sheets_never_replace_the_generic_ones(workdir: Path) -> None:
    out = workdir / "out"
    code, _ = run("build", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--out", str(out))
    assert code == 0
    generic = {p.name: p.read_bytes() for p in out.iterdir()}
    args = ["--patient", "Jo Bloggs", "--date", "2026-12-01", "--print-file", "--only", "handout", "--only", "poster"]
    code, output = run("build", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--out", str(out), *args)
    assert code == 0, output
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name in generic} == generic  # untouched
    personal = sorted(set(p.name for p in out.iterdir()) - set(generic))
    assert personal == [
        "jo-bloggs-2026-12-01-print.pdf",
        "knee-self-massage-handout-jo-bloggs-2026-12-01.pdf",
        "knee-self-massage-poster-jo-bloggs-2026-12-01.pdf",
    ]
    printed = pypdf.PdfReader(out / personal[0])
    handout = pypdf.PdfReader(out / personal[1])
    assert len(printed.pages) == len(handout.pages) + 1  # the handout's pages, then the poster
    assert "Prepared for Jo Bloggs" in printed.pages[0].extract_text()
    assert printed.pages[-1].mediabox == pypdf.PdfReader(out / personal[2]).pages[0].mediabox
    assert printed.metadata.title == "Self-massage for knee osteoarthritis"
    first = (out / personal[0]).read_bytes()
    run("build", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--out", str(out), *args)
    assert (out / personal[0]).read_bytes() == first  # byte-identical for identical input


@pytest.mark.parametrize("with_content", [True, False])
def test_init_for_a_clinic_that_writes_spanish_says_its_texts_are_spanish(tmp_path: Path, with_content: bool) -> None:
    """A Mexican clinic typed its tagline and therapist in Spanish; brand.yaml named no language, so they were
    taken as British English and its first check warned twice that they were untranslated. brand.yaml now says
    the clinic's language: the routine's as answered, else the country's."""
    answers = ["Fisioterapia Coyoacán", "Cuidamos tu movimiento", "", "", "", "+52 55 5658 1234", "", "", ""]
    answers += ["Lic. Mariana Hernández, fisioterapeuta", "MX", "911", "800 911 2000", ""]
    answers += ["es-419"] if with_content else []
    args = ("--content",) if with_content else ()
    code, output = run("init", str(tmp_path), *args, input="\n".join(answers) + "\n")
    assert code == 0, output
    brand = yaml.safe_load((tmp_path / "brand.yaml").read_text(encoding="utf-8"))
    assert brand["language"] == ("es-419" if with_content else "es-MX") and "footer" not in brand
    if not with_content:  # a routine added later, beside the brand: only its language is asked
        code, output = run("init", str(tmp_path), "--content", input="es-MX\n")
        assert code == 0, output
    code, output = run("check", str(tmp_path / "content.yaml"))
    assert code == 0 and "[untranslated]" not in output, output


def test_a_print_file_of_several_routines_is_titled_with_each(workdir: Path) -> None:
    """A print file of the knee and shoulder sheets was titled "Self-massage for knee osteoarthritis", with the
    knee's summary as its subject: the name a printer's queue and a PDF viewer show for the shoulder sheets too.
    It now names every routine, and says no subject that describes one of them only."""
    shoulder = ROOT / "examples" / "shoulder-rolls" / "content.yaml"
    out = workdir / "out"
    files = [str(workdir / "content.yaml"), str(shoulder), "--brand", str(workdir / "brand.yaml"), "--out", str(out)]
    code, output = run("build", *files, "--only", "handout", "--print-file")
    assert code == 0, output
    printed = pypdf.PdfReader(out / "knee-self-massage-shoulder-rolls-print.pdf")
    assert printed.metadata.title == "Self-massage for knee osteoarthritis; Shoulder rolls"
    assert printed.metadata.subject is None
    (workdir / "content.yaml").write_text(
        (workdir / "content.yaml")
        .read_text(encoding="utf-8")
        .replace("title: Self-massage", "title: '*Gentle* self-massage", 1)
        .replace("osteoarthritis\n", "osteoarthritis'\n", 1),
        encoding="utf-8",
    )
    code, output = run("build", *files, "--only", "handout", "--print-file")
    assert code == 0, output
    printed = pypdf.PdfReader(out / "knee-self-massage-shoulder-rolls-print.pdf")
    assert printed.metadata.title == "Gentle self-massage for knee osteoarthritis; Shoulder rolls"  # as printed
    assert printed.metadata.subject is None
    assert printed.metadata.author == "Birchwood Massage & Physiotherapy"
