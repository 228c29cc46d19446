"""Where a word may break with a hyphen, in the handout's language: the points its hyphenation dictionary
(pyphen's, from LibreOffice's patterns) allows, or, in a language without one (Welsh), between syllables by a
small rule that never splits a Welsh or English digraph. The PDF engines break there where a line needs it (the
web copy leaves hyphenation to the browser, in each text's language).

A dictionary of two levels (German's) lists, before its syllables, the points between a compound's parts and
after its prefixes ("Bild|schirm", "arbeits|platz", "be|handlung"): pyphen reads both levels as one, so those points
are told apart here (:func:`part_points`) for the engines to prefer."""

from __future__ import annotations

import functools
import io
import re

import pyphen

SHY = "\u00ad"  # a soft hyphen: a word breaks there, with a hyphen, only where the line needs it
LETTER = re.compile(r"[^\W\d_]")
VOWELS = set("aeiouwyàáâäèéêëìíîïòóôöùúûüŵŷ")
DIGRAPHS = {"ch", "dd", "ff", "ng", "ll", "ph", "rh", "th", "sh", "ck", "gh", "wh", "qu"}
EDGE = 2  # letters a hyphenated word keeps at least on each line
NEXT_LEVEL = "\nNEXTLEVEL\n"  # in a dictionary of two levels: between its compounds' points and its syllables'


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
    found = _letters_run(word)
    if found is None:
        return []
    start, core = found
    dictionary_ = dictionary(language)
    points = dictionary_.positions(core) if dictionary_ else syllable_breaks(core)
    return [start + p for p in points if LETTER.match(core[p - 1]) and LETTER.match(core[p])]


def part_points(word: str, language: str) -> list[int]:
    """Of `word`'s `hyphenation_points`, those between its parts (a compound's, a prefix's), where its language's
    dictionary has two levels (German's); none in another language."""
    points, found, level = hyphenation_points(word, language), _letters_run(word), _first_level(language)
    if not points or found is None or level is None or len(found[1].lower()) != len(found[1]):  # "İ": longer lower case
        return []
    start, core = found
    parts = {start + point for point in pattern_points(core, *level)}
    return [point for point in points if point in parts]


def _letters_run(word: str) -> tuple[int, str] | None:
    """Where `word`'s run of letters starts, and the run (from its first letter to its last); None for a word of
    fewer letters than a break leaves on both sides."""
    letters = [i for i, ch in enumerate(word) if LETTER.match(ch)]
    if len(letters) < 2 * EDGE:
        return None
    return letters[0], word[letters[0] : letters[-1] + 1]


@functools.cache
def _first_level(language: str) -> tuple[str, dict[str, str], int] | None:
    """The first level of `language`'s dictionary, where it has two: its header line, its pattern lines by their
    letters (a word's parts are looked up among them, not all 69,000 parsed: pyphen takes a second for that) and
    the letters of its longest; None where the dictionary has one level, or none."""
    found = dictionary_text(language)
    if found is None:
        return None
    header, body = found
    first, level, _ = body.partition(NEXT_LEVEL)
    if not level:
        return None
    by_letters = patterns_by_letters(first)
    return header, by_letters, max(map(len, by_letters), default=0)


def dictionary_text(language: str) -> tuple[str, str] | None:
    """`language`'s hyphenation dictionary (pyphen's file of it) as its header line and the rest, in the encoding
    its header names; None where pyphen has none."""
    found = pyphen.language_fallback(language.replace("-", "_")) if language else None
    if not found:
        return None
    path = pyphen.LANGUAGES[found]
    with path.open("rb") as file:
        encoding = file.readline().decode().strip()
    text = path.read_text("cp1251" if encoding.lower() == "microsoft-cp1251" else encoding)
    header, _, body = text.partition("\n")
    return header, body


def patterns_by_letters(body: str) -> dict[str, str]:
    """A dictionary's pattern lines (`body`, after its header) by their letters, digits left out, read but not
    parsed (pyphen parses them all, which takes longer than building the sheets); the lines of one set of letters
    joined by line breaks."""
    lines = body.split("\n")
    letters = body.encode().translate(None, b"0123456789").decode().split("\n")  # bytes' translate: str's is slow
    if "/" not in body and not _untrimmed(body):  # one pattern a line, as LibreOffice ships them: no loop
        by_letters = dict(zip(letters, lines, strict=True))
        if len(by_letters) - ("" in by_letters) == len(letters) - letters.count(""):  # no letters twice
            return by_letters
    by_letters = {}
    for key, line in zip(letters, lines, strict=True):
        key = key.strip().split("/")[0]
        by_letters[key] = f"{by_letters[key]}\n{line}" if key in by_letters else line
    return by_letters


SPACE = re.compile(r"[^\S\n]")  # whitespace but a line feed


def _untrimmed(body: str) -> bool:
    """Whether a line of `body` (its lines split at line feeds) has what pyphen would strip first: whitespace at
    either end, or nothing (but the last line). Only the whitespace but line feeds is looked at, where it is
    (the shipped dictionaries have a few spaces inside their header lines), not every line of their 100 kB."""
    if body.startswith("\n") or "\n\n" in body:
        return True
    for found in SPACE.finditer(body):
        at = found.start()
        if at == 0 or body[at - 1] == "\n" or at + 1 == len(body) or body[at + 1] == "\n":
            return True
    return False


def pattern_points(word: str, header: str, by_letters: dict[str, str], longest: int) -> list[int]:
    """Where pyphen hyphenates `word` by a dictionary's pattern `by_letters` (its lines by their letters, digits
    left out; the longest's letters `longest`), parsed from only the patterns that can match inside the word: a
    whole dictionary takes pyphen longer to parse than building the sheets."""
    pointed = f".{word.lower()}."
    # no longer than the longest pattern: every piece of a word thousands of letters long took minutes
    pieces = {pointed[i:j] for i in range(len(pointed)) for j in range(i + 1, min(i + longest, len(pointed)) + 1)}
    lines = [by_letters[piece] for piece in sorted(pieces) if piece in by_letters]
    try:
        return pyphen.HyphDict(PatternLines(header, lines)).positions(word)
    except ValueError:  # no pattern with a point matches inside the word: no point
        return []


class PatternLines:
    """Some lines of a hyphenation dictionary, read by pyphen as if they were its file."""

    def __init__(self, header: str, lines: list[str]) -> None:
        self.text = "\n".join([header, *lines])

    def open(self, mode: str) -> io.BytesIO:
        return io.BytesIO(self.text.encode())

    def read_text(self, encoding: str) -> str:
        return self.text
