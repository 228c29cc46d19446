"""The poster's paragraph styles at one step size: the steps' size is the fit search's, every other text's
follows from it or from the paper, by the numbers named in the poster's geometry."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle

from handouts.pdf.poster import geometry as g
from handouts.pdf.theme import Theme


class Styles(Mapping[str, ParagraphStyle]):
    """Paragraph styles by name, each made when first asked for: the fit search asks a size's styles for the
    steps' and the safety strip's, and only the size it settles on for the rest."""

    def __init__(self, makers: dict[str, Callable[[], ParagraphStyle]]) -> None:
        self._makers = makers
        self._made: dict[str, ParagraphStyle] = {}

    def __getitem__(self, name: str) -> ParagraphStyle:
        if name not in self._made:
            self._made[name] = self._makers[name]()
        return self._made[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


def poster_styles(theme: Theme, size: float, numbers: Sequence[str] = ("1",), scale: float = 1.0, slim: bool = False) -> Styles:
    """Poster styles for step text at `size` points on paper `scale` times A4; nothing goes below the
    profile's poster_small, and everything but the steps grows with the paper, unless `slim`: then the band's
    title is the least it may be over the small print, and the small print, the clinic's name, the contact and
    the safety strip stay at the profile's poster_small (large print's last resort)."""
    p = theme.profile
    lead = p.poster_leading

    def style(name: str, size: float, **extra: Any) -> ParagraphStyle:
        # spaceShrinkage 0: platypus would otherwise let a line run past its width by a twentieth of its spaces,
        # past the column (or the margin) and past what the fit search's bound allows
        return theme.style(name, size, floor=p.poster_small, **{"leading": round(size * lead, 2), "spaceShrinkage": 0, **extra})

    small = p.poster_small * (1.0 if slim else scale)
    number = size * g.NUMBER_SIZE
    indent = theme.number_column(numbers, number)
    safety = small if slim else max(small, min(size * g.SAFETY_SIZE, g.SAFETY_LARGEST * scale))
    title = small * g.TITLE_OVER_SMALL if slim else max(small * g.TITLE_OVER_SMALL, g.TITLE_SIZE * scale)
    name = small if slim else max(small, g.NAME_SIZE * scale)
    contact = small if slim else max(small, g.CONTACT_SIZE * scale)

    def cue() -> ParagraphStyle:
        made = style(
            "cue",
            size,
            bold=True,
            leftIndent=indent,
            bulletFontName=theme.fonts.bold,
            bulletFontSize=number,
            bulletColor=HexColor(theme.primary_text),
            bullet_end=theme.numbers_end(numbers, number),
            leading=size * max(lead, g.LEAST_LEADING),
        )
        made.bullet_inside = True  # the number's glyphs are measured with the cue (see CachedParagraph._bullet_below)
        return made

    return Styles(
        {
            "cue": cue,
            "repeat": lambda: style(
                "repeat",
                max(small, size * g.COUNT_SIZE),
                colour=theme.primary_text,
                leftIndent=indent,
                spaceBefore=g.COUNT_BEFORE,
            ),
            "safety": lambda: style("safety", safety, leading=safety * max(g.SAFETY_LEADING, lead)),
            "band-title": lambda: style(
                "band-title", title, bold=True, colour=theme.on_primary, leading=title * p.heading_leading
            ),
            "band-name": lambda: style("band-name", name, colour=theme.on_primary, leading=name * max(g.LEAST_LEADING, lead)),
            "contact": lambda: style("contact", contact, bold=True),
            "help": lambda: style("help", small, leading=small * max(g.LEAST_LEADING, lead)),
            "caption": lambda: style("caption", small, leading=small * max(g.LEAST_LEADING, lead)),
            "tracker": lambda: style("tracker", small, bold=True),
            "sources": lambda: style("sources", small, leading=small * max(g.LEAST_LEADING, lead)),
        }
    )
