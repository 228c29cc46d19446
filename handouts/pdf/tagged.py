"""Platypus flowables drawn inside their structure nodes (:mod:`handouts.pdf.tagging`): a paragraph, a picture,
a table, in whatever order the frames place them. Split parts share their node (a step's text that goes on
on the next page is one P with content on both pages), and a link cut by the page break goes on in the next
part.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.tables import Table, TableRenderCB

from handouts.pdf.tagging import ARTIFACT, PAGINATION, Artifact, LineEnd, Node, Tagger
from handouts.words.hyphens import SHY


@dataclass(eq=False)
class _TagState:
    node: Node | Artifact
    label: Node | None = None
    carry: list[Node] = field(default_factory=list)


class _TaggedFlowable:
    """Mixed into a flowable's class by tag(): draws inside its node, passes the node to split parts."""

    _tag: _TagState

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803 (reportlab's names)
        tagger: Tagger | None = getattr(canvas, "_tagger", None)
        if tagger is None:
            return super().drawOn(canvas, x, y, _sW)
        state = self._tag
        if isinstance(state.node, Artifact):
            with tagger.artifact(canvas, state.node):
                return super().drawOn(canvas, x, y, _sW)
        if state.node.type == "Figure" and state.node.bbox is None:
            w = getattr(self, "drawWidth", None) or getattr(self, "width", 0) or 0  # platypus Image: drawWidth
            h = getattr(self, "drawHeight", None) or getattr(self, "height", 0) or 0
            state.node.bbox = canvas._absRect((x, y, x + w, y + h), relative=1)
        label = state.label if getattr(self, "bulletText", None) else None
        tagger.begin(canvas, state.node, state.carry, label)
        tagger.spaces = _line_spaces(self)
        goes_on = getattr(self, "_goes_on_in_a_word", None)
        if goes_on is not None:  # its last line's word goes on in the next part
            lines = len(self.blPara.lines)
            tagger.spaces = collections.deque([*[*(tagger.spaces or [LineEnd.SPACE] * lines)][: lines - 1], goes_on])
        try:
            super().drawOn(canvas, x, y, _sW)
        finally:
            tagger.spaces = None
            state.carry = tagger.end(canvas, state.node)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        for part in parts:
            _mix(part, self._tag)
        if len(parts) == 2:
            end = _split_in_a_word(self, parts[0])
            if end is not None:
                parts[0]._goes_on_in_a_word = end
            _share_typed(self, *parts)
        return parts


def _share_typed(para: Any, first: Any, rest: Any) -> None:
    """Each part of `para`, split across two pages, is given its share of the paragraph's typed text (see
    _typed): reportlab makes the parts of a paragraph of one run of text from its lines, and they keep no text
    (getPlainText is empty), so every line of a long German paragraph split across pages was read with a space
    after the hyphen the layout added, the word in two. The first part is given the whole text (its last line
    ends inside a word where the text goes on without a space), the other the rest of it, if the first part's
    lines were all found in it."""
    if getattr(first, "blPara", None) is None or getattr(para, "blPara", None) is None or not hasattr(para, "getPlainText"):
        return
    whole = _typed(para)
    if not whole:
        return
    first._typed_text = whole
    # the first part's lines as `para` was broken into them (the part's own are not yet made again for drawing)
    bl, count = para.blPara, len(first.blPara.lines)
    walked = _walk(bl.kind, bl.lines[:count], whole)
    if walked is not None:
        rest._typed_text = whole[walked[1] :].lstrip(" ")


def _split_in_a_word(para: Any, first: Any) -> LineEnd | None:
    """How a paragraph split across two pages inside a word (a web address broken at its "/", a word broken with
    a hyphen) ends its first part (the word goes on in the next part: no space where the text is read from the
    tags; the hyphen the layout added, read as nothing); None if it was split between words."""
    if not (hasattr(para, "getPlainText") and hasattr(first, "getPlainText") and hasattr(first, "blPara")):
        return None
    whole = _typed(para)
    start = " ".join(first.getPlainText().replace(SHY, "").split())
    end = LineEnd.WORD
    if not whole.startswith(start) and start.endswith("-") and whole.startswith(start[:-1]):
        start, end = start[:-1], LineEnd.HYPHEN  # the hyphen drawn where the word was broken
    inside = bool(start) and whole.startswith(start) and len(start) < len(whole) and whole[len(start)] != " "
    return end if inside else None


def _line_spaces(para: Any) -> collections.deque[LineEnd] | None:
    """For a wrapped Paragraph: does each line end where its text has white space (SPACE), inside a word that
    was split over two lines (WORD: a web address broken by reportlab), or inside a word broken with a hyphen the
    layout added (HYPHEN)? Found by walking the lines' text along the paragraph's plain text, white space folded
    to single spaces in both; None for anything else."""
    bl = getattr(para, "blPara", None)
    if bl is None or not hasattr(para, "getPlainText"):
        return None
    lines = bl.lines
    part = getattr(para, "_typed_text", None) is not None  # a part of a split paragraph: its text may go on
    if len(lines) < 2 and not part:
        return None  # one line: it ends where the paragraph does
    if not any(_may_end_in_a_word(bl.kind, line) for line in (lines if part else lines[:-1])):
        return None  # every line ends at a space (the common case, found without the paragraph's text)
    walked = _walk(bl.kind, lines, _typed(para), lost=LineEnd.SPACE)
    return None if walked is None else walked[0]


def _walk(kind: int, lines: list[Any], plain: str, lost: LineEnd | None = None) -> tuple[collections.deque[LineEnd], int] | None:
    """How each of a wrapped paragraph's `lines` (of its blPara's `kind`) ends, walking their text along `plain`
    (typed text, see _typed), and where in `plain` the last one ends. A line not found there (markup that draws
    other text) ends as `lost` says; None instead where `lost` is None."""
    n, p, flags = len(plain), 0, collections.deque[LineEnd]()
    for line in lines:
        words = line[1] if kind == 0 else ["".join(getattr(f, "text", "") for f in line.words)]
        text = " ".join(" ".join(words).replace(SHY, "").split())
        if p < n and plain[p] == " ":
            p += 1
        added = False
        if plain.startswith(text, p):
            p += len(text)
        elif text.endswith("-") and plain.startswith(text[:-1], p):  # a hyphen added where a word was split
            p += len(text) - 1
            added = True
        elif lost is None:
            return None
        else:  # lost track: assume `lost`
            flags.append(lost)
            continue
        flags.append(LineEnd.SPACE if p >= n or plain[p] == " " else LineEnd.HYPHEN if added else LineEnd.WORD)
    return flags, p


def _typed(para: Any) -> str:
    """A paragraph's text as typed (no soft hyphens, white space folded to single spaces): from its fragments as
    parsed where it keeps them (see CachedParagraph.parsed), as wrapping a paragraph of several fragments
    replaces them with its words, with the hyphen it added where it broke one."""
    shared = getattr(para, "_typed_text", None)  # a part of a split paragraph (see _share_typed)
    if shared is not None:
        return shared
    parsed = getattr(para, "parsed", None)
    text = "".join(f.text for f in parsed) if parsed and all(hasattr(f, "text") for f in parsed) else para.getPlainText()
    return " ".join(text.replace(SHY, "").split())


def _may_end_in_a_word(kind: int, line: Any) -> bool:
    """Whether a wrapped line may end inside a word: at a hyphen (reportlab's, or one it split at), a soft
    hyphen, or a forced break (<br/>, as a web address too long for its line is broken)."""
    if kind == 0:
        last = line[1][-1] if line[1] else ""
    else:
        if getattr(line, "lineBreak", False):
            return True
        # The last fragment with text: a line broken inside a word ends with reportlab's empty break fragment.
        last = next((text for text in (getattr(f, "text", "") for f in reversed(line.words)) if text), "")
    return last.endswith(("-", SHY, "\u2010"))


_MIXED: dict[type, type] = {}


def _mix(flowable: Any, state: _TagState) -> None:
    cls = type(flowable)
    if not issubclass(cls, _TaggedFlowable):
        sub = _MIXED.get(cls)
        if sub is None:
            # Same name: reportlab looks at class names (e.g. "preformatted" in drawPara).
            sub = _MIXED[cls] = type(cls.__name__, (_TaggedFlowable, cls), {"__module__": cls.__module__})
        flowable.__class__ = sub
    flowable._tag = state


def as_artifact(flowable: Any, kind: Artifact = PAGINATION) -> Any:
    """Make `flowable` draw as an artifact (a box's title repeated on its next page)."""
    _mix(flowable, _TagState(kind))
    return flowable


def tag(flowable: Any, node: Node, label: Node | None = None) -> Any:
    """Make `flowable` draw its content as `node`'s (one MCID per page it lands on).

    `label`: for a Paragraph with bulletText, the Lbl node that receives the bullet.
    Returns the flowable (its class is swapped for a subclass; it stays an
    instance of its own class). A Figure without alternative text is decoration: the flowable draws as an
    artifact and the node leaves the tree.
    """
    if node.type == "Figure" and not (node.alt or "").strip():
        if node.parent is not None:
            node.parent.kids.remove(node)
            node.parent = None
        return as_artifact(flowable, ARTIFACT)
    _mix(flowable, _TagState(node, label))
    return flowable


class _LayoutTableCB(TableRenderCB):
    """A table used for layout: its backgrounds and rules are artifacts; its cells' flowables tag themselves."""

    def startTable(self, table: Table) -> None:  # noqa: N802 (reportlab's names)
        pass

    def startBG(self, table: Table) -> None:  # noqa: N802
        tagger = getattr(table.canv, "_tagger", None)
        if tagger:
            tagger.push(table.canv, ARTIFACT)

    def endBG(self, table: Table) -> None:  # noqa: N802
        tagger = getattr(table.canv, "_tagger", None)
        if tagger:
            tagger.pop(table.canv, ARTIFACT)

    startLines, endLines = startBG, endBG  # noqa: N815

    def startRow(self, table: Table, rowNo: int) -> None:  # noqa: N802, N803
        pass

    def startCell(self, table: Table, rowNo: int, colNo: int, cellval: Any, cellstyle: Any, pos: Any, size: Any) -> None:  # noqa: N802, N803
        pass

    def endCell(self, table: Table) -> None:  # noqa: N802
        pass

    def endRow(self, table: Table) -> None:  # noqa: N802
        pass

    def endTable(self, table: Table) -> None:  # noqa: N802
        pass


def layout_table(table: Table) -> Table:
    """Mark a layout-only Table's backgrounds and rules as artifacts (its cells must hold tagged flowables)."""
    table._renderCB = _LayoutTableCB()
    return table
