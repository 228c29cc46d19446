"""Every dimension of the poster, in one place: the fit search measures with these and the drawing draws
with these, so what was measured is what is drawn.

Regions, top to bottom: the band (logo, routine title, clinic name), the safety strip, the steps in one to
three columns, and an aside holding the QR code, the tracker and the contact (a panel beside the steps or
a strip below them), then a small sources line. All in points, for A4; every dimension but the printer-safe
margin grows with the paper (`Page.scale`), so an A3 poster is a larger poster, not an A4 one with space.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

GAP = 10.0  # between regions
COLUMN_GAP = 22.0  # between step columns, and between the steps and the sidebar
LOGO = 44.0  # the logo's largest width and height in the band
BAND_PADDING = 12.0  # from the band's edges to the logo and the text
BAND_EXTRA = 20.0  # the band's height beyond its text (or logo)
SLIM_LOGO = 32.0  # the same in a slim band (large print's last resort)
SLIM_BAND_EXTRA = 8.0
BAR = 5.0  # the safety strip's accent bar
SAFETY_TEXT_X = 14.0  # from the strip's left edge to its text
SAFETY_INSET = 24.0  # the strip's width less its text's
SAFETY_EXTRA = 16.0  # the strip's height beyond its text
THUMBNAIL = 3.6  # a step picture's side, in step-text sizes (about three lines of cue)
THUMBNAIL_GAP = 8.0  # between a cue and its picture
STACK_GAP = 4.0  # between the parts of an aside group (a QR code and its caption)
QR_SIDE = 96.0  # the smallest QR code
QR_SIDE_IN_CAPTIONS = 8  # or eight caption sizes, if larger
SIDEBAR = 180.0  # the narrowest sidebar
STRIP_SHARE = 120.0  # the narrowest share of a bottom strip
STEP_SPACE = 0.6  # space after a step, in step-text sizes
SLIM_STEP_SPACE = 0.35  # the same on a slim poster (large print's fallback): the numbers still set each step apart
SPREAD_MOST = 2.0  # the most space added after a step so the steps fill their area, in step-text sizes
BETWEEN_STEPS = 0.045  # the most space between two steps, in page heights (more reads as a blank band)
BETWEEN_REGIONS = 0.05  # the most a gap between regions reads as, in page heights (the band and strips grow instead)
A4_SHORT_SIDE = 595.2755905511812

# Type on the poster, beside the step text the fit search sizes (see styles.py): in step-text sizes, or in
# points on A4 (grown with the paper) where named so.
NUMBER_SIZE = 1.45  # a step's number
COUNT_SIZE = 0.78  # a count under its cue
COUNT_BEFORE = 2.0
SAFETY_SIZE = 0.85  # the safety strip
SAFETY_LARGEST = 22.0  # points on A4
SAFETY_LEADING = 1.35
TITLE_SIZE = 26.0  # the routine's title in the band, points on A4
TITLE_OVER_SMALL = 1.3  # and at least this many times the smallest text
NAME_SIZE = 14.0  # the clinic's name, points on A4
CONTACT_SIZE = 15.0  # the contact lines, points on A4
LEAST_LEADING = 1.3


READING_ANGLE = 0.2  # degrees the x-height must subtend to read comfortably (Legge & Bigelow 2011)
MM_PER_POINT = 25.4 / 72


def reading_distance(size: float, x_height: float) -> float:
    """Metres from which text of `size` points, with an x-height of `x_height` ems, reads comfortably."""
    return size * x_height * MM_PER_POINT / 1000 / math.tan(math.radians(READING_ANGLE))


def thumbnail_side(size: float) -> float:
    return size * THUMBNAIL


@dataclass(frozen=True)
class Page:
    """The page, its margin and the scale of everything else; every region is measured from here."""

    width: float
    height: float
    margin: float
    slim: bool = False  # a slim band: a smaller logo, less room around its text and less between the steps

    @property
    def scale(self) -> float:
        """1 on A4 and about that on Letter; 1.41 on A3."""
        return min(self.width, self.height) / A4_SHORT_SIDE

    def u(self, points: float) -> float:
        """A dimension given for A4, on this paper."""
        return points * self.scale

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def inner_width(self) -> float:
        return self.width - 2 * self.margin

    @property
    def top(self) -> float:
        return self.height - self.margin

    @property
    def gap(self) -> float:
        return self.u(GAP)

    @property
    def column_gap(self) -> float:
        return self.u(COLUMN_GAP)

    def step_space(self, size: float) -> float:
        """The space after a step whose text is `size` points."""
        return size * (SLIM_STEP_SPACE if self.slim else STEP_SPACE)

    @property
    def ceiling(self) -> float:
        """The largest step text worth trying: a fifth of the paper's short side."""
        return min(self.width, self.height) / 5

    # -- the band ---------------------------------------------------------------------------------

    @property
    def band_padding(self) -> float:
        return self.u(BAND_PADDING)

    @property
    def logo_height(self) -> float:
        return self.u(SLIM_LOGO if self.slim else LOGO)

    def band_height(self, text_height: float, logo: bool) -> float:
        return max(self.logo_height if logo else 0, text_height) + self.u(SLIM_BAND_EXTRA if self.slim else BAND_EXTRA)

    # -- the safety strip -------------------------------------------------------------------------

    @property
    def safety_text_x(self) -> float:
        return self.margin + self.u(SAFETY_TEXT_X)

    @property
    def safety_text_width(self) -> float:
        return self.inner_width - self.u(SAFETY_INSET)

    @property
    def bar(self) -> float:
        return self.u(BAR)

    def safety_height(self, text_height: float) -> float:
        """The strip and the gap under it."""
        return text_height + self.u(SAFETY_EXTRA) + self.gap

    # -- the steps' area --------------------------------------------------------------------------

    def area_top(self, band_height: float, safety_height: float) -> float:
        return self.height - self.margin - band_height - self.gap - safety_height

    def area_height(self, band_height: float, safety_height: float, sources_height: float, strip_height: float) -> float:
        """What is left for the steps; `strip_height` is the bottom strip's (0 with a panel beside them)."""
        height = self.height - 2 * self.margin - band_height - self.gap - safety_height - sources_height
        return height - (strip_height + self.gap) if strip_height else height

    def area_width(self, sidebar_width: float) -> float:
        return self.inner_width - (sidebar_width + self.column_gap if sidebar_width else 0)

    def column_width(self, area_width: float, columns: int) -> float:
        return (area_width - self.column_gap * (columns - 1)) / columns

    def column_x(self, index: int, column_width: float) -> float:
        return self.margin + index * (column_width + self.column_gap)

    def thumbnail_gap(self) -> float:
        return self.u(THUMBNAIL_GAP)

    def cue_width(self, column_width: float, size: float, picture: bool, indent: float) -> float:
        """The width a cue's words have: the column less its picture and the number's indent."""
        return column_width - (thumbnail_side(size) + self.thumbnail_gap() if picture else 0) - indent

    # -- the aside and the sources line -----------------------------------------------------------

    @property
    def stack_gap(self) -> float:
        return self.u(STACK_GAP)

    @property
    def sidebar_min(self) -> float:
        return self.u(SIDEBAR)

    def qr_side(self, caption_size: float) -> float:
        return max(self.u(QR_SIDE), caption_size * QR_SIDE_IN_CAPTIONS)

    def sidebar_x(self, sidebar_width: float) -> float:
        return self.width - self.margin - sidebar_width

    def strip_widths(self, fixed: list[float], least: list[float] | None = None) -> list[float]:
        """Each group's width in the bottom strip: its own (QR code, tracker) or a share of what is left, and
        never less than `least` (the group's longest word)."""
        least = least or [0.0] * len(fixed)
        flexible = [index for index, width in enumerate(fixed) if not width]
        spare = self.inner_width - sum(fixed) - self.gap * 2 * (len(fixed) - 1)
        share = max(self.u(STRIP_SHARE), spare / len(flexible)) if flexible else 0.0
        return [width or max(share, need) for width, need in zip(fixed, least, strict=True)]

    def strip_top(self, sources_height: float, strip_height: float) -> float:
        return self.margin + sources_height + strip_height

    def sources_height(self, text_height: float) -> float:
        return text_height + self.gap if text_height else 0
