"""The poster's promises on any routine and clinic, not only the examples (hypothesis), read back from the PDF:
exactly one page, every glyph and picture inside the 12 mm margins, no two lines of text on top of each
other, nothing below the size floors, large print never smaller than the standard poster, or else a clear
error and no file. `check` reports the sizes the build draws."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pdfplumber
import pypdf
import pytest
import yaml
from conftest import ROOT, knee
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PIL import Image

from handouts.build import Options, PartialBuildError, build_all
from handouts.check import check
from handouts.errors import LayoutError
from handouts.input.options import Paper
from handouts.words.i18n import catalog_languages
from handouts.words.references import shipped_styles

MARGIN = 12 * 72 / 25.4
EXAMPLES = int(os.environ.get("HANDOUTS_FUZZ_EXAMPLES", "6"))
WORDS = [
    "gently",
    "roll",
    "press",
    "slide",
    "hold",
    "breathe",
    "stretch",
    "knee",
    "shoulder",
    "calf",
    "thigh",
    "heel",
    "palm",
    "circle",
    "stroke",
    "lift",
    "slowly",
]
SAFETY = [
    "**Stop if it hurts.** Rest after approx. 10 minutes.",
    "Use e.g. a rolled towel under the knee.",
    "Ask Dr. Patel first if you have had surgery.",
    "Never press on a hot or swollen joint.",
]
# Every language a catalog ships for, English in the two dialects its reference locales print apart (dates,
# quotes); every shipped reference style (Nature's citations are superscript numbers, Vancouver's bracketed).
LANGUAGES = sorted({"en-GB", "en-US", *(language for language in catalog_languages() if language != "en")})
STYLES = shipped_styles()
PAPERS = [paper.value for paper in Paper]  # a poster's, with --paper
BRAND_PAPERS = [paper.value for paper in Paper if paper is not Paper.A3]  # a brand's (A3 is for posters only)
CITATIONS = ["", " [@perlman2006]", " [@nhs2019]", " [@perlman2006; @nhs2019]"]
REPEATS = ["5 times", "hold 10 seconds, 3 times each side", "1 minute"]
WEBSITES = [
    "www.example.com",
    "https://physio.example.org/knee",
    "https://www.harbourstreetphysio.co.uk/patient-resources/home-exercise-programmes",
    "https://clinic.example.com/resources/exercise-programmes/knee-osteoarthritis-self-massage?utm_source=poster&utm_medium=print",
]


def _words(low: int, high: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(WORDS), min_size=low, max_size=high).map(lambda w: " ".join(w).capitalize())


def _cited(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """The text with, or without, a citation of the knee routine's references at its end."""
    return st.tuples(text, st.sampled_from(CITATIONS)).map("".join)


def brand_references(case: dict[str, Any]) -> dict[str, Any]:
    """brand.yaml's `references` for a case: its reference style, when the case sets it there."""
    return {"references": {"style": case["style"]}} if case.get("style_in_brand") else {}


def csl_option(case: dict[str, Any]) -> str | None:
    """The --csl option for a case: its reference style, when the case does not set it in brand.yaml."""
    return None if case.get("style_in_brand") else case.get("style")


@st.composite
def routines(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(1, 20))
    steps = [
        {
            "title": draw(_words(1, 4)),
            "text": draw(_cited(_words(5, 20))) + ".",
            "cue": draw(_cited(_words(1, 12))),
            **(
                {"repeat": draw(st.sampled_from(["5 times", "hold 10 seconds, 3 times each side", "1 minute"]))}
                if draw(st.booleans())
                else {}
            ),
        }
        for _ in range(count)
    ]
    content = knee()
    content.update(
        title=draw(_words(2, 18)),
        language=draw(st.sampled_from(LANGUAGES)),
        safety={"title": "Before you start", "points": draw(st.lists(_cited(st.sampled_from(SAFETY)), min_size=1, max_size=4))},
        routine={"title": "The routine", "steps": steps},
    )
    return {
        "content": content,
        "website": draw(st.sampled_from(WEBSITES)),
        "aspect": draw(st.sampled_from([0.2, 0.5, 1.0, 2.0, 5.0])),
        "paper": draw(st.sampled_from(PAPERS)),
        "orientation": draw(st.sampled_from([None, "landscape", "portrait"])),
        "style": draw(st.sampled_from(STYLES)),
        "style_in_brand": draw(st.booleans()),
    }


def _clinic(case: dict[str, Any]) -> tuple[Path, Path]:
    folder = Path(tempfile.mkdtemp(prefix="poster-"))
    width, height = (400, round(400 / case["aspect"])) if case["aspect"] >= 1 else (round(400 * case["aspect"]), 400)
    Image.new("RGB", (width, height), (22, 92, 100)).save(folder / "logo.png")
    brand = yaml.safe_load((ROOT / "brand.yaml").read_text(encoding="utf-8"))
    brand.update(logo="logo.png", contact={"phone": "0117 496 0555", "website": case["website"]}, **brand_references(case))
    content_path, brand_path = folder / "content.yaml", folder / "brand.yaml"
    content_path.write_text(yaml.safe_dump(case["content"], allow_unicode=True, sort_keys=False), encoding="utf-8")
    brand_path.write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    return content_path, brand_path


def overlapping_lines(chars: list[dict[str, Any]]) -> list[str]:
    """Glyphs of different lines drawn over each other (a region drawn over another)."""
    cells: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for char in chars:
        for gx in range(int(char["x0"] // 20), int(char["x1"] // 20) + 1):
            for gy in range(int(char["top"] // 20), int(char["bottom"] // 20) + 1):
                cells.setdefault((gx, gy), []).append(char)
    found = []
    for group in cells.values():
        for index, a in enumerate(group):
            for b in group[index + 1 :]:
                if abs(a["top"] - b["top"]) < 0.5:  # the same line: neighbouring glyphs may touch
                    continue
                width = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                if width > 1 and height > 0.25 * min(a["size"], b["size"]):
                    found.append(a["text"] + b["text"])
    return found


def glyphs_in_margin(page: pdfplumber.page.Page) -> list[str]:
    """The glyphs printed within 12 mm of the paper's edge."""
    return [
        c["text"]
        for c in page.chars
        if c["text"].strip()
        and (
            c["x0"] < MARGIN - 0.5
            or c["x1"] > page.width - MARGIN + 0.5
            or c["top"] < MARGIN - 0.5
            or c["bottom"] > page.height - MARGIN + 0.5
        )
    ]


def _assert_promises(pdf_path: Path, floor: float) -> None:
    assert len(pypdf.PdfReader(pdf_path).pages) == 1
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        chars = [c for c in page.chars if c["text"].strip()]
        outside = glyphs_in_margin(page)
        assert not outside, f"glyphs inside the 12 mm margin: {''.join(outside)[:60]}"
        for image in page.images:
            assert image["x0"] >= MARGIN - 0.5 and image["x1"] <= page.width - MARGIN + 0.5
            assert image["top"] >= MARGIN - 0.5 and image["bottom"] <= page.height - MARGIN + 0.5
        assert min(c["size"] for c in chars) >= floor - 0.01
        assert not overlapping_lines(chars), overlapping_lines(chars)[:5]


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(routines())
def test_every_poster_keeps_its_promises_or_fails_clearly(case: dict[str, Any]) -> None:
    content_path, brand_path = _clinic(case)
    options = Options(
        out=content_path.parent / "out",
        only=("poster", "poster-large-print"),
        paper=case["paper"],
        orientation=case["orientation"],
        csl=csl_option(case),
    )
    try:
        built = build_all([content_path], brand_path, options)
    except PartialBuildError as exc:  # one poster cannot fit: the other is written, and keeps its promises
        event("one poster a clear error")
        assert all("does not fit on one page" in str(problem) or "band" in str(problem) for problem in exc.problems)
        for path in exc.built.written:
            _assert_promises(path, 18 if "large-print" in path.name else 12)
        return
    except LayoutError as exc:
        event("a clear error")
        assert "does not fit on one page" in str(exc) or "band" in str(exc)
        assert not (content_path.parent / "out").exists()
        return
    sizes = [float(found.group(1)) for note in built.notes if (found := re.search(r"step text at ([\d.]+) pt", note))]
    if any(warning.code == "no-large-print-poster" for warning in built.warnings):
        event("no large-print poster: none promised")  # the standard poster's steps are under 18 pt
        (standard,) = built.written
        _assert_promises(standard, 12)
        assert len(sizes) == 1 and 14 <= sizes[0] < 18, built.notes
        return
    event("built")
    standard, large = built.written
    _assert_promises(standard, 12)
    _assert_promises(large, 18)
    assert len(sizes) == 2 and sizes[1] >= sizes[0], built.notes  # large print is never smaller
    assert min(sizes) >= 14
    # check runs the same search: it reports exactly the sizes the build drew.
    findings = [str(f) for f in check(content_path, brand_path, options)]
    for size in sizes:
        assert any(f"step text at {size:g} pt" in finding for finding in findings), findings
