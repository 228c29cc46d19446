"""A drawing's text that would print smaller than the sheet's smallest text, drawn as its letters' outlines.

A logo's strapline or a small label in a step drawing is scaled with its drawing: a 300-pixel-wide wordmark's
16-pixel strapline printed at 7 pt on the handout's band and at 5 pt on the large-print poster, as text, below
the 12 pt (18 pt large print) that every letter of the sheet's text is set at or above. Such letters are part of
the picture, not text set for reading (a screen reader reads the picture's alternative text): they are drawn as
the shapes of the same letters of the same font, where they look as they did. Text the drawing prints at the
floor or larger stays text. fontTools is imported only when a drawing has such text.

The renderer that does it is the one every drawing is drawn with: it also gives a drawing's colours as their greys
on a sheet made with --greyscale, and draws a picture placed in a drawing with its transparency.
"""

from __future__ import annotations

import functools
import io
from typing import TYPE_CHECKING, Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

TURNED = 1e-9  # a transformation's shear or turn below this is rounding's, none
Command = tuple[str, tuple[float, ...]]  # a path's step in font units: "m", "l", "c" (its points) or "h"


@functools.lru_cache(maxsize=16)
def _font(name: str) -> tuple[Any, dict[int, str], int]:
    """The glyphs, character map and units per em of the font reportlab registered as `name`, read from the
    bytes reportlab read it from (a collection's first font, as reportlab embeds)."""
    from fontTools.ttLib import TTFont

    data = pdfmetrics.getFont(name).face._ttf_data
    font = TTFont(io.BytesIO(data), fontNumber=0 if data[:4] == b"ttcf" else -1, lazy=True)
    return font.getGlyphSet(), font.getBestCmap(), font["head"].unitsPerEm


@functools.lru_cache(maxsize=4096)
def _outline(name: str, ch: str) -> tuple[Command, ...]:
    """The outline of `ch` in the font registered as `name`, in font units; none for a character it lacks (the
    glyph check refused any a drawing's text has)."""
    from fontTools.pens.basePen import BasePen

    glyphs, cmap, _ = _font(name)
    glyph = cmap.get(ord(ch))
    if glyph is None or glyph not in glyphs:
        return ()
    commands: list[Command] = []

    class Recorder(BasePen):  # quadratic curves become cubic ones (BasePen), components their glyphs' outlines
        def _moveTo(self, pt: tuple[float, float]) -> None:  # noqa: N802 (fontTools' names)
            commands.append(("m", pt))

        def _lineTo(self, pt: tuple[float, float]) -> None:  # noqa: N802
            commands.append(("l", pt))

        def _curveToOne(self, pt1: tuple[float, float], pt2: tuple[float, float], pt3: tuple[float, float]) -> None:  # noqa: N802
            commands.append(("c", (*pt1, *pt2, *pt3)))

        def _closePath(self) -> None:  # noqa: N802
            commands.append(("h", ()))

    glyphs[glyph].draw(Recorder(glyphs))
    return tuple(commands)


def printed_size(canvas: Canvas, size: float) -> float:
    """The size text of `size` has on the page where `canvas` draws now, as a PDF reader measures a letter: its
    height, the transformation's vertical scale. 0 for text turned, slanted or mirrored: a reader measures such a
    letter's box, smaller or larger than its size by its angle and width (11.7 pt read for 12.5 pt under a slant),
    so it is drawn as outlines wherever there is a floor."""
    a, b, c, d, _, _ = canvas._currentMatrix
    if abs(b) > TURNED or abs(c) > TURNED or a <= 0 or d <= 0:
        return 0.0
    return size * d


def draw_outlines(canvas: Canvas, x: float, y: float, text: str, name: str, size: float, fill: bool, stroke: bool) -> None:
    """`text` drawn from (x, y) as the outlines of its letters in the font registered as `name` at `size`, each
    letter where reportlab would set it (its advance width, as reportlab measures it)."""
    _, _, units = _font(name)
    scale = size / units
    path = canvas.beginPath()
    for ch in text:
        for kind, points in _outline(name, ch):
            # to a hundredth of a point (a 7,200th of an inch): reportlab wrote seven digits of each
            placed = [round((x if i % 2 == 0 else y) + value * scale, 2) for i, value in enumerate(points)]
            if kind == "m":
                path.moveTo(*placed)
            elif kind == "l":
                path.lineTo(*placed)
            elif kind == "c":
                path.curveTo(*placed)
            else:
                path.close()
        x += stringWidth(ch, name, size)
    canvas.drawPath(path, stroke=int(stroke), fill=int(fill), fillMode=1)  # nonzero winding, as TrueType fills


def renderer(floor: float, greyscale: bool = False) -> Any:
    """reportlab's PDF renderer of drawings, drawing text that would print under `floor` points as outlines; in
    `greyscale`, every colour as its grey (see toned)."""
    return _renderer_class()(floor, greyscale)


@functools.cache
def _renderer_class() -> type:
    """The renderer's class, made once (reportlab's graphics are imported only where a drawing is drawn)."""
    from reportlab.graphics.renderPDF import _PDFRenderer

    class Renderer(_PDFRenderer):  # type: ignore[misc,valid-type]
        def __init__(self, floor: float, greyscale: bool) -> None:
            super().__init__()
            self.floor, self.greyscale = floor, greyscale

        def setFillColor(self, c: Any) -> None:  # noqa: N802 (reportlab's names)
            super().setFillColor(toned(c) if self.greyscale else c)

        def setStrokeColor(self, c: Any) -> None:  # noqa: N802
            super().setStrokeColor(toned(c) if self.greyscale else c)

        def drawNodeDispatcher(self, node: Any) -> None:  # noqa: N802
            # A gradient (svglib's) paints with its own colours, straight on the canvas: it printed red to blue on a
            # sheet made with --greyscale
            colours = getattr(node, "_rl_colors", None)
            if not (self.greyscale and colours):
                super().drawNodeDispatcher(node)
                return
            node._rl_colors = [toned(colour) for colour in colours]
            try:
                super().drawNodeDispatcher(node)
            finally:
                node._rl_colors = colours

        def drawImage(self, image: Any) -> None:  # noqa: N802
            from handouts.media.images import in_grey, transparent

            picture = image.path
            if not hasattr(picture, "mode"):  # not a picture the drawing placed, decoded (see images)
                super().drawImage(image)
                return
            picture = in_grey(picture) if self.greyscale else picture
            if transparent(picture):
                # drawn with its transparency, as a browser draws it: reportlab's inline picture has none, and
                # printed a transparent PNG's clear parts black, over the drawing's shapes under it too
                from reportlab.lib.utils import ImageReader

                reader = ImageReader(picture.convert("RGBA"))
                self._canvas.drawImage(reader, image.x, image.y, image.width, image.height, mask="auto")
                return
            self._canvas.drawInlineImage(picture, image.x, image.y, image.width, image.height)

        def drawString(self, stringObj: Any) -> None:  # noqa: N802, N803 (reportlab's names)
            state = self._tracker.getState()
            name, size = state["fontName"], state["fontSize"]
            if printed_size(self._canvas, size) >= self.floor:
                super().drawString(stringObj)
                return
            mode = getattr(stringObj, "textRenderMode", 0)
            fill, stroke = self._fill and mode in (0, 2, 4, 6), self._stroke and mode in (1, 2, 5, 6)
            if not (fill or stroke):
                return
            x, width = stringObj.x, stringWidth(stringObj.text, name, size)
            anchor = state["textAnchor"]
            x -= width if anchor == "end" else width / 2 if anchor == "middle" else 0
            draw_outlines(self._canvas, x, stringObj.y, stringObj.text, name, size, fill, stroke)

    return Renderer


def toned(colour: Any) -> Any:
    """A drawing's colour (as reportlab takes one) as the grey of the same luminance, its opacity kept: a step
    drawing's teal arrows printed teal on a sheet made with --greyscale for the clinic's photocopier."""
    from reportlab.lib.colors import Color, HexColor, toColor

    from handouts.media.colours import grey

    made = toColor(colour)
    level = HexColor(grey("#" + "".join(f"{round(channel * 255):02X}" for channel in made.rgb())))
    return Color(level.red, level.green, level.blue, alpha=made.alpha)
