"""Font subsets made once: for every subset of every face a document embeds (the characters its text used,
given codes in the order they were met), reportlab makes a font file of those glyphs, walking the face's glyph
table, and a ToUnicode map of those codes. A large-print copy embeds some of the subsets its standard copy
does (the same characters met in the same order: the knee routine's bold in both handouts, every face of its
posters), and a batch's patients the same ones again: each is made once here, and kept while it is among the
last SUBSETS_MOST made.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFontFile

from handouts.pdf.tounicode import to_unicode_cmap

SUBSETS_MOST = 64  # of each kind: a routine's five outputs embed about twenty subsets (four faces, one or two each)
_MAKE_SUBSET = TTFontFile.__dict__["makeSubset"]  # reportlab's own
_TO_UNICODE = to_unicode_cmap  # reportlab's, with characters past U+FFFF as UTF-16 (see tounicode)
_FILES: dict[Hashable, bytes] = {}  # by the face (parsed once per process) and the subset's codes
_MAPS: dict[Hashable, str] = {}  # by the subset's font name and codes


def _kept(store: dict[Hashable, Any], key: Hashable, make: Callable[[], Any]) -> Any:
    """What `make` makes, kept in `store` under `key`, the least recently made dropped past SUBSETS_MOST."""
    found = store.get(key)
    if found is None:
        while len(store) >= SUBSETS_MOST:
            del store[next(iter(store))]
        found = store[key] = make()
    return found


def make_subset(self: TTFontFile, subset: list[int]) -> bytes:
    """reportlab's TTFontFile.makeSubset: the font file of `subset`'s glyphs, which depends on nothing but the
    face and the codes in their order."""
    return _kept(_FILES, (self, tuple(subset)), lambda: _MAKE_SUBSET(self, subset))  # type: ignore[no-any-return]


def to_unicode_map(fontname: str, subset: list[int]) -> str:
    """The ToUnicode map of a subset named `fontname` (see tounicode), its codes in their order."""
    return _kept(_MAPS, (fontname, tuple(subset)), lambda: _TO_UNICODE(fontname, subset))  # type: ignore[no-any-return]


def install() -> None:
    """Have reportlab make each subset's font file and map through this module (see reportlab_settings)."""
    TTFontFile.makeSubset = make_subset
    ttfonts.makeToUnicodeCMap = to_unicode_map
