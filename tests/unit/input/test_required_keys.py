"""A required key left out says what the key holds and gives a line to write it with; the line, typed where the
key belongs, makes the file pass. It said only 'required key is missing'."""

from __future__ import annotations

import functools
import shutil
import tempfile
import typing
from pathlib import Path

import pytest
from conftest import BRAND, CONTENT, ROOT, run
from pydantic import BaseModel

from handouts.input.models import Brand, Content
from handouts.input.required import REQUIRED
from handouts.input.yamlsource import PathKey, format_path, parse_yaml

# Every model that may hold a required key is here, each list item's keys set under a '-' of its own line, so
# that any key can be taken out with the lines under it and leave the rest as written.
ROUTINE = """\
id: mini
title: A short routine
sections:
  -
    heading: About
    body: Some words.
safety:
  points:
    -
      short: Stop
      text: Stop if it hurts.
routine:
  title: Steps
  steps:
    -
      title: Shoulders
      text: Roll your shoulders [@smith2020].
video:
  url: https://www.example.com/video
  caption: The routine
help:
  -
    sign: It swells.
    action: call-clinic
discomfort:
  during: 2
references:
  -
    id: smith2020
    type: book
    title: A book
"""
CLINIC = """\
name: Example Clinic
colors:
  primary: "#1F6F78"
fonts:
  fallback: [fonts/extra.ttf]
contact:
  phone: 01632 960 123
"""


def _root(text: str) -> type[BaseModel]:
    return Brand if text is CLINIC else Content


def _paths(text: str) -> list[PathKey]:
    """The key paths of a file's required keys, each as the file writes it."""
    lines = parse_yaml(text, Path("x.yaml")).lines
    found = [path for path in lines if path and isinstance(path[-1], str)]
    return [path for path in found if (field := _owner(_root(text), path).model_fields.get(path[-1])) and field.is_required()]


def _owner(root: type[BaseModel], path: PathKey) -> type[BaseModel]:
    """The model whose mapping holds the key at `path`."""
    owner = root
    for part in path[:-1]:
        if isinstance(part, str):
            owner = _models(owner.model_fields[part].annotation)[0]
    return owner


def _models(annotation: typing.Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in _models(arg)]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _without(text: str, path: PathKey) -> tuple[list[str], int, str]:
    """The lines of `text` without the key at `path` and the lines under it (a mapping left with no key written
    `{}`, as an empty one is); where it stood, and its indent."""
    lines = text.splitlines(keepends=True)
    start = parse_yaml(text, Path("x.yaml")).lines[path] - 1
    end = start + 1
    while end < len(lines) and _indent(lines[end]) > _indent(lines[start]):
        end += 1
    left = lines[:start] + lines[end:]
    parent = left[start - 1] if start else ""
    if parent.rstrip().endswith(":") and (start == len(left) or _indent(left[start]) <= _indent(parent)):
        left[start - 1] = parent.rstrip() + " {}\n"
    return left, start, " " * _indent(lines[start])


def _with(lines: list[str], at: int, indent: str, line: str) -> str:
    """`lines` with `line` typed at `at` (its mapping's `{}` taken away)."""
    above = [*lines[: at - 1], lines[at - 1].replace(" {}\n", "\n")] if at else []
    return "".join([*above, f"{indent}{line}\n", *lines[at:]])


def _check(text: str, written: str) -> tuple[Path, int, str]:
    """`check` of `written` saved as the routine (`text` is ROUTINE) or as the clinic's brand (CLINIC): the file
    it was saved as, the exit code and the output."""
    return _checked(text is CLINIC, written)


@functools.cache
def _checked(clinic: bool, written: str) -> tuple[Path, int, str]:
    """`_check`, run once in a process for each file: every case checks the file as written, and a line given is
    often the same in both tests below (each `check` builds every output)."""
    folder = Path(tempfile.mkdtemp())
    if clinic:
        (folder / "fonts").mkdir()
        shutil.copy(ROOT / "tests" / "fixtures" / "boxes.ttf", folder / "fonts" / "extra.ttf")
        file, command = folder / "brand.yaml", ["check", str(CONTENT), "--brand", str(folder / "brand.yaml")]
    else:
        shutil.copy(BRAND, folder / "brand.yaml")
        shutil.copytree(ROOT / "assets", folder / "assets")
        file, command = folder / "content.yaml", ["check", str(folder / "content.yaml"), "--brand", str(folder / "brand.yaml")]
    file.write_text(written, encoding="utf-8")
    code, output = run(*command)
    return file, code, output


CASES = [(text, path) for text in (ROUTINE, CLINIC) for path in _paths(text)]


def _required_keys(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[tuple[type[BaseModel], str]]:
    """Every required key of `model` and of the models its keys hold."""
    if model in seen:
        return set()
    seen.add(model)
    keys = {(model, name) for name, field in model.model_fields.items() if field.is_required()}
    for field in model.model_fields.values():
        for inner in _models(field.annotation):
            keys |= _required_keys(inner, seen)
    return keys


def test_every_required_key_has_its_words_and_is_left_out_below() -> None:
    """A new required key needs what it holds and a line to write it, and a place in the files tried below."""
    assert set(REQUIRED) == _required_keys(Content, set()) | _required_keys(Brand, set())
    assert {(_owner(_root(text), path), path[-1]) for text, path in CASES} == set(REQUIRED)


@pytest.mark.parametrize(("text", "path"), CASES, ids=[format_path(path) for _, path in CASES])
def test_a_missing_key_says_what_to_add_and_the_line_given_makes_the_file_pass(text: str, path: PathKey) -> None:
    _, code, output = _check(text, text)
    assert code == 0, output  # the file as written passes
    without, at, indent = _without(text, path)
    file, code, output = _check(text, "".join(without))
    errors = [line for line in output.splitlines() if line.startswith("error: ")]
    assert code == 1 and len(errors) == 1, output
    said = f": {format_path(path)}: required key is missing: add "
    assert errors[0].startswith(f"error: {file}:") and said in errors[0], errors
    line = errors[0].rpartition(", e.g. ")[2]
    assert line.startswith(f"{path[-1]}: "), errors
    _, code, output = _check(text, _with(without, at, indent, line))
    assert code == 0, f"{errors[0]}\nthen, with the line given:\n{output}"


@pytest.mark.parametrize("command", ["check", "build"])
def test_check_and_build_say_a_missing_key_alike(tmp_path: Path, command: str) -> None:
    brand = tmp_path / "brand.yaml"
    brand.write_text('colors:\n  primary: "#1F6F78"\n', encoding="utf-8")
    content = tmp_path / "content.yaml"
    content.write_text(ROUTINE.replace("    -\n      title: Shoulders\n", "    -\n"), encoding="utf-8")
    code, output = run(command, str(content), "--brand", str(brand), "--out", str(tmp_path / "out"))
    assert code == 1 and "Traceback" not in output
    assert [line for line in output.splitlines() if line.startswith("error: ")] == [
        f"error: {content}:16: routine.steps[1].title: required key is missing: add the step's title, e.g. title: Knee bends",
        f"error: {brand}:1: name: required key is missing: add the clinic's name, e.g. name: Birchwood Physiotherapy",
    ], output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("text", "path"), CASES, ids=[format_path(path) for _, path in CASES])
def test_a_required_key_typed_with_nothing_after_it_says_what_to_write(text: str, path: PathKey) -> None:
    """`safety:` with nothing under it said 'expected a mapping of keys, got nothing (an empty value)', and no more."""
    without, at, indent = _without(text, path)
    _, code, output = _check(text, _with(without, at, indent, f"{path[-1]}:"))
    errors = [line for line in output.splitlines() if line.startswith("error: ")]
    assert code == 1 and len(errors) == 1 and f": {format_path(path)}: expected " in errors[0], output
    assert "got nothing (an empty value)" in errors[0], errors
    if path[-1] in ("action", "during"):  # what they take is said instead: one of three actions, a number to 10
        assert ", e.g. " not in errors[0] and ("'call-clinic'" in errors[0] or "from 0 (no pain)" in errors[0]), errors
        return
    line = errors[0].rpartition(", e.g. ")[2]
    assert f"(an empty value): write {REQUIRED[_owner(_root(text), path), path[-1]][0]}, e.g. {line}" in errors[0]
    _, code, output = _check(text, _with(without, at, indent, line))
    assert code == 0, f"{errors[0]}\nthen, with the line given:\n{output}"
