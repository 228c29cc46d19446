"""The handouts command line: parses options, prints results, maps errors to exit code 1.

`handouts`, `python -m handouts` and `python cli.py` are the same program. Each command imports what it
uses when it runs, so `handouts --help` and `handouts init` start without loading reportlab.
"""

from __future__ import annotations

import datetime
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from handouts import __version__
from handouts.errors import WARNINGS, HandoutsError
from handouts.input.options import Options, Orientation, Paper
from handouts.outputs import NAMES, OUTPUTS

EXAMPLES = """
\b
Examples:
  handouts build                          # content.yaml + brand.yaml -> out/
  handouts build knee.yaml --brand clinic/brand.yaml --out printouts
  handouts build --patient "Jo Bloggs" --date 2026-12-01
  handouts build --only poster --paper A3 --orientation portrait
"""


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected a date as YYYY-MM-DD, got {value!r}") from None


brand_option = click.option(
    "--brand",
    type=click.Path(path_type=Path),
    default=Path("brand.yaml"),
    show_default=True,
    help="The clinic's brand file.",
)


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
def main(debug: bool) -> None:
    """Print clinic-branded patient handouts from a routine kept as text.

    A routine lives in content.yaml, the clinic's look in brand.yaml;
    `handouts build` turns them into PDFs.
    """


def sheet_options(command: Any) -> Any:
    """The options that say what to make, shared by `build` and `check` (so that check checks what build builds)."""
    options = [
        click.option("--only", type=click.Choice(NAMES), multiple=True, help="Just this output (repeatable)."),
        click.option(
            "--paper",
            type=click.Choice([paper.value for paper in Paper], case_sensitive=False),
            help="Paper size (default: the brand's). A3 applies to posters; handouts then use the brand's paper.",
        ),
        click.option(
            "--orientation",
            type=click.Choice([orientation.value for orientation in Orientation]),
            help="The poster's orientation (default: whichever gives the larger text).",
        ),
        click.option(
            "--tracker-weeks",
            type=click.IntRange(0, 8),
            default=2,
            show_default=True,
            metavar="N",
            help="Rows of tick boxes on the poster (0 hides the tracker).",
        ),
        click.option(
            "--patient",
            metavar="NAME",
            help='Print "Prepared for NAME" on the handout; the files are named for the patient and date, '
            "beside the generic ones.",
        ),
        click.option("--date", callback=_date, metavar="YYYY-MM-DD", help="Date on the prepared-for line (default: today)."),
        click.option("--note", metavar="TEXT", help="A short note from the therapist, printed in a box on the handout."),
        click.option(
            "--greyscale", is_flag=True, help="Brand colours as greys of the same contrast, for black-and-white printers."
        ),
        click.option(
            "--duplex",
            is_flag=True,
            help="Two-sided printing: each document in the print file gets an even page count (default: the brand's).",
        ),
        click.option(
            "--templates",
            type=click.Path(path_type=Path, file_okay=False, exists=True),
            help="Folder of your own layouts, searched before the built-in ones.",
        ),
        click.option(
            "--csl",
            type=click.Path(path_type=Path),
            metavar="STYLE",
            help="References in this style: a name (apa, american-medical-association, vancouver, nature, "
            "chicago-author-date) or a CSL file (default: harvard-cite-them-right, or brand.yaml's).",
        ),
        click.option(
            "--suppress",
            type=click.Choice(list(WARNINGS)),
            multiple=True,
            metavar="CODE",
            help=f"Do not say this kind of warning (repeatable): {', '.join(WARNINGS)}.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _options(only: tuple[str, ...], **chosen: Any) -> Options:
    return Options(only=only or OUTPUTS, **chosen)


@main.command(epilog=EXAMPLES)
@click.argument("content", nargs=-1, type=click.Path(path_type=Path))
@brand_option
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=True),
    default=Path("out"),
    show_default=True,
    help="Folder the PDFs are written to (created if missing).",
)
@sheet_options
@click.option("--print-file", is_flag=True, help="Also write one PDF to print: each routine's handout, then its poster.")
def build_command(content: tuple[Path, ...], brand: Path, only: tuple[str, ...], **chosen: Any) -> None:
    """Build the PDFs and the web copy of each CONTENT file (default: content.yaml)."""
    from handouts.build import PartialBuildError, build_all

    try:
        built = build_all(list(content or (Path("content.yaml"),)), brand, _options(only, **chosen))
    except PartialBuildError as failed:  # the outputs that fit were written: say so, then what to shorten
        for written in failed.built.written:
            click.echo(f"wrote {written}")
        for removed in failed.removed:
            click.echo(f"removed {removed} (it could not be built again)")
        raise
    for warning in built.warnings:
        click.echo(f"warning: {warning}" + (f" [{warning.code}]" if warning.code else ""), err=True)
    for written in built.written:
        click.echo(f"wrote {written}")
    for note in built.notes:
        click.echo(f"note: {note}")


main.add_command(build_command, name="build")


INIT_EXAMPLES = """
\b
Examples:
  handouts init                           # asks, then writes ./brand.yaml
  handouts init my-clinic --content       # also a starter routine to edit
  handouts init --no-input --force        # defaults, replacing brand.yaml
"""


def _colour(value: str) -> str:
    from handouts.media.colours import normalise

    try:
        return normalise(value)
    except ValueError:
        raise click.UsageError(f"expected a colour like #165C64, got {value!r}") from None


def _logo(value: str) -> str:
    """A logo file that can be used, or nothing; asked again otherwise."""
    if not value.strip():
        return ""
    from handouts.media import images

    path = Path(value.strip()).expanduser()
    try:
        images.load_named(path.parent, path.name)
    except images.PictureError as exc:
        raise click.UsageError(f"{path}: {exc}") from None
    return str(path)


@main.command(name="init", epilog=INIT_EXAMPLES)
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), default=Path("."))
@click.option("--content", "with_content", is_flag=True, help="Also write a starter routine, content.yaml.")
@click.option("--no-input", is_flag=True, help="Ask nothing; use the defaults (for scripts).")
@click.option("--force", is_flag=True, help="Replace brand.yaml (and content.yaml) if they exist.")
def init_command(folder: Path, with_content: bool, no_input: bool, force: bool) -> None:
    """Write a starter brand.yaml into FOLDER (default: here), asking about your clinic.

    The files it writes build at once: `handouts build --brand FOLDER/brand.yaml`.
    """
    from handouts import starter

    answers = starter.Answers()
    if not no_input:
        ask = click.prompt
        answers = starter.Answers(
            name=ask("Clinic name", default=answers.name),
            tagline=ask("Tagline (optional)", default="", show_default=False),
            primary=ask("Main colour (hex)", default=answers.primary, value_proc=_colour),
            accent=ask("Accent colour for the safety box (hex)", default=answers.accent, value_proc=_colour),
            logo=ask(
                "Logo file, PNG, JPEG or SVG; a copy goes beside brand.yaml (optional)",
                default="",
                show_default=False,
                value_proc=_logo,
            ),
            phone=ask("Phone (optional)", default="", show_default=False),
            email=ask("Email (optional)", default="", show_default=False),
            website=ask("Website (optional)", default="", show_default=False),
            address=ask("Address (optional)", default="", show_default=False),
            therapist=ask("Therapist's name, for 'Prepared by' (optional)", default="", show_default=False),
            paper=ask("Paper", default=answers.paper, type=click.Choice(["A4", "letter"])),
            language=ask("Language of your handouts", default=answers.language) if with_content else answers.language,
        )
    logo = Path(answers.logo).expanduser() if answers.logo else None
    for path in starter.write_starter(folder, replace(answers, logo=""), with_content, force, logo):
        click.echo(f"wrote {path}")
    brand = folder / "brand.yaml"
    content = folder / "content.yaml" if with_content else Path("content.yaml")
    click.echo(
        f"next: edit them, then run `handouts check {content} --brand {brand}` and `handouts build {content} --brand {brand}`"
    )


BATCH_EXAMPLES = """
\b
patients.csv:
  patient,date,routine,large_print,paper,note
  Jo Bloggs,2026-12-01,knee.yaml,no,A4,Twice a day
  Sam Smith,2026-12-01,knee.yaml;hip.yaml,yes,letter,
\b
Examples:
  handouts batch patients.csv --out printouts
"""


@main.command(name="batch", epilog=BATCH_EXAMPLES)
@click.argument("csv_file", metavar="PATIENTS.csv", type=click.Path(path_type=Path))
@brand_option
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Each patient's PDFs go into a folder of their own here.",
)
@click.option("--workers", type=click.IntRange(1, 64), help="Processes to use (default: every core).")
@click.pass_context
def batch_command(ctx: click.Context, csv_file: Path, brand: Path, out: Path, workers: int | None) -> None:
    """Build personalised PDFs for every patient listed in PATIENTS.csv.

    Columns: patient and routine (content files, separated by ;) are
    required; date, large_print (yes/no), paper and note are optional. Each
    patient's set goes into its own folder under --out. A bad row is
    reported and skipped; the exit code is 1 if any row failed. Each folder
    also holds one file to print (every routine's handout, then its poster).
    Patients' names never appear in what this command prints.
    """
    from handouts import batch
    from handouts.input.loading import load_brand

    load_brand(brand)  # a missing or broken brand is said once, before any patient is built
    rows, bad = batch.read_rows(csv_file)
    rows, missing = batch.without_missing_routines(rows, csv_file)  # each said once, not once per row
    failures = [(problem.line or 0, str(problem)) for problem in [*bad, *missing]]
    built, files, warnings = 0, 0, []
    with click.progressbar(length=len(rows), label="building", file=sys.stderr) as bar:
        for result in batch.run(rows, brand, out, workers):
            bar.update(1)
            if result.error:
                failures.append((result.row.line, f"{csv_file}:{result.row.line}: row {result.row.number}: {result.error}"))
            else:
                built += 1
                files += len(result.written)
                warnings += [w for w in result.warnings if w not in warnings]
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"built {built} patient{'s' * (built != 1)} ({files} files) in {out}; failed {len(failures)}")
    for _, failure in sorted(failures, key=lambda failure: failure[0]):  # in the file's order
        click.echo(f"error: {failure}", err=True)
    if failures:
        ctx.exit(1)


CHECK_EXAMPLES = """
\b
Examples:
  handouts check                          # content.yaml with brand.yaml
  handouts check routines/*.yaml --brand clinic/brand.yaml --strict
"""


@main.command(name="check", epilog=CHECK_EXAMPLES)
@click.argument("content", nargs=-1, type=click.Path(path_type=Path))
@brand_option
@sheet_options
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit code 1).")
@click.pass_context
def check_command(
    ctx: click.Context, content: tuple[Path, ...], brand: Path, only: tuple[str, ...], strict: bool, **chosen: Any
) -> None:
    """Check CONTENT files (default: content.yaml) without writing any file.

    Builds every output in memory, as `build` would with the same options,
    and reports what would stop it, with file, line and key; and besides:
    citations, characters no font has, colour contrast, whether each poster
    fits and at what size, and the reading level of every text (target:
    grade 8 or below). Each warning ends with its code, which --suppress
    (or brand.yaml's suppress_warnings) silences. Exit code 1 when there
    are errors (or, with --strict, warnings).
    """
    from handouts.check import check

    options = _options(only, **chosen)
    findings = [finding for path in content or (Path("content.yaml"),) for finding in check(path, brand, options)]
    for finding in findings:
        click.echo(str(finding))
    errors = sum(f.level == "error" for f in findings)
    warnings = sum(f.level == "warning" for f in findings)
    click.echo(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    if errors or (strict and warnings):
        ctx.exit(1)


SERVE_EXAMPLES = """
\b
Examples:
  handouts serve                          # content.yaml with brand.yaml, at http://127.0.0.1:8000
  handouts serve knee.yaml hip.yaml --brand clinic/brand.yaml --port 8001
"""


@main.command(name="serve", epilog=SERVE_EXAMPLES)
@click.argument("content", nargs=-1, type=click.Path(path_type=Path))
@brand_option
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port of the page.")
@click.option("--host", default=None, metavar="ADDRESS", help="Address to listen on (default: this computer only).")
def serve_command(content: tuple[Path, ...], brand: Path, port: int, host: str | None) -> None:
    """Show the sheets of CONTENT files (default: content.yaml) in a page that updates as you edit.

    Open the address it prints in a browser: page pictures of the handout,
    the poster and their large-print versions, the web copy, any error in
    your files with its line, and what `check` finds. A form makes one
    patient's print file. Stop it with Ctrl-C.
    """
    from handouts.serve import serve

    if host is not None and host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: --host {host}: the page and its print form can be reached from other computers", err=True)
    address = host or "127.0.0.1"
    click.echo(f"serving at http://{address}:{port}/ (Ctrl-C stops it)")
    serve(list(content or (Path("content.yaml"),)), brand, Options(), address, port)


if __name__ == "__main__":
    main()
