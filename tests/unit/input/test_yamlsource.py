"""Reading YAML: lines for every key path, and every unreadable file a one-line problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor

from handouts.errors import InputError
from handouts.input.yamlsource import format_path, read_yaml

STEPS = "routine:\n  steps:\n    - title: A\n      text: B\n    - title: C\n      text: Roll: it\n"


def test_lines_of_key_paths(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("title: T\nroutine:\n  steps:\n    - title: A\n    - title: B\n")
    source = read_yaml(path)
    assert source.line_of(("routine", "steps", 1, "title")) == 5
    assert source.line_of(("routine", "steps", 1, "missing")) == 5  # the nearest ancestor
    assert format_path(("routine", "steps", 1, "title")) == "routine.steps[2].title"
    # a key that would not read as one in a message of one line: "safety.", "safety.title " and a line break
    assert [format_path(("safety", key)) for key in ("", "title ", "tit\nle", "ti\u200btle")] == [
        "safety.''",
        "safety.'title '",
        "safety.'tit\\nle'",
        "safety.'ti\\u200btle'",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\na: 2\n", ":2: a: duplicate key (first given on line 1): keep the one you mean and delete the other"),
        ("a: [1\n", ":1: a: invalid YAML: a '[' is never closed"),  # said where it opens, not at the end
        ("a: " + "[" * 100 + "]" * 100, ":1: lists and mappings nested more than 64 deep"),
        ("", ": file is empty (it has nothing but comments and blank lines): was it saved?"),
        # YAML reads these as a date, a date and time and a whole number that cannot be one: a traceback before
        ("a: 1\nb: 2026-02-30\n", ":2: b: 2026-02-30 is not a date that exists"),
        ("c:\n  - 2026-01-01T25:61:00\n", ":2: c[1]: 2026-01-01T25:61:00 is not a date and time that exists"),
        ("n: " + "9" * 5000, ":1: n: a number 5000 characters long is too long to read: put it in quotes"),
        ("n: 0x" + "f" * 3700, ":1: n: a number 3702 characters long is too long to read"),  # read, but unprintable
        ("x: !!bool maybe", ":1: x: 'maybe' cannot be read as yes or no: put it in quotes if it is text"),
        # base64 bytes: pydantic's "unable to parse raw data as a unicode string", or text other than typed
        ("a: 1\nx: !!binary //79\n", ":2: x: '!!binary' marks encoded data, not text: write the text itself"),
        ("x: !!binary aGVsbG8=\n", ":1: x: '!!binary' marks encoded data, not text"),
        ("2025-02-29: x\n", ":1: the key 2025-02-29 is read as a date, not as text: put it in quotes"),
        # keys YAML reads as no text: "~: x" was "None: Keys should be strings", "2: x" a key path "[3]"
        ("a:\n  ~: x\n", ":2: a: the key ~ is read as nothing, not as text: put it in quotes ('~': ...)"),
        ("a:\n  - 2: x\n", ":2: a[1]: the key 2 is read as a number, not as text"),
        ("a:\n  true: x\n", ":2: a: the key true is read as yes or no"),
        # a decimal comma inside braces: "the key 5 is read as a number: put it in quotes ('5': ...)", advice that
        # led to an unknown key '5'
        (
            "discomfort: {during: 3,5, after: 2}\n",
            ":1: discomfort: '3,5' was read as 3 and a key 5: inside { } a comma separates the entries, so a number",
        ),
        ("x: {a: 1, 2: b}\n", ":1: x: the key 2 is read as a number, not as text"),  # a comma and a space: a key
        ("? [a]\n: x\n", ":1: a list or a mapping cannot be a key"),
        # a citation typed first: the parser's words name no character, and the hint for '@' was never given
        (
            "id: x\ntitle: @nhs2019 says\n",
            ":2: title: invalid YAML: '@' cannot start a value: put text that starts with '@' (a citation)",
        ),
        # a space pasted from Word: the error was on the next line, with a hint about the line above
        ("id: x\ntitle:\u00a0Knee\nsubtitle: s\n", ":2: invalid YAML: a non-breaking space (pasted from a word processor)"),
        ("id: x\n  -\u00a0title: Knee\n", ":2: id: invalid YAML: a non-breaking space (pasted from a word processor)"),
        # French typography's space before a colon, not where YAML needs one: retyping it as a space still failed
        ("id: x\ntitle: Coude\u00a0: exercices\n", ":2: title: invalid YAML: a colon followed by a space inside text: put"),
        (
            "id: x\ntitle: \u00ab\u00a0Coude\u00a0\u00bb\nsubtitle: a: b\n",
            ":3: subtitle: invalid YAML: a colon followed by a space inside",
        ),
        # TextEdit's Smart Quotes (on unless turned off) and Word's: "put the whole text in quotes", of quoted text
        (
            "id: x\ntitle: \u201cKnee care: a guide\u201d\n",
            ":2: title: invalid YAML: curly quotes (\u201c \u201d) are not quotes to YAML",
        ),
        (
            "id: x\ntitle: \u2018Knee care: a guide\u2019\n",
            ":2: title: invalid YAML: curly quotes (\u201c \u201d) are not quotes to YAML",
        ),
        # curly quotes on the line above are valid YAML (the text prints with them): the fault below is said
        (
            'id: x\ntitle: \u201cKnee\u201d care\nlogo: "pictures\\step.png"\n',
            ":3: logo: invalid YAML: a backslash inside double quotes starts an escape",
        ),
        (
            "id: x\ntitle: \u201cKnee\u201d care\nsubtitle: a: b\n",
            ":3: subtitle: invalid YAML: a colon followed by a space inside text",
        ),
        ("id: x\ntitle: Knee: care\n", ":2: title: invalid YAML: a colon followed by a space inside text: put the whole text in"),
        # a key a space further in than the key above it: YAML reads it as more of that key's text, and it was told
        # to put a colon in quotes, though the key's line was the one to move
        (
            "steps:\n  - title: Shoulders\n     text: Roll.\n",
            ":3: steps[1].text: invalid YAML: a key set in further than the key above it is read as more of that key's text: "
            "line it up with that key, 4 spaces in (if it is text, put the whole text in quotes)",
        ),
        (
            "id: x\ntitle: Knee\n  care: y\n",
            ":3: care: invalid YAML: a key set in further than the key above it is read as more of that key's text: line it "
            "up with that key, at the start of the line",
        ),
        # a list or a mapping typed in brackets the parser could not end: its words alone were said
        (
            "safety:\n  points: [Stop if it hurts.\nroutine: x\n",
            ":2: safety.points: invalid YAML: a '[' is never closed: end what it holds with ']'",
        ),
        (
            "steps:\n  - {title: Neck,\n    text: Turn.\nid: x\n",
            ":2: steps[1]: invalid YAML: a '{' is never closed: end what it holds with '}'",
        ),
        (
            "steps:\n  - {title: Neck, text: Turn: slowly.}\n",
            ":2: steps[1].text: invalid YAML: text inside { } with ': ', a quote or a bracket in it: put the whole text in",
        ),
        ('points: ["Stop" now]\n', ":1: points[1]: invalid YAML: text inside [ ] with ': ', a quote or a bracket in it"),
        # a '-' left alone where a key goes: it was told to line a key up with the keys beside it
        ("routine:\n  title: Steps\n  -\n  steps: []\n", ":3: routine: invalid YAML: a '-' with nothing after it where a key"),
        ("id: x\n-\ntitle: y\n", ":2: invalid YAML: a '-' with nothing after it where a key was expected: delete it"),
        # a Windows path in double quotes: \U, \u and \x take a character's code, and the parser's words were all
        ('id: x\nlogo: "C:\\Users\\Jo\\logo.png"\n', ":2: logo: invalid YAML: a backslash inside double quotes starts an escape"),
        ('id: x\nlogo: "pictures\\x-ray.png"\n', ":2: logo: invalid YAML: a backslash inside double quotes starts an escape"),
        # a second document after '---': "invalid YAML: but found another document expected a single document"
        ("id: x\n---\nid: y\n", ":2: invalid YAML: a '---' line starts a second YAML document, and a file holds one"),
        ("---\nid: x\n...\n---\n", ":4: invalid YAML: a '---' line starts a second YAML document"),
        # a syntax error names the key path of the line it blames, as a validation error does
        ("id: x\ntitle: `Knee`\n", ":2: title: invalid YAML: '`' cannot start a value: put the text in quotes"),
        ("id: x\nrefs: !a!b y\n", ":2: refs: invalid YAML: found undefined tag handle"),  # the parser's own words
        (STEPS.replace("\n", "\r\n"), ":6: routine.steps[2].text: invalid YAML: a colon followed by a space"),
        ("\ufeff" + STEPS, ":6: routine.steps[2].text: invalid YAML: a colon followed by a space"),
        # a comment's colon, a block's lines and quoted text are not keys: the step is still the second
        (
            "routine:\n  intro: |\n    Day 1: walk\n    - Day 2: rest\n  steps:  # the: steps\n    - {title: A, text: 'B: c'}\n"
            "    - title: C\n      text: Roll: it\n",
            ":8: routine.steps[2].text: invalid YAML: a colon followed by a space",
        ),
        ("routine:\n  steps:\n    - title: A\n    -\ttitle: B\n", ":4: routine.steps[2]: invalid YAML: a tab character"),
        # a tab in an indent, a step's key or the next step's as an editor shows it: no key is said
        ("routine:\n  steps:\n    - title: A\n\t  text: B\n", ":4: invalid YAML: a tab character is used for indentation"),
    ],
)
def test_problems(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        read_yaml(path)
    assert f"{path}{message}" in str(caught.value)


def test_not_utf8_and_folders(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_bytes(b"a: 1\nb: \xff\n")
    with pytest.raises(InputError, match=re.escape(":2: b: not UTF-8 text at '\xff' (saved in another encoding")):
        read_yaml(tmp_path / "b.yaml")
    with pytest.raises(InputError, match="is a folder, not a YAML file"):
        read_yaml(tmp_path)


@pytest.mark.parametrize(
    ("encoding", "marked"),
    [(encoding, True) for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be")]
    + [("utf-16-le", False), ("utf-32-le", False), ("utf-32-be", False)],
)
def test_utf16_is_named_with_how_to_save_it_as_utf8(tmp_path: Path, encoding: str, marked: bool) -> None:
    """Notepad's "Unicode" (UTF-16, with its byte order mark) was "not UTF-8 text": true, and no help. A file in
    UTF-32 (with its mark) was called UTF-16: its little-endian mark begins as UTF-16's does. Without its mark (as
    PowerShell and some exports write it), UTF-32 was said to hold a control character, U+0000."""
    mark = "\ufeff" if marked and encoding[-3:] in ("-le", "-be") else ""
    (tmp_path / "c.yaml").write_bytes((mark + "title: Knee\n").encode(encoding))
    name = encoding[:6].upper()
    with pytest.raises(InputError, match=rf":1: {name} text, not UTF-8: save the file as UTF-8 \(in Notepad"):
        read_yaml(tmp_path / "c.yaml")


def test_a_colour_written_without_its_hash_is_the_code_typed(tmp_path: Path) -> None:
    """`primary: 000000` was read as the number 0 ('expected text, got a number (0)') and `accent: 1e5000` as
    infinity: the digits of a hex code without its '#', which the colour field takes as text."""
    path = tmp_path / "brand.yaml"
    path.write_text("colors:\n  primary: 000000\n  accent: 1e5000\n")
    assert read_yaml(path).data["colors"] == {"primary": "000000", "accent": "1e5000"}


def test_the_help_boxs_numbers_are_the_numbers_typed(tmp_path: Path) -> None:
    """`emergency: 112` was 'expected text, got a number (112)', where `phone: 0117 496` is text, and
    `urgent: 0116117` lost its leading zero on the way (the message said 116117)."""
    path = tmp_path / "brand.yaml"
    path.write_text("contact:\n  phone: 01174960000\n  emergency: 112\n  urgent: 0116117\n")
    assert read_yaml(path).data["contact"] == {"phone": "01174960000", "emergency": "112", "urgent": "0116117"}


@pytest.mark.parametrize("end", ["\x1a", "\r\n\x1a", "\x1a\x1a"])
def test_a_dos_end_of_file_mark_ends_the_file(tmp_path: Path, end: str) -> None:
    """Old DOS and Windows editors end a text file with Ctrl-Z: it was 'invalid YAML: unacceptable character
    #x001a', on two lines, with a position counted in characters rather than a line."""
    path = tmp_path / "a.yaml"
    path.write_bytes(("title: Knee\r\nid: knee" + end).encode())
    assert read_yaml(path).data == {"title": "Knee", "id": "knee"}


@pytest.mark.parametrize(
    ("text", "line", "key", "code"),
    [
        ("id: knee\ntitle: Knee\x0bmassage\n", 2, "title: ", "U+000B"),  # Word's manual line break (Shift+Enter)
        ("id: knee\r\nsafety:\r\n  points:\r\n    - 'Stop\x00'\r\n", 4, "safety.points[1]: ", "U+0000"),
        ("id: knee\rtitle: Knee\x07\r", 2, "title: ", "U+0007"),  # an old Mac's line ends
        ("id: knee\nroutine:\n  steps:\n    - text: |\n        Sit.\n        Rub\x07\n", 6, "routine.steps[1].text: ", "U+0007"),
        ("id: knee\n# a note\x1b\ntitle: Knee\n", 2, "", "U+001B"),  # in a comment: in no value
        # ruamel's position of it was ten characters early after an emoji and an accent: U+0022, the quote, was said
        ('id: knee\nsteps:\n  - cue: "\U0001f600 caf\u00e9 w\x07arm"\n', 3, "steps[1].cue: ", "U+0007"),
    ],
)
def test_a_control_character_typed_in_the_file_is_named_on_its_line(
    tmp_path: Path, text: str, line: int, key: str, code: str
) -> None:
    """YAML refuses a control character anywhere in a file: the message was 'invalid YAML: unacceptable
    character #x000b: control characters are not allowed' and, on a second line, 'in "<unicode string>",
    position 20', with no line to look at; then its line with no key, where every error names one. It names the
    key of the value the character is typed in (one of several lines of a '|' block's too)."""
    path = tmp_path / "a.yaml"
    path.write_bytes(text.encode())
    with pytest.raises(InputError) as caught:
        read_yaml(path)
    assert (
        str(caught.value)
        == f"{path}:{line}: {key}has {code}; no page can print a control character: delete it (it may have come with pasted text)"
    )


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_a_line_separator_typed_in_the_file_is_named_on_the_line_an_editor_shows(tmp_path: Path, separator: str) -> None:
    """YAML ends a line at U+2028, U+2029 and U+0085 (pasted with text from some programs), where an editor shows
    none: in a text it was 'invalid YAML: a line that is neither key: value nor - item' at the next line, and
    every line number after it was one more than the editor's; in a comment, the rest of its line was read."""
    path = tmp_path / "a.yaml"
    path.write_text(f"id: knee\n# a note{separator}title: hidden\ntitle: Knee{separator}massage\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_yaml(path)
    code = f"U+{ord(separator):04X}"
    assert (
        str(caught.value)
        == f"{path}:2: has {code}; no page can print a control character: delete it (it may have come with pasted text)"
    )


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ("id: knee\ntitle: Knee\u2028massage\n", 2, "title"),
        ("routine:\n  steps:\n    - title: Sit\n    - title: Stand\n      cue: Slowly\u2028now\n", 5, "routine.steps[2].cue"),
        ("safety:\n  signs:\n    - Swelling\n    - Heat\u2029and redness\n", 4, "safety.signs[2]"),
        ("about: |\n  First line\n  second\x85line\n", 3, "about"),
        ('about: "First line\n  second\u2028line"\n', 2, "about"),
        ("routine:\n  ti\u2028tle: Knee\n", 2, "routine"),
        ("# a note\u2028title: hidden\n", 1, ""),
        ("id: knee\ntitle: Knee massage\u2028\n", 2, "title"),  # at a value's end
        ("id: knee\ntitle:\x07 Knee massage\n", 2, "title"),  # right after the key's colon
    ],
)
def test_a_line_separator_in_a_value_is_said_with_its_key(tmp_path: Path, text: str, line: int, key: str) -> None:
    """A separator pasted into a value (a cue copied from a web page or a PDF) was said at its line with no key,
    where every other error of a value names it: in a file of thirty steps, which step's cue it was."""
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_yaml(path)
    where = f"{path}:{line}: {key}: " if key else f"{path}:{line}: "
    assert str(caught.value).startswith(where + "has U+"), str(caught.value)


@pytest.mark.parametrize(
    ("start", "said"),
    [
        (b"{\\rtf1\\ansi\\ansicpg1252\\cocoartf2709\n", "is rich text (RTF), not plain text: in TextEdit, choose Format > Make"),
        (b"PK\x03\x04\x14\x00\x06\x00", "is a Word or Excel file, not plain text: in Word, choose Save as, Plain Text"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "is a Word or Excel file, not plain text"),
    ],
)
def test_a_routine_saved_by_a_word_processor_says_how_to_save_it_as_text(tmp_path: Path, start: bytes, said: str) -> None:
    """TextEdit saves a new document as rich text unless told otherwise, and Word as .docx: named brand.yaml,
    the file was 'invalid YAML: did not find expected ',' or '}' while parsing a flow mapping' (RTF's braces)
    or 'not UTF-8 text (save the file as UTF-8)'."""
    path = tmp_path / "brand.yaml"
    path.write_bytes(start + b"name: Birchwood\\\ncolors: x}")
    with pytest.raises(InputError) as caught:
        read_yaml(path)
    assert str(caught.value).startswith(f"{path}: {said}")


def test_words_after_a_hash_in_a_text_are_warned_of_as_a_comment(tmp_path: Path) -> None:
    """`title: Knee #1 routine` printed 'Knee', and `text: Do it #3 times` 'Do it', and nothing was said: YAML
    reads ' #' as the start of a comment. A comment as comments are written (`# a note`) is not warned of, nor
    one after a number (`rest: 30 #seconds`): nothing of it would print, and quoting it would make the number text."""
    path = tmp_path / "a.yaml"
    path.write_text(
        "title: Knee #1 routine\nsteps:\n  - Do it #3 times\n  - Hold it  # about a minute\n  - 'Step #4'\n"
        "rest: 30 #seconds\nsides: true #both\n"
    )
    source = read_yaml(path)
    assert source.data == {"title": "Knee", "steps": ["Do it", "Hold it", "Step #4"], "rest": 30, "sides": True}
    said = "was read as a comment ('#' after a space starts one) and left out: put the whole text in quotes"
    assert [(w.line, w.key, w.message, w.code) for w in source.warnings] == [
        (1, "title", f"'#1 routine' {said}", "cut-by-comment"),
        (3, "steps[1]", f"'#3 times' {said}", "cut-by-comment"),
    ]


def test_a_comment_after_a_text_of_several_lines_is_warned_of_at_its_own_line(tmp_path: Path) -> None:
    """The warning named the line the text starts on, lines above the '#' to look for."""
    path = tmp_path / "a.yaml"
    path.write_text("id: x\ntext: Roll your shoulders\n  back and forth\n  slowly #2\n")
    assert [(w.line, w.key, w.message.split(" was")[0]) for w in read_yaml(path).warnings] == [(4, "text", "'#2'")]


def test_a_yaml_1_1_line_reads_the_file_as_yaml_1_2_still(tmp_path: Path) -> None:
    """Every file is read as YAML 1.2, as DESIGN.md promises, whatever its first line says: under 1.1's rules `no`
    would be false, `1:30` ninety and `010` eight."""
    path = tmp_path / "content.yaml"
    path.write_text("%YAML 1.1\n---\nanswer: no\ntime: 1:30\ncount: 010\n")
    assert read_yaml(path).data == {"answer": "no", "time": "1:30", "count": 10}


def test_a_text_starting_with_an_ampersand_is_warned_of_as_an_anchor(tmp_path: Path) -> None:
    """`tagline: &friends care for joints` printed 'care for joints' and nothing was said: YAML reads '&friends'
    as the text's anchor (a name an alias `*friends` may repeat it by). A text an alias repeats is left alone."""
    path = tmp_path / "a.yaml"
    path.write_text(
        "tagline: &friends care for joints\nsteps:\n  - &more Sit tall\n  - '&x kept'\nphone: &ph 01632 960123\n"
        "again: *ph\nlist: &l [a, b]\n"
    )
    source = read_yaml(path)
    assert source.data["tagline"] == "care for joints" and source.data["again"] == "01632 960123"
    said = "was read as a YAML anchor ('&' starts one) and left out: put the whole text in quotes"
    assert [(w.line, w.key, w.message, w.code) for w in source.warnings] == [
        (1, "tagline", f"'&friends' {said}", "cut-by-anchor"),
        (3, "steps[1]", f"'&more' {said}", "cut-by-anchor"),
    ]


def test_an_anchor_given_twice_says_so_in_words(tmp_path: Path) -> None:
    """ruamel's words for it read backwards: 'second occurrence found duplicate anchor; first occurrence'."""
    path = tmp_path / "a.yaml"
    path.write_text("title: &a Knee\nsubtitle: &a Care\n")
    with pytest.raises(InputError) as caught:
        read_yaml(path)
    assert str(caught.value) == (
        f"{path}:2: subtitle: invalid YAML: '&' starts a YAML anchor, and this one is given twice: put text that starts with "
        "'&' in quotes (the anchor is first given on line 1)"
    )


def test_a_text_starting_with_an_ampersand_and_a_space_says_to_quote_it(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("title: Knee\ntagline: & friends\n")
    with pytest.raises(InputError) as caught:
        read_yaml(path)
    said = "invalid YAML: '&' starts a YAML anchor: put text that starts with '&' in quotes"
    assert str(caught.value).startswith(f"{path}:2: tagline: {said}")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("name: Star Clinic\ntagline: **New:** evening appointments\n", "2: tagline"),  # Markdown bold opening a text
        ("safety:\n  points:\n    - *Stop* if it hurts\n", "3: safety.points[1]"),  # emphasis opening a list's item
        ("tagline: *Open late\n", "1: tagline"),  # an alias no anchor names
    ],
)
def test_a_text_starting_with_a_star_says_to_quote_it(tmp_path: Path, text: str, where: str) -> None:
    """`tagline: **New:** evening appointments` (bold, as the README suggests for a lead-in) said only "invalid
    YAML: did not find expected alphabetic or numeric character while scanning an alias": YAML reads a star
    opening a value as an alias, whose name may not hold another star. It says what to do, as for '&'."""
    path = tmp_path / "a.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        read_yaml(path)
    said = "invalid YAML: '*' starts a YAML alias: put text that starts with '*' (bold's ** too) in quotes"
    assert str(caught.value).startswith(f"{path}:{where}: {said}")


@pytest.mark.parametrize(
    "text",
    [
        "title: Knee\nsteps:\n  - {title: Sit, text: Sit tall., sets: 2}\nreview_due: 2026-05-09\nfinish: ~\nok: true\n",
        "colors: &c {primary: '#14545C'}\nagain: *c\nlist: &l [a, 1.5]\nmore: [*l, *l]\n",
        "when: !!str 2026-05-09\ncount: !!int '7'\nratio: !!float 3\n",
        "kinds: !!set {a, b}\n",  # a tag the walk does not make: read by YAML's own reading
        "pairs: !!omap [{a: 1}, {b: 2}]\n",
    ],
)
def test_the_data_is_what_yamls_own_reading_makes(tmp_path: Path, text: str) -> None:
    """The walk that finds each key's line makes the data as it goes: what YAML's safe reading makes, an alias's
    value the very one its anchor's (a change to one is a change to the other, as there)."""
    path = tmp_path / "a.yaml"
    path.write_text(text)
    data, own = read_yaml(path).data, YAML(typ="safe").load(text)
    assert data == own and repr(data) == repr(own)
    if "again" in data:
        assert data["again"] is data["colors"] and data["more"][0] is data["more"][1] is data["list"]


def test_a_routine_is_read_in_one_walk_over_its_nodes(monkeypatch: pytest.MonkeyPatch) -> None:
    """content.yaml's data is made by the walk that finds its lines, not by a second walk of YAML's (a fifth of
    the time the routine took to read)."""

    def second_walk(self: object, node: object) -> None:
        raise AssertionError("the nodes were walked again")

    monkeypatch.setattr(SafeConstructor, "construct_document", second_walk)
    assert read_yaml(Path(__file__).parents[3] / "content.yaml").data["id"] == "knee-self-massage"


def test_not_utf8_in_a_file_whose_lines_end_as_an_old_mac_ended_them_is_said_at_its_line(tmp_path: Path) -> None:
    """A file saved by an old Mac (each line ended by a lone carriage return) in its encoding, Mac Roman, was said
    to be wrong at line 1, with no key, whatever line the accented word was on."""
    path = tmp_path / "old-mac.yaml"
    path.write_bytes("id: knee\rtitle: Knee\rfinish: Café au lait\r".encode("mac_roman"))
    with pytest.raises(InputError, match=re.escape(f"{path}:3: finish: not UTF-8 text at 'Café'")):
        read_yaml(path)


def test_not_utf8_after_a_utf8_byte_order_mark_is_said_at_its_line_and_word(tmp_path: Path) -> None:
    """A file begun with UTF-8's byte order mark and then saved in Windows-1252 (two files joined, an editor's
    "UTF-8 with BOM" pasted into): the byte was placed three bytes early, so the word quoted was the one before
    it ('title') and, near a line's start, the line the one above."""
    path = tmp_path / "joined.yaml"
    path.write_bytes(b"\xef\xbb\xbf# Knee\nid: knee\nsteps:\n- \xc9tirez la jambe\n")
    with pytest.raises(InputError, match=re.escape(f"{path}:4: steps[1]: not UTF-8 text at '\u00c9tirez'")):
        read_yaml(path)


def test_not_utf8_text_saved_as_mac_roman_is_quoted_as_typed_and_named(tmp_path: Path) -> None:
    """TextEdit's 'Western (Mac OS Roman)': the word was quoted as Windows-1252 reads it ('CafŽ', 'MŸller'), a
    word the therapist never typed and cannot find, and the encoding named was Windows'."""
    path = tmp_path / "mac.yaml"
    path.write_bytes("id: knee\nfinish: Jürgen Müller says well done\n".encode("mac_roman"))
    with pytest.raises(InputError) as caught:
        read_yaml(path)
    said = str(caught.value)
    assert f"{path}:2: finish: not UTF-8 text at 'Jürgen' (saved in another encoding, such as Mac Roman)" in said
    assert "in TextEdit" in said


def test_utf16_without_its_byte_order_mark_is_named_as_utf16(tmp_path: Path) -> None:
    """UTF-16 without its mark (PowerShell's and some exports') was 'has U+0000; no page can print a control
    character', which names nothing the therapist can find or do."""
    path = tmp_path / "ps.yaml"
    path.write_bytes("id: knee\r\ntitle: Knee\r\n".encode("utf-16-le"))
    with pytest.raises(InputError, match=re.escape(f"{path}:1: UTF-16 text, not UTF-8: save the file as UTF-8")):
        read_yaml(path)


@pytest.mark.parametrize(
    ("text", "where", "code"),
    [
        # a zero-width space pasted from a web page: the line is read as more of the title's text
        ("routine:\n  title: Knee\n   \u200b   intro: Hi\n", "3: routine.title", "U+200B"),
        ("title: Knee\ncue:\u200bSit tall\n", "2", "U+200B"),  # no key: 'cue' has no colon and space after it
        ("steps:\n  - a\n  \ufeff- b\n", "3: steps", "U+FEFF"),  # a byte order mark, where files saved with one were joined
        ("steps:\n  - a\n  \u2060- b\n", "3: steps", "U+2060"),
    ],
)
def test_an_invisible_character_where_yaml_needs_a_space_is_named(tmp_path: Path, text: str, where: str, code: str) -> None:
    """A character no editor shows (pasted with text from a web page or a chat, or a file's byte order mark
    where two files were joined) breaks the line, and the message blamed its indent or a missing colon, which look
    right: the line is now said with the character, as a non-breaking space is."""
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_yaml(path)
    assert str(caught.value).startswith(f"{path}:{where}: invalid YAML: an invisible character ({code}) ")


def test_not_utf8_in_a_long_word_quotes_only_the_part_around_it(tmp_path: Path) -> None:
    """A byte that is not UTF-8 in a word of thousands of letters (an address, a file of no spaces) quoted the
    whole word: an error of a whole screen. Thirty characters either side are quoted."""
    path = tmp_path / "content.yaml"
    path.write_bytes(b"id: knee\nfinish: " + b"a" * 5000 + b"\xe9" + b"b" * 5000 + b"\n")
    with pytest.raises(InputError) as raised:
        read_yaml(path)
    said = str(raised.value)
    assert f":2: finish: not UTF-8 text at '{'a' * 30}\u00e9{'b' * 29}' (saved in another encoding" in said, said
    assert len(said) < 300
