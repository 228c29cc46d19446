"""A sheet a clinic can hand out: when to get help (with the number to call at body size), how much discomfort
is fine (a drawn 0-10 scale, and the same in words and a table), who the therapist is and when the next
appointment is, brand texts in the patient's language, and the checks a clinic's governance asks for. All
read back from the PDFs and the web copy."""

from __future__ import annotations

import functools
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pypdf
import pytest
import yaml
from click.testing import CliRunner
from conftest import BRAND, SHIPPED, flat, knee, line_of, pdf_text, run
from test_large_print import _hex

from handouts.build import Options, build
from handouts.cli import main
from handouts.media.colours import contrast

HELP = [
    {"sign": "You have chest pain or you are short of breath.", "action": "emergency"},
    {"sign": "One calf is **swollen and painful**. It could be a blood clot.", "action": "gp-today", "short": "Calf swollen"},
    {"sign": "Your knee hurts more than usual the next morning.", "action": "call-clinic"},
]


def _routine(workdir: Path, **changes: Any) -> Path:
    data = knee()
    data.update({"help": HELP, "discomfort": {"during": 3, "after": 2, "settles": "Any ache settles by morning."}, **changes})
    path = workdir / "content.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _brand(workdir: Path, **changes: Any) -> Path:
    data = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    data.update(changes)
    path = workdir / "brand.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _build(workdir: Path, *extra: str) -> dict[str, Path]:
    out = workdir / "out"
    code, output = run("build", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--out", str(out), *extra)
    assert code == 0, output
    return {path.name: path for path in out.iterdir()}


def _chars(path: Path) -> tuple[str, list[dict[str, Any]]]:
    with pdfplumber.open(path) as pdf:
        chars = [char for page in pdf.pages for char in page.chars]
        text = "\n".join(page.extract_text() for page in pdf.pages)
    return flat(text), chars


def _line_with(chars: list[dict[str, Any]], words: str) -> list[dict[str, Any]]:
    """The characters of the first printed line that holds `words`."""
    lines: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for char in chars:
        lines.setdefault((char["page_number"], round(char["top"])), []).append(char)
    return next(line for line in lines.values() if words in "".join(c["text"] for c in line))


@pytest.mark.slow
def test_when_to_get_help_is_a_box_with_the_number_to_call_at_body_size(workdir: Path) -> None:
    _routine(workdir)
    built = _build(workdir, "--only", "handout", "--only", "handout-large-print", "--only", "handout-html")
    for name, floor in (("knee-self-massage-handout.pdf", 14), ("knee-self-massage-handout-large-print.pdf", 18)):
        text, chars = _chars(built[name])
        assert "When to get help Call 999 now • You have chest pain" in text, name
        assert "See your GP today, or call 111 • One calf is swollen and painful." in text
        assert "Stop and call us on 01632 960 123 • Your knee hurts more" in text
        line = _line_with(chars, "Stop and call us on")
        digits = [c for c in line if c["text"].isdigit()]
        assert len(digits) == 11 and min(c["size"] for c in digits) >= floor  # the number to call at body size
    page = built["knee-self-massage-handout.html"].read_text(encoding="utf-8")
    box = re.search(r'<aside class="help" aria-labelledby="help-title">\n<h2 id="help-title">(.*?)</h2>(.*?)</aside>', page, re.S)
    assert box and re.sub("<[^>]+>", "", box.group(1)) == "When to get help", page
    assert [re.sub("<[^>]+>", "", line) for line in box.group(2).strip().splitlines()] == [
        "Call 999 now",
        "You have chest pain or you are short of breath.",
        "See your GP today, or call 111",
        "One calf is swollen and painful. It could be a blood clot.",
        "Stop and call us on 01632 960\u00a0123",  # whole where it fits, else broken between its groups
        "Your knee hurts more than usual the next morning.",
    ]


ACTIONS = {"emergency": "Call 999 now", "gp-today": "See your GP today, or call 111", "call-clinic": "Stop and call us on"}


@pytest.mark.slow
@pytest.mark.parametrize("times", [1, 3])
def test_warning_signs_that_go_on_to_a_page_go_on_under_what_to_do(tmp_path: Path, times: int) -> None:
    """The knee's large print split its help box between two signs of one group: the page it went on to read
    "When to get help (continued)" over "You get new numbness…" and "You are not sure if it is safe to carry
    on", with no word of what to do; "Stop and call us on 01632 960 123" was at the foot of the page before.
    On every page, the first warning sign has what to do about it above it, on that page: the shipped routine,
    and its signs each three times (the box taller than a page, split inside each group, in both sizes)."""
    content = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    content["help"] = [sign for sign in content["help"] for _ in range(times)]  # its own signs again: no new clinical text
    path = tmp_path / "content.yaml"
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    opening = {" ".join(sign["sign"].split()[:4]): ACTIONS[sign["action"]] for sign in content["help"]}
    split = 0
    for pdf_path in build(path, BRAND, Options(out=tmp_path / "out", only=("handout", "handout-large-print"))):
        with pdfplumber.open(pdf_path) as pdf:
            for page in pdf.pages:
                lines = [flat(line["text"]) for line in page.extract_text_lines()]
                signs = [(at, opening[key]) for at, line in enumerate(lines) for key in opening if line.startswith(f"• {key}")]
                if not signs:
                    continue
                first, action = signs[0]
                assert any(line.startswith(action) for line in lines[:first]), (pdf_path.name, page.page_number, lines)
                split += "When to get help (continued)" in lines[:first]
    assert split >= times, "the box went on to no other page: the test tests nothing"


@pytest.mark.slow
def test_a_warning_sign_nearly_a_page_tall_goes_on_without_its_heading_again(tmp_path: Path) -> None:
    """A sign whose box goes on to the next page, too tall to go on under the box's title and what to do both
    (kept with it), stopped the build ("the safety box is too long to fit on one large-print page"), where it
    built before what to do was made again there: it goes on under the title alone. Lengths about that page's,
    each built, each sign printed whole."""
    content = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    signs = [*content["help"][:2], content["help"][-1]]  # each group's first; the long sign is its group's second
    for times in range(58, 70, 2):
        sign = "You feel tingling" + " and more tingling" * times + "."
        content["help"] = [*signs, {"sign": sign, "action": "call-clinic"}]
        path = tmp_path / f"content-{times}.yaml"
        path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
        (pdf_path,) = build(path, BRAND, Options(out=tmp_path / str(times), only=("handout-large-print",)))
        assert flat(pdf_text(pdf_path)).count("tingling") == times + 1, times


@pytest.mark.slow
def test_the_discomfort_scale_is_drawn_and_said_and_tabled(workdir: Path) -> None:
    _routine(workdir)
    built = _build(workdir, "--only", "handout", "--only", "handout-large-print", "--only", "handout-html")
    for name in ("knee-self-massage-handout.pdf", "knee-self-massage-handout-large-print.pdf"):
        text, _ = _chars(built[name])
        assert "How much discomfort is fine During: up to 3 out of 10 0 1 2 3 4 5 6 7 8 9 10 No pain Worst pain" in text
        assert "Afterwards: up to 2 out of 10" in text and "Any ache settles by morning." in text
    page = built["knee-self-massage-handout.html"].read_text(encoding="utf-8")
    table = re.search(r'<section class="scale">.*?</section>', page, re.S).group(0)
    assert table.count("<tr>") == 12 and table.count("\u2713") == 4 + 3  # 0-3 during, 0-2 afterwards
    assert '<th scope="row">0 No pain</th>' in table and '<th scope="row">10 Worst pain</th>' in table


def test_a_clinics_long_label_under_the_discomfort_scale_stays_under_it(workdir: Path) -> None:
    """A clinic's own words for the scale's ends, wider than the row of boxes, were drawn on one line each: in
    large print "No pain" reworded so ran 9 pt past the last box and into the page's margin (a run of the
    clinic's labels through every layout found it). Such a label now goes on lines of its own under the boxes,
    "No pain" from the left and "Worst pain" to the right, every word printed."""
    _routine(workdir)
    low = "L…V^>!);g/XUw. Very Donaudampfschifffahrtsgesellschaftskapitän"
    high = "Worst pain you can imagine, the kind that wakes you at night and will not settle"
    _brand(workdir, labels={"en": {"pain_none": low, "pain_worst": high}})
    built = _build(workdir, "--only", "handout", "--only", "handout-large-print")
    for path in built.values():
        text, chars = _chars(path)
        with pdfplumber.open(path) as pdf:  # the row of boxes spans the text's column
            boxes = [rect for page in pdf.pages for rect in page.rects if rect["width"] < 60 and rect["height"] < 60]
        left, right = min(box["x0"] for box in boxes), max(box["x1"] for box in boxes)
        outside = [c["text"] for c in chars if c["text"].strip() and not left - 0.5 <= c["x0"] < c["x1"] <= right + 0.5]
        assert not outside, (path.name, "".join(outside))
        assert text.count(flat(f"{low} {high}")) == 2, path.name  # under the during and the after rows


def test_a_pale_brand_fills_the_acceptable_levels_in_a_shade_that_stands_out(workdir: Path) -> None:
    """A clinic with a very light brand colour (#F4F9FF) had its scale's acceptable levels filled with it:
    near-white boxes among white ones, the range a patient should stay in hard to see on paper and on screen.
    They are filled in the shade its text is set in, 3:1 or more against white (WCAG's for graphics)."""
    _routine(workdir)
    _brand(workdir, colors={"primary": "#F4F9FF", "accent": "#FFF3C4"})
    built = _build(workdir, "--only", "handout", "--only", "handout-html")
    with pdfplumber.open(built["knee-self-massage-handout.pdf"]) as pdf:
        boxes = [r for page in pdf.pages for r in page.rects if r.get("fill") and r["width"] < 60 and r["height"] < 60]
    fills = [_hex(box["non_stroking_color"]) for box in boxes]
    marked = [fill for fill in fills if fill != "#FFFFFF"]
    assert len(fills) == 22 and len(marked) == 4 + 3, fills  # 0-3 during, 0-2 afterwards
    assert all(contrast(fill, "#FFFFFF") >= 3 for fill in marked), marked
    page = built["knee-self-massage-handout.html"].read_text(encoding="utf-8")
    ok = re.search(r"\.scale td\.ok \{ background: (#[0-9A-F]{6});", page).group(1)
    assert contrast(ok, "#FFFFFF") >= 3, ok


def test_the_therapist_and_the_next_appointment_print_on_the_first_page(workdir: Path) -> None:
    _routine(workdir)
    built = _build(workdir, "--only", "handout", "--therapist", "Ana Ruiz", "--next-appointment", "2026-12-10 14:30")
    with pdfplumber.open(built["knee-self-massage-handout.pdf"]) as pdf:
        first = flat(pdf.pages[0].extract_text())
    assert "Your therapist: Ana Ruiz" in first
    assert "Next appointment: Thursday, 10 December 2026 at 14:30" in first


def test_a_us_clinic_gives_the_appointment_time_as_its_sheets_print_it(workdir: Path) -> None:
    """A US sheet prints "at 2:30 PM", but the time had to be typed as 14:30: "2:30 PM" was refused, and
    "2:30" printed "at 2:30 AM". The 12-hour clock is read as well."""
    _routine(workdir, language="en-US")
    _brand(workdir, country="US", contact={"phone": "555 0100", "emergency": "911", "urgent": "555 0199"})
    for typed in ("12/10/2026 2:30 PM", "12/10/2026 2:30pm", "12/10/2026 2:30 p.m."):
        built = _build(workdir, "--only", "handout", "--next-appointment", typed)
        with pdfplumber.open(built["knee-self-massage-handout.pdf"]) as pdf:
            first = flat(pdf.pages[0].extract_text())
        assert "Next appointment: Thursday, December 10, 2026 at 2:30 PM" in first, typed


def test_a_time_that_could_be_morning_or_afternoon_on_a_us_sheet_is_asked_about(workdir: Path) -> None:
    """Typing "2:30" for a US clinic printed "at 2:30 AM" on the sheet: an appointment in the night, where the
    therapist meant the afternoon. Where the sheet prints the 12-hour clock, 1:00 to 6:59 without AM or PM is
    refused with the ways to write it; 7:00 to 11:59 is the morning, as a spreadsheet's 24-hour clock writes it
    ("12/10/2026 9:15"), and the 24-hour clock (14:30, 09:15) is read as it was."""
    _routine(workdir, language="en-US")
    _brand(workdir, country="US", contact={"phone": "555 0100", "emergency": "911", "urgent": "555 0199"})
    content = str(workdir / "content.yaml")
    out = str(workdir / "o")
    code, output = run("build", content, "--only", "handout", "--out", out, "--next-appointment", "12/10/2026 2:30")
    assert code == 2 and not (workdir / "o").exists()  # a usage error, as every option's
    assert output.strip().splitlines()[-1] == (
        "error: Invalid value for '--next-appointment': '2:30' would print as 2:30 AM, in the night, on a sheet that "
        "prints the 12-hour clock: write 2:30 PM, 14:30 or, if it is meant, 2:30 AM"
    )
    times = {"14:30": "2:30 PM", "09:15": "9:15 AM", "9:15": "9:15 AM", "12:30": "12:30 PM", "7:00": "7:00 AM"}
    for typed, printed in ((f"12/10/2026 {time}", shown) for time, shown in times.items()):
        built = _build(workdir, "--only", "handout", "--next-appointment", typed)
        with pdfplumber.open(built["knee-self-massage-handout.pdf"]) as pdf:
            first = flat(pdf.pages[0].extract_text())
        assert f"Next appointment: Thursday, December 10, 2026 at {printed}" in first, typed


def _poster_strip(path: Path, first_words: str) -> tuple[str, list[dict[str, Any]]]:
    """The text of the poster from the line that opens with `first_words` down, and that line's characters."""
    text, chars = _chars(path)
    return text[text.index(first_words) :], _line_with(chars, first_words)


def test_the_poster_says_when_to_get_help_and_how_much_discomfort_is_fine(workdir: Path) -> None:
    _routine(workdir)
    built = _build(workdir, "--only", "poster", "--therapist", "Ana Ruiz", "--next-appointment", "2026-12-10 14:30")
    text, line = _poster_strip(built["knee-self-massage-poster.pdf"], "When to get help")
    # Each action with its signs' short forms (a sign without one is said in full), then the scale in words.
    assert "Call 999 now: You have chest pain or you are short of breath." in text
    assert "See your GP today, or call 111: Calf swollen" in text
    assert "Stop and call us on 01632 960 123: Your knee hurts more than usual the next morning." in text
    assert "How much discomfort is fine: During: up to 3 out of 10 · Afterwards: up to 2 out of 10" in text
    assert min(c["size"] for c in line) >= 12  # the poster's small print, never smaller
    # In drawing order (the parts of the strip under the steps stand side by side); names and dates kept whole.
    poster = flat(pypdf.PdfReader(built["knee-self-massage-poster.pdf"]).pages[0].extract_text()).replace("\u00a0", " ")
    assert "Your therapist: Ana Ruiz Next appointment: Thursday, 10 December 2026 at 14:30" in poster


@pytest.mark.slow
def test_large_print_keeps_what_to_do_when_the_signs_do_not_fit(workdir: Path) -> None:
    """The knee's own large-print poster gives up the signs (its handout lists them), never what to do. The
    sentence saying where the signs are comes first, set apart as the actions are: after them ("When to get help:
    Call 999 now · … · The signs to look for are in your handout") the strip read as saying to call 999; and
    what follows the clinic's number is set apart from it ("call us on 01632 960 123 The signs...", and then "…
    960 123 How much discomfort is fine", read as one run-on sentence)."""
    code, output = run("build", str(SHIPPED), "--brand", str(BRAND), "--out", str(workdir / "out"))
    assert code == 0, output
    text, line = _poster_strip(workdir / "out" / "knee-self-massage-poster-large-print.pdf", "When to get help")
    assert text.startswith(
        "When to get help: The signs to look for are in your handout. · Call 999 now · See your GP today, or call 111 "
        "· Stop and call us on 01632 960 123 · How much discomfort is fine:"
    )  # the scale's words after the number to call set apart from it, as the actions are
    assert min(c["size"] for c in line) >= 18
    assert "the warning signs (what to do stays; the handout lists the signs)" in output
    standard, _ = _chars(workdir / "out" / "knee-self-massage-poster.pdf")
    assert "Call 999 now: Chest pain or short of breath" in standard  # the standard poster keeps every sign


def test_the_tracker_starts_on_the_start_dates_weekday(workdir: Path) -> None:
    _routine(workdir)
    built = _build(workdir, "--only", "poster", "--date", "2026-12-04")  # a Friday
    text, _ = _chars(built["knee-self-massage-poster.pdf"])
    assert "Fri Sat Sun Mon Tue Wed Thu" in text and "Mon Tue Wed" not in text.replace("Sun Mon Tue Wed", "")
    assert "4 Dec" in text and "11 Dec" in text  # each row's first day, under Fri
    undated = _build(workdir, "--only", "poster")
    assert "Mon Tue Wed Thu Fri Sat Sun" in _chars(undated["knee-self-massage-poster.pdf"])[0]


@pytest.mark.slow
def test_a_steps_video_prints_its_short_link_and_a_qr_code(workdir: Path) -> None:
    data = knee()
    data["routine"]["steps"][1]["video"] = "https://www.example.com/videos/knee-step-2"
    path = workdir / "content.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    built = _build(workdir, "--only", "handout", "--only", "handout-large-print")
    for name in ("knee-self-massage-handout.pdf", "knee-self-massage-handout-large-print.pdf"):
        text, _ = _chars(built[name])
        assert "Watch the video: www.example.com/videos/knee-step-2" in text, name
        with pdfplumber.open(built[name]) as pdf:
            page = next(p for p in pdf.pages if "Watch the video" in (p.extract_text() or ""))
            links = [a["uri"] for a in page.hyperlinks]
            squares = [r for r in page.rects if r["non_stroking_color"] in ((0,), (0, 0, 0), [0], [0, 0, 0], 0)]
        assert "https://www.example.com/videos/knee-step-2" in links, name
        assert len(squares) > 100, name  # the QR code's dark modules, drawn beside the link


def test_the_routines_video_is_a_link_in_the_handouts_and_the_web_copy(workdir: Path) -> None:
    """The routine's own video (top-level `video:`) prints its address and links to it in both handouts and the
    web copy. Its layout writes it as an address in angle brackets, which Markdown reads as a link: reading only
    the README's Markdown, that link was lost once and the brackets printed."""
    data = knee()
    url = "https://www.youtube.com/watch?v=abc123"
    data["video"] = {"url": url, "caption": "Watch the whole routine"}
    (workdir / "content.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    built = _build(workdir, "--only", "handout", "--only", "handout-large-print", "--only", "handout-html")
    for name in ("knee-self-massage-handout.pdf", "knee-self-massage-handout-large-print.pdf"):
        text, _ = _chars(built[name])
        assert "Watch the whole routine: https://www.youtube.com/watch?v=abc123" in text and "<https" not in text, name
        with pdfplumber.open(built[name]) as pdf:
            assert url in [link["uri"] for page in pdf.pages for link in page.hyperlinks], name
    page = built["knee-self-massage-handout.html"].read_text(encoding="utf-8")
    assert f'href="{url.replace("&", "&amp;")}"' in page and "&lt;https" not in page


def test_a_video_address_outside_ascii_prints_as_typed_and_links_as_an_ascii_uri(workdir: Path) -> None:
    """A PDF's link annotation holds ASCII only (reportlab refused the euro sign with a traceback): the link goes
    to the address percent-encoded as UTF-8, its host in IDNA; the sheet prints it as the author typed it."""
    data = knee()
    data["routine"]["steps"][1]["video"] = "https://bücher.example/vidéos/€"
    (workdir / "content.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    handout = _build(workdir, "--only", "handout")["knee-self-massage-handout.pdf"]
    text, _ = _chars(handout)
    assert "Watch the video: bücher.example/vidéos/€" in text
    with pikepdf.open(handout) as pdf:  # pdfplumber cannot decode a /Contents in PDFDocEncoding (its "€" is 0xA0)
        links = {str(a.A.URI): str(a.Contents) for page in pdf.pages for a in page.get("/Annots", []) if "/A" in a}
    assert links["https://xn--bcher-kva.example/vid%C3%A9os/%E2%82%AC"].startswith("bücher.example/vidéos/€")


def test_a_link_in_the_text_and_the_routines_video_print_their_address_as_typed(workdir: Path) -> None:
    """A Markdown link prints its address after its words, and the routine's video line prints its address, as
    the author typed them; only the link's target is escaped (a PDF's as ASCII). Made a URI while the text was
    read, a link printed "(xn--bcher-kva.example/vid%C3%A9o)" and "(e.org/a%22b)", and the video line printed
    its address twice, as typed and escaped."""
    data = knee()
    data["video"] = {"url": "https://bücher.example/vidéo]", "caption": "Watch the whole routine"}
    data["routine"]["intro"] = 'See [the page](https://e.org/a"b?x=%20) and [the other](https://bücher.example/é).'
    (workdir / "content.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    built = _build(workdir, "--only", "handout", "--only", "handout-large-print", "--only", "handout-html")
    for name in ("knee-self-massage-handout.pdf", "knee-self-massage-handout-large-print.pdf"):
        text, _ = _chars(built[name])
        assert 'See the page (e.org/a"b?x=%20) and the other (bücher.example/é).' in text, name
        assert "Watch the whole routine: https://bücher.example/vidéo]" in text and "xn--" not in text, name
        with pikepdf.open(built[name]) as pdf:
            links = {str(a.A.URI) for page in pdf.pages for a in page.get("/Annots", []) if "/A" in a}
        targets = {
            "https://e.org/a%22b?x=%20",
            "https://xn--bcher-kva.example/%C3%A9",
            "https://xn--bcher-kva.example/vid%C3%A9o]",
        }
        assert targets <= links, (name, links)
    page = built["knee-self-massage-handout.html"].read_text(encoding="utf-8")
    # each marked as showing its address (printed from a browser, a link gives its address unless so marked)
    assert '<a href="https://e.org/a%22b?x=%20" class="address">the page</a>' in page
    assert '<a href="https://bücher.example/é" class="address">the other</a>' in page
    # the address as typed, a phone's line free to break after each / and . (<wbr>), as print breaks it
    assert 'href="https://bücher.example/vidéo]" class="address">https://<wbr>bücher.<wbr>example/<wbr>vidéo]</a>' in page


def test_a_video_address_too_long_for_a_qr_code_is_an_error_on_every_paper(workdir: Path) -> None:
    """The poster may leave its QR code out to fit the steps; an address no QR code can hold is still an error,
    in one line, whether or not the layout keeps the code, and `check` says what `build` says."""
    data = knee()
    data["video"] = {"url": "https://www.example.com/" + "é" * 1500, "caption": "Watch the routine"}
    (workdir / "content.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for paper in ("A4", "A3"):
        for command in (("check",), ("build", "--out", str(workdir / "out"), "--only", "poster")):
            code, output = run(*command, str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--paper", paper)
            assert code == 1, (command, paper, output)
            errors = [line for line in output.splitlines() if line.startswith("error:")]
            assert errors and all("the QR code cannot hold 'https://www.example.com/éé" in line for line in errors), output
            assert "Traceback" not in output and "handle_pageBegin" not in output
    assert not (workdir / "out" / "knee-self-massage-poster.pdf").exists()


@pytest.mark.slow
def test_brand_texts_print_in_the_routines_language(workdir: Path) -> None:
    _routine(workdir, language="es")
    _brand(workdir, footer={"en": "General advice only.", "es": "Solo consejos generales."}, tagline="Hands-on care")
    out = workdir / "out"
    code, output = run(
        "build", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--out", str(out), "--only", "handout"
    )
    assert code == 0, output
    text, _ = _chars(out / "knee-self-massage-handout.pdf")
    assert "Solo consejos generales." in text and "General advice only." not in text
    assert re.search(r"brand\.yaml:\d+: tagline: has no version in 'es'", output), output  # said, not silently English
    assert "[untranslated]" in output
    # The tagline is one text, which may be in Spanish already: the way to say so is named too
    assert "tagline: has no version in 'es', the routine's language: give it as {en-GB: …, es: …}; or, if brand.yaml's " in output
    assert "texts are in es, say so there: language: es [untranslated]" in output


@pytest.mark.slow
def test_an_address_typed_on_lines_prints_its_lines_apart(workdir: Path) -> None:
    """An address typed as on an envelope (`address: |`, a line each) printed run together on one line in every
    output, '12 Birchwood Lane Exampleton EX1 2AB': its lines are joined as an address on one line is written."""
    _brand(workdir, contact={"phone": "01632 960 123", "address": "12 Birchwood Lane,\nExampleton\n\nEX1 2AB\n"})
    files = _build(workdir, "--only", "handout", "--only", "handout-large-print", "--only", "handout-html")
    said = "12 Birchwood Lane, Exampleton, EX1 2AB"
    for name in ("knee-self-massage-handout.pdf", "knee-self-massage-handout-large-print.pdf"):
        text, _ = _chars(files[name])
        assert said in text and "Lane Exampleton" not in text, name
    assert said in files["knee-self-massage-handout.html"].read_text(encoding="utf-8")


def test_a_clinic_outside_the_uk_must_give_its_emergency_number(workdir: Path) -> None:
    _routine(workdir)
    _brand(workdir, country="DE")
    for command in (("check",), ("build", "--out", str(workdir / "out"))):
        code, output = run(*command, str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"))
        assert code == 1
        assert re.search(r"brand\.yaml:\d+: contact\.emergency: the routine's 'help' says to call the emergency number", output)
    _brand(workdir, country="DE", contact={"phone": "030 1234", "emergency": "112", "urgent": "116 117"})
    text, _ = _chars(_build(workdir, "--only", "handout")["knee-self-massage-handout.pdf"])
    assert "Call 112 now" in text and "See your doctor today, or call 116 117" in text  # "GP" is British


def test_check_and_build_say_when_a_number_to_call_is_written_in_words(workdir: Path) -> None:
    """`urgent: votre médecin traitant` printed "appelez le votre médecin traitant" (and, in English, "See your
    doctor today, or call your GP"), and nothing said so: every language's help box names that key where a
    number goes. Check and build warn at its line, quoting what prints; a number, in digits, says nothing."""
    _routine(workdir, language="fr")
    contact = {"phone": "01 23 45 67 89", "emergency": "15", "urgent": "votre médecin traitant"}
    brand = _brand(workdir, country="FR", contact=contact)
    line = brand.read_text(encoding="utf-8").splitlines().index("  urgent: votre médecin traitant") + 1
    args = [str(workdir / "content.yaml"), "--brand", str(brand), "--only", "handout"]
    code, output = run("check", *args)
    said = (
        f"warning: {brand}:{line}: contact.urgent: 'votre médecin traitant' is words, not a number, and the help box "
        "prints 'Consultez votre médecin traitant aujourd\u2019hui ou appelez le votre médecin traitant': give the "
        "number for urgent, same-day advice, in digits [number-in-words]"
    )
    assert code == 0 and said in output.splitlines(), output
    built = CliRunner().invoke(main, ["build", *args, "--out", str(workdir / "out")])
    assert built.exit_code == 0 and said in built.stderr.splitlines(), built.output
    _brand(workdir, country="FR", contact={**contact, "urgent": "116 117"})
    assert "[number-in-words]" not in run("check", *args)[1]


@pytest.mark.parametrize(
    ("country", "said"), [("US", "Stop and call us at"), ("CA", "Stop and call us at"), ("AU", "Stop and call us on")]
)
def test_north_american_english_calls_the_clinic_at_its_number(workdir: Path, country: str, said: str) -> None:
    """A US clinic's help box said "Stop and call us on (555) 010-2030", British English; Americans and
    Canadians call a number "at" it."""
    _routine(workdir, language="en-US" if country == "US" else f"en-{country}")
    emergency = "000" if country == "AU" else "911"
    _brand(workdir, country=country, contact={"phone": "555 0100", "emergency": emergency, "urgent": "555 0199"})
    built = _build(workdir, "--only", "handout", "--only", "poster")
    for name in ("knee-self-massage-handout.pdf", "knee-self-massage-poster.pdf"):
        text, _ = _chars(built[name])
        assert f"{said} 555 0100" in text and "call us o" not in text.replace(said, ""), (name, text)


def _brand_without_country(workdir: Path, **changes: Any) -> Path:
    """The example brand with `changes`, naming no country (GB, with 999 and 111, is the default)."""
    path = _brand(workdir, **changes)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.pop("country")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("routine", "brand", "reason", "suggested"),
    [
        ({"language": "en-US"}, {}, "the routine's language is en-US", "country: US"),
        ({"language": "es-419"}, {}, "the routine's language is es-419", "country: its code"),  # Latin America
        ({"language": "de"}, {}, "the routine's language is de", "country: DE, say"),
        ({}, {"language": "fr-CA"}, "the brand's language is fr-CA", "country: CA"),
        ({}, {"paper": "letter"}, "the paper is letter", "country: US, say"),
    ],
)
def test_a_clinic_that_names_no_country_and_may_not_be_in_the_uk_gets_no_999(
    workdir: Path, routine: dict[str, str], brand: dict[str, str], reason: str, suggested: str
) -> None:
    """GB is the default country, and with it 999 and 111: a brand.yaml without `country` whose routine was in
    American English (or Latin American Spanish, or German, or whose paper was letter) printed "Call 999 now"
    on a sheet for a patient who may be anywhere. Build and check stop at the brand's country, in one line,
    naming what gave the clinic away and the numbers the sheet needs."""
    _routine(workdir, **routine)
    _brand_without_country(workdir, **brand)
    out = workdir / "out"
    for command in (("check",), ("build", "--out", str(out))):
        code, output = run(*command, str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"))
        assert code == 1, output
        errors = [line for line in output.splitlines() if line.startswith("error")]
        assert len(errors) == 1, output
        assert re.fullmatch(
            rf"error: \S*brand\.yaml:1: country: not given, so the sheet would say to call 999 and 111, the UK's "
            rf"numbers, but {re.escape(reason)}: add the clinic's country \({re.escape(suggested)}\) and its numbers "
            r"\(contact: emergency: …, urgent: …\); country: GB keeps 999 and 111",
            errors[0],
        ), errors[0]
        assert "Traceback" not in output and not out.exists()


def test_letter_paper_asked_for_is_as_telling_as_the_brands(workdir: Path) -> None:
    """Letter paper in brand.yaml stopped a brand without `country` from printing 999; the same paper asked for
    with --paper (or a batch's paper column) printed "Call 999 now" on a sheet for, most likely, the Americas."""
    _routine(workdir)
    _brand_without_country(workdir)
    out = workdir / "out"
    for command in (("check",), ("build", "--out", str(out))):
        code, output = run(*command, str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--paper", "letter")
        errors = [line for line in output.splitlines() if line.startswith("error")]
        assert code == 1 and len(errors) == 1, output
        assert re.fullmatch(
            r"error: \S*brand\.yaml:1: country: not given, so the sheet would say to call 999 and 111, the UK's numbers, "
            r"but the paper asked for is letter: add the clinic's country \(country: US, say\) .*",
            errors[0],
        ), output
        assert not out.exists()
    _brand(workdir, country="GB")  # said so: a UK clinic printing on letter paper keeps 999 and 111
    text, _ = _chars(_build(workdir, "--only", "handout", "--paper", "letter")["knee-self-massage-handout.pdf"])
    assert re.search(r"\b999\b", text) and re.search(r"\b111\b", text)


@pytest.mark.parametrize(
    ("routine", "brand", "country"),
    [
        ({"language": "en-US"}, {"contact": {"phone": "555 0100", "emergency": "911", "urgent": "555 0199"}}, "US"),
        ({"language": "en-US"}, {"paper": "letter"}, "GB"),  # said so: a UK clinic writing American English
        ({"language": "pl"}, {}, "GB"),  # a UK clinic's sheet for a Polish-speaking patient
        ({"language": "cy"}, {}, None),  # Welsh, English, Europe's English: nothing says "not the UK"
        ({"language": "en"}, {}, None),
        ({"language": "en-150"}, {}, None),
    ],
)
def test_a_clinic_in_the_uk_keeps_999_and_one_elsewhere_prints_its_own(
    workdir: Path, routine: dict[str, str], brand: dict[str, Any], country: str | None
) -> None:
    _routine(workdir, **routine)
    if country is None:
        _brand_without_country(workdir, **brand)
    else:
        _brand(workdir, country=country, **brand)
    text, _ = _chars(_build(workdir, "--only", "handout")["knee-self-massage-handout.pdf"])
    if country == "US":
        assert "Call 911 now" in text and "999" not in text
    else:
        assert re.search(r"\b999\b", text) and re.search(r"\b111\b", text)  # in the routine's language


def test_a_clinics_own_english_help_label_wins_in_any_case_of_its_tag(workdir: Path) -> None:
    """Outside the GP countries the help box says "doctor" unless the clinic words the label itself. A label
    tag is matched in any case, but the clinic's labels were looked up under "en" only: under "EN" its own
    wording lost to "See your doctor today"."""
    _routine(workdir, language="en-US")
    own = "Call your family physician today, or %(urgent)s"
    for tag in ("EN", "en", "En-us"):
        _brand(
            workdir,
            country="US",
            contact={"phone": "555 0100", "emergency": "911", "urgent": "555 0199"},
            labels={tag: {"help_gp_today": own}},
        )
        text, _ = _chars(_build(workdir, "--only", "handout")["knee-self-massage-handout.pdf"])
        assert "Call your family physician today, or 555 0199" in text and "See your doctor" not in text, tag


def test_check_says_what_governance_asks_for(workdir: Path) -> None:
    data = knee()
    data.pop("help", None)  # a routine without warning signs
    data["references"][1]["accessed"] = "2022-05-09"  # over three years before published (2026-11-28)
    data["summary"] = "Two sentences. Replace this text with your own."
    (workdir / "content.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(BRAND))
    assert code == 0, output  # warnings
    for code_name in ("no-help", "not-reviewed", "stale-source", "placeholder"):
        assert f"[{code_name}]" in output, code_name
    assert re.search(r"content\.yaml:\d+: references\[2\]\.accessed: read in 2022, more than 3 years", output)
    # what to do: read it again and say so (it said "read it again", and the warning stayed after it was)
    assert "published: read it again, and set accessed to the day you did [stale-source]" in output, output
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(BRAND), "--strict")
    assert code == 1
    code, output = run(
        "check", str(workdir / "content.yaml"), "--brand", str(BRAND), "--suppress", "no-help", "--suppress", "not-reviewed"
    )
    assert "[no-help]" not in output and "[not-reviewed]" not in output


def test_check_says_a_published_source_with_no_year(workdir: Path) -> None:
    """A journal article, book or report typed without its `issued` year built without a word, its citation
    and entry printing "no date" ("Perlman et al., no date"), on a sheet whose sources a patient is to trust;
    a web page, which often gives no date, is not said."""
    data = knee()
    article = data["references"][0]
    article.pop("issued")
    data["references"][1].pop("issued")  # the NHS page: no date is how such a page is cited
    path = workdir / "content.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, output = run("check", str(path), "--brand", str(BRAND))
    assert code == 0, output  # a warning
    line = path.read_text(encoding="utf-8").splitlines().index(f"- id: {article['id']}") + 1
    assert (
        f"warning: {path}:{line}: references[1].issued: '{article['id']}' (an article-journal) gives no year, so it "
        "prints 'no date' where its year goes: add issued: with the year it was published [undated-source]"
    ) in output.splitlines(), output
    assert output.count("[undated-source]") == 1, output
    code, output = run("check", str(path), "--brand", str(BRAND), "--suppress", "undated-source")
    assert "[undated-source]" not in output


def test_check_says_bold_never_closed(make_content: Callable[..., Path]) -> None:
    """`finish: "**Well done. Take a break."`, its closing stars forgotten, printed the two stars on every sheet
    and nothing was said; stars that close, escaped ones and a sum's (`5 ** 2`) are not warned of."""
    path = make_content(finish="**Well done. Take a break.", summary="Gently **does it** every day, \\*\\*not\\*\\* 5 ** 2.")
    code, output = run("check", str(path), "--brand", str(BRAND))
    assert code == 0, output  # a warning
    line = path.read_text(encoding="utf-8").splitlines().index("finish: '**Well done. Take a break.'") + 1
    assert (
        f"warning: {path}:{line}: finish: '**' opens bold text that is never closed, so the sheets print the stars: "
        "end the bold words with '**' too ('**Stop if it hurts.** Rest.') [unclosed-bold]"
    ) in output.splitlines(), output
    assert output.count("[unclosed-bold]") == 1, output


@pytest.mark.parametrize(
    ("tag", "said"),
    [
        ("uk", "'uk' is Ukrainian, not the country United Kingdom: write 'en-GB' for its language"),
        ("ie", "'ie' is Interlingue, not the country Ireland: write 'en-IE' for its language"),
    ],
)
def test_a_language_tag_that_is_a_countrys_too_says_the_one_meant(make_content: Callable[..., Path], tag: str, said: str) -> None:
    """`language: uk` for British English is Ukrainian to every reader (the PDFs' /Lang, a screen reader's voice,
    the hyphenation), and `ie` for Ireland Interlingue: the warning said only that no catalog covers them."""
    path = make_content(language=tag)
    code, output = run("check", str(path), "--brand", str(BRAND))
    assert code == 0, output  # warnings
    line = path.read_text(encoding="utf-8").splitlines().index(f"language: {tag}") + 1
    expected = f"warning: {path}:{line}: language: {said}; no catalog of labels for '{tag}' (shipped: "
    assert any(found.startswith(expected) for found in output.splitlines()), output


def test_check_says_when_a_sheet_leaves_out_the_discomfort_the_frequency_or_its_date(workdir: Path) -> None:
    """A sheet handed out says how much discomfort is fine, how often to do the routine and when it was
    written (PIF TICK, NICE NG226). The shipped knee routine says all three; without them check said
    nothing, so a clinic's own routine went out without them."""
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    for key in ("discomfort", "published", "review_due"):
        data.pop(key)
    data["routine"].pop("frequency")
    path = workdir / "content.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, output = run("check", str(path), "--brand", str(BRAND))
    assert code == 0, output  # warnings
    lines = path.read_text(encoding="utf-8").splitlines()
    first, routine = 1, lines.index("routine:") + 1
    expected = [
        f"warning: {path}:{first}: discomfort: the sheet does not say how much discomfort is fine: "
        "add 'discomfort' (see the README's field reference) [no-discomfort]",
        f"warning: {path}:{routine}: routine.frequency: the sheet does not say how often to do the routine: "
        "add 'frequency' (times_a_day, days_a_week, or words) [no-frequency]",
        f"warning: {path}:{first}: published: the leaflet is not dated: add 'published' (and 'review_due') so that "
        "a patient can tell it is current [not-dated]",
    ]
    for line in expected:
        assert line in output.splitlines(), output
    suppressed = ("--suppress", "no-discomfort", "--suppress", "no-frequency", "--suppress", "not-dated")
    code, output = run("check", str(path), "--brand", str(BRAND), *suppressed)
    assert not re.search(r"\[(no-discomfort|no-frequency|not-dated)\]", output)


@pytest.mark.parametrize(
    ("accessed", "published", "stale"),
    [
        ({"date-parts": [[2019, 21]]}, "2026-11-28", "2019"),  # a season (spring): 'month must be in 1..12'
        ({"date-parts": [[2026, 24]]}, "2026-11-28", None),
        ({"date-parts": [[-500]]}, "2026-11-28", "-500"),  # a year BC: 'year -500 is out of range'
        ({"date-parts": [[9999]]}, "2026-11-28", None),  # the last year of four digits
        ("2025-03-01", "2028-02-29", None),  # three years before 29 February: 'day is out of range for month'
        ("2025-02-28", "2028-02-29", "2025"),
    ],
)
def test_check_reads_any_date_a_reference_may_have_been_read_on(
    workdir: Path, accessed: object, published: str, stale: str | None
) -> None:
    """check compared a reference's `accessed` with `published` as Python dates, and stopped with a traceback
    on the CSL dates build takes: a season, a year BC or past 9999, or a leaflet published on 29 February."""
    data = knee()
    data["references"][1]["accessed"] = accessed
    data["published"], data["review_due"] = published, "2030-01-01"
    (workdir / "content.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(BRAND), "--only", "handout")
    assert code == 0 and "Traceback" not in output, output
    said = re.findall(r"references\[2\]\.accessed: read in (\S+), more than 3 years", output)
    assert said == ([stale] if stale else []), output


def test_new_fields_are_checked_at_the_edge(workdir: Path) -> None:
    _routine(workdir, help=[{"sign": "x", "action": "phone-a-friend"}], discomfort={"during": 11})
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(BRAND))
    assert code == 1
    assert re.search(r"content\.yaml:\d+: help\[1\]\.action: expected one of 'call-clinic', 'gp-today' or 'emergency'", output)
    assert re.search(r"content\.yaml:\d+: discomfort\.during: expected a whole number from 0 \(no pain\) to 10", output)


def test_check_says_when_the_help_box_says_to_call_the_clinic_and_brand_gives_no_number(workdir: Path) -> None:
    """The shipped routine's help box says "Stop and call us on 01632 960 123"; a brand without a phone number
    printed "Stop and call the clinic", with no number a patient could call, and check said nothing."""
    brand = workdir / "brand.yaml"
    brand.write_text(re.sub(r"(?m)^  phone: .*\n", "", brand.read_text(encoding="utf-8")), encoding="utf-8")
    shutil.copy(SHIPPED, workdir / "content.yaml")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(brand))
    assert code == 0, output
    contact = brand.read_text(encoding="utf-8").splitlines().index("contact:") + 1
    said = "the routine's 'help' says to stop and call the clinic, and the sheet has no number to print: add one"
    assert f"warning: {brand}:{contact}: contact.phone: {said} [no-phone]" in output.splitlines(), output
    assert "[no-phone]" not in run("check", str(workdir / "content.yaml"), "--brand", str(BRAND))[1]


def test_build_says_what_check_says_when_the_help_box_has_no_clinic_number_to_print(workdir: Path) -> None:
    """Only check warned of a help box saying to call the clinic from a brand without a phone number; build
    printed "Stop and call the clinic", no number, and said nothing. Now build says check's line, on stderr,
    and still builds."""
    brand = workdir / "brand.yaml"
    brand.write_text(re.sub(r"(?m)^  phone: .*\n", "", brand.read_text(encoding="utf-8")), encoding="utf-8")
    shutil.copy(SHIPPED, workdir / "content.yaml")
    args = [str(workdir / "content.yaml"), "--brand", str(brand), "--only", "handout"]
    checked = [line for line in run("check", *args)[1].splitlines() if line.endswith("[no-phone]")]
    built = CliRunner().invoke(main, ["build", *args, "--out", str(workdir / "out")])
    assert built.exit_code == 0, built.output
    assert len(checked) == 1 and [line for line in built.stderr.splitlines() if "[no-phone]" in line] == checked, built.output
    assert "Stop and call the clinic" in flat(pdf_text(workdir / "out" / "knee-self-massage-handout.pdf"))


def test_check_says_when_a_markdown_link_is_not_a_link_and_prints_as_typed(make_content, workdir: Path) -> None:
    """`[NHS](www.nhs.uk)` is not a link (its address names no scheme), so the sheet prints the brackets and
    the address as typed; check said nothing about it."""
    path = make_content(
        finish="Read more at [NHS](www.nhs.uk/conditions/) or ask [us](hello@example.com), not [x](javascript:alert(1))."
    )
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    assert code == 0, output
    line = line_of(path, "finish")
    said = "prints as typed, brackets and all: write the address as"
    assert (
        f"warning: {path}:{line}: finish: '[NHS](www.nhs.uk/conditions/)' {said} https://www.nhs.uk/conditions/ [not-a-link]"
        in output
    )
    assert f"warning: {path}:{line}: finish: '[us](hello@example.com)' {said} mailto:hello@example.com [not-a-link]" in output
    # an address with brackets in it was not read as one: nothing was said of it
    starts = "a link's address starts with https://, http://, mailto: or tel: [not-a-link]"
    assert f"warning: {path}:{line}: finish: '[x](javascript:alert(1))' prints as typed, brackets and all: {starts}" in output
    (handout,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",)))
    assert "[NHS](www.nhs.uk/conditions/)" in flat(pdf_text(handout))  # what the warning says
    fixed = make_content(finish="Read more at [NHS](https://www.nhs.uk/conditions/) or [Knee](https://e.org/Knee_(joint)).")
    assert "[not-a-link]" not in run("check", str(fixed), "--brand", str(workdir / "brand.yaml"))[1]


def test_check_says_when_a_markdown_links_address_holds_a_space(make_content, workdir: Path) -> None:
    """`[the page](https://e.org/knee pain)` is no link (an address ends at a space): the sheet printed it as typed,
    brackets and all, and check said nothing. A title after the address, or an address in angle brackets, is a
    link, of which nothing is said."""
    path = make_content(
        finish='See [the page](https://e.org/knee pain), [NHS](https://e.org "NHS") or [us](<https://e.org/a b>).'
    )
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    assert code == 0, output
    line = line_of(path, "finish")
    said = "prints as typed, brackets and all: a link's address holds no spaces: write each as %20 [not-a-link]"
    assert [ln for ln in output.splitlines() if "[not-a-link]" in ln] == [
        f"warning: {path}:{line}: finish: '[the page](https://e.org/knee pain)' {said}"
    ], output
    (handout,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",)))
    text = flat(pdf_text(handout))
    assert "See [the page](https://e.org/knee pain), NHS (e.org) or us (e.org/a b)." in text  # as the warning says
    with pdfplumber.open(handout) as pdf:
        assert "https://e.org/a%20b" in [link["uri"] for page in pdf.pages for link in page.hyperlinks]


def test_check_says_when_a_markdown_links_address_is_too_long_to_be_one(make_content, workdir: Path) -> None:
    """An address longer than a link may be prints as typed, brackets and all; check told the author to start it
    with https://, as it did."""
    address = "https://e.org/" + "a" * 4000
    path = make_content(finish=f"See [the page]({address}).")
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    assert code == 0, output
    (said,) = [ln for ln in output.splitlines() if "[not-a-link]" in ln]
    assert said.endswith(
        "prints as typed, brackets and all: a link's address of 4,014 characters is too long (at most 4,000) [not-a-link]"
    )


def test_check_says_when_an_address_ends_with_the_sentences_punctuation(make_content, workdir: Path) -> None:
    """An address copied from a sentence, "(see https://youtu.be/abc123).", keeps its ")." in the field: the
    sheets printed it, linked it and put it in the QR code with them, a video no one could open, and check said
    nothing. A closing bracket the address opens (`Knee_(joint)`) is its own."""
    routine = knee()["routine"]
    routine["steps"][0]["video"] = "https://youtu.be/abc123)."
    references = knee()["references"]
    references[0]["URL"] = "https://e.org/Knee_(joint)"
    path = make_content(
        routine=routine, video={"url": "https://www.youtube.com/watch?v=xyz.", "caption": "Watch"}, references=references
    )
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace("website: www.example.com", "website: www.example.com."))
    code, output = run("check", str(path), "--brand", str(brand))
    assert code == 0, output
    said = [line for line in output.splitlines() if "which no address ends with" in line]
    assert [line.split(": ", 3)[2] for line in said] == ["routine.steps[1].video", "video.url", "contact.website"], output
    assert all(line.endswith("[not-a-link]") for line in said), said
    assert "ends with ').'" in said[0] and "ends with '.'" in said[1], said


def test_check_says_when_a_text_holds_html_copied_from_a_web_page(make_content, workdir: Path) -> None:
    """Text pasted from a web page's source or an HTML e-mail ("Phase 1 &amp; 2", "muscle.<br>Most heal",
    "<b>555-201-4477</b>", "PT &nbsp; (usually") printed every tag and entity as typed, and check said nothing.
    Each text holding one is warned of, with what to write instead; a '<' or '&' of the text's own is not. A
    reference's field takes no Markdown (its stars print): its tag is to be left out, not made Markdown."""
    references = knee()["references"]
    references[0]["title"] = "Massage of the <i>vastus</i> muscles"
    path = make_content(
        subtitle="AT&T1; Phase 1 &amp; 2",  # an entity-like word before a real entity: the entity is said
        summary="A calf strain is a tear.<br>Most heal in 2 weeks. Text <b>555-201-4477</b>.",
        finish="Rest if pain is < 3 & relax. It&#8217;s fine.",
        references=references,
    )
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    assert code == 0, output
    said = [line for line in output.splitlines() if line.endswith("[html]")]
    assert [line.split(": ", 3)[2] for line in said] == ["subtitle", "summary", "finish", "references[1].title"], output
    assert "'&amp;' is HTML" in said[0] and "write & instead" in said[0], said
    assert "'<br>' is HTML" in said[1] and "'<b>'" not in said[1], said  # the first in the text is named
    assert "'&#8217;' is HTML" in said[2] and "write \u2019 instead" in said[2], said
    assert "'<i>' is HTML" in said[3] and said[3].endswith("prints as typed: leave it out [html]"), said
    (handout,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",)))
    assert "Phase 1 &amp; 2" in flat(pdf_text(handout))  # printed as typed all the same


def test_check_says_when_a_text_holds_a_script_or_a_picture_tag(make_content, workdir: Path) -> None:
    """A web page's source pasted whole brings `<script>` and `<img src=…>` with it: both printed as typed, as all
    HTML does, and check said nothing of them."""
    steps = knee()["routine"]["steps"]
    steps[0]["text"] = "Stroke gently. <script>track()</script>"
    steps[1]["text"] = 'Sit tall. <img src="sit.png" alt="Sitting"> Then relax.'
    steps[2]["text"] = "Repeat <td nowrap>10 times</td> each side."  # an attribute HTML has without a value
    path = make_content(routine={"steps": steps})
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    assert code == 0, output
    said = [line for line in output.splitlines() if line.endswith("[html]")]
    assert ["'<script>' is HTML" in said[0], '\'<img src="sit.png" alt="Sitting">\' is HTML' in said[1]] == [True, True], said
    assert "'<td nowrap>' is HTML" in said[2], said
    (handout,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",)))
    assert "<script>track()</script>" in flat(pdf_text(handout))  # printed as typed all the same


def test_check_says_nothing_of_a_comparison_that_reads_like_a_tag(make_content, workdir: Path) -> None:
    """A clinician writes a comparison against "a minute" with no space after '<' ("Rest <a minute between sets;
    if pain is >3/10, stop."): check read "<a minute between sets; if pain is >" as a link's HTML tag and said to
    write "[the link's words](its address)" instead. A tag's attributes are names, each with a value or none:
    words with a comma or a semicolon between them, or a number ("<b 2 min>"), are none. Nor are words alone in
    angle brackets ("<centre of the knee>", "<a few degrees>"): an attribute without a value is one of the few
    HTML has (`nowrap`)."""
    steps = knee()["routine"]["steps"]
    steps[0]["text"] = "Press the <center of the knee> gently, then bend it <a few degrees> more."
    path = make_content(
        summary="Rest <a minute between sets; if pain is >3/10, stop.",
        finish="Keep pain <a few points, never >5. Hold <b 2 min> if you can.",
        routine={"steps": steps},
    )
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    assert code == 0, output
    assert not [line for line in output.splitlines() if line.endswith("[html]")], output


def test_check_says_nothing_of_an_address_that_ends_with_an_emphasis_mark(make_content, workdir: Path) -> None:
    """A field holds one address, whole: a mark Markdown emphasis closes with (`_`, `*`, `~`) at its end is the
    address's own, not a sentence's. YouTube's share button adds `?si=` and 16 letters, digits, `-` or `_`, and
    one link in 64 ends with `_`: check told the clinic to leave it out ("which no address ends with")."""
    routine = knee()["routine"]
    routine["steps"][0]["video"] = "https://youtu.be/dQw4w9WgXcQ?si=Gx3kP9mQ2vR7tY1_"
    references = knee()["references"]
    references[0]["URL"] = "https://www.example.ac.uk/~smith/knee_guide_"
    video = {"url": "https://www.example.com/watch/knee*", "caption": "Watch"}
    path = make_content(routine=routine, video=video, references=references)
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    assert code == 0, output
    assert "which no address ends with" not in output, output


def test_check_says_when_a_references_url_is_no_web_address(make_content, workdir: Path) -> None:
    """A reference's URL typed without https:// (`www.nice.org.uk/…`), or one no link may go to (`javascript:…`),
    printed after "Available at:" in every output and was a link in none, and check said nothing."""
    path = make_content()
    text = path.read_text(encoding="utf-8")
    url = next(line for line in text.splitlines() if line.strip().startswith("URL: https://"))
    typed = url.replace("https://", "")
    path.write_text(text.replace(url, typed, 1), encoding="utf-8")
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    line = text.splitlines().index(url) + 1
    address = typed.split("URL: ")[1]
    said = f"'{address}' is no link in the web copy (a web address starts with https:// or http://): write https://{address}"
    assert code == 0 and f"warning: {path}:{line}: references[" in output and f"].URL: {said} [not-a-link]" in output, output
    path.write_text(text.replace(url, url.split("URL: ")[0] + "URL: javascript:alert(1)", 1), encoding="utf-8")
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    said = "'javascript:alert(1)' is no link in the web copy (a web address starts with https:// or http://) [not-a-link]"
    assert code == 0 and said in output, output


@pytest.mark.parametrize(
    ("prefix", "typed"),
    [("https://doi.org/", "its address"), ("doi:", "doi:"), ("doi.org/", "its address"), ("DOI ", "DOI")],
)
def test_check_says_when_a_doi_is_typed_with_what_the_styles_print_before_it(
    make_content, workdir: Path, prefix: str, typed: str
) -> None:
    """A DOI typed as its address (`https://doi.org/10.1001/…`) or with `doi:` printed the prefix twice in every
    style that prints DOIs ("https://doi.org/doi:10.1001/…", "doi:doi:10.1001/…"), and check said nothing: its
    line and the DOI to write instead. One typed alone is said nothing of."""
    path = make_content()
    text = path.read_text(encoding="utf-8")
    doi = next(line for line in text.splitlines() if line.strip().startswith("DOI: "))
    name = doi.split("DOI: ")[1]
    path.write_text(text.replace(doi, doi.replace(name, prefix + name), 1), encoding="utf-8")
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    line = text.splitlines().index(doi) + 1
    said = f"'{prefix}{name}' is typed with {typed} before it, and reference styles add their own before a DOI (it "
    said += "would print twice): "
    assert code == 0 and f"warning: {path}:{line}: references[" in output, output
    assert f"].DOI: {said}write the DOI alone, {name} [doi-prefix]" in output, output
    assert "[doi-prefix]" not in _shipped_checked()


@functools.cache
def _shipped_checked() -> str:
    """What `check` says of the shipped routine, whose DOIs are typed alone: once in a process (it builds every
    output), not again for each prefix above."""
    code, output = run("check", str(SHIPPED), "--brand", str(BRAND))
    assert code == 0, output
    return output


def test_a_doi_typed_as_an_escaped_address_is_said_as_the_doi(make_content, workdir: Path) -> None:
    """Typed as its address, escaped as an address is: the DOI to write is the DOI, not its escapes."""
    path = make_content()
    text = path.read_text(encoding="utf-8")
    doi = next(line for line in text.splitlines() if line.strip().startswith("DOI: "))
    escaped = doi.replace(doi.split("DOI: ")[1], "https://doi.org/10.1000/a%2Fb%20c")
    path.write_text(text.replace(doi, escaped, 1), encoding="utf-8")
    _, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    assert "write the DOI alone, 10.1000/a/b c [doi-prefix]" in output, output


def test_a_us_clinics_sheets_check_a_box_and_call_themselves_a_handout(workdir: Path) -> None:
    """A US clinic's poster said "Tick a box each day you do it" and its handout "About this leaflet.": British
    words an American patient does not use. A US clinic's English sheets check a box and are a handout; a
    British clinic's are unchanged."""
    _routine(workdir, language="en-US")
    _brand(workdir, country="US", contact={"phone": "555 0100", "emergency": "911", "urgent": "555 0199"})
    built = _build(workdir, "--only", "handout", "--only", "poster")
    handout, _ = _chars(built["knee-self-massage-handout.pdf"])
    poster, _ = _chars(built["knee-self-massage-poster.pdf"])
    assert "Check a box each day you do it" in poster and "Tick" not in poster
    assert "About this handout." in handout and "leaflet." not in handout


def test_a_character_lost_in_copying_is_said_by_check_and_build(make_content, workdir: Path) -> None:
    """A title pasted from a file read in another encoding ("osteo\ufffdarthritis"): the sheets printed U+FFFD's
    diamond as typed, and neither check nor build said a word. Both now say where, and --suppress silences it."""
    content = make_content("pasted.yaml", title="Self-massage for knee osteo\ufffdarthritis")
    line = line_of(content, "title")
    said = f"{content}:{line}: title: 'osteo\ufffdarthritis' has U+FFFD, a character that stands for one lost when the text"
    args = [str(content), "--brand", str(workdir / "brand.yaml"), "--only", "handout"]
    code, output = run("check", *args)
    checked = [found for found in output.splitlines() if found.endswith("[lost-character]")]
    assert code == 0 and len(checked) == 1 and checked[0].startswith(f"warning: {said}"), output
    assert "retype it" in checked[0]
    built = CliRunner().invoke(main, ["build", *args, "--out", str(workdir / "out")])
    assert built.exit_code == 0 and [found for found in built.stderr.splitlines() if "[lost-character]" in found] == checked
    assert "[lost-character]" not in run("check", *args, "--suppress", "lost-character")[1]
    assert "[lost-character]" not in run("check", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"))[1]


def test_a_character_lost_in_a_drawings_text_is_said(workdir: Path) -> None:
    """A logo drawing's text with U+FFFD printed its diamond without a word, where the same in brand.yaml is
    warned of: it is said, at the logo's line, naming the word."""
    (workdir / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="90" height="40"><rect width="90" height="40" fill="#165C64"/>'
        '<text x="4" y="24" font-size="9" fill="#FFFFFF">Caf\ufffd Clinic</text></svg>',
        encoding="utf-8",
    )
    brand = _brand(workdir, logo="logo.svg")
    line = line_of(brand, "logo")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(brand), "--only", "handout")
    said = [found for found in output.splitlines() if found.endswith("[lost-character]")]
    assert code == 0 and said == [
        f"warning: {brand}:{line}: logo: logo.svg: its drawing's text 'Caf\ufffd' has U+FFFD, a character that stands "
        "for one lost when the text was copied or saved in another encoding: retype it [lost-character]"
    ], output


@pytest.mark.parametrize("option", ["--patient", "--note", "--therapist"])
def test_a_character_lost_in_a_patients_option_is_said_without_naming_it(workdir: Path, option: str) -> None:
    """`--patient "Zo\ufffd Smith"` printed the diamond on the handout without a word, where the same in
    content.yaml is warned of: it is said of the option, without the patient's words."""
    args = [str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--only", "handout"]
    built = CliRunner().invoke(main, ["build", *args, "--out", str(workdir / "out"), option, "Zo\ufffd Smith"])
    said = [found for found in built.stderr.splitlines() if "[lost-character]" in found]
    assert (
        built.exit_code == 0
        and len(said) == 1
        and said[0].endswith(
            f"{option}: has U+FFFD, a character that stands for one lost when the text was copied or saved in another "
            "encoding: retype it [lost-character]"
        )
    ), built.stderr
    assert "Zo" not in said[0] and "Smith" not in said[0]


def test_a_character_lost_in_one_patients_name_is_not_said_of_the_next(workdir: Path) -> None:
    """A batch's worker makes each patient's job from the first: one patient's lost character is said of that
    patient only."""
    from handouts.input.options import Options
    from handouts.job import prepare

    first = prepare(workdir / "content.yaml", workdir / "brand.yaml", Options(patient="Zo\ufffd Smith"))
    assert [w.file for w in first.warnings if w.code == "lost-character"] == ["--patient"]
    assert not [w for w in first.with_options(Options(patient="Jo Smith")).warnings if w.code == "lost-character"]
    later = first.with_options(Options(note="Caf\ufffd"))
    assert [w.file for w in later.warnings if w.code == "lost-character"] == ["--note"]


@pytest.mark.parametrize("accent", ["#FFFFFF", "#FFFDF5"])
def test_an_accent_too_pale_to_see_on_paper_is_said_by_check_and_build(workdir: Path, accent: str) -> None:
    """An accent of white or cream: the safety box's bar and tint, drawn in it, vanished on white paper, and no
    one said so. check and build now name colors.accent at its line and ask for a darker one; the example
    brand's amber (2.2:1 on white, its bar plain to see) is not said of."""
    brand = workdir / "brand.yaml"
    args = [str(workdir / "content.yaml"), "--brand", str(brand), "--only", "handout"]
    assert "[pale-accent]" not in run("check", *args)[1]
    brand.write_text(re.sub(r"(?m)^  accent: .*$", f'  accent: "{accent}"', brand.read_text(encoding="utf-8")), encoding="utf-8")
    line = brand.read_text(encoding="utf-8").splitlines().index(f'  accent: "{accent}"') + 1
    code, output = run("check", *args)
    checked = [found for found in output.splitlines() if found.endswith("[pale-accent]")]
    assert code == 0 and len(checked) == 1, output
    assert checked[0].startswith(f"warning: {brand}:{line}: colors.accent: brand colour accent {accent} has contrast 1.0")
    assert "the safety box's bar and tint" in checked[0] and "set a darker colors.accent" in checked[0]
    built = CliRunner().invoke(main, ["build", *args, "--out", str(workdir / "out")])
    assert built.exit_code == 0 and [found for found in built.stderr.splitlines() if "[pale-accent]" in found] == checked
    assert "[pale-accent]" not in run("check", *args, "--suppress", "pale-accent")[1]
