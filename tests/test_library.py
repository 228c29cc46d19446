"""handouts used as a library inside a longer-lived process: other code, profilers and resets around it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BRAND, CONTENT, ROOT

from handouts.build import Options, build


def test_a_reset_of_reportlab_changes_nothing(tmp_path: Path) -> None:
    """z3c.rml and others reset reportlab's font registry and settings; our fonts and settings come back."""
    from reportlab import rl_config

    first = build(CONTENT, BRAND, Options(out=tmp_path / "a", only=("handout", "poster")))
    rl_config._reset()  # what a host process may do between two builds
    assert rl_config.useA85 == 1
    second = build(CONTENT, BRAND, Options(out=tmp_path / "b", only=("handout", "poster")))
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


@pytest.mark.slow
def test_a_build_under_a_profiler_finishes() -> None:
    """The template time budget must leave the interpreter as it found it (a debugger or profiler traces
    every call; a stale pending-exception flag made CPython 3.11 spin forever there)."""
    script = "\n".join(
        [
            "import cProfile, pathlib, tempfile",
            "from handouts.build import Options, build",
            "profiler = cProfile.Profile()",
            "profiler.enable()",
            f"build(pathlib.Path({str(CONTENT)!r}), pathlib.Path({str(BRAND)!r}),"
            " Options(out=pathlib.Path(tempfile.mkdtemp()), only=('handout',)))",
            "profiler.disable()",
        ]
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr[-2000:]


def test_help_and_init_do_not_load_reportlab(tmp_path: Path) -> None:
    for args in (["--help"], ["init", str(tmp_path / "clinic"), "--no-input"]):
        code = "\n".join(
            [
                "import sys",
                "from handouts.cli import main",
                f"sys.argv = ['handouts', *{args!r}]",
                "try:",
                "    main()",
                "except SystemExit:",
                "    pass",
                "print(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'jinja2', 'pydantic')))",
            ]
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
        assert result.stdout.strip().splitlines()[-1] == "[]", (args, result.stdout, result.stderr)
    assert (tmp_path / "clinic" / "brand.yaml").exists()


@pytest.mark.slow
def test_batch_workers_started_with_spawn(tmp_path: Path) -> None:
    """Windows and macOS start worker processes with `spawn` (nothing inherited): rows must build there too."""
    from handouts.batch import read_rows, run

    (tmp_path / "content.yaml").write_bytes(CONTENT.read_bytes())
    csv = tmp_path / "patients.csv"
    csv.write_text("patient,routine\nJo Bloggs,content.yaml\nAda Byrne,content.yaml\n", encoding="utf-8")
    rows, bad = read_rows(csv)
    results = list(run(rows, BRAND, tmp_path / "out", workers=2, start_method="spawn"))
    assert bad == [] and [r.error for r in results] == [None, None]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["001-jo-bloggs", "002-ada-byrne"]


@pytest.mark.slow
def test_spawned_workers_print_bold_greek_in_the_bold_one_build_makes(tmp_path: Path) -> None:
    """A bold Greek word prints in Noto Sans's bold, made by each process that needs it (a spawned worker inherits
    no font): every patient's handout embeds it under the name a build in this process gives it."""
    import pdfplumber
    import yaml

    from handouts.batch import read_rows, run

    content = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))
    content["summary"] = "**Σταματήστε αμέσως** if it hurts."
    (tmp_path / "content.yaml").write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    csv = tmp_path / "patients.csv"
    csv.write_text("patient,routine\nJo Bloggs,content.yaml\nAda Byrne,content.yaml\n", encoding="utf-8")
    rows, _ = read_rows(csv)
    results = list(run(rows, BRAND, tmp_path / "out", workers=2, start_method="spawn", base=Options(only=("handout",))))
    assert [r.error for r in results] == [None, None]
    (one,) = build(tmp_path / "content.yaml", BRAND, Options(out=tmp_path / "one", only=("handout",)))
    handouts = sorted((tmp_path / "out").rglob("*-handout-*.pdf"))  # each patient's, named for them

    def bold_of(pdf: Path) -> set[str]:
        with pdfplumber.open(pdf) as doc:
            return {c["fontname"] for c in doc.pages[0].chars if c["text"] in "Σταματήστε"}

    assert len(handouts) == 2 and all(bold_of(pdf) == bold_of(one) for pdf in handouts), [bold_of(p) for p in handouts]
    assert "NotoSans-Bold" in next(iter(bold_of(one)))


def test_batch_workers_are_never_more_than_windows_lets_a_pool_have(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ProcessPoolExecutor refuses more than 61 processes on Windows (ValueError, a traceback): `--workers 64`
    was taken, and a workstation of 64 cores or more would have asked for as many by default."""
    import os

    from conftest import run

    from handouts.workers import workers_for

    monkeypatch.setattr(os, "cpu_count", lambda: 128)
    assert workers_for(5000) == 61 and workers_for(5000, 61) == 61
    csv = tmp_path / "patients.csv"
    csv.write_text("patient,routine\nJo Bloggs,content.yaml\n", encoding="utf-8")
    code, output = run("batch", str(csv), "--brand", str(BRAND), "--workers", "62")
    assert code == 2 and "'--workers': 62 is not in the range 1<=x<=61" in output, output


def test_batch_workers_are_never_copies_of_this_process() -> None:
    """A fork of a process with threads (a server's, a test runner's) can deadlock, and Python 3.12 warns of it:
    workers start from a fresh process, the same way everywhere there is a forkserver, else by spawn."""
    import multiprocessing

    from handouts.batch import start_method

    assert start_method() == ("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
