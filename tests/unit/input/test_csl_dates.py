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
