"""The handout's document (the same nodes the PDF is drawn from) as semantic HTML.

Title -> h1, Heading -> h2 (a sub-heading h3), step titles -> h3, Callout -> a labelled aside (in it, what to do
heading the warning signs after it -> h3), Steps -> an ordered list, ListBlock -> ul/ol, References -> a list
with real links, a picture -> img with its alt. Runs become strong/em/a/sup/sub/br (and span, with the language
of words in another); every piece of text is escaped on the way out, and the only attributes made of what was
typed are a link (web, e-mail and phone only), a span's language (a checked tag), a picture's data URI and alt
text, and a list item's typed number (its count as `value`; as typed, its marker, a CSS string escaped
character by character).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import unquote

from handouts.input.links import BREAK_AFTER, bare, safe_link, web_uri
from handouts.layout import nodes as n
from handouts.words.ties import NBSP, TAG, short_word_runs, tie, tie_language, typed_tied

WRAPPERS = {n.Strong: "strong", n.Emphasis: "em", n.Superscript: "sup", n.Subscript: "sub"}
PARAGRAPH_CLASSES = {n.Subtitle: "subtitle", n.Prepared: "prepared", n.Finish: "finish"}
# A template's paragraphs set as headings are in print (balanced, see Builder.heading)
HEADING_ROLES = {n.Role.HEADING, n.Role.SUBHEADING, n.Role.FINISH, n.Role.SCHEDULE}


def _counted(number: str | None) -> int | None:
    """A typed number as the list's count ("007" is 7), or None where it is not one ("1a", "\u00b2", too long)."""
    return int(number) if number and number.isdecimal() and len(number) < 10 else None


def numbered(number: str | None, mark: str = ".") -> str:
    """A numbered item's attributes: its number as the list's `value`, and, where the list's own numerals would
    not show it as typed ("007", "1a", "\u00b2") or with its mark (")", which the browser's own markers lack),
    the typed number and mark as the item's marker: a `list-style-type` string, which every browser draws and
    reads as the marker (Safari ignores `content` on `::marker`, and showed "7." for "007.")."""
    if not number:
        return ""
    count = _counted(number)
    value = "" if count is None else f' value="{count}"'
    if count is not None and str(count) == number and mark == ".":
        return value
    return value + f' style="list-style-type: {html.escape(_css_string(f"{number}{mark} "))}"'


def _entry_number(number: str) -> str:
    """A numbered reference's attributes (see numbered): "12." as the list's own 12, "4)" as its 4 marked ")",
    "[12]" as typed."""
    digits = number.rstrip(".:)]")
    return numbered(digits, number[len(digits) :]) if digits.isdecimal() else numbered(number, "")


def _css_string(text: str) -> str:
    """`text` as a CSS string: every character but a letter, digit, space, "." and ")" escaped by its code, so
    that nothing typed can end the string or the declaration (the space after a code ends it, and is not text)."""
    return "'" + "".join(c if (c.isascii() and c.isalnum()) or c in " .)" else f"\\{ord(c):x} " for c in text) + "'"


def _numbers(block: n.ListBlock) -> dict[int, str]:
    """Each numbered item's number (by its place among the list's parts): as typed, or in a ")" list, where a
    layout gave none, the one after the number before it."""
    numbers, count = {}, 0
    for index, item in enumerate(block.items):
        if isinstance(item, n.Item) and item.number != "":
            typed = _counted(item.number)
            count = count + 1 if typed is None else typed
            number = item.number or (str(count) if block.mark == ")" else None)
            if number is not None:
                numbers[index] = number
    return numbers


MAIN_PADDING = 1.0  # rem: the page's own margin, which a marker may hang into (see page.stylesheet)


def _room(numbers: Iterable[str], size: float, padding: float) -> str:
    """A list's style giving its markers room when a typed number ("1986", "12345678") would hang out of the
    page on a phone: wider than the list's `padding` and the page's margin (rem) in markers `size` rem high
    (a digit about 0.66 of the height wide, its mark and a space 0.6)."""
    width = max((len(number) * 0.66 + 0.6 for number in numbers), default=0.0) * size + 0.3
    return f' style="padding-left: {width - MAIN_PADDING:.1f}rem"' if width > padding + MAIN_PADDING else ""


# Of runs in a heading (see heading_kept): whether a line may break before them (they open the heading, or follow
# a space or a line break), and whether one may after them
Edges = tuple[bool, bool]


def _edges(runs: n.Runs, at: int, heading: Edges) -> Edges:
    """The Edges of the `at`th of a heading's `runs`, which have `heading` as theirs: "Stretch *a little*" may
    break before its emphasis, and its "a little" is kept together there as in print; "*¿*Es la" may not."""
    before = heading[0] if at == 0 else _spaced(runs[at - 1], -1)
    return before, heading[1] if at == len(runs) - 1 else _spaced(runs[at + 1], 0)


def _spaced(run: n.Inline, end: int) -> bool:
    """Whether `run` is a line break, or its words have an ordinary space at their `end` (0: the first, -1: the
    last); not in a run whose spaces never break."""
    words = n.plain((run,))
    return isinstance(run, n.LineBreak) or (not isinstance(run, n.NoBreak) and words[end:][:1] == " ")


def inline(
    runs: n.Runs | None,
    tied: bool = False,
    language: str = "",
    around: str | None = None,
    kept: bool = True,
    heading: Edges | None = None,
) -> str:
    """Runs as HTML (`tied`: their spaces never break, as in a name or a date; `around`: the words of the whole
    paragraph they are part of, by default their own; `kept`: words tied together kept whole as _kept keeps
    them, not inside a citation, which is kept as one; `heading`: runs of a heading, and their Edges, whose
    words of one or two letters are kept with the next, see heading_kept); typed text keeps its phone numbers,
    titles, units and marks whole, as in print, with the ties of their `language` too (a key of LANGUAGE_TIES:
    see handouts.words.ties)."""
    words = n.plain(runs or ()) if around is None else around
    runs = _glued(runs) if kept and not tied else runs or ()
    return joined([_run(run, tied, language, words, kept, heading and _edges(runs, at, heading)) for at, run in enumerate(runs)])


def _glued(runs: n.Runs | None) -> n.Runs:
    """`runs` with the characters after a citation kept whole in a span, or ending in one (see _kept), up to the
    next space (the full stop or comma after it) moved into it: a line may break after a span, and the "." after
    "(Perlman et al., 2006, 2012)" opened a line of its own where the citation was wider than a phone's line. A
    citation is no element of the page, so the "." becomes its own text, counted in its last two words ("date
    d)." is a span of its own, see _loosened); after any other element, joined keeps the characters with it."""
    glued: list[n.Inline] = []
    for run in runs or ():
        last = glued[-1] if glued else None
        if isinstance(run, n.Text) and isinstance(last, n.Citation) and len(n.plain(last.children)) > PHONE_LINE:
            after = re.split(r"\s", run.text, maxsplit=1)[0]  # up to a space (or a no-break space)
            glued[-1] = n.Citation((*last.children, n.Text(after))) if after else last
            run = n.Text(run.text[len(after) :])
        if not isinstance(run, n.Text) or run.text:
            glued.append(run)
    return tuple(glued)


AFTER = re.compile(r"[^\s<]+")  # the characters HTML starts with, up to a space (or a no-break space) or a tag


def joined(pieces: list[str]) -> str:
    """Pieces of HTML (each balanced, its text escaped) as one, a piece ending in words kept whole in a span (see
    _kept), at any depth, taking into that span the characters the next piece starts with, up to a space (see
    _lifted): "call **01632 960 123**." opened a line with its "." on a phone. A browser may break a line after an
    inline block whatever follows it (CSS Text: "a soft wrap opportunity before and after each atomic inline");
    Chromium does even in a `nowrap` span around both where the block's parent wraps, and a word joiner does not
    stop it. Inside the block, the "." is text like the words before it and never opens a line, and the block
    stays within the line's width."""
    for at in range(1, len(pieces)):
        after = AFTER.match(pieces[at])
        lifted = _lifted(pieces[at - 1], after.group(0)) if after else None
        if after and lifted is not None:
            pieces[at - 1], pieces[at] = lifted, pieces[at][after.end() :]
    return "".join(pieces)


def _lifted(piece: str, after: str) -> str | None:
    """`piece` (HTML ending in words kept whole in a span, see joined) with the HTML `after` it at the end of that
    span, or None where it ends in none. Typed in an element ("**Call 01632 960 123**."), the span is lifted out
    of it and holds the element's words instead, as typed (`<strong>01632 960 123</strong>.`: the "." is not bold),
    the element split where it has words before them (`<strong>Call </strong>`); a link is never split, but held whole
    by the span, its words all kept with the "."."""
    tokens = [token for token in TAG.split(piece) if token]
    opened: dict[int, int] = {}  # the index of each element's closing tag: that of its opening tag
    stack: list[int] = []
    for at, token in enumerate(tokens):
        if token.startswith("</"):
            opened[at] = stack.pop()
        elif token.startswith("<") and token not in ("<br>", "<wbr>"):  # void: never closed
            stack.append(at)
    closing = len(tokens)
    while closing > 0 and closing - 1 in opened:
        closing -= 1
    ends = [(opened[at], at) for at in range(closing, len(tokens))]  # the elements the piece ends in, innermost first
    spans = [place for place, (start, _) in enumerate(ends) if tokens[start] == KEPT_SPAN]
    if not spans:
        return None
    kept, group = spans[-1], ends[spans[-1] + 1 :]  # the outermost span, and the elements the piece ends in around it
    links = [place for place, (start, _) in enumerate(group) if tokens[start].startswith("<a ")]
    split = group[links[-1] + 1 :] if links else group  # the elements the span is lifted out of
    start, end = group[links[-1]] if links else ends[kept]
    unspanned = set(ends[kept]) if links else {start, end}  # the span's own tags, not copied into the new one
    # and those of spans it ends in ("+44 <span>(0)1632 960123</span>", see _loosened): a line may break after one
    unspanned |= {tag for place in spans[:-1] for tag in ends[place]}
    head = list(range(start))
    for opening, close in split:  # innermost first: an element with nothing before the span is left out
        if head and head[-1] == opening:
            head.pop()
        else:
            head.append(close)
    inside = [at for at in range(start, end + 1) if at not in unspanned]
    reopened = [opening for opening, _ in reversed(split)]
    closed = [close for _, close in split]
    rest = range(split[-1][1] + 1 if split else end + 1, len(tokens))
    return "".join(
        [*(tokens[at] for at in head), KEPT_SPAN, *(tokens[at] for at in (*reopened, *inside, *closed)), after, "</span>"]
        + [tokens[at] for at in rest]
    )


def _run(run: n.Inline, tied: bool, language: str, around: str, kept: bool, heading: Edges | None) -> str:
    if isinstance(run, n.Text):
        text = tie(run.text) if tied else typed_tied(run.text, language)
        if not kept:
            return html.escape(text, quote=False)
        return heading_kept(text, *heading) if heading else kept_runs(text)
    if isinstance(run, n.LineBreak):
        return "<br>"
    citation = isinstance(run, n.Citation) and not tied  # kept whole as one (see _kept), not run by run
    children = run.children  # type: ignore[union-attr]
    content = inline(children, tied or isinstance(run, n.NoBreak), language, around, kept and not citation, heading)
    if isinstance(run, n.Link):
        return link(run.href, content, around) if safe_link(run.href) else content
    if citation:
        return _kept(content, len(n.plain(children))) if kept else content
    if isinstance(run, n.Span):
        return f'<span lang="{html.escape(run.lang)}">{content}</span>'
    tag = WRAPPERS.get(type(run))
    return f"<{tag}>{content}</{tag}>" if tag else content


def link(href: str, content: str, around: str) -> str:
    """A link to `href` (checked by the caller) showing `content` (HTML), in a paragraph whose words are
    `around`. Printed from the browser, a web link gives its address after its words, for a link cannot be
    followed on paper, unless the paragraph shows it already (a reference's "https://doi.org/…", the clinic's
    "www.example.com", a link in the text, "the NHS page (www.nhs.uk/conditions)"): marked "address", each
    printed its address twice. Only a web link (as the stylesheet's `a[href^="http"]`) is marked."""
    address = bare(href)  # as printed, or as typed where the link escapes what a link may not hold ("%3C" for "<")
    printed = address in around or unquote(address) in around or address in web_uri(around)  # "a%22b?x=%20" for 'a"b?x=%20'
    shown = ' class="address"' if href.startswith("http") and printed else ""
    text = breakable(content) if href.startswith(("http", "mailto:")) else content  # a phone number: between its groups
    return f'<a href="{html.escape(href)}"{shown}>{text}</a>'


def breakable(content: str) -> str:
    """A web or mail link's `content` (HTML) with a break (<wbr>) wherever an address in it may break, as print
    breaks it (see BREAK_AFTER): the stylesheet's last resort for a word wider than a phone's line, a break between
    any two letters, broke "…/antic" / "oagulants-…" where "…/anticoagulants-" / "…" was there to take."""
    return "".join(part if part.startswith("<") else BREAK_AFTER.sub("<wbr>", part) for part in TAG.split(content))


KEPT = re.compile(r"\bet\u00a0al\b")  # "et al." never breaks
# Characters of words tied together that fit a phone's line (320 CSS pixels) wherever they stand, at twice the
# browser's text size too: kept whole by their no-break spaces ("3 times", "10 min", "et al."). Its narrowest line
# there, a list item's, is 140 pixels, 3.9 em of its 36-pixel text: 7 characters of a wide face a browser falls
# back to (DejaVu Sans: a letter 0.56 em, a space 0.32; "3 times" is 3.8 em). A phone number has more (see
# ties.PHONE_DIGITS): tied whole at 20 characters, "+44 (0)1632 960123" broke as "+44 (0)1 / 632 960 / 123".
PHONE_LINE = 7
# Characters of words tied together that may fit a phone's line at the browser's default size: its 288 pixels
# inside the page's margins, in body text (18 pixels) at 0.4 em a letter (a narrow face's; the wide faces a
# browser falls back to, such as DejaVu Sans, take about 0.5). Longer ones are wider than a phone's line.
PHONE_WHOLE = 40
# Words tied by no-break spaces, from a word's start (a match tried inside a long word measured the rest of it
# again from each of its letters: a 20,000-letter word took seconds)
TIED = re.compile(f"(?<![^\\s{NBSP}])[^\\s{NBSP}]++(?:{NBSP}[^\\s{NBSP}]++)+")
# A word with a range of numbers in it ("1101\u20131106.", "3\u20135"), not tied to another (see TIED): a browser may
# end a line after its dash, where print never does
RANGED = re.compile(f"(?<![^\\s{NBSP}])[^\\s{NBSP}]*\\d\u2013\\d[^\\s{NBSP}]*+")
RANGE = re.compile("\\d\u2013\\d")
TIED_OR_RANGED = re.compile(f"{TIED.pattern}|{RANGED.pattern}")
KEPT_SPAN = '<span class="kept">'  # words kept whole where they fit the line (see _kept; the page's style says how)


def kept_runs(text: str, quote: bool = False) -> str:
    """`text` (words, some tied together by no-break spaces) as HTML (its quotes escaped too where `quote`), each
    run of words tied together as _kept has it, and each range of numbers short enough to fit any phone's line
    ("pp. 1101\u20131106.", "3\u20135 times", PHONE_WHOLE characters at most) in a span kept whole: broken after
    its dash, it read "1101\u2013" at a line's end, "1106." on the next."""
    parts, at = [], 0
    for match in TIED_OR_RANGED.finditer(text):
        words = match.group(0)
        if len(words) > PHONE_LINE and NBSP in words:
            kept = _kept(html.escape(words, quote), len(words))
        elif len(words) <= PHONE_WHOLE and RANGE.search(words):
            kept = f"{KEPT_SPAN}{html.escape(words, quote)}</span>"
        else:
            continue
        parts += [html.escape(text[at : match.start()], quote), kept]
        at = match.end()
    return "".join(parts) + html.escape(text[at:], quote)


def heading_kept(text: str, opens: bool = True, closes: bool = True) -> str:
    """A heading's `text` (words, some tied together by no-break spaces) as HTML, as kept_runs has it, each word
    of one or two letters in a span with the word after it (see short_word_runs), as print ties them: on one
    line wherever they fit it ("Automassagem / e alongamento", not "Automassagem e / alongamento"), else broken
    between their words (no-break spaces, as print has, broke "de la articulación" inside its last word on a
    phone). Not where the words run on into the heading's run before or after with no space (`opens`: a line
    may break before the text, `closes`: after it, see Edges): a line may break on either side of a span, and
    would part them there ("¿" ending a line)."""
    parts, at = [], 0
    for start, end in short_word_runs(text):
        if (start > 0 or opens) and (end < len(text) or closes):
            parts += [kept_runs(text[at:start]), f"{KEPT_SPAN}{kept_runs(text[start:end])}</span>"]
            at = end
    return "".join(parts) + kept_runs(text[at:])


def _spanned(length: int) -> bool:
    """Whether words tied together, `length` characters of them, are kept whole in a span (see _kept)."""
    return PHONE_LINE < length <= PHONE_WHOLE


def _kept(content: str, length: int) -> str:
    """HTML of words tied together as print ties them (a name and a role, "Marco Bianchi, fisioterapista"; a
    date, "Dienstag, 8. Dezember 2026"; a citation), `length` characters of them, kept whole on a screen wherever
    they fit a phone's line, as in print: by their no-break spaces where they fit it wherever they stand
    (PHONE_LINE), else, where they may fit it (PHONE_WHOLE), in a span that the page's style keeps whole on one
    line wherever it fits (`inline-block`: a line with no room for it ends before it) and breaks between its
    words where it is wider than the line (a narrow column, a large text size). Longer words, wider than a
    phone's line, break between their words on any screen. Either way never inside "et al.", nor before their
    last word where the last two fit any phone's line, and else only where those two do not fit the line (see
    _loosened). Tied whole, they ran past a phone's line and the browser broke them inside a word ("202|6");
    freed but for their last space, they broke at any width ("Marco / Bianchi, fisioterapista")."""
    if length <= PHONE_LINE:
        return content
    loosened = _loosened(content)
    return loosened if loosened == content or not _spanned(length) else f"{KEPT_SPAN}{loosened}</span>"


def _loosened(content: str) -> str:
    """HTML of words tied together (see _kept), free to break between its words, but never inside "et al." nor
    before its last word where the last two fit any phone's line (PHONE_LINE): broken there, it left "2022)" or
    "al." alone on a line. Two longer ones are a span of their own, whole wherever they fit the line ("(0)1632
    960123", "2006, 2012).") and broken at their space where not: tied, they broke inside a word or a number."""
    parts = TAG.split(content)
    words = "".join(part for part in parts if not part.startswith("<"))
    last = words.rfind(NBSP)
    if last < 0:
        return content
    pair = (max(words.rfind(" ", 0, last), words.rfind(NBSP, 0, last)) + 1, len(words))  # the last two words
    short = len(html.unescape(words[pair[0] : pair[1]])) <= PHONE_LINE  # as read: "&amp; Co" is 4 characters
    kept = {match.start() + 2 for match in KEPT.finditer(words)} | ({last} if short else set())
    at, loosened = 0, []
    for part in parts:
        if not part.startswith("<"):
            text = "".join(" " if c == NBSP and at + i not in kept else c for i, c in enumerate(part))
            if last not in kept and pair[0] > 0 and at <= pair[0] and pair[1] <= at + len(part):  # spanned here
                start, end = pair[0] - at, pair[1] - at
                text = f"{text[:start]}{KEPT_SPAN}{text[start:end]}</span>{text[end:]}"
            at += len(part)
            part = text
        loosened.append(part)
    return "".join(loosened)


# The discomfort table is a grid (a level a row, a moment a column) where each column holds its longest word
# whole; on a narrower screen, or at a larger text size, the page's style lists the levels instead, each tick on
# a line of its own: no word is broken but one wider than the screen. Where the grid has room is estimated from
# its words' letters, in ems of the table's text: a letter of a wide sans-serif (DejaVu Sans, the widest of the
# fonts a browser falls back to) is at most about 0.62 em on average, a bold one 0.7; a cell's padding and
# borders take about 0.6 em. (A browser hyphenates a table's words only with the language's dictionary, which
# Chromium on Linux and Windows lacks: the words, not hyphenation, decide.)
LETTER, BOLD_LETTER, CELL = 0.62, 0.7, 0.6


def _widest_word(texts: Iterable[n.Runs], letter: float) -> float:
    """The width in ems of a column whose cells say `texts`: its longest word, a letter `letter` em wide."""
    return max((len(word) * letter for text in texts for word in n.plain(text).split()), default=0.0) + CELL


def grid_width(scale: n.Scale) -> float:
    """The narrowest width (in ems of its text) the discomfort table is drawn as a grid in, its words whole."""
    shorts = ((scale.during_short, scale.during_text), (scale.after_short, scale.after_text))
    moments = [short or text for short, text in shorts if text]
    levels = _widest_word((scale.low, scale.high, (n.Text("10"),)), LETTER)
    return levels + sum(_widest_word((moment,), BOLD_LETTER) for moment in moments)


class Builder:
    """Maps each block of a handout document to HTML; `picture` turns a src into a data URI."""

    def __init__(self, picture: Callable[[str], str | None], language: str = "") -> None:
        self.picture = picture
        self.language_ties = tie_language(language)  # as print keeps them (see handouts.words.ties)
        self.callouts: dict[str, int] = {}  # boxes so far, by kind: each gets its own heading id
        self.grid_width = 0.0  # ems the discomfort table needs to be a grid (see grid_width)

    def inline(self, runs: n.Runs | None) -> str:
        return inline(runs, language=self.language_ties)

    def heading(self, runs: n.Runs | None) -> str:
        """A heading's runs, or those of a line set like one (balanced by the page's style), as HTML: as print
        sets them, none of its lines ends on a word of one or two letters (see heading_kept)."""
        return inline(runs, language=self.language_ties, heading=(True, True))

    def build(self, document: n.Document) -> str:
        return "\n".join(self.blocks(document.blocks))

    def blocks(self, blocks: tuple[n.Block | n.Item, ...]) -> Iterator[str]:
        for block in blocks:
            yield from self.block(block)

    def block(self, block: n.Block | n.Item) -> Iterator[str]:
        if isinstance(block, n.Title):
            yield f"<h1>{self.heading(block.runs)}</h1>"
        elif isinstance(block, n.Heading):
            tag = "h2" if block.level == 1 else "h3"
            yield f"<{tag}>{self.heading(block.runs)}</{tag}>"
        elif isinstance(block, n.Subtitle | n.Prepared | n.Finish):
            words = self.inline(block.runs) if isinstance(block, n.Prepared) else self.heading(block.runs)
            yield f'<p class="{PARAGRAPH_CLASSES[type(block)]}">{words}</p>'
        elif isinstance(block, n.Paragraph):
            words = self.heading(block.runs) if block.role in HEADING_ROLES else self.inline(block.runs)
            yield f'<p class="{block.role.value}">{words}</p>'
        elif isinstance(block, n.Item):
            yield f"<p>{self.inline(block.runs)}</p>"
        elif isinstance(block, n.ListBlock):
            yield from self._list(block)
        elif isinstance(block, n.Callout):
            yield from self._callout(block)
        elif isinstance(block, n.Steps):
            yield from self._steps(block)
        elif isinstance(block, n.References):
            numbered = block.numbered()
            if numbered is None:
                yield '<ul class="references">'
                yield from (f"<li>{self.inline(entry)}</li>" for entry in block.entries)
                yield "</ul>"
            else:  # each entry's number its list marker: "• 1. Perlman AI…" before, a bullet and a number
                # the markers' room in rem, where the browser's own 40 pixels did not grow with the text: at twice
                # the text size, "10." hung off a phone's screen, and read "0."
                room = _room((number for number, _ in numbered), 1.0, 2.5) or ' style="padding-left: 2.5rem"'
                yield f'<ol class="references"{room}>'
                yield from (f"<li{_entry_number(number)}>{self.inline(runs)}</li>" for number, runs in numbered)
                yield "</ol>"
        elif isinstance(block, n.Scale):
            yield from self._scale(block)
        elif isinstance(block, n.Together):
            yield "<div>"
            yield from self.blocks(block.blocks)
            yield "</div>"

    def _list(self, block: n.ListBlock) -> Iterator[str]:
        """A list, each nested list and each further paragraph of an item inside the item above it (an item of
        its own where none is); a numbered item has the number typed, and the mark typed ("3)"); an item a
        layout left unnumbered in a ")" list the number after the one before it (the browser's own is silent)."""
        numbers = _numbers(block) if block.ordered else {}
        room = _room(numbers.values(), 1.125, 2.5) if block.level == 1 else ""  # a nested list hangs into its item
        yield (f"<ol{room}>" if block.ordered else "<ul>")
        open_item = False
        for index, item in enumerate(block.items):
            if not isinstance(item, n.Item):
                yield "<li>" * (not open_item) + "".join(self.block(item))
            elif item.number == "" and open_item:
                yield f"<p>{self.inline(item.runs)}</p>"
            else:
                yield "</li>" * open_item + f"<li{numbered(numbers.get(index), block.mark)}>{self.inline(item.runs)}"
            open_item = True
        yield "</li>" * open_item + ("</ol>" if block.ordered else "</ul>")

    def _scale(self, scale: n.Scale) -> Iterator[str]:
        """The words, and a table of the 0-10 scale with the acceptable levels ticked: a level a row, a moment
        (during, afterwards) a column headed by the moment alone ("During"), so that a screen reader says the
        words once and each tick with its moment. Where the grid has no room (see grid_width) the page's style
        lists the levels, each tick with its moment beside it (for the eye only: a screen reader has the
        column's heading)."""
        self.grid_width = max(self.grid_width, grid_width(scale))
        yield '<section class="scale">'
        if scale.title:
            yield f"<h2>{self.heading(scale.title)}</h2>"
        moments = [
            (text, self.inline(short or text), level)
            for text, short, level in (
                (scale.during_text, scale.during_short, scale.during),
                (scale.after_text, scale.after_short, scale.after),
            )
            if text and level is not None
        ]
        yield from (f"<p>{self.inline(text)}</p>" for text, _, _ in moments)
        head = "".join(f'<th scope="col">{short}</th>' for _, short, _ in moments)
        rows = []
        for value in range(11):
            named = {0: scale.low, 10: scale.high}.get(value)
            name = "" if named is None else f" {self.inline(named)}"
            cells = "".join(
                f'<td class="ok">\u2713<span class="moment" aria-hidden="true"> {short}</span></td>'
                if value <= level
                else "<td></td>"
                for _, short, level in moments
            )
            rows.append(f'<tr><th scope="row">{value}{name}</th>{cells}</tr>')
        yield f"<table><thead><tr><td></td>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        if scale.settles:
            yield f"<p>{self.inline(scale.settles)}</p>"
        yield "</section>"

    def _callout(self, block: n.Callout) -> Iterator[str]:
        kind = block.kind if block.kind in ("note", "help") else "safety"
        count = self.callouts[kind] = self.callouts.get(kind, 0) + 1
        label = f"{kind}-title" if count == 1 else f"{kind}-title-{count}"
        labelled = f' aria-labelledby="{label}"' if block.title is not None else ""
        yield f'<aside class="{kind}"{labelled}>'
        if block.title is not None:
            yield f'<h2 id="{label}">{self.heading(block.title)}</h2>'
        items: list[str] = []  # consecutive items make one list, in their place among the box's other parts
        for part in block.parts:
            if isinstance(part, n.Item):
                items.append(f"<li>{self.inline(part.runs)}</li>")
                continue
            if items:
                yield "<ul>" + "".join(items) + "</ul>"
                items = []
            if isinstance(part, n.Paragraph) and part.role is n.Role.SCHEDULE:
                # What to do ("Call 999 now"), heading the signs after it: a screen reader's list of headings
                # goes straight to it, under the box's own heading
                tag = "h3" if block.title is not None else "h2"
                yield f'<{tag} class="schedule">{self.heading(part.runs)}</{tag}>'
                continue
            yield from self.block(part)
        if items:
            yield "<ul>" + "".join(items) + "</ul>"
        yield "</aside>"

    def _steps(self, block: n.Steps) -> Iterator[str]:
        yield f'<ol class="steps"{_room((step.number for step in block.steps), 1.5, 2.25)}>'
        for step in block.steps:
            parts = [f"<li{numbered(step.number)}>"]
            if step.title is not None:
                parts.append(f"<h3>{self.heading(step.title)}</h3>")
            if step.picture is not None:
                source = self.picture(step.picture.src)
                if source:
                    parts.append(f'<img src="{source}" alt="{html.escape(step.picture.alt)}">')
            if step.text is not None:
                parts.append(f"<p>{self.inline(step.text)}</p>")
            if step.dose is not None:
                parts.append(f'<p class="dose">{self.inline(step.dose)}</p>')
            if step.video is not None and safe_link(step.video.url):
                words = self.inline(step.video.caption) or html.escape(step.video.url)
                said = n.plain(step.video.caption or ()) or step.video.url
                parts.append(f'<p class="video">{link(step.video.url, words, said)}</p>')
            parts.extend(self.blocks(step.extra))
            parts.append("</li>")
            yield "".join(parts)
        yield "</ol>"
