"""Whatever a clinic feeds it: a correct PDF or a clear error, never a traceback,
an injected tag, a file read behind its back, or a damaged PDF."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml
from click.testing import CliRunner
from conftest import BRAND, CONTENT, ROOT, build_one, flat, knee, pdf_text
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from readers import check_readers, qpdf_check
from test_poster_properties import LANGUAGES, STYLES

from handouts.build import OUTPUTS, Options, PartialBuildError, build
from handouts.cli import main
from handouts.errors import HandoutsError
from handouts.media.fonts import load_fonts
from handouts.words.markdown import plain_text

FUZZ_EXAMPLES = int(os.environ.get("HANDOUTS_FUZZ_EXAMPLES", "12"))

# -- valid PDFs for every reader ----------------------------------------------------------------


@pytest.mark.slow
def test_every_output_passes_every_reader(knee_four: dict[str, Path]) -> None:
    assert len(knee_four) == 4
    for path in knee_four.values():
        qpdf_check(path)
        assert "Self-massage for knee osteoarthritis" in flat(check_readers(path))


# -- fuzzing --------------------------------------------------------------------------------------

# Markup-like, template-like and typographic text the fonts have; characters no font draws (controls,
# format marks) that must be dropped; and, rarely, characters no configured font has (a clear error).
SPECIALS = [
    "{{ 7*7 }}",
    "{% if 1 %}x{% endif %}",
    "{# c #}",
    "<b>",
    "</para>",
    "<br/>",
    "<img src='x.png'/>",
    "<a href='file:///etc/passwd'>",
    "<font size=1>",
    "&amp;",
    "&#0;",
    "&",
    "<",
    ">",
    "]]>",
    "**",
    "*",
    "_",
    "`",
    "\\",
    "- ",
    "# ",
    "1. ",
    "> ",
    "[a](javascript:alert(1))",
    "![i](x.png)",
    "[@nhs2019]",
    "<https://example.com>",
    "ﬁ",
    "Ł",
    "½",
    "≤",
    "Ĉ",
    "ŋ",
    "İ",
    "ß",
    "’",
    "“",
    "–",
    "…",
    "\u00a0",
]
# Invisible but allowed (a control character, NUL, ESC, a direction override or a line separator, is refused
# with its line: test_workflow, test_hostile).
INVISIBLE = ["\u200f", "\u200e", "\u200b", "\t", "\n", "\r\n", "\ufeff", "\u00ad", "\u0301"]
UNPRINTABLE = ["😀", "👍🏽", "\U0001f9e0", "\u2603", "\u4e2d"]


def _text() -> st.SearchStrategy[str]:
    covered = sorted(ch for ch in load_fonts().covered if ch.isprintable())
    words = st.text(alphabet=st.sampled_from(covered), min_size=1, max_size=25)
    piece = st.one_of(words, words, st.sampled_from(SPECIALS), st.sampled_from(INVISIBLE))
    return st.lists(piece, min_size=1, max_size=8).map("".join)


def _extra() -> st.SearchStrategy[str]:
    """One unusual text per example at most, so most examples still get as far as a PDF."""
    return st.one_of(
        st.sampled_from(UNPRINTABLE),
        st.text(min_size=1, max_size=3),  # anything at all
        st.integers(300, 3000).map(lambda n: "w" * n),  # a word longer than any line
        st.just("Lorem ipsum dolor sit amet. " * 360),  # a 10,000-character paragraph
    )


def _with_extra(fields: tuple[str, ...]) -> st.SearchStrategy[dict[str, str]]:
    def add(texts: dict[str, str], extra: tuple[str, str] | None) -> dict[str, str]:
        if extra:
            texts = {**texts, extra[0]: texts[extra[0]] + " " + extra[1]}
        return texts

    extras = st.one_of(st.none(), st.none(), st.tuples(st.sampled_from(fields), _extra()))
    return st.builds(add, st.fixed_dictionaries({field: _text() for field in fields}), extras)


def _content(texts: dict[str, str]) -> dict[str, Any]:
    content = knee()
    content["title"] = "Fuzzmark " + texts["title"]
    content["subtitle"] = texts["subtitle"]
    content["summary"] = texts["summary"]
    content["sections"] = [{"heading": texts["heading"], "body": texts["body"]}]
    content["safety"] = {"title": texts["safety"], "points": [texts["point"], "Stop if it hurts."]}
    step = content["routine"]["steps"][0]
    step.update(title=texts["step_title"], text=texts["step_text"], cue=texts["cue"], repeat=texts["repeat"])
    content["routine"]["steps"] = content["routine"]["steps"][:3]
    content["finish"] = texts["finish"]
    content["video"] = {"url": "https://example.com/v", "caption": texts["caption"]}
    return content


FIELDS = (
    "title",
    "subtitle",
    "summary",
    "heading",
    "body",
    "safety",
    "point",
    "step_title",
    "step_text",
    "cue",
    "repeat",
    "finish",
    "caption",
)


def _build_or_error(content: dict[str, Any], brand: dict[str, Any], csl: str | None = None) -> list[Path] | None:
    """Build all four outputs in a fresh folder; a HandoutsError is a fine answer, any other exception is a bug.
    A layout that cannot fit (a poster's band, say) costs only its own output: the PDFs of the others are
    written, and they are exactly what the error says was written (None when nothing was)."""
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    (folder / "assets").mkdir()
    (folder / "assets" / "birchwood-logo.png").write_bytes((ROOT / "assets" / "birchwood-logo.png").read_bytes())
    content_path, brand_path = folder / "content.yaml", folder / "brand.yaml"
    content_path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    brand_path.write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    try:
        written = build(content_path, brand_path, Options(out=folder / "out", csl=csl))
        event("built all four")
        return [path for path in written if path.suffix == ".pdf"]
    except PartialBuildError as exc:
        event(f"built those that fit: {str(exc).split(': ')[-1][:40]}")
        assert str(exc).strip(), "an error must say what is wrong"
        written = sorted(path for path in exc.built.written if path.suffix == ".pdf")
        assert sorted((folder / "out").glob("*.pdf")) == written
        return written or None
    except HandoutsError as exc:
        event(f"error: {str(exc).split(': ')[-1][:40]}")
        assert str(exc).strip(), "an error must say what is wrong"
        assert not (folder / "out").exists() or not list((folder / "out").glob("*.pdf"))
        return None


@pytest.mark.slow
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(_with_extra(FIELDS), st.sampled_from(LANGUAGES), st.sampled_from(STYLES))
def test_fuzzed_content_gives_a_pdf_or_a_clear_error(texts: dict[str, str], language: str, style: str) -> None:
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    written = _build_or_error({**_content(texts), "language": language}, brand, style)
    if written is None:
        return
    assert [p.name.split("fuzzmark")[-1] for p in written]
    for path in written:
        qpdf_check(path)
        text = check_readers(path)
        assert "Fuzzmark" in text
    handouts = [path for path in written if path.name.endswith("-handout.pdf")]
    if not handouts:
        return
    # A word wider than its line is broken with a hyphen at the line's end ('w' * 364 has no dictionary break).
    handout = unicodedata.normalize("NFC", flat(re.sub(r"-[ \t]*\n", "", pdf_text(handouts[0]))).replace(" ", ""))
    # An address in angle brackets prints them as typed ("f<https://example.com>"), where plain_text, as Markdown
    # reads it, drops them and joins the words around them ("fhttps"): they are left out of both sides.
    handout = handout.replace("<", "").replace(">", "")
    # What Markdown reads as text (not link targets, not citations, which print as "(NHS, 2019)") is printed. A
    # letter and the accents typed after it print as one character where Unicode has one ("a" and U+0300 as
    # "à"), so both sides are compared composed: "Infinitya" + U+0300 is not the word "Infinitya".
    title = unicodedata.normalize("NFC", plain_text(texts["step_title"]))
    words = [w for w in "".join(c if c.isascii() and c.isalnum() else " " for c in title).split() if len(w) > 3]
    assert all(w in handout for w in words), words


@pytest.mark.slow
@settings(max_examples=max(4, FUZZ_EXAMPLES // 2), deadline=None, suppress_health_check=list(HealthCheck))
@given(_with_extra(("name", "tagline", "therapist", "footer", "phone", "email", "website", "address")))
def test_fuzzed_brand_gives_a_pdf_or_a_clear_error(texts: dict[str, str]) -> None:
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    brand.update(name="Fuzzmark " + texts["name"], tagline=texts["tagline"], therapist=texts["therapist"], footer=texts["footer"])
    brand["contact"] = {key: texts[key] for key in ("phone", "email", "website", "address")}
    written = _build_or_error(knee(), brand)
    for path in written or []:
        assert "Fuzzmark" in check_readers(path)


# -- no injection ---------------------------------------------------------------------------------

OPENED: list[str] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "open" and args and isinstance(args[0], str | bytes | os.PathLike) and "secret-" in os.fsdecode(args[0]):
        OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


@pytest.mark.slow
def test_markup_in_content_is_printed_not_followed(make_content, workdir: Path) -> None:
    secret = workdir / "secret-picture.png"
    secret.write_bytes((ROOT / "assets" / "birchwood-logo.png").read_bytes())
    tricks = [
        f'<img src="{secret}"/>',
        f"![photo]({secret})",
        f'<a href="file://{secret}">x</a>',
        "<font name='Courier'>x</font>",
        "&amp; &lt;b&gt;",
        "{{ 7*7 }}",
        f"{{% include '{secret}' %}}",
        "<para>",
        "]]><![CDATA[",
    ]
    text = " | ".join(tricks)
    path = make_content(summary=text, finish=text, safety={"title": "Safe", "points": [text]})
    OPENED.clear()
    written = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout", "poster")))
    assert OPENED == [], f"a file named in content text was opened: {OPENED}"
    printed = flat(pdf_text(written[0]))
    unbroken = printed.replace(" ", "")  # a long path may break across lines after its slashes
    for trick in tricks[3:]:
        assert trick.replace(" ", "") in unbroken
    assert f'<img src="{secret}"/>'.replace(" ", "") in printed.replace(" ", "")
    # "{{ 7*7 }}" is not evaluated: no word "49" outside the temporary paths (which may hold "pytest-49")
    words = [word for word in printed.split() if "/" not in word]
    assert "49" not in words and "{{" in words
    reader = pypdf.PdfReader(written[0])
    assert all("/XObject" not in page["/Resources"] or len(page["/Resources"]["/XObject"]) <= 1 for page in reader.pages)


def test_clinic_templates_are_sandboxed(tmp_path: Path) -> None:
    (tmp_path / "handout.xml.j2").write_text("<document><para>{{ ''.__class__.__mro__[1].__subclasses__() }}</para></document>")
    result = CliRunner().invoke(
        main, ["build", str(CONTENT), "--brand", str(BRAND), "--out", str(tmp_path / "o"), "--templates", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "unsafe" in result.output or "not safely" in result.output
    assert "Traceback" not in result.output


# -- nothing lost ---------------------------------------------------------------------------------


def test_an_output_that_cannot_fit_costs_only_itself(make_content, workdir: Path) -> None:
    """The posters cannot fit: the handouts are written anew and the posters' earlier files are removed (no
    stale poster beside new handouts); a write failure, by contrast, stays all-or-nothing (test_hostile)."""
    out = workdir / "out"
    out.mkdir()
    names = [output.name for output in OUTPUTS if output.format == "pdf"]
    for name in names:
        (out / f"knee-self-massage-{name}.pdf").write_bytes(f"%PDF-1.4 earlier {name}\n".encode())
    cue = "stroke the whole leg gently upwards from the ankle to the hip"
    steps = [{"title": f"Step {n}", "text": "Stroke gently.", "cue": f"{cue} {n}"} for n in range(1, 40)]
    path = make_content(routine={"title": "Long", "steps": steps})
    result = CliRunner().invoke(main, ["build", str(path), "--brand", str(workdir / "brand.yaml"), "--out", str(out)])
    assert result.exit_code == 1
    for name in names:
        written = out / f"knee-self-massage-{name}.pdf"
        if "poster" in name:
            assert not written.exists(), name
        else:
            assert written.read_bytes().startswith(b"%PDF-1.") and b"earlier" not in written.read_bytes()[:40], name


def test_out_that_cannot_be_created(workdir: Path) -> None:
    blocker = workdir / "a-file"
    blocker.write_text("x")
    result = CliRunner().invoke(
        main, ["build", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--out", str(blocker / "out")]
    )
    assert result.exit_code == 1
    assert f"cannot write to {blocker / 'out'}" in result.output
    assert "Traceback" not in result.output


@pytest.mark.skipif(sys.platform == "win32", reason="making a symbolic link needs a privilege on Windows")
@pytest.mark.parametrize("leads_to", ["loop", "nowhere/at/all"])
def test_out_that_is_a_link_to_nothing(workdir: Path, leads_to: str) -> None:
    """--out naming a link to itself (a loop) ended in a traceback (RuntimeError: Symlink loop); a link to a
    folder that is gone said 'File exists'."""
    link = workdir / "loop"
    link.symlink_to(workdir / leads_to)
    args = ["build", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--only", "handout"]
    for out in (link, link / "sub"):
        result = CliRunner().invoke(main, [*args, "--out", str(out)])
        assert result.exit_code == 1, result.output
        assert f"error: cannot write to {out}: {link} is a link that leads nowhere; remove it" in result.output
        assert "Traceback" not in result.output
    assert link.is_symlink() and not list(workdir.glob("**/*.pdf"))


@pytest.mark.slow
def test_sigkill_mid_build_leaves_no_partial_pdf(make_content, workdir: Path) -> None:
    steps = [{"title": f"Step {n}", "text": "Stroke the calf slowly upwards. " * 6} for n in range(1, 301)]
    path = make_content(routine={"title": "Long", "steps": steps})
    out = workdir / "out"
    out.mkdir()
    target = out / "knee-self-massage-handout.pdf"
    target.write_bytes(b"%PDF-1.4 earlier build\n")
    command = [
        sys.executable,
        str(ROOT / "cli.py"),
        "build",
        str(path),
        "--brand",
        str(workdir / "brand.yaml"),
        "--out",
        str(out),
        "--only",
        "handout",
    ]
    for delay in (0.2, 0.6, 1.0, 1.6):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        data = target.read_bytes()
        assert data == b"%PDF-1.4 earlier build\n" or (data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")), delay
        if data != b"%PDF-1.4 earlier build\n":
            assert len(pypdf.PdfReader(target).pages) > 20
    assert [p.name for p in out.iterdir() if p.suffix == ".pdf"] == [target.name]


# -- large input stays civil ----------------------------------------------------------------------


@pytest.mark.slow
def test_300_steps_make_a_long_handout_and_a_clear_poster_error(make_content, workdir: Path) -> None:
    steps = [
        {"title": f"Step {n}", "text": "Stroke the calf slowly upwards, then rest. " * 3, "cue": f"Stroke the calf {n}"}
        for n in range(1, 301)
    ]
    path = make_content(routine={"title": "Long", "steps": steps})
    handout = build_one(path, workdir / "brand.yaml", workdir / "out")
    text = flat(check_readers(handout))
    assert "300 Step 300" in text and "1 Step 1" in text
    assert len(pypdf.PdfReader(handout).pages) > 30
    result = CliRunner().invoke(
        main, ["build", str(path), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "p"), "--only", "poster"]
    )
    assert result.exit_code == 1
    assert "the poster does not fit on one page" in result.output


@pytest.mark.slow
def test_a_huge_logo_is_downscaled(workdir: Path) -> None:
    from PIL import Image

    noise = Image.effect_noise((1500, 1500), 80).convert("RGB").resize((6000, 6000), Image.Resampling.BICUBIC)
    noise.save(workdir / "assets" / "birchwood-logo.png", compress_level=1)
    written = build(workdir / "content.yaml", workdir / "brand.yaml", Options(out=workdir / "out"))
    for path in written:
        assert path.stat().st_size < 500_000, (path.name, path.stat().st_size)
    import pdfplumber

    with pdfplumber.open(written[0]) as pdf:
        (image,) = pdf.pages[0].images
    assert max(image["srcsize"]) <= 300  # 300 dpi at the printed size, not 6000 pixels
