"""The handout's paragraph styles: each role's size from the profile, its spacing named in the handout's
geometry (:mod:`handouts.pdf.handout.geometry`)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle

from handouts.pdf.handout import geometry as g
from handouts.pdf.theme import Theme


def handout_styles(theme: Theme, numbers: Sequence[str] = ("1",), spacing: float = 1.0) -> dict[str, ParagraphStyle]:
    """Every style the handout's blocks and furniture use; the step `numbers` set the steps' hanging indent;
    `spacing` scales the space above and below each paragraph (1, or g.TIGHTER: see render._laid_out), never
    its leading or size."""
    p, style = theme.profile, theme.style
    body, small, s = p.body, p.small, spacing
    indent = max(p.step_number * g.STEP_INDENT, theme.number_column(numbers, p.step_number))
    text_indent = 0 if p.picture_above else indent
    numbers_end = theme.numbers_end(numbers, p.step_number)
    return {
        "title": style(
            "title",
            p.title,
            bold=True,
            colour=theme.primary_text,
            leading=p.title * p.heading_leading,
            spaceAfter=g.TITLE_AFTER * s,
        ),
        "subtitle": style("subtitle", p.subtitle, spaceAfter=g.SUBTITLE_AFTER * s),
        "lead": style("lead", body * g.LEAD_SIZE, spaceAfter=g.LEAD_AFTER * s),
        "body": style("body", body, spaceAfter=body * g.PARAGRAPH_AFTER * s),
        "bullet": style(
            "bullet",
            body,
            leftIndent=body * g.BULLET_INDENT,
            bulletIndent=body * g.BULLET_OFFSET,
            spaceAfter=body * g.ITEM_AFTER * s,
        ),
        "heading": style(
            "heading",
            p.heading,
            bold=True,
            colour=theme.primary_text,
            leading=p.heading * p.heading_leading,
            spaceBefore=p.heading * g.HEADING_BEFORE * s,
            spaceAfter=p.heading * g.HEADING_AFTER * s,
        ),
        "subheading": style(
            "subheading", p.step_title, bold=True, spaceBefore=g.SUBHEADING_BEFORE * s, spaceAfter=g.SUBHEADING_AFTER * s
        ),
        "callout-title": style("callout-title", p.step_title, bold=True, spaceAfter=g.BOX_TITLE_AFTER * s),
        "prepared": style("prepared", body, spaceAfter=g.PREPARED_AFTER * s),
        "step-title": style(
            "step-title",
            p.step_title,
            bold=True,
            spaceAfter=g.STEP_TITLE_AFTER * s,
            leftIndent=indent,
            bulletFontName=theme.fonts.bold,
            bulletFontSize=p.step_number,
            bulletColor=HexColor(theme.primary_text),
            bullet_end=numbers_end,
            spaceBefore=p.step_number - p.step_title,
        ),
        # A step's number and title again atop a page its text goes on to, "(continued)": at the text's size, the
        # number hanging where the step's own is (ending where it ends), so that it is told from a new step and
        # costs a page one line.
        "step-continued": style(
            "step-continued",
            body,
            bold=True,
            spaceAfter=g.STEP_TITLE_AFTER * s,
            leftIndent=indent,
            bulletFontName=theme.fonts.bold,
            bulletColor=HexColor(theme.primary_text),
            bullet_end=numbers_end,
        ),
        # Large print: a step's text under its number, at the column's full width (a tenth more words a line).
        "step-text": style("step-text", body, leftIndent=text_indent),
        "repeat": style(
            "repeat", body, bold=True, colour=theme.primary_text, spaceBefore=g.DOSE_BEFORE * s, leftIndent=text_indent
        ),
        "finish": style(
            "finish",
            p.step_title,
            bold=True,
            colour=theme.primary_text,
            spaceBefore=g.FINISH_SPACE * s,
            spaceAfter=g.FINISH_SPACE * s,
        ),
        "reference": style(
            "reference",
            small,
            leftIndent=small * g.REFERENCE_HANG,
            firstLineIndent=-small * g.REFERENCE_HANG,
            spaceAfter=small * g.REFERENCE_AFTER * s,
        ),
        # One leading for every line, the phone number's (at body size) too: reportlab's autoLeading draws lines
        # taller than it measures them, so the lines after a grown one crowded the footer's next paragraph.
        "footer": style("footer", small),
        "small": style("small", small, spaceAfter=small * g.SMALL_AFTER * s),
        "schedule": style("schedule", body, bold=True, colour=theme.primary_text, spaceAfter=body * g.PARAGRAPH_AFTER * s),
        "contact": style("contact", body, spaceAfter=g.CONTACT_AFTER * s),
        "band-name": style(
            "band-name",
            p.heading * g.BAND_NAME_SIZE,
            bold=True,
            colour=theme.on_primary,
            leading=p.heading * g.BAND_NAME_SIZE * p.heading_leading,
        ),
        "band-tagline": style("band-tagline", small * g.BAND_TAGLINE_SIZE, colour=theme.on_primary),
    }
