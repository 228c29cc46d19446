"""Where a line may break, by width, shared by the handout and the poster: a word wider than its line only at
the boundaries a web address allows (after / . - ? = and &), never in the middle of a word; items packed
into lines with a separator only between two of them.

The ties that keep words together (dates, names, counts) are in the text already (:mod:`handouts.words.ties`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from reportlab.lib.fonts import tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from handouts.pdf.paragraphs import TAG

# Where a long word (a web address, a file name) may break: after / . - ? = and &, never inside a word.
BREAK_AFTER = re.compile(r"(?<=[/.?=\-])(?=[^\s/.?=\-])|(?<=&amp;)")
LONG_WORD = re.compile(r"[^\s<>]{12,}")


def text_width(text: str, style: ParagraphStyle) -> float:
    """The width of `text` in the style's face or its bold, whichever is wider (inline <b> may apply)."""
    plain = html.unescape(text)
    return max(stringWidth(plain, face, style.fontSize) for face in {style.fontName, tt2ps(style.fontName, 1, 0)})


def break_long_words(markup: str, width: float, style: ParagraphStyle) -> str:
    """`markup` with each word wider than `width` broken into lines (`<br/>`) at its / . - ? = & boundaries,
    each line as long as fits."""
    out = []
    for part in TAG.split(markup):
        if part.startswith("<") or not LONG_WORD.search(part):
            out.append(part)
            continue

        def split(match: re.Match[str]) -> str:
            word = match.group(0)
            if text_width(word, style) <= width:
                return word
            lines, line = [], ""
            for piece in BREAK_AFTER.split(word):
                if line and text_width(line + piece, style) > width:
                    lines.append(line)
                    line = ""
                line += piece
            return "<br/>".join([*lines, line])

        out.append(LONG_WORD.sub(split, part))
    return "".join(out)


def packed(items: list[str], width: float, widths: Mapping[str, float], separator_width: float, separator: str) -> list[str]:
    """`items` joined by `separator` into lines no wider than `width` (each item's width in `widths`), the
    separator only between two items on one line: no line starts or ends with it (an item wider than a line
    has a line of its own)."""
    lines: list[tuple[str, float]] = []
    for item in items:
        if lines and lines[-1][1] + separator_width + widths[item] <= width:
            text, used = lines[-1]
            lines[-1] = (text + separator + item, used + separator_width + widths[item])
        else:
            lines.append((item, widths[item]))
    return [text for text, _ in lines]
