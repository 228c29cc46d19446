"""The handout of a prepared job: its document (nodes) -> flowables -> PDF bytes."""

from __future__ import annotations

from handouts import documents
from handouts.errors import LayoutError
from handouts.job import Job
from handouts.layout import nodes as n
from handouts.pdf.flowables import Metadata, shared
from handouts.pdf.handout import geometry as g
from handouts.pdf.handout.document import PAGE_LABEL, LaidOut, flowables, handout_pdf
from handouts.pdf.handout.styles import handout_styles
from handouts.pdf.theme import STANDARD, Profile, Theme, job_theme
from handouts.rendered import Rendered, metadata
from handouts.words.labels import LABELS
from handouts.words.markdown import heard

PAGE_DIGITS = 2  # the page numbers' digits the footer's text first leaves room for ("Page 12 of 14")


def render_handout(job: Job, profile: Profile = STANDARD) -> Rendered:
    """The handout PDF of a prepared job; a layout that cannot be made names the line to change."""
    content, brand = job.content.model, job.brand.model
    job.fonts.register()
    theme = job_theme(job, profile)
    document = documents.handout(job, profile)
    words = job.wording.words
    meta = metadata(job, heard(content.subtitle) if content.subtitle else words.label("handout_subject", clinic=brand.name))
    try:
        continued = words.gettext(LABELS["continued"])
        with shared(job.shared):  # a batch's next patient sets the same paragraphs again (see flowables.shared)
            laid = _laid_out(job, document, theme, meta, continued)
    except LayoutError as exc:
        raise job.located(exc) from None
    return Rendered(laid.data(), pictures=laid.pictures)  # the size each raster picture prints at, in the one kept


def _laid_out(job: Job, document: n.Document, theme: Theme, meta: Metadata, continued: str) -> LaidOut:
    """The handout's layout. Where its last page would hold only a few lines (g.RUNT), laid out once more with the
    space between its blocks tightened (g.TIGHTER), kept if that saves the page: a sheet of paper printed for the
    last three lines of small print. Otherwise, and for every handout whose last page is fuller, the first."""
    first = _numbered(job, document, theme, meta, continued, 1.0)
    if first.pages == 1 or first.last > g.RUNT:
        return first
    tighter = _numbered(job, document, theme, meta, continued, g.TIGHTER)
    return tighter if tighter.pages < first.pages else first  # the other is never written out


def _step_numbers(blocks: tuple[n.Block | n.Item, ...]) -> list[str]:
    """Every step's number as the layout prints it: a clinic's own may number a routine of six from 5 to 10, where
    counting the steps set 10 flush left of a column made for one digit."""
    return [step.number for block in n.nested(blocks) if isinstance(block, n.Steps) for step in block.steps]


def _numbered(job: Job, document: n.Document, theme: Theme, meta: Metadata, continued: str, spacing: float) -> LaidOut:
    """The handout laid out with its blocks' spacing times `spacing`, its footer's text leaving room for page
    numbers of two digits ("Page 12 of 14"), not three for the rare handout of a hundred pages: large print's
    footer cut a clinic's name short beside "Page 6 of 7". Laid out again, with room for more, where its pages
    need more."""
    styles = handout_styles(theme, _step_numbers(document.blocks), spacing)
    base = job.content.source.path.parent
    digits, label = PAGE_DIGITS, job.wording.words.gettext(PAGE_LABEL)
    while True:
        story = flowables(document, theme, styles, job.pagesize, base, continued, spacing)
        laid = handout_pdf(story, theme, styles, job.pagesize, meta, job.logo, label, digits)
        if len(str(laid.pages)) <= digits:
            return laid
        digits = len(str(laid.pages))
