"""Everyday use on a clinic's Windows or macOS laptop (issue 30): nothing lost, nothing confusing.

Windows' behaviour is simulated where it cannot run here: a replace that fails as it does for a PDF open in a
viewer, a cp1252 console or findings file, paths written with backslashes.
"""

from __future__ import annotations

import errno
import io
import multiprocessing
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import BRAND, CONTENT, ROOT, flat, knee, pdf_text, run

from handouts.cli import INPUT_ENDED, main
from handouts.input.options import name_slug

# Ctrl-C stops within two seconds on an idle machine (batch: STOP_WAIT for the patients in hand); these tests
# allow more, so that a busy machine does not fail them, yet far less than finishing the work would take.
STOPPED_WITHIN = 10.0


def _as_a_terminal_starts_it() -> None:
    """In a child, before it runs (POSIX): Ctrl-C at its default, as a command typed at a terminal has it. A test
    run started in the background of a script (`pytest &`) ignores Ctrl-C, and every process it starts would
    too: Python then sets no handler of its own, and a Ctrl-C sent to the child would do nothing."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


EARLIER = b"%PDF-1.4 an earlier build\n"
SYMBOLS = "handouts/media/symbols/HandoutsSymbols.ttf"  # the shipped symbols font, package data
HEADER = "patient,date,routine,large_print,paper,note"


def _invoke(*args: str, **kwargs: object) -> object:
    return CliRunner().invoke(main, list(args), **kwargs)


# -- whole sets, even when a file is locked ------------------------------------------------------------


def test_a_file_open_in_a_viewer_leaves_the_whole_earlier_set(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = workdir / "out"
    out.mkdir()
    names = [f"knee-self-massage-{name}.pdf" for name in ("handout", "poster", "handout-large-print", "poster-large-print")]
    for name in names:
        (out / name).write_bytes(EARLIER)
    real = os.replace

    def windows_replace(source: str | Path, target: str | Path) -> None:
        # As Windows does for a file a PDF viewer holds open: it cannot be renamed or replaced.
        if Path(source).name == "knee-self-massage-poster-large-print.pdf" or Path(target).name == names[3]:
            raise PermissionError(13, "The process cannot access the file because it is being used by another process")
        real(source, target)

    monkeypatch.setattr(os, "replace", windows_replace)
    result = _invoke("build", str(workdir / "content.yaml"), "--out", str(out))
    assert result.exit_code == 1, result.output
    assert f"error: cannot replace {out / names[3]}: it is open in another program (a PDF viewer?)" in result.stderr
    assert "close it and build again (nothing was changed)" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == dict.fromkeys(names, EARLIER)  # none replaced, none left


def test_a_file_a_scanner_holds_a_moment_is_replaced_all_the_same(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows a virus scanner, the search indexer or OneDrive opens a file just written (and the file it is to
    replace) for a few milliseconds, and a rename then is refused: the build failed, saying the file was open in
    another program, where a moment later it could be replaced. A file held longer is still said as open."""
    out = workdir / "out"
    out.mkdir()
    handout = out / "knee-self-massage-handout.pdf"
    handout.write_bytes(EARLIER)
    real = os.replace
    refused: list[str] = []

    def scanned(source: str | Path, target: str | Path) -> None:
        if Path(target) == handout and len(refused) < 2:  # as Windows refuses it while a scanner has it open
            refused.append(str(source))
            exc = PermissionError(13, "The process cannot access the file because it is being used by another process")
            exc.winerror = 32  # type: ignore[attr-defined]
            raise exc
        real(source, target)

    monkeypatch.setattr(os, "replace", scanned)
    result = _invoke("build", str(workdir / "content.yaml"), "--out", str(out), "--only", "handout")
    assert result.exit_code == 0, result.output
    assert len(refused) == 2 and handout.read_bytes().startswith(b"%PDF") and handout.read_bytes() != EARLIER
    assert sorted(p.name for p in out.iterdir()) == [handout.name]


def test_an_earlier_sheet_marked_read_only_leaves_no_copy_behind(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows renames a file marked read-only (Properties > Read-only, or as copied from some shares) but will not
    delete it: the earlier sheet, moved aside to be replaced, stayed in the folder as `.knee-self-massage-handout.pdf.
    RANDOM.old` (Explorer shows a name starting with a dot), and every later build failed to clear it."""
    import stat

    out = workdir / "out"
    out.mkdir()
    handout = out / "knee-self-massage-handout.pdf"
    handout.write_bytes(EARLIER)
    handout.chmod(stat.S_IREAD)
    real = os.unlink

    def windows_unlink(path: str | Path, *rest: object, **kwargs: object) -> None:
        if not os.stat(path).st_mode & stat.S_IWRITE:  # as Windows refuses to delete a read-only file
            raise PermissionError(13, "Access is denied")
        real(path, *rest, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "unlink", windows_unlink)
    result = _invoke("build", str(workdir / "content.yaml"), "--out", str(out), "--only", "handout")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [handout.name]
    assert handout.read_bytes().startswith(b"%PDF") and handout.read_bytes() != EARLIER


def test_a_link_that_cannot_be_deleted_leaves_the_mode_of_the_file_it_leads_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Making a read-only file writable to delete it (see the test above) followed a link to the file it leads to,
    elsewhere: a link that could not be deleted made that file writable. The link's failure is said as it is."""
    import stat

    from handouts import output

    elsewhere = tmp_path / "elsewhere.pdf"
    elsewhere.write_bytes(EARLIER)
    elsewhere.chmod(stat.S_IREAD)
    link = tmp_path / "out.pdf"
    link.symlink_to(elsewhere)

    def refused(path: str | Path, *rest: object, **kwargs: object) -> None:
        raise PermissionError(13, "Access is denied")

    monkeypatch.setattr(os, "unlink", refused)
    with pytest.raises(PermissionError):
        output._delete(link)
    assert stat.S_IMODE(elsewhere.stat().st_mode) == stat.S_IREAD


def test_an_older_sheet_open_in_a_viewer_that_cannot_be_made_again_leaves_the_whole_set(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A poster that no longer fits has its older file removed, so that none is left stale beside the new
    handout; on Windows, the older poster open in a viewer can be neither renamed nor deleted, and its removal,
    after the new handout was written, ended the build in a traceback (PermissionError)."""
    import handouts.build
    from handouts.errors import LayoutError

    out = workdir / "out"
    out.mkdir()
    names = ["knee-self-massage-handout.pdf", "knee-self-massage-poster.pdf"]
    for name in names:
        (out / name).write_bytes(EARLIER)
    rendered = handouts.build.render_promised

    def poster_too_long(job: object, output: object) -> object:
        if output.stem == "poster":  # type: ignore[attr-defined]
            raise LayoutError("the steps do not fit on one page", ("routine", "steps"))
        return rendered(job, output)  # type: ignore[arg-type]

    def held(real: object) -> object:
        def windows(path: str | Path, *rest: object, **kwargs: object) -> object:
            if Path(path).name == names[1]:  # as Windows does for a file a PDF viewer holds open
                raise PermissionError(13, "The process cannot access the file because it is being used by another process")
            return real(path, *rest, **kwargs)  # type: ignore[operator]

        return windows

    monkeypatch.setattr(handouts.build, "render_promised", poster_too_long)
    monkeypatch.setattr(os, "replace", held(os.replace))
    monkeypatch.setattr(os, "unlink", held(os.unlink))
    result = _invoke("build", str(workdir / "content.yaml"), "--out", str(out), "--only", "handout", "--only", "poster")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception  # no traceback
    assert result.stderr == (
        f"error: cannot remove {out / names[1]}: it is open in another program (a PDF viewer?) or read-only; "
        "close it and build again (nothing was changed)\n"
    )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == dict.fromkeys(names, EARLIER)  # none replaced, none left


def test_a_lock_file_held_a_moment_by_a_scanner_does_not_fail_a_build(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows a virus scanner or a sync client (OneDrive) may hold a file just made: the lock file could not
    be deleted at the end of a build that had written every file, and the build ended in a traceback."""
    real = os.unlink

    def scanned(path: str | Path, *rest: object, **kwargs: object) -> None:
        if Path(path).name == ".handouts.lock":
            raise PermissionError(13, "The process cannot access the file because it is being used by another process")
        real(path, *rest, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "unlink", scanned)
    out = workdir / "out"
    result = _invoke("build", str(workdir / "content.yaml"), "--out", str(out), "--only", "handout")
    assert result.exit_code == 0, result.exception
    assert sorted(p.name for p in out.iterdir()) == [".handouts.lock", "knee-self-massage-handout.pdf"]
    monkeypatch.setattr(os, "unlink", real)
    result = _invoke("build", str(workdir / "content.yaml"), "--out", str(out), "--only", "handout")  # taken over
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["knee-self-massage-handout.pdf"]


def test_a_second_write_in_the_same_process_waits_for_the_lock_just_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lock of this process that no write holds (one a scanner kept from being deleted) is taken over; one
    taken a moment ago, its owner written but not yet noted as held, was taken over too by another thread of
    the process (serve's), and the two writes mixed their files."""
    from handouts import output
    from handouts.errors import OptionError

    monkeypatch.setattr(output, "LOCK_WAIT", 0.1)
    out = tmp_path / "out"
    out.mkdir()
    inner: list[BaseException | None] = []
    real_close = os.close

    def another_thread_meanwhile(fd: int) -> None:  # as the lock's owner is written, before this write goes on
        real_close(fd)
        if not inner and (out / output.LOCK).exists():
            inner.append(None)  # once
            try:
                output.write_all({out / "b.pdf": b"B"})
            except OptionError as exc:
                inner[0] = exc

    monkeypatch.setattr(os, "close", another_thread_meanwhile)
    output.write_all({out / "a.pdf": b"A"})
    assert len(inner) == 1 and isinstance(inner[0], OptionError), inner
    assert f"{out / output.LOCK} is held by process {os.getpid()} on this computer" in str(inner[0])
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf"]


def test_ctrl_c_while_replacing_puts_the_set_back(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = workdir / "out"
    out.mkdir()
    (out / "knee-self-massage-poster.pdf").write_bytes(EARLIER)
    real, calls = os.replace, []

    def interrupted(source: str | Path, target: str | Path) -> None:
        calls.append(target)
        if len(calls) == 3:  # the handout is in place, the earlier poster moved aside: Ctrl-C
            raise KeyboardInterrupt
        real(source, target)

    monkeypatch.setattr(os, "replace", interrupted)
    result = _invoke("build", str(workdir / "content.yaml"), "--out", str(out), "--only", "handout", "--only", "poster")
    assert result.exit_code == 130, result.output
    assert "stopped (Ctrl-C); nothing was left half-written" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {"knee-self-massage-poster.pdf": EARLIER}


def test_ctrl_c_as_the_earlier_files_are_cleared_leaves_none_of_them(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Ctrl-C that came once the new set was in place, while the earlier files moved aside were deleted, left
    them in the folder (`.knee-self-massage-poster.pdf.RANDOM.old`, cleared by a build an hour later). Renaming
    the set into place and clearing what it replaced now end before a Ctrl-C is taken (milliseconds)."""
    out = workdir / "out"
    out.mkdir()
    names = ["knee-self-massage-handout.pdf", "knee-self-massage-poster.pdf"]
    for name in names:
        (out / name).write_bytes(EARLIER)
    real = os.unlink

    def pressed(path: str | Path, *rest: object, **kwargs: object) -> None:
        if str(path).endswith(".old"):
            signal.raise_signal(signal.SIGINT)  # as Ctrl-C arrives: its handler runs at Python's next step
        real(path, *rest, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "unlink", pressed)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, whatever runs the tests
    try:
        result = _invoke("build", str(workdir / "content.yaml"), "--out", str(out), "--only", "handout", "--only", "poster")
    finally:
        signal.signal(signal.SIGINT, previous)
    assert result.exit_code == 130, result.output
    assert "stopped (Ctrl-C); nothing was left half-written" in result.stderr
    files = {p.name: p.read_bytes() for p in out.iterdir()}
    assert sorted(files) == names, sorted(files)
    assert all(data.startswith(b"%PDF") and data != EARLIER for data in files.values())


def test_a_path_past_windows_260_characters_says_to_shorten_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows (long paths not turned on) says a file whose path passes 260 characters 'cannot be found' (error
    3), as a patient's folder and file names under a deep synced folder can make it: the message was
    'cannot write to ...: The system cannot find the path specified'. A short path so refused is not too long."""
    import tempfile

    from handouts.errors import OptionError
    from handouts.output import write_all

    def windows_mkstemp(*args: object, dir: str | Path = "", **kwargs: object) -> tuple[int, str]:
        exc = FileNotFoundError(2, "The system cannot find the path specified")
        exc.winerror = 3  # type: ignore[attr-defined]  # as Windows sets it
        raise exc

    monkeypatch.setattr(tempfile, "mkstemp", windows_mkstemp)
    deep = tmp_path / ("OneDrive - Birchwood Physiotherapy " * 5).strip() / "001-aoife-ni-bhriain-3f2a9c"
    target = deep / "knee-self-massage-handout-large-print-aoife-ni-bhriain-3f2a9c-2026-12-01.pdf"
    length = len(str(target))
    assert length >= 260
    with pytest.raises(OptionError) as caught:
        write_all({target: b"%PDF"})
    assert str(caught.value) == f"cannot write {target}: its path is too long ({length} characters); use a shorter --out folder"
    with pytest.raises(OptionError) as caught:
        write_all({tmp_path / "a.pdf": b"%PDF"})
    assert str(caught.value) == f"cannot write to {tmp_path}: The system cannot find the path specified"
    assert not any(tmp_path.iterdir())  # the folders made for the file are gone with it


def test_a_path_just_under_260_characters_whose_staging_copy_is_past_them_says_to_shorten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file is written under a longer staging name first (`.NAME.RANDOM.part`): where the file's own path is a
    few characters under Windows' 260 and the staging name's past them, Windows refuses that one with error 3,
    and the message said 'The system cannot find the path specified' of a folder that is there."""
    import tempfile

    from handouts.errors import OptionError
    from handouts.output import write_all

    real = tempfile.mkstemp

    def windows_mkstemp(suffix: str = "", prefix: str = "", dir: str | Path = "", **kwargs: object) -> tuple[int, str]:
        if len(str(Path(dir) / f"{prefix}12345678{suffix}")) >= 260:  # as Windows refuses it, long paths not turned on
            exc = FileNotFoundError(2, "The system cannot find the path specified")
            exc.winerror = 3  # type: ignore[attr-defined]
            raise exc
        return real(suffix, prefix, dir, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", windows_mkstemp)
    name = "knee-self-massage-handout-large-print-aoife-ni-bhriain-3f2a9c-2026-12-01.pdf"
    folder = tmp_path / "001-aoife-ni-bhriain-3f2a9c"
    folder = folder.with_name("x" * (250 - len(str(folder / name))) + folder.name)  # the file's path: 250 characters
    target = folder / name
    assert len(str(target)) == 250
    with pytest.raises(OptionError) as caught:
        write_all({target: b"%PDF"})
    assert str(caught.value) == f"cannot write {target}: its path is too long (250 characters); use a shorter --out folder"
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(("platform", "said"), [("darwin", True), ("linux", False)])
def test_a_folder_macos_keeps_from_the_terminal_says_where_to_allow_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platform: str, said: bool
) -> None:
    """macOS keeps Desktop, Documents and Downloads from a terminal app until it is allowed there, and then
    refuses to read or write with 'Operation not permitted': true, and no help to find the setting."""
    import errno
    import sys
    import tempfile

    from handouts.errors import HandoutsError
    from handouts.input.yamlsource import read_yaml
    from handouts.output import write_all

    def refused(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    routine = tmp_path / "content.yaml"
    routine.write_text("id: knee\n", encoding="utf-8")
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(os, "open", refused)
    monkeypatch.setattr(tempfile, "mkstemp", refused)
    where = "on a Mac, allow your terminal app in System Settings > Privacy & Security > Files and Folders"
    with pytest.raises(HandoutsError) as caught:
        read_yaml(routine)
    assert str(caught.value) == f"{routine}: cannot be read (Operation not permitted{f'; {where}' * said})"
    with pytest.raises(HandoutsError) as caught:
        write_all({tmp_path / "out" / "a.pdf": b"%PDF"})
    assert str(caught.value) == f"cannot write to {tmp_path / 'out'}: Operation not permitted{f' ({where})' * said}"


# -- stop means stop -----------------------------------------------------------------------------------


def _patients(folder: Path, count: int) -> Path:
    csv = folder / "patients.csv"
    csv.write_text("\n".join([HEADER, *(f"Patient {n},2026-12-01,content.yaml,no,," for n in range(1, count + 1))]) + "\n")
    return csv


def _complete(out: Path) -> list[str]:
    """The patient folders, each checked to hold its whole set and nothing half-written."""
    folders = sorted(p for p in out.iterdir() if p.is_dir())
    for folder in folders:
        names = sorted(p.name for p in folder.iterdir())
        assert len(names) == 4 and any(name.endswith("-print.pdf") for name in names), (folder.name, names)
    assert not [p for p in out.rglob(".*") if p.is_file()], "staging or lock files left"
    return [folder.name for folder in folders]


@pytest.mark.slow
def test_ctrl_c_in_a_one_process_batch_keeps_whole_patients(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import handouts.batch

    real, built = handouts.batch.build_all, []

    def third_is_interrupted(*args: object, **kwargs: object) -> object:
        if len(built) == 2:
            raise KeyboardInterrupt
        built.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(handouts.batch, "build_all", third_is_interrupted)
    csv = _patients(workdir, 6)
    result = _invoke("batch", str(csv), "--workers", "1")
    assert result.exit_code == 130, result.output
    assert f"stopped (Ctrl-C): built 2 of 6 patients (8 files) in {workdir / 'out'}" in result.stderr
    assert "run the same command with --skip-done" in result.stderr
    assert _complete(workdir / "out") == ["001-patient-1", "002-patient-2"]
    monkeypatch.setattr(handouts.batch, "build_all", real)
    result = _invoke("batch", str(csv), "--workers", "1", "--skip-done")
    assert result.exit_code == 0, result.output
    assert "built 4 patients (16 files)" in result.stdout and "(2 done before, skipped)" in result.stdout
    assert len(_complete(workdir / "out")) == 6


@pytest.mark.slow
def test_a_stopped_batch_on_spawned_workers_ends_within_two_seconds(workdir: Path) -> None:
    """Windows and macOS start workers with `spawn`: Ctrl-C (here stop(), as the command calls it) drops the rows
    not started and lets the patients in hand finish, or discards them, within two seconds."""
    from handouts.batch import Runner, read_rows

    rows, _ = read_rows(_patients(workdir, 12))
    runner = Runner(rows, workdir / "brand.yaml", workdir / "out", workers=2, start_method="spawn")
    results = runner.results()
    first = next(results)
    started = time.monotonic()
    finished = runner.stop()
    # Two seconds by design (the patients in hand get STOP_WAIT, then are discarded); a busy machine may need
    # longer to end its processes, so the bound here says "stopped, not finished": twelve patients take longer.
    assert time.monotonic() - started < STOPPED_WITHIN
    assert first.error is None and all(result.error is None for result in finished)
    assert len(_complete(workdir / "out")) == 1 + len(finished) < 12


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="a worker made by fork inherits the slow patient")
def test_a_patient_still_in_hand_after_the_wait_has_its_worker_ended(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C: a patient still being built STOP_WAIT seconds later has its worker ended, so nothing it writes can
    land after the batch said what it built. The workers were looked for after the pool had let go of them, so
    none was ended: a stuck patient's worker ran on after the batch stopped."""
    import threading

    import handouts.batch
    from handouts.batch import Runner, read_rows

    rows, _ = read_rows(_patients(workdir, 4))
    monkeypatch.setattr(handouts.batch, "build_row", lambda *args, **kwargs: time.sleep(120))  # a patient stuck
    runner = Runner(rows, workdir / "brand.yaml", workdir / "out", workers=2, start_method="fork")
    threading.Thread(target=lambda: next(runner.results(), None), daemon=True).start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(getattr(runner.pool, "_processes", None) or {}) < 2:
        time.sleep(0.05)
    workers = list(runner.pool._processes.values())  # type: ignore[union-attr]
    time.sleep(0.5)  # each has taken its patient
    try:
        assert runner.stop() == []
        assert [worker.is_alive() for worker in workers] == [False, False]
    finally:
        for worker in workers:
            worker.kill()


@pytest.mark.slow
def test_a_patient_whose_set_lands_as_the_batch_stops_is_counted(workdir: Path) -> None:
    """A worker stopped just after it wrote a patient's whole set (its result not yet back) leaves that set on
    disk: the count says so. A set from an earlier run, or a write cut short, is not counted."""
    from handouts.batch import Runner, build_row, read_rows

    rows, _ = read_rows(_patients(workdir, 2))
    out = workdir / "out"
    earlier = Runner(rows, workdir / "brand.yaml", out)
    assert build_row(rows[0], workdir / "brand.yaml", out).error is None
    runner = Runner(rows, workdir / "brand.yaml", out)  # this run starts after the earlier set was written
    assert runner._whole(rows[0]) == []
    assert build_row(rows[1], workdir / "brand.yaml", out).error is None
    (kept,) = runner._whole(rows[1])
    assert kept.error is None and {path.name for path in kept.written} == {
        path.name for path in (out / rows[1].folder_name).iterdir()
    }
    assert any(path.name.endswith("-print.pdf") for path in kept.written) and earlier.started < runner.started


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "killpg"), reason="Ctrl-C to a process group is POSIX")
def test_ctrl_c_stops_a_batch_within_two_seconds_and_says_how_to_go_on(workdir: Path) -> None:
    csv = _patients(workdir, 40)
    command = [sys.executable, str(ROOT / "cli.py"), "batch", str(csv), "--workers", "2"]
    batch = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_as_a_terminal_starts_it,
    )
    out = workdir / "out"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*/*-print.pdf"))) < 3:
        time.sleep(0.05)
    os.killpg(batch.pid, signal.SIGINT)  # as a terminal sends Ctrl-C: to the command and its workers
    pressed = time.monotonic()
    _, stderr = batch.communicate(timeout=30)
    assert time.monotonic() - pressed < STOPPED_WITHIN, stderr
    assert batch.returncode == 130, stderr
    done = _complete(out)
    assert f"stopped (Ctrl-C): built {len(done)} of 40 patients" in stderr and "--skip-done" in stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    again = subprocess.run([*command, "--skip-done"], capture_output=True, text=True, timeout=300, check=False)
    assert again.returncode == 0, again.stderr
    assert f"({len(done)} done before, skipped)" in again.stdout
    assert len(_complete(out)) == 40


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name == "nt", reason="sends SIGINT")
def test_ctrl_c_stops_serve_within_two_seconds(workdir: Path) -> None:
    import http.client

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, str(ROOT / "cli.py"), "serve", str(workdir / "content.yaml"), "--port", str(port)]
    server = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_as_a_terminal_starts_it
    )
    deadline = time.monotonic() + 60
    connection = None
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/events")  # the page's event stream, which never ends by itself
            assert connection.getresponse().status == 200
            break
        except OSError:
            time.sleep(0.2)
    server.send_signal(signal.SIGINT)
    pressed = time.monotonic()
    server.communicate(timeout=30)
    assert time.monotonic() - pressed < STOPPED_WITHIN
    if connection is not None:
        connection.close()


# -- init keeps what is there --------------------------------------------------------------------------


@pytest.mark.slow
def test_init_adds_a_routine_beside_an_existing_brand(tmp_path: Path) -> None:
    (tmp_path / "brand.yaml").write_bytes(BRAND.read_bytes().replace(b"assets/birchwood-logo.png", b"logo.png"))
    shutil.copy(ROOT / "assets" / "birchwood-logo.png", tmp_path / "logo.png")
    result = _invoke("init", str(tmp_path), "--content", input="English\nen-GB\n")
    assert result.exit_code == 0, result.output
    assert "Clinic name" not in result.output  # only the routine's question is asked
    assert "'English' is a language's name: give its tag, 'en-GB'" in result.output
    assert f"keeping {tmp_path / 'brand.yaml'}" in result.stderr and f"wrote {tmp_path / 'content.yaml'}" in result.stdout
    assert (tmp_path / "brand.yaml").read_bytes() == BRAND.read_bytes().replace(b"assets/birchwood-logo.png", b"logo.png")
    code, output = run("check", str(tmp_path / "content.yaml"))
    assert code == 0, output


def test_init_asks_before_any_question_when_everything_exists(tmp_path: Path) -> None:
    (tmp_path / "brand.yaml").write_text("name: mine\n")
    result = _invoke("init", str(tmp_path), input="n\n")
    assert result.exit_code == 0, result.output  # told no: nothing went wrong (it exited 1, as a failure)
    assert "brand.yaml already exists. Replace with new answers?" in result.output and "Clinic name" not in result.output
    assert result.output.endswith(f"Replace with new answers? [y/N]: n\nnothing written; {tmp_path / 'brand.yaml'} kept\n")
    assert (tmp_path / "brand.yaml").read_text() == "name: mine\n"
    result = _invoke("init", str(tmp_path), input="y\n" + "\n" * 12)
    assert result.exit_code == 0, result.output
    assert "My Clinic" in (tmp_path / "brand.yaml").read_text()


def test_init_writes_no_line_that_ends_in_a_space(tmp_path: Path) -> None:
    """Each optional answer left empty was written as a comment with a space at its end (`# tagline: `): an
    editor that trims them marked the file changed, and a diff showed it. The lines now end at the colon, and
    the files read and check as before."""
    result = _invoke("init", str(tmp_path), input="\n" * 12)
    assert result.exit_code == 0, result.output
    result = _invoke("init", str(tmp_path), "--content", input="en-GB\n")
    assert result.exit_code == 0, result.output
    for name in ("brand.yaml", "content.yaml"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert [line for line in text.splitlines() if line.endswith(" ")] == [], name
    assert "# tagline:\n" in (tmp_path / "brand.yaml").read_text(encoding="utf-8")
    assert "tagline" not in yaml.safe_load((tmp_path / "brand.yaml").read_text(encoding="utf-8"))
    code, output = run("check", str(tmp_path / "content.yaml"))
    assert code == 0 and "\n0 errors, " in output, output


def test_init_prompts_take_what_people_type_and_drag(tmp_path: Path) -> None:
    dropped = tmp_path / "My Logo (1).png"
    shutil.copy(ROOT / "assets" / "birchwood-logo.png", dropped)
    for index, typed in enumerate(
        [f"'{dropped}'", f'"{dropped}"', str(dropped).replace(" ", "\\ ").replace("(", "\\(").replace(")", "\\)")]
    ):
        folder = tmp_path / f"clinic{index}"
        answers = ["Kim Physio", "", "", "", typed, "", "", "", "", "", "", "a4"]
        result = _invoke("init", str(folder), input="\n".join(answers) + "\n")
        assert result.exit_code == 0, result.output
        brand = yaml.safe_load((folder / "brand.yaml").read_text(encoding="utf-8"))
        assert brand["logo"] == "My Logo (1).png" and brand["paper"] == "A4"
        assert "content.yaml" not in result.stdout.split("next:")[1].split("`handouts build")[0]  # none written, none named
        assert "handouts init" in result.stdout and "--content" in result.stdout


def test_init_takes_a_logo_dragged_into_powershell(tmp_path: Path) -> None:
    """PowerShell pastes a file dragged into it as a command that runs it, `& 'C:\\…\\Jo''s Logo.png'`: it was
    looked for as "Jo''s Logo.png'" in a folder named from the `&`, not found, and asked for again."""
    dropped = tmp_path / "Jo's Logo.png"
    shutil.copy(ROOT / "assets" / "birchwood-logo.png", dropped)
    pasted = "& '" + str(dropped).replace("'", "''") + "' "
    answers = ["Kim Physio", "", "", "", pasted, "", "", "", "", "", "", "a4"]
    result = _invoke("init", str(tmp_path / "clinic"), input="\n".join(answers) + "\n")
    assert result.exit_code == 0 and "Error" not in result.output, result.output
    assert yaml.safe_load((tmp_path / "clinic" / "brand.yaml").read_text(encoding="utf-8"))["logo"] == "Jo's Logo.png"
    assert (tmp_path / "clinic" / "Jo's Logo.png").read_bytes() == dropped.read_bytes()


@pytest.mark.skipif(os.name == "nt", reason="a Windows path is this computer's own there")
def test_init_says_a_windows_path_to_the_logo_is_one_on_a_mac_or_linux(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A logo's path typed as Windows writes it lost its backslashes, as a Mac's Terminal escapes ('My\\ Logo.png')
    were taken out: 'file not found: C:UsersSamPictureslogo.png', a name nobody typed. A backslash before a
    letter escapes nothing: a whole Windows path is said to be one, and a folder's (pictures\\logo.png) is found."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pictures").mkdir()
    shutil.copy(ROOT / "assets" / "birchwood-logo.png", tmp_path / "pictures" / "logo.png")
    answers = ["Kim Physio", "", "", "", "C:\\Users\\Sam\\Pictures\\logo.png", "& 'C:\\Users\\Sam\\Pictures\\logo.png'"]
    answers += ["pictures\\logo.png", "", "", "", "", "", "", "a4"]
    result = _invoke("init", "clinic", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    said = "Error: C:\\Users\\Sam\\Pictures\\logo.png is a path on a Windows computer, not this one: drag the logo's file into"
    assert said + " this window from this computer's folders, or type its path as this computer writes it\n" in result.output
    assert result.output.count("is a path on a Windows computer, not this one") == 2  # as PowerShell pastes it too
    assert "UsersSam" not in result.output
    assert yaml.safe_load((tmp_path / "clinic" / "brand.yaml").read_text(encoding="utf-8"))["logo"] == "logo.png"


@pytest.mark.skipif(os.name == "nt", reason="a backslash parts folders there, as typed")
def test_init_asks_again_for_a_logo_named_longer_than_the_system_allows(tmp_path: Path) -> None:
    """A logo's name of 300 letters with a Terminal's escaped space in it was looked for as typed first, with a
    look that raises of a name too long: a traceback ended init. It is said and asked again, as any logo that
    cannot be read."""
    typed = "x" * 300 + "\\ logo.png"
    answers = ["Kim Physio", "", "", "", typed, "", "", "", "", "", "", "", "a4"]
    result = _invoke("init", str(tmp_path / "clinic"), input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert f"Error: {'x' * 300} logo.png cannot be read ({os.strerror(errno.ENAMETOOLONG)})\n" in result.output
    assert "logo" not in yaml.safe_load((tmp_path / "clinic" / "brand.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["Logo: v2.png", "Clinic logo | final?.png", "logo. "])
def test_init_copies_a_logo_windows_could_not_hold_under_a_name_it_can(tmp_path: Path, name: str) -> None:
    """A logo a Mac names `Logo: v2.png` was copied as that and named so in brand.yaml, which check then refused
    (a colon reads as a drive on Windows); `|`, `?` or a dot or space at the end made a file the clinic's Windows
    laptop could not hold. The copy takes a name every system can (logo.png), and the brand builds."""
    dropped = tmp_path / name
    shutil.copy(ROOT / "assets" / "birchwood-logo.png", dropped)
    answers = ["Kim Physio", "", "", "", f"'{dropped}'", "", "", "", "", "", "", "a4"]
    result = _invoke("init", str(tmp_path / "clinic"), input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in (tmp_path / "clinic").iterdir()) == ["brand.yaml", "logo.png"]
    assert yaml.safe_load((tmp_path / "clinic" / "brand.yaml").read_text(encoding="utf-8"))["logo"] == "logo.png"
    check = _invoke("check", str(ROOT / "content.yaml"), "--brand", str(tmp_path / "clinic" / "brand.yaml"))
    assert check.exit_code == 0, check.output


def test_init_asks_again_for_an_answer_check_would_refuse(tmp_path: Path) -> None:
    """The files init writes build at once: a website of ftp://, one with a space, or a name with a character
    no font has was written as typed, and check then refused the brand.yaml."""
    answers = ["Kim Physio", "", "", "", "", "", "", "ftp://x", "www.example.com/a b", "www.example.com", ""]
    answers += ["Ana \u2705 Ruiz", "Ana Ruiz", "", "a4"]
    result = _invoke("init", str(tmp_path), input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("expected a web address like www.example.com") == 2
    assert "no font the handouts use has" in result.output
    brand = yaml.safe_load((tmp_path / "brand.yaml").read_text(encoding="utf-8"))
    assert brand["contact"]["website"] == "www.example.com" and brand["therapist"] == "Ana Ruiz"
    check = _invoke("check", str(ROOT / "content.yaml"), "--brand", str(tmp_path / "brand.yaml"))
    assert check.exit_code == 0, check.output


def test_init_asks_again_for_an_emergency_number_left_empty(tmp_path: Path) -> None:
    """Outside the UK init asks the emergency number (not said to be optional) and took nothing for an answer:
    the brand.yaml it wrote then stopped the first build whose help box says to call it."""
    answers = ["Kim Physio", *[""] * 9, "US", "", "911", "", "letter"]
    result = _invoke("init", str(tmp_path), input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    said = "Error: the help box tells patients to call the emergency number: give the one they dial there (e.g. 911, 112)\n"
    assert result.output.count(said) == 1, result.output
    assert yaml.safe_load((tmp_path / "brand.yaml").read_text(encoding="utf-8"))["contact"]["emergency"] == "911"


def test_init_asks_again_for_a_clinic_name_in_arabic_letters(tmp_path: Path) -> None:
    """A name in Arabic or Hebrew letters, which check refuses (the PDFs would print it backwards), was written
    into brand.yaml once the font check stopped naming right-to-left letters; it is asked for again."""
    answers = ["\u0639\u064a\u0627\u062f\u0629 \u0627\u0644\u0634\u0641\u0627\u0621", "Kim Physio", *[""] * 10, "a4"]
    result = _invoke("init", str(tmp_path), input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Error: it has right-to-left text (Arabic, Hebrew…), which the PDFs cannot set yet" in result.output
    assert yaml.safe_load((tmp_path / "brand.yaml").read_text(encoding="utf-8"))["name"] == "Kim Physio"
    check = _invoke("check", str(ROOT / "content.yaml"), "--brand", str(tmp_path / "brand.yaml"))
    assert check.exit_code == 0, check.output


def test_init_takes_answers_with_windows_line_ends_and_spaces_around_them(tmp_path: Path) -> None:
    """Answers piped from a file saved on Windows end in CR LF: the name was taken with its CR, and the colour
    after it refused as "got '#14545c\\r'" until input ran out; an answer pasted with a space around it
    ('#14545C ', ' a4 ') was refused as not the code it is. Each is taken as typed, without what is around it."""
    answers = ["  Kim & Co: Physio ", "Moving well", " #14545c ", "", "", "01632 960 999", " kim@example.com"]
    answers += ["www.example.com", "", "Kim Lee", "UK ", " a4 ", "en-GB "]
    for name, line_end in (("lf", "\n"), ("crlf", "\r\n")):
        # piped to the program itself: the test runner's input takes each line's CR away
        command = [sys.executable, str(ROOT / "cli.py"), "init", str(tmp_path / name), "--content"]
        typed = line_end.join(answers) + line_end
        result = subprocess.run(command, input=typed.encode(), capture_output=True, timeout=60, check=False)
        assert result.returncode == 0 and b"Error" not in result.stdout, result.stdout + result.stderr
    written = (tmp_path / "crlf" / "brand.yaml").read_text(encoding="utf-8")
    assert written == (tmp_path / "lf" / "brand.yaml").read_text(encoding="utf-8")
    brand = yaml.safe_load(written)
    assert brand["name"] == "Kim & Co: Physio" and brand["colors"]["primary"] == "#14545C" and brand["paper"] == "A4"
    assert brand["contact"] == {"phone": "01632 960 999", "email": "kim@example.com", "website": "www.example.com"}
    assert brand["therapist"] == "Kim Lee" and brand["country"] == "GB"
    assert yaml.safe_load((tmp_path / "crlf" / "content.yaml").read_text(encoding="utf-8"))["language"] == "en-GB"
    check = _invoke("check", str(tmp_path / "crlf" / "content.yaml"))
    assert check.exit_code == 0, check.output


def test_init_ended_at_a_question_says_how_and_writes_nothing(tmp_path: Path) -> None:
    """Input that ended before the last question (Ctrl-D, or a script piping too few lines) said only "aborted"."""
    result = _invoke("init", str(tmp_path / "clinic"), "--content", input="Kim Physio\n")
    assert result.exit_code == 1, result.output
    said = f"no answer: {INPUT_ENDED}; nothing written\n"
    assert result.stderr.endswith(said) and "Ctrl-D" in said, result.stderr
    assert not (tmp_path / "clinic").exists()


def _reading(pid: int) -> None:
    """Returns once process `pid` sleeps (Linux: waiting for its input), or after a second elsewhere. A Ctrl-C sent
    the moment the question's last byte arrived came, on a busy machine, before Python read the answer: Python
    acts on a signal between its steps, and one that arrives just before a read that blocks waits for the read
    to end (a signal handler only sets a flag), so the command waited for an answer that never came."""
    status = Path(f"/proc/{pid}/stat")
    deadline = time.monotonic() + 30
    while status.is_file() and time.monotonic() < deadline:
        if status.read_text().rpartition(")")[2].split()[0] == "S":
            return
        time.sleep(0.01)
    if not status.is_file():
        time.sleep(1.0)


@pytest.mark.skipif(os.name == "nt", reason="Ctrl-C is sent as a signal here")
def test_ctrl_c_at_an_init_question_stops_as_ctrl_c_does_elsewhere(tmp_path: Path) -> None:
    """Ctrl-C at one of init's questions said "aborted" on the question's line and ended with code 1, as a
    failure; anywhere else it ends with 130 and says that nothing was left half-written."""
    command = [sys.executable, str(ROOT / "cli.py"), "init", str(tmp_path / "clinic")]
    pipes = subprocess.PIPE
    # Ctrl-C at its default, as a terminal starts a command, whatever started the tests (`pytest &` ignores it)
    with subprocess.Popen(command, stdin=pipes, stdout=pipes, stderr=pipes, preexec_fn=_as_a_terminal_starts_it) as process:
        assert process.stdout is not None and process.stdin is not None
        asked = b""
        while not asked.endswith(b"Clinic name [My Clinic]: "):  # waiting for its answer
            asked += process.stdout.read1(100)
        _reading(process.pid)  # as a person's Ctrl-C comes: once the question waits for its answer
        process.send_signal(signal.SIGINT)
        # stdin stays open until the command has ended, as a terminal's does (communicate() closes it)
        process.wait(timeout=30)
        stderr = process.stderr.read()  # type: ignore[union-attr]
    assert process.returncode == 130
    assert stderr.decode() == "\nstopped (Ctrl-C); nothing was left half-written\n"
    assert not (tmp_path / "clinic").exists()


# -- messages and streams ------------------------------------------------------------------------------


def test_check_writes_to_a_windows_console_or_file(make_content: object, workdir: Path) -> None:
    glyph = make_content(name="glyph.yaml", finish="Relax ✅ then stand ≥ 2 minutes.")  # type: ignore[operator]
    result = CliRunner(charset="cp1252").invoke(main, ["check", str(glyph)])  # as `check > findings.txt` on Windows
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1
    assert "no configured font has the character '?' (U+2705)" in result.stdout


@pytest.mark.slow
def test_check_redirected_to_a_cp1252_file(make_content: object, workdir: Path) -> None:
    glyph = make_content(name="glyph.yaml", finish="Relax ✅ then stand.")  # type: ignore[operator]
    findings = workdir / "findings.txt"
    with findings.open("wb") as handle:
        environment = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0"}
        code = subprocess.call([sys.executable, str(ROOT / "cli.py"), "check", str(glyph)], stdout=handle, env=environment)
    assert code == 1
    text = findings.read_bytes().decode("cp1252")
    assert "'?' (U+2705)" in text and text.rstrip().endswith("1 error, 0 warnings")


def test_errors_on_stderr_findings_on_stdout_usage_exits_2(workdir: Path, tmp_path: Path) -> None:
    result = _invoke("check", str(workdir / "content.yaml"))
    assert result.exit_code == 0 and "0 errors" in result.stdout and result.stderr == ""
    result = _invoke("build", str(tmp_path / "nope.yaml"), "--brand", str(BRAND))
    assert result.exit_code == 1 and "file not found" in result.stderr and result.stdout == ""
    result = _invoke("build", "--only", "leaflet")
    assert result.exit_code == 2 and "Invalid value for '--only'" in result.stderr


def test_quiet_verbose_and_colour(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = str(workdir / "content.yaml")
    quiet = _invoke("build", content, "--only", "handout", "-q")
    assert quiet.exit_code == 0 and quiet.stdout == ""
    verbose = _invoke("-v", "build", content, "--only", "handout")
    assert f"using {workdir / 'brand.yaml'}" in verbose.stderr and "wrote" in verbose.stdout
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace('primary: "#14545C"', 'primary: "#8FD3DA"'), encoding="utf-8")
    coloured = CliRunner().invoke(main, ["check", content], color=True)
    assert "\x1b[33mwarning:\x1b[0m" in coloured.output
    monkeypatch.setenv("NO_COLOR", "1")
    plain = CliRunner().invoke(main, ["check", content], color=True)
    assert "\x1b[" not in plain.output and "warning: " in plain.output


@pytest.mark.slow
def test_the_contrast_warning_is_said_once(workdir: Path) -> None:
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace('primary: "#14545C"', 'primary: "#8FD3DA"'), encoding="utf-8")
    other = workdir / "hip.yaml"
    other.write_text(CONTENT.read_text(encoding="utf-8").replace("id: knee-self-massage", "id: hip"), encoding="utf-8")
    for args in (["check", str(workdir / "content.yaml"), str(other)], ["build", str(workdir / "content.yaml"), str(other)]):
        output = _invoke(*args).output
        lines = [line for line in output.splitlines() if "has contrast 1.47:1" in line]
        assert len(lines) == 1, lines
        assert "darkened to #2A767E" in lines[0] and "in large print darkened to #1E555B" in lines[0]


def test_an_unquoted_colour_says_why_it_is_empty(workdir: Path) -> None:
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace('primary: "#14545C"', "primary: #2A7A5A"), encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"))
    assert code == 1
    assert f"{brand}:6: colors.primary: '#' starts a comment in YAML, so #2A7A5A was not read" in output
    assert 'put it in quotes, "#2A7A5A"' in output


@pytest.mark.parametrize(
    ("colours", "line", "key", "token"),
    [
        ("colors: {primary: #14545C, accent: #E9A23B}\n", 2, "colors.primary", "#14545C"),
        ('colors: {primary: "#14545C", accent: #E9A23B}\n', 2, "colors.accent", "#E9A23B"),
        ('colors: {primary: "#14545C",\n  accent: #E9A23B}\n', 3, "colors.accent", "#E9A23B"),
        ("colors: {primary: '#14545C', accent: [#E9A23B]}\n", 2, "colors.accent", "#E9A23B"),
    ],
)
def test_an_unquoted_colour_in_braces_says_it_was_read_as_a_comment(
    workdir: Path, colours: str, line: int, key: str, token: str
) -> None:
    """The README writes `colors: {primary: "#14545C", ...}`; typed without its quotes, the rest of the line
    was a comment and the braces were said to be never closed, or no value found on a line past the file's
    end (line 3 of two), with no word of the '#'. check and build say the same, and build writes nothing."""
    brand = workdir / "brand.yaml"
    brand.write_text("name: Harbour Physio\n" + colours + "paper: A4\n", encoding="utf-8")
    said = f"{brand}:{line}: {key}: invalid YAML: '#' starts a comment in YAML, so {token} and the rest of its line"
    for command in ("check", "build"):
        code, output = run(command, str(workdir / "content.yaml"))
        errors = [found for found in output.splitlines() if found.startswith("error:")]
        assert code == 1 and len(errors) == 1 and said in errors[0] and f'put it in quotes, "{token}"' in errors[0], output
        assert "Traceback" not in output
    assert not (workdir / "out").exists()


def test_an_unquoted_optional_colour_is_a_warning_of_its_kind(workdir: Path) -> None:
    """`accent: #E0A030` (the accent is optional, so the empty value is no error) was warned of with no kind in
    brackets: the one warning about a brand's colours that --suppress could not name."""
    brand = workdir / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    brand.write_text(re.sub(r"(?m)^  accent: .*$", "  accent: #E0A030", text), encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"))
    said = "colors.accent: '#' starts a comment in YAML, so #E0A030 was not read and the value is empty: put it in quotes, "
    said += '"#E0A030" [commented-value]'
    assert code == 0 and said in output, output
    code, output = run("check", str(workdir / "content.yaml"), "--suppress", "commented-value")
    assert code == 0 and "#E0A030" not in output, output


def test_a_text_read_as_a_comment_is_told_to_quote_all_its_words(workdir: Path) -> None:
    """`subtitle: #1 routine for sore knees` was told to put "#1" in quotes, which prints "#1" and leaves the
    rest of the subtitle out; and a colour with a comment after it is told to quote the colour alone."""
    content = workdir / "content.yaml"
    text = content.read_text(encoding="utf-8")
    content.write_text(re.sub(r"(?m)^subtitle: .*$", "subtitle: #1 routine for sore knees", text), encoding="utf-8")
    brand = workdir / "brand.yaml"
    brand.write_text(
        re.sub(r"(?m)^  accent: .*$", "  accent: #E0A030  # amber", brand.read_text(encoding="utf-8")), encoding="utf-8"
    )
    code, output = run("check", str(content))
    assert code == 0 and 'put it in quotes, "#1 routine for sore knees" [commented-value]' in output, output
    assert 'put it in quotes, "#E0A030" [commented-value]' in output, output
    content.write_text(re.sub(r"(?m)^subtitle: .*$", 'subtitle: "#1 routine for sore knees"', text), encoding="utf-8")
    code, output = run("build", str(content), "--only", "handout")
    assert code == 0 and "subtitle" not in output, output
    assert "#1 routine for sore knees" in pdf_text(workdir / "out" / "knee-self-massage-handout.pdf")


def test_open_shows_the_print_file(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from handouts import cli

    opened: list[str] = []
    monkeypatch.setattr(cli, "_launch", lambda path, **kwargs: opened.append(path) or 0)
    code, output = run("build", str(workdir / "content.yaml"), "--only", "handout", "--print-file", "--open")
    assert code == 0, output
    assert opened == [str(workdir / "out" / "knee-self-massage-print.pdf")]


def test_open_gives_the_viewer_a_folder_starting_with_a_dash_as_a_file(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--out -printouts --open`: the viewer's opener (xdg-open, macOS's `open`) was given
    `-printouts/knee-self-massage-handout.pdf`, took it for an option and opened nothing."""
    from handouts import cli

    opened: list[str] = []
    monkeypatch.setattr(cli, "_launch", lambda path, **kwargs: opened.append(path) or 0)
    monkeypatch.chdir(workdir)
    code, output = run("build", "content.yaml", "--out", "-printouts", "--only", "handout", "--open")
    assert code == 0 and "wrote -printouts/knee-self-massage-handout.pdf" in output, output
    assert opened == [str(workdir / "-printouts" / "knee-self-massage-handout.pdf")]


def test_open_shows_the_web_copy_when_it_is_all_that_is_built_and_says_when_nothing_opens(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--only handout-html --open` opened nothing and said nothing; and where no viewer answers (Linux without
    xdg-open), --open did nothing without a word."""
    from handouts import cli

    opened: list[str] = []
    monkeypatch.setattr(cli, "_launch", lambda path, **kwargs: opened.append(path) or 0)
    code, output = run("build", str(workdir / "content.yaml"), "--only", "handout-html", "--open")
    assert code == 0, output
    assert opened == [str(workdir / "out" / "knee-self-massage-handout.html")]
    monkeypatch.setattr(cli, "_launch", lambda path, **kwargs: 1)
    code, output = run("build", str(workdir / "content.yaml"), "--only", "handout", "--open")
    assert code == 0, output
    said = f"could not open {workdir / 'out' / 'knee-self-massage-handout.pdf'}: no viewer answered; open it yourself"
    assert said in output, output


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xdg-open is the viewer's opener on Linux")
def test_open_says_when_xdg_open_finds_no_viewer(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """On Linux, click starts xdg-open and does not wait for it: on a computer with no PDF viewer xdg-open gave up
    ('no method available'), and --open, which says where no viewer answers, said nothing. What xdg-open says
    itself (a line for each browser it tried) is not shown before the program's one line."""
    tools = workdir / "tools"
    tools.mkdir()
    opener = tools / "xdg-open"
    opener.write_text(
        "#!/bin/sh\necho 'xdg-open: 882: lynx: not found' >&2\n"
        "echo \"xdg-open: no method available for opening '$1'\" >&2\nexit 3\n"
    )
    opener.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    code, output = run("build", str(workdir / "content.yaml"), "--only", "handout", "--open")
    assert code == 0, output
    said = f"could not open {workdir / 'out' / 'knee-self-massage-handout.pdf'}: no viewer answered; open it yourself"
    assert said in output, output
    captured = capfd.readouterr()
    assert "lynx" not in captured.err + captured.out + output


# -- files where people keep them, paths as people write them ---------------------------------------------


def test_brand_and_out_are_found_beside_the_routine(workdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clinic = tmp_path / "elsewhere" / "my-clinic"
    shutil.copytree(workdir, clinic)
    (clinic / "routines").mkdir()
    shutil.move(clinic / "content.yaml", clinic / "routines" / "knee.yaml")
    monkeypatch.chdir(tmp_path / "elsewhere")
    code, output = run("build", "my-clinic/routines/knee.yaml", "--only", "handout")
    assert code == 0, output  # brand.yaml one folder up, out/ beside the routine
    assert "wrote my-clinic/routines/out/knee-self-massage-handout.pdf" in output
    (clinic / "brand.yaml").unlink()
    code, output = run("check", "my-clinic/routines/knee.yaml")
    assert code == 1
    assert "brand.yaml: file not found (looked in my-clinic/routines, my-clinic, here); give --brand" in output


def test_a_brand_saved_by_notepad_as_text_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Notepad saves brand.yaml as brand.yaml.txt unless 'All files' is chosen, and Windows hides the .txt: the
    brand looked for beside the routine was 'file not found (looked in here)', with the file in plain sight."""
    shutil.copy(CONTENT, tmp_path / "content.yaml")
    shutil.copy(BRAND, tmp_path / "brand.yaml.txt")
    monkeypatch.chdir(tmp_path)
    code, output = run("check")
    assert code == 1
    assert output.strip() == (
        "error: brand.yaml: file not found (looked in here; there is brand.yaml.txt: Windows hides its last part, .txt, "
        "so rename it to brand.yaml); give --brand, or make one with `handouts init`"
    )


@pytest.mark.parametrize(
    ("saved", "said"),
    [
        ("Brand.yaml", "there is Brand.yaml: the name must match in capitals too"),
        ("routines/BRAND.yaml", "there is routines/BRAND.yaml: the name must match in capitals too"),
        ("brand.yml", "there is brand.yml: it is looked for as brand.yaml, so rename it"),
        ("BRAND.YML", "there is BRAND.YML: it is looked for as brand.yaml, so rename it"),  # both: as Windows saved it
    ],
)
def test_a_brand_saved_under_a_name_near_brand_yaml_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, saved: str, said: str
) -> None:
    """A brand saved as Brand.yaml is found on a Mac or Windows, where capitals in names do not matter, and not
    on Linux (nor once the folder is shared with a Linux computer), and brand.yml, YAML's other extension, on
    none: both were 'file not found (looked in here)', with the file beside the routine."""
    (tmp_path / "routines").mkdir()
    shutil.copy(CONTENT, tmp_path / "routines" / "content.yaml")
    shutil.copy(BRAND, tmp_path / saved)
    monkeypatch.chdir(tmp_path)
    code, output = run("check", "routines/content.yaml")
    assert code == 1
    assert output.strip() == (
        f"error: brand.yaml: file not found (looked in routines, here; {said}); give --brand, or make one with `handouts init`"
    )


def test_a_folder_named_brand_yaml_is_said_to_be_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder named brand.yaml (made by mistake, or a zip's folder of that name unpacked) beside the routine was
    'file not found (looked in routines, here)', with brand.yaml there to see."""
    (tmp_path / "routines" / "brand.yaml").mkdir(parents=True)
    shutil.copy(CONTENT, tmp_path / "routines" / "content.yaml")
    monkeypatch.chdir(tmp_path)
    code, output = run("check", "routines/content.yaml")
    assert code == 1
    assert output.strip() == (
        "error: brand.yaml: file not found (looked in routines, here; routines/brand.yaml is a folder, not a file); "
        "give --brand, or make one with `handouts init`"
    )


def test_a_brand_icloud_drive_keeps_only_online_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A brand.yaml iCloud Drive keeps only online (a hidden .brand.yaml.icloud in its place, before macOS 14) was
    'file not found (looked in here)', though Finder shows it, with a cloud."""
    from handouts.input.files import IN_ICLOUD

    shutil.copy(CONTENT, tmp_path / "content.yaml")
    (tmp_path / ".brand.yaml.icloud").write_bytes(b"bplist00")
    monkeypatch.chdir(tmp_path)
    code, output = run("check")
    assert code == 1
    assert output.strip() == (
        f"error: brand.yaml: file not found (looked in here; brand.yaml: {IN_ICLOUD}); give --brand, or make one with "
        "`handouts init`"
    )


def test_a_folder_typed_with_a_backslash_before_its_closing_quote_is_named(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--out "C:\\My Handouts\\"` reaches the program as `C:\\My Handouts"` (Windows' command-line rule keeps a
    quote after a backslash; Windows PowerShell 5.1 passes a tab-completed '.\\My Handouts\\' so): Windows then
    failed with 'The filename, directory name, or volume label syntax is incorrect', and a Mac made a folder
    whose name no Windows computer it syncs to can hold. A file that exists with a quote in its name is read."""
    monkeypatch.chdir(workdir)
    before = sorted(p.name for p in workdir.iterdir())
    result = _invoke("build", "content.yaml", "--only", "handout", "--out", 'My Handouts"')
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "error: Invalid value for '--out': My Handouts\": a name cannot contain a quote (\"): a backslash just before "
        "a closing quote keeps it, so leave out that backslash"
    )
    assert sorted(p.name for p in workdir.iterdir()) == before  # no folder made
    shutil.copy(workdir / "content.yaml", workdir / 'the "knee" routine.yaml')
    result = _invoke("check", 'the "knee" routine.yaml')
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("out", "name", "problem"),
    [
        ("Handouts ", "Handouts ", "ends with a space"),
        ("Dec./Jo", "Dec.", "ends with a dot"),
        ("a/Jo: knee", "Jo: knee", "has : in it"),
    ],
)
def test_an_out_folder_windows_cannot_open_is_refused_before_it_is_made(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, out: str, name: str, problem: str
) -> None:
    """A folder name pasted with a space at its end, or typed with a dot or a colon, was made on a Mac as typed:
    Windows drops a name's last spaces and dots, and forbids a colon, so synced to a clinic's Windows computer
    the folder could not be opened (there, the sheets went quietly into another folder). A folder that exists
    already is used as it is."""
    monkeypatch.chdir(workdir)
    before = sorted(p.name for p in workdir.iterdir())
    result = _invoke("build", "content.yaml", "--only", "handout", "--out", out)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: --out {Path(out)}: the folder name {name!r} {problem}, which Windows cannot open (nor sync from a Mac): "
        "choose another name\n"
    )
    assert sorted(p.name for p in workdir.iterdir()) == before


def test_backslashes_and_capitals_in_file_names(workdir: Path, make_content: object) -> None:
    (workdir / "pictures").mkdir()
    shutil.copy(ROOT / "assets" / "birchwood-logo.png", workdir / "pictures" / "sit.png")
    steps = knee()["routine"]["steps"]
    steps[0].update(image="pictures\\sit.png", alt="Sitting tall on a chair")
    windows = make_content(name="windows.yaml", routine={**knee()["routine"], "steps": steps})  # type: ignore[operator]
    code, output = run("build", str(windows), "--only", "handout", "--out", str(workdir / "o"))
    assert code == 0, output
    steps[0].update(image="Pictures/Sit.PNG")
    mac = make_content(name="mac.yaml", routine={**knee()["routine"], "steps": steps})  # type: ignore[operator]
    code, output = run("build", str(mac), "--only", "handout", "--out", str(workdir / "o"))
    assert code == 1
    assert (
        "routine.steps[1].image: file not found: Pictures/Sit.PNG (there is pictures/sit.png: the name must match in capitals"
        in output
    )


def test_a_picture_or_font_named_as_explorer_shows_it_without_its_extension_names_the_file(
    workdir: Path, make_content: object
) -> None:
    """Explorer hides the extension of a file type it knows (.png, .jpg, .ttf), so the logo shows as
    'birchwood-logo' and an iPhone photo as 'IMG_0042', and that is the name typed into brand.yaml or the routine:
    it was 'file not found: assets/birchwood-logo (looked in …)' beside the file the therapist could see there."""
    hidden = "which Explorer and Finder may hide"
    brand = (workdir / "brand.yaml").read_text(encoding="utf-8")
    (workdir / "hidden.yaml").write_text(brand.replace("logo: assets/birchwood-logo.png", "logo: assets\\birchwood-logo"))
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(workdir / "hidden.yaml"))
    said = f"logo: file not found: assets/birchwood-logo (there is birchwood-logo.png: write its name with .png, {hidden})"
    assert code == 1 and said in output, output
    (workdir / "pictures").mkdir()
    shutil.copy(ROOT / "assets" / "birchwood-logo.png", workdir / "pictures" / "IMG_0042.JPG")
    steps = knee()["routine"]["steps"]
    steps[0].update(image="pictures\\IMG_0042", alt="Sitting tall on a chair")
    routine = make_content(name="photo.yaml", routine={**knee()["routine"], "steps": steps})  # type: ignore[operator]
    code, output = run("check", str(routine))
    said = f"image: file not found: pictures/IMG_0042 (there is IMG_0042.JPG: write its name with .JPG, {hidden})"
    assert code == 1 and said in output, output
    (workdir / "fonts").mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "boxes.ttf", workdir / "fonts" / "Clinic-Regular.ttf")
    said = f"file not found: fonts/Clinic-Regular (there is Clinic-Regular.ttf: write its name with .ttf, {hidden})"
    for font in ("{regular: fonts/Clinic-Regular}", "fonts\\Clinic-Regular"):  # the second was taken for a family
        (workdir / "font.yaml").write_text(brand + f"font: {font}\n", encoding="utf-8")
        code, output = run("check", str(workdir / "content.yaml"), "--brand", str(workdir / "font.yaml"))
        assert code == 1 and said in output, output


def test_a_file_named_in_other_capitals_is_warned_of_where_capitals_do_not_matter(
    workdir: Path, make_content: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a Mac or Windows, `Pictures/Sit.PNG` finds pictures/sit.png, and the sheets built without a word; the
    clinic's Linux computer, sharing the folder through git, then failed with 'file not found'. Here the name
    as written finds the file, and the folder's listing gives it as saved, as on a Mac or Windows."""
    (workdir / "Pictures").mkdir()
    shutil.copy(ROOT / "assets" / "birchwood-logo.png", workdir / "Pictures" / "Sit.PNG")
    steps = knee()["routine"]["steps"]
    steps[0].update(image="Pictures/Sit.PNG", alt="Sitting tall on a chair")
    content = make_content(routine={**knee()["routine"], "steps": steps})  # type: ignore[operator]
    code, output = run("build", str(content), "--only", "handout", "--out", str(workdir / "o"))
    assert code == 0 and "[name-case]" not in output, output  # as written and as saved: nothing to say
    listed = os.listdir
    saved = {"Pictures": "pictures", "Sit.PNG": "sit.png"}  # the names a case-insensitive system lists
    monkeypatch.setattr(os, "listdir", lambda path=".": [saved.get(name, name) for name in listed(path)])
    code, output = run("build", str(content), "--only", "handout", "--out", str(workdir / "o"))
    assert code == 0, output
    assert (
        f"warning: {content}:" in output
        and ": routine.steps[1].image: Pictures/Sit.PNG is saved as pictures/sit.png: found here, where capitals in "
        "file names do not matter, but not on Linux, where they do (a folder shared through git or a server, say): "
        "write pictures/sit.png [name-case]\n"
        in output
    ), output
    code, output = run("build", str(content), "--only", "handout", "--out", str(workdir / "o"), "--suppress", "name-case")
    assert code == 0 and "[name-case]" not in output, output


def test_a_template_named_in_other_capitals_is_warned_of_where_capitals_do_not_matter(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clinic's Handout.xml.j2, or its `{% include "Parts/Discomfort.xml.j2" %}` of parts/discomfort.xml.j2, is
    used on a Mac or Windows without a word; on the clinic's Linux computer the same folder is an error. Simulated
    as for pictures: the names as written find the files, and the folder's listing gives them as saved."""
    layouts = workdir / "layouts"
    (layouts / "Parts").mkdir(parents=True)
    shutil.copy(ROOT / "templates" / "discomfort.xml.j2", layouts / "Parts" / "Discomfort.xml.j2")
    ours = (ROOT / "templates" / "handout.xml.j2").read_text(encoding="utf-8")
    ours = ours.replace('{% include "discomfort.xml.j2" %}', '{% include "Parts/Discomfort.xml.j2" %}')
    (layouts / "handout.xml.j2").write_text(ours, encoding="utf-8")
    line = ours.split("\n").index('{% include "Parts/Discomfort.xml.j2" %}') + 1
    build = ("build", str(workdir / "content.yaml"), "--only", "handout", "--out", str(workdir / "o"))
    code, output = run(*build, "--templates", str(layouts))
    assert code == 0 and "[name-case]" not in output, output  # as written and as saved: nothing to say
    listed = os.listdir
    saved = {"handout.xml.j2": "Handout.xml.j2", "Parts": "parts", "Discomfort.xml.j2": "discomfort.xml.j2"}

    def as_a_mac_lists(path: str | Path = ".") -> list[str]:
        names = listed(path)
        return [saved.get(name, name) for name in names] if Path(path).is_relative_to(layouts) else names

    monkeypatch.setattr(os, "listdir", as_a_mac_lists)
    code, output = run(*build, "--templates", str(layouts))
    found = "found here, where capitals in file names do not matter, but not on Linux, where they do (a folder shared"
    assert code == 0, output
    assert (
        f"warning: {layouts / 'Handout.xml.j2'}: handout.xml.j2 is saved as Handout.xml.j2: {found} through git or a "
        "server, say): rename the file handout.xml.j2, the name handouts looks for [name-case]\n" in output
    ), output
    assert (
        f"warning: {layouts / 'handout.xml.j2'}:{line}: Parts/Discomfort.xml.j2 is saved as parts/discomfort.xml.j2: "
        f"{found} through git or a server, say): write parts/discomfort.xml.j2 [name-case]\n" in output
    ), output
    code, output = run(*build, "--templates", str(layouts), "--suppress", "name-case")
    assert code == 0 and "[name-case]" not in output, output


def test_a_batch_says_a_template_named_in_other_capitals_once(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clinic's Handout.xml.j2 is every patient's layout: a batch says it once, as build does, not at each
    row. Simulated as above: the name as written finds the file, and the folder's listing gives it as saved."""
    layouts = workdir / "layouts"
    layouts.mkdir()
    shutil.copy(ROOT / "templates" / "handout.xml.j2", layouts / "handout.xml.j2")
    patients = workdir / "patients.csv"
    rows = "".join(f"{name},content.yaml,2026-12-01,no\n" for name in ("Jo Bloggs", "Al Smith", "Kim Lee"))
    patients.write_text("patient,routine,date,large_print\n" + rows, encoding="utf-8")
    listed = os.listdir

    def as_a_mac_lists(path: str | Path = ".") -> list[str]:
        names = listed(path)
        return [{"handout.xml.j2": "Handout.xml.j2"}.get(name, name) for name in names] if Path(path) == layouts else names

    monkeypatch.setattr(os, "listdir", as_a_mac_lists)
    args = ("batch", str(patients), "--templates", str(layouts), "--out", str(workdir / "out"), "--workers", "1")
    code, output = run(*args)
    assert code == 0 and "built 3 patients" in output, output
    said = [line for line in output.splitlines() if line.endswith("[name-case]")]
    assert said == [
        f"warning: {layouts / 'Handout.xml.j2'}: handout.xml.j2 is saved as Handout.xml.j2: found here, where capitals "
        "in file names do not matter, but not on Linux, where they do (a folder shared through git or a server, say): "
        "rename the file handout.xml.j2, the name handouts looks for [name-case]"
    ], output


def test_a_long_folder_name_is_said_once_in_a_line(tmp_path: Path, workdir: Path) -> None:
    """The clinic's folder began the message, and was said again with the file not found and with the file
    meant: three times a long name made the line unreadable. The files are named from their folder."""
    clinic = tmp_path / ("Birchwood Physiotherapy shared documents " * 4).strip()
    shutil.copytree(workdir, clinic)
    (clinic / "pictures").mkdir()
    shutil.copy(ROOT / "assets" / "birchwood-logo.png", clinic / "pictures" / "sit.png")
    data = knee()
    data["routine"]["steps"][0].update(image="pictures/Sit.png", alt="Sitting tall")
    (clinic / "content.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, output = run("build", str(clinic / "content.yaml"), "--only", "handout", "--out", str(clinic / "out"))
    assert code == 1, output
    (line,) = [line for line in output.splitlines() if line.startswith("error: ")]
    assert line.count(clinic.name) == 1, line
    assert line.endswith(
        ": routine.steps[1].image: file not found: pictures/Sit.png (there is sit.png: the name must match in capitals too)"
    ), line
    assert not (clinic / "out").exists()


def test_text_whose_accents_are_stored_the_mac_way_prints_them_on_their_letters(workdir: Path, make_content: object) -> None:
    """Text copied on a Mac (a file's name, a PDF) can store `é` as `e` and a combining accent: the PDF engines
    drew the accent as a character of its own after the `e`, in the space after it (the title printed as
    'Cafe' and an accent run into 'knee'), in the routine's text and in the patient's name alike. A picture's
    file name is kept as written: a Mac names files so, and the file is found by that name."""
    import unicodedata

    mac = unicodedata.normalize("NFD", "Café knee routine for Zoë")
    saved = unicodedata.normalize("NFD", "étirement.png")
    (workdir / "pictures").mkdir()
    shutil.copy(ROOT / "assets" / "birchwood-logo.png", workdir / "pictures" / saved)
    steps = knee()["routine"]["steps"]
    steps[0].update(image=f"pictures/{saved}", alt=unicodedata.normalize("NFD", "Étirement du mollet"))
    routine = make_content(name="mac.yaml", title=mac, routine={**knee()["routine"], "steps": steps})  # type: ignore[operator]
    patient = unicodedata.normalize("NFD", "José Núñez")
    out = workdir / "o"
    code, output = run(
        "build", str(routine), "--only", "handout", "--out", str(out), "--patient", patient, "--date", "2026-12-01"
    )
    assert code == 0, output
    (handout,) = out.glob("*-handout-*.pdf")
    text = flat(pdf_text(handout))
    assert "Café knee routine for Zoë" in text and "José Núñez" in text
    assert not [ch for ch in text if unicodedata.combining(ch)]


def test_composing_accents_changes_no_other_character(workdir: Path, make_content: object) -> None:
    """Only a letter and the accents after it are joined: the ohm and angstrom signs (and CJK compatibility
    ideographs), which Unicode's composed form (NFC) replaces by other characters, print as typed."""
    routine = make_content(name="signs.yaml", title="Knee care at 5 \u2126 and 3 \u212b, Cafe\u0301")  # type: ignore[operator]
    out = workdir / "o"
    code, output = run("build", str(routine), "--only", "handout", "--out", str(out))
    assert code == 0, output
    (handout,) = out.glob("*-handout.pdf")
    assert "Knee care at 5 \u2126 and 3 \u212b, Caf\u00e9" in flat(pdf_text(handout))


def test_a_file_name_whose_accents_are_stored_another_way_is_named(workdir: Path, make_content: object) -> None:
    """`é` typed is one character; a Mac names files with `e` and an accent. On Linux those are two names that
    print alike: the message says which file was meant and what differs."""
    import unicodedata

    typed, saved = (unicodedata.normalize(form, "étirement.png") for form in ("NFC", "NFD"))
    (workdir / "pictures").mkdir()
    shutil.copy(ROOT / "assets" / "birchwood-logo.png", workdir / "pictures" / saved)
    if (workdir / "pictures" / typed).exists():
        pytest.skip("this file system treats the two ways of storing accents as one name (macOS, Windows)")
    steps = knee()["routine"]["steps"]
    for image, said in [
        (f"pictures/{typed}", "which looks the same but stores its accented letters as a letter and an accent, as a Mac"),
        (f"Pictures/{typed}", "which differs in capitals and stores its accented letters as a letter and an accent"),
    ]:
        steps[0].update(image=image, alt="Stretching")
        routine = make_content(name="mac.yaml", routine={**knee()["routine"], "steps": steps})  # type: ignore[operator]
        code, output = run("build", str(routine), "--only", "handout", "--out", str(workdir / "o"))
        assert code == 1, output
        (line,) = [line for line in output.splitlines() if line.startswith("error: ")]
        there = saved if image.startswith("pictures/") else f"pictures/{saved}"  # named from where the two differ
        assert f"routine.steps[1].image: file not found: {image} (there is {there}, " in line
        assert said in line and line.endswith(": type the name again, or rename the file)")
    assert not (workdir / "o").exists() or not list((workdir / "o").iterdir())


@pytest.mark.slow
def test_a_patients_list_as_windows_and_excel_write_it(workdir: Path) -> None:
    (workdir / "routines").mkdir()
    shutil.copy(workdir / "content.yaml", workdir / "routines" / "knee.yaml")
    rows = [
        "patient,date of birth,date,routine,phone",
        "Jo Bloggs,01/02/1960,01/12/2026,routines\\knee.yaml,0123",
        "Ann Lee,02/03/1970,01/12/2026,Routines/Knee.yaml,0456",
        "jo  bloggs,01/02/1960,2026-12-01,routines\\knee.yaml,0123",
    ]
    (workdir / "patients.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, output = run("batch", str(workdir / "patients.csv"), "--workers", "1")
    assert code == 1
    csv = workdir / "patients.csv"
    assert f"warning: {csv}:1: date of birth, phone: not columns handouts reads" in output
    said = "row 3 repeats row 1 (the same patient, routines and date), so it is built twice: delete the repeat, or give"
    assert f"warning: {csv}:4: {said}" in output
    said = "routine: Routines/Knee.yaml: file not found (named by 1 row, none built; there is routines/knee.yaml)"
    assert f"error: {csv}:3: {said}" in output
    assert "built 2 patients" in output
    for name in ("Jo", "Bloggs", "Ann", "Lee"):
        assert name not in output


def test_batch_takes_the_print_options_of_build(workdir: Path) -> None:
    import pdfplumber

    (workdir / "layouts").mkdir()
    (workdir / "layouts" / "handout.xml.j2").write_text("<document><heading>Clinic layout</heading></document>")
    (workdir / "patients.csv").write_text(HEADER + "\nJo Bloggs,2026-12-01,content.yaml,no,,\n", encoding="utf-8")
    args = ["--greyscale", "--templates", str(workdir / "layouts"), "--csl", "apa", "--tracker-weeks", "0", "--workers", "1"]
    code, output = run("batch", str(workdir / "patients.csv"), *args)
    assert code == 0, output
    handout = workdir / "out" / "001-jo-bloggs" / "knee-self-massage-handout-jo-bloggs-2026-12-01.pdf"
    assert "Clinic layout" in pdf_text(handout)
    with pdfplumber.open(handout) as pdf:
        colours = {tuple(c["non_stroking_color"] or (0,)) for page in pdf.pages for c in page.chars}
    assert all(len(colour) == 1 or len(set(colour[:3])) == 1 for colour in colours), colours
    poster = workdir / "out" / "001-jo-bloggs" / "knee-self-massage-poster-jo-bloggs-2026-12-01.pdf"
    assert "Mon" not in flat(pdf_text(poster))  # no tracker


@pytest.mark.slow
def test_heic_photos_go_in_as_they_are(workdir: Path, make_content: object) -> None:
    import pdfplumber
    import pillow_heif
    from PIL import Image

    buffer = io.BytesIO()
    pillow_heif.from_pillow(Image.effect_noise((400, 300), 60).convert("RGB")).save(buffer, quality=80)
    (workdir / "photo.heic").write_bytes(buffer.getvalue())
    steps = knee()["routine"]["steps"]
    steps[0].update(image="photo.heic", alt="The warm up, photographed")
    path = make_content(name="heic.yaml", routine={**knee()["routine"], "steps": steps})  # type: ignore[operator]
    code, output = run("build", str(path), "--only", "handout", "--out", str(workdir / "o"))
    assert code == 0, output
    with pdfplumber.open(workdir / "o" / "knee-self-massage-handout.pdf") as pdf:
        assert sum(len(page.images) for page in pdf.pages) >= 2  # the logo and the photo


def test_a_long_patient_name_makes_a_short_file_name(workdir: Path) -> None:
    name = "Maximiliana " * 12 + "Featherstonehaugh-Cholmondeley"
    code, output = run("build", str(workdir / "content.yaml"), "--only", "handout", "--patient", name, "--date", "2026-12-01")
    assert code == 0, output
    (written,) = [p for p in (workdir / "out").iterdir() if "2026-12-01" in p.name]
    assert written.name == f"knee-self-massage-handout-{name_slug(name)}-2026-12-01.pdf" and len(written.name) < 100


# -- install and ship ----------------------------------------------------------------------------------


def test_a_licence_and_what_the_sdist_holds() -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in licence
    manifest = (ROOT / "MANIFEST.in").read_text(encoding="utf-8")
    for needed in ("graft examples", "graft tests", "graft assets", "graft build_backend", "content.yaml", "LICENSE"):
        assert needed in manifest


@pytest.mark.slow
def test_the_sdist_holds_the_examples_and_the_tests(tmp_path: Path) -> None:
    pytest.importorskip("build")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    import tarfile

    (sdist,) = tmp_path.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in ("examples/patients.csv", "tests/conftest.py", "tests/fixtures/boxes.ttf", "content.yaml", "LICENSE", SYMBOLS):
        assert needed in names
    assert not [name for name in names if "__pycache__" in name]


def test_older_pythons_are_told_which_python_is_needed() -> None:
    backend = (ROOT / "build_backend" / "handouts_backend.py").read_text(encoding="utf-8")
    code = compile(backend, "handouts_backend.py", "exec")
    namespace: dict[str, object] = {"__name__": "handouts_backend"}
    real = sys.version_info
    try:
        sys.version_info = (3, 9, 18, "final", 0)  # type: ignore[assignment]
        with pytest.raises(SystemExit, match=r"handouts needs Python 3\.11 or newer"):
            exec(code, namespace)
    finally:
        sys.version_info = real  # type: ignore[misc]


def test_a_small_list_is_built_in_one_process_and_a_long_one_on_every_core(workdir: Path) -> None:
    """Starting workers costs about a second, more than a few patients take: a batch starts one worker per ten
    patients, at most one per core, unless told how many (read from the runner, never timed here)."""
    from handouts.batch import Runner, read_rows

    small, _ = read_rows(_patients(workdir, 19))
    assert Runner(small, workdir / "brand.yaml", workdir / "out").workers == 1
    assert Runner(small, workdir / "brand.yaml", workdir / "out", workers=2).workers == 2  # as told
    long, _ = read_rows(_patients(workdir, 200))
    cores = os.cpu_count() or 1
    assert Runner(long, workdir / "brand.yaml", workdir / "out").workers == min(cores, 20)
    assert Runner(long[:40], workdir / "brand.yaml", workdir / "out").workers == min(cores, 4)


NEEDS_FORKSERVER = pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(), reason="no forkserver")


def _said_by_a_fresh_process(code: str) -> list[str]:
    """The words `code` prints, run by a Python of its own (one forkserver, no other thread, signals its own)."""
    starts = _as_a_terminal_starts_it if os.name != "nt" else None  # Windows has no preexec_fn
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, preexec_fn=starts)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@NEEDS_FORKSERVER
def test_a_long_list_starts_the_workers_server_before_the_engines_are_imported() -> None:
    """The batch command starts the forkserver, which imports the engines, as soon as it knows the list will use
    workers (two asked for here, whatever the cores), before this process imports them too; a short list
    starts none (a fresh process: the server is one per process)."""
    code = (
        "import sys\n"
        "from multiprocessing import forkserver\n"
        "from handouts.workers import start_early\n"
        "start_early(19)\n"
        "short = forkserver._forkserver._forkserver_pid\n"
        "start_early(40, 2)\n"
        "print(short, forkserver._forkserver._forkserver_pid is not None, 'handouts.job' in sys.modules)\n"
    )
    assert _said_by_a_fresh_process(code) == ["None", "True", "False"]


@pytest.mark.slow
@NEEDS_FORKSERVER
def test_a_batch_whose_workers_cannot_start_is_built_in_one_process(workdir: Path) -> None:
    """A forkserver needs a socket in the temporary folder, whose path the system caps (108 bytes on Linux): with
    a temporary folder deeper than that, no worker can start, and the command builds every patient itself
    instead of stopping with a traceback."""
    deep = workdir / ("t" * 120)
    deep.mkdir()
    csv = _patients(workdir, 3)
    command = [sys.executable, "-m", "handouts", "batch", str(csv), "--workers", "2", "--out", str(workdir / "out")]
    result = subprocess.run(command, cwd=workdir, capture_output=True, text=True, env={**os.environ, "TMPDIR": str(deep)})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "built 3 patients" in result.stdout
    assert len(_complete(workdir / "out")) == 3


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux keeps a blocked signal pending when it is ignored")
def test_a_ctrl_c_while_workers_start_is_held_for_them_and_stops_the_batch_after() -> None:
    """A Ctrl-C pressed while the workers start is kept from them (a process started then ignores it, so it
    cannot die importing with a traceback) and reaches the command when they have started: before, it was
    lost, and the whole batch was built as if nobody had pressed it. A fresh process: no other thread."""
    code = (
        "import os, signal, subprocess, sys\n"
        "from handouts.workers import ctrl_c_held\n"
        "reached = False\n"
        "try:\n"
        "    with ctrl_c_held():\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "        probe = 'import signal; print(signal.getsignal(signal.SIGINT) == signal.SIG_IGN)'\n"
        "        child = subprocess.run([sys.executable, '-c', probe], capture_output=True, text=True)\n"
        "        reached = True\n"
        "except KeyboardInterrupt:\n"
        "    print('stopped', reached, child.stdout.strip())\n"
    )
    assert _said_by_a_fresh_process(code) == ["stopped", "True", "True"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux keeps a blocked signal pending when it is ignored")
def test_a_ctrl_c_held_while_workers_start_is_not_lost_when_pythons_resource_tracker_starts() -> None:
    """Python's resource tracker, which each way of starting workers starts (the forkserver's start, the pool's
    queues), unblocks Ctrl-C as it starts: a Ctrl-C pressed after it started, while the workers still started,
    was ignored and lost, and the batch went on. A fresh process: no tracker started yet."""
    code = (
        "import os, signal\n"
        "from multiprocessing import resource_tracker\n"
        "from handouts.workers import ctrl_c_held\n"
        "try:\n"
        "    with ctrl_c_held():\n"
        "        resource_tracker.ensure_running()\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "    print('lost')\n"
        "except KeyboardInterrupt:\n"
        "    print('stopped')\n"
    )
    assert _said_by_a_fresh_process(code) == ["stopped"]


def test_workers_started_on_windows_are_kept_from_ctrl_c_by_the_consoles_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows passes no ignored signal on to a process started, and its console sends Ctrl-C to every process
    in it: each spawned worker still importing died with a KeyboardInterrupt traceback. The console's flag to
    ignore Ctrl-C, which processes started inherit there, is set while they start and cleared after, a Ctrl-C
    in the block too (simulated: the call Windows would get is recorded)."""
    import ctypes
    import types

    from handouts import workers

    calls: list[tuple[object, bool]] = []
    kernel32 = types.SimpleNamespace(SetConsoleCtrlHandler=lambda handler, ignored: calls.append((handler, ignored)))
    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(kernel32=kernel32), raising=False)
    monkeypatch.setattr(workers, "WINDOWS", True)
    with pytest.raises(KeyboardInterrupt), workers.ctrl_c_held():
        assert calls == [(None, True)]
        raise KeyboardInterrupt
    assert calls == [(None, True), (None, False)]


def test_ctrl_c_as_the_command_starts_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Ctrl-C while the command's modules were still loading (its first tenth of a second) ended in a
    KeyboardInterrupt traceback: Click says a Ctrl-C only once it runs. It is said as a later one is, with the
    same exit code."""
    import importlib.abc

    from handouts import command

    class Interrupted(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, path: object, target: object = None) -> None:
            if name == "handouts.cli":
                raise KeyboardInterrupt
            return None

    monkeypatch.delitem(sys.modules, "handouts.cli")
    monkeypatch.setattr(sys, "meta_path", [Interrupted(), *sys.meta_path])
    try:
        command.main()
    except KeyboardInterrupt:  # caught here: let go, it would end the test run
        pytest.fail("the Ctrl-C went on as a KeyboardInterrupt, printed as a traceback")
    except SystemExit as stopped:
        assert stopped.code == 130
    else:
        pytest.fail("the command went on after a Ctrl-C")
    assert capsys.readouterr().err == "stopped (Ctrl-C) as it started; nothing was written\n"
