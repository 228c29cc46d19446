"""A clinic's own labels (brand.yaml's `labels`: any key, words of any length and characters, with the placeholders
the label has) keep every output's promises, read back from the PDFs: posters on one page, every glyph inside
the 12 mm margins and at the size floors, no lines of a poster over each other; or the build stops with a clear
error, and `check` says the same. The routine prints nearly every label: a schedule, doses, a video, when to
get help, how much discomfort is fine, a tracker with a pain row, and a patient's sheets."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml
from conftest import BRAND, ROOT, knee
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from test_poster_properties import glyphs_in_margin, overlapping_lines

from handouts.build import PartialBuildError, build_all
from handouts.check import check
from handouts.errors import HandoutsError
from handouts.input.options import Options
from handouts.words.labels import LABELS

EXAMPLES = int(os.environ.get("HANDOUTS_FUZZ_EXAMPLES", "6"))
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
WORDS = st.one_of(
    st.text(
        alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäöüéßłś&<>\"'{}#/=;:,.!?()-+@~|^–’“”…·",
        min_size=1,
        max_size=14,
    ),
    st.sampled_from(["Donaudampfschifffahrtsgesellschaftskapitän", "x" * 60, "<b>x</b>", "{{ 7*7 }}", "100%", "&amp;"]),
)


@st.composite
def labels(draw: st.DrawFn) -> dict[str, str]:
    """A few labels reworded: each of 1 to 40 words, with every placeholder its English label has."""
    chosen = {}
    for key in draw(st.lists(st.sampled_from(sorted(LABELS)), min_size=1, max_size=5, unique=True)):
        words = draw(st.lists(WORDS, min_size=1, max_size=draw(st.sampled_from([3, 12, 40]))))
        for name in PLACEHOLDER.findall(LABELS[key]):
            words.insert(draw(st.integers(0, len(words))), f"%({name})s")
        chosen[key] = " ".join(words)
    return chosen


def _clinic(chosen: dict[str, str], language: str, paper: str, steps: int) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="labels-"))
    shutil.copytree(ROOT / "assets", folder / "assets")
    content = knee()
    content["language"] = language
    routine = content["routine"]
    routine["steps"] = routine["steps"][:steps]
    routine["steps"][0].update(hold=30, rest=20, side="each", sets=2, reps=5)
    routine["steps"][1].update(duration=90, video="https://example.com/v")
    routine.update(frequency={"times_a_day": 3, "days_a_week": 5}, track_pain=True)
    content["video"] = {"url": "https://example.com/video", "caption": "Watch how"}
    content["help"] = [
        {"sign": "Swelling that gets worse", "action": "call-clinic"},
        {"sign": "A hot, red knee", "action": "gp-today"},
        {"sign": "Calf pain and swelling", "action": "emergency"},
    ]
    content["discomfort"] = {"during": 3, "after": 2, "settles": "by the next morning"}
    content["reviewed_by"] = "Dr A. Reviewer"
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    brand.update(paper=paper, labels={language.split("-")[0]: chosen})
    (folder / "content.yaml").write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    (folder / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    return folder


def _assert_promises(path: Path) -> None:
    floor = 18 if "large-print" in path.name else 12
    with pdfplumber.open(path) as pdf:
        assert "poster" not in path.name or len(pdf.pages) == 1, path.name
        for page in pdf.pages:
            chars = [c for c in page.chars if c["text"].strip()]
            outside = glyphs_in_margin(page)
            assert not outside, f"{path.name} page {page.page_number}: in the margin: {''.join(outside)[:60]}"
            small = [c for c in chars if c["size"] < floor - 0.01]
            assert not small, f"{path.name} page {page.page_number}: {''.join(c['text'] for c in small)[:40]!r} under {floor} pt"
            if "poster" in path.name:
                assert not overlapping_lines(chars), overlapping_lines(chars)[:5]


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    labels(),
    st.sampled_from(["en-GB", "en-US", "de", "fr", "pl"]),
    st.sampled_from(["A4", "letter"]),
    st.integers(3, 11),
    st.booleans(),
)
def test_a_clinics_labels_keep_every_outputs_promises(
    chosen: dict[str, str], language: str, paper: str, steps: int, patient: bool
) -> None:
    folder = _clinic(chosen, language, paper, steps)
    personal: dict[str, Any] = (
        {
            "patient": "Jo Bloggs",
            "note": "Keep going",
            "therapist": "Sam",
            "next_appointment": datetime.datetime(2026, 12, 8, 10, 30),
        }
        if patient
        else {}
    )
    options = Options(out=folder / "out", date=datetime.date(2026, 12, 1), **personal)
    content, brand = folder / "content.yaml", folder / "brand.yaml"
    errors = [finding.message for finding in check(content, brand, options) if finding.level == "error"]
    try:
        written = build_all([content], brand, options).written
    except PartialBuildError as exc:  # a poster that cannot fit: the others are written, and keep their promises
        event("built those that fit")
        assert errors, f"build failed where check found nothing: {exc}"
        written = exc.built.written
    except HandoutsError as exc:
        event("a clear error")
        assert all(any(str(problem) in error for error in errors) for problem in exc.problems), (exc.problems, errors)
        assert not (folder / "out").exists() or not list((folder / "out").glob("*.pdf"))
        return
    else:
        assert not errors, errors
        event("built every output")
    try:
        for path in written:
            if path.suffix == ".pdf":
                _assert_promises(path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
