"""A reference's dates as CSL holds them: any year (CSL has years before 1 AD), every day on the calendar."""

from __future__ import annotations

import pytest

from handouts.input.models import _csl_date


@pytest.mark.parametrize("parts", [[-400, 3, 1], [0, 2, 29], [9999, 12, 31], [2024, 2, 29], [2020, 21], [2020]])
def test_a_date_on_the_calendar_of_any_year_is_taken(parts: list[int]) -> None:
    assert _csl_date({"date-parts": [parts]}) == {"date-parts": [parts]}


@pytest.mark.parametrize("year", [10000, 20190, -10000])
def test_a_year_of_five_digits_is_a_typo_not_a_date(year: int) -> None:
    """20190 for 2019 printed as "(20190)" and sorted after every real year."""
    with pytest.raises(ValueError, match=f"year {year} has more than four digits"):
        _csl_date({"date-parts": [[year, 1, 1]]})
    with pytest.raises(ValueError, match=f"year {year} has more than four digits"):
        _csl_date(year)


@pytest.mark.parametrize(
    ("parts", "said"), [([2020, 2, 30], "2020-02-30"), ([2023, 2, 29], "2023-02-29"), ([-1, 2, 29], "-1-02-29")]
)
def test_a_day_the_month_does_not_have_is_refused(parts: list[int], said: str) -> None:
    with pytest.raises(ValueError, match=f"{said} is not a date that exists"):
        _csl_date({"date-parts": [parts]})


def test_a_date_in_words_is_said_plainly() -> None:
    with pytest.raises(ValueError, match="a date in words is not read"):
        _csl_date({"literal": "n.d."})


@pytest.mark.parametrize(("season", "month"), [(1, 21), ("2", 22), ("Autumn", 23), ("fall", 23), ("winter", 24)])
def test_csl_jsons_season_beside_a_year_is_the_dates_month(season: object, month: int) -> None:
    """CSL-JSON's `season` beside a year was refused; CSL and citeproc-js print it where the month goes ("Spring
    2019"), as they print the month 21 to 24 it is made."""
    assert _csl_date({"date-parts": [[2019]], "season": season}) == {"date-parts": [[2019, month]]}


@pytest.mark.parametrize(
    ("date", "said"),
    [
        ({"date-parts": [[2019]], "season": 5}, "a season is 1 or spring, 2 or summer, 3 or autumn, 4 or winter, got 5"),
        ({"date-parts": [[2019]], "season": "Lent"}, "a season is 1 or spring, .*, got 'Lent'"),
        ({"date-parts": [[2019, 3]], "season": 1}, "a month or a season, not both: leave out the season or the month 3"),
        ({"date-parts": [[2019], [2020]], "season": 1}, r"its month \(21 spring, 22 summer, 23 autumn, 24 winter\)"),
    ],
)
def test_a_season_csl_would_not_print_as_typed_is_refused_saying_why(date: dict[str, object], said: str) -> None:
    with pytest.raises(ValueError, match=said):
        _csl_date(date)


@pytest.mark.parametrize(
    ("date", "parts"),
    [
        ({"date-parts": [["2019", "05", "09"]]}, [[2019, 5, 9]]),
        ({"date-parts": [["2018"], [" 2019 "]]}, [[2018], [2019]]),
        ({"date-parts": [["2019"]], "season": "spring"}, [[2019, 21]]),
        ({"raw": "2019-05-09"}, [[2019, 5, 9]]),
        ({"raw": " 2022-05 "}, [[2022, 5]]),
        ({"literal": "2021"}, [[2021]]),
        ({"literal": 2021}, [[2021]]),  # a year YAML reads as a number was said to be a date in words
        ({"raw": 2019}, [[2019]]),
    ],
)
def test_a_date_as_mendeley_and_zotero_export_it_is_read(date: dict[str, object], parts: list[list[int]]) -> None:
    """Date-parts in quotes and a `raw` date in the form a date is typed bare, as CSL-JSON exports hold them and
    citeproc-js reads them: each was refused ("date-parts are numbers"), so a pasted export failed at every entry."""
    assert _csl_date(date)["date-parts"] == parts


@pytest.mark.parametrize(
    ("date", "said"),
    [
        ({"date-parts": [["2019", "May"]]}, r"date-parts are numbers: \[year, month, day\], got \[2019, 'May'\]"),
        ({"date-parts": [["2019", "13"]]}, "month 13 is not 1 to 12"),
        ({"raw": "Spring 2019"}, "a date in words is not read"),
        # a season or a range typed as CSL's literal date was told to be left out, losing the date
        ({"literal": "Spring 2020"}, r"not read \(write a season as \{date-parts: \[\[2020\]\], season: spring\}\)"),
        ({"literal": "2019-2021"}, r"not read \(write a range of years as \{date-parts: \[\[2019\], \[2021\]\]\}\)"),
        ({"literal": "n.d."}, r"not read \(leave it out: the entry says 'no date'\)"),
        ({"date-parts": [[2021], [2019, 5]]}, "the range 2021 to 2019-05 ends before it starts: write the earlier date first"),
        # a season was named by its number, which reads as a range of years ("2019-24")
        ({"date-parts": [[2019, 24], [2019, 21]]}, "the range winter 2019 to spring 2019 ends before it starts"),
        # a range of years typed the wrong way round was told to write it so, which is then refused
        ({"literal": "2021/2019"}, r"write a range of years as \{date-parts: \[\[2019\], \[2021\]\]\}"),
        ("2021-2019", r"write a range of years as \{date-parts: \[\[2019\], \[2021\]\]\}"),
    ],
)
def test_a_date_export_that_is_no_date_is_still_refused(date: dict[str, object], said: str) -> None:
    with pytest.raises(ValueError, match=said):
        _csl_date(date)
