"""The layout XML that templates emit: every element, its attributes and their types, declared once.

A clinic's template can arrange the blocks as it likes but cannot reach past them: it chooses roles, never
sizes, fonts or colours (those come from the profile, so large print's floors cannot be undercut); no
element reads a file but a step's picture (found beside the content); links go to the web, e-mail or a
phone only; numbers stay in range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handouts.input.languages import BCP47
from handouts.input.links import SCHEMES, safe_link
from handouts.layout.nodes import Role

MAX_TEXT = 4000  # characters of an attribute


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
        return None if len(value) <= MAX_TEXT else f"longer than {MAX_TEXT:,} characters"


class Link:
    @staticmethod
    def check(value: str) -> str | None:
        return None if safe_link(value) else f"links must start with {', '.join(SCHEMES)}"


class Language:
    """A BCP 47 language tag ("en-GB"), for words in another language than the document's."""

    @staticmethod
    def check(value: str) -> str | None:
        return None if BCP47.match(value) else "expected a language tag like en-GB"


class Key:
    """Where a block's text is in content.yaml (`routine.steps[3]`), for errors that name the line to change."""

    PATTERN = re.compile(r"^[A-Za-z_][\w-]*(?:\[\d{1,6}\]|\.[A-Za-z_][\w-]*){0,8}$")

    @classmethod
    def check(cls, value: str) -> str | None:
        return None if cls.PATTERN.match(value) else "expected a key like routine.steps[3]"


Kind = Number | Choice | type[Text] | type[Link] | type[Key] | type[Language]

# Inline elements, allowed inside any element that holds text.
INLINE: dict[str, dict[str, Kind]] = {
    "b": {},
    "strong": {},
    "i": {},
    "em": {},
    "sup": {},
    "sub": {},
    "br": {},
    "a": {"href": Link},
    "cite": {},  # an in-text citation (never broken inside)
    "nobr": {},  # words kept on one line
    "span": {"lang": Language},  # words in another language than the document's
}
ROLES = Choice(tuple(role.value for role in Role))

# How much discomfort is fine: the scale, its words, and the words at its ends.
SCALE: dict[str, dict[str, Kind]] = {
    "scale": {"during": Number(0, 10, whole=True), "after": Number(0, 10, whole=True)},
    "during": {},
    "after": {},
    "during-short": {},  # the moment alone ("During"): the web copy's column heading
    "after-short": {},
    "low": {},
    "high": {},
    "settles": {},
}

HANDOUT: dict[str, dict[str, Kind]] = {
    "document": {},
    "title": {},
    "subtitle": {},
    "prepared": {},
    "heading": {},
    "subheading": {},
    "finish": {},
    "para": {"style": ROLES},
    "bullets": {"level": Number(1, 6, whole=True)},
    "numbered": {"level": Number(1, 6, whole=True), "mark": Choice((".", ")"))},
    "item": {"number": Text},
    "callout": {"kind": Choice(("safety", "help", "note"))},
    "steps": {},
    "step": {"number": Text, "source": Key},
    "text": {},
    "repeat": {},
    "picture": {"src": Text, "alt": Text},
    "references": {},
    "ref": {},
    "spacer": {"height": Number(0, 400)},
    "together": {},
    "video": {"url": Link},  # inside a step: its video's link (a QR code and the short link)
    "caption": {},
    **SCALE,
}
POSTER: dict[str, dict[str, Kind]] = {
    "poster": {},
    "band": {},
    "title": {},
    "name": {},
    "schedule": {},
    "safety": {},
    "item": {},
    "steps": {},
    "step": {"number": Text, "source": Key},
    "cue": {},
    "repeat": {},
    "picture": {"src": Text, "alt": Text},
    "qr": {"url": Link},
    "caption": {},
    "tracker": {"weeks": Number(0, 8, whole=True), "per_day": Number(1, 6, whole=True)},
    "session": {},
    "pain": {},
    "contact": {},
    "help": {},
    "more": {},  # inside <help>: where the signs are, said when large print keeps only what to do
    "appointment": {},
    **SCALE,
    "sources": {},
    "currency": {},
}
# What a template might try that a layout does not do, and what to do instead.
NOT_IN_LAYOUTS = {
    "font": "templates choose roles (para style=…), never fonts, sizes or colours: the profile sets them",
    "img": "a step's picture is <picture src=… alt=…> inside a <step>",
    "image": "a step's picture is <picture src=… alt=…> inside a <step>",
    "super": "write <sup>",
    "u": "underlines are not used (they read as links)",
}
