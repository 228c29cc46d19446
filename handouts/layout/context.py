"""What layout templates see of the routine and the brand: plain, read-only data, with the engine's words for
it (each step's dose and cue, the schedule, the leaflet's currency).

Never a model or another object (see :mod:`handouts.layout.templating` for the sandbox that enforces it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from handouts.input.loading import Loaded
from handouts.input.models import Brand, Content
from handouts.input.yamlsource import PathKey
from handouts.layout.templating import plain
from handouts.words.i18n import Foreign
from handouts.words.wording import Wording

ACTIONS = ("emergency", "gp-today", "call-clinic")  # what to do about a warning sign, the most urgent first
# The routine's texts in the order the handout prints them (its template's), by their keys: a numbered style
# numbers the sources in the order the handout first cites them. What the poster alone prints (a step's cue, a
# safety point's or a sign's short form) comes after the rest.
HANDOUT_ORDER = ("title", "subtitle", "summary", "sections", "safety", "help", "discomfort", "routine", "finish", "video")
POSTER_ONLY = frozenset({"cue", "short"})


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


def in_handout_order(content: Content, texts: Iterable[tuple[PathKey, str]]) -> list[tuple[PathKey, str]]:
    """`texts` (key path, text; in the file's order) in the order the handout prints them (see HANDOUT_ORDER): the
    warning signs by what to do, the most urgent first, as the help box groups them; the poster's own wording last."""

    def place(item: tuple[PathKey, str]) -> tuple[int, int, int]:
        path = item[0]
        if path[-1] in POSTER_ONLY:
            return (1, 0, 0)
        top = HANDOUT_ORDER.index(path[0]) if path[0] in HANDOUT_ORDER else len(HANDOUT_ORDER)
        sign = path[1] if path[0] == "help" and len(path) > 1 and isinstance(path[1], int) else None
        urgency = ACTIONS.index(content.help[sign].action) if sign is not None and sign < len(content.help) else 0
        return (0, top, urgency)

    return sorted(texts, key=place)  # stable: the file's order within each place


def frozen_data(content: Loaded[Content], brand: Loaded[Brand], wording: Wording) -> Mapping[str, Any]:
    """The routine and the brand as read-only template data, made once per job. A clinic's text printed in
    another language than the routine's stays a Foreign text, which the markup helpers mark with its language."""
    foreign = {name: value for name in Brand.LOCALIZED if isinstance(value := getattr(brand.model, name), Foreign)}
    return plain({"content": content_data(content.model, content.dump, wording), "brand": {**brand.dump, **foreign}})
