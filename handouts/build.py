"""Build the outputs of one routine: load, check, lay out, then write them all.

Every output is rendered to memory before any is written, so a failure in one
leaves the files already in the output folder as they were.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from markupsafe import Markup

from handouts import images
from handouts.errors import InputError, OptionError, Problem
from handouts.files import OUTSIDE, inside
from handouts.flowables import Metadata
from handouts.fonts import FontLoadError, Fonts, load_fonts
from handouts.handout.document import flowables, handout_pdf
from handouts.loading import Loaded, load_brand, load_content
from handouts.locales import long_date, weekdays
from handouts.markup import Renderer
from handouts.models import Brand, Content
from handouts.options import OUTPUTS, Options, Output
from handouts.output import write_all
from handouts.poster import blocks as poster_blocks
from handouts.poster.document import Poster, PosterFitError
from handouts.references import References, format_references
from handouts.templating import render
from handouts.theme import LARGE_PRINT, STANDARD, Profile, Theme, make_theme

log = logging.getLogger("handouts")


@dataclass(frozen=True)
class Job:
    """Everything loaded and checked for one routine; rendering needs nothing else."""

    content: Loaded[Content]
    brand: Loaded[Brand]
    fonts: Fonts
    references: References
    options: Options = field(default_factory=Options)

    @property
    def logo(self) -> images.Picture | None:
        logo = self.brand.model.logo
        return images.load_named(self.brand.source.path.parent, logo) if logo else None

    @property
    def pagesize(self) -> tuple[float, float]:
        return self.options.handout_pagesize(self.brand.model.paper)

    @property
    def poster_pagesize(self) -> tuple[float, float]:
        return self.options.poster_pagesize(self.brand.model.paper)

    @property
    def website_url(self) -> str | None:
        website = self.brand.model.contact.website
        if not website:
            return None
        return website if "://" in website else f"https://{website}"


@contextmanager
def collect_warnings() -> Iterator[list[str]]:
    """The library's warnings while the block runs, taken from its logger instead of printed."""
    logger = logging.getLogger("handouts")
    caught: list[str] = []

    class Collector(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING and record.getMessage() not in caught:
                caught.append(record.getMessage())

    saved = logger.handlers[:], logger.propagate, logger.level
    logger.handlers[:], logger.propagate = [Collector()], False
    logger.setLevel(logging.WARNING)
    try:
        yield caught
    finally:
        logger.handlers[:], logger.propagate = saved[0], saved[1]
        logger.setLevel(saved[2])


def _fonts(brand: Loaded[Brand]) -> Fonts:
    spec = brand.model.font
    base = brand.source.path.parent
    try:
        if spec is None:
            return load_fonts()
        if spec.family:
            return load_fonts(family=spec.family)
        for key in ("regular", "bold"):
            name = getattr(spec, key)
            if name and not inside(base / name, base):
                message = f"{name} is outside the folder of {brand.source.path.name}: {OUTSIDE}"
                raise InputError([brand.problem(("font", key), message)])
        bold = base / spec.bold if spec.bold else None
        return load_fonts(regular=base / spec.regular if spec.regular else None, bold=bold)
    except FontLoadError as exc:
        raise InputError([brand.problem(("font",), str(exc))]) from None


def _check_glyphs(fonts: Fonts, content: Loaded[Content], brand: Loaded[Brand], options: Options) -> None:
    problems: list[Problem] = []
    for loaded in (content, brand):
        for path, text in loaded.texts:
            missing = fonts.missing(text)
            if missing:
                names = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in missing)
                problems.append(loaded.problem(path, f"no configured font has the character {names}"))
    for option, value in (("--patient", options.patient), ("--note", options.note)):
        if value and fonts.missing(value):
            count = len(fonts.missing(value))  # not which: a patient's name never appears in a message
            message = f"{count} of its characters {'is' if count == 1 else 'are'} in no configured font"
            problems.append(Problem(option, None, "", message))
    if problems:
        raise InputError(problems)


def prepare(content_path: Path, brand_path: Path, options: Options | None = None) -> Job:
    """Load and check everything; raise one InputError listing all problems of both files."""
    options = options or Options()
    problems: list[Problem] = []
    loaded: dict[str, Loaded] = {}  # type: ignore[type-arg]
    for name, loader, path in (("content", load_content, content_path), ("brand", load_brand, brand_path)):
        try:
            loaded[name] = loader(path)
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    content, brand = loaded["content"], loaded["brand"]
    fonts = _fonts(brand)
    _check_glyphs(fonts, content, brand, options)
    texts = [text for path, text in content.texts if path[0] != "references"]
    references = format_references(content.model, texts, options.csl)
    return Job(content, brand, fonts, references, options)


def _metadata(job: Job, subject: str) -> Metadata:
    content = job.content.model
    return Metadata(title=content.title, author=job.brand.model.name, subject=subject, language=content.language)


def content_data(content: Content) -> dict[str, Any]:
    """The routine as plain data for templates, with what the poster shows of it: each step's cue and the
    first sentence of each safety point."""
    data = content.model_dump(mode="json", by_alias=True)
    data["safety"]["short_points"] = list(content.safety.short_points)
    for step, model in zip(data["routine"]["steps"], content.routine.steps, strict=True):
        step["poster_cue"] = model.poster_cue
    return data


def _context(job: Job, theme: Theme, **extra: Any) -> dict[str, Any]:
    """What every layout template sees: plain data and the markup helpers (never a model or an object)."""
    md = Renderer(job.fonts, job.references, theme.primary_text)
    return {
        "content": content_data(job.content.model),
        "brand": job.brand.model.model_dump(mode="json"),
        "md": md.helpers(),
        "variant": theme.profile.name,
        **extra,
    }


def poster_with_size(job: Job, profile: Profile = STANDARD) -> tuple[bytes, float]:
    """The one-page poster of a prepared job and the step size the fit search chose."""
    content, brand = job.content.model, job.brand.model
    theme = make_theme(brand, profile, job.fonts, job.options.greyscale)
    qr = None
    if content.video:
        qr = {"url": content.video.url, "video": True}
    elif job.website_url:
        qr = {"url": job.website_url, "video": False}
    context = _context(
        job,
        theme,
        qr=qr,
        tracker_weeks=job.options.tracker_weeks,
        sources=Markup(job.fonts.fallback(job.references.sources)),
    )
    blocks = poster_blocks.parse(render("poster.xml.j2", context, job.options.templates), job.fonts.faces)
    days = weekdays(content.language)
    meta = _metadata(job, f"Fridge poster from {brand.name}")
    # The steps at their floor size win over the extras: drop the step pictures, then the tracker, then the QR code.
    attempts = [(blocks, "")]
    dropped: list[str] = []

    def leaving_out(what: str) -> str:
        dropped.append(what)
        return " and ".join([", ".join(dropped[:-1]), dropped[-1]] if len(dropped) > 1 else dropped)

    if any(step.picture for step in blocks.steps):
        attempts.append((blocks.without_pictures(), leaving_out("the step pictures")))
    if blocks.tracker:
        attempts.append((replace(attempts[-1][0], tracker=None), leaving_out("the tick-box tracker")))
    if blocks.qr:
        attempts.append((replace(attempts[-1][0], qr=None), leaving_out("the QR code")))
    for index, (attempt, left_out) in enumerate(attempts):
        try:
            result = Poster(attempt, theme, job.poster_pagesize, days, job.logo, job.content.source.path.parent).pdf(meta)
        except PosterFitError:
            if index == len(attempts) - 1:
                raise
            continue
        if left_out:
            log.warning(
                "%s: the %s poster leaves out %s so that the steps fit at %g pt or more",
                job.content.source.name,
                profile.name,
                left_out,
                profile.poster_floor,
            )
        return result
    raise AssertionError("unreachable")


def render_handout(job: Job, profile: Profile = STANDARD) -> bytes:
    """The handout PDF of a prepared job, as bytes."""
    content, brand = job.content.model, job.brand.model
    theme = make_theme(brand, profile, job.fonts, job.options.greyscale)
    prepared = None
    if job.options.patient or job.options.date:
        date = job.options.date or datetime.date.today()
        prepared = {"patient": job.options.patient, "date": long_date(date, content.language)}
    context = _context(
        job,
        theme,
        references=[Markup(job.fonts.fallback(entry)) for entry in job.references.entries],
        prepared=prepared,
        note=job.options.note,
        contact_in_body=not theme.profile.full_footer,
    )
    layout = render("handout.xml.j2", context, job.options.templates)
    styles = theme.handout_styles("8" * len(str(len(content.routine.steps))))
    story = flowables(layout, theme, styles, job.pagesize, job.content.source.path.parent)
    meta = _metadata(job, content.subtitle or f"Take-home handout from {brand.name}")
    return handout_pdf(story, theme, styles, job.pagesize, meta, job.logo)


RENDERERS: dict[Output, Callable[[Job], bytes]] = {
    Output.HANDOUT: render_handout,
    Output.POSTER: lambda job: poster_with_size(job)[0],
    Output.HANDOUT_LARGE_PRINT: lambda job: render_handout(job, LARGE_PRINT),
    Output.POSTER_LARGE_PRINT: lambda job: poster_with_size(job, LARGE_PRINT)[0],
}


def output_path(job: Job, name: Output) -> Path:
    return job.options.out / f"{job.content.model.id}-{name}.pdf"


def build(content_path: Path, brand_path: Path, options: Options | None = None) -> list[Path]:
    """Render every requested output of one routine, then write them; return the paths written."""
    return build_routines([content_path], brand_path, options)


def build_routines(content_paths: list[Path], brand_path: Path, options: Options | None = None) -> list[Path]:
    """Build several routines: all are checked, then all rendered, then all written (or none)."""
    options = options or Options()
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
    out = options.out
    if out.exists() and not out.is_dir():
        raise OptionError(f"--out {out}: is a file, not a folder")
    rendered = {output_path(job, name): RENDERERS[name](job) for job in jobs for name in options.only}
    write_all(rendered)
    return list(rendered)


__all__ = ["OUTPUTS", "RENDERERS", "Job", "Options", "Output", "build", "build_routines", "prepare"]
