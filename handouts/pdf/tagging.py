"""Tagged PDF (PDF/UA-1, ISO 14289-1) while reportlab draws: the structure tree and the drawing-time layer.

* ``Node``: the structure tree (standard structure types only). The engines build it from the document's
  nodes (:mod:`handouts.layout.nodes`) in reading order, before anything is drawn; inline nodes (a link, a
  part in another language) are made and attached when their text is drawn.
* ``Tagger`` + ``tagging_canvas()``: every drawn piece of content is wrapped in a marked-content sequence
  of the innermost open context: a structure node (``/P <</MCID n>> BDC … EMC``, one fresh MCID per
  sequence and page) or an artifact (``/Artifact <</Type /Pagination>> BDC … EMC``). Paragraph text
  switches context inside its text object (links, spans) at ``<onDraw>`` marks that :func:`inline` writes
  into the paragraph's markup, and to an artifact for the hyphen where the layout broke a word.

:mod:`handouts.pdf.tagged` makes platypus flowables draw inside their nodes; :mod:`handouts.pdf.structure`
writes the tree as reportlab writes the file.

Rules kept here:

* marked-content sequences that carry an MCID never nest in one another, and artifacts never nest in
  tagged content (veraPDF 7.1-1/7.1-2; veraPDF 1.26 and later warn on nested MCIDs): the tagger switches
  from one context to the next rather than nesting them;
* BDC/EMC and BT/ET nest properly (ISO 32000-1 14.6): a switch inside a text object stays inside it;
* MCIDs are 0..n-1 on each page with no gaps, each used once;
* sequences that paint nothing (only q/Q/cm/colour/font state) are not marked, so no MCID points at nothing.
"""

from __future__ import annotations

import collections
import contextlib
import enum
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import ShapedStr
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from handouts.words.i18n import Translator

_STANDARD = """Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6
L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP
Warichu WT WP Figure Formula Form"""
STANDARD_TYPES = frozenset(_STANDARD.split())  # ISO 32000-1 14.8.4

# ---------------------------------------------------------------- the tree


@dataclass(frozen=True, slots=True)
class MCRef:
    """A marked-content sequence: page index (0-based) and its MCID there."""

    page: int
    mcid: int


@dataclass(frozen=True, slots=True)
class AnnotRef:
    """A link annotation: page index and its index in that page's /Annots."""

    page: int
    index: int


@dataclass(eq=False)
class Node:
    """A structure element. ``kids`` holds child Nodes and MCRefs in reading order."""

    type: str
    alt: str | None = None  # /Alt: required on Figure (and Formula)
    lang: str | None = None  # /Lang (BCP 47), for a part in another language
    actual_text: str | None = None
    scope: str | None = None  # TH: "Column", "Row" or "Both" -> /A << /O /Table /Scope /… >>
    href: str | None = None  # Link: the target, to match reportlab's annotation
    contents: str | None = None  # Link: the annotation's /Contents (else alt, else href)
    bbox: tuple[float, float, float, float] | None = None  # Figure: /A << /O /Layout /BBox >> (page space)
    kids: list[Node | MCRef] = field(default_factory=list)
    annots: list[AnnotRef] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)
    inline: int | None = None  # an inline node: the number of its kind in paragraph markup (see inline())
    pending_parent: Node | None = field(default=None, repr=False)  # an inline node's parent, until drawn

    def add(self, child: Node | str, **kw: Any) -> Node:
        """Append a child (a Node, or a new one of type `child`) and return it."""
        node = child if isinstance(child, Node) else Node(child, **kw)
        if node.parent is not None:
            raise ValueError(f"{node.type} already has a parent")
        node.parent = self
        self.kids.append(node)
        return node

    def prepend(self, *children: Node) -> None:
        """Put `children` first, in this order (what is read before the rest: a page's band)."""
        for child in children:
            if child.parent is not None:
                raise ValueError(f"{child.type} already has a parent")
            child.parent = self
        self.kids[:0] = children

    def walk(self) -> Iterator[Node]:
        yield self
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid.walk()

    def has_content(self) -> bool:
        return bool(self.annots) or any(isinstance(k, MCRef) or k.has_content() for k in self.kids)


@dataclass(frozen=True)
class Artifact:
    """An artifact context. `type` is Pagination, Layout, Page or Background (ISO 32000-1 14.8.2.2)."""

    type: str | None = "Layout"

    def operator(self) -> str:
        return f"/Artifact <</Type /{self.type}>> BDC" if self.type else "/Artifact BMC"


ARTIFACT = Artifact()
PAGINATION = Artifact("Pagination")

# ------------------------------------------------------ content-stream rules

# The operators that paint (ISO 32000-1 Tables 59, 107, 92, 87, 77): path painting, text
# showing, XObjects, shadings, inline images. A sequence with none of them is left
# unmarked (it only sets state: q, Q, cm, colours, fonts). A string in a text object that
# happens to contain one of these words only makes the test err towards marking.
_PAINT = re.compile(r"(?:^|\s)(?:Tj|TJ|'|\"|Do|sh|EI|S|s|f\*?|F|B\*?|b\*?)(?=\s|$)")
_TEXT = re.compile(r"(?:^|[\s)\]>])(?:Tj|TJ|'|\")(?=\s|$)")


_PAINT_OPS = frozenset(["Tj", "TJ", "'", '"', "Do", "sh", "EI", "S", "s", "f", "f*", "F", "B", "B*", "b", "b*"])
_OPERANDS = re.compile(r"[-+0-9. ]*")  # numbers only: what comes before the operator of most strings
_SHORT = 2000  # characters: an operator string this long is scanned whole


def _paints(items: list[str]) -> bool:
    """Whether `items` (operator strings) paint. Each of reportlab's strings ends with its painting operator
    (a path's, an inline image's EI); a text object (BT … ET) is searched for a text-showing operator; a long
    string that ends otherwise counts as painting (erring towards marking), short ones are searched, unless
    all before their last operator is numbers (q, cm, colours: the strings most often met)."""
    search = _PAINT.search
    operands = _OPERANDS.fullmatch
    for item in items:
        if item.startswith("BT"):
            if _shows(item):
                return True
            continue
        head, _, last = item.rpartition(" ")
        if last.rstrip() in _PAINT_OPS or len(item) > _SHORT or (head and not operands(head) and search(head)):
            return True
    return False


def _shows(item: str) -> bool:
    """Whether the text object `item` shows text: reportlab writes each string's operator after a space, found
    without a regular expression; the expression finds the rest."""
    return " Tj" in item or " TJ" in item or _TEXT.search(item) is not None


def _shows_text(items: list[str]) -> bool:
    return any(_shows(item) for item in items)


def _bdc(node: Node, mcid: int) -> str:
    return f"/{node.type} <</MCID {mcid}>> BDC"


@dataclass(slots=True)
class _Open:
    """The one open canvas-level sequence: a placeholder in `code` at `index`."""

    code: list[str]
    index: int
    ctx: Node | Artifact
    page: int


_MARK = "\x00tag:"  # a context switch inside a text object, replaced before the object is written


class LineEnd(enum.Enum):
    """Where a paragraph's line ends, for what is read from the tags: between words (a space is drawn there),
    inside a word (nothing), or inside a word broken with a hyphen the layout added (the hyphen is read as
    nothing)."""

    SPACE = "space"
    WORD = "word"
    HYPHEN = "hyphen"


def level_headings(root: Node) -> None:
    """Heading levels as PDF/UA wants them, whatever a layout asked for: the first heading H1 (a layout without
    a title starts at its sections), each level at most one below the one before (Matterhorn 14-002, 14-003)."""
    shift: int | None = None
    last = 0
    for node in root.walk():
        if len(node.type) == 2 and node.type[0] == "H" and node.type[1].isdigit():
            level = int(node.type[1])
            shift = level - 1 if shift is None else shift
            last = min(max(level - shift, 1), last + 1)
            node.type = f"H{last}"


# ------------------------------------------------------------ inline marks


@dataclass(frozen=True, slots=True)
class _InlineKind:
    type: str
    href: str | None
    lang: str | None
    contents: str | None


class _Inlines:
    """The kinds of inline node paragraph markup asks for, numbered once per process: the markup names a kind by
    its number, and the tagger makes a node of that kind each time the mark is drawn. The same kind always gets
    the same number, so the markup (and what caches hold it) stays the same from one build to the next."""

    def __init__(self) -> None:
        self._kinds: list[_InlineKind] = []
        self._numbers: dict[_InlineKind, int] = {}
        self._lock = threading.Lock()

    def number(self, kind: _InlineKind) -> int:
        with self._lock:
            if kind not in self._numbers:
                self._numbers[kind] = len(self._kinds)
                self._kinds.append(kind)
            return self._numbers[kind]

    def node(self, number: int) -> Node:
        kind = self._kinds[number]
        return Node(kind.type, href=kind.href, lang=kind.lang, contents=kind.contents, inline=number)


_INLINE = _Inlines()
CALLBACK = "tag"  # the <onDraw name=…> of inline marks


def inline(type: str, markup: str, *, href: str | None = None, lang: str | None = None, contents: str | None = None) -> str:
    """Paragraph `markup` whose text is drawn as an inline node of `type` (a Link, with the `href` of the link
    annotation its `<a>` makes and the annotation's description, `contents`; a Span in another `lang`)."""
    number = _INLINE.number(_InlineKind(type, href, lang, contents))
    return f'<onDraw name="{CALLBACK}" label="+{number}"/>{markup}<onDraw name="{CALLBACK}" label="-{number}"/>'


def link_description(text: str, href: str) -> str:
    """What a screen reader says for a link annotation (its /Contents): the words it is drawn with, and where it
    goes when they do not say so."""
    words = " ".join(text.split())
    target = href.removeprefix("mailto:").removeprefix("tel:")
    return words if target in words or not words else f"{words} ({target})"


# ------------------------------------------------------------------ Tagger


class Tagger:
    """The tagging state of one document while it is drawn (one per build).

    The canvas class made by ``tagging_canvas`` calls into it; flowables wrapped
    with ``tag()`` call ``begin``/``end``; drawing code may use ``element()`` and
    ``artifact()`` as context managers. `words` are the document's language's, for what the engine says of
    its parts (a link that has no words of its own is described as "Link to …").
    """

    def __init__(self, root: Node | None = None, *, strict: bool = True, words: Translator | None = None) -> None:
        self.root = root or Node("Document")
        self.strict = strict
        self.words = words or Translator()
        self.warnings: list[str] = []
        self._stack: list[Node | Artifact] = []
        self._open: _Open | None = None
        self.page_nodes: dict[int, list[Node]] = {}  # page -> node of each MCID (index = MCID)
        self.annots: list[tuple[AnnotRef, Node]] = []
        self._links: list[list[Node]] = [[]]  # inline Link nodes opened in each open block
        # each inline Link node's lines of text, numbered as drawn: a link annotation is drawn for each (see _on_annotation)
        self._link_lines: dict[Node, set[int]] = {}
        self._line = 0  # the number of the paragraph line being drawn
        self._bullet: Node | None = None  # Lbl that receives the next text object (paragraph bullets)
        self._carried: list[Node] = []  # inline nodes the part of a paragraph being drawn goes on with
        self.spaces: collections.deque[LineEnd] | None = None  # how each line of the paragraph drawn ends

    # -- contexts

    def _top_node(self) -> Node:
        for ctx in reversed(self._stack):
            if isinstance(ctx, Node):
                return ctx
        return self.root

    def _attach(self, node: Node, parent: Node | None = None) -> None:
        if node.parent is None and node is not self.root:
            (parent or self._top_node()).add(node)

    def _page(self, canvas: Canvas) -> int:
        return canvas.getPageNumber() - 1

    def _reopen(self, canvas: Canvas) -> None:
        if self._stack:
            code = canvas._code
            code.append("")
            self._open = _Open(code, len(code) - 1, self._stack[-1], self._page(canvas))

    def _close(self) -> None:
        """Close the open canvas-level sequence: mark it if it painted anything, else drop it."""
        op, self._open = self._open, None
        if op is None:
            return
        code, i = op.code, op.index
        if i == len(code) - 1:  # nothing drawn since it opened (the common case between two pushes)
            code.pop()
            return
        if _paints(code[i + 1 :]):
            code[i] = self._begin_marked(op.ctx, op.page)
            code.append("EMC")
        else:
            code[i] = " "  # only state operators: left unmarked

    def _begin_marked(self, ctx: Node | Artifact, page: int) -> str:
        if isinstance(ctx, Artifact):
            return ctx.operator()
        self._attach(ctx)
        nodes = self.page_nodes.setdefault(page, [])
        mcid = len(nodes)
        nodes.append(ctx)
        ctx.kids.append(MCRef(page, mcid))
        return _bdc(ctx, mcid)

    def push(self, canvas: Canvas, ctx: Node | Artifact) -> None:
        self._close()
        if isinstance(ctx, Node):
            self._attach(ctx)
        self._stack.append(ctx)
        self._reopen(canvas)

    def pop(self, canvas: Canvas, ctx: Node | Artifact) -> None:
        self._close()
        if not self._stack or self._stack[-1] is not ctx:
            raise RuntimeError(f"tagging contexts out of order: closing {ctx!r}, open {self._stack[-1:]!r}")
        self._stack.pop()
        self._reopen(canvas)

    @contextlib.contextmanager
    def element(self, canvas: Canvas, node: Node) -> Iterator[Node]:
        """Everything drawn inside belongs to `node` (for drawing at absolute positions)."""
        self._links.append([])
        self.push(canvas, node)
        try:
            yield node
        finally:
            self.pop(canvas, node)
            self._links.pop()

    @contextlib.contextmanager
    def artifact(self, canvas: Canvas, kind: Artifact = ARTIFACT) -> Iterator[None]:
        """Everything drawn inside is an artifact (page furniture, decoration)."""
        self.push(canvas, kind)
        try:
            yield
        finally:
            self.pop(canvas, kind)

    # -- blocks (used by tag())

    def begin(self, canvas: Canvas, node: Node, carry: list[Node] = (), label: Node | None = None) -> None:
        self._links.append([n for n in carry if n.type == "Link"])
        self.push(canvas, node)
        for inner in carry:  # inline nodes still open where the previous part of this flowable ended
            self.push(canvas, inner)
        self._carried = list(carry)
        self._bullet = label

    def end(self, canvas: Canvas, node: Node) -> list[Node]:
        """Close `node`; return the inline nodes still open inside it (a split paragraph's next part reopens them)."""
        self._bullet = None
        self._carried = []
        self._close()
        carry: list[Node] = []
        while self._stack and self._stack[-1] is not node:
            inner = self._stack.pop()
            if not isinstance(inner, Node):
                raise RuntimeError(f"artifact left open inside {node.type}")
            carry.append(inner)
        if not self._stack:
            raise RuntimeError(f"{node.type} was not open")
        self._stack.pop()
        self._links.pop()
        self._reopen(canvas)
        return carry[::-1]

    # -- inline switches inside paragraph text

    def _on_draw(self, canvas: Canvas, kind: str, label: str) -> None:
        """The <onDraw> callback: switch context inside the paragraph's text object."""
        info = getattr(canvas, "_curr_tx_info", None)
        if info is None:
            raise RuntimeError("tag callback outside a paragraph's text")
        tx = info["tx"]
        index = int(label[1:])
        marks = tx.__dict__.setdefault("_tag_marks", [])
        if not marks:
            tx._tag_start = self._stack[-1] if self._stack else None
        top = self._stack[-1] if self._stack else None
        if label[0] == "+" and isinstance(top, Node) and top.inline == index and top in self._carried:
            # the node the previous part left open, opened again: the part was made again from the markup's
            # end, from the mark on (see CachedParagraph._rest), and the previous part's last line ended with it
            self._carried.remove(top)
        elif label[0] == "+":
            node = _INLINE.node(index)
            node.pending_parent = self._top_node()  # attached when its first text is written
            self._stack.append(node)
            if node.type == "Link":
                self._links[-1].append(node)
        else:
            if not isinstance(top, Node) or top.inline != index:
                raise RuntimeError(f"inline mark {index} closed out of order")
            self._stack.pop()
        marks.append(self._stack[-1] if self._stack else None)
        tx._code.append(f"{_MARK}{len(marks) - 1}")

    def unread(self, tx: PDFTextObject, at: int, top: Node | Artifact | None) -> None:
        """The text object's `at`-th piece of code (a hyphen the layout added where it broke a word, drawn in
        context `top`) made an artifact: drawn, not read, amid the text of the element drawing it."""
        if not isinstance(top, Node):
            return
        marks = tx.__dict__.setdefault("_tag_marks", [])
        if not marks:
            tx._tag_start = top
        marks += [ARTIFACT, top]  # then the element's text goes on
        tx._code[at : at + 1] = [f"{_MARK}{len(marks) - 2}", tx._code[at], f"{_MARK}{len(marks) - 1}"]

    def _link_text(self) -> None:
        """Text is drawn on the current line: each inline Link open here has a line more, if it is a new one."""
        for ctx in reversed(self._stack):
            if isinstance(ctx, Node) and ctx.type == "Link" and ctx.inline is not None:
                self._link_lines.setdefault(ctx, set()).add(self._line)

    def _draw_text(self, canvas: Canvas, tx: Any, draw: Any) -> None:
        """Write a text object: a bullet becomes the label's content; inline switches become
        EMC/BDC pairs inside BT…ET."""
        if self._bullet is not None:
            label, self._bullet = self._bullet, None
            self.push(canvas, label)
            draw(tx)
            self.pop(canvas, label)
            return
        marks = tx.__dict__.get("_tag_marks")
        if not marks:
            draw(tx)
            return
        self._close()  # the sequence before BT ends before it: BDC/EMC must not cross BT/ET
        page = self._page(canvas)
        code: list[str] = tx._code
        assert code[0] == "BT"
        out = ["BT"]
        segment: list[str] = []
        ctx = tx._tag_start

        def flush() -> None:
            if isinstance(ctx, Node) and ctx.parent is None:  # an inline node takes its place when reached
                self._attach(ctx, ctx.pending_parent)
            if segment and ctx is not None and _shows_text(segment):
                out.append(self._begin_marked(ctx, page))
                out.extend(segment)
                out.append("EMC")
            else:
                out.extend(segment)
            segment.clear()

        for item in code[1:]:
            if item.startswith(_MARK):
                flush()
                ctx = marks[int(item[len(_MARK) :])]
            else:
                segment.append(item)
        flush()
        tx._code = out
        draw(tx)
        self._reopen(canvas)

    # -- annotations

    def _on_annotation(self, canvas: Canvas, annotation: Any) -> None:
        """A link annotation was added: it belongs to the Link node drawing it (same target),
        or to the innermost open Link node (links drawn with canvas calls)."""
        ref = AnnotRef(self._page(canvas), len(canvas._annotationrefs) - 1)
        target = _annotation_target(annotation)
        open_links = [c for c in reversed(self._stack) if isinstance(c, Node) and c.type == "Link"]
        # reportlab draws a paragraph's link annotations after each line, one for each link with text on the line,
        # in the order the links came: the first Link to that target still owed one for a line it was drawn on
        lines = self._link_lines
        node = next((n for n in self._links[-1] if n.href == target and len(n.annots) < len(lines.get(n, ()))), None)
        if node is None:
            candidates = open_links + self._links[-1][::-1]
            node = next((n for n in candidates if n.href == target), None)
        if node is None and open_links and open_links[0].href is None:
            node = open_links[0]
        if node is None:
            msg = f"link annotation to {target!r} on page {ref.page + 1} drawn outside a Link node"
            if self.strict:
                raise RuntimeError(msg)
            self.warnings.append(msg)
            node = self._top_node().add(Node("Link", href=target))
        node.annots.append(ref)
        self.annots.append((ref, node))

    # -- page ends

    def _page_end(self, canvas: Canvas) -> None:
        self._close()

    def _page_start(self, canvas: Canvas) -> None:
        self._reopen(canvas)


def _annotation_target(annotation: Any) -> str | None:
    d = getattr(annotation, "dict", None)
    if isinstance(d, dict):  # linkURL: a PDFDictionary with an /A action
        action = d.get("A")
        ad = getattr(action, "dict", {})
        for key in ("URI", "F"):
            if key in ad:
                value = ad[key]
                return getattr(value, "s", str(value))
    dest = getattr(annotation, "Destination", None)  # linkRect: a named destination
    return getattr(dest, "name", None) or (str(dest) if dest is not None else None)


class _SpacedTextObject(PDFTextObject):
    """A text object that writes the space a paragraph line ends at as a real glyph.

    reportlab drops the space where it breaks a line; a reader that takes the text
    from the structure tree (poppler's -struct-text, screen readers reading the
    tags) then runs the last word of one line into the first of the next. The
    space is drawn after the line's last glyph, so nothing visible moves. Lines that
    end inside a word (reportlab splits words longer than the line) get none: the
    tagged paragraph tells which, from its text (see _line_spaces); where the word
    was broken with a hyphen the layout added, the hyphen is read as nothing.
    """

    _hyphen: tuple[int, Node | Artifact | None] | None = None  # see _textOut

    def _textOut(self, text: str, TStar: int = 0) -> None:  # noqa: N802, N803 (reportlab's names)
        tagger = self._canvas._tagger
        if text and tagger._links[-1]:
            tagger._link_text()
        if text and not text.isspace():
            self._hyphen = None  # the line's text goes on: a hyphen written before this was not at its end
        spaces = tagger.spaces
        if spaces and spaces[0] is LineEnd.HYPHEN and text.endswith("-") and not _keeps_its_own_data(text):
            # Perhaps the hyphen the layout added where it broke the line's last word, written as a piece of its
            # own: known when the line ends (a line of bold words or links is drawn a run at a time, and may end
            # with an empty run)
            if len(text) > 1:
                PDFTextObject._textOut(self, text[:-1])
            PDFTextObject._textOut(self, "-")
            self._hyphen, text = (len(self._code) - 1, tagger._stack[-1] if tagger._stack else None), ""
            if not TStar:
                return
        if TStar:  # a line ends: one answer in `spaces` a line (none: it ends at a space)
            tagger._line += 1
            end = spaces.popleft() if spaces else LineEnd.SPACE
            if end is LineEnd.HYPHEN and self._hyphen is not None:
                tagger.unread(self, *self._hyphen)  # the hyphen the layout added: a screen reader said it in the word
            self._hyphen = None
            # a line that ends inside a word (a long web address split by reportlab) gets no space
            if end is LineEnd.SPACE and not text.endswith((" ", "\xa0", "\n")):
                spaced = self._spaced_font()
                if spaced is not None:  # the line ends in a font with no space (the symbols): set it in another
                    PDFTextObject._textOut(self, text)
                    self._setFont(spaced, self._fontsize)
                    PDFTextObject._textOut(self, " ", TStar)
                    return
                if type(text) is not str:  # shaped or bidi text keeps its own data: the space is a string of its own
                    self._code.append(f"{self._formatText(text)} {self._formatText(' ')} T*")
                    return
                text += " "  # plain text: one more character in the same string
        PDFTextObject._textOut(self, text, TStar)

    def _spaced_font(self) -> str | None:
        """None where the line's last font has a space; else the paragraph's own font, which the space is set in.
        The symbols font has no space: its missing-glyph box printed after a line's last symbol ("Done ✓")."""
        glyphs = getattr(getattr(pdfmetrics.getFont(self._fontname), "face", None), "charToGlyph", None)
        if glyphs is None or 32 in glyphs:  # a TrueType font's characters; a standard font has a space
            return None
        style = getattr(getattr(self, "XtraState", None), "style", None)
        return getattr(style, "fontName", None) or None


def _keeps_its_own_data(text: str) -> bool:
    """Whether `text` is shaped or bidi text, whose glyph data is kept beside its characters (and is not cut
    as a string is); a paragraph's words otherwise come in reportlab's own kinds of str too (a word it broke,
    one with soft hyphens), which are cut as plain text is."""
    return isinstance(text, ShapedStr) or hasattr(text, "__bidiV__")


def tagging_canvas(tagger: Tagger, base: type[Canvas] = Canvas, document: type[PDFDocument] | None = None) -> type[Canvas]:
    """A canvas class (for BaseDocTemplate.build(canvasmaker=…)) that reports to `tagger`.

    `base` may be a project's own Canvas subclass (e.g. one holding pages back to
    stamp "Page X of Y" at save time); its showPage must call `_startPage` or
    Canvas.showPage, as reportlab's own do. `document`: the reportlab document class
    the file is written with (one that writes the tree: see structure).
    """

    class TaggingCanvas(base):  # type: ignore[valid-type, misc]
        _tagger = tagger

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            if document is not None:
                self._doc.__class__ = document  # made by Canvas.__init__; a subclass that only writes otherwise
            self.setNamedCB(CALLBACK, self._tagger._on_draw)

        def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> PDFTextObject:  # noqa: N802
            return _SpacedTextObject(self, x, y, direction=direction)

        def drawText(self, aTextObject: Any) -> None:  # noqa: N802, N803 (reportlab's names)
            self._tagger._draw_text(self, aTextObject, super().drawText)

        def showPage(self) -> None:  # noqa: N802
            self._tagger._page_end(self)
            super().showPage()
            self._tagger._page_start(self)

        def _addAnnotation(self, annotation: Any, name: Any = None, addtopage: int = 1) -> None:  # noqa: N802
            super()._addAnnotation(annotation, name, addtopage)
            if addtopage:
                self._tagger._on_annotation(self, annotation)

    TaggingCanvas.__name__ = f"Tagging{base.__name__}"
    return TaggingCanvas


def element(canvas: Canvas, node: Node) -> contextlib.AbstractContextManager[Any]:
    """Everything drawn inside is `node`'s content, on a tagging canvas (drawing at absolute positions)."""
    tagger: Tagger | None = getattr(canvas, "_tagger", None)
    return tagger.element(canvas, node) if tagger else contextlib.nullcontext()


def artifact(canvas: Canvas, kind: Artifact = ARTIFACT) -> contextlib.AbstractContextManager[Any]:
    """Everything drawn inside is an artifact (page furniture, decoration), on a tagging canvas."""
    tagger: Tagger | None = getattr(canvas, "_tagger", None)
    return tagger.artifact(canvas, kind) if tagger else contextlib.nullcontext()
