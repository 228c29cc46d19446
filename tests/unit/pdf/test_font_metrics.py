"""The fonts a build registers answer reportlab's questions about their ascent and descent themselves (issue 29:
reportlab read a TrueType font's from its face only after an error raised and caught, thousands of times a
routine)."""

from __future__ import annotations

from conftest import BRAND, CONTENT
from reportlab.pdfbase import pdfmetrics

from handouts.build import prepare


def test_each_registered_face_has_its_faces_ascent_and_descent() -> None:
    fonts = prepare(CONTENT, BRAND).fonts
    fonts.register()
    for name in {fonts.regular, fonts.bold, fonts.italic, fonts.bolditalic}:
        font = pdfmetrics.getFont(name)
        assert (vars(font)["ascent"], vars(font)["descent"]) == (font.face.ascent, font.face.descent)
        ascent, descent = pdfmetrics.getAscentDescent(name, 20)
        assert (ascent, descent) == (font.face.ascent / 50, font.face.descent / 50)
