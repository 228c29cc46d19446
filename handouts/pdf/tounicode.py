"""The map from an embedded font's codes back to the characters they print (a PDF's ToUnicode CMap), which
readers, screen readers and copying read text through.

reportlab writes each character as four hex digits, and a character beyond Unicode's first 65,536 (a smiley the
symbols font draws, 😊, U+1F60A) as five, where the map holds UTF-16 (ISO 32000-1 9.10.3): read as 'ὠ' (U+1F60)
and a stray character. Those are written here as their UTF-16 surrogate pairs; reportlab's map is otherwise kept
as it writes it, so a file with none is byte for byte the same.
"""

from __future__ import annotations

import re

from reportlab.pdfbase import ttfonts

_REPORTLABS = ttfonts.makeToUnicodeCMap  # taken before handouts.pdf.subsets installs its own in its place
WIDE = re.compile(r"<([0-9A-F]{5,6})>$", re.MULTILINE)  # a character past U+FFFF, at the end of its bfchar line


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's makeToUnicodeCMap, each character of `subset` (by its code in the subset) in UTF-16."""
    return WIDE.sub(lambda found: f"<{_utf16(int(found[1], 16))}>", _REPORTLABS(fontname, subset))


def _utf16(char: int) -> str:
    """`char` (past U+FFFF) as the hex digits of its UTF-16 surrogate pair."""
    return chr(char).encode("utf-16-be").hex().upper()
