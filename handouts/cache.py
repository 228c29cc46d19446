"""Results kept between runs in the user's cache folder, so that a build does not redo work whose inputs have not
changed since the last (issue 29).

An entry is one file named by a SHA-256 of everything its result depends on: the inputs, the versions of the
libraries that compute it, and a stamp of this package's code; it holds the SHA-256 of its data on its first
line, then the data (JSON). It is written whole (to a temporary file in the same folder, then renamed), so a
reader finds the whole entry or none, also with builds running side by side; a temporary file a stopped process
left is removed by a later write, a day on. An entry that cannot be read,
whose data is not what its first line says, or that is not what its kind expects (a crash mid-write, a disk
error, a file edited by hand) counts as missing, and the result is computed and written again; a folder that
cannot be made or written (a read-only home, a full disk) is no cache, never an error. Entries are data, never
code.

The folder is the platform's for an application's caches: `%LOCALAPPDATA%\\handouts\\Cache` on Windows,
`~/Library/Caches/handouts` on macOS, `$XDG_CACHE_HOME/handouts` (`~/.cache/handouts`) elsewhere, or the folder
the environment variable HANDOUTS_CACHE_DIR names. Deleting it loses nothing but time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
# A temporary file older than this was left by a process stopped mid-write (killed, or the laptop shut): a writer
# side by side renames its own within milliseconds.
STALE_SECONDS = 24 * 60 * 60


def folder() -> Path | None:
    """The folder entries are kept in (not made here); None where there is none to name: no home folder (HOME
    unset for a user the system does not list, as in a container run as another user id), and nothing chosen."""
    chosen = os.environ.get("HANDOUTS_CACHE_DIR")
    if chosen:
        return Path(chosen)
    try:
        if sys.platform == "win32":
            base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
            return Path(base) / "handouts" / "Cache"
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / "handouts"
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "handouts"
    except RuntimeError:  # "Could not determine home directory."
        return None


def _sources(root: str) -> list[tuple[str, int, int]]:
    found = []
    with os.scandir(root) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                found += _sources(entry.path)
            elif entry.name.endswith(".py"):
                status = entry.stat()
                found.append((entry.path, status.st_size, status.st_mtime_ns))
    return found


@functools.cache
def code_stamp(root: Path = PACKAGE) -> str | None:
    """A stamp of the Python code in folder `root` (this package by default): each source file's name, size and
    time of change, the test Python applies to decide its own bytecode is stale. An edited, upgraded or
    reinstalled package has another stamp. None where the folder cannot be listed (code run from a zip file):
    then nothing may be kept, as nothing would tell one version's entries from another's."""
    try:
        sources = sorted(_sources(str(root)))
    except OSError:
        return None
    return hashlib.sha256(json.dumps(sources).encode()).hexdigest() if sources else None


def key(*parts: Any) -> str | None:
    """The name of the entry whose result depends on `parts` (JSON-serialisable) and on this package's code;
    None where this package's code cannot be stamped, or a part is None (another stamp that could not be made)."""
    stamp = code_stamp()
    if stamp is None or any(part is None for part in parts):
        return None
    text = json.dumps([stamp, *parts], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _path(kind: str, name: str) -> Path | None:
    kept = folder()
    return kept / kind / f"{name}.json" if kept is not None else None


def read(kind: str, name: str) -> Any:
    """The value kept under `name` among entries of `kind`, or None where there is none or it cannot be read."""
    path = _path(kind, name)
    if path is None:
        return None
    try:
        digest, _, data = path.read_bytes().partition(b"\n")
        if digest != _digest(data):  # damaged, or edited by hand: its text, valid JSON or not, is not ours
            return None
        return json.loads(data)
    except (OSError, ValueError):  # ValueError: not JSON, or not UTF-8 (a damaged file)
        return None


def _digest(data: bytes) -> bytes:
    """The first line of an entry: the SHA-256 of the rest, as the entry was written."""
    return hashlib.sha256(data).hexdigest().encode("ascii")


def write(kind: str, name: str, value: Any) -> None:
    """Keep `value` (JSON-serialisable) under `name` among entries of `kind`; nothing where it cannot be written."""
    path = _path(kind, name)
    if path is None:
        return
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    data = _digest(data) + b"\n" + data
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        _sweep(path.parent)
        handle, staged = tempfile.mkstemp(dir=path.parent, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(staged, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(staged)
            raise


def _sweep(kind: Path) -> None:
    """Remove the temporary files a write stopped midway left in folder `kind` (see STALE_SECONDS): never read,
    they would otherwise stay for good. Only this module's own (`.NAME.….tmp`), and only where a write is made
    anyway (a routine's first build), so a plain rebuild lists no folder."""
    now = time.time()
    for staged in kind.glob(".*.tmp"):
        with contextlib.suppress(OSError):  # gone already (another build swept it), or not ours to remove
            if now - staged.lstat().st_mtime > STALE_SECONDS and staged.is_file():
                staged.unlink()
