"""The one exception family of handouts, and the finding every message is made of.

Every error a user can cause is a :class:`HandoutsError` carrying one or more :class:`Problem`: where it is
(file, line, key) and what is wrong, as data. The CLI prints one line per problem and exits with code 1.
Anything else escaping the library is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

# The kinds of warning, by code: `handouts check --suppress CODE` (or brand.yaml's `suppress_warnings`) silences
# one kind, as Sphinx's suppress_warnings does.
WARNINGS = {
    "contrast": "a brand colour too pale for text was darkened",
    "no-catalog": "no catalog of labels for the routine's language: labels print in English",
    "no-language": "the routine gives no language, and brand.yaml's is another: the sheets print in British English",
    "uncited-reference": "a reference is never cited",
    "duplicate-reference": "two references are one source (the same DOI, or the same in all else) under two ids: it prints twice",
    "picture": "something in a picture was left out or complained of while loading it",
    "low-resolution": "a photo or logo has too few pixels for the size it prints at: it prints blurred",
    "cut-by-comment": "words after ' #' in a text were read as a comment and left out",
    "cut-by-anchor": "a text's first word, after '&', was read as a YAML anchor and left out",
    "commented-value": "a value starting with '#' (a colour not in quotes) was read as a comment, leaving its key empty",
    "folded-bullets": "lines typed as a list's items print joined into one line (only a section's body prints a list)",
    "dangling-list": "a text ends with ':' or ';', as a list's lead-in does, and no list follows it",
    "lone-lead-in": (
        "a safety point's or warning sign's bold opening, its poster short form, cannot stand alone (a point's one "
        "word, or ending in 'not', 'never', 'do'…; in another language than English, one its sentence goes on from), "
        "or, in English, leaves out the condition a safety point holds under ('only if…', 'unless…', 'But…')"
    ),
    "poster-extras": "the poster leaves out its pictures, some or all of its tracker, or its QR code to fit",
    "no-large-print-poster": "the large-print poster does not fit, and the standard poster's steps are under 18 pt",
    "reading-level": "a text reads above school grade 8",
    "unclosed-bold": "a text's '**' opens bold that is never closed: the sheets print the stars",
    "not-a-link": (
        "a Markdown link's address is not a web, e-mail or phone address, or a reference's URL not a web address: it "
        "prints as typed, a link in no output"
    ),
    "html": "a text holds HTML (a tag such as <br>, an entity such as &nbsp;), copied from a web page: it prints as typed",
    "doi-prefix": "a reference's DOI is typed with https://doi.org/ or doi: before it, which reference styles print again",
    "alt-text": "a picture's description says little",
    "review-overdue": "the leaflet's review date has passed",
    "untranslated": "a brand text has no version in the routine's language",
    "no-help": "the routine says no warning signs (help) and what to do about them",
    "not-reviewed": "the routine names no reviewer (reviewed_by)",
    "no-phone": "the routine says to call the clinic when something goes wrong, and brand.yaml gives no phone number",
    "no-discomfort": "the routine does not say how much discomfort is fine (discomfort)",
    "no-frequency": "the routine does not say how often to do it (routine.frequency)",
    "not-dated": "the routine has no date (published)",
    "stale-source": "a reference was read more than three years before the leaflet was published",
    "undated-source": "a published source (an article, a book, a report) gives no year (issued): it prints 'no date'",
    "placeholder": "text from `handouts init --content` is still there",
    "number-in-words": "a number the help box says to call (contact.emergency, contact.urgent) is written in words",
    "phone-link": "the clinic's phone number cannot be made a link to ring it",
    "font-weight": (
        "a font prints regular or bold text in another weight or slant (a variable font's default one, a bold or "
        "italic file as regular)"
    ),
    "font-fallback": "the clinic's font lacks letters or digits the routine uses: they print in another font",
    "font-family": "the clinic's bold font is of another family than its regular one",
    "pale-accent": "the brand's accent (or primary, if no accent) is so pale on white that the safety box cannot be seen",
    "lost-character": "a text has U+FFFD, which stands for a character lost when it was copied or saved: retype it",
    "repeated-row": "a row of a patients list repeats an earlier one (the same patient, routines and date)",
    "csv-encoding": "a patients list is not UTF-8, so it is read as Excel's plain 'CSV' (Windows-1252 or Mac Roman)",
    "extra-column": "a patients list has columns handouts does not read (a date of birth, a phone number): left out",
    "name-case": (
        "a file is named with other capitals than it is saved with, or with a dot or space at its end: found on a Mac "
        "or Windows (Windows alone for the dot), not on Linux"
    ),
    "other-folders": "a batch's --out holds patient folders that are not its list's (another list's, or rows since moved)",
    "old-print-file": "a print file in the output folder holds sheets as they were before this build changed them",
}


@dataclass(frozen=True)
class Problem:
    """One finding: where it is and what is wrong. `code` names a kind of warning (see `handouts check
    --suppress`); errors have none."""

    file: str
    line: int | None
    key: str
    message: str
    code: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return ": ".join(part for part in (where, self.key, self.message) if part)

    def coded(self, code: str) -> Problem:
        return replace(self, code=code)

    def with_kind(self) -> str:
        """As `build` and `batch` say a warning: the problem, then its kind in brackets (what --suppress names)."""
        return str(self) + (f" [{self.code}]" if self.code else "")


class HandoutsError(Exception):
    """Base class: raised for any problem the user can fix (input, options, paths, layout)."""

    def __init__(self, *problems: Problem | str) -> None:
        self.problems = [p if isinstance(p, Problem) else Problem("", None, "", p) for p in problems]
        super().__init__("\n".join(str(p) for p in self.problems))


class InputError(HandoutsError):
    """Raised when content.yaml, brand.yaml or a patients list is malformed or invalid; carries every problem
    found (validation collects them all, not the first)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(*problems)


class OptionError(HandoutsError):
    """Raised when a command-line option value cannot be used (bad date, bad --out, bad --csl); `option`, when
    given, is the option's name, kept as the problem's place (a batch column says it as a column)."""

    def __init__(self, message: str | Problem, option: str = "") -> None:
        super().__init__(Problem(option, None, "", message) if option and isinstance(message, str) else message)


class TemplateError(HandoutsError):
    """Raised when a layout template is missing, fails to render, or asks for what a layout cannot hold;
    names the template's file and, where known, its line."""

    def __init__(self, where: str, message: str, line: int | None = None) -> None:
        super().__init__(Problem(where, line, "", message))


class LayoutError(HandoutsError):
    """Raised when content cannot be laid out (a step taller than a page, a poster too long): `key` is the
    part of `file` ("content" or "brand") to shorten. Located by the job (:meth:`Job.located`), which knows
    the files' lines."""

    def __init__(self, message: str, key: tuple[str | int, ...] = (), file: str = "content") -> None:
        super().__init__(message)
        self.message, self.key, self.file = message, key, file
