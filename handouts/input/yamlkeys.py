"""The key path a line of a YAML file that cannot be parsed stands at, for its syntax error to name.

Worked out from the tokens YAML's own scanner reads before the position, so quotes, comments, block scalars
(`|`, `>`), flow lists and mappings (`[a, b]`, `{text: a}`), CRLF and a byte order mark are read as YAML reads
them. A line the scanner did not reach is placed by its indentation among the lists and mappings open above it;
where that depends on how wide a tab is, or a key is no text, there is no path: none is said rather than a wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ruamel.yaml import tokens as t
from ruamel.yaml.docinfo import DocInfo
from ruamel.yaml.error import YAMLError
from ruamel.yaml.loader import SafeLoader

PathKey = tuple[str | int, ...]  # ("routine", "steps", 2, "text"): routine.steps[3].text

LINE_BREAK = re.compile("\r\n|\r|\n")  # as YAML ends a line (a Mac's old lone carriage return too)
# A line's own key, as typed: `title:` or `title: Knee` (not a quoted key, a list's item or a comment)
KEY = re.compile(r"([^\s#'\"\[\]{},&*!|>%@`?:-][^#]*?)[ \t]*:(?:[ \t]|$)")
ITEM = re.compile(r"-(?:[ \t]|$)")
TAB_WIDTHS = (1, 8)  # an indent with a tab is as wide as an editor shows it: a path both widths give is sure
# The text read for it: YAML's scanner in Python reads about 100 KB a second, and a path is not worth seconds
# (a routine of 300 lines is 15 KB)
MAX_CHARACTERS = 64 * 1024


@dataclass
class _Frame:
    """A list or mapping open at a point of the file: its path, the column its items or keys start at (block
    ones), and where in it the point is: its current key (None before one is read) or item."""

    path: PathKey | None
    column: int | None  # None for a flow one, in [ ] or { }
    mapping: bool
    key: str | int | None = None  # a mapping's current key; -1 for a key that is not text
    item: int = -1  # a list's current item
    empty: bool = True  # its current key or item has no value yet
    indentless: bool = False  # a list whose '-' are in line with its mapping's keys

    def child(self) -> PathKey | None:
        """The path of its current key's or item's value."""
        if self.path is None or self.key == -1:
            return None
        if self.mapping:
            return self.path if self.key is None else (*self.path, self.key)
        return (*self.path, max(self.item, 0))


def own_key(line: str) -> str | None:
    """The key `line` starts with, as typed (`      text: Roll.` -> `text`), if it starts with one."""
    found = KEY.match(line.lstrip(" \t"))
    return found.group(1) if found else None


def key_path(text: str, line: int, column: int | None = None) -> PathKey | None:
    """The key path at `line` (from 1), before `column` (from 0; None for the whole line) of `text`: of the last
    key, item or value read on that line before it, else of the text it continues, else of where its indentation
    puts it. None where that cannot be worked out."""
    lines = LINE_BREAK.split(text)
    if not 1 <= line <= len(lines):
        return None
    ends = (found.end() for found in LINE_BREAK.finditer(text))
    end = next((at for number, at in enumerate(ends, 1) if number == line), len(text))  # all that is read of it
    if end > MAX_CHARACTERS:
        return None
    at = (line - 1, len(lines[line - 1]) if column is None else column)
    frames: list[_Frame] = []
    last: t.Token | None = None
    last_path: PathKey | None = ()
    for token in _tokens(text[:end]):
        if (token.start_mark.line, token.start_mark.column) >= at:
            break
        path = _read(frames, token)
        if not isinstance(token, t.BlockEndToken):  # said where the next key starts, that key's line is not its
            last, last_path = token, path
    if last is not None and last.start_mark.line == at[0]:
        return last_path
    if isinstance(last, t.ScalarToken) and (last.end_mark.line, last.end_mark.column) > (at[0], 0):
        return last_path  # a line of a text that began above it
    if any(frame.column is None for frame in frames):
        return frames[-1].child()
    return _by_indent(frames, lines[line - 1])


def _tokens(text: str) -> list[t.Token]:
    """The tokens YAML's scanner reads in `text` before its first error (those it had read ahead too)."""
    loader = SafeLoader(text)
    # where a `%YAML 1.2` line's version goes: the scanner keeps it there, and this loader, ruamel's older kind,
    # has none made for it (an AttributeError, a traceback, for every such file with a mistake in it)
    loader.doc_infos = [DocInfo()]
    found: list[t.Token] = []
    try:
        while loader.check_token():
            found.append(loader.get_token())
    except (YAMLError, ValueError):
        found.extend(loader.tokens)
    return found


def _read(frames: list[_Frame], token: t.Token) -> PathKey | None:
    """Take `token` into the lists and mappings open (`frames`); the path it stands at."""
    top = frames[-1] if frames else None
    if isinstance(token, t.BlockEndToken | t.FlowMappingEndToken | t.FlowSequenceEndToken):
        if isinstance(token, t.BlockEndToken) and top and top.indentless:
            frames.pop()
        if frames:
            frames.pop()
        return frames[-1].child() if frames else ()
    if top and top.indentless and isinstance(token, t.KeyToken | t.ValueToken):
        frames.pop()  # a key of the mapping the list is in ends the list
        top = frames[-1]
    if isinstance(token, t.DocumentStartToken):
        frames.clear()
        return ()
    if isinstance(token, t.BlockEntryToken):
        if top and top.mapping:  # `key:` then `- item` in line with it
            frames.append(_Frame(top.child(), token.start_mark.column, False, indentless=True))
            top = frames[-1]
        if top:
            top.item, top.empty = top.item + 1, True
        return top.child() if top else ()
    if isinstance(token, t.FlowEntryToken):
        if top and top.mapping:
            top.key, top.empty = None, True
        elif top:
            top.item, top.empty = top.item + 1, True
        return top.child() if top else ()
    if isinstance(token, t.KeyToken):
        if top:
            top.key, top.empty = None, True
        return top.path if top else ()
    if isinstance(token, t.ValueToken):
        return top.child() if top else ()
    starts = {
        t.BlockMappingStartToken: (True, True),
        t.BlockSequenceStartToken: (False, True),
        t.FlowMappingStartToken: (True, False),
        t.FlowSequenceStartToken: (False, False),
    }
    if type(token) in starts:
        mapping, block = starts[type(token)]
        if top and top.mapping and top.key is None:
            top.key = -1  # a list or a mapping as a key
        path = top.child() if top else ()
        if top:
            top.empty = False
        frames.append(_Frame(path, token.start_mark.column if block else None, mapping, item=-1 if block else 0))
        return path
    if isinstance(token, t.ScalarToken | t.AliasToken):
        if top and top.mapping and top.key is None:
            top.key = token.value if isinstance(token, t.ScalarToken) else -1
            return top.child()
        if top:
            top.empty = False
        return top.child() if top else ()
    return top.child() if top else ()  # an anchor, a tag, a directive


def _by_indent(frames: list[_Frame], line: str) -> PathKey | None:
    """Where `line`, which YAML did not read, stands by its indentation among the mappings and lists `frames`."""
    found = {_placed(list(frames), line, width) for width in TAB_WIDTHS}
    return found.pop() if len(found) == 1 else None


def _placed(frames: list[_Frame], line: str, tab: int) -> PathKey | None:
    content = line.lstrip(" \t")
    indent = len(line[: len(line) - len(content)].expandtabs(tab))
    while frames and (frames[-1].column or 0) > indent:
        frames.pop()
    if not frames:
        return ()
    top = frames[-1]
    key = own_key(content)
    if top.indentless and top.column == indent and not ITEM.match(content):
        frames.pop()
        top = frames[-1]
    if top.column == indent:
        if not top.mapping:
            return None if top.path is None else (*top.path, top.item + 1) if ITEM.match(content) else top.path
        return None if top.path is None else (*top.path, key) if key else top.path
    inside = top.child()
    if inside is None or not top.empty:  # set in under a value: neither beside its keys nor in the value
        return None
    if key:
        return (*inside, key)
    return (*inside, 0) if ITEM.match(content) else inside
