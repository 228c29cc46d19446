"""References through citeproc-py: the default Cite Them Right style, and --csl."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import BRAND, CONTENT, ROOT, flat, pdf_text

from handouts.citations import cited_ids
from handouts.cli import main


def test_cited_ids() -> None:
    assert cited_ids("As shown [@nhs2019] and [@a; @b:2].") == ["nhs2019", "a", "b:2"]
    assert cited_ids("no citation [here] or @there") == []


def test_another_csl_style(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["build", str(CONTENT), "--brand", str(BRAND), "--out", str(tmp_path), "--csl", str(ROOT / "tests/fixtures/numeric.csl")],
    )
    assert result.exit_code == 0, result.output
    text = flat(pdf_text(tmp_path / "knee-self-massage-handout.pdf"))
    assert "[1]" in text and "[2]" in text
    assert "(Perlman et al., 2006)" not in text
    # Numbered in order of first citation: Perlman (summary) before NHS (sections); uncited Atkins last.
    refs = text[text.index("References") :]
    assert refs.index("1. A.I. Perlman") < refs.index("2. NHS Overview – Osteoarthritis") < refs.index("3. D. Atkins")


def test_a_file_that_is_not_csl(tmp_path: Path) -> None:
    bad = tmp_path / "style.csl"
    bad.write_text("this is not xml")
    result = CliRunner().invoke(
        main, ["build", str(CONTENT), "--brand", str(BRAND), "--out", str(tmp_path / "o"), "--csl", str(bad)]
    )
    assert result.exit_code == 1
    assert f"error: {bad}: not a valid CSL style" in result.output
    assert "Traceback" not in result.output
