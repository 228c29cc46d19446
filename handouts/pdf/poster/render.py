"""The poster of a prepared job: template -> blocks -> the largest step size that fits -> PDF bytes.

The two posters settle their sizes together (`plan`):
- large print is never smaller than the standard poster: it gives room up to match it (see
  :mod:`handouts.pdf.poster.search`), and when even that is not enough, the standard poster's steps are
  kept to the largest the large-print poster reaches; when it does not fit at its 18 pt at all, they are
  kept under that, where large print is not promised and is left out with a warning (DESIGN.md);
- on A3 each poster's steps are at least 1.35 times its A4 poster's (the page is 1.41 times larger): A3
  leaves its extras out too when keeping them would cost that.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import NamedTuple

from handouts import documents
from handouts.input.options import Paper
from handouts.job import Job
from handouts.media.printed import noted
from handouts.pdf.flowables import shared
from handouts.pdf.poster.document import PosterFitError, TooLongError
from handouts.pdf.poster.search import Plan, search
from handouts.pdf.theme import LARGE_PRINT, STANDARD, Profile
from handouts.rendered import Rendered, metadata

A3_OVER_A4 = 1.35  # the least an A3 poster's steps are of its A4 poster's (the paper is 1.41 times larger)
A3_SCALE = 1.4  # a paper whose short side is this many times A4's (A3's is A4's long side) is A3


def plan(job: Job, profile: Profile = STANDARD) -> Plan:
    """The poster with the largest step text its page allows, settled with the other profile's (see the
    module's doc). Each fails on its own terms: a standard poster that does not fit does not make the
    large-print one report the standard poster's error."""
    key = f"poster-plan-{profile.name}"
    if key not in job.memo:
        _settle_as_before(job, profile)
    found = job.memo[key]
    if isinstance(found, PosterFitError):
        raise job.located(found)
    return found


def _settle_as_before(job: Job, profile: Profile) -> None:
    """_settle, or its plans for an earlier patient of the same routine (a batch) whose posters were the same."""
    plans = job.kept("poster-plans", _inputs(job, profile), lambda: _settled(job, profile))
    job.memo.update(plans)


def _settled(job: Job, profile: Profile) -> dict[str, Plan | PosterFitError]:
    _settle(job, profile)
    return {key: plan for key, plan in job.memo.items() if key.startswith("poster-plan-")}


def _inputs(job: Job, profile: Profile) -> tuple[object, ...]:
    """What a poster's plan and drawing depend on besides the routine's files: what its template took from the
    options (the appointment, the tracker's weeks, the templates), and the options the search reads (paper,
    orientation, the date the tracker starts on), and the characters Noto Sans's bold is made of (a patient's
    name may add to them: see Fonts.typing)."""
    options = job.options
    printed = job.fonts.printed
    return (profile.name, *documents.poster_options(job), options.paper, options.orientation, options.date, printed)


class Floor(NamedTuple):
    """A least step size above a profile's own, and why, said where the poster gives room up for it."""

    size: float
    why: str  # with the sizes it compares: "on A3 at least 1.35 times the A4 poster's 16.5 pt"
    reached: str = ""  # said after `size` itself, where `why` names it again ("fit at 31.5 pt or more (…)"); else why


def _settle(job: Job, profile: Profile, paper: Paper | None = None) -> None:
    """Plan the standard poster and, when `profile` is large print or the standard poster's size bears on it,
    the large-print poster; into the job's memo (for `paper`, under keys of their own)."""
    suffix = f"-{paper.value}" if paper else ""
    standard_key, large_key = (f"poster-plan-{p.name}{suffix}" for p in (STANDARD, LARGE_PRINT))
    a3 = _a3_floors(job) if paper is None else {}
    standard = job.memo.get(standard_key)
    if standard is None:
        standard = _attempt(job, STANDARD, STANDARD.poster_floor, paper=paper, at_least=a3.get(STANDARD.name))
        job.memo[standard_key] = standard
    settled = isinstance(standard, PosterFitError) or standard.size < LARGE_PRINT.poster_floor
    if profile is LARGE_PRINT or not settled:  # else large print, at its floor or more, is the larger anyway
        job.memo[large_key], job.memo[standard_key] = _large_print(job, standard, paper, a3.get(LARGE_PRINT.name))


def _large_print(
    job: Job, standard: Plan | PosterFitError, paper: Paper | None, at_least: Floor | None
) -> tuple[Plan | PosterFitError, Plan | PosterFitError]:
    """The large-print poster and the standard one it settles: large print gives room up to match the
    standard poster's size (and A3's floor), and when even that is not enough, it is as large as it can be and
    the standard poster's steps are kept to it; when it does not fit at its floor at all, they are kept under
    that (the largest size there that fits), where large print is not promised (see build.unpromised)."""
    floor = LARGE_PRINT.poster_floor
    if isinstance(standard, PosterFitError):
        return _attempt(job, LARGE_PRINT, floor, paper=paper, at_least=at_least), standard
    smaller = "to be no smaller than the standard poster"
    matching = Floor(standard.size, f"{smaller}'s {standard.size:g} pt", reached=smaller)
    if at_least is None or at_least.size <= standard.size:
        at_least = matching
    # Matching the standard poster is worth what the page can spare, never what it should say: a patient's
    # large-print poster gave its warning signs and contact lines up to be as large as the standard poster,
    # where at 18 pt it had room for them. Large print is then as large as it can be with them (see _attempt).
    large = _attempt(job, LARGE_PRINT, floor, paper=paper, at_least=at_least, last_resorts=at_least is not matching)
    if isinstance(large, Plan) and large.size < standard.size:
        standard = _kept(job, paper, large.size, "the largest the large-print poster reaches")
    elif isinstance(large, TooLongError) and standard.size >= floor:
        below = floor - 0.5  # the step sizes go by half points
        standard = _kept(job, paper, below, f"under the {floor:g} pt the large-print poster does not fit at")
    return large, standard


def _kept(job: Job, paper: Paper | None, ceiling: float, why: str) -> Plan:
    """The standard poster with its steps kept to `ceiling` (it fitted larger), and the note that says why."""
    a3 = _a3_floors(job).get(STANDARD.name) if paper is None else None
    kept = _attempt(job, STANDARD, STANDARD.poster_floor, paper=paper, at_least=a3, ceiling=ceiling)
    assert isinstance(kept, Plan)  # it fitted larger
    note = (
        f"{job.content.source.name}: the standard poster's steps are kept to {kept.size:g} pt, {why}, so that "
        "large print is never the smaller"
    )
    return replace(kept, notes=(*kept.notes, note))


def _attempt(
    job: Job,
    profile: Profile,
    floor: float,
    paper: Paper | None = None,
    at_least: Floor | None = None,
    ceiling: float | None = None,
    last_resorts: bool = True,
) -> Plan | PosterFitError:
    """The poster from `floor` (to `ceiling`), or the error; with `at_least` (a size and why), first from that
    size (giving up a large-print poster's last resorts for it only with `last_resorts`), then, if that cannot
    be reached, as large as it can be, giving room up for it."""
    try:
        if at_least and floor < at_least.size <= (ceiling or math.inf):
            why = at_least.reached or at_least.why
            try:
                return search(job, profile, at_least.size, ceiling, why=why, paper=paper, last_resorts=last_resorts)
            except PosterFitError:  # another size is reached: `why` names the one asked for
                return search(job, profile, floor, ceiling, most=True, why=at_least.why, paper=paper)
        return search(job, profile, floor, ceiling, paper=paper)
    except PosterFitError as error:
        return error


def _a3_floors(job: Job) -> dict[str, Floor]:
    """On A3, each profile's least step size: 1.35 times its A4 poster's (none where A4's does not fit)."""
    sizes = job.poster_pagesize(job.options.poster_orientations()[0])
    if min(sizes) < Paper.A4.size[0] * A3_SCALE:
        return {}
    _settle(job, LARGE_PRINT, Paper.A4)
    floors = {}
    for profile in (STANDARD, LARGE_PRINT):
        a4 = job.memo[f"poster-plan-{profile.name}-{Paper.A4.value}"]
        if isinstance(a4, Plan):
            least = math.ceil(a4.size * A3_OVER_A4 * 2) / 2
            floors[profile.name] = Floor(least, f"on A3 at least {A3_OVER_A4:g} times the A4 poster's {a4.size:g} pt")
    return floors


def render_poster(job: Job, profile: Profile = STANDARD) -> Rendered:
    """The one-page poster PDF of a prepared job, with the step size the fit search chose; drawn once for the
    patients of a batch whose posters are the same (drawing a plan again gives the same bytes)."""
    return job.kept("posters", _inputs(job, profile), lambda: _drawn(job, profile))


def _drawn(job: Job, profile: Profile) -> Rendered:
    with shared(job.shared), noted() as pictures:  # see flowables.shared; pictures: as this poster prints them
        fitted = plan(job, profile)
        meta = metadata(job, job.wording.words.label("poster_subject", clinic=job.brand.model.name))
        label = profile.called("poster")
        note = fitted.summary(f"{job.content.source.name}: {label}", job.brand.model.country)
        data = fitted.poster.pdf(meta, fitted.arrangement, fitted.breaks)
    return Rendered(data, fitted.warnings, fitted.size, (note, *fitted.notes), pictures)
