"""What reportlab's line breaking is given (issue 29): whether two fragments join, answered as reportlab's
accelerated sameFrag answers it without the errors that version raised and caught for every attribute a
fragment lacks; and words' widths, each measured once for its font and size."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from conftest import BRAND, CONTENT
from reportlab.lib import rl_accel
from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import paragraph as platypus_paragraph
from reportlab.platypus.paraparser import ParaFrag

from handouts.build import OUTPUTS, prepare, render
from handouts.pdf import flowables
from handouts.pdf.flowables import FRAG_KEYS, same_frag, word_width


def _frag(**attributes: object) -> ParaFrag:
    base = {"fontName": "Helvetica", "fontSize": 12, "textColor": Color(0, 0, 0), "rise": 0, "us_lines": [], "link": []}
    return ParaFrag(**{**base, **attributes})


def _pairs() -> list[tuple[ParaFrag, ParaFrag]]:
    plain = _frag()
    others = ("Times", 13, Color(1, 0, 0), 2, [1], ["a"], Color(1, 1, 0), 1)
    changed = [_frag(**{key: value}) for key, value in zip(FRAG_KEYS, others, strict=True)]
    alike = [_frag(textColor=Color(0, 0, 0)), _frag(link=[]), _frag(backColor=None), _frag(nobr=0)]
    special = [_frag(cbDefn=None), _frag(lineBreak=True), _frag(backColor=Color(1, 1, 0)), _frag(text="x")]
    missing = [ParaFrag(**{k: v for k, v in vars(_frag()).items() if k != key}) for key in FRAG_KEYS[:6]]
    frags = [plain, *changed, *alike, *special, *missing]
    return list(itertools.product(frags, repeat=2))


@pytest.mark.parametrize(("one", "other"), _pairs())
def test_same_frag_answers_as_reportlabs_own(one: ParaFrag, other: ParaFrag) -> None:
    assert same_frag(one, other) == bool(rl_accel.sameFrag(one, other))


def test_the_fragments_a_routine_joins_are_joined_as_reportlab_joins_them(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[object, object]] = []

    def noted(one: object, other: object) -> bool:
        asked.append((one, other))
        return same_frag(one, other)

    job = prepare(CONTENT, BRAND)
    monkeypatch.setattr(platypus_paragraph, "sameFrag", noted)
    monkeypatch.setattr("handouts.pdf.flowables.same_frag", noted)  # as reportlab_settings sets it again
    for output in OUTPUTS:
        render(job, output)
    assert len(asked) > 100
    assert [same_frag(*pair) for pair in asked] == [bool(rl_accel.sameFrag(*pair)) for pair in asked]
    assert any(same_frag(*pair) for pair in asked) and not all(same_frag(*pair) for pair in asked)


def test_line_breaking_uses_it() -> None:
    import handouts.pdf.flowables  # noqa: F401  (sets it when imported)

    assert platypus_paragraph.sameFrag is same_frag
    assert platypus_paragraph.stringWidth is word_width
    assert Path(platypus_paragraph.__file__).name == "paragraph.py"


def test_a_words_width_is_reportlabs() -> None:
    fonts = prepare(CONTENT, BRAND).fonts
    fonts.register()
    for face in (fonts.regular, fonts.bold, "Helvetica"):
        for text in ("knee", "Self-massage", "Müller–Lüdenscheidt", " ", "", "3\u00a0×\u00a010"):
            for size in (12, 12.0, 18.5, 31):
                assert word_width(text, face, size) == pdfmetrics.stringWidth(text, face, size), (face, text, size)
                assert word_width(text, face, size) == pdfmetrics.stringWidth(text, face, size)  # and again, kept


def test_a_font_registered_again_under_its_name_is_measured_afresh() -> None:
    """Widths are kept by the font, not its name: where a host process has reset reportlab's registry and
    registered another file under a name, it gets that file's widths, never the earlier one's."""
    name = "handouts-test-width-font"
    fonts = prepare(CONTENT, BRAND).fonts
    widths = []
    for path in (fonts.files[0], fonts.files[1], fonts.files[0]):  # regular, bold, regular
        pdfmetrics._fonts.pop(name, None)  # as a host process resets reportlab's registry
        pdfmetrics.registerFont(TTFont(name, str(path)))
        widths.append(word_width("Knee massage", name, 12))
        assert widths[-1] == pdfmetrics.stringWidth("Knee massage", name, 12)
    assert widths[0] == widths[2] != widths[1]


def test_the_widths_kept_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(flowables, "WIDTHS_MOST", 50)
    for count in range(200):
        assert word_width(f"word{count}", "Helvetica", 12) == pdfmetrics.stringWidth(f"word{count}", "Helvetica", 12)
    assert len(flowables._WIDTHS) <= 50
    assert ("word199", pdfmetrics.getFont("Helvetica"), 12, "utf8") in flowables._WIDTHS  # the latest are kept
