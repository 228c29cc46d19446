"""The poster of a prepared job: template -> blocks -> the largest step size that fits -> PDF bytes.

At its floor size the steps win over the extras: the step pictures, then the tracker, then the QR code
are left out (each with a warning) until the steps fit, or the poster is a clear error.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from reportlab.lib.units import mm

from handouts import documents
from handouts.errors import Problem
from handouts.job import Job
from handouts.layout import nodes as n
from handouts.pdf.paragraphs import Markup
from handouts.pdf.poster import fit
from handouts.pdf.poster.document import Arrangement, Poster, PosterFitError, too_big
from handouts.pdf.poster.geometry import Page, reading_distance
from handouts.pdf.poster.steps import Paragraphs, Steps
from handouts.pdf.theme import LARGE_PRINT, STANDARD, Profile, Theme, job_theme
from handouts.rendered import Rendered, metadata
from handouts.words.locales import short_date, weekdays


@dataclass(frozen=True)
class Plan:
    """A poster fitted but not drawn: what `check` needs to report its size."""

    poster: Poster
    arrangement: Arrangement
    breaks: list[int]
    warnings: tuple[Problem, ...]
    x_height: float  # of the step text's face, as a fraction of its size
    notes: tuple[str, ...] = ()

    @property
    def size(self) -> float:
        return self.arrangement.size

    @property
    def distance(self) -> float:
        """Metres from which the step text reads comfortably."""
        return reading_distance(self.size, self.x_height)

    def summary(self, label: str) -> str:
        return f"{label}: fits on one page with step text at {self.size:g} pt, reads comfortably from about {self.distance:.1f} m"


def _week_labels(job: Job, weeks: int) -> list[str]:
    """Each tracker row's label: the week's first day from --date, else "Week 1", "Week 2"…"""
    start = job.options.date
    if start:
        return [short_date(start + datetime.timedelta(weeks=week), job.content.model.language) for week in range(weeks)]
    return [job.wording.words.label("week", n=week + 1) for week in range(weeks)]


def _extras(blocks: n.Poster) -> list[tuple[n.Poster, str]]:
    """The blocks with all their extras, then without the step pictures, the tracker, the QR code and the
    leaflet's version and dates in turn, each with what it leaves out."""
    attempts = [(blocks, "")]
    dropped: list[str] = []

    def leaving_out(what: str) -> str:
        dropped.append(what)
        return " and ".join([", ".join(dropped[:-1]), dropped[-1]] if len(dropped) > 1 else dropped)

    if any(step.picture for step in blocks.steps):
        unpictured = tuple(replace(step, picture=None) for step in blocks.steps)
        attempts.append((replace(blocks, steps=unpictured), leaving_out("the step pictures")))
    if blocks.tracker:
        attempts.append((replace(attempts[-1][0], tracker=None), leaving_out("the tick-box tracker")))
    if blocks.qr:
        attempts.append((replace(attempts[-1][0], qr=None), leaving_out("the QR code")))
    if blocks.currency:
        attempts.append((replace(attempts[-1][0], currency=None), leaving_out("the leaflet's version and dates")))
    return attempts


def plan(job: Job, profile: Profile = STANDARD) -> Plan:
    """The poster with the largest step text its page allows (see `_search`). Large print is never smaller
    than the standard poster (see `_large_print`). Each fails on its own terms: a standard poster that does not
    fit does not make the large-print one report the standard poster's error."""
    key, standard_key, large_key = (f"poster-plan-{p.name}" for p in (profile, STANDARD, LARGE_PRINT))
    if key not in job.memo:
        standard = job.memo.get(standard_key) or _attempt(job, STANDARD, STANDARD.poster_floor)
        job.memo[standard_key] = standard
        settled = isinstance(standard, PosterFitError) or standard.size <= LARGE_PRINT.poster_floor
        if profile is LARGE_PRINT or not settled:  # else large print, at 18 pt or more, is the larger anyway
            job.memo[large_key], job.memo[standard_key] = _large_print(job, standard)
    found = job.memo[key]
    if isinstance(found, PosterFitError):
        raise job.located(found)
    return found


def _large_print(job: Job, standard: Plan | PosterFitError) -> tuple[Plan | PosterFitError, Plan | PosterFitError]:
    """The large-print poster and the standard one it settles: large print leaves out extras to match the
    standard poster's size, and when even that is not enough, the standard poster's step text is kept down to
    the largest the large-print poster reaches."""
    floor = LARGE_PRINT.poster_floor
    if isinstance(standard, PosterFitError):
        return _attempt(job, LARGE_PRINT, floor), standard
    large = _attempt(job, LARGE_PRINT, max(floor, standard.size))
    if isinstance(large, PosterFitError) and standard.size > floor:
        large = _attempt(job, LARGE_PRINT, floor)  # as large as it can be; the standard comes down to it
        if isinstance(large, Plan):
            note = (
                f"{job.content.source.name}: the standard poster's steps are kept to {large.size:g} pt, the largest "
                "the large-print poster reaches, so that large print is never the smaller"
            )
            standard = _search(job, STANDARD, STANDARD.poster_floor, ceiling=large.size)
            standard = replace(standard, notes=(*standard.notes, note))
    return large, standard


def _attempt(job: Job, profile: Profile, floor: float) -> Plan | PosterFitError:
    try:
        return _search(job, profile, floor)
    except PosterFitError as error:
        return error


def _steps(job: Job, profile: Profile, attempt: n.Poster, theme: Theme) -> Steps:
    """The steps of `attempt` under `profile`, measured once per job: every search of this profile (large print
    at the standard poster's size, then at its floor; each set of extras) shares what was measured."""
    paragraphs = job.memo.setdefault(f"poster-paragraphs-{profile.name}", Paragraphs())
    key = f"poster-steps-{profile.name}"
    found: dict[tuple[n.PosterStep, ...], Steps] = job.memo.setdefault(key, {})
    if attempt.steps not in found:
        page = Page(*job.poster_pagesize(job.options.poster_orientations()[0]), profile.poster_margin * mm)
        markup = Markup(theme.fonts, profile.upright, theme.primary_text)
        folder = job.content.source.path.parent  # step pictures are found relative to the content file
        found[attempt.steps] = Steps(attempt.steps, theme, page, markup, paragraphs, folder, attempt.where)
    return found[attempt.steps]


def arrangements(job: Job, profile: Profile) -> int:
    """How many times the poster's steps were laid out (a size at a column width) for this job and profile."""
    return sum(len(steps.measured) for steps in job.memo.get(f"poster-steps-{profile.name}", {}).values())


def _layouts(job: Job, profile: Profile, attempt: n.Poster) -> list[tuple[Poster, int]]:
    """Every layout of `attempt`, the preferred first: orientation, the aside beside or below the steps, and
    the column count. A panel beside the steps is for a QR code or a tracker; contact lines alone go below,
    where they cost a line of height rather than a column of width."""
    theme = job_theme(job, profile)
    steps = _steps(job, profile, attempt, theme)
    days = weekdays(job.content.model.language)
    labels = _week_labels(job, attempt.tracker.weeks if attempt.tracker else 0)
    placements = (True, False) if attempt.qr or attempt.tracker else (False,)
    layouts = []
    for orientation in job.options.poster_orientations():
        for beside_steps in placements:
            poster = Poster(attempt, theme, job.poster_pagesize(orientation), days, job.logo, steps, beside_steps, labels)
            layouts += [(poster, columns) for columns in fit.column_choices(len(attempt.steps), poster.page.landscape)]
    return layouts


def _largest(layouts: list[tuple[Poster, int]], floor: float, ceiling: float | None) -> fit.Found[tuple[Poster, int]] | None:
    top = ceiling or layouts[0][0].page.ceiling
    return fit.largest(
        layouts,
        round(floor * 2),
        round(top * 2),
        lambda layout, half_points: layout[0].possible(layout[1], half_points),
        lambda layout, half_points: layout[0].measure(layout[1], half_points),
    )


def _search(job: Job, profile: Profile, floor: float, ceiling: float | None = None) -> Plan:
    """The poster with the largest step text from `floor` (up to `ceiling`, by default what the page allows)
    over every layout (see `_layouts`) and the extras, which are left out (pictures, then tracker, then QR code,
    then the version and dates) only when the steps do not fit at the floor with them."""
    job.fonts.register()
    blocks = documents.poster(job, profile)
    layouts: list[tuple[Poster, int]] = []
    fits_with_everything: bool | None = None  # at the profile's own floor, where large print needs more
    for attempt, left_out in _extras(blocks):
        layouts = _layouts(job, profile, attempt)
        found = _largest(layouts, floor, ceiling)
        if fits_with_everything is None:  # with every extra: would it fit at the profile's own floor?
            lower = profile.poster_floor
            fits_with_everything = bool(found) or (floor > lower and bool(_largest(layouts, lower, lower)))
        if found:
            poster, columns = found.layout
            arrangement = poster.arrange(found.half_points, columns)
            warnings: tuple[Problem, ...] = ()
            notes: tuple[str, ...] = ()
            if left_out:
                message = f"the {profile.name} poster leaves out {left_out} so that the steps fit at {floor:g} pt or more"
                if fits_with_everything:
                    # Left out only to match the standard poster's size, not to reach the floor: worth knowing, not wrong.
                    notes = (f"{job.content.source.name}: {message} (as large as the standard poster)",)
                else:
                    warnings = (Problem(job.content.source.name, None, "", message, "poster-extras"),)
            return Plan(poster, arrangement, found.fit[1], warnings, job.fonts.x_height(bold=True), notes)
    # The layouts with the fewest extras, which come closest.
    posters = list(dict.fromkeys(poster for poster, _ in layouts))
    error = too_big(posters, floor, "large-print poster" if profile is LARGE_PRINT else "poster")
    raise PosterFitError(error.message, _cue_key(job, error.key))


def _cue_key(job: Job, key: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """A step's key as the line to shorten: its cue, or its title when the poster prints that (no cue)."""
    steps = job.content.model.routine.steps
    if len(key) == 3 and key[:2] == ("routine", "steps") and isinstance(key[2], int) and 0 <= key[2] < len(steps):
        return (*key, "cue" if steps[key[2]].cue else "title")
    return key


def render_poster(job: Job, profile: Profile = STANDARD) -> Rendered:
    """The one-page poster PDF of a prepared job, with the step size the fit search chose."""
    fitted = plan(job, profile)
    meta = metadata(job, job.wording.words.label("poster_subject", clinic=job.brand.model.name))
    label = "large-print poster" if profile is LARGE_PRINT else "poster"
    note = fitted.summary(f"{job.content.source.name}: {label}")
    data = fitted.poster.pdf(meta, fitted.arrangement, fitted.breaks)
    return Rendered(data, fitted.warnings, fitted.size, (note, *fitted.notes))
