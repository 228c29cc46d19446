"""A language given as a system locale's name (from a Mac's or Linux's settings, or `echo $LANG`) is answered
with its tag."""

from __future__ import annotations

import pytest

from handouts.input.languages import language_tag


@pytest.mark.parametrize(
    ("typed", "tag"),
    [("en_GB", "en-GB"), ("en_GB.UTF-8", "en-GB"), ("pt_BR.utf8", "pt-BR"), ("de_DE@euro", "de-DE"), ("cy_gb", "cy-GB")],
)
def test_a_system_locales_name_is_answered_with_its_tag(typed: str, tag: str) -> None:
    """`en_GB.UTF-8`, as `echo $LANG` prints it, was answered "did you mean 'en-GU'" (Guam's English)."""
    with pytest.raises(ValueError) as caught:
        language_tag(typed)
    assert str(caught.value) == f"{typed!r} is a system locale's name: its language tag is {tag!r}"
    assert language_tag(tag) == tag


@pytest.mark.parametrize(
    ("typed", "tag", "references"),
    [
        ("PL", "pl", "Bibliografia"),
        ("Es", "es", "Referencias"),
        ("PT-BR", "pt-BR", "Referências"),
        ("nl-nl", "nl-NL", "Literatuur"),
        ("EN-us", "en-US", "References"),
        ("zh-hant-tw", "zh-Hant-TW", "References"),
        ("es-419", "es-419", "Referencias"),
    ],
)
def test_a_tag_in_other_capitals_is_read_as_its_language(typed: str, tag: str, references: str) -> None:
    """Capitals carry no meaning in a language tag (BCP 47): `language: PL` printed every label in English, with
    a warning that there was no catalog for 'PL', where the Polish one was not found under that name (and was,
    on a Mac or Windows, whose file names ignore capitals). A tag is read in its usual capitals."""
    from handouts.words.i18n import Translator
    from handouts.words.labels import LABELS

    assert language_tag(typed) == tag
    assert Translator(language=language_tag(typed)).gettext(LABELS["references"]) == references
