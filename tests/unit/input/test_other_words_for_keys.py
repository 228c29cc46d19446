"""A key written as another English word for one the file takes (`picture:` for a step's `image:`, `slogan:`
for a brand's `tagline:`) is offered the key it means. By spelling alone it was offered another ('cue' for
`picture`, 'duration' for `description`, 'logo' for `slogan`, 'references' for `exercises`), or none."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import BRAND, MINI_ROUTINE

from handouts.errors import InputError
from handouts.input.loading import load_brand, load_content


def _said(path: Path, load: object) -> list[str]:
    with pytest.raises(InputError) as caught:
        load(path)  # type: ignore[operator]
    return [str(problem).removeprefix(str(path)) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("      picture: shoulders.png\n", ":10: routine.steps[1].picture: unknown key (did you mean 'image'?)"),
        ("      photo: shoulders.png\n", ":10: routine.steps[1].photo: unknown key (did you mean 'image'?)"),
        ("      time: 1 minute\n", ":10: routine.steps[1].time: unknown key (did you mean 'duration'?)"),
        ("      times: 5 times\n", ":10: routine.steps[1].times: unknown key (did you mean 'repeat'?)"),
        ("      repetitions: 5\n", ":10: routine.steps[1].repetitions: unknown key (did you mean 'reps'?)"),
        ("      alt_text: A man on a chair\n", ":10: routine.steps[1].alt_text: unknown key (did you mean 'alt'?)"),
        ("      url: https://example.com/v\n", ":10: routine.steps[1].url: unknown key (did you mean 'video'?)"),
    ],
)
def test_another_word_for_a_steps_key_is_offered_that_key(tmp_path: Path, written: str, said: str) -> None:
    path = tmp_path / "content.yaml"
    path.write_text(MINI_ROUTINE + written, encoding="utf-8")
    assert _said(path, load_content) == [said]


def test_a_required_key_written_as_another_word_is_one_line_not_two(tmp_path: Path) -> None:
    """`description:` for a step's `text:` is offered 'text' (it was 'duration'), and the text is not also said
    to be missing: the one slip is one line."""
    path = tmp_path / "content.yaml"
    path.write_text(MINI_ROUTINE.replace("      text: Roll", "      description: Roll"), encoding="utf-8")
    assert _said(path, load_content) == [":9: routine.steps[1].description: unknown key (did you mean 'text'?)"]


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("routine:", "exercises:", ":5: exercises: unknown key (did you mean 'routine'?)"),
        ("  steps:", "  exercises:", ":7: routine.exercises: unknown key (did you mean 'steps'?)"),
        ("title: A short", "name: A short", ":2: name: unknown key (did you mean 'title'?)"),
    ],
)
def test_another_word_for_a_routines_key_is_offered_that_key(tmp_path: Path, old: str, new: str, said: str) -> None:
    path = tmp_path / "content.yaml"
    path.write_text(MINI_ROUTINE.replace(old, new, 1), encoding="utf-8")
    assert _said(path, load_content) == [said]


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        ("slogan", "Hands-on care", "slogan: unknown key (did you mean 'tagline'?)"),
        ("disclaimer", "General advice only.", "disclaimer: unknown key (did you mean 'footer'?)"),
        ("typeface", "Atkinson Hyperlegible", "typeface: unknown key (did you mean 'font'?)"),
        ("clinic", "Birchwood", "clinic: unknown key (did you mean 'name'?)"),
    ],
)
def test_another_word_for_a_brands_key_is_offered_that_key(tmp_path: Path, key: str, value: str, said: str) -> None:
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    brand.pop("logo", None)  # no file beside this copy
    brand[key] = value
    path = tmp_path / "brand.yaml"
    path.write_text(yaml.safe_dump(brand, allow_unicode=True, sort_keys=False), encoding="utf-8")
    line = next(
        number for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.startswith(f"{key}:")
    )
    assert _said(path, load_brand) == [f":{line}: {said}"]


@pytest.mark.parametrize(("key", "meant"), [("tel", "phone"), ("mobile", "phone"), ("homepage", "website"), ("url", "website")])
def test_another_word_for_a_contact_key_is_offered_that_key(tmp_path: Path, key: str, meant: str) -> None:
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    brand.pop("logo", None)
    brand["contact"] = {"email": "hello@example.com", key: "x"}
    path = tmp_path / "brand.yaml"
    path.write_text(yaml.safe_dump(brand, allow_unicode=True, sort_keys=False), encoding="utf-8")
    said = _said(path, load_brand)
    assert len(said) == 1 and said[0].endswith(f"contact.{key}: unknown key (did you mean '{meant}'?)"), said


def test_a_safety_point_opening_with_another_word_for_a_key_is_still_text_with_a_colon(tmp_path: Path) -> None:
    """`- Description: ...` in the safety points is text YAML read as a key (its colon), as it was: 'text' is a
    point's key, but only a key misspelt is taken for one, not another word that may open a sentence."""
    path = tmp_path / "content.yaml"
    path.write_text(MINI_ROUTINE.replace("[Stop if it hurts.]", "\n    - Description: keep still"), encoding="utf-8")
    said = _said(path, load_content)
    assert len(said) == 1 and said[0].endswith('put the whole text in quotes: - "Description: keep still"'), said
