"""The outputs a build can make, as data: one record each. Build, batch, serve, check and the command line read
this table; adding an output (an A5 card, say) is a record here, an engine entry and a template.
"""

from __future__ import annotations

import difflib
import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from handouts.errors import OptionError
from handouts.profiles import BY_NAME as PROFILES
from handouts.profiles import Profile

if TYPE_CHECKING:
    from handouts.job import Job
    from handouts.rendered import Rendered


@dataclass(frozen=True)
class Output:
    name: str  # what --only takes
    document: Literal["handout", "poster"]  # which template lays it out: <document>.xml.j2
    profile_name: Literal["standard", "large-print"]
    format: Literal["pdf", "html"]
    printed: bool  # in a patient's print file
    stem: str  # the file name's part: <id>-<stem>[-<patient>-<date>].<format>

    def __str__(self) -> str:
        return self.name

    @property
    def suffix(self) -> str:
        return f".{self.format}"

    @property
    def profile(self) -> Profile:
        return PROFILES[self.profile_name]

    @property
    def large_print(self) -> bool:
        return self.profile_name == "large-print"

    def render(self, job: Job) -> Rendered:
        """This output of a prepared job, by its engine (imported when first asked for)."""
        module, function = ENGINES[self.format, self.document].split(":")
        return getattr(importlib.import_module(module), function)(job, self.profile)


OUTPUTS: tuple[Output, ...] = (
    Output("handout", "handout", "standard", "pdf", True, "handout"),
    Output("poster", "poster", "standard", "pdf", True, "poster"),
    Output("handout-large-print", "handout", "large-print", "pdf", True, "handout-large-print"),
    Output("poster-large-print", "poster", "large-print", "pdf", True, "poster-large-print"),
    # The accessible electronic copy: the handout's words as one web page, in large print's colours.
    Output("handout-html", "handout", "large-print", "html", False, "handout"),
)
BY_NAME = {output.name: output for output in OUTPUTS}
NAMES = tuple(BY_NAME)
# Each (format, document)'s engine: module and function, imported only when that output is built.
ENGINES = {
    ("pdf", "handout"): "handouts.pdf.handout.render:render_handout",
    ("pdf", "poster"): "handouts.pdf.poster.render:render_poster",
    ("html", "handout"): "handouts.web.render:render_html",
}


def output(name: str | Output, option: str = "--only") -> Output:
    """The output named `name` (case-insensitively), or an OptionError naming the choices."""
    if isinstance(name, Output):
        return name
    found = BY_NAME.get(str(name).strip().lower())
    if found is None:
        close = difflib.get_close_matches(str(name).lower(), NAMES, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise OptionError(f"{name!r} is not one of {', '.join(NAMES)}{hint}", option)
    return found


def for_patient(large_print: bool) -> tuple[Output, ...]:
    """What a patient is given: the printed outputs of their profile, then the web copy."""
    printed = tuple(o for o in OUTPUTS if o.printed and o.large_print == large_print)
    return (*printed, *(o for o in OUTPUTS if not o.printed))


def using_template(name: str) -> tuple[Output, ...]:
    """The outputs a layout template (`handout.xml.j2`) lays out."""
    return tuple(o for o in OUTPUTS if f"{o.document}.xml.j2" == name)
