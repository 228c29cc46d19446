"""Poster furniture drawn by hand: the tick-box tracker and the QR code."""

from __future__ import annotations

import contextlib

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from handouts.media.fonts import Fonts, load_fonts
from handouts.pdf.paragraphs import draw_string, widest
from handouts.pdf.tagged import tag
from handouts.pdf.tagging import Node, artifact, element


class Tracker(Flowable):
    """A grid of tick boxes: one column per day, one row per week (or one per session when the routine is done
    several times a day, each named: Morning, Evening), each week headed by its label ("Week 1", or its first
    date; above its rows, so the grid stays narrow), and, where the routine asks, a row per week to write
    the day's pain (0-10). Columns as wide as the longest day name of the language."""

    def __init__(
        self,
        days: list[str],
        weeks: int,
        label: ParagraphStyle,
        title: Paragraph | None,
        row_labels: list[str] | None = None,
        scale: float = 1.0,
        per_day: int = 1,
        fonts: Fonts | None = None,
        sessions: list[str] | None = None,
        pain: str | None = None,
    ) -> None:
        super().__init__()
        self.days, self.weeks, self.label, self.title, self.per_day = days, weeks, label, title, per_day
        self.fonts = fonts or load_fonts()
        self.row_labels = (row_labels or [])[:weeks]
        self.sessions = (sessions or [])[:per_day] if per_day > 1 else []
        self.pain = pain
        face, size = label.fontName, label.fontSize
        widest_day = widest(days, face, size, self.fonts)
        self.box = max(24.0 * scale, size * 2.0, widest_day + size * 0.4)
        self.gap = self.box * 0.22
        self.row_label_height = label.leading if self.row_labels else 0.0
        # Row names (sessions, the pain row) stand at the left of their rows, before the first box.
        names = [*self.sessions, *([pain] if pain else [])]
        self.names_width = widest(names, face, size, self.fonts) + self.gap if names else 0.0
        self.width = self.names_width + 7 * self.box + 6 * self.gap
        self._title_height = 0.0
        self._cells: tuple[list[Node], list[list[Node]]] | None = None  # the day headers, each row's header

    def tag(self, parent: Node) -> None:
        """Draw into `parent` as its title (P) and a Table: a first row of the days (TH, scope Column, after an
        empty corner cell), then a row per row of boxes, headed (TH, scope Row) by the week's label on its
        week's first row and the session's name; an empty TD per box (the boxes themselves are artifacts)."""
        if self.title:
            tag(self.title, parent.add("P"))
        table = parent.add("Table")
        head = table.add("TR")
        head.add("TD")
        days = [head.add("TH", scope="Column") for _ in self.days]
        rows = []
        for _ in range(self.weeks * self.rows_per_week):
            row = table.add("TR")
            rows.append([row.add("TH", scope="Row")])
            for _ in range(7):
                row.add("TD")
        self._cells = (days, rows)

    def _in(self, cell: Node | None) -> contextlib.AbstractContextManager[object]:
        return element(self.canv, cell) if cell is not None else contextlib.nullcontext()

    @property
    def rows_per_week(self) -> int:
        return self.per_day + (1 if self.pain else 0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        self._title_height = self.title.wrap(self.width, availHeight)[1] + 4 if self.title else 0
        week = self.row_label_height + self.rows_per_week * (self.box + self.gap)
        self.height = self._title_height + self.label.leading + self.weeks * week
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        if self.title:
            self.title.drawOn(canvas, 0, top - self._title_height + 4)
            top -= self._title_height
        face, size = self.label.fontName, self.label.fontSize
        left = self.names_width
        days, rows = self._cells or ([None] * len(self.days), [[None]] * (self.weeks * self.rows_per_week))
        canvas.setFillColor(self.label.textColor)
        baseline = top - self.label.fontSize
        for index, day in enumerate(self.days):
            x = left + index * (self.box + self.gap) + self.box / 2
            with self._in(days[index]):
                draw_string(canvas, x, baseline, day, face, size, self.fonts, align="centre")
        canvas.setStrokeColor(self.label.textColor)
        canvas.setLineWidth(1.2)
        y = top - self.label.leading
        names = [*(self.sessions or [""] * self.per_day), *([self.pain] if self.pain else [])]
        row = 0
        for week in range(self.weeks):
            if week < len(self.row_labels):
                y -= self.row_label_height
                # the week's label heads its first row; a space after it where the row's name follows in the same
                # header (TH), which is read as the words drawn in it: "1 Dec Morning", not "1 DecMorning"
                said = self.row_labels[week] + (" " if names[0] else "")
                with self._in(rows[row][0]):
                    draw_string(canvas, 0, y + self.label.leading - size, said, face, size, self.fonts)
            for name in names:
                y -= self.box
                if name:
                    with self._in(rows[row][0]):
                        draw_string(canvas, 0, y + self.box / 2 - size * 0.35, name, face, size, self.fonts)
                with artifact(canvas):
                    for index in range(7):
                        canvas.rect(left + index * (self.box + self.gap), y, self.box, self.box, stroke=1, fill=0)
                y -= self.gap
                row += 1
