"""The handout of a prepared job: its document (nodes) -> flowables -> PDF bytes."""

from __future__ import annotations

from handouts import documents
from handouts.errors import LayoutError
from handouts.job import Job
from handouts.media.printed import noted
from handouts.pdf.flowables import shared
from handouts.pdf.handout.document import PAGE_LABEL, flowables, handout_pdf
from handouts.pdf.handout.styles import handout_styles
from handouts.pdf.theme import STANDARD, Profile, job_theme
from handouts.rendered import Rendered, metadata
from handouts.words.labels import LABELS
from handouts.words.markdown import heard


def render_handout(job: Job, profile: Profile = STANDARD) -> Rendered:
    """The handout PDF of a prepared job; a layout that cannot be made names the line to change."""
    content, brand = job.content.model, job.brand.model
    job.fonts.register()
    theme = job_theme(job, profile)
    document = documents.handout(job, profile)
    styles = handout_styles(theme, "8" * len(str(len(content.routine.steps))))
    words = job.wording.words
    meta = metadata(job, heard(content.subtitle) if content.subtitle else words.label("handout_subject", clinic=brand.name))
    try:
        continued = words.gettext(LABELS["continued"])
        # shared: a batch's next patient sets the same paragraphs again (see flowables.shared); pictures: the
        # size each raster picture prints at
        with shared(job.shared), noted() as pictures:
            story = flowables(document, theme, styles, job.pagesize, job.content.source.path.parent, continued)
            data = handout_pdf(story, theme, styles, job.pagesize, meta, job.logo, words.gettext(PAGE_LABEL))
    except LayoutError as exc:
        raise job.located(exc) from None
    return Rendered(data, pictures=pictures)
