"""Theme = the brand's colours (a palette made safe for text) + a variant profile + the fonts, and the
paragraph styles of both documents made from them.

All typographic numbers live in the profiles (:mod:`handouts.profiles`); templates never set sizes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from handouts.input.models import Brand
from handouts.job import Job
from handouts.media.colours import Palette
from handouts.media.fonts import Fonts
from handouts.pdf.paragraphs import string_width
from handouts.profiles import LARGE_PRINT, PROFILES, STANDARD, Profile
from handouts.words.i18n import Translator

__all__ = ["LARGE_PRINT", "PROFILES", "STANDARD", "Profile", "Theme"]


@dataclass(frozen=True)
class Theme:
    """Colours made safe for text, the registered fonts, and a style factory."""

    brand: Brand
    profile: Profile
    fonts: Fonts
    palette: Palette
    language: str = ""  # the text's (BCP 47): where a word wider than its line may be hyphenated (see pdf.breaks)
    words: Translator = field(default_factory=Translator)  # the labels in that language: what the engine says of a part

    @property
    def margin(self) -> float:
        return self.profile.margin * mm

    @property
    def greyscale(self) -> bool:
        return self.palette.greyscale

    @property
    def primary(self) -> str:
        return self.palette.primary

    @property
    def on_primary(self) -> str:
        return self.palette.on_primary

    @property
    def primary_text(self) -> str:
        return self.palette.primary_text

    @property
    def accent(self) -> str:
        return self.palette.accent

    @property
    def accent_tint(self) -> str:
        return self.palette.accent_tint

    @property
    def primary_tint(self) -> str:
        return self.palette.primary_tint

    @property
    def text(self) -> str:
        return self.palette.text

    @property
    def primary_mark(self) -> str:
        return self.palette.primary_mark

    @property
    def on_primary_mark(self) -> str:
        return self.palette.on_primary_mark

    def style(
        self,
        name: str,
        size: float,
        *,
        bold: bool = False,
        colour: str | None = None,
        floor: float | None = None,
        **extra: object,
    ) -> ParagraphStyle:
        """A left-aligned paragraph style in the brand's face, with the profile's leading; `floor` is the least
        size any of its text may be set at (default: the profile's small text, the handout's floor)."""
        settings: dict[str, object] = {
            "leading": round(size * self.profile.leading, 2),
            "bulletFontName": self.fonts.regular,
            "bulletFontSize": size,
            "allowWidows": 0,  # a paragraph split across pages leaves two lines or more on each (no orphans is the default)
            **extra,
        }
        made = ParagraphStyle(
            name,
            fontName=self.fonts.bold if bold else self.fonts.regular,
            fontSize=size,
            textColor=HexColor(colour or self.text),
            alignment=TA_LEFT,
            **settings,  # type: ignore[arg-type]
        )
        made.language = self.language  # not a reportlab setting: its own hyphenation would break any word at a line's end
        made.fonts = self.fonts  # not reportlab's either: a bold fallback run is named in its bold (see CachedParagraph)
        made.floor = self.profile.small if floor is None else floor  # not reportlab's either: see CachedParagraph._floored
        return made

    def number_column(self, numbers: Sequence[str], size: float) -> float:
        """Width of the hanging column of step `numbers`: room for as many eights as the longest has digits, plus
        the gap reportlab keeps after a bullet."""
        return stringWidth("8" * max(map(len, numbers), default=1), self.fonts.bold, size) + 0.75 * size

    def numbers_end(self, numbers: Sequence[str], size: float, face: str | None = None) -> float | None:
        """How far from a column's edge its `numbers` (steps' in bold, by default; a list's "9." and "10.") end,
        its widest starting at the edge: each is set right-aligned there (a style's `bullet_end`: see
        Markup.bulleted), as a typesetter sets a numbered list, so that 9 and 10 end together. None for numbers
        all as long (1 to 9), which stay flush left, with the headings' edge: they have no units and tens to
        line up."""
        if len(set(map(len, numbers))) < 2:
            return None
        return max(string_width(number, face or self.fonts.bold, size, self.fonts) for number in numbers)


def job_theme(job: Job, profile: Profile) -> Theme:
    """The theme of a prepared job's sheets under `profile`."""
    return Theme(job.brand.model, profile, job.fonts, job.palette(profile), job.content.model.language, job.wording.words)
