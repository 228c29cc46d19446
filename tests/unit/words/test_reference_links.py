"""A reference's links go where its CSL data says, in every shipped style: its URL as given, its DOI at doi.org;
the entry prints as citeproc-js prints it (the oracle, tests/test_citeproc_oracle.py, checks the text)."""

from __future__ import annotations

from types import SimpleNamespace

import lxml.etree
import pytest

from handouts.input.models import Reference
from handouts.words.references import format_references, shipped_styles, style_path

BOOK = {"type": "webpage", "title": "Knee", "author": [{"family": "Wiki", "given": "A."}], "issued": {"date-parts": [[2020]]}}
ARTICLE = {**BOOK, "type": "article-journal", "container-title": "Journal"}

# (the item's own fields, where its links go)
CASES = {
    "brackets": ({"URL": "https://en.wikipedia.org/wiki/Knee_(anatomy)"}, "https://en.wikipedia.org/wiki/Knee_(anatomy)"),
    "spaces": ({"URL": 'https://e.com/a b"c<d>'}, "https://e.com/a%20b%22c%3Cd%3E"),
    "ampersand": ({"URL": "https://x.example/search?a=1&b=2"}, "https://x.example/search?a=1&b=2"),
    "doi-address": ({**ARTICLE, "DOI": "https://doi.org/10.1/x"}, "https://doi.org/10.1/x"),
    "doi-prefixed": ({**ARTICLE, "DOI": "doi:10.1/x"}, "https://doi.org/10.1/x"),
    "doi-spaces": ({**ARTICLE, "DOI": "10.1000/x y"}, "https://doi.org/10.1000/x%20y"),
    "doi": ({**ARTICLE, "DOI": "10.1001/archinte.166.22.2533"}, "https://doi.org/10.1001/archinte.166.22.2533"),
}


def _entry(style: str, fields: dict[str, str]) -> lxml.etree._Element:
    """The one entry of an item with `fields`, as the layout reads its markup."""
    reference = Reference.model_validate({**BOOK, **fields, "id": "item"})
    content = SimpleNamespace(references=[reference], further_reading=[], language="en-GB")
    (entry,) = format_references(content, [], style_path(style)).entries  # type: ignore[arg-type]
    return lxml.etree.fromstring(f"<p>{entry}</p>")


@pytest.mark.parametrize("style", shipped_styles())
@pytest.mark.parametrize("case", CASES)
def test_every_web_address_an_entry_prints_links_where_its_csl_data_says(style: str, case: str) -> None:
    """Each web address printed (`http…` in the text) is inside a link, and every link goes to the item's URL as
    given (percent-encoded where a URI cannot hold a character) or to its DOI at doi.org, prefixed once: the
    closing bracket of `Knee_(anatomy)`, the words after a space and a DOI typed as an address were lost."""
    fields, target = CASES[case]
    entry = _entry(style, fields)
    links = entry.findall(".//a")
    assert [link.get("href") for link in links] == [target] * len(links)
    unlinked = "".join(entry.xpath(".//text()[not(ancestor::a)]"))
    assert "http" not in unlinked, unlinked
    if "URL" in fields:  # the link covers the address as typed, to its end
        assert [link.xpath("string()") for link in links] == [fields["URL"]]


@pytest.mark.parametrize("style", ["harvard-cite-them-right", "apa", "chicago-author-date", "nature"])
def test_a_doi_printed_after_the_styles_resolver_links_the_whole_address(style: str) -> None:
    """The style's `https://doi.org/` and the DOI after it are one link, the DOI typed as an address, with
    `doi:` or with a space (which citeproc-js prints as typed)."""
    for case in ("doi-address", "doi-prefixed", "doi-spaces"):
        fields, _ = CASES[case]
        texts = [link.xpath("string()") for link in _entry(style, fields).findall(".//a")]
        assert f"https://doi.org/{fields['DOI']}" in texts, (case, texts)


def test_an_address_in_other_text_links_to_itself_without_the_punctuation_after_it() -> None:
    """A web address in a title (no URL or DOI field) is a link to itself: its own brackets kept, the sentence's
    closing bracket and full stop left out."""
    fields = {"title": "Knee (see https://en.wikipedia.org/wiki/Knee_(anatomy)). Or https://e.com/x."}
    links = _entry("harvard-cite-them-right", fields).findall(".//a")
    assert [(link.get("href"), link.text) for link in links] == [
        ("https://en.wikipedia.org/wiki/Knee_(anatomy)", "https://en.wikipedia.org/wiki/Knee_(anatomy)"),
        ("https://e.com/x", "https://e.com/x"),
    ]
