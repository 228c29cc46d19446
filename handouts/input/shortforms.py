"""Warnings for poster short forms that cannot stand alone.

A safety point or warning sign with no `short:` prints its bold lead-in on the poster, and nothing after it:
"**Never** massage over a vein." printed "Never", "**Do not** press on the kneecap." printed "Do not". A lead-in
of one word, or one ending in a word that needs the words after it, loses the instruction on the fridge door. In
another language than English, whose words are not listed here, so does a lead-in whose sentence goes on after it:
"**Bei Kribbeln in den Armen** brechen Sie ab" printed "Bei Kribbeln in den Armen", the condition without what to do.
In English, an instruction whose bold lead-in its sentence makes conditional ("**Massage your calf** only if it is
not swollen or hot" printed "Massage your calf"), or whose first sentence the next one turns round ("It is fine to
carry on. But stop at once if you feel sharp pain." printed "It is fine to carry on"), told a patient to do what
the point allows only sometimes; one that forbids ("**Do not drive** until…") only forbids more on its own.
"""

from __future__ import annotations

import re

from handouts.errors import Problem
from handouts.input.models import LEAD_IN, Content, bold_lead_in, first_sentence_end
from handouts.input.yamlsource import PathKey, Source
from handouts.words.markdown import plain_text

CODE = "lone-lead-in"
# What a sentence goes on past, after a bold opening, to the words that end it: spaces, dashes and opening marks
# ("¡", "„"); not a bracket, whose words only add to the bold ("**Nicht massieren** (Venen)")
GOES_ON_PAST = re.compile("^[\\s\u2013\u2014\\-\u00a1\u00bf\u201e\u201c\u00ab\u2039\"']+")
# English words a lead-in cannot end on: each needs what follows it ("Do not", "Never", "Avoid").
NEEDS_MORE = frozenset(
    {"not", "never", "no", "don't", "dont", "do", "does", "doesn't", "avoid", "always", "only", "without"}
    | {"must", "should", "cannot", "can't", "can", "may", "will", "won't", "to", "and", "or", "but", "if", "when"}
)
# Words that end a whole phrase after the words they bear on ("Light pressure only", "Keep your back straight
# always"), and need more only after words that themselves need more ("Please always", "But only").
AFTER_WORDS = frozenset({"only", "always"})
# A clause that says all it needs with its verb left understood, after the words it completes: "Rest whenever you
# can", "Stop if it hurts more than it should", "Press only as hard as you need to", "Wear the support if told to"
# ("If you cannot", with nothing before it, needs what follows).
UNDERSTOOD = re.compile(
    r"\S\s+(?:if|when|whenever|as|than|unless|until|while|where|wherever|once|what|whatever|however|before|after)\s+(?:"
    r"(?:you|it|we|they|i|he|she)\s+(?:(?:can|cannot|can't|should|must|may|will|won't|do|does)(?:\s+not)?"
    r"|(?:need|needs|want|wants|have|has|ought|used)\s+to)"
    r"|(?:told|asked|advised)\s+to)$"
)

# English words that, straight after an instruction's bold lead-in, make it hold only sometimes ("until" and
# "while" say how long: "**Keep the wound dry** until it has healed" alone only asks for more)
CONDITIONAL = re.compile(r"(?:only|if|unless|except|provided|providing|(?:as|so) long as|when|whenever|but)\b", re.IGNORECASE)
# English words that, opening the sentence after an instruction's first, turn it round
TURNED = re.compile(r"(?:but|however|unless|except|only|not|although|though|yet)\b", re.IGNORECASE)
# Words of an instruction that forbids (or stops): without its condition it only forbids more
FORBIDS = frozenset({"not", "never", "no", "don't", "dont", "avoid", "stop", "without", "cannot", "can't", "nothing", "none"})
NOT_STOPPING = re.compile(r"\b(?:not|never|don't|dont)\s+stop")  # "Do not stop": it says to go on
# What may stand between a short form and the word that turns it: spaces, dashes, brackets, marks, quotes, emphasis
OPENERS = re.compile("^[\\s\u2013\u2014\\-(\\[;,:\"'\u201c\u2018*_]+")


def _cannot_stand_alone(lead: str, english: bool, instruction: bool) -> bool:
    """Whether a bold lead-in says too little on its own: an instruction's of one word (in any language), or, in
    English, one that ends in a word needing what follows. A sign of one word ("Fever", "Numbness") is whole, and
    so is a lead-in that ends its sentence ("Rest whenever you can.")."""
    words = plain_text(lead).replace("\u2019", "'").split()
    if len(words) <= 1 and instruction:
        return True
    last = words[-1].rstrip("\"')*\u201d") if words else ""
    if not english or last.endswith(("!", "?")) or (last.endswith(".") and not last.endswith("..")):
        return False  # an ellipsis ("Do not...") leaves its sentence open
    if UNDERSTOOD.search(" ".join(words).lower()):
        return False
    word = last.strip(".!?\"'()").lower()
    if word in AFTER_WORDS and len(words) > 1 and words[-2].strip(",;:\"'()").lower() not in NEEDS_MORE | {"please"}:
        return False
    return word in NEEDS_MORE


def _with_stop(lead: str, text: str) -> str:
    """`lead`, the bold opening of `text`, with the mark that ends its sentence just after the bold, where one does
    ("**Rest whenever you can**. Keep the leg up."): a sentence whole, as if the mark were bold too."""
    opening = LEAD_IN.match(text)
    after = text[opening.end() :] if opening else ""
    return lead + after[0] if after[:1] in (".", "!", "?") and not after.startswith("..") else lead


def _ends_sentence(lead: str) -> bool:
    """Whether a bold lead-in ends with its sentence's mark, inside its closing marks ("**Stop.**", '"Stop!"')."""
    return lead.rstrip("*\"')\u201d").endswith((".", "!", "?"))


def _goes_on(lead: str, text: str) -> bool:
    """Whether the sentence `lead` opens goes on in `text` after the bold: no mark ends it, and a word (or a
    number) follows, after a space, a dash or an opening mark ("**Wenn es weh tut** \u2013 hören Sie auf")."""
    opening = LEAD_IN.match(text)
    after = GOES_ON_PAST.sub("", text[opening.end() :], count=1) if opening else ""
    return not _ends_sentence(lead) and after[:1].isalnum()


def _left_out(lead: str | None, text: str, printed: str) -> str | None:
    """What an English instruction's poster short form (`printed`) leaves out that turns it round (see the module's
    words): the words after its bold `lead` that make it conditional, past a bracket or a dash too ("**Press
    firmly** (unless…)"), or, where the lead or first sentence ends its sentence, the next one turning it round
    ("**Take it slowly.** But stop…", "Keep going. *But* stop…"); quoted as far as a few words. None where it
    leaves out nothing such, or the short form forbids (but "Do not stop" says to go on)."""
    said = NOT_STOPPING.sub("", plain_text(printed).lower().replace("\u2019", "'"))
    if FORBIDS.intersection(word.strip(".,;:!?") for word in said.split()):
        return None
    opening = LEAD_IN.match(text) if lead is not None else None
    after = text[opening.end() :] if opening is not None else ""
    ended = lead is None or _ends_sentence(lead) or after[:1] in (".", "!", "?")
    if opening is not None and not ended:
        rest, turns = after, CONDITIONAL
    else:  # the short form is a whole sentence: the next one may turn it round
        end = opening.end() if opening is not None else first_sentence_end(text)
        rest, turns = (text[end:].lstrip(".!?") if end is not None else ""), TURNED
    if not turns.match(OPENERS.sub("", rest, count=1)):
        return None
    end = first_sentence_end(rest)
    words = plain_text(rest[:end]).lstrip(" \u2013\u2014-;,:").split()  # as printed in the handout, its marks too
    return " ".join(words[:6]) + (" …" if len(words) > 6 else "")


def lone_lead_ins(source: Source, content: Content) -> list[Problem]:
    """A warning for each safety point and warning sign whose poster short form is a bold lead-in that cannot
    stand alone, and each English safety point whose short form leaves out its condition, quoting what the poster
    prints."""
    english = content.language.lower().startswith("en")
    items: list[tuple[PathKey, str, str, str, str]] = [
        (("safety", "points", i, "text"), point.text, point.poster_text, "on the safety strip", "instruction")
        for i, point in enumerate(content.safety.points)
        if not point.short
    ]
    items += [
        (("help", i, "sign"), sign.sign, sign.poster_text, "on the strip of when to get help", "sign")
        for i, sign in enumerate(content.help)
        if not sign.short
    ]
    problems = []
    for path, text, printed, strip, kind in items:
        lead = bold_lead_in(text)
        left_out = _left_out(lead, text, printed) if english and kind == "instruction" else None
        if left_out is not None:
            what = "its bold opening" if lead is not None else "its first sentence"
            message = (
                f'{strip} the poster prints only "{plain_text(printed)}" for this point ({what}), without "{left_out}", '
                "so it reads as holding always: give `short:` with the whole instruction, its condition too"
            )
            problems.append(source.problem(path, message).coded(CODE))
            continue
        if lead is None:
            continue
        whole = _with_stop(lead, text)
        if not _cannot_stand_alone(whole, english, kind == "instruction") and (english or not _goes_on(whole, text)):
            continue
        message = (
            f'{strip} the poster prints only "{plain_text(printed)}" for this {"point" if kind == "instruction" else kind} '
            f"(its bold opening), which does not say the whole {kind}: give `short:` with the whole {kind}, or bold "
            f"the whole {kind}"
        )
        problems.append(source.problem(path, message).coded(CODE))
    return problems
