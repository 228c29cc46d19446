"""Theme = the brand's colours (a palette made safe for text) + a variant profile + the fonts, and the
paragraph styles of both documents made from them.

All typographic numbers live in the profiles (:mod:`handouts.profiles`); templates never set sizes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from handouts.input.models import Brand
from handouts.job import Job
from handouts.media.colours import Palette
from handouts.media.fonts import Fonts
from handouts.profiles import LARGE_PRINT, PROFILES, STANDARD, Profile

__all__ = ["LARGE_PRINT", "PROFILES", "STANDARD", "Profile", "Theme"]


@dataclass(frozen=True)
class Theme:
    """Colours made safe for text, the registered fonts, and a style factory."""

    brand: Brand
    profile: Profile
    fonts: Fonts
    palette: Palette

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

    def style(self, name: str, size: float, *, bold: bool = False, colour: str | None = None, **extra: object) -> ParagraphStyle:
        """A left-aligned paragraph style in the brand's face, with the profile's leading."""
        settings: dict[str, object] = {
            "leading": round(size * self.profile.leading, 2),
            "bulletFontName": self.fonts.regular,
            "bulletFontSize": size,
            "allowWidows": 0,  # a paragraph split across pages leaves two lines or more on each (no orphans is the default)
            **extra,
        }
        return ParagraphStyle(
            name,
            fontName=self.fonts.bold if bold else self.fonts.regular,
            fontSize=size,
            textColor=HexColor(colour or self.text),
            alignment=TA_LEFT,
            **settings,  # type: ignore[arg-type]
        )

    def number_column(self, widest_number: str, size: float) -> float:
        """Width of the hanging step-number column: the widest number plus the gap reportlab keeps after a bullet."""
        return stringWidth(widest_number, self.fonts.bold, size) + 0.75 * size

    def handout_styles(self, widest_number: str = "8") -> dict[str, ParagraphStyle]:
        p, style = self.profile, self.style
        body, small = p.body, p.small
        indent = max(p.step_number * 1.6, self.number_column(widest_number, p.step_number))
        return {
            "title": style(
                "title", p.title, bold=True, colour=self.primary_text, leading=p.title * p.heading_leading, spaceAfter=4
            ),
            "subtitle": style("subtitle", p.subtitle, spaceAfter=10),
            "lead": style("lead", body * 1.1, spaceAfter=8),
            "body": style("body", body, spaceAfter=body * 0.6),
            "bullet": style("bullet", body, leftIndent=body * 1.4, bulletIndent=body * 0.3, spaceAfter=body * 0.3),
            "heading": style(
                "heading",
                p.heading,
                bold=True,
                colour=self.primary_text,
                leading=p.heading * p.heading_leading,
                spaceBefore=p.heading * 0.8,
                spaceAfter=p.heading * 0.35,
            ),
            "subheading": style("subheading", p.step_title, bold=True, spaceBefore=6, spaceAfter=3),
            "callout-title": style("callout-title", p.step_title, bold=True, spaceAfter=4),
            "prepared": style("prepared", body, spaceAfter=10),
            "step-title": style(
                "step-title",
                p.step_title,
                bold=True,
                spaceAfter=2,
                leftIndent=indent,
                bulletFontName=self.fonts.bold,
                bulletFontSize=p.step_number,
                bulletColor=HexColor(self.primary_text),
                spaceBefore=p.step_number - p.step_title,
            ),
            "step-text": style("step-text", body, leftIndent=indent),
            "repeat": style("repeat", body, bold=True, colour=self.primary_text, spaceBefore=3, leftIndent=indent),
            "finish": style("finish", p.step_title, bold=True, colour=self.primary_text, spaceBefore=6, spaceAfter=6),
            "reference": style("reference", small, leftIndent=small * 1.5, firstLineIndent=-small * 1.5, spaceAfter=small * 0.5),
            "footer": style("footer", small),
            "small": style("small", small, spaceAfter=small * 0.3),
            "schedule": style("schedule", body, bold=True, colour=self.primary_text, spaceAfter=body * 0.6),
            "contact": style("contact", body, spaceAfter=2),
            "band-name": style(
                "band-name", p.heading * 1.25, bold=True, colour=self.on_primary, leading=p.heading * 1.25 * p.heading_leading
            ),
            "band-tagline": style("band-tagline", small * 1.1, colour=self.on_primary),
        }

    def poster_styles(self, size: float, widest_number: str = "8", scale: float = 1.0) -> dict[str, ParagraphStyle]:
        """Poster styles for step text at `size` points on paper `scale` times A4; nothing goes below the
        profile's poster_small, and everything but the steps grows with the paper."""
        p = self.profile
        lead = p.poster_leading

        def style(name: str, size: float, **extra: Any) -> ParagraphStyle:
            return self.style(name, size, **{"leading": round(size * lead, 2), **extra})

        small = p.poster_small * scale
        number = size * 1.45
        indent = self.number_column(widest_number, number)
        safety = max(small, min(size * 0.85, 22 * scale))
        return {
            "cue": style(
                "cue",
                size,
                bold=True,
                leftIndent=indent,
                bulletFontName=self.fonts.bold,
                bulletFontSize=number,
                bulletColor=HexColor(self.primary_text),
                leading=size * max(lead, 1.3),
            ),
            "repeat": style("repeat", max(small, size * 0.78), colour=self.primary_text, leftIndent=indent, spaceBefore=2),
            "safety": style("safety", safety, leading=safety * max(1.35, lead)),
            "band-title": style(
                "band-title",
                max(small * 1.3, 26 * scale),
                bold=True,
                colour=self.on_primary,
                leading=max(small * 1.3, 26 * scale) * p.heading_leading,
            ),
            "band-name": style(
                "band-name", max(small, 14 * scale), colour=self.on_primary, leading=max(small, 14 * scale) * max(1.3, lead)
            ),
            "contact": style("contact", max(small, 15 * scale), bold=True),
            "caption": style("caption", small, leading=small * max(1.3, lead)),
            "tracker": style("tracker", small, bold=True),
            "sources": style("sources", small, leading=small * max(1.3, lead)),
        }


def job_theme(job: Job, profile: Profile) -> Theme:
    """The theme of a prepared job's sheets under `profile`."""
    return Theme(job.brand.model, profile, job.fonts, job.palette(profile))
