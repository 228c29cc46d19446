"""How much discomfort is fine, drawn: the 0-10 scale patients know, once for during the routine and once for
after it, each level a box with its number and the acceptable ones filled; "No pain" under 0, "Worst pain"
under 10. The words say the same ("During: up to 3 out of 10"), so the picture is never the only way to tell.
The scale is kept whole on one page, as a box is (see WholeScale).
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from handouts.layout import nodes as n
from handouts.pdf.flowables import Unbreakable, paragraph
from handouts.pdf.paragraphs import Markup, draw_string, string_width
from handouts.pdf.tagged import tag
from handouts.pdf.tagging import Node

LEVELS = range(11)
BOX_GAP = 0.18  # between two boxes, in box widths
BOX_TALL = 1.9  # a box's height, in number sizes
ROW_GAP = 0.5  # between a scale's words and its boxes, and under them, in number sizes
WIDEST_BOX = 3.2  # a box is at most this many number sizes wide
NUMBER_DROP = 0.35  # a number's baseline under its box's middle, in number sizes


class ScaleRow(Flowable):
    """One row of 0-10 boxes, those up to `level` filled in the brand colour (their numbers in the colour that
    reads on it), with the end labels under the first and last box (one above the other if they would meet; one
    wider than the row on lines of its own, as a paragraph is)."""

    def __init__(
        self, level: int, style: ParagraphStyle, colours: tuple[str, str, str], low: str, high: str, markup: Markup
    ) -> None:
        super().__init__()
        self.level, self.style, self.low, self.high = level, style, low, high
        self.markup, self.fonts = markup, markup.fonts
        self.fill, self.on_fill, self.ink = colours
        self.size = style.fontSize

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        self.box = min(availWidth / (len(LEVELS) + BOX_GAP * (len(LEVELS) - 1)), self.size * WIDEST_BOX)
        self.width = self.box * (len(LEVELS) + BOX_GAP * (len(LEVELS) - 1))
        self.wide = (self._wrapped(self.low, TA_LEFT, availHeight), self._wrapped(self.high, TA_RIGHT, availHeight))
        labels = self.style.leading if self.labels_fit() else sum(self._label_height(wrapped) for wrapped in self.wide)
        self.height = self.size * BOX_TALL + labels + self.size * ROW_GAP
        return self.width, self.height

    def _label_height(self, wrapped: Paragraph | None) -> float:
        """The height of a label on lines of its own: a line's leading, or its paragraph's lines (`wrapped`, its
        first baseline as low under the boxes as a line's)."""
        return self.style.leading if wrapped is None else wrapped.height + self.style.leading - self.size

    def _wrapped(self, text: str, alignment: int, height: float) -> Paragraph | None:
        """`text` as a paragraph wrapped to the row's width where it is wider than the row (a clinic's own label
        of many words: drawn on one line, it ran past the page's margin), else None: it is drawn as it is."""
        if string_width(text, self.fonts.regular, self.size, self.fonts) <= self.width:
            return None
        style = ParagraphStyle(f"{self.style.name}-scale-label", parent=self.style, alignment=alignment)
        wrapped = paragraph(self.markup.text(text), style)
        wrapped.wrap(self.width, height)
        return wrapped

    def draw(self) -> None:
        canvas, size, box = self.canv, self.size, self.box
        tall = size * BOX_TALL
        bottom = self.height - tall
        canvas.setLineWidth(max(1.0, size / 12))
        canvas.setStrokeColor(HexColor(self.ink))
        for level in LEVELS:
            x = level * box * (1 + BOX_GAP)
            marked = level <= self.level
            canvas.setFillColor(HexColor(self.fill if marked else "#FFFFFF"))
            canvas.rect(x, bottom, box, tall, stroke=1, fill=1)
            canvas.setFillColor(HexColor(self.on_fill if marked else self.ink))
            face = self.fonts.bold if marked else self.fonts.regular
            baseline = bottom + tall / 2 - size * NUMBER_DROP
            draw_string(canvas, x + box / 2, baseline, str(level), face, size, self.fonts, "centre")
        canvas.setFillColor(HexColor(self.ink))
        labels_y = bottom - self.style.leading
        if self.labels_fit():
            draw_string(canvas, 0, labels_y, self.low, self.fonts.regular, size, self.fonts)
            draw_string(canvas, self.width, labels_y, self.high, self.fonts.regular, size, self.fonts, "right")
            return
        top = bottom  # each label on lines of its own, under the one above
        for text, wrapped, x, align in zip((self.low, self.high), self.wide, (0.0, self.width), ("left", "right"), strict=True):
            top -= self._label_height(wrapped)
            if wrapped is None:
                draw_string(canvas, x, top, text, self.fonts.regular, size, self.fonts, align)
            else:
                wrapped.drawOn(canvas, 0, top)

    def labels_fit(self) -> bool:
        """Whether "No pain" and "Worst pain" fit side by side under the scale (else they would overlap)."""
        widths = (string_width(text, self.fonts.regular, self.size, self.fonts) for text in (self.low, self.high))
        return sum(widths) + self.size <= self.box * (len(LEVELS) + BOX_GAP * (len(LEVELS) - 1))


def scale_parts(
    scale: n.Scale, markup: Markup, title: ParagraphStyle, words: ParagraphStyle, colours: tuple[str, str, str], sect: Node
) -> list[list[Flowable]]:
    """The scale's flowables in the groups a page may not split: for during (and after) its words and its row
    of boxes, the title with the first, by when an ache should settle with the last (the places a scale taller
    than a page may go on to the next, see WholeScale). Their structure goes into `sect`: the title an H2, the
    words P, each row of boxes a Figure whose alternative text is its words."""
    low, high = n.plain(scale.low), n.plain(scale.high)
    groups: list[list[Flowable]] = [[tag(paragraph(markup(scale.title), title), sect.add("H2"))]] if scale.title else []
    for text, level in ((scale.during_text, scale.during), (scale.after_text, scale.after)):
        if text is None or level is None:
            continue
        said = tag(paragraph(markup(text), words), sect.add("P"))
        figure = sect.add("Figure", alt=" ".join(n.plain(text).split()), lang=_language(text))
        groups.append([said, tag(ScaleRow(level, words, colours, low, high, markup), figure)])
    if scale.settles:
        groups.append([tag(paragraph(markup(scale.settles), words), sect.add("P"))])
    return _joined(groups, scale)


def _language(runs: n.Runs) -> str | None:
    """The language of `runs` when they are all words in another language than the document's (a label printed
    in English in a routine whose language has no catalog): their Figure's alternative text is in it too."""
    return runs[0].lang if len(runs) == 1 and isinstance(runs[0], n.Span) else None


def _joined(groups: list[list[Flowable]], scale: n.Scale) -> list[list[Flowable]]:
    """The title joined to the row under it, and the settling words to the row above them (neither alone)."""
    if scale.title and len(groups) > 1:
        groups[:2] = [groups[0] + groups[1]]
    if scale.settles and len(groups) > 1:
        groups[-2:] = [groups[-2] + groups[-1]]
    return groups


class WholeScale(Unbreakable):
    """The scale's `groups` (see scale_parts) kept whole on one page, as a box is: it moves to the next page
    rather than split. A page that ended between its two rows opened the next with the second ("Afterwards: up
    to 3 out of 10" and its boxes) under no title: a patient did not know what the boxes were. Only a scale
    taller than a page (`page_room`, set by the document; else its frame's height: large print, a clinic's long
    labels or settling words) splits, between its groups, and goes on under its title again, "(continued)"
    (`again`), as a box does."""

    page_room = 0.0
    outline: tuple[int, str] | None = None  # its title's entry in the PDF's outline, on the page the scale starts
    source: tuple[str | int, ...] = ("discomfort",)
    # what the therapist can do (a scale is not split in two by hand): its words are the settling words and the
    # clinic's labels
    advice = "shorten its settling words (settles) or the clinic's labels for it"

    def __init__(self, groups: list[list[Flowable]], again: Callable[[], Flowable] | None) -> None:
        super().__init__([part for group in groups for part in group], "the discomfort scale")
        self.groups, self.again = groups, again

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab's names)
        frame = getattr(self, "_frame", None)
        page = max(self.page_room, getattr(frame, "_height", 0.0))
        if self.wrap(availWidth, availHeight)[1] <= page:
            return []  # whole, on the next page
        fits = 0  # its groups that fit here, the rest on the next page
        while fits < len(self.groups) - 1 and self._fits(self.groups[: fits + 1], availWidth, availHeight):
            fits += 1
        if not fits:
            return []
        head, tail = self._alike(self.groups[:fits]), self._alike(self._again(self.groups[fits:]), self.again)
        head.outline = self.outline
        return [head, tail]

    def _fits(self, groups: list[list[Flowable]], width: float, height: float) -> bool:
        """Whether `groups`, as a scale of their own, fit in `height`."""
        return self._alike(groups).wrap(width, height)[1] <= height

    def pieces(self) -> list[WholeScale]:
        """Each of its groups as a page holds it when the scale is taller than a page (those after the first under
        its title again): the least a page must have room for."""
        return [self._alike([group] if index == 0 else self._again([group])) for index, group in enumerate(self.groups)]

    def _again(self, groups: list[list[Flowable]]) -> list[list[Flowable]]:
        """`groups` going on on a page of their own, the first under the scale's title again."""
        return [[self.again(), *groups[0]], *groups[1:]] if self.again is not None else groups

    def _alike(self, groups: list[list[Flowable]], again: Callable[[], Flowable] | None = None) -> WholeScale:
        """`groups` as a scale of their own, placed as this one is."""
        part = WholeScale(groups, again)
        part.page_room, part.source = self.page_room, self.source
        return part
