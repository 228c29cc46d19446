"""Formatted references kept between runs in the user's cache (issue 29): an entry is used only for the same
references, citations, language and style file, a damaged entry is formatted afresh and written again, and a cache
folder that cannot be written is no cache, never an error."""

from __future__ import annotations

import importlib
import os
import platform as python
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from handouts import cache
from handouts.input.models import Reference
from handouts.words import references
from handouts.words.references import STYLES, format_references

ARTICLE = {
    "id": "perlman2006",
    "type": "article-journal",
    "title": "Massage therapy for osteoarthritis of the knee",
    "author": [{"family": "Perlman", "given": "Adam I."}],
    "issued": {"date-parts": [[2006]]},
    "container-title": "Archives of Internal Medicine",
}
TEXTS = ["Massage helps [@perlman2006]."]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache folder of this test's own, and no result kept in the process from an earlier test."""
    kept = tmp_path / "cache"
    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(kept))
    references._kept_as.cache_clear()
    yield kept
    references._kept_as.cache_clear()


def _formatted(style: Path, texts: list[str] = TEXTS, **fields: str) -> references.References:
    references._kept_as.cache_clear()  # as a new process starts: only the cache folder remembers
    content = SimpleNamespace(references=[Reference.model_validate({**ARTICLE, **fields})], further_reading=[], language="en-GB")
    return format_references(content, texts, style)  # type: ignore[arg-type]


def _entries(folder: Path) -> list[Path]:
    return sorted((folder / "references").glob("*"))


def test_a_second_run_reads_the_references_kept_by_the_first(folder: Path) -> None:
    first = _formatted(STYLES / "apa.csl")
    (entry,) = _entries(folder)
    assert first.cite(("perlman2006",)) == "(Perlman,\u00a02006)"
    # What the next run reads is the entry: written anew, what it says is printed (it is read, not formatted again).
    kept = cache.read("references", entry.stem)
    kept["citations"][0][1] = "(kept, 2006)"
    cache.write("references", entry.stem, kept)
    assert _formatted(STYLES / "apa.csl").cite(("perlman2006",)) == "(kept, 2006)"
    assert _formatted(STYLES / "apa.csl").entries == first.entries


def test_texts_reworded_around_the_same_citations_read_the_kept_references(folder: Path) -> None:
    """The formatting reads only which sources the texts cite, in what order: a step reworded (the everyday
    edit) finds the entry; another citation, or the same ones in another order, is another entry."""
    _formatted(STYLES / "apa.csl", ["Massage helps [@perlman2006]."])
    _formatted(STYLES / "apa.csl", ["Gentle massage can ease a sore knee [@perlman2006].", "Rest when it hurts."])
    assert len(_entries(folder)) == 1
    _formatted(STYLES / "apa.csl", ["Massage helps (Perlman, 2006)."])  # the source listed, no longer cited
    assert len(_entries(folder)) == 2


def test_other_references_or_another_style_are_not_given_the_kept_ones(folder: Path) -> None:
    apa = _formatted(STYLES / "apa.csl")
    assert _formatted(STYLES / "apa.csl", title="Massage for sore knees").entries[0] != apa.entries[0]
    assert "Massage for sore knees" in _formatted(STYLES / "apa.csl", title="Massage for sore knees").entries[0]
    assert _formatted(STYLES / "harvard-cite-them-right.csl").cite(("perlman2006",)) == "(Perlman,\u00a02006)"
    assert _formatted(STYLES / "vancouver.csl").cite(("perlman2006",)) == "(1)"
    assert len(_entries(folder)) == 4


@pytest.mark.parametrize("library", ["babel", "lxml", "python"])
def test_another_version_of_what_formats_them_formats_them_afresh(
    folder: Path, monkeypatch: pytest.MonkeyPatch, library: str
) -> None:
    """An upgraded Babel (dates), lxml (it reads the styles and locales) or Python (its Unicode tables) may
    format the same references otherwise: an entry another version kept is not read."""
    _formatted(STYLES / "apa.csl")
    if library == "python":
        monkeypatch.setattr(python, "python_version", lambda: "3.99.0")
    else:
        monkeypatch.setattr(importlib.import_module(library), "__version__", "99.0")
    references._formatter_stamp.cache_clear()
    try:
        _formatted(STYLES / "apa.csl")
    finally:
        references._formatter_stamp.cache_clear()
    assert len(_entries(folder)) == 2


def test_a_clinic_style_edited_since_is_formatted_afresh(folder: Path, tmp_path: Path) -> None:
    """The entry is keyed by the style file's bytes: the same name and size, edited, is another style."""
    style = tmp_path / "clinic.csl"
    text = (STYLES / "harvard-cite-them-right.csl").read_text(encoding="utf-8")
    style.write_text(text, encoding="utf-8")
    assert _formatted(style).cite(("perlman2006",)) == "(Perlman,\u00a02006)"
    # The citation's brackets made square: a one-character edit each, the file's size unchanged.
    edited = text.replace('<layout prefix="(" suffix=")"', '<layout prefix="[" suffix="]"', 1)
    assert edited != text and len(edited) == len(text)
    style.write_text(edited, encoding="utf-8")
    assert _formatted(style).cite(("perlman2006",)) == "[Perlman,\u00a02006]"


def test_a_style_edited_keeping_its_size_and_time_is_never_kept_under_its_new_bytes(folder: Path, tmp_path: Path) -> None:
    """`serve` formatted with the style it had parsed for the file's size and time of change, and kept the result
    under the digest of the file's new bytes: a style edited with both unchanged (a copy that keeps the time, a
    disk that counts it in seconds) had its old formatting read by every later build. It formats with the bytes
    it keeps the result under."""
    from handouts.words import citeproc_format

    style = tmp_path / "clinic.csl"
    text = (STYLES / "harvard-cite-them-right.csl").read_text(encoding="utf-8")
    style.write_text(text, encoding="utf-8")
    assert _formatted(style).cite(("perlman2006",)) == "(Perlman,\u00a02006)"
    status = style.stat()
    style.write_text(text.replace('<layout prefix="(" suffix=")"', '<layout prefix="[" suffix="]"', 1), encoding="utf-8")
    os.utime(style, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert style.stat().st_size == status.st_size
    # Another reference in the same process (as `serve` runs): the style's new bytes are read for the key.
    assert _formatted(style, title="Massage for sore knees").cite(("perlman2006",)) == "[Perlman,\u00a02006]"
    citeproc_format._read_style.cache_clear()  # a new process: only the cache folder remembers
    assert _formatted(style, title="Massage for sore knees").cite(("perlman2006",)) == "[Perlman,\u00a02006]"


def test_serve_reads_a_style_edited_keeping_its_size_and_time_again(folder: Path, tmp_path: Path) -> None:
    """In one process (as `serve` runs), the references were looked up by the style file's size and time of
    change: an edit that kept both printed the old style until something else changed."""
    style = tmp_path / "clinic.csl"
    text = (STYLES / "harvard-cite-them-right.csl").read_text(encoding="utf-8")
    style.write_text(text, encoding="utf-8")
    content = SimpleNamespace(references=[Reference.model_validate(ARTICLE)], further_reading=[], language="en-GB")
    assert format_references(content, TEXTS, style).cite(("perlman2006",)) == "(Perlman,\u00a02006)"  # type: ignore[arg-type]
    status = style.stat()
    style.write_text(text.replace('<layout prefix="(" suffix=")"', '<layout prefix="[" suffix="]"', 1), encoding="utf-8")
    os.utime(style, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert format_references(content, TEXTS, style).cite(("perlman2006",)) == "[Perlman,\u00a02006]"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b"\xff\xfe", b"[]", b'{"citations": 3}', b'{"citations": [[["perlman2006"], 7]], "entries": []}', None],
    ids=["empty", "cut short", "not text", "a list", "wrong citations", "wrong fields", "markup edited by hand"],
)
def test_a_damaged_entry_is_formatted_afresh_and_written_again(folder: Path, damage: bytes | None) -> None:
    """Damaged in any way, also valid JSON whose citation is markup left open (the build failed naming the
    template that printed it), an entry is formatted afresh."""
    first = _formatted(STYLES / "apa.csl")
    (entry,) = _entries(folder)
    whole = entry.read_bytes()
    if damage is None:  # its digest kept, its data edited
        digest, _, data = whole.partition(b"\n")
        damage = digest + b"\n" + data.replace(b"(Perlman", b"(<b>Perlman", 1)
        assert damage != whole
    entry.write_bytes(damage)
    assert _formatted(STYLES / "apa.csl") == first
    assert entry.read_bytes() == whole


def test_a_cache_folder_that_cannot_be_written_is_no_cache(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder that cannot be made (here beneath a file, as a read-only home refuses it even to its owner's
    root) leaves the references formatted each time, as before, and says nothing."""
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(blocker / "cache"))
    assert _formatted(STYLES / "apa.csl").cite(("perlman2006",)) == "(Perlman,\u00a02006)"
    assert _formatted(STYLES / "apa.csl").cite(("perlman2006",)) == "(Perlman,\u00a02006)"


def test_an_entry_is_written_whole_with_nothing_left_beside_it(folder: Path) -> None:
    _formatted(STYLES / "apa.csl")
    _formatted(STYLES / "apa.csl", title="Another")
    assert [path.suffix for path in _entries(folder)] == [".json", ".json"]


def test_a_temporary_file_left_by_a_stopped_write_is_removed_a_day_on(folder: Path) -> None:
    """A build killed between writing its entry and renaming it leaves a temporary file, never read: the next
    entry written removes it once it is a day old, and leaves a newer one (a build running beside it) alone."""
    kind = folder / "references"
    kind.mkdir(parents=True)
    stopped, running, other = kind / ".abc.x1.tmp", kind / ".def.x2.tmp", kind / "notes.tmp"
    for path in (stopped, running, other):
        path.write_bytes(b"half an entry")
    day_ago = os.stat(stopped).st_mtime - cache.STALE_SECONDS - 60
    os.utime(stopped, (day_ago, day_ago))
    os.utime(other, (day_ago, day_ago))
    _formatted(STYLES / "apa.csl")
    assert not stopped.exists()
    assert running.exists() and other.exists()  # not old enough; not a name this cache writes
    assert sorted(path.suffix for path in kind.iterdir()) == [".json", ".tmp", ".tmp"]


def test_the_code_stamp_changes_when_a_source_file_does(tmp_path: Path) -> None:
    """Edited, upgraded or reinstalled code is another stamp, so no entry it may not have made is read."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "module.py").write_text("x = 1\n", encoding="utf-8")
    before = cache.code_stamp.__wrapped__(tmp_path)
    (tmp_path / "sub" / "module.py").write_text("x = 22\n", encoding="utf-8")
    assert cache.code_stamp.__wrapped__(tmp_path) != before


def test_the_cache_folder_is_the_platforms(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("HANDOUTS_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr("sys.platform", "linux")
    assert cache.folder() == tmp_path / "handouts"
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    monkeypatch.setattr("sys.platform", "win32")
    assert cache.folder() == tmp_path / "Local" / "handouts" / "Cache"
    monkeypatch.setattr("sys.platform", "darwin")
    assert cache.folder() == Path.home() / "Library" / "Caches" / "handouts"


def test_code_that_cannot_be_stamped_keeps_nothing(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from where its files cannot be listed (a zip file), nothing would tell one version's entries from
    another's: the references are formatted each time and nothing is written."""
    assert cache.code_stamp.__wrapped__(tmp_path / "no-such-folder") is None
    monkeypatch.setattr(cache, "code_stamp", lambda root=cache.PACKAGE: None)
    assert _formatted(STYLES / "apa.csl").cite(("perlman2006",)) == "(Perlman,\u00a02006)"
    assert not folder.exists()


def test_no_home_folder_is_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """HOME unset for a user id the system does not list (a container run as another user): Python cannot name a
    home folder, and the references are formatted each time, with no traceback."""
    monkeypatch.delenv("HANDOUTS_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("LOCALAPPDATA", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", no_home)
    for platform in ("linux", "darwin", "win32"):
        monkeypatch.setattr("sys.platform", platform)
        assert cache.folder() is None
        assert _formatted(STYLES / "apa.csl").cite(("perlman2006",)) == "(Perlman,\u00a02006)"
