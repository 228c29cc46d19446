"""The words the engine itself prints around the author's: a step's dose, how often to do the routine, the
leaflet's currency, the large-print note. All in one place, each through `gettext`/`ngettext` (plural forms
included) so that a catalog can translate them.

The dose reads as one line in the handout ("3 sets of 10 · hold 5 seconds · each side") and compactly on
the poster ("3 \u00d7 10 · hold 5 s · each side", with a multiplication sign).
"""

from __future__ import annotations

import datetime
import gettext
from dataclasses import dataclass, field

from handouts import locales
from handouts.breaks import NBSP
from handouts.models import Content, Frequency, Step

SEPARATOR = " · "


def long_date(date: datetime.date, language: str) -> str:
    """A date that never breaks across lines ("9\u00a0May\u00a02026")."""
    return locales.long_date(date, language).replace(" ", NBSP)


def month_year(date: datetime.date, language: str) -> str:
    return locales.month_year(date, language).replace(" ", NBSP)


@dataclass(frozen=True)
class Wording:
    """The engine's words in one language (`translations` from its catalog; English without one)."""

    language: str = "en-GB"
    translations: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)

    def _(self, message: str) -> str:
        return self.translations.gettext(message)

    def n(self, singular: str, plural: str, count: int, **values: object) -> str:
        """The singular or plural (or a language's other forms) for `count`, with `{n}` and `values` filled in."""
        return self.translations.ngettext(singular, plural, count).format(n=count, **values)

    # -- a step's dose ---------------------------------------------------------------------------------------

    def seconds(self, value: int | str, compact: bool = False) -> str:
        """A time: "45 seconds", "2 minutes", "1 minute 30 seconds"; compact "45 s", "2 min"; words as given."""
        if isinstance(value, str):
            return value
        minutes, seconds = divmod(value, 60)
        if compact:
            parts = [self._("{n} min").format(n=minutes)] if minutes else []
            return " ".join([*parts, self._("{n} s").format(n=seconds)] if seconds else parts)
        parts = [self.n("{n} minute", "{n} minutes", minutes)] if minutes else []
        return " ".join([*parts, self.n("{n} second", "{n} seconds", seconds)] if seconds else parts)

    def dose(self, step: Step, compact: bool = False) -> str:
        """The step's dose as one line; the free-text `repeat` last. Empty when the step gives none."""
        parts = []
        if step.sets and step.reps:
            parts.append(
                self._("{sets}\u00a0\u00d7\u00a0{reps}").format(sets=step.sets, reps=step.reps)
                if compact
                else self.n("{n} set of {reps}", "{n} sets of {reps}", step.sets, reps=step.reps)
            )
        elif step.sets:
            parts.append(self.n("{n} set", "{n} sets", step.sets))
        elif step.reps:
            parts.append(self.n("once", "{n} times", step.reps))
        if step.hold:
            parts.append(self._("hold {time}").format(time=self.seconds(step.hold, compact)))
        if step.duration:
            parts.append(self.seconds(step.duration, compact))
        if step.side:
            sides = {"each": self._("each side"), "left": self._("left side"), "right": self._("right side")}
            parts.append(sides.get(step.side, self._("both sides")))
        if step.rest:
            parts.append(self._("rest {time}").format(time=self.seconds(step.rest, compact)))
        if step.repeat:
            parts.append(step.repeat)
        return SEPARATOR.join(parts)

    # -- the routine's schedule ------------------------------------------------------------------------------

    def frequency(self, frequency: Frequency | None) -> str:
        """ "Twice a day, 5 days a week", "Once a day, every day", or the author's words."""
        if frequency is None:
            return ""
        if frequency.text:
            return frequency.text
        parts = []
        if frequency.times_a_day:
            times = frequency.times_a_day
            parts.append(
                {1: self._("Once a day"), 2: self._("Twice a day")}.get(times)
                or self.n("{n} time a day", "{n} times a day", times)
            )
        if frequency.days_a_week:
            days = frequency.days_a_week
            parts.append(self._("every day") if days == 7 else self.n("{n} day a week", "{n} days a week", days))
        text = ", ".join(parts)
        return text[:1].upper() + text[1:]

    # -- the leaflet's currency -------------------------------------------------------------------------------

    def currency(self, content: Content) -> list[str]:
        """Who wrote the leaflet and when, and when it is next reviewed, as lines for its last page."""
        lines = []
        if content.author:
            lines.append(self._("Written by {author}.").format(author=content.author))
        if content.reviewed_by:
            lines.append(self._("Reviewed by {reviewer}.").format(reviewer=content.reviewed_by))
        dated = []
        if content.version:
            dated.append(self._("Version {version}").format(version=content.version))
        if content.published:
            dated.append(self._("published {date}").format(date=long_date(content.published, self.language)))
        if dated:
            text = ", ".join(dated)
            lines.append(text[:1].upper() + text[1:] + ".")
        if content.review_due:
            lines.append(self._("Next review due {date}.").format(date=month_year(content.review_due, self.language)))
        return lines

    def currency_short(self, content: Content) -> str:
        """The same, compact, for the poster's sources line."""
        parts = []
        if content.version:
            parts.append(self._("Version {version}").format(version=content.version))
        if content.published:
            parts.append(month_year(content.published, self.language))
        if content.review_due:
            parts.append(self._("review due {date}").format(date=month_year(content.review_due, self.language)))
        return SEPARATOR.join(parts)

    def large_print_note(self) -> str:
        return self._("Also available in large print: ask at reception.")


def overdue(content: Content, today: datetime.date | None = None) -> bool:
    """Whether the leaflet's review date has passed."""
    return bool(content.review_due and content.review_due < (today or datetime.date.today()))
