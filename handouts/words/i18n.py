"""The engine's words in the routine's language: gettext catalogs (`handouts/words/locale/<language>.po`, read
with Babel and compiled in memory once per process) and a clinic's own rewording from `brand.yaml`.

Adding a language is one file: copy `handouts/words/locale/handouts.pot` to `<language>.po` and translate it. A
country's own wording is one file too: copy its language's catalog to `<language>-<COUNTRY>.po` (`pt-BR.po`),
reword what reads foreign there, and name the country in CATALOG_REGIONS.
"""

from __future__ import annotations

import functools
import gettext
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from handouts.words.elision import elided
from handouts.words.labels import LABELS, PLURALS

CATALOGS = Path(__file__).parent / "locale"
# The engine's labels as written in English (a plural's by its singular, as gettext looks it up)
ENGLISH = frozenset(LABELS.values()) | frozenset(singular for singular, _ in PLURALS.values())
# A "%" that is not a placeholder ("100%") prints as typed.
LONE_PERCENT = re.compile(r"%(?!\(\w+\)s)")
# What a label's text may hold of `%`: a `%%` or a `%(name)s` placeholder.
PLACEHOLDER = re.compile(r"%(?:%|\((\w+)\)s)")


def primary(tag: str) -> str:
    """A language tag's language, without its region or script ('de' of 'de-AT')."""
    return tag.split("-")[0].lower()


def catalog_languages() -> list[str]:
    """The languages a catalog ships for (English is the messages themselves)."""
    return sorted(["en", *(path.stem for path in CATALOGS.glob("*.po"))])


def country_of(language: str) -> str | None:
    """A language tag's country as the tag writes it ('BR' of 'pt-BR', 'pt-Latn-BR' or 'pt_br'; 'CH' of
    'de-CH-1996'; '419' of 'es-419'), else None."""
    from babel.core import parse_locale

    try:
        return parse_locale(language.replace("_", "-"), sep="-")[1]
    except ValueError:
        return None


def tags_for(language: str) -> tuple[str, ...]:
    """The tags a clinic's wording for `language` may be given under, in lower case, the most specific first: the
    tag itself ('pt-latn-br'), its language and country ('pt-br', as its catalog is found), its language ('pt')."""
    tag, country = language.replace("_", "-").lower(), country_of(language)
    return tuple(dict.fromkeys(filter(None, (tag, f"{primary(tag)}-{country.lower()}" if country else "", primary(tag)))))


def _catalog_file(language: str) -> Path | None:
    """The catalog for a BCP 47 tag: its country's (pt-BR), else its language's (pt)."""
    tag, country = primary(language.replace("_", "-")), country_of(language)
    names = [f"{tag}-{country}", tag] if country else [tag]
    return next((path for name in names if (path := CATALOGS / f"{name}.po").is_file()), None)


@functools.lru_cache(maxsize=16)
def _translations(path: Path) -> gettext.GNUTranslations:
    from babel.messages.mofile import write_mo  # imported here: an English routine reads no catalog
    from babel.messages.pofile import read_po

    with path.open("rb") as source:
        catalog = read_po(source, locale=path.stem.replace("-", "_"))
    for message in list(catalog)[1:]:  # an empty count is compiled as its English: left out, it is not known
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not any(strings):
            catalog.delete(message.id, message.context)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def has_catalog(language: str) -> bool:
    return primary(language) == "en" or _catalog_file(language) is not None


# The country each shipped catalog's wording is that of: a language's own country's (Portuguese labels are
# Portugal's, "médico de família"), and another country's where its patients word a label otherwise (pt-BR:
# "Revisado por", "seu médico"; es-MX: "video", "refrigerador"; fr-CA: "clinique", "réception", "questions?")
CATALOG_REGIONS = {
    "cy": "GB",
    "de": "DE",
    "es": "ES",
    "es-MX": "MX",
    "fr": "FR",
    "fr-CA": "CA",
    "it": "IT",
    "nl": "NL",
    "pl": "PL",
    "pt": "PT",
    "pt-BR": "BR",
}


def regional_stand_in(language: str) -> str | None:
    """The catalog that words `language`'s labels for another country's (pt for pt-AO, es for es-AR, de for
    de-CH), else None: the labels then read as that country writes them."""
    path, country = _catalog_file(language), country_of(language)
    if path is None or country is None:
        return None
    return path.stem if CATALOG_REGIONS.get(path.stem, country) != country else None


@dataclass(frozen=True)
class Translator:
    """gettext and ngettext for one language, with a clinic's rewording of labels (keys of LABELS)."""

    language: str = "en-GB"
    overrides: tuple[tuple[str, str], ...] = ()  # (English message, the clinic's wording)

    @functools.cached_property
    def _catalog(self) -> gettext.NullTranslations:
        path = _catalog_file(self.language)
        return _translations(path) if path and not self.language.lower().startswith("en") else gettext.NullTranslations()

    def gettext(self, message: str) -> str:
        for english, own in self.overrides:
            if english == message:
                return own
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int, context: str | None = None) -> str:
        """The plural form for `count`; with a `context` (labels.IN_CONTEXT), its form there where the catalog
        gives one, else the plain one."""
        known: Mapping[Any, str] = getattr(self._catalog, "_catalog", {})
        if context and (f"{context}\x04{singular}", 0) in known:
            return self._catalog.npgettext(context, singular, plural, count)
        return self._catalog.ngettext(singular, plural, count)

    def untranslated(self, message: str) -> bool:
        """Whether `message` prints in English in a routine in another language: one of the engine's labels that
        neither the catalog for it (a language with none prints every label in English) nor the clinic's own
        wording has. A message of a clinic's own template is its own words, as written, said in the routine's
        language as the template's other text is."""
        if message not in ENGLISH or primary(self.language) == "en":
            return False
        if any(english == message for english, _ in self.overrides):
            return False
        known: Mapping[Any, str] = getattr(self._catalog, "_catalog", {})
        return message not in known and (message, 0) not in known

    def elided(self, text: str, values: Mapping[str, object]) -> str:
        """`text`, a label in this language, its words before the `values` in the form they ask for ("l'8"); a
        clinic's own label as typed."""
        if any(text == own for _, own in self.overrides):
            return text
        return elided(text, values, self.language)

    def label(self, key: str, **values: object) -> str:
        """The label `key` in this language, its placeholders filled in."""
        return self.elided(self.gettext(LABELS[key]), values) % values

    def count(self, key: str, count: int, context: str | None = None, **values: object) -> str:
        """The plural label `key` for `count` (and `values`) in this language, in `context` if given."""
        values = {"n": count, **values}
        return self.elided(self.ngettext(*PLURALS[key], count, context), values) % values

    def said(self, key: str, **values: object) -> str:
        """The label `key` as :meth:`label` gives it, its own words said in English where they print in English
        in a routine in another language (see :func:`said`); the texts filled in keep their own language."""
        return self._said(LABELS[key], self.elided(self.gettext(LABELS[key]), values), values)

    def said_count(self, key: str, count: int, context: str | None = None, **values: object) -> str:
        """The plural label `key` for `count` as :meth:`count` gives it, said as :meth:`said` says a label."""
        values = {"n": count, **values}
        return self._said(PLURALS[key][0], self.elided(self.ngettext(*PLURALS[key], count, context), values), values)

    def _said(self, message: str, text: str, values: Mapping[str, object]) -> str:
        language = "en" if self.untranslated(message) else None
        runs: list[tuple[str, str | None]] = []
        for piece, own in label_runs(text, values):
            runs.extend(((piece % values, language),) if own else runs_of(_text(values[piece[2:-2]])))
        return said(runs)


def translator(language: str, own: Mapping[str, Any] | None = None) -> Translator:
    """The translator for `language` with the clinic's labels for it (`own`: language -> key -> wording;
    the most specific tag given wins: es-MX over es; see tags_for)."""
    overrides: dict[str, str] = {}
    tags = tags_for(language)
    for given, labels in sorted((own or {}).items(), key=lambda item: len(item[0])):
        if given.lower() in tags:
            given_labels = labels if isinstance(labels, Mapping) else labels.model_dump(exclude_none=True)
            overrides.update({LABELS[key]: LONE_PERCENT.sub("%%", text) for key, text in given_labels.items()})
    return Translator(language, tuple(sorted(overrides.items())))


class Foreign(str):
    """A clinic's text printed in a language other than the routine's (it gave none in the routine's): the text,
    and the language it is in, which the web copy and the tagged PDF say where it prints (a screen reader reads
    it with that language's voice)."""

    language: str

    def __new__(cls, text: str, language: str) -> Foreign:
        made = super().__new__(cls, text)
        made.language = language
        return made

    def __reduce__(self) -> tuple[type[Foreign], tuple[str, str]]:
        return Foreign, (str(self), self.language)


def language_of(text: object) -> str | None:
    """The language `text` is in when it is not the routine's (a Foreign text), else None."""
    return text.language if isinstance(text, Foreign) else None


def _text(value: object) -> str:
    """`value` as text, a text as it is (with the language it says)."""
    return value if isinstance(value, str) else str(value)


class Said(str):
    """A text made of runs in different languages, each run's language given (None: the routine's): a label
    printed in English in a routine in another language, with the author's words or a date filled in."""

    runs: tuple[tuple[str, str | None], ...]

    def __new__(cls, runs: Iterable[tuple[str, str | None]]) -> Said:
        runs = tuple(runs)
        made = super().__new__(cls, "".join(run for run, _ in runs))
        made.runs = runs
        return made

    def __reduce__(self) -> tuple[type[Said], tuple[tuple[tuple[str, str | None], ...]]]:
        return Said, (self.runs,)


def said(runs: Iterable[tuple[str, str | None]]) -> str:
    """The text of `runs` ((text, its language or None), in order; a run with no word in it is said as the words
    before it): plain text where none says a language, a Foreign text where one language says all of it, else a
    Said text (runs of one language joined)."""
    joined: list[tuple[str, str | None]] = []
    for run, said_as in runs:
        language = said_as if worded(run) or not joined else joined[-1][1]  # "." is said as the words before it
        if joined and joined[-1][1] == language:
            joined[-1] = (joined[-1][0] + run, language)
        elif run:
            joined.append((run, language))
    if len(joined) == 1 and (language := joined[0][1]):
        return Foreign(joined[0][0], language)
    return Said(joined) if any(language for _, language in joined) else "".join(run for run, _ in joined)


def worded(text: str) -> bool:
    """Whether `text` has a word in it (a letter), not only spaces, digits or marks, which no language says."""
    return any(character.isalpha() for character in text)


def runs_of(text: str) -> tuple[tuple[str, str | None], ...]:
    """`text` as runs of (text, its language or None for the routine's): see :func:`said`."""
    return text.runs if isinstance(text, Said) else ((text, language_of(text)),)


def marked(text: str, escaped: Callable[[str], Markup]) -> Markup:
    """Plain `text`, `escaped`, each of its runs marked as said in its language (see :func:`said_in`)."""
    return Markup("").join(said_in(language, escaped(run)) for run, language in runs_of(text))


def label_runs(text: str, values: Mapping[str, object]) -> list[tuple[str, bool]]:
    """A label's `text` cut where a text is filled in: runs of its own words (True), a count filled in read as
    one of them ("up to 3 out of 10"), and each other placeholder alone (False: a name, a date, a time, which
    are not the label's words); each run as written, its placeholders and `%%` not yet filled in."""
    runs, start = [], 0
    for placeholder in PLACEHOLDER.finditer(text):
        value = values.get(placeholder.group(1) or "")
        if placeholder.group(1) and not (isinstance(value, int | float) and not isinstance(value, bool)):
            runs += [(text[start : placeholder.start()], True), (placeholder.group(0), False)]
            start = placeholder.end()
    return [*runs, (text[start:], True)]


def said_in(language: str | None, markup: Markup, element: str | None = None) -> Markup:
    """`markup` marked as said in `language` (one other than the routine's; None for the routine's own), so that
    a screen reader reads it with that language's voice: inside `<span lang=…>` (nothing to mark when `markup`
    is empty), or, given an `element`, always inside that element, which carries the `lang` where there is one."""
    said = Markup(' lang="%s"') % language if language else Markup("")
    if element:
        return Markup(f"<{element}%s>%s</{element}>") % (said, markup)
    return Markup("<span%s>%s</span>") % (said, markup) if said and markup else markup


def pick(texts: Mapping[str, str], language: str, fallback: str) -> tuple[str, str | None]:
    """The text of `texts` (language -> text) for `language`: its own tag (es-MX), else its country's (es-MX for
    es-Latn-MX), else its language's (es); else `fallback`'s, else English, else the first given. With the tag it
    was given under when `language` had none of its own (None when it had)."""
    by_tag = {tag.lower(): (text, tag) for tag, text in texts.items()}
    for tag in tags_for(language):
        if tag in by_tag:
            return by_tag[tag][0], None
    for tag in (fallback, fallback.split("-")[0], "en-GB", "en"):
        if tag.lower() in by_tag:
            return by_tag[tag.lower()]
    return next(iter(by_tag.values()))
