"""What layout templates see: the routine and the brand as plain, read-only data, and the markup helpers.

Never a model or another object (see :mod:`handouts.templating` for the sandbox that enforces it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from handouts.loading import Loaded
from handouts.markup import Renderer
from handouts.models import Brand, Content
from handouts.templating import plain
from handouts.theme import Theme

if TYPE_CHECKING:
    from handouts.job import Job


def content_data(content: Content, dump: Mapping[str, Any]) -> dict[str, Any]:
    """The routine as plain data for templates (`dump` is the model's), with what the poster shows of it:
    each step's cue and the first sentence of each safety point."""
    steps = [
        {**step, "poster_cue": model.poster_cue}
        for step, model in zip(dump["routine"]["steps"], content.routine.steps, strict=True)
    ]
    return {
        **dump,
        "safety": {
            **dump["safety"],
            "points": [point.text for point in content.safety.points],  # the handout's wording, as text
            "short_points": list(content.safety.short_points),
        },
        "routine": {**dump["routine"], "steps": steps},
    }


def frozen_data(content: Loaded[Content], brand: Loaded[Brand]) -> Mapping[str, Any]:
    """The routine and the brand as read-only template data, made once per job."""
    return plain({"content": content_data(content.model, content.dump), "brand": brand.dump})


def template_context(job: Job, theme: Theme, **extra: Any) -> dict[str, Any]:
    """What every layout template sees: plain data and the markup helpers (never a model or an object)."""
    md = Renderer(job.fonts, job.references, theme.primary_text)
    return {
        **job.data,
        "md": md.helpers(),
        "variant": theme.profile.name,
        **extra,
    }
