"""How large each raster picture is printed, noted while an output is drawn, and which print from too few
pixels: a logo of 40 x 40 pixels in a band 30 mm tall prints blurred, or as blocks.

Drawings (SVG) print sharp at any size and are not noted.
"""

from __future__ import annotations

import contextlib
import contextvars
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

MIN_PPI = 100  # pixels per inch at the printed size; fewer print visibly soft or blocky at reading distance
MM = 25.4 / 72  # millimetres in a point


@dataclass(frozen=True)
class Printed:
    """A raster picture as an output prints it: its pixels and its printed size in points."""

    pixels: tuple[int, int]
    width: float
    height: float

    @property
    def ppi(self) -> float:
        return self.pixels[0] / (self.width / 72)

    def message(self) -> str:
        """What to say of it printed from too few pixels: the size printed and the pixels it needs."""
        needed = (math.ceil(self.width / 72 * MIN_PPI), math.ceil(self.height / 72 * MIN_PPI))
        return (
            f"{self.pixels[0]} x {self.pixels[1]} pixels printed {self.width * MM:.0f} x {self.height * MM:.0f} mm is "
            f"{self.ppi:.0f} pixels per inch, so it prints blurred: give a picture of at least {needed[0]} x {needed[1]} "
            f"pixels ({MIN_PPI} per inch), or a drawing (SVG)"
        )


_NOTED: contextvars.ContextVar[dict[Path, Printed] | None] = contextvars.ContextVar("printed", default=None)


@contextlib.contextmanager
def noted() -> Iterator[dict[Path, Printed]]:
    """The largest size each raster picture drawn inside is printed at, by its file."""
    sizes: dict[Path, Printed] = {}
    token = _NOTED.set(sizes)
    try:
        yield sizes
    finally:
        _NOTED.reset(token)


def note(path: Path, pixels: tuple[int, int], width: float, height: float) -> None:
    """The raster picture at `path` is drawn `width` x `height` points (kept if the largest yet, inside `noted`)."""
    sizes = _NOTED.get()
    if sizes is not None:
        _keep_larger(sizes, path, Printed(pixels, width, height))


def _keep_larger(sizes: dict[Path, Printed], path: Path, printed: Printed) -> None:
    """`printed` kept in `sizes` as the picture at `path`'s size, if it is the largest yet."""
    if path not in sizes or printed.width > sizes[path].width:
        sizes[path] = printed


def coarse(outputs: Iterable[Mapping[Path, Printed]]) -> dict[Path, Printed]:
    """Of the pictures the outputs print, those printed from under MIN_PPI at the largest size any prints them."""
    largest: dict[Path, Printed] = {}
    for sizes in outputs:
        for path, printed in sizes.items():
            _keep_larger(largest, path, printed)
    return {path: printed for path, printed in largest.items() if printed.ppi < MIN_PPI}
