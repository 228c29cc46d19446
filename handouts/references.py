"""Citations and the reference list, formatted once by citeproc-py.

The strings made here serve every variant: they use reportlab's inline
markup (`<i>`, `<b>`…), and a theme decides how italics look (large print
maps them to an upright face).
"""

from __future__ import annotations

import difflib
import functools
import html
import io
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace

import citeproc
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.source.json import CiteProcJSON

from handouts import citations
from handouts.breaks import citation_tied, entry_tied
from handouts.errors import OptionError
from handouts.files import UnreadableFileError, read_bytes
from handouts.models import Content

STYLES = Path(__file__).parent / "styles"  # shipped CSL styles, by name (see styles/NOTICE.md)
DEFAULT_STYLE = STYLES / "harvard-cite-them-right.csl"
ALIASES = {"harvard": "harvard-cite-them-right", "ama": "american-medical-association", "chicago": "chicago-author-date"}


def shipped_styles() -> list[str]:
    """The names of the styles that ship, the default first."""
    names = sorted(path.stem for path in STYLES.glob("*.csl"))
    return [DEFAULT_STYLE.stem, *(name for name in names if name != DEFAULT_STYLE.stem)]


def style_path(style: str | Path | None, base: Path | None = None) -> Path:
    """A style given by name ("apa", "vancouver") or as a CSL file (relative to `base`); OptionError otherwise."""
    if style is None or str(style) == "":
        return DEFAULT_STYLE
    text = str(style)
    name = ALIASES.get(text.lower(), text.lower())
    if "/" not in text and "\\" not in text and not text.lower().endswith(".csl"):
        if (STYLES / f"{name}.csl").is_file():
            return STYLES / f"{name}.csl"
        close = difflib.get_close_matches(name, [*shipped_styles(), *ALIASES], n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise OptionError(f"unknown reference style {text!r}{hint}; the shipped styles: {', '.join(shipped_styles())}")
    path = Path(text)
    return path if path.is_absolute() or base is None else base / path


URL = re.compile(r"(https?://[^\s<]+[^\s<.,;)])")


def _wrap(tag: str) -> type[str]:
    class Wrapped(str):
        def __new__(cls, text: str) -> str:  # type: ignore[misc]
            return str.__new__(cls, f"<{tag}>{text}</{tag}>" if tag else text)

    return Wrapped


# A citeproc output format that speaks reportlab's paragraph markup.
REPORTLAB_FORMAT = SimpleNamespace(
    preformat=lambda text: html.escape(str(text), quote=False),
    Italic=_wrap("i"),
    Oblique=_wrap("i"),
    Bold=_wrap("b"),
    Light=_wrap(""),
    Underline=_wrap("u"),
    Superscript=_wrap("super"),
    Subscript=_wrap("sub"),
    SmallCaps=_wrap(""),
)


@functools.lru_cache(maxsize=8)
def _style(path: Path, locale: str) -> CitationStylesStyle:
    try:
        data = read_bytes(path, "csl")
    except UnreadableFileError as exc:
        raise OptionError(f"{path}: {exc}") from None
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # CSL styles never declare entities; they could pull in files
        raise OptionError(f"{path}: not a valid CSL style (it declares a DOCTYPE or entities)")
    try:
        return CitationStylesStyle(io.BytesIO(data), locale=locale, validate=False)
    except (OSError, ValueError) as exc:
        raise OptionError(f"{path}: cannot use this CSL style: {exc}") from None
    except Exception as exc:  # lxml syntax errors and citeproc's own
        raise OptionError(f"{path}: not a valid CSL style ({exc})") from None


def _locale(language: str) -> str:
    locales = Path(citeproc.__file__).parent / "data" / "locales"
    if (locales / f"locales-{language}.xml").exists():
        return language
    primary = language.split("-")[0]
    for candidate in sorted(locales.glob(f"locales-{primary}*.xml")):
        return candidate.stem.removeprefix("locales-")
    return "en-GB"


@dataclass(frozen=True)
class References:
    """Formatted citations (keyed by the cited ids) and bibliography entries."""

    citations: dict[tuple[str, ...], str]
    entries: tuple[str, ...]
    sources: str = ""  # every cited source as one in-text cluster, brackets removed (the poster's sources line)
    further: tuple[str, ...] = ()  # entries listed as further reading and not cited
    style: str = DEFAULT_STYLE.stem  # the style's name (its file's stem)

    def cite(self, ids: tuple[str, ...]) -> str:
        return self.citations[ids]


def _linkify(entry: str) -> str:
    return URL.sub(lambda m: f'<a href="{m.group(1)}">{m.group(1)}</a>', entry)


def format_references(content: Content, texts: list[str], style: Path | None = None) -> References:
    """Register every citation in `texts` (document order) and format them all."""
    style = style or DEFAULT_STYLE
    if not content.references:
        return References({}, (), "", style=style.stem)
    items = json.dumps([ref.csl() for ref in content.references], sort_keys=True)
    further = tuple(citations.key(ref) for ref in content.further_reading)
    return replace(_format(items, tuple(texts), style, content.language, further), style=style.stem)


@functools.lru_cache(maxsize=32)
def _format(items: str, texts: tuple[str, ...], style: Path, language: str, further: tuple[str, ...] = ()) -> References:
    """Cached: a batch of copies of one routine formats its references once."""
    css = _style(style, _locale(language))
    try:
        return _formatted(css, items, texts, further)
    except RecursionError:
        raise OptionError(f"{style}: the CSL style's macros call each other without end") from None
    except Exception as exc:  # a style citeproc-py can load but not apply fails in its own ways
        raise OptionError(f"{style}: cannot format the references with this CSL style ({type(exc).__name__}: {exc})") from None


NUMBER_FIELD = re.compile(r"^((?:<[^>]+>)*\[?\d+[.\]]?(?:</[^>]+>)*)\s*(?=\S)")


def _numbered(css: CitationStylesStyle) -> bool:
    """Whether the style's bibliography puts each entry's number in a field of its own."""
    bibliography = css.root.find("{http://purl.org/net/xbiblio/csl}bibliography")
    return bibliography is not None and bibliography.get("second-field-align") is not None


def _formatted(css: CitationStylesStyle, items: str, texts: tuple[str, ...], further: tuple[str, ...] = ()) -> References:
    references = json.loads(items)
    source = CiteProcJSON(references)
    bibliography = CitationStylesBibliography(css, source, REPORTLAB_FORMAT)
    keys: list[tuple[str, ...]] = []
    for text in texts:
        for _, key in citations.clusters(text):
            if key not in keys:
                keys.append(key)
    registered = {key: Citation([CitationItem(part) for part in key]) for key in keys}
    for citation in registered.values():
        bibliography.register(citation)
    formatted = {key: citation_tied(str(bibliography.cite(c, lambda item: None))) for key, c in registered.items()}
    cited = list(dict.fromkeys(part for key in keys for part in key))
    sources = ""
    if cited:
        cluster = Citation([CitationItem(key) for key in cited])
        bibliography.register(cluster)
        sources = citation_tied(re.sub(r"^[(\[](.*)[)\]]$", r"\1", str(bibliography.cite(cluster, lambda item: None))))
    for ref in references:
        if (citations.key(ref["id"]),) not in formatted:
            bibliography.register(Citation([CitationItem(ref["id"])]))
    bibliography.sort()
    entries = [entry_tied(_linkify(str(item))) for item in bibliography.bibliography()]
    if _numbered(css):  # the number its own field, as CSL's second-field-align asks: "1. Perlman AI…"
        entries = [NUMBER_FIELD.sub(lambda match: match.group(1) + "\u00a0", entry, count=1) for entry in entries]
    cited_keys = {citations.key(key) for key in cited}
    # Further reading: listed on purpose, never cited; a cited source stays among the references.
    apart = [citations.key(key) in further and citations.key(key) not in cited_keys for key in bibliography.keys]
    return References(
        formatted,
        tuple(entry for entry, out in zip(entries, apart, strict=True) if not out),
        sources,
        tuple(entry for entry, out in zip(entries, apart, strict=True) if out),
    )
