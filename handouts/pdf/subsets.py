"""Font subsets made once: for every subset of every face a document embeds (the characters its text used,
given codes in the order they were met), reportlab makes a font file of those glyphs, walking the face's glyph
table, and a ToUnicode map of those codes. A large-print copy embeds some of the subsets its standard copy
does (the same characters met in the same order: the knee routine's bold in both handouts, every face of its
posters), and a batch's patients the same ones again: each is made once here, and kept while it is among the
SUBSETS_MOST used last.
"""

from __future__ import annotations

import functools

from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFontFile

from handouts.pdf.tounicode import to_unicode_cmap

SUBSETS_MOST = 64  # of each kind: a routine's five outputs embed about twenty subsets (four faces, one or two each)
_MAKE_SUBSET = TTFontFile.__dict__["makeSubset"]  # reportlab's own


@functools.lru_cache(maxsize=SUBSETS_MOST)
def _subset_file(face: TTFontFile, codes: tuple[int, ...]) -> bytes:
    return _MAKE_SUBSET(face, list(codes))  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=SUBSETS_MOST)
def _subset_map(fontname: str, codes: tuple[int, ...]) -> str:
    return to_unicode_cmap(fontname, list(codes))  # reportlab's, characters past U+FFFF as UTF-16


def make_subset(self: TTFontFile, subset: list[int]) -> bytes:
    """reportlab's TTFontFile.makeSubset: the font file of `subset`'s glyphs, which depends on nothing but the
    face (parsed once per process) and the codes in their order."""
    return _subset_file(self, tuple(subset))


def to_unicode_map(fontname: str, subset: list[int]) -> str:
    """The ToUnicode map of a subset named `fontname` (see tounicode), its codes in their order."""
    return _subset_map(fontname, tuple(subset))


def install() -> None:
    """Have reportlab make each subset's font file and map through this module (see reportlab_settings)."""
    TTFontFile.makeSubset = make_subset
    ttfonts.makeToUnicodeCMap = to_unicode_map
