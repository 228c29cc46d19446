"""Theme = the brand's look + a variant profile (standard or large print).

All typographic numbers live in the profiles; templates never set sizes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from handouts.colours import WHITE, contrast, darken_for_text, text_on, tint
from handouts.fonts import Fonts
from handouts.models import Brand

log = logging.getLogger("handouts")


@dataclass(frozen=True)
class Profile:
    """The numbers of one variant. Sizes in points, margins in millimetres."""

    name: str
    body: float
    small: float
    leading: float
    title: float
    subtitle: float
    heading: float
    step_title: float
    step_number: float
    margin: float
    upright: bool
    min_contrast: float


STANDARD = Profile(
    name="standard",
    body=12,
    small=10,
    leading=1.35,
    title=26,
    subtitle=15,
    heading=16,
    step_title=13,
    step_number=20,
    margin=15,
    upright=False,
    min_contrast=4.5,
)


@dataclass(frozen=True)
class Theme:
    brand: Brand
    profile: Profile
    fonts: Fonts
    primary: str = ""
    on_primary: str = ""
    primary_text: str = ""
    accent: str = ""
    accent_tint: str = ""
    text: str = ""
    styles: dict[str, ParagraphStyle] = field(default_factory=dict)

    @property
    def margin(self) -> float:
        return self.profile.margin * mm


def _readable(name: str, colour: str, background: str, target: float) -> str:
    usable = darken_for_text(colour, background, target)
    if usable != colour:
        log.warning(
            "brand colour %s %s has contrast %.2f:1 on %s; darkened to %s (%.2f:1) for text",
            name,
            colour,
            contrast(colour, background),
            background,
            usable,
            contrast(usable, background),
        )
    return usable


def make_theme(brand: Brand, profile: Profile, fonts: Fonts) -> Theme:
    colours = brand.colors
    target = profile.min_contrast
    accent = colours.accent or colours.primary
    text = _readable("text", colours.text, WHITE, target)
    primary_text = _readable("primary", colours.primary, WHITE, target)
    body, small, lead = profile.body, profile.small, profile.leading
    indent = profile.step_number * 1.6  # the hanging step number's column

    def style(name: str, size: float, *, bold: bool = False, colour: str = text, **extra: object) -> ParagraphStyle:
        settings: dict[str, object] = {
            "leading": round(size * lead, 2),
            "bulletFontName": fonts.regular,
            "bulletFontSize": size,
            **extra,
        }
        return ParagraphStyle(
            name,
            fontName=fonts.bold if bold else fonts.regular,
            fontSize=size,
            textColor=HexColor(colour),
            alignment=TA_LEFT,
            **settings,  # type: ignore[arg-type]
        )

    styles = {
        "title": style("title", profile.title, bold=True, colour=primary_text, leading=profile.title * 1.2, spaceAfter=4),
        "subtitle": style("subtitle", profile.subtitle, spaceAfter=10),
        "lead": style("lead", body * 1.1, spaceAfter=8),
        "body": style("body", body, spaceAfter=body * 0.6),
        "bullet": style("bullet", body, leftIndent=body * 1.4, bulletIndent=body * 0.3, spaceAfter=body * 0.3),
        "heading": style(
            "heading",
            profile.heading,
            bold=True,
            colour=primary_text,
            spaceBefore=profile.heading * 0.8,
            spaceAfter=profile.heading * 0.35,
            keepWithNext=1,
        ),
        "callout-title": style("callout-title", profile.step_title, bold=True, spaceAfter=4),
        "prepared": style("prepared", body, spaceAfter=10),
        "step-title": style(
            "step-title",
            profile.step_title,
            bold=True,
            spaceAfter=2,
            leftIndent=indent,
            bulletFontName=fonts.bold,
            bulletFontSize=profile.step_number,
            bulletColor=HexColor(primary_text),
            spaceBefore=profile.step_number - profile.step_title,
        ),
        "step-text": style("step-text", body, leftIndent=indent),
        "repeat": style("repeat", body, bold=True, colour=primary_text, spaceBefore=3, leftIndent=indent),
        "finish": style("finish", profile.step_title, bold=True, colour=primary_text, spaceBefore=6, spaceAfter=6),
        "reference": style("reference", small, leftIndent=small * 1.5, firstLineIndent=-small * 1.5, spaceAfter=small * 0.5),
        "footer": style("footer", small),
        "band-name": style(
            "band-name", profile.heading * 1.25, bold=True, colour=text_on(colours.primary), leading=profile.heading * 1.5
        ),
        "band-tagline": style("band-tagline", small * 1.1, colour=text_on(colours.primary)),
    }
    return Theme(
        brand=brand,
        profile=profile,
        fonts=fonts,
        primary=colours.primary,
        on_primary=text_on(colours.primary),
        primary_text=primary_text,
        accent=accent,
        accent_tint=tint(accent, 0.18),
        text=text,
        styles=styles,
    )
