"""The validated, frozen models the engine works from.

YAML becomes these models in :mod:`handouts.input.loading` and nowhere else; each
default lives here, once, on its field.
"""

from __future__ import annotations

import calendar
import datetime
import difflib
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Annotated, Any, ClassVar, Literal, get_args

from babel import Locale
from babel.core import get_global
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)

from handouts.errors import WARNINGS
from handouts.input.csl import CSL_TYPES, CSL_VARIABLES
from handouts.input.files import colon_in_name, control_characters, forbidden_on_windows, home_folder
from handouts.input.languages import language_tag
from handouts.input.links import MAX_DIGITS, mailto_uri, number_digits, unfit, web_address, without_addresses
from handouts.input.options import YEARS, Paper, paper_named
from handouts.input.yamlsource import unquoted
from handouts.media import colours
from handouts.words.ink import codes, prints_nothing
from handouts.words.labels import LABELS
from handouts.words.markdown import DEPTH_READ, MAX_DEPTH, list_depth

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
FORMAT = re.compile(r"%\([^)]*\)\S*")  # a placeholder with another conversion, width or precision: %(a)d, %(a)99s
# A placeholder as other tools write one ({phone}, {{ phone }}, %s): printed as typed, it leaves the number out.
OTHER_STYLE = re.compile(r"\{\{?\s*(\w+)\s*\}\}?|%[sd](?!\w)")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID = 60  # characters: the id begins every output's file name, which some systems cap at 255


INVISIBLE = "has only characters that print nothing ({}): type the text, or delete the key"


def _invisible(value: str) -> str:
    """The codes of a text that prints nothing but is not blank (a zero-width space pasted from a web page)."""
    return codes(ch for ch in value if not ch.isspace())


EMPTY_TEXT = "must not be empty"


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError(EMPTY_TEXT)
    if prints_nothing(value):
        raise ValueError(INVISIBLE.format(_invisible(value)))
    return value.strip()


# A range of whole numbers, as a prescription writes one: `8-12`, `8 to 12` (with an en dash or an em dash too)
RANGE = re.compile(r"\s*(\d{1,9})\s*(?:-|\u2013|\u2014|to)\s*(\d{1,9})\s*")
# A number with a decimal comma, as most of Europe writes one (`rest: 1,5`): YAML reads it as text
DECIMAL_COMMA = re.compile(r"\s*\d{1,9},\d{1,9}\s*")
# Sets and repetitions in one, as a prescription writes them: "3x10", "3 by 12" with a multiplication sign (sets by
# repetitions), or with what each number counts, "10 reps x 3", "3 sets x 10"
SETS_BY_REPS = re.compile(
    r"\s*(\d{1,9})\s*(reps?|times|sets?)?\s*[x\u00d7*]\s*(\d{1,9})\s*(reps?|times|sets?)?\s*", re.IGNORECASE
)
# Where a range of a dose's count goes: the free text printed after the dose (`repeat`), the count left out
IN_REPEAT = "leave '{key}' out and write it in the step's 'repeat', which prints after the dose: repeat: {{}} to {{}} {unit}"
IN_WORDS = "give the whole frequency in them instead: frequency: {{}} to {{}} {unit}"

# What YAML 1.2 reads as a number when it is not in quotes (`"10"`, `"-5"`, `"1.5"`, `"30."`, `".5"`, `"1e3"`,
# `"+5"`, `"0x1A"`, `".inf"`): in quotes it is text, taken for words and printed without its unit.
QUOTED_NUMBER = re.compile(
    r"""\s*(?:
        [-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)              # 10, 0b11, 0o17, 017, 0x1A, 1_000
      | [-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+                         # 1e3, 1.5e+3
      | [-+]?[0-9][0-9_]*\.[0-9_]*                                             # 1.5, 30.
      | [-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?                                      # .5, .5e+3
      | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)                             # .inf, .nan
    )\s*""",
    re.VERBOSE,
)


def _not_in_quotes(value: Any, expected: str, check: Callable[[Any], Any]) -> None:
    """ValueError where `value` is a number in quotes (see QUOTED_NUMBER), saying it was `expected`. It is told to
    drop the quotes only where `check` takes the number that leaves: `hold: ".inf"`, `"-5"` or `"1e3"` were, and
    then were refused as numbers, an error the first advice led to. Text YAML reads as text unquoted too (a number
    beside a no-break space, which the pattern's spaces take in) is refused as typed: `check` was asked about the
    same text again, without end."""
    if not (isinstance(value, str) and QUOTED_NUMBER.fullmatch(value)):
        return
    try:
        number = unquoted(value)
        if not isinstance(number, str):
            check(number)
    except ValueError:
        raise ValueError(f"expected {expected}, got {value.strip()[:40]!r}") from None
    if isinstance(number, str):  # a space YAML does not strip ("5" and a no-break space): text without quotes too
        odd = [ch for ch in dict.fromkeys(value) if not ch.isprintable() and ch not in " \t\r\n"]
        named = ", ".join(f"a {unicodedata.name(ch, 'control character').lower()} ({codes(ch)})" for ch in odd)
        raise ValueError(
            f"expected {expected}, got {value[:40]!r}, which has {named} beside the number: type a plain space, or none"
        )
    raise ValueError(f"expected {expected}, got {value[:40]!r} in quotes, which makes it text: write the number without quotes")


A_COUNT = "a whole count (5) or words ('5 times each side')"


def _repeat(value: Any) -> Any:
    _not_in_quotes(value, A_COUNT, _repeat)  # it printed "5", where 5 prints "5 times"
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 1:
            raise ValueError("expected a positive count, e.g. 5 or '5 times each side'")
        return "once" if value == 1 else f"{value} times"
    if isinstance(value, float):  # it was told to go in quotes as text, and in quotes it is refused above
        raise ValueError(f"expected {A_COUNT}, got {describe(value)}")
    return value


def _bounded(high: int, what: str, in_words: str = "", dose: bool = False) -> Any:
    """A validator of a whole number from 1 to `high` (None passes: the field is optional). `in_words` says where
    a range (`reps: 8-12`, as a prescription gives it) is written instead, with its two numbers to fill in; a
    `dose` (sets, reps) typed as sets and repetitions in one (`reps: 3x10`) is told the two keys to write."""

    def check(value: Any) -> Any:
        if value is None:
            return None
        _not_in_quotes(value, f"a whole number of {what} from 1 to {high}", check)  # `reps: "10"`: as it should be, but quoted
        if isinstance(value, str):  # `reps: 10 times`, `sets: 2-3`, `reps: ten`: said as typed
            expected = f"expected a whole number of {what} from 1 to {high}, got {value[:40]!r}"
            if in_words and (ends := RANGE.fullmatch(value)):
                raise ValueError(f"{expected}: a range is written in words: {in_words.format(*ends.groups())}")
            if dose and (both := SETS_BY_REPS.fullmatch(value)):
                raise ValueError(f"{expected}: {_sets_and_reps(both)}")
            raise ValueError(f"{expected}: write one number alone, in digits")
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= high:
            got = value if isinstance(value, int) and not isinstance(value, bool) else describe(value)
            raise ValueError(f"expected a whole number of {what} from 1 to {high}, got {got}")
        return value

    return check


def _sets_and_reps(both: re.Match[str]) -> str:
    """What to write for sets and repetitions typed in one (see SETS_BY_REPS): the first number is the sets, as
    "3x10" is written, unless the words beside the numbers say otherwise ("10 reps x 3")."""
    first, first_is, second, second_is = both.groups()
    reps_first = (first_is or "").lower().startswith(("rep", "time")) or (second_is or "").lower().startswith("set")
    sets, reps = (second, first) if reps_first else (first, second)
    return f"a dose of {sets} sets of {reps}, in one: give each its own number, sets: {sets} and reps: {reps}"


def _seconds(high: int, key: str, unit: str) -> Any:
    """A validator of seconds (1 to `high`) or words ("until you feel a stretch"); a number in quotes (`hold: "30"`)
    is no words: it printed as "hold 30", without the unit a number of seconds is printed with. Nor is a range of
    numbers alone (`hold: 5-10`, printed "hold 5-10"), nor a number with a decimal comma (`rest: 1,5`, printed
    "odpocznij 1,5" on a Polish sheet): each is told to give its `unit`, as the words it then is."""
    count = _bounded(high, "seconds")

    def check(value: Any) -> Any:
        ends = RANGE.fullmatch(value) if isinstance(value, str) else None
        if ends or (isinstance(value, str) and DECIMAL_COMMA.fullmatch(value)):
            typed = value.strip()[:40]
            alone, write = (
                ("a range of numbers", f"write it with its unit, {key}: {ends[1]} to {ends[2]} {unit}")
                if ends
                else ("a number with a decimal comma", "write it in whole seconds, or in words with its unit")
            )
            raise ValueError(
                f"expected a whole number of seconds from 1 to {high}, or words, got {typed!r}: {alone} alone prints "
                f"without its unit ('{key} {typed}'): {write}"
            )
        # Words are checked here: left to the union of a number and text, an empty one failed twice, in
        # pydantic's words ("duration.int: Input should be a valid integer").
        return _non_blank(value) if isinstance(value, str) and not QUOTED_NUMBER.fullmatch(value) else count(value)

    return check


# What YAML makes of a backslash and a letter inside double quotes: "pictures\new.png" is "pictures", a line
# break and "ew.png". By character, the letter typed after the backslash.
ESCAPED = {"\0": "0", "\a": "a", "\b": "b", "\t": "t", "\n": "n", "\v": "v", "\f": "f", "\r": "r", "\x1b": "e"}
ESCAPED |= {"\x85": "N", "\u2028": "L", "\u2029": "P"}


def _escaped_path(value: str) -> str | None:
    """What to say of a Windows path typed in double quotes whose backslashes YAML read as escapes (None if
    `value` has no character such an escape makes, but at its end, where a block's line break stands, or is
    written with / as a folder separator, so its backslashes were meant as escapes)."""
    typed = "".join(f"\\{ESCAPED[ch]}" if ch in ESCAPED else ch for ch in value.rstrip("\n"))
    if typed == value.rstrip("\n") or "/" in value:
        return None
    meant = typed.replace("\\", "/")
    return (
        f"in double quotes a backslash starts an escape, so {typed} was not read as typed: "
        f"write the path with / ({meant}), or put it in single quotes"
    )


def _file_name(value: str) -> str:
    """A file named in a YAML file: backslashes are folder separators (`pictures\\sit.jpg`, as written on
    Windows), and no control character nor a colon but a drive's (C:/) may be in it, nor another character no
    file name on Windows may have, nor a ~ for the home folder."""
    problem = _escaped_path(value) or control_characters(value) or colon_in_name(value) or forbidden_on_windows(value)
    problem = problem or home_folder(value)
    if problem:
        raise ValueError(problem)
    return value.replace("\\", "/")


def _blocks(value: str) -> str:
    """Block Markdown whose every list prints: one nested deeper than MAX_DEPTH is an error, not cut short."""
    depth = list_depth(value)
    if depth > MAX_DEPTH:
        deep = f"{depth} or more" if depth >= DEPTH_READ else str(depth)
        raise ValueError(f"lists nest {deep} levels deep; at most {MAX_DEPTH} print")
    return value


Text = Annotated[str, AfterValidator(_non_blank)]
Blocks = Annotated[str, AfterValidator(_non_blank), AfterValidator(_blocks)]  # a section body: paragraphs, lists
FileName = Annotated[str, AfterValidator(_non_blank), AfterValidator(_file_name)]  # a file beside the YAML file
Colour = Annotated[str, AfterValidator(colours.normalise)]


def _given(value: Any) -> str:
    """A value a message quotes: text as typed ('US Letter'), anything else as `describe` says it (not None)."""
    return repr(value) if isinstance(value, str) else describe(value)


QUOTE_IT = "put it in quotes if it is text"  # said of a number (or yes/no) where text is expected


def describe(value: Any) -> str:
    """How a YAML value reads to a person: 'a list', 'text', 'a number'."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (yes/no)"
    if isinstance(value, float) and not math.isfinite(value):  # `.inf`, `.nan`, or `1e400`, which is too large to hold
        return "not a number (.nan)" if math.isnan(value) else f"{'minus ' * (value < 0)}infinity (a number too large to use)"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a mapping of keys"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, datetime.datetime):  # before date, which it is a kind of
        return f"a date and time ({value:%Y-%m-%d %H:%M:%S})"
    if isinstance(value, datetime.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, set):
        return "a set ('!!set')"
    return "something other than text, a number or a list"


def _language(value: Any) -> str:
    """A BCP 47 tag Babel knows ("en-GB", "cy", "pt-BR"); else an error suggesting the closest known tag."""
    if not isinstance(value, str):
        raise ValueError(f"expected a language tag like 'en-GB', got {describe(value)}")
    return language_tag(value)


def _source_language(value: Any) -> str:
    """A source's language, as `_language` takes it; a three-letter code that has a two-letter one ('eng', 'ger',
    as Zotero and PubMed export a paper's language) is read as that ('en', 'de'): the same language as the
    routine's, then, which marks nothing, and a tag a screen reader knows where it is another."""
    tag = _language(value)
    primary, *rest = tag.split("-")
    shortest = Locale.parse(primary).language if len(primary) == 3 else primary
    return "-".join([shortest, *rest]) if len(shortest) == 2 else tag


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False, defer_build=True)


class Section(Model):
    heading: Text
    body: Blocks


# Words whose full stop does not end a sentence ("Rest after approx. 2 hours", "Use e.g. a towel").
ABBREVIATIONS = frozenset(
    {"approx", "apr", "aug", "ca", "cf", "dec", "dept", "dr", "e.g", "eg", "etc", "feb", "fig", "hr", "hrs", "i.e", "ie"}
    | {"incl", "jan", "jr", "jul", "jun", "max", "min", "mins", "mr", "mrs", "ms", "no", "nov", "oct", "prof", "sec"}
    | {"secs", "sep", "sept", "sr", "st", "vs", "wk", "wks", "z.b", "bzw", "usw", "ggf", "a.m", "p.m"}
)
# Emphasis is `*` alone (see handouts.words.markdown): `_` prints as typed, and `\*` is a star, not a mark.
LEAD_IN = re.compile(r"^(\*\*)(.+?)(?<!\\)\1")  # a point that opens with its own bold summary
# Marks that say a sentence goes on past them: a bold opening ending in one ("**Wear the bandage,** if your GP
# says so") is emphasis inside the sentence, not a summary of it.
GOES_ON = ",;:\u2013\u2014-"
# Tried from the first mark of a run only: from every mark, a point of 20,000 full stops took nine seconds.
SENTENCE_END = re.compile(r"(?<![.!?])[.!?]+\**(?=\s|$)")
EMPHASIS = re.compile(r"(?<!\\)(?:\*\*|\*)")
# No emphasis: a times sign ("2*5 s", see handouts.words.markdown) or a star with a space on each side ("3 * 10")
NOT_EMPHASIS = re.compile(r"(?<=\d)\*+(?=\d)|(?<!\S)\*+(?!\S)")


UNIT = re.compile(r"\d\s+[a-z]$")  # "30 s", "2 m": a unit after a number, whose full stop may end a sentence


def _keeps_stop(text: str, end: int) -> bool:
    """Whether the full stop at `end` is the word's before it, ending no sentence: an abbreviation ("approx.",
    "e.g.") or an initial ("J. Smith"), but not a unit after a number ("Hold it for 30 s. Then relax.")."""
    word = _word_before(text, end).strip("*(").lower()
    if word.rstrip(".") in ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isalpha() and not UNIT.search(text, max(0, end - 12), end)


def first_sentence(point: str) -> str:
    """The first sentence of a point in inline Markdown: abbreviations do not end it, and emphasis opened in it
    is closed, so the short form never shows Markdown syntax. A question asks what the sentence after it says
    to do about it, so it goes on to that one ("Is it hot or swollen? Stop." alone on the poster was "Is it hot
    or swollen?")."""
    end = first_sentence_end(point)
    return point if end is None else _balanced(point[:end], point[end:])


def first_sentence_end(point: str) -> int | None:
    """Where the first sentence of a point ends (see first_sentence), None where it is the whole point."""
    for match in SENTENCE_END.finditer(point):
        if _keeps_stop(point, match.start()) or (match.group().rstrip("*").endswith("?") and point[match.end() :].strip()):
            continue
        return match.end()
    return None


def _word_before(text: str, end: int) -> str:
    """The last word of `text[:end]` ('' if none), as `text[:end].split()[-1]` is, read back from `end`: split
    at each full stop, a point of 20,000 characters ("a. a. a. …", each an initial) was split 6,000 times."""
    stop = end
    while stop > 0 and text[stop - 1].isspace():
        stop -= 1
    start = stop
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:stop]


def _markers(text: str) -> list[str]:
    """The emphasis markers of `text`, but a star in an address typed bare (the address's) and those that are none
    (see NOT_EMPHASIS)."""
    return EMPHASIS.findall(NOT_EMPHASIS.sub("", without_addresses(text)))


def _balanced(text: str, rest: str = "") -> str:
    """`text` (the start of a point whose `rest` follows) with each emphasis marker it leaves open closed again,
    innermost first, where the rest closes it: one it never closes prints as typed (a star, "Do 2 *3 reps"), and
    was closed on the poster, which printed "Do 2 *3 reps.*"."""
    open_markers: list[str] = []
    for marker in _markers(text):
        if open_markers and open_markers[-1] == marker:
            open_markers.pop()
        else:
            open_markers.append(marker)
    later = _markers(rest)
    return text + "".join(marker for marker in reversed(open_markers) if marker in later)


# A short form emphasised whole ("**Keep breathing.**"), and its closing full stop (before any closing marks).
EMPHASISED_WHOLE = re.compile(r"(\*\*?)((?:(?!\1).)+?)(?<!\\)\1", re.DOTALL)
CLOSING_STOP = re.compile(r"(?<![.!?])\.(\**)$")


def short_form(text: str, short: str | None) -> str:
    """A text's short form for the poster: the author's own, else its bold lead-in, else its first sentence. A
    bold opening that a comma, colon or dash carries on ("**Wear the bandage,** if your GP says so",
    "**Careful:** go slowly") is no lead-in: alone on the poster it read "Wear the bandage," and "Careful:"."""
    if short:
        return short
    lead = bold_lead_in(text)
    return f"**{lead}**" if lead is not None else first_sentence(text)


def bold_lead_in(text: str) -> str | None:
    """The bold opening that is `text`'s short form when no `short:` is given (without its marks), else None."""
    lead = LEAD_IN.match(text)
    if lead is None:
        return None
    last, after = lead.group(2).rstrip()[-1:], text[lead.end() :][:1]
    if not last or not after:  # bold of no words, or the whole point bold: its first sentence is its short form
        return None
    if last == "?":  # a question ("**Hot or swollen?** Stop."): what to do is after it (see first_sentence)
        return None
    return None if last in GOES_ON or after in GOES_ON else lead.group(2)


def plain_point(made: str) -> str:
    """A short form made from a point's text, set as authors write their own for the safety strip, whose
    bullets part the points: not emphasised whole, and without its closing full stop ("etc." keeps its own).
    The strip mixed bold points with plain ones, and points ending in a full stop with points that did not."""
    whole = EMPHASISED_WHOLE.fullmatch(made)
    made = whole.group(2) if whole else made
    stop = CLOSING_STOP.search(made)
    if stop and not _keeps_stop(made, stop.start()):
        made = made[: stop.start()] + stop.group(1)
    return made


class Worded(Model):
    """A mapping whose author may write its `text` alone, as a plain string."""

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):  # `- 1.10`: YAML read a number
            raise ValueError(f"expected text, got {describe(value)}: {QUOTE_IT}")
        return {"text": value} if isinstance(value, str) else value


class SafetyPoint(Worded):
    """A safety point: its text for the handout and, optionally, the author's own short form for the poster."""

    text: Text
    short: Text | None = None

    @property
    def poster_text(self) -> str:
        return self.short or plain_point(short_form(self.text, None))


# Items a box may list (safety points, warning signs): a box holds a few. A box split over many pages is laid out
# again for each: 1,000 items take a few seconds, 3,000 warning signs took 100 s and 5,000 points over three minutes.
MAX_BOX_ITEMS = 1000


class Safety(Model):
    title: Text | None = None  # the template's label ("Safety first", in the routine's language) when not given
    points: tuple[SafetyPoint, ...] = Field(min_length=1, max_length=MAX_BOX_ITEMS)

    @property
    def short_points(self) -> tuple[str, ...]:
        """Each point as the poster's safety strip shows it."""
        return tuple(point.poster_text for point in self.points)


def _any_case(kind: Any) -> BeforeValidator:
    """One of the fixed few words of `kind` (a Literal) typed in capitals or with spaces around it ("Left",
    "Emergency "): the word. Anything else is left as typed, for the error to quote."""
    words = get_args(kind)

    def word(value: Any) -> Any:
        said = value.strip().lower() if isinstance(value, str) else None
        return said if said in words else value

    return BeforeValidator(word)


Action = Literal["call-clinic", "gp-today", "emergency"]


class WarningSign(Model):
    """A sign that something is wrong and what to do about it: stop and call the clinic, see a GP (or the urgent
    line) today, or call the emergency number now."""

    sign: Text
    action: Annotated[Action, _any_case(Action)]
    short: Text | None = None  # the poster's wording; else the sign's bold lead-in or first sentence

    @property
    def poster_text(self) -> str:
        return short_form(self.sign, self.short)


def _level(value: Any) -> Any:
    expected = "a whole number from 0 (no pain) to 10 (worst pain)"
    _not_in_quotes(value, expected, _level)  # `during: "3"`: the number, but quoted
    if isinstance(value, str):  # `during: 3/10`, `during: three`: said as typed
        raise ValueError(f"expected {expected}, got {value[:40]!r}: write one number alone, in digits")
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError(
            f"expected {expected}, got {value if isinstance(value, int) and not isinstance(value, bool) else describe(value)}"
        )
    return value


Level = Annotated[int, BeforeValidator(_level)]


class Discomfort(Model):
    """How much discomfort is fine, on the 0-10 scale patients know: during the routine and after it."""

    during: Level
    after: Level | None = None
    settles: Text | None = None  # by when any ache should have settled, in the author's words


Side = Literal["each", "left", "right", "both"]
MAX_ALT = 1000  # characters: a screen reader reads a picture's description whole, as one piece


def _alt_sized(value: str | None) -> str | None:
    """A picture's description of a sensible length: a longer one was refused by the layout, naming the
    template's line rather than the content's."""
    if value is not None and len(value) > MAX_ALT:
        raise ValueError(
            f"a picture's description of {len(value):,} characters is too long: say what the picture shows in a "
            f"sentence or two (at most {MAX_ALT:,} characters), and put the rest in the step's text"
        )
    return value


# A step's sets and repetitions: a range is told to go in `repeat`, the two in one ("3x10") the two keys to write
_SETS = _bounded(20, "sets", IN_REPEAT.format(key="sets", unit="sets"), dose=True)
_REPS = _bounded(100, "repetitions", IN_REPEAT.format(key="reps", unit="times"), dose=True)


class Step(Model):
    title: Text
    text: Text
    cue: Text | None = None
    # The dose: each part optional, printed as one line (see handouts.words.wording); `repeat` is free text.
    sets: Annotated[int | None, BeforeValidator(_SETS)] = None
    reps: Annotated[int | None, BeforeValidator(_REPS)] = None
    hold: Annotated[int | Text | None, BeforeValidator(_seconds(600, "hold", "seconds"))] = None
    rest: Annotated[int | Text | None, BeforeValidator(_seconds(600, "rest", "seconds"))] = None
    duration: Annotated[int | Text | None, BeforeValidator(_seconds(3600, "duration", "minutes"))] = None
    side: Annotated[Side | None, _any_case(Side)] = None
    repeat: Annotated[Text | None, BeforeValidator(_repeat)] = None
    image: FileName | None = None
    alt: Annotated[Text | None, AfterValidator(_alt_sized)] = None
    video: Annotated[Text | None, AfterValidator(lambda value: value and _video_url(value))] = None

    @model_validator(mode="after")
    def _alt_with_image(self) -> Step:
        if self.image and not self.alt:
            raise ValueError("a step with an image needs 'alt', a short description of the picture")
        return self

    @property
    def poster_cue(self) -> str:
        return self.cue or self.title

    @property
    def has_dose(self) -> bool:
        """Whether a dose line prints under its text (see handouts.words.wording)."""
        return any((self.sets, self.reps, self.hold, self.duration, self.side, self.rest, self.repeat))


HOW_OFTEN = "does not say how often: write it in words ('2 days a week'), or give times_a_day or days_a_week"


def _how_often(value: str | None) -> str | None:
    """Words that say how often: a number alone (`frequency: "2"`) printed as a bare "2" under the routine's title."""
    if value is not None and QUOTED_NUMBER.fullmatch(value):
        raise ValueError(f"a number alone ({value.strip()!r}) {HOW_OFTEN}")
    return value


class Frequency(Worded):
    """How often to do the routine: times a day and/or days a week, or the author's words."""

    times_a_day: Annotated[int | None, BeforeValidator(_bounded(6, "times a day", IN_WORDS.format(unit="times a day")))] = None
    days_a_week: Annotated[int | None, BeforeValidator(_bounded(7, "days a week", IN_WORDS.format(unit="days a week")))] = None
    text: Annotated[Text | None, AfterValidator(_how_often)] = None

    @model_validator(mode="before")
    @classmethod
    def _from_number(cls, value: Any) -> Any:  # `frequency: 2.5` was told to go in quotes, which _how_often refuses
        if isinstance(value, float) and not math.isfinite(value):  # `frequency: .inf` printed "inf"
            raise ValueError(f"{describe(value)} {HOW_OFTEN}")
        return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value

    @model_validator(mode="after")
    def _something(self) -> Frequency:
        if not (self.times_a_day or self.days_a_week or self.text):
            raise ValueError("give times_a_day, days_a_week, or the frequency in words")
        if self.text and (self.times_a_day or self.days_a_week):
            raise ValueError("give the frequency as numbers (times_a_day, days_a_week) or in words, not both")
        return self


# Steps a routine may have: a patient's routine has a handful (check notes more than ten), a long handout of a
# programme some hundreds. Each is laid out in every output, check's too, before the layout's own bound refused
# 10,000 after seconds and 40,000 after 12 s.
MAX_STEPS = 500


class Routine(Model):
    title: Text
    intro: Text | None = None
    frequency: Frequency | None = None
    steps: tuple[Step, ...] = Field(min_length=1, max_length=MAX_STEPS)
    track_pain: bool = False  # the poster's tracker has a row to note the day's pain, 0 to 10


MAX_URL = 2000  # characters; a QR code holds about 2,300 and a longer address cannot be typed either


def _qr_sized(value: str) -> str:
    if len(value) > MAX_URL:
        raise ValueError(f"a web address of {len(value):,} characters is too long for a QR code (at most {MAX_URL:,})")
    return value


def _video_url(value: str) -> str:
    _qr_sized(value)
    if not value.lower().startswith(("https://", "http://")):  # HTTPS://… is one too, as a browser reads it
        raise ValueError(f"expected a web address starting with https://, got {value[:80]!r}")
    if web_address(value) is None:  # it said "expected … starting with https://" of a space, or of "https://" alone
        raise ValueError(f"expected a web address like https://example.com/video, without spaces, got {value[:80]!r}")
    return _one_string(value)


def _one_string(address: str) -> str:
    """An address that prints, links and goes in a QR code as typed (see links.unfit)."""
    if reason := unfit(address):
        raise ValueError(f"{reason}, got {address[:80]!r}")
    return address


class Video(Model):
    url: Annotated[Text, AfterValidator(_video_url)]
    caption: Text


ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DATE_PART = re.compile(r"-?\d{1,6}")  # a date's part typed as text: a number (a year before 1 AD negative)
DATE_EXAMPLE = "a date like 2019, 2022-05 or 2022-05-09"
SEASON_MONTHS = {21: 3, 22: 6, 23: 9, 24: 12}  # CSL's spring, summer, autumn and winter: the month each starts in
# CSL-JSON's `season` beside a date's parts, as a number or its English name: the month CSL gives that season
SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
SEASON_NAMES = {number: name for name, number in SEASONS.items() if name != "fall"}
SEASON_EXAMPLE = "1 or spring, 2 or summer, 3 or autumn, 4 or winter"
# A season or a range of years typed as a journal prints it ('Spring 2020', '2019-2021'): said in CSL's form
SEASON_TYPED = re.compile(r"\s*(spring|summer|autumn|fall|winter)\s+(\d{4})\s*", re.IGNORECASE)
YEARS_TYPED = re.compile(r"\s*(\d{4})\s*[-\u2013\u2014/]\s*(\d{4})\s*")
NO_DATE = "leave it out: the entry says 'no date'"


def _date_part(part: Any) -> Any:
    """A date's part as a number: typed in quotes ("2019", "05"), as Mendeley and Zotero export it and citeproc-js
    reads it, the number it is; anything else as it is, for the check to name."""
    return int(part) if isinstance(part, str) and DATE_PART.fullmatch(part.strip()) else part


def _date_parts(parts: Any) -> list[list[int]]:
    """CSL `date-parts`: one date (or two, a range) of year, month (1-12, or 21-24 for seasons) and day."""
    if not isinstance(parts, list) or not 1 <= len(parts) <= 2:
        raise ValueError(f"expected {DATE_EXAMPLE} (date-parts holds one or two dates)")
    parts = [[_date_part(part) for part in date] if isinstance(date, list) else date for date in parts]
    for date in parts:
        numbers = isinstance(date, list) and all(isinstance(n, int) and not isinstance(n, bool) for n in date)
        if not numbers or not 1 <= len(date) <= 3:
            raise ValueError(f"expected {DATE_EXAMPLE}; date-parts are numbers: [year, month, day], got {date!r}")
        if not -9999 <= date[0] <= 9999:  # 20190 for 2019: a date-parts year has at most four digits, as ISO's
            raise ValueError(f"year {date[0]} has more than four digits")
        if len(date) > 1 and not (1 <= date[1] <= 12 or date[1] in SEASON_MONTHS):
            raise ValueError(f"month {date[1]} is not 1 to 12 (or 21 to 24 for a season)")
        if len(date) > 2 and not 1 <= date[2] <= 31:
            raise ValueError(f"day {date[2]} is not 1 to 31")
        if len(date) > 2 and date[1] <= 12 and date[2] > calendar.monthrange(date[0], date[1])[1]:  # any year: CSL has BC
            raise ValueError(f"{date[0]}-{date[1]:02d}-{date[2]:02d} is not a date that exists")
    if len(parts) == 2 and _in_order(parts[1]) < _in_order(parts[0])[: len(parts[1])]:
        raise ValueError(f"the range {_said(parts[0])} to {_said(parts[1])} ends before it starts: write the earlier date first")
    return parts


def _in_order(date: list[int]) -> list[int]:
    """A date's parts as they sort: a season (21 to 24) as the month it starts in."""
    return [SEASON_MONTHS.get(part, part) if n == 1 else part for n, part in enumerate(date)]


def _said(date: list[int]) -> str:
    """A date's parts as ISO writes them (2019, 2019-05, 2019-05-09), a season by its name ("winter 2019": its
    number, 2019-24, read as a range of years)."""
    if len(date) == 2 and date[1] in SEASON_MONTHS:
        return f"{SEASON_NAMES[date[1]]} {date[0]}"
    return "-".join(f"{part:02d}" if n else str(part) for n, part in enumerate(date))


def _season_month(season: Any) -> int:
    """The month CSL gives a season typed as CSL-JSON's `season` (1 to 4, or its name): 21 (spring) to 24."""
    typed = str(season).strip().casefold() if isinstance(season, str | int) and not isinstance(season, bool) else None
    if typed in ("1", "2", "3", "4"):
        return 20 + int(typed)
    if typed in SEASONS:
        return SEASONS[typed]
    said = repr(season) if isinstance(season, str | int) and not isinstance(season, bool) else describe(season)
    raise ValueError(f"a season is {SEASON_EXAMPLE}, got {said}")


def _with_season(value: dict[str, Any]) -> dict[str, Any]:
    """CSL-JSON's `season` beside one date's year, put where CSL and citeproc-js print it: as the date's month
    (21 to 24), which prints the locale's word for the season ("Spring 2019", "Fr\u00fchjahr 2019")."""
    parts, month = _date_parts(value["date-parts"]), _season_month(value["season"])
    if len(parts) > 1:
        seasons = ", ".join(f"{number} {name}" for name, number in SEASONS.items() if name != "fall")
        raise ValueError(f"a season beside a range of dates: give each date's season as its month ({seasons})")
    if len(parts[0]) > 1:
        raise ValueError(f"a date has a month or a season, not both: leave out the season or the month {parts[0][1]}")
    return {key: item for key, item in value.items() if key != "season"} | {"date-parts": [[parts[0][0], month]]}


def _csl_date(value: Any) -> Any:
    """Pandoc-style dates (2019, '2022-05', 2022-05-09) become CSL `date-parts`; CSL's own form is checked, its
    `season` made the date's month."""
    if isinstance(value, dict) and set(value) <= {"date-parts", "circa", "season"} and "date-parts" in value:
        if "season" in value:
            return _with_season(value)
        return {**value, "date-parts": _date_parts(value["date-parts"])}
    if isinstance(value, int) and not isinstance(value, bool):
        return {"date-parts": _date_parts([[value]])}
    if isinstance(value, datetime.date):
        return {"date-parts": [[value.year, value.month, value.day]]}
    # CSL-JSON's date as typed ({raw: 2019-05-09}, as Zotero exports it, or {literal: 2019}): read as the same
    # date typed bare; a season or a range of years typed so is told its CSL form as one typed bare is
    words = next(iter(value.values())) if isinstance(value, dict) and set(value) in ({"raw"}, {"literal"}) else None
    if isinstance(words, int) and not isinstance(words, bool):  # {literal: 2019}: a year, as YAML reads it
        return _csl_date(words)
    typed = words.strip() if isinstance(words, str) else value
    match = ISO_DATE.match(typed) if isinstance(typed, str) else None
    if match:
        return {"date-parts": _date_parts([[int(part) for part in match.groups() if part]])}
    if isinstance(value, dict) and ("literal" in value or "raw" in value):  # CSL's dates in words: not read here
        raise ValueError(f"expected {DATE_EXAMPLE}; a date in words is not read ({_in_csl_form(typed) or NO_DATE})")
    written = _in_csl_form(typed)
    raise ValueError(f"expected {DATE_EXAMPLE}, got {_given(value)}" + (f": {written}" if written else ""))


def _in_csl_form(typed: Any) -> str:
    """How to write a season or a range of years typed as a journal prints it, which a date like 2019 would lose."""
    season = SEASON_TYPED.fullmatch(typed) if isinstance(typed, str) else None
    if season:
        return f"write a season as {{date-parts: [[{season[2]}]], season: {season[1].lower()}}}"
    years = YEARS_TYPED.fullmatch(typed) if isinstance(typed, str) else None
    if years:
        first, last = sorted((years[1], years[2]))  # the earlier first, as a range is read
        return f"write a range of years as {{date-parts: [[{first}], [{last}]]}}"
    return ""


CSLDate = Annotated[dict[str, Any] | None, BeforeValidator(_csl_date)]
NAME_EXAMPLE = "a name like {family: Perlman, given: Adam} or {literal: NHS}"


class Name(BaseModel):
    """A CSL name: a person's parts, or an organisation as `literal`."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)

    family: Text | None = None
    given: Text | None = None
    literal: Text | None = None
    suffix: Text | None = None
    dropping_particle: Text | None = Field(None, alias="dropping-particle")
    non_dropping_particle: Text | None = Field(None, alias="non-dropping-particle")

    @model_validator(mode="before")
    @classmethod
    def _mapping(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            raise ValueError(f"expected {NAME_EXAMPLE}, got {describe(value)}")
        return value

    @model_validator(mode="after")
    def _named(self) -> Name:
        if not (self.family or self.literal):
            raise ValueError(f"a name needs 'family' or 'literal': {NAME_EXAMPLE}")
        return self


def _names(value: Any) -> Any:
    if isinstance(value, str | dict):
        raise ValueError(f"expected a list of names, each {NAME_EXAMPLE}")
    return value


Names = Annotated[tuple[Name, ...] | None, BeforeValidator(_names)]


def _csl_value(value: Any) -> Any:
    """Every other CSL variable (title, volume, page, URL…) is text or a number, and text that prints something: a
    title typed as '' printed an empty pair of quotes in Chicago, and a DOI typed as '' hid the URL that a style
    prints only where there is no DOI. Text is kept as typed."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"expected text or a number, got {describe(value)}")
    if isinstance(value, str):
        _non_blank(value)
    return value


def _citable(value: str) -> str:
    """A reference id a citation can name: `[@id]` ends at the first space or line break, so an id with one in it
    was cited by none, and the message naming it ran over two lines."""
    if any(ch.isspace() for ch in value):
        what = "a line break" if any(ch in "\n\r\x85\u2028\u2029" for ch in value) else "a space"
        raise ValueError(
            f"{value!r} has {what} in it, and a citation [@id] ends at the first: write the id without spaces, as "
            f"{'-'.join(value.split())}"
        )
    return value


# Types as people and BibTeX name them, with the CSL type meant (difflib finds none, or another, for these)
TYPE_NAMES = {
    "website": "webpage",
    "online": "webpage",
    "misc": "document",
    "journal article": "article-journal",
    "inproceedings": "paper-conference",
    "incollection": "chapter",
    "inbook": "chapter",
    "techreport": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
}
# Names BibTeX and habit give a reference's year, address or pages, which are no CSL variables: citeproc leaves
# them out, so the sheets printed "no date" or no address, with nothing said. Each with the variable meant.
NOT_CSL = {"year": "issued", "date": "issued", "url": "URL", "doi": "DOI", "journal": "container-title", "pages": "page"}
# Other names BibTeX gives a reference's parts, with the variable meant (difflib finds none, or another)
BIBTEX_NAMES = {"address": "publisher-place", "location": "publisher-place", "booktitle": "container-title"}
BIBTEX_NAMES |= {"institution": "publisher", "school": "publisher", "keywords": "keyword"}
# A date's parts typed as keys of their own: they go in the date (difflib took 'season' for 'version')
DATE_PART_KEYS = frozenset({"month", "day", "season"})
CSL_LIST = "https://docs.citationstyles.org/en/stable/specification.html#appendix-iv-variables"


def _not_printed(key: str, meant: str) -> str:
    return f"{key!r} is not a CSL variable, so no sheet would print it: write it as {meant!r}"


def _csl_key(key: str) -> str:
    """A reference's key beside those it declares: a CSL variable (`publisher-place`); else ValueError naming the
    one meant. A misspelt one (`publisher_place`, `containertitle`, `isued`) was passed on to citeproc, which
    left it out: the sheet printed no place, no journal, or "no date", with nothing said."""
    if key in CSL_VARIABLES:
        return key
    if key.casefold() in DATE_PART_KEYS:
        said = f"{key!r} is not a CSL variable, so no sheet would print it"
        raise ValueError(f"{said}: a date's parts go in 'issued' ({DATE_EXAMPLE})")
    folded = {name.casefold(): name for name in CSL_VARIABLES}
    close = difflib.get_close_matches(key.casefold(), folded, n=1)
    meant = BIBTEX_NAMES.get(key.casefold()) or (folded[close[0]] if close else None)
    if meant:
        raise ValueError(_not_printed(key, meant))
    raise ValueError(f"{key!r} is not a CSL variable, so no sheet would print it: delete it, or name it as CSL does ({CSL_LIST})")


CSLKey = Annotated[str, AfterValidator(_csl_key)]
ADDRESSES = frozenset({"DOI", "URL"})  # a reference's variables that are addresses
CSLValue = Annotated[Any, BeforeValidator(_csl_value)]


class Reference(BaseModel):
    """A CSL-YAML item: `id`, `type`, the names and the dates are checked; other CSL variables are text or numbers."""

    model_config = ConfigDict(frozen=True, extra="allow", populate_by_name=True, defer_build=True)
    __pydantic_extra__: dict[CSLKey, CSLValue] = Field(init=False)  # type: ignore[assignment]

    id: Annotated[Text, AfterValidator(_citable)]
    type: str
    issued: CSLDate = None
    accessed: CSLDate = None
    original_date: CSLDate = Field(None, alias="original-date")
    event_date: CSLDate = Field(None, alias="event-date")
    available_date: CSLDate = Field(None, alias="available-date")
    submitted: CSLDate = None
    author: Names = None
    editor: Names = None
    translator: Names = None
    container_author: Names = Field(None, alias="container-author")
    collection_editor: Names = Field(None, alias="collection-editor")
    editorial_director: Names = Field(None, alias="editorial-director")
    interviewer: Names = None
    recipient: Names = None
    reviewed_author: Names = Field(None, alias="reviewed-author")
    original_author: Names = Field(None, alias="original-author")
    director: Names = None
    illustrator: Names = None
    composer: Names = None
    # CSL 1.0.2's other names (a Zotero export may hold them): lists of names, as the ones above
    chair: Names = None
    compiler: Names = None
    contributor: Names = None
    curator: Names = None
    editor_translator: Names = Field(None, alias="editor-translator")
    executive_producer: Names = Field(None, alias="executive-producer")
    guest: Names = None
    host: Names = None
    narrator: Names = None
    organizer: Names = None
    performer: Names = None
    producer: Names = None
    script_writer: Names = Field(None, alias="script-writer")
    series_creator: Names = Field(None, alias="series-creator")
    year: Any = None  # NOT_CSL's: refused below, each with the variable meant
    date: Any = None
    url: Any = None
    doi: Any = None
    journal: Any = None
    pages: Any = None
    # The language the source is written in (CSL's `language`, a BCP 47 tag): where it is not the routine's, the
    # reference list marks the source's titles with it, for a screen reader to read them in it. None: the routine's.
    language: Annotated[str | None, BeforeValidator(_source_language)] = None

    @field_validator(*NOT_CSL, mode="before")
    @classmethod
    def _not_csl(cls, value: Any, info: ValidationInfo) -> Any:
        meant = NOT_CSL[info.field_name or ""]
        example = f" ({meant}: {value})" if isinstance(value, str | int) and not isinstance(value, bool) else ""
        raise ValueError(_not_printed(str(info.field_name), meant) + example)

    @field_validator("type")
    @classmethod
    def _csl_type(cls, value: str) -> str:
        if value not in CSL_TYPES:
            close = (
                [TYPE_NAMES[value.lower()]] if value.lower() in TYPE_NAMES else difflib.get_close_matches(value, CSL_TYPES, n=1)
            )
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ValueError(f"unknown CSL type {value!r}{hint}")
        return value

    def csl(self) -> dict[str, Any]:
        """The item as CSL-JSON, the form citeproc-py reads. A DOI's or URL's spaces around it are left out: an
        address has none, and " 10.1/x" printed "https://doi.org/ 10.1/x", the resolver alone its link."""
        item = self.model_dump(by_alias=True, exclude_none=True)
        return {key: value.strip() if key in ADDRESSES and isinstance(value, str) else value for key, value in item.items()}


class Content(Model):
    id: str
    language: str = "en-GB"
    title: Text
    subtitle: Text | None = None
    summary: Text | None = None
    sections: tuple[Section, ...] = ()
    safety: Safety
    routine: Routine
    finish: Text | None = None
    video: Video | None = None
    help: tuple[WarningSign, ...] = Field(
        default=(), max_length=MAX_BOX_ITEMS
    )  # when to get help: printed as a box, with the clinic's phone number
    discomfort: Discomfort | None = None
    references: tuple[Reference, ...] = ()
    further_reading: tuple[Text, ...] = ()  # reference ids listed on purpose without being cited
    # Currency (PIF TICK, NHS leaflet guidance): when it was written, by whom, and when it is next reviewed.
    published: datetime.date | None = None
    review_due: datetime.date | None = None
    version: Text | None = None
    author: Text | None = None
    reviewed_by: Text | None = None

    @field_validator("published", "review_due")
    @classmethod
    def _in_a_year_meant(cls, value: datetime.date | None) -> datetime.date | None:
        """A year as --date and the patients' list take it: `published: 0026-05-09` printed "published 9 May 26"."""
        if value and not YEARS[0] <= value.year <= YEARS[1]:
            raise ValueError(
                f"{value} is in the year {value.year}: a year from {YEARS[0]} to {YEARS[1]} is expected (a typing slip?)"
            )
        return value

    @field_validator("review_due")
    @classmethod
    def _review_after_publishing(cls, value: datetime.date | None, info: ValidationInfo) -> datetime.date | None:
        published = info.data.get("published")
        if value and published and value <= published:
            raise ValueError(f"the review date ({value}) must come after published ({published})")
        return value

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if len(value) > MAX_ID:
            raise ValueError(f"an id of {len(value):,} characters is too long for file names: at most {MAX_ID}")
        if not SLUG.match(value):
            from slugify import slugify  # imported here: only a wrong id needs it

            hint = f" (did you mean '{slugify(value)}'?)" if slugify(value) else ""
            raise ValueError(
                f"expected a slug of lower-case letters, digits and hyphens (used in file names), got {value!r}{hint}"
            )
        return value

    @field_validator("language")
    @classmethod
    def _bcp47(cls, value: str) -> str:
        return _language(value)


# Every placeholder some label has: {phone} or {{ page }} written as other tools write them is one of these.
LABEL_PLACEHOLDERS = frozenset(name for label in LABELS.values() for name in PLACEHOLDER.findall(label))


def _placeholders(cls: type, text: str | None, info: ValidationInfo) -> str | None:
    """A clinic's label may use the placeholders of the label it rewords, no others: said at the label's own key
    and line (checked over the whole model, an error named the language's line and key, `labels.en: page: ...`)."""
    if text is None or info.field_name is None:
        return text
    key = info.field_name
    wanted = set(PLACEHOLDER.findall(LABELS[key]))
    allowed = ", ".join(f"%({name})s" for name in sorted(wanted))
    odd = FORMAT.search(PLACEHOLDER.sub("", text))
    if odd:
        raise ValueError(f"{odd.group(0)!r} is not a placeholder: write %(name)s, or 100% as it is")
    other = next((m for m in OTHER_STYLE.finditer(text) if m.group(1) is None or m.group(1).lower() in LABEL_PLACEHOLDERS), None)
    if other:
        raise ValueError(f"{other.group(0)!r} is not a placeholder: write %(name)s ({allowed or 'none here'})")
    used = set(PLACEHOLDER.findall(text))
    if not used <= wanted:
        raise ValueError(f"only these placeholders can be used: {allowed or 'none'}")
    left_out = sorted(wanted - used)
    if key.startswith("help_") and left_out:  # the number to call when something goes wrong
        names = " and ".join(f"%({name})s" for name in left_out)
        raise ValueError(f"keep {names} in it: it is the number a patient calls when something goes wrong")
    return text


# One optional field per label: an unknown key is an error with "did you mean" and its own line.
Labels = create_model(
    "Labels",
    __base__=Model,
    __validators__={"placeholders": field_validator(*LABELS)(_placeholders)},
    **{key: (Text | None, None) for key in LABELS},  # type: ignore[call-overload]
)


class ReferenceSettings(Model):
    """How the clinic's references look: a shipped style's name (apa, vancouver, …) or a CSL file."""

    style: FileName | None = None


class Colours(Model):
    primary: Colour
    accent: Colour | None = None
    text: Colour = "#1A1A1A"


FONT_FILE = re.compile(r"\.(ttf|otf|ttc|otc|woff2?)$", re.IGNORECASE)  # a font's file, not a family's name


class FontSpec(Model):
    """A fontpkg family name, or a pair of TrueType files (paths relative to brand.yaml); and TrueType files
    tried, in order, for characters neither it nor Noto Sans has (a patient's name in Chinese or Japanese)."""

    family: Text | None = None
    regular: FileName | None = None
    bold: FileName | None = None
    fallback: tuple[FileName, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _family_name(cls, value: Any) -> Any:
        """A family's name, or a font's file named alone (`font: fonts/Lato-Regular.ttf`, or in a folder without
        the extension Explorer hides, `fonts/Lato-Regular`: no family's name has a folder), as its regular."""
        if isinstance(value, str):
            file = FONT_FILE.search(value.strip()) or "/" in value or "\\" in value
            return {"regular": value} if file else {"family": value}
        return value

    @model_validator(mode="after")
    def _one_form(self) -> FontSpec:
        if self.family and (self.regular or self.bold):
            raise ValueError("give either a family name or 'regular'/'bold' files, not both")
        if not self.family and not self.regular and not self.fallback:
            raise ValueError("give a fontpkg family name, or 'regular' (and optionally 'bold') TTF files")
        return self


class Fallbacks(Model):
    """`fonts: {fallback: [...]}`, as the design's file format writes the fallback fonts: the same files as
    `font: {fallback: [...]}`, for a clinic that keeps its own font's default."""

    fallback: tuple[FileName, ...]


def _website(value: str | None) -> str | None:
    """A web address (`www.example.com`, `https://…`): the one link policy, so never `javascript:` or `file:`."""
    if value is None:
        return None
    _qr_sized(value)
    if web_address(value) is None:
        raise ValueError(f"expected a web address like www.example.com or https://example.com, got {value[:80]!r}")
    return _one_string(value)


def _email(value: str | None) -> str | None:
    """An e-mail address (`hello@example.com`): the web copy makes it a mailto: link, and one with a space or a
    comma in it (`hello@example co.uk`) printed as typed, broken, with no link and no word."""
    if value is not None and mailto_uri(value) is None:
        raise ValueError(f"expected an e-mail address like hello@example.com, got {value[:80]!r}")
    return value


def _phone(value: str | None) -> str | None:
    """A phone number of no more digits than one can have (E.164's 15), in a row or in all: a longer run could
    only be printed broken with a hyphen, as if that were part of it, and a longer number, in groups, took the
    poster's room for its steps, which were blamed for not fitting."""
    longest = max((len(run) for run in re.findall(r"\d+", value or "")), default=0)
    if longest > MAX_DIGITS:
        raise ValueError(
            f"{longest} digits in a row: a phone number has at most {MAX_DIGITS}; write it as it is dialled, with "
            "spaces between its groups"
        )
    digits = number_digits(value or "")
    if digits > MAX_DIGITS:
        raise ValueError(
            f"a number of {digits} digits: a phone number has at most {MAX_DIGITS}; give a second number after ' / ', "
            "an extension after 'ext'"
        )
    return value


Phone = Annotated[Text | None, AfterValidator(_phone)]


def _address(value: str | None) -> str | None:
    """An address typed on lines of its own, as on an envelope or a letterhead (`address: |`), with its lines
    apart: every output prints it on one line, where its line breaks read as spaces ('12 Birchwood Lane
    Exampleton EX1 2AB'), so its lines are joined as an address on one line is written, with a comma."""
    lines = [line.strip() for line in (value or "").splitlines() if line.strip()]
    if len(lines) < 2:
        return value
    return ", ".join([*(line.rstrip(" ,") for line in lines[:-1]), lines[-1]])  # a comma typed at a line's end kept once


class Contact(Model):
    phone: Phone = None
    email: Annotated[Text | None, AfterValidator(_email)] = None
    website: Annotated[Text | None, AfterValidator(_website)] = None
    address: Annotated[Text | None, AfterValidator(_address)] = None
    # The numbers a "when to get help" box names: the emergency number and the urgent, same-day line.
    # In the UK (country: GB, the default) they are 999 and NHS 111; elsewhere the clinic gives its own.
    emergency: Phone = None
    urgent: Phone = None


def _paper(value: Any) -> Any:
    """The brand's paper for every sheet: A4 or letter, in any case (A3 is for posters, asked for with --paper)."""
    found = paper_named(value) if isinstance(value, str) else None
    if found is Paper.A3:
        raise ValueError("A3 is for posters (handouts build --paper A3); a brand's paper is A4 or letter")
    if found is None:
        raise ValueError(f"expected A4 or letter, got {_given(value)}")
    return found


def _warning_code(value: str) -> str:
    if value not in WARNINGS:
        close = difflib.get_close_matches(value, list(WARNINGS), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (codes: {', '.join(WARNINGS)})"
        raise ValueError(f"{value!r} is not a kind of warning{hint}")
    return value


# CLDR's regions that are no country: a union, a currency area, an organisation, placeholders.
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})
# The countries' codes: CLDR's two-letter regions, from the languages it lists for each in Babel's global data,
# which every locale reads. The same codes as its English names have (a test compares them), whose locale data
# (240 KB) took a sixth of a German routine's start-up beyond the libraries' own, for nothing else read it.
COUNTRIES = frozenset(code for code in get_global("territory_languages") if code.isalpha() and len(code) == 2) - NOT_COUNTRIES
UK_NUMBERS = {"emergency": "999", "urgent": "111"}  # NHS: 999 in an emergency, 111 the same day


def _once_per_language(languages: Iterable[Any]) -> None:
    """ValueError where two of `languages` are one language in other capitals ({pl: …, PL: …}, en-GB and en-gb):
    a tag's capitals carry no meaning, and the last of the two was taken, unsaid."""
    seen: dict[str, Any] = {}
    for language in languages:
        earlier = seen.setdefault(_language(language), language)
        if earlier is not language:
            raise ValueError(f"{language}: the same language as {earlier} (capitals make no difference): keep one")


# A line break typed in a brand text (`footer: |`), with the spaces around it
TYPED_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)+[ \t]*")


def _one_line(text: str) -> str:
    """A brand text with its typed line breaks as the spaces every output prints them as: kept, they were no space
    to the rules that keep words together, and a Polish footer's "ani w" ended its line, "w" alone."""
    return TYPED_LINE_BREAK.sub(" ", text)


def _localized(value: Any) -> Any:
    """A brand text, the same in every language ("…"), or one per language ({en: …, es: …})."""
    if isinstance(value, dict):
        if not value:
            raise ValueError("give the text, or one text per language: {en: ..., es: ...}")
        _once_per_language(value)
        texts = {}
        for language, text in value.items():
            if not isinstance(text, str):
                raise ValueError(f"{language}: expected text, got {describe(text)}")
            try:
                texts[language] = _one_line(_non_blank(text))
            except ValueError as exc:  # said of the language's text
                raise ValueError(f"{language}: {exc}") from None
        return texts
    # Checked here, text too: left to the union, a wrong value failed once per branch, with pydantic's tags.
    if isinstance(value, str):
        return _one_line(_non_blank(value))
    if value is not None:
        raise ValueError(f"expected text, or one text per language ({{en: ..., es: ...}}), got {describe(value)}")
    return value


# A brand text: one for every language, or one per language (the sheet prints the routine's language's).
Localized = Annotated[Text | dict[str, str] | None, BeforeValidator(_localized)]


# What people write for a country whose code is not what they wrote (the UK's is GB).
COUNTRY_ALIASES = {
    **dict.fromkeys(("UK", "ENGLAND", "SCOTLAND", "WALES", "CYMRU", "NORTHERN IRELAND"), "GB"),
    "USA": "US",
}


def country_code(value: Any) -> str:
    """A country's ISO 3166 code ("gb" is GB), else ValueError, giving the code of a country named by its name
    ("United States") or as people often write it ("UK")."""
    if isinstance(value, str) and value.upper() in COUNTRIES:
        return value.upper()
    code = country_named(value)
    hint = f" (the code for {value.strip()} is {code})" if code and isinstance(value, str) else ""
    raise ValueError(f"expected a country code like GB, IE, DE or US, got {_given(value)}{hint}")


def country_named(value: Any) -> str | None:
    """The code of the country `value` names by its name, in English or in a language handouts prints
    ("Deutschland", "España", "Polska"), or as people often write it ("UK": GB)."""
    if not isinstance(value, str):
        return None
    from handouts.words.i18n import catalog_languages  # the names are looked through only when a code is not given

    named = value.strip().upper()
    if named in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[named]
    for language in catalog_languages():
        territories = Locale.parse(language.replace("-", "_")).territories  # pt-BR: Babel's pt_BR
        found = next((code for code, name in territories.items() if name.upper() == named and code in COUNTRIES), None)
        if found:
            return found
    return None


def _note_or_false(value: Any) -> Any:
    """The large-print note's text, or false to leave it out; true is neither (it said 'large_print_note.literal[
    False]: expected one of False, got True'). YAML 1.2 reads `no` and `off` as text, which printed as the note:
    they leave it out too, and `yes` and `on` are true."""
    said = value.strip().lower() if isinstance(value, str) else None
    if said in ("no", "off", "false"):
        return False
    if said in ("yes", "on", "true") or value is True:
        typed = value.strip() if isinstance(value, str) else "true"
        raise ValueError(f"expected the note's text, or false to leave it out; got '{typed}': leave it out for the default note")
    if value is not False and not isinstance(value, (str, dict, type(None))):
        raise ValueError(f"expected the note's text, or false to leave it out; got {describe(value)}")
    return value if value is False else _localized(value)  # its text checked here, not in a branch of the union


class Brand(Model):
    name: Text
    language: Annotated[str, AfterValidator(_language)] = "en-GB"  # the language of texts given without one
    country: Annotated[str, BeforeValidator(country_code)] = "GB"  # where the clinic is: which emergency numbers apply
    tagline: Localized = None
    logo: FileName | None = None
    colors: Colours
    font: FontSpec | None = None
    fonts: Fallbacks | None = None
    contact: Annotated[Contact, BeforeValidator(lambda value: {} if value is None else value)] = Contact()
    therapist: Localized = None  # on the "Prepared by" line: a name and a role, which may need translating
    footer: Localized = None
    feedback: Localized = None  # how patients give feedback, printed at the end of the handout
    references: ReferenceSettings | None = None
    # The clinic's wording of labels, per language: {en: {questions: "Questions? Ring us on %(phone)s"}}.
    labels: dict[str, Labels] = Field(default_factory=dict)
    # The standard handout's line about the large-print version (built alongside it); false leaves it out.
    large_print_note: Annotated[Localized | Literal[False], BeforeValidator(_note_or_false)] = None
    paper: Annotated[Paper, BeforeValidator(_paper)] = Paper.A4
    duplex: bool = False  # the clinic prints two-sided: no poster on the back of a handout's last page
    # Kinds of warning this clinic has decided to live with (codes from `handouts check`, e.g. contrast).
    suppress_warnings: tuple[Annotated[str, AfterValidator(_warning_code)], ...] = ()

    LOCALIZED: ClassVar[tuple[str, ...]] = ("tagline", "therapist", "footer", "feedback", "large_print_note")

    @field_validator("labels")
    @classmethod
    def _label_languages(cls, value: dict[str, Labels]) -> dict[str, Labels]:
        _once_per_language(value)
        return value

    @model_validator(mode="after")
    def _fallbacks_once(self) -> Brand:
        if self.fonts and self.font and self.font.fallback:
            raise ValueError("the fallback fonts are given twice: keep either fonts.fallback or font.fallback")
        return self

    @property
    def fallback_key(self) -> str:
        """Where this brand lists fallback fonts: `fonts.fallback` where it has a `fonts` key (adding `font.fallback`
        beside it is refused as given twice), else `font.fallback`."""
        return "fonts.fallback" if self.fonts else "font.fallback"

    @property
    def fallback_fonts(self) -> tuple[tuple[tuple[str | int, ...], str], ...]:
        """The fallback font files, each with its key (`fonts.fallback[i]`, or `font.fallback[i]`)."""
        under, names = ("fonts", self.fonts.fallback) if self.fonts else ("font", self.font.fallback if self.font else ())
        return tuple(((under, "fallback", index), name) for index, name in enumerate(names))
