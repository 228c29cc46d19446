"""The shipped templates' bytecode is kept beside them between runs; a clinic's own templates are not kept."""

from __future__ import annotations

from pathlib import Path

import jinja2

from handouts.layout import compiled
from handouts.layout.templating import TEMPLATES


def test_only_shipped_templates_are_kept_and_a_kept_one_renders_as_compiled(tmp_path: Path) -> None:
    cache = compiled.bytecode_cache(TEMPLATES)
    assert cache is not None
    clinic = tmp_path / "clinic.xml.j2"
    clinic.write_text("<p>{{ 1 + 1 }}</p>", encoding="utf-8")
    ours = jinja2.Environment(loader=jinja2.FileSystemLoader([str(tmp_path), str(TEMPLATES)]), bytecode_cache=cache)
    before = set((TEMPLATES / "__pycache__").glob("*")) if (TEMPLATES / "__pycache__").is_dir() else set()
    assert ours.get_template("clinic.xml.j2").render() == "<p>2</p>"
    assert list(tmp_path.rglob("*.cache")) == []
    assert set((TEMPLATES / "__pycache__").glob("*")) == before  # nothing of the clinic's kept
    bucket = cache.get_bucket(ours, "discomfort.xml.j2", str(TEMPLATES / "discomfort.xml.j2"), "x")
    assert not isinstance(bucket, compiled._Unkept)
