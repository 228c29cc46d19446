"""A reference's key that is no CSL variable (`publisher_place`, `containertitle`, `isued`) is refused, naming the
variable meant: it was passed on to citeproc, which left it out, and the sheet printed no place, no journal or
"no date", with nothing said."""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path

import citeproc
import pytest
from conftest import BRAND, MINI_ROUTINE, ROOT, pdf_text, run

from handouts.input.csl import CSL_SCHEMA_VARIABLES

ROUTINE = (
    MINI_ROUTINE.replace("your shoulders.", "your shoulders [@smith2020].")
    + """\
references:
  - id: smith2020
    type: book
    title: Shoulders at work
    author: [{family: Smith, given: Jo}]
    publisher: Example Press
    KEY: VALUE
"""
)
LINE = ROUTINE.splitlines().index("    KEY: VALUE") + 1


def _clinic(tmp_path: Path, key: str, value: str) -> Path:
    shutil.copy(BRAND, tmp_path / "brand.yaml")
    shutil.copytree(ROOT / "assets", tmp_path / "assets", dirs_exist_ok=True)
    content = tmp_path / "content.yaml"
    content.write_text(ROUTINE.replace("KEY", key).replace("VALUE", value), encoding="utf-8")
    return content


@pytest.mark.parametrize(
    ("typed", "value", "meant"),
    [
        ("publisher_place", "Leeds", "publisher-place"),
        ("containertitle", "Physiotherapy", "container-title"),
        ("container_title", "Physiotherapy", "container-title"),
        ("isued", "2021", "issued"),
        ("Url", "https://example.com/shoulders", "URL"),
        ("isbn", "978-0-00-000000-2", "ISBN"),
        ("archive-location", "Box 3", "archive_location"),
        ("address", "Leeds", "publisher-place"),  # BibTeX's name for it
        ("booktitle", "Physiotherapy", "container-title"),
    ],
)
def test_a_misspelt_csl_key_is_refused_naming_the_one_meant(tmp_path: Path, typed: str, value: str, meant: str) -> None:
    content = _clinic(tmp_path, typed, value)
    said = (
        f"error: {content}:{LINE}: references[1].{typed}: '{typed}' is not a CSL variable, so no sheet would print it: "
        f"write it as '{meant}'"
    )
    for command in ("check", "build"):  # both say it, alike, and build writes nothing
        code, output = run(command, str(content), "--brand", str(tmp_path / "brand.yaml"), "--out", str(tmp_path / "out"))
        assert code == 1 and [line for line in output.splitlines() if line.startswith("error: ")] == [said], output
    assert not (tmp_path / "out").exists()
    content = _clinic(tmp_path, meant, value)  # written as said, it passes
    code, output = run("check", str(content), "--brand", str(tmp_path / "brand.yaml"))
    assert code == 0, output


@pytest.mark.parametrize("typed", ["month", "season", "Day"])
def test_a_dates_part_typed_as_a_key_of_its_own_is_said_to_go_in_issued(tmp_path: Path, typed: str) -> None:
    """BibTeX's `month`, and CSL's date part `season` typed beside `issued`: 'season' was said to be meant as
    'version' (the closest variable by its letters), which prints a version number where a season was meant."""
    content = _clinic(tmp_path, typed, "4")
    code, output = run("check", str(content), "--brand", str(tmp_path / "brand.yaml"))
    said = (
        f"error: {content}:{LINE}: references[1].{typed}: '{typed}' is not a CSL variable, so no sheet would print it: "
        "a date's parts go in 'issued' (a date like 2019, 2022-05 or 2022-05-09)"
    )
    assert code == 1 and [line for line in output.splitlines() if line.startswith("error: ")] == [said], output


def test_a_season_beside_a_dates_parts_is_read_and_a_wrong_one_said(tmp_path: Path) -> None:
    """CSL-JSON's `issued: {date-parts: [[2019]], season: 1}` was refused, and said to be "not read", though CSL
    prints it (as the month 21, spring, which was read): it is taken as that month; a season that is none of the
    four is said to be one of them."""
    content = _clinic(tmp_path, "issued", "{date-parts: [[2019]], season: 1}")
    code, output = run("check", str(content), "--brand", str(tmp_path / "brand.yaml"))
    assert code == 0 and "issued" not in output, output
    content = _clinic(tmp_path, "issued", "{date-parts: [[2019]], season: 5}")
    code, output = run("check", str(content), "--brand", str(tmp_path / "brand.yaml"))
    said = f"error: {content}:{LINE}: references[1].issued: a season is 1 or spring, 2 or summer, 3 or autumn, 4 or winter, got 5"
    assert code == 1 and said in output.splitlines(), output


def test_a_key_close_to_no_csl_variable_is_refused_with_where_they_are_listed(tmp_path: Path) -> None:
    content = _clinic(tmp_path, "comment", "Read chapter 2")
    code, output = run("check", str(content), "--brand", str(tmp_path / "brand.yaml"))
    said = (
        f"error: {content}:{LINE}: references[1].comment: 'comment' is not a CSL variable, so no sheet would print it: "
        "delete it, or name it as CSL does (https://docs.citationstyles.org/en/stable/specification.html#appendix-iv-variables)"
    )
    assert code == 1 and said in output.splitlines(), output


def test_the_place_written_as_said_prints(tmp_path: Path) -> None:
    """`publisher_place: Leeds` printed no place; `publisher-place: Leeds`, as the message says, prints it."""
    content = _clinic(tmp_path, "publisher-place", "Leeds")
    code, output = run("build", str(content), "--brand", str(tmp_path / "brand.yaml"), "--out", str(tmp_path / "out"))
    assert code == 0, output
    assert "Leeds: Example Press" in pdf_text(tmp_path / "out" / "mini-handout.pdf")


def test_the_variables_are_those_of_the_csl_schema_citeproc_ships() -> None:
    """CSL's own list (csl-variables.rnc, shipped with citeproc-py), read here, so that ours cannot drift from it."""
    schema = Path(citeproc.SCHEMA_PATH).with_name("csl-variables.rnc").read_text(encoding="utf-8")
    assert set(re.findall(r'"([A-Za-z_-]+)"', schema)) == CSL_SCHEMA_VARIABLES


@pytest.mark.parametrize("key", ["contributor", "host", "director", "chair", "series-creator", "editor-translator"])
def test_every_csl_name_variable_takes_a_list_of_names_and_says_nothing_of_python(tmp_path: Path, key: str) -> None:
    """CSL 1.0.2's names beyond the eleven citeproc-py knows (a Zotero export's `contributor`, a podcast's `host`)
    were refused as "expected text or a number, got a list"; `director`, taken, printed citeproc-py's "UserWarning:
    The following arguments for Reference are unsupported" and its source line on the therapist's screen."""
    content = _clinic(tmp_path, key, "[{family: Lee, given: Kim}]")
    for command in ("check", "build"):
        with warnings.catch_warnings(record=True) as caught:  # as Python shows them outside the tests
            warnings.simplefilter("always")
            code, output = run(command, str(content), "--brand", str(tmp_path / "brand.yaml"), "--out", str(tmp_path / "out"))
        assert code == 0, output
        assert [str(warning.message) for warning in caught if issubclass(warning.category, UserWarning)] == []
    assert "Shoulders at work" in pdf_text(tmp_path / "out" / "mini-handout.pdf")
