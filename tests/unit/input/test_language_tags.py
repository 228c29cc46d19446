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
