"""The package's shape, read from its source: the pipeline's stages import only what comes before them.

input -> words -> layout -> engines (pdf, web) -> commands. Nothing upstream of the PDF engines knows
reportlab; the web copy never imports the PDF engines; only the command line knows Click; no module imports
another that imports it back (counting the imports made when a module loads, not those inside functions).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "handouts"


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(path): path for path in PACKAGE.rglob("*.py")}


def _imports(path: Path, top_level_only: bool) -> Iterator[str]:
    """The modules `path` imports (`from a import b` counts as a.b where a.b is a module, else a)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.If) and top_level_only and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                yield name if name in MODULES else node.module


def _all_imports(module: str) -> set[str]:
    return set(_imports(MODULES[module], top_level_only=False))


def _in(module: str, *packages: str) -> bool:
    return any(module == package or module.startswith(package + ".") for package in packages)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _in(m, "handouts.input", "handouts.words", "handouts.layout")))
def test_input_words_and_layout_never_import_reportlab_or_the_engines(module: str) -> None:
    bad = {name for name in _all_imports(module) if _in(name, "reportlab", "handouts.pdf", "handouts.web", "svglib")}
    assert not bad, f"{module} imports {sorted(bad)}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _in(m, "handouts.web")))
def test_the_web_copy_never_imports_the_pdf_engines(module: str) -> None:
    bad = {name for name in _all_imports(module) if _in(name, "handouts.pdf")}
    assert not bad, f"{module} imports {sorted(bad)}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _in(m, "handouts.input", "handouts.words")))
def test_the_early_stages_never_import_the_later_ones(module: str) -> None:
    later = ("handouts.layout", "handouts.documents", "handouts.job", "handouts.build", "handouts.check")
    bad = {name for name in _all_imports(module) if _in(name, *later)}
    assert not bad, f"{module} imports {sorted(bad)}"


def test_only_the_command_line_knows_click() -> None:
    knows = sorted(m for m in MODULES if any(_in(name, "click") for name in _all_imports(m)))
    assert knows == ["handouts.cli"]


@pytest.mark.slow
def test_no_import_cycles() -> None:
    graph = {
        m: {name for name in _imports(path, top_level_only=True) if name in MODULES and name != m} for m, path in MODULES.items()
    }
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = "open"
        stack.append(module)
        for imported in sorted(graph[module]):
            if state.get(imported) == "open":
                cycle = [*stack[stack.index(imported) :], imported]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if imported not in state:
                visit(imported)
        stack.pop()
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module)


def test_the_rules_can_fail() -> None:
    """The readers above see an import where there is one (so a passing rule means something)."""
    assert "reportlab.platypus" in _all_imports("handouts.pdf.handout.blocks")
    assert "handouts.layout.nodes" in _all_imports("handouts.web.blocks")
