"""The command line as a therapist types it: each slip answered with its exit code and one line saying what is
wrong and what to do, nothing written."""

from __future__ import annotations

from click.testing import CliRunner

from handouts.cli import main


def _errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("error: ")]


def test_handouts_alone_shows_its_help_not_the_help_as_errors() -> None:
    """`handouts` typed alone (the first thing a new user types) printed the usage twice and every line of the
    help after 'error: ', as if each were a mistake."""
    result = CliRunner().invoke(main, [])
    assert result.exit_code == 2, result.output
    assert not _errors(result.output), result.output
    assert result.output.count("Usage:") == 1, result.output
    assert "handouts init my-clinic --content" in result.output
