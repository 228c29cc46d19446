"""The one place the Jinja environment is built.

Templates emit layout XML (see :mod:`handouts.layout`). A clinic's own
templates (`--templates DIR`) are searched first and run sandboxed.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from handouts.errors import TemplateError

# Installed from a wheel the layouts sit inside the package; in a checkout, at the top of the repository.
_HERE = Path(__file__).resolve().parent
TEMPLATES = _HERE / "templates" if (_HERE / "templates").is_dir() else _HERE.parent / "templates"
# Characters XML 1.0 forbids (controls, surrogates, non-characters): no font prints them either, so a value
# that reaches the layout without passing the markup helpers (a URL, say) cannot break the layout XML.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@functools.lru_cache(maxsize=8)
def environment(override: Path | None = None) -> jinja2.Environment:
    """StrictUndefined, autoescape on, search path: `override` then the built-in templates."""
    search = [str(override), str(TEMPLATES)] if override else [str(TEMPLATES)]
    return SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(search),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(name: str, context: dict[str, Any], override: Path | None = None) -> str:
    """Render template `name` to layout XML; every Jinja failure becomes a TemplateError."""
    env = environment(override)
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        where = " or ".join(str(p) for p in ([override] if override else []) + [TEMPLATES])
        raise TemplateError(f"template {name!r} not found in {where}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename or name}:{exc.lineno}: template syntax error: {exc.message}") from None
    try:
        return XML_INVALID.sub("", template.render(context))
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"{template.filename}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{template.filename}: {exc}") from None
