"""A label's word that changes with the text filled in after it, as its language says it.

A catalog writes each label once, in its usual form: Italian "il %(date)s", Welsh "â %(clinic)s". The text
filled in can ask for another form: the Italian article elides before a vowel ("l'8 dicembre", "l'11",
"all'800 123 456"; "il 1º", "il 118"), the Welsh "â" is "ag" before a vowel ("ag Ysbyty", "â Birchwood"), and
the French "de" elides ("d'Atelier Santé"; "de 8", huit, as French says it). One o'clock is singular where the
other hours are plural: Spanish "a la 1:00" ("a las 13:00"), Italian "all'1:00" ("alle 13:00"), Portuguese
"à 1:00" ("às 13:00"). Only the first letters of the text decide. A clinic's own wording (brand.yaml's labels) is
printed exactly as typed: its author knows the name that follows ("d'%(clinic)s").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

# An Italian number read with a vowel first: 8, 80, 800… (otto, ottanta, ottocento) and 11 alone (undici; 110
# is centodieci). A day of the month: "l'8 dicembre", "l'11 dicembre", but "il 18", "il 1º".
ITALIAN_VOWEL = re.compile(r"8|11(?!\d)|[aeiouàèéìòóù]", re.IGNORECASE)
# One o'clock (1:00, 01:00, 1:30 p.m.), not 10 to 19 o'clock: "la una" in Spanish, "l'una" in Italian, "à uma"
# in Portuguese, where every other hour takes the plural article ("las dos", "le due", "às duas"). Spanish: RAE
# and ASALE, Nueva gramática de la lengua española, Manual (2010), § 21.2.5a ("singular en la una y sus
# fracciones ... plural en las demás designaciones horarias, incluido el cero"); Italian: Accademia della Crusca,
# "Alle una o all'una?" ("all'una" is what is said almost everywhere and what the GRADIT records; "alle una" a
# regional analogy with the other hours).
ONE_OCLOCK = re.compile(r"0?1(?!\d)")
# A Welsh vowel; "y" and "w" are vowels before a consonant ("Ysbyty", "Wrecsam"), not before a vowel ("York",
# "Wellbeing"), as English names say them; with a circumflex ("ŵyr") always.
WELSH_VOWELS = "aeiouâêîôûŵŷáéíóúàèìòùäëïöü"
WELSH_VOWEL = re.compile(rf"[{WELSH_VOWELS}]|[yw](?![{WELSH_VOWELS}yw])", re.IGNORECASE)
# A French vowel; "h" is left as written ("de Hautefort": an aspirated h does not elide, and which h is which is
# a dictionary's to say), and so is "y" ("de Yoga Santé").
FRENCH_VOWEL = re.compile(r"[aeiouàâäéèêëîïôöùûüœæ]", re.IGNORECASE)


@dataclass(frozen=True)
class Elision:
    word: str  # as the catalog writes it, a space and then a placeholder after it
    before: re.Pattern[str]  # what the text filled in starts with, for the word to change
    then: str  # the word then, with the space after it if it keeps one


ELISIONS: dict[str, tuple[Elision, ...]] = {
    "it": (
        Elision("il", ITALIAN_VOWEL, "l\u2019"),
        Elision("al", ITALIAN_VOWEL, "all\u2019"),
        Elision("alle", ONE_OCLOCK, "all\u2019"),
    ),
    "es": (Elision("las", ONE_OCLOCK, "la "),),
    "pt": (Elision("às", ONE_OCLOCK, "à "),),
    "cy": (Elision("â", WELSH_VOWEL, "ag "),),
    "fr": (Elision("de", FRENCH_VOWEL, "d\u2019"),),
}
# A word, after the label's start or a space, then one space and a placeholder.
BEFORE_PLACEHOLDER = re.compile(r"(?:(?<=\s)|^)(?P<word>[^\W\d_]+) (?P<placeholder>%\((?P<name>\w+)\)s)")


def _of(language: str) -> tuple[Elision, ...]:
    """The elisions of `language` (a tag: 'fr-CA' has French's), none where it has none."""
    return ELISIONS.get(language.split("-")[0].lower(), ())


def _visible(value: object) -> str:
    """The text a value prints: markup's without its tags, its entities read."""
    return Markup(value).striptags() if isinstance(value, Markup) else str(value)


def elided(text: str, values: Mapping[str, object], language: str) -> str:
    """`text`, a label in `language` not yet filled in, with each word before a placeholder in the form the
    value filled in there asks for (see the module's note); a capital first letter stays one."""
    elisions = _of(language)
    if not elisions:
        return text

    def form(match: re.Match[str]) -> str:
        word, value = match.group("word"), _visible(values.get(match.group("name"), "")).lstrip()
        for elision in elisions:
            if word.lower() == elision.word and elision.before.match(value):
                then = elision.then[:1].upper() + elision.then[1:] if word[:1].isupper() else elision.then
                return then + match.group("placeholder")
        return match.group(0)

    return BEFORE_PLACEHOLDER.sub(form, text)


def forms(language: str) -> str:
    """The words `elided` may print in `language` ('' where none): the glyph check reads them with the labels."""
    return " ".join(elision.then for elision in _of(language))


__all__ = ["elided", "forms"]
