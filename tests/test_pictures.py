"""Step pictures in every variant, read back from the PDFs."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pdfplumber
import pypdf
import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, flat, knee, pdf_text
from PIL import Image
from readers import check_readers
from tagged import struct_text
from test_handout_reading import (
    assert_pages_filled,
    assert_steps_keep_two_lines,
    blank_fractions,
    body_size,
    content_bottom,
    content_lines,
    footer_rule,
)

from handouts.build import OUTPUTS, Options, build, build_all, prepare, render
from handouts.cli import main
from handouts.units import MM

EXAMPLE = ROOT / "examples" / "shoulder-rolls" / "content.yaml"


def photo(path: Path, size: tuple[int, int] = (4000, 3000), orientation: int | None = None) -> Path:
    """A photo-like JPEG: smooth noise, many colours, as a phone would save it."""
    small = Image.merge("RGB", [Image.effect_noise((size[0] // 40, size[1] // 40), 60) for _ in range(3)])
    image = small.resize(size, Image.Resampling.BICUBIC)
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(path, "JPEG", quality=92, exif=exif)
    return path


def line_art(path: Path, size: tuple[int, int] = (900, 700)) -> Path:
    """A drawing with a transparent background: few colours, alpha."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    for x in range(50, size[0] - 50, 40):
        image.paste((22, 92, 100, 255), (x, 100, x + 8, size[1] - 100))
    image.save(path)
    return path


def pictured(workdir: Path, make_content, pictures: dict[int, str], steps: int = 4) -> Path:
    content = knee()
    chosen = content["routine"]["steps"][:steps]
    for index, name in pictures.items():
        chosen[index].update(image=name, alt=f"Picture of step {index + 1}")
    return make_content(routine={"title": "With pictures", "steps": chosen})


@pytest.fixture
def routine(workdir: Path, make_content) -> Path:
    (workdir / "pictures").mkdir()
    photo(workdir / "pictures" / "photo.jpg", (1600, 1200))
    line_art(workdir / "pictures" / "drawing.png")
    return pictured(workdir, make_content, {0: "pictures/photo.jpg", 2: "pictures/drawing.png"})


def page_images(path: Path) -> list[dict]:
    with pdfplumber.open(path) as pdf:
        return [dict(image, page=n) for n, page in enumerate(pdf.pages) for image in page.images]


def step_pictures(path: Path) -> list[dict]:
    """Every image but the logo (which sits in the band at the top of the first page)."""
    return [i for i in page_images(path) if not (i["page"] == 0 and i["top"] < 110)]


def word_top(path: Path, word: str) -> tuple[int, float]:
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages):
            for w in page.extract_words():
                if w["text"] == word:
                    return n, w["top"]
    raise AssertionError(word)


@pytest.mark.slow
def test_handout_pictures_sit_beside_their_steps(routine: Path, workdir: Path) -> None:
    (handout,) = build(routine, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",)))
    pictures = step_pictures(handout)
    assert len(pictures) == 2
    with pdfplumber.open(handout) as pdf:
        width = pdf.pages[0].width
    for picture in pictures:
        assert picture["x0"] > width * 0.6  # the text keeps the left 62% of the column
        assert picture["x1"] <= width - 15 * 72 / 25.4 + 0.5
    page, top = word_top(handout, "Warm")
    first = min(pictures, key=lambda i: (i["page"], i["top"]))
    assert first["page"] == page and abs(first["top"] - top) < 20  # aligned with the top of its step
    check_readers(handout)


@pytest.mark.slow
def test_large_print_pictures_are_above_the_text_at_full_width(routine: Path, workdir: Path) -> None:
    (handout,) = build(routine, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout-large-print",)))
    pictures = step_pictures(handout)
    assert len(pictures) == 2
    with pdfplumber.open(handout) as pdf:
        column = pdf.pages[0].width - 2 * 18 * 72 / 25.4
        height = pdf.pages[0].height
    photo_box = min(pictures, key=lambda i: (i["page"], i["top"]))
    # Big enough to see: most of the column wide, or a fifth of the page tall (two pictured steps a page).
    assert photo_box["width"] > column * 0.6 or photo_box["height"] >= height * 0.2 - 0.5
    page, title_top = word_top(handout, "Warm")
    _, text_top = word_top(handout, "Move")
    assert photo_box["page"] == page and title_top < photo_box["top"] < photo_box["bottom"] <= text_top


def every_step_pictured(workdir: Path, make_content, steps: int, size: tuple[int, int], cut: bool = True) -> Path:
    """The knee's steps, over again to make `steps`, each cut to its first sentence (its picture is taller than
    its text) unless not `cut`, and pictured by a photo `size` pixels (4:3 or 3:4, as a phone takes them)."""
    (workdir / "pictures").mkdir()
    photo(workdir / "pictures" / "photo.jpg", size)
    own = knee()["routine"]["steps"]
    chosen = []
    for index in range(steps):
        step = dict(own[index % len(own)], title=f"{own[index % len(own)]['title']} {index + 1}")
        step.update(image="pictures/photo.jpg", alt=f"Step {index + 1}")
        if cut:
            step["text"] = step["text"].split(". ")[0] + "."
        chosen.append(step)
    return make_content(routine={"title": "Every step pictured", "steps": chosen})


def opens_with_a_step(page: pdfplumber.page.Page, body: float) -> bool:
    """The page's first line is a step's title: its count, larger than the text, then its name."""
    first = content_lines(page)[0]
    return first["text"].split()[0].isdigit() and first["chars"][0]["size"] > body + 0.1


@pytest.mark.slow
@pytest.mark.parametrize(
    ("steps", "size", "paper"),
    [
        (1, (800, 600), "a4"),
        (3, (600, 800), "letter"),
        (12, (800, 600), "a4"),
        (12, (600, 800), "letter"),
        (30, (600, 800), "a4"),
    ],
)
def test_pictured_steps_fill_their_pages(workdir: Path, make_content, steps: int, size: tuple[int, int], paper: str) -> None:
    """A picture beside a step is taller than a short step's text, and the step is kept whole with it: a
    German neck routine of twelve pictured steps put three on a page and left pages 3 to 5 a quarter blank,
    its large print half blank over a heading and its first step. A step's picture is now at most a fifth of the
    page tall and is lowered, to no less than 70% of that, where that keeps its step on the page's end; no page
    before a step is more than a fifth blank, whether the step could have moved whole or not."""
    routine = every_step_pictured(workdir, make_content, steps, size)
    only = ("handout", "handout-large-print")
    written = build(routine, workdir / "brand.yaml", Options(out=workdir / "out", only=only, paper=paper))
    titles = [step["title"] for step in yaml.safe_load(routine.read_text(encoding="utf-8"))["routine"]["steps"]]
    for path in written:
        with pdfplumber.open(path) as pdf:
            assert_pages_filled(pdf)
            assert_steps_keep_two_lines(pdf, titles)
            holding = [page for page in pdf.pages if "Every step pictured" in flat(page.extract_text())]
            assert f"1 {titles[0]}" in flat(holding[0].extract_text())  # the routine's heading with its first step
            body, fractions = body_size(pdf), blank_fractions(pdf)
            for index, fraction in enumerate(fractions[:-1]):
                if opens_with_a_step(pdf.pages[index + 1], body):
                    assert fraction <= 0.2, f"{path.name}: page {index + 1} is {fraction:.0%} blank before a step"


@pytest.mark.slow
@pytest.mark.parametrize(("size", "paper"), [((800, 600), "a4"), ((600, 800), "letter")])
def test_a_long_step_goes_on_past_its_picture(workdir: Path, make_content, size: tuple[int, int], paper: str) -> None:
    """The knee's steps, each pictured, are taller than their pictures, and a picture beside a step kept the
    step whole: a third of a page was left blank above a step that did not fit. Its title and first lines now
    stay beside the picture and the rest of its text goes on on the next page."""
    routine = every_step_pictured(workdir, make_content, 11, size, cut=False)
    (handout,) = build(routine, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",), paper=paper))
    titles = [step["title"] for step in yaml.safe_load(routine.read_text(encoding="utf-8"))["routine"]["steps"]]
    with pdfplumber.open(handout) as pdf:
        assert_pages_filled(pdf)
        assert_steps_keep_two_lines(pdf, titles)
        fractions = blank_fractions(pdf)
        assert max(fractions[:-1]) <= 0.2, [f"{fraction:.0%}" for fraction in fractions]
        width = pdf.pages[0].width
        for page in pdf.pages:
            for picture in page.images:
                if picture["top"] > 110 or page.page_number > 1:  # not the logo
                    assert picture["x0"] > width * 0.6
                    lines = [line for line in content_lines(page) if line["x1"] > picture["x0"] - 0.5]
                    assert not [line for line in lines if picture["top"] < line["bottom"] and line["top"] < picture["bottom"]]


def step_text_lines(page: pdfplumber.page.Page, titles: tuple[str, ...], after: tuple[str, ...]) -> list[dict]:
    """The page's lines of a step's text: those under the line that reads one of `titles` (its title, or its
    number and title "(continued)") and above the first line that reads one of `after` (its count, the next
    step's number)."""
    lines = content_lines(page)
    start = next(index for index, line in enumerate(lines) if flat(line["text"]) in titles) + 1
    end = next((index for index, line in enumerate(lines) if flat(line["text"]) in after), len(lines))
    return lines[start:end]


SENTENCES = 40  # a pictured step's text this long goes on to a second page, in either profile, on A4 and letter


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_a_pictured_step_goes_on_at_the_full_width(workdir: Path, make_content, paper: str) -> None:
    """A long step beside its picture stayed in the narrow column it had beside the picture, under the picture's
    end and on every page it went on to, where the picture is not drawn again: the right third of those pages
    was left empty. Its text now goes on under the picture across the whole column, and each page it goes on to
    opens with its number and title, "(continued)", and sets its text across the whole column too, inside the
    margins; no line runs into the picture; every sentence is printed once, in order, and a screen reader reads
    the step's text once, as one paragraph (large print, its picture above the text, too)."""
    from handouts.profiles import LARGE_PRINT, STANDARD

    (workdir / "pictures").mkdir()
    line_art(workdir / "pictures" / "drawing.png")
    sentence = "Sentence {}: stroke the calf slowly from the ankle to the knee, then lift off."
    text = " ".join(sentence.format(n) for n in range(1, SENTENCES + 1))
    steps = [{"title": "Warm up", "text": "Move gently. " * 10}, {"title": "Long strokes", "text": text, "repeat": "5 times"}]
    steps[1].update(image="pictures/drawing.png", alt="Hands stroking the calf")
    path = make_content(routine={"title": "Steps", "steps": [*steps, {"title": "Rest", "text": "Sit back and breathe."}]})
    only = ("handout", "handout-large-print")
    for pdf_path, profile in zip(
        build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=only, paper=paper)),
        (STANDARD, LARGE_PRINT),
        strict=True,
    ):
        with pdfplumber.open(pdf_path) as pdf:
            left, right = profile.margin * MM, pdf.pages[0].width - profile.margin * MM
            body = body_size(pdf)
            holding = [page for page in pdf.pages if any("Sentence" in line["text"] for line in content_lines(page))]
            assert len(holding) >= 2, pdf_path.name
            (picture,) = step_pictures(pdf_path)
            assert picture["page"] == holding[0].page_number - 1  # drawn once, beside (or above) its first lines
            said = []  # the step's text, page after page
            for page in holding:
                lines = step_text_lines(page, ("Long strokes", "2 Long strokes (continued)"), ("5 times", "3"))
                said += [flat(line["text"]) for line in lines]
                assert all(left - 0.5 <= line["x0"] and line["x1"] <= right + 0.5 for line in lines), page.page_number
                # Lines run across the column (all but the last: a paragraph's last words may be few), into the
                # third of it the picture has beside the step's first lines, once a line's height under it.
                wide = left + (right - left) * 0.8
                if page is holding[0]:
                    beside = [line for line in lines if line["top"] < picture["bottom"] and picture["top"] < line["bottom"]]
                    assert all(line["x1"] < picture["x0"] for line in beside), page.page_number  # none runs into it
                    under = [line for line in lines if line["top"] > picture["bottom"] + 1.5 * body]
                    assert len(under) >= 2 and all(line["x1"] > wide for line in under[:-1]), (pdf_path.name, "under it")
                    continue
                assert flat(content_lines(page)[0]["text"]) == "2 Long strokes (continued)", (pdf_path.name, page.page_number)
                assert not page.images  # the picture is not drawn again
                assert len(lines) >= 2 and all(line["x1"] > wide for line in lines[:-1]), (pdf_path.name, page.page_number)
        read = re.findall(r"Sentence (\d+):", " ".join(said))
        assert read == [str(n) for n in range(1, SENTENCES + 1)], pdf_path.name
        tree = struct_text(pdf_path)
        assert [kind for kind, text in tree if "Sentence 1:" in text] == ["P"]
        assert re.findall(r"Sentence (\d+):", " ".join(text for _, text in tree)) == read
        assert not [text for _, text in tree if "(continued)" in text]


ADDRESS = "www.harbourstreetphysio.co.uk/patient-resources/home-exercise-programmes"
STROKE = "Stroke the calf slowly from the ankle to the knee, then lift off. "


@pytest.mark.slow
def test_a_web_address_broken_beside_a_picture_goes_on_at_the_full_width(workdir: Path, make_content) -> None:
    """A pictured step whose page ends beside its picture goes on on the next page across the whole column, but a
    web address in it stayed in the pieces it was broken into for the narrow column beside the picture:
    "www.harbourstreetphysio.co.uk/" and "patient-resources/home-exercise-" stood on lines of their own, each
    about half the column. The part that goes on is now broken for the width it is set at: the address reads
    whole, and each of its lines that ends inside it (after / . - ? = or &) runs past where the picture stood."""
    (workdir / "pictures").mkdir()
    line_art(workdir / "pictures" / "drawing.png")
    text = f"{STROKE * 6}Read more at {ADDRESS} and stroke again from the ankle to the knee. {STROKE * 3}".strip()
    pictured = {"title": "Long strokes", "text": text, "repeat": "5 times", "image": "pictures/drawing.png", "alt": "Hands"}
    # A first step this long brings the pictured one to a page's end (its handout's last page full: one
    # holding only a few lines is laid out again, closer, where the step stays on one page)
    steps = [{"title": "Warm up", "text": "Move gently. " * 44}, pictured, {"title": "Rest", "text": "Sit back and breathe."}]
    path = make_content(routine={"title": "Steps", "steps": steps})
    (handout,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",)))
    (picture,) = step_pictures(handout)
    with pdfplumber.open(handout) as pdf:
        before, page = pdf.pages[picture["page"]], pdf.pages[picture["page"] + 1]
        beside = step_text_lines(before, ("Long strokes",), ())
        assert beside and all(line["x1"] < picture["x0"] and line["top"] < picture["bottom"] for line in beside)  # ends beside it
        assert flat(content_lines(page)[0]["text"]) == "2 Long strokes (continued)"
        lines = step_text_lines(page, ("2 Long strokes (continued)",), ("5 times",))
        said = re.sub(r"(?<=[/.?=&-]) ", "", " ".join(flat(line["text"]) for line in lines))
        assert ADDRESS in said  # on this page, whole
        # Its lines that end inside the address (at one of / . - ? = &) run past where the picture stood: pieces
        # broken for the column beside it never did.
        ends = [(line, flat(line["text"]).split()[-1]) for line in lines]
        inside = [line for line, end in ends if end in ADDRESS and not ADDRESS.endswith(end) and end[-1] in "/.?=&-"]
        shown = [(round(line["x1"]), line["text"]) for line in lines]
        assert inside and all(line["x1"] > picture["x0"] for line in inside), shown


@pytest.mark.slow
def test_a_large_print_step_keeps_its_title_picture_and_first_lines_at_a_page_foot(workdir: Path, make_content) -> None:
    """Large print sets a step's picture above its text, and a long step's head (its title and picture) was kept
    with its first lines only at the picture's full height, and lowered to no less than 70%: the whole step
    moved on and left a third of a page blank above it (the knee's steps, each pictured: 33%, 42% and 34% of
    their pages). The picture is now lowered, to no less than half its height, to keep the head and two lines
    of the text on the page, and the rest goes on: a page before a step leaves no room for that."""
    routine = every_step_pictured(workdir, make_content, 11, (800, 600), cut=False)
    only = ("handout-large-print",)
    (handout,) = build(routine, workdir / "brand.yaml", Options(out=workdir / "out", only=only))
    titles = [step["title"] for step in yaml.safe_load(routine.read_text(encoding="utf-8"))["routine"]["steps"]]
    with pdfplumber.open(handout) as pdf:
        assert_steps_keep_two_lines(pdf, titles)
        body, fractions, height = body_size(pdf), blank_fractions(pdf), pdf.pages[0].height
        for index, page in enumerate(pdf.pages):
            pictures = [picture for picture in page.images if picture["top"] > 110 or index]  # not the logo
            # never lower than half its own size (a fifth of the page, the photo being wide enough for that)
            assert all(picture["height"] >= height * 0.2 * 0.5 - 0.5 for picture in pictures)
            following = pdf.pages[index + 1] if index + 1 < len(pdf.pages) else None
            if following is None or not opens_with_a_step(following, body):
                continue
            # What the step opening the next page needs at least: its title, its picture at half its height (as
            # drawn there: whole, its own height) and two lines of its text, with the space between them.
            lines = content_lines(following)
            picture = min(following.images, key=lambda image: image["top"])
            text = next(line for line in lines if line["top"] > picture["bottom"])
            least = text["top"] - lines[0]["top"] - picture["height"] / 2 + 2 * 1.5 * body
            gap = footer_rule(page) - content_bottom(page)
            # The space after the step above and the frame's edge above the footer, which the page does not show
            assert gap < least + 1.5 * body, f"page {index + 1} is {fractions[index]:.0%} blank above {lines[0]['text']!r}"


def test_poster_thumbnails_beside_the_cues(routine: Path, workdir: Path) -> None:
    (poster,) = build(routine, workdir / "brand.yaml", Options(out=workdir / "out", only=("poster",)))
    thumbnails = step_pictures(poster)
    assert len(thumbnails) == 2
    for thumbnail in thumbnails:
        assert 40 < thumbnail["width"] < 150


def test_poster_keeps_its_pictures_when_a_shorter_tracker_makes_room(workdir: Path, make_content) -> None:
    """A six-step routine done twice a day, its pain tracked, on a three-week tracker: the tick boxes do not fit
    beside steps at 14 pt, with the pictures or without. The pictures, given up first, went with the tracker
    (then with its last week, once the tracker was shortened before it went), though with a shorter tracker
    the steps had room for them: they come back first whenever something more is given up."""
    (workdir / "pictures").mkdir()
    line_art(workdir / "pictures" / "drawing.png")
    steps = knee()["routine"]["steps"][:6]
    for step in steps:
        step.update(image="pictures/drawing.png", alt="A drawing of the step")
    routine = {"title": "Twice a day", "frequency": {"times_a_day": 2, "days_a_week": 5}, "track_pain": True, "steps": steps}
    path = make_content(routine=routine)
    built = build_all([path], workdir / "brand.yaml", Options(out=workdir / "out", only=("poster",), tracker_weeks=3))
    (poster,) = built.written
    said = " ".join(str(warning) for warning in built.warnings)
    assert "the standard poster leaves out the tick-box tracker's last week so that the steps fit" in said, said
    assert "step pictures" not in said
    assert len(step_pictures(poster)) == 6
    text = pdf_text(poster)
    assert "Tick a box" in text and "Week 2" in text and "Week 3" not in text


def test_poster_leaves_pictures_out_when_the_steps_would_shrink(workdir: Path, make_content) -> None:
    (workdir / "pictures").mkdir()
    line_art(workdir / "pictures" / "drawing.png")
    steps = [
        {
            "title": f"Step {n}",
            "text": "Stroke gently.",
            "cue": f"Stroke the calf gently upwards, then rest {n}",
            "image": "pictures/drawing.png",
            "alt": "A drawing",
        }
        for n in range(1, 23)
    ]
    path = make_content(routine={"title": "Many", "steps": steps})
    built = build_all([path], workdir / "brand.yaml", Options(out=workdir / "out", only=("poster",), orientation="landscape"))
    (poster,) = built.written
    said = " ".join(str(warning) for warning in built.warnings)
    assert "the standard poster leaves out the step pictures" in said
    assert "so that the steps fit at 14 pt or more" in said
    assert step_pictures(poster) == []
    with pdfplumber.open(poster) as pdf:
        assert len(pdf.pages) == 1
        assert min(c["size"] for c in pdf.pages[0].chars if c["text"].strip()) >= 12 - 0.01


@pytest.mark.slow
def test_ten_phone_photos_make_a_small_handout(workdir: Path, make_content) -> None:
    (workdir / "pictures").mkdir()
    for n in range(10):
        photo(workdir / "pictures" / f"photo{n}.jpg")
    content = knee()
    steps = content["routine"]["steps"][:10]
    for n, step in enumerate(steps):
        step.update(image=f"pictures/photo{n}.jpg", alt=f"Photo {n}")
    path = make_content(routine={"title": "Photos", "steps": steps})
    written = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout", "handout-large-print")))
    for pdf in written:
        assert pdf.stat().st_size < 2_000_000, (pdf.name, pdf.stat().st_size)
        images = step_pictures(pdf)
        assert len(images) == 10
        for image in images:
            # 300 dpi at the printed size, not 4000 pixels
            assert image["srcsize"][0] <= image["width"] / 72 * 300 + 2
    reader = pypdf.PdfReader(written[0])
    filters = {
        str(x.get_object().get("/Filter")) for page in reader.pages for x in page["/Resources"].get("/XObject", {}).values()
    }
    assert any("/DCTDecode" in f for f in filters)  # photos stay JPEG


def test_exif_rotated_photo_is_placed_upright(workdir: Path, make_content) -> None:
    (workdir / "pictures").mkdir()
    photo(workdir / "pictures" / "turned.jpg", (800, 600), orientation=6)  # stored landscape, shown portrait
    path = pictured(workdir, make_content, {0: "pictures/turned.jpg"}, steps=2)
    (handout,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",)))
    (image,) = step_pictures(handout)
    assert image["height"] > image["width"]
    assert image["srcsize"][1] > image["srcsize"][0]


def test_transparent_drawing_prints_on_white(workdir: Path, make_content) -> None:
    (workdir / "pictures").mkdir()
    line_art(workdir / "pictures" / "drawing.png")
    path = pictured(workdir, make_content, {1: "pictures/drawing.png"}, steps=2)
    (handout,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",)))
    reader = pypdf.PdfReader(handout)
    pictures = [x.get_object() for page in reader.pages for x in page["/Resources"].get("/XObject", {}).values()]
    drawing = [x for x in pictures if x.get("/Width", 0) > 200]
    assert drawing and all("/SMask" not in x for x in drawing)  # flattened onto white: no transparency to print
    assert all("/DCTDecode" not in str(x.get("/Filter")) for x in drawing)  # line art stays lossless


@pytest.mark.slow
def test_the_example_routine_builds_in_every_variant(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--brand", str(ROOT / "brand.yaml"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    pdfs = sorted(f"shoulder-rolls-{v}.pdf" for v in ("handout", "poster", "handout-large-print", "poster-large-print"))
    assert names == sorted([*pdfs, "shoulder-rolls-handout.html"])
    for path in tmp_path.glob("*.pdf"):
        text = flat(check_readers(path))
        assert "Shoulder rolls" in text
    with pdfplumber.open(tmp_path / "shoulder-rolls-handout.pdf") as pdf:
        assert len(pdf.pages[0].curves + pdf.pages[0].lines) > 10  # the SVG drawings, as vectors
    assert "Roll your shoulders back" in flat(pdf_text(tmp_path / "shoulder-rolls-handout.pdf"))


def svg_logo(workdir: Path, svg: str) -> Path:
    """The working folder's brand.yaml, its logo now `svg` (written as logo.svg beside it)."""
    (workdir / "logo.svg").write_text(svg, encoding="utf-8")
    brand = workdir / "brand.yaml"
    brand.write_text(re.sub(r"(?m)^logo: .*$", "logo: logo.svg", brand.read_text(encoding="utf-8")), encoding="utf-8")
    return brand


def test_what_a_picture_complains_of_is_a_picture_warning_that_can_be_silenced(workdir: Path) -> None:
    """svglib's complaints came through without their kind, so `--suppress picture` kept them and `check
    --strict` failed with no way round."""
    from conftest import run

    brand = svg_logo(
        workdir,
        '<svg xmlns="http://www.w3.org/2000/svg" width="90" height="90"><rect width="9" height="9"'
        ' clip-path="url(#gone)"/></svg>',
    )
    args = ["check", str(workdir / "content.yaml"), "--brand", str(brand), "--strict"]
    code, output = run(*args)
    assert code == 1 and f"{brand}:" in output and "logo: logo.svg: Unable to find a clipping path with id gone" in output
    # the library's words, then what to do about them (they named the drawing's insides and no more)
    assert "with id gone: look at how the picture prints, and if it prints wrong, save it again as a PNG [picture]" in output
    assert all(line.endswith("[picture]") for line in output.splitlines() if "logo.svg" in line)
    code, output = run(*args, "--suppress", "picture")
    assert "logo.svg" not in output


def test_a_library_message_ending_in_its_own_full_stop_reads_as_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """svglib's messages kept their closing mark before ours: "…reference detected, skipping.: look at how…"."""
    from handouts.media import images

    monkeypatch.chdir(tmp_path)
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="90" height="90"><clipPath id="c">'
        '<rect width="9" height="9" clip-rule="evenodd"/><rect x="3" width="9" height="9" clip-rule="nonzero"/>'
        '</clipPath><rect width="90" height="90" clip-path="url(#c)"/><use id="u" href="#u"/></svg>'
    )
    then = ": look at how the picture prints, and if it prints wrong, save it again as a PNG"
    assert images.load_named(Path(), "logo.svg", "en").warnings == (
        "Mixed clip-rule shapes within a single clip path is not supported" + then,
        "Circular <use> reference detected, skipping" + then,
    )


def test_a_drawing_prints_the_picture_it_places_as_that_file_is_now(workdir: Path, make_content) -> None:
    """A drawing's pictures are read when the drawing is: a changed picture, the drawing itself untouched (as
    `serve` rebuilds on each save, in one process), printed as it was before the change."""
    (workdir / "pictures").mkdir()
    svg = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="300" height="200">'
    svg += '<image xlink:href="placed.png" width="300" height="200"/></svg>'
    (workdir / "pictures" / "drawing.svg").write_text(svg)
    path = pictured(workdir, make_content, {1: "pictures/drawing.svg"}, steps=2)
    colours = []
    for index, colour in enumerate([(200, 30, 30), (30, 30, 200, 255)]):  # red, then blue (and another size)
        Image.new("RGBA" if len(colour) == 4 else "RGB", (300 - index, 200), colour).save(workdir / "pictures" / "placed.png")
        (handout,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",)))
        reader = pypdf.PdfReader(handout)
        pixels = {image.image.convert("RGB").getpixel((5, 5)) for page in reader.pages for image in page.images}
        colours.append({"red" if r > 150 > b else "blue" if b > 150 > r else "other" for r, _, b in pixels})
    assert "red" in colours[0] and "blue" not in colours[0], colours
    assert "blue" in colours[1] and "red" not in colours[1], colours


BRANCHES = {"de": "Nordpraxis", "en": "Northclinic", None: "Fallbackclinic"}  # a <switch>'s branches: words no routine has


def switch_svg(languages: dict[str | None, str]) -> str:
    """A drawing whose <switch> draws one word per `systemLanguage` (None: the branch for any other language)."""
    condition = {tags: f' systemLanguage="{tags}"' if tags else "" for tags in languages}
    branches = "".join(f'<text x="10" y="60" font-size="40"{condition[tags]}>{word}</text>' for tags, word in languages.items())
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100"><switch>{branches}</switch></svg>'


@pytest.mark.parametrize("language", ["de", "en-GB"])
def test_a_drawings_switch_prints_the_routines_language_on_any_computer(
    workdir: Path, make_content, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    """A <switch> picks its branch by the routine's language: it was picked by the computer's locale, so a German
    routine built on an English laptop printed the English word, and one routine printed differently on two."""
    from handouts.media import images

    (workdir / "pictures").mkdir()
    (workdir / "pictures" / "sign.svg").write_text(switch_svg(BRANCHES))
    steps = knee()["routine"]["steps"][:2]
    steps[0].update(image="pictures/sign.svg", alt="The clinic's sign")
    path = make_content(language=language, routine={"title": "With pictures", "steps": steps})
    printed = BRANCHES[language[:2]]
    made = []
    for locale in ("de_DE.UTF-8", "C.UTF-8"):  # a German laptop, then one that names no language
        monkeypatch.setenv("LC_ALL", locale)
        monkeypatch.setenv("LANG", locale)
        images._load.cache_clear()  # each computer reads the drawing afresh
        (handout,) = build(path, workdir / "brand.yaml", Options(out=workdir / locale, only=("handout",)))
        words = set(pdf_text(handout).split())
        assert printed in words and not words & (set(BRANCHES.values()) - {printed}), (locale, language)
        made.append(handout.read_bytes())
    assert made[0] == made[1]


@pytest.mark.parametrize(
    "language, printed",
    [("de-AT", "Nordpraxis"), ("fr-CA", "Nordpraxis"), ("en-GB", "Northclinic"), ("es", "Fallbackclinic")],
)
def test_a_switch_branch_matches_by_primary_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, printed: str
) -> None:
    """A branch for "de" is drawn for "de-AT", one listing several languages for each, a tag in capitals as one in
    small letters, and a routine in none of them gets the branch without `systemLanguage`, on a German computer."""
    from handouts.media import images

    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    branches = {"de, fr": "Nordpraxis", "EN": "Northclinic", None: "Fallbackclinic"}
    (tmp_path / "sign.svg").write_text(switch_svg(branches))
    assert images.load(tmp_path / "sign.svg", tmp_path, language).texts == (printed,)


def test_text_for_another_language_outside_a_switch_is_not_printed(tmp_path: Path) -> None:
    """A label given once per language without a <switch> (`systemLanguage` on each, as browsers read it) printed
    every language's word, one on top of the other; now only the routine's, and none for a language not given."""
    from handouts.media import images

    words = {"de": "Nordpraxis", "en": "Northclinic"}
    labels = "".join(f'<text x="10" y="60" systemLanguage="{tag}">{word}</text>' for tag, word in words.items())
    (tmp_path / "sign.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100">{labels}</svg>')
    assert images.load(tmp_path / "sign.svg", tmp_path, "de-AT").texts == ("Nordpraxis",)
    assert images.load(tmp_path / "sign.svg", tmp_path, "es").texts == ()


def test_one_drawing_prints_each_routines_language_in_one_process(workdir: Path, make_content) -> None:
    """`serve` and a batch build routines in several languages in one process, each picture read once: a German
    routine's drawing is not printed in an English routine that uses the same file."""
    (workdir / "pictures").mkdir()
    (workdir / "pictures" / "sign.svg").write_text(switch_svg(BRANCHES))
    steps = knee()["routine"]["steps"][:2]
    steps[0].update(image="pictures/sign.svg", alt="The clinic's sign")
    for language in ("de", "en-GB"):
        path = make_content(name=f"{language}.yaml", language=language, routine={"title": "With pictures", "steps": steps})
        (handout,) = build(path, workdir / "brand.yaml", Options(out=workdir / language, only=("handout",)))
        assert BRANCHES[language[:2]] in pdf_text(handout).split(), language


def test_a_picture_on_another_drive_is_named_whole(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A picture outside its folder, or not found, is named from the folder, as written; on Windows a path on
    another drive has no relative name (os.path.relpath raises ValueError: a logo on D: for a brand on C: ended
    in a traceback), and it is named whole."""
    from handouts.media import images

    def other_drive(path: object, start: object = None) -> str:
        raise ValueError("path is on mount 'D:', start on mount 'C:'")

    monkeypatch.setattr(images.os.path, "relpath", other_drive)
    outside = tmp_path / "elsewhere" / "logo.png"
    with pytest.raises(images.PictureError, match="is outside the folder") as error:
        images.load(outside, tmp_path / "clinic", "en")
    assert str(error.value).startswith(str(outside))
    missing = tmp_path / "clinic" / "logo.png"
    with pytest.raises(images.PictureError, match="file not found") as error:
        images.load(missing, tmp_path / "clinic", "en")
    assert str(missing) in str(error.value)


def test_a_picture_outside_the_current_folder_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """content.yaml in the current folder naming ../x.png was told 'outside the folder .'."""
    from handouts.media import images

    (tmp_path / "clinic").mkdir()
    monkeypatch.chdir(tmp_path / "clinic")
    with pytest.raises(images.PictureError) as error:
        images.load_named(Path("content.yaml").parent, "../logo.png", "en")
    assert str(error.value).startswith("../logo.png is outside the current folder: files are only read from")


def test_a_picture_a_drawing_names_and_cannot_have_is_said_with_how_to_bring_it_back(workdir: Path) -> None:
    """A logo drawing naming a picture outside its folder was told "a reference to '../photo.png', outside the
    folder …, was left out", and no more: it says the drawing prints without it and how to keep it (inside the
    drawing, embedded as PNG or JPEG, which is read)."""
    from conftest import run

    brand = svg_logo(
        workdir,
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="90" height="40">'
        '<image width="9" height="9" xlink:href="../photo.png"/><rect width="90" height="40" fill="#165C64"/></svg>',
    )
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(brand))
    (said,) = [line for line in output.splitlines() if "logo.svg" in line]
    assert code == 0 and "logo: logo.svg: the drawing's picture '../photo.png' is outside the folder " in said, output
    assert said.endswith(
        ", so the drawing prints without it: files are only read from that folder and its subfolders, so copy it "
        "there, or embed it in the drawing as PNG or JPEG [picture]"
    ), said


def test_a_drawings_references_left_out_are_said_in_one_sentence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """ "a reference to '../photo.png', outside the folder was left out" and "…, which file not found was left
    out" lacked the comma that closes the clause (and 'which file not found' a verb); each is now said as what is
    wrong with the picture, that the drawing prints without it, and what brings it back."""
    from handouts.media import images

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.gif").write_bytes(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")
    (tmp_path / "folder").mkdir()
    placed = "".join(
        f'<image width="9" height="9" xlink:href="{href}"/>' for href in ("../photo.png", "gone.png", "a.gif", "folder")
    )
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="90" height="40">'
        f'{placed}<rect width="90" height="40" fill="#165C64"/></svg>'
    )
    assert images.load_named(Path(), "logo.svg", "en").warnings == (
        "the drawing's picture '../photo.png' is outside the current folder, so the drawing prints without it: files "
        "are only read from that folder and its subfolders, so copy it there, or embed it in the drawing as PNG or JPEG",
        "the drawing's picture 'gone.png' is not there, so the drawing prints without it: check its name, or embed it "
        "in the drawing as PNG or JPEG",
        "the drawing's picture 'a.gif' is not a PNG, JPEG, HEIC or SVG picture (it is a GIF picture), so the drawing "
        "prints without it: save it as PNG or JPEG",
        "the drawing's picture 'folder' is a folder, not an image, so the drawing prints without it: embed it in the "
        "drawing as PNG or JPEG",
    )


def test_a_picture_over_the_size_limit_or_a_paint_from_outside_is_said_plainly_with_what_to_do(workdir: Path) -> None:
    """A logo drawing placing a picture over the size limit was told "a reference to 'big.png', which is 51.0 MB;
    the limit is 50.0 MB, was left out, so the drawing prints without it: save the drawing with it inside": a
    semicolon inside a clause, and advice that makes the drawing larger still; a logo over the limit, "big.png is
    51.0 MB; the limit is 50.0 MB", and nothing to do; a fill from another file, "a reference to 'other.svg#g'
    in fill, which may name only …, was left out", and nothing to do either."""
    from conftest import run

    from handouts.input.files import LIMITS

    with (workdir / "big.png").open("wb") as big:
        big.truncate(LIMITS["picture"] + 1024 * 1024)  # sparse: the size is checked before anything is read
    limit = f"over the {LIMITS['picture'] // (1024 * 1024)}.0 MB limit"
    brand = svg_logo(
        workdir,
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="90" height="40">'
        '<image width="9" height="9" xlink:href="big.png"/><rect width="90" height="40" fill="url(other.svg#g)"/></svg>',
    )
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(brand))
    said = [line.partition(": logo: ")[2] for line in output.splitlines() if "logo.svg" in line]
    assert code == 0 and said == [
        f"logo.svg: the drawing's picture 'big.png' is 51.0 MB, {limit}, so the drawing prints without it: save it "
        "smaller [picture]",
        "logo.svg: its fill refers to 'other.svg#g', outside the drawing, so it prints without that fill: put the "
        "gradient or pattern inside the drawing and refer to it as url(#id) [picture]",
    ], output
    brand.write_text(brand.read_text(encoding="utf-8").replace("logo: logo.svg", "logo: big.png"), encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(brand))
    assert code == 1 and f": logo: big.png is 51.0 MB, {limit}: save it smaller\n" in output, output


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"\x89PNG\r\n\x1a\nxxxx", "not a readable PNG or JPEG image: save it again from the program that made it"),
        (b"hello", "not a readable PNG, JPEG, HEIC or SVG picture: save it as PNG or JPEG"),
    ],
)
def test_a_picture_that_cannot_be_read_says_what_to_do(workdir: Path, data: bytes, said: str) -> None:
    """A logo cut short was "logo.png is not a readable PNG or JPEG image", and a file of no picture's kind "is not
    a readable PNG, JPEG, HEIC or SVG picture": what was wrong, and nothing to do about it."""
    from conftest import run

    (workdir / "broken.png").write_bytes(data)
    brand = workdir / "brand.yaml"
    brand.write_text(re.sub(r"(?m)^logo: .*$", "logo: broken.png", brand.read_text(encoding="utf-8")), encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(brand))
    assert code == 1 and f": logo: broken.png is {said}" in output, output


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("clinic.png", b"\x89PNG\r\n\x1a\nxxxx", "is not a readable PNG or JPEG image"),
        ("clinic.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><rect", "is not a readable SVG drawing"),
    ],
)
def test_a_logo_that_cannot_be_read_is_named_by_the_path_brand_yaml_gives(
    workdir: Path, name: str, data: bytes, said: str
) -> None:
    """`logo: assets/logos/clinic.png`, damaged, was called "clinic.png": a clinic that keeps several logos in
    several folders could not tell which file to save again."""
    from conftest import line_of, run

    (workdir / "assets" / "logos").mkdir(parents=True)
    (workdir / "assets" / "logos" / name).write_bytes(data)
    brand = workdir / "brand.yaml"
    text = re.sub(r"(?m)^logo: .*$", f"logo: assets/logos/{name}", brand.read_text(encoding="utf-8"))
    brand.write_text(text, encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(brand))
    written = str(Path("assets", "logos", name))  # as the system writes a path: with "\" on Windows
    assert code == 1 and f"{brand}:{line_of(brand, 'logo')}: logo: {written} {said}" in output, output


def test_a_drawings_reference_outside_the_current_folder_or_to_a_file_address_says_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A logo drawing in the current folder referring to /etc/passwd was told "outside the folder ." and one
    referring to file:///etc/passwd "a web address"; a logo given as file:///… too. Neither file is read."""
    from handouts.media import images

    monkeypatch.chdir(tmp_path)
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="90" height="40">'
        '<image width="9" height="9" xlink:href="/etc/passwd"/><image width="9" height="9" xlink:href="file:///etc/passwd"/>'
        '<rect width="90" height="40" fill="#165C64"/></svg>'
    )
    fix = "so the drawing prints without it: save the picture beside the drawing and refer to it by its file name"
    assert images.load_named(Path("brand.yaml").parent, "logo.svg", "en").warnings == (
        "the drawing's picture '/etc/passwd' is outside the current folder, so the drawing prints without it: files "
        "are only read from that folder and its subfolders, so copy it there, or embed it in the drawing as PNG or JPEG",
        f"the drawing's picture 'file:///etc/passwd' is a file address, {fix}, or embed it in the drawing as PNG or JPEG",
    )
    with pytest.raises(images.PictureError) as error:
        images.load_named(Path(), "file:///etc/passwd", "en")
    assert str(error.value) == "'file:///etc/passwd' is a file address; give the picture's path in the folder instead"


@pytest.mark.skipif(sys.platform == "win32", reason="making a symbolic link needs a privilege on Windows")
def test_a_picture_that_is_a_link_in_a_loop_is_not_called_outside(tmp_path: Path) -> None:
    """pictures/knee.png -> knee.png (a loop, inside the folder) was said to be outside the folder."""
    from handouts.media import images

    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "knee.png").symlink_to("knee.png")
    with pytest.raises(images.PictureError) as error:
        images.load_named(tmp_path, "pictures/knee.png", "en")
    assert "outside" not in str(error.value) and str(error.value).startswith("pictures/knee.png cannot be read (")


def test_a_drawing_nested_too_deeply_to_draw_says_so(tmp_path: Path) -> None:
    """Groups nested 300 deep ran svglib out of recursion, and the drawing was said to be unreadable "or have no
    width and height", though it had both. 200 deep is drawn."""
    from handouts.media import images

    for depth in (200, 300):
        (tmp_path / f"deep{depth}.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40">'
            + "<g>" * depth
            + '<rect width="100" height="40" fill="#165C64"/>'
            + "</g>" * depth
            + "</svg>"
        )
    assert images.load(tmp_path / "deep200.svg", tmp_path, "en").vector is not None
    with pytest.raises(images.PictureError) as error:
        images.load(tmp_path / "deep300.svg", tmp_path, "en")
    assert str(error.value) == "deep300.svg nests its groups too deeply to draw (hundreds inside one another): ungroup them"


def test_a_photo_or_logo_of_too_few_pixels_for_its_printed_size_is_warned_of(workdir: Path, make_content) -> None:
    """A step photo of 40 x 40 pixels and a logo of 20 x 20 printed blurred, or as blocks, and nothing said so:
    each is said once, at the largest size the sheets print it (the large-print handout's full-width picture),
    with the pixels it needs, by its name as typed ("pictures/tiny.png": "tiny.png" was not what the file says); a
    drawing (SVG) of any size, and a photo of enough pixels, are not."""
    from conftest import run

    (workdir / "pictures").mkdir()
    Image.new("RGB", (40, 40), (30, 90, 60)).save(workdir / "pictures" / "tiny.png")
    photo(workdir / "pictures" / "photo.jpg", (1200, 900))
    (workdir / "pictures" / "small.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>', encoding="utf-8"
    )
    content = pictured(workdir, make_content, {0: "pictures/tiny.png", 1: "pictures/photo.jpg", 2: "pictures/small.svg"})
    Image.new("RGB", (20, 20), (30, 90, 60)).save(workdir / "assets" / "tiny-logo.png")
    brand = workdir / "brand.yaml"
    brand.write_text(re.sub(r"(?m)^logo: .*$", "logo: assets/tiny-logo.png", brand.read_text(encoding="utf-8")), encoding="utf-8")
    args = ["build", str(content), "--brand", str(brand), "--out", str(workdir / "out"), "--only", "handout", "--only"]
    code, output = run(*args, "handout-large-print")
    said = [line for line in output.splitlines() if line.endswith("[low-resolution]")]
    step = content.read_text(encoding="utf-8").splitlines().index("    image: pictures/tiny.png") + 1
    with pdfplumber.open(workdir / "out" / "knee-self-massage-handout-large-print.pdf") as pdf:
        (drawn,) = [image for page in pdf.pages for image in page.images if image["srcsize"] == (40, 40)]
    width_mm = (drawn["x1"] - drawn["x0"]) * 25.4 / 72
    needed = -(-(drawn["x1"] - drawn["x0"]) * 100 // 72)
    assert code == 0 and said == [
        f"warning: {brand}:4: logo: assets/tiny-logo.png: 20 x 20 pixels printed 16 x 16 mm is 32 pixels per inch, so it prints "
        "blurred: give a picture of at least 63 x 63 pixels (100 per inch), or a drawing (SVG) [low-resolution]",
        f"warning: {content}:{step}: routine.steps[1].image: pictures/tiny.png: 40 x 40 pixels printed {width_mm:.0f} x "
        f"{width_mm:.0f} mm is {40 / (width_mm / 25.4):.0f} pixels per inch, so it prints blurred: give a picture of at "
        f"least {needed:.0f} x {needed:.0f} pixels (100 per inch), or a drawing (SVG) [low-resolution]",
    ], output
    code, output = run(*args, "handout-large-print", "--suppress", "low-resolution")
    assert code == 0 and "low-resolution" not in output


def _rgb_profile(red: tuple[float, ...], green: tuple[float, ...], blue: tuple[float, ...]) -> bytes:
    """A small ICC (v2) RGB profile, made here: each channel's primary (its XYZ under D50), linear tones."""
    import struct

    def xyz(*values: float) -> bytes:
        return b"XYZ \0\0\0\0" + b"".join(struct.pack(">i", round(v * 65536)) for v in values)

    white = xyz(0.9642, 1.0, 0.8249)
    name = b"Channels swapped\0"
    tags = {b"desc": b"desc\0\0\0\0" + struct.pack(">I", len(name)) + name + b"\0" * 79, b"wtpt": white}
    tags |= {b"rXYZ": xyz(*red), b"gXYZ": xyz(*green), b"bXYZ": xyz(*blue)}
    tags |= {tag: b"curv\0\0\0\0\0\0\0\0" for tag in (b"rTRC", b"gTRC", b"bTRC")} | {b"cprt": b"text\0\0\0\0none"}
    start, table, body = 128 + 4 + 12 * len(tags), b"", b""
    for tag, data in tags.items():
        data += b"\0" * (-len(data) % 4)
        table, body = table + tag + struct.pack(">II", start + len(body), len(data)), body + data
    header = struct.pack(">I", start + len(body)) + b"none" + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
    header += b"\0" * 12 + b"acsp" + b"\0" * 28 + white[8:]
    return header + b"\0" * (128 - len(header)) + struct.pack(">I", len(tags)) + table + body


def test_a_photo_with_a_colour_profile_prints_the_colours_it_means(workdir: Path, make_content) -> None:
    """The profile a photo carries (an iPhone's Display P3, Adobe RGB, a printer's CMYK) was left out, so its
    colours printed shifted. Here a profile whose red channel is sRGB's green: the pixels (255, 0, 0) mean
    green, and print green. A profile that cannot be read is said, and the picture printed as it is."""
    from conftest import run

    srgb = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)  # under D50
    (workdir / "pictures").mkdir()
    red = Image.new("RGB", (400, 400), (255, 0, 0))
    red.save(workdir / "pictures" / "profiled.png", icc_profile=_rgb_profile(srgb[1], srgb[0], srgb[2]))
    red.save(workdir / "pictures" / "damaged.png", icc_profile=b"not a colour profile" * 8)
    content = pictured(workdir, make_content, {0: "pictures/profiled.png", 1: "pictures/damaged.png"})
    code, output = run(
        "build", str(content), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out"), "--only", "handout"
    )
    assert code == 0, output
    said = [line for line in output.splitlines() if "damaged.png" in line]
    step = content.read_text(encoding="utf-8").splitlines().index("    image: pictures/damaged.png") + 1
    assert said == [
        f"warning: {content}:{step}: routine.steps[2].image: damaged.png: its colour profile cannot be read, so its "
        "colours may print shifted: save it as sRGB [picture]"
    ]
    reader = pypdf.PdfReader(workdir / "out" / "knee-self-massage-handout.pdf")
    pictures = [image.image.convert("RGB") for page in reader.pages for image in page.images]
    printed = [colours[0][1] for picture in pictures if (colours := picture.getcolors(1))]  # of one colour: not the logo
    assert printed == [(0, 255, 0), (255, 0, 0)]


def test_a_logo_is_compressed_once_a_process_and_every_pdf_still_holds_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each PDF of a build (and of a batch) draws the clinic's logo: its pixels are compressed once a process (issue
    29), and every PDF holds the same image, its transparency as a soft mask."""
    from reportlab.pdfbase import pdfdoc

    compressed: list[object] = []
    load = pdfdoc.PDFImageXObject.loadImageFromSRC
    monkeypatch.setattr(
        pdfdoc.PDFImageXObject, "loadImageFromSRC", lambda self, image: compressed.append(image) or load(self, image)
    )
    handout = OUTPUTS[0]
    first = render(prepare(ROOT / "content.yaml", ROOT / "brand.yaml", Options(only=(handout,))), handout).data
    made = len(compressed)
    again = render(prepare(ROOT / "content.yaml", ROOT / "brand.yaml", Options(only=(handout,))), handout).data
    assert len(compressed) == made  # nothing compressed again
    assert again == first
    for data in (first, again):
        resources = pypdf.PdfReader(io.BytesIO(data)).pages[0]["/Resources"]
        images = [xobject.get_object() for xobject in resources["/XObject"].values()]
        logos = [image for image in images if image.get("/Subtype") == "/Image"]
        assert logos and all("/SMask" in logo for logo in logos)


def smooth_png(path: Path, side: int) -> Path:
    """A large PNG that compresses small, as a photo exported as PNG does not (but costs as much to decode)."""
    small = Image.merge("RGB", [Image.effect_noise((side // 100, side // 100), 60) for _ in range(3)])
    small.resize((side, side), Image.Resampling.BILINEAR).save(path, compress_level=1)
    return path


def test_a_large_picture_is_kept_at_what_the_pages_and_the_web_copy_show(workdir: Path) -> None:
    """A picture of 5000 x 5000 pixels was kept at 3000 x 3000 (27 MB of pixels) to print at most a fifth of a page
    tall; it is kept at the square a quarter of an A3 page tall holds at 300 ppi, more than any output prints it at
    (the web copy shows 1200 pixels across)."""
    from handouts.media import images

    picture = images.load(smooth_png(workdir / "big.png", 3500), workdir, "en")
    assert (picture.width, picture.height) == (1240, 1240)
    assert picture.raster is not None and picture.raster.size == (1240, 1240)


def test_pictures_dropped_from_memory_are_decoded_again_and_print_the_same(
    workdir: Path, make_content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The decoded pictures and the pictures made ready for print are kept in memory by the bytes they take, not by
    their number (64 pictures of 3000 x 3000 pixels were 1.8 GB): with room for one picture only, each is decoded
    again from its file when it is drawn, and the handout is the same, byte for byte."""
    from handouts.media import images
    from handouts.media.budget import ByteBudget

    (workdir / "pictures").mkdir()
    for n in range(3):
        photo(workdir / "pictures" / f"photo{n}.jpg", (1600 + 8 * n, 1200))
    path = pictured(workdir, make_content, {n: f"pictures/photo{n}.jpg" for n in range(3)})
    handout = OUTPUTS[0]
    roomy = render(prepare(path, workdir / "brand.yaml", Options(only=(handout,))), handout).data
    one = 1240 * 930 * 3
    monkeypatch.setattr(images, "_decoded", ByteBudget(one, images._pixel_bytes))
    monkeypatch.setattr(images, "_printed", ByteBudget(0, images._printable_bytes))
    images._load.cache_clear()
    tight = render(prepare(path, workdir / "brand.yaml", Options(only=(handout,))), handout).data
    assert len(images._decoded) == 1 and images._decoded.bytes <= one
    assert tight == roomy


@pytest.mark.parametrize(
    ("size", "said"),
    [
        ((8000, 8000), "bomb.png has too many pixels (8,000 x 8,000), more than 60 million: save it smaller"),
        ((30000, 30000), "bomb.png has too many pixels, more than 60 million: save it smaller"),
    ],
)
def test_a_picture_of_too_many_pixels_is_refused_with_the_limit(
    workdir: Path, make_content, size: tuple[int, int], said: str
) -> None:
    """A PNG of a few kilobytes can claim gigabytes of pixels: it is refused before it is decoded, saying how many
    pixels a picture may have, and nothing is written."""
    from conftest import run

    Image.new("1", size).save(workdir / "bomb.png", optimize=True)
    path = pictured(workdir, make_content, {0: "bomb.png"})
    code, output = run("build", str(path), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out"))
    assert code == 1, output
    assert re.search(rf"^error: \S*content\.yaml:\d+: routine\.steps\[1\]\.image: {re.escape(said)}$", output, re.M), output
    assert not list((workdir / "out").glob("*")) if (workdir / "out").exists() else True


@pytest.mark.slow
def test_a_phone_photo_of_108_megapixels_is_printed(workdir: Path, make_content) -> None:
    """A JPEG is decoded at the reduced size it is kept at (an eighth, a quarter or half of its pixels across), so
    its pixels are counted there: a 108-megapixel phone's photo was refused as having too many pixels."""
    Image.new("L", (12000, 9000), 90).save(workdir / "huge.jpg", quality=80)
    path = pictured(workdir, make_content, {0: "huge.jpg"})
    (handout,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",)))
    (image,) = step_pictures(handout)
    assert image["srcsize"][0] <= image["width"] / 72 * 300 + 2


def test_a_large_picture_is_decoded_without_a_second_copy_at_full_size(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Decoding a picture of 60 million pixels took 740 MB: it was turned upright into a copy and brought to 8-bit
    tones into another, each at full size, before it was made smaller. Now each step works in place (or makes
    the picture smaller first), so no picture of its full size is made beside the one decoded."""
    from handouts.media import images

    smooth_png(workdir / "big.png", 3500)
    made: list[tuple[int, int]] = []
    new = Image.Image._new
    monkeypatch.setattr(Image.Image, "_new", lambda self, im: made.append(im.size) or new(self, im))
    picture = images.load(workdir / "big.png", workdir, "en")
    assert picture.width == 1240
    assert (3500, 3500) not in made, made


def test_a_picture_no_longer_kept_whose_file_changed_is_not_printed(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A picture no longer kept in memory is decoded again from its file when it is drawn: if the file changed
    since it was checked (each layout loads it again, so only between that and its drawing), that stops the build,
    naming it, rather than print what was not checked."""
    import os

    from handouts.errors import InputError
    from handouts.media import images
    from handouts.media.budget import ByteBudget

    path = photo(workdir / "photo.jpg", (1600, 1200))
    monkeypatch.setattr(images, "_decoded", ByteBudget(0, images._pixel_bytes))
    picture = images.load(path, workdir, "en")
    assert picture.raster is not None and picture.raster.size == (1600, 1200)  # decoded again: the file is as it was
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    with pytest.raises(InputError, match=r"photo\.jpg: changed while the handouts were being made: build again$"):
        _ = picture.raster


def test_a_photo_a_drawing_places_is_kept_at_what_the_drawing_is_shown_at(workdir: Path) -> None:
    """A drawing placing a photo of 3000 x 3000 pixels wrote all of them into each PDF, in its page's text (forty
    such drawings made a handout of 700 MB and took 6 GB to build): the photo is kept at its share of the largest
    box the drawing is shown in, here all of it, 1240 pixels across."""
    from reportlab.graphics.shapes import Image as Placed

    from handouts.media import images

    photo(workdir / "big.jpg", (3000, 3000))
    (workdir / "framed.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="300" height="300">'
        '<g transform="scale(0.5)"><image width="600" height="600" xlink:href="big.jpg"/></g></svg>',
        encoding="utf-8",
    )
    picture = images.load(workdir / "framed.svg", workdir, "en")
    placed = [node.path for node in images._nodes(picture.vector) if isinstance(node, Placed)]
    assert [image.size for image in placed] == [(1240, 1240)]


def test_a_photo_a_drawing_places_is_printed_at_300_ppi_at_most(workdir: Path, make_content) -> None:
    """The photo a drawing places is written into the page at the size the drawing prints it, at 300 ppi (as a
    picture of its own is), not at every pixel it was kept at."""
    # The same pixels at every run: a PDF reader's parsing of a picture in a page's text depends on its bytes.
    ramp = Image.linear_gradient("L").resize((3000, 3000))
    Image.merge("RGB", [ramp, ramp.rotate(90), Image.radial_gradient("L").resize((3000, 3000))]).save(workdir / "big.jpg")
    (workdir / "framed.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="300" height="300">'
        '<image width="300" height="300" xlink:href="big.jpg"/></svg>',
        encoding="utf-8",
    )
    path = pictured(workdir, make_content, {0: "framed.svg"})
    (handout,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",)))
    (image,) = step_pictures(handout)
    assert image["srcsize"][0] <= image["width"] / 72 * 300 + 2, (image["srcsize"], image["width"])


@pytest.mark.slow
def test_a_picture_is_warned_of_at_the_size_the_kept_layout_prints_it(
    workdir: Path, make_content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large-print handout whose last page held a few lines is laid out again with closer spacing, and that
    layout kept: step 10's picture, lowered to stay with its step's first lines, prints half as wide as the
    first layout (set aside) printed it. The warning was of the size in the layout set aside (68 pixels per
    inch, "blurred"), a size printed nowhere; the sheet prints it at 130 or more, and nothing is said."""
    from conftest import run

    from handouts.pdf.handout import geometry as g

    (workdir / "photos").mkdir()
    for index in range(11):  # 10.png, step 10's, of few pixels: blurred at the first layout's size, sharp at the kept's
        size = (120, 160) if index == 9 else (300, 400) if index % 2 else (400, 300)
        Image.new("RGB", size, (120 + index * 10, 80, 60)).save(workdir / "photos" / f"{index + 1:02}.png")
    routine = knee()["routine"]
    for index, step in enumerate(routine["steps"]):
        step.update(image=f"photos/{index + 1:02}.png", alt=f"Picture of step {index + 1}")
    content = make_content(routine=routine, finish=knee()["finish"] + " Take your time." * 105)
    args = ["build", str(content), "--brand", str(workdir / "brand.yaml"), "--only", "handout-large-print"]

    def printed_width(out: Path) -> float:
        with pdfplumber.open(out / "knee-self-massage-handout-large-print.pdf") as pdf:
            (drawn,) = [image for page in pdf.pages for image in page.images if image["srcsize"] == (120, 160)]
            return drawn["x1"] - drawn["x0"]

    code, output = run(*args, "--out", str(workdir / "kept"))
    assert code == 0 and "low-resolution" not in output, output
    assert 120 / (printed_width(workdir / "kept") / 72) >= 100
    monkeypatch.setattr(g, "RUNT", 0.0)  # the first layout, kept whatever its last page holds: it prints the picture larger
    code, output = run(*args, "--out", str(workdir / "first"))
    assert code == 0 and 120 / (printed_width(workdir / "first") / 72) < 100
    assert "photos/10.png: 120 x 160 pixels" in output
