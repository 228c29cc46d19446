"""What a build is asked for: the outputs, the paper, the poster's orientation and the rest, validated.

Options accepts plain strings as the CLI and callers give them (`Options(paper="a4", only=("poster",))`)
and keeps enums and output records; a value that cannot be used is an OptionError naming the option, never a KeyError later.
Paper sizes live here, once. No reportlab here: `handouts --help` does not load it.
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import unicodedata
from dataclasses import dataclass, fields
from enum import StrEnum
from pathlib import Path
from typing import Any

from handouts.errors import WARNINGS, OptionError
from handouts.input.files import control_characters
from handouts.outputs import NAMES, OUTPUTS, Output, output
from handouts.units import INCH, MM


class Paper(StrEnum):
    A4 = "A4"
    LETTER = "letter"
    A3 = "A3"  # posters only; handouts then use the brand's paper

    @property
    def size(self) -> tuple[float, float]:
        """Portrait width and height in points."""
        return {Paper.A4: (210 * MM, 297 * MM), Paper.LETTER: (8.5 * INCH, 11 * INCH), Paper.A3: (297 * MM, 420 * MM)}[self]


# Each paper's name, lower case, and US Letter as a Mac's print dialog and Pages name it
PAPER_NAMES = {**{paper.value.lower(): paper for paper in Paper}, "us letter": Paper.LETTER}


def paper_named(text: str) -> Paper | None:
    """The paper `text` names, in any capitals and spacing ("a4", "US  Letter"), else None."""
    return PAPER_NAMES.get(" ".join(text.lower().split()))


class Orientation(StrEnum):
    LANDSCAPE = "landscape"
    PORTRAIT = "portrait"


MAX_TRACKER_WEEKS = 8
YEARS = (1900, 2200)  # of a date typed anywhere: a year outside these was mistyped ("1/2/3" is not 3 AD)
MAX_PATIENT = 200  # characters of a patient's name: longer is a pasted paragraph, not a name
MAX_NOTE = 2000  # characters of a therapist's note: a short box on the handout
MAX_WORKERS = 61  # processes of a batch: the most Windows lets a pool wait on (ProcessPoolExecutor refuses more there)
SLUG_LENGTH = 40  # characters of a patient's name in file names (a short hash keeps longer names apart)


def name_slug(name: str) -> str:
    """A patient's name as file names carry it ("Jo Bloggs" -> jo-bloggs), never the same for two names.

    Where the slug could also stand for another name (accents, punctuation or a script left out, cut to
    length, or nothing left at all: "Ana María" and "Ana Maria", "..", "/"), a short hash of the name follows
    it, so two patients on one date never get each other's file names."""
    from slugify import slugify  # imported here: only a patient's name needs it

    canonical = " ".join(unicodedata.normalize("NFC", name).casefold().split())
    slug = slugify(name, max_length=SLUG_LENGTH, word_boundary=True)
    if slug and slug == canonical.replace(" ", "-") and "-" not in canonical:
        return slug
    return f"{slug or 'patient'}-{hashlib.sha256(canonical.encode('utf-8')).hexdigest()[:6]}"


def _choice(enum: type[StrEnum], value: Any, option: str) -> Any:
    """`value` as a member of `enum` (case-insensitively), or an OptionError naming the option and the choices."""
    if isinstance(value, enum):
        return value
    by_name = {member.value.lower(): member for member in enum}
    found = by_name.get(str(value).strip().lower()) if isinstance(value, str) else None
    if found is None:
        choices = [member.value for member in enum]
        close = difflib.get_close_matches(str(value).lower(), list(by_name), n=1)
        hint = f" (did you mean '{by_name[close[0]].value}'?)" if close else ""
        raise OptionError(f"{value!r} is not one of {', '.join(choices)}{hint}", option)
    return found


@dataclass(frozen=True)
class Options:
    """What the CLI (or a caller) asks of a build; each default lives here."""

    out: Path = Path("out")
    out_typed: bool = True  # `out` was typed (--out); else it is the default folder, and its errors say so
    only: tuple[Output, ...] = OUTPUTS
    named: bool = False  # `only` was given by name (--only): each must be made (see build.unpromised)
    paper: Paper | None = None
    patient: str | None = None
    date: datetime.date | None = None
    templates: Path | None = None
    csl: Path | None = None
    note: str | None = None  # a short therapist's note, boxed on the handout
    therapist: str | None = None  # who is treating this patient (else the brand's therapist, on the prepared line)
    next_appointment: datetime.datetime | datetime.date | None = None  # printed on the handout and the poster
    greyscale: bool = False  # brand colours as greys of equal contrast, for black-and-white printers
    orientation: Orientation | None = None  # the poster's; by default whichever gives the larger text
    tracker_weeks: int = 2  # rows of tick boxes on the poster; 0 hides the tracker
    print_file: bool = False  # also one PDF to print: each routine's handout then its poster
    # printed two-sided: each document in the print file padded to an even page count (None: as brand.yaml says)
    duplex: bool | None = None
    suppress: tuple[str, ...] = ()  # kinds of warning not to say (see handouts.errors.WARNINGS)
    root: Path | None = None  # the folder no write may leave, links included (batch: its --out); default: out

    @property
    def prepared_on(self) -> datetime.date | None:
        """The date a personal sheet is prepared on (--date, else today); None for generic sheets."""
        if self.patient or self.date:
            return self.date or datetime.date.today()
        return None

    @property
    def out_option(self) -> str | None:
        """What `out`'s errors name it by (see output.check_out): --out where typed, else None (the default)."""
        return "--out" if self.out_typed else None

    @property
    def personal(self) -> str:
        """What a personal sheet's file names end with ("-jo-bloggs-2026-12-01"), so that they never replace
        the generic sheets (or another patient's); empty for generic sheets."""
        if not self.patient:
            return ""
        return f"-{name_slug(self.patient)}-{self.prepared_on}"

    def __post_init__(self) -> None:
        def set_(name: str, value: Any) -> None:
            object.__setattr__(self, name, value)

        if isinstance(self.only, str) or not self.only:
            raise OptionError(f"expected one or more of {', '.join(NAMES)}, got {self.only!r}", "--only")
        set_("only", tuple(dict.fromkeys(output(name) for name in self.only)))
        if self.paper is not None:
            set_("paper", _choice(Paper, self.paper, "--paper"))
        if self.orientation is not None:
            set_("orientation", _choice(Orientation, self.orientation, "--orientation"))
        if isinstance(self.suppress, str) or not all(isinstance(code, str) for code in self.suppress):
            raise OptionError(f"expected codes of warnings, got {self.suppress!r}", "--suppress")
        for code in self.suppress:
            if code not in WARNINGS:
                close = difflib.get_close_matches(code, list(WARNINGS), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else f" (codes: {', '.join(WARNINGS)})"
                raise OptionError(f"{code!r} is not a kind of warning{hint}", "--suppress")
        weeks = self.tracker_weeks
        if isinstance(weeks, bool) or not isinstance(weeks, int) or not 0 <= weeks <= MAX_TRACKER_WEEKS:
            message = f"expected a whole number from 0 to {MAX_TRACKER_WEEKS}, got {weeks!r}"
            raise OptionError(message, "--tracker-weeks")
        if self.next_appointment is not None and not isinstance(self.next_appointment, datetime.date):
            raise OptionError(f"expected a date, got {self.next_appointment!r}", "--next-appointment")
        if self.date is not None and not isinstance(self.date, datetime.date):
            raise OptionError(f"expected a date, got {self.date!r}", "--date")
        appointment = self.next_appointment
        day = appointment.date() if isinstance(appointment, datetime.datetime) else appointment
        sheet = self.date or (datetime.date.today() if self.patient else None)  # as `prepared_on` dates it
        if day is not None and sheet is not None and day < sheet:  # printed as the next: a typing slip
            said = sheet.isoformat() + (" (today)" if self.date is None else "")
            message = f"{day.isoformat()} is before the sheet's date, {said}: check the two dates"
            raise OptionError(message, "--next-appointment")
        for field in fields(self):
            value = getattr(self, field.name)
            if field.name in ("out", "templates", "csl", "root") and value is not None:
                if not isinstance(value, str | Path):
                    raise OptionError(f"expected a path, got {value!r}", f"--{field.name}")
                problem = control_characters(str(value))
                if problem:
                    raise OptionError(problem, f"--{field.name}")
                set_(field.name, Path(value))
            if field.name in ("patient", "note", "therapist") and value is not None:
                if not isinstance(value, str):
                    raise OptionError(f"expected text, got {value!r}", f"--{field.name}")
                limit = MAX_NOTE if field.name == "note" else MAX_PATIENT
                if len(value) > limit:
                    raise OptionError(f"{len(value):,} characters; at most {limit:,}", f"--{field.name}")

    def handout_pagesize(self, brand_paper: str) -> tuple[float, float]:
        """The handout's paper: --paper (A3 is for posters only) or the brand's."""
        paper = self.paper if self.paper in (Paper.A4, Paper.LETTER) else _choice(Paper, brand_paper, "paper")
        return paper.size

    def poster_orientations(self) -> tuple[Orientation, ...]:
        """The orientations the poster's fit search tries, the preferred first (it wins ties)."""
        return (self.orientation,) if self.orientation else (Orientation.LANDSCAPE, Orientation.PORTRAIT)

    def poster_pagesize(self, brand_paper: str, orientation: Orientation = Orientation.LANDSCAPE) -> tuple[float, float]:
        width, height = (self.paper or _choice(Paper, brand_paper, "paper")).size
        return (height, width) if orientation is Orientation.LANDSCAPE else (width, height)
