"""What rendering one output gives: the PDF's bytes and the warnings found while laying it out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from handouts.errors import Problem
from handouts.job import Job
from handouts.media import printed
from handouts.pdf.flowables import Metadata
from handouts.words.markdown import heard


@dataclass(frozen=True)
class Rendered:
    data: bytes
    warnings: tuple[Problem, ...] = ()
    size: float | None = None  # the poster's step size
    notes: tuple[str, ...] = ()  # what is worth knowing, not wrong: the poster's size and reading distance
    pictures: Mapping[Path, printed.Printed] = field(default_factory=dict)  # each raster picture's largest printed size


def coarse_pictures(job: Job, outputs: Iterable[Rendered]) -> list[Problem]:
    """A warning for each picture of the routine or brand that one of `outputs` prints from too few pixels for
    its size, at the largest size any of them prints it, at the line that names it."""
    content, brand = job.content, job.brand
    logo = brand.model.logo
    # each picture's file: where its warning goes, and the name it is said by, as typed ("photos/04.png")
    named = {brand.source.path.parent / logo: (brand, ("logo",), str(logo))} if logo else {}
    for index, step in enumerate(content.model.routine.steps):
        if step.image:
            where = ("routine", "steps", index, "image")
            named.setdefault(content.source.path.parent / step.image, (content, where, str(step.image)))
    return [
        loaded.problem(key, f"{typed}: {size.message()}").coded("low-resolution")
        for path, size in printed.coarse(output.pictures for output in outputs).items()
        for loaded, key, typed in [named.get(path, (content, (), path.name))]
    ]


def metadata(job: Job, subject: str) -> Metadata:
    """The PDF's title (the routine's, as the page prints it: its Markdown marks and citations left out, as a
    viewer's title bar shows it and a screen reader says it first), author (the clinic), `subject`, language
    and date."""
    content = job.content.model
    return Metadata(
        title=heard(content.title),
        author=job.brand.model.name,
        subject=subject,
        language=content.language,
        date=content.published,
    )
