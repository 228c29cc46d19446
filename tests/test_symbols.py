"""Symbols therapists type or paste: an arrow (Word turns `->` into →), a tick or a cross, a tick box, the warning
sign, ≤ and ≥, circled numbers. Neither the default font nor Noto Sans has them, and every build stopped at the
glyph check ("no configured font has the character '→'"). They now print, as typed, in the symbols font handouts
ships (a subset of DejaVu Sans, tried after the brand's font, Noto Sans and the clinic's own fallbacks), in bold
text too; a character no shipped font has (an emoji) is still refused by `check` and `build` alike, by name.
The facts are read back from the PDFs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
import yaml
from conftest import PDFS, build_one, example_folder, face_name, flat, knee, pages_text, pdf_text, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handouts.build import Options, build

STEP = "Stroke up → then down. Stop if the pain is ≥ 4/10; ≤ 3/10 is fine ✓. Tick the box ☐ each day ① ② ③ ★."
CUE = "Up → down ✓"
POINT = "**Stop ⚠ if it hurts ✗.** Rest, then try again."
SYMBOLS = set("→✓☐①②③★⚠✗")  # ≤ and ≥ print in Atkinson Hyperlegible, which has them (the symbols font has them too)


def _routine(make_content: Callable[..., Path]) -> Path:
    steps = knee()["routine"]["steps"]
    steps[0].update(text=STEP, cue=CUE)
    points = knee()["safety"]["points"]
    points[0] = POINT
    return make_content(routine={"steps": steps}, safety={"points": points})


def _symbols_chars(path: Path) -> list[dict]:
    with pdfplumber.open(path) as pdf:
        return [ch for page in pdf.pages for ch in page.chars if ch["text"] in SYMBOLS]


def test_symbols_print_as_typed_in_the_shipped_symbols_font(workdir: Path, make_content: Callable[..., Path]) -> None:
    content = _routine(make_content)
    written = build(content, workdir / "brand.yaml", Options(out=workdir / "out"))
    handout = next(path for path in written if path.name.endswith("handout.pdf"))
    text = flat(pdf_text(handout))
    assert flat(STEP) in text
    assert "Stop ⚠ if it hurts ✗. Rest, then try again." in text
    for path in (path for path in written if path.suffix == ".pdf"):
        chars = _symbols_chars(path)
        assert chars, path.name
        for ch in chars:
            assert face_name(ch["fontname"]) == "HandoutsSymbols", (path.name, ch["text"], ch["fontname"])
            assert ch["size"] >= (18 if "large-print" in path.name else 12) - 0.01, (path.name, ch["text"], ch["size"])
    poster = next(path for path in written if path.name.endswith("poster.pdf"))
    assert CUE in flat(pdf_text(poster))
    html = next(path for path in written if path.suffix == ".html").read_text(encoding="utf-8")
    assert "Stroke up → then down." in html


def test_a_symbol_beside_the_brands_letters_sits_on_their_line(workdir: Path, make_content: Callable[..., Path]) -> None:
    """The arrow is set at the size of the words around it, on their baseline, not over them."""
    path = build_one(_routine(make_content), workdir / "brand.yaml", workdir / "out")
    with pdfplumber.open(path) as pdf:
        chars = [ch for page in pdf.pages for ch in page.chars]
    at = next(i for i, ch in enumerate(chars) if ch["text"] == "→")
    before, arrow, after = chars[at - 2], chars[at], chars[at + 2]  # "p", "→", "t" across the spaces
    assert (before["text"], after["text"]) == ("p", "t")
    assert arrow["size"] == pytest.approx(before["size"])
    assert abs(arrow["bottom"] - before["bottom"]) < arrow["size"] * 0.35
    assert before["x1"] <= arrow["x0"] and arrow["x1"] <= after["x0"]


@pytest.mark.parametrize("command", ["check", "build"])
def test_an_emoji_no_shipped_font_has_is_refused_by_name(workdir: Path, make_content: Callable[..., Path], command: str) -> None:
    steps = knee()["routine"]["steps"]
    steps[0]["text"] = "Well done 👍 → keep going."
    content = make_content(routine={"steps": steps})
    code, said = run(command, str(content), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out"))
    assert code == 1
    assert "routine.steps[1].text: no configured font has the character '👍' (U+1F44D)" in said
    assert "→" not in said.split("U+1F44D")[1].split("\n")[0]  # the arrow prints: only the emoji is named
    assert not (workdir / "out").exists() or not any((workdir / "out").iterdir())


def test_a_drawings_tick_prints_in_the_symbols_font_or_as_its_outline(workdir: Path, make_content: Callable[..., Path]) -> None:
    """A step drawing's tick: at 40 px it prints as text in the symbols font; a 6 px one, under the floor, is drawn
    as that font's outline (see handouts.media.outlines), and no tick prints as text under 12 pt. (Each text of a
    drawing prints in one font, and the symbols font has no letters: "Done ✓" as one text is refused, saying so.)"""
    (workdir / "pictures").mkdir()
    (workdir / "pictures" / "ticked.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'
        '<text x="20" y="50" font-size="40">Done</text><text x="130" y="50" font-size="40">\u2713</text>'
        '<text x="20" y="90" font-size="6">\u2713</text></svg>',
        encoding="utf-8",
    )
    steps = [{"title": "Ticked", "text": "Look at it.", "image": "pictures/ticked.svg", "alt": "A tick beside the word done"}]
    path = build_one(make_content(routine={"title": "R", "steps": steps}), workdir / "brand.yaml", workdir / "out")
    with pdfplumber.open(path) as pdf:
        ticks = [ch for page in pdf.pages for ch in page.chars if ch["text"] == "\u2713"]
    assert len(ticks) == 1 and face_name(ticks[0]["fontname"]) == "HandoutsSymbols", ticks
    assert ticks[0]["size"] >= 12


# Symbols of every block the font covers, beside letters, markup-like marks and spaces
TYPED = st.text(alphabet="→⇒↑✓✔✗☐☑⚠★①②≤≥±×÷∞■●◆☺♥ abcXYZ09&<>\"'", min_size=1, max_size=30).map(lambda t: "Q" + t.strip())


@pytest.mark.slow
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(step=TYPED, cue=TYPED, point=TYPED)
def test_any_symbols_typed_print_exactly_as_typed(
    tmp_path_factory: pytest.TempPathFactory, step: str, cue: str, point: str
) -> None:
    """Whatever mix of symbols and letters is typed in a step's text and cue and a safety point, every PDF
    builds, the handout and its large-print copy read back each text as typed, the poster its cue, and no symbol
    prints below its sheet's floor or in a face other than the brand's or the symbols font."""
    folder = example_folder(tmp_path_factory.mktemp("symbols"))
    routine = knee()
    routine["routine"]["steps"][0].update(text=step, cue=cue)
    routine["safety"]["points"][0] = point
    content = folder / "content.yaml"
    content.write_text(yaml.safe_dump(routine, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # The four PDFs (the web copy is not read here), each parsed once for its text and its symbols
    written = build(content, folder / "brand.yaml", Options(out=folder / "out", only=PDFS))
    for path in written:
        floor = 18 if "large-print" in path.name else 12
        with pdfplumber.open(path) as pdf:
            if "handout" in path.name:
                text = flat(pages_text(pdf))
                for typed in (step, point):
                    assert flat(typed) in text, (path.name, typed)
            else:  # read in the order it is drawn: a cue of two lines stands beside the other column's lines
                drawn = flat(" ".join(page.extract_text(use_text_flow=True) for page in pdf.pages))
                assert flat(cue) in drawn, (path.name, cue)
            for ch in (ch for page in pdf.pages for ch in page.chars if ch["text"] in SYMBOLS):
                assert face_name(ch["fontname"]) == "HandoutsSymbols", (path.name, ch["text"], ch["fontname"])
                assert ch["size"] >= floor - 0.01, (path.name, ch["text"], ch["size"])


def test_a_symbol_that_ends_a_line_prints_no_box_after_it(workdir: Path, make_content: Callable[..., Path]) -> None:
    """A line that ends with a symbol (a tick box, "Done ✓", an arrow) ended in a box: the space written after a
    line's last glyph, so that a screen reader keeps the words of two lines apart, was set in the symbols font,
    which has no space, and printed its missing-glyph box. The space is now set in the paragraph's own font: no
    glyph of any PDF is a missing one, and the text still reads the symbol and the next line's word apart."""
    steps = knee()["routine"]["steps"]
    steps[0].update(text="Tick the box when done ☐", cue="Done ✓")
    content = make_content(routine={"steps": steps}, summary="Move slowly \u2192")
    written = build(content, workdir / "brand.yaml", Options(out=workdir / "out"))
    for path in (path for path in written if path.suffix == ".pdf"):
        with pdfplumber.open(path) as pdf:
            chars = [ch for page in pdf.pages for ch in page.chars]
        missing = [ch for ch in chars if ch["text"] in ("\x00", "\ufffd")]
        assert not missing, (path.name, [(ch["fontname"], ch["x0"]) for ch in missing])
        assert any(ch["text"] == ("✓" if "poster" in path.name else "☐") for ch in chars), path.name
    handout = next(path for path in written if path.name.endswith("-handout.pdf"))
    text = flat(pdf_text(handout))
    assert "Tick the box when done ☐" in text and "Move slowly \u2192" in text


def test_a_smiley_the_symbols_font_draws_reads_back_as_typed(workdir: Path, make_content: Callable[..., Path]) -> None:
    """A smiley beyond Unicode's first 65,536 characters (😊, U+1F60A, which the symbols font draws) was mapped
    back to text as five hex digits where a PDF's ToUnicode map takes UTF-16: a reader, a screen reader and
    copying it read 'ὠ' (U+1F60) and a stray character. It is now mapped as its UTF-16 pair, and reads back as
    typed from every PDF; the characters of the first 65,536 are mapped as before."""
    steps = knee()["routine"]["steps"]
    steps[0].update(text="Smile and breathe \U0001f60a then relax.", cue="Smile \U0001f60a relax")
    content = make_content(routine={"steps": steps})
    written = build(content, workdir / "brand.yaml", Options(out=workdir / "out"))
    for path in (path for path in written if path.suffix == ".pdf"):
        text = flat(pdf_text(path))
        typed = "Smile and breathe \U0001f60a then relax." if "handout" in path.name else "Smile \U0001f60a relax"
        assert typed in text, path.name
        assert "\u1f60" not in text, path.name
