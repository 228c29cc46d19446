"""The layout XML that templates emit: every element, its attributes and their types, declared once.

Both engines (handout and poster) parse a template's output with :func:`parse`, which checks every element
and attribute against these tables before anything is drawn. So a clinic's template can arrange the blocks
as it likes but cannot reach past them: no `<img>` or other reportlab tag that reads files, no font that
is not embedded, no link to anything but the web, e-mail or a phone, no number out of range.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Collection
from dataclasses import dataclass

from handouts.errors import TemplateError

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
LINK_SCHEMES = ("https://", "http://", "mailto:", "tel:")


@dataclass(frozen=True)
class Number:
    """A number attribute within a range (inclusive)."""

    low: float
    high: float
    whole: bool = False

    def check(self, value: str) -> str | None:
        try:
            number = int(value) if self.whole else float(value)
        except ValueError:
            number = None
        if number is None or not self.low <= number <= self.high:
            kind = "a whole number" if self.whole else "a number"
            return f"expected {kind} from {self.low:g} to {self.high:g}"
        return None


@dataclass(frozen=True)
class Choice:
    values: tuple[str, ...]

    def check(self, value: str) -> str | None:
        return None if value in self.values else f"expected one of {', '.join(self.values)}"


class Text:
    @staticmethod
    def check(value: str) -> str | None:
        return None if len(value) <= 4000 else "longer than 4,000 characters"


class Link:
    @staticmethod
    def check(value: str) -> str | None:
        return (
            None if value.startswith(LINK_SCHEMES) and len(value) <= 4000 else f"links must start with {', '.join(LINK_SCHEMES)}"
        )


class Colour:
    @staticmethod
    def check(value: str) -> str | None:
        return None if COLOUR.match(value) else "expected a colour like #1F6F78"


class Font:
    """A font attribute: only the faces of the build (checked in :func:`parse`, which knows them)."""

    @staticmethod
    def check(value: str) -> str | None:
        return None


Kind = Number | Choice | type[Text] | type[Link] | type[Colour] | type[Font]

# Inline markup (reportlab's paragraph tags) allowed inside any text-holding element.
INLINE: dict[str, dict[str, Kind]] = {
    "b": {},
    "strong": {},
    "i": {},
    "em": {},
    "u": {},
    "strike": {},
    "super": {},
    "sup": {},
    "sub": {},
    "br": {},
    "font": {"name": Font, "color": Colour, "size": Number(6, 200)},
    "a": {"href": Link, "color": Colour},
}
PARAGRAPH_STYLES = Choice(("body", "lead", "contact", "small", "reference", "subheading", "finish", "heading", "schedule"))

HANDOUT: dict[str, dict[str, Kind]] = {
    "document": {},
    "title": {},
    "subtitle": {},
    "prepared": {},
    "heading": {},
    "subheading": {},
    "finish": {},
    "para": {"style": Text},
    "bullets": {"level": Number(1, 6, whole=True)},
    "numbered": {"level": Number(1, 6, whole=True)},
    "item": {},
    "callout": {"kind": Choice(("safety", "note"))},
    "steps": {},
    "step": {"number": Text},
    "text": {},
    "repeat": {},
    "picture": {"src": Text, "alt": Text},
    "references": {},
    "ref": {},
    "spacer": {"height": Number(0, 400)},
    "together": {},
}
POSTER: dict[str, dict[str, Kind]] = {
    "poster": {},
    "band": {},
    "title": {},
    "name": {},
    "safety": {},
    "item": {},
    "steps": {},
    "step": {"number": Text},
    "cue": {},
    "repeat": {},
    "picture": {"src": Text, "alt": Text},
    "qr": {"url": Link},
    "caption": {},
    "tracker": {"weeks": Number(0, 8, whole=True), "per_day": Number(1, 6, whole=True)},
    "schedule": {},
    "contact": {},
    "sources": {},
    "currency": {},
}


def parse(xml: str, blocks: dict[str, dict[str, Kind]], where: str, fonts: Collection[str]) -> ET.Element:
    """The layout XML as a tree, every element and attribute checked; a TemplateError names the first fault."""
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        lines = xml.splitlines()
        line = lines[exc.position[0] - 1].strip()[:80] if exc.position[0] <= len(lines) else ""
        raise TemplateError(f"{where}: the template produced invalid layout XML ({exc}): {line}") from None
    for element in root.iter():
        allowed = blocks.get(element.tag, INLINE.get(element.tag))
        if allowed is None:
            known = ", ".join(sorted(blocks))
            raise TemplateError(f"{where}: unknown layout element <{element.tag}> (blocks: {known}; inline: {', '.join(INLINE)})")
        for name, value in element.attrib.items():
            kind = allowed.get(name)
            problem = f"unknown attribute (known: {', '.join(allowed) or 'none'})" if kind is None else kind.check(value)
            if kind is Font and value not in fonts:
                problem = "only the brand's fonts can be used"
            if problem:
                raise TemplateError(f"{where}: <{element.tag} {name}={value[:60]!r}>: {problem}")
    return root


def inner(element: ET.Element) -> str:
    """The element's content as paragraph markup (its own tag left out)."""
    parts = [html.escape(element.text or "", quote=False)]
    parts += [ET.tostring(child, encoding="unicode") for child in element]
    return "".join(parts).strip()


def number(element: ET.Element, name: str, default: float) -> float:
    """A number attribute already checked by :func:`parse`."""
    value = element.get(name)
    return float(value) if value is not None else default


def whole(element: ET.Element, name: str, default: int) -> int:
    return int(element.get(name) or default)
