"""A TrueType file's structure checked where reportlab's parser trusts it (a font may come from the internet).

reportlab reads a character map's ranges as the file gives them: a damaged range (a group from U+0000 to
4,294,967,295) keeps it counting for hours. And it reads the glyphs themselves only when it writes a PDF:
a damaged glyph table fails there, with every output already laid out. Both are found when the font is
loaded, so that a damaged font is one error naming the brand's font.
"""

from __future__ import annotations

import struct

from reportlab.pdfbase.ttfonts import TTFont

UNICODE = 0x110000  # code points in Unicode: no character map of a sound font maps more
SUBSET = 256  # characters in each subset reportlab embeds


def check_character_map(data: bytes) -> None:
    """ValueError if a character map in the TrueType file (or the first font of a collection) `data` maps more
    characters than Unicode has; struct.error if it is cut short."""
    start = struct.unpack_from(">I", data, 12)[0] if data[:4] == b"ttcf" else 0
    (tables,) = struct.unpack_from(">H", data, start + 4)
    for entry in range(start + 12, start + 12 + 16 * tables, 16):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, entry)
        if tag == b"cmap":
            version, count = struct.unpack_from(">HH", data, offset)
            count = version if count == 0 else count  # reportlab reads the two either way round
            for record in range(offset + 4, offset + 4 + 8 * count, 8):
                if _codes(data, offset + struct.unpack_from(">I", data, record + 4)[0]) > UNICODE:
                    raise ValueError("a character map maps more characters than Unicode has")


def _codes(data: bytes, at: int) -> int:
    """How many characters the character map subtable at `at` maps, as reportlab counts them."""
    (form,) = struct.unpack_from(">H", data, at)
    if form == 4:
        segments = struct.unpack_from(">H", data, at + 6)[0] // 2
        ends = struct.unpack_from(f">{segments}H", data, at + 14)
        starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
        return sum(max(0, end - first + 1) for first, end in zip(starts, ends, strict=True))
    if form == 10:
        return struct.unpack_from(">I", data, at + 16)[0]
    if form in (12, 13):
        (groups,) = struct.unpack_from(">I", data, at + 12)
        if groups > UNICODE:
            return groups
        ranges = struct.unpack_from(f">{3 * groups}I", data, at + 16)
        return sum(max(0, end - first + 1) for first, end in zip(ranges[::3], ranges[1::3], strict=True))
    return 0  # formats 0, 2 and 6 map at most 65,536 characters


def check_glyphs(font: TTFont) -> None:
    """reportlab's subsets of every glyph the font maps, made once and thrown away: what they fail on (a glyph
    outside the glyph table, a part of a composite glyph that does not exist) fails here, not in a PDF."""
    codes = sorted(font.face.charToGlyph)
    for first in range(0, len(codes), SUBSET):
        font.face.makeSubset(codes[first : first + SUBSET])
