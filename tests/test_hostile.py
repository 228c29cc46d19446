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
import io
import os
import re
import struct
import subprocess
import sys
import time
import types
import warnings
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import BRAND, CONTENT, ROOT, flat, knee, pdf_text
from markupsafe import Markup
from PIL import Image, ImageStat

from handouts.cli import main
from handouts.layout import templating

SECRET = "TOPSECRET"
EARLIER = b"%PDF-1.4 an earlier build\n"


@dataclass
class Clinic:
    folder: Path  # the clinic: content.yaml, brand.yaml, assets/, out/
    secrets: Path  # never to be read

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


def _fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def _say(text: str) -> Callable[[Clinic], str]:
    return lambda clinic: text.format(c=clinic, content=clinic.content, brand=clinic.brand, out=clinic.out)


def _template_case(name: str, text: str, expect: str, only: str = "handout") -> Case:
    template = "poster.xml.j2" if only == "poster" else "handout.xml.j2"
    return Case(name, lambda c: c.template(template, text, only), _say("{c.folder}/layouts/" + template + expect))


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
        ":3: the template ran for more than",
    ),
    _template_case(
        "exponential-macro",
        _doc("{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(64) }}"),
        ":3: the template ran for more than",
    ),
    _template_case("endless-macro", _doc("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"), ":3: "),
    _template_case("doubling-macro", _doc("{% macro d(s, n) %}{{ d(s ~ s, n - 1) if n }}{% endmacro %}{{ d('x', 64) }}"), ":3: "),
    _template_case(
        "huge-output",
        _doc("{% for i in range(10000) %}{% for j in range(10000) %}<para>abc</para>{% endfor %}{% endfor %}"),
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


SVG = [
    Case(
        "svg-use-outside",
        _outside_svg_use,
        _say("drawing.svg: a reference to '../../secrets/secret.svg', outside"),
        0,
        after=_warned,
    ),
    Case(
        "svg-image-outside",
        lambda c: c.step_picture(
            "pictures/drawing.svg", _svg('<image width="20" height="20" xlink:href="../../secrets/secret.png"/>')
        ),
        _say("drawing.svg: a reference to '../../secrets/secret.png', outside"),
        0,
    ),
    Case(
        "svg-image-absolute",
        lambda c: c.step_picture(
            "pictures/drawing.svg", _svg(f'<image width="20" height="20" xlink:href="{c.secrets}/secret.png"/>')
        ),
        _say("drawing.svg: a reference to"),
        0,
    ),
    Case("svg-nested-outside", _nested_svg, _say("drawing.svg: a reference to 'inner.svg', which itself refers"), 0),
    Case("svg-link-outside", _svg_link_out, _say("drawing.svg: a reference to 'link.svg', outside"), 0),
    Case(
        "svg-web-image",
        lambda c: c.step_picture(
            "pictures/drawing.svg", _svg('<image width="9" height="9" xlink:href="https://example.com/x.png"/>')
        ),
        _say("a web address; handouts never uses the network"),
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
        _say("drawing.svg: a reference to an embedded picture that cannot be read"),
        0,
    ),
    Case(
        "svg-embedded-html",
        lambda c: c.step_picture(
            "pictures/drawing.svg", _svg('<image width="9" height="9" xlink:href="data:text/html;base64,PGI+"/>')
        ),
        _say("drawing.svg: a reference to an embedded picture that is not PNG or JPEG"),
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
    Case("svg-fifo-inside", _svg_fifo, _say("drawing.svg: a reference to 'pipe.png', which is a named pipe"), 0),
    Case("svg-broken", lambda c: c.step_picture("pictures/drawing.svg", "<svg><g>"), _say("{content}:")),
    Case(
        "svg-no-size",
        lambda c: c.step_picture("pictures/drawing.svg", '<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
        _say("{content}:"),
    ),
    Case(
        "svg-as-logo-outside",
        lambda c: _logo(c, "assets/logo.svg", _svg('<use xlink:href="../../secrets/secret.svg#g"/>')),
        _say("logo.svg: a reference to '../../secrets/secret.svg', outside"),
        0,
    ),
]


def _logo(c: Clinic, name: str, data: bytes | str) -> list[str]:
    path = c.folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if data:
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8"))
    brand["logo"] = name
    c.brand.write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    return c.build("--only", "handout")


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


def _palette_with_transparency() -> bytes:
    image = Image.new("P", (30, 30), 1)
    image.putpalette([255, 255, 255, 22, 92, 100] + [0] * 762)
    return _png(image, transparency=b"\x00\xff")


RASTER = [
    Case(
        "jpeg-truncated",
        lambda c: c.step_picture("p/photo.jpg", _jpeg()[:600]),
        _say("{content}:N: routine.steps[1].image: photo.jpg is not a readable PNG or JPEG image"),
    ),
    Case(
        "png-without-data",
        lambda c: c.step_picture("p/empty.png", _png_without_data()),
        _say("{content}:N: routine.steps[1].image: empty.png is not a readable"),
    ),
    Case(
        "postscript-as-png",
        lambda c: c.step_picture("p/doc.png", "%!PS-Adobe-3.0\n/x 1 def\nshowpage\n"),
        _say("{content}:N: routine.steps[1].image: doc.png is not a readable"),
    ),
    Case(
        "gif-as-png",
        lambda c: c.step_picture("p/anim.png", _gif()),
        _say("{content}:N: routine.steps[1].image: anim.png is not a readable"),
    ),
    Case(
        "empty-file",
        lambda c: c.step_picture("p/zero.png", b" "),
        _say("{content}:N: routine.steps[1].image: zero.png is not a readable"),
    ),
    Case(
        "pixel-bomb",
        lambda c: c.step_picture("p/bomb.png", _bomb_png()),
        _say("{content}:N: routine.steps[1].image: bomb.png has too many pixels"),
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
        "logo-corrupt-jpeg",
        lambda c: _logo(c, "assets/logo.jpg", _jpeg()[:300]),
        _say("{brand}:N: logo: logo.jpg is not a readable PNG or JPEG image"),
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
        _say("{brand}:N: logo: pipe.png is a named pipe, not an image"),
    ),
    Case(
        "step-picture-fifo",
        lambda c: c.step_picture("p/pipe.png", _fifo(c.folder / "p" / "pipe.png") and b""),
        _say("{content}:N: routine.steps[1].image: pipe.png is a named pipe"),
    ),
    Case("font-fifo", lambda c: _brand_font(c, str(_fifo(c.folder / "font.ttf").name)), _say("{brand}:")),
    Case("content-device", lambda c: c.build(content=_device(c)), _say("{c.folder}/zero.yaml: is a device, not a YAML file")),
    Case(
        "content-folder", lambda c: c.build(content=c.folder / "assets"), _say("{c.folder}/assets: is a folder, not a YAML file")
    ),
    Case(
        "content-huge",
        lambda c: c.build(content=_huge(c.folder / "big.yaml")),
        _say("{c.folder}/big.yaml: is 3.0 MB; the limit is 2.0 MB"),
    ),
    Case("font-outside", lambda c: _brand_font(c, "../secrets/secret.ttf"), _say("{brand}:")),
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


CSL = [
    Case("csl-author-text", lambda c: c.reference(author="Perlman, A"), _say("{content}:")),
    Case("csl-author-strings", lambda c: c.reference(author=["Perlman"]), _say("{content}:")),
    Case("csl-editor-mapping", lambda c: c.reference(editor={"family": "X"}), _say("{content}:")),
    Case("csl-author-empty", lambda c: c.reference(author=[{}]), _say("{content}:")),
    Case("csl-date-words", lambda c: c.reference(issued={"date-parts": [["spring", 2006]]}), _say("{content}:")),
    Case("csl-date-month", lambda c: c.reference(issued={"date-parts": [[2006, 13]]}), _say("{content}:")),
    Case("csl-date-empty", lambda c: c.reference(issued={"date-parts": [[]]}), _say("{content}:")),
    Case("csl-title-list", lambda c: c.reference(title=["a", "b"]), _say("{content}:")),
    Case("csl-volume-mapping", lambda c: c.reference(volume={"n": 1}), _say("{content}:")),
    Case(
        "csl-style-entity",
        lambda c: _style(
            c, f'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file://{c.secrets}/secret.txt">]><style>&x;</style>'
        ),
        _say("{c.folder}/style.csl: not a valid CSL style (it declares a DOCTYPE or entities)"),
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
        _say("{c.folder}/tag.yaml:1: invalid YAML"),
    ),
    Case("yaml-binary", lambda c: c.build(content=_write(c.folder / "bin.yaml", "\x00\x01\x02")), _say("{c.folder}/bin.yaml:")),
]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _alias_bomb() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


def _folder_in_the_way(c: Clinic) -> list[str]:
    (c.out / "knee-self-massage-poster.pdf").unlink()
    (c.out / "knee-self-massage-poster.pdf").mkdir()
    return c.build()


def _link_in_the_way(c: Clinic) -> list[str]:
    (c.out / "knee-self-massage-handout.pdf").unlink()
    (c.out / "knee-self-massage-handout.pdf").symlink_to(c.secrets / "target.pdf")
    return c.build("--only", "handout")


def _link_replaced(c: Clinic) -> None:
    assert not (c.out / "knee-self-massage-handout.pdf").is_symlink()
    assert (c.secrets / "target.pdf").read_bytes() == b"not yours"


OUTPUT = [
    Case("output-is-a-folder", _folder_in_the_way, _say("cannot write {out}/knee-self-massage-poster.pdf: it is a folder")),
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
        _say("{c.folder}/patients.csv:2: malformed CSV: field larger than field limit"),
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
        _say("{c.folder}/patients.csv:2: routine: secret.yaml is outside the folder"),
    ),
    Case(
        "csv-no-header",
        lambda c: _batch(c, "Jo Bloggs,2026-12-01,content.yaml\n"),
        _say("{c.folder}/patients.csv:1: column 1: unknown column heading"),
    ),
    Case(
        "csv-extra-cells",
        lambda c: _batch(c, HEADER + "Jo,2026-12-01,content.yaml,no,,,x,y\n"),
        _say("{c.folder}/patients.csv:2: 8 cells but 6 columns"),
    ),
    Case(
        "csv-not-utf8",
        lambda c: ["batch", str(_write_bytes(c.folder / "p.csv", b"patient\n\xff\xfe\n")), "--brand", str(c.brand)],
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

CASES = [*TEMPLATES, *SVG, *RASTER, *SPECIAL, *CSL, *YAML, *OUTPUT, *BATCH, *INIT]
FIFO_CASES = {case.name for case in SPECIAL if "fifo" in case.name} | {"svg-fifo-inside"}

# -- the checks every case gets ---------------------------------------------------------------------

OPENED: list[str] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and args and isinstance(args[0], str | bytes | os.PathLike):
        OPENED.append(os.path.realpath(os.fsdecode(args[0])))


sys.addaudithook(_audit)


def _allowed_roots(folder: Path) -> list[str]:
    roots = {folder, ROOT, Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix)}
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


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_input(case: Case, clinic: Clinic, monkeypatch: pytest.MonkeyPatch) -> None:
    if case.name in FIFO_CASES and not hasattr(os, "mkfifo"):
        pytest.skip("named pipes are POSIX")
    monkeypatch.setattr(templating, "TIME_BUDGET", 1.0)
    args = case.setup(clinic)
    before_out = {p: p.read_bytes() for p in clinic.out.iterdir() if p.is_file() and not p.is_symlink()}
    before = _snapshot(clinic.folder, clinic.out)
    secrets_before = _snapshot(clinic.secrets, clinic.out)
    OPENED.clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = CliRunner().invoke(main, args)
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
    if result.exit_code == 1:
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
    kinds |= {"output": OUTPUT, "batch": BATCH, "init": INIT}
    assert sum(len(cases) for cases in kinds.values()) >= 60
    assert all(kinds.values())
    assert len({case.name for case in CASES}) == len(CASES)


# -- builds running at once ------------------------------------------------------------------------


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
    stale.write_bytes(b"partial")
    hours_ago = time.time() - 3 * 3600
    os.utime(stale, (hours_ago, hours_ago))
    result = CliRunner().invoke(main, clinic.build("--only", "handout"))
    assert result.exit_code == 0, result.output
    assert fresh.exists() and not stale.exists()


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
