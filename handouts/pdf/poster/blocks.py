"""The poster's blocks: what its template asked for, parsed from layout XML into dataclasses.

The engine places each block in its region (see :mod:`handouts.pdf.poster.geometry`); the fit search may
leave out the step pictures, the tracker and the QR code (each a `replace` of these frozen blocks).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Collection
from dataclasses import dataclass, replace

from handouts.errors import TemplateError
from handouts.layout import schema
from handouts.layout.schema import inner
from handouts.layout.templating import Layout

REGIONS = ("band", "safety", "steps", "qr", "tracker", "contact", "sources", "currency")


@dataclass(frozen=True)
class Step:
    number: str
    cue: str  # paragraph markup
    repeat: str | None = None
    picture: str | None = None  # a file relative to the content file


@dataclass(frozen=True)
class Qr:
    url: str
    caption: str | None = None


@dataclass(frozen=True)
class TrackerBlock:
    weeks: int
    title: str | None = None
    per_day: int = 1  # rows of boxes for each week: one tick per session


@dataclass(frozen=True)
class PosterBlocks:
    """What the poster template asked for, as paragraph markup."""

    title: str
    name: str
    schedule: str | None  # how often, under the title
    safety_title: str | None
    safety: tuple[str, ...]
    steps: tuple[Step, ...]
    qr: Qr | None
    tracker: TrackerBlock | None
    contact: str | None
    sources: str | None
    currency: str | None  # the leaflet's version and dates, after the sources in small type
    where: str  # the template's file, for errors about what it asked for

    def without_pictures(self) -> PosterBlocks:
        return replace(self, steps=tuple(replace(step, picture=None) for step in self.steps))


def _child(element: ET.Element | None, tag: str) -> str | None:
    found = element.find(tag) if element is not None else None
    return inner(found) if found is not None else None


def parse(layout: Layout, fonts: Collection[str]) -> PosterBlocks:
    """Poster layout XML -> blocks; the schema rejects anything a poster does not hold."""
    root = schema.parse(layout.xml, schema.POSTER, layout.where, fonts)
    for element in root:
        if element.tag not in REGIONS:
            message = f"<{element.tag}> cannot stand at the top of a poster (known: {', '.join(sorted(REGIONS))})"
            raise TemplateError(f"{layout.where}: {message}")
    band, safety, qr, tracker = (root.find(tag) for tag in ("band", "safety", "qr", "tracker"))
    steps = tuple(
        Step(
            number=step.get("number", str(index)),
            cue=_child(step, "cue") or "",
            repeat=_child(step, "repeat"),
            picture=picture.get("src") if (picture := step.find("picture")) is not None else None,
        )
        for index, step in enumerate(root.iterfind("steps/step"), 1)
    )
    if not steps:
        raise TemplateError(f"{layout.where}: the poster template has no <steps><step> elements")
    contact, sources, currency = root.find("contact"), root.find("sources"), root.find("currency")
    return PosterBlocks(
        title=_child(band, "title") or "",
        name=_child(band, "name") or "",
        schedule=_child(band, "schedule"),
        safety_title=_child(safety, "title"),
        safety=tuple(inner(item) for item in safety.iterfind("item")) if safety is not None else (),
        steps=steps,
        qr=Qr(qr.get("url", ""), _child(qr, "caption")) if qr is not None else None,
        tracker=TrackerBlock(schema.whole(tracker, "weeks", 2), _child(tracker, "title"), schema.whole(tracker, "per_day", 1))
        if tracker is not None
        else None,
        contact=inner(contact) if contact is not None else None,
        sources=inner(sources) if sources is not None else None,
        currency=inner(currency) if currency is not None else None,
        where=layout.where,
    )
