"""Dates and times in the routine's language (handouts.words.locales)."""

from __future__ import annotations

import datetime

import pytest

from handouts.words.locales import clock

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "times"),
    [
        ("fr", [f"14{NBSP}h{NBSP}30", f"9{NBSP}h{NBSP}05", f"14{NBSP}h"]),  # French prose, spaces that never break
        ("fr-BE", [f"14{NBSP}h{NBSP}30", f"9{NBSP}h{NBSP}05", f"14{NBSP}h"]),
        ("fr-CA", ["14 h 30", "09 h 05", "14 h 00"]),  # CLDR's Canadian French, as it was
        ("en-GB", ["14:30", "09:05", "14:00"]),
        ("en-US", ["2:30\u202fPM", "9:05\u202fAM", "2:00\u202fPM"]),
        ("de", ["14:30", "09:05", "14:00"]),
    ],
)
def test_an_appointments_time_is_written_as_the_language_writes_it(language: str, times: list[str]) -> None:
    said = [clock(datetime.time(hour, minute), language) for hour, minute in ((14, 30), (9, 5), (14, 0))]
    assert said == times
