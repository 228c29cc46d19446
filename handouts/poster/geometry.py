"""Every dimension of the poster, in one place: the fit search measures with these and the drawing draws
with these, so what was measured is what is drawn.

Regions, top to bottom: the band (logo, routine title, clinic name), the safety strip, the steps in one to
three columns, and an aside holding the QR code, the tracker and the contact (a sidebar on landscape paper,
a strip along the bottom on portrait), then a small sources line. All in points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

GAP = 10.0  # between regions
COLUMN_GAP = 22.0  # between step columns, and between the steps and the sidebar
LOGO = 44.0  # the logo's largest width and height in the band
BAND_PADDING = 12.0  # from the band's edges to the logo and the text
BAND_EXTRA = 20.0  # the band's height beyond its text (or logo)
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


READING_ANGLE = 0.2  # degrees the x-height must subtend to read comfortably (Legge & Bigelow 2011)
MM_PER_POINT = 25.4 / 72


def reading_distance(size: float, x_height: float) -> float:
    """Metres from which text of `size` points, with an x-height of `x_height` ems, reads comfortably."""
    return size * x_height * MM_PER_POINT / 1000 / math.tan(math.radians(READING_ANGLE))


def thumbnail_side(size: float) -> float:
    return size * THUMBNAIL


def qr_side(caption_size: float) -> float:
    return max(QR_SIDE, caption_size * QR_SIDE_IN_CAPTIONS)


@dataclass(frozen=True)
class Page:
    """The page and its margin; everything else is measured from here."""

    width: float
    height: float
    margin: float

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def inner_width(self) -> float:
        return self.width - 2 * self.margin

    @property
    def top(self) -> float:
        return self.height - self.margin

    # -- the band ---------------------------------------------------------------------------------

    def band_text_x(self, logo: bool) -> float:
        return self.margin + BAND_PADDING + (LOGO + BAND_PADDING if logo else 0)

    def band_text_width(self, logo: bool) -> float:
        return self.inner_width - (self.band_text_x(logo) - self.margin) - BAND_PADDING

    @staticmethod
    def band_height(text_height: float, logo: bool) -> float:
        return max(LOGO if logo else 0, text_height) + BAND_EXTRA

    # -- the safety strip -------------------------------------------------------------------------

    @property
    def safety_text_width(self) -> float:
        return self.inner_width - SAFETY_INSET

    @staticmethod
    def safety_height(text_height: float) -> float:
        """The strip and the gap under it."""
        return text_height + SAFETY_EXTRA + GAP

    # -- the steps' area --------------------------------------------------------------------------

    def area_top(self, band_height: float, safety_height: float) -> float:
        return self.height - self.margin - band_height - GAP - safety_height

    def area_height(self, band_height: float, safety_height: float, sources_height: float, strip_height: float) -> float:
        """What is left for the steps; `strip_height` is the bottom strip's (0 with a sidebar)."""
        height = self.height - 2 * self.margin - band_height - GAP - safety_height - sources_height
        return height - (strip_height + GAP) if strip_height else height

    def area_width(self, sidebar_width: float) -> float:
        return self.inner_width - (sidebar_width + COLUMN_GAP if sidebar_width else 0)

    @staticmethod
    def column_width(area_width: float, columns: int) -> float:
        return (area_width - COLUMN_GAP * (columns - 1)) / columns

    def column_x(self, index: int, column_width: float) -> float:
        return self.margin + index * (column_width + COLUMN_GAP)

    @staticmethod
    def cue_width(column_width: float, size: float, picture: bool, indent: float) -> float:
        """The width a cue's words have: the column less its picture and the number's indent."""
        return column_width - (thumbnail_side(size) + THUMBNAIL_GAP if picture else 0) - indent

    # -- the aside and the sources line -----------------------------------------------------------

    def sidebar_x(self, sidebar_width: float) -> float:
        return self.width - self.margin - sidebar_width

    def strip_widths(self, fixed: list[float]) -> list[float]:
        """Each group's width in the bottom strip: its own (QR code, tracker) or a share of what is left."""
        flexible = [index for index, width in enumerate(fixed) if not width]
        spare = self.inner_width - sum(fixed) - GAP * 2 * (len(fixed) - 1)
        share = max(STRIP_SHARE, spare / len(flexible)) if flexible else 0.0
        return [width or share for width in fixed]

    def strip_top(self, sources_height: float, strip_height: float) -> float:
        return self.margin + sources_height + strip_height

    @staticmethod
    def sources_height(text_height: float) -> float:
        return text_height + GAP if text_height else 0
