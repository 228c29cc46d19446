"""Lists typed where they print joined, and lists left out: bullets in a text whose lines run together into one
paragraph, and a text that ends as a list's lead-in (`these include:`) with no list after it.

Only a section's body is block Markdown, where lines typed as a list's items (`- Sit up.`, `1. Sit up.`) print
as a list, and only when YAML keeps the lines (a `|` block). Every other text is one paragraph of inline
Markdown, as the design has it, whichever way it is written: there the items print one after another on one
line ("Breathe slowly. - Sit up. - Relax."), so the advice is to write them as sentences, or as steps.
"""

from __future__ import annotations

from collections.abc import Iterable

from handouts.errors import Problem
from handouts.input.models import Content
from handouts.input.yamlsource import PathKey, Source, item_at
from handouts.words.citations import CITATION
from handouts.words.markdown import list_items

CODE = "folded-bullets"
WRITTEN = {">": "in a '>' block", "|": "in a '|' block"}  # otherwise: plain or quoted text over several lines


def _prints_lists(path: PathKey) -> bool:
    """Whether the text at `path` is block Markdown: a section's body (see models.Blocks)."""
    return len(path) == 3 and path[0] == "sections" and path[2] == "body"


def _advice(path: PathKey, style: str) -> str:
    """What to do so that each point is read on its own."""
    if _prints_lists(path):
        if style == "|":  # the lines are kept, but not every one starts a list's item
            return "start each point with '- ' (or number them from '1.'), with the list's lines under one another"
        if style == ">":
            return "start the block with '|' to keep each on its own"
        return "write the text as a '|' block (the key, then '|', the lines indented under it) to keep each on its own"
    what = "a step's text" if path[1:2] == ("steps",) and path[-1] == "text" else "this text"
    step = ", or make each point a step of its own" if what == "a step's text" else " of its own"
    too = "" if style == "|" else ", a '|' block too"
    return f"{what} prints as one paragraph{too} (only a section's body prints a list): write each point as a sentence{step}"


def joined_bullets(source: Source) -> list[Problem]:
    """A warning for each text typed with two or more lines as a list's items that prints them on one line."""
    problems = []
    for path, bulleted in source.bullets.items():
        text = item_at(source.data, path)
        if _prints_lists(path) and list_items(text) >= bulleted.lines:  # each line typed as an item is one
            continue
        where = WRITTEN.get(bulleted.style, "in a text over several lines")
        message = f"bullets {where} are joined into one line: {_advice(path, bulleted.style)}"
        problems.append(source.problem(path, message).coded(CODE))
    return problems


DANGLING = "dangling-list"
LEAD_IN = (":", ";")  # how a sentence that opens a list ends ("For milder symptoms these include;")
NO_LIST = (
    "as if a list followed, and none does: give its points (as sentences, or in a section's body as '- ' lines in a "
    "'|' block), or end the sentence with a full stop"
)
# A video's caption is followed by its link, after a ': ' of the handout's own ("Watch it:: example.com/knee").
CAPTION = "ends as a lead-in, and the handout prints ': ' and the video's link after it: leave out the ending ':' or ';'"


def _leads_in(path: PathKey, dosed: frozenset[PathKey]) -> bool:
    """Whether the text at `path` prints with what it opens after it, so may end as a lead-in: a title or a
    heading (its step's text, its section's body, the safety points), the routine's intro (its steps) and the
    text of a step in `dosed` (its dose line: "Do this on each side:", then "5 times"). References are left
    alone too (a title may end so)."""
    return path[-1] in ("title", "heading") or path == ("routine", "intro") or path[:1] == ("references",) or path in dosed


def _words_end(text: str) -> str:
    """`text` up to the end of its words: without the citations (`[@id]`) and emphasis marks after them, which
    print as "(NHS, 2019)" and nothing after a lead-in that still stops short."""
    end = text.rstrip().rstrip("*").rstrip()
    while end.endswith("]") and CITATION.fullmatch(end[end.rfind("[") :]):
        end = end[: end.rfind("[")].rstrip().rstrip("*").rstrip()
    return end


def dangling_lists(source: Source, texts: Iterable[tuple[PathKey, str]], content: Content) -> list[Problem]:
    """A warning for each content text that ends as a list's lead-in, with no list after it: a list lost when
    the text was copied from a web page prints as a sentence that stops short."""
    steps = enumerate(content.routine.steps)
    dosed = frozenset(("routine", "steps", index, "text") for index, step in steps if step.has_dose)
    return [
        source.problem(path, CAPTION if path[-1] == "caption" else f"ends with '{end[-1]}' {NO_LIST}").coded(DANGLING)
        for path, text in texts
        if not _leads_in(path, dosed) and (end := _words_end(text)).endswith(LEAD_IN)
    ]
