"""A link's target as a PDF annotation holds it: ASCII only, the address otherwise unchanged."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handouts.input.links import ascii_uri


@pytest.mark.parametrize(
    ("href", "uri"),
    [
        ("https://www.example.com/knee?a=1&b=%20#top", "https://www.example.com/knee?a=1&b=%20#top"),  # ASCII: as it is
        ("https://bücher.example:8080/straße?q=ü#é", "https://xn--bcher-kva.example:8080/stra%C3%9Fe?q=%C3%BC#%C3%A9"),
        ("https://anna:pässword@example.com/", "https://anna:p%C3%A4ssword@example.com/"),
        ("mailto:josé@example.com?subject=Knie", "mailto:jos%C3%A9@example.com?subject=Knie"),
        ("https://a..ü/x", "https://a..%C3%BC/x"),  # a host IDNA cannot write is escaped like the rest
    ],
)
def test_an_address_outside_ascii_becomes_an_ascii_uri(href: str, uri: str) -> None:
    assert ascii_uri(href) == uri


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=30))
def test_the_path_keeps_every_character_of_the_address(path: str) -> None:
    """Whatever the path holds, the URI is ASCII and decodes back to it (the author's own escapes stay)."""
    uri = ascii_uri(f"https://www.example.com/{path}")
    assert uri.isascii()
    assert unquote(uri) == unquote(f"https://www.example.com/{path}")
