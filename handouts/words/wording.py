"""The engine's sentences around the author's words: a step's dose, how often to do the routine, the
leaflet's currency, the large-print note, each built from the labels of :mod:`handouts.words.labels` in the
routine's language (plural forms included).

The dose reads as one line in the handout ("3 sets of 10 · hold 5 seconds · each side") and compactly on
the poster ("3 \u00d7 10 · hold 5 s · each side", with a multiplication sign).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from handouts.input.models import Content, Frequency, Step
from handouts.words import locales
from handouts.words.i18n import Translator, runs_of, said
from handouts.words.labels import HELD
from handouts.words.ties import NBSP, tie

SEPARATOR = NBSP + "· "  # between phrases: a line may break after the dot, never before it


# The engine's words print in English in a routine whose language has no catalog, and say so (i18n.said): these
# keep each run's language as they tie, join and capitalize the text.


def tied(text: str) -> str:
    """`text` tied whole (:func:`tie`), each run in its language."""
    return said((tie(run), language) for run, language in runs_of(text))


def joined(separator: str, texts: list[str]) -> str:
    """`texts` joined by `separator`, which is said in the language of the runs either side where they share one."""
    runs: list[tuple[str, str | None]] = []
    for text in texts:
        if runs:
            after = runs_of(text)[0][1]
            runs.append((separator, after if after == runs[-1][1] else None))
        runs.extend(runs_of(text))
    return said(runs)


def capitalized(text: str) -> str:
    """`text` with a capital first letter."""
    runs = list(runs_of(text))
    if runs:
        runs[0] = (runs[0][0][:1].upper() + runs[0][0][1:], runs[0][1])
    return said(runs)


def long_date(date: datetime.date, language: str) -> str:
    """A date that never breaks across lines ("9\u00a0May\u00a02026")."""
    return tie(locales.long_date(date, language))


def month_year(date: datetime.date, language: str) -> str:
    return tie(locales.month_year(date, language))


@dataclass(frozen=True)
class Wording:
    """The engine's words in one language (see :mod:`handouts.words.labels` and :mod:`handouts.words.i18n`)."""

    language: str = "en-GB"
    words: Translator = field(default_factory=Translator)

    # -- a step's dose ---------------------------------------------------------------------------------------

    def seconds(self, value: int | str, compact: bool = False, held: bool = False) -> str:
        """A time: "45 seconds", "2 minutes", "1 minute 30 seconds"; compact "45 s", "2 min"; words as given.
        `held`: as how long a step holds or rests, worded as its language words a verb's time (Polish "1 minutę")."""
        if isinstance(value, str):
            return value
        minutes, seconds = divmod(value, 60)
        w = self.words
        if compact:
            parts = [w.said("minutes_short", n=minutes)] if minutes else []
            return joined(NBSP, [*parts, w.said("seconds_short", n=seconds)] if seconds else parts)
        context = HELD if held else None
        parts = [w.said_count("minutes", minutes, context)] if minutes else []
        return joined(" ", [*parts, w.said_count("seconds", seconds, context)] if seconds else parts)

    def dose(self, step: Step, compact: bool = False) -> str:
        """The step's dose as one line; the free-text `repeat` last. Empty when the step gives none. In full (the
        handout's), each phrase the engine words ("3 sets of 10", "hold 5 seconds", "each side") never breaks
        inside; the line breaks after a separator, or inside the author's own words (a hold given in words). The
        poster ties the compact form its own ways."""
        w = self.words
        whole = (lambda text: text) if compact else tied
        parts = []
        if step.sets and step.reps:
            parts.append(
                tied(
                    w.said("sets_by_reps", sets=step.sets, reps=step.reps)
                    if compact
                    else w.said_count("sets_of", step.sets, reps=step.reps)
                )
            )
        elif step.sets:
            parts.append(whole(w.said_count("sets", step.sets)))
        elif step.reps:
            parts.append(whole(w.said_count("times", step.reps)))
        if step.hold:
            parts.append(self._timed(w.said("hold", time=self.seconds(step.hold, compact, held=True)), step.hold, whole))
        if step.duration:
            parts.append(self._timed(self.seconds(step.duration, compact), step.duration, whole))
        if step.side:
            parts.append(
                whole(w.said({"each": "each_side", "left": "left_side", "right": "right_side"}.get(step.side, "both_sides")))
            )
        if step.rest:
            parts.append(self._timed(w.said("rest", time=self.seconds(step.rest, compact, held=True)), step.rest, whole))
        if step.repeat:
            parts.append(step.repeat)
        return joined(SEPARATOR, parts)

    @staticmethod
    def _timed(phrase: str, time: int | str, whole: Callable[[str], str]) -> str:
        """A phrase with a time in it: whole when the time is the engine's ("hold 5 seconds"), free to wrap when
        it is the author's words ("hold until you feel a gentle stretch")."""
        return phrase if isinstance(time, str) else whole(phrase)

    # -- the routine's schedule ------------------------------------------------------------------------------

    def frequency(self, frequency: Frequency | None) -> str:
        """ "Twice a day, 5 days a week", "Once a day, every day", or the author's words."""
        if frequency is None:
            return ""
        if frequency.text:
            return frequency.text
        w = self.words
        parts = []
        if frequency.times_a_day:
            times = frequency.times_a_day
            named = {1: "once_a_day", 2: "twice_a_day"}.get(times)
            parts.append(w.said(named) if named else w.said_count("times_a_day", times))
        if frequency.days_a_week:
            days = frequency.days_a_week
            parts.append(w.said("every_day") if days == 7 else w.said_count("days_a_week", days))
        return capitalized(joined(", ", parts))

    # -- the leaflet's currency -------------------------------------------------------------------------------

    def currency(self, content: Content) -> list[str]:
        """Who wrote the leaflet and when, and when it is next reviewed, as lines for its last page."""
        w = self.words
        lines = []
        if content.author:
            lines.append(w.said("written_by", author=content.author))
        if content.reviewed_by:
            lines.append(w.said("reviewed_by", reviewer=content.reviewed_by))
        dated = []
        if content.version:
            dated.append(w.said("version", version=content.version))
        if content.published:
            dated.append(w.said("published", date=long_date(content.published, self.language)))
        if dated:
            lines.append(capitalized(said([*runs_of(joined(", ", dated)), (".", None)])))
        if content.review_due:
            lines.append(w.said("review_due", date=month_year(content.review_due, self.language)))
        return lines

    def currency_short(self, content: Content) -> str:
        """The same, compact, for the poster's sources line."""
        w = self.words
        parts = []
        if content.version:
            parts.append(w.said("version", version=content.version))
        if content.published:
            parts.append(month_year(content.published, self.language))
        if content.review_due:
            parts.append(w.said("review_due_short", date=month_year(content.review_due, self.language)))
        return joined(SEPARATOR, parts)

    def large_print_note(self) -> str:
        return self.words.said("large_print_note")


def overdue(content: Content, today: datetime.date | None = None) -> bool:
    """Whether the leaflet's review date has passed."""
    return bool(content.review_due and content.review_due < (today or datetime.date.today()))
