"""Writing outputs: every file of a build is written whole, or none is, even with other builds running.

Each file is first staged under a name unique to this build (`.NAME.RANDOM.part`) in its own folder. Only
when every file is staged are they renamed over their targets, one build at a time per folder (a lock file),
so a folder always holds a complete set from one build. A target is replaced, never written through: a
symbolic link in its place is replaced by the file, not followed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from handouts.errors import OptionError
from handouts.input.files import kind_of

LOCK = ".handouts.lock"
LOCK_WAIT = 30.0  # seconds to wait for another build to finish renaming
STALE = 3600.0  # staging files and locks older than this were left by a build that was killed


def _check_targets(files: dict[Path, bytes]) -> None:
    """Everything that would stop a write, found before anything is written."""
    for path in files:
        for parent in (path.parent, *path.parent.parents):
            if parent.exists():
                if not parent.is_dir():
                    raise OptionError(f"cannot write to {path.parent}: {parent} is a file, not a folder")
                break
        if path.is_symlink():
            continue  # the link itself is replaced
        if path.exists() and not path.is_file():
            raise OptionError(f"cannot write {path}: it is {kind_of(path.stat().st_mode)}; move it away first")


def _clear_stale(path: Path) -> None:
    """Staging files a killed build left behind (never those of a build still running)."""
    now = time.time()
    for stale in path.parent.glob(f".{path.name}.*.part"):
        with contextlib.suppress(OSError):
            if now - stale.stat().st_mtime > STALE:
                stale.unlink()


def _stage(path: Path, data: bytes) -> Path:
    """Write `data` to a staging file beside `path` and return it; nothing is left on failure."""
    _clear_stale(path)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)


@contextlib.contextmanager
def _locked(folders: list[Path]) -> Iterator[None]:
    """Hold each folder's lock file (taken in a fixed order, so two builds never wait on each other)."""
    held: list[Path] = []
    try:
        for folder in sorted(set(folders)):
            lock = folder / LOCK
            deadline = time.monotonic() + LOCK_WAIT
            while True:
                try:
                    os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
                    break
                except FileExistsError:
                    with contextlib.suppress(OSError):
                        if time.time() - lock.stat().st_mtime > STALE:
                            lock.unlink()
                            continue
                    if time.monotonic() > deadline:
                        busy = f"another build has been writing there for {LOCK_WAIT:.0f} s"
                        raise OptionError(f"cannot write to {folder}: {busy}") from None
                    time.sleep(0.02)
            held.append(lock)
        yield
    finally:
        for lock in held:
            lock.unlink(missing_ok=True)


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file or none: all are staged first, then renamed over their targets under the folders'
    locks, so a failure (a full disk, a folder in the way) changes nothing and builds never mix."""
    _check_targets(files)
    staged: list[tuple[Path, Path]] = []
    path = next(iter(files), Path("."))
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_stage(path, data), path))
        with _locked([target.parent for _, target in staged]):
            _check_targets(files)  # again: another build may have changed the folder meanwhile
            for temp, target in staged:
                os.replace(temp, target)
    except OSError as exc:
        raise OptionError(f"cannot write to {path.parent}: {exc.strerror or exc}") from None
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
