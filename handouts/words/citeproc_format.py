"""Citations and the reference list formatted by citeproc-py, for :mod:`handouts.words.references`, which keeps
what it makes between runs; imported only when a routine's references are formatted afresh (issue 29).

The strings made here serve every output: they are layout XML's inline markup (`<i>`, `<b>`, `<sup>`,
`<a href>`), the references' own text escaped in it, so a title such as `Pain < 3/10 & "effort" <b>x</b>`
prints exactly as typed. Each engine decides how italics look (large print sets them upright).
"""

from __future__ import annotations

import functools
import html
import io
import json
import re
import warnings
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import citeproc
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.source.json import CiteProcJSON

from handouts.input.files import UnreadableFileError, read_bytes, web_page
from handouts.input.links import doi_uri, web_uri
from handouts.words import (
    citations,
    citeproc_disambiguation,
    citeproc_fixes,
    citeproc_lookups,
    citeproc_numbers,
    locales,
    names,
    style_shape,
    title_languages,
)
from handouts.words.citeproc_fixes import CSL
from handouts.words.i18n import primary
from handouts.words.references import WEB_ADDRESS, References, StyleError, shipped
from handouts.words.ties import TAG, citation_tied, entry_tied

# Attributes one element of a style may have: a CSL element has at most a dozen. citeproc looks an option up along
# the attributes of each element above it, for every reference: 150,000 on <style> took from 7 s to 45 s a build.
STYLE_ATTRIBUTES = 200

AFTER_ADDRESS = ".,;:!?'\"\u2019\u201d"
# Where a printed URL or DOI would run on into more of an address ("https://e.com" in "https://e.com.au/x"), or
# starts inside one: not that variable printed.
RUNS_ON = re.compile(r"[.,;:!?]*[\w/%#=+~@-]")
RUNS_IN = re.compile(r"[\w/.%#=+~@-]$")
DOI_RESOLVER_PRINTED = re.compile(r"https?://(?:dx\.)?doi\.org/$", re.IGNORECASE)  # a style's prefix to a DOI
# The references' own `&`, `<` and `>` travel through citeproc-py as characters of Unicode's private use area,
# so that nothing it does (title case, quotes, its own tags) can take them for markup; they are escaped for
# the layout once it is done.
HIDDEN = {"&": "\ue000", "<": "\ue001", ">": "\ue002"}
SHOWN = {hidden: {"&": "&amp;", "<": "&lt;", ">": "&gt;"}[char] for char, hidden in HIDDEN.items()}
HIDE = str.maketrans(HIDDEN)
PRIVATE = re.compile("[\ue000-\uf8ff]")


# The output format's own tags travel as private-use characters too, so that the style's own text (APA's "&"
# between authors, an affix) can be escaped apart from them when citeproc-py is done (see _marked).
TAG_OPEN, TAG_CLOSE = "\ue003", "\ue004"
FORMAT_TAG = re.compile(f"{TAG_OPEN}[^{TAG_CLOSE}]*{TAG_CLOSE}")
# A full stop typed in a field where _typeset would take it for two parts of the style meeting: the second of
# two ("Q0..0"), and one or two after ? or ! ("Why?.Now", "Why?.."). citeproc-js prints them as typed, and a
# stop the style adds after them as one (see _typeset).
KEPT_STOP = "\ue005"
SHOWN[KEPT_STOP] = "."
TYPED_STOPS = re.compile(r"(?<=[?!])(?P<after_mark>\.{1,2})(?!\.)|(?<!\.)\.\.(?!\.)")

# After a name's particle that citeproc-js joins to the name after it ("d\u2019Alembert", "al-Farabi"), and after
# every other non-dropping particle (see names.marked): taken out, the first with the space after it.
JOINER, PARTICLE_END = "\ue006", "\ue007"
PARTICLE_MARKS = re.compile(f"{JOINER} ?|{PARTICLE_END}")

# What each hidden character stands for: how citeproc-py sorts by them and strips their full stops, and what a link
# to a hidden address goes to.
REVEALED = {**{hidden: char for char, hidden in HIDDEN.items()}, KEPT_STOP: ".", JOINER: "", PARTICLE_END: ""}
REVEAL = str.maketrans(REVEALED)
citeproc_fixes.apply(REVEALED, FORMAT_TAG, JOINER + PARTICLE_END)
citeproc_lookups.apply()
citeproc_numbers.apply()
citeproc_disambiguation.apply()
title_languages.apply(TAG_OPEN, TAG_CLOSE)


def _kept_stops(match: re.Match[str]) -> str:
    """A run of TYPED_STOPS with the stops _typeset would take for the style's hidden: all of them after ? or !,
    the second of two elsewhere."""
    after_mark = match.group("after_mark")
    return KEPT_STOP * len(after_mark) if after_mark else "." + KEPT_STOP


def _wrap(tag: str) -> type[str]:
    class Wrapped(str):
        def __new__(cls, text: str) -> str:  # type: ignore[misc]
            marked = f"{TAG_OPEN}{tag}{TAG_CLOSE}{text}{TAG_OPEN}/{tag}{TAG_CLOSE}" if tag else text
            return str.__new__(cls, marked)

    return Wrapped


def _marked(formatted: str) -> str:
    """citeproc-py's output as inline markup: the style's own text escaped, the format's tags made tags (the
    references' text stays hidden until _shown)."""
    return html.escape(PARTICLE_MARKS.sub("", formatted), quote=False).replace(TAG_OPEN, "<").replace(TAG_CLOSE, ">")


# A citeproc output format that speaks layout XML's inline markup (text is hidden, see HIDDEN).
LAYOUT_FORMAT = SimpleNamespace(
    preformat=str,
    Italic=_wrap("i"),
    Oblique=_wrap("i"),
    Bold=_wrap("b"),
    Light=_wrap(""),
    Underline=_wrap(""),
    Superscript=_wrap("sup"),
    Subscript=_wrap("sub"),
    SmallCaps=_wrap(""),
)


def _hidden(value: Any) -> Any:
    """A CSL item's strings with `&`, `<` and `>` hidden, and the full stops of TYPED_STOPS (private-use
    characters, which no font prints, left out)."""
    if isinstance(value, str):
        return TYPED_STOPS.sub(_kept_stops, PRIVATE.sub("", value).translate(HIDE))
    if isinstance(value, dict):  # an item's id is matched with its citations, as typed
        return {key: item if key == "id" else _hidden(item) for key, item in value.items()}
    if isinstance(value, list | tuple):  # names are tuples
        return [_hidden(item) for item in value]
    return value


def _shown(markup: str) -> str:
    """Formatted markup with the hidden characters escaped for the layout."""
    return PRIVATE.sub(lambda match: SHOWN.get(match.group(0), ""), markup)


def _style_bytes(path: Path) -> bytes:
    """The bytes of the style file at `path`; StyleError where it cannot be read."""
    try:
        return read_bytes(path, "csl")
    except UnreadableFileError as exc:
        raise StyleError(path, str(exc)) from None


@functools.lru_cache(maxsize=8)
def _read_style(path: Path, data: bytes, locale: str) -> CitationStylesStyle:
    """The style `data` (the bytes of the file at `path`), parsed for `locale`: read anew for other bytes (a
    clinic's own style edited while `serve` runs, also where its size and time of change stayed the same)."""
    if page := web_page(data, "csl"):  # the style repository's page, saved: said to declare a DOCTYPE
        raise StyleError(path, page)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # CSL styles never declare entities; they could pull in files
        raise StyleError(path, "not a valid CSL style (it declares a DOCTYPE or entities)")
    if not shipped(path) and (unusable := style_shape.problem(data)) is not None:
        raise StyleError(path, unusable)
    try:
        style = CitationStylesStyle(io.BytesIO(data), locale=locale, validate=False)
        # Items name no language: they are in the routine's, as citeproc-js assumes when told the locale, so a
        # Spanish sheet gets no English title case.
        style.root.set("default-locale", locale)
    except (OSError, ValueError) as exc:
        raise StyleError(path, f"cannot use this CSL style: {exc}") from None
    except Exception as exc:  # lxml syntax errors and citeproc's own
        raise StyleError(path, f"not a valid CSL style ({exc})") from None
    crowded = next((node for node in style.root.iter() if len(node.attrib) > STYLE_ATTRIBUTES), None)
    if crowded is not None:
        element = str(crowded.tag).rpartition("}")[2]
        raise StyleError(path, f"not a valid CSL style (its <{element}> has more than {STYLE_ATTRIBUTES} attributes)")
    _complete(style, path)
    return style


def _complete(style: CitationStylesStyle, path: Path) -> None:
    """StyleError unless the style has both layouts the sheets use; a dependent style (most journals' in the Zotero
    repository) only names its parent, and is said to be one."""
    parent = style.root.find(f"{CSL}info/{CSL}link[@rel='independent-parent']")
    if parent is not None:
        href = parent.get("href", "")[:200]
        name = href.rstrip("/").rsplit("/", 1)[-1]
        raise StyleError(path, f"a dependent style: it only names its parent style, {name!r} ({href}); give that style instead")
    for layout, why in (("citation", "the texts cite the references"), ("bibliography", "the handout lists the references")):
        if style.root.find(f"{CSL}{layout}") is None:
            raise StyleError(path, f"the CSL style has no <{layout}>, and {why}")


LOCALES = Path(citeproc.__file__).parent / "data" / "locales"


@functools.cache
def _primary_dialects() -> dict[str, str]:
    return json.loads((LOCALES / "locales.json").read_text(encoding="utf-8"))["primary-dialects"]


def csl_locale(language: str) -> str:
    """The CSL locale for a routine's language: its own ("en-GB"), else the language's dialect whose long dates
    its own follow, so that a sheet dates its references as it dates itself ("en-IE" and "en-AU" are en-GB,
    "en-CA" en-US), the primary one first ("de" is de-DE, "pt" pt-PT), else British English."""
    if (LOCALES / f"locales-{language}.xml").exists():
        return language
    base = primary(language)
    others = sorted(path.stem.removeprefix("locales-") for path in LOCALES.glob(f"locales-{base}-*.xml"))
    dialects = [d for d in dict.fromkeys([_primary_dialects().get(base, ""), *others]) if (LOCALES / f"locales-{d}.xml").exists()]
    if not dialects:
        return "en-GB"
    pattern = locales.long_date_pattern(language)
    return next((dialect for dialect in dialects if locales.long_date_pattern(dialect) == pattern), dialects[0])


def _anchor(text: str, href: str) -> str:
    """`text` (hidden) as a link to `href` (as typed): its `&` hidden, so that _shown escapes it in the attribute."""
    return f'<a href="{href.translate(HIDE)}">{text}</a>'


def _address(found: str) -> str:
    """A web address found in text, without the punctuation after it: a closing bracket only when the address
    has no opening one for it ("…/Knee_(anatomy)." keeps its own)."""
    while found and (found[-1] in AFTER_ADDRESS or (found[-1] == ")" and found.count(")") > found.count("("))):
        found = found[:-1]
    return found


def _addresses_linked(text: str) -> str:
    """Each web address in (hidden) text as a link to itself."""

    def link(match: re.Match[str]) -> str:
        found = _address(match.group(0))
        return _anchor(found, web_uri(found.translate(REVEAL))) + match.group(0)[len(found) :]

    return WEB_ADDRESS.sub(link, text)


def _printed(entry: str, item: dict[str, Any]) -> list[tuple[int, int, str]]:
    """Where the entry prints the item's URL or DOI as a web address (a DOI with the resolver the style puts
    before it), each with its link's target: the address as given in the CSL data, a DOI at its resolver."""
    spans: list[tuple[int, int, str]] = []
    for name, target in (("URL", web_uri), ("DOI", doi_uri)):
        value = item.get(name)
        if not isinstance(value, str) or not value.strip():
            continue
        href = target(value.translate(REVEAL))
        for found in re.finditer(re.escape(value.strip()), entry):
            start, end = found.span()
            if name == "DOI" and (resolver := DOI_RESOLVER_PRINTED.search(entry, 0, start)):
                start = resolver.start()
            if not WEB_ADDRESS.match(entry, start) or RUNS_IN.search(entry, 0, start) or RUNS_ON.match(entry, end):
                continue
            if all(end <= other_start or start >= other_end for other_start, other_end, _ in spans):
                spans.append((start, end, href))
    return sorted(spans)


def _linkify(entry: str, item: dict[str, Any]) -> str:
    """A (still hidden) entry with its item's URL and DOI, where printed as web addresses, as links to them as
    given in the CSL data (a DOI at its resolver), and any other web address in it as a link to itself; the
    text as printed."""
    linked: list[str] = []
    at = 0
    for start, end, href in _printed(entry, item):
        linked += [_addresses_linked(entry[at:start]), _anchor(entry[start:end], href)]
        at = end
    return "".join([*linked, _addresses_linked(entry[at:])])


def formatted(
    items: list[dict[str, Any]],
    clusters: tuple[tuple[str, ...], ...],
    style: Path,
    language: str,
    further: tuple[str, ...],
    data: bytes | None = None,
) -> References:
    """The references `items` (CSL-JSON) formatted in `style` for a routine in `language`, with every citation in
    `clusters` (each citation's ids, in the order the texts first cite them; see references.cited_clusters)
    registered; StyleError where the style cannot be read or used. `data`: the style file's bytes where read
    already (the ones the result is kept under), else read here."""
    parsed = [names.item_parsed(_hidden(item), JOINER, PARTICLE_END) for item in items]
    data = _style_bytes(style) if data is None else data
    return replace(_format(json.dumps(parsed, sort_keys=True), clusters, style, data, language, further), style=style.stem)


def read_style(style: Path, language: str) -> None:
    """StyleError unless `style` is a CSL style the references could be formatted in (for a routine with none)."""
    _read_style(style, _style_bytes(style), csl_locale(language))


class UnprintedEntryError(Exception):
    """Raised where a style's bibliography prints nothing for a reference (`key`), say only a URL it has not; or,
    with `cited`, where its citation prints nothing but its brackets."""

    def __init__(self, key: str, cited: bool = False) -> None:
        super().__init__(key)
        self.key, self.cited = key, cited


def _format(
    items: str,
    clusters: tuple[tuple[str, ...], ...],
    style: Path,
    data: bytes,
    language: str,
    further: tuple[str, ...] = (),
) -> References:
    """`items` (CSL-JSON, parsed and hidden) formatted in the style `data` is. Not kept here: references.py keeps
    what it returns, in the process and on disk, under the same inputs."""
    css = _read_style(style, data, csl_locale(language))
    references = json.loads(items)
    try:
        with citeproc_lookups.counted(len(references)):
            return _formatted(css, references, clusters, language, further, own=not shipped(style))
    except citeproc_lookups.TooManyMacroCallsError:
        message = f"the CSL style's macros call each other more than {citeproc_lookups.MACRO_CALLS:,} times for an entry"
        raise StyleError(style, f"{message}: simplify it") from None
    except RecursionError:
        raise StyleError(style, "the CSL style's macros call each other without end") from None
    except UnprintedEntryError as exc:
        said = "the CSL style's citation prints nothing" if exc.cited else "the CSL style prints nothing"
        raise StyleError(style, f"{said} for the reference {exc.key!r}") from None
    except Exception as exc:  # a style citeproc-py can load but not apply fails in its own ways
        raise StyleError(style, f"cannot format the references with this CSL style ({type(exc).__name__}: {exc})") from None


# A numbered style's number, its marks and its styling, the field before the entry's text: "1.", "[1]", "(1)", "1)",
# "1:", "<b>1</b>." (the style's suffix outside its bold)
NUMBER_FIELD = re.compile(r"^((?:<[^>]+>)*[(\[]?\d+(?:</[^>]+>)*[.:)\]]?(?:</[^>]+>)*)\s*(?=\S)")
CLOSERS = "(?:</?[a-z]+>|[\u2019\u201d\u201c\u00bb\u00a0\u202f])*"  # tags, closing quotes and spaces a stop follows
DOUBLE_STOP = re.compile(r"(?<!\.)\.((?:</?[a-z]+>)*)\.(?!\.)")
# "Title.." then the style's ".", also past a closing quote ("Title..”." in Chicago; American English then
# moves the stop inside the quote)
STOP_AFTER_KEPT = re.compile(f"({KEPT_STOP}{CLOSERS})\\.(?!\\.)")
# A full stop the style adds after a title that ends with ? or ! ("Should I ring 999 or 111?.") goes, also
# after the title's closing quote (Chicago's single quotes, German low-high quotes).
STOP_AFTER_MARK = re.compile(f"([?!])({CLOSERS})\\.(?!\\.)")
APOSTROPHE = re.compile(r"https?://\S+|(?<=\w)'")
# Words in straight single quotes: the opening one before a letter and after none, the closing one after a letter or
# a stop and before none (an apostrophe inside, "'It's'", is passed over); not inside a web address
SINGLE_QUOTED = re.compile(r"(?<![\w/:.=?&%-])'(?=\w)((?:(?!https?://)[^'<>]|'(?=\w)|<[^>]*>)*?(?<=[\w.!?]))'(?!\w)")
# An opening single quote, or a closing quote (a right single quote not inside a word) and the comma or stop after it
QUOTE_MARK = re.compile(r"(\u2018)|([\u201d\u2019])(?![^\W\d_])([.,]?)")


def _numbered(css: CitationStylesStyle) -> bool:
    """Whether the style's bibliography puts each entry's number in a field of its own."""
    bibliography = css.root.find(f"{CSL}bibliography")
    return bibliography is not None and bibliography.get("second-field-align") is not None


def _registered(
    css: CitationStylesStyle, references: list[dict[str, Any]], keys: list[tuple[str, ...]]
) -> tuple[CitationStylesBibliography, dict[tuple[str, ...], Citation]]:
    """A bibliography with each cluster registered in document order, then every uncited item; sorted."""
    with warnings.catch_warnings():
        # CSL variables citeproc-py has no name for (a podcast's `host`, a film's `director`): kept, and printed by
        # a style that names them; its warning of each was a line of Python's on the therapist's screen
        warnings.filterwarnings("ignore", "The following arguments for Reference are unsupported", UserWarning)
        source = CiteProcJSON(references)
    bibliography = CitationStylesBibliography(css, source, LAYOUT_FORMAT)
    registered = {key: Citation([CitationItem(part) for part in key]) for key in keys}
    for citation in registered.values():
        bibliography.register(citation)
    for ref in references:
        alone = (citations.key(ref["id"]),)
        if alone not in registered:
            registered[alone] = Citation([CitationItem(ref["id"])])
            bibliography.register(registered[alone])
    bibliography.sort()
    return bibliography, registered


@dataclass(frozen=True)
class Quotes:
    """The locale's quotation marks, outer and inner, and whether a comma or full stop goes inside them."""

    outer: tuple[str, str] = ("\u2018", "\u2019")
    inner: tuple[str, str] = ("\u201c", "\u201d")
    punctuation_inside: bool = False


def _cite(bibliography: CitationStylesBibliography, citation: Citation, quotes: Quotes) -> str:
    return _typeset(_marked(str(bibliography.cite(citation, lambda item: None))), quotes)


def _quotes(css: CitationStylesStyle) -> Quotes:
    def term(name: str) -> str:
        return str(css.root.get_single_term(name))

    return Quotes(
        (term("open-quote"), term("close-quote")),
        (term("open-inner-quote"), term("close-inner-quote")),
        str(css.root.get_locale_option("punctuation-in-quote")).lower() == "true",
    )


def _months(css: CitationStylesStyle) -> frozenset[str]:
    """The locale's month names, long and short, without a full stop ("November", "Nov"), as its dates print
    them (a style that strips the short form's full stop prints "2016 Nov")."""
    found = (css.root.get_term(f"month-{month:02d}", form) for month in range(1, 13) for form in (None, "short"))
    return frozenset(str(term.text).rstrip(".") for term in found if term is not None and term.text)


def _citation(css: CitationStylesStyle) -> Any:
    """The style's <citation> element, or None."""
    return css.root.find(f"{CSL}citation")


def _typeset(markup: str, quotes: Quotes) -> str:
    """Punctuation as citeproc-js prints it: one full stop where two parts of the style meet ("et al.." becomes
    "et al.", "111?." becomes "111?"), words typed in straight single quotes in the locale's quotes (double
    quotes print as typed: citeproc-js turns them into the locale's too), typographic
    apostrophes ("O\u2019Brien", "l\u2019adresse"; web addresses untouched), and, where the locale says so
    (American English), a comma or full stop inside the closing quote."""
    markup = STOP_AFTER_KEPT.sub(r"\1", markup)
    markup = DOUBLE_STOP.sub(r".\1", markup)
    markup = STOP_AFTER_MARK.sub(r"\1\2", markup)
    markup = _single_quotes(markup, quotes)
    markup = APOSTROPHE.sub(lambda match: match.group(0) if match.group(0).startswith("http") else "\u2019", markup)
    markup = _stop_after_quotes(markup, quotes)
    return _stops_inside_quotes(markup) if quotes.punctuation_inside else markup


@functools.lru_cache(maxsize=16)
def _stop_after_quote(quotes: Quotes) -> re.Pattern[str]:
    """A full stop, closing quotes of the locale's (outer or inner; tags and no-break spaces among them), then a
    full stop; the quotes are group 1."""
    closing = re.escape("".join(sorted({quotes.outer[1], quotes.inner[1]} - {""})))
    if not closing:
        return re.compile("(?!)")
    return re.compile(f"(?<!\\.)\\.((?:</?[a-z]+>|[\u00a0\u202f])*[{closing}](?:</?[a-z]+>|[\u00a0\u202f{closing}])*)\\.(?!\\.)")


def _stop_after_quotes(markup: str, quotes: Quotes) -> str:
    """A field's full stop at the end of quotes, then the style's: the style's left out, as citeproc-js does
    ("\u2018Ends with stop.\u2019." in Chicago; "\u201cEnds with stop..\u201d" once American English moved it
    inside). Only where the locale opened as many of those quotes before: quotation marks typed in a title that
    the locale does not use are text to citeproc-js, and a stop after them is kept."""
    opening = {quotes.outer[1]: quotes.outer[0], quotes.inner[1]: quotes.inner[0]}

    def dropped(match: re.Match[str]) -> str:
        before = markup[: match.start()]
        run = TAG.sub("", match.group(1))
        for closing in set(run) & opening.keys():
            if before.count(opening[closing]) < run.count(closing) or opening[closing] == closing:
                return match.group(0)
        return "." + match.group(1)

    return _stop_after_quote(quotes).sub(dropped, markup)


def _single_quotes(markup: str, quotes: Quotes) -> str:
    """Words typed in straight single quotes ("Why 'rest' fails") in the locale's quotation marks, as citeproc-js
    prints them: its outer ones, or its inner ones inside the style's own quotes ("\u2018Why \u201crest\u201d
    fails\u2019"). The closing quote was taken for an apostrophe, and printed "'rest\u2019"."""
    (opening, closing), (inner_opening, inner_closing) = quotes.outer, quotes.inner
    if not opening or not closing or opening == closing:
        return markup

    def quoted(match: re.Match[str]) -> str:
        depth = markup.count(opening, 0, match.start()) - markup.count(closing, 0, match.start())
        start, end = (inner_opening, inner_closing) if depth > 0 else (opening, closing)
        return f"{start}{match.group(1)}{end}"

    return SINGLE_QUOTED.sub(quoted, markup)


def _stops_inside_quotes(markup: str) -> str:
    """A comma or full stop after a closing quote moved inside it, as citeproc-js does for American English: after
    a double quote, and after a right single quote only where it closes an opening one; otherwise it is an
    apostrophe, and the stop stays after it ("runners\u2019.")."""
    opened = 0

    def moved(match: re.Match[str]) -> str:
        nonlocal opened
        if match.group(1):
            opened += 1
            return match.group(0)
        quote, stop = match.group(2), match.group(3)
        if quote == "\u2019":
            if not opened:
                return match.group(0)
            opened -= 1
        return stop + quote

    return QUOTE_MARK.sub(moved, markup)


def _prints_words(markup: str) -> bool:
    """Whether formatted (still hidden) markup prints a letter or a digit."""
    return any(ch.isalnum() for ch in html.unescape(TAG.sub("", markup)).translate(REVEAL))


def _disambiguated(
    css: CitationStylesStyle, references: list[dict[str, Any]]
) -> tuple[dict[str, citeproc_disambiguation.Shown], list[dict[str, Any]]]:
    """How each cite shows its names, and the references with the year suffixes they need (see
    citeproc_disambiguation), which citeproc-py lacks."""
    citation = _citation(css)
    if not citeproc_disambiguation.wanted(citation):  # a numbered style: nothing registered for none
        return {}, references
    bibliography, registered = _registered(css, references, [])
    items = {citations.key(ref["id"]): ref for ref in references}
    keys = list(bibliography.keys)
    shown, suffixes = citeproc_disambiguation.disambiguated(
        citation, keys, items, lambda key: _cite(bibliography, registered[key,], Quotes())
    )
    suffixed = [
        {**ref, "year-suffix": suffixes[key]} if (key := citations.key(ref["id"])) in suffixes else ref for ref in references
    ]
    return shown, suffixed


def _formatted(
    css: CitationStylesStyle,
    references: list[dict[str, Any]],
    clusters: tuple[tuple[str, ...], ...],
    language: str,
    further: tuple[str, ...] = (),
    own: bool = True,
) -> References:
    """The references of `references` cited in `clusters`, in the style `css`; `own`: a clinic's style, not one
    shipped (whose citations print a number, or a name, title or date, for any item: see the oracle tests)."""
    keys = list(clusters)
    cited = list(dict.fromkeys(part for key in keys for part in key))
    shown, references = _disambiguated(css, references)
    # The poster's sources line: every cited source as one cluster (after the clusters, so it numbers nothing).
    sources_key = tuple(cited)
    bibliography, registered = _registered(css, references, [*keys, sources_key] if cited else keys)
    quotes = _quotes(css)
    # a source's titles in its own language, where that is not the routine's; each cite's names as disambiguated
    with title_languages.marked(language), citeproc_disambiguation.chosen(shown):
        formatted = {key: _shown(citation_tied(_cite(bibliography, registered[key], quotes))) for key in keys}
        cluster = _cite(bibliography, registered[sources_key], quotes) if cited else ""
        printed = bibliography.bibliography()
    sources, numbered = "", False
    if cited:
        sources = _shown(citation_tied(re.sub(r"^[(\[](.*)[)\]]$", r"\1", cluster)))
        numbered = not any(ch.isalpha() for ch in html.unescape(TAG.sub("", sources)))
    items = {citations.key(ref["id"]): ref for ref in references}
    months = _months(css)
    if len(printed) < len(bibliography.keys):  # citeproc leaves out an entry the style prints nothing of
        unprinted = [
            key for key, item in zip(bibliography.keys, bibliography.items, strict=True) if not css.render_bibliography([item])
        ]
        raise UnprintedEntryError(unprinted[0] if unprinted else bibliography.keys[-1])
    # A clinic's citation that prints no word or number ("()" in the text: a style citing only a URL an item has not)
    for key in cited if own else ():
        if not _prints_words(_cite(bibliography, registered[citations.key(key),], quotes)):
            raise UnprintedEntryError(citations.key(key), cited=True)
    entries = [
        _shown(entry_tied(_linkify(_typeset(_marked(str(entry)), quotes), items[citations.key(key)]), months))
        for key, entry in zip(bibliography.keys, printed, strict=True)
    ]
    if _numbered(css):  # the number its own field, as CSL's second-field-align asks: "1. Perlman AI…"
        entries = [NUMBER_FIELD.sub(lambda match: match.group(1) + "\u00a0", entry, count=1) for entry in entries]
    cited_keys = {citations.key(key) for key in cited}
    # Further reading: listed on purpose, never cited; a cited source stays among the references.
    apart = [citations.key(key) in further and citations.key(key) not in cited_keys for key in bibliography.keys]
    return References(
        formatted,
        tuple(entry for entry, out in zip(entries, apart, strict=True) if not out),
        "" if numbered else sources,
        tuple(entry for entry, out in zip(entries, apart, strict=True) if out),
        keys=tuple(key for key, out in zip(bibliography.keys, apart, strict=True) if not out),
        numbered=numbered,
    )
