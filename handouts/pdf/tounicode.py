"""The map from an embedded font's codes back to the characters they print (a PDF's ToUnicode CMap), which
readers, screen readers and copying read text through.

reportlab writes each character as four hex digits, and a character beyond Unicode's first 65,536 (a smiley the
symbols font draws, 😊, U+1F60A) as five, where the map holds UTF-16 (ISO 32000-1 9.10.3): read as 'ὠ' (U+1F60)
and a stray character. Each is written here as its UTF-16 code units, a pair for those; every other character is
written as reportlab wrote it, so a file with none is byte for byte the same.
"""

from __future__ import annotations


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's makeToUnicodeCMap, each character of `subset` (by its code in the subset) in UTF-16."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{code:02X}> <{_utf16(char)}>" for code, char in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


def _utf16(char: int) -> str:
    """`char` as the hex digits of its UTF-16 code units: four, or eight for a surrogate pair."""
    if char <= 0xFFFF:
        return f"{char:04X}"
    return chr(char).encode("utf-16-be").hex().upper()
