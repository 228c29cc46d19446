"""Reference formatting details checked against what citeproc-js printed for the same items."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from handouts.input.models import Reference
from handouts.words.references import format_references, style_path

ARTICLE = {
    "id": "perlman2006",
    "type": "article-journal",
    "title": "Massage therapy for osteoarthritis of the knee",
    "author": [{"family": "Perlman", "given": "Adam I."}],
    "issued": {"date-parts": [[2006]]},
    "volume": "166",
    "page": "2533-2538",
}


def _entry(style: str, **fields: str) -> str:
    reference = Reference.model_validate({**ARTICLE, **fields})
    content = SimpleNamespace(references=[reference], further_reading=[], language="en-GB")
    (entry,) = format_references(content, ["[@perlman2006]"], style_path(style)).entries  # type: ignore[arg-type]
    return entry


@pytest.mark.parametrize(
    ("typed", "apa"),
    [("Q0..0", "Q0..0"), ("Why?.Now", "Why?.Now"), ("Why?.", "Why?."), ("Title..", "Title.."), ("Wait... what", "Wait... What")],
)
def test_full_stops_typed_in_a_field_print_as_citeproc_js_prints_them(typed: str, apa: str) -> None:
    """Where a field's full stop meets one of the style's, one is dropped ("Pain." then ", " or "."): stops typed
    inside the field, or two typed at its end, went too ("Q0..0" printed "Q0.0"). citeproc-js printed these."""
    assert f"<i>{typed}</i>, 166, pp. 2533" in _entry("harvard-cite-them-right", **{"container-title": typed})
    assert f"<i>{apa}</i>, <i>166</i>, 2533" in _entry("apa", **{"container-title": typed})


@pytest.mark.parametrize("typed", ["Title..", "Pain."])
def test_a_stop_the_style_adds_after_typed_ones_is_one_with_them(typed: str) -> None:
    """Vancouver ends a title with a full stop: after "Pain." or "Title.." none is added (as citeproc-js)."""
    assert f"Perlman AI. {typed} Vol. 166." in _entry("vancouver", title=typed)
