"""Runs of text (the document's inline nodes) as reportlab's paragraph markup, and strings drawn on a canvas:
the one place reportlab markup is made.

Every character goes through here, whoever added it (the author, a label, a date, a number), so every one
gets a face that has it: the brand's, else Noto Sans, else a clinic's own fallback font.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Iterable

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from handouts.input.links import ascii_uri
from handouts.layout import nodes as n
from handouts.media.fonts import Fonts
from handouts.pdf.tagging import inline, link_description
from handouts.words.ink import undrawn
from handouts.words.ties import TAG, tie, tie_language, typed_tied

OPENING = re.compile(r'<(\w+)(?:[^>]*?\bname="([^"]*)")?')  # an opening tag's name, and the face it names, if any
BOLD_TAGS = frozenset({"b", "strong"})


@functools.lru_cache(maxsize=4096)
def escape(text: str) -> str:
    """Text as literal paragraph text: markup characters escaped (quotes stay: reportlab would make each
    entity a fragment of its own), characters no font draws dropped, line breaks as spaces. Cached: the
    poster's search sets the same words in every layout it tries."""
    # A no-break space is not "printable" either, and a variation selector is (a mark, to Python): look at each
    # kind of character once
    if not text.isprintable() or not text.isascii():
        dropped = {ch for ch in set(text) if ch not in "\t\n\r" and undrawn(ch)}
        text = "".join(" " if ch in "\t\n\r" else ch for ch in text if ch not in dropped)
    return html.escape(text, quote=False)


@functools.lru_cache(maxsize=4096)
def text_markup(text: str, fonts: Fonts) -> str:
    """Plain text as paragraph markup, each run of characters in a face that has them (cached, as `escape`)."""
    return "".join(f'<font name="{face}">{escape(chunk)}</font>' if face else escape(chunk) for face, chunk in fonts.runs(text))


FIRST_ALIKE_MOST = 64  # brands' fonts kept (a process serves one clinic, or a few)
_FIRST_ALIKE: dict[Fonts, Fonts] = {}


def first_alike(fonts: Fonts) -> Fonts:
    """The first Fonts seen equal to `fonts` (itself, if none was): text_markup is kept by its Fonts, and each
    prepared routine has Fonts of its own, equal to the last one's of the same brand; finding a text's markup
    made for the last routine (serve's rebuild after an edit, the benchmark's next run) compared the two Fonts,
    every character their faces cover, some 700 times a routine. The first of them is found the same object.
    Past FIRST_ALIKE_MOST brands, those kept are forgotten, and so is the markup kept by them: markup kept by a
    forgotten one was found by comparing it with its equal successor, every time."""
    found = _FIRST_ALIKE.get(fonts)
    if found is None:
        if len(_FIRST_ALIKE) >= FIRST_ALIKE_MOST:
            _FIRST_ALIKE.clear()
            text_markup.cache_clear()
        found = _FIRST_ALIKE[fonts] = fonts
    return found


def bold_fallbacks(markup: str, face: str, fonts: Fonts) -> str:
    """Paragraph `markup`, in a style whose face is `face`, with each run of a fallback face that is bold (in a
    bold style, or inside <b>) named in that face's bold (see Fonts.bolder): reportlab sets a run in the face it
    is named in, whatever the bold around it, and Noto Sans's regular in a bold heading looked like no heading.
    `markup` itself where no fallback run can be bold (no run of the routine's needs a fallback)."""
    if not fonts.printed or '<font name="' not in markup:
        return markup
    pieces = TAG.split(markup)
    bold = [fonts.is_bold(face)]  # the weight of each tag open, as reportlab's parser keeps it
    for index, piece in enumerate(pieces):
        if not piece.startswith("<"):
            continue
        if piece.startswith("</"):
            if len(bold) > 1:
                bold.pop()
            continue
        opening = OPENING.match(piece)
        if piece.endswith("/>") or opening is None:  # <br/>, a tagging mark
            continue
        tag, named = opening.groups()
        if tag == "font" and named:
            if bold[-1] and index + 1 < len(pieces) and not pieces[index + 1].startswith("<"):
                bolder = fonts.bolder(named, html.unescape(pieces[index + 1]))
                if bolder != named:
                    pieces[index] = piece.replace(f'name="{named}"', f'name="{bolder}"', 1)
            bold.append(fonts.is_bold(named))
        else:
            bold.append(bold[-1] or tag in BOLD_TAGS)
    return "".join(pieces)


class Markup:
    """Runs as paragraph markup for one sheet: its fonts, whether it is upright (large print: no italics), the
    colour of links, and its language (BCP 47: the ties of its own, such as a Polish word of one letter kept
    with the next)."""

    def __init__(self, fonts: Fonts, upright: bool, link_colour: str, language: str = "") -> None:
        self.fonts, self.upright, self.link_colour = fonts, upright, link_colour
        self._alike = first_alike(fonts)  # what text_markup is asked with (see first_alike)
        self.language_ties = tie_language(language)
        # Each runs' markup as made, by the runs and ties it was made of (kept with it, so that neither's
        # identity is another's while it is here): the poster makes its parts again for every layout it tries.
        self._made: dict[tuple[int, int], tuple[n.Runs | None, Callable[[str], str] | None, str]] = {}
        self._texts: dict[tuple[str, bool, bool, float | None], str] = {}

    def __call__(self, runs: n.Runs | None, ties: Callable[[str], str] | None = None) -> str:
        """`runs` as markup; `ties` changes their text where lines must not break (see handouts.words.ties)."""
        key = (id(runs), id(ties))
        found = self._made.get(key)
        if found is None or found[0] is not runs or found[1] is not ties:
            found = self._made[key] = (runs, ties, "".join(self._run(run, ties) for run in runs or ()))
        return found[2]

    def _run(self, run: n.Inline, ties: Callable[[str], str] | None) -> str:
        if isinstance(run, n.Text):
            text = typed_tied(run.text, self.language_ties)
            return text_markup(ties(text) if ties else text, self._alike)
        if isinstance(run, n.LineBreak):
            return " <br/>"  # the space keeps the words apart where the text is read from the tags (see tagging)
        if isinstance(run, n.Link):
            href = ascii_uri(run.href)  # the annotation's target; its description keeps the address as written
            drawn = f'<a href="{html.escape(href)}" color="{self.link_colour}">{self(run.children, ties)}</a>'
            return inline("Link", drawn, href=href, contents=link_description(n.plain(run.children), run.href))
        if isinstance(run, n.NoBreak):
            return self(run.children, tie)
        inner = self(run.children, ties)  # type: ignore[union-attr]
        if isinstance(run, n.Strong):
            return f"<b>{inner}</b>"
        if isinstance(run, n.Emphasis):
            return inner if self.upright else f"<i>{inner}</i>"
        if isinstance(run, n.Superscript):
            return f"<super>{inner}</super>"
        if isinstance(run, n.Subscript):
            return f"<sub>{inner}</sub>"
        if isinstance(run, n.Span):
            return inline("Span", inner, lang=run.lang)
        return inner  # a citation: its text is tied already

    def bulleted(self, style: ParagraphStyle, bullet: str) -> ParagraphStyle:
        """`style`, or a copy whose bullet face has every character of `bullet` (reportlab draws a bullet, a
        step's number, in one face, without markup), and where the style sets where its numbers end
        (`bullet_end`, not a reportlab setting: see Theme.numbers_end), whose bullet ends there: right-aligned,
        so that 9 and 10 end at the same x (reportlab's own bulletAnchor="end" would narrow the first line by
        the number's width, as it measures the bullet from its anchor)."""
        runs = self.fonts.runs(bullet, self.fonts.is_bold(style.bulletFontName))
        faces = {face for face, _ in runs}
        whole = (face for face in faces if face and all(other in (face, None) for other, _ in runs))
        face = next(whole, None) or style.bulletFontName  # one face has it all, or reportlab's own draws it
        end = getattr(style, "bullet_end", None)
        indent = style.bulletIndent
        if end is not None:  # a number wider than its column (a layout's own) starts where the column does
            indent = max(indent, end - stringWidth(bullet, face, style.bulletFontSize))
        if face == style.bulletFontName and indent == style.bulletIndent:
            return style
        # Named by its face alone: the poster keeps a cue's paragraph by its style's name, size and number
        return ParagraphStyle(f"{style.name}-bullet-{face}", parent=style, bulletFontName=face, bulletIndent=indent)

    def text(self, text: str, *, bold: bool = False, tied: bool = False, size: float | None = None) -> str:
        """A plain string (a clinic's name, a phone number) as markup, at `size` points if given (else the
        paragraph's own size)."""
        key = (text, bold, tied, size)
        if key not in self._texts:
            self._texts[key] = self._text(text, bold, tied, size)
        return self._texts[key]

    def _text(self, text: str, bold: bool, tied: bool, size: float | None) -> str:
        runs: n.Runs = (n.Text(text),)
        if tied:
            runs = (n.NoBreak(runs),)
        markup = self((n.Strong(runs),) if bold else runs)
        return f'<font size="{size:g}">{markup}</font>' if size else markup


def string_width(text: str, face: str, size: float, fonts: Fonts) -> float:
    """The width of `text` drawn by :func:`draw_string`."""
    return sum(stringWidth(chunk, own or face, size) for own, chunk in fonts.runs(text, fonts.is_bold(face)))


def clipped(text: str, width: float, face: str, size: float, fonts: Fonts) -> str:
    """`text` if it fits on one line `width` wide, else its first words and an ellipsis that do, not ending on a
    short word in lower case ("Praxis für Physiotherapie…", not "…und…"); where even its first word is too wide,
    that word's start ("Physiotherapie-…"): a running line such as a long clinic name repeated at the foot of
    every page."""
    if string_width(text, face, size, fonts) <= width:
        return text
    words = text.split()

    def fits(kept: str) -> bool:
        return string_width(kept, face, size, fonts) <= width

    # No more words than fit without the ellipsis can fit with it: measured only so far (a name of thousands of
    # words was measured once for each count of them)
    most = 1
    while most < len(words) - 1 and fits(" ".join(words[: most + 1])):
        most += 1
    for count in range(most, 0, -1):
        kept = words[:count]
        while len(kept) > 1 and ((kept[-1].islower() and len(kept[-1]) <= 3) or not any(c.isalnum() for c in kept[-1])):
            kept.pop()  # "and", "of", "&": a name does not end on them
        short = " ".join(kept).rstrip(",;:-\u2013\u00b7") + "\u2026"
        if fits(short):
            return short
    return _word_start(words[0], fits)


def _word_start(word: str, fits: Callable[[str], bool]) -> str:
    """The longest start of `word` with an ellipsis that `fits`: up to one of its hyphens where one does
    ("Physiotherapie-…"), else as many of its letters as do (at least one)."""
    hyphened = 0
    for end in (at + 1 for at, ch in enumerate(word) if ch in "-\u2010" and 0 < at < len(word) - 1):
        if not fits(word[:end] + "\u2026"):
            break  # a longer start is wider still
        hyphened = end
    if hyphened:
        return word[:hyphened] + "\u2026"
    end = 1
    while end < len(word) - 1 and fits(word[: end + 1] + "\u2026"):
        end += 1
    return word[:end] + "\u2026"


def draw_string(canvas: Canvas, x: float, y: float, text: str, face: str, size: float, fonts: Fonts, align: str = "left") -> None:
    """Draw `text` at (x, y) in `face`, each character it lacks in a fallback face; `align` left, right or
    centre on x."""
    width = string_width(text, face, size, fonts)
    x -= {"left": 0.0, "right": width, "centre": width / 2}[align]
    for own, chunk in fonts.runs(text, fonts.is_bold(face)):
        canvas.setFont(own or face, size)
        canvas.drawString(x, y, chunk)
        x += stringWidth(chunk, own or face, size)


def widest(texts: Iterable[str], face: str, size: float, fonts: Fonts) -> float:
    return max((string_width(text, face, size, fonts) for text in texts), default=0.0)
