"""Content text to reportlab markup: escaped, Markdown read, citations formatted, links only to the web."""

from __future__ import annotations

import pytest

from handouts.media.fonts import escape, load_fonts
from handouts.words.markdown import Renderer, plain_text
from handouts.words.references import References


@pytest.fixture(scope="module")
def md() -> Renderer:
    return Renderer(load_fonts(), References({("nhs2019",): "(NHS, 2019)"}, ()), "#165C64")


def test_text_is_escaped(md: Renderer) -> None:
    assert md.inline("A & B <tag>") == "A &amp; B &lt;tag&gt;"
    assert md.text("**not bold**") == "**not bold**"
    assert escape("a\x00b\u202ec\nd") == "abc d"


def test_markdown_and_citations(md: Renderer) -> None:
    assert md.inline("**Stop** if it *hurts* [@NHS2019].") == "<b>Stop</b> if it <i>hurts</i> (NHS, 2019)."


def test_only_web_mail_and_phone_links(md: Renderer) -> None:
    assert '<a href="https://example.com" color="#165C64">site</a>' in md.inline("[site](https://example.com)")
    assert "href" not in md.inline("[x](javascript:alert(1))")
    assert "href" not in md.inline("[x](file:///etc/passwd)")


def test_blocks(md: Renderer) -> None:
    assert md.blocks("One.\n\n- a\n- b") == '<para>One.</para><bullets level="1"><item>a</item><item>b</item></bullets>'
    assert md.nowrap("01632 960 123") == "01632\u00a0960\u00a0123"


def test_plain_text() -> None:
    assert plain_text("**Rest** [@nhs2019] and [walk](https://x.org).") == "Rest and walk."
