"""Dates as people type them, for `--date` and a patients list alike: 2026-12-01, or as the routine's
language writes dates (01/12/2026 in en-GB, 12/1/2026 in en-US, 1.12.2026 in German), or with the month's
name in that language or English (1 December 2026, or 01-Dec-26 as Excel shows and saves it), with or without
a time after it (2026-12-01 00:00:00 or 01/12/2026 09:15, as a clinic system's export writes a date): a date is
a day, so its time is left out, and said to be wrong if it is no time of day. A day of the week may be written
with it (Sunday, 1 March 2026); one that is not the date's is said, as a day and month read the other way round.

A date in the right form that is not on the calendar (31/02/2026) is said to be so, not called a format error.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import re
from collections import Counter
from pathlib import Path

from babel.dates import format_date, get_date_format, get_day_names, get_month_names, parse_date

from handouts.errors import HandoutsError
from handouts.input.files import file_stamp
from handouts.input.options import YEARS
from handouts.input.yamlsource import read_yaml
from handouts.words.locales import babel_locale, clock

# Three runs of digits, as any short date is written (2026-02-31, 31/02/2026, 31.02.2026).
DATE_SHAPE = re.compile(r"^\s*\d+\s*([/.\-])\s*\d+\s*\1\s*\d+\.?\s*$")
EXAMPLE = datetime.date(2026, 12, 1)
# A year written first, as ISO does, with its month and day in any separator or padding (2026/12/1): one
# order only, whatever the language, so it is read rather than called a date that does not exist.
YEAR_FIRST = re.compile(r"^(\d{4})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{1,2})$")
# A day, a month's name and a year (01-Dec-26, 1 December 2026, 1. Dezember 2026), or the month first (Dec 1, 2026).
# The year is set apart from the day: "December 2026" (a month, as Excel's "mmmm yyyy" shows a date) is no 20 December.
MONTH_NAMED = re.compile(r"^(?:(\d{1,2})\.?[\s\-/]*([^\W\d_]+\.?)|([^\W\d_]+\.?)[\s\-/]*(\d{1,2})\.?)[\s\-/,]+(\d{4}|\d{2})$")
# A time after a date, however the date is written (1 Dec 2026 14:30, 12/10/2026 2:30 PM): its last word, if
# it has a colon, with AM or PM after it if given
TIME_AFTER = re.compile(r"(.+?)\s+(\S*:\S*(?:\s*[ap]\.?\s*m\.?)?)", re.IGNORECASE)
# A date with a time after it, as a clinic system's export or a spreadsheet writes a column of dates kept as
# dates and times (2026-12-01 00:00:00, 01/12/2026 09:15, 2026-12-01T14:30, 12/1/2026 2:30:00 PM, and as Danish
# and Finnish write a time, 1.12.2026 14.30, as French people do, 14h30, or with its time zone, 14:30:00Z or
# +01:00): the day is what is meant; the groups are the date, the time as typed, its hours, minutes, seconds,
# AM or PM, and the time zone
CLOCK_AFTER = re.compile(
    r"(.+?)(?:\s+|T)((\d{1,2})[:.h](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?(?:\s*([ap])\.?\s*m\.?)?)"
    r"(\s*(?:Z|UTC|GMT|[+\-\u2212]\d{2}(?::?\d{2})?))?",
    re.IGNORECASE,
)
# A day of the week before a date or after it ("Mon 01/03/2026", "Sunday, 1 March 2026" as Excel's long date
# writes it, "01/03/2026 (Mon)", Portuguese "terça-feira, 1 de dezembro de 2026"): the word, and the date
WEEKDAY_BEFORE = re.compile(r"([^\W\d_]+(?:-[^\W\d_]+|\s[^\W\d_]+(?=,))?)\.?,?\s+(.+)")  # Welsh "Dydd Mawrth, …"
WEEKDAY_AFTER = re.compile(r"(.+?),?\s+\(?([^\W\d_]+(?:-[^\W\d_]+)?)\.?\)?")
# A word a language's long date puts between its day, month and year, in Babel's patterns ("d 'de' MMMM 'de' y"
# in Spanish and Portuguese, "d MMMM 'del' y" in Catalan)
BETWEEN_PARTS = re.compile(r"(?<=\s)'([^\W\d_]+)'(?=\s)")
# Words a language writes there that Babel's patterns do not: Spanish "del" before a year ("1 de diciembre del
# 2026"), as Mexico and much of Latin America write a year from 2000 on
ALSO_BETWEEN_PARTS = {"es": {"del"}}
APOSTROPHES = ("\u2019", "'")  # an elided word's, as typeset and as typed on a keyboard
# A day written as an ordinal before or after its month's name: "1st December", "December 1st", French "1er
# décembre" and Italian "1º dicembre" (as the sheets print the first of a month), Portuguese "1.º de dezembro"
ORDINAL_DAY = re.compile(r"(?<![\w.])(\d{1,2})(?:st|nd|rd|th|er|re|\.?º|\.?ª)(?![^\W\d_])", re.IGNORECASE)
# A date in a column Excel shows as numbers: its count of days since 1900 (46357 is 1 December 2026)
EXCEL_NUMBER = re.compile(r"[1-9]\d{4}(?:\.\d+)?")
LONGEST = 64  # characters: no date or appointment is longer ("Wednesday, 30 September 2026 12:00:00.000 AM" is 44)
# A time typed without AM or PM that a 12-hour sheet would print in the night: 1:00 to 6:59, no leading zero
# ("2:30", meant as 2:30 PM). 7:00 to 11:59 is read as the morning, as a spreadsheet's 24-hour clock (Excel's
# "12/10/2026 9:15") writes it.
HALF_DAY = re.compile(r"[1-6]:[0-5]\d")
# A time on the 12-hour clock, as US sheets print it: "2:30 PM", "2:30pm", "9:15 a.m."
# A date and time as ISO 8601 writes them, and a browser's date-and-time field sends them (2026-12-10T10:30):
# always the 24-hour clock, so never a time in the night
ISO_MINUTE = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)")
TWELVE_HOUR = re.compile(r"^(1[0-2]|0?[1-9]):([0-5]\d)\s*([ap])\.?\s*m\.?$", re.IGNORECASE)
# Hours and minutes with a colon between, as ISO begins a time: "14.30" and "9.15" are ISO's 14 and 9 hours
# and a fraction of one, which read as 14:00 and 9:00
HOURS_MINUTES = re.compile(r"\d{1,2}:\d\d(?!\d)")


class DateError(ValueError):
    """Why a text is not a date; the message names the forms that are read."""


@functools.lru_cache(maxsize=16)
def example(language: str) -> str:
    """How `language` writes 1 December 2026 in short ("01/12/2026")."""
    return format_date(EXAMPLE, "short", locale=babel_locale(language))


def parse(text: str, language: str | tuple[str, ...] = "en-GB", shown: str | None = None) -> datetime.date:
    """`text` as a date: ISO (2026-12-01) or the short form of `language` (of each, when the routines printed
    have several: then a date they read as different days is an error, as 03/04/2027 is in en-GB and
    en-US; a date only some of them read is theirs, as 13/04/2027 is en-GB's). DateError otherwise, the first
    language's, quoting `shown` for the text (a patients list passes a description instead, where the text
    could be a name)."""
    _short_enough(text, language)
    readings: dict[str, datetime.date] = {}
    errors: list[DateError] = []
    for each in (language,) if isinstance(language, str) else dict.fromkeys(language):
        try:
            readings[each] = _parse(text, each, shown)
        except DateError as exc:
            errors.append(exc)
    if not readings:
        raise errors[0]
    (first, date), *others = readings.items()
    for other, theirs in others:
        if theirs != date:
            quoted = repr(text) if shown is None else shown
            raise DateError(
                f"{quoted} reads as {date.isoformat()} in {first} but as {theirs.isoformat()} in {other}, the "
                "languages of the routines it is printed on: write it as YYYY-MM-DD"
            )
    return date


def _short_enough(text: str, language: str | tuple[str, ...]) -> None:
    """DateError for a text longer than any date (a note pasted in the date's column), said by its length and
    not read: each form of date was matched against it at each of its characters, seconds for a long one."""
    length = len(text.strip())
    if length > LONGEST:
        first = language if isinstance(language, str) else language[0]
        raise DateError(f"expected a date as YYYY-MM-DD or as {first} writes it ({example(first)}), got {length:,} characters")


def _parse(text: str, language: str, shown: str | None) -> datetime.date:
    quoted = repr(text) if shown is None else shown
    stripped = _without_time(text.strip(), quoted)
    try:
        return _day(stripped, language, quoted)
    except DateError:
        named = _without_weekday(stripped, language)
        if named is None:
            raise
    weekday, rest = named
    date = _day(_without_time(rest, quoted), language, quoted)  # the time may be before the weekday: 1/3/2026 9:15 (Sun)
    if date.weekday() != weekday:  # a day and month read the other way round, or a typing slip in either
        said = f"{format_date(date, 'full', locale=babel_locale(language))} in {language}"
        raise DateError(f"{quoted} names another day of the week than its date, {said}: check the day and the month")
    return date


def _without_weekday(text: str, language: str) -> tuple[int, str] | None:
    """The day of the week `text` names before or after its date (Monday is 0), and the date; None if none."""
    days = _weekdays(language)
    for pattern, word in ((WEEKDAY_BEFORE, 1), (WEEKDAY_AFTER, 2)):
        found = pattern.fullmatch(text)
        if found is not None and found.group(word).casefold() in days:
            return days[found.group(word).casefold()], found.group(3 - word)
    return None


@functools.lru_cache(maxsize=16)
def _weekdays(language: str) -> dict[str, int]:
    """Every name and abbreviation of each day of the week in `language` and English, folded, by its number."""
    names: dict[str, int] = {}
    for locale in (babel_locale("en-GB"), babel_locale(language)):
        for width in ("abbreviated", "wide", "short"):
            for context in ("format", "stand-alone"):
                for number, name in get_day_names(width, context, locale).items():
                    names[name.casefold().rstrip(".")] = number
    return names | _without_shared_ending(names)


def _without_shared_ending(names: dict[str, int]) -> dict[str, int]:
    """The days' names without the ending several of them share after a hyphen, as people write them: Portuguese
    "segunda" for "segunda-feira" (and "terça", "quarta"...), where Babel has only the whole name and "seg."."""
    endings = Counter(name.rpartition("-")[2] for name in names if "-" in name)
    return {name.rpartition("-")[0]: number for name, number in names.items() if endings[name.rpartition("-")[2]] > 1}


def _day(stripped: str, language: str, quoted: str) -> datetime.date:
    """`stripped`, a date with no time after it, as a date; DateError otherwise."""
    date = None
    year_first = YEAR_FIRST.match(stripped)
    try:
        date = datetime.date.fromisoformat(stripped)
    except ValueError:
        with contextlib.suppress(ValueError, OverflowError, IndexError):
            if year_first:
                year, _, month, day = year_first.groups()
                date = datetime.date(int(year), int(month), int(day))
            else:
                # The short form, as `example` shows it: Babel reads the medium one's order unless told.
                date = parse_date(stripped, locale=babel_locale(language), format="short")
                date = None if _swapped(stripped, language) or not _only_a_date(stripped, language) else date
    if date is None and not year_first:
        try:
            date = _month_named(stripped, language)
        except ValueError:  # 31-Feb-26: the month named has no such day
            raise DateError(f"{quoted} is not a date that exists (check the day)") from None
    if date is not None and YEARS[0] <= date.year <= YEARS[1]:
        return date
    if date is not None:
        raise DateError(f"{quoted} is in the year {date.year}: a year from {YEARS[0]} to {YEARS[1]} is expected (a typing slip?)")
    if DATE_SHAPE.match(stripped) and date is None:
        # which number is the day is said by example: 1/12/2026 is a date in en-GB, none in fa (year first)
        written = f"{language} writes 1 December 2026 as {example(language)}"
        raise DateError(f"{quoted} is not a date that exists (check the day and the month: {written})")
    if EXCEL_NUMBER.fullmatch(stripped):
        said = "a number, as Excel keeps a date: format the column as dates (Format Cells, Date) and save it again"
        raise DateError(f"{quoted} is {said}")
    raise DateError(f"expected a date as YYYY-MM-DD or as {language} writes it ({example(language)}), got {quoted}")


def _without_time(text: str, quoted: str) -> str:
    """`text` without the time of day after its date, if one is; DateError if what is there is no time of day."""
    clocked = CLOCK_AFTER.fullmatch(text)
    if clocked is None:
        return text
    date, time, hours, minutes, seconds, half, _ = clocked.groups()
    if int(hours) not in (range(1, 13) if half else range(24)) or int(minutes) > 59 or int(seconds or 0) > 59:
        raise DateError(f"{quoted} has a time after the date that is no time of day ({time}): write the date alone")
    return date


def _month_named(text: str, language: str) -> datetime.date | None:
    """A date whose month is a word, in `language` or English: as Excel shows and saves a date typed "1 Dec
    2026" (01-Dec-26), or as the language writes it long (1 December 2026, December 1, 2026, 1. Dezember 2026).
    A year of two digits is this century's. The words the language writes between them are read as spaces (1 de
    diciembre de 2026), and a day written as an ordinal as its number (1st, 1er, 1º). None if `text` is not so
    written, or names no month."""
    found = MONTH_NAMED.match(_words_between_parts(language).sub(" ", ORDINAL_DAY.sub(r"\1", text)))
    if found is None:
        return None
    day, month, month_first, day_after, year = found.groups()
    number = _months(language).get((month or month_first).casefold().rstrip("."))
    if number is None:
        return None
    return datetime.date(int(year) + (2000 if len(year) == 2 else 0), number, int(day or day_after))


@functools.lru_cache(maxsize=16)
def _words_between_parts(language: str) -> re.Pattern[str]:
    """Each word `language`'s long dates put between a date's parts (BETWEEN_PARTS), standing alone, in any capitals,
    and the one its month's name takes in a date (Catalan "1 de desembre del 2026", "1 d'octubre", the word elided
    before a vowel and typed with either apostrophe): none matches in a language that writes none."""
    locale = babel_locale(language)
    patterns = (get_date_format(width, locale=locale).pattern for width in ("full", "long", "medium"))
    words = {word.casefold() for pattern in patterns for word in BETWEEN_PARTS.findall(pattern)}
    words |= ALSO_BETWEEN_PARTS.get(locale.language, set())
    elided: set[str] = set()
    for width in ("abbreviated", "wide"):
        alone = get_month_names(width, "stand-alone", locale)
        for number, name in get_month_names(width, "format", locale).items():
            before = name[: -len(alone[number])] if name != alone[number] and name.endswith(alone[number]) else ""
            if before.endswith(" ") and before.strip():
                words.add(before.strip().casefold())
            elif before.endswith(APOSTROPHES):
                elided |= {before[:-1].casefold() + apostrophe for apostrophe in APOSTROPHES}
    alternatives = [rf"(?:{'|'.join(map(re.escape, sorted(words)))})(?=\s)"] if words else []
    alternatives += [rf"(?:{'|'.join(map(re.escape, sorted(elided)))})(?=[^\W\d_])"] if elided else []
    return re.compile(rf"(?<=\s)(?:{'|'.join(alternatives)})" if alternatives else r"(?!)", re.IGNORECASE)


@functools.lru_cache(maxsize=16)
def _months(language: str) -> dict[str, int]:
    """Every name and abbreviation of each month in `language` and English, folded, by its number."""
    names: dict[str, int] = {}
    for locale in (babel_locale("en-GB"), babel_locale(language)):
        for width in ("abbreviated", "wide"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    names[name.casefold().rstrip(".")] = number
    return names


def _only_a_date(text: str, language: str) -> bool:
    """Whether `text` holds a short date and nothing more: Babel reads the first three numbers of any text, so
    '1/3/2026 - 5/3/2026' (a range) and '01/03/2026 moved' were 1 March 2026, the rest dropped unsaid. Three
    numbers, and no letters but those the language's short date has (Bulgarian's year sign after it)."""
    letters = {ch for ch in text if ch.isalpha()}
    return len(re.findall(r"\d+", text)) == 3 and letters <= {ch for ch in example(language) if ch.isalpha()}


def _swapped(text: str, language: str) -> bool:
    """Whether Babel read `text`'s day as its month: it swaps the two when the number where `language` writes
    the month is over 12, so in en-GB '1/13/2026' (written month first) was 13 January, and the same list's
    '2/3/2026' the 2nd of March. The month's place is found as Babel finds it, in the short date's pattern."""
    pattern = get_date_format("short", locale=babel_locale(language)).pattern.lower()
    places = {"y": pattern.find("y"), "m": pattern.find("m") if "m" in pattern else pattern.find("l"), "d": pattern.find("d")}
    numbers = re.findall(r"\d+", text)
    return len(numbers) == 3 and int(numbers[sorted(places, key=places.__getitem__).index("m")]) > 12


# The words a sheet prints between an appointment's date and its time, in each language it prints (its
# catalog's "%(date)s at %(time)s", the article singular at one o'clock, see handouts.words.elision), and a comma:
# an appointment copied from a sheet, or typed as the language says it, is read
BEFORE_TIME = re.compile(r"(?:\s*,|\s+(?:at|am|um|à|às|a\s+las?|alle|om|o\s+godz\.))\s*$", re.IGNORECASE)
ELIDED_AT = re.compile(r"\s+all['\u2019](?=\d)", re.IGNORECASE)  # Italian "all'01:30"
AFTER_TIME = re.compile(r"\s+uhr\.?$", re.IGNORECASE)  # German "um 14:30 Uhr"
FRENCH_CLOCK = re.compile(r"(?<=\s)(\d{1,2})\s+h\s+(\d{2})$")  # "à 14 h 30", as a French sheet prints it


def appointment(text: str, language: str | tuple[str, ...] = "en-GB", shown: str | None = None) -> datetime.date:
    """An appointment: a date as `parse` reads it, and a time after it if given ("2026-12-10 14:30",
    "10/12/2026 9:15", "1 Dec 2026 14:30", "12/10/2026 2:30 PM", "2026-12-10T10:30", "1 December 2026 at 14:30",
    "1 de diciembre de 2026 a las 14:30", as a sheet prints it): a datetime then, else a date. DateError
    otherwise."""
    _short_enough(text, language)
    stripped = FRENCH_CLOCK.sub(r"\1:\2", ELIDED_AT.sub(" ", AFTER_TIME.sub("", text.strip())))
    iso = ISO_MINUTE.fullmatch(stripped)
    if iso is not None:
        return _at(parse(iso.group(1), language, shown), iso.group(2), shown, ())
    # a time as a date's column may have it (14.30, 14h30, 10/12/2026T14:30) is read as one, or said not to be
    clocked = CLOCK_AFTER.fullmatch(stripped)
    if clocked is not None and clocked.group(7):  # 10:30Z is 11:30 on a clock in Berlin: the sheet would print 10:30
        said = f"{shown or repr(stripped)} has a time zone after its time"
        raise DateError(f"{said}: write the time as the clinic's clock shows it ({clocked.group(2)})")
    timed = TIME_AFTER.fullmatch(stripped) or clocked
    if timed is None:
        try:
            return parse(stripped, language, shown)
        except DateError:
            day, _, clock = stripped.partition(" ")
            if not clock.strip() or not _is_date(day, language):
                raise
        return _at(parse(day, language, shown), clock, shown, language)
    return _at(parse(BEFORE_TIME.sub("", timed.group(1)), language, shown), timed.group(2), shown, language)


def _is_date(text: str, language: str | tuple[str, ...]) -> bool:
    try:
        parse(text, language)
    except DateError:
        return False
    return True


def _at(date: datetime.date, time: str, shown: str | None, language: str | tuple[str, ...]) -> datetime.datetime:
    """`date` at `time` (HH:MM, or 2:30 PM); DateError if it is no time, or if a sheet that prints the 12-hour
    clock would print it in the night ("2:30" on a US sheet: "2:30 AM", where the afternoon was meant): a sheet
    in one of `language` (none: the time is on the 24-hour clock)."""
    typed = time.strip()
    try:
        when = datetime.datetime.combine(date, _time(typed))
    except ValueError:
        message = f"expected a time as HH:MM or on the 12-hour clock (2:30 PM) after the date, got {shown or repr(typed)}"
        raise DateError(message) from None
    if HALF_DAY.fullmatch(typed) and _twelve_hour(language):
        afternoon = f"{when.hour + 12}:{when.minute:02d}"
        message = (
            f"{shown or repr(typed)} would print as {typed} AM, in the night, on a sheet that prints the 12-hour "
            f"clock: write {typed} PM, {afternoon} or, if it is meant, {typed} AM"
        )
        raise DateError(message)
    return when


def _twelve_hour(language: str | tuple[str, ...]) -> bool:
    """Whether a sheet in `language` (or one of them) prints an appointment's time on the 12-hour clock."""
    languages = (language,) if isinstance(language, str) else language
    return any("14" not in clock(datetime.time(14, 30), one) for one in languages)


def _time(clock: str) -> datetime.time:
    """A time of day as HH:MM ("14:30", "9:15") or on the 12-hour clock ("2:30 PM", the form US sheets print
    it in); ValueError otherwise."""
    twelve = TWELVE_HOUR.match(clock)
    if twelve is None:
        if not HOURS_MINUTES.match(clock):
            raise ValueError(f"no hours and minutes: {clock!r}")
        return datetime.time.fromisoformat(clock.zfill(5))
    hour, minute, half = twelve.groups()
    return datetime.time(int(hour) % 12 + (12 if half.lower() == "p" else 0), int(minute))


def routine_languages(routines: list[Path] | tuple[Path, ...]) -> tuple[str, ...]:
    """The languages of routine files, the first first: a date printed on them all is read in each."""
    return tuple(routine_language(routine) for routine in routines)


def routine_language(routine: Path) -> str:
    """The language of a routine file, whose dates a patient's date is read in (en-GB when it cannot be read:
    building it will say why): read again once the file has changed (`serve` runs while it is edited)."""
    return _language(routine, file_stamp(routine))


@functools.lru_cache(maxsize=64)
def _language(routine: Path, version: tuple[int, int] | None) -> str:
    """The language of `routine` as it is at `version` (its modification time and size), read once."""
    try:
        data = read_yaml(routine).data
    except HandoutsError:
        return "en-GB"
    language = data.get("language") if isinstance(data, dict) else None
    return language if isinstance(language, str) else "en-GB"
