"""The handout engine's node handling: each node becomes the flowables it should, without drawing a page."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BRAND, CONTENT
from reportlab.platypus import Paragraph, Spacer, Table

from handouts.job import Job, prepare
from handouts.layout import nodes as n
from handouts.pdf.flowables import Step, Unbreakable
from handouts.pdf.handout.blocks import Box, Builder, HeadingBreak
from handouts.pdf.handout.styles import handout_styles
from handouts.pdf.tagging import Artifact
from handouts.pdf.theme import LARGE_PRINT, STANDARD, job_theme


@pytest.fixture(scope="module")
def job() -> Job:
    return prepare(CONTENT, BRAND)


def _build(job: Job, *blocks: n.Block, profile=STANDARD) -> list:
    theme = job_theme(job, profile)
    builder = Builder(theme, handout_styles(theme), 480, Path("."))
    return builder.build(n.Document(blocks, "t.xml.j2"))


def test_a_heading_asks_for_room_and_is_in_the_outline(job: Job) -> None:
    brk, heading = _build(job, n.Heading((n.Text("Safety"),), 1))
    assert isinstance(brk, HeadingBreak) and isinstance(heading, Paragraph)
    assert heading.style.name == "heading" and heading.outline == (0, "Safety")


@pytest.mark.parametrize("heading", [True, False])
def test_a_together_blocks_last_two_are_never_parted(job: Job, heading: bool) -> None:
    """<together>'s last line never opens a page alone: with a heading (the shipped contact block), and in a
    clinic's own template without one, where two paragraphs were parted (flowables, not blocks, were counted)."""
    lines = tuple(n.Paragraph((n.Text(line),)) for line in ("01632 960 123", "12 Birchwood Lane"))
    blocks = (n.Heading((n.Text("Contact us"),), 1), *lines) if heading else lines
    made = _build(job, n.Together(blocks))
    assert [bool(getattr(flowable, "keepWithNext", False)) for flowable in made][-2:] == [True, False]
    assert not any(getattr(flowable, "keepWithNext", False) for flowable in made[:-2])
    alone = _build(job, n.Together(blocks[:1]))  # a block alone: nothing to keep it with
    assert not any(getattr(flowable, "keepWithNext", False) for flowable in alone)


def test_a_step_holds_its_title_text_and_dose_and_knows_its_place(job: Job) -> None:
    text = (n.Text("Warm the skin with light strokes. " * 6),)
    step = n.Step("3", (n.Text("Warm up"),), text, (n.Text("5 times"),), source=("routine", "steps", 2))
    block, spacer = _build(job, n.Steps((step,)))
    assert isinstance(block, Step) and isinstance(spacer, Spacer)
    assert [part.style.name for part in block.parts] == ["step-title", "step-text", "repeat"]
    assert block.parts[0].bulletText == "3"
    assert block.source == ("routine", "steps", 2) and block.label == "step 3 (Warm up)"
    assert block.outline == (1, "3. Warm up")


def test_a_step_with_a_long_title_is_named_by_its_start(job: Job) -> None:
    """The error for a step too tall for a page names it by its label: a title of 3,000 characters (found by a
    fuzz of the content) was quoted whole, in an error of one line 3,000 characters long."""
    title = "Warm the skin with light strokes " * 90
    step = n.Step("3", (n.Text(title),), (n.Text("Stroke."),), (), source=("routine", "steps", 2))
    block, _ = _build(job, n.Steps((step,)))
    assert block.label == "step 3 (Warm the skin with light strokes Warm\u2026)"  # cut between words
    assert block.outline == (1, f"3. {title.strip()}")  # the bookmark keeps the whole title
    step = n.Step("4", (n.Text("W" * 3000),), (n.Text("Stroke."),), (), source=("routine", "steps", 3))
    block, _ = _build(job, n.Steps((step,)))
    assert block.label == f"step 4 ({'W' * 40}\u2026)"  # a word longer than that, inside it


@pytest.mark.parametrize("profile", [STANDARD, LARGE_PRINT])
def test_a_step_that_goes_on_opens_its_next_page_under_its_number_and_title_continued(job: Job, profile) -> None:
    """The part of a step that goes on to the next page opened mid-sentence, with no sign of which step it was:
    it opens under the step's number and title, "(continued)", at the text's size (no smaller than the page's
    floor), drawn as an artifact (read once, where the step starts), and so does each page after."""
    text = (n.Text("Warm the skin with light strokes from the ankle to the knee. " * 40),)
    step = n.Step("3", (n.Text("Warm up"),), text, (n.Text("5 times"),))
    (block, _) = _build(job, n.Steps((step,)), profile=profile)
    head, rest = block.split(480, 300)
    assert [part.style.name for part in head.parts] == ["step-title", "step-text"]  # no cue where the step starts
    cue = rest.parts[0]
    # "up" kept with the word after it (a heading's short word), by a no-break space printed as a space
    assert cue.getPlainText() == "Warm up\u00a0(continued)" and cue.bulletText == "3"
    assert cue.style.fontSize == profile.body and isinstance(cue._tag.node, Artifact)
    assert [part.style.name for part in rest.parts[1:]] == ["step-text", "repeat"] and rest.text_index == 1
    _, further = rest.split(480, 300)  # a step longer than two pages: each page it goes on to
    assert further.parts[0].getPlainText() == "Warm up\u00a0(continued)" and further.parts[0] is not cue
    assert [part.style.name for part in further.parts[1:]] == ["step-text", "repeat"]


def test_a_step_without_text_never_splits(job: Job) -> None:
    (block, _) = _build(job, n.Steps((n.Step("1", (n.Text("Sit"),), None, None),)))
    assert type(block) is Unbreakable


def test_a_box_is_a_table_with_its_title_on_its_first_row(job: Job) -> None:
    (box,) = _build(job, n.Callout("safety", (n.Text("Before you start"),), (n.Item((n.Text("Stop"),)), n.Item((n.Text("Go"),)))))
    assert isinstance(box, Box) and isinstance(box.table, Table) and len(box.table._cellvalues) == 2
    assert [p.style.name for p in box.table._cellvalues[0][0]] == ["callout-title", "bullet"]
    assert box.label == "the safety box" and box.source == ("safety", "points")


def _box(job: Job, points: int) -> Box:
    items = tuple(n.Item((n.Text(f"Point {i}: stop if anything hurts, and call us."),)) for i in range(points))
    (box,) = _build(job, n.Callout("safety", (n.Text("Before you start"),), items))
    return box


def test_a_box_that_fits_a_page_moves_whole_or_eases_its_padding(job: Job) -> None:
    box = _box(job, 4)
    _, height = box.wrap(480, 1e6)
    box.page_room = 700
    assert box.split(480, height - 40) == []  # not here: whole, on the next page
    (tight,) = box.split(480, height - 6)  # a few points short: its padding eases instead
    assert tight.wrap(480, 1e6)[1] < height and tight.rows == box.rows


def test_a_box_taller_than_a_page_goes_on_under_its_title_continued(job: Job) -> None:
    box = _box(job, 40)
    box.page_room = 700
    first, rest = box.split(480, 700)
    assert first.wrap(480, 1e6)[1] <= 700 and len(first.rows) + len(rest.rows) == 40
    assert rest.rows[0][0].getPlainText() == "Before you start (continued)"
    assert rest.label == "the safety box" and rest.page_room == 700


def test_references_hang_and_large_print_sets_them_upright(job: Job) -> None:
    entry = (n.Text("Perlman "), n.Emphasis((n.Text("et al."),)))
    (standard,) = _build(job, n.References((entry,)))
    (large,) = _build(job, n.References((entry,)), profile=LARGE_PRINT)
    assert standard.style.name == "reference" and "<i>et al.</i>" in standard.text
    assert "<i>" not in large.text and large.style.fontSize >= 18
