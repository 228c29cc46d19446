"""References through citeproc-py: the default Cite Them Right style, and --csl."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from conftest import BRAND, CONTENT, ROOT, flat, knee, pdf_text, run, write_content
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handouts.build import Options, build
from handouts.cli import main
from handouts.words.citeproc_format import _format
from handouts.words.markdown import cited
from handouts.words.references import STYLES


def test_cited_ids() -> None:
    assert cited("As shown [@nhs2019] and [@a; @b:2].") == (("nhs2019",), ("a", "b:2"))
    assert cited("no citation [here] or @there") == ()


@pytest.mark.slow
def test_another_csl_style(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["build", str(CONTENT), "--brand", str(BRAND), "--out", str(tmp_path), "--csl", str(ROOT / "tests/fixtures/numeric.csl")],
    )
    assert result.exit_code == 0, result.output
    text = flat(pdf_text(tmp_path / "knee-self-massage-handout.pdf"))
    assert "[1]" in text and "[2]" in text
    assert "(Perlman et al., 2006)" not in text
    # Numbered in order of first citation: Perlman (summary) before NHS (sections); uncited Atkins last.
    refs = text[text.index("References") :]
    assert refs.index("1. A.I. Perlman") < refs.index("2. NHS Overview – Osteoarthritis") < refs.index("3. D. Atkins")


def test_a_file_that_is_not_csl(tmp_path: Path) -> None:
    bad = tmp_path / "style.csl"
    bad.write_text("this is not xml")
    result = CliRunner().invoke(
        main, ["build", str(CONTENT), "--brand", str(BRAND), "--out", str(tmp_path / "o"), "--csl", str(bad)]
    )
    assert result.exit_code == 1
    assert f"error: {bad}: not a valid CSL style" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("given", ["missing.csl", "not-a-style"])
def test_a_style_file_is_read_where_nothing_is_cited(tmp_path: Path, given: str) -> None:
    """A routine with no references and a mistyped --csl built and checked without a word (check's note even
    said "references in the missing style"): the file is read all the same, so the slip is said before a
    routine with references meets it. A style given by a name that is no shipped style was already refused."""
    (tmp_path / "not-a-style").write_text("this is not xml", encoding="utf-8")
    shoulder = ROOT / "examples" / "shoulder-rolls" / "content.yaml"
    for command in (("check",), ("build", "--out", str(tmp_path / "o"))):
        code, output = run(*command, str(shoulder), "--brand", str(BRAND), "--csl", str(tmp_path / given))
        assert code == 1, output
        reason = "file not found" if given == "missing.csl" else "not a valid CSL style"
        assert f"error: {tmp_path / given}: {reason}" in output, output
        assert "Traceback" not in output
    assert not (tmp_path / "o").exists()


STYLE_TEXT = [
    ("✅ ", "no configured font has the character '✅' (U+2705) of the text the style adds"),
    ("שלום ", "the text the style adds has right-to-left text"),
]


@pytest.mark.parametrize(("added", "said"), STYLE_TEXT)
def test_a_styles_own_text_that_no_font_has_is_said_at_the_style(workdir: Path, added: str, said: str) -> None:
    """A clinic's CSL style printing words of its own (a prefix) that no font has was blamed on the shipped
    handout template, a file the clinic never wrote, with no word of the style: said at the style, by build and
    check alike, before anything is written; given in brand.yaml, at the line that names it."""
    numeric = (ROOT / "tests" / "fixtures" / "numeric.csl").read_text(encoding="utf-8")
    style = workdir / "own.csl"
    style.write_text(numeric.replace('variable="title" prefix=" "', f'variable="title" prefix=" {added}"'), encoding="utf-8")
    content, brand, out = workdir / "content.yaml", workdir / "brand.yaml", workdir / "out"
    for command in (("check",), ("build", "--out", str(out), "--only", "handout")):
        code, output = run(*command, str(content), "--brand", str(brand), "--csl", str(style))
        assert code == 1 and f"error: {style}: {said}" in output and "xml.j2" not in output, output
    assert not out.exists()
    brand.write_text(brand.read_text(encoding="utf-8") + "references: {style: own.csl}\n", encoding="utf-8")
    code, output = run("check", str(content), "--brand", str(brand))
    assert code == 1 and f"references.style: own.csl: {said}" in output, output


@pytest.mark.slow
@pytest.mark.parametrize(
    ("style", "citation", "entry"),
    [
        ("apa", "(Perlman et al., 2006)", "Perlman, A. I., Sabina, A., Williams, A.-L., Njike, V. Y., & Katz, D. L. (2006)."),
        (
            "vancouver",
            "stiffness (1).",
            "1. Perlman AI, Sabina A, Williams AL, Njike VY, Katz DL. Massage therapy for osteoarthritis",
        ),
        ("nature", "superscript", "1. Perlman, A. I., Sabina, A., Williams, A.-L., Njike, V. Y. & Katz, D. L."),
        (
            "chicago",
            "(Perlman et al. 2006)",
            "Perlman, Adam I., Alyse Sabina, Anna-Leila Williams, Valentine Yanchou Njike, and David L. Katz. 2006.",
        ),
        ("ama", "superscript", "1. Perlman AI, Sabina A, Williams AL, Njike VY, Katz DL."),
    ],
)
def test_a_shipped_style_by_name(style: str, citation: str, entry: str, tmp_path: Path) -> None:
    code, output = run("build", str(CONTENT), "--brand", str(BRAND), "--out", str(tmp_path), "--only", "handout", "--csl", style)
    assert code == 0, output
    text = flat(pdf_text(tmp_path / "knee-self-massage-handout.pdf"))
    assert entry in text
    if citation != "superscript":
        assert citation in text
        return
    # A superscript number sits on the word before it: smaller, raised, and with no space between.
    import pdfplumber

    with pdfplumber.open(tmp_path / "knee-self-massage-handout.pdf") as pdf:
        chars = pdf.pages[0].chars
    word = "".join(c["text"] for c in chars)
    end = word.index("stiffness") + len("stiffness") - 1
    letter, number = chars[end], chars[end + 1]
    assert number["text"] == "1" and number["size"] < letter["size"] and number["top"] < letter["top"]
    assert number["x0"] - letter["x1"] < 1.0 and "(Perlman" not in text


@pytest.mark.slow
def test_superscript_citations_keep_the_size_floors(tmp_path: Path) -> None:
    """A superscript number is set smaller than its line only where that stays at the sheet's floor: in large
    print's 18 pt text and the poster's 12 pt sources line it keeps its line's size, raised (it was 16 and 10 pt)."""
    import pdfplumber

    only = ("--only", "handout-large-print", "--only", "poster")
    code, output = run("build", str(CONTENT), "--brand", str(BRAND), "--out", str(tmp_path), *only, "--csl", "nature")
    assert code == 0, output
    for name, floor in (("handout-large-print", 18), ("poster", 12)):
        with pdfplumber.open(tmp_path / f"knee-self-massage-{name}.pdf") as pdf:
            chars = [c for page in pdf.pages for c in page.chars if c["text"].strip()]
        assert min(c["size"] for c in chars) >= floor - 0.01, name
    with pdfplumber.open(tmp_path / "knee-self-massage-handout-large-print.pdf") as pdf:
        chars = pdf.pages[0].chars
    end = "".join(c["text"] for c in chars).index("stiffness") + len("stiffness") - 1
    letter, number = chars[end], chars[end + 1]
    assert number["text"] == "1" and number["top"] < letter["top"] and number["x0"] - letter["x1"] < 1.0


def test_the_brand_chooses_the_style_and_a_wrong_name_is_an_error(workdir: Path) -> None:
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8") + "references: {style: apa}\n", encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(brand))
    assert code == 0 and "references in the apa style (shipped: harvard-cite-them-right," in output
    assert "vancouver); choose another with --csl or references.style in brand.yaml\n" in output, output
    brand.write_text(brand.read_text(encoding="utf-8").replace("style: apa", "style: vancover"), encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(brand))
    assert code == 1 and "references.style: unknown reference style 'vancover' (did you mean 'vancouver'?)" in output


def test_check_names_no_reference_style_for_a_routine_without_references(tmp_path: Path) -> None:
    """A routine with no references was told "references in the harvard-cite-them-right style (shipped: …)":
    a style it prints nothing in. init's starter has none."""
    code, output = run("init", str(tmp_path), "--content", "--no-input")
    assert code == 0, output
    code, output = run("check", str(tmp_path / "content.yaml"), "--csl", "apa")
    assert code == 0 and "0 errors" in output, output
    assert "style (shipped:" not in output


@pytest.mark.slow
def test_same_author_and_year_get_year_suffixes_everywhere(make_content, workdir: Path) -> None:
    """Two NHS pages from 2019: "(NHS, 2019a)" and "(NHS, 2019b)" in the text, the list and the poster's sources,
    lettered in the list's order (Knee pain before Overview), as Cite Them Right and citeproc-js print them."""

    routine = knee()
    knee_pain = {
        "id": "nhs2019knee",
        "type": "webpage",
        "title": "Knee pain",
        "author": [{"literal": "NHS"}],
        "URL": "https://www.nhs.uk/conditions/knee-pain/",
        "issued": 2019,
        "accessed": "2022-05-09",
    }
    sections = routine["sections"]
    sections[0]["body"] = sections[0]["body"].replace("see the NHS website [@nhs2019]", "see the NHS website [@nhs2019knee]")
    path = make_content(sections=sections, references=[*routine["references"], knee_pain])
    code, output = run("build", str(path), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out"))
    assert code == 0, output
    handout = flat(pdf_text(workdir / "out" / "knee-self-massage-handout.pdf"))
    assert "in the UK (NHS, 2019b)." in handout and "NHS website (NHS, 2019a)." in handout
    listed = handout[handout.index("References") :]
    assert listed.index("NHS (2019a) Knee pain.") < listed.index("NHS (2019b) Overview – Osteoarthritis.")
    poster = flat(pdf_text(workdir / "out" / "knee-self-massage-poster.pdf"))
    assert "NHS, 2019a, 2019b" in poster or "NHS, 2019b, 2019a" in poster


def test_undated_pages_of_one_author_cited_together_share_the_name(make_content, workdir: Path) -> None:
    """Two undated NHS pages cited together in a German sheet: "(NHS, ohne Datum a, ohne Datum b)", as
    citeproc-js prints it; the name was printed for each ("NHS, ohne Datum a; NHS, ohne Datum b")."""
    routine = knee()
    pages = [
        {"id": f"nhs-{topic}", "type": "webpage", "title": title, "author": [{"literal": "NHS"}], "URL": url}
        for topic, title, url in (
            ("dvt", "DVT (deep vein thrombosis)", "https://www.nhs.uk/conditions/deep-vein-thrombosis-dvt/"),
            ("cellulitis", "Cellulitis", "https://www.nhs.uk/conditions/cellulitis/"),
        )
    ]
    sections = routine["sections"]
    sections[0]["body"] = sections[0]["body"].replace("[@nhs2019]", "[@nhs-cellulitis; @nhs-dvt]", 1)
    path = make_content(language="de", sections=sections, references=[*routine["references"], *pages])
    out = workdir / "out"
    code, output = run("build", str(path), "--brand", str(workdir / "brand.yaml"), "--out", str(out), "--only", "handout")
    assert code == 0, output
    handout = flat(pdf_text(out / "knee-self-massage-handout.pdf"))
    assert "(NHS, ohne Datum a, ohne Datum b)" in handout


def test_reference_links_go_where_the_csl_data_says_in_the_pdf_and_the_web_copy(make_content, workdir: Path) -> None:
    """The handout's link annotations and the web copy's links go to a reference's URL as given, brackets and
    words after a space included, and to its DOI at doi.org once; the list prints the addresses as typed."""
    import lxml.html
    import pdfplumber

    from handouts.build import Options, build

    def webpage(key: str, url: str) -> dict[str, object]:
        return {"id": key, "type": "webpage", "title": key, "author": [{"literal": "Wiki"}], "issued": 2020, "URL": url}

    article = {"type": "article-journal", "title": "Trial", "container-title": "Journal", "issued": 2021}
    added = [
        webpage("knee", "https://en.wikipedia.org/wiki/Knee_(anatomy)"),
        webpage("space", 'https://e.com/a b"c<d>'),
        {**article, "id": "doiaddress", "author": [{"family": "Doe", "given": "B."}], "DOI": "https://doi.org/10.1/x"},
        {**article, "id": "doispace", "author": [{"family": "Ray", "given": "C."}], "DOI": "10.1000/x y"},
    ]
    path = make_content(references=[*knee()["references"], *added])
    built = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout", "handout-html")))
    pdf, page = sorted(built, key=lambda built_path: built_path.suffix != ".pdf")
    expected = {
        "https://en.wikipedia.org/wiki/Knee_(anatomy)",
        "https://e.com/a%20b%22c%3Cd%3E",
        "https://doi.org/10.1/x",
        "https://doi.org/10.1000/x%20y",
    }
    with pdfplumber.open(pdf) as document:
        annotated = {link["uri"] for sheet in document.pages for link in sheet.hyperlinks}
    tree = lxml.html.fromstring(page.read_bytes())
    listed = {link.get("href"): link.text_content() for link in tree.xpath("//ul[@class='references']//a")}
    assert expected <= annotated and expected <= listed.keys()
    assert not {uri for uri in annotated | listed.keys() if uri.endswith("(anatomy") or uri.count("doi.org") > 1}
    assert listed["https://e.com/a%20b%22c%3Cd%3E"] == 'https://e.com/a b"c<d>'
    assert listed["https://doi.org/10.1/x"] == "https://doi.org/https://doi.org/10.1/x"  # printed as citeproc-js does
    printed = "".join(pdf_text(pdf).split())
    for typed in ("https://en.wikipedia.org/wiki/Knee_(anatomy).", 'https://e.com/ab"c<d>.', "https://doi.org/10.1000/xy."):
        assert typed in printed


def test_a_doi_or_url_typed_with_spaces_around_it_links_to_itself(make_content, workdir: Path) -> None:
    """A DOI or URL copied with a space before or after it, in quotes: the entry printed "https://doi.org/ 10.1/x",
    with the resolver alone as the link and the DOI after it unlinked (an address with a space before it, as
    text). Printed and linked as the address it is."""
    from handouts.build import Options, build

    article = {"type": "article-journal", "title": "Trial", "container-title": "Journal", "issued": 2021}
    added = [
        {**article, "id": "spaced", "author": [{"family": "Doe", "given": "B."}], "DOI": " 10.1/x "},
        {**article, "id": "spacedurl", "author": [{"family": "Ray", "given": "C."}], "URL": " https://e.com/y\n"},
    ]
    path = make_content(references=[*knee()["references"], *added])
    built = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout-html",)))
    tree = lxml.html.fromstring(built[0].read_bytes())
    listed = {link.get("href"): link.text_content() for link in tree.xpath("//ul[@class='references']//a")}
    assert listed.get("https://doi.org/10.1/x") == "https://doi.org/10.1/x", listed
    assert listed.get("https://e.com/y") == "https://e.com/y", listed
    assert "https://doi.org/" not in listed, listed


def test_a_backslash_before_a_bracket_prints_the_citation_as_typed(make_content, workdir: Path) -> None:
    """`\\[@r1]`, `[@r1\\]` and `\\[@r1\\]` are text, not citations, in every output and in `check`: nothing
    cites r1 (`check` says so), and an escaped id no reference has is no error."""
    routine = knee()
    r1 = {"id": "r1", "type": "webpage", "title": "Knee care", "author": [{"literal": "Arthritis UK"}], "issued": 2021}
    steps = routine["routine"]["steps"]
    steps[0] = {**steps[0], "text": "Move gently \\[@r1\\], then [@r1\\] and \\[@nosuch\\].", "cue": "Move gently \\[@r1]."}
    path = make_content(routine={**routine["routine"], "steps": steps}, references=[*routine["references"], r1])
    brand = str(workdir / "brand.yaml")
    code, output = run("check", str(path), "--brand", brand)
    assert code == 0, output
    assert "reference 'r1' is never cited" in output and "xml.j2" not in output
    out = workdir / "out"
    only = ("--only", "handout", "--only", "poster", "--only", "handout-html")
    code, output = run("build", str(path), "--brand", brand, "--out", str(out), *only)
    assert code == 0, output
    handout = flat(pdf_text(out / "knee-self-massage-handout.pdf"))
    assert "Move gently [@r1], then [@r1] and [@nosuch]." in handout and "(Arthritis UK, 2021)" not in handout
    assert "Move gently [@r1]." in flat(pdf_text(out / "knee-self-massage-poster.pdf"))
    page = lxml.html.fromstring((out / "knee-self-massage-handout.html").read_bytes())
    (step,) = page.xpath("//ol[@class='steps']/li[1]")
    assert "Move gently [@r1], then [@r1] and [@nosuch]." in flat(step.text_content()) and not step.xpath(".//cite")


def test_a_citation_in_the_brand_prints_as_typed(make_content, workdir: Path) -> None:
    """brand.yaml has no references (one brand serves many routines): `[@id]` in its feedback line is text."""
    brand = workdir / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    brand.write_text(re.sub(r"(?m)^feedback: .*$", 'feedback: "Tell us [@nosuch] or [@nhs2019]."', text), encoding="utf-8")
    code, output = run("build", str(make_content()), "--brand", str(brand), "--out", str(workdir / "out"), "--only", "handout")
    assert code == 0, output
    assert "Tell us [@nosuch] or [@nhs2019]." in flat(pdf_text(workdir / "out" / "knee-self-massage-handout.pdf"))


@pytest.mark.parametrize(
    ("language", "accessed", "not_said"), [("en-IE", "9 May 2022", "May 9, 2022"), ("en-CA", "May 9, 2022", "9 May 2022")]
)
def test_an_english_sheet_dates_its_references_as_it_dates_itself(
    make_content, workdir: Path, language: str, accessed: str, not_said: str
) -> None:
    """CSL has British and American English only: an Irish sheet printed "published 28 November 2026" and
    "(Accessed: May 9, 2022)", with American quotes, on one page. A variant without its own CSL locale takes
    the one whose dates its own dates follow."""
    content = make_content(language=language)
    brand = workdir / "brand.yaml"
    country = language.split("-")[1]
    clinic = brand.read_text(encoding="utf-8").replace("country: GB", f"country: {country}")
    brand.write_text(clinic.replace("contact:", 'contact:\n  emergency: "112"\n  urgent: "116 117"'), encoding="utf-8")
    code, output = run("build", str(content), "--brand", str(brand), "--out", str(workdir / "out"), "--only", "handout")
    assert code == 0, output
    text = flat(pdf_text(workdir / "out" / "knee-self-massage-handout.pdf")).replace("\u00a0", " ")
    assert f"(Accessed: {accessed})" in text and not_said not in text


@pytest.mark.parametrize(
    ("title", "printed"),
    [
        ("Knee pain in runners'", "Knee pain in runners’."),  # an apostrophe: the stop stays after it
        ("Knee pain in runners’", "Knee pain in runners’."),
        ("Knee pain in “runners”", "Knee pain in “runners.”"),  # a closing quote: American English moves it in
        ("Knee pain in ‘runners’", "Knee pain in ‘runners.’"),
        ("The ‘runners’ knee’", "The ‘runners’ knee’."),  # the quote closed already: an apostrophe
        ("Don’t ‘stop’", "Don’t ‘stop.’"),
    ],
)
def test_american_english_moves_a_stop_inside_a_closing_quote_not_past_an_apostrophe(title: str, printed: str) -> None:
    """A title ending with a possessive ("runners'") printed its stop before the apostrophe in American English
    (APA, AMA), which was taken for a closing quote; citeproc-js prints the stop after it (a generated routine
    found it, in a journal's name before AMA's comma)."""
    item = {"id": "a", "type": "article-journal", "title": title, "container-title": "J", "issued": {"date-parts": [[2020]]}}
    references = _format(json.dumps([item]), (("a",),), STYLES / "apa.csl", (STYLES / "apa.csl").read_bytes(), "en-US")
    assert printed in references.entries[0]


@pytest.mark.parametrize(
    ("csl", "language", "said"),
    [
        ("vancouver", "en-GB", "Sources: listed in your handout"),
        ("nature", "en-GB", "Sources: listed in your handout"),
        ("american-medical-association", "de", "Quellen: in Ihrem Merkblatt aufgeführt"),
        ("apa", "en-GB", "Sources: NHS, 2019; Perlman et al., 2006"),
    ],
)
def test_a_posters_sources_line_names_its_sources_or_where_they_are(
    make_content, workdir: Path, csl: str, language: str, said: str
) -> None:
    """A numbered style cites by numbers that only the handout's list explains: the poster's sources line read
    "Sources: 1,2,3,4,5,6,7,8,9,10,11" (Vancouver) or the same in superscript (Nature, AMA), on a sheet with no
    list. It says where the sources are; an author-date style names them, as before."""
    content = make_content(language=language)
    out = workdir / "out"
    code, output = run(
        "build", str(content), "--brand", str(workdir / "brand.yaml"), "--out", str(out), "--only", "poster", "--csl", csl
    )
    assert code == 0, output
    text = flat(pdf_text(out / "knee-self-massage-poster.pdf")).replace("\u00a0", " ")
    assert said in text, text
    assert not re.search(r"(Sources|Quellen): ?[\d¹²³⁴⁵⁶⁷⁸⁹⁰]", text), text


def test_a_clinics_own_style_edited_between_builds_is_read_again(tmp_path: Path) -> None:
    """`serve` builds again in the same process when a file changes: a clinic's own CSL style, edited to cite in
    brackets, still printed the citations as the style was first read, however often it was saved."""
    style = tmp_path / "ours.csl"
    style.write_bytes((STYLES / "harvard-cite-them-right.csl").read_bytes())
    args = ("build", str(CONTENT), "--brand", str(BRAND), "--only", "handout", "--csl", str(style), "--out")
    code, output = run(*args, str(tmp_path / "before"))
    assert code == 0, output
    assert "(NHS" in flat(pdf_text(tmp_path / "before" / "knee-self-massage-handout.pdf"))
    text = style.read_text(encoding="utf-8").replace('<layout prefix="(" suffix=")"', '<layout prefix="[[" suffix="]]"')
    style.write_text(text, encoding="utf-8")
    code, output = run(*args, str(tmp_path / "after"))
    assert code == 0, output
    printed = flat(pdf_text(tmp_path / "after" / "knee-self-massage-handout.pdf"))
    assert "[[NHS" in printed and "(NHS" not in printed


def test_whether_a_style_element_prints_a_variable_is_worked_out_once_per_element(monkeypatch: pytest.MonkeyPatch) -> None:
    """citeproc-py asked each child of every group it rendered whether it prints a variable, walking the child's
    macros every time: 600,000 walks for one Chicago reference list. Each element's answer is now found once."""
    from collections import Counter

    from handouts.words import citeproc_lookups

    asked: Counter[int] = Counter()
    found = citeproc_lookups._calls_variable

    def counted(element: object) -> bool:
        asked[id(element)] += 1
        return bool(found(element))

    monkeypatch.setattr(citeproc_lookups, "_calls_variable", counted)
    from handouts.input.models import Reference
    from handouts.words.citeproc_format import _read_style, formatted

    _read_style.cache_clear()  # a style read afresh: none of its elements' answers found yet
    items = [Reference.model_validate(reference).csl() for reference in knee()["references"]]
    references = formatted(items, tuple((item["id"],) for item in items), STYLES / "chicago-author-date.csl", "en-GB", ())
    assert len(references.entries) == len(items)
    assert asked and max(asked.values()) == 1, asked.most_common(3)


def test_a_numbered_style_numbers_sources_in_the_order_the_handout_cites_them(make_content, workdir: Path) -> None:
    """Vancouver numbers sources in the order the text first cites them. The poster's cues, which the handout
    never prints, were counted where they stand in the file, and the help box, which the handout prints before
    the steps, after them: the handout read "(1)", then "(3)", then "(2)". It reads 1, 2, 3, 4 down the page."""
    book = {"type": "book", "publisher": "Books of Discovery", "issued": 2019}
    references = [{"id": name, "title": f"Book {name}", "author": [{"family": name.title()}], **book} for name in "abcd"]
    steps = [
        {"title": "Sit", "text": "Sit on a chair [@b].", "cue": "Sit on a chair [@d]"},
        {"title": "Rub", "text": "Rub the thigh [@c].", "cue": "Rub the thigh [@b]"},
        {"title": "Rest", "text": "Rest a while [@d]."},
    ]
    help_ = [{"sign": "The knee is hot and red [@a].", "action": "call-clinic", "short": "Hot, red knee"}]
    path = make_content(
        sections=None,
        summary=None,
        references=references,
        further_reading=None,
        help=help_,
        routine={"title": "Steps", "steps": steps},
    )
    out = workdir / "out"
    code, output = run("build", str(path), "--brand", str(workdir / "brand.yaml"), "--out", str(out), "--csl", "vancouver")
    assert code == 0, output
    handout = flat(pdf_text(out / "knee-self-massage-handout.pdf"))
    texts = ["hot and red", "Sit on a chair", "Rub the thigh", "Rest a while"]
    cited = [handout.find(f"{words} ({number})") for number, words in enumerate(texts, 1)]
    assert -1 not in cited and cited == sorted(cited), handout
    assert all(f"{number}. {name.upper()}. Book {name}." in handout for number, name in enumerate("abcd", 1)), handout


@pytest.mark.slow
@pytest.mark.parametrize("output", ["handout", "handout-large-print"])
def test_a_numbered_styles_numbers_stand_in_a_column_of_their_own(tmp_path: Path, output: str) -> None:
    """Vancouver's numbers, 1 to 12 (the further reading's too), were printed at the start of each entry's text:
    "10." pushed its first line further than "9." did, and the lines after hung at an indent of their own. Each
    number now ends where the widest ends, and every line of every entry starts at one edge after them, as a
    numbered list's. The tags read each number as its item's label (Lbl), its text as the item's body."""
    import pikepdf
    from tagged import elements

    knee_routine = ROOT / "content.yaml"  # twelve sources
    files = (str(knee_routine), "--brand", str(BRAND), "--out", str(tmp_path))
    code, output_ = run("build", *files, "--csl", "vancouver", "--only", output)
    assert code == 0, output_
    pdf_path = tmp_path / f"knee-self-massage-{output}.pdf"
    labels, starts = _numbered_entries(pdf_path)
    assert [number for number, _, _ in labels] == [f"{n}." for n in range(1, 13)]
    _assert_in_a_column(labels, starts)
    with pikepdf.open(pdf_path) as pdf:
        items = [e for e in elements(pdf) if str(e.S) == "/LI"]
        labelled = [e for e in items if [str(kid.S) for kid in e.K if isinstance(kid, pikepdf.Dictionary)][:1] == ["/Lbl"]]
        assert len(labelled) >= 12  # the references' items among the lists'


def _numbered_entries(pdf_path: Path) -> tuple[list[tuple[str, float, float]], set[float]]:
    """A handout's numbered references and further reading, read back: each number as printed and where it starts
    and ends, and where each line of the entries starts (the footers left out)."""
    import pdfplumber

    labels: list[tuple[str, float, float]] = []
    starts: set[float] = set()
    with pdfplumber.open(pdf_path) as pdf:
        found = False
        for page in pdf.pages:
            lines: dict[float, list[dict]] = {}
            top = -10.0
            for word in sorted(page.extract_words(), key=lambda word: word["top"]):
                top = top if word["top"] - top < 2 else word["top"]  # a line's words, a number's top a little off
                lines.setdefault(top, []).append(word)
            for line in lines.values():
                line.sort(key=lambda word: word["x0"])
            texts = {top: " ".join(word["text"] for word in line) for top, line in lines.items()}
            footer = min(top for top, text in texts.items() if re.search(r"Page \d+ of \d+", text)) - 3  # its lines from here
            for top in sorted(lines):
                line, text = lines[top], texts[top]
                if text == "References":
                    found = True
                    continue
                if not found or text == "Further reading" or text.startswith("About this leaflet"):
                    found = found and not text.startswith("About this leaflet")
                    continue
                if top >= footer:
                    continue
                if line[0]["text"] == f"{len(labels) + 1}.":  # the next number, not a year that opens a line
                    labels.append((line[0]["text"], line[0]["x0"], line[0]["x1"]))
                    starts.add(round(line[1]["x0"], 1))
                else:
                    starts.add(round(line[0]["x0"], 1))
    return labels, starts


def _assert_in_a_column(labels: list[tuple[str, float, float]], starts: set[float]) -> None:
    """Every number ends where the widest does ("9." where "10."), or, where all are as long (1 to 9), starts at
    the column's edge, and every line of every entry starts at one edge after them."""
    aligned = [end for _, _, end in labels] if len({len(number) for number, _, _ in labels}) > 1 else [x for _, x, _ in labels]
    assert max(aligned) - min(aligned) < 0.5, labels
    ends = [end for _, _, end in labels]
    assert len(starts) == 1, starts  # first lines and the lines after: one edge
    assert min(starts) > max(ends)


REFERENCE_WORDS = st.sampled_from(
    ["Massage", "knee", "osteoarthritis:", "Self-Care", "trial", "&", "a", "Physiotherapiebehandlung"]
)


@pytest.mark.slow
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    titles=st.lists(st.lists(REFERENCE_WORDS, min_size=1, max_size=14).map(" ".join), min_size=1, max_size=30),
    paper=st.sampled_from(["A4", "letter"]),
    large=st.booleans(),
)
def test_any_numbered_list_of_references_stands_in_a_column(titles: list[str], paper: str, large: bool) -> None:
    """One to thirty sources of titles long and short, on either paper, in standard or large print: every number
    in the column, every line of the entries at one edge, numbered in order."""
    with tempfile.TemporaryDirectory(prefix="numbered-") as name:  # each example's folder, removed after it
        folder = Path(name)
        references = knee()["references"] + [  # the routine's own, cited in its sections, and these
            {"id": f"s{n}", "type": "book", "title": title, "author": [{"family": "Smith"}], "issued": 2000 + n}
            for n, title in enumerate(titles, 1)
        ]
        cites = "; ".join(f"@s{n}" for n in range(1, len(titles) + 1))
        content = write_content(folder, summary=f"Massage eases the knee [{cites}].", references=references, further_reading=None)
        only = ("handout-large-print",) if large else ("handout",)
        (pdf_path,) = build(content, BRAND, Options(out=folder / "out", paper=paper, csl=STYLES / "vancouver.csl", only=only))
        labels, starts = _numbered_entries(pdf_path)
        assert [number for number, _, _ in labels] == [f"{n}." for n in range(1, len(references) + 1)]
        _assert_in_a_column(labels, starts)


@pytest.mark.parametrize(("number", "printed"), [('suffix=")"', "1)"), ('prefix="(" suffix=")"', "(1)"), ('suffix=":"', "1:")])
def test_a_clinics_numbered_style_keeps_its_numbers_marks(tmp_path: Path, number: str, printed: str) -> None:
    """A numbered style whose numbers read "1)" was printed "1 )Perlman AI", its mark on the text, and one whose
    numbers read "(1)" "(1)Perlman AI", no space at all: the number is the whole field, its marks with it, in the
    number's column in print and the list's marker in the web copy."""
    vancouver = (STYLES / "vancouver.csl").read_text(encoding="utf-8")
    style = tmp_path / "clinic.csl"
    numbers = vancouver.replace('<text suffix="." variable="citation-number"/>', f'<text {number} variable="citation-number"/>')
    assert numbers != vancouver
    style.write_text(numbers, encoding="utf-8")
    out = tmp_path / "out"
    code, output = run("build", str(CONTENT), "--brand", str(BRAND), "--out", str(out), "--csl", str(style))
    assert code == 0, output
    text = flat(pdf_text(out / "knee-self-massage-handout.pdf"))
    assert f"{printed} Perlman AI, Sabina A" in text, text[text.index("References") :]
    page = (out / "knee-self-massage-handout.html").read_text(encoding="utf-8")
    first = lxml.html.fromstring(page).xpath("//ol[@class='references']/li")[0]
    marker = re.sub(r"\\([0-9a-f]+) ?", lambda code: chr(int(code.group(1), 16)), first.get("style", ""))  # CSS escapes
    assert first.text_content().startswith("Perlman AI, Sabina A") and f"list-style-type: '{printed} '" in marker, page


@pytest.mark.parametrize(
    ("given", "harvard", "vancouver"),
    [
        ("john", "Ng, john (2020)", "Ng john."),
        ("Mary-jane", "Ng, M. (2020)", "Ng M jane."),
        ("a.b.", "Ng, a. b. (2020)", "Ng a. b."),
    ],
)
def test_a_given_name_typed_in_lower_case_prints_as_citeproc_js_prints_it(
    make_content, workdir: Path, given: str, harvard: str, vancouver: str
) -> None:
    """A given name with a word or a part in lower case ("john", "Mary-jane", as copied from a web page) printed
    stray full stops where no initial was: "Ng, . john . (2020)", "Ng, M.-. jane . (2020)". It prints as
    citeproc-js prints it: the lower-case word as typed, a lower-case part after a hyphen left out where the
    style initializes with hyphens (Cite Them Right), kept where it does not (Vancouver)."""
    book = {"id": "ng2020", "type": "book", "title": "Knee care", "author": [{"family": "Ng", "given": given}], "issued": 2020}
    path = make_content(references=[*knee()["references"], book], further_reading=["ng2020"])
    for style, printed in (("harvard", harvard), ("vancouver", vancouver)):
        out = workdir / style
        code, output = run("build", str(path), "--brand", str(workdir / "brand.yaml"), "--out", str(out), "--csl", style)
        assert code == 0, output
        listed = flat(pdf_text(out / "knee-self-massage-handout.pdf"))
        assert printed in listed and " . " not in listed, listed
        page = lxml.html.fromstring((out / "knee-self-massage-handout.html").read_bytes())
        assert printed in flat(page.text_content())


@pytest.mark.parametrize(
    ("language", "printed"),
    [("en-GB", "‘Knee Care at Home.’ Example Journal"), ("en-US", "“Knee Care at Home.” Example Journal")],
)
def test_a_title_ending_in_a_full_stop_prints_one_in_chicago(make_content, workdir: Path, language: str, printed: str) -> None:
    """A title copied with its full stop (as PubMed gives every title) printed two in Chicago, which quotes it and
    puts its own after it: "\u2018Knee Care at Home.\u2019." and, with American English's stop moved inside the
    quote, "\u201cKnee Care at Home..\u201d". citeproc-js prints the title's alone."""
    article = {
        "id": "ng2020",
        "type": "article-journal",
        "title": "Knee care at home.",
        "author": [{"family": "Ng", "given": "Anna"}],
        "container-title": "Example Journal",
        "issued": 2020,
    }
    path = make_content(language=language, references=[*knee()["references"], article], further_reading=["ng2020"])
    out = workdir / "out"
    code, output = run("build", str(path), "--brand", str(workdir / "brand.yaml"), "--out", str(out), "--csl", "chicago")
    assert code == 0, output
    assert printed in flat(pdf_text(out / "knee-self-massage-handout.pdf"))
    page = lxml.html.fromstring((out / "knee-self-massage-handout.html").read_bytes())
    assert printed in flat(page.text_content())


def test_one_source_under_two_ids_is_warned_of_in_check_and_build(make_content, workdir: Path) -> None:
    """The same paper pasted twice under two ids (once from PubMed, its DOI with its address; once from Zotero)
    printed twice in the list, cited as two works ("Perlman et al., 2006a" and "2006b"), with nothing said."""
    routine = knee()
    perlman = next(ref for ref in routine["references"] if ref["id"] == "perlman2006")
    again = {**perlman, "id": "perlman-pubmed", "DOI": "https://doi.org/" + perlman["DOI"].upper()}
    copied = {**routine["references"][-1], "id": "copied", "accessed": "2026-01-02"}
    references = [*routine["references"], again, copied]
    path = make_content(references=references, further_reading=["perlman-pubmed", "copied"])
    said = [
        f"references[{len(references) - 1}]: reference 'perlman-pubmed' has the same DOI as reference 'perlman2006', "
        "so the list prints one source twice: cite it by one id and delete the other [duplicate-reference]",
        f"references[{len(references)}]: reference 'copied' says the same of its source as reference "
        f"'{routine['references'][-1]['id']}', so the list prints one source twice",
    ]
    for command in ("check", "build"):
        code, output = run(command, str(path), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out"))
        assert code == 0 and all(line in output for line in said), output
    code, output = run("check", str(make_content()), "--brand", str(workdir / "brand.yaml"))
    assert code == 0 and "[duplicate-reference]" not in output, output


@pytest.mark.parametrize(("key", "typed"), [("title", ""), ("DOI", " "), ("container-title", "\u200b")])
def test_a_reference_field_left_blank_is_an_error_at_its_line(make_content, workdir: Path, key: str, typed: str) -> None:
    """A field typed with nothing in its quotes (`title: ''`, `DOI: ' '`, as a copied template leaves one) was
    read as given, where `title:` alone was refused: a blank title printed an empty pair of quotes in Chicago,
    and a blank DOI stood in for the web address a style prints only where there is no DOI, so the page's
    address was lost from the entry. Check and build both stop at the field's line, and nothing is written."""
    page = {"id": "page", "type": "webpage", "title": "Knee care", "URL": "https://www.example.org/knees", key: typed}
    path = make_content(references=[*knee()["references"], page])
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("- id: page")
    line = next(number for number, text in enumerate(lines[start:], start + 1) if text.lstrip().startswith(f"{key}:"))
    said = f"{path}:{line}: references[{len(knee()['references']) + 1}].{key}: "
    for command in (("check",), ("build", "--out", str(workdir / "out"))):
        code, output = run(*command, str(path), "--brand", str(workdir / "brand.yaml"))
        assert code == 1, output
        assert said in output, output
        assert "Traceback" not in output
    assert not (workdir / "out").exists()
