"""citeproc-py looks a style's macro up by an XPath search of the whole style each time it is used: tens of
thousands of searches for one reference list in a large style (Chicago's), most of its time. Here each
style's macros are found once, by name, and kept while the style is in use. Applied once, when
`handouts.words.references` is imported; the output is the same (the oracle tests compare every style)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from citeproc import model

STYLES_KEPT = 16  # styles whose macros are kept (a build uses one; the tests use each shipped style)
_found: OrderedDict[int, tuple[Any, dict[str, Any]]] = OrderedDict()
_lock = threading.Lock()


def _get_macro(self: Any, name: str) -> Any:
    """The style's first macro called `name` (IndexError when there is none, as citeproc-py's search)."""
    root = self.get_root()
    with _lock:
        kept = _found.get(id(root))
        if kept is None or kept[0] is not root:  # the root is kept with its macros, so its id stays its own
            macros: dict[str, Any] = {}
            for macro in root.xpath_search("cs:macro"):
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


def apply() -> None:
    model.CitationStylesElement.get_macro = _get_macro
