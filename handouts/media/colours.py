"""WCAG contrast, and a brand's colours made safe to use for text (a palette per profile)."""

from __future__ import annotations

import colorsys
import math
import re
from dataclasses import dataclass

WHITE = "#FFFFFF"
NEAR_BLACK = "#1A1A1A"
CURLY_OPEN, CURLY_CLOSE = "\u201c\u2018\u201e", "\u201d\u2019\u201c"
GRAPHIC_CONTRAST = 3.0  # WCAG 2.1 (1.4.11): a mark that carries meaning stands out from what is around it
# The least contrast on white at which the safety box's accent bar and tint can be seen at all. Not
# GRAPHIC_CONTRAST: the box's words say what it is, so its bar only needs to be seen, and a clear amber like the
# example brand's #E9A23B (2.2:1) is plain to see. White or cream (#FFFDF5 is 1.02:1) vanish, yellow (#FFFF00,
# 1.07:1) nearly does, and gold (#FFD700, 1.4:1) is a faint bar on screen that fades further on many printers.
VISIBLE_CONTRAST = 1.5
HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def normalise(value: str) -> str:
    """'#1f6f78', '1f6f78' or '#1f7' as '#1F6F78'; ValueError for anything that is not a hex colour. Curly
    quotes around it (TextEdit's and Word's for '"': to YAML they are part of the value) are left out."""
    if isinstance(value, str) and value[:1] in CURLY_OPEN and value[-1:] in CURLY_CLOSE:
        value = value[1:-1]
    if isinstance(value, str) and not value.startswith("#") and HEX_COLOUR.match("#" + value.strip()):
        value = "#" + value.strip()  # the '#' left out (in YAML it must be quoted, else it starts a comment)
    if not HEX_COLOUR.match(value):
        raise ValueError(f"expected a colour like '#1F6F78', got {value!r}{instead(value, quoted=True)}")
    if len(value) == 4:
        value = "#" + "".join(c * 2 for c in value[1:])
    return value.upper()


# A colour as other tools write it, for the hex code they mean: a programmer's 0x14545C, a line of CSS copied
# with its ';', and the red, green and blue a design program shows ("20, 84, 92", "20 84 92")
PROGRAMMERS_HEX = re.compile(r"0[xX]([0-9a-fA-F]{6})")
THREE_NUMBERS = re.compile(r"\(?(\d{1,3})\s*[,;/ ]\s*(\d{1,3})\s*[,;/ ]\s*(\d{1,3})\)?")
PRINTERS = re.compile(r"(?i)\b(pantone|pms|cmyk|ral)\b")  # a printer's colour, with no one screen colour
PRINTERS_COLOUR = "a printer's colour (Pantone, CMYK, RAL) is not a screen colour: give its hex code, which the brand guide has"


def _as_css(value: str) -> str:
    """`value` as CSS would write the colour it means, where another tool wrote it (see PROGRAMMERS_HEX)."""
    value = value.strip().rstrip(";").strip()
    if found := PROGRAMMERS_HEX.fullmatch(value):
        return "#" + found.group(1)
    if (found := THREE_NUMBERS.fullmatch(value)) and all(int(part) <= 255 for part in found.groups()):
        return "rgb({}, {}, {})".format(*found.groups())
    return value


def instead(value: str, quoted: bool) -> str:
    """What to type for a colour that is no hex code, said after its error: the hex code of a colour named or
    written as CSS writes it (red, rgb(0, 128, 128)), or as another tool does (0x14545C, "#14545C;", "20, 84,
    92"), in the quotes YAML needs around a '#' if `quoted`; what a hex code is, for one with a character too
    few or too many (#12345); where to find one, for a printer's colour (Pantone 7474 C)."""
    from PIL import ImageColor

    try:
        red, green, blue, *alpha = ImageColor.getrgb(_as_css(value))
    except ValueError:
        if PRINTERS.search(value):
            return f": {PRINTERS_COLOUR}"
        return ": a hex code is '#' and 6 characters, each 0 to 9 or A to F" if value.strip().startswith("#") else ""
    seen = alpha[0] / 255 if alpha else 1.0  # a see-through colour (#14545C80) prints as it shows on white paper
    code = "#" + "".join(f"{round(c * seen + 255 * (1 - seen)):02X}" for c in (red, green, blue))
    paper = ", as it prints on white paper" if seen < 1 else ""
    return f': write its hex code, "{code}"{paper}' if quoted else f": its hex code is {code}{paper}"


def _rgb(colour: str) -> tuple[float, float, float]:
    value = colour.lstrip("#")
    return int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in rgb)


def luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a `#RRGGBB` colour."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio, from 1.0 to 21.0 (e.g. #777777 on white is 4.48)."""
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_on(background: str) -> str:
    """White or near-black, whichever reads better on `background`."""
    return max((WHITE, NEAR_BLACK), key=lambda c: contrast(c, background))


def darken_for_text(colour: str, background: str, target: float) -> str:
    """`colour` with its hue kept and its lightness lowered until it meets `target` on `background`."""
    if contrast(colour, background) >= target:
        return colour
    h, lightness, s = colorsys.rgb_to_hls(*_rgb(colour))
    while lightness > 0:
        lightness = max(0.0, lightness - 0.01)
        candidate = _hex(colorsys.hls_to_rgb(h, lightness, s))
        if contrast(candidate, background) >= target:
            return candidate
    return NEAR_BLACK


def lighten_for_text(colour: str, text: str, target: float) -> str:
    """`colour` with its hue kept and its lightness raised until `text` on it meets `target`."""
    if contrast(text, colour) >= target:
        return colour
    h, lightness, s = colorsys.rgb_to_hls(*_rgb(colour))
    while lightness < 1:
        lightness = min(1.0, lightness + 0.01)
        candidate = _hex(colorsys.hls_to_rgb(h, lightness, s))
        if contrast(text, candidate) >= target:
            return candidate
    return WHITE


def band_colour(primary: str, target: float) -> str:
    """The colour of the brand's band: its own where white or near-black text on it meets `target`; else, for a
    colour between (a mid grey, where neither reaches 4.5:1; far more colours at large print's 7:1), the nearer
    in lightness of its shade dark enough for white text and its shade light enough for near-black."""
    if contrast(text_on(primary), primary) >= target:
        return primary
    lightness = colorsys.rgb_to_hls(*_rgb(primary))[1]
    shades = (darken_for_text(primary, WHITE, target), lighten_for_text(primary, NEAR_BLACK, target))
    return min(shades, key=lambda shade: abs(colorsys.rgb_to_hls(*_rgb(shade))[1] - lightness))


def tint(colour: str, amount: float) -> str:
    """`colour` mixed with white: amount 0 is white, 1 is the colour itself."""
    return _hex(tuple(1 - amount * (1 - c) for c in _rgb(colour)))  # type: ignore[arg-type]


def grey(colour: str) -> str:
    """The grey of the same relative luminance: every contrast ratio stays as it was."""
    target = luminance(colour)
    value = target * 12.92 if target <= 0.0031308 else 1.055 * target ** (1 / 2.4) - 0.055
    level = math.floor(value * 255)  # rounded darker: text on white never loses contrast
    return f"#{level:02X}{level:02X}{level:02X}"


@dataclass(frozen=True)
class Palette:
    """A brand's colours for one contrast target: the band's own colour, the colours text is set in (darkened
    where too pale), and tints for boxes."""

    primary: str
    on_primary: str
    primary_text: str
    accent: str
    accent_tint: str
    primary_tint: str
    text: str
    primary_mark: str  # the brand colour as a filled mark on white paper (the acceptable levels of a scale)
    on_primary_mark: str
    # the brand colour as given (its grey in greyscale), which the band is set in unless its text needs another
    # shade: a light logo made for the brand's band is drawn on it there
    own: str = WHITE
    greyscale: bool = False
    notes: tuple[tuple[str, str], ...] = ()  # (colour, what was done to it) for each colour darkened for text


def _said(given: str, colour: str) -> str:
    """Brand colour `given` as a warning names it: the colour typed in brand.yaml, and its grey where the sheets
    print `colour` in its place (a clinic never typed the grey, and looked for it in brand.yaml)."""
    return given if given == colour else f"{given} (in greyscale {colour})"


def _readable(name: str, colour: str, background: str, target: float, given: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """`colour` (`given` in brand.yaml, or its grey) or a darker shade of it that meets `target` on `background`,
    and a note when darkened."""
    usable = darken_for_text(colour, background, target)
    if usable == colour:
        return usable, ()
    on = background if background == WHITE else f"{background} (the tint of its boxes)"
    note = (
        f"brand colour {name} {_said(given, colour)} has contrast {contrast(colour, background):.2f}:1 on {on}; "
        f"darkened to {usable} ({contrast(usable, background):.2f}:1) for text (target {target:.1f}:1)"
    )
    return usable, ((name, note),)


def palette(primary: str, accent: str | None, text: str, target: float, greyscale: bool = False) -> Palette:
    """The brand's colours made safe for text at contrast `target`; with `greyscale`, each colour becomes the
    grey of the same luminance (so every contrast ratio holds) for cheap black-and-white printing."""
    given = {"primary": primary, "text": text}
    if greyscale:
        primary, accent, text = grey(primary), grey(accent) if accent else None, grey(text)
    accent = accent or primary
    tints = (tint(accent, 0.18), tint(primary, 0.1))
    # Text is set on white and in the boxes' tints: it meets the target on the darkest of them.
    behind = min((WHITE, *tints), key=luminance)
    primary_text, primary_note = _readable("primary", primary, behind, target, given["primary"])
    text, text_note = _readable("text", text, behind, target, given["text"])
    # A filled mark that means something: the brand colour where it stands out from the paper, else its text
    # shade (a pale brand's acceptable levels were near-white boxes among white ones).
    mark = primary if contrast(primary, WHITE) >= GRAPHIC_CONTRAST else primary_text
    if contrast(text_on(mark), mark) < target:  # a mid tone: the numbers in its marks are text too
        mark = darken_for_text(mark, WHITE, target)
    band = band_colour(primary, target)
    band_note: tuple[tuple[str, str], ...] = ()
    if band != primary:  # the band's text (the clinic's name, the poster's title) is text too
        before, after = contrast(text_on(primary), primary), contrast(text_on(band), band)
        note = f"the band's text has contrast {before:.2f}:1 on brand colour primary {_said(given['primary'], primary)}; "
        band_note = (("primary", note + f"the band set in {band}, where its text has {after:.2f}:1 (target {target:.1f}:1)"),)
    return Palette(
        primary=band,
        on_primary=text_on(band),
        primary_text=primary_text,
        accent=accent,
        accent_tint=tints[0],
        primary_tint=tints[1],
        text=text,
        primary_mark=mark,
        on_primary_mark=text_on(mark),
        own=primary,
        greyscale=greyscale,
        notes=primary_note + band_note + text_note,
    )
