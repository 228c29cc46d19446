"""`python -m handouts.bench --cold` times a routine's first build beside its rebuilds (issue 29): the first with
an empty cache folder of its own each run, the others with the user's, which the warm-up filled."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from handouts import bench


def test_the_first_build_runs_with_an_empty_cache_folder_each_time(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[tuple[list[str], str | None]] = []

    def process(command: list[str], env: dict[str, str]) -> bench.Run:
        folder = env.get("HANDOUTS_CACHE_DIR")
        if command[-1] == "handout" and folder != "/the/users/cache":
            assert Path(folder).is_dir() and not any(Path(folder).iterdir())
        seen.append((command, folder))
        return bench.Run(100.0, 50.0, 10.0)

    monkeypatch.setenv("HANDOUTS_CACHE_DIR", "/the/users/cache")
    monkeypatch.setattr(bench, "_process", process)
    bench.cold(argparse.Namespace(content=Path("content.yaml"), brand=Path("brand.yaml"), runs=2))
    handouts = [folder for command, folder in seen if command[-1] == "handout"]
    firsts = [folder for folder in handouts if folder != "/the/users/cache"]
    assert len(handouts) == 6 and len(firsts) == 3 and len(set(firsts)) == 3  # a new empty folder every run
    assert bench.FIRST in capsys.readouterr().out
