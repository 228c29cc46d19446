"""Reading hyphenated lines back from a PDF: which line ends are a word broken with a hyphen, and whether the
break is one the language's hyphenation dictionary allows (pyphen's own, read here without the app's code;
Welsh, which pyphen has no dictionary for, by the app's syllable rule)."""

from __future__ import annotations

import itertools
import re

import pyphen

from handouts.words.hyphens import syllable_breaks

LETTERS = re.compile(r"[^\W\d_]+")


def break_points(word: str, language: str) -> set[int]:
    """Where `word` (letters only) may break in `language`."""
    found = pyphen.language_fallback(language.replace("-", "_"))
    if found is None:
        return set(syllable_breaks(word))
    return set(pyphen.Pyphen(lang=found, left=2, right=2).positions(word))


def hyphen_breaks(lines: list[str]) -> list[tuple[str, str]]:
    """(head, tail) for each line ending in a letter and a hyphen, followed by a line starting with a letter:
    the letters before the hyphen and the letters that start the next line."""
    found = []
    for line, following in itertools.pairwise(lines):
        head = re.search(r"([^\W\d_]+)-$", line.rstrip())
        tail = re.match(r"([^\W\d_]+)", following.lstrip())
        if head and tail:
            found.append((head.group(1), tail.group(1)))
    return found


def is_dictionary_break(head: str, tail: str, language: str) -> bool:
    return len(head) in break_points(head + tail, language)


def dehyphenated(text: str, language: str, typed: str = "") -> str:
    """`text` (lines) with each hyphen the layout added at a line's end taken out, the word joined again: only
    where the dictionary allows a break there, or in a word it allows none in (the layout breaks such a word,
    wider than its line, between any two letters), and not where `typed` (what the author typed) has the
    hyphen."""

    def join(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        # The author's hyphen: typed between these letters, or typed at the end of this word (a text that ends
        # "WF-" and the line after it, a text of its own).
        authors = f"{head}-{tail}" in typed or re.search(rf"{re.escape(head)}-(?![^\W\d_])", typed)
        breakable = is_dictionary_break(head, tail, language) or not break_points(head + tail, language)
        if authors or not breakable:
            return match.group(0)
        return head + tail

    return re.sub(r"([^\W\d_]+)-[ \t]*\n[ \t]*([^\W\d_]+)", join, text)


def assert_broken_only_with_hyphens(lines: list[str], word: str, language: str) -> int:
    """`word` is printed, whole or in pieces, each line but its last ending with a hyphen at a dictionary break
    point of the whole word; returns how many times it was broken."""
    text = "\n".join(lines)
    pattern = "".join(f"{re.escape(ch)}(-?\\n?)" for ch in word[:-1]) + re.escape(word[-1])
    match = re.search(pattern, text)
    assert match, f"{word!r} is not printed whole or hyphenated"
    points = break_points(word.lower(), language)
    breaks = 0
    for index, gap in enumerate(match.groups(), start=1):
        if not gap:
            continue
        assert gap == "-\n", f"{word!r} broken without a hyphen after {word[:index]!r}"
        assert index in points, f"{word!r} hyphenated after {word[:index]!r}, not a break point in {language}"
        breaks += 1
    return breaks
