"""What both documents (handout and poster) are built from: paragraphs, unbreakable blocks, pictures,
the brand band, document settings, and reportlab's process-wide settings, set here once.

Every paragraph is made by :func:`paragraph` from markup made by :mod:`handouts.pdf.paragraphs`.
"""

from __future__ import annotations

import contextlib
import contextvars
import copy
import datetime
import itertools
import math
import weakref
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus import paragraph as platypus_paragraph
from reportlab.platypus.paragraph import _getFragWords, cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag

from handouts.media import images
from handouts.media.fonts import Fonts
from handouts.pdf import subsets
from handouts.pdf.breaks import (
    BREAK_AFTER,
    LONG_WORD,
    break_long_words,
    letters,
    markup_tail,
    split_words,
    text_width,
    widest_word,
)
from handouts.pdf.objectstreams import pdfdoc_encoded
from handouts.pdf.paragraphs import TAG, bold_fallbacks
from handouts.pdf.tagging import Node, artifact, element
from handouts.pdf.theme import Theme
from handouts.words.ties import short_words_tied, text_parts


def reportlab_settings() -> None:
    """reportlab's process-wide settings, set here only, when this module is first imported (the poster's search
    and the handout's blocks wrap paragraphs before any document is drawn) and before every document is drawn
    (a host process may have reset them): binary (Flate-only) streams, since ASCII85 is for 7-bit mail
    transports and costs time and size (see images.draw for the one exception, inline images); and line
    breaking's test of whether two fragments join (see same_frag), the widths it measures (see word_width) and
    drawing's coding of text in a font's subset (see split_string); the words lines break between, at no
    no-break space (see breaks.split_words); the encoding of what the file is written with (see
    objectstreams.pdfdoc_encoded); and the font subsets it embeds, each made once (see subsets), with the map
    from their codes back to their characters (see tounicode)."""
    rl_config.useA85 = 0
    platypus_paragraph.sameFrag = same_frag
    platypus_paragraph.split = split_words
    platypus_paragraph.stringWidth = word_width
    TTFont.splitString = split_string
    subsets.install()
    pdfdoc.pdfdocEnc = pdfdoc_encoded


# What reportlab's sameFrag compares, in its order.
FRAG_KEYS = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")
_ABSENT = object()


def same_frag(one: Any, other: Any) -> bool:
    """Whether line breaking may join two fragments into one, as reportlab's accelerated sameFrag answers it: not
    where either has a callback or is a line break; else where each of FRAG_KEYS is equal in both or missing
    from both. Its C version asks each fragment for what it lacks (a callback, a line break, a background, a
    no-break mark: most fragments have none) in a way that raises and formats an error each time, about
    eight for each of the 2,600 pairs a routine's outputs ask about: a tenth of all the work they did.
    Asked here without raising anything; the answer is the same (a test compares them)."""
    if hasattr(one, "cbDefn") or hasattr(other, "cbDefn") or hasattr(one, "lineBreak") or hasattr(other, "lineBreak"):
        return False
    for key in FRAG_KEYS:
        mine, theirs = getattr(one, key, _ABSENT), getattr(other, key, _ABSENT)
        if mine is not theirs and (mine is _ABSENT or theirs is _ABSENT or mine != theirs):
            return False
    return True


WIDTHS_MOST = 16384  # words' widths kept (a routine's five outputs measure about 2,500 words at their sizes)
_WIDTHS: dict[tuple[str, Any, float, str], float] = {}


def word_width(text: str, fontName: str, fontSize: float, encoding: str = "utf8") -> float:  # noqa: N803 (reportlab's names)
    """reportlab's stringWidth, for its line breaking: each word's width at each size measured once, where
    breaking lines measured the same words again and again (each width a paragraph is tried at, each size of a
    poster's cue, the standard and the large-print copy): about 12,500 times a routine, 2,500 words. Kept by
    the font itself, not its name (a font registered again under its name is measured afresh), the least
    recently added dropped first past WIDTHS_MOST."""
    font = getFont(fontName)
    key = (text, font, fontSize, encoding)
    found = _WIDTHS.get(key)
    if found is None:
        found = _put(_WIDTHS, key, font.stringWidth(text, fontSize, encoding=encoding), WIDTHS_MOST)
    return found


@dataclass
class _Codes:
    """A font's codes in its first subset in one document, read from the codes reportlab assigned there (each
    character's byte in the subset, a no-break space's the space's), and how many of those were read."""

    table: dict[int, int] = field(default_factory=dict)
    chars: set[str] = field(default_factory=set)
    read: int = 0


_CODES: weakref.WeakKeyDictionary[Any, _Codes] = weakref.WeakKeyDictionary()  # by the font's state in a document
_SPLIT_STRING = TTFont.__dict__["splitString"]  # reportlab's own


def split_string(self: TTFont, text: str, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
    """reportlab's TTFont.splitString: `text` as (subset, bytes) pieces of a font embedded in `doc`, each new
    character given the next code of the subset it goes in. Text whose characters all have codes in the first
    subset already (nearly every line drawn, once a page or two has been) is coded in one translation here;
    reportlab's loop coded each character in Python, 14,000 a handout: a twentieth of drawing one. Other text
    is coded by reportlab's, which assigns the new codes; the answer is the same (a test compares them)."""
    state = self.state.get(doc) if type(text) is str else None
    if state is not None:
        codes = _CODES.get(state)
        if codes is None:
            codes = _CODES[state] = _Codes()
        assignments = state.assignments
        if codes.read != len(assignments):  # codes assigned since: only ever added
            for code, number in itertools.islice(assignments.items(), codes.read, None):
                if number < 256:
                    codes.table[code] = number
                    codes.chars.add(chr(code))
            if 32 in codes.table:  # reportlab codes a no-break space as a space
                codes.table[0xA0] = codes.table[32]
                codes.chars.add("\u00a0")
            codes.read = len(assignments)
        if codes.chars.issuperset(text):
            return [(0, text.translate(codes.table).encode("latin-1"))] if text else []
    return _SPLIT_STRING(self, text, doc, encoding)


V = TypeVar("V")


def _put(store: dict[Any, V], key: Hashable, value: V, most: int) -> V:
    """`value`, kept in `store` under `key`, the least recently added dropped first so that it keeps `most`."""
    while len(store) >= most:
        del store[next(iter(store))]
    store[key] = value
    return value


reportlab_settings()


# What wrapping (and breaking a long word, which parses the paragraph again) sets on a paragraph.
WRAP_STATE = ("blPara", "frags", "text", "width", "height", "_wrapWidths", "_width_max", "_splitLongWordCount")
WRAP_STATE += ("_hyphenations", "_text_now", "_broken_for")


SHARED_MOST = 4096  # paragraphs a routine's store keeps, the least recently used dropped first (a handout has a few hundred)
_STORE: contextvars.ContextVar[dict[Hashable, Known] | None] = contextvars.ContextVar("paragraphs", default=None)


@dataclass
class Known:
    """What every paragraph of one markup and style has in common: its words as parsed (kept unwrapped), its
    widest word once measured, and its wrap at each width it was given (by width: its size and WRAP_STATE)."""

    frags: list[Any]
    widest: float | None = None
    exact: float | None = None  # the widest word as reportlab measures it, each part in its own face
    wraps: dict[float, tuple[tuple[float, float], dict[str, Any]]] = field(default_factory=dict)
    shared: bool = False  # kept in a store: other paragraphs may be given these wraps


@contextlib.contextmanager
def shared(store: dict[str, Any]) -> Iterator[None]:
    """Paragraphs made inside share their parse and wraps with those of the same markup and style made before
    under the same `store` (a prepared routine's `shared`: every patient of a batch gets the same words, set
    the same way, but for their name, date and note). Line breaking and parsing are most of a handout's cost.
    One thread at a time per store: a batch's workers are processes, `serve` builds one job at a time."""
    token = _STORE.set(store.setdefault("paragraphs", {}))
    try:
        yield
    finally:
        _STORE.reset(token)


_SIGNATURES: weakref.WeakKeyDictionary[ParagraphStyle, tuple[tuple[str, Any], ...]] = weakref.WeakKeyDictionary()


# What a style sets that does not change how it sets a text's lines: the space a frame leaves above and below a
# paragraph (a handout laid out again with its spacing tightened sets its paragraphs as the first layout did).
UNSET = ("name", "parent", "spaceBefore", "spaceAfter")


def _signature(style: ParagraphStyle) -> tuple[tuple[str, Any], ...]:
    """Everything a style sets but its name and the space around a paragraph (UNSET): two styles with the same
    signature set a text's lines alike. Styles are made afresh for each document and never changed once made:
    each one's is worked out once, and forgotten with the style."""
    found = _SIGNATURES.get(style)
    if found is None:
        found = _SIGNATURES[style] = tuple(sorted((k, v) for k, v in vars(style).items() if k not in UNSET))
    return found


def _kept(store: dict[Hashable, Known] | None, key: Hashable, frags: list[Any]) -> Known:
    """What a paragraph newly parsed into `frags` will learn, kept in `store` (when there is one, and its
    fragments are reportlab's own) for the next paragraph of the same markup and style."""
    if store is None or not all(type(frag) is ParaFrag for frag in frags):
        return Known([])
    return _put(store, key, Known(_copied(frags), shared=True), SHARED_MOST)


def _copied(frags: list[Any]) -> list[Any]:
    """A copy of parsed fragments that shares nothing a paragraph could change with them: each fragment's own
    attributes, and its link's, lines' and callback's (a reference's address, an inline tag's mark) as well."""
    copies = []
    for frag in frags:
        copy_ = frag.clone()
        if frag.link:
            copy_.link = list(frag.link)
        if frag.us_lines:
            copy_.us_lines = list(frag.us_lines)
        callback = getattr(frag, "cbDefn", None)
        if callback is not None:
            copy_.cbDefn = callback.clone()
        copies.append(copy_)
    return copies


def _plain(frag: Any) -> bool:
    """A fragment whose words another size sets alike: plain text, no link or line, no callback but an inline
    tag's mark (an onDraw, drawn at no width: see tagging.inline)."""
    callback = getattr(frag, "cbDefn", None)
    marks = callback is None or (callback.kind == "onDraw" and not getattr(callback, "width", 0))
    return type(frag) is ParaFrag and not (frag.link or frag.us_lines) and marks


def _resized(frag: Any, size: float) -> Any:
    """A plain fragment (see _plain) at `size`, as parsing its markup at that size makes it (see _sized)."""
    return _sized(frag.clone(), size)


def _sized(frag: Any, size: float) -> Any:
    """`frag`, a copy of its own, set at `size`: its line breaking's note of its kind (which wrapping adds, and
    makes again before reading it) left out."""
    frag.fontSize = size
    frag.__dict__.pop("_fkind", None)
    return frag


# What of a style reportlab's parser (and textTransformFrags after it) reads into a paragraph's fragments, besides
# the size and the bullet's face, size and colour (read only for markup's own <bullet>): two styles alike in
# these parse a markup without <para> or <bullet> alike, but for the size. A test holds reportlab to it.
PARSED_BY = ("fontName", "textColor", "textTransform", "linkUnderline")
PARSED_BY += tuple(f"{line}{part}" for line in ("underline", "strike") for part in ("Width", "Color", "Offset", "Gap"))


def reads_more(markup: str) -> bool:
    """Whether `markup` sets a size of its own (<font size="18"> at an 18 pt style seems plain, and stays 18 pt at
    any other size), names a style (style=) or has <para> or <bullet> tags, which read more of the style: its
    words at one size are not its words at another, resized."""
    lowered = markup.casefold()
    return "size" in lowered or "style" in lowered or "<para" in lowered or "<bullet" in lowered


def _sized_alike(text: str, style: ParagraphStyle, kwargs: dict[str, Any]) -> Hashable | None:
    """The store's key for `text`'s fragments as parsed in any style that differs from `style` at most in what
    the parser does not read but the size (the large-print copy of a paragraph, its style otherwise the
    standard's), whichever kind of paragraph it is (a heading's is balanced on a handout, not on a poster:
    reportlab's Paragraph parses both). None for markup that sets a size of its own (<font size="18"> at an 18 pt
    style seems plain, and stays 18 pt at any other), names a style (style=) or has <para> or <bullet> tags,
    which read more of the style."""
    if reads_more(text):
        return None
    read = tuple(getattr(style, name, None) for name in PARSED_BY)
    return ("sized alike", text, read, tuple(sorted(kwargs.items())))


def _sized_from(store: dict[Hashable, Known], key: Hashable | None, size: float) -> list[Any] | None:
    """The fragments kept under `key` (see _sized_alike) at `size`, a copy of their own; None if none are kept."""
    known = store.get(key) if key is not None else None
    if known is None:
        return None
    return [_sized(frag, size) for frag in _copied(known.frags)]  # copied once, then sized in place


def _keep_sized(store: dict[Hashable, Known], key: Hashable | None, frags: list[Any], size: float) -> None:
    """Keeps `frags`, newly parsed, under `key` (see _sized_alike) where another size sets them alike: each
    plain (see _plain), at the style's size, raised or lowered nowhere."""
    if key is not None and frags and _resizable(frags, size):
        _put(store, key, Known(_copied(frags)), SHARED_MOST)


def _plain_words(text: str, style: ParagraphStyle) -> Hashable | None:
    """The store's key for what reportlab's parser makes of any plain text (no tag, no entity) in any style alike
    in what the parser reads (see PARSED_BY) but the size: one fragment, whose words are the text as reportlab
    cleans it (white space folded) and whose all else is the style's. The routine's first plain paragraph in a
    style is parsed; the others in it are made from its fragment, as parsing each anew made the same one: three
    in four of a handout's paragraphs are plain, and parsing was a tenth of its time. None for markup, and
    for a style that changes the text's case (textTransform, applied after parsing)."""
    if "<" in text or "&" in text or getattr(style, "textTransform", None):
        return None
    return ("plain words", tuple(getattr(style, name, None) for name in PARSED_BY))


def _plain_from(store: dict[Hashable, Known], key: Hashable | None, text: str, style: ParagraphStyle) -> list[Any] | None:
    """Plain `text`'s one fragment in `style`, made from the one kept under `key` (see _plain_words), with lists of
    its own and the style's own colour (equal to the kept one's: the same object, as parsing gives it, compares
    quicker in line breaking); None if none is kept, or if the text is only white space (reportlab makes no
    fragment of it)."""
    known = store.get(key) if key is not None else None
    words = cleanBlockQuotedText(text) if known is not None else ""
    if not words:
        return None
    made = known.frags[0].clone(text=words, link=[], us_lines=[], textColor=style.textColor)  # type: ignore[union-attr]
    return [_sized(made, style.fontSize)]


def _keep_plain(store: dict[Hashable, Known], key: Hashable | None, frags: list[Any], size: float) -> None:
    """Keeps the one fragment newly parsed from plain text under `key` (see _plain_words)."""
    if key is not None and len(frags) == 1 and _resizable(frags, size):
        _put(store, key, Known(_copied(frags)), SHARED_MOST)


def _resizable(frags: list[Any], size: float) -> bool:
    """Whether `frags`, parsed at `size`, are words another size sets alike but for their size: each plain (see
    _plain), at that size, raised or lowered nowhere."""
    return all(_plain(f) and f.fontSize == size and not f.rise for f in frags)


class CachedParagraph(Paragraph):
    """A Paragraph that remembers how it wrapped at each width it was given (platypus asks again at the same
    width: keep-together, frame add, split checks; the poster's search tries each paragraph in several column
    widths, in turn; line breaking is the costliest step), with every paragraph of its markup and style made
    under :func:`shared` (a batch's later patients), and breaks a word only where it is wider than its
    whole line: a web address after / . - ? = &, any other word with a hyphen where its language's
    hyphenation dictionary allows (see :mod:`handouts.pdf.breaks`)."""

    def __init__(self, text: str | None, style: ParagraphStyle, **kwargs: Any) -> None:
        fonts: Fonts | None = getattr(style, "fonts", None)  # see Theme.style
        if text and fonts is not None:
            text = bold_fallbacks(text, style.fontName, fonts)
        store = _STORE.get() if text and "frags" not in kwargs else None
        key = (type(self), text, _signature(style), tuple(sorted(kwargs.items()))) if store is not None else None
        known = store.pop(key, None) if store is not None else None
        alike = plain = sized = None
        if known is not None:  # made before, in this routine: its words as parsed then, each wrap as made then
            store[key] = known  # type: ignore[index]  # most recently used last: patients' own lines are dropped first
            kwargs["frags"] = _copied(known.frags)
        elif store is not None and (plain := _plain_words(text, style)) is not None:  # type: ignore[arg-type]
            sized = kwargs["frags"] = _plain_from(store, plain, text, style)  # type: ignore[arg-type]
        elif store is not None:  # made before at another size (the large-print copy): its words, resized
            alike = _sized_alike(text, style, kwargs)  # type: ignore[arg-type]
            sized = kwargs["frags"] = _sized_from(store, alike, style.fontSize)
        super().__init__(text, style, **kwargs)  # text is None for the parts platypus splits a paragraph into
        kwargs.pop("frags", None)  # parsed already (see resized); breaking a long word parses again
        self._markup, self._kwargs = text or "", kwargs
        self._parsed = self.frags  # wrapping replaces frags with its list of words; resized reads these
        self._text_now, self._broken_for = self._markup, None  # the text as last broken, and for which width
        if known is None and sized is None:
            self._floored()
            if store is not None:
                _keep_plain(store, plain, self.frags, style.fontSize)
                _keep_sized(store, alike, self.frags, style.fontSize)
        self._known = known or _kept(store, key, self.frags)

    def _floored(self) -> None:
        """Raised and lowered text (a superscript citation number) set no smaller than the style's floor (see
        Theme.style): reportlab sets it up to 2 pt smaller than its line, below the floor where the line is at it
        (large print's 18 pt text, the poster's small print). Its words are looked at only where the markup
        has such text."""
        floor = self.raised_floor()
        if floor is None:
            return
        for frag in self.frags:
            if getattr(frag, "rise", 0) and frag.fontSize < floor:
                frag.fontSize = floor

    @property
    def parsed(self) -> list[Any]:
        """Its words as parsed and floored, before any wrap replaced them or broke a word too long for a line."""
        return self._parsed

    def raised_floor(self) -> float | None:
        """The style's floor where the markup has raised or lowered text for it to hold (<super>, <sup>, <sub>),
        else None."""
        floor = getattr(self.style, "floor", None)
        return floor if floor is not None and "<su" in self._markup else None

    def resized(self, style: ParagraphStyle) -> CachedParagraph:
        """This paragraph in `style` (the same style at another size) without parsing its markup again, when
        its markup sets no size, rise, link or line of its own (see reads_more; the poster tries many sizes of each
        cue)."""
        base, parsed = self.style.fontSize, self._parsed
        plain = not reads_more(self._markup) and _resizable(parsed, base)
        frags = [_resized(f, style.fontSize) for f in parsed] if plain and parsed else None
        return type(self)(self._markup, style, frags=frags, **self._kwargs)

    def minWidth(self) -> float:  # noqa: N802 (reportlab's name)
        """The widest piece a word can be broken into without a hyphen: a web address's parts, other words whole
        (reportlab's own counts each address whole). Narrower lines hyphenate."""
        widest = super().minWidth()
        if widest == 0 or not any(LONG_WORD.search(part) for part in TAG.split(self._markup) if not part.startswith("<")):
            return widest
        pieces = [piece for part in TAG.split(self._markup) if not part.startswith("<") for piece in BREAK_AFTER.split(part)]
        pieces = [word for piece in pieces for word in piece.split()]
        return max((text_width(piece, self.style) for piece in pieces), default=widest)

    def _recalled(self, width: float) -> tuple[float, float] | None:
        """The size this paragraph had at `width`, its wrap at that width put back; None if not wrapped there."""
        found = self._known.wraps.get(width)
        if found is None:
            return None
        size, state = found
        self.__dict__.update(state)
        return size

    def _remember(self, width: float, size: tuple[float, float]) -> None:
        self._known.wraps[width] = (size, self._wrapped())

    def _wrapped(self) -> dict[str, Any]:
        """What its last wrap set (see WRAP_STATE), to put back for a wrap at the same width."""
        return {name: self.__dict__[name] for name in WRAP_STATE if name in self.__dict__}

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        recalled = self._recalled(availWidth)
        if recalled is not None:
            return recalled
        line = availWidth - self.style.leftIndent - self.style.rightIndent
        widest = self._widest(line)
        if self._broken_for != availWidth and (widest > line or self._text_now is not self._markup):
            text = break_long_words(self._markup, line, self.style) if widest > line else self._markup
            if text != self._text_now:
                Paragraph.__init__(self, text, self.style, **self._kwargs)
                self._floored()
            self._text_now, self._broken_for = text, availWidth
        width, height = super().wrap(availWidth, availHeight)
        self.height = height = height + self._bullet_below()
        self._remember(availWidth, (width, height))
        return width, height

    def _bullet_below(self) -> float:
        """How far the bullet's glyphs reach below the lines' box, in a style that keeps its bullet inside
        (`bullet_inside`, not a reportlab setting: the poster's cue, whose number, 1.45 times its text, reached
        below a cue of one line, the last of a column standing on the bottom margin, into the margin): the
        paragraph is that much taller, its lines where they were."""
        if not getattr(self.style, "bullet_inside", False) or not getattr(self, "bulletText", None) or not self.blPara.lines:
            return 0.0
        first = self.blPara.lines[0] if self.blPara.kind else self.blPara  # the first line's size, as reportlab reads it
        baseline = self.height - first.fontSize  # the bullet's, as reportlab draws it
        _, descent = getAscentDescent(self.style.bulletFontName, self.style.bulletFontSize)
        return max(0.0, -descent - baseline - getattr(self.style, "bulletOffsetY", 0))

    def _widest(self, line: float) -> float:
        """The widest word: as the markup's words measure in the style's faces (quick, and never narrower than
        the truth), and where that is wider than `line`, as reportlab's own words measure, each part in the face
        it is set in: a poster's count is set in the regular face after a bold cue, and measured in bold it
        seemed too wide, so its tied words were untied and "3 x 10" broke after the "x"."""
        known = self._known
        if known.widest is None:
            known.widest = widest_word(self._markup, self.style)
        if known.widest <= line:
            return known.widest
        if known.exact is None and self._text_now is self._markup:  # its words as parsed, not yet broken
            known.exact = max((word[0] for word in _getFragWords(self.frags)), default=0.0)
        return known.widest if known.exact is None else known.exact

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab's names)
        # Splitting changes the words the lines were made of, in place: where other paragraphs may be given
        # them (a wrap kept in the store), this paragraph's own copy of them is split, and its wraps are its
        # own from here on. Only there: the parts a long paragraph is split into, page after page, own theirs,
        # and copying each one's again would take time growing with the square of its length.
        known = self._known
        if known.shared and hasattr(self, "blPara"):  # lines and the words they were broken from
            self.blPara, self.frags = copy.deepcopy((self.blPara, self.frags))
        self._known = Known([], known.widest)
        pieces = list(super().split(availWidth, availHeight))
        if len(pieces) < 2:  # not split (it moves on whole, or fits): nothing was changed, and its wraps still hold
            self._known = known  # a paragraph moved to the next page broke its lines there again
        if len(pieces) == 2 and self._text_now != self._markup:  # equal, not the same: a recalled wrap's text
            pieces[1] = self._rest(pieces[1])
        return pieces

    def _rest(self, rest: Paragraph) -> Paragraph:
        """The part split off this paragraph, whose long words were broken for the width it was split at: made
        again from the end of its markup, so that it is broken for the width it is set at. reportlab makes it
        from the words as broken (`rest`), and they were never joined again: a step's web address, broken into
        short lines beside its picture, went on on the next page across the whole column in those short lines.
        `rest` where the markup's end does not read as it does."""
        said = _said(rest.frags)
        markup = markup_tail(self._markup, said)
        if markup is None:
            return rest
        token = _STORE.set(None)  # a part of one page's split: other paragraphs are not given its words or wraps
        try:
            made = type(self)(markup, rest.style, **{**self._kwargs, "bulletText": None})
        finally:
            _STORE.reset(token)
        return made if letters(_said(made.frags)) == letters(said) else rest


def _said(frags: list[Any]) -> str:
    """The text of a paragraph's `frags`: as parsed, or as reportlab keeps the words a split leaves (each a list:
    its width, then pairs of a fragment and its text)."""
    words = ("".join(text for _, text in item[1:]) if isinstance(item, list) else getattr(item, "text", "") for item in frags)
    return " ".join(words)


def unfloored(para: Paragraph) -> Paragraph:
    """`para` with its raised and lowered text set as reportlab sets it, smaller than its line even under the
    floor (see CachedParagraph._floored): the widths a bound reads at one size and scales to larger ones. The
    floor makes such text relatively larger at a small size than at a larger one, so widths read at the floor
    would overstate those at larger sizes; reportlab's own shrinking never does. `para` itself when it has none."""
    if not isinstance(para, CachedParagraph) or para.raised_floor() is None:
        return para
    style = ParagraphStyle(f"{para.style.name}-unfloored", parent=para.style)
    style.floor = None
    return CachedParagraph(para._markup, style, **para._kwargs)


# Lines a balanced paragraph may have and still be balanced: a heading has one to three. One of many lines
# (a closing line thousands of characters long) was set again at ten narrower widths, each re-breaking every
# line a word too long for it had been broken into: a minute for a text of 18,000 characters with no space.
MAX_BALANCED_LINES = 8


class BalancedParagraph(CachedParagraph):
    """A heading whose lines are balanced: set in the narrowest width that keeps its number of lines, so that
    it never ends on a single word where a better break exists ("a professional's touch is / better" becomes
    "a professional's / touch is better"). Its width stays the column's. A paragraph of more than
    MAX_BALANCED_LINES lines is set as it comes. No line ends on a word of one or two letters: each is tied to
    the word after it (see short_words_tied), so "Automassagem e / alongamento para dor lombar" is set
    "Automassagem / e alongamento para dor lombar"."""

    def __init__(self, text: str | None, style: ParagraphStyle, **kwargs: Any) -> None:
        super().__init__(text_parts(text, short_words_tied) if text else text, style, **kwargs)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        recalled = self._recalled(availWidth)
        if recalled is not None:
            return recalled
        width, height = super().wrap(availWidth, availHeight)
        count = len(self.blPara.lines)
        if not 2 <= count <= MAX_BALANCED_LINES or _words_in_line(self.blPara, -1) > 1:
            return width, height
        indents = self.style.leftIndent + self.style.rightIndent
        low, high = max(availWidth / 2, (self._known.widest or 0.0) + indents), availWidth  # no word wider than a line
        best, at_best = availWidth, None
        while high - low > 0.5:  # to half a point
            middle = (low + high) / 2
            Paragraph.wrap(self, middle, availHeight)
            if len(self.blPara.lines) == count:
                best = high = middle
                at_best = self._wrapped()
            else:
                low = middle
        if at_best is not None:  # its wrap at the best width put back, where breaking its lines there again made it anew
            self.__dict__.update(at_best)
            height = self.height
        else:
            _, height = Paragraph.wrap(self, best, availHeight)
        if _words_in_line(self.blPara, -1) < 2:  # no better break: as it was
            best = availWidth
            _, height = Paragraph.wrap(self, best, availHeight)
        self.width = availWidth
        self._remember(availWidth, (availWidth, height))
        return availWidth, height


def _words_in_line(para: Any, index: int) -> int:
    """How many words reportlab put on line `index` of a wrapped paragraph (its `blPara`)."""
    line = para.lines[index]
    if para.kind == 0:
        return len(line[1])
    return len("".join(getattr(frag, "text", "") for frag in line.words).split())


def paragraph(markup: str, style: ParagraphStyle, balanced: bool = False, **kwargs: Any) -> Paragraph:
    """The one way a paragraph is made, from markup made by :class:`handouts.pdf.paragraphs.Markup` (a bullet,
    `bulletText`, in a style whose bullet face has it: see Markup.bulleted); a heading's lines `balanced`."""
    return (BalancedParagraph if balanced else CachedParagraph)(markup, style, **kwargs)


class Unbreakable(Flowable):
    """Flowables stacked as one block that never splits across pages (a step, a box).

    Like platypus KeepTogether for the non-splitting case, without its frame copies on every wrap.
    """

    def __init__(self, parts: list[Flowable], label: str, space_after: float | None = None) -> None:
        super().__init__()
        self.parts = parts
        self.label = label
        self.space_after = space_after
        self._sizes: list[tuple[float, float]] = []
        self.picture_scale = 1.0  # its pictures' height, as a share of their own (a copy that fits a page's end)
        self.picture_least = 1.0  # the share of its height its picture may be lowered to, to stay on the page

    def _gaps(self) -> list[float]:
        """Space above each part but the first: the larger of the neighbours' after/before."""
        return [0.0] + [max(a.getSpaceAfter(), b.getSpaceBefore()) for a, b in itertools.pairwise(self.parts)]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        if self.picture_least < 1:  # its picture at this block's height: a copy lowered to fit shares it
            for picture in pictures_in(self.parts):
                picture.scale(self.picture_scale)
        self._sizes = [part.wrap(availWidth, availHeight) for part in self.parts]
        self.width = availWidth
        self.height = sum(h for _, h in self._sizes) + sum(self._gaps())
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        fitted = self.fitted(availWidth, availHeight)
        return [fitted] if fitted else []  # else never split: the frame moves the whole block to the next page

    def least_height(self, width: float) -> float:
        """Its height with its picture lowered as far as it may be: the least of it a page may hold."""
        scale = self.picture_least if len(list(pictures_in(self.parts))) == 1 else 1.0
        _, height = lowered(self, scale, width, 1e6)
        return height + (LINES_FUZZ if scale < 1 else 0)  # and the room fitted() leaves spare

    def fitted(self, availWidth: float, availHeight: float) -> Unbreakable | None:  # noqa: N803
        """A copy of the block with its picture lowered (to no less than `picture_least` of its height) so
        that it fits the room left, as a typesetter fits a cut to the page's end; None if none does."""
        drawn = list(pictures_in(self.parts))
        if self.picture_least >= 1 or len(drawn) != 1:
            return None
        picture, room = drawn[0], availHeight - LINES_FUZZ
        _, height = self.wrap(availWidth, availHeight)
        scale = (picture.height - (height - room)) / picture.full_height
        if scale < self.picture_least or scale >= 1:
            return None
        fitted, height = lowered(self, scale, availWidth, availHeight)
        return fitted if height <= availHeight else None  # else the text beside it is taller than that

    def getSpaceBefore(self) -> float:  # noqa: N802
        return self.parts[0].getSpaceBefore() if self.parts else 0

    def getSpaceAfter(self) -> float:  # noqa: N802
        if self.space_after is not None:
            return self.space_after
        return self.parts[-1].getSpaceAfter() if self.parts else 0

    def draw(self) -> None:
        if self.picture_least < 1:  # laid out again at its own picture height, which the block it copies may reset
            self.wrap(self.width, self.height)
        y = self.height
        for part, (_, h), gap in zip(self.parts, self._sizes, self._gaps(), strict=True):
            y -= gap + h
            part.drawOn(self.canv, 0, y)


LINES_FUZZ = 1.0  # points over whole lines' leading, so that rounding never leaves one line short of them


F = TypeVar("F", bound="Unbreakable | BesideStep")


def lowered(flowable: F, scale: float, width: float, height: float) -> tuple[F, float]:
    """A copy of `flowable` (an Unbreakable or a BesideStep) with its picture at `scale` of its own height, and the
    copy's height laid out in `width` x `height`. The copy shares its picture with `flowable`, which is laid out
    again after it, so that the picture is back at `flowable`'s own height."""
    copied = copy.copy(flowable)
    copied.picture_scale = scale
    _, copied_height = copied.wrap(width, height)
    flowable.wrap(width, height)
    return copied, copied_height


def going_on(part: F, whole: Flowable) -> F:
    """`part`, what of `whole` goes on on the next page, named in an error as `whole` is: by the key it came from
    (a step's, `routine.steps[7]`), not by none, which said the file's first line."""
    for name in ("source", "source_file"):
        if hasattr(whole, name):
            setattr(part, name, getattr(whole, name))
    return part


def pictures_in(parts: Sequence[Flowable]) -> Iterator[PictureFlowable]:
    """The pictures among `parts` (a picture above a step's text)."""
    return (part for part in parts if isinstance(part, PictureFlowable))


def lines_room(leading: float, lines: int = 2) -> float:
    """The room `lines` lines of a paragraph need for reportlab to split it there: it splits at as many whole
    leadings as there is room for (two: the least a split leaves on a page)."""
    return leading * lines + LINES_FUZZ


class Step(Unbreakable):
    """A step whose head (its title, and its picture if any, lowered to no less than `picture_least` of its
    height where that keeps them on the page) stays with the first lines of its text, which may go on on the
    next page: a long step does not leave a page a third empty. Neither page gets a single line
    of it: the text's style forbids widows and orphans, and a count after the text never goes over alone.
    Its last `loose` parts (a video's link and QR code) may: where its head, text and count fit, those go on
    alone rather than take two lines of the text with them; a step whose text was too short to split moved whole,
    video and all, and left the page's end blank (a pictured step in large print, nearly half of each page).
    The part that goes on opens under `again()` (its number and title, "(continued)"), as a box does: a patient
    turning the page read on mid-sentence with no sign of which step it was."""

    def __init__(
        self,
        parts: list[Flowable],
        label: str,
        text_index: int,
        space_after: float | None = None,
        again: Callable[[], Flowable] | None = None,
        loose: int = 0,
    ) -> None:
        super().__init__(parts, label, space_after)
        self.text_index = text_index  # parts before it are the head, after it the tail
        self.again = again
        self.loose = loose  # how many of its last parts may go on on the next page without lines of the text

    def least_height(self, width: float) -> float:
        """The height of the head and two lines of the text: the least of it a page may hold."""
        self.wrap(width, 1e6)
        index = self.text_index
        style = getattr(self.parts[index], "style", None)
        text_height = self._sizes[index][1]
        whole = super().least_height(width)  # with its picture lowered
        kept = self._kept()
        if kept is not None:  # its loose parts may go on alone
            whole = min(whole, kept.least_height(width))
        if not style or text_height < 3.5 * style.leading:
            return whole  # three lines or fewer cannot leave two on each page: the step stays whole
        return min(self._above_text(width, self._least_scale()) + lines_room(style.leading), whole)

    def _least_scale(self) -> float:
        """The share of its height its picture above the text may be lowered to (1: none, or not lowered)."""
        return self.picture_least if len(list(pictures_in(self.parts[: self.text_index]))) == 1 else 1.0

    def _above_text(self, width: float, scale: float) -> float:
        """The height of its head (title, and its picture at `scale` of its height) and the space under it."""
        head, _ = lowered(self, scale, width, 1e6)
        return sum(h for _, h in head._sizes[: self.text_index]) + sum(head._gaps()[: self.text_index + 1])

    def parted(self, width: float, clear: float) -> tuple[Unbreakable, Step] | None:
        """Its head with the lines of its text that start above `clear` (a picture beside them ends there), and
        the rest: a step of its own, set on under them on the same page (so not opened by its head again), that
        may go on on the next page. None where that would leave fewer than two lines either side."""
        self.wrap(width, 1e6)
        index = self.text_index
        text, (_, text_height) = self.parts[index], self._sizes[index]
        leading = text.style.leading
        lines = math.ceil((clear - self._above_text(width, 1.0)) / leading)  # a line that starts beside it, too
        if lines < 2 or text_height < (lines + 2) * leading - LINES_FUZZ:
            return None
        text.wrap(width, 1e6)
        pieces = text.split(width, lines * leading + LINES_FUZZ)
        if len(pieces) != 2 or pieces[0].wrap(width, 1e6)[1] < lines * leading - LINES_FUZZ:
            return None  # a line moved down, not to leave one alone: it would run into what ends at `clear`
        head = Unbreakable([*self.parts[:index], pieces[0]], self.label, space_after=0)
        return head, going_on(Step([pieces[1], *self.parts[index + 1 :]], self.label, 0, self.space_after, self.again), self)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab's names)
        fitted = self.fitted(availWidth, availHeight)
        if fitted:  # whole, with its picture a little lower
            return [fitted]
        parted = self._loose_apart(availWidth, availHeight)
        if parted:  # whole but for its video
            return parted
        self.wrap(availWidth, availHeight)
        index = self.text_index
        text = self.parts[index]
        scale, above = 1.0, self._above_text(availWidth, 1.0)
        short = above + lines_room(text.style.leading) - availHeight  # its head and two lines: how far over the page
        if short > 0 and self._least_scale() < 1:  # its picture above the text lowered, so its first lines stay
            picture = next(pictures_in(self.parts[:index]))
            scale = max(self._least_scale(), 1 - short / picture.full_height)
            above = self._above_text(availWidth, scale)
        room = availHeight - above
        text_height = self._sizes[index][1]
        if room >= text_height:  # the text fits but what follows it does not: some lines go over with it
            room = text_height - 1
        pieces = text.split(availWidth, room)
        if len(pieces) != 2:
            return []  # not two lines' room (or a one-line text): the whole step moves on
        first, rest = pieces
        head = Unbreakable([*self.parts[:index], first], self.label, space_after=0)
        head.picture_least, head.picture_scale = self.picture_least, scale
        head.outline = getattr(self, "outline", None)  # type: ignore[attr-defined]
        cue = [self.again()] if self.again is not None else []  # its head on the next page: part of its height there
        tail = [*cue, rest, *self.parts[index + 1 :]]
        return [head, going_on(Step(tail, f"{self.label} (continued)", len(cue), self.space_after, self.again, self.loose), self)]

    def _kept(self) -> Unbreakable | None:
        """Its head, text and count without its loose parts, as a block of their own (its picture may be lowered
        as the whole step's may); None where it has no loose parts."""
        first = len(self.parts) - self.loose  # the first part that may go on alone
        if not self.loose or first <= self.text_index:
            return None
        kept = Unbreakable(self.parts[:first], self.label, space_after=0)
        kept.picture_least = self.picture_least
        kept.outline = getattr(self, "outline", None)  # type: ignore[attr-defined]
        return kept

    def _loose_apart(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab's names)
        """Its head, whole text and count on this page (its picture lowered if need be), and its loose parts on
        the next, under its head again; [] where it has none or the rest does not fit."""
        kept = self._kept()
        if kept is None:
            return []
        if kept.wrap(availWidth, availHeight)[1] > availHeight:
            kept = kept.fitted(availWidth, availHeight)
            if kept is None:
                return []
        cue = [self.again()] if self.again is not None else []
        loose = self.parts[len(self.parts) - self.loose :]
        return [kept, going_on(Unbreakable([*cue, *loose], f"{self.label} (continued)", self.space_after), self)]


class BesideStep(Flowable):
    """A step's text (a Step, or an Unbreakable) with its picture at its right, both from the top. Once the
    picture has ended (and `standoff` under it), its text goes on under it at the column's full width, as it
    does on the next page, where the picture is not drawn again: a long step does not leave the third of a page
    beside its text empty. It may go on on the next page once its head and first lines are beside the picture,
    and its picture may be lowered (to `picture_least` of its height) to keep the step, or its head, on the
    page."""

    def __init__(
        self,
        text: Unbreakable,
        picture: PictureFlowable,
        text_width: float,
        label: str,
        picture_least: float = 1.0,
        standoff: float = 0.0,
    ) -> None:
        super().__init__()
        self.text, self.picture, self.text_width, self.label = text, picture, text_width, label
        self.picture_least, self.picture_scale, self.standoff = picture_least, 1.0, standoff
        self.under: Unbreakable | None = None  # a part split off: what it holds under the picture, as split
        self._parted: dict[float, tuple[Unbreakable, Unbreakable | None]] = {}  # by the picture's height
        self._laid: tuple[Unbreakable, Unbreakable | None] = (text, None)

    def _layout(self) -> tuple[Unbreakable, Unbreakable | None]:
        """Its text beside the picture, and what goes on under the picture (None: nothing), which is parted at the
        text's width beside it and so depends on the picture's height alone."""
        if self.under is not None or not isinstance(self.text, Step):
            return self.text, self.under
        key = self.picture.height
        if key not in self._parted:
            parted = self.text.parted(self.text_width, self.picture.height + self.standoff)
            self._parted[key] = parted if parted is not None else (self.text, None)
        return self._parted[key]

    def _top(self, beside: float) -> float:
        """Where what goes on under the picture starts: under the text beside it, and clear of the picture."""
        return max(beside, self.picture.height + self.standoff)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        self.picture.scale(self.picture_scale)
        self._laid = beside, under = self._layout()
        _, text_height = beside.wrap(self.text_width, availHeight)
        if under is None:
            self.height = max(text_height, self.picture.height)
        else:
            self.height = self._top(text_height) + under.wrap(availWidth, availHeight)[1]
        self.width = availWidth
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802
        return self.text.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        beside, under = self._laid
        return (under or beside).getSpaceAfter()

    def least_height(self, width: float) -> float:
        """The least of it a page may hold: the text's head and first lines beside the picture, lowered."""
        picture = self.picture.full_height * self.picture_least
        return max(self.text.least_height(self.text_width), picture) + LINES_FUZZ

    def _fitting(self, availWidth: float, availHeight: float) -> BesideStep | None:  # noqa: N803
        """This step as it is, or a copy with its picture lowered, that fits `availHeight`; None if neither does."""
        if self.wrap(availWidth, availHeight)[1] <= availHeight:
            return self
        scale = min((availHeight - LINES_FUZZ) / self.picture.full_height, self.picture_scale)
        if scale < self.picture_least:
            return None
        fitted, height = lowered(self, scale, availWidth, availHeight)
        return fitted if height <= availHeight else None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab's names)
        whole = self._fitting(availWidth, availHeight)
        if whole is not None and whole is not self:
            return [whole]
        self.wrap(availWidth, availHeight)
        beside, under = self._laid
        if under is not None and self.under is None:  # the page ends under the picture: there, its text goes on
            top = self._top(beside.height)
            pieces = under.split(availWidth, availHeight - top) if top < availHeight else []
            if len(pieces) == 2:
                head = copy.copy(self)
                head.text, head.under = beside, pieces[0]
                return [head, pieces[1]]
        # The page ends beside the picture (or too near under it for two lines): the text goes on on the next
        # page, at the column's full width (the picture is not drawn again there).
        pieces = self.text.split(self.text_width, availHeight)
        if len(pieces) != 2:
            return []  # its text cannot leave two lines on each page: the whole step moves on
        head = copy.copy(self)
        head.text, head.under = pieces[0], None
        fitted = head._fitting(availWidth, availHeight)
        if fitted is None:
            return []
        return [fitted, pieces[1]]

    def draw(self) -> None:
        self.wrap(self.width, self.height)  # at its own picture height, which a copy sharing it may have reset
        beside, under = self._laid
        beside.drawOn(self.canv, 0, self.height - beside.height)
        if under is not None:
            under.drawOn(self.canv, 0, self.height - self._top(beside.height) - under.height)
        self.picture.drawOn(self.canv, self.width - self.picture.width, self.height - self.picture.height)


class PictureFlowable(Flowable):
    """A picture at a given width (and at most a given height), keeping its proportions."""

    def __init__(
        self,
        picture: images.Picture,
        width: float,
        max_height: float,
        greyscale: bool = False,
        indent: float = 0,
        fonts: Fonts | None = None,
        floor: float = 0,
    ) -> None:
        super().__init__()
        self.picture, self.greyscale, self.indent, self.fonts, self.floor = picture, greyscale, indent, fonts, floor
        self.picture_width, self.height = picture.fit(width, max_height)
        self.full_width, self.full_height = self.picture_width, self.height
        self.width = indent + self.picture_width

    def scale(self, share: float) -> None:
        """Draw it at `share` of its height (and width), or at its own size for 1."""
        self.picture_width, self.height = self.full_width * share, self.full_height * share
        self.width = self.indent + self.picture_width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        return self.width, self.height

    def draw(self) -> None:
        images.draw(
            self.canv,
            self.picture,
            self.indent,
            0,
            self.picture_width,
            self.height,
            greyscale=self.greyscale,
            fonts=self.fonts,
            floor=self.floor,
        )


def beside(
    text: Flowable | list[Flowable],
    picture: Flowable,
    text_width: float,
    picture_width: float,
    font: str,
    picture_drop: float = 0,
) -> Table:
    """Text on the left, a picture on the right, both from the top (the picture lowered by `picture_drop`)."""
    table = Table([[text, picture]], colWidths=[text_width, picture_width])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (1, 0), (1, 0), picture_drop),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("FONTNAME", (0, 0), (-1, -1), font),  # else reportlab references Helvetica
            ]
        )
    )
    return table


@dataclass(frozen=True)
class Band:
    """The brand band both documents open with: a rounded bar in the brand colour, the logo at its left and
    lines of text after it, each centred vertically. Measured and drawn by the same numbers."""

    theme: Theme
    logo: images.Picture | None
    logo_box: tuple[float, float]  # the logo's largest width and height
    padding: float  # from the band's edges to the logo and the text
    lines: Sequence[Paragraph]

    def text_x(self, x: float, logo_width: float) -> float:
        """Where the text starts in a band at `x`, after a logo drawn `logo_width` wide."""
        return x + self.padding + (logo_width + self.padding if self.logo else 0)

    def text_height(self, width: float) -> float:
        return sum(p.wrap(width, 1e6)[1] for p in self.lines)

    def text_width(self, x: float, width: float, text_x: float) -> float:
        """The width of the text from `text_x` to the padding at the right of a band at `x`, `width` wide."""
        return x + width - self.padding - text_x

    def draw(
        self, canvas: Canvas, x: float, top: float, width: float, height: float, text_x: float, logo: Node | None = None
    ) -> None:
        """The band from (x, top) down, `width` wide and `height` tall, its text from `text_x` (its lines draw as
        the structure they were tagged with); the logo drawn as `logo` (a Figure), the ground as an artifact."""
        text_width = self.text_width(x, width, text_x)
        with artifact(canvas):
            canvas.setFillColor(HexColor(self.theme.primary))
            canvas.roundRect(x, top - height, width, height, 6, stroke=0, fill=1)
        if self.logo:
            w, h = self.logo.fit(*self.logo_box)
            left = x + self.padding
            ground = self.logo.plate(self.theme.primary, self.theme.palette.own)  # a logo in the band's colours
            if ground is not None:
                plate = self.padding / 3
                with artifact(canvas):
                    canvas.setFillColor(HexColor(ground))
                    canvas.roundRect(
                        left - plate, top - height / 2 - h / 2 - plate, w + 2 * plate, h + 2 * plate, plate, stroke=0, fill=1
                    )
            bottom = top - height / 2 - h / 2
            if logo is not None:
                logo.bbox = canvas._absRect((left, bottom, left + w, bottom + h), relative=1)
            with element(canvas, logo) if logo is not None else artifact(canvas):
                images.draw(
                    canvas,
                    self.logo,
                    left,
                    bottom,
                    *self.logo_box,
                    flatten=False,
                    greyscale=self.theme.greyscale,
                    fonts=self.theme.fonts,
                    floor=math.inf,  # its lettering as outlines: the band prints the name as text, the alt says it
                )
        heights = [p.wrap(text_width, height)[1] for p in self.lines]
        y = top - height / 2 + sum(heights) / 2
        for line, h in zip(self.lines, heights, strict=True):
            line.drawOn(canvas, text_x, y - h)
            y -= h


LOGO_SHARES = (0.4, 0.3, 0.2)  # the widest a logo may be, as a share of the band; narrower to spare the text a line
LOGO_LEAST = 0.4  # but a wide logo narrows only while it stays this share of the band's logo height tall


def fitted_band(
    theme: Theme,
    logo: images.Picture | None,
    lines: Sequence[Paragraph],
    width: float,
    logo_height: float,
    padding: float,
    left: float,
    height_of: Callable[[float], float],
    least: float = LOGO_LEAST,
) -> tuple[Band, float, float]:
    """The band from `left`, `width` wide, its text's x and its height (`height_of` the text's height): the
    logo keeps its proportions, a tall one fitting `logo_height` and a wide one taking up to 40% of the band,
    or 30% or 20% when that spares its text a line and leaves the logo at least `least` of `logo_height` tall
    (a long name beside an 8:1 logo drawn a fifth of the band wide left a sliver 5 mm tall: no logo at all to
    a patient). The shortest band wins, then the widest logo."""
    best: tuple[Band, float, float] | None = None
    for share in LOGO_SHARES if logo else LOGO_SHARES[:1]:
        band = Band(theme, logo, (width * share, logo_height), padding, lines)
        logo_width, drawn_height = logo.fit(*band.logo_box) if logo else (0.0, 0.0)
        if best is not None and drawn_height < least * logo_height:
            break  # narrower shares draw it smaller still
        text_x = band.text_x(left, logo_width)
        height = height_of(band.text_height(band.text_width(left, width, text_x)))
        if best is None or height < best[2] - 0.01:
            best = (band, text_x, height)
    assert best is not None
    return best


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    language: str
    date: datetime.date | None = None  # the PDF's creation date: when the leaflet was published

    def stamp(self, canvas: Canvas) -> None:
        """Date the PDF `date` (reportlab's invariant mode dates it 2000-01-01 to keep output repeatable)."""
        if self.date:
            stamp = f"D:{self.date:%Y%m%d}000000+00'00'"
            canvas.setDateFormatter(lambda *_: stamp)

    def settings(self, font: str, size: float) -> dict[str, Any]:
        """BaseDocTemplate settings: metadata, /Lang, and the embedded brand font as the canvas's first font
        (reportlab's default, Helvetica, would otherwise be referenced without being embedded)."""
        return {
            "title": self.title,
            "author": self.author,
            "subject": self.subject,
            "lang": self.language,
            "creator": "handouts",
            "displayDocTitle": 1,
            "initialFontName": font,
            "initialFontSize": size,
        }


class InvariantCanvas(Canvas):
    """A canvas that writes the same bytes for the same input (a fixed creation date and ids)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["invariant"] = 1
        super().__init__(*args, **kwargs)
