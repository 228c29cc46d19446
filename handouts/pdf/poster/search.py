"""The poster's search: every layout of the poster as its template asked for it, and, only when the steps do
not fit at the floor with them, the ways of giving room up, in this order:

1. leave out the step pictures, then the tick-box tracker's weeks one at a time from its last (a shorter
   tracker is kept rather than none: a routine done three times a day has three rows of boxes a week), then
   the whole tracker, then the QR code, then the leaflet's version and dates (the safety strip already shows
   each point's short form); with each after the pictures, the pictures are tried again first (with a shorter
   tracker or without it, they may fit);
2. large print only: a slim band and small print (title, clinic name, contact, sources and safety strip at
   the profile's floor, not grown with the paper; a shorter band and logo) and less space between the steps
   (their big numbers still set each apart); also the way to a band that would otherwise take more than a
   third of the page (a long title and clinic name);
3. both posters, when an orientation was asked for (--orientation) and it does not fit even so: 1. and 2.
   again from the start with the other orientation too (the asked one still wins where it fits), so that the
   poster keeps what it can in the orientation it turns to, and the warning says it turned: a standard Letter
   poster asked for in landscape failed at 14 pt where its large-print poster turned to portrait and printed;
4. as a last resort (only to reach the floor, never to make the steps larger): the sources line (the
   handout lists every source; a Letter poster of the knee routine with a patient's next appointment failed
   for want of its room), then, large print only, the warning signs of when to get help (what to do about them
   stays, with where the signs are: the large-print handout's box of them), the contact lines (that strip has
   the clinic's phone) and how much discomfort is fine (the handout draws the scale). On large print, after the
   slim band of 2., each keeps the full band and step spacing where they hold the steps as large.

Steps that fit only under the paper's small print (which grows with the paper: 17 pt on an A3 standard
poster) give the extras of 1. up too, while that makes them larger: a crowded A3 poster kept its pictures,
tracker and QR code with its steps, what it is for, at 15 pt under a 17 pt footer.

The fit search (`fit.largest`) finds the largest step size over the layouts of each; they share one
measurement of the steps per size and column width (`Steps`), whatever the orientation, aside or extras.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace

from reportlab.lib.units import mm

from handouts import documents
from handouts.errors import Problem
from handouts.input.links import bare
from handouts.input.models import Step
from handouts.input.options import Orientation, Paper
from handouts.job import Job
from handouts.layout import nodes as n
from handouts.pdf.flowables import LOGO_LEAST
from handouts.pdf.paragraphs import Markup
from handouts.pdf.poster import fit
from handouts.pdf.poster.document import (
    Arrangement,
    BandTooTallError,
    Poster,
    PosterFitError,
    Shortfall,
    StepsTooLongError,
    crowding,
    longest_cue,
    other_ways,
    overflowing_word,
    shortfall,
    too_big,
)
from handouts.pdf.poster.geometry import Page, reading_distance
from handouts.pdf.poster.steps import Paragraphs, Steps
from handouts.pdf.theme import LARGE_PRINT, Profile, Theme, job_theme
from handouts.units import distance
from handouts.words.locales import first_weekday, short_date, weekdays
from handouts.words.markdown import plain_text

EDGE_PUNCTUATION = re.compile(r"^\W+|\W+$")  # a printed word's punctuation before and after it
PICTURES = "the step pictures"  # given up first; back again when something given up later makes room for them


@dataclass(frozen=True)
class Fallback:
    """One way of making the poster: the blocks it keeps, whether its band and small print are slim, the
    orientations it may take, and what it leaves out (for the build's warning)."""

    blocks: n.Poster
    slim: bool
    orientations: tuple[Orientation, ...]
    left_out: tuple[str, ...] = ()
    last_resort: bool = False  # gives up what the page should say: only to reach the floor, never to grow


@dataclass(frozen=True)
class Plan:
    """A poster fitted but not drawn: what `check` needs to report its size."""

    poster: Poster
    arrangement: Arrangement
    breaks: list[int]
    warnings: tuple[Problem, ...]
    x_height: float  # of the step text's face, as a fraction of its size
    notes: tuple[str, ...] = ()
    fallback: Fallback | None = None  # what the poster gave up, if anything (its layouts are the search space)
    ceiling: float | None = None  # the largest size searched, when not what the page allows

    @property
    def size(self) -> float:
        return self.arrangement.size

    @property
    def distance(self) -> float:
        """Metres from which the step text reads comfortably."""
        return reading_distance(self.size, self.x_height)

    def summary(self, label: str, country: str) -> str:
        """What `check` notes: the step text's size and the distance it reads from, in the country's unit."""
        reads = distance(self.distance, country)
        return f"{label}: fits on one page with step text at {self.size:g} pt, reads comfortably from {reads}"


def fallbacks(job: Job, profile: Profile, blocks: n.Poster) -> list[Fallback]:
    """The poster as asked for, then each way of giving room up in turn (see the module's doc)."""
    asked = job.options.poster_orientations()
    made = [Fallback(blocks, False, asked)]

    def without(what: str, last_resort: bool = False, instead_of: str | None = None, **changes: object) -> None:
        """A fallback that gives `what` up too (in place of `instead_of`, a smaller part of it given up before)."""
        last = made[-1]
        before = tuple(part for part in last.left_out if part != instead_of)
        if PICTURES in before:  # first with the pictures back: what goes now may leave room for them
            kept = tuple(part for part in before if part != PICTURES)
            pictured = replace(last.blocks, steps=blocks.steps, **changes)
            made.append(Fallback(pictured, last.slim, last.orientations, (*kept, what), last_resort))
        left_out = (*before, what)
        made.append(Fallback(replace(last.blocks, **changes), last.slim, last.orientations, left_out, last_resort))

    def give_up_extras() -> None:
        """The fallbacks of 1. and 2. of the module's doc, from the last one made."""
        if any(step.picture for step in blocks.steps):
            without(PICTURES, steps=tuple(replace(step, picture=None) for step in blocks.steps))
        if blocks.tracker:
            shortened = None
            for weeks in range(blocks.tracker.weeks - 1, 0, -1):  # a shorter tracker rather than none
                what = tracker_weeks_left_out(blocks.tracker.weeks - weeks)
                without(what, instead_of=shortened, tracker=replace(blocks.tracker, weeks=weeks))
                shortened = what
            without("the tick-box tracker", instead_of=shortened, tracker=None)
        if blocks.qr:
            without("the QR code", qr=None)
        if blocks.currency:
            without("the leaflet's version and dates", currency=None)
        if profile is LARGE_PRINT:
            made.append(replace(made[-1], slim=True))

    give_up_extras()
    every = (*asked, *(o for o in Orientation if o not in asked))
    if every != asked:  # the asked orientation does not fit even so: from the start, turned where it must
        made.append(Fallback(blocks, False, every))
        give_up_extras()
    if blocks.sources:  # the handout lists them, in large print too
        without("the sources (the handout lists them)", last_resort=True, sources=None)
    if profile is LARGE_PRINT:
        if blocks.help:  # what to do stays, with where the signs are (the handout's box of them)
            without("the warning signs (what to do stays; the handout lists the signs)", last_resort=True, help_brief=True)
            if blocks.contact:  # the strip of what to do has the clinic's phone
                without("the contact lines", last_resort=True, contact=None)
        if blocks.scale:  # the handout draws the scale and says it in words
            without("how much discomfort is fine (the handout has the scale)", last_resort=True, scale=None)
    return made


def tracker_weeks_left_out(weeks: int) -> str:
    """What a shortened tracker gives up, as the warning says it: its last week, or its last `weeks` weeks."""
    return "the tick-box tracker's last week" if weeks == 1 else f"the tick-box tracker's last {weeks} weeks"


def gives_up(fallback: Fallback, poster: Poster, job: Job, band: bool = False) -> str:
    """What a fallback gives up, as the warning says it ("" when nothing); `band`: the asked orientation did not
    fit for its band alone (a title too long for a portrait band), said where the poster turned."""
    said = []
    if fallback.left_out:
        parts = fallback.left_out
        said.append("leaves out " + _listed(list(parts)))
    if fallback.slim:
        said.append(f"sets its band and small print at {LARGE_PRINT.poster_small:g} pt and its steps closer together")
    asked = job.options.orientation
    if asked and poster.page.landscape != (asked is Orientation.LANDSCAPE):
        turned = "landscape" if poster.page.landscape else "portrait"
        why = "the band, the routine title and the clinic name, would take over a third of the page" if band else ""
        said.append(f"is {turned} (in {asked.value} {why or 'the steps do not fit'})")
    return ", ".join(said[:-1]) + (" and " if len(said) > 1 else "") + said[-1] if said else ""


def tracker_days(job: Job) -> list[str]:
    """The tracker's columns: the week's days from the start date's (--date), so that each row's label, the
    date of its first day, falls on the day over its first column; without a date, from the day the language's
    calendars start a week on (Monday in en-GB, Sunday in en-US: a US patient's week ran Monday to Sunday)."""
    language = job.content.model.language
    days = weekdays(language)
    start = job.options.date.weekday() if job.options.date else first_weekday(language)
    return days[start:] + days[:start]


def week_labels(job: Job, weeks: int) -> list[str]:
    """Each tracker row's label: the week's first day from --date, else "Week 1", "Week 2"…"""
    start = job.options.date
    if start:
        return [short_date(start + datetime.timedelta(weeks=week), job.content.model.language) for week in range(weeks)]
    return [job.wording.words.label("week", n=week + 1) for week in range(weeks)]


def lead_in(job: Job) -> tuple[str, str]:
    """What goes before and after a label that opens a line ("Before you start:"): a colon, and in French a
    no-break space before it ("Avant de commencer :")."""
    before, _, after = job.wording.words.label("lead_in", label="\0").partition("\0")
    return before, after


def pagesize(job: Job, orientation: Orientation, paper: Paper | None = None) -> tuple[float, float]:
    """The poster's page in `orientation`: the job's paper, or `paper` (A3's search looks at A4's poster)."""
    if paper is None:
        return job.poster_pagesize(orientation)
    width, height = paper.size
    return (height, width) if orientation is Orientation.LANDSCAPE else (width, height)


def _steps(job: Job, profile: Profile, blocks: n.Poster, theme: Theme, page: Page) -> Steps:
    """The steps of `blocks` under `profile` on this paper, measured once per job: every search of this profile
    (large print at the standard poster's size, then at its floor; each fallback) shares what was measured."""
    paragraphs = job.memo.setdefault(f"poster-paragraphs-{profile.name}", Paragraphs())
    found: dict[tuple[float, bool, tuple[n.PosterStep, ...]], Steps] = job.memo.setdefault(f"poster-steps-{profile.name}", {})
    key = (round(page.scale, 6), page.slim, blocks.steps)
    if key not in found:
        markup = Markup(theme.fonts, profile.upright, theme.primary_text, theme.language)
        folder = job.content.source.path.parent  # step pictures are found relative to the content file
        found[key] = Steps(blocks.steps, theme, page, markup, paragraphs, folder, blocks.where)
    return found[key]


def arrangements(job: Job, profile: Profile) -> int:
    """How many times the poster's steps were laid out (a size at a column width) for this job and profile."""
    return sum(len(steps.measured) for steps in job.memo.get(f"poster-steps-{profile.name}", {}).values())


def layouts(
    job: Job, profile: Profile, fallback: Fallback, paper: Paper | None = None, logo_least: float = LOGO_LEAST
) -> list[tuple[Poster, int]]:
    """Every layout of a fallback, the preferred first: orientation, the aside beside or below the steps (see
    `placements`), and the column count. `logo_least`: see Poster. An orientation whose band takes too much of
    its page has none (a long title fits a landscape page's band and not a portrait one's, or the other way);
    BandTooTallError where no orientation has any."""
    theme, blocks = job_theme(job, profile), fallback.blocks
    days = tracker_days(job)
    labels = week_labels(job, blocks.tracker.weeks if blocks.tracker else 0)
    led = lead_in(job)
    made = []
    too_tall: BandTooTallError | None = None
    for orientation in fallback.orientations:
        size = pagesize(job, orientation, paper)
        page = Page(*size, profile.poster_margin * mm, fallback.slim)
        steps = _steps(job, profile, blocks, theme, page)
        for beside_steps in placements(page, bool(blocks.qr or blocks.tracker)):
            try:
                poster = Poster(blocks, theme, size, days, job.logo, steps, beside_steps, labels, fallback.slim, led, logo_least)
            except BandTooTallError as error:  # the band is the same beside the steps or below them
                too_tall = error
                break
            made += [(poster, columns) for columns in fit.column_choices(len(blocks.steps), poster.page.landscape)]
    if not made and too_tall is not None:
        raise too_tall
    return made


def placements(page: Page, panel: bool) -> tuple[bool, ...]:
    """Where the aside may go (beside the steps: True), the preferred first, which wins when both are as large:
    beside the steps on landscape paper, below them on portrait, where a panel takes a column of width from
    every line of the steps (twenty-five exercises on A3 stood in two columns beside a QR code over a third of
    the page's height left empty, as large as under it). Contact lines alone (no `panel`: no QR code or
    tracker) always go below."""
    if not panel:
        return (False,)
    return (True, False) if page.landscape else (False, True)


def _narrowed_logo(
    job: Job, profile: Profile, fallback: Fallback, paper: Paper | None, made: list[tuple[Poster, int]]
) -> list[tuple[Poster, int]]:
    """The layouts of `made` with a wide logo free to narrow as far as spares the band a line, however short
    that draws it; none where no band is lower so (no logo, or one that is not wide). Which is known from the
    bands alone: the posters are made again only where one is lower (every fallback the steps did not fit
    asked, and made each poster twice, its aside, small print and strips too, to find most often that none was)."""
    if not any(poster.band_lowered() for poster in dict.fromkeys(poster for poster, _ in made)):
        return []
    return layouts(job, profile, fallback, paper, logo_least=0.0)


def largest(made: list[tuple[Poster, int]], floor: float, ceiling: float | None) -> fit.Found[tuple[Poster, int]] | None:
    """The largest step size from `floor` (to `ceiling`, by default what the page allows) over `made`."""
    return fit.largest(
        made,
        round(floor * 2),
        round((ceiling or made[0][0].page.ceiling) * 2),
        lambda layout, half_points: layout[0].possible(layout[1], half_points),
        lambda layout, half_points: layout[0].measure(layout[1], half_points),
    )


def search(
    job: Job,
    profile: Profile,
    floor: float,
    ceiling: float | None = None,
    most: bool = False,
    why: str = "",
    paper: Paper | None = None,
    last_resorts: bool = True,
) -> Plan:
    """The poster with the largest step text from `floor` (up to `ceiling`, by default what the page allows)
    over every layout, giving room up (`fallbacks`) only when the steps do not fit at `floor` without, or,
    when `most`, whenever that makes the steps larger. `why`: the reason for a floor above the profile's own
    (giving room up for it is then a note, not a warning). `paper`: another paper than the job's.
    `last_resorts`: False where `floor` is worth only what the page can spare, never what it should say."""
    job.fonts.register()
    best: tuple[fit.Found[tuple[Poster, int]], Fallback] | None = None
    made: list[tuple[Poster, int]] = []
    fits_as_asked: bool | None = None  # at the profile's own floor, with nothing given up
    too_tall: BandTooTallError | None = None  # the band of the last fallback tried, where it took too much
    asked = job.options.poster_orientations()
    first: Fallback | None = None  # the first fallback that fitted
    kept: list[tuple[Poster, int]] = []  # the layouts of the last fallback tried that gave nothing up
    band_as_asked = True  # whether the band alone kept the asked orientation from fitting, where it did not
    for fallback in fallbacks(job, profile, documents.poster(job, profile)):
        if fallback.last_resort and (best is not None or not last_resorts):  # without giving up what it should say
            break
        if best is not None and best[1].orientations == asked != fallback.orientations:
            break  # the asked orientation fits: turned only to fit at all, never to be larger
        if best is not None and not most and fallback.slim:
            break  # steps under the small print give up only extras for it (see the module's doc)
        try:
            made = layouts(job, profile, fallback, paper)
        except BandTooTallError as error:  # a slim band, further on, may fit
            too_tall, made = error, []
            if fits_as_asked is None:
                fits_as_asked = False
            continue
        band_as_asked = band_as_asked and fallback.orientations != asked
        at_least = floor if best is None else (best[0].half_points + 1) / 2
        found = largest(made, at_least, ceiling)
        if not found and best is None:  # a wide logo kept tall leaves the steps too little room: narrowed, as it was
            narrowed = _narrowed_logo(job, profile, fallback, paper, made)
            found = largest(narrowed, at_least, ceiling) if narrowed else None
            made = narrowed if found else made
        if not fallback.left_out:
            kept = made
        if fits_as_asked is None:
            lower = profile.poster_floor
            fits_as_asked = bool(found) or (floor > lower and bool(largest(made, lower, lower)))
        if found:
            first = first or fallback
            best = (found, fallback)
            if not most and found.half_points >= _small_print(profile, found.layout[0].page):
                break
    if best is None:  # the last fallback comes closest
        if too_tall is not None and not made:  # its band takes too much of the page, slim as it is
            raise too_tall
        posters = list(dict.fromkeys(poster for poster, _ in made))
        name = profile.called("poster")
        word = overflowing_word(posters)
        overflowing = _overflowing(job, word, name) if word is not None else None
        if overflowing is not None:  # not the steps: a name or web address in the aside is wider than any room for it
            raise overflowing
        crowded = crowding(posters, floor)
        if crowded is not None:  # not the steps: the band or a strip over or under them takes the whole page
            raise _crowded(job, crowded, name, floor, posters)
        short = shortfall(posters, floor)
        strips = _strips_first(job, short, name, floor, posters) if short is not None and short.strips_first else None
        if strips is not None:  # not the steps: the safety points and the warning signs take more of the page
            raise strips
        error = too_big(posters, floor, name, _own_counts(job, posters[0].blocks.steps) if posters else ())
        raise StepsTooLongError(error.message, _cue_key(job, error.key))
    found, fallback = best
    if fallback.slim and fallback.last_resort:  # tried after the slim band: the full one may hold the steps as large
        full = replace(fallback, slim=False)
        try:
            roomier = largest(layouts(job, profile, full, paper), found.half_points / 2, ceiling)
        except BandTooTallError:
            roomier = None
        if roomier:
            found, fallback, first = roomier, full, full if first is fallback else first
    poster, columns = found.layout
    arrangement = poster.arrange(found.half_points, columns)
    warnings: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()
    given_up = gives_up(fallback, poster, job, band_as_asked)
    if given_up:
        reach = f"{arrangement.size:g} pt" if most else f"{floor:g} pt or more"
        if first is not fallback and not most:  # it fitted with more kept, under the small print
            small = _small_print(profile, poster.page) / 2
            said = "to be no smaller than the poster's small print"
            reached = arrangement.size >= small
            reach, why = (f"{small:g} pt or more", said) if reached else (f"{arrangement.size:g} pt", f"{said} at {small:g} pt")
        # why a floor above the profile's own, in the warning too: a large-print poster of a short routine said
        # it gave its tracker up "so that the steps fit at 20 pt or more", and not that 20 pt was the standard's
        message = f"the {profile.name} poster {given_up} so that the steps fit at {reach}" + (f" ({why})" if why else "")
        # what a therapist can change: what takes the room (not where `why` asked for more: a large-print poster
        # of one step gave its tracker up to be as large as the standard one, where fewer steps are no help)
        key: tuple[str | int, ...] = ()
        if fallback.left_out and not why:
            advice, key = _more_room(job, poster.blocks.steps, kept, floor)
            message += advice
        source = job.content.problem(key, message) if key else Problem(job.content.source.name, None, "", message)
        if fits_as_asked:  # given up only to reach a floor above the profile's own: worth knowing, not wrong
            notes = (str(source),)
        else:
            warnings = (source.coded("poster-extras"),)
    x_height = job.fonts.x_height(bold=True)
    return Plan(poster, arrangement, found.fit[1], warnings, x_height, notes, fallback, ceiling)


def _more_room(
    job: Job, steps: tuple[n.PosterStep, ...], kept: list[tuple[Poster, int]], floor: float
) -> tuple[str, tuple[str | int, ...]]:
    """The advice of a poster that gave things up for its steps to fit at `floor`, and the line it names (its key;
    () for none): where the safety points or the warning signs take more of the page than the steps in the
    layouts that keep everything (`kept`), as the error of a poster that does not fit measures them, the strip
    to shorten and its longest item (3-word cues under long warning signs were told to be shorter); else the
    longest cue (where a cue has more than a word) and fewer steps."""
    part = _strip_taking_room(list(dict.fromkeys(poster for poster, _ in kept)), floor)
    content = job.content.model
    if part is not None and (content.safety.points if part == "safety" else content.help):
        texts, which, own, key = _longest(job, part, STRIPS[part].removeprefix("the "))
        advice = f"shorten the {texts} {which}{own}{',' if own else ''} to leave more room for them"
        return f": {STRIPS[part]} take more of the page than the steps; {advice}", key
    longest = steps[longest_cue(steps)]
    if len("".join(n.printed(longest.cue)).split()) > 1:
        return f": shorter cues (the longest is step {longest.number}'s) or fewer steps leave more room for them", ()
    return ": fewer steps leave more room for them", ()  # every cue a word: none can be shorter


def _strip_taking_room(posters: list[Poster], floor: float) -> str | None:
    """The strip that the error for steps that fit none of `posters` at `floor` would name first ("safety" or
    "help"): the one that leaves them no room (see crowding), else, where the strips take more of the page than
    the steps, the tallest that can be shorter (see Shortfall); None where it would name the cues."""
    if not posters:
        return None
    crowded = crowding(posters, floor)
    if crowded is not None:
        return crowded if crowded in STRIPS else None
    # Steps that lack room are taller than the room: where the strips are no taller than it on every page, the
    # steps take more of it, and are not measured again (the shipped knee routine's posters laid them out anew)
    half_points = round(floor * 2)
    if all(sum(strip.height for strip in poster.strips(half_points)) <= poster.room(half_points, 1)[0] for poster in posters):
        return None
    short = shortfall(posters, floor)
    cuts = short.cuts()[0] if short is not None and short.strips_first else []
    return cuts[0][0].part if cuts else None


def _small_print(profile: Profile, page: Page) -> int:
    """The small print's size on `page` in half points (the nearest: A3's 16.97 pt is 17, large print's 18.51 pt
    on Letter 18.5, not 19): the least the steps are while giving an extra up makes them larger (see the
    module's doc)."""
    return round(profile.poster_small * (1.0 if page.slim else page.scale) * 2)


def _overflowing(job: Job, word: str, name: str) -> PosterFitError | None:
    """The error for a `word` beside or under the steps that is wider than the room it has in every layout of
    the poster `name`, naming where it comes from: the therapist's name (--therapist), or brand.yaml's web
    address or phone number; None when it is from none of them (too_big's error then stands)."""
    contact = job.brand.model.contact
    sources: list[tuple[str, tuple[str | int, ...], str | None]] = [
        ("--therapist", (), job.options.therapist),
        ("brand", ("contact", "website"), contact.website),
        ("brand", ("contact", "phone"), contact.phone),
    ]
    found = EDGE_PUNCTUATION.sub("", _squashed(word))  # the text's own words, not the sentence's colon after it
    if not found:  # punctuation alone ("——————"): "" is in every text, and names none of them
        return None
    for file, key, text in sources:
        if text and found in _word_runs(text):
            return PosterFitError(
                f"the {name} cannot hold it: a word of it is wider than the panel beside the steps or the strip "
                "under them; shorten it",
                key,
                file,
            )
    return None


def _crowded(job: Job, part: str, name: str, floor: float, posters: list[Poster]) -> StepsTooLongError:
    """The error for steps left no room at all on the poster `name` by `part` (see crowding), naming the line
    to shorten: the safety strip's title or point with a word wider than the strip in every layout (`posters`),
    else the longest safety point or sign as the poster prints it (its short form, when it has one), or the
    title."""
    said = f"the {name} does not fit on one page even with step text at {floor:g} pt: "
    content = job.content.model
    if part == "band":
        return StepsTooLongError(
            f"{said}the band (the routine title and the clinic name) leaves the steps no room. Shorten the title "
            "or the clinic name",
            ("title",),
        )
    safety = part == "safety"
    strip = "the safety strip" if safety else "the strip of when to get help"
    if not (content.safety.points if safety else content.help):
        key = ("safety", "points") if safety else ("help",)
        return StepsTooLongError(f"{said}{strip} leaves the steps no room. Shorten it", key)
    if safety and (wide := _safety_word_key(job, posters, floor)) is not None:
        return StepsTooLongError(f"{said}a word of {strip} is wider than the strip. Shorten it", wide)
    texts, which, own, key = _longest(job, part, "safety points" if safety else "signs")
    return StepsTooLongError(f"{said}{strip} leaves the steps no room. Shorten the {texts} {which}{own}", key)


def _longest(job: Job, part: str, plural: str) -> tuple[str, str, str, tuple[str | int, ...]]:
    """The longest of the safety points or the warning signs (`part`: "safety" or "help"; there are some) as the
    poster prints it (its short form, when it has one), for the advice to shorten them: what to shorten (their
    name, `plural`, or their short forms'), which is longest ("(the longest is point 3's)"), the advice to give
    each a short form where the longest has none (else ""), and the longest one's key."""
    content = job.content.model
    safety = part == "safety"
    items = content.safety.points if safety else content.help
    kind, key = ("point", ("safety", "points")) if safety else ("sign", ("help",))
    index = max(range(len(items)), key=lambda at: (len(plain_text(items[at].poster_text)), -at))
    which = f"(the longest is {kind} {index + 1}'s)"
    if items[index].short:
        return f"{plural}' short forms", which, "", (*key, index, "short")
    own = f", or give each its own short form for the poster (short: beside its {'text' if safety else 'sign'}:)"
    return plural, which, own, (*key, index)


STRIPS = {"safety": "the safety points", "help": "the warning signs"}  # a strip, by the text it holds


def _strips_first(job: Job, short: Shortfall, name: str, floor: float, posters: list[Poster]) -> StepsTooLongError | None:
    """The error for steps that the safety points and the warning signs leave too little room (they take more of
    the page than the steps do, `short`: see Shortfall), in the order it helps: each part's share of the page,
    then how many lines fewer of the tallest strip (and the next, if that is not enough) give the steps the room
    they lack at `floor` in the layout that comes closest, naming the tallest strip's longest item (its key);
    None when no strip can be shorter (too_big's error then stands)."""
    cuts, enough = short.cuts()
    if not cuts:
        return None
    parts = [(STRIPS[strip.part], strip.height, f" ({_lines(strip.lines)})") for strip in short.strips]
    parts = sorted([*parts, ("the steps", short.steps, "")], key=lambda part: -part[1])
    page = short.page_height
    shares = [f"{what} {height / page:.0%}{counted}" for what, height, counted in parts]
    what, height, counted = parts[0]
    shares[0] = f"{what} take {height / page:.0%} of the page{counted}"
    said = f"the {name} does not fit on one page even with step text at {floor:g} pt: {_listed(shares)}"
    (first, fewer), *more = cuts
    texts, which, own, key = _longest(job, first.part, STRIPS[first.part].removeprefix("the "))
    asked = [f"the {texts} by {_lines(fewer)} {which}", *(f"{STRIPS[strip.part]} by {_lines(n)}" for strip, n in more)]
    if not enough:  # the strips keep a line a row: the steps must be shorter too
        asked.append("the cues too")
    advice = "Shorten " + _listed(asked) + (own if enough and not more else "")
    return StepsTooLongError(f"{said}. {advice}, or {other_ways(posters)}", key)


def _listed(parts: list[str]) -> str:
    """`parts` as a list in words: "a", "a and b", "a, b and c"."""
    return " and ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else parts[0]


def _lines(count: int) -> str:
    return f"{count} line{'s' if count != 1 else ''}"


def _safety_word_key(job: Job, posters: list[Poster], floor: float) -> tuple[str | int, ...] | None:
    """Where the safety strip's word wider than the strip in every one of `posters` comes from: the strip's
    title or a point (its short form, when it has one); None when some layout holds every word, or the word is
    the label's (the strip's default title)."""
    words = [poster.safety_word(round(floor * 2)) for poster in posters]
    if not words or not all(words):
        return None
    found = _squashed(str(words[0])).strip(".,;:!?\u00bb\u00ab\"'()")
    safety = job.content.model.safety
    if safety.title and found in _squashed(plain_text(safety.title)):
        return ("safety", "title")
    for index, point in enumerate(safety.points):
        if found in _squashed(plain_text(point.poster_text)):
            return ("safety", "points", index, "short") if point.short else ("safety", "points", index)
    return None


def _word_runs(text: str) -> set[str]:
    """Each run of `text`'s whole words, squashed (see _squashed), as a word printed from it may be (words tied by
    no-break spaces print as one), without their punctuation at the ends, and each word without its scheme as a
    web address prints: a printed "Call" is no run of "Callum Smith", as it was a part of it."""
    words = [EDGE_PUNCTUATION.sub("", word) for word in text.split()]
    runs = {"".join(words[start:end]) for start in range(len(words)) for end in range(start + 1, len(words) + 1)}
    return runs | {bare(word) for word in words}


def _squashed(text: str) -> str:
    """`text` without its spaces of any kind (no-break ones too), to find a printed word in what it was printed
    from."""
    return "".join(text.split())


def _routine_step(job: Job, key: tuple[str | int, ...]) -> Step | None:
    """The routine's step a poster step's key names (`routine.steps[i]`), or None for a key that names none."""
    steps = job.content.model.routine.steps
    if len(key) == 3 and key[:2] == ("routine", "steps") and isinstance(key[2], int) and 0 <= key[2] < len(steps):
        return steps[key[2]]
    return None


def _own_counts(job: Job, steps: tuple[n.PosterStep, ...]) -> tuple[int, ...]:
    """Each of the poster's `steps`' count in the clinic's own words (`repeat`), in characters; 0 for none."""
    found = (_routine_step(job, step.source) for step in steps)
    return tuple(len(plain_text(step.repeat)) if step is not None and step.repeat else 0 for step in found)


def _cue_key(job: Job, key: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """A step's key as the line to shorten: its cue, or its title when the poster prints that (no cue), or the
    count in its own words (`repeat`) where that is the longer (500 characters of it were said at the cue)."""
    step = _routine_step(job, key)
    if step is not None:
        shown = "cue" if step.cue else "title"
        longer = step.repeat is not None and len(plain_text(step.repeat)) > len(plain_text(getattr(step, shown)))
        return (*key, "repeat" if longer else shown)
    return key
