"""Language tags: which BCP 47 tags Babel knows (a routine's `language`, a brand's `labels` keys)."""

from __future__ import annotations

import functools

from babel import Locale, UnknownLocaleError
from babel.localedata import locale_identifiers


@functools.lru_cache(maxsize=1)
def known_tags() -> list[str]:
    """Every locale Babel knows, as BCP 47 tags ("en-GB")."""
    return sorted(tag.replace("_", "-") for tag in locale_identifiers())


def known_tag(language: str) -> bool:
    """Whether Babel knows `language` (a BCP 47 tag)."""
    try:
        Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True
