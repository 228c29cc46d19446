"""Build the outputs of routines: prepare each, render every output to memory, then write them all.

Every output is rendered before any is written, so a failure in one leaves the files already in the
output folder as they were. Warnings come back with the paths written, as data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handouts.errors import HandoutsError, InputError, OptionError, Problem
from handouts.input.options import Options, Paper
from handouts.job import Job, prepare
from handouts.output import write_all
from handouts.outputs import OUTPUTS, Output
from handouts.rendered import Rendered


@dataclass(frozen=True)
class Built:
    """The files a build wrote and every warning found on the way (each once, in the order found)."""

    written: list[Path]
    warnings: list[Problem]
    notes: list[str] = field(default_factory=list)


def output_path(job: Job, output: Output) -> Path:
    """`out/<id>-<output>.pdf`, or for one patient `out/<id>-<output>-<patient>-<date>.pdf`."""
    return job.options.out / f"{job.content.model.id}-{output.stem}{job.options.personal}{output.suffix}"


def print_path(jobs: list[Job], options: Options) -> Path:
    """The one file to print: `<patient>-<date>-print.pdf`, or `<id>-print.pdf` for generic sheets."""
    stem = options.personal.removeprefix("-") or "-".join(job.content.model.id for job in jobs)
    return options.out / f"{stem}-print.pdf"


def render(job: Job, output: Output) -> Rendered:
    """One output of a prepared job; a poster that cannot fit says how to build the others."""
    from handouts.pdf.poster.document import PosterFitError

    try:
        return output.render(job)
    except PosterFitError as exc:
        rest = " ".join(f"--only {other}" for other in job.options.only if other is not output)
        message = f"{exc.problems[0].message}; nothing was written" + (f" ({rest} builds the others)" if rest else "")
        raise job.located(PosterFitError(message, exc.key)) from None


def prepare_all(content_paths: list[Path], brand_path: Path, options: Options) -> list[Job]:
    """Every routine prepared, or one InputError with the problems of all of them."""
    jobs: list[Job] = []
    problems: list[Problem] = []
    for path in content_paths:
        try:
            jobs.append(prepare(path, brand_path, options))
        except InputError as exc:
            problems += [p for p in exc.problems if p not in problems]
    seen: dict[str, Job] = {}
    for job in jobs:
        first = seen.setdefault(job.content.model.id, job)
        if first is not job:
            message = (
                f"'{job.content.model.id}' is also the id of {first.content.source.name}; "
                "the id names the output files, so each routine needs its own"
            )
            problems.append(job.content.problem(("id",), message))
    if problems:
        raise InputError(problems)
    return jobs


def build(content_path: Path, brand_path: Path, options: Options | None = None) -> list[Path]:
    """Render every requested output of one routine, then write them; return the paths written."""
    return build_all([content_path], brand_path, options).written


def build_all(content_paths: list[Path], brand_path: Path, options: Options | None = None) -> Built:
    """Build several routines: all are checked, then all rendered, then all written (or none)."""
    options = options or Options()
    jobs = prepare_all(content_paths, brand_path, options)
    out = options.out
    if out.exists() and not out.is_dir():
        raise OptionError(f"--out {out}: is a file, not a folder")
    rendered = {output_path(job, output): (output, render(job, output)) for job in jobs for output in options.only}
    files = {path: result.data for path, (_, result) in rendered.items()}
    if options.print_file:  # each routine's handout then its poster, in the order asked, as one print job
        from handouts.pdf.printfile import merged

        pdfs = [result.data for output, result in rendered.values() if output.printed]
        if pdfs:
            files[print_path(jobs, options)] = merged(pdfs, jobs[0].content.model.language)
    write_all(files, options.root or options.out)
    warnings = [w for job in jobs for w in job.warnings] + [w for _, result in rendered.values() for w in result.warnings]
    notes = [note for _, result in rendered.values() for note in result.notes]
    if options.paper == Paper.A3 and any(output.document == "handout" for output in options.only):
        papers = sorted({str(job.brand.model.paper) for job in jobs})
        notes.append(f"--paper A3 is for posters: the handouts are printed on {' and '.join(papers)}, the brand's paper")
    return Built(list(files), list(dict.fromkeys(warnings)), notes)


__all__ = ["OUTPUTS", "Built", "HandoutsError", "Job", "Options", "Output", "build", "build_all", "prepare", "render"]
