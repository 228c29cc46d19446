"""Reading a user's file safely: regular files only, with a size limit checked before reading.

Every input (content, brand, CSL style, patients CSV, fonts, pictures) is read here. A named pipe, a
device or a socket would hang the tool or read without end, so they are refused by what they are,
before anything is opened for reading; the limit is checked on the open file, so a file swapped in
between cannot get past it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import unicodedata
import zipfile
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

from handouts.words.ink import codes

MiB = 1024 * 1024
WINDOWS = os.name == "nt"  # where a drive (C:) or a network share starts a file's whole path
WINDOWS_PATH = 260  # characters of a path Windows reads and writes unless long paths are turned on (MAX_PATH)

# The largest file of each kind that is read at all. Generous for real inputs, small enough to stay civil.
LIMITS = {
    "yaml": 2 * MiB,
    "csl": 2 * MiB,
    "csv": 8 * MiB,
    "font": 40 * MiB,
    "picture": 50 * MiB,
    "template": 1 * MiB,
}
# Said of a file a brand or routine names outside its own folder: a downloaded file may not reach elsewhere.
OUTSIDE = "files are only read from that folder and its subfolders, so copy it there"
NOUNS = {
    "yaml": "a YAML file",
    "csl": "a CSL style",
    "csv": "a CSV file",
    "font": "a font file",
    "picture": "an image",
    "template": "a layout template",
}


class UnreadableFileError(Exception):
    """Raised with a short reason ("is a named pipe", "file not found"); callers add file, line and key.
    `missing` says the file is not there at all; `hint` then names a file whose name differs only in capitals,
    where there is one. `too_large`: the file is over its kind's limit (see LIMITS)."""

    def __init__(self, reason: str, missing: bool = False, hint: str = "", too_large: bool = False) -> None:
        super().__init__(reason + hint)
        self.missing, self.hint, self.too_large = missing, hint, too_large


# The extensions a file of each kind has, which Explorer and Finder may hide: `knee` typed for knee.yaml names it,
# and so does `assets\\logo` written in brand.yaml for the logo.png Explorer shows as 'logo'.
TYPED_SUFFIXES = {
    "yaml": (".yaml", ".yml"),
    "csv": (".csv",),
    "picture": (".png", ".jpg", ".jpeg", ".heic", ".heif", ".svg", ".svgz"),
    "font": (".ttf", ".otf"),
    "csl": (".csl",),
}


def not_found(path: Path, suffixes: tuple[str, ...] = ()) -> UnreadableFileError:
    """ "file not found", naming the file meant where only the capitals differ (`Pictures/Sit.JPG` written on a
    Mac or Windows, where case does not matter, for `pictures/sit.jpg`), or only how accented letters are
    stored (`é` as one character or as `e` and an accent: a Mac names files the second way, keyboards type the
    first, and on Linux the two are different names that print alike), or else the file that has one more
    extension, hidden by Windows (`brand.yaml.txt`), or the one Windows reads for a name ending with a dot, or
    for a name typed without an extension, the one file it names with one of `suffixes` (`knee` for knee.yaml)."""
    outside = out_of_reach(path)
    if outside is not None:
        return UnreadableFileError("file not found", missing=True, hint=f" ({outside})")
    found = real_case(path)
    wholes = _typed_whole(path, suffixes) if found is None else []
    whole = wholes[0] if wholes else None
    hint, extra = "", hidden_extension(path) if found is None and whole is None else None
    trimmed = _trimmed(path) if found is None and extra is None and whole is None else None
    if len(wholes) > 1:
        named = " and ".join(str(_from_difference(each, path)) for each in wholes)
        hint = f" (there are {named}: write the name of the one meant with its extension)"
    elif whole is not None:
        said = f"write its name with {whole.suffix}, which Explorer and Finder may hide"
        hint = f" (there is {_from_difference(whole, path)}: {said})"
    elif extra is not None:  # in the folder of the file meant: its name says which it is
        hint = f" ({hidden_said(extra.name, path.name)})"
    elif trimmed is not None:
        hint = f" (there is {_from_difference(trimmed, path)}: {TRIMMED})"
    elif found is None and in_icloud(path):
        hint = f" ({IN_ICLOUD})"
    if found is not None:
        real = _from_difference(found, path)
        capitals = _nfc(str(found)) != _nfc(str(path))
        hint = f" (there is {real}: the name must match in capitals too)"
        if str(found).casefold() != str(path).casefold():  # the accents are stored another way
            how = "each as one character" if _nfc(str(found)) == str(found) else "as a letter and an accent, as a Mac names files"
            which = "which differs in capitals and stores" if capitals else "which looks the same but stores"
            hint = f" (there is {real}, {which} its accented letters {how}: type the name again, or rename the file)"
    return UnreadableFileError("file not found", missing=True, hint=hint)


def _typed_whole(path: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The files named as `path` with one of `suffixes` after it, in any capitals (`knee` typed for knee.yaml; both
    knee.yaml and knee.yml where the two are there; `IMG_0042` for the photo IMG_0042.JPG). A name with a dot in it
    is typed so too (`knee 06.12` for knee 06.12.yaml): it was taken for one with an extension, and the file was
    said to have one extension too many, to be renamed without its .yaml."""
    if not suffixes or path.suffix.lower() in suffixes:
        return []
    try:
        with os.scandir(path.parent) as entries:
            saved = {_nfc(entry.name).casefold(): entry.name for entry in entries if entry.is_file()}
    except (OSError, ValueError):
        return []
    named = (saved.get(_nfc(path.name + suffix).casefold()) for suffix in suffixes)
    return [path.with_name(name) for name in dict.fromkeys(named) if name is not None]


# Said of a zip file named as a folder: Explorer shows one as a folder, and its "Copy as path" names a file in it so
IN_A_ZIP = (
    "extract it first (in Explorer, right-click it and choose Extract All; on a Mac, double-click it), "
    "then use the files in the folder that makes"
)


def in_a_zip(path: Path) -> str | None:
    """What to say of the zip file that `path` names as one of its folders, as Explorer shows one, or None where there
    is none: the system says only "not found" (Windows) or "not a directory" (Linux, a Mac)."""
    for parent in reversed(path.parents):
        try:
            if parent.is_file():
                return f"{parent.name} is a zip file, not a folder: {IN_A_ZIP}" if zipfile.is_zipfile(parent) else None
        except (OSError, ValueError):
            return None
    return None


def out_of_reach(path: Path) -> str | None:
    """What to say of a file not found that the system cannot reach as named (see in_a_zip and
    too_long_for_windows), or None."""
    return in_a_zip(path) or too_long_for_windows(path)


def too_long_for_windows(path: Path) -> str | None:
    """What to say of a file not found on Windows whose path is longer than Windows reads unless long paths are
    turned on (WINDOWS_PATH): Windows says only that it is not found. None elsewhere, and for a shorter path."""
    length = len(str(path.absolute())) if WINDOWS else 0
    if length < WINDOWS_PATH:
        return None
    said = "more than Windows reads unless long paths are turned on: move its folder to one with a shorter path"
    return f"its path is {length} characters, {said}"


def _from_difference(found: Path, path: Path) -> Path:
    """`found` named from where it and `path` differ: the folders they share are in the message already (a long
    one thrice)."""
    same = len(Path(os.path.commonpath([found, path])).parts) if found.is_absolute() == path.is_absolute() else 0
    return Path(*found.parts[same:]) if 0 < same < len(found.parts) else found


# Said of a name that ends with a dot or a space (`logo.png.` typed at the end of a sentence)
TRIMMED = "Windows ignores a dot or a space at the end of a name, a Mac and Linux do not: delete it"


def _trimmed(path: Path) -> Path | None:
    """The file `path` names as Windows reads it, a dot or a space at the end of each part left out, where that is
    another name and a file (None otherwise): found on Windows, not on a Mac or Linux."""
    parts = [part if part in (".", "..", path.anchor) else part.rstrip(" .") for part in path.parts]
    if parts == list(path.parts) or not all(parts):
        return None
    trimmed = Path(*parts)
    return trimmed if trimmed.is_file() else None


# Said of a file iCloud Drive keeps only online (Finder shows it with a cloud): not on this Mac until downloaded
IN_ICLOUD = "it is in iCloud Drive but not downloaded to this Mac: in Finder, choose Download Now on it"


def in_icloud(path: Path) -> bool:
    """Whether `path` is a file iCloud Drive keeps only online (before macOS 14, and with Optimise Mac Storage on,
    a file not opened for a while): in its place is a hidden `.NAME.icloud`, and Finder shows the name with a
    cloud, so the therapist sees the file the message says is not found."""
    try:
        return (path.parent / f".{path.name}.icloud").is_file()
    except (OSError, ValueError):
        return False


# One more extension: a word of letters and digits (.txt, .png), as Windows registers file types
EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,8}")


def hidden_extension(path: Path) -> Path | None:
    """The one file named as `path` with one more extension (`brand.yaml.txt`, `logo.png.png`), or None (and
    None for a name without an extension: `logo` written for logo.png is the name to complete, not the file).
    Windows hides a name's last extension: Notepad saves "brand.yaml" typed in Save as, as a text document,
    as brand.yaml.txt; "logo.png" typed over "logo" in Explorer makes logo.png.png. Both show as the name
    meant, so only a message that names the file can say what is wrong. Capitals, and how accented letters
    are stored, are ignored in the name, as Windows and a Mac ignore them (Logo.png.png for logo.png)."""
    if not path.suffix:
        return None
    meant = _nfc(path.name).casefold()
    try:
        with os.scandir(path.parent) as entries:
            matches = [
                entry.name
                for entry in entries
                if (name := _nfc(entry.name).casefold()).startswith(meant)
                and EXTENSION.fullmatch(name[len(meant) :])
                and entry.is_file()
            ]
    except (OSError, ValueError):
        return None
    return path.parent / matches[0] if len(matches) == 1 else None


def hidden_said(extra: Path | str, name: str) -> str:
    """What a message says of `extra`, a file found by :func:`hidden_extension` for the file `name`."""
    return f"there is {extra}: Windows hides its last part, {Path(extra).suffix}, so rename it to {name}"


def saved_near(path: Path) -> str | None:
    """What to say of a file saved under a name near `path`'s, which is not found: one that only capitals tell
    apart (Brand.yaml, found on a Mac or Windows, not on Linux), or one with YAML's other extension (brand.yml,
    in any capitals: BRAND.YML, as Windows may save it)."""
    found = real_case(path)  # another file than `path`'s name, or None
    if found is not None and os.path.isfile(found):
        return f"there is {found}: the name must match in capitals too"
    other = path.with_suffix(".yml") if path.suffix == ".yaml" else None
    other = other if other is None or os.path.isfile(other) else real_case(other)
    if other is not None and os.path.isfile(other):
        return f"there is {other}: it is looked for as {path.name}, so rename it"
    return None


def _nfc(name: str) -> str:
    return unicodedata.normalize("NFC", name)


def _same_name(one: str, other: str) -> bool:
    """Whether two file names differ only in capitals or in how accented letters are stored."""
    return _nfc(one).casefold() == _nfc(other).casefold()


def real_case(path: Path) -> Path | None:
    """The existing file `path` names if capitals, and how accented letters are stored, are ignored (None if
    there is none, or more than one)."""
    found = Path(path.anchor) if path.anchor else Path()
    for part in path.parts[1:] if path.anchor else path.parts:
        if part in (".", "..") or os.path.exists(found / part):
            found = found / part
            continue
        try:
            with os.scandir(found) as entries:
                matches = [entry.name for entry in entries if _same_name(entry.name, part)]
        except (OSError, ValueError):
            return None
        if len(matches) != 1:
            return None
        found = found / matches[0]
    return found if found != path and os.path.exists(found) else None


def saved_as(folder: Path, name: str, listings: dict[Path, list[str]] | None = None) -> str | None:
    """How the file `name` in `folder` is saved, where the name as written differs from it in capitals
    (`Logo.PNG` for logo.png) or by a dot or a space at the end of a part (`logo.png.`), else None (the same, or
    no file found by the name as written). A Mac and Windows find the file whatever its capitals, and Windows
    leaves out a dot or a space ending a name, so the sheets build there; on Linux (and a Mac, for the dot), or
    on another computer the folder is shared with, it is not found. Read from each folder's listing, which gives
    the names as saved; `listings`: the listings read so far, for a caller asking of many files in one folder."""
    if Path(name).anchor:  # a whole path (Windows'), which no other computer shares
        return None
    here, saved = folder, []  # each folder listed by its name as written: the one found on this system
    for part in Path(name).parts:
        try:
            names = [] if part in (".", "..") else _listing(here, listings)
        except (OSError, ValueError):
            return None
        matches = [part] if part in (".", "..", *names) else [other for other in names if _same_name(other, part)]
        matches = matches or [other for other in names if _same_name(other, part.rstrip(" ."))]
        if len(matches) != 1:
            return None
        here, saved = here / part, [*saved, matches[0]]
    differs = [_nfc(one) != _nfc(other) for one, other in zip(saved, Path(name).parts, strict=True)]
    return "/".join(saved) if any(differs) and here.is_file() else None  # accents stored otherwise: git evens that


def _listing(folder: Path, listings: dict[Path, list[str]] | None) -> list[str]:
    if listings is None:
        return os.listdir(folder)
    if folder not in listings:
        listings[folder] = os.listdir(folder)
    return listings[folder]


def saved_as_said(name: str, saved: str, fix: str = "") -> str:
    """What a warning says of the file `name`, saved as `saved` (see saved_as); `fix`: what to do, where it is not
    to write the name as saved (a name handouts itself looks for: rename the file)."""
    if _same_name("/".join(Path(name).parts), saved):
        where = "where capitals in file names do not matter, but not on Linux, where they do"
    else:
        where = "where a dot or a space at the end of a name is left out, but not on a Mac or Linux, where it is not"
    fix = fix or f"write {saved}"
    return f"{name} is saved as {saved}: found here, {where} (a folder shared through git or a server, say): {fix}"


# Said of text with a control character (NUL, ESC, Word's manual line break…) in it
CONTROLS = "no page can print a control character: delete it (it may have come with pasted text)"
EOF_MARK = "\x1a"  # Ctrl-Z: DOS and old Windows programs end a text file with it


def before_eof_mark(text: str) -> str:
    """`text` without the end-of-file marks (Ctrl-Z) an old DOS or Windows program put at its end: they end the
    file there, as those programs meant, rather than make a last line that is one control character."""
    return text.rstrip(EOF_MARK)


def control_characters(name: str) -> str | None:
    """Why `name` cannot be a file name (a NUL or another control character in it), or None."""
    bad = sorted({ch for ch in name if ord(ch) < 32 or ord(ch) == 127})
    if not bad:
        return None
    return f"a file name cannot contain control characters ({codes(bad)})"


def kind_of(mode: int) -> str:
    """What a non-regular file is, as a person would say it."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


_asked: ContextVar[set[Path] | None] = ContextVar("asked", default=None)


@contextlib.contextmanager
def noting() -> Iterator[set[Path]]:
    """Every file asked for while inside, read or looked at to see whether it changed, found or not: the files a
    build reads (a file read before and kept is still looked at), for `serve` to watch those and nothing more."""
    asked: set[Path] = set()
    token = _asked.set(asked)
    try:
        yield asked
    finally:
        _asked.reset(token)


def _note(path: Path) -> None:
    asked = _asked.get()
    if asked is not None:
        asked.add(path)


def file_stamp(path: Path) -> tuple[int, int] | None:
    """When a file was last changed, and its size (None if it cannot be looked at): changed, it is another file
    (a font, a placed picture or a routine edited while `serve` runs is read again)."""
    _note(path)
    try:
        status = path.stat()
    except (OSError, ValueError):  # ValueError: a name with a NUL in it
        return None
    return status.st_mtime_ns, status.st_size


# macOS keeps Desktop, Documents, Downloads and removable disks from a terminal app until it is allowed
MAC_PRIVACY = "on a Mac, allow your terminal app in System Settings > Privacy & Security > Files and Folders"


def reason(exc: OSError) -> str:
    """Why a file could not be read or written, as the system says it, and on a Mac where to allow it when the
    system's privacy settings refused it ("Operation not permitted")."""
    said = exc.strerror or str(exc)
    return f"{said} ({MAC_PRIVACY})" if _kept_by_mac(exc) else said


def _kept_by_mac(exc: OSError) -> bool:
    return sys.platform == "darwin" and exc.errno == errno.EPERM


def unreadable(exc: OSError) -> UnreadableFileError:
    """The system's refusal to read a file, said to follow the file's name or its name and a colon ("knee.ttf cannot
    be read (Permission denied)", "content.yaml: cannot be read (…)") as the other reasons are ("is a folder, not
    a font file"); the system's words in brackets, where the Mac's privacy settings are then named too."""
    said = exc.strerror or str(exc)
    return UnreadableFileError(f"cannot be read ({said}; {MAC_PRIVACY})" if _kept_by_mac(exc) else f"cannot be read ({said})")


def check_regular(path: Path, kind: str) -> os.stat_result:
    """The file's status if it is a regular file within the limit for `kind` (see LIMITS); else UnreadableFileError."""
    limit = LIMITS[kind]
    _note(path)
    problem = control_characters(str(path))
    if problem:
        raise UnreadableFileError(problem)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise not_found(path, TYPED_SUFFIXES.get(kind, ())) from None
    except OSError as exc:
        if isinstance(exc, NotADirectoryError) and in_a_zip(path):  # said as Windows says it: not found
            raise not_found(path) from None
        raise unreadable(exc) from None
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFileError(f"is {kind_of(info.st_mode)}, not {NOUNS[kind]}")
    if info.st_size > limit:
        raise UnreadableFileError(f"is {_size(info.st_size)}, over the {_size(limit)} limit", too_large=True)
    return info


# How a file saved by a word processor or a spreadsheet begins, rather than with text
RICH_TEXT = b"{\\rtf"  # TextEdit's rich text (its default for a new document), WordPad's
OFFICE = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .docx and .xlsx (zip files); .doc and .xls
PDF = b"%PDF-"
# A web page saved in place of the file (a download link that led to a page, or a browser's Save as of the page
# a file was shown on): by its first tag, however written, after an XHTML page's XML line and the comments a
# browser writes above it ("<!-- saved from url=(0061)https://... -->").
WEB_PAGE = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(<!doctype html|<html)", re.IGNORECASE | re.DOTALL)
GIVE_TEXT = {  # what to give instead of a PDF, by the kind of file expected
    "csv": "give the list saved from Excel as 'CSV UTF-8 (Comma delimited)'",
    "yaml": "give the .yaml file, written as text, that the PDFs are made from",
}
SAVE_AS_TEXT = {  # how to save plain text, by the kind of file expected
    "csv": "in Excel, choose Save as, 'CSV UTF-8 (Comma delimited)'",
    "yaml": "in Word, choose Save as, Plain Text, and Unicode (UTF-8); or write it in Notepad or TextEdit",
}


def not_plain_text(raw: bytes, kind: str) -> str | None:
    """What to say of a file of `kind` ("yaml" or "csv") that a word processor or a spreadsheet saved in its own
    format (a routine written in Word, a list kept as .xlsx and renamed .csv), or that is a PDF (a handout given
    for the routine it was made from: it was said as text to save as UTF-8) or a web page, or None for text."""
    if raw.startswith(RICH_TEXT):
        return "is rich text (RTF), not plain text: in TextEdit, choose Format > Make Plain Text, then save it again"
    if raw.startswith(OFFICE):
        return f"is a Word or Excel file, not plain text: {SAVE_AS_TEXT[kind]}"
    if raw.startswith(PDF):  # a handout given for its routine; a list printed to PDF
        return f"is a PDF, not text: {GIVE_TEXT[kind]}"
    return web_page(raw, kind)  # it was said as a line of YAML without its colon


def is_web_page(raw: bytes) -> bool:
    """Whether a file's bytes are a web page (see WEB_PAGE), a byte order mark before it or not."""
    return WEB_PAGE.match(raw.removeprefix(b"\xef\xbb\xbf")[:512]) is not None


def web_page(raw: bytes, kind: str) -> str | None:
    """What to say of a file of `kind` that is the web page it was shown on, saved in its place; None for another."""
    if is_web_page(raw):
        return f"is a web page, not {NOUNS[kind]}: the download saved the page the file was shown on; save the file itself"
    return None


def read_bytes(path: Path, kind: str) -> bytes:
    """The bytes of `path`, a regular file within the limit for `kind` (see LIMITS)."""
    limit = LIMITS[kind]
    check_regular(path, kind)
    # O_NONBLOCK: should a pipe be swapped in after the check, opening it does not wait for a writer.
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise unreadable(exc) from None
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise UnreadableFileError(f"is {kind_of(mode)}, not {NOUNS[kind]}")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise UnreadableFileError(f"is over the {_size(limit)} limit", too_large=True)
    return data


# A Windows drive or network share starting a whole path: C:\ or C:/, \\server\share or //server/share
DRIVE = re.compile(r"[A-Za-z]:[\\/]|[\\/]{2}[^\\/]")


def on_a_drive(name: str) -> bool:
    """Whether a file named `name` in a YAML file is on a Windows drive or network share (C:/Users/jo/logo.png,
    //server/share/logo.png) on a Mac or Linux, which would read it as a folder called 'C:' in the file's folder
    and say it is not found: it is outside that folder. On Windows such a name is the file's whole path, inside
    the folder or not as it resolves (Explorer's "Copy as path" gives one). A colon anywhere else is refused on
    every system (see colon_in_name)."""
    return not WINDOWS and bool(DRIVE.match(name))


def colon_in_name(name: str) -> str | None:
    """Why `name`, a file a YAML file or a patients list names, would be read one way on Windows and another on
    a Mac or Linux: a colon that starts no whole Windows path (C:\\ or C:/). Windows reads 'a:b.png' as b.png on
    drive A: and cannot hold a file called a:b.png, which a Mac or Linux reads. None if it has no such colon (a
    web address is said to be one where a picture is read)."""
    rest = name[2:] if DRIVE.match(name) and name[1] == ":" else name
    if ":" not in rest or "://" in name:
        return None
    said = "no file name on Windows may have (it reads 'a:' at a name's start as drive A)"
    return f"{name!r} has a colon (:) in it, which {said}: rename the file without it"


def home_folder(name: str) -> str | None:
    """Why `name`, a file a YAML file names, is not read as typed where it starts with ~ (`~/Pictures/logo.png`):
    a terminal reads ~ as the home folder, a YAML file's names are paths from its own folder (where ~ is a folder
    called '~'), so it was 'file not found'. None for any other name."""
    if name != "~" and not name.startswith(("~/", "~\\")):
        return None
    said = "which is the home folder only in a terminal: give the path from this file's folder"
    return f"'{name}' starts with ~, {said} ({OUTSIDE})"  # as written: repr doubled a backslash (~\\Pictures)


WINDOWS_FORBIDDEN = '<>:"|?*'  # characters no file or folder name may have on Windows


def forbidden_on_windows(name: str) -> str | None:
    """Why `name`, a file a YAML file or a patients list names, can be read on a Mac or Linux but not on Windows:
    a character no file name there may have (`logo|v2.png`, `sit?.jpg`: Windows cannot hold the file, nor sync
    the folder, so the brand that builds on a Mac fails there), or None. The colon: see colon_in_name."""
    found = sorted(set(name) & set(WINDOWS_FORBIDDEN) - {":"})
    if not found or "://" in name:  # a web address is said to be one where a picture is read
        return None
    return f"{name!r} has {' '.join(found)} in it, which no file name on Windows may have: rename the file without it"


def named_inside(name: str, folder: Path) -> bool:
    """Whether the file a file in `folder` names as `name` lies within `folder` (see :func:`on_a_drive`)."""
    return not on_a_drive(name) and inside(folder / name, folder)


def inside(path: Path, folder: Path) -> bool:
    """Whether `path` (symbolic links followed) lies within `folder`."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError, ValueError):  # a loop of links, a NUL in a name
        return False


def _size(count: int) -> str:
    return f"{count / MiB:.1f} MB" if count >= MiB else f"{max(1, count // 1024)} kB"


def beside(name: str, first: Path) -> tuple[Path, list[Path]]:
    """The file `name` for a command that was given `first` (a routine or a patients list) and not told where
    `name` is: beside `first`, else in each folder above it up to the current one, else in the current
    folder. Returns the file found (or the first place looked, when none is) and the places looked."""
    here = Path.cwd()
    folder = first.parent
    places = [folder / name]
    # links followed in both: Windows names a mapped drive's current folder Z:\clinic, its files' real paths
    # \\server\share\clinic; none above the current one (a routine named whole found one there, named from here not)
    if not first.is_absolute() or inside(first, here):
        places += [parent / name for parent in folder.parents if parent != Path() and inside(parent, here)]
    places.append(Path(name))
    places = list(dict.fromkeys(places))
    return next((place for place in places if os.path.isfile(place)), places[0]), places
