"""Where in a file each key is taken, for an unknown key typed in the wrong place to say where it belongs.

`frequency:` typed inside a step belongs inside `routine`, `sets:` under `routine` inside each step, `phone:` at the
top of brand.yaml inside `contact`, and `phone:` typed at the top of a routine belongs in brand.yaml. Found from the
models themselves, so a key added to one is known at once. Only the files' own mappings are searched: a
reference's keys are CSL's, a vocabulary of its own.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator

from pydantic import BaseModel

from handouts.input.models import Model
from handouts.input.yamlsource import format_path

ITEM, ENTRY = 0, ""  # in a place: each item of a list, each entry of a mapping whose keys are the user's (labels.en)
Place = tuple[str | int, ...]
MOST = 2  # places said; a key taken in more (a title) is told with the keys of its own mapping instead


def belongs(root: type[BaseModel], loc: tuple[str | int, ...], owner: type[BaseModel] | None) -> str | None:
    """Where the key at `loc`, unknown in its mapping (of model `owner`), belongs in a file of `root`, in words
    ("inside 'contact': indent it under 'contact:'"); None where it is taken nowhere else, or in too many places
    to say."""
    key = str(loc[-1])
    elsewhere = [place for place, model in _places(root).get(key, ()) if model is not owner]
    if not elsewhere or len(elsewhere) > MOST:
        return None
    said = " or ".join(_said(place) for place in elsewhere)
    if len(loc) > 1:
        return f"{said}, not inside '{format_path(loc[:-1])}'"
    only = elsewhere[0]
    return f"{said}: indent it under '{only[-1]}:'" if len(elsewhere) == 1 and only and only[-1] not in (ITEM, ENTRY) else said


def in_other_file(own: type[BaseModel], other: type[BaseModel], file: str, key: str) -> str | None:
    """Where `key`, typed at the top of a file of `own`, belongs in the other file, named `file` (`phone:` typed
    in a routine: "in brand.yaml, inside 'contact'"; `frequency:` typed in brand.yaml in the routine's file), in
    words; None where its own file takes it but as a label's name (`text:` in a routine, whose steps take it: not
    brand.yaml's `colors`), or the other file nowhere or in too many places to say. A key the other file takes at
    its top is said there alone (`contact:`, not also "inside an entry of 'labels'")."""
    if any(ENTRY not in place for place, _ in _places(own).get(key, ())):
        return None
    places = [place for place, _ in _places(other).get(key, ())]
    places = [()] if () in places else places
    if not places or len(places) > MOST:
        return None
    return f"in {file}, {' or '.join(_said(place) for place in places)}"


def _said(place: Place) -> str:
    if not place:
        return "at the top level of the file"
    if place[-1] in (ITEM, ENTRY):
        return f"inside an {'item' if place[-1] == ITEM else 'entry'} of '{_name(place[:-1])}'"
    return f"inside '{_name(place)}'"


def _name(place: Place) -> str:
    return format_path(place).replace("[1]", "[…]")  # an item within the place: any of them


@functools.cache
def _places(root: type[BaseModel]) -> dict[str, list[tuple[Place, type[BaseModel]]]]:
    """Every key a file of `root` takes, with each place it is taken in and the model of the mapping there."""
    found: dict[str, list[tuple[Place, type[BaseModel]]]] = {}
    pending: list[tuple[Place, type[BaseModel]]] = [((), root)]
    while pending:
        place, model = pending.pop(0)
        for name, spec in model.model_fields.items():
            found.setdefault(spec.alias or name, []).append((place, model))
            pending.extend(((*place, name, *inner), sub) for inner, sub in _models(spec.annotation) if sub is not model)
    return found


def _models(annotation: object, inner: Place = ()) -> Iterator[tuple[Place, type[BaseModel]]]:
    """The file's own mappings (models) a field's value may be, each with where in the value: `tuple[Step, ...]`
    gives Step in each item, `dict[str, Labels]` Labels in each entry, `Frequency | None` Frequency itself."""
    if isinstance(annotation, type) and issubclass(annotation, Model):
        yield inner, annotation
        return
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (tuple, list):
        inner = (*inner, ITEM)
    elif origin is dict:
        inner, args = (*inner, ENTRY), args[1:]
    elif origin is typing.Annotated:
        args = args[:1]
    for arg in args:
        yield from _models(arg, inner)
