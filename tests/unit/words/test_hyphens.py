"""Where a word may break in a language without a hyphenation dictionary: Welsh, by its syllables."""

from __future__ import annotations

import pytest

from handouts.words.hyphens import hyphenation_points


def hyphenated(word: str, language: str) -> str:
    """`word` with a hyphen at each point it may break."""
    for point in reversed(hyphenation_points(word, language)):
        word = f"{word[:point]}-{word[point:]}"
    return word


@pytest.mark.parametrize(
    ("word", "broken"),
    [
        # a digraph before a consonant ends its syllable: "pe-llter" (distance), "gwe-llhad" (recovery) and
        # "llae-thdy" (dairy) opened a line with "ll" or "th" and a consonant, as no Welsh syllable starts
        ("pellter", "pell-ter"),
        ("gwellhad", "gwell-had"),
        ("llaethdy", "llaeth-dy"),
        ("Llanfairpwllgwyngyll", "Llan-fair-pwll-gwy-ngyll"),
        # a digraph before a vowel opens its syllable, as before
        ("pethau", "pe-thau"),
        ("ysgwyddau", "ys-gwy-ddau"),
        ("cynhesu", "cyn-he-su"),
        ("gwddf", "gwddf"),
    ],
)
def test_a_welsh_word_breaks_between_its_syllables(word: str, broken: str) -> None:
    assert hyphenated(word, "cy") == broken
