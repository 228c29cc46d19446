"""The handout of a prepared job: template -> layout XML -> flowables -> PDF bytes."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from handouts.errors import LayoutError
from handouts.job import Job
from handouts.layout.context import template_context
from handouts.layout.templating import Layout, render
from handouts.pdf.handout.document import PAGE_LABEL, BrandLayoutError, flowables, handout_pdf
from handouts.pdf.theme import STANDARD, Profile, Theme
from handouts.rendered import Rendered, metadata
from handouts.words.locales import long_date


def handout_layout(job: Job, theme: Theme, **extra: Any) -> Layout:
    """The handout template's layout XML for a prepared job (the PDF and the web page are drawn from it)."""
    prepared = None
    if job.options.prepared_on:
        prepared = {"patient": job.options.patient, "date": long_date(job.options.prepared_on, job.content.model.language)}
    context = template_context(
        job,
        theme,
        references=[Markup(job.fonts.fallback(entry)) for entry in job.references.entries],
        further_reading=[Markup(job.fonts.fallback(entry)) for entry in job.references.further],
        large_print_note=_large_print_note(job, theme.profile),
        prepared=prepared,
        note=job.options.note,
        **{"contact_in_body": not theme.profile.full_footer, **extra},
    )
    return render("handout.xml.j2", context, job.options.templates, job.wording.words)


def render_handout(job: Job, profile: Profile = STANDARD) -> Rendered:
    """The handout PDF of a prepared job."""
    content, brand = job.content.model, job.brand.model
    job.fonts.register()
    theme = job.theme(profile)
    layout = handout_layout(job, theme)
    styles = theme.handout_styles("8" * len(str(len(content.routine.steps))))
    story = flowables(layout, theme, styles, job.pagesize, job.content.source.path.parent)
    words = job.wording.words
    meta = metadata(job, content.subtitle or words.label("handout_subject", clinic=brand.name))
    try:
        return Rendered(handout_pdf(story, theme, styles, job.pagesize, meta, job.logo, words.gettext(PAGE_LABEL)))
    except BrandLayoutError as exc:  # say where in brand.yaml
        raise LayoutError(str(job.brand.problem(exc.key, str(exc)))) from None


def _large_print_note(job: Job, profile: Profile) -> str:
    """The standard handout's line about its large-print version, when this build makes that too."""
    note = job.brand.model.large_print_note
    if profile is not STANDARD or note is False or "handout-large-print" not in job.options.only:
        return ""
    return note or job.wording.large_print_note()
