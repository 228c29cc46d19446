"""A reference whose `language` is not the routine's has its titles marked with that language, so that a screen
reader reads an English source's title in a Welsh or Greek sheet with an English voice (WCAG 3.1.2): a Span with
/Lang in the tagged PDF, an element with `lang` in the web copy. Read back from both, in every shipped style."""

from __future__ import annotations

import contextlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from conftest import BRAND, knee
from tagged import pdfua_findings, spans, words

from handouts.build import render
from handouts.input.models import Reference
from handouts.input.options import Options
from handouts.job import prepare
from handouts.outputs import BY_NAME
from handouts.words import references, title_languages
from handouts.words.references import format_references, shipped_styles, style_path

# The knee routine's references: two English sources that say so, and the NHS page, which says no language
# (read as in the routine's).
SAID = {"perlman2006": "en-US", "atkins2015": "en-US"}
TITLES = ("title", "container-title", "collection-title")
CORPUS = Path(__file__).parent / "fixtures" / "references.yaml"  # 27 varied items (see test_citeproc_oracle.py)
SPAN = re.compile(r'<span lang="en-US">|</span>')
QUOTES = str.maketrans(dict.fromkeys('\u2018\u2019\u201a\u201c\u201d\u201e\u00ab\u00bb"', "'"))  # quotes as a locale prints them


class _Marked(HTMLParser):
    """The text of each element with a `lang` attribute, in order, with its language."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self._open: list[int | None] = []  # for each open element: where in `found` its text goes, if it has a lang

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        lang = dict(attrs).get("lang")
        self._open.append(len(self.found) if lang else None)
        if lang:
            self.found.append(("", lang))

    def handle_endtag(self, tag: str) -> None:
        self._open.pop()

    def handle_data(self, data: str) -> None:
        for at in (at for at in self._open if at is not None):
            text, lang = self.found[at]
            self.found[at] = (text + data, lang)


def _routine(folder: Path, language: str, said: dict[str, str], anonymous: tuple[str, ...] = ()) -> Path:
    content = knee()
    content["language"] = language
    for reference in content["references"]:
        if reference["id"] in said:
            reference["language"] = said[reference["id"]]
        if reference["id"] in anonymous:
            del reference["author"]
    path = folder / "content.yaml"
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _built(
    folder: Path, language: str, style: str, said: dict[str, str], anonymous: tuple[str, ...] = ()
) -> tuple[list[tuple[str, str]], str, Any]:
    """The handout's Spans (text, /Lang), its web copy and the routine's model, in `style`; the references in
    `anonymous` without their authors."""
    job = prepare(_routine(folder, language, said, anonymous), BRAND, Options(out=folder, csl=style))
    pdf = folder / "handout.pdf"
    pdf.write_bytes(render(job, BY_NAME["handout"]).data)
    page = render(job, BY_NAME["handout-html"]).data.decode("utf-8")
    return spans(pdf), page, job.content.model


def _marked_in(page: str) -> list[tuple[str, str]]:
    """What is marked with a language in a web page."""
    parser = _Marked()
    parser.feed(page)
    return parser.found


def _marked_in_html(page: str) -> list[tuple[str, str]]:
    """What is marked with a language in the web copy's reference lists."""
    parser = _Marked()
    lists = re.finditer(r'<([ou]l) class="references"[^>]*>.*?</\1>', page, flags=re.DOTALL)  # a numbered style's: <ol>
    parser.feed("".join(found.group(0) for found in lists))
    return parser.found


def _said(text: str) -> str:
    return " ".join(words(text)).casefold()


@pytest.mark.slow
@pytest.mark.parametrize("style", shipped_styles())
@pytest.mark.parametrize("language", ["cy", "el"])
def test_an_english_sources_titles_are_said_in_english(tmp_path: Path, language: str, style: str) -> None:
    """In a Welsh and a Greek routine, an English source's title (and its journal's or site's, where the style
    prints one) is a Span with /Lang en-US holding exactly that title's text, whatever the style prints around
    it (quotes, italics, a full stop, title case), and an element with lang="en-US" in the web copy holding
    the same, in the same order; the NHS page, which gives no language, is read in the routine's."""
    marked, page, model = _built(tmp_path, language, style, SAID)
    in_pdf = [(_said(text), lang) for text, lang in marked if lang == "en-US"]
    in_html = [(_said(text), lang) for text, lang in _marked_in_html(page)]
    assert in_pdf == in_html
    titles = {_said(ref.model_extra[key]): ref.id for ref in model.references for key in TITLES if key in ref.model_extra}
    assert {titles.get(text) for text, _ in in_pdf} == set(SAID)  # each marked text is a title of a source said
    for ref in model.references:
        title = _said(ref.model_extra["title"])
        assert ((title, "en-US") in in_pdf) == (ref.id in SAID), (ref.id, in_pdf)


def test_a_source_in_the_routines_language_or_a_dialect_of_it_is_not_marked(tmp_path: Path) -> None:
    """An en-US source in a British English routine (the knee routine's own) is in the routine's language: no
    element of the reference list says another, in the PDF or the web copy."""
    marked, page, _ = _built(tmp_path, "en-GB", "harvard-cite-them-right", {**SAID, "nhs2019": "en-GB"})
    assert [lang for _, lang in marked if lang.startswith("en-")] == []
    assert _marked_in_html(page) == []


@pytest.mark.parametrize(("typed", "read"), [("eng", "en"), ("ger", "de"), ("eng-GB", "en-GB"), ("wel", "cy"), ("haw", "haw")])
def test_a_three_letter_code_as_zotero_exports_it_is_read_as_its_two_letter_tag(typed: str, read: str) -> None:
    """Zotero and PubMed give a paper's language as 'eng': an English source in an English routine was marked
    as in another language ('eng'), which a screen reader may not know, in the PDF and the web copy."""
    assert Reference.model_validate({"id": "a", "type": "book", "language": typed}).language == read


def test_a_source_in_english_given_as_eng_is_not_marked_in_an_english_routine(tmp_path: Path) -> None:
    marked, page, _ = _built(tmp_path, "en-GB", "harvard-cite-them-right", dict.fromkeys(SAID, "eng"))
    assert [lang for _, lang in marked if lang != "en-GB"] == []
    assert _marked_in_html(page) == []


def _forget() -> None:
    """Formatted references kept in this process forgotten (those kept on disk are the cache folder's)."""
    references._kept_as.cache_clear()


@pytest.mark.slow
@pytest.mark.parametrize("style", shipped_styles())
def test_marking_a_sources_titles_changes_nothing_else_in_its_entry(
    style: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Every item of the varied corpus said to be English, in a Welsh and a German routine: each entry, its
    spans taken out, is the entry formatted with nothing marked, character for character (quotes, full stops
    after a title that ends with '?', links, ties), and each marked title is one of the item's titles."""
    items = [{**item, "language": "en-US"} for item in yaml.safe_load(CORPUS.read_text(encoding="utf-8"))]
    cited = ["[@" + item["id"] + "]" for item in items]
    given = {str(item.get(key)).translate(QUOTES).casefold() for item in items for key in TITLES if item.get(key)}
    for language in ("cy", "de"):
        content = SimpleNamespace(
            references=[Reference.model_validate(item) for item in items], further_reading=[], language=language
        )
        marked = format_references(content, cited, style_path(style))
        with monkeypatch.context() as patched:  # formatted afresh: neither kept in this process nor on disk
            patched.setattr(title_languages, "marked", lambda language: contextlib.nullcontext())
            patched.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / language))
            _forget()
            plain = format_references(content, cited, style_path(style))
        _forget()
        assert [SPAN.sub("", entry) for entry in marked.entries] == list(plain.entries)
        titles = [
            re.sub(r"<[^>]*>", "", title)
            for entry in marked.entries
            for title in re.findall(r'<span lang="en-US">(.*?)</span>', entry)
        ]
        assert len(titles) >= len(items)
        assert [title for title in titles if html.unescape(title).translate(QUOTES).casefold() not in given] == []


@pytest.mark.slow
def test_a_title_a_citation_prints_for_a_source_without_author_is_said_in_its_language(tmp_path: Path) -> None:
    """An English web page with no author, cited in a Welsh routine: the style cites it by its title and year,
    and the title is a Span with /Lang en-US in each citation and in the
    entry, and in the poster's sources line, as lang="en-US" in the web copy; `pdfua` finds nothing in either
    PDF."""
    said = {**SAID, "nhs2019": "en-US"}
    marked, page, _ = _built(tmp_path, "cy", "harvard-cite-them-right", said, anonymous=("nhs2019",))
    in_pdf = [_said(text) for text, lang in marked if lang == "en-US"]
    assert in_pdf == [_said(text) for text, lang in _marked_in(page) if lang == "en-US"]
    cited = sum(text.count("[@nhs2019") for text in re.findall(r"\[@[^\]]*\]", (tmp_path / "content.yaml").read_text()))
    assert cited >= 1 and in_pdf.count("overview – osteoarthritis") == cited + 1  # each citation, and the entry
    job = prepare(tmp_path / "content.yaml", BRAND, Options(out=tmp_path))
    poster = tmp_path / "poster.pdf"
    poster.write_bytes(render(job, BY_NAME["poster"]).data)
    assert ("Overview – Osteoarthritis", "en-US") in [(" ".join(words(text)), lang) for text, lang in spans(poster)]
    assert pdfua_findings(tmp_path / "handout.pdf") == [] and pdfua_findings(poster) == []
