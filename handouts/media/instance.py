"""A variable font's bold, as a TrueType font of its own: the PDFs can embed only a font's default instance,
and Noto Sans (the fallback font) ships as a variable font whose default is regular.

Instancing the whole font takes seconds (15 s for Noto Sans's 4,500 glyphs, over half of it for its layout tables,
which reportlab never reads); the few dozen characters a routine prints take about a tenth of a second of
processor time. fontTools is imported here only, when a bold is first made: a routine that prints none never
loads it.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

BOLD = 700.0  # the wght of a bold face (OpenType's usWeightClass for Bold)
# What reportlab reads of a font (outlines, metrics, character map, names) is kept; text shaping (GSUB, GPOS),
# which it does not do, is left out.
SHAPING = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH")


def bold_instance(path: Path, chars: Iterable[str]) -> bytes:
    """The variable TrueType font at `path` at its bold weight (its other axes, such as width, at their defaults),
    holding only `chars` (and the glyphs they are made of), as the bytes of a static TrueType font named as the
    family's bold ("NotoSans-Bold")."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    # the file's own date: the same bytes every time; closed once saved (lazy, it reads the file until then)
    with TTFont(path, lazy=True, recalcTimestamp=False) as font:
        for tag in SHAPING:
            if tag in font:
                del font[tag]  # before the subsetter reads them (it would, to pack them again)
        options = subset.Options()
        options.layout_features = []
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted({ord(ch) for ch in chars}))
        subsetter.subset(font)
        axes = {axis.axisTag: axis for axis in font["fvar"].axes}
        pinned = {tag: axis.defaultValue for tag, axis in axes.items()}
        weight = axes.get("wght")
        if weight is not None:
            pinned["wght"] = min(max(BOLD, weight.minValue), weight.maxValue)
        instancer.instantiateVariableFont(font, pinned, inplace=True, updateFontNames=True)  # in place: no copy of it first
        out = io.BytesIO()
        font.save(out)
    return out.getvalue()
