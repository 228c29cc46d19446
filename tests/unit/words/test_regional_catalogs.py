"""Which catalog words a country's language (see handouts.words.i18n): its country's own where one ships (pt-BR),
else its language's, and which of those is worded for another country (regional_stand_in)."""

from __future__ import annotations

import pytest

from handouts.words.i18n import Translator, pick, regional_stand_in, translator


@pytest.mark.parametrize(
    ("language", "stand_in"),
    [
        ("pt-AO", "pt"),
        ("es-419", "es"),
        ("es-AR", "es"),
        ("fr-BE", "fr"),
        ("pt-Latn-AO", "pt"),
        # A variant after the region (Swiss German in its 1996 spelling): the region is still Switzerland's, not
        # the variant's "1996", which said nothing where "de-CH" says the labels are Germany's
        ("de-CH-1996", "de"),
        ("fr-CH-1901", "fr"),
        # A region Babel has no locale for is still the tag's: Portuguese in the United States is not Brazil's,
        # which Babel's likeliest Portuguese is
        ("pt-US", "pt"),
        ("de-DE-1996", None),
        ("pt-PT", None),
        ("pt-Latn-PT", None),
        ("cy-GB", None),
        ("pt", None),
        ("en-US", None),
        ("zh-Hant-TW", None),
        ("sr-Latn-RS", None),
        # a country whose own catalog ships
        ("pt-BR", None),
        ("pt-Latn-BR", None),
        ("es-MX", None),
        ("fr-CA", None),
    ],
)
def test_the_stand_in_is_found_from_the_tags_region(language: str, stand_in: str | None) -> None:
    assert regional_stand_in(language) == stand_in


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("pt-BR", "Revisado por Ana."),
        ("pt-Latn-BR", "Revisado por Ana."),
        ("pt_BR", "Revisado por Ana."),  # as a computer's locale writes it
        ("pt-br", "Revisado por Ana."),
        ("pt", "Revisto por Ana."),
        ("pt-PT", "Revisto por Ana."),
        ("pt-AO", "Revisto por Ana."),
        ("pt-US", "Revisto por Ana."),
    ],
)
def test_a_country_with_its_own_catalog_reads_it_however_its_tag_is_written(language: str, said: str) -> None:
    assert Translator(language=language).label("reviewed_by", reviewer="Ana") == said


@pytest.mark.parametrize(("language", "said"), [("es-MX", "Vea el video"), ("es", "Vea el vídeo"), ("es-AR", "Vea el vídeo")])
def test_a_spanish_sheet_says_video_as_its_country_does(language: str, said: str) -> None:
    assert Translator(language=language).label("watch_video") == said


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("pt-BR", "Revisado por Ana, clínica."),
        ("pt-Latn-BR", "Revisado por Ana, clínica."),  # its catalog is Brazil's: so is the clinic's wording for it
        ("de-CH-1996", "Geprüft von Ana, Praxis."),
        ("pt", "Revisto por Ana."),
        ("pt-AO", "Revisto por Ana."),
    ],
)
def test_a_clinics_labels_for_a_country_are_read_however_its_tag_is_written(language: str, said: str) -> None:
    """A clinic's labels given under a country's tag (pt-BR, de-CH) are its wording for a routine whose tag names
    that country with a script or a variant too (pt-Latn-BR, de-CH-1996), as the country's catalog is: a Brazilian
    routine tagged pt-Latn-BR printed Brazil's catalog's labels, but none of the clinic's own for pt-BR."""
    own = {
        "pt-BR": {"reviewed_by": "Revisado por %(reviewer)s, clínica."},
        "de-CH": {"reviewed_by": "Geprüft von %(reviewer)s, Praxis."},
    }
    assert translator(language, own).label("reviewed_by", reviewer="Ana") == said


@pytest.mark.parametrize(("language", "said"), [("pt-BR", "Olá"), ("pt-Latn-BR", "Olá"), ("de-CH-1996", "Grüezi")])
def test_a_clinics_text_for_a_country_is_picked_however_its_tag_is_written(language: str, said: str) -> None:
    """A brand text given per language ({pt-BR: …, en: …}) prints its country's text, not the fallback's."""
    texts = {"en": "Hello", "pt-BR": "Olá", "de-CH": "Grüezi"}
    assert pick(texts, language, "en") == (said, None)
