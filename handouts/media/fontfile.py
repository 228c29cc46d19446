"""A TrueType file's structure checked where reportlab's parser trusts it (a font may come from the internet).

reportlab reads a character map's ranges as the file gives them: a damaged range (a group from U+0000 to
4,294,967,295) keeps it counting for hours. And it reads the glyphs themselves only when it writes a PDF:
a damaged glyph table fails there, with every output already laid out. Both are found when the font is
loaded, so that a damaged font is one error naming the brand's font; so are letters of no width or of
many em, which reportlab sets as given.
"""

from __future__ import annotations

import struct
import unicodedata

from reportlab.pdfbase.ttfonts import TTFont

UNICODE = 0x110000  # code points in Unicode: no character map of a sound font maps more
# A composite glyph's flags (OpenType's glyf table), as reportlab's subsetting reads them.
ARGS_ARE_WORDS, SCALE, MORE_COMPONENTS, XY_SCALE, TWO_BY_TWO = 1 << 0, 1 << 3, 1 << 5, 1 << 6, 1 << 7


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


# The name records reportlab reads a font's PostScript name from (Windows Unicode US English, Macintosh Roman
# English), and the names it falls back to, in turn, where a font has none: its full name, then its family's.
NAME_RECORDS = {(3, 1, 0x409): "utf_16_be", (1, 0, 0): "mac_roman"}
POSTSCRIPT_NAMES = (6, 4, 1)
# What reportlab refuses in a PDF font's name: PostScript's delimiters and anything beyond ASCII (a space it
# turns into a hyphen itself, and '#' and the rest it writes escaped).
NOT_IN_A_NAME = frozenset(b"[](){}<>/%") | frozenset(range(127, 256))


def usable_postscript_name(data: bytes) -> bytes:
    """The TrueType file `data` with the PostScript name reportlab will give its PDF font made of what a PDF
    font name can hold: each character it cannot, a hyphen. reportlab refuses a font whose name has a bracket,
    a slash or a letter beyond ASCII ('Ærø Grotesk' as a font without a PostScript name of its own is named
    by its full name) as if it were no font at all; the name is only the PDF's label for the font. The file's
    length and everything else in it are kept; struct.error if its name table is cut short."""
    start = struct.unpack_from(">I", data, 12)[0] if data[:4] == b"ttcf" else 0
    (tables,) = struct.unpack_from(">H", data, start + 4)
    found = [struct.unpack_from(">4sIII", data, entry) for entry in range(start + 12, start + 12 + 16 * tables, 16)]
    table = next((offset for tag, _, offset, _ in found if tag == b"name"), None)
    if table is None:
        return data
    count, storage = struct.unpack_from(">HH", data, table + 2)
    records = [struct.unpack_from(">6H", data, table + 6 + 12 * index) for index in range(count)]
    named = [record for record in records if record[:3] in NAME_RECORDS and record[4]]
    chosen = next((name for name in POSTSCRIPT_NAMES if any(record[3] == name for record in named)), None)
    fixed = bytearray(data)
    for platform, encoding, language, name, length, offset in named:
        if name != chosen:
            continue
        at = table + storage + offset
        if NAME_RECORDS[platform, encoding, language] == "mac_roman":
            for index in range(at, at + length):
                if fixed[index] in NOT_IN_A_NAME:
                    fixed[index] = ord("-")
        else:
            for index in range(at, at + length - 1, 2):
                if fixed[index] or fixed[index + 1] in NOT_IN_A_NAME:
                    fixed[index : index + 2] = b"\x00-"
    return bytes(fixed)


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
    """ValueError (or struct.error) where reportlab's subsetting of the font would fail as it writes a PDF: a
    glyph the character map or a composite glyph names that the font does not have, a glyph placed outside
    the glyph table, a composite glyph whose parts run past its end. Every glyph a subset can reach is read
    once, as reportlab's subsetting reads it, and nothing is made (making every subset took 40 ms for DejaVu
    Sans, 0.2 s for a CJK font, in every process)."""
    face = font.face
    data = face._ttf_data  # the file as reportlab read it (it keeps no other copy)
    start, length = face.get_table_pos("glyf")
    positions = face.glyphPos
    count = min(len(positions) - 1, len(face.hmetrics))  # glyphs with a place in the table and metrics
    todo = list({0, *face.charToGlyph.values()})
    seen = set(todo)
    while todo:
        glyph = todo.pop()
        if not 0 <= glyph < count:
            raise ValueError(f"glyph {glyph} is named but the font has {count}")
        first, end = positions[glyph], positions[glyph + 1]
        if not 0 <= first <= end <= length:
            raise ValueError(f"glyph {glyph} lies outside the glyph table")
        if end == first or struct.unpack_from(">h", data, start + first)[0] >= 0:
            continue  # empty, or a simple glyph: copied as it is
        at, flags = start + first + 10, MORE_COMPONENTS
        while flags & MORE_COMPONENTS:  # a composite glyph: its parts, each a glyph of its own
            if at + 4 > start + end:
                raise ValueError(f"composite glyph {glyph} runs past its end")
            flags, part = struct.unpack_from(">HH", data, at)
            at += 4 + (4 if flags & ARGS_ARE_WORDS else 2)
            at += 2 if flags & SCALE else 4 if flags & XY_SCALE else 8 if flags & TWO_BY_TWO else 0
            if part not in seen:
                seen.add(part)
                todo.append(part)


# How far beyond its glyphs' reach (thousandths of the size) the line spacing a font asks for is believed: a font's
# ascent and descent are often a little beyond its tallest and deepest glyphs (Atkinson Hyperlegible's descent is
# 0.29 em, its deepest glyph 0.25), and a font whose glyphs stand on the baseline may ask for some room below it.
BEYOND_REACH = 250


def within_reach(font: TTFont) -> None:
    """The font's ascent and descent (thousandths of the size) kept within a quarter em of its glyphs' reach (its
    bounding box), where the font asks for more, or for none. They are the line spacing a font asks for, and a
    font may ask for any: one asking for eight times the depth its glyphs reach had each big step number
    measured as reaching that far below its line, and the poster's steps set smaller to make room for it
    (15.5 pt, not 21.5), and PDF readers boxed its letters far below where they are (text copied out of order)."""
    face = font.face
    _, low, _, high = face.bbox
    low, high = min(low, 0), max(high, 0)
    if not low - BEYOND_REACH <= face.descent < 0:
        face.descent = low
    if not 0 < face.ascent <= high + BEYOND_REACH:
        face.ascent = high


LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
WIDEST = 3000  # thousandths of the size: the widest letter of a sound font is about 1.2 em
# Thousandths of the size the widest Latin letter (an M or a W) reaches in any sound font: over half an em, in a
# monospaced or condensed one too. A font whose unitsPerEm is many times its drawing's scale prints smaller still.
NARROWEST_WIDEST = 250


def unprintable_width(font: TTFont) -> str | None:
    """A Latin letter or digit the font has whose advance width is none or several em, or the widest of them if
    even it is a fraction of an em (a damaged or mis-scaled font: the letters of a handout overprinted each
    other, each took a line, or all printed a fraction of their size), or else its space if that is so (every
    word of a handout ran into the next); None for none."""
    face = font.face
    widths = {ch: face.charWidths.get(ord(ch), 1) for ch in LETTERS if face.charToGlyph.get(ord(ch))}
    for ch, width in widths.items():
        if not 0 < width <= WIDEST:
            return ch
    widest = max(widths, key=widths.__getitem__, default=None)
    if widest is not None and widths[widest] < NARROWEST_WIDEST:
        return widest
    return " " if face.charToGlyph.get(32) and not 0 < face.charWidths.get(32, 0) <= WIDEST else None


# The kinds of character (Unicode's general categories, by their first letter) that move the pen on by their own
# width: letters, digits, punctuation and symbols. Marks (accents set over the letter before them) do not.
ADVANCING = frozenset("LNPS")


def drawn_characters(font: TTFont) -> frozenset[str]:
    """The characters the font has a glyph of that it can set (a character mapped to glyph 0, .notdef, the empty
    box, is one it lacks: DejaVu Sans ExtraLight maps 73), less the letters, digits, punctuation and symbols its
    glyph gives no width: a damaged font's é or dash of no width printed over the letter after it ('Cafe' with
    its accent on the space, a dash through the next word). Those print in a fallback font, as a character the
    font lacks does."""
    face = font.face
    widths = face.charWidths
    return frozenset(
        chr(code)
        for code, glyph in face.charToGlyph.items()
        if glyph and (widths.get(code, 1) > 0 or unicodedata.category(chr(code))[0] not in ADVANCING)
    )


def default_weight(font: TTFont) -> float | None:
    """The weight a variable font prints in (its `wght` axis's default: a PDF embeds that instance only), or None
    for a font of one weight."""
    try:
        table = font.face.get_table("fvar")
        offset, _, count, size = struct.unpack_from(">HHHH", table, 4)
        for at in range(offset, offset + count * size, size):
            tag, _, default = struct.unpack_from(">4sii", table, at)
            if tag == b"wght":
                return default / 65536
    except (KeyError, struct.error, TypeError):
        return None
    return None


def _u16(font: TTFont, table: str, offset: int) -> int | None:
    """The unsigned 16-bit number at `offset` in the font's `table`, or None where it has no such table or the
    table is too short."""
    try:
        (value,) = struct.unpack_from(">H", font.face.get_table(table), offset)
    except (KeyError, struct.error, TypeError):
        return None
    return int(value)


def italic_face(font: TTFont) -> bool:
    """Whether a font says it is an italic or oblique face: its OS/2 fsSelection bit 0 or 9, or where it has no
    OS/2 table, its head table's macStyle bit 1."""
    for table, offset, bits in (("OS/2", 62, 1 | 1 << 9), ("head", 44, 1 << 1)):
        flags = _u16(font, table, offset)
        if flags is not None:
            return bool(flags & bits)
    return False


def static_weight(font: TTFont) -> int | None:
    """The weight a font of one weight says it is (its OS/2 usWeightClass: 400 regular, 700 bold), or None
    where it says none."""
    weight = _u16(font, "OS/2", 4)
    return weight if weight is not None and 100 <= weight <= 1000 else None  # some old fonts give 1-9, a scale of their own
