"""Two-step rendering: layout XML -> flowables (inspectable), then flowables -> PDF bytes.

The bytes are written by :mod:`handouts.output` (all or nothing).
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import LayoutError as ReportlabLayoutError

from handouts.errors import LayoutError
from handouts.layout import Builder, Unbreakable
from handouts.pages import HandoutDoc, Metadata
from handouts.templating import Layout
from handouts.theme import Theme

# Binary (Flate-only) streams: ASCII85 is for 7-bit mail transports, and costs time and size.
rl_config.useA85 = 0


def frame_width(theme: Theme, pagesize: tuple[float, float]) -> float:
    return pagesize[0] - 2 * theme.margin


def flowables(
    layout: Layout, theme: Theme, styles: dict[str, ParagraphStyle], pagesize: tuple[float, float], base: Path
) -> list[Flowable]:
    """Step one: the layout XML as platypus flowables (pictures found relative to `base`)."""
    return Builder(theme, styles, frame_width(theme, pagesize), base).build(layout)


def handout_pdf(
    story: list[Flowable],
    theme: Theme,
    styles: dict[str, ParagraphStyle],
    pagesize: tuple[float, float],
    meta: Metadata,
    logo: Path | None,
) -> bytes:
    """Step two: lay out `story` on handout pages and return the PDF bytes."""
    buffer = io.BytesIO()
    doc = HandoutDoc(buffer, theme, styles, pagesize, meta, logo)
    check_blocks_fit(story, frame_width(theme, pagesize), doc.body_height)
    try:
        doc.build(story, canvasmaker=doc.canvasmaker_for())
    except ReportlabLayoutError as exc:
        raise LayoutError(f"a block is too tall to fit on one page: {str(exc)[:160]}") from None
    return buffer.getvalue()


def check_blocks_fit(story: list[Flowable], width: float, height: float) -> None:
    """A block that may not split (a step) must fit on one page; say which one does not."""
    for flowable in story:
        if isinstance(flowable, Unbreakable):
            _, needed = flowable.wrap(width, height)
            if needed > height:
                raise LayoutError(
                    f"{flowable.label} is too long to fit on one page (it needs {needed / height:.1f} pages): "
                    "shorten its text or split it into two steps"
                )
