"""The command line as a therapist types it: each slip answered with its exit code and one line saying what is
wrong and what to do, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import run

from handouts.cli import main


def _errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("error: ")]


def test_handouts_alone_shows_its_help_not_the_help_as_errors() -> None:
    """`handouts` typed alone (the first thing a new user types) printed the usage twice and every line of the
    help after 'error: ', as if each were a mistake."""
    result = CliRunner().invoke(main, [])
    assert result.exit_code == 2, result.output
    assert not _errors(result.output), result.output
    assert result.output.count("Usage:") == 1, result.output
    assert "handouts init my-clinic --content" in result.output


@pytest.mark.parametrize("command", ["build", "check", "serve"])
@pytest.mark.parametrize("typed", ["nothere.yaml", "knee", "C:\\Users\\jo\\knee.yaml"])
def test_a_routine_not_there_is_said_before_the_brand_is_looked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, typed: str
) -> None:
    """A routine mistyped, in a folder with no brand.yaml, was said as 'brand.yaml: file not found': the user
    looked for a brand, not at the routine's name."""
    monkeypatch.chdir(tmp_path)
    code, output = run(command, typed)
    assert code == 1, output
    assert _errors(output) == [f"error: {typed}: file not found"], output


def test_a_patients_list_not_there_is_said_before_the_brand_is_looked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = run("batch", "patients.csv")
    assert code == 1, output
    assert _errors(output) == ["error: patients.csv: file not found"], output
    code, output = run("batch", ".")
    assert code == 1, output
    assert _errors(output) == ["error: .: is a folder, not a CSV file"], output
    assert not (tmp_path / "out").exists()


def test_a_routine_given_to_batch_is_one_line_naming_build(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`handouts batch content.yaml` said three lines about CSV columns (an unknown heading, patient and routine
    missing) of a file that is no list at all."""
    monkeypatch.chdir(workdir)
    code, output = run("batch", "content.yaml")
    assert code == 1, output
    said = "error: content.yaml: is a routine, not a patients list; to build it, run `handouts build content.yaml`"
    assert _errors(output) == [said], output
    assert not (workdir / "out").exists()


@pytest.mark.parametrize(("command", "name"), [("build", "knee.pdf"), ("batch", "patients.pdf")])
def test_a_pdf_given_for_a_text_file_is_said_as_a_pdf(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, command: str, name: str
) -> None:
    """A handout's PDF given as the routine (or a list printed to PDF as the patients list) was said as text
    'not UTF-8 ... save the file as UTF-8', which no PDF can be."""
    monkeypatch.chdir(workdir)
    (workdir / name).write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    code, output = run(command, name)
    assert code == 1, output
    (line,) = _errors(output)
    assert line.startswith(f"error: {name}: is a PDF, not "), output
    assert "not UTF-8" not in line


@pytest.mark.parametrize(
    ("args", "option", "follower"),
    [
        (["--patient", "--print-file"], "--patient", "--print-file"),
        (["--brand", "--out", "printouts"], "--brand", "--out"),
        (["--out", "-q"], "--out", "-q"),
        (["--date", "--patient", "Jo"], "--date", "--patient"),
        (["--patient", "--no-duplex"], "--patient", "--no-duplex"),  # a flag's second name is an option too
        (["-o", "-q"], "-o", "-q"),
    ],
)
def test_an_option_left_without_its_value_takes_no_other_option_for_it(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], option: str, follower: str
) -> None:
    """`--patient --print-file` printed sheets 'Prepared for --print-file', named so; `--brand --out printouts`
    said 'printouts: file not found'."""
    monkeypatch.chdir(workdir)
    code, output = run("build", *args, "--only", "handout")
    assert code == 2, output
    (line,) = _errors(output)
    assert f"'{option}' needs a value, and is followed by the option '{follower}'" in line, output
    # written with its long name: Click reads `-o=VALUE` as the value "=VALUE", and wrote into a folder "=VALUE"
    long = {"-o": "--out"}.get(option, option)
    assert line.endswith(f"(or write {long}=VALUE)"), output
    assert not (workdir / "out").exists()


def test_a_short_option_given_its_value_with_an_equals_sign_is_said_how_to_write_it(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-o=printouts`, as `--out=printouts` is written: Click takes the short option's '=printouts' as its value,
    and the sheets went into a folder named '=printouts'."""
    monkeypatch.chdir(workdir)
    code, output = run("build", "-o=printouts", "--only", "handout")
    assert code == 2, output
    (line,) = _errors(output)
    assert line.endswith("'-o=printouts': a short option takes its value after a space: write -o printouts (or --out=printouts)")
    assert not [path for path in workdir.iterdir() if "printouts" in path.name]


def test_a_value_that_is_no_option_name_is_taken_as_typed(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workdir)
    code, output = run("build", "--note", "-", "--only", "handout", "--patient=--print-file", "--date", "2026-12-01")
    assert code == 0, output
    assert (workdir / "out" / "knee-self-massage-handout-print-file-11a0b2-2026-12-01.pdf").exists(), output
