"""Citations and the reference list: the styles by name, and the formatted references, kept between runs.

Formatting is citeproc-py's work (:mod:`handouts.words.citeproc_format`): the largest part of a one-routine
build's own work, and the same each time the routine's references, its citations, its language and the style
are. Its result is kept in the user's cache (:mod:`handouts.cache`), keyed by those, by the versions of the code
that formats (citeproc-py's, Babel's, this package's) and by the style file's bytes, so a rebuild of an edited
routine whose references are unchanged neither imports citeproc-py nor formats them again.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import importlib.util
import json
import platform
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import babel
import lxml

from handouts import cache
from handouts.errors import OptionError
from handouts.input.files import UnreadableFileError, read_bytes
from handouts.input.models import Content
from handouts.words import citations, markdown

STYLES = Path(__file__).parent / "styles"  # shipped CSL styles, by name (see styles/NOTICE.md)
DEFAULT_STYLE = STYLES / "harvard-cite-them-right.csl"
ALIASES = {"harvard": "harvard-cite-them-right", "ama": "american-medical-association", "chicago": "chicago-author-date"}


def shipped_styles() -> list[str]:
    """The names of the styles that ship, the default first."""
    names = sorted(path.stem for path in STYLES.glob("*.csl"))
    return [DEFAULT_STYLE.stem, *(name for name in names if name != DEFAULT_STYLE.stem)]


def style_path(style: str | Path | None, base: Path | None = None) -> Path:
    """A style given by name ("apa", "vancouver") or as a CSL file (relative to `base`); OptionError otherwise. A
    name no shipped style has that names a folder is that folder (`--csl ./styles` comes as `styles`), for the
    reading to say what it is."""
    if style is None or str(style) == "":
        return DEFAULT_STYLE
    text = str(style)
    name = ALIASES.get(text.lower(), text.lower())
    if "/" not in text and "\\" not in text and not text.lower().endswith(".csl"):
        if (STYLES / f"{name}.csl").is_file():
            return STYLES / f"{name}.csl"
        if ((base or Path()) / text).is_dir():
            return base / text if base is not None else Path(text)
        close = difflib.get_close_matches(name, [*shipped_styles(), *ALIASES], n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise OptionError(f"unknown reference style {text!r}{hint}; the shipped styles: {', '.join(shipped_styles())}")
    path = Path(text)
    return path if path.is_absolute() or base is None else base / path


# A web address in an entry's other text (a note, a title): up to a space or a tag, the punctuation after it left
# out (see _address).
WEB_ADDRESS = re.compile(r"https?://[^\s<]+", re.IGNORECASE)


class StyleError(OptionError):
    """A CSL style file that cannot be read or used: its `path`, and the `reason` said after it."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


@dataclass(frozen=True)
class References:
    """Formatted citations (keyed by the cited ids) and bibliography entries."""

    citations: dict[tuple[str, ...], str]
    entries: tuple[str, ...]
    sources: str = ""  # every cited source as one in-text cluster, brackets removed (the poster's sources line)
    further: tuple[str, ...] = ()  # entries listed as further reading and not cited
    style: str = DEFAULT_STYLE.stem  # the style's name (its file's stem)
    keys: tuple[str, ...] = ()  # each entry's reference id, in the list's order
    # A numbered style's cluster is numbers alone ("1,2,3"), which name nothing on a poster without the list:
    # then `sources` is empty and this is True, and the poster says the handout lists them.
    numbered: bool = False

    def cite(self, keys: tuple[str, ...]) -> str | None:
        """A citation's text, by its ids' keys; None for one that was not among the texts formatted."""
        return self.citations.get(keys)


def shipped(style: Path) -> bool:
    """Whether `style` is one of the styles shipped (checked against citeproc-js), not a clinic's own file."""
    return style.parent == STYLES


def format_references(content: Content, texts: list[str], style: Path | None = None) -> References:
    """Register every citation in `texts` (document order) and format them all."""
    style = style or DEFAULT_STYLE
    if not content.references:
        if not shipped(style):  # a clinic's own file is read all the same: a mistyped name is said now, not later
            from handouts.words import citeproc_format

            citeproc_format.read_style(style, content.language)
        return References({}, (), "", style=style.stem)
    items = tuple(ref.csl() for ref in content.references)
    further = tuple(citations.key(ref) for ref in content.further_reading)
    try:  # the style's bytes, not its size and time of change: an edit that kept both is another style
        data: bytes | None = read_bytes(style, "csl")
    except UnreadableFileError:  # said as citeproc_format says it
        data = None
    clusters, language = cited_clusters(texts), content.language
    try:
        kept = json.dumps(items, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):  # not JSON (never from a routine's YAML): formatted, not kept
        from handouts.words import citeproc_format  # citeproc-py and lxml: imported only to format afresh

        return citeproc_format.formatted(list(items), clusters, style, language, further, data)
    return _kept_as(kept, clusters, style, data, language, further)


def cited_clusters(texts: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    """Each citation in `texts` as the ids it cites, in the order the texts first cite it, once: all the
    formatting reads of the texts, so rewording a text that cites the same sources formats nothing again."""
    clusters: list[tuple[str, ...]] = []
    for text in texts:
        for cluster in map(citations.keys, markdown.cited(text)):
            if cluster not in clusters:
                clusters.append(cluster)
    return tuple(clusters)


@functools.lru_cache(maxsize=32)
def _kept_as(
    items: str,
    clusters: tuple[tuple[str, ...], ...],
    style: Path,
    data: bytes | None,
    language: str,
    further: tuple[str, ...],
) -> References:
    """The references formatted, from the cache folder where they were before, else by citeproc-py (and then
    kept there). Cached in the process too: a batch of copies of one routine looks its references up once (again
    once the style file's bytes, `data`, have changed; None where it cannot be read, which formatting says)."""
    digest = hashlib.sha256(data).hexdigest() if data is not None else None
    name = cache.key("references", items, clusters, digest, language, further, _formatter_stamp())  # None: no digest or stamp
    found = _decoded(cache.read("references", name), style.stem) if name is not None else None
    if found is None:  # formatted in the style these bytes are, whatever the file holds by now
        from handouts.words import citeproc_format  # citeproc-py and lxml: imported only to format afresh

        found = citeproc_format.formatted(json.loads(items), clusters, style, language, further, data)
        if name is not None:  # code that cannot be stamped keeps nothing, as nothing tells its entries apart
            cache.write("references", name, _encoded(found))
    return found


@functools.cache
def _formatter_stamp() -> tuple[str, ...] | None:
    """What the formatting depends on besides this package's code and its inputs: citeproc-py's code and data
    (found, not imported), Babel's version (its dates choose the CSL locale), lxml's (it reads the styles and
    locales citeproc-py formats by) and Python's (its Unicode tables change case); None where citeproc-py's code
    cannot be stamped."""
    spec = importlib.util.find_spec("citeproc")
    folders = spec.submodule_search_locations if spec is not None else None
    stamp = cache.code_stamp(Path(folders[0])) if folders else None
    return (stamp, babel.__version__, lxml.__version__, platform.python_version()) if stamp is not None else None


def _encoded(references: References) -> dict[str, Any]:
    return {
        "citations": [[list(keys), text] for keys, text in references.citations.items()],
        "entries": list(references.entries),
        "sources": references.sources,
        "further": list(references.further),
        "keys": list(references.keys),
        "numbered": references.numbered,
    }


def _strings(value: Any) -> tuple[str, ...] | None:
    return tuple(value) if isinstance(value, list) and all(isinstance(item, str) for item in value) else None


def _decoded(kept: Any, style: str) -> References | None:
    """The References an entry holds, or None for one that is not such an entry (a damaged file)."""
    if not isinstance(kept, dict):
        return None
    pairs = kept.get("citations")
    if not isinstance(pairs, list) or not all(isinstance(pair, list) and len(pair) == 2 for pair in pairs):
        return None
    cited = {_strings(keys): text for keys, text in pairs}
    entries, further, keys = (_strings(kept.get(field)) for field in ("entries", "further", "keys"))
    sources, numbered = kept.get("sources"), kept.get("numbered")
    if None in cited or not all(isinstance(text, str) for text in cited.values()) or len(cited) != len(pairs):
        return None
    if entries is None or further is None or keys is None or not isinstance(sources, str) or not isinstance(numbered, bool):
        return None
    return References(cited, entries, sources, further, style, keys, numbered)  # type: ignore[arg-type]
