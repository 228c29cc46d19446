"""`handouts init`: a starter brand.yaml (and content.yaml) that builds at once."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from handouts.errors import OptionError
from handouts.input.files import UnreadableFileError, read_bytes
from handouts.input.yamlsource import parse_yaml
from handouts.output import LOCK, not_for_windows, write_all
from handouts.words.labels import GP_COUNTRIES

BRAND, CONTENT = "brand.yaml", "content.yaml"
RESERVED = {BRAND, CONTENT, LOCK}  # a logo's copy never takes one of these names

# Written into the starter routine where the therapist's own words belong; `handouts check` warns while any is left.
PLACEHOLDER = "Replace this text with your own."


@dataclass(frozen=True)
class Answers:
    """What `handouts init` asks; each default lives here."""

    name: str = "My Clinic"
    tagline: str = ""
    primary: str = "#14545C"
    accent: str = "#E9A23B"
    logo: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    address: str = ""
    therapist: str = ""
    country: str = "GB"  # which numbers the help box names: the UK's 999 and 111, else the two below
    emergency: str = ""
    urgent: str = ""
    paper: str = "A4"
    language: str = "en-GB"  # the handouts' language, and the clinic's own texts' where it writes no English


# Where letter paper is the standard (the rest of the world uses A4): the paper init suggests for a country.
LETTER_COUNTRIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "DO", "PR"})


def language_of(country: str) -> str:
    """The language init suggests for a clinic in `country`: the first of its official languages whose labels
    handouts prints ("en-US", "de-AT", "en-IN"), else its first, else British English."""
    from babel.languages import get_official_languages

    from handouts.input.languages import known_tag
    from handouts.words.i18n import has_catalog

    tags = [tag for language in get_official_languages(country, de_facto=True) if known_tag(tag := f"{language}-{country}")]
    return next((tag for tag in tags if has_catalog(tag)), tags[0] if tags else "en-GB")


def writes_english(country: str) -> bool:
    """Whether a clinic in `country` most likely writes its own texts (tagline, footer) in English."""
    return language_of(country).startswith("en")


def paper_of(country: str) -> str:
    """The paper a clinic in `country` most likely prints on."""
    return "letter" if country in LETTER_COUNTRIES else "A4"


def _scalar(value: str) -> str:
    """`value` as a YAML scalar on one line, however long: a double-quoted string (JSON's, which YAML 1.2
    reads), with every character YAML may not hold as it is written as an escape."""
    quoted = json.dumps(value, ensure_ascii=False)
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in quoted)


def _optional(key: str, value: str, indent: str = "") -> str:
    return f"{indent}{key}: {_scalar(value)}\n" if value else f"{indent}# {key}:\n"


def _numbers_said(country: str) -> str:
    """Where the help box's numbers to call come from, for the comment beside `country`: a clinic abroad was
    told "GB's numbers are 999 and 111" beside its own country and the numbers it had just given."""
    return "the help box says to call 999 and 111" if country == "GB" else "the help box gives the numbers under contact"


def brand_yaml(answers: Answers) -> str:
    doctor = "GP" if answers.country in GP_COUNTRIES else "doctor"
    english = writes_english(answers.country)
    lines = [
        "# Your clinic's look, used on every handout and poster. Colours are hex codes.\n",
        f"name: {_scalar(answers.name)}\n",
        _optional("tagline", answers.tagline),
        f"logo: {_scalar(answers.logo)}  # PNG, JPEG or SVG, in this folder\n"
        if answers.logo
        else "# logo: logo.png  # PNG, JPEG or SVG, in this folder\n",
        "colors:\n",
        f"  primary: {_scalar(answers.primary)}  # the header band and headings\n",
        f"  accent: {_scalar(answers.accent)}  # the safety box\n",
        "contact:\n",
        *(_optional(key, getattr(answers, key), "  ") for key in ("phone", "email", "website", "address")),
        # The help box's numbers: the UK's 999 and 111 are the defaults; elsewhere the clinic's, or commented out
        # until it gives them (a build that needs one stops, naming the line).
        *(_optional(key, getattr(answers, key), "  ") for key in ("emergency", "urgent") if answers.country != "GB"),
        _optional("therapist", answers.therapist),
        # In English only where the clinic writes English (a German clinic's sheets would print it untranslated)
        f"{'' if english else '# '}footer: This sheet gives general advice. "
        f"It does not replace advice from your therapist or {doctor}.\n",
        # Elsewhere the clinic typed its tagline and therapist in its own language: said, or each build warns
        # that they are untranslated
        "" if english else f"language: {_scalar(answers.language)}  # the language of the texts above\n",
        f"country: {_scalar(answers.country)}  # where the clinic is: {_numbers_said(answers.country)}\n",
        f"paper: {_scalar(answers.paper)}  # A4 or letter\n",
    ]
    return "".join(lines)


def content_yaml(answers: Answers) -> str:
    return f"""# A routine for your patients. Replace the example text with your own.
# Text takes **bold**, *italic* and [links](https://example.com); cite a source
# with [@id] and list it under references (CSL-YAML, as Zotero exports it).
id: my-routine  # names the PDF files: lower-case letters, digits and hyphens
language: {_scalar(answers.language)}
title: Shoulder rolls
subtitle: A short routine to ease tight shoulders
summary: >-
  Two or three sentences for your patient: what this routine is for and how
  often to do it. {PLACEHOLDER}
safety:
  title: Before you start
  points:
    - "**Stop if anything hurts.** Never push into pain."
routine:
  title: Step by step
  steps:
    - title: Get comfortable
      text: Sit upright in a chair with both feet flat on the floor.
      cue: Sit tall, feet flat  # the short line on the poster
    - title: Roll your shoulders
      text: Roll both shoulders slowly backwards, then slowly forwards.
      cue: Roll your shoulders
      repeat: 5 times each way
    - title: Relax
      text: Let your shoulders drop and breathe out slowly.
      cue: Drop your shoulders, breathe out
finish: Well done. Take a moment before you stand up.
# When to get help: each warning sign, and what to do about it (emergency: call the emergency number;
# gp-today: see a doctor today or call the urgent line; call-clinic: stop and call us). The numbers are
# brand.yaml's: 999 and 111 in the UK. `short` is the poster's wording.
help:
  - sign: A sign to watch for, in your patient's words. {PLACEHOLDER}
    action: call-clinic
    short: A sign to watch for
# How much discomfort is fine, from 0 (no pain) to 10 (worst pain): during the routine and after it.
# discomfort: {{during: 3, after: 3, settles: Any ache should settle by the next morning.}}
# reviewed_by: the clinician who checked this leaflet (`handouts check --strict` asks for one)
"""


# PowerShell pastes a file dragged into it as a command to run it: `& 'C:\\My Logo.png'` (a ' in it doubled)
POWERSHELL_CALL = re.compile(r"&\s*'(.*)'")


def _unquoted(text: str) -> str:
    """`text` without the quotes a terminal puts around a file dragged into it, PowerShell's `& '…'` too."""
    text = text.strip()
    if called := POWERSHELL_CALL.fullmatch(text):
        return called.group(1).replace("''", "'")
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def dropped_path(text: str) -> Path:
    """A file's path as typed or dragged into a terminal: in quotes ('…' or "…", or PowerShell's `& '…'`), with
    `\\ ` before spaces (macOS's Terminal), or as a file:// address (some Linux terminals)."""
    text, unquoted = text.strip(), _unquoted(text)
    if unquoted != text:
        text = unquoted
    elif text.startswith("file://"):
        from urllib.parse import unquote, urlsplit

        text = unquote(urlsplit(text).path)
        if os.name == "nt":
            text = text.lstrip("/")
    elif os.name != "nt" and "\\" in text and not os.path.exists(os.path.expanduser(text)):  # no raise of a long name
        # a shell's escapes: `My\ Logo.png`, `Logo\(1\).png`; one before a letter or digit escapes nothing: it
        # parts folders, as on Windows (`pictures\logo.png`)
        text = re.sub(r"\\(?=\w)", "/", text)
        text = re.sub(r"\\(.)", r"\1", text)
    return Path(text).expanduser()


def windows_path(text: str) -> bool:
    """Whether `text` is a whole path on a Windows computer (`C:\\Users\\…`, `\\\\server\\share\\…`), which a Mac or
    Linux does not have."""
    return bool(re.match(r"[A-Za-z]:[\\/]|\\\\[^\\]", _unquoted(text))) and os.name != "nt"


def logo_name(folder: Path, logo: Path, picture: bytes) -> str | None:
    """The name the logo's copy takes in `folder`: its own, unless that is a file init writes (brand.yaml) or
    one hidden from view (.handouts.lock), or names another file there, or is a name Windows cannot hold (a Mac's
    `Logo: v2.png`, which brand.yaml may not name, or `logo | final?.png`); None when the logo is there already."""
    from handouts.media.images import suffix as picture_suffix  # loads reportlab: only for a logo

    name = logo.name
    candidates = [name] if name not in RESERVED and not name.startswith(".") and not not_for_windows(name) else []
    suffix = picture_suffix(picture)
    candidates += [f"logo{suffix}", *(f"logo-{count}{suffix}" for count in range(2, 100))]
    for candidate in candidates:
        path = folder / candidate
        if not (path.exists() or path.is_symlink()):
            return candidate
        if path.is_file() and not path.is_symlink() and path.read_bytes() == picture:
            return candidate if candidate == name else None  # the same picture: it is used where it is
    raise OptionError(f"{folder}: too many files named like logo{suffix}; give the logo another name")


def starter_files(folder: Path, answers: Answers, with_brand: bool, with_content: bool, logo: Path | None) -> dict[Path, bytes]:
    """The files init writes into `folder`, each checked to load as handouts reads it."""
    files: dict[Path, bytes] = {}
    if with_brand and logo is not None:
        try:
            picture = read_bytes(logo, "picture")
        except UnreadableFileError as exc:
            raise OptionError(f"logo {logo}: {exc}") from None
        name = logo_name(folder, logo, picture)
        answers = replace(answers, logo=name or logo.name)
        if name is not None and (folder / name).resolve() != logo.resolve():
            files[folder / name] = picture
    texts = {BRAND: (brand_yaml(answers), _brand_values(answers))} if with_brand else {}
    if with_content:
        texts[CONTENT] = (content_yaml(answers), {"language": answers.language})
    for name, (text, expected) in texts.items():
        data = parse_yaml(text, folder / name).data  # read back as a build reads it: every answer kept as given
        if any(data.get(key) != value for key, value in expected.items()):
            raise OptionError(f"{folder / name}: an answer would not read back as given; please report this")
        files[folder / name] = text.encode("utf-8")
    return files


def _brand_values(answers: Answers) -> dict[str, str]:
    """The top-level answers brand.yaml holds, as they must read back."""
    values = {
        "name": answers.name,
        "tagline": answers.tagline,
        "therapist": answers.therapist,
        "country": answers.country,
        "paper": answers.paper,
        "language": "" if writes_english(answers.country) else answers.language,
    }
    return {key: value for key, value in values.items() if value}


def write_starter(
    folder: Path, answers: Answers, with_content: bool = False, force: bool = False, logo: Path | None = None
) -> list[Path]:
    """Write brand.yaml (and content.yaml) into `folder`, with a copy of the `logo` file beside them (brand files
    only read pictures inside their own folder); never overwrite without `force`. Each file is written whole
    or not at all, and a symbolic link in its place is replaced, never written through."""
    files = starter_files(folder, answers, True, with_content, logo)
    existing = [path for path in files if path.name in RESERVED and (path.exists() or path.is_symlink())]
    if existing and not force:
        names = " and ".join(str(path) for path in existing)
        raise OptionError(f"{names} already exist{'s' if len(existing) == 1 else ''}; use --force to replace")
    write_all(files, folder)
    return list(files)
