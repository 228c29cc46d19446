"""What rendering one output gives: the PDF's bytes and the warnings found while laying it out."""

from __future__ import annotations

from dataclasses import dataclass

from handouts.errors import Problem
from handouts.job import Job
from handouts.pdf.flowables import Metadata


@dataclass(frozen=True)
class Rendered:
    data: bytes
    warnings: tuple[Problem, ...] = ()
    size: float | None = None  # the poster's step size
    notes: tuple[str, ...] = ()  # what is worth knowing, not wrong: the poster's size and reading distance


def metadata(job: Job, subject: str) -> Metadata:
    content = job.content.model
    return Metadata(
        title=content.title, author=job.brand.model.name, subject=subject, language=content.language, date=content.published
    )
