"""The one-page fridge poster: its flowables at a step size, the fit search over sizes, and the PDF.

The step size is the largest between the profile's floor and ceiling at which everything fits (see
:mod:`handouts.poster.fit`), measured with platypus `wrap` and the numbers of
:mod:`handouts.poster.geometry`, which the drawing uses too. Nothing is ever scaled down as a picture.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, FrameBreak, PageTemplate, Paragraph

from handouts import images
from handouts.errors import LayoutError
from handouts.flowables import (
    Band,
    Metadata,
    PictureFlowable,
    Unbreakable,
    beside,
    invariant_canvas,
    paragraph,
    reportlab_settings,
    template_picture,
)
from handouts.fonts import TAG
from handouts.poster import fit, geometry
from handouts.poster.blocks import PosterBlocks
from handouts.poster.geometry import BAR, GAP, LOGO, SAFETY_TEXT_X, SIDEBAR, STACK_GAP, STEP_SPACE, THUMBNAIL_GAP
from handouts.poster.widgets import QrFlowable, Tracker
from handouts.theme import Theme


class PosterFitError(LayoutError):
    """Raised when the routine cannot fit on one page even at the profile's floor size."""


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
        blocks: PosterBlocks,
        theme: Theme,
        pagesize: tuple[float, float],
        days: list[str],
        logo: images.Picture | None,
        folder: Path,
    ) -> None:
        self.blocks, self.theme, self.days, self.logo = blocks, theme, days, logo
        self.folder = folder  # step pictures are found relative to the content file
        self.page = geometry.Page(*pagesize, theme.profile.poster_margin * mm)
        self.width, self.height = pagesize
        self.base = theme.poster_styles(theme.profile.poster_floor)
        self.aside = self._aside_parts(self.base)
        # The aside is a sidebar on landscape paper when it holds a QR code or a tracker; otherwise a bottom strip.
        self.sidebar = self.page.landscape and any(self._fixed_width(group) for group in self.aside)
        # Paragraphs take any width they are given; the QR code and the tracker set the sidebar's.
        self.aside_width = max([*(self._fixed_width(group) for group in self.aside), SIDEBAR]) if self.aside else 0.0
        self.band = Band(theme, logo, (LOGO, LOGO), geometry.BAND_PADDING, self._band_parts(self.base))
        text_height = self.band.text_height(self.page.band_text_width(bool(logo)))
        self.band_height = self.page.band_height(text_height, bool(logo))
        if self.band_height > self.height / 3:
            raise PosterFitError(
                f"the poster's band (the routine title and the clinic name) would take {self.band_height / self.height:.0%} "
                "of the page: shorten the title or the clinic name"
            )
        self.sources = self._para(blocks.sources, self.base["sources"]) if blocks.sources else None
        sources_text = self.sources.wrap(self.page.inner_width, self.height)[1] if self.sources else 0
        self.sources_height = self.page.sources_height(sources_text)
        self._arranged: dict[tuple[int, int], Arrangement] = {}

    # -- parts that do not depend on the step size --------------------------------------------

    def _para(self, markup: str, style: ParagraphStyle, **kwargs: object) -> Paragraph:
        return paragraph(self.theme, markup, style, self.blocks.where, **kwargs)

    def _aside_parts(self, styles: dict[str, ParagraphStyle]) -> list[list[Flowable]]:
        """Groups of flowables kept together: QR code and caption, tracker, contact."""
        groups: list[list[Flowable]] = []
        blocks = self.blocks
        if blocks.qr and blocks.qr.url:
            group: list[Flowable] = [QrFlowable(blocks.qr.url, geometry.qr_side(styles["caption"].fontSize))]
            if blocks.qr.caption:
                group.append(self._para(blocks.qr.caption, styles["caption"]))
            groups.append(group)
        if blocks.tracker and blocks.tracker.weeks > 0:
            heading = self._para(blocks.tracker.title, styles["tracker"]) if blocks.tracker.title else None
            groups.append([Tracker(self.days, blocks.tracker.weeks, styles["tracker"], heading)])
        if blocks.contact:
            groups.append([self._para(blocks.contact, styles["contact"])])
        return groups

    @staticmethod
    def _fixed_width(group: list[Flowable]) -> float:
        """The width a group needs: that of its QR code or tracker (paragraphs take what they get)."""
        return max((part.width for part in group if isinstance(part, Tracker | QrFlowable)), default=0.0)

    def _group_widths(self) -> list[float]:
        """Each aside group's width: the sidebar's (landscape) or a share of the bottom strip (portrait)."""
        if self.sidebar:
            return [self.aside_width] * len(self.aside)
        return self.page.strip_widths([self._fixed_width(group) for group in self.aside])

    def _group_height(self, group: list[Flowable], width: float) -> float:
        return sum(part.wrap(width, self.height)[1] for part in group) + STACK_GAP * (len(group) - 1)

    def _band_parts(self, styles: dict[str, ParagraphStyle]) -> list[Paragraph]:
        parts = [self._para(self.blocks.title, styles["band-title"])] if self.blocks.title else []
        if self.blocks.name:
            parts.append(self._para(self.blocks.name, styles["band-name"]))
        return parts

    def aside_size(self) -> tuple[float, float]:
        """Width and height of the aside: stacked in a sidebar (landscape) or side by side (portrait)."""
        if not self.aside:
            return 0, 0
        heights = [self._group_height(g, w) for g, w in zip(self.aside, self._group_widths(), strict=True)]
        if self.sidebar:
            return self.aside_width, sum(heights) + GAP * (len(heights) - 1)
        return self.page.inner_width, max(heights)

    # -- measuring at one size ---------------------------------------------------------------------

    def arrange(self, size: float, columns: int) -> Arrangement:
        page = self.page
        widest = max((step.number for step in self.blocks.steps), key=len)
        styles = self.theme.poster_styles(size, "8" * len(widest))
        safety = None
        safety_height = 0.0
        if self.blocks.safety:
            title = f"<b>{self.blocks.safety_title}:</b>   " if self.blocks.safety_title else ""
            safety = self._para(title + "   •   ".join(self.blocks.safety), styles["safety"])
            safety_height = page.safety_height(safety.wrap(page.safety_text_width, self.height)[1])
        aside_width, aside_height = self.aside_size()
        area_width = page.area_width(aside_width if self.sidebar else 0)
        strip = aside_height if not self.sidebar and self.aside else 0
        area_height = page.area_height(self.band_height, safety_height, self.sources_height, strip)
        column_width = page.column_width(area_width, columns)
        steps = []
        too_narrow = False
        repeat_colour = styles["repeat"].textColor.hexval().replace("0x", "#")
        for step in self.blocks.steps:
            # The count follows the cue on its line, in the brand colour and the regular weight.
            count = (
                f' <font name="{self.theme.fonts.regular}" color="{repeat_colour}">\u2013\u00a0{_unbroken(step.repeat)}</font>'
                if step.repeat
                else ""
            )
            cue = self._para(step.cue + count, styles["cue"], bulletText=step.number)
            # A word wider than its line would be broken in two: this size does not fit this layout.
            room = page.cue_width(column_width, size, bool(step.picture), styles["cue"].leftIndent)
            too_narrow = too_narrow or cue.minWidth() > room
            text: Flowable = self._thumbnail(cue, step.picture, size, column_width) if step.picture else cue
            steps.append(Unbreakable([text], f"step {step.number}", space_after=size * STEP_SPACE))
        heights = [step.wrap(column_width, area_height)[1] + step.getSpaceAfter() for step in steps]
        if too_narrow:
            heights = [math.inf for _ in heights]
        return Arrangement(size, styles, safety, safety_height, steps, heights, area_height, column_width, columns)

    def _thumbnail(self, text: Flowable, src: str, size: float, width: float) -> Flowable:
        """The cue with the step's picture beside it, about three lines of cue tall."""
        side = geometry.thumbnail_side(size)
        thumb = PictureFlowable(template_picture(self.folder, src, self.blocks.where), side, side, self.theme.greyscale)
        return beside(text, thumb, max(1.0, width - side - THUMBNAIL_GAP), side + THUMBNAIL_GAP, self.theme.fonts.regular)

    def _measure(self, half_points: int, columns: int) -> tuple[float, fit.Fit]:
        if (half_points, columns) not in self._arranged:
            self._arranged[half_points, columns] = self.arrange(half_points / 2, columns)
        arrangement = self._arranged[half_points, columns]
        if arrangement.area_height <= 0:
            return arrangement.area_height, None
        return arrangement.area_height, fit.partition(arrangement.heights, arrangement.columns, arrangement.area_height)

    # -- the fit search -----------------------------------------------------------------------------

    def fit(self) -> tuple[Arrangement, list[int]]:
        """The largest step size (in half points) and column count at which the page holds everything."""
        profile = self.theme.profile
        choices = fit.column_choices(len(self.blocks.steps), self.page.landscape)
        best = fit.largest(round(profile.poster_floor * 2), round(profile.poster_ceiling * 2), choices, self._measure)
        if best is None:
            raise self._too_big(choices)
        found = self._measure(*best)[1]
        assert found is not None
        return self._arranged[best], found[1]

    def _too_big(self, choices: list[int]) -> PosterFitError:
        profile = self.theme.profile
        columns = max(choices)
        arrangement = self.arrange(profile.poster_floor, columns)
        heights = [h for h in arrangement.heights if math.isfinite(h)] or [arrangement.area_height * columns * 2]
        needed = sum(heights) / max(1.0, arrangement.area_height * columns)
        paper = "A3" if self.width * self.height < 842 * 1191 - 1 else "a larger paper"
        return PosterFitError(
            f"the poster does not fit on one page even with step text at {profile.poster_floor:g} pt: the steps need "
            f"about {needed:.0%} of the room there is. Shorten the cues (the 'cue' of each step), use fewer steps, "
            f"or print it on {paper} (--paper A3)"
        )

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
        logo = bool(self.logo)
        self.band.draw(canvas, m, top, page.inner_width, self.band_height, page.band_text_x(logo), page.band_text_width(logo))
        top -= self.band_height + GAP
        if arrangement.safety:
            box = arrangement.safety_height - GAP
            canvas.setFillColor(HexColor(theme.accent_tint))
            canvas.rect(m, top - box, page.inner_width, box, stroke=0, fill=1)
            canvas.setFillColor(HexColor(theme.accent))
            canvas.rect(m, top - box, BAR, box, stroke=0, fill=1)
            _, h = arrangement.safety.wrap(page.safety_text_width, self.height)
            arrangement.safety.drawOn(canvas, m + SAFETY_TEXT_X, top - box / 2 - h / 2)
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
                top = self._draw_group(canvas, group, x, top, width) - GAP
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
            top -= h + STACK_GAP
        return top + STACK_GAP


def _unbroken(markup: str) -> str:
    """`markup` with the spaces of its text (not of its tags) made non-breaking: a count moves as one."""
    return "".join(part if part.startswith("<") else part.replace(" ", "\u00a0") for part in TAG.split(markup))
