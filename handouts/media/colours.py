"""WCAG contrast, and brand colours made safe to use for text."""

from __future__ import annotations

import colorsys
import math
import re

WHITE = "#FFFFFF"
NEAR_BLACK = "#1A1A1A"
HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def normalise(value: str) -> str:
    """'#1f6f78', '1f6f78' or '#1f7' as '#1F6F78'; ValueError for anything that is not a hex colour."""
    if isinstance(value, str) and not value.startswith("#") and HEX_COLOUR.match("#" + value.strip()):
        value = "#" + value.strip()  # the '#' left out (in YAML it must be quoted, else it starts a comment)
    if not HEX_COLOUR.match(value):
        raise ValueError(f"expected a colour like '#1F6F78', got {value!r}")
    if len(value) == 4:
        value = "#" + "".join(c * 2 for c in value[1:])
    return value.upper()


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


def tint(colour: str, amount: float) -> str:
    """`colour` mixed with white: amount 0 is white, 1 is the colour itself."""
    return _hex(tuple(1 - amount * (1 - c) for c in _rgb(colour)))  # type: ignore[arg-type]


def grey(colour: str) -> str:
    """The grey of the same relative luminance: every contrast ratio stays as it was."""
    target = luminance(colour)
    value = target * 12.92 if target <= 0.0031308 else 1.055 * target ** (1 / 2.4) - 0.055
    level = math.floor(value * 255)  # rounded darker: text on white never loses contrast
    return f"#{level:02X}{level:02X}{level:02X}"
