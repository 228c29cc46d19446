"""The one link policy of every output (the PDFs, the web copy, a QR code): web, e-mail and phone links only.

A link with any other scheme (`javascript:`, `file:`, `data:`) is never made: a web address in a file is
refused with its file, line and key, and a Markdown link with another scheme prints as its text.
"""

from __future__ import annotations

import re

SCHEMES = ("https://", "http://", "mailto:", "tel:")
MAX_LINK = 4000  # characters
UNSAFE = re.compile(r"[\s\x00-\x1f\x7f]")


def safe_link(href: str) -> bool:
    """Whether `href` may become a link: http, https, mailto or tel, no white space or control characters."""
    return href.lower().startswith(SCHEMES) and len(href) <= MAX_LINK and not UNSAFE.search(href)


def web_address(text: str) -> str | None:
    """A clinic's website as a link: `www.example.com` -> `https://www.example.com`; None when it is not a web
    address (`javascript://…`, `file:///…`)."""
    href = text if "://" in text or text.lower().startswith(("mailto:", "tel:")) else f"https://{text}"
    return href if href.lower().startswith(("https://", "http://")) and safe_link(href) else None


def bare(url: str) -> str:
    """A link as printed for reading or typing: without its scheme and a closing slash
    (`https://youtu.be/abc/` -> `youtu.be/abc`)."""
    return url.removeprefix("mailto:").removeprefix("tel:").removeprefix("https://").removeprefix("http://").rstrip("/")
