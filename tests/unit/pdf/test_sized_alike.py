"""A paragraph's large-print copy is made from the standard copy's words as parsed, resized, not parsed again
(issue 29): what reportlab's parser reads of a style, and what it makes of a markup at another size, held to
what handouts.pdf.flowables assumes (PARSED_BY, _resized)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import BRAND, CONTENT
from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaParser

from handouts.build import OUTPUTS, prepare, render
from handouts.pdf import flowables
from handouts.pdf.flowables import PARSED_BY, CachedParagraph

# Markup beside the routine's own: each tag that leaves a fragment plain (see flowables._plain), and some that do not.
MARKUPS = (
    "plain words &amp; an entity&nbsp;here",
    "<b>bold</b> and <i>italic</i> and <b><i>both</i></b>",
    '<font color="#C00000">red</font> <font face="Times-Roman">another face</font>',
    "one line<br/>and another",
    '<span backColor="#FFFF00">marked</span> text',
    'a <a href="https://example.com">link</a> and <u>underlined</u> and <strike>struck</strike>',
    "x<super>2</super> and H<sub>2</sub>O",
    '<font size="+2">larger</font> words',
)


class Watched(ParagraphStyle):
    """A style that notes every attribute read of it."""

    read: set[str] | None = None  # from when the style is made

    def __getattribute__(self, name: str) -> Any:
        read = object.__getattribute__(self, "read")
        if read is not None and not name.startswith("_") and name != "read":
            read.add(name)
        return object.__getattribute__(self, name)


def _routine_calls(monkeypatch: pytest.MonkeyPatch, owner: type, method: str) -> list[tuple[str, ParagraphStyle]]:
    """Each (markup, style) the knee routine's outputs call `owner.method` with (text and style first)."""
    called: list[tuple[str, ParagraphStyle]] = []
    own = getattr(owner, method)

    def noted(self: Any, text: str | None, style: ParagraphStyle, *args: Any, **kwargs: Any) -> Any:
        if text:
            called.append((text, style))
        return own(self, text, style, *args, **kwargs)

    monkeypatch.setattr(owner, method, noted)
    job = prepare(CONTENT, BRAND)
    for output in OUTPUTS:
        render(job, output)
    monkeypatch.undo()
    return called


def _routine_markups(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ParagraphStyle]]:
    """Every markup the knee routine's outputs parse, with the style each is parsed in."""
    return _routine_calls(monkeypatch, ParaParser, "parse")


def _routine_paragraphs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ParagraphStyle]]:
    """Every markup the knee routine's outputs make a paragraph of, parsed or not, with its style."""
    return _routine_calls(monkeypatch, Paragraph, "__init__")


def _parsed(text: str, style: ParagraphStyle) -> list[dict[str, Any]]:
    _, frags, _ = ParaParser().parse(text, style)
    return _attributes(frags)


def _attributes(frags: list[Any]) -> list[dict[str, Any]]:
    """Each fragment's attributes, its callback's (an inline tag's mark) as its own."""
    return [{k: vars(v) if k == "cbDefn" else v for k, v in vars(frag).items()} for frag in frags]


def test_reportlabs_parser_reads_of_a_style_only_what_the_store_keys_by(monkeypatch: pytest.MonkeyPatch) -> None:
    markups = [text for text, _ in _routine_markups(monkeypatch)] + list(MARKUPS)
    style = Watched("watched", fontName="Helvetica", fontSize=11, textColor=Color(0.1, 0.2, 0.3), leading=14)
    style.read = set()
    for text in markups:
        _parsed(text, style)
    assert style.read - {"fontSize", "name"} <= set(PARSED_BY)


@pytest.mark.parametrize("transform", [None, "uppercase"])
def test_a_markup_made_again_at_another_size_is_as_reportlab_parses_it_there(
    monkeypatch: pytest.MonkeyPatch, transform: str | None
) -> None:
    pairs = _routine_paragraphs(monkeypatch) + [(text, ParagraphStyle("body", fontSize=10)) for text in MARKUPS]
    parses: list[str] = []
    parse = ParaParser.parse
    monkeypatch.setattr(ParaParser, "parse", lambda self, text, style: parses.append(text) or parse(self, text, style))
    resized = 0
    for text, style in pairs:
        small = ParagraphStyle("small", parent=style, textTransform=transform)
        large = ParagraphStyle("large", parent=small, fontSize=small.fontSize * 1.6, leading=small.leading * 1.6, spaceBefore=9)
        with flowables.shared({}):
            CachedParagraph(text, small)
            before = len(parses)
            made = CachedParagraph(text, large)
        resized += len(parses) == before  # made from the small one's words, not parsed
        assert _attributes(made.frags) == _attributes(Paragraph(text, large).frags), text
    assert resized > 50  # the routine's own markups and the plain ones above


def test_the_large_print_copies_parse_only_what_the_standard_copies_did_not(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = _routine_markups(monkeypatch)
    seen: set[tuple[str, tuple[Any, ...]]] = set()
    again = []
    for text, style in parsed:
        key = (text, tuple(getattr(style, name, None) for name in PARSED_BY))
        if key in seen and "<a " not in text and "<su" not in text:  # a link or raised text is parsed at each size
            again.append(text)
        seen.add(key)
    assert len(parsed) > 30  # the markups with tags (each style's plain texts are made from its first: see below)
    assert again == []


def test_a_markup_resized_from_the_store_is_a_copy_of_its_own() -> None:
    store: dict[str, Any] = {}
    with flowables.shared(store):
        first = CachedParagraph("<b>Hold</b> for ten", ParagraphStyle("small", fontSize=10))
        second = CachedParagraph("<b>Hold</b> for ten", ParagraphStyle("large", fontSize=16, leading=20))
    assert [f.fontSize for f in first.frags] == [10, 10]
    assert [f.fontSize for f in second.frags] == [16, 16]
    second.frags[0].text = "changed"
    with flowables.shared(store):
        third = CachedParagraph("<b>Hold</b> for ten", ParagraphStyle("larger", fontSize=18, leading=22))
    assert [f.text for f in third.frags] == ["Hold", " for ten"]


def test_the_store_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(flowables, "SHARED_MOST", 20)
    store: dict[str, Any] = {}
    with flowables.shared(store):
        for count in range(60):
            CachedParagraph(f"words {count}", ParagraphStyle("small", fontSize=10))
            CachedParagraph(f"words {count}", ParagraphStyle("large", fontSize=16))
    assert len(store["paragraphs"]) <= 20


def test_a_markup_that_sets_its_own_size_is_parsed_again_at_another_size_not_resized() -> None:
    """A cue resized for the poster's search kept its words at the new size where its markup set a size equal to
    its style's (<font size="18"> at 18 pt looks plain): reportlab keeps such words at 18 pt at any size."""
    big = ParagraphStyle("big", fontName="Helvetica", fontSize=18, leading=22)
    small = ParagraphStyle("small", parent=big, fontSize=12, leading=15)
    markup = 'call <font size="18">01632 960 123</font> now'
    resized = CachedParagraph(markup, big).resized(small)
    parsed = Paragraph(markup, small)
    assert [frag.fontSize for frag in resized.frags] == [frag.fontSize for frag in parsed.frags] == [12, 18, 12]


# Plain texts reportlab's cleaning changes (white space folded, a no-break space kept), and texts that are not plain.
PLAIN = ("Warm up", "  two\n  lines\tof words  ", "01632\u00a0960\u00a0123 now", "a > b", "x")


def test_a_plain_text_made_from_another_of_its_style_is_as_reportlab_parses_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Three in four of a handout's paragraphs are plain text; the first in each style is parsed, the others are
    made from its fragment (see flowables._plain_words): each as reportlab parses it, at any size, in any kind of
    paragraph."""
    pairs = _routine_paragraphs(monkeypatch)
    styles = list({id(style): style for _, style in pairs}.values())
    texts = [text for text, _ in pairs if "<" not in text and "&" not in text] + list(PLAIN)
    parses: list[str] = []
    parse = ParaParser.parse
    monkeypatch.setattr(ParaParser, "parse", lambda self, text, style: parses.append(text) or parse(self, text, style))
    made = 0
    for style in styles:
        larger = ParagraphStyle("larger", parent=style, fontSize=style.fontSize * 1.5, leading=style.leading * 1.5)
        with flowables.shared({}):
            CachedParagraph("The first of its style", style)
            for text in texts:
                for chosen in (style, larger):
                    before = len(parses)
                    paragraph = CachedParagraph(text, chosen, bulletText="1")
                    made += len(parses) == before
                    assert _attributes(paragraph.frags) == _attributes(Paragraph(text, chosen).frags), text
    assert made >= len(styles) * len(texts) * 2 - len(styles)  # all but the larger size's first, not parsed


def test_a_handout_parses_plain_text_once_in_each_style(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = _routine_markups(monkeypatch)
    plain = [(text, tuple(getattr(style, name, None) for name in PARSED_BY)) for text, style in parsed if "<" not in text]
    plain = [(text, read) for text, read in plain if "&" not in text]
    assert len(plain) == len({read for _, read in plain})  # one text in each
