"""Citations as content writes them, `[@id]` or `[@a; @b]`, and the one rule for matching their ids.

A citation is one of the Markdown marks (see handouts.words.markdown, which finds them for the check, the
reference list and every output alike), so Markdown's escapes apply to it: `\\[@id]` prints "[@id]".

Ids match case-insensitively everywhere (the check, the text and the reference list): citeproc-py keys
its items in lower case, so `NHS2019` and `nhs2019` are one reference, and `[@nhs2019]` cites `NHS2019`.
"""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

ID = r"[\w][\w:.#$%&+?<>~/-]*"  # an id as a citation writes it, after its '@'
CITATION = re.compile(rf"\[(@{ID}(?:\s*;\s*@{ID})*)\]")
# Pandoc's forms a citation is not read in: a page or a prefix with it ("[@a, p. 5]", "[see @a]"), its author
# left out ("[-@a]"); the ids in it
PANDOC = re.compile(r"(?<!\\)\[(?:[^\[\]@]*?[\s;])?-?@[\w][^\[\]]*\](?!\()")  # "[… @b](https://…)": a link
PANDOC_ID = re.compile(rf"(?:^|[\s;\[])-?@({ID}?)(?=[,;\s\]]|$)")  # each id at its shortest ("*?") before what ends it
# An id opened with a bracket of any kind ("(@a)", "{@a}", "[@a)", "[@a" never closed), the ids after it in one
# list ("(@a; @b)", "(@a; see @b)"), and what follows them up to the bracket closing them, where one closes them
# within a few words ("(@a, p. 5)")
OPENED = re.compile(
    rf"(?<!\\)[\[({{]\s*@({ID})((?:\s*;\s*(?:[^\[\](){{}};@]{{0,20}}?\s)?-?@{ID})*)(?:([^\[\](){{}}@]{{0,40}}?)([)\]}}]))?"
)


def unread(text: str, ids: set[str]) -> list[str]:
    """Each citation in `text` in one of Pandoc's forms handouts does not read (it would print as typed), that
    names one of `ids` (keys): "[@perlman2006, p. 5]" is meant as a citation, "[@clinic on Twitter]" not."""
    return [
        match.group(0)
        for match in PANDOC.finditer(text)
        if not CITATION.fullmatch(match.group(0)) and any(key(found) in ids for found in PANDOC_ID.findall(match.group(0)))
    ]


def misbracketed(text: str, ids: set[str]) -> list[tuple[str, str]]:
    """Each citation opened with an id of `ids` (keys) but not closed as one, in no citation or Pandoc form (which
    :func:`unread` finds), as typed and as a citation: "(@a)", "{@a}", "[@a)", "[@a" whose ']' was left out, and
    "(@a; @b)" (any of whose ids is known), each id of the list in the citation ("[@a; @b]": the message quoted
    "(@a" alone). They printed as typed."""
    taken = [found.span() for pattern in (CITATION, PANDOC) for found in pattern.finditer(text)]
    found = []
    for match in OPENED.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        typed = match.group(0) if match.group(4) else match.group(0).rstrip().rstrip(".,:;?/")  # "[@a." ends a sentence
        listed = (PANDOC_ID.search(part) for part in f"@{match.group(1)}{match.group(2)}".split(";"))
        written = [one.group(1).rstrip(".,:;?/") for one in listed if one is not None]
        if any(key(one) in ids for one in written):
            found.append((typed, "[" + "; ".join(f"@{one}" for one in written) + "]"))
    return found


def beside_ids(typed: str) -> str:
    """What a citation as typed holds besides its brackets, '@', ';', spaces and the punctuation an id may end
    with: its ids, and any page or words typed with them."""
    return re.sub(r"[\s\[\](){};@.,:?/-]", "", typed)


def key(reference_id: str) -> str:
    """The form an id is matched and looked up by."""
    return reference_id.strip().lstrip("@").lower()


def keys(ids: tuple[str, ...]) -> tuple[str, ...]:
    """A citation's ids in the form the reference list keys them by."""
    return tuple(key(part) for part in ids)


def tokenize(state: StateInline, silent: bool) -> bool:
    """markdown-it's inline rule for a citation where the reader stands: a `citation` token with the ids as written
    (`meta["ids"]`) and the citation as typed (`markup`). A backslash-escaped bracket is the escape rule's
    before this rule sees it, so `\\[@id]` and `[@id\\]` are text. markdown-it's silent pass only looks for
    where a link's text ends, and takes any token there for a link inside the link: in it a citation is brackets
    like others, so `[see [@id]](https://…)` stays a link, the citation in its text."""
    match = None if silent or state.src[state.pos] != "[" else CITATION.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    token = state.push("citation", "", 0)
    token.markup = match.group(0)
    ids: dict[str, str] = {}  # by key, as first written: "[@a; @A]" cites a once (it printed "(NHS, 2019, 2019)")
    for part in match.group(1).split(";"):
        ids.setdefault(key(part), part.strip().lstrip("@"))
    token.meta = {"ids": tuple(ids.values())}
    state.pos = match.end()
    return True
