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


def _layouts(limits: list[int], slack: list[int] | None = None):
    """Fake layouts: layout i fits up to `limits[i]` half points; its bound says `limits[i] + slack[i]`."""
    slack = slack or [0] * len(limits)
    measured: list[tuple[int, int]] = []

    def possible(index: int, half_points: int) -> bool:
        return half_points <= limits[index] + slack[index]

    def measure(index: int, half_points: int) -> fit.Probe:
        measured.append((index, half_points))
        if half_points <= limits[index]:
            return fit.Probe((1.0, []), 1.0)
        return fit.Probe(None, (half_points / limits[index]) ** 2 if limits[index] > 0 else math.inf)

    return list(range(len(limits))), possible, measure, measured


def test_largest_finds_the_largest_size_that_fits() -> None:
    layouts, possible, measure, _ = _layouts([40, 44, 30])
    found = fit.largest(layouts, 28, 56, possible, measure)
    assert found is not None and (found.layout, found.half_points) == (1, 44)
    layouts, possible, measure, _ = _layouts([100])
    assert fit.largest(layouts, 28, 56, possible, measure).half_points == 56  # type: ignore[union-attr]  # the ceiling
    layouts, possible, measure, _ = _layouts([20, 27])
    assert fit.largest(layouts, 28, 56, possible, measure) is None  # not even the floor


def test_a_tie_goes_to_the_preferred_layout() -> None:
    layouts, possible, measure, _ = _layouts([40, 44, 44], slack=[0, 3, 0])
    assert fit.largest(layouts, 28, 56, possible, measure).layout == 1  # type: ignore[union-attr]
    layouts, possible, measure, _ = _layouts([44, 44], slack=[0, 6])  # the second looks better until measured
    assert fit.largest(layouts, 28, 56, possible, measure).layout == 0  # type: ignore[union-attr]


def test_a_layout_its_bound_rules_out_is_never_measured() -> None:
    layouts, possible, measure, measured = _layouts([40, 30, 20, 44])
    found = fit.largest(layouts, 28, 56, possible, measure)
    assert found is not None and found.layout == 3
    assert measured == [(3, 44)]  # exact bounds: one probe, and the others cannot do better


@given(
    st.lists(st.integers(20, 90), min_size=1, max_size=8),
    st.lists(st.integers(0, 12), min_size=8, max_size=8),
)
def test_largest_is_the_largest_over_every_layout(limits: list[int], slack: list[int]) -> None:
    """Whatever the bounds' slack, the answer is what measuring every layout at every size gives, and half a
    point above it every layout was measured not to fit or is ruled out by its bound."""
    layouts, possible, measure, measured = _layouts(limits, slack[: len(limits)])
    floor, ceiling = 28, 80
    found = fit.largest(layouts, floor, ceiling, possible, measure)
    sizes = {index: min(limit, ceiling) for index, limit in enumerate(limits) if limit >= floor}
    if not sizes:
        assert found is None
        return
    best = max(sizes.values())
    assert found is not None and found.half_points == best
    assert found.layout == min(index for index, size in sizes.items() if size == best)
    if best < ceiling:
        above = best + 1
        for index in layouts:
            assert (
                not possible(index, above)
                or (index, above) in measured
                or any(i == index and h <= above and h > limits[index] for i, h in measured)
            )


@given(st.lists(st.floats(1, 80), min_size=1, max_size=30), st.floats(60, 300), st.floats(0, 8))
def test_lines_at_least_never_exceeds_a_greedy_wrap(words: list[float], line: float, space: float) -> None:
    """No wrap of words (each no wider than a line) takes fewer lines than the bound says."""
    words = [min(word, line) for word in words]
    lines, used = 1, words[0]
    for word in words[1:]:
        if used + space + word <= line:
            used += space + word
        else:
            lines, used = lines + 1, word
    natural = sum(words) + space * (len(words) - 1)
    assert fit.lines_at_least(natural, line, space) <= lines


def test_reading_distance_follows_legge_and_bigelow() -> None:
    from handouts.pdf.poster.geometry import reading_distance

    # 20 pt text with an x-height of half its size: 10 pt = 3.53 mm, which subtends 0.2 degrees at 1.01 m.
    assert abs(reading_distance(20, 0.5) - 1.011) < 0.005
    assert reading_distance(40, 0.5) == pytest.approx(2 * reading_distance(20, 0.5))


def test_x_height_is_read_from_the_font() -> None:
    from handouts.media.fonts import load_fonts

    assert 0.45 < load_fonts().x_height(bold=True) < 0.55  # Atkinson Hyperlegible: 496/1000
