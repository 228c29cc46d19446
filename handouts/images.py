"""Pictures (logos and step pictures; PNG, JPEG or SVG) made ready for print.

Raster pictures are turned upright by their EXIF orientation, downscaled to 300 dpi at the size they are
printed, and encoded as JPEG when they are photos or kept lossless when they are line art (few colours or
transparency). SVG goes through svglib and stays vector. Everything is cached per process.
"""

from __future__ import annotations

import functools
import io
import logging
import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

DPI = 300
RASTER = (".png", ".jpg", ".jpeg")
VECTOR = (".svg",)
LINE_ART_COLOURS = 256
JPEG_QUALITY = 85


def _svg(path: Path) -> Drawing | None:
    return _parsed_svg(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _parsed_svg(path: Path, mtime: int) -> Drawing | None:
    """svglib's drawing of `path` (cached: a poster's fit search places each picture many times)."""
    from svglib.svglib import svg2rlg

    logging.getLogger("svglib").setLevel(logging.CRITICAL)  # its parse errors become our one-line message
    try:
        return svg2rlg(str(path))
    except Exception:  # svglib raises whatever lxml or its CSS parser raises on a broken file
        return None


def problem_with(base: Path, name: str) -> str | None:
    """Why the picture `name` (relative to `base`) cannot be used, or None when it can."""
    if "://" in name:
        return f"{name!r} is a web address; handouts never uses the network, so give a file path"
    file = base / name
    if not file.exists():
        return f"file not found: {file}"
    if not file.is_file():
        return f"{file.name} is a folder, not an image"
    suffix = file.suffix.lower()
    if suffix in VECTOR:
        drawing = _svg(file)
        if drawing is None or not (drawing.width > 0 and drawing.height > 0):
            return f"{file.name} is not a readable SVG drawing (or it has no width and height)"
        return None
    if suffix not in RASTER:
        return f"{file.name}: expected a PNG, JPEG or SVG picture"
    return _raster_problem(file, file.stat().st_mtime_ns)


@functools.lru_cache(maxsize=256)
def _raster_problem(file: Path, mtime: int) -> str | None:
    """Cached: reading a whole photo to verify it is slow, and layouts ask again for every size they try."""
    try:
        with Image.open(file) as image:
            image.verify()
    except Image.DecompressionBombError:
        return f"{file.name} has too many pixels (over {Image.MAX_IMAGE_PIXELS * 2:,}); save it smaller"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return f"{file.name} is not a readable PNG or JPEG image"
    return None


@dataclass(frozen=True)
class Picture:
    """A picture's drawable form and its proportions."""

    path: Path
    width: float  # natural size, in any unit: only the ratio matters
    height: float
    vector: Drawing | None = None

    @property
    def aspect(self) -> float:
        return self.width / self.height if self.height else 1.0

    def fit(self, width: float, height: float) -> tuple[float, float]:
        """The largest size with this picture's proportions inside width x height."""
        scale = min(width / self.width, height / self.height)
        return self.width * scale, self.height * scale


@functools.lru_cache(maxsize=64)
def load(path: Path) -> Picture:
    """`path` as a Picture (validated beforehand by problem_with)."""
    if path.suffix.lower() in VECTOR:
        drawing = _svg(path)
        assert drawing is not None
        return Picture(path, drawing.width, drawing.height, drawing)
    with Image.open(path) as image:
        width, height = ImageOps.exif_transpose(image).size if _rotated(image) else image.size
    return Picture(path, width, height)


def _rotated(image: Image.Image) -> bool:
    return image.getexif().get(0x0112, 1) in (5, 6, 7, 8)  # EXIF orientations that swap width and height


@functools.lru_cache(maxsize=128)
def _print_ready(path: Path, pixels_wide: int, flatten: bool, greyscale: bool) -> ImageReader:
    with Image.open(path) as original:
        original.draft("RGB", (pixels_wide, pixels_wide * 4))  # JPEG: decode at a reduced size, much faster
        image = ImageOps.exif_transpose(original)
        if image.width > pixels_wide:
            image.thumbnail((pixels_wide, pixels_wide * 100), Image.Resampling.LANCZOS, reducing_gap=3.0)
        has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        image = image.convert("RGBA") if has_alpha else image.convert("RGB")
    if has_alpha and flatten:  # transparent areas print as white paper
        ground = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(ground, image).convert("RGB")
        has_alpha = False
    if greyscale:
        image = image.convert("LA" if has_alpha else "L")
    few_colours = image.getcolors(LINE_ART_COLOURS) is not None
    if has_alpha or few_colours:
        return ImageReader(image)  # line art: lossless
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    buffer.seek(0)
    return ImageReader(buffer)  # a photo: embedded as JPEG


def draw(
    canvas: Canvas,
    picture: Picture,
    x: float,
    y: float,
    width: float,
    height: float,
    *,
    flatten: bool = True,
    greyscale: bool = False,
) -> None:
    """Draw `picture` into the box at (x, y), keeping its proportions, anchored bottom left."""
    w, h = picture.fit(width, height)
    if picture.vector is not None:
        canvas.saveState()
        canvas.translate(x, y)
        canvas.scale(w / picture.width, h / picture.height)
        renderPDF.draw(picture.vector, canvas, 0, 0)
        canvas.restoreState()
        return
    pixels = max(1, math.ceil(w / 72 * DPI))
    canvas.drawImage(_print_ready(picture.path, pixels, flatten, greyscale), x, y, w, h, mask="auto")


class PictureFlowable(Flowable):
    """A picture at a given width (and at most a given height), keeping its proportions."""

    def __init__(self, picture: Picture, width: float, max_height: float, greyscale: bool = False, indent: float = 0) -> None:
        super().__init__()
        self.picture, self.greyscale, self.indent = picture, greyscale, indent
        self.picture_width, self.height = picture.fit(width, max_height)
        self.width = indent + self.picture_width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        return self.width, self.height

    def draw(self) -> None:
        draw(self.canv, self.picture, self.indent, 0, self.picture_width, self.height, greyscale=self.greyscale)
