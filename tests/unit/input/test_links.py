"""A link's target as a PDF annotation holds it: ASCII only, the address otherwise unchanged; a phone number's
link, the number a patient would dial."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handouts.input.links import ascii_uri, bare, bare_addresses, doi_uri, mailto_uri, tel_uri, web_address, web_uri
from handouts.input.models import Step


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


@pytest.mark.parametrize(
    ("phone", "uri"),
    [
        ("01632 960 123", "tel:01632960123"),
        ("+44 (0)1632 960123", "tel:+441632960123"),  # "(0)" is not dialled after a country code
        ("+44 (0) 1632 960 123", "tel:+441632960123"),
        ("0044 (0)1632 960123", "tel:00441632960123"),
        ("(0)1632 960123", "tel:01632960123"),  # without a country code, the 0 is dialled
        ("+39 06 1234 5678", "tel:+390612345678"),  # a 0 not in brackets is part of the number (Italy)
        ("+1 (555) 123-4567", "tel:+15551234567"),
        ("01632.960.123", "tel:01632960123"),
        ("01632\u00a0960\u00a0123", "tel:01632960123"),
        ("999", "tel:999"),
        # an extension is not dialled: the printed text says it
        ("01632 960 123 ext 4", "tel:01632960123"),
        ("01632 960 123 ext. 4", "tel:01632960123"),
        ("01632 960 123 Ext: 4", "tel:01632960123"),
        ("01632 960 123 extension 4", "tel:01632960123"),
        ("01632 960 123 x4", "tel:01632960123"),
        ("01632 960 123 #4", "tel:01632960123"),
        # the first of several numbers
        ("01632 960 123 / 07700 900 123", "tel:01632960123"),
        ("01632 960 123, 07700 900 123", "tel:01632960123"),
        ("01632 960 123; 07700 900 123", "tel:01632960123"),
        ("01632 960 123 or 07700 900 123", "tel:01632960123"),
        ("+44 20 7946 0958 (reception)", "tel:+442079460958"),
        # a label before it, a note in brackets after it (they linked nothing, or "(24/7)" as more digits)
        ("Tel: 01632 960 123", "tel:01632960123"),
        ("Phone: +44 (0)1632 960123", "tel:+441632960123"),
        ("01632 960 123 (24 hours)", "tel:01632960123"),
        ("01632 960123 (24/7)", "tel:01632960123"),
        ("01632 960123 (9am-5pm)", "tel:01632960123"),
        # a note after a dash, or in words (they linked nothing, with a warning)
        ("01632 960123 - reception", "tel:01632960123"),
        ("01632 960123 \u2013 24 hours", "tel:01632960123"),
        ("+44 (0)1632 960123 Mon-Fri 9-5", "tel:+441632960123"),
        ("Tel: 01632 960123 reception", "tel:01632960123"),
        ("01632 960123 Mo\u2013Fr 8\u201318 Uhr", "tel:01632960123"),
        # nothing that can be dialled for certain
        ("0800 HANDOUT", None),  # capitals may spell the number
        ("01632 960123 HANDOUT", None),
        ("999 - reception", None),  # too short for a number a note may follow: a vanity number's start?
        ("0800-reception", None),
        ("0800-HANDOUT", None),
        ("0800 4 MASSAGE", None),
        ("n/a", None),
        ("", None),
        ("030/1234567", None),  # an area code, or two numbers?
        ("01632 960 123/4", None),
        ("0800 - HANDOUT", None),
        ("12", None),
        ("1234 5678 9012 3456", None),  # longer than any number (E.164: 15 digits)
        ("++44 1632 960123", None),
    ],
)
def test_a_phone_links_to_the_number_a_patient_would_dial(phone: str, uri: str | None) -> None:
    assert tel_uri(phone) == uri


@pytest.mark.parametrize(
    ("address", "uri"),
    [
        ("hello@example.com", "mailto:hello@example.com"),
        ("o'brien+knee@example.co.uk", "mailto:o'brien+knee@example.co.uk"),
        ("front#desk@example.com", "mailto:front%23desk@example.com"),  # else a fragment: mail to "front"
        ("reply?now@example.com", "mailto:reply%3Fnow@example.com"),  # else a header: mail to "reply"
        ("a%20b@example.com", "mailto:a%2520b@example.com"),  # else "a b"
        ("a&b=c@example.com", "mailto:a%26b%3Dc@example.com"),
        ("jörg@müller.de", "mailto:jörg@müller.de"),  # ascii_uri's work, for a PDF
        ("x@example.com?subject=Knee", None),  # a domain has no '?': no address (it linked to x@example.com%3F…)
        # a domain's letters with their vowel signs (marks, not letters to `\w`): the address was refused
        ("info@उदाहरण.भारत", "mailto:info@उदाहरण.भारत"),
        ("info@ตัวอย่าง.ไทย", "mailto:info@ตัวอย่าง.ไทย"),
    ],
)
def test_an_email_address_links_to_itself_whole(address: str, uri: str) -> None:
    """A character an e-mail address may hold that a mailto: link reads otherwise (RFC 6068: `#` a fragment,
    `?` its headers, `%` an escape) is escaped in the link: the link wrote to "front" for front#desk@…."""
    assert mailto_uri(address) == uri


@pytest.mark.parametrize(
    ("address", "uri"),
    [
        ("https://en.wikipedia.org/wiki/Knee_(anatomy)", "https://en.wikipedia.org/wiki/Knee_(anatomy)"),
        ('https://e.com/a b"c<d>', "https://e.com/a%20b%22c%3Cd%3E"),  # as a browser escapes them
        ("https://x.example/search?a=1&b=%20#top", "https://x.example/search?a=1&b=%20#top"),
        ("https://bücher.example/straße", "https://bücher.example/straße"),  # ascii_uri's work, for a PDF
    ],
)
def test_a_web_address_as_typed_becomes_a_uri(address: str, uri: str) -> None:
    assert web_uri(address) == uri


@pytest.mark.parametrize(
    ("doi", "uri"),
    [
        ("10.1001/archinte.166.22.2533", "https://doi.org/10.1001/archinte.166.22.2533"),
        ("https://doi.org/10.1/x", "https://doi.org/10.1/x"),  # not prefixed again
        ("http://dx.doi.org/10.1/x", "https://doi.org/10.1/x"),
        ("doi:10.1/x", "https://doi.org/10.1/x"),
        ("DOI: 10.1/x", "https://doi.org/10.1/x"),
        # typed as a journal's page or a browser's address bar shows it: linked to https://doi.org/doi.org/10.1/x
        ("doi.org/10.1/x", "https://doi.org/10.1/x"),
        ("https://www.doi.org/10.1/x", "https://doi.org/10.1/x"),
        ("DOI 10.1/x", "https://doi.org/10.1/x"),
        ("10.1000/x y", "https://doi.org/10.1000/x%20y"),
        ("10.1/a#b?c%d", "https://doi.org/10.1/a%23b%3Fc%25d"),  # a name's "#", "?" and "%" are its own
        ("https://doi.org/10.1/a%2Fb", "https://doi.org/10.1/a%2Fb"),  # an address keeps the author's escapes
        (
            "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O",
            "https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-O",
        ),
    ],
)
def test_a_doi_links_to_its_resolver_once(doi: str, uri: str) -> None:
    assert doi_uri(doi) == uri


@pytest.mark.parametrize(
    ("video", "said"),
    [
        ("HTTPS://YOUTU.BE/abc", None),  # a browser reads the scheme in any case; the website's was read so too
        ("https://youtu.be/a b", "expected a web address like https://example.com/video, without spaces, got"),
        ("https://", "expected a web address like https://example.com/video, without spaces, got 'https://'"),
        ("youtu.be/abc", "expected a web address starting with https://, got 'youtu.be/abc'"),
        ("https://youtu.be/a|b>", "a web address cannot hold '|': write it as %7C, got 'https://youtu.be/a|b>'"),
        ("https://youtu.be/a%7Cb%3E", None),  # escaped, as a browser copies it
        ("https://youtube.com/watch?v=a&amp;t=30", "holds '&amp;' where a web page's source writes '&': write & instead"),
        ("https://youtube.com/watch?v=a&t=30#amp;", None),
    ],
)
def test_a_steps_video_is_refused_for_what_is_wrong_with_it(video: str, said: str | None) -> None:
    """A video's address was refused as 'expected a web address starting with https://' when it started so in
    capitals or held a space; and 'https://' alone, a QR code to no site, was taken."""
    step = {"title": "Warm up", "text": "Move.", "video": video}
    if said is None:
        assert Step.model_validate(step).video == video
        return
    with pytest.raises(ValueError, match=re.escape(said)):
        Step.model_validate(step)


def test_a_website_names_a_site() -> None:
    assert web_address("https://") is None and web_address("https://user@:8080/") is None
    assert web_address("www.example.com") == "https://www.example.com" and web_address("HTTP://X.ORG") == "HTTP://X.ORG"
    # another scheme without "//" read as a site and a port: a QR code and a link to "https://javascript:alert(1)"
    assert [web_address(text) for text in ("javascript:alert(1)", "data:text/html,x", "about:blank")] == [None] * 3
    assert web_address("www.example.com:8080/knee") == "https://www.example.com:8080/knee"


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("https://youtu.be/abc/", "youtu.be/abc"),
        ("Https://example.com/videos/knee", "example.com/videos/knee"),  # a word processor's capital
        ("HTTPS://www.nhs.uk/conditions", "www.nhs.uk/conditions"),
        ("Mailto:hello@example.com", "hello@example.com"),
    ],
)
def test_an_address_prints_without_its_scheme_in_any_case(typed: str, printed: str) -> None:
    """A video typed 'Https://…' (a line's first letter capitalised) printed 'Https://example.com/videos/knee'
    under the step, where 'https://…' printed 'example.com/videos/knee'."""
    assert bare(typed) == printed


class _Counted(str):
    """Text that counts how often it is searched for a character (`str.count`)."""

    counted = 0

    def count(self, *args: object) -> int:  # type: ignore[override]
        _Counted.counted += 1
        return super().count(*args)  # type: ignore[arg-type]


def test_closing_brackets_after_a_bare_address_are_counted_once() -> None:
    """Each `)` at an address's end was weighed by counting the brackets in all of it again: a paragraph of one
    address and 50,000 `)` took seconds to read, and twice as long at twice the length."""
    text = _Counted("see https://x.org/a(b)" + ")" * 2_000 + " then")
    assert bare_addresses(text) == [(4, 22)]
    assert _Counted.counted <= 4
