"""The web copy's node handling: each node becomes semantic, escaped HTML, links under the one policy."""

from __future__ import annotations

from handouts.layout import nodes as n
from handouts.web.blocks import Builder, inline, numbered


def test_runs_are_escaped_and_marked_up() -> None:
    runs = (n.Text("<b>&</b> "), n.Strong((n.Text("Stop"),)), n.NoBreak((n.Text("9 May"),)), n.Superscript((n.Text("1"),)))
    assert inline(runs) == "&lt;b&gt;&amp;&lt;/b&gt; <strong>Stop</strong>9\u00a0May<sup>1</sup>"


def test_only_web_mail_and_phone_links_are_links() -> None:
    assert inline((n.Link("https://x.org/?a=1&b=2", (n.Text("x"),)),)) == '<a href="https://x.org/?a=1&amp;b=2">x</a>'
    assert inline((n.Link("javascript:alert(1)", (n.Text("x"),)),)) == "x"


def test_a_document_becomes_headings_a_labelled_box_and_a_list_of_steps() -> None:
    document = n.Document(
        (
            n.Title((n.Text("Knee"),)),
            n.Callout("safety", (n.Text("Safety"),), (n.Item((n.Text("Stop"),)),)),
            n.Steps((n.Step("2", (n.Text("Warm up"),), (n.Text("Jog."),), (n.Text("5 times"),), n.Picture("a.png", "A jog")),)),
            n.Heading((n.Text("More"),), 2),
        ),
        "t",
    )
    html = Builder(lambda src: "data:image/png;base64,AAAA").build(document)
    assert "<h1>Knee</h1>" in html and "<h3>More</h3>" in html
    assert '<aside class="safety" aria-labelledby="safety-title">' in html and '<h2 id="safety-title">Safety</h2>' in html
    assert '<li value="2"><h3>Warm up</h3><img src="data:image/png;base64,AAAA" alt="A jog"><p>Jog.</p>' in html
    assert '<p class="dose">5 times</p>' in html


def test_a_number_the_browser_would_not_show_as_typed_is_given_to_its_marker() -> None:
    """The list's own numerals show "007" as "7" and cannot show "²": the typed number is the item's marker, a
    `list-style-type` string (every browser draws it; Safari ignores `content` on `::marker`); a number the
    browser shows as typed needs only its value."""
    steps = n.Steps((n.Step("²", None, None, None), n.Step("3", None, None, None)))
    listed = n.ListBlock((n.Item((n.Text("Bond"),), "007"), n.Item((n.Text("Next"),), "8")), ordered=True)
    html = Builder(lambda src: None).build(n.Document((steps, listed), "t"))
    assert '<li style="list-style-type: &#x27;\\b2 . &#x27;">' in html and '<li value="3">' in html
    assert '<li value="7" style="list-style-type: &#x27;007. &#x27;">Bond' in html and '<li value="8">Next' in html


def test_a_nested_list_sits_inside_an_item_and_a_numbered_list_starts_where_it_was_typed() -> None:
    """HTML allows only items in a list: a nested list goes inside the item above it (screen readers announce
    its level), as does an item's next paragraph; a numbered item has the number typed, with the mark typed."""
    inner = n.ListBlock((n.Item((n.Text("b"),)),), level=2)
    outer = n.ListBlock((n.Item((n.Text("a"),)), inner), level=1)
    numbered = n.ListBlock((n.Item((n.Text("Third"),), "3"), n.Item((n.Text("More."),), "")), ordered=True, mark=")")
    html = Builder(lambda src: None).build(n.Document((outer, numbered), "t"))
    assert "<ul>\n<li>a\n<ul><li>b</li></ul>\n</li></ul>" in html
    assert '<ol>\n<li value="3" style="list-style-type: &#x27;3) &#x27;">Third\n<p>More.</p>\n</li></ol>' in html


def test_a_paren_list_a_layout_left_unnumbered_counts_on_and_a_wide_number_gets_room() -> None:
    """Items of a ")" list with no number typed (a layout's <item>) are numbered on from the one before, so
    their markers are read ("1)" was silent); a number wider than the list's room widens it."""
    paren = n.ListBlock((n.Item((n.Text("a"),)), n.Item((n.Text("b"),), "5"), n.Item((n.Text("c"),))), ordered=True, mark=")")
    html = Builder(lambda src: None).build(n.Document((paren,), "t"))
    marker = ' style="list-style-type: &#x27;{}) &#x27;"'.format
    assert (
        f'<li value="1"{marker(1)}>a' in html and f'<li value="5"{marker(5)}>b' in html and f'<li value="6"{marker(6)}>c' in html
    )
    wide = n.ListBlock((n.Item((n.Text("x"),), "123456789"),), ordered=True)
    assert '<ol style="padding-left: ' in Builder(lambda src: None).build(n.Document((wide,), "t"))


def test_a_typed_number_cannot_end_its_marker_string() -> None:
    """A number from a clinic's template is the marker's CSS string, escaped character by character: a quote or
    a ";" in it is text, never the end of the string or of the declaration."""
    html = numbered("x'; color: red")
    assert html == ' style="list-style-type: &#x27;x\\27 \\3b  color\\3a  red. &#x27;"'


def test_a_citation_may_break_between_its_words_on_a_screen_but_not_before_its_last() -> None:
    """Tied whole (as print ties it), a long citation ran past a phone's line and was broken inside a word:
    on screen it breaks between words, never before its last word ("2022)") nor inside "et al."."""
    tied = "(National\u00a0Institute\u00a0for\u00a0Health\u00a0and\u00a0Care\u00a0Excellence,\u00a02022)"
    assert inline((n.Citation((n.Text(tied),)),)) == "(National Institute for Health and Care Excellence,\u00a02022)"
    perlman = (n.Text("(Perlman\u00a0"), n.Emphasis((n.Text("et\u00a0al."),)), n.Text(",\u00a02006,\u00a02012)"))
    assert inline((n.Citation(perlman),)) == "(Perlman <em>et\u00a0al.</em>, 2006,\u00a02012)"
    assert inline((n.Citation((n.Text("[1]"),)),)) == "[1]"


def test_a_hostile_long_word_is_read_at_once() -> None:
    """Words tied together that would not fit a phone's line are looked for from each word's start: looked for
    from each letter, a word of 20,000 letters (a text field's most) was measured again from every one of them,
    seconds of the web copy's time for each such text."""
    word = "a" * 100_000
    tied = "\u00a0".join(["Dienstag,", "8.", "Dezember", "2026"])
    assert inline((n.Text(f"{word} {tied} {word}\u00a0b"),)) == f"{word} Dienstag, 8. Dezember\u00a02026 {word}\u00a0b"
