"""Dates and weekday names in the routine's language, from Babel's locale data."""

from __future__ import annotations

import datetime
import functools
import re

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_time


@functools.lru_cache(maxsize=32)
def babel_locale(language: str) -> Locale:
    """The Babel locale of a BCP 47 tag such as en-GB; British English when Babel does not know it."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_GB")


# The first of a month as the language writes it, an ordinal where CLDR's patterns print a plain number: French
# "1er décembre 2026" (as its CSL locale dates the references on the same sheet), not "1 décembre 2026"; Italian
# "1º dicembre 2026" ("il 1º dicembre", as Italian says "il primo", where "il 1" would read "l'uno").
FIRST_OF_MONTH = {"fr": "er", "it": "º"}
QUOTED = re.compile(r"('[^']*')")
DAY = re.compile(r"(?<!d)d(?!d)")


def _dated(date: datetime.date, length: str, language: str) -> str:
    """`date` in its language's `length` (long, full) format, the first of a month as the language says it."""
    locale = babel_locale(language)
    ordinal = FIRST_OF_MONTH.get(locale.language) if date.day == 1 else None
    if not ordinal:
        return format_date(date, format=length, locale=locale)
    parts = QUOTED.split(locale.date_formats[length].pattern)  # the day's field, not a quoted word's letter d
    pattern = "".join(part if part.startswith("'") else DAY.sub(f"d'{ordinal}'", part) for part in parts)
    return format_date(date, format=pattern, locale=locale)


def long_date(date: datetime.date, language: str) -> str:
    """'1 December 2026' in en-GB, 'December 1, 2026' in en-US, '1. Dezember 2026' in de-DE, '1er décembre 2026'
    in fr."""
    return _dated(date, "long", language)


def long_date_pattern(language: str) -> str:
    """How `long_date` orders a date in this language: "d MMMM y" in en-GB, "MMMM d, y" in en-US."""
    return babel_locale(language).date_formats["long"].pattern


def weekdays(language: str) -> list[str]:
    """Monday to Sunday, short names (a trailing full stop dropped: 'Mo.' -> 'Mo')."""
    names = babel_locale(language).days["format"]["abbreviated"]
    return [re.sub(r"\.$", "", names[index]) for index in range(7)]


def first_weekday(language: str) -> int:
    """The day a week starts on where `language` is written, as its calendars print it (CLDR's): 0 for Monday
    (en-GB, de, pl), 6 for Sunday (en-US, pt-BR, es-MX, fr-CA)."""
    return babel_locale(language).first_week_day


def short_date(date: datetime.date, language: str) -> str:
    """'1 Dec' in en-GB, 'Dec 1' in en-US: a week's first day on the tracker."""
    return (
        format_date(date, format="d MMM", locale=babel_locale(language))
        if language.lower() != "en-us"
        else format_date(date, format="MMM d", locale=babel_locale(language))
    )


def month_year(date: datetime.date, language: str) -> str:
    """'May 2028' in English, 'Mai 2028' in German: a review date."""
    return format_skeleton("yMMMM", date, locale=babel_locale(language))


def month_names(language: str) -> list[str]:
    """Every month's name, in full and short, as dates in `language` print them."""
    months = babel_locale(language).months["format"]
    return [*months["wide"].values(), *months["abbreviated"].values()]


def day_and_date(date: datetime.date, language: str) -> str:
    """'Tuesday 9 December 2026' in en-GB, 'martes, 9 de diciembre de 2026' in es: an appointment's day."""
    return _dated(date, "full", language)


# Languages whose prose writes a time with "h" ("14 h 30", "9 h 05", "14 h"), where CLDR gives the timetable's
# "14:30" (French of France, Belgium, Switzerland; CLDR's Canadian French already says "14 h 30"). Its spaces
# never break, as French sets them.
HOURS_WITH_H = frozenset({"fr"})


def clock(time: datetime.time, language: str) -> str:
    """'14:30' in en-GB, '2:30 PM' in en-US, '14 h 30' in fr: an appointment's time."""
    locale = babel_locale(language)
    if locale.language in HOURS_WITH_H and ":" in locale.time_formats["short"].pattern:
        return format_time(time, format="H'\u00a0h\u00a0'mm" if time.minute else "H'\u00a0h'", locale=locale)
    return format_time(time, format="short", locale=locale)
