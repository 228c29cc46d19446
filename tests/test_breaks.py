"""A word breaks only where it is wider than its line, and then with a hyphen at a point its language's
hyphenation dictionary allows, in every catalog language; web addresses break after / . - ? = & only.
Read back from the PDFs."""

from __future__ import annotations

import io
import itertools
import re
import shutil
import tempfile
from pathlib import Path

import pdfplumber
import pytest
import yaml
from conftest import BRAND, CONTENT, ROOT, knee
from hyphens import assert_broken_only_with_hyphens, dehyphenated, hyphen_breaks
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import SimpleDocTemplate

from handouts.build import Options, build
from handouts.pdf.breaks import markup_tail
from handouts.pdf.flowables import CachedParagraph
from handouts.words.i18n import catalog_languages

# Long words of each catalog language, joined into compounds wider than a line.
WORDS = {
    "en": ["physiotherapy", "osteoarthritis", "rehabilitation", "understanding", "strengthening"],
    "cy": ["ffisiotherapydd", "llongyfarchiadau", "cymalau", "gwybodaeth", "ymarferion"],
    "de": ["Oberschenkel", "muskulatur", "kniegelenk", "dehnungs", "übungen", "selbstmassage"],
    "es": ["rehabilitación", "fisioterapeuta", "articulación", "mantener", "estiramiento"],
    "es-MX": ["rehabilitación", "fisioterapeuta", "articulación", "refrigerador", "estiramiento"],
    "fr": ["kinésithérapie", "articulation", "rééducation", "échauffement", "assouplissement"],
    "fr-CA": ["physiothérapie", "articulation", "réadaptation", "échauffement", "assouplissement"],
    "it": ["fisioterapista", "articolazione", "riabilitazione", "ginocchio", "allungamento"],
    "nl": ["kniegewricht", "fysiotherapeut", "zelfmassage", "bovenbeen", "spieroefeningen"],
    "pl": ["fizjoterapeuta", "rehabilitacja", "kolanowego", "rozgrzewka", "rozciąganie"],
    "pt": ["fisioterapeuta", "reabilitação", "articulação", "alongamento", "aquecimento"],
    "pt-BR": ["fisioterapeuta", "reabilitação", "articulação", "alongamento", "quadradinho"],
}
LANGUAGES = sorted(catalog_languages())
AUTHORS = CONTENT.read_text(encoding="utf-8") + BRAND.read_text(encoding="utf-8")  # the hyphens typed in the files


def test_every_catalog_language_has_words_here() -> None:
    assert set(LANGUAGES) <= set(WORDS)


def lines_of(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [line["text"] for page in pdf.pages for line in page.extract_text_lines()]


def build_handout(make_content, workdir: Path, language: str, text: str, large: bool, **more) -> Path:
    steps = [{"title": "Warm up", "text": text}, {"title": "Rest", "text": "Sit and rest for a minute."}]
    path = make_content(language=language, routine={"title": "Steps", "steps": steps}, **more)
    only = ("handout-large-print",) if large else ("handout",)
    (pdf,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=only))
    return pdf


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_word_wider_than_its_line_breaks_with_a_hyphen_where_its_language_allows(
    language: str, make_content, workdir: Path
) -> None:
    word = "".join(WORDS[language] * 2).capitalize()  # about 100 letters: wider than any line
    pdf = build_handout(make_content, workdir, language, f"Say {word} slowly, then rest.", large=language in ("de", "cy"))
    lines = lines_of(pdf)
    assert assert_broken_only_with_hyphens(lines, word, language) >= 1
    added = [(head, tail) for head, tail in hyphen_breaks(lines) if f"{head}-{tail}" not in AUTHORS]
    assert all((head + tail).lower() in word.lower() for head, tail in added), added  # the rest fit their lines


@pytest.mark.slow
def test_a_compounds_part_wider_than_a_title_line_breaks_with_a_hyphen(make_content, workdir: Path) -> None:
    """A large-print title "Pneumonoultramicroscopicsilicovolcanoconiosis-and-…" printed
    "Pneumonoultramicroscopicsili" / "covolcanoconiosis-": the compound was set in lines at its own hyphens, and
    its first part, wider than a line, given soft hyphens, which reportlab does not break at in a paragraph its
    line breaks make of several pieces; it broke the part where the line ran out. The part is set in lines of
    its own at its dictionary's points, each ending with a hyphen."""
    part = "Pneumonoultramicroscopicsilicovolcanoconiosis"
    path = make_content(title=f"{part}-and-Supercalifragilisticexpialidocious-knees")
    (pdf,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout-large-print",)))
    lines = lines_of(pdf)
    assert assert_broken_only_with_hyphens(lines, part, "en") >= 1, lines
    assert assert_broken_only_with_hyphens(lines, "Supercalifragilisticexpialidocious", "en") >= 0


@pytest.mark.slow
def test_a_word_thousands_of_letters_long_prints_whole_in_full_lines(make_content, workdir: Path) -> None:
    """A word with no point to break at (a pasted code) took minutes: a soft hyphen between every two letters
    made reportlab measure each longer beginning of it for each line, and the reading-level check every piece
    of it. It prints whole, each line but its last ending with a hyphen, inside the text column, and check
    reads it too."""
    from conftest import run

    word = "x" * 19_000
    pdf = build_handout(make_content, workdir, "en", f"Type {word} then rest.", large=True)
    with pdfplumber.open(pdf) as document:
        lines = [line for page in document.pages for line in page.extract_text_lines()]
        right = document.pages[0].width - min(line["x0"] for line in lines)  # the margins are alike
    broken = [line["text"] for line in lines if set(line["text"].rstrip("-")) == {"x"}]
    assert len(broken) > 100 and all(text.endswith("-") for text in broken)
    printed = "".join(line["text"] for line in lines if "xxxxx" in line["text"])  # the footers between pages aside
    assert printed.replace("-", "").replace(" ", "") == f"Type{word}then"  # "rest." goes on to the next line
    assert all(line["x1"] <= right + 0.5 for line in lines)  # no further right than the left margin is from the left
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"))
    assert code == 0, output


@pytest.mark.slow
def test_words_that_fit_are_never_hyphenated(knee_four: dict[str, Path]) -> None:
    for name in ("handout", "handout-large-print"):
        lines = lines_of(knee_four[name])
        added = [(head, tail) for head, tail in hyphen_breaks(lines) if f"{head}-{tail}" not in AUTHORS]
        assert not added, added  # every hyphen at a line's end is the author's (self-massage) or an address's
    text = "\n".join(lines)
    assert dehyphenated(text, "en-GB", AUTHORS) == text  # and none of them is taken for the layout's


def test_a_web_address_breaks_after_its_separators_without_a_hyphen_added(make_content, workdir: Path) -> None:
    url = "https://clinic.example.com/resources/exercise-programmes/knee-osteoarthritis-self-massage?utm_source=clinic"
    pdf = build_handout(make_content, workdir, "en-GB", f"See {url} for more.", large=True)
    text = "\n".join(lines_of(pdf))
    pieces, joined = [], ""
    for line in text[text.index("https://") :].split("\n"):
        pieces.append(line)
        joined += line
        if len(joined) >= len(url):
            break
    assert joined.startswith(url) and len(pieces) > 1
    for piece in pieces[:-1]:
        assert piece[-1] in "/.-?=&", piece  # each line ends at a separator of the address


@pytest.mark.parametrize("large", [False, True], ids=["standard", "large-print"])
def test_an_email_address_wider_than_its_line_breaks_after_its_at_and_dots(large: bool, make_content, workdir: Path) -> None:
    """A clinic's email address wider than the footer's line was cut where the line ran out, inside a word with no
    hyphen ("…sportsinjurycli" / "nic." / "co.uk"), and its rest did not go on on the line it fitted. It breaks
    after its '@' and dots, as a web address breaks after its separators, each line as full as fits."""
    email = "appointments+physio@harbourstreetphysiotherapyandsportsinjuryclinic.co.uk"
    brand = yaml.safe_load((workdir / "brand.yaml").read_text(encoding="utf-8"))
    brand["contact"]["email"] = email
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    pdf = build_handout(make_content, workdir, "en-GB", "Sit and rest.", large=large)
    lines = lines_of(pdf)
    start = next(index for index, line in enumerate(lines) if line.startswith("appointments"))
    pieces, joined = [], ""
    for line in lines[start:]:
        pieces.append(line)
        joined += line
        if len(joined) >= len(email):
            break
    assert joined == email and len(pieces) > 1, pieces
    assert pieces[0] == "appointments+physio@", pieces  # the domain is wider than what is left of the line
    assert all(piece[-1] in "@." for piece in pieces[:-1]), pieces  # never inside a word


@pytest.mark.parametrize("large", [False, True], ids=["standard", "large-print"])
def test_a_welsh_word_never_breaks_before_a_last_syllable_with_no_vowel(large: bool, make_content, workdir: Path) -> None:
    """Welsh has no hyphenation dictionary; its syllable rule broke before a word's last digraph, a "syllable"
    with no vowel: a Welsh clinic's name in the large-print band read "…llantysiliogogogo-" / "ch". Each
    piece of a broken Welsh word has a vowel (w and y are vowels in Welsh)."""
    brand = yaml.safe_load((workdir / "brand.yaml").read_text(encoding="utf-8"))
    brand["name"] = "Clinig Ffisiotherapi a Thylino Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"
    del brand["logo"], brand["tagline"]
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    pdf = build_handout(make_content, workdir, "cy", "Eisteddwch a gorffwyswch.", large=large)
    vowels = set("aeiouwyàáâäèéêëìíîïòóôöùúûüŵŷ")
    breaks = hyphen_breaks(lines_of(pdf))
    assert breaks
    assert all(vowels & set(head.lower()) and vowels & set(tail.lower()) for head, tail in breaks), breaks


# A German title of two compounds, each split here into its parts (words and prefixes) as a German reader reads it.
GERMAN_PARTS = [
    ["Nacken", "ver", "spannungs", "selbst", "be", "handlung"],
    ["Bild", "schirm", "arbeits", "platz", "be", "schäftigte"],
]


def test_a_german_compound_breaks_between_its_parts_where_one_fits(make_content, workdir: Path) -> None:
    """A German title of long compounds broke where the line ran out, inside a part: the large-print poster beside a
    wide logo read "…für Bildschirmar-" / "beitsplatzbeschäftigte", the handout "Nackenverspannungsselbstbehand-" /
    "lung" (the standard poster, by luck of its width, "Bildschirmarbeits-" / "platzbeschäftigte"). Each
    output breaks it between two of its parts only, where one fits (dictionary points inside a part being
    left for a part wider than a line)."""
    from PIL import Image

    Image.new("RGB", (1600, 240), (40, 90, 160)).save(workdir / "wide.png")
    brand = yaml.safe_load((workdir / "brand.yaml").read_text(encoding="utf-8"))
    brand.update(logo="wide.png", name="Physiotherapiezentrum Schulterblick", paper="A4", language="de")
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    words = ["".join(parts) for parts in GERMAN_PARTS]
    path = make_content(language="de", title=f"{words[0]} für {words[1]}")
    only = ("handout", "handout-large-print", "poster", "poster-large-print")
    broken = {}
    for pdf in build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=only)):
        text = "\n".join(lines_of(pdf))
        for word, parts in zip(words, GERMAN_PARTS, strict=True):
            match = re.search("".join(f"{re.escape(ch)}(-\n)?" for ch in word[:-1]) + re.escape(word[-1]), text)
            assert match, f"{word!r} is not printed in {pdf.name}"
            bounds = set(itertools.accumulate(len(part) for part in parts))
            at = [index for index, gap in enumerate(match.groups(), start=1) if gap]
            broken[pdf.name, word] = [word[:index] for index in at if index not in bounds]
    assert broken and not any(broken.values()), {key: heads for key, heads in broken.items() if heads}


@pytest.mark.parametrize(("large", "linked"), [(False, False), (True, False), (False, True), (True, True)])
def test_chinese_text_breaks_between_its_characters_without_a_hyphen(
    make_content, workdir: Path, large: bool, linked: bool
) -> None:
    """Chinese is written without spaces: a sentence was one word wider than its line, broken with hyphens as
    a long English word is. Chinese marks no break with a hyphen, and a clinic's CJK font (here a test font with
    a few Chinese characters, standing in for one) may have none: the hyphen printed as the font's empty glyph
    at every line's end (read back as U+0000). It breaks between any two characters, with nothing added, inside
    the margins, also where it opens its paragraph as a link (behind the link's mark, where reportlab breaks no
    word)."""
    shutil.copy(ROOT / "tests" / "fixtures" / "boxes.ttf", workdir / "boxes.ttf")
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8") + "font: {fallback: [boxes.ttf]}\n", encoding="utf-8")
    chinese = "李伟小王芳陈龍" * 30
    text = f"[{chinese}](https://example.org) at reception." if linked else f"Ask {chinese} at reception."
    pdf = build_handout(make_content, workdir, "en-GB", text, large=large)
    with pdfplumber.open(pdf) as read:
        chars = [c for page in read.pages for c in page.chars]
        width = read.pages[0].width
    fallback = {c["fontname"] for c in chars if c["text"] in chinese}
    assert not [c["text"] for c in chars if c["fontname"] in fallback and c["text"] not in f"{chinese} "]
    lines = sorted({round(c["top"]) for c in chars if c["text"] in chinese})
    assert len(lines) > 2 and "".join(c["text"] for c in chars if c["text"] in chinese) == chinese
    assert max(c["x1"] for c in chars if c["text"] in chinese) < width - 12 * 72 / 25.4


@st.composite
def compounds(draw: st.DrawFn) -> tuple[str, str, bool]:
    language = draw(st.sampled_from(LANGUAGES))
    parts = draw(st.lists(st.sampled_from(WORDS[language]), min_size=4, max_size=9))
    return language, "".join(parts).capitalize(), draw(st.booleans())


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(case=compounds())
def test_no_word_is_broken_without_a_hyphen_in_any_catalog_language(case: tuple[str, str, bool]) -> None:
    language, word, large = case
    folder = Path(tempfile.mkdtemp(prefix="breaks-"))
    try:
        shutil.copytree(BRAND.parent / "assets", folder / "assets")
        shutil.copy(BRAND, folder / "brand.yaml")
        content = knee()
        content["language"] = language
        content["routine"]["steps"][1]["text"] += f" {word}, {word.lower()}."
        (folder / "content.yaml").write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
        only = ("handout-large-print",) if large else ("handout",)
        (pdf,) = build(folder / "content.yaml", folder / "brand.yaml", Options(out=folder / "out", only=only))
        lines = lines_of(pdf)
        assert_broken_only_with_hyphens(lines, word, language)
        assert_broken_only_with_hyphens(lines, word.lower(), language)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_words_tied_in_a_regular_face_within_a_bold_paragraph_stay_whole_where_they_fit() -> None:
    """A French clinic's A3 poster read "Étirez doucement - 3 x" / "10 · repos 30 s": the count after a bold cue
    is set in the regular face, and measured in bold it seemed wider than its line, so its tied words were all
    set free to break. Measured in the face it is set in, it fits the line, and it stays whole on one."""
    count = "3\u00a0\u00d7\u00a010\u00a0\u00b7\u00a0repos\u00a030\u00a0s"
    bold, regular = stringWidth(count, "Helvetica-Bold", 20), stringWidth(count, "Helvetica", 20)
    width = (bold + regular) / 2  # the count fits in the regular face, not in bold
    style = ParagraphStyle("cue", fontName="Helvetica-Bold", fontSize=20, leading=26)
    text = f'Étirez doucement<font name="Helvetica">\u00a0\u2013 {count}</font>'
    buffer = io.BytesIO()
    margins = {"leftMargin": 14, "rightMargin": 14, "topMargin": 20, "bottomMargin": 20}  # and the frame's 6 pt each side
    page = SimpleDocTemplate(buffer, pagesize=(width + 40, 300), **margins)
    page.build([CachedParagraph(text, style)])
    with pdfplumber.open(buffer) as pdf:
        lines = pdf.pages[0].extract_text().splitlines()
    assert "3 \u00d7 10 \u00b7 repos 30 s" in lines, lines


def test_what_a_split_leaves_of_a_broken_web_address_is_broken_again_for_its_own_width() -> None:
    """A paragraph split where its web address was broken into lines for a narrow column (beside a step's
    picture) went on, set wider, in those narrow lines: the part reportlab splits off is made of the words as
    broken, the first of them the line break put after the address's first line, so that it opened its page
    with an empty line. It is made again from the markup's end, its open tags opened again: set wide, the
    address's rest goes on on the page's first line with the words after it, still bold."""
    address = "www.harbourstreetphysio.co.uk/patient-resources/home-exercise-programmes"
    style = ParagraphStyle("body", fontName="Helvetica", fontSize=12, leading=16)
    para = CachedParagraph(f"Stroke the calf. Read more at <b>{address}</b> and stroke again.", style)
    para.wrap(200, 1000)  # "Stroke the calf. Read more at" / "www.harbourstreetphysio.co.uk/" / "patient-…"
    _, rest = para.split(200, 2 * style.leading + 1)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=(600, 300), leftMargin=20, rightMargin=20, topMargin=20, bottomMargin=20).build([rest])
    with pdfplumber.open(buffer) as pdf:
        page = pdf.pages[0]
        assert page.extract_text().splitlines() == ["patient-resources/home-exercise-programmes and stroke again."]
        first = page.extract_words(extra_attrs=["fontname"])[0]
        assert (first["text"], first["fontname"]) == ("patient-resources/home-exercise-programmes", "Helvetica-Bold")
        assert first["top"] < 20 + style.leading  # on the page's first line: it opened with an empty one


def test_a_phone_number_set_larger_than_its_paragraph_breaks_between_its_groups() -> None:
    """The footer sets the phone number at the body's size, larger than the footer's own, its groups tied: it was
    measured at the footer's size, found to fit its line, and reportlab, finding at its real size that it did not,
    broke it where the line ran out, inside a group of digits ("0117 496 055" / "5", with a clinic's wide font:
    the odd-font property found it). It breaks between its groups, as tied words wider than a line do."""
    phone = "0117\u00a0496\u00a00555"
    style = ParagraphStyle("footer", fontName="Helvetica", fontSize=10, leading=16)
    width = (stringWidth(phone, "Helvetica", 10) + stringWidth(phone, "Helvetica", 14)) / 2  # fits at 10 pt, not 14
    para = CachedParagraph(f'Clinic &amp; Co <br/><font size="14">{phone}</font>', style)
    para.wrap(width, 1000)
    lines = ["".join(frag.text for frag in line.words).replace("\u00a0", " ") for line in para.blPara.lines]
    assert lines == ["Clinic & Co", "0117 496", "0555"], lines


def test_the_end_of_a_markup_is_found_by_its_letters_with_its_open_tags() -> None:
    """The end a split leaves is found in the markup by its letters (white space, soft hyphens and hyphens aside:
    the layout adds and removes them): a link's start just before its first letter goes with it, a bold run open
    there is opened again, and a text the markup does not end with is not found."""
    start, end = '<onDraw name="tag" label="+1"/>', '<onDraw name="tag" label="-1"/>'
    markup = f"Read <b>more at www.example.org/</b>{start}knee-exercises{end} &amp; rest."
    assert markup_tail(markup, "knee-\nexercises & rest.") == f"{start}knee-exercises{end} &amp; rest."
    assert (
        markup_tail(markup, "example.org/knee-exercises & rest.") == f"<b>example.org/</b>{start}knee-exercises{end} &amp; rest."
    )
    assert markup_tail(markup, "and rest.") is None


def test_a_typed_hyphen_opening_the_next_page_of_a_split_paragraph_is_printed() -> None:
    """A paragraph whose tied words were wider than a line (a journal's words tied by the marks that lean on them,
    in large print) is split across pages, the next page opening with a word typed "-iiii": the part split off,
    found again in the markup by its letters alone, started after the hyphen, and the page printed "iiii"."""
    style = ParagraphStyle("reference", fontName="Helvetica", fontSize=18, leading=27)
    tied = "\u00a0".join(["Qabcdefghijkl", ":abcdefghijk", ";abcdefghijkl", "!abcdefghijkl", ":abcdefghijkl"])
    buffer = io.BytesIO()
    margins = {"leftMargin": 20, "rightMargin": 20, "topMargin": 20, "bottomMargin": 20}  # and the frame's 6 pt each side
    page = SimpleDocTemplate(buffer, pagesize=(300 + 52, 3 * style.leading + 54), **margins)  # lines 300 pt wide, three a page
    page.build([CachedParagraph(f"Aaaa bbbb cccc dddd {tied} eeee ffff -iiii jjjj kkkk <b>llll</b>", style)])
    with pdfplumber.open(buffer) as pdf:
        pages = [page.extract_text().splitlines() for page in pdf.pages]
    assert pages[0][-1] == "!abcdefghijkl :abcdefghijkl eeee ffff", pages  # the split this is about
    assert pages[1] == ["-iiii jjjj kkkk llll"]
    assert markup_tail("ffff - <b>iiii</b> jjjj", "- iiii jjjj") == "- <b>iiii</b> jjjj"
    assert markup_tail("eeee-ffff jjjj", "ffff jjjj") == "ffff jjjj"  # a compound broken after its hyphen


@pytest.mark.parametrize("large", [False, True], ids=["standard", "large-print"])
def test_a_long_word_opening_a_clinic_text_in_another_language_breaks_inside_the_margins(
    large: bool, make_content, workdir: Path
) -> None:
    """A French routine from an English-speaking clinic: its feedback line is an English span in the French
    sheet, tagged as such, and reportlab never breaks a paragraph's first word that starts with the span's
    mark: a word wider than the line ran off the right edge of the paper. It breaks with a hyphen as any
    other word does, every line inside the margins."""
    word = "".join(WORDS["en"] * 2).capitalize()  # about 130 letters: wider than any line
    brand = yaml.safe_load((workdir / "brand.yaml").read_text(encoding="utf-8"))
    brand["feedback"] = f"{word} at reception."
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    pdf = build_handout(make_content, workdir, "fr", "Asseyez-vous et reposez-vous.", large=large)
    with pdfplumber.open(pdf) as document:
        lines = [line for page in document.pages for line in page.extract_text_lines()]
        right = document.pages[0].width - min(line["x0"] for line in lines)  # the margins are alike
    texts = [line["text"] for line in lines]
    start = next(index for index, text in enumerate(texts) if text.startswith(word[:20]))
    end = next(index for index in range(start, len(texts)) if "reception" in texts[index])
    pieces = texts[start : end + 1]
    assert pieces[0].endswith("-"), pieces  # broken, with a hyphen, where the word meets the line's end
    joined = "".join(text[:-1] if text.endswith("-") else f"{text} " for text in pieces)
    assert joined.strip() == f"{word} at reception."
    assert all(line["x1"] <= right + 0.5 for line in lines), [line["text"] for line in lines if line["x1"] > right + 0.5]


@pytest.mark.parametrize("only", ["poster", "poster-large-print"])
def test_a_number_keeps_its_unit_symbol_on_its_line(only: str, make_content, workdir: Path) -> None:
    """A poster's cue "Squeeze 10 s, relax 5 s" read "Squeeze 10" / "s, relax 5 s": its "s" opened a line alone.
    A number and the unit symbol after it share a line, wherever the text breaks."""
    cue = "Squeeze 10 s, relax 5 s"
    steps = [{"title": "Squeeze and relax", "text": "Squeeze your thigh, then relax.", "cue": cue, "reps": 10}]
    path = make_content(routine={"title": "Steps", "steps": steps})
    (pdf,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=(only,)))
    lines = lines_of(pdf)
    start = lines.index("1") + 1  # the step's number, then its cue's lines
    drawn = lines[start : start + 4]
    assert " ".join(drawn).startswith(cue), drawn
    parted = [(a, b) for a, b in itertools.pairwise(drawn) if a[-1].isdigit() and b.split()[0].rstrip(",") == "s"]
    assert not parted, drawn


def test_a_date_the_year_opens_never_breaks_in_a_reference(make_content, workdir: Path) -> None:
    """Vancouver's "2021 Sep 28" and "[cited 2026 Oct 1]" broke as "2021 Sep" / "28;(9)" and "[cited 2026" /
    "Oct 1]": a date is whole on its line, whichever way round the style prints it."""
    words = ["Exercise", "advice", "for", "people", "with", "long-lasting", "pain", "in", "the", "lower", "back", "and", "hip"]
    references = [
        {
            "id": f"source{number}",
            "type": "article-journal",
            "title": " ".join(words[: 2 + number % 12]),
            "author": [{"literal": "National Health Service"}],
            "container-title": "Health A to Z",
            "URL": f"https://example.org/{'a' * number}",
            "issued": f"20{10 + number % 10}-0{1 + number % 9}-{10 + number}",
            "accessed": "2026-10-01",
        }
        for number in range(1, 17)
    ]
    cited = " ".join(f"[@{reference['id']}]" for reference in references)
    path = make_content(summary=f"Staying active helps {cited}.", sections=None, references=references, further_reading=None)
    (pdf,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",), csl="vancouver"))
    lines = [line.replace("\u00a0", " ") for line in lines_of(pdf)]
    dates = set(re.findall(r"\b\d{4} [A-Z][a-z]+ \d{1,2}\b", " ".join(lines)))  # "2011 Feb 11", "2026 Oct 1"
    assert len(dates) > 16, dates
    broken = sorted(date for date in dates if not any(date in line for line in lines))
    assert not broken, broken


MONTH_DATES = [  # each style that prints a year and a month together, the kind of source it does so for, and how
    ("vancouver", "article-journal", r"\b201\d [A-Z][a-z]{2}\b(?! \d)"),  # "2016 Nov;12:12-21."
    ("apa", "article-magazine", r"\b201\d[ab]?, [A-Z][a-z]+\b(?! \d)"),  # "(2016, November)."
    ("american-medical-association", "webpage", r"\b[A-Z][a-z]+ 201\d\b"),  # "Health A to Z. November 2016."
]


@pytest.mark.parametrize(("style", "kind", "date"), MONTH_DATES, ids=[style for style, _, _ in MONTH_DATES])
def test_a_date_of_a_year_and_a_month_never_breaks_in_a_reference(
    style: str, kind: str, date: str, make_content, workdir: Path
) -> None:
    """A year-first date with a day was kept whole ("2021 Sep 28"), one of a year and a month was not: Vancouver's
    "2016 Nov" ended a line at "2015" and opened the next with "Apr;15:15-24.", as APA's "(2016, November)" and
    AMA's "November 2016" could. Sources dated by their month, whose titles and lists of authors of every length
    bring dates to a line's end: every date is whole on its line."""
    names = ["Perlman", "Ali", "Nakamura-Whitfield", "Brown", "Okonkwo", "Lee", "Fitzgerald", "Dunn"]
    words = ["Exercise", "advice", "for", "people", "with", "long-lasting", "pain", "in", "the", "lower", "back", "and", "hip"]
    references = [
        {
            "id": f"source{number}",
            "type": kind,
            "title": " ".join(words[: 2 + number % 12]),
            "author": [{"family": names[(number + at) % len(names)], "given": "J."} for at in range(1 + number % 8)],
            "container-title": "Health A to Z",
            "volume": str(number),
            "page": f"{number}-{number + 9}",
            "issued": f"20{10 + number % 10}-{1 + number % 12:02d}",
        }
        for number in range(1, 41)
    ]
    cited = " ".join(f"[@{reference['id']}]" for reference in references)
    path = make_content(summary=f"Staying active helps {cited}.", sections=None, references=references, further_reading=None)
    (pdf,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",), csl=style))
    lines = [line.replace("\u00a0", " ") for line in lines_of(pdf)]
    dates = set(re.findall(date, " ".join(lines)))
    assert len(dates) > 12, dates
    broken = sorted(date for date in dates if not any(date in line for line in lines))
    assert not broken, broken


@pytest.mark.parametrize("only", ["poster", "poster-large-print", "handout-large-print"])
def test_a_mark_set_off_by_a_space_stays_with_its_word(only: str, make_content, workdir: Path) -> None:
    """French sets a space before "?", "!", ":", ";" and "»" and after "«", and a clinic types it as any space: a
    poster opened a line with "! - 10 fois" and the large-print handout ended one with "Cabinet de
    kinésithérapie «". A mark set off by a space shares a line with its word."""
    brand = yaml.safe_load((workdir / "brand.yaml").read_text(encoding="utf-8"))
    brand["name"] = "Cabinet de kinésithérapie « Les Tilleuls »"
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    steps = [
        {"title": "Genoux poitrine", "text": "Ramenez un genou.", "cue": "Genou vers la poitrine : tenez", "hold": 20, "reps": 3},
        {"title": "Rotation", "text": "Laissez tomber les genoux.", "cue": "Genoux à droite, à gauche !", "reps": 10},
        {"title": "Le chat", "text": "Arrondissez le dos.", "cue": "Arrondir, creuser ?", "reps": 8},
        {"title": "Le pont", "text": "Soulevez les fesses.", "cue": "Soulevez les fesses", "hold": 5, "reps": 10},
    ]
    path = make_content(language="fr-FR", routine={"title": "Les exercices", "steps": steps})
    (pdf,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=(only,)))
    lines = lines_of(pdf)
    assert any("« Les Tilleuls »" in line.replace("\u00a0", " ") for line in lines), lines
    parted = [(a, b) for a, b in itertools.pairwise(lines) if b[:1] in "?!:;»" or a.endswith("«")]
    assert not parted, parted


@pytest.mark.parametrize("only", ["handout", "handout-large-print", "poster"])
def test_a_narrow_no_break_space_typed_is_never_a_line_break(only: str, make_content, workdir: Path) -> None:
    """Word and macOS type French marks with a narrow no-break space (U+202F): "« tennis-elbow »", "lendemain !".
    reportlab broke lines at it as at any space, and a title ended a line with "(«" and opened the next with
    "tennis-elbow »)". A no-break space typed (narrow, or a figure space, U+2007: "10 000") breaks no line,
    and prints as typed."""
    nnbsp, figure = "\u202f", "\u2007"
    phrase = f"«{nnbsp}tennis-elbow{nnbsp}»"
    title = f"Épicondylite latérale ({phrase}){nnbsp}: exercices de renforcement"
    text = " ".join(
        f"Tenez{nnbsp}{count}{figure}000 fois {phrase}{nnbsp}! Puis relâchez{nnbsp}; bien{nnbsp}?" for count in range(1, 9)
    )
    steps = [{"title": f"Serrer {phrase}", "text": text, "cue": f"Serrez la balle {phrase}{nnbsp}!", "reps": 10}]
    path = make_content(language="fr-FR", title=title, routine={"title": "Exercices", "steps": steps})
    (pdf,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=(only,)))
    lines = lines_of(pdf)
    assert any("(« tennis-elbow ») :" in line for line in lines), lines  # pdfplumber reads a U+202F as a space
    with pdfplumber.open(pdf) as opened:
        glyphs = [char["text"] for page in opened.pages for char in page.chars]
    assert glyphs.count(nnbsp) >= title.count(nnbsp)  # each narrow space printed, not a whole one in its place
    parted = [(a, b) for a, b in itertools.pairwise(lines) if b[:1] in "?!:;»" or a.endswith(("«", "(«")) or b[:3] == "000"]
    assert not parted, parted


@pytest.mark.parametrize("only", ["handout", "handout-large-print"])
def test_a_polish_word_of_one_letter_never_ends_a_line(only: str, make_content, workdir: Path) -> None:
    """A Polish handout ended lines with "operator w" and "ani w": Polish typesetting keeps a word of one letter
    ("w", "i", "z") with the word after it, as a Polish reader expects."""
    points = [
        "**Nie zginaj biodra powyżej 90°.** Tak zalecił operator w pierwszych sześciu tygodniach.",
        "**Nie zakładaj nogi na nogę.** Nie krzyżuj nóg ani w siadzie, ani w leżeniu.",
        "**Ćwicz przy stabilnym meblu.** Krzesło bez kółek albo blat kuchenny.",
    ]
    summary = "Regularne ćwiczenia pomagają odzyskać siłę i sprawność po operacji. Wykonuj je spokojnie, bez bólu."
    path = make_content(language="pl-PL", summary=summary, safety={"title": "Zanim zaczniesz", "points": points})
    (pdf,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=(only,)))
    lines = lines_of(pdf)
    assert any("operator" in line for line in lines), lines
    lonely = [line for line in lines if re.search(r"(?:^|\s)[^\W\d_]$", line.replace("\u00a0", " "))]
    assert not lonely, lonely


def test_a_polish_word_of_one_letter_typed_at_a_line_end_in_brand_yaml_never_ends_a_printed_line(
    make_content, workdir: Path
) -> None:
    """A footer typed on lines (`footer: |`) kept its line breaks, which print as spaces but were none to the
    rules that keep words together: a Polish footer's "ani w" typed at a line's end could end a printed line,
    "w" alone. A brand text's typed line breaks are spaces."""
    brand = workdir / "brand.yaml"
    typed = "\n".join(f"  {'zo ' * count}ani w\n  siadzie." for count in range(12))
    clinic = re.sub(r"(?m)^footer:.*\n(  .*\n)*", lambda _: f"footer: |\n{typed}\n", brand.read_text(encoding="utf-8"))
    brand.write_text(clinic, encoding="utf-8")
    (pdf,) = build(make_content(language="pl-PL"), brand, Options(out=workdir / "out", only=("handout",)))
    lines = lines_of(pdf)
    assert sum(line.replace("\u00a0", " ").count("ani w siadzie") for line in lines) >= 3, lines
    lonely = [line for line in lines if re.search(r"(?:^|\s)[^\W\d_]$", line.replace("\u00a0", " "))]
    assert not lonely, lonely


@pytest.mark.parametrize("only", ["handout", "handout-large-print"])
@pytest.mark.parametrize(
    ("language", "sentence", "whole"),
    [
        ("nl-NL", "Bel {shift}snel Anna van der Berg of Piet de Vries.", ["van der Berg", "de Vries"]),
        ("pl-PL", "Ćwicz {shift}spokojnie: pomaga to ok. 30% osób.", ["ok. 30%"]),
    ],
)
def test_a_name_with_its_particles_or_an_abbreviation_with_its_number_never_parts(
    only: str, language: str, sentence: str, whole: list[str], make_content, workdir: Path
) -> None:
    """A Dutch sheet ended lines with "Anna van der" and "Piet de", and a Polish one with "ok." before "30%"
    opened the next: a Dutch surname keeps its particles, and a Polish abbreviation what follows it."""
    summary = " ".join(sentence.format(shift="zo " * count) for count in range(24))  # each at another place
    (pdf,) = build(
        make_content(language=language, summary=summary), workdir / "brand.yaml", Options(out=workdir / "out", only=(only,))
    )
    printed = "\n".join(lines_of(pdf)).replace("\u00a0", " ")
    assert all(printed.count(phrase) == 24 for phrase in whole), [line for line in printed.splitlines() if "zo" in line]


def heading_lines(path: Path, heading: str) -> list[list[str]]:
    """The lines `heading` is printed on, each time it is printed on more than one (read back from the PDF)."""
    lines = [" ".join(line.replace("\u00a0", " ").split()) for line in lines_of(path)]
    found = []
    for start in range(len(lines)):
        end = start
        while len(" ".join(lines[start : end + 1])) < len(heading) and end + 1 < len(lines):
            end += 1
        if end > start and " ".join(lines[start : end + 1]) == heading:
            found.append(lines[start : end + 1])
    return found


KNEE_HEADING = "Doing it yourself is fine, but a professional's touch is better"  # the knee's second section's
SHOULDER = ROOT / "tests" / "fixtures" / "shoulder-three-times-a-day.yaml"  # its poster's title a size smaller


def ends_short(line: str) -> bool:
    """Whether a line ends on a word of one or two letters ("e", "a", "de", "il")."""
    word = line.split()[-1]
    return len(word) <= 2 and word.isalpha()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("routine", "language", "heading", "only", "paper"),
    [
        (SHOULDER, "pt-BR", "Automassagem e alongamento para dor lombar", "poster-large-print", "A4"),
        (CONTENT, "es-ES", "Automasaje de la espalda y el cuello", "handout", "A4"),
        (CONTENT, "es-ES", "Automasaje de la espalda y el cuello", "handout-large-print", "letter"),
        (CONTENT, "it-IT", "Automassaggio e stretching per il mal di schiena", "poster", "letter"),
        (CONTENT, "en-GB", KNEE_HEADING, "handout", "A4"),
    ],
)
def test_a_heading_ends_no_line_on_a_word_of_one_or_two_letters(
    routine: Path, language: str, heading: str, only: str, paper: str, workdir: Path
) -> None:
    """The Brazilian large-print poster's title read "Automassagem e" / "alongamento para dor lombar", the
    knee handout's heading "Doing it yourself is fine, but a" / "professional's touch is better". A heading's
    word of one or two letters is kept with the word after it, so no line of it ends on one."""
    content = yaml.safe_load(routine.read_text(encoding="utf-8"))
    content.update(language=language, **({} if heading == KNEE_HEADING else {"title": heading}))
    path = workdir / "content.yaml"
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (pdf,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=(only,), paper=paper))
    printed = heading_lines(pdf, heading)
    assert printed, "the heading fits on one line: the test no longer shows a break"
    assert not [lines for lines in printed if any(ends_short(line) for line in lines[:-1])], printed
