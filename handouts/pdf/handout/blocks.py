"""The handout's blocks: the document's nodes (:mod:`handouts.layout.nodes`) as reportlab platypus flowables.

=============================  ==========================================================
Title, Subtitle, Prepared,     one Paragraph in the theme's style of that name
Heading, Finish, Paragraph
ListBlock > Item               bulleted or numbered Paragraphs (nesting via its level)
Callout                        a tinted box with an accent bar, kept whole (its title again on its next page
                               if it is taller than a page)
Steps > Step                   the number in the brand colour with a hanging indent; its head stays with
                               the first lines of its text, and its number and title come again, smaller,
                               "(continued)", atop each page its text goes on to
References                     hanging-indent reference list
Scale                          the 0-10 discomfort scale, kept whole (its title again on its next page if it is
                               taller than a page)
Spacer                         vertical space in points, dropped at a page break (Gap)
Together                       its blocks, flowing on from page to page, its last two never parted
Step.picture                   beside the text (whose lines may go on on the next page once the head and two
                               lines are beside it), or above it in large print; at most a fifth of the page
                               tall, lowered a little where that keeps its step (or, above a long step's
                               text, its head and two lines) on the page's end: in large print, to half
=============================  ==========================================================

Each flowable draws inside its structure element (:mod:`handouts.pdf.tagged`), made here from the same node
in the document's order: Title H1, Heading H2 (a sub-heading H3), other paragraphs P, lists and a box's items
L > LI > Lbl + LBody > P, a box Sect with its title as H2, steps L > LI > Lbl (the number) + LBody > P (title,
text, dose) and Figure, references L > LI > LBody > P, the discomfort scale Sect. A box's title repeated on
its next page, a step's number and title repeated on its next page, a box's ground and its bar are artifacts.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, FrameBreak, Paragraph, Spacer, Table, TableStyle

from handouts.input.links import bare, safe_link
from handouts.layout import nodes as n
from handouts.media import images
from handouts.pdf.flowables import BesideStep, PictureFlowable, Step, Unbreakable, beside, lines_room, paragraph
from handouts.pdf.handout import geometry as g
from handouts.pdf.paragraphs import Markup, string_width
from handouts.pdf.qr import QrFlowable, qr_figure
from handouts.pdf.scale import WholeScale, scale_parts
from handouts.pdf.tagged import as_artifact, layout_table, tag
from handouts.pdf.tagging import Node, level_headings
from handouts.pdf.theme import Theme
from handouts.words.labels import LABELS

# No last word alone on a line: headings, and the short lines set like them (what to do about a warning sign)
BALANCED = {"title", "subtitle", "heading", "subheading", "step-title", "callout-title", "finish", "schedule"}
PARAGRAPH_STYLES = {n.Title: "title", n.Subtitle: "subtitle", n.Prepared: "prepared", n.Finish: "finish"}
LABEL_NAME = 40  # characters of a step's title an error names it by, as other messages quote what was typed


class Story(list[Flowable]):
    """The handout's flowables and the structure tree they draw into (its root, a Document)."""

    def __init__(self, flowables: list[Flowable], structure: Node) -> None:
        super().__init__(flowables)
        self.structure = structure


class Box(Flowable):
    """A box (safety points, a note) kept whole on one page: it moves to the next page rather than split. Only
    a box taller than a page (`page_room`, set by the document; else its frame's height) splits, between its
    rows, never right after a row that leads into the next (`keeps`: a line such as "Call 999 now if you
    have:" over its items), and goes on under its title again (`again`), and under the heading its next row is
    under again (`under`: what to do, "Stop and call us on …", over the warning signs that go on). A box that
    `flows` (a therapist's
    note: one text, from one option, that its writer cannot part into items) also goes on between the lines
    of a row taller than a page."""

    label = "a box"
    source: tuple[str | int, ...] = ()
    source_file = "content"
    page_room = 0.0
    outline: tuple[int, str] | None = None  # its title's entry in the PDF's outline, on the page the box starts
    headings: tuple[tuple[int, int, str], ...] = ()  # its rows that are headings: (row, outline level, text)
    under: tuple[Callable[[], Flowable] | None, ...] = ()  # for each row, what makes the heading it is under again
    flows = False

    def __init__(
        self,
        rows: list[list[Flowable]],
        table: Callable[[list[list[Flowable]], float], Table],
        again: Callable[[], Flowable] | None,
        squeeze: float = 1.0,
        keeps: list[bool] | None = None,
    ) -> None:
        super().__init__()
        self.rows, self.make, self.again, self.squeeze = rows, table, again, squeeze
        self.keeps = keeps or [False] * len(rows)
        self.table = table(rows, squeeze)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        self.width, self.height = self.table.wrap(availWidth, availHeight)
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802
        return self.table.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.table.getSpaceAfter()

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        frame = getattr(self, "_frame", None)
        page = max(self.page_room, getattr(frame, "_height", 0.0))
        self.wrap(availWidth, availHeight)
        if self.height <= page:
            tight = Box(self.rows, self.make, self.again, g.BOX_TIGHT, self.keeps)  # its padding eased, not a page left bare
            if self.squeeze == 1 and tight.wrap(availWidth, availHeight)[1] <= availHeight - tight.getSpaceBefore():
                return self._alike([tight], page)
            return []  # whole, on the next page
        # As many rows as fit here, the rest on the next page. Each row makes the table taller, so the rows that fit
        # are counted up from one: counted down from all, a box of 1,000 safety points wrapped a table of every
        # length on every page it spans, and its handout took hours.
        fits = 0
        while fits < len(self.rows) - 1 and self.make(self.rows[: fits + 1], 1.0).wrap(availWidth, availHeight)[1] <= availHeight:
            fits += 1
        count = next((count for count in range(fits, 0, -1) if not self.keeps[count - 1]), 0)
        if not count:
            return self._split_lines(availWidth, availHeight, page) if self.flows else []
        return self._parted(self.rows[:count], self.rows[count:], self.keeps[:count], self.keeps[count:], page, availWidth)

    def _split_lines(self, availWidth: float, availHeight: float, page: float) -> list[Flowable]:  # noqa: N803
        """A flowing box whose first row fits nowhere here whole: as many lines of that row's text as fit (two
        or more, as a step's text splits), the rest under its title again on the next page."""
        first = self.rows[0]
        text = first[-1]
        if self.make([first], 1.0).wrap(availWidth, availHeight)[1] <= availHeight or not isinstance(text, Paragraph):
            return []  # the row fits whole (a row after it leads into the next): the box moves on as it is
        self.wrap(availWidth, availHeight)  # the text wrapped at its width inside the box
        width, leading = text.width, text.style.leading
        room = availHeight
        while room >= lines_room(leading):
            pieces = text.split(width, room)
            if len(pieces) == 2:
                head = [[*first[:-1], pieces[0]]]
                if self.make(head, 1.0).wrap(availWidth, availHeight)[1] <= availHeight:
                    return self._parted(head, [[pieces[1]], *self.rows[1:]], [False], self.keeps, page, availWidth, 0)
            room -= leading
        return []

    def _parted(
        self,
        rows: list[list[Flowable]],
        rest: list[list[Flowable]],
        keeps: list[bool],
        kept: list[bool],
        page: float,
        width: float,
        start: int | None = None,
    ) -> list[Flowable]:
        """The box's `rows` here and its `rest` on the next page, under its title again and under the heading its
        first row is under (a warning sign under what to do about it: "When to get help (continued)" alone over
        the last signs left a patient with signs and no action); `start`: the row of this box the rest's first
        row is (its own next row, unless that row was split between the two). The heading is left out where,
        kept with that row, under the title again, it would not fit a page: a box of a sign taller than a page
        less those two lines goes on as it did."""
        start = len(rows) if start is None else start
        under = self.under[start:]
        headings = [(row - start, level, text) for row, level, text in self.headings if row >= len(rows)]
        title = [self.again()] if self.again is not None else []
        heading = under[0]() if under and under[0] is not None else None
        # a row of its own, kept with the next, as where the box starts
        if heading is not None and self.make([[*title, heading], rest[0]], 1.0).wrap(width, page)[1] <= page:
            rest, kept, under = [[heading], *rest], [True, *kept], (None, *under)
            headings = [(row + 1, level, text) for row, level, text in headings]
        rest = [[*title, *rest[0]], *rest[1:]]
        parts = self._alike([Box(rows, self.make, None, keeps=keeps), Box(rest, self.make, self.again, keeps=kept)], page)
        parts[0].headings = tuple(entry for entry in self.headings if entry[0] < len(rows))
        parts[1].headings = tuple(headings)
        parts[0].under, parts[1].under = self.under[: len(rows)], under
        return list(parts)

    def _alike(self, parts: list[Box], page: float) -> list[Box]:
        """`parts` named, placed and flowing as this box is."""
        for part in parts:
            part.label, part.source, part.source_file, part.page_room = self.label, self.source, self.source_file, page
            part.flows, part.headings, part.under = self.flows, self.headings, self.under
        parts[0].outline = self.outline
        return parts

    def heading_tops(self) -> list[tuple[int, str, float]]:
        """Its heading rows' outline entries, each with how far its row's top is below the box's (once wrapped)."""
        heights = getattr(self.table, "_rowHeights", None) or []
        return [(level, text, sum(heights[:row])) for row, level, text in self.headings]

    def draw(self) -> None:
        self.table.drawOn(self.canv, 0, 0)


class Gap(Spacer):
    """Space between two blocks (after a step; a layout's <spacer>) that is dropped at a page break, as a
    typesetter drops it: at the foot of a page it takes what room is left, and a page never opens with it. A
    step's space that did not fit under it opened the next page that much below the others' first lines, or
    made a page of its own after the last block."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        frame = self._doctemplateAttr("frame")
        if frame is not None and frame._atTop:
            return self.width, 0.0
        return self.width, max(min(self.height, availHeight), 0.0)


class HeadingBreak(CondPageBreak):
    """The page break a heading asks for when too little room is left under it (see Builder): the first of these
    that fits on a page (`page_room`, set by the document, or the frame's height): room for all it keeps
    (`height`); for a box after it with its padding eased (`tight`); then, where the box is no taller than a
    page (`whole`: it is kept whole, so it cannot come along), no break at all: the headings stay where they
    fall rather than stand alone on a page; else for the least of it (`least`: the heading, the headings right
    under it, and the first lines or a box's first row); for itself, the next heading and two lines (`near`: a
    run of headings taller than a page). A heading right under another asks for nothing more when the one above
    asked for its room (`given`: how).

    The break passes the space under the block above on to the heading, as the frame does through any flowable
    of no size: the heading's space above (`before`) overlaps it, the larger of the two is left, as between any
    two blocks (and as in the web copy). Its space above was added to the paragraph's, a line and a half of
    large print above each heading, and the room asked for counted it too: the knee's large print left the
    first page a fifth blank."""

    tight = least = near = own = whole = page_room = 0.0  # own: itself and two lines (what `near` asks of the next)
    lead = 0.0  # itself and the short introduction it keeps with a step, without the step (see wrap)
    before = 0.0  # the heading's space above
    size = 0.0  # the body text's size (see g.chosen_blank)
    _SPACETRANSFER = True  # reportlab's: the frame's space after the block above is kept through the break
    follower: HeadingBreak | None = None
    # The list's break it holds with lines between them (see Builder): let go where it stays without the list
    releases: ListBreak | None = None
    given: str | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        frame = self._doctemplateAttr("frame")
        way, wanted = self.given, 0.0
        if way is None:
            room = max(self.page_room, getattr(frame, "_height", 0.0))
            asks = [("all", self.height), ("tight", self.tight)]
            asks += [("flow", 0.0)] if 0 < self.whole <= room else [("least", self.least), ("near", self.near)]
            way, wanted = next(((way, height) for way, height in asks if height <= room), ("none", 0.0))
        overlap = min(self.before, frame._prevASpace) if frame is not None and not frame._atTop else 0.0
        # The space above it is left already: the heading's overlaps it.
        wanted = max(wanted - overlap, 0.0)
        if frame is not None and availHeight < wanted:
            # Where going on would leave more than a fifth of the page blank, the heading and its introduction
            # (its schedule line, at least) stay, and the step they lead to starts the next page (it keeps its
            # own head and first lines): a large-print routine's heading, its schedule and intro kept with the
            # first step left pages 22-38% blank before them (DESIGN's page fill, as read from the page).
            blank = availHeight + (0.0 if frame._atTop else frame._prevASpace)  # under the block above, drawn
            stays = 0 < self.lead - overlap <= availHeight and blank > g.chosen_blank(frame._height, self.size)
            if way in ("all", "tight") and stays:
                way = "lead"
            else:
                frame.add_generated_content(FrameBreak)
        # Staying with its lines, by itself or as the heading above it does: the list decides for itself (its
        # lead-in stayed alone at the foot)
        if way == "lead" and self.releases is not None:
            self.releases.held = False
        if self.follower is not None:  # "near" asks for the next heading only, not for what it keeps
            self.follower.given = way if way in ("all", "tight", "least", "flow", "lead") else None
        return 0, 0


class ListBreak(CondPageBreak):
    """The page break before a list's first item where its first two items are short (a paragraph of
    INTRO_LINES at most each), and before its last item but one where its last two are (the three of a list of
    three together, and its last two where the three do not go): the next page, where they do not all fit in what
    is left and going on leaves no more of the page blank than DESIGN's page fill allows (a fifth, as read from
    the page: see g.chosen_blank). "1. First point" at the foot of a page and "2." at the top of the next read as
    two lists. Where going on would leave more blank, the item stays: the page fill comes first. Never under a
    heading whose room it is part of (`held`): the heading asks for the items (see Builder), and a break here
    would leave it alone at the foot of the page."""

    held = False
    before = 0.0  # the first item's space above (the block above's space under it overlaps it)
    items = 2  # the paragraphs it keeps together: three where a list has three (its first two are its last two),
    # one more with the list's lead-in (see Builder._lead_ins_kept)
    opens = False  # before a list's first item, the list not in another
    size = 0.0  # its items' text size
    _SPACETRANSFER = True  # reportlab's: the frame's space after the block above is kept through the break

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        frame = self._doctemplateAttr("frame")
        if frame is None or frame._atTop or self.held:
            return 0, 0
        above = frame._prevASpace
        fits = availHeight >= max(self.before - above, 0.0) + self.height
        if not fits and availHeight + above <= g.chosen_blank(frame._height, self.size):
            frame.add_generated_content(FrameBreak)
        return 0, 0


def _named_by(title: str) -> str:
    """A step's title as an error names the step: its first words, up to LABEL_NAME characters, then an ellipsis
    (the error for a step too tall for a page quoted a title of 3,000 characters whole). The outline keeps it whole."""
    if len(title) <= LABEL_NAME:
        return title
    cut = title[: LABEL_NAME + 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut.strip() else cut[:LABEL_NAME]).rstrip() + "\u2026"


class Builder:
    """Maps each block node to flowables, styled by one theme."""

    def __init__(
        self,
        theme: Theme,
        styles: dict[str, ParagraphStyle],
        width: float,
        base: Path,
        page_height: float = 842,
        continued: str = LABELS["continued"],
        spacing: float = 1.0,
    ) -> None:
        """`spacing` scales the space between steps, around a box and around a picture above a step's text, as
        handout_styles scales the paragraphs' (1, or g.TIGHTER: see render._laid_out)."""
        self.theme = theme
        self.spacing = spacing
        self.continued = continued  # "%(title)s (continued)" in the routine's language: a box's title on its next page
        self.styles = styles
        self.width = width
        self.page_height = page_height
        self.base = base  # pictures are found relative to the content file
        self.where = "the layout"  # the template's file, once build() is given a document
        self.document = n.Document((), self.where)  # the document build() was given
        self.markup = Markup(theme.fonts, theme.profile.upright, theme.primary_text, theme.language)

    def paragraph(
        self, runs: n.Runs | None, style: str | ParagraphStyle, node: Node, bullet: str | None = None, label: Node | None = None
    ) -> Paragraph:
        """`runs` in `style` (its name, or the style), drawn as structure `node`, with a `bullet` (a list's mark,
        a step's number) hanging, drawn as `label`; a title's or a heading's lines balanced."""
        chosen = self.styles[style] if isinstance(style, str) else style
        balanced = chosen.name in BALANCED
        if bullet is None:
            return tag(paragraph(self.markup(runs), chosen, balanced), node)
        made = paragraph(self.markup(runs), self.markup.bulleted(chosen, bullet), balanced, bulletText=bullet)
        return tag(made, node, label)

    def build(self, document: n.Document) -> Story:
        self.where, self.document = document.where, document
        root = Node("Document")
        story = Story(list(self.blocks(document.blocks, root)), root)
        level_headings(root)
        self._lead_ins_kept(story)
        self._keep_headings_with_what_follows(story)
        return story

    def _lead_ins_kept(self, story: list[Flowable]) -> None:
        """A list's first ListBreak takes in the short paragraph right above it that leads into the list, ending
        with a colon ("Each session:"): it stayed alone at the foot of a page where the items went on. A list
        whose first two items are not short has no such break: one is made for the lead-in, which goes on with
        the first item whole where it is short, or with its first two lines (a paragraph leaves no fewer)."""
        for index in range(len(story) - 1, 1, -1):
            kept, above = story[index], story[index - 1]
            if isinstance(kept, Paragraph) and getattr(kept, "bulletText", None) and self._leads_in(story, index):
                item, height = kept, kept.wrap(self.width, 1e6)[1]
                if len(item.blPara.lines) > g.INTRO_LINES:
                    height = min(height, lines_room(item.style.leading, g.HEADING_KEEP_LINES))
                kept = ListBreak(height)
                kept.before, kept.items, kept.opens, kept.size = item.getSpaceBefore(), 1, True, item.style.fontSize
                story.insert(index, kept)
            elif not (isinstance(kept, ListBreak) and kept.opens and self._leads_in(story, index)):
                continue
            kept.height += above.wrap(self.width, 1e6)[1] + max(above.getSpaceAfter(), kept.before)
            kept.before, kept.items = above.getSpaceBefore(), kept.items + 1
            story[index - 1], story[index] = kept, above

    def _leads_in(self, story: list[Flowable], index: int) -> bool:
        """Whether the paragraph right above `story[index]` (a list's first item, or the break before it) leads
        into the list: short, ending with a colon, not an item, and not kept with the block above (a
        <together>'s) nor a heading's (its break asks for its room)."""
        above, before = story[index - 1], story[index - 2]
        if not isinstance(above, Paragraph) or getattr(above, "bulletText", None):
            return False
        if isinstance(before, HeadingBreak) or getattr(before, "keepWithNext", False):
            return False
        above.wrap(self.width, 1e6)
        return len(above.blPara.lines) <= g.INTRO_LINES and above.getPlainText().rstrip().endswith(":")

    def _keep_headings_with_what_follows(self, story: list[Flowable]) -> None:
        """A heading starts the next page unless what follows it fits below it: the heading (all its lines) and
        two lines of the text after it (or all of it, if shorter); a box or a step right under it whole (a step:
        its head and first lines); where a short introduction (three lines at most) leads to a step, the
        introduction and the step. A heading right above another (a section's heading, then its body's) asks
        for room for both and what the other keeps (so the last heading is settled first). Where that fits on no
        page, each asks for the least of it (see HeadingBreak)."""
        body = self.styles["body"].leading
        for index in range(len(story) - 2, -1, -1):
            flowable = story[index]
            if not isinstance(flowable, HeadingBreak):
                continue
            heading = above = story[index + 1]
            needed = heading.wrap(self.width, 1e6)[1] + heading.getSpaceBefore()
            flowable.before = heading.getSpaceBefore()
            own = flowable.least = flowable.near = needed + body * g.HEADING_KEEP_LINES
            lines = seen = 0  # lines of text after it counted towards what it keeps, and in all
            pair = 0  # a list's items still to come along: those a ListBreak among its lines keeps together
            waiting: ListBreak | None = None  # the one right above, among its lines
            above_it = 0  # the lines between it and the heading
            count = 0
            for following in story[index + 2 :]:
                if isinstance(following, ListBreak):  # (not one among the items it asks for: a list of three's last two)
                    waiting = following if lines < g.HEADING_KEEP_LINES and not pair else None
                    above_it = seen
                    continue
                count += 1
                if count > g.LOOK_AHEAD and not pair:  # the items its list's break keeps come along all the same:
                    break  # a list of three under a line and its lead-in opened the next page with its last item alone
                if isinstance(following, HeadingBreak):
                    if following is story[index + 2]:  # right under it: the next heading and what it keeps
                        # (the frame leaves the larger of the space under it and the next one's space above)
                        under = needed + max(heading.getSpaceAfter() - following.before, 0.0)
                        flowable.height = max(flowable.height, under + following.height)
                        flowable.tight, flowable.least = under + following.tight, under + following.least
                        flowable.near, flowable.follower, flowable.whole = under + following.own, following, following.whole
                        # where the one under it would stay with its own lines (see lead), both stay: a section's
                        # heading over its body's left a large-print page a third blank
                        flowable.lead = under + following.lead if following.lead else 0.0
                    break
                if not isinstance(following, Paragraph | Unbreakable | BesideStep | Box):  # a spacer, a list's end
                    break
                # The frame leaves the larger of the space after the block above and the space before this one.
                gap = max(above.getSpaceAfter(), following.getSpaceBefore())
                height = following.wrap(self.width, 1e6)[1] + gap
                if isinstance(following, Unbreakable | BesideStep):  # a step's head and first lines, the rest may go on; its
                    height = following.least_height(self.width) + gap  # picture lowered to fit
                if not isinstance(following, Paragraph):
                    # Right under it, a box or a step comes along; after a short introduction, only a step (the
                    # routine's heading and its first step): a box after text under a heading (the safety box
                    # after the last section) is a block of its own, kept whole on the next page if need be.
                    if seen == 0 or (seen <= g.INTRO_LINES and not isinstance(following, Box)):
                        flowable.height = max(flowable.height, needed + height)
                        if seen and not isinstance(following, Box):
                            flowable.lead = max(needed, flowable.least)  # the heading and its introduction
                        if isinstance(following, Box):  # or with its padding eased, or at least its first row
                            eased = following.make(following.rows, g.BOX_TIGHT).wrap(self.width, 1e6)[1]
                            first = following.make(following.rows[:1], 1.0).wrap(self.width, 1e6)[1]
                            flowable.tight, flowable.least = needed + gap + eased, needed + gap + first
                            flowable.whole = height - gap
                    break
                # A longer paragraph: its first lines come along, two (a split leaves two lines or more on each
                # page, so fewer would not do), unless the paragraph above keeps with it (a Together's last two
                # blocks): then it comes whole, or the heading was left alone at the foot of the page.
                kept = above is not heading and getattr(above, "keepWithNext", False)
                long = len(following.blPara.lines) > g.INTRO_LINES and not kept
                if waiting is not None and not long:  # a list's first item among its lines: it asks for the pair
                    waiting.held, pair = True, waiting.items  # (see ListBreak)
                    flowable.releases, waiting = waiting if above_it else None, None
                if pair and lines >= g.HEADING_KEEP_LINES and not flowable.lead:
                    # Where going on with the pair (or a lead-in and its long item's first lines) leaves more than
                    # the page fill blank, the heading and its lines stay without it (see HeadingBreak.wrap)
                    flowable.lead = max(flowable.height, flowable.least)
                if long:
                    if lines < g.HEADING_KEEP_LINES or pair:
                        rest = lines_room(following.style.leading, g.HEADING_KEEP_LINES) + gap
                        flowable.height = max(flowable.height, needed + min(height, rest))
                    break
                needed += height
                seen += len(following.blPara.lines)  # wrapped above
                if lines < g.HEADING_KEEP_LINES or pair:  # short paragraphs (contact lines) count towards its lines
                    flowable.height = max(flowable.height, needed)
                    lines, pair = seen, max(pair - 1, 0)
                above = following
            flowable.own, flowable.tight = own, min(flowable.tight or flowable.height, flowable.height)

    def blocks(self, blocks: tuple[n.Block | n.Item, ...], parent: Node) -> Iterator[Flowable]:
        """The flowables of `blocks`, their structure under `parent`; items next to each other make one list."""
        items: Node | None = None
        for block in blocks:
            if isinstance(block, n.Item):
                items = items or parent.add("L")
                yield self.item(block.runs, "bullet", "•", items)
                continue
            items = None
            yield from self.block(block, parent)

    def item(self, runs: n.Runs, style: str | ParagraphStyle, bullet: str, items: Node) -> Paragraph:
        """A list item in `items` (an L): LI > Lbl (its `bullet`) + LBody > P."""
        return self._item(runs, style, bullet, items)[0]

    def _item(self, runs: n.Runs, style: str | ParagraphStyle, bullet: str, items: Node) -> tuple[Paragraph, Node]:
        """A list item, and its LBody (where a paragraph more of it goes)."""
        li = items.add("LI")
        label = li.add("Lbl")
        body = li.add("LBody")
        return self.paragraph(runs, style, body.add("P"), bullet, label), body

    def block(self, block: n.Block | n.Item, parent: Node) -> Iterator[Flowable]:
        if isinstance(block, n.Heading):
            # A heading needs room for itself and what must come with it (see _keep_headings_with_what_follows),
            # or it starts the next page (the paragraph after it may still split, unlike with keepWithNext).
            name = "heading" if block.level == 1 else "subheading"
            style = self.styles[name]
            body = self.styles["body"]
            made = HeadingBreak(style.spaceBefore + style.leading + body.leading * g.HEADING_KEEP_LINES)
            made.size = body.fontSize
            yield made
            node = parent.add("H2" if block.level == 1 else "H3")
            yield _outlined(self.paragraph(block.runs, name, node), block.level - 1)
        elif isinstance(block, n.Title):
            yield _outlined(self.paragraph(block.runs, "title", parent.add("H1")), 0)
        elif isinstance(block, n.Subtitle | n.Prepared | n.Finish):
            yield self.paragraph(block.runs, PARAGRAPH_STYLES[type(block)], parent.add("P"))
        elif isinstance(block, n.Paragraph):
            yield self.paragraph(block.runs, block.role.value, parent.add("P"))
        elif isinstance(block, n.Item):
            yield from self.blocks((block,), parent)
        elif isinstance(block, n.ListBlock):
            yield from self._list(block, parent.add("L"))
        elif isinstance(block, n.Callout):
            yield self._callout(block, parent.add("Sect"))
        elif isinstance(block, n.Steps):
            yield from self._steps(block, parent.add("L"))
        elif isinstance(block, n.References):
            entries, numbered = parent.add("L"), block.numbered()
            if numbered is None:
                for entry in block.entries:
                    yield self.paragraph(entry, "reference", entries.add("LI").add("LBody").add("P"))
            else:
                style = self._numbered_references()
                for number, runs in numbered:  # a layout's entry of a number alone: the number alone
                    yield self._item(runs or (n.Text("\u00a0"),), style, number, entries)[0]
        elif isinstance(block, n.Scale):
            colours = (self.theme.primary_mark, self.theme.on_primary_mark, self.theme.text)
            title, words = self.styles["callout-title"], self.styles["body"]
            groups = scale_parts(block, self.markup, title, words, colours, parent.add("Sect"))
            scale = WholeScale(groups, self._again(block.title, "callout-title") if block.title is not None else None)
            if block.title is not None:  # its title, a heading: in the outline
                scale.outline = (0, " ".join(n.plain(block.title).split()))
            yield scale
        elif isinstance(block, n.Spacer):
            yield Gap(self.width, block.height)
        elif isinstance(block, n.Together):
            # It flows on like any heading and its lines (a whole block moved would leave a page part empty), but
            # its last line never opens the next page alone: its last two blocks go together.
            # Counted in blocks, not flowables: a heading is two (its HeadingBreak first), a lone one none to keep.
            # Its own rule: a list's ListBreaks would stand between its last two flowables (see _list).
            made = [flowable for flowable in self.blocks(block.blocks, parent) if not isinstance(flowable, ListBreak)]
            if len(block.blocks) >= 2:
                made[-2].keepWithNext = True
            yield from made

    def _list(self, block: n.ListBlock, items: Node) -> Iterator[Flowable]:
        """A list's items, each hanging from its mark ("•", or its number as typed: "1986."); a nested list and an
        item's next paragraphs go in the item above them (read after its first words, as they are drawn)."""
        base, level = self.styles["bullet"], block.level
        labels, index = [], 0
        for item in block.items:
            if isinstance(item, n.Item) and item.number != "":
                index += 1
                labels.append(f"{item.number or index}{block.mark}" if block.ordered else "•")
        step = base.leftIndent - base.bulletIndent  # the room a mark has, widened to the widest number
        widest = max(
            (string_width(label, base.bulletFontName, base.bulletFontSize, self.theme.fonts) for label in labels), default=0.0
        )
        hang = max(step, widest + base.bulletFontSize * g.LABEL_GAP)
        indent = base.bulletIndent + base.leftIndent * (level - 1)
        ends = self.theme.numbers_end(labels, base.bulletFontSize, base.bulletFontName)  # "9." and "10." end together
        end = None if ends is None else indent + ends
        style = base
        if level > 1 or hang > step or end is not None:
            style = ParagraphStyle(
                f"bullet-{level}-{hang:g}", parent=base, leftIndent=indent + hang, bulletIndent=indent, bullet_end=end
            )
        marks = iter(labels)
        body: Node | None = None  # the LBody of the item above
        made: list[Flowable] = []
        starts: list[int] = []  # where each item starts in `made`
        for item in block.items:
            if not isinstance(item, n.Item):
                made += self.block(item, body or items)  # a nested list: an L in the item above it
            elif item.number == "" and body is not None:  # an item's next paragraph: in its body, no mark
                made.append(self.paragraph(item.runs, style, body.add("P")))
            else:
                runs = item.runs or (n.Text("\u00a0"),)  # an empty item: its mark alone
                starts.append(len(made))
                first, body = self._item(runs, style, next(marks, "•"), items)
                made.append(first)
        yield from self._paired(made, starts, level)

    def _numbered_references(self) -> ParagraphStyle:
        """A numbered style's entries' style: each number in a column of its own, right-aligned ("9." ends where
        "10." does), each entry's lines at one edge after the widest: printed at the start of its text, "10."
        pushed its first line further than "9.", its other lines hanging at an indent of their own. One column
        for every list of the document's (the references and the further reading go on numbering)."""
        found = (block.numbered() for block in n.nested(self.document.blocks) if isinstance(block, n.References))
        numbers = [number for numbered in found for number, _ in numbered or ()]
        base = self.styles["reference"]
        face, size = base.fontName, base.fontSize
        widest = max(string_width(number, face, size, self.theme.fonts) for number in numbers)
        return ParagraphStyle(
            f"reference-numbered-{widest:g}",
            parent=base,
            firstLineIndent=0,
            bulletIndent=0,
            leftIndent=widest + size * g.LABEL_GAP,
            bulletFontName=face,
            bulletFontSize=size,
            bulletColor=base.textColor,
            bullet_end=self.theme.numbers_end(numbers, size, face),
        )

    def _paired(self, made: list[Flowable], starts: list[int], level: int) -> list[Flowable]:
        """A list's flowables (`made`, each item's starting at its index in `starts`; nested `level` deep) with a
        ListBreak before its first two items and its last two, where each of the two is a paragraph of
        INTRO_LINES at most."""
        ends = [*starts[1:], len(made)]

        def short(item: int) -> float | None:  # its height, where it is short
            one = made[starts[item]]
            if ends[item] - starts[item] != 1 or not isinstance(one, Paragraph):
                return None  # an item with a list or a paragraph more in it
            height = one.wrap(self.width, 1e6)[1]
            return height if len(one.blPara.lines) <= g.INTRO_LINES else None

        heights = [short(item) for item in range(len(starts))]
        groups = [[0, 1], [len(starts) - 2, len(starts) - 1]] if len(starts) >= 2 else []
        groups = [group for group in groups if None not in (heights[group[0]], heights[group[1]])]
        if len(groups) == 2 and groups[0][1] >= groups[1][0]:  # two or three items: the pairs overlap
            # The three go together, and where they cannot (the page fill comes first), the first stays and the last
            # two do: the third opened the next page alone
            groups = [sorted({*groups[0], *groups[1]}), *([groups[1]] if groups[1] != groups[0] else [])]
        breaks: dict[int, ListBreak] = {}
        for group in groups:
            gaps = (max(made[starts[a]].getSpaceAfter(), made[starts[b]].getSpaceBefore()) for a, b in itertools.pairwise(group))
            made_break = breaks[starts[group[0]]] = ListBreak(sum(heights[item] or 0.0 for item in group) + sum(gaps))
            made_break.before, made_break.items = made[starts[group[0]]].getSpaceBefore(), len(group)
            made_break.opens = group[0] == 0 and level == 1
            made_break.size = made[starts[group[0]]].style.fontSize
        return [kept for index, flowable in enumerate(made) for kept in (breaks.get(index), flowable) if kept is not None]

    def _callout(self, block: n.Callout, sect: Node) -> Box:
        """A tinted box with an accent bar, one row per item, kept whole on one page; a box taller than a page
        goes on on the next page between its items (never inside one), under its title again, "(continued)"."""
        rows: list[list[Flowable]] = []
        keeps: list[bool] = []  # a row other than an item right before an item leads into it
        title: list[Flowable] = [self.paragraph(block.title, "callout-title", sect.add("H2"))] if block.title is not None else []
        items: Node | None = None  # items next to each other make one list, as in the web copy
        headings: list[tuple[int, int, str]] = []
        under: list[Callable[[], Flowable] | None] = []  # each row's heading again (see Box.under)
        heading_again: Callable[[], Flowable] | None = None
        for part, following in itertools.zip_longest(block.parts, block.parts[1:]):
            under.append(heading_again)
            if isinstance(part, n.Item):
                items = items or sect.add("L")
                rows.append([*title, self.item(part.runs, "bullet", "•", items)])
            elif isinstance(part, n.Paragraph) and part.role is n.Role.SCHEDULE:
                # What to do ("Call 999 now"), heading the signs after it, as in the web copy: a screen reader's
                # list of headings, and the outline, go straight to it, under the box's own heading
                items = None
                heading = sect.add("H3" if block.title is not None else "H2")
                rows.append([*title, self.paragraph(part.runs, part.role.value, heading)])
                headings.append((len(rows) - 1, 0 if block.title is None else 1, " ".join(n.plain(part.runs).split())))
                under[-1], heading_again = None, self._heading_again(part.runs, part.role.value)
            else:
                items = None
                rows.append([*title, *self.block(part, sect)])
            keeps.append(not isinstance(part, n.Item) and isinstance(following, n.Item))
            title = []
        if title or not rows:
            rows.append(title)
            keeps.append(False)
            under.append(None)
        again = self._again(block.title, "callout-title") if block.title is not None else None
        # A safety box is tinted with the accent colour; a therapist's note with the brand colour.
        note = block.kind == "note"
        box = Box(rows, self._box_table(note), again, keeps=keeps)
        box.headings, box.under = tuple(headings), tuple(under)
        if block.title is not None:  # a heading, as a section's: in the outline, where a reader may go to it
            box.outline = (0, " ".join(n.plain(block.title).split()))
        if note:  # a therapist's note comes from the command line
            box.label, box.source, box.source_file, box.flows = "the therapist's note", (), "--note", True
        else:
            box.label, box.source = "the safety box", ("safety", "points")
        return box

    def _heading_again(self, runs: n.Runs, style: str) -> Callable[[], Flowable]:
        """What makes a heading inside a box again atop a page the rows under it go on to: as it reads (what to
        do is the same instruction on either page), an artifact, as a title again is (see _again)."""
        markup = self.markup(n.untagged(runs))
        return lambda: as_artifact(paragraph(markup, self.styles[style], style in BALANCED))

    def _again(self, title: n.Runs | None, style: str, number: str | None = None) -> Callable[[], Flowable]:
        """What makes a block's title again, "(continued)", atop each page the block goes on to (a box's; a step's,
        its `number` hanging as on its first page), in `style`: made anew for each page, and an artifact, as
        the page's furniture is, so that a screen reader reads the title once, where the block starts. A link in
        the title is a link there only: drawn again, it made a Link element of its own, read after the leaflet's
        last words, once for each page the block went on to."""
        before, placed, after = (part.replace("%%", "%") for part in self.continued.partition("%(title)s"))
        if not placed:  # a clinic's wording that leaves the title out, as any label may leave its placeholder out
            title = None
        if title is None:  # a step without a title: its number, "(continued)"
            before, after = before.strip(), after.strip()
        markup = self.markup.text(before) + (self.markup(n.untagged(title)) if title else "") + self.markup.text(after)
        if number is None:
            return lambda: as_artifact(paragraph(markup, self.styles[style], True))
        numbered = self.markup.bulleted(self.styles[style], number)
        return lambda: as_artifact(paragraph(markup, numbered, True, bulletText=number))

    def _box_table(self, note: bool) -> Callable[[list[list[Flowable]], float], Table]:
        """What draws a box's rows: a table tinted with the brand colour (a note) or the accent (safety), its
        padding and the space around it times a squeeze (1, or less where that keeps the box on its page)."""
        theme = self.theme
        ground, bar = (theme.primary_tint, theme.primary) if note else (theme.accent_tint, theme.accent)

        def table(rows: list[list[Flowable]], squeeze: float = 1.0) -> Table:
            pad = theme.profile.body * g.BOX_PADDING * squeeze
            space = theme.profile.body * g.BOX_SPACE * squeeze * self.spacing
            made = Table([[row] for row in rows], colWidths=[self.width], spaceBefore=space)
            made.setStyle(
                TableStyle(
                    [
                        ("FONTNAME", (0, 0), (-1, -1), theme.fonts.regular),  # else reportlab references Helvetica
                        ("BACKGROUND", (0, 0), (-1, -1), HexColor(ground)),
                        ("LINEBEFORE", (0, 0), (0, -1), g.BOX_BAR, HexColor(bar)),
                        ("LEFTPADDING", (0, 0), (-1, -1), pad + g.BOX_BAR_GAP),
                        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                        ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, 0), pad),
                        ("BOTTOMPADDING", (0, -1), (-1, -1), pad * g.BOX_LAST_PADDING),
                    ]
                )
            )
            made.spaceAfter = space
            return layout_table(made)

        return table

    def _steps(self, block: n.Steps, steps: Node) -> Iterator[Flowable]:
        styles = self.styles
        for step in block.steps:
            item = steps.add("LI")
            label, body = item.add("Lbl"), item.add("LBody")
            parts: list[Flowable] = []
            figure: Node | None = None
            for runs, style in ((step.title, "step-title"), (step.text, "step-text"), (step.dose, "repeat")):
                if runs is None:
                    continue
                if step.picture is not None and figure is None and style != "step-title":  # after the title, as the web copy
                    figure = body.add("Figure", alt=step.picture.alt)
                node = body.add("P")
                if not parts:  # the first line carries the number, hanging in the margin
                    parts.append(self.paragraph(runs, style, node, step.number, label))
                else:
                    parts.append(self.paragraph(runs, style, node))
            parts.extend(self.blocks(step.extra, body))
            loose = 0  # its last parts that may go on on the next page alone: its video
            if step.video is not None and safe_link(step.video.url):
                parts.append(self._video(step.video, body))
                loose = 1
            drawn = None
            if step.picture is not None:
                parts, drawn = self._with_picture(parts, step.picture, figure or body.add("Figure", alt=step.picture.alt))
            name = step.name()
            label = f"step {step.number} ({_named_by(name)})" if name else f"step {step.number}"
            # The step's text may go on on the next page after its head (and its picture).
            texts = [i for i, part in enumerate(parts) if i and isinstance(part, Paragraph) and part.style is styles["step-text"]]
            again = self._again(step.title, "step-continued", step.number)  # its head atop a page its text goes on to
            flowable: Unbreakable | BesideStep = (
                Step(parts, label, texts[0], again=again, loose=loose) if texts else Unbreakable(parts, label)
            )
            flowable.source = step.source  # type: ignore[attr-defined]  # the text's, which goes on beside a picture alone
            # A picture is lowered a little rather than leave the page's end blank.
            if drawn is not None:  # beside the text
                flowable = BesideStep(flowable, drawn, self.width * g.STEP_TEXT_SHARE, label, g.PICTURE_LEAST, g.STEP_PICTURE_GAP)
            else:  # above it, if any
                flowable.picture_least = g.PICTURE_ABOVE_LEAST
            flowable.outline = (1, f"{step.number}. {name}" if name else f"Step {step.number}")  # type: ignore[attr-defined]
            flowable.source = step.source  # type: ignore[attr-defined]
            yield flowable
            yield Gap(self.width, styles["step-text"].fontSize * g.STEP_SPACE * self.spacing)

    def _video(self, video: n.Qr, body: Node) -> Flowable:
        """A step's video: its caption and short link (a link too), and beside them a small QR code of it."""
        style = self.styles["step-text"]
        caption = (*video.caption, n.Text(": ")) if video.caption else ()
        words = self.paragraph((*caption, n.Link(video.url, (n.Text(bare(video.url)),))), "step-text", body.add("P"))
        side = style.fontSize * g.VIDEO_QR
        gap = g.STEP_PICTURE_GAP
        code = tag(QrFlowable(video.url, side), qr_figure(body, bare(video.url), self.theme.words))
        return layout_table(beside(words, code, self.width - side - gap, side + gap, self.theme.fonts.regular))

    def picture(self, picture: n.Picture, width: float, max_height: float, figure: Node, indent: float = 0) -> PictureFlowable:
        drawn = images.for_layout(self.base, picture.src, self.where, self.theme.language)
        floor = self.theme.profile.small  # a drawing's text under it is drawn as outlines
        return tag(PictureFlowable(drawn, width, max_height, self.theme.greyscale, indent, self.theme.fonts, floor), figure)

    def _with_picture(
        self, parts: list[Flowable], picture: n.Picture, figure: Node
    ) -> tuple[list[Flowable], PictureFlowable | None]:
        """Large print: the step's parts with the picture at full width under the title line. Otherwise: the
        parts, and the picture to set beside them (the text keeps 62% of the column)."""
        indent = self.styles["step-text"].leftIndent
        if self.theme.profile.picture_above:
            width = self.width - indent
            tall = min(width * g.PICTURE_ABOVE_TALL, self.page_height * g.PICTURE_SHARE)  # two pictured steps share a page
            drawn = self.picture(picture, width, tall, figure, indent)
            gap = g.PICTURE_ABOVE_GAP * self.spacing
            return [parts[0], Spacer(width, gap), drawn, Spacer(width, gap), *parts[1:]], None
        beside_width = self.width * (1 - g.STEP_TEXT_SHARE)
        tall = min(beside_width * g.STEP_PICTURE_TALL, self.page_height * g.PICTURE_SHARE)
        return parts, self.picture(picture, beside_width - g.STEP_PICTURE_GAP, tall, figure)


def _outlined(paragraph: Paragraph, level: int) -> Paragraph:
    """`paragraph` marked for the PDF's outline (bookmarks) at `level`, with its plain text."""
    paragraph.outline = (level, " ".join(paragraph.getPlainText().split()))  # type: ignore[attr-defined]
    return paragraph
