"""Runs kept together where a line must not break them."""

from __future__ import annotations

import pytest

from handouts.layout import nodes as n


@pytest.mark.parametrize(
    ("runs", "together"),
    [
        ((n.Text("Knees bent, feet flat"),), (n.Text("Knees bent, "), n.NoBreak((n.Text("feet flat"),)))),
        ((n.Text("Sit tall"),), (n.NoBreak((n.Text("Sit tall"),)),)),  # all of it: kept whole where it fits
        ((n.Text("Breathe out "),), (n.NoBreak((n.Text("Breathe out "),)),)),
        (
            (n.Text("Keep "), n.Strong((n.Text("your back straight"),))),
            (n.Text("Keep "), n.Strong((n.Text("your "), n.NoBreak((n.Text("back straight"),))))),
        ),
    ],
)
def test_the_last_two_words_are_kept_together(runs: n.Runs, together: n.Runs) -> None:
    assert n.last_words_together(runs) == together
    assert n.plain(n.last_words_together(runs)) == n.plain(runs)


@pytest.mark.parametrize(
    "runs",
    [
        (),
        (n.Text("Relax"),),
        (n.Strong((n.Text("Sit"),)), n.Text(" tall")),  # two pieces of text: left as they are
        (n.Text("Sit tall"), n.LineBreak()),
        (n.Text("Call "), n.NoBreak((n.Text("01632 960 123"),))),
    ],
)
def test_runs_whose_last_words_are_not_in_one_text_are_unchanged(runs: n.Runs) -> None:
    assert n.last_words_together(runs) is runs


def test_untagged_runs_keep_their_words_and_styles_without_links_or_spans() -> None:
    """A title drawn again as an artifact keeps what it prints, but none of what the tree marks."""
    runs = (
        n.Text("Read the "),
        n.Link("https://www.nhs.uk/", (n.Strong((n.Text("NHS guide"),)),)),
        n.Emphasis((n.Span("cy", (n.Text("Croeso"),)),)),
    )
    untagged = n.untagged(runs)
    assert untagged == (n.Text("Read the "), n.Strong((n.Text("NHS guide"),)), n.Emphasis((n.Text("Croeso"),)))
    assert n.plain(untagged) == n.plain(runs)


def test_a_numbered_styles_entries_are_read_as_their_numbers_and_the_rest() -> None:
    """Each entry opens with its number and a no-break space (see words.citeproc_format): read as the number
    and the rest, only where every entry of the list does."""
    rest = n.Emphasis((n.Text("J"),))
    numbered = n.References(((n.Text("1.\u00a0Perlman AI. "), rest), (n.Text("[10]\u00a0"), rest)))
    assert numbered.numbered() == (("1.", (n.Text("Perlman AI. "), rest)), ("[10]", (rest,)))
    marked = n.References(((n.Text("(3)\u00a0A"),), (n.Text("4)\u00a0B"),), (n.Text("5:\u00a0C"),)))
    assert [number for number, _ in marked.numbered() or ()] == ["(3)", "4)", "5:"]  # a clinic's style's marks
    assert n.References(((n.Text("1.\u00a0A"),), (n.Text("Atkins, D."),))).numbered() is None  # one that is not
    assert n.References(((n.Text("1. Perlman"),),)).numbered() is None  # a space typed: words of its own
    assert n.References(((n.Strong((n.Text("1."),)), n.Text("\u00a0A")),)).numbered() is None
    assert n.References(()).numbered() is None
