"""The poster's steps at any size and column width, for every layout the fit search tries.

A step's height depends only on the step size and the column width, not on the orientation or where the
aside goes, so each (size, width) is measured once, however many layouts ask for it: that is one
*arrangement*, and `measured` counts them. Before anything is measured, `least` gives a bound from the text's
own widths (at 1 pt, scaled): no step can take fewer lines than its words need, each line holding at most the
column's width, so a layout the bound does not fit is proven not to fit without wrapping a paragraph.

A word is never broken without a hyphen: a size at which the widest unbreakable piece of a cue (a word, or
words tied by no-break spaces, such as a count's "hold\u00a030\u00a0s") is wider than its line does not fit.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import weakref
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import _getFragWords  # the words platypus breaks lines between

from handouts.layout import nodes as n
from handouts.media import images
from handouts.pdf.flowables import CachedParagraph, PictureFlowable, Unbreakable, beside, paragraph, unfloored
from handouts.pdf.paragraphs import Markup
from handouts.pdf.poster import fit
from handouts.pdf.poster.geometry import Page, thumbnail_side
from handouts.pdf.poster.styles import Styles, poster_styles
from handouts.pdf.theme import Theme
from handouts.words.ties import NBSP, numbers_tied, phrases_tied, tie

# Where a long word may break (as flowables.CachedParagraph breaks it): after / . ? = or -, inside a run of
# SHORTEST_RUN or more characters without white space.
SHORTEST_RUN = 12
LONG_RUN = re.compile(rf"[^\s<>]{{{SHORTEST_RUN},}}")
URL_BREAK = re.compile(r"(?<=[/.?=\-])(?=[^\s/.?=\-])")
TOLERANCE = 1e-6  # points: widths computed by scaling may differ from reportlab's in their last bits


# Per paragraph, by the identity of its frags: those frags (kept, so that the identity is theirs) and the width.
_UNBROKEN: weakref.WeakKeyDictionary[Paragraph, dict[int, tuple[list[Any], float]]] = weakref.WeakKeyDictionary()


def unbroken_width(para: Paragraph) -> float:
    """The widest piece of `para` that no line break may divide: a word (words joined by no-break spaces are
    one), or the widest part of a long web address between the places it may break. Read from reportlab's own
    words of the paragraph (its frags, parsed or already wrapped), as its line breaking reads them. Kept with
    the paragraph for each frags it had (wrapping a paragraph of several fragments gives it a list of its words
    for each width, which a wrap recalled puts back): every layout the poster's search tries asks again of the
    same aside and help paragraphs, wrapped at one width or another. A CachedParagraph is read as parsed: a
    wrap at a narrower width may have broken its long words into pieces."""
    frags = _unwrapped(para)
    known = _UNBROKEN.setdefault(para, {})
    found = known.get(id(frags))
    if found is None or found[0] is not frags:
        found = known[id(frags)] = (frags, _unbroken_width(frags))
    return found[1]


def _unbroken_width(frags: list[Any]) -> float:
    return max((_widest_piece(_parts(word)) for word in _getFragWords(frags)), default=0.0)


def unbroken_word(para: Paragraph) -> str:
    """The text of the word of `para` whose piece `unbroken_width` measures (for an error to say where it is
    from); "" when it has none."""
    words = _getFragWords(_unwrapped(para))
    widest = max(words, key=lambda word: _widest_piece(_parts(word)), default=None)
    return "".join(text for _, text in widest[1:]) if widest else ""


def _unwrapped(para: Paragraph) -> list[Any]:
    return para.parsed if isinstance(para, CachedParagraph) else para.frags


def _parts(word: list[Any]) -> list[tuple[str, str, float]]:
    """One of reportlab's words of a paragraph as its pieces of text, each with its face and size."""
    return [(text, frag.fontName, frag.fontSize) for frag, text in word[1:] if text and hasattr(frag, "fontName")]


def _widest_piece(parts: list[tuple[str, str, float]]) -> float:
    """The widest piece of one word (`parts` in their faces) between the places a web address may break."""
    widest = current = 0.0
    for text, face, size in parts:
        if len(text) < SHORTEST_RUN:  # no place to break in it: most pieces of text are shorter than a long run
            current += stringWidth(text, face, size)
            continue
        cuts = {0, len(text)}
        for run in LONG_RUN.finditer(text):
            cuts.update(m.start() for m in URL_BREAK.finditer(text, run.start(), run.end()) if m.start() > run.start())
        for index, (start, end) in enumerate(itertools.pairwise(sorted(cuts))):
            if index:
                widest, current = max(widest, current), 0.0
            current += stringWidth(text[start:end], face, size)
    return max(widest, current)


@dataclass(frozen=True)
class Metrics:
    """A step's cue with its count, at 1 pt: what a bound needs, without wrapping."""

    lines: tuple[float, ...]  # each forced line (<br/>) laid on one line, wide
    space: float  # the widest space it may break at
    widest: tuple[float, ...]  # its widest unbreakable piece, in each of the ways of tying its count read
    picture: float = 0.0  # the height of its picture in a square box of side 1 (keeping its proportions)


def metrics(variants: list[Paragraph]) -> Metrics:
    """The widths of a paragraph's words at 1 pt, in each of its `variants` (the same words, tied in other
    ways); read from paragraphs at any one size (widths grow in proportion to it, or faster: a superscript, read
    as reportlab sets it, not raised to the floor), so that scaled to a larger size they are a lower bound."""
    variants = [unfloored(variant) for variant in variants]
    first = variants[0]
    size = first.style.fontSize
    widest = tuple(unbroken_width(variant) / size for variant in variants)  # before wrapping, which splits words
    first.wrap(1e9, 1e9)
    indent = first.style.leftIndent
    lines = tuple(max(0.0, width - indent) / size for width in first.getActualLineWidths0())
    faces = {frag.fontName for word in _getFragWords(first.frags) for frag, _ in word[1:] if hasattr(frag, "fontName")}
    space = max(stringWidth(" ", face, 1.0) for face in faces or {first.style.fontName})
    return Metrics(lines, space, widest)


class Steps:
    """The steps of one poster (its steps, theme and paper) at any size and column width: their flowables and
    heights, measured once for every layout that asks, and a bound that measures nothing."""

    def __init__(
        self,
        steps: tuple[n.PosterStep, ...],
        theme: Theme,
        page: Page,
        markup: Markup,
        paragraphs: Paragraphs,
        folder: Path,
        where: str,
    ) -> None:
        """`page`: any page of this paper and slimness (only its scale and `slim` count); `folder`: where step
        pictures are found."""
        self.steps, self.theme, self.page, self.markup, self.para = steps, theme, page, markup, paragraphs
        self.folder, self.where = folder, where
        self.numbers = tuple(step.number for step in steps)
        self._styles: dict[tuple[int, bool], Styles] = {}
        self._heights: dict[tuple[int, float], list[float | None]] = {}
        self._blocks: dict[tuple[int, float], list[Unbreakable] | None] = {}
        self.measured: set[tuple[int, float]] = set()  # (half points, column width) wrapped: the arrangements
        # The parts of a poster no layout changes (its band, sources line, help and safety strips), as made by the
        # first poster to ask, with what they were made of (see Poster._kept)
        self.kept: dict[tuple[object, ...], tuple[tuple[object, ...], Any]] = {}
        colour = HexColor(theme.primary_text)  # the count's; rgb(): the form reportlab's parser reads first
        self.repeat_colour = f"rgb({round(colour.red * 255)},{round(colour.green * 255)},{round(colour.blue * 255)})"
        reference = round(theme.profile.poster_floor * 2)
        self._least: dict[tuple[object, str], Metrics] = {}
        self._markups = [self._variant_markups(step) for step in steps]
        self._reference = reference
        self._between: dict[tuple[int, int], float] = {}  # see _bound
        self.metrics = [self._metrics(index, reference) for index in range(len(steps))]

    @functools.cached_property
    def floor_styles(self) -> Styles:
        """The styles of a poster's parts that do not follow the step size (its band, aside and small print, at
        the profile's floor), made once for every layout of this paper and slimness."""
        return poster_styles(self.theme, self.theme.profile.poster_floor, scale=self.page.scale, slim=self.page.slim)

    def widest_word(self) -> int:
        """The index of the step whose widest unbreakable piece (its cue's, or its count's) is widest, however
        its count is tied: the first to shorten when a word is wider than a column."""

        def widest(index: int) -> float:
            return min(self._bound(index, way) for way in range(len(self._markups[index])))

        return max(range(len(self.steps)), key=lambda index: (widest(index), -index))

    # -- at one size ---------------------------------------------------------------------------------

    def styles(self, half_points: int, slim: bool = False) -> Styles:
        """The poster's styles at this step size (`slim`: for a slim band and small print; the steps' are the same)."""
        if (half_points, slim) not in self._styles:
            made = poster_styles(self.theme, half_points / 2, self.numbers, self.page.scale, slim)
            self._styles[half_points, slim] = made
        return self._styles[half_points, slim]

    def space_after(self, half_points: int) -> float:
        return self.page.step_space(half_points / 2)

    def _variant_markups(self, step: n.PosterStep) -> list[str]:
        """The markup of the cue with its count after it, in the brand colour and the regular weight: the count
        moving as one ("5 times each way"), then wrapping between its phrases, each one whole ("hold 20 s"), then
        between its words, a number never leaving its unit. The dash between them stays at the end of the cue's
        line, never opening the count's line (a dash there would read as a bullet). A cue without a count keeps
        its last two words together where they fit on a line, so that its last word never stands alone ("Knees
        bent, / feet flat", not "Knees bent, feet / flat"): that never costs a line. The last variant ties the
        least (`least` bounds with it). Made once: each size's variants are paragraphs of these."""
        if not step.repeat:
            return [self.markup(cue) for cue in (n.last_words_together(step.cue), step.cue)]
        colour = self.repeat_colour
        dash = self.markup.text(NBSP + "\u2013 ")
        made = []
        for ties in (tie, phrases_tied, numbers_tied):
            count = f'<font name="{self.theme.fonts.regular}" color="{colour}">{dash}{self.markup(step.repeat, ties)}</font>'
            made.append(self.markup(step.cue) + count)
        return made

    def _variant(self, index: int, markup: str, style: ParagraphStyle) -> Paragraph:
        """One way of tying step `index`'s cue (a markup of `_variant_markups`) as a paragraph in `style`."""
        number = self.steps[index].number
        return self.para(markup, self.markup.bulleted(style, number), bulletText=number)

    def _metrics(self, index: int, half_points: int) -> Metrics:
        """Step `index`'s metrics at 1 pt: its lines and its widest pieces tied the first way and the last (see
        _bound for the ways between). Read once for every Steps of the poster's profile (see Paragraphs.metrics):
        they depend on neither the paper nor a slim band, and a large-print poster that tried a slim band read
        every cue's again."""
        step, ways = self.steps[index], self._markups[index]
        key = (ways[0], ways[-1], step.number, self.numbers, step.picture, half_points)
        if key not in self.para.metrics:
            style = self.styles(half_points)["cue"]
            found = metrics([self._variant(index, ways[0], style), self._variant(index, ways[-1], style)])
            if step.picture:
                found = replace(found, picture=self._picture(step.picture).fit(1.0, 1.0)[1])
            self.para.metrics[key] = found
        return self.para.metrics[key]

    def _picture(self, node: n.Picture) -> images.Picture:
        return images.for_layout(self.folder, node.src, self.where, self.theme.language)

    def _bound(self, index: int, way: int) -> float:
        """The widest unbreakable piece of step `index`'s cue tied the `way`th way, at 1 pt (see metrics): the
        first way's and the last's are read with the step (a cue fits tied the first way, or the bound rules out
        every size the last way does not fit); a way between them only when the search comes to it (parsing a
        cue a third time for every step cost more than the rest of its bound), as read from the same size."""
        ways, widest = self._markups[index], self.metrics[index].widest
        if way in (0, len(ways) - 1):
            return widest[0] if way == 0 else widest[-1]
        if (index, way) not in self._between:
            variant = unfloored(self._variant(index, ways[way], self.styles(self._reference)["cue"]))
            self._between[index, way] = unbroken_width(variant) / variant.style.fontSize
        return self._between[index, way]

    def least_height(self, para: Paragraph, width: float, style: ParagraphStyle | None = None) -> float | None:
        """No wrap of `para` at `width` in `style` (by default its own; another size of it) is shorter than
        this: a bound from its words' widths, measured once, so nothing is wrapped. None when a word of it is
        wider than `width`."""
        key = (para.text, para.style.name)
        if key not in self._least:
            self._least[key] = metrics([para])
        found, style = self._least[key], style or para.style
        size = style.fontSize
        if found.widest[0] * size > width + TOLERANCE:
            return None
        lines = sum(fit.lines_at_least(line * size, width, found.space * size) for line in found.lines)
        return lines * style.leading * (1 - TOLERANCE)

    def room(self, index: int, half_points: int, width: float) -> float:
        """The width a step's cue has in a column `width` wide: less its picture and its number's indent."""
        size = half_points / 2
        indent = self.styles(half_points)["cue"].leftIndent
        return self.page.cue_width(width, size, bool(self.steps[index].picture), indent)

    def _cue(self, index: int, half_points: int, width: float) -> Paragraph | None:
        """The cue tied the first way that keeps every piece within the line; None if none does. The widths scaled
        from the metrics only rule a way out: they are a lower bound, not the width at this size (a superscript
        citation tied to its word is set 2 pt smaller than its line at any size, so it grows faster than the
        line). Each way they leave in is measured as set at this size, and only those tried are set (most cues
        fit tied the first way: its other ways were made at every size the search measured, to go unused)."""
        room = self.room(index, half_points, width) + TOLERANCE
        size = half_points / 2
        style = self.styles(half_points)["cue"]
        for way, markup in enumerate(self._markups[index]):
            if self._bound(index, way) * size <= room:
                variant = self._variant(index, markup, style)
                if unbroken_width(variant) <= room:
                    return variant
        return None

    # -- bounds: no wrapping -------------------------------------------------------------------------

    def least(self, half_points: int, width: float) -> list[float] | None:
        """No step is shorter than this in a column `width` wide (space after included); None when a cue's
        word is wider than its line however its count is tied (no layout of this width fits)."""
        size = half_points / 2
        style = self.styles(half_points)["cue"]
        text_room = width - style.leftIndent
        side = thumbnail_side(size)
        beside_picture = text_room - side - self.page.thumbnail_gap()
        after = self.space_after(half_points)
        heights = []
        for step, metrics in zip(self.steps, self.metrics, strict=True):
            room = beside_picture if step.picture else text_room
            if metrics.widest[-1] * size > room + TOLERANCE:
                return None
            lines = sum(fit.lines_at_least(line * size, room, metrics.space * size) for line in metrics.lines)
            text = lines * style.leading
            picture = side * metrics.picture  # as tall as the picture in its square, keeping its proportions
            heights.append((max(text, picture) if step.picture else text) * (1 - TOLERANCE) + after)
        return heights

    # -- measuring -----------------------------------------------------------------------------------

    def blocks(self, half_points: int, width: float) -> list[Unbreakable] | None:
        """The steps' flowables in a column `width` wide; None when a cue's word would be broken."""
        key = (half_points, round(width, 6))
        if key not in self._blocks:
            self._blocks[key] = self._make(half_points, width)
        return self._blocks[key]

    def _make(self, half_points: int, width: float) -> list[Unbreakable] | None:
        size = half_points / 2
        made = []
        for index, step in enumerate(self.steps):
            cue = self._cue(index, half_points, width)
            if cue is None:
                return None
            text: Flowable = self._thumbnail(cue, step.picture, size, width) if step.picture else cue
            block = Unbreakable([text], f"step {step.number}", space_after=self.space_after(half_points))
            block.source = step.source  # type: ignore[attr-defined]
            made.append(block)
        return made

    def _thumbnail(self, text: Flowable, picture_node: n.Picture, size: float, width: float) -> Flowable:
        """The cue with the step's picture beside it, about three lines of cue tall."""
        side = thumbnail_side(size)
        floor = self.theme.profile.poster_small  # a drawing's text under it is drawn as outlines
        picture = self._picture(picture_node)
        thumb = PictureFlowable(picture, side, side, self.theme.greyscale, fonts=self.theme.fonts, floor=floor)
        gap = self.page.thumbnail_gap()
        return beside(text, thumb, max(1.0, width - side - gap), side + gap, self.theme.fonts.regular)

    def heights(self, half_points: int, width: float, budget: float = math.inf) -> list[float] | None:
        """Each step's height in a column `width` wide, space after included, measured in order until they
        need more than `budget` (the rest are then infinite); None when a cue's word would be broken."""
        blocks = self.blocks(half_points, width)
        if blocks is None:
            return None
        key = (half_points, round(width, 6))
        known = self._heights.setdefault(key, [None] * len(blocks))
        out: list[float] = []
        used = 0.0
        for index, block in enumerate(blocks):
            if used > budget:
                out.append(math.inf)
                continue
            if known[index] is None:
                self.measured.add(key)
                known[index] = block.wrap(width, 1e9)[1] + block.getSpaceAfter()
            height = known[index]
            assert height is not None
            out.append(height)
            used += height
        return out


class Paragraphs:
    """Paragraphs parsed once for every layout tried (platypus wraps a paragraph again at each width it is
    given, and before it is drawn); one at another size is the first one resized, not parsed again."""

    def __init__(self) -> None:
        self._made: dict[tuple[Any, ...], Paragraph] = {}
        self.metrics: dict[tuple[Any, ...], Metrics] = {}  # each step's cue's, by its ways of tying (see Steps._metrics)

    def __call__(self, markup: str, style: ParagraphStyle, **kwargs: Any) -> Paragraph:
        number = str(kwargs.get("bulletText", ""))
        key = (markup, style.name, style.fontSize, number)
        if key not in self._made:
            first = self._made.get((markup, style.name, number))  # parsed at another size
            made = first.resized(style) if first is not None else paragraph(markup, style, **kwargs)  # type: ignore[attr-defined]
            self._made[key] = made
            self._made.setdefault((markup, style.name, number), made)
        return self._made[key]
