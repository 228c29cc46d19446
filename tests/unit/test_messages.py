"""What commands print: control characters shown, never obeyed; a patient's name masked in every form;
file names for names that slugify alike kept apart."""

from __future__ import annotations

import pytest

from handouts.batch import Row, private
from handouts.input.options import name_slug
from handouts.messages import masked, printable


def test_terminal_escapes_are_shown_not_sent() -> None:
    key = "ti\x1b]0;owned\x07tle\x1b[2J\u202e"
    assert printable(f"content.yaml:3: routine.{key}: unknown key") == (
        "content.yaml:3: routine.ti\\x1b]0;owned\\x07tle\\x1b[2J\\u202e: unknown key"
    )
    assert printable("two lines\nand a\ttab") == "two lines\nand a\ttab"
    assert printable("Zoë → ≥ 李伟") == "Zoë → ≥ 李伟"


@pytest.mark.parametrize(
    "message",
    [
        "layout: <para>Prepared for Zoë O&#x27;Brien</para> is too long",
        "layout: Prepared for Zoë O&#39;Brien",
        "cannot write out/001-zoe-obrien/knee-self-massage-handout-zoe-obrien-1a2b3c-2026-12-01.pdf",
        "got 'O’Brien' in column date",
        "ZOË O’BRIEN",
    ],
)
def test_a_name_is_masked_in_every_form(message: str) -> None:
    said = masked(message, "Zoë O’Brien", "001-zoe-obrien")
    assert "<patient>" in said
    for part in ("Zoë", "zoe", "Brien", "brien", "BRIEN", "ZOË"):
        assert part not in said, said


def test_masking_keeps_other_words_and_line_numbers() -> None:
    assert masked("patients.csv:12: row 5: joint pain", "Jo Bloggs") == "patients.csv:12: row 5: joint pain"
    assert masked("row 12: Room 12 cannot be built", "Room 12") == "row 12: <patient> cannot be built"


def test_names_that_slugify_alike_get_file_names_apart() -> None:
    names = ["Ana María", "Ana Maria", "ana maria", "..", "-", "/", "Mary-Jane Doe", "Mary Jane Doe", "李伟"]
    slugs = {name: name_slug(name) for name in names}
    assert slugs["Ana Maria"] == slugs["ana maria"] == "ana-maria"  # the same name, typed differently
    distinct = [slugs[name] for name in names if name != "ana maria"]
    assert len(set(distinct)) == len(distinct), slugs
    assert slugs[".."].startswith("patient-") and slugs["李伟"].startswith("li-wei-")
    assert len(name_slug("Bartholomew " * 16)) <= 48


def test_a_name_made_of_common_words_masks_them_only_as_typed() -> None:
    """Will Page's and Ann One's names are masked, their words as typed or in capitals; the same words in a
    message's own text stay (it read "does not fit on <patient> page")."""
    said = masked("Will Page: the poster does not fit on one page; WILL PAGE; will-page-2026.pdf", "Will Page")
    assert said == "<patient>: the poster does not fit on one page; <patient>; <patient>-2026.pdf"
    assert masked("got 'Page' in column date; you will print one page", "Will Page") == (
        "got '<patient>' in column date; you will print one page"
    )
    assert masked("Ann One: one step, One more", "Ann One") == "<patient>: one step, <patient> more"


@pytest.mark.parametrize("name", ["😀🎉", "..", "李伟"])
def test_a_name_without_latin_letters_leaves_the_word_patient_in_a_batch_message(name: str) -> None:
    """A name that slugifies to nothing has the folder 005-patient: masking the folder's words took the word
    "patient" out of the message's own text ("column <patient>: 2 of its characters are in no font")."""
    row = Row(line=6, number=5, patient=name, routines=())
    message = f"column patient: 2 of its characters are in no configured font; wrote out/{row.folder_name}/a.pdf"
    said = private(message, row)
    assert said.startswith("column patient: 2 of its characters are in no configured font"), said
    assert "li-wei" not in said and (not row.slug or "out/<patient>/" in said)  # 李伟's folder is masked whole


def test_a_batch_message_masks_the_folder_whole_not_its_words() -> None:
    """The folder's name (001-will-page) was masked word by word, as typed: its lower-case words took the message's
    own words out ("does not fit on one <patient>", "the <patient> of"), unreadable, and telling which common
    words the name holds. The folder is masked whole; the name's words as typed or in capitals, as ever."""
    row = Row(line=2, number=1, patient="Will Page", routines=())
    message = "the poster does not fit on one page; will is the id; wrote out/001-will-page/a.pdf; Page, WILL"
    said = "the poster does not fit on one page; will is the id; wrote out/<patient>/a.pdf; <patient>, <patient>"
    assert private(message, row) == said
    long = Row(line=2, number=1, patient="Bartholomew Page " * 4, routines=())  # a folder's slug cut short
    assert private(f"one page; out/{long.folder_name}/a.pdf", long) == "one page; out/<patient>/a.pdf"
