"""The document model's promises, end to end and read back from the PDFs: every printed character has a face
that has it, whoever adds it (the author, a label, a weekday, a page number); a template chooses roles, never
sizes, so large print's floor cannot be undercut; faults name the file and line to change."""

from __future__ import annotations

import shutil
from pathlib import Path

import fontpkg
import pdfplumber
import pytest
import yaml
from conftest import BRAND, CONTENT, face_name, knee, run
from fontTools import subset
from fontTools.ttLib import TTFont

from handouts import documents
from handouts.build import prepare
from handouts.profiles import LARGE_PRINT, STANDARD

LATIN_ONLY = "".join(chr(code) for code in range(0x20, 0x7F))


def _latin_font(source: Path, target: Path) -> set[int]:
    """`source` cut down to plain ASCII: a clinic's font that has no Polish letters. Its characters' codes."""
    options = subset.Options()
    options.name_IDs = ["*"]
    font = TTFont(source)
    cutter = subset.Subsetter(options)
    cutter.populate(text=LATIN_ONLY)
    cutter.subset(font)
    font.save(target)
    return set(TTFont(target).getBestCmap())


@pytest.fixture
def latin_clinic(workdir: Path) -> tuple[Path, set[int]]:
    regular = _latin_font(fontpkg.path("Atkinson Hyperlegible", 400), workdir / "latin.ttf")
    _latin_font(fontpkg.path("Atkinson Hyperlegible", 700), workdir / "latin-bold.ttf")
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    brand["font"] = {"regular": "latin.ttf", "bold": "latin-bold.ttf"}
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    content = knee()
    content["language"] = "pl"
    (workdir / "content.yaml").write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    return workdir, regular


def _polish_step_checked(folder: Path, font_file: str) -> tuple[list[str], int]:
    """Check, once the first step is written with Polish letters: its one [font-fallback] warning (check passes)
    and the line of brand.yaml that names `font_file`."""
    content, brand = folder / "content.yaml", folder / "brand.yaml"
    data = yaml.safe_load(content.read_text(encoding="utf-8"))
    data["routine"]["steps"][0]["text"] = "Masuj łydkę od kostki do kolana, źdźbło po źdźble."
    content.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, output = run("check", str(content), "--brand", str(brand))
    said = [line for line in output.splitlines() if line.endswith("[font-fallback]")]
    line = next(n for n, text in enumerate(brand.read_text(encoding="utf-8").splitlines(), 1) if font_file in text)
    assert code == 0 and len(said) == 1, output
    return said, line


def test_a_clinic_font_without_the_routines_letters_is_said(latin_clinic: tuple[Path, set[int]]) -> None:
    """A clinic's font that lacks letters its texts use printed each in Noto Sans, unlike the letters around it,
    and a font with no Latin letters (a CJK font) printed every word so, without a word: a warning at the font's
    line names the letters (the engine's own labels are the engine's business, see below)."""
    folder, _ = latin_clinic
    content, brand = folder / "content.yaml", folder / "brand.yaml"
    code, output = run("check", str(content), "--brand", str(brand))
    assert code == 0 and "[font-fallback]" not in output, output  # the knee routine's texts are plain ASCII
    said, line = _polish_step_checked(folder, "latin.ttf")
    assert said[0] == (
        f"warning: {brand}:{line}: font.regular: the clinic's font lacks letters or digits the texts use: "
        "ę (U+0119), ł (U+0142), ź (U+017A); they print in a fallback font, unlike the letters around them "
        "(give a font that has them, or a family with them as `fallback`) [font-fallback]"
    ), said[0]
    code, output = run("check", str(content), "--brand", str(brand), "--suppress", "font-fallback")
    assert code == 0 and "[font-fallback]" not in output, output


def test_a_clinic_font_without_digits_is_said(workdir: Path) -> None:
    """A display font without digits printed every phone number, dose and date of the texts in Noto Sans, unlike
    the letters around them, without a word: the warning names the digits as it names letters."""
    _latin_font(fontpkg.path("Atkinson Hyperlegible", 400), workdir / "letters.ttf")
    font = TTFont(workdir / "letters.ttf")
    for table in font["cmap"].tables:
        for digit in "0123456789":
            table.cmap.pop(ord(digit), None)
    font.save(workdir / "letters.ttf")
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    brand["font"] = {"regular": "letters.ttf"}
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"))
    said = [line for line in output.splitlines() if line.endswith("[font-fallback]")]
    assert code == 0 and len(said) == 1, output
    assert "font.regular: the clinic's font lacks letters or digits the texts use: 0 (U+0030), 1 (U+0031)" in said[0]


def test_a_bold_face_without_the_routines_letters_is_said_at_the_bold_line(latin_clinic: tuple[Path, set[int]]) -> None:
    """Where the regular face has every letter and only the bold lacks some, the warning names the bold face's
    line and key, not the regular's (which has them)."""
    folder, _ = latin_clinic
    brand = folder / "brand.yaml"
    shutil.copy(fontpkg.path("Atkinson Hyperlegible", 400), folder / "latin.ttf")  # the regular face has them all
    said, line = _polish_step_checked(folder, "latin-bold.ttf")
    assert said[0].startswith(f"warning: {brand}:{line}: font.bold: the clinic's font lacks letters or digits"), said[0]


@pytest.mark.slow
def test_labels_the_clinic_font_lacks_print_in_the_fallback_face(latin_clinic: tuple[Path, set[int]]) -> None:
    """A Polish sheet with a clinic font that has no Polish letters: the labels the engine adds (the page label,
    "Tydzień", "Źródła:", the weekdays) print their letters in Noto Sans, never as empty boxes."""
    folder, covered = latin_clinic
    out = folder / "out"
    code, output = run("check", str(folder / "content.yaml"), "--brand", str(folder / "brand.yaml"))
    assert code == 0 and "0 errors" in output, output
    code, output = run("build", str(folder / "content.yaml"), "--brand", str(folder / "brand.yaml"), "--out", str(out))
    assert code == 0, output
    seen = ""
    for pdf in sorted(out.glob("*.pdf")):
        with pdfplumber.open(pdf) as document:
            for page in document.pages:
                for char in page.chars:
                    seen += char["text"]
                    if "Atkinson" in char["fontname"]:  # the clinic's cut-down face
                        assert ord(char["text"]) in covered or char["text"].isspace(), (pdf.name, char["text"])
    for label in ("Tydzień", "Źródła:", "Strona", "śr"):
        assert label in seen, label
    assert {"ń", "ś", "ł", "Ź"} <= set(seen)


def _handout(workdir: Path, font: dict[str, str], **content: str) -> Path:
    """The knee routine's handout, built by the CLI with the example brand in `font` and `content` changed."""
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    brand["font"] = font
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    (workdir / "content.yaml").write_text(yaml.safe_dump(knee() | content, allow_unicode=True), encoding="utf-8")
    out = workdir / "out"
    command = ("build", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--out", str(out))
    code, output = run(*command, "--only", "handout")
    assert code == 0, output
    (handout,) = out.glob("*.pdf")
    return handout


def test_a_letter_only_the_bold_face_lacks_prints_in_the_fallback(workdir: Path) -> None:
    """A clinic's regular face has Polish letters and its bold one does not: the title and step titles (bold)
    print their Polish letters in Noto Sans. Only the regular face's letters were counted, and the bold
    title "Ćwiczenia ŁĄKA" printed as " wiczenia   KA", its Polish letters nowhere."""
    (workdir / "fonts").mkdir()
    shutil.copy(fontpkg.path("Atkinson Hyperlegible", 400), workdir / "fonts" / "regular.ttf")
    _latin_font(fontpkg.path("Atkinson Hyperlegible", 700), workdir / "fonts" / "bold.ttf")
    handout = _handout(workdir, {"regular": "fonts/regular.ttf", "bold": "fonts/bold.ttf"}, title="Ćwiczenia ŁĄKA")
    with pdfplumber.open(handout) as document:
        text = document.pages[0].extract_text()
    assert "Ćwiczenia ŁĄKA" in text, text[:300]


def test_a_letter_the_font_maps_to_its_empty_box_prints_in_the_fallback(workdir: Path) -> None:
    """A font whose character map sends a letter to glyph 0 (.notdef) lacks it, as DejaVu Sans ExtraLight
    lacks 73 letters it maps so: "Łąka" printed an empty box for "Ł"."""
    font = TTFont(fontpkg.path("Atkinson Hyperlegible", 400))
    for table in font["cmap"].tables:
        if ord("Ł") in table.cmap:
            table.cmap[ord("Ł")] = ".notdef"
    (workdir / "fonts").mkdir()
    font.save(workdir / "fonts" / "boxed.ttf")
    handout = _handout(workdir, {"regular": "fonts/boxed.ttf", "bold": "fonts/boxed.ttf"}, subtitle="Łąka")
    with pdfplumber.open(handout) as document:
        faces = {char["fontname"].split("+")[-1] for char in document.pages[0].chars if char["text"] == "Ł"}
    assert faces and all(face.startswith("NotoSans") for face in faces), faces


def test_a_font_of_the_same_name_as_one_used_before_prints_with_its_own_glyphs(latin_clinic: tuple[Path, set[int]]) -> None:
    """A clinic's cut-down Atkinson Hyperlegible has the same PostScript name as the full one. Built first in a
    process (a test run, a `serve` whose clinic changes fonts), reportlab used to draw every later sheet's bold
    text with it: "Ana María" printed as "Ana Mar" and an empty box."""
    folder, _ = latin_clinic
    code, output = run("build", str(folder / "content.yaml"), "--brand", str(folder / "brand.yaml"), "--out", str(folder / "a"))
    assert code == 0, output
    out = folder / "b"
    code, output = run(
        "build", str(CONTENT), "--brand", str(BRAND), "--out", str(out), "--only", "handout", "--patient", "Ana María"
    )
    assert code == 0, output
    (handout,) = out.glob("*.pdf")
    with pdfplumber.open(handout) as document:
        text = document.pages[0].extract_text()
    assert "Prepared for Ana María on" in " ".join(text.split()), text[:300]


def test_a_clinic_font_named_as_the_fallback_prints_beside_it(workdir: Path) -> None:
    """A clinic whose font is its own cut of Noto Sans (named as the fallback font is), given as regular and,
    by another path, as bold: a letter it lacks is drawn from the shipped Noto Sans, in the same document, and
    both fonts are embedded, each under a name of its own."""
    from handouts.media.fonts import _fallback_path

    (workdir / "fonts").mkdir()
    _latin_font(_fallback_path(), workdir / "fonts" / "noto-latin.ttf")
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    brand["font"] = {"regular": "fonts/noto-latin.ttf", "bold": "fonts/../fonts/noto-latin.ttf"}
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    out = workdir / "out"
    command = ("build", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--out", str(out))
    code, output = run(*command, "--only", "handout", "--patient", "Ana María")
    assert code == 0, output
    (handout,) = out.glob("*.pdf")
    with pdfplumber.open(handout) as document:
        text, chars = document.pages[0].extract_text(), document.pages[0].chars
    assert "Prepared for Ana María on" in " ".join(text.split()), text[:300]
    faces = {char["fontname"] for char in chars}
    regular = {face.split("+")[-1] for face in faces if "NotoSans-Regular" in face}
    assert len(regular) == 2, faces  # the clinic's and the fallback (the patient's bold name's í in the fallback's bold)


def test_a_font_file_replaced_where_it_is_is_read_again(workdir: Path) -> None:
    """A clinic replaces its font files with a fuller version (same paths) while one process builds, as `serve`
    does: the next sheet is set in the new files, a letter the old ones lacked in the clinic's own face."""
    (workdir / "fonts").mkdir()
    files = {"regular": workdir / "fonts" / "clinic.ttf", "bold": workdir / "fonts" / "clinic-bold.ttf"}
    for weight, path in zip((400, 700), files.values(), strict=True):
        _latin_font(fontpkg.path("Atkinson Hyperlegible", weight), path)
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    brand["font"] = {key: f"fonts/{path.name}" for key, path in files.items()}
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")

    def faces_of_i_acute(out: Path) -> set[str]:
        command = ("build", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--out", str(out))
        code, output = run(*command, "--only", "handout", "--patient", "Ana María")
        assert code == 0, output
        (handout,) = out.glob("*.pdf")
        with pdfplumber.open(handout) as document:
            page = document.pages[0]
            assert "Prepared for Ana María on" in " ".join(page.extract_text().split())
            return {face_name(char["fontname"]) for char in page.chars if char["text"] == "í"}

    # the cut-down files lack it: the fallback's bold, the patient's name being bold
    assert faces_of_i_acute(workdir / "before") == {"NotoSans-Bold"}
    for weight, path in zip((400, 700), files.values(), strict=True):
        path.write_bytes(fontpkg.path("Atkinson Hyperlegible", weight).read_bytes())
    assert faces_of_i_acute(workdir / "after") == {"AtkinsonHyperlegible-Bold"}  # renamed apart from the old file


def test_a_label_no_font_has_is_an_error_naming_the_label_and_language(latin_clinic: tuple[Path, set[int]]) -> None:
    folder, _ = latin_clinic
    brand = yaml.safe_load((folder / "brand.yaml").read_text(encoding="utf-8"))
    brand["labels"] = {"pl": {"week": "Tydzień %(n)s 周"}}  # a Chinese character: in no configured font
    (folder / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    for command in (("check",), ("build", "--out", str(folder / "o"))):
        code, output = run(*command, str(folder / "content.yaml"), "--brand", str(folder / "brand.yaml"))
        assert code == 1
        assert "brand.yaml:" in output and "labels.pl.week: no configured font has the character" in output
        assert output.count("'周' (U+5468)") == 1, output  # one line for one fault, naming the label
    assert not (folder / "o").exists()


def test_a_template_cannot_ask_large_print_for_6_pt(workdir: Path) -> None:
    layouts = workdir / "layouts"
    layouts.mkdir()
    (layouts / "handout.xml.j2").write_text(
        '<document>\n<title>{{ md.inline(content.title) }}</title>\n<para><font size="6">Small print</font></para>\n</document>\n'
    )
    args = ("--brand", str(BRAND), "--templates", str(layouts))
    for command in (
        ("check", str(CONTENT)),
        ("build", str(CONTENT), "--only", "handout-large-print", "--out", str(workdir / "out")),
    ):
        code, output = run(*command, *args)
        assert code == 1, output
        assert f"{layouts / 'handout.xml.j2'}:3: <font> is not a layout element (templates choose roles" in output
    assert not (workdir / "out").exists()


def test_roles_are_all_a_template_can_choose_and_none_undercuts_the_floor(workdir: Path) -> None:
    """Every paragraph style a template may name prints at large print's 18 pt or more."""
    from handouts.layout.nodes import Role

    body = "\n".join(f'<para style="{role.value}">Role {role.value}</para>' for role in Role)
    layouts = workdir / "layouts"
    layouts.mkdir()
    (layouts / "handout.xml.j2").write_text(f"<document>\n{body}\n</document>\n")
    out = workdir / "out"
    code, output = run(
        "build",
        str(CONTENT),
        "--brand",
        str(BRAND),
        "--out",
        str(out),
        "--templates",
        str(layouts),
        "--only",
        "handout-large-print",
    )
    assert code == 0, output
    with pdfplumber.open(out / "knee-self-massage-handout-large-print.pdf") as pdf:
        sizes = {round(char["size"], 1) for page in pdf.pages for char in page.chars}
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert all(f"Role {role.value}" in text for role in Role)
    assert min(sizes) >= 18


def test_the_posters_layout_is_parsed_once_where_large_print_writes_it_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    """The knee routine's posters write the same layout in both sizes (large print sets it larger): it is parsed
    and checked once. A layout written otherwise (the handouts': large print's has the contact details in its
    body) is a document of its own."""
    job = prepare(CONTENT, BRAND)
    parsed: list[str] = []
    parse = documents.parse_poster
    monkeypatch.setattr(documents, "parse_poster", lambda layout: parsed.append(layout.xml) or parse(layout))
    assert documents.poster(job, LARGE_PRINT) is documents.poster(job, STANDARD)
    assert len(parsed) == 1
    standard, large = documents.handout(job, STANDARD), documents.handout(job, LARGE_PRINT)
    assert large != standard and len(large.blocks) > len(standard.blocks)
