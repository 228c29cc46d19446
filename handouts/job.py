"""A prepared job: everything loaded and checked for one routine, and the warnings found on the way.

`prepare` is the one place a build, `check` and `batch` start from. Warnings travel as data
(:class:`Problem`, with file, line and key) on the Job and on each rendered output; the CLI prints them.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handouts.errors import InputError, OptionError, Problem
from handouts.input.files import OUTSIDE, inside
from handouts.input.loading import Loaded, load_brand, load_content
from handouts.input.models import Brand, Content
from handouts.input.options import Options, Orientation
from handouts.layout.context import frozen_data
from handouts.media import images
from handouts.media.fonts import FontLoadError, Fonts, load_fonts
from handouts.pdf.theme import LARGE_PRINT, PROFILES, STANDARD, Profile, Theme, make_theme
from handouts.words.i18n import catalog_languages, has_catalog, translator
from handouts.words.references import STYLES, References, format_references, style_path
from handouts.words.wording import Wording


@dataclass(frozen=True)
class Job:
    """Everything loaded and checked for one routine; rendering needs nothing else."""

    content: Loaded[Content]
    brand: Loaded[Brand]
    fonts: Fonts
    references: References
    options: Options = field(default_factory=Options)
    themes: dict[str, Theme] = field(default_factory=dict)  # one per profile, built once
    warnings: tuple[Problem, ...] = ()
    data: Mapping[str, Any] = field(default_factory=dict)  # what templates see of the routine and brand
    wording: Wording = field(default_factory=Wording)  # the engine's own words, in the routine's language
    memo: dict[str, Any] = field(default_factory=dict, compare=False)  # results worth keeping per job (poster plans)

    def theme(self, profile: Profile = STANDARD) -> Theme:
        return self.themes[profile.name]

    @functools.cached_property
    def logo(self) -> images.Picture | None:
        """Loaded once per job (the poster's search places it in every layout it tries)."""
        logo = self.brand.model.logo
        return images.load_named(self.brand.source.path.parent, logo) if logo else None

    @property
    def pagesize(self) -> tuple[float, float]:
        return self.options.handout_pagesize(self.brand.model.paper)

    def poster_pagesize(self, orientation: Orientation) -> tuple[float, float]:
        return self.options.poster_pagesize(self.brand.model.paper, orientation)

    @property
    def website_url(self) -> str | None:
        website = self.brand.model.contact.website
        if not website:
            return None
        return website if "://" in website else f"https://{website}"


def _fonts(brand: Loaded[Brand]) -> Fonts:
    spec = brand.model.font
    base = brand.source.path.parent
    named = [("regular", spec.regular), ("bold", spec.bold)] if spec else []
    named += [(index, name) for index, name in enumerate(spec.fallback)] if spec else []
    for key, name in named:
        if name and not inside(base / name, base):
            where = ("font", "fallback", key) if isinstance(key, int) else ("font", key)
            raise InputError([brand.problem(where, f"{name} is outside the folder of {brand.source.path.name}: {OUTSIDE}")])
    extra = tuple(base / name for name in spec.fallback) if spec else ()
    try:
        if spec is None or not spec.regular:
            return load_fonts(family=spec.family if spec else None, extra=extra)
        bold = base / spec.bold if spec.bold else None
        return load_fonts(regular=base / spec.regular, bold=bold, extra=extra)
    except FontLoadError as exc:
        raise InputError([brand.problem(("font",), str(exc))]) from None


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
        raise InputError([brand.problem(("references", "style"), str(exc))]) from None
    if path.parent != STYLES and not inside(path, base):
        message = f"{settings.style} is outside the folder of {brand.source.path.name}: {OUTSIDE}"
        raise InputError([brand.problem(("references", "style"), message)])
    return path


def _check_glyphs(fonts: Fonts, content: Loaded[Content], brand: Loaded[Brand], options: Options) -> None:
    problems: list[Problem] = []
    for loaded in (content, brand):
        for path, text in loaded.texts:
            missing = fonts.missing(text)
            if missing:
                names = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in missing)
                problems.append(loaded.problem(path, f"no configured font has the character {names}"))
    pictures = [(content, ("routine", "steps", i, "image"), step.image) for i, step in enumerate(content.model.routine.steps)]
    pictures.append((brand, ("logo",), brand.model.logo))
    for loaded, path, name in pictures:
        if not name:
            continue
        drawn = "".join(images.load_named(loaded.source.path.parent, name).texts)  # checked when loaded: usable
        missing = fonts.missing(drawn)
        if missing:
            names = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in missing)
            problems.append(
                loaded.problem(path, f"{name}: its drawing has text with a character no configured font has: {names}")
            )
    for option, value in (("--patient", options.patient), ("--note", options.note)):
        if value and fonts.missing(value):
            count = len(fonts.missing(value))  # not which: a patient's name never appears in a message
            message = f"{count} of its characters {'is' if count == 1 else 'are'} in no configured font"
            problems.append(Problem(option, None, "", message))
    if problems:
        raise InputError(problems)


def _themes(brand: Loaded[Brand], fonts: Fonts, greyscale: bool) -> tuple[dict[str, Theme], list[Problem]]:
    """Each profile's theme, and one warning for each brand colour darkened to be read as text, naming the
    shade of every profile (said once per colour, not once per profile)."""
    themes, notes = {}, {}
    for profile in PROFILES:
        theme = make_theme(brand.model, profile, fonts, greyscale)
        themes[profile.name] = theme
        for name, message in theme.notes:
            said = notes.setdefault(name, [])
            said.append(f"in {profile.name.replace('-', ' ')} {message.split('; ', 1)[-1]}" if said else message)
    return themes, [brand.problem(("colors", name), "; ".join(messages)) for name, messages in notes.items()]


def prepare(content_path: Path, brand_path: Path, options: Options | None = None) -> Job:
    """Load and check everything; raise one InputError listing all problems of both files."""
    options = options or Options()
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
    fonts = _fonts(brand)
    _check_glyphs(fonts, content, brand, options)
    texts = [text for path, text in content.texts if path[0] != "references"]
    references = format_references(content.model, texts, _style(brand, options))
    themes, colour_warnings = _themes(brand, fonts, options.greyscale)
    warnings = (*content.warnings, *brand.warnings, *colour_warnings)
    language = content.model.language
    wording = Wording(language, translator(language, brand.model.labels))
    if not has_catalog(language):
        shipped = ", ".join(catalog_languages())
        message = f"no catalog of labels for '{language}' (shipped: {shipped}): the labels print in English"
        warnings = (*warnings, content.problem(("language",), message))
    data = frozen_data(content, brand, wording)
    return Job(content, brand, fonts, references, options, themes, warnings, data, wording)


__all__ = ["LARGE_PRINT", "STANDARD", "Job", "prepare"]
