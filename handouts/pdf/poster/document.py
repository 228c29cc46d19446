"""The one-page fridge poster: its flowables at a step size, the fit search over sizes, and the PDF.

The step size is the largest between the profile's floor and ceiling at which everything fits (see
:mod:`handouts.pdf.poster.fit`), measured with platypus `wrap` and the numbers of
:mod:`handouts.pdf.poster.geometry`, which the drawing uses too. Nothing is ever scaled down as a picture.
"""

from __future__ import annotations

import functools
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, FrameBreak, PageTemplate, Paragraph

from handouts.errors import LayoutError
from handouts.layout import nodes as n
from handouts.media import images
from handouts.pdf.flowables import (
    Metadata,
    PictureFlowable,
    Unbreakable,
    beside,
    fitted_band,
    invariant_canvas,
    paragraph,
    reportlab_settings,
)
from handouts.pdf.paragraphs import Markup
from handouts.pdf.poster import fit, geometry
from handouts.pdf.poster.geometry import STEP_SPACE
from handouts.pdf.poster.styles import poster_styles
from handouts.pdf.poster.widgets import QrFlowable, Tracker
from handouts.pdf.theme import Theme
from handouts.words.ties import numbers_tied, tie


class PosterFitError(LayoutError):
    """Raised when the routine cannot fit on one page even at the profile's floor size; `key` is the part of
    the content to shorten."""

    def __init__(self, message: str, key: tuple[str | int, ...] = ("routine", "steps")) -> None:
        super().__init__(message, key)


@dataclass
class Arrangement:
    """The poster at one step size: the flowables and the room they have."""

    size: float
    styles: dict[str, ParagraphStyle]
    safety: Paragraph | None
    safety_height: float
    steps: list[Unbreakable]
    heights: list[float]
    area_height: float
    column_width: float
    columns: int


class Poster:
    """Places the blocks on one page of `pagesize`: `fit()` measures, `pdf()` draws."""

    def __init__(
        self,
        blocks: n.Poster,
        theme: Theme,
        pagesize: tuple[float, float],
        days: list[str],
        logo: images.Picture | None,
        folder: Path,
        beside_steps: bool | None = None,
        week_labels: list[str] | None = None,
        shared: dict[tuple[Any, ...], Any] | None = None,
    ) -> None:
        """`beside_steps`: the aside as a panel beside the steps (True) or a strip below them (False); by
        default beside on landscape paper when it holds a QR code or a tracker. `shared`: paragraphs already
        parsed by another layout of the same poster (parsing markup is half of measuring)."""
        self._shared = {} if shared is None else shared
        self.blocks, self.theme, self.days, self.logo = blocks, theme, days, logo
        self.markup = Markup(theme.fonts, theme.profile.upright, theme.primary_text)
        self.week_labels = week_labels
        self.folder = folder  # step pictures are found relative to the content file
        self.page = page = geometry.Page(*pagesize, theme.profile.poster_margin * mm)
        self.width, self.height = pagesize
        self.base = poster_styles(theme, theme.profile.poster_floor, scale=page.scale)
        self.aside = self._aside_parts(self.base)
        if beside_steps is None:
            beside_steps = page.landscape and any(self._fixed_width(group) for group in self.aside)
        self.sidebar = beside_steps and bool(self.aside)
        # Paragraphs take any width they are given; the QR code and the tracker set the panel's.
        self.aside_width = max([*(self._fixed_width(group) for group in self.aside), page.sidebar_min]) if self.aside else 0.0
        self.band, self.band_text_x, self.band_height = fitted_band(
            theme,
            logo,
            self._band_parts(self.base),
            page.inner_width,
            page.logo_height,
            page.band_padding,
            page.margin,
            lambda text_height: page.band_height(text_height, bool(logo)),
        )
        if self.band_height > self.height / 3:
            raise PosterFitError(
                f"the poster's band (the routine title and the clinic name) would take {self.band_height / self.height:.0%} "
                "of the page: shorten the title or the clinic name",
                ("title",),
            )
        small_print = self.markup.text(" · ").join(self.markup(part) for part in (blocks.sources, blocks.currency) if part)
        self.sources = self._para(small_print, self.base["sources"]) if small_print else None
        sources_text = self.sources.wrap(self.page.inner_width, self.height)[1] if self.sources else 0
        self.sources_height = self.page.sources_height(sources_text)
        self._arranged: dict[tuple[int, int], Arrangement] = {}

    # -- parts that do not depend on the step size --------------------------------------------

    def _para(self, markup: str, style: ParagraphStyle, **kwargs: object) -> Paragraph:
        """A paragraph parsed once for every layout of this poster tried (platypus wraps it again at each
        width it is given, and before it is drawn)."""
        number = str(kwargs.get("bulletText", ""))
        key = (markup, style.name, style.fontSize, number)
        if key not in self._shared:
            first = self._shared.get((markup, style.name, number))  # parsed at another size
            made = first.resized(style) if first else paragraph(markup, style, **kwargs)
            self._shared[key] = made
            self._shared.setdefault((markup, style.name, number), made)
        return self._shared[key]

    def _aside_parts(self, styles: dict[str, ParagraphStyle]) -> list[list[Flowable]]:
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
        if blocks.contact:
            groups.append([self._para(self.markup(blocks.contact), styles["contact"])])
        return groups

    @staticmethod
    def _fixed_width(group: list[Flowable]) -> float:
        """The width a group needs: that of its QR code or tracker (paragraphs take what they get)."""
        return max((part.width for part in group if isinstance(part, Tracker | QrFlowable)), default=0.0)

    def _group_widths(self) -> list[float]:
        """Each aside group's width: the sidebar's (landscape) or a share of the bottom strip (portrait)."""
        if self.sidebar:
            return [self.aside_width] * len(self.aside)
        least = [max((p.minWidth() for p in group if isinstance(p, Paragraph)), default=0.0) for group in self.aside]
        return self.page.strip_widths([self._fixed_width(group) for group in self.aside], least)

    def aside_holds_its_words(self) -> bool:
        """Whether every word of the aside (a long web address, say) fits the width its group gets, and the
        groups fit side by side in a strip: a word is never split and nothing runs past the margin."""
        widths = self._group_widths()
        if not self.sidebar and sum(widths) + self.page.gap * 2 * (len(widths) - 1) > self.page.inner_width + 0.01:
            return False
        return all(
            part.minWidth() <= width + 0.01
            for group, width in zip(self.aside, widths, strict=True)
            for part in group
            if isinstance(part, Paragraph)
        )

    def _group_height(self, group: list[Flowable], width: float) -> float:
        return sum(part.wrap(width, self.height)[1] for part in group) + self.page.stack_gap * (len(group) - 1)

    def _band_parts(self, styles: dict[str, ParagraphStyle]) -> list[Paragraph]:
        markup = self.markup
        parts = [self._para(markup(self.blocks.title), styles["band-title"])] if self.blocks.title else []
        if self.blocks.schedule:
            parts.append(self._para(f"<b>{markup(self.blocks.schedule)}</b>", styles["band-name"]))
        if self.blocks.name:
            parts.append(self._para(markup(self.blocks.name), styles["band-name"]))
        return parts

    @functools.cache  # noqa: B019 (one Poster is one page's search; the aside does not change in it)
    def aside_size(self) -> tuple[float, float]:
        """Width and height of the aside: stacked in a panel beside the steps, or side by side below them."""
        if not self.aside:
            return 0, 0
        heights = [self._group_height(g, w) for g, w in zip(self.aside, self._group_widths(), strict=True)]
        if self.sidebar:
            return self.aside_width, sum(heights) + self.page.gap * (len(heights) - 1)
        return self.page.inner_width, max(heights)

    # -- measuring at one size ---------------------------------------------------------------------

    def arrange(self, size: float, columns: int, measure_all: bool = False) -> Arrangement:
        """The steps' flowables at `size` in `columns` and their heights; once they need more room than the
        columns hold, the rest count as infinitely tall (unless `measure_all`: the error says by how much)."""
        page = self.page
        widest = max((step.number for step in self.blocks.steps), key=len)
        key = ("styles", str(size), page.scale, widest)
        if key not in self._shared:  # the same for every layout of this poster at this size
            self._shared[key] = poster_styles(self.theme, size, "8" * len(widest), scale=page.scale)
        styles = self._shared[key]
        safety = None
        safety_height = 0.0
        if self.blocks.safety:
            markup = self.markup
            title = f"<b>{markup(self.blocks.safety_title)}:</b>   " if self.blocks.safety_title else ""
            between = markup.text("   •   ")
            safety = self._para(title + between.join(markup(point) for point in self.blocks.safety), styles["safety"])
            safety_height = page.safety_height(safety.wrap(page.safety_text_width, self.height)[1])
        aside_width, aside_height = self.aside_size()
        area_width = page.area_width(aside_width if self.sidebar else 0)
        strip = aside_height if not self.sidebar and self.aside else 0
        area_height = page.area_height(self.band_height, safety_height, self.sources_height, strip)
        column_width = page.column_width(area_width, columns)
        steps = []
        too_narrow = False
        colour = styles["repeat"].textColor
        # rgb(): the form reportlab's markup parser reads without trying other notations first
        repeat_colour = f"rgb({round(colour.red * 255)},{round(colour.green * 255)},{round(colour.blue * 255)})"
        for step in self.blocks.steps:
            room = page.cue_width(column_width, size, bool(step.picture), styles["cue"].leftIndent)
            cue = self._cue(step.cue, step.repeat, step.number, styles["cue"], repeat_colour, room)
            # A word wider than its line would be broken in two: this size does not fit this layout.
            too_narrow = too_narrow or cue.minWidth() > room
            text: Flowable = self._thumbnail(cue, step.picture, size, column_width) if step.picture else cue
            block = Unbreakable([text], f"step {step.number}", space_after=size * STEP_SPACE)
            block.source = step.source  # type: ignore[attr-defined]
            steps.append(block)
        heights: list[float] = []
        room_left = area_height * columns  # once the steps need more than every column holds, stop measuring
        for step in steps:
            if too_narrow or (room_left < 0 and not measure_all):
                heights.append(math.inf)
                continue
            heights.append(step.wrap(column_width, area_height)[1] + step.getSpaceAfter())
            room_left -= heights[-1]
        return Arrangement(size, styles, safety, safety_height, steps, heights, area_height, column_width, columns)

    def _cue(self, cue: n.Runs, repeat: n.Runs | None, number: str, style: ParagraphStyle, colour: str, room: float) -> Paragraph:
        """The cue with its count after it on its line, in the brand colour and the regular weight. The count
        moves as one ("5 times each way") unless it is wider than the line; then it wraps between its
        phrases, a number never leaving its unit ("10\u00a0seconds")."""
        style = self.markup.bulleted(style, number)
        if not repeat:
            return self._para(self.markup(cue), style, bulletText=number)
        paragraph = None
        dash = self.markup.text("\u2013\u00a0")
        for ties in (tie, numbers_tied):
            count = f' <font name="{self.theme.fonts.regular}" color="{colour}">{dash}{self.markup(repeat, ties)}</font>'
            paragraph = self._para(self.markup(cue) + count, style, bulletText=number)
            if paragraph.minWidth() <= room:
                break
        return paragraph

    def _thumbnail(self, text: Flowable, picture_node: n.Picture, size: float, width: float) -> Flowable:
        """The cue with the step's picture beside it, about three lines of cue tall."""
        side = geometry.thumbnail_side(size)
        picture = images.for_layout(self.folder, picture_node.src, self.blocks.where)
        thumb = PictureFlowable(picture, side, side, self.theme.greyscale, fonts=self.theme.fonts)
        gap = self.page.thumbnail_gap()
        return beside(text, thumb, max(1.0, width - side - gap), side + gap, self.theme.fonts.regular)

    def _measure(self, half_points: int, columns: int) -> tuple[float, fit.Fit]:
        if (half_points, columns) not in self._arranged:
            self._arranged[half_points, columns] = self.arrange(half_points / 2, columns)
        arrangement = self._arranged[half_points, columns]
        # A panel beside the steps shares their height: it must fit in it too.
        if arrangement.area_height <= 0 or (self.sidebar and self.aside_size()[1] > arrangement.area_height):
            return arrangement.area_height, None
        return arrangement.area_height, fit.partition(arrangement.heights, arrangement.columns, arrangement.area_height)

    # -- the fit search -----------------------------------------------------------------------------

    def fit(self, floor: float | None = None, ceiling: float | None = None) -> tuple[Arrangement, list[int]] | None:
        """The largest step size (in half points, from `floor`, by default the profile's, up to `ceiling`, by
        default what the page allows) and column count at which the page holds everything; None when not
        even `floor` fits."""
        if not self.aside_holds_its_words():
            return None
        choices = fit.column_choices(len(self.blocks.steps), self.page.landscape)
        low = round((floor or self.theme.profile.poster_floor) * 2)
        best = fit.largest(low, round((ceiling or self.page.ceiling) * 2), choices, self._measure)
        if best is None:
            return None
        found = self._measure(*best)[1]
        assert found is not None
        return self._arranged[best], found[1]

    def room_needed(self, floor: float) -> float | None:
        """How much of the steps' room they need at `floor` in the column count that comes closest (1.0 is
        all of it); None when every column count splits a word of a cue."""
        needs = []
        for columns in fit.column_choices(len(self.blocks.steps), self.page.landscape):
            arrangement = self.arrange(floor, columns, measure_all=True)
            if all(math.isfinite(h) for h in arrangement.heights):
                needs.append(sum(arrangement.heights) / max(1.0, arrangement.area_height * columns))
        return min(needs, default=None)

    # -- drawing ---------------------------------------------------------------------------------

    def pdf(self, meta: Metadata, arrangement: Arrangement, breaks: list[int]) -> bytes:
        """Draw the poster as `fit()` arranged it; return the PDF bytes."""
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
        area_top = page.area_top(self.band_height, arrangement.safety_height)
        frames = [
            Frame(
                page.column_x(index, arrangement.column_width),
                area_top - arrangement.area_height,
                arrangement.column_width,
                arrangement.area_height,
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
                id=f"column{index + 1}",
            )
            for index in range(arrangement.columns)
        ]

        def furniture(canvas: Canvas, _doc: BaseDocTemplate) -> None:
            meta.stamp(canvas)
            self._furniture(canvas, arrangement)

        doc.addPageTemplates([PageTemplate("poster", frames, onPage=furniture)])
        story: list[Flowable] = []
        for index, step in enumerate(arrangement.steps):
            if index in breaks:
                story.append(FrameBreak())
            story.append(step)
        doc.build(story, canvasmaker=invariant_canvas)
        if doc.page != 1:  # the measurements above promise one page; never hand over two
            raise LayoutError(f"internal layout error: the poster ran to {doc.page} pages at {arrangement.size} pt")
        return buffer.getvalue()

    def _furniture(self, canvas: Canvas, arrangement: Arrangement) -> None:
        theme, page = self.theme, self.page
        m = page.margin
        canvas.saveState()
        top = page.top
        text_x = self.band_text_x
        self.band.draw(canvas, m, top, page.inner_width, self.band_height, text_x)
        top -= self.band_height + page.gap
        if arrangement.safety:
            box = arrangement.safety_height - page.gap
            canvas.setFillColor(HexColor(theme.accent_tint))
            canvas.rect(m, top - box, page.inner_width, box, stroke=0, fill=1)
            canvas.setFillColor(HexColor(theme.accent))
            canvas.rect(m, top - box, page.bar, box, stroke=0, fill=1)
            _, h = arrangement.safety.wrap(page.safety_text_width, self.height)
            arrangement.safety.drawOn(canvas, page.safety_text_x, top - box / 2 - h / 2)
            top -= arrangement.safety_height
        self._draw_aside(canvas, top)
        if self.sources:
            self.sources.wrap(page.inner_width, self.height)
            self.sources.drawOn(canvas, m, m)
        canvas.restoreState()

    def _draw_aside(self, canvas: Canvas, top: float) -> None:
        if not self.aside:
            return
        widths = self._group_widths()
        if self.sidebar:
            x = self.page.sidebar_x(self.aside_width)
            for group, width in zip(self.aside, widths, strict=True):
                top = self._draw_group(canvas, group, x, top, width) - self.page.gap
            return
        _, height = self.aside_size()
        top = self.page.strip_top(self.sources_height, height)
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


def too_big(posters: list[Poster], floor: float, name: str = "poster") -> PosterFitError:
    """The error for steps that fit none of `posters` (the layouts tried) even at `floor`, saying by how much
    in the layout that comes closest."""
    needs = [need for need in (poster.room_needed(floor) for poster in posters) if need is not None]
    room = f"the steps need about {min(needs):.0%} of the room there is" if needs else "a word of a cue is wider than a column"
    on_a3 = max(poster.page.scale for poster in posters) > 1.4  # A3's short side is A4's long side
    paper = "use the standard poster" if on_a3 else "print it on A3 (--paper A3)"
    return PosterFitError(
        f"the {name} does not fit on one page even with step text at {floor:g} pt: {room}. Shorten the cues "
        f"(the 'cue' of each step), use fewer steps, or {paper}"
    )
