"""The handout's pages: frames, the brand band, the footer and "Page X of Y", and the two steps of
rendering (document nodes -> flowables, inspectable; flowables -> PDF bytes, tagged as they are drawn).

The band on page 1 is read first (the logo a Figure, the clinic's name and tagline P); the full footer
(contact details, address, disclaimer) is read last, once, as a Sect at the end of the tree, from page 1;
later pages' rule, the footer's repeats, large print's short footer (its details are in the body) and
"Page X of Y" are artifacts.

Frames and furniture are Python, not template: a clinic's template can move
blocks around but cannot break the page grid.
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.doctemplate import LayoutError as ReportlabLayoutError

from handouts.errors import LayoutError
from handouts.layout import nodes as n
from handouts.media import images
from handouts.media.fonts import Fonts
from handouts.media.printed import Printed, noted
from handouts.pdf.breaks import packed
from handouts.pdf.flowables import (
    LOGO_LEAST,
    BalancedParagraph,
    CachedParagraph,
    Metadata,
    Step,
    Unbreakable,
    fitted_band,
    reportlab_settings,
)
from handouts.pdf.handout import geometry as g
from handouts.pdf.handout.blocks import Box, Builder, HeadingBreak, Story
from handouts.pdf.paragraphs import Markup, clipped, draw_string, string_width
from handouts.pdf.scale import WholeScale
from handouts.pdf.structure import canvasmaker
from handouts.pdf.tagged import tag
from handouts.pdf.tagging import PAGINATION, Node, Tagger, artifact, element
from handouts.pdf.theme import Theme
from handouts.words.i18n import language_of
from handouts.words.labels import LABELS

PAGE_LABEL = LABELS["page"]  # in English; handout_pdf is given it in the routine's language


def numbered_canvas(style: ParagraphStyle, x: float, y: float, fonts: Fonts, label: str = PAGE_LABEL) -> type[Canvas]:
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
                with artifact(self, PAGINATION):
                    self.setFillColor(style.textColor)
                    text = label % {"page": self._pageNumber, "pages": total}
                    draw_string(self, x, y, text, style.fontName, style.fontSize, fonts, align="right")
                super().showPage()
            super().save()

    return NumberedCanvas


def first_baseline(paragraph: Paragraph) -> float:
    """How far below its top reportlab sets a wrapped `paragraph`'s first baseline: its first line's largest
    size, not its style's."""
    lines = paragraph.blPara.lines
    return max(getattr(lines[0], "fontSize", 0.0), paragraph.style.fontSize) if lines else paragraph.style.fontSize


def drawn_height(paragraph: Paragraph, width: float, height: float) -> float:
    """The height `paragraph` takes as reportlab draws it: a first line with larger text (the footer's phone
    number, at body size) sets the paragraph lower than `wrap` says, by the difference."""
    _, wrapped = paragraph.wrap(width, height)
    return wrapped + first_baseline(paragraph) - paragraph.style.fontSize


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
        structure: Node | None = None,
        digits: int = 2,
    ) -> None:
        """`structure`: the tree's root (a Document) the band's logo and text go into, first. `digits`: the most a
        page's number and the count have, for which the footer's text leaves room beside "Page X of Y"."""
        self.theme = theme
        self.structure = structure or Node("Document")
        self.page_label = page_label
        self.styles = styles
        self.meta = meta
        self._outline_count, self._outline_level = 0, -1
        self.logo = logo
        width, height = pagesize
        margin = theme.margin
        inner_width = width - 2 * margin
        footer = styles["footer"]
        self.markup = Markup(theme.fonts, theme.profile.upright, theme.primary_text, theme.language)
        widest = page_label % {"page": int("8" * digits), "pages": int("8" * digits)}
        self.page_label_width = string_width(widest, footer.fontName, footer.fontSize, theme.fonts) + g.PAGE_LABEL_GAP
        # which handout a layout error is about: a name or tagline may fit the standard band but not large print's
        document = theme.profile.called("handout")
        if self.page_label_width > inner_width * g.PAGE_LABEL_SHARE:  # it left the footer's text no room at all
            share = f"{self.page_label_width / inner_width:.0%}"
            message = f"the page numbers' label {page_label!r} would take {share} of the {document}'s footer: shorten it"
            raise LayoutError(message, ("labels",), file="brand")
        lines = self._footer_paragraphs(inner_width - self.page_label_width)
        self.footer = [paragraph for paragraph, _ in lines]
        # read once, after the body: the full footer's lines (large print's short one repeats what the body says)
        self.footer_nodes: list[Node] = []
        if theme.profile.full_footer:
            sect = self.structure.add("Sect")
            self.footer_nodes = [sect.add("P", lang=language) for _, language in lines]
        self.footer_height = sum(drawn_height(p, inner_width - self.page_label_width, height) for p in self.footer)
        self.footer_height += g.FOOTER_PADDING
        bottom = g.PRINT_SAFE + self.footer_height + g.FOOTER_GAP
        if self.footer_height > height * g.MOST_OF_A_PAGE:
            key = ("footer",) if theme.brand.footer else ("contact",)
            share = f"{self.footer_height / height:.0%}"
            message = f"the {document}'s footer would take {share} of every page: shorten the disclaimer or the address"
            raise LayoutError(message, key, file="brand")
        super().__init__(
            target,
            pagesize=pagesize,
            leftMargin=margin,
            rightMargin=margin,
            topMargin=margin,
            bottomMargin=bottom,
            **meta.settings(theme.fonts.regular, theme.profile.body),
        )
        lines = self._band_lines()
        # A long name is set smaller rather than fill the page, and rather than shrink a wide logo to a sliver;
        # only a band too tall even so lets the logo narrow further.
        for least, name_style in itertools.product((LOGO_LEAST, 0.0), self._band_name_styles()):
            chosen = {**styles, "band-name": name_style}
            paragraphs = [CachedParagraph(markup, chosen[style]) for markup, style in lines]
            self.band, self.band_text_x, self.band_height = fitted_band(
                theme,
                logo,
                paragraphs,
                inner_width,
                g.BAND_HEIGHT - 2 * g.BAND_PADDING,
                g.BAND_PADDING,
                margin,
                lambda text_height: max(g.BAND_HEIGHT, text_height + 2 * g.BAND_PADDING),
                least,
            )
            if self.band_height <= height * g.MOST_OF_A_PAGE:
                break
        else:
            share = f"{self.band_height / height:.0%}"
            message = f"the {document}'s header band would take {share} of its first page: shorten the clinic name or the tagline"
            longer = "tagline" if len(theme.brand.tagline or "") > len(theme.brand.name) else "name"
            raise LayoutError(message, (longer,), file="brand")
        for paragraph, node in zip(paragraphs, self.band_nodes, strict=True):
            tag(paragraph, node)

        column = column_width(theme, pagesize)

        def frame(name: str, top: float) -> Frame:
            return Frame(
                margin, bottom, column, top - bottom, id=name, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0
            )

        first = frame("first", height - g.PRINT_SAFE - self.band_height - g.BAND_GAP)
        later = frame("later", height - max(margin, g.LATER_TOP))
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
        drop = first_baseline(self.footer[0]) if self.footer else footer.fontSize  # on the footer's first line
        x, y = self.pagesize[0] - self.rightMargin, self._footer_top() - g.FOOTER_TEXT_DROP - drop
        return numbered_canvas(footer, x, y, self.theme.fonts, self.page_label)

    def _paragraph(self, markup: str, style: str, balanced: bool = False) -> Paragraph:
        return (BalancedParagraph if balanced else CachedParagraph)(markup, self.styles[style])

    def _footer_paragraphs(self, width: float) -> list[tuple[Paragraph, str | None]]:
        """Name and contact details, address, disclaimer; large print keeps name and phone only
        (its template prints the rest in full at the end), the name on one line (its first words and an
        ellipsis if it is long: four lines of it at 18 pt on every page crowded the text). The details are
        separated by dots within a line, never at its start or end. Each with the language it is in where it
        is not the routine's (a disclaimer the clinic gave in no other)."""
        brand, text = self.theme.brand, self.markup.text
        contact = brand.contact
        body = self.theme.profile.body  # the phone number is safety information: at body size, as the text
        name = text(brand.name, bold=True)
        phone = text(contact.phone, tied=True, size=body) if contact.phone else ""
        style = self.styles["footer"]
        fonts = self.theme.fonts
        if not self.theme.profile.full_footer:  # furniture on every page: the name on one line, cut short if long
            short = text(clipped(brand.name, width, fonts.bold, style.fontSize, fonts), bold=True)
            return [(self._paragraph(line, "footer"), None) for line in (short, phone) if line]
        details = [(brand.name, name), *((v, text(v)) for v in (contact.email, contact.website) if v)]
        if contact.phone:
            details.insert(1, (contact.phone, phone))
        widths = {markup: string_width(plain, style.fontName, style.fontSize, fonts) for plain, markup in details}
        widths[name] = string_width(brand.name, fonts.bold, style.fontSize, fonts)
        if contact.phone:
            widths[phone] = string_width(contact.phone, style.fontName, body, fonts)
        separator = string_width(g.FOOTER_SEPARATOR, style.fontName, style.fontSize, fonts)
        between = text(g.FOOTER_SEPARATOR)
        packed_details = " <br/>".join(packed([markup for _, markup in details], width, widths, separator, between))
        paragraphs = [(self._paragraph(packed_details, "footer"), None)]
        # The address and the disclaimer balanced, never ending on a word alone ("… your therapist or / GP.")
        if contact.address:
            paragraphs.append((self._paragraph(text(contact.address), "footer", balanced=True), None))
        if brand.footer:
            paragraphs.append((self._paragraph(text(brand.footer), "footer", balanced=True), language_of(brand.footer)))
        return paragraphs

    def _band_lines(self) -> list[tuple[str, str]]:
        """The clinic's name and tagline (markup and style name), read first, after the logo (a Figure, first
        in the tree): their nodes are `band_nodes`."""
        brand = self.theme.brand
        self.logo_node = Node("Figure", alt=brand.name) if self.logo else None  # a logo's text: the clinic's name
        lines = [(brand.name, "band-name"), *([(brand.tagline, "band-tagline")] if brand.tagline else [])]
        self.band_nodes = [Node("P", lang=language_of(text)) for text, _ in lines]
        self.structure.prepend(*([self.logo_node] if self.logo_node else []), *self.band_nodes)
        return [(self.markup.text(text), style) for text, style in lines]

    def _band_name_styles(self) -> list[ParagraphStyle]:
        """The clinic's name at its size in the band, then a point smaller at a time down to the body text's
        size: a long name (a practice's full legal name) is set smaller before its band takes a quarter of the
        page, never below the text it heads."""
        style = self.styles["band-name"]
        ratio = style.leading / style.fontSize
        body = self.theme.profile.body
        sizes = [style.fontSize - step for step in range(int(style.fontSize - body) + 1)]
        smaller = [size for size in sizes[1:] if size >= body]
        made = [ParagraphStyle(f"band-name-{size:g}", parent=style, fontSize=size, leading=size * ratio) for size in smaller]
        return [style, *made]

    def _footer_top(self) -> float:
        return g.PRINT_SAFE + self.footer_height

    def _draw_footer(self, canvas: Canvas) -> None:
        width = self.pagesize[0]
        top = self._footer_top()
        with artifact(canvas, PAGINATION):
            canvas.setStrokeColor(HexColor(self.theme.primary))
            canvas.setLineWidth(g.FOOTER_RULE)
            canvas.line(self.leftMargin, top + g.FOOTER_RULE_GAP, width - self.rightMargin, top + g.FOOTER_RULE_GAP)
        y = top - g.FOOTER_TEXT_DROP
        text_width = width - self.leftMargin - self.rightMargin - self.page_label_width
        nodes = self.footer_nodes if canvas.getPageNumber() == 1 else []
        for index, paragraph in enumerate(self.footer):
            _, h = paragraph.wrap(text_width, top)
            with element(canvas, nodes[index]) if nodes else artifact(canvas, PAGINATION):
                paragraph.drawOn(canvas, self.leftMargin, y - h)
            y -= drawn_height(paragraph, text_width, top)

    def _first_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self.meta.stamp(canvas)
        width, height = self.pagesize
        canvas.saveState()
        inner_width = width - self.leftMargin - self.rightMargin
        top = height - g.PRINT_SAFE
        self.band.draw(canvas, self.leftMargin, top, inner_width, self.band_height, self.band_text_x, self.logo_node)
        canvas.restoreState()

    def _later_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = self.pagesize
        canvas.saveState()
        with artifact(canvas, PAGINATION):
            canvas.setFillColor(HexColor(self.theme.primary))
            rule = g.LATER_RULE
            canvas.rect(
                self.leftMargin, height - g.PRINT_SAFE - rule, width - self.leftMargin - self.rightMargin, rule, stroke=0, fill=1
            )
        canvas.restoreState()

    def _footer(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        self._draw_footer(canvas)
        canvas.restoreState()

    current: Flowable | None = None  # the block being placed, for the error when it fits no page

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        self.current = flowables[0] if flowables else None
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab's name)
        """A bookmark in the PDF's outline for each block the builder marked (title, headings, steps), and for
        the headings inside a box (what to do, in the help box), each at its own row."""
        entry = getattr(flowable, "outline", None)
        # the frame's place is below the block's space after it (a flowable that draws nothing may have no height)
        top = getattr(flowable, "height", 0.0) + flowable.getSpaceAfter()
        if entry is not None:
            self._bookmark(*entry, top)
        if isinstance(flowable, Box):
            for level, text, below in flowable.heading_tops():
                self._bookmark(level, text, top - below)

    def _bookmark(self, level: int, text: str, top: float) -> None:
        """An outline entry at `level`, going to `top` points above where the frame is, past the block just placed."""
        key = f"outline{self._outline_count}"
        self._outline_count += 1
        self.canv.bookmarkPage(key, fit="XYZ", top=self.frame._y + top if self.frame else None)
        self.canv.addOutlineEntry(text, key, level=min(level, self._outline_level + 1), closed=False)
        self._outline_level = level
        if self._outline_count == 1:
            self.canv.showOutline()


def column_width(theme: Theme, pagesize: tuple[float, float]) -> float:
    """The body's column: the page's width less the margins, or narrower where the clinic's font is so narrow
    that a line would hold more than the profile's `measure` of its average characters (those of
    g.MEASURE_SAMPLE at the body's size): a condensed face set 90 to 110 characters a line between the
    margins, where the profiles promise about 75 and 50. Its left edge stays at the margin."""
    sample = g.MEASURE_SAMPLE
    average = string_width(sample, theme.fonts.regular, theme.profile.body, theme.fonts) / len(sample)
    return min(pagesize[0] - 2 * theme.margin, theme.profile.measure * average)


def frame_width(theme: Theme, pagesize: tuple[float, float]) -> float:
    """The width the handout's frame gives what it holds (column_width), worked out as reportlab's Frame works it
    out (its right edge less its left): the two can differ in the last digit, and a paragraph asked at both
    widths breaks its lines twice."""
    left = theme.margin
    return (left + column_width(theme, pagesize)) - left


def flowables(
    document: n.Document,
    theme: Theme,
    styles: dict[str, ParagraphStyle],
    pagesize: tuple[float, float],
    base: Path,
    continued: str = LABELS["continued"],
    spacing: float = 1.0,
) -> list[Flowable]:
    """Step one: the document's nodes as platypus flowables (pictures found relative to `base`; a box's title
    on the page it goes on to worded by `continued`; the space between blocks times `spacing`, as `styles`')."""
    return Builder(theme, styles, frame_width(theme, pagesize), base, pagesize[1], continued, spacing).build(document)


@dataclass(frozen=True)
class LaidOut:
    """A handout laid out: its count of pages, the share of its last page's frame its text takes, the size each
    raster picture prints at in it, and its document, written out (its PDF's bytes) only when `data` is asked
    for: a layout set aside for another (see render._laid_out) is never written, and its pictures' sizes are
    never warned of."""

    pages: int
    last: float
    pictures: dict[Path, Printed]
    doc: BaseDocTemplate
    buffer: io.BytesIO

    def data(self) -> bytes:
        """The PDF's bytes, tagged (PDF/UA-1): asked for once."""
        self.doc.canv.save()
        return self.buffer.getvalue()


def handout_pdf(
    story: Story,
    theme: Theme,
    styles: dict[str, ParagraphStyle],
    pagesize: tuple[float, float],
    meta: Metadata,
    logo: images.Picture | None,
    page_label: str = PAGE_LABEL,
    digits: int = 2,
) -> LaidOut:
    """Step two: lay out `story` on handout pages ("Page X of Y" worded by `page_label`, the footer's text leaving
    room for numbers of `digits`), the PDF tagged (PDF/UA-1) with the structure the story's flowables draw into
    and written out when its bytes are asked for; its count of pages (where it has more digits, lay out a new
    story with room for them); and how full its last page is (where it holds only a few lines, a tighter story
    may save it)."""
    reportlab_settings()
    buffer = io.BytesIO()
    doc = HandoutDoc(buffer, theme, styles, pagesize, meta, logo, page_label, story.structure, digits)
    tagger = Tagger(story.structure, words=theme.words)
    # "one large-print page": the standard handout may well hold what large print cannot
    page = theme.profile.called("page")
    check_blocks_fit(story, frame_width(theme, pagesize), doc.body_height, page)
    for flowable in story:
        if isinstance(flowable, Box | HeadingBreak | WholeScale):  # a box splits only when taller than the tallest frame
            flowable.page_room = doc.body_height
    doc._doSave = 0  # written only when its bytes are asked for (see LaidOut)
    try:
        with noted() as pictures:  # this layout's own: another may print a picture lowered to fit, or not
            doc.build(story, canvasmaker=canvasmaker(tagger, doc.canvasmaker_for()))
    except ReportlabLayoutError:
        raise too_tall(doc.current, doc.body_height, page) from None
    frame = doc.frame  # the last page's, where the text ended
    used = frame._y2 - frame._topPadding - frame._y
    return LaidOut(doc.page, used / frame._height, pictures, doc, buffer)


def too_tall(flowable: Flowable | None, height: float, page: str = "page") -> LayoutError:
    """The error for a block that fits no `page` ("large-print page"), naming what to shorten (where the block
    came from)."""
    needed = getattr(flowable, "height", 0) or 0
    pages = f" (it needs {needed / height:.1f} pages)" if needed > height else ""
    label = getattr(flowable, "label", None) or "a block"
    key, file = getattr(flowable, "source", ()), getattr(flowable, "source_file", "content")
    advice = getattr(flowable, "advice", "shorten it or split it in two")
    return LayoutError(f"{label} is too long to fit on one {page}{pages}: {advice}", key, file)


def check_blocks_fit(story: list[Flowable], width: float, height: float, page: str = "page") -> None:
    """A block that may not split (a step with a picture) must fit on one page; say which one does not."""
    for flowable in story:
        if isinstance(flowable, Unbreakable) and not isinstance(flowable, Step):  # a step's text may go on
            _, needed = flowable.wrap(width, height)
            if needed > height:  # a scale taller than a page goes on between its rows: each of them must fit
                pieces = flowable.pieces() if isinstance(flowable, WholeScale) else [flowable]
                tallest = max(pieces, key=lambda piece: piece.wrap(width, height)[1])
                if tallest.height > height:
                    raise too_tall(tallest, height, page)
