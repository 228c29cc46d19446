"""A prepared job: everything loaded and checked for one routine, and the warnings found on the way.

`prepare` is the one place a build, `check` and `batch` start from. Warnings travel as data
(:class:`Problem`, with file, line, key and code) on the Job and on each rendered output; the CLI prints them.
"""

from __future__ import annotations

import copy
import functools
import operator
import os
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from handouts.errors import InputError, LayoutError, OptionError, Problem
from handouts.input.files import CONTROLS, OUTSIDE, inside, named_inside, on_a_drive, saved_as, saved_as_said
from handouts.input.languages import country_meant
from handouts.input.links import web_address
from handouts.input.loading import Loaded, load_brand, load_content
from handouts.input.models import UK_NUMBERS, Brand, Content
from handouts.input.options import Options, Orientation, Paper
from handouts.input.yamlsource import PathKey
from handouts.layout.context import frozen_data, in_handout_order
from handouts.layout.templating import misnamed
from handouts.media import images
from handouts.media.colours import (
    GRAPHIC_CONTRAST,
    VISIBLE_CONTRAST,
    WHITE,
    Palette,
    contrast,
    darken_for_text,
    luminance,
    palette,
)
from handouts.media.fonts import FontLoadError, Fonts, family, load_fonts, same_family, slanted, spaced, weight
from handouts.profiles import PROFILES, STANDARD, Profile
from handouts.words import elision, locales
from handouts.words.i18n import Foreign, catalog_languages, has_catalog, pick, primary, translator
from handouts.words.ink import codes, prints_nothing
from handouts.words.labels import (
    AMERICAN_COUNTRIES,
    AMERICAN_LABELS,
    CALL_AT_COUNTRIES,
    CALL_AT_LABELS,
    DOCTOR_LABELS,
    GP_COUNTRIES,
    IN_CONTEXT,
    LABELS,
    PLURALS,
)
from handouts.words.references import STYLES, References, StyleError, format_references, style_path
from handouts.words.wording import Wording

# Characters the engine prints around the author's words: digits, the dose line's and the footer's marks.
ENGINE_CHARACTERS = "0123456789%:;,.()/-\u2013\u00d7\u00b7\u2022\u2026"  # an en dash, times, middle dot, bullet, ellipsis
COUNTS = (0, 1, 2, 3, 5, 6, 11, 22)  # enough to meet every plural form of every language (Welsh has six)
SHARED_KEPT = 8  # results of each kind a job keeps for later patients (posters differ by appointment)
T = TypeVar("T")


@dataclass(frozen=True)
class Job:
    """Everything loaded and checked for one routine; rendering needs nothing else."""

    content: Loaded[Content]
    brand: Loaded[Brand]
    fonts: Fonts
    references: References
    options: Options = field(default_factory=Options)
    palettes: dict[str, Palette] = field(default_factory=dict)  # one per profile, made once
    # what the files (routine, brand, their pictures and fonts) gave rise to; see `warnings` for the options'
    file_warnings: tuple[Problem, ...] = ()
    data: Mapping[str, Any] = field(default_factory=dict)  # what templates see of the routine and brand
    wording: Wording = field(default_factory=Wording)  # the engine's own words, in the routine's language
    memo: dict[str, Any] = field(default_factory=dict, compare=False)  # results worth keeping (documents, poster plans)
    # Results that hold for every patient of this routine, kept by with_options: see kept().
    shared: dict[str, Any] = field(default_factory=dict, compare=False)
    # The numbers the help box names that brand.yaml does not give, printed as the UK's: another paper is
    # checked against them (letter paper says the clinic may be in the Americas).
    uk_numbers: tuple[str, ...] = ()

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Every warning for this job: its files', then its options' (a patient's name or note with U+FFFD), made
        for the options it has, so that a batch's later patient says only its own."""
        return (*self.file_warnings, *_option_lost_characters(self.options))

    @property
    def suppressed(self) -> frozenset[str]:
        """The kinds of warning not to say: --suppress's and brand.yaml's suppress_warnings."""
        return frozenset(self.options.suppress) | frozenset(self.brand.model.suppress_warnings)

    def palette(self, profile: Profile = STANDARD) -> Palette:
        return self.palettes[profile.name]

    @functools.cached_property
    def logo(self) -> images.Picture | None:
        """Loaded once per job (the poster's search places it in every layout it tries)."""
        logo = self.brand.model.logo
        return images.load_named(self.brand.source.path.parent, logo, self.content.model.language) if logo else None

    @property
    def pagesize(self) -> tuple[float, float]:
        return self.options.handout_pagesize(self.brand.model.paper)

    def poster_pagesize(self, orientation: Orientation) -> tuple[float, float]:
        return self.options.poster_pagesize(self.brand.model.paper, orientation)

    @property
    def website_url(self) -> str | None:
        website = self.brand.model.contact.website
        return web_address(website) if website else None

    def kept(self, kind: str, key: Hashable, make: Callable[[], T]) -> T:
        """What `make` gives, kept in `shared` under `key`, which must hold everything it depends on besides
        this routine's files (for every patient a batch's worker builds); the last SHARED_KEPT of each kind."""
        found: dict[Hashable, Any] = self.shared.setdefault(kind, {})
        if key not in found:
            made = make()
            while len(found) >= SHARED_KEPT:
                del found[next(iter(found))]
            found[key] = made
        return found[key]  # type: ignore[no-any-return]

    def with_options(self, options: Options) -> Job:
        """This routine for other options that read no file differently (another patient, date, note,
        appointment, paper or outputs): the files are not read, checked or formatted again, only the patient's
        name and note are checked for characters no font has, and the paper as prepare checks it (letter paper
        asks a clinic that names no country for its numbers). It shares `shared` with this job; its memo is
        its own."""
        if (options.csl, options.greyscale) != (self.options.csl, self.options.greyscale):
            raise ValueError("the reference style and greyscale are read when a job is prepared: prepare it again")
        problems = _option_glyphs(self.fonts, options)
        if problems:
            raise InputError(problems)
        _not_abroad(self.brand, self.content, options.paper, self.uk_numbers)
        return replace(self, options=options, memo={}, fonts=self.fonts.typing(_typed(options)))

    def located(self, error: LayoutError) -> LayoutError:
        """`error` (a copy) with the file, line and key of what to change in front of it: content.yaml's or
        brand.yaml's, or the option's (`--note`)."""
        if error.file.startswith("--"):
            problem = Problem(error.file, None, "", error.message)
        else:
            problem = (self.brand if error.file == "brand" else self.content).problem(error.key, error.message)
        located = copy.copy(error)
        located.problems, located.args = [problem], (str(problem),)
        return located


# The weights regular and bold text may print in; a variable font prints only its default one.
WEIGHTS = {"regular": (300, 500), "bold": (600, 1000)}
WEIGHT_NAMES = ("Thin", "ExtraLight", "Light", "Regular", "Medium", "SemiBold", "Bold", "ExtraBold", "Black")


def _fonts(brand: Loaded[Brand]) -> tuple[Fonts, list[Problem]]:
    """The brand's fonts, and a warning for each font that prints regular or bold text in another weight or
    slant: a variable font prints only its default one (a Google Fonts download's `…-VariableFont_wght.ttf` may
    print all text Thin), the bold file given as the regular one printed the whole sheet bold, and the italic one
    the whole sheet italic, large print's too."""
    spec = brand.model.font
    base = brand.source.path.parent
    named: list[tuple[tuple[str | int, ...], str | None]] = (
        [(("font", "regular"), spec.regular), (("font", "bold"), spec.bold)] if spec else []
    )
    named += brand.model.fallback_fonts
    warnings = []
    for where, name in named:
        key = where[-1]
        if name and not named_inside(name, base):
            raise InputError([brand.problem(where, f"{name} is outside the folder of {brand.source.path.name}: {OUTSIDE}")])
        try:
            found = weight(base / name) if name else None  # a fault is said at the line that names the file
        except FontLoadError as exc:
            raise InputError([brand.problem(where, exc.said_of(name))]) from None
        if name and key in WEIGHTS and not spaced(base / name):
            message = (
                f"{name} has no space, so the words set in it would print with empty boxes between them: it is a "
                "symbol font (or a damaged one); give a font for text"
            )
            raise InputError([brand.problem(where, message)])
        if found is not None and key in WEIGHTS and not WEIGHTS[key][0] <= found.weight <= WEIGHTS[key][1]:
            called = WEIGHT_NAMES[min(8, max(0, round(found.weight / 100) - 1))]
            if found.variable:
                message = (
                    f"{name} is a variable font: the sheets print only its default weight, {found.weight:g} ({called}), "
                    f"for {key} text; give a static {key} file (a Google Fonts download has them in its 'static' folder)"
                )
            elif found.fonts > 1:
                message = (
                    f"{name} is a collection of {found.fonts} fonts: the sheets use its first, the {called} face (weight "
                    f"{found.weight:g}), for {key} text; give a TrueType (.ttf) file of the {key} face"
                )
            else:
                message = (
                    f"{name} is the font's {called} face (weight {found.weight:g}): {key} text prints {called}; "
                    f"give its {key} file"
                )
            warnings.append(brand.problem(where, message).coded("font-weight"))
        if name and key in WEIGHTS and slanted(base / name):
            message = f"{name} is an italic face: {key} text prints italic, large print's too; give its upright {key} file"
            warnings.append(brand.problem(where, message).coded("font-weight"))
    if spec and spec.regular and spec.bold:
        regular, bold = family(base / spec.regular), family(base / spec.bold)
        if not same_family(regular, bold):
            message = (
                f"{spec.bold} is a font of the family {bold!r}, and font.regular ({spec.regular}) of {regular!r}: bold "
                f"text prints in another typeface; give the bold file of {regular}"
            )
            warnings.append(brand.problem(("font", "bold"), message).coded("font-family"))
    extra = tuple(base / name for _, name in brand.model.fallback_fonts)
    try:
        if spec is None or not spec.regular:
            return load_fonts(family=spec.family if spec else None, extra=extra), warnings
        bold = base / spec.bold if spec.bold else None
        return load_fonts(regular=base / spec.regular, bold=bold, extra=extra), warnings
    except FontLoadError as exc:
        raise InputError([brand.problem(("font",), str(exc))]) from None


MAX_NAMED = 5  # letters a warning names; it says how many more


def _fallen_back(fonts: Fonts, content: Loaded[Content], brand: Loaded[Brand]) -> list[Problem]:
    """A warning where the clinic's own font lacks letters or digits the routine or the brand's texts use: each
    prints in a fallback font (Noto Sans), in another style from the letters around it, and a font with no Latin
    letters at all (a CJK font) printed every word in Noto Sans without a word, as a display font without digits
    printed every phone number, dose and date so. Only for a font the brand names, and gives
    no fallback fonts of its own for: the shipped default's fallback is the design's, the clinic's its choice."""
    spec = brand.model.font
    if spec is None or not (spec.family or spec.regular) or brand.model.fallback_fonts:
        return []
    texts = [text for _, text in content.texts] + [text for _, text in brand.texts]
    missing = sorted({ch for text in texts for ch in text if ch.isalnum()} - fonts.covered)
    if not missing:
        return []
    named = ", ".join(f"{ch} ({codes(ch)})" for ch in missing[:MAX_NAMED])
    more = f" and {len(missing) - MAX_NAMED} more" if len(missing) > MAX_NAMED else ""
    message = (
        f"the clinic's font lacks letters or digits the texts use: {named}{more}; they print in a fallback font, unlike the "
        "letters around them (give a font that has them, or a family with them as `fallback`)"
    )
    bold_only = spec.bold is not None and not fonts.lacks(missing)  # the regular face has them: the bold lacks them
    key = ("font", "bold" if bold_only else "regular") if spec.regular else ("font",)
    return [brand.problem(key, message).coded("font-fallback")]


def _style(brand: Loaded[Brand], options: Options) -> Path:
    """The reference style: --csl (a name, or a file here), else brand.yaml's (a name, or a file beside it)."""
    if options.csl is not None:
        return style_path(options.csl)
    settings = brand.model.references
    if settings is None or settings.style is None:
        return style_path(None)
    base = brand.source.path.parent
    try:
        path = style_path(settings.style, base)
    except OptionError as exc:
        raise InputError([brand.problem(("references", "style"), str(exc.problems[0].message))]) from None
    if path.parent != STYLES and (on_a_drive(settings.style) or not inside(path, base)):
        message = f"{settings.style} is outside the folder of {brand.source.path.name}: {OUTSIDE}"
        raise InputError([brand.problem(("references", "style"), message)])
    return path


def missing_names(fonts: Fonts, text: str) -> str:
    """The characters of `text` no configured font has, as a message names them ('the character …' or 'the
    characters …, …', in the order the text has them; '' when none); letters the PDFs cannot set are said by
    `unset` instead."""
    missing = set(fonts.missing(text))
    if not missing:  # nearly every text: none to name, in order or not
        return ""
    found = [ch for ch in dict.fromkeys(text) if ch in missing and not unset(ch)]
    if not found:
        return ""
    return f"the character{'s' if len(found) > 1 else ''} " + ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in found)


# Said of text in a right-to-left script: reportlab sets each line's letters in the order they are stored, and
# shapes none, so an Arabic or Hebrew name printed backwards with its Arabic letters unjoined.
LATIN = "Write it in Latin letters for the printed sheets"
RIGHT_TO_LEFT = (
    "has right-to-left text (Arabic, Hebrew…), which the PDFs cannot set yet: its letters would print in reverse "
    f"order and unjoined. {LATIN}"
)


def right_to_left(text: str) -> bool:
    """Whether `text` has a letter of a right-to-left script (Unicode's bidirectional classes R and AL; not the
    invisible right-to-left mark a web page may leave in pasted text, which prints nothing)."""
    if text.isascii():  # most texts: no character to look up
        return False
    return any(unicodedata.bidirectional(ch) in ("R", "AL") and unicodedata.category(ch)[0] == "L" for ch in set(text))


# Scripts whose letters a font's own rules reorder, join or stack (Devanagari to Sinhala, Tibetan, Myanmar, Khmer,
# Mongolian): reportlab draws each character's glyph in the order stored and shapes none, so "मालिश" printed its
# vowel sign after the letter it is written before, and two letters that join as a conjunct apart, with a virama.
SHAPED = re.compile("[\u0900-\u0dff\u0f00-\u109f\u1780-\u18af\ua8e0-\ua8ff]")
UNSHAPED = (
    "has text in a script whose letters a font must reorder or join (Devanagari, Bengali, Tamil…), which the PDFs "
    f"cannot set yet: its words would print misspelt. {LATIN}"
)


def unset(text: str) -> str:
    """What keeps the PDFs from setting `text` as it reads, as a message says it: RIGHT_TO_LEFT or UNSHAPED ('' when
    nothing does)."""
    if text.isascii():  # most texts
        return ""
    if right_to_left(text):
        return RIGHT_TO_LEFT
    return UNSHAPED if SHAPED.search(text) else ""


# Unicode's control characters (category Cc) but tab and line breaks, lone surrogates (Cs), the line and
# paragraph separators, and the controls that embed, override or isolate a text's direction: the PDFs drop
# those, or print a space, where the web copy obeys them ("massage" after U+202E shows as "egassam")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u2028-\u202e\u2066-\u2069]")


def controls(text: str) -> str:
    """The control characters of `text` (NUL, BEL, ESC, U+2028, U+202E…; not tab or line break) and lone
    surrogates, by code ('' when none): YAML lets "\\0" and "\\e" in, and they made the PDF's metadata
    unreadable XML."""
    return codes(CONTROL.findall(text))


def _engine_words(brand: Loaded[Brand], wording: Wording) -> Iterator[tuple[str, str | None, str]]:
    """Everything the engine prints in the routine's language, with what it is and, for a clinic's own label,
    its key in brand.yaml: every label, each plural form, weekday and month names, digits and marks."""
    words, language = wording.words, wording.language
    own = dict(words.overrides)
    for key, english in LABELS.items():
        yield f"the label '{key}'", key if english in own else None, words.gettext(english)
    for key, (singular, plural) in PLURALS.items():
        for count in COUNTS:
            yield f"the label '{key}'", None, words.ngettext(singular, plural, count)
    for context, keys in IN_CONTEXT.items():
        for key in keys:
            for count in COUNTS:
                yield f"the label '{key}'", None, words.ngettext(*PLURALS[key], count, context)
    yield "the weekday names", None, " ".join(locales.weekdays(language))
    yield "the month names", None, " ".join(locales.month_names(language))
    yield "the engine's marks", None, ENGINE_CHARACTERS
    # what the labels print before a name, date or number in their other forms ("l'8", "d'Atelier"), "1º"
    yield "the labels' elided words", None, elision.forms(language) + locales.FIRST_OF_MONTH.get(primary(language), "")


def _labels_tag(brand: Loaded[Brand], language: str) -> str:
    """The tag under brand.yaml's `labels` whose labels the routine's `language` prints: the longest it starts
    with (the language itself when none does)."""
    tags = [tag for tag in brand.model.labels if language.lower().startswith(tag.lower())]
    return max(tags, key=len) if tags else language


def _check_style_glyphs(fonts: Fonts, references: References, style: Path) -> None:
    """The words a reference style adds of its own (its terms, prefixes and suffixes) have a font and read left
    to right, as the references' own text was checked as it was read: StyleError, said at the style, otherwise."""
    text = "".join((*references.entries, *references.further, *references.citations.values(), references.sources))
    if unsettable := unset(text):
        raise StyleError(style, f"the text the style adds {unsettable}")
    if names := missing_names(fonts, text):
        raise StyleError(style, f"no configured font has {names} of the text the style adds")


# U+FFFD, which a program writes in place of a character it could not read: text pasted from a document in another
# encoding, or a file saved in one. It prints (as a diamond with a question mark, or a box), so it is no error, but
# the word it is in has lost a letter.
LOST = "\ufffd"


LOST_SAID = "U+FFFD, a character that stands for one lost when the text was copied or saved in another encoding: retype it"


def _lost_word(text: str) -> str:
    """The word of `text` that holds U+FFFD, as a warning names it."""
    return next(word for word in text.split() if LOST in word)[:40]


def _lost_characters(content: Loaded[Content], brand: Loaded[Brand]) -> list[Problem]:
    """A warning for each text of the routine or brand, or of a drawing they name, holding U+FFFD, naming the
    word it is in."""
    problems = []
    for loaded in (content, brand):
        for path, text in loaded.texts:
            if LOST in text:
                problems.append(loaded.problem(path, f"{_lost_word(text)!r} has {LOST_SAID}").coded("lost-character"))
    for loaded, path, name in _pictures(content, brand):
        texts = images.load_named(loaded.source.path.parent, name, content.model.language).texts
        if lost := next((text for text in texts if LOST in text), None):
            message = f"{name}: its drawing's text {_lost_word(lost)!r} has {LOST_SAID}"
            problems.append(loaded.problem(path, message).coded("lost-character"))
    return problems


def _capitals(content: Loaded[Content], brand: Loaded[Brand]) -> list[Problem]:
    """A warning for each file the routine or brand names with other capitals than the file is saved with
    (`logo: Logo.PNG` for logo.png): found here on a Mac or Windows, not found on Linux or on the computer the
    folder is shared with (through git, say), where the build then fails."""
    named: list[tuple[Loaded[Any], PathKey, str | None]] = [*_pictures(content, brand)]
    font = brand.model.font
    named += [(brand, ("font", "regular"), font.regular), (brand, ("font", "bold"), font.bold)] if font else []
    named += [(brand, where, name) for where, name in brand.model.fallback_fonts]
    references = brand.model.references
    named.append((brand, ("references", "style"), references.style if references else None))
    problems = []
    for loaded, path, name in named:
        saved = saved_as(loaded.source.path.parent, name) if name else None
        if saved is not None:
            problems.append(loaded.problem(path, saved_as_said(name, saved)).coded("name-case"))
    return problems


def _option_lost_characters(options: Options) -> list[Problem]:
    """A warning for each of the patient's options holding U+FFFD (said without naming their characters)."""
    return [
        Problem(option, None, "", f"has {LOST_SAID}").coded("lost-character")
        for option, value in _patient_options(options)
        if value and LOST in value
    ]


def _pictures(content: Loaded[Content], brand: Loaded[Brand]) -> list[tuple[Loaded[Any], PathKey, str]]:
    """Each picture the files name: the file that names it, its key there, and its name as written."""
    pictures: list[tuple[Loaded[Any], PathKey, str | None]] = [
        (content, ("routine", "steps", i, "image"), step.image) for i, step in enumerate(content.model.routine.steps)
    ]
    pictures.append((brand, ("logo",), brand.model.logo))
    return [(loaded, path, name) for loaded, path, name in pictures if name]


# What to do of a drawing's text with a character no font has (a tick, an icon font's symbol): it cannot print
DRAWN_TEXT = (
    "in the program it was drawn in, turn its text into shapes (Inkscape: Path > Object to Path; Illustrator: Type > "
    "Create Outlines) and save it again, or "
)


def no_font(names: str, brand: Loaded[Brand], other_way: str = "write {it} another way, or ") -> str:
    """The error for characters no configured font has (`names`, see missing_names), with what a clinic can do:
    write them another way (an arrow as a word: no font shipped has one), or add a font that has them."""
    it = "them" if names.startswith("the characters") else "it"
    where = f"{brand.model.fallback_key} in {brand.source.path.name}"
    return f"no configured font has {names}: {other_way.format(it=it)}add a .ttf font that has {it} under {where}"


def _check_glyphs(fonts: Fonts, content: Loaded[Content], brand: Loaded[Brand], wording: Wording) -> list[Problem]:
    """Every character the sheets will print has a font: the files' text, their drawings' text, and the labels
    and dates the engine adds. The problems found."""
    problems: list[Problem] = []
    tag = _labels_tag(brand, wording.language)
    own_labels = {("labels", tag, key) for _, key, _ in _engine_words(brand, wording) if key}  # said below, as labels
    for loaded in (content, brand):
        for path, text in loaded.texts:
            names, controlling = missing_names(fonts, text), controls(text)
            if names and not (loaded is brand and path in own_labels):
                problems.append(loaded.problem(path, no_font(names, brand)))
            if unsettable := unset(text):
                problems.append(loaded.problem(path, unsettable))
            if controlling:
                problems.append(loaded.problem(path, f"has {controlling}; {CONTROLS}"))
    for loaded, path, name in _pictures(content, brand):
        texts = images.load_named(loaded.source.path.parent, name, content.model.language).texts
        drawn = "".join(texts)
        names, controlling = missing_names(fonts, drawn), controls(drawn)
        if names:
            said = no_font(f"{names} of its drawing's text", brand, DRAWN_TEXT)
            problems.append(loaded.problem(path, f"{name}: {said}"))
        elif unprintable := next((text for text in texts if fonts.face_for(text) is None), None):
            message = (
                f"{name}: its drawing's text {unprintable[:40]!r} has characters no one font has all of, and each "
                "text of a drawing prints in one font: write it as two texts, or give a fallback font with all of them"
            )
            problems.append(loaded.problem(path, message))
        if controlling:
            problems.append(loaded.problem(path, f"{name}: its drawing has text with {controlling}; {CONTROLS}"))
        if unsettable := unset(drawn):
            problems.append(loaded.problem(path, f"{name}: its drawing's text {unsettable}"))
    language = wording.language
    for what, key, text in _engine_words(brand, wording):
        names = missing_names(fonts, text.replace("%(", "").replace(")s", ""))
        if key and names:  # the clinic's own wording (said above, as its text, if the PDFs cannot set it)
            problems.append(brand.problem(("labels", tag, key), f"no configured font has {names} of {what} in {language}"))
        elif names:
            fix = f"add a font that has them under {brand.model.fallback_key}"
            message = f"no configured font has {names} of {what} in {language} ({fix})"
            problems.append(content.problem(("language",), message))
        elif not key and (unsettable := unset(text)):  # the dates' month names in Arabic: said of the built-in layout
            message = f"{what} in {language}: {unsettable.removesuffix(LATIN)}The sheets cannot be printed in {language} yet"
            problems.append(content.problem(("language",), message))
    return problems


def _printed(content: Loaded[Content], brand: Loaded[Brand], wording: Wording) -> Iterator[str]:
    """The texts the sheets print that are known before they are laid out, as the glyph check reads them: the
    files', their drawings' and the engine's words."""
    for loaded in (content, brand):
        yield from (text for _, text in loaded.texts)
    for loaded, _, name in _pictures(content, brand):
        yield from images.load_named(loaded.source.path.parent, name, content.model.language).texts
    yield from (text for _, _, text in _engine_words(brand, wording))


def _patient_options(options: Options) -> tuple[tuple[str, str | None], ...]:
    """The options that print words typed for a patient, each with its value."""
    return (("--patient", options.patient), ("--note", options.note), ("--therapist", options.therapist))


def _typed(options: Options) -> list[str]:
    """The words typed for a patient that the sheets print."""
    return [value for _, value in _patient_options(options) if value]


def _option_glyphs(fonts: Fonts, options: Options) -> list[Problem]:
    """A patient's name and note have a font for every character (said without naming their characters)."""
    problems = []
    for option, value in _patient_options(options):
        if value and (unsettable := unset(value)):
            problems.append(Problem(option, None, "", unsettable))
        elif value and fonts.missing(value):
            count = len(fonts.missing(value))  # not which: a patient's name never appears in a message
            message = f"{count} of its characters {'is' if count == 1 else 'are'} in no configured font"
            problems.append(Problem(option, None, "", message))
        if value and controls(value):
            problems.append(Problem(option, None, "", f"has a control character; {CONTROLS}"))
        elif value is not None and prints_nothing(value):  # a blank note is no note; an invisible one is a slip
            problems.append(Problem(option, None, "", "has only characters that print nothing: type it, or leave it out"))
    return problems


def _localized(brand: Loaded[Brand], language: str) -> tuple[Loaded[Brand], list[Problem]]:
    """The brand with each of its texts in the routine's language (a text given per language, {en: …, es: …},
    gives the routine's), and a warning for each text that has no version in it: that one is printed as given,
    a Foreign text that says the language it is in."""
    model, changes, warnings = brand.model, {}, []
    own_language = primary(language)
    for name in Brand.LOCALIZED:
        value = getattr(model, name)
        foreign: str | None = None
        if isinstance(value, dict):
            text, foreign = pick(value, language, model.language)
            changes[name] = text if foreign is None else Foreign(text, foreign)
        elif isinstance(value, str) and primary(model.language) != own_language:
            foreign = model.language
            changes[name] = Foreign(value, foreign)
        if foreign is not None:
            message = f"has no version in '{language}', the routine's language: give it as {{{model.language}: …, {language}: …}}"
            if isinstance(value, str):  # a Welsh clinic's tagline, in Welsh, was taken for English: the brand said no language
                message += f"; or, if brand.yaml's texts are in {language}, say so there: language: {language}"
            warnings.append(brand.problem((name,), message).coded("untranslated"))
    if not changes:
        return brand, warnings
    return Loaded(model.model_copy(update=changes), brand.source, brand.warnings), warnings


def _numbers(
    brand: Loaded[Brand], content: Loaded[Content], unsaid: tuple[str, ...], paper: Paper | None = None
) -> Loaded[Brand]:
    """The brand with the numbers its help box names: a UK clinic's 999 and 111 unless it gives its own; a
    clinic elsewhere must give them when a routine says to call them (`unsaid`: those it does not give; a wrong
    emergency number on a sheet a patient keeps is a safety error, never a guess). A brand that names no country
    is the UK's only where nothing says otherwise (see _abroad; `paper` is the one asked for, --paper or a
    batch's column)."""
    contact, country = brand.model.contact, brand.model.country
    missing = [name for name in ("emergency", "urgent") if not getattr(contact, name)]
    _not_abroad(brand, content, paper, unsaid)
    if country != "GB":
        problems = []
        for name in unsaid:
            what = "emergency number" if name == "emergency" else "number for urgent, same-day advice"
            message = f"the routine's 'help' says to call the {what}: give the one for {country} (999 and 111 are the UK's)"
            problems.append(brand.problem(("contact", name), message))
        if problems:
            raise InputError(problems)
        return brand
    if not missing:
        return brand
    model = brand.model.model_copy(update={"contact": contact.model_copy(update={name: UK_NUMBERS[name] for name in missing})})
    return Loaded(model, brand.source, brand.warnings)


def _unsaid(brand: Loaded[Brand], content: Loaded[Content]) -> tuple[str, ...]:
    """The numbers the routine's help box says to call that brand.yaml does not give ("emergency", "urgent")."""
    needed = {
        "emergency" if sign.action == "emergency" else "urgent" for sign in content.model.help if sign.action != "call-clinic"
    }
    contact = brand.model.contact
    return tuple(name for name in ("emergency", "urgent") if name in needed and not getattr(contact, name))


def _no_phone(brand: Loaded[Brand], content: Loaded[Content]) -> list[Problem]:
    """A warning where the routine's help box says to stop and call the clinic and brand.yaml gives no number:
    the sheet prints "Stop and call the clinic" with none a patient could ring (printed still: the rest of
    the box, and the other numbers, are worth having)."""
    if brand.model.contact.phone or not any(sign.action == "call-clinic" for sign in content.model.help):
        return []
    message = "the routine's 'help' says to stop and call the clinic, and the sheet has no number to print: add one"
    return [brand.problem(("contact", "phone"), message).coded("no-phone")]


# The help box's actions that say to call a number: the contact key naming it, and the label it prints in.
CALLS = {"emergency": ("emergency", "help_emergency"), "gp-today": ("urgent", "help_gp_today")}


def _worded_numbers(brand: Loaded[Brand], content: Loaded[Content], wording: Wording) -> list[Problem]:
    """A warning for each number the help box says to call (contact.emergency, contact.urgent) that is written
    in words, with no digit ("your GP"): every language's label names it where a number goes ("appelez le
    %(urgent)s", "zadzwoń pod %(urgent)s"), so words print as no sentence. Quoted as the sheet prints it."""
    problems = []
    for action in dict.fromkeys(sign.action for sign in content.model.help if sign.action in CALLS):
        name, label = CALLS[action]
        value = getattr(brand.model.contact, name)
        if not value or any(ch.isdigit() for ch in value):
            continue
        what = "the emergency number" if name == "emergency" else "the number for urgent, same-day advice"
        printed = wording.words.label(label, **{name: value})
        message = f"{value!r} is words, not a number, and the help box prints {printed!r}: give {what}, in digits"
        problems.append(brand.problem(("contact", name), message).coded("number-in-words"))
    return problems


def _not_abroad(brand: Loaded[Brand], content: Loaded[Content], paper: Paper | None, unsaid: tuple[str, ...]) -> None:
    """InputError where the sheet would print the UK's numbers for those `unsaid` (brand.yaml names no country)
    while something says the clinic may not be in the UK (see _abroad; `paper`: the one asked for)."""
    abroad = _abroad(brand, content, paper) if unsaid and "country" not in brand.model.model_fields_set else None
    if abroad:
        reason, suggested = abroad
        numbers = " and ".join(UK_NUMBERS[name] for name in unsaid)
        keys = ", ".join(f"{name}: …" for name in unsaid)
        noun = "numbers" if len(unsaid) > 1 else "number"
        message = (
            f"not given, so the sheet would say to call {numbers}, the UK's {noun}, but {reason}: add the clinic's "
            f"country ({suggested}) and its {noun} (contact: {keys}); country: GB keeps 999 and 111"
        )
        raise InputError([brand.problem(("country",), message)])


def _labels(brand: Brand) -> Mapping[str, Any]:
    """The clinic's labels, by language; where family doctors are not GPs, English says "doctor", in North
    America it calls a number "at" it, and in the US it checks a box and calls the sheet a handout, unless the
    clinic words it itself."""
    country = brand.country
    defaults = {
        **({} if country in GP_COUNTRIES else DOCTOR_LABELS),
        **(CALL_AT_LABELS if country in CALL_AT_COUNTRIES else {}),
        **(AMERICAN_LABELS if country in AMERICAN_COUNTRIES else {}),
    }
    if not defaults:
        return brand.labels
    # A tag is matched in any case ("EN" is "en"): the clinic's English labels are merged here, or "doctor",
    # given under "en" after its "EN", would win over its own wording.
    english = [labels.model_dump(exclude_none=True) for tag, labels in brand.labels.items() if tag.lower() == "en"]
    others = {tag: labels for tag, labels in brand.labels.items() if tag.lower() != "en"}
    return {"en": functools.reduce(operator.or_, english, defaults), **others}


# A language tag's region: a country's two letters, or an area's three digits (UN M.49: 419 is Latin America).
REGION = re.compile(r"[A-Za-z]{2}|[0-9]{3}")
UK_REGIONS = frozenset({"GB", "001", "150", "154"})  # the UK, the world, Europe, Northern Europe
# Languages whose tag alone ("cy") says nothing of a country outside the UK: English, Welsh, Scottish Gaelic,
# Cornish, Scots. Any other ("de", "pl") is spoken mostly elsewhere: the sheet may well be for a clinic there.
UK_LANGUAGES = frozenset({"en", "cy", "gd", "kw", "sco"})


def _abroad(brand: Loaded[Brand], content: Loaded[Content], paper: Paper | None = None) -> tuple[str, str] | None:
    """What says a clinic whose brand.yaml names no country may not be in the UK, where the default country
    would print the UK's numbers, and the `country:` it suggests: a region other than the UK's in the
    routine's or the brand's language ("en-US"; "es-419", Latin America, a region given by its UN number, which
    suggests no one country), a language without a region that is spoken mostly outside the UK ("de": a UK
    clinic's sheet for a German-speaking patient says `country: GB` once), or letter paper, the brand's or the
    one asked for (the Americas' and the Philippines'). None when nothing does (English, Welsh; "en-150",
    Europe, and "en-001", the world, which hold the UK)."""
    for whose, language in (("routine", content.model.language), ("brand", brand.model.language)):
        primary, *rest = language.split("-")
        region = next((part.upper() for part in rest if REGION.fullmatch(part)), None)
        if region is None and primary.lower() not in UK_LANGUAGES:
            likely = _likely_country(primary)
            return f"the {whose}'s language is {language}", f"country: {likely}, say" if likely else "country: its code"
        if region is not None and region not in UK_REGIONS:
            return f"the {whose}'s language is {language}", f"country: {region}" if region.isalpha() else "country: its code"
    if brand.model.paper == Paper.LETTER:
        return "the paper is letter", "country: US, say"
    if paper == Paper.LETTER:
        return "the paper asked for is letter", "country: US, say"
    return None


def _likely_country(language: str) -> str | None:
    """The country a language is most likely written in, by CLDR ("de": DE), if it names one."""
    from babel.core import get_global

    likely = get_global("likely_subtags").get(language.lower(), "")
    region = next((part for part in likely.split("_")[1:] if len(part) == 2 and part.isalpha()), None)
    return region if region and region.upper() != "GB" else None


def _palettes(brand: Loaded[Brand], greyscale: bool) -> tuple[dict[str, Palette], list[Problem]]:
    """Each profile's palette, and one warning for each brand colour darkened to be read as text, naming the
    shade of every profile (said once per colour, not once per profile)."""
    colours = brand.model.colors
    palettes = {p.name: palette(colours.primary, colours.accent, colours.text, p.min_contrast, greyscale) for p in PROFILES}
    notes: dict[str, list[str]] = {}  # said once per colour, naming every profile's shade
    for profile in PROFILES:
        # what was done, said with the profile it was done for unless that is the standard sheets (a colour
        # that only large print darkens was said as "darkened to …" with no word that the standard sheets keep it)
        where = "" if profile is STANDARD else f"in {profile.name.replace('-', ' ')} "
        for name, message in palettes[profile.name].notes:
            said = notes.setdefault(name, [])
            what, _, done = message.partition("; ")
            said.append(f"{where}{done}" if said else f"{what}; {where}{done}")
    shades = _own_shades(brand, palettes, set(notes)) if notes and not greyscale else {}  # none darkened: none to try
    warnings = [
        brand.problem(("colors", name), "; ".join(said) + _own_shade(name, brand, shades.get(name))).coded("contrast")
        for name, said in notes.items()
    ]
    return palettes, warnings + _pale_accent(brand)


def _pale_accent(brand: Loaded[Brand]) -> list[Problem]:
    """A warning when the safety box's bar and tint, in the accent (the primary where no accent is given), are too
    pale to be seen on white paper: the box drew no eye to its warnings. (A grey of the same luminance has the same
    contrast, so greyscale sheets are said of too.)"""
    colours = brand.model.colors
    name, colour = ("accent", colours.accent) if colours.accent else ("primary", colours.primary)
    ratio = contrast(colour, WHITE)
    if ratio >= VISIBLE_CONTRAST:
        return []
    darker = darken_for_text(colour, WHITE, GRAPHIC_CONTRAST)
    message = (
        f"brand colour {name} {colour} has contrast {ratio:.2f}:1 on white paper, so the safety box's bar and tint, "
        f"drawn in it, can hardly be seen: set a darker colors.accent (at least {VISIBLE_CONTRAST:g}:1; {darker}, say)"
    )
    return [brand.problem(("colors", name), message).coded("pale-accent")]


def _own_shade(name: str, brand: Loaded[Brand], shade: str | None) -> str:
    """What a clinic can do about a brand colour changed for contrast: set a shade of its own in brand.yaml, `shade`
    suggested (in greyscale none: a grey would print its colour sheets grey too)."""
    where = f"colors.{name} in {brand.source.path.name}"
    if shade is None:
        return f"; to choose the shade yourself, set {where} and run check again"
    return f"; to choose the shade yourself, set {where} ({shade}, say) and run check again"


SHADE_TRIES = 8  # rounds of shades tried for the suggestions of darkened colours (one or two do: each is darker)


def _own_shades(brand: Loaded[Brand], palettes: dict[str, Palette], names: set[str]) -> dict[str, str]:
    """A shade to suggest for each darkened brand colour of `names` (primary, text): the darkest printed in its
    place, or darker, such that the shades set together in brand.yaml are printed as set. A darker primary
    darkens its boxes' tint too, which may call for a darker primary and text still: an orange's large-print shade,
    set as the primary, was darkened again, and so was the text's set with it."""
    colours = brand.model.colors
    shades = {name: _darkest(name, palettes) for name in names}
    for _ in range(SHADE_TRIES):
        primary, text = shades.get("primary", colours.primary), shades.get("text", colours.text)
        tried = {p.name: palette(primary, colours.accent, text, p.min_contrast) for p in PROFILES}
        darker = {name for each in tried.values() for name, _ in each.notes if name in shades}
        if not darker:
            break
        shades.update({name: _darkest(name, tried) for name in darker})
    return shades


def _darkest(name: str, palettes: dict[str, Palette]) -> str:
    """The darkest shade the palettes print in place of brand colour `name` (the primary's text shade or band)."""
    if name == "text":
        printed = {palette.text for palette in palettes.values()}
    else:  # the primary's text shade and its band's
        printed = {shade for palette in palettes.values() for shade in (palette.primary_text, palette.primary)}
    return min(printed - {palettes[STANDARD.name].own}, key=luminance)


def prepare(content_path: Path, brand_path: Path, options: Options | None = None) -> Job:
    """Load and check everything; raise one InputError listing all problems of both files."""
    options = options or Options()
    # The clinic's layouts folder gone (moved or deleted while `serve` ran): the built-in layouts were used in its
    # place, and the page showed sheets that no build with --templates makes
    if options.templates is not None and not os.path.isdir(options.templates):
        raise OptionError(f"{options.templates}: folder not found (moved, renamed or deleted?)", "--templates")
    problems: list[Problem] = []
    loaded: dict[str, Loaded] = {}  # type: ignore[type-arg]
    for name, loader, path in (("content", load_content, content_path), ("brand", load_brand, brand_path)):
        try:
            loaded[name] = loader(path)
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    content, brand = loaded["content"], loaded["brand"]
    fonts, font_warnings = _fonts(brand)
    language = content.model.language
    brand, untranslated = _localized(brand, language)
    unsaid = _unsaid(brand, content)
    uk_numbers = unsaid if brand.model.country == "GB" else ()
    brand = _numbers(brand, content, unsaid, options.paper)
    wording = Wording(language, translator(language, _labels(brand.model)))
    problems = _check_glyphs(fonts, content, brand, wording) + _option_glyphs(fonts, options)
    if problems:
        raise InputError(problems)
    font_warnings += _fallen_back(fonts, content, brand)
    fonts = fonts.printing(_printed(content, brand, wording)).typing(_typed(options))
    texts = [text for path, text in in_handout_order(content.model, content.texts) if path[0] != "references"]
    style = _style(brand, options)
    try:
        references = format_references(content.model, texts, style)
        _check_style_glyphs(fonts, references, style)
    except StyleError as exc:  # the style file cannot be read or used
        settings = brand.model.references
        if options.csl is not None or settings is None or style.parent == STYLES:
            raise
        # brand.yaml's own file: said at the line that names it, as written there ("x.csl: file not found")
        raise InputError([brand.problem(("references", "style"), f"{settings.style}: {exc.reason}")]) from None
    palettes, colour_warnings = _palettes(brand, options.greyscale)
    warnings = (*content.warnings, *brand.warnings, *font_warnings, *colour_warnings, *untranslated)
    warnings += (
        *_no_phone(brand, content),
        *_worded_numbers(brand, content, wording),
        *_lost_characters(content, brand),
        *_capitals(content, brand),
        *misnamed(options.templates),
    )
    if not has_catalog(language):
        shipped = ", ".join(catalog_languages())
        meant = country_meant(language)  # `uk` for the UK's English: Ukrainian to a screen reader
        message = (f"{meant}; " if meant else "") + (
            f"no catalog of labels for '{language}' (shipped: {shipped}): the labels print in English; to print them "
            f"in '{language}', word them under labels: {{{language}: …}} in {brand.source.path.name} (a count such as "
            "'2 minutes' stays in English: only a catalog words it), or add a catalog (see the README's 'Printing in "
            "another language')"
        )
        warnings = (*warnings, content.problem(("language",), message).coded("no-catalog"))
    said = brand.model.language
    # the brand's language another, or another English (en-US: its dates, clock and spelling), not plain 'en'
    if (
        "language" not in content.source.data
        and said.lower() != language.lower()
        and (primary(said) != primary(language) or "-" in said)
    ):
        message = (
            f"not given, so the sheets print in {language}, though {brand.source.path.name}'s language is "
            f"'{said}': say the routine's language (language: {said})"
        )
        warnings = (*warnings, content.problem(("language",), message).coded("no-language"))
    data = frozen_data(content, brand, wording)
    return Job(content, brand, fonts, references, options, palettes, warnings, data, wording, uk_numbers=uk_numbers)


class Prepared:
    """Routines prepared once and made again for each set of options, as a batch's worker builds patient after
    patient: a routine's files are read, checked and its references formatted the first time it is asked for
    (as the files are then); each later job is that one's `with_options`, sharing what holds for every patient.
    Called as `prepare` is."""

    def __init__(self) -> None:
        self._jobs: dict[tuple[Path, Path, Path | None, bool], Job] = {}

    def __call__(self, content_path: Path, brand_path: Path, options: Options | None = None) -> Job:
        options = options or Options()
        key = (content_path, brand_path, options.csl, options.greyscale)
        kept = self._jobs.get(key)
        if kept is not None:
            return kept.with_options(options)
        job = self._jobs[key] = prepare(content_path, brand_path, options)
        return job


__all__ = ["Job", "Prepared", "prepare"]
