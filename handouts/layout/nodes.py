"""The typed document: what a layout template asked for, parsed once from its XML (:mod:`handouts.layout.parse`)
and frozen. The engines (the PDF handout and poster, the web copy) draw these nodes and nothing else.

Text is text: a `Text` run holds the characters as the author typed them, never markup. Meaning is in the
types: emphasis, a link, a citation, words kept on one line. How they look (fonts, sizes, colours) is the
engines' business.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum

PathKey = tuple[str | int, ...]

# -- inline runs ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class LineBreak:
    pass


@dataclass(frozen=True, slots=True)
class Strong:
    children: Runs


@dataclass(frozen=True, slots=True)
class Emphasis:
    children: Runs


@dataclass(frozen=True, slots=True)
class Superscript:
    children: Runs


@dataclass(frozen=True, slots=True)
class Subscript:
    children: Runs


@dataclass(frozen=True, slots=True)
class Link:
    href: str  # http, https, mailto or tel (checked when parsed)
    children: Runs


@dataclass(frozen=True, slots=True)
class NoBreak:
    """Words kept on one line: a name, a phone number, a date."""

    children: Runs


@dataclass(frozen=True, slots=True)
class Citation:
    """An in-text citation as the reference style prints it ("(NHS, 2019)", or a superscript number)."""

    children: Runs


@dataclass(frozen=True, slots=True)
class Span:
    """Words in another language than the document's (a clinic's text it gave in no other): `lang`, a BCP 47 tag."""

    lang: str
    children: Runs


Inline = Text | LineBreak | Strong | Emphasis | Superscript | Subscript | Link | NoBreak | Citation | Span
Runs = tuple[Inline, ...]
CONTAINERS = (Strong, Emphasis, Superscript, Subscript, Link, NoBreak, Citation, Span)


def plain(runs: Runs) -> str:
    """The words of `runs` as a reader hears them (a line break is a space)."""
    return "".join(plain(run.children) if isinstance(run, CONTAINERS) else getattr(run, "text", " ") for run in runs)


def untagged(runs: Runs) -> Runs:
    """`runs` without the inline elements a tagged PDF marks (links, words in another language), their words kept
    where they were: for words drawn again as an artifact (a title repeated atop the page it goes on to), which
    the structure tree holds once, where they were first drawn."""
    out: list[Inline] = []
    for run in runs:
        if isinstance(run, Link | Span):
            out.extend(untagged(run.children))
        elif isinstance(run, CONTAINERS):
            out.append(replace(run, children=untagged(run.children)))
        else:
            out.append(run)
    return tuple(out)


def texts(runs: Runs) -> Iterator[str]:
    """Every piece of text in `runs`."""
    for run in runs:
        if isinstance(run, Text):
            yield run.text
        elif isinstance(run, CONTAINERS):
            yield from texts(run.children)


def last_words_together(runs: Runs) -> Runs:
    """`runs` with their last two words kept on one line (a NoBreak), so that the last word never stands alone
    on a line: "Knees bent, feet flat" breaks as "Knees bent, / feet flat". Unchanged where the two are not in
    one piece of text (a word in bold, then one not), after a line break, or already kept together."""
    if not runs:
        return runs
    *before, last = runs
    if isinstance(last, Text):
        text = last.text.rstrip()
        space = text.rfind(" ")
        if space <= 0 or not text[:space].strip():
            return runs
        start = text.rfind(" ", 0, space) + 1
        kept = NoBreak((Text(last.text[start:]),))
        return (*before, *((Text(text[:start]),) if start else ()), kept)
    if isinstance(last, (Strong, Emphasis, Link)):
        children = last_words_together(last.children)
        return runs if children is last.children else (*before, replace(last, children=children))
    return runs


# -- blocks of the handout --------------------------------------------------------------------------------


class Role(StrEnum):
    """The paragraph styles a template can ask for; sizes come from the profile, never from the template."""

    BODY = "body"
    LEAD = "lead"
    CONTACT = "contact"
    SMALL = "small"
    REFERENCE = "reference"
    SUBHEADING = "subheading"
    FINISH = "finish"
    HEADING = "heading"
    SCHEDULE = "schedule"


@dataclass(frozen=True)
class Title:
    runs: Runs


@dataclass(frozen=True)
class Subtitle:
    runs: Runs


@dataclass(frozen=True)
class Prepared:
    """Who the sheet was prepared for, when and by whom."""

    runs: Runs


@dataclass(frozen=True)
class Heading:
    runs: Runs
    level: int = 1  # 1: a section's heading; 2: a sub-heading inside a section


@dataclass(frozen=True)
class Paragraph:
    runs: Runs
    role: Role = Role.BODY


@dataclass(frozen=True)
class Finish:
    runs: Runs


@dataclass(frozen=True)
class Item:
    """One item of a list or a box."""

    runs: Runs
    number: str | None = None  # an item of a numbered list: its number as typed ("1986", "007"); "": its next paragraph


@dataclass(frozen=True)
class ListBlock:
    items: tuple[Item | Block, ...]  # a nested list stands among the items
    ordered: bool = False
    level: int = 1
    mark: str = "."  # after each number of a numbered list, as typed ("3)")


@dataclass(frozen=True)
class Picture:
    src: str  # a file relative to the content file
    alt: str


@dataclass(frozen=True)
class Callout:
    """A tinted box: the safety points, when to get help, or a note from the therapist."""

    kind: str  # "safety", "help" or "note"
    title: Runs | None
    parts: tuple[Item | Block, ...]


@dataclass(frozen=True)
class Qr:
    url: str
    caption: Runs | None = None


@dataclass(frozen=True)
class Step:
    number: str
    title: Runs | None
    text: Runs | None
    dose: Runs | None
    picture: Picture | None = None
    extra: tuple[Block, ...] = ()
    source: PathKey = ()  # where the step is in content.yaml, for errors ("routine.steps[3]")
    video: Qr | None = None  # a video of the step: its link, printed short and as a small QR code

    def name(self) -> str:
        return plain(self.title).strip() if self.title else ""


@dataclass(frozen=True)
class Steps:
    steps: tuple[Step, ...]


# A numbered style's entry opens with its number, a field of its own (CSL's second-field-align), and a no-break
# space: "1.\u00a0Perlman AI…", "[12]\u00a0Atkins D…", "(3)\u00a0", "4)\u00a0" (see words.citeproc_format)
ENTRY_NUMBER = re.compile(r"([(\[]?\d+[.:)\]]?)\u00a0")


@dataclass(frozen=True)
class References:
    entries: tuple[Runs, ...]

    def numbered(self) -> tuple[tuple[str, Runs], ...] | None:
        """Each entry's number ("1.", "[12]") and the rest of it, where every entry opens with its number
        (ENTRY_NUMBER), in words of its own; None where any does not (an author-date style's list, a number
        in bold, an empty list): the engines set a numbered list's numbers in a column of their own, as a
        numbered list's, where they printed each at the start of its text, "10." wider than "9."."""
        found = []
        for entry in self.entries:
            first = entry[0] if entry else None
            if not isinstance(first, Text) or (match := ENTRY_NUMBER.match(first.text)) is None:
                return None
            rest = first.text[match.end() :]
            found.append((match.group(1), ((Text(rest),) if rest else ()) + entry[1:]))
        return tuple(found) or None


@dataclass(frozen=True)
class Scale:
    """How much discomfort is fine, on the 0-10 scale: the levels that are acceptable during the routine and
    after it, drawn as a scale with the band marked, and said in words."""

    title: Runs | None
    during: int
    after: int | None
    during_text: Runs  # "During: up to 3 out of 10"
    after_text: Runs | None
    low: Runs  # "No pain", at 0
    high: Runs  # "Worst pain", at 10
    settles: Runs | None = None  # by when an ache should settle, in the author's words
    during_short: Runs | None = None  # "During": the moment alone, a column's heading on the web
    after_short: Runs | None = None  # "Afterwards"


@dataclass(frozen=True)
class Spacer:
    height: float  # points


@dataclass(frozen=True)
class Together:
    """Blocks that belong together (the contact block): in print, a heading with two lines of them, and the
    last two never parted."""

    blocks: tuple[Block, ...]


Block = Title | Subtitle | Prepared | Heading | Paragraph | Finish | ListBlock | Callout | Steps | References | Spacer | Together


def nested(blocks: Iterable[Block | Item]) -> Iterator[Block | Item]:
    """Every block of `blocks` and every block inside them (a box's parts, blocks kept together, the blocks after a
    step's text), each before those inside it."""
    for block in blocks:
        yield block
        if isinstance(block, Together):
            yield from nested(block.blocks)
        elif isinstance(block, Callout):
            yield from nested(block.parts)
        elif isinstance(block, Steps):
            yield from nested(extra for step in block.steps for extra in step.extra)


@dataclass(frozen=True)
class Document:
    """The handout (and the web copy) as its template laid it out."""

    blocks: tuple[Block, ...]
    where: str  # the template's file, for errors about what it asked for


# -- the poster ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PosterStep:
    number: str
    cue: Runs
    repeat: Runs | None = None
    picture: Picture | None = None
    source: PathKey = ()


@dataclass(frozen=True)
class Tracker:
    weeks: int
    title: Runs | None = None
    per_day: int = 1  # rows of boxes for each week: one tick per session
    sessions: tuple[Runs, ...] = ()  # each session's name (Morning, Evening), when more than one a day
    pain: Runs | None = None  # the name of a row to write the day's pain in, when the routine asks for one


@dataclass(frozen=True)
class Poster:
    """The poster as its template asked for it; the engine places each part in its region."""

    title: Runs
    name: Runs
    schedule: Runs | None
    safety_title: Runs | None
    safety: tuple[Runs, ...]
    steps: tuple[PosterStep, ...]
    qr: Qr | None
    tracker: Tracker | None
    contact: Runs | None  # the phone and the website, a line each
    sources: Runs | None
    currency: Runs | None  # the leaflet's version and dates, after the sources in small type
    help_title: Runs | None = None  # when to get help, in short: each sign's short form with what to do
    help: tuple[Runs, ...] = ()
    help_more: Runs | None = None  # where the signs are, when only what to do is kept (large print's last resort)
    help_brief: bool = False  # only what to do of each item: its opening bold words (large print's last resort)
    appointment: Runs | None = None  # the therapist and the next appointment, a line each
    scale: Scale | None = None
    where: str = field(default="the layout", compare=False)


NOT_PRINTED = frozenset(
    {"where", "source", "src", "alt", "url", "href", "kind", "role", "level", "ordered", "height", "weeks", "per_day", "lang"}
    | {"during", "after"}  # a scale's levels; a tracker's `pain` is the name of a row, and prints
)


def printed(node: object) -> list[str]:
    """Every piece of text a document or poster prints (for the glyph check): its runs and step numbers."""
    out: list[str] = []
    _gather(node, out)
    return out


def _gather(node: object, out: list[str]) -> None:
    """Append to `out` what `node` prints, in order: one list for a whole document (a generator at each level of
    its nodes passed each text up through every level above it)."""
    if isinstance(node, Text):
        out.append(node.text)
    elif isinstance(node, str):
        out.append(node)  # a step's number
    elif isinstance(node, tuple):
        for part in node:
            _gather(part, out)
    else:
        for name in _printed_fields(type(node)):
            value = getattr(node, name)
            if value is not None:
                _gather(value, out)


@functools.cache
def _printed_fields(kind: type) -> tuple[str, ...]:
    """The fields of a node of `kind` that may print (not its source key, a link's address…), looked up once."""
    return tuple(name for name in getattr(kind, "__dataclass_fields__", ()) if name not in NOT_PRINTED)
