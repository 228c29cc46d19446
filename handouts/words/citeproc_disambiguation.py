"""CSL's disambiguation of citations, which citeproc-py lacks, done as citeproc-js does it: cites that would read
alike ("Smith, 2020" for two sources) show more names where the style's disambiguate-add-names asks ("Brown,
Green, et al., 2019"), given names or their initials where its disambiguate-add-givenname asks ("J. Smith, 2020";
its givenname-disambiguation-rule "primary-name" does so wherever two authors share a family name, alike or not),
and year suffixes where they still read alike (2020a, 2020b, in the reference list's order).

A cite's names are shown so by the options of its <name> while that cite renders (see `chosen`); applied once,
when `handouts.words.citeproc_format` is imported.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from citeproc import model

from handouts.words import citeproc_fixes


@dataclass(frozen=True)
class Shown:
    """How a cite shows its names: at least `names` of them (0: as the style abbreviates), and the given names of
    those at `expanded` (their places in the list) not at all (0), as initials (1) or whole (2)."""

    names: int = 0
    given: int = 0
    expanded: frozenset[int] = frozenset()


# What a style's <citation> may ask for; a numbered style, as a rule, asks for none
OPTIONS = ("disambiguate-add-names", "disambiguate-add-givenname", "disambiguate-add-year-suffix")
_state = threading.local()  # the Shown of each item key while cites render, and the one of the names rendering


@contextlib.contextmanager
def chosen(shown: dict[str, Shown]) -> Iterator[None]:
    """Within the block, each cite renders its names as `shown` says for its item's key."""
    _state.shown = shown
    try:
        yield
    finally:
        del _state.shown


def _names(reference: dict[str, Any]) -> list[dict[str, Any]]:
    """The names a cite prints first: its authors, or the editors or translators standing in for them."""
    for variable in ("author", "editor", "translator"):
        if reference.get(variable):
            return list(reference[variable])
    return []


def _person(name: dict[str, Any]) -> tuple[str, str] | None:
    """A name's family and given name, None for an organisation or a name without a given name."""
    if "literal" in name or not name.get("given"):
        return None
    return (str(name.get("family", "")).casefold(), str(name["given"]).casefold())


def _initials(given: str) -> str:
    return "".join(word[:1] for word in given.replace("-", " ").replace(".", " ").split())


def _given_needed(people: set[tuple[str, str]], whole_allowed: bool) -> int:
    """The given-name level that tells apart people of one family name: their initials where those differ."""
    initials = [_initials(given) for _, given in people]
    return 1 if len(set(initials)) == len(initials) or not whole_allowed else 2


def _alike(texts: dict[str, str]) -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    for key, text in texts.items():
        groups.setdefault(text, []).append(key)
    return [group for group in groups.values() if len(group) > 1]


def _families(people: Iterable[tuple[str, str] | None]) -> dict[str, set[tuple[str, str]]]:
    """The people of each family name among `people` (None: an organisation, or a name without a given name)."""
    families: dict[str, set[tuple[str, str]]] = {}
    for person in people:
        if person:
            families.setdefault(person[0], set()).add(person)
    return families


def wanted(citation: Any) -> bool:
    """Whether a style's <citation> (None: it has none) asks for any disambiguation."""
    return citation is not None and any(citation.get(option) == "true" for option in OPTIONS)


def disambiguated(
    citation: Any, keys: list[str], references: dict[str, dict[str, Any]], render: Callable[[str], str]
) -> tuple[dict[str, Shown], dict[str, str]]:
    """How each cite shows its names, and the year suffix of each item that needs one; `keys` in the reference
    list's order, `render` a key's cite alone (rendered within `chosen`)."""
    if not wanted(citation):  # a numbered style: no cite rendered to find none alike
        return {}, {}
    add_names = citation.get("disambiguate-add-names") == "true"
    add_given = citation.get("disambiguate-add-givenname") == "true"
    rule = citation.get("givenname-disambiguation-rule", "by-cite")
    whole_allowed = not rule.endswith("with-initials")
    shown = {key: Shown() for key in keys}
    people = {key: [_person(name) for name in _names(references[key])] for key in keys}
    if add_given and rule != "by-cite":  # a global rule: every first name another person shares a family name with
        families = _families(found[0] for found in people.values() if found)
        for key, found in people.items():
            if found and found[0] and len(families[found[0][0]]) > 1:
                shown[key] = Shown(given=_given_needed(families[found[0][0]], whole_allowed), expanded=frozenset({0}))

    def texts_of(group: list[str]) -> dict[str, str]:
        with chosen(shown):
            return {key: render(key) for key in group}

    texts = texts_of(keys)
    groups = _alike(texts)
    for group in groups:
        if add_names:
            most = max(len(_names(references[key])) for key in group)
            best, fewest = 0, len(group)
            for count in range(2, most + 1):
                for key in group:
                    shown[key] = Shown(count, shown[key].given, shown[key].expanded)
                left = sum(len(alike) for alike in _alike(texts_of(group)))
                if left < fewest:
                    best, fewest = count, left
                if not fewest:  # told apart: no more names (each more rendered the group again, to the longest list)
                    break
            for key in group:
                shown[key] = Shown(best, shown[key].given, shown[key].expanded)
        if add_given:
            for alike in _alike(texts_of(group)):
                families = _families(person for key in alike for person in people[key])
                level = max((_given_needed(found, whole_allowed) for found in families.values() if len(found) > 1), default=0)
                for key in alike if level else ():
                    places = {i for i, person in enumerate(people[key]) if person and len(families[person[0]]) > 1}
                    if places:
                        was = shown[key]
                        shown[key] = Shown(was.names, max(level, was.given), was.expanded | places)
    texts.update(texts_of([key for group in groups for key in group]))  # only their names were shown otherwise
    suffixes: dict[str, str] = {}
    if citation.get("disambiguate-add-year-suffix") == "true":
        for group in _alike(texts):
            suffixes.update((key, _suffix(index)) for index, key in enumerate(group))
    return shown, suffixes


def _suffix(index: int) -> str:
    """CSL's year suffixes: a…z, then aa, ab…"""
    return chr(ord("a") + index) if index < 26 else _suffix(index // 26 - 1) + _suffix(index % 26)


def _expanded(element: Any, name: Any, given: int, context: Any) -> Any:
    """A person's name with its given name, or its initials (`given` 1) where the <name> initializes, before the
    family name with its particles and after it its suffix ("D. V. Atkins", "C. de Gaulle", "M. King Jr."), as
    one name citeproc-py prints as given."""
    if "literal" in name or not name.get("given"):
        return name
    first = str(name["given"])
    mark = element.get_option("initialize-with", context)
    if given == 1 and mark is not None:
        first = str(element.initialize(first, mark, context)).strip()
    parts = (first, *(name.get(part) for part in ("dropping-particle", "non-dropping-particle", "family", "suffix")))
    return type(name)(literal=" ".join(str(part) for part in parts if part))


def apply() -> None:
    """A cite's names shown as `chosen` says: more of them (its <name>'s et-al-use-first while they render), and
    some with their given names."""
    process = model.Name.process
    get_option = model.Name.get_option

    def _process(self: Any, item: Any, variable: str, context: Any = None, sort_options: Any = None, **kwargs: Any) -> Any:
        choices = getattr(_state, "shown", None)
        # sort keys as the style gives them: a cite's added names do not reorder a citation (citeproc-js)
        sorted_now = sort_options is not None or citeproc_fixes.sorting()
        in_cite = choices is not None and citeproc_fixes.citing() and not sorted_now
        current = choices.get(getattr(item, "key", None)) if in_cite else None
        _state.current = current
        names = item.reference.get(variable) if current is not None and current.given else None
        if names:
            item.reference[variable] = [
                _expanded(self, name, current.given, context) if place in current.expanded else name
                for place, name in enumerate(names)
            ]
        try:
            return process(self, item, variable, context, sort_options, **kwargs)
        finally:
            _state.current = None
            if names:
                item.reference[variable] = names

    def _option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
        value = get_option(self, name, context, sort_options)
        current = getattr(_state, "current", None)
        if current is None or sort_options is not None:
            return value
        if name == "et-al-use-first" and current.names:
            return max(value or 0, current.names)
        if name == "et-al-min" and current.names and value:  # all names shown: no "et al."
            return max(value, current.names + 1)
        return value

    model.Name.process = _process
    model.Name.get_option = _option
