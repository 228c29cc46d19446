"""The key path of a line of a YAML file that cannot be parsed, as its syntax error names it."""

from __future__ import annotations

import pytest

from handouts.input.yamlkeys import MAX_CHARACTERS, key_path

STEPS = "routine:\n  steps:\n    - title: A\n      text: B\n    - title: C\n      text: Roll: it\n"


@pytest.mark.parametrize(
    ("text", "line", "column", "path"),
    [
        (STEPS, 6, 18, ("routine", "steps", 1, "text")),  # the colon YAML stopped at
        (STEPS, 5, None, ("routine", "steps", 1, "title")),  # the last key read on the line
        (STEPS.replace("\n", "\r\n"), 6, 18, ("routine", "steps", 1, "text")),  # Windows' line ends
        (STEPS.replace("\n", "\r"), 6, 18, ("routine", "steps", 1, "text")),  # an old Mac's
        ("\ufeff" + STEPS, 6, 18, ("routine", "steps", 1, "text")),  # a byte order mark
        # what YAML reads as no key: a comment, a block's lines, a quoted text's
        ("a:  # b: c\n  - x: 'y: z'\n  - |\n    d: e\n    - f\n  - g: h: i\n", 6, 9, ("a", 2, "g")),
        # a list in brackets: the item, by its commas, and the list itself at its '['
        ("a: [x, 'y, z', w: v\n", 1, 18, ("a", 2)),
        ("a: [x, 'y, z', w: v\n", 1, 3, ("a",)),
        ("a:\n  - {b: x,\n     c: y: z}\n", 3, 9, ("a", 0, "c")),
        ("a: [x,\n  y: z\n", 2, None, ("a", 1)),  # a line of a list in brackets
        ("a:\n  b: one\n    two: three\n", 3, None, ("a", "b")),  # read as more of the text above
        # lines YAML stopped at the start of, placed by their indentation
        ("a:\n  b: x\n  c\n", 3, 2, ("a",)),  # a key without its colon, beside b
        ("a:\n  - b: x\n  - c\n", 3, 2, ("a", 1)),  # the list's next item
        ("a:\n  - b: x\n    c: y\n  d\n", 4, 2, ("a",)),  # in the list's place, not an item of it
        ("a:\n  b:\nc\n", 3, 0, ()),  # at the top level: no key
        ("a:\n\tb: x\n", 2, 0, ("a", "b")),  # under an empty key, however wide a tab is
    ],
)
def test_the_path_of_a_line(text: str, line: int, column: int | None, path: tuple[str | int, ...]) -> None:
    assert key_path(text, line, column) == path


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a:\n  b: x\n\t c: y\n", 3, 0),  # beside b or under it: as wide as a tab is shown
        ("a:\n  b: [x]\n   c: y\n", 3, 3),  # set in under a value: beside b or not, no one can tell
        ("? [a]\n: x\n", 2, 1),  # a key that is no text
        ("a: b\n", 3, 0),  # no such line
        ("a:\n" + "  b: x\n" * (MAX_CHARACTERS // 7) + "  c: d: e\n", MAX_CHARACTERS // 7 + 2, 6),  # too long to read
    ],
)
def test_none_where_it_cannot_be_told(text: str, line: int, column: int | None) -> None:
    assert key_path(text, line, column) is None
