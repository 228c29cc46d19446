"""Language tags (BCP 47, as `language` in content.yaml and init's question take them), checked against
Babel's locales, with a suggestion for a near miss ("en_GB") or a language's name ("English", "Welsh")."""

from __future__ import annotations

import difflib
import functools
import re

from babel import Locale, UnknownLocaleError
from babel.localedata import locale_identifiers

BCP47 = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
# A system locale's name, as a Mac's or Linux's settings and terminals show one: en_GB, en_GB.UTF-8, de_DE@euro
SYSTEM_LOCALE = re.compile(r"([A-Za-z]{2,3})_([A-Za-z]{2}|[0-9]{3})(?:\.[\w-]+)?(?:@\w+)?")


@functools.lru_cache(maxsize=1)
def known_tags() -> list[str]:
    """Every locale Babel knows, as BCP 47 tags ("en-GB")."""
    return sorted(tag.replace("_", "-") for tag in locale_identifiers())


def known_tag(language: str) -> bool:
    """Whether Babel knows `language` (a BCP 47 tag)."""
    try:
        Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


def language_tag(value: object) -> str:
    """A BCP 47 tag Babel knows ("en-GB", "cy", "pt-BR"); else ValueError suggesting the closest known tag."""
    if not isinstance(value, str):
        kind = "nothing" if value is None else type(value).__name__
        raise ValueError(f"expected a language tag like 'en-GB', got {kind}")
    if BCP47.match(value) and known_tag(value):
        written = _region_written(value)
        if written:
            raise ValueError(f"{value!r} is not a language tag: its region is written {written[1]!r}; write {written[0]!r}")
        return _usual_capitals(value)
    named = tag_of_name(value)
    if named:
        raise ValueError(f"{value!r} is a language's name: give its tag, {named!r}")
    system = SYSTEM_LOCALE.fullmatch(value.strip())
    if system and known_tag(tag := f"{system[1].lower()}-{system[2].upper()}"):
        raise ValueError(f"{value!r} is a system locale's name: its language tag is {tag!r}")
    country = _country_written(value)
    if country:
        raise ValueError(
            f"{value!r} is a country's code ({country[0]}), not a language's: write the language and the country, {country[1]!r}"
        )
    close = difflib.get_close_matches(value.replace("_", "-"), known_tags(), n=1, cutoff=0.5)
    hint = f" (did you mean {close[0]!r}?)" if close else " (e.g. 'en-GB', 'cy', 'es', 'pl')"
    raise ValueError(f"unknown language tag {value!r}{hint}")


def _usual_capitals(tag: str) -> str:
    """`tag` in the capitals BCP 47 writes it in, which carry no meaning ("PL" and "pl", "pt-br" and "pt-BR" are
    one language): its language in lower case, a script's first letter and a region in capitals ("zh-Hant-TW"),
    the rest, and all after a single letter (an extension), in lower case. A tag is looked up as written (the
    file of its catalog of labels, a clinic's labels for it), so `language: PL` printed English labels."""
    language, *subtags = tag.split("-")
    cased = [language.lower()]
    for subtag in subtags:
        extension = any(len(each) == 1 for each in cased[1:])
        if len(subtag) == 4 and subtag.isalpha() and not extension:
            cased.append(subtag.title())
        elif ((len(subtag) == 2 and subtag.isalpha()) or (len(subtag) == 3 and subtag.isdigit())) and not extension:
            cased.append(subtag.upper())
        else:
            cased.append(subtag.lower())
    return "-".join(cased)


def _country_written(value: str) -> tuple[str, str] | None:
    """For a country's code given as the language ("gb", "us", "at": no language's), the country's name and the
    tag of its main language there ("en-GB"); difflib's nearest tag was another language ('gb': "did you mean
    'ug'?", Uyghur). None for anything else."""
    from babel.languages import get_official_languages

    region = value.strip().upper()
    name = Locale.parse("en").territories.get(region) if re.fullmatch(r"[A-Z]{2}", region) else None
    spoken = get_official_languages(region, de_facto=True) if name else ()
    return (name, f"{spoken[0]}-{region}") if spoken and known_tag(f"{spoken[0]}-{region}") else None


# Language tags that are also the code (or, for the UK, the name) of a country whose clinics write English, as a
# clinic may write its country for its language: the country's code
COUNTRY_LIKE = {"uk": "GB", "ie": "IE", "ca": "CA", "za": "ZA", "in": "IN"}


def country_meant(tag: str) -> str:
    """For a language tag a clinic may have written for its country ('uk' is Ukrainian, 'ie' Interlingue), what
    to say: the language it is and the tag for English there ("'uk' is Ukrainian, not the country United Kingdom:
    write 'en-GB' for its language"); "" for any other tag."""
    region = COUNTRY_LIKE.get(tag.strip().lower())
    if region is None:
        return ""
    language, country = Locale.parse(tag.strip().lower()).english_name, Locale.parse("en").territories[region]
    return f"{tag!r} is {language}, not the country {country}: write 'en-{region}' for its language"


def _region_written(language: str) -> tuple[str, str] | None:
    """For a tag whose region Babel reads as another code ("en-UK": the United Kingdom is GB, "de-DD"), the tag
    to write and its region; None for a tag written as it is read. The tag is printed as typed (the PDF's /Lang,
    the web copy's lang), where a screen reader knows no region UK."""
    subtags = language.split("-")
    region = re.compile(r"[A-Za-z]{2}|[0-9]{3}")  # ISO 3166 letters, or a UN M.49 area ("419")
    at = next((i for i, tag in enumerate(subtags[1:], 1) if region.fullmatch(tag)), 0)
    if not at:
        return None
    read = Locale.parse(language.replace("-", "_")).territory
    if read is None or read == subtags[at].upper():
        return None
    return "-".join([*subtags[:at], read, *subtags[at + 1 :]]), read


@functools.lru_cache(maxsize=1)
def _language_names() -> dict[str, str]:
    """Each language's name, in English and in itself, lower-cased -> its tag ("welsh" -> "cy", "español" -> "es")."""
    names: dict[str, str] = {}
    for identifier in locale_identifiers():
        if "_" in identifier:
            continue
        locale = Locale.parse(identifier)
        for name in (locale.english_name, locale.get_display_name()):
            if name:
                names.setdefault(name.casefold(), identifier)
    return names


def tag_of_name(value: str) -> str | None:
    """The tag to write for a language given by name ("English" -> "en-GB", "Welsh" -> "cy"), or None."""
    tag = _language_names().get(value.strip().casefold())
    return "en-GB" if tag == "en" else tag
