"""Where a line may break, shared by the handout and the poster: never inside a citation, a date, a name,
a count's number and unit, or a word; a web address only after / . - ? = and &.

Ties are non-breaking spaces put into the text parts of reportlab markup (never into its tags); a word
wider than its line is broken by `break_long_words` at the boundaries a web address allows.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from reportlab.lib.fonts import tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from handouts.media.fonts import TAG

NBSP = "\u00a0"
# Where a long word (a web address, a file name) may break: after / . - ? = and &, never inside a word.
BREAK_AFTER = re.compile(r"(?<=[/.?=\-])(?=[^\s/.?=\-])|(?<=&amp;)")
LONG_WORD = re.compile(r"[^\s<>]{12,}")
NUMBER_SPACE = re.compile(r"(?<=\d) +(?=\S)")
# A date as CSL styles and Babel print it, with a label before it: "9 May 2022", "9. Mai 2022",
# "May 9, 2022", "Accessed: 9 May 2022".
DATE = re.compile(r"(?:(?<=:) )?\b(?:\d{1,2}\.? [^\W\d_]{3,}\.? \d{4}|[^\W\d_]{3,}\.? \d{1,2}, \d{4})\b")
# A name as a bibliography prints it: "Perlman, A.I.", "Atkins, D.", "et al."
NAME = re.compile(r"(?<=[^\W\d_]), (?=(?:[^\W\d_]\.)+)|\bet al\.")


def text_parts(markup: str, change: Callable[[str], str]) -> str:
    """`markup` with `change` applied to its text, not to its tags."""
    return "".join(part if part.startswith("<") else change(part) for part in TAG.split(markup))


def tied(markup: str) -> str:
    """No break anywhere in the text (a name, a phone number, a short count)."""
    return text_parts(markup, lambda text: text.replace(" ", NBSP))


def numbers_tied(markup: str) -> str:
    """Each number tied to the word after it ("10 seconds")."""
    return text_parts(markup, lambda text: NUMBER_SPACE.sub(NBSP, text))


def citation_tied(markup: str) -> str:
    """An in-text citation whole ("(Perlman et al., 2006)"); a cluster of several may break after a ";"."""
    return text_parts(markup, lambda text: re.sub(r"(?<!;) ", NBSP, text))


def entry_tied(markup: str) -> str:
    """A bibliography entry whose dates and author names never break ("Accessed: 9 May 2022", "Atkins, D.")."""

    def change(text: str) -> str:
        text = DATE.sub(lambda m: m.group(0).replace(" ", NBSP), text)
        return NAME.sub(lambda m: m.group(0).replace(" ", NBSP), text)

    return text_parts(markup, change)


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


def packed(items: list[str], width: float, measure: Callable[[str], float], separator: str) -> list[str]:
    """`items` joined by `separator` into lines no wider than `width`, the separator only between two items on
    one line: no line starts or ends with it (an item wider than a line has a line of its own)."""
    lines: list[str] = []
    for item in items:
        if lines and measure(lines[-1] + separator + item) <= width:
            lines[-1] += separator + item
        else:
            lines.append(item)
    return lines
