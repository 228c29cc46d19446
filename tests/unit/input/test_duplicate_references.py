"""One source listed under two ids is warned of ([duplicate-reference]); two works that share a DOI as parts of
one whole are not: a book's chapters (or a proceedings' papers) cited with the book's DOI are two sources."""

from __future__ import annotations

from pathlib import Path

from conftest import MINI_ROUTINE

from handouts.input.loading import load_content

BOOK = """\
    type: chapter
    author: [{family: Kisner, given: Carolyn}]
    container-title: Therapeutic exercise
    publisher: F.A. Davis
    issued: 2017
    DOI: 10.1000/therapeutic-exercise
"""


def _warned(tmp_path: Path, references: str) -> list[str]:
    path = tmp_path / "content.yaml"
    path.write_text(f"{MINI_ROUTINE}references:\n{references}", encoding="utf-8")
    return [str(problem) for problem in load_content(path).warnings if problem.code == "duplicate-reference"]


def test_two_chapters_of_a_book_cited_with_its_doi_are_two_sources(tmp_path: Path) -> None:
    """Two chapters, each with the book's DOI: the warning said to delete one, a source the handout cites."""
    chapters = f"  - id: stretching\n    title: Stretching for mobility\n    page: 80-120\n{BOOK}"
    chapters += f"  - id: strength\n    title: Resistance exercise\n    page: 160-210\n{BOOK}"
    assert _warned(tmp_path, chapters) == []


def test_one_chapter_listed_twice_is_still_one_source(tmp_path: Path) -> None:
    chapter = f"    title: Stretching for mobility\n    page: 80-120\n{BOOK}"
    (said,) = _warned(tmp_path, f"  - id: one\n{chapter}  - id: two\n{chapter.replace('2017', '2017-01')}")
    assert "reference 'two' has the same DOI as reference 'one'" in said
