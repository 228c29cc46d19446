"""The variants' numbers: the standard sheets and large print. Sizes in points, margins in millimetres.

A profile is data: the engines read their type sizes, leading and floors from it, and a template can only
choose a role (a style), so nothing a template asks for can undercut the profile's floors.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    """The numbers of one variant. Sizes in points, margins in millimetres."""

    name: str
    body: float  # handout body text
    small: float  # the smallest text anywhere on the handout (footer, references): RNIB Clear Print's 12 pt floor
    leading: float  # line height as a multiple of the font size
    title: float
    subtitle: float
    heading: float
    step_title: float
    step_number: float
    margin: float
    measure: float  # the most characters a line of the handout's body holds (see pdf.handout.document.column_width)
    upright: bool  # no italics or underlines: <i> and <u> are printed in the regular style
    min_contrast: float
    poster_floor: float  # smallest step text on the poster
    poster_small: float  # the smallest text anywhere on the poster
    poster_margin: float
    poster_leading: float  # the poster's line height (a poster is read in short lines, from afar)
    heading_leading: float  # line height of titles and headings
    full_footer: bool  # every contact detail and the disclaimer in the footer (else: name, phone, page)
    picture_above: bool  # step pictures above the text at full width (else beside it)

    def called(self, document: str) -> str:
        """`document` ("poster", "handout") as a message names it in this profile: "large-print poster"."""
        return document if self.name == "standard" else f"{self.name} {document}"


# Standard: RNIB Clear Print's recommended 14 pt body (readers of these sheets are mostly older), 1.4 leading,
# and margins that keep a line to about 65-75 characters (RNIB: 60-70). A clinic's font narrower than Atkinson
# Hyperlegible fits more characters between the margins: the column is narrowed to `measure` characters (a line
# holds 75 to 78 of Atkinson Hyperlegible's on A4 and Letter, whose lines, broken between words, average 64 and
# 65; 82 keeps a narrower font's to about 70). At 85, a font whose sample line (MEASURE_SAMPLE) measured wider than
# its text (16 units to the em, its narrow letters and spaces rounded narrower still) set lines of 76.
STANDARD = Profile(
    name="standard",
    body=14,
    small=12,
    leading=1.4,
    title=28,
    subtitle=17,
    heading=18,
    step_title=15,
    step_number=22,
    margin=22,
    measure=82,
    upright=False,
    min_contrast=4.5,
    poster_floor=14,
    poster_small=12,
    poster_margin=12,
    poster_leading=1.35,
    heading_leading=1.2,
    full_footer=True,
    picture_above=False,
)

# Large print: APH's 18 pt floor everywhere, RNIB's 1.5 leading, no italics, WCAG AAA contrast, lines of about
# 50 characters (Atkinson Hyperlegible's hold 61 and 63 on A4 and Letter, and average 54 and 56; at most 64).
LARGE_PRINT = Profile(
    name="large-print",
    body=18,
    small=18,
    leading=1.5,
    title=32,
    subtitle=22,
    heading=24,
    step_title=22,
    step_number=30,
    margin=18,
    measure=64,
    upright=True,
    min_contrast=7.0,
    poster_floor=18,
    poster_small=18,
    poster_margin=12,
    poster_leading=1.5,
    heading_leading=1.5,
    full_footer=False,
    picture_above=True,
)
PROFILES = (STANDARD, LARGE_PRINT)
BY_NAME = {profile.name: profile for profile in PROFILES}
