"""Drawing codes a line's text in its font's subsets once the codes are assigned, without reportlab's loop over
each character (issue 29): what handouts.pdf.flowables.split_string answers, held to reportlab's own."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import BRAND, CONTENT
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import TTFont

from handouts.build import OUTPUTS, prepare, render
from handouts.media import fonts
from handouts.pdf import flowables
from handouts.pdf.flowables import split_string

# Words, a no-break space, accents, a character the font lacks (CJK), the empty text, words again, and enough other
# characters (Greek, Cyrillic) to fill the first subset and open a second: a text that spans both.
GREEK = "".join(chr(code) for code in range(0x391, 0x3CA) if code != 0x3A2)
CYRILLIC = "".join(chr(code) for code in range(0x400, 0x460))
LATIN = "".join(chr(code) for code in range(0x100, 0x180))
TEXTS = [
    "Warm up",
    "Call 999\u00a0now",
    "",
    "Réchauffez le muscle, à la main",
    "一 lacks it",
    "Warm up",
    GREEK,
    CYRILLIC,
    LATIN,
    f"{GREEK[:5]} and {LATIN[-5:]} and {CYRILLIC[-5:]}",
    "Warm up\u00a0again",
    "\u00a0",
]


@pytest.mark.parametrize("ascii_readable", [True, False])
def test_split_string_answers_as_reportlabs_own(ascii_readable: bool) -> None:
    path = fonts._fallback_path()  # Noto Sans: glyphs enough for a second subset
    font = TTFont("split-string", str(path), asciiReadable=ascii_readable)
    ours, theirs = PDFDocument(), PDFDocument()
    for text in TEXTS:
        assert split_string(font, text, ours) == flowables._SPLIT_STRING(font, text, theirs), text
    assert vars(font.state[ours]) == vars(font.state[theirs])
    assert len(font.state[ours].subsets) > 1


def test_drawing_the_handout_leaves_few_lines_to_reportlabs_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """reportlab's own loop codes only text with a character not coded before in the document."""
    texts: list[str] = []
    own = flowables._SPLIT_STRING

    def noted(font: TTFont, text: str, doc: Any, encoding: str = "utf-8") -> Any:
        texts.append(text)
        return own(font, text, doc, encoding)

    monkeypatch.setattr(flowables, "_SPLIT_STRING", noted)
    drawn = []
    monkeypatch.setattr(TTFont, "splitString", lambda *args: drawn.append(args[1]) or split_string(*args))
    monkeypatch.setattr(flowables, "split_string", TTFont.splitString)  # as reportlab_settings sets it again
    render(prepare(CONTENT, BRAND), next(output for output in OUTPUTS if output.name == "handout"))
    assert len(drawn) > 100
    assert len(texts) < len(drawn) / 10
