"""Text is text: whatever a clinic types in any field prints exactly as typed in every output (read back from
the PDFs' text and the web copy), or the build stops with a clear error naming the file, line and key; and
`check` agrees with `build` on which.

Only the inline Markdown the README documents is read as Markdown, and only in the fields that take it, so
those fields' generated text leaves out its marks (`*` and `[`); every other field gets every character, and
CommonMark's other marks (`_`, backticks, backslashes, `![`) print as typed in every field.
"""

from __future__ import annotations

import dataclasses
import datetime
import html
import io
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pdfplumber
import pytest
import yaml
from conftest import BRAND, CONTENT, ROOT, flat, knee, run
from hyphens import dehyphenated
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from test_handout_reading import footer_rule
from test_poster_properties import BRAND_PAPERS, LANGUAGES, STYLES, brand_references, csl_option

from handouts.build import build_all
from handouts.check import check
from handouts.errors import HandoutsError
from handouts.input.options import Options
from handouts.outputs import BY_NAME, OUTPUTS
from handouts.words.references import style_path

EXAMPLES = int(os.environ.get("HANDOUTS_FUZZ_EXAMPLES", "10"))
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
# Characters a user may type that look like markup somewhere (XML, HTML, reportlab, Jinja, printf, YAML), and
# letters of the catalog languages, in fonts the sheets carry.
MARKUP_LIKE = "&<>\"'{}%#$/=;:,.!?()-+@~|^"
LETTERS_ABROAD = "ąćęłńóśźżÄÖÜßàâçéèêëîïôûùÿñ¿¡ãõŵŷαβжш–’“”…€£·"
PIECES = ["<b>x</b>", "</para>", "<br/>", "<font size='6'>", "&amp;", "&#0;", "{{ 7*7 }}", "{% if 1 %}", "%(clinic)s", "]]>"]
MARKDOWN_MARKS = "*[]"  # the README's Markdown: emphasis and links
OTHER_MARKS = "_`\\!"  # CommonMark's, not the README's: as typed everywhere


def _words(alphabet: str, pieces: list[str]) -> st.SearchStrategy[str]:
    word = st.text(alphabet=alphabet, min_size=1, max_size=12)
    part = st.one_of(word, word, st.sampled_from(pieces)) if pieces else word
    return st.lists(part, min_size=1, max_size=4).map(" ".join).map(lambda text: "Q" + text)  # never a YAML or list mark


PLAIN = _words(LETTERS + MARKUP_LIKE + LETTERS_ABROAD + MARKDOWN_MARKS + OTHER_MARKS, PIECES)
MARKDOWN = _words(
    LETTERS + MARKUP_LIKE + LETTERS_ABROAD + OTHER_MARKS,
    [*(piece for piece in PIECES if not set(piece) & set(MARKDOWN_MARKS)), "_x_", "`x`", "\\-", "C:\\x"],
)

ALL = frozenset({"handout", "large", "web"})
# field -> (where it goes in the files, whether it takes Markdown, the outputs that print it in full)
FIELDS: dict[str, tuple[tuple[str | int, ...], bool, frozenset[str]]] = {
    "title": (("content", "title"), True, ALL | {"poster"}),
    "subtitle": (("content", "subtitle"), True, ALL),
    "summary": (("content", "summary"), True, ALL),
    "heading": (("content", "sections", 0, "heading"), True, ALL),
    "safety": (("content", "safety", "title"), True, ALL | {"poster"}),
    "point": (("content", "safety", "points", 0), True, ALL),  # the poster shows its first sentence
    "routine": (("content", "routine", "title"), True, ALL),
    "step_title": (("content", "routine", "steps", 0, "title"), True, ALL),
    "step_text": (("content", "routine", "steps", 0, "text"), True, ALL),
    "cue": (("content", "routine", "steps", 0, "cue"), True, frozenset({"poster"})),
    "repeat": (("content", "routine", "steps", 0, "repeat"), True, ALL | {"poster"}),
    "finish": (("content", "finish"), True, ALL),
    "reference": (("content", "references", 1, "title"), False, ALL),
    "journal": (("content", "references", 0, "container-title"), False, ALL),
    "name": (("brand", "name"), False, ALL | {"poster"}),
    "tagline": (("brand", "tagline"), False, ALL),
    "phone": (("brand", "contact", "phone"), False, ALL | {"poster"}),
    "address": (("brand", "contact", "address"), False, ALL),
    "footer": (("brand", "footer"), False, ALL),
    "therapist": (("brand", "therapist"), False, ALL),
    "feedback": (("brand", "feedback"), True, ALL),
    "label": (("brand", "labels", "LANGUAGE", "references"), False, ALL),  # the routine's language's label
    "patient": (("options", "patient"), False, ALL),
    "note": (("options", "note"), False, ALL),
}


# The routine's language, its reference style (set in brand.yaml or with --csl) and the brand's paper.
SETTINGS = st.fixed_dictionaries(
    {
        "language": st.sampled_from(LANGUAGES),
        "style": st.sampled_from(STYLES),
        "style_in_brand": st.booleans(),
        "paper": st.sampled_from(BRAND_PAPERS),
    }
)


def _set(data: dict[str, Any], path: tuple[str | int, ...], value: str) -> None:
    for part in path[:-1]:
        data = data.setdefault(part, {}) if isinstance(part, str) else data[part]
    data[path[-1]] = value


def _squeezed(text: str) -> str:
    """Text without its white space (lines break anywhere in a PDF), quotes and dashes left as they are."""
    return re.sub(r"\s+", "", text.replace("\u00a0", " "))


def _pdf_text(data: bytes) -> str:
    """The text in the order it is drawn (a paragraph's lines together, whatever stands beside it), every page's
    content first and then the footers of a document of several pages: read page by page, a reference split
    across a page break had the page's footer between its halves, and was not found as typed (seed 8080)."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if len(pdf.pages) < 2:
            return "\n".join(page.extract_text(use_text_flow=True) for page in pdf.pages)
        rules = [footer_rule(page) for page in pdf.pages]
        content = [
            page.filter(lambda obj, rule=rule: obj.get("top", 0) < rule) for page, rule in zip(pdf.pages, rules, strict=True)
        ]
        footers = [
            page.filter(lambda obj, rule=rule: obj.get("top", 0) >= rule) for page, rule in zip(pdf.pages, rules, strict=True)
        ]
        return "\n".join(part.extract_text(use_text_flow=True) for part in [*content, *footers])


def _web_text(data: bytes) -> str:
    page = data.decode("utf-8")
    page = re.sub(r"<style>.*?</style>|<head>.*?</head>|<wbr>", "", page, flags=re.S)  # a <wbr> is a place to break, no space
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _clinic(texts: dict[str, str], setting: dict[str, Any]) -> tuple[Path, Path, Options]:
    folder = Path(tempfile.mkdtemp(prefix="text-is-text-"))
    shutil.copytree(ROOT / "assets", folder / "assets")
    data = {"content": knee(), "brand": yaml.safe_load(BRAND.read_text(encoding="utf-8")), "options": {}}
    data["content"]["routine"]["steps"] = data["content"]["routine"]["steps"][:3]
    data["content"]["language"] = setting["language"]
    data["brand"].update(paper=setting["paper"], **brand_references(setting))
    data["options"]["csl"] = csl_option(setting)
    for field, (path, _, _) in FIELDS.items():
        _set(data, tuple(setting["language"] if part == "LANGUAGE" else part for part in path), texts[field])
    (folder / "content.yaml").write_text(yaml.safe_dump(data["content"], allow_unicode=True), encoding="utf-8")
    (folder / "brand.yaml").write_text(yaml.safe_dump(data["brand"], allow_unicode=True), encoding="utf-8")
    options = Options(out=folder / "out", date=datetime.date(2026, 12, 1), **data["options"])
    return folder / "content.yaml", folder / "brand.yaml", options


def _strips_stops(style: str, variable: str) -> bool:
    """Whether the reference style prints the CSL variable without its full stops (CSL's strip-periods, as on
    AMA's journal titles: 'J. Orthop.' prints 'J Orthop', a stop inside a word goes too)."""
    root = ElementTree.parse(style_path(style)).getroot()
    return any(node.get("variable") == variable and node.get("strip-periods") == "true" for node in root.iter())


# Quotation marks a reference style may print for a straight single quote: a typographic apostrophe, or the
# locale's quotation marks around words typed in straight single quotes ('rest' prints «rest» in Spanish, in
# curly single quotes in English, „rest“ in German), as citeproc-js prints them. Read as one mark, in what was typed and in what
# printed alike (a typed “ is compared as that mark too); straight double quotes print as typed.
QUOTE_MARKS = str.maketrans(dict.fromkeys("\u2018\u2019\u201a\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a", "'"))


def _printed(text: str, where: str, field: str, style: str) -> bool:
    expected = _squeezed(text)
    path = FIELDS[field][0]
    if path[:2] == ("content", "references"):
        # The reference style's own typography, as citeproc-js prints it (the README says so): a title's case
        # may change, a closing stop is added, a straight single quote prints as an apostrophe or a quotation
        # mark (see QUOTE_MARKS), and a style may print a variable without its stops.
        stripped = _strips_stops(style, str(path[-1]))

        def styled(text: str) -> str:
            text = text.translate(QUOTE_MARKS).casefold()  # a style's title case prints 'ß' as 'SS', as JavaScript does
            return text.replace(".", "") if stripped else text

        return styled(expected).rstrip(".?!") in styled(where)
    return expected in where


# Each example builds every output twice (check, then build): no shrinking, which would take many minutes. A failing
# example is kept in Hypothesis's database and tried first on the next run (reuse): a failure seen once, on random
# seeds, was lost when the run ended.
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(st.fixed_dictionaries({field: MARKDOWN if markdown else PLAIN for field, (_, markdown, _) in FIELDS.items()}), SETTINGS)
@pytest.mark.slow
def test_every_field_prints_as_typed_or_fails_clearly_and_check_agrees(texts: dict[str, str], setting: dict[str, Any]) -> None:
    content, brand, options = _clinic(texts, setting)
    errors = [finding for finding in check(content, brand, options) if finding.level == "error"]
    try:
        built = build_all([content], brand, options)
    except HandoutsError as exc:
        event(f"a clear error: {exc.problems[0].message[:50]}")
        assert errors, f"build failed where check found nothing wrong: {exc}"
        for problem in exc.problems:  # the same error, said the same way
            assert any(str(problem) in finding.message for finding in errors), (str(problem), errors)
            assert problem.file and problem.file != "the layout", str(problem)
        return
    assert not errors, f"check found errors in files that build: {errors}"
    event("built every output")
    # Each output by its file's name: the large-print poster may be left out (a warning), and the rest are
    # not where a list in the outputs' order would put them.
    outputs = {
        output.name: path
        for output in OUTPUTS
        for path in built.written
        if path.name.endswith(f"-{output.stem}{options.personal}{output.suffix}")
    }
    # A word wider than its line is hyphenated where the dictionary allows: that hyphen is the layout's, not text.
    typed = "\n".join([*texts.values(), CONTENT.read_text(encoding="utf-8"), BRAND.read_text(encoding="utf-8")])
    handout, poster, large = (
        _squeezed(dehyphenated(_pdf_text(outputs[name].read_bytes()), setting["language"], typed))
        for name in ("handout", "poster", "handout-large-print")
    )
    web = _squeezed(_web_text(outputs["handout-html"].read_bytes()))
    printed = {"handout": handout, "large": large, "web": web, "poster": poster}
    # Every output a field is missing from, in one order: a failure named only the first output of a set's order,
    # which changes from run to run, and did not say whether the others printed the field.
    missing = [
        (field, output, text)
        for field, text in texts.items()
        for output in sorted(FIELDS[field][2])
        if not _printed(text, printed[output], field, setting["style"])
    ]
    assert not missing, missing


def test_an_address_typed_in_angle_brackets_prints_its_brackets_and_stays_a_link(make_content, workdir: Path) -> None:
    """A subtitle holding `<i8I@Iz>`, which CommonMark reads as an e-mail address to link, printed "i8I@Iz" in the
    handouts and the web copy, its brackets dropped (the property above, seed 3008): only `**`, `*` and
    `[text](address)` are the README's Markdown. The brackets print as typed, the address inside stays a link."""
    subtitle = "Qñ)Uń0 ł à<i8I@Iz> or <https://www.nhs.uk>"
    path = make_content(language="pt", subtitle=subtitle)
    only = ("handout", "handout-large-print", "handout-html")
    built = build_all([path], workdir / "brand.yaml", Options(out=workdir / "out", only=only))
    for written in built.written:
        data = written.read_bytes()
        text = _web_text(data) if written.suffix == ".html" else _pdf_text(data)
        assert _squeezed(subtitle) in _squeezed(text), written.name
        if written.suffix == ".pdf":
            with pdfplumber.open(written) as pdf:
                links = {link["uri"] for link in pdf.pages[0].hyperlinks}
        else:
            links = set(re.findall(r'href="([^"]+)"', data.decode("utf-8")))
        assert {"mailto:i8I@Iz", "https://www.nhs.uk"} <= links, written.name


def test_a_reference_title_a_style_capitalises_is_read_as_typed() -> None:
    """APA title-cases a journal's name: a word starting 'ß' prints 'SS' (Python's and JavaScript's capital of
    it), which the property above took for the field not printed as typed (seed 31337). The printed text is
    read without its white space, as the property reads it."""
    assert _printed("Qÿ·W¿ôC-źś40- {{ 7*7 }} ]]> ßx…|£[", "Qÿ·W¿ôC-Źś40-{{7*7}}]]>SSx…|£[,166(22)", "journal", "apa")


def test_a_hyphen_typed_at_a_texts_end_is_not_taken_for_the_layouts() -> None:
    """A field ending "WF-" printed just before a line that starts with a word: the reading keeps the typed hyphen
    (the property above once failed on it, the large-print handout printing the field as typed)."""
    lines = "move on. \nQP &#0; Y|WF- \nContact us"
    assert dehyphenated(lines, "en-GB", typed="QP &#0; Y|WF-") == lines
    assert dehyphenated("Gently mas-\nsage", "en-GB", typed="Gently massage") == "Gently massage"


def test_the_reference_of_the_issue_prints_as_typed_everywhere(workdir: Path) -> None:
    data = knee()
    title, url = 'Pain < 3/10 & "effort" <b>x</b>', "https://x.example/search?a=1&b=2"
    data["references"][1].update(title=title, URL=url)
    data["references"][0]["container-title"] = "Journal of Orthopaedic & Sports Physical Therapy"
    (workdir / "content.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"))
    assert code == 0 and "0 errors" in output, output
    code, output = run(
        "build", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out")
    )
    assert code == 0, output
    for path in sorted((workdir / "out").iterdir()):
        text = _squeezed(_web_text(path.read_bytes()) if path.suffix == ".html" else _pdf_text(path.read_bytes()))
        if "handout" in path.name:
            assert _squeezed(title) in text and _squeezed(url) in text, path.name
            assert _squeezed("Journal of Orthopaedic & Sports Physical Therapy") in text, path.name
        else:  # the poster's sources line names the source, not its title
            assert "NHS,2019" in text, path.name
    page = (workdir / "out" / "knee-self-massage-handout.html").read_text(encoding="utf-8")
    assert 'href="https://x.example/search?a=1&amp;b=2"' in page


def test_markup_in_a_clinic_label_prints_as_typed(workdir: Path) -> None:
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    brand["labels"] = {"en": {"references": "<font size='200'>Sources</font> & <b>more</b> 100%"}}
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    code, output = run(
        "build", str(CONTENT), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out"), "--only", "handout"
    )
    assert code == 0, output
    with pdfplumber.open(workdir / "out" / "knee-self-massage-handout.pdf") as pdf:
        words = [c for page in pdf.pages for c in page.chars]
        text = flat("\n".join(page.extract_text() for page in pdf.pages))
    assert "<font size='200'>Sources</font> & <b>more</b> 100%" in text
    assert max(c["size"] for c in words) < 40  # nothing followed the tag


def _line_of_label(brand: Path, key: str) -> int:
    """The line of `brand`'s label `key` (written under labels: en:), where its error is said."""
    lines = brand.read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if text.strip().startswith(f"{key}:"))


def test_a_label_with_another_format_is_refused_with_its_line(workdir: Path) -> None:
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    brand["labels"] = {"en": {"questions": "Call %(phone)999999999s"}}
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    code, output = run("build", str(CONTENT), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out"))
    assert code == 1
    line = _line_of_label(workdir / "brand.yaml", "questions")
    assert f"brand.yaml:{line}: labels.en.questions: '%(phone)999999999s' is not a placeholder" in output, output
    assert "Traceback" not in output


@pytest.mark.parametrize(
    ("label", "written"),
    [("Page {page} of {pages}", "{page}"), ("Page {{ page }}", "{{ page }}"), ("Page %s of %s", "%s")],
)
def test_a_placeholder_written_as_other_tools_write_it_is_refused(workdir: Path, label: str, written: str) -> None:
    """'Page {page} of {pages}' was accepted and printed as typed on every page: the handout lost its page
    numbers (and a 'Call {phone}' label its phone number) without a word."""
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    brand["labels"] = {"en": {"page": label}}
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    code, output = run("build", str(CONTENT), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out"))
    assert code == 1, output
    line = _line_of_label(workdir / "brand.yaml", "page")
    said = f"brand.yaml:{line}: labels.en.page: {written!r} is not a placeholder: write %(name)s (%(page)s, %(pages)s)"
    assert said in output, output
    assert "Traceback" not in output and not (workdir / "out").exists()


# The property's example (seed 8080) whose handout splits the first reference's journal across pages 2 and 3.
SPLIT_ACROSS_PAGES = {
    "step_text": "QTOPPADDING &amp; &#0; &#0;",
    "step_title": "Q{% if 1 %} #?Üéśa",
    "journal": "Q<b>x</b> õëfïõN%<¿è·{ </para>",
    "summary": "Q</para>",
    "reference": "QrAшm4ŷ",
    "therapist": "Q<br/>",
    "subtitle": "Q{% if 1 %} \\- _x_",
    "repeat": "Q<br/>",
    "name": "Q(",
    "tagline": "Q_Ä i2%-<+e2<Oñα WęnK=ią $",
    "label": "Q^ŷX…¿{bYR9żw ßшÿ)",
    "finish": "Q{% if 1 %}",
    "phone": "Q“",
    "point": "Q,· %(clinic)s ãîô€h2é<C_a8 z",
    "heading": "QSe `x` ”%Eć`bba)· <font size='6'>",
    "note": "QjJvżÿβś",
    "cue": "QC:\\x `x` WêïoSV6",
    "feedback": "Q<font size='6'> {% if 1 %}",
    "patient": "Q]]> <br/>",
    "safety": "Qj: Üf &amp;",
    "title": "Qhó\\·n8.ñжsrf Y(ûÿ &#0; &amp;",
    "address": "Q</para>",
    "routine": "Qn4",
    "footer": "Q&#0; <font size='6'>",
}


@pytest.mark.slow
def test_a_reference_split_across_a_page_break_is_read_whole() -> None:
    """A journal's name split across a page break was read with the page's footer between its halves, and the
    property above said it was not printed as typed (seed 8080): the PDF was right. The handout's text is read
    with every page's footer after all of its content, and the name reads whole."""
    setting = {"style": "apa", "paper": "A4", "style_in_brand": False, "language": "es"}
    content, brand, options = _clinic(SPLIT_ACROSS_PAGES, setting)
    try:
        built = build_all([content], brand, options)
        handout = dict(zip([output.name for output in OUTPUTS], built.written, strict=False))["handout"]
        with pdfplumber.open(handout) as pdf:
            pages = [flat(page.extract_text()) for page in pdf.pages]
        start, end = "randomized controlled trial. Q<b>x</b>", "õëfïõN%<¿è·{ </para>, 166(22)"
        assert [index for index, page in enumerate(pages) if start in page] == [
            index - 1 for index, page in enumerate(pages) if end in page
        ]
        text = _squeezed(_pdf_text(handout.read_bytes()))
        assert _printed(SPLIT_ACROSS_PAGES["journal"], text, "journal", "apa")
    finally:
        shutil.rmtree(content.parent, ignore_errors=True)


def test_a_word_no_dictionary_breaks_is_read_whole_where_the_layout_broke_it() -> None:
    """A word wider than its line with no dictionary point is broken between any two letters (a poster's repeat
    'Q&amp; ęéq;3FßZ”}ç<' printed 'ę-' / 'éq…'); a typed hyphen in such a word is kept."""
    assert dehyphenated("Q&amp; ę-\néq;3FßZ", "en-US", typed="Q&amp; ęéq;3FßZ") == "Q&amp; ęéq;3FßZ"
    assert dehyphenated("Q ę-\néq", "en-US", typed="Q ę-éq") == "Q ę-\néq"


# A journal the property generated (Spanish, Vancouver, letter paper), with words typed in straight single quotes:
# every output printed 'ñ4' as «ñ4», and the property said the field was not printed as typed (its report named the
# large-print handout only: the first output of a set's order, which changes from run to run).
QUOTED_JOURNAL = "Qcù`'ñ4'`weP0 ’[â <font size='6'> ęîż\\-"


def test_words_a_reference_types_in_single_quotes_are_read_in_the_locales_quotation_marks() -> None:
    """A reference's words typed in straight single quotes print in the locale's quotation marks, as citeproc-js
    prints them ("Q 'ñ4' cd" as "Q «ñ4» cd" in Spanish), read as the property reads them; a letter missing is
    still missing, and double quotes print as typed."""
    assert _printed("Q 'ñ4' cd", _squeezed("controlled trial. Q «ñ4» cd. 2006;166(22):2533-8."), "journal", "vancouver")
    printed = _squeezed("controlled trial. Qcù`«ñ4»`weP0 ’[â <font size='6’> ęîż\\-.\n2006;166(22):2533-8.")
    assert _printed(QUOTED_JOURNAL, printed, "journal", "vancouver")
    assert not _printed(QUOTED_JOURNAL, printed.replace("«ñ4»", "«ñ»"), "journal", "vancouver")
    assert not _printed("Q 'ab' cd", _squeezed('Q "ab" cd. 2006'), "journal", "vancouver")


@pytest.mark.slow
def test_a_journal_typed_in_single_quotes_is_read_as_typed_in_every_handout() -> None:
    texts = {field: "Qplain" for field in FIELDS} | {"journal": QUOTED_JOURNAL}
    setting = {"style": "vancouver", "paper": "letter", "style_in_brand": False, "language": "es"}
    content, brand, options = _clinic(texts, setting)
    only = ("handout", "handout-large-print", "handout-html")
    try:
        built = build_all([content], brand, dataclasses.replace(options, only=tuple(BY_NAME[name] for name in only)))
        for name, path in zip(only, built.written, strict=True):
            read = _web_text(path.read_bytes()) if path.suffix == ".html" else _pdf_text(path.read_bytes())
            assert _printed(QUOTED_JOURNAL, _squeezed(read), "journal", "vancouver"), name
    finally:
        shutil.rmtree(content.parent, ignore_errors=True)


# A journal whose words the marks that lean on them tie together (": ;"), wider than a large-print line, and one
# typed with a hyphen before it; the finish's length puts the page break just before that word.
HYPHEN_OPENS_A_PAGE = {field: "Qplain" for field in FIELDS} | {
    "journal": "QWWWWWWWWWWWW :WWWWWWWWWWWW ;WWWWWWWWWWWW -abcdefghijkж",
    "finish": "Q" + " word" * 112,
}


@pytest.mark.slow
def test_a_journal_word_typed_with_a_hyphen_that_opens_a_page_prints_its_hyphen() -> None:
    """The large-print handout broke the journal's tied words for its line and split the reference across pages
    4 and 5: page 5 printed 'abcdefghijkж', its typed hyphen lost (the standard handout, whose line holds the
    tied words, was right)."""
    setting = {"style": "vancouver", "paper": "letter", "style_in_brand": False, "language": "es"}
    content, brand, options = _clinic(HYPHEN_OPENS_A_PAGE, setting)
    try:
        built = build_all([content], brand, dataclasses.replace(options, only=(BY_NAME["handout-large-print"],)))
        with pdfplumber.open(built.written[0]) as pdf:
            pages = [page.extract_text() for page in pdf.pages]
        split = next(index for index, page in enumerate(pages) if ":WWWWWWWWWWWW ;WWWWWWWWWWWW\n" in page)
        assert pages[split + 1].startswith("-abcdefghijkж. 2006"), pages[split + 1][:40]
        read = _squeezed(_pdf_text(built.written[0].read_bytes()))
        assert _printed(HYPHEN_OPENS_A_PAGE["journal"], read, "journal", "vancouver")
    finally:
        shutil.rmtree(content.parent, ignore_errors=True)
