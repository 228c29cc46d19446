"""The one link policy of every output (the PDFs, the web copy, a QR code): web, e-mail and phone links only.

A link with any other scheme (`javascript:`, `file:`, `data:`) is never made: a web address in a file is
refused with its file, line and key, and a Markdown link with another scheme prints as its text.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

SCHEMES = ("https://", "http://", "mailto:", "tel:")
MAX_LINK = 4000  # characters
UNSAFE = re.compile(r"[\s\x00-\x1f\x7f]")
AUTHORITY = re.compile(r"^(https?://)([^/?#]*)(.*)$", re.IGNORECASE | re.DOTALL)
URI_SAFE = "!#$%&'()*+,-./:;=?@[]_~"  # RFC 3986's reserved and unreserved characters; "%" keeps the author's escapes
# Where a long word in markup (a web address, a file name, an email address) may break, in print and on a screen:
# after / . - ? = & and @, never inside a word.
BREAK_AFTER = re.compile(r"(?<=[/.?=@\-])(?=[^\s/.?=@\-])|(?<=&amp;)")

# A phone number as typed: the first number (an optional "+", digits and the separators people write between
# them), then nothing, or what ends it: another number (after "/", ",", ";", "&", "or", "and"), an extension
# ("ext 4", "ext. 4", "extension 4", "x4", "#4"), words in brackets ("(reception)"), or a note after a space
# (`said`: "- reception", "Mon-Fri 9-5"; see tel_uri for when it is one).
PHONE = re.compile(
    r"\s*(?:(?:tel(?:ephone)?|phone|call)\s*[.:]\s*)?"  # a label before it: "Tel: 01632 960123"
    r"(?P<number>\+?[0-9(][0-9 \u00a0\u2009\u202f().\-\u2010\u2011]*?)\s*"
    r"(?:(?:[,;&]|\s/|/\s|(?:or|and)\b|(?:ext(?:ension)?[.:]?|x|\#)\s*[0-9]|\(\s*[^\W\d_]).*"
    r"|\([^()]*[^\W\d_/][^()]*\)|\(\d+\s*/\s*\d+\)"  # or a note in brackets at the end: "(24/7)", "(9am-5pm)"
    r"|(?<=\s)(?P<said>[-\u2013\u2014]\s.*|[^\W\d_].*))?",
    re.IGNORECASE | re.DOTALL,
)
WHOLE_NUMBER = 7  # digits: a number a note may follow ("0800 HANDOUT" and "0800 - HANDOUT" spell one)
TRUNK = re.compile(r"\(\s*0\s*\)")  # "+44 (0)1632": the national trunk prefix, not dialled after a country code
MIN_DIGITS, MAX_DIGITS = 3, 15  # "999"; E.164's longest number
NOT_IN_URI = re.compile(r'[\s\x00-\x1f\x7f"<>\\^`{|}]')  # characters RFC 3986 has no place for, as a browser escapes them
NOT_TYPED = re.compile(r'["<>\\^`{|}]')  # those of them a typed address is refused for (white space has its own words)
# What may be typed before a DOI (which starts "10."): its resolver's address, with or without https:// and www. or
# dx., or "doi:" ("DOI 10.1/x", as a journal's page prints it)
DOI_PREFIX = re.compile(r"\s*(?:(?P<resolver>(?:https?://)?(?:(?:dx|www)\.)?doi\.org/)|doi(?::\s*|\s+(?=10\.)))", re.IGNORECASE)
DOI_RESOLVER = "https://doi.org/"
DOI_SAFE = "!$&'()*+,-./:;=@_~"  # what a DOI keeps in a link; "#", "?", "%", "<" and the like belong to the DOI


def safe_link(href: str) -> bool:
    """Whether `href` may become a link: http, https, mailto or tel, no white space or control characters."""
    return href.lower().startswith(SCHEMES) and len(href) <= MAX_LINK and not UNSAFE.search(href)


# An e-mail address as people write one: a name, '@', and a domain with a dot in it; no space, comma, bracket or
# backslash in the name (`hello\clinic@…`, which the web copy's mail link kept and no mail server takes), and only
# letters, digits and hyphens in the domain's parts: `x@example.com?subject=Knee` is the address and words after it
# (its domain read as `example.com?subject=Knee` linked to `mailto:x@example.com%3Fsubject%3DKnee`, no address).
# Outside ASCII a domain takes what is no space, punctuation or symbol: the vowel signs of `उदाहरण.भारत` and
# `ตัวอย่าง.ไทย` are marks, not `\w` (the address was refused), and a closing quote (U+2019) after an address is not its domain's.
DOMAIN_PART = (
    r"(?:[\w-]|[^\x00-\x7f\s\u00a0-\u00bf\u00d7\u00f7\u2000-\u2bff\u2e00-\u2e7f\u3000-\u303f\ufe10-\ufe6f"
    r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\U0001f000-\U0001faff])+"
)
# The name starts with no quotation mark, curly or angled: Word's “physio@example.org” linked to mailto:“physio@….
EMAIL = re.compile(rf"(?![\u2018-\u201f\u00ab\u00bb\u2039\u203a])[^\s@,;:<>()\[\]\"\\]+@{DOMAIN_PART}(?:\.{DOMAIN_PART})+")


# The ASCII characters an address may hold that a mailto: link reads otherwise (RFC 6068's qchar leaves them out:
# `#` starts a fragment, `?` the headers, `%` an escape, `&` and `=` a header's parts): escaped in the link. (Written
# as an ASCII character that is none of the others: as a class of everything else, up to U+10FFFF, it took 7 ms of
# every start-up to compile.)
NOT_IN_MAILTO = re.compile(r"(?![A-Za-z0-9\-._~!$'()*+,;:@])[\x00-\x7f]")


def mailto_uri(address: str) -> str | None:
    """The link that writes to an e-mail address (`hello@example.com` -> `mailto:hello@example.com`,
    `front#desk@example.com` -> `mailto:front%23desk@example.com`, not a link to "front"), or None when it is
    not one. Letters outside ASCII stay as typed (ascii_uri escapes them for a PDF)."""
    href = "mailto:" + NOT_IN_MAILTO.sub(lambda match: quote(match.group(0), safe=""), address)
    return href if EMAIL.fullmatch(address) and safe_link(href) else None


def web_address(text: str) -> str | None:
    """A clinic's website as a link: `www.example.com` -> `https://www.example.com`; None when it is not a web
    address (`javascript://…`, `file:///…`, `https://` alone; `javascript:alert(1)`, read as a site named
    "javascript" at port "alert(1)", made a QR code and a link to `https://javascript:alert(1)`)."""
    href = text if "://" in text or text.lower().startswith(("mailto:", "tel:")) else f"https://{text}"
    try:
        site = urlsplit(href)
        named = bool(site.hostname) and site.scheme.lower() in ("http", "https") and (site.port or 0) >= 0
    except ValueError:  # a port that is no number, or an IPv6 address not closed
        return None
    return href if named and safe_link(href) else None


def unfit(address: str) -> str | None:
    """What keeps a web address a clinic types (a video's, its website) from printing, linking and going in a QR
    code as the one string it is, with what to write instead; None when nothing does. A character RFC 3986 has
    no place for (`<` -> `%3C`) was escaped in one output's link, not in another's nor in the QR code, and `<`
    or `>` ended the handout's video link (the address printed in brackets, linked to nothing); `&amp;`, copied
    from a web page's source, linked everywhere to a parameter named `amp;…`."""
    if "&amp;" in address.lower():
        return "a web address holds '&amp;' where a web page's source writes '&': write & instead"
    match = NOT_TYPED.search(address)
    if match is None:
        return None
    character, escaped = match.group(0), quote(match.group(0), safe="")
    if character == "\\":
        return f"a web address cannot hold '\\': write / between its parts, or {escaped} for a backslash"
    return f"a web address cannot hold '{character}': write it as {escaped}"


def tel_uri(phone: str) -> str | None:
    """The link that rings the clinic's number as typed (`+44 (0)1632 960123` -> `tel:+441632960123`), or None
    when no number can be dialled from it for certain: letters (`0800-HANDOUT`), `n/a`, a `/` between digits
    (`030/123456` or two numbers?), too few or too many digits.

    The first of several numbers is the link (`01632 960 123 / 07700 900 123`), without its extension
    (`ext 4`, `x4`): dialers read `;ext=` (RFC 3966) in different ways, and one that keeps only the digits would
    ring another number; the printed text still says the extension. A note after the number (in brackets, after
    a dash, or words: `01632 960123 Mon-Fri`) is not dialled either; words in capitals with no dash before them
    may spell the number (`0800 HANDOUT`), and a note follows only a whole number. `(0)` after a country code is
    dropped, as it is when dialling from abroad. A number without a country code is dialled as typed, as a
    patient would."""
    number = _first_number(phone)
    if number is None:
        return None
    digits = "".join(ch for ch in number if ch.isdigit())
    if not MIN_DIGITS <= number_digits(phone) <= MAX_DIGITS:
        return None
    return "tel:" + ("+" if number.startswith("+") else "") + digits


def number_digits(phone: str) -> int:
    """How many digits the first number in `phone` has as dialled from abroad (without "00" before the country
    code or "(0)" after it): E.164 allows 15 at most. 0 when no number can be read from it for certain."""
    number = _first_number(phone)
    if number is None:
        return 0
    digits = "".join(ch for ch in number if ch.isdigit())
    return len(digits.removeprefix("00") if number.startswith("00") else digits)


def _first_number(phone: str) -> str | None:
    """The first number of `phone` as typed (a "(0)" after a country code left out), or None (see tel_uri)."""
    match = PHONE.fullmatch(phone)
    if match is None:
        return None
    said = match.group("said")
    if said is not None and (
        sum(ch.isdigit() for ch in match.group("number")) < WHOLE_NUMBER
        or not (said[0] in "-\u2013\u2014" or any(ch.islower() for ch in said))
    ):
        return None
    number = match.group("number")
    return TRUNK.sub("", number) if number.startswith(("+", "00")) else number


def web_uri(address: str) -> str:
    """A web address as typed, as a link's target: the characters a URI cannot hold (spaces, quotes, angle
    brackets) percent-encoded as a browser does (`https://e.com/a b` -> `https://e.com/a%20b`); the rest as
    typed (ascii_uri makes it ASCII for a PDF)."""
    return NOT_IN_URI.sub(lambda match: quote(match.group(0), safe=""), address.strip())


def doi_uri(doi: str) -> str:
    """A DOI as a link to its resolver (`10.1000/x y` -> `https://doi.org/10.1000/x%20y`), whether typed as a
    name, with `doi:` or as a doi.org address (`https://doi.org/10.1/x` -> `https://doi.org/10.1/x`, not
    prefixed again). A name's `#`, `?` and `%` are part of it (escaped); an address keeps the author's escapes."""
    prefix = DOI_PREFIX.match(doi)
    name = (doi[prefix.end() :] if prefix else doi).strip()
    if prefix and prefix.group("resolver"):
        return DOI_RESOLVER + web_uri(name)
    return DOI_RESOLVER + quote(name, safe=DOI_SAFE)


PRINTED_SCHEME = re.compile(r"^(?:mailto:|tel:|https?://)", re.IGNORECASE)  # what `bare` leaves out


def bare(url: str) -> str:
    """A link as printed for reading or typing: without its scheme and a closing slash
    (`https://youtu.be/abc/` -> `youtu.be/abc`), the scheme in any case (`Https://`, as a word processor
    capitalises a line's first letter)."""
    return PRINTED_SCHEME.sub("", url).rstrip("/")


def ascii_uri(href: str) -> str:
    """`href` with ASCII characters only, as a PDF's link annotation must hold it (ISO 32000-1, 12.6.4.7): a
    host name in IDNA (`bücher.example` -> `xn--bcher-kva.example`), every other character outside ASCII as
    its UTF-8 bytes percent-encoded (RFC 3987, 3.1). An ASCII address comes back as it is; the sheet prints the
    address as the author wrote it."""
    if href.isascii():
        return href
    match = AUTHORITY.match(href)
    if match is None:  # mailto: or tel:
        scheme, _, rest = href.partition(":")
        return f"{scheme}:{quote(rest, safe=URI_SAFE)}"
    scheme, authority, rest = match.groups()
    userinfo, at, host_port = authority.rpartition("@")
    host, colon, port = host_port.partition(":")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:  # not a name IDNA can write (a label too long, an empty one): escaped as the rest
            host = quote(host, safe="")
    return scheme + quote(userinfo, safe=URI_SAFE) + at + host + colon + quote(port, safe=URI_SAFE) + quote(rest, safe=URI_SAFE)


# An address typed bare in text, as GFM's autolinks read one (and a DOI): a web address (`https://`, `http://`,
# `www.`), an e-mail address or a DOI (`doi:10.1/x`, `10.1000/x`), from a word's start (after white space, an
# opening bracket or quote, or a mark) to white space or `<`, all of it as typed: a `*`, `_`, `[` or `\` inside it
# is part of it, and no mark (`https://e.com/x_y*z` then `*` later in the paragraph made italics of the text between,
# its star gone). GFM's trailing punctuation is not part of it (see address_end).
BARE_ADDRESS = re.compile(
    r"(?<![^\s(\[{\"'*_~>\u2018\u201c\u00ab])"
    r"(?:(?:https?://|www\.)[^\s<]|doi:\s?10\.\d|10\.\d{4,9}/[^\s<]|[A-Za-z0-9][^\s@,;:<>()\[\]\"\\]{0,63}@[A-Za-z0-9])"
    r"[^\s<]*",
    re.IGNORECASE,
)
AFTER_ADDRESS = "?!.,:;*_~'\"\u2019\u201d\u00bb\u2026"  # what ends a sentence or a quotation or emphasis after one
CLOSING = {")": "(", "]": "["}


def address_end(text: str, start: int, end: int) -> int:
    """Where the address typed at `text[start:end]` ends without what GFM leaves out of an autolink: trailing
    punctuation (`see https://x.org/a.`: not the full stop) and a closing bracket that closes none opened in it
    (`(see https://x.org/a)`; `https://e.org/Knee_(joint)` keeps its own)."""
    unopened = {closer: text.count(closer, start, end) - text.count(opener, start, end) for closer, opener in CLOSING.items()}
    while end > start:
        last = text[end - 1]
        if last in CLOSING and unopened[last] > 0:
            unopened[last] -= 1  # counted once: counted again at each, `x.org/` and 50,000 `)` took seconds
        elif last not in AFTER_ADDRESS:
            break
        end -= 1
    return end


def bare_addresses(text: str) -> list[tuple[int, int]]:
    """Where each address typed bare in `text` starts and ends (see BARE_ADDRESS), in order; an e-mail address
    only where EMAIL reads one."""
    spans = []
    for match in BARE_ADDRESS.finditer(text):
        start, end = match.span()
        unopened = _unopened(text, start, end)  # `[see https://x.org](https://x.org)`: the link's text ends at `]`
        end = address_end(text, start, unopened if unopened is not None else end)
        typed = text[start:end]
        mail = "@" in typed and "://" not in typed and not typed.lower().startswith(("www.", "doi:", "10."))
        if end - start > 4 and not (mail and not EMAIL.fullmatch(typed)):
            spans.append((start, end))
    return spans


def without_addresses(text: str) -> str:
    """`text` with each address typed bare in it left out (a star in one is no Markdown mark)."""
    out, at = [], 0
    for start, end in bare_addresses(text):
        out.append(text[at:start])
        at = end
    return "".join(out) + text[at:]


def _unopened(text: str, start: int, end: int) -> int | None:
    """Where the first `]` in `text[start:end]` that closes no `[` opened after `start` is, if one is."""
    depth = 0
    for at in range(start, end):
        if text[at] == "[":
            depth += 1
        elif text[at] == "]":
            if depth == 0:
                return at
            depth -= 1
    return None
