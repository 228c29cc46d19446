"""Theme = the brand's look + a variant profile (standard or large print).

All typographic numbers live in the profiles; templates never set sizes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from handouts.input.models import Brand
from handouts.media.colours import WHITE, contrast, darken_for_text, grey, text_on, tint
from handouts.media.fonts import Fonts

UNSLANTED = re.compile(r"</?[iu]>")


@dataclass(frozen=True)
class Profile:
    """The numbers of one variant. Sizes in points, margins in millimetres."""

    name: str
    body: float  # handout body text
    small: float  # the smallest text anywhere on the handout (footer, references)
    leading: float  # line height as a multiple of the font size
    title: float
    subtitle: float
    heading: float
    step_title: float
    step_number: float
    margin: float
    upright: bool  # no italics or underlines: <i> and <u> are printed in the regular style
    min_contrast: float
    poster_floor: float  # smallest step text on the poster
    poster_small: float  # the smallest text anywhere on the poster
    poster_margin: float
    poster_leading: float  # the poster's line height (a poster is read in short lines, from afar)
    heading_leading: float  # line height of titles and headings
    full_footer: bool  # every contact detail and the disclaimer in the footer (else: name, phone, page)
    picture_above: bool  # step pictures above the text at full width (else beside it)


# Standard: RNIB Clear Print's recommended 14 pt body (readers of these sheets are mostly older), 1.4 leading,
# and margins that keep a line to about 65-75 characters (RNIB: 60-70).
STANDARD = Profile(
    name="standard",
    body=14,
    small=10,
    leading=1.4,
    title=28,
    subtitle=17,
    heading=18,
    step_title=15,
    step_number=22,
    margin=22,
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

# Large print: APH's 18 pt floor everywhere, RNIB's 1.5 leading, no italics, WCAG AAA contrast.
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


@dataclass(frozen=True)
class Theme:
    """Colours made safe for text, the registered fonts, and a style factory."""

    brand: Brand
    profile: Profile
    fonts: Fonts
    primary: str
    on_primary: str
    primary_text: str
    accent: str
    accent_tint: str
    primary_tint: str
    text: str
    greyscale: bool = False
    notes: tuple[tuple[str, str], ...] = ()  # (colour, what was done to it) for each colour darkened for text

    @property
    def margin(self) -> float:
        return self.profile.margin * mm

    def restyle(self, markup: str) -> str:
        """Inline markup as this profile prints it: large print sets italics and underlines in the regular
        style (bold stays for real emphasis: a reference's title or "et al." would shout in it)."""
        if not self.profile.upright:
            return markup
        return UNSLANTED.sub("", markup)

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


def _readable(name: str, colour: str, background: str, target: float) -> tuple[str, tuple[tuple[str, str], ...]]:
    """`colour` or a darker shade of it that meets `target` on `background`, and a note when darkened."""
    usable = darken_for_text(colour, background, target)
    if usable == colour:
        return usable, ()
    note = (
        f"brand colour {name} {colour} has contrast {contrast(colour, background):.2f}:1 on {background}; "
        f"darkened to {usable} ({contrast(usable, background):.2f}:1) for text (target {target:.1f}:1)"
    )
    return usable, ((name, note),)


def make_theme(brand: Brand, profile: Profile, fonts: Fonts, greyscale: bool = False) -> Theme:
    """The brand's colours made safe for text under `profile`; with `greyscale`, each colour becomes the grey
    of the same luminance (so every contrast ratio holds) for cheap black-and-white printing."""
    colours = brand.colors
    if greyscale:
        colours = colours.model_copy(
            update={
                "primary": grey(colours.primary),
                "accent": grey(colours.accent) if colours.accent else None,
                "text": grey(colours.text),
            }
        )
    accent = colours.accent or colours.primary
    primary_text, primary_note = _readable("primary", colours.primary, WHITE, profile.min_contrast)
    text, text_note = _readable("text", colours.text, WHITE, profile.min_contrast)
    return Theme(
        brand=brand,
        profile=profile,
        fonts=fonts,
        primary=colours.primary,
        on_primary=text_on(colours.primary),
        primary_text=primary_text,
        accent=accent,
        accent_tint=tint(accent, 0.18),
        primary_tint=tint(colours.primary, 0.1),
        text=text,
        greyscale=greyscale,
        notes=primary_note + text_note,
    )
