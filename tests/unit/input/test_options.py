"""Options: strings in, enums out, anything unusable an OptionError naming the option."""

from __future__ import annotations

import datetime

import pytest
from reportlab.lib.pagesizes import A3, A4, letter

from handouts.errors import OptionError
from handouts.input.options import Options, Orientation, Paper
from handouts.outputs import BY_NAME, for_patient


def test_strings_become_enums_case_insensitively() -> None:
    options = Options(paper="a4", only=("poster", "HANDOUT"), orientation="Landscape")
    assert options.paper is Paper.A4
    assert options.only == (BY_NAME["poster"], BY_NAME["handout"])
    assert options.orientation is Orientation.LANDSCAPE
    assert Options().orientation is None  # the poster's fit search picks


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"only": ("posters",)},
            "--only: 'posters' is not one of handout, poster, handout-large-print, poster-large-print, handout-html "
            "(did you mean 'poster'?)",
        ),
        ({"only": "poster"}, "--only: expected one or more"),
        ({"only": ()}, "--only: expected one or more"),
        ({"paper": "A5"}, "--paper: 'A5' is not one of A4, letter, A3"),
        ({"orientation": "sideways"}, "--orientation: 'sideways' is not one of landscape, portrait"),
        ({"tracker_weeks": 100}, "--tracker-weeks: expected a whole number from 0 to 8"),
        ({"tracker_weeks": "2"}, "--tracker-weeks"),
        ({"date": "2026-12-01"}, "--date: expected a date"),
        ({"out": 5}, "--out: expected a path"),
        ({"patient": ["Jo"]}, "--patient: expected text"),
    ],
)
def test_unusable_values_name_the_option(changes: dict[str, object], message: str) -> None:
    with pytest.raises(OptionError) as caught:
        Options(**changes)  # type: ignore[arg-type]
    assert message in str(caught.value)


def test_paper_sizes_are_reportlabs() -> None:
    assert Paper.A4.size == A4 and Paper.LETTER.size == letter and Paper.A3.size == A3


def test_pagesizes() -> None:
    assert Options().handout_pagesize("A4") == A4
    assert Options(paper="A3").handout_pagesize("letter") == letter  # A3 is for posters only
    assert Options(paper="A3").poster_pagesize("A4") == (A3[1], A3[0])
    assert Options().poster_pagesize("letter", Orientation.PORTRAIT) == letter
    assert Options(orientation="portrait").poster_orientations() == (Orientation.PORTRAIT,)
    assert Options().poster_orientations() == (Orientation.LANDSCAPE, Orientation.PORTRAIT)
    assert Options(date=datetime.date(2026, 12, 1)).date == datetime.date(2026, 12, 1)


def test_the_library_refuses_bad_options_before_reading_anything(tmp_path) -> None:
    from handouts.build import build

    with pytest.raises(OptionError, match="--only"):
        build(tmp_path / "missing.yaml", tmp_path / "brand.yaml", Options(only=("posters",)))


def test_outputs_are_records_of_one_table() -> None:
    large = BY_NAME["poster-large-print"]
    assert (large.document, large.profile.name, large.format, large.suffix) == ("poster", "large-print", "pdf", ".pdf")
    assert [o.name for o in for_patient(large_print=True)] == ["handout-large-print", "poster-large-print", "handout-html"]
    assert str(BY_NAME["handout-html"]) == "handout-html" and BY_NAME["handout-html"].stem == "handout"


def test_an_unknown_warning_code_is_an_option_error() -> None:
    with pytest.raises(OptionError, match="--suppress: 'contrst' is not a kind of warning \\(did you mean 'contrast'\\?\\)"):
        Options(suppress=("contrst",))


@pytest.mark.parametrize(
    ("typed", "paper"), [("US Letter", "letter"), ("us  letter", "letter"), ("a4", "A4"), ("LETTER", "letter")]
)
def test_a_brands_paper_is_read_as_a_patients_list_reads_it(typed: str, paper: str) -> None:
    """`paper: US Letter` (as a Mac's print dialog names it) was refused in brand.yaml, where a patients list took
    it: both read a paper's name alike."""
    from handouts.input.models import Brand

    assert (
        Brand.model_validate({"name": "Clinic", "colors": {"primary": "#1F6F78"}, "paper": typed, "country": "US"}).paper == paper
    )
