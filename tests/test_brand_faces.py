"""A clinic's brand as a hostile file may give it: a damaged font's letters of no width, a font whose space has none,
a symbol font, a font whose licence says "restricted" beside a reserved bit, a text colour typed without its '#',
a copyright sign typed on a phone ('©️', with its unseen variation selector). Each prints as typed, in letters that
do not overprint, or is one error naming brand.yaml's line and key, which `check` says as `build` does. The
fonts are made with fontTools from the font handouts ships; the facts are read back from the PDFs."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import fontpkg
import pdfplumber
import pytest
import yaml
from conftest import build_one, face_name, flat, pdf_text, run
from fontTools.ttLib import TTFont

NAME = "Café “Best” – Physio"


def _font(path: Path, change: Any) -> None:
    """Atkinson Hyperlegible's regular, changed by `change` (a function of the fontTools font), saved at `path`."""
    font = TTFont(fontpkg.path("Atkinson Hyperlegible", 400))
    change(font)
    font.save(path)


def _brand(workdir: Path, **changes: Any) -> Path:
    brand = workdir / "brand.yaml"
    data = yaml.safe_load(brand.read_text(encoding="utf-8"))
    data.update(changes)
    brand.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return brand


def _line(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def _no_width(*chars: str) -> Any:
    def change(font: TTFont) -> None:
        cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
        for ch in chars:
            metrics[cmap[ord(ch)]] = (0, metrics[cmap[ord(ch)]][1])

    return change


def test_a_fonts_letters_of_no_width_print_in_a_fallback_not_over_the_next(workdir: Path) -> None:
    """A damaged font giving é, the curly quotes and the dash no width printed each over the letter after it in
    the clinic's name ('Caf' with its accent on the space, the dash through 'Physio'). They print in the
    fallback face, side by side with the letters around them."""
    _font(workdir / "damaged.ttf", _no_width("é", "“", "”", "–"))
    brand = _brand(workdir, name=NAME, font={"regular": "damaged.ttf"})
    path = build_one(workdir / "content.yaml", brand, workdir / "out")
    with pdfplumber.open(path) as pdf:
        chars = [ch for ch in pdf.pages[0].chars if ch["top"] < 150]  # the header band: the clinic's name
    start = "".join(ch["text"] for ch in chars).index(NAME)
    name = chars[start : start + len(NAME)]
    assert "".join(ch["text"] for ch in name) == NAME
    for ch in name:
        if ch["text"] in "é“”–":
            assert face_name(ch["fontname"]).startswith("NotoSans"), (ch["text"], ch["fontname"])
    for before, after in itertools.pairwise(name):
        assert after["x0"] >= before["x1"] - 0.5, (before["text"], after["text"])


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_font_whose_space_has_no_width_is_refused_at_its_line(workdir: Path, command: str) -> None:
    """Every word of the handout ran into the next ('Self-massageforkneeosteoarthritis')."""
    _font(workdir / "spaceless.ttf", _no_width(" "))
    brand = _brand(workdir, font={"regular": "spaceless.ttf"})
    code, output = run(command, str(workdir / "content.yaml"), "--brand", str(brand), "--out", str(workdir / "out"))
    line = _line(brand, "regular: spaceless.ttf")
    said = f"{brand}:{line}: font.regular: spaceless.ttf gives its space a width of 0 em, so its text cannot be set"
    assert code == 1 and said in flat(output), output
    assert not (workdir / "out").exists() or not list((workdir / "out").glob("*.pdf"))


def _symbol_map(font: TTFont) -> None:
    """The font's letters at U+F020 on, in a symbol character map alone, as Wingdings has its own."""
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    table = CmapSubtable.newSubtable(4)
    table.platformID, table.platEncID, table.language = 3, 0, 0
    table.cmap = {0xF000 + code: glyph for code, glyph in font.getBestCmap().items() if code < 0x100}
    font["cmap"].tables = [table]


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_symbol_font_given_for_text_is_refused_at_its_line(workdir: Path, command: str) -> None:
    """A symbol font has no space: its words printed in the fallback face, and each space the engine set in the
    clinic's face printed as an empty box (the notdef glyph) in the poster's help strip and safety strip."""
    _font(workdir / "symbols.ttf", _symbol_map)
    brand = _brand(workdir, font={"regular": "symbols.ttf"})
    code, output = run(command, str(workdir / "content.yaml"), "--brand", str(brand), "--out", str(workdir / "out"))
    line = _line(brand, "regular: symbols.ttf")
    said = f"{brand}:{line}: font.regular: symbols.ttf has no space, so the words set in it would print with empty boxes"
    assert code == 1 and said in flat(output), output


def test_a_font_restricted_beside_its_reserved_bit_is_not_embedded(workdir: Path) -> None:
    """fsType 3: bit 1, "restricted licence", with the reserved bit 0 set. Only 2 itself was refused; 3 was
    embedded against its licence."""

    def restricted(font: TTFont) -> None:
        font["OS/2"].fsType = 3

    _font(workdir / "restricted.ttf", restricted)
    brand = _brand(workdir, font={"regular": "restricted.ttf"})
    code, output = run("build", str(workdir / "content.yaml"), "--brand", str(brand), "--out", str(workdir / "out"))
    line = _line(brand, "regular: restricted.ttf")
    assert code == 1, output
    assert f"{brand}:{line}: font.regular: restricted.ttf's licence does not allow it to be embedded" in flat(output)


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


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_fonts_file_named_alone_is_its_regular(workdir: Path, command: str) -> None:
    """`font: fonts/Clinic-Regular.ttf` (a clinic pointing at its own file, as the README says to, without the
    {regular: …} around it) was looked up as a family's name: "font family 'Clinic-Regular.ttf' is not
    installed". It is the regular; a file not there is said at its line as font.regular's."""
    (workdir / "fonts").mkdir()
    _font(workdir / "fonts" / "Clinic-Regular.TTF", lambda font: font["name"].setName("ClinicSans-Regular", 6, 3, 1, 0x409))
    brand = _brand(workdir, font="fonts/Clinic-Regular.TTF")
    code, output = run(command, str(workdir / "content.yaml"), "--brand", str(brand), "--out", str(workdir / "out"))
    assert code == 0 and "not installed" not in output, output
    if command == "build":
        with pdfplumber.open(workdir / "out" / "knee-self-massage-handout.pdf") as pdf:
            faces = {face_name(char["fontname"]) for char in pdf.pages[0].chars}
        assert "ClinicSans-Regular" in faces, faces
    brand = _brand(workdir, font="fonts/Gone.ttf")
    code, output = run(command, str(workdir / "content.yaml"), "--brand", str(brand), "--out", str(workdir / "out"))
    assert code == 1 and f"{brand}:{_line(brand, 'font: fonts/Gone.ttf')}: font.regular: file not found" in output, output
