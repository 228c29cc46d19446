"""A key typed in the wrong place says where it belongs, wherever in the file's schema that is: only `finish` and
`video` inside `routine`, and a key of a top-level mapping typed at the top, did; `frequency:` in a step, `sets:`
under `routine` and `regular:` under `contact` were told only the keys of the mapping they were typed in."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINI_ROUTINE

from handouts.errors import InputError
from handouts.input.loading import load_brand, load_content

BRAND = """\
name: Example Clinic
colors:
  primary: "#1F6F78"
contact:
  email: hello@example.org
"""


def _said(path: Path, text: str, load: object) -> list[str]:
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(path)  # type: ignore[operator]
    return [str(problem).removeprefix(str(path)) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (
            "      frequency: {times_a_day: 2}\n",
            "routine.steps[1].frequency: unknown key here: 'frequency' belongs inside 'routine', not inside 'routine.steps[1]'",
        ),
        ("  sets: 3\n", "routine.sets: unknown key here: 'sets' belongs inside an item of 'routine.steps', not inside 'routine'"),
        ("reps: 10\n", "reps: unknown key here: 'reps' belongs inside an item of 'routine.steps'"),
        (
            "  times_a_day: 2\n",
            "routine.times_a_day: unknown key here: 'times_a_day' belongs inside 'routine.frequency', not inside 'routine'",
        ),
        ("  during: 3\n", "routine.during: unknown key here: 'during' belongs inside 'discomfort', not inside 'routine'"),
        (
            "      finish: Relax.\n",
            "routine.steps[1].finish: unknown key here: 'finish' belongs at the top level of the file, not inside "
            "'routine.steps[1]'",
        ),
        ("points: [Rest.]\n", "points: unknown key here: 'points' belongs inside 'safety': indent it under 'safety:'"),
        # a key taken in more places than two (a title) is told the keys of its own mapping
        (
            "video: {url: 'https://youtu.be/abc', caption: c, title: t}\n",
            "video.title: unknown key (expected one of: url, caption)",
        ),
        # another word for a key of its own mapping is that key, though a key of its name is taken elsewhere
        ("      url: https://example.com/v\n", "routine.steps[1].url: unknown key (did you mean 'video'?)"),
    ],
)
def test_a_routines_key_in_the_wrong_place_says_where_it_belongs(tmp_path: Path, written: str, said: str) -> None:
    assert _said(tmp_path / "content.yaml", MINI_ROUTINE + written, load_content) == [f":10: {said}"]


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("phone: 0117 496 0000\n", "phone: unknown key here: 'phone' belongs inside 'contact': indent it under 'contact:'"),
        ("accent: '#000000'\n", "accent: unknown key here: 'accent' belongs inside 'colors': indent it under 'colors:'"),
        ("  regular: a.ttf\n", "contact.regular: unknown key here: 'regular' belongs inside 'font', not inside 'contact'"),
        ("fallback: [a.ttf]\n", "fallback: unknown key here: 'fallback' belongs inside 'font' or inside 'fonts'"),
        ("questions: Ring us\n", "questions: unknown key here: 'questions' belongs inside an entry of 'labels'"),
    ],
)
def test_a_brands_key_in_the_wrong_place_says_where_it_belongs(tmp_path: Path, written: str, said: str) -> None:
    assert _said(tmp_path / "brand.yaml", BRAND + written, load_brand) == [f":6: {said}"]


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("phone: 0117 496 0000\n", "phone: unknown key here: 'phone' belongs in brand.yaml, inside 'contact'"),
        ("logo: logo.png\n", "logo: unknown key here: 'logo' belongs in brand.yaml, at the top level of the file"),
        # a close word of the routine's own keys is still that key
        ("name: Knee care\n", "name: unknown key (did you mean 'title'?)"),
        # inside the routine's own mappings, the keys of that mapping are said, not the other file
        ("      email: a@example.org\n", "routine.steps[1].email: unknown key (expected one of: "),
        # a key the routine takes itself (in three places, too many to say) is not sent to brand.yaml's colors
        ("text: Lie on your back.\n", "text: unknown key (expected one of: id, "),
        # a key brand.yaml takes at its top (and as a label) typed at the top of a routine: its top, said alone
        (
            "contact:\n  phone: 0117 496 0000\n",
            "contact: unknown key here: 'contact' belongs in brand.yaml, at the top level of the file\n",
        ),
    ],
)
def test_a_brands_key_typed_in_a_routine_says_it_belongs_in_brand_yaml(tmp_path: Path, written: str, said: str) -> None:
    """The clinic's contact details pasted at the top of a routine were told only the routine's keys."""
    (found,) = _said(tmp_path / "content.yaml", MINI_ROUTINE + written, load_content)
    assert f"{found}\n".startswith(f":10: {said}")


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("steps: []\n", "steps: unknown key here: 'steps' belongs in the routine's file (content.yaml), inside 'routine'"),
        ("author: A. Physio\n", "author: unknown key here: 'author' belongs in the routine's file (content.yaml), at the top"),
        # a key of the routine's top that is also a label's name: told only "inside an entry of 'labels'", a
        # reviewer typed for every routine went in as the label's words ("Dr Lee: Dr Lee" on the sheets)
        (
            "reviewed_by: Dr Lee\n",
            "reviewed_by: unknown key here: 'reviewed_by' belongs in the routine's file (content.yaml), at the top level"
            " of the file, or, as the words of its label, inside an entry of 'labels'\n",
        ),
        ("text: '#222222'\n", "text: unknown key here: 'text' belongs inside 'colors': indent it under 'colors:'\n"),
    ],
)
def test_a_routines_key_typed_in_brand_yaml_says_it_belongs_in_the_routine(tmp_path: Path, written: str, said: str) -> None:
    (found,) = _said(tmp_path / "brand.yaml", BRAND + written, load_brand)
    assert f"{found}\n".startswith(f":6: {said}")
