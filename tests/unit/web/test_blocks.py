"""The web copy's node handling: each node becomes semantic, escaped HTML, links under the one policy."""

from __future__ import annotations

from html.parser import HTMLParser
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from handouts.layout import nodes as n
from handouts.web.blocks import Builder, inline, joined, numbered


def test_runs_are_escaped_and_marked_up() -> None:
    runs = (n.Text("<b>&</b> "), n.Strong((n.Text("Stop"),)), n.NoBreak((n.Text("9 May"),)), n.Superscript((n.Text("1"),)))
    assert inline(runs) == "&lt;b&gt;&amp;&lt;/b&gt; <strong>Stop</strong>9\u00a0May<sup>1</sup>"


def test_only_web_mail_and_phone_links_are_links() -> None:
    assert inline((n.Link("https://x.org/?a=1&b=2", (n.Text("x"),)),)) == '<a href="https://x.org/?a=1&amp;b=2">x</a>'
    assert inline((n.Link("javascript:alert(1)", (n.Text("x"),)),)) == "x"


def test_an_address_shown_by_a_link_may_break_on_a_phone_only_where_print_breaks_it() -> None:
    """A phone's line broke a long address between any two letters ("…/antic" / "oagulants-…"): the stylesheet's
    last resort, when nothing else lets the address fit. A web or mail link's text may break (<wbr>) after / . - ?
    = & and @, as print breaks it; a phone number only between its groups, as it is kept."""
    web = n.Link("https://www.nhs.uk/a-b/?x=1&y=2", (n.Text("www.nhs.uk/a-b/?x=1&y=2"),))
    assert inline((web,)) == (
        '<a href="https://www.nhs.uk/a-b/?x=1&amp;y=2" class="address">'
        "www.<wbr>nhs.<wbr>uk/<wbr>a-<wbr>b/?<wbr>x=<wbr>1&amp;<wbr>y=<wbr>2</a>"
    )
    assert inline((n.Link("mailto:jo@x.org", (n.Text("jo@x.org"),)),)) == '<a href="mailto:jo@x.org">jo@<wbr>x.<wbr>org</a>'
    assert "<wbr>" not in inline((n.Link("tel:01632-960-123", (n.Text("01632-960-123"),)),))


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


def test_a_numbered_styles_references_are_a_numbered_list_and_an_author_date_styles_a_list() -> None:
    """A numbered style's entries ("1.\u00a0Perlman AI…") were items of a bulleted list, each read "bullet, 1.
    Perlman": each number is now its item's marker, the list's own numerals where they show it ("12."), else as
    typed ("[3]"). An author-date style's stay a list, their text as it was."""
    numbered = n.References(((n.Text("12.\u00a0Perlman AI. "), n.Emphasis((n.Text("Arch"),))),))
    bracketed = n.References(((n.Text("[3]\u00a0Atkins D."),),))
    author_date = n.References(((n.Text("Atkins, D. (2015)"),),))
    html = Builder(lambda src: None).build(n.Document((numbered, bracketed, author_date), "t"))
    assert '<ol class="references" style="padding-left: 2.5rem">\n<li value="12">Perlman AI. <em>Arch</em></li>' in html
    room = '<ol class="references" style="padding-left: 2.5rem">'  # in rem: it grows with the text
    assert f'{room}\n<li style="list-style-type: &#x27;\\5b 3\\5d  &#x27;">Atkins D.</li>\n</ol>' in html
    assert '<ul class="references">\n<li>Atkins, D. (2015)</li>\n</ul>' in html


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


def test_a_citation_is_kept_whole_where_it_may_fit_a_phones_line_and_breaks_between_its_words_where_not() -> None:
    """Tied whole (as print ties it), a long citation ran past a phone's line and was broken inside a word;
    freed but for its last space, a short one broke at any width. One that may fit a phone's line is a span the
    page's style keeps on one line where it fits, with the full stop after it; a longer one breaks between its
    words, never inside "et al." nor before its last word ("2022)") where the last two fit any phone's line, else
    kept whole in a span of their own where they fit the line, with the full stop after them."""
    tied = "(National\u00a0Institute\u00a0for\u00a0Health\u00a0and\u00a0Care\u00a0Excellence,\u00a02022)"
    nice = '(National Institute for Health and Care <span class="kept">Excellence, 2022).</span>'
    assert inline((n.Citation((n.Text(tied),)), n.Text(". Next"))) == f"{nice} Next"
    perlman = (n.Text("(Perlman\u00a0"), n.Emphasis((n.Text("et\u00a0al."),)), n.Text(",\u00a02006,\u00a02012)"))
    kept = '<span class="kept">(Perlman <em>et\u00a0al.</em>, <span class="kept">2006, 2012).</span></span>'
    assert inline((n.Text("pain "), n.Citation(perlman), n.Text(". Next"))) == f"pain {kept} Next"
    kim = '<span class="kept">(Kim, <span class="kept">Lee, 2021).</span></span>'
    assert inline((n.Citation((n.Text("(Kim,\u00a0Lee,\u00a02021)"),)), n.Text("."))) == kim
    assert inline((n.Citation((n.Text("(Kim,\u00a02021)"),)), n.Text("."))) == '<span class="kept">(Kim, 2021).</span>'
    assert inline((n.Citation((n.Text("[1]"),)),)) == "[1]"


def test_words_tied_together_are_kept_whole_in_a_span_where_they_may_be_wider_than_a_phones_line() -> None:
    """A name and a role kept on one line in print ("Marco Bianchi, fisioterapista") was freed on the web but
    for its last space, and broke after "Marco" at any width: now a span the page's style keeps whole where it
    fits, its last two words in a span of their own where wider than the narrowest line a phone may have; a tied
    phrase of up to 7 characters keeps its no-break spaces, as do its last two words."""
    name = (n.NoBreak((n.Text("Marco Bianchi, fisioterapista"),)),)
    assert inline(name) == '<span class="kept">Marco <span class="kept">Bianchi, fisioterapista</span></span>'
    assert inline((n.NoBreak((n.Text("Jo Bloggs & Co"),)),)) == '<span class="kept">Jo Bloggs &amp;\u00a0Co</span>'
    doctor = 'Ask <span class="kept">Dr. Müller-Lüdenscheidt</span> &lt;today&gt;'
    assert inline((n.Text("Ask Dr. Müller-Lüdenscheidt <today>"),)) == doctor
    assert inline((n.NoBreak((n.Text("3 times"),)), n.Text(", "), n.NoBreak((n.Text("et al."),)))) == "3\u00a0times, et\u00a0al."


def test_a_range_of_numbers_is_kept_whole_as_print_keeps_it() -> None:
    """A browser may end a line after an en dash, which print never does: a page range in a reference read
    "2533\u2013" at a line's end and "2538." on the next, and a dose "10\u2013" and "15 minutes". A word with a
    range in it is a span kept whole where it fits the line (it breaks inside where it does not: see the page's
    style); other dashes and words stay as they were."""
    for typed, shown in (
        ("pp. 2533\u20132538. Available", 'pp. <span class="kept">2533\u20132538.</span> Available'),
        ("Rub for 10\u201315 minutes", 'Rub for <span class="kept">10\u201315</span> minutes'),
        ("(3\u20135)", '<span class="kept">(3\u20135)</span>'),
        ("Up\u2013down and 1-2", "Up\u2013down and 1-2"),  # no range of numbers
    ):
        assert inline((n.Text(typed),)) == shown
    long = "1\u20132" * 30  # wider than any phone's line: left to the browser
    assert inline((n.Text(long),)) == long


def test_a_phone_number_is_kept_whole_in_a_span_breaking_only_between_its_groups() -> None:
    """Tied whole by no-break spaces where 20 characters or fewer, a phone number ran past a phone's line at twice
    the browser's text size and broke inside its digits ("+44 (0)1 / 632 960 / 123"): a span keeps it whole where
    it fits the line, and breaks it only at its spaces where not; its last two groups too ("(0)1632 960123")."""
    for typed, shown in (
        ("Call +44 (0)1632 960123.", 'Call <span class="kept">+44 <span class="kept">(0)1632 960123.</span></span>'),
        ("Call 01632 960 123 now", 'Call <span class="kept">01632 960\u00a0123</span> now'),
    ):
        assert inline((n.Text(typed),)) == shown


def test_a_hostile_long_word_is_read_at_once() -> None:
    """Words tied together that would not fit a phone's line are looked for from each word's start: looked for
    from each letter, a word of 20,000 letters (a text field's most) was measured again from every one of them,
    seconds of the web copy's time for each such text."""
    word = "a" * 100_000
    tied = "\u00a0".join(["Dienstag,", "8.", "Dezember", "2026"])
    kept = '<span class="kept">Dienstag, 8. <span class="kept">Dezember 2026</span></span>'
    assert inline((n.Text(f"{word} {tied} {word}\u00a0b"),)) == f"{word} {kept} {word} b"


def test_a_headings_word_of_one_or_two_letters_is_kept_with_the_next_by_a_span_not_a_no_break_space() -> None:
    """Print ties a heading's word of one or two letters to the next ("Automassagem / e alongamento"); the web
    copy ended a line on it. Tied by a no-break space, "de la articulación" was wider than a phone's line and
    broke inside a word: a span, its spaces ordinary, keeps the words whole where they fit and breaks between
    them where not. What was typed is what a screen reader reads: escaped, markup as text, no character added."""
    title = n.Title((n.Text("Automassagem e alongamento para dor lombar"),))
    assert Builder(lambda src: None).build(n.Document((title,), "t")) == (
        '<h1>Automassagem <span class="kept">e alongamento</span> para dor lombar</h1>'
    )
    typed = 'Q&A: "de" la <b>rodilla</b> & a <leg>, ¿Es la x?'
    heading = n.Heading((n.Text(typed),), 1)
    assert Builder(lambda src: None).build(n.Document((heading,), "t")) == (
        '<h2>Q&amp;A: "de" <span class="kept">la &lt;b&gt;rodilla&lt;/b&gt;</span> &amp; '
        '<span class="kept">a &lt;leg&gt;,</span> <span class="kept">¿Es la x?</span></h2>'
    )
    # in a link and in emphasis, a short word and the next kept inside it; not where they run on into the next
    # run with no space, as a line may break beside a span ("¿" ending a line)
    runs = (n.Emphasis((n.Text("¿"),)), n.Text("Es la "), n.Link("https://x.org", (n.Text("guía de uso"),)))
    for after, shown in (((), 'guía <span class="kept">de uso</span></a>'), ((n.Text("?"),), "guía de uso</a>?")):
        callout = n.Callout("note", (*runs, *after), (n.Item((n.Text("Stop if it hurts"),)),))
        assert Builder(lambda src: None).build(n.Document((callout,), "t")).splitlines()[1] == (
            f'<h2 id="note-title"><em>¿</em>Es la <a href="https://x.org">{shown}</h2>'
        )


def test_only_lines_set_as_headings_keep_their_short_words_with_the_next() -> None:
    """A step's title, a box's line saying what to do, the closing line and a template's heading paragraph are
    balanced headings in print, and keep a short word with the next; body text and list items do not."""
    said = (n.Text("Rest a little"),)
    kept = 'Rest <span class="kept">a little</span>'
    steps = n.Steps((n.Step("1", said, said, None),))
    box = n.Callout("help", None, (n.Paragraph(said, n.Role.SCHEDULE), n.Item(said)))
    blocks = (steps, box, n.Finish(said), n.Paragraph(said, n.Role.HEADING), n.Paragraph(said), n.Subtitle(said))
    html = Builder(lambda src: None).build(n.Document(blocks, "t"))
    assert f"<h3>{kept}</h3><p>Rest a little</p>" in html
    assert f'<h2 class="schedule">{kept}</h2>' in html and "<li>Rest a little</li>" in html
    assert f'<p class="finish">{kept}</p>' in html and f'<p class="heading">{kept}</p>' in html
    assert '<p class="body">Rest a little</p>' in html and f'<p class="subtitle">{kept}</p>' in html


def test_a_short_word_opening_emphasis_a_link_or_a_line_after_a_space_is_kept_with_the_next() -> None:
    """Print keeps "a little" together in "Stretch *a little* more" (the emphasis's words are tied as any
    others); the web copy kept a short word only in a heading's first run, so a line could end on the "a" of an
    emphasis, a link, words in another language or the line after a line break. A line may break before them
    there anyway (a space or a line break): the span adds no break. Not after "¿" typed with no space."""
    kept = '<span class="kept">a little</span>'
    for runs, shown in (
        ((n.Text("Stretch "), n.Emphasis((n.Text("a little"),)), n.Text(" more")), f"Stretch <em>{kept}</em> more"),
        ((n.Text("See "), n.Link("https://x.org", (n.Text("a little"),))), f'See <a href="https://x.org">{kept}</a>'),
        ((n.Text("Rest "), n.Span("pt", (n.Text("a little"),)), n.Text("!")), 'Rest <span lang="pt">a little</span>!'),
        ((n.Text("Knee care"), n.LineBreak(), n.Text("a little")), f"Knee care<br>{kept}"),
        ((n.Emphasis((n.Text("¿"),)), n.Text("a little")), "<em>¿</em>a little"),
    ):
        assert Builder(lambda src: None).build(n.Document((n.Heading(runs, 1),), "t")) == f"<h2>{shown}</h2>"


def test_characters_typed_after_words_kept_in_a_span_are_kept_in_it_with_the_markup_as_typed() -> None:
    """A line may break after a span of words kept whole, whatever follows it: the "." after "call **01632 960
    123**." opened a line of its own on a phone. The characters typed right after the span, up to a space, are
    taken into it; the span is lifted out of the bold, emphasis or language it ends, the element split where it
    holds words before it, so the "." is not bold; a link is held whole, never split nor the "." put in it. The
    text is escaped once, as typed; where a space, or no span, follows, nothing changes."""
    strong = n.Strong((n.Text('<b> & "q" 01632 960 123'),))
    assert inline((n.Text("Call "), strong, n.Text(".<i> & next"))) == (
        'Call <strong>&lt;b&gt; &amp; "q" </strong>'
        '<span class="kept"><strong>01632 960\u00a0123</strong>.&lt;i&gt;</span> &amp; next'
    )
    nested = n.Strong((n.Emphasis((n.Span("fr", (n.Text("« Les Tilleuls »"),)),)),))
    assert inline((nested, n.Text("),"))) == (
        '<strong><em><span lang="fr">«\u00a0Les </span></em></strong>'
        '<span class="kept"><strong><em><span lang="fr">Tilleuls »</span></em></strong>),</span>'
    )
    words = n.Emphasis(
        (n.Text("see "), n.Span("pl", (n.Text("ok. 30 minut"),)), n.Text(" or "), n.Strong((n.Text("Dr. Kowalczyk"),)))
    )
    assert inline((words, n.Text("!"))) == (
        '<em>see <span lang="pl">ok. 30 minut</span> or </em><span class="kept"><em><strong>Dr. Kowalczyk</strong></em>!</span>'
    )
    link = n.Link("tel:01632960123", (n.Text("call us on 01632 960 123"),))
    assert inline((link, n.Text("\u2026 or"))) == (
        '<span class="kept"><a href="tel:01632960123">call us on 01632 960\u00a0123</a>\u2026</span> or'
    )
    in_link = n.Link("https://x.org/?a=1&b=2", (n.Strong((n.Text("Dr. Kowalczyk"),)),))
    assert inline((in_link, n.Text("\u201d"))) == (
        '<span class="kept"><a href="https://x.org/?a=1&amp;b=2"><strong>Dr. Kowalczyk</strong></a>\u201d</span>'
    )
    assert inline((strong, n.Text(" ."))) == '<strong>&lt;b&gt; &amp; "q" <span class="kept">01632 960\u00a0123</span></strong> .'
    assert inline((strong, n.LineBreak(), n.Text("."))) == (
        '<strong>&lt;b&gt; &amp; "q" <span class="kept">01632 960\u00a0123</span></strong><br>.'
    )
    assert inline((n.Strong((n.Text("Stop"),)), n.Text("."))) == "<strong>Stop</strong>."
    heading = n.Heading((n.Text("Call "), n.Strong((n.Text("01632 960 123"),)), n.Text("!")), 1)
    assert Builder(lambda src: None).build(n.Document((heading,), "t")) == (
        '<h2>Call <span class="kept"><strong>01632 960\u00a0123</strong>!</span></h2>'
    )
    # a number whose last two groups have a span of their own (see _loosened): the "!" joins them, not after it
    emphasis = n.Emphasis((n.Text("call +44 (0)1632 960123"),))
    assert inline((emphasis, n.Text("!"))) == '<em>call </em><span class="kept"><em>+44 (0)1632 960123</em>!</span>'
    phone = '<a href="tel:01632960123"><span class="kept">01632 960\u00a0123</span></a>'
    assert joined([phone, ", or 999"]) == '<span class="kept"><a href="tel:01632960123">01632 960\u00a0123</a>,</span> or 999'


class _Read(HTMLParser):
    """Each character of HTML with the elements it is in (a kept span is none: it only keeps words together), and
    whether every element closed is the one open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.chars: list[tuple[str, tuple[tuple[str, tuple[tuple[str, str | None], ...]], ...]]] = []
        self.balanced = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("br", "wbr"):  # void: nothing inside them, none closed
            self.open.append((tag, tuple(attr for attr in attrs if attr != ("class", "kept"))))

    def handle_endtag(self, tag: str) -> None:
        self.balanced = self.balanced and bool(self.open) and self.open.pop()[0] == tag

    def handle_data(self, data: str) -> None:
        within = tuple(element for element in self.open if element != ("span", ()))
        self.chars += [(char, within) for char in data]


def _read(markup: str) -> _Read:
    read = _Read()
    read.feed(markup)
    read.close()
    return read


WORDS = ["Call", "01632 960 123", "+44 (0)1632 960123", "Dr. Kowalczyk", "« Les Tilleuls »", "3 times", "et al.", "a"]
TEXT = st.lists(st.sampled_from([*WORDS, ".", ",", ")", "!", "…", " ", "<b>", "&", '"']), min_size=1, max_size=5).map("".join)
RUNS = st.recursive(
    st.builds(n.Text, TEXT) | st.just(n.LineBreak()),
    lambda inner: st.one_of(
        st.builds(n.Strong, st.tuples(inner, inner)),
        st.builds(n.Emphasis, st.tuples(inner)),
        st.builds(n.Span, st.just("fr"), st.tuples(inner, inner)),
        st.builds(n.Link, st.sampled_from(["tel:01632960123", "https://x.org/?a=1&b=2"]), st.tuples(inner)),
    ),
    max_leaves=6,
)


@given(st.lists(RUNS, min_size=1, max_size=4).map(tuple))
def test_taking_the_characters_after_a_span_into_it_changes_no_characters_markup(runs: n.Runs) -> None:
    """Whatever the runs, the HTML with the characters after a kept span taken into it (see joined) is balanced,
    and each of its characters is in the elements it is in without: the same bold, emphasis, language and link."""
    taken = _read(inline(runs))
    with mock.patch("handouts.web.blocks.joined", "".join):
        plain = _read(inline(runs))
    assert taken.balanced and plain.balanced
    assert taken.chars == plain.chars
