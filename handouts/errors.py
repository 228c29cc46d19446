"""The one exception family of handouts.

Every error a user can cause is a :class:`HandoutsError`; the CLI prints its
message on one line (or one line per problem) and exits with code 1.
Anything else escaping the library is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass


class HandoutsError(Exception):
    """Base class: raised for any problem the user can fix (input, options, paths)."""


@dataclass(frozen=True)
class Problem:
    """One finding about an input file: where it is and what is wrong."""

    file: str
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class InputError(HandoutsError):
    """Raised when content.yaml or brand.yaml is malformed or invalid.

    Carries every problem found (validation collects them all, not the first).
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class OptionError(HandoutsError):
    """Raised when a command-line option value cannot be used (bad date, bad --out, bad --csl)."""


class TemplateError(HandoutsError):
    """Raised when a layout template is missing, fails to render, or emits invalid layout XML."""


class LayoutError(HandoutsError):
    """Raised when content cannot be laid out (e.g. one step taller than a page); `key`, when known, is the
    part of the input file to shorten."""

    def __init__(self, message: str, key: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.key = key
