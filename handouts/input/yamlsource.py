"""Read a YAML file into plain data plus a map of where each key path sits.

YAML 1.2 (ruamel.yaml): `1:30`, `no` and `on` stay text, as a therapist typed them. Two equal keys and
aliases expanded without limit are refused here; a syntax error says in plain words what usually causes
it. Line numbers are 1-based, list positions in key paths count from 1 (as the printed step numbers do).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver

from handouts.errors import InputError, Problem
from handouts.input.encodings import not_utf8, wide_unicode
from handouts.input.files import CONTROLS, UnreadableFileError, before_eof_mark, not_plain_text, read_bytes
from handouts.input.yamlkeys import LINE_BREAK, PathKey, key_path, own_key
from handouts.words.ink import codes

MAX_NODES = 200_000
# Characters of text (keys and values) once every alias is expanded: twice the largest file that is read, so
# aliases can save typing but cannot turn a small file into gigabytes of text.
MAX_TEXT = 4 * 1024 * 1024
MERGE = "'<<' (a YAML merge key) is not read: write the keys out in full (an alias of a whole value, 'key: *name', works)"
MAX_DEPTH = 64  # mappings and lists inside each other; real files nest a handful deep
TOO_DEEP = f"lists and mappings nested more than {MAX_DEPTH} deep"
MAX_DIGITS = 4000  # characters of a whole number: Python reads and prints none longer than 4,300 digits
# What YAML reads a plain value as, by its tag's last part, as a message says it
KINDS = {"timestamp": "a date", "int": "a number", "float": "a number", "bool": "yes or no", "null": "nothing"}
BINARY = "'!!binary' marks encoded data, not text: write the text itself"
MAX_BITS = 13_000  # the size of a whole number of 4,000 digits, however it is written (hexadecimal too)
BACKSLASH = (
    "a backslash inside double quotes starts an escape such as \\n: write a file path with / (pictures/step-1.png), "
    "or put the text in single quotes"
)
QUOTE_COLON = "a colon followed by a space inside text: put the whole text in quotes"
KEY_START = re.compile(r"[ \t]*[^\s#:\-][^\s:]*")  # a line that starts with a key alone, up to its colon
MISSING_COLON = "a line that is neither 'key: value' nor '- item': a key needs a colon and a space after it"
NOT_AN_ITEM = (
    "a line inside a list that is not an item of it: start a new item with '- ', or line a key of the item "
    "above up with that item's first key"
)
DIRECTIVE_ALONE = "a '%' line at the top (such as '%YAML 1.2') needs a line '---' under it: add that line, or delete this one"
ALIAS = "'*' starts a YAML alias: put text that starts with '*' (bold's ** too) in quotes"
# What usually causes a syntax error, in the words of someone who types the file rather than the parser's.
HINTS = (
    ("mapping values are not allowed", QUOTE_COLON),
    ("could not find expected ':'", MISSING_COLON),
    ("end of stream while scanning a quoted scalar", "a quote that starts a text is never closed: close it after the text"),
    ("found undefined alias", ALIAS),
    ("while scanning an alias", ALIAS),  # an alias's name ends at a letter or digit: `**New:**`, `*Stop* if…`
    ("while scanning an anchor", "'&' starts a YAML anchor: put text that starts with '&' in quotes"),
    (
        "the anchor is first given",
        "'&' starts a YAML anchor, and this one is given twice: put text that starts with '&' in quotes",
    ),
    ("found character '@'", "'@' cannot start a value: put text that starts with '@' (a citation) in quotes"),
    ("found character '`'", "'`' cannot start a value: put the text in quotes"),
    ("did not find expected '-' indicator", NOT_AN_ITEM),
    (
        "did not find expected comment or line break while scanning a block scalar",
        "'>' or '|' at the start of a value begins a block of lines below it: put text that starts with it in quotes",
    ),
    ("found unknown escape character", BACKSLASH),  # a Windows path typed in double quotes: "pictures\step.png"
    ("expected hexdecimal number", BACKSLASH),  # "C:\Users\...": \U, \u and \x take a character's code
    (
        "found incompatible YAML document",
        "the '%YAML' line at the top names a version of YAML other than 1.1 or 1.2, which are read: delete the line",
    ),
    (
        "expected a single document",
        "a '---' line starts a second YAML document, and a file holds one: delete the line "
        "(and move what follows it to a file of its own)",
    ),
)
# "did not find expected key", by what stands where YAML stopped: a list item indented as a key, text after a
# closing quote, or a key indented unlike those beside it
ITEM_AS_KEY = "a '- ' item where a key was expected: line its '-' up with the other items' (each step's under the first's)"
FIRST_UNDASHED = (
    "a list's first item without its '- ', where the items after it have one: start it with '- ', its '-' under theirs"
)
AFTER_QUOTE = "text that starts with a quote ends at the next one: put the whole text in quotes of the other kind (' or \")"
KEY_ASIDE = "a key indented unlike the keys beside it: line it up with them"
STRAY_DASH = "a '-' with nothing after it where a key was expected: delete it (a list's items go under their key)"
# A key set in further than the key on the line above, which has a value: YAML reads it as more of that value
KEY_SET_IN = (
    "a key set in further than the key above it is read as more of that key's text: line it up with that key, "
    "{} (if it is text, put the whole text in quotes)"
)
KEY_WITH_VALUE = re.compile(r"([ \t]*(?:-[ \t]+)?)[^\s#:\-][^\s:]*:[ \t]+[^\s#]")  # `  - title: Shoulders`
# A list in [ ] or a mapping in { } (as `points: [Stop if it hurts.]` is typed) the parser could not end: said at
# the line it opens on where the parser read on past that line (its closing bracket left out), else at its own
FLOW = {"did not find expected ',' or ']'": ("[", "]"), "did not find expected ',' or '}'": ("{", "}")}
UNCLOSED = "a '{}' is never closed: end what it holds with '{}' (text with ': ' in it goes in quotes)"
INSIDE_FLOW = "text inside {} {} with ': ', a quote or a bracket in it: put the whole text in quotes"
BRACKETED = "text that starts with '[' or '{' is read as a list or a mapping: put the whole text in quotes"
# A value opened with a curly quote: TextEdit (its Smart Quotes are on unless turned off) and Word type them
# for '"', and to YAML they are letters, so text "quoted" with them is not quoted at all
CURLY = re.compile("(?::|^[ \t]*-)[ \t]+[\u201c\u2018\u201e]")
SMART_QUOTES = (
    'curly quotes (\u201c \u201d) are not quotes to YAML, so the text is not quoted: type straight ones (" "); '
    "in TextEdit, turn off Edit > Substitutions > Smart Quotes"
)
# A line typed as a list's item: a bullet ('-', '*', '+', '•') or a number ('1.', '2)') and a space
BULLET = re.compile(r"[ \t]*(?:[-*+\u2022]|(?P<number>\d{1,9})[.)])[ \t]")
# A list's item begun with a mark other than YAML's '- ' before its first key (written as the files' keys are):
# Word's and Pages' dash or bullet for a typed '- ' (an en dash, a bullet), Markdown's '*', or a number. YAML reads
# the mark as the start of a key (or '*' as an alias's), and was said to want the text in quotes. "1. Stretch:
# gently", a line of a text, is not one.
ITEM_MARK = re.compile(r"[ \t]*([\u2013\u2014\u2212\u2022\u00b7+*]|\d{1,9}[.)])[ \t]+[a-z][a-z_]*:(?:[ \t]|$)")
OTHER_ITEM_MARK = "a list's item starts with '- ', a hyphen and a space, not with '{}': type it again as '- '"
# A non-breaking space where YAML needs a space (after a key's colon or an item's dash, or in a line's indent):
# "title:\u00a0Knee" is no key and value. One elsewhere is text: French puts one before a colon ("Coude\u00a0:
# exercices"), where the colon and the space after it are the fault, and retyping the space fixes nothing.
NBSP = re.compile("^[ \t]*(?:-[ \t]*)*\u00a0|:\u00a0")
# Characters no editor shows, pasted with text (a zero-width space, a word joiner) or left where files were joined
# (a byte order mark): where YAML needs a space or a key, the line looks right and is not
UNSEEN = re.compile("[\u200b\u2060\ufeff]")  # not the joiners, which emoji and some scripts need
# A key whose value is nothing but a comment: the comment's words, up to a comment after them (`#2A7A5A  # teal`)
COMMENTED = re.compile(r"^[^#]*?:[ \t]+(#\S+(?:[ \t]+[^#\s]\S*)*)")
# Keys whose values are text however they look: `version: 1.10` is "1.10", not the number 1.1, and
# `phone: 0117496` keeps its leading zero, as the help box's `emergency: 112` and `urgent: 0116117` do, and a
# colour written without its '#' (`primary: 000000`, or `accent: 1e5000`, which YAML reads as infinity) is the
# hex code typed.
TEXT_KEYS = frozenset({"version", "phone", "emergency", "urgent", "primary", "accent"})
# Mappings whose every value is text however it looks: a brand's colours, `text: 111111` among them (a key named
# `text` elsewhere, a step's, is the routine's words, where a number is a mistake to say).
TEXT_MAPPINGS = frozenset({("colors",)})

TEXT_AS_COMMENT = re.compile(r"[ \t]+(#[^\s#].*)$")  # after a plain text: '#1 routine', not '# a note'
# Where YAML ends a line too, and an editor does not: text pasted from some programs brings them
UNSEEN_BREAK = re.compile("[\x85\u2028\u2029]")
ANCHOR = re.compile(r"&[^\s,\[\]{}]+")  # YAML's anchor, `&name`, where a value starts

EMPTY = (
    "file is empty (it has nothing but comments and blank lines): was it saved? "
    "`handouts init --content` writes a brand.yaml and a routine to start from"
)


def format_path(path: PathKey) -> str:
    """`("routine", "steps", 2, "text")` -> `routine.steps[3].text` (positions count from 1). A key that would not
    read as one on a message's line (empty, with spaces around it, a line break or an invisible character in it)
    is quoted, its unprintable characters escaped: `safety.'tit\\nle'`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            name = part if part and part.isprintable() and part == part.strip() else repr(part)
            out += f".{name}" if out else name
    return out


@dataclass(frozen=True)
class Bulleted:
    """A text with two lines or more typed as a list's items (`- Sit up.`), and how it was written: `style` is
    YAML's ('|' keeps its lines, '>', quotes and plain text join them into one)."""

    lines: int
    style: str


@dataclass(frozen=True)
class Source:
    """A parsed YAML file: its data and the line of every key path in it."""

    path: Path
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()  # usable but likely not meant: a text cut by a comment
    comments: dict[PathKey, str] = field(default_factory=dict)  # `key: #text`: the comment that emptied the value
    bullets: dict[PathKey, Bulleted] = field(default_factory=dict)  # texts typed as lists (whether they print so)

    @property
    def name(self) -> str:
        return str(self.path)

    def line_of(self, path: PathKey) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None

    def problem(self, path: PathKey, message: str) -> Problem:
        return Problem(self.name, self.line_of(path), format_path(path), message)


def commented(token: str, in_flow: bool = False) -> str:
    """What to say of a value YAML read as a comment (`primary: #2A7A5A`), or `in_flow`, inside braces or brackets
    (`{primary: #14545C}`), where the rest of its line goes with it."""
    lost = "and the rest of its line were not read" if in_flow else "was not read and the value is empty"
    return f"'#' starts a comment in YAML, so {token} {lost}: put it in quotes, \"{token}\""


# What a line holds outside its quoted texts, one at a time: a quoted text, a comment, or any other character
FLOW_PART = re.compile(r""""(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?|(?<![^\s,\[{])#.*|.""")


def _comment_in_flow(lines: list[str]) -> tuple[int, int, str] | None:
    """The line (from 1), column and word of the first comment among `lines` that starts inside braces or
    brackets left open (`colors: {primary: #14545C, accent: #E9A23B}`, the README's form with its quotes left
    out): YAML reads the rest of the line as a comment, and says only that the braces find no value, or no end."""
    depth = 0
    for number, line in enumerate(lines, 1):
        for part in FLOW_PART.finditer(line):
            mark = part.group()
            if mark.startswith("#"):
                if depth > 0 and len(mark) > 1 and not mark[1].isspace():
                    return number, part.start(), re.split(r"[\s,\]}]", mark, maxsplit=1)[0]
                break
            depth += (mark in "[{") - (mark in "]}") if len(mark) == 1 else 0
    return None


def _empty(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag.endswith(":null") and node.value == ""


NESTED_SAFELY = 5000  # levels libyaml's composer goes through safely (it crashed between 20,000 and 50,000)


def _nested_too_deep(yaml: YAML, text: str, path: Path) -> None:
    """Refuse lists and mappings nested more than MAX_DEPTH deep before they are composed: libyaml's composer
    goes one C call deeper for each, and some tens of thousands deep (`[[[[…`, `- - - …`, 2 bytes a level)
    crashed the process (a segmentation fault, no message) rather than raising an error. Reading the file's
    events keeps no such stack; a syntax error on the way is left for composing to say, as it said it before.
    Each level opens with one of `[{-:?`: a file with fewer of them than NESTED_SAFELY (every routine a clinic
    writes) cannot be nested that deep, and is not read twice."""
    if sum(map(text.count, "[{-:?")) <= NESTED_SAFELY:
        return
    depth = 0
    try:
        for event in yaml.parse(text):
            if isinstance(event, CollectionEndEvent):
                depth -= 1
                continue
            if depth > MAX_DEPTH and isinstance(event, CollectionStartEvent | ScalarEvent | AliasEvent):
                raise _fail(path, event.start_mark.line + 1, TOO_DEEP)
            if isinstance(event, CollectionStartEvent):
                depth += 1
    except YAMLError:
        return


def _fail(path: Path, line: int | None, message: str) -> InputError:
    return InputError([Problem(str(path), line, "", message)])


# The tags of what the walk makes itself as it goes (text, a mapping, a list) and of the plain values YAML reads
# (a date, a number, yes or no, nothing), which it makes as it checks them (see _unreadable).
STR, MAP, SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
READ = frozenset(f"tag:yaml.org,2002:{kind}" for kind in KINDS)


def _walk(node: Node, path: PathKey, found: _Found, file: Path) -> Any:
    """Check `node` (at `path`) and note where its keys are, and give its value as YAML's safe reading makes it,
    in the one walk (a second over the nodes took a fifth of the time a routine took to read). A node of any
    other tag (`!!set`, a tag of the file's own) clears `found.plain`: the file is then read by YAML's own
    reading, once the walk has found nothing wrong."""
    tag = node.tag  # read once: ruamel.yaml makes it anew each time
    value: Any = None
    found.budget -= 1
    if id(node) in found.seen:
        found.aliased.add(id(node))
    found.seen.add(id(node))
    if found.budget < 0:
        raise _fail(file, node.start_mark.line + 1, f"document too large or too deeply aliased (over {MAX_NODES} nodes)")
    if isinstance(node, ScalarNode):
        found.text_budget -= len(node.value)
        if found.text_budget < 0:
            line = found.lines.get(path) or node.start_mark.line + 1
            message = f"over {MAX_TEXT // (1024 * 1024)} MB of text once its aliases (*name) are expanded"
            raise InputError([Problem(str(file), line, format_path(path), message)])
        unreadable = _unreadable(node, found.construct)
        if unreadable:
            raise InputError([Problem(str(file), node.start_mark.line + 1, format_path(path), unreadable)])
        if tag == STR:
            value = node.value
        elif tag in READ:
            value = found.construct(node)  # made by _unreadable, and kept by YAML's reader
        else:
            found.plain = False
    if len(path) > MAX_DEPTH:
        raise _fail(file, node.start_mark.line + 1, TOO_DEEP)
    if isinstance(node, MappingNode):
        value, found.plain = {}, found.plain and tag == MAP
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else repr(key_node.value)
            line, key_tag = key_node.start_mark.line + 1, key_node.tag
            if key_tag.endswith(":merge") or key == "<<":
                raise InputError([Problem(str(file), line, format_path((*path, "<<")), MERGE)])
            if not key_tag.endswith(":str"):  # `~: x`, `2: x`, `true: x`: YAML reads the key as no text
                raise InputError([Problem(str(file), line, format_path(path), _not_a_key(key_node, found.text))])
            found.plain = found.plain and key_tag == STR
            if key in seen:
                # in a list's item, the usual cause is the next item written without its '- '
                item = (
                    ": if it starts the list's next item, begin that with '- ', its '-' under this item's"
                    if path and isinstance(path[-1], int)
                    else ": keep the one you mean and delete the other"
                )
                message = f"duplicate key (first given on line {seen[key]}){item}"
                raise InputError([Problem(str(file), line, format_path((*path, key)), message)])
            seen[key] = line
            found.lines[(*path, key)] = line
            plain = isinstance(value_node, ScalarNode) and not value_node.style and not value_node.tag.endswith(":null")
            comment = COMMENTED.match(found.text[line - 1]) if _empty(value_node) and line <= len(found.text) else None
            if comment:  # `primary: #2A7A5A`: the colour is a comment, the value empty
                found.comments[(*path, key)] = comment.group(1)
                said = commented(comment.group(1))
                found.warnings.append(Problem(str(file), line, format_path((*path, key)), said, "commented-value"))
            if (key in TEXT_KEYS or path in TEXT_MAPPINGS) and plain and value_node.value:
                found.texts[(*path, key)] = value_node.value
            value[key] = _walk(value_node, (*path, key), found, file)
    elif isinstance(node, SequenceNode):
        value, found.plain = [], found.plain and tag == SEQ
        for index, item in enumerate(node.value):
            # An alias (*name) is the anchored node itself, marked where the anchor is: its line is the list's.
            aliased = id(item) in found.seen
            found.lines[(*path, index)] = found.lines.get(path, 1) if aliased else item.start_mark.line + 1
            value.append(_walk(item, (*path, index), found, file))
    elif isinstance(node, ScalarNode) and tag.endswith(":str"):
        if anchor := _anchor(found.text, node):
            found.anchored.append((node, path, anchor))
        lines = _bullet_lines(found.text, node)
        if lines >= 2:  # whether they print as a list is the field's to say (see loading)
            found.bullets[path] = Bulleted(lines, node.style or "")
        cut = None if node.style else _cut_by_comment(found.text, node)
        if cut:
            said = f"'{cut}' was read as a comment ('#' after a space starts one) and left out: put the whole text in quotes"
            # at the comment's line: the text's last, where it runs over several
            found.warnings.append(Problem(str(file), node.end_mark.line + 1, format_path(path), said, "cut-by-comment"))
    # an alias (*name) gives the very value its anchor's node gave, as YAML's reading does
    return found.made.setdefault(id(node), value)


def _anchor(text: list[str], node: ScalarNode) -> str | None:
    """The `&name` a text starts with where YAML read it as an anchor (the text is what follows it), else None."""
    start = node.start_mark
    line = text[start.line] if start.line < len(text) else ""
    found = ANCHOR.match(line, start.column)
    return found.group() if found else None


def _anchors_unused(found: _Found, file: Path) -> None:
    """A warning for each text that starts with an anchor no alias names: `tagline: &friends care` printed "care",
    the '&friends' read as YAML's name for the text and left out."""
    for node, path, anchor in found.anchored:
        if id(node) not in found.aliased:
            said = f"'{anchor}' was read as a YAML anchor ('&' starts one) and left out: put the whole text in quotes"
            found.warnings.append(Problem(str(file), node.start_mark.line + 1, format_path(path), said, "cut-by-anchor"))


def _unreadable(node: ScalarNode, construct: Callable[[Node], object]) -> str | None:
    """What is wrong with a value YAML reads as a date, a number or yes/no but that cannot be one (None if it
    can): `2026-02-30` is no date; a number thousands of digits long Python will not print (nor, in decimal,
    read); `!!bool maybe` is neither yes nor no; `!!binary` is encoded bytes, not text as typed."""
    tag = node.tag.rpartition(":")[2]  # read once: ruamel.yaml makes it anew each time
    if tag == "binary":
        return BINARY
    if tag not in KINDS:
        return None
    too_long = f"a number {len(node.value)} characters long is too long to read: put it in quotes if it is text"
    try:
        value = construct(node)
    except (ValueError, KeyError, TypeError):
        if tag == "timestamp":
            what = "date and time" if ":" in node.value else "date"
            return f"{node.value} is not a {what} that exists: write a real {what} (YYYY-MM-DD), or put text in quotes"
        if tag == "int" and len(node.value) > MAX_DIGITS:
            return too_long
        return f"{node.value[:40]!r} cannot be read as {KINDS[tag]}: put it in quotes if it is text"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_BITS:  # 0xfff…: as long in decimal
        return too_long
    return None


# A number and a comma with no space between, just before a key YAML read as a number: the decimal comma of
# `{during: 3,5}`, which a flow mapping reads as the value 3 and a key 5
DECIMAL_COMMA_BEFORE = re.compile(r"(?<![\w.,])(\d+),$")


def _not_a_key(node: Node, text: list[str]) -> str:
    """What to say of a key YAML reads as something other than text (the file's lines are `text`). A number
    right after a number and a comma is a decimal comma's, inside braces: `{during: 3,5, after: 2}` was told to
    put the key 5 in quotes."""
    if not isinstance(node, ScalarNode):
        return "a list or a mapping cannot be a key: write the key as text"
    kind = KINDS.get(node.tag.rpartition(":")[2], "something other than text")
    mark = node.start_mark
    number = DECIMAL_COMMA_BEFORE.search(text[mark.line][: mark.column]) if mark.line < len(text) else None
    if number and node.tag.rpartition(":")[2] in ("int", "float"):
        typed = f"{number.group(1)},{node.value}"
        return (
            f"{typed!r} was read as {number.group(1)} and a key {node.value}: inside {{ }} a comma separates the "
            "entries, so a number is written there without a decimal comma"
        )
    return f"the key {node.value or '(empty)'} is read as {kind}, not as text: put it in quotes ('{node.value}': ...)"


@dataclass
class _Found:
    """What the walk over a file's nodes collects."""

    text: list[str]  # the file's lines
    construct: Callable[[Node], object]  # a scalar node's value, as YAML reads it
    lines: dict[PathKey, int] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    texts: dict[PathKey, str] = field(default_factory=dict)  # values of TEXT_KEYS, as written
    comments: dict[PathKey, str] = field(default_factory=dict)  # empty values followed by a '#' comment
    bullets: dict[PathKey, Bulleted] = field(default_factory=dict)  # texts typed as lists
    budget: int = MAX_NODES
    text_budget: int = MAX_TEXT
    seen: set[int] = field(default_factory=set)  # nodes walked (a node met again is an alias of it)
    aliased: set[int] = field(default_factory=set)  # nodes met again
    anchored: list[tuple[ScalarNode, PathKey, str]] = field(default_factory=list)  # texts marked `&name`, and it
    made: dict[int, Any] = field(default_factory=dict)  # each node's value, by the node
    plain: bool = True  # every node one whose value the walk makes (see _walk)


def item_at(data: Any, path: PathKey) -> Any:
    """What is at `path` in a file's data (None if nothing is)."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _set(data: Any, path: PathKey, value: str) -> None:
    """Put `value` at `path` in the constructed data (a mapping key's value, found by the walk)."""
    for part in path[:-1]:
        data = data[part]
    if isinstance(data, dict) and path[-1] in data:
        data[path[-1]] = value


def _cut_by_comment(text: list[str], node: ScalarNode) -> str | None:
    """The comment that ends the line of a plain text where it reads as the text's own words (`Knee #1 routine`,
    `Do it #3 times`: '#' then a letter or digit, no space), else None; `Hold it  # about a minute` is a comment,
    and so is any after a number or yes/no (`rest: 30 #seconds`), which quotes would turn into text."""
    line = node.end_mark.line
    # matched from where the text ends, not on a copy of the rest of its line: a flow list of 200,000 items on
    # one line copied the line 200,000 times
    found = TEXT_AS_COMMENT.match(text[line], node.end_mark.column) if node.value and line < len(text) else None
    return found.group(1) if found else None


def _bullet_lines(text: list[str], node: ScalarNode) -> int:
    """How many of a text's lines, as typed, start like a list's items. A block (`|`, `>`) starts on the line
    below its mark and ends where the next key or item starts, at its line's start: that line is not its own. In
    double quotes, a line break typed as `\\n` (as a program that writes YAML or JSON does) ends a line as well:
    there the text's own lines are counted too."""
    escaped = _items(node.value.split("\n")) if node.style == '"' and "\n" in node.value else 0
    start, end = node.start_mark, node.end_mark
    if start.line == end.line:
        return escaped
    block = node.style in ("|", ">")
    lines = text[start.line + block : end.line + bool(end.column)]
    if not block and lines:
        lines[0] = lines[0][start.column + bool(node.style) :]  # after the key (and the quote)
    return max(_items(lines), escaped)


def _items(lines: list[str]) -> int:
    """How many of `lines` start like a list's items: each bulleted one, and numbered ones counted from 1 (1, 2,
    3…, or 1 each time, as Markdown lets a list be typed). A number out of that order is a line of text that
    wraps at one: German "am 1. Tag … ab dem 3. Tag"."""
    count, last = 0, 0
    for line in lines:
        item = BULLET.match(line)
        if item is None:
            continue
        if item["number"] is None:
            count += 1
        elif (number := int(item["number"])) == last + 1 or number == last == 1:
            count, last = count + 1, number
    return count


def _syntax_error(path: Path, text: str, exc: MarkedYAMLError) -> InputError:
    # Where the file ended inside something left open (a quote, a bracket), its start is the line to fix.
    ended = "end of stream" in (exc.problem or "")
    mark = (exc.context_mark if ended else None) or exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    message = " ".join(part for part in (exc.problem, exc.context) if part) or "syntax error"
    if "found duplicate anchor" in message and exc.context_mark:  # ruamel's words for it read backwards
        message = f"the anchor is first given on line {exc.context_mark.line + 1}"
    source_lines = text.splitlines()
    problem_line = exc.problem_mark.line + 1 if exc.problem_mark else line
    hint = next((hint for cause, hint in HINTS if cause in message), None)
    if exc.problem_mark and problem_line <= len(source_lines):
        if exc.problem == "did not find expected key":
            hint = _key_expected(source_lines[problem_line - 1], exc.problem_mark.column)
        elif exc.problem == "found character that cannot start any token":
            hint = _starting(source_lines[problem_line - 1], exc.problem_mark.column) or hint
    near = [n for n in (problem_line, (problem_line or 0) - 1) if n and 1 <= n <= len(source_lines)]  # and the one above
    pasted = [n for n in near if NBSP.search(source_lines[n - 1])]
    unseen = [(n, found.group()) for n in near if (found := UNSEEN.search(source_lines[n - 1]))]
    # A value opened with a curly quote is the cause only on the line the parser stopped at: one on the line
    # above is valid YAML (text that prints with its curly quotes), and the fault is the line below it.
    curly = [n for n in near[:1] if CURLY.search(source_lines[n - 1])]
    key: PathKey | None = None  # where the line's own key is not where YAML stopped reading it
    if problem_line and problem_line <= len(source_lines) and "\t" in source_lines[problem_line - 1]:
        line, hint = problem_line, "a tab character is used for indentation; indent with spaces"
        if not source_lines[problem_line - 1].strip():  # left by an editor's auto-indent: the line shows nothing
            hint = "a tab character on a line that looks empty: delete it (YAML takes no tab at a line's start)"
    elif curly:
        line, hint = curly[0], SMART_QUOTES
    elif pasted:
        line, hint = pasted[0], "a non-breaking space (pasted from a word processor) where YAML needs a space: type it again"
    elif unseen:
        line, character = unseen[0]
        hint = f"an invisible character ({codes([character])}) is in the line: type the line again without it"
    elif "flow" in message and (hashed := _comment_in_flow(source_lines[:problem_line])):
        line, column, token = hashed
        hint, key = commented(token, in_flow=True), key_path(text, line, column)
    elif exc.problem in FLOW and exc.context_mark and exc.problem_mark:
        opened, closing = FLOW[exc.problem]
        if exc.problem_mark.line != exc.context_mark.line:  # at the line it opens on, where its closing one goes
            line, hint = exc.context_mark.line + 1, UNCLOSED.format(opened, closing)
        else:
            line, hint = problem_line, INSIDE_FLOW.format(opened, closing)
    elif hint in (QUOTE_COLON, NOT_AN_ITEM, ALIAS) and (marked := _marked_item(source_lines, near)):
        line, mark = marked
        hint = OTHER_ITEM_MARK.format(mark)
        read = key_path(text, line)  # the list's: not the item above, nor the key YAML made of the mark and a key
        key = read[:-1] if read and (isinstance(read[-1], int) or read[-1].startswith(mark)) else read
    elif hint == QUOTE_COLON and exc.problem_mark and _colon_left_out(source_lines, problem_line, exc.problem_mark.column):
        line, hint = problem_line - 1, MISSING_COLON
    elif hint == QUOTE_COLON and exc.problem_mark and (column := _set_in(source_lines, exc.problem_mark)) is not None:
        line, hint = problem_line, KEY_SET_IN.format(_spaces_in(column))
        above = key_path(text, _written_lines(source_lines, problem_line)[-1])  # beside the key it is to line up with
        typed = own_key(source_lines[problem_line - 1])
        key = (*above[:-1], typed) if above and typed else ()
    elif hint == MISSING_COLON and exc.context_mark:  # the line whose colon is missing, where its key began
        line = exc.context_mark.line + 1
    elif exc.problem == "did not find expected <document start>" and (directive := _directive_above(source_lines, problem_line)):
        line, hint = directive, DIRECTIVE_ALONE
    elif keyless := _keyless_above(source_lines, problem_line, exc):
        line, hint = keyless, MISSING_COLON
    elif hint == ITEM_AS_KEY and exc.problem_mark and (first := _undashed_first(source_lines, exc.problem_mark)):
        line, hint = first, FIRST_UNDASHED
        read = key_path(text, first)  # read as a key of the list's own key, where it is the first item's
        key = (*read[:-1], 0, read[-1]) if read else ()
    elif hint and exc.problem_mark and not ended:
        line = exc.problem_mark.line + 1
    said = f"invalid YAML: {hint} ({message})" if hint else f"invalid YAML: {message}"
    if key is None and line is not None:
        key = key_path(text, line, _column(exc, line, ended))
    return InputError([Problem(str(path), line, format_path(key or ()), said)])


def _marked_item(lines: list[str], near: list[int]) -> tuple[int, str] | None:
    """The line among `near` (numbers from 1) that begins a list's item with a mark other than '- ' (see ITEM_MARK),
    and that mark: the line the parser stopped at, or the one above, which it read as a key and stopped after."""
    for number in near:
        found = ITEM_MARK.match(lines[number - 1])
        if found:
            return number, found.group(1)
    return None


def _column(exc: MarkedYAMLError, line: int, ended: bool) -> int | None:
    """Where on `line` (from 1) the parser's error is: the column of the mark on it (the opening quote's, where
    the file ended inside it), None (the whole line) where it is blamed for the line below's error."""
    marks = (exc.context_mark, exc.problem_mark) if ended else (exc.problem_mark, exc.context_mark)
    return next((mark.column for mark in marks if mark and mark.line + 1 == line), None)


def _colon_left_out(lines: list[str], number: int, column: int) -> bool:
    """Whether the key on line `number` (a colon at `column`) was read as more of the line above's text because
    that line is a key without its colon: `- title Shoulders` above `text: Roll.` is one text to YAML, and its
    colon is 'not allowed' there; under `summary: Knee` the colon is in the text (which quotes would keep)."""
    if not 2 <= number <= len(lines):
        return False
    above = lines[number - 2].split(" #")[0]
    key = KEY_START.fullmatch(lines[number - 1][:column])
    return bool(key and _written(above) and ":" not in above)


def _set_in(lines: list[str], mark: Any) -> int | None:
    """The column of the key on the line above line `mark.line` where the key on that line (its colon at
    `mark.column`) is set in further than it, and so read as more of its text (`- title: Shoulders` above
    `       text: Roll.`, a space too far in); else None."""
    if mark.line >= len(lines):
        return None
    key = KEY_START.fullmatch(lines[mark.line][: mark.column])
    above = next((lines[n - 1] for n in reversed(_written_lines(lines, mark.line + 1))), "")
    found = KEY_WITH_VALUE.match(above)
    if not key or not found or not len(found.group(1)) < _indent(lines[mark.line]):
        return None
    return len(found.group(1))


def _spaces_in(column: int) -> str:
    return "at the start of the line" if column == 0 else f"{column} space{'s' * (column != 1)} in"


def _written(line: str) -> bool:
    """Whether `line` holds some of the YAML: not blank, nor only a comment."""
    return bool(line.strip()) and not line.lstrip().startswith("#")


def _written_lines(lines: list[str], end: int) -> list[int]:
    """The numbers (from 1) of the lines before line `end` that hold some of the YAML."""
    return [n for n in range(1, end) if _written(lines[n - 1])]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _directive_above(lines: list[str], number: int | None) -> int | None:
    """The last line above line `number` that is a directive ('%YAML 1.2'), where YAML wanted a '---' line after
    it and read the first key as none (it was said as a key without its colon, at the '%YAML' line)."""
    return next((n for n in reversed(_written_lines(lines, number or 0)) if lines[n - 1].startswith("%")), None)


def _keyless_above(lines: list[str], number: int | None, exc: MarkedYAMLError) -> int | None:
    """The line above line `number` that is a key without its colon, where YAML read it as a text and stopped
    only at the key after it: the file's first line (`id mini` is a whole document of text to YAML, and the key
    below it 'no document start'), or one as far in as the key below it (`  primary "#14545C"` is read as
    `colors`'s text, and `  accent:` below it as a key set in too far)."""
    mark = exc.problem_mark
    above = _written_lines(lines, number or 0)
    if not (mark and above and mark.line < len(lines)):
        return None
    if exc.problem == "did not find expected <document start>":
        candidate = above[0]
    elif exc.problem == "did not find expected key" and _key_expected(lines[mark.line], mark.column) == KEY_ASIDE:
        candidate = above[-1]
        if _indent(lines[candidate - 1]) != mark.column:
            return None
    else:
        return None
    text = lines[candidate - 1].split(" #")[0].strip()
    return candidate if text and ":" not in text and not text.startswith(("-", "[", "{", "'", '"', "---")) else None


def _undashed_first(lines: list[str], mark: Any) -> int | None:
    """The line of a list's first item typed without its '- ' (`steps:`, then `title: Shoulders` set in, then
    `- title: Neck`): YAML reads the first item as the opening key's mapping and stops at the second's '-', said
    there as out of line although it is the one written right."""
    column = mark.column
    content = _written_lines(lines, mark.line + 1)
    opener = next((n for n in reversed(content) if _indent(lines[n - 1]) <= column), None)
    if opener is None or not lines[opener - 1].split(" #")[0].rstrip().endswith(":"):
        return None
    first = next((n for n in content if n > opener), None)
    text = lines[first - 1] if first else ""
    return first if first and _indent(text) > column and KEY_START.match(text) and text.split(" #")[0].find(":") > 0 else None


def _key_expected(line: str, column: int) -> str:
    """What usually stands where YAML expected a key, in `line` at `column`."""
    if line[column:].startswith("- "):
        return ITEM_AS_KEY
    if line[column:].rstrip() == "-":
        return STRAY_DASH
    before = line[:column].rstrip()
    if before.endswith(("]", "}")):  # `text: [Optional] hold it`
        return BRACKETED
    return AFTER_QUOTE if before.endswith(("'", '"')) else KEY_ASIDE


def _starting(line: str, column: int) -> str | None:
    """What to say of a character YAML cannot start a value with, at `column` of `line` (`text: %50 effort`)."""
    character = line[column : column + 1]
    if not character.strip():
        return None
    # the parser names no character: those HINTS has its own words for ('@' a citation's) are found by it here
    named = next((hint for cause, hint in HINTS if cause == f"found character '{character}'"), None)
    return named or f"'{character}' cannot start a value: put text that starts with it in quotes"


def unquoted(text: str) -> Any:
    """What YAML 1.2 reads `text` as when it is written without quotes: `"1e3"` is 1000.0, `".inf"` infinity;
    text YAML cannot read unquoted (a control character, typed as an escape in quotes: "5\\x1f") stays text."""
    try:
        return YAML(typ="safe").load(text)
    except YAMLError:
        return text


def read_yaml(path: Path) -> Source:
    """Parse `path` as YAML 1.2; raise :class:`InputError` naming file and line for anything unreadable."""
    try:
        raw = read_bytes(path, "yaml")
    except UnreadableFileError as exc:
        raise _fail(path, None, str(exc)) from None
    document = not_plain_text(raw, "yaml")
    if document:
        raise _fail(path, None, document)
    wide = wide_unicode(raw)
    if wide:
        raise _fail(path, 1, wide)
    body = raw.removeprefix(codecs.BOM_UTF8)  # where the error is, is counted from after it ("utf-8-sig" counts so)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_utf8(path, body, exc.start) from None
    return parse_yaml(before_eof_mark(text), path)


def _not_utf8(path: Path, raw: bytes, start: int) -> InputError:
    """The error for a file saved in another encoding (see encodings.not_utf8), at the key of its line."""
    found = not_utf8(raw, start)
    try:
        keys = [key for key, at in parse_yaml(found.text, path).lines.items() if at == found.line]
    except InputError:  # a mistake of YAML's as well: said once this one is put right
        keys = []
    key = format_path(max(keys, key=len)) if keys else ""
    return InputError([Problem(str(path), found.line, key, found.message)])


class _Resolver(VersionedResolver):
    """ruamel's reader of what a plain value is (text, number, true or false), told the YAML version it reads:
    1.2, the version libyaml's parser reads every file in (a `%YAML 1.1` line changes nothing). ruamel asks
    which version applies at every value, about 900 times a routine, each time by reading one that libyaml's
    parser does not keep: an error raised and caught each time, a quarter of the time content.yaml took to read."""

    processing_version = (1, 2)


MARK = "\ue000"  # a private-use character: a letter to YAML, standing in for one it refuses (see _refused)


def _refused(path: Path, text: str, at: int) -> InputError:
    """The error of the character at `at` of `text`, which YAML refuses anywhere in a file (a control character)
    or reads as a line's end where an editor shows none (U+2028): at its line as an editor counts lines, with the
    key of the value it is typed in, found in the text read with a letter of no meaning to YAML in its place (a
    space would be no part of a value it ends), then with a space (which a key's colon may need after it)."""
    before = LINE_BREAK.split(text[:at])
    line, column = len(before), len(before[-1])
    readable = (UNSEEN_BREAK.sub(" ", f"{text[:at]}{stand_in}{text[at + 1 :]}") for stand_in in (MARK, " "))
    key = next((key for key in (_key_at(each, line, column) for each in readable) if key), "")
    return InputError([Problem(str(path), line, key, f"has {codes([text[at]])}; {CONTROLS}")])


def _key_at(text: str, line: int, column: int) -> str:
    """The key whose value holds `text`'s character at `line` (from 1) and `column` (from 0), as an error names it
    (`routine.steps[2].cue`); empty if the text is no YAML (another character it refuses: said once this one is
    put right) or the character is in no value (a comment). Each node is looked into once, however aliased."""
    try:
        node = YAML(typ="safe").compose(text)
    except (YAMLError, ValueError, RecursionError):
        return ""
    at, path, seen = (line - 1, column), (), set()
    while node is not None and id(node) not in seen:
        seen.add(id(node))
        inner: tuple[str | int, Node] | None = None
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if _holds(key_node, at):
                    return format_path(path)
                if _mark(key_node.start_mark) <= at < _mark(value_node.end_mark):  # in its value, or just before
                    inner = (key_node.value if isinstance(key_node, ScalarNode) else repr(key_node.value), value_node)
        elif isinstance(node, SequenceNode):
            inner = next(((index, item) for index, item in enumerate(node.value) if _holds(item, at)), None)
        if inner is None:
            break
        path, node = (*path, inner[0]), inner[1]
    return format_path(path)


def _holds(node: Node, at: tuple[int, int]) -> bool:
    """Whether `node` spans the character at (line, column), both from 0."""
    return _mark(node.start_mark) <= at < _mark(node.end_mark)


def _mark(mark: Any) -> tuple[int, int]:
    return mark.line, mark.column


def parse_yaml(text: str, path: Path) -> Source:
    """Parse `text` (the contents of `path`) as YAML 1.2, as :func:`read_yaml` does."""
    yaml = YAML(typ="safe")  # libyaml's parser (ruamel.yaml.clib) where installed; YAML 1.2 either way
    yaml.Resolver = _Resolver
    unseen = UNSEEN_BREAK.search(text)
    if unseen:  # said at the editor's line: YAML's would count it, and read on as if a new line began there
        raise _refused(path, text, unseen.start())
    try:
        _nested_too_deep(yaml, text, path)
        node = yaml.compose(text)
        if node is None:
            raise _fail(path, None, EMPTY)
        found = _Found(text.splitlines(), yaml.constructor.construct_object)
        found.lines[()] = node.start_mark.line + 1
        data = _walk(node, (), found, path)
        _anchors_unused(found, path)
        if not found.plain:
            data = yaml.constructor.construct_document(node)
        for key_path, text in found.texts.items():
            _set(data, key_path, text)
    except MarkedYAMLError as exc:
        raise _syntax_error(path, text, exc) from None
    except ReaderError as exc:  # a character YAML refuses anywhere in the file: said by its line, not its position
        # found by itself: ruamel's position of it is some characters off once a line holds an emoji or an accent
        at = text.find(chr(exc.character))
        raise _refused(path, text, at if at >= 0 else exc.position) from None
    except YAMLError as exc:
        raise _fail(path, None, f"invalid YAML: {exc}") from None
    except ValueError as exc:  # a value YAML's types cannot hold that the walk's checks did not foresee
        raise _fail(path, None, f"invalid YAML: {exc}") from None
    except RecursionError:  # brackets nested thousands deep
        raise _fail(path, None, TOO_DEEP) from None
    return Source(path, data, found.lines, tuple(found.warnings), found.comments, found.bullets)
