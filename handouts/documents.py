"""The layout of each document for a prepared job: the template's data, the template rendered, and its layout
XML parsed into nodes, once. The PDF engines and the web copy draw what this gives them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, TypeVar

from markupsafe import Markup

from handouts.errors import LayoutError, TemplateError
from handouts.input.files import CONTROLS
from handouts.job import Job, controls, missing_names, no_font, unset
from handouts.layout import nodes as n
from handouts.layout.parse import parse_document, parse_poster
from handouts.layout.templating import HANDOUT, POSTER, Layout, render
from handouts.profiles import STANDARD, Profile
from handouts.words.locales import clock, day_and_date, long_date
from handouts.words.markdown import Renderer

D = TypeVar("D", n.Document, n.Poster)


def template_context(job: Job, profile: Profile, **extra: Any) -> dict[str, Any]:
    """What every layout template sees: plain data and the markup helpers (never a model or an object)."""
    return {
        **job.data,
        "md": job.kept("markdown", None, lambda: Renderer(job.references)).helpers(),
        "variant": profile.name,
        "appointment": _appointment(job),
        **extra,
    }


def _appointment(job: Job) -> dict[str, str | None] | None:
    """This patient's therapist and next appointment (a day, and a time if given), in the routine's language."""
    options, language = job.options, job.content.model.language
    when = options.next_appointment
    if not (options.therapist or when):
        return None
    time = when.time() if isinstance(when, datetime.datetime) and when.time() != datetime.time(0) else None
    return {
        "therapist": options.therapist,
        "date": day_and_date(when, language) if when else None,
        "time": clock(time, language) if time else None,
    }


def _render(job: Job, name: str, context: dict[str, Any]) -> Layout:
    return render(name, context, job.options.templates, job.wording.words)


def handout(job: Job, profile: Profile = STANDARD, web: bool = False) -> n.Document:
    """The handout's document (`web`: for the web copy, whose page has the contact details of its own)."""
    key = f"handout-{profile.name}-{'web' if web else 'print'}"
    if key not in job.memo:
        prepared = None
        if job.options.prepared_on:
            prepared = {
                "patient": job.options.patient,
                "date": long_date(job.options.prepared_on, job.content.model.language),
                "therapist": job.options.therapist or job.brand.model.therapist,
            }
        context = template_context(
            job,
            profile,
            references=[Markup(entry) for entry in job.references.entries],
            further_reading=[Markup(entry) for entry in job.references.further],
            large_print_note=_large_print_note(job, profile),
            prepared=prepared,
            note=job.options.note,
            contact_in_body=not profile.full_footer,
        )
        if web:
            context["variant"] = "html"
        layout = _render(job, HANDOUT, context)
        job.memo[key] = _document(job, parse_document, layout)
    return job.memo[key]


def poster_options(job: Job) -> tuple[object, ...]:
    """All a poster's template is given that is not the routine's: the appointment, the tracker's weeks, and
    the templates. The patients of a batch for whom these are the same share one poster document."""
    appointment = _appointment(job)  # as printed: two times of one moment in different offsets print apart
    return (tuple(appointment.items()) if appointment else None, job.options.tracker_weeks, job.options.templates)


def poster(job: Job, profile: Profile = STANDARD) -> n.Poster:
    """The poster's document: what its template asked for, which the fit search then places."""
    return job.kept("poster-documents", (profile.name, *poster_options(job)), lambda: _poster(job, profile))


def _poster(job: Job, profile: Profile) -> n.Poster:
    content = job.content.model
    qr = None
    if content.video:
        qr = {"url": content.video.url, "video": True}
    elif job.website_url:
        qr = {"url": job.website_url, "video": False}
    sources, numbered = Markup(job.references.sources), job.references.numbered
    context = template_context(
        job, profile, qr=qr, tracker_weeks=job.options.tracker_weeks, sources=sources, sources_in_handout=numbered
    )
    layout = _render(job, POSTER, context)
    return _document(job, parse_poster, layout)


def _document(job: Job, parse: Callable[[Layout], D], layout: Layout) -> D:
    """`layout` parsed into its document and checked (see `_printable`), once for each layout a job's templates
    write: the standard and the large-print poster's are most often the same words, which large print sets
    larger, and a document depends on nothing but its layout and the job's fonts."""
    documents: dict[tuple[Callable[[Layout], D], str, str], D] = job.memo.setdefault("documents-by-layout", {})
    key = (parse, layout.xml, layout.where)
    if key not in documents:
        documents[key] = _printable(job, layout, _parsed(job, parse, layout))
    return documents[key]


def _parsed(job: Job, parse: Callable[[Layout], D], layout: Layout) -> D:
    """`layout` parsed; a layout too long for its content names content.yaml's line to shorten."""
    try:
        return parse(layout)
    except LayoutError as exc:
        raise job.located(exc) from None


def _printable(job: Job, layout: Layout, document: D) -> D:
    """`document`, whose every character has a font, reads as set (see `unset`) and is no control character: the
    routine's and the brand's texts were checked as they were read, but a clinic's own template may type text of
    its own. Said at the template's line that writes the first character at fault."""
    chars = "".join(set().union(*n.printed(document)))  # each once: the fonts' own test is then a set's
    controlling = controls(chars)
    unsettable = "" if controlling else unset(chars)
    missing = set() if controlling or unsettable else set(job.fonts.missing(chars))
    if not controlling and not unsettable and not missing:
        return document
    text = "".join(n.printed(document))  # in order, to name the first character at fault
    if controlling:
        first = next(ch for ch in text if controls(ch))
        message = f"has {controls(text)}; {CONTROLS}"
    elif unsettable:
        first = next(ch for ch in text if unset(ch))
        message = unsettable
    else:
        first = next(ch for ch in text if ch in missing)
        message = no_font(missing_names(job.fonts, text), job.brand)
    where, line = layout.locate_text(first)
    raise TemplateError(where, message, line)


NO_LARGE_PRINT = "no-large-print-handout"  # in a job's memo: its large-print handout could not be made


def no_large_print(job: Job) -> None:
    """Say that `job`'s large-print handout could not be made: its standard handout does not offer it."""
    job.memo[NO_LARGE_PRINT] = True


def _large_print_note(job: Job, profile: Profile) -> str:
    """The standard handout's line about its large-print version, when this build makes that too."""
    note = job.brand.model.large_print_note
    made = any(o.name == "handout-large-print" for o in job.options.only) and NO_LARGE_PRINT not in job.memo
    if profile is not STANDARD or note is False or not made:
        return ""
    return note or job.wording.large_print_note()
