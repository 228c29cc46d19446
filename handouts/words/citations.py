"""Citations as content writes them, `[@id]` or `[@a; @b]`, and the one rule for matching their ids.

Ids match case-insensitively everywhere (the check, the text and the reference list): citeproc-py keys
its items in lower case, so `NHS2019` and `nhs2019` are one reference, and `[@nhs2019]` cites `NHS2019`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

CITATION = re.compile(r"\[(@[\w][\w:.#$%&+?<>~/-]*(?:\s*;\s*@[\w][\w:.#$%&+?<>~/-]*)*)\]")


def key(reference_id: str) -> str:
    """The form an id is matched and looked up by."""
    return reference_id.strip().lstrip("@").lower()


def cited_ids(text: str) -> list[str]:
    """The ids cited in `text`, as written, in order."""
    return [part.strip().lstrip("@") for match in CITATION.finditer(text) for part in match.group(1).split(";")]


def clusters(text: str) -> Iterator[tuple[re.Match[str], tuple[str, ...]]]:
    """Each citation in `text` with the keys it cites, in order."""
    for match in CITATION.finditer(text):
        yield match, tuple(key(part) for part in match.group(1).split(";"))


def without_citations(text: str) -> str:
    return CITATION.sub("", text)
