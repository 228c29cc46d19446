"""Lines typed as a list's items: a section's body prints them as a list (read back from the PDF and the HTML
copy); every other text prints them joined into one line, and `check` and `build` both say so, with advice
that works there (a '|' block does not make a step's text a list)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, pdf_text, run

STEP = """    - title: Get comfortable
      text: >-
        Sit on a firm bed"""
BODY = """    body: >-
      To massage yourself"""
STEP_ADVICE = "write each point as a sentence, or make each point a step of its own [folded-bullets]"


def _write(workdir: Path, step: str | None = None, body: str | None = None, finish: str | None = None) -> Path:
    """The knee routine with step 2's text, the section "Doing it yourself"'s body or `finish` begun as given."""
    path = workdir / "content.yaml"
    text = (ROOT / "content.yaml").read_text(encoding="utf-8")
    for old, new in ((STEP, step), (BODY, body)):
        if new is not None:
            assert old in text
            text = text.replace(old, new, 1)
    if finish is not None:
        text = re.sub(r"(?m)^finish: >-\n(  .*\n)+", finish, text)
    path.write_text(text, encoding="utf-8")
    return path


def _said(command: str, path: Path, workdir: Path) -> list[str]:
    args = [command, str(path), "--brand", str(workdir / "brand.yaml")]
    if command == "build":
        args += ["--out", str(workdir / "out"), "--only", "handout", "--only", "handout-html"]
    code, output = run(*args)
    assert code == 0, output
    return [line for line in output.splitlines() if "[folded-bullets]" in line]


def test_a_list_in_a_steps_text_is_warned_of_and_one_in_a_sections_body_prints_as_a_list(workdir: Path) -> None:
    """A '|' block keeps a step's lines, but the step's text is one paragraph: its bullets print on one line,
    and the warning used to be silent there; the body's '|' list prints item by item, unwarned."""
    step = "    - title: Get comfortable\n      text: |\n        Breathe slowly.\n        - Point one: sit up.\n"
    step += "        - Point two: relax.\n        Sit on a firm bed"
    body = "    body: |\n      Before you start:\n      - Read the steps.\n      - Find a firm chair.\n\n"
    body += "      To massage yourself"
    path = _write(workdir, step=step, body=body)
    line = path.read_text(encoding="utf-8").splitlines().index("      text: |") + 1  # the step's text, as typed
    for command in ("check", "build"):
        (said,) = _said(command, path, workdir)
        assert f":{line}: routine.steps[2].text: bullets in a '|' block are joined into one line: " in said, said
        assert "a step's text prints as one paragraph (only a section's body prints a list): " + STEP_ADVICE in said
    printed = pdf_text(workdir / "out" / "knee-self-massage-handout.pdf")
    assert "Breathe slowly. - Point one: sit up. - Point two: relax." in " ".join(printed.split()), printed
    lines = printed.splitlines()
    start = lines.index("Before you start:")
    assert lines[start + 1 : start + 3] == ["• Read the steps.", "• Find a firm chair."], lines[start : start + 3]
    html = (workdir / "out" / "knee-self-massage-handout.html").read_text(encoding="utf-8")
    assert re.search(r"<ul>\s*<li>Read the steps\.\s*</li>\s*<li>Find a firm chair\.\s*</li>\s*</ul>", html)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Sit up.\n        - First this.\n        - Then that.\n        Sit on a firm bed", "in a text over several lines"),
        ("Sit up.\n        1. First this.\n        2) Then that.\n        Sit on a firm bed", "in a text over several lines"),
        (">-\n        Sit up.\n        1. First this.\n        1. Then that.\n        Sit on a firm bed", "in a '>' block"),
        ('"Sit up.\n        * First this.\n        * Then that.\n        Sit on a firm bed', "in a text over several lines"),
        (">-\n        Sit up.\n        - First this.\n        - Then that.\n        Sit on a firm bed", "in a '>' block"),
    ],
    ids=["plain", "numbered", "all-ones", "quoted", "folded"],
)
def test_bullets_in_a_step_are_warned_of_however_the_text_is_written(workdir: Path, text: str, where: str) -> None:
    step = f"    - title: Get comfortable\n      text: {text}"
    path = _write(workdir, step=step + ('"' if text.startswith('"') else ""))
    if text.startswith('"'):  # the quote closes after the step's last line
        content = path.read_text(encoding="utf-8")
        content = content.replace('Sit on a firm bed"', "Sit on a firm bed", 1)
        content = content.replace("easily\n        and safely.\n", 'easily\n        and safely."\n', 1)
        path.write_text(content, encoding="utf-8")
    (said,) = _said("check", path, workdir)
    assert f"routine.steps[2].text: bullets {where} are joined into one line: " in said, said
    assert "a step's text prints as one paragraph, a '|' block too (only a section's body prints a list)" in said
    assert said.endswith(STEP_ADVICE), said


@pytest.mark.parametrize(
    ("begun", "advice"),
    [
        (">", "bullets in a '>' block are joined into one line: start the block with '|' to keep each on its own"),
        ("", "bullets in a text over several lines are joined into one line: write the text as a '|' block"),
    ],
    ids=["folded", "plain"],
)
def test_a_sections_joined_list_is_told_to_use_a_literal_block_and_then_prints_as_one(
    workdir: Path, begun: str, advice: str
) -> None:
    """In a section's body (block Markdown) a '|' block is what keeps a list: the advice says so there, and
    following it prints the list."""
    joined = f"    body: {begun}\n      Before you start\n      - Read the steps.\n      - Find a firm chair.\n"
    path = _write(workdir, body=joined + "      To massage yourself")
    (said,) = _said("check", path, workdir)
    assert f"sections[4].body: {advice}" in said, said
    text = path.read_text(encoding="utf-8").replace(f"    body: {begun}\n      Before", "    body: |\n      Before")
    path.write_text(text, encoding="utf-8")
    assert _said("build", path, workdir) == []
    html = (workdir / "out" / "knee-self-massage-handout.html").read_text(encoding="utf-8")
    assert re.search(r"<li>Read the steps\.\s*</li>", html)


def test_a_list_in_the_finish_is_not_told_a_literal_block_keeps_it(workdir: Path) -> None:
    path = _write(workdir, finish="finish: |\n  All done.\n  - Rest.\n  - Get up slowly.\n")
    (said,) = _said("check", path, workdir)
    assert "finish: bullets in a '|' block are joined into one line: this text prints as one paragraph" in said
    assert said.endswith("write each point as a sentence of its own [folded-bullets]"), said


def test_one_dash_line_before_the_next_step_is_no_list(workdir: Path) -> None:
    """A '>' block ends where the next step's '- title' starts: that line is not the block's, so one line of
    the text that starts with '- ' is no list (it was counted with the next step's as two)."""
    step = "    - title: Get comfortable\n      text: >-\n        Sit on a firm bed or chair.\n        - then relax.\n"
    step += "    - title: Spare\n      text: >-\n        Sit on a firm bed"
    path = _write(workdir, step=step)
    assert _said("check", path, workdir) == []


def test_a_lead_in_whose_list_was_left_out_is_warned_of(workdir: Path) -> None:
    """The source text of the knee routine says "For milder symptoms these include;" and gives no list (lost when
    it was copied): pasted as it is, the sentence would print stopping short, unwarned."""
    path = _write(workdir)
    body = "    body: >-\n      There are many simple treatments for osteoarthritis. For milder symptoms these\n      include;\n"
    text = re.sub(r"(?m)^    body: >-\n      To massage yourself.*\n(      .*\n)+", body, path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    for command in ("check", "build"):
        args = [command, str(path), "--brand", str(workdir / "brand.yaml")]
        code, output = run(*args, *(["--out", str(workdir / "out"), "--only", "handout"] if command == "build" else []))
        said = [line for line in output.splitlines() if "[dangling-list]" in line]
        assert code == 0 and len(said) == 1, output
        assert "sections[4].body: ends with ';' as if a list followed, and none does: give its points" in said[0]


def test_a_lead_in_that_its_list_follows_in_print_is_no_dangling_list(workdir: Path) -> None:
    """The routine's intro is followed by its steps, the safety title by its points and a heading by its body:
    "Do the steps below in this order:" and "Before you start, check:" were told "none does" follow, and to end
    with a full stop, where the list is printed right under them."""
    text = (ROOT / "content.yaml").read_text(encoding="utf-8")
    text = text.replace("  title: Before you start\n", "  title: 'Before you start, check:'\n", 1)
    text = re.sub(r"(?m)^(routine:\n  title: .*\n  intro: )>-\n(    .*\n)+", r"\1'Do the steps below in this order:'\n", text)
    text = text.replace("  - heading: How hard to press\n", "  - heading: 'How hard to press:'\n", 1)
    assert text.count("check:'") == 1 and text.count("order:'") == 1 and text.count("press:'") == 1
    path = workdir / "content.yaml"
    path.write_text(text, encoding="utf-8")
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    assert code == 0 and "[dangling-list]" not in output, output


CITED_LEAD_INS = ["these include: [@nhs-dvt]", "these include; [@nhs-dvt; @nhs-cellulitis]", "**these include:**"]


@pytest.mark.parametrize("ending", CITED_LEAD_INS)
def test_a_lead_in_with_a_citation_or_emphasis_after_it_is_still_a_dangling_list(workdir: Path, ending: str) -> None:
    """A lead-in copied with its source's citation ("these include: [@nhs]") prints "these include: (NHS, 2019)",
    stopping short as much as without it, and one in bold ends with the marks: neither was warned of."""
    text = (ROOT / "content.yaml").read_text(encoding="utf-8")
    step = "    - title: Get comfortable\n      text: >-\n"
    text = re.sub(rf"(?m)^{step}(        .*\n)+", f"{step}        Sit on a firm bed. {ending}\n", text)
    assert f"Sit on a firm bed. {ending}\n" in text
    path = workdir / "content.yaml"
    path.write_text(text, encoding="utf-8")
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    said = [line for line in output.splitlines() if "[dangling-list]" in line]
    assert code == 0 and len(said) == 1 and f"routine.steps[2].text: ends with '{ending.strip('*')[13]}'" in said[0], output


def test_a_video_caption_ending_as_a_lead_in_is_told_its_link_follows(workdir: Path) -> None:
    """A caption "Watch how it is done:" printed "Watch how it is done:: example.com/knee", and was told no list
    follows it and to end with a full stop, which prints "done.: example.com/knee". It is told to leave the ':'
    out, and that prints the caption, one ':' and the link."""
    path = workdir / "content.yaml"
    text = (ROOT / "content.yaml").read_text(encoding="utf-8")
    path.write_text(text + 'video:\n  url: https://example.com/knee\n  caption: "Watch how it is done:"\n', encoding="utf-8")
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    said = [line for line in output.splitlines() if "[dangling-list]" in line]
    assert code == 0 and len(said) == 1, output
    assert "video.caption: ends as a lead-in, and the handout prints ': ' and the video's link after it: leave out" in said[0]
    path.write_text(text + 'video:\n  url: https://example.com/knee\n  caption: "Watch how it is done"\n', encoding="utf-8")
    args = ["build", str(path), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out"), "--only", "handout"]
    code, output = run(*args)
    assert code == 0 and "[dangling-list]" not in output, output
    printed = pdf_text(workdir / "out" / "knee-self-massage-handout.pdf")
    assert "Watch how it is done: https://example.com/knee" in printed and "::" not in printed, printed


def test_ordinal_numbers_a_german_text_wraps_at_are_no_list(workdir: Path) -> None:
    """German writes ordinals with a full stop ("am 1. Tag", "ab dem 3. Tag"): a '>' text that wrapped at two of
    them was told its bullets are joined, and to start the block with '|', which would print them as a list."""
    body = "    body: >-\n      Massieren Sie am\n      1. Tag nur leicht und ab dem\n      3. Tag etwas fester.\n"
    body += "      To massage yourself"
    path = _write(workdir, body=body)
    assert _said("check", path, workdir) == []


def test_a_step_text_that_leads_in_to_its_dose_is_no_dangling_list(workdir: Path) -> None:
    """A step's text "... Do this on each side of the calf:" prints with its dose line right under it ("5 times"),
    which is what it leads in to: it was told no list follows and to end with a full stop. A step with no dose
    that ends so is still told."""
    text = (ROOT / "content.yaml").read_text(encoding="utf-8")
    stop = "Stop before\n        the soft hollow at the back of your knee.\n"
    assert text.count(stop) == 1
    text = text.replace(stop, "Stop before\n        the soft hollow at the back of your knee. Do this on each side:\n")
    path = workdir / "content.yaml"
    path.write_text(text, encoding="utf-8")
    args = ["build", str(path), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out"), "--only", "handout"]
    code, output = run(*args)
    assert code == 0 and "[dangling-list]" not in output, output
    printed = pdf_text(workdir / "out" / "knee-self-massage-handout.pdf")
    assert re.search(r"Do this on each side:\s+5 times", printed), printed
    safely = "and safely.\n      cue: Sit on a firm bed or chair\n"
    assert text.count(safely) == 1
    path.write_text(text.replace(safely, "and safely. Then check:\n      cue: Sit on a firm bed or chair\n"), encoding="utf-8")
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    said = [line for line in output.splitlines() if "[dangling-list]" in line]
    assert code == 0 and len(said) == 1 and "routine.steps[2].text: ends with ':'" in said[0], output


def test_bullets_typed_as_escaped_line_breaks_in_quotes_are_warned_of(workdir: Path) -> None:
    """A text in double quotes on one line, its lines typed as `\\n` (as a program that writes YAML or JSON
    writes them): a section's body printed them as a list, a step's text joined them into one line, unwarned,
    as the lines of the file were counted and not the text's."""
    step = '    - title: Get comfortable\n      text: "Sit up.\\n- First this.\\n- Then that."\n      repeat: once\n'
    path = _write(workdir, step=step + "    - title: Spare\n      text: >-\n        Sit on a firm bed")
    for command in ("check", "build"):
        (said,) = _said(command, path, workdir)
        assert "routine.steps[2].text: bullets in a text over several lines are joined into one line: " in said, said
        assert said.endswith(STEP_ADVICE), said
    printed = " ".join(pdf_text(workdir / "out" / "knee-self-massage-handout.pdf").split())
    assert "Sit up. - First this. - Then that." in printed
