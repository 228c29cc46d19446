"""Layout XML -> typed nodes: every element and attribute checked against the schema, text kept as text, and
faults named with the template's file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from handouts.errors import TemplateError
from handouts.layout import nodes as n
from handouts.layout.parse import parse_document, parse_poster
from handouts.layout.templating import Layout, render


def _document(xml: str) -> n.Document:
    return parse_document(Layout(xml, "t.xml.j2"))


def test_a_valid_layout_becomes_nodes() -> None:
    document = _document(
        '<document><para style="lead">A <b>b</b> &amp; <i>c</i></para>'
        '<spacer height="12"/><bullets level="2"><item><a href="https://x.org">x</a></item></bullets></document>'
    )
    lead, spacer, bullets = document.blocks
    assert lead == n.Paragraph((n.Text("A "), n.Strong((n.Text("b"),)), n.Text(" & "), n.Emphasis((n.Text("c"),))), n.Role.LEAD)
    assert spacer == n.Spacer(12.0)
    assert bullets == n.ListBlock((n.Item((n.Link("https://x.org", (n.Text("x"),)),)),), ordered=False, level=2)


def test_text_is_text_and_white_space_collapses_as_in_html() -> None:
    (para,) = _document('<document><para>\n  Pain &lt; 3/10 &amp; "effort"   &lt;b&gt;x&lt;/b&gt;\n</para></document>').blocks
    assert para.runs == (n.Text('Pain < 3/10 & "effort" <b>x</b>'),)


def test_words_in_another_language_say_which() -> None:
    (para,) = _document('<document><para>Von <span lang="en-GB">Sam, <b>therapist</b></span>.</para></document>').blocks
    assert para.runs == (n.Text("Von "), n.Span("en-GB", (n.Text("Sam, "), n.Strong((n.Text("therapist"),)))), n.Text("."))


def test_a_step_knows_its_place_in_the_content() -> None:
    (steps,) = _document(
        '<document><steps><step number="3" source="routine.steps[3]"><title>T</title><text>X</text></step></steps></document>'
    ).blocks
    assert steps.steps[0].source == ("routine", "steps", 2)
    assert steps.steps[0].name() == "T"


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ("<document><img src='x'/></document>", "<img> is not a layout element"),
        ("<document><para><font size='6'>x</font></para></document>", "templates choose roles"),
        ("<document><spacer height='-1'/></document>", "<spacer height='-1'>: expected a number from 0 to 400"),
        ("<document><spacer size='1'/></document>", "<spacer size='1'>: unknown attribute (known: height)"),
        ("<document><para><a href='#x'>x</a></para></document>", "links must start with"),
        ("<document><para><a href='javascript:alert(1)'>x</a></para></document>", "links must start with"),
        ("<document><callout kind='warn'/></document>", "<callout kind='warn'>: expected one of safety, help, note"),
        ("<document><para style='tiny'>x</para></document>", "expected one of body, lead"),
        ("<document><para>", "the template produced invalid layout XML"),
        ("<!DOCTYPE d [<!ENTITY e 'x'>]><document/>", "no DOCTYPE or entities"),
        ("<document>" + "<together>" * 60 + "</together>" * 60 + "</document>", "elements inside each other"),
        ("<document><para>" + "<b>" * 50 + "x" + "</b>" * 50 + "</para></document>", "inline marks inside each other"),
        ("<document><para><para>x</para></para></document>", "is a block: it cannot stand inside <para>"),
        ("<document><para><span>x</span></para></document>", '<span> says the language of its words: <span lang="en">'),
        ("<document><para><span lang='en\" x'>x</span></para></document>", "expected a language tag like en-GB"),
        ("<document><para><span style='x'>x</span></para></document>", "unknown attribute (known: lang)"),
    ],
)
def test_faults_name_the_template_element_and_attribute(xml: str, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        _document(xml)
    assert message in str(caught.value)
    assert str(caught.value).startswith("t.xml.j2")


def test_a_fault_names_the_line_of_the_template_that_wrote_it(tmp_path: Path) -> None:
    (tmp_path / "handout.xml.j2").write_text(
        '<document>\n<title>x</title>\n<para><font size="6">small</font></para>\n</document>'
    )
    layout = render("handout.xml.j2", {}, tmp_path)
    with pytest.raises(TemplateError) as caught:
        parse_document(layout)
    assert str(caught.value).startswith(f"{tmp_path / 'handout.xml.j2'}:3: <font> is not a layout element")


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"], ids=["lf", "windows", "old-mac"])
def test_a_faults_line_is_counted_as_the_editor_shows_it_whatever_the_line_ends(tmp_path: Path, end: str) -> None:
    """A template saved with an old Mac's line ends (a lone carriage return) and a comment over two lines before
    the fault: the comment's line end was blanked out with it, and the fault said two lines early (a character
    the fonts lack, at line 1 whatever its line)."""
    lines = ["<document>", "{# a note", "   over two lines #}", "<title>x ☃</title>", '<para><font size="6">s</font></para>']
    (tmp_path / "handout.xml.j2").write_bytes(end.join([*lines, "</document>"]).encode())
    layout = render("handout.xml.j2", {}, tmp_path)
    with pytest.raises(TemplateError) as caught:
        parse_document(layout)
    assert str(caught.value).startswith(f"{tmp_path / 'handout.xml.j2'}:5: <font> is not a layout element")
    assert layout.locate_text("☃") == (str(tmp_path / "handout.xml.j2"), 4)


def test_the_poster_has_its_own_elements() -> None:
    poster = parse_poster(
        Layout('<poster><steps><step number="1"><cue>x &amp; y</cue></step></steps><tracker weeks="2"/></poster>', "p")
    )
    assert poster.steps[0].cue == (n.Text("x & y"),)
    assert poster.tracker == n.Tracker(2, None, 1)
    with pytest.raises(TemplateError, match="<heading> is not a layout element"):
        parse_poster(Layout("<poster><heading>x</heading></poster>", "p"))
