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


def test_stops_after_a_mark_and_before_a_closing_quote_print_as_citeproc_js_prints_them() -> None:
    """Two stops after "?" ("Why?..") kept both; in American English Chicago moves the style's stop inside
    the closing quote, where it is one with the typed ones ("Does It Help?.”", "Knee Pain..”")."""
    assert "<i>Why?..</i>, 166" in _entry("harvard-cite-them-right", **{"container-title": "Why?.."})
    content = SimpleNamespace(references=[], further_reading=[], language="en-US")
    for typed, printed in (("Does it help?.", "\u201cDoes It Help?.\u201d"), ("Knee pain..", "\u201cKnee Pain..\u201d")):
        content.references = [Reference.model_validate({**ARTICLE, "title": typed, "container-title": "Archives"})]
        (entry,) = format_references(content, ["[@perlman2006]"], style_path("chicago-author-date")).entries  # type: ignore[arg-type]
        assert f"2006. {printed} <i>Archives</i>" in entry


def test_a_name_keeps_its_stops_and_a_style_that_strips_stops_strips_them() -> None:
    """A literal author "NHS England.." prints as typed; Vancouver's journal names lose their stops, the typed
    ones too ("Yahoo!. News" prints "Yahoo! News", as in citeproc-js)."""
    named = _entry("harvard-cite-them-right", author=[{"literal": "NHS England.."}])  # type: ignore[arg-type]
    assert named.startswith("NHS England.. (2006)")
    assert "Yahoo! News. 2006" in _entry("vancouver", **{"container-title": "Yahoo!. News"})


def test_typed_stops_sort_where_citeproc_js_sorts_them() -> None:
    """Two NHS pages of 2019, "Pain..relief" and "Pain.x": a full stop sorts before a letter, so "Pain..relief"
    is 2019a (the hidden stop sorted after every letter, and swapped them)."""
    pages = [
        {"id": f"nhs{n}", "type": "webpage", "title": title, "author": [{"literal": "NHS"}], "issued": {"date-parts": [[2019]]}}
        for n, title in ((1, "Pain..relief"), (2, "Pain.x"))
    ]
    content = SimpleNamespace(references=[Reference.model_validate(page) for page in pages], further_reading=[], language="en-GB")
    entries = format_references(content, ["[@nhs1] [@nhs2]"], style_path("harvard-cite-them-right")).entries  # type: ignore[arg-type]
    assert [entry.split(")")[0] for entry in entries] == ["NHS (2019a", "NHS (2019b"]
    assert "Pain..relief" in entries[0]


@pytest.mark.parametrize("style", ["harvard-cite-them-right", "apa", "chicago-author-date"])
def test_a_name_sorts_before_a_longer_one_it_begins_as_citeproc_js_sorts_it(style: str) -> None:
    """'Smith, Zoe' went after 'Smithe', 'Smith-Jones' and 'Smiths' once the space after a name was ignored in
    sorting ('smithzoe' after 'smithea'); citeproc-js lists Smith first, the hyphen and apostrophe ignored."""
    names = [("smithz", "Smith", "Zoe"), ("smiths", "Smiths", "Al"), ("smithea", "Smithe", "Anna")]
    names += [("obrien", "O'Brien", "Pat"), ("smithjones", "Smith-Jones", "Al"), ("obama", "Obama", "Bea")]
    items = [{**ARTICLE, "id": key, "author": [{"family": family, "given": given}]} for key, family, given in names]
    content = SimpleNamespace(references=[Reference.model_validate(item) for item in items], further_reading=[], language="en-GB")
    keys = format_references(content, [""], style_path(style)).keys  # type: ignore[arg-type]
    assert list(keys) == ["obama", "obrien", "smithz", "smithea", "smithjones", "smiths"]
