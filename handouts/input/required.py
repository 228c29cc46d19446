"""What each required key of content.yaml and brand.yaml holds, and a line that writes it: said when the key is
left out, so that the message says what to add and not only that something is missing.

Each example is a line the file takes as it is, typed where the key belongs (a test adds each one to a file
missing it, and checks the file then passes).
"""

from __future__ import annotations

from pydantic import BaseModel

from handouts.input.models import (
    Brand,
    Colours,
    Content,
    Discomfort,
    Fallbacks,
    Reference,
    Routine,
    Safety,
    SafetyPoint,
    Section,
    Step,
    Video,
    WarningSign,
)

STEP = "{title: Knee bends, text: Bend and straighten your knee slowly.}"
POINT = "Stop if the pain gets worse."

# By the model that holds the key and the key: what it holds, and a line to write.
REQUIRED: dict[tuple[type[BaseModel], str], tuple[str, str]] = {
    (Content, "id"): ("the routine's id, which starts its files' names", "id: knee-care"),
    (Content, "title"): ("the routine's title", "title: Knee care at home"),
    (Content, "safety"): ("the safety points", f"safety: {{points: [{POINT}]}}"),
    (Content, "routine"): ("the routine's title and its steps", f"routine: {{title: Your exercises, steps: [{STEP}]}}"),
    (Section, "heading"): ("the section's heading", "heading: Why it helps"),
    (Section, "body"): ("the section's text", "body: Gentle movement eases stiffness."),
    (Safety, "points"): ("the list of safety points", f"points: [{POINT}]"),
    (SafetyPoint, "text"): ("the point's text", f"text: {POINT}"),
    (Routine, "title"): ("the routine's heading", "title: Your exercises"),
    (Routine, "steps"): ("the list of steps, each with a title and a text", f"steps: [{STEP}]"),
    (Step, "title"): ("the step's title", "title: Knee bends"),
    (Step, "text"): ("what to do in the step", "text: Bend and straighten your knee slowly."),
    (Video, "url"): ("the video's web address", "url: https://www.example.com/knee-video"),
    (Video, "caption"): ("what the video shows", "caption: The routine, done slowly"),
    (WarningSign, "sign"): ("the sign to look out for", "sign: The pain gets worse each day."),
    (WarningSign, "action"): ("what to do: call-clinic, gp-today or emergency", "action: call-clinic"),
    (Discomfort, "during"): ("the discomfort that is fine during the routine, from 0 (none) to 10 (worst)", "during: 3"),
    (Reference, "id"): ("the reference's id, which its citations name as [@id]", "id: smith2020"),
    (Reference, "type"): ("the reference's CSL type (book, article-journal, webpage, ...)", "type: article-journal"),
    (Brand, "name"): ("the clinic's name", "name: Birchwood Physiotherapy"),
    (Brand, "colors"): ("the clinic's colours", 'colors: {primary: "#14545C"}'),
    (Colours, "primary"): ("the main colour, as a hex code", 'primary: "#14545C"'),
    (Fallbacks, "fallback"): ("the font files to fall back on, beside brand.yaml", "fallback: [fonts/extra.ttf]"),
}

MISSING = "required key is missing"


def missing(owner: type[BaseModel] | None, key: str) -> str:
    """What to say of `key` left out of a mapping of `owner`: what it holds and a line to write it with."""
    said = REQUIRED.get((owner, key)) if owner else None
    return f"{MISSING}: add {said[0]}, e.g. {said[1]}" if said else MISSING


def left_empty(owner: type[BaseModel] | None, key: str) -> str:
    """What to add to a message of `key` typed with nothing after it (`safety:`), if it is a required key: what
    it holds and a line to write it with ('' for another key)."""
    said = REQUIRED.get((owner, key)) if owner else None
    return f": write {said[0]}, e.g. {said[1]}" if said else ""
