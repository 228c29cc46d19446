"""Content text to layout XML: escaped, Markdown read, citations formatted, links only to the web, e-mail and
phone. No fonts and no reportlab here: the words are made before any engine sees them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from handouts.input.links import EMAIL, bare_addresses
from handouts.words import markdown
from handouts.words.markdown import DEPTH_READ, MAX_DEPTH, MAX_EMPHASIS, Renderer, _mailed, list_depth, plain_text
from handouts.words.references import References


@pytest.fixture(scope="module")
def md() -> Renderer:
    return Renderer(References({("nhs2019",): "(NHS, 2019)", ("a",): "<sup>1</sup>"}, ()))


def test_text_is_escaped(md: Renderer) -> None:
    assert md.inline("A & B <tag> \"q\" 'a'") == "A &amp; B &lt;tag&gt; &#34;q&#34; &#39;a&#39;"
    assert md.text("**not bold** <b>") == "**not bold** &lt;b&gt;"


def test_markdown_and_citations(md: Renderer) -> None:
    assert md.inline("**Stop** if it *hurts* [@NHS2019].") == "<b>Stop</b> if it <i>hurts</i> <cite>(NHS, 2019)</cite>."


def test_a_star_between_digits_is_a_times_sign(md: Renderer) -> None:
    # "3*10 reps, then 2*30 s" printed "310 reps, then 230 s", its middle in italics: a dose a patient misreads.
    assert md.inline("Do 3*10 reps, then 2*30 s.") == "Do 3*10 reps, then 2*30 s."
    assert md.inline("**3*10** reps, *slowly*") == "<b>3*10</b> reps, <i>slowly</i>"
    assert plain_text("Hold 2*5 s and 3**2 reps.") == "Hold 2*5 s and 3**2 reps."


def test_a_superscript_citation_sits_on_the_word_before_it(md: Renderer) -> None:
    assert md.inline("Stiffness [@a].") == "Stiffness<cite><sup>1</sup></cite>."


def test_a_citation_in_a_links_text_keeps_the_link(md: Renderer) -> None:
    assert md.inline("[see [@nhs2019]](https://x.org)") == '<a href="https://x.org">see <cite>(NHS, 2019)</cite></a> (x.org)'
    assert md.inline("[@nhs2019](https://x.org)") == '<a href="https://x.org">@nhs2019</a> (x.org)'  # a link, as typed


def test_an_escaped_bracket_makes_a_citation_print_as_typed(md: Renderer) -> None:
    assert md.inline("Rest \\[@nhs2019].") == "Rest [@nhs2019]."
    assert md.inline("Rest [@nhs2019\\].") == "Rest [@nhs2019]."
    assert md.inline("Rest \\[@nosuch\\] [@a].") == "Rest [@nosuch]<cite><sup>1</sup></cite>."
    assert md.blocks("- Rest \\[@nhs2019]") == '<bullets level="1"><item>Rest [@nhs2019]</item></bullets>'


def test_a_citation_no_reference_list_knows_prints_as_typed(md: Renderer) -> None:
    # Only content.yaml's texts are checked and formatted: a template's own text is none of them.
    assert md.inline("Tell us [@nosuch] or [@a; @nhs2019].") == "Tell us [@nosuch] or [@a; @nhs2019]."


def test_the_clinics_own_text_cites_nothing(md: Renderer) -> None:
    assert md.helpers()["clinic"]("**Tell us** [@nhs2019].") == "<b>Tell us</b> [@nhs2019]."
    assert md.inline("[@nhs2019]") == "<cite>(NHS, 2019)</cite>"  # the same text from content.yaml cites


def test_only_web_mail_and_phone_links(md: Renderer) -> None:
    assert '<a href="https://example.com">site</a>' in md.inline("[site](https://example.com)")
    assert "href" not in md.inline("[x](javascript:alert(1))")
    assert "href" not in md.inline("[x](file:///etc/passwd)")
    assert md.inline("[x](data:text/html,hi)") == "[x](data:text/html,hi)"  # printed as typed


def test_deep_emphasis_prints_its_marks_as_typed(md: Renderer) -> None:
    markup = md.inline("*" * 1000 + "x" + "*" * 1000)
    assert markup.count("<b>") + markup.count("<i>") <= MAX_EMPHASIS
    assert markup.count("*") >= 1900  # the marks past the limit print as they were typed


def test_blocks(md: Renderer) -> None:
    assert md.blocks("One.\n\n- a\n- b") == '<para>One.</para><bullets level="1"><item>a</item><item>b</item></bullets>'
    assert md.nowrap("01632 960 123") == "<nobr>01632 960 123</nobr>"
    assert md.nowrap("<b>") == "<nobr>&lt;b&gt;</nobr>"


def test_plain_text() -> None:
    assert plain_text("**Rest** [@nhs2019] and [walk](https://x.org).") == "Rest and walk."
    assert plain_text("Rest your\nknee.  \nThen walk.") == "Rest your knee. Then walk."  # a line break is a space


@pytest.mark.parametrize(
    "typed",
    [
        "`tick` and \\back",  # a code span, a backslash
        "_under_ and __dunder__",  # emphasis by underscores
        "C:\\Users\\_x and a line end\\",  # backslashes before anything but the README's marks
        "see ![x]",  # an image's mark
    ],
)
def test_commonmark_marks_the_readme_does_not_document_print_as_typed(md: Renderer, typed: str) -> None:
    """Only `**bold**`, `*italic*` and `[text](https://…)` are read as Markdown; CommonMark's other marks print
    as typed (they dropped backticks, backslashes and underscores)."""
    assert md.inline(typed) == str(escape(typed))


def test_a_backslash_escapes_the_readmes_marks_and_an_address_in_brackets_is_a_link(md: Renderer) -> None:
    """`\\*` prints a star that starts no emphasis, `\\[` a bracket that starts no link; `<https://…>` is a
    link that prints its brackets as typed; a layout links an address with `md.link` (the handout's video link)."""
    assert md.inline("Use a \\*soft\\* ball \\[not a link\\](https://x.org)") == "Use a *soft* ball [not a link](https://x.org)"
    assert md.inline("<https://example.org/v>") == '&lt;<a href="https://example.org/v">https://example.org/v</a>&gt;'
    assert (
        md.link("https://example.org/v?a=1&b=2")
        == '<a href="https://example.org/v?a=1&amp;b=2">https://example.org/v?a=1&amp;b=2</a>'
    )
    assert md.link("www.example.org") == "www.example.org"  # no address a link may go to: as typed


def test_section_marks_the_readme_does_not_document_print_as_typed(md: Renderer) -> None:
    """In section bodies, a quote's `>`, a rule (however it is typed, however long) and a link definition print
    as typed, and the line over a rule stays text; lists and headings are read."""
    assert md.blocks("> quoted\n\nText\n---\n\n[a]: https://x.org\n\n* * * * * * * *\n\n- a\n- b") == (
        "<para>&gt; quoted</para><para>Text</para><para>---</para><para>[a]: https://x.org</para>"
        '<para>* * * * * * * *</para><bullets level="1"><item>a</item><item>b</item></bullets>'
    )


def test_a_numbered_list_keeps_the_numbers_and_marks_typed(md: Renderer) -> None:
    """Numbered items "1986. A good year.", "007. Bond" and "3) Third" print as typed: each item has the number typed, and the
    list the mark typed (they printed "1.", "1." and "3."); an item's next paragraph has no number."""
    assert md.blocks("1986. A good year.") == '<numbered level="1" mark="."><item number="1986">A good year.</item></numbered>'
    assert md.blocks("3) Third\n4) Fourth\n\n   More of four.") == (
        '<numbered level="1" mark=")"><item number="3">Third</item><item number="4">Fourth</item>'
        '<item number="">More of four.</item></numbered>'
    )
    assert md.blocks("007. Bond") == '<numbered level="1" mark="."><item number="007">Bond</item></numbered>'


def test_lists_nested_deeper_than_six_are_indented_as_the_sixth(md: Renderer) -> None:
    """Eight lists, each inside the one before: the layout's levels stop at six (the build stopped, naming the
    template)."""
    typed = "\n".join("  " * depth + f"- {depth}" for depth in range(8))
    levels = [int(part.split('"')[0]) for part in md.blocks(typed).split('level="')[1:]]
    assert levels == [1, 2, 3, 4, 5, 6, 6, 6]


def test_lists_as_deep_as_may_print_are_read_whole_and_their_depth_counted(md: Renderer) -> None:
    """markdown-it read nine lists deep, then dropped the tenth's words without a word (an empty "•" printed):
    every list a body may have is read whole, and list_depth says how deep a deeper one goes."""
    bullets = "\n".join("  " * depth + f"- Level {depth + 1}" for depth in range(12))
    numbered = "\n".join("   " * depth + f"1. Level {depth + 1}" for depth in range(MAX_DEPTH))
    assert (list_depth("One.\n\n- a\n- b"), list_depth(bullets), list_depth(numbered)) == (1, 12, MAX_DEPTH)
    assert list_depth("\n".join("  " * depth + "- x" for depth in range(200))) == DEPTH_READ  # "50 or more"
    assert all(f">Level {n}</item>" in md.blocks(bullets) for n in range(1, 13))
    assert md.blocks(numbered).count("<item") == MAX_DEPTH and "<item></item>" not in md.blocks(bullets)


@pytest.mark.parametrize(
    ("typed", "markup"),
    [
        # an item's next paragraph after a list inside it: no mark (it was numbered "2." beside the real 2.)
        (
            "1. First\n\n   - sub\n\n   More of first.\n2. Second",
            '<numbered level="1" mark="."><item number="1">First</item><bullets level="2"><item>sub</item></bullets>'
            '<item number="">More of first.</item><item number="2">Second</item></numbered>',
        ),
        # the same in a bullet list (it printed without its bullet only after a list inside the item)
        ("- a\n\n  more of a", '<bullets level="1"><item>a</item><item number="">more of a</item></bullets>'),
        # an empty item keeps its number (1. vanished)
        ("1.\n2. two", '<numbered level="1" mark="."><item number="1"></item><item number="2">two</item></numbered>'),
        # a heading or a rule inside an item is the item's text (the build stopped, naming the layout; crashed)
        ("1. # Heading in item", '<numbered level="1" mark="."><item number="1">Heading in item</item></numbered>'),
        ("- a\n\n  ---", '<bullets level="1"><item>a</item><item number="">---</item></bullets>'),
        # a rule first in an item: the item's mark once (it printed "1. 1. ***")
        (
            "1. ***\n- * * *",
            '<numbered level="1" mark="."><item number="1">***</item></numbered><bullets level="1"><item>* * *</item></bullets>',
        ),
    ],
)
def test_a_list_items_paragraphs_headings_and_rules_stay_in_it(md: Renderer, typed: str, markup: str) -> None:
    assert md.blocks(typed) == markup


LINK = '<a href="https://x.org"></a> (x.org)'


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("[" * 19_000, "[" * 19_000),
        ("[@" * 9_500, "[@" * 9_500),
        ("[" * 19_000 + "](https://x.org)", "[" * 18_999 + LINK),
        ("*[" * 9_500, "<i>[</i>[" * 4_750),
    ],
)
def test_brackets_that_never_close_cost_a_few_steps_each(typed: str, printed: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """markdown-it looked as many levels deep as the block parser may (100) for every `[` that never closes: a
    text of 19,000 took seconds each time it was read. Now a few steps each, and it prints as it did."""
    from markdown_it.parser_inline import ParserInline

    steps = 0
    skip = ParserInline.skipToken

    def counted(self: ParserInline, state: object) -> None:
        nonlocal steps
        steps += 1
        skip(self, state)  # type: ignore[arg-type]

    monkeypatch.setattr(ParserInline, "skipToken", counted)
    assert Renderer(References({}, ())).inline(typed) == printed
    assert steps < 10 * len(typed), steps
    steps = 0
    assert list_depth(typed) == 0
    assert steps < 10 * len(typed), steps


def test_how_deep_a_bodys_lists_go_is_read_from_its_blocks_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """A section body is checked for lists nested too deep as it is read, from where its lists open and close:
    the text inside each block is not read for that (it is read as the body is laid out)."""
    body = "Intro with *emphasis* and [@ref].\n\n- a [link](https://example.com)\n  - b\n\n1. c\n   - d\n     - e"

    def whole_parse() -> None:
        raise AssertionError("the text inside the blocks was read")

    monkeypatch.setattr(markdown, "_parser", whole_parse)
    assert list_depth(body) == 3


@pytest.mark.parametrize(
    "address",
    [
        "https://example.com/x_y*z",
        "https://example.com/a**b**c",
        "https://example.com/a\\*b",
        "www.example.com/a*b",
        "https://e.com/[a](https://b.com)",
        "https://en.wikipedia.org/wiki/Knee_(joint)",
        "front*desk@example.com",
        "doi:10.1000/a*b_c",
        "10.1000/a*b",
    ],
)
def test_an_address_typed_bare_is_taken_whole_before_emphasis(md: Renderer, address: str) -> None:
    """A star (or `\\*`) inside an address typed bare is the address's: one in `https://example.com/x_y*z` made
    italics with a star later in the paragraph, and the sheet printed neither star."""
    text = f"See {address} or this* too."
    assert md.inline(text) == escape(text)
    assert plain_text(text) == text


def test_what_ends_a_sentence_or_emphasis_after_a_bare_address_is_not_part_of_it(md: Renderer) -> None:
    assert md.inline("*see https://x.org/a*") == "<i>see https://x.org/a</i>"
    assert md.inline("**www.x.org**, then *this*.") == "<b>www.x.org</b>, then <i>this</i>."
    assert md.inline("[https://x.org/a*b](https://x.org/a*b) *c*") == '<a href="https://x.org/a*b">https://x.org/a*b</a> <i>c</i>'


def test_an_email_address_typed_bare_links_to_all_of_it(md: Renderer) -> None:
    """In the clinic's feedback line (the web copy links each e-mail address in it), `front*desk@example.com`
    linked `mailto:desk@example.com`, the star before it taken as emphasis with one later on."""
    linked = md.inline("Write to front*desk@example.com, or see this*.", cites=False, mail=True)
    assert linked == 'Write to <a href="mailto:front*desk@example.com">front*desk@example.com</a>, or see this*.'


def test_an_email_address_with_words_after_it_links_to_the_address_alone() -> None:
    """`x@example.com?subject=Knee` in the feedback line linked to `mailto:x@example.com%3Fsubject%3DKnee`, an
    address no mail program can write to: its domain took the '?' and '=' in."""
    assert _mailed("Write to x@example.com?subject=Knee.") == (
        'Write to <a href="mailto:x@example.com">x@example.com</a>?subject=Knee.'
    )
    assert _mailed("See x@example.com/form") == "See x@example.com/form"  # a web address's user@host, no mail


def test_an_email_address_in_curly_quotes_links_without_them() -> None:
    """Word types quotes around an address as “…”: the link wrote to '“physio@example.org' (its quote taken as the
    name's first letter). A curly apostrophe inside a name is still the name's."""
    assert _mailed("Email “physio@example.org” or «a@b.fr».") == (
        'Email “<a href="mailto:physio@example.org">physio@example.org</a>” or «<a href="mailto:a@b.fr">a@b.fr</a>».'
    )
    assert 'href="mailto:o’brien@example.com"' in _mailed("o’brien@example.com")
    assert _mailed("Write to info@उदाहरण.भारत’s desk") == (  # a mark is the domain's, a quote mark is not
        'Write to <a href="mailto:info@उदाहरण.भारत">info@उदाहरण.भारत</a>’s desk'
    )


@given(
    st.sampled_from(["https://", "http://", "www.", "doi:10.1/", "front"]),
    st.text(alphabet="abc/._-*~[]()<>&;`\\#?=", min_size=1, max_size=12),
)
def test_a_bare_address_with_any_marks_in_it_prints_as_typed(scheme: str, rest: str) -> None:
    """Whatever marks an address typed bare holds, it prints whole as typed, up to what GFM leaves out of an
    autolink at its end (`.`, `*`, a `)` it opens none for), whatever stars come later in the paragraph."""
    md = Renderer(References({}, ()))
    address = f"{scheme}e.com/{rest}" if scheme != "front" else f"front{rest}@e.com"
    text = f"See {address} or this* too."
    spans = bare_addresses(text)
    if scheme != "front" or EMAIL.fullmatch(address):  # an e-mail address only where it is one (no brackets in it)
        assert spans and spans[0][0] == 4
        assert escape(text[4 : spans[0][1]]) in md.inline(text)
