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
