"""Layout XML -> typed nodes, in one place, once per output.

Every element and attribute is checked against :mod:`handouts.layout.schema` before a node is made; a fault
is a TemplateError naming the template's file and the line that asked for it. Text is collapsed as HTML
collapses it (runs of spaces, tabs and line breaks are one space) and kept otherwise exactly as written.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator

from handouts.errors import LayoutError, TemplateError
from handouts.layout import nodes as n
from handouts.layout import schema
from handouts.layout.templating import Layout
from handouts.words.ink import composed

MAX_DEPTH = 24  # elements inside each other; the built-in layouts nest five deep
MAX_INLINE = 8  # inline marks inside each other (bold inside a link inside a citation…)
# Elements in one layout: a 300-step routine makes about 1,300; 400,000 small paragraphs (6 MB) took a minute
# and 1.3 GB to lay out as a handout of 16,667 pages.
MAX_ELEMENTS = 20_000
SPACE = re.compile(r"[ \t\r\n]+")
INLINE_TAGS = {"b": n.Strong, "strong": n.Strong, "i": n.Emphasis, "em": n.Emphasis}
INLINE_TAGS |= {"sup": n.Superscript, "sub": n.Subscript, "nobr": n.NoBreak, "cite": n.Citation}
PARAGRAPHS = {"title": n.Title, "subtitle": n.Subtitle, "prepared": n.Prepared, "finish": n.Finish}
POSTER_REGIONS = ("band", "safety", "steps", "qr", "tracker", "contact", "help", "appointment", "scale", "sources", "currency")


class Parser:
    """Parses one layout's XML against one document's schema (`blocks`)."""

    def __init__(self, layout: Layout, blocks: dict[str, dict[str, schema.Kind]]) -> None:
        self.layout, self.blocks = layout, blocks

    # -- errors ---------------------------------------------------------------------------------------

    def fail(self, message: str, tag: str | None = None, attribute: str | None = None) -> TemplateError:
        """A TemplateError at the template line that asks for `tag` (with `attribute`), where it can be found."""
        where, line = self.layout.locate(tag, attribute) if tag else (self.layout.where, None)
        return TemplateError(where, message, line)

    # -- the tree ----------------------------------------------------------------------------------------

    def root(self) -> ET.Element:
        xml = self.layout.xml
        if re.search(r"<!(?:DOCTYPE|ENTITY)", xml):
            raise self.fail("layouts declare no DOCTYPE or entities")
        try:
            root = ET.fromstring(xml)
        except ET.ParseError as exc:
            lines = xml.splitlines()
            line = lines[exc.position[0] - 1].strip()[:80] if exc.position[0] <= len(lines) else ""
            raise self.fail(f"the template produced invalid layout XML ({exc}): {line}") from None
        self._check(root)
        return root

    def _check(self, root: ET.Element) -> None:
        """Every element known and every attribute valid, nesting bounded (walked without recursion)."""
        stack: list[tuple[ET.Element, int, int, str | None]] = [(root, 0, 0, None)]
        count = 0
        while stack:
            element, depth, marks, source = stack.pop()
            tag = element.tag
            source = element.get("source") or source  # the content.yaml key of the step it is in, if any
            count += 1
            if count > MAX_ELEMENTS:
                too_many = f"the layout has more than {MAX_ELEMENTS:,} elements"
                if source and schema.Key.check(source) is None:  # the content's list, not the template, is too long
                    raise LayoutError(f"{too_many}: shorten the routine", _list_of(_key(source)))
                raise self.fail(f"{too_many}: shorten the routine, or the template's loops")
            allowed = self.blocks.get(tag, schema.INLINE.get(tag))
            if allowed is None:
                hint = schema.NOT_IN_LAYOUTS.get(tag) or (
                    f"blocks: {', '.join(sorted(self.blocks))}; inline: {', '.join(schema.INLINE)}"
                )
                raise self.fail(f"<{tag}> is not a layout element ({hint})", tag)
            marks += tag in schema.INLINE and tag != "br"
            if depth > MAX_DEPTH or marks > MAX_INLINE:
                what = f"{MAX_INLINE} inline marks" if marks > MAX_INLINE else f"{MAX_DEPTH} elements"
                raise self.fail(f"<{tag}>: more than {what} inside each other", tag)
            for name, value in element.attrib.items():
                kind = allowed.get(name)
                problem = f"unknown attribute (known: {', '.join(allowed) or 'none'})" if kind is None else kind.check(value)
                if problem:
                    raise self.fail(f"<{tag} {name}={value[:60]!r}>: {problem}", tag, name)
            stack.extend((child, depth + 1, marks, source) for child in element)

    # -- inline runs --------------------------------------------------------------------------------

    def runs(self, element: ET.Element) -> n.Runs:
        """The element's content as runs (its own tag left out), outer white space trimmed."""
        return _trimmed(self._runs(element))

    def _runs(self, element: ET.Element) -> n.Runs:
        out: list[n.Inline] = []
        _text(out, element.text)
        for child in element:
            tag = child.tag
            if tag == "br":
                out.append(n.LineBreak())
            elif tag == "a":
                out.append(n.Link(child.get("href", ""), self._runs(child)))
            elif tag == "span":
                if not child.get("lang"):
                    raise self.fail('<span> says the language of its words: <span lang="en">', tag)
                out.append(n.Span(child.get("lang", ""), self._runs(child)))
            elif tag in INLINE_TAGS:
                out.append(INLINE_TAGS[tag](self._runs(child)))
            else:
                raise self.fail(f"<{tag}> is a block: it cannot stand inside <{element.tag}>", tag)
            _text(out, child.tail)
        return tuple(out)

    def text_of(self, element: ET.Element | None, tag: str) -> n.Runs | None:
        found = element.find(tag) if element is not None else None
        return self.runs(found) if found is not None else None

    # -- blocks of the handout ----------------------------------------------------------------------

    def document(self) -> n.Document:
        root = self.root()
        if root.tag != "document":
            raise self.fail(f"a handout layout is one <document>, not <{root.tag}>", root.tag)
        return n.Document(tuple(self.handout_blocks(root)), self.layout.where)

    def handout_blocks(self, parent: ET.Element) -> Iterator[n.Block]:
        for element in parent:
            yield self.handout_block(element, parent.tag)

    def handout_block(self, element: ET.Element, parent: str) -> n.Block:
        tag = element.tag
        handler = self._handlers.get(tag)
        if handler is None:
            raise self.fail(f"<{tag}> cannot stand inside <{parent}>", tag)
        return handler(element)

    @functools.cached_property
    def _handlers(self) -> dict[str, Callable[[ET.Element], n.Block]]:
        """How each block of the handout is read (made once per document, not for each block)."""
        return {
            **{tag: (lambda e, kind=kind: kind(self.runs(e))) for tag, kind in PARAGRAPHS.items()},
            "heading": lambda e: n.Heading(self.runs(e), 1),
            "subheading": lambda e: n.Heading(self.runs(e), 2),
            "para": lambda e: n.Paragraph(self.runs(e), n.Role(e.get("style", "body"))),
            "bullets": self._list,
            "numbered": self._list,
            "callout": self._callout,
            "steps": self._steps,
            "references": lambda e: n.References(tuple(self.runs(ref) for ref in self._only(e, "ref"))),
            "spacer": lambda e: n.Spacer(float(e.get("height", "12"))),
            "scale": self._scale,
            "together": lambda e: n.Together(tuple(self.handout_blocks(e))),
        }

    def _only(self, element: ET.Element, tag: str) -> list[ET.Element]:
        for child in element:
            if child.tag != tag:
                raise self.fail(f"<{element.tag}> holds <{tag}> elements, not <{child.tag}>", child.tag)
        return list(element)

    def _list(self, element: ET.Element) -> n.ListBlock:
        items = tuple(
            n.Item(self.runs(child), child.get("number")) if child.tag == "item" else self.handout_block(child, element.tag)
            for child in element
        )
        return n.ListBlock(items, element.tag == "numbered", int(element.get("level", "1")), element.get("mark", "."))

    def _callout(self, element: ET.Element) -> n.Callout:
        parts = tuple(
            n.Item(self.runs(child)) if child.tag == "item" else self.handout_block(child, "callout")
            for child in element
            if child.tag != "title"
        )
        return n.Callout(element.get("kind", "safety"), self.text_of(element, "title"), parts)

    def _steps(self, element: ET.Element) -> n.Steps:
        steps = []
        for step in self._only(element, "step"):
            extra = tuple(
                self.handout_block(part, "step")
                for part in step
                if part.tag not in ("title", "text", "repeat", "picture", "video")
            )
            video = step.find("video")
            steps.append(
                n.Step(
                    number=step.get("number", ""),
                    title=self.text_of(step, "title"),
                    text=self.text_of(step, "text"),
                    dose=self.text_of(step, "repeat"),
                    picture=_picture(step),
                    extra=extra,
                    source=_key(step.get("source")),
                    video=n.Qr(video.get("url", ""), self.text_of(video, "caption")) if video is not None else None,
                )
            )
        return n.Steps(tuple(steps))

    def _tracker(self, element: ET.Element) -> n.Tracker:
        return n.Tracker(
            weeks=int(element.get("weeks", "2")),
            title=self.text_of(element, "title"),
            per_day=int(element.get("per_day", "1")),
            sessions=tuple(self.runs(session) for session in element.iterfind("session")),
            pain=self.text_of(element, "pain"),
        )

    def _scale(self, element: ET.Element) -> n.Scale:
        after = element.get("after")
        return n.Scale(
            title=self.text_of(element, "title"),
            during=int(element.get("during", "0")),
            after=int(after) if after is not None else None,
            during_text=self.text_of(element, "during") or (),
            after_text=self.text_of(element, "after"),
            low=self.text_of(element, "low") or (n.Text("0"),),
            high=self.text_of(element, "high") or (n.Text("10"),),
            settles=self.text_of(element, "settles"),
            during_short=self.text_of(element, "during-short"),
            after_short=self.text_of(element, "after-short"),
        )

    # -- the poster ---------------------------------------------------------------------------------

    def poster(self) -> n.Poster:
        root = self.root()
        if root.tag != "poster":
            raise self.fail(f"a poster layout is one <poster>, not <{root.tag}>", root.tag)
        for element in root:
            if element.tag not in POSTER_REGIONS:
                known = ", ".join(POSTER_REGIONS)
                raise self.fail(f"<{element.tag}> cannot stand at the top of a poster (known: {known})", element.tag)
        band, safety, qr, tracker, help_ = (root.find(tag) for tag in ("band", "safety", "qr", "tracker", "help"))
        scale = root.find("scale")
        steps = tuple(
            n.PosterStep(
                number=step.get("number", str(index)),
                cue=self.text_of(step, "cue") or (),
                repeat=self.text_of(step, "repeat"),
                picture=_picture(step),
                source=_key(step.get("source")),
            )
            for index, step in enumerate(root.iterfind("steps/step"), 1)
        )
        if not steps:
            raise self.fail("the poster template has no <steps><step> elements", "steps")
        return n.Poster(
            title=self.text_of(band, "title") or (),
            name=self.text_of(band, "name") or (),
            schedule=self.text_of(band, "schedule"),
            safety_title=self.text_of(safety, "title"),
            safety=tuple(self.runs(item) for item in safety.iterfind("item")) if safety is not None else (),
            steps=steps,
            qr=n.Qr(qr.get("url", ""), self.text_of(qr, "caption")) if qr is not None and qr.get("url") else None,
            tracker=self._tracker(tracker) if tracker is not None else None,
            contact=self.text_of(root, "contact"),
            help_title=self.text_of(help_, "title"),
            help=tuple(self.runs(item) for item in help_.iterfind("item")) if help_ is not None else (),
            help_more=self.text_of(help_, "more"),
            appointment=self.text_of(root, "appointment"),
            scale=self._scale(scale) if scale is not None else None,
            sources=self.text_of(root, "sources"),
            currency=self.text_of(root, "currency"),
            where=self.layout.where,
        )


def _text(out: list[n.Inline], text: str | None) -> None:
    """Append `text` with its white space collapsed, joined to a Text run just before it, its accented letters
    each one character (see ink.composed): text copied on a Mac (from a file's name, or a PDF) can store `é` as `e` and a
    combining accent, which the PDF engines, drawing each character in turn, print as `e` and then the accent,
    in the space after it."""
    if not text:
        return
    text = SPACE.sub(" ", text)
    if out and isinstance(out[-1], n.Text):
        out[-1] = n.Text(composed(out[-1].text + text))
    else:
        out.append(n.Text(composed(text)))


def _trimmed(runs: n.Runs) -> n.Runs:
    """`runs` without white space at their start and end (or around a line break)."""
    out = list(runs)
    last = len(out) - 1
    for index, run in enumerate(out):
        if not isinstance(run, n.Text):
            continue
        text = run.text
        if index == 0 or isinstance(out[index - 1], n.LineBreak):
            text = text.lstrip(" ")
        if index == last or isinstance(out[index + 1], n.LineBreak):
            text = text.rstrip(" ")
        if text != run.text:  # most runs have no space at their ends: kept, not made again
            out[index] = n.Text(text)
    return tuple(run for run in out if not (isinstance(run, n.Text) and not run.text))


def _picture(step: ET.Element) -> n.Picture | None:
    picture = step.find("picture")
    alt = composed(picture.get("alt", "")) if picture is not None else ""
    return n.Picture(picture.get("src", ""), alt) if picture is not None else None  # the file's name as written


def _list_of(path: n.PathKey) -> n.PathKey:
    """The list `path` is an item of, or in ("routine", "steps", 9999, "text") -> ("routine", "steps")."""
    positions = [at for at, part in enumerate(path) if isinstance(part, int)]
    return path[: positions[-1]] if positions else path


def _key(text: str | None) -> n.PathKey:
    """`routine.steps[3].text` as a key path, positions from 0: ("routine", "steps", 2, "text")."""
    if not text:
        return ()
    path: list[str | int] = []
    for name, index in re.findall(r"([A-Za-z_][\w-]*)|\[(\d+)\]", text):
        path.append(int(index) - 1 if index else name)
    return tuple(path)


def parse_document(layout: Layout) -> n.Document:
    """The handout's layout XML as a Document."""
    return Parser(layout, schema.HANDOUT).document()


def parse_poster(layout: Layout) -> n.Poster:
    """The poster's layout XML as a Poster."""
    return Parser(layout, schema.POSTER).poster()
