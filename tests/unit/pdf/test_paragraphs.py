"""Runs -> reportlab markup: the one place it is made. Text escaped, every character in a face that has it,
large print upright, words kept together where the runs say so."""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import re

import pytest
from conftest import BRAND, CONTENT

from handouts.build import OUTPUTS, prepare, render
from handouts.layout import nodes as n
from handouts.media.fonts import Fonts, load_fonts
from handouts.pdf import paragraphs
from handouts.pdf.paragraphs import Markup, escape, string_width, text_markup
from handouts.words import ties


@pytest.fixture(scope="module")
def fonts() -> Fonts:
    return load_fonts()


def test_text_is_escaped_and_unprintable_characters_dropped() -> None:
    assert escape('a & <b> "q"') == 'a &amp; &lt;b&gt; "q"'
    assert escape("a\x00b\u202ec\nd") == "abc d"


def test_a_character_the_face_lacks_is_set_in_the_fallback(fonts: Fonts) -> None:
    assert "ж" not in fonts.covered  # Atkinson Hyperlegible has no Cyrillic
    assert text_markup("abc", fonts) == "abc"
    # a word the face lacks a letter of is set whole in the fallback, not in two typefaces
    assert text_markup("a жb c", fonts) == f'a <font name="{fonts.fallback_face}">жb</font> c'
    assert "π" in fonts.covered and text_markup("2 π r", fonts) == "2 π r"
    assert text_markup("ήπιες", fonts) == f'<font name="{fonts.fallback_face}">ήπιες</font>'


def test_runs_become_markup(fonts: Fonts) -> None:
    markup = Markup(fonts, upright=False, link_colour="#165C64")
    runs = (
        n.Text("A & B "),
        n.Strong((n.Text("bold"),)),
        n.Emphasis((n.Text("it"),)),
        n.Link("https://x.org/?a=1&b=2", (n.Text("site"),)),
        n.Superscript((n.Text("1"),)),
        n.LineBreak(),
        n.NoBreak((n.Text("01632 960 123"),)),
    )
    link = re.compile(r'<onDraw name="tag" label="\+(\d+)"/>(.*)<onDraw name="tag" label="-\1"/>')
    made = markup(runs)
    # a link is drawn inside its Link structure element (see handouts.pdf.tagging); a line break keeps its space
    assert link.sub(r"\2", made) == (
        "A &amp; B <b>bold</b><i>it</i>"
        '<a href="https://x.org/?a=1&amp;b=2" color="#165C64">site</a><super>1</super> <br/>01632\u00a0960\u00a0123'
    )
    assert link.search(made)


def test_large_print_sets_emphasis_upright(fonts: Fonts) -> None:
    assert Markup(fonts, upright=True, link_colour="#000000")((n.Emphasis((n.Text("it"),)),)) == "it"


def test_a_bullet_the_face_lacks_gets_a_face_that_has_it(fonts: Fonts) -> None:
    from reportlab.lib.styles import ParagraphStyle

    style = ParagraphStyle("s", fontName=fonts.regular, bulletFontName=fonts.regular)
    markup = Markup(fonts, upright=False, link_colour="#000000")
    assert markup.bulleted(style, "3") is style
    assert markup.bulleted(style, "ж").bulletFontName == fonts.fallback_face


def test_drawn_strings_are_measured_in_the_faces_they_are_drawn_in(fonts: Fonts) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert string_width("ab", fonts.regular, 10, fonts) == stringWidth("ab", fonts.regular, 10)
    assert string_width("a ж", fonts.regular, 10, fonts) == stringWidth("a ", fonts.regular, 10) + stringWidth(
        "ж", fonts.fallback_face, 10
    )


def test_a_name_of_thousands_of_words_is_clipped_with_few_measurements(fonts: Fonts, monkeypatch: pytest.MonkeyPatch) -> None:
    """A footer's name cut to one line is measured only as far as it may fit: a brand name of 6,000 words
    (within its length limit) was measured once for each count of its words, seconds of work for each
    large-print handout before the band said it was too long."""
    from handouts.pdf import paragraphs

    measured: list[str] = []

    def counted(text: str, face: str, size: float, fonts: Fonts) -> float:
        measured.append(text)
        return string_width(text, face, size, fonts)

    monkeypatch.setattr(paragraphs, "string_width", counted)
    assert paragraphs.clipped(" ".join(["Physio"] * 6000), 300, fonts.bold, 18, fonts).endswith("Physio\u2026")
    assert len(measured) < 100
    assert sum(map(len, measured[1:])) < 10_000  # after the whole name, measured once to see it is too wide


@pytest.fixture
def wrapped_at(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The widths reportlab's Paragraph.wrap is asked to break lines at, in turn, while the test runs."""
    from reportlab.platypus import Paragraph

    widths: list[float] = []
    wrap = Paragraph.wrap

    def counted(self: Paragraph, width: float, height: float) -> tuple[float, float]:
        widths.append(width)
        return wrap(self, width, height)

    monkeypatch.setattr(Paragraph, "wrap", counted)
    return widths


def test_a_balanced_paragraph_of_many_lines_is_wrapped_once(fonts: Fonts, wrapped_at: list[float]) -> None:
    """A routine's closing line (a balanced paragraph, as headings are) of thousands of characters ending with
    a word alone on its last line was set again at ten narrower widths in search of a balance no reader would
    notice: with a long run of characters and no space ('<a<a<a…', 18,000 of them), a minute for each such text."""
    from reportlab.lib.styles import ParagraphStyle

    from handouts.pdf.flowables import MAX_BALANCED_LINES, paragraph

    fonts.register()
    style = ParagraphStyle("finish", fontName=fonts.regular, fontSize=12, leading=16)
    widths = wrapped_at
    for words in range(200, 400):  # the first text whose last line holds one word alone
        widths.clear()
        para = paragraph(" ".join(["stroke"] * words), style, balanced=True)
        para.wrap(300, 10_000)
        lines = para.blPara.lines
        if len(lines) > MAX_BALANCED_LINES and len(lines[-1][1]) == 1:
            break
    else:
        pytest.fail("no text of 200 to 400 words ends with a word alone")
    assert widths == [300]


def test_a_balanced_heading_keeps_its_lines_at_the_width_it_chose(fonts: Fonts, wrapped_at: list[float]) -> None:
    """The search's wrap at the narrowest width that keeps the lines is put back, not broken again there (issue
    29): the lines are those a paragraph broken at that width has, and no width is broken at twice."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from handouts.pdf.flowables import paragraph

    fonts.register()
    style = ParagraphStyle("heading", fontName=fonts.bold, fontSize=24, leading=30)
    widths = wrapped_at
    text = "Your therapist's touch feels better"  # "… touch feels / better" set as "… therapist's / touch feels better"
    para = paragraph(text, style, balanced=True)
    size = para.wrap(320, 10_000)
    chosen = para._wrapWidths[-1]  # the width its lines were broken at (no indents in this style)
    assert chosen < 320 and chosen in widths and len(widths) == len(set(widths)) > 2
    alone = Paragraph(text, style)
    widths.clear()
    _, height = alone.wrap(chosen, 10_000)
    assert size == (320, height)
    assert [line[1] for line in para.blPara.lines] == [line[1] for line in alone.blPara.lines]


def _ends_short(line: str) -> bool:
    word = line.split()[-1]
    return len(word) <= 2 and word.isalpha()


@pytest.mark.parametrize(
    "text",
    [
        "Automassagem e alongamento para dor lombar",
        "Automassage du dos et de la nuque à la maison",
        "Automasaje de la espalda y el cuello",
        "Doing it yourself is fine, but a professional's touch is better",
    ],
)
def test_a_balanced_heading_ends_no_line_on_a_short_word(fonts: Fonts, text: str) -> None:
    """At each column width, a heading's lines end on no word of one or two letters ("Automassagem e /
    alongamento para dor lombar" is "Automassagem / e alongamento para dor lombar"): each is kept with the word
    after it. Its words are the same, in the same order, and it takes at most a line more than as it comes."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph

    from handouts.pdf.flowables import paragraph

    fonts.register()
    style = ParagraphStyle("heading", fontName=fonts.bold, fontSize=28, leading=34)

    def lines(para: Paragraph) -> list[str]:
        return [" ".join(words) for _, words in para.blPara.lines]

    helped = 0
    for width in range(250, 700, 5):
        para = Paragraph(text, style)
        para.wrap(width, 10_000)
        came = lines(para)
        para = paragraph(text, style, balanced=True)
        para.wrap(width, 10_000)
        got = lines(para)
        assert " ".join(got).split() == text.split(), (width, got)
        wider = [  # a short word and the word after it wider than the line: broken between them, as a long word is
            stringWidth(f"{line.split()[-1]} {after.split()[0]}", style.fontName, style.fontSize) > width
            for line, after in itertools.pairwise(got)
        ]
        assert not any(_ends_short(line) and not apart for line, apart in zip(got, wider, strict=False)), (width, got)
        assert len(got) <= len(came) + 1, (width, got)
        helped += any(_ends_short(line) for line in came[:-1])
    assert helped, "no width where the text as it comes ends a line on a short word"


def test_each_text_of_a_routine_is_tied_once_for_all_its_sheets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every sheet of a routine, its web copy, and each layout the poster tries, tie the same texts' phone numbers
    and titles (issue 29): each text is tied once, and kept with at most TIED_MOST others."""
    texts: list[str] = []
    phones_tied = ties.phones_tied
    monkeypatch.setattr(ties, "phones_tied", lambda text: texts.append(text) or phones_tied(text))
    ties.typed_tied.cache_clear()
    job = prepare(CONTENT, BRAND)
    for output in OUTPUTS:
        render(job, output)
    assert len(texts) > 50
    assert len(texts) == len(set(texts))
    assert ties.typed_tied.cache_info().maxsize == ties.TIED_MOST


@pytest.mark.parametrize("shared", [True, False])
def test_a_paragraph_that_moves_on_whole_keeps_its_lines(fonts: Fonts, monkeypatch: pytest.MonkeyPatch, shared: bool) -> None:
    """A paragraph that did not split at a page's end (too little room for two of its lines) is set on the next
    page at the same width: its lines were broken again there, a few times a handout."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from handouts.pdf import flowables
    from handouts.pdf.flowables import paragraph

    fonts.register()
    style = ParagraphStyle("body", fontName=fonts.regular, fontSize=12, leading=16)
    broken: list[object] = []
    break_lines = Paragraph.breakLines
    monkeypatch.setattr(Paragraph, "breakLines", lambda self, widths: broken.append(widths) or break_lines(self, widths))
    with flowables.shared({}) if shared else contextlib.nullcontext():
        para = paragraph(" ".join(["Stroke the calf from the ankle to the knee."] * 6), style)
        _, height = para.wrap(300, 10_000)
        assert para.split(300, 20) == []  # room for one line: it moves on whole
        assert para.wrap(300, 10_000)[1] == height
        lines = len(para.blPara.lines)
        assert len(broken) == 1  # once, at 300
        first, rest = para.split(300, 40)  # then it splits after two lines, as before
        first.wrap(300, 40)
        rest.wrap(300, 10_000)
    assert len(first.blPara.lines) == 2 and len(rest.blPara.lines) == lines - 2


@pytest.mark.parametrize("forgotten", [False, True])
def test_a_routine_prepared_again_finds_its_markup_without_comparing_fonts(
    monkeypatch: pytest.MonkeyPatch, forgotten: bool
) -> None:
    """Each prepared routine has Fonts of its own, equal to the last one's: finding a text's markup made for the
    last one (serve's rebuild after an edit) compared the two, every character their faces cover, 700 times.
    `forgotten`: after the brands kept were forgotten (past FIRST_ALIKE_MOST), whose markup, kept by a Fonts
    no longer the first, was found by comparing it every time (a test process that had seen 64 brands)."""
    handout = next(output for output in OUTPUTS if output.name == "handout")
    if forgotten:
        monkeypatch.setattr(paragraphs, "FIRST_ALIKE_MOST", 1)
        fonts = prepare(CONTENT, BRAND).fonts
        render(prepare(CONTENT, BRAND), handout)  # markup kept by this brand's fonts
        paragraphs.first_alike(dataclasses.replace(fonts, printed=frozenset("x")))  # another brand: the first forgotten
    first = render(prepare(CONTENT, BRAND), handout).data
    compared: list[object] = []
    equal = Fonts.__eq__
    monkeypatch.setattr(Fonts, "__eq__", lambda self, other: compared.append(other) or equal(self, other))
    again = prepare(CONTENT, BRAND)
    assert render(again, handout).data == first
    assert len(compared) < 5
