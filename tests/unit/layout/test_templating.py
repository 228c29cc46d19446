"""The sandbox's budgets and confinement, without building anything: every way a template could grow a text
without bound or read a file it should not is a TemplateError with the template's line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from markupsafe import Markup

from handouts.deadline import WATCHDOG
from handouts.errors import TemplateError
from handouts.layout import templating
from handouts.layout.templating import ENDLESS, render
from handouts.words.i18n import Foreign, translator


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


LONG = "{% set long = 'x' * 100000 %}"  # 100 of them hold 10 MB: ten times what a template may make


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{{ ([long] * 100)|map('upper')|sort|length }}", "sort would make a text or list longer"),
        ("{{ ([long] * 100)|map('upper')|unique|list|length }}", "unique would make a text or list longer"),
        ("{{ ([long] * 100)|map('upper')|reverse|first }}", "reverse would make a text or list longer"),
        ("{{ ([long] * 100)|max|length }}", "max would make a text or list longer"),
        ("{{ ([long] * 100)|min|length }}", "min would make a text or list longer"),
        ("{{ [long] * 100 }}", "the value would print as a text longer"),
        ("{{ [[long] * 50] * 2 }}", "the value would print as a text longer"),
        ("{{ ([long] * 100)|string|length }}", "string would make a text longer"),
        ("{{ ([long] * 100)|e|length }}", "e would make a text longer"),
        ("{{ (([long] * 100) ~ '')|length }}", "'~' would make a text longer"),
        ("{{ [[long] * 100]|join|length }}", "join would make a text or list longer"),
        ("{{ dict(a=[long] * 100)|xmlattr }}", "xmlattr would make a text longer"),
        ("{{ _('%(a)s', a=[long] * 100)|length }}", "a label's placeholders would make a text longer"),
    ],
)
def test_a_list_of_one_long_text_repeated_is_refused_before_it_is_sorted_or_printed(
    tmp_path: Path, body: str, message: str
) -> None:
    """`[long] * 100` is cheap (the text is shared), but sorting or printing it makes or compares 10 MB, in one
    call the time budget cannot stop: 10,000 copies of a megabyte took gigabytes. Refused by what it holds."""
    with pytest.raises(TemplateError) as caught:
        _render(tmp_path, LONG + body)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(tmp_path / "t.xml.j2") + ":2: ")


@pytest.mark.parametrize(
    ("body", "printed"),
    [
        ("{{ [3, 1, 2]|sort|join }} {{ [3, 1, 2]|reverse|join }} {{ [3, 1, 2, 1]|unique|join }}", "123 213 312"),
        ("{{ 'abc'|reverse }} {{ 'hello'|sort|join }} {{ [3, 1, 2]|max }}{{ [3, 1, 2]|min }}", "cba ehllo 31"),
        ("{{ steps|sort(attribute='t')|map(attribute='t')|join }} {{ steps|groupby('t')|map('first')|join }}", "ab ab"),
        ("{{ {'b': 1, 'a': 2}|max }} {{ steps|length }} {{ 'x'|upper }} {{ [1, 2]|map('string')|join('-') }}", "b 2 X 1-2"),
    ],
)
def test_the_bounded_filters_do_as_jinjas(tmp_path: Path, body: str, printed: str) -> None:
    assert _render(tmp_path, body, steps=({"t": "b"}, {"t": "a"})) == "<document>\n" + printed + "\n</document>"


def test_a_label_is_text_never_markup(tmp_path: Path) -> None:
    words = translator("en-GB", {"en": {"references": "<b>Sources</b> 100%"}})
    (tmp_path / "t.xml.j2").write_text("<document><heading>{{ _('References') }}</heading></document>")
    assert "&lt;b&gt;Sources&lt;/b&gt; 100%" in render("t.xml.j2", {}, tmp_path, words).xml


@pytest.mark.filterwarnings("ignore:invalid escape sequence:DeprecationWarning")  # Jinja's, of the name's \\h: kept
def test_a_template_named_with_backslashes_is_found_on_every_system(tmp_path: Path) -> None:
    r"""`{% include "parts\\help.xml.j2" %}`, as a clinic on Windows writes it, was found there and 'not found'
    on a Mac or Linux: a backslash is a folder separator everywhere, as in the files a brand names, and leads
    no further out of the folder."""
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "help.xml.j2").write_text("<para>Call us</para>")
    (tmp_path.parent / "secret.xml.j2").write_text("<para>TOPSECRET</para>")
    assert "<para>Call us</para>" in _render(tmp_path, '{% include "parts\\help.xml.j2" %}')
    with pytest.raises(TemplateError, match=r"leads outside the template folder"):
        _render(tmp_path, '{% include "parts\\..\\..\\secret.xml.j2" %}')
    (tmp_path / "parts" / "new.xml.j2").write_text("<para>New</para>")
    with pytest.raises(TemplateError) as caught:  # Jinja reads \n in quotes as a line break, as Python does
        _render(tmp_path, '{% include "parts\\new.xml.j2" %}')
    assert str(caught.value) == (
        f"{tmp_path / 't.xml.j2'}:2: template 'parts\\new.xml.j2' not found: in a template's quotes a backslash "
        "starts an escape (\\n is a line break); write the name with / between its folders"
    )


def test_a_template_named_in_other_capitals_is_said_not_passed_over(tmp_path: Path) -> None:
    """A clinic's Handout.xml.j2 (as Explorer or Finder may save it) is used on Windows and a Mac, and on Linux
    the built-in handout was printed instead without a word; a part included in other capitals was 'not found'
    with nothing to say why."""
    (tmp_path / "Handout.xml.j2").write_text("<document><heading>Ours</heading></document>")
    with pytest.raises(TemplateError) as caught:
        render("handout.xml.j2", {}, tmp_path)
    said = "template 'handout.xml.j2' not found (there is Handout.xml.j2: the name must match in capitals too)"
    assert str(caught.value) == f"{tmp_path}: {said}"
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "help.xml.j2").write_text("<para>Call us</para>")
    with pytest.raises(TemplateError) as caught:
        _render(tmp_path, '{% include "Parts/Help.xml.j2" %}')
    said = "template 'Parts/Help.xml.j2' not found (there is parts/help.xml.j2: the name must match in capitals too)"
    assert str(caught.value) == f"{tmp_path / 't.xml.j2'}:2: {said}"


def test_a_template_imported_in_other_capitals_is_warned_of_where_capitals_do_not_matter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a Mac or Windows (simulated: the names as written find the files, the listing gives them as saved) a
    clinic's `{% import %}` or `{% from … import %}` of a template in other capitals finds it; on Linux it is not
    found. Said at the line that names it; on Linux (no simulation) nothing is warned of: rendering says it."""
    (tmp_path / "Parts").mkdir()
    (tmp_path / "Macros.xml.j2").write_text("{% macro m() %}<para>Hi</para>{% endmacro %}")
    (tmp_path / "Parts" / "Bits.xml.j2").write_text("{% macro b() %}<para>Bit</para>{% endmacro %}")
    poster = '<poster>\n{% import "Macros.xml.j2" as m %}\n{% from "Parts/Bits.xml.j2" import b %}\n</poster>'
    (tmp_path / "poster.xml.j2").write_text(poster)
    assert templating.misnamed(tmp_path) == []
    listed = os.listdir
    saved = {"Parts": "parts", "Macros.xml.j2": "macros.xml.j2", "Bits.xml.j2": "bits.xml.j2"}
    monkeypatch.setattr(os, "listdir", lambda path=".": [saved.get(name, name) for name in listed(path)])
    found = templating.misnamed(tmp_path)
    said = [(problem.file, problem.line, problem.message.split(":")[0], problem.code) for problem in found]
    assert said == [
        (str(tmp_path / "poster.xml.j2"), 2, "Macros.xml.j2 is saved as macros.xml.j2", "name-case"),
        (str(tmp_path / "poster.xml.j2"), 3, "Parts/Bits.xml.j2 is saved as parts/bits.xml.j2", "name-case"),
    ]


def test_a_template_name_too_long_or_leading_out_is_left_to_rendering_to_say(tmp_path: Path) -> None:
    """Looking for templates named in other capitals, a name longer than a file's may be ("File name too long")
    ended the build with a traceback; a name leading out of the folder is not looked at (rendering refuses it)."""
    (tmp_path.parent / "Outside.xml.j2").write_text("<para>Out</para>")
    long_name = "x" * 300 + ".xml.j2"
    (tmp_path / "poster.xml.j2").write_text(f'{{% include "{long_name}" %}}\n{{% include "../Outside.xml.j2" %}}')
    assert templating.misnamed(tmp_path) == []
    with pytest.raises(TemplateError, match=r"poster\.xml\.j2:1: "):  # said by rendering, at the line
        render("poster.xml.j2", {}, tmp_path)


def test_looking_for_templates_in_other_capitals_lists_each_folder_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A layout including each of the thousands of templates in its folder listed the folder again for each of
    them, the listing as long as the folder: 8,000 took a minute before every build. Each folder is listed once,
    and what it finds is unchanged (simulating a Mac, as above)."""
    (tmp_path / "parts").mkdir()
    for number in range(200):
        (tmp_path / "parts" / f"p{number}.xml.j2").write_text("<para>Hi</para>")
    includes = "\n".join(f'{{% include "parts/{"P0" if number == 0 else f"p{number}"}.xml.j2" %}}' for number in range(200))
    (tmp_path / "poster.xml.j2").write_text(f"<poster>\n{includes}\n</poster>")
    (tmp_path / "parts" / "P0.xml.j2").write_text("<para>Hi</para>")  # found as written, saved as p0 (below)
    (tmp_path / "parts" / "p0.xml.j2").unlink()
    listed, calls = os.listdir, []

    def listing(path: Any = ".") -> list[str]:
        calls.append(str(path))
        return [{"P0.xml.j2": "p0.xml.j2"}.get(name, name) for name in listed(path)]

    monkeypatch.setattr(os, "listdir", listing)
    found = templating.misnamed(tmp_path)
    assert [(problem.line, problem.message.split(":")[0]) for problem in found] == [
        (2, "parts/P0.xml.j2 is saved as parts/p0.xml.j2")
    ]
    assert sorted(set(calls)) == sorted(calls), sorted(calls)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_template_is_read_only_from_inside_its_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "evil.j2").symlink_to(secret)
    with pytest.raises(TemplateError, match=r"template 'evil\.j2' leads outside the template folder"):
        _render(layouts, "{% include 'evil.j2' %}")


def test_templates_that_name_each_other_without_end_say_which_line_closes_the_loop(tmp_path: Path) -> None:
    """Each included or imported the other: Python's "maximum recursion depth exceeded", naming the first line."""
    (tmp_path / "t.xml.j2").write_text('<document>\n{% include "u.xml.j2" %}\n</document>')
    (tmp_path / "u.xml.j2").write_text('<para>x</para>\n{% import "t.xml.j2" as t %}')
    with pytest.raises(TemplateError) as caught:
        render("t.xml.j2", {}, tmp_path)
    said = "{% import 't.xml.j2' … %} names 't.xml.j2', which leads back here, so the layout never ends"
    assert str(caught.value) == f"{tmp_path / 'u.xml.j2'}:2: {said}"


def test_a_macro_of_an_imported_template_can_be_called_and_nothing_else_of_it(tmp_path: Path) -> None:
    """`{% import "m.j2" as m %}{{ m.f() }}`, Jinja's way to share macros, failed with "access to attribute 'f'
    of 'TemplateModule' object is unsafe" (`{% from "m.j2" import f %}` worked). What the template exports is
    reachable; nothing of the module object itself is."""
    (tmp_path / "m.j2").write_text("{% set tone = 'calm' %}{% macro f(x) %}<para>{{ x }} {{ tone }}</para>{% endmacro %}")
    imported = '{% import "m.j2" as m %}'
    assert _render(tmp_path, imported + "{{ m.f('Hold') }}{{ m.tone }}") == "<document>\n<para>Hold calm</para>calm\n</document>"
    for reach in ("m._body_stream", "m.__class__", "m.f._environment", "m.f.__globals__"):
        with pytest.raises(TemplateError):
            _render(tmp_path, imported + "{{ " + reach + " }}")


def _deeper(frames: int, call: Any) -> Any:
    return call() if frames == 0 else _deeper(frames - 1, call)


@pytest.mark.parametrize("frames", [0, 7, 33])
def test_a_macro_calling_itself_without_end_is_said_alike_from_any_depth(tmp_path: Path, frames: int) -> None:
    """Python's "maximum recursion depth exceeded" ends as the frame it stops in has it ("while calling a Python
    object", or nothing): check and build, which render from different depths, said one template's fault in
    different words."""
    with pytest.raises(TemplateError) as caught:
        _deeper(frames, lambda: _render(tmp_path, "{% macro f() %}{{ f() }}{% endmacro %}\n{{ f() }}"))
    assert str(caught.value) == f"{tmp_path / 't.xml.j2'}:2: {ENDLESS}"  # the line where it calls itself


def test_renderings_one_after_another_wake_the_watchdog_once_and_one_past_its_budget_is_still_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each rendering woke the watchdog's thread (a thread switch and a wait for the interpreter's lock, four or
    five times a routine); it is woken only when a deadline comes before it would look again by itself. A
    shorter budget than the last rendering's still wakes it, and the rendering past it is stopped."""
    woken: list[int] = []
    notify = WATCHDOG._cond.notify
    monkeypatch.setattr(WATCHDOG._cond, "notify", lambda n=1: woken.append(n) or notify(n))
    for _ in range(20):
        assert "<para>x</para>" in _render(tmp_path, "<para>x</para>")
    assert len(woken) <= 1
    monkeypatch.setattr(templating, "TIME_BUDGET", 0.3)
    for _ in range(2):
        with pytest.raises(TemplateError, match=r"ran for more than 0\.3 seconds"):
            _render(tmp_path, "{% for i in range(9000) %}{% for j in range(9000) %}{% endfor %}{% endfor %}")
    assert "<para>x</para>" in _render(tmp_path, "<para>x</para>")


def test_a_key_of_the_data_is_read_as_jinja_reads_it_without_asking_for_an_attribute_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`content.title` reads the key at once: Jinja's sandbox first asked the read-only mapping for an attribute
    named `title`, and failed, at each of the thousand or so keys a routine's documents read. A name the mapping
    has of its own is still its own (`items` its method), a key it lacks still undefined, its private names still
    refused."""
    asked: list[str] = []
    jinjas = templating.ImmutableSandboxedEnvironment.getattr
    monkeypatch.setattr(
        templating.ImmutableSandboxedEnvironment,
        "getattr",
        lambda self, obj, attribute: asked.append(attribute) or jinjas(self, obj, attribute),
    )
    data = templating.plain({"title": "Knee", "items": "the key", "steps": [{"text": "Sit."}]})
    body = "{{ content.title }} {{ content.steps[0].text }} {{ content.items()|list|length }}"
    assert _render(tmp_path, body, content=data) == "<document>\nKnee Sit. 3\n</document>"
    assert asked == ["items"]
    for missing, said in (("{{ content.tittle }}", "no key 'tittle' here"), ("{{ content.__class__ }}", "__class__")):
        with pytest.raises(TemplateError) as caught:
            _render(tmp_path, missing, content=data)
        assert said in str(caught.value)


def test_a_label_asked_for_again_is_worded_once_and_by_what_fills_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A routine's handouts, web copy and posters ask for the same labels (two thirds of their calls): a label
    is worded once for its message and values. Values equal as text but not alike (markup, or text, which is
    escaped) are worded each their own way; a label's other values (a clinic's text in another language) afresh."""
    worded: list[str] = []
    english = templating._english
    monkeypatch.setattr(templating, "_english", lambda *args: worded.append(args[1]) or english(*args))
    gettext = templating._gettext_callables(translator("en-GB"))["_"]
    twice = [gettext(None, "Stop and call us on %(phone)s", phone=Markup("<nobr>999</nobr>")) for _ in range(2)]
    assert twice == ["Stop and call us on <nobr>999</nobr>"] * 2 and len(worded) == 1
    assert gettext(None, "Stop and call us on %(phone)s", phone="<nobr>999</nobr>") == (
        "Stop and call us on &lt;nobr&gt;999&lt;/nobr&gt;"
    )
    foreign = Foreign("999", "cy")
    for _ in range(2):
        gettext(None, "Stop and call us on %(phone)s", phone=foreign)
    assert len(worded) == 4


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (
            "<document>\r\n<heading>Ours</heading>\r\n<para>Caf\u00e9</para>\r\n</document>\r\n".encode("cp1252"),
            ":3: not UTF-8 text at 'Café' (saved in another encoding, such as Windows-1252): save the file as UTF-8 (in "
            "Notepad: Save as, Encoding: UTF-8)",
        ),
        ("<document>\r\n<heading>Ours</heading>\r\n</document>\r\n".encode("utf-16"), ":1: UTF-16 text, not UTF-8"),
    ],
)
def test_a_clinic_template_not_saved_as_utf8_is_said_at_its_file_and_line(tmp_path: Path, data: bytes, said: str) -> None:
    """A layout edited in Notepad and saved as "ANSI" or "Unicode" was said as "<folder>: template 'handout.xml.j2'
    is not UTF-8 text": no line, no word to look for, and no way to save it right."""
    (tmp_path / "handout.xml.j2").write_bytes(data)
    with pytest.raises(TemplateError) as caught:
        render("handout.xml.j2", {}, tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'handout.xml.j2'}{said}")


def test_a_clinic_template_saved_with_txt_after_its_name_is_said_not_passed_over(tmp_path: Path) -> None:
    """TextEdit ('Use both' when asked about the extension) and Notepad save a layout as handout.xml.j2.txt, which
    Finder and Explorer show as handout.xml.j2 where they hide extensions: the built-in handout was printed instead,
    without a word. A copy kept under another extension (.bak) is a backup, and passed over as before."""
    import jinja2

    (tmp_path / "handout.xml.j2.bak").write_text("<document><heading>Old</heading></document>")
    with pytest.raises(jinja2.TemplateNotFound):  # then looked for among the built-in ones
        templating.ConfinedLoader([str(tmp_path)]).get_source(jinja2.Environment(), "handout.xml.j2")
    (tmp_path / "handout.xml.j2.txt").write_text("<document><heading>Ours</heading></document>")
    with pytest.raises(TemplateError) as caught:
        render("handout.xml.j2", {}, tmp_path)
    said = "template 'handout.xml.j2' not found (there is handout.xml.j2.txt: Windows hides its last part, .txt, so "
    assert str(caught.value) == f"{tmp_path}: {said}rename it to handout.xml.j2)"
