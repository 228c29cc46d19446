"""What layout templates see: the routine and the brand as plain, read-only data, and the markup helpers.

Never a model or another object (see :mod:`handouts.templating` for the sandbox that enforces it).
"""

from __future__ import annotations

from typing import Any

from handouts.job import Job
from handouts.markup import Renderer
from handouts.models import Content
from handouts.theme import Theme


def content_data(content: Content) -> dict[str, Any]:
    """The routine as plain data for templates, with what the poster shows of it: each step's cue and the
    first sentence of each safety point."""
    data = content.model_dump(mode="json", by_alias=True)
    data["safety"]["short_points"] = list(content.safety.short_points)
    for step, model in zip(data["routine"]["steps"], content.routine.steps, strict=True):
        step["poster_cue"] = model.poster_cue
    return data


def template_context(job: Job, theme: Theme, **extra: Any) -> dict[str, Any]:
    """What every layout template sees: plain data and the markup helpers (never a model or an object)."""
    md = Renderer(job.fonts, job.references, theme.primary_text)
    return {
        "content": content_data(job.content.model),
        "brand": job.brand.model.model_dump(mode="json"),
        "md": md.helpers(),
        "variant": theme.profile.name,
        **extra,
    }
