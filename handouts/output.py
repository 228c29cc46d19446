"""Writing outputs: every file of a build is written whole, or none is, even with other builds running.

Each file is first staged under a name unique to this build (`.NAME.RANDOM.part`) in its own folder. Only
when every file is staged are they renamed over their targets, one build at a time per folder (a lock file),
so a folder always holds a complete set from one build. Should a replacement fail (on Windows, a PDF open
in a viewer cannot be replaced), the files already replaced are put back: the folder keeps the whole earlier
set, and the message names the file to close. A Ctrl-C while the set is renamed into place (milliseconds) is
taken once that is done and the files it replaced are cleared, and stops the build then. A target is replaced,
never written through: a symbolic link in its place is replaced by the file, not followed. Every write
resolves its real folder and refuses one that a link leads out of the output folder (`root`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import socket
import stat
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from handouts.errors import OptionError
from handouts.input.files import WINDOWS_FORBIDDEN, WINDOWS_PATH, kind_of, reason

LOCK = ".handouts.lock"
LOCK_WAIT = 10.0  # seconds to wait for another build to finish renaming (renaming a set takes milliseconds)
LOCK_STALE = 60.0  # a lock this old was left by a build that was killed (no build holds it for so long)
EMPTY_STALE = 2.0  # an empty lock this old was left by a build killed as it took it (or by an older handouts)
# What a file's staging name, `.NAME.RANDOM.part` (and its earlier file's, `.NAME.RANDOM.old`), adds to its path
STAGED = len("." + ".12345678" + ".part")
STALE = 3600.0  # staging files older than this were left by a build that was killed


DEFAULT_OUT = "where outputs go when --out is not given: name another folder with --out"


def check_out(out: Path, option: str | None = "--out") -> None:
    """OptionError if files cannot go into the folder `out` (made if missing): it is a file, or lies under a
    file or under a link that leads nowhere, or a folder to be made has a name Windows cannot open. Said once,
    before anything is built, of the `option` that named it ('' for a command's argument, None for the default
    folder, which the user did not type: the error says so, and how to name another). A folder the system
    will not look at (a name too long, a folder above it closed to this user) is said as the system says it."""
    named = f"{option} {out}" if option else str(out)
    hint = f" ({DEFAULT_OUT})" if option is None else ""
    try:
        _check_out(out, named, hint)
    except OSError as exc:
        raise OptionError(f"{named}: {reason(exc)}{hint}") from None


def _check_out(out: Path, named: str, hint: str) -> None:
    if out.exists() and not out.is_dir():
        raise OptionError(f"{named}: is a file, not a folder{hint}")
    _check_folder(out, hint)
    made = [folder.name for folder in (out, *out.parents) if not folder.exists()]
    for name in reversed(made):
        problem = not_for_windows(name)
        if problem:
            said = f"the folder name {name!r} {problem}, which Windows cannot open (nor sync from a Mac)"
            raise OptionError(f"{named}: {said}: choose another name{hint}")


def check_writable(out: Path) -> None:
    """OptionError if no file can be made in the folder `out`, or, where it is still to be made, in the nearest
    folder above it that is there (a read-only disk or share, a folder closed to this user): said before init
    asks its questions, not after them, with the answers lost. A file is made there and deleted, the one test
    every system answers truly (on Windows, permissions are not what os.access reads)."""
    there = next((folder for folder in (out, *out.parents) if folder.is_dir()), None)
    if there is None:
        return
    try:
        with tempfile.TemporaryFile(dir=there):
            pass
    except OSError as exc:
        raise _failure(exc, there / LOCK) from None


def check_lock(out: Path) -> None:
    """OptionError if a build could not take the lock of the folder `out`: something other than the lock file
    handouts makes is in its place (a folder, a link, a file of something else). Read only: a lock a build holds
    or left behind is not a problem (a build waits for it, or takes it over)."""
    lock = out / LOCK
    if lock.exists() or lock.is_symlink():
        _stale(lock)


# Names Windows keeps for devices, with or without an extension ("nul", "con.d"): no folder can have them
WINDOWS_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"{port}{n}" for port in ("COM", "LPT") for n in range(1, 10))})


def not_for_windows(name: str) -> str | None:
    """What makes `name` a folder Windows cannot open, made on a Mac (or pasted with a space at its end), or
    None: a space or a dot at its end (Windows drops them, so the name it shows is another folder's), a
    character Windows forbids, or a device's name."""
    if name in ("", ".", ".."):
        return None
    if name.split(".")[0].rstrip(" ").upper() in WINDOWS_DEVICES:
        return "is the name of a device on Windows (as CON, NUL and COM1 are)"
    if name != name.rstrip(" ."):
        return f"ends with {'a space' if name.endswith(' ') else 'a dot'}"
    forbidden = sorted(set(name) & set(WINDOWS_FORBIDDEN))
    return f"has {' '.join(forbidden)} in it" if forbidden else None


def _check_folder(folder: Path, hint: str = "") -> None:
    """OptionError if the nearest of `folder` and its parents that exists is no folder (`hint` ends it)."""
    for parent in (folder, *folder.parents):
        if parent.is_symlink() and not parent.exists():  # a link to nothing, or in a loop: resolve() raises
            raise OptionError(f"cannot write to {folder}: {parent} is a link that leads nowhere; remove it{hint}")
        if parent.exists():
            if not parent.is_dir():
                raise OptionError(f"cannot write to {folder}: {parent} is a file, not a folder{hint}")
            return


def check_targets(files: Iterable[Path], inputs: tuple[Path, ...] = ()) -> None:
    """Everything that would stop a write of `files` (their paths), found before anything is written (and by
    `check`, which writes nothing): a folder in the way, a file not a file, one of the `inputs`."""
    files = list(files)
    for path in files:
        _check_folder(path.parent)
        if path.is_symlink():
            continue  # the link itself is replaced
        if path.exists() and not path.is_file():
            raise OptionError(f"cannot write {path}: it is {kind_of(path.stat().st_mode)}; move it away first")
    _check_inputs(files, inputs)


def _check_inputs(targets: list[Path], inputs: tuple[Path, ...]) -> None:
    """OptionError if a file to be replaced or removed is one of the `inputs` (a routine saved in --out under an
    output's name): it was replaced by the output, and the therapist's routine was gone."""
    for target in targets:
        for source in inputs if not target.is_symlink() else ():  # a link is replaced, never written through
            with contextlib.suppress(OSError, ValueError):  # either not there: nothing to lose
                if os.path.samefile(target, source):
                    called = "" if os.path.abspath(target) == os.path.abspath(source) else f" (as {source})"
                    raise OptionError(f"cannot write {target}: this build reads it{called}; rename it, or choose another --out")


def _confine(folder: Path, root: Path) -> None:
    """OptionError unless `folder` (links resolved, as far as it exists) lies inside `root`."""
    existing = next((path for path in (folder, *folder.parents) if path.exists() or path.is_symlink()), None)
    real_root = root.resolve()
    inside = existing is not None and existing.resolve().is_relative_to(real_root)
    if existing is not None and not inside and real_root.is_relative_to(existing.resolve()):
        inside = folder.is_relative_to(root)  # nothing below root exists yet: what will be made lies inside it
    if not inside:
        raise OptionError(f"cannot write to {folder}: a link there leads out of {root}; remove the link, then build again")


def _delete(path: Path | str) -> None:
    """Delete the file `path` (a staging file, or an earlier file moved aside); one marked read-only is made
    writable first: Windows renames such a file but will not delete it (a sheet marked read-only is replaced as
    any other, and its earlier copy was left beside it)."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        return
    except PermissionError:
        if os.path.islink(path):  # a link's own mode is no matter, and chmod would change the file it leads to
            raise
        os.chmod(path, stat.S_IREAD | stat.S_IWRITE)
        os.unlink(path)


ENDS = (".part", ".old")  # what a write's staging files and the files it moved aside end with


def _clear_stale(path: Path) -> None:
    """Staging files (and earlier files moved aside) a killed build left behind, never a running build's: named
    `.NAME.*.part` and `.NAME.*.old`, matched as text rather than globbed (a name is not a pattern, and a glob
    compiled one for each file written)."""
    now = time.time()
    prefix = os.path.normcase(f".{path.name}.")  # as the system compares names (Windows: in any case)
    stale: list[str] = []
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:  # a folder it may not list: none
        for entry in entries:
            name = os.path.normcase(entry.name)
            if name.startswith(prefix) and any(name.endswith(end) and len(name) >= len(prefix + end) for end in ENDS):
                stale.append(entry.path)
    for found in stale:
        with contextlib.suppress(OSError):
            if now - os.stat(found).st_mtime > STALE:
                _delete(found)


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


def _alive(pid: int) -> bool:
    """Whether process `pid` on this computer is running (True when it cannot be told)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill would end the process on Windows: ask for its exit code instead
        try:
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
            if not handle:
                return kernel32.GetLastError() == 5  # access denied: it exists
            code = ctypes.c_ulong()
            ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            kernel32.CloseHandle(handle)
            return not ok or code.value == 259  # STILL_ACTIVE
        except (AttributeError, OSError):
            return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # not ours to signal: it exists
        return True
    return True


def _owner() -> bytes:
    return f"{os.getpid()} {socket.gethostname()}\n".encode()


_HELD: set[str] = set()  # the lock files a write in this process holds now, as whole paths (one left is not held)


def _stale(lock: Path) -> bool:
    """Whether `lock` was left by a build that is no longer running; OptionError if it is not a lock of ours
    at all (a folder, a link, a file with other contents), which is never deleted."""

    def foreign(what: str) -> OptionError:
        return OptionError(
            f"cannot write to {lock.parent}: {lock} is {what}, not the lock file handouts makes; move it away, then build again"
        )

    try:
        if lock.is_symlink() or not lock.is_file():
            raise foreign("a link" if lock.is_symlink() else kind_of(lock.stat().st_mode))
        age = time.time() - lock.stat().st_mtime
        with lock.open("rb") as handle:
            text = handle.read(300)
    except FileNotFoundError:
        return False  # released meanwhile: try again
    except OSError:
        return False
    if not text:  # being written this instant, or left by an older handouts that wrote nothing in it
        return age > EMPTY_STALE
    owner = _owner_of(text)
    if owner is None:
        raise foreign("a file of something else")
    pid, host = owner
    if host == socket.gethostname() and pid == os.getpid():  # this process's: a write holds it, or one left it
        return os.path.abspath(lock) not in _HELD
    return age > LOCK_STALE or (host == socket.gethostname() and not _alive(pid))


MAX_PID = 2**31 - 1  # the largest process id a system gives (and os.kill takes)


def _owner_of(text: bytes) -> tuple[int, str] | None:
    """The process id and computer a lock file names, or None if it is not one of ours (not digits 0-9, or
    a number no process has)."""
    parts = text.decode("utf-8", "replace").split()
    if len(parts) != 2 or not (parts[0].isascii() and parts[0].isdigit()) or not 0 < int(parts[0]) <= MAX_PID:
        return None
    return int(parts[0]), parts[1]


def _holder(lock: Path) -> str:
    """Who holds `lock`, as the message says it."""
    with contextlib.suppress(OSError):
        owner = _owner_of(lock.read_bytes()[:300])
        if owner is not None:
            return f"process {owner[0]} on {'this computer' if owner[1] == socket.gethostname() else owner[1]}"
    return "another handouts command"


@contextlib.contextmanager
def _locked(folders: list[Path]) -> Iterator[None]:
    """Hold each folder's lock file (taken in a fixed order, so two builds never wait on each other).

    A lock left by a killed build is taken over at once (its process is gone) or once it is a minute old;
    anything else in the lock's place is named, with how to move it away, and never deleted."""
    held: list[Path] = []
    try:
        for folder in sorted(set(folders)):
            lock = folder / LOCK
            deadline = time.monotonic() + LOCK_WAIT
            while True:
                try:
                    fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o644)
                except FileExistsError:
                    if _stale(lock):
                        lock.unlink(missing_ok=True)
                        continue
                    if time.monotonic() > deadline:
                        raise OptionError(
                            f"cannot write to {folder}: {lock} is held by {_holder(lock)} (waited {LOCK_WAIT:.0f} s); "
                            f"if no handouts command is running, delete {lock}, then build again"
                        ) from None
                    time.sleep(0.02)
                    continue
                # Held from the moment it is made: another thread of this process that reads its owner waits
                held.append(lock)
                _HELD.add(os.path.abspath(lock))
                try:
                    os.write(fd, _owner())
                finally:
                    os.close(fd)
                break
        yield
    finally:
        for lock in held:
            # held a moment by a virus scanner or a sync client (Windows): left, it is taken over as a dead build's
            with contextlib.suppress(OSError):
                lock.unlink(missing_ok=True)
            _HELD.discard(os.path.abspath(lock))  # only once gone: until then, another thread waits for it


# Windows refuses a rename for a moment while a virus scanner, the search indexer or a sync client (OneDrive)
# has just opened the file (access denied, sharing violation, lock violation): tried again after each wait.
BRIEFLY_HELD = frozenset({5, 32, 33})
RETRY_WAITS = (0.05, 0.1, 0.2, 0.4)  # seconds: a file held longer (a PDF open in a viewer) is still refused


@contextlib.contextmanager
def _uninterrupted() -> Iterator[None]:
    """Hold a Ctrl-C until the block is done, then deliver it to the handler there was: a Ctrl-C as the set was
    renamed into place, or as the files it replaced were cleared, left those behind (`.NAME.RANDOM.old`) or
    a set partly put back. Only the main thread gets signals (and may set their handler)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, _frame: pressed.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)  # None: not set from Python
        if pressed:
            signal.raise_signal(signal.SIGINT)


def _replace(source: Path, target: Path) -> None:
    """os.replace, tried again (RETRY_WAITS) where Windows says another program holds the file a moment."""
    for wait in (*RETRY_WAITS, None):
        try:
            os.replace(source, target)
            return
        except PermissionError as exc:
            if wait is None or getattr(exc, "winerror", None) not in BRIEFLY_HELD:
                raise
            time.sleep(wait)


def _replace_all(staged: list[tuple[Path | None, Path]]) -> None:
    """Rename each staged file over its target (a target with no staged file is removed); if any rename fails
    (or the build is stopped), the targets already replaced or removed get their earlier files back, and the
    error names the file that could not be replaced."""
    done: list[tuple[Path, Path | None]] = []  # each target replaced, and its earlier file moved aside
    temp, target = staged[0] if staged else (None, Path("."))
    try:
        for temp, target in staged:
            aside = None
            if target.exists() or target.is_symlink():
                # beside the staged file, or for a file removed, named as one (a build killed now leaves it to recover)
                aside = (temp or target.with_name(f".{target.name}.{os.getpid()}.part")).with_suffix(".old")
                _replace(target, aside)  # fails first if a program holds the file open (Windows)
            done.append((target, aside))
            if temp is not None:
                _replace(temp, target)
    except BaseException as exc:
        for replaced, aside in reversed(done):
            with contextlib.suppress(OSError):
                if aside is not None:
                    _replace(aside, replaced)
                else:
                    replaced.unlink(missing_ok=True)
        if isinstance(exc, PermissionError):  # staging in this folder worked, so the file itself is held
            raise HeldError(
                f"cannot {'replace' if temp else 'remove'} {target}: it is open in another program (a PDF viewer?) or "
                "read-only; close it and build again (nothing was changed)"
            ) from None
        if isinstance(exc, OSError):
            raise _failure(exc, target) from None
        raise
    for _, aside in done:
        if aside is not None:
            with contextlib.suppress(OSError):  # a viewer holding the earlier file: it goes when cleared as stale
                _delete(aside)


class HeldError(OptionError):
    """A file to be replaced or removed is open in another program (on Windows, a PDF in a viewer): the write
    changed nothing, and the earlier files, that one among them, can be neither replaced nor removed until it is
    closed."""


def _failure(exc: OSError, path: Path) -> OptionError:
    """A write's OSError as a user reads it: the path to shorten, the disk to clear, else the system's words."""
    winerror, length = getattr(exc, "winerror", None), len(str(path.absolute()))
    # Windows says a path past its 260 characters (long paths not turned on) "cannot be found" (error 3) or is
    # too long for a name (error 206); it is the folders that made it long: a file's own name is short. The file
    # is first written under its staging name, longer by STAGED: a path a little under 260 fails so too.
    if exc.errno == errno.ENAMETOOLONG or winerror == 206 or (winerror == 3 and length + STAGED >= WINDOWS_PATH):
        return OptionError(f"cannot write {path}: its path is too long ({length} characters); use a shorter --out folder")
    if exc.errno == errno.ENOSPC:
        return OptionError(f"cannot write to {path.parent}: the disk is full (nothing was changed)")
    if exc.errno in (errno.EACCES, errno.EROFS):  # a folder closed to this user, a read-only disk or share
        said = f"{reason(exc)}; choose a folder you can write to (nothing was changed)"
        return OptionError(f"cannot write to {path.parent}: {said}")
    return OptionError(f"cannot write to {path.parent}: {reason(exc)}")


def recover(folder: Path) -> None:
    """Undo what a write killed midway left in `folder`: an earlier file it had moved aside goes back where no
    new file replaced it, its staging files go, and so does the folder if that leaves it empty."""
    with contextlib.suppress(OSError):
        for left in sorted(folder.glob(".*.old")):
            target = folder / left.name[1:].rsplit(".", 2)[0]
            if target.exists() or target.is_symlink():
                _delete(left)
            else:
                os.replace(left, target)
        for left in folder.glob(".*.part"):
            left.unlink()
        if not any(folder.iterdir()):
            folder.rmdir()


def _made_folders(folders: list[Path]) -> list[Path]:
    """The folders among `folders` and their parents that do not exist yet (made by this write), deepest first."""
    missing = {parent for folder in folders for parent in (folder, *folder.parents) if not parent.exists()}
    return sorted(missing, key=lambda path: len(path.parts), reverse=True)


def write_all(
    files: dict[Path, bytes], root: Path | None = None, remove: list[Path] | None = None, inputs: tuple[Path, ...] = ()
) -> None:
    """Write every file or none: all are staged first, then renamed over their targets under the folders'
    locks, so a failure (a full disk, a folder in the way, a file open in a viewer, Ctrl-C) changes nothing
    and builds never mix. No file is written where a link leads out of `root` (default: each file's folder).
    The files in `remove` (outputs that could not be made again) go in the same step: a file open in a viewer
    on Windows can be neither replaced nor removed, and either way the folder keeps its whole earlier set.
    None of the `inputs` (the files the build read) is ever replaced or removed."""
    removed: list[tuple[Path | None, Path]] = [(None, path) for path in remove or []]
    check_targets(files, inputs)
    _check_inputs(remove or [], inputs)
    staged: list[tuple[Path, Path]] = []
    path = next(iter(files), Path("."))
    made = _made_folders([target.parent for target in files])
    complete = False
    try:
        for path in files:
            _confine(path.parent, root or path.parent)
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            _confine(path.parent, root or path.parent)
            staged.append((_stage(path, data), path))
        with _locked([target.parent for _, target in [*staged, *removed]]), _uninterrupted():
            check_targets(files)  # again: another build may have changed the folder meanwhile
            for _, path in [*staged, *removed]:
                _confine(path.parent, root or path.parent)
            _replace_all([*staged, *removed])
            complete = True
    except OSError as exc:
        raise _failure(exc, path) from None
    finally:
        with _uninterrupted():
            for temp, _ in staged:
                with contextlib.suppress(OSError):  # held a moment by a virus scanner: cleared as stale later
                    temp.unlink(missing_ok=True)
            if not complete:
                for folder in made:  # folders this write made stay only with their files
                    with contextlib.suppress(OSError):
                        folder.rmdir()
