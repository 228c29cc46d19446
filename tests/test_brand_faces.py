"""A clinic's brand as a hostile file may give it: a damaged font's letters of no width, a font whose space has none,
a symbol font, a font whose licence says "restricted" beside a reserved bit, a text colour typed without its '#',
a copyright sign typed on a phone ('©️', with its unseen variation selector). Each prints as typed, in letters that
do not overprint, or is one error naming brand.yaml's line and key, which `check` says as `build` does. The
fonts are made with fontTools from the font handouts ships; the facts are read back from the PDFs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import yaml
from conftest import build_one, flat, pdf_text


def _brand(workdir: Path, **changes: Any) -> Path:
    brand = workdir / "brand.yaml"
    data = yaml.safe_load(brand.read_text(encoding="utf-8"))
    data.update(changes)
    brand.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return brand


def test_a_text_colour_typed_without_its_hash_is_that_colour(workdir: Path) -> None:
    """`text: 111111` (unquoted, as `primary: 14545C` is taken) was read as the number 111111 and refused
    ('expected text, got a number'), where primary and accent took the same hex code as typed."""
    brand = workdir / "brand.yaml"
    lines = brand.read_text(encoding="utf-8").replace('text: "#1A1A1A"', "text: 111111")
    brand.write_text(lines, encoding="utf-8")
    assert "text: 111111" in lines
    path = build_one(workdir / "content.yaml", brand, workdir / "out")
    with pdfplumber.open(path) as pdf:
        colours = {tuple(round(c * 255) for c in ch["non_stroking_color"]) for ch in pdf.pages[0].chars}
    assert (0x11, 0x11, 0x11) in colours, colours


def test_a_variation_selector_after_a_sign_prints_the_sign(workdir: Path) -> None:
    """'© 2026' typed on a phone carries U+FE0F after the sign (show it as an emoji): the glyph check refused the
    tagline naming a character no one could see; left in, it printed as an empty box beside the sign."""
    brand = _brand(workdir, tagline="Care since \u00a9\ufe0f 2026")
    path = build_one(workdir / "content.yaml", brand, workdir / "out")
    text = pdf_text(path)
    assert "Care since © 2026" in flat(text), text[:300]
    with pdfplumber.open(path) as pdf:
        assert not [ch for ch in pdf.pages[0].chars if ch["text"] in ("\x00", "\ufffd", "\ufe0f")]
