"""Load content.yaml and brand.yaml into validated models, collecting every problem.

This is the edge: raw YAML never travels further than this module. Each
problem reads `file:line: key.path: message`.
"""

from __future__ import annotations

import copy
import datetime
import difflib
import functools
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from handouts.errors import InputError, Problem
from handouts.input.bullets import dangling_lists, joined_bullets
from handouts.input.links import DOI_PREFIX, tel_uri
from handouts.input.models import EMPTY_TEXT, QUOTE_IT, Brand, Content, Reference, describe
from handouts.input.places import belongs, in_other_file
from handouts.input.required import left_empty, missing
from handouts.input.shortforms import lone_lead_ins
from handouts.input.yamlsource import LINE_BREAK, SMART_QUOTES, PathKey, Source, commented, format_path, item_at, read_yaml
from handouts.media import images
from handouts.words import citations, markdown
from handouts.words.ink import codes

M = TypeVar("M", bound=BaseModel)
BULLETS = ("-", "*", "\u2022", "\u2013")  # how a list's items may be typed that YAML does not read as one
CURLY_QUOTES = "\u201c\u2018\u201e"
# A key's other file: where a key taken nowhere in its own file may belong (`phone:` typed in the routine).
OTHER_FILE: dict[type[BaseModel], tuple[type[BaseModel], str]] = {
    Content: (Brand, "brand.yaml"),
    Brand: (Content, "the routine's file (content.yaml)"),
}
SHOWN = 60  # characters of a text quoted back in full in a message; a longer one is shown by its start
EMPTY_ITEM = "an empty item (a '-' with nothing after it): write the item after the '- ', or delete the line"


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A validated model and the file it came from (for later errors that need a line)."""

    model: M
    source: Source
    warnings: list[Problem] = field(
        default_factory=list
    )  # odd but usable: a reference never cited, a picture's reference left out

    def problem(self, path: PathKey, message: str) -> Problem:
        return self.source.problem(path, message)

    @functools.cached_property
    def dump(self) -> dict[str, Any]:
        """The model as plain data, keys as the file spells them (made once: checks and templates read it)."""
        return self.model.model_dump(mode="json", by_alias=True)

    @functools.cached_property
    def texts(self) -> tuple[tuple[PathKey, str], ...]:
        """Every string in the model with its key path, walked once (glyphs, citations and references all read it)."""
        return tuple(iter_text(self.dump))


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that owns the mapping at `loc` (for "did you mean")."""
    current: Any = model
    keyed = False  # the next part is a key of a mapping (labels.en), not a field
    for part in loc:
        if isinstance(part, int) or keyed:
            keyed = False
            continue
        field = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if field is None:
            return None
        current = field.annotation
        keyed = getattr(current, "__origin__", None) is dict
        for arg in getattr(current, "__args__", ()):  # tuple[Step, ...], X | None, dict[str, Labels]
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                current = arg
                break
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


# Keys written in the language of the routine's text, by the key each means: by spelling alone, "did you mean"
# offered 'subtitle' for securite (the French for safety), and nothing at all for sicherheit or étapes.
TRANSLATED = {
    word: key
    for key, words in {
        "title": "titel titre titulo título titolo tytuł tytul teitl",
        "text": "texte texto testo tekst testun",
        "safety": "sicherheit sécurité securite seguridad sicurezza veiligheid segurança seguranca bezpieczeństwo "
        "bezpieczenstwo diogelwch",
        "steps": "schritte étapes etapes pasos passi stappen passos kroki camau",
        "image": "bild foto imagen immagine afbeelding imagem obraz zdjęcie llun",
        "summary": "zusammenfassung résumé resume resumen riassunto samenvatting resumo podsumowanie crynodeb",
    }.items()
    for word in words.split()
}

# Other English words people write for a key, by the keys each may mean, the first the mapping takes offered: by
# spelling alone, a step's `picture` was offered 'cue', its `description` 'duration', a brand's `slogan` 'logo',
# and `exercises` at the top of a routine 'references'.
SYNONYMS = {
    word: keys
    for keys, words in {
        ("image", "logo"): "picture photo photograph illustration drawing diagram",
        ("logo",): "image",
        ("alt",): "alt_text alttext alt-text image_description",
        ("text", "summary", "intro"): "description",
        ("text",): "instructions instruction how",
        ("title",): "name heading",
        ("duration",): "time length minutes",
        ("repeat",): "times count",
        ("reps",): "repetitions",
        ("video", "website"): "url link",
        ("video",): "youtube",
        ("references",): "sources bibliography citations refs",
        ("help",): "warnings red_flags redflags warning_signs when_to_get_help get_help",
        ("steps", "routine"): "exercises exercise",
        ("intro", "summary"): "introduction overview",
        ("summary",): "intro abstract",
        ("published",): "date",
        ("tagline",): "slogan motto strapline",
        ("footer",): "disclaimer",
        ("font",): "typeface font_family family",
        ("name",): "clinic clinic_name practice practice_name",
        ("phone",): "tel telephone mobile phone_number",
        ("website",): "homepage site web_site www",
        ("email",): "mail e_mail email_address",
        ("author",): "written_by writer",
        ("reviewed_by",): "reviewer checked_by",
    }.items()
    for word in words.split()
}


def _known_keys(root: type[BaseModel], loc: tuple[str | int, ...], synonyms: bool = True) -> tuple[list[str], list[str]]:
    """The keys the mapping holding the key at `loc` takes, and the one its key may be a misspelling (in any
    capitals: `NAME`, `Title`), a translation or (with `synonyms`) another English word for."""
    owner = _model_at(root, loc[:-1])
    known = list(owner.model_fields) if owner else []
    found = _meant(str(loc[-1]), known, synonyms)
    if found:
        return known, [found]
    folded = {key.casefold(): key for key in known}
    return known, [folded[close] for close in difflib.get_close_matches(str(loc[-1]).casefold(), list(folded), n=1, cutoff=0.6)]


def _meant(word: str, known: list[str], synonyms: bool = True) -> str | None:
    """The key of `known` that `word` is a translation or (with `synonyms`) another English word for."""
    word = word.casefold()
    meant = [TRANSLATED.get(word), *(SYNONYMS.get(word, ()) if synonyms else ())]
    return next((key for key in meant if key in known), None)


def _as_iso(text: str, language: str) -> str:
    """For a date written as the routine's language writes it (5/3/2026 in en-GB, 5 March 2026), the same
    date as the file takes it, with its day said in words (so that a day and month swapped are seen)."""
    from handouts.input import dates
    from handouts.words.locales import long_date

    try:
        date = dates.parse(text, language)
    except dates.DateError:
        return ""
    return f": write {date.isoformat()} ({long_date(date, language)})"


def _message(error: ErrorDetails, root: type[BaseModel], language: str = "en-GB") -> str:
    said, loc = _said(error, root, language), tuple(error["loc"])
    if error.get("input", "") is None and loc and isinstance(loc[-1], str) and error["type"].endswith("_type"):
        said += left_empty(_model_at(root, loc[:-1]), loc[-1])  # `safety:` with nothing after it
    elif said == EMPTY_TEXT and loc and isinstance(loc[-1], str):  # `email: ''`, where `email:` alone is taken
        owner = _model_at(root, loc[:-1])
        field = owner.model_fields.get(loc[-1]) if owner else None
        extra = owner is not None and field is None and owner.model_config.get("extra") == "allow"  # a CSL variable
        said += ": write it, or delete the line (it is optional)" if extra or (field and not field.is_required()) else ""
    return said


# A line indented with a non-breaking space (Word's, or an ideographic space) first: to YAML no indent, the line a key
# of its own, said as an unknown key no one could see ('\xa0     reps') among keys that never belonged there
PASTED_INDENT = (
    "the line starts with a space pasted from a word processor ({}), not a space YAML indents with, so '{}' is read "
    "as a key of its own: type the line's indent again with spaces"
)


def _said(error: ErrorDetails, root: type[BaseModel], language: str) -> str:
    kind, value = error["type"], error.get("input")
    if kind == "missing":
        return missing(_model_at(root, tuple(error["loc"][:-1])), str(error["loc"][-1]))
    if value is None and error["loc"] and isinstance(error["loc"][-1], int) and kind.endswith("_type"):
        return EMPTY_ITEM  # a stray '-' (it said 'expected a mapping of keys, got nothing' of a safety point)
    if kind == "extra_forbidden":
        key, loc = str(error["loc"][-1]), tuple(error["loc"])
        if key[:1].isspace():  # a space YAML does not indent with: a line indented with a non-breaking one first
            return PASTED_INDENT.format(codes(key[:1]), key.strip())
        owner = _model_at(root, loc[:-1])
        # `steps:` not under `routine:`, `sets:` not in a step; a word for a key of its own mapping is that key
        placed = None if _meant(key, list(owner.model_fields) if owner else []) else belongs(root, loc, owner)
        known, close = _known_keys(root, loc)
        # `phone:` typed atop the routine, `steps:` or `reviewed_by:` (a label's name too) atop brand.yaml
        other = in_other_file(root, *OTHER_FILE[root], key=key) if len(loc) == 1 and root in OTHER_FILE else None
        if other and placed:  # its own file takes it only as a label's name
            return f"unknown key here: '{key}' belongs {other}, or, as the words of its label, {placed}"
        if placed or (other and not close):
            return f"unknown key here: '{key}' belongs {placed or other}"
        english = "keys are written in English: " if close and TRANSLATED.get(key.casefold()) == close[0] else ""
        listed = f" (expected one of: {', '.join(known)})" if known else ""
        hint = f" ({english}did you mean '{close[0]}'?)" if close else listed
        return f"unknown key{hint}"
    if kind == "string_type":
        return f"expected text, got {describe(value)}" + _as_text(value)
    if kind in ("bool_type", "bool_parsing"):  # pydantic's "Input should be a valid boolean"
        return f"expected yes or no (true or false), got {repr(value) if isinstance(value, str) else describe(value)}"
    if kind in ("tuple_type", "list_type"):
        bulleted = isinstance(value, str) and value.startswith(BULLETS)  # `-Stop`, `• Stop`: text to YAML
        if bulleted:
            return f"expected a list, got {describe(value)}: each item starts with '- ', a dash and a space"
        key = error["loc"][-1] if error["loc"] else None
        if isinstance(value, str) and isinstance(key, str):  # `points: Stop if it hurts.`, one item as the list
            return (
                f"expected a list, got {describe(value)}: write each item on a line of its own under '{key}:', "
                "starting with '- ', a dash and a space"
            )
        return f"expected a list, got {describe(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of keys, got {describe(value)}{_list_under(root, tuple(error['loc']), value)}"
    if kind.startswith(("date_", "datetime_")):
        return (
            f"expected a date like 2026-05-09, got {value!r}{_as_iso(value, language)}"
            if isinstance(value, str)
            else f"expected a date like 2026-05-09, got {describe(value)}"
            + (": leave out the time" if isinstance(value, datetime.datetime) else "")
        )
    if kind == "too_short":
        return "must not be empty"
    if kind == "too_long":
        context = error.get("ctx", {})
        return (
            f"{context.get('actual_length', 0):,} items; at most {context.get('max_length', 0):,} (keep those that matter most)"
        )
    if kind == "literal_error":  # one of a few words ("action: emergancy"): the nearest, where one is near
        expected = error.get("ctx", {}).get("expected", "")
        close = difflib.get_close_matches(value, re.findall(r"'([^']*)'", expected), n=1) if isinstance(value, str) else []
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"expected one of {expected}, got {repr(value) if isinstance(value, str) else describe(value)}{hint}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])


def _as_text(value: Any) -> str:
    """What to do with a value YAML read as something else where text is expected: a number, yes/no or a date
    is text in quotes; `!!set` is a set only because it says so."""
    if isinstance(value, int | float | datetime.date):
        return f": {QUOTE_IT}"
    return ": write the text itself" if isinstance(value, set) else ""


def _list_under(root: type[BaseModel], loc: tuple[str | int, ...], value: Any) -> str:
    """For a list given where a mapping holding one list is expected (`safety:` with its points straight
    under it), where to write it; for text given where a mapping is (a step written as its text alone), the
    keys it needs."""
    owner = _model_at(root, loc) if isinstance(value, list | str) else None
    required = [(name, spec) for name, spec in owner.model_fields.items() if spec.is_required()] if owner else []
    if isinstance(value, str) and required:
        return f": write it with its keys, {' and '.join(f'{name}: ...' for name, _ in required)}"
    lists = [name for name, spec in required if typing.get_origin(spec.annotation) is tuple]
    return f": write the list under '{lists[0]}:', inside '{loc[-1]}'" if len(lists) == 1 else ""


# What a file is said to be when it is the other kind: a brand given as a routine, or a routine as the brand
KINDS: dict[type[BaseModel], str] = {Content: "a routine", Brand: "a brand file"}


def _required(model: type[BaseModel]) -> list[str]:
    return [name for name, spec in model.model_fields.items() if spec.is_required()]


def _validate(model: type[M], source: Source) -> M:
    if not isinstance(source.data, dict):
        raise InputError([source.problem((), f"expected a mapping of keys at the top level, got {describe(source.data)}")])
    other = next(kind for kind in KINDS if kind is not model)
    if not source.data.keys() & set(_required(model)) and source.data.keys() >= set(_required(other)):
        # one line, not a missing key for each of ours and an unknown key for each of its: files given the wrong way round
        *most, last = _required(other)
        message = f"this is {KINDS[other]} (it has {', '.join(most)} and {last}), not {KINDS[model]}"
        # `build content.yaml brand.yaml`; `build --brand content.yaml`
        message += (
            ": give it with --brand" if other is Brand else ": give it as the routine, and the clinic's brand.yaml as --brand"
        )
        raise InputError([source.problem((), message)])
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        errors = exc.errors()
        # A list whose items fail is also reported "too short" by pydantic: the items' errors say it better.
        errors = [e for e in errors if not (e["type"] == "too_short" and any(_inside(o["loc"], e["loc"]) for o in errors))]
        colons = _colon_texts(model, source.data, errors)
        errors = [e for e in errors if not any(tuple(e["loc"][: len(item)]) == item for item in colons)]
        errors = _misspelt_not_missing(model, errors)
        language = source.data.get("language")
        language = language if isinstance(language, str) else "en-GB"  # how the routine's dates are read
        problems = [
            source.problem(
                *_at_key(
                    source.data, _as_written(source.data, tuple(e["loc"])), _commented(source, e) or _message(e, model, language)
                )
            )
            for e in errors
        ]
        problems += [source.problem(item, _quote_it(text)) for item, text in colons.items()]
        raise InputError(sorted(problems, key=lambda p: (p.line or 0, p.key))) from None


def _at_key(data: Any, loc: PathKey, message: str) -> tuple[PathKey, str]:
    """The problem said at the key of the mapping at `loc` its message starts with (`tagline: {en: ''}` is said
    at `en`'s line, `tagline.en: must not be empty`: a check of the whole mapping names the key it is about)."""
    key, colon, rest = message.partition(": ")
    if colon and isinstance(mapping := item_at(data, loc), dict) and key in mapping:
        return (*loc, key), rest
    return loc, message


def _as_written(data: Any, loc: PathKey) -> PathKey:
    """`loc` as the file has it: a text written alone (`frequency: 2`, `- Stop if it hurts`) is read as the
    `text` of a mapping the author did not write, and its problem is said at the key they did."""
    if loc and loc[-1] == "text" and not isinstance(item_at(data, loc[:-1]), dict | type(None)):
        return loc[:-1]
    return loc


def _misspelt_not_missing(model: type[BaseModel], errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """`errors` without a required key's "missing" where an unknown key beside it is that key misspelt
    (`tittle:` for `title:`): its "did you mean" says it all, in one line, not two for one slip."""
    meant = set()
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden":
            meant.update((*loc[:-1], close) for close in _known_keys(model, loc)[1])
    return [e for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in meant)]


def _colon_texts(model: type[BaseModel], data: Any, errors: list[ErrorDetails]) -> dict[PathKey, str]:
    """List items YAML read as a key and its value because their text has ': ' in it (`- Stop if: it hurts`),
    each with its text: those the text would be right as (a safety point, not a step, which is a mapping;
    never `- text: ...`, nor a misspelt key such as `- txt: ...`)."""
    found: dict[PathKey, str] = {}
    for error in errors:
        loc = tuple(error["loc"])
        for end, part in enumerate(loc):
            item = item_at(data, loc[: end + 1]) if isinstance(part, int) else None
            if not isinstance(item, dict) or len(item) != 1:
                continue
            ((key, value),) = item.items()
            misspelt = _known_keys(model, loc, synonyms=False)[1]  # another word for a key may start a text
            unknown = error["type"] == "extra_forbidden" and loc == (*loc[: end + 1], key) and not misspelt
            not_text = error["type"] == "string_type" and len(loc) == end + 1
            if (unknown or not_text) and isinstance(value, (str, int, float, type(None))) and not isinstance(value, bool):
                found[loc[: end + 1]] = f"{key}:" if value is None else f"{key}: {value}"
    if not found:
        return {}
    joined = copy.deepcopy(data)
    for item, text in found.items():
        item_at(joined, item[:-1])[item[-1]] = text
    try:
        model.model_validate(joined)
    except ValidationError as exc:
        left = [tuple(e["loc"]) for e in exc.errors()]
        return {item: text for item, text in found.items() if not any(loc[: len(item)] == item for loc in left)}
    return found


def _quote_it(text: str) -> str:
    """What to say of a text YAML read as a key and its value: put it in quotes, shown as it would be written."""
    if text.startswith(tuple(CURLY_QUOTES)):
        return SMART_QUOTES
    whole = len(text) <= SHOWN and not LINE_BREAK.search(text)  # a block of lines is shown by its start too
    shown = text if whole else text.partition(": ")[0] + ": ..."
    quoted = f'"{shown}"' if '"' not in shown and "\\" not in shown else "'" + shown.replace("'", "''") + "'"
    return f"YAML reads this text as a key and its value (because of its colon): put the whole text in quotes: - {quoted}"


def _commented(source: Source, error: ErrorDetails) -> str | None:
    """For a value missing because YAML read it as a comment (`primary: #2A7A5A`), that, said plainly."""
    token = source.comments.get(tuple(error["loc"])) if error.get("input") is None else None
    return commented(token) if token else None


def _inside(loc: tuple[str | int, ...], parent: tuple[str | int, ...]) -> bool:
    return len(loc) > len(parent) and tuple(loc[: len(parent)]) == tuple(parent)


def iter_text(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every string in a dumped model, with its key path."""
    found: list[tuple[PathKey, str]] = []
    _gather_text(data, path, found)
    return iter(found)


def _gather_text(data: Any, path: PathKey, found: list[tuple[PathKey, str]]) -> None:
    """Append every string in `data` (at `path`) to `found`, in order: one list for a whole file (a generator at
    each level of it passed each string up through every level above it)."""
    if isinstance(data, str):
        found.append((path, data))
    elif isinstance(data, dict):
        for key, value in data.items():
            _gather_text(value, (*path, key), found)
    elif isinstance(data, (list, tuple)):
        for index, value in enumerate(data):
            _gather_text(value, (*path, index), found)


def _check_citations(loaded: Loaded[Content]) -> list[Problem]:
    """Errors for citations that point nowhere; warnings (returned) for references never cited."""
    content = loaded.model
    known = [ref.id for ref in content.references]
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, ref in enumerate(content.references):
        if citations.key(ref.id) in seen:
            message = f"duplicate reference id {ref.id!r} (also reference {seen[citations.key(ref.id)] + 1})"
            problems.append(loaded.problem(("references", index, "id"), message))
        seen.setdefault(citations.key(ref.id), index)
    used: set[str] = set()
    for path, text in loaded.texts:
        if path[0] == "references":
            continue
        for unread in citations.unread(text, set(seen)):
            message = f"{unread} is not read as a citation: write [@id] or [@a; @b] (no page, words or '-' with it)"
            problems.append(loaded.problem(path, message))
        for opened, cited in citations.misbracketed(text, set(seen)):
            message = f"{opened} is not read as a citation: write it in square brackets, {cited}, closed with ']'"
            more = citations.beside_ids(opened) != citations.beside_ids(cited)  # "(@a, p. 5)", "{@a; see @b}"
            problems.append(loaded.problem(path, message + " (no page, words or '-' with it)" * more))
        for cited in (written for ids in markdown.cited(text) for written in ids):
            used.add(citations.key(cited))
            if citations.key(cited) not in seen:
                close = difflib.get_close_matches(cited, known, n=1)
                hint = f" (did you mean '@{close[0]}'?)" if close else ""
                problems.append(loaded.problem(path, f"cites [@{cited}] but no reference has id '{cited}'{hint}"))
    for index, listed in enumerate(content.further_reading):
        if citations.key(listed) not in seen:
            close = difflib.get_close_matches(listed, known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(loaded.problem(("further_reading", index), f"no reference has id {listed!r}{hint}"))
    if problems:  # a text citing a missing id twice has it said once, as check says it
        raise InputError(list(dict.fromkeys(problems)))
    further = {citations.key(listed) for listed in content.further_reading}
    return [
        loaded.problem(
            ("references", index),
            f"reference '{ref.id}' is never cited (it is still listed): cite it as [@{ref.id}] in a text, list its id "
            "under further_reading if that is meant, or delete it",
        ).coded("uncited-reference")
        for index, ref in enumerate(content.references)
        if citations.key(ref.id) not in used | further
    ]


# A reference's variables that say nothing of which work it is: when it was read, notes beside it
NOT_THE_WORK = frozenset({"id", "accessed", "language", "note", "annote", "abstract", "keyword"})
# CSL's types of a part of a whole: cited with the whole's DOI (a book's, as publishers often give only that), two
# chapters are two sources, told apart by their titles
PARTS = frozenset({"chapter", "entry", "entry-dictionary", "entry-encyclopedia", "paper-conference"})


def _same_source(reference: Reference) -> tuple[str, str]:
    """What tells a reference's work from others: its DOI (as the DOI alone, in any case; with its title, in any
    case, for a part of a whole), else all it says of the work."""
    item = reference.csl()
    doi = str(item.get("DOI", "")).strip()
    if doi:
        work = doi[prefix.end() :].strip().lower() if (prefix := DOI_PREFIX.match(doi)) else doi.lower()
        if item.get("type") in PARTS:
            work += "\n" + " ".join(str(item.get("title", "")).casefold().split())
        return "DOI", work
    return "", repr(sorted((key, value) for key, value in item.items() if key not in NOT_THE_WORK))


def _duplicate_sources(loaded: Loaded[Content]) -> list[Problem]:
    """A warning for each reference that is a source listed before under another id: the list printed it twice,
    its citations as two works ("Twin, 2020a" and "Twin, 2020b")."""
    first: dict[tuple[str, str], str] = {}
    warnings = []
    for index, ref in enumerate(loaded.model.references):
        kind, work = _same_source(ref)
        if (kind, work) in first:
            said = "has the same DOI as" if kind else "says the same of its source as"
            message = (
                f"reference '{ref.id}' {said} reference '{first[kind, work]}', so the list prints one source twice: cite "
                "it by one id and delete the other"
            )
            warnings.append(loaded.problem(("references", index), message).coded("duplicate-reference"))
        first.setdefault((kind, work), ref.id)
    return warnings


def _pictures(loaded: Loaded[M], named: list[tuple[PathKey, str]]) -> list[Problem]:
    """Errors for pictures that cannot be used; warnings (returned) for what was left out of those that can."""
    problems, warnings = [], []
    for path, name in named:
        try:
            picture = images.load_named(loaded.source.path.parent, name, loaded.model.language)
        except images.PictureError as exc:
            problems.append(loaded.problem(path, str(exc)))
            continue
        warnings += [loaded.problem(path, f"{picture.path.name}: {message}").coded("picture") for message in picture.warnings]
    if problems:
        raise InputError(problems)
    return warnings


MAX_FIELD = 20_000  # characters of one text: eight pages of a handout; laying out a paragraph costs its square


def _check_lengths(loaded: Loaded[Any]) -> None:
    """Each text no longer than MAX_FIELD: a 200 KB paragraph took half a minute to lay out, a megabyte hours."""
    problems = [
        loaded.problem(path, f"{len(text):,} characters: at most {MAX_FIELD:,} (split it, or shorten it)")
        for path, text in loaded.texts
        if len(text) > MAX_FIELD
    ]
    if problems:
        raise InputError(problems)


def load_content(path: Path) -> Loaded[Content]:
    source = read_yaml(path)
    loaded = Loaded(_validate(Content, source), source, list(source.warnings))
    _check_lengths(loaded)
    loaded.warnings.extend(joined_bullets(source))
    loaded.warnings.extend(dangling_lists(source, loaded.texts, loaded.model))
    loaded.warnings.extend(lone_lead_ins(source, loaded.model))
    loaded.warnings.extend(_check_citations(loaded))
    loaded.warnings.extend(_duplicate_sources(loaded))
    steps = loaded.model.routine.steps
    loaded.warnings.extend(
        _pictures(loaded, [(("routine", "steps", i, "image"), step.image) for i, step in enumerate(steps) if step.image])
    )
    return loaded


def _phone_link(loaded: Loaded[Brand]) -> list[Problem]:
    """A warning (returned) when no number to ring can be read from the clinic's phone for certain (letters,
    `n/a`): it prints as typed, but the web copy cannot make it a link."""
    phone = loaded.model.contact.phone
    if not phone or tel_uri(phone):
        return []
    message = (
        f"no number to ring can be read from {phone!r} for certain: it prints as typed, but the web copy cannot "
        "make it a link: give the number alone, in digits (an extension after 'ext', a second number after ' / ', "
        "a note such as opening hours in brackets after it)"
    )
    return [loaded.problem(("contact", "phone"), message).coded("phone-link")]


def load_brand(path: Path) -> Loaded[Brand]:
    source = read_yaml(path)
    loaded = Loaded(_validate(Brand, source), source, list(source.warnings))
    _check_lengths(loaded)
    loaded.warnings.extend(joined_bullets(source))
    logo = loaded.model.logo
    loaded.warnings.extend(_pictures(loaded, [(("logo",), logo)] if logo else []))
    loaded.warnings.extend(_phone_link(loaded))
    return loaded


__all__ = ["Loaded", "describe", "format_path", "iter_text", "load_brand", "load_content"]
