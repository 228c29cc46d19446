"""Read a YAML file into plain data plus a map of where each key path sits.

PyYAML keeps the last of two equal keys and expands aliases without limit;
both are refused here. Line numbers are 1-based, list positions in key paths
count from 1 (as the printed step numbers do).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from handouts.errors import InputError, Problem
from handouts.files import UnreadableFileError, read_bytes

MAX_NODES = 200_000
MAX_DEPTH = 64  # mappings and lists inside each other; real files nest a handful deep
# libyaml's parser when PyYAML was built with it (it usually is): several times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PathKey = tuple[str | int, ...]


def format_path(path: PathKey) -> str:
    """`("routine", "steps", 2, "text")` -> `routine.steps[3].text` (positions count from 1)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Source:
    """A parsed YAML file: its data and the line of every key path in it."""

    path: Path
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.path)

    def line_of(self, path: PathKey) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None

    def problem(self, path: PathKey, message: str) -> Problem:
        return Problem(self.name, self.line_of(path), format_path(path), message)


def _fail(path: Path, line: int | None, message: str) -> InputError:
    return InputError([Problem(str(path), line, "", message)])


def _walk(node: yaml.Node, path: PathKey, lines: dict[PathKey, int], file: Path, budget: list[int]) -> None:
    budget[0] -= 1
    if budget[0] < 0:
        raise _fail(file, node.start_mark.line + 1, f"document too large or too deeply aliased (over {MAX_NODES} nodes)")
    if len(path) > MAX_DEPTH:
        raise _fail(file, node.start_mark.line + 1, f"lists and mappings nested more than {MAX_DEPTH} deep")
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise InputError(
                    [Problem(str(file), line, format_path((*path, key)), f"duplicate key (first given on line {seen[key]})")]
                )
            seen[key] = line
            lines[(*path, key)] = line
            _walk(value_node, (*path, key), lines, file, budget)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            _walk(item, (*path, index), lines, file, budget)


def read_yaml(path: Path) -> Source:
    """Parse `path`; raise :class:`InputError` naming file and line for anything unreadable."""
    try:
        raw = read_bytes(path, "yaml")
    except UnreadableFileError as exc:
        raise _fail(path, None, str(exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(path, line, "not UTF-8 text (save the file as UTF-8)") from None
    loader = LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _fail(path, None, "file is empty")
        lines: dict[PathKey, int] = {(): node.start_mark.line + 1}
        _walk(node, (), lines, path, [MAX_NODES])
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        # Where the file ended inside something left open (a quote, a bracket), its start is the line to fix.
        ended = "end of stream" in (exc.problem or "")
        mark = (exc.context_mark if ended else None) or exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = " ".join(part for part in (exc.problem, exc.context) if part) or "syntax error"
        source_lines = text.splitlines()
        problem_line = exc.problem_mark.line + 1 if exc.problem_mark else line
        if problem_line and problem_line <= len(source_lines) and "\t" in source_lines[problem_line - 1]:
            line, message = problem_line, "a tab character is used for indentation; indent with spaces"
        raise _fail(path, line, f"invalid YAML: {message}") from None
    except yaml.YAMLError as exc:
        raise _fail(path, None, f"invalid YAML: {exc}") from None
    except RecursionError:  # libyaml composes iteratively; brackets nested thousands deep end here
        raise _fail(path, None, f"lists and mappings nested more than {MAX_DEPTH} deep") from None
    finally:
        loader.dispose()
    return Source(path, data, lines)
