"""The poster of a prepared job: template -> blocks -> the largest step size that fits -> PDF bytes.

At its floor size the steps win over the extras: the step pictures, then the tracker, then the QR code
are left out (each with a warning) until the steps fit, or the poster is a clear error.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from markupsafe import Markup

from handouts.context import template_context
from handouts.errors import Problem
from handouts.job import Job
from handouts.locales import weekdays
from handouts.poster.blocks import PosterBlocks, parse
from handouts.poster.document import Arrangement, Poster, PosterFitError
from handouts.poster.geometry import reading_distance
from handouts.rendered import Rendered, metadata
from handouts.templating import render
from handouts.theme import STANDARD, Profile


@dataclass(frozen=True)
class Plan:
    """A poster fitted but not drawn: what `check` needs to report its size."""

    poster: Poster
    arrangement: Arrangement
    breaks: list[int]
    warnings: tuple[Problem, ...]
    x_height: float  # of the step text's face, as a fraction of its size

    @property
    def size(self) -> float:
        return self.arrangement.size

    @property
    def distance(self) -> float:
        """Metres from which the step text reads comfortably."""
        return reading_distance(self.size, self.x_height)

    def summary(self, label: str) -> str:
        return f"{label}: step text {self.size:g} pt, reads comfortably from about {self.distance:.1f} m"


def _blocks(job: Job, profile: Profile) -> PosterBlocks:
    content = job.content.model
    qr = None
    if content.video:
        qr = {"url": content.video.url, "video": True}
    elif job.website_url:
        qr = {"url": job.website_url, "video": False}
    context = template_context(
        job,
        job.theme(profile),
        qr=qr,
        tracker_weeks=job.options.tracker_weeks,
        sources=Markup(job.fonts.fallback(job.references.sources)),
    )
    return parse(render("poster.xml.j2", context, job.options.templates), job.fonts.faces)


def plan(job: Job, profile: Profile = STANDARD) -> Plan:
    """The poster fitted to its page, leaving out extras where the steps need the room."""
    job.fonts.register()
    blocks = _blocks(job, profile)
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
    days = weekdays(job.content.model.language)
    for index, (attempt, left_out) in enumerate(attempts):
        poster = Poster(attempt, job.theme(profile), job.poster_pagesize, days, job.logo, job.content.source.path.parent)
        try:
            arrangement, breaks = poster.fit()
        except PosterFitError:
            if index == len(attempts) - 1:
                raise
            continue
        warnings = ()
        if left_out:
            floor = f"{profile.poster_floor:g} pt"
            message = f"the {profile.name} poster leaves out {left_out} so that the steps fit at {floor} or more"
            warnings = (Problem(job.content.source.name, None, "", message),)
        return Plan(poster, arrangement, breaks, warnings, job.fonts.x_height(bold=True))
    raise AssertionError("unreachable")


def render_poster(job: Job, profile: Profile = STANDARD) -> Rendered:
    """The one-page poster PDF of a prepared job, with the step size the fit search chose."""
    fitted = plan(job, profile)
    meta = metadata(job, f"Fridge poster from {job.brand.model.name}")
    note = fitted.summary(f"{job.content.source.name}: the {profile.name} poster")
    return Rendered(fitted.poster.pdf(meta, fitted.arrangement, fitted.breaks), fitted.warnings, fitted.size, (note,))
