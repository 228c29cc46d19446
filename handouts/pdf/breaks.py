"""Where a line may break, by width, shared by the handout and the poster.

A word breaks only where it is wider than its whole line, and then only with a hyphen, at a point the
language's hyphenation dictionary (pyphen's, from LibreOffice's patterns) allows, a German compound between its
parts where one fits; a language without one
(Welsh) breaks between syllables by a small rule that never splits a Welsh or English digraph. A web address
breaks only after / . - ? = and & (an email address after its @ too), without a hyphen added; a part of one wider
than a whole line, between any two characters, filling the line, without one either; Chinese and Japanese text between any two
characters, without one either. Words tied by a non-breaking space (a date, a name,
a citation) stay on one line unless together they are wider than the line. Items are packed into lines with a
separator only between two of them.

The ties that keep words together (dates, names, counts) are in the text already (:mod:`handouts.words.ties`).
"""

from __future__ import annotations

import functools
import html
import itertools
import re
from collections.abc import Iterator, Mapping

from reportlab.lib.fonts import tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.paragraph import split as _reportlab_split

from handouts.input.links import BREAK_AFTER
from handouts.pdf.paragraphs import OPENING, TAG
from handouts.words.hyphens import SHY, hyphenation_points, part_points

ADDRESS = re.compile(r"[/.?=]|&amp;")  # a word with one of these inside is a web address, a file name or an email
# What reportlab breaks lines at (its paragraph module's white space, as split_words has it): no no-break space,
# U+00A0, nor the narrow one (U+202F) French marks and guillemets are typed with, nor a figure space (U+2007).
SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\u1680\u2000-\u2006\u2008-\u200b\u2028\u2029\u205f\u3000"
NO_BREAK = "\u2007\u202f"  # no-break spaces reportlab's own split breaks at (its `_wsc`), as at any space
BREAKING = re.compile(f"[{SPACE}]+")
WORD = re.compile(f"[^{SPACE}]+")
LONG_WORD = re.compile(f"[^{SPACE}<>]{{12,}}")
NBSP = "\u00a0"
# Chinese and Japanese (ideographs, kana, their punctuation and full-width forms): written without spaces, and
# broken between any two characters with nothing added. Compiled when first asked for (only a word wider than its
# line is looked at): its ranges took 3 ms of every start-up to compile.
CJK = (
    "[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]"
)
CHARACTER = re.compile(r"&#?\w+;|.", re.DOTALL)  # one character of markup text: a letter, or an entity (&amp;)
# A word given soft hyphens, then the end of its run of one font or style (`</b>`, `</font>`) and the space after
# it: reportlab, breaking such a word, keeps that space with the word's last piece, so the space that opens the
# next run printed a second one ("Dehnungsübung  vorsichtig").
SPACE_AFTER_RUN = re.compile(f"({SHY}[^\\s<]*)((?:<(?!br)[^>]+>)+) ")
LINES_LETTERED = 3  # lines a word with no point to break at may take and still be broken where a line needs it


def split_words(text: str, delim: str | None = None) -> list[str]:
    """reportlab's words of a paragraph's text (its paragraph module's `split`), split at white space but at no
    no-break space: its own split breaks a line at a narrow no-break space (U+202F) or a figure space (U+2007),
    and sets a whole space there, so that "(«\u202ftennis-elbow\u202f»)" ended a line with "(«". A text with
    neither is split as reportlab splits it."""
    if delim is not None or not any(space in text for space in NO_BREAK):
        return _reportlab_split(text, delim)
    return BREAKING.split(text)


def language_of(style: ParagraphStyle) -> str:
    """The language a style's text is in (set by the theme on the styles it makes, inherited by their
    children); '' if none is known."""
    while style is not None:
        language = style.__dict__.get("language")
        if language:
            return language
        style = style.parent
    return ""


def text_width(text: str, style: ParagraphStyle) -> float:
    """The width of `text` in the style's face or its bold, whichever is wider (inline <b> may apply)."""
    return _width(html.unescape(text), style.fontName, tt2ps(style.fontName, 1, 0), style.fontSize)


def _width(plain: str, face: str, bold: str, size: float) -> float:
    return max(stringWidth(plain, face, size), stringWidth(plain, bold, size)) if bold != face else stringWidth(plain, face, size)


def _hyphenated(word: str, width: float, style: ParagraphStyle, language: str, leading_mark: bool = False) -> str:
    """`word` (markup text, wider than `width`) with a soft hyphen at each point it may break: between its parts,
    where its language's dictionary tells them (a German compound's, see part_points), and inside a part only where
    that part is wider than a line (a large-print poster broke "Bildschirmar-" / "beitsplatz…", inside a part,
    where a break between two fitted); there at its language's points, and, only where two of those are still
    further apart than a line, between any two letters. `leading_mark`: the word opens its line behind a drawing
    mark (see `_opens_behind_mark`), where reportlab breaks at no soft hyphen: it is set in lines of its own, each
    as full as it can be, each but its last ending with a hyphen."""
    plain = html.unescape(word)
    points = hyphenation_points(plain, language)
    parts = part_points(plain, language)
    hyphen = text_width("-", style)
    cuts = [0]
    for a, b in itertools.pairwise([0, *parts, len(plain)]):
        inside = text_width(plain[a:b], style) + hyphen > width or not parts
        cuts += [point for point in points if a < point < b and inside] + [b]
    pieces = []
    for a, b in itertools.pairwise(cuts):
        piece = plain[a:b]
        wide = text_width(piece, style) + hyphen
        if wide > LINES_LETTERED * width and not leading_mark:  # a run of lines: each as full as it can be
            pieces.append(_lettered_lines(piece, width - hyphen, style))
            continue
        if wide > width and len(piece) > 1:  # no dictionary point within a line
            pieces += [html.escape(letter, quote=False) for letter in piece]  # between any two: a hyphen marks it
            continue
        pieces.append(html.escape(piece, quote=False))
    return _filled_lines(pieces, width - hyphen, style) if leading_mark else SHY.join(pieces)


def _filled_lines(pieces: list[str], width: float, style: ParagraphStyle) -> str:
    """`pieces` (markup) of one word in lines no wider than `width`, each as full as it can be, each but the
    last ending in a hyphen."""
    lines, line = [], ""
    for piece in pieces:
        if line and text_width(line + piece, style) > width:
            lines.append(line)
            line = ""
        line += piece
    return "-<br/>".join([*lines, line])


def _lettered_lines(piece: str, width: float, style: ParagraphStyle) -> str:
    """`piece` (plain text with no point to break at) as markup in lines no wider than `width`, each but the
    last ending in a hyphen. reportlab finds a soft hyphen's best place by measuring every longer beginning of
    the word first, for each line: a soft hyphen between every two letters of a word thousands long took
    minutes; this takes one pass."""
    lines, line, used = [], [], 0.0
    for letter in piece:
        wide = text_width(letter, style)
        if line and used + wide > width:
            lines.append("".join(line))
            line, used = [], 0.0
        line.append(letter)
        used += wide
    lines.append("".join(line))
    return "-<br/>".join(html.escape(text, quote=False) for text in lines)


def _lines(pieces: list[str], width: float, style: ParagraphStyle, language: str | None, leading_mark: bool) -> str:
    """`pieces` of one word in lines (`<br/>`), each as long as fits; a piece wider than a line is hyphenated
    (given `language`: a compound's part) in lines of its own, each as full as it can be, each but its last
    ending with a hyphen, the pieces after it going on on its last; or left whole (a web address's part: it
    never gets a hyphen). Given soft hyphens instead, in a paragraph its line breaks make one of several
    pieces, reportlab broke the part where its line ran out, with no hyphen: a large-print title read
    "Pneumonoultramicroscopicsili" / "covolcanoconiosis-"."""
    lines, line = [], ""
    for piece in pieces:
        if line and text_width(line + piece, style) > width:
            lines.append(line)
            line = ""
        if language is not None and text_width(piece, style) > width:
            *full, line = _hyphenated(piece, width, style, language, leading_mark=True).split("<br/>")
            lines += full
            continue
        line += piece
    return "<br/>".join([*lines, line] if line else lines)


def _broken(word: str, width: float, style: ParagraphStyle, language: str, leading_mark: bool = False) -> str:
    """`word` (markup text, no white space in it) made to fit lines `width` wide; `leading_mark`: see
    `_hyphenated`."""
    if text_width(word, style) <= width:
        return word
    if re.search(CJK, word):  # no hyphen: reportlab's own split of a word too long for its line, as full as each fits
        return _lines(CHARACTER.findall(word), width, style, language, leading_mark) if leading_mark else word
    if NBSP in word:  # words tied together, wider than a line together: they break where they are spaced
        parts = word.split(NBSP)
        return " ".join(_broken(part, width, style, language, leading_mark and i == 0) for i, part in enumerate(parts))
    if ADDRESS.search(word.rstrip(".,;:!?)")):  # a web address breaks after / . - ? = & @, never with a hyphen added
        return _lines(_address_pieces(word, width, style), width, style, None, leading_mark)
    if "-" in word.strip("-"):  # a compound breaks after its own hyphens first
        return _lines(re.split(r"(?<=-)(?=[^-])", word), width, style, language, leading_mark)
    return _hyphenated(word, width, style, language, leading_mark)


def _address_pieces(word: str, width: float, style: ParagraphStyle) -> list[str]:
    """A web or email address's pieces between the places it may break, each piece wider than a whole line in its
    characters: reportlab cut such a piece where its line ran out and the address's rest started a line of its
    own ("…sportsinjurycli" / "nic." / "co.uk"); in characters, the lines are filled and the rest goes on."""
    pieces = BREAK_AFTER.split(word)
    return [part for piece in pieces for part in (CHARACTER.findall(piece) if text_width(piece, style) > width else [piece])]


def widest_word(markup: str, style: ParagraphStyle) -> float:
    """The width of the widest word in `markup`'s text (words tied by no-break spaces count as one)."""
    return _widest_word(markup, style.fontName, tt2ps(style.fontName, 1, 0), style.fontSize)


@functools.lru_cache(maxsize=4096)
def _widest_word(markup: str, face: str, bold: str, size: float) -> float:
    """Kept by the text and the faces' registered names (each a font file's, see handouts.media.fonts) and size:
    the same paragraph is measured again in each output, each poster layout tried and each patient's sheets."""
    words = [
        (word, at, named)
        for part, at, named in _sized(TAG.split(markup), size, face)
        if not part.startswith("<")
        for word in WORD.findall(part)
    ]
    faces = {named: (named, bold if named == face else tt2ps(named, 1, 0)) for _, _, named in words}
    return max((_width(html.unescape(word), *faces[named], at) for word, at, named in words if len(word) > 1), default=0.0)


FONT_SIZE = re.compile(r"""<font\b[^>]*\bsize=["']?([\d.]+)""")


def _sized(parts: list[str], size: float, face: str) -> Iterator[tuple[str, float, str]]:
    """Each of a markup's `parts` (tags and text) and the size and face its text is set in: `size` and `face`, or
    a <font size="..." name="...">'s around it (the footer's phone number is set at the body's size, larger than
    the footer's; a run of letters the face lacks, in the fallback font that has them)."""
    fonts = [(size, face)]
    for part in parts:
        if part.startswith("<font"):
            sized, opening = FONT_SIZE.match(part), OPENING.match(part)  # the face named as bold_fallbacks reads it
            named = opening.group(2) if opening else None
            fonts.append((float(sized.group(1)) if sized else fonts[-1][0], named or fonts[-1][1]))
        elif part.startswith("</font") and len(fonts) > 1:
            fonts.pop()
        yield part, *fonts[-1]


def break_long_words(markup: str, width: float, style: ParagraphStyle) -> str:
    """`markup` with each word wider than `width` made breakable: a web address broken into lines (`<br/>`) at
    its / . - ? = & boundaries, any other word given soft hyphens where its language allows a break (reportlab
    breaks at the one that fills the line best and prints a hyphen there). Each word is measured at the size it
    is set at: the footer's phone number, at the body's size, measured at the footer's fitted its line, and
    reportlab broke it where it ran out of room, inside a group of its digits ("0117 496 055" / "5")."""
    language = language_of(style)
    out = []
    parts = [part for part in TAG.split(markup) if part]
    fonts = ((size, face) for _, size, face in _sized(parts, style.fontSize, style.fontName))
    for (part, behind_mark), (size, face) in zip(_opens_behind_mark(parts), fonts, strict=True):
        if part.startswith("<") or not LONG_WORD.search(part):
            out.append(part)
            continue
        own = _part_style(style, size, face)
        rest = 0
        if behind_mark and (first := WORD.match(part)):
            out.append(_broken(first.group(0), width, own, language, leading_mark=True))
            rest = first.end()
        out.append(WORD.sub(lambda match, own=own: _broken(match.group(0), width, own, language), part[rest:]))
    return SPACE_AFTER_RUN.sub(r"\1 \2", "".join(out))  # the space inside the run, as reportlab keeps it


def _part_style(style: ParagraphStyle, size: float, face: str) -> ParagraphStyle:
    """`style`, or its copy at `size` in `face` where a part of its markup is set at a size or in a face of its own."""
    if (size, face) == (style.fontSize, style.fontName):
        return style
    return ParagraphStyle(f"{style.name}-{face}-{size:g}", parent=style, fontSize=size, fontName=face)


def _opens_behind_mark(parts: list[str]) -> Iterator[tuple[str, bool]]:
    """Each of a markup's `parts` (tags and text), and whether it is text whose first word opens the paragraph or
    a line after a `<br/>` behind a drawing mark (an `<onDraw>`: a tagged span's or link's start, see
    handouts.pdf.tagging): reportlab makes such a mark the word's first piece, and never breaks a word that
    starts with one, at a soft hyphen or anywhere, so a word wider than its line ran off the page (a clinic's
    footer word in a routine of another language)."""
    opening, marked = True, False  # at a line's start, and behind a mark there
    for part in parts:
        if part.startswith("<"):
            if part.startswith("<br"):
                opening, marked = True, False
            elif part.startswith("<onDraw"):
                marked = marked or opening
            yield part, False
        elif part:
            yield part, marked
            opening, marked = False, False


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


# What `letters` leaves out: white space, soft hyphens and hyphens (a line broken in a word may end in one added).
UNCOUNTED = re.compile(f"[{SPACE}{NBSP}{SHY}\\-]")
MARKUP_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|.", re.DOTALL)  # a tag, an entity or a character
OPENING_UNCOUNTED = re.compile(f"{UNCOUNTED.pattern}*")  # what a text opens with that `letters` leaves out


def letters(text: str) -> str:
    """`text` without what breaking it into lines adds or takes away (white space, soft hyphens, hyphens)."""
    return UNCOUNTED.sub("", text)


def markup_tail(markup: str, text: str) -> str | None:
    """The end of `markup` whose text is `text` (the words of a paragraph's last lines, as a split leaves them,
    compared as `letters`), opened with the tags open where it starts; None where `markup` does not end with
    that text. Tags just before its first letter (a link's or a tagged span's start) go with it, and so do the
    hyphens `text` opens with (see _with_opening_hyphens)."""
    tokens = [(m.start(), m.group()) for m in MARKUP_TOKEN.finditer(markup)]
    wanted, found, cut = letters(text), "", len(tokens)
    while cut and len(found) < len(wanted):
        cut -= 1
        token = tokens[cut][1]
        if not token.startswith("<"):
            found = letters(html.unescape(token)) + found
    if found != wanted or not wanted:
        return None
    cut = _with_opening_hyphens(tokens, cut, OPENING_UNCOUNTED.match(text).group().count("-"))
    while cut and tokens[cut - 1][1].startswith("<") and not tokens[cut - 1][1].startswith(("</", "<br")):
        cut -= 1
    opened: list[str] = []
    for _, token in tokens[:cut]:
        if token.startswith("</"):
            opened = opened[:-1]
        elif token.startswith("<") and not token.endswith("/>"):
            opened.append(token)
    return "".join(opened) + markup[tokens[cut][0] :]


def _with_opening_hyphens(tokens: list[tuple[int, str]], cut: int, hyphens: int) -> int:
    """`cut` moved back over the `hyphens` the text opens with (a word typed "-ish" that opens the split-off part),
    past the white space and tags between them and its first letter: letters alone found the cut after them, and the
    part printed without them."""
    at = cut
    while hyphens and at:
        token = tokens[at - 1][1]
        if token == "-":
            hyphens -= 1
            cut = at - 1
        elif not (UNCOUNTED.fullmatch(token) or (token.startswith("<") and not token.startswith("<br"))):
            break
        at -= 1
    return cut
