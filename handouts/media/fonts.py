"""Fonts: the brand's face (Atkinson Hyperlegible by default), a fallback for
glyphs it lacks (Noto Sans), and the check that no character goes unprinted.

Registration with reportlab is cached per process: parsing a TrueType file is
the slowest step of a build.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import hashlib
import importlib.resources
import io
import itertools
import json
import re
import struct
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import fontpkg
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from handouts.input.files import UnreadableFileError, file_stamp, is_web_page, read_bytes
from handouts.media.fontfile import (
    check_character_map,
    check_glyphs,
    default_weight,
    drawn_characters,
    italic_face,
    static_weight,
    unprintable_width,
    usable_postscript_name,
    within_reach,
)
from handouts.words.ink import composed, selects_a_variant

DEFAULT_FAMILY = "Atkinson Hyperlegible"
FALLBACK_FAMILY = "Noto Sans"
# The families handouts depends on, by their slug, and the package that ships each: read from that package, not
# found by fontpkg's registry, which asks every installed distribution for its entry points (twice) first.
PACKAGED = {"atkinson-hyperlegible": "fontpkg_atkinson_hyperlegible", "noto-sans": "fontpkg_noto_sans"}


class FontLoadError(Exception):
    """A font that cannot be used; the loader turns it into a file:line problem. `missing` is the file not
    found, if that is what is wrong, and `hint` what follows its name (a file whose name differs only in
    capitals), so that the loader can name it as brand.yaml does."""

    def __init__(self, message: str = "", missing: Path | None = None, hint: str = "") -> None:
        self.missing, self.hint = missing, hint
        super().__init__(self.said_of(str(missing)) if missing else message)

    def said_of(self, written: str) -> str:
        """The message, naming a file not found as `written` rather than by the whole path it was looked for at."""
        return f"file not found: {written}{self.hint}" if self.missing else str(self)


def printable(ch: str) -> bool:
    """Whether `ch` needs a glyph (spaces, control and format characters and variation selectors do not). A
    private-use character does: it is a symbol font's own (Word's bullet, U+F0B7), which no font here draws
    unless a fallback font has it."""
    return not (ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Cs") or selects_a_variant(ch))


def _name(path: Path, stamp: tuple[int, int] | None = None) -> str:
    """The name reportlab knows the font file at `path` by, as it was at `stamp` (default: as it is now)."""
    return "H-" + hashlib.sha1(f"{path}\0{stamp or file_stamp(path)}".encode()).hexdigest()[:10]


def _parse(path: Path) -> tuple[TTFont, frozenset[str]]:
    """One TTF file parsed (the slowest step of a build, so once per process while the file is unchanged) and
    the characters it has."""
    return _parsed(path, file_stamp(path))


@functools.lru_cache(maxsize=32)
def _parsed(path: Path, stamp: tuple[int, int] | None) -> tuple[TTFont, frozenset[str]]:
    try:
        data = read_bytes(path, "font")
    except UnreadableFileError as exc:
        raise (FontLoadError(missing=path, hint=exc.hint) if exc.missing else FontLoadError(f"{path.name} {exc}")) from None
    try:
        shipped = path in _SHIPPED
        if not shipped:
            check_character_map(data)
            data = usable_postscript_name(data)
        font = TTFont(_name(path, stamp), io.BytesIO(data))
        if not shipped:
            check_glyphs(font)
    except (TTFError, OSError, ValueError, AssertionError, struct.error, LookupError, ArithmeticError, TypeError, AttributeError):
        # A damaged or hostile file fails deep in reportlab's parser in many ways; each means the same to a user.
        # (A font that names no PostScript name raises AttributeError there: reportlab misspells its own setting.)
        raise FontLoadError(f"{path.name} is not a TrueType font (.ttf) that can be embedded{_other_format(data)}") from None
    odd = None if shipped else unprintable_width(font)
    if odd is not None:
        what = "its space" if odd == " " else f"the letter {odd!r}"
        raise FontLoadError(
            f"{path.name} gives {what} a width of {font.face.charWidths.get(ord(odd), 0) / 1000:.3g} em, so its "
            "text cannot be set: the font is damaged; give another copy of it"
        )
    if _embedding_forbidden(font):
        raise FontLoadError(
            f"{path.name}'s licence does not allow it to be embedded in a document as a subset (its OS/2 fsType says so): "
            "use another font, or ask its maker for a licence that does"
        )
    _name_apart(font, hashlib.sha1(data).hexdigest())
    if not shipped:
        within_reach(font)
    # reportlab asks a font for its ascent and descent for every fragment of every line it breaks, and reads a
    # TrueType font's from its face only once the font itself has failed to answer: an error raised and caught
    # each time (thousands of times a routine). The font answers them itself, with its face's numbers.
    font.ascent, font.descent = font.face.ascent, font.face.descent
    return font, drawn_characters(font)


# Files given as a font that the PDFs cannot embed, by how they begin: what each is, and what to give instead.
TTF_INSTEAD = "give a TrueType (.ttf) version of the font"
OTHER_FORMATS = {
    b"wOFF": f"a WOFF web font; {TTF_INSTEAD}",
    b"wOF2": f"a WOFF2 web font; {TTF_INSTEAD}",
    b"OTTO": f"an OpenType font with PostScript (CFF) outlines; {TTF_INSTEAD}",
    b"PK\x03\x04": "a ZIP archive; unpack it and give the .ttf file inside",
}


def _other_format(data: bytes) -> str:
    """': it is a WOFF web font; give a TrueType (.ttf) version of the font' for a kind of file often given as
    a font that the PDFs cannot embed (a website's font, a .otf of PostScript outlines, a download not unpacked,
    or the page a download link led to), else ''."""
    if is_web_page(data):
        return ": it is a web page (the download saved the page, not the font); download the .ttf file itself"
    return next((f": it is {kind}" for start, kind in OTHER_FORMATS.items() if data.startswith(start)), "")


def _embedding_forbidden(font: TTFont) -> bool:
    """Whether the font's maker forbids what the PDFs do with it, embed the glyphs a sheet uses (OpenType OS/2
    fsType: "restricted licence", "no subsetting", or "bitmap only", its outlines not at all); reportlab
    embeds a subset of any font by default, whatever it says. Of bits 1 to 3, the least restrictive one set
    counts (OpenType says so of old fonts that set several); bit 0 is reserved, and says nothing: a font giving
    3 is restricted."""
    try:
        fs_type = struct.unpack(">H", font.face.get_table("OS/2")[8:10])[0]
    except (KeyError, struct.error, TypeError):
        return False
    return fs_type & 0x000E == 0x0002 or bool(fs_type & 0x0300)


_FACES: dict[bytes, str] = {}  # each PostScript name a font was given to reportlab under, and its file's digest


def _name_apart(font: TTFont, digest: str) -> None:
    """reportlab files a TrueType font under its PostScript name as well, and takes a later font of a name it
    knows for the earlier one: a clinic's own cut of a font (or a new version of one in a running `serve`)
    printed with the other file's glyphs, a letter that file lacks as an empty box. A file whose name another
    file had first is renamed apart (a suffix of its digest, in the PDF's font names too); the same file under
    two paths keeps its name, and is one font."""
    name = font.face.name
    if _FACES.setdefault(name, digest) != digest:
        font.face.name = b"%s-%s" % (name, digest[:8].encode())
        _FACES.setdefault(font.face.name, digest)


class Weight(NamedTuple):
    """The weight a font file prints in, and why it can print in no other."""

    weight: float
    variable: bool  # a variable font: the PDFs embed only its default weight
    fonts: int = 1  # a collection (.ttc) of several: the sheets use its first


def weight(path: Path) -> Weight | None:
    """The weight the font at `path` prints in (a variable font its default one, a collection its first font's);
    None where the file says no weight. FontLoadError if the file is not a font the sheets can use (read once;
    later uses are free)."""
    font = _parse(path)[0]
    variable = default_weight(font)
    if variable is not None:
        return Weight(variable, True)
    static = static_weight(font)
    return None if static is None else Weight(static, False, getattr(font.face, "numSubfonts", 1))


def spaced(path: Path) -> bool:
    """Whether the font at `path` has a space to set between words (FontLoadError as for `weight`): a symbol font
    (its letters at U+F020 on, as Wingdings has them) has none, and each space set in it printed as an empty box."""
    return " " in _parse(path)[1]


def slanted(path: Path) -> bool:
    """Whether the font at `path` is an italic (or oblique) face (FontLoadError as for `weight`)."""
    return italic_face(_parse(path)[0])


def family(path: Path) -> str:
    """The family the font at `path` says it belongs to (its name table's), as written there."""
    return _parse(path)[0].face.familyName.decode("utf-8", "replace").strip()  # reportlab keeps it as UTF-8


def same_family(one: str, other: str) -> bool:
    """Whether two fonts' family names name one family: a SemiBold face may say its family is 'Foo SemiBold'."""
    one, other = one.casefold(), other.casefold()
    return one.startswith(other) or other.startswith(one)


def x_height(path: Path) -> float:
    """The font's x-height as a fraction of its size, from its OS/2 table (half the size if it has none)."""
    return _x_height(_parse(path)[0])


@functools.lru_cache(maxsize=32)
def _x_height(font: TTFont) -> float:
    try:
        table = font.face.get_table("OS/2")
        version, height = struct.unpack(">H", table[:2])[0], struct.unpack(">h", table[86:88])[0]
    except (KeyError, struct.error, TypeError):
        return 0.5
    return height / font.face.unitsPerEm if version >= 2 and height > 0 else 0.5


def _register(path: Path) -> tuple[str, frozenset[str]]:
    """`path` registered with reportlab (again, if a host process reset its registry); its name and characters."""
    font, chars = _parse(path)
    if font.fontName not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(font)
    return font.fontName, chars


_SHIPPED: set[Path] = set()  # the files of installed font packages: read as shipped, not checked as a clinic's are


@functools.lru_cache(maxsize=8)
def _family(name: str) -> fontpkg.Family:
    """A font family by name: one of PACKAGED from its package, any other from fontpkg's registry
    (fontpkg.FamilyNotInstalled when it has none)."""
    package = PACKAGED.get(fontpkg.slugify(name))
    if package is not None:
        try:
            root = importlib.resources.files(package)
            return fontpkg.family_from_metadata(json.loads((root / "metadata.json").read_text(encoding="utf-8")), root)
        except (ImportError, OSError, ValueError):  # not installed, or not as expected: as the registry finds it
            pass
    return fontpkg.family(name)


def _font_path(family: str, weight: int, style: str = "normal", nearest: bool = False) -> Path:
    """As fontpkg.path, of the family _family finds."""
    return fontpkg.select_file(_family(family), fontpkg.normalize_weight(weight), fontpkg.normalize_style(style), nearest).path


@functools.lru_cache(maxsize=8)
def _family_files(family: str) -> dict[str, Path]:
    try:
        fam = _family(family)
    except fontpkg.FamilyNotInstalled:
        slug = fontpkg.slugify(family)
        installed = sorted(fontpkg.families())
        # 'atkinson' for atkinson-hyperlegible; and no pip command for a name no package can have ('../x').
        close = [name for name in installed if slug and name.startswith(slug)] or difflib.get_close_matches(slug, installed, 1)
        if close:
            said = f" (did you mean '{close[0]}'?)"
        elif re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
            # installed with pipx (as the README says), handouts has an environment of its own, which pip's misses;
            # fontpkg packages free fonts only, so a name such as Arial may have none
            said = (
                f": install its package where handouts is, if fontpkg has one (pipx inject handouts fontpkg-{slug}, or "
                f"pip install fontpkg-{slug}), or give your own font files: font: {{regular: a.ttf, bold: b.ttf}}"
            )
        else:
            said = f" (installed: {', '.join(installed)}; or give 'regular' and 'bold' TTF files)"
        raise FontLoadError(f"font family {family!r} is not installed{said}") from None
    files = {"regular": _font_path(family, 400, nearest=True), "bold": _font_path(family, 700, nearest=True)}
    if "italic" in fam.styles:
        files["italic"] = _font_path(family, 400, "italic", nearest=True)
        files["bolditalic"] = _font_path(family, 700, "italic", nearest=True)
    _SHIPPED.update(files.values())
    return files


def _fallback_path() -> Path:
    path = _font_path(FALLBACK_FAMILY, 400)
    _SHIPPED.add(path)
    return path


# The symbols neither the brand's font nor Noto Sans has: arrows (→, as Word writes ->), ticks and crosses (✓ ✗),
# tick boxes (☐), stars, the warning sign (⚠), mathematical signs (≤ ≥ where a clinic's font lacks them), circled
# numbers, as DejaVu Sans draws them (a subset of it, renamed; its licence beside it). Tried last, in every style.
SYMBOLS = Path(__file__).parent / "symbols" / "HandoutsSymbols.ttf"


def _symbols() -> tuple[str, frozenset[str]]:
    _SHIPPED.add(SYMBOLS)
    return _register_alone(*_register(SYMBOLS))


_fallback_loaded = False


def _fallback() -> tuple[str, frozenset[str]]:
    """Noto Sans, its default (regular) instance for every style; bold text is set in its bold (see `Fonts.bolder`)
    by name. Parsed the first time a character needs it, not before."""
    global _fallback_loaded
    _fallback_loaded = True
    return _register_alone(*_register(_fallback_path()))


def _register_alone(name: str, chars: frozenset[str]) -> tuple[str, frozenset[str]]:
    """`name`, a registered fallback face, mapped to itself for bold and italic too: a run named in it prints in it,
    whatever the style around it (a bold of it is named where it is wanted: see Fonts.bolder)."""
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)
    return name, chars


# What the engine may set in a run of fallback text besides the texts' own characters: the hyphen a word broken
# across lines ends with (and the soft hyphens it may break at), the ellipsis a name cut short ends with, the
# digits of a number it puts in a word.
SET_IN_RUNS = frozenset("-\u00ad\u20260123456789")


@functools.lru_cache(maxsize=8)
def _bold_fallback(chars: frozenset[str]) -> tuple[TTFont, frozenset[str]]:
    """Noto Sans's bold of those of `chars` (and SET_IN_RUNS) it has, parsed: made once per process for each set
    of characters (a routine's; see Fonts.printing), the first time bold text needs it."""
    from handouts.media.instance import bold_instance  # fontTools: only where a bold is made

    path = _fallback_path()
    data = bold_instance(path, (chars | SET_IN_RUNS) & _parse(path)[1])
    digest = hashlib.sha1(data).hexdigest()
    font = TTFont(f"H-{digest[:10]}", io.BytesIO(data))
    # Each routine's bold is a font of its own, and reportlab takes a font whose name it knows for the first of
    # that name: named apart by its glyphs, so that a routine's bold has the same name in every process.
    font.face.name = b"%s-%s" % (font.face.name, digest[:8].encode())
    font.ascent, font.descent = font.face.ascent, font.face.descent  # as _parsed, for the same reason
    return font, frozenset(chr(code) for code, glyph in font.face.charToGlyph.items() if glyph)


@dataclass(frozen=True)
class Fonts:
    """The faces of one brand and the characters they can print; Noto Sans for characters they lack, and the
    shipped symbols (SYMBOLS) for those it lacks too."""

    regular: str
    bold: str
    italic: str
    bolditalic: str
    covered: frozenset[str]  # the characters every face has; the others are printed in a fallback, in every style
    files: tuple[Path, ...]  # regular, bold, italic, bold italic
    extra: tuple[Path, ...] = ()  # the clinic's own fallbacks, tried after Noto Sans (a CJK or Arabic font)
    # The characters of a routine's texts that need a fallback font (see `printing`), and of the words typed for
    # one patient (see `typing`): Noto Sans's bold is made of them.
    printed: frozenset[str] = frozenset()
    routine: frozenset[str] = frozenset()  # those of the routine's own texts

    @property
    def fallback_face(self) -> str:
        return _name(_fallback_path())

    @property
    def fallback_covered(self) -> frozenset[str]:
        return frozenset().union(*(chars for _, chars in self._fallbacks()))

    def _fallbacks(self) -> list[tuple[str, frozenset[str]]]:
        """Noto Sans, then the clinic's own fallbacks, then the shipped symbols (each of one weight: set regular in
        bold text too)."""
        return [_fallback(), *(_register_alone(*_register(path)) for path in self.extra), _symbols()]

    def printing(self, texts: Iterable[str]) -> Fonts:
        """These fonts for a routine that prints `texts`: Noto Sans's bold (made only where bold text needs it) is
        made of every character of each text the brand's faces lack a letter of. Text the routine does not know
        before it is laid out (a template's own words) is set in its bold where that has its characters, else
        regular; a patient's name and note are added by `typing`."""
        chars = self._needing(texts)
        return dataclasses.replace(self, printed=chars, routine=chars) if chars else self

    def typing(self, texts: Iterable[str]) -> Fonts:
        """These fonts (a routine's, see `printing`) for one patient, whose name and note (`texts`) print in
        Noto Sans's bold whole where they are bold, as the routine's texts do: a name bold in the prepared-for
        line printed a word in letters the routine's texts lack in the regular, and the words beside it bold."""
        chars = self.routine | self._needing(texts)
        return self if chars == self.printed else dataclasses.replace(self, printed=chars)

    def _needing(self, texts: Iterable[str]) -> frozenset[str]:
        """Every character of each of `texts` the brand's faces lack a letter of."""
        return frozenset(ch for text in texts if not self.covered.issuperset(text) for ch in text)

    def is_bold(self, face: str) -> bool:
        """Whether `face` is the brand's bold (or bold italic) face."""
        return face in (self.bold, self.bolditalic)

    def bolder(self, face: str | None, text: str) -> str | None:
        """The face `text`, set in `face` (None: the brand's own), prints in where it is bold: Noto Sans's bold
        (made the first time it is asked for) where `face` is Noto Sans, the brand has a bold face of its own to
        match, and the bold of the routine's characters has every one of `text`; else `face` (the clinic's own
        fallback fonts are of one weight)."""
        if face is None or not self.printed or self.bold == self.regular:
            return face
        regular, has = _fallback()
        if face != regular:
            return face
        font, chars = _bold_fallback(self.printed)
        if (set(text) - chars) & has:  # a character its regular has and this bold lacks (a patient's name's)
            return face
        if font.fontName not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(font)
        return _register_alone(font.fontName, chars)[0]

    def x_height(self, bold: bool = False) -> float:
        """The regular (or bold) face's x-height as a fraction of the font size."""
        return x_height(self.files[1 if bold else 0])

    def register(self) -> None:
        """Make sure reportlab knows every face and which is bold or italic (cheap; a host process may have
        reset reportlab's registry since the fonts were loaded)."""
        names = [_register(path)[0] for path in self.files]
        # <b> and <i> in paragraph markup find their face through this mapping.
        for (is_bold, italic), face in zip(((0, 0), (1, 0), (0, 1), (1, 1)), names, strict=True):
            addMapping(names[0], is_bold, italic, face)
        if _fallback_loaded or self.extra:
            self._fallbacks()

    def lacks(self, chars: Iterable[str]) -> bool:
        """Whether the regular face lacks any of `chars` (`covered` is what every face has)."""
        return not set(chars) <= _register(self.files[0])[1]

    def missing(self, text: str) -> list[str]:
        """Printable characters in `text` that neither the face nor the fallback has, as the layout prints it
        (each accented letter one character: see handouts.layout.parse)."""
        if self.covered.issuperset(text):  # read character by character: no set is made of the text's
            return []
        text = composed(text)
        return sorted({ch for ch in text if ch not in self.covered and ch not in self.fallback_covered and printable(ch)})

    def face_for(self, text: str, bold: bool = False) -> str | None:
        """The face a drawing's text prints in, whole (each text of a drawing is one run in one font): the brand's
        (its bold where asked) where it has every character, else the first fallback that has them all (Noto
        Sans, then the clinic's own, as in `runs`; Noto Sans's bold where asked); None where no one font has
        them all."""
        if set(text) <= self.covered:
            return self.bold if bold else self.regular
        needed = {ch for ch in text if printable(ch)}
        found = next((face for face, chars in self._fallbacks() if needed <= chars), None)
        return self.bolder(found, text) if bold else found

    def runs(self, text: str, bold: bool = False) -> list[tuple[str | None, str]]:
        """`text` in runs of characters and the fallback face each needs (None: the brand's own face has them,
        or no font has them: the glyph check refuses those before anything is drawn). A word the face lacks a
        letter of is set whole in the first fallback that has all its letters, not in two typefaces (Atkinson
        Hyperlegible has the Greek π and μ, for mathematics, and no other Greek letter). Where `bold`, a
        fallback run is in that fallback's bold, where it has one (see `bolder`)."""
        if set(text) <= self.covered:
            return [(None, text)]
        fallbacks = self._fallbacks()

        def face_of(ch: str) -> str | None:
            if ch in self.covered:
                return None
            return next((face for face, chars in fallbacks if ch in chars), None)

        def faces(word: str) -> list[tuple[str | None, str]]:
            needed = {ch for ch in word if printable(ch)}
            whole = next((face for face, chars in fallbacks if needed <= chars), None) if needed - self.covered else None
            return [(whole, word)] if whole else [(face_of(ch), ch) for ch in word]

        pieces = [piece for word in re.split(r"(\s+)", text) if word for piece in faces(word)]
        found = [(face, "".join(chunk for _, chunk in run)) for face, run in itertools.groupby(pieces, key=lambda p: p[0])]
        return [(self.bolder(face, chunk), chunk) for face, chunk in found] if bold else found


def load_fonts(
    family: str | None = None, regular: Path | None = None, bold: Path | None = None, extra: tuple[Path, ...] = ()
) -> Fonts:
    """A fontpkg family (default Atkinson Hyperlegible) or a regular/bold TTF pair, registered with reportlab,
    and `extra` TTF files for characters neither it nor Noto Sans has."""
    files = _family_files(family or DEFAULT_FAMILY) if regular is None else {"regular": regular, "bold": bold or regular}
    paths = (files["regular"], files["bold"], files.get("italic", files["regular"]), files.get("bolditalic", files["bold"]))
    faces = [_register(path) for path in paths]
    for path in extra:
        _register(path)  # a file that is not a font is an error now, not at the first character it lacks
    # Only what every face has: a heading's letter the bold face lacks would print as nothing at all.
    covered = frozenset.intersection(*(chars for _, chars in faces))
    fonts = Fonts(*(name for name, _ in faces), covered=covered, files=paths, extra=tuple(extra))
    fonts.register()
    return fonts
