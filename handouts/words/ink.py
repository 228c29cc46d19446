"""Which characters of a text print: those no font draws (control, format, surrogate and private-use
characters and variation selectors, dropped by the engines) do not, and neither do blank ones (spaces, and
letters that are blank by design, such as the Hangul filler). A text with none that print would print as
nothing: an empty heading, a "Prepared for" line with no name."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

UNDRAWN = ("Cc", "Cf", "Cs", "Co")  # control, format, surrogate and private-use characters: no font draws them
BLANK_LETTERS = frozenset("\u115f\u1160\u2800\u3164\uffa0")  # Hangul fillers, the blank Braille pattern


def composed(text: str) -> str:
    """`text` with each letter and the accents after it one character where Unicode has it (`e` and U+0301 as
    `é`), as a Mac may store text copied from a file's name or a PDF; the engines, drawing each character in
    turn, would print the accent after its letter. Nothing else changes: NFC of the whole text would also turn
    a CJK compatibility ideograph (U+F900) or the ohm sign into another character."""
    if text.isascii() or not any(unicodedata.combining(ch) for ch in text):  # ASCII has no combining marks
        return text
    clusters: list[str] = []  # each character with the combining marks after it
    for ch in text:
        if clusters and unicodedata.combining(ch):
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return "".join(unicodedata.normalize("NFC", cluster) if len(cluster) > 1 else cluster for cluster in clusters)


def undrawn(ch: str) -> bool:
    return unicodedata.category(ch) in UNDRAWN or selects_a_variant(ch)


def selects_a_variant(ch: str) -> bool:
    """Whether `ch` is a variation selector (U+FE00 to U+FE0F, U+E0100 to U+E01EF): an unseen request that the
    character before it be shown as an emoji or as text, as a phone types '©️' and '☎️'. No font draws one by
    itself: the glyph check refused '©️' naming a character no one could see."""
    return "\ufe00" <= ch <= "\ufe0f" or "\U000e0100" <= ch <= "\U000e01ef"


def prints_nothing(text: str) -> bool:
    """True when no character of `text` makes a mark: it is empty, blank, or invisible (U+200B, U+2060…)."""
    return all(ch.isspace() or ch in BLANK_LETTERS or undrawn(ch) for ch in text)


def codes(chars: Iterable[str]) -> str:
    """Characters by their codes, each once, in the order given: "U+200B, U+2060" (what a message names)."""
    return ", ".join(f"U+{ord(ch):04X}" for ch in dict.fromkeys(chars))
