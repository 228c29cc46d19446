"""One rule for citation ids: matched case-insensitively by the check, the text and the reference list."""

from __future__ import annotations

import pytest
from conftest import flat, pdf_text

from handouts.build import Options, build
from handouts.errors import InputError
from handouts.words import citations
from handouts.words.markdown import cited


def test_keys_and_clusters() -> None:
    assert citations.key(" @NHS2019 ") == "nhs2019"
    assert [citations.keys(ids) for ids in cited("A [@NHS2019] and [@a; @B:2].")] == [("nhs2019",), ("a", "b:2")]
    assert cited("As shown [@nhs2019] and [@a; @b:2].") == (("nhs2019",), ("a", "b:2"))


def test_a_backslash_before_either_bracket_makes_a_citation_text() -> None:
    assert cited("\\[@a] and [@b\\] and \\[@c\\] but [@d]") == (("d",),)
    assert cited("- item [@a]\n\n  more [@b]") == (("a",), ("b",))  # in a section body's blocks too


def test_a_citation_in_other_case_is_checked_and_printed_alike(make_content, workdir) -> None:
    path = make_content(finish="Keep going [@NHS2019].")
    (handout,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",)))
    assert "Keep going (NHS, 2019)." in flat(pdf_text(handout))


def test_ids_differing_only_in_case_are_one_reference(make_content, workdir) -> None:
    from conftest import knee

    references = knee()["references"]
    references.append({**references[0], "id": references[0]["id"].upper()})
    path = make_content(references=references)
    with pytest.raises(InputError, match="duplicate reference id"):
        build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",)))


def test_an_id_cited_twice_in_one_citation_is_cited_once() -> None:
    """ "[@a; @a]" printed "(NHS, 2019, 2019)"."""
    assert cited("[@a; @A; @b; @a]") == (("a", "b"),)


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("See [@r1, p. 5].", ["[@r1, p. 5]"]),
        ("[see @r1] and [-@R1]", ["[see @r1]", "[-@R1]"]),
        ("[@a; @r1, p 3]", ["[@a; @r1, p 3]"]),
        ("[@r1] and \\[@r1, p. 5]", []),  # a citation, and an escaped bracket: text
        ("Find us [@clinic on Twitter] or [x@r1]", []),  # no reference's id: text
        ("[follow @r1 on X](https://x.com/r1)", []),  # a link's text
    ],
)
def test_pandocs_forms_that_are_not_read_are_found(text: str, unread: list[str]) -> None:
    """They printed as typed, and check said only that the reference was never cited."""
    assert citations.unread(text, {"r1"}) == unread


@pytest.mark.parametrize(
    ("text", "opened"),
    [
        ("Rub gently (@r1).", [("(@r1)", "[@r1]")]),
        ("Rub {@R1} or [@r1) or [ @r1", [("{@R1}", "[@R1]"), ("[@r1)", "[@r1]"), ("[ @r1", "[@r1]")]),
        ("Rub gently [@r1.", [("[@r1", "[@r1]")]),  # the ']' left out: the full stop is the sentence's
        ("Rub gently (@r1.)", [("(@r1.)", "[@r1]")]),
        # a list, quoted whole, known by any of its ids: the message quoted "(@r1" alone
        ("Rub gently (@r1; @other).", [("(@r1; @other)", "[@r1; @other]")]),
        ("Rub gently (@other ; @R1 ) or [@r1;@other.", [("(@other ; @R1 )", "[@other; @R1]"), ("[@r1;@other", "[@r1; @other]")]),
        # quoted to the bracket closing it, a page or words with it, each id in the citation: the message quoted
        # "{@r1" and "(@r1" alone, and dropped "@b"
        (
            "Rub {@r1; see @b} or (@r1, p. 5) or (@b; -@R1).",
            [("{@r1; see @b}", "[@r1; @b]"), ("(@r1, p. 5)", "[@r1]"), ("(@b; -@R1)", "[@b; @R1]")],
        ),
        ("Rub (@r1 and then go on with a sentence longer than a citation's words are).", [("(@r1", "[@r1]")]),
        ("[@r1] [@r1, p. 5] [see @r1] (@other) (@other; @else) sam@r1.com @r1 \\(@r1)", []),  # read, said by unread, or text
    ],
)
def test_an_id_opened_but_not_closed_as_a_citation_is_found(text: str, opened: list[tuple[str, str]]) -> None:
    """They printed as typed, and check said only that the reference was never cited. Each is found as typed and
    as it is written as a citation."""
    assert citations.misbracketed(text, {"r1"}) == opened
