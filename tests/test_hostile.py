"""Hostile files, one per case: templates, SVG and raster pictures, special files, CSL, YAML, output folders,
batch CSVs and init. Each case sets up a clinic folder (the example brand and knee routine) beside a folder
of secrets it must never reach, runs one command, and the same checks follow for every case:

- the exit code, and a one-line message naming the file (no traceback);
- no file opened outside the clinic folder, the project and the Python installation (an audit hook),
  and nothing in the secrets folder opened at all;
- nothing written outside --out, and the PDFs already in --out untouched when the command fails.
"""

from __future__ import annotations

import base64
import gzip
import io
import os
import re
import struct
import subprocess
import sys
import time
import types
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import fontpkg
import pytest
import yaml
from click.testing import CliRunner
from conftest import BRAND, CONTENT, ROOT, flat, knee, pdf_text
from forked import Commands
from markupsafe import Markup
from PIL import Image, ImageStat

from handouts import cache
from handouts.cli import main
from handouts.input.files import MiB
from handouts.layout import templating

SECRET = "TOPSECRET"
EARLIER = b"%PDF-1.4 an earlier build\n"


@dataclass
class Clinic:
    folder: Path  # the clinic: content.yaml, brand.yaml, assets/, out/
    secrets: Path  # never to be read
    init_input: str | None = None  # what `init` is told at its prompts

    @property
    def content(self) -> Path:
        return self.folder / "content.yaml"

    @property
    def brand(self) -> Path:
        return self.folder / "brand.yaml"

    @property
    def out(self) -> Path:
        return self.folder / "out"

    def build(self, *extra: str, content: Path | None = None, brand: Path | None = None) -> list[str]:
        return ["build", str(content or self.content), "--brand", str(brand or self.brand), "--out", str(self.out), *extra]

    def template(self, name: str, text: str, only: str = "handout") -> list[str]:
        (self.folder / "layouts").mkdir(exist_ok=True)
        (self.folder / "layouts" / name).write_text(text, encoding="utf-8")
        return self.build("--only", only, "--templates", str(self.folder / "layouts"))

    def routine(self, **changes: object) -> None:
        data = knee()
        data.update(changes)
        self.content.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def step_picture(self, name: str, data: bytes | str) -> list[str]:
        """The first step shows `name` (written with `data` unless it is empty); builds the handout."""
        if data:
            path = self.folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data.encode() if isinstance(data, str) else data)
        steps = knee()["routine"]["steps"]
        steps[0].update(image=name, alt="A drawing")
        self.routine(routine={**knee()["routine"], "steps": steps})
        return self.build("--only", "handout")

    def reference(self, **changes: object) -> list[str]:
        references = knee()["references"]
        references[0].update(changes)
        self.routine(references=references)
        return self.build("--only", "handout")


@dataclass(frozen=True)
class Case:
    """`setup` prepares the clinic and returns the command; `expect` is said (error or warning)."""

    name: str
    setup: Callable[[Clinic], list[str]]
    expect: Callable[[Clinic], str]
    code: int | None = 1  # None: a drawing or a clear error, either is fine
    unprinted: tuple[str, ...] = field(default=(SECRET,))  # never in any PDF written
    after: Callable[[Clinic], None] | None = None  # further checks
    unsaid: tuple[str, ...] = ()  # never in what the command prints (patients' names), whatever the case
    # The seconds svglib may draw for, where the case runs into that budget: the command runs with it set lower,
    # so that the stop is tested without waiting out the 45 s a user's build allows.
    drawing_seconds: float | None = None
    # The seconds a layout template may render for in the in-process runs (the built-in ones take a few
    # milliseconds): a case whose template never ends runs into it, and is stopped sooner than the others.
    template_seconds: float = 1.0


def _png(image: Image.Image, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", **options)
    return buffer.getvalue()


def _secret_picture() -> bytes:
    return _png(Image.new("RGB", (40, 40), (255, 0, 0)))


def _svg(body: str, extra: str = "") -> str:
    return (
        f'<?xml version="1.0"?>{extra}<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="120" height="100">{body}<rect x="5" y="5" width="50" height="40" fill="#165C64"/></svg>'
    )


def _data_png(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode()


def _png_without_data() -> bytes:
    header = struct.pack(">IIBBBBB", 10, 10, 8, 2, 0, 0, 0)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def _bomb_png() -> bytes:
    """A small file that claims 30,000 x 30,000 pixels."""
    image = Image.new("1", (30000, 30000))
    return _png(image, optimize=True)


def _including(c: Clinic, included: str) -> list[str]:
    """The handout's layout includes `part.j2`, written with `included`."""
    (c.folder / "layouts").mkdir(exist_ok=True)
    (c.folder / "layouts" / "part.j2").write_text(included, encoding="utf-8")
    return c.template("handout.xml.j2", _doc('{% include "part.j2" %}'))


def _importing(c: Clinic, imported: str) -> list[str]:
    """The handout's layout imports `m.j2`, written with `imported`."""
    (c.folder / "layouts").mkdir(exist_ok=True)
    (c.folder / "layouts" / "m.j2").write_text(imported, encoding="utf-8")
    return c.template("handout.xml.j2", _doc('{% import "m.j2" as m %}'))


def _extending(c: Clinic, base: str, child: str) -> list[str]:
    """The handout's layout, written `child`, extends `base.j2`, written `base`."""
    (c.folder / "layouts").mkdir(exist_ok=True)
    (c.folder / "layouts" / "base.j2").write_text(base, encoding="utf-8")
    return c.template("handout.xml.j2", child)


def _fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def _say(text: str) -> Callable[[Clinic], str]:
    return lambda clinic: text.format(c=clinic, content=clinic.content, brand=clinic.brand, out=clinic.out)


def _template_case(name: str, text: str, expect: str, only: str = "handout", template_seconds: float = 1.0) -> Case:
    template = "poster.xml.j2" if only == "poster" else "handout.xml.j2"
    return Case(
        name,
        lambda c: c.template(template, text, only),
        _say("{c.folder}/layouts/" + template + expect),
        template_seconds=template_seconds,
    )


ENDLESS = 0.25  # seconds a template that never ends may render for here: stopped as it is at a user's five


# Two texts of a million letters, equal but not the same text: made in no time, compared letter by letter
_TWO_LONG = "{% set a = 'x' * 1000000 %}{% set b = 'x' * 999999 ~ 'x' %}"


def _doc(body: str) -> str:
    return f"<document>\n<title>{{{{ md.inline(content.title) }}}}</title>\n{body}\n</document>"


TEMPLATES = [
    _template_case("pydantic-parse-raw", _doc("<para>{{ content.parse_raw('x', allow_pickle=True) }}</para>"), ":3: "),
    _template_case("pydantic-parse-file", _doc("<para>{{ content.references[0].parse_file('/etc/hostname') }}</para>"), ":3: "),
    _template_case("dunder-mro", _doc("<para>{{ ''.__class__.__mro__[1].__subclasses__() }}</para>"), ":3: "),
    _template_case("helper-globals", _doc("<para>{{ md.inline.__globals__ }}</para>"), ":3: "),
    _template_case("cycler-init", _doc("<para>{{ cycler.__init__.__globals__ }}</para>"), ":3: "),
    _template_case(
        "loop-class", _doc("{% for s in content.routine.steps %}<para>{{ loop.__class__ }}</para>{% endfor %}"), ":3: "
    ),
    _template_case("string-format", _doc("<para>{{ '{0.__class__}'.format(content) }}</para>"), ":3: "),
    _template_case("format-width", _doc("<para>{{ '{:>999999999}'.format('x') }}</para>"), ":3: "),
    _template_case("string-times-billion", _doc("<para>{{ 'x' * 1000000000 }}</para>"), ":3: '*' would make"),
    _template_case("list-times-billion", _doc("<para>{{ ([1] * 1000000000)|length }}</para>"), ":3: '*' would make"),
    _template_case("power-billion", _doc("<para>{{ 7 ** 1000000000 }}</para>"), ":3: 7 ** 1000000000 is a larger number"),
    _template_case("power-tower", _doc("<para>{{ 2 ** 64 ** 64 ** 64 }}</para>"), ":3: "),
    _template_case("percent-format", _doc("<para>{{ '%0999999999d' % 1 }}</para>"), ":3: '%' formatting"),
    _template_case("range-billion", _doc("{% for i in range(50000) %}<para>x</para>{% endfor %}"), ":3: range()"),
    _template_case(
        "nested-loops",
        _doc(
            "{% for i in range(9000) %}{% for j in range(9000) %}{% for k in range(9000) %}{% endfor %}{% endfor %}{% endfor %}"
        ),
        ":3: the template ran for more than 0.25 seconds",
        template_seconds=ENDLESS,
    ),
    _template_case(
        "exponential-macro",
        _doc("{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(64) }}"),
        ":3: the template ran for more than 0.25 seconds",
        template_seconds=ENDLESS,
    ),
    _template_case(
        "extends-itself",
        '{% extends "handout.xml.j2" %}',
        ":1: {{% extends 'handout.xml.j2' %}} names this template itself, so the layout never ends (the folder's own",
    ),
    _template_case(
        "brackets-nested-5000-deep",
        _doc("<para>{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}</para>"),
        ": the template nests loops, tags, brackets or operators too deeply to be read",
    ),
    _template_case(
        "ifs-nested-3000-deep",
        _doc("{% if 1 %}" * 3000 + "x" + "{% endif %}" * 3000),
        ": the template nests loops, tags, brackets or operators too deeply to be read",
    ),
    _template_case(
        "loops-nested-25-deep",  # Python compiles at most 20 blocks inside one another
        _doc("{% for a in [1] %}" * 25 + "x" + "{% endfor %}" * 25),
        ": the template nests loops, tags, brackets or operators too deeply to be read",
    ),
    Case(
        "include-of-brackets-nested-5000-deep",
        lambda c: _including(c, "<para>{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}</para>"),
        _say("{c.folder}/layouts/handout.xml.j2:3: the template this line names nests loops, tags, brackets or operators"),
    ),
    _template_case("endless-macro", _doc("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"), ":3: "),
    _template_case("doubling-macro", _doc("{% macro d(s, n) %}{{ d(s ~ s, n - 1) if n }}{% endmacro %}{{ d('x', 64) }}"), ":3: "),
    _template_case(
        "huge-output",
        # 4 kB a turn, so the output passes its bound in milliseconds, long before the time budget on a busy machine
        _doc("{% for i in range(10000) %}{% for j in range(10000) %}<para>" + "abc " * 1000 + "</para>{% endfor %}{% endfor %}"),
        ": the layout grew",
    ),
    _template_case("lipsum", _doc("<para>{{ lipsum(5) }}</para>"), ":3: 'lipsum' is undefined"),
    _template_case("namespace", _doc("{% set ns = namespace(s='x') %}"), ":3: 'namespace' is undefined"),
    _template_case(
        "center-filter", _doc("<para>{{ 'x'|center(1000000000) }}</para>"), ":3: template syntax error: No filter named 'center'"
    ),
    _template_case(
        "replace-blowup", _doc("<para>{{ content.title|replace('', 'x' * 900000) }}</para>"), ":3: replace would make"
    ),
    _template_case("include-absolute", _doc("{% include '/etc/passwd' %}"), ":3: template '/etc/passwd' leads outside"),
    _template_case(
        "include-outside", _doc("{% include '../../secrets/secret.j2' %}"), ":3: template '../../secrets/secret.j2' leads outside"
    ),
    _template_case("img-tag", _doc('<para>x <img src="../secrets/secret.png"/></para>'), ":3: <img> is not a layout element"),
    _template_case(
        "unembedded-font",
        _doc('<para><font name="Helvetica">x</font></para>'),
        ":3: <font> is not a layout element (templates choose roles",
    ),
    _template_case(
        "file-link",
        _doc('<para><a href="file:///etc/passwd">x</a></para>'),
        ":3: <a href='file:///etc/passwd'>: links must start",
    ),
    _template_case("spacer-word", _doc('<spacer height="big"/>'), ":3: <spacer height='big'>: expected a number"),
    _template_case("spacer-huge", _doc('<spacer height="1e308"/>'), ":3: <spacer height='1e308'>: expected a number"),
    _template_case(
        "list-level", _doc('<bullets level="99"><item>x</item></bullets>'), ":3: <bullets level='99'>: expected a whole number"
    ),
    _template_case(
        "bad-colour",
        _doc('<bullets><item><font color="javascript:x">x</font></item></bullets>'),
        ":3: <font> is not a layout element",
    ),
    _template_case("unknown-attribute", _doc('<para onDraw="x">x</para>'), ":3: <para onDraw='x'>: unknown attribute"),
    _template_case(
        "template-picture-outside",
        _doc(
            '<steps><step number="1"><title>x</title><picture src="../secrets/secret.png" alt="x"/><text>y</text></step></steps>'
        ),
        ": <picture src='../secrets/secret.png'>: ../secrets/secret.png is outside",
    ),
    _template_case("invalid-xml", _doc("<para>x</b>"), ": the template produced invalid layout XML"),
    _template_case("unknown-block", _doc("<script>x</script>"), ":3: <script> is not a layout element"),
    _template_case("syntax-error", _doc("{% for %}"), ":3: template syntax error"),
    _template_case(
        "tracker-weeks-huge",
        '<poster><steps><step><cue>x</cue></step></steps><tracker weeks="100000000"/></poster>',
        ":1: <tracker weeks='100000000'>",
        "poster",
    ),
    _template_case(
        "tracker-weeks-word",
        '<poster><steps><step><cue>x</cue></step></steps><tracker weeks="two"/></poster>',
        ":1: <tracker weeks='two'>",
        "poster",
    ),
    _template_case(
        "qr-script",
        '<poster><steps><step><cue>x</cue></step></steps><qr url="javascript:alert(1)"/></poster>',
        ":1: <qr url='javascript:alert(1)'>",
        "poster",
    ),
]


def _outside_svg_use(c: Clinic) -> list[str]:
    return c.step_picture("pictures/drawing.svg", _svg('<use xlink:href="../../secrets/secret.svg#g"/>'))


def _nested_svg(c: Clinic) -> list[str]:
    (c.folder / "pictures").mkdir(exist_ok=True)
    (c.folder / "pictures" / "inner.svg").write_text(_svg('<use xlink:href="../../secrets/secret.svg#g"/>'))
    return c.step_picture("pictures/drawing.svg", _svg('<use xlink:href="inner.svg"/>'))


def _svg_link_out(c: Clinic) -> list[str]:
    (c.folder / "pictures").mkdir(exist_ok=True)
    (c.folder / "pictures" / "link.svg").symlink_to(c.secrets / "secret.svg")
    return c.step_picture("pictures/drawing.svg", _svg('<use xlink:href="link.svg#g"/>'))


def _svg_fifo(c: Clinic) -> list[str]:
    _fifo(c.folder / "pictures" / "pipe.png")
    return c.step_picture("pictures/drawing.svg", _svg('<image width="20" height="20" xlink:href="pipe.png"/>'))


def _warned(c: Clinic) -> None:
    assert (c.out / "knee-self-massage-handout.pdf").read_bytes().startswith(b"%PDF")


def _svg_placing(c: Clinic, name: str, picture: bytes, *only: str) -> list[str]:
    """The first step's drawing places the picture file `name`; builds `only` these outputs."""
    (c.folder / "pictures").mkdir(exist_ok=True)
    (c.folder / "pictures" / name).write_bytes(picture)
    command = c.step_picture("pictures/drawing.svg", _svg(f'<image width="20" height="20" xlink:href="{name}"/>'))
    return [*command[: command.index("--only")], *(part for output in only for part in ("--only", output))]


def _cmyk_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("CMYK", (30, 30), (0, 90, 200, 0)).save(buffer, "JPEG")
    return buffer.getvalue()


def _svg_grey(c: Clinic) -> list[str]:
    return c.step_picture(
        "pictures/drawing.svg", _svg(f'<image width="20" height="20" xlink:href="{_data_png(_grey_16_bit())}"/>')
    )


SVG = [
    Case(
        "svg-use-outside",
        _outside_svg_use,
        _say("drawing.svg: the drawing's picture '../../secrets/secret.svg' is outside"),
        0,
        after=_warned,
    ),
    Case(
        "svg-image-outside",
        lambda c: c.step_picture(
            "pictures/drawing.svg", _svg('<image width="20" height="20" xlink:href="../../secrets/secret.png"/>')
        ),
        _say("drawing.svg: the drawing's picture '../../secrets/secret.png' is outside"),
        0,
    ),
    Case(
        "svg-image-absolute",
        lambda c: c.step_picture(
            "pictures/drawing.svg", _svg(f'<image width="20" height="20" xlink:href="{c.secrets}/secret.png"/>')
        ),
        _say("drawing.svg: the drawing's picture"),
        0,
    ),
    Case(
        "svg-places-a-cmyk-jpeg",
        lambda c: _svg_placing(c, "cmyk.jpg", _cmyk_jpeg(), "handout", "handout-html"),
        _say("wrote {out}/knee-self-massage-handout.html"),
        0,
    ),
    Case(
        "svg-places-a-jpeg-cut-short",
        lambda c: _svg_placing(c, "cut.jpg", _jpeg()[:2000], "handout-html"),
        _say(
            "drawing.svg: the drawing's picture 'cut.jpg' is not a readable PNG or JPEG image, so the drawing prints without it"
        ),
        0,
    ),
    Case("svg-embeds-16-bit-grey", _svg_grey, _say("wrote"), 0, after=lambda c: _check_grey(c)),
    Case("svg-nested-outside", _nested_svg, _say("drawing.svg: the drawing's picture 'inner.svg' itself refers"), 0),
    Case("svg-link-outside", _svg_link_out, _say("drawing.svg: the drawing's picture 'link.svg' is outside"), 0),
    Case(  # a web tool's icon font (a phone, U+F095) exported as text: the icon left out of every output unsaid
        "svg-text-in-an-icon-font",
        lambda c: c.step_picture(
            "pictures/drawing.svg", _svg('<text x="5" y="80" font-family="FontAwesome">\uf095 Call us</text>')
        ),
        _say("{content}:N: routine.steps[1].image: pictures/drawing.svg: no configured font has the character"),
    ),
    Case(  # its accented letters printed as replacement marks
        "svg-places-a-latin-1-drawing",
        lambda c: _svg_placing(c, "inner.svg", _svg('<text x="5" y="80">Caf\xe9</text>').encode("latin-1"), "handout"),
        _say("drawing.svg: the drawing's picture 'inner.svg' is not UTF-8 text (byte "),
        0,
    ),
    Case(
        "svg-places-a-drawing-placing-it",
        lambda c: _svg_placing(c, "other.svg", _svg('<image width="9" height="9" xlink:href="drawing.svg"/>').encode()),
        _say("{content}:N: routine.steps[1].image: pictures/drawing.svg places drawings that place each other in a loop"),
    ),
    Case(
        "svg-web-image",
        lambda c: c.step_picture(
            "pictures/drawing.svg", _svg('<image width="9" height="9" xlink:href="https://example.com/x.png"/>')
        ),
        _say("drawing.svg: the drawing's picture 'https://example.com/x.png' is a web address (handouts never uses the network)"),
        0,
    ),
    Case(
        "svg-embedded-png",
        lambda c: c.step_picture(
            "pictures/drawing.svg", _svg(f'<image width="40" height="40" xlink:href="{_data_png(_secret_picture())}"/>')
        ),
        _say("wrote {out}/knee-self-massage-handout.pdf"),
        0,
        after=lambda c: _has_image(c.out / "knee-self-massage-handout.pdf"),
    ),
    Case(
        "svg-embedded-broken",
        lambda c: c.step_picture(
            "pictures/drawing.svg", _svg(f'<image width="9" height="9" xlink:href="{_data_png(b"garbage")}"/>')
        ),
        _say("drawing.svg: a picture embedded in it cannot be read"),
        0,
    ),
    Case(
        "svg-embedded-html",
        lambda c: c.step_picture(
            "pictures/drawing.svg", _svg('<image width="9" height="9" xlink:href="data:text/html;base64,PGI+"/>')
        ),
        _say("drawing.svg: a picture embedded in it is not PNG or JPEG"),
        0,
    ),
    Case(
        "svg-external-entity",
        lambda c: c.step_picture(
            "pictures/drawing.svg",
            _svg("<text x='5' y='80'>&x;</text>", f'<!DOCTYPE svg [<!ENTITY x SYSTEM "file://{c.secrets}/secret.txt">]>'),
        ),
        _say("wrote"),
        0,
    ),
    Case(  # as Illustrator saves a drawing; the logo's name printed as nothing
        "logo-svg-internal-entity",
        lambda c: _logo(
            c, "assets/logo.svg", _svg("<text x='5' y='80'>&n; Logo</text>", '<!DOCTYPE svg [<!ENTITY n "Birchwood">]>')
        ),
        _say("wrote {out}/knee-self-massage-handout.pdf"),
        0,
        after=lambda c: _logo_text(c),
    ),
    Case(
        "svg-billion-laughs",
        lambda c: c.step_picture(
            "pictures/drawing.svg",
            _svg(
                "<text x='5' y='80'>&e;</text>",
                "<!DOCTYPE svg ["
                + "".join(f'<!ENTITY {chr(97 + i)} "{("&" + chr(96 + i) + ";") * 10 if i else "lol"}">' for i in range(5))
                + "]>",
            ),
        ),
        _say(""),
        None,
    ),
    Case(
        "svg-text-control-characters",
        lambda c: c.step_picture("pictures/drawing.svg", _svg("<text x='5' y='80'>Knee&#x9B;2J&#x85;x</text>")),
        _say("{content}:N: routine.steps[1].image: pictures/drawing.svg: its drawing has text with U+009B, U+0085; no page"),
    ),
    Case(
        "svg-text-direction-override",
        lambda c: [
            *c.step_picture("pictures/drawing.svg", _svg("<text x='5' y='80'>Knee&#x202E;eenk&#x200B;</text>")),
            "--only",
            "handout-html",
        ],
        _say("wrote {out}/knee-self-massage-handout.html"),
        0,
        after=lambda c: _marks_dropped(c),
    ),
    Case(
        "svg-fill-url-file",
        lambda c: c.step_picture(
            "pictures/drawing.svg",
            _svg(f'<rect width="9" height="9" style="stroke:red;fill:url(file://{c.secrets}/secret.svg#g)"/>'),
        ),
        _say("drawing.svg: its fill refers to 'file://{c.secrets}/secret.svg#g', outside the drawing"),
        0,
    ),
    Case(
        "svg-stroke-url-file",
        lambda c: c.step_picture("pictures/drawing.svg", _svg('<rect width="9" height="9" stroke="url(../x.svg#g)"/>')),
        _say("drawing.svg: its stroke refers to '../x.svg#g', outside the drawing"),
        0,
    ),
    Case("svg-fifo-inside", _svg_fifo, _say("drawing.svg: the drawing's picture 'pipe.png' is a named pipe"), 0),
    Case("svg-broken", lambda c: c.step_picture("pictures/drawing.svg", "<svg><g>"), _say("{content}:")),
    Case(
        "svg-no-size",
        lambda c: c.step_picture("pictures/drawing.svg", '<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
        _say("{content}:"),
    ),
    Case(
        "logo-svgz",
        lambda c: _logo(c, "assets/logo.svgz", gzip.compress(LOGO_DRAWING.encode())),
        _say("wrote {out}/knee-self-massage-handout.pdf"),
        0,
        after=lambda c: _logo_text(c),
    ),
    Case(
        "logo-svg-utf-16",
        lambda c: _logo(
            c, "assets/logo.svg", LOGO_DRAWING.replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16")
        ),
        _say("wrote {out}/knee-self-massage-handout.pdf"),
        0,
        after=lambda c: _logo_text(c),
    ),
    Case(
        "logo-svg-scaled-to-nothing-and-dashed-with-zeros",  # both valid SVG; reportlab could write neither
        lambda c: _logo(
            c,
            "assets/logo.svg",
            LOGO_DRAWING.replace(
                "</svg>",
                '<g transform="scale(0)"><text x="5" y="20">Hidden</text></g><rect width="9" height="9" transform="matrix(0 0 0 0 0 0)"/>'
                '<line x1="0" y1="0" x2="99" y2="99" stroke="red" stroke-dasharray="0 0"/>'
                '<line x1="0" y1="9" x2="99" y2="9" stroke="red" stroke-dasharray="4 -1" stroke-dashoffset="2"/></svg>',
            ),
        ),
        _say("wrote {out}/knee-self-massage-handout.pdf"),
        0,
        after=lambda c: _logo_text_only(
            c,
            LOGO_DRAWING.replace(
                "</svg>",
                '<line x1="0" y1="0" x2="99" y2="99" stroke="red" stroke-dasharray="0 0"/>'
                '<line x1="0" y1="9" x2="99" y2="9" stroke="red" stroke-dasharray="4 -1" stroke-dashoffset="2"/></svg>',
            ),
        ),
    ),
    Case(
        "logo-svg-drawing-past-its-edges",  # a browser cuts it off; it was printed over the clinic's name
        lambda c: _logo(c, "assets/logo.svg", _svg('<rect x="130" y="0" width="2000" height="100" fill="#FF0000"/>')),
        _say("wrote {out}/knee-self-massage-handout.pdf"),
        0,
        after=lambda c: _no_red(c),
    ),
    Case(
        "logo-svg-sized-100-percent",  # as web pages export drawings: svglib read 100% as 75 pt
        lambda c: _logo(
            c,
            "assets/logo.svg",
            '<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="100%">'
            '<rect x="10" y="10" width="180" height="80" fill="#FF0000"/></svg>',
        ),
        _say("wrote {out}/knee-self-massage-handout.pdf"),
        0,
        after=lambda c: _whole_red_rectangle(c),
        unsaid=("percentage unit",),  # svglib's complaint of its first reading
    ),
    Case(  # svglib leaves each out without a word: a logo printed with empty shapes, or without its name
        "logo-svg-pattern-mask-and-html",
        lambda c: _logo(
            c,
            "assets/logo.svg",
            _svg(
                '<pattern id="p" width="4" height="4"><rect width="2" height="2"/></pattern><rect width="50" height="9" '
                'fill="url(#p)"/><mask id="m"><rect width="9" height="9" fill="white"/></mask><rect width="9" height="9" '
                'style="mask: url(#m)"/><foreignObject width="90" height="20"><p xmlns="http://www.w3.org/1999/xhtml">'
                "Birchwood</p></foreignObject>"
            ),
        ),
        lambda c: "\n".join(
            f"warning: {c.brand}:N: logo: logo.svg: its {said} [picture]"
            for said in (
                "pattern fills (<pattern>) are not printed, so the shapes they fill print empty: save the drawing with its "
                "patterns turned into shapes",
                "masks (<mask>) are not printed, so what they hide prints in full: save the drawing with its masks applied",
                "HTML (<foreignObject>) is not printed: save the drawing with that text as SVG text or outlines",
            )
        ),
        0,
    ),
    Case(  # nothing is missed: a pattern nothing uses, HTML with text in its place (as draw.io saves drawings)
        "logo-svg-unused-pattern-and-html-in-a-switch",
        lambda c: _logo(
            c,
            "assets/logo.svg",
            _svg(
                '<defs><pattern id="p" width="4" height="4"><rect width="2" height="2"/></pattern></defs><switch>'
                '<g requiredFeatures="http://www.w3.org/TR/SVG11/feature#Extensibility"><foreignObject width="90" '
                'height="20"><p xmlns="http://www.w3.org/1999/xhtml">Birchwood</p></foreignObject></g>'
                '<text x="5" y="80">Birchwood Logo</text></switch>'
            ),
        ),
        _say("wrote {out}/knee-self-massage-handout.pdf"),
        0,
        after=lambda c: _logo_text(c),
        unsaid=("not printed",),
    ),
    Case(  # Illustrator's save with its editing data: a browser shows the <switch>'s drawing, never its private
        # <foreignObject> (an extension no browser has); each such logo was warned of as HTML not printed
        "logo-svg-of-illustrator-with-its-editing-data",
        lambda c: _logo(
            c,
            "assets/logo.svg",
            _svg(
                '<switch><foreignObject requiredExtensions="http://ns.adobe.com/AdobeIllustrator/10.0/" x="0" y="0" '
                'width="1" height="1"><i:pgfRef xmlns:i="http://ns.adobe.com/AdobeIllustrator/10.0/" '
                'xlink:href="#adobe_illustrator_pgf"/></foreignObject><g><text x="5" y="80">Birchwood Logo</text></g>'
                "</switch>"
            ),
        ),
        _say("wrote {out}/knee-self-massage-handout.pdf"),
        0,
        after=lambda c: _logo_text(c),
        unsaid=("not printed",),
    ),
    Case(  # HTML that asks for the extension browsers have (XHTML) shows in a browser and is left out of print,
        # yet was passed over as Illustrator's data is: a logo printed without its name, without a word
        "logo-svg-of-html-requiring-xhtml",
        lambda c: _logo(
            c,
            "assets/logo.svg",
            _svg(
                '<foreignObject requiredExtensions="http://www.w3.org/1999/xhtml" width="90" height="20">'
                '<p xmlns="http://www.w3.org/1999/xhtml">Birchwood</p></foreignObject>'
            ),
        ),
        lambda c: (
            f"warning: {c.brand}:N: logo: logo.svg: its HTML (<foreignObject>) is not printed: save the drawing "
            "with that text as SVG text or outlines [picture]"
        ),
        0,
    ),
    Case(  # a web page's icons, each a <symbol> for the page to place: it printed an empty space, without a word
        "logo-svg-of-symbols-only",
        lambda c: _logo(
            c,
            "assets/logo.svg",
            '<svg xmlns="http://www.w3.org/2000/svg" width="90" height="90"><symbol id="logo"><rect width="9" height="9"/>'
            "</symbol></svg>",
        ),
        _say("warning: {brand}:N: logo: logo.svg: it draws nothing, so it prints as empty space"),
        0,
    ),
    Case(
        "logo-svg-latin-1-undeclared",  # a Windows editor's save: each accented letter printed as \ufffd
        lambda c: _logo(c, "assets/logo.svg", _svg('<text x="5" y="80">Caf\xe9 Birchwood</text>').encode("latin-1")),
        _say("{brand}:N: logo: assets/logo.svg is not UTF-8 text (byte "),
    ),
    Case(
        "logo-svg-latin-1-declared",
        lambda c: _logo(
            c,
            "assets/logo.svg",
            LOGO_DRAWING.replace('version="1.0"', 'version="1.0" encoding="ISO-8859-1"')
            .replace("Logo", "Caf\xe9")
            .encode("latin-1"),
        ),
        _say("wrote {out}/knee-self-massage-handout.pdf"),
        0,
        after=lambda c: _logo_as(c, LOGO_DRAWING.replace("Logo", "Caf\xe9")),
    ),
    Case(
        "logo-svgz-cut-short",
        lambda c: _logo(c, "assets/logo.svgz", gzip.compress(_svg("<desc>" + "ab" * 4000 + "</desc>").encode(), 0)[:3000]),
        _say("{brand}:N: logo: assets/logo.svgz is a compressed (gzip) file that cannot be unpacked: it is damaged or cut short"),
    ),
    Case(
        "logo-svgz-holding-a-png",
        lambda c: _logo(c, "assets/logo.svgz", gzip.compress(_secret_picture())),
        _say("{brand}:N: logo: assets/logo.svgz is a compressed (gzip) file holding no SVG drawing"),
    ),
    Case(
        "svg-as-logo-outside",
        lambda c: _logo(c, "assets/logo.svg", _svg('<use xlink:href="../../secrets/secret.svg#g"/>')),
        _say("logo.svg: the drawing's picture '../../secrets/secret.svg' is outside"),
        0,
    ),
]


def _marks_dropped(c: Clinic) -> None:
    """The drawing's text without its right-to-left override (it turned the web copy's text around, and a font
    drew a box for it) or zero-width space, in the PDF and in the web copy's drawing."""
    text = flat(pdf_text(c.out / "knee-self-massage-handout.pdf"))
    assert "Kneeeenk" in text and "\u202e" not in text
    page = (c.out / "knee-self-massage-handout.html").read_text(encoding="utf-8")
    drawings = [base64.b64decode(data).decode() for data in re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", page)]
    assert any("Kneeeenk" in drawing for drawing in drawings)
    assert not any(mark in drawing for drawing in drawings for mark in "\u202e\u200b")


def _logo(c: Clinic, name: str, data: bytes | str) -> list[str]:
    path = c.folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if data:
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    brand["logo"] = name
    c.brand.write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    return c.build("--only", "handout")


def _first_page(pdf: Path) -> bytes:
    """The pixels of `pdf`'s first page, at 2 pixels a point."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return document[0].render(scale=2).to_pil().convert("RGB").tobytes()
    finally:
        document.close()


def _logo_as(c: Clinic, drawing: str) -> None:
    """The handout's first page is, pixel for pixel, what the same logo saved plainly as `drawing` (UTF-8, no
    entity, no extension's data) prints: the logo was read and drawn as it says. A logo's lettering is drawn as
    outlines (its name is the band's text), so its words are not read back as text."""
    (c.folder / "assets" / "plain.svg").write_text(drawing, encoding="utf-8")
    brand = yaml.safe_load(c.brand.read_text(encoding="utf-8"))
    brand["logo"] = "assets/plain.svg"
    plain = c.folder / "plain-brand.yaml"  # beside brand.yaml: its paths are read from the same folder
    plain.write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    out = c.folder / "plain"
    result = CliRunner().invoke(main, ["build", str(c.content), "--brand", str(plain), "--out", str(out), "--only", "handout"])
    assert result.exit_code == 0, result.output
    same = _first_page(c.out / "knee-self-massage-handout.pdf") == _first_page(out / "knee-self-massage-handout.pdf")
    assert same, "the logo prints unlike the same drawing saved plainly"


def _logo_text(c: Clinic) -> None:
    """The logo drawing's own words are on the handout: the drawing was read and drawn."""
    _logo_as(c, LOGO_DRAWING)


def _logo_text_only(c: Clinic, shown: str) -> None:
    """The logo drawing prints as `shown` does: what it scales to nothing prints nothing."""
    _logo_as(c, shown)


def _red_box(c: Clinic) -> tuple[int, int, int, int] | None:
    """Where the handout's first page is the red (#FF0000) the logo drawings of these cases draw, if anywhere."""
    import pypdfium2
    from PIL import ImageChops

    document = pypdfium2.PdfDocument(str(c.out / "knee-self-massage-handout.pdf"))
    try:
        red, green, _ = document[0].render(scale=1).to_pil().convert("RGB").split()
    finally:
        document.close()
    return ImageChops.multiply(red.point(lambda v: 255 * (v > 200)), green.point(lambda v: 255 * (v < 60))).getbbox()


def _no_red(c: Clinic) -> None:
    """Nothing on the page is the red the logo drawing draws only past its own edges."""
    assert _red_box(c) is None


def _whole_red_rectangle(c: Clinic) -> None:
    """The logo's red rectangle of 180 x 80 is printed whole, not cut off where a size read as 75 pt ends."""
    box = _red_box(c)
    assert box is not None
    assert abs((box[2] - box[0]) / (box[3] - box[1]) - 180 / 80) < 0.1, box


LOGO_DRAWING = _svg('<text x="5" y="80">Birchwood Logo</text>', "")


def _svgz_bomb() -> bytes:
    """A 52 kB .svgz that unpacks to 51 MB: an SVG of a megabyte of spaces, 51 times."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    return packer.compress(LOGO_DRAWING[:-6].encode()) + b"".join(packer.compress(b" " * MiB) for _ in range(51)) + packer.flush()


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((200, 200), 60).convert("RGB").save(buffer, "JPEG")
    return buffer.getvalue()


def _has_image(pdf: Path) -> None:
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        assert any(page.images for page in document.pages)


def _grey_16_bit() -> bytes:
    # 16-bit grey at 25% (16384 of 65535): prints as dark grey, not as white.
    return _png(Image.new("I;16", (30, 30), 16384))


def _check_grey(c: Clinic) -> None:
    import pypdf

    reader = pypdf.PdfReader(c.out / "knee-self-massage-handout.pdf")
    tones = []
    for page in reader.pages:
        for image in page.images:
            pixels = image.image.convert("L")
            if pixels.getextrema()[0] == pixels.getextrema()[1]:  # the uniform grey, not the logo
                tones.append(ImageStat.Stat(pixels).mean[0])
    assert tones and all(40 < tone < 100 for tone in tones), tones  # 25% of white is 64


def _bloated_notes_and_profile(profile: bool) -> bytes:
    """A PNG logo whose compressed XMP notes (a Photoshop file's history) or colour profile unpack to 3 MB."""
    from PIL.PngImagePlugin import PngInfo

    notes = PngInfo()
    notes.add_itxt("XML:com.adobe.xmp", "<rdf:li>xmp.did:0123456789abcdef</rdf:li>" * 80_000, zip=True)
    image = Image.new("RGB", (400, 200), (20, 80, 90))
    return _png(image, icc_profile=b"\0" * 3 * MiB) if profile else _png(image, pnginfo=notes)


def _palette_with_transparency() -> bytes:
    image = Image.new("P", (30, 30), 1)
    image.putpalette([255, 255, 255, 22, 92, 100] + [0] * 762)
    return _png(image, transparency=b"\x00\xff")


RASTER = [
    Case(  # Pillow refused it as not a readable PNG
        "png-with-bloated-notes",
        lambda c: _logo(c, "assets/logo.png", _bloated_notes_and_profile(False)),
        _say("wrote {out}/knee-self-massage-handout.pdf"),
        0,
        after=lambda c: _has_image(c.out / "knee-self-massage-handout.pdf"),
    ),
    Case(
        "png-with-a-bloated-colour-profile",
        lambda c: _logo(c, "assets/logo.png", _bloated_notes_and_profile(True)),
        _say("warning: {brand}:N: logo: logo.png: its colour profile cannot be read"),
        0,
        after=lambda c: _has_image(c.out / "knee-self-massage-handout.pdf"),
    ),
    Case(
        "jpeg-truncated",
        lambda c: c.step_picture("p/photo.jpg", _jpeg()[:600]),
        _say("{content}:N: routine.steps[1].image: p/photo.jpg is not a readable PNG or JPEG image"),
    ),
    Case(
        "png-without-data",
        lambda c: c.step_picture("p/empty.png", _png_without_data()),
        _say("{content}:N: routine.steps[1].image: p/empty.png is not a readable"),
    ),
    Case(
        "postscript-as-png",
        lambda c: c.step_picture("p/doc.png", "%!PS-Adobe-3.0\n/x 1 def\nshowpage\n"),
        _say("{content}:N: routine.steps[1].image: p/doc.png is not a readable"),
    ),
    Case(
        "gif-as-png",
        lambda c: c.step_picture("p/anim.png", _gif()),
        _say("{content}:N: routine.steps[1].image: p/anim.png is not a readable PNG, JPEG, HEIC or SVG picture: it is a GIF"),
    ),
    Case(
        "empty-file",
        lambda c: c.step_picture("p/zero.png", b" "),
        _say("{content}:N: routine.steps[1].image: p/zero.png is not a readable"),
    ),
    Case(
        "pixel-bomb",
        lambda c: c.step_picture("p/bomb.png", _bomb_png()),
        _say("{content}:N: routine.steps[1].image: p/bomb.png has too many pixels"),
    ),
    Case(
        "heic-truncated",
        lambda c: c.step_picture("p/photo.heic", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64),
        _say(
            "{content}:N: routine.steps[1].image: p/photo.heic is not a readable HEIC image: export it from Photos as JPEG"
            " (or set the iPhone's Settings > Camera > Formats to Most Compatible)"
        ),
    ),
    Case(
        "avif-picture",
        lambda c: c.step_picture("p/photo.avif", b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf" + b"\x00" * 64),
        _say(
            "{content}:N: routine.steps[1].image: p/photo.avif is not a readable PNG, JPEG, HEIC or SVG picture: it is an AVIF "
            "picture; save it as PNG or JPEG"
        ),
    ),
    Case("grey-16-bit", lambda c: c.step_picture("p/grey.png", _grey_16_bit()), _say("wrote"), 0, after=_check_grey),
    Case("palette-transparency", lambda c: c.step_picture("p/pal.png", _palette_with_transparency()), _say("wrote"), 0),
    Case("png-named-jpg", lambda c: c.step_picture("p/really-png.jpg", _secret_picture()), _say("wrote"), 0, unprinted=()),
    Case(
        "picture-outside",
        lambda c: c.step_picture("../secrets/secret.png", b""),
        _say("{content}:N: routine.steps[1].image: ../secrets/secret.png is outside the folder"),
    ),
    Case(
        "picture-absolute",
        lambda c: c.step_picture(str(c.secrets / "secret.png"), b""),
        _say("{content}:N: routine.steps[1].image: "),
    ),
    Case(
        "logo-outside",
        lambda c: _logo(c, "../secrets/secret.png", b""),
        _say("{brand}:N: logo: ../secrets/secret.png is outside the folder"),
    ),
    Case("logo-link-outside", lambda c: _link_logo(c), _say("{brand}:N: logo: assets/link.png is outside the folder")),
    Case(
        "logo-is-a-web-page",  # what a browser saves when the picture's link leads to a page; this one shows an icon
        lambda c: _logo(
            c,
            "assets/logo.png",
            '<!DOCTYPE html><html><body><svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"></svg>Sign in</body></html>',
        ),
        _say(
            "{brand}:N: logo: assets/logo.png is not a readable PNG, JPEG, HEIC or SVG picture: it is a web page, saved in place"
        ),
    ),
    Case(
        "logo-corrupt-jpeg",
        lambda c: _logo(c, "assets/logo.jpg", _jpeg()[:300]),
        _say("{brand}:N: logo: assets/logo.jpg is not a readable PNG or JPEG image"),
    ),
]


def _gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "GIF")
    return buffer.getvalue()


def _link_logo(c: Clinic) -> list[str]:
    (c.folder / "assets" / "link.png").symlink_to(c.secrets / "secret.png")
    return _logo(c, "assets/link.png", b"")


def _brand_font(c: Clinic, regular: str) -> list[str]:
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    brand["font"] = {"regular": regular}
    c.brand.write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    return c.build("--only", "handout")


def _batch(c: Clinic, text: str, *extra: str) -> list[str]:
    (c.folder / "patients.csv").write_text(text, encoding="utf-8")
    return ["batch", str(c.folder / "patients.csv"), "--brand", str(c.brand), "--out", str(c.out), "--workers", "1", *extra]


def _tables(data: bytes) -> dict[bytes, tuple[int, int]]:
    """A TrueType file's tables: where each starts and how long it is."""
    (count,) = struct.unpack_from(">H", data, 4)
    entries = (struct.unpack_from(">4sIII", data, 12 + 16 * index) for index in range(count))
    return {tag: (offset, length) for tag, _, offset, length in entries}


def _font_with_endless_map(c: Clinic) -> list[str]:
    """Atkinson Hyperlegible whose character maps each say U+0000 to 4,294,967,280 map to glyphs: reportlab
    counted them, for hours and gigabytes."""
    data = bytearray(fontpkg.path("Atkinson Hyperlegible", 400).read_bytes())
    start = _tables(data)[b"cmap"][0]
    (count,) = struct.unpack_from(">H", data, start + 2)
    for record in range(count):
        (offset,) = struct.unpack_from(">I", data, start + 4 + 8 * record + 4)
        struct.pack_into(">HHIIIIII", data, start + offset, 12, 0, 28, 0, 1, 0, 0xFFFFFFF0, 1)
    (c.folder / "endless.ttf").write_bytes(bytes(data))
    return _brand_font(c, "endless.ttf")


def _font_with_glyphs_past_its_end(c: Clinic) -> list[str]:
    """Atkinson Hyperlegible whose glyph index puts every glyph past the end of the file: it loaded, and the
    build failed with a traceback as it wrote the first PDF."""
    data = bytearray(fontpkg.path("Atkinson Hyperlegible", 400).read_bytes())
    start, length = _tables(data)[b"loca"]
    entries = length // 2
    struct.pack_into(f">{entries}H", data, start, *(0x7FFF - entries + index for index in range(entries)))
    (c.folder / "damaged.ttf").write_bytes(bytes(data))
    return _brand_font(c, "damaged.ttf")


def _font_of_a_sixteenth_scale(c: Clinic) -> list[str]:
    """Atkinson Hyperlegible whose head table says its drawings are in units of a sixteen-thousandth of the size,
    not a thousandth: every letter of the handout printed a sixteenth of its size, large print's too."""
    from fontTools.ttLib import TTFont

    font = TTFont(fontpkg.path("Atkinson Hyperlegible", 400))
    font["head"].unitsPerEm *= 16
    font.save(c.folder / "scaled.ttf")
    return _brand_font(c, "scaled.ttf")


def _font_without_names(c: Clinic) -> list[str]:
    """Atkinson Hyperlegible with an empty name table, so no PostScript name: reportlab failed with a traceback."""
    from fontTools.ttLib import TTFont

    font = TTFont(fontpkg.path("Atkinson Hyperlegible", 400))
    font["name"].names = []
    font.save(c.folder / "nameless.ttf")
    return _brand_font(c, "nameless.ttf")


def _copy(source: Path, path: Path) -> Path:
    path.write_bytes(source.read_bytes())
    return path


def _bold_of_family(c: Clinic, name: str) -> list[str]:
    """Atkinson Hyperlegible's regular file, and its bold one saying it is of the family `name`."""
    from fontTools.ttLib import TTFont

    font = TTFont(fontpkg.path("Atkinson Hyperlegible", 700))
    if name != "Atkinson Hyperlegible":
        font["name"].setName(name, 1, 3, 1, 0x409)
        font["name"].setName(name, 1, 1, 0, 0)
    font.save(c.folder / "bold.ttf")
    (c.folder / "regular.ttf").write_bytes(fontpkg.path("Atkinson Hyperlegible", 400).read_bytes())
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    brand["font"] = {"regular": "regular.ttf", "bold": "bold.ttf"}
    c.brand.write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    return c.build("--only", "handout")


def _font_of_widths(c: Clinic, width: int) -> list[str]:
    """Atkinson Hyperlegible whose every glyph is `width` units wide (of 1000): at 0 the handout's letters printed
    on top of one another, at 65,000 each took a line, and the error blamed the footer."""
    from fontTools.ttLib import TTFont

    font = TTFont(fontpkg.path("Atkinson Hyperlegible", 400))
    metrics = font["hmtx"].metrics
    for glyph, (_, bearing) in metrics.items():
        metrics[glyph] = (width, bearing)
    font.save(c.folder / "widths.ttf")
    return _brand_font(c, "widths.ttf")


def _font_file(c: Clinic, name: str, kind: str) -> list[str]:
    """Atkinson Hyperlegible as a file of `kind` a clinic may be given or download, named `name` in brand.yaml."""
    regular = fontpkg.path("Atkinson Hyperlegible", 400)
    if kind == "woff":
        from fontTools.ttLib import TTFont

        font = TTFont(regular)
        font.flavor = "woff"
        font.save(c.folder / name)
    elif kind == "cff":  # a .otf of PostScript outlines begins so; reportlab reads no further
        (c.folder / name).write_bytes(b"OTTO" + regular.read_bytes()[4:])
    else:
        with zipfile.ZipFile(c.folder / name, "w") as archive:
            archive.write(regular, regular.name)
    return _brand_font(c, name)


SPECIAL = [
    Case(
        "content-fifo",
        lambda c: c.build(content=_fifo(c.folder / "pipe.yaml")),
        _say("{c.folder}/pipe.yaml: is a named pipe, not a YAML file"),
    ),
    Case(
        "brand-fifo",
        lambda c: c.build(brand=_fifo(c.folder / "pipe.yaml")),
        _say("{c.folder}/pipe.yaml: is a named pipe, not a YAML file"),
    ),
    Case(
        "csl-fifo",
        lambda c: c.build("--csl", str(_fifo(c.folder / "style.csl"))),
        _say("{c.folder}/style.csl: is a named pipe, not a CSL style"),
    ),
    Case(
        "csv-fifo",
        lambda c: ["batch", str(_fifo(c.folder / "p.csv")), "--brand", str(c.brand), "--out", str(c.out)],
        _say("{c.folder}/p.csv: is a named pipe, not a CSV file"),
    ),
    Case(
        "logo-fifo",
        lambda c: _logo(c, "assets/pipe.png", _fifo(c.folder / "assets" / "pipe.png") and b""),
        _say("{brand}:N: logo: assets/pipe.png is a named pipe, not an image"),
    ),
    Case(
        "step-picture-fifo",
        lambda c: c.step_picture("p/pipe.png", _fifo(c.folder / "p" / "pipe.png") and b""),
        _say("{content}:N: routine.steps[1].image: p/pipe.png is a named pipe"),
    ),
    Case("font-fifo", lambda c: _brand_font(c, str(_fifo(c.folder / "font.ttf").name)), _say("{brand}:")),
    Case(  # click's folder test refuses a file, not a pipe or a device: the layouts were the built-in ones, unsaid
        "templates-fifo",
        lambda c: c.build("--only", "handout", "--templates", str(_fifo(c.folder / "layouts"))),
        _say("error: Invalid value for '--templates': {c.folder}/layouts is not a folder"),
        2,
    ),
    Case("content-device", lambda c: c.build(content=_device(c)), _say("{c.folder}/zero.yaml: is a device, not a YAML file")),
    Case(
        "content-folder", lambda c: c.build(content=c.folder / "assets"), _say("{c.folder}/assets: is a folder, not a YAML file")
    ),
    Case(
        "content-huge",
        lambda c: c.build(content=_huge(c.folder / "big.yaml")),
        _say("{c.folder}/big.yaml: is 3.0 MB, over the 2.0 MB limit"),
    ),
    Case("font-outside", lambda c: _brand_font(c, "../secrets/secret.ttf"), _say("{brand}:")),
    Case(
        "font-woff",
        lambda c: _font_file(c, "web.woff", "woff"),
        _say("{brand}:N: font.regular: web.woff is not a TrueType font (.ttf) that can be embedded: it is a WOFF web font; give"),
    ),
    Case(
        "font-cff-otf",
        lambda c: _font_file(c, "print.otf", "cff"),
        _say(
            "{brand}:N: font.regular: print.otf is not a TrueType font (.ttf) that can be embedded: it is an OpenType font with"
        ),
    ),
    Case(
        "font-zip-download",
        lambda c: _font_file(c, "Atkinson.ttf", "zip"),
        _say(
            "{brand}:N: font.regular: Atkinson.ttf is not a TrueType font (.ttf) that can be embedded: it is a ZIP archive; unpack"
        ),
    ),
    Case(
        "font-is-a-web-page",
        lambda c: _brand_font(
            c, _write(c.folder / "Clinic-Regular.ttf", "\n<!DOCTYPE html><html><body>Sign in</body></html>").name
        ),
        _say("{brand}:N: font.regular: Clinic-Regular.ttf is not a TrueType font (.ttf) that can be embedded: it is a web page"),
    ),
    Case(  # it printed every bold word in the other typeface without a word
        "font-bold-of-another-family",
        lambda c: _bold_of_family(c, "Other Serif"),
        _say(
            "warning: {brand}:N: font.bold: bold.ttf is a font of the family 'Other Serif', and font.regular (regular.ttf) "
            "of 'Atkinson Hyperlegible': bold text prints in another typeface; give the bold file of Atkinson Hyperlegible "
            "[font-family]"
        ),
        0,
    ),
    Case(
        "font-bold-of-its-family",
        lambda c: _bold_of_family(c, "Atkinson Hyperlegible"),
        _say("wrote {out}/knee-self-massage-handout.pdf"),
        0,
        unsaid=("font-family",),
    ),
    Case(  # the italic file picked from a family's download: every text printed italic, large print's too
        "font-italic-as-regular",
        lambda c: _brand_font(
            c, _copy(fontpkg.path("Atkinson Hyperlegible", 400, style="italic"), c.folder / "Atkinson-Italic.ttf").name
        ),
        _say(
            "warning: {brand}:N: font.regular: Atkinson-Italic.ttf is an italic face: regular text prints italic, large "
            "print's too; give its upright regular file [font-weight]"
        ),
        0,
    ),
    Case(
        "font-of-letters-without-width",
        lambda c: _font_of_widths(c, 0),
        _say("{brand}:N: font.regular: widths.ttf gives the letter 'a' a width of 0 em, so its text cannot be set"),
    ),
    Case(
        "font-of-letters-65-em-wide",
        lambda c: _font_of_widths(c, 65_000),
        _say("{brand}:N: font.regular: widths.ttf gives the letter 'a' a width of 65 em, so its text cannot be set"),
    ),
    Case(
        "font-of-letters-a-sixteenth-of-their-size",
        _font_of_a_sixteenth_scale,
        _say("{brand}:N: font.regular: scaled.ttf gives the letter 'm' a width of 0.0526 em, so its text cannot be set"),
    ),
    Case(
        "font-without-names",
        _font_without_names,
        _say("{brand}:N: font.regular: nameless.ttf is not a TrueType font (.ttf) that can be embedded"),
    ),
    Case(
        "font-glyphs-past-its-end",
        _font_with_glyphs_past_its_end,
        _say("{brand}:N: font.regular: damaged.ttf is not a TrueType font (.ttf) that can be embedded"),
    ),
]


def _device(c: Clinic) -> Path:
    link = c.folder / "zero.yaml"
    link.symlink_to("/dev/zero")
    return link


def _huge(path: Path) -> Path:
    path.write_text("# " + "x" * (3 * 1024 * 1024) + "\n")
    return path


def _style(c: Clinic, text: str) -> list[str]:
    (c.folder / "style.csl").write_text(text, encoding="utf-8")
    return c.build("--only", "handout", "--csl", str(c.folder / "style.csl"))


_STYLE_HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
    "<info><title>x</title><id>x</id><updated>2020-01-01T00:00:00+00:00</updated>"
)


def _style_bytes(c: Clinic, data: bytes) -> list[str]:
    (c.folder / "style.csl").write_bytes(data)
    return c.build("--only", "handout", "--csl", str(c.folder / "style.csl"))


def _harvard() -> str:
    return (ROOT / "handouts" / "words" / "styles" / "harvard-cite-them-right.csl").read_text(encoding="utf-8")


def _style_of_attributes(count: int) -> str:
    """The shipped Harvard style whose <style> element has `count` attributes more."""
    return _harvard().replace("<style ", "<style " + " ".join(f'a{i}="1"' for i in range(count)) + " ", 1)


def _style_of_tenfold_macros(c: Clinic) -> list[str]:
    """A style whose eight macros each call the next ten times: 10**8 titles for each entry."""
    macros = "".join(f'<macro name="m{i}">' + f'<text macro="m{i + 1}"/>' * 10 + "</macro>" for i in range(8))
    return _style(
        c,
        '<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        "<info><title>x</title><id>x</id><updated>2020-01-01T00:00:00+00:00</updated></info>"
        f'{macros}<macro name="m8"><text variable="title"/></macro>'
        '<citation><layout><text variable="title"/></layout></citation>'
        '<bibliography><layout><text macro="m0"/></layout></bibliography></style>',
    )


CSL = [
    Case("csl-author-text", lambda c: c.reference(author="Perlman, A"), _say("{content}:")),
    Case("csl-author-strings", lambda c: c.reference(author=["Perlman"]), _say("{content}:")),
    Case("csl-editor-mapping", lambda c: c.reference(editor={"family": "X"}), _say("{content}:")),
    Case("csl-author-empty", lambda c: c.reference(author=[{}]), _say("{content}:")),
    Case("csl-date-words", lambda c: c.reference(issued={"date-parts": [["spring", 2006]]}), _say("{content}:")),
    Case("csl-date-month", lambda c: c.reference(issued={"date-parts": [[2006, 13]]}), _say("{content}:")),
    Case("csl-date-empty", lambda c: c.reference(issued={"date-parts": [[]]}), _say("{content}:")),
    # 20190 for 2019: printed as "(20190)" and sorted after every real year
    Case("csl-date-five-digits", lambda c: c.reference(issued=20190), _say("issued: year 20190 has more than four digits")),
    Case(
        "csl-date-parts-five-digits",
        lambda c: c.reference(accessed={"date-parts": [[20230, 1, 5]]}),
        _say("accessed: year 20230"),
    ),
    # a range typed the wrong way round printed "2021-2019" in every style
    Case(
        "csl-date-range-reversed",
        lambda c: c.reference(issued={"date-parts": [[2021, 3], [2019]]}),
        _say("issued: the range 2021-03 to 2019 ends before it starts: write the earlier date first"),
    ),
    Case("csl-title-list", lambda c: c.reference(title=["a", "b"]), _say("{content}:")),
    Case("csl-volume-mapping", lambda c: c.reference(volume={"n": 1}), _say("{content}:")),
    Case(
        "csl-style-entity",
        lambda c: _style(
            c, f'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file://{c.secrets}/secret.txt">]><style>&x;</style>'
        ),
        _say("{c.folder}/style.csl: not a valid CSL style (it declares a DOCTYPE or entities)"),
    ),
    Case(
        "csl-dependent-style",  # what the Zotero repository gives for most journals: a link to its parent style
        lambda c: _style(
            c, _STYLE_HEAD + '<link href="http://www.zotero.org/styles/apa" rel="independent-parent"/></info></style>'
        ),
        _say(
            "{c.folder}/style.csl: a dependent style: it only names its parent style, 'apa' "
            "(http://www.zotero.org/styles/apa); give that style instead"
        ),
    ),
    Case(
        "csl-style-without-bibliography",
        lambda c: _style(c, _STYLE_HEAD + '</info><citation><layout><text variable="title"/></layout></citation></style>'),
        _say("{c.folder}/style.csl: the CSL style has no <bibliography>, and the handout lists the references"),
    ),
    Case(
        "csl-style-without-citation",
        lambda c: _style(
            c, _STYLE_HEAD + '</info><bibliography><layout><text variable="title"/></layout></bibliography></style>'
        ),
        _say("{c.folder}/style.csl: the CSL style has no <citation>, and the texts cite the references"),
    ),
    Case(
        "csl-style-printing-nothing-for-an-entry",  # citeproc leaves the entry out of the list
        lambda c: _style(
            c,
            _STYLE_HEAD + '</info><citation><layout><text variable="title"/></layout></citation>'
            '<bibliography><layout><text variable="URL"/></layout></bibliography></style>',
        ),
        _say("{c.folder}/style.csl: the CSL style prints nothing for the reference 'perlman2006'"),
    ),
    Case(  # the text read "Massage helps (https://…) and others ()": a citation of brackets alone
        "csl-style-citing-nothing-for-a-reference",
        lambda c: _style(
            c,
            _STYLE_HEAD + '</info><citation><layout prefix="(" suffix=")"><text variable="URL"/></layout></citation>'
            '<bibliography><layout><text variable="title"/></layout></bibliography></style>',
        ),
        _say("{c.folder}/style.csl: the CSL style's citation prints nothing for the reference 'perlman2006'"),
    ),
    Case(  # citeproc looks options up along every attribute of the elements above, for each reference: 45 s
        "csl-style-of-150000-attributes",
        lambda c: _style(c, _style_of_attributes(150_000)),
        _say("{c.folder}/style.csl: not a valid CSL style (its <style> has more than 200 attributes)"),
    ),
    # Said in Python's words when the references were formatted ("'NoneType' object is not callable"), or, for a
    # CSL 0.8 style, applied with its options unread
    Case(  # the style repository's page, saved: "not a valid CSL style (it declares a DOCTYPE or entities)"
        "csl-style-saved-as-its-web-page",
        lambda c: _style_bytes(c, WEB_PAGE_SAVED.format("APA 7th edition").encode()),
        _say("{c.folder}/style.csl: is a web page, not a CSL style: the download saved the page the file was shown on"),
    ),
    Case(
        "csl-style-saved-as-utf-16",  # Notepad's "Unicode": "Start tag expected, '<' not found"
        lambda c: _style_bytes(c, _harvard().encode("utf-16")),
        _say("{c.folder}/style.csl: UTF-16 text, not UTF-8: save the file as UTF-8"),
    ),
    Case(
        "csl-style-of-csl-0.8",
        lambda c: _style(c, _harvard().replace(' class="in-text" version="1.0"', ' class="in-text"', 1)),
        _say('{c.folder}/style.csl: a CSL 0.8 style (its <style> has no version="1.0"), which CSL 1.0 reads otherwise'),
    ),
    Case(
        "csl-style-with-an-unknown-element",
        lambda c: _style(c, _harvard().replace('<text macro="year-date"', '<frobnicate/><text macro="year-date"', 1)),
        _say("{c.folder}/style.csl: line 277: <frobnicate> is not an element of CSL 1.0, so the style cannot be applied"),
    ),
    Case(
        "csl-style-without-namespace",
        lambda c: _style(c, _harvard().replace(' xmlns="http://purl.org/net/xbiblio/csl"', "", 1)),
        _say("{c.folder}/style.csl: not a CSL style: its <style> lacks CSL's namespace"),
    ),
    Case("csl-style-garbage", lambda c: _style(c, "this is not XML"), _say("{c.folder}/style.csl: ")),
    Case("csl-style-empty", lambda c: _style(c, ""), _say("{c.folder}/style.csl: ")),
    Case("csl-style-wrong-xml", lambda c: _style(c, "<html><body>x</body></html>"), _say("{c.folder}/style.csl: ")),
]

YAML = [
    Case(
        "video-url-4000",
        lambda c: c.routine(video={"url": "https://example.com/" + "v" * 4000, "caption": "Watch"}) or c.build(),
        _say("{content}:N: video.url: a web address of 4,020 characters is too long for a QR code"),
    ),
    Case(
        "website-4000",
        lambda c: (
            _write(c.brand, BRAND.read_text(encoding="utf-8").replace("www.example.com", "example.com/" + "w" * 4000))
            and c.build()
        ),
        _say("{brand}:N: contact.website: a web address of 4,012 characters is too long"),
    ),
    # A character no web address holds, typed in one: refused with what to write instead. Taken, `<` and `>` printed
    # the routine's video line in brackets with no link while the poster's QR code held them; a quote or a
    # backslash linked to an escaped address and went into the QR code as typed.
    Case(
        "video-url-angle-brackets",
        lambda c: c.routine(video={"url": "https://example.org/v?a=1&b=<2>", "caption": "Watch"}) or c.build(),
        _say("{content}:N: video.url: a web address cannot hold '<': write it as %3C, got 'https://example.org/v?a=1&b=<2>'"),
    ),
    Case(
        "step-video-quote",
        lambda c: (
            c.routine(routine={**knee()["routine"], "steps": [{**knee()["routine"]["steps"][0], "video": 'https://e.org/a"b'}]})
            or c.build()
        ),
        _say("{content}:N: routine.steps[1].video: a web address cannot hold '\"': write it as %22"),
    ),
    Case(  # read as a site named "javascript" at port "alert(1)": a link and a QR code to https://javascript:alert(1)
        "website-javascript-without-slashes",
        lambda c: (
            _write(c.brand, BRAND.read_text(encoding="utf-8").replace("www.example.com", "javascript:alert(1)")) and c.build()
        ),
        _say(
            "{brand}:N: contact.website: expected a web address like www.example.com or https://example.com, got 'javascript:alert(1)'"
        ),
    ),
    Case(  # copied from a web page's source: the link and the QR code went to a parameter named "amp;b"
        "video-url-amp-entity",
        lambda c: c.routine(video={"url": "https://example.org/watch?a=1&amp;b=2", "caption": "Watch"}) or c.build(),
        _say("{content}:N: video.url: a web address holds '&amp;' where a web page's source writes '&': write & instead"),
    ),
    Case(
        "website-backslash",
        lambda c: (
            _write(c.brand, BRAND.read_text(encoding="utf-8").replace("www.example.com", "www.example.com\\videos")) and c.build()
        ),
        _say("{brand}:N: contact.website: a web address cannot hold '\\': write / between its parts, or %5C for a backslash"),
    ),
    Case(
        "yaml-deep-brackets",
        lambda c: c.build(content=_write(c.folder / "deep.yaml", "a: " + "[" * 990 + "]" * 990)),
        _say("{c.folder}/deep.yaml:1: lists and mappings nested more than"),
    ),
    Case(
        "yaml-deep-mappings",
        lambda c: c.build(
            content=_write(c.folder / "deep.yaml", "".join(f"{' ' * i}k{i}:\n" for i in range(200)) + " " * 200 + "x")
        ),
        _say("{c.folder}/deep.yaml:"),
    ),
    Case(
        "yaml-alias-bomb", lambda c: c.build(content=_write(c.folder / "bomb.yaml", _alias_bomb())), _say("{c.folder}/bomb.yaml:")
    ),
    Case(
        "yaml-python-tag",
        lambda c: c.build(content=_write(c.folder / "tag.yaml", "title: !!python/object/apply:os.system ['echo hi']\n")),
        _say("{c.folder}/tag.yaml:1: title: invalid YAML"),
    ),
    Case("yaml-binary", lambda c: c.build(content=_write(c.folder / "bin.yaml", "\x00\x01\x02")), _say("{c.folder}/bin.yaml:")),
    Case(  # the PDFs dropped the override and printed "massage"; the web copy obeyed it and showed "egassam"
        "text-with-a-right-to-left-override",
        lambda c: c.routine(title="Self-\u202emassage\u202c for knees") or c.build(),
        _say("{content}:N: title: has U+202E, U+202C; no page can print a control character"),
    ),
    Case(  # "\L" in quotes: a space in the PDFs, the character itself in the web copy
        "text-with-a-line-separator",
        lambda c: c.build(
            content=_write(
                c.folder / "separator.yaml",
                CONTENT.read_text(encoding="utf-8")
                .replace("\ntitle: Self-massage for", '\ntitle: "Self-massage\\Lfor', 1)
                .replace("osteoarthritis\n", 'osteoarthritis"\n', 1),
            )
        ),
        _say("{c.folder}/separator.yaml:9: title: has U+2028; no page can print a control character"),
    ),
    Case(  # a reference id with a line break could never be cited, and the message went on over two lines
        "reference-id-with-a-line-break",
        lambda c: c.reference(id="perlman\n2006"),
        _say("{content}:N: references[1].id: 'perlman\\n2006' has a line break in it, and a citation [@id] ends at the first"),
    ),
    Case(
        "further-reading-id-with-a-line-break",
        lambda c: c.routine(further_reading=["perlman\n2006"]) or c.build(),
        _say("{content}:N: further_reading[1]: no reference has id 'perlman\\n2006' (did you mean 'perlman2006'?)\n"),
    ),
    Case(  # pasted as it is: YAML ended the line there, and every later line's number was one too many
        "file-with-a-pasted-line-separator",
        lambda c: c.routine(title="Self-massage\u2028for knees") or c.build(),
        _say("{content}:N: title: has U+2028; no page can print a control character"),
    ),
    Case(  # Word's bullet in its Symbol font, pasted: a private-use character, left out of the PDFs without a word
        "text-with-a-private-use-character",
        lambda c: c.routine(title="\uf0b7 Self-massage for knees") or c.build(),
        _say("{content}:N: title: no configured font has the character '\\uf0b7' (U+F0B7)"),
    ),
    Case(  # Noto Sans has Devanagari, but nothing shapes it: "मालिश" printed its vowel sign after the wrong letter
        "text-in-devanagari",
        lambda c: c.routine(title="Self-massage (\u092e\u093e\u0932\u093f\u0936)") or c.build(),
        _say("{content}:N: title: has text in a script whose letters a font must reorder or join (Devanagari, Bengali"),
    ),
    Case(  # the dates' month names in Arabic: said of the built-in layout, with no line, as if the clinic had typed them
        "language-written-right-to-left",
        lambda c: c.routine(language="ar") or c.build(),
        _say("{content}:N: language: the month names in ar: has right-to-left text (Arabic, Hebrew…), which the PDFs"),
    ),
    Case(
        "language-of-a-script-to-shape",
        lambda c: c.routine(language="hi") or c.build(),
        _say("{content}:N: language: the month names in hi: has text in a script whose letters a font must reorder"),
    ),
    Case(  # "got datetime", a word of Python's, where a therapist typed the time after the date
        "date-with-a-time",
        lambda c: c.build(content=_typed(c, "\npublished: 2026-11-28\n", "\npublished: 2026-11-28 10:00:00\n")),
        _say(
            "{c.folder}/typed.yaml:N: published: expected a date like 2026-05-09, got a date and time "
            "(2026-11-28 10:00:00): leave out the time\n"
        ),
    ),
    Case(  # "got date"
        "date-where-text-goes",
        lambda c: c.build(content=_typed(c, "\ntitle: Self-massage for knee osteoarthritis\n", "\ntitle: 2026-11-28\n")),
        _say("{c.folder}/typed.yaml:N: title: expected text, got a date (2026-11-28): put it in quotes if it is text\n"),
    ),
    Case(  # "got set"
        "set-where-text-goes",
        lambda c: c.build(content=_typed(c, "\ntitle: Self-massage for knee osteoarthritis\n", "\ntitle: !!set {a, b}\n")),
        _say("{c.folder}/typed.yaml:N: title: expected text, got a set ('!!set'): write the text itself\n"),
    ),
    Case(  # no "did you mean" for a key in capitals, and a second line: the clinic's name missing
        "key-in-capitals",
        lambda c: c.build(brand=_typed(c, "\nname: Birchwood", "\nNAME: Birchwood", brand=True)),
        _say("{c.folder}/typed.yaml:N: NAME: unknown key (did you mean 'name'?)\n"),
    ),
    Case(
        "key-in-capitals-in-a-mapping",
        lambda c: c.build(brand=_typed(c, "\n  primary:", "\n  PRIMARY:", brand=True)),
        _say("{c.folder}/typed.yaml:N: colors.PRIMARY: unknown key (did you mean 'primary'?)\n"),
    ),
    Case(  # an editor's auto-indent left a tab on an empty line: said as a tab indenting a line that has none
        "tab-on-a-blank-line",
        lambda c: c.build(brand=_typed(c, "\ncontact:", "\n\t\ncontact:", brand=True)),
        _say("{c.folder}/typed.yaml:N: invalid YAML: a tab character on a line that looks empty: delete it"),
    ),
    Case(  # printed "Keep going [@perlman2006." on the sheets, and check said only that the reference was never cited
        "citation-never-closed",
        lambda c: c.routine(finish="Keep going [@perlman2006.") or c.build(),
        _say("{content}:N: finish: [@perlman2006 is not read as a citation: write it in square brackets, [@perlman2006], closed"),
    ),
    Case(
        "citation-in-round-brackets",
        lambda c: c.routine(finish="Keep going (@perlman2006).") or c.build(),
        _say("{content}:N: finish: (@perlman2006) is not read as a citation: write it in square brackets"),
    ),
    Case(  # the message quoted "(@perlman2006" alone, and told to write "[@id]"
        "citations-listed-in-round-brackets",
        lambda c: c.routine(finish="Keep going (@perlman2006; @perlman2012).") or c.build(),
        _say(
            "{content}:N: finish: (@perlman2006; @perlman2012) is not read as a citation: write it in square brackets,"
            " [@perlman2006; @perlman2012], closed with ']'"
        ),
    ),
    Case(  # the message quoted "(@perlman2006" alone, and said nothing of the page it drops
        "citation-with-a-page-in-round-brackets",
        lambda c: c.routine(finish="Keep going (@perlman2006, p. 5).") or c.build(),
        _say(
            "{content}:N: finish: (@perlman2006, p. 5) is not read as a citation: write it in square brackets,"
            " [@perlman2006], closed with ']' (no page, words or '-' with it)"
        ),
    ),
    Case(  # Word's en dash for a typed '- ': told to put "the whole text in quotes", at the key 'routine.steps.\u2013 title'
        "step-begun-with-an-en-dash",
        lambda c: c.build(content=_typed(c, "\n    - title: Warm up", "\n    \u2013 title: Warm up")),
        _say(
            "{c.folder}/typed.yaml:N: routine.steps: invalid YAML: a list's item starts with '- ', a hyphen and a space, not with '\u2013'"
        ),
    ),
    Case(  # a numbered list's bullet, on the second step: told that the line was in the list but no item of it
        "second-step-begun-with-a-bullet",
        lambda c: c.build(content=_typed(c, "\n    - title: Get comfortable", "\n    \u2022 title: Get comfortable")),
        _say(
            "{c.folder}/typed.yaml:N: routine.steps: invalid YAML: a list's item starts with '- ', a hyphen and a space, not with '\u2022'"
        ),
    ),
    Case(  # Markdown's bullet: told that '*' starts an alias, and to put the item's text in quotes
        "step-begun-with-an-asterisk",
        lambda c: c.build(content=_typed(c, "\n    - title: Get comfortable", "\n    * title: Get comfortable")),
        _say(
            "{c.folder}/typed.yaml:N: routine.steps: invalid YAML: a list's item starts with '- ', a hyphen and a space, not with '*'"
        ),
    ),
    Case(  # the page a shared routine was shown on, saved from the browser: said as a line without its colon
        "routine-saved-as-its-web-page",
        lambda c: c.build(content=_write(c.folder / "page.yaml", WEB_PAGE_SAVED.format("id: knee-self-massage"))),
        _say("{c.folder}/page.yaml: is a web page, not a YAML file: the download saved the page the file was shown on"),
    ),
    Case(  # a page saved by a browser that writes where it came from above it: said as text with a colon in it
        "routine-saved-as-its-web-page-under-a-comment",
        lambda c: c.build(content=_write(c.folder / "page.yaml", SAVED_FROM + WEB_PAGE_SAVED.format("id: knee"))),
        _say("{c.folder}/page.yaml: is a web page, not a YAML file: the download saved the page the file was shown on"),
    ),
    Case(  # a file from the internet opens with its version: any mistake in it then ended in a traceback
        "yaml-version-line-and-a-missing-colon",
        lambda c: c.build(content=_versioned(c, "1.2", "\n  title: Before you start", "\n  title Before you start")),
        _say("{c.folder}/typed.yaml:N: safety: invalid YAML: a line that is neither 'key: value' nor '- item'"),
    ),
    Case(
        "yaml-version-2",
        lambda c: c.build(content=_versioned(c, "2.0", "\n  title: Before you start", "\n  title: Before you start")),
        _say("{c.folder}/typed.yaml:1: invalid YAML: the '%YAML' line at the top names a version of YAML other than 1.1"),
    ),
    Case(  # its '---' line left out: told to give the '%YAML' line a colon, as a key without one
        "yaml-version-line-without-its-document-start",
        lambda c: c.build(content=_write(c.folder / "typed.yaml", "%YAML 1.2\n" + c.content.read_text(encoding="utf-8"))),
        _say("{c.folder}/typed.yaml:1: invalid YAML: a '%' line at the top (such as '%YAML 1.2') needs a line '---' under it"),
    ),
]


# What a browser saves of the page a file is shown on, its text in a table
SAVED_FROM = "<!-- saved from url=(0041)https://example.org/routines/content.yaml -->\n"
WEB_PAGE_SAVED = '<!DOCTYPE html>\n<html lang="en">\n<head><title>content.yaml</title></head>\n<body><table><tr><td>{}</td></tr></table></body></html>\n'


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _typed(c: Clinic, typed: str, instead: str, brand: bool = False) -> Path:
    """The example routine (or brand) with `instead` where it has `typed`, as typed.yaml."""
    text = (BRAND if brand else CONTENT).read_text(encoding="utf-8")
    assert typed in text
    return _write(c.folder / "typed.yaml", text.replace(typed, instead, 1))


def _long_repeat(c: Clinic, number: int, repeat: str) -> None:
    """The routine with step `number`'s repeat line `repeat`."""
    routine = knee()["routine"]
    routine["steps"][number - 1]["repeat"] = repeat.strip()
    c.routine(routine=routine)


def _versioned(c: Clinic, version: str, typed: str, instead: str) -> Path:
    """The example routine with `instead` where it has `typed`, as typed.yaml, under a `%YAML` line of `version`."""
    typed_yaml = _typed(c, typed, instead)
    return _write(typed_yaml, f"%YAML {version}\n---\n" + typed_yaml.read_text(encoding="utf-8"))


def _alias_bomb() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


def _folder_in_the_way(c: Clinic) -> list[str]:
    (c.out / "knee-self-massage-poster.pdf").unlink()
    (c.out / "knee-self-massage-poster.pdf").mkdir()
    return c.build()


def _style_named_as_its_web_copy(c: Clinic) -> list[str]:
    """A --csl style saved in the output folder under the web copy's name: the build replaced it with the web copy."""
    style = c.out / "knee-self-massage-handout.html"
    style.write_bytes((ROOT / "handouts" / "words" / "styles" / "apa.csl").read_bytes())
    return c.build("--csl", str(style))


def _print_file_in_the_way(c: Clinic) -> list[str]:
    (c.out / "knee-self-massage-print.pdf").mkdir()
    return c.build("--print-file")


def _routine_named_as_its_web_copy(c: Clinic) -> list[str]:
    """The routine saved in the output folder under its web copy's name: the build replaced it with the web copy."""
    routine = c.out / "knee-self-massage-handout.html"
    routine.write_bytes(c.content.read_bytes())
    return c.build(content=routine)


def _link_in_the_way(c: Clinic) -> list[str]:
    (c.out / "knee-self-massage-handout.pdf").unlink()
    (c.out / "knee-self-massage-handout.pdf").symlink_to(c.secrets / "target.pdf")
    return c.build("--only", "handout")


def _link_replaced(c: Clinic) -> None:
    assert not (c.out / "knee-self-massage-handout.pdf").is_symlink()
    assert (c.secrets / "target.pdf").read_bytes() == b"not yours"


OUTPUT = [
    Case(
        "output-is-the-routine",
        _routine_named_as_its_web_copy,
        _say("cannot write {out}/knee-self-massage-handout.html: this build reads it; rename it, or choose another --out"),
    ),
    Case("output-is-a-folder", _folder_in_the_way, _say("cannot write {out}/knee-self-massage-poster.pdf: it is a folder")),
    Case(
        "output-is-the-style",
        _style_named_as_its_web_copy,
        _say("cannot write {out}/knee-self-massage-handout.html: this build reads it; rename it, or choose another --out"),
    ),
    Case(
        "print-file-is-a-folder",
        _print_file_in_the_way,
        _say("cannot write {out}/knee-self-massage-print.pdf: it is a folder"),
    ),
    Case(
        "out-is-a-file", lambda c: [*c.build(content=None)[:-1], str(c.content)], _say("--out {content}: is a file, not a folder")
    ),
    Case("out-under-a-file", lambda c: [*c.build()[:-1], str(c.content / "out")], _say("cannot write to {content}/out")),
    Case("output-is-a-link", _link_in_the_way, _say("wrote {out}/knee-self-massage-handout.pdf"), 0, after=_link_replaced),
]

HEADER = "patient,date,routine,large_print,paper,note\n"


def _unwritable_row(c: Clinic) -> list[str]:
    (c.out / "002-ada-byrne").write_text("a file where the folder goes")
    return _batch(c, HEADER + "Jo Bloggs,2026-12-01,content.yaml,no,,\nAda Byrne,2026-12-01,content.yaml,no,,\n")


def _one_built(c: Clinic) -> None:
    assert sorted(p.name for p in (c.out / "001-jo-bloggs").iterdir()) == [
        "jo-bloggs-2026-12-01-print.pdf",
        "knee-self-massage-handout-jo-bloggs-2026-12-01.html",
        "knee-self-massage-handout-jo-bloggs-2026-12-01.pdf",
        "knee-self-massage-poster-jo-bloggs-2026-12-01.pdf",
    ]


BATCH = [
    Case(
        "csv-unclosed-quote",
        lambda c: _batch(c, HEADER + 'Jo,2026-12-01,content.yaml,no,,"Twice a day\nSam,2026-12-02,content.yaml,no,,\n'),
        _say("{c.folder}/patients.csv:2: malformed CSV"),
    ),
    Case(
        "csv-stray-quote",
        lambda c: _batch(c, HEADER + 'Jo,2026-12-01,content.yaml,no,,"Twice" a day\n'),
        _say("{c.folder}/patients.csv:2: malformed CSV"),
    ),
    Case(
        "csv-huge-field",
        lambda c: _batch(c, HEADER + "Jo,2026-12-01,content.yaml,no,," + "x" * 200_000 + "\n"),
        _say("{c.folder}/patients.csv:2: note: 200,000 characters; at most 2,000"),
    ),
    Case(
        "csv-unwritable-row",
        _unwritable_row,
        _say("{c.folder}/patients.csv:3: row 2: --out {out}/<patient>: is a file, not a folder"),
        after=_one_built,
    ),
    Case(
        "csv-cjk-name",
        lambda c: _batch(c, HEADER + "李小龍,2026-12-01,content.yaml,no,,\n"),
        _say("row 1: column patient: 3 of its characters are in no configured font"),
    ),
    Case(
        "csv-routine-outside",
        lambda c: _batch(c, HEADER + "Jo,2026-12-01,../secrets/secret.yaml,no,,\n"),
        _say("{c.folder}/patients.csv:2: routine: ../secrets/secret.yaml is outside the folder"),
    ),
    Case(
        "csv-no-header",
        lambda c: _batch(c, "Jo Bloggs,2026-12-01,content.yaml\n"),
        _say("{c.folder}/patients.csv:1: this is a patient's row, not the header"),
    ),
    Case(
        "csv-extra-cells",
        lambda c: _batch(c, HEADER + "Jo,2026-12-01,content.yaml,no,,,x,y\n"),
        _say("{c.folder}/patients.csv:2: 8 cells but 6 columns"),
    ),
    Case(
        "csv-saved-as-its-web-page",
        lambda c: _batch(c, WEB_PAGE_SAVED.format("patient,routine")),
        _say("{c.folder}/patients.csv: is a web page, not a CSV file: the download saved the page"),
    ),
    Case(
        "csv-not-utf8",
        lambda c: ["batch", str(_write_bytes(c.folder / "p.csv", b"patient,routine\nJo,\x81\x8d\n")), "--brand", str(c.brand)],
        _say("{c.folder}/p.csv:2: not UTF-8 text"),
    ),
]


def _write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _init_through_link(c: Clinic) -> list[str]:
    target = c.folder / "starter"
    target.mkdir()
    (target / "brand.yaml").symlink_to(c.secrets / "target.yaml")
    return ["init", str(target), "--no-input", "--force"]


def _link_not_followed(c: Clinic) -> None:
    assert (c.secrets / "target.yaml").read_text() == "not yours"
    assert not (c.folder / "starter" / "brand.yaml").is_symlink()


INIT = [
    Case("init-force-through-link", _init_through_link, _say("wrote {c.folder}/starter/brand.yaml"), 0, after=_link_not_followed),
    Case(
        "init-brand-is-a-folder",
        lambda c: ((c.folder / "s" / "brand.yaml").mkdir(parents=True), ["init", str(c.folder / "s"), "--no-input", "--force"])[
            1
        ],
        _say("cannot write {c.folder}/s/brand.yaml: it is a folder"),
    ),
    Case("init-link-without-force", lambda c: _init_through_link(c)[:-1], _say("{c.folder}/starter/brand.yaml already exists")),
]

# -- round 3 (issue 25): links out of --out, names in messages and file names, sizes after expansion ------


def _csv(c: Clinic, *rows: str, extra: tuple[str, ...] = ()) -> list[str]:
    return _batch(c, HEADER + "".join(f"{row}\n" for row in rows), *extra)


def _folder_link(c: Clinic) -> list[str]:
    (c.out / "001-jo-bloggs").symlink_to(c.secrets, target_is_directory=True)
    return _csv(c, "Jo Bloggs,2026-12-01,content.yaml,no,,")


def _write_error_with_file_name(c: Clinic) -> list[str]:
    from handouts.input.options import name_slug

    folder = c.out / "001-zoe-obrien"
    (folder / f"knee-self-massage-handout-{name_slug('Zoë O’Brien')}-2026-12-01.pdf").mkdir(parents=True)
    return _csv(c, "Zoë O’Brien,2026-12-01,content.yaml,no,,")


def _two_names_one_slug(c: Clinic) -> list[str]:
    CliRunner().invoke(main, c.build("--only", "handout", "--patient", "Ana María", "--date", "2026-12-01"))
    return c.build("--only", "handout", "--patient", "Ana Maria", "--date", "2026-12-01")


def _both_kept(c: Clinic) -> None:
    handouts = sorted(p.name for p in c.out.glob("knee-self-massage-handout-ana-maria*.pdf"))
    assert len(handouts) == 2, handouts
    texts = {flat(pdf_text(c.out / name)).split("Prepared for ")[1][:10] for name in handouts}
    assert texts == {"Ana María ", "Ana Maria "}, texts


def _named(*names: str) -> Callable[[Clinic], list[str]]:
    def setup(c: Clinic) -> list[str]:
        for name in names[:-1]:
            CliRunner().invoke(main, c.build("--only", "handout", "--patient", name, "--date", "2026-12-01"))
        return c.build("--only", "handout", "--patient", names[-1], "--date", "2026-12-01")

    return setup


def _kept_apart(count: int) -> Callable[[Clinic], None]:
    def check(c: Clinic) -> None:
        personal = [p for p in c.out.iterdir() if "2026-12-01" in p.name]
        assert len(personal) == count, sorted(p.name for p in personal)
        assert all(p.parent == c.out and p.name.startswith("knee-self-massage-handout-patient-") for p in personal)
        assert not [p for p in c.folder.parent.iterdir() if p.suffix == ".pdf"]

    return check


def _capped(c: Clinic) -> None:
    (handout,) = [p for p in c.out.iterdir() if "2026-12-01" in p.name]
    assert len(handout.name) < 120, handout.name


def _brand_with(c: Clinic, text: str) -> list[str]:
    c.brand.write_text(BRAND.read_text(encoding="utf-8") + text, encoding="utf-8")
    return c.build("--only", "handout")


def _brand_key(c: Clinic, key: str, value: object) -> list[str]:
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    brand[key] = value
    c.brand.write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    return c.build("--only", "handout")


def _merge_key(c: Clinic, command: str = "build") -> list[str]:
    text = BRAND.read_text(encoding="utf-8").replace("contact:\n", "contact:\n  <<: {email: a@example.com}\n", 1)
    c.brand.write_text(text, encoding="utf-8")
    return c.build("--only", "handout") if command == "build" else ["check", str(c.content), "--brand", str(c.brand)]


def _escape_key(c: Clinic) -> list[str]:
    text = CONTENT.read_text(encoding="utf-8").replace("routine:\n", 'routine:\n  "ti\\e]0;owned\\atle\\e[2J\\e[31m": x\n', 1)
    c.content.write_text(text, encoding="utf-8")
    return c.build("--only", "handout")


def _no_escapes(c: Clinic) -> None:
    result = CliRunner().invoke(main, c.build("--only", "handout"))
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b]0;owned\\x07" in result.output


def _svg_referring(c: Clinic, picture: bytes) -> list[str]:
    (c.folder / "pictures").mkdir(exist_ok=True)
    (c.folder / "pictures" / "big.png").write_bytes(picture)
    return c.step_picture("pictures/drawing.svg", _svg('<image width="20" height="20" xlink:href="big.png"/>'))


def _lock(c: Clinic, make: Callable[[Path], object]) -> list[str]:
    make(c.out / ".handouts.lock")
    return c.build("--only", "handout")


def _old_empty_lock(path: Path) -> None:
    path.write_bytes(b"")
    os.utime(path, (time.time() - 30, time.time() - 30))


def _dead_lock(path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    path.write_text(f"{dead.pid} {__import__('socket').gethostname()}\n")


def _lock_gone(c: Clinic) -> None:
    assert not (c.out / ".handouts.lock").exists()


def _init_with_logo(c: Clinic, name: str) -> list[str]:
    (c.folder / "from").mkdir()
    (c.folder / "from" / name).write_bytes((ROOT / "assets" / "birchwood-logo.png").read_bytes())
    c.init_input = "\n" * 4 + str(c.folder / "from" / name) + "\n" * 20
    return ["init", str(c.folder / "starter")]


def _logo_copied_as(name: str) -> Callable[[Clinic], None]:
    def check(c: Clinic) -> None:
        starter = c.folder / "starter"
        brand = yaml.safe_load((starter / "brand.yaml").read_text(encoding="utf-8"))
        assert brand["logo"] == name and (starter / name).read_bytes()[:4] == b"\x89PNG"
        assert not (starter / ".handouts.lock").exists()
        picture = next((c.folder / "from").iterdir())
        assert picture.read_bytes()[:4] == b"\x89PNG", "the original logo is untouched"

    return check


def _init_long_name(c: Clinic) -> list[str]:
    c.init_input = "Clinic " * 190 + "\nLong Clinic\n" + "\n" * 20
    return ["init", str(c.folder / "starter"), "--content"]


def _starter_loads(c: Clinic) -> None:
    starter = c.folder / "starter"
    result = CliRunner().invoke(main, ["check", str(starter / "content.yaml"), "--brand", str(starter / "brand.yaml")])
    assert result.exit_code == 0, result.output


def _nul(value: str) -> str:
    return value.replace("NUL", "\x00")


NAMES = ("Jo", "Bloggs", "Zoë", "Brien", "María", "Maria")
ROUND3 = [
    Case(
        "batch-folder-link-out",
        _folder_link,
        _say("patients.csv:2: row 1: cannot write to {out}/<patient>: a link there leads out of {out}"),
        unsaid=NAMES,
    ),
    Case(
        "batch-write-error-file-name",
        _write_error_with_file_name,
        _say("row 1: cannot write {out}/<patient>/knee-self-massage-handout-<patient>-2026-12-01.pdf: it is a folder"),
        unsaid=(*NAMES, "zoe", "obrien"),
    ),
    Case(
        "batch-shifted-columns",
        lambda c: _csv(c, "2026-12-01,Jo Bloggs,content.yaml,no,,"),
        _say("patients.csv:2: date: expected a date as YYYY-MM-DD or as en-GB writes it (01/12/2026), got other text"),
        unsaid=NAMES,
    ),
    Case(  # an export whose large_print column holds notes: a line for each of its 10,000 rows
        "batch-10000-rows-of-one-problem",
        lambda c: _csv(c, *["Jo Bloggs,2026-12-01,content.yaml,twice a day,,"] * 10_000),
        _say(
            "patients.csv:12: large_print: expected yes or no, got other text (not repeated here: if the columns have "
            "shifted, it may be a name) (and 9,990 more rows from here on)"
        ),
        unsaid=NAMES,
    ),
    Case(
        "batch-shifted-into-flags",
        lambda c: _csv(c, "Jo,2026-12-01,content.yaml,Bloggs,Smith,"),
        _say("patients.csv:2: large_print: expected yes or no, got other text"),
        unsaid=(*NAMES, "Smith"),
    ),
    Case(
        "batch-name-as-routine",
        lambda c: _csv(c, "content.yaml,2026-12-01,Jo Bloggs,no,,"),
        _say("patients.csv:2: routine: expected content files ending in .yaml"),
        unsaid=NAMES,
    ),
    Case(
        "batch-no-row-buildable",
        lambda c: _csv(c, "Jo,2026-13-45,content.yaml,no,,", "Al,2026-12-01,missing.yaml,no,,"),
        _say("patients.csv:3: routine: missing.yaml: file not found"),
        unsaid=NAMES,
    ),
    Case(
        "batch-date-overflow",
        lambda c: _csv(c, "Jo,99/99/99999999999999999999,content.yaml,no,,", "Al Smith,2026-12-01,content.yaml,no,,"),
        _say("patients.csv:2: date: '99/99/99999999999999999999' is not a date that exists"),
        after=lambda c: _one_folder(c, "002-al-smith"),
    ),
    Case(
        "batch-long-name",
        lambda c: _csv(c, f"{'Jo Bloggs ' * 30},2026-12-01,content.yaml,no,,"),
        _say("patients.csv:2: patient: 299 characters; at most 200"),
        unsaid=NAMES,
    ),
    Case(
        "names-slugify-alike", _two_names_one_slug, _say("wrote {out}/knee-self-massage-handout-ana-maria-"), 0, after=_both_kept
    ),
    Case("name-dot-dot", _named(".."), _say("wrote {out}/knee-self-massage-handout-patient-"), 0, after=_kept_apart(1)),
    Case("names-of-punctuation", _named("..", "-", "/"), _say("wrote {out}/"), 0, after=_kept_apart(3)),
    Case(
        "name-150-characters",
        lambda c: c.build("--only", "handout", "--patient", "Bartholomew " * 12 + "Jones", "--date", "2026-12-01"),
        _say("wrote {out}/knee-self-massage-handout-bartholomew"),
        0,
        after=_capped,
    ),
    Case(
        "name-300-characters",
        lambda c: c.build("--only", "handout", "--patient", "Bartholomew " * 25, "--date", "2026-12-01"),
        _say("error: --patient: 300 characters; at most 200"),
    ),
    Case(
        "id-300-characters",
        lambda c: c.routine(id="knee-" + "x" * 295) or c.build(),
        _say("{content}:N: id: an id of 300 characters is too long for file names: at most 60"),
    ),
    Case("yaml-merge-key-build", _merge_key, _say("{brand}:N: contact.<<: '<<' (a YAML merge key) is not read")),
    Case(
        "yaml-merge-key-check",
        lambda c: _merge_key(c, "check"),
        _say("{brand}:N: contact.<<: '<<' (a YAML merge key) is not read"),
    ),
    Case(
        "yaml-merge-key-in-steps",
        lambda c: c.build(
            content=_write(
                c.folder / "merge.yaml",
                CONTENT.read_text(encoding="utf-8").replace(
                    "    - title: Warm up\n", "    - <<: {cue: x}\n      title: Warm up\n", 1
                ),
            )
        ),
        _say("{c.folder}/merge.yaml:N: routine.steps[1].<<: '<<' (a YAML merge key) is not read"),
    ),
    Case("control-characters-in-a-key", _escape_key, _say("{content}:N: routine.'ti\\x1b]0;owned\\x07tle"), after=_no_escapes),
    Case(  # the message went on over three lines, each starting "error: "
        "line-breaks-in-a-key",
        lambda c: c.build(
            content=_write(
                c.folder / "key.yaml",
                CONTENT.read_text(encoding="utf-8").replace("safety:\n", 'safety:\n  "tit\\nle": x\n', 1),
            )
        ),
        _say("{c.folder}/key.yaml:N: safety.'tit\\nle': unknown key (did you mean 'title'?)\n"),
    ),
    Case(
        "control-characters-in-a-file-name",
        lambda c: c.build(content=c.folder / "no\x1b[2Jsuch.yaml"),
        _say("error: Invalid value for '[CONTENT]...': a file name cannot contain control characters (U+001B)"),
        2,
    ),
    Case(
        "svg-refers-to-a-pixel-bomb",
        lambda c: _svg_referring(c, _bomb_png()),
        _say("drawing.svg: the drawing's picture 'big.png' has too many pixels"),
        0,
    ),
    Case(
        "svg-refers-to-a-text-file",
        lambda c: _svg_referring(c, b"not a picture"),
        _say("drawing.svg: the drawing's picture 'big.png' is not a PNG, JPEG, HEIC or SVG picture"),
        0,
    ),
    Case(
        "svg-width-1e400",
        lambda c: c.step_picture(
            "p/x.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="1e400" height="9"><rect width="5" height="5"/></svg>'
        ),
        _say("{content}:N: routine.steps[1].image: p/x.svg gives a width or height that cannot be printed"),
    ),
    Case(
        "svg-viewbox-1e308",
        lambda c: c.step_picture(
            "p/x.svg",
            '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9" viewBox="0 0 1e308 1e308"><rect width="5" height="5"/></svg>',
        ),
        _say("{content}:N: routine.steps[1].image: p/x.svg has a size, position or scale too large to print"),
    ),
    Case(
        "svg-scale-1e308",
        lambda c: c.step_picture(
            "p/x.svg",
            '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect transform="scale(1e308)" width="5" height="5"/></svg>',
        ),
        _say("{content}:N: routine.steps[1].image: p/x.svg has a size, position or scale too large to print"),
    ),
    Case(
        "svg-x-1e400",
        lambda c: c.step_picture(
            "p/x.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect x="1e400" width="5" height="5"/></svg>'
        ),
        _say("{content}:N: routine.steps[1].image: p/x.svg has a size, position or scale too large to print"),
    ),
    *(
        Case(
            f"svg-nan-{name}",
            lambda c, body=body: c.step_picture(
                "p/x.svg", f'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">{body}</svg>'
            ),
            _say("{content}:N: routine.steps[1].image: p/x.svg has a size, position or scale that is not a number (NaN)"),
        )
        for name, body in {
            "x": '<rect x="nan" width="5" height="5"/>',
            "scale": '<g transform="scale(NaN)"><rect width="5" height="5"/></g>',
            "font-size": '<text y="5" style="font-size:nan">nan</text>',
            "dash": '<line x2="5" y2="5" stroke="black" stroke-dasharray="nan"/>',
        }.items()
    ),
    Case(
        "picture-path-nul",
        lambda c: c.step_picture(_nul("p/aNUL.png"), b""),
        _say("{content}:N: routine.steps[1].image: a file name cannot contain control characters (U+0000)"),
    ),
    Case(
        "logo-path-nul",
        lambda c: _brand_key(c, "logo", _nul("assets/NULlogo.png")),
        _say("{brand}:N: logo: a file name cannot contain control characters (U+0000)"),
    ),
    Case(
        "font-path-nul",
        lambda c: _brand_key(c, "font", {"regular": _nul("fonts/aNUL.ttf")}),
        _say("{brand}:N: font.regular: a file name cannot contain control characters (U+0000)"),
    ),
    Case(
        "csl-path-nul",
        lambda c: _brand_key(c, "references", {"style": _nul("styles/aNUL.csl")}),
        _say("{brand}:N: references.style: a file name cannot contain control characters (U+0000)"),
    ),
    Case(
        "csl-option-nul",
        lambda c: c.build("--only", "handout", "--csl", _nul("a.cNULsl")),
        _say("error: Invalid value for '--csl': a file name cannot contain control characters (U+0000)"),
        2,
    ),
    Case(
        "lock-is-a-folder",
        lambda c: _lock(c, Path.mkdir),
        _say("cannot write to {out}: {out}/.handouts.lock is a folder, not the lock file handouts makes; move it away"),
    ),
    Case(
        "lock-is-someone-elses-file",
        lambda c: _lock(c, lambda path: path.write_text("my notes")),
        _say("{out}/.handouts.lock is a file of something else, not the lock file handouts makes"),
        after=lambda c: (c.out / ".handouts.lock").read_text() == "my notes" or pytest.fail("deleted"),
    ),
    # A lock naming a process id no system gives: os.kill's OverflowError, int('²')'s ValueError, as tracebacks.
    *(
        Case(
            f"lock-names-{name}",
            lambda c, pid=pid: _lock(c, lambda path: path.write_text(f"{pid} {__import__('socket').gethostname()}\n")),
            _say("{out}/.handouts.lock is a file of something else, not the lock file handouts makes"),
        )
        for name, pid in (("a-pid-too-large", "9" * 25), ("a-superscript-pid", "\u00b2"), ("pid-0", "0"))
    ),
    Case("lock-left-empty", lambda c: _lock(c, _old_empty_lock), _say("wrote {out}/"), 0, after=_lock_gone),
    Case("lock-of-a-dead-process", lambda c: _lock(c, _dead_lock), _say("wrote {out}/"), 0, after=_lock_gone),
    Case(
        "init-logo-named-lock",
        lambda c: _init_with_logo(c, ".handouts.lock"),
        _say("wrote {c.folder}/starter/logo.png"),
        0,
        after=_logo_copied_as("logo.png"),
    ),
    Case(
        "init-logo-named-brand",
        lambda c: _init_with_logo(c, "brand.yaml"),
        _say("wrote {c.folder}/starter/logo.png"),
        0,
        after=_logo_copied_as("logo.png"),
    ),
    Case("init-1300-character-name", _init_long_name, _say("wrote {c.folder}/starter/brand.yaml"), 0, after=_starter_loads),
    Case(  # said at the file's first line, with no key: the part of the step that went on to the next page had none
        # (check: a build removes the large-print handout it could not lay out, as it should)
        "step-count-line-longer-than-a-page",
        lambda c: _long_repeat(c, 7, "Rub gently. " * 125) or ["check", str(c.content), "--brand", str(c.brand)],
        _say("{content}:N: routine.steps[7]: step 7 (Warm the kneecap area) (continued) is too long to fit on one large-print"),
    ),
]


def _alias_of_a_large_string(c: Clinic) -> list[str]:
    """The knee routine whose further_reading names a 1.8 MB summary 40,000 times (72 GB of text expanded)."""
    data = {key: value for key, value in knee().items() if key not in ("summary", "further_reading")}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    text += 'summary: &b "' + "x" * 1_800_000 + '"\nfurther_reading: [' + ", ".join(["*b"] * 40_000) + "]\n"
    return c.build(content=_write(c.folder / "aliases.yaml", text))


# Cases that would take gigabytes or minutes if their limit failed: run in a process of their own, under
# resource limits where the platform has them, and timed.
def _copies_of_a_large_picture_file(c: Clinic) -> list[str]:
    """400 copies of a 3000 x 3000 picture file: svglib decoded the file again for each."""
    (c.folder / "pictures").mkdir(exist_ok=True)
    (c.folder / "pictures" / "big.png").write_bytes(_png(Image.new("RGB", (3000, 3000))))
    copies = '<defs><image id="big" width="10" height="10" xlink:href="big.png"/></defs>' + '<use xlink:href="#big"/>' * 400
    return c.step_picture("pictures/copies.svg", _svg(copies))


BOUNDED = [
    Case(
        "logo-svgz-bomb",
        lambda c: _logo(c, "assets/logo.svgz", _svgz_bomb()),
        _say("{brand}:N: logo: assets/logo.svgz unpacks to more than 50 MB, over the limit for a picture: save it smaller"),
    ),
    Case(
        "yaml-alias-1.8-mb-40000-times",
        _alias_of_a_large_string,
        _say("{c.folder}/aliases.yaml:N: further_reading[2]: over 4 MB of text once its aliases (*name) are expanded"),
    ),
    # Each in a process of its own: nested some tens of thousands deep, libyaml's composer overflowed the C stack
    # and the command died of a segmentation fault, with no message (2 bytes a level: far inside the 2 MB limit).
    Case(
        "yaml-brackets-nested-a-million-deep",
        lambda c: c.build(content=_write(c.folder / "deep.yaml", "id: deep\n\na: " + "[" * 10**6 + "]" * 10**6)),
        _say("{c.folder}/deep.yaml:3: lists and mappings nested more than 64 deep"),
    ),
    Case(
        "yaml-dashes-nested-400000-deep",
        lambda c: c.build(content=_write(c.folder / "deep.yaml", "steps:\n" + "- " * 400_000 + "x\n")),
        _say("{c.folder}/deep.yaml:2: lists and mappings nested more than 64 deep"),
    ),
    Case(
        "svg-refers-to-a-pixel-bomb-bounded",
        lambda c: _svg_referring(c, _bomb_png()),
        _say("drawing.svg: the drawing's picture 'big.png' has too many pixels"),
        0,
    ),
    _template_case(  # squared in a second, then one division of Python's for minutes, past any time budget
        "number-squared-15-times-then-divided-bounded",
        _doc("{% set a = 9 ** 64 %}" + "{% set a = a * a %}" * 15 + "<para>{{ a * a // (a + 1) % 10 }}</para>"),
        ":3: '*' would work with a larger number than a template may",
    ),
    _template_case(  # equal or not only once every copy is compared: one call of Python's, for minutes
        "lists-of-a-long-text-compared-bounded",
        _doc(_TWO_LONG + "<para>{{ ([a] * 1000000) == ([b] * 1000000) }}</para>"),
        ":3: the comparison would compare more text than a template may make",
    ),
    _template_case(
        "lists-of-a-long-text-compared-by-a-test-bounded",
        _doc(_TWO_LONG + "<para>{{ ([a] * 1000000) is eq([b] * 1000000) }}</para>"),
        ":3: the comparison would compare more text than a template may make",
    ),
    _template_case(
        "long-text-looked-for-in-a-list-of-its-copies-bounded",
        _doc(_TWO_LONG + "<para>{{ (b ~ 'y')[1:] in [a] * 1000000 }}</para>"),  # like each copy but for its last letter
        ":3: the comparison would compare more text than a template may make",
    ),
    _template_case(
        "lists-of-a-long-text-compared-by-loop-changed-bounded",
        _doc(_TWO_LONG + "{% for i in [1, 2] %}<para>{{ loop.changed(([a] if i == 1 else [b]) * 1000000) }}</para>{% endfor %}"),
        ":3: the comparison would compare more text than a template may make",
    ),
    _template_case(
        "mapping-of-lists-of-a-long-text-sorted-bounded",
        _doc(_TWO_LONG + "<para>{{ dict(x=[a] * 1000000, y=[b] * 1000000)|dictsort(false, 'value')|length }}</para>"),
        ":3: dictsort would compare more text than a template may",
    ),
    _template_case(  # Python reads any number of hex digits; the division took 20 s in one call
        "million-hex-digits-divided-bounded",
        _doc("<para>{{ ('f' * 1000000)|int(base=16) is divisibleby(('e' * 500000)|int(base=16)) }}</para>"),
        ":3: int would make a larger number than a template may",
    ),
    _template_case(
        "sum-of-long-lists-bounded",
        _doc("{% set long = [1] * 1000000 %}<para>{{ ([long] * 10000)|sum(start=[])|length }}</para>"),
        ":3: sum would make a text or list longer than a template may",
    ),
    _template_case(
        "set-block-of-a-long-text-repeated-bounded",
        _doc("{% set long = 'x' * 1000000 %}{% set big %}{% for i in range(10000) %}{{ long }}{% endfor %}{% endset %}"),
        ":3: the layout grew past 8 MB",
    ),
    _template_case(
        "macro-writing-a-long-text-repeated-bounded",
        _doc("{% macro f() %}{% for i in range(10000) %}{{ 'x' * 1000000 }}{% endfor %}{% endmacro %}{{ f()|length }}"),
        ":3: the layout grew past 8 MB",
    ),
    Case(
        "import-of-a-template-writing-a-long-text-repeated-bounded",
        lambda c: _importing(c, "{% set long = 'x' * 1000000 %}{% for i in range(10000) %}{{ long }}{% endfor %}"),
        _say("{c.folder}/layouts/handout.xml.j2:3: the layout grew past 8 MB"),
    ),
    _template_case(
        "block-called-by-self-writing-a-long-text-repeated-bounded",
        _doc(
            "{% if false %}{% block b %}{% set long = 'x' * 1000000 %}{% for i in range(10000) %}{{ long }}{% endfor %}"
            "{% endblock %}{% endif %}<para>{{ self.b()|length }}</para>"
        ),
        ":3: the layout grew past 8 MB",
    ),
    Case(
        "super-of-a-block-writing-a-long-text-repeated-bounded",
        lambda c: _extending(
            c,
            _doc("{% block b %}{% set long = 'x' * 1000000 %}{% for i in range(10000) %}{{ long }}{% endfor %}{% endblock %}"),
            '{% extends "base.j2" %}{% block b %}<para>{{ super()|length }}</para>{% endblock %}',
        ),
        _say("{c.folder}/layouts/handout.xml.j2:1: the layout grew past 8 MB"),
    ),
    _template_case(
        "sort-of-a-long-text-repeated-bounded",
        _doc("{% set long = 'x' * 1000000 %}<para>{{ ([long] * 10000)|map('upper')|sort|length }}</para>"),
        ":3: sort would make a text or list longer than a template may",
    ),
    _template_case(
        "print-of-a-long-text-repeated-bounded",
        _doc("{% set long = 'x' * 1000000 %}<para>{{ [long] * 10000 }}</para>"),
        ":3: the value would print as a text longer than a template may make",
    ),
    _template_case(
        "map-over-a-long-text-bounded",
        _doc("{% set long = 'x' * 1000000 %}<para>{{ ([long] * 10000)|map('upper')|list|length }}</para>"),
        ":3: list would make a text or list longer than a template may",
    ),
    Case(
        "svg-copies-of-a-large-group-bounded",
        lambda c: c.step_picture(
            "pictures/copies.svg",
            _svg(
                '<defs><g id="many">'
                + "".join(f'<rect x="{i % 100}" y="{i // 100}" width="1" height="1"/>' for i in range(1000))
                + "</g></defs>"
                + '<use xlink:href="#many"/>' * 9000
            ),
        ),
        _say("{content}:N: routine.steps[1].image: pictures/copies.svg draws more than 20,000 shapes"),
    ),
    Case(
        "svg-text-of-many-placed-letters-bounded",  # svglib makes a shape of each letter given its own x
        lambda c: c.step_picture(
            "pictures/letters.svg",
            _svg(f'<text x="{" ".join(["1"] * 200_000)}" y="20">{"a" * 200_000}</text>'),
        ),
        _say("{content}:N: routine.steps[1].image: pictures/letters.svg draws more than 20,000 shapes"),
    ),
    Case(
        "svg-path-of-a-million-lines-bounded",
        lambda c: c.step_picture("pictures/path.svg", _svg(f'<path d="M0 0{" L1 1" * 1_000_000}"/>')),
        _say("{content}:N: routine.steps[1].image: pictures/path.svg draws more than 20,000 shapes"),
    ),
    Case(
        "svg-gradient-of-many-stops-bounded",
        lambda c: c.step_picture(
            "pictures/stops.svg",
            _svg('<defs><linearGradient id="g">' + '<stop offset="0.5" stop-color="red"/>' * 60_000 + "</linearGradient></defs>"),
        ),
        _say("{content}:N: routine.steps[1].image: pictures/stops.svg draws more than 20,000 shapes"),
    ),
    Case(  # lxml reads an element's attributes in a time growing as their square: it ran for minutes
        "svg-element-of-200000-attributes-bounded",
        lambda c: c.step_picture(
            "pictures/attributes.svg", _svg("<rect " + " ".join(f'a{i}="1"' for i in range(200_000)) + ' width="1" height="1"/>')
        ),
        _say(
            "{content}:N: routine.steps[1].image: pictures/attributes.svg gives one element (<rect>) more than 1,000 attributes"
        ),
    ),
    Case(  # 10 MB of empty elements nothing draws, each walked by every check: 24 s, and 50 MB may be given
        "svg-metadata-of-2500000-elements-bounded",
        lambda c: c.step_picture("pictures/metadata.svg", _svg("<metadata>" + "<a/>" * 2_500_000 + "</metadata>")),
        _say("{content}:N: routine.steps[1].image: pictures/metadata.svg holds more than 100,000 elements"),
    ),
    Case(  # svglib compiles each rule: 200,000 took 25 s, and 50 MB may be given
        "svg-style-sheet-of-200000-rules-bounded",
        lambda c: c.step_picture(
            "pictures/rules.svg", _svg("<style>" + "".join(f".c{i}{{fill:red}}" for i in range(200_000)) + "</style>")
        ),
        _say("{content}:N: routine.steps[1].image: pictures/rules.svg holds style sheets of more than 256 kB"),
    ),
    Case(  # one selector of descendants against groups nested 150 deep tries every way of picking them: for hours
        "svg-style-of-a-selector-of-many-descendants-bounded",
        lambda c: c.step_picture(
            "pictures/descendants.svg",
            _svg(
                "<style>text g g g g g g g g g g rect{fill:red}</style>"
                + "<g>" * 150
                + '<rect width="1" height="1"/>'
                + "</g>" * 150
            ),
        ),
        _say("{content}:N: routine.steps[1].image: pictures/descendants.svg took more than 0.5 seconds to draw and was stopped"),
        drawing_seconds=0.5,
    ),
    Case(  # the built-in layout was blamed: "handout.xml.j2:74: <step source='routine.steps[10000]'>: expected a key"
        # and then named again, not the content: "handout.xml.j2: the layout has more than 20,000 elements"
        "routine-of-10000-steps",
        lambda c: [
            c.routine(routine={**knee()["routine"], "steps": [{"title": f"Step {i}", "text": "Rub."} for i in range(10_000)]}),
            *c.build("--only", "handout"),
        ][1:],
        _say("{content}:N: routine.steps: 10,000 items; at most 500 (keep those that matter most)"),
    ),
    Case(  # a box split over pages was measured at every length from all its rows down: 1,000 signs took hours
        "help-box-of-1000-signs-bounded",
        lambda c: [
            c.routine(help=[{"sign": f"Sign {i}.", "action": "call-clinic"} for i in range(1000)]),
            *c.build("--only", "handout"),
        ][1:],
        _say("wrote {out}/knee-self-massage-handout.pdf"),
        0,
    ),
    Case(  # each of the box's pages laid it out again: 5,000 points took over three minutes
        "safety-box-of-5000-points-bounded",
        lambda c: [
            c.routine(safety={**knee()["safety"], "points": [f"Stop if it hurts ({i})." for i in range(5000)]}),
            *c.build("--only", "handout"),
        ][1:],
        _say("{content}:N: safety.points: 5,000 items; at most 1,000 (keep those that matter most)"),
    ),
    Case(  # 3,000 took 100 s
        "help-box-of-5000-signs-bounded",
        lambda c: [
            c.routine(help=[{"sign": f"Sign {i}.", "action": "call-clinic"} for i in range(5000)]),
            *c.build("--only", "handout"),
        ][1:],
        _say("{content}:N: help: 5,000 items; at most 1,000 (keep those that matter most)"),
    ),
    Case(
        "csl-tenfold-macros-bounded",
        _style_of_tenfold_macros,
        _say("{c.folder}/style.csl: the CSL style's macros call each other more than 10,000 times for an entry"),
    ),
    _template_case(
        "many-small-paragraphs-bounded",
        _doc("{% for i in range(10000) %}{% for j in range(40) %}<para>abc</para>{% endfor %}{% endfor %}"),
        ": the layout has more than 20,000 elements",
    ),
    Case(
        "svg-copies-of-a-large-picture-bounded",
        lambda c: c.step_picture(
            "pictures/copies.svg",
            _svg(
                f'<defs><image id="big" width="10" height="10" xlink:href="{_data_png(_png(Image.new("RGBA", (2000, 2000))))}"/>'
                + "</defs>"
                + '<use xlink:href="#big"/>' * 300
            ),
        ),
        _say("{content}:N: routine.steps[1].image: pictures/copies.svg places pictures of more than 12,000,000 pixels in all"),
    ),
    Case(
        "svg-copies-of-a-large-picture-file-bounded",
        _copies_of_a_large_picture_file,
        _say("{content}:N: routine.steps[1].image: pictures/copies.svg places pictures of more than 12,000,000 pixels in all"),
    ),
    Case(
        "font-endless-character-map-bounded",
        _font_with_endless_map,
        _say("{brand}:N: font.regular: endless.ttf is not a TrueType font (.ttf) that can be embedded"),
    ),
    Case(
        "batch-date-overflow-bounded",
        lambda c: _csv(c, "Jo,99/99/99999999999999999999,content.yaml,no,,", "Al Smith,2026-12-01,content.yaml,no,,"),
        _say("patients.csv:2: date: '99/99/99999999999999999999' is not a date that exists"),
        after=lambda c: _one_folder(c, "002-al-smith"),
    ),
]
MEMORY = 2 * 1024**3  # bytes of address space: several times what a build needs, far below what an attack takes
# Seconds a case may take before it is called hung (half of it: the child is killed at SECONDS). The slowest
# case, 20,000 shapes copied by <use>, takes about 13 s alone and took 37 s on a machine loaded eight times over.
SECONDS = 120


@pytest.fixture(scope="module")
def commands(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Commands]:
    """A process of its own for each bounded case, forked from one that imported handouts once."""
    started = Commands(tmp_path_factory.mktemp("bounded"))
    yield started
    started.close()


@pytest.mark.slow
@pytest.mark.parametrize("case", BOUNDED, ids=[case.name for case in BOUNDED])
def test_bounded_in_time_and_memory(case: Case, clinic: Clinic, commands: Commands) -> None:
    args = case.setup(clinic)
    ran = commands.run(args, seconds=SECONDS, memory=MEMORY, svg_seconds=case.drawing_seconds)
    assert ran.code is not None, f"still running after {SECONDS} s: {ran.output}"
    assert "Traceback" not in ran.output and "MemoryError" not in ran.output, ran.output
    assert ran.code == case.code, ran.output
    assert re.search(re.escape(case.expect(clinic)).replace(":N:", r":\d+:"), ran.output), ran.output
    assert ran.seconds < SECONDS / 2, f"took {ran.seconds:.0f} s"
    if case.after:
        case.after(clinic)


def _one_folder(c: Clinic, name: str) -> None:
    assert sorted(p.name for p in c.out.iterdir() if p.is_dir()) == [name]


CASES = [*TEMPLATES, *SVG, *RASTER, *SPECIAL, *CSL, *YAML, *OUTPUT, *BATCH, *INIT, *ROUND3]
FIFO_CASES = {case.name for case in SPECIAL if "fifo" in case.name} | {"svg-fifo-inside"}

# -- the checks every case gets ---------------------------------------------------------------------

OPENED: list[str] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and args and isinstance(args[0], str | bytes | os.PathLike):
        OPENED.append(os.path.realpath(os.fsdecode(args[0])))


sys.addaudithook(_audit)


def _allowed_roots(folder: Path) -> list[str]:
    # The cache folder holds what handouts itself kept from earlier runs (formatted references: handouts.cache).
    roots = {folder, ROOT, Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix), cache.folder()} - {None}
    return [os.path.realpath(r) for r in roots] + ["/usr/", "/etc/", "/proc/", "/sys/", "/dev/null", "/dev/urandom"]


def _snapshot(folder: Path, skip: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and skip not in p.parents}


@pytest.fixture
def clinic(tmp_path: Path) -> Clinic:
    folder, secrets = tmp_path / "clinic", tmp_path / "secrets"
    (folder / "assets").mkdir(parents=True)
    (folder / "content.yaml").write_bytes(CONTENT.read_bytes())
    (folder / "brand.yaml").write_bytes(BRAND.read_bytes())
    (folder / "assets" / "birchwood-logo.png").write_bytes((ROOT / "assets" / "birchwood-logo.png").read_bytes())
    secrets.mkdir()
    (secrets / "secret.svg").write_text(_svg(f'<g id="g"><text x="5" y="80">{SECRET}</text></g>'))
    (secrets / "secret.png").write_bytes(_secret_picture())
    (secrets / "secret.txt").write_text(SECRET)
    (secrets / "secret.j2").write_text(SECRET)
    (secrets / "secret.yaml").write_text(CONTENT.read_text(encoding="utf-8").replace("Self-massage", SECRET))
    (secrets / "secret.ttf").write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 64)
    (secrets / "target.pdf").write_bytes(b"not yours")
    (secrets / "target.yaml").write_text("not yours")
    (folder / "out").mkdir()
    for name in ("handout", "poster", "handout-large-print", "poster-large-print"):
        (folder / "out" / f"knee-self-massage-{name}.pdf").write_bytes(EARLIER)
    return Clinic(folder, secrets)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_input(case: Case, clinic: Clinic, monkeypatch: pytest.MonkeyPatch) -> None:
    if case.name in FIFO_CASES and not hasattr(os, "mkfifo"):
        pytest.skip("named pipes are POSIX")
    monkeypatch.setattr(templating, "TIME_BUDGET", case.template_seconds)
    args = case.setup(clinic)
    before_out = {p: p.read_bytes() for p in clinic.out.iterdir() if p.is_file() and not p.is_symlink()}
    before = _snapshot(clinic.folder, clinic.out)
    secrets_before = _snapshot(clinic.secrets, clinic.out)
    OPENED.clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = CliRunner().invoke(main, args, input=clinic.init_input)
    opened = list(OPENED)
    raw = [str(w.message) for w in caught if any(lib in w.filename for lib in ("PIL", "svglib", "reportlab"))]
    assert not raw, f"a library's warning reached stderr instead of our own: {raw}"
    output = result.output
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if case.code is not None:
        assert result.exit_code == case.code, output
    expected = re.escape(case.expect(clinic)).replace(":N:", r":\d+:")  # N: any line
    assert re.search(expected, output), output
    said = [name for name in case.unsaid if name.lower() in output.lower().replace("<patient>", "")]
    assert not said, f"a patient's name was printed: {said}"
    if result.exit_code in (1, 2):
        errors = [line for line in output.splitlines() if line.startswith("error: ")]
        assert errors, output
        if args[0] != "batch":
            assert {p: p.read_bytes() for p in clinic.out.iterdir() if p.is_file() and not p.is_symlink()} == before_out
    # Nothing read outside the clinic, the project and Python; nothing among the secrets even opened.
    roots = _allowed_roots(clinic.folder)
    strays = [path for path in opened if not any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)]
    assert not strays, strays
    assert not [path for path in opened if path.startswith(os.path.realpath(clinic.secrets))]
    # Nothing written outside --out (init writes its own folder), the secrets untouched.
    after = _snapshot(clinic.folder, clinic.out)
    if args[0] != "init":
        assert after == before
    assert _snapshot(clinic.secrets, clinic.out) == secrets_before
    assert not [p for p in clinic.out.rglob("*.part")], "staging files left behind"
    for pdf in clinic.out.rglob("*.pdf"):
        if pdf.is_file() and pdf.read_bytes() != EARLIER:
            text = flat(pdf_text(pdf))
            for word in case.unprinted:
                assert word not in text, f"{word} printed in {pdf.name}"
    if case.after:
        case.after(clinic)


def test_the_corpus_is_large_and_covers_every_kind() -> None:
    kinds = {"templates": TEMPLATES, "svg": SVG, "raster": RASTER, "special files": SPECIAL, "csl": CSL, "yaml": YAML}
    kinds |= {"output": OUTPUT, "batch": BATCH, "init": INIT, "round 3": ROUND3}
    assert sum(len(cases) for cases in kinds.values()) + len(BOUNDED) >= 120
    assert all(kinds.values())
    assert len({case.name for case in CASES}) == len(CASES)


# -- check says what build says -------------------------------------------------------------------

# What only a build is given (check writes nothing), with how many values each takes.
BUILD_ONLY = {"--out": 1, "--print-file": 0, "--open": 0}


def _as_check(args: list[str]) -> list[str]:
    """A build's command as `check` is given it: the same files and options, less those of writing."""
    checked, rest = ["check"], iter(args[1:])
    for arg in rest:
        if arg in BUILD_ONLY:
            for _ in range(BUILD_ONLY[arg]):
                next(rest)
        else:
            checked.append(arg)
    return checked


# The hostile templates, reference styles and YAML a build is given: check, which builds every output in memory
# as build does, stops on each with the same lines. An endless macro was said in other words by each: Python's
# message for it depends on the depth it is met at.
AGREEING = [case for case in [*TEMPLATES, *CSL, *YAML] if case.name not in FIFO_CASES]


@pytest.mark.slow
@pytest.mark.parametrize("case", AGREEING, ids=[case.name for case in AGREEING])
def test_check_says_the_errors_build_stops_on(case: Case, clinic: Clinic, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templating, "TIME_BUDGET", case.template_seconds)
    args = case.setup(clinic)
    assert args[0] == "build"
    built, checked = (CliRunner().invoke(main, command) for command in (args, _as_check(args)))
    errors = [sorted(line for line in result.output.splitlines() if line.startswith("error: ")) for result in (built, checked)]
    assert errors[0] == errors[1], (built.output, checked.output)
    assert (built.exit_code, bool(errors[0])) == (checked.exit_code, bool(errors[1])), (built.output, checked.output)


# The output folders a build cannot write: check, given the same --out, says what build stops on. A folder in
# the place of the poster, and the routine saved under its web copy's name, stopped the build while check,
# which looked at the folder but not at each output's place in it, said 0 errors.
REFUSED_FOLDERS = [case for case in OUTPUT if case.code != 0]


@pytest.mark.slow
@pytest.mark.parametrize("case", REFUSED_FOLDERS, ids=[case.name for case in REFUSED_FOLDERS])
def test_check_says_the_folder_errors_build_stops_on(case: Case, clinic: Clinic) -> None:
    args = case.setup(clinic)
    assert args[0] == "build" and "--out" in args
    built, checked = (CliRunner().invoke(main, command) for command in (args, ["check", *args[1:]]))
    errors = [sorted(line for line in result.output.splitlines() if line.startswith("error: ")) for result in (built, checked)]
    assert errors[0] and errors[0] == errors[1], (built.output, checked.output)
    assert built.exit_code == checked.exit_code == 1, (built.output, checked.output)


# -- builds running at once ------------------------------------------------------------------------


@pytest.mark.slow
def test_two_builds_into_one_folder_leave_one_complete_set(clinic: Clinic) -> None:
    other = clinic.folder / "other.yaml"
    other.write_text(
        CONTENT.read_text(encoding="utf-8").replace("Self-massage for knee", "Second build of knee"), encoding="utf-8"
    )
    for _ in range(3):
        command = [sys.executable, str(ROOT / "cli.py"), "build", "--brand", str(clinic.brand), "--out", str(clinic.out)]
        runs = [subprocess.Popen([*command, str(path)], stderr=subprocess.PIPE) for path in (clinic.content, other)]
        assert [run.wait(timeout=120) for run in runs] == [0, 0], [run.stderr.read() for run in runs if run.stderr]
        titles = {("Second build" in flat(pdf_text(pdf))) for pdf in clinic.out.glob("*.pdf")}
        assert len(list(clinic.out.glob("*.pdf"))) == 4 and len(titles) == 1, "the folder mixes two builds"
        assert not [p.name for p in clinic.out.iterdir() if p.name.startswith(".")], "staging or lock files left"


def test_a_build_leaves_other_builds_staging_files_alone(clinic: Clinic) -> None:
    fresh = clinic.out / ".knee-self-massage-handout.pdf.abc123.part"  # another build's, still being written
    stale = clinic.out / ".knee-self-massage-handout.pdf.old999.part"  # left by a build killed hours ago
    fresh.write_bytes(b"partial")
    aside = clinic.out / ".knee-self-massage-handout.pdf.old999.old"  # an earlier file it had moved aside
    others = [clinic.out / name for name in (".knee-self-massage-handout.pdf.part", ".notes.txt.old999.part")]  # not its
    hours_ago = time.time() - 3 * 3600
    for path in (stale, aside, *others):
        path.write_bytes(b"partial")
        os.utime(path, (hours_ago, hours_ago))
    result = CliRunner().invoke(main, clinic.build("--only", "handout"))
    assert result.exit_code == 0, result.output
    assert fresh.exists() and not stale.exists() and not aside.exists()
    assert all(path.exists() for path in others)


def test_a_folder_it_may_write_but_not_list_is_written(clinic: Clinic, monkeypatch: pytest.MonkeyPatch) -> None:
    """A drop folder (write without read): no staging file left there can be found, and the build goes on."""
    listing = os.scandir

    def forbidden(path: str | os.PathLike[str] = ".") -> Iterator[os.DirEntry[str]]:
        if Path(path) == clinic.out:
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", forbidden)
    result = CliRunner().invoke(main, clinic.build("--only", "handout"))
    assert result.exit_code == 0, result.output
    assert (clinic.out / "knee-self-massage-handout.pdf").is_file()


# -- what templates can reach ----------------------------------------------------------------------


def _reachable(value: object, path: str = "") -> list[tuple[str, object]]:
    """Every object in a template context, with its path."""
    found = [(path, value)]
    if isinstance(value, Mapping):
        for key, item in value.items():
            found += _reachable(item, f"{path}.{key}")
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            found += _reachable(item, f"{path}[{index}]")
    return found


def test_templates_reach_no_attribute_beyond_the_allow_list(tmp_path: Path) -> None:
    from jinja2 import Undefined

    from handouts.documents import template_context
    from handouts.job import prepare
    from handouts.profiles import STANDARD

    job = prepare(CONTENT, BRAND)
    context = {
        key: templating.plain(value) for key, value in template_context(job, STANDARD, note="n", qr={"url": "https://x"}).items()
    }
    env = templating.environment()
    objects = [found for key, value in context.items() for found in _reachable(value, key)]
    assert len(objects) > 100
    kinds = {type(value) for _, value in objects}
    assert kinds <= {types.MappingProxyType, tuple, str, Markup, int, float, bool, type(None), types.FunctionType}, kinds
    reached = 0
    for path, value in objects:
        for attribute in dir(value):
            got = env.getattr(value, attribute)
            allowed = (isinstance(value, str) and attribute in templating.STRING_METHODS) or (
                isinstance(value, Mapping) and (attribute in templating.MAPPING_METHODS or attribute in value)
            )
            if allowed:
                reached += 1
            else:
                assert isinstance(got, Undefined), f"{path}.{attribute} is reachable: {got!r}"
    assert reached > 100
