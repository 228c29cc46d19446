"""Telling which encoding a text file that is not UTF-8 was saved in, and where in it a byte stands.

Shared by the patients list, which reads such a file (Excel's plain "CSV"), and the YAML reader, which refuses
one but quotes its word as typed: UTF-16 without its byte order mark (PowerShell's, some exports'), and Mac Roman
(Excel for Mac's plain "CSV", TextEdit's "Western (Mac OS Roman)") or Windows-1252 (Notepad's "ANSI").
"""

from __future__ import annotations

import bisect
import codecs
import re
import unicodedata
from dataclasses import dataclass

# A byte that is no letter of ASCII beside a lower-case letter: where an accented letter of a word stands
IN_WORD = re.compile(rb"(?<=[a-z])[\x80-\xff]|[\x80-\xff](?=[a-z])")
# A word's bytes as _in_name reads them: ASCII letters and any byte that is not ASCII
WORD = re.compile(rb"[A-Za-z\x80-\xff]+")
# How a line ends in a file from Windows (CR LF), a Mac or Linux (LF), or an old Mac (a lone CR)
LINE_END = re.compile(rb"\r\n|\r|\n")


def line_of(raw: bytes, at: int) -> int:
    """The line (from 1) that the byte at `at` of `raw` is on, as an editor counts lines: a lone carriage return
    (an old Mac's) ends one too."""
    return len(LINE_END.findall(raw, 0, at)) + 1


def utf16_unmarked(raw: bytes) -> str | None:
    """UTF-16 without its byte order mark (as PowerShell and some exports write it), told by its zero bytes:
    read as UTF-8, every other character is a NUL. Its codec's name, or None for any other file."""
    sample = raw[:4096]
    if b"\0" not in sample:
        return None
    if sample[1::2].count(0) * 2 > len(sample) // 2:  # 'p\0a\0': the high bytes of Latin letters
        return "utf-16-le"
    if sample[0::2].count(0) * 2 > len(sample) // 2:
        return "utf-16-be"
    return None


def _odd(ch: str, inside: bool, between: bool) -> bool:
    """Whether `ch` is unlikely where it stands beside a lower-case letter: a capital after a letter (`inside` a
    word), or a symbol (or, `between` two lower-case letters, a dash). Quotes, apostrophes and an ellipsis prove
    nothing: either encoding has them there."""
    if ch.isalpha():
        return inside and not ch.islower()
    kind = unicodedata.category(ch)
    if kind in ("Pi", "Pf", "Ps", "Pe") or ch == "\u2026":
        return False
    return between if kind == "Pd" else True


def _in_name(raw: bytes, starts: list[int], at: int) -> bool:
    """Whether the byte at `at` (not ASCII) is in a word that begins with a capital, as a name does (Nuñez);
    `starts`: where each word of `raw` begins, found once (a walk back from each byte to its word's start took
    minutes over a file of one long word of dashes between letters)."""
    start = starts[bisect.bisect_right(starts, at) - 1]
    return raw[start : start + 1].isupper()


def mac_roman(raw: bytes) -> bool:
    """Whether text that is not UTF-8 is Mac Roman (what Excel for Mac saves as plain "CSV") rather than
    Windows-1252 (Excel for Windows'). Read the Windows way, a Mac file's accented letters are capitals inside
    words, symbols and dashes in names (a u-umlaut is a Y-umlaut, an a-acute a double dagger, an n-tilde a dash), or bytes
    Windows-1252 has no character for (c-cedilla); read the Mac way, a Windows file's are capitals and symbols.
    Whichever reading has fewer such letters wins; a tie (nothing but quotes and dashes) is Windows-1252."""
    mac = windows = 0
    starts: list[int] | None = None  # where each word begins, found when first needed
    for found in IN_WORD.finditer(raw):
        at = found.start()
        before, after = raw[at - 1 : at], raw[at + 1 : at + 2]
        # an en or em dash joining two lower-case words (a note's knee-hip) is as likely as an n-tilde: only in a name
        inside, between = before.isalpha(), before.islower() and after.islower()
        if between:
            starts = [word.start() for word in WORD.finditer(raw)] if starts is None else starts
            between = _in_name(raw, starts, at)
        byte = raw[at : at + 1]
        as_mac = _odd(byte.decode("mac_roman"), inside, between)
        try:
            as_windows = _odd(byte.decode("cp1252"), inside, between)
        except UnicodeDecodeError:
            as_windows = True
        mac += as_windows and not as_mac
        windows += as_mac and not as_windows
    return mac > windows


# How to save a file as UTF-8 in the editor that saves in each encoding by default (Notepad's "ANSI" is Windows-1252)
SAVE_AS_UTF8 = {
    "cp1252": "in Notepad: Save as, Encoding: UTF-8",
    "mac_roman": "in TextEdit: Save, Plain Text Encoding: Unicode (UTF-8)",
}
NAMES = {"cp1252": "Windows-1252", "mac_roman": "Mac Roman"}
# What ends the word quoted before and after the byte that is not UTF-8: spaces, quotes, a layout's tags
WORD_STARTS = " \t\r\n\"'<>"
WORD_ENDS = WORD_STARTS + ",.;:"
QUOTED = 60  # characters of the word a message quotes at most


def wide_unicode(raw: bytes) -> str | None:
    """What to say of `raw` saved as UTF-32 or UTF-16 (Notepad's "Unicode"; PowerShell's, without its byte order
    mark), where UTF-8 is read; None if it is neither. UTF-32's mark is looked for first: its little-endian one
    begins as UTF-16's does, and a file in UTF-32 was called UTF-16."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) or utf32_unmarked(raw):
        name = "UTF-32"
    elif utf16(raw):
        name = "UTF-16"
    else:
        return None
    return f"{name} text, not UTF-8: save the file as UTF-8 ({SAVE_AS_UTF8['cp1252']})"


def utf32_unmarked(raw: bytes) -> bool:
    """Whether `raw` is UTF-32 without its byte order mark (as some exports write it), read whole with no NUL in
    it: read as UTF-8, three of each four bytes are NULs, and it was said to have a control character."""
    if len(raw) < 4 or len(raw) % 4 or b"\0\0" not in raw[:8]:
        return False
    for encoding in ("utf-32-le", "utf-32-be"):
        try:
            if "\0" not in raw.decode(encoding):
                return True
        except UnicodeDecodeError:
            continue
    return False


def utf16(raw: bytes) -> bool:
    """Whether `raw` is UTF-16 text: with its byte order mark (Notepad's "Unicode", which git takes for binary), or
    without it (PowerShell's), then read whole as UTF-16 with no NUL in it (a binary file's zero bytes are not)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    encoding = utf16_unmarked(raw)
    try:
        return encoding is not None and "\0" not in raw.decode(encoding)
    except UnicodeDecodeError:
        return False


@dataclass(frozen=True)
class NotUtf8:
    """A file that is not UTF-8: its `text` as the encoding it was most likely saved in reads it, the `line` of its
    first byte that is not UTF-8, and the `message` to say of it there."""

    text: str
    line: int
    message: str


def not_utf8(raw: bytes, start: int) -> NotUtf8:
    """What to say of a file saved in another encoding (Notepad's "ANSI", Windows-1252; TextEdit's Mac Roman) whose
    first byte that is not UTF-8 is at `start`: the word it is in, as that encoding reads it ('Café'), so that the
    word can be found, and how to save the file as UTF-8; at its line as an editor counts them."""
    encoding = "mac_roman" if mac_roman(raw) else "cp1252"
    text = raw.decode(encoding, errors="replace")  # a byte a character: `start` is where it was
    # the word, or as much of it around the byte as a message quotes (a long address, a file of no spaces)
    begin = max(*(text.rfind(mark, 0, start) + 1 for mark in WORD_STARTS), start - QUOTED // 2)
    end = min(*(found for mark in WORD_ENDS if (found := text.find(mark, start)) != -1), start + QUOTED // 2, len(text))
    message = (
        f"not UTF-8 text at {text[begin:end]!r} (saved in another encoding, such as {NAMES[encoding]}): "
        f"save the file as UTF-8 ({SAVE_AS_UTF8[encoding]})"
    )
    return NotUtf8(text, line_of(raw, start), message)
