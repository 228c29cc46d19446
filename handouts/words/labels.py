"""Every label the engine and the templates print around the author's words, in English, in one place.

The English text is the gettext message id; the key is what a clinic names in `brand.yaml` to reword a
label (`labels: {en: {questions: "Questions? Ring us on %(phone)s"}}`). Catalogs in
:mod:`handouts.locale` translate the message ids; the tests read this module to check that no English
label is left on a page printed in another language.
"""

from __future__ import annotations

# key -> English message (placeholders in the %(name)s form gettext catalogs use)
LABELS: dict[str, str] = {
    # the handout
    "prepared_for_by": "Prepared for %(patient)s on %(date)s by %(therapist)s",
    "prepared_for": "Prepared for %(patient)s on %(date)s",
    "prepared_by": "Prepared on %(date)s by %(therapist)s",
    "prepared": "Prepared on %(date)s",
    "therapist_note": "A note from your therapist",
    "safety": "Safety first",
    "video": "Video:",
    "contact": "Contact %(clinic)s",
    "references": "References",
    "further_reading": "Further reading",
    "about": "About this leaflet.",
    "page": "Page %(page)s of %(pages)s",
    "continued": "%(title)s (continued)",  # a box's or a step's title again atop a page it goes on to
    "large_print_note": "Also available in large print: ask at reception.",
    "handout_subject": "Take-home handout from %(clinic)s",
    # when to get help, how much discomfort is fine, who and when next
    "help": "When to get help",
    "help_call_us": "Stop and call us on %(phone)s",
    "help_call_clinic": "Stop and call the clinic",
    "help_gp_today": "See your GP today, or call %(urgent)s",
    "help_emergency": "Call %(emergency)s now",
    "help_in_handout": "The signs to look for are in your handout.",  # the large-print poster's brief strip
    "discomfort": "How much discomfort is fine",
    "discomfort_during": "During: up to %(n)s out of 10",
    "discomfort_after": "Afterwards: up to %(n)s out of 10",
    "discomfort_during_short": "During",  # the web copy's table: a column heading
    "discomfort_after_short": "Afterwards",
    "pain_none": "No pain",
    "pain_worst": "Worst pain",
    "your_therapist": "Your therapist: %(therapist)s",
    "next_appointment": "Next appointment: %(date)s",
    "next_appointment_at": "Next appointment: %(date)s at %(time)s",
    "watch_video": "Watch the video",
    "scan_to_watch": "Scan to watch",
    # the poster
    "scan_website": "Scan for our website",
    "tick_each_day": "Tick a box each day you do it",
    "tick_each_time": "Tick a box each time you do it",
    "questions": "Questions? Call %(phone)s",
    "sources": "Sources:",
    "lead_in": "%(label)s:",  # a bold label opening a line, what it introduces after it (French: "Avant de commencer :")
    "sources_in_handout": "Sources: listed in your handout",  # a numbered style's poster: its numbers name nothing there
    "week": "Week %(n)s",
    "pain_today": "Pain today (0–10)",  # noqa: RUF001 (an en dash)
    "morning": "Morning",
    "midday": "Midday",
    "evening": "Evening",
    "session": "Session %(n)s",
    "poster_subject": "Fridge poster from %(clinic)s",
    # a step's dose and the routine's schedule
    "sets_by_reps": "%(sets)s × %(reps)s",  # noqa: RUF001 (a multiplication sign)
    "minutes_short": "%(n)s min",
    "seconds_short": "%(n)s s",
    "hold": "hold %(time)s",
    "rest": "rest %(time)s",
    "each_side": "each side",
    "left_side": "left side",
    "right_side": "right side",
    "both_sides": "both sides",
    "once_a_day": "Once a day",
    "twice_a_day": "Twice a day",
    "every_day": "every day",
    # the leaflet's currency
    "written_by": "Written by %(author)s.",
    "reviewed_by": "Reviewed by %(reviewer)s.",
    "version": "Version %(version)s",
    "published": "published %(date)s",
    "review_due": "Next review due %(date)s.",
    "review_due_short": "review due %(date)s",
    # read, not printed: what a screen reader says of a QR code (its alternative text) and of a link whose words
    # say nothing (its description), the address filled in as drawn
    "qr_code_link": "QR code: link to %(address)s",
    "link_to": "Link to %(address)s",
}

# key -> (singular, plural) English messages for counts; each language has its own plural forms.
PLURALS: dict[str, tuple[str, str]] = {
    "minutes": ("%(n)s minute", "%(n)s minutes"),
    "seconds": ("%(n)s second", "%(n)s seconds"),
    "sets_of": ("%(n)s set of %(reps)s", "%(n)s sets of %(reps)s"),
    "sets": ("%(n)s set", "%(n)s sets"),
    "times": ("once", "%(n)s times"),
    "times_a_day": ("%(n)s time a day", "%(n)s times a day"),
    "days_a_week": ("%(n)s day a week", "%(n)s days a week"),
}

# A count a language words another way as how long a verb's action lasts: "hold 1 minute" is Polish "przytrzymaj
# 1 minutę" ("rest 1 minute", "odpocznij 1 minutę"), where a time alone is "1 minuta". gettext's context
# (msgctxt) -> the counts that take it; a catalog gives them only where they differ from the plain count, which
# is said otherwise.
HELD = "held"
IN_CONTEXT: dict[str, tuple[str, ...]] = {HELD: ("minutes", "seconds")}

# Where a family doctor is called a GP. Elsewhere English sheets say "doctor" (the clinic's own labels win).
GP_COUNTRIES = frozenset({"GB", "IE", "AU", "NZ", "ZA"})
DOCTOR_LABELS = {"help_gp_today": "See your doctor today, or call %(urgent)s"}
# Where English calls a number "at" it ("call us at 555 0100"), not "on" it as British English does.
CALL_AT_COUNTRIES = frozenset({"US", "CA"})
CALL_AT_LABELS = {"help_call_us": "Stop and call us at %(phone)s"}
# Where English checks a box rather than ticking it, and calls the sheet a handout, not a leaflet.
AMERICAN_COUNTRIES = frozenset({"US"})
AMERICAN_LABELS = {
    "tick_each_day": "Check a box each day you do it",
    "tick_each_time": "Check a box each time you do it",
    "about": "About this handout.",
}
