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


def _forms(name: str) -> tuple[set[str], set[str]]:
    """Every form `name` may take in a message: whole (as typed, escaped, slugified), and each word of it as
    typed and in capitals."""
    from slugify import slugify

    typed = {name, html.escape(name), html.escape(name, quote=False), name.replace("'", "&#39;"), name.replace("'", "&apos;")}
    typed.add(" ".join(name.split()))
    whole = typed | {slugify(name), name_slug(name)}
    words = {word for form in typed for word in re.split(r"[\W_]+", form) if len(word) > 1}
    words = {word for word in words if not (word.isdigit() and len(word) < 4)}  # "Room 12" does not mask line 12
    return {form for form in whole if form.strip()}, words | {word.upper() for word in words}


def masked(message: str, *names: str, whole_only: tuple[str, ...] = ()) -> str:
    """`message` with each of `names` replaced by <patient>, whole words only: the whole name in any of its forms,
    ignoring case, and each word of it as typed or in capitals (Will Page's "Page", not "does not fit on one
    page"; Ann One's "One", not "one"). Each of `whole_only` (a folder named for the patient, 001-will-page,
    whose words are lower case) is masked whole, ignoring case, and never word by word."""
    forms = [_forms(name) for name in names if name]
    whole = {form for found, _ in forms for form in found} | {form for form in whole_only if form.strip()}
    whole = sorted(whole, key=len, reverse=True)
    words = sorted({word for _, found in forms for word in found} - set(whole), key=len, reverse=True)
    if not whole:
        return message
    for found, flags in ((whole, re.IGNORECASE), (words, 0)):
        if found:
            pattern = re.compile("|".join(rf"(?<![^\W_]){re.escape(form)}(?![^\W_])" for form in found), flags)
            message = pattern.sub(MASK, message)
    return message
