"""`handouts init`: a starter brand.yaml (and content.yaml) that builds at once."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path

from ruamel.yaml import YAML

from handouts.errors import OptionError
from handouts.input.files import UnreadableFileError, read_bytes
from handouts.output import write_all

# Written into the starter routine where the therapist's own words belong; `handouts check` warns while any is left.
PLACEHOLDER = "Replace this text with your own."


@dataclass(frozen=True)
class Answers:
    """What `handouts init` asks; each default lives here."""

    name: str = "My Clinic"
    tagline: str = ""
    primary: str = "#165C64"
    accent: str = "#E9A23B"
    logo: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    address: str = ""
    therapist: str = ""
    paper: str = "A4"
    language: str = "en-GB"


def _scalar(value: str) -> str:
    """`value` as a YAML scalar, quoted where YAML needs it."""
    stream = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.width = 1000
    yaml.dump(value, stream)
    return stream.getvalue().removesuffix("\n...\n").strip()


def _optional(key: str, value: str, indent: str = "") -> str:
    return f"{indent}{key}: {_scalar(value)}\n" if value else f"{indent}# {key}: \n"


def brand_yaml(answers: Answers) -> str:
    return (
        "# Your clinic's look, used on every handout and poster. Colours are hex codes.\n"
        f"name: {_scalar(answers.name)}\n"
        + _optional("tagline", answers.tagline)
        + (
            f"logo: {_scalar(answers.logo)}  # PNG, JPEG or SVG, in this folder\n"
            if answers.logo
            else "# logo: logo.png  # PNG, JPEG or SVG, in this folder\n"
        )
        + "colors:\n"
        f"  primary: {_scalar(answers.primary)}  # the header band and headings\n"
        f"  accent: {_scalar(answers.accent)}  # the safety box\n"
        "contact:\n"
        + _optional("phone", answers.phone, "  ")
        + _optional("email", answers.email, "  ")
        + _optional("website", answers.website, "  ")
        + _optional("address", answers.address, "  ")
        + _optional("therapist", answers.therapist)
        + "footer: This sheet gives general advice. It does not replace advice from your therapist or GP.\n"
        f"paper: {_scalar(answers.paper)}  # A4 or letter\n"
    )


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
"""


def write_starter(
    folder: Path, answers: Answers, with_content: bool = False, force: bool = False, logo: Path | None = None
) -> list[Path]:
    """Write brand.yaml (and content.yaml) into `folder`, with a copy of the `logo` file beside them (brand files
    only read pictures inside their own folder); never overwrite without `force`. Each file is written whole
    or not at all, and a symbolic link in its place is replaced, never written through."""
    files: dict[Path, bytes] = {}
    if logo is not None:
        try:
            picture = read_bytes(logo, "picture")
        except UnreadableFileError as exc:
            raise OptionError(f"logo {logo}: {exc}") from None
        answers = replace(answers, logo=logo.name)
        files[folder / logo.name] = picture
    files[folder / "brand.yaml"] = brand_yaml(answers).encode("utf-8")
    if with_content:
        files[folder / "content.yaml"] = content_yaml(answers).encode("utf-8")
    existing = [path for path in files if path.exists() or path.is_symlink()]
    if existing and not force:
        names = " and ".join(str(path) for path in existing)
        raise OptionError(f"{names} already exist{'s' if len(existing) == 1 else ''}; use --force to replace")
    write_all(files)
    return list(files)
