"""Which catalog words a country's language for another country (see handouts.words.i18n.regional_stand_in)."""

from __future__ import annotations

import pytest

from handouts.words.i18n import regional_stand_in


@pytest.mark.parametrize(
    ("language", "stand_in"),
    [
        ("pt-BR", "pt"),
        ("es-419", "es"),
        ("pt-Latn-BR", "pt"),
        # A variant after the region (Swiss German in its 1996 spelling): the region is still Switzerland's, not
        # the variant's "1996", which said nothing where "de-CH" says the labels are Germany's
        ("de-CH-1996", "de"),
        ("fr-CH-1901", "fr"),
        ("de-DE-1996", None),
        ("pt-PT", None),
        ("pt-Latn-PT", None),
        ("cy-GB", None),
        ("pt", None),
        ("en-US", None),
        ("zh-Hant-TW", None),
        ("sr-Latn-RS", None),
    ],
)
def test_the_stand_in_is_found_from_the_tags_region(language: str, stand_in: str | None) -> None:
    assert regional_stand_in(language) == stand_in
