"""A list item whose text has a colon in it (`- Stop if: pain gets worse`) is read by YAML as a key and its
value: said as one line that shows the text in quotes, where quoting it is the fix, and not otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from handouts.errors import InputError
from handouts.input.loading import load_content

STEPS = "routine:\n  title: Steps\n  steps:\n    - title: Shoulders\n      text: Roll your shoulders.\n"


def _said(tmp_path: Path, points: str, steps: str = STEPS) -> list[str]:
    path = tmp_path / "content.yaml"
    path.write_text(f"id: mini\ntitle: T\nsafety:\n  points:\n{points}{steps}", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_content(path)
    return [str(problem).removeprefix(str(path)) for problem in caught.value.problems]


QUOTE = "YAML reads this text as a key and its value (because of its colon): put the whole text in quotes: - "


def test_a_point_with_a_colon_says_to_quote_it(tmp_path: Path) -> None:
    """It said 'unknown key (expected one of: text, short)' and 'text: required key is missing'."""
    said = _said(tmp_path, "    - Stop if: pain gets worse\n    - 'Rest: 30'\n    - Note: it is \"hot\"\n")
    assert said == [
        f':5: safety.points[1]: {QUOTE}"Stop if: pain gets worse"',
        f":7: safety.points[3]: {QUOTE}'Note: it is \"hot\"'",
    ]


def test_a_long_point_is_shown_by_its_start(tmp_path: Path) -> None:
    said = _said(tmp_path, "    - Stop if: the pain in your knee gets worse or any pain is sharp and stays\n")
    assert said == [f':5: safety.points[1]: {QUOTE}"Stop if: ..."']


def test_a_misspelt_key_and_a_step_are_not_said_to_need_quotes(tmp_path: Path) -> None:
    """`- txt: ...` is a key misspelt, and a step is a mapping whatever its text: quotes would not help."""
    said = _said(tmp_path, "    - txt: Stop if it hurts\n", "routine:\n  title: Steps\n  steps:\n    - Warm up: move\n")
    assert said == [
        ":5: safety.points[1].txt: unknown key (did you mean 'text'?)",
        ":9: routine.steps[1].Warm up: unknown key (expected one of: title, text, cue, sets, reps, hold, rest, duration, "
        "side, repeat, image, alt, video)",
        ":9: routine.steps[1].text: required key is missing: add what to do in the step, e.g. text: Bend and "
        "straighten your knee slowly.",
        ":9: routine.steps[1].title: required key is missing: add the step's title, e.g. title: Knee bends",
    ]


def test_a_point_of_several_lines_is_shown_by_its_start_on_one_line(tmp_path: Path) -> None:
    """A point whose text, after its colon, is a block of lines was quoted back whole, its line breaks and all:
    the error took three lines of the terminal, two of them without the file and line."""
    said = _said(tmp_path, "    - Stop if: |\n        it hurts\n        more\n")
    assert said == [f':5: safety.points[1]: {QUOTE}"Stop if: ..."']
