"""The print file's name, made from the routines' ids: a name every system can write and open."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from handouts.build import print_path
from handouts.input.options import Options

LONG = "knee-self-massage-for-osteoarthritis-gentle-routine-number-{}"  # 60 characters, the longest id there is


def _jobs(*ids: str) -> Any:
    return [SimpleNamespace(content=SimpleNamespace(model=SimpleNamespace(id=name))) for name in ids]


def test_a_few_routines_name_their_print_file_by_every_id() -> None:
    out = Path("out")
    assert print_path(_jobs("knee", "hip"), Options(out=out)) == out / "knee-hip-print.pdf"
    assert (
        print_path(_jobs(LONG.format(1), LONG.format(2)), Options(out=out)).name == f"{LONG.format(1)}-{LONG.format(2)}-print.pdf"
    )
    assert print_path(_jobs("knee"), Options(out=out, patient="Jo Bloggs", date=None)).name.startswith("jo-bloggs-")


def test_many_routines_make_a_print_file_name_a_system_can_write() -> None:
    """Five routines with long ids made a name of 314 characters: past the 255 every system caps a name at,
    so the build failed with 'its path is too long (… characters); use a shorter --out folder', which no
    folder could help. A dozen short ids are kept short too (a long name leaves little of Windows' 260
    characters for the folders)."""
    five = print_path(_jobs(*(LONG.format(n) for n in range(1, 6))), Options()).name
    assert len(five) <= 100 and five.startswith(f"{LONG.format(1)}-and-4-more-") and five.endswith("-print.pdf")
    others = print_path(_jobs(*(LONG.format(n) for n in range(2, 7))), Options()).name
    reordered = print_path(_jobs(LONG.format(1), *(LONG.format(n) for n in range(5, 1, -1))), Options()).name
    assert len({five, others, reordered}) == 3  # each set of routines keeps its own print file
    twelve = print_path(_jobs(*(f"routine-{n:02d}" for n in range(12))), Options()).name
    assert twelve.startswith("routine-00-and-11-more-") and len(twelve) <= 100
