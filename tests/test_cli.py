"""The CLI through click's CliRunner: exit codes and one-line messages for bad input."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import BRAND, CONTENT, ROOT, SHIPPED, flat, pdf_text, run

from handouts import cli
from handouts.cli import main

INVALID = sorted((ROOT / "tests" / "fixtures" / "invalid").glob("*.yaml"))


def expectation(path: Path) -> str:
    first = path.read_bytes().splitlines()[0].decode("utf-8")  # the first line is UTF-8 even where the rest is not
    assert first.startswith("# expect: "), f"{path.name} must start with '# expect: ...'"
    return first.removeprefix("# expect: ")


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("error: ")]


@pytest.mark.slow
@pytest.mark.parametrize("fixture", INVALID, ids=[p.stem for p in INVALID])
def test_each_invalid_fixture_gives_its_message_and_writes_nothing(fixture: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    brand = fixture.name.startswith("brand-")
    existing = out / ("knee-self-massage-handout.pdf" if brand else "mini-handout.pdf")
    existing.write_bytes(b"%PDF-1.4 an earlier build\n")
    files = [str(CONTENT), "--brand", str(fixture)] if brand else [str(fixture), "--brand", str(BRAND)]
    code, output = run("build", *files, "--out", str(out))
    assert code == 1, output
    assert f"error: {fixture}{expectation(fixture)}" in output
    assert "Traceback" not in output
    checked = run("check", *files, "--out", str(out))  # check says what build says, word for word
    assert checked[0] == 1 and error_lines(checked[1]) == error_lines(output), checked[1]
    assert sorted(p.name for p in out.iterdir()) == [existing.name]
    assert existing.read_bytes() == b"%PDF-1.4 an earlier build\n"


@pytest.mark.parametrize("key", ["tagline", "therapist", "footer", "feedback", "large_print_note"])
@pytest.mark.parametrize(
    ("value", "said"),
    [
        ('""', ": must not be empty"),
        ('"\\u200b"', ": has only characters that print nothing"),
        ('{en: ""}', ".en: must not be empty"),
    ],
)
def test_a_brand_text_left_empty_is_one_line_in_words(tmp_path: Path, key: str, value: str, said: str) -> None:
    """A brand text (the same in every language, or one per language) left empty was said once per branch of
    the union, under pydantic's tags: `tagline.function-after[_non_blank(), str]: must not be empty` and
    `tagline.dict[str,str]: expected a mapping of keys, got text`; `{en: ""}` said 'en: expected text, got text'
    (and is said at its language's key)."""
    brand = tmp_path / "brand.yaml"
    brand.write_text(f'name: Example Clinic\ncolors:\n  primary: "#1F6F78"\n{key}: {value}\n', encoding="utf-8")
    code, output = run("check", str(CONTENT), "--brand", str(brand))
    errors = [line for line in output.splitlines() if line.startswith("error: ")]
    assert code == 1 and len(errors) == 1, output
    assert errors[0].startswith(f"error: {brand}:4: {key}{said}"), errors


@pytest.mark.parametrize("key", ["labels", "tagline"])
def test_one_language_given_twice_in_other_capitals_is_said_at_the_second(tmp_path: Path, key: str) -> None:
    """`{pl: …, PL: …}` (a clinic's labels, or a text per language) is one language twice, as a tag's capitals
    carry no meaning: the last was taken and the other dropped, unsaid. It is said at the second's line."""
    texts = {"labels": ('\n    questions: "Pytania? %(phone)s"',) * 2, "tagline": (" Masaż", " Fizjoterapia")}[key]
    brand = tmp_path / "brand.yaml"
    brand.write_text(
        f'name: Example Clinic\ncolors:\n  primary: "#1F6F78"\n{key}:\n  pl:{texts[0]}\n  de:{texts[0]}\n  PL:{texts[1]}\n',
        encoding="utf-8",
    )
    code, output = run("check", str(CONTENT), "--brand", str(brand))
    errors = [line for line in output.splitlines() if line.startswith("error: ")]
    line = 7 if key == "tagline" else 9
    assert code == 1 and errors == [
        f"error: {brand}:{line}: {key}.PL: the same language as pl (capitals make no difference): keep one"
    ], output


@pytest.mark.parametrize(("key", "line"), [("contact.email", "contact:\n  email: ''"), ("tagline", "tagline: ''")])
def test_an_optional_text_left_empty_in_quotes_says_the_line_may_go(tmp_path: Path, key: str, line: str) -> None:
    """`email: ''` was refused as 'must not be empty', where `email:` with nothing after it is taken: an optional
    text so left is told it may be deleted; a required one (a routine's title) is not."""
    brand = tmp_path / "brand.yaml"
    brand.write_text(f'name: Example Clinic\ncolors:\n  primary: "#1F6F78"\n{line}\n', encoding="utf-8")
    code, output = run("check", str(CONTENT), "--brand", str(brand))
    errors = [each for each in output.splitlines() if each.startswith("error: ")]
    assert code == 1 and errors == [
        f"error: {brand}:{4 + line.count(chr(10))}: {key}: must not be empty: write it, or delete the line (it is optional)"
    ], output
    content = tmp_path / "content.yaml"
    content.write_text(yaml.safe_dump({**yaml.safe_load(CONTENT.read_text(encoding="utf-8")), "title": ""}), encoding="utf-8")
    code, output = run("check", str(content), "--brand", str(BRAND))
    assert any(each.endswith(": title: must not be empty") for each in output.splitlines()), output


LARGE_PRINT_NOTED = ("--only", "handout", "--only", "handout-large-print")  # the note says the large print is made


@pytest.mark.parametrize("value", ["no", "Off", "false"])
def test_a_large_print_note_of_no_leaves_the_note_out(tmp_path: Path, value: str) -> None:
    """`large_print_note: no`, as a clinic writes 'leave it out', is text to YAML 1.2: the handout printed the
    word "no" where its line about the large-print copy goes. It leaves the note out, as false does."""
    brand = tmp_path / "brand.yaml"
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    brand.write_text(BRAND.read_text(encoding="utf-8") + f"large_print_note: {value}\n", encoding="utf-8")
    code, output = run("build", str(CONTENT), "--brand", str(brand), "--out", str(tmp_path / "out"), *LARGE_PRINT_NOTED)
    assert code == 0, output
    lines = pdf_text(tmp_path / "out" / "knee-self-massage-handout.pdf").splitlines()
    assert value not in lines and not any("large print" in line for line in lines), lines


@pytest.mark.parametrize("value", ["yes", "On", "true"])
def test_a_large_print_note_of_yes_is_refused_as_true_is(tmp_path: Path, value: str) -> None:
    """`large_print_note: yes` printed the word "yes" as the note, where the clinic meant the default note."""
    brand = tmp_path / "brand.yaml"
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    brand.write_text(BRAND.read_text(encoding="utf-8") + f"large_print_note: {value}\n", encoding="utf-8")
    code, output = run("check", str(CONTENT), "--brand", str(brand))
    line = len(brand.read_text(encoding="utf-8").splitlines())
    assert code == 1, output
    assert (
        f"error: {brand}:{line}: large_print_note: expected the note's text, or false to leave it out; got '{value}': "
        "leave it out for the default note"
    ) in output.splitlines(), output


def test_init_help_says_what_answering_no_does() -> None:
    """init's help said 'init asks first, before any other question (no changes nothing)': a reader took 'no
    changes nothing' for a slip; it says what is asked and what answering no does."""
    code, output = run("init", "--help")
    assert code == 0
    assert "init asks whether to replace them before any other question (answered no, it changes nothing)" in flat(output), output


def test_init_help_examples_do_what_they_say_run_in_turn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """init's examples ran `handouts init my-clinic --content` twice, the second said to keep brand.yaml and add
    content.yaml: run after the first, it found both there and asked to replace them. Each example, run in turn
    in an empty folder with every question answered by its default, does what its comment says."""
    from handouts.cli import INIT_EXAMPLES

    monkeypatch.chdir(tmp_path)
    examples = [line.strip().split("#") for line in INIT_EXAMPLES.splitlines() if line.strip().startswith("handouts init")]
    assert len(examples) == 4
    for command, said in examples:
        before = {path: path.read_bytes() for path in tmp_path.rglob("*.yaml")}
        code, output = run(*command.split()[1:], input="\n" * 20)
        assert code == 0 and "Replace with new answers?" not in output, (command, output)
        for kept in re.findall(r"keeps ([^\s,]+)", said):
            assert before[Path(kept).absolute()] == Path(kept).read_bytes() and f"keeping {Path(kept)}" in output, command
        for written in re.findall(r"(?:writes|adds|replacing) (\S+)", said):
            assert re.search(rf"^wrote \S*{re.escape(written.removeprefix('./'))}$", output, flags=re.M), (command, output)
    assert sorted(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*.yaml")) == [
        "brand.yaml",
        "content.yaml",
        "my-clinic/brand.yaml",
        "my-clinic/content.yaml",
    ]


def test_init_in_a_folder_it_cannot_write_to_says_so_before_any_question(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """init in a read-only folder (a locked share, a disk mounted read-only) asked all its questions, then said it
    could not write, the answers lost. It says so first, asking nothing, for a folder still to be made too, and
    what to do (the system's words alone said only why)."""
    from handouts import output

    def refused(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(output.tempfile, "TemporaryFile", refused)
    monkeypatch.chdir(tmp_path)
    for folder in (".", "new-clinic"):
        code, output_text = run("init", folder, input="\n" * 20)
        assert code == 1 and "Clinic name" not in output_text, output_text
        assert output_text == (
            "error: cannot write to .: Read-only file system; choose a folder you can write to (nothing was changed)\n"
        )
    assert list(tmp_path.iterdir()) == []


def test_check_help_says_what_check_does_with_builds_output_options() -> None:
    """check takes build's --out, --print-file and --open so that a build's command checks as it is, and its help
    said of them what build does: 'Folder the PDFs are written to, made if missing', 'Also write one PDF to
    print', 'Open the print file', though check writes and opens nothing. build's help still says so."""
    code, output = run("check", "--help")
    assert code == 0
    said = flat(output)
    assert "--out PATH The folder build would write to, checked as build would write to it" in said
    assert "--print-file Check the print file build would write too" in said
    assert "--open Taken as build takes it, so that build's command checks as it is; check opens nothing." in said
    assert "made if missing" not in said and "Also write one PDF" not in said and "in the system's viewer" not in said
    code, output = run("build", "--help")
    assert "--out PATH Folder the PDFs are written to, made if missing" in flat(output)


def test_all_problems_are_reported_not_just_the_first(tmp_path: Path) -> None:
    bad = tmp_path / "content.yaml"
    bad.write_text("id: x\ntitle: [1]\nsafety: {points: []}\nroutine: {title: R, steps: [{title: T}]}\nextra: 1\n")
    code, output = run("build", str(bad), "--brand", str(BRAND), "--out", str(tmp_path / "out"))
    assert code == 1
    lines = [line for line in output.splitlines() if line.startswith("error: ")]
    assert f"error: {bad}:2: title: expected text, got a list" in lines
    assert f"error: {bad}:3: safety.points: must not be empty" in lines
    assert f"error: {bad}:4: routine.steps[1].text: required key is missing: add what to do in the step, e.g. " in " ".join(lines)
    assert f"error: {bad}:5: extra: unknown key" in " ".join(lines)


@pytest.mark.parametrize(
    ("file", "text", "said"),
    [
        (
            "content",
            "  steps:\n    - tittle: Warm up\n      text: Move.\n",
            ":7: routine.steps[1].tittle: unknown key (did you mean 'title'?)",
        ),
        ("brand", 'name: Example Clinic\ncolours:\n  primary: "#1F6F78"\n', ":2: colours: unknown key (did you mean 'colors'?)"),
    ],
)
def test_a_misspelt_required_key_is_one_error_not_two(tmp_path: Path, file: str, text: str, said: str) -> None:
    """`tittle:` for `title:` was said twice: 'title: required key is missing' and 'tittle: unknown key (did
    you mean 'title'?)', two errors for one slip, the first sending the user to add a key they had written."""
    content, brand = tmp_path / "content.yaml", tmp_path / "brand.yaml"
    content.write_text(
        "id: x\ntitle: T\nsafety: {points: [Stop if it hurts.]}\nroutine:\n  title: R\n"
        + (text if file == "content" else "  steps: [{title: W, text: Move.}]\n")
    )
    brand.write_text(text if file == "brand" else BRAND.read_text(encoding="utf-8"), encoding="utf-8")
    if file == "content":
        shutil.copytree(BRAND.parent / "assets", tmp_path / "assets")
    code, output = run("check", str(content), "--brand", str(brand))
    errors = [line for line in output.splitlines() if line.startswith("error: ")]
    assert code == 1
    assert errors == [f"error: {content if file == 'content' else brand}{said}"], output


@pytest.mark.parametrize("space", ["\u00a0", "\u3000"])
def test_a_line_indented_with_a_pasted_space_says_so(tmp_path: Path, space: str) -> None:
    """A step's line indented with a non-breaking space first (pasted from Word) is no indent to YAML: the line is a
    key of the file's top level, and was said as "'\\xa0     reps': unknown key (expected one of: id, language,
    title…)", a key no one could see, among keys that never belonged in a step. The pasted space is now said, at
    that line, with what to do."""
    content = tmp_path / "content.yaml"
    content.write_text(
        "id: x\ntitle: T\nsafety: {points: [Stop if it hurts.]}\nroutine:\n  title: R\n  steps:\n"
        f"    - title: Warm up\n      text: Move.\n{space}     reps: 10\n",
        encoding="utf-8",
    )
    shutil.copytree(BRAND.parent / "assets", tmp_path / "assets")
    code, output = run("check", str(content), "--brand", str(BRAND))
    errors = [line for line in output.splitlines() if line.startswith("error: ")]
    assert code == 1
    assert len(errors) == 1, output
    assert errors[0].startswith(f"error: {content}:9: "), output
    assert f"starts with a space pasted from a word processor (U+{ord(space):04X}), not a space YAML indents with" in errors[0]
    assert "'reps' is read as a key of its own" in errors[0] and "expected one of" not in errors[0], output


def test_builds_the_handout_and_says_where(tmp_path: Path) -> None:
    code, output = run("build", str(CONTENT), "--brand", str(BRAND), "--out", str(tmp_path))
    assert code == 0, output
    assert f"wrote {tmp_path / 'knee-self-massage-handout.pdf'}" in output
    assert (tmp_path / "knee-self-massage-handout.pdf").read_bytes().startswith(b"%PDF")


def test_uncited_reference_is_a_warning_not_an_error(make_content, workdir: Path) -> None:
    path = make_content(further_reading=None)
    code, output = run("build", str(path), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out"))
    assert code == 0
    assert "warning: " in output and "reference 'atkins2015' is never cited (it is still listed): " in output
    # what to do about it: cite it, keep it as further reading, or delete it (citing it was not said)
    assert (
        "cite it as [@atkins2015] in a text, list its id under further_reading if that is meant, or delete it [uncited-reference]"
    ) in output, output


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_missing_citation_written_twice_in_a_text_is_said_once(make_content, workdir: Path, command: str) -> None:
    """build said `summary: cites [@nope] but no reference has id 'nope'` once per time the text cites it;
    check said it once."""
    path = make_content(summary="Massage helps [@nope]. It helps again [@nope], and with [@nope; @nhs2019].")
    args = [command, str(path), "--brand", str(workdir / "brand.yaml"), "--only", "handout"]
    code, output = run(*args, *(["--out", str(workdir / "out")] if command == "build" else []))
    errors = [line for line in output.splitlines() if line.startswith("error: ")]
    assert code == 1 and errors == [f"error: {path}:5: summary: cites [@nope] but no reference has id 'nope'"], output


def test_build_says_no_warning_of_a_kind_it_was_told_to_suppress(make_content, workdir: Path) -> None:
    """`--suppress` (and brand.yaml's suppress_warnings) silences a kind of warning on `build` as on `check`:
    build used to say every warning whatever it was told, and a reference never cited had no kind to name."""
    path = make_content(further_reading=None)
    args = ["build", str(path), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out")]
    code, output = run(*args)
    assert code == 0 and "[uncited-reference]" in output and "[poster-extras]" in output, output
    code, output = run(*args, "--suppress", "uncited-reference")
    assert code == 0 and "[uncited-reference]" not in output and "[poster-extras]" in output, output
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8") + "\nsuppress_warnings: [poster-extras]\n", encoding="utf-8")
    code, output = run(*args)
    assert code == 0 and "[uncited-reference]" in output and "[poster-extras]" not in output, output


def test_the_warning_of_a_poster_leaving_things_out_says_how_to_keep_them() -> None:
    """The shipped knee routine's posters leave out their tracker and QR code to fit eleven steps; the warning
    said what went, not what a therapist could do to keep it: it names the cues to shorten, the longest first
    (step 1's, "Warm up, seated or holding on"), and fewer steps. "Leave more room", not "keep them": a
    large-print poster may still give them up to be as large as the standard one."""
    code, output = run("check", str(SHIPPED), "--brand", str(BRAND))
    said = [line for line in output.splitlines() if line.endswith("[poster-extras]")]
    assert code == 0 and len(said) == 2, output
    assert all(
        "so that the steps fit at" in line
        and ": shorter cues (the longest is step 1's) or fewer steps leave more room for them [poster-extras]" in line
        for line in said
    ), said


def test_the_warning_of_a_poster_leaving_things_out_names_no_cue_to_shorten_where_each_is_a_word(workdir: Path) -> None:
    """Where every cue is one word, none can be shorter: the large-print poster's warning told a therapist to
    shorten step 1's cue ("the longest", of eleven equal ones); it now says only that fewer steps leave room."""
    content = workdir / "content.yaml"
    content.write_text(re.sub(r"(?m)^(\s+cue: ).*$", r"\1Stroke", SHIPPED.read_text(encoding="utf-8")), encoding="utf-8")
    code, output = run("check", str(content), "--brand", str(BRAND))
    (said,) = [line for line in output.splitlines() if line.endswith("[poster-extras]")]
    assert code == 0 and said.endswith("fit at 18 pt or more: fewer steps leave more room for them [poster-extras]"), said


@pytest.mark.parametrize("greyscale", [False, True])
def test_the_warning_of_a_darkened_brand_colour_says_how_to_choose_its_shade(workdir: Path, greyscale: bool) -> None:
    """A pale brand colour is darkened for text; the warning said so and left a clinic to wonder what to do: it
    names where to set a shade of its own, with one to start from (none in greyscale, where a grey set in
    brand.yaml would print the colour sheets grey too)."""
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace('primary: "#14545C"', 'primary: "#8FD3DA"'), encoding="utf-8")
    args = ["check", str(workdir / "content.yaml"), "--brand", str(brand), *(["--greyscale"] if greyscale else [])]
    code, output = run(*args)
    (said,) = [line for line in output.splitlines() if line.endswith("[contrast]")]
    suggested = "" if greyscale else r" \(#[0-9A-F]{6}, say\)"
    assert code == 0 and re.search(
        f"; to choose the shade yourself, set colors.primary in brand.yaml{suggested} and run check again \\[contrast\\]$", said
    ), said


def test_a_greyscale_contrast_warning_names_the_colour_typed_in_brand_yaml(workdir: Path) -> None:
    """With --greyscale the warning named only the grey ("brand colour primary #515151"), which the clinic never
    typed and could not find in brand.yaml: it names the colour typed, then the grey printed in its place."""
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace('primary: "#14545C"', 'primary: "#8FD3DA"'), encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(brand), "--greyscale")
    (said,) = [line for line in output.splitlines() if line.endswith("[contrast]")]
    assert code == 0 and re.search(r"brand colour primary #8FD3DA \(in greyscale #[0-9A-F]{6}\) has contrast", said), said


@pytest.mark.parametrize("primary", ["#8FD3DA", "#E9A23B", "#4FC3F7"])
def test_the_shade_a_contrast_warning_suggests_is_printed_as_set(workdir: Path, primary: str) -> None:
    """The shade suggested for a darkened primary, set in brand.yaml, clears the warning: an orange's suggestion
    (its large-print shade) darkened the boxes' tint with it, and was darkened again, with a new suggestion."""
    brand = workdir / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    args = ["check", str(workdir / "content.yaml"), "--brand", str(brand)]
    brand.write_text(text.replace('primary: "#14545C"', f'primary: "{primary}"'), encoding="utf-8")
    code, output = run(*args)
    (said,) = [line for line in output.splitlines() if line.endswith("[contrast]")]
    (shade,) = re.findall(r"set colors.primary in brand.yaml \((#[0-9A-F]{6}), say\)", said)
    brand.write_text(text.replace('primary: "#14545C"', f'primary: "{shade}"'), encoding="utf-8")
    code, output = run(*args)
    assert code == 0 and "[contrast]" not in output, (shade, output)


def test_the_shades_contrast_warnings_suggest_together_are_printed_as_set(workdir: Path) -> None:
    """A pale primary and a mid-grey text, each darkened: the text's shade was suggested for the primary as it
    was, and set together with the primary's (darker, so its boxes' tint is darker) it was darkened again."""
    brand = workdir / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    args = ["check", str(workdir / "content.yaml"), "--brand", str(brand)]
    brand.write_text(text.replace('"#14545C"', '"#4FC3F7"').replace('text: "#1A1A1A"', 'text: "#6F6F6F"'), encoding="utf-8")
    code, output = run(*args)
    shades = dict(re.findall(r"set colors.(primary|text) in brand.yaml \((#[0-9A-F]{6}), say\)", output))
    assert code == 0 and set(shades) == {"primary", "text"}, output
    chosen = text.replace('"#14545C"', f'"{shades["primary"]}"').replace('text: "#1A1A1A"', f'text: "{shades["text"]}"')
    brand.write_text(chosen, encoding="utf-8")
    code, output = run(*args)
    assert code == 0 and "[contrast]" not in output, (shades, output)


def test_batch_says_no_warning_of_a_kind_it_was_told_to_suppress(make_content, workdir: Path) -> None:
    """`batch --suppress` as on `build` (batch had no --suppress; only brand.yaml's suppress_warnings)."""
    path = make_content(further_reading=None)
    patients = workdir / "patients.csv"
    patients.write_text(f"patient,routine,date\nJo Bloggs,{path.name},2026-12-01\n", encoding="utf-8")
    args = ["batch", str(patients), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out")]
    code, output = run(*args)
    assert code == 0 and "[uncited-reference]" in output, output
    code, output = run(*args, "--suppress", "uncited-reference")
    assert code == 0 and "warning:" not in output and "built 1 patient (4 files)" in output, output
    # it ended '; failed 0', a word of failure where nothing failed
    assert output.splitlines()[-1] == f"built 1 patient (4 files) in {workdir / 'out'}", output


def test_a_patients_list_naming_its_routines_by_a_pattern_is_told_to_name_each_file(make_content, workdir: Path) -> None:
    """`routines/*.yaml`, as a command line takes it, was told to 'rename the file without *': there is no such
    file to rename. It is said to be a pattern, and that a row names each of its routine files."""
    (workdir / "routines").mkdir()
    shutil.copy(make_content(), workdir / "routines" / "knee.yaml")
    patients = workdir / "patients.csv"
    patients.write_text("patient,routine\nJo Bloggs,routines/*.yaml\n", encoding="utf-8")
    code, output = run("batch", str(patients), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out"))
    assert code == 1, output
    assert [line for line in output.splitlines() if line.startswith("error:")] == [
        f"error: {patients}:2: routine: 'routines/*.yaml' is a pattern, and no file has that name: a patient's row "
        "names each of its routine files by its whole name (several separated by ';'), not by a pattern"
    ], output
    assert not list(workdir.rglob("*.pdf")), "nothing is written"


def test_further_reading_is_listed_on_purpose_and_checked(make_content, workdir: Path) -> None:
    code, output = run("check", str(CONTENT), "--brand", str(BRAND))
    assert code == 0 and "never cited" not in output
    path = make_content(further_reading=["atkins2105"])
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    assert code == 1
    assert f"{path}:" in output and "further_reading[1]: no reference has id 'atkins2105' (did you mean 'atkins2015'?)" in output


def test_bad_date_option(tmp_path: Path) -> None:
    code, output = run("build", str(CONTENT), "--brand", str(BRAND), "--out", str(tmp_path), "--date", "next week")
    assert code == 2  # a usage error, as Click has it
    assert "expected a date as YYYY-MM-DD or as en-GB writes it (01/12/2026), got 'next week'" in output
    code, output = run("build", str(CONTENT), "--brand", str(BRAND), "--out", str(tmp_path), "--date", "31/02/2026")
    assert code == 2 and "'31/02/2026' is not a date that exists" in output
    code, output = run("build", str(CONTENT), "--brand", str(BRAND), "--out", str(tmp_path), "--date", "9999-12-31")
    assert code == 2 and "'9999-12-31' is in the year 9999: a year from 1900 to 2200 is expected" in output, output
    assert "Traceback" not in output
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("--only", "posters"),
            "'--only': 'posters' is not one of handout, poster, handout-large-print, poster-large-print, handout-html "
            "(did you mean 'poster'?)",
        ),
        (("--paper", "A5"), "'--paper': 'A5' is not one of A4, letter, A3"),
        (  # a part of an output's name: told nothing, or told one of the two that hold it
            ("--only", "html"),
            "'--only': 'html' is not one of handout, poster, handout-large-print, poster-large-print, handout-html "
            "(did you mean 'handout-html'?)",
        ),
        (
            ("--only", "large-print"),
            "'--only': 'large-print' is not one of handout, poster, handout-large-print, poster-large-print, "
            "handout-html (did you mean 'handout-large-print' or 'poster-large-print'?)",
        ),
        (  # a list typed with commas was told it meant 'handout-large-print'
            ("--only", "handout,handout-large-print"),
            "'--only': 'handout,handout-large-print': one at a time, each with its own --only: --only handout "
            "--only handout-large-print",
        ),
        (
            ("--only", "handout,posterz"),
            "'--only': 'posterz' is not one of handout, poster, handout-large-print, poster-large-print, handout-html "
            "(did you mean 'poster'?); and one at a time, each with its own --only",
        ),
        (("--orientation", "sideways"), "'--orientation': 'sideways' is not one of landscape, portrait"),
        # One paper: told to give `--paper A4 --paper letter`, which takes the last
        (("--paper", "A4,letter"), "'--paper': 'A4,letter' is not one of A4, letter, A3 (did you mean 'letter'?)"),
    ],
)
def test_a_mistyped_choice_is_said_as_written_with_the_one_meant(tmp_path: Path, args: tuple[str, ...], said: str) -> None:
    """`--only posters` listed the choices with no word of the one meant, and `--paper A5` listed them as
    'a4', 'letter', 'a3', not as --help, the README and the brand write them."""
    code, output = run("check", str(CONTENT), "--brand", str(BRAND), *args)
    assert code == 2
    assert f"error: Invalid value for {said}\n" in output


def test_a_mistyped_warning_kind_is_answered_with_the_one_meant() -> None:
    code, output = run("check", str(CONTENT), "--brand", str(BRAND), "--suppress", "contrats")
    assert code == 2
    assert "error: Invalid value for '--suppress': 'contrats' is not one of contrast, no-catalog, " in output
    assert output.endswith(", old-print-file (did you mean 'contrast'?)\n")


def test_shell_completion_offers_paper_as_it_is_written(monkeypatch) -> None:
    """bash completed `--paper a` as a4 and a3, though --help and the README write A4 and A3."""
    monkeypatch.setenv("COMP_WORDS", "handouts build --paper a")
    monkeypatch.setenv("COMP_CWORD", "3")
    result = CliRunner().invoke(main, [], prog_name="handouts", env={"_HANDOUTS_COMPLETE": "bash_complete"})
    assert result.output.split() == ["plain,A4", "plain,A3"]


def test_help_shows_paper_as_it_is_written() -> None:
    code, output = run("build", "--help")
    assert code == 0 and "--paper [A4|letter|A3]" in output


@pytest.mark.parametrize("option", ["--patient", "--therapist"])
def test_a_blank_name_is_a_usage_error_and_writes_nothing(tmp_path: Path, option: str) -> None:
    """`--patient ""` (a script's empty variable) made the sheet every patient gets, with this patient's note
    and date on it; a batch's list refuses the same name."""
    (tmp_path / "out").mkdir()
    generic = tmp_path / "out" / "knee-self-massage-handout.pdf"
    generic.write_bytes(b"%PDF- the sheet every patient gets")
    args = ["--brand", str(BRAND), "--out", str(tmp_path / "out"), "--only", "handout", "--note", "Take 2 tablets"]
    for blank in ("", "   "):
        code, output = run("build", str(CONTENT), *args, option, blank)
        assert code == 2 and f"Invalid value for '{option}': is empty" in output, output
    for invisible in ("\u200b", "\u2060 \ufeff", "\u3164"):  # zero-width space, word joiner, a blank Hangul letter
        code, output = run("build", str(CONTENT), *args, option, invisible)
        assert code == 2 and f"Invalid value for '{option}': has only characters that print nothing" in output, output
    assert generic.read_bytes() == b"%PDF- the sheet every patient gets" and len(list(tmp_path.glob("out/*"))) == 1


def test_date_option_takes_what_a_patients_list_takes(tmp_path: Path) -> None:
    args = ["--brand", str(BRAND), "--out", str(tmp_path), "--only", "handout", "--patient", "Jo Bloggs"]
    code, output = run("build", str(CONTENT), *args, "--date", "01/12/2026")
    assert code == 0, output
    assert "Prepared for Jo Bloggs on 1 December 2026" in flat(
        pdf_text(tmp_path / "knee-self-massage-handout-jo-bloggs-2026-12-01.pdf")
    )


@pytest.mark.parametrize("command", ["build", "check", "batch"])
def test_out_has_the_short_name_o_as_other_tools_write_it(tmp_path: Path, command: str) -> None:
    """`-o printouts`, as compilers and converters take it (pandoc, wkhtmltopdf): the same folder as --out, and
    said in each command's help."""
    code, output = run(command, "--help")
    assert code == 0 and "-o, --out PATH" in output, output
    if command == "build":
        code, output = run("build", str(CONTENT), "--brand", str(BRAND), "-o", str(tmp_path), "--only", "handout")
        assert code == 0, output
        assert pdf_text(tmp_path / "knee-self-massage-handout.pdf").startswith("Birchwood")


def test_out_that_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.write_text("not a folder")
    code, output = run("build", str(CONTENT), "--brand", str(BRAND), "--out", str(target))
    assert code == 1
    assert f"--out {target}: is a file, not a folder" in output
    assert target.read_text() == "not a folder"


@pytest.mark.parametrize("command", ["build", "check", "batch"])
def test_a_file_where_the_default_folder_goes_is_said_as_the_default(workdir: Path, command: str) -> None:
    """Without --out, a file named out beside the routine was said as "--out out: is a file", an option the user
    never typed; it is said as the default folder, with the option that names another. Nothing is written."""
    (workdir / "out").write_text("not a folder")
    (workdir / "patients.csv").write_text("patient,routine\nJo Bloggs,content.yaml\n")
    given = str(workdir / ("patients.csv" if command == "batch" else "content.yaml"))
    code, output = run(command, given)
    default = "(where outputs go when --out is not given: name another folder with --out)"
    said = f"error: {workdir / 'out'}: is a file, not a folder {default}\n"
    assert code == 1 and said in output and f"--out {workdir}" not in output, output
    assert (workdir / "out").read_text() == "not a folder"


def test_a_brand_and_a_routine_given_the_wrong_way_round_are_one_line_each(tmp_path: Path) -> None:
    """The brand given as the routine (and the routine as the brand) was fifteen lines: every key of one file
    unknown to the other, and every key the other needs missing."""
    out = tmp_path / "out"
    code, output = run("build", str(BRAND), "--brand", str(CONTENT), "--out", str(out))
    assert code == 1
    errors = [line for line in output.splitlines() if line.startswith("error: ")]
    assert [re.sub(r":\d+:", ":N:", line) for line in errors] == [
        f"error: {BRAND}:N: this is a brand file (it has name and colors), not a routine: give it with --brand",
        f"error: {CONTENT}:N: this is a routine (it has id, title, safety and routine), not a brand file: give it as "
        "the routine, and the clinic's brand.yaml as --brand",
    ]
    assert not out.exists()


def test_a_brand_given_after_the_routine_is_said_to_go_with_brand(workdir: Path) -> None:
    """`handouts build content.yaml brand.yaml`, as a new user types the two files, said the brand was not a
    routine, and not how to give it."""
    code, output = run("build", str(workdir / "content.yaml"), str(workdir / "brand.yaml"))
    assert code == 1 and not (workdir / "out").exists()
    said = "this is a brand file (it has name and colors), not a routine: give it with --brand"
    assert output == f"error: {workdir / 'brand.yaml'}:2: {said}\n"


def test_missing_content_file(tmp_path: Path) -> None:
    code, output = run("build", str(tmp_path / "nope.yaml"), "--brand", str(BRAND), "--out", str(tmp_path))
    assert code == 1
    assert f"error: {tmp_path / 'nope.yaml'}: file not found" in output


@pytest.mark.parametrize("command", ["build", "check", "serve"])
def test_a_folder_given_as_the_routine_names_the_routine_in_it(workdir: Path, monkeypatch, command: str) -> None:
    """`handouts build my-clinic`, the folder init made, said 'brand.yaml: file not found (looked in here)' with
    brand.yaml in that folder: the folder was taken for a file, and its brand looked for beside it."""
    monkeypatch.chdir(workdir.parent)
    code, output = run(command, workdir.name)
    assert (code, output) == (
        1,
        f"error: {workdir.name}: is a folder, not a YAML file; give the routine in it: "
        f"`handouts {command} {workdir.name}/content.yaml`\n",
    )
    (workdir / "content.yaml").unlink()
    code, output = run(command, workdir.name)
    assert (code, output) == (1, f"error: {workdir.name}: is a folder, not a YAML file; give a routine's file (content.yaml)\n")


def test_a_folder_no_shell_reads_as_typed_is_told_to_run_the_command_in_it(tmp_path: Path, monkeypatch) -> None:
    """A folder whose name some shell reads part of even in quotes (`Clinic $5`) was told to run
    `handouts check Clinic $5/*.yaml`, which no shell runs as meant: it is told to run the command in the folder."""
    folder = tmp_path / "Clinic $5"
    folder.mkdir()
    shutil.copy(CONTENT, folder / "knee.yaml")
    monkeypatch.chdir(tmp_path)
    code, output = run("check", folder.name)
    said = 'give a routine\'s file in it, or every one: `handouts check "*.yaml"` in that folder'
    assert (code, output) == (1, f"error: Clinic $5: is a folder, not a YAML file; {said}\n")
    shutil.copy(CONTENT, folder / "content.yaml")
    code, output = run("check", folder.name)
    said = "give the routine in it: `handouts check content.yaml` in that folder"
    assert (code, output) == (1, f"error: Clinic $5: is a folder, not a YAML file; {said}\n")


@pytest.mark.parametrize("suffix", [".yaml", ".yml"])
def test_a_folder_of_routines_given_as_the_routine_names_the_wildcard_for_each(
    workdir: Path, make_content, monkeypatch, suffix: str
) -> None:
    """A folder of routines (knee.yaml, hip.yaml beside brand.yaml; or saved as .yml) given whole was told to 'give
    a routine's file (content.yaml)', a file it does not have: the wildcard named matches them, and the command
    that checks every one of them works as said."""
    (workdir / "content.yaml").unlink()
    for name in ("knee", "hip"):
        make_content(name=f"{name}{suffix}", id=f"{name}-routine")
    monkeypatch.chdir(workdir.parent)
    code, output = run("check", workdir.name)
    said = f'give a routine\'s file in it, or every one: `handouts check "{workdir.name}/*{suffix}"`'
    assert (code, output) == (1, f"error: {workdir.name}: is a folder, not a YAML file; {said}\n")
    code, output = run("check", f"{workdir.name}/*{suffix}")
    assert code == 0 and "error:" not in output and "0 errors" in output, output


@pytest.mark.parametrize("command", ["build", "check", "serve"])
def test_a_patients_list_given_as_the_routine_names_batch(workdir: Path, monkeypatch, command: str) -> None:
    """`handouts check patients.csv` said "expected a mapping of keys at the top level, got text": the list was
    read as a routine. It names the command that reads it, and nothing is written."""
    (workdir / "patients.csv").write_text((ROOT / "examples" / "patients.csv").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(workdir)
    code, output = run(command, "patients.csv", "--brand", "brand.yaml")
    said = "error: patients.csv: is a patients list, not a routine; to print each patient's sheets, run "
    assert (code, output) == (1, said + "`handouts batch patients.csv`\n")
    assert not (workdir / "out").exists()


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_patients_list_saved_as_unicode_text_names_batch(workdir: Path, monkeypatch, command: str) -> None:
    """Excel's "Unicode Text" saves a patients list as patients.txt, UTF-16 and tab separated, which `batch` reads;
    given as the routine, it was told to save the file as UTF-8. It names the command that reads it, as a .csv
    does; a routine saved as .txt is still read as one."""
    rows = (ROOT / "examples" / "patients.csv").read_text(encoding="utf-8").replace(",", "\t")
    (workdir / "patients.txt").write_text(rows, encoding="utf-16")
    monkeypatch.chdir(workdir)
    code, output = run(command, "patients.txt", "--brand", "brand.yaml")
    said = "error: patients.txt: is a patients list, not a routine; to print each patient's sheets, run "
    assert (code, output) == (1, said + "`handouts batch patients.txt`\n")
    (workdir / "routine.txt").write_text((workdir / "content.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, output = run("check", "routine.txt", "--brand", "brand.yaml")
    assert code == 0 and "0 errors" in output, output


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_mistyped_patients_list_is_not_found(workdir: Path, monkeypatch, command: str) -> None:
    """`handouts check patient.csv`, a file that is not there, is said not found, not called a patients list."""
    monkeypatch.chdir(workdir)
    code, output = run(command, "patient.csv", "--brand", "brand.yaml")
    assert code == 1 and "patient.csv: file not found" in output and "batch" not in output, output


@pytest.mark.parametrize("command", ["build", "check", "serve"])
def test_no_routine_here_is_said_before_the_brand(tmp_path: Path, monkeypatch, command: str) -> None:
    """In a folder with neither file (a new user's home folder), `handouts build` said only that brand.yaml
    was not found: making a brand then met the same command failing on content.yaml."""
    monkeypatch.chdir(tmp_path)
    code, output = run(command)
    assert (code, output) == (
        1,
        "error: content.yaml: file not found (looked in here); name your routine's file, or make one with "
        "`handouts init --content`\n",
    )


def test_a_picture_not_found_says_which_folder_was_looked_in(workdir: Path, monkeypatch) -> None:
    """A logo on the Desktop named `logo: logo.png` was 'file not found: logo.png', with no word of where
    handouts had looked: beside brand.yaml, whatever folder the command was run from."""
    clinic = workdir / "clinic"
    clinic.mkdir()
    (clinic / "brand.yaml").write_text('name: Example Clinic\nlogo: logo.png\ncolors:\n  primary: "#1F6F78"\n')
    monkeypatch.chdir(workdir)
    code, output = run("check", "content.yaml", "--brand", "clinic/brand.yaml")
    errors = [line for line in output.splitlines() if line.startswith("error: ")]
    assert code == 1
    assert errors == ["error: clinic/brand.yaml:2: logo: file not found: logo.png (looked in the folder clinic)"]


def test_missing_template_names_both_folders(tmp_path: Path) -> None:
    from handouts.errors import TemplateError
    from handouts.layout.templating import TEMPLATES, render

    with pytest.raises(TemplateError) as error:
        render("poster-a3.xml.j2", {}, tmp_path)
    assert str(error.value) == f"template 'poster-a3.xml.j2' not found in {tmp_path} or {TEMPLATES}"


def test_a_missing_template_that_a_clinic_layout_includes_names_both_folders(tmp_path: Path) -> None:
    """An `{% include %}` of a file in neither folder named no folder, so a clinic could not tell where it
    was looked for."""
    from handouts.layout.templating import TEMPLATES

    (tmp_path / "handout.xml.j2").write_text('<document>\n{% include "parts.xml.j2" %}\n</document>')
    out = tmp_path / "out"
    code, output = run("build", str(CONTENT), "--brand", str(BRAND), "--out", str(out), "--templates", str(tmp_path))
    assert code == 1
    said = f"{tmp_path / 'handout.xml.j2'}:2: template 'parts.xml.j2' not found in {tmp_path} or {TEMPLATES}"
    assert f"error: {said}\n" in output
    assert not (out / "knee-self-massage-handout.pdf").exists()


def test_an_included_template_name_too_long_for_a_file_is_said_in_words(tmp_path: Path) -> None:
    """An `{% include %}` of a name longer than a file's name may be printed the system's own words, with the
    whole name and its path: "[Errno 36] File name too long: '…/aaaa…'" (300 letters)."""
    (tmp_path / "handout.xml.j2").write_text('<document>\n{% include "' + "a" * 300 + '.xml.j2" %}\n</document>')
    out = tmp_path / "out"
    code, output = run("build", str(CONTENT), "--brand", str(BRAND), "--out", str(out), "--templates", str(tmp_path))
    assert code == 1
    said = f"{tmp_path / 'handout.xml.j2'}:2: template '{'a' * 59}…' cannot be read ({os.strerror(errno.ENAMETOOLONG)})"
    assert f"error: {said}\n" in output, output
    assert not out.exists()


def test_clinic_template_that_emits_an_unknown_element(tmp_path: Path) -> None:
    (tmp_path / "handout.xml.j2").write_text("<document><nonsense/></document>")
    code, output = run("build", str(CONTENT), "--brand", str(BRAND), "--out", str(tmp_path / "out"), "--templates", str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'handout.xml.j2'}:1: <nonsense> is not a layout element" in output
    assert not (tmp_path / "out").exists()


def test_a_clinic_template_can_reorder_and_reword(tmp_path: Path) -> None:
    import pdfplumber

    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "handout.xml.j2").write_text(
        "<document><heading>Your routine</heading><steps>{% for s in content.routine.steps %}"
        '<step number="{{ loop.index }}"><title>{{ md.inline(s.title) }}</title></step>{% endfor %}</steps></document>'
    )
    out = tmp_path / "out"
    code, output = run("build", str(CONTENT), "--brand", str(BRAND), "--out", str(out), "--templates", str(tmp_path / "mine"))
    assert code == 0, output
    with pdfplumber.open(out / "knee-self-massage-handout.pdf") as pdf:
        text = flat(pdf.pages[0].extract_text())
    assert "Your routine" in text and "1 Warm up" in text and "Before you start" not in text


# A clinic's own template typing text of its own: a line of it in the handout's and in the poster's layout.
OWN_TEXT = {
    "handout": "<document>\n<heading>Your routine</heading>\n<para>{}</para>\n</document>",
    "poster": "<poster>\n<steps><step><cue>x</cue></step></steps>\n<contact>{}</contact>\n</poster>",
}


def _own_text(tmp_path: Path, kind: str, text: str) -> Path:
    """A folder of templates whose `kind` layout (handout or poster) prints `text` on its third line."""
    (tmp_path / "layouts").mkdir(exist_ok=True)
    (tmp_path / "layouts" / f"{kind}.xml.j2").write_text(OWN_TEXT[kind].format(text), encoding="utf-8")
    return tmp_path / "layouts"


@pytest.mark.parametrize(
    ("only", "text", "said"),
    [
        ("handout", "Tägliche Übungen 你好", "the characters '你' (U+4F60), '好' (U+597D)"),
        ("handout-large-print", "好 and 你好", "the characters '好' (U+597D), '你' (U+4F60)"),
        ("poster", '{{ _("Meine Übungen ✅") }}', "the character '✅' (U+2705)"),
        ("poster-large-print", "Привет 你", "the character '你' (U+4F60)"),
        ("handout-html", "你", "the character '你' (U+4F60)"),
    ],
)
def test_a_clinic_templates_own_text_that_no_font_has_is_refused(tmp_path: Path, only: str, text: str, said: str) -> None:
    """Text typed into a clinic's own template was never checked against the fonts: it printed as empty boxes.
    Refused by build and check alike, at the template's line, before anything is written."""
    kind = only.split("-")[0] if only != "handout-html" else "handout"
    layouts = _own_text(tmp_path, kind, text)
    out = tmp_path / "out"
    it = "them" if said.startswith("the characters") else "it"  # and what to do, as of a routine's own text
    fix = f"write {it} another way, or add a .ttf font that has {it} under font.fallback in brand.yaml"
    expected = f"error: {layouts / kind}.xml.j2:3: no configured font has {said}: {fix}\n"
    code, output = run(
        "build", str(CONTENT), "--brand", str(BRAND), "--out", str(out), "--only", only, "--templates", str(layouts)
    )
    assert code == 1 and expected in output, output
    assert not out.exists()
    code, output = run("check", str(CONTENT), "--brand", str(BRAND), "--only", only, "--templates", str(layouts))
    assert code == 1 and expected in output, output


def test_a_clinics_page_label_too_wide_for_the_footer_is_a_clear_error(tmp_path: Path) -> None:
    """A clinic's "Page X of Y" reworded at length ('%(pages)s %(page)s Donaudampfschifffahrtsgesellschaftskapitän
    /éXRyuc~V', from a run of the labels' property) left the footer's text beside it no width at all, and the
    build ended in a traceback. It is drawn on one line beside that text: one that leaves the text under a tenth
    of the footer (large print's, here) is refused at brand.yaml's labels, and that handout is not written; the
    standard handout, whose text keeps a quarter of its footer, and the posters (no page numbers) are."""
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    label = "%(pages)s %(page)s Donaudampfschifffahrtsgesellschaftskapitän /éXRyuc~V"
    brand["labels"] = {"en": {"page": label}}
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    (tmp_path / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    code, output = run("build", str(CONTENT), "--brand", str(tmp_path / "brand.yaml"), "--out", str(out))
    assert code == 1 and "Traceback" not in output, output
    said = rf"error: {re.escape(str(tmp_path / 'brand.yaml'))}:\d+: labels: the page numbers' label '{re.escape(label)}'"
    assert re.search(f"{said} would take 1\\d\\d% of the large-print handout's footer: shorten it", output), output
    assert "of the handout's footer" not in output, output
    assert sorted(path.name for path in out.glob("*.pdf")) == [
        "knee-self-massage-handout.pdf",
        "knee-self-massage-poster-large-print.pdf",
        "knee-self-massage-poster.pdf",
    ]
    first = re.escape(label % {"page": 1, "pages": 999}).replace("999", r"\d+")  # on the first page, beside the text
    assert re.search(first, pdf_text(out / "knee-self-massage-handout.pdf")), output


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Pain today \u2705", "no configured font has the character '\u2705' (U+2705)"),
        ("Pain \u202etoday\u202c", "has U+202E, U+202C; no page can print a control character"),
    ],
)
def test_a_clinic_templates_own_pain_row_label_is_checked_as_its_other_text(tmp_path: Path, text: str, said: str) -> None:
    """The tracker's row to write the day's pain in was the one text a layout prints that the check of a clinic's
    own text passed over (a field of that name elsewhere holds a number): typed into a poster template with a
    character no font has, it printed as an empty box and nothing was said. Refused at the template's line."""
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "poster.xml.j2").write_text(
        f'<poster>\n<steps><step><cue>x</cue></step></steps>\n<tracker weeks="2"><pain>{text}</pain></tracker>\n</poster>',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    expected = f"error: {layouts / 'poster'}.xml.j2:3: {said}"
    for command in (("build", "--out", str(out)), ("check",)):
        code, output = run(*command, str(CONTENT), "--brand", str(BRAND), "--only", "poster", "--templates", str(layouts))
        assert code == 1 and expected in output, output
    assert not out.exists()


@pytest.mark.parametrize("kind", ["handout", "poster"])
def test_a_clinic_templates_own_direction_override_is_refused(tmp_path: Path, kind: str) -> None:
    """A right-to-left override typed into a template: the PDFs dropped it and the web copy obeyed it, printing
    the words after it backwards, though it is refused in every file."""
    layouts = _own_text(tmp_path, kind, "Self-\u202emassage\u202c daily")
    out = tmp_path / "out"
    code, output = run(
        "build", str(CONTENT), "--brand", str(BRAND), "--out", str(out), "--only", kind, "--templates", str(layouts)
    )
    said = f"error: {layouts / kind}.xml.j2:3: has U+202E, U+202C; no page can print a control character"
    assert code == 1 and said in output, output
    assert not out.exists()
    code, output = run("check", str(CONTENT), "--brand", str(BRAND), "--only", kind, "--templates", str(layouts))
    assert code == 1 and said in output, output


@pytest.mark.parametrize("kind", ["handout", "poster"])
def test_a_clinic_templates_own_right_to_left_text_is_refused(tmp_path: Path, kind: str) -> None:
    """Hebrew typed into a template printed backwards (or as boxes), though it is refused in every file."""
    from handouts.job import RIGHT_TO_LEFT

    layouts = _own_text(tmp_path, kind, "Hello שלום Привет 你好")
    out = tmp_path / "out"
    code, output = run(
        "build", str(CONTENT), "--brand", str(BRAND), "--out", str(out), "--only", kind, "--templates", str(layouts)
    )
    assert code == 1 and f"error: {layouts / kind}.xml.j2:3: {RIGHT_TO_LEFT}\n" in output, output
    assert not out.exists()


def test_a_clinic_templates_own_text_prints_in_the_clinics_fallback_font(workdir: Path) -> None:
    """Refused while no font has its characters; built where the brand gives one (boxes.ttf has 李, 王 and 小)."""
    import pdfplumber

    layouts = _own_text(workdir, "handout", "Dr 李 and Dr 王")
    brand, out = workdir / "brand.yaml", workdir / "out"
    command = ("build", str(workdir / "content.yaml"), "--brand", str(brand), "--out", str(out), "--only", "handout")
    code, output = run(*command, "--templates", str(layouts))
    assert code == 1 and "handout.xml.j2:3: no configured font has the characters '李' (U+674E), '王'" in output, output
    shutil.copy(ROOT / "tests" / "fixtures" / "boxes.ttf", workdir / "boxes.ttf")
    brand.write_text(brand.read_text(encoding="utf-8") + "font: {fallback: [boxes.ttf]}\n", encoding="utf-8")
    code, output = run(*command, "--templates", str(layouts))
    assert code == 0, output
    with pdfplumber.open(out / "knee-self-massage-handout.pdf") as pdf:
        text = flat(pdf.pages[0].extract_text())
    assert "Dr 李 and Dr 王" in text


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--debug", "build", str(tmp_path / "nope.yaml"), "--brand", str(BRAND)])
    assert result.exit_code == 1
    assert result.exception is not None and "file not found" in str(result.exception)


def test_help_explains_itself() -> None:
    code, output = run("build", "--help")
    assert code == 0
    for option in ("--brand", "--out", "--only", "--paper", "--patient", "--date", "--templates", "--csl", "Examples:"):
        assert option in output


def test_the_first_help_says_where_to_start_and_each_command_in_full() -> None:
    """`handouts --help` cut three of its five commands off mid-sentence ('Build the PDFs and the web copy of
    each CONTENT file (default:...') and did not say where a new user begins."""
    code, output = run("--help")
    commands = output.split("Commands:\n")[1].split("\n\n")[0].splitlines()
    assert code == 0 and len(commands) == 5 and not any(line.endswith("...") for line in commands), commands
    assert "  init   Start here: write brand.yaml (and a routine).\n" in output
    assert "handouts init my-clinic --content" in output and "handouts build my-clinic/content.yaml" in output


def test_build_help_says_where_the_files_go_and_its_exit_codes() -> None:
    code, output = run("build", "--help")
    said = " ".join(output.split())
    assert code == 0
    assert "They go into out/ beside the first routine (or --out)" in said
    assert "Exit code 1 when a file has a mistake" in said and "2 when the command itself is mistyped" in said


def test_python_cli_py_is_the_same_program(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "cli.py"), "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.startswith("handouts, version ")


TEMPLATES = sorted((ROOT / "tests" / "fixtures" / "templates").glob("*.xml.j2"))


@pytest.mark.parametrize("fixture", TEMPLATES, ids=[p.name.removesuffix(".xml.j2") for p in TEMPLATES])
def test_each_bad_template_gives_its_message_and_writes_nothing(fixture: Path, tmp_path: Path) -> None:
    first = fixture.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("{# expect: ") and first.endswith(" #}"), f"{fixture.name} must start with '{{# expect: ... #}}'"
    expected = first.removeprefix("{# expect: ").removesuffix(" #}")
    kind = fixture.name.split("-")[0]
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / f"{kind}.xml.j2").write_bytes(fixture.read_bytes())
    out = tmp_path / "out"
    code, output = run(
        "build", str(CONTENT), "--brand", str(BRAND), "--out", str(out), "--only", kind, "--templates", str(tmp_path / "layouts")
    )
    assert code == 1, output
    error = next(line for line in output.splitlines() if line.startswith("error: "))
    assert error.startswith(f"error: {tmp_path / 'layouts' / kind}.xml.j2"), error  # names the template file
    assert expected in error
    assert "Traceback" not in output
    assert not out.exists() or not list(out.iterdir())


def test_a_text_too_long_to_lay_out_in_time_is_an_error(make_content, workdir: Path) -> None:
    """A 200 KB paragraph took half a minute to lay out and a megabyte hours (reportlab's line breaking costs a
    paragraph's length squared): one text is at most 20,000 characters, eight pages."""
    path = make_content(finish="Relax. " * 2858 + "Done.")  # 20,011 characters
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    assert code == 1 and f"{path}:" in output and "finish: 20,011 characters: at most 20,000" in output, output
    code, output = run("check", str(make_content(finish="Relax. " * 2857)), "--brand", str(workdir / "brand.yaml"))
    assert "characters: at most" not in output


def test_a_date_the_routines_read_as_different_days_is_a_usage_error(make_content, workdir: Path) -> None:
    us = make_content(name="us.yaml", id="knee-us", language="en-US")
    uk = make_content(name="uk.yaml", id="knee-uk")
    args = [
        "--brand",
        str(workdir / "brand.yaml"),
        "--out",
        str(workdir / "out"),
        "--only",
        "handout",
        "--patient",
        "Jo",
        "--date",
        "2026-12-01",
    ]
    code, output = run("build", str(us), str(uk), *args, "--next-appointment", "03/04/2027")
    assert code == 2 and "'03/04/2027' reads as 2027-03-04 in en-US but as 2027-04-03 in en-GB" in output, output
    assert not (workdir / "out").exists()


def test_a_print_file_of_nothing_to_print_is_a_usage_error(tmp_path: Path) -> None:
    """`--print-file --only handout-html` wrote the web copy and no print file, and said nothing of it."""
    args = ["--brand", str(BRAND), "--out", str(tmp_path / "out"), "--only", "handout-html", "--print-file"]
    code, output = run("build", str(CONTENT), *args)
    assert code == 2 and "--print-file': a print file holds the sheets to print (handout, poster," in output, output
    assert not (tmp_path / "out").exists()


def _with_default_weight(source: Path, target: Path, weight: int) -> None:
    """A copy of the variable font `source` whose weight axis defaults to `weight` (as a Google Fonts variable
    file may: some default to Thin)."""
    import struct

    data = bytearray(source.read_bytes())
    (count,) = struct.unpack_from(">H", data, 4)
    tables = {tag: offset for tag, _, offset, _ in (struct.unpack_from(">4sIII", data, 12 + 16 * i) for i in range(count))}
    fvar = tables[b"fvar"]
    offset, _, axes, size = struct.unpack_from(">HHHH", data, fvar + 4)
    for at in range(fvar + offset, fvar + offset + axes * size, size):
        if data[at : at + 4] == b"wght":
            struct.pack_into(">i", data, at + 8, weight * 65536)
    target.write_bytes(bytes(data))


def test_a_variable_font_that_prints_another_weight_is_a_warning(workdir: Path) -> None:
    """A variable font prints only its default weight: all body text Thin, or bold text in regular weight,
    without a word. Each is a warning at its line and key, which --suppress font-weight silences; a variable
    font whose default weight suits its text says nothing (Noto Sans, the fallback, is one)."""
    import fontpkg
    import yaml

    variable = fontpkg.path("Noto Sans", 400)
    _with_default_weight(variable, workdir / "body.ttf", 100)
    (workdir / "bold.ttf").write_bytes(variable.read_bytes())  # its default: 400, regular
    brand = yaml.safe_load((workdir / "brand.yaml").read_text(encoding="utf-8"))
    brand["font"] = {"regular": "body.ttf", "bold": "bold.ttf"}
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--only", "handout")
    said = [line for line in output.splitlines() if "[font-weight]" in line]
    assert code == 0 and len(said) == 2, output
    assert ": font.regular: body.ttf is a variable font: the sheets print only its default weight, 100 (Thin)" in said[0]
    assert ": font.bold: bold.ttf is a variable font: the sheets print only its default weight, 400 (Regular)" in said[1]
    assert "give a static bold file (a Google Fonts download has them in its 'static' folder)" in said[1]
    code, output = run(
        "check", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--suppress", "font-weight"
    )
    assert code == 0 and "0 errors" in output and "[font-weight]" not in output, output
    brand["font"] = {"regular": "bold.ttf", "bold": "latin-bold.ttf"}
    (workdir / "latin-bold.ttf").write_bytes(fontpkg.path("Atkinson Hyperlegible", 700).read_bytes())
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--only", "handout")
    assert "[font-weight]" not in output, output


def _check_with_font(workdir: Path, font: dict[str, str]) -> tuple[int, str]:
    """`handouts check` of the handout with the brand's `font` set so."""
    import yaml

    brand = yaml.safe_load((workdir / "brand.yaml").read_text(encoding="utf-8"))
    brand["font"] = font
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    return run("check", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--only", "handout")


def _weight_warnings(output: str) -> list[str]:
    """The font-weight warnings in `output`, each brand.yaml line number as N."""
    return [re.sub(r"brand\.yaml:\d+:", "brand.yaml:N:", line) for line in output.splitlines() if "[font-weight]" in line]


def test_a_bold_file_given_as_the_regular_one_is_a_weight_warning(workdir: Path) -> None:
    """The bold file given as `regular` (one click off in a download's folder) printed every word of the sheets
    bold without a word; the regular file given as `bold`, headings as body text. Each is said at its line."""
    import fontpkg

    (workdir / "Clinic-Bold.ttf").write_bytes(fontpkg.path("Atkinson Hyperlegible", 700).read_bytes())
    (workdir / "Clinic-Regular.ttf").write_bytes(fontpkg.path("Atkinson Hyperlegible", 400).read_bytes())
    code, output = _check_with_font(workdir, {"regular": "Clinic-Bold.ttf", "bold": "Clinic-Regular.ttf"})
    assert code == 0 and _weight_warnings(output) == [
        f"warning: {workdir / 'brand.yaml'}:N: font.regular: Clinic-Bold.ttf is the font's Bold face (weight 700): "
        "regular text prints Bold; give its regular file [font-weight]",
        f"warning: {workdir / 'brand.yaml'}:N: font.bold: Clinic-Regular.ttf is the font's Regular face (weight 400): "
        "bold text prints Regular; give its bold file [font-weight]",
    ], output


def test_a_font_whose_weight_is_on_a_scale_of_its_own_is_no_weight_warning(workdir: Path) -> None:
    """Some old fonts give their weight class as 1 to 9, not 100 to 900: a regular one was said to print Thin."""
    import fontpkg
    from fontTools.ttLib import TTFont

    font = TTFont(fontpkg.path("Atkinson Hyperlegible", 400))
    font["OS/2"].usWeightClass = 4
    font.save(workdir / "Old-Regular.ttf")
    code, output = _check_with_font(workdir, {"regular": "Old-Regular.ttf"})
    assert code == 0 and "[font-weight]" not in output, output


def test_a_font_collection_given_as_the_bold_font_says_only_its_first_font_prints(workdir: Path) -> None:
    """A Mac's fonts come as collections (Avenir.ttc holds every weight): given as `bold` too, the sheets used
    its first font, the regular one, for headings, without a word. Said, with what to give instead."""
    import fontpkg
    from fontTools.ttLib import TTCollection, TTFont

    collection = TTCollection()
    collection.fonts = [TTFont(fontpkg.path("Atkinson Hyperlegible", weight)) for weight in (400, 700)]
    collection.save(workdir / "Clinic.ttc")
    code, output = _check_with_font(workdir, {"regular": "Clinic.ttc", "bold": "Clinic.ttc"})
    assert code == 0 and _weight_warnings(output) == [
        f"warning: {workdir / 'brand.yaml'}:N: font.bold: Clinic.ttc is a collection of 2 fonts: the sheets use its "
        "first, the Regular face (weight 400), for bold text; give a TrueType (.ttf) file of the bold face [font-weight]"
    ], output


@pytest.mark.parametrize("option", ["--out", "--brand", "--csl"])
def test_an_empty_path_is_a_usage_error_not_the_current_folder(option: str, tmp_path: Path, monkeypatch) -> None:
    """`--out "$FOLDER"` with the variable unset wrote every PDF into the current folder; an empty --brand was
    read as '.' ("is a folder"), an empty --csl as a style named '.'."""
    monkeypatch.chdir(tmp_path)
    code, output = run("build", str(CONTENT), "--brand", str(BRAND), "--only", "handout", option, "")
    assert code == 2, output
    assert f"Invalid value for '{option}': empty (a variable left unset?): name a file or folder" in output
    assert "Traceback" not in output
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("given", ["styles", "./styles", "styles/"])
def test_a_csl_option_naming_a_folder_is_said_to_be_a_folder(given: str, tmp_path: Path, monkeypatch) -> None:
    """`--csl ./styles` (a folder, the option's value read as a path, './' and all gone) was 'unknown reference
    style 'styles'', as if a style's name had been mistyped."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "styles").mkdir()
    code, output = run("check", str(CONTENT), "--brand", str(BRAND), "--only", "handout", "--csl", given)
    assert code == 1 and "error: styles: is a folder, not a CSL style" in output, output


@pytest.mark.parametrize(
    ("key", "written"),
    [("font:\n  regular", r"C:\Windows\Fonts\arial.ttf"), ("references:\n  style", r"D:\styles\apa.csl")],
)
def test_a_font_or_style_on_a_windows_drive_is_said_to_be_outside_on_every_system(workdir: Path, key: str, written: str) -> None:
    """On a Mac, a brand's font or reference style on a Windows drive was 'file not found' (a folder called
    'C:' beside brand.yaml), where Windows says it is outside the folder and to copy it there."""
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8") + f"{key}: '{written}'\n", encoding="utf-8")
    line = brand.read_text(encoding="utf-8").count("\n")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(brand))
    assert code == 1
    where = f"{brand}:{line}: {key.split(':')[0]}.{key.split()[-1]}"
    outside = "is outside the folder of brand.yaml: files are only read from that folder and its subfolders, so copy it there"
    assert f"error: {where}: {written.replace(chr(92), '/')} {outside}" in output


@pytest.mark.parametrize(
    ("key", "written"),
    [("logo", "~/Pictures/logo.png"), ("font:\n  regular", "~/Library/Fonts/Clinic.ttf"), ("logo", "~\\Pictures\\logo.png")],
)
def test_a_file_named_from_the_home_folder_with_a_tilde_is_said_so(workdir: Path, key: str, written: str) -> None:
    """`logo: ~/Pictures/logo.png`, as a terminal on a Mac writes the home folder, was 'file not found' (looked for
    in a folder called '~' beside brand.yaml), which reads as if the picture were missing from Pictures. Written as
    PowerShell writes it (`~\\Pictures\\logo.png`), it is quoted as written, not with each backslash doubled."""
    brand = workdir / "brand.yaml"
    kept = "\n".join(line for line in brand.read_text(encoding="utf-8").splitlines() if not line.startswith("logo:"))
    brand.write_text(kept + f"\n{key}: {written}\n", encoding="utf-8")
    line = brand.read_text(encoding="utf-8").count("\n")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(brand))
    assert code == 1
    where = f"{brand}:{line}: {key.split(':')[0]}" + (f".{key.split()[-1]}" if "\n" in key else "")
    said = f"'{written}' starts with ~, which is the home folder only in a terminal: give the path from this file's folder"
    assert f"error: {where}: {said}" in output, output


def test_the_readme_names_every_kind_of_warning_that_suppress_takes() -> None:
    """A clinic reads the kinds of warning in the README to decide which to live with; two that `--suppress`
    takes (low-resolution, cut-by-comment) were missing from its list."""
    code, output = run("check", "--help")
    assert code == 0
    listed = re.search(r"--suppress CODE\s+(.+?)\.\n\s+--", output, flags=re.S)
    assert listed is not None, output
    said = " ".join(re.sub(r"-\n\s*", "-", listed.group(1)).split())  # as wrapped: "no-\n   help" is no-help
    kinds = [kind.strip() for kind in said.split(":", 1)[1].split(",")]
    assert len(kinds) > 10, kinds
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [kind for kind in kinds if f"`[{kind}]`" not in readme] == []


def test_routines_named_with_a_wildcard_are_each_built_as_on_windows(make_content, workdir: Path) -> None:
    """cmd and PowerShell pass `routines/*.yaml` on as typed (no shell on Windows expands it), as `check`'s own
    example writes it: it was one file, not found. The files it matches are each built; a wildcard that matches
    none is still said as a file not found."""
    (workdir / "routines").mkdir()
    for name in ("knee", "hip"):
        make_content(name=f"routines/{name}.yaml", id=f"{name}-routine")
    code, output = run("build", str(workdir / "routines" / "*.yaml"), "--only", "handout-html", "--out", str(workdir / "o"))
    assert code == 0, output
    assert sorted(path.name for path in (workdir / "o").iterdir()) == ["hip-routine-handout.html", "knee-routine-handout.html"]
    code, output = run("check", str(workdir / "routines" / "*.yml"), "--only", "handout-html")
    assert code == 1 and f"error: {workdir / 'routines' / '*.yml'}: file not found" in output, output


def test_a_wildcard_in_a_folder_whose_name_has_brackets_finds_its_routines(make_content, workdir: Path) -> None:
    """`"Routines [2026]/*.yaml"`, as cmd passes it on: the brackets were read as a wildcard of their own (any one
    of 2, 0 or 6), so no file matched and the folder's routines were 'file not found'."""
    folder = workdir / "Routines [2026]"
    folder.mkdir()
    make_content(name="Routines [2026]/knee.yaml", id="knee-routine")
    code, output = run("build", str(folder / "*.yaml"), "--only", "handout-html", "--out", str(workdir / "o"))
    assert code == 0, output
    assert [path.name for path in (workdir / "o").iterdir()] == ["knee-routine-handout.html"]


def test_an_out_folder_under_the_home_folder_is_there_not_a_folder_named_tilde(
    workdir: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--out=~/Desktop/handouts`: bash and zsh leave a `~` after `=` as typed, as cmd and PowerShell leave
    every `~`; the sheets went into a new folder named `~` in the current folder, not the home folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))  # the home folder on Windows
    monkeypatch.chdir(workdir)
    code, output = run("build", "--out=~/Desktop/handouts", "--only", "handout-html")
    assert code == 0, output
    assert (home / "Desktop" / "handouts" / "knee-self-massage-handout.html").is_file()
    assert not (workdir / "~").exists()


def test_a_wildcard_in_a_clinic_folder_leaves_out_the_brand_and_names_each_routine_once(make_content, workdir: Path) -> None:
    """`handouts check *.yaml` in the folder of brand.yaml, as cmd passes it on: the brand was read as a routine
    ('this is a brand file ..., not a routine'), and a routine named again by a wildcard said its id was its
    own twin's."""
    make_content(name="hip.yaml", id="hip-routine")
    code, output = run(
        "build", str(workdir / "*.yaml"), str(workdir / "hip.yaml"), "--only", "handout-html", "--out", str(workdir / "o")
    )
    assert code == 0, output
    assert sorted(path.name for path in (workdir / "o").iterdir()) == [
        "hip-routine-handout.html",
        "knee-self-massage-handout.html",
    ]
    shutil.copy(workdir / "brand.yaml", workdir / "clinic.yaml")
    (workdir / "brand.yaml").unlink()
    code, output = run("check", str(workdir / "*.yaml"), "--brand", str(workdir / "clinic.yaml"), "--only", "handout-html")
    assert code == 0, output


def test_check_takes_builds_out_print_file_and_open_and_writes_and_opens_nothing(workdir: Path, monkeypatch) -> None:
    """A build's command with `build` changed to `check` was refused ("No such option: --out"); check now says
    what that build would say of its folder and print file, and writes and opens nothing."""
    opened: list[str] = []
    monkeypatch.setattr(cli, "_launch", lambda *args, **kwargs: opened.append(args[0]) or 0)
    content, fresh = str(workdir / "content.yaml"), workdir / "fresh"
    code, output = run("check", content, "--only", "handout", "--out", str(fresh), "--print-file", "--open")
    assert code == 0 and "0 errors" in output, output
    assert not fresh.exists() and opened == []
    code, output = run("check", content, "--only", "handout-html", "--out", str(fresh), "--print-file")
    assert code == 2 and "Invalid value for '--print-file': a print file holds the sheets to print (handout," in output, output
    (workdir / "a-file").write_text("not a folder")
    code, output = run("check", content, "--only", "handout", "--out", str(workdir / "a-file"))
    assert code == 1 and f"error: --out {workdir / 'a-file'}: is a file, not a folder\n" in output, output
    (fresh / ".handouts.lock").mkdir(parents=True)
    code, output = run("check", content, "--only", "handout", "--out", str(fresh))
    lock = fresh / ".handouts.lock"
    said = f"error: cannot write to {fresh}: {lock} is a folder, not the lock file handouts makes; move it away, then build again"
    assert code == 1 and said in output, output
    assert sorted(fresh.iterdir()) == [lock] and (workdir / "a-file").read_text() == "not a folder"


def test_check_names_a_print_file_a_build_would_leave_as_it_was(workdir: Path) -> None:
    """As build warns of a print file holding sheets as they were before it, check warns of it too."""
    content, out = workdir / "content.yaml", workdir / "out"
    code, output = run("build", str(content), "--only", "handout", "--print-file")
    assert code == 0, output
    content.write_text(content.read_text().replace("title: Self-massage for knee", "title: Gentle self-massage for knee"))
    code, output = run("check", str(content), "--only", "handout", "--out", str(out))
    print_file = out / "knee-self-massage-print.pdf"
    said = f"warning: {print_file}: this print file holds sheets as they were before this build changed them"
    assert code == 0 and said in output and "[old-print-file]" in output, output
    code, output = run("check", str(content), "--only", "handout", "--print-file")  # build would make it again
    assert code == 0 and "old-print-file" not in output, output


@pytest.mark.parametrize(
    ("option", "wanted"),
    [
        ("--patient", "a name"),
        ("--therapist", "a name"),
        ("--note", "the note"),
        ("--date", "a date"),
        ("--next-appointment", "a date"),
    ],
)
@pytest.mark.parametrize("command", ["build", "check"])
def test_an_empty_text_option_is_a_usage_error_naming_it(tmp_path: Path, command: str, option: str, wanted: str) -> None:
    """`--note ""` exited 1 as a problem in the files while `--patient ""` exited 2: every text option given
    empty (a script's variable left unset) is now the same usage error, naming the option."""
    args = [command, str(CONTENT), "--brand", str(BRAND), "--out", str(tmp_path / "out"), option, ""]
    code, output = run(*args)
    assert code == 2, output
    assert output.endswith(f"error: Invalid value for '{option}': is empty: give {wanted}, or leave the option out\n"), output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["check", "build"])
def test_an_out_folder_the_system_will_not_look_at_is_one_line_not_a_traceback(workdir: Path, command: str) -> None:
    """An --out the system refuses to look at (here a name longer than any a folder may have; a folder above it
    closed to this user is the same) stopped check and build with a traceback. It is now the error of --out,
    as the system words it, and nothing is written."""
    out = workdir / ("a" * 300)
    code, output = run(command, str(workdir / "content.yaml"), "--only", "handout", "--out", str(out))
    assert code == 1 and f"error: --out {out}: {os.strerror(errno.ENAMETOOLONG)}\n" in output, output
    assert sorted(path.name for path in workdir.iterdir()) == ["assets", "brand.yaml", "content.yaml"]


NOT_A_FOLDER = os.strerror(errno.ENOTDIR)
FONT = 'name: Example Clinic\ncolors:\n  primary: "#1F6F78"\nfont:\n  regular: {font}\n  bold: {font}\n'


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("routine", "{workdir}/content.yaml/knee.yaml: cannot be read ({reason})"),
        ("brand", "{workdir}/content.yaml/brand.yaml: cannot be read ({reason})"),
        ("font", "{workdir}/font.yaml:5: font.regular: own.ttf cannot be read ({reason})"),
        ("logo", "{workdir}/logo.yaml:4: logo: content.yaml/logo.png cannot be read ({reason})"),
        ("template", "{workdir}/layouts: template 'handout.xml.j2' cannot be read ({reason})"),
        ("style", "{workdir}/content.yaml/style.csl: cannot be read ({reason})"),
        ("patients", "{workdir}/content.yaml/patients.csv: cannot be read ({reason})"),
    ],
)
def test_a_file_the_system_will_not_read_is_said_alike_of_every_kind(workdir: Path, kind: str, said: str) -> None:
    """A file the system refused to read (here a name under a file, as if it were a folder; a file closed to this
    user is the same) was 'content.yaml: cannot read: …' and 'own.ttf cannot read: …', which lacks its verb;
    only a picture said 'cannot be read (…)'. Every kind now says it so, after the file, line and key."""
    brand = workdir / "brand.yaml"
    routine = [str(workdir / "content.yaml")]
    args = {
        "routine": ["check", str(workdir / "content.yaml" / "knee.yaml"), "--brand", str(brand)],
        "brand": ["check", *routine, "--brand", str(workdir / "content.yaml" / "brand.yaml")],
        "font": ["check", *routine, "--brand", str(workdir / "font.yaml")],
        "logo": ["check", *routine, "--brand", str(workdir / "logo.yaml")],
        "template": ["build", *routine, "--templates", str(workdir / "layouts"), "--only", "handout"],
        "style": ["build", *routine, "--csl", str(workdir / "content.yaml" / "style.csl"), "--only", "handout"],
        "patients": ["batch", str(workdir / "content.yaml" / "patients.csv"), "--brand", str(brand)],
    }[kind]
    (workdir / "font.yaml").write_text(FONT.format(font="content.yaml/own.ttf"), encoding="utf-8")
    logo = brand.read_text(encoding="utf-8").replace("assets/birchwood-logo.png", "content.yaml/logo.png")
    (workdir / "logo.yaml").write_text(logo, encoding="utf-8")
    (workdir / "layouts").mkdir()
    (workdir / "layouts" / "plain.txt").write_text("a file, not a folder\n", encoding="utf-8")
    (workdir / "layouts" / "handout.xml.j2").symlink_to("plain.txt/handout.xml.j2")
    code, output = run(*args, "--out", str(workdir / "out"))
    assert code == 1 and f"error: {said.format(workdir=workdir, reason=NOT_A_FOLDER)}\n" in output, output
    assert "cannot read:" not in output and not (workdir / "out").exists()


def test_check_of_a_routine_under_a_file_says_no_folder_build_never_reaches(workdir: Path) -> None:
    """`check content.yaml/knee.yaml` (a routine named under a file) also said it could not write to
    content.yaml/out, the out/ beside that routine: check writes nothing, and build stops at the routine
    and says only it. The routine is said once, as build says it."""
    routine = workdir / "content.yaml" / "knee.yaml"
    code, output = run("check", str(routine), "--brand", str(workdir / "brand.yaml"))
    assert code == 1 and f"error: {routine}: cannot be read ({NOT_A_FOLDER})\n" in output, output
    assert "cannot write" not in output and output.endswith("1 error, 0 warnings\n"), output


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="no file is closed to the administrator")
def test_a_font_closed_to_this_user_is_said_as_cannot_be_read(workdir: Path) -> None:
    """A font file without read permission: the same words as any file the system will not read."""
    font = workdir / "own.ttf"
    shutil.copy(ROOT / "tests" / "fixtures" / "boxes.ttf", font)
    font.chmod(0)
    (workdir / "font.yaml").write_text(FONT.format(font="own.ttf"), encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(workdir / "font.yaml"))
    reason = os.strerror(errno.EACCES)
    assert code == 1 and f"error: {workdir}/font.yaml:5: font.regular: own.ttf cannot be read ({reason})\n" in output, output


@pytest.mark.parametrize("brand", [None, "brand.yaml"])
def test_a_routine_that_is_a_link_in_a_loop_is_one_line_not_a_traceback(workdir: Path, brand: str | None) -> None:
    """Telling a routine named twice from two routines followed its links with Path.resolve(), which raises of a
    link in a loop (a copy's link pointing at itself): check stopped with a traceback. The file is said as
    unreadable, as any file the system cannot open."""
    loop = workdir / "loop.yaml"
    loop.symlink_to(loop.name)
    chosen = ["--brand", str(workdir / brand)] if brand else []
    code, output = run("check", str(workdir / "content.yaml"), str(workdir / "l*.yaml"), *chosen)
    assert code == 1 and f"error: {loop}: cannot be read ({os.strerror(errno.ELOOP)})\n" in output, output


LONG = "x" * 300  # letters of a name: more than any system allows (255)


@pytest.mark.parametrize("name", [f"{LONG}.yaml", f"{LONG}.txt", f"*{LONG}.yaml", f"{LONG}/content.yaml"])
@pytest.mark.parametrize("command", ["build", "check"])
def test_a_routine_named_longer_than_the_system_allows_is_one_line(workdir: Path, command: str, name: str) -> None:
    """A routine's or its folder's name of 300 letters (a pasted sentence) ended in a traceback: Python 3.11's
    Path.is_dir() and is_file() raise of a name too long for the system. It is said as unreadable, as any file
    the system cannot open."""
    routine = workdir / name
    code, output = run(command, str(routine), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out"))
    reason = os.strerror(errno.ENAMETOOLONG)
    assert code == 1 and f"error: {routine}: cannot be read ({reason})\n" in output, output
    assert not (workdir / "out").exists()


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_routine_in_a_folder_named_longer_than_the_system_allows_is_one_line(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """Without --brand and --out, the brand.yaml looked for beside the routine and the out/ folder beside it were
    looked at with Path's tests, which raise of such a name: a traceback."""
    monkeypatch.chdir(workdir)
    code, output = run(command, f"{LONG}/content.yaml")
    assert code == 1 and f"error: {LONG}/content.yaml: cannot be read ({os.strerror(errno.ENAMETOOLONG)})\n" in output, output


def test_a_long_name_with_a_quote_or_a_tilde_is_one_line(workdir: Path) -> None:
    """A name with a quote (kept by Windows' command line) or starting with ~/ is looked for as it is typed first:
    of 300 letters, that look raised, a traceback."""
    code, output = run("check", f'{LONG}".yaml', "--brand", str(workdir / "brand.yaml"))
    assert code == 2 and output.endswith(
        '.yaml: a name cannot contain a quote ("): a backslash just before a closing '
        "quote keeps it, so leave out that backslash\n"
    ), output
    code, output = run("check", f"~/{LONG}.yaml", "--brand", str(workdir / "brand.yaml"))
    home = Path.home() / f"{LONG}.yaml"
    assert code == 1 and f"error: {home}: cannot be read ({os.strerror(errno.ENAMETOOLONG)})\n" in output, output


def test_a_patients_list_naming_a_routine_longer_than_the_system_allows_says_its_row(workdir: Path) -> None:
    """A routine named with 300 letters in a patients list ended the whole batch in a traceback."""
    (workdir / "patients.csv").write_text(f"patient,routine\nJo Bloggs,{LONG}.yaml\n", encoding="utf-8")
    code, output = run("batch", str(workdir / "patients.csv"), "--brand", str(workdir / "brand.yaml"))
    said = f"error: {workdir / 'patients.csv'}:2: routine: {LONG}.yaml: file not found (named by 1 row, none built)\n"
    assert code == 1 and said in output and "Traceback" not in output, output


def test_init_into_a_folder_named_longer_than_the_system_allows_is_one_line(workdir: Path) -> None:
    code, output = run("init", str(workdir / LONG), "--no-input")
    assert code == 1 and output == f"error: {workdir / LONG}: {os.strerror(errno.ENAMETOOLONG)}\n", output


def test_a_patients_list_whose_own_name_no_shell_reads_as_typed_is_told_to_rename_it(workdir: Path, monkeypatch) -> None:
    """A patients list named `patients $5.csv` given as the routine was told to run `handouts batch None` in its
    folder: no command names it as typed, so it is told to rename it."""
    (workdir / "patients $5.csv").write_text((ROOT / "examples" / "patients.csv").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(workdir)
    code, output = run("check", "patients $5.csv", "--brand", "brand.yaml")
    assert code == 1 and "None" not in output, output
    assert "is a patients list, not a routine; to print each patient's sheets, run `handouts batch` on it" in output, output
    assert "renamed without $" in output, output
