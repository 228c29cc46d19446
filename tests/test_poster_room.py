"""What a poster that cannot fit says takes its room: the steps' cues, or the safety points and the warning signs
when they take more of the page than the steps, with the line to shorten first and by how much, measured as the
poster is laid out. Following that advice makes the poster fit; a line less of it does not. A poster that fits only by
leaving out its extras names them by the same measure in its warning."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import pdf_text

from handouts.cli import main
from handouts.pdf.poster.document import Shortfall, Strip

TEXT = (  # words to make cues, safety points and signs of
    "gently stroke the calf and thigh upwards from the ankle towards the knee and stop if the leg feels hot "
    "swollen sore or numb then rest before you carry on with the next part of the routine"
)


def sentence(words: int, offset: int = 0) -> str:
    """A sentence of `words` words (the poster prints a point's or a sign's first sentence whole)."""
    return " ".join((TEXT.split() * 4)[offset : offset + words]).capitalize() + "."


def routine(cue_words: int, point_words: list[int], sign_words: list[int]) -> dict[str, Any]:
    """Overrides of the knee routine: twelve steps with cues of `cue_words` words, a safety point of each of
    `point_words` words and a warning sign of each of `sign_words` words, their actions in turn."""
    actions = ["call-clinic", "gp-today", "emergency"]
    steps = [{"title": f"Step {n}", "text": "Do it gently.", "cue": sentence(cue_words, n)} for n in range(1, 13)]
    return {
        "routine": {"title": "The routine", "steps": steps},
        "safety": {"title": "Before you start", "points": [sentence(words, n) for n, words in enumerate(point_words)]},
        "help": [{"sign": sentence(words, n), "action": actions[n % 3]} for n, words in enumerate(sign_words)],
    }


SIGNS_LONGEST = routine(3, [14] * 6, [34, 32, 36, 48, 33, 35, 31, 37, 34])  # sign 4 is the longest
POINTS_LONGEST = routine(3, [46, 44, 48, 45, 62, 47, 43, 46], [6, 7, 5])  # point 5 is the longest
STRIP = re.compile(
    r"the poster does not fit on one page even with step text at 14 pt: the (?P<part>warning signs|safety points) "
    r"take \d+% of the page \((?P<lines>\d+) lines\).*\. Shorten the (?P=part) by (?P<fewer>\d+) lines? "
    r"\(the longest is (?:sign|point) (?P<item>\d+)'s\)"
)


def poster(path: Path, workdir: Path, command: str = "build") -> tuple[int, str]:
    """The exit code and output of building the standard poster of `path` (or checking it)."""
    args = [command, str(path), "--brand", str(workdir / "brand.yaml")]
    args += ["--out", str(workdir / "out"), "--only", "poster"] if command == "build" else []
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def line_of_item(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.mark.parametrize(
    ("overrides", "part", "key", "item"),
    [(SIGNS_LONGEST, "warning signs", "help", 4), (POINTS_LONGEST, "safety points", "safety.points", 5)],
    ids=["signs", "points"],
)
def test_long_strips_over_short_cues_name_the_strip_and_by_how_much(
    make_content: Callable[..., Path], workdir: Path, overrides: dict[str, Any], part: str, key: str, item: int
) -> None:
    """Short cues under long safety points and warning signs: the error said the steps needed more room and to
    shorten the cues. It names the strip that takes the most of the page, the line of its longest item, and how
    many lines fewer make the poster fit; build and check say the same, on one line."""
    path = make_content(**overrides)
    code, output = poster(path, workdir)
    assert code == 1
    assert len(output.strip().splitlines()) == 1, output
    found = STRIP.search(output)
    assert found is not None, output
    assert (found["part"], int(found["item"])) == (part, item)
    items = [sign["sign"] for sign in overrides["help"]] if key == "help" else overrides["safety"]["points"]
    longest = items[item - 1]
    line = line_of_item(path, f"{'sign: ' if key == 'help' else '- '}{longest[:30]}")
    assert output.startswith(f"error: {path}:{line}: {key}[{item}]: "), output
    assert "Shorten the cues" not in output
    code, checked = poster(path, workdir, "check")
    assert code == 1
    assert [line for line in checked.splitlines() if line.startswith("error")] == [output.strip()]

    # Following the advice: the longest item shortened a word at a time from its end, as far as the poster needs.
    lines, fewer = int(found["lines"]), int(found["fewer"])

    def shortened(words: int) -> tuple[int, str]:
        text = " ".join(longest.split()[:-words]) + "." if words else longest
        changed = [text if at == item - 1 else each for at, each in enumerate(items)]
        if key == "help":
            changed = [{**sign, "sign": each} for sign, each in zip(overrides["help"], changed, strict=True)]
            return poster(make_content(**{**overrides, "help": changed}), workdir)
        return poster(make_content(**{**overrides, "safety": {**overrides["safety"], "points": changed}}), workdir)

    low, high = 0, len(longest.split()) - 1  # the least words left out that make it fit: more than low, high at most
    assert shortened(high)[0] == 0, "the longest item alone cannot give the lines the error asks for"
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if shortened(middle)[0] == 0 else (middle, high)
    code, output = shortened(high)
    assert code == 0, output
    assert "routine" in pdf_text(workdir / "out" / "knee-self-massage-poster.pdf").lower()
    code, output = shortened(high - 1)  # a word more: the strip is a line longer, and the poster does not fit
    still = STRIP.search(output)
    assert code == 1 and still is not None, output
    assert int(still["lines"]) == lines - fewer + 1, output
    assert int(still["fewer"]) == 1, output


def test_a_long_count_is_named_as_the_line_to_shorten(make_content: Callable[..., Path], workdir: Path) -> None:
    """A count (`repeat`) of a hundred words after step 7's cue of three is what takes the room: the error named
    step 1, the longest cue, and its line, as the one to shorten. It names step 7's count and its line, in check
    as in build."""
    overrides = routine(30, [5, 6], [4, 5, 6])
    overrides["routine"]["steps"][6] |= {"cue": sentence(3, 20), "repeat": sentence(100, 40)}
    path = make_content(**overrides)
    code, output = poster(path, workdir)
    assert code == 1
    line = line_of_item(path, f"repeat: {sentence(100, 40)[:30]}")
    assert output.startswith(f"error: {path}:{line}: routine.steps[7].repeat: the poster does not fit on one page"), output
    assert "Shorten the cues (the longest is step 7's)" in output, output
    code, checked = poster(path, workdir, "check")
    assert [line for line in checked.splitlines() if line.startswith("error")] == [output.strip()]


def test_long_cues_under_short_strips_keep_the_cues_message(make_content: Callable[..., Path], workdir: Path) -> None:
    """The converse: long cues under a short safety strip and few short signs are what take the room, and the
    error says so as it did: how much room the steps need, and the longest cue's line."""
    overrides = routine(30, [5, 6], [4, 5, 6])
    overrides["routine"]["steps"][6]["cue"] = sentence(38, 20)  # step 7's is the longest
    path = make_content(**overrides)
    code, output = poster(path, workdir)
    assert code == 1
    line = line_of_item(path, f"cue: {sentence(38, 20)[:30]}")
    assert output.startswith(
        f"error: {path}:{line}: routine.steps[7].cue: the poster does not fit on one page even with step text at 14 "
        "pt: the steps need about "
    ), output
    assert re.search(r"need about \d+% of the room there is\. Shorten the cues \(the longest is step 7's\)", output)
    assert "warning signs" not in output and "safety points" not in output
    code, checked = poster(path, workdir, "check")
    assert [line for line in checked.splitlines() if line.startswith("error")] == [output.strip()]


def test_strips_give_lines_in_turn_the_tallest_first() -> None:
    """When the tallest strip cannot give all the room the steps lack (it keeps a line a row), the next gives the
    rest; the lines asked for give more room than is lacking, by less than a line of each."""
    signs, points = Strip("help", 200.0, 10, 16.0, 4), Strip("safety", 150.0, 8, 15.0, 1)
    short = Shortfall(842.0, 100.0, 120.0, (points, signs))
    assert short.strips_first
    cuts, enough = short.cuts()
    assert cuts == [(signs, 6), (points, 2)] and enough  # 96 + 30 > 120
    cuts, enough = Shortfall(842.0, 100.0, 40.0, (points, signs)).cuts()
    assert cuts == [(signs, 3)] and enough
    cuts, enough = Shortfall(842.0, 100.0, 300.0, (points, signs)).cuts()
    assert cuts == [(signs, 6), (points, 7)] and not enough
    assert not Shortfall(842.0, 400.0, 40.0, (points, signs)).strips_first


def test_the_lines_to_cut_are_counted_where_the_least_of_the_strips_goes(
    make_content: Callable[..., Path], workdir: Path
) -> None:
    """Long safety points over short cues, on a portrait poster that may turn to landscape to fit: the landscape
    page lacked the steps a few points less room, and its wider strip took 11 lines, so the error asked for 10 of
    them to go, nine tenths of the points' words, where points of a fifth of their words fit. The lines to cut are
    counted in the layout where they are the least share of the strips."""
    overrides = routine(7, [40] * 7, [14] * 12)
    code, output = poster(make_content(**overrides), workdir)
    found = STRIP.search(output)
    assert code == 1 and found is not None and found["part"] == "safety points", output
    kept = (int(found["lines"]) - int(found["fewer"])) / int(found["lines"])
    shorter = routine(7, [8] * 7, [14] * 12)  # a fifth of each point's words
    code, built = poster(make_content(**shorter), workdir)
    assert code == 0, built
    assert kept >= 8 / 40, output


def longer(overrides: dict[str, Any], key: str, item: int, words: int) -> dict[str, Any]:
    """`overrides` with its warning sign (`key` "help") or safety point `item` (from 1) of `words` words."""
    changed = copy.deepcopy(overrides)
    if key == "help":
        changed["help"][item - 1]["sign"] = sentence(words, item)
    else:
        changed["safety"]["points"][item - 1] = sentence(words, item)
    return changed


def extras_warnings(path: Path, workdir: Path, paper: str) -> list[str]:
    """The poster-extras warnings of building both posters of `path` on `paper` (the large-print one may not fit);
    check says the same."""
    args = [str(path), "--brand", str(workdir / "brand.yaml"), "--paper", paper]
    built = CliRunner().invoke(
        main, ["build", *args, "--out", str(workdir / "out"), "--only", "poster", "--only", "poster-large-print"]
    )
    checked = CliRunner().invoke(main, ["check", *args])
    assert checked.exit_code == 0, checked.output
    said = [line for line in built.output.splitlines() if line.endswith("[poster-extras]")]
    assert said == [line for line in checked.output.splitlines() if line.endswith("[poster-extras]")], checked.output
    return said


@pytest.mark.parametrize(
    ("overrides", "paper", "key", "item", "profiles"),
    [
        (longer(routine(3, [14] * 6, [20] * 9), "help", 4, 24), "A4", "help", 4, ["standard", "large-print"]),
        (longer(routine(3, [14] * 6, [20] * 9), "help", 4, 24), "letter", "help", 4, ["standard", "large-print"]),
        (longer(routine(3, [40] * 6, [6, 7, 5]), "safety.points", 5, 46), "A4", "safety.points", 5, ["standard"]),
    ],
    ids=["signs", "signs-letter", "points"],
)
def test_a_poster_leaving_out_its_extras_for_long_strips_names_the_strip(
    make_content: Callable[..., Path],
    workdir: Path,
    overrides: dict[str, Any],
    paper: str,
    key: str,
    item: int,
    profiles: list[str],
) -> None:
    """3-word cues under long warning signs or safety points: the poster fits by leaving out its tracker (large
    print its QR code too), and its warning told the therapist that shorter cues (the longest is step 5's) leave
    more room. It names the strip that takes more of the page than the steps, as the error of a poster that does
    not fit does, and the line of its longest item; one line, build and check saying the same."""
    path = make_content(**overrides)
    said = extras_warnings(path, workdir, paper)
    assert [re.search(r"the ([\w-]+) poster leaves out", line)[1] for line in said] == profiles, said  # type: ignore[index]
    part, kind = ("warning signs", "sign") if key == "help" else ("safety points", "point")
    items = [sign["sign"] for sign in overrides["help"]] if key == "help" else overrides["safety"]["points"]
    line = line_of_item(path, f"{'sign: ' if key == 'help' else '- '}{items[item - 1][:30]}")
    for warning in said:
        assert warning.startswith(f"warning: {path}:{line}: {key}[{item}]: the "), warning
        assert "leaves out the tick-box tracker" in warning, warning
        assert f": the {part} take more of the page than the steps; shorten the {part} (the longest is {kind} {item}'s)" in (
            warning
        ), warning
        assert "cues" not in warning, warning


def test_a_poster_leaving_out_its_extras_for_long_cues_names_the_cues(make_content: Callable[..., Path], workdir: Path) -> None:
    """The converse: long cues under a short safety strip and few short signs, the poster leaving out its tracker
    to fit: its warning names the longest cue as it did, and no strip."""
    overrides = routine(16, [5, 6], [4, 5, 6])
    overrides["routine"]["steps"][6]["cue"] = sentence(22, 20)  # step 7's is the longest
    path = make_content(**overrides)
    (said,) = extras_warnings(path, workdir, "A4")
    assert said.startswith(f"warning: {path}: the standard poster leaves out the tick-box tracker"), said
    assert said.endswith(": shorter cues (the longest is step 7's) or fewer steps leave more room for them [poster-extras]")
    assert "warning signs" not in said and "safety points" not in said
