"""Where a word may break in a language without a hyphenation dictionary: Welsh, by its syllables; and where a
German compound breaks between its parts."""

from __future__ import annotations

import pytest

from handouts.words.hyphens import hyphenation_points, part_points


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


@pytest.mark.parametrize(
    ("word", "language", "parts"),
    [
        # the dictionary's first level: between a compound's words and after a prefix, none inside a part
        ("Bildschirmarbeitsplatzbeschäftigte", "de", ["Bild", "schirmarbeits", "platzbe", "schäftigte"]),
        ("(Nackenverspannungsselbstbehandlung)", "de-AT", ["(Nackenverspannungs", "selbstbe", "handlung)"]),
        ("Nackenverspannungsselbstbehandlung", "de-CH", ["Nackenverspannungs", "selbstbe", "handlung"]),
        # a dictionary of one level tells no parts apart
        ("Kniegewrichtsoefeningen", "nl", ["Kniegewrichtsoefeningen"]),
        ("physiotherapy", "en-GB", ["physiotherapy"]),
        ("llaethdy", "cy", ["llaethdy"]),
    ],
)
def test_a_german_compound_is_told_apart_at_its_parts(word: str, language: str, parts: list[str]) -> None:
    points = part_points(word, language)
    assert set(points) <= set(hyphenation_points(word, language))
    assert [word[a:b] for a, b in zip([0, *points], [*points, len(word)], strict=True)] == parts
