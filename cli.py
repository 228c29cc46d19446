"""The handouts command line: parses options, prints results, maps errors to exit code 1.

`python cli.py ...` and the installed `handouts` command are the same program.
"""

from __future__ import annotations

import datetime
import logging
import sys
from pathlib import Path
from typing import Any

import click

from handouts import __version__
from handouts.build import OUTPUTS, Options, build_routines
from handouts.errors import HandoutsError

EXAMPLES = """
\b
Examples:
  handouts build                          # content.yaml + brand.yaml -> out/
  handouts build knee.yaml --brand clinic/brand.yaml --out printouts
  handouts build --patient "Jo Bloggs" --date 2026-12-01
  handouts build --only poster --paper A3 --orientation portrait
"""


class EchoHandler(logging.Handler):
    """Library log records as `warning: ...` lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        prefix = "" if record.levelno < logging.WARNING else f"{record.levelname.lower()}: "
        click.echo(prefix + record.getMessage(), err=record.levelno >= logging.WARNING)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected a date as YYYY-MM-DD, got {value!r}") from None


class HandoutsGroup(click.Group):
    """Every failure ends the same way: one line per problem on stderr, exit code 1.

    A traceback is shown only with --debug.
    """

    def main(self, args: list[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        kwargs["standalone_mode"] = False
        try:
            code = super().main(argv, *rest, **kwargs)
        except click.ClickException as exc:
            exc.show()
            sys.exit(1)
        except click.Abort:
            click.echo("aborted", err=True)
            sys.exit(1)
        except HandoutsError as exc:
            if "--debug" in argv:
                raise
            click.echo("error: " + str(exc).replace("\n", "\nerror: "), err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=HandoutsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handouts")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Print clinic-branded patient handouts from a routine kept as text.

    A routine lives in content.yaml, the clinic's look in brand.yaml;
    `handouts build` turns them into PDFs.
    """
    ctx.obj = {"debug": debug}
    logger = logging.getLogger("handouts")
    logger.handlers[:] = [EchoHandler()]
    logger.setLevel(logging.INFO)
    logger.propagate = False


@main.command(epilog=EXAMPLES)
@click.argument("content", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--brand",
    "brand",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("brand.yaml"),
    show_default=True,
    help="The clinic's brand file.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=True),
    default=Path("out"),
    show_default=True,
    help="Folder the PDFs are written to (created if missing).",
)
@click.option("--only", type=click.Choice(OUTPUTS), multiple=True, help="Build just this output (repeatable).")
@click.option(
    "--paper",
    type=click.Choice(["A4", "letter", "A3"], case_sensitive=False),
    help="Paper size (default: the brand's). A3 applies to posters; handouts then use the brand's paper.",
)
@click.option(
    "--orientation",
    type=click.Choice(["landscape", "portrait"]),
    default="landscape",
    show_default=True,
    help="The poster's orientation.",
)
@click.option(
    "--tracker-weeks",
    type=click.IntRange(0, 8),
    default=2,
    show_default=True,
    metavar="N",
    help="Rows of tick boxes on the poster (0 hides the tracker).",
)
@click.option("--patient", metavar="NAME", help='Print "Prepared for NAME" on the handout.')
@click.option("--date", callback=_date, metavar="YYYY-MM-DD", help="Date on the prepared-for line (default: today).")
@click.option("--note", metavar="TEXT", help="A short note from the therapist, printed in a box on the handout.")
@click.option("--greyscale", is_flag=True, help="Brand colours as greys of the same contrast, for black-and-white printers.")
@click.option(
    "--templates",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Folder of your own layouts, searched before the built-in ones.",
)
@click.option(
    "--csl",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="A CSL style file for references (default: Cite Them Right, Harvard).",
)
@click.pass_context
def build_command(
    ctx: click.Context,
    content: tuple[Path, ...],
    brand: Path,
    out: Path,
    only: tuple[str, ...],
    paper: str | None,
    patient: str | None,
    date: datetime.date | None,
    note: str | None,
    greyscale: bool,
    templates: Path | None,
    csl: Path | None,
    orientation: str,
    tracker_weeks: int,
) -> None:
    """Build the PDFs of each CONTENT file (default: content.yaml)."""
    options = Options(
        out=out,
        only=only or OUTPUTS,
        paper={"a4": "A4", "letter": "letter", "a3": "A3"}.get((paper or "").lower()),
        patient=patient,
        date=date,
        note=note,
        greyscale=greyscale,
        templates=templates,
        csl=csl,
        orientation=orientation,
        tracker_weeks=tracker_weeks,
    )
    for written in build_routines(list(content or (Path("content.yaml"),)), brand, options):
        click.echo(f"wrote {written}")


main.add_command(build_command, name="build")


if __name__ == "__main__":
    main()
