"""A number variable (a volume, an issue, pages) read as CSL reads it, in time whatever is typed in it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from handouts.words.citeproc_numbers import joined, numeric, plural

LONG = 20_000  # characters: as long as any text may be (loading.MAX_FIELD)


@pytest.mark.parametrize(
    ("value", "is_numeric", "is_plural", "ranged"),
    [
        ("12", True, False, "12"),
        ("S12", True, False, "S12"),
        ("a0012", True, False, "a0012"),
        ("12-13", True, True, "12\u201313"),
        ("12 - 13", True, True, "12\u201313"),
        ("1, 3", True, True, "1, 3"),
        ("2 & 4", True, True, "2 & 4"),
        ("12 Suppl 1", False, False, "12 Suppl 1"),
        ("a0!", False, False, "a0!"),
    ],
)
def test_a_number_variable_is_read_as_csl_reads_it(value: str, is_numeric: bool, is_plural: bool, ranged: str) -> None:
    assert (numeric(value), plural(value), joined(value, "\u2013")) == (is_numeric, is_plural, ranged)


@pytest.mark.parametrize(
    ("value", "read"),
    [
        ("1" + " " * LONG + "x", "False False 1" + " " * LONG + "x"),
        ("a" + "0" * LONG + "!", "False False a" + "0" * LONG + "!"),
        ("12" + " " * LONG + "- 13", "True True 12-13"),
    ],
)
def test_a_long_number_variable_is_read_in_time(value: str, read: str) -> None:
    """A run of spaces, or of noughts after a letter, in a volume or an issue took its reader a minute for each
    time it was read (the join's spaces were tried from each space in turn, the noughts as part of the prefix and
    of the number both), and a reference is read several times per sheet."""
    code = (
        "import sys; from handouts.words.citeproc_numbers import joined, numeric, plural; value = sys.stdin.read(); "
        "print(numeric(value), plural(value), joined(value, '-'), end='')"
    )
    result = subprocess.run([sys.executable, "-c", code], input=value, capture_output=True, text=True, timeout=30, check=True)
    assert result.stdout == read
