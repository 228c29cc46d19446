"""Facts read back from the knee handout PDF."""

from __future__ import annotations

import functools
import io
import itertools
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pypdf
import pytest
import yaml
from conftest import BRAND, ROOT, build_one, face_name, flat, knee, line_of, pdf_text, run

from handouts.build import Options, build, prepare
from handouts.profiles import LARGE_PRINT, STANDARD


@pytest.fixture(scope="module")
def text(knee_handout: Path) -> str:
    return pdf_text(knee_handout)


def test_every_step_title_appears_in_order(text: str) -> None:
    titles = [step["title"] for step in knee()["routine"]["steps"]]
    positions = [flat(text).find(title) for title in titles]
    assert -1 not in positions, dict(zip(titles, positions, strict=True))
    assert positions == sorted(positions)
    numbered = [f"{n} {title}" for n, title in enumerate(titles, 1)]
    assert all(line in flat(text) for line in numbered)


def test_safety_points_and_finish_are_printed(text: str) -> None:
    content = knee()
    assert content["safety"]["title"] in text
    assert "Stop if anything hurts." in flat(text)
    assert "Around the kneecap, never over it." in flat(text)
    assert flat(content["finish"]) in flat(text)
    # The safety box comes before the first step.
    assert flat(text).index("Stop if anything hurts") < flat(text).index("1 Warm up")


def test_dose_lines_are_printed(text: str) -> None:
    lines = [line.strip() for line in text.replace("\u00a0", " ").splitlines()]
    assert "20 punches, 10 rolls each way" in lines  # free text
    assert "5 times" in lines  # reps: 5
    assert "5 times · on each area" in lines  # reps, then free text
    assert "5 times · each way" in lines
    assert "2 times" in lines


def test_citations_and_references_in_cite_them_right_form(text: str) -> None:
    body = flat(text)
    assert "(NHS, 2019)" in body
    assert "(Perlman et al., 2006)" in body
    references = body[body.index("References") :]
    assert (
        "NHS (2019) Overview – Osteoarthritis. Available at: https://www.nhs.uk/conditions/osteoarthritis/ "
        "(Accessed: 9 May 2022)." in references
    )
    assert (
        "Perlman, A.I. et al. (2006) ‘Massage therapy for osteoarthritis of the knee: a randomized controlled trial’, "
        "Archives of Internal Medicine, 166(22), pp. 2533–2538. Available at: https://doi.org/10.1001/archinte.166.22.2533."
    ) in references
    # Alphabetical, as Harvard lists are; a source listed on purpose and never cited comes under Further reading.
    assert references.index("NHS (2019)") < references.index("Perlman, A.I.") < references.index("Further reading")
    further = references[references.index("Further reading") :]
    entry = (
        "Atkins, D. (2015) Self-Massage For Knee Pain, American Massage Therapy Association. Available at: "
        "https://amtamassage.org/publications/massage-therapy-journal/knee-self-massage (Accessed: 10 May 2022)."
    )
    assert "".join(entry.split()) in "".join(further.split())  # the address may break after a '-'
    assert "(Accessed: 10 May 2022)" in further


def test_page_x_of_y_on_every_page(knee_handout: Path) -> None:
    with pdfplumber.open(knee_handout) as pdf:
        total = len(pdf.pages)
        assert total >= 2
        for number, page in enumerate(pdf.pages, 1):
            assert f"Page {number} of {total}" in (page.extract_text() or "")


def test_footer_with_clinic_contact_and_disclaimer_on_every_page(knee_handout: Path) -> None:
    with pdfplumber.open(knee_handout) as pdf:
        for page in pdf.pages:
            footer = flat(page.crop((0, page.height * 0.85, page.width, page.height)).extract_text() or "")
            assert "Birchwood Massage & Physiotherapy" in footer
            assert "01632 960 123" in footer and "hello@example.com" in footer
            assert "It does not replace advice from your therapist or GP." in footer


def test_a4_pages(knee_handout: Path) -> None:
    reader = pypdf.PdfReader(knee_handout)
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)


def test_letter_paper_option(workdir: Path) -> None:
    path = build_one(workdir / "content.yaml", workdir / "brand.yaml", workdir / "out", paper="letter")
    page = pypdf.PdfReader(path).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)


def test_metadata(knee_handout: Path) -> None:
    reader = pypdf.PdfReader(knee_handout)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Self-massage for knee osteoarthritis"
    assert meta.author == "Birchwood Massage & Physiotherapy"
    assert meta.subject == knee()["subtitle"]
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_only_embedded_subset_fonts(knee_handout: Path) -> None:
    reader = pypdf.PdfReader(knee_handout)
    names = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert descriptor is not None, f"{font['/BaseFont']} is not embedded"
            descriptor = descriptor.get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            assert re.match(r"^/[A-Z]{6}\+", font["/BaseFont"]), f"{font['/BaseFont']} is not a subset"
            names.add(face_name(font["/BaseFont"]))
    assert {"AtkinsonHyperlegible-Regular", "AtkinsonHyperlegible-Bold"} <= names


def test_font_sizes(knee_handout: Path) -> None:
    with pdfplumber.open(knee_handout) as pdf:
        chars = [c for page in pdf.pages for c in page.chars if c["text"].strip()]
        smallest = min(c["size"] for c in chars)
        assert smallest >= 12 - 0.01  # RNIB Clear Print's minimum: footer and references included
        # Body text: the words of every step's text are set at 12 pt or more.
        words = [w for page in pdf.pages for w in page.extract_words(extra_attrs=["size"])]
    step_words = {w for step in knee()["routine"]["steps"] for w in step["text"].split() if len(w) > 7}
    sizes = [w["size"] for w in words if w["text"] in step_words]
    assert len(sizes) > 30
    assert min(sizes) >= 12 - 0.01
    # The most common size is the body size.
    assert Counter(round(c["size"]) for c in chars).most_common(1)[0][0] >= 12


def test_the_footer_prints_the_phone_number_at_body_size(knee_handout: Path) -> None:
    phone = yaml.safe_load(BRAND.read_text(encoding="utf-8"))["contact"]["phone"]
    with pdfplumber.open(knee_handout) as pdf:
        for page in pdf.pages:
            rule = max(line["top"] for line in page.lines if line["top"] > page.height * 0.6)
            footer = [c for c in page.chars if c["top"] > rule and c["text"].strip()]
            text = "".join(c["text"] for c in footer)
            start = text.index(phone.replace(" ", ""))
            assert {round(c["size"], 1) for c in footer[start : start + len(phone.replace(" ", ""))]} == {14}
            assert min(c["size"] for c in footer) >= 12 - 0.01


def footer_baselines(page: pdfplumber.page.Page) -> list[tuple[float, float]]:
    """The baselines of the footer's lines, top to bottom, each with its largest glyph's size."""
    rule = max(line["top"] for line in page.lines if line["top"] > page.height * 0.6)
    lines: dict[float, float] = {}
    for c in page.chars:
        if c["top"] > rule and c["text"].strip() and c["x1"] < page.width * 0.7:  # "Page X of Y" aside
            baseline = round(page.height - c["matrix"][5], 1)
            lines[baseline] = max(lines.get(baseline, 0.0), c["size"])
    return sorted(lines.items())


def test_the_footers_lines_never_crowd_each_other(workdir: Path) -> None:
    """A footer's lines are as far apart as the footer's leading, between its paragraphs too: a wrapped web
    address, and a second line of details, set the address line below 12.5 pt under it (the line with the
    phone number, at body size, was drawn taller than it was measured, and each later line as well)."""
    brand = workdir / "brand.yaml"
    site = "https://www.northwesternsportsmedicine.example.com/patients/home-programs"
    brand.write_text(brand.read_text(encoding="utf-8").replace("www.example.com", site), encoding="utf-8")
    path = build_one(workdir / "content.yaml", brand, workdir / "out")
    with pdfplumber.open(path) as pdf:
        lines = footer_baselines(pdf.pages[0])
    assert len(lines) >= 5, lines
    for (above, size), (below, _) in itertools.pairwise(lines):
        assert below - above >= 1.3 * 12 - 0.01, lines  # RNIB's leading, at the footer's 12 pt
        assert below - above >= size, lines  # and never closer than the taller line's glyphs


def test_the_footers_disclaimer_never_ends_on_a_word_alone(workdir: Path) -> None:
    """A clinic's disclaimer of any length from two lines to three ends on a line of two words or more, every word
    printed in order: one ended on "anything" alone under "… if you are unsure about", on every page."""
    brand = workdir / "brand.yaml"
    clinic = yaml.safe_load(brand.read_text(encoding="utf-8"))
    said = clinic["footer"]
    more = "Please call us or your doctor if you are unsure about anything in it at all today"
    for count in range(8, 18):
        disclaimer = clinic["footer"] = f"{said} {' '.join(more.split()[:count])}"
        brand.write_text(yaml.safe_dump(clinic, allow_unicode=True), encoding="utf-8")
        path = build_one(workdir / "content.yaml", brand, workdir / f"out-{count}")
        with pdfplumber.open(path) as pdf:
            last = (pdf.pages[1].extract_text() or "").splitlines()[-1]
        assert len(last.split()) >= 2, (count, last)
        assert disclaimer in flat(pdf_text(path)), count


@pytest.mark.parametrize("variant", ["handout", "handout-large-print"])
def test_page_x_of_y_stands_on_the_footers_first_line(knee_four: dict[str, Path], variant: str) -> None:
    """The label "Page 1 of 9" shares the baseline of the footer's first line (the clinic's name and phone number): it sat
    4 pt above it, set a 12 pt line below the footer's top where the line beside it is set lower (its phone
    number at 14 pt, and the footer's first line a little below its top)."""
    with pdfplumber.open(knee_four[variant]) as pdf:
        for page in pdf.pages:
            rule = max(line["top"] for line in page.lines if line["top"] > page.height * 0.6)
            footer = [c for c in page.chars if c["top"] > rule and c["text"].strip()]
            start = max(w["x0"] for w in page.extract_words() if w["top"] > rule and w["text"] == "Page")
            label = [c for c in footer if c["x0"] >= start - 0.1]
            first = min(page.height - c["matrix"][5] for c in footer if c["x1"] < start)
            assert "".join(c["text"] for c in label) == f"Page{page.page_number}of{len(pdf.pages)}"
            assert {round(page.height - c["matrix"][5], 1) for c in label} == {round(first, 1)}


def test_text_is_left_aligned_not_justified(knee_handout: Path) -> None:
    """Ragged right: body lines end at different x positions."""
    with pdfplumber.open(knee_handout) as pdf:
        lines = pdf.pages[1].extract_text_lines()
    body = [line for line in lines if abs(line["chars"][0]["size"] - 14) < 0.1 and len(line["text"]) > 40]
    assert len(body) > 5
    assert len({round(line["x1"]) for line in body}) > len(body) // 2


def test_content_text_prints_literally(make_content, workdir: Path) -> None:
    tricky = "A & B <tag> {{ 7*7 }} &amp; <b>not bold</b> <img src='x.png'/>"
    path = make_content(title=tricky, finish=tricky)
    text = flat(pdf_text(build_one(path, workdir / "brand.yaml", workdir / "out")))
    assert text.count("A & B <tag> {{ 7*7 }} &amp; <b>not bold</b> <img src='x.png'/>") == 2
    assert "49" not in text


def test_markdown_in_sections(make_content, workdir: Path) -> None:
    body = "Intro with **bold** and *italic* and [our site](https://example.com/knee).\n\n- first point\n- second point\n"
    path = make_content(sections=[{"heading": "Extra", "body": body}])
    pdf = build_one(path, workdir / "brand.yaml", workdir / "out")
    text = flat(pdf_text(pdf))
    assert "Intro with bold and italic and our site (example.com/knee)." in text
    assert "• first point" in text and "• second point" in text
    with pdfplumber.open(pdf) as doc:
        fonts = {face_name(c["fontname"]) for c in doc.pages[0].chars}
        links = [a["uri"] for a in doc.pages[0].hyperlinks]
    assert "AtkinsonHyperlegible-Italic" in fonts and "AtkinsonHyperlegible-Bold" in fonts
    assert "https://example.com/knee" in links


@pytest.mark.parametrize("only", ["handout", "handout-large-print"])
def test_numbered_lists_print_their_numbers_as_typed_and_deep_lists_build(make_content, workdir: Path, only: str) -> None:
    """A list numbered from 1986 or with `3)` prints those numbers and marks (they printed "1." and "3."); eight
    lists one inside another build (the build stopped, naming the layout), their items in order."""
    nested = "\n".join("  " * depth + f"- Level {depth + 1}" for depth in range(8))
    body = f"1986. A good year.\n\n3) Third item\n4) Fourth item\n\n{nested}\n\n007. Bond\n"
    path = make_content(sections=[{"heading": "Extra", "body": body}])
    (pdf,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=(only,)))
    text = flat(pdf_text(pdf))
    typed = ["1986. A good year.", "3) Third item", "4) Fourth item", *(f"• Level {n}" for n in range(1, 9)), "007. Bond"]
    at = [text.find(item) for item in typed]  # each printed, in order (a footer may come between them)
    assert -1 not in at and at == sorted(at), dict(zip(typed, at, strict=True))


def test_lists_nine_deep_print_every_item_and_deeper_is_an_error(make_content, workdir: Path) -> None:
    """Bullet and numbered lists nine deep, the most a body may have, print every item in the handout and the web
    copy (the tenth level printed an empty "•" and lost its words and all below it, and `check` said nothing);
    ten deep is an error naming the body's line, from `check` and `build` alike, and nothing is written."""
    import lxml.html

    bullets = "\n".join("  " * depth + f"- Bullet {depth + 1}" for depth in range(9))
    numbered = "\n".join("   " * depth + f"1. Numbered {depth + 1}" for depth in range(9))
    path = make_content(sections=[{"heading": "Extra", "body": f"{bullets}\n\n{numbered}\n"}])
    out = workdir / "out"
    pdf, page = build(path, workdir / "brand.yaml", Options(out=out, only=("handout", "handout-html")))
    typed = [*(f"• Bullet {n}" for n in range(1, 10)), *(f"1. Numbered {n}" for n in range(1, 10))]
    text = flat(pdf_text(pdf))
    at = [text.find(item) for item in typed]  # each printed, in order (a footer may come between them)
    assert -1 not in at and at == sorted(at), dict(zip(typed, at, strict=True))
    items = lxml.html.fromstring(page.read_bytes()).xpath("//main//li[not(ancestor::ol[@class='steps'])]")
    assert [flat(item.text or "") for item in items if "Bullet" in (item.text or "") or "Numbered" in (item.text or "")] == [
        item.removeprefix("• ").split(". ", 1)[-1] for item in typed
    ]
    deeper = make_content("deeper.yaml", sections=[{"heading": "Extra", "body": f"{numbered}\n{'   ' * 9}1. Ten\n"}])
    line = next(n for n, typed in enumerate(deeper.read_text(encoding="utf-8").splitlines(), 1) if "body:" in typed)
    for command in (["check"], ["build", "--out", str(workdir / "deeper")]):
        code, output = run(*command, str(deeper), "--brand", str(workdir / "brand.yaml"))
        lines = [line for line in output.splitlines() if line.startswith("error: ")]
        assert code == 1 and lines == [f"error: {deeper}:{line}: sections[1].body: lists nest 10 levels deep; at most 9 print"]
    assert not (workdir / "deeper").exists()


@pytest.mark.parametrize("only", ["handout", "handout-large-print"])
def test_list_items_with_more_in_them_build_and_read_in_order(make_content, workdir: Path, only: str) -> None:
    """A list inside an item, then more of the item, a rule and a heading in items, an empty item: each builds
    (a rule crashed the build, a heading stopped it), prints its mark as typed, and the tagged PDF reads it in
    the order it is drawn (the item's next paragraph was read before the list inside the item)."""
    from tagged import struct_text

    if shutil.which("pdfinfo") is None:
        pytest.skip("needs poppler's pdfinfo")
    body = "- bullet a\n  1. inner one\n\n  more of bullet a\n- bullet b\n\n  ---\n\n1. # In an item\n2.\n3. three\n"
    path = make_content(sections=[{"heading": "Extra", "body": body}])
    (pdf,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=(only,)))
    text = flat(pdf_text(pdf))
    typed = ["• bullet a", "1. inner one", "more of bullet a", "• bullet b", "---", "1. In an item", "2.", "3. three"]
    at = [text.find(item, text.find("Extra")) for item in typed]  # each printed, in order (a footer may come between)
    assert -1 not in at and at == sorted(at), dict(zip(typed, at, strict=True))
    read = [words.strip() for kind, words in struct_text(pdf) if kind == "P"]
    at = [read.index(words) for words in ("bullet a", "inner one", "more of bullet a", "bullet b", "---")]
    assert at == sorted(at), read


def test_a_number_wider_than_its_room_keeps_the_items_lines_aligned(make_content, workdir: Path) -> None:
    """Every line of an item numbered "1986." starts where its first line does (reportlab pushed the first line
    right and let the next go back under the number)."""
    words = " ".join(["Press lightly with a flat hand and slide up towards the knee."] * 3)
    path = make_content(sections=[{"heading": "Extra", "body": f"1986. {words}\n1987. Short.\n"}])
    (pdf,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",)))
    with pdfplumber.open(pdf) as doc:
        lines = [line for page in doc.pages for line in page.extract_text_lines()]
    start = next(i for i, line in enumerate(lines) if line["text"].startswith("1986."))
    end = next(i for i, line in enumerate(lines) if line["text"].startswith("1987."))
    text_start = next(c["x0"] for c in lines[start]["chars"] if c["text"] == "P")  # after the number
    starts = {round(line["chars"][0]["x0"], 1) for line in lines[start + 1 : end]}
    assert end - start >= 3 and starts == {round(text_start, 1)}, (starts, text_start)


def _numbers_and_text(pdf: Path, first_word: str) -> dict[str, tuple[float, float]]:
    """Each number printed before `first_word` on its line (a step's, a list item's), the first time: the x where
    its last character ends and the x where the word after it starts."""
    found: dict[str, tuple[float, float]] = {}
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            words = page.extract_words()
            for number in (word for word in words if re.fullmatch(r"\d+\.?", word["text"])):
                beside = [
                    word
                    for word in words
                    if word["x0"] > number["x1"] and word["top"] < number["bottom"] and word["bottom"] > number["top"]
                ]
                after = min(beside, key=lambda word: word["x0"], default=None)  # on its line (a number stands taller)
                if after is not None and after["text"] == first_word:
                    found.setdefault(number["text"], (number["x1"], after["x0"]))
    return found


def test_step_numbers_of_one_and_two_digits_end_at_the_same_x(make_content, workdir: Path) -> None:
    """In a routine of 12 steps, each number ends where the others in its column do and each step's words start at
    the same x, in the handouts and the posters: 1 to 9 were set flush left, so 9 ended a digit before 10."""
    steps = [{"title": "Press gently", "text": "Slide your hand up the leg.", "cue": "Press gently"} for _ in range(12)]
    path = make_content(routine={"steps": steps})
    for pdf in build(path, workdir / "brand.yaml", Options(out=workdir / "out")):
        if pdf.suffix != ".pdf":
            continue
        found = _numbers_and_text(pdf, "Press")
        assert sorted(found, key=int) == [str(number) for number in range(1, 13)], (pdf.name, found)
        columns: dict[int, list[float]] = {}  # a poster's columns: by where their words start
        for end, start in found.values():
            columns.setdefault(round(start), []).append(end)
        assert len(columns) <= 2, (pdf.name, found)
        for ends in columns.values():
            assert max(ends) - min(ends) <= 0.5, (pdf.name, found)
        nine, ten = found["9"], found["10"]
        assert abs((nine[1] - nine[0]) - (ten[1] - ten[0])) <= 0.5, (pdf.name, nine, ten)


def test_step_numbers_a_layout_gives_end_at_the_same_x(make_content, workdir: Path) -> None:
    """A clinic's layout numbers a routine of six steps from 5 to 10: 9 ends where 10 does and the steps' words
    start at one x (the numbers were set flush left, as for a routine of six, and 10 pushed its title right)."""
    layouts = workdir / "layouts"
    layouts.mkdir()
    shipped = (ROOT / "templates" / "handout.xml.j2").read_text(encoding="utf-8")
    assert '<step number="{{ loop.index }}"' in shipped
    (layouts / "handout.xml.j2").write_text(shipped.replace("{{ loop.index }}", "{{ loop.index + 4 }}"), encoding="utf-8")
    steps = [{"title": "Press gently", "text": "Slide your hand up the leg.", "cue": "Press gently"} for _ in range(6)]
    path = make_content(routine={"steps": steps})
    options = Options(out=workdir / "out", only=("handout", "handout-large-print"), templates=layouts)
    for pdf in build(path, workdir / "brand.yaml", options):
        found = _numbers_and_text(pdf, "Press")
        assert sorted(found, key=int) == [str(number) for number in range(5, 11)], (pdf.name, found)
        ends, starts = {end for end, _ in found.values()}, {start for _, start in found.values()}
        assert max(ends) - min(ends) <= 0.5 and max(starts) - min(starts) <= 0.5, (pdf.name, found)


def test_numbered_list_items_of_one_and_two_digits_end_at_the_same_x(make_content, workdir: Path) -> None:
    """A list numbered 1 to 12 in a section: "9." ends where "10." does, and every item's words start at the same
    x ("9." ended a digit before "10.")."""
    items = "".join(f"{number}. Press lightly with a flat hand.\n" for number in range(1, 13))
    path = make_content(sections=[{"heading": "Extra", "body": items}])
    for pdf in build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout", "handout-large-print"))):
        found = _numbers_and_text(pdf, "Press")
        assert sorted(found, key=lambda label: int(label[:-1])) == [f"{number}." for number in range(1, 13)], found
        ends, starts = {end for end, _ in found.values()}, {start for _, start in found.values()}
        assert max(ends) - min(ends) <= 0.5 and max(starts) - min(starts) <= 0.5, (pdf.name, found)


def test_prepared_for_line(workdir: Path) -> None:
    import datetime

    pdf = build_one(
        workdir / "content.yaml", workdir / "brand.yaml", workdir / "out", patient="Jo Bloggs", date=datetime.date(2026, 12, 1)
    )
    assert "Prepared for Jo Bloggs on 1 December 2026 by Sam Carter, massage therapist" in flat(pdf_text(pdf))


def test_no_prepared_line_without_patient_or_date(text: str) -> None:
    assert "Prepared" not in text


@pytest.mark.slow
def test_fallback_font_for_characters_atkinson_lacks(make_content, workdir: Path) -> None:
    # Ĉ and ŋ are not in Atkinson Hyperlegible; Noto Sans has them.
    path = make_content(finish="Relax, Ĉu bone? Say ŋ.")
    pdf = build_one(path, workdir / "brand.yaml", workdir / "out")
    with pdfplumber.open(pdf) as doc:
        chars = [c for page in doc.pages for c in page.chars if c["text"] in "Ĉŋ"]
    assert {c["text"] for c in chars} == {"Ĉ", "ŋ"}
    # The closing line is bold: its fallback letters in Noto Sans's bold, as the clinic's letters around them.
    assert {face_name(c["fontname"]) for c in chars} == {"NotoSans-Bold"}


def _embedded_weight(pdf: Path, name: str) -> int:
    """The weight (OS/2 usWeightClass) of the font program a PDF embeds under the PostScript `name`."""
    from fontTools.ttLib import TTFont

    for page in pypdf.PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/BaseFont"].lstrip("/").split("+", 1)[-1] == name:
                program = font["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
                return int(TTFont(io.BytesIO(program))["OS/2"].usWeightClass)
    raise AssertionError(f"{pdf.name} embeds no font {name}")


@pytest.mark.slow
def test_bold_text_in_letters_the_face_lacks_prints_bold(make_content, workdir: Path) -> None:
    """Atkinson Hyperlegible has no Greek letters (but π and μ): Greek prints in Noto Sans, which ships as a
    variable font, and reportlab embeds only its default instance, the regular. A bold Greek word, and a Greek
    heading (large print's headings are bold by rule), printed regular amid the clinic's bold. They print in
    Noto Sans's bold, one font embedded as a font of its own, the same in every PDF; regular Greek stays
    regular."""
    path = make_content(title="Βήμα προς βήμα", summary="Ήπια κίνηση, και **σταματήστε αμέσως** αν πονάτε.")
    only = ("handout", "handout-large-print", "poster")
    written = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=only))
    bold_fonts = set()
    for pdf in written:
        with pdfplumber.open(pdf) as doc:
            words = [word for page in doc.pages for word in page.extract_words(return_chars=True)]
        faces: dict[str, set[str]] = {}
        for word in words:
            faces.setdefault(word["text"].strip(".,"), set()).update(c["fontname"].split("+", 1)[-1] for c in word["chars"])
        said = ["Βήμα", "προς"] + (["σταματήστε", "αμέσως", "Ήπια", "κίνηση"] if "poster" not in pdf.name else [])
        assert all(word in faces for word in said), (pdf.name, sorted(faces))
        bold = faces["Βήμα"] | faces["προς"] | faces.get("σταματήστε", set()) | faces.get("αμέσως", set())
        assert {face_name(name) for name in bold} == {"NotoSans-Bold"}, (pdf.name, bold)
        if "poster" not in pdf.name:
            assert {face_name(name) for name in faces["Ήπια"] | faces["κίνηση"]} == {"NotoSans-Regular"}, pdf.name
        (name,) = bold
        assert _embedded_weight(pdf, name) == 700, pdf.name
        bold_fonts |= bold
    assert len(bold_fonts) == 1, bold_fonts  # one bold, made once, in every PDF


def _name_faces(pdf: bytes | Path, name: str) -> set[str]:
    """The faces each word of `name` prints in, on the prepared-for line."""
    with pdfplumber.open(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf) as doc:
        words = [word for word in doc.pages[0].extract_words(return_chars=True) if word["text"] in name.split()]
    assert sorted(word["text"] for word in words) == sorted(name.split()), words
    return {face_name(c["fontname"].split("+", 1)[-1]) for word in words for c in word["chars"]}


def test_a_patients_name_in_letters_the_face_lacks_prints_bold_whole(make_content, workdir: Path) -> None:
    """The prepared-for line sets the patient's name bold. Noto Sans's bold was made of the routine's texts only:
    in a Greek routine, 'Καλά Λόλα' printed 'Καλά' bold (its letters in the routine's) and 'Λόλα' regular, one
    name in two weights, for a single build and for a batch's later patient alike. Both words print bold."""
    from handouts.build import render
    from handouts.job import Prepared
    from handouts.outputs import BY_NAME

    path = make_content(summary="**Αλλά Καλό**, και αργά.")
    brand = workdir / "brand.yaml"
    prepared = Prepared()
    for name in ("Καλά Λόλα", "Καλά Ψαρά"):  # the second as a batch's worker builds it, after the first
        job = prepared(path, brand, Options(only=("handout",), patient=name))
        assert _name_faces(render(job, BY_NAME["handout"]).data, name) == {"NotoSans-Bold"}, name
    (single,) = build(path, brand, Options(out=workdir / "out", only=("handout",), patient="Καλά Ψαρά"))
    assert _name_faces(single, "Καλά Ψαρά") == {"NotoSans-Bold"}


def test_a_batchs_poster_is_the_one_its_patient_would_get_alone(make_content, workdir: Path) -> None:
    """A batch draws a poster once for the patients whose posters are the same. Noto Sans's bold is made of a
    patient's name's letters too (see the test above): the second patient's poster was the first's, its bold
    made of the first's name, so a patient's poster (and print file) differed from the one built for them alone,
    by who came before them in the batch."""
    from handouts.build import render
    from handouts.job import Prepared
    from handouts.outputs import BY_NAME

    path = make_content(title="Αλλά Καλό", summary="**Αλλά Καλό**, και αργά.")  # the title: on the poster
    brand = workdir / "brand.yaml"

    def poster_fonts(prepared: Prepared, name: str) -> set[str]:
        job = prepared(path, brand, Options(only=("poster",), patient=name))
        with pdfplumber.open(io.BytesIO(render(job, BY_NAME["poster"]).data)) as doc:
            return {c["fontname"].split("+", 1)[-1] for c in doc.pages[0].chars if "Noto" in c["fontname"]}

    batch = Prepared()
    poster_fonts(batch, "Καλά Λόλα")
    alone = poster_fonts(Prepared(), "Καλά Ψαρά")
    assert any(face_name(name) == "NotoSans-Bold" for name in alone), alone
    assert poster_fonts(batch, "Καλά Ψαρά") == alone


def test_a_word_the_face_cannot_print_whole_prints_in_one_font(make_content, workdir: Path) -> None:
    """Atkinson Hyperlegible has the Greek letters π and μ (for mathematics) but not the rest: 'Βήμα προς
    βήμα' was printed with those two letters in Atkinson, bold in a heading, amid Noto Sans's regular
    letters, a word of two typefaces. A word the face lacks a letter of is printed whole in the fallback."""
    greek = "Βήμα προς βήμα: ήπιες κινήσεις, σταματήστε"
    path = make_content(title=f"{greek} (neck)", finish=greek)
    pdf = build_one(path, workdir / "brand.yaml", workdir / "out")
    with pdfplumber.open(pdf) as doc:
        words = [word for page in doc.pages for word in page.extract_words(return_chars=True)]
    greek_words = [word for word in words if word["text"] in greek.split()]
    assert len(greek_words) >= 2 * len(greek.split()), [w["text"] for w in words]
    for word in greek_words:
        assert len({c["fontname"] for c in word["chars"]}) == 1, (word["text"], [c["fontname"] for c in word["chars"]])
    assert any(word["text"] == "(neck)" and "Atkinson" in word["chars"][0]["fontname"] for word in words)


GREEK_WORD = "Σταματήστεαμέσωςκαιτηλεφωνήστεστονθεραπευτήσαςαμέσωςαμέσωςαμέσωςαμέσως"
GERMAN_WORD = "Oberschenkelmuskulaturdehnungsübungswiederholungsanleitungsheftchenausgabebeschreibung"


@pytest.mark.parametrize(
    ("field", "text", "long"),
    [
        ("finish", f"Βήμα {GREEK_WORD} and call us.", GREEK_WORD),  # in the fallback font, then the clinic's
        ("summary", f"Read **{GERMAN_WORD}** slowly and carefully.", GERMAN_WORD),  # bold, then regular
    ],
)
def test_a_word_broken_across_lines_is_followed_by_one_space(
    make_content, workdir: Path, field: str, text: str, long: str
) -> None:
    """A word wider than its line, broken with a hyphen, ended its last line with two spaces before the next word
    when another font followed it ('αμέσως  and' in the clinic's font after the fallback's Greek, a bold word's
    end and the regular text after it): reportlab keeps a word's space when it breaks it, and the next run began
    with the space too. One space is printed, and read."""
    path = make_content(**{field: text})
    pdf = build_one(path, workdir / "brand.yaml", workdir / "out")
    with pdfplumber.open(pdf) as doc:
        lines = [line for page in doc.pages for line in page.extract_text().splitlines()]
        chars = [c for page in doc.pages for c in page.chars]
    assert any(line.endswith("-") and line.split()[-1][:-1] in long for line in lines), lines  # broken, as asked
    doubled = [
        (a["fontname"], b["fontname"])
        for a, b in itertools.pairwise(chars)
        if a["text"] == b["text"] == " " and a["matrix"][5] == b["matrix"][5]
    ]
    assert not doubled, doubled


def test_identical_bytes_on_second_build(workdir: Path) -> None:
    first = build(workdir / "content.yaml", workdir / "brand.yaml", Options(out=workdir / "a"))
    second = build(workdir / "content.yaml", workdir / "brand.yaml", Options(out=workdir / "b"))
    assert len(first) == 5  # four PDFs and the web page
    for one, other in zip(first, second, strict=True):
        assert one.read_bytes() == other.read_bytes(), one.name


def test_build_reports_written_paths_and_leaves_no_temp_files(workdir: Path) -> None:
    written = build(workdir / "content.yaml", BRAND, Options(out=workdir / "out"))
    names = [f"knee-self-massage-{name}.pdf" for name in ("handout", "poster", "handout-large-print", "poster-large-print")]
    names.append("knee-self-massage-handout.html")
    assert [p.name for p in written] == names
    assert sorted(p.name for p in (workdir / "out").iterdir()) == sorted(names)


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["handout", "handout-large-print"])
def test_headings_stay_with_what_follows(workdir: Path, variant: str) -> None:
    (path,) = build(workdir / "content.yaml", workdir / "brand.yaml", Options(out=workdir / "o", only=(variant,)))
    headings = [section["heading"] for section in knee()["sections"]] + [knee()["routine"]["title"], "References"]
    with pdfplumber.open(path) as pdf:
        pages = [flat(page.extract_text()) for page in pdf.pages]
    routine = knee()["routine"]["title"]
    assert any(routine in page and "1 Warm up" in page for page in pages)  # the routine's heading sits with its first step
    for heading in headings:
        page = next(p for p in pages if heading in p)
        after = page.split(heading, 1)[1]
        body = after.split("Birchwood Massage & Physiotherapy")[0]  # up to the footer
        assert len(body.split()) >= 15, f"{heading!r} is left at the foot of a page"


@functools.lru_cache(maxsize=4)
def _large_print(workdir: Path, content: bytes, brand: bytes) -> tuple[Any, dict[str, Any]]:
    """The large-print theme and handout styles of the routine and brand in `workdir`, as they read (`content`,
    `brand`): made once for the tests that lay out one story at every page height."""
    from handouts.pdf.handout.styles import handout_styles
    from handouts.pdf.theme import LARGE_PRINT, job_theme

    job = prepare(workdir / "content.yaml", workdir / "brand.yaml", Options())
    job.fonts.register()
    theme = job_theme(job, LARGE_PRINT)
    return theme, handout_styles(theme)


def _story(workdir: Path, xml: str, width: float = 400.0) -> tuple[list[Any], dict[str, Any]]:
    """The handout's flowables for layout `xml` in large print, and their styles."""
    from handouts.layout.parse import parse_document
    from handouts.layout.templating import Layout
    from handouts.pdf.handout.blocks import Builder

    files = ((workdir / name).read_bytes() for name in ("content.yaml", "brand.yaml"))
    theme, styles = _large_print(workdir, *files)
    return Builder(theme, styles, width, workdir).build(parse_document(Layout(xml, "test"))), styles


def _laid_out_pdf(story: list[Any], height: float, width: float = 400.0) -> bytes:
    """The PDF of `story` laid out in frames `height` high and `width` wide, 50 points in from each edge, its
    pages not compressed: the tests below lay out about 8,000, and compressing them took a third of their time
    (compression changes no layout)."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from handouts.pdf.flowables import reportlab_settings

    reportlab_settings()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=(width + 100, max(height + 100, 200)), pageCompression=0)
    frame = Frame(50, 50, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [frame])])
    doc.build(story)
    return buffer.getvalue()


def _laid_out(story: list[Any], height: float, width: float = 400.0) -> list[str]:
    """The text of each page when `story` is laid out in frames `height` high, as PDFium reads it: the tests
    below read about 3,800 pages, and pdfplumber took three quarters of their time reading them (on every one
    of those pages the two read the same words in the same order)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(_laid_out_pdf(story, height, width))
    try:
        return [flat(page.get_textpage().get_text_range()) for page in pdf]
    finally:
        pdf.close()


def _after_lines(workdir: Path, body: str, lines: range, heights: range) -> Iterator[tuple[int, int, list[str]]]:
    """Layout XML `body` after each of `lines` lines of text, laid out on pages each of `heights` high: the count
    of lines, the height and each page's text."""
    for count in lines:
        before = "".join(f"<para>Line {n} before the list.</para>" for n in range(count))
        for height in heights:
            story, _ = _story(workdir, f"<document>{before}{body}</document>")
            yield count, height, _laid_out(story, height)


@pytest.mark.slow
def test_no_page_opens_with_the_space_after_a_step(workdir: Path) -> None:
    """The space after a step is dropped at a page break, as a typesetter drops it: stepping the page's height,
    every page's first line is at the top of its frame. Where the space did not fit under its step, the next
    page opened with it, its first line that much lower than the others' (and after the last block it made a
    page of its own: see the test below, with a fifth of a point to spare)."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from handouts.pdf.flowables import reportlab_settings
    from handouts.pdf.handout import geometry as g

    text = "Warm up your calf with quick, light strokes from the ankle to the knee."
    steps = "".join(f"<step number='{n}'><title>Step {n}</title><text>{text}</text></step>" for n in range(1, 7))
    width, top = 400.0, 50.0
    for height in range(150, 400, 10):
        story, styles = _story(workdir, f"<document><steps>{steps}</steps></document>", width)
        buffer = io.BytesIO()
        doc = BaseDocTemplate(buffer, pagesize=(width + 100, height + 2 * top), pageCompression=0)  # see _laid_out_pdf
        doc.addPageTemplates([PageTemplate("page", [Frame(50, top, width, height, 0, 0, 0, 0)])])
        reportlab_settings()
        doc.build(story)
        with pdfplumber.open(io.BytesIO(buffer.getvalue())) as pdf:
            for page in pdf.pages:
                assert page.chars, (height, page.page_number)  # no page of the space after the last step alone
                first = min((c for c in page.chars if c["text"].strip()), key=lambda c: c["top"])
                # the step's number (its largest glyph, on its first line) reaches up to the frame's top
                assert first["top"] - top < styles["step-text"].fontSize * g.STEP_SPACE / 2, (height, page.page_number)


@pytest.mark.parametrize("words", [9, 10, 11])
def test_a_phone_number_in_a_note_is_never_broken_across_lines(workdir: Path, words: int) -> None:
    """A therapist's note saying "Call us at (555) 201-4477" printed "(555)" at the end of one line and
    "201-4477" on the next: a number misread or half dialled. A phone number in any text stays on one line."""
    note = " ".join(["Do the heel raises only on your good days."] + ["Rest"] * words) + " Call us at (555) 201-4477 now."
    options = Options(out=workdir / "out", only=("handout-large-print",), note=note)
    (pdf,) = build(workdir / "content.yaml", workdir / "brand.yaml", options)
    with pdfplumber.open(pdf) as doc:
        lines = [line["text"].replace("\u00a0", " ") for line in doc.pages[0].extract_text_lines()]
    assert any("(555) 201-4477" in line for line in lines), lines


@pytest.mark.parametrize("only", ["handout", "poster"])
def test_a_title_is_never_parted_from_the_name_after_it(workdir: Path, only: str) -> None:
    """ "Praxis für Physiotherapie und Manuelle Therapie Dr." over "Müller-Lüdenscheidt" parted a doctor from
    her name in the band, and in the footer beside the phone number."""
    brand = _clinic(workdir, name="Praxis für Physiotherapie und Manuelle Therapie Dr. Müller-Lüdenscheidt")
    (pdf,) = build(workdir / "content.yaml", brand, Options(out=workdir / "out", only=(only,)))
    with pdfplumber.open(pdf) as doc:
        lines = [line["text"] for line in doc.pages[0].extract_text_lines()]
    assert any("Dr. Müller-Lüdenscheidt" in line.replace("\u00a0", " ") for line in lines), lines
    assert not any(line.endswith("Dr.") for line in lines), lines


@pytest.mark.parametrize("spare", [-0.2, 0.2])
def test_a_heading_never_ends_a_page_by_a_fraction_of_a_point(workdir: Path, spare: float) -> None:
    """The room a heading asks for counts the gaps the frame leaves above and under it (the larger of the
    space after the block above and its own space before, and of its space after and the next block's space
    before). A page with just that room less a fifth of a point sends the heading on with its step; it once
    stayed behind, alone at the foot of the page. With a fifth of a point more, both stay: the heading's space
    above was added to the paragraph's, and asked for in full, and a heading the page had room for went on."""
    from reportlab.platypus import Paragraph

    from handouts.pdf.handout.blocks import HeadingBreak

    width = 400.0
    text = "Warm up your calf with quick, light strokes from the ankle to the knee, then lift your hand off."
    step = f"<step number='1'><title>Warm up</title><text>{text}</text></step>"
    story, styles = _story(workdir, f"<document><heading>The routine</heading><steps>{step}</steps></document>", width)
    brk, heading, first = story[:3]
    assert isinstance(brk, HeadingBreak)
    # What the heading and its (short, unsplittable) step take on the page, as the frame lays them out.
    gap = max(heading.getSpaceAfter(), first.getSpaceBefore())
    together = heading.wrap(width, 1e6)[1] + gap + first.wrap(width, 1e6)[1]
    filler = Paragraph("Before the routine.", styles["body"])
    assert 0 < filler.getSpaceAfter() < heading.getSpaceBefore()
    room = filler.wrap(width, 1e6)[1] + max(filler.getSpaceAfter(), heading.getSpaceBefore())
    pages = _laid_out([filler, *story], room + together + spare, width)
    if spare < 0:
        assert pages[0] == "Before the routine."
        assert pages[1].startswith("The routine 1 Warm up")
    else:
        assert pages == [f"Before the routine. The routine 1 Warm up {text}"]  # (the space after the step is dropped)


@pytest.mark.parametrize("filler", range(1, 13))
def test_a_heading_right_above_another_goes_on_with_it(workdir: Path, filler: int) -> None:
    """A section's heading whose body starts with a heading of its own (`# Light`): the two never part, and go
    on together with the first lines under the second. With the page ending after each number of lines in
    turn, the first heading was once left alone at the foot of the page."""
    lines = "".join(f"<para>Line {n} before the section.</para>" for n in range(1, filler + 1))
    words = " ".join(["Press lightly with a flat hand and slide up towards the knee."] * 4)
    xml = f"<document>{lines}<heading>How hard</heading><subheading>Light</subheading><para>{words}</para></document>"
    story, _ = _story(workdir, xml)
    for page in _laid_out(story, 300):
        assert not page.endswith(("How hard", "Light")), page
        if "How hard" in page:
            assert "How hard Light Press lightly" in page


def test_a_run_of_headings_before_a_box_taller_than_a_page_leaves_no_page_bare(workdir: Path) -> None:
    points = "".join(f"<item>Point {n}: stop and ask your therapist if this happens.</item>" for n in range(30))
    xml = (
        "<document><para>Before.</para><heading>One</heading><subheading>Two</subheading><subheading>Three</subheading>"
        f"<callout kind='safety'><title>Before you start</title>{points}</callout></document>"
    )
    story, _ = _story(workdir, xml)
    pages = _laid_out(story, 300)
    # The box can never come whole with its headings: they keep its first rows, and it goes on on the next page.
    assert pages[0].startswith("Before. One Two Three Before you start • Point 0")
    assert all("Point" in page for page in pages)


@pytest.mark.parametrize("tail", ["step", "box"])
def test_a_heading_right_above_another_stays_with_it_at_any_page_height(workdir: Path, tail: str) -> None:
    """Stepping the page's end through every half point: the two headings and what follows them never part
    (the room asked for left out the space under the first heading, which the break between them keeps)."""
    text = "Warm up your calf with quick, light strokes from the ankle to the knee, then lift your hand off."
    after = (
        f"<steps><step number='1'><title>Warm up</title><text>{text}</text></step></steps>"
        if tail == "step"
        else "<callout kind='safety'><title>Before you start</title><item>Stop if it hurts.</item></callout>"
    )
    lines = "".join(f"<para>Line {n} before the section.</para>" for n in (1, 2, 3))
    xml = f"<document>{lines}<heading>How hard</heading><subheading>Light</subheading>{after}</document>"
    for tenth in range(2000, 3300, 5):
        story, _ = _story(workdir, xml)
        for page in _laid_out(story, tenth / 10):
            assert not page.endswith(("How hard", "Light")), (tenth / 10, page)


def test_a_heading_over_a_subheading_and_a_short_pair_keeps_the_page_filled(workdir: Path) -> None:
    """A section's heading right above its body's heading, a line and a list whose first two items are short,
    after 0 to 27 lines, on frames 480 to 900 points high: where the two headings go on to the next page, the page
    they leave is no more blank than the page fill allows (read from the PDF). The heading under the other asked
    for its line and the pair, or stayed with its line, but the one above knew only the first way: a generated
    large-print routine's page 2 was left a third blank (found by hypothesis on a random seed). Where they go on,
    the page's blank is less than the headings and their two lines take (DESIGN's exception)."""
    from handouts.pdf.handout import geometry as g

    items = "".join(f"<item>Item {n} {'of the list ' * n}end{n}.</item>" for n in (1, 2, 3, 4))
    body = "<heading>Palm and thigh</heading><subheading>Palm press</subheading><para>Heel thigh slowly.</para>"
    body += f"<numbered>{items}</numbered><para>After.</para>"
    moved = 0
    for lines, height, pages in _after_lines(workdir, body, range(0, 28, 3), range(480, 900, 13)):
        at = next(index for index, text in enumerate(pages) if "Palm and thigh" in text)
        if at == 0 or not pages[at].startswith("Palm and thigh"):
            continue
        moved += 1
        before = "".join(f"<para>Line {n} before the list.</para>" for n in range(lines))
        story, styles = _story(workdir, f"<document>{before}{body}</document>")
        with pdfplumber.open(io.BytesIO(_laid_out_pdf(story, height))) as pdf:
            page = pdf.pages[at - 1]
            blank = page.height - 50 - max(word["bottom"] for word in page.extract_words())
            words = pdf.pages[at].extract_words()  # the headings and their two lines, which cannot stay in less
            least = next(w["bottom"] for w in words if w["text"] == "end1.") - next(
                w["top"] for w in words if w["text"] == "Palm"
            )
        size = styles["body"].fontSize
        allowed = g.chosen_blank(height, size) + size  # a line's descent and leading, which the words' boxes leave out
        assert blank <= allowed or blank < least + styles["heading"].spaceBefore + size, (
            lines,
            height,
            blank,
            least,
        )
    assert moved  # the headings do go on where the page is nearly full


def test_headings_that_cannot_keep_a_box_whole_on_any_page_keep_its_first_rows(workdir: Path) -> None:
    """Two headings and a box that fit no page together: the headings stay with the box's first rows and the
    box goes on on the next page (the headings stood alone on a page, the box on the next)."""
    points = "".join(f"<item>Point {n}: stop and ask your therapist if this happens.</item>" for n in range(9))
    box = f"<callout kind='safety'><title>Before you start</title>{points}</callout>"
    lines = "".join(f"<para>Line {n} before the section.</para>" for n in range(1, 3))
    story, _ = _story(
        workdir, f"<document>{lines}<heading>Read this first</heading><subheading>Before</subheading>{box}</document>"
    )
    pages = _laid_out(story, 300)
    assert all("Point" in page for page in pages), pages
    assert "Read this first Before Before you start • Point 0" in pages[0], pages


@pytest.mark.parametrize("run", [2, 3, 4])
def test_a_run_of_headings_before_a_box_stays_with_it_at_any_page_height(workdir: Path, run: int) -> None:
    """Two to four headings, then a box, after 0 to 9 lines, on pages 320 to 720 points high: no page ends with a
    heading or holds headings alone, and the box (shorter than a page) is never split (with three or more, the
    middle heading did not pass on what the first had asked for, and the last broke the page, leaving the first
    two behind). Where the headings and the box fit no page together, even eased, the box is kept whole on the
    next page and the headings stay where they fall (alone, where they fall at the top of a page)."""
    from handouts.pdf.handout.blocks import HeadingBreak

    names = ["Alpha", *(f"Sub{n}" for n in range(1, run))]
    heads = "<heading>Alpha</heading>" + "".join(f"<subheading>{name}</subheading>" for name in names[1:])
    points = "".join(f"<item>Point {n}: stop and ask your therapist if this happens.</item>" for n in range(5))
    box = f"<callout kind='safety'><title>Before you start</title>{points}</callout>"
    for lines in range(0, 10, 3):
        before = "".join(f"<para>Line {n} before.</para>" for n in range(lines))
        xml = f"<document>{before}{heads}{box}<para>After.</para></document>"
        for height in range(320, 720, 16):
            story, _ = _story(workdir, xml)
            first = next(f for f in story if isinstance(f, HeadingBreak))
            pages = _laid_out(story, height)
            if first.whole <= height:  # a box no taller than the page is never split
                assert "continued" not in " ".join(pages), (lines, height, pages)
            for page in pages:
                assert page, (lines, height, pages)
                if first.tight <= height:  # they fit a page together
                    assert page != " ".join(names) and not page.endswith(tuple(names)), (lines, height, page)


@pytest.mark.parametrize("count", [2, 3, 5])
@pytest.mark.parametrize("kind", ["numbered", "bullets"])
def test_no_list_item_is_left_alone_at_the_foot_or_head_of_a_page(workdir: Path, count: int, kind: str) -> None:
    """A list of two items or more, after 0 to 27 lines, on pages 560 to 900 points high (a large-print page's
    text is about 700): no page ends with its first item alone ("1. First numbered point" at the foot of page 1,
    "2." on page 2, read as two lists), nor opens with its last alone; a list of two or three never parts. Every
    item prints, in order. (On a shorter page, moving three items may leave more blank than the page fill
    allows, and the page fill comes first: see the test below.)"""
    items = [f"Item {n} of the list, to do each morning." for n in range(1, count + 1)]
    listed = "".join(f"<item>{item}</item>" for item in items)
    parted = 0
    body = f"<{kind}>{listed}</{kind}><para>After the list.</para>"
    for lines, height, pages in _after_lines(workdir, body, range(0, 28, 3), range(560, 900, 11)):
        text = " ".join(pages)
        at = [text.find(item) for item in items]
        assert -1 not in at and at == sorted(at), (lines, height, pages)
        first, last = (next(page for page in pages if f"Item {n} " in page) for n in (1, count))
        assert first.count("Item ") >= 2 and last.count("Item ") >= 2, (lines, height, pages)
        parted += first is not last
    assert parted if count > 3 else not parted  # a long list still parts where it must; a short one never


@pytest.mark.parametrize("count", [2, 4])
def test_a_heading_over_a_list_whose_first_items_are_kept_together_is_never_alone_at_a_page_foot(
    workdir: Path, count: int
) -> None:
    """A heading, then a list whose first two items are short but of two lines or more each, after 0 to 9 lines,
    on pages 200 to 500 points high: no page ends with the heading. The heading asks for room for the pair; the
    break before the pair, under it, never moves the pair alone, or the heading was left alone at the foot of the
    page before (a section "What to watch for" over a list of warnings)."""
    from handouts.pdf.handout.blocks import ListBreak

    items = [f"Point {n}: stop and ask your therapist if this happens." for n in range(1, count + 1)]
    listed = "".join(f"<item>{item}</item>" for item in items)
    for lines in range(10):
        before = "".join(f"<para>Line {n} before the list.</para>" for n in range(lines))
        xml = f"<document>{before}<heading>Watch for</heading><bullets>{listed}</bullets><para>After.</para></document>"
        for height in range(200, 500, 7):
            story, _ = _story(workdir, xml)
            at = next(i for i, f in enumerate(story) if "Point 1" in getattr(f, "text", ""))
            assert isinstance(story[at - 1], ListBreak) and story[at - 1].held  # the heading asks for the pair
            assert len(story[at].blPara.lines) >= 2  # wrapped as the list was made
            pages = _laid_out(story, height)
            assert not any(page.endswith("Watch for") for page in pages), (lines, height, pages)


@pytest.mark.parametrize("heading", [False, True])
def test_a_lead_in_ending_with_a_colon_never_stays_alone_above_its_list(workdir: Path, heading: bool) -> None:
    """A short paragraph leading into a list ("Each session:"), under a heading or not, after 0 to 27 lines, on
    pages 520 to 900 points high: no page ends with it, or with the heading, while the items go on (the lead-in
    went alone at the foot of a page once its list's first items were kept together)."""
    items = "".join(f"<item>Item {n} of the list.</item>" for n in range(1, 5))
    over = "<heading>Before you start</heading>" if heading else ""
    body = f"{over}<para>Each session:</para><numbered>{items}</numbered><para>After.</para>"
    for lines, height, pages in _after_lines(workdir, body, range(0, 28, 3), range(520, 900, 11)):
        assert not any(page.endswith(("Each session:", "Before you start")) for page in pages), (lines, height, pages)
        assert "Each session: 1. Item 1 of the list. 2. Item 2 of the list." in " ".join(pages)


@pytest.mark.parametrize("heading", [False, True])
def test_a_lead_in_never_stays_alone_above_a_long_first_item(workdir: Path, heading: bool) -> None:
    """A lead-in ("Stop and call the clinic if:") over a list whose first item runs to five lines (too long to be
    kept whole with the second), under a heading or not, after 0 to 27 lines, on frames 600 to 900 points high
    (A4's and letter's later pages are 590 to 690; on a first page's, under the band, 480 to 550, the page fill
    can allow less blank than the lead-in and two lines of large print take, and comes first): no page ends with
    the lead-in or the heading; the lead-in goes on with the item's first lines (a paragraph leaves two lines at
    least on each page). Only lists whose first two items are short had it kept."""
    long = "the pain is worse at night, the knee is hot, red or swollen, or you cannot put weight on the leg " * 2
    items = f"<item>Item 1: {long}end one.</item><item>Item 2 of the list.</item><item>Item 3 of it.</item>"
    over = "<heading>When to stop</heading>" if heading else ""
    body = f"{over}<para>Stop and call the clinic if:</para><bullets>{items}</bullets><para>After.</para>"
    ends = ("Stop and call the clinic if:", "When to stop")
    for lines, height, pages in _after_lines(workdir, body, range(0, 28, 3), range(600, 900, 7)):
        assert not any(page.endswith(ends) for page in pages), (lines, height, pages)
        assert "Stop and call the clinic if: • Item 1:" in " ".join(pages), pages


def test_a_lead_in_that_ends_a_together_block_stays_with_the_line_above_it(workdir: Path) -> None:
    """A <together> block (a layout's: its last two blocks go on together) ending in a lead-in, then a list, after
    0 to 27 lines, on pages 520 to 900 points high: the lead-in never opens a page without the line above it. The
    list's break, taking in the lead-in, stood between the two and broke the block's keep."""
    items = "".join(f"<item>Item {n} of the list.</item>" for n in range(1, 5))
    block = "<together><para>Call the clinic if unsure.</para><para>Each session:</para></together>"
    body = f"{block}<numbered>{items}</numbered><para>After.</para>"
    for lines, height, pages in _after_lines(workdir, body, range(0, 28, 3), range(520, 900, 11)):
        assert not any(page.startswith("Each session:") for page in pages), (lines, height, pages)
        assert "Call the clinic if unsure. Each session: 1. Item 1" in " ".join(pages)


def test_a_list_of_three_under_a_heading_and_its_lead_in_never_parts_from_them_alone(workdir: Path) -> None:
    """A heading, a line, a lead-in and a list of three short items, after 0 to 29 lines, on pages 520 to 900
    points high: no page opens with the third item alone, nor ends with the lead-in or the heading.
    - The heading asked for no more than four blocks after it, the third item not among them, and the break before
      the items, under the heading, never breaks: the third item opened a page alone.
    - Where the heading stays without the list (taking it along would leave more than the page fill blank), the
      list's break, which the heading held, decides for itself again: the page ended "Each session:" and the items
      opened the next."""
    items = "".join(f"<item>Item {n} of it.</item>" for n in (1, 2, 3))
    body = "<heading>Before you start</heading><para>One line.</para><para>Each session:</para>"
    body += f"<numbered>{items}</numbered><para>After.</para><para>More after.</para>"
    for lines, height, pages in _after_lines(workdir, body, range(0, 30, 3), range(520, 900, 7)):
        assert not any(page.startswith("3. Item 3") for page in pages), (lines, height, pages)
        assert not any(page.endswith(("Each session:", "Before you start")) for page in pages), (lines, height, pages)


def test_a_list_of_three_that_cannot_go_on_whole_keeps_its_last_two_together(workdir: Path) -> None:
    """A list of three items of three lines each, after 0 to 23 lines, on pages 500 to 900 points high: where the
    third opens a page alone, going on with the second too would have left more than the page fill blank under
    the first (read from the PDF: from the first's last line to the frame's foot, and the space under it). The
    three were kept together or not at all, and where not, the third went on alone."""
    from handouts.pdf.handout import geometry as g

    words = "Rest your leg on a cushion and breathe out slowly and then"
    items = "".join(f"<item>Item {n} {words} {words} end{n}.</item>" for n in (1, 2, 3))
    body = f"<bullets>{items}</bullets><para>After.</para>"
    alone = 0
    for lines, height, pages in _after_lines(workdir, body, range(24), range(500, 900, 20)):
        third = next(index for index, text in enumerate(pages) if "end3." in text)
        if "end2." not in pages[third - 1] or "Item 2" in pages[third]:
            continue
        alone += 1
        assert "end1." in pages[third - 1], (lines, height, pages)
        before = "".join(f"<para>Line {n} before the list.</para>" for n in range(lines))
        story, styles = _story(workdir, f"<document>{before}{body}</document>")
        with pdfplumber.open(io.BytesIO(_laid_out_pdf(story, height))) as pdf:  # where the first item's words are
            page = pdf.pages[third - 1]
            first = next(word for word in page.extract_words() if word["text"] == "end1.")
            under = page.height - 50 - first["bottom"] + styles["bullet"].spaceAfter
            assert under > g.chosen_blank(height, styles["bullet"].fontSize), (lines, height, under, pages)
    assert alone  # where going on would leave too much blank, it still parts


def test_long_list_items_part_as_paragraphs_do_not_moved_whole(workdir: Path) -> None:
    """Items of eight lines are not kept together as short ones are (see the test above): where the second does not
    fit under the first, it goes on on the next page, two lines or more on each, rather than leave the foot of the
    page empty."""
    words = " ".join(["Rest your leg on a cushion and breathe out slowly"] * 6)
    before = "".join(f"<para>Line {n} before the list.</para>" for n in range(5))
    listed = f"<bullets><item>First {words} end one.</item><item>Second {words} end two.</item></bullets>"
    xml = f"<document>{before}{listed}</document>"
    parted = 0
    for height in range(500, 900, 10):
        story, _ = _story(workdir, xml)
        pages = _laid_out(story, height)
        opened = next(page for page in pages if "Second" in page)
        parted += "end one." in opened and "end two." not in opened
    assert parted


def test_a_heading_and_a_box_that_fit_a_page_with_its_padding_eased_are_not_split(workdir: Path) -> None:
    """Where a heading and its box fit a fresh page only with the box's padding eased, both go on to the next
    page whole, the padding eased (the box was split, "continued", across two pages)."""
    from handouts.pdf.handout import geometry as g
    from handouts.pdf.handout.blocks import Box, HeadingBreak

    points = "".join(f"<item>Point {n}: stop and ask your therapist if this happens.</item>" for n in range(5))
    box = f"<callout kind='safety'><title>Before you start</title>{points}</callout>"
    xml = f"<document><para>Line before.</para><heading>Alpha</heading>{box}</document>"
    story, _ = _story(workdir, xml)
    brk, box = next(f for f in story if isinstance(f, HeadingBreak)), next(f for f in story if isinstance(f, Box))
    full, eased = box.wrap(400, 1e6)[1], Box(box.rows, box.make, box.again, g.BOX_TIGHT).wrap(400, 1e6)[1]
    assert eased < full
    for height in range(int(brk.height - (full - eased)) + 1, int(brk.height) - 1):
        story, _ = _story(workdir, xml)
        pages = _laid_out(story, height)
        assert pages[1:] and pages[1].startswith("Alpha Before you start") and "continued" not in " ".join(pages), (height, pages)


def test_a_heading_over_a_three_line_paragraph_never_ends_a_page(workdir: Path) -> None:
    """A three-line paragraph cannot be split (each page keeps two lines of it or none), so a heading over one
    needs room for all three; the page's end stepped through every point. It asked for two and a half lines, and
    "References" stood alone at the foot of a large-print page over its first, three-line entry (found by the
    handout property test)."""
    words = "Perlman, A.I. et al. (2006) Massage therapy for osteoarthritis of the knee: a randomized trial, 166(22)."
    lines = "".join(f"<para>Line {n} before.</para>" for n in range(1, 4))
    xml = (
        f"<document>{lines}<heading>References</heading><references><ref>{words}</ref><ref>{words}</ref></references></document>"
    )
    story, _ = _story(workdir, xml)
    assert len(next(f for f in story if "Perlman" in getattr(f, "text", "")).blPara.lines) == 3  # wrapped by the keep
    for height in range(200, 400):
        story, _ = _story(workdir, xml)
        for page in _laid_out(story, height):
            assert not page.endswith("References"), (height, page)


def test_a_heading_over_a_long_paragraph_goes_where_two_of_its_lines_fit(workdir: Path) -> None:
    """A heading over a paragraph of four lines or more asks for its first two lines and no more than a heading
    over a paragraph of just those two: the page's end stepped through every point, the heading never ends a
    page, and stays on the first page from the same height as over two lines (give or take a point). It asked for
    two and a half lines, and left a fifth of a letter page blank over "Doing it yourself is fine, but a
    professional's touch is better" and a four-line paragraph (found by the handout property test)."""
    two = "Massage the tissues around your kneecap gently with your fingertips."
    before = "".join(f"<para>Line {n} before.</para>" for n in range(1, 4))

    def first_kept(words: str, lines: int) -> int:
        xml = f"<document>{before}<heading>Doing it yourself</heading><para>{words}</para></document>"
        story, _ = _story(workdir, xml)
        assert len(story[-1].blPara.lines) == lines  # wrapped by the keep
        kept = []
        for height in range(150, 300):
            pages = _laid_out(_story(workdir, xml)[0], height)
            assert not any(page.endswith("Doing it yourself") for page in pages), (height, pages)
            kept.append("Doing it yourself" in pages[0])
        assert kept.count(True) and all(kept[kept.index(True) :]), kept  # from there on, at every height
        return 150 + kept.index(True)

    assert first_kept(" ".join([two] * 3), 5) <= first_kept(two, 2) + 1


def test_a_heading_over_a_long_step_goes_where_its_head_and_two_lines_fit(workdir: Path) -> None:
    """A step of four lines or more may go on between its lines: a heading over one asks for its head and two
    lines, as much as for a step of just those two lines (which is kept whole), give or take a point; stepping
    the page's end through every point, the heading never ends a page, nor a step's head."""
    two = "Stroke up the calf with a flat hand, from the ankle to the back of the knee."
    before = "".join(f"<para>Line {n} before.</para>" for n in range(1, 4))

    def first_kept(text: str) -> int:
        step = f"<step number='1'><title>Warm up</title><text>{text}</text></step>"
        xml = f"<document>{before}<heading>The routine</heading><steps>{step}</steps></document>"
        kept = []
        for height in range(150, 320):
            pages = _laid_out(_story(workdir, xml)[0], height)
            assert not any(page.endswith(("The routine", "Warm up", "1")) for page in pages), (height, pages)
            kept.append("The routine" in pages[0])
        assert kept.count(True) and all(kept[kept.index(True) :]), kept  # from there on, at every height
        return 150 + kept.index(True)

    assert first_kept(" ".join([two] * 3)) <= first_kept(two) + 1


def test_a_box_taller_than_a_page_never_parts_a_lead_in_from_its_first_item(workdir: Path) -> None:
    """The box "When to get help", taller than a page, goes on between its items: never right after a line that leads
    into them, so what to do ("See your GP today") stays with the signs it is for. Stepping the page's end
    through every point, "See your GP today" once ended a large-print page, its signs on the next (found by
    review)."""
    signs = "".join(f"<item>Sign {n}: your calf is hot, red and swollen on one side.</item>" for n in range(1, 5))
    groups = "".join(f"<para style='schedule'>{action}</para>{signs}" for action in ("Call 999 now", "See your GP today"))
    xml = f"<document><para>Before.</para><callout kind='help'><title>When to get help</title>{groups}</callout></document>"
    split = 0
    for height in range(200, 420):
        pages = _laid_out(_story(workdir, xml)[0], height)
        split += len(pages) > 1
        for page in pages[:-1]:
            assert not page.endswith(("Call 999 now", "See your GP today")), (height, pages)
    assert split > 100  # the box went on between its items at most of these heights


def test_a_long_run_of_headings_leaves_none_alone_at_the_foot_of_a_page(workdir: Path) -> None:
    """Forty headings in a row, then a section with a line of text: the run is taller than a page, so no heading
    can ask for all of it; each still keeps the next with it, and the last its line."""
    run = "".join(f"<subheading>Heading {n}</subheading>" for n in range(40))
    story, _ = _story(workdir, f"<document><para>Before.</para>{run}<heading>After</heading><para>One line.</para></document>")
    pages = _laid_out(story, 300)
    assert pages[-1].endswith("After One line."), pages
    for page in pages[:-1]:  # a run of headings alone must end pages with a heading; none is alone on its page
        assert not page.endswith("After") and page.count("Heading") >= 2, pages


def _clinic(workdir: Path, logo: tuple[int, int] = (500, 100), **changes: Any) -> Path:
    """The example brand with `changes` and a 5:1 logo (or one `logo` pixels wide and tall)."""
    from PIL import Image

    Image.new("RGB", logo, (40, 90, 160)).save(workdir / "wide.png")
    path = workdir / "brand.yaml"
    brand = yaml.safe_load(path.read_text(encoding="utf-8"))
    brand.update(logo="wide.png", **changes)
    path.write_text(yaml.safe_dump(brand, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


MARK_AND_NAME = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80">'
    '<circle cx="40" cy="40" r="32" fill="#FF5A1F"/>'
    '<text x="84" y="52" font-size="30" font-weight="bold" fill="{name}">Fenwick</text></svg>'
)


@pytest.mark.parametrize("only", ["handout", "handout-large-print"])
def test_a_dark_name_beside_a_bright_mark_gets_a_plate_on_a_near_black_band(workdir: Path, only: str) -> None:
    """An orange mark with the clinic's name in black beside it, on a #101820 band: the mark stood out, so no
    plate was drawn, and the name was black on near-black (1.1:1), lost. It is drawn on a white plate."""
    (workdir / "logo.svg").write_text(MARK_AND_NAME.format(name="#000000"), encoding="utf-8")
    brand = workdir / "brand.yaml"
    clinic = yaml.safe_load(brand.read_text(encoding="utf-8"))
    clinic["logo"], clinic["colors"]["primary"] = "logo.svg", "#101820"
    brand.write_text(yaml.safe_dump(clinic, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (pdf,) = build(workdir / "content.yaml", brand, Options(out=workdir / "out", only=(only,)))
    with pdfplumber.open(pdf) as doc:
        shapes = [shape for shape in doc.pages[0].curves if shape["top"] < doc.pages[0].height / 4]
    name = [shape for shape in shapes if shape["non_stroking_color"] == (0.0, 0.0, 0.0)]  # its letters' outlines
    grounds = [s for s in shapes if all(s["x0"] < n["x0"] and n["x1"] < s["x1"] and s["top"] < n["top"] for n in name)]
    assert name and grounds[-1]["non_stroking_color"] == (1.0, 1.0, 1.0)  # the nearest shape behind it: white


@pytest.mark.parametrize("only", ["handout", "handout-large-print"])
def test_a_wide_logo_beside_a_long_clinic_name_narrows_to_keep_the_band_low(workdir: Path, only: str) -> None:
    brand = _clinic(workdir, name="Muscle Below Slowly Muscle Below Breathe Palm Physiotherapy", paper="letter")
    (pdf,) = build(workdir / "content.yaml", brand, Options(out=workdir / "out", only=(only,)))
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        logo = min(page.images, key=lambda image: image["top"])
        name = [c for c in page.chars if c["top"] < logo["bottom"] + 40 and c["x0"] > logo["x1"]]
    assert (logo["x1"] - logo["x0"]) / (logo["bottom"] - logo["top"]) == pytest.approx(5, rel=0.02)
    assert name and max(c["bottom"] for c in name) < page.height / 4  # the band stays in the top quarter


@pytest.mark.parametrize("only", ["handout", "handout-large-print"])
def test_an_eight_to_one_logo_beside_a_long_clinic_name_is_not_drawn_a_sliver(workdir: Path, only: str) -> None:
    """An 8:1 logo beside a long name was drawn a fifth of the band wide, 4.6 mm tall beside a name three
    lines tall: a dash, not a logo. It narrows only while it stays 40% of the band's logo room tall (6.4 mm)."""
    name = "The Northern Highlands Sports Injury and Rehabilitation Physiotherapy Centre"
    brand = _clinic(workdir, (800, 100), name=name)
    (pdf,) = build(workdir / "content.yaml", brand, Options(out=workdir / "out", only=(only,)))
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        logo = min(page.images, key=lambda image: image["top"])
    assert (logo["x1"] - logo["x0"]) / (logo["bottom"] - logo["top"]) == pytest.approx(8, rel=0.02)
    assert logo["bottom"] - logo["top"] >= 0.4 * 16 * 72 / 25.4 - 0.01


@pytest.mark.parametrize("only", ["handout", "handout-large-print"])
def test_a_long_clinic_name_is_set_smaller_rather_than_fill_the_page(workdir: Path, only: str) -> None:
    """A German practice's full name (119 letters) left its large-print handout unmade: "the header band would
    take 44% of the first page". The name steps down from its band size towards the body text's, never
    under it, until the band takes a quarter of the page or less."""
    name = (
        "Praxis für Physiotherapie, Manuelle Therapie und Sportrehabilitation Dr. med. Hildegard Müller-Lüdenscheidt & Kollegen"
    )
    brand = _clinic(workdir, name=name, tagline="Bewegung ist Leben")
    (pdf,) = build(workdir / "content.yaml", brand, Options(out=workdir / "out", only=(only,)))
    body = (LARGE_PRINT if only == "handout-large-print" else STANDARD).body
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        logo = min(page.images, key=lambda image: image["top"])
        title = min(w["top"] for w in page.extract_words() if w["text"] == "Self-massage")
        band = [c for c in page.chars if c["x0"] > logo["x1"] and c["bottom"] < title and c["text"].strip()]
        lines: dict[int, list[dict[str, Any]]] = {}
        for c in sorted(band, key=lambda c: (round(c["top"]), c["x0"])):
            lines.setdefault(round(c["top"]), []).append(c)
    *name_lines, tagline = lines.values()
    assert "".join(c["text"] for line in name_lines for c in line).replace(" ", "") == name.replace(" ", "")
    assert "".join(c["text"] for c in tagline) == "BewegungistLeben"  # spaces are not glyphs
    assert min(c["size"] for line in name_lines for c in line) >= body - 0.01  # never under the body text
    assert max(c["bottom"] for c in band) < page.height / 4  # the band stays in the top quarter


def test_a_tagline_too_long_for_the_band_names_its_line(workdir: Path) -> None:
    brand = _clinic(workdir, tagline=" ".join(["Harbour Street Physiotherapy and Sports Massage"] * 14))
    out = workdir / "out"
    code, output = run("build", str(workdir / "content.yaml"), "--brand", str(brand), "--out", str(out))
    line = line_of(brand, "tagline")
    # The outputs that fit are written; the handouts are not, and each one's error names the line.
    errors = [text for text in output.splitlines() if text.startswith("error:")]
    assert code == 1 and not (out / "knee-self-massage-handout.pdf").exists() and (out / "knee-self-massage-poster.pdf").exists()
    # each handout's error says which handout it is about
    documents = [re.search(r"tagline: (the [\w -]+)'s header band", e)[1] for e in errors]
    assert documents == ["the handout", "the large-print handout"]
    assert all(e.startswith(f"error: {brand}:{line}: tagline: the ") for e in errors)
    assert all(e.endswith("shorten the clinic name or the tagline") for e in errors)


def test_a_tagline_too_long_only_for_large_prints_band_says_it_is_the_large_print_handouts(workdir: Path) -> None:
    """A tagline that fits the handout's band but not large print's: the handout is written and the error says
    which handout could not be made (it said "the header band would take 28% of the first page", with the
    handout beside it in the folder)."""
    brand = _clinic(workdir, tagline=" ".join(["Hands-on care for joints and muscles"] * 6))
    out = workdir / "out"
    code, output = run("build", str(workdir / "content.yaml"), "--brand", str(brand), "--out", str(out))
    line = line_of(brand, "tagline")
    errors = [text for text in output.splitlines() if text.startswith("error:")]
    assert code == 1 and (out / "knee-self-massage-handout.pdf").exists()
    assert not (out / "knee-self-massage-handout-large-print.pdf").exists()
    assert len(errors) == 1
    assert errors[0].startswith(f"error: {brand}:{line}: tagline: the large-print handout's header band would take ")


def test_a_disclaimer_too_long_for_the_footer_names_its_line(workdir: Path) -> None:
    brand = _clinic(workdir, footer="This sheet gives general advice only. " * 30)
    code, output = run("build", str(workdir / "content.yaml"), "--brand", str(brand), "--out", str(workdir / "out"))
    line = line_of(brand, "footer")
    errors = [text for text in output.splitlines() if text.startswith("error:")]
    assert code == 1 and not (workdir / "out" / "knee-self-massage-handout.pdf").exists()
    assert errors == [next(e for e in errors if e.startswith(f"error: {brand}:{line}: footer: the handout's footer would take "))]


def test_a_phone_number_of_more_digits_in_a_row_than_any_is_refused_at_its_line(workdir: Path) -> None:
    """'+44 1632 96012345678901234567' (one run of 19 digits, too wide for the large-print footer's line) was
    printed broken with a hyphen, as if the hyphen were part of the number. No phone number has more than 15
    digits: the brand's line is named, and nothing is built."""
    brand = workdir / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    brand.write_text(text.replace("phone: 01632 960 123", "phone: +44 1632 9601234567890123456789"), encoding="utf-8")
    code, output = run("build", str(workdir / "content.yaml"), "--brand", str(brand), "--out", str(workdir / "out"))
    assert code == 1 and not (workdir / "out").exists()
    said = f"error: {brand}:10: contact.phone: 22 digits in a row: a phone number has at most 15; write it as it is"
    assert output.startswith(said) and len(output.strip().splitlines()) == 1, output


@pytest.mark.parametrize("only", ["handout", "handout-large-print", "poster", "poster-large-print"])
def test_a_phone_number_of_fifteen_digits_in_a_row_prints_whole(workdir: Path, only: str) -> None:
    """The longest run of digits a phone number may have fits each line it is printed on, unbroken."""
    brand = workdir / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    brand.write_text(text.replace("phone: 01632 960 123", "phone: '016329601234567'"), encoding="utf-8")
    (pdf,) = build(workdir / "content.yaml", brand, Options(out=workdir / "out", only=(only,)))
    with pdfplumber.open(pdf) as doc:
        lines = [line["text"] for line in doc.pages[0].extract_text_lines()]
    assert any("016329601234567" in line for line in lines), lines


def test_a_phone_number_of_more_digits_than_any_in_groups_is_refused_at_its_line(workdir: Path) -> None:
    """A number of 60 digits in groups of four took so many lines of the poster's strip that the poster did not
    fit, and the error blamed step 1's cue. No phone number has more than 15 digits: the brand's line is named.
    Two numbers, or an extension, are written as such and read."""
    brand = workdir / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    long = " ".join(["0163 2960 1234 5678 9012 3456 7890"] * 2 + ["1234"])
    brand.write_text(text.replace("phone: 01632 960 123", f"phone: {long}"), encoding="utf-8")
    code, output = run("build", str(workdir / "content.yaml"), "--brand", str(brand), "--out", str(workdir / "out"))
    said = f"error: {brand}:10: contact.phone: a number of 60 digits: a phone number has at most 15; give a second number"
    assert code == 1 and output.startswith(said) and len(output.strip().splitlines()) == 1, output
    brand.write_text(text.replace("phone: 01632 960 123", "phone: 01632 960 123 / 07700 900 123 ext 12"), encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(brand))
    assert code == 0 and "contact.phone" not in output, output


def test_what_to_do_about_a_warning_sign_never_leaves_its_last_word_alone(make_content, workdir: Path) -> None:
    """A German clinic's "Hören Sie auf und rufen Sie uns unter 030 1234567 an" in large print ended on "an"
    alone on a line, under the rest (the verb's particle after the number). Each line saying what to do is
    balanced as the box's title is: "Hören Sie auf und rufen Sie / uns unter 030 1234567 an"."""
    brand = workdir / "brand.yaml"
    text = brand.read_text(encoding="utf-8").replace("country: GB", "country: DE")
    text = text.replace("  phone: 01632 960 123", '  phone: 030 1234567\n  emergency: "112"\n  urgent: "116 117"')
    brand.write_text(text, encoding="utf-8")
    signs = [
        {"sign": "Sie haben plötzlich starke Kopfschmerzen oder Lähmungen.", "action": "emergency"},
        {"sign": "Sie haben Fieber und einen steifen Nacken.", "action": "gp-today"},
        {"sign": "Kribbeln oder Taubheit in Arm oder Hand sind neu aufgetreten.", "action": "call-clinic"},
    ]
    path = make_content(language="de", help=signs)
    (large,) = build(path, brand, Options(out=workdir / "out", only=("handout-large-print",)))
    with pdfplumber.open(large) as pdf:
        lines = [flat(line["text"]) for page in pdf.pages for line in page.extract_text_lines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("Hören Sie auf und rufen Sie"))
    end = next(i for i in range(start, len(lines)) if lines[i].split()[-1] == "an")  # the line saying it ends
    assert end > start, "the line fits on one line: the test no longer shows a break"
    assert len(lines[end].split()) > 1, lines[start : end + 1]
