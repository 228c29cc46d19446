"""The handouts command line: parses options, prints results, maps errors to exit codes.

`handouts`, `python -m handouts` and `python cli.py` are the same program. Each command imports what it
uses when it runs, so `handouts --help` and `handouts init` start without loading reportlab.

Exit codes: 0 done, 1 a problem in the files or a failed build (one line per problem, naming file, line and
key), 2 a command line that cannot be used (Click's convention), 130 stopped with Ctrl-C. Errors and warnings
go to stderr; what a command makes or finds (`wrote …`, check's findings) to stdout.
"""

from __future__ import annotations

import datetime
import glob
import itertools
import os
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from handouts import __version__
from handouts.command import STOPPED, imported
from handouts.errors import WARNINGS, HandoutsError, OptionError
from handouts.input.options import MAX_WORKERS, Options, Orientation, Paper
from handouts.messages import printable
from handouts.outputs import NAMES, OUTPUTS
from handouts.words.ink import prints_nothing

if TYPE_CHECKING:
    from collections.abc import Callable

    from handouts.build import Built

EXAMPLES = """
\b
Examples:
  handouts build                          # content.yaml + brand.yaml -> out/
  handouts build my-clinic/knee.yaml      # brand.yaml beside it (or above it), PDFs in my-clinic/out/
  handouts build knee.yaml --brand clinic/brand.yaml --out printouts
  handouts build --patient "Jo Bloggs" --date 01/12/2026 --print-file --open
  handouts build --only poster --paper A3 --orientation portrait
"""
ROUTINE = "content.yaml"  # what build, check and serve read when given no routine
QUIET, NORMAL, VERBOSE = 0, 1, 2
COLOURS = {"error": "red", "warning": "yellow", "note": "cyan"}
# Characters a legacy console or file encoding (Windows' cp1252) lacks, written so it can show them.
PLAIN = str.maketrans({"≥": ">=", "≤": "<=", "→": "->", "←": "<-", "≈": "~", "✓": "ok", "✗": "x", "•": "*"})


# -- printing --------------------------------------------------------------------------------------


def _level() -> int:
    context = click.get_current_context(silent=True)
    return context.find_root().meta.get("handouts.level", NORMAL) if context else NORMAL


def _fit(text: str, err: bool) -> str:
    """`text` as the stream can encode it (a findings file on Windows is cp1252: '≥' is written '>=')."""
    encoding = getattr(sys.stderr if err else sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return text.translate(PLAIN).encode(encoding, "replace").decode(encoding)
    except LookupError:
        pass
    return text


def say(message: str, err: bool = False, kind: str | None = None, level: int = NORMAL) -> None:
    """Print one message when the verbosity allows: its control characters (terminal escapes from a file's key
    or name) shown, not obeyed; `kind` (error, warning, note) prefixed, in colour on a terminal unless NO_COLOR
    is set."""
    if _level() < level:
        return
    text = _fit(printable(message), err)
    if kind:
        label = click.style(f"{kind}:", fg=COLOURS[kind], **({"bold": True} if kind == "error" else {}))
        text = "\n".join(f"{label} {line}" for line in text.split("\n"))
    click.echo(text, err=err, color=False if os.environ.get("NO_COLOR") else None)


def _set_level(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.find_root().meta["handouts.level"] = QUIET if param.name == "quiet" else VERBOSE


def verbosity(command: Any) -> Any:
    """-q and -v, on the group and on every command (`handouts -q build` and `handouts build -q` alike)."""
    for flags, name, text in (
        (("-v", "--verbose"), "verbose", "Say more: which brand.yaml and folders are used."),
        (("-q", "--quiet"), "quiet", "Say only warnings and errors."),
    ):
        command = click.option(*flags, name, is_flag=True, expose_value=False, callback=_set_level, help=text)(command)
    return command


# A path typed `"C:\My Handouts\"` reaches the program as `C:\My Handouts"`: Windows' rule for command lines
# reads a backslash before a quote as a quote to keep (and Windows PowerShell 5.1 passes '.\My Handouts\' so)
KEPT_QUOTE = 'a name cannot contain a quote ("): a backslash just before a closing quote keeps it, so leave out that backslash'


class FilePath(click.Path):
    """A path option or argument (as a `Path`); a control character in it is a usage error, not a traceback.
    So is an empty one (`--out "$FOLDER"` with the variable unset): it would name the current folder, where
    `--out` then writes and `--brand` reads a folder. A leading `~` is the home folder wherever the shell left
    it: cmd and PowerShell never expand it, nor do bash and zsh after `=` (`--out=~/Desktop/handouts` made a
    folder named `~` here)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(path_type=Path, **kwargs)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from handouts.input.files import control_characters

        problem = control_characters(str(value))
        if not str(value).strip():
            problem = "empty (a variable left unset?): name a file or folder"
        elif '"' in str(value) and not os.path.exists(value):  # no name has one on Windows, where a quote is kept so
            problem = f"{value}: {KEPT_QUOTE}"
        if problem:
            self.fail(problem, param, ctx)
        if (str(value) == "~" or str(value).startswith(("~/", f"~{os.sep}"))) and not os.path.exists(value):
            value = os.path.expanduser(value)  # `~\Desktop` too on Windows
        path = super().convert(value, param, ctx)
        if self.exists and not self.file_okay and not path.is_dir():  # click refuses a file, not a pipe or a device
            self.fail(f"{value} is not a folder", param, ctx)
        return path


class Choices(click.Choice):
    """A choice of words, shown as written (A4, not a4, whatever the case typed), and a word mistyped is
    answered with the one meant (`--only posters`: did you mean 'poster'?)."""

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str | None:
        return f"[{'|'.join(map(str, self.choices))}]"

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        typed = incomplete if self.case_sensitive else incomplete.casefold()
        return [
            CompletionItem(choice)
            for choice in map(str, self.choices)
            if (choice if self.case_sensitive else choice.casefold()).startswith(typed)
        ]

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """A list typed with commas (`--only handout,poster`) is answered with the option given once for each
        (and the part that is no choice, if one is not): the did-you-mean of the whole named only its first."""
        parts = [part.strip() for part in value.split(",")] if isinstance(value, str) and "," in value else []
        parts = [part for part in parts if part]  # "handout," is one, mistyped
        # Only an option given more than once takes more than one (`--paper A4,letter` is one paper, mistyped; so
        # is an answer to init's questions, which has no option)
        if len(parts) < 2 or param is None or not getattr(param, "multiple", False):
            return super().convert(value, param, ctx)
        known = {str(choice) if self.case_sensitive else str(choice).casefold() for choice in self.choices}
        wrong = [part for part in parts if (part if self.case_sensitive else part.casefold()) not in known]
        flag = param.opts[0] if param is not None and param.opts else "the option"
        each = f"one at a time, each with its own {flag}"
        if wrong:
            self.fail(f"{self.get_invalid_choice_message(wrong[0], ctx)}; and {each}", param, ctx)
        self.fail(f"{value!r}: {each}: {' '.join(f'{flag} {part}' for part in parts)}", param, ctx)

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        """As the library says an option's choice (`Options`): the choices, and the ones meant where a part of
        one was typed (`html`, `large-print`: each output's name that holds it) or one is close."""
        import difflib

        by_name = {str(choice).casefold(): str(choice) for choice in self.choices}
        typed = str(value).casefold().strip()
        meant = [name for name in by_name if len(typed) > 2 and typed in name]
        meant = meant or difflib.get_close_matches(typed, list(by_name), n=1)
        hint = f" (did you mean {' or '.join(repr(by_name[name]) for name in meant)}?)" if meant else ""
        return f"{value!r} is not one of {', '.join(by_name.values())}{hint}"


INPUT_ENDED = "the input ended before the last question (Ctrl-D, or fewer lines piped in than questions)"


def long_name(option: click.Option) -> str:
    """The option's longest name (`--out` of `-o`/`--out`), as its help and the README write it."""
    return max(option.opts, key=len)


class HandoutsCommand(click.Command):
    """A command whose option given no value takes none of its other options for it: Click takes the next word,
    whatever it is, so `--patient --print-file` printed sheets 'Prepared for --print-file', named so, and
    `--brand --out printouts` said 'printouts: file not found'. A value that starts with '-' and is no option
    of the command is taken as typed (`--note -`), and any value given with '=' (`--patient=--x`)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        options = {
            name: param
            for param in self.get_params(ctx)
            if isinstance(param, click.Option)
            for name in (*param.opts, *param.secondary_opts)  # --no-duplex too
        }
        for option, following in itertools.pairwise([*args, ""]):
            if option == "--":  # what follows is arguments, as typed
                break
            short = options.get(option[:2]) if option[1:2] != "-" and option[2:3] == "=" else None
            if short is not None and not short.is_flag:  # `-o=printouts`: Click takes "=printouts" as the value
                long = long_name(short)
                raise click.UsageError(
                    f"'{option}': a short option takes its value after a space: write {option[:2]} {option[3:] or 'VALUE'} "
                    f"(or {long}={option[3:] or 'VALUE'})",
                    ctx,
                )
            taking = options.get(option)
            if taking is not None and not taking.is_flag and following in options:
                long = long_name(taking)  # `-o=VALUE` is the value "=VALUE" to Click: --out=VALUE is meant
                raise click.UsageError(
                    f"'{option}' needs a value, and is followed by the option '{following}': give the value after "
                    f"{option} (or write {long}=VALUE)",
                    ctx,
                )
        return super().parse_args(ctx, args)


class HandoutsGroup(click.Group):
    """Every failure ends the same way: one line per problem on stderr and its exit code (see the module).

    A traceback is shown only with --debug."""

    command_class = HandoutsCommand

    def main(self, args: list[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        kwargs["standalone_mode"] = False
        try:
            code = super().main(argv, *rest, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:  # `handouts` alone: its help, not the help as an error
            exc.show()
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            if isinstance(exc, click.UsageError) and exc.ctx is not None:
                say(exc.ctx.get_usage(), err=True, level=QUIET)
                say(f"Try '{exc.ctx.command_path} --help' for help.", err=True, level=QUIET)
            say(exc.format_message(), err=True, kind="error", level=QUIET)
            sys.exit(exc.exit_code)
        except click.Abort as exc:
            # click ends a question (init's) on Ctrl-C or the input's end with its cause left out, as the context
            cause = exc.__cause__ or exc.__context__
            interrupted = isinstance(cause, KeyboardInterrupt)
            if exc.__cause__ is None and cause is not None:
                click.echo(err=True)  # the question's line was left open
            if interrupted:
                message = "stopped (Ctrl-C); nothing was left half-written"
            elif isinstance(cause, EOFError):
                message = f"no answer: {INPUT_ENDED}; nothing written"
            else:
                message = "aborted"
            say(message, err=True, level=QUIET)
            sys.exit(STOPPED if interrupted else 1)
        except HandoutsError as exc:
            if "--debug" in argv:
                raise
            say(str(exc), err=True, kind="error", level=QUIET)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


MAIN_EXAMPLES = """
\b
Start with:
  handouts init my-clinic --content       # asks about your clinic; writes my-clinic/brand.yaml and content.yaml
  handouts check my-clinic/content.yaml   # what is wrong in them, with file, line and key
  handouts build my-clinic/content.yaml   # the PDFs and the web copy, in my-clinic/out/
"""


@click.group(cls=HandoutsGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=MAIN_EXAMPLES)
@click.version_option(__version__, prog_name="handouts")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
@verbosity
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Print clinic-branded patient handouts from a routine kept as text.

    A routine lives in content.yaml, the clinic's look in brand.yaml;
    `handouts build` turns them into PDFs. Shell completion: see the README.
    """


# -- options several commands share ------------------------------------------------------------------

brand_option = click.option(
    "--brand",
    type=FilePath(),
    help="The clinic's brand file (default: brand.yaml beside the first file given, or above it, or here).",
)
print_options = [
    click.option("--greyscale", is_flag=True, help="Brand colours as greys of the same contrast, for black-and-white printers."),
    click.option(
        "--templates",
        type=FilePath(file_okay=False, exists=True),
        help="Folder of your own layouts, searched before the built-in ones.",
    ),
    click.option(
        "--csl",
        type=FilePath(),
        metavar="STYLE",
        help="References in this style: a name (apa, american-medical-association, vancouver, nature, "
        "chicago-author-date) or a CSL file (default: harvard-cite-them-right, or brand.yaml's).",
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
        "--duplex/--no-duplex",
        default=None,
        help=(
            "Two-sided printing, or not: each document in the print file gets an even page count, so no poster "
            "prints on the back of a handout (default: brand.yaml's duplex)."
        ),
    ),
]


def _with(options: list[Any]) -> Any:
    """A decorator giving a command each of `options`, in their order in --help."""

    def decorate(command: Any) -> Any:
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


with_print_options = _with(print_options)


def _not_blank(wanted: str) -> Callable[[click.Context, click.Parameter, str | None], str | None]:
    """A check that a text option given is not blank, a usage error (exit 2) naming the option otherwise: a value
    given blank is a slip (a script's empty variable). `--patient ""` made the generic sheet, with the patient's
    note and date on it, in place of the one every patient gets."""

    def check(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is not None and prints_nothing(value):
            what = "is empty" if not value.strip() else "has only characters that print nothing (such as U+200B)"
            raise click.BadParameter(f"{what}: give {wanted}, or leave the option out", param=param)
        return value

    return check


# What to make, shared by `build` and `check` (so that check checks what build builds), with the print options.
sheet_options = [
    click.option(
        "--only",
        type=Choices(NAMES),
        multiple=True,
        help="Just this output (repeatable). Each one named must be made: without --only, a large-print poster the "
        "routine is too long for is left out with a warning where the standard poster's steps are under 18 pt.",
    ),
    click.option(
        "--paper",
        type=Choices([paper.value for paper in Paper], case_sensitive=False),
        help="Paper size (default: the brand's). A3 applies to posters; handouts then use the brand's paper.",
    ),
    click.option(
        "--orientation",
        type=Choices([orientation.value for orientation in Orientation], case_sensitive=False),
        help="The poster's orientation (default: the one with the larger text; turned, with a warning, where it cannot fit).",
    ),
    click.option(
        "--patient",
        metavar="NAME",
        callback=_not_blank("a name"),
        help='Print "Prepared for NAME" on the handout; the files are named for the patient and date, beside the generic ones.',
    ),
    click.option(
        "--date",
        metavar="DATE",
        callback=_not_blank("a date"),
        help="Date on the prepared-for line, as 2026-12-01 or as the routine's language writes it (01/12/2026); default today.",
    ),
    click.option(
        "--note",
        metavar="TEXT",
        callback=_not_blank("the note"),
        help="A short note from the therapist, printed in a box on the handout.",
    ),
    click.option(
        "--therapist",
        metavar="NAME",
        callback=_not_blank("a name"),
        help="This patient's therapist (default: brand.yaml's therapist).",
    ),
    click.option(
        "--next-appointment",
        metavar="'DATE [HH:MM]'",
        callback=_not_blank("a date"),
        help="The patient's next appointment (a date as --date takes it, and a time if you like, as 14:30 or "
        "2:30 PM), printed on the handout's first page and on the poster.",
    ),
    suppress_option := click.option(
        "--suppress",
        type=Choices(list(WARNINGS)),
        multiple=True,
        metavar="CODE",
        help=f"Do not say this kind of warning (repeatable): {', '.join(WARNINGS)}.",
    ),
    *print_options,
]


def with_sheet_options(command: Any) -> Any:
    for option in reversed(sheet_options):
        command = option(command)
    return command


class LongNamed(click.Option):
    """An option with a short name too (`-o`), said in errors by its long name, as its help and the README write
    it: Click says both ("Invalid value for '-o' / '--out'")."""

    def get_error_hint(self, ctx: click.Context | None) -> str:
        return f"'{long_name(self)}'"


# Where build writes, shared by `build` and `check` (so that a build's command checks as it is, with `check` for
# `build`): check checks the folder and the print file as build would, and writes and opens nothing, as its help
# says of each.
def _output_options(checking: bool) -> list[Any]:
    return [
        click.option(
            "-o",
            "--out",
            cls=LongNamed,
            type=FilePath(file_okay=True),
            help=(
                "The folder build would write to, checked as build would write to it (default: out/ beside the first routine)."
                if checking
                else "Folder the PDFs are written to, made if missing (default: out/ beside the first routine)."
            ),
        ),
        click.option(
            "--print-file",
            is_flag=True,
            help=(
                "Check the print file build would write too: each routine's handout, then its poster."
                if checking
                else "Also write one PDF to print: each routine's handout, then its poster."
            ),
        ),
        click.option(
            "--open",
            "open_",
            is_flag=True,
            help=(
                "Taken as build takes it, so that build's command checks as it is; check opens nothing."
                if checking
                else "Open the print file (else the first PDF, else the web copy) in the system's viewer."
            ),
        ),
    ]


with_output_options = _with(_output_options(checking=False))
with_checked_output_options = _with(_output_options(checking=True))


def _sheet(contents: list[Path], only: tuple[str, ...], date: str | None, next_appointment: str | None, **chosen: Any) -> Options:
    """What to make, from the shared options: dates read as the routines' languages write them (the routines
    read for their language only when a date is given); a print file of nothing to print is a usage error."""
    day = when = None
    if date is not None or next_appointment is not None:
        from handouts.input import dates

        language = dates.routine_languages(contents)
        try:
            day = dates.parse(date, language) if date is not None else None
        except dates.DateError as exc:
            raise click.BadParameter(str(exc), param_hint="'--date'") from None
        try:
            when = dates.appointment(next_appointment, language) if next_appointment is not None else None
        except dates.DateError as exc:
            raise click.BadParameter(str(exc), param_hint="'--next-appointment'") from None
    options = Options(only=only or OUTPUTS, named=bool(only), date=day, next_appointment=when, **chosen)
    if options.print_file and not any(output.printed for output in options.only):
        names = ", ".join(output.name for output in OUTPUTS if output.printed)
        message = f"a print file holds the sheets to print ({names}), and --only names none of them"
        raise click.BadParameter(message, param_hint="'--print-file'")
    return options


WILDCARDS = re.compile(r"[*?[]")


def _routines(given: tuple[Path, ...], command: str, brand: Path | None) -> list[Path]:
    """The routines a command was given (default: content.yaml here), said before the brand is looked for
    beside them: a folder given for its routine, or no routine here, is the user's slip, not a brand missing.
    A name with wildcards that names no file itself (`routines/*.yaml`) is the files it matches, in order: no
    shell on Windows expands one (cmd, PowerShell), and Click does so only where it reads the command line
    itself, which this program does. A `[` that makes it match nothing is a folder's or file's own
    (`Routines [2026]/*.yaml`), as Windows names allow. What it matches leaves out the brand (`--brand`, else a
    brand.yaml: `*.yaml` in a clinic's folder), and a routine named twice is one."""
    if not given and not Path(ROUTINE).exists():
        raise OptionError(
            f"{ROUTINE}: file not found (looked in here); name your routine's file, or make one with `handouts init --content`"
        )
    contents: list[Path] = []
    for path in given or (Path(ROUTINE),):
        pattern = str(path)
        matches = []
        if WILDCARDS.search(pattern) and not os.path.exists(path):
            matches = sorted(glob.glob(pattern)) or sorted(glob.glob(pattern.replace("[", "[[]")))
            matches = [match for match in matches if not _is_brand(Path(match), brand)]
        contents += [Path(match) for match in matches] or [path]  # none: said as a file not found
    once: dict[Path, Path] = {}
    for path in contents:
        once.setdefault(_real(path), path)  # a routine named twice (knee.yaml k*.yaml) is built once
    contents = list(once.values())
    for path in contents:
        # os.path's tests, not Path's: Python 3.11's raise of a name too long for the system (a traceback where
        # reading the routine says "cannot be read (File name too long)")
        if os.path.isdir(path):
            inside = path / ROUTINE
            instead = f"give a routine's file ({ROUTINE})"
            if inside.is_file():
                instead = f"give the routine in it: {_run_in(path, command, ROUTINE)}"
            elif wildcard := next((f"*{end}" for end in (".yaml", ".yml") if _routines_in(path, end, brand)), None):
                # a folder of routines: a wildcard names each of them, on every system
                instead = f"give a routine's file in it, or every one: {_run_in(path, command, wildcard)}"
            raise OptionError(f"{path}: is a folder, not a YAML file; {instead}")
        # Read as YAML, a list said "expected a mapping of keys ..., got text", or, saved as Excel's "Unicode Text",
        # to save it as UTF-8.
        if path.suffix.lower() not in (".yaml", ".yml") and _patients_list(path):
            raise OptionError(
                f"{path}: is a patients list, not a routine; to print each patient's sheets, run "
                + _run_in(path.parent, "batch", path.name, "its folder")
            )
    return contents


def _run_in(folder: Path, command: str, name: str, said: str = "that folder") -> str:
    """The command that runs on `name` in `folder`, to be copied: `handouts build "my clinic/content.yaml"`; or,
    where no one way of writing the folder is read as typed by every shell (`Clinic $5`), the command to run
    in the folder (`said` names it); where `name` itself cannot be so written, to rename it."""
    if typed(Path(name)) is None:  # the name itself (`patients $5.csv`): no command names it as typed
        return f"`handouts {command}` on it renamed without {' '.join(READ_MARKS)}"
    where, (shown,) = named(folder, folder / name)  # as init names the files it suggests commands on
    return f"`handouts {command} {shown}`" + (f" in {said}" if where else "")


def _patients_list(path: Path) -> bool:
    from handouts.input.patients import is_patients_list  # only for a file not named as a routine is

    return is_patients_list(path)


def _routines_in(folder: Path, suffix: str, brand: Path | None) -> bool:
    """Whether `folder` holds a routine saved with `suffix` (.yaml, or .yml as some editors save them), the brand aside."""
    return any(not _is_brand(routine, brand) for routine in folder.glob(f"*{suffix}"))


def _is_brand(path: Path, brand: Path | None) -> bool:
    """Whether `path` is the brand: `brand` (--brand), else a file named brand.yaml."""
    if brand is None:
        return path.name.lower() == "brand.yaml"
    return _real(path) == _real(brand)


def _real(path: Path) -> str:
    """`path` with its links followed as far as they lead: a link in a loop, which Path.resolve() raises of, is
    said when the routine is read."""
    return os.path.realpath(path)


def _brand(given: Path | None, first: Path, kind: str = "yaml") -> Path:
    """--brand, else brand.yaml beside `first` (a routine, or a patients list of `kind` csv), above it, or here.
    Where none is found and `first` is not there (or is no file), it is `first` that is said, as reading it says
    it: a routine mistyped in a folder without brand.yaml was said as "brand.yaml: file not found"."""
    if given is not None:
        return given
    from handouts.input.files import (
        IN_ICLOUD,
        UnreadableFileError,
        beside,
        check_regular,
        hidden_extension,
        hidden_said,
        in_icloud,
        saved_near,
    )

    found, places = beside("brand.yaml", first)
    if not os.path.isfile(found):
        try:
            check_regular(first, kind)
        except UnreadableFileError as exc:
            raise OptionError(f"{first}: {exc}") from None
        looked = ", ".join(str(place.parent) if str(place.parent) != "." else "here" for place in places)
        saved = next(filter(None, map(hidden_extension, places)), None)  # brand.yaml.txt, as Notepad saves it
        online = next(filter(in_icloud, places), None)  # kept only online by iCloud Drive, shown in Finder
        near = None if saved or online else next(filter(None, map(saved_near, places)), None)  # Brand.yaml, brand.yml
        folder = next(filter(os.path.isdir, places), None)  # a folder of that name, made by mistake
        note = hidden_said(saved, "brand.yaml") if saved else f"{online}: {IN_ICLOUD}" if online else near
        note = note or (f"{folder} is a folder, not a file" if folder else None)
        looked += f"; {note}" if note else ""
        raise OptionError(f"brand.yaml: file not found (looked in {looked}); give --brand, or make one with `handouts init`")
    say(f"using {found}", err=True, level=VERBOSE)
    return found


def _out(given: Path | None, first: Path) -> Path:
    """--out, else out/ beside `first`."""
    return given if given is not None else first.parent / "out"


# -- build -----------------------------------------------------------------------------------------


@main.command(epilog=EXAMPLES, short_help="Make the PDFs and the web copy of routines.")
@click.argument("content", nargs=-1, type=FilePath())
@brand_option
@with_output_options
@with_sheet_options
@verbosity
def build_command(content: tuple[Path, ...], brand: Path | None, out: Path | None, open_: bool, **chosen: Any) -> None:
    """Build the PDFs and the web copy of each CONTENT file (default: content.yaml).

    They go into out/ beside the first routine (or --out): its handout, poster, their large-print versions and
    the web copy, named by the routine's id; with --patient, named for the patient and date too. Each file
    written is said. Exit code 1 when a file has a mistake (said with file, line and key: nothing is written)
    or a poster does not fit (the others are written); 2 when the command itself is mistyped.
    """
    contents = _routines(content, "build", brand)
    brand = _brand(brand, contents[0])
    options = _sheet(contents, out=_out(out, contents[0]), out_typed=out is not None, **chosen)
    from handouts.build import PartialBuildError, build_all

    imported()

    say(f"building {', '.join(str(path) for path in contents)} into {options.out}", err=True, level=VERBOSE)
    try:
        built = build_all(contents, brand, options)
    except PartialBuildError as failed:  # the outputs that fit were written: say what of, then what to shorten
        _said(failed.built)
        raise
    _said(built)
    if open_:
        # the print file, else the first PDF, else the web copy (--only handout-html): in the system's viewer or
        # browser (os.startfile on Windows, `open` on macOS, xdg-open elsewhere)
        pdfs = [path for path in built.written if path.suffix == ".pdf"] or list(built.written)
        shown = next((path for path in pdfs if path.name.endswith("-print.pdf")), pdfs[0] if pdfs else None)
        if shown is not None and not _shown(shown):
            say(f"could not open {shown}: no viewer answered; open it yourself", err=True, kind="warning", level=QUIET)


OPEN_WAIT = 5  # seconds xdg-open has to give up before a viewer is taken to have the file


def _shown(path: Path) -> bool:
    """Whether a viewer took `path`, given whole: a relative one starting with '-' (`--out -printouts`) was taken
    by xdg-open and macOS's `open` for an option."""
    return _launch(str(path.absolute())) == 0


def _launch(path: str) -> int:
    """Open `path` in the system's viewer: the opener's exit code. click waits for macOS's `open` and Windows'
    startfile to say, but only starts xdg-open (Linux): where no viewer is found it gave up after click returned,
    and nothing was said; and what it said (a line for each browser it tried) was shown before the program's one
    line. It is started and waited for here, up to OPEN_WAIT (some viewers keep it waiting as long as they are
    open), its output unshown."""
    if not sys.platform.startswith("linux"):
        return click.launch(path)
    import subprocess

    try:
        opener = subprocess.Popen(["xdg-open", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:  # no xdg-open
        return 127
    try:
        return opener.wait(OPEN_WAIT)
    except subprocess.TimeoutExpired:  # a viewer holding it open
        return 0


def _said(built: Built) -> None:
    """What a build found and did: its warnings, the files written and removed, its notes (the posters' sizes)."""
    for warning in built.warnings:
        say(warning.with_kind(), err=True, kind="warning", level=QUIET)
    for written in built.written:
        say(f"wrote {written}")
    for removed in built.removed:
        say(f"removed {removed} (it could not be built again)")
    for line in built.notes:
        say(line, kind="note")


main.add_command(build_command, name="build")


# -- init ------------------------------------------------------------------------------------------

INIT_EXAMPLES = """
\b
Examples:
  handouts init                           # asks, then writes ./brand.yaml
  handouts init --content                 # next: keeps ./brand.yaml, adds content.yaml
  handouts init my-clinic --content       # a new folder: writes my-clinic/brand.yaml and a starter routine
  handouts init --no-input --force        # defaults, replacing ./brand.yaml
"""
MAX_CLINIC_NAME = 150  # characters: the header band holds a name this long beside a title and the logo


def _colour(value: str) -> str:
    from handouts.media.colours import instead, normalise

    try:
        return normalise(value)
    except ValueError:
        raise click.UsageError(f"expected a colour like #14545C, got {value!r}{instead(value, quoted=False)}") from None


def _clinic_name(value: str) -> str:
    if len(value) > MAX_CLINIC_NAME:
        raise click.UsageError(
            f"a name of {len(value):,} characters does not fit the header band: at most {MAX_CLINIC_NAME} "
            "(the rest can go in the tagline)"
        )
    return _printable(value)


def _printable(value: str) -> str:
    """A text whose every character the starter's fonts print, asked again otherwise (as check would refuse
    it: the files init writes build at once)."""
    from handouts.job import controls, missing_names, unset
    from handouts.media.fonts import load_fonts

    if unsettable := unset(value):  # said apart from the characters no font has (missing_names leaves them out)
        raise click.UsageError(f"it {unsettable}")
    names = missing_names(load_fonts(), value)
    if names:
        raise click.UsageError(f"no font the handouts use has {names}: leave it out")
    codes = controls(value)
    if codes:
        raise click.UsageError(f"{codes} is a control character, which no page can print")
    return value


def _contact(name: str, needed: str = "") -> Callable[[str], str]:
    """A check of a contact answer as brand.yaml's are checked (a website of the web, not ftp://), asked again
    otherwise; nothing is fine (they are optional), unless `needed` says why it is not."""

    def check(value: str) -> str:
        from pydantic import ValidationError

        from handouts.input.models import Contact

        if not value.strip():
            if needed:
                raise click.UsageError(needed)
            return ""
        try:
            Contact.model_validate({name: _printable(value)})
        except ValidationError as exc:
            raise click.UsageError(str(exc.errors()[0]["msg"]).removeprefix("Value error, ")) from None
        return value

    return check


def _country(value: str) -> str:
    """A country code as brand.yaml takes it (GB, US…), or the code of a country named ("UK", "Germany");
    asked again otherwise."""
    from handouts.input.models import country_code, country_named

    try:
        return country_code(value.strip())
    except ValueError as exc:
        named = country_named(value)
        if named is None:
            raise click.UsageError(str(exc)) from None
        click.echo(f"{value.strip()}: brand.yaml writes it as its code, {named}", err=True)  # said once
        return named


def _logo(value: str) -> str:
    """A logo file that can be used, or nothing; asked again otherwise. Dragged into the terminal is fine."""
    if not value.strip():
        return ""
    from handouts.media import images
    from handouts.starter import dropped_path, windows_path

    if windows_path(value):  # said as typed: read from here it would be "outside the current folder"
        raise click.UsageError(
            f"{value.strip()} is a path on a Windows computer, not this one: drag the logo's file into this window "
            "from this computer's folders, or type its path as this computer writes it"
        )
    path = dropped_path(value)
    try:
        images.load_named(path.parent, path.name, "")  # only whether it can be read
    except images.PictureError as exc:
        raise click.UsageError(str(exc)) from None  # it names the file
    return str(path)


def _language(value: str) -> str:
    from handouts.input.languages import language_tag

    try:
        return language_tag(value.strip())
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


def _ask(text: str, default: str, value_proc: Callable[[str], str], **kwargs: Any) -> str:
    """One of init's questions: the answer without the spaces around it (one pasted with the value) and the CR
    of a line ended as Windows ends it (answers piped from a file saved there), checked by `value_proc`; the
    default for an answer of nothing else."""
    return str(click.prompt(text, default=default, value_proc=lambda value: value_proc(value.strip() or default), **kwargs))


def _answers(with_brand: bool, with_content: bool) -> Any:
    """What init asks: the clinic's questions for a brand.yaml, the language for a content.yaml."""
    from handouts import starter

    answers = starter.Answers()
    if with_brand:
        answers = replace(
            answers,
            name=_ask("Clinic name", default=answers.name, value_proc=_clinic_name),
            tagline=_ask("Tagline (optional)", default="", show_default=False, value_proc=_printable),
            primary=_ask("Main colour (hex)", default=answers.primary, value_proc=_colour),
            accent=_ask("Accent colour for the safety box (hex)", default=answers.accent, value_proc=_colour),
            logo=_ask(
                "Logo file, PNG, JPEG or SVG (drag it here); a copy goes beside brand.yaml (optional)",
                default="",
                show_default=False,
                value_proc=_logo,
            ),
            phone=_ask("Phone (optional)", default="", show_default=False, value_proc=_contact("phone")),
            email=_ask("Email (optional)", default="", show_default=False, value_proc=_contact("email")),
            website=_ask("Website (optional)", default="", show_default=False, value_proc=_contact("website")),
            address=_ask("Address (optional)", default="", show_default=False, value_proc=_contact("address")),
            therapist=_ask(
                "Therapist's name, for 'Prepared by' (optional)", default="", show_default=False, value_proc=_printable
            ),
        )
        country = _ask("Country the clinic is in (a code: GB, IE, US…)", default=answers.country, value_proc=_country)
        answers = replace(answers, country=country)
        if country != "GB":  # the UK's 999 and 111 are the defaults; anywhere else the clinic says its numbers
            answers = replace(
                answers,
                emergency=_ask(
                    "Emergency number, as patients dial it (e.g. 911, 112)",
                    default="",
                    show_default=False,
                    value_proc=_contact(
                        "emergency",
                        "the help box tells patients to call the emergency number: give the one they dial there (e.g. 911, 112)",
                    ),
                ),
                urgent=_ask(
                    "Number for urgent, same-day advice (optional)", default="", show_default=False, value_proc=_contact("urgent")
                ),
            )
        papers = Choices(["A4", "letter"], case_sensitive=False)
        paper = _ask("Paper", starter.paper_of(country), lambda value: papers.convert(value, None, None), type=papers)
        answers = replace(answers, paper=paper)
        answers = replace(answers, language=starter.language_of(country))  # the clinic's, unless asked below
    if with_content:
        question = "Language of your handouts (a tag: en-GB, en-US, cy, es…)"
        # the country's language where the clinic was asked about (set above), else the default's
        answers = replace(answers, language=_ask(question, default=answers.language, value_proc=_language))
    return answers


@main.command(name="init", epilog=INIT_EXAMPLES, short_help="Start here: write brand.yaml (and a routine).")
@click.argument("folder", type=FilePath(), default=Path("."))  # a file given is said below, as init says it
@click.option("--content", "with_content", is_flag=True, help="Also write a starter routine, content.yaml.")
@click.option("--no-input", is_flag=True, help="Ask nothing; use the defaults (for scripts).")
@click.option("--force", is_flag=True, help="Replace brand.yaml (and content.yaml) if they exist.")
@verbosity
@click.pass_context
def init_command(ctx: click.Context, folder: Path, with_content: bool, no_input: bool, force: bool) -> None:
    """Write a starter brand.yaml into FOLDER (default: here), asking about your clinic.

    A file that exists is kept (with --content, a routine is added beside your brand.yaml); when every file
    would be replaced, init asks whether to replace them before any other question (answered no, it changes
    nothing). The files it writes build at once: `handouts build FOLDER/content.yaml`.
    """
    from handouts import starter
    from handouts.input.files import kind_of
    from handouts.output import check_out, check_writable, write_all

    if not os.path.isdir(folder) and folder.suffix.lower() in (".yaml", ".yml"):  # `init brand.yaml`, there or not yet
        where, (parent,) = named(folder.parent, folder.parent)
        message = f"{folder}: init takes a folder and writes brand.yaml into it: `handouts init {parent}"
        raise OptionError(f"{message}{' --content' * with_content}`{where}")
    check_out(folder, "")  # a folder to be made whose name Windows cannot open (Clinic: Main), before any question
    brand, content = folder / starter.BRAND, folder / starter.CONTENT
    for path in (brand, content) if with_content else (brand,):  # kept, it would be no file to build with
        if path.exists() and not path.is_file():
            raise OptionError(f"cannot write {path}: it is {kind_of(path.stat().st_mode)}; move it away first")
        if path.is_symlink() and not path.exists():  # kept, it was said to be kept, and check found no file
            there = os.readlink(path)
            raise OptionError(f"{path} is a link to {there}, which is not there: delete the link, or put the file there")
    check_writable(folder)  # a read-only folder said before the questions, not after them with the answers lost
    exists = {path: path.exists() or path.is_symlink() for path in (brand, content)}
    with_brand = force or not exists[brand]
    write_content = with_content and (force or not exists[content])
    if not with_brand and not write_content:  # everything asked for is there already: ask before the questions
        taken = [path for path in (brand, content) if path == brand or with_content]
        names = " and ".join(str(path) for path in taken)
        if no_input:
            raise OptionError(f"{names} already exist{'s' * (len(taken) == 1)}; use --force to replace")
        if not click.confirm(f"{names} already exist{'s' * (len(taken) == 1)}. Replace with new answers?", default=False):
            say(f"nothing written; {names} kept", err=True, level=QUIET)
            ctx.exit(0)  # the user's choice, not a failure (as git and cookiecutter end when told no)
        with_brand, write_content = True, with_content
    for path, kept in ((brand, not with_brand), (content, with_content and not write_content)):
        if kept:
            say(f"keeping {path}", err=True)
    answers = starter.Answers() if no_input else _answers(with_brand, write_content)
    logo = Path(answers.logo) if answers.logo else None
    files = starter.starter_files(folder, replace(answers, logo=""), with_brand, write_content, logo)
    write_all(files, folder)
    for path in files:
        say(f"wrote {path}")
    if with_content:
        where, (routine,) = named(folder, content)
        say(f"next: edit them, then run `handouts check {routine}` and `handouts build {routine}`{where}")
    else:
        where, (brand_name, here) = named(folder, brand, folder)
        say(
            f"next: edit {brand}, then build a routine with it: `handouts build ROUTINE.yaml --brand {brand_name}`"
            f"{where} (`handouts init {here} --content` adds a starter routine)"
        )


# Marks some shell reads even inside double quotes: $ and ` (POSIX shells and PowerShell), ! (bash's history),
# % (Windows' cmd), the quote itself, and on macOS and Linux the backslash.
READ_MARKS = '$`!%"' if os.name == "nt" else '$`!%"\\'
SHELL_MARKS = re.compile(f"[{re.escape(READ_MARKS)}]")


def typed(path: Path) -> str | None:
    """`path` as it is typed in a command: in double quotes (which every shell of Windows, macOS and Linux
    reads as one word) if it holds a space or any mark a shell reads, so that the command can be copied; None
    where some shell would read part of it even so (`Clinic $5`, `50% off`): no one way of writing it is read as
    typed by every shell."""
    if SHELL_MARKS.search(str(path)):
        return None
    return str(path) if re.fullmatch(r"[\w./\\:@+,=-]+", str(path)) else f'"{path}"'


def named(folder: Path, *paths: Path) -> tuple[str, list[str]]:
    """How the commands init suggests name `paths` (`folder` and files in it): each as typed() gives it, with ""
    for where to run them; or, where one cannot be typed safely, each from `folder`, to be run " in {folder}"."""
    shown = [typed(path) for path in paths]
    if all(shown):
        return "", [str(each) for each in shown]
    return f" in {folder}", [str(typed(path.relative_to(folder))) for path in paths]


# -- batch -----------------------------------------------------------------------------------------

BATCH_EXAMPLES = """
\b
patients.csv:
  patient,date,routine,large_print,paper,note
  Jo Bloggs,2026-12-01,knee.yaml,no,A4,Twice a day
  Sam Smith,01/12/2026,knee.yaml;hip.yaml,yes,letter,
\b
Examples:
  handouts batch patients.csv --out printouts
  handouts batch patients.csv --out printouts --skip-done   # go on after Ctrl-C
  handouts batch patients.csv --check                       # every row made, nothing written
"""


@main.command(name="batch", epilog=BATCH_EXAMPLES)
@click.argument("csv_file", metavar="PATIENTS.csv", type=FilePath())
@brand_option
@click.option(
    "-o",
    "--out",
    cls=LongNamed,
    type=FilePath(),
    help="Each patient's PDFs go into a folder of their own here (default: out/ beside PATIENTS.csv).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, MAX_WORKERS),
    help="Processes to use (default: one per 10 patients, at most one per core; one process for fewer than 20).",
)
@click.option(
    "--skip-done",
    is_flag=True,
    help="Skip patients whose print file is there, made since their routines and brand were saved (to go on after Ctrl-C).",
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Make every patient's set in memory and say which rows would fail; write nothing.",
)
@suppress_option
@with_print_options
@verbosity
@click.pass_context
def batch_command(
    ctx: click.Context,
    csv_file: Path,
    brand: Path | None,
    out: Path | None,
    workers: int | None,
    skip_done: bool,
    check_only: bool,
    suppress: tuple[str, ...],
    **printing: Any,
) -> None:
    """Build personalised PDFs for every patient listed in PATIENTS.csv.

    Columns: patient and routine (content files, separated by ;) are
    required; date, large_print and duplex (yes/no), paper, note, therapist
    and next_appointment are optional;
    others are left out. Each patient's set goes into its own folder under
    --out. A bad row is reported and skipped; the exit code is 1 if any row
    failed. Each folder also holds one file to print (every routine's
    handout, then its poster). Patients' names never appear in what this
    command prints. Ctrl-C stops within two seconds, keeping only complete
    patient folders. With --check, every set is made in memory and nothing is
    written: the rows that would fail are said as a batch would say them.
    """
    from handouts.input.loading import load_brand
    from handouts.input.patients import read_patients, said_few, without_missing_routines
    from handouts.output import check_out
    from handouts.workers import start_early

    if csv_file.suffix.lower() in (".yaml", ".yml") and os.path.isfile(csv_file):  # read as CSV: three lines on columns
        if _is_brand(csv_file, brand):
            raise OptionError(f"{csv_file}: is the brand file, not a patients list; give the list (a .csv) instead")
        build = _run_in(csv_file.parent, "build", csv_file.name, "its folder")
        raise OptionError(f"{csv_file}: is a routine, not a patients list; to build it, run {build}")
    brand = _brand(brand, csv_file, "csv")
    typed, out = out is not None, _out(out, csv_file)
    # the day every row without a date is dated: the day the batch began, even where it runs past midnight
    base = Options(suppress=suppress, date=datetime.date.today(), **printing)
    suppressed = {*suppress, *load_brand(brand).model.suppress_warnings}  # a broken brand is said once, before any patient
    check_out(out, "--out" if typed else None)  # and an --out that is a file
    patients = read_patients(csv_file)
    rows, missing = without_missing_routines(patients.rows, csv_file)  # each said once, not once per row
    # patients not built, counted as patients: an error several rows share is said once (see said_once)
    unbuilt = len({problem.line for problem in patients.problems}) + len(patients.rows) - len(rows)
    if not skip_done:  # how many are done is known only once the engines are imported
        start_early(len(rows), workers)  # the workers' server imports the engines while this process does

    from handouts import batch

    imported()

    failures = [(problem.line or 0, str(problem)) for problem in [*said_few(patients.problems), *missing]]
    building = {id(row) for row in rows}
    refused = [*patients.refused, *(row for row in patients.rows if id(row) not in building)]  # a routine not found
    removed, kept = ([], []) if check_only else batch.forget_refused(refused, out, base, brand)
    failures += [(row.line, f"{csv_file}:{row.line}: row {row.number}: not built: {why}") for row, why in kept]
    skipped = [row for row in rows if skip_done and batch.done(row, out, base, brand=brand)]
    rows = [row for row in rows if row not in skipped]
    # An undated row is dated the day the batch began: --skip-done does not count a set an earlier day's run left
    undated = [row for row in rows if skip_done and row.date is None and batch.of_another_day(row, out, base)]
    if undated:
        have = "have" if len(undated) > 1 else "has"
        say(
            f"{csv_file}:{min(row.line for row in undated)}: {batch.which_rows(undated)} {have} no date: dated {base.date}, "
            "the day this batch began, and built again, as --skip-done counts only a set of a row's own date; the sets "
            "of another day in the folders stay beside the new ones (to go on with those instead, give the rows that date)",
            err=True,
            kind="note",
        )
    built, files, warnings = 0, 0, [warning.with_kind() for warning in patients.warnings if warning.code not in suppressed]
    failed: list[batch.Result] = []
    runner = batch.Runner(rows, brand, out, workers, base=base, write=not check_only)
    say(f"building {len(rows)} patients into {out} on {runner.workers} process(es)", err=True, level=VERBOSE)

    def take(result: batch.Result) -> None:
        nonlocal built, files
        if result.error:
            failed.append(result)
        else:
            built, files = built + 1, files + len(result.written)
            warnings.extend(warning for warning in result.warnings if warning not in warnings)

    stopped = False
    label = "checking" if check_only else "building"
    with click.progressbar(length=len(rows), label=label, file=sys.stderr, hidden=_level() < NORMAL) as bar:
        try:
            for result in runner.results():
                take(result)
                bar.update(1)
        except KeyboardInterrupt:
            stopped = True
            for result in runner.stop():  # the patients in hand that finished; the others were discarded
                take(result)
    others = batch.other_folders(out, [*patients.rows, *patients.refused], patients.count)
    if others is not None and others.code not in suppressed:
        warnings.append(others.with_kind())
    for warning in warnings:
        say(warning, err=True, kind="warning", level=QUIET)
    failures += batch.said_once(failed, csv_file)  # the same error of every row (the brand's, say) said once
    done = f" ({len(skipped)} done before, skipped)" if skipped else ""
    unmade = unbuilt + len(failed)  # said below, each with its line
    if check_only:  # nothing written: what the batch would do
        total = len(rows) + unbuilt  # the rows refused as the list was read are checked too
        checked = f"stopped (Ctrl-C): checked {built + unmade} of {total}" if stopped else f"checked {total}"
        would = f"{built} would be built ({files} files) in {out}{done}" + (f"; {unmade} would fail" if unmade else "")
        said = f"{checked} patient{'s' * (total != 1)}, writing nothing: {would}"
        say(said, err=stopped, level=QUIET if stopped else NORMAL)
    elif stopped:
        say(
            f"stopped (Ctrl-C): built {built} of {len(rows)} patients ({files} files) in {out}{done}; only complete "
            "patient folders were kept. To build the rest, run the same command with --skip-done",
            err=True,
            level=QUIET,
        )
    else:
        say(
            f"built {built} patient{'s' * (built != 1)} ({files} files) in {out}{done}" + (f"; failed {unmade}" if unmade else "")
        )
    for _, failure in sorted(failures, key=lambda failure: failure[0]):  # in the file's order
        say(failure, err=True, kind="error", level=QUIET)
    if removed:  # rows refused as the list was read: their earlier sets must not be printed as this list's
        theirs = "its folder" if len(removed) == 1 else "their folders"
        first = min(row.line for row in removed)
        said = f"not built: the sheets an earlier run left in {theirs} were removed"
        say(f"{csv_file}:{first}: {batch.which_rows(removed)}: {said}", err=True, kind="note", level=QUIET)
    if stopped:
        ctx.exit(STOPPED)
    if failures:
        ctx.exit(1)


# -- check -----------------------------------------------------------------------------------------

CHECK_EXAMPLES = """
\b
Examples:
  handouts check                          # content.yaml with brand.yaml
  handouts check routines/*.yaml --brand clinic/brand.yaml --strict
  handouts check > findings.txt
"""


@main.command(name="check", epilog=CHECK_EXAMPLES, short_help="Say what is wrong in your files; write nothing.")
@click.argument("content", nargs=-1, type=FilePath())
@brand_option
@with_checked_output_options
@with_sheet_options
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit code 1).")
@verbosity
@click.pass_context
def check_command(
    ctx: click.Context,
    content: tuple[Path, ...],
    brand: Path | None,
    out: Path | None,
    open_: bool,  # taken, so that a build's command checks as typed; check opens nothing
    strict: bool,
    **chosen: Any,
) -> None:
    """Check CONTENT files (default: content.yaml) without writing any file.

    Builds every output in memory, as `build` would with the same options,
    and reports on stdout what would stop it, with file, line and key; and
    besides: citations, characters no font has, colour contrast, whether
    each poster fits and at what size, and the reading level of every text
    (target: grade 8 or below). It takes build's --out, --print-file and
    --open: the folder is checked as build would write to it (and its old
    print files named), but nothing is written or opened. Each warning ends with its code, which
    --suppress (or brand.yaml's suppress_warnings) silences. Exit code 1
    when there are errors (or, with --strict, warnings).
    """
    from handouts.check import check_all

    imported()

    contents = _routines(content, "check", brand)
    brand = _brand(brand, contents[0])
    options = _sheet(contents, out=_out(out, contents[0]), out_typed=out is not None, **chosen)
    findings = list(dict.fromkeys(check_all(contents, brand, options)))  # a brand's finding once, however many share it
    for finding in findings:
        text = finding.message + (f" [{finding.code}]" if finding.code else "")
        say(text, kind=finding.level, level=NORMAL if finding.level == "note" else QUIET)
    errors = sum(f.level == "error" for f in findings)
    warnings = sum(f.level == "warning" for f in findings)
    say(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    if errors or (strict and warnings):
        ctx.exit(1)


# -- serve -----------------------------------------------------------------------------------------

SERVE_EXAMPLES = """
\b
Examples:
  handouts serve                          # content.yaml with brand.yaml, at http://127.0.0.1:8000
  handouts serve knee.yaml hip.yaml --brand clinic/brand.yaml --port 8001
"""


@main.command(name="serve", epilog=SERVE_EXAMPLES, short_help="Preview the sheets in a browser as you edit.")
@click.argument("content", nargs=-1, type=FilePath())
@brand_option
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port of the page.")
@click.option(
    "--host",
    default=None,
    metavar="ADDRESS",
    callback=_not_blank("an address"),  # `--host ""` opened the page to every computer on the network
    help="Address to listen on (default: this computer only).",
)
@with_print_options
@verbosity
def serve_command(content: tuple[Path, ...], brand: Path | None, port: int, host: str | None, **printing: Any) -> None:
    """Show the sheets of CONTENT files (default: content.yaml) in a page that updates as you edit.

    Open the address it prints in a browser: page pictures of the handout,
    the poster and their large-print versions, the web copy, any error in
    your files with its line, and what `check` finds. A form makes one
    patient's print file. The print options are build's, so that the page
    shows the sheets as build makes them (a clinic's own --templates among
    them: a layout saved there shows at once). Stop it with Ctrl-C.
    """
    from handouts.serve import LOOPBACK, listen, serve

    imported()

    contents = _routines(content, "serve", brand)
    brand = _brand(brand, contents[0])
    opened = host is not None and host not in LOOPBACK
    if opened:
        say(f"--host {host}: the page and its print form can be reached from other computers", err=True, kind="warning")
    address = host or "127.0.0.1"
    listening = listen(address, port)  # a port in use is said now, not after "serving at"
    shown = f"[{address}]" if ":" in address else address
    say(f"serving at http://{shown}:{port}/ (Ctrl-C stops it)")
    serve(contents, brand, Options(**printing), listening, None if opened else LOOPBACK)


if __name__ == "__main__":
    main()
