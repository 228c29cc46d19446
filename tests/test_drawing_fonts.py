"""Drawings print in embedded fonts only: every font of every output is an embedded subset, a drawing's
text is set in the brand's faces (bold where it asks), and no system font lookup (fc-match) ever runs."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pypdf
import pytest
import yaml
from conftest import ROOT, example_folder, face_name, flat, pdf_text, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handouts.build import Options, build

FAMILIES = ";".join(f"font-family: Family{n}, 'Other {n}'" for n in range(300))


def fonts_of(path: Path) -> list[tuple[str, bool]]:
    """(base font name, embedded) of every font every page uses, descendant fonts included."""
    found = []
    for page in pypdf.PdfReader(path).pages:
        resources = page.get("/Resources") or {}
        fonts = dict((resources.get("/Font") or {}).items())
        for xobject in (resources.get("/XObject") or {}).values():
            fonts.update(((xobject.get_object().get("/Resources") or {}).get("/Font") or {}).items())
        for font in fonts.values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font.get("/BaseFont")), embedded))
    return found


def assert_embedded_subsets(path: Path) -> None:
    fonts = fonts_of(path)
    assert fonts, path.name
    for name, embedded in fonts:
        assert embedded and "+" in name and "Helvetica" not in name, f"{path.name}: {name}"


def test_every_font_of_the_example_with_drawings_is_an_embedded_subset(tmp_path: Path) -> None:
    written = build(ROOT / "examples" / "shoulder-rolls" / "content.yaml", ROOT / "brand.yaml", Options(out=tmp_path))
    for path in written:
        if path.suffix == ".pdf":
            assert_embedded_subsets(path)


@pytest.fixture
def drawing_with_text(workdir: Path, make_content) -> Path:
    (workdir / "pictures").mkdir()
    (workdir / "pictures" / "labelled.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'
        '<rect x="5" y="5" width="190" height="90" fill="none" stroke="#165C64"/>'
        f'<text x="20" y="40" style="{FAMILIES}; font-weight: bold; font-size: 20px">Hold</text>'
        '<text x="20" y="80" font-family="Comic Sans MS" font-size="16">Relax the shoulders</text>'
        "</svg>",
        encoding="utf-8",
    )
    steps = [{"title": "Labelled", "text": "Look at it.", "image": "pictures/labelled.svg", "alt": "A box saying hold and relax"}]
    return make_content(routine={"title": "R", "steps": steps})


@pytest.mark.slow
def test_a_drawings_text_prints_in_the_brands_faces_with_no_system_lookup(drawing_with_text: Path, workdir: Path) -> None:
    started: list[str] = []

    def hook(event: str, args: tuple[object, ...]) -> None:
        if event in ("subprocess.Popen", "os.posix_spawn", "os.exec", "os.system"):
            started.append(event)

    sys.addaudithook(hook)
    written = build(drawing_with_text, workdir / "brand.yaml", Options(out=workdir / "out"))
    assert not started, f"a process was started during the build: {started}"
    for path in written:
        if path.suffix == ".pdf":
            assert_embedded_subsets(path)
            families = {name.split("+")[1].split("-")[0] for name, _ in fonts_of(path)}
            assert families == {"AtkinsonHyperlegible"}, (path.name, families)  # the brand's family only
    handout = next(p for p in written if p.name == "knee-self-massage-handout.pdf")
    assert "Hold" in flat(pdf_text(handout)) and "Relax the shoulders" in flat(pdf_text(handout))
    import pdfplumber

    with pdfplumber.open(handout) as pdf:
        hold = [c for c in pdf.pages[-1].chars + pdf.pages[0].chars if c["text"] == "H" and c["size"] > 5]
        fonts = {face_name(c["fontname"]) for page in pdf.pages for c in page.chars if c["text"] in "Hold"}
    assert hold and "AtkinsonHyperlegible-Bold" in fonts


def test_a_character_no_font_has_in_a_drawing_names_the_picture(drawing_with_text: Path, workdir: Path) -> None:
    """A drawing's tick emoji (U+2705, in no font handouts ships) is an error naming the picture and the
    character, and saying what to do: it named them and stopped there."""
    svg = workdir / "pictures" / "labelled.svg"
    svg.write_text(svg.read_text(encoding="utf-8").replace("Hold", "Hold \u2705"), encoding="utf-8")
    code, output = run("build", str(drawing_with_text), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "o"))
    assert code == 1 and not (workdir / "o").exists()
    assert output.splitlines() == [
        f"error: {drawing_with_text}:{_line(drawing_with_text, 'labelled.svg')}: routine.steps[1].image: "
        "pictures/labelled.svg: no configured font has the character '\u2705' (U+2705) of its drawing's text: in the "
        "program it was drawn in, turn its text into shapes (Inkscape: Path > Object to Path; Illustrator: Type > "
        "Create Outlines) and save it again, or add a .ttf font that has it under font.fallback in brand.yaml"
    ], output
    svg.write_text(svg.read_text(encoding="utf-8").replace("Hold", "Hold \U00013000"), encoding="utf-8")
    code, output = run("build", str(drawing_with_text), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "o"))
    assert code == 1 and not (workdir / "o").exists()
    assert "the characters '\U00013000' (U+13000), '\u2705' (U+2705) of its drawing's text" in output, output
    assert output.rstrip().endswith("or add a .ttf font that has them under font.fallback in brand.yaml"), output
    brand = workdir / "brand.yaml"  # a brand listing its fallbacks under `fonts` is told that key: `font.fallback`
    brand.write_text(brand.read_text(encoding="utf-8") + "fonts: {fallback: []}\n", encoding="utf-8")  # is refused there
    code, output = run("build", str(drawing_with_text), "--brand", str(brand), "--out", str(workdir / "o"))
    assert code == 1 and output.rstrip().endswith("that has them under fonts.fallback in brand.yaml"), output


def _line(path: Path, text: str) -> int:
    """The line of `path` that has `text`."""
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_no_font_lookup_tool_is_needed(monkeypatch: pytest.MonkeyPatch, drawing_with_text: Path, workdir: Path) -> None:
    monkeypatch.setattr(shutil, "which", lambda name, *args, **kwargs: None)  # no fc-match on this machine
    (handout,) = build(drawing_with_text, workdir / "brand.yaml", Options(out=workdir / "nofc", only=("handout",)))
    assert "Relax the shoulders" in flat(pdf_text(handout))


def test_a_drawing_of_many_texts_looks_its_faces_up_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each of a drawing's texts looked the brand's faces up again (every font file checked, every face
    registered) and split its font-family list again: a fifth of the time 5,000 labels took. The faces are
    looked up once now and the list (which names no face the sheets use) not read; each text keeps its face."""
    from svglib.svglib import Svg2RlgAttributeConverter

    from handouts.media import images

    texts = "".join(
        f'<text x="{n % 20 * 10}" y="{n // 20 * 10 + 10}" font-family="{("Arial", "Comic Sans MS")[n % 2]}"'
        f' font-weight="{("bold", "normal", "700")[n % 3]}">a{n}</text>'
        for n in range(300)
    )
    (tmp_path / "labels.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="160">{texts}</svg>')
    lookups: list[str] = []
    load_fonts, split = images.load_fonts, Svg2RlgAttributeConverter.split_font_family_list
    monkeypatch.setattr(images, "load_fonts", lambda *args: lookups.append("faces") or load_fonts(*args))
    monkeypatch.setattr(
        Svg2RlgAttributeConverter, "split_font_family_list", staticmethod(lambda attr: lookups.append("split") or split(attr))
    )
    drawing = images.load(tmp_path / "labels.svg", tmp_path, "en").vector
    faces = load_fonts()
    printed = {string.text: string.fontName for string in images._strings(drawing)}
    assert printed == {f"a{n}": faces.regular if n % 3 == 1 else faces.bold for n in range(300)}
    assert lookups.count("faces") == 1 and lookups.count("split") == 0  # the family names are never read


def test_a_drawing_whose_font_family_has_an_unmatched_quote_prints_its_text(tmp_path: Path) -> None:
    """font-family="'Segoe UI" (a quote left open, as a hand-edited file may have) raised in svglib's reading
    of the family list, and the whole drawing was refused as "not a readable SVG drawing"."""
    from handouts.media import images

    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40">'
        """<text x="5" y="30" font-family="'Segoe UI" font-weight="bold">Clinic</text></svg>"""
    )
    drawing = images.load(tmp_path / "logo.svg", tmp_path, "en").vector
    assert [(text.text, text.fontName) for text in images._strings(drawing)] == [("Clinic", images.load_fonts().bold)]


def _font_with_knee_kanji(path: Path) -> None:
    """Atkinson Hyperlegible, renamed, that also maps 膝 (knee, U+819D; Noto Sans lacks it) to a glyph: a clinic's
    CJK fallback font in small."""
    import fontpkg
    from fontTools.ttLib import TTFont

    font = TTFont(fontpkg.path("Atkinson Hyperlegible", 400))
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[0x819D] = table.cmap[ord("K")]
    font["name"].setName("ClinicCJK", 1, 3, 1, 0x409)
    font["name"].setName("ClinicCJK-Regular", 6, 3, 1, 0x409)
    font.save(path)


@pytest.mark.parametrize(("label", "said"), [("Knee 膝", ""), ("Ж 膝", "its drawing's text 'Ж 膝' has characters no one font")])
def test_a_drawings_text_in_a_script_only_the_clinics_fallback_has_prints_in_it(
    workdir: Path, make_content, label: str, said: str
) -> None:
    """A drawing's text with a letter only the clinic's own fallback font has (a CJK label, with a CJK font as
    `fallback`) passed the glyph check and printed in Noto Sans, which lacks it: an empty box, without a word.
    It prints in the fallback that has all its letters; where no one font has them all, the build says so."""
    import yaml

    _font_with_knee_kanji(workdir / "cjk.ttf")
    brand = yaml.safe_load((workdir / "brand.yaml").read_text(encoding="utf-8"))
    brand["font"] = {"fallback": ["cjk.ttf"]}
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    (workdir / "label.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60">'
        f'<text x="10" y="40" font-size="30">{label}</text></svg>',
        encoding="utf-8",
    )
    steps = [{"title": "Labelled", "text": "Look at it.", "image": "label.svg", "alt": "A label"}]
    content = make_content(routine={"title": "R", "steps": steps})
    out = workdir / "out"
    code, output = run("build", str(content), "--brand", str(workdir / "brand.yaml"), "--out", str(out), "--only", "handout")
    if said:
        assert code == 1 and f"routine.steps[1].image: label.svg: {said}" in output, output
        return
    assert code == 0, output
    import pdfplumber

    with pdfplumber.open(out / "knee-self-massage-handout.pdf") as pdf:
        drawn = {(c["text"], face_name(c["fontname"])) for page in pdf.pages for c in page.chars if c["size"] > 20}
    assert ("膝", "ClinicCJK-Regular") in drawn and ("K", "ClinicCJK-Regular") in drawn, drawn


def test_a_drawings_font_size_given_by_name_is_drawn_at_that_size(tmp_path: Path) -> None:
    """font-size="large" (CSS names sizes xx-small to xxx-large) is no length svglib reads: the whole drawing was
    refused as "not a readable SVG drawing". Each name is the size CSS gives it, in the attribute or a style."""
    from handouts.media import images

    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><text x="5" y="20" font-size="large">A</text>'
        '<text x="5" y="50" style="fill: #165C64; font-size: X-Large">B</text></svg>'
    )
    drawing = images.load(tmp_path / "logo.svg", tmp_path, "en").vector
    assert [(text.text, text.fontSize) for text in images._strings(drawing)] == [("A", 18), ("B", 24)]


def test_a_drawings_bold_text_in_letters_the_face_lacks_prints_bold(workdir: Path, make_content) -> None:
    """A drawing's bold Greek label printed in Noto Sans's regular (its variable font's default instance), its
    regular label alike: the bold one prints in Noto Sans's bold, the one the routine's bold Greek text prints in;
    in both handouts of one build (the drawing printed again, in the second, found its label in a bold it did not
    take for bold, and printed it regular)."""
    (workdir / "label.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100">'
        '<text x="10" y="40" font-size="30" font-weight="bold">Κρατήστε</text>'
        '<text x="10" y="80" font-size="30">Χαλαρώστε</text></svg>',
        encoding="utf-8",
    )
    steps = [{"title": "Labelled", "text": "Look at it.", "image": "label.svg", "alt": "Hold, then relax"}]
    content = make_content(routine={"title": "R", "steps": steps}, summary="**Κρατήστε** it, then relax.")
    out = workdir / "out"
    both = ("--only", "handout", "--only", "handout-large-print")
    code, output = run("build", str(content), "--brand", str(workdir / "brand.yaml"), "--out", str(out), *both)
    assert code == 0, output
    import pdfplumber

    for name in ("knee-self-massage-handout.pdf", "knee-self-massage-handout-large-print.pdf"):
        with pdfplumber.open(out / name) as pdf:
            words = [word for page in pdf.pages for word in page.extract_words(return_chars=True)]
        greek = ("Κρατήστε", "Χαλαρώστε")
        faces = [(word["text"], {c["fontname"] for c in word["chars"]}) for word in words if word["text"] in greek]
        bold = [names for text, names in faces if text == "Κρατήστε"]  # the drawing's and the summary's
        assert len(bold) == 2 and bold[0] == bold[1] and {face_name(n) for n in bold[0]} == {"NotoSans-Bold"}, (name, faces)
        regular = [{face_name(n) for n in names} for text, names in faces if text == "Χαλαρώστε"]
        assert regular == [{"NotoSans-Regular"}], (name, faces)


def test_a_logos_lettering_is_drawn_as_outlines_and_no_letter_prints_under_the_floor(workdir: Path) -> None:
    """A wordmark's strapline is scaled with its logo: 16 pixels of a 300-pixel-wide logo printed as text at 7 pt
    on the handout's band and at 5 pt on the large-print poster, under the 12 pt (18 pt) every letter is set at
    or above. A logo's lettering is drawn as the same font's outlines, in its colour, inside the logo: the band
    prints the clinic's name as text, and the logo's alt says it (a 44-pixel name, as text, was read out of the
    band's text between the words of the clinic's name). A step drawing's lettering stays text at the floor or
    larger (see test_a_drawings_text_prints_in_the_brands_faces_with_no_system_lookup)."""
    import pdfplumber

    (workdir / "wordmark.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" viewBox="0 0 300 100">'
        '<text x="150" y="50" font-size="44" font-weight="bold" text-anchor="middle" fill="#165C64">Larchmont</text>'
        '<text x="150" y="85" font-size="16" text-anchor="middle" fill="#333333">SPORTS CLINIC</text></svg>',
        encoding="utf-8",
    )
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace("assets/birchwood-logo.png", "wordmark.svg"), encoding="utf-8")
    out = workdir / "out"
    code, output = run("build", str(workdir / "content.yaml"), "--brand", str(brand), "--out", str(out), "-q")
    assert code == 0, output
    for name, floor in (("handout", 12), ("poster", 12), ("handout-large-print", 18), ("poster-large-print", 18)):
        with pdfplumber.open(out / f"knee-self-massage-{name}.pdf") as pdf:
            page = pdf.pages[0]
            sizes = [c["size"] for p in pdf.pages for c in p.chars if c["text"].strip()]
            text = flat(page.extract_text())
            strapline = [
                curve for curve in page.curves if curve["fill"] and tuple(curve["non_stroking_color"]) == (0.2, 0.2, 0.2)
            ]
        assert min(sizes) >= floor - 0.01, (name, min(sizes))
        assert "SPORTS" not in text and "Larchmont" not in text and strapline, (name, text[:200])
        assert "Birchwood Massage & Physiotherapy" in text, text[:200]  # the band's name, whole
        # the strapline's letters (one shape for each outline a reader finds): a line across the logo, in the band
        left, right = min(c["x0"] for c in strapline), max(c["x1"] for c in strapline)
        top, bottom = min(c["top"] for c in strapline), max(c["bottom"] for c in strapline)
        assert 20 < right - left < 200 and bottom - top < floor and 30 < top < bottom < 200, (name, left, right, top, bottom)


LETTERING = st.text(alphabet="AaBbKkQqWw &<>\"'*_[]0123", min_size=1, max_size=24).filter(str.strip)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    logo_text=LETTERING,
    label=LETTERING,
    size=st.integers(4, 60),
    width=st.integers(60, 900),
    anchor=st.sampled_from(["start", "middle", "end"]),
    scale=st.sampled_from(["", "scale(0.3)", "rotate(20 50 50)", "skewX(15)"]),
)
def test_no_letter_of_any_drawing_prints_under_the_floor(
    tmp_path_factory: pytest.TempPathFactory, logo_text: str, label: str, size: int, width: int, anchor: str, scale: str
) -> None:
    """Generated lettering in a logo and in a step's drawing (any size, width, anchor and transform, with the
    characters Markdown and XML read): in every PDF no letter prints as text under the sheet's floor (12 pt,
    18 pt large print), and the clinic's name in the band reads back whole."""
    import html

    import pdfplumber

    folder = example_folder(tmp_path_factory.mktemp("lettered"))

    def drawing(text: str) -> str:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{width // 3}">'
            f'<g transform="{scale}"><text x="{width // 2}" y="{width // 6}" font-size="{size}" text-anchor="{anchor}">'
            f"{html.escape(text)}</text></g></svg>"
        )

    (folder / "logo.svg").write_text(drawing(logo_text), encoding="utf-8")
    (folder / "label.svg").write_text(drawing(label), encoding="utf-8")
    brand = folder / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace("assets/birchwood-logo.png", "logo.svg"), encoding="utf-8")
    content = yaml.safe_load((folder / "content.yaml").read_text(encoding="utf-8"))
    content["routine"]["steps"][0].update(image="label.svg", alt="A labelled drawing")
    (folder / "content.yaml").write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    out = folder / "out"
    code, output = run("build", str(folder / "content.yaml"), "--brand", str(brand), "--out", str(out), "-q")
    assert code in (0, 1) and "Traceback" not in output, output
    pdfs = sorted(out.glob("*.pdf"))
    assert pdfs, output
    for pdf in pdfs:
        floor = 18 if "large-print" in pdf.name else 12
        with pdfplumber.open(pdf) as document:
            chars = [c for page in document.pages for c in page.chars if c["text"].strip()]
            first = flat(document.pages[0].extract_text())
        small = [(c["text"], round(c["size"], 1)) for c in chars if c["size"] < floor - 0.01]
        assert not small, (pdf.name, small[:5])
        assert "Birchwood Massage & Physiotherapy" in first, (pdf.name, first[:120])
