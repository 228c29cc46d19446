"""Where a word may break with a hyphen, in the handout's language: the points its hyphenation dictionary
(pyphen's, from LibreOffice's patterns) allows, or, in a language without one (Welsh), between syllables by a
small rule that never splits a Welsh or English digraph. The PDF engines break there where a line needs it (the
web copy leaves hyphenation to the browser, in each text's language)."""

from __future__ import annotations

import functools
import re

import pyphen

SHY = "\u00ad"  # a soft hyphen: a word breaks there, with a hyphen, only where the line needs it
LETTER = re.compile(r"[^\W\d_]")
VOWELS = set("aeiouwyàáâäèéêëìíîïòóôöùúûüŵŷ")
DIGRAPHS = {"ch", "dd", "ff", "ng", "ll", "ph", "rh", "th", "sh", "ck", "gh", "wh", "qu"}
EDGE = 2  # letters a hyphenated word keeps at least on each line


@functools.cache
def dictionary(language: str) -> pyphen.Pyphen | None:
    """pyphen's dictionary for a BCP 47 `language` (en-GB, pt-BR, de-AT), or its primary language's; None if
    it has none (Welsh)."""
    found = pyphen.language_fallback(language.replace("-", "_")) if language else None
    return pyphen.Pyphen(lang=found, left=EDGE, right=EDGE) if found else None


def syllable_breaks(word: str) -> list[int]:
    """Break points for a language without a dictionary: before a consonant between vowels (ca-ru), between two
    consonants after a vowel (cym-ru, pell-ter), never inside a digraph (ll, dd, ch), at least two letters on each side,
    and a vowel on each: a word's last consonants are no syllable ("bach" never breaks as "ba-ch")."""
    lower = word.lower()
    points = []
    for i in range(EDGE, len(word) - EDGE + 1):
        before, at, after = lower[i - 1], lower[i], lower[i + 1] if i + 1 < len(word) else ""
        if lower[i - 1 : i + 1] in DIGRAPHS or (lower[i : i + 2] in DIGRAPHS and before not in VOWELS):
            continue
        if VOWELS.isdisjoint(lower[:i]) or VOWELS.isdisjoint(lower[i:]):
            continue
        if not (before.isalpha() and at.isalpha()):
            continue
        # a consonant (or digraph) before a vowel opens a syllable (ca-ru, pe-thau); of two consonants, the first
        # (a digraph whole) ends the one before (cym-ru, pell-ter, llaeth-dy: never pe-llter, llae-thdy)
        digraph_opens = lower[i : i + 2] in DIGRAPHS and lower[i + 2 : i + 3] in VOWELS
        after_vowel = lower[i - 2] in VOWELS or (i >= 3 and lower[i - 2 : i] in DIGRAPHS and lower[i - 3] in VOWELS)
        if (before in VOWELS and at not in VOWELS and (after in VOWELS or digraph_opens)) or (
            before not in VOWELS and at not in VOWELS and after_vowel and after
        ):
            points.append(i)
    return points


def hyphenation_points(word: str, language: str) -> list[int]:
    """Where `word` (plain text) may break with a hyphen in `language`: between letters only, in its letters'
    run (punctuation around the word stays on its side)."""
    letters = [i for i, ch in enumerate(word) if LETTER.match(ch)]
    if len(letters) < 2 * EDGE:
        return []
    start, end = letters[0], letters[-1] + 1
    core = word[start:end]
    found = dictionary(language)
    points = found.positions(core) if found else syllable_breaks(core)
    return [start + p for p in points if LETTER.match(core[p - 1]) and LETTER.match(core[p])]
