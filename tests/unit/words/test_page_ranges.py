"""Page ranges shortened as a style's page-range-format says, checked against what citeproc-js printed."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from handouts.input.models import Reference
from handouts.words.references import format_references, style_path


def _pages(tmp_path: Path, range_format: str, typed: str) -> str:
    """The pages Vancouver prints for `typed`, with its page-range-format made `range_format`."""
    style = tmp_path / f"vancouver-{range_format}.csl"
    shipped = style_path("vancouver").read_text(encoding="utf-8")
    style.write_text(shipped.replace('page-range-format="minimal"', f'page-range-format="{range_format}"'), encoding="utf-8")
    reference = Reference.model_validate(
        {"id": "a", "type": "article-journal", "title": "T", "container-title": "J", "volume": "1", "page": typed, "issued": 2000}
    )
    content = SimpleNamespace(references=[reference], further_reading=[], language="en-GB")
    (entry,) = format_references(content, ["[@a]"], style).entries  # type: ignore[arg-type]
    found = re.search(r";1:([^.]*)\.", entry)
    assert found is not None, entry
    return found.group(1)


@pytest.mark.parametrize(
    ("range_format", "typed", "printed"),
    [
        ("minimal", "1-10", "1\u201310"),
        ("minimal", "10-100", "10\u2013100"),
        ("minimal", "12-123", "12\u2013123"),
        ("minimal", "101-1010", "101\u20131010"),
        ("minimal", "e1-e10", "e1\u201310"),
        ("minimal", "7-7", "7\u20137"),
        ("minimal", "e7-e7", "e7\u2013e7"),
        ("minimal", "321-328", "321\u20138"),
        ("minimal-two", "5-15", "5\u201315"),
        ("minimal-two", "S5-S15", "S5\u201315"),
        ("minimal-two", "101-1010", "101\u20131010"),
        ("minimal-two", "321-328", "321\u201328"),
        ("chicago-16", "101-1010", "101\u20131010"),
        ("chicago-16", "1496-1504", "1496\u2013504"),
        ("expanded", "e7-e7", "e7\u2013e7"),
    ],
)
def test_a_page_range_is_shortened_as_citeproc_js_does(tmp_path: Path, range_format: str, typed: str, printed: str) -> None:
    """A last page longer than the first keeps every digit, and a range of one page keeps its last: citeproc-py
    left out the digits the two began with, so Vancouver printed "Lancet. 2022;400:1\u20130" for pages 1-10 (and
    "7\u2013" for 7-7)."""
    assert _pages(tmp_path, range_format, typed) == printed
