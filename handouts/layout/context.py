"""What layout templates see of the routine and the brand: plain, read-only data, with the engine's words for
it (each step's dose and cue, the schedule, the leaflet's currency).

Never a model or another object (see :mod:`handouts.layout.templating` for the sandbox that enforces it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from handouts.input.loading import Loaded
from handouts.input.models import Brand, Content
from handouts.layout.templating import plain
from handouts.words.i18n import Foreign
from handouts.words.wording import Wording

ACTIONS = ("emergency", "gp-today", "call-clinic")  # what to do about a warning sign, the most urgent first


def content_data(content: Content, dump: Mapping[str, Any], wording: Wording) -> dict[str, Any]:
    """The routine as plain data for templates (`dump` is the model's), with what the engine words for it:
    each step's cue and dose line (full, and compact for the poster), the first sentence of each safety
    point, how often to do the routine, and the leaflet's currency."""
    steps = [
        {
            **step,
            "poster_cue": model.poster_cue,
            "dose": wording.dose(model),
            "dose_short": wording.dose(model, compact=True),
            "at": f"routine.steps[{number}]",  # where it is in the file, for errors that name its line
        }
        for number, (step, model) in enumerate(zip(dump["routine"]["steps"], content.routine.steps, strict=True), 1)
    ]
    help_groups = [
        {
            "action": action,
            "signs": [sign.sign for sign in content.help if sign.action == action],
            "short": [sign.poster_text for sign in content.help if sign.action == action],
        }
        for action in ACTIONS
        if any(sign.action == action for sign in content.help)
    ]
    return {
        **dump,
        "help_groups": help_groups,  # the warning signs by what to do, the most urgent first
        "safety": {
            **dump["safety"],
            "points": [point.text for point in content.safety.points],  # the handout's wording, as text
            "short_points": list(content.safety.short_points),
        },
        "routine": {**dump["routine"], "steps": steps, "schedule": wording.frequency(content.routine.frequency)},
        "currency": wording.currency(content),
        "currency_short": wording.currency_short(content),
    }


def frozen_data(content: Loaded[Content], brand: Loaded[Brand], wording: Wording) -> Mapping[str, Any]:
    """The routine and the brand as read-only template data, made once per job. A clinic's text printed in
    another language than the routine's stays a Foreign text, which the markup helpers mark with its language."""
    foreign = {name: value for name in Brand.LOCALIZED if isinstance(value := getattr(brand.model, name), Foreign)}
    return plain({"content": content_data(content.model, content.dump, wording), "brand": {**brand.dump, **foreign}})
