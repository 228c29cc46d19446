"""citeproc-py's lookups in a style, each done once per style while it is in use.

citeproc-py finds everything by an XPath search, compiled and run again on every use: a macro by name in the
whole style (tens of thousands of searches for one reference list in a large style, Chicago's), and each
term, option holder and layout from the element that asks (thousands for twelve references, most of the time a
cold build spent on them). Here a style's macros are found once, by name, and every other search once per
element and expression, kept on the root of the element's tree (the style, or a locale file), so that they go
with it. A style's tree is not changed in a way these searches see (citeproc-py adds a missing <name> to a
<names> and citeproc_fixes changes a `variable` attribute; no search looks at either, and a <names> prints a
variable whatever it holds). Applied once, when `handouts.words.citeproc_format` is imported; the output is the
same (the oracle tests compare every style).

Whether an element prints a variable is found once per element too: citeproc-py leaves out a <group> whose
variables are all empty, and asked each child of every group it rendered, walking the child's whole subtree and
every macro it calls each time (600,000 walks for one reference list in Chicago's style, more than half of the
time it took).

Every macro a style calls passes through here, so here too its calls are counted while references are
formatted (:func:`counted`): a style whose macros each call the next ten times makes 10**8 calls an entry,
hours of work that no recursion limit stops.
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

from citeproc import model

STYLES_KEPT = 16  # styles whose macros are kept (a build uses one; the tests use each shipped style)
SEARCHES = "_handouts_searches"  # the attribute of a tree's root that keeps its searches
CALLS = "_handouts_calls_variable"  # the attribute of a tree's root that keeps whether each element prints a variable
_found: OrderedDict[int, tuple[Any, dict[str, Any]]] = OrderedDict()
_lock = threading.Lock()
_search = model.CitationStylesElement.xpath_search
_calls_variable = model.Parent.calls_variable
MACRO_CALLS = 10_000  # calls for each entry of a reference list: Chicago's makes about 2,700
_calls = threading.local()


class TooManyMacroCallsError(Exception):
    """Raised when a style's macros are called more than MACRO_CALLS times for each entry of a reference list."""


@contextlib.contextmanager
def counted(entries: int) -> Iterator[None]:
    """Within the block, TooManyMacroCallsError once the style has called its macros MACRO_CALLS times for each of
    `entries` (and once more)."""
    _calls.left = MACRO_CALLS * (entries + 1)
    try:
        yield
    finally:
        del _calls.left


def _get_macro(self: Any, name: str) -> Any:
    """The style's first macro called `name` (IndexError when there is none, as citeproc-py's search)."""
    left = getattr(_calls, "left", None)
    if left is not None:
        if left <= 0:
            raise TooManyMacroCallsError
        _calls.left = left - 1
    root = self.get_root()
    with _lock:
        kept = _found.get(id(root))
        if kept is None or kept[0] is not root:  # the root is kept with its macros, so its id stays its own
            macros: dict[str, Any] = {}
            for macro in _search(root, "cs:macro"):
                macros.setdefault(macro.get("name"), macro)
            kept = _found[id(root)] = (root, macros)
            while len(_found) > STYLES_KEPT:
                _found.popitem(last=False)
        else:
            _found.move_to_end(id(root))
    try:
        return kept[1][name]
    except KeyError:
        raise IndexError(f"no macro named {name!r}") from None


def _kept(root: Any, name: str) -> dict[Any, Any]:
    """The dictionary kept on the root of a tree under `name`, made the first time. Through __dict__: citeproc-py's
    elements answer any other attribute with a child element of that name."""
    kept = root.__dict__.get(name)
    if kept is None:
        kept = root.__dict__.setdefault(name, {})
    return kept


def _xpath_search(self: Any, expression: str) -> list[Any]:
    """What citeproc-py's search of `expression` from this element finds, searched once. The element is kept
    in the key (an lxml element's Python object, and so its identity, lives as long as something holds it)."""
    searches = _kept(self.get_root(), SEARCHES)
    key = (self, expression)
    found = searches.get(key)
    if found is None:
        found = searches[key] = _search(self, expression)
    return list(found)  # a list of its own, as each search gave


def _calls_variable_once(self: Any) -> bool:
    """Whether any element inside this one (a macro, a <choose>, its branches) prints a variable, as citeproc-py
    finds it, found once (kept as the searches are)."""
    kept = _kept(self.get_root(), CALLS)
    found = kept.get(self)
    if found is None:
        found = kept[self] = _calls_variable(self)
    return bool(found)


def apply() -> None:
    model.CitationStylesElement.get_macro = _get_macro
    model.CitationStylesElement.xpath_search = _xpath_search
    model.Parent.calls_variable = _calls_variable_once
