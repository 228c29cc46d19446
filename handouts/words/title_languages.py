"""A reference's titles marked with its own language where it is not the routine's, so that a screen reader reads
"Massage therapy for osteoarthritis of the knee" in a Welsh sheet with an English voice (WCAG 3.1.2, PDF/UA's
/Lang on a Span). Applied once, when `handouts.words.references` is imported.

Only the titles are marked: the source's own title, its journal's, book's or series' (CSL's title variables, in
their short forms too), which are words the source wrote in its language, as CSL's `language` describes the item.
The rest of an entry is the style's words in the routine's locale ("Available at", "Accessed", "vol."), dates and
numbers, or names of people and bodies, whose language the item's does not tell (an English book's German
publisher). A title is marked wherever the style prints it: in the entry, and in a citation that names a source
with no author by its title. A reference that gives no `language` is in the routine's; a dialect of the routine's language
("en-US" in an en-GB sheet) is its language too, as a clinic's text given in "en" is in an en-US sheet.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from citeproc import model

from handouts.words.i18n import primary

TITLES = frozenset(
    {"title", "title-short", "container-title", "container-title-short", "collection-title", "volume-title", "part-title"}
)

_routine = threading.local()  # while citations and the reference list render: the routine's language
_TAGS: list[tuple[str, str]] = [("<", ">")]  # how the output format opens and closes a tag (see apply)
_render = model.Text.render


@contextmanager
def marked(language: str) -> Iterator[None]:
    """While inside, the titles citeproc-py renders are marked with their reference's language where it is not
    `language`, the routine's."""
    _routine.language = language
    try:
        yield
    finally:
        _routine.language = None


def _own_language(element: Any, item: Any) -> str | None:
    """The language `item`'s text of `element` is marked with: its reference's, for a title variable, where that is
    not the routine's; None otherwise."""
    routine = getattr(_routine, "language", None)
    if not routine or element.get("variable") not in TITLES:
        return None
    language = item.reference.get("language")
    return language if isinstance(language, str) and primary(language) != primary(routine) else None


def _render_in_its_language(self: Any, item: Any, *args: Any, **kwargs: Any) -> Any:
    """A title's text as citeproc-py renders it, cased, inside a span in its own language; the style's quotes,
    font style and affixes outside it."""
    language = _own_language(self, item)
    if language is None:
        return _render(self, item, *args, **kwargs)
    text, cased_as = self.process(item, *args, **kwargs)
    if not text:
        return None
    opening, closing = _TAGS[0]
    cased = self.case(self.strip_periods(text), cased_as)
    return self.wrap(self.quote(self.format(f'{opening}span lang="{language}"{closing}{cased}{opening}/span{closing}')))


def apply(opening: str, closing: str) -> None:
    """Titles marked while `marked`; `opening` and `closing`: what the output format writes for a tag's `<`, `>`."""
    _TAGS[:] = [(opening, closing)]
    model.Text.render = _render_in_its_language
