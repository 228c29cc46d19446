"""CSL's number variables (a volume, an issue, an edition, pages) read as citeproc-js reads them, where
citeproc-py read them otherwise. Applied once, when `handouts.words.citeproc_format` is imported.

CSL: a number variable is numeric when it is a number, with letters before or after it ("S12", "2b"), or numbers
joined by a range or list ("12-13", "1, 3", "2 & 4"); its label is plural where it holds several numbers; and a
range prints with the range delimiter. citeproc-py took only a single number for numeric (APA printed "Volume
range book: 1-3" for "(Vols 1\u20133)"), any two numbers for plural ("vols 12 Suppl 1"), and printed a volume's
or an issue's range as typed ("12-13(3-4)" for "12\u201313(3\u20134)"). The oracle tests
(tests/test_citeproc_oracle.py) compare every shipped style with citeproc-js.
"""

from __future__ import annotations

import re
from typing import Any

from citeproc import model
from citeproc.string import String

# What joins the numbers of one variable: "&", a comma or semicolon and a space, "and", or a hyphen or en dash
# (the spaces around it as typed: "12 - 13" is "12\u201313"). Its spaces are read only from where a run of them
# starts: read from each space of a run in turn, a volume of 20,000 spaces took a minute.
SPACES = r"(?:(?<!\s)\s+)"
JOINS = re.compile(rf"({SPACES}?[&\ue000]\s*|{SPACES}?[,;]\s+|{SPACES}and\s+|{SPACES}?[-\u2013]+\s*)")
AMPERSANDS = "&\ue000"  # typed, or as handouts hides it from citeproc-py (citeproc_format.HIDDEN)
# One number: digits, with letters before (a prefix, "S12", "e101") or after ("12a"), or a fraction of an issue
# ("1/2"); or lower-case roman numerals. (A prefix's noughts, "a0012", are the number's: read as either, "a" and
# 20,000 noughts took a minute to read.)
NUMBER = re.compile(r"(?:[0-9]*[a-zA-Z]+)?[0-9]+[a-zA-Z]*(?:-[a-zA-Z]+)?|[0-9]+/[0-9]+|[ivx]+")
# A number that counts in a range or list ("12", "S12", "iii"), where a label counts it towards the plural
COUNTED = re.compile(r"[a-zA-Z]*[0-9].*|[ivxlcmIVXLCM]+")
# The ends of a range that prints with the range delimiter ("12", "S12", "2a", "iii"; not "2/3")
RANGED = re.compile(r"(?:[0-9]*[a-zA-Z]+)?[0-9]+[a-z]*|[ivxlcmIVXLCM]+")
# The variables whose ranges print with the range delimiter, and the term that gives it
RANGES = {
    **dict.fromkeys(("volume", "issue", "edition", "number", "chapter-number"), "page-range-delimiter"),
    **dict.fromkeys(("number-of-pages", "number-of-volumes"), "page-range-delimiter"),
    "collection-number": "year-range-delimiter",
}
# CSL's number variables (citeproc-js's CSL.NUMERIC_VARIABLES, those CSL-JSON items hold)
NUMBER_VARIABLES = frozenset(RANGES) | {"page", "part-number", "supplement-number", "printing-number", "section"}


def _parts(value: str) -> list[str]:
    """The numbers and the joins between them, alternately; a letter after a hyphen that follows a number with
    letters is part of it ("12b-c", a page's parts)."""
    parts = JOINS.split(value.strip())
    index = 1
    while index < len(parts) - 1:
        if parts[index].strip() == "-" and re.fullmatch(r"[0-9]+[a-zA-Z,]+", parts[index - 1]) and parts[index + 1].isalpha():
            parts[index - 1 : index + 2] = ["".join(parts[index - 1 : index + 2])]
        else:
            index += 2
    return parts


def numeric(value: Any) -> bool:
    """Whether a number variable's value is numeric as CSL's is-numeric tests it: its first number is one."""
    return bool(NUMBER.fullmatch(_parts(str(value))[0]))


def plural(value: Any) -> bool:
    """Whether a numeric value holds several numbers, each one that counts ("12\u201319", "1, 3", "iii\u2013x"),
    which a label counts as plural ("pp.", "vols")."""
    numbers = _parts(str(value))[::2]
    return numeric(value) and len(numbers) > 1 and all(COUNTED.fullmatch(number) for number in numbers)


def joined(value: Any, delimiter: str, each: Any = str) -> str:
    """A numeric value with each number as `each` prints it, a range's numbers joined by `delimiter` (the
    locale's en dash), "&" and commas spaced as CSL spaces them; any other value as typed."""
    if not numeric(value):
        return str(value)
    parts = _parts(str(value))
    out = [each(parts[0])]
    for before, join, number in zip(parts[0::2], parts[1::2], parts[2::2], strict=False):
        join = join.strip()
        if join in ("-", "\u2013"):
            ranged = all(RANGED.fullmatch(end) for end in (before, number))
            out.append(delimiter if ranged else join)
        else:
            out.append(f" {join} " if join in AMPERSANDS or join == "and" else f"{join} ")
        out.append(each(number))
    return "".join(out)


def _delimiter(element: Any, variable: str) -> str:
    term = element.get_single_term(name=RANGES.get(variable, "page-range-delimiter"))
    return str(term) if term else "\u2013"


def apply() -> None:
    """Every correction, each wrapping what citeproc-py (or citeproc_fixes) does now."""
    text_variable = model.Text._variable
    number_process = model.FormatNumber._process
    label_plural = model.Label._is_plural
    if_numeric = model.If._is_numeric

    def _text_variable(self: Any, item: Any, context: Any) -> Any:
        """A volume's or an issue's range with the range delimiter ("12\u201313"), as citeproc-js prints it."""
        text = text_variable(self, item, context)
        variable = self.get("variable")
        if text and variable in RANGES and numeric(str(text)):
            return String(joined(str(text), _delimiter(self, variable)))
        return text

    def _number_process(self: Any, value: Any, variable: str) -> Any:
        """<number>: a numeric value's numbers each in the element's form ("2nd"), its ranges with the range
        delimiter the locale or style gives (AMA's "-"); any other value as typed ("Suppl 1-2")."""
        if variable not in RANGES:  # pages, a locator
            return number_process(self, value, variable)
        return joined(value, _delimiter(self, variable), lambda number: self.format_number(number.strip()))

    def _is_plural(self: Any, item: Any) -> Any:
        variable = self.get("variable") or ""
        if variable not in NUMBER_VARIABLES or variable.startswith("number-of"):
            return label_plural(self, item)
        try:
            value = item.reference[variable.replace("-", "_")]
        except model.VariableError:
            return False
        return plural(value)

    def _is_numeric(self: Any, item: Any) -> list[bool]:
        """is-numeric as CSL defines it: "12-13", "1, 3" and "iii" are numeric; "12 Suppl 1" is not."""
        variables = self.get("is-numeric").split()
        if not set(variables) <= NUMBER_VARIABLES:
            return if_numeric(self, item)
        return [
            variable.replace("-", "_") in item.reference and numeric(item.reference[variable.replace("-", "_")])
            for variable in variables
        ]

    model.Text._variable = _text_variable
    model.FormatNumber._process = _number_process
    model.Label._is_plural = _is_plural
    model.If._is_numeric = _is_numeric
