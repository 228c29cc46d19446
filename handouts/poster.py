"""The one-page fridge poster: its regions, the fit search, and the PDF.

Regions, top to bottom: a band (logo, routine title, clinic name), a safety
strip, the steps in one to three columns, and an aside holding the QR code,
the tick-box tracker and the clinic's contact (a sidebar on landscape paper,
a strip along the bottom on portrait), then a small sources line.

The step size is the largest between the profile's floor and ceiling at which
everything fits, found by binary search with platypus `wrap` measurements.
Nothing is ever scaled down as a picture.
"""

from __future__ import annotations

import io
import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, FrameBreak, PageTemplate, Paragraph

from handouts import images, schema
from handouts.errors import LayoutError, TemplateError
from handouts.fonts import TAG
from handouts.images import PictureFlowable
from handouts.layout import CachedParagraph, Unbreakable, beside, inner, template_picture
from handouts.pages import Metadata
from handouts.templating import Layout
from handouts.theme import Theme
from handouts.widgets import QrFlowable, Tracker

GAP = 10.0  # points between regions
COLUMN_GAP = 22.0


class PosterFitError(LayoutError):
    """Raised when the routine cannot fit on one page even at the profile's floor size."""


@dataclass(frozen=True)
class PosterBlocks:
    """What the poster template asked for, as paragraph markup."""

    title: str
    name: str
    safety_title: str | None
    safety: tuple[str, ...]
    steps: tuple[tuple[str, str, str | None, str | None], ...]  # number, cue, repeat, picture

    qr: tuple[str, str | None] | None  # url, caption
    tracker: tuple[int, str | None] | None  # weeks, title
    contact: str | None
    sources: str | None
    where: str  # the template's file, for errors about what it asked for


def _child(element: ET.Element | None, tag: str) -> str | None:
    found = element.find(tag) if element is not None else None
    return inner(found) if found is not None else None


def parse(layout: Layout, fonts: Collection[str]) -> PosterBlocks:
    """Poster layout XML -> blocks; the schema rejects anything a poster does not hold."""
    root = schema.parse(layout.xml, schema.POSTER, layout.where, fonts)
    known = {"band", "safety", "steps", "qr", "tracker", "contact", "sources"}
    for element in root:
        if element.tag not in known:
            raise TemplateError(
                f"{layout.where}: <{element.tag}> cannot stand at the top of a poster (known: {', '.join(sorted(known))})"
            )
    band, safety, qr, tracker = (root.find(tag) for tag in ("band", "safety", "qr", "tracker"))
    steps = tuple(
        (
            step.get("number", str(index)),
            _child(step, "cue") or "",
            _child(step, "repeat"),
            picture.get("src") if (picture := step.find("picture")) is not None else None,
        )
        for index, step in enumerate(root.iterfind("steps/step"), 1)
    )
    if not steps:
        raise TemplateError(f"{layout.where}: the poster template has no <steps><step> elements")
    contact, sources = root.find("contact"), root.find("sources")
    return PosterBlocks(
        title=_child(band, "title") or "",
        name=_child(band, "name") or "",
        safety_title=_child(safety, "title"),
        safety=tuple(inner(item) for item in safety.iterfind("item")) if safety is not None else (),
        steps=steps,
        qr=(qr.get("url", ""), _child(qr, "caption")) if qr is not None else None,
        tracker=(schema.whole(tracker, "weeks", 2), _child(tracker, "title")) if tracker is not None else None,
        contact=inner(contact) if contact is not None else None,
        sources=inner(sources) if sources is not None else None,
        where=layout.where,
    )


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
    """Places the blocks on one page of `pagesize`; `fit()` then `pdf()`."""

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
        self.width, self.height = pagesize
        self.landscape = self.width > self.height
        self.margin = theme.profile.poster_margin * mm
        self.inner_width = self.width - 2 * self.margin
        self.base = theme.poster_styles(theme.profile.poster_floor)
        self.aside = self._aside_parts(self.base)
        # The aside is a sidebar on landscape paper when it holds a QR code or a tracker; otherwise a bottom strip.
        self.sidebar = self.landscape and any(self._fixed_width(group) for group in self.aside)
        # Paragraphs take any width they are given; the QR code and the tracker set the sidebar's.
        self.aside_width = max([*(self._fixed_width(group) for group in self.aside), 180.0]) if self.aside else 0.0
        self.band = self._band_parts(self.base)
        self.band_height = self._band_height()
        if self.band_height > self.height / 3:
            raise PosterFitError(
                f"the poster's band (the routine title and the clinic name) would take {self.band_height / self.height:.0%} "
                "of the page: shorten the title or the clinic name"
            )
        self.sources = self._para(blocks.sources, self.base["sources"]) if blocks.sources else None
        self.sources_height = self.sources.wrap(self.inner_width, self.height)[1] + GAP if self.sources else 0

    # -- parts that do not depend on the step size --------------------------------------------

    def _para(self, markup: str, style: ParagraphStyle) -> Paragraph:
        try:
            return CachedParagraph(self.theme.restyle(markup), style)
        except ValueError as exc:
            raise TemplateError(f"invalid inline markup {markup[:60]!r}: {exc}") from None

    def _aside_parts(self, styles: dict[str, ParagraphStyle]) -> list[list[Flowable]]:
        """Groups of flowables kept together: QR code and caption, tracker, contact."""
        groups: list[list[Flowable]] = []
        blocks = self.blocks
        if blocks.qr and blocks.qr[0]:
            url, caption = blocks.qr
            size = max(96.0, styles["caption"].fontSize * 8)
            group: list[Flowable] = [QrFlowable(url, size)]
            if caption:
                group.append(self._para(caption, styles["caption"]))
            groups.append(group)
        if blocks.tracker and blocks.tracker[0] > 0:
            weeks, title = blocks.tracker
            heading = self._para(title, styles["tracker"]) if title else None
            groups.append([Tracker(self.days, weeks, styles["tracker"], heading)])
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
        fixed = [self._fixed_width(group) for group in self.aside]
        flexible = [i for i, w in enumerate(fixed) if not w]
        spare = self.inner_width - sum(fixed) - GAP * 2 * (len(fixed) - 1)
        share = max(120.0, spare / len(flexible)) if flexible else 0.0
        return [w or share for w in fixed]

    def _group_height(self, group: list[Flowable], width: float) -> float:
        return sum(part.wrap(width, self.height)[1] for part in group) + 4 * (len(group) - 1)

    def _band_parts(self, styles: dict[str, ParagraphStyle]) -> list[Paragraph]:
        parts = [self._para(self.blocks.title, styles["band-title"])] if self.blocks.title else []
        if self.blocks.name:
            parts.append(self._para(self.blocks.name, styles["band-name"]))
        return parts

    def _band_text_x(self) -> float:
        return self.margin + 12 + (self.LOGO + 12 if self.logo else 0)

    LOGO = 44.0

    def _band_height(self) -> float:
        width = self.inner_width - (self._band_text_x() - self.margin) - 12
        text = sum(p.wrap(width, self.height)[1] for p in self.band)
        return max(self.LOGO if self.logo else 0, text) + 20

    # -- the fit search --------------------------------------------------------------------------

    def aside_size(self) -> tuple[float, float]:
        """Width and height of the aside: stacked in a sidebar (landscape) or side by side (portrait)."""
        if not self.aside:
            return 0, 0
        heights = [self._group_height(g, w) for g, w in zip(self.aside, self._group_widths(), strict=True)]
        if self.sidebar:
            return self.aside_width, sum(heights) + GAP * (len(heights) - 1)
        return self.inner_width, max(heights)

    def arrange(self, size: float, columns: int) -> Arrangement:
        widest = max((step[0] for step in self.blocks.steps), key=len)
        styles = self.theme.poster_styles(size, "8" * len(widest))
        safety = None
        safety_height = 0.0
        if self.blocks.safety:
            title = f"<b>{self.blocks.safety_title}:</b>   " if self.blocks.safety_title else ""
            safety = self._para(title + "   •   ".join(self.blocks.safety), styles["safety"])
            safety_height = safety.wrap(self.inner_width - 24, self.height)[1] + 16 + GAP
        aside_width, aside_height = self.aside_size()
        area_width = self.inner_width - (aside_width + COLUMN_GAP if self.sidebar else 0)
        area_height = self.height - 2 * self.margin - self.band_height - GAP - safety_height - self.sources_height
        if not self.sidebar and self.aside:
            area_height -= aside_height + GAP
        column_width = (area_width - COLUMN_GAP * (columns - 1)) / columns
        steps = []
        too_narrow = False
        repeat_colour = styles["repeat"].textColor.hexval().replace("0x", "#")
        for number, cue, repeat, picture in self.blocks.steps:
            # The count follows the cue on its line, in the brand colour and the regular weight.
            count = (
                f' <font name="{self.theme.fonts.regular}" color="{repeat_colour}">\u2013\u00a0{_unbroken(repeat)}</font>'
                if repeat
                else ""
            )
            paragraph = self._bullet(cue + count, styles["cue"], number)
            text_width = column_width - (size * 3.6 + 8 if picture else 0) - styles["cue"].leftIndent
            # A word wider than its line would be broken in two: this size does not fit this layout.
            too_narrow = too_narrow or paragraph.minWidth() > text_width
            text: Flowable = self._thumbnail(paragraph, picture, size, column_width) if picture else paragraph
            steps.append(Unbreakable([text], f"step {number}", space_after=size * 0.6))
        heights = [step.wrap(column_width, area_height)[1] + step.getSpaceAfter() for step in steps]
        if too_narrow:
            heights = [math.inf for _ in heights]
        return Arrangement(size, styles, safety, safety_height, steps, heights, area_height, column_width, columns)

    def _thumbnail(self, text: Flowable, src: str, size: float, width: float) -> Flowable:
        """The cue with the step's picture beside it, about three lines of cue tall."""
        side = size * 3.6
        thumb = PictureFlowable(template_picture(self.folder, src, self.blocks.where), side, side, self.theme.greyscale)
        return beside(text, thumb, max(1.0, width - side - 8), side + 8, self.theme.fonts.regular)

    def _bullet(self, markup: str, style: ParagraphStyle, number: str) -> Paragraph:
        try:
            return CachedParagraph(self.theme.restyle(markup), style, bulletText=number)
        except ValueError as exc:
            raise TemplateError(f"invalid inline markup {markup[:60]!r}: {exc}") from None

    @staticmethod
    def partition(heights: list[float], columns: int, limit: float) -> tuple[float, list[int]] | None:
        """The tallest column and where to break columns so it is as short as possible; None if over `limit`."""
        best: tuple[float, list[int]] | None = None

        def search(start: int, left: int, breaks: list[int], tallest: float) -> None:
            nonlocal best
            if left == 1:
                height = sum(heights[start:])
                top = max(tallest, height)
                if top <= limit and (best is None or top < best[0]):
                    best = (top, breaks)
                return
            total = 0.0
            for end in range(start, len(heights) + 1):
                if end > start:
                    total += heights[end - 1]
                if total > limit:
                    break
                search(end, left - 1, [*breaks, end], max(tallest, total))

        search(0, columns, [], 0.0)
        return best

    def fits(self, arrangement: Arrangement) -> tuple[float, list[int]] | None:
        if arrangement.area_height <= 0:
            return None
        return self.partition(arrangement.heights, arrangement.columns, arrangement.area_height)

    def column_choices(self) -> list[int]:
        """Column counts to try, the usual choice first (it wins ties)."""
        count = len(self.blocks.steps)
        order = ([2, 1, 3] if count > 4 else [1, 2]) if self.landscape else ([1, 2] if count <= 8 else [2, 1])
        return [n for n in order if n <= count]

    def fit(self) -> tuple[Arrangement, list[int]]:
        """The largest step size (in half points) and column count at which the page holds everything.

        A binary search whose first probes are an estimate (text height grows with the square of
        its size), so the usual search measures the page four or five times.
        """
        profile = self.theme.profile
        tried: dict[tuple[int, int], tuple[Arrangement, tuple[float, list[int]] | None]] = {}

        def attempt(half_points: int, columns: int) -> tuple[float, list[int]] | None:
            if (half_points, columns) not in tried:
                arrangement = self.arrange(half_points / 2, columns)
                tried[half_points, columns] = (arrangement, self.fits(arrangement))
            return tried[half_points, columns][1]

        floor, ceiling = round(profile.poster_floor * 2), round(profile.poster_ceiling * 2)
        best: tuple[int, int] | None = None
        for columns in self.column_choices():
            low = floor if best is None else best[0] + 1  # another column count must do strictly better
            first = attempt(low, columns) if low <= ceiling else None
            if first is None:
                continue
            area = tried[low, columns][0].area_height
            probe = int(low * (area / max(first[0], 1.0)) ** 0.5)
            high = ceiling + 1  # the smallest size known not to fit (ceiling + 1: none known)
            step = 1
            while high - low > 1:  # gallop from the estimate, halving once the bracket is known
                if not low < probe < high:
                    probe = (low + high) // 2
                if attempt(probe, columns) is None:
                    high, probe = probe, probe - step
                else:
                    low, probe = probe, probe + step
                step *= 2
            best = (low, columns)
        if best is None:
            raise self._too_big()
        arrangement, found = tried[best]
        assert found is not None
        return arrangement, found[1]

    def _too_big(self) -> PosterFitError:
        profile = self.theme.profile
        columns = max(self.column_choices())
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

    def pdf(self, meta: Metadata) -> tuple[bytes, float]:
        """Lay out the fitted poster; return the PDF bytes and the step size used."""
        arrangement, breaks = self.fit()
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=(self.width, self.height),
            **meta.settings(self.theme.fonts.regular, self.theme.profile.poster_small),
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=self.margin,
            bottomMargin=self.margin,
        )
        area_top = self.height - self.margin - self.band_height - GAP - arrangement.safety_height
        frames = [
            Frame(
                self.margin + index * (arrangement.column_width + COLUMN_GAP),
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
        draw: Callable[[Canvas, BaseDocTemplate], None] = lambda canvas, _doc: self._furniture(canvas, arrangement)  # noqa: E731
        doc.addPageTemplates([PageTemplate("poster", frames, onPage=draw)])
        story: list[Flowable] = []
        for index, step in enumerate(arrangement.steps):
            if index in breaks:
                story.append(FrameBreak())
            story.append(step)
        doc.build(story, canvasmaker=_invariant_canvas)
        if doc.page != 1:  # the measurements above promise one page; never hand over two
            raise LayoutError(f"internal layout error: the poster ran to {doc.page} pages at {arrangement.size} pt")
        return buffer.getvalue(), arrangement.size

    def _furniture(self, canvas: Canvas, arrangement: Arrangement) -> None:
        theme, m = self.theme, self.margin
        canvas.saveState()
        top = self.height - m
        canvas.setFillColor(HexColor(theme.primary))
        canvas.roundRect(m, top - self.band_height, self.inner_width, self.band_height, 6, stroke=0, fill=1)
        if self.logo:
            picture = self.logo
            _, h = picture.fit(self.LOGO, self.LOGO)
            images.draw(
                canvas,
                picture,
                m + 12,
                top - self.band_height / 2 - h / 2,
                self.LOGO,
                self.LOGO,
                flatten=False,
                greyscale=theme.greyscale,
            )
        x = self._band_text_x()
        width = self.inner_width - (x - m) - 12
        heights = [p.wrap(width, self.height)[1] for p in self.band]
        y = top - self.band_height / 2 + sum(heights) / 2
        for paragraph, h in zip(self.band, heights, strict=True):
            paragraph.drawOn(canvas, x, y - h)
            y -= h
        top -= self.band_height + GAP
        if arrangement.safety:
            box = arrangement.safety_height - GAP
            canvas.setFillColor(HexColor(theme.accent_tint))
            canvas.rect(m, top - box, self.inner_width, box, stroke=0, fill=1)
            canvas.setFillColor(HexColor(theme.accent))
            canvas.rect(m, top - box, 5, box, stroke=0, fill=1)
            _, h = arrangement.safety.wrap(self.inner_width - 24, self.height)
            arrangement.safety.drawOn(canvas, m + 14, top - box / 2 - h / 2)
            top -= arrangement.safety_height
        self._draw_aside(canvas, top)
        if self.sources:
            self.sources.wrap(self.inner_width, self.height)
            self.sources.drawOn(canvas, m, m)
        canvas.restoreState()

    def _draw_aside(self, canvas: Canvas, top: float) -> None:
        if not self.aside:
            return
        widths = self._group_widths()
        if self.sidebar:
            x = self.width - self.margin - self.aside_width
            for group, width in zip(self.aside, widths, strict=True):
                top = self._draw_group(canvas, group, x, top, width) - GAP
            return
        _, height = self.aside_size()
        top = self.margin + self.sources_height + height
        spare = (self.inner_width - sum(widths)) / max(1, len(widths) - 1)
        x = self.margin
        for group, width in zip(self.aside, widths, strict=True):
            self._draw_group(canvas, group, x, top, width)
            x += width + spare

    def _draw_group(self, canvas: Canvas, group: list[Flowable], x: float, top: float, width: float) -> float:
        """Draw `group` stacked down from `top`; return where it ends."""
        for part in group:
            _, h = part.wrap(width, self.height)
            part.drawOn(canvas, x, top - h)
            top -= h + 4
        return top + 4


def _unbroken(markup: str) -> str:
    """`markup` with the spaces of its text (not of its tags) made non-breaking: a count moves as one."""
    return "".join(part if part.startswith("<") else part.replace(" ", "\u00a0") for part in TAG.split(markup))


def _invariant_canvas(*args: object, **kwargs: object) -> Canvas:
    kwargs["invariant"] = 1
    return Canvas(*args, **kwargs)  # type: ignore[arg-type]
