"""Dose, schedule and currency as structured fields: their wording, what the PDFs print of them (read
back), the tracker's boxes per session, the review-date warning, and YAML 1.2 as a therapist types it."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from conftest import ROOT, example_folder, flat, pdf_text, run, write_content
from test_poster import tracker_boxes

from handouts.build import Options, build
from handouts.input.models import Frequency, Step
from handouts.input.yamlsource import read_yaml
from handouts.words.wording import Wording

WORDS = Wording()


@pytest.mark.parametrize(
    ("fields", "full", "compact"),
    [
        (
            {"sets": 3, "reps": 10, "hold": 5, "side": "each"},
            "3 sets of 10 · hold 5 seconds · each side",
            "3 × 10 · hold 5 s · each side",
        ),
        ({"sets": 1, "reps": 8}, "1 set of 8", "1 × 8"),
        ({"reps": 1}, "once", "once"),
        ({"reps": 12, "side": "left"}, "12 times · left side", "12 times · left side"),
        ({"sets": 2}, "2 sets", "2 sets"),
        ({"hold": 90, "rest": 30}, "hold 1 minute 30 seconds · rest 30 seconds", "hold 1 min 30 s · rest 30 s"),
        ({"duration": 60, "side": "both"}, "1 minute · both sides", "1 min · both sides"),
        (
            {"hold": "until you feel a gentle stretch"},
            "hold until you feel a gentle stretch",
            "hold until you feel a gentle stretch",
        ),
        ({"reps": 5, "repeat": "each way"}, "5 times · each way", "5 times · each way"),
        ({"repeat": "as often as you like"}, "as often as you like", "as often as you like"),
        ({}, "", ""),
    ],
)
def test_dose_wording(fields: dict[str, object], full: str, compact: str) -> None:
    step = Step(title="Step", text="Do it.", **fields)
    assert WORDS.dose(step).replace("\u00a0", " ") == full
    assert WORDS.dose(step, compact=True).replace("\u00a0", " ") == compact


@pytest.mark.parametrize(
    ("given", "printed"),
    [
        ({"times_a_day": 2, "days_a_week": 5}, "Twice a day, 5 days a week"),
        ({"times_a_day": 1, "days_a_week": 7}, "Once a day, every day"),
        ({"times_a_day": 3}, "3 times a day"),
        ({"days_a_week": 1}, "1 day a week"),
        ("After a warm bath", "After a warm bath"),
    ],
)
def test_frequency_wording(given: object, printed: str) -> None:
    assert WORDS.frequency(Frequency.model_validate(given)) == printed


EVERY_FIELD = {
    "routine": {
        "title": "Shoulder routine",
        "frequency": {"times_a_day": 2, "days_a_week": 5},
        "steps": [
            {"title": "Shoulder rolls", "text": "Roll your shoulders slowly.", "cue": "Roll shoulders", "sets": 3, "reps": 10},
            {
                "title": "Stretch",
                "text": "Reach across.",
                "cue": "Reach across",
                "hold": 5,
                "side": "each",
                "sets": 3,
                "reps": 10,
            },
            {"title": "Rest", "text": "Breathe out slowly.", "cue": "Breathe", "duration": 60, "rest": 30},
        ],
    },
    "published": "2026-05-09",
    "review_due": "2028-05-01",
    "version": "2.1",
    "author": "Sam Carter, massage therapist",
    "reviewed_by": "Dr Ana Ruiz, physiotherapist",
}


@pytest.fixture(scope="module")
def every_field(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The PDFs of the knee routine with every field above, built once for the tests below that read them."""
    folder = example_folder(tmp_path_factory.mktemp("every-field"))
    written = build(write_content(folder, **EVERY_FIELD), folder / "brand.yaml", Options(out=folder / "out"))
    return {p.stem.removeprefix("knee-self-massage-"): p for p in written if p.suffix == ".pdf"}


def test_a_routine_with_every_new_field_builds_all_four(every_field: dict[str, Path]) -> None:
    assert sorted(every_field) == ["handout", "handout-large-print", "poster", "poster-large-print"]


@pytest.mark.slow
def test_the_handout_prints_the_dose_schedule_and_currency(every_field: dict[str, Path]) -> None:
    text = flat(pdf_text(every_field["handout"]))
    assert "3 sets of 10 · hold 5 seconds · each side" in text
    assert "1 minute · rest 30 seconds" in text
    assert "Shoulder routine Twice a day, 5 days a week" in text  # under the routine's title
    about = text[text.rindex("About this leaflet") :]
    assert "Written by Sam Carter, massage therapist. Reviewed by Dr Ana Ruiz, physiotherapist." in about
    assert "Version 2.1, published 9 May 2026. Next review due May 2028." in about
    assert "Also available in large print: ask at reception." in text
    with pdfplumber.open(every_field["handout"]) as pdf:
        last = flat(pdf.pages[-1].extract_text())
    assert "About this leaflet" in last  # on the last page
    assert "Also available in large print" not in flat(pdf_text(every_field["handout-large-print"]))


def test_the_poster_prints_the_compact_dose_schedule_and_currency(every_field: dict[str, Path]) -> None:
    text = flat(pdf_text(every_field["poster"]))
    # In drawing order (each step's lines together, whatever is printed beside them).
    steps = flat(pypdf.PdfReader(every_field["poster"]).pages[0].extract_text())
    assert "Reach across – 3 × 10 · hold 5 s · each side" in steps, steps
    assert "Breathe – 1 min · rest 30 s" in steps
    assert "Twice a day, 5 days a week" in text
    assert "Version 2.1 · May 2026 · review due May 2028" in text
    with pdfplumber.open(every_field["poster"]) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"] == "V"]
    assert min(c["size"] for c in chars) < 14  # small type


def test_twice_a_day_gives_a_tick_box_per_session(every_field: dict[str, Path]) -> None:
    assert len(tracker_boxes(every_field["poster"])) == 2 * 2 * 7  # two weeks, two sessions a day, seven days
    assert "Tick a box each time you do it" in flat(pdf_text(every_field["poster"]))


def test_the_pdfs_are_dated_when_published(every_field: dict[str, Path]) -> None:
    for path in every_field.values():
        created = pypdf.PdfReader(path).metadata.creation_date
        assert created is not None and created.date() == datetime.date(2026, 5, 9), path.name


@pytest.mark.slow
def test_a_feedback_line_from_the_brand(make_content, workdir: Path) -> None:
    brand = workdir / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    brand.write_text(text + "large_print_note: Large print? Ask Sam.\n", encoding="utf-8")
    (path,) = build(workdir / "content.yaml", brand, Options(out=workdir / "out", only=("handout", "handout-large-print")))[:1]
    printed = flat(pdf_text(path))
    assert "Tell us what you think of this leaflet at reception, or email hello@example.com." in printed
    assert "Large print? Ask Sam." in printed
    brand.write_text(text + "large_print_note: false\n", encoding="utf-8")
    (path,) = build(workdir / "content.yaml", brand, Options(out=workdir / "out", only=("handout", "handout-large-print")))[:1]
    assert "large print" not in flat(pdf_text(path)).lower()


@pytest.mark.slow
def test_check_warns_when_the_review_date_has_passed(make_content, workdir: Path) -> None:
    path = make_content(published="2020-01-01", review_due="2022-01-01")
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    assert code == 0
    line = next(line for line in output.splitlines() if "review date" in line)
    assert line.startswith(f"warning: {path}:") and "review_due: the review date 2022-01-01 has passed" in line
    code, _ = run("check", str(path), "--brand", str(workdir / "brand.yaml"), "--strict")
    assert code == 1
    future = make_content(published="2026-01-01", review_due="2099-01-01")
    assert "review date" not in run("check", str(future), "--brand", str(workdir / "brand.yaml"))[1]


# -- YAML 1.2, as a therapist types it ------------------------------------------------------------------


@pytest.mark.parametrize("field", ["hold", "rest", "duration"])
@pytest.mark.parametrize(("given", "said"), [("", "must not be empty"), ("\u200b", "has only characters that print nothing")])
def test_seconds_given_as_empty_words_are_one_line(make_content, workdir: Path, field: str, given: str, said: str) -> None:
    """`duration: ""` was said twice, in pydantic's words and key paths:
    `duration.function-after[_non_blank(), str]: must not be empty` and `duration.int: Input should be a valid
    integer`."""
    steps = [{"title": "Warm up", "text": "Move gently.", field: given}]
    make_content(routine={"title": "Steps", "steps": steps})
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--only", "handout")
    errors = [line for line in output.splitlines() if line.startswith("error: ")]
    assert code == 1 and len(errors) == 1, output
    assert f": routine.steps[1].{field}: {said}" in errors[0], errors


def in_quotes(path: Path, given: str) -> None:
    """Write `given` in double quotes where the file has GIVEN (YAML 1.1, which wrote it, leaves 1e3 unquoted)."""
    path.write_text(path.read_text(encoding="utf-8").replace("GIVEN", f'"{given}"'), encoding="utf-8")


@pytest.mark.parametrize(("field", "high"), [("hold", 600), ("rest", 600), ("duration", 3600)])
@pytest.mark.parametrize("given", ["30", " 30 ", "+5", "0x1A"])
def test_seconds_given_as_a_number_in_quotes_are_refused(make_content, workdir: Path, field: str, high: int, given: str) -> None:
    """`hold: "30"` printed "hold 30", where `hold: 30` prints "hold 30 seconds": a number in quotes is text, so
    it was taken for words and printed with no unit (and `hold: "-5"` as "hold -5"), where `reps: "10"` is
    refused."""
    steps = [{"title": "Warm up", "text": "Move gently.", field: "GIVEN"}]
    in_quotes(make_content(routine={"title": "Steps", "steps": steps}), given)
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--only", "handout")
    errors = [line for line in output.splitlines() if line.startswith("error: ")]
    assert code == 1 and len(errors) == 1, output
    said = f"expected a whole number of seconds from 1 to {high}, got {given!r} in quotes, which makes it text: write"
    assert f": routine.steps[1].{field}: {said}" in errors[0], errors


INFINITY = "infinity (a number too large to use)"
STEP_FIELDS = [("hold", "whole number of seconds from 1 to 600"), ("reps", "whole number of repetitions from 1 to 100")]
STEP_FIELDS += [("repeat", "whole count (5) or words ('5 times each side')")]
STEP_FIELDS += [("during", "whole number from 0 (no pain) to 10 (worst pain)")]


def _dose_field(make_content: Callable[..., Path], field: str, value: str) -> Path:
    """The routine with `field` (a step's, or `during`, the discomfort's) typed as `value`, as YAML text."""
    if field == "during":
        path = make_content(discomfort={"during": "GIVEN"})
    else:
        path = make_content(routine={"title": "Steps", "steps": [{"title": "Warm up", "text": "Move gently.", field: "GIVEN"}]})
    path.write_text(path.read_text(encoding="utf-8").replace("GIVEN", value), encoding="utf-8")
    return path


@pytest.mark.parametrize(("field", "expected"), STEP_FIELDS)
@pytest.mark.parametrize("given", ["-5", "1.5", "30.", ".5", "1e3", "5e0", "11", ".inf", "-.inf", ".nan", "1e400"])
def test_a_number_in_quotes_is_told_to_lose_them_only_where_it_is_taken_without(
    make_content, workdir: Path, field: str, expected: str, given: str
) -> None:
    """`hold: ".inf"` was told to write the number without quotes, and `hold: .inf` then that it "got a number
    (inf)": the first advice led to a second error. A number in quotes that is refused without them too is told
    what the field takes, not to drop the quotes; where the advice is given, following it leads to no error."""
    path = _dose_field(make_content, field, f'"{given}"')
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"), "--only", "handout")
    (error,) = [line.split(": ", 3)[3] for line in output.splitlines() if line.startswith("error: ")]  # after the key
    if "write the number without quotes" in error:
        code, output = run("check", str(_dose_field(make_content, field, given)), "--brand", str(workdir / "brand.yaml"))
        assert code == 0, f"{error}\nthen, without quotes:\n{output}"
    else:
        assert code == 1 and error == f"expected a {expected}, got {given!r}", error


@pytest.mark.parametrize(("field", "expected"), STEP_FIELDS)
@pytest.mark.parametrize(
    ("given", "said"),
    [(".inf", INFINITY), ("1e400", INFINITY), ("-.inf", f"minus {INFINITY}"), (".nan", "not a number (.nan)")],
)
def test_a_number_that_is_not_finite_says_what_the_field_takes(
    make_content, workdir: Path, field: str, expected: str, given: str, said: str
) -> None:
    """`hold: .inf` (or `1e400`, which YAML reads as infinity) said "got a number (inf)": a therapist is told it
    was read as infinity, beside what the field takes, and not to put it in quotes."""
    path = _dose_field(make_content, field, given)
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"), "--only", "handout")
    (error,) = [line.split(": ", 3)[3] for line in output.splitlines() if line.startswith("error: ")]  # after the key
    assert code == 1 and error == f"expected a {expected}, got {said}", error


@pytest.mark.parametrize(("given", "said"), [(".inf", "infinity"), ("1e400", "infinity"), (".nan", "not a number")])
def test_a_frequency_that_is_not_finite_is_refused(make_content, workdir: Path, given: str, said: str) -> None:
    """`frequency: .inf` printed "inf" under the routine's title, where `frequency: 2.5` is refused."""
    path = make_content(routine={"title": "Steps", "frequency": "GIVEN", "steps": [{"title": "Warm up", "text": "Move."}]})
    path.write_text(path.read_text(encoding="utf-8").replace("GIVEN", given), encoding="utf-8")
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"), "--only", "handout")
    assert code == 1 and f"routine.frequency: {said}" in output and "does not say how often: write it in words" in output


def test_digits_yaml_reads_as_text_unquoted_are_not_said_to_be_in_quotes(make_content, workdir: Path) -> None:
    """`reps: ٣٠` (Arabic-Indic digits, as typed with an Arabic keyboard) is text to YAML without quotes: it was
    told to write the number without the quotes it did not have."""
    path = make_content(routine={"title": "Steps", "steps": [{"title": "Warm up", "text": "Move gently.", "reps": 1}]})
    path.write_text(path.read_text(encoding="utf-8").replace("reps: 1", "reps: \u0663\u0660"), encoding="utf-8")
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"), "--only", "handout")
    said = "routine.steps[1].reps: expected a whole number of repetitions from 1 to 100, got '\u0663\u0660': write one number"
    assert code == 1 and said in output, output


REPEAT_SAID = "expected a whole count (5) or words ('5 times each side'), got {given!r} in quotes, which"
REPS_SAID = "expected a whole number of repetitions from 1 to 100, got {given!r} in quotes, which"


@pytest.mark.parametrize(
    ("key", "given", "said"),
    [("repeat", given, REPEAT_SAID) for given in ("5", "+5", "0x5")]
    + [("reps", given, REPS_SAID) for given in ("+10", "0xA", "1_0")],
)
def test_a_count_given_as_a_number_yaml_reads_unquoted_is_said_to_be_in_quotes(
    make_content, workdir: Path, key: str, given: str, said: str
) -> None:
    """`repeat: "5"` printed "5", where `repeat: 5` prints "5 times"; `"+5"`, which YAML reads as a number
    unquoted too, passed as words; `reps: "+10"` is one number alone, in quotes. (One refused without quotes as
    well, `"5e0"` or `"10."`, is told what the field takes instead: see above.)"""
    steps = [{"title": "Warm up", "text": "Move gently.", key: "GIVEN"}]
    in_quotes(make_content(routine={"title": "Steps", "steps": steps}), given)
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--only", "handout")
    assert code == 1 and f"routine.steps[1].{key}: " + said.format(given=given) in output, output


@pytest.mark.parametrize("given", ["30 s", "30-45 s", "1:30", "30 seconds or so"])
def test_a_hold_in_words_that_start_with_a_number_prints_as_written(make_content, workdir: Path, given: str) -> None:
    """Words are not numbers: only what YAML reads as a number unquoted is refused in quotes."""
    steps = [{"title": "Warm up", "text": "Move gently.", "hold": given}]
    make_content(routine={"title": "Steps", "steps": steps})
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--only", "handout")
    assert code == 0 and "in quotes" not in output, output


@pytest.mark.parametrize(
    ("given", "key", "typed"),
    [(2, "frequency", "frequency: 2"), ("2", "frequency", "frequency: '2'"), ({"text": "2"}, "frequency.text", "  text: '2'")],
)
def test_a_frequency_that_is_a_number_alone_is_refused(make_content, workdir: Path, given: object, key: str, typed: str) -> None:
    """`frequency: 2` was "expected text, got a number (2): put it in quotes if it is text", and `frequency: "2"`
    printed a bare "2" under the routine's title. Said at the key as typed: `frequency: 2` was said to be at
    `routine.frequency.text`, a key the author never wrote."""
    path = make_content(routine={"title": "Steps", "frequency": given, "steps": [{"title": "Warm up", "text": "Move gently."}]})
    line = path.read_text(encoding="utf-8").splitlines().index(f"  {typed}") + 1
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"), "--only", "handout")
    said = f":{line}: routine.{key}: a number alone ('2') does not say how often: write it in words ('2 days a week'), or"
    assert code == 1 and said in output, output


def test_a_frequency_that_is_a_decimal_alone_is_refused_as_a_number_alone(make_content, workdir: Path) -> None:
    """`frequency: 2.5` was told to put it in quotes if it is text; `"2.5"` then was refused as a number alone:
    the first advice led to a second error. Both say the number alone does not say how often."""
    make_content(routine={"title": "Steps", "frequency": 2.5, "steps": [{"title": "Warm up", "text": "Move gently."}]})
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--only", "handout")
    said = "routine.frequency: a number alone ('2.5') does not say how often: write it in words ('2 days a week')"
    assert code == 1 and said in output and "in quotes" not in output, output


def test_yaml_1_2_keeps_times_and_words_as_text(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("repeat: 1:30\nanswer: no\nswitch: on\nversion: 1.10\nphone: 0117496\nreps: 10\n", encoding="utf-8")
    data = read_yaml(path).data
    assert data == {"repeat": "1:30", "answer": "no", "switch": "on", "version": "1.10", "phone": "0117496", "reps": 10}


def test_a_repeat_of_1_30_prints_as_written(make_content, workdir: Path) -> None:
    path = make_content(routine={"title": "R", "steps": [{"title": "Hold", "text": "Hold it.", "repeat": "1:30"}]})
    path.write_text(path.read_text(encoding="utf-8").replace("'1:30'", "1:30"), encoding="utf-8")
    assert "repeat: 1:30\n" in path.read_text(encoding="utf-8")
    (pdf,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",)))
    assert "1:30" in pdf_text(pdf) and "90 times" not in pdf_text(pdf)


def test_bullets_in_a_folded_block_are_a_warning(make_content, workdir: Path) -> None:
    path = make_content()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("finish: ", "finish: >\n  - Rest.\n  - Get up slowly.\nunused: ", 1), encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("\nunused: ", "\n# ", 1), encoding="utf-8")
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    assert code == 0, output
    assert "finish: bullets in a '>' block are joined into one line: this text prints as one paragraph" in output
    # said with its kind, which --suppress silences (it had none: it could be neither named nor silenced)
    assert "write each point as a sentence of its own [folded-bullets]" in output, output
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"), "--suppress", "folded-bullets")
    assert code == 0 and "joined into one line" not in output, output


def test_the_handouts_dose_line_breaks_between_its_phrases_never_inside_one(make_content, workdir: Path) -> None:
    """Beside a picture the dose line wraps: "3 sets of 20 · hold 5 seconds · each" then "side" split a phrase
    the engine wrote; it breaks after a dot. The author's own words (`repeat`, a hold in words) still wrap."""
    shutil.copytree(ROOT / "examples" / "shoulder-rolls" / "pictures", workdir / "pictures")
    text = "Do the hamstring curls slowly and with control. Keep your back straight and breathe out as you push."
    step = {"title": "Hamstring curls", "text": text, "sets": 3, "reps": 20, "hold": 5, "side": "each"}
    step |= {"image": "pictures/roll-back.svg", "alt": "A person on a stool."}
    phrases = {"3 sets of 20", "hold 5 seconds", "each side"}
    content = make_content(routine={"steps": [step]})
    (path,) = build(content, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",)))
    with pdfplumber.open(path) as pdf:
        lines = [flat(line["text"]) for page in pdf.pages for line in page.extract_text_lines()]
    dose = [line for line in lines if any(word in line for word in ("sets of", "hold", "side", "seconds"))]
    assert len(dose) >= 2, dose  # it wraps, beside the picture
    pieces = [piece.strip() for line in dose for piece in line.split("·") if piece.strip()]
    assert set(pieces) == phrases, dose


def test_a_repeat_given_as_a_decimal_is_refused_as_a_count(make_content, workdir: Path) -> None:
    """`repeat: 2.5` was told to put it in quotes if it is text, and `"2.5"` to write the number without quotes:
    each advice led to the other error. It is now said to need a whole count or words."""
    make_content(routine={"title": "Steps", "steps": [{"title": "Warm up", "text": "Move gently.", "repeat": 2.5}]})
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--only", "handout")
    said = "].repeat: expected a whole count (5) or words ('5 times each side'), got a number (2.5)"
    assert code == 1 and said in output and "quotes" not in output, output


# A number beside a space YAML does not strip, as typed in the file, the text YAML reads from it, and how the
# error names the odd character.
NBSP_NAMED = "a no-break space (U+00A0)"
ODD_SPACES = [
    ('"5\u00a0"', "5\u00a0", NBSP_NAMED),
    ("5\u00a0", "5\u00a0", NBSP_NAMED),
    ('"5\\x1f"', "5\x1f", "a control character (U+001F)"),
]


@pytest.mark.parametrize(("field", "expected"), STEP_FIELDS)
@pytest.mark.parametrize(("typed", "read", "named"), ODD_SPACES)
def test_a_number_beside_an_odd_space_is_refused_as_typed(
    make_content, workdir: Path, field: str, expected: str, typed: str, read: str, named: str
) -> None:
    """`hold: "5 "` with a no-break space (as a word processor pastes it) looks like a number in quotes, but YAML
    reads it as text without the quotes too: the check of what it would be unquoted was asked again of the same
    text, without end, and the build stopped with a traceback (the content fuzz, a `repeat` of '0b00' and a
    no-break space); a control character typed as an escape (`"5\\x1f"`) stopped it with YAML's own traceback.
    Each is refused with the text as read and its odd character named, and is not told to drop quotes that
    would change nothing."""
    path = _dose_field(make_content, field, typed)
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"), "--only", "handout")
    (error,) = [line.split(": ", 3)[3] for line in output.splitlines() if line.startswith("error: ")]  # after the key
    said = f"expected a {expected}, got {read!r}, which has {named} beside the number: type a plain space, or none"
    assert code == 1 and error == said, output


def test_a_side_or_an_action_typed_with_capitals_is_read_as_the_word(make_content, workdir: Path) -> None:
    """A step's "side: Left" and a sign's "action: Emergency " (a capital, a space after it, as a word processor leaves them) were
    refused, "expected one of 'each', 'left', 'right' or 'both', got 'Left'"; they print as "left" and "emergency"
    do, and a word that is none of them is still refused as typed."""
    signs = [{"sign": "You have chest pain or you are short of breath.", "action": "Emergency "}]
    step = {"title": "Calf strokes", "text": "Stroke up the calf.", "reps": 12, "side": "Left"}
    content = make_content(routine={"steps": [step]}, help=signs)
    (path,) = build(content, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",)))
    text = pdf_text(path)
    assert "12 times · left side" in text.replace("\u00a0", " ")
    assert "Call 999 now" in text, text
    step["side"] = "Lefty"
    code, output = run("check", str(make_content(routine={"steps": [step]})), "--brand", str(workdir / "brand.yaml"))
    assert code == 1 and "expected one of 'each', 'left', 'right' or 'both', got 'Lefty' (did you mean 'left'?)" in output, output
    signs[0]["action"] = "emergancy"  # misspelt: the word meant, as a key misspelt is told; a word near none, not
    step["side"] = "middle"
    code, output = run("check", str(make_content(routine={"steps": [step]}, help=signs)), "--brand", str(workdir / "brand.yaml"))
    assert code == 1 and "got 'emergancy' (did you mean 'emergency'?)" in output, output
    assert "got 'middle'\n" in output, output
