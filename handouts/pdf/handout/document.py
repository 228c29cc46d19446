"""The handout's pages: frames, the brand band, the footer and "Page X of Y", and the two steps of
rendering (layout XML -> flowables, inspectable; flowables -> PDF bytes).

Frames and furniture are Python, not template: a clinic's template can move
blocks around but cannot break the page grid.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.doctemplate import LayoutError as ReportlabLayoutError

from handouts.errors import LayoutError
from handouts.layout.templating import Layout
from handouts.media import images
from handouts.media.fonts import escape
from handouts.pdf.breaks import packed, text_width, tied
from handouts.pdf.flowables import CachedParagraph, Metadata, Step, Unbreakable, fitted_band, reportlab_settings
from handouts.pdf.handout.blocks import Builder
from handouts.pdf.theme import Theme
from handouts.words.labels import LABELS

BAND_HEIGHT = 26 * mm
BAND_PADDING = 5 * mm
PRINT_SAFE = 12 * mm  # nothing is printed closer to the paper's edge: home printers cannot reach it
PAGE_LABEL = LABELS["page"]  # in English; handout_pdf is given it in the routine's language
FOOTER_SEPARATOR = "  ·  "


class BrandLayoutError(LayoutError):
    """A part of brand.yaml (`key`) that leaves the handout's pages no room."""


def numbered_canvas(style: ParagraphStyle, x: float, y: float, label: str = PAGE_LABEL) -> type[Canvas]:
    """A canvas class that holds pages back until the end, then stamps "Page X of Y" (`label`) at (x, y)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["invariant"] = 1
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []
            self._marks: list[tuple[str, dict[str, Any]]] = []  # bookmarks on the page being drawn

        def bookmarkPage(self, key: str, **kwargs: Any) -> None:  # noqa: N802 (reportlab's name)
            # A bookmark names the page it is on, which exists only once the page is really shown: save() sets it.
            self._marks.append((key, kwargs))

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._held.append(dict(self.__dict__))
            self._marks = []
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                for key, kwargs in self._marks:
                    Canvas.bookmarkPage(self, key, **kwargs)
                self.setFont(style.fontName, style.fontSize)
                self.setFillColor(style.textColor)
                self.drawRightString(x, y, label % {"page": self._pageNumber, "pages": total})
                super().showPage()
            super().save()

    return NumberedCanvas


class HandoutDoc(BaseDocTemplate):
    """Portrait pages: a brand band on page 1, a slim band after, a footer on every page."""

    def __init__(
        self,
        target: Any,
        theme: Theme,
        styles: dict[str, ParagraphStyle],
        pagesize: tuple[float, float],
        meta: Metadata,
        logo: images.Picture | None,
        page_label: str = PAGE_LABEL,
    ) -> None:
        self.theme = theme
        self.page_label = page_label
        self.styles = styles
        self.meta = meta
        self._outline_count, self._outline_level = 0, -1
        self.logo = logo
        width, height = pagesize
        margin = theme.margin
        inner_width = width - 2 * margin
        footer = styles["footer"]
        widest = page_label % {"page": 888, "pages": 888}
        self.page_label_width = stringWidth(widest, footer.fontName, footer.fontSize) + 4 * mm
        self.footer = self._footer_paragraphs(inner_width - self.page_label_width)
        self.footer_height = sum(p.wrap(inner_width - self.page_label_width, height)[1] for p in self.footer) + 8
        bottom = PRINT_SAFE + self.footer_height + 10
        if self.footer_height > height / 4:
            key = ("footer",) if theme.brand.footer else ("contact",)
            share = f"{self.footer_height / height:.0%}"
            message = f"the footer would take {share} of every page: shorten the disclaimer or the address"
            raise BrandLayoutError(message, key)
        super().__init__(
            target,
            pagesize=pagesize,
            leftMargin=margin,
            rightMargin=margin,
            topMargin=margin,
            bottomMargin=bottom,
            **meta.settings(theme.fonts.regular, theme.profile.body),
        )
        self.band, self.band_text_x, self.band_height = fitted_band(
            theme,
            logo,
            self._band_paragraphs(),
            inner_width,
            BAND_HEIGHT - 2 * BAND_PADDING,
            BAND_PADDING,
            margin,
            lambda text_height: max(BAND_HEIGHT, text_height + 2 * BAND_PADDING),
        )
        if self.band_height > height / 4:
            share = f"{self.band_height / height:.0%}"
            message = f"the header band would take {share} of the first page: shorten the clinic name or the tagline"
            longer = "tagline" if len(theme.brand.tagline or "") > len(theme.brand.name) else "name"
            raise BrandLayoutError(message, (longer,))

        def frame(name: str, top: float) -> Frame:
            return Frame(
                margin, bottom, inner_width, top - bottom, id=name, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0
            )

        first = frame("first", height - PRINT_SAFE - self.band_height - 8 * mm)
        later = frame("later", height - max(margin, PRINT_SAFE + 4 * mm))
        self.body_height = max(first.height, later.height)  # a block may move to a later page
        self.addPageTemplates(
            [
                # The footer is drawn after the page's content, so that text extraction and screen readers
                # meet the content first; the band on top of page 1 comes first, as it is read.
                PageTemplate("first", [first], onPage=self._first_page, onPageEnd=self._footer, autoNextPageTemplate="later"),
                PageTemplate("later", [later], onPage=self._later_page, onPageEnd=self._footer),
            ]
        )

    def canvasmaker_for(self) -> type[Canvas]:
        footer = self.styles["footer"]
        x, y = self.pagesize[0] - self.rightMargin, self._footer_top() - footer.fontSize
        return numbered_canvas(footer, x, y, self.page_label)

    def _paragraph(self, text: str, style: str) -> Paragraph:
        return CachedParagraph(self.theme.fonts.fallback(text), self.styles[style])

    def _footer_paragraphs(self, width: float) -> list[Paragraph]:
        """Name and contact details, address, disclaimer; large print keeps name and phone only
        (its template prints the rest in full at the end). The details are separated by dots within a
        line, never at its start or end."""
        brand = self.theme.brand
        contact = brand.contact
        phone = tied(escape(contact.phone or ""))
        if not self.theme.profile.full_footer:
            return [self._paragraph(line, "footer") for line in (f"<b>{escape(brand.name)}</b>", phone) if line]
        style = self.styles["footer"]
        details = [
            f"<b>{escape(brand.name)}</b>",
            *(v for v in (phone, escape(contact.email or ""), escape(contact.website or "")) if v),
        ]
        lines = ["<br/>".join(packed(details, width, lambda line: text_width(line, style), FOOTER_SEPARATOR))]
        if contact.address:
            lines.append(escape(contact.address))
        if brand.footer:
            lines.append(escape(brand.footer))
        return [self._paragraph(line, "footer") for line in lines]

    def _band_paragraphs(self) -> list[Paragraph]:
        brand = self.theme.brand
        lines = [self._paragraph(escape(brand.name), "band-name")]
        if brand.tagline:
            lines.append(self._paragraph(escape(brand.tagline), "band-tagline"))
        return lines

    def _footer_top(self) -> float:
        return PRINT_SAFE + self.footer_height

    def _draw_footer(self, canvas: Canvas) -> None:
        width = self.pagesize[0]
        top = self._footer_top()
        canvas.setStrokeColor(HexColor(self.theme.primary))
        canvas.setLineWidth(0.8)
        canvas.line(self.leftMargin, top + 4, width - self.rightMargin, top + 4)
        y = top - 2
        text_width = width - self.leftMargin - self.rightMargin - self.page_label_width
        for paragraph in self.footer:
            _, h = paragraph.wrap(text_width, top)
            paragraph.drawOn(canvas, self.leftMargin, y - h)
            y -= h

    def _first_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self.meta.stamp(canvas)
        width, height = self.pagesize
        canvas.saveState()
        inner_width = width - self.leftMargin - self.rightMargin
        top = height - PRINT_SAFE
        self.band.draw(canvas, self.leftMargin, top, inner_width, self.band_height, self.band_text_x)
        canvas.restoreState()

    def _later_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = self.pagesize
        canvas.saveState()
        canvas.setFillColor(HexColor(self.theme.primary))
        canvas.rect(self.leftMargin, height - PRINT_SAFE - 3, width - self.leftMargin - self.rightMargin, 3, stroke=0, fill=1)
        canvas.restoreState()

    def _footer(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        self._draw_footer(canvas)
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab's name)
        """A bookmark in the PDF's outline for each block the builder marked (title, headings, steps)."""
        entry = getattr(flowable, "outline", None)
        if entry is None:
            return
        level, text = entry
        key = f"outline{self._outline_count}"
        self._outline_count += 1
        self.canv.bookmarkPage(key, fit="XYZ", top=self.frame._y + flowable.height if self.frame else None)
        self.canv.addOutlineEntry(text, key, level=min(level, self._outline_level + 1), closed=False)
        self._outline_level = level
        if self._outline_count == 1:
            self.canv.showOutline()


def frame_width(theme: Theme, pagesize: tuple[float, float]) -> float:
    return pagesize[0] - 2 * theme.margin


def flowables(
    layout: Layout, theme: Theme, styles: dict[str, ParagraphStyle], pagesize: tuple[float, float], base: Path
) -> list[Flowable]:
    """Step one: the layout XML as platypus flowables (pictures found relative to `base`)."""
    return Builder(theme, styles, frame_width(theme, pagesize), base, pagesize[1]).build(layout)


def handout_pdf(
    story: list[Flowable],
    theme: Theme,
    styles: dict[str, ParagraphStyle],
    pagesize: tuple[float, float],
    meta: Metadata,
    logo: images.Picture | None,
    page_label: str = PAGE_LABEL,
) -> bytes:
    """Step two: lay out `story` on handout pages ("Page X of Y" worded by `page_label`) and return the PDF bytes."""
    reportlab_settings()
    buffer = io.BytesIO()
    doc = HandoutDoc(buffer, theme, styles, pagesize, meta, logo, page_label)
    check_blocks_fit(story, frame_width(theme, pagesize), doc.body_height)
    try:
        doc.build(story, canvasmaker=doc.canvasmaker_for())
    except ReportlabLayoutError as exc:
        raise LayoutError(f"a block is too tall to fit on one page: {str(exc)[:160]}") from None
    return buffer.getvalue()


def check_blocks_fit(story: list[Flowable], width: float, height: float) -> None:
    """A block that may not split (a step) must fit on one page; say which one does not."""
    for flowable in story:
        if isinstance(flowable, Unbreakable) and not isinstance(flowable, Step):  # a step's text may go on
            _, needed = flowable.wrap(width, height)
            if needed > height:
                raise LayoutError(
                    f"{flowable.label} is too long to fit on one page (it needs {needed / height:.1f} pages): "
                    "shorten its text or split it into two steps"
                )
