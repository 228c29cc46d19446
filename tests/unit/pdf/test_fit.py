"""The poster's fit search and column partition: pure functions, tested without drawing anything."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handouts.pdf.poster import fit


def test_partition_balances_columns() -> None:
    assert fit.partition([10, 10, 10, 10], 2, 100) == (20, [2])
    assert fit.partition([30, 10, 10, 10], 2, 100) == (30, [1])
    assert fit.partition([10, 10], 1, 15) is None
    assert fit.partition([50, 50], 2, 49) is None


def _best_by_brute_force(heights: list[float], columns: int) -> float:
    """The shortest tallest column over every way of cutting `heights` into `columns` runs (some may be empty)."""
    cuts = itertools.combinations_with_replacement(range(len(heights) + 1), columns - 1)
    return min(max(math.fsum(heights[a:b]) for a, b in itertools.pairwise([0, *breaks, len(heights)])) for breaks in cuts)


@given(st.lists(st.floats(1, 100), min_size=1, max_size=9), st.integers(1, 3), st.floats(1, 600))
def test_partition_is_the_best_cut_that_fits_and_keeps_order(heights: list[float], columns: int, limit: float) -> None:
    found = fit.partition(heights, columns, limit)
    best = _best_by_brute_force(heights, columns)
    if found is None:
        assert best > limit - 1e-9  # none fits: not even the best cut there is
        return
    tallest, breaks = found
    assert tallest <= limit
    assert tallest == pytest.approx(best)  # as short as any cut can make it
    bounds = [0, *breaks, len(heights)]
    assert bounds == sorted(bounds) and len(breaks) == columns - 1
    # math.fsum and pytest.approx: the sums may differ in their last bit (Python 3.12's sum() compensates)
    assert max(math.fsum(heights[a:b]) for a, b in itertools.pairwise(bounds)) == pytest.approx(tallest)


def test_column_choices() -> None:
    assert fit.column_choices(11, landscape=True) == [2, 1, 3]
    assert fit.column_choices(3, landscape=True) == [1, 2]
    assert fit.column_choices(12, landscape=False) == [2, 1]
    assert fit.column_choices(1, landscape=False) == [1]


def _measure_for(limit: int):  # the steps fit up to `limit` half points, whatever the column count
    def measure(half_points: int, columns: int) -> tuple[float, fit.Fit]:
        heights = [half_points / 10] * 6
        return 200.0, fit.partition(heights, columns, 200.0 if half_points <= limit else 0.0)

    return measure


def test_largest_finds_the_largest_size_that_fits() -> None:
    assert fit.largest(28, 56, [1, 2], _measure_for(44)) == (44, 1)
    assert fit.largest(28, 56, [1], _measure_for(100)) == (56, 1)  # the ceiling
    assert fit.largest(28, 56, [1], _measure_for(20)) is None  # not even the floor


@given(st.integers(28, 80))
def test_largest_matches_a_plain_scan(limit: int) -> None:
    measure = _measure_for(limit)
    expected = max((size for size in range(28, 81) if measure(size, 1)[1] is not None), default=None)
    found = fit.largest(28, 80, [1], measure)
    assert (found[0] if found else None) == expected


def test_reading_distance_follows_legge_and_bigelow() -> None:
    from handouts.pdf.poster.geometry import reading_distance

    # 20 pt text with an x-height of half its size: 10 pt = 3.53 mm, which subtends 0.2 degrees at 1.01 m.
    assert abs(reading_distance(20, 0.5) - 1.011) < 0.005
    assert reading_distance(40, 0.5) == pytest.approx(2 * reading_distance(20, 0.5))


def test_x_height_is_read_from_the_font() -> None:
    from handouts.media.fonts import load_fonts

    assert 0.45 < load_fonts().x_height(bold=True) < 0.55  # Atkinson Hyperlegible: 496/1000
