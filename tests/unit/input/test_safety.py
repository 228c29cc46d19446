"""The poster's short form of a safety point: the author's own, else the bold lead-in, else the first
sentence, where abbreviations do not end it and Markdown is never cut in half."""

from __future__ import annotations

import pdfplumber
import pytest
from conftest import flat, pdf_text, run

from handouts.build import Options, build
from handouts.input.models import SENTENCE_END, SafetyPoint, _word_before, first_sentence
from handouts.input.shortforms import _cannot_stand_alone


@pytest.mark.parametrize(
    ("point", "short"),
    [
        ("**Stop if anything hurts.** Always stop.", "Stop if anything hurts"),
        ("Rest after approx. 2 hours. Then walk.", "Rest after approx. 2 hours"),
        ("Use e.g. a towel, i.e. something soft. Then press.", "Use e.g. a towel, i.e. something soft"),
        ("Ask Dr. Jones or J. Smith first. Then start.", "Ask Dr. Jones or J. Smith first"),
        ("Hold it for 10 s. Then relax.", "Hold it for 10 s"),  # a unit, not an initial
        ("Hold 3 * 10 s. Stop if it hurts.", "Hold 3 * 10 s"),  # a star between spaces is no emphasis: none closed
        ("Do 2 *3 reps. Stop.", "Do 2 *3 reps"),  # a star the point never closes prints as typed: none closed
        ("Walk 200 m.", "Walk 200 m"),
        ("*Rest after approx. 2 hours.* Then walk.", "Rest after approx. 2 hours"),
        ("Keep **your knee bent. Always** when kneeling.", "Keep **your knee bent**"),
        ("**Dizzy?** Sit down.", "**Dizzy?** Sit down"),  # a question is no lead-in: what to do goes with it
        ("**Do not drive** until you can walk. Then ask us.", "Do not drive"),
        # A bold opening that a comma, colon or dash carries on is no lead-in: the first sentence, whole.
        ("**Wear your support,** if we gave you one. It helps.", "**Wear your support,** if we gave you one"),
        ("**Careful:** go slowly. Stop if it hurts.", "**Careful:** go slowly"),
        ("**Stop**, then rest. Call us.", "**Stop**, then rest"),
        ("Use a towel, a pillow etc.", "Use a towel, a pillow etc."),  # an abbreviation keeps its stop
        ("No full stop at all", "No full stop at all"),
        # `_` prints as typed (only `*` is emphasis): no mark added to close it, no lead-in made of it.
        ("Wrap a heat_pack in a towel. Never on bare skin.", "Wrap a heat_pack in a towel"),
        ("__Careful:__ go slowly. Stop if it hurts.", "__Careful:__ go slowly"),
        # A star between digits is a times sign, not a mark to close ("Hold 25 s" on the poster).
        ("Hold 2*5 s. Stop if it hurts.", "Hold 2*5 s"),
        # An escaped star is a star, not a mark to close.
        ("Use a \\*soft ball. Then press.", "Use a \\*soft ball"),
    ],
)
def test_short_forms(point: str, short: str) -> None:
    assert SafetyPoint(text=point).poster_text == short


def test_a_long_run_of_marks_is_read_once() -> None:
    """The sentence end was tried from every full stop of a run: a safety point of 20,000 of them (its length
    limit) took about nine seconds each time the poster asked for its short form, and a build a minute. Said
    without a clock (a busy machine is no slower test): no attempt from inside a run can match."""
    point = "." * 19_990 + " then more"
    assert first_sentence(point) == "." * 19_990
    assert first_sentence("." * 19_990 + "x") == "." * 19_990 + "x"
    short = "Stop..!?** now"
    assert SENTENCE_END.match(short, 4).span() == (4, 10)  # from the run's first mark, the whole run
    assert [at for at in range(5, 10) if SENTENCE_END.match(short, at)] == []


@pytest.mark.parametrize(
    "text", ["", "   ", "one", "Rest after approx. 2 hours.", "  two  words \t\n", "a. " * 5, "\u00a0x\u2003y z\u00a0"]
)
def test_the_word_before_a_sentence_end_is_the_last_word_split_off(text: str) -> None:
    """A point is read back from each full stop, not split whole at each (quadratic on "a. a. a. …")."""
    for end in range(len(text) + 1):
        words = text[:end].split()
        assert _word_before(text, end) == (words[-1] if words else ""), (text, end)


def test_the_authors_own_short_form_wins() -> None:
    assert SafetyPoint(text="A long point. With more.", short="Short!").poster_text == "Short!"
    assert first_sentence("Go. Now.") == "Go."


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("Is it hot or swollen? Stop and rest it. Call us tomorrow.", "Is it hot or swollen? Stop and rest it"),
        ("**Hot or swollen?** Stop. Call us.", "**Hot or swollen?** Stop"),
        ("Hot? Swollen? Stop now. Then call us.", "Hot? Swollen? Stop now"),
        ("Does it hurt more each day?", "Does it hurt more each day?"),
    ],
)
def test_a_question_on_the_poster_keeps_what_to_do_about_it(text: str, short: str) -> None:
    """A safety point that opens with a question printed the question alone on the poster's safety strip ("Is it
    hot or swollen?"), the instruction after it left out; a bold question was taken for the point's lead-in."""
    assert SafetyPoint(text=text).poster_text == short


def test_the_poster_shows_short_forms_without_markdown(make_content, workdir) -> None:
    points = [
        {"text": "Never press on a swollen, hot or red knee; see your GP first.", "short": "Never press a hot, swollen knee"},
        "**Rest after approx. 2 hours.** Then walk about.",
        "Use e.g. a towel under the knee. It helps.",
    ]
    path = make_content(safety={"title": "Before you start", "points": points})
    handout, poster = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout", "poster")))
    strip = flat(pdf_text(poster))
    assert "Never press a hot, swollen knee" in strip
    assert "Rest after approx. 2 hours" in strip and "Use e.g. a towel under the knee" in strip
    assert "**" not in strip and "It helps" not in strip
    assert "Never press on a swollen, hot or red knee; see your GP first." in flat(pdf_text(handout))


def test_the_safety_strip_sets_points_made_from_lead_ins_as_the_authors_own(make_content, workdir) -> None:
    """A strip of points without `short:` showed each bold lead-in bold and with its full stop beside the
    author's own short forms, plain and without one: "Stop if pain is sharp • Do not force it • **Keep
    breathing.**". Every point is now plain and none ends in a full stop before the next bullet."""
    points = [
        {"text": "**Stop if you feel sharp pain.** A mild ache is fine.", "short": "Stop if pain is sharp"},
        "**Keep breathing.** Do not hold your breath while you move.",
        "**Hold on to something firm** for the standing exercises.",
    ]
    path = make_content(safety={"title": "Before you start", "points": points})
    (poster,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("poster",)))
    with pdfplumber.open(poster) as pdf:
        chars = pdf.pages[0].chars
    text = "".join(char["text"] for char in chars)
    start = text.index("Stop if pain is sharp")
    end = text.index("Hold on to something firm") + len("Hold on to something firm")
    strip = chars[start:end]
    assert "." not in "".join(char["text"] for char in strip)
    regular = {char["fontname"] for char in strip if char["text"].isalpha()}
    assert len(regular) == 1 and "bold" not in regular.pop().lower()


def test_a_unit_after_a_number_ends_the_first_sentence_on_the_poster(make_content, workdir) -> None:
    """A point "Never hold a stretch for more than 30 s. Longer holds can strain the tendon." was read as if "s." were an
    initial (as "J." in "J. Smith"): the poster's safety strip printed the whole point, both sentences, where
    it prints each point's first. A lowercase letter after a number is a unit: its full stop ends the sentence,
    and goes as every point's closing stop does; an initial still does not end one."""
    points = [
        "Never hold a stretch for more than 30 s. Longer holds can strain the tendon.",
        "Ask J. Smith at the front desk first. She keeps the key.",
    ]
    path = make_content(safety={"title": "Before you start", "points": points})
    (poster,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("poster",)))
    strip = flat(pdf_text(poster))
    assert "Never hold a stretch for more than 30 s •" in strip and "Longer holds" not in strip
    assert "Ask J. Smith at the front desk first" in strip and "She keeps the key" not in strip


def test_a_bold_opening_the_sentence_goes_on_from_is_not_the_posters_whole_point(make_content, workdir) -> None:
    """A German clinic's "**Bandage tragen,** wenn Ihre Ärztin es verordnet hat." put "Bandage tragen," on the
    poster: the bold words alone, their comma and not the condition they need. The whole first sentence goes."""
    points = ["**Wear your knee support,** if your physiotherapist gave you one.", "**Careful:** go slowly. Then rest."]
    path = make_content(safety={"title": "Before you start", "points": points})
    (poster,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("poster",)))
    strip = flat(pdf_text(poster))
    assert "Wear your knee support, if your physiotherapist gave you one" in strip, strip
    assert "Careful: go slowly" in strip and "Then rest" not in strip, strip


def test_a_bold_opening_that_cannot_stand_alone_on_the_poster_is_warned_of(make_content, workdir) -> None:
    """A point "**Never** massage over a vein." printed "Never" on the poster's safety strip, and "**Do not** press on the
    kneecap." printed "Do not", unwarned: the fridge poster lost the instruction. `check` and `build` say so,
    quoting what the poster prints; a lead-in that says the instruction ("Do not drive") is left alone."""
    points = [
        "**Never** massage over a vein.",
        "**Do not** press on the kneecap.",
        "**Do not drive** until the numbness wears off.",
        {"text": "**Avoid** the back of the knee.", "short": "Avoid the back of the knee"},
    ]
    help_signs = [
        {"sign": "**Numbness** in your foot after the massage.", "action": "call-clinic"},  # a sign of one word is whole
        {"sign": "**You cannot** put weight on your leg.", "action": "call-clinic"},
    ]
    path = make_content(safety={"title": "Before you start", "points": points}, help=help_signs)
    lines = path.read_text(encoding="utf-8").splitlines()
    at = {word: next(n for n, line in enumerate(lines, 1) if f"{word}** " in line) for word in ("Never", "not", "cannot")}
    brand, out = str(workdir / "brand.yaml"), str(workdir / "out")
    expected = [
        f'warning: {path}:{at["Never"]}: safety.points[1].text: on the safety strip the poster prints only "Never" '
        "for this point (its bold opening), which does not say the whole instruction: give `short:` with the whole "
        "instruction, or bold the whole instruction [lone-lead-in]",
        f'warning: {path}:{at["not"]}: safety.points[2].text: on the safety strip the poster prints only "Do not" '
        "for this point (its bold opening), which does not say the whole instruction: give `short:` with the whole "
        "instruction, or bold the whole instruction [lone-lead-in]",
        f"warning: {path}:{at['cannot']}: help[{len(help_signs)}].sign: on the strip of when to get help the poster "
        'prints only "You cannot" for this sign (its bold opening), which does not say the whole sign: give '
        "`short:` with the whole sign, or bold the whole sign [lone-lead-in]",
    ]
    for command in (["check", str(path)], ["build", str(path), "--out", out, "--only", "poster"]):
        code, output = run(*command, "--brand", brand)
        assert code == 0 and [line for line in output.splitlines() if "[lone-lead-in]" in line] == expected, output
        code, output = run(*command, "--brand", brand, "--suppress", "lone-lead-in")
        assert code == 0 and "[lone-lead-in]" not in output, output
    strip = flat(pdf_text(workdir / "out" / "knee-self-massage-poster.pdf"))
    assert "Before you start: Never • Do not • Do not drive • Avoid the back of the knee" in strip, strip


@pytest.mark.parametrize(
    ("lead", "english", "instruction", "alone"),
    [
        ("Never", True, True, True),
        ("Nie", False, True, True),  # an instruction of one word: in any language
        ("Fever", True, False, False),  # a sign of one word says the sign
        ("You cannot", True, False, True),
        ("Do not", True, True, True),
        ("Please don\u2019t", True, True, True),
        ("Do not", False, True, False),  # the words that need more are English ones
        ("Do not drive", True, True, False),
        ("Stop if it *hurts*.", True, True, False),
        ("Rest whenever you can.", True, True, False),  # a whole sentence, though its last word is "can"
        ("Wear the support if told to!", True, True, False),
        ("Do not...", True, True, True),  # an ellipsis leaves the sentence open
        # A clause whose verb is understood says all it needs, its sentence ended or not
        ("Rest whenever you can", True, True, False),
        ("Stop if it hurts more than it should", True, True, False),
        ("Press only as hard as you need to", True, True, False),
        ("Walk every day if you can't", True, True, False),
        ("Wear the support if told to", True, True, False),
        ("Stop when you do not", True, True, False),
        ("Stop when", True, True, True),  # the clause itself missing
        ("Do what you can", True, True, False),
        ("Warm up first, before you do", True, True, False),
        ("If you cannot", True, False, True),  # a condition with nothing before it: what it is for follows
        # "only" and "always" after what they bear on end the phrase; after a word that needs more, they need more
        ("Light pressure only", True, True, False),
        ("Keep your back straight always", True, True, False),
        ("Please always", True, True, True),
        ("But only", True, True, True),
        ("You must always", True, True, True),  # "always" after "must", not after "You": what must be done follows
        ("We can only", True, True, True),
        ("[](https://example.org)", True, False, False),  # a sign whose bold opening prints no word
    ],
)
def test_which_lead_ins_cannot_stand_alone(lead: str, english: bool, instruction: bool, alone: bool) -> None:
    assert _cannot_stand_alone(lead, english, instruction) is alone


def test_a_bold_opening_whose_full_stop_follows_the_bold_is_a_whole_sentence(make_content, workdir) -> None:
    """A point "**Rest whenever you can**. Keep the leg up." was warned of as a lone lead-in ending on "can", though the
    stop after the bold ends its sentence as one inside it does ("**Rest whenever you can.**" was not warned of):
    a warning on good text. One word is still too few, and a lead-in that needs more still needs it."""
    points = [
        "**Rest whenever you can**. Keep the leg up.",
        "**Ice, never heat**! It calms the swelling.",
        "**Stop**. Then call us.",
        "**Do not**... press on the kneecap.",
    ]
    path = make_content(safety={"title": "Before you start", "points": points})
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    warned = [line for line in output.splitlines() if "[lone-lead-in]" in line]
    assert code == 0 and len(warned) == 2, output
    assert "safety.points[3].text" in warned[0] and "safety.points[4].text" in warned[1], output


@pytest.mark.parametrize(
    ("points", "sign", "expected"),
    [
        (
            [
                "**Bei Kribbeln oder Taubheit in den Armen** brechen Sie ab und rufen Sie uns an.",
                "**Hören Sie bei Schmerzen auf.** Ein leichtes Ziehen ist in Ordnung.",
                "**Langsam arbeiten**. Nie ruckartig.",
            ],
            "**Fieber** und ein steifer Nacken.",
            [("safety.points[1].text", "Bei Kribbeln oder Taubheit in den Armen"), ("help[1].sign", "Fieber")],
        ),
        (  # past a dash, or an opening mark ("¡"), as past a space; not past a bracket ("(Venen)")
            [
                "**Wenn es weh tut** – hören Sie auf.",
                "**Nicht über Krampfadern massieren** (dort sind die Venen empfindlich).",
                "**Bei Fieber** — 2 Tage pausieren.",
            ],
            "**Fieber** - mit steifem Nacken.",
            [("safety.points[1].text", "Wenn es weh tut"), ("safety.points[3].text", "Bei Fieber"), ("help[1].sign", "Fieber")],
        ),
    ],
)
def test_a_bold_opening_its_sentence_goes_on_from_is_warned_of_in_any_language(
    make_content, workdir, points: list[str], sign: str, expected: list[tuple[str, str]]
) -> None:
    """A German clinic's "**Bei Kribbeln oder Taubheit in den Armen** brechen Sie ab und rufen Sie uns an." printed
    "Bei Kribbeln oder Taubheit in den Armen" on the poster's safety strip, the condition without what to do, and
    nothing warned of it: only English lead-ins were read for the words after them. In a language whose words are
    not listed, a lead-in whose sentence goes on after it is warned of (after a dash too: "**Wenn es weh tut** \u2013
    hören Sie auf" was not, the words after the bold looked for only straight after it); one that ends its
    sentence is not."""
    help_signs = [{"sign": sign, "action": "call-clinic"}]
    path = make_content(language="de", safety={"title": "Bevor Sie beginnen", "points": points}, help=help_signs)
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    warned = [line for line in output.splitlines() if "[lone-lead-in]" in line]
    assert code == 0 and len(warned) == len(expected), output
    for line, (key, printed) in zip(warned, expected, strict=True):
        assert key in line and f'prints only "{printed}"' in line, output


def test_an_instruction_whose_short_form_drops_its_condition_is_warned_of(make_content, workdir) -> None:
    """ "**Massage your calf** only if it is not swollen or hot." printed "Massage your calf" on the poster's safety
    strip, and "It is fine to carry on. But stop at once if you feel sharp pain." printed "It is fine to carry on":
    instructions a patient reads as holding always, and nothing warned of them. `check` and `build` say so, quoting
    what the strip leaves out. An instruction that forbids ("**Do not press** unless…") only forbids more on its
    own; one whose sentence says how long ("until it has healed") only asks for more; a sign left broader only
    sends a patient for help sooner."""
    points = [
        "**Massage your calf** only if it is not swollen or hot.",
        "**Press firmly** unless you take blood thinners.",
        "**Use deep pressure** except near the groin.",
        "It is fine to carry on. But stop at once if you feel sharp pain.",
        "**Do not press** unless your therapist shows you how.",
        "**Keep the skin clean and dry** until the graze has healed.",
        "Go slowly. Then rest.",
        {"text": "**Press firmly** if your skin is not fragile.", "short": "Firm pressure if your skin is not fragile"},
        # found by a review: a bold sentence, a stop after the bold, a bracket, a marked word, a "not" that goes on
        "**Take it slowly.** But stop if it hurts.",
        "**Stroke upwards**. Unless your leg is swollen.",
        "**Use your knuckles** (unless your hands are sore).",
        "Keep going. *But* stop if it hurts.",
        "**Do not stop** unless it hurts.",
    ]
    help_signs = [{"sign": "**Calf pain** when you walk.", "action": "gp-today"}]
    path = make_content(safety={"title": "Before you start", "points": points}, help=help_signs)
    lines = path.read_text(encoding="utf-8").splitlines()
    expected = {
        1: ("Massage your calf", "its bold opening", "only if it is not swollen …"),
        2: ("Press firmly", "its bold opening", "unless you take blood thinners."),
        3: ("Use deep pressure", "its bold opening", "except near the groin."),
        4: ("It is fine to carry on", "its first sentence", "But stop at once if you …"),
        9: ("Take it slowly", "its bold opening", "But stop if it hurts."),
        10: ("Stroke upwards", "its bold opening", "Unless your leg is swollen."),
        11: ("Use your knuckles", "its bold opening", "(unless your hands are sore)."),
        12: ("Keep going", "its first sentence", "But stop if it hurts."),
        13: ("Do not stop", "its bold opening", "unless it hurts."),
    }
    said = []
    for index, (printed, what, left_out) in expected.items():
        line = next(n for n, text in enumerate(lines, 1) if points[index - 1][:20] in text.replace("'", ""))
        said.append(
            f'warning: {path}:{line}: safety.points[{index}].text: on the safety strip the poster prints only "{printed}" '
            f'for this point ({what}), without "{left_out}", so it reads as holding always: give `short:` with the whole '
            "instruction, its condition too [lone-lead-in]"
        )
    out = str(workdir / "out")
    for command in (["check", str(path)], ["build", str(path), "--out", out, "--only", "poster"]):
        code, output = run(*command, "--brand", str(workdir / "brand.yaml"))
        assert code == 0 and [line for line in output.splitlines() if "[lone-lead-in]" in line] == said, output
    strip = flat(pdf_text(workdir / "out" / "knee-self-massage-poster.pdf"))
    assert "Massage your calf • Press firmly" in strip, strip  # what was warned of is what the poster prints
