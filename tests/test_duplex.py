"""Two-sided printing: with --duplex (or brand.yaml's `duplex: true`, or a batch row's `duplex` column) each
document in the print file has an even number of pages, so a poster never prints on the back of a handout.
Read back from the print file's pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdf
import yaml
from conftest import BRAND, CONTENT, run

from handouts.batch import read_rows
from handouts.input.options import Options
from handouts.serve import Preview


def _pages(path: Path) -> list[str]:
    """Each page's text ('' for a blank page)."""
    return [page.extract_text().strip() for page in pypdf.PdfReader(path).pages]


def _print_file(out: Path, *more: str, brand: Path = BRAND) -> tuple[Path, Path]:
    args = ["build", str(CONTENT), "--brand", str(brand), "--out", str(out), "--print-file"]
    code, output = run(*args, "--only", "handout", "--only", "poster", *more)
    assert code == 0, output
    return out / "knee-self-massage-print.pdf", out / "knee-self-massage-handout.pdf"


def test_duplex_pads_each_document_to_an_even_page_count(tmp_path: Path) -> None:
    single, handout = _print_file(tmp_path / "single")
    handout_pages = len(pypdf.PdfReader(handout).pages)
    assert handout_pages % 2 == 1  # the knee handout: 9 pages, so the poster would print on the back of page 5
    assert len(_pages(single)) == handout_pages + 1
    double, _ = _print_file(tmp_path / "double", "--duplex")
    pages = _pages(double)
    assert len(pages) == handout_pages + 1 + 1 + 1  # the handout, a blank back, the poster, a blank back
    assert pages[handout_pages] == "" and pages[-1] == ""
    assert "Page 1 of" not in pages[handout_pages + 1] and pages[handout_pages + 1]  # the poster on a front
    sizes = {tuple(round(float(v)) for v in page.mediabox[2:]) for page in pypdf.PdfReader(double).pages}
    assert len(sizes) == 1  # the blank pages are the documents' paper


def test_the_brand_can_print_two_sided(tmp_path: Path) -> None:
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    brand["duplex"] = True
    (tmp_path / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    shutil.copytree(BRAND.parent / "assets", tmp_path / "assets")
    printed, handout = _print_file(tmp_path / "out", brand=tmp_path / "brand.yaml")
    assert len(_pages(printed)) % 2 == 0 and _pages(printed)[len(pypdf.PdfReader(handout).pages)] == ""


def test_a_batch_row_asks_for_two_sided_printing(tmp_path: Path) -> None:
    path = tmp_path / "patients.csv"
    path.write_text(
        "patient,routine,duplex\nJo Bloggs,knee.yaml,yes\nAl Li,knee.yaml,\nSam Roe,knee.yaml,maybe\n", encoding="utf-8"
    )
    rows, bad = read_rows(path)
    assert [row.duplex for row in rows] == [True, None]  # an empty cell: as the batch's option or the brand says
    # A cell's words are not repeated (shifted columns put names anywhere), as for large_print.
    assert [str(problem).removeprefix(str(path)) for problem in bad] == [
        ":4: duplex: expected yes or no, got other text (not repeated here: if the columns have shifted, it may be a name)"
    ]


def _two_sided_brand(folder: Path) -> Path:
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    brand["duplex"] = True
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    shutil.copytree(BRAND.parent / "assets", folder / "assets")
    return folder / "brand.yaml"


def test_no_duplex_prints_one_sided_where_the_brand_says_two(tmp_path: Path) -> None:
    """A clinic printing two-sided by default, on a printer that is one-sided today: `--no-duplex` was no option,
    and `--duplex` could only turn two-sided printing on."""
    printed, handout = _print_file(tmp_path / "out", "--no-duplex", brand=_two_sided_brand(tmp_path))
    assert len(_pages(printed)) == len(pypdf.PdfReader(handout).pages) + 1  # no blank page: one-sided
    code, output = run("batch", "--help")
    assert code == 0 and "--duplex / --no-duplex" in output, output


def test_a_batch_rows_duplex_no_prints_one_sided_where_the_brand_says_two(tmp_path: Path) -> None:
    """A patient's row saying `duplex: no` printed two-sided all the same when brand.yaml said `duplex: true`
    (a `no` and an empty cell were read alike, and the brand's yes won). A row's yes or no now decides; an empty
    cell is as the batch's --duplex or --no-duplex says, else as the brand does."""
    brand = _two_sided_brand(tmp_path)
    shutil.copy(CONTENT, tmp_path / "knee.yaml")
    patients = tmp_path / "patients.csv"
    patients.write_text("patient,routine,duplex\nJo Bloggs,knee.yaml,no\nAl Li,knee.yaml,\n", encoding="utf-8")

    def printed(*more: str) -> list[tuple[int, int]]:
        """Each patient's print file's pages, beside its handout's."""
        out = tmp_path / f"out{len(more)}"
        code, output = run("batch", str(patients), "--brand", str(brand), "--out", str(out), *more)
        assert code == 0, output
        folders = sorted(path for path in out.iterdir() if path.is_dir())
        return [(len(_pages(next(f.glob("*-print.pdf")))), len(_pages(next(f.glob("*-handout-*.pdf"))))) for f in folders]

    (jo, handout), (al, _) = printed()
    assert handout % 2 == 1  # so that two-sided printing puts a blank page behind the handout
    assert jo == handout + 1  # Jo's handout and poster, one-sided
    assert al == handout + 1 + 1 + 1  # Al's two-sided, as the brand says: a blank page behind each
    assert printed("--no-duplex") == [(jo, handout), (jo, handout)]


def test_the_print_file_keeps_each_documents_outline_and_the_first_ones_metadata(tmp_path: Path) -> None:
    """Merged by pikepdf: every bookmark of the handout and the poster, pointing at its page in the print file;
    the handout's title and author; the routine's language; the same bytes from the same sheets (its structure
    tree: tests/test_tagged_pdf.py)."""
    printed, handout = _print_file(tmp_path / "a")
    again, _ = _print_file(tmp_path / "b")
    assert printed.read_bytes() == again.read_bytes()
    merged, first = pypdf.PdfReader(printed), pypdf.PdfReader(handout)
    poster = pypdf.PdfReader(tmp_path / "a" / "knee-self-massage-poster.pdf")

    def marks(reader: pypdf.PdfReader, outline: list) -> list[tuple[str, int]]:  # type: ignore[type-arg]
        found = []
        for item in outline:
            if isinstance(item, list):
                found += marks(reader, item)
            else:
                found.append((item.title, reader.get_destination_page_number(item)))
        return found

    before = marks(first, first.outline) + [(title, page + len(first.pages)) for title, page in marks(poster, poster.outline)]
    assert marks(merged, merged.outline) == before and len(before) > 10
    assert merged.metadata is not None and first.metadata is not None
    assert (merged.metadata.title, merged.metadata.author) == (first.metadata.title, first.metadata.author)
    assert merged.metadata.producer == "handouts" and merged.trailer["/Root"]["/Lang"] == "en-GB"


def test_a_print_file_holds_the_standard_sheets_unless_large_print_is_asked_for(tmp_path: Path) -> None:
    """`build --print-file` with no --only put all four PDFs in one print job: the knee's handout and poster,
    then its large-print handout and poster (15 pages for a patient who needs one set). Batch and serve give a
    patient one profile's sheets; so does build, unless the large-print ones are named."""
    out = tmp_path / "all"
    code, output = run("build", str(CONTENT), "--brand", str(BRAND), "--out", str(out), "--print-file")
    assert code == 0, output
    handout = len(pypdf.PdfReader(out / "knee-self-massage-handout.pdf").pages)
    pages = _pages(out / "knee-self-massage-print.pdf")
    assert len(pages) == handout + 1 and "Page 1 of" in pages[0] and "Page 1 of" not in pages[-1]
    assert (out / "knee-self-massage-handout-large-print.pdf").is_file()  # made, but not in the print job
    large = tmp_path / "large"
    asked = ("--only", "handout-large-print", "--only", "poster-large-print")
    code, output = run("build", str(CONTENT), "--brand", str(BRAND), "--out", str(large), "--print-file", *asked)
    assert code == 0, output
    large_handout = len(pypdf.PdfReader(large / "knee-self-massage-handout-large-print.pdf").pages)
    assert len(_pages(large / "knee-self-massage-print.pdf")) == large_handout + 1


def test_the_forms_print_file_prints_two_sided_for_a_clinic_that_does(tmp_path: Path) -> None:
    """brand.yaml's `duplex: true`: the preview form's print file pads each sheet to an even page count, as
    `build --print-file` and a batch do. The form merged the sheets one-sided, so the poster printed on the back
    of the handout's last page."""
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    brand["duplex"] = True
    (tmp_path / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    shutil.copytree(BRAND.parent / "assets", tmp_path / "assets")
    built, handout = _print_file(tmp_path / "out", brand=tmp_path / "brand.yaml")
    name, data = Preview([CONTENT], tmp_path / "brand.yaml", Options()).print_file({})
    served = tmp_path / name
    served.write_bytes(data)
    assert _pages(served) == _pages(built)
    assert _pages(served)[len(pypdf.PdfReader(handout).pages)] == ""
    # The form's Duplex: "no" prints this patient's sheets one-sided (a one-sided printer at the front desk today)
    _, data = Preview([CONTENT], tmp_path / "brand.yaml", Options()).print_file({"duplex": "no"})
    served.write_bytes(data)
    assert len(_pages(served)) == len(pypdf.PdfReader(handout).pages) + 1
