"""Pictures (logos and step pictures; PNG, JPEG, HEIC or SVG) made ready for print.

Every picture may come from the internet, so it is checked once, when it is loaded, by what it contains
(never by its name): a regular file inside the folder of the file that names it, within the size limit,
and a PNG, JPEG or HEIC (what iPhones save, read by pillow-heif) that decodes completely, or an SVG
drawing (saved compressed, `.svgz`, or in UTF-16 too; in UTF-8 unless it names another encoding). An SVG
may refer to other files only inside that same folder; any other reference is left out with a warning, and
pictures embedded as `data:` URIs work. Pillow's and svglib's complaints become our warnings, naming the
picture, and so does what svglib leaves out without a word (pattern fills, masks, HTML).

Raster pictures are turned upright by their EXIF orientation, brought to 8-bit tones (16-bit and palette
images included), downscaled to 300 dpi at the size they are printed, and encoded as JPEG when they are
photos or kept lossless when they are line art (few colours or transparency). SVG stays vector, cut off at
its own edges as a browser cuts it, the pictures it places downscaled to 300 dpi at the size it prints them.
Everything is cached per process, pictures' pixels within a budget of bytes (see PICTURE_BYTES).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import copy
import functools
import io
import logging
import math
import os
import re
import struct
import unicodedata
import warnings
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError
from reportlab import rl_config
from reportlab.lib.utils import ImageReader, _digester
from reportlab.pdfbase.pdfdoc import PDFImageXObject, PDFObjectReference
from reportlab.pdfgen.canvas import Canvas

from handouts.deadline import time_budget
from handouts.input.files import (
    LIMITS,
    OUTSIDE,
    WEB_PAGE,
    MiB,
    UnreadableFileError,
    check_regular,
    file_stamp,
    inside,
    on_a_drive,
    read_bytes,
)
from handouts.media import printed
from handouts.media.budget import ByteBudget
from handouts.media.fonts import Fonts, load_fonts
from handouts.words.i18n import primary
from handouts.words.ink import undrawn

if TYPE_CHECKING:  # reportlab's graphics (and svglib) are imported when a drawing is loaded, not before
    from PIL import ImageCms  # and Pillow's colour management when a picture carries a colour profile
    from reportlab.graphics.shapes import Drawing, String

DPI = 300
LINE_ART_COLOURS = 256
JPEG_QUALITY = 85
MAX_SIDE = 3000  # pixels kept of a picture a drawing places: 300 dpi across 10 inches
# The largest box a logo or step picture is shown in, in pixels: in print a step's picture spans at most the page and a
# fifth of its height (large print), a poster's a square of a few lines of its cue; on A3 at DPI a quarter of the page
# tall covers both. The web copy shows one at most 1200 pixels wide. A picture is kept at the larger of its fits in
# these (a photo of 3:2 at 1860 x 1240, a square one at 1240 x 1240), not at the 5000 pixels of its file.
PRINT_BOX = (round(297 / 25.4 * DPI), round(420 / 4 / 25.4 * DPI))
WEB_BOX = (1200, 4800)
MAX_PIXELS = 60_000_000  # pixels decoded at most (a JPEG's at the reduced size it is decoded at): more is refused
# Bytes of decoded pictures kept in memory (each at most what PRINT_BOX and WEB_BOX need), and of pictures made
# ready at their printed sizes: a routine of forty pictures of 5000 x 5000 pixels kept 3000 x 3000 of each, 1.8 GB.
# A picture that is no longer kept is decoded again from its file when it is drawn.
PICTURE_BYTES = 256 * MiB
PRINTED_BYTES = 128 * MiB
# Pixels an SVG may place in all, each copy counted: svglib decodes each copy, and each is drawn into every PDF
# at full size (six copies of a 3000 x 3000 picture took 98 s and 80 MB a PDF); one photo of 12 megapixels fits.
PLACED_PIXELS = 12_000_000
FORMATS = ("PNG", "JPEG", "HEIF")
# What to do with an iPhone photo that cannot be read.
HEIC_INSTEAD = "export it from Photos as JPEG (or set the iPhone's Settings > Camera > Formats to Most Compatible)"
# The brands an ISO base media file names in its `ftyp` box when it holds a HEIC/HEIF picture.
HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")
SVG_ELEMENTS = 20_000  # elements a drawing may draw: line art has a few thousand; 200,000 took a minute and 1.3 GB
PATH_CHARACTERS = 40  # of a path's data, counted as one shape: about eight lines or four curves
SVG_SIDES = (1e-2, 1e6)  # a drawing's width and height, in its own units: smaller or larger is a broken number
# What a drawing's file may hold, read before anything walks it: its elements, drawn or not (2,500,000 empty
# ones in its metadata took 24 s to walk), the attributes of one element (lxml reads them in a time that grows
# as their square: 200,000 on one rectangle ran for minutes) and the text of its style sheets (svglib compiles
# each rule: 200,000 rules took 25 s). A drawing an editor saves has a few dozen attributes to an element and a
# style sheet of a few kB.
SVG_NODES = 100_000
SVG_ATTRIBUTES = 1_000
SVG_STYLE_CHARACTERS = 256 * 1024
# Seconds svglib may take to draw one drawing: the largest it may draw (SVG_ELEMENTS shapes) takes about 7 on
# a quiet 2-core laptop and 13 on a busy one; it is a wall-clock budget, so it leaves room for a slower or busier
# machine than that. A style sheet can take for ever in fewer shapes: one selector of descendants
# (`svg g g g g rect`) matched against groups nested a hundred deep tries every way of picking them, and a 2 kB
# drawing ran for hours.
SVG_SECONDS = 45.0
XLINK = "{http://www.w3.org/1999/xlink}href"
DATA_IMAGE = ("data:image/png;base64", "data:image/jpeg;base64", "data:image/jpg;base64")


class PictureError(Exception):
    """Why a picture cannot be used; the caller names the file, line and key."""


class DrawingTimeout(BaseException):  # a BaseException, so svglib's own handlers cannot swallow it
    """Raised inside svglib's drawing of an SVG that ran past SVG_SECONDS."""


def suffix(data: bytes) -> str:
    """The file name ending a picture's content calls for (".png", ".jpg", ".svg", ".svgz"), or "" for none."""
    if data.startswith(GZIP):
        try:
            return ".svgz" if _sniff(_unpacked(data, "")) == "svg" else ""
        except PictureError:
            return ""
    kind = _sniff(data)
    if kind == "raster":
        return ".png" if data.startswith(b"\x89PNG") else ".jpg" if data.startswith(b"\xff\xd8") else ".heic"
    return ".svg" if kind == "svg" else ""


GZIP = b"\x1f\x8b"  # how a gzip file begins: an SVG saved compressed (.svgz)
# How an XML file in UTF-32 or UTF-16 begins: its byte order mark, or (XML 1.0 appendix F) the `<` of its first tag.
WIDE_TEXT = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)
DECLARED_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""")
NAMED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)""")


def _unpacked(data: bytes, name: str) -> bytes:
    """A picture's bytes as a reader takes them: an SVG saved compressed (.svgz) unpacked, never past the size
    limit for a picture (a few kilobytes can unpack to gigabytes), and one saved as UTF-16 or UTF-32 as UTF-8.
    Anything else as it is."""
    packed = data.startswith(GZIP)
    if packed:
        limit = LIMITS["picture"]
        inflater = zlib.decompressobj(wbits=31)
        try:
            data = inflater.decompress(data, limit + 1)
        except zlib.error:
            data = b""
        if len(data) > limit:
            raise PictureError(f"{name} unpacks to more than {limit // MiB} MB, over the limit for a picture: save it smaller")
        if not inflater.eof:
            raise PictureError(f"{name} is a compressed (gzip) file that cannot be unpacked: it is damaged or cut short")
    encoding = next((encoding for start, encoding in WIDE_TEXT if data.startswith(start)), None)
    if encoding is not None and _sniff(data) is None:  # a HEIC's first box may be 60 bytes long: b"\0\0\0<"
        try:
            text = data.decode(encoding).removeprefix("\ufeff")
        except UnicodeDecodeError:
            raise PictureError(f"{name} is not readable {encoding.upper()[:6]} text, so not an SVG drawing") from None
        data = DECLARED_ENCODING.sub(r"\1\2UTF-8\2", text).encode("utf-8")
    if packed and _sniff(data) != "svg":
        raise PictureError(f"{name} is a compressed (gzip) file holding no SVG drawing")
    if _sniff(data) == "svg":
        _check_utf8(data, name)
    return data


def _check_utf8(data: bytes, name: str) -> None:
    """PictureError if the SVG `data` names no encoding but UTF-8 (XML's default) and is not UTF-8: a drawing saved
    as Latin-1 or Windows-1252 printed each accented letter as the replacement mark (\ufffd), without a word."""
    named = NAMED_ENCODING.match(data.removeprefix(b"\xef\xbb\xbf"))
    if named is not None and named[1].lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        return  # the parser reads the encoding it names
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PictureError(
            f"{name} is not UTF-8 text (byte {exc.start + 1:,} is in another encoding) and names no other encoding: "
            "save the drawing as UTF-8"
        ) from None


# Pictures handouts does not read, by how their files begin: named in the message, with what to save them as.
OTHER_FORMATS = {
    b"GIF8": "a GIF",
    b"RIFF": "a WebP",
    b"II*\x00": "a TIFF",
    b"MM\x00*": "a TIFF",
    b"BM": "a BMP",
    b"%PDF": "a PDF",
    b"\xff\x0a": "a JPEG XL",
}
READ = "PNG, JPEG, HEIC or SVG"  # what a logo or a step's picture may be
SAVE_AGAIN = "save it again from the program that made it (it may be damaged or cut short)"


def _web_page(head: bytes) -> bool:
    """Whether a file beginning `head` (lower case) is a web page, an <svg> in it or not: what a browser saves
    when a picture's link leads to a page."""
    start = head.find(b"<svg")
    return b"<html" in (head if start < 0 else head[:start]) or bool(WEB_PAGE.match(head))


def _unread_format(data: bytes) -> tuple[str, str] | None:
    """What a file that is no picture handouts reads is instead, and what to do ("it is a GIF picture", "save it
    as PNG or JPEG"), where that can be told from its content; else None."""
    if _web_page(data[:4096].lstrip(b"\xef\xbb\xbf").lower()):
        return "it is a web page, saved in place of the picture", "save the picture itself"
    kind = "an AVIF" if data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"avis") else None
    kind = kind or next((name for start, name in OTHER_FORMATS.items() if data.startswith(start)), None)
    if kind == "a WebP" and data[8:12] != b"WEBP":
        kind = None
    return (f"it is {kind} {'file' if kind == 'a PDF' else 'picture'}", "save it as PNG or JPEG") if kind else None


def _sniff(data: bytes) -> str | None:
    """'raster' or 'svg' by content, or None."""
    if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")) or (data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS):
        return "raster"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<") and b"<svg" in head and not _web_page(head):
        return "svg"
    return None


# What brings back a picture a drawing places but cannot have (whatever else is said of it, this is always so).
EMBED = "embed it in the drawing as PNG or JPEG"
LEFT_OUT = ", so the drawing prints without it: "  # between what is wrong with a picture a drawing places and the fix

# What a therapist can do about a message of the library reading a picture, which names the picture's insides.
LIBRARY_SAID = ": look at how the picture prints, and if it prints wrong, save it again as a PNG"


@contextlib.contextmanager
def _library_messages(said: list[str]) -> Iterator[None]:
    """Pillow's warnings and svglib's log lines while the block runs, added to `said` (the picture's warnings)
    instead of reaching stderr."""
    svglib_log = logging.getLogger("svglib.svglib")

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(_library_said(record.getMessage()))

    saved = svglib_log.handlers[:], svglib_log.propagate
    svglib_log.handlers[:], svglib_log.propagate = [Collect(logging.WARNING)], False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # MAX_PIXELS decides, at the size decoded
            yield
    finally:
        svglib_log.handlers[:], svglib_log.propagate = saved
        said.extend(_library_said(str(warning.message)) for warning in caught)


def _library_said(message: str) -> str:
    """A library's message and what to do about it, as one sentence: its own closing mark is dropped (it read
    "…reference detected, skipping.: look at how the picture prints…")."""
    return message.rstrip(" .:…") + LIBRARY_SAID


# -- raster ------------------------------------------------------------------------------------


@functools.cache
def _read_heif() -> None:
    """Pillow reads HEIC/HEIF (iPhone photos) from here on: registered at the first such picture."""
    from pillow_heif import register_heif_opener

    register_heif_opener()


def _open(data: bytes) -> Image.Image:
    """Pillow's reading of a PNG, JPEG or HEIC picture (not yet decoded)."""
    heif = data[4:8] == b"ftyp"
    if heif:
        _read_heif()
    return Image.open(io.BytesIO(data), formats=FORMATS if heif else FORMATS[:2])


def _eight_bit(image: Image.Image) -> Image.Image:
    """Any mode Pillow reads as L, LA, RGB or RGBA with its tones kept (16-bit grey is not clipped to white)."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        image = image.convert("I") if image.mode != "I" else image
        high = image.getextrema()[1]
        scale = 255 / 65535 if isinstance(high, int) and high > 255 else 1
        return image.point(lambda value: value * scale).convert("L")
    if image.mode == "F":
        return image.convert("L")
    transparent = image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in image.info
    if image.mode in ("L", "LA", "RGB", "RGBA"):
        return image.convert("LA") if image.mode == "L" and transparent else image
    return image.convert("RGBA" if transparent else "RGB")


@functools.cache
def _srgb() -> ImageCms.ImageCmsProfile:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _in_srgb(image: Image.Image, said: list[str]) -> Image.Image:
    """`image` in sRGB, as a PDF prints pixels that carry no profile, from the colour profile embedded in it
    (an iPhone's Display P3, a camera's Adobe RGB, a printer's CMYK): left out, a P3 or Adobe RGB photo printed
    dull and a CMYK one with shifted colours. A profile that cannot be used is said, and the pixels kept."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    from PIL import ImageCms

    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if "sRGB" in ImageCms.getProfileDescription(profile):  # printed as it is
            return image
        return ImageCms.profileToProfile(image, profile, _srgb(), outputMode="RGB" if image.mode == "CMYK" else image.mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        said.append(UNREAD_PROFILE)
        return image


PNG = b"\x89PNG\r\n\x1a\n"
UNREAD_PROFILE = "its colour profile cannot be read, so its colours may print shifted: save it as sRGB"


def _unpacks_too_far(kind: bytes, body: bytes) -> bool:
    """Whether the PNG chunk `body` of `kind` (zTXt, iTXt or iCCP) unpacks past what Pillow reads of one."""
    from PIL.PngImagePlugin import MAX_TEXT_CHUNK

    rest = body.partition(b"\0")[2]  # after its keyword
    if kind == b"iTXt":
        if rest[:1] != b"\x01":
            return False  # not compressed
        rest = rest[2:].split(b"\0", 2)[-1]  # after its language and translated keyword
    else:
        rest = rest[1:]  # after its compression method
    inflater = zlib.decompressobj()
    try:
        inflater.decompress(rest, MAX_TEXT_CHUNK)
    except zlib.error:
        return False  # damaged: Pillow says so
    return bool(inflater.unconsumed_tail)


def _large_metadata_dropped(data: bytes, said: list[str]) -> bytes:
    """A PNG without the compressed text and colour profile chunks that unpack past what Pillow reads of one (a
    megabyte): it refused the whole picture as unreadable for a Photoshop file's bloated XMP notes, which print
    nothing. A colour profile left out is said. Anything else as it is."""
    if not data.startswith(PNG):
        return data
    dropped: list[tuple[int, int, bytes]] = []
    at = len(PNG)
    while at + 12 <= len(data):
        (length,) = struct.unpack_from(">I", data, at)
        kind, end = data[at + 4 : at + 8], at + 12 + length
        if kind in (b"zTXt", b"iTXt", b"iCCP") and _unpacks_too_far(kind, data[at + 8 : at + 8 + length]):
            dropped.append((at, end, kind))
        at = end
    if not dropped:
        return data
    if any(kind == b"iCCP" for _, _, kind in dropped):
        said.append(UNREAD_PROFILE)
    kept, start = [], 0
    for first, end, _ in dropped:
        kept.append(data[start:first])
        start = end
    return b"".join([*kept, data[start:]])


def _check_pixels(image: Image.Image, name: str) -> None:
    """PictureError if `image` (opened, not yet decoded, a JPEG set to its reduced size) has more pixels than are
    ever decoded: a file of a few kilobytes can claim a picture of gigabytes."""
    if image.width * image.height > MAX_PIXELS:
        raise PictureError(_too_many(name, image.size))


def _too_many(name: str, size: tuple[int, int] | None) -> str:
    pixels = f" ({size[0]:,} x {size[1]:,})" if size else ""
    return f"{name} has too many pixels{pixels}, more than {MAX_PIXELS // 1_000_000} million: save it smaller"


def within_side(size: tuple[int, int]) -> tuple[int, int]:
    """The box a picture a drawing places is kept within."""
    return MAX_SIDE, MAX_SIDE


def shown(size: tuple[int, int]) -> tuple[int, int]:
    """The box a logo or step picture of `size` (upright) is kept within: the larger of its fits in PRINT_BOX and
    WEB_BOX, and never more than MAX_SIDE across."""
    width, height = size
    scale = max(min(box[0] / width, box[1] / height) for box in (PRINT_BOX, WEB_BOX))
    return min(MAX_SIDE, math.ceil(width * scale)), min(MAX_SIDE, math.ceil(height * scale))


ROTATED = (5, 6, 7, 8)  # EXIF orientations that turn a picture a quarter: its upright width is its stored height


def _decode(
    data: bytes, name: str, said: list[str], box: Callable[[tuple[int, int]], tuple[int, int]] = within_side
) -> Image.Image:
    """A PNG or JPEG decoded completely, upright and in 8-bit tones, within the box `box` gives for its upright
    size (a JPEG decoded at the smallest reduced size that covers it); PictureError if it is anything else."""
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    data = _large_metadata_dropped(data, said)
    try:
        with _library_messages(said), _open(data) as image:
            turned = image.getexif().get(0x0112) in ROTATED
            upright = image.size[::-1] if turned else image.size
            kept = box(upright)
            image.draft("RGB", kept[::-1] if turned else kept)  # JPEG: decode at a reduced size, much faster
            _check_pixels(image, name)
            image.load()
            ImageOps.exif_transpose(image, in_place=True)
            upright = _eight_bit(_in_srgb(image, said))  # each step in place, or a new picture: never two copies
            kept = box(upright.size)
            if upright.width > kept[0] or upright.height > kept[1]:
                upright.thumbnail(kept, Image.Resampling.LANCZOS)
            return upright.copy() if upright is image else upright  # closing `image` drops its pixels
    except PictureError:
        raise
    except Image.DecompressionBombError:
        raise PictureError(_too_many(name, None)) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, MemoryError, struct.error):
        if data[4:8] == b"ftyp":  # what it begins as: a HEIC (a Live Photo, a burst, or damaged)
            raise PictureError(f"{name} is not a readable HEIC image: {HEIC_INSTEAD}") from None
        raise PictureError(f"{name} is not a readable PNG or JPEG image: {SAVE_AGAIN}") from None


# -- SVG ---------------------------------------------------------------------------------------


# The files a drawing read: each picture it places, decoded (None where it could not be), and each drawing (None).
Read = dict[Path, Image.Image | None]


def _file_problem(exc: UnreadableFileError) -> tuple[str, str | None]:
    """What `exc` says of a picture file, to follow its name ("is 51.0 MB, over the 50.0 MB limit"), and what to
    do where that is more than to use another file ("save it smaller")."""
    return str(exc), "save it smaller" if exc.too_large else None


def _file_said(name: str, exc: UnreadableFileError) -> str:
    """What `exc` says of the picture file `name`, and what to do: "big.png is 51.0 MB, over the 50.0 MB limit:
    save it smaller"."""
    what, fix = _file_problem(exc)
    return f"{name} {what}" + (f": {fix}" if fix else "")


def _refused(placed: str, target: str, exc: PictureError) -> tuple[str, str]:
    """What `exc` says of `target`, a picture a drawing places ("cut.jpg has too many pixels (…); save it
    smaller"), as :func:`_href_problem` says it: what is wrong, said of `placed`, and what to do."""
    said = str(exc).removeprefix(target + " ")
    mark = re.search(r"[:;] ", said)
    return (f"{placed} {said[: mark.start()]}", said[mark.end() :]) if mark else (f"{placed} {said}", EMBED)


def _href_problem(href: str, folder: Path, root: Path, seen: Read, said: list[str]) -> tuple[str, str] | None:
    """Why an SVG's reference `href` (in a file in `folder`) must be left out, as a clause ("the drawing's picture
    'big.png' is 51.0 MB, over the 50.0 MB limit"), and what brings the picture back; or None. `seen`: the files
    read so far (the drawings, each read once, and the pictures they place), to which it adds those it reads."""
    if href.startswith("#"):
        return None
    if href.startswith("data:"):
        if not href.lower().startswith(DATA_IMAGE):
            return "a picture embedded in it is not PNG or JPEG", "embed it as PNG or JPEG"
        try:
            _decode(base64.b64decode(href.split(",", 1)[-1], validate=False), "an embedded picture", said)
        except (PictureError, binascii.Error, ValueError):
            return "a picture embedded in it cannot be read", "embed it again as PNG or JPEG"
        return None
    target = href.split("#", 1)[0]
    placed = f"the drawing's picture {target!r}"
    if "://" in target or target.startswith(("//", "\\\\")):
        address = "a file address" if target.lower().startswith("file:") else "a web address (handouts never uses the network)"
        return f"{placed} is {address}", f"save the picture beside the drawing and refer to it by its file name, or {EMBED}"
    path = Path(os.path.normpath(folder / target))
    if Path(target).is_absolute() or not inside(path, root):
        return f"{placed} is outside {_the_folder(root, root.name)}", f"{OUTSIDE}, or {EMBED}"
    try:
        data = read_bytes(path, "picture")
    except UnreadableFileError as exc:  # "file not found", "cannot be read (…)", "is a folder, not an image", too large
        if exc.missing:
            return f"{placed} is not there{exc.hint}", f"check its name, or {EMBED}"
        what, fix = _file_problem(exc)
        return f"{placed} {what}", fix or EMBED
    kind = _sniff(data)
    if kind is None:
        other = _unread_format(data)
        return f"{placed} is not a {READ} picture{f' ({other[0]})' if other else ''}", other[1] if other else EMBED
    if kind == "raster":  # decoded whole, as every picture is: svglib would pass a JPEG cut short into the PDF
        if seen.get(path) is None:  # once, however many references name it
            seen[path] = None
            try:
                seen[path] = _decode(data, target, said)
            except PictureError as exc:
                return _refused(placed, target, exc)
    elif path not in seen:
        seen[path] = None
        try:
            _check_utf8(data, target)
        except PictureError as exc:
            return _refused(placed, target, exc)
        from svglib.svglib import load_svg_file

        with _library_messages(said):
            other = load_svg_file(str(path))
        if other is None:
            return f"{placed} is not a readable SVG drawing", EMBED
        for node in other.iter():
            inner = node.get(XLINK) or node.get("href") if isinstance(node.tag, str) else None
            if inner and _href_problem(inner, path.parent, root, seen, said):
                return f"{placed} itself refers to a file it may not use", EMBED
    return None


URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.IGNORECASE)


def _own_urls_only(node: Any, said: list[str]) -> None:
    """A fill, stroke or other paint given as `url(…)` of anything but the drawing's own gradients and patterns
    (`url(#id)`) left out with a warning, as a reference to a file is: svglib read `url(file:///…)` in a style
    as a broken drawing and in an attribute as no fill at all, without a word."""
    for attribute, value in list(node.attrib.items()):
        if "url(" not in value.lower():
            continue
        parts = value.split(";") if attribute == "style" else [value]
        kept = []
        for part in parts:
            foreign = [target.strip() for target in URL.findall(part) if not target.strip().startswith("#")]
            if foreign:
                where = part.split(":", 1)[0].strip() if attribute == "style" else attribute
                fix = "put the gradient or pattern inside the drawing and refer to it as url(#id)"
                said.append(
                    f"its {where} refers to {foreign[0]!r}, outside the drawing, so it prints without that {where}: {fix}"
                )
            else:
                kept.append(part)
        if len(kept) == len(parts):
            continue
        if kept and attribute == "style":
            node.attrib[attribute] = ";".join(kept)
        else:
            del node.attrib[attribute]


# CSS's font sizes by name (CSS Fonts 4, with `medium` 16 px), and the relative ones as a factor of the parent's.
FONT_SIZES = {"xx-small": "9px", "x-small": "10px", "small": "13px", "medium": "16px", "large": "18px"}
FONT_SIZES |= {"x-large": "24px", "xx-large": "32px", "xxx-large": "48px", "larger": "1.2em", "smaller": "0.833em"}
FONT_SIZE_NAME = re.compile(r"(font-size\s*:\s*)([a-z-]+)", re.IGNORECASE)


def _named_font_sizes(node: Any) -> None:
    """A font size given by name (`font-size="large"`, as CSS allows) as the length it names: svglib reads only
    lengths, and refused the whole drawing as unreadable for one such size."""
    size = node.attrib.get("font-size", "").strip().lower()
    if size in FONT_SIZES:
        node.attrib["font-size"] = FONT_SIZES[size]
    style = node.attrib.get("style", "")
    if "font-size" in style:
        node.attrib["style"] = FONT_SIZE_NAME.sub(lambda found: found[1] + FONT_SIZES.get(found[2].lower(), found[2]), style)


BOLD_WEIGHTS = frozenset({"bold", "bolder", "600", "700", "800", "900"})


def _font_map() -> Any:
    """svglib's font lookup without the system: every family a drawing names is the handout's own face (its
    bold where the drawing asks for bold), so nothing runs `fc-match` and nothing depends on the computer.
    The faces are set to the brand's when the drawing is drawn (see `draw`). They are looked up once for the
    drawing, not at each of its texts: 5,000 texts looked them up 10,000 times, a fifth of the drawing's time."""
    from svglib.fonts import FontMap

    faces = functools.cache(load_fonts)

    class HandoutFaces(FontMap):
        def find_font(self, font_name: str, weight: str = "normal", style: str = "normal") -> tuple[str, bool]:
            return (faces().bold if str(weight).lower() in BOLD_WEIGHTS else faces().regular), True

    return HandoutFaces()


def _shapes(node: Any, kind: str) -> int:
    """The shapes svglib may make of an SVG element of `kind` (its name): a text's letters (each given its own
    position becomes a shape: 200,000 took 80 s), a gradient's stops (200,000 took 90 s), a path's data by its
    length, else one."""
    if kind == "text":
        return max(1, sum(len(piece) for piece in node.itertext()))
    if kind in ("linearGradient", "radialGradient"):
        return 1 + sum(1 for _ in node.iterchildren())
    if kind in ("path", "polyline", "polygon"):  # a 5 MB path of 1,000,000 lines ran for minutes
        return 1 + len(node.attrib.get("d") or node.attrib.get("points") or "") // PATH_CHARACTERS
    return 1


@functools.cache
def _renderer() -> type:
    """svglib's renderer, stopped once it has drawn more elements than a picture may have (SVG_ELEMENTS), each
    copy a `<use>` makes counted: 9,000 copies of a group of 1,000 shapes ran for minutes in a 240 kB file."""
    from svglib.svglib import SUPPORTED_SVG_FEATURES, SvgRenderer, node_name

    class Bounded(SvgRenderer):
        drawn = placed = 0
        pixels: dict[str, int]  # set on each renderer: the pixels of each picture the drawing refers to, by reference
        language: str  # set on each renderer: the routine's language, which a <switch> picks its branch by
        name: str  # set on each renderer: the drawing's path as the file naming it wrote it

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            # Every family a text names is the handout's own face (see _font_map), so the family list is not read
            # at all: svglib split it with shlex at each text (a fifth of the time of 5,000 labels), and a name
            # with an unmatched quote ("'Segoe UI") raised there, and the whole drawing was refused.
            faces = kwargs["font_map"]

            def face(family: str | None, weight: str = "normal", style: str = "normal") -> str:
                return faces.find_font(family, weight, style)[0] if family else ""

            self.attrConverter.convertFontFamily = face

        def renderNode(self, node: Any, parent: Any = None) -> None:  # noqa: N802 (svglib's name)
            if not _speaks(node.attrib.get("systemLanguage"), self.language):  # as browsers, outside a <switch> too
                return
            name, kind = self.name, node_name(node)
            self.drawn += _shapes(node, kind)
            if self.drawn > SVG_ELEMENTS:
                raise PictureError(f"{name} draws more than {SVG_ELEMENTS:,} shapes, more than a picture needs: simplify it")
            if kind == "image":  # svglib decodes a picture for each copy, before anything else sees it
                self.placed += self.pixels.get(node.attrib.get(XLINK) or node.attrib.get("href") or "", 0)
                if self.placed > PLACED_PIXELS:
                    raise PictureError(f"{name} places pictures of more than {PLACED_PIXELS:,} pixels in all, each copy counted")
            super().renderNode(node, parent)

        def renderSwitch(self, node: Any, clipping: Any = None) -> Any:  # noqa: N802 (svglib's name)
            """The first branch of a <switch> whose conditions hold, a `systemLanguage` one read against the
            routine's language: svglib read it against the computer's locale, so a German routine built on an
            English laptop printed a drawing's English text, and the same files printed differently on two
            machines."""
            from reportlab.graphics.shapes import Group

            for child in node:
                if not _branch_holds(child.attrib, self.language, SUPPORTED_SVG_FEATURES):
                    continue
                group = Group()
                self.renderNode(child, parent=group)
                if clipping is not None:
                    group.add(clipping)
                return group
            return None

    return Bounded


def _branch_holds(attrib: Any, language: str, features: Any) -> bool:
    """Whether a <switch> branch with attributes `attrib` is drawn for a routine in `language`: it asks for no
    extension, only `features` svglib has, and, if it gives `systemLanguage`, a language whose primary subtag is
    the routine's ("de" is drawn for "de-AT"; "de, en" for either; an empty list for none)."""
    if attrib.get("requiredExtensions"):
        return False
    if not all(feature.lower() in features for feature in attrib.get("requiredFeatures", "").split()):
        return False
    return _speaks(attrib.get("systemLanguage"), language)


def _speaks(languages: str | None, language: str) -> bool:
    """Whether an element giving `systemLanguage` as `languages` (None: not given) is drawn for a routine in
    `language`: an element for languages the routine is not in is not drawn, in a <switch> or not."""
    return languages is None or primary(language) in {primary(tag.strip()) for tag in languages.split(",") if tag.strip()}


# What svglib leaves out of a drawing without a word, by its element, and what that does to the print.
NOT_PRINTED = {
    "pattern": "its pattern fills (<pattern>) are not printed, so the shapes they fill print empty: save the drawing "
    "with its patterns turned into shapes",
    "mask": "its masks (<mask>) are not printed, so what they hide prints in full: save the drawing with its masks applied",
    "foreignObject": "its HTML (<foreignObject>) is not printed: save the drawing with that text as SVG text or outlines",
}


XHTML = "http://www.w3.org/1999/xhtml"  # the extension a <foreignObject>'s HTML is, which every browser shows


def _in_use(node: Any, named: set[str]) -> bool:
    """Whether the element `node` of NOT_PRINTED is missed in print: a pattern or mask that something names as
    `url(#id)` (`named`: every such reference; not one left unused among the definitions), HTML that no <switch>
    gives text in place of (as draw.io's drawings do), nor is an extension's data no browser shows (Illustrator's
    editing data, its drawing in the <switch>'s next branch). HTML that asks for XHTML, which browsers have, is
    missed as any HTML is."""
    if not node.tag.endswith("foreignObject"):
        return f"#{node.get('id')}" in named
    branch = node
    while branch is not None and not str(branch.tag).endswith("switch"):
        extensions = branch.get("requiredExtensions", "").split()
        if branch.get("requiredFeatures") or (extensions and XHTML not in extensions):  # the next branch prints
            return False
        branch = branch.getparent()
    return True


def _crowded(svg: Any) -> str | None:
    """What an SVG's tree holds more of than a drawing may (see SVG_NODES), said as "holds more than …", or None.
    Each bound is read without reading what lies past it."""
    style = 0
    for count, node in enumerate(svg.iter(), 1):
        if count > SVG_NODES:
            return f"holds more than {SVG_NODES:,} elements"
        if isinstance(node.tag, str) and len(node.attrib) > SVG_ATTRIBUTES:
            return f"gives one element (<{node.tag.rpartition('}')[2]}>) more than {SVG_ATTRIBUTES:,} attributes"
        if node.tag == "style" or str(node.tag).endswith("}style"):
            style += sum(len(text) for text in node.itertext())
            if style > SVG_STYLE_CHARACTERS:
                return f"holds style sheets of more than {SVG_STYLE_CHARACTERS // 1024} kB"
    return None


def _named_urls(svg: Any) -> set[str]:
    """Every `url(…)` an SVG's attributes name (its styles included), as written."""
    return {
        target.strip()
        for node in svg.iter()
        if isinstance(node.tag, str)
        for value in node.attrib.values()
        if "url(" in value.lower()
        for target in URL.findall(value)
    }


def _svg(path: Path, root: Path, data: bytes, said: list[str], seen: Read, language: str) -> Drawing:
    """svglib's drawing of `path` for a routine in `language`, its references confined to `root`; the files it
    read added to `seen`."""
    from reportlab.graphics import renderPDF
    from svglib.svglib import CircularRefError, load_svg_file

    name = _as_written(path, root)  # as the file naming it wrote it ("assets/logo.svg", not "logo.svg")

    with _library_messages(said):
        # The entities a drawing declares in itself are read, as Illustrator's saves use them (a logo's name as
        # `&name;` printed as nothing); libxml2 refuses one that grows past a limit (a billion laughs), and
        # external ones (`SYSTEM "file:///etc/passwd"`) are never read.
        svg = load_svg_file(io.BytesIO(data), resolve_entities="internal")  # type: ignore[arg-type]  # lxml's word
        if svg is None:
            raise PictureError(f"{name} is not a readable SVG drawing (or it has no width and height)")
        seen[path] = None
        crowded = _crowded(svg)
        if crowded:
            raise PictureError(f"{name} {crowded}, more than a picture needs: simplify it, or save it as a PNG")
        pixels: dict[str, int] = {}
        named = _named_urls(svg)
        for node in svg.iter():
            if not isinstance(node.tag, str):
                continue
            _own_urls_only(node, said)
            _named_font_sizes(node)
            unprinted = NOT_PRINTED.get(node.tag.rpartition("}")[2])
            if unprinted and _in_use(node, named):
                said.append(unprinted)
            for attribute in (XLINK, "href"):
                href = node.get(attribute)
                problem = _href_problem(href, path.parent, root, seen, said) if href else None
                if problem:
                    said.append(f"{problem[0]}{LEFT_OUT}{problem[1]}")
                    del node.attrib[attribute]
                elif href and href not in pixels:
                    pixels[href] = _pixels(href, path.parent)

        def render() -> Drawing:
            renderer = _renderer()(str(path), external_reference_root=str(root), font_map=_font_map())
            renderer.pixels, renderer.language, renderer.name = pixels, language, name
            return renderer.render(svg)

        try:
            said_before = len(said)
            with time_budget(SVG_SECONDS, DrawingTimeout):
                drawing = render()
                if _sized_by_content(svg, drawing):  # drawn again at that size, without what svglib said of the first
                    del said[said_before:]
                    drawing = render()
            _as_svg_draws(drawing)
            _decode_placed(drawing, said, seen)
            _placed_as_shown(drawing)
        except PictureError:
            raise
        except DrawingTimeout:
            raise PictureError(
                f"{name} took more than {SVG_SECONDS:g} seconds to draw and was stopped (its style sheet or its shapes "
                "are too intricate): simplify it, or save it as a PNG"
            ) from None
        except CircularRefError:  # svglib leaves out a <use> in a loop, but not an <image>
            raise PictureError(f"{name} places drawings that place each other in a loop: remove the loop") from None
        except RecursionError:  # svglib reads a group inside its group: about 240 deep is as far as it goes
            raise PictureError(
                f"{name} nests its groups too deeply to draw (hundreds inside one another): ungroup them"
            ) from None
        except Exception:  # svglib raises whatever its CSS, path and transform parsers raise on a broken file
            drawing = None
    if drawing is None or not (drawing.width > 0 and drawing.height > 0):
        raise PictureError(f"{name} is not a readable SVG drawing (or it has no width and height)")
    if not (SVG_SIDES[0] <= drawing.width <= SVG_SIDES[1] and SVG_SIDES[0] <= drawing.height <= SVG_SIDES[1]):
        raise PictureError(f"{name} gives a width or height that cannot be printed ({drawing.width:g} x {drawing.height:g})")
    if any(math.isnan(number) for number in _numbers(drawing)):  # reportlab would write `nan` into the page
        raise PictureError(f"{name} has a size, position or scale that is not a number (NaN)")
    try:  # once, on a page nobody sees: a number too large for PDF (1e400, scale(1e308)) fails here, not in a build
        with _inline_images_as_text():
            renderPDF.draw(drawing, Canvas(io.BytesIO()), 0, 0)
    except Exception:  # reportlab raises ValueError, ZeroDivisionError, OverflowError… on numbers it cannot write
        raise PictureError(f"{name} has a size, position or scale too large to print") from None
    return drawing


def _sized_by_content(svg: Any, drawing: Drawing) -> bool:
    """Whether the SVG root `svg`, sized in percentages of a page it does not have (`width="100%"`, as web pages
    export it) and with no viewBox, was given the size of what `drawing`, its first drawing, draws: svglib read
    100% as 75 pt, and a logo printed cut off, or over the clinic's name."""
    from reportlab.graphics.shapes import Group

    if svg.get("viewBox") or not any(svg.get(side, "").strip().endswith("%") for side in ("width", "height")):
        return False
    bounds = Group(*drawing.contents[0].contents).getBounds() if drawing.contents else None  # in the SVG's units
    if bounds is None or not (bounds[2] > bounds[0] and bounds[3] > bounds[1]):
        return False
    svg.set("viewBox", f"{bounds[0]!r} {bounds[1]!r} {bounds[2] - bounds[0]!r} {bounds[3] - bounds[1]!r}")
    for side in ("width", "height"):
        svg.attrib.pop(side, None)
    return True


def _as_svg_draws(drawing: Drawing) -> None:
    """What SVG draws as nothing or as a solid line, made so for reportlab, which cannot write either and refused
    the drawing as "too large to print": a group scaled to nothing (`scale(0)`, as an animation's first frame
    leaves it) is left out, and a dash pattern of zeros or with a negative length is a solid line (SVG 2, 13.5.5)."""
    for node in _nodes(drawing):
        dashes = getattr(node, "strokeDashArray", None)
        if isinstance(dashes, tuple) and len(dashes) == 2 and isinstance(dashes[1], list | tuple):
            dashes = dashes[1]  # (offset, pattern), as svglib gives a dash offset
        if isinstance(dashes, list | tuple) and (any(length < 0 for length in dashes) or sum(dashes) == 0):
            node.strokeDashArray = None
        a, b, c, d = (getattr(node, "transform", None) or (1, 0, 0, 1))[:4]
        if not (a or b) or not (c or d) or not (a or c) or not (b or d):  # a row or column of zeros, not a tiny scale
            node.transform, node.contents = (1, 0, 0, 1, 0, 0), []


def _numbers(drawing: Drawing) -> Iterator[float]:
    """Every number a drawing holds: positions, sizes, transforms, font sizes, dashes, colours."""
    stack: list[object] = [drawing]
    seen: set[int] = set()
    while stack:
        value = stack.pop()
        if isinstance(value, float):
            yield value
        elif isinstance(value, list | tuple):
            stack.extend(value)
        elif type(value).__module__.startswith("reportlab.") and hasattr(value, "__dict__") and id(value) not in seen:
            seen.add(id(value))
            stack.extend(vars(value).values())


# -- loading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Picture:
    """A picture's drawable form and its proportions."""

    path: Path
    stamp: int  # the file's modification time: a changed file is a new picture
    width: float  # natural size, in any unit: only the ratio matters
    height: float
    vector: Drawing | None = field(default=None, compare=False)  # a drawing's shapes; None for a raster picture
    warnings: tuple[str, ...] = ()  # what was left out or complained of while loading it
    colours: tuple[str, ...] = ()  # its main colours ('#RRGGBB'), most used first
    texts: tuple[str, ...] = ()  # the text a drawing draws (printed in the handout's fonts)
    depends: tuple[tuple[Path, tuple[int, int] | None], ...] = ()  # the files a drawing placed, as they were then
    language: str = ""  # the primary language a drawing's <switch> branches were picked for ("" for a raster)

    @property
    def raster(self) -> Image.Image | None:
        """A raster picture's pixels (None for a drawing): kept in memory while PICTURE_BYTES hold them, else decoded
        again from its file."""
        if self.vector is not None:
            return None
        image = _decoded.get(self)
        if image is None:
            image = _decoded.put(self, _decode(self._unchanged_bytes(), self.path.name, [], shown))
        return image

    def _unchanged_bytes(self) -> bytes:
        """The file's bytes as they were when it was loaded; an InputError naming it if it changed since, or is
        gone (what was checked is no longer what would print)."""
        from handouts.errors import InputError, Problem

        stamp = file_stamp(self.path)
        try:
            data = read_bytes(self.path, "picture") if stamp and stamp[0] == self.stamp else None
        except UnreadableFileError:
            data = None
        if data is None:
            raise InputError([Problem(str(self.path), None, "", "changed while the handouts were being made: build again")])
        return data

    def stands_out_on(self, background: str, ratio: float = 3.0) -> bool:
        """Whether any of its main colours contrasts with `background` by `ratio` (else it needs a plate)."""
        from handouts.media.colours import contrast

        return not self.colours or any(contrast(colour, background) >= ratio for colour in self.colours)

    def shows_whole_on(self, background: str) -> bool:
        """Whether it stands out on `background` with none of its main colours lost there (a coloured mark beside
        a white name stands out on white, but its name is gone)."""
        from handouts.media.colours import VISIBLE_CONTRAST, contrast

        return self.stands_out_on(background) and all(contrast(colour, background) >= VISIBLE_CONTRAST for colour in self.colours)

    def _shown_whole(self, own: str) -> str | None:
        """White, else the brand's `own` colour, the first it shows whole on; None where it shows whole on neither."""
        return next((ground for ground in ("#FFFFFF", own) if self.shows_whole_on(ground)), None)

    def on_white(self, own: str) -> bool:
        """Whether a plate behind it is white rather than the brand's `own` colour: white where it shows whole there,
        else `own` where it does there, else white where it stands out there (a white logo made for the brand's
        band, set on white, vanished)."""
        whole = self._shown_whole(own)
        return whole == "#FFFFFF" if whole else self.stands_out_on("#FFFFFF")

    def plate(self, band: str, own: str) -> str | None:
        """The colour of the plate this logo is drawn on in a band of colour `band` (None: none): none where it
        shows whole on the band, else white or the brand's `own` colour, the first it shows whole on (a dark name
        beside an orange mark stood out on a near-black band by its mark alone: the name was lost); where none
        does, none where it stands out on the band, else the brand's `own` colour where it stands out there and
        not on white (a white logo made for the brand's band, which is set in a lighter shade where its text
        needs one: on white it vanished), else white."""
        if self.shows_whole_on(band):
            return None
        whole = self._shown_whole(own)
        if whole:
            return whole
        if self.stands_out_on(band):
            return None
        return own if not self.stands_out_on("#FFFFFF") and self.stands_out_on(own) else "#FFFFFF"

    def fit(self, width: float, height: float) -> tuple[float, float]:
        """The largest size with this picture's proportions inside width x height."""
        scale = min(width / self.width, height / self.height)
        return self.width * scale, self.height * scale


def _address(target: str) -> str:
    """What an address given for a picture is: `file:///etc/passwd` is no web address, and is not read either."""
    if target.lower().startswith("file:"):
        return "a file address; give the picture's path in the folder instead"
    return "a web address; handouts never uses the network, so give a file path"


def _the_folder(root: Path, named: str | Path) -> str:
    """'the folder `named`', or 'the current folder' for the folder a relative path starts from (not "the folder .")."""
    return "the current folder" if root == Path() else f"the folder {named}"


def load_named(base: Path, name: str, language: str) -> Picture:
    """The picture a file in folder `base` names as `name`, for a routine in `language`; it and all it refers to
    must be inside `base`."""
    if "://" in name:
        raise PictureError(f"{name!r} is {_address(name)}")
    if on_a_drive(name):
        raise PictureError(f"{name} is outside {_the_folder(base, base)}: {OUTSIDE}")
    return load(base / name, base, language)


def _as_written(path: Path, root: Path) -> str:
    """`path` from `root`, its folder, as the file naming it gives it; else whole (on Windows, another drive)."""
    try:
        return os.path.relpath(path, root) if path.is_absolute() == root.is_absolute() else str(path)
    except ValueError:  # Windows: no relative path from one drive to another
        return str(path)


def load(path: Path, root: Path, language: str) -> Picture:
    """`path` as a Picture for a routine in `language` (the branch a drawing's <switch> draws); `root` is the
    folder it and everything it refers to must be in."""
    # A link to nothing or in a loop reads nothing wherever it points: said as such below, not as outside.
    if not inside(path, root) and not (path.is_symlink() and not path.exists()):
        raise PictureError(f"{_as_written(path, root)} is outside {_the_folder(root, root)}: {OUTSIDE}")
    try:
        info = check_regular(path, "picture")
    except UnreadableFileError as exc:
        named = _as_written(path, root)
        hint = exc.hint or f" (looked in {_the_folder(root, root)})"  # where a name with no folder was looked for
        shown = path.name or str(path) if path == root else named  # the folder itself ("logo: ."): by its name
        message = f"file not found: {named}{hint}" if exc.missing else _file_said(shown, exc)
        raise PictureError(message) from None
    picture = _load(path, root, info.st_mtime_ns, info.st_size, _reloads.get(path, 0), primary(language))
    if any(file_stamp(placed) != stamp for placed, stamp in picture.depends):  # a file the drawing placed changed
        _reloads[path] = _reloads.get(path, 0) + 1
        picture = _load(path, root, info.st_mtime_ns, info.st_size, _reloads[path], primary(language))
    return picture


_reloads: dict[Path, int] = {}  # how often a drawing was read again for a change in a file it places (`serve`)


@functools.lru_cache(maxsize=64)
def _load(path: Path, root: Path, mtime: int, size: int, reload: int, language: str) -> Picture:
    """Cached by the file's time and size (and, for a drawing, how often a file it places changed) and the
    routine's primary `language` (`serve` and a batch build routines in several): a poster's fit search places
    each picture many times."""
    name = _as_written(path, root)  # as the file naming it wrote it ("assets/logos/clinic.png", not "clinic.png")
    try:
        data = read_bytes(path, "picture")
    except UnreadableFileError as exc:
        raise PictureError(_file_said(name, exc)) from None
    data = _unpacked(data, name)
    kind = _sniff(data)
    said: list[str] = []
    if kind == "svg":
        seen: Read = {}
        drawing = _svg(path, root, data, said, seen, language)
        if _draws_nothing(drawing):
            said.append(NOTHING_DRAWN)
        warned = tuple(dict.fromkeys(said))
        texts: list[str] = []
        for node in _strings(drawing):
            node.text = _marks_dropped(node.text)
            if node.text:
                texts.append(node.text)
        colours = _drawing_colours(drawing)
        depends = tuple((placed, file_stamp(placed)) for placed in sorted(seen.keys() - {path}))
        size = drawing.width, drawing.height
        return Picture(path, mtime, *size, drawing, warned, colours, tuple(texts), depends, language)
    if kind is None:
        other = _unread_format(data)
        said = f"{other[0]}; {other[1]}" if other else "save it as PNG or JPEG"
        raise PictureError(f"{name} is not a readable {READ} picture: {said}")
    image = _decode(data, name, said, shown)
    warned = tuple(dict.fromkeys(said))
    picture = Picture(path, mtime, image.width, image.height, warnings=warned, colours=_raster_colours(image))
    _decoded.put(picture, image)
    return picture


def _pixel_bytes(image: Image.Image) -> int:
    return image.width * image.height * len(image.getbands())


# Each raster picture's pixels, by the picture; its size, colours and warnings stay with the picture (see _load).
_decoded: ByteBudget[Picture, Image.Image] = ByteBudget(PICTURE_BYTES, _pixel_bytes)


NOTHING_DRAWN = (
    "it draws nothing, so it prints as empty space: open it in a browser (a file of icons defined for a web page to "
    "use, as <symbol>s, shows nothing itself) and save the drawing that shows"
)


def _draws_nothing(drawing: Drawing) -> bool:
    """Whether a drawing holds no shape, text or picture at all, only (empty) groups."""
    from reportlab.graphics.shapes import Group

    return all(isinstance(node, Group) for node in _nodes(drawing))


def _marks_dropped(text: str) -> str:
    """A drawing's text without the format characters no font draws (a right-to-left override, a zero-width
    space), as the engines drop them from the files' texts: a font drew a box for some, and the web copy's drawing
    turned its text around. Control characters stay, for the check to refuse as in a text, and so do private-use
    ones (an icon font's), for the glyph check to say, as it says one in a text."""
    return "".join(ch for ch in text if not undrawn(ch) or unicodedata.category(ch) in ("Cc", "Cs", "Co"))


def _raster_colours(image: Image.Image) -> tuple[str, ...]:
    """The colours covering at least a fifth of the picture's opaque pixels (at most four), most used first."""
    raw = image.convert("RGBA").resize((32, 32)).tobytes()
    opaque = [tuple(raw[i : i + 3]) for i in range(0, len(raw), 4) if raw[i + 3] > 128]
    if not opaque:
        return ()
    sample = Image.new("RGB", (len(opaque), 1))
    sample.putdata(opaque)
    counts = sample.quantize(4).convert("RGB").getcolors(4) or []
    main = [rgb for count, rgb in sorted(counts, reverse=True) if count >= len(opaque) / 5]
    return tuple("#{:02X}{:02X}{:02X}".format(*rgb) for rgb in main)


def _nodes(node: object) -> Iterator[object]:
    """A drawing's shapes, groups and strings, the drawing first."""
    yield node
    for child in getattr(node, "contents", []) or []:
        yield from _nodes(child)


def _strings(node: object) -> Iterator[String]:
    """Every piece of text in a drawing."""
    from reportlab.graphics.shapes import String

    return (found for found in _nodes(node) if isinstance(found, String))


def _decode_placed(drawing: Drawing, said: list[str], seen: Read) -> None:
    """The pictures a drawing places, decoded as every raster picture is (upright, 8-bit tones): svglib leaves
    a file's name for reportlab to open again at each drawing (after every check, and a CMYK JPEG could not
    be written into the web copy), and an embedded picture as it is (16-bit grey printed white). A file is
    decoded once, as its reference was checked (in `seen`), however often it is placed."""
    from reportlab.graphics.shapes import Image as Placed

    for node in _nodes(drawing):
        if isinstance(node, Placed) and isinstance(node.path, str):
            placed = Path(node.path)  # svglib's path: the reference beside its drawing, normalised as in _href_problem
            if seen.get(placed) is None:
                seen[placed] = _decode(read_bytes(placed, "picture"), placed.name, said)
            node.path = seen[placed]
        elif isinstance(node, Placed) and isinstance(node.path, Image.Image):
            node.path = _eight_bit(node.path)


def _placed_as_shown(drawing: Drawing) -> None:
    """Each picture a drawing places made no larger than the drawing is ever shown needs it: the drawing at the
    larger of its fits in PRINT_BOX and WEB_BOX, the picture at its share of that. A photo of 3000 x 3000 pixels
    placed in a drawing was kept whole: forty of them made a handout of 700 MB and took 6 GB to build."""
    pixels_per_unit = max(min(box[0] / drawing.width, box[1] / drawing.height) for box in (PRINT_BOX, WEB_BOX))
    for node, scale in _placed(drawing):
        node.path = _shrunk(node, scale * pixels_per_unit)


@contextlib.contextmanager
def _placed_printed(drawing: Drawing, pixels_per_unit: float) -> Iterator[None]:
    """While the block runs, each picture `drawing` places no larger than it prints with the drawing at
    `pixels_per_unit`: reportlab writes each into the page's text at every pixel it has."""
    placed = list(_placed(drawing))
    kept = [(node, node.path) for node, _ in placed]
    try:
        for node, scale in placed:
            node.path = _shrunk(node, scale * pixels_per_unit)
        yield
    finally:
        for node, path in kept:
            node.path = path


def _placed(node: object, scale: float = 1.0) -> Iterator[tuple[Any, float]]:
    """Each picture a drawing places (decoded), with the scale the groups around it draw it at."""
    from reportlab.graphics.shapes import Image as Placed

    a, b, c, d = (getattr(node, "transform", None) or (1, 0, 0, 1))[:4]
    scale *= max(math.hypot(a, b), math.hypot(c, d))
    if isinstance(node, Placed) and isinstance(node.path, Image.Image):
        yield node, scale
    for child in getattr(node, "contents", []) or []:
        yield from _placed(child, scale)


def _shrunk(node: Any, pixels_per_unit: float) -> Image.Image:
    """The picture a drawing's `node` places, made smaller where it has more than `pixels_per_unit` of the node's
    width and height (in the drawing's units) need."""
    image = node.path
    shrink = pixels_per_unit * max(node.width / image.width, node.height / image.height)
    if shrink >= 1:
        return image
    size = (max(1, math.ceil(image.width * shrink)), max(1, math.ceil(image.height * shrink)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _pixels(href: str, folder: Path) -> int:
    """The pixels of the raster picture an SVG's reference `href` names, from its header (0 for any other)."""
    try:
        if href.startswith("data:"):
            data = base64.b64decode(href.split(",", 1)[-1], validate=False)
        else:
            data = read_bytes(Path(os.path.normpath(folder / href.split("#", 1)[0])), "picture")
        if _sniff(data) != "raster":
            return 0
        with _open(data) as image:
            return image.width * image.height
    except (UnreadableFileError, UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, struct.error):
        return 0


def _in_faces(drawing: Drawing, fonts: Fonts) -> None:
    """The drawing's text set in `fonts` (bold stays bold; a string the face lacks a character of in the first
    fallback that has them all: Noto Sans, or the clinic's own for a script Noto Sans lacks), and its first font
    too, so that no other font is ever named in the PDF."""
    default = load_fonts()
    drawing.initialFontName = fonts.regular  # the renderer's first font, else Helvetica
    for node in _strings(drawing):
        # Bold as the drawing asks, or as set here before: a drawing printed again (the other handout, a layout made
        # again) found its bold text set in Noto Sans's bold, neither face it took for bold, and printed it regular.
        set_bold = fonts.face_for(node.text, True)
        bold = node.fontName in (default.bold, fonts.bold) or node.fontName == set_bold
        node.fontName = (set_bold if bold else fonts.face_for(node.text)) or fonts.fallback_face  # None: see the glyph check


def _drawing_colours(drawing: Drawing) -> tuple[str, ...]:
    """The fill and stroke colours an SVG drawing uses most, most used first (at most four)."""
    counts: dict[str, int] = {}

    def walk(node: object) -> None:
        for attribute in ("fillColor", "strokeColor"):
            colour = getattr(node, attribute, None)
            if colour is not None and hasattr(colour, "hexval") and getattr(colour, "alpha", 1) > 0.5:
                key = "#" + colour.hexval()[2:8].upper()
                counts[key] = counts.get(key, 0) + 1
        for child in getattr(node, "contents", []) or []:
            walk(child)

    walk(drawing)
    return tuple(sorted(counts, key=lambda key: -counts[key])[:4])


def transparent(image: Image.Image) -> bool:
    """Whether a decoded picture (L, LA, RGB or RGBA: see _eight_bit) has transparency."""
    return image.mode in ("LA", "RGBA")


def in_grey(image: Image.Image) -> Image.Image:
    """A decoded picture in grey, its transparency kept, as the sheets print pictures with --greyscale."""
    return image.convert("LA" if transparent(image) else "L")


def _print_ready(picture: Picture, pixels_wide: int, flatten: bool, greyscale: bool) -> ImageReader:
    assert picture.raster is not None
    image = picture.raster
    if image.width > pixels_wide:
        image = image.copy()
        image.thumbnail((pixels_wide, pixels_wide * 100), Image.Resampling.LANCZOS, reducing_gap=3.0)
    has_alpha = transparent(image)
    image = image.convert("RGBA") if has_alpha else image.convert("RGB")
    if has_alpha and flatten:  # transparent areas print as white paper
        ground = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(ground, image).convert("RGB")
        has_alpha = False
    if greyscale:
        image = in_grey(image)
    few_colours = image.getcolors(LINE_ART_COLOURS) is not None
    if has_alpha or few_colours:
        return ImageReader(image)  # line art: lossless
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    buffer.seek(0)
    return ImageReader(buffer)  # a photo: embedded as JPEG


@contextlib.contextmanager
def _inline_images_as_text() -> Iterator[None]:
    """Pictures embedded in an SVG are drawn as inline images, which reportlab writes into the page's text
    stream: only as ASCII85 can they join it (pages themselves stay binary; see flowables' settings)."""
    saved = rl_config.useA85
    rl_config.useA85 = 1
    try:
        yield
    finally:
        rl_config.useA85 = saved


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
    fonts: Fonts | None = None,
    floor: float = 0,
) -> None:
    """Draw `picture` into the box at (x, y), keeping its proportions, anchored bottom left; a drawing's text
    in `fonts` (the sheet's), as its letters' outlines where it would print under `floor` points (see
    handouts.media.outlines)."""
    w, h = picture.fit(width, height)
    if picture.vector is not None:
        from reportlab.graphics.renderbase import renderScaledDrawing

        from handouts.media.outlines import renderer

        if fonts is not None:
            _in_faces(picture.vector, fonts)
        canvas.saveState()
        canvas.translate(x, y)
        canvas.scale(w / picture.width, h / picture.height)
        box = canvas.beginPath()  # what a drawing draws past its own width and height is cut off, as a browser does
        box.rect(0, 0, picture.width, picture.height)
        canvas.clipPath(box, stroke=0, fill=0)
        with _inline_images_as_text(), _placed_printed(picture.vector, w / picture.width / 72 * DPI):
            renderer(floor, greyscale).draw(renderScaledDrawing(picture.vector), canvas, 0, 0)
        canvas.restoreState()
        return
    printed.note(picture.path, (round(picture.width), round(picture.height)), w, h)
    pixels = max(1, math.ceil(w / 72 * DPI))
    reader, prototype = _printable(picture, pixels, flatten, greyscale, rl_config.useA85)
    _register(canvas, prototype)
    canvas.drawImage(reader, x, y, w, h, mask="auto")  # finds the object registered, and draws it


Printable = tuple[ImageReader, PDFImageXObject]


def _printable(picture: Picture, pixels_wide: int, flatten: bool, greyscale: bool, ascii: int) -> Printable:
    """`picture` `pixels_wide` across, flattened on white or in greyscale as asked, for reportlab to draw, and the
    image object it draws: made once a process and copied into each PDF that draws it (a build draws the logo in
    four PDFs, a batch in hundreds), kept while PRINTED_BYTES hold it. Keyed too by the text-only setting the
    compression was made under."""
    key = (picture, pixels_wide, flatten, greyscale, ascii)
    made = _printed.get(key)
    if made is None:
        reader = _print_ready(picture, pixels_wide, flatten, greyscale)
        made = _printed.put(key, (reader, _image_object(reader)))
    return made


def _printable_bytes(made: Printable) -> int:
    """What a picture made ready holds: its pixels as reportlab reads them (and once more, as a picture or a JPEG
    file), their transparency, and the compressed object."""
    reader, image = made
    alpha = reader._dataA
    return 2 * len(reader.getRGBData()) + (len(alpha.getRGBData()) if alpha else 0) + len(image.streamContent)


_printed: ByteBudget[tuple[Picture, int, bool, bool, int], Printable] = ByteBudget(PRINTED_BYTES, _printable_bytes)


def _image_object(reader: ImageReader) -> PDFImageXObject:
    """The image object reportlab's drawImage(reader, mask="auto") makes, under the name it gives it (a digest of
    the pixels and their transparency), pixels compressed, with the soft mask of its transparency."""
    pixels = reader.getRGBData()  # which also reads the transparency
    alpha = reader._dataA
    name = _digester(pixels + (alpha.getRGBData() if alpha else b"auto"))
    image = PDFImageXObject(name, reader, mask="auto")
    image.name = name
    return image


def _register(canvas: Canvas, prototype: PDFImageXObject) -> None:
    """Register a copy of `prototype` (and of its soft mask) in `canvas`'s document as drawImage would on first
    drawing it, unless it is there already."""
    document = canvas._doc
    registered = document.getXObjectName(prototype.name)
    if registered in document.idToObject:
        return
    image = copy.copy(prototype)
    canvas._setXObjects(image)
    document.Reference(image, registered)
    document.addForm(prototype.name, image)
    smask = getattr(prototype, "_smask", None)
    if smask:
        del image._smask
        mask_registered = document.getXObjectName(smask.name)
        if mask_registered in document.idToObject:
            image.smask = PDFObjectReference(mask_registered)
        else:
            mask = copy.copy(smask)
            canvas._setXObjects(mask)
            image.smask = document.Reference(mask, mask_registered)


def for_layout(base: Path, src: str, where: str, language: str) -> Picture:
    """The picture a layout's <picture src> names, relative to the content file, for a routine in `language`; a
    TemplateError naming the template if unusable (content pictures were checked on loading, but a clinic's
    template may name its own)."""
    from handouts.errors import TemplateError

    try:
        return load_named(base, src, language)
    except PictureError as exc:
        raise TemplateError(where, f"<picture src={src[:80]!r}>: {exc}") from None
