"""The one-page fridge poster: its flowables at a step size, the fit search over sizes, and the PDF.

The step size is the largest between the profile's floor and ceiling at which everything fits (see
:mod:`handouts.pdf.poster.fit`), measured with platypus `wrap` and the numbers of
:mod:`handouts.pdf.poster.geometry`, which the drawing uses too. Nothing is ever scaled down as a picture.
"""

from __future__ import annotations

import functools
import io
import itertools
import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, FrameBreak, PageTemplate, Paragraph, Table

from handouts.errors import LayoutError
from handouts.layout import nodes as n
from handouts.media import images
from handouts.pdf.flowables import LOGO_LEAST, Band, InvariantCanvas, Metadata, Unbreakable, fitted_band, reportlab_settings
from handouts.pdf.poster import fit, geometry
from handouts.pdf.poster.geometry import BETWEEN_REGIONS, BETWEEN_STEPS, SPREAD_MOST
from handouts.pdf.poster.steps import TOLERANCE, Steps, unbroken_width, unbroken_word
from handouts.pdf.poster.widgets import Tracker
from handouts.pdf.qr import QrFlowable, qr_figure
from handouts.pdf.structure import canvasmaker
from handouts.pdf.tagged import layout_table, tag
from handouts.pdf.tagging import Node, Tagger, artifact, inline
from handouts.pdf.theme import Theme
from handouts.words.wording import SEPARATOR

T = TypeVar("T")


class PosterFitError(LayoutError):
    """Raised when the routine cannot fit on one page even at the profile's floor size; `key` is the part of
    the content to shorten."""

    def __init__(self, message: str, key: tuple[str | int, ...] = ("routine", "steps"), file: str = "content") -> None:
        super().__init__(message, key, file)


class TooLongError(PosterFitError):
    """The routine is too long for this poster's page at the profile's floor: its steps (StepsTooLongError) or
    its title and clinic name (BandTooTallError). Large print's stands for a smaller standard poster (see
    render._large_print); a word wider than any room for it is not this (shortening the routine is no help)."""


class StepsTooLongError(TooLongError):
    """The steps fit no layout of the page even at the profile's floor, whatever is given up."""


class BandTooTallError(TooLongError):
    """The band (the routine title and the clinic name) would take more than a third of the page."""


@dataclass
class Arrangement:
    """The poster at one step size in one layout: the flowables and the room they have."""

    size: float
    styles: Mapping[str, ParagraphStyle]
    safety: Paragraph | None
    safety_height: float
    steps: list[Unbreakable]
    heights: list[float]  # each step's, space after included
    area_height: float
    column_width: float
    columns: int
    space_after: float  # under each step (the page's step space at this size), before any spread


@dataclass(frozen=True)
class Strip:
    """A strip across the page that the routine's own text fills (the safety points, the warning signs), as the
    poster draws it at one step size."""

    part: str  # "safety" or "help"
    height: float  # the strip and the gap under it
    lines: int
    leading: float  # each line's height
    least: int  # the fewest lines it can take: one a row (the strip of when to get help has a row for each action)

    def cut(self, room: float) -> int:
        """The fewest lines fewer that give more than `room` (exactly `room` could be lost to rounding)."""
        return math.floor(room / self.leading) + 1


@dataclass(frozen=True)
class Shortfall:
    """The layout that comes closest to holding the steps at the floor, measured as it is drawn: how tall their
    tallest column is, how much more room they need, and the strips the routine's text fills."""

    page_height: float
    steps: float  # the tallest column, as drawn
    lacking: float
    strips: tuple[Strip, ...]

    @property
    def strips_first(self) -> bool:
        """Whether the strips take more of the page than the steps: then they are what to shorten first."""
        return sum(strip.height for strip in self.strips) > self.steps

    def cuts(self) -> tuple[list[tuple[Strip, int]], bool]:
        """The lines to cut from each strip, the tallest first, none below its fewest, to give the steps the room
        they lack; and whether that is enough."""
        lacking, cuts = self.lacking, []
        for strip in sorted(self.strips, key=lambda strip: -strip.height):
            lines = min(strip.cut(lacking), strip.lines - strip.least) if lacking > 0 else 0
            if lines > 0:
                cuts.append((strip, lines))
                lacking -= lines * strip.leading
        return cuts, lacking < 0

    @property
    def share(self) -> tuple[bool, float, float]:
        """How much of the strips' text the cuts ask to go (their lines cut, of all their lines), for the layout
        to count them in: one where the cuts are enough first, the least share, then the least room lacking."""
        cuts, enough = self.cuts()
        lines = sum(strip.lines for strip in self.strips)
        cut = sum(fewer for _, fewer in cuts) / lines if enough and lines else math.inf
        return not enough, cut, self.lacking


@dataclass(frozen=True)
class Stack:
    """The tops of the regions under the band, as drawn."""

    safety: float
    steps: float
    strip: float  # the aside's strip under the steps (when it is not a panel beside them)
    band: float  # the band's height, as drawn
    safety_box: float  # the safety strip's height, as drawn (its tint)
    help: float  # the top of the strip of when to get help
    help_box: float  # its height, as drawn


class Poster:
    """One page of `pagesize` with the aside beside or below the steps: its fixed parts (band, aside, sources)
    placed once; the steps measured by `steps`, which every layout of the same poster shares. `possible` bounds
    and `measure` measures a column count at a size for the fit search; `pdf()` draws."""

    def __init__(
        self,
        blocks: n.Poster,
        theme: Theme,
        pagesize: tuple[float, float],
        days: list[str],
        logo: images.Picture | None,
        steps: Steps,
        beside_steps: bool | None = None,
        week_labels: list[str] | None = None,
        slim: bool = False,
        lead_in: tuple[str, str] = ("", ":"),
        logo_least: float = LOGO_LEAST,
    ) -> None:
        """`beside_steps`: the aside as a panel beside the steps (True) or a strip below them (False); by
        default beside on landscape paper when it holds a QR code or a tracker. `slim`: a slim band and small
        print (large print's last resort; see poster_styles). `lead_in`: what goes before and after a label
        that opens a line, in the routine's language (see lead_in). `logo_least`: the share of the band's logo
        room a wide logo stays tall (see fitted_band; 0 lets it narrow as far as spares the band a line)."""
        self.blocks, self.theme, self.days, self.logo, self.steps = blocks, theme, days, logo, steps
        self._para = steps.para
        self.markup = steps.markup
        self.week_labels = week_labels
        self.lead_in = lead_in
        self.page = page = geometry.Page(*pagesize, theme.profile.poster_margin * mm, slim)
        self.width, self.height = pagesize
        self.base = steps.floor_styles  # the same for every layout of this paper (steps are per paper and slimness)
        self.aside = self._aside_parts(self.base)
        if beside_steps is None:
            beside_steps = page.landscape and any(self._fixed_width(group) for group in self.aside)
        self.sidebar = beside_steps and bool(self.aside)
        self._widths: list[float] | None = None  # see group_widths
        if not self.sidebar:
            self._widths = self._group_widths()
            if not self._fits_across(self._widths):
                self.aside, self._widths = contact_under_tracker(self.aside), None
        # Paragraphs take any width they are given; the QR code and the tracker set the panel's.
        self.aside_width = max([*(self._fixed_width(group) for group in self.aside), page.sidebar_min]) if self.aside else 0.0
        band_parts = self._band_parts(self.base)
        # a wide logo shrinks to a sliver only where the band is too tall otherwise (or the steps do not fit: see search)
        for least in dict.fromkeys((logo_least, 0.0)):
            self.band, self.band_text_x, self.band_height = self._fitted_band(band_parts, least)
            if self.band_height <= self.height / 3:
                break
        if self.band_height > self.height / 3:  # said for its poster: both posters' may be too tall, at one key
            poster = theme.profile.called("poster")
            raise BandTooTallError(
                f"the {poster}'s band (the routine title and the clinic name) would take {self.band_height / self.height:.0%} "
                "of the page: shorten the title or the clinic name",
                ("title",),
            )
        self.sources = self._kept("sources", (blocks.sources, blocks.currency), (), self._sources_paragraph)
        sources_text = self.sources.wrap(self.page.inner_width, self.height)[1] if self.sources else 0
        helps = (blocks.help, blocks.help_brief, blocks.help_more, blocks.help_title, blocks.scale, blocks.title)
        self.help, self.help_rows = self._kept("help", helps, lead_in, lambda: self._help_paragraph(self.base))
        help_text = self.help.wrap(page.safety_text_width, self.height)[1] if self.help else 0.0
        self.help_height = page.safety_height(help_text) if self.help else 0.0  # the strip and the gap above the sources
        # The foot of the page: the sources line, and over it the strip of when to get help.
        self.sources_height = page.sources_height(sources_text) + self.help_height
        self._safety: dict[int, tuple[Paragraph | None, float]] = {}
        self._safety_markup = self._kept(
            "safety", (blocks.safety, blocks.safety_title, blocks.title), lead_in, self._safety_strip
        )
        self._holds_words: bool | None = None

    def _kept(self, kind: str, parts: tuple[object, ...], values: Hashable, make: Callable[[], T]) -> T:
        """What `make` makes of `parts` of the blocks (and `values`), made once for every poster of this paper
        and slimness (kept with the steps: see Steps.kept): each fallback the search tries keeps the very parts
        it does not give up, and each layout of each made them again. Parts are known by their identity, and
        kept with what was made of them, so that no other object takes that identity while it is known."""
        key = (kind, *map(id, parts), values)
        found = self.steps.kept.get(key)
        if found is None or any(old is not new for old, new in zip(found[0], parts, strict=True)):
            found = self.steps.kept[key] = (parts, make())
        return found[1]  # type: ignore[no-any-return]

    def _sources_paragraph(self) -> Paragraph | None:
        """The sources line: the sources, then the leaflet's version and dates, in small print."""
        parts = (self.blocks.sources, self.blocks.currency)
        small_print = self.markup.text(SEPARATOR).join(self.markup(part) for part in parts if part)
        return self._para(small_print, self.base["sources"]) if small_print else None

    def _safety_strip(self) -> str:
        """The safety strip's markup: one paragraph, read as the box's heading and its points ("" without points)."""
        blocks = self.blocks
        if not blocks.safety:
            return ""
        heading = self._strip_heading()
        title = inline(heading, self._led(self.markup(blocks.safety_title))) + "   " if blocks.safety_title else ""
        points = self.markup.text("   \u2022   ").join(self.markup(point) for point in blocks.safety)
        return title + inline("P", points)

    def _fitted_band(self, parts: list[Paragraph], least: float) -> tuple[Band, float, float]:
        """The band of `parts` across the page, a wide logo kept at least `least` of its room tall (see fitted_band):
        fitted once for every poster of this page and slimness (see _kept), where each
        layout of each fallback tried fitted it again, though none of them changes the band."""
        page = self.page
        return self._kept(
            "band",
            (*parts, self.logo),
            (self.width, self.height, least),
            lambda: fitted_band(
                self.theme,
                self.logo,
                parts,
                page.inner_width,
                page.logo_height,
                page.band_padding,
                page.margin,
                lambda text_height: page.band_height(text_height, bool(self.logo)),
                least,
            ),
        )

    def band_lowered(self) -> bool:
        """Whether a wide logo free to narrow as far as spares the band a line, however short that draws it
        (`logo_least` 0), would make this poster's band lower: only the band is laid out again, in paragraphs of
        its own, not the poster."""
        return self.logo is not None and self._fitted_band(self._band_parts(self.base), 0.0)[2] < self.band_height

    def _led(self, label: str) -> str:
        """`label` (markup) in bold as it opens a line, with its colon as the routine's language sets it."""
        before, after = self.lead_in
        return f"<b>{self.markup.text(before)}{label}{self.markup.text(after)}</b>"

    def __repr__(self) -> str:
        where = "beside" if self.sidebar else "below"
        return f"Poster({self.width:.0f}x{self.height:.0f}, {where}{', slim' if self.page.slim else ''})"

    # -- parts that do not depend on the step size --------------------------------------------

    def _aside_parts(self, styles: Mapping[str, ParagraphStyle]) -> list[list[Flowable]]:
        """Groups of flowables kept together: QR code and caption, tracker, contact."""
        groups: list[list[Flowable]] = []
        blocks = self.blocks
        if blocks.qr and blocks.qr.url:
            group: list[Flowable] = [QrFlowable(blocks.qr.url, self.page.qr_side(styles["caption"].fontSize))]
            if blocks.qr.caption:
                group.append(self._para(self.markup(blocks.qr.caption), styles["caption"]))
            groups.append(group)
        if blocks.tracker and blocks.tracker.weeks > 0:
            heading = self._para(self.markup(blocks.tracker.title), styles["tracker"]) if blocks.tracker.title else None
            tracker = Tracker(
                self.days,
                blocks.tracker.weeks,
                styles["tracker"],
                heading,
                self.week_labels,
                self.page.scale,
                blocks.tracker.per_day,
                self.theme.fonts,
                sessions=[n.plain(session) for session in blocks.tracker.sessions],
                pain=n.plain(blocks.tracker.pain) if blocks.tracker.pain else None,
            )
            groups.append([tracker])
        contact = [self._para(self.markup(part), styles["contact"]) for part in (blocks.appointment, blocks.contact) if part]
        if contact:
            groups.append(contact)
        return groups

    @staticmethod
    def _fixed_width(group: list[Flowable]) -> float:
        """The width a group needs: that of its QR code or tracker (paragraphs take what they get)."""
        return max((part.width for part in group if isinstance(part, Tracker | QrFlowable)), default=0.0)

    def group_widths(self) -> list[float]:
        """Each aside group's width (see _group_widths), worked out once per poster: the search asks whether the
        aside fits across the page, holds its words and how tall it is, and each asked for them again."""
        if self._widths is None:
            self._widths = self._group_widths()
        return self._widths

    def _group_widths(self) -> list[float]:
        """Each aside group's width: the sidebar's (landscape) or a share of the bottom strip (portrait)."""
        if self.sidebar:
            return [self.aside_width] * len(self.aside)
        least = [max((unbroken_width(p) for p in group if isinstance(p, Paragraph)), default=0.0) for group in self.aside]
        return self.page.strip_widths([self._fixed_width(group) for group in self.aside], least)

    def aside_holds_its_words(self) -> bool:
        """Whether every word of the aside (a long web address, say) fits the width its group gets, and the
        groups fit side by side in a strip: a word is never split and nothing runs past the margin."""
        if self._holds_words is None:
            widths = self.group_widths()
            self._holds_words = (
                self._fits_across(widths)
                and all(
                    unbroken_width(part) <= width + 0.01
                    for group, width in zip(self.aside, widths, strict=True)
                    for part in group
                    if isinstance(part, Paragraph)
                )
                and (self.help is None or unbroken_width(self.help) <= self.page.safety_text_width + 0.01)
            )
        return self._holds_words

    def overflowing_word(self) -> str | None:
        """When the aside or the help strip does not hold its words (see aside_holds_its_words), the word that
        runs furthest past the width it has there (a long web address or name), for the error to say where it
        comes from; None when they hold them."""
        if self.aside_holds_its_words():
            return None
        groups = zip(self.aside, self.group_widths(), strict=True)
        rooms = [(part, width) for group, width in groups for part in group if isinstance(part, Paragraph)]
        rooms += [(self.help, self.page.safety_text_width)] if self.help is not None else []
        widest = max(rooms, key=lambda room: unbroken_width(room[0]) - room[1], default=None)
        return unbroken_word(widest[0]) if widest else None

    def safety_word(self, half_points: int) -> str | None:
        """The safety strip's word wider than the strip at this step size (in its title or a point), for the
        error to say where it is from; None when every word of it fits."""
        para = self._safety_paragraph(half_points)
        if para is None or unbroken_width(para) <= self.page.safety_text_width + TOLERANCE:
            return None
        return unbroken_word(para)

    def _fits_across(self, widths: list[float]) -> bool:
        """Whether the aside's groups, `widths` wide (see _group_widths), stand side by side within the margins
        (always, in a panel beside the steps)."""
        return self.sidebar or sum(widths) + self.page.gap * 2 * (len(widths) - 1) <= self.page.inner_width + 0.01

    def _group_height(self, group: list[Flowable], width: float) -> float:
        return sum(part.wrap(width, self.height)[1] for part in group) + self.page.stack_gap * (len(group) - 1)

    def _strip_heading(self) -> str:
        """The structure type of a strip's heading (safety, when to get help): under the poster's title, if its
        layout has one."""
        return "H2" if self.blocks.title else "H1"

    def _help_paragraph(self, styles: Mapping[str, ParagraphStyle]) -> tuple[Paragraph | None, int]:
        """When to get help in short (each action, then its signs), and how much discomfort is fine in words (the
        handout draws its scale and says when an ache should settle): a strip across the page's foot in small
        print, never left out; with its rows (each begins a line)."""
        blocks, markup = self.blocks, self.markup
        heading = self._strip_heading()  # read as the strip's heading, then its lines (see _tag)
        lines = []
        if blocks.help and blocks.help_brief:  # where the signs are, then what to do, on one line
            # Where the signs are comes first, set apart as the actions are: after them ("When to get help: Call 999
            # now · … · The signs to look for are in your handout"), a patient read the strip as saying to call 999
            said = ([markup(blocks.help_more)] if blocks.help_more else []) + [markup(brief(item)) for item in blocks.help]
            title = inline(heading, self._led(markup(blocks.help_title))) + " " if blocks.help_title else ""
            lines.append(title + inline("P", markup.text(SEPARATOR).join(said)))
        elif blocks.help:
            lines += [inline(heading, f"<b>{markup(blocks.help_title)}</b>")] if blocks.help_title else []
            lines += [inline("P", markup(item)) for item in blocks.help]
        scale = blocks.scale
        if scale is not None:
            said = [markup(part) for part in (scale.during_text, scale.after_text) if part]
            title = self._led(markup(scale.title)) + " " if scale.title else ""
            # in brief, one run, set apart from the number to call before it ("…960 123 How much discomfort…")
            apart = markup.text(SEPARATOR) if blocks.help_brief and lines else ""
            lines.append(inline("P", apart + title + markup.text(SEPARATOR).join(said)))
        # In brief, one run of text: no line is left part empty.
        if not lines:
            return None, 0
        rows = 1 if blocks.help_brief else len(lines)
        return self._para(("" if blocks.help_brief else " <br/>").join(lines), styles["help"]), rows

    def _band_parts(self, styles: Mapping[str, ParagraphStyle]) -> list[Paragraph]:
        markup = self.markup
        # the title's lines balanced, as the handout's headings: never its last word alone on a line
        parts = [self._para(markup(self.blocks.title), styles["band-title"], balanced=True)] if self.blocks.title else []
        if self.blocks.schedule:
            parts.append(self._para(f"<b>{markup(self.blocks.schedule)}</b>", styles["band-name"]))
        if self.blocks.name:
            parts.append(self._para(markup(self.blocks.name), styles["band-name"]))
        return parts

    @functools.cached_property
    def aside_size(self) -> tuple[float, float]:
        """Width and height of the aside: stacked in a panel beside the steps, or side by side below them
        (measured once: the aside does not change in one poster's search; kept with the poster, not for the
        process, where a cache on the method kept every poster ever searched)."""
        if not self.aside:
            return 0, 0
        heights = [self._group_height(g, w) for g, w in zip(self.aside, self.group_widths(), strict=True)]
        if self.sidebar:
            return self.aside_width, sum(heights) + self.page.gap * (len(heights) - 1)
        return self.page.inner_width, max(heights)

    # -- at one size ---------------------------------------------------------------------------------

    def _safety_paragraph(self, half_points: int) -> Paragraph | None:
        return (
            self._para(self._safety_markup, self.steps.styles(half_points, self.page.slim)["safety"])
            if self._safety_markup
            else None
        )

    def safety(self, half_points: int) -> tuple[Paragraph | None, float]:
        """The safety strip's paragraph at a step size and its height (gap under it included); a height of
        infinity when a word of it is wider than the strip."""
        if half_points not in self._safety:
            para, height = self._safety_paragraph(half_points), 0.0
            if para is not None:
                width = self.page.safety_text_width
                fits = unbroken_width(para) <= width + TOLERANCE
                height = self.page.safety_height(para.wrap(width, self.height)[1]) if fits else math.inf
            self._safety[half_points] = (para, height)
        return self._safety[half_points]

    def _safety_least(self, half_points: int) -> float:
        """No safety strip at this size is shorter (a bound from its words' widths: nothing is wrapped)."""
        if not self._safety_markup:
            return 0.0
        base = self._para(self._safety_markup, self.base["safety"])
        text = self.steps.least_height(
            base, self.page.safety_text_width, self.steps.styles(half_points, self.page.slim)["safety"]
        )
        return math.inf if text is None else self.page.safety_height(text)

    def room(self, half_points: int, columns: int, bound: bool = False) -> tuple[float, float]:
        """The steps' area at a step size in `columns`: its height and each column's width (`bound`: no taller
        than this, from the safety strip's bound rather than its measure)."""
        page = self.page
        aside_width, aside_height = self.aside_size
        strip = aside_height if not self.sidebar and self.aside else 0
        safety = self._safety_least(half_points) if bound else self.safety(half_points)[1]
        area_height = page.area_height(self.band_height, safety, self.sources_height, strip)
        return area_height, page.column_width(page.area_width(aside_width if self.sidebar else 0), columns)

    @property
    def panel_too_wide(self) -> bool:
        """Whether a panel beside the steps is wider than the steps' own area: the steps are what the poster is
        for, and a wide tracker beside them on a portrait page squeezed a Spanish routine's cues into a column
        a third of the page wide, a word or two a line ("Rodilla al / pecho / 3 veces ·…"), where under them
        it left the steps the page's width at much the same size."""
        return self.sidebar and self.aside_width > self.page.area_width(self.aside_width)

    def _shut(self, area_height: float) -> bool:
        """Whether the page has no room for the steps whatever they are: see _no_room, or an aside whose words do
        not fit it."""
        return self._no_room(area_height) or not self.aside_holds_its_words()

    def _no_room(self, area_height: float) -> bool:
        """Whether the page leaves the steps no room: none left, or a panel beside them taller than they may be
        or wider than they are."""
        return area_height <= 0 or (self.sidebar and self.aside_size[1] > area_height) or self.panel_too_wide

    def possible(self, columns: int, half_points: int) -> bool:
        """False when the steps provably do not fit `columns` at this size (a bound: nothing is wrapped). Whether
        the aside holds its words is asked last: reading every word of a long strip of when to get help costs
        more than the bound, and the bound rules out most layouts of the fallbacks that do not fit (a large-print
        poster whose help strip is only made brief in its last resort read the whole strip's words for nothing)."""
        area_height, width = self.room(half_points, columns, bound=True)
        if self._no_room(area_height):
            return False
        least = self.steps.least(half_points, width)
        limit = area_height + self.steps.space_after(half_points)  # a column's last step needs no space under it
        return least is not None and fit.partition(least, columns, limit) is not None and self.aside_holds_its_words()

    def measure(self, columns: int, half_points: int) -> fit.Probe:
        """The steps laid out in `columns` at this size: where the columns break, and how much of the room they
        need (estimated from the area they need when they ran out of it before all were measured)."""
        area_height, width = self.room(half_points, columns)
        if self._shut(area_height):
            return fit.Probe(None, math.inf)
        limit = area_height + self.steps.space_after(half_points)
        heights = self.steps.heights(half_points, width, budget=limit * columns)
        if heights is None:
            return fit.Probe(None, math.inf)
        if not all(math.isfinite(h) for h in heights):  # they need more than every column holds
            least = self.steps.least(half_points, width) or heights
            total = sum(h if math.isfinite(h) else low for h, low in zip(heights, least, strict=True))
            return fit.Probe(None, total / (limit * columns))
        found = fit.partition(heights, columns, limit)
        if found is not None:
            return fit.Probe(found, found[0] / limit)
        return fit.Probe(None, fit.partition(heights, columns, math.inf)[0] / limit)  # type: ignore[index]

    def arrange(self, half_points: int, columns: int) -> Arrangement:
        """The poster at this size in `columns`, every step measured (for drawing, or to say by how much it
        does not fit)."""
        area_height, width = self.room(half_points, columns)
        blocks = self.steps.blocks(half_points, width)
        heights = self.steps.heights(half_points, width) if blocks is not None else None
        safety, safety_height = self.safety(half_points)
        return Arrangement(
            half_points / 2,
            self.steps.styles(half_points, self.page.slim),
            safety,
            safety_height,
            blocks or [],
            heights or [math.inf] * len(self.blocks.steps),
            area_height,
            width,
            columns,
            self.steps.space_after(half_points),
        )

    def room_needed(self, floor: float) -> float | None:
        """How much of the steps' room they need at `floor` in the column count that comes closest (1.0 is
        all of it), as the fit search measures it: the tallest column when the steps are broken into columns
        as evenly as whole steps allow; None when every column count breaks a word or leaves no room."""
        half_points = round(floor * 2)
        needs = [
            self.measure(columns, half_points).need for columns in fit.column_choices(len(self.blocks.steps), self.page.landscape)
        ]
        return min((need for need in needs if math.isfinite(need)), default=None)

    def lacking(self, columns: int, half_points: int) -> tuple[float, float] | None:
        """The steps at this size in `columns`, every one measured: their tallest column as drawn, when whole steps
        break into columns as evenly as they can, and how much more room it needs than the page leaves them;
        None when the page leaves them no room or a cue's word is wider than a column."""
        area_height, width = self.room(half_points, columns)
        heights = None if self._shut(area_height) else self.steps.heights(half_points, width)
        if heights is None:
            return None
        tallest = fit.partition(heights, columns, math.inf)[0]  # type: ignore[index]
        space = self.steps.space_after(half_points)  # a column's last step needs no space under it
        return tallest - space, tallest - space - area_height

    def strips(self, half_points: int) -> tuple[Strip, ...]:
        """The strips the routine's own text fills at this step size: the safety points', and the warning
        signs' where the poster prints them (not in large print's last resort, which prints what to do alone)."""
        found = []
        safety, height = self.safety(half_points)
        if safety is not None and math.isfinite(height):
            found.append(self._strip("safety", safety, height, 1))
        if self.help is not None and self.blocks.help and not self.blocks.help_brief:
            found.append(self._strip("help", self.help, self.help_height, self.help_rows))
        return tuple(found)

    def _strip(self, part: str, text: Paragraph, height: float, least: int) -> Strip:
        text.wrap(self.page.safety_text_width, self.height)
        return Strip(part, height, len(text.blPara.lines), text.style.leading, least)

    # -- drawing ---------------------------------------------------------------------------------

    def pdf(self, meta: Metadata, arrangement: Arrangement, breaks: list[int]) -> bytes:
        """Draw the poster as the fit search arranged it, its columns broken at `breaks`; return the PDF bytes."""
        page = self.page
        reportlab_settings()
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=(self.width, self.height),
            **meta.settings(self.theme.fonts.regular, self.theme.profile.poster_small),
            leftMargin=page.margin,
            rightMargin=page.margin,
            topMargin=page.margin,
            bottomMargin=page.margin,
        )
        extra = spread(arrangement, breaks, self.height)
        stack = self.stack(arrangement, breaks, extra)
        area_bottom = page.area_top(self.band_height, arrangement.safety_height) - arrangement.area_height
        frames = [
            Frame(
                page.column_x(index, arrangement.column_width),
                area_bottom,
                arrangement.column_width,
                stack.steps - area_bottom,
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
                id=f"column{index + 1}",
            )
            for index in range(arrangement.columns)
        ]

        tagger = Tagger(words=self.theme.words)
        logo = self._tag(tagger.root, arrangement)

        def furniture(canvas: Canvas, _doc: BaseDocTemplate) -> None:
            meta.stamp(canvas)
            self._furniture(canvas, arrangement, stack, logo)
            self._outline(canvas, arrangement, stack)

        doc.addPageTemplates([PageTemplate("poster", frames, onPage=furniture)])
        story: list[Flowable] = []
        space_after = arrangement.space_after + extra
        for index, step in enumerate(arrangement.steps):
            if index in breaks:
                story.append(FrameBreak())
            story.append(Unbreakable(step.parts, step.label, space_after=space_after))
        doc.build(story, canvasmaker=canvasmaker(tagger, InvariantCanvas))
        if doc.page != 1:  # the measurements above promise one page; never hand over two
            raise LayoutError(f"internal layout error: the poster ran to {doc.page} pages at {arrangement.size} pt")
        return buffer.getvalue()

    def _tag(self, root: Node, arrangement: Arrangement) -> Node | None:
        """The poster's structure in the order it is read, whatever the layout (it is drawn furniture first):
        the logo (a Figure, returned), the title (H1), the schedule and the clinic's name, the safety strip (a
        Sect: its title an H2, its points a P), the steps (L > LI > Lbl + LBody > P and Figure), the QR code (a
        Figure) and its caption, the tracker (a P and a Table), the appointment and contact lines, when to get
        help (a Sect: its heading and lines), the sources."""
        blocks = self.blocks
        logo = root.add("Figure", alt=self.theme.brand.name) if self.logo else None
        kinds = ["H1"] * bool(blocks.title) + ["P"] * (bool(blocks.schedule) + bool(blocks.name))
        for line, kind in zip(self.band.lines, kinds, strict=True):
            tag(line, root.add(kind))
        if arrangement.safety is not None:
            tag(arrangement.safety, root.add("Sect"))
        steps = root.add("L")
        for block, step in zip(arrangement.steps, blocks.steps, strict=True):
            item = steps.add("LI")
            label, body = item.add("Lbl"), item.add("LBody")
            (text,) = block.parts
            if not isinstance(text, Table):
                tag(text, body.add("P"), label)
                continue
            # the cue beside its picture: cells hold a flowable, or (once wrapped) a tuple of one
            cue, picture = (cell[0] if isinstance(cell, list | tuple) else cell for cell in text._cellvalues[0])
            tag(cue, body.add("P"), label)
            tag(picture, body.add("Figure", alt=step.picture.alt if step.picture else ""))
            layout_table(text)
        for group in self.aside:
            for part in group:
                if isinstance(part, QrFlowable):
                    tag(part, qr_figure(root, part.url, self.theme.words))
                elif isinstance(part, Tracker):
                    part.tag(root)
                else:
                    tag(part, root.add("P"))
        if self.help is not None:  # when to get help: a Sect, its heading and lines (see _help_paragraph)
            tag(self.help, root.add("Sect"))
        if self.sources is not None:
            tag(self.sources, root.add("P"))
        return logo

    def stack(self, arrangement: Arrangement, breaks: list[int], extra: float) -> Stack:
        """Where the regions under the band begin, and how tall the band and the strips are drawn. The steps fill
        their area first (`extra` after each step, see `spread`); what height is still spare is shared by the
        gaps above each region under the band, so that no gap on the page is a wide blank band (a column of one
        long step cannot spread). A gap is never wider than BETWEEN_REGIONS of the page, with the blank the step
        text's leading leaves around its lines: what is spare beyond that
        (steps kept from growing by a cue's widest word or the page's ceiling, one to three steps in large
        print) makes the band and the tinted strips taller, their text in their middle (see `grown`)."""
        page, heights = self.page, arrangement.heights
        used = max(
            sum(heights[start:end]) + extra * (end - start - 1) - arrangement.space_after
            for start, end in itertools.pairwise([0, *breaks, len(heights)])
        )
        if self.sidebar:
            used = max(used, self.aside_size[1])
        strip = bool(self.aside) and not self.sidebar
        foot = bool(self.sources or self.help)
        regions = bool(arrangement.safety) + 1 + strip + foot
        spare = max(0.0, arrangement.area_height - used)
        share = spare / regions
        # a gap reads as its space and the blank over and under the lines of text about it (half their leading)
        leading = (self.theme.profile.poster_leading - 1) / 2 * arrangement.size
        most = max(0.0, BETWEEN_REGIONS * self.height - page.gap - leading)
        boxes = grown(spare - most * regions if share > most else 0.0, bool(arrangement.safety), self.help is not None)
        share = min(share, most)
        band = self.band_height + boxes[0]
        safety_box = arrangement.safety_height - page.gap + boxes[1] if arrangement.safety else 0.0
        help_box = self.help_height - page.gap + boxes[2] if self.help else 0.0
        safety = page.top - band - page.gap - share
        below_safety = safety - safety_box if arrangement.safety else page.top - band
        steps = below_safety - page.gap - share
        help_top = page.strip_top(self.sources_height, 0.0) - page.gap + boxes[2]
        strip_top = page.strip_top(self.sources_height, self.aside_size[1]) + (share if foot else 0.0) + boxes[2]
        return Stack(safety, steps, strip_top, band, safety_box, help_top, help_box)

    def headings(self, arrangement: Arrangement, stack: Stack) -> list[tuple[int, str, float]]:
        """The poster's headings in reading order, as `_tag` marks them, each as (outline level, plain text,
        the top of its region): the title (H1), then the safety strip's and the help strip's titles (H2 under
        a title, else H1)."""
        blocks, page = self.blocks, self.page
        level = 1 if blocks.title else 0
        found = [(0, blocks.title, page.top)] if blocks.title else []
        if arrangement.safety is not None and blocks.safety_title:
            found.append((level, blocks.safety_title, stack.safety))
        if self.help is not None and blocks.help and blocks.help_title:
            found.append((level, blocks.help_title, stack.help))
        return [(depth, " ".join(n.plain(text).split()), top) for depth, text, top in found]

    def _outline(self, canvas: Canvas, arrangement: Arrangement, stack: Stack) -> None:
        """A bookmark in the PDF's outline for each heading (see `headings`) at the top of its region, the
        outline shown when the PDF opens, as the handout's: a screen reader's user lists them and goes to one."""
        entries = self.headings(arrangement, stack)
        for index, (level, text, top) in enumerate(entries):
            key = f"outline{index}"
            canvas.bookmarkPage(key, fit="XYZ", top=top)
            canvas.addOutlineEntry(text, key, level=level, closed=False)
        if entries:
            canvas.showOutline()

    def _furniture(self, canvas: Canvas, arrangement: Arrangement, stack: Stack, logo: Node | None) -> None:
        page = self.page
        m = page.margin
        canvas.saveState()
        self.band.draw(canvas, m, page.top, page.inner_width, stack.band, self.band_text_x, logo)
        if arrangement.safety:
            self._draw_strip(canvas, arrangement.safety, stack.safety, stack.safety_box)
        self._draw_aside(canvas, stack.steps if self.sidebar else stack.strip)
        if self.help:
            self._draw_strip(canvas, self.help, stack.help, stack.help_box)
        if self.sources:
            self.sources.wrap(page.inner_width, self.height)
            self.sources.drawOn(canvas, m, m)
        canvas.restoreState()

    def _draw_strip(self, canvas: Canvas, text: Paragraph, top: float, box: float) -> None:
        """A strip across the page from `top`, `box` tall, in the accent's tint with its bar: `text` in its middle."""
        page, theme = self.page, self.theme
        with artifact(canvas):
            canvas.setFillColor(HexColor(theme.accent_tint))
            canvas.rect(page.margin, top - box, page.inner_width, box, stroke=0, fill=1)
            canvas.setFillColor(HexColor(theme.accent))
            canvas.rect(page.margin, top - box, page.bar, box, stroke=0, fill=1)
        _, h = text.wrap(page.safety_text_width, self.height)
        text.drawOn(canvas, page.safety_text_x, top - box / 2 - h / 2)

    def _draw_aside(self, canvas: Canvas, top: float) -> None:
        """The aside from `top`: a panel beside the steps, or a strip under them."""
        if not self.aside:
            return
        widths = self.group_widths()
        if self.sidebar:
            x = self.page.sidebar_x(self.aside_width)
            for group, width in zip(self.aside, widths, strict=True):
                top = self._draw_group(canvas, group, x, top, width) - self.page.gap
            return
        spare = (self.page.inner_width - sum(widths)) / max(1, len(widths) - 1)
        x = self.page.margin
        for group, width in zip(self.aside, widths, strict=True):
            self._draw_group(canvas, group, x, top, width)
            x += width + spare

    def _draw_group(self, canvas: Canvas, group: list[Flowable], x: float, top: float, width: float) -> float:
        """Draw `group` stacked down from `top`; return where it ends."""
        for part in group:
            _, h = part.wrap(width, self.height)
            part.drawOn(canvas, x, top - h)
            top -= h + self.page.stack_gap
        return top + self.page.stack_gap


def contact_under_tracker(groups: list[list[Flowable]]) -> list[list[Flowable]]:
    """The aside's groups for a strip too narrow for them side by side: the contact lines (the last group, the
    only one without a fixed width) under the tracker before them, which is taller than a QR code and as wide
    as they need; read in the same order. A strip of a twice-daily tracker with its pain row, a QR code and
    the contact lines did not fit across a portrait page: the tracker went beside steps squeezed to 14 pt."""
    if len(groups) > 1 and any(isinstance(part, Tracker) for part in groups[-2]) and not Poster._fixed_width(groups[-1]):
        return [*groups[:-2], groups[-2] + groups[-1]]
    return groups


def brief(item: n.Runs) -> n.Runs:
    """A warning-sign item's opening bold words (what to do: "Call 999 now"), without the colon after them; the
    whole item when it opens otherwise."""
    first = item[0] if item else None
    if not isinstance(first, n.Strong):
        return item
    runs = list(first.children)
    last = runs[-1] if runs else None
    if isinstance(last, n.Text):
        runs[-1] = n.Text(last.text.rstrip().removesuffix(":").rstrip())
    return (n.Strong(tuple(runs)),)


def spread(arrangement: Arrangement, breaks: list[int], page_height: float) -> float:
    """Space to add after each step so that the steps fill their area rather than leave a blank band under
    them: as much as the fullest column takes to reach the area's foot (each column's last step gets none), at
    most SPREAD_MOST step sizes, and never so much that the space between two steps reads as a blank band
    (BETWEEN_STEPS of the page's height: what is left goes to the gaps between regions); the same in every
    column, so the steps keep one rhythm."""
    heights, room = arrangement.heights, []
    for start, end in itertools.pairwise([0, *breaks, len(heights)]):
        if end - start > 1:
            used = sum(heights[start:end]) - arrangement.space_after
            room.append((arrangement.area_height - used) / (end - start - 1))
    most = min(SPREAD_MOST * arrangement.size, BETWEEN_STEPS * page_height - arrangement.space_after)
    return max(0.0, min([*room, most]) - TOLERANCE) if room else 0.0


def grown(spare: float, safety: bool, help_strip: bool) -> tuple[float, float, float]:
    """How much taller the band, the safety strip and the strip of when to get help are drawn to take up
    `spare` height that no gap may (see Poster.stack): shared equally by those the poster has, the band always."""
    share = spare / (1 + safety + help_strip)
    return share, share * safety, share * help_strip


def longest_cue(steps: tuple[n.PosterStep, ...], counts: Sequence[int] = ()) -> int:
    """The index of the step whose cue is longest, or whose count in the clinic's own words is (`counts`: each
    step's `repeat`, in characters; a count of 500 characters was said as 'the longest is step 1's', the
    longest cue): the first to shorten."""
    own = [*counts, *[0] * (len(steps) - len(counts))]
    return max(range(len(steps)), key=lambda index: (max(len("".join(n.printed(steps[index].cue))), own[index]), -index))


def overflowing_word(posters: list[Poster]) -> str | None:
    """The word of the aside or the help strip that keeps the steps out of every one of `posters` (the layouts
    tried), wider than its room in each of them; None when some layout holds them all (then it is the steps
    that do not fit: see too_big)."""
    words = [poster.overflowing_word() for poster in posters]
    return words[0] if words and all(words) else None


def crowding(posters: list[Poster], floor: float) -> str | None:
    """When the band and the strips above and below the steps leave them no room at all in any of `posters`
    (the layouts tried) at `floor`, the part that takes the most of the page in the layout that leaves the
    most: "band" (the title and clinic name), "safety" (the safety strip) or "help" (the strip of when to get
    help); None when some layout leaves the steps room (then a cue's word or the steps' length is what does
    not fit: see too_big)."""
    half_points = round(floor * 2)
    rooms = [(poster.room(half_points, 1)[0], poster) for poster in posters]
    if not rooms:
        return None
    room, closest = max(rooms, key=lambda each: each[0])
    if room > 0:
        return None
    parts = {"band": closest.band_height, "safety": closest.safety(half_points)[1], "help": closest.help_height}
    return max(parts, key=lambda part: parts[part])


def shortfall(posters: list[Poster], floor: float) -> Shortfall | None:
    """How far the steps are from fitting at `floor` in the layout of `posters` (the layouts tried) that lacks the
    least room, with that poster's strips; None when none leaves them room or a cue's word fits no column. Where
    the strips take more of that page than the steps, the layout where cutting them asks the least of their text
    (see Shortfall.share): a landscape page lacked a little less room than a portrait one, and its wider strip
    was asked to lose 10 of its 11 lines, where the portrait one's 11 of 16 made the poster fit."""
    half_points = round(floor * 2)
    found = [
        Shortfall(poster.height, *measured, poster.strips(half_points))
        for poster in posters
        for columns in fit.column_choices(len(poster.blocks.steps), poster.page.landscape)
        if (measured := poster.lacking(columns, half_points)) is not None
    ]
    if not found:
        return None
    closest = min(found, key=lambda short: short.lacking)
    if not closest.strips_first:
        return closest
    return min((short for short in found if short.strips_first), key=lambda short: short.share)


def other_ways(posters: list[Poster]) -> str:
    """The end of the advice for a poster that does not fit (`posters`: the layouts tried): the other paper, and
    the appointment's lines, which take room too and are never given up."""
    on_a3 = max(poster.page.scale for poster in posters) > 1.4  # A3's short side is A4's long side
    paper = "use the standard poster" if on_a3 else "print it on A3 (--paper A3)"
    # The next appointment's lines are never given up (the patient's own): the shipped knee routine's Letter
    # poster fitted without them, and failed at 101% with them, its advice naming only the cues
    appointment = ""
    if posters[0].blocks.appointment:
        appointment = "; the appointment's lines (--next-appointment, --therapist) take room too"
    return paper + appointment


def too_big(posters: list[Poster], floor: float, name: str = "poster", counts: Sequence[int] = ()) -> StepsTooLongError:
    """The error for steps that fit none of `posters` (the layouts tried) even at `floor`, saying by how much
    in the layout that comes closest, and naming the step whose cue, or count in its own words (`counts`: see
    longest_cue), is longest (its key: the step's)."""
    needs = [need for need in (poster.room_needed(floor) for poster in posters) if need is not None]
    steps = posters[0].blocks.steps
    if needs:
        room = f"the steps need about {math.ceil(min(needs) * 100)}% of the room there is"
        longest = steps[longest_cue(steps, counts)] if steps else None
        which = f" (the longest is step {longest.number}'s)" if longest else ""
    else:  # the step with the widest word, not the longest cue: a count of one long word made step 1 too wide
        room = "a word of a cue is wider than a column"
        longest = steps[posters[0].steps.widest_word()] if steps else None
        which = f" (step {longest.number}'s has the widest word)" if longest else ""
    key = longest.source if longest and longest.source else ("routine", "steps")
    return StepsTooLongError(
        f"the {name} does not fit on one page even with step text at {floor:g} pt: {room}. Shorten the cues{which}, "
        f"use fewer steps, or {other_ways(posters)}",
        key,
    )
