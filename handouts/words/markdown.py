"""Content text (inline Markdown with `[@id]` citations) as layout XML, the small markup templates emit.

Every piece of content text is escaped here, so it is text in the layout, never markup: content can never add
an element or a link of its own. Markdown's emphasis and links (web, e-mail and phone only) are the one way
content asks for either; citations become the reference style's text inside `<cite>`.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline, emphasis
from markdown_it.rules_inline import escape as backslash_escape
from markdown_it.rules_inline.text import text as text_run
from markdown_it.token import Token
from markupsafe import Markup, escape

from handouts.input.links import EMAIL, bare, bare_addresses, mailto_uri, safe_link, tel_uri, web_uri
from handouts.words import citations
from handouts.words.i18n import Foreign, Said, language_of, marked, said_in
from handouts.words.ties import phone_runs

if TYPE_CHECKING:  # the references are formatted from the citations this module finds
    from handouts.words.references import References

MAX_EMPHASIS = 4  # emphasis inside emphasis; deeper marks print as typed ("*")
MAX_LEVEL = 6  # lists inside lists; deeper lists are indented as the sixth
MAX_DEPTH = 9  # lists inside lists a section body may have: deeper is an error (see list_depth), never cut short
# markdown-it stops reading blocks, silently, past maxNesting levels (a list takes two: the list and its item; the
# item's paragraph one more): set far past MAX_DEPTH, so that every list that may print is read whole and
# list_depth can say how much deeper one goes (up to DEPTH_READ).
DEPTH_READ = 50
# How deep inline rules may look inside one another: a link's text inside brackets inside a link's text, eight
# deep. markdown-it spends this many steps on every `[` that never closes (maxNesting bounds inline and block
# parsing alike), so the block parser's 100 made a text of 19,000 `[` take seconds; inline text uses two or three.
INLINE_DEPTH = 8


# CommonMark's marks the README does not document, each of which would print something other than what was
# typed: code spans (their backticks dropped), images, and in section bodies quotes (`>` dropped), underlined
# headings (the line above turned into a heading) and link definitions (`[a]: https://…` vanishing). Rules
# (`---`) print as typed (see _block_markup); a backslash escapes only the README's marks (see _mark_escape).
# Also no raw HTML, no entity decoding (`&amp;` prints as typed), no code blocks or fences. An address in angle
# brackets (`<hello@example.com>`) stays a link, its brackets printed as typed (see Renderer); a layout links an
# address with `md.link`.
UNDOCUMENTED = ["backticks", "image", "blockquote", "lheading", "reference"]
MARKS = "*[]"  # the README's: emphasis and links
AUTOLINK = "autolink"  # markdown-it's mark on the link of an address typed in angle brackets


def _asterisk_emphasis(state: StateInline, silent: bool) -> bool:
    """CommonMark's emphasis with `*` only, as the README documents it (`**bold**`, `*italic*`): `_x_` prints as
    typed. Stars between two digits are a times sign, as typed: "3*10 reps, then 2*30 s" printed "310 reps, then
    230 s", its middle in italics."""
    src, at, end = state.src, state.pos, state.pos
    while end < state.posMax and src[end] == "*":
        end += 1
    if end > at and at and src[at - 1].isdigit() and end < state.posMax and src[end].isdigit():
        if not silent:
            state.pending += src[at:end]
        state.pos = end
        return True
    return end > at and emphasis.tokenize(state, silent)


def _mark_escape(state: StateInline, silent: bool) -> bool:
    """A backslash before one of the README's marks prints the mark (`\\*` a star that starts no emphasis); any
    other backslash prints as typed."""
    at = state.pos
    return state.src[at] == "\\" and at + 1 < state.posMax and state.src[at + 1] in MARKS and backslash_escape(state, silent)


@functools.lru_cache(maxsize=256)
def _addresses(src: str) -> tuple[tuple[int, ...], dict[int, int]]:
    """Where the addresses typed bare in `src` start (in order), and where each ends (see links.bare_addresses)."""
    spans = bare_addresses(src)
    return tuple(start for start, _ in spans), dict(spans)


def _address(state: StateInline, silent: bool) -> bool:
    """An address typed bare (`https://e.com/x_y*z`) as one piece of text, as typed: no mark inside it is read, so
    a star in it opens no emphasis with a star after it. Inside a link's text it ends where that text does."""
    end = _addresses(state.src)[1].get(state.pos)
    if end is None:
        return False
    end = min(end, state.posMax)
    if not silent:
        state.pending += state.src[state.pos : end]
    state.pos = end
    return True


def _text(state: StateInline, silent: bool) -> bool:
    """markdown-it's rule for a run of text, ended also where an address typed bare starts (see _address): its
    own rule runs, and gives back what it took past that start (its internals differ from version to version)."""
    start = state.pos
    if not text_run(state, silent):
        return False
    starts = _addresses(state.src)[0]
    at = bisect.bisect_right(starts, start)
    if at < len(starts) and starts[at] < state.pos:
        if not silent:
            pending = state.pending
            state.pending = pending[: len(pending) - (state.pos - starts[at])]
        state.pos = starts[at]
    return True


def _configured(nesting: int) -> MarkdownIt:
    # A link only to the web, e-mail or a phone (anything else, `[x](file:///…)`, is not a link and prints as typed).
    md = MarkdownIt("commonmark", {"html": False, "maxNesting": nesting})
    md.disable(["entity", "html_inline", "html_block", "fence", "code", *UNDOCUMENTED])
    md.inline.ruler.at("text", _text)
    md.inline.ruler.before("text", "address", _address)
    md.inline.ruler.at("emphasis", _asterisk_emphasis)
    md.inline.ruler.at("escape", _mark_escape)
    md.inline.ruler.after("link", "citation", citations.tokenize)  # `[@a](https://…)` stays a link
    md.validateLink = _linkable  # type: ignore[method-assign]
    # A link's address as typed, printed so after its words (see Renderer) and linked with links.web_uri: made a
    # URI here, it printed "xn--bcher-kva.example/vid%C3%A9o" for "bücher.example/vidéo", and an address in
    # angle brackets printed twice, as typed and as escaped.
    md.normalizeLink = md.normalizeLinkText = _as_typed  # type: ignore[method-assign]
    return md


def _as_typed(address: str) -> str:
    return address


def _linkable(address: str) -> bool:
    """Whether a link's address as typed may be a link once escaped (`<https://e.com/a b>` may)."""
    return safe_link(web_uri(address))


def linked(text: str) -> bool:
    """Whether inline Markdown `text` holds a link (for the check: `[a](https://e.com "Title")` is one)."""
    tokens = _parser().parseInline(text)
    return any(child.type == "link_open" for token in tokens for child in token.children or [])


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """The parser: blocks read DEPTH_READ lists deep, the inline text of each block INLINE_DEPTH deep (by a
    second parser of the same rules, as markdown-it reads one limit for both)."""
    md, inline = _configured(2 * DEPTH_READ), _configured(INLINE_DEPTH)

    def inline_pass(state: StateCore) -> None:  # markdown-it's own core rule, with the inline parser
        for token in state.tokens:
            if token.type == "inline":
                token.children = [] if token.children is None else token.children
                inline.inline.parse(token.content, inline, state.env, token.children)

    md.core.ruler.at("inline", inline_pass)
    return md


@functools.lru_cache(maxsize=4096)  # the check and the reference list read each text's citations
def cited(text: str) -> tuple[tuple[str, ...], ...]:
    """Each citation in `text` as the ids it cites (as written), in order: read as the outputs read it, so the
    check, the reference list and the text agree on what is a citation (`\\[@id]` is none)."""
    if "[@" not in text:  # none can start: most texts, not parsed
        return ()
    return tuple(
        child.meta["ids"]
        for token in _parser().parse(text)
        if token.type == "inline"
        for child in token.children or []
        if child.type == "citation"
    )


@functools.lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    """The parser's block rules alone, which read where lists open and close (and as deep as the parser does),
    without reading the text inside each block."""
    md = _configured(2 * DEPTH_READ)
    md.disable("inline")  # the core rule that reads each block's text
    return md


def list_depth(text: str) -> int:
    """How many lists deep block Markdown goes, bullet and numbered alike (a list inside a list's item is 2);
    DEPTH_READ for that deep or deeper."""
    depth = deepest = 0
    for token in _block_parser().parse(text):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            deepest = max(deepest, depth)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
    return deepest


def list_items(text: str) -> int:
    """How many list items block Markdown reads in `text`, bullet and numbered, at every depth."""
    return sum(token.type == "list_item_open" for token in _parser().parse(text))


def plain_text(text: str) -> str:
    """Content text as a reader hears it: Markdown marks and citations removed (for reading-level checks)."""
    return " ".join(plain_blocks(text))


def plain_blocks(text: str) -> list[str]:
    """Each block of content text (a paragraph, a sub-heading, a list item's paragraph) as plain_text has it."""
    out: list[str] = []
    for token in _parser().parse(text):
        if token.type == "inline":
            words = (" " if child.type in ("softbreak", "hardbreak") else child.content for child in token.children or [])
            block = " ".join("".join(words).split())
            if block:
                out.append(block)
    return out


def heard(text: str) -> str:
    """Content text for a place that shows no marks (a PDF's or a web page's title): its Markdown marks and
    citations left out ("Knee *care* [@nhs]" is "Knee care"); itself where nothing else is left."""
    return plain_text(text) or text


def phone_link(text: str) -> tuple[list[tuple[str, bool]], str | None, int | None]:
    """A clinic's phone field in runs (see ties.phone_runs), the link that rings its first number (see
    links.tel_uri), and which run is the link: the field where it is one run, else the run of numbers that is the
    number rung, or none where no run is ("999 / 01632 960 123" rings 999, a number too short to be a run of its
    own: its link on the clinic's number rang 999 where the clinic's number was tapped)."""
    runs, href = phone_runs(text), tel_uri(text)
    if href is None or len(runs) < 2:
        return runs, href, 0 if href else None
    return runs, href, next((at for at, (run, number) in enumerate(runs) if number and tel_uri(run) == href), None)


class Renderer:
    """Turns content text into layout XML for one routine (its references); each text once, as every layout
    (two handouts, two posters, the web copy, each patient's) asks for the same texts."""

    def __init__(self, references: References) -> None:
        self.references = references
        self._inline: dict[tuple[str, bool, bool], Markup] = {}
        self._blocks: dict[str, Markup] = {}

    def _inline_tokens(self, tokens: Sequence[Token], cites: bool = True, mail: bool = False) -> str:
        out: list[str] = []
        links: list[tuple[str | None, int]] = []
        depth = 0  # emphasis open
        for token in tokens:
            kind = token.type
            if kind in ("strong_open", "em_open", "strong_close", "em_close"):
                opening = kind.endswith("open")
                depth += opening
                deep = depth > MAX_EMPHASIS
                depth -= not opening
                if deep:
                    out.append(str(escape(token.markup)))
                    continue
            if kind == "text":
                out.append(_mailed(token.content) if mail and not links else str(escape(token.content)))
            elif kind == "citation":
                out.append(self._citation(token, out) if cites else str(escape(token.markup)))
            elif kind == "softbreak":
                out.append(" ")
            elif kind == "hardbreak":
                out.append("<br/>")
            elif kind in ("strong_open", "strong_close"):
                out.append("<b>" if kind.endswith("open") else "</b>")
            elif kind in ("em_open", "em_close"):
                out.append("<i>" if kind.endswith("open") else "</i>")
            elif kind == "link_open":
                href = str(token.attrs.get("href", ""))
                safe = href if _linkable(href) else None
                if token.markup == AUTOLINK:
                    out.append("&lt;")
                if safe:
                    out.append(f'<a href="{escape(web_uri(safe))}">')
                links.append((safe, len(out)))  # where the link text starts
            elif kind == "link_close":
                safe, start = links.pop() if links else (None, 0)
                if safe:
                    out.append("</a>")
                    shown = str(escape(bare(safe)))
                    if shown not in "".join(out[start:]):
                        out.append(f" ({shown})")
                if token.markup == AUTOLINK:
                    out.append("&gt;")
            else:  # code, an image's text: as typed
                out.append(str(escape(token.content)))
        return "".join(out)

    def _citation(self, token: Token, before: list[str]) -> str:
        """A citation's text in `<cite>`; a superscript number sits on the word before it ("help¹."). A citation
        no reference list knows (one in a template's own text) prints as typed."""
        formatted = self.references.cite(citations.keys(token.meta["ids"]))
        if formatted is None:
            return str(escape(token.markup))
        if formatted.startswith("<sup>") and before:
            before[-1] = before[-1].rstrip()
        return f"<cite>{formatted}</cite>"

    def helpers(self) -> dict[str, Callable[[str | None], Markup]]:
        """The helpers templates call as `md.inline(...)`: plain functions, so a template reaches no object."""
        renderer = self
        return {
            "inline": lambda text: renderer.inline(text),
            "clinic": lambda text: renderer.inline(text, cites=False),
            "mailto": lambda text: renderer.inline(text, cites=False, mail=True),
            "blocks": lambda text: renderer.blocks(text),
            "text": lambda text: renderer.text(text),
            "nowrap": lambda text: renderer.nowrap(text),
            "number": lambda text: renderer.number(text),
            "phone": lambda text: renderer.phone(text),
            "link": lambda text: renderer.link(text),
            "bold": lambda text: Markup("<b>%s</b>") % (text or ""),
            "lines": lambda text: _said_in(text, Markup("<br/>").join(escape(line) for line in (text or "").splitlines())),
        }

    def text(self, text: str | None) -> Markup:
        """Plain text (names, dates): escaped, never read as Markdown."""
        return marked(text or "", escape)

    def nowrap(self, text: str | None) -> Markup:
        """Plain text that must not break across lines (a phone number, a name, a date)."""
        return _said_in(text, Markup("<nobr>%s</nobr>") % text) if text else Markup("")

    def number(self, text: str | None, linked: bool = False) -> Markup:
        """A clinic's phone field: each number in it kept on one line with its extension, the words between them
        free to break (see ties.phone_runs); a field of one number, or of none ("0800 HANDOUT"), kept whole, as
        `nowrap` keeps it. "01632 960 123 / out of hours 07700 900 123" kept whole was wider than a poster's
        panel, which then left out its tracker and QR code, and told the therapist to shorten the cues. When
        `linked`, the number its link rings is that link (see phone_link)."""
        runs, href, rung = phone_link(text) if text else ([], None, None)
        href = href if linked else None
        if len(runs) < 2:
            return Markup('<a href="%s">%s</a>') % (href, self.nowrap(text)) if href else self.nowrap(text)
        pieces = []
        for at, (run, number) in enumerate(runs):
            piece = Markup("<nobr>%s</nobr>") % run if number else escape(run)
            pieces.append(Markup('<a href="%s">%s</a>') % (href, piece) if href and at == rung else piece)
        return _said_in(text, Markup("").join(pieces))

    def phone(self, text: str | None) -> Markup:
        """A phone field as `number` prints it, the number its link rings (the field's first, where one can be
        dialled from it for certain: see links.tel_uri) a link to it: on a phone, the number to call is a tap away.
        The others are not links: the whole field as one link rang the first number where "out of hours 07700 900
        123" was tapped."""
        return self.number(text, linked=True)

    def link(self, address: str | None) -> Markup:
        """An address (https://, http://, mailto: or tel:) as a link, printed as typed: a layout's own link (the
        video's, after its caption), with no brackets around it. One no link may go to prints as typed."""
        if not address:
            return Markup("")
        if not _linkable(address):
            return self.text(address)
        return _said_in(address, Markup('<a href="%s">%s</a>') % (web_uri(address), address))

    def inline(self, text: str | None, cites: bool = True, mail: bool = False) -> Markup:
        """One paragraph's worth of inline Markdown as layout XML. The clinic's own text (brand.yaml's, which
        serves many routines) is read with `cites=False`: only content.yaml has references, so `[@id]` there
        prints as typed. With `mail`, each e-mail address typed in it (outside a link) is a link that writes to
        it, as `phone` makes a number one that rings it."""
        if not text:
            return Markup("")
        if isinstance(text, Said):  # each run read on its own, in its language
            runs = (Foreign(run, language) if language else run for run, language in text.runs)
            return Markup("").join(self.inline(run, cites, mail) for run in runs)
        if (text, cites, mail) not in self._inline:
            tokens = _parser().parseInline(text)
            children = tokens[0].children if tokens else []
            self._inline[text, cites, mail] = Markup(self._inline_tokens(children or [], cites, mail))
        return _said_in(text, self._inline[text, cites, mail])

    def blocks(self, text: str | None) -> Markup:
        """Block Markdown (paragraphs, bullet and numbered lists, sub-headings) as layout XML."""
        if not text:
            return Markup("")
        if text not in self._blocks:
            self._blocks[text] = self._block_markup(text)
        return self._blocks[text]

    def _block_markup(self, text: str) -> Markup:
        out: list[str] = []
        lists: list[str] = []  # the lists open, outermost first: "bullets" or "numbered"
        items: list[_Item] = []  # the list items open, innermost last
        lines = text.splitlines()
        for token in _parser().parse(text):
            kind = token.type
            if kind == "hr" and token.map:  # a rule (`---`, `* * *`): its line, as typed (after an item's mark)
                line = lines[token.map[0]].strip()
                if items and not items[-1].said:  # the item's first line: its mark is printed as the item's
                    line = line.removeprefix(items[-1].mark).strip()
                out.append(items[-1].paragraph(str(escape(line))) if items else f"<para>{escape(line)}</para>")
            elif kind in ("bullet_list_open", "ordered_list_open"):
                if items and not items[-1].said:  # a list first in an item: the item's mark comes before it
                    out.append(items[-1].paragraph(""))
                tag = "bullets" if kind == "bullet_list_open" else "numbered"
                lists.append(tag)
                mark = f' mark="{escape(token.markup)}"' if tag == "numbered" else ""  # as typed: "1986." or "3)"
                out.append(f'<{tag} level="{min(len(lists), MAX_LEVEL)}"{mark}>')
            elif kind in ("bullet_list_close", "ordered_list_close"):
                out.append(f"</{lists.pop()}>")
            elif kind == "list_item_open":
                items.append(_Item(token.info if lists[-1] == "numbered" else None, token.info + token.markup))
            elif kind == "list_item_close":
                item = items.pop()
                if not item.said:  # an empty item keeps its mark and number
                    out.append(item.paragraph(""))
            elif kind in ("heading_open", "heading_close") and not items:  # in a list item, its words are the item's
                out.append("<subheading>" if kind == "heading_open" else "</subheading>")
            elif kind == "inline":
                markup = self._inline_tokens(token.children or [])
                if items:
                    out.append(items[-1].paragraph(markup))
                else:
                    out.append(markup if out and out[-1] == "<subheading>" else f"<para>{markup}</para>")
        return Markup("".join(out))


# What ends a sentence or a quotation after an e-mail address, not part of it ("write to hello@example.com!")
AFTER_EMAIL = ".!?'\"\u2019\u201d\u00bb\u2026"


def _mailed(text: str) -> str:
    """Plain `text` as layout XML, each e-mail address in it a link that writes to it: without the punctuation
    after it, and not the `user@host` of a web address (`https://user@example.com/form`, no mail address)."""
    out, at = [], 0
    for match in EMAIL.finditer(text):
        address = match.group(0).rstrip(AFTER_EMAIL)
        href = mailto_uri(address) if "/" not in address and not text.startswith("/", match.end()) else None
        if href:
            out += [str(escape(text[at : match.start()])), f'<a href="{escape(href)}">{escape(address)}</a>']
            at = match.start() + len(address)
    return "".join(out) + str(escape(text[at:]))


def _said_in(text: str | None, markup: Markup) -> Markup:
    """`markup`, made of `text`, marked with `text`'s language where it is not the routine's (see i18n.Foreign)."""
    return said_in(language_of(text), markup)


class _Item:
    """A list item being read: its number as typed (None in a bullet list), its mark as typed ("1.", "-"), and
    whether its first paragraph, which carries the mark, is out."""

    def __init__(self, number: str | None, mark: str) -> None:
        self.number, self.mark, self.said = number, mark, False

    def paragraph(self, markup: str) -> str:
        """A paragraph of this item: the first with its mark (and number), the others with none (number="")."""
        if self.said:
            return f'<item number="">{markup}</item>'
        self.said = True
        return f"<item>{markup}</item>" if self.number is None else f'<item number="{escape(self.number)}">{markup}</item>'
