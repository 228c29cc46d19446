"""The handout's layout XML (the same blocks the PDF is drawn from) as semantic HTML.

title -> h1, heading -> h2, subheading and step titles -> h3, callout -> a labelled aside, steps -> an
ordered list, bullets/numbered -> ul/ol, references -> a list with real links, picture -> img with its alt.
Inline markup becomes strong/em/a/sup/sub/br; every piece of text is escaped again on the way out, and
no attribute but a checked link or a picture's data URI is ever written.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator

from handouts.errors import TemplateError
from handouts.layout import schema
from handouts.layout.templating import Layout

INLINE_TAGS = {"b": "strong", "strong": "strong", "i": "em", "em": "em", "u": "u", "strike": "s"}
INLINE_TAGS |= {"super": "sup", "sup": "sup", "sub": "sub"}
PARAGRAPH_CLASSES = {"subtitle", "prepared", "finish"}


def inline(element: ET.Element) -> str:
    """The element's text and inline markup as HTML (its own tag left out)."""
    out = [html.escape(element.text or "", quote=False)]
    for child in element:
        out.append(_inline_child(child))
        out.append(html.escape(child.tail or "", quote=False))
    return "".join(out).strip()


def _inline_child(child: ET.Element) -> str:
    if child.tag == "br":
        return "<br>"
    content = inline(child)
    if child.tag == "a":
        href = child.get("href", "")
        if href.startswith(schema.LINK_SCHEMES):
            return f'<a href="{html.escape(href)}">{content}</a>'
        return content
    tag = INLINE_TAGS.get(child.tag)
    return f"<{tag}>{content}</{tag}>" if tag else content  # <font> and the like: their text only


class Builder:
    """Maps each block element of a handout layout to HTML; `picture` turns a src into a data URI."""

    def __init__(self, picture: Callable[[str], str | None]) -> None:
        self.picture = picture
        self.where = "the layout"

    def build(self, layout: Layout, faces: frozenset[str]) -> str:
        self.where = layout.where
        root = schema.parse(layout.xml, schema.HANDOUT, layout.where, faces)
        return "\n".join(self.blocks(root))

    def blocks(self, parent: ET.Element) -> Iterator[str]:
        for element in parent:
            handler = getattr(self, f"_{element.tag}", None)
            if handler is None:
                raise TemplateError(f"{self.where}: <{element.tag}> is not a block of the handout")
            yield from handler(element)

    def _title(self, element: ET.Element) -> Iterator[str]:
        yield f"<h1>{inline(element)}</h1>"

    def _heading(self, element: ET.Element) -> Iterator[str]:
        yield f"<h2>{inline(element)}</h2>"

    def _subheading(self, element: ET.Element) -> Iterator[str]:
        yield f"<h3>{inline(element)}</h3>"

    def _paragraph(self, element: ET.Element, style: str) -> Iterator[str]:
        yield f'<p class="{style}">{inline(element)}</p>'

    def _subtitle(self, element: ET.Element) -> Iterator[str]:
        yield from self._paragraph(element, "subtitle")

    def _prepared(self, element: ET.Element) -> Iterator[str]:
        yield from self._paragraph(element, "prepared")

    def _finish(self, element: ET.Element) -> Iterator[str]:
        yield from self._paragraph(element, "finish")

    def _para(self, element: ET.Element) -> Iterator[str]:
        yield from self._paragraph(element, html.escape(element.get("style", "body")))

    def _spacer(self, element: ET.Element) -> Iterator[str]:
        return iter(())

    def _together(self, element: ET.Element) -> Iterator[str]:
        yield "<div>"
        yield from self.blocks(element)
        yield "</div>"

    def _list(self, element: ET.Element, tag: str) -> Iterator[str]:
        yield f"<{tag}>"
        for child in element:
            if child.tag == "item":
                yield f"<li>{inline(child)}</li>"
            else:
                yield from self.blocks(_wrap(child))
        yield f"</{tag}>"

    def _bullets(self, element: ET.Element) -> Iterator[str]:
        yield from self._list(element, "ul")

    def _numbered(self, element: ET.Element) -> Iterator[str]:
        yield from self._list(element, "ol")

    def _callout(self, element: ET.Element) -> Iterator[str]:
        kind = "note" if element.get("kind") == "note" else "safety"
        title = element.find("title")
        label = f"{kind}-title"
        labelled = f' aria-labelledby="{label}"' if title is not None else ""
        yield f'<aside class="{kind}"{labelled}>'
        if title is not None:
            yield f'<h2 id="{label}">{inline(title)}</h2>'
        items = [child for child in element if child.tag == "item"]
        if items:
            yield "<ul>" + "".join(f"<li>{inline(item)}</li>" for item in items) + "</ul>"
        for child in element:
            if child.tag not in ("title", "item"):
                yield from self.blocks(_wrap(child))
        yield "</aside>"

    def _steps(self, element: ET.Element) -> Iterator[str]:
        yield '<ol class="steps">'
        for step in element:
            number = step.get("number", "")
            value = f' value="{int(number)}"' if number.isdigit() else ""
            parts = [f"<li{value}>"]
            for part in step:
                if part.tag == "title":
                    parts.append(f"<h3>{inline(part)}</h3>")
                elif part.tag == "picture":
                    source = self.picture(part.get("src", ""))
                    if source:
                        alt = html.escape(part.get("alt", ""))
                        parts.append(f'<img src="{source}" alt="{alt}">')
                elif part.tag == "text":
                    parts.append(f"<p>{inline(part)}</p>")
                elif part.tag == "repeat":
                    parts.append(f'<p class="dose">{inline(part)}</p>')
                else:
                    parts.extend(self.blocks(_wrap(part)))
            parts.append("</li>")
            yield "".join(parts)
        yield "</ol>"

    def _references(self, element: ET.Element) -> Iterator[str]:
        yield '<ul class="references">'
        for child in element:
            yield f"<li>{inline(child)}</li>"
        yield "</ul>"


def _wrap(element: ET.Element) -> ET.Element:
    holder = ET.Element("wrap")
    holder.append(element)
    return holder
