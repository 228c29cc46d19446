"""The poster's fit search, pure: no reportlab, no drawing, only numbers.

Given a way to measure the steps at a size and column count, find the largest size (in half points)
at which every step fits its columns, and where the columns break.
"""

from __future__ import annotations

from collections.abc import Callable

# The tallest column and the step indexes where columns break, or None when the steps do not fit.
Fit = tuple[float, list[int]] | None


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


def largest(
    floor: int, ceiling: int, choices: list[int], measure: Callable[[int, int], tuple[float, Fit]]
) -> tuple[int, int] | None:
    """The largest size in half points (floor..ceiling) and its column count at which the steps fit.

    `measure(half_points, columns)` gives the height of the steps' area and the fit there. A search whose
    first probes are an estimate (text height grows with the square of its size), so the usual search
    measures four or five times; another column count must do strictly better to win.
    """
    results: dict[tuple[int, int], Fit] = {}
    areas: dict[tuple[int, int], float] = {}

    def attempt(half_points: int, columns: int) -> Fit:
        if (half_points, columns) not in results:
            areas[half_points, columns], results[half_points, columns] = measure(half_points, columns)
        return results[half_points, columns]

    best: tuple[int, int] | None = None
    for columns in choices:
        low = floor if best is None else best[0] + 1
        first = attempt(low, columns) if low <= ceiling else None
        if first is None:
            continue
        # At least one half point up: an estimate of no growth means the next size is the one to try.
        probe = max(low + 1, int(low * (areas[low, columns] / max(first[0], 1.0)) ** 0.5))
        high = ceiling + 1  # the smallest size known not to fit (ceiling + 1: none known)
        step = 1
        while high - low > 1:  # gallop from the estimate, halving once the bracket is known
            if not low < probe < high:
                probe = (low + high) // 2
            if attempt(probe, columns) is None:
                high, probe = probe, probe - step
            else:
                low, probe = probe, probe + step
            step *= 2
        best = (low, columns)
    return best
