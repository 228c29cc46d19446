"""Which typed text a poster's too-wide word is blamed on: the therapist's name, the clinic's website or phone."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from handouts.pdf.poster import search


def _job(therapist: str | None, website: str | None) -> SimpleNamespace:
    contact = SimpleNamespace(website=website, phone="01632 960 123")
    return SimpleNamespace(
        options=SimpleNamespace(therapist=therapist), brand=SimpleNamespace(model=SimpleNamespace(contact=contact))
    )


@pytest.mark.parametrize("word", ["——————————", "..................", "“”"])
def test_a_word_of_punctuation_alone_is_blamed_on_nothing_typed(word: str) -> None:
    """Stripped of its punctuation, a word of nothing else was "", which every therapist's name holds: a row of
    dashes in a help sign was said to be the therapist's name, to shorten."""
    assert search._overflowing(_job("Sam Lee", "www.example.com"), word, "poster") is None  # type: ignore[arg-type]


def test_a_website_is_named_with_the_sentence_punctuation_after_it() -> None:
    found = search._overflowing(
        _job("Sam Lee", "www.averyveryveryverylongclinicname.example"), "www.averyveryveryverylongclinicname.example:", "poster"
    )  # type: ignore[arg-type]
    assert found is not None and "shorten it" in str(found)


@pytest.mark.parametrize(
    ("word", "blamed"),
    [
        ("Call", False),  # the start of "Callum", printed from elsewhere (a help sign's "Call…")
        ("Callum", True),
        ("CallumAlexanderSmith-Jones", True),  # names tied by no-break spaces print as one word
        ("Smith-Jones:", True),
        ("example.com/knee", False),  # part of the website, not a word of it
        ("www.example.com/knee-self-massage", True),  # the website as printed, without its scheme
    ],
)
def test_a_word_is_blamed_on_a_text_only_where_it_is_a_run_of_its_whole_words(word: str, blamed: bool) -> None:
    """The too-wide word was looked for anywhere in each typed text: a help sign's "Call…" was blamed on a
    therapist named Callum, to shorten their name."""
    job = _job("Callum Alexander Smith-Jones", "https://www.example.com/knee-self-massage")
    found = search._overflowing(job, word, "poster")  # type: ignore[arg-type]
    assert (found is not None) is blamed
