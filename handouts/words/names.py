"""Personal names read as citeproc-js (Zotero, Mendeley) reads them.

A clinic types `{family: van Beek, given: Jan}`, as a reference manager exports it, not
`{non-dropping-particle: van, family: Beek, given: Jan}`. citeproc-js then takes the lower-case words
at the start of the family name for its particle ("van", "de la", "d'", "al-") and those at the end of
the given name for a dropping particle ("Alexander von"), and a suffix after a comma in the given name
("John, Jr."), so that a style that sorts or prints names by the name after the particle ("Beek, Jan van")
can; citeproc-py takes the fields as typed. A family name in double quotes is kept whole, quotes removed,
and a name whose particle is given is read as typed, as citeproc-js does.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

# citeproc-js's CSL.PARTICLE_FAMILY_REGEXP and CSL.PARTICLE_GIVEN_REGEXP (the second on the reversed given name)
_FAMILY_PARTICLE = re.compile(r"([^ ]+(?:-|\u02bb|\u2019| |') *)(.+)\Z")
_GIVEN_PARTICLE = re.compile(r"([^ ]+(?:\u02bb |\u2019 | |' ) *)(.+)\Z")
_SUFFIX = re.compile(r"\s*,!*\s*")
_LEAD = re.compile(r"^[-'\u02bb\u2019\s]*")


def _lower_case(word: str) -> bool:
    """Whether a word starts with a lower-case letter, as citeproc-js tests it (punctuation before it skipped)."""
    first = _LEAD.sub("", word)[:1]
    return bool(first) and first.upper() != first


def _particles(value: str, trailing: bool) -> tuple[str, list[str]]:
    """The name without its particles (the leading words, or the trailing ones), and the particles as found,
    each with the space or mark after (or before) it."""
    found: list[str] = []
    rest = value[::-1] if trailing else value
    pattern = _GIVEN_PARTICLE if trailing else _FAMILY_PARTICLE
    while (match := pattern.match(rest)) and _lower_case(match.group(1)[::-1] if trailing else match.group(1)):
        size = len(match.group(1))
        found.append(value[-size:] if trailing else value[:size])
        value = value[:-size] if trailing else value[size:]
        rest = match.group(2)
    return value, found[::-1] if trailing else found


def _family_particle(particles: list[str]) -> str:
    """citeproc-js's particle: joined, trimmed, but a space after an apostrophe kept ("d' Ancona")."""
    joined = "".join(particles)
    trimmed = joined.strip()
    return trimmed + " " if joined.endswith(" ") and trimmed.endswith(("'", "\u2019")) else trimmed


def _given_particle(particles: list[str]) -> str:
    """citeproc-js's dropping particle: the given name's trailing particles, each space before one moved after
    the one before it, joined and trimmed."""
    moved = [particle + " " if after.startswith(" ") else particle for particle, after in itertools.pairwise(particles)]
    moved.append(particles[-1] if particles else "")
    return "".join(particle.removeprefix(" ") for particle in moved).strip()


def parsed(name: dict[str, Any]) -> dict[str, Any]:
    """A CSL-JSON name as citeproc-js reads it (see the module's docstring); a name it reads as typed unchanged."""
    family, given = name.get("family"), name.get("given")
    if not isinstance(family, str) or "literal" in name:
        return name
    if len(family) > 1 and family.startswith('"') and family.endswith('"'):
        return {**name, "family": family[1:-1]}
    if not isinstance(given, str) or not given or name.get("non-dropping-particle"):
        return name
    out = dict(name)
    out["family"], found = _particles(family, trailing=False)
    if particle := _family_particle(found):
        out["non-dropping-particle"] = particle
    if not out.get("suffix") and (comma := _SUFFIX.search(given)):
        possible = given[comma.end() :]
        if possible.replace(".", "") == "et al" and not out.get("dropping-particle"):
            out["dropping-particle"] = possible
        else:
            out["suffix"] = possible
        given = given[: comma.start()]
    out["given"], found = _particles(given, trailing=True)
    if particle := _given_particle(found):
        out["dropping-particle"] = particle
    return out


def marked(name: dict[str, Any], joiner: str, particle_end: str) -> dict[str, Any]:
    """A name with a mark after its non-dropping particle, where citeproc-py puts a space between it and the name
    after it: `joiner` where citeproc-js puts none ("d\u2019Alembert", "al-Farabi": the particle ends with an
    apostrophe, a hyphen or a space), `particle_end` elsewhere (citeproc-js joins it with a no-break space in
    French, which its sorting passes over); and `joiner` after a dropping particle that citeproc-js joins to the
    family name ("d'" in a name without a non-dropping particle). The caller takes the marks out."""
    if particle := name.get("non-dropping-particle"):
        mark = joiner if particle.endswith(("\u2019", "'", "-", " ")) else particle_end
        return {**name, "non-dropping-particle": particle + mark}
    particle = name.get("dropping-particle")
    if particle and name.get("family") and particle.endswith(("'", "\u02bc", "\u2019", "-")) and particle[:-1] != "de":
        return {**name, "dropping-particle": particle + joiner}
    return name


def item_parsed(item: dict[str, Any], joiner: str, particle_end: str) -> dict[str, Any]:
    """A CSL-JSON item with each of its names as citeproc-js reads it, its particles marked (see :func:`marked`)."""
    return {  # CSL-JSON's lists of objects are its name variables
        key: [marked(parsed(name), joiner, particle_end) if isinstance(name, dict) else name for name in value]
        if isinstance(value, list | tuple)
        else value
        for key, value in item.items()
    }
