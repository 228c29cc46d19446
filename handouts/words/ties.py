"""Where a line must not break, said in the text itself: a non-breaking space between words that belong
together (a date, a name in a bibliography, a number and its unit, a citation). Pure text; the engines
decide where the other breaks go.

The functions take the small inline XML the words are made in (see :mod:`handouts.layout.nodes`) and change
its text only, never its tags.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

NBSP = "\u00a0"
TAG = re.compile(r"(<[^>]*>)")
NUMBER_SPACE = re.compile(r"(?<=\d) +(?=\S)")
# A number and the unit symbol after it ("10 s", "500 m", "2 kg", "37 °C"), or a time's abbreviation with its
# full stop, as German, Polish, Italian, Spanish and Dutch write one ("10 Sek.", "15 Min.", "2 Std.", "2 godz.",
# "30 sec.", "30 seg."), with its full stop or without, and a US sheet's ("6 in", "1 mi", "30 sec", "2 hr"): a
# symbol opening a line reads as a stray letter. Symbols and abbreviations only, not words ("10 seconds", "10
# inches" may break: each part reads on its own).
UNIT = re.compile(
    r"(?<=\d) (?=(?:ms|s|sec|seg|sek|min|hr|h|mm|cm|m|km|mg|g|kg|ml|mL|l|L|lb|lbs|oz|in|ft|yd|mi|kcal|bpm"
    r"|°C|°F|°|%)(?![^\W\d_])"
    r"|(?:Sek|Min|Std|godz)\.)"  # tied only with the full stop: capitalised, or a word without it
)
# A phone number in running text: groups of digits (one in brackets, as "(555)" or "(0)"), each after a space, a
# dot or a hyphen, or right after or before a bracket: "(555) 201-4477", "+49 30 12345678", "+44 (0)1632 960123".
PHONE = re.compile(r"(?<![\w+])\+?(?:\(\d+\)|\d+)(?:(?:[ .\-]|(?<=\))|(?=\())(?:\(\d+\)|\d+))+")
# A space a mark leans on: before a question or exclamation mark, a colon, a semicolon or a closing guillemet,
# after an opening one, as French sets them ("creuser ?", "« Les Tilleuls »"), typed with a plain space. German
# and Danish point their guillemets inwards ("sagen »Stopp« und"): a » a word follows, or a « a word precedes,
# opens or closes a quote with no space inside it, and the spaces outside it may break.
LEANING = re.compile(r"(?<=\S) (?=[?!:;]|[\u00bb\u203a](?![^\W_]))|(?<=[\u00ab\u2039])(?<![^\W_][\u00ab\u2039]) (?=\S)")
LEANING_MARKS = frozenset("?!:;\u00bb\u203a\u00ab\u2039")
# A word of one letter ("w", "i", "z"), which Polish, Czech and Slovak typesetting never leaves at a line's end.
ONE_LETTER = re.compile(r"(?<![^\W\d_])([^\W\d_]) (?=\S)")
# A word of one or two letters ("e", "a", "de", "of"), which a heading's line does not end on (see short_words_tied)
# (a word's own: not the "s" of "professional's", nor the end of "e.g" or "X-ray")
SHORT_WORD = re.compile(r"(?<![\w'\u2019.\-])([^\W\d_]{1,2}) (?=\S)")
# An abbreviation Polish typesetting keeps with what follows it: "ok. 30%" (about), "np. 3 razy" (for example),
# "ul. Długa" (street), "godz. 8" (at 8 o'clock), "nr 5" (number).
POLISH_ABBREVIATION = re.compile(r"(?<![^\W\d_])(?:(?:ok|np|tj|tzw|ul|al|godz|tel|str)\.|nr) (?=\S)", re.IGNORECASE)
# A Dutch surname's particles and the name they belong to: "van der Berg", "de Vries", "van 't Hof", and as
# Belgium writes them, "Van Damme", "De Smet": particles followed by a capital. "van de man" (of the man) may break.
NAME_PARTICLES = re.compile(
    r"(?<![\w'\u2019])(?:[Vv]an|[Dd]e[nr]?|[Hh]et|[Tt]e[nr]?|['\u2019]t)(?: (?:van|de[nr]?|het|te[nr]?|['\u2019]t))* (?=[^\W\d_])"
)
# A short abbreviation and the word after it: a title and the name it belongs to ("Dr. Müller", "Dr. med.").
TITLE = re.compile(r"(?<![\w.])([^\W\d_][^\W\d_]{0,3}\.) (?=[^\W\d_])")
ONE_LETTER_ABBREVIATION = re.compile(r"[^\W\d_]\.")  # after a title's space: "z. B.", "d. h."
PHONE_DIGITS = 7  # fewer are a count or a date's parts ("3 x 10", "9 May"), not a number to dial
# A date as CSL styles and Babel print it, with a label before it: "9 May 2022", "9. Mai 2022",
# "May 9, 2022", "Accessed: 9 May 2022", and year first: "2021 Sep 28" (Vancouver), "2021, September 28" (APA).
DATE = re.compile(
    r"(?:(?<=:) )?\b(?:\d{1,2}\.? [^\W\d_]{3,}\.? \d{4}|[^\W\d_]{3,}\.? \d{1,2}, \d{4}|\d{4},? [^\W\d_]{3,}\.? \d{1,2})\b"
)
# A year and a month, as the style's locale names the month, either way round: "2016 Nov" (Vancouver), "2016,
# November" and "2016a, November" (APA), "November 2016" (AMA).
MONTH_DATE = r"(?<![^\W_])(?:{months})\.? \d{{4}}\b|\b\d{{4}}[a-z]?,? (?:{months})(?![^\W_])"
# A name as a bibliography prints it: "Perlman, A.I.", "Atkins, D.", "et al."
NAME = re.compile(r"(?<=[^\W\d_]), (?=(?:[^\W\d_]\.)+)|\bet al\.")


def text_parts(markup: str, change: Callable[[str], str]) -> str:
    """`markup` with `change` applied to its text, not to its tags."""
    return "".join(part if part.startswith("<") else change(part) for part in TAG.split(markup))


def tie(text: str) -> str:
    """Plain text that never breaks (a date, a short count)."""
    return text.replace(" ", NBSP)


def numbers_tied(text: str) -> str:
    """Each number tied to the word after it ("10 seconds")."""
    return NUMBER_SPACE.sub(NBSP, text)


def phones_tied(text: str) -> str:
    """Each phone number in running text whole ("Call us at (555) 201-4477": a number split over two lines is
    misread or half dialled)."""
    if not any(ch.isdigit() for ch in text):
        return text

    def whole(match: re.Match[str]) -> str:
        number = match.group(0)
        return number.replace(" ", NBSP) if sum(ch.isdigit() for ch in number) >= PHONE_DIGITS else number

    return PHONE.sub(whole, text)


# An extension after a number ("ext. 4567", "x12", "#3"): dialled with it, kept on its line
EXTENSION = re.compile(r"[ \t]*(?:ext(?:ension)?\.?|x|#)[ \t]*\d+", re.IGNORECASE)
# A number in a phone field: spaced as PHONE reads one, typed without spaces ("01632960123"), or spelled with
# capitals after its digits ("0800 HANDOUT", "1-800-FLOWERS")
DIALLED = re.compile(
    r"(?<![\w+])\+?\d+(?:[ .\-]\d+)*[ .\-][A-Z]{2,}(?:[ .\-][A-Z\d]+)*(?![\w.\-])"
    rf"|{PHONE.pattern}|(?<![\w+])\+?\d{{{PHONE_DIGITS},}}(?!\w)"
)


def phone_runs(text: str) -> list[tuple[str, bool]]:
    """`text` (plain text: a clinic's phone field) in runs, each phone number (see DIALLED) with its extension
    (True) or the words between them (False): "01632 960 123 ext. 4 / out of hours 07700 900 123" is two numbers
    and " / out of hours " between. One run, a number or not, where the text is one number or has none."""
    runs: list[tuple[str, bool]] = []
    at = 0
    for match in DIALLED.finditer(text):
        if sum(ch.isalnum() for ch in match.group(0)) < PHONE_DIGITS or match.start() < at:
            continue
        extension = EXTENSION.match(text, match.end())
        end = extension.end() if extension else match.end()
        runs += [(text[at : match.start()], False)] if match.start() > at else []
        runs.append((text[match.start() : end], True))
        at = end
    runs += [(text[at:], False)] if at < len(text) else []
    return runs if len(runs) > 1 else [(text, bool(runs) and runs[0][1])]


def units_tied(text: str) -> str:
    """Each number kept with the unit symbol after it: "Squeeze 10 / s, relax" parted a count of seconds from
    its "s" on a poster, leaving a lone letter to open the line."""
    return UNIT.sub(NBSP, text) if any(ch.isdigit() for ch in text) else text


def marks_tied(text: str) -> str:
    """Each mark kept with the word it belongs to: a poster's French cue "Arrondir, puis creuser ?" opened a line
    with its "?", and a clinic's name "« Les Tilleuls »" ended one with its "«"."""
    return LEANING.sub(NBSP, text) if not LEANING_MARKS.isdisjoint(text) else text


def one_letter_words_tied(text: str) -> str:
    """Each word of one letter kept with the word after it ("ani w / siadzie" is a Polish line ending wrongly)."""
    return ONE_LETTER.sub(lambda match: match.group(1) + NBSP, text)


def short_words_tied(text: str) -> str:
    """Each word of one or two letters kept with the word after it, as a heading is set: "Automassagem e /
    alongamento" and "but a / professional's touch" ended a heading's line on a word that leads into the next."""
    return SHORT_WORD.sub(lambda match: match.group(1) + NBSP, text)


def short_word_runs(text: str) -> Iterator[tuple[int, int]]:
    """Where each word of one or two letters in `text` stands with the word after it, as short_words_tied ties
    them: the start and end of the words between spaces they are part of (the "¿" of "¿Es la espalda?" with its
    "Es"; "alongamento," whole), several in a row in one run ("e a casa"). No-break spaces join a word."""
    start = end = -1
    for match in SHORT_WORD.finditer(text):
        if match.start() > end:
            if end >= 0:
                yield start, end
            start = text.rfind(" ", 0, match.start()) + 1
        after = text.find(" ", match.end())
        end = len(text) if after < 0 else after
    if end >= 0:
        yield start, end


def polish_abbreviations_tied(text: str) -> str:
    """Each abbreviation Polish keeps with what follows it (see POLISH_ABBREVIATION): "ok." ending a line and
    "30%" opening the next read as a sentence's end."""
    return POLISH_ABBREVIATION.sub(lambda match: match.group(0)[:-1] + NBSP, text)


def name_particles_tied(text: str) -> str:
    """A Dutch surname whole with its particles ("van der / Berg", "de / Vries" parted a name at a line's end)."""

    def kept(match: re.Match[str]) -> str:
        capital = match.string[match.end()].isupper()
        return match.group(0).replace(" ", NBSP) if capital else match.group(0)

    return NAME_PARTICLES.sub(kept, text)


def titles_tied(text: str) -> str:
    """A title kept with the name after it: "Manuelle Therapie Dr. / Müller-Lüdenscheidt" parted a doctor from
    her name at a line's end. A capitalised word of one to four letters and a full stop ("Dr.", "Prof.", "St.",
    an initial) is tied to the word after it; at worst that is a short word ending a sentence, which costs only
    a break. So is a letter and a full stop before another ("z. B.", "d. h.", "u. a.", as German writes them with
    a space inside): "z." ending a line and "B." opening the next read as two stray letters."""

    def kept(match: re.Match[str]) -> str:
        word = match.group(1)
        title = word[0].isupper() and word[1:-1] == word[1:-1].lower()
        spaced = len(word) == 2 and ONE_LETTER_ABBREVIATION.match(match.string, match.end()) is not None
        return word + NBSP if title or spaced else match.group(0)

    return TITLE.sub(kept, text) if ". " in text else text


TIED_MOST = 4096  # texts tied: a routine's sheets have a few hundred


# The ties of text in a language, by its primary subtag, beside those of any text (see typed_tied)
LANGUAGE_TIES: dict[str, tuple[Callable[[str], str], ...]] = {
    "pl": (one_letter_words_tied, polish_abbreviations_tied),
    "cs": (one_letter_words_tied,),
    "sk": (one_letter_words_tied,),
    "nl": (name_particles_tied,),
}


def tie_language(language: str) -> str:
    """The key in LANGUAGE_TIES of text in `language` (BCP 47: "pl-PL" -> "pl"), or "" where it has no ties of
    its own: what typed_tied is given (so that its cache holds one entry per text and such language)."""
    primary = language.split("-")[0].lower()
    return primary if primary in LANGUAGE_TIES else ""


@functools.lru_cache(maxsize=TIED_MOST)
def typed_tied(text: str, language: str = "") -> str:
    """Text as someone typed it, with its phone numbers, titles, numbers' units and marks kept whole, and the
    ties of its `language` (see tie_language): a Polish, Czech or Slovak word of one letter kept with the next, a
    Polish abbreviation with what follows it, a Dutch name with its particles. The same in print and on a screen
    (cached: every sheet of a routine, its web copy, and the poster's every layout tie the same texts)."""
    tied = marks_tied(units_tied(titles_tied(phones_tied(text))))  # whoever typed it: "Dr. Müller", "z. B.", "10 s"
    for rule in LANGUAGE_TIES.get(language, ()):
        tied = rule(tied)
    return tied


def phrases_tied(text: str) -> str:
    """Each phrase whole ("hold 20 s"), free to break only after the dot between two ("5 times · hold 20 s")."""
    return re.sub("(?<!\u00b7) ", NBSP, text)


def citation_tied(markup: str) -> str:
    """An in-text citation whole ("(Perlman et al., 2006)"); a cluster of several may break after a ";"."""
    return text_parts(markup, lambda text: re.sub(r"(?<!;) ", NBSP, text))


def entry_tied(markup: str, months: frozenset[str] = frozenset()) -> str:
    """A bibliography entry whose dates and author names never break ("Accessed: 9 May 2022", "Atkins, D."), nor
    a year and a month without a day, where `months` (the style's month names, without a full stop) names it."""
    dates = [DATE, *([_month_dates(months)] if months else [])]

    def change(text: str) -> str:
        for date in dates:
            text = date.sub(lambda m: m.group(0).replace(" ", NBSP), text)
        return NAME.sub(lambda m: m.group(0).replace(" ", NBSP), text)

    return text_parts(markup, change)


@functools.cache
def _month_dates(months: frozenset[str]) -> re.Pattern[str]:
    """MONTH_DATE for these month names, the longest first ("November" before "Nov")."""
    named = "|".join(re.escape(month) for month in sorted(months, key=lambda month: (-len(month), month)))
    return re.compile(MONTH_DATE.format(months=named), re.IGNORECASE)
