"""Build the outputs of routines: prepare each, render every output to memory, then write them all.

Every output is rendered before any is written. An output whose layout cannot fit costs only itself: the
others are written, its older file removed (no stale file beside the new ones), and PartialBuildError names the
line to shorten. A failed write leaves the folder as it was. Warnings come back with the paths written, as data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from handouts.documents import no_large_print
from handouts.errors import HandoutsError, InputError, LayoutError, Problem
from handouts.input.models import MAX_ID
from handouts.input.options import Options, Paper
from handouts.job import Job, prepare
from handouts.output import check_lock, check_out, write_all
from handouts.outputs import OUTPUTS, Output
from handouts.rendered import Rendered, coarse_pictures
from handouts.words.markdown import heard


@dataclass(frozen=True)
class Built:
    """The files a build wrote and every warning found on the way (each once, in the order found); `removed`:
    the older files of outputs it could not make (none is left stale beside the new ones)."""

    written: list[Path]
    warnings: list[Problem]
    notes: list[str] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def output_path(job: Job, output: Output) -> Path:
    """`out/<id>-<output>.pdf`, or for one patient `out/<id>-<output>-<patient>-<date>.pdf`."""
    return job.options.out / f"{job.content.model.id}-{output.stem}{job.options.personal}{output.suffix}"


# Characters of the routines' ids a generic print file's name joins: two of the longest ids (MAX_ID) fit
PRINT_IDS = 2 * MAX_ID + 1


def read_files(content_paths: list[Path], brand_path: Path, options: Options) -> tuple[Path, ...]:
    """The files a build reads that no output of it may replace: the routines, the brand and a --csl style file
    (a style saved in --out under an output's name was overwritten by the output)."""
    return (*content_paths, brand_path, *([options.csl] if options.csl is not None and options.csl.is_file() else []))


def print_path(jobs: list[Job], options: Options) -> Path:
    """The one file to print: `<patient>-<date>-print.pdf`, or `<id>-print.pdf` for generic sheets (their ids
    joined: `knee-hip-print.pdf`). Where the ids joined are longer than two of the longest ids (PRINT_IDS: a
    dozen short ids, or three long ones; five long ones passed the 255 characters every system caps a name at,
    and a long name leaves little of Windows' 260 for the folders), the first id says how many follow, and a
    short hash of them all keeps two such sets apart: `knee-and-11-more-3f2a9c-print.pdf`."""
    ids = [job.content.model.id for job in jobs]
    stem = options.personal.removeprefix("-") or "-".join(ids)
    if not options.personal and len(stem) > PRINT_IDS:
        stem = f"{ids[0]}-and-{len(ids) - 1}-more-{hashlib.sha256(stem.encode()).hexdigest()[:6]}"
    return options.out / f"{stem}-print.pdf"


def render(job: Job, output: Output) -> Rendered:
    """One output of a prepared job; a layout that cannot fit names the line to shorten (as `check` says it)."""
    try:
        return output.render(job)
    except LayoutError as exc:
        from handouts.pdf.poster.document import PosterFitError  # imported by the poster, which raises it

        if isinstance(exc, PosterFitError):
            raise job.located(type(exc)(exc.problems[0].message, exc.key, exc.file)) from None
        raise


def unpromised(job: Job, output: Output, error: LayoutError) -> Problem | None:
    """The warning that stands for `error` where DESIGN.md promises no such output, else None (the error
    stands): a large-print poster too long for its page (its steps, or its title and clinic name in the band)
    while the standard poster's steps are under large print's 18 pt (or do not fit either), in a build of it
    with other outputs that did not name it (every output, as `build` makes by default; a large-print
    patient's sheets in a batch or from serve's form). The
    large-print poster is promised where the standard poster reaches 18 pt; below that, the others are built
    and the warning says how to make it fit (where large print cannot fit at 18 pt at all, the standard poster
    is kept under it: see poster.render). Named (--only) or asked for alone, it is an error as ever, and so is
    any other failure (a web address wider than the page, a drawing that ran to two pages)."""
    options = job.options
    if output.name != "poster-large-print" or options.named or len(options.only) < 2:
        return None
    from handouts.pdf.poster.document import StepsTooLongError, TooLongError  # loaded: the poster raised `error`
    from handouts.pdf.poster.render import plan
    from handouts.pdf.theme import LARGE_PRINT, STANDARD

    if not isinstance(error, TooLongError):
        return None
    floor = LARGE_PRINT.poster_floor
    try:
        size: float | None = plan(job, STANDARD).size
    except StepsTooLongError:
        size = None  # the standard poster's steps do not fit either
    except LayoutError:
        return None
    if size is not None and size >= floor:
        return None
    here = f"here {size:g} pt" if size is not None else "here they do not fit either"
    problem = error.problems[0]
    said = problem.message
    if said.startswith("the large-print poster "):
        said = "it " + said.removeprefix("the large-print poster ")
    reason = (
        f"no large-print poster: {said}. It is made where the standard poster's steps reach {floor:g} pt "
        f"({here}); the large-print handout has every step"
    )
    return replace(problem, message=reason, code="no-large-print-poster")


def render_promised(job: Job, output: Output) -> Rendered | Problem:
    """`render`, or the warning that stands for an output not promised for this routine (see unpromised); any
    other LayoutError is raised. Build, check and serve make their outputs through this, so they agree."""
    try:
        return render(job, output)
    except LayoutError as exc:
        warning = unpromised(job, output, exc)
        if warning is None:
            raise
        return warning


@dataclass
class Renderings:
    """One routine's outputs, each made, failed (its layout cannot fit: that costs only itself) or left out (not
    promised for this routine: the warning that says why), each in the order asked for."""

    made: dict[Output, Rendered] = field(default_factory=dict)
    failed: dict[Output, LayoutError] = field(default_factory=dict)
    left_out: dict[Output, Problem] = field(default_factory=dict)


def render_each(job: Job, only: tuple[Output, ...]) -> Renderings:
    """Every output of `only` for one routine, the large-print handout first: where it fails, the standard
    handout does not offer it. Build, check and serve's page render through this, so they agree on what is
    made, what fails and what is left out."""
    rendered = Renderings()
    for output in _render_order(only):
        try:
            result = render_promised(job, output)
        except LayoutError as exc:
            rendered.failed[output] = exc
            if output.name == "handout-large-print":
                no_large_print(job)  # the standard handout then does not offer it
            continue
        if isinstance(result, Problem):
            rendered.left_out[output] = result
        else:
            rendered.made[output] = result
    for found in (rendered.made, rendered.failed, rendered.left_out):  # in the order asked for, not rendered
        ordered = {output: found[output] for output in only if output in found}
        found.clear()
        found.update(ordered)
    return rendered


class PartialBuildError(HandoutsError):
    """Raised by a build that wrote every output that fits when some could not be laid out: carries their
    problems (the lines to shorten, as `check` says them) and what was written and removed (`built`)."""

    def __init__(self, failures: list[LayoutError], built: Built) -> None:
        super().__init__(*[problem for failure in failures for problem in failure.problems])
        self.built = built


# How a build gets a prepared job: prepare (reading the files), or a batch worker's Prepared (read once).
Preparer = Callable[[Path, Path, Options], Job]


def prepare_all(content_paths: list[Path], brand_path: Path, options: Options, preparer: Preparer = prepare) -> list[Job]:
    """Every routine prepared, or one InputError with the problems of all of them."""
    jobs: list[Job] = []
    problems: list[Problem] = []
    for path in content_paths:
        try:
            jobs.append(preparer(path, brand_path, options))
        except InputError as exc:
            problems += [p for p in exc.problems if p not in problems]
    problems += shared_ids(jobs)
    if problems:
        raise InputError(problems)
    return jobs


def shared_ids(jobs: list[Job]) -> list[Problem]:
    """Each routine whose id an earlier one has (the same file given twice, or a copy): the id names the output
    files, so one would overwrite the other."""
    seen: dict[str, Job] = {}
    problems = []
    for job in jobs:
        first = seen.setdefault(job.content.model.id, job)
        if first is not job:
            message = (
                f"'{job.content.model.id}' is also the id of {first.content.source.name}; "
                "the id names the output files, so each routine needs its own"
            )
            problems.append(job.content.problem(("id",), message))
    return problems


def paper_notes(jobs: list[Job], options: Options) -> list[str]:
    """What a build of `jobs` says of the paper, once for all of them: --paper A3 prints only the posters on A3,
    the handouts on the brand's paper. Build and check say it alike."""
    if not jobs or options.paper != Paper.A3 or not any(output.document == "handout" for output in options.only):
        return []
    papers = sorted({str(job.brand.model.paper) for job in jobs})
    return [f"--paper A3 is for posters: the handouts are printed on {' and '.join(papers)}, the brand's paper"]


def _in_print_file(output: Output, options: Options) -> bool:
    """Whether the print file holds this output: the printed ones named with --only, else one size of print (a
    patient is given one set, as serve gives it): the standard handout and poster where they are made, else the
    large-print ones (a batch's large-print patient)."""
    if not output.printed or options.named or not output.large_print:
        return output.printed
    return not any(made.printed and not made.large_print for made in options.only)


def print_job(jobs: list[Job], options: Options, held: dict[Path, bytes]) -> bytes:
    """The one file to print: the sheets `held` (by the paths they are written to) in order, titled as its
    routine, or with every routine's title where it holds several (the title a printer's queue and a PDF
    viewer show), two-sided where the option or the clinic's brand says the printer is (build, batch and
    serve's form make it here, so a patient's print file is the same from each)."""
    from handouts.pdf.printfile import merged  # pikepdf: only when a print file is made

    duplex = jobs[0].brand.model.duplex if options.duplex is None else options.duplex
    title = "; ".join(heard(job.content.model.title) for job in jobs) if len(jobs) > 1 else None
    names = [path.name for path in held]
    return merged(list(held.values()), jobs[0].content.model.language, duplex, names, title)


def old_print_files(options: Options, printed: dict[Path, bytes]) -> list[Problem]:
    """Print files in the folder, left by an earlier build with --print-file, that hold one of the sheets this
    build (without it) has just made as it was before: the files a therapist sends to the printer. Each print
    file records the digest of every sheet it holds (see printfile.merged); one without them is not judged."""
    if options.print_file or not printed or not options.out.is_dir():
        return []
    sheets = tuple(f"-{output.stem}.pdf" for output in OUTPUTS)  # "-handout-large-print.pdf" is a sheet
    print_files = sorted(path for path in options.out.glob("*-print.pdf") if not path.name.endswith(sheets))
    if not print_files:
        return []
    from handouts.pdf.printfile import digest, sheets_held  # pikepdf: only when there is a print file to read

    made = {path.name: digest(data) for path, data in printed.items()}
    message = "this print file holds sheets as they were before this build changed them"
    message += ": make it again with --print-file, or delete it"
    found = []
    for path in print_files:
        held = sheets_held(path)
        if any(name in made and made[name] != held[name] for name in held):
            found.append(Problem(str(path), None, "", message, "old-print-file"))
    return found


def _render_order(only: tuple[Output, ...]) -> list[Output]:
    """The outputs in the order to render them: the large-print handout first, as the standard handout offers
    large print only where this build made it."""
    return sorted(only, key=lambda output: output.name != "handout-large-print")


def build(content_path: Path, brand_path: Path, options: Options | None = None) -> list[Path]:
    """Render every requested output of one routine, then write them; return the paths written."""
    return build_all([content_path], brand_path, options).written


def build_all(
    content_paths: list[Path],
    brand_path: Path,
    options: Options | None = None,
    preparer: Preparer = prepare,
    whole: bool = False,
    write: bool = True,
) -> Built:
    """Build several routines: all are checked, then all rendered, then written together (or none, if a write
    fails). An output whose layout cannot fit costs only itself: the others are written, its older file is
    removed, and PartialBuildError says which line to shorten; with `whole` (a batch's patient, whose set is
    skipped when it cannot be made) nothing is written or removed, and the HandoutsError says it. `preparer`: how each
    routine is prepared. Without `write` (batch --check), everything is made and nothing written: `written` are
    the files a build would write."""
    options = options or Options()
    jobs = prepare_all(content_paths, brand_path, options, preparer)
    check_out(options.out, options.out_option)
    rendered: dict[Path, tuple[Output, Rendered]] = {}
    failed: dict[Path, tuple[Output, LayoutError]] = {}
    left_out: dict[Path, Problem] = {}  # outputs not promised for this routine (see unpromised)
    coarse: list[Problem] = []  # pictures printed from too few pixels
    for job in jobs:
        each = render_each(job, options.only)
        failed.update((output_path(job, output), (output, error)) for output, error in each.failed.items())
        left_out.update((output_path(job, output), warning) for output, warning in each.left_out.items())
        rendered.update((output_path(job, output), (output, result)) for output, result in each.made.items())
        coarse += coarse_pictures(job, each.made.values())
    files = {path: result.data for path, (_, result) in rendered.items()}
    # Every printed sheet made (an earlier print file may hold any of them), and those this one holds
    printed = {path: result.data for path, (output, result) in rendered.items() if output.printed}
    held = {path: result.data for path, (output, result) in rendered.items() if _in_print_file(output, options)}
    if whole and failed:  # nothing written: a batch's patient whose set cannot be made whole (the batch removes
        # what an earlier run left of it, as for any failed row: see batch.forget)
        raise HandoutsError(*[problem for _, error in failed.values() for problem in error.problems])
    stale = [*failed, *left_out]
    if options.print_file:  # each routine's handout then its poster, in the order asked, as one print job
        if any(_in_print_file(output, options) for output, _ in failed.values()):
            stale.append(print_path(jobs, options))  # a print file without one of its sheets is not made
        elif held:
            files[print_path(jobs, options)] = print_job(jobs, options, held)
    removed = [path for path in stale if path.is_file() or path.is_symlink()]
    # an older file open in a viewer: nothing changes; a routine or brand saved under an output's name is kept
    if write:
        write_all(files, options.root or options.out, removed, read_files(content_paths, brand_path, options))
    else:
        check_lock(options.out)  # as a write would find it: something else in the place of its lock
    warnings = [w for job in jobs for w in job.warnings] + [w for _, result in rendered.values() for w in result.warnings]
    warnings += [*left_out.values(), *coarse]
    warnings += old_print_files(options, printed)
    suppressed = jobs[0].suppressed if jobs else frozenset()  # the same brand and options for every routine
    warnings = [warning for warning in warnings if warning.code not in suppressed]
    notes = [note for _, result in rendered.values() for note in result.notes] + paper_notes(jobs, options)
    built = Built(list(files), list(dict.fromkeys(warnings)), notes, removed)
    if failed:
        raise PartialBuildError([exc for _, exc in failed.values()], built)
    return built


__all__ = [
    "OUTPUTS",
    "Built",
    "HandoutsError",
    "Job",
    "Options",
    "Output",
    "PartialBuildError",
    "build",
    "build_all",
    "old_print_files",
    "prepare",
    "render",
    "render_each",
]
