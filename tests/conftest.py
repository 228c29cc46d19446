"""Shared fixtures and helpers: the example routine and brand (and its four PDFs, built once), a content
builder, the CLI in-process, PDF text."""

from __future__ import annotations

import copy
import datetime
import functools
import gc
import hashlib
import io
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import example, settings

from handouts.build import Options, build, render, render_each
from handouts.cli import main
from handouts.command import WORK_THRESHOLD
from handouts.job import Job, prepare
from handouts.outputs import BY_NAME, OUTPUTS
from handouts.profiles import STANDARD, Profile

# CI replays the same fuzz examples on every run (a red build always means a change broke something);
# elsewhere hypothesis explores new ones each time.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
# The tests' routine: the knee routine as it stood at version 2.1, kept as it is so that the tests' expected
# texts do not follow each clinical revision of the shipped example. The shipped content.yaml (SHIPPED) is
# tested as shipped: it builds every output, `check` says what it should, its references match citeproc-js.
CONTENT = ROOT / "tests" / "fixtures" / "knee-routine.yaml"
SHIPPED = ROOT / "content.yaml"
BRAND = ROOT / "brand.yaml"
PDFS = tuple(output.name for output in OUTPUTS if output.format == "pdf")  # the four PDFs: a build's `only` without the web copy
# The least routine: one step, one safety point (unit tests add or change a key of it)
MINI_ROUTINE = """\
id: mini
title: A short routine
safety:
  points: [Stop if it hurts.]
routine:
  title: Steps
  steps:
    - title: Shoulders
      text: Roll your shoulders.
"""


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` (the README's test command): one worker more than the machine has cores. About a sixth of the
    suite's time each worker waits on a process it started (Chromium, WebKit, node, qpdf, a command run whole),
    and one worker more keeps the cores busy meanwhile: on two cores the suite took 362 and 402 s with two
    workers, 337 and 346 s with three, 346 s with four. PYTEST_XDIST_AUTO_NUM_WORKERS, where set, is
    pytest-xdist's to read."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    from xdist.plugin import pytest_xdist_auto_num_workers as cores

    return cores(config) + 1


def pytest_collection_finish(session: pytest.Session) -> None:
    """Once the tests are collected, what collecting made (every module, test and hypothesis strategy: some two
    hundred thousand objects, live to the end) is frozen out of the collector's walks, and it then runs as the
    `handouts` command runs its work (see handouts.command): the collector walked all of it again and again,
    about a tenth of the processor time of tests/test_handout.py (26.9 s to 23.9 s, median of three runs)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(WORK_THRESHOLD, *gc.get_threshold()[1:])


@pytest.fixture(scope="session", autouse=True)
def _scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The folders the property tests make with `tempfile` (a fresh clinic for each generated example, where
    pytest's per-test `tmp_path` cannot serve) go into this session's own temporary folder, which pytest removes
    as it does its others (it keeps the last three sessions'): a long seed sweep left gigabytes in /tmp.
    Not removed at the session's end: multiprocessing keeps its own folder there until the process exits.
    The results handouts keeps between runs (handouts.cache) go there too, not into the user's cache."""
    tempfile.tempdir = str(tmp_path_factory.mktemp("scratch"))
    kept = os.environ.get("HANDOUTS_CACHE_DIR")
    os.environ["HANDOUTS_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    try:
        yield
    finally:
        tempfile.tempdir = None
        if kept is None:
            os.environ.pop("HANDOUTS_CACHE_DIR", None)
        else:
            os.environ["HANDOUTS_CACHE_DIR"] = kept


def knee() -> dict[str, Any]:
    """The tests' routine, a copy of its own for each caller to change: parsed once (the suite asks for it well
    over a thousand times: 7 ms of parsing each, a tenth of a millisecond to copy)."""
    return copy.deepcopy(_knee())


@functools.cache
def _knee() -> dict[str, Any]:
    return yaml.safe_load(CONTENT.read_text(encoding="utf-8"))


def _merge(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in overrides.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def example_folder(folder: Path) -> Path:
    """`folder`, given a copy of the example brand (with its logo) and content."""
    shutil.copy(BRAND, folder / "brand.yaml")
    shutil.copytree(ROOT / "assets", folder / "assets")
    shutil.copy(CONTENT, folder / "content.yaml")
    return folder


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder holding a copy of the example brand (with its logo) and content."""
    return example_folder(tmp_path)


def write_content(folder: Path, name: str = "content.yaml", **overrides: Any) -> Path:
    """Write the knee routine with `overrides` applied (None removes a key) in `folder`; return its path."""
    path = folder / name
    path.write_text(yaml.safe_dump(_merge(knee(), overrides), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def make_content(workdir: Path) -> Callable[..., Path]:
    """write_content in the test's clinic folder (workdir)."""
    return functools.partial(write_content, workdir)


@pytest.fixture(scope="session")
def knee_four(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The four PDFs of the knee routine, built once for the whole session from the repository's files."""
    out = tmp_path_factory.mktemp("knee")
    written = build(CONTENT, BRAND, Options(out=out))
    return {path.stem.removeprefix("knee-self-massage-"): path for path in written if path.suffix == ".pdf"}


@pytest.fixture(scope="session")
def knee_handout(knee_four: dict[str, Path]) -> Path:
    return knee_four["handout"]


@pytest.fixture(scope="session")
def knee_poster(knee_four: dict[str, Path]) -> Path:
    return knee_four["poster"]


@functools.cache
def knee_for_a_patient(language: str) -> tuple[Job, dict[str, Path]]:
    """The knee routine in `language` (its id `knee-<language>`, in lower case), prepared for a patient (Jo Bloggs, 1 December
    2026), and its four PDFs by output name, made as a build makes them, once in a process: the label and the
    tagging tests of each language read the same sheets."""
    folder = Path(tempfile.mkdtemp(prefix=f"knee-{language}-"))
    routine = knee()
    routine["id"], routine["language"] = f"knee-{language.lower()}", language
    content = folder / "content.yaml"
    content.write_text(yaml.safe_dump(routine, allow_unicode=True, sort_keys=False), encoding="utf-8")
    job = prepare(content, BRAND, Options(out=folder, patient="Jo Bloggs", date=datetime.date(2026, 12, 1)))
    made = render_each(job, tuple(BY_NAME[name] for name in PDFS))
    assert not made.failed and not made.left_out, (made.failed, made.left_out)
    paths = {output.name: folder / f"{output.name}.pdf" for output in made.made}
    for output, rendered in made.made.items():
        paths[output.name].write_bytes(rendered.data)
    return job, paths


def known_cases(folder: str, read: Callable[[dict[str, Any]], dict[str, Any]] = dict) -> Callable[[Any], Any]:
    """A property test's cases that failed on random seeds once, kept as YAML files in tests/fixtures/`folder`
    (`read` makes each file's mapping the test's case): each is an explicit example, tried first in every run."""
    paths = sorted((ROOT / "tests" / "fixtures" / folder).glob("*.yaml"))
    cases = [read(yaml.safe_load(path.read_text(encoding="utf-8"))) for path in paths]

    def tried_first(test: Any) -> Any:
        for case in cases:
            test = example(case=case)(test)
        return test

    return tried_first


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    """The CLI in-process: its exit code and everything it printed."""
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.output


def line_of(path: Path, key: str) -> int:
    """The line of YAML file `path` where its top-level `key` is written, as an error or warning names it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(f"{key}:"))


_TEXTS: dict[bytes, str] = {}  # pdf_text's, by the SHA-256 of the PDF's bytes


def pdf_text(path: Path) -> str:
    """The PDF's text, page after page, read once for each content: the tests build the same PDF again and again
    (the hostile corpus' cases that leave the knee routine as it is, half its reading), and the same bytes read
    the same text."""
    data = path.read_bytes()
    key = hashlib.sha256(data).digest()
    if key not in _TEXTS:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            _TEXTS[key] = pages_text(pdf)
    return _TEXTS[key]


def pages_text(pdf: pdfplumber.PDF) -> str:
    """An open PDF's text, page after page, as pdf_text reads it: for a test that reads more of the PDF, which
    pdfplumber then parses once (a page keeps its glyphs once read)."""
    return "\n".join(page.extract_text() or "" for page in pdf.pages)


def face_name(font_name: str) -> str:
    """A PDF font's PostScript name without its subset tag (`ABCDEF+`) and without the digest a font file is
    renamed apart by when another file of its name was used first in the process (handouts.media.fonts)."""
    return re.sub(r"-[0-9a-f]{8}$", "", font_name.lstrip("/").split("+", 1)[-1])


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces folded, for phrase checks across lines."""
    return " ".join(text.split())


def build_one(content: Path, brand: Path, out: Path, **options: Any) -> Path:
    (path,) = build(content, brand, Options(out=out, only=("handout",), **options))
    return path


def poster_with_size(job: Job, profile: Profile = STANDARD) -> tuple[bytes, float]:
    """The one-page poster of a prepared job and the step size the fit search chose."""
    rendered = render(job, BY_NAME["poster" if profile is STANDARD else "poster-large-print"])
    assert rendered.size is not None
    return rendered.data, rendered.size
