"""Which characters of a text print: those no font draws (control, format, surrogate and private-use
characters, dropped by the engines) do not, and neither do blank ones (spaces, and letters that are blank by
design, such as the Hangul filler). A text with none that print would print as nothing: an empty heading, a
"Prepared for" line with no name."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

UNDRAWN = ("Cc", "Cf", "Cs", "Co")  # control, format, surrogate and private-use characters: no font draws them
BLANK_LETTERS = frozenset("\u115f\u1160\u2800\u3164\uffa0")  # Hangul fillers, the blank Braille pattern


def undrawn(ch: str) -> bool:
    return unicodedata.category(ch) in UNDRAWN


def prints_nothing(text: str) -> bool:
    """True when no character of `text` makes a mark: it is empty, blank, or invisible (U+200B, U+2060…)."""
    return all(ch.isspace() or ch in BLANK_LETTERS or undrawn(ch) for ch in text)


def codes(chars: Iterable[str]) -> str:
    """Characters by their codes, each once, in the order given: "U+200B, U+2060" (what a message names)."""
    return ", ".join(f"U+{ord(ch):04X}" for ch in dict.fromkeys(chars))
