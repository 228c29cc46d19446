"""What the commands print is safe to print: control characters shown, never obeyed, and patients' names
masked.

A YAML key, a file name or a CSV cell can hold terminal escapes (set the title, clear the screen, colour
the rest); every message goes through :func:`printable` on its way out. A patient's name may reach a message
in many forms (as typed, in parts, HTML-escaped by a layout, slugified in a file name); :func:`masked` takes
them all out.
"""

from __future__ import annotations

import html
import re
import unicodedata

from handouts.input.options import name_slug

MASK = "<patient>"
KEPT = "\n\t"  # the only control characters a message may print as they are


def printable(text: str) -> str:
    """`text` with every control or format character (ESC, BEL, a right-to-left override…) written as an
    escape (`\\x1b`, `\\u202e`) instead of being sent to the terminal."""
    if text.isprintable():
        return text
    return "".join(
        ch if ch in KEPT or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp") else _escaped(ch) for ch in text
    )


def _escaped(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _forms(name: str) -> set[str]:
    """Every form `name` may take in a message: as typed, escaped, slugified, and each word of them."""
    from slugify import slugify

    whole = {name, html.escape(name), html.escape(name, quote=False), name.replace("'", "&#39;"), name.replace("'", "&apos;")}
    whole |= {slugify(name), name_slug(name), " ".join(name.split())}
    words = {word for form in whole for word in re.split(r"[\W_]+", form) if len(word) > 1}
    words = {word for word in words if not (word.isdigit() and len(word) < 4)}  # "Room 12" does not mask line 12
    return {form for form in whole | words if form.strip()}


def masked(message: str, *names: str) -> str:
    """`message` with each of `names` (and their forms) replaced by <patient>, whole words only, ignoring case."""
    forms = sorted({form for name in names if name for form in _forms(name)}, key=len, reverse=True)
    if not forms:
        return message
    pattern = re.compile("|".join(rf"(?<![^\W_]){re.escape(form)}(?![^\W_])" for form in forms), re.IGNORECASE)
    return pattern.sub(MASK, message)
