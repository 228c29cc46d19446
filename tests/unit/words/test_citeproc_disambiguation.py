"""Citations told apart as citeproc-js tells them apart, with no work where a style asks for none of it."""

from __future__ import annotations

from typing import Any

import pytest

from handouts.input.models import Reference
from handouts.words import citeproc_disambiguation
from handouts.words.citeproc_disambiguation import Shown, disambiguated
from handouts.words.citeproc_format import formatted
from handouts.words.references import style_path

ALL = {"disambiguate-add-names": "true", "disambiguate-add-givenname": "true", "disambiguate-add-year-suffix": "true"}


def _people(*families: str) -> dict[str, Any]:
    return {"author": [{"family": family, "given": "A"} for family in families]}


class _Cites:
    """A cite's text as a style with et al. after the first name prints it, and how many were rendered."""

    def __init__(self, references: dict[str, dict[str, Any]]) -> None:
        self.references, self.rendered = references, 0

    def __call__(self, key: str) -> str:
        self.rendered += 1
        families = [name["family"] for name in self.references[key]["author"]]
        shown = max(citeproc_disambiguation._state.shown[key].names, 1)
        return ", ".join(families[:shown]) + (" et al." if shown < len(families) else "") + " 2020"


def test_a_style_that_asks_for_no_disambiguation_renders_no_cite_for_it() -> None:
    """A numbered style (Vancouver, Nature, AMA) rendered every cite twice over to find none alike."""
    references = {"a": _people("Smith", "Brown"), "b": _people("Smith", "Green")}
    cites = _Cites(references)
    assert disambiguated({}, ["a", "b"], references, cites) == ({}, {})
    assert cites.rendered == 0


def test_names_are_added_only_until_the_cites_read_apart() -> None:
    """Cites told apart by their second name were rendered again with each further name, up to the longest list's."""
    references = {
        key: _people("Smith", second, *(f"Co{n}" for n in range(30))) for key, second in (("a", "Brown"), ("b", "Green"))
    }
    cites = _Cites(references)
    shown, suffixes = disambiguated(ALL, ["a", "b"], references, cites)
    assert (shown["a"].names, shown["b"].names, suffixes) == (2, 2, {})
    assert cites.rendered == 8  # each: alone, with two names, for given names, as chosen (68 with each more)
    assert shown == {"a": Shown(2), "b": Shown(2)}


@pytest.mark.parametrize(
    ("first", "cited"),
    [
        ({"family": "Gaulle", "given": "Charles", "dropping-particle": "de"}, "(C.\u00a0de\u00a0Gaulle,\u00a02020)"),
        ({"family": "King", "given": "Martin", "suffix": "Jr."}, "(M.\u00a0King\u00a0Jr.,\u00a02020)"),
        ({"family": "Beek", "given": "Jan", "non-dropping-particle": "van"}, "(J.\u00a0van\u00a0Beek,\u00a02020)"),
    ],
)
def test_a_name_shown_with_its_initials_keeps_its_particles_and_suffix(first: dict[str, Any], cited: str) -> None:
    """APA told "Charles de Gaulle" from "Anne de Gaulle" as "C. Gaulle" and "A. Gaulle", and "Martin King Jr." from
    "Anna King" as "M. King": citeproc-js prints "C. de Gaulle" and "M. King Jr."."""
    other = {key: value for key, value in first.items() if key != "suffix"} | {"given": "Anne"}
    items = [
        Reference.model_validate({"id": key, "type": "book", "title": key, "author": [name], "issued": 2020}).csl()
        for key, name in (("a", first), ("b", other))
    ]
    references = formatted(items, (("a",), ("b",)), style_path("apa"), "en", ())
    assert references.citations[("a",)] == cited
