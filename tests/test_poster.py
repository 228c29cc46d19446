"""Facts read back from the one-page poster."""

from __future__ import annotations

import gc
import re
import shutil
import weakref
from pathlib import Path
from typing import Any

import pdfplumber
import pypdf
import pypdfium2
import pytest
import yaml
import zxingcpp
from click.testing import CliRunner
from conftest import BRAND, CONTENT, ROOT, SHIPPED, flat, knee, poster_with_size

from handouts import documents
from handouts.build import Options, build, prepare, render
from handouts.cli import main
from handouts.outputs import BY_NAME
from handouts.pdf.poster import fit, search
from handouts.pdf.poster.document import Poster
from handouts.pdf.theme import LARGE_PRINT, STANDARD

MM = 72 / 25.4


def build_poster(content: Path, brand: Path, out: Path, **options: Any) -> Path:
    (path,) = build(content, brand, Options(out=out, only=("poster",), **options))
    return path


def assert_one_page_inside_margins(path: Path, margin_mm: float = 12) -> pdfplumber.page.Page:
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        margin = margin_mm * MM - 0.5
        chars = [c for c in page.chars if c["text"].strip()]
        assert chars
        outside = [
            c["text"]
            for c in chars
            if c["x0"] < margin or c["x1"] > page.width - margin or c["top"] < margin or c["bottom"] > page.height - margin
        ]
        assert not outside, f"glyphs outside the margins: {''.join(outside)[:80]}"
        return page


def test_one_a4_page_with_every_glyph_inside_the_margins(knee_poster: Path) -> None:
    assert_one_page_inside_margins(knee_poster)
    box = pypdf.PdfReader(knee_poster).pages[0].mediabox
    assert sorted((round(float(box.width)), round(float(box.height)))) == [595, 842]  # A4, whichever way up


def test_the_numbers_of_a_column_filled_to_the_foot_stay_inside_the_margin(workdir: Path) -> None:
    """A step's number is 1.45 times its cue and reaches below a cue of one line: the shoulder routine's four
    steps seven times over filled both columns to the bottom margin, and the numbers 14 and 28 printed 1 pt
    into it."""
    content = yaml.safe_load((ROOT / "examples" / "shoulder-rolls" / "content.yaml").read_text(encoding="utf-8"))
    steps = [{key: value for key, value in step.items() if key not in ("image", "alt")} for step in content["routine"]["steps"]]
    content["routine"]["steps"] = steps * 7
    (workdir / "content.yaml").write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    assert_one_page_inside_margins(build_poster(workdir / "content.yaml", workdir / "brand.yaml", workdir / "out"))


def test_a_cues_last_word_never_stands_alone_on_its_line(workdir: Path) -> None:
    """On the shoulder routine's large-print A3 portrait poster, "Sit tall, feet flat" broke as "Sit tall, feet"
    over "flat": a word alone on a line, read as a line of its own from across a kitchen. A cue without a count
    keeps its last two words together; the steps' size is the same."""
    content = ROOT / "examples" / "shoulder-rolls" / "content.yaml"
    options = Options(out=workdir / "out", only=("poster-large-print",), paper="A3", orientation="portrait")
    (path,) = build(content, workdir / "brand.yaml", options)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        left = page.crop((0, 0, page.width / 2, page.height))  # steps 1 and 2
        lines = [line["text"] for line in left.extract_text_lines()]
        size = next(word["size"] for word in page.extract_words(extra_attrs=["size"]) if word["text"] == "flat")
    assert "feet flat" in lines and "flat" not in lines, lines
    assert size == pytest.approx(47), size  # as large as the steps were with the runt


def test_the_orientation_with_the_larger_text_wins(workdir: Path) -> None:
    sizes = {
        orientation: poster_with_size(
            prepare(workdir / "content.yaml", workdir / "brand.yaml", Options(orientation=orientation))
        )[1]
        for orientation in ("landscape", "portrait")
    }
    chosen = poster_with_size(prepare(workdir / "content.yaml", workdir / "brand.yaml", Options()))[1]
    assert chosen == max(sizes.values())


def test_sizes_smallest_glyph_and_step_text(knee_poster: Path) -> None:
    cues = [step.get("cue") or step["title"] for step in knee()["routine"]["steps"]]
    with pdfplumber.open(knee_poster) as pdf:
        page = pdf.pages[0]
        chars = [c for c in page.chars if c["text"].strip()]
        assert min(c["size"] for c in chars) >= 12 - 0.01
        words = page.extract_words(extra_attrs=["size"])
    cue_words = {w for cue in cues for w in cue.replace(",", "").split() if len(w) > 4}
    sizes = [w["size"] for w in words if w["text"].strip(",") in cue_words]
    assert len(sizes) > 20
    assert min(sizes) >= 14 - 0.01


def step_numbers(page: pdfplumber.page.Page) -> list[dict[str, Any]]:
    """The big step numbers: the largest digits on the page."""
    digits = [w for w in page.extract_words(extra_attrs=["size"]) if w["text"].isdigit()]
    biggest = max(w["size"] for w in digits)
    return [w for w in digits if abs(w["size"] - biggest) < 0.1]


def column_starts(numbers: list[dict[str, Any]]) -> list[int]:
    """Where each column of step `numbers` starts, left first: at its leftmost number (numbers of one and two
    digits are set right-aligned, so 1 to 9 start a digit in); a column's numbers lie within two sizes of it."""
    starts: list[float] = []
    for number in sorted(numbers, key=lambda number: number["x0"]):
        if not starts or number["x0"] - starts[-1] > 2 * number["size"]:
            starts.append(number["x0"])
    return [round(start) for start in starts]


def columns_text(page: pdfplumber.page.Page) -> str:
    """The step columns read top to bottom, left column first (the big step numbers mark the columns)."""
    numbers = step_numbers(page)
    starts = column_starts(numbers)
    width = (starts[1] - starts[0]) if len(starts) > 1 else page.width / 2
    top, bottom = min(w["top"] for w in numbers) - 2, page.height - 40
    return " ".join(flat(page.crop((x - 2, top, min(x + width - 4, page.width), bottom)).extract_text()) for x in starts)


def test_every_cue_in_order_with_repeat_counts(knee_poster: Path) -> None:
    with pdfplumber.open(knee_poster) as pdf:
        page = pdf.pages[0]
        text = flat(page.extract_text())
        steps = columns_text(page)
        aside = flat(page.crop((page.width * 0.7, 0, page.width, page.height)).extract_text())
    cues = [step.get("cue") or step["title"] for step in knee()["routine"]["steps"]]
    found = [steps.find(f"{n} {cue}") for n, cue in enumerate(cues, 1)]
    assert -1 not in found, dict(zip(cues, found, strict=True))
    assert found == sorted(found)
    assert "– 5 times" in text and "– 2 times" in text
    assert "Before you start" in text and "Stop if anything hurts" in text
    assert "Questions? Call 01632 960 123 www.example.com" in aside
    assert "Sources: Perlman et al., 2006; NHS, 2019" in text


def test_cues_are_numbered_in_order_down_the_columns(knee_poster: Path) -> None:
    with pdfplumber.open(knee_poster) as pdf:
        page = pdf.pages[0]
        big = step_numbers(page)
    numbers = [int(w["text"]) for w in sorted(big, key=lambda w: (round(w["x0"] / 150), w["top"]))]
    assert numbers == list(range(1, len(knee()["routine"]["steps"]) + 1))


def decode_qr(path: Path) -> list[str]:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        image = pdf[0].render(scale=3).to_pil().copy()
    finally:
        pdf.close()  # now, in this thread: PDFium must not be called from two threads at once
    # Dark modules on a light ground, as phones expect: an inverted code does not count.
    return [result.text for result in zxingcpp.read_barcodes(image, try_invert=False)]


def test_qr_encodes_the_clinic_website_when_there_is_no_video(knee_poster: Path) -> None:
    assert decode_qr(knee_poster) == ["https://www.example.com"]


# As typed, as the handout prints it: a host and path outside ASCII, a query, a fragment
@pytest.mark.parametrize("url", ["https://example.com/videos/knee?lang=en", "https://bücher.example/vidéo?a=1&b=[2]#t=30"])
def test_qr_encodes_the_video_url(make_content, workdir: Path, url: str) -> None:
    path = make_content(video={"url": url, "caption": "Watch the routine"})
    poster = build_poster(path, workdir / "brand.yaml", workdir / "out")
    assert decode_qr(poster) == [url]
    with pdfplumber.open(poster) as pdf:
        assert "Watch the routine" in pdf.pages[0].extract_text()


def tracker_boxes(path: Path) -> list[dict[str, Any]]:
    with pdfplumber.open(path) as pdf:
        rects = pdf.pages[0].rects
    return [r for r in rects if abs(r["width"] - r["height"]) < 0.1 and 20 < r["width"] < 40]


def test_tracker_has_seven_days_per_week(knee_poster: Path, workdir: Path) -> None:
    assert len(tracker_boxes(knee_poster)) == 14
    with pdfplumber.open(knee_poster) as pdf:
        text = pdf.pages[0].extract_text()
    assert "Mon Tue Wed Thu Fri Sat Sun" in text
    three = build_poster(workdir / "content.yaml", workdir / "brand.yaml", workdir / "three", tracker_weeks=3)
    assert len(tracker_boxes(three)) == 21
    none = build_poster(workdir / "content.yaml", workdir / "brand.yaml", workdir / "none", tracker_weeks=0)
    assert tracker_boxes(none) == []


@pytest.mark.parametrize(
    ("language", "week"),
    [("de-DE", "Mo Di Mi Do Fr Sa So"), ("en-US", "Sun Mon Tue Wed Thu Fri Sat"), ("pt-BR", "dom seg ter qua qui sex sáb")],
)
def test_tracker_days_follow_the_language(make_content, workdir: Path, language: str, week: str) -> None:
    """The days' names in the language, from the day its calendars start a week on: Sunday in the US and Brazil
    (a US patient's tracker ran Monday to Sunday, as no calendar there does)."""
    path = make_content(language=language)
    with pdfplumber.open(build_poster(path, workdir / "brand.yaml", workdir / "out")) as pdf:
        assert week in pdf.pages[0].extract_text()


@pytest.mark.parametrize(("paper", "size"), [("A4", (842, 595)), ("letter", (792, 612)), ("A3", (1191, 842))])
def test_paper_sizes_landscape(workdir: Path, paper: str, size: tuple[int, int]) -> None:
    poster = build_poster(workdir / "content.yaml", workdir / "brand.yaml", workdir / paper, paper=paper, orientation="landscape")
    assert_one_page_inside_margins(poster)
    box = pypdf.PdfReader(poster).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_portrait(workdir: Path) -> None:
    poster = build_poster(workdir / "content.yaml", workdir / "brand.yaml", workdir / "p", orientation="portrait")
    assert_one_page_inside_margins(poster)
    box = pypdf.PdfReader(poster).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_both_posters_turn_where_the_asked_orientation_cannot_fit(workdir: Path) -> None:
    """The knee routine on Letter asked for in landscape: the standard poster failed, its steps under 14 pt,
    while the large-print poster turned to portrait and printed at 18.5 pt. Both follow one rule: an
    orientation that cannot fit at the floor with every extra given up is turned, and the warning says so;
    the standard poster turned keeps what it can (its dates, as on Letter by default). `check` says the same."""
    shutil.copy(SHIPPED, workdir / "content.yaml")
    args = [str(workdir / "content.yaml"), "--paper", "letter", "--orientation", "landscape"]
    built = CliRunner().invoke(
        main, ["build", *args, "--out", str(workdir / "out"), "--only", "poster", "--only", "poster-large-print"]
    )
    checked = CliRunner().invoke(main, ["check", *args, "--only", "poster", "--only", "poster-large-print"])
    assert built.exit_code == 0, built.output
    for name, size in (("poster", 14), ("poster-large-print", 18.5)):
        path = workdir / "out" / f"knee-self-massage-{name}.pdf"
        box = pypdf.PdfReader(path).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # Letter, portrait
        page = assert_one_page_inside_margins(path)
        one = next(number for number in step_numbers(page) if number["text"] == "1")
        cue = [
            w for w in page.extract_words(extra_attrs=["size"]) if w["x0"] > one["x1"] and one["top"] <= w["top"] < one["bottom"]
        ]
        sizes = {round(w["size"], 1) for w in cue if w["text"] in ("Warm", "seated", "holding")}  # step 1's cue
        assert min(sizes) == pytest.approx(size), sizes
        if name == "poster":  # the dates kept, as on Letter by default: given up in landscape, not in portrait
            assert "Version 3.0" in flat(page.extract_text())
    turned = [line for line in built.output.splitlines() if "is portrait (in landscape the steps do not fit)" in line]
    assert [line.split(": the ")[1].split(" poster")[0] for line in turned] == ["standard", "large-print"], built.output
    assert "the leaflet's version and dates" not in turned[0]
    assert all(line in checked.output for line in turned), checked.output
    assert "step text at 14 pt" in checked.output and "step text at 18.5 pt" in checked.output


def test_a_poster_asked_for_in_an_orientation_it_fits_is_never_turned_to_be_larger(workdir: Path) -> None:
    """Giving extras up to be as large as it can (as when a floor above the profile's own, A3's or the standard
    poster's size, cannot be reached), a poster went on to the other orientation where that was larger: the A4
    knee poster asked for in landscape, fitting there at 14.5 pt, was made portrait at 17 pt, saying "in
    landscape the steps do not fit". A poster turns only to fit at all."""
    shutil.copy(SHIPPED, workdir / "content.yaml")
    job = prepare(workdir / "content.yaml", workdir / "brand.yaml", Options(out=workdir / "out", orientation="landscape"))
    found = search.search(job, STANDARD, STANDARD.poster_floor, most=True, why="as large as it can be")
    assert found.poster.page.landscape and found.size == 14.5
    assert not any("portrait" in warning.message for warning in found.warnings), found.warnings


def test_a3_gives_bigger_steps_than_a4(workdir: Path) -> None:
    a4 = poster_with_size(prepare(workdir / "content.yaml", workdir / "brand.yaml", Options()))[1]
    a3 = poster_with_size(prepare(workdir / "content.yaml", workdir / "brand.yaml", Options(paper="A3")))[1]
    assert 14 <= a4 < a3
    assert a3 >= a4 * 1.3  # A3 scales everything by 1.41: a larger poster, not an A4 one with space around it


def test_few_short_steps_grow_as_large_as_the_page_allows(make_content, workdir: Path) -> None:
    steps = [{"title": "Breathe", "text": "Breathe in slowly."}, {"title": "Relax", "text": "Let your shoulders drop."}]
    path = make_content(routine={"title": "Short", "steps": steps})
    job = prepare(path, workdir / "brand.yaml", Options())
    assert poster_with_size(job)[1] > 40  # no fixed ceiling
    assert_one_page_inside_margins(build_poster(path, workdir / "brand.yaml", workdir / "big"))


def long_routine(count: int, words: int) -> list[dict[str, str]]:
    cue = " ".join(["stroke gently upwards"] * words)
    return [{"title": f"Step {n}", "text": "Do it.", "cue": f"{cue} {n}"} for n in range(1, count + 1)]


def test_thirty_steps_fit_above_the_floor_or_fail_clearly(make_content, workdir: Path) -> None:
    path = make_content(routine={"title": "Long", "steps": long_routine(30, 1)})
    out = workdir / "out"
    result = CliRunner().invoke(
        main, ["build", str(path), "--brand", str(workdir / "brand.yaml"), "--out", str(out), "--only", "poster"]
    )
    if result.exit_code == 0:
        poster = out / "knee-self-massage-poster.pdf"
        page = assert_one_page_inside_margins(poster)
        assert min(c["size"] for c in page.chars if c["text"].strip()) >= 12 - 0.01
    else:
        assert result.exit_code == 1
        assert "does not fit on one page" in result.output
        assert not out.exists() or not list(out.iterdir())


def test_too_long_a_routine_fails_with_advice_and_no_file(make_content, workdir: Path) -> None:
    path = make_content(routine={"title": "Long", "steps": long_routine(30, 4)})
    out = workdir / "out"
    out.mkdir()
    (out / "knee-self-massage-poster.pdf").write_bytes(b"%PDF-1.4 earlier poster\n")
    result = CliRunner().invoke(main, ["build", str(path), "--brand", str(workdir / "brand.yaml"), "--out", str(out)])
    assert result.exit_code == 1
    message = result.output
    assert "the poster does not fit on one page even with step text at 14 pt" in message
    assert "Shorten the cues" in message and "fewer steps" in message and "--paper A3" in message
    assert "Traceback" not in message
    # The outputs that fit are written; the earlier poster is removed, so no stale poster sits beside them.
    assert not (out / "knee-self-massage-poster.pdf").exists() and "removed" in message
    assert (out / "knee-self-massage-handout.pdf").is_file()


def test_a_word_wider_than_a_column_names_its_own_step(make_content, workdir: Path) -> None:
    """Step 1's count is one word wider than any column: the error names step 1's count, where it named the step
    with the longest cue (step 8), which fits, and then step 1's cue."""
    routine = knee()["routine"]
    routine["steps"][0]["repeat"] = "x" * 200
    path = make_content(routine=routine)
    brand = str(workdir / "brand.yaml")
    result = CliRunner().invoke(main, ["check", str(path), "--brand", brand])
    assert result.exit_code == 1
    assert "routine.steps[1].repeat: the poster does not fit on one page" in result.output
    assert "a word of a cue is wider than a column. Shorten the cues (step 1's has the widest word)" in result.output


# Where a word beside or under the steps is wider than any room for it: what it is, and the error's place.
TOO_WIDE = "the poster cannot hold it: a word of it is wider than the panel beside the steps or the strip under them; shorten it"


def test_a_therapists_name_wider_than_the_poster_allows_names_the_option(workdir: Path) -> None:
    """An unbreakable therapist's name wider than any room for it: the error names --therapist, where it said a
    word of a step's cue was wider than a column (every layout failed, and that was taken to be the cues')."""
    name = "Wolfeschlegelsteinhausenbergerdorff" * 5
    result = CliRunner().invoke(main, ["check", "--only", "poster", str(workdir / "content.yaml"), "--therapist", name])
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if line.startswith("error")] == [f"error: --therapist: {TOO_WIDE}"]


@pytest.mark.parametrize(
    ("key", "given", "wide"),
    [("website", "www.example.com", f"www.{'a' * 280}.com"), ("phone", "01632 960 123", "0800" + "HANDOUT" * 30)],
)
def test_a_contact_line_wider_than_the_poster_allows_names_its_line_in_brand_yaml(
    workdir: Path, key: str, given: str, wide: str
) -> None:
    """brand.yaml's website of 280 characters with nowhere to break, or a phone number of 214 digits and letters
    (the shipped routine's help strip says it, unbroken; a number of digits alone is refused before, past 15):
    the error names the contact line at its line in brand.yaml, not a cue."""
    brand = workdir / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    assert f"{key}: {given}" in text
    brand.write_text(text.replace(f"{key}: {given}", f"{key}: {wide}"), encoding="utf-8")
    at = next(number for number, said in enumerate(text.splitlines(), 1) if said.strip().startswith(f"{key}:"))
    result = CliRunner().invoke(main, ["check", "--only", "poster", str(SHIPPED), "--brand", str(brand)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error")]
    assert errors == [f"error: {brand}:{at}: contact.{key}: {TOO_WIDE}"]


def test_a_phone_field_of_several_numbers_breaks_between_them_not_inside_one(workdir: Path) -> None:
    """A clinic's phone field with an extension, an out-of-hours and a text number (80 characters) was kept on one
    line whole: wider than the poster's panel and its help strip, it cost the large-print poster (left out, "shorten
    the cues") and the web copy's line on a phone. Each number is kept whole, with its extension; the field breaks
    between them, and prints as typed."""
    phone = "+44 1632 960 123 ext. 4567 / out of hours 01632 960 999 / text 07700 900 123"
    brand = workdir / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    brand.write_text(text.replace("phone: 01632 960 123", f'phone: "{phone}"'), encoding="utf-8")
    out = workdir / "out"
    result = CliRunner().invoke(main, ["build", str(SHIPPED), "--brand", str(brand), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "no-large-print-poster" not in result.output, result.output
    numbers = ("+44 1632 960 123 ext. 4567", "01632 960 999", "07700 900 123")
    for name in ("knee-self-massage-poster.pdf", "knee-self-massage-poster-large-print.pdf"):
        with pdfplumber.open(out / name) as pdf:
            assert len(pdf.pages) == 1
            said = pdf.pages[0].extract_text()
        assert phone in flat(said), name  # as typed, in the help strip
        lines = said.splitlines()
        for number in numbers:  # each whole on a line of its own, wherever the field breaks
            assert flat(said).count(number) == sum(line.count(number) for line in lines), (name, number)
    html = (out / "knee-self-massage-handout.html").read_text(encoding="utf-8")
    assert 'href="tel:+441632960123"' in html


# Words for safety points and signs without a bold lead-in or short form: the poster prints each whole.
LONG_WORDS = (
    "keep the massage gentle and stop when anything feels wrong or sore or strange and tell us about it at your "
    "next visit so that we can change the routine for you"
)


def long_text(words: int) -> str:
    return " ".join((LONG_WORDS.split() * 10)[:words]).capitalize() + "."


def strip_crowded(make_content, workdir: Path, output: str, **overrides: Any) -> tuple[list[str], list[str], Path]:
    """The knee routine with two steps and `overrides`, no web address and no tracker, checked and built with
    --only `output`: the error lines of each, and its content.yaml's lines."""
    routine = knee()["routine"]
    routine["steps"] = routine["steps"][:2]
    path = make_content(routine=routine, **overrides)
    brand = workdir / "brand.yaml"
    brand.write_text(
        "".join(line for line in brand.read_text(encoding="utf-8").splitlines(True) if "website:" not in line),
        encoding="utf-8",
    )
    said = []
    for command in ("check", "build"):
        args = [command, str(path), "--brand", str(brand), "--tracker-weeks", "0", "--only", output]
        result = CliRunner().invoke(main, args + (["--out", str(workdir / "out")] if command == "build" else []))
        assert result.exit_code == 1, result.output
        said.append([line for line in result.output.splitlines() if line.startswith("error")])
    assert said[0] == said[1]  # build and check say the same
    return said[0], path.read_text(encoding="utf-8").splitlines(), path


@pytest.mark.parametrize(
    ("output", "words", "name", "floor"), [("poster-large-print", 50, "large-print poster", 18), ("poster", 120, "poster", 14)]
)
def test_safety_points_that_leave_the_steps_no_room_are_named(
    make_content, workdir: Path, output: str, words: int, name: str, floor: int
) -> None:
    """Six long safety points without a bold lead-in (the poster prints each whole) leave two steps no room at
    all: the error names the longest point, where it said a word of step 1's cue was wider than a column."""
    points = [long_text(words - 2), long_text(words - 1), long_text(words), long_text(words - 3), long_text(words - 4)]
    errors, lines, path = strip_crowded(make_content, workdir, output, safety={"points": [*points, long_text(words - 5)]})
    safety = next(number for number, text in enumerate(lines) if text == "safety:")
    line = [number for number, text in enumerate(lines, 1) if number > safety and text.startswith("  - ")][2]
    assert errors == [
        f"error: {path}:{line}: safety.points[3]: the {name} does not fit on one page even with step text at {floor} "
        "pt: the safety strip leaves the steps no room. Shorten the safety points (the longest is point 3's), or "
        "give each its own short form for the poster (short: beside its text:)"
    ]


@pytest.mark.parametrize("where", ["title", "point"])
def test_a_safety_word_wider_than_the_strip_names_its_own_line(make_content, workdir: Path, where: str) -> None:
    """A word of 89 letters in the safety strip's title, or in its first point, is wider than large print's strip
    on either side of the paper: the error blamed the longest point ("Shorten the safety points (the longest is
    point 2's)"), which was not the one to shorten. It names the title or the point with the word."""
    word = "Oberschenkel" + "muskulatur" * 7 + "dehnung"
    points = [f"Stretch the {word} gently.", long_text(30)]
    safety = {"title": f"Vor der {word}", "points": points[1:]} if where == "title" else {"points": points}
    errors, lines, path = strip_crowded(make_content, workdir, "poster-large-print", safety=safety)
    line = next(number for number, text in enumerate(lines, 1) if word in text)
    key = "safety.title" if where == "title" else "safety.points[1]"
    assert errors == [
        f"error: {path}:{line}: {key}: the large-print poster does not fit on one page even with step text at 18 pt: "
        "a word of the safety strip is wider than the strip. Shorten it"
    ]


def test_short_forms_that_leave_the_steps_no_room_are_named(make_content, workdir: Path) -> None:
    """Safety points whose own short forms are long: the error names the longest short form's line."""
    points = [{"text": "Be gentle.", "short": long_text(48 + n)} for n in range(6)]
    errors, lines, path = strip_crowded(make_content, workdir, "poster-large-print", safety={"points": points})
    line = [number for number, text in enumerate(lines, 1) if text.lstrip().startswith("short: Keep")][5]
    assert errors == [
        f"error: {path}:{line}: safety.points[6].short: the large-print poster does not fit on one page even with "
        "step text at 18 pt: the safety strip leaves the steps no room. Shorten the safety points' short forms (the "
        "longest is point 6's)"
    ]


def test_signs_that_leave_the_steps_no_room_are_named(make_content, workdir: Path) -> None:
    """When to get help, each sign long and without a short form: the strip of them leaves the steps no room,
    and the error names the longest sign, not a cue."""
    signs = [{"sign": long_text(90 + n), "action": "call-clinic"} for n in range(8)]
    errors, lines, path = strip_crowded(make_content, workdir, "poster", help=signs)
    line = [number for number, text in enumerate(lines, 1) if text.startswith("- sign: Keep")][7]
    assert errors == [
        f"error: {path}:{line}: help[8]: the poster does not fit on one page even with step text at 14 pt: the strip "
        "of when to get help leaves the steps no room. Shorten the signs (the longest is sign 8's), or give each its "
        "own short form for the poster (short: beside its sign:)"
    ]


def test_a_poster_that_cannot_fit_names_the_cue_to_shorten_once(make_content, workdir: Path) -> None:
    """The error names the line and key of the longest cue (its title, when the step has no cue: the poster
    prints that), in build and check alike, and says it once: the large-print poster has its own warning."""
    steps = [{"title": f"Stroke gently upwards {n}", "text": "Do it."} for n in range(1, 41)]
    steps[6]["title"] = "Stroke the whole leg gently upwards from the ankle to the hip and back"
    path = make_content(routine={"title": "Long", "steps": steps})
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if "from the ankle to the hip and back" in text)
    where = f"{path}:{line}: routine.steps[7].title: "
    brand = str(workdir / "brand.yaml")
    result = CliRunner().invoke(main, ["build", str(path), "--brand", brand, "--out", str(workdir / "out"), "--only", "poster"])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {where}the poster does not fit on one page even with step text at 14 pt")
    assert "Shorten the cues (the longest is step 7's)" in result.output
    assert len(result.output.strip().splitlines()) == 1
    result = CliRunner().invoke(main, ["check", str(path), "--brand", brand])
    assert result.exit_code == 1
    assert result.output.count(f"error: {where}the poster does not fit") == 1
    # The large-print poster is not promised where the standard poster's steps do not reach 18 pt (here they do
    # not fit at all): a warning, on the same line.
    assert result.output.count(f"warning: {where}no large-print poster: it does not fit") == 1
    assert "(here they do not fit either)" in result.output
    assert result.output.count("does not fit on one page") == 2


NEAR_MISS = [  # a generated 12-step routine and two more steps: its large-print poster misses Letter by a few percent
    "Below thigh muscle", "Stroke shoulder below hold with slide slowly", "Below gently knee the with press stroke",
    "Each away thigh above", "Roll away thumb palm thigh", "Your side thigh breathe muscle palm stroke each",
    "The the palm", "Below around", "Slowly above heel away around", "Press calf roll hold",
    "Heel stroke towards with lower heel stroke above the", "Breathe above", "Lift the skin gently",
    "Hold and breathe slowly",
]  # fmt: skip


def test_a_poster_that_misses_by_a_little_says_it_needs_more_than_all_the_room(make_content, workdir: Path) -> None:
    """The share of the room the steps need is measured as the search measures it, whole steps to a column: it
    said "97%" of a poster that did not fit, adding the steps' heights as if they could split between columns."""
    repeats = ["5 times", "1 minute", "hold 10 seconds, 3 times each side"]
    steps = [{"title": f"Step {n}", "text": "Do it.", "cue": cue, "repeat": repeats[n % 3]} for n, cue in enumerate(NEAR_MISS, 1)]
    path = make_content(routine={"title": "The routine", "steps": steps})
    args = ["build", str(path), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out"), "--paper", "letter"]
    result = CliRunner().invoke(main, [*args, "--only", "poster-large-print"])
    assert result.exit_code == 1
    need = re.search(r"the large-print poster does not fit on one page .* the steps need about (\d+)% of the room", result.output)
    assert need is not None, result.output
    assert 100 < int(need[1]) < 110


def test_the_room_steps_need_is_whole_steps_to_a_column(monkeypatch: pytest.MonkeyPatch) -> None:
    """The share of the room is what the tallest column needs when whole steps are broken into columns as
    evenly as they can be, never the steps' heights added up as if one could split between columns: ten short
    steps and a tall one in the middle need 145% of two columns' room, although they add up to 97.5% of it."""
    job = prepare(CONTENT, BRAND, Options())
    # everything given up: with the QR code and tracker, no portrait layout has room for the steps in large print
    # (its panel beside them would be wider than they are)
    fallback = search.fallbacks(job, LARGE_PRINT, documents.poster(job, LARGE_PRINT))[-1]
    poster = next(poster for poster, _ in search.layouts(job, LARGE_PRINT, fallback) if not poster.page.landscape)
    half_points = 36
    area_height, _ = poster.room(half_points, 2)
    limit = area_height + poster.steps.space_after(half_points)
    heights = [0.1 * limit] * 5 + [0.95 * limit] + [0.1 * limit] * 5
    assert len(heights) == len(poster.blocks.steps) and sum(heights) / (2 * limit) == pytest.approx(0.975)
    monkeypatch.setattr(poster.steps, "heights", lambda *_args, **_kwargs: heights)
    assert fit.column_choices(len(heights), landscape=False) == [2, 1]
    assert poster.room_needed(half_points / 2) == pytest.approx(1.45)  # one column: 1.95


def test_only_poster(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(CONTENT), "--brand", str(BRAND), "--out", str(tmp_path), "--only", "poster"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["knee-self-massage-poster.pdf"]


def test_poster_metadata(knee_poster: Path) -> None:
    reader = pypdf.PdfReader(knee_poster)
    assert reader.metadata is not None
    assert reader.metadata.title == "Self-massage for knee osteoarthritis"
    assert reader.metadata.author == "Birchwood Massage & Physiotherapy"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def _wide_logo_poster(
    make_content, workdir: Path, title: str, colour: tuple[int, int, int] = (40, 90, 160), size: tuple[int, int] = (500, 100)
) -> Path:
    from PIL import Image

    Image.new("RGB", size, colour).save(workdir / "wide.png")
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace("logo: assets/birchwood-logo.png", "logo: wide.png"))
    return build_poster(make_content(title=title), brand, workdir / "out", orientation="portrait")


def _logo_and_title(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        logo = min(page.images, key=lambda image: image["top"])  # the band is at the top
        title = [c for c in page.chars if c["bottom"] < logo["bottom"] + 60 and c["size"] > 20]
        return logo, title


def test_a_wide_logo_keeps_its_proportions(make_content, workdir: Path) -> None:
    logo, title = _logo_and_title(_wide_logo_poster(make_content, workdir, "Knee self-massage"))
    width, height = logo["x1"] - logo["x0"], logo["bottom"] - logo["top"]
    assert width / height == pytest.approx(5, rel=0.02)
    inner = (210 - 24) * MM
    assert width == pytest.approx(0.4 * inner, rel=0.02)  # as wide as a logo may be: the title has room
    assert min(c["x0"] for c in title) > logo["x1"]  # the title is after it, not over it


def test_a_wide_logo_beside_a_long_title_narrows_to_spare_the_title_lines(make_content, workdir: Path) -> None:
    long = "Gentle self-massage of the knee and the leg for osteoarthritis, to do at home every day"
    logo, title = _logo_and_title(_wide_logo_poster(make_content, workdir, long))
    width, height = logo["x1"] - logo["x0"], logo["bottom"] - logo["top"]
    assert width / height == pytest.approx(5, rel=0.02)
    assert width < 0.4 * (210 - 24) * MM - 10
    lines = {round(c["top"]) for c in title}
    assert len(lines) == 4, f"the title takes {len(lines)} lines"  # five beside a logo 40% of the band wide
    assert min(c["x0"] for c in title) > logo["x1"]


def test_an_eight_to_one_logo_beside_a_long_title_is_not_drawn_a_sliver(make_content, workdir: Path) -> None:
    """Narrowed to a fifth of the band to spare the title a line, an 8:1 logo was 13 pt tall beside a title of
    26 pt: it narrows only while it stays 40% of the band's logo room (44 pt) tall."""
    long = "Self-massage of the knee and the leg for osteoarthritis"
    logo, title = _logo_and_title(_wide_logo_poster(make_content, workdir, long, size=(800, 100)))
    width, height = logo["x1"] - logo["x0"], logo["bottom"] - logo["top"]
    assert width / height == pytest.approx(8, rel=0.02)
    assert height >= 0.4 * 44 - 0.01
    assert min(c["x0"] for c in title) > logo["x1"]


def test_a_wide_logo_narrows_as_before_where_kept_tall_the_large_print_poster_would_not_fit(workdir: Path) -> None:
    """A 12:1 logo kept 40% of the band's logo room tall beside a long practice name left the large-print
    poster's steps too little room: a poster that built before was refused ("the steps need about 106% of the
    room there is"). Where the steps fit only so, the logo narrows as it did, rather than fail."""
    from PIL import Image

    Image.new("RGB", (1200, 100), (40, 90, 160)).save(workdir / "wide.png")
    name = "Praxis für Physiotherapie und Manuelle Therapie Dr. Müller-Lüdenscheidt und Partner am Sonnenberg GmbH"
    brand = workdir / "brand.yaml"
    text = brand.read_text(encoding="utf-8").replace("logo: assets/birchwood-logo.png", "logo: wide.png")
    brand.write_text(re.sub(r"(?m)^name: .*$", f"name: {name}", text), encoding="utf-8")
    options = Options(out=workdir / "out", only=("poster", "poster-large-print"), orientation="portrait")
    _, large = build(SHIPPED, brand, options)
    page = assert_one_page_inside_margins(large)
    assert min(c["size"] for c in page.chars if c["text"].strip()) >= 18 - 0.01


def test_the_posters_a_search_tries_are_forgotten_with_their_job(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing keeps a poster the fit search tried once its job is gone: a cache on a method kept every poster
    ever searched (with its paragraphs and styles), about 1.3 MB more for each patient of a batch whose
    appointments differ, and more at each rebuild of `handouts serve`."""
    tried: list[weakref.ref[Poster]] = []
    made = Poster.__init__

    def remembered(self: Poster, *args: Any, **kwargs: Any) -> None:
        made(self, *args, **kwargs)
        tried.append(weakref.ref(self))

    monkeypatch.setattr(Poster, "__init__", remembered)
    job = prepare(CONTENT, BRAND, Options(paper="A3"))  # A3 plans A4's posters too
    for name in ("poster", "poster-large-print"):
        render(job, BY_NAME[name])
    assert len(tried) > 10
    del job
    gc.collect()
    assert [ref for ref in tried if ref() is not None] == []


def line_openers(page: pdfplumber.page.Page, marks: str = "\u2013\u00b7") -> list[str]:
    """Each dash or middle dot that opens a line, with the words after it: a mark whose nearest word to the left
    on its line is further than a space away (another column's text, or none)."""
    words = page.extract_words(extra_attrs=["size"])
    found = []
    for index, word in enumerate(words):
        if word["text"] not in marks:
            continue
        left = [w["x1"] for w in words if abs(w["top"] - word["top"]) < 1 and w["x1"] <= word["x0"] + 0.1]
        if not left or word["x0"] - max(left) > 0.6 * word["size"]:
            found.append(" ".join(w["text"] for w in words[index : index + 4]))
    return found


DOSED_STEPS = [
    {"title": "Chin tuck", "text": "Tuck your chin in.", "cue": "Tuck your chin in", "sets": 2, "reps": 10, "hold": 5},
    {"title": "Turn", "text": "Turn your head.", "cue": "Turn your head to each side", "reps": 10, "side": "each"},
    {"title": "Tilt", "text": "Tilt your head.", "cue": "Ear to shoulder", "sets": 2, "reps": 5, "hold": 15, "side": "each"},
    {"title": "Stretch", "text": "Stretch.", "cue": "Stretch the side of your neck", "hold": 30, "side": "each"},
    {"title": "Shrug", "text": "Shrug.", "cue": "Lift and lower your shoulders", "reps": 10, "rest": 30},
]


@pytest.mark.parametrize(("steps", "language"), [(None, "en-GB"), (DOSED_STEPS, "en-GB"), (DOSED_STEPS, "es-MX")])
@pytest.mark.parametrize("name", ["poster", "poster-large-print"])
@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_no_line_opens_with_the_dash_before_a_count_or_a_dot_between_phrases(
    make_content, workdir: Path, name: str, paper: str, steps: list[dict[str, Any]] | None, language: str
) -> None:
    """The dash between a cue and its count ends the cue's line, and a dot between phrases ends its line too:
    at a line's start, "\u2013 5 times" or "\u00b7 cada lado" reads as a list's bullet."""
    content = make_content(language=language, routine={"steps": steps}) if steps else make_content()
    brand = workdir / "brand.yaml"
    if language == "es-MX":
        clinic = brand.read_text(encoding="utf-8").replace("country: GB", "country: MX")
        brand.write_text(clinic.replace("contact:", 'contact:\n  emergency: "911"\n  urgent: "800 911 2000"'), encoding="utf-8")
    (path,) = build(content, brand, Options(out=workdir / "out", only=(name,), paper=paper))
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        text = flat(page.extract_text())
        assert not line_openers(page), line_openers(page)
    assert "\u2013 " in text and "\u00b7 " in text  # the marks are there, where they belong


@pytest.mark.parametrize("name", ["poster", "poster-large-print"])
def test_the_band_title_never_ends_on_a_word_alone(knee_four: dict[str, Path], name: str) -> None:
    """The knee poster's band read "Self-massage for knee" / "osteoarthritis", an Irish clinic's "Hamstring
    stretches after a" / "strain": the title's lines are balanced, as the handout's headings are (as many
    lines, the last with two words or more where a break allows)."""
    with pdfplumber.open(knee_four[name]) as pdf:
        page = pdf.pages[0]
        band = [w for w in page.extract_words(extra_attrs=["size"]) if w["top"] < page.height * 0.2]
    biggest = max(w["size"] for w in band)
    title = [w for w in band if abs(w["size"] - biggest) < 0.1]
    lines: dict[int, list[str]] = {}
    for word in title:
        lines.setdefault(round(word["top"]), []).append(word["text"])
    assert " ".join(" ".join(words) for words in lines.values()) == knee()["title"]
    assert len(lines) >= 2 and len(list(lines.values())[-1]) >= 2, lines


def test_a_count_wraps_between_its_phrases_keeping_each_whole(make_content, workdir: Path) -> None:
    """A one-step routine's poster read "Stretch / slowly - / 5 times · / hold / 20 s · / each / side": where
    the whole count did not fit a line, each of its words was free to go to the next. It wraps between its
    phrases first, each one whole ("hold 20 s", "each side"), and word by word only where a phrase is wider
    than a line."""
    step = {"title": "Stretch", "text": "Sit tall.", "cue": "Stretch slowly", "reps": 5, "hold": 20, "side": "each"}
    path = make_content(routine={"title": "One stretch", "steps": [step]})
    with pdfplumber.open(build_poster(path, workdir / "brand.yaml", workdir / "out")) as pdf:
        lines = [line["text"] for line in pdf.pages[0].extract_text_lines()]
    text = " ".join(lines)
    assert "hold 20 s" in text and "each side" in text
    assert [line for line in lines if "hold 20 s" in line] and [line for line in lines if "each side" in line], lines


def test_a_letter_poster_the_appointment_tips_over_gives_up_its_sources_line(workdir: Path) -> None:
    """The shipped knee routine's standard Letter poster fits at 14 pt; with the patient's next appointment it
    needed 101% of the page and was not built, though the handout lists every source: as the large-print
    poster does, it gives up its sources line as a last resort, and says so. The appointment stays."""
    out = workdir / "out"
    args = ["build", str(SHIPPED), "--brand", str(workdir / "brand.yaml"), "--out", str(out), "--only", "poster"]
    args += ["--paper", "letter", "--date", "2026-12-01", "--next-appointment", "2026-12-20 09:15"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "leaves out the tick-box tracker, the QR code, the leaflet's version and dates and the sources" in result.output
    page = assert_one_page_inside_margins(out / "knee-self-massage-poster.pdf")
    text = flat(page.extract_text())
    assert "Next appointment: Sunday, 20 December 2026" in text and "Sources:" not in text
    assert min(c["size"] for c in page.chars if c["text"].strip()) >= 12 - 0.01


def test_a_poster_that_cannot_fit_with_an_appointment_says_the_appointment_takes_room(make_content, workdir: Path) -> None:
    """The appointment's lines are never given up (the patient's own): where the poster cannot fit even so, the
    advice names them as taking room too, beside the cues, fewer steps and A3."""
    path = make_content(routine={"title": "Long", "steps": long_routine(30, 4)})
    args = ["build", str(path), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out"), "--only", "poster"]
    result = CliRunner().invoke(main, [*args, "--next-appointment", "2026-12-20 09:15"])
    assert result.exit_code == 1
    assert "the poster does not fit on one page even with step text at 14 pt" in result.output
    assert "; the appointment's lines (--next-appointment, --therapist) take room too" in result.output
