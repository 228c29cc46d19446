"""Every printed word in the patient's language: the knee routine built in each shipped language has no
English label left on any of its four PDFs (the labels are read from handouts/words/labels.py), its counts, page
numbers, weekdays, "Prepared for" line and references in that language; every catalog is complete; an
unknown language is an error and one without a catalog a warning; a clinic can reword any label."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import jinja2.ext
import pdfplumber
import pypdf
import pytest
import yaml
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from conftest import BRAND, CONTENT, ROOT, build_one, flat, knee, knee_for_a_patient, line_of, pages_text, pdf_text, run
from test_poster_properties import glyphs_in_margin

from handouts.build import Options, build
from handouts.words.i18n import CATALOGS, catalog_languages
from handouts.words.labels import IN_CONTEXT, LABELS, PLURALS
from handouts.words.locales import weekdays

SHIPPED = [language for language in catalog_languages() if language != "en"]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# What each language prints for a few facts of the knee routine built for Jo Bloggs on 1 December 2026.
EXPECTED = {
    "cy": ("Tudalen 1 o", "5 gwaith", "Wedi’i baratoi ar gyfer Jo Bloggs ar 1 Rhagfyr 2026", "Cyfeiriadau"),
    "de": ("Seite 1 von", "5-mal", "Erstellt für Jo Bloggs am 1. Dezember 2026", "Literatur"),
    "es": ("Página 1 de", "5 veces", "Preparado para Jo Bloggs el 1 de diciembre de 2026", "Referencias"),
    "es-MX": ("Página 1 de", "5 veces", "Preparado para Jo Bloggs el 1 de diciembre de 2026", "Referencias"),
    "fr": ("Page 1 sur", "5 fois", "Préparé pour Jo Bloggs le 1er décembre 2026", "Références"),
    "fr-CA": ("Page 1 sur", "5 fois", "Préparé pour Jo Bloggs le 1er décembre 2026", "Références"),
    "it": ("Pagina 1 di", "5 volte", "Preparato per Jo Bloggs il 1º dicembre 2026", "Bibliografia"),
    "nl": ("Pagina 1 van", "5 keer", "Opgesteld voor Jo Bloggs op 1 december 2026", "Literatuur"),
    "pl": ("Strona 1 z", "5 razy", "Dla: Jo Bloggs, data: 1 grudnia 2026", "Bibliografia"),
    "pt": ("Página 1 de", "5 vezes", "Preparado para Jo Bloggs em 1 de dezembro de 2026", "Referências"),
    "pt-BR": ("Página 1 de", "5 vezes", "Preparado para Jo Bloggs em 1 de dezembro de 2026", "Referências"),
}


def english_fragments() -> set[str]:
    """The words of every English label and count, less the placeholders: what must not be printed."""
    messages = [*LABELS.values(), *(form for pair in PLURALS.values() for form in pair)]
    pieces = {piece.strip(" .:?") for message in messages for piece in PLACEHOLDER.split(message)[::2]}
    return {piece for piece in pieces if len(piece) >= 6}


def translations(language: str) -> list[tuple[str, ...]]:
    with (CATALOGS / f"{language}.po").open("rb") as source:
        catalog = read_po(source, locale=language.replace("-", "_"))
    return [message.string if isinstance(message.string, tuple) else (message.string,) for message in catalog if message.id]


def test_every_language_in_the_test_is_shipped() -> None:
    assert sorted(EXPECTED) == SHIPPED
    assert {"cy", "es", "fr", "de", "it", "pt", "pl", "nl"} <= set(SHIPPED)


@pytest.mark.slow
@pytest.mark.parametrize("language", SHIPPED)
def test_the_knee_routine_prints_no_english_label(language: str) -> None:
    _, written = knee_for_a_patient(language)
    texts = {}
    for name, pdf in written.items():
        with pdfplumber.open(pdf) as document:  # longer words (German, Welsh) never run into the margin
            texts[name] = flat(pages_text(document))
            assert not [glyph for page in document.pages for glyph in glyphs_in_margin(page)], pdf.name
            # A poster is one page (its glyphs inside the margins, as above): read once, not parsed again by
            # test_poster.assert_one_page_inside_margins, a tenth of this test's time.
            assert "poster" not in pdf.name or len(document.pages) == 1, pdf.name
    # The therapist's own words are English, and a few labels are the same word in both languages ("Video").
    content = flat(CONTENT.read_text(encoding="utf-8") + BRAND.read_text(encoding="utf-8"))
    same = " ".join(text for message in translations(language) for text in message)
    fragments = [f for f in english_fragments() if f not in content and not re.search(rf"\b{re.escape(f)}\b", same)]
    left = {name: [f for f in fragments if re.search(rf"\b{re.escape(f)}\b", text)] for name, text in texts.items()}
    assert not any(left.values()), left
    page, count, prepared, references = EXPECTED[language]
    handout = texts["handout"]
    assert page in handout and count in handout and prepared in handout and references in handout
    assert page in texts["handout-large-print"]
    poster = texts["poster"]
    assert all(day in poster for day in weekdays(language))
    assert count in poster


@pytest.mark.parametrize("language", SHIPPED)
def test_each_catalog_is_complete(language: str) -> None:
    with (CATALOGS / f"{language}.po").open("rb") as source:
        catalog = read_po(source, locale=language.replace("-", "_"))
    with (CATALOGS / "handouts.pot").open("rb") as source:
        template = read_po(source)
    forms = get_plural(language.replace("-", "_")).num_plurals  # a country's own: pt-BR's is Babel's pt_BR
    for message in template:
        if not message.id:
            continue
        # A count in a context (labels.IN_CONTEXT) is given only where the language words it otherwise.
        translated = catalog.get(message.id, message.context) or (catalog.get(message.id) if message.context else None)
        assert translated is not None and not translated.fuzzy, f"{language}: {message.id!r} is not translated"
        strings = translated.string if isinstance(translated.string, tuple) else (translated.string,)
        assert all(strings) and len(strings) == (forms if isinstance(message.id, tuple) else 1), message.id
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = {name for text in english for name in PLACEHOLDER.findall(text)}
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) <= wanted and "<" not in text and "&" not in text, (language, text)
            assert {"n", "reps"} & wanted or set(PLACEHOLDER.findall(text)) == wanted, (language, text)
        assert "Reviewer:" in (catalog.header_comment or ""), f"{language}: the header must say who may review it"


def _messages(language: str) -> dict[object, tuple[str, ...]]:
    with (CATALOGS / f"{language}.po").open("rb") as source:
        catalog = read_po(source, locale=language.replace("-", "_"))
    return {
        (message.id, message.context): message.string if isinstance(message.string, tuple) else (message.string,)
        for message in catalog
        if message.id
    }


@pytest.mark.parametrize("language", [language for language in SHIPPED if "-" in language])
def test_a_countrys_catalog_rewords_its_languages_and_spaces_marks_as_it_does(language: str) -> None:
    """A country's own catalog (pt-BR) is its language's (pt) reworded where that country's patients word a label
    otherwise: it differs from it, and a space before a colon is as the language sets it (French, a no-break one;
    Quebec, no space before a question mark, as Quebec sets it)."""
    own, base = _messages(language), _messages(language.split("-")[0])
    assert own.keys() == base.keys() and own != base
    leaning = re.compile(r"\s(?=[:;!?])")
    for key, strings in own.items():
        for text, based in zip(strings, base[key], strict=True):
            assert set(leaning.findall(text)) <= set(leaning.findall(based)), (language, text, based)


def test_the_template_of_catalogs_holds_every_label() -> None:
    with (CATALOGS / "handouts.pot").open("rb") as source:
        ids = {(message.id, message.context) for message in read_po(source) if message.id}
    in_context = {(PLURALS[key], context) for context, keys in IN_CONTEXT.items() for key in keys}
    assert ids == {(english, None) for english in [*LABELS.values(), *PLURALS.values()]} | in_context


def test_every_label_the_templates_print_is_a_known_label() -> None:
    for template in (ROOT / "templates").glob("*.j2"):
        with template.open("rb") as source:
            extracted = jinja2.ext.babel_extract(source, ("_", "gettext", "ngettext"), [], {})
            found = {message[0] if isinstance(message, tuple) else message for _, _, message, _ in extracted}
        assert found, template.name
        assert found <= set(LABELS.values()), f"{template.name}: {found - set(LABELS.values())}"


def test_the_warning_of_a_language_without_a_catalog_says_how_to_word_its_labels(make_content, workdir: Path) -> None:
    """A Swedish routine's labels print in English; the warning said so and no more: it says where to word them
    (brand.yaml's labels, in that language) or where the README tells how to add a catalog. A count ("2 minutes")
    has no label brand.yaml can word: a clinic that worded every label was warned the same, and its counts stayed
    English, unsaid."""
    path = make_content(language="sv")
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    (said,) = [line for line in output.splitlines() if line.endswith("[no-catalog]")]
    assert code == 0 and said.startswith(f"warning: {path}:"), output
    assert said.endswith(
        "the labels print in English; to print them in 'sv', word them under labels: {sv: …} in brand.yaml (a count "
        "such as '2 minutes' stays in English: only a catalog words it), or add a catalog (see the README's 'Printing "
        "in another language') [no-catalog]"
    ), said


@pytest.mark.slow
def test_a_language_without_a_catalog_prints_english_with_a_warning(make_content, workdir: Path) -> None:
    path = make_content(language="sv")
    code, output = run("build", str(path), "--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out"))
    assert code == 0
    assert f"warning: {path}:" in output and "language: no catalog of labels for 'sv'" in output
    assert "Page 1 of" in pdf_text(workdir / "out" / "knee-self-massage-handout.pdf")


def test_a_clinic_rewords_a_label_per_language(make_content, workdir: Path) -> None:
    brand = workdir / "brand.yaml"
    brand.write_text(
        brand.read_text(encoding="utf-8")
        + "labels:\n  es:\n    questions: ¿Dudas? Llámenos al %(phone)s\n  en:\n    sources: 'Evidence:'\n",
        encoding="utf-8",
    )
    spanish = make_content(name="es.yaml", language="es")
    (poster,) = build(spanish, brand, Options(out=workdir / "es", only=("poster",)))
    text = flat(pdf_text(poster))  # the contact lines sit beside the tracker: extraction may interleave them
    assert "¿Dudas? Llámenos" in text and "al 01632 960 123" in text and "Preguntas" not in text
    (poster,) = build(workdir / "content.yaml", brand, Options(out=workdir / "en", only=("poster",)))
    assert "Evidence: Perlman" in flat(pdf_text(poster)) and "Sources:" not in pdf_text(poster)


def test_a_countrys_language_worded_by_another_countrys_catalog_is_said_with_how_to_reword(make_content, workdir: Path) -> None:
    """An Angolan routine (pt-AO) prints its labels from the Portuguese catalog, Portugal's wording, and nothing
    said so. check says so, with where to reword them; done as it says, the sheet prints the clinic's words. A
    language of the catalog's own country says nothing, nor one with a catalog of its own country's (pt-BR)."""
    angola = make_content(name="ao.yaml", language="pt-AO")
    code, output = run("check", str(angola), "--brand", str(workdir / "brand.yaml"))
    said = [line for line in output.splitlines() if "catalog, worded as in" in line]
    assert code == 0 and said == [
        f"note: {angola}:{line_of(angola, 'language')}: language: pt-AO's labels print from the 'pt' catalog, worded as "
        "in Portugal: reword any it says otherwise under labels: {pt-AO: …} in brand.yaml"
    ], output
    for language, stand_in, country in (("es-AR", "es", "Spain"), ("de-CH", "de", "Germany"), ("fr-BE", "fr", "France")):
        path = make_content(name=f"{language}.yaml", language=language)
        code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
        assert code == 0 and f"{language}'s labels print from the '{stand_in}' catalog, worded as in {country}" in output
    for language in ("pt-PT", "de-DE", "pt", "pt-BR", "es-MX", "fr-CA"):
        path = make_content(name=f"{language}.yaml", language=language)
        code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
        assert code == 0 and "catalog, worded as in" not in output, (language, output)
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8") + "labels:\n  pt-AO: {questions: 'Dúvidas? Ligue %(phone)s'}\n")
    (poster,) = build(angola, brand, Options(out=workdir / "ao", only=("poster",)))
    assert "Dúvidas? Ligue" in flat(pdf_text(poster))


@pytest.mark.parametrize(
    ("language", "handout_says", "poster_says", "not_said"),
    [
        (
            "pt-BR",
            ["Revisado por Ana Lima.", "Procure seu médico hoje ou ligue para o 111", "Para saber mais"],
            ["Marque um quadradinho", "Ligue agora para o 999", "Procure seu médico hoje", "Escaneie para"],
            ["Revisto por", "médico de família", "Assinale", "Leitura adicional", "Ligue já"],
        ),
        (
            "pt-PT",
            ["Revisto por Ana Lima.", "Vá hoje ao seu médico de família ou ligue para o 111", "Leitura adicional"],
            ["Ligue já para o 999", "Vá hoje ao seu médico de família", "Leia o código"],
            ["Revisado por", "Procure seu médico", "Marque um quadradinho", "Para saber mais"],
        ),
        (
            "es-MX",
            ["Consulte hoy a su médico o llame al 111"],
            ["Consulte hoy a su médico o llame al 111"],
            ["médico de cabecera"],
        ),
        (
            "fr-CA",
            ["Consultez votre médecin aujourd’hui ou appelez le 111"],
            ["Des questions? ", "Consultez votre médecin aujourd’hui ou appelez le 111"],
            ["médecin traitant", "questions ?"],
        ),
    ],
)
def test_a_countrys_routine_prints_its_own_countrys_wording(
    make_content, workdir: Path, language: str, handout_says: list[str], poster_says: list[str], not_said: list[str]
) -> None:
    """A Brazilian clinic's sheets (pt-BR) read Portugal's Portuguese: "Revisto por", "Assinale um quadrado", "Vá
    hoje ao seu médico de família"; a Mexican one's Spain's "médico de cabecera" and "Vídeo", a Quebec one's
    France's "médecin traitant". Each prints its own country's words; Portugal's sheets still print Portugal's."""
    help_ = [
        {"sign": "Sign one.", "action": "emergency", "short": "One"},
        {"sign": "Sign two.", "action": "gp-today", "short": "Two"},
        {"sign": "Sign three.", "action": "call-clinic", "short": "Three"},
    ]
    path = make_content(language=language, reviewed_by="Ana Lima", help=help_, discomfort={"during": 3, "after": 2})
    options = Options(out=workdir / "out", only=("handout", "poster"), tracker_weeks=2)
    written = build(path, workdir / "brand.yaml", options)
    handout, poster = (flat(pdf_text(pdf)).replace("\u00a0", " ") for pdf in sorted(written))
    assert all(said in handout for said in handout_says), handout
    assert all(said in poster for said in poster_says), poster
    assert not [said for said in not_said if said in handout or said in poster], (handout, poster)


def test_a_clinic_label_with_a_foreign_placeholder_is_an_error(workdir: Path) -> None:
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8") + "labels:\n  en:\n    questions: Ring %(telephone)s\n", encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(brand))
    assert code == 1
    line = brand.read_text(encoding="utf-8").splitlines().index("    questions: Ring %(telephone)s") + 1
    assert f"error: {brand}:{line}: labels.en.questions: only these placeholders can be used: %(phone)s" in output, output


@pytest.mark.parametrize(
    ("label", "kept"),
    [
        ("help_emergency: Call now", "%(emergency)s"),
        ("help_gp_today: Ring the doctor", "%(urgent)s"),
        ("help_call_us: Ring us", "%(phone)s"),
    ],
)
def test_a_clinic_label_that_leaves_out_the_number_to_call_is_an_error(workdir: Path, label: str, kept: str) -> None:
    """A label "Call now" in place of "Call %(emergency)s now" passed check, and the help box and poster printed no
    number to call at all."""
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8") + f"labels:\n  en:\n    {label}\n", encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(brand))
    assert code == 1 and f"{label.split(':')[0]}: keep {kept} in it: it is the number a patient calls" in output, output


def test_no_is_norwegian_not_false(make_content, workdir: Path) -> None:
    path = make_content()
    path.write_text(path.read_text(encoding="utf-8").replace("language: en-GB", "language: no"), encoding="utf-8")
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    assert code == 0, output
    assert "language: no catalog of labels for 'no'" in output  # Norwegian, which ships no catalog yet


@pytest.mark.slow
def test_an_unknown_language_is_an_error_naming_the_line(make_content, workdir: Path) -> None:
    path = make_content(language="zz-QQ")
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    line = line_of(path, "language")
    assert code == 1
    assert f"error: {path}:{line}: language: unknown language tag 'zz-QQ'" in output


def test_a_translated_prepared_line_never_breaks_at_a_middle_dot(make_content, workdir: Path) -> None:
    """The Polish 'Prepared for' line set its details apart with middle dots: in large print on letter paper
    the line broke after one ('Dla: Maximilian von Hohenzollern · data: 1 grudnia 2026 ·'), a separator at
    a line's end, which the footer's never is (a generated handout found it)."""
    name = "Maximilian von Hohenzollern"
    brand = yaml.safe_load((workdir / "brand.yaml").read_text(encoding="utf-8"))
    brand.update(paper="letter", therapist=name)
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    path = make_content(language="pl")
    options = Options(out=workdir / "out", only=("handout-large-print",), patient=name, date=datetime.date(2026, 12, 1))
    (pdf_path,) = build(path, workdir / "brand.yaml", options)
    with pdfplumber.open(pdf_path) as pdf:
        lines = [flat(line["text"]) for page in pdf.pages for line in page.extract_text_lines()]
    assert not [line for line in lines if line.startswith("·") or line.endswith("·")]


@pytest.mark.parametrize("name", ["poster", "poster-large-print"])
def test_a_french_poster_sets_a_space_before_each_colon_after_a_label(make_content, workdir: Path, name: str) -> None:
    """A French poster read "Avant de commencer: Arrêtez…" and "Quelle gêne est acceptable: Pendant : …": the
    poster's own labels put the colon straight after the words, where French sets a no-break space before it,
    as the catalog's own labels on the same line did ("Pendant : jusqu'à 3 sur 10", "Sources : …")."""
    brand = workdir / "brand.yaml"
    clinic = brand.read_text(encoding="utf-8").replace("country: GB", "country: FR")
    brand.write_text(clinic.replace("contact:", 'contact:\n  emergency: "15"\n  urgent: "116117"'), encoding="utf-8")
    help_ = [{"sign": "Les deux jambes engourdies.", "action": "emergency", "short": "Jambes engourdies"}]
    path = make_content(language="fr", safety={"title": "Avant de commencer"}, help=help_, discomfort={"during": 3, "after": 2})
    (pdf_path,) = build(path, brand, Options(out=workdir / "out", only=(name,)))
    text = flat(pdf_text(pdf_path))
    for label in ("Avant de commencer", "Appelez le 15 tout de suite", "Quelle gêne est acceptable"):
        assert re.search(rf"{label}\s: ", text), (label, text)
        assert f"{label}:" not in text


def test_a_dutch_tracker_counts_weeks_from_the_start_not_the_calendar_week(make_content, workdir: Path) -> None:
    """The Dutch poster's tracker rows read "Weeknummer 1", "Weeknummer 2": a week number is the calendar's
    (week 49 is early December), so a patient starting in December read the rows as January's. Its rows
    count the weeks of the routine, as the other languages' do: "Week 1", "Week 2"."""
    path = make_content(language="nl")
    (pdf_path,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("poster",), tracker_weeks=2))
    text = flat(pdf_text(pdf_path))
    assert "Week 1" in text and "Week 2" in text
    assert "Weeknummer" not in text


@pytest.mark.parametrize("language", ["de", "pl"])
def test_the_posters_call_us_line_has_one_colon_not_one_either_side_of_the_number(
    make_content, workdir: Path, language: str
) -> None:
    """The German and Polish posters read "Hören Sie auf und rufen Sie uns an: 01632 960 123: Schmerzen
    schlimmer": the action's own wording put a colon before the number, and the poster one after it, before
    the signs. The action says the number inside its sentence, and the only colon is the poster's."""
    help_ = [{"sign": "Es wird schlimmer.", "action": "call-clinic", "short": "Schlimmer"}]
    path = make_content(language=language, help=help_)
    (pdf_path,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("poster",)))
    text = flat(pdf_text(pdf_path))
    assert "01632 960 123" in text
    assert not re.search(r":\s*01632 960 123\s*:", text), text


def test_a_language_whose_dates_no_font_prints_is_an_error_naming_the_language_line(make_content, workdir: Path) -> None:
    """Japanese weekday and month names (月, 日…) are in no configured font: the error named the file and
    the key but no line, unlike every other error."""
    path = make_content(language="ja")
    code, output = run("check", str(path), "--brand", str(workdir / "brand.yaml"))
    line = line_of(path, "language")
    assert code == 1
    assert (
        f"error: {path}:{line}: language: no configured font has the character '月' (U+6708) of the month names in ja" in output
    )
    # in the order the names have them, the plural said as such
    weekdays = "'月' (U+6708), '火' (U+706B), '水' (U+6C34), '木' (U+6728), '金' (U+91D1), '土' (U+571F), '日' (U+65E5)"
    assert f"language: no configured font has the characters {weekdays} of the weekday names in ja" in output


def test_a_routine_without_its_language_under_a_brand_of_another_is_warned_of(make_content, workdir: Path) -> None:
    """A German clinic (brand.yaml: language: de) whose routine left out `language` got English sheets without
    a word: the routine's language defaults to en-GB. Where the brand says another, check and build say so."""
    brand = workdir / "brand.yaml"
    path = make_content(language=None)
    code, output = run("check", str(path), "--brand", str(brand))
    assert code == 0 and "[no-language]" not in output  # the brand's language is the default's: nothing to say
    brand.write_text(brand.read_text(encoding="utf-8") + "language: de\n", encoding="utf-8")
    code, output = run("check", str(path), "--brand", str(brand))
    assert code == 0  # a warning
    expected = (
        f"warning: {path}:1: language: not given, so the sheets print in en-GB, though brand.yaml's language is "
        "'de': say the routine's language (language: de) [no-language]"
    )
    assert expected in output, output
    path = make_content(language="en-GB")
    code, output = run("check", str(path), "--brand", str(brand))
    assert code == 0 and "[no-language]" not in output
    # a US clinic: British dates, spelling and the 24-hour clock are as wrong as German labels
    path = make_content(language=None)
    for said, warned in (("en-US", True), ("en", False), ("en-gb", False)):
        brand.write_text(re.sub(r"(?m)^language: .*$", f"language: {said}", brand.read_text(encoding="utf-8")), encoding="utf-8")
        code, output = run("check", str(path), "--brand", str(brand))
        assert code == 0 and ("[no-language]" in output) == warned, (said, output)


def test_the_list_of_known_tags_is_made_once() -> None:
    """Every locale's tag, sorted, is made once a run, not again for each mistyped tag it suggests a tag for (a
    batch of patients' rows, the web form): a helper added above it had taken its cache."""
    from handouts.input.languages import known_tags
    from handouts.words.i18n import primary

    assert known_tags() is known_tags()
    assert primary("de-AT") == "de" and primary("PT-br") == "pt"


@pytest.mark.parametrize(
    ("language", "clinic", "heading"),
    [
        ("fr", "Cabinet de Kinésithérapie du Parc", "Contact : Cabinet de Kinésithérapie du Parc"),
        ("es", "Clínica de Fisioterapia Sol", "Contacto: Clínica de Fisioterapia Sol"),
    ],
)
def test_the_contact_heading_reads_with_any_clinics_name(
    make_content, workdir: Path, language: str, clinic: str, heading: str
) -> None:
    """The large-print handout's contact block was headed "Contacter Cabinet de Kinésithérapie du Parc" and
    "Contacte con Clínica de Fisioterapia Sol": a verb before a clinic's name, which in French and Spanish
    usually wants an article ("le Cabinet", "la Clínica") that the label cannot know. It is now a label and
    the name, as in German ("Kontakt: …")."""
    brand = workdir / "brand.yaml"
    brand.write_text(
        brand.read_text(encoding="utf-8").replace("name: Birchwood Massage & Physiotherapy", f"name: {clinic}"),
        encoding="utf-8",
    )
    path = make_content(language=language)
    (large,) = build(path, brand, Options(out=workdir / "out", only=("handout-large-print",)))
    text = flat(pdf_text(large))
    assert heading in text
    assert "Contacter" not in text and "Contacte con" not in text


@pytest.mark.parametrize(
    ("language", "said", "not_said"),
    [("de", "12-mal · je Seite", "jede Seite"), ("pl", "12 razy · na każdą stronę", "każda strona")],
)
def test_a_dose_done_on_each_side_says_so_as_the_language_does(
    make_content, workdir: Path, language: str, said: str, not_said: str
) -> None:
    """A German dose line read "12-mal · jede Seite" and a Polish one "12 razy · każda strona": "every page", a
    noun standing alone, where a dose says how often on each side ("je Seite", "na każdą stronę")."""
    routine = knee()["routine"]
    routine["steps"][1].update(reps=12, side="each")
    path = make_content(language=language, routine=routine)
    text = flat(pdf_text(build_one(path, workdir / "brand.yaml", workdir / "out")))
    assert said in text
    assert not_said not in text


def test_an_italian_sheet_addresses_the_patient_with_one_capital_throughout(make_content, workdir: Path) -> None:
    """The Italian poster said "Fonti: indicate nella sua scheda" where the handout said "Il Suo terapista": the
    catalog gave the polite "Suo" its capital in four labels and not in the two that point to the handout."""
    out = workdir / "out"
    brand = str(workdir / "brand.yaml")
    code, output = run(
        "build", str(make_content(language="it")), "--brand", brand, "--out", str(out), "--only", "poster", "--csl", "vancouver"
    )
    assert code == 0, output
    text = flat(pdf_text(out / "knee-self-massage-poster.pdf")).replace("\u00a0", " ")
    assert "Fonti: indicate nella Sua scheda" in text, text
    assert not re.search(r"\b(sua|suo) ", text), text


def test_a_french_sheet_writes_the_first_of_a_month_as_an_ordinal(make_content, workdir: Path) -> None:
    """A French handout read "Préparé pour Jo Bloggs le 1 décembre 2026" and "Prochain rendez-vous : mardi
    1 décembre 2026", where French writes "1er décembre" (as its reference list already dated its sources).
    Other days, and other languages, print as before."""
    path = make_content(language="fr", published="2026-11-01")
    options = Options(
        out=workdir / "out",
        only=("handout",),
        patient="Jo Bloggs",
        date=datetime.date(2026, 12, 1),
        next_appointment=datetime.date(2027, 3, 1),
    )
    (pdf_path,) = build(path, workdir / "brand.yaml", options)
    text = flat(pdf_text(pdf_path))
    assert "Préparé pour Jo Bloggs le 1er décembre 2026" in text, text
    assert "Prochain rendez-vous : lundi 1er mars 2027" in text, text
    assert "publiée le 1er novembre 2026" in text, text
    assert not re.search(r"\b1 (décembre|mars|novembre)", text), text


def test_a_german_appointment_says_the_hour_as_german_does(make_content, workdir: Path) -> None:
    """A German handout read "Nächster Termin: Dienstag, 15. Dezember 2026 um 14:30": a time of day is said with
    its "Uhr" ("um 14:30 Uhr")."""
    path = make_content(language="de")
    when = datetime.datetime(2026, 12, 15, 14, 30)
    (pdf_path,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",), next_appointment=when))
    assert "Nächster Termin: Dienstag, 15. Dezember 2026 um 14:30 Uhr" in flat(pdf_text(pdf_path))


@pytest.mark.parametrize(("language", "kept"), [("pl", "o godz.\u00a014:30"), ("de", "um 14:30\u00a0Uhr")])
def test_an_appointments_time_stays_with_the_word_for_the_hour(language: str, kept: str) -> None:
    """A Polish large-print handout broke "Następna wizyta: niedziela, 22 listopada 2026 o godz." / "14:30",
    the abbreviation for the hour ending one line and its time opening the next; a German one may so part
    "14:30" / "Uhr". The time is kept with the word the language says it with."""
    from handouts.words.i18n import Translator

    said = Translator(language=language).label("next_appointment_at", date="D", time="14:30")
    assert said.endswith(kept), said


@pytest.mark.parametrize("hour", [1, 9, 14])
@pytest.mark.parametrize("language", ["en-GB", "en-US", "cy", "de", "es", "es-MX", "fr", "it", "nl", "pl", "pt", "pt-BR"])
def test_an_appointment_as_a_sheet_prints_it_is_read_back(language: str, hour: int) -> None:
    """An appointment copied from a sheet into a patients list or --next-appointment, as the sheet prints it in
    its language ("martes, 15 de diciembre de 2026 a las 14:30", "Dienstag, 15. Dezember 2026 um 14:30 Uhr",
    "mardi 15 décembre 2026 à 14 h 30", "Dydd Mawrth, 15 Rhagfyr 2026 am 14:30"), was refused as no date: the
    words between the date and the time, and a weekday of two words, were not read."""
    from handouts.input import dates
    from handouts.words.i18n import Translator
    from handouts.words.locales import clock, day_and_date

    when = datetime.datetime(2026, 12, 15, hour, 30)
    day = day_and_date(when, language)
    said = str(Translator(language=language).label("next_appointment_at", date=day, time=clock(when.time(), language)))
    printed = said[said.index(day) :].replace("\u00a0", " ").replace("\u202f", " ")  # as copied and pasted
    assert dates.appointment(printed, language) == when, printed


@pytest.mark.parametrize(
    ("language", "hour", "said"),
    [
        ("es", 1, "martes, 15 de diciembre de 2026 a la 1:30"),
        ("es-MX", 13, "martes, 15 de diciembre de 2026 a la 1:30 p.m."),
        ("es", 13, "martes, 15 de diciembre de 2026 a las 13:30"),
        ("es-MX", 23, "martes, 15 de diciembre de 2026 a las 11:30 p.m."),
        ("it", 1, "martedì 15 dicembre 2026 all’01:30"),
        ("it", 13, "martedì 15 dicembre 2026 alle 13:30"),
        ("it", 11, "martedì 15 dicembre 2026 alle 11:30"),
        ("pt", 1, "terça-feira, 15 de dezembro de 2026 à 01:30"),
        ("pt", 13, "terça-feira, 15 de dezembro de 2026 às 13:30"),
    ],
)
def test_an_appointment_at_one_oclock_takes_the_singular_article(
    make_content, workdir: Path, language: str, hour: int, said: str
) -> None:
    """A Spanish handout read "Próxima cita: … a las 1:30 p.m.", an Italian one "alle 01:30" and a Portuguese one
    "às 01:30": one o'clock is singular where every other hour is plural ("a la una", "all'una", "à uma"; "a las
    trece", "alle tredici", "às treze")."""
    when = datetime.datetime(2026, 12, 15, hour, 30)
    options = Options(out=workdir / "out", only=("handout",), next_appointment=when)
    (pdf_path,) = build(make_content(language=language), workdir / "brand.yaml", options)
    text = flat(pdf_text(pdf_path).replace("\u202f", " ").replace("\u00a0", " "))
    assert said in text, text


def test_a_portuguese_leaflet_version_is_published_in_the_feminine(make_content, workdir: Path) -> None:
    """A Portuguese handout read "Versão 2.0, publicado em 28 de novembro de 2026": the version ("versão") is
    feminine, and the Spanish, Italian and French sheets already agreed with it ("publicada", "pubblicata")."""
    path = make_content(language="pt")
    (pdf_path,) = build(path, workdir / "brand.yaml", Options(out=workdir / "out", only=("handout",)))
    assert "Versão 2.0, publicada em 28 de novembro de 2026." in flat(pdf_text(pdf_path))


@pytest.mark.parametrize(
    ("day", "said"),
    [
        (8, "Preparato per Jo Bloggs l’8 dicembre 2026"),
        (11, "Preparato per Jo Bloggs l’11 dicembre 2026"),
        (1, "Preparato per Jo Bloggs il 1º dicembre 2026"),
        (18, "Preparato per Jo Bloggs il 18 dicembre 2026"),
    ],
)
def test_an_italian_date_takes_the_article_as_italian_says_it(make_content, workdir: Path, day: int, said: str) -> None:
    """An Italian handout read "Preparato per Jo Bloggs il 8 dicembre 2026" and "il 11": Italian elides the
    article before a vowel ("l'8", otto; "l'11", undici), and writes the first of a month as an ordinal
    ("il 1º dicembre", il primo). A number to call elides too ("ci chiami all'800 123 456"); "il 18" does not."""
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace("phone: 01632 960 123", "phone: 800 123 456"), encoding="utf-8")
    signs = [{"sign": "Il ginocchio fa più male del solito il mattino dopo.", "action": "call-clinic"}]
    path = make_content(language="it", published=f"2026-11-{day:02d}", help=signs)
    text = flat(pdf_text(build_one(path, brand, workdir / "out", patient="Jo Bloggs", date=datetime.date(2026, 12, day))))
    assert said in text, text
    assert f"pubblicata {said.split(' Bloggs ')[1].replace('dicembre', 'novembre')}." in text, text
    assert "Si fermi e ci chiami all’800 123 456" in text and not re.search(r"\bil (8|11|1) ", text), text


@pytest.mark.parametrize(("clinic", "said"), [("Ysbyty Afon", "Cysylltu ag Ysbyty Afon"), ("Birchwood", "Cysylltu â Birchwood")])
def test_a_welsh_contact_heading_says_ag_before_a_vowel(make_content, workdir: Path, clinic: str, said: str) -> None:
    """The Welsh large-print handout's contact block was headed "Cysylltu â Ysbyty Afon": Welsh says "ag"
    before a vowel ("Cysylltu ag Ysbyty Afon"), "â" before a consonant."""
    brand = workdir / "brand.yaml"
    brand.write_text(
        brand.read_text(encoding="utf-8").replace("name: Birchwood Massage & Physiotherapy", f"name: {clinic}"),
        encoding="utf-8",
    )
    (large,) = build(make_content(language="cy"), brand, Options(out=workdir / "out", only=("handout-large-print",)))
    text = flat(pdf_text(large))
    assert said in text, text
    assert "Cysylltu" not in text.replace(said, ""), text


@pytest.mark.parametrize(("hour", "minute", "said"), [(14, 30, "à 14 h 30"), (9, 5, "à 9 h 05"), (14, 0, "à 14 h")])
def test_a_french_appointment_writes_the_time_as_french_prose_does(
    make_content, workdir: Path, hour: int, minute: int, said: str
) -> None:
    """A French handout read "Prochain rendez-vous : mardi 15 décembre 2026 à 14:30", the timetable's form
    (CLDR's for France); French prose writes "à 14 h 30", its spaces never breaking."""
    when = datetime.datetime(2026, 12, 15, hour, minute)
    options = Options(out=workdir / "out", only=("handout",), next_appointment=when)
    (pdf_path,) = build(make_content(language="fr"), workdir / "brand.yaml", options)
    text = pdf_text(pdf_path)
    assert f"Prochain rendez-vous : mardi 15 décembre 2026 {said}" in flat(text.replace("\u00a0", " ")), text
    assert f"{hour}:{minute:02d}" not in text, text


def test_a_polish_hold_says_its_time_as_the_object_of_the_verb(make_content, workdir: Path) -> None:
    """A Polish dose read "przytrzymaj 1 minuta" and "przytrzymaj 1 sekunda": after the verb the time is its
    object, "przytrzymaj 1 minutę", "1 sekundę" (2 minuty and 5 minut as before, by Polish plural rules); a
    time standing alone (a step's duration) stays "1 minuta"."""
    routine = knee()["routine"]
    for step, dose in zip(
        routine["steps"], [{"hold": 60}, {"hold": 1}, {"hold": 120}, {"hold": 300}, {"duration": 60}], strict=False
    ):
        step.update(dose)
    path = make_content(language="pl", routine=routine)
    text = flat(pdf_text(build_one(path, workdir / "brand.yaml", workdir / "out"))).replace("\u00a0", " ")
    for said in ("przytrzymaj 1 minutę", "przytrzymaj 1 sekundę", "przytrzymaj 2 minuty", "przytrzymaj 5 minut"):
        assert said in text, (said, text)
    assert "1 minuta" in text and "przytrzymaj 1 minuta" not in text and "przytrzymaj 1 sekunda" not in text, text


def test_a_polish_rest_says_its_time_as_how_long_the_verb_lasts(make_content, workdir: Path) -> None:
    """A Polish dose read "przytrzymaj 1 minutę · odpoczynek 1 minuta": a noun with the time left in the nominative
    beside it, where the hold is a verb with its time in the accusative, as Polish says how long something lasts
    ("czekałem godzinę"). The rest is a verb too: "odpocznij 1 minutę", "1 sekundę", "2 minuty", "5 minut"."""
    routine = knee()["routine"]
    for step, rest in zip(routine["steps"], [60, 1, 120, 300], strict=False):
        step.update(rest=rest)
    path = make_content(language="pl", routine=routine)
    text = flat(pdf_text(build_one(path, workdir / "brand.yaml", workdir / "out"))).replace("\u00a0", " ")
    for said in ("odpocznij 1 minutę", "odpocznij 1 sekundę", "odpocznij 2 minuty", "odpocznij 5 minut"):
        assert said in text, (said, text)
    assert "odpoczynek" not in text, text


def test_a_catalog_that_leaves_a_held_count_empty_says_the_plain_count(make_content, workdir: Path, monkeypatch) -> None:
    """A catalog made as the README says (handouts.pot copied, the held counts left empty where the language says
    them as it says any time) printed the hold in English: "2 minutes halten". A count left empty is said as
    the catalog's plain count, "2 Minuten halten"."""
    import handouts.words.i18n as i18n

    template = (CATALOGS / "handouts.pot").read_text(encoding="utf-8")
    held = template[template.index("#. count: minutes, as how long") : template.index("#. count: sets_of")]
    catalogs = workdir / "locale"
    catalogs.mkdir()
    (catalogs / "de.po").write_text((CATALOGS / "de.po").read_text(encoding="utf-8") + "\n" + held, encoding="utf-8")
    monkeypatch.setattr(i18n, "CATALOGS", catalogs)
    routine = knee()["routine"]
    routine["steps"][0].update(hold=120)
    path = make_content(language="de", routine=routine)
    text = flat(pdf_text(build_one(path, workdir / "brand.yaml", workdir / "out"))).replace("\u00a0", " ")
    assert "2 Minuten halten" in text and "2 minutes halten" not in text, text


@pytest.mark.parametrize(
    ("clinic", "subject"),
    [("Atelier Santé", "Affiche pour le frigo d’Atelier Santé"), ("Cabinet du Parc", "Affiche pour le frigo de Cabinet du Parc")],
)
def test_a_french_posters_subject_elides_de_before_a_vowel(make_content, workdir: Path, clinic: str, subject: str) -> None:
    """A French poster's Subject, which a PDF viewer shows and a screen reader may read, was "Affiche pour le
    frigo de Atelier Santé": French elides "de" before a vowel ("d'Atelier Santé")."""
    brand = workdir / "brand.yaml"
    brand.write_text(
        brand.read_text(encoding="utf-8").replace("name: Birchwood Massage & Physiotherapy", f"name: {clinic}"),
        encoding="utf-8",
    )
    (poster,) = build(make_content(language="fr"), brand, Options(out=workdir / "out", only=("poster",)))
    assert pypdf.PdfReader(poster).metadata.subject == subject


def test_a_clinics_own_label_is_printed_as_typed_not_elided(make_content, workdir: Path) -> None:
    """The catalog's "de %(clinic)s" elides before a vowel, but a clinic's own label is its own words: "Poster
    de %(clinic)s" printed "Poster d'Atelier Santé", against the promise that labels print as typed."""
    brand = workdir / "brand.yaml"
    text = brand.read_text(encoding="utf-8").replace("name: Birchwood Massage & Physiotherapy", "name: Atelier Santé")
    brand.write_text(text + "labels:\n  fr:\n    poster_subject: Poster de %(clinic)s\n", encoding="utf-8")
    (poster,) = build(make_content(language="fr"), brand, Options(out=workdir / "out", only=("poster",)))
    assert pypdf.PdfReader(poster).metadata.subject == "Poster de Atelier Santé"
