"""The sandbox's budgets and confinement, without building anything: every way a template could grow a text
without bound or read a file it should not is a TemplateError with the template's line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from handouts.errors import TemplateError
from handouts.layout.templating import render
from handouts.words.i18n import translator


def _render(tmp_path: Path, body: str, **context: object) -> str:
    (tmp_path / "t.xml.j2").write_text("<document>\n" + body + "\n</document>")
    return render("t.xml.j2", context, tmp_path).xml


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{% macro d(s, n) %}{{ d(s ~ s, n - 1) if n }}{% endmacro %}{{ d('x', 64) }}", "'~' would make a text longer"),
        ("{% macro d(s, n) %}{{ d(s + s, n - 1) if n }}{% endmacro %}{{ d('x', 64) }}", "'+' would make a text or list longer"),
        ("{{ range(10000)|join('x' * 900000) }}", "join would make a text longer"),
        ("{{ _('%(a)999999999s', a=1) }}", "uses a % format other than %(name)s"),
        ("{{ 'x'|safe }}", "No filter named 'safe'"),
        ("{{ 'abc'|truncate(-5) }}", ":2: "),
    ],
)
def test_growth_and_odd_calls_are_template_errors_with_a_line(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        _render(tmp_path, body)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(tmp_path / "t.xml.j2"))


def test_a_label_is_text_never_markup(tmp_path: Path) -> None:
    words = translator("en-GB", {"en": {"references": "<b>Sources</b> 100%"}})
    (tmp_path / "t.xml.j2").write_text("<document><heading>{{ _('References') }}</heading></document>")
    assert "&lt;b&gt;Sources&lt;/b&gt; 100%" in render("t.xml.j2", {}, tmp_path, words).xml


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_template_is_read_only_from_inside_its_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "evil.j2").symlink_to(secret)
    with pytest.raises(TemplateError, match=r"template 'evil\.j2' leads outside the template folder"):
        _render(layouts, "{% include 'evil.j2' %}")
