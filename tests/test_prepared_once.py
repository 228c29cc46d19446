"""A batch's worker reads a routine once for all its patients (issue 29): each patient's job is the first one's
`with_options`, and every output is the same, byte for byte, as a build that read the files for that patient."""

from __future__ import annotations

import datetime
import io
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pypdf
import pytest
from conftest import BRAND, CONTENT, ROOT, knee
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate, Spacer

from handouts.build import OUTPUTS, Options, prepare, render
from handouts.errors import InputError
from handouts.input import loading
from handouts.job import Prepared
from handouts.pdf.flowables import CachedParagraph, shared

DAY = datetime.date(2026, 12, 1)
ONE_HOUR_EAST = datetime.timezone(datetime.timedelta(hours=1))
PATIENTS = [
    Options(patient="Jo Bloggs", date=DAY),
    Options(patient="Al Li", date=DAY, note="Twice a day.", therapist="Sam Roe"),
    Options(patient="Ana María Pereira dos Santos", date=DAY, next_appointment=datetime.datetime(2026, 12, 9, 14, 30)),
    Options(patient="Bo", date=DAY + datetime.timedelta(days=3), paper="letter"),
    Options(patient="Cy", date=DAY, tracker_weeks=4),  # a poster of its own: the template draws more rows
    # One moment in two offsets (equal as datetimes): each poster prints its own clock time
    Options(patient="Di", date=DAY, next_appointment=datetime.datetime(2026, 12, 9, 14, 30, tzinfo=datetime.UTC)),
    Options(patient="Ed", date=DAY, next_appointment=datetime.datetime(2026, 12, 9, 15, 30, tzinfo=ONE_HOUR_EAST)),
    Options(patient="Jo Bloggs", date=DAY),  # as the first: its poster plans are the first patient's
]


def test_each_patient_gets_what_a_build_of_their_own_makes(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[Path] = []
    load = loading.load_content
    monkeypatch.setattr("handouts.job.load_content", lambda path: read.append(path) or load(path))
    prepared = Prepared()
    jobs = [prepared(CONTENT, BRAND, options) for options in PATIENTS]
    assert read == [CONTENT]  # the routine is read once
    assert len({id(job.shared) for job in jobs}) == 1 and len({id(job.memo) for job in jobs}) == len(jobs)
    for job, options in zip(jobs, PATIENTS, strict=True):
        alone = prepare(CONTENT, BRAND, options)
        for output in OUTPUTS:
            made, own = render(job, output), render(alone, output)
            assert made.data == own.data, (options.patient, output.name)
            # the sizes its pictures print at (the low-resolution warning's), also of a poster drawn once for all
            assert made.pictures == own.pictures, (options.patient, output.name)
    poster = OUTPUTS[1]
    assert render(jobs[-1], poster) is render(jobs[0], poster)  # the same poster is drawn once
    assert render(jobs[1], poster) is not render(jobs[0], poster)  # another appointment's is its own


def test_a_patients_name_is_still_checked_for_characters_no_font_has() -> None:
    job = prepare(CONTENT, BRAND, PATIENTS[0])
    with pytest.raises(InputError) as raised:
        job.with_options(replace(PATIENTS[0], patient="\U0001d11e Bloggs"))  # a musical symbol: in no font
    assert str(raised.value).startswith("--patient: 1 of its characters is in no configured font")


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("therapist", "Ana \U0001d11e Ruiz", "--therapist: 1 of its characters is in no configured font"),  # printed as a box
        ("note", "Take\x07 two", "--note: has a control character; no page can print a control character"),
        ("patient", "Jo\x00", "--patient: has a control character"),
        ("patient", "\u200b", "--patient: has only characters that print nothing"),  # "Prepared for" no one
        ("note", "\u2060\u00ad", "--note: has only characters that print nothing"),  # an empty note box
    ],
)
def test_a_therapists_name_and_control_characters_are_checked_too(option: str, value: str, said: str) -> None:
    job = prepare(CONTENT, BRAND, PATIENTS[0])
    with pytest.raises(InputError) as raised:
        job.with_options(replace(PATIENTS[0], **{option: value}))
    assert str(raised.value).startswith(said)


def test_what_the_files_are_read_for_cannot_change() -> None:
    job = prepare(CONTENT, BRAND)
    for options in (Options(greyscale=True), Options(csl=Path("apa"))):
        with pytest.raises(ValueError, match="prepare it again"):
            job.with_options(options)


def test_a_paragraph_split_differently_for_each_patient_is_set_as_their_own_build_sets_it(make_content, workdir: Path) -> None:
    """Patients of one routine share each paragraph's parse and line breaks (handouts.pdf.flowables.shared);
    splitting a paragraph across pages changes its lines in place, so a step longer than a page, split at
    another line for each patient (their notes differ in length), must still come out as a build of its own."""
    steps = knee()["routine"]["steps"][:4]
    steps[1]["text"] = " ".join(["Stroke slowly up the thigh with the flat of your hand, then rest."] * 70)
    content = make_content(routine={"title": "The routine", "steps": steps})
    brand = workdir / "brand.yaml"
    notes = [None, "Twice a day.", " ".join(["Gently does it."] * 30), "Once.", " ".join(["Rest after."] * 12), None]
    notes += [" ".join(["Slowly."] * n) for n in (20, 45, 70)]
    patients = [Options(patient=f"Patient {n}", date=DAY, note=note) for n, note in enumerate(notes)]
    prepared = Prepared()
    splits = set()
    for options in patients:
        job = prepared(content, brand, options)
        together = render(job, OUTPUTS[0]).data
        alone = render(prepare(content, brand, options), OUTPUTS[0]).data
        assert together == alone, options.note
        reader = pypdf.PdfReader(io.BytesIO(together))
        splits.add(tuple(page.extract_text().count("then rest.") for page in reader.pages))  # the step's lines on each page
    assert len(job.shared["paragraphs"]) > 20  # the paragraphs were shared
    assert len(splits) > 2, splits  # the long step breaks at another line for several patients


def test_a_split_leaves_the_words_later_paragraphs_recall_as_they_were() -> None:
    """Splitting a paragraph across pages changes the class of the word it ends a page on, in its words as
    well as its lines. A paragraph of several fragments (a bold word) whose long words break with a hyphen,
    split at a different line each time, leaves the words a later paragraph of the same text recalls as a
    paragraph of its own has them (else its text reads "establish- ment": a hyphen taken for a space)."""
    word = "\u00ad".join(["Ober", "schen", "kel", "mus", "ku", "la", "tur", "deh", "nung"])
    text = "<b>Wichtig:</b> " + " ".join([f"Die {word} langsam machen."] * 40)

    def style() -> ParagraphStyle:  # made afresh for each document, as the engines make theirs
        return ParagraphStyle("body", fontName="Helvetica", fontSize=11, leading=14, allowWidows=0)

    store: dict[str, Any] = {}
    for above in range(0, 140, 7):  # the paragraph starts lower each time, so a page ends on another line
        page = SimpleDocTemplate(io.BytesIO(), pagesize=(200, 300), leftMargin=20, rightMargin=20, topMargin=20, bottomMargin=20)
        with shared(store):
            page.build([Spacer(10, above), CachedParagraph(text, style())])
    with shared(store):
        later = CachedParagraph(text, style())
        later.wrap(148, 1e6)  # the frame's width: 200 less the margins and the frame's padding
    alone = CachedParagraph(text, style())
    alone.wrap(148, 1e6)
    kept = [known for known in store["paragraphs"].values() if known.shared]  # not the words kept for other sizes
    assert len(kept) == 1 and 148 in kept[0].wraps
    assert later.getPlainText() == alone.getPlainText()


def test_a_paragraph_many_pages_long_is_copied_once_not_once_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a paragraph whose lines the store may hand to others is copied before it is split; the parts it is
    split into, page after page, own their lines. Copying each part again made a field of 19,000 "<" (one
    fragment each) take seconds per page: work growing with the square of its length. Counted in copies, and
    the text still comes out whole, in order."""
    import handouts.pdf.flowables as flowables

    copies: list[int] = []
    deepcopy = flowables.copy.deepcopy

    def counted(value: Any, *args: Any) -> Any:
        copies.append(len(value[1]))
        return deepcopy(value, *args)

    monkeypatch.setattr(flowables.copy, "deepcopy", counted)
    words = [f"<b>{n}</b> &lt;&amp;" for n in range(500)]  # bold numbers and entities: thousands of fragments
    style = ParagraphStyle("body", fontName="Helvetica", fontSize=11, leading=14)
    buffer = io.BytesIO()
    with shared({}):
        SimpleDocTemplate(buffer, pagesize=(200, 300), invariant=1).build([CachedParagraph(" ".join(words), style)])
    reader = pypdf.PdfReader(buffer)
    text = " ".join(page.extract_text() for page in reader.pages).split()
    assert len(reader.pages) > 8
    assert text == " ".join(f"{n} <&" for n in range(500)).split()
    assert len(copies) == 1, copies  # the paragraph as parsed, before its first split


def test_letter_paper_still_asks_a_clinic_that_names_no_country_for_its_numbers(tmp_path: Path) -> None:
    """A brand.yaml without `country:` prints the UK's 999 and 111; letter paper says the clinic may be in the
    Americas, so a build on letter paper asks for its country and numbers. A batch's worker that had read the
    routine for an A4 patient built the next patient's letter sheets with 999 and 111."""
    brand = tmp_path / "brand.yaml"
    lines = BRAND.read_text(encoding="utf-8").splitlines(keepends=True)
    brand.write_text("".join(line for line in lines if not line.startswith("country:")), encoding="utf-8")
    shutil.copytree(BRAND.parent / "assets", tmp_path / "assets")
    content = ROOT / "content.yaml"  # its help box says when to call 999 and 111
    letter = replace(PATIENTS[0], paper="letter")
    with pytest.raises(InputError) as alone:
        prepare(content, brand, letter)
    assert "the paper asked for is letter" in str(alone.value)
    with pytest.raises(InputError) as kept:
        prepare(content, brand, PATIENTS[0]).with_options(letter)
    assert str(kept.value) == str(alone.value)
