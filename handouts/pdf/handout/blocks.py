"""The handout's blocks: its layout XML (what templates emit) as reportlab platypus flowables.

The block elements and what they become:

=============  ==========================================================
title, subtitle, prepared, heading, subheading, finish, para[@style]
               one Paragraph in the theme's style of that name
bullets/numbered > item
               bulleted or numbered Paragraphs (nesting via @level)
callout > title?, item*
               a tinted box with an accent bar; never split across pages
steps > step[@number] > title, text, repeat?
               the number in the brand colour with a hanging indent;
               one step never splits across pages
references > ref
               hanging-indent reference list
spacer[@height]
               vertical space in points
together       its blocks kept on one page (unless taller than a page)
step > picture[@src, @alt]
               the step's picture: beside the text, or above it in large print
=============  ==========================================================
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from handouts.errors import TemplateError
from handouts.layout import schema
from handouts.layout.schema import inner
from handouts.layout.templating import Layout
from handouts.pdf.flowables import PictureFlowable, Step, Unbreakable, beside, paragraph, template_picture
from handouts.pdf.theme import Theme

STEP_PARTS = {"title": "step-title", "text": "step-text", "repeat": "repeat"}
HEADINGS = {"heading", "subheading"}
PICTURE_SHARE = 0.2  # the tallest a large-print step picture is, as a share of the page's height
PARAGRAPH_ELEMENTS = {"title", "subtitle", "prepared", "finish", *HEADINGS}


class HeadingBreak(CondPageBreak):
    """The page break a heading asks for when too little room is left under it (see Builder)."""


class Builder:
    """Maps each block element to flowables, styled by one theme."""

    def __init__(
        self, theme: Theme, styles: dict[str, ParagraphStyle], width: float, base: Path, page_height: float = 842
    ) -> None:
        self.theme = theme
        self.styles = styles
        self.width = width
        self.page_height = page_height
        self.base = base  # pictures are found relative to the content file
        self.where = "the layout"  # the template's file, once build() is given its output
        self.handlers: dict[str, Callable[[ET.Element], Iterator[Flowable]]] = {
            "para": self._para,
            "bullets": self._list,
            "numbered": self._list,
            "callout": self._callout,
            "steps": self._steps,
            "references": self._references,
            "spacer": self._spacer,
            "together": self._together,
        }

    def paragraph(self, markup: str, style: str, **kwargs: object) -> Paragraph:
        if style not in self.styles:
            raise TemplateError(f"{self.where}: unknown paragraph style {style!r} (known: {', '.join(sorted(self.styles))})")
        return paragraph(self.theme, markup, self.styles[style], self.where, **kwargs)

    def build(self, layout: Layout) -> list[Flowable]:
        self.where = layout.where
        root = schema.parse(layout.xml, schema.HANDOUT, layout.where, self.theme.fonts.faces)
        story = list(self.blocks(root))
        self._keep_headings_with_what_follows(story)
        return story

    def _keep_headings_with_what_follows(self, story: list[Flowable]) -> None:
        """A heading starts the next page unless what follows it fits below it: three lines of text, or,
        where a short introduction (three lines at most) leads to a box or a step, the introduction and
        that whole block."""
        intro = self.styles["body"].leading * 3 + 1
        for index, flowable in enumerate(story[:-1]):
            if not isinstance(flowable, HeadingBreak):
                continue
            heading = above = story[index + 1]
            needed = heading.wrap(self.width, 1e6)[1] + heading.getSpaceBefore()
            for following in story[index + 2 : index + 6]:
                if not isinstance(following, Paragraph | Unbreakable):  # a box, a kept-together group
                    break
                # The frame leaves the larger of the space after the block above and the space before this one.
                gap = max(above.getSpaceAfter(), following.getSpaceBefore())
                height = following.wrap(self.width, 1e6)[1] + gap
                if isinstance(following, Step):  # its head and first lines; the rest may go on
                    height = following.least_height(self.width) + gap
                if isinstance(following, Unbreakable):
                    flowable.height = max(flowable.height, needed + height)
                    break
                if not isinstance(following, Paragraph) or height > intro:
                    break
                needed += height
                above = following

    def blocks(self, parent: ET.Element) -> Iterator[Flowable]:
        for element in parent:
            if element.tag in HEADINGS:
                # A heading needs room for itself and three lines after it, or it starts the next page
                # (the paragraph after it may still split, unlike with keepWithNext).
                style = self.styles[element.tag]
                yield HeadingBreak(style.spaceBefore + style.leading + self.styles["body"].leading * 3)
                yield _outlined(self.paragraph(inner(element), element.tag), 0 if element.tag == "heading" else 1)
            elif element.tag == "title":
                yield _outlined(self.paragraph(inner(element), element.tag), 0)
            elif element.tag in PARAGRAPH_ELEMENTS:
                yield self.paragraph(inner(element), element.tag)
            elif element.tag in self.handlers:
                yield from self.handlers[element.tag](element)
            else:
                known = sorted(PARAGRAPH_ELEMENTS | set(self.handlers))
                raise TemplateError(f"{self.where}: <{element.tag}> is not a block of the handout (known: {', '.join(known)})")

    def _para(self, element: ET.Element) -> Iterator[Flowable]:
        yield self.paragraph(inner(element), element.get("style", "body"))

    def _together(self, element: ET.Element) -> Iterator[Flowable]:
        """Blocks kept on one page (a heading with its contact lines and disclaimer), unless taller than one."""
        yield KeepTogether([block for block in self.blocks(element) if not isinstance(block, HeadingBreak)])

    def _spacer(self, element: ET.Element) -> Iterator[Flowable]:
        yield Spacer(self.width, schema.number(element, "height", 12))

    def _list(self, element: ET.Element) -> Iterator[Flowable]:
        numbered = element.tag == "numbered"
        base = self.styles["bullet"]
        level = schema.whole(element, "level", 1)
        style = (
            base
            if level == 1
            else ParagraphStyle(
                f"bullet-{level}",
                parent=base,
                leftIndent=base.leftIndent * level,
                bulletIndent=base.bulletIndent + base.leftIndent * (level - 1),
            )
        )
        index = 0
        for child in element:
            if child.tag != "item":
                yield from self.blocks(_wrap(child))
                continue
            index += 1
            yield paragraph(self.theme, inner(child), style, self.where, bulletText=f"{index}." if numbered else "•")

    def _callout(self, element: ET.Element) -> Iterator[Flowable]:
        """A tinted box with an accent bar, one row per item: a long box may go on on the next page between
        its items (never inside one), its title always with the first."""
        theme = self.theme
        rows: list[list[Flowable]] = []
        title: list[Flowable] = []
        for child in element:
            if child.tag == "title":
                title.append(self.paragraph(inner(child), "callout-title"))
                continue
            if child.tag == "item":
                cell = [self.paragraph(inner(child), "bullet", bulletText="•")]
            else:
                cell = list(self.blocks(_wrap(child)))
            rows.append([*title, *cell])
            title = []
        if title or not rows:
            rows.append(title)
        pad = theme.profile.body * 0.8
        # A safety box is tinted with the accent colour; a therapist's note with the brand colour.
        ground, bar = (theme.primary_tint, theme.primary) if element.get("kind") == "note" else (theme.accent_tint, theme.accent)
        table = Table([[row] for row in rows], colWidths=[self.width], spaceBefore=theme.profile.body * 0.5)
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), theme.fonts.regular),  # else reportlab references Helvetica
                    ("BACKGROUND", (0, 0), (-1, -1), HexColor(ground)),
                    ("LINEBEFORE", (0, 0), (0, -1), 4, HexColor(bar)),
                    ("LEFTPADDING", (0, 0), (-1, -1), pad + 2),
                    ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, 0), pad),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), pad * 0.6),
                ]
            )
        )
        table.spaceAfter = theme.profile.body * 0.5
        yield table

    def _steps(self, element: ET.Element) -> Iterator[Flowable]:
        styles = self.styles
        for step in element:
            if step.tag != "step":
                raise TemplateError(f"{self.where}: <steps> holds <step> elements, not <{step.tag}>")
            number = html.escape(step.get("number", ""))
            parts: list[Flowable] = []
            picture = step.find("picture")
            for part in step:
                style = STEP_PARTS.get(part.tag)
                if part.tag == "picture":
                    continue
                if style is None:
                    parts.extend(self.blocks(_wrap(part)))
                elif not parts:  # the first line carries the number, hanging in the margin
                    parts.append(self.paragraph(inner(part), style, bulletText=number))
                else:
                    parts.append(self.paragraph(inner(part), style))
            if picture is not None:
                parts = self._with_picture(parts, picture)
            title = step.find("title")
            name = re.sub(r"<[^>]+>", "", inner(title)) if title is not None else ""
            name = html.unescape(name)
            label = f"step {number} ({name})" if name else f"step {number}"
            # The step's text may go on on the next page after its head; a picture beside it keeps it whole.
            texts = [i for i, part in enumerate(parts) if i and isinstance(part, Paragraph) and part.style is styles["step-text"]]
            block = Step(parts, label, texts[0]) if texts else Unbreakable(parts, label)
            block.outline = (1, f"{html.unescape(number)}. {name}" if name else f"Step {html.unescape(number)}")
            yield block
            yield Spacer(self.width, styles["step-text"].fontSize * 0.9)

    def picture(self, element: ET.Element, width: float, max_height: float, indent: float = 0) -> PictureFlowable:
        picture = template_picture(self.base, element.get("src", ""), self.where)
        return PictureFlowable(picture, width, max_height, self.theme.greyscale, indent, self.theme.fonts)

    def _with_picture(self, parts: list[Flowable], element: ET.Element) -> list[Flowable]:
        """Large print: the picture at full width under the step's title line. Otherwise: beside the text,
        which keeps 62% of the column, aligned to the top of the step."""
        indent = self.styles["step-text"].leftIndent
        if self.theme.profile.picture_above:
            width = self.width - indent
            # At most a fifth of the page tall: two pictured steps share a page.
            picture = self.picture(element, width, min(width * 0.5, self.page_height * PICTURE_SHARE), indent)
            return [parts[0], Spacer(width, 6), picture, Spacer(width, 6), *parts[1:]]
        gap = 12.0
        text_width = self.width * 0.62
        picture = self.picture(element, self.width - text_width - gap, (self.width - text_width) * 1.1)
        return [
            beside(
                parts,
                picture,
                text_width,
                self.width - text_width,
                self.theme.fonts.regular,
                self.styles["step-title"].spaceBefore,
            )
        ]

    def _references(self, element: ET.Element) -> Iterator[Flowable]:
        for child in element:
            yield self.paragraph(inner(child), "reference")


def _outlined(paragraph: Paragraph, level: int) -> Paragraph:
    """`paragraph` marked for the PDF's outline (bookmarks) at `level`, with its plain text."""
    paragraph.outline = (level, " ".join(paragraph.getPlainText().split()))  # type: ignore[attr-defined]
    return paragraph


def _wrap(element: ET.Element) -> ET.Element:
    holder = ET.Element("wrap")
    holder.append(element)
    return holder
