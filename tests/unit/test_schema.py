"""The layout XML schema: every element and attribute a template may emit, checked before drawing."""

from __future__ import annotations

import pytest

from handouts.errors import TemplateError
from handouts.layout import schema

FONTS = {"H-regular", "H-bold"}


def _parse(xml: str) -> None:
    schema.parse(xml, schema.HANDOUT, "t.xml.j2", FONTS)


def test_a_valid_layout() -> None:
    _parse(
        '<document><para style="lead">A <b>b</b> <font name="H-bold" color="#112233" size="12">c</font></para>'
        '<spacer height="12"/><bullets level="2"><item><a href="https://x.org">x</a></item></bullets></document>'
    )


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ("<document><img src='x'/></document>", "t.xml.j2: unknown layout element <img>"),
        ("<document><spacer height='-1'/></document>", "<spacer height='-1'>: expected a number from 0 to 400"),
        ("<document><spacer size='1'/></document>", "<spacer size='1'>: unknown attribute (known: height)"),
        ("<document><para><font name='Courier'>x</font></para></document>", "only the brand's fonts"),
        ("<document><para><a href='#x'>x</a></para></document>", "links must start with"),
        ("<document><callout kind='warn'/></document>", "<callout kind='warn'>: expected one of safety, note"),
        ("<document><para>", "the template produced invalid layout XML"),
    ],
)
def test_faults_name_the_template_element_and_attribute(xml: str, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        _parse(xml)
    assert message in str(caught.value)


def test_the_poster_has_its_own_elements() -> None:
    schema.parse(
        '<poster><steps><step number="1"><cue>x</cue></step></steps><tracker weeks="2"/></poster>', schema.POSTER, "p", FONTS
    )
    with pytest.raises(TemplateError, match="unknown layout element <heading>"):
        schema.parse("<poster><heading>x</heading></poster>", schema.POSTER, "p", FONTS)
