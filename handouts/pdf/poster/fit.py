"""The poster's fit search, pure: no reportlab, no drawing, only numbers.

Sizes are in half points. A *layout* is one way to place the poster (orientation, the aside beside or below
the steps, a column count); the search finds the largest size at which some layout fits, and which:

1. A bound for each layout (`possible`, cheap: no paragraph is wrapped) says the largest size it could fit at:
   the text cannot take fewer lines than its width needs.
2. Layouts are measured (`measure`, a real arrangement) one probe at a time, always the one that may still fit
   the largest size; a layout whose bound is not above the best size found so far is never measured, since it
   is proven not to do better.
3. Measuring a layout starts at its bound and steps down by the room its text was short of (text height grows
   with the square of its size), so it takes a probe or two; a failed probe lowers its bound, and another
   layout whose bound is now higher is probed next.

Half a point above the answer, every layout was either measured and failed or is ruled out by its bound: the
size is provably the largest in the search space (as long as a layout that fits at a size fits at every
smaller one, which wrapping text keeps).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

# The tallest column and the step indexes where columns break, or None when the steps do not fit.
Fit = tuple[float, list[int]] | None
Layout = TypeVar("Layout")


def partition(heights: list[float], columns: int, limit: float) -> Fit:
    """The tallest column and where to break columns so it is as short as possible; None if over `limit`."""
    best: Fit = None

    def search(start: int, left: int, breaks: list[int], tallest: float) -> None:
        nonlocal best
        if left == 1:
            height = sum(heights[start:])
            top = max(tallest, height)
            if top <= limit and (best is None or top < best[0]):
                best = (top, breaks)
            return
        total = 0.0
        for end in range(start, len(heights) + 1):
            if end > start:
                total += heights[end - 1]
            if total > limit:
                break
            search(end, left - 1, [*breaks, end], max(tallest, total))

    search(0, columns, [], 0.0)
    return best


def column_choices(steps: int, landscape: bool) -> list[int]:
    """Column counts to try, the usual choice first (it wins ties)."""
    order = ([2, 1, 3] if steps > 4 else [1, 2]) if landscape else ([1, 2] if steps <= 8 else [2, 1])
    return [n for n in order if n <= steps]


def lines_at_least(natural: float, line: float, space: float) -> int:
    """The fewest lines text `natural` points long on one line can take in lines `line` wide, when each break
    drops a space at most `space` wide: no line holds more than `line`, and n lines drop n - 1 spaces."""
    if natural <= line:
        return 1
    return max(1, math.ceil((natural + space) / (line + space) - 1e-9))


@dataclass(frozen=True)
class Probe:
    """A layout measured at one size: where its columns break (None: it does not fit) and how much of its room
    the steps need (over 1 when they do not fit; infinite when a word would be broken)."""

    fit: Fit
    need: float


@dataclass(frozen=True)
class Found(Generic[Layout]):
    layout: Layout
    half_points: int
    fit: tuple[float, list[int]]


def largest(
    layouts: Sequence[Layout],
    floor: int,
    ceiling: int,
    possible: Callable[[Layout, int], bool],
    measure: Callable[[Layout, int], Probe],
) -> Found[Layout] | None:
    """The largest size from `floor` to `ceiling` at which a layout fits, and the first such layout in
    `layouts` (their order is the preference: it breaks ties). `possible(layout, size)` is False only when the
    layout provably does not fit at that size (and at no larger one); `measure` lays it out."""
    # Each layout's state, in sizes: the largest known to fit (floor - 1: none), the smallest known not to, and the
    # next to probe (its bound first). The best fit found, of any layout, is kept in `best`.
    state: dict[int, list[int]] = {}
    for index, layout in enumerate(layouts):
        top = _last(floor, ceiling, lambda size, layout=layout: possible(layout, size))
        if top is not None:
            state[index] = [floor - 1, top + 1, top]
    best: tuple[int, int, tuple[float, list[int]]] | None = None  # size, layout index, fit

    def least(index: int) -> int:
        """Only a larger size wins, or the same size in a layout preferred to the best one."""
        return floor if best is None else best[0] + (index > best[1])

    # Best first: one probe at a time, of the layout that may still fit the largest size (the preferred one of
    # equals), so a layout whose bound is loose is not measured down past another's bound first.
    while True:
        open_ = [(high - 1, -index) for index, (low, high, _) in state.items() if high - max(low, least(index) - 1) > 1]
        if not open_:
            break
        index = -max(open_)[1]
        low, high, probe = state[index]
        low = max(low, least(index) - 1)
        if not low < probe < high:
            probe = (low + high + 1) // 2
        result = measure(layouts[index], probe)
        if result.fit is not None:
            best = (probe, index, result.fit)  # probe >= least(index): it wins
            state[index][0], state[index][2] = probe, (probe + high + 1) // 2
        else:
            shrink = 1 / math.sqrt(result.need) if math.isfinite(result.need) and result.need > 1 else 1.0
            state[index][1], state[index][2] = probe, min(probe - 1, math.floor(probe * shrink))
    return Found(layouts[best[1]], best[0], best[2]) if best else None


def _last(low: int, high: int, holds: Callable[[int], bool]) -> int | None:
    """The largest size in low..high at which `holds` (true up to some size, false beyond); None if not at low."""
    if low > high or not holds(low):
        return None
    while low < high:
        middle = (low + high + 1) // 2
        if holds(middle):
            low = middle
        else:
            high = middle - 1
    return low
