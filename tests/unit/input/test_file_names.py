"""Files named in a brand or a routine as a Windows user types them: backslashes, double quotes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from handouts.errors import InputError
from handouts.input import files
from handouts.input.loading import load_brand

BRAND = 'name: Example Clinic\ncolors:\n  primary: "#1F6F78"\n'


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        (r"pictures\new-logo.png", "a line break"),
        (r"pictures\01.png", "a NUL"),
        (r"pictures\team.png", "a tab"),
        (r"pictures\bird.png", "a backspace"),
        (r"pictures\Neck.png", "U+0085, which printed as \\x85 in 'file not found'"),
        (r"pictures\Logo.png", "U+2028"),
    ],
)
def test_a_windows_path_in_double_quotes_says_how_to_write_it(tmp_path: Path, typed: str, read: str) -> None:
    r"""YAML reads `\n`, `\t`, `\0`, `\N`… inside double quotes as escapes: the logo's name had a line break, a
    tab or another such character in it (`read`), and the message was 'a file name cannot contain control
    characters (U+000A)' or 'file not found', neither of which says that the backslash was the cause."""
    brand = tmp_path / "brand.yaml"
    brand.write_text(f'{BRAND}logo: "{typed}"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_brand(brand)
    meant = typed.replace("\\", "/")
    assert str(caught.value) == (
        f"{brand}:4: logo: in double quotes a backslash starts an escape, so {typed} was not read as typed: "
        f"write the path with / ({meant}), or put it in single quotes"
    )


def test_a_windows_path_in_single_quotes_or_none_is_read(tmp_path: Path) -> None:
    (tmp_path / "pictures").mkdir()
    brand = tmp_path / "brand.yaml"
    for written in (r"pictures\new-logo.png", r"'pictures\new-logo.png'", r'"pictures\\new-logo.png"'):
        brand.write_text(f"{BRAND}logo: {written}\n", encoding="utf-8")
        with pytest.raises(InputError) as caught:
            load_brand(brand)
        assert f"{brand}:4: logo: file not found: pictures/new-logo.png" in str(caught.value)


def test_a_name_with_an_extension_windows_hides_is_named(tmp_path: Path) -> None:
    """Notepad saves "brand.yaml", typed in Save as with 'Text Documents' chosen, as brand.yaml.txt; a logo
    renamed to "logo.png" in Explorer becomes logo.png.png. Windows shows both as the name meant, and the
    message was only 'file not found', about a file the therapist can see."""
    from handouts.input.yamlsource import read_yaml

    (tmp_path / "content.yaml.txt").write_text("id: knee\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_yaml(tmp_path / "content.yaml")
    assert str(caught.value) == (
        f"{tmp_path / 'content.yaml'}: file not found (there is content.yaml.txt: Windows hides its last part, .txt, "
        "so rename it to content.yaml)"
    )
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "logo.png.png").write_bytes(b"")
    brand = tmp_path / "brand.yaml"
    assert _logo_error(brand, "pictures/logo.png") == (
        f"{brand}:4: logo: file not found: pictures/logo.png (there is logo.png.png: Windows hides its last "
        "part, .png, so rename it to logo.png)"
    )


def test_a_name_with_a_hidden_extension_is_named_whatever_its_capitals(tmp_path: Path) -> None:
    """Windows and a Mac find a file whatever its capitals, so logo.png is Logo.png there; renamed in Explorer
    with its extension hidden, it became Logo.png.png, and the message was only 'file not found'."""
    (tmp_path / "Logo.png.png").write_bytes(b"")
    brand = tmp_path / "brand.yaml"
    assert _logo_error(brand, "logo.png") == (
        f"{brand}:4: logo: file not found: logo.png (there is Logo.png.png: Windows hides its last part, .png, "
        "so rename it to logo.png)"
    )


def test_a_file_icloud_drive_keeps_only_online_says_to_download_it(tmp_path: Path) -> None:
    """Before macOS 14, iCloud Drive (Optimise Mac Storage on) replaces a file not opened for a while with a
    hidden `.NAME.icloud`, and Finder shows the name with a cloud: the message was only 'file not found',
    about a file the therapist can see in Finder."""
    from handouts.input.yamlsource import read_yaml

    (tmp_path / ".content.yaml.icloud").write_bytes(b"bplist00")
    (tmp_path / ".logo.png.icloud").write_bytes(b"bplist00")
    with pytest.raises(InputError) as caught:
        read_yaml(tmp_path / "content.yaml")
    said = "it is in iCloud Drive but not downloaded to this Mac: in Finder, choose Download Now on it"
    assert str(caught.value) == f"{tmp_path / 'content.yaml'}: file not found ({said})"
    brand = tmp_path / "brand.yaml"
    assert _logo_error(brand, "logo.png") == f"{brand}:4: logo: file not found: logo.png ({said})"


def test_a_name_to_complete_or_two_files_it_could_be_are_not_named(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"")  # `logo` is to be written logo.png: renaming the file is no help
    (tmp_path / "brand.yaml.txt").write_bytes(b"")
    (tmp_path / "brand.yaml.bak").write_bytes(b"")  # which was meant is not for a message to guess
    from handouts.input.files import not_found

    assert not_found(tmp_path / "logo").hint == "" and not_found(tmp_path / "brand.yaml").hint == ""


@pytest.mark.parametrize("quoted", ["\u201c#2a7a5a\u201d", "\u2018#2a7a5a\u2019", "\u201e#2a7a5a\u201c"])
def test_a_colour_in_curly_quotes_is_the_colour(tmp_path: Path, quoted: str) -> None:
    """TextEdit (Smart Quotes on, as it comes) and Word type curly quotes for '"', and to YAML they are part of
    the value: `primary: “#2A7A5A”` was 'expected a colour like '#1F6F78', got '“#2A7A5A”'', the quotes hard to
    tell from the ones the message itself asks for."""
    brand = tmp_path / "brand.yaml"
    brand.write_text(f"name: Example Clinic\ncolors:\n  primary: {quoted}\n", encoding="utf-8")
    assert load_brand(brand).model.colors.primary == "#2A7A5A"


@pytest.mark.parametrize("typed", [r"C:\Users\jo\Pictures\logo.png", "//server/share/logo.png"])
def test_a_file_on_a_windows_drive_is_said_to_be_outside_on_every_system(tmp_path: Path, typed: str) -> None:
    r"""A brand written on Windows and used on a Mac: `C:\Users\...\logo.png` was read as a folder 'C:' beside
    brand.yaml and said 'file not found: C:/Users/...', where Windows says it is outside the folder and to copy
    it there."""
    brand = tmp_path / "brand.yaml"
    assert _logo_error(brand, f"'{typed}'") == (
        f"{brand}:4: logo: {typed.replace(chr(92), '/')} is outside the folder {tmp_path}: files are only read from "
        "that folder and its subfolders, so copy it there"
    )


def _logo_error(brand: Path, logo: str) -> str:
    """The error of a brand.yaml whose logo is written `logo`."""
    brand.write_text(f"{BRAND}logo: {logo}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_brand(brand)
    return str(caught.value)


def test_a_whole_windows_path_is_left_to_windows_to_resolve(monkeypatch: pytest.MonkeyPatch) -> None:
    r"""On Windows, C:\Users\jo\clinic\logo.png (as Explorer's "Copy as path" gives it) is the file's whole path,
    which may be inside the folder of brand.yaml: it was said to be outside it on every system, where Windows had
    read it. Only a Mac or Linux, which has no drives, takes it for outside."""
    from handouts.input import files

    monkeypatch.setattr(files, "WINDOWS", True)
    assert [files.on_a_drive(name) for name in (r"C:\Users\jo\clinic\logo.png", "//server/share/logo.png")] == [False] * 2
    monkeypatch.setattr(files, "WINDOWS", False)
    assert [files.on_a_drive(name) for name in (r"C:\Users\jo\clinic\logo.png", "//server/share/logo.png")] == [True] * 2


@pytest.mark.parametrize("windows", [False, True])
@pytest.mark.parametrize("logo", ["a:b.png", "D:logo.png", "pictures/a:b.png"])
def test_a_colon_in_a_files_name_is_refused_alike_on_every_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, windows: bool, logo: str
) -> None:
    """A logo 'a:b.png' was b.png on drive A: to Windows, and to a Mac or Linux a file 'a:b.png' there, yet said
    to be 'outside the folder' though it was beside brand.yaml. Only C:\\ or C:/ starts a drive's whole path; any
    other colon is said to be one no Windows file name may have, on every system, at its line."""
    from handouts.input import files

    monkeypatch.setattr(files, "WINDOWS", windows)
    (tmp_path / "pictures").mkdir()
    (tmp_path / logo).write_bytes(b"")  # there, on this system: still refused, as Windows would have to
    said = "has a colon (:) in it, which no file name on Windows may have (it reads 'a:' at a name's start as drive A)"
    assert _logo_error(tmp_path / "brand.yaml", f"'{logo}'") == (
        f"{tmp_path / 'brand.yaml'}:4: logo: {logo!r} {said}: rename the file without it"
    )
    assert [files.on_a_drive(name) for name in ("a:b.png", "D:logo.png")] == [False, False]


@pytest.mark.parametrize(("logo", "found"), [("logo|v2.png", "|"), ("pictures/sit?.png", "?"), ("a<b>*.png", "* < >")])
def test_a_character_windows_forbids_in_a_files_name_is_refused_on_every_system(tmp_path: Path, logo: str, found: str) -> None:
    """A Mac names a file `logo|v2.png` or `sit?.png`, and the brand built there; the clinic's Windows laptop can
    hold no such file (nor sync the folder), and failed. Refused on every system, as a colon is, at its line."""
    (tmp_path / "pictures").mkdir()
    (tmp_path / logo).write_bytes(b"")  # there, on this system
    assert _logo_error(tmp_path / "brand.yaml", f"'{logo}'") == (
        f"{tmp_path / 'brand.yaml'}:4: logo: {logo!r} has {found} in it, which no file name on Windows may have: "
        "rename the file without it"
    )


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("Logo.PNG", "logo.png"),  # the logo, saved in small letters
        ("Pictures/logo.png", "pictures/logo.png"),  # its folder
        ("./Pictures/../pictures/Logo.png", "pictures/../pictures/logo.png"),  # as written, but for the capitals
        ("pictures/logo.png", None),  # as saved
        ("pictures/missing.png", None),  # not found: said as such when read
        ("Pictures", None),  # a folder, not a file
    ],
)
def test_a_name_in_other_capitals_says_how_the_file_is_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str, said: str | None
) -> None:
    """On a Mac or Windows (simulated: every name, as written, finds the file; the listing gives it as saved)."""
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "logo.png").write_bytes(b"")
    (tmp_path / "logo.png").write_bytes(b"")
    real = os.listdir

    def insensitive(path: str | Path = ".") -> list[str]:
        return real(Path(str(path).lower()))

    monkeypatch.setattr(os, "listdir", insensitive)
    monkeypatch.setattr(Path, "is_file", lambda path: os.path.isfile(str(path).lower()))
    assert files.saved_as(tmp_path, written) == said


@pytest.mark.parametrize(
    ("written", "saved", "said"),
    [
        ("pictures/logo.png.", "pictures/logo.png", "a dot or a space at the end of a name is left out, but not on a Mac"),
        ("pictures /logo.png", "pictures/logo.png", "a dot or a space at the end of a name is left out, but not on a Mac"),
        ("./Pictures/../pictures/Logo.png", "pictures/../pictures/logo.png", "capitals in file names do not matter"),
    ],
)
def test_a_name_windows_alone_finds_is_warned_of_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str, saved: str, said: str
) -> None:
    """`logo: pictures/logo.png.` (typed as the end of a sentence) finds logo.png on Windows, which leaves out a dot
    or a space ending a name, and the sheets built there without a word; on a Mac it is not found. Simulated:
    each name is read as Windows reads it."""
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "logo.png").write_bytes(b"")
    real = os.listdir

    def as_windows(path: object) -> str:
        return re.sub(r"(?<=[^/.])[. ]+(?=/|$)", "", str(path)).lower()

    monkeypatch.setattr(os, "listdir", lambda path=".": real(as_windows(path)))
    monkeypatch.setattr(Path, "is_file", lambda path: os.path.isfile(as_windows(path)))
    found = files.saved_as(tmp_path, written)
    assert found == saved
    assert f": found here, where {said}" in files.saved_as_said(written, found)


def test_a_name_as_saved_is_left_alone_where_capitals_matter(tmp_path: Path) -> None:
    """On Linux `Logo.png` beside logo.png is another file, and one of the name as written is not found."""
    (tmp_path / "logo.png").write_bytes(b"")
    (tmp_path / "Logo.png").write_bytes(b"")
    assert files.saved_as(tmp_path, "logo.png") is None and files.saved_as(tmp_path, "Logo.png") is None
    assert files.saved_as(tmp_path, "LOGO.PNG") is None  # two it could be, and neither found by that name
    assert files.saved_as(tmp_path, "C:/Users/jo/logo.png") is None


@pytest.mark.parametrize(
    ("written", "there"),
    [
        ("pictures/logo.png.", "logo.png"),
        ("pictures /logo.png", "pictures/logo.png"),
        ("pictures./logo.png ..", "pictures/logo.png"),
    ],
)
def test_a_name_ending_with_a_dot_says_that_windows_alone_ignores_it(tmp_path: Path, written: str, there: str) -> None:
    """`logo: pictures/logo.png.` (typed as the end of a sentence) finds logo.png on Windows, which leaves out a dot
    or a space at the end of a name: shared with a Mac, it was 'file not found' with nothing to show why."""
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "logo.png").write_bytes(b"")
    brand = tmp_path / "brand.yaml"
    brand.write_text(f'{BRAND}logo: "{written}"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_brand(brand)
    assert str(caught.value) == (
        f"{brand}:4: logo: file not found: {written.rstrip()} (there is {there}: Windows ignores a dot or a space at the "
        "end of a name, a Mac and Linux do not: delete it)"
    )


@pytest.mark.parametrize("error", [NotADirectoryError, FileNotFoundError])
def test_a_file_inside_a_zip_file_says_to_extract_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: type) -> None:
    """Explorer shows a zip file as a folder, and 'Copy as path' on a routine in it gives
    `...\\routines.zip\\knee\\content.yaml`, which no program but Explorer can open: Linux and a Mac said "cannot be
    read (Not a directory)", Windows (its error is FileNotFoundError) "file not found", neither that the routine
    was still in its zip file."""
    import zipfile

    with zipfile.ZipFile(tmp_path / "routines.zip", "w") as archive:
        archive.writestr("knee/content.yaml", "id: knee\n")
    path = tmp_path / "routines.zip" / "knee" / "content.yaml"
    real_stat = Path.stat

    def as_the_system_says(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        if self == path:
            raise error(2 if error is FileNotFoundError else 20, os.strerror(2 if error is FileNotFoundError else 20))
        return real_stat(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", as_the_system_says)
    with pytest.raises(files.UnreadableFileError) as caught:
        files.read_bytes(path, "yaml")
    assert str(caught.value) == (
        "file not found (routines.zip is a zip file, not a folder: extract it first (in Explorer, right-click it "
        "and choose Extract All; on a Mac, double-click it), then use the files in the folder that makes)"
    )


def test_the_brand_above_a_routine_named_whole_on_a_mapped_drive_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a clinic's shared drive mapped as Z:, Windows names the current folder Z:\\clinic and a routine's real
    path \\\\server\\share\\clinic\\...: a routine named whole (dragged into the window) seemed outside the current
    folder, so the brand.yaml in the folders between them was not looked for, and the build said none was found.
    Here the mapped drive is a link to the share, and the current folder is named through it."""
    share = tmp_path / "share"
    (share / "clinic" / "routines" / "knee").mkdir(parents=True)
    (share / "clinic" / "routines" / "brand.yaml").write_text("name: x\n", encoding="utf-8")
    (share / "clinic" / "routines" / "knee" / "content.yaml").write_text("id: knee\n", encoding="utf-8")
    (tmp_path / "Z").symlink_to(share, target_is_directory=True)
    monkeypatch.chdir(share / "clinic")
    monkeypatch.setattr(Path, "cwd", classmethod(lambda cls: tmp_path / "Z" / "clinic"))
    found, _ = files.beside("brand.yaml", tmp_path / "Z" / "clinic" / "routines" / "knee" / "content.yaml")
    assert found.resolve() == share / "clinic" / "routines" / "brand.yaml"


def test_a_file_past_windows_260_characters_says_its_path_is_too_long(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows (long paths not turned on) reads no file whose path is 260 characters or more, and says it is not
    found (error 3): a picture deep in a synced folder, which Explorer shows, was 'file not found'."""
    monkeypatch.setattr(files, "WINDOWS", True)
    deep = tmp_path / ("Patient handouts " * 8) / ("Knee pictures " * 8)
    path = deep / "step-1.png"
    with pytest.raises(files.UnreadableFileError) as caught:
        files.read_bytes(path, "picture")
    length = len(str(path.absolute()))
    assert length >= files.WINDOWS_PATH
    assert str(caught.value) == (
        f"file not found (its path is {length} characters, more than Windows reads unless long paths are turned on: "
        "move its folder to one with a shorter path)"
    )
    monkeypatch.setattr(files, "WINDOWS", False)  # a Mac and Linux read such a path: not found is not found
    with pytest.raises(files.UnreadableFileError) as caught:
        files.read_bytes(path, "picture")
    assert str(caught.value) == "file not found"


def test_a_routine_or_list_typed_without_its_extension_names_the_file(tmp_path: Path) -> None:
    """Explorer hides the extension of a file type it knows (.yaml, once an editor has claimed it), and Finder of a
    file saved so: `handouts build knee` for the knee.yaml shown as 'knee' was 'file not found'."""
    (tmp_path / "knee.yaml").write_text("id: knee\n", encoding="utf-8")
    (tmp_path / "patients.csv").write_text("patient,routine\n", encoding="utf-8")
    for typed, kind, saved in [("knee", "yaml", "knee.yaml"), ("patients", "csv", "patients.csv")]:
        with pytest.raises(files.UnreadableFileError) as caught:
            files.read_bytes(tmp_path / typed, kind)
        suffix = saved.rsplit(".", 1)[1]
        said = f"write its name with .{suffix}, which Explorer and Finder may hide"
        assert str(caught.value) == f"file not found (there is {saved}: {said})"
    with pytest.raises(files.UnreadableFileError) as caught:  # a picture's name is completed in the YAML file
        files.read_bytes(tmp_path / "knee", "picture")
    assert str(caught.value) == "file not found"


def test_a_routine_typed_without_its_extension_names_both_files_where_two_match(tmp_path: Path) -> None:
    """`knee` typed where the folder holds knee.yaml and knee.yml was 'file not found' with no word of either:
    which one is meant cannot be guessed, so both are named."""
    (tmp_path / "knee.yaml").write_text("id: knee\n", encoding="utf-8")
    (tmp_path / "knee.yml").write_text("id: knee\n", encoding="utf-8")
    with pytest.raises(files.UnreadableFileError) as caught:
        files.read_bytes(tmp_path / "knee", "yaml")
    said = "write the name of the one meant with its extension"
    assert str(caught.value) == f"file not found (there are knee.yaml and knee.yml: {said})"


def test_a_routine_named_whole_finds_no_brand_above_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The folders above a routine are looked in up to the current one: named as `r/knee.yaml` a routine found no
    brand.yaml above the current folder, but named whole (dragged into the window) it found the one there, so the
    same routine was built in another clinic's look, or refused, by how its name was typed."""
    (tmp_path / "team" / "r").mkdir(parents=True)
    (tmp_path / "brand.yaml").write_text("name: x\n", encoding="utf-8")
    (tmp_path / "team" / "r" / "knee.yaml").write_text("id: knee\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "team")
    typed, _ = files.beside("brand.yaml", Path("r") / "knee.yaml")
    whole, _ = files.beside("brand.yaml", tmp_path / "team" / "r" / "knee.yaml")
    assert not typed.is_file()
    assert not whole.is_file(), whole


def test_a_routine_with_a_dot_in_its_name_typed_without_its_extension_names_the_file(tmp_path: Path) -> None:
    """`knee 06.12` typed for 'knee 06.12.yaml' (a date in its name) was taken for a name with an extension, and
    the file was said to have one too many: 'Windows hides its last part, .yaml, so rename it to knee 06.12',
    which would leave the routine with no extension at all."""
    (tmp_path / "knee 06.12.yaml").write_text("id: knee\n", encoding="utf-8")
    with pytest.raises(files.UnreadableFileError) as caught:
        files.read_bytes(tmp_path / "knee 06.12", "yaml")
    said = "write its name with .yaml, which Explorer and Finder may hide"
    assert str(caught.value) == f"file not found (there is knee 06.12.yaml: {said})"
    (tmp_path / "brand.yaml.txt").write_text("name: x\n", encoding="utf-8")  # one extension too many: as before
    with pytest.raises(files.UnreadableFileError) as caught:
        files.read_bytes(tmp_path / "brand.yaml", "yaml")
    assert "Windows hides its last part, .txt, so rename it to brand.yaml" in str(caught.value)
