"""QR codes: a link as a square of dark modules, drawn as one filled path (the poster's QR code, a step's
video on the handout)."""

from __future__ import annotations

import functools

from reportlab.platypus import Flowable

from handouts.errors import LayoutError
from handouts.pdf.tagging import Node
from handouts.words.i18n import Translator
from handouts.words.labels import LABELS

Module = tuple[float, float, float, float]  # x, y, width, height
# Bytes of an address that always fit (reportlab's widget holds about 2,210 at level M): a longer one is encoded
# when the code is made, so that one it cannot hold is an error whether or not the layout then keeps the code.
SURE_TO_FIT = 2000


@functools.lru_cache(maxsize=32)
def qr_modules(url: str) -> tuple[Module, ...]:
    """The dark modules of reportlab's QR widget for `url`, as rectangles in a unit square (quiet zone
    included). Encoded once per address: the poster measures its QR code at many sizes, and the widget
    encodes on every draw."""
    from reportlab.graphics.barcode.qr import QrCodeWidget  # reportlab's graphics, only when a QR code is drawn
    from reportlab.graphics.shapes import Rect

    try:
        group = QrCodeWidget(url, barLevel="M").draw()
    except Exception as exc:  # reportlab raises a bare Exception when the data does not fit
        raise LayoutError(f"the QR code cannot hold {url[:60]!r}… ({exc}); give a shorter web address") from None
    x0, y0, x1, y1 = group.getBounds()
    sx, sy = 1 / (x1 - x0), 1 / (y1 - y0)
    dark = [r for r in group.contents if isinstance(r, Rect) and r.fillColor is not None and r.fillColor.red < 0.5]
    return tuple((r.x * sx, r.y * sy, r.width * sx, r.height * sy) for r in dark)


def qr_figure(parent: Node, shown: str, words: Translator) -> Node:
    """The Figure a QR code is drawn as, added to `parent`: its alternative text (the label `qr_code_link`) names
    the link it holds (as `shown`) in the sheet's language, and says it is English where that language has no
    catalog (nor the clinic a wording of its own)."""
    english = words.untranslated(LABELS["qr_code_link"])
    return parent.add("Figure", alt=words.label("qr_code_link", address=shown), lang="en" if english else None)


class QrFlowable(Flowable):
    """A QR code drawn as one filled path, `size` points square. It is encoded when first drawn (a poster
    measures layouts with and without it, and often leaves it out), or when made if its address is too long to
    be sure it fits (see SURE_TO_FIT)."""

    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        self.url = url
        self.width = self.height = size
        if len(url.encode("utf-8")) > SURE_TO_FIT:
            qr_modules(url)  # raises LayoutError if the code cannot hold it

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        size = self.width
        path = self.canv.beginPath()
        for x, y, w, h in qr_modules(self.url):
            path.rect(x * size, y * size, w * size, h * size)
        self.canv.setFillColorRGB(0, 0, 0)
        self.canv.drawPath(path, stroke=0, fill=1)
