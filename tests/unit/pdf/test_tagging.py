"""The tagging layer's own rules, without drawing: heading levels as PDF/UA wants them."""

from __future__ import annotations

from reportlab.platypus import Spacer

from handouts.pdf.structure import check_tree
from handouts.pdf.tagged import tag
from handouts.pdf.tagging import PAGINATION, Artifact, Node, level_headings


def _levels(*types: str) -> list[str]:
    root = Node("Document")
    for kind in types:
        root.add(kind)
    level_headings(root)
    assert check_tree(root) == []
    return [node.type for node in root.kids if isinstance(node, Node)]


def test_a_layout_without_a_title_starts_its_headings_at_h1() -> None:
    assert _levels("H2", "P", "H2", "H3") == ["H1", "P", "H1", "H2"]


def test_headings_never_skip_a_level_and_are_otherwise_kept() -> None:
    assert _levels("H1", "H3", "H2") == ["H1", "H2", "H2"]
    assert _levels("H1", "H2", "H3", "H2") == ["H1", "H2", "H3", "H2"]


def test_a_picture_without_alternative_text_is_decoration() -> None:
    root = Node("Document")
    figure = root.add("Figure", alt=" ")
    drawn = tag(Spacer(10, 10), figure)
    assert root.kids == [] and isinstance(drawn._tag.node, Artifact) and drawn._tag.node is not PAGINATION
    assert check_tree(root) == []
