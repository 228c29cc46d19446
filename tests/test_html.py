"""The accessible electronic copy: one self-contained, semantic web page per routine, read back as HTML and
checked in a real browser (Debian's Chromium, driven by Playwright) with axe-core: zero WCAG 2.1 A/AA
violations, and no horizontal scrolling at 320 CSS pixels."""

from __future__ import annotations

import datetime
import itertools
import os
import re
import shutil
from pathlib import Path
from typing import Any

import lxml.html
import pdfplumber
import pytest
import webkit as webkit_engine
from conftest import ROOT, knee, pdf_text
from tagged import words

from handouts.build import Options, build
from handouts.words.i18n import catalog_languages

AXE = Path(os.environ.get("AXE_CORE", ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def html_copy(content: Path, brand: Path, out: Path, **options: object) -> Path:
    (path,) = build(content, brand, Options(out=out, only=("handout-html",), **options))
    return path


@pytest.fixture(scope="module")
def knee_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html")
    return html_copy(ROOT / "content.yaml", ROOT / "brand.yaml", out, patient="Jo Bloggs", date=datetime.date(2026, 12, 1))


def test_one_self_contained_file_with_no_script_and_no_request(knee_html: Path) -> None:
    assert knee_html.name == "knee-self-massage-handout-jo-bloggs-2026-12-01.html"
    tree = lxml.html.fromstring(knee_html.read_bytes())
    assert not tree.xpath("//script") and not tree.xpath("//link") and not tree.xpath("//iframe")
    sources = tree.xpath("//img/@src")
    assert sources and all(src.startswith("data:image/") for src in sources)
    assert "url(" not in "".join(tree.xpath("//style/text()"))  # no font or picture fetched by the stylesheet


def test_the_stylesheet_names_each_font_once(knee_html: Path, workdir: Path) -> None:
    """The web copy's font list named Atkinson Hyperlegible twice: once as the clinic's font (the default)
    and once as the fallback after it. A clinic's own family comes first, then the default."""
    style = "".join(lxml.html.fromstring(knee_html.read_bytes()).xpath("//style/text()"))
    assert re.search(r'font-family: "Atkinson Hyperlegible",\s+system-ui', style), style
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8") + "font: Noto Sans\n", encoding="utf-8")
    page = html_copy(workdir / "content.yaml", brand, workdir / "out")
    style = "".join(lxml.html.fromstring(page.read_bytes()).xpath("//style/text()"))
    assert re.search(r'font-family: "Noto Sans", "Atkinson Hyperlegible",\s+system-ui', style), style


def test_semantic_structure(knee_html: Path) -> None:
    tree = lxml.html.fromstring(knee_html.read_bytes())
    assert tree.get("lang") == "en-GB"
    assert tree.findtext(".//title") == "Self-massage for knee osteoarthritis \u2013 Birchwood Massage & Physiotherapy"
    assert [h.text_content() for h in tree.xpath("//h1")] == ["Self-massage for knee osteoarthritis"]
    h2 = [h.text_content() for h in tree.xpath("//main//h2")]
    assert h2[:2] == ["Osteoarthritis is common", "Exercise comes first"]
    assert "References" in h2 and "Further reading" in h2
    (safety,) = tree.xpath("//aside[@class='safety']")
    assert tree.xpath(f"//*[@id='{safety.get('aria-labelledby')}']")[0].text_content() == "Before you start"
    assert len(safety.xpath(".//li")) == 5
    (help_,) = tree.xpath("//aside[@class='help']")  # when to get help: eight signs under their three actions
    assert len(help_.xpath(".//li")) == 8
    steps = tree.xpath("//ol[@class='steps']/li")
    assert len(steps) == 11 and steps[0].xpath(".//h3")[0].text_content() == "Warm up"
    # the dose's phrases are tied (no-break spaces), as in print
    assert [p.text_content().replace("\u00a0", " ") for p in steps[3].xpath(".//p[@class='dose']")] == ["5 times"]
    links = tree.xpath("//ul[@class='references']//a/@href")
    assert "https://doi.org/10.1001/archinte.166.22.2533" in links
    footer = tree.xpath("//footer")[0].text_content().replace("\u00a0", " ")
    assert "01632 960 123" in footer and "Next review due November 2028." in footer
    assert tree.xpath("//footer//a[starts-with(@href, 'tel:')]/@href") == ["tel:01632960123"]
    assert "Prepared for Jo Bloggs on 1 December 2026" in " ".join(tree.xpath("//p[@class='prepared']")[0].text_content().split())


def test_text_is_escaped_exactly(make_content, workdir: Path) -> None:
    hostile = "<script>alert(1)</script> & <b onmouseover=x>bold</b> {{ 7*7 }}"
    path = make_content(title=hostile, routine={"title": "R", "steps": [{"title": "T", "text": hostile, "cue": "c"}]})
    page = html_copy(path, workdir / "brand.yaml", workdir / "out").read_text(encoding="utf-8")
    assert "<script>" not in page and "onmouseover" not in page.replace("onmouseover=x", "")  # only as text
    tree = lxml.html.fromstring(page)
    assert tree.xpath("//h1")[0].text_content() == hostile and not tree.xpath("//script")


def _pages() -> list[tuple[str, Path, str]]:
    cases = [
        ("knee", ROOT / "content.yaml", "en-GB"),
        ("shoulder", ROOT / "examples" / "shoulder-rolls" / "content.yaml", "en-GB"),
    ]
    return cases + [(f"knee-{language}", ROOT / "content.yaml", language) for language in catalog_languages() if language != "en"]


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None or not AXE.is_file():
        if os.environ.get("CI"):
            pytest.fail("Chromium and axe-core are needed: .ci/run installs Debian's chromium and npm's axe-core")
        pytest.skip("Chromium or axe-core is not installed (apt-get install chromium; npm install axe-core)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


# The words of the page's text (links and tables aside: a web address breaks where it must; a word with a hyphen
# is two) that the browser broke across two lines: a citation tied whole ran past a phone's line, broken inside
# a word.
WORDS_BROKEN = """() => {
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT), broken = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('a, table')) continue;
        for (const word of node.data.matchAll(/[^\\s-]+-?/g)) {
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            if (new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size > 1) broken.push(word[0]);
        }
    }
    return broken;
}"""


@pytest.mark.slow
@pytest.mark.parametrize(("name", "content", "language"), _pages(), ids=[case[0] for case in _pages()])
def test_no_accessibility_violation_and_no_sideways_scrolling(
    browser, name: str, content: Path, language: str, tmp_path: Path
) -> None:
    folder = tmp_path / "routine"
    folder.mkdir()
    if (content.parent / "pictures").is_dir():
        shutil.copytree(content.parent / "pictures", folder / "pictures")
    source = folder / content.name
    shutil.copy(content, source)
    source.write_text(source.read_text(encoding="utf-8").replace("language: en-GB", f"language: {language}"), encoding="utf-8")
    page_file = html_copy(source, ROOT / "brand.yaml", tmp_path / "out")
    page = browser.new_page(viewport={"width": 320, "height": 900})
    page.goto(page_file.as_uri())  # loaded once: the page has no script, so its layout at a width is the viewport's
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
        problems = [(v["id"], v["help"], [n["html"][:80] for n in v["nodes"][:2]]) for v in result["violations"]]
        assert not problems, f"{name} at {width} px: {problems}"
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways at {width} px"
        assert not page.evaluate(WORDS_BROKEN), f"{name} breaks words at {width} px: {page.evaluate(WORDS_BROKEN)}"
    page.close()


@pytest.mark.slow
def test_a_white_logo_made_for_a_dark_band_stays_visible(browser, workdir: Path) -> None:
    """A clinic's white logo, made for its dark brand colour, was set on a white plate in the web copy: white on
    white, no logo at all. It now keeps the band's colour behind it, on screen and when the page is printed
    (where the band's own colour is left out)."""
    from PIL import Image

    Image.new("RGBA", (100, 400), (255, 255, 255, 255)).save(workdir / "white.png")
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace("logo: assets/birchwood-logo.png", "logo: white.png"))
    page_file = html_copy(workdir / "content.yaml", brand, workdir / "out")
    page = browser.new_page()
    page.goto(page_file.as_uri())
    grounds = {}
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        grounds[media] = page.evaluate("getComputedStyle(document.querySelector('header img')).backgroundColor")
    page.close()
    assert grounds == {"screen": "rgb(20, 84, 92)", "print": "rgb(20, 84, 92)"}  # the brand's #14545C


def _web_copy_with_logo(workdir: Path, logo: str, primary: str) -> str:
    """The web copy of the knee routine for the example clinic with `logo` (in `workdir`) and `primary` colour."""
    brand = workdir / "brand.yaml"
    text = brand.read_text(encoding="utf-8").replace("logo: assets/birchwood-logo.png", f"logo: {logo}")
    brand.write_text(re.sub(r'primary: "#[0-9A-Fa-f]{6}"', f'primary: "{primary}"', text), encoding="utf-8")
    return html_copy(workdir / "content.yaml", brand, workdir / "out").read_text(encoding="utf-8")


def test_a_white_logo_keeps_the_brands_colour_where_the_band_is_set_lighter(workdir: Path) -> None:
    """The web copy is set to large print's 7:1, where a mid-blue band (#0087B4) is set in a lighter blue under
    near-black text: a white logo made for the brand's blue, set on that band's colour, faded to 2.5:1. It
    keeps the brand's own colour behind it."""
    from PIL import Image

    Image.new("RGBA", (100, 400), (255, 255, 255, 255)).save(workdir / "white.png")
    page = _web_copy_with_logo(workdir, "white.png", "#0087B4")
    assert '<img class="ground"' in page
    assert re.search(r"\.band img\.ground \{ background: #0087B4;", page)
    assert not re.search(r"\.band \{ background: #0087B4;", page)  # the band itself is set lighter


def test_a_white_name_beside_a_bright_mark_keeps_the_brands_colour_behind_it(workdir: Path) -> None:
    """An orange mark with the clinic's name in white beside it, made for a #101820 band: the mark stands out on
    white, so the web copy set the logo on a white plate, and the name vanished (white on white). It keeps the
    brand's colour behind it, as the printed band has."""
    (workdir / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80"><circle cx="40" cy="40" r="32" fill="#FF5A1F"/>'
        '<text x="84" y="52" font-size="30" fill="#FFFFFF">Fenwick</text></svg>',
        encoding="utf-8",
    )
    page = _web_copy_with_logo(workdir, "logo.svg", "#101820")
    assert '<img class="ground"' in page
    assert re.search(r"\.band img\.ground \{ background: #101820;", page)


LISTS = "007. Bond\n008. Next\n\n3) Third\n4) Fourth\n\nSo:\n\n123456789. A long number\n"
TYPED = {"Bond": "007. ", "Next": "008. ", "Third": "3) ", "Fourth": "4) ", "A long number": "123456789. "}
# Each item's marker as drawn, set inside its line (so that it takes room there) in large letters: the place the
# item's text starts, and the width its typed number and mark have in the marker's font.
MARKERS_DRAWN = """
const typed = arguments[0], style = document.createElement('style');
style.textContent = 'main ol > li { list-style-position: inside; font-size: 40px }';
document.head.append(style);
const canvas = document.createElement('canvas').getContext('2d');
return [...document.querySelectorAll('main ol > li')].filter(li => li.firstChild?.data?.trim() in typed).map(li => {
    const marker = getComputedStyle(li, '::marker'), text = document.createRange();
    canvas.font = `${marker.fontWeight} ${marker.fontSize} ${marker.fontFamily}`;
    text.setStart(li.firstChild, 0);
    text.setEnd(li.firstChild, 1);
    const drawn = text.getBoundingClientRect().left - li.getBoundingClientRect().left;
    return [typed[li.firstChild.data.trim()], drawn, canvas.measureText(typed[li.firstChild.data.trim()]).width];
});
"""


@pytest.fixture
def lists_page(make_content, workdir: Path) -> Path:
    """A web copy whose section has the lists of LISTS."""
    path = make_content(sections=[{"heading": "Lists", "body": LISTS}])
    return html_copy(path, workdir / "brand.yaml", workdir / "out")


@pytest.mark.slow
def test_list_numbers_are_shown_and_read_as_typed(browser, lists_page: Path) -> None:
    """Numbers print as typed in the web copy too, marks included ("007." printed as "7.", and a screen
    reader heard no "3)"): read from the list markers in Chromium's accessibility tree."""
    page = browser.new_page(viewport={"width": 320, "height": 900})
    page.goto(lists_page.as_uri())
    nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    markers = [node.get("name", {}).get("value", "").strip() for node in nodes if node["role"].get("value") == "ListMarker"]
    assert "|007.|008.|3)|4)|123456789.|" in f"|{'|'.join(markers)}|"  # the section's lists, one after the other
    # Each typed number's marker fits left of its item on a 320-pixel phone: it hung off the page, cut.
    hanging = page.evaluate(
        """typed => [...document.querySelectorAll('main ol > li')].filter(li => li.firstChild?.data?.trim() in typed).map(li => {
            const marker = getComputedStyle(li, '::marker'), canvas = document.createElement('canvas').getContext('2d');
            canvas.font = `${marker.fontWeight} ${marker.fontSize} ${marker.fontFamily}`;
            const number = typed[li.firstChild.data.trim()];
            return [number, li.getBoundingClientRect().left - canvas.measureText(number).width];
        })""",
        TYPED,
    )
    page.close()
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # each number's line holds its item's first word
    page.goto(lists_page.as_uri())
    drawn = page.evaluate(f"typed => (function () {{{MARKERS_DRAWN}}})(typed)", TYPED)
    page.close()
    assert len(hanging) == len(TYPED) and all(left >= 0 for _, left in hanging), hanging
    assert len(drawn) == len(TYPED) and all(abs(at - width) <= 1.5 for _, at, width in drawn), drawn


@pytest.mark.slow
def test_a_numbered_styles_reference_numbers_stay_on_a_small_phone_at_twice_the_text_size(browser, tmp_path: Path) -> None:
    """Vancouver's numbers, the reference list's markers, had the browser's own room, 40 pixels, which does not
    grow with the text: at 320 CSS pixels with the text at 200%, "10." hung off the screen's left edge and read
    "0.", "11." "1.". Every number is whole on the screen, and the page does not scroll sideways."""
    page_file = html_copy(ROOT / "content.yaml", ROOT / "brand.yaml", tmp_path, csl="vancouver")
    page = browser.new_page(viewport={"width": 320, "height": 900})
    page.goto(page_file.as_uri())
    page.add_style_tag(content="html { font-size: 200% }")
    lefts = page.evaluate(
        """() => [...document.querySelectorAll('ol.references > li')].map(li => {
            const marker = getComputedStyle(li, '::marker'), canvas = document.createElement('canvas').getContext('2d');
            canvas.font = `${marker.fontWeight} ${marker.fontSize} ${marker.fontFamily}`;
            return [li.value, li.getBoundingClientRect().left - canvas.measureText(`${li.value}. `).width];
        })"""
    )
    scrolled = page.evaluate("document.documentElement.scrollWidth")
    page.close()
    assert [number for number, _ in lefts] == list(range(1, 13)), lefts  # the references, then the further reading
    assert all(left >= 0 for _, left in lefts) and scrolled <= 320, (lefts, scrolled)


@pytest.mark.slow
def test_an_author_date_styles_references_hang_from_their_first_lines_with_no_bullet(browser, tmp_path: Path) -> None:
    """The default style's list was bulleted in the web copy, and set nothing like the printed list: each entry now
    starts at the list's edge, its later lines a little further in (an entry's first words are found at a
    glance), no bullet, on a phone and on a wide screen, its words kept whole read as their text."""
    page_file = html_copy(ROOT / "content.yaml", ROOT / "brand.yaml", tmp_path)
    page = browser.new_page(viewport={"width": 320, "height": 900})
    page.goto(page_file.as_uri())
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        entries = page.evaluate(
            """() => [...document.querySelectorAll('ul.references > li')].map(li => {
                const range = document.createRange();
                range.selectNodeContents(li);
                const lines = [...range.getClientRects()], left = li.getBoundingClientRect().left;
                return [getComputedStyle(li).listStyleType, Math.min(...lines.map(r => r.left)) - left,
                        Math.round(lines[0].left - left), new Set(lines.map(r => Math.round(r.top))).size];
            })"""
        )
        assert len(entries) == 12, entries
        assert all(kind == "none" for kind, _, _, _ in entries), entries
        assert all(first == 0 and least >= 0 for _, least, first, _ in entries), entries  # nothing left of the list
        assert any(lines > 1 for _, _, _, lines in entries)
    hanging = page.evaluate(
        """() => { const li = document.querySelector('ul.references > li'), range = document.createRange();
            range.selectNodeContents(li); const rects = [...range.getClientRects()];
            return rects[rects.length - 1].left - rects[0].left; }"""
    )
    page.close()
    assert hanging > 10  # the last line of the first entry starts further in than its first


@pytest.fixture(scope="module")
def webkit():
    if not webkit_engine.available():
        if os.environ.get("CI"):
            pytest.fail("WebKit is needed: .ci/run installs Debian's webkit2gtk-driver and xvfb")
        pytest.skip("WebKit is not installed (apt-get install webkit2gtk-driver xvfb)")
    with webkit_engine.session() as session:
        yield session


@pytest.mark.slow
def test_list_numbers_are_drawn_as_typed_by_safaris_engine(webkit, lists_page: Path) -> None:
    """Safari ignores `content` on `::marker`: in WebKit a list showed "7." for "007." and "3." for "3)". Read
    from WebKit's drawing: each item's text starts as far along its line as its typed number and mark reach."""
    webkit.open(lists_page.as_uri())
    drawn = webkit.run(MARKERS_DRAWN, TYPED)
    assert len(drawn) == len(TYPED) and all(abs(at - width) <= 1.5 for _, at, width in drawn), drawn


def test_check_warns_of_a_picture_described_by_its_file_name(workdir: Path) -> None:
    from conftest import run

    shutil.copytree(ROOT / "examples" / "shoulder-rolls" / "pictures", workdir / "pictures")
    steps = [
        {"title": "Sit", "text": "Sit tall.", "image": "pictures/sit-tall.svg", "alt": "sit-tall.svg"},
        {"title": "Relax", "text": "Let go.", "image": "pictures/relax.svg", "alt": "Pic"},
        {"title": "Roll", "text": "Roll back.", "image": "pictures/roll-back.svg", "alt": "A person rolling both shoulders back"},
    ]
    import yaml

    content = yaml.safe_load((workdir / "content.yaml").read_text(encoding="utf-8"))
    content["routine"] = {"title": "R", "steps": steps}
    (workdir / "content.yaml").write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    code, output = run("check", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"))
    warned = [line for line in output.splitlines() if "says little to someone who cannot see it" in line]
    assert code == 0 and len(warned) == 2
    assert "routine.steps[1].alt" in warned[0] and "routine.steps[2].alt" in warned[1]


@pytest.mark.parametrize(
    ("phone", "href"),
    [
        ("+44 (0)1632 960123", "tel:+441632960123"),  # "(0)" is not dialled after the country code
        ("01632 960 123 ext 4", "tel:01632960123"),  # the extension is not part of the number
        ("01632 960 123 / 07700 900 123", "tel:01632960123"),  # the first of two numbers
        ("0800-HANDOUT", None),  # letters: no number can be dialled for certain
        ("n/a", None),
    ],
)
def test_the_phone_links_to_the_number_a_patient_would_dial(workdir: Path, phone: str, href: str | None) -> None:
    """The footer's phone link rings the clinic's number, or there is none; the number prints as typed (its
    spaces no-break ones, as in print: a number split over two lines is misread)."""
    import yaml

    brand = yaml.safe_load((workdir / "brand.yaml").read_text(encoding="utf-8"))
    brand["contact"]["phone"] = phone
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    tree = lxml.html.fromstring(html_copy(workdir / "content.yaml", workdir / "brand.yaml", workdir / "out").read_bytes())
    (line,) = [p for p in tree.xpath("//footer//p") if phone in p.text_content().replace("\u00a0", " ")]
    assert line.xpath(".//a/@href") == ([href] if href else [])
    assert not tree.xpath("//a[starts-with(@href, 'tel:')]/@href[. != $href]", href=href or "")


def _with_phone(make_content, workdir: Path, phone: str) -> Any:
    """The web copy of the knee routine (its help box saying to call the clinic) with brand.yaml's `phone`."""
    import yaml

    brand = yaml.safe_load((workdir / "brand.yaml").read_text(encoding="utf-8"))
    brand["contact"]["phone"] = phone
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    path = make_content(help=[{"sign": "Your knee is hot and swollen.", "action": "call-clinic"}])
    return lxml.html.fromstring(html_copy(path, workdir / "brand.yaml", workdir / "out").read_bytes())


def test_a_phone_field_of_several_numbers_links_only_the_number_it_rings(make_content, workdir: Path) -> None:
    """The whole field "01632 960 123 / out of hours 07700 900 123" was one link, in the footer and the help box,
    that rang the first number wherever it was tapped: a patient tapping the out-of-hours number rang the
    clinic's day line. The first number is the link; the others print as text."""
    tree = _with_phone(make_content, workdir, "01632 960 123 ext. 4 / out of hours 07700 900 123")
    rung = [(a.get("href"), " ".join(words(a.text_content()))) for a in tree.xpath("//a[starts-with(@href, 'tel:0')]")]
    assert rung == [("tel:01632960123", "01632 960 123 ext. 4")] * 2, rung
    said = [" ".join(words(p.text_content())) for p in tree.xpath("//footer//p | //aside[@class='help']//*[@class='schedule']")]
    assert sum("01632 960 123 ext. 4 / out of hours 07700 900 123" in line for line in said) == 2, said


def test_a_short_number_before_the_clinics_is_not_rung_from_the_clinics(make_content, workdir: Path) -> None:
    """ "999 / 01632 960 123": the link rings 999 (the first number), too short to be a number of its own in the
    field's runs, and the link went on "01632 960 123": a patient tapping the clinic's number rang 999. A link
    goes only on the number it rings; none here."""
    tree = _with_phone(make_content, workdir, "999 / 01632 960 123")
    rung = [(a.get("href"), " ".join(words(a.text_content()))) for a in tree.xpath("//a[starts-with(@href, 'tel:')]")]
    assert ("tel:999", "01632 960 123") not in rung, rung
    said = [" ".join(words(p.text_content())) for p in tree.xpath("//footer//p | //aside[@class='help']//*[@class='schedule']")]
    assert sum("999 / 01632 960 123" in line for line in said) == 2, said


def test_the_help_boxs_numbers_ring_where_tapped(knee_html: Path, make_content, workdir: Path) -> None:
    """The help box said "Stop and call us on 01632 960 123", "Call 999 now" as plain text: on a phone, a patient
    with a warning sign had to copy the number into the dialer. Each number is a link that rings it; one no
    link can ring for certain prints as typed, with no link."""
    (help_,) = lxml.html.fromstring(knee_html.read_bytes()).xpath("//aside[@class='help']")
    links = [(a.get("href"), " ".join(words(a.text_content()))) for a in help_.xpath(".//a")]
    assert links == [("tel:999", "999"), ("tel:111", "111"), ("tel:01632960123", "01632 960 123")]
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace("phone: 01632 960 123", "phone: 0800-HANDOUT"), encoding="utf-8")
    path = make_content(help=[{"sign": "Your knee is hot and swollen.", "action": "call-clinic"}])
    (help_,) = lxml.html.fromstring(html_copy(path, brand, workdir / "out").read_bytes()).xpath("//aside[@class='help']")
    (line,) = help_.xpath(".//*[@class='schedule']")
    assert " ".join(words(line.text_content())) == "Stop and call us on 0800-HANDOUT" and not line.xpath(".//a")


@pytest.mark.slow
def test_an_email_address_in_the_feedback_line_writes_to_it(browser, knee_html: Path, workdir: Path) -> None:
    """The feedback line said "or email hello@example.com." as plain text: on a phone a patient had to copy the
    address into their mail app, where the clinic's phone numbers ring where tapped. The address is a link that
    writes to it (the full stop after it is not part of it); one already a link in the clinic's words is not
    linked twice, and words around it stay as typed."""
    page = browser.new_page(viewport={"width": 360, "height": 900})
    page.goto(knee_html.as_uri())
    line = page.locator("main p", has_text="Tell us what you think")
    links = line.locator("a").evaluate_all("links => links.map(a => [a.href, a.textContent])")
    page.close()
    assert links == [["mailto:hello@example.com", "hello@example.com"]]
    brand = workdir / "brand.yaml"
    feedback = "feedback: 'Write <b>to</b> [our desk](mailto:desk@example.com) or front.desk+knee@example.co.uk, not me@x.'\n"
    brand.write_text(re.sub(r"(?m)^feedback:.*\n", feedback, brand.read_text(encoding="utf-8")), encoding="utf-8")
    page = browser.new_page(viewport={"width": 360, "height": 900})
    page.goto(html_copy(workdir / "content.yaml", brand, workdir / "out").as_uri())
    line = page.locator("main p", has_text="Write <b>to</b>")
    links = line.locator("a").evaluate_all("links => links.map(a => [a.href, a.textContent])")
    said = line.text_content()
    page.close()
    address = "front.desk+knee@example.co.uk"
    assert links == [["mailto:desk@example.com", "our desk"], [f"mailto:{address}", address]]
    assert " ".join(said.split()) == "Write <b>to</b> our desk (desk@example.com) or front.desk+knee@example.co.uk, not me@x."


@pytest.mark.parametrize(
    ("feedback", "links"),
    [
        ("Tell us at hello@example.com!", [("mailto:hello@example.com", "hello@example.com")]),
        ("Was it clear? Ask hello@example.com? We reply", [("mailto:hello@example.com", "hello@example.com")]),
        ("Rate us at https://user@example.com/form", []),
    ],
    ids=["exclamation", "question", "web address with a user"],
)
def test_the_feedback_lines_mail_link_is_the_address_alone(workdir: Path, feedback: str, links: list[tuple[str, str]]) -> None:
    """The punctuation closing the sentence went into the link ("mailto:hello@example.com!", an address no mail
    server has), and a web address's `user@host` was linked to write to "//user@example.com/form". The words
    print as typed either way."""
    brand = workdir / "brand.yaml"
    brand.write_text(
        re.sub(r"(?m)^feedback:.*\n", f"feedback: '{feedback}'\n", brand.read_text(encoding="utf-8")), encoding="utf-8"
    )
    page = lxml.html.fromstring(html_copy(workdir / "content.yaml", brand, workdir / "out").read_bytes())
    (line,) = [p for p in page.xpath("//main//p") if feedback[:8] in p.text_content()]
    assert [(a.get("href"), a.text_content()) for a in line.xpath(".//a")] == links
    assert " ".join(line.text_content().split()) == feedback


def test_check_warns_of_a_phone_no_link_can_ring(workdir: Path) -> None:
    """`check` says where the phone is that no link can ring, in one line with its kind; a number it can ring
    says nothing."""
    from conftest import run

    brand = workdir / "brand.yaml"
    args = ("check", str(workdir / "content.yaml"), "--brand", str(brand))
    assert "[phone-link]" not in run(*args)[1]
    brand.write_text(brand.read_text(encoding="utf-8").replace("phone: 01632 960 123", "phone: 0800-HANDOUT"), encoding="utf-8")
    code, output = run(*args)
    (warned,) = [line for line in output.splitlines() if "[phone-link]" in line]
    assert code == 0 and warned.startswith(f"warning: {brand}:10: contact.phone: ") and "'0800-HANDOUT'" in warned
    assert "[phone-link]" not in run(*args, "--suppress", "phone-link")[1]


def test_a_clinic_text_in_another_language_than_the_routines_says_so(make_content, workdir: Path) -> None:
    """A German routine with a brand that gives its tagline, therapist, feedback line and disclaimer in English
    only: each says lang="en-GB" where it prints (a screen reader read them with a German voice); a text the
    brand gives in German says nothing, as the page says German."""
    import yaml

    brand = yaml.safe_load((workdir / "brand.yaml").read_text(encoding="utf-8"))
    brand["feedback"] = {"en": brand["feedback"], "de": "Sagen Sie uns Ihre Meinung."}
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True), encoding="utf-8")
    path = make_content(language="de")
    page = html_copy(path, workdir / "brand.yaml", workdir / "out", patient="Jo Bloggs", date=datetime.date(2026, 12, 1))
    tree = lxml.html.fromstring(page.read_bytes())
    assert tree.get("lang") == "de"
    said = {" ".join(e.text_content().split()): e.get("lang") for e in tree.xpath("//body//*[@lang]")}
    assert said == {
        "Hands-on care for joints and muscles": "en-GB",
        "Sam Carter, massage therapist": "en-GB",
        "This sheet gives general advice. It does not replace advice from your therapist or GP.": "en-GB",
    }
    assert "Sagen Sie uns Ihre Meinung." in tree.xpath("//main")[0].text_content()


@pytest.mark.slow
@pytest.mark.parametrize("language", ["de", "it"])
def test_a_long_date_breaks_between_its_words_on_a_phone(browser, make_content, workdir: Path, language: str) -> None:
    """Words tied together that are wider than a phone's line (the next appointment's "Dienstag, 8. Dezember
    2026", a reference's "(Consultato: 10 maggio 2022).") break between their words there: tied whole, the
    browser broke them inside a word ("202|6")."""
    path = make_content(language=language)
    when = datetime.datetime(2026, 12, 8, 14, 30)
    options = {"patient": "Jo Bloggs", "date": datetime.date(2026, 12, 1), "next_appointment": when, "therapist": "Sam Carter"}
    page_file = html_copy(path, workdir / "brand.yaml", workdir / "out", **options)
    page = browser.new_page(viewport={"width": 320, "height": 900})
    page.goto(page_file.as_uri())
    broken = page.evaluate(WORDS_BROKEN)
    page.close()
    assert broken == []
    tree = lxml.html.fromstring(page_file.read_bytes())  # a short tied phrase is kept whole: the patient's name
    assert "Jo Bloggs" in [span.text_content() for span in tree.xpath("//p[@class='prepared']//*[@class='kept']")]


def test_a_label_printed_in_english_in_a_routine_in_a_language_without_a_catalog_says_so(make_content, workdir: Path) -> None:
    """A Swedish routine (no catalog of labels: they print in English) had the headings "References" and
    "Further reading" in English with nothing to say so, read with a Swedish voice; a label the clinic words in
    Swedish itself is Swedish, and says nothing."""
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8") + "labels:\n  sv:\n    further_reading: Läs mer\n", encoding="utf-8")
    path = make_content(language="sv")
    tree = lxml.html.fromstring(html_copy(path, brand, workdir / "out").read_bytes())
    headings = {h.text_content(): [span.get("lang") for span in h.xpath(".//span")] for h in tree.xpath("//main//h2")}
    assert headings["References"] == ["en"] and headings["Läs mer"] == []


def test_a_patients_name_and_date_in_an_english_label_are_not_said_in_english(make_content, workdir: Path) -> None:
    """In a Swedish routine (no catalog) "Prepared for %(patient)s on %(date)s by %(therapist)s" prints in English: its words say
    lang="en", but the patient's name and the Swedish date filled into it sat inside that span too, read with an
    English voice."""
    path = make_content(language="sv")
    page = html_copy(path, workdir / "brand.yaml", workdir / "out", patient="Åsa Öberg", date=datetime.date(2026, 12, 1))
    (prepared,) = lxml.html.fromstring(page.read_bytes()).xpath("//p[@class='prepared']")
    english = [" ".join(span.text_content().split()) for span in prepared.xpath(".//span[@lang='en']")]
    assert english == ["Prepared for", "on", "by"]
    assert "Åsa Öberg" in [span.text_content() for span in prepared.xpath(".//*[@class='kept']")]  # kept whole
    assert "december" in prepared.text_content()


def test_the_engines_english_words_in_a_routine_without_a_catalog_say_so(make_content, workdir: Path) -> None:
    """In a Swedish routine (no catalog) the schedule ("Twice a day, 3 days a week"), a step's dose ("5 times ·
    each area") and the leaflet's currency ("Written by …") are worded by the engine in English, with nothing
    to say so: each says lang="en" where it is the engine's, and the author's words, the names and the Swedish
    dates in them do not."""
    routine = {**knee()["routine"], "frequency": {"times_a_day": 2, "days_a_week": 3}}
    path = make_content(language="sv", routine=routine)
    tree = lxml.html.fromstring(html_copy(path, workdir / "brand.yaml", workdir / "out").read_bytes())
    english = [" ".join(words(span.text_content())) for span in tree.xpath("//body//span[@lang='en']")]
    assert {"Twice a day, 3 days a week", "5 times ·", "Written by", "Next review due"} <= set(english)
    assert not [text for text in english if "each area" in text or "Sam Carter" in text or "november" in text]


@pytest.mark.slow
def test_a_heading_of_one_long_word_does_not_scroll_sideways_on_a_phone(browser, make_content, workdir: Path) -> None:
    """A German title, section heading, box title and routine title each one compound wider than a phone's
    line: only paragraphs and list items broke a word too long for their line, so a heading ran off the page
    and the page scrolled sideways at 320 CSS pixels (WCAG 1.4.10)."""
    sections = [{"heading": "Oberschenkelmuskulaturdehnungsübungsanleitung", "body": "Text."}]
    path = make_content(
        language="de",
        title="Kniegelenksarthrosebehandlungsempfehlungen",
        sections=sections,
        safety={"title": "Sicherheitsvorkehrungsmaßnahmenübersicht", "points": ["Vorsicht."]},
    )
    page_file = html_copy(path, workdir / "brand.yaml", workdir / "out")
    page = browser.new_page(viewport={"width": 320, "height": 900})
    page.goto(page_file.as_uri())
    width = page.evaluate("document.documentElement.scrollWidth")
    page.close()
    assert width <= 320


@pytest.mark.slow
def test_a_mid_grey_brand_colour_gives_no_contrast_violation(browser, workdir: Path) -> None:
    """A brand colour of mid grey (#808080): neither white nor near-black text on it reaches WCAG AA, and axe
    found the band's tagline at 4.41:1."""
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace('primary: "#14545C"', 'primary: "#808080"'), encoding="utf-8")
    page_file = html_copy(workdir / "content.yaml", brand, workdir / "out")
    page = browser.new_page(viewport={"width": 320, "height": 900})
    page.goto(page_file.as_uri())
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    page.close()
    assert [(v["id"], [node["html"][:80] for node in v["nodes"]]) for v in result["violations"]] == []


def test_the_pages_title_is_the_title_as_printed_without_its_marks(make_content, workdir: Path) -> None:
    """A title with emphasis and a citation: the web page's title (what a screen reader says first, and the
    tab shows) had the asterisks and "[@nhs2019]" as typed."""
    path = make_content(title="Knee *care* for **you** [@nhs2019]")
    tree = lxml.html.fromstring(html_copy(path, workdir / "brand.yaml", workdir / "out").read_bytes())
    assert tree.findtext(".//title") == "Knee care for you \u2013 Birchwood Massage & Physiotherapy"


def test_a_clinic_templates_own_message_is_said_in_the_routines_language(make_content, workdir: Path) -> None:
    """A clinic's own template for a Swedish routine wrote `_("Mina övningar")`: no catalog has that message, so
    it prints as written, in Swedish, but it said lang="en" and was read with an English voice (in a German
    routine too). Only the engine's labels are English where they are untranslated."""
    layouts = workdir / "layouts"
    layouts.mkdir()
    layout = '<document>\n<heading>{{ _("Mina övningar") }}</heading>\n<heading>{{ _("References") }}</heading>\n</document>\n'
    (layouts / "handout.xml.j2").write_text(layout, encoding="utf-8")
    path = make_content(language="sv")
    tree = lxml.html.fromstring(html_copy(path, workdir / "brand.yaml", workdir / "out", templates=layouts).read_bytes())
    headings = {h.text_content(): [span.get("lang") for span in h.xpath(".//span")] for h in tree.xpath("//main//h2")}
    assert headings == {"Mina övningar": [], "References": ["en"]}


# The words of the discomfort table a reader sees that the browser broke across two lines other than at a soft
# hyphen: each piece between soft hyphens starts and ends on one line (a letter's last box: the range of a piece's
# first letter, after a break, also holds the hyphen drawn at the end of the line above).
TABLE_WORDS_BROKEN = """() => {
    const broken = [];
    const top = (node, at) => {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        return Math.round([...range.getClientRects()].pop().top);
    };
    for (const cell of document.querySelectorAll('main table th, main table td')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.parentElement.checkVisibility()) continue;
            for (const piece of node.data.matchAll(/[^\\s\\u00ad]+/g)) {
                if (top(node, piece.index) !== top(node, piece.index + piece[0].length - 1)) broken.push(piece[0]);
            }
        }
    }
    return broken;
}"""


def knee_in(language: str, folder: Path, brand: Path = ROOT / "brand.yaml") -> Path:
    """The knee routine's web copy in `language`."""
    source = folder / "content.yaml"
    text = (ROOT / "content.yaml").read_text(encoding="utf-8")
    source.write_text(text.replace("language: en-GB", f"language: {language}"), encoding="utf-8")
    return html_copy(source, brand, folder / "out")


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en-GB", "de", "pl", "cy", "fr"])
def test_the_discomfort_tables_words_never_break_on_a_phone(browser, language: str, tmp_path: Path) -> None:
    """The table's column headings broke inside their words on a phone: "Afterwa|rds: up to 3 out of 10",
    German "Währe|nddes|sen:", for a browser without the language's hyphenation dictionary (Chromium on Linux
    and Windows) breaks a word anywhere rather than run past the screen. A column is headed by its moment alone
    ("During"), and where the grid has no room for its words whole, the table lists its levels: no word of it
    is broken on a phone or a laptop, and the page does not scroll sideways."""
    page_file = knee_in(language, tmp_path)
    page = browser.new_page()
    page.goto(page_file.as_uri())  # loaded once: the page has no script, so its layout at a width is the viewport's
    for width in (320, 360, 390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        broken = page.evaluate(TABLE_WORDS_BROKEN)
        scrolled = page.evaluate("document.documentElement.scrollWidth")
        assert broken == [] and scrolled <= width, f"{language} at {width} px: {broken}, {scrolled} px wide"
    page.close()


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en-GB", "de"])
def test_the_discomfort_table_fits_a_small_phone_at_twice_the_text_size(browser, language: str, tmp_path: Path) -> None:
    """At 320 CSS pixels with the browser's text at 200%, the table ran 96 pixels past the screen's right edge
    (German: 169), and the page scrolled sideways (WCAG 1.4.10): its columns' words were wider than the screen.
    There it lists its levels, each tick on a line of its own; a reader who zooms the page, not the text, gets
    the grid back on a wider screen. The clinic's name in the band no longer pushes the page wider either."""
    page_file = knee_in(language, tmp_path)
    for width in (320, 360):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(page_file.as_uri())
        page.add_style_tag(content="html { font-size: 200% }")
        right = page.evaluate("document.querySelector('main table').getBoundingClientRect().right")
        scrolled = page.evaluate("document.documentElement.scrollWidth")
        page.close()
        assert right <= width - 16 and scrolled <= width, (width, right, scrolled)  # inside the page's margin


def test_the_help_boxs_signs_have_room_on_a_small_phone_at_twice_the_text_size(browser, knee_html: Path) -> None:
    """At 320 CSS pixels with the browser's text at 200%, the page's and the help box's side padding (1rem each)
    doubled with the text, and the signs to get help for were set in 140 pixels, 3.9 em: seven letters to a line,
    "especia / lly", "Midlan / ds Ambula / nce". The sides are no wider than at 100% (5% of the screen, 16 pixels
    there), and the signs get 5.6 em; at 100% nothing moves (the page's margin is 16 pixels either way)."""
    room = {}
    for scale in ("100%", "200%"):
        page = browser.new_page(viewport={"width": 320, "height": 900})
        page.goto(knee_html.as_uri())
        page.add_style_tag(content=f"html {{ font-size: {scale} }}")
        room[scale] = page.evaluate(
            """() => { const item = document.querySelector('aside.help li'), main = document.querySelector('main');
                return [item.getBoundingClientRect().width / parseFloat(getComputedStyle(item).fontSize),
                        parseFloat(getComputedStyle(main).paddingLeft)]; }"""
        )
        page.close()
    assert room["200%"][0] >= 5.5, room  # ems of the signs' lines
    assert room["100%"][1] == room["200%"][1] == 16, room  # the page's margin, as at 100%


def screen_reader(page) -> list[tuple[str, str, int]]:
    """The page as Chromium gives it to a screen reader: the role, name and level (a heading's; else 0) of each
    node of its accessibility tree (not ignored, and not a node of the text's lines), in reading order."""
    nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    by_id = {node["nodeId"]: node for node in nodes}
    said: list[tuple[str, str, int]] = []

    def walk(node: dict) -> None:
        role = node.get("role", {}).get("value", "")
        if not node.get("ignored") and role != "InlineTextBox":
            level = next((p["value"]["value"] for p in node.get("properties", []) if p["name"] == "level"), 0)
            said.append((role, node.get("name", {}).get("value", ""), level))
        for child in node.get("childIds", []):
            if child in by_id:
                walk(by_id[child])

    walk(nodes[0])
    return said


@pytest.mark.slow
def test_a_screen_reader_hears_the_discomfort_limits_once(browser, knee_html: Path) -> None:
    """The table's column headings were the paragraphs above it word for word: a screen reader read "During: up
    to 3 out of 10" in the paragraph, again as the heading, and again with each cell of the column. The headings
    are the moment alone ("During", "Afterwards"); the words a phone's list shows beside each tick are for the
    eye only, the screen reader having the column's heading (as it has on a laptop's grid)."""
    for width in (320, 1280):  # the list, the grid
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(knee_html.as_uri())
        said = screen_reader(page)
        page.close()
        texts = [name.strip() for role, name, _ in said if role == "StaticText"]
        assert texts.count("During: up to 3 out of 10") == 1 and texts.count("Afterwards: up to 3 out of 10") == 1
        assert [name for role, name, _ in said if role == "columnheader"] == ["During", "Afterwards"], width
        assert texts.count("During") == texts.count("Afterwards") == 1, width  # the headings' own words
        cells = [name for role, name, _ in said if role == "cell"]
        assert cells.count("\u2713") == 8 and len(cells) == 1 + 2 * 11, width  # the corner, and a level's two


@pytest.mark.slow
def test_what_to_do_heads_its_warning_signs_in_the_outline(browser, knee_html: Path) -> None:
    """The help box's lines saying what to do ("Call 999 now") looked like headings (bold, coloured, each over
    its signs) but were paragraphs: a screen reader's list of headings went from "When to get help" to the next
    section, and a patient in a hurry could not jump to what to do. Each is a heading one level below the box's
    own, its signs after it, and the outline skips no level."""
    page = browser.new_page(viewport={"width": 360, "height": 900})
    page.goto(knee_html.as_uri())
    headings = [(name, level) for role, name, level in screen_reader(page) if role == "heading"]
    page.close()
    at = headings.index(("When to get help", 2))
    assert [" ".join(words(name)) for name, _ in headings[at + 1 : at + 4]] == [
        "Call 999 now",
        "See your GP today, or call 111",
        "Stop and call us on 01632 960 123",
    ]
    assert [level for _, level in headings[at + 1 : at + 4]] == [3, 3, 3]
    levels = [level for _, level in headings]
    assert levels[0] == 1 and all(after <= before + 1 for before, after in itertools.pairwise(levels))


# A clinic's discomfort labels of one long word, in a script its language's hyphenation finds no break in
# (Swahili: no dictionary) or too few (Greek), and English left untranslated in a Greek routine. (Hindi, the
# first case, is refused now: the PDFs cannot shape Devanagari.)
LONG_LABELS = {
    "sw": ("Maumivumakalisanayasiyovumilika", "Hakunamaumivuyoyotekabisa"),
    "el": ("Ανυπόφορουπερβολικόςπόνος", "Καθόλουπόνοςαπολύτωςτίποτα"),
}


@pytest.mark.slow
@pytest.mark.parametrize("language", sorted(LONG_LABELS))
def test_a_discomfort_table_of_words_without_hyphenation_points_fits_a_phone(browser, language: str, workdir: Path) -> None:
    """The table's words break only at their soft hyphens, and a word with none in a long piece (a Swahili label:
    Swahili has no hyphenation dictionary; a Greek one the dictionary splits too little; "Afterwards:" in a
    Greek routine) held its column wide: the table ran past a 320-pixel screen and the page scrolled sideways
    (WCAG 1.4.10). Such a word may now break anywhere, as the last resort."""
    worst, none = LONG_LABELS[language]
    source = workdir / "content.yaml"  # the knee routine, whose table this is
    text = (ROOT / "content.yaml").read_text(encoding="utf-8")
    source.write_text(text.replace("language: en-GB", f"language: {language}"), encoding="utf-8")
    brand = workdir / "brand.yaml"
    labels = f'labels:\n  {language}:\n    pain_worst: "{worst}"\n    pain_none: "{none}"\n'
    labels += f'    discomfort_during: "{worst}: %(n)s"\n'
    brand.write_text(brand.read_text(encoding="utf-8") + labels, encoding="utf-8")
    page_file = html_copy(source, brand, workdir / "out")
    page = browser.new_page(viewport={"width": 320, "height": 900})
    page.goto(page_file.as_uri())
    right = page.evaluate("document.querySelector('main table').getBoundingClientRect().right")
    scrolled = page.evaluate("document.documentElement.scrollWidth")
    page.close()
    assert right <= 320 and scrolled <= 320, f"the table reaches {right} px, the page {scrolled} px"


# Headings and the lines set like them whose last line holds one word only (of those taking more than a line).
LAST_WORD_ALONE = """() => {
    const alone = [];
    for (const element of document.querySelectorAll('main h1, main h2, main h3, main .subtitle, main .schedule, main .finish')) {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT), tops = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const word of node.data.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, word.index);
                range.setEnd(node, word.index + word[0].length);
                tops.push(Math.round([...range.getClientRects()].pop().top));
            }
        }
        const last = Math.max(...tops);
        if (new Set(tops).size > 1 && tops.filter(top => top === last).length < 2) alone.push(element.textContent);
    }
    return alone;
}"""


@pytest.mark.slow
def test_headings_and_what_to_do_never_end_on_one_word_alone(browser, make_content, workdir: Path) -> None:
    """The printed handout balances its headings and the lines saying what to do about a warning sign; the web
    copy did not: "Übungen für einen verspannten / Nacken", "Hören Sie auf und rufen Sie uns unter 030
    1234567 / an" on a laptop's screen."""
    brand = workdir / "brand.yaml"
    text = brand.read_text(encoding="utf-8").replace("country: GB", "country: DE")
    text = text.replace("  phone: 01632 960 123", '  phone: 030 1234567\n  emergency: "112"\n  urgent: "116 117"')
    brand.write_text(text, encoding="utf-8")
    signs = [{"sign": "Kribbeln oder Taubheit in Arm oder Hand sind neu aufgetreten.", "action": "call-clinic"}]
    path = make_content(language="de", title="Übungen für einen verspannten Nacken", help=signs)
    page_file = html_copy(path, brand, workdir / "out")
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # on a phone some cannot be helped
    page.goto(page_file.as_uri())
    alone = page.evaluate(LAST_WORD_ALONE)
    page.close()
    assert alone == []


def printed(browser, page_file: Path, out: Path) -> list[list[str]]:
    """The page as a browser prints it (A4, without background graphics, as a print dialog offers it): each
    printed page's lines of text; the PDF goes to `out`."""
    page = browser.new_page()
    page.goto(page_file.as_uri())
    page.pdf(path=str(out), format="A4")
    page.close()
    with pdfplumber.open(out) as pdf:
        return [(sheet.extract_text() or "").splitlines() for sheet in pdf.pages]


@pytest.mark.slow
def test_printed_from_a_browser_each_address_is_printed_once(browser, knee_html: Path, tmp_path: Path) -> None:
    """The web copy printed from a browser: each reference's address printed twice ("https://doi.org/…
    (https://doi.org/…)"), as did the clinic's website ("www.example.com (https://www.example.com)")."""
    text = "".join("".join(lines) for lines in printed(browser, knee_html, tmp_path / "printed.pdf")).replace(" ", "")
    addresses = [*lxml.html.fromstring(knee_html.read_bytes()).xpath("//ul[@class='references']//a/@href"), "www.example.com"]
    assert len(addresses) == 13 and [address for address in addresses if text.count(address) != 1] == []


@pytest.mark.slow
def test_printed_from_a_browser_the_discomfort_table_is_whole_and_marked(browser, knee_html: Path, tmp_path: Path) -> None:
    """The discomfort table printed from a browser was cut across two pages, and the ticks of its acceptable
    levels were white on white: a print dialog leaves backgrounds out. The levels keep their colour."""
    pages = printed(browser, knee_html, tmp_path / "printed.pdf")
    (scale,) = [index for index, lines in enumerate(pages) if "How much discomfort is fine" in lines]
    assert "10 Worst" in " ".join(pages[scale])  # the table's last row, on the heading's page
    style = "".join(lxml.html.fromstring(knee_html.read_bytes()).xpath("//style/text()"))
    mark = re.search(r"\.scale td\.ok \{ background: #(\w{6})", style).group(1)
    colour = tuple(round(int(mark[i : i + 2], 16) / 255, 2) for i in (0, 2, 4))
    with pdfplumber.open(tmp_path / "printed.pdf") as pdf:
        fills = [r for r in pdf.pages[scale].rects if tuple(round(c, 2) for c in r["non_stroking_color"] or ()) == colour]
    assert len(fills) >= 8  # levels 0 to 3, during and afterwards


@pytest.mark.slow
def test_printed_from_a_browser_a_heading_keeps_to_its_text(browser, make_content, workdir: Path) -> None:
    """Ten sections of different lengths printed from a browser: the eighth's heading ended a page, its text on
    the next, and the clinic's details at the foot were cut across two pages."""
    sentence = "Keep your knee warm and move it gently through the day. "
    sections = [{"heading": f"Part {i + 1} of the advice", "body": sentence * (1 + i * 7 % 11)} for i in range(10)]
    page_file = html_copy(make_content(sections=sections), workdir / "brand.yaml", workdir / "out")
    pages = printed(browser, page_file, workdir / "printed.pdf")
    assert [lines[-1] for lines in pages[:-1] if lines and lines[-1].startswith("Part ")] == []
    footer = max(index for index, lines in enumerate(pages) if "Birchwood Massage & Physiotherapy" in lines)
    assert "Next review due November 2028." in pages[footer]  # the footer's first line and its last


def test_a_link_typed_with_a_capital_scheme_prints_its_address_without_it(make_content, workdir: Path) -> None:
    """'Https://…' (a word processor capitalises a line's first letter) printed "(Https://www.nhs.uk/…)" after
    the link's words, where 'https://…' printed "(www.nhs.uk/…)"."""
    sections = [{"heading": "More", "body": "See [the NHS page on knees](Https://www.nhs.uk/conditions/knee-pain/)."}]
    page_file = html_copy(make_content(sections=sections), workdir / "brand.yaml", workdir / "out")
    (para,) = [p for p in lxml.html.fromstring(page_file.read_bytes()).xpath("//main//p") if "NHS page" in p.text_content()]
    assert " ".join(para.text_content().split()) == "See the NHS page on knees (www.nhs.uk/conditions/knee-pain)."


@pytest.mark.slow
def test_printed_from_a_browser_a_link_gives_its_address_once(browser, make_content, workdir: Path) -> None:
    """On paper a link cannot be followed: a step's "Watch the video" prints its address after it. A link in the
    text already shows its address after its words ("the NHS page on knees (www.nhs.uk/conditions/knee-pain)"),
    and printed it a second time."""
    sections = [{"heading": "More", "body": "See [the NHS page on knees](https://www.nhs.uk/conditions/knee-pain/)."}]
    routine = knee()["routine"]
    routine["steps"][0]["video"] = "https://www.youtube.com/watch?v=abc"
    page_file = html_copy(make_content(sections=sections, routine=routine), workdir / "brand.yaml", workdir / "out")
    text = " ".join(" ".join(lines) for lines in printed(browser, page_file, workdir / "printed.pdf"))
    assert "Watch the video (https://www.youtube.com/watch?v=abc)" in text
    assert "the NHS page on knees (www.nhs.uk/conditions/knee-pain)." in text and text.count("nhs.uk/conditions/knee-pain") == 1


@pytest.mark.slow
def test_the_clinics_name_sits_beside_its_logo_on_a_phone(browser, knee_html: Path) -> None:
    """On a phone the clinic's name and tagline wrapped below the logo: the band took 213 of a 390-pixel phone's
    first 844, the leaflet's title below it. They sit beside the logo, and below it only where the text is too
    large for that (twice the browser's text size on a 320-pixel phone)."""
    beside = {}
    for width, text_size in ((320, "100%"), (390, "100%"), (320, "200%")):
        page = browser.new_page(viewport={"width": width, "height": 844})
        page.goto(knee_html.as_uri())
        page.add_style_tag(content=f"html {{ font-size: {text_size} }}")
        logo, name = (page.locator(selector).bounding_box() for selector in ("header img", "header .clinic"))
        beside[width, text_size] = logo["x"] + logo["width"] < name["x"]
        page.close()
    assert beside == {(320, "100%"): True, (390, "100%"): True, (320, "200%"): False}


@pytest.mark.slow
def test_a_tall_picture_fits_a_phones_screen_and_a_printed_page(browser, make_content, workdir: Path) -> None:
    """A step's picture three times as tall as it is wide took the page's whole width: 966 pixels tall on a
    390 x 844 phone, its step's text out of sight; printed, it was cut across two pages. It keeps its shape,
    at most three quarters of the screen tall, and prints whole on one page."""
    from PIL import Image

    Image.new("RGB", (600, 1800), (200, 120, 60)).save(workdir / "tall.png")
    routine = knee()["routine"]
    routine["steps"][0].update(image="tall.png", alt="A person sitting tall on a chair, seen from the side.")
    page_file = html_copy(make_content(routine=routine), workdir / "brand.yaml", workdir / "out")
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(page_file.as_uri())
    box = page.locator("ol.steps img").bounding_box()
    page.close()
    assert box["height"] <= 0.75 * 844 and abs(box["width"] / box["height"] - 1 / 3) < 0.01, box
    printed(browser, page_file, workdir / "printed.pdf")
    with pdfplumber.open(workdir / "printed.pdf") as pdf:
        placed = [(image["top"], image["bottom"], sheet.height) for sheet in pdf.pages for image in sheet.images]
    tall = [(top, bottom, height) for top, bottom, height in placed if bottom - top > 100]  # the logo is smaller
    assert len(tall) == 1 and tall[0][0] >= 0 and tall[0][1] <= tall[0][2], placed


@pytest.mark.slow
def test_printed_from_a_browser_what_to_do_keeps_to_its_signs(browser, make_content, workdir: Path) -> None:
    """A help box longer than a page, printed from a browser: "Stop and call us on 01632 960 123" ended a page,
    the signs it is about on the next."""
    sentence = "Your knee is hot and swollen and you feel unwell. "
    actions = ["emergency", "gp-today", "call-clinic"]
    signs = [{"sign": sentence * (1 + i % 4), "action": actions[i * 3 // 22]} for i in range(22)]
    page_file = html_copy(make_content(help=signs), workdir / "brand.yaml", workdir / "out")
    pages = printed(browser, page_file, workdir / "printed.pdf")
    schedules = {" ".join(words(h.text_content())) for h in lxml.html.fromstring(page_file.read_bytes()).xpath("//aside//h3")}
    assert len(schedules) == 3 and [lines[-1] for lines in pages[:-1] if lines and lines[-1] in schedules] == []


def test_a_reference_whose_link_escapes_its_address_prints_it_once(workdir: Path) -> None:
    """A DOI with "<" and ">" (a link holds them as "%3C" and "%3E") and a web address with a space: the
    reference shows each as typed, and the link did not know its words for its address, so printed from a
    browser it gave the address a second time. Every reference's link is marked as showing its address."""
    doi = "10.1002/(SICI)1097-0258(19980815/30)17:15/16<1661::AID-SIM968>3.0.CO;2-2"
    text = (ROOT / "content.yaml").read_text(encoding="utf-8")
    text = text.replace("DOI: 10.1001/archinte.166.22.2533", f'DOI: "{doi}"')
    text = text.replace("URL: https://www.nhs.uk/conditions/osteoarthritis/", "URL: https://www.nhs.uk/conditions/knee pain")
    (workdir / "content.yaml").write_text(text, encoding="utf-8")
    tree = lxml.html.fromstring(html_copy(workdir / "content.yaml", ROOT / "brand.yaml", workdir / "out").read_bytes())
    links = tree.xpath("//ul[@class='references']//a")
    hrefs = " ".join(a.get("href") for a in links)
    assert "16%3C1661::AID-SIM968%3E3.0" in hrefs and "/knee%20pain" in hrefs  # escaped in the link
    assert [a.get("href") for a in links if a.get("class") != "address"] == []


# Where each of `phrases` (its spaces plain or no-break) is drawn over more than one line of the page.
PHRASES_BROKEN = """(phrases) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), broken = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const phrase of phrases) {
            const words = phrase.split(' ').map(word => word.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&'));
            const pattern = new RegExp(words.join('[ \\u00a0]'), 'g');
            for (const found of node.data.matchAll(pattern)) {
                const range = document.createRange();
                range.setStart(node, found.index);
                range.setEnd(node, found.index + found[0].length);
                const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
                if (tops.size > 1) broken.push(phrase);
            }
        }
    }
    return broken;
}"""


@pytest.mark.slow
def test_a_phone_number_and_french_guillemets_typed_in_text_stay_whole_on_a_phone(browser, make_content, workdir: Path) -> None:
    """The printed handout keeps a phone number typed in running text whole, and a French guillemet with the word
    it leans on; the web copy broke both on a phone's screen: "Appelez-nous au 01 23 / 45 67 89" in the safety
    box, and the clinic's name "Cabinet de kinésithérapie « / Les Œillets »" in the band and the footer."""
    brand = workdir / "brand.yaml"
    name = "Cabinet de kinésithérapie « Les Œillets » & Associés"
    brand.write_text(brand.read_text(encoding="utf-8").replace("Birchwood Massage & Physiotherapy", name), encoding="utf-8")
    point = "**Arrêtez si la douleur irradie dans la jambe.** Appelez-nous au 01 23 45 67 89."
    path = make_content(language="fr", safety={"points": [point, "Ne forcez jamais : restez doux."]})
    page_file = html_copy(path, brand, workdir / "out")
    broken = []
    for width in (320, 360, 400):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(page_file.as_uri())
        broken += page.evaluate(PHRASES_BROKEN, ["01 23 45 67 89", "« Les", "Œillets »", "jamais :"])
        page.close()
    assert broken == []


@pytest.mark.slow
def test_a_polish_word_of_one_letter_never_ends_a_line_on_a_phone(browser, make_content, workdir: Path) -> None:
    """Polish typesetting never leaves a word of one letter ("w", "i", "z") at a line's end: the printed handout
    keeps each with the next word, the web copy did not ("Ćwicz w / domu" on a phone's screen), nor in the
    clinic's name in its band and footer ("Sp. z / o.o.")."""
    summary = (
        "Ćwicz w domu i w pracy, z przerwami co godzinę. Siedź prosto i oddychaj spokojnie, a jeśli coś boli, "
        "przerwij i zadzwoń do nas. Rób to w ciszy, z uwagą i bez pośpiechu, a w razie wątpliwości o nic się nie martw."
    )
    path = make_content(language="pl", summary=summary)
    brand = workdir / "brand.yaml"
    name = "Gabinet Fizjoterapii i Masażu Leczniczego Źródło Sp. z o.o."
    brand.write_text(brand.read_text(encoding="utf-8").replace("Birchwood Massage & Physiotherapy", name), encoding="utf-8")
    page_file = html_copy(path, brand, workdir / "out")
    phrases = sorted(set(re.findall(r"(?<!\w)\w \w+", summary + " " + name)))  # each word of one letter and the next
    broken = []
    for width in range(320, 480, 20):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(page_file.as_uri())
        broken += page.evaluate(PHRASES_BROKEN, phrases)
        page.close()
    assert broken == []


# Functions of the browser's: `drawn`, the characters of an element's text, each with the top of the line it was
# drawn on (null where it was drawn nowhere: a space ending a line), no-break spaces read as spaces; `byLine`,
# those characters' text line by line, top to bottom.
DRAWN = """
    const drawn = (element) => {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT), characters = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let at = 0; at < node.data.length; at++) {
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + 1);
                const rect = range.getClientRects()[0];
                characters.push([node.data[at].replace('\\u00a0', ' '), rect && rect.width ? Math.round(rect.top) : null]);
            }
        }
        return characters;
    };
    const byLine = (characters) => {
        const lines = new Map();
        for (const [character, top] of characters) if (top !== null) lines.set(top, (lines.get(top) || '') + character);
        return [...lines.keys()].sort((a, b) => a - b).map(top => lines.get(top).trim());
    };"""
# The lines the browser drew `selector`'s first element's text in, top to bottom.
LINES = (
    "(selector) => {"
    + DRAWN
    + """
    return byLine(drawn(document.querySelector(selector)));
}"""
)
# The lines of each of `selector`'s elements.
ALL_LINES = (
    "(selector) => {"
    + DRAWN
    + """
    return [...document.querySelectorAll(selector)].map(element => byLine(drawn(element)));
}"""
)


@pytest.mark.slow
@pytest.mark.parametrize("therapist", ["Marco Bianchi, fisioterapista", "Dr. Marianna Kowalczyk, fizjoterapeutka"])
def test_a_name_print_keeps_whole_is_whole_on_a_wide_screen_and_fits_a_phone(workdir: Path, browser, therapist: str) -> None:
    """The printed handout keeps the therapist's name and role on one line ("Prepared ... by Marco Bianchi,
    fisioterapista"); the web copy freed all of its spaces but the last, and broke it as "Marco / Bianchi,
    fisioterapista" at 900 pixels as at any width. Words print keeps together that may fit a phone's line are
    whole wherever they fit the line; where they do not (a longer name on a phone) they break between their
    words, never inside one, and the page does not scroll sideways."""
    options = Options(out=workdir / "out", only=("handout", "handout-html"), patient="Jo Bloggs", therapist=therapist)
    (pdf,) = [path for path in build(workdir / "content.yaml", workdir / "brand.yaml", options) if path.suffix == ".pdf"]
    page_file = pdf.with_suffix(".html")
    assert any(therapist in line.replace("\u00a0", " ") for line in pdf_text(pdf).splitlines())  # whole in print
    lines = {}
    for width in (900, 320):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(page_file.as_uri())
        lines[width] = page.evaluate(LINES, "p.prepared")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"scrolls sideways at {width} px"
        assert page.evaluate(WORDS_BROKEN) == [], f"breaks words at {width} px"
        page.close()
    assert lines[900][-1] == therapist, lines[900]  # the line breaks before the name, not inside it
    if len(therapist) < 30:  # a name and role that fit a phone's line (288 pixels inside its margins) are whole there
        assert lines[320][-1] == therapist, lines[320]
    else:  # wider than it: broken between their words, from the start of a line
        assert " ".join(lines[320][-2:]) == therapist, lines[320]


@pytest.mark.slow
def test_a_heading_never_ends_a_line_on_a_word_of_one_or_two_letters(browser, make_content, workdir: Path) -> None:
    """Print keeps a heading's word of one or two letters with the word after it; the web copy ended a line on
    it on a laptop's screen ("Ease a stiff neck and a / sore back in a few steps"). Tied by no-break spaces, as
    in print, such words ran past a phone's line at twice the text size and broke inside a word: kept in a span,
    they break between their words where the line has no room for them (at 320 pixels with the browser's text
    at 200%: each line ends at a space of the heading), and the heading reads as typed, with ordinary spaces."""
    title = "Ease a stiff neck and a sore back in a few steps"
    page_file = html_copy(make_content(title=title), workdir / "brand.yaml", workdir / "out")
    short = re.compile(r"[^\W\d_]{1,2}")
    for width, text_size in ((1280, "100%"), (320, "200%")):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(page_file.as_uri())
        page.add_style_tag(content=f"html {{ font-size: {text_size} }}")
        lines = page.evaluate(LINES, "main h1")
        read = page.evaluate("[...['textContent', 'innerText']].map(how => document.querySelector('main h1')[how])")
        scrolled = page.evaluate("document.documentElement.scrollWidth")
        page.close()
        assert read == [title, title], f"read at {width} px as {read}"
        assert scrolled <= width, f"scrolls sideways at {width} px, text {text_size}"
        assert " ".join(lines) == title, f"broken inside a word at {width} px, text {text_size}: {lines}"
        if width == 1280:  # at 320 pixels and 200%, the line has no room for "in a few"
            ends = [line.split()[-1] for line in lines[:-1]]
            assert len(lines) > 1 and not [end for end in ends if short.fullmatch(end)], f"lines at {width} px: {lines}"


def test_the_style_keeping_words_together_is_there_when_only_a_heading_keeps_them(make_content, workdir: Path) -> None:
    """A heading's word of one or two letters and the next are kept together by the page's style: a page whose
    only such words are its title's has that style, and a page without any has none."""
    styles = []
    plain = {"summary": "Gentle massage eases stiff knees.", "subtitle": "Gentle strokes", "finish": "Well done."}
    plain |= {"sections": None, "references": None, "further_reading": None, "published": None, "review_due": None}
    steps = [{"title": "Stroke", "text": "Stroke your knee gently."}]  # no dose ("5 times"), kept whole on a phone
    plain |= {"routine": {"title": "Steps", "steps": steps}}
    brand = workdir / "brand.yaml"  # no phone number, kept whole on a phone
    brand.write_text(brand.read_text(encoding="utf-8").replace("phone: 01632 960 123", "phone: 999"), encoding="utf-8")
    for title in ("Knee massage", "Knee massage at home"):
        page_file = html_copy(make_content(title=title, **plain), brand, workdir / "out")
        tree = lxml.html.fromstring(page_file.read_bytes())
        assert tree.xpath("//h1")[0].text_content() == title
        kept = [span.text_content() for span in tree.xpath("//*[@class='kept']")]
        styles.append((".kept {" in tree.findtext(".//style"), kept))
    assert styles == [(False, []), (True, ["at home"])]


# How the browser drew each `number` (its spaces plain or no-break) in `selector`'s elements: for each time it is
# written, its characters line by line, top to bottom.
NUMBER_LINES = (
    "([selector, number]) => {"
    + DRAWN
    + """
    const found = [];
    for (const element of document.querySelectorAll(selector)) {
        const characters = drawn(element), text = characters.map(([character]) => character).join('');
        for (let at = text.indexOf(number); at >= 0; at = text.indexOf(number, at + 1)) {
            found.push(byLine(characters.slice(at, at + number.length)));
        }
    }
    return found;
}"""
)


@pytest.mark.slow
def test_a_phone_number_breaks_only_between_its_groups_at_twice_the_text_size(browser, make_content, workdir: Path) -> None:
    """Tied whole by no-break spaces, as print ties it, a phone number of 20 characters or fewer was wider than a
    320-pixel phone's line at twice the browser's text size (a patient with low vision), and the browser broke it
    inside its digits: "+44 (0)1 / 632 960 / 123" in the help box, a misdialling risk. Where it does not fit the
    line it breaks only at its spaces, in the help box, the clinic's contact line, a heading and body text; where
    it fits (a laptop's screen) it is on one line; the page does not scroll sideways."""
    number = "+44 (0)1632 960123"
    brand = workdir / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace("phone: 01632 960 123", f'phone: "{number}"'), encoding="utf-8")
    section = {"heading": f"Call {number}", "body": f"If your knee swells, call us on {number} the same day."}
    help_ = [{"sign": "Your knee is hot and swollen.", "action": "call-clinic"}]
    page_file = html_copy(make_content(sections=[section], help=help_), brand, workdir / "out")
    places = ("aside.help .schedule", "footer p", "main h2", "main p.body")
    for width, text_size in ((320, "200%"), (900, "100%")):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(page_file.as_uri())
        page.add_style_tag(content=f"html {{ font-size: {text_size} }}")
        drawn = [lines for place in places for lines in page.evaluate(NUMBER_LINES, [place, number]) or [[place]]]
        scrolled = page.evaluate("document.documentElement.scrollWidth")
        read = page.evaluate("[...document.querySelectorAll('footer p')].map(p => p.innerText)")
        page.close()
        assert scrolled <= width, f"scrolls sideways at {width} px, text {text_size}"
        assert all(" ".join(lines) == number for lines in drawn), f"broken inside a group at {width} px: {drawn}"
        if width == 900:
            assert all(len(lines) == 1 for lines in drawn), f"not on one line at {width} px: {drawn}"
        else:
            assert any(len(lines) > 1 for lines in drawn), f"no line too narrow for the number: {drawn}"
        assert any(number == line.replace("\u00a0", " ") for line in read), read  # read and copied as typed


# Words kept whole in a span (a phone number, a title and a name, a French name in its guillemets, a citation), in
# bold or emphasis, with the marks typed right after them
GLUED = (
    "If it hurts, call **01632 960 123**. Ask *Dr. Kowalczyk*, **Dr. Kowalczyk**; *Dr. Kowalczyk*: see "
    "**Dr. Kowalczyk**! Or *Dr. Kowalczyk*? (Ask for **Dr. Kowalczyk**) and *« Les Tilleuls »*\u2026 or "
    "*Dr. Kowalczyk*\u201d & <b>**Dr. Kowalczyk**</b>."
)


@pytest.mark.slow
def test_a_mark_typed_after_words_kept_whole_never_opens_a_line(browser, make_content, workdir: Path) -> None:
    """A browser may break a line after words kept whole in a span (an inline block), whatever follows it: on a
    phone, the "." after "call **01632 960 123**." opened a line of its own, as did the ",", ";", ":", "!", "?"
    or ")" after a name in bold or emphasis, or the "," after the clinic's number, a link, at some widths from a
    small phone's to a laptop's, at the browser's text size and at twice it. At every width from 320 to 1280
    pixels, no line of such a paragraph, heading, citation or contact line opens with a mark; the text reads as
    typed, marks outside the bold; the page does not scroll sideways."""
    brand = workdir / "brand.yaml"
    phone = "01632 960 123, or 07700 900 123 out of hours"
    brand.write_text(brand.read_text(encoding="utf-8").replace("phone: 01632 960 123", f"phone: {phone}"), encoding="utf-8")
    sections = [
        {"heading": "Call **01632 960 123**!", "body": GLUED},
        {"heading": "Why", "body": "Massage may ease pain [@perlman2006]. It may ease stiffness too [@nhs2019]."},
    ]
    page_file = html_copy(make_content(sections=sections), brand, workdir / "out")
    page = browser.new_page(viewport={"width": 320, "height": 900})
    page.goto(page_file.as_uri())  # loaded once: the page has no script, so its layout at a width is the viewport's
    read = page.evaluate(
        "[...document.querySelectorAll('main p.body, footer p')].filter(p => p.textContent.includes('01632'))"
        ".map(p => [p.textContent, p.innerText])"
    )
    assert [[text.replace("\u00a0", " ") for text in both] for both in read] == [[GLUED.replace("*", "")] * 2, [phone] * 2]
    opened = []
    for text_size in ("100%", "200%"):
        page.add_style_tag(content=f"html {{ font-size: {text_size} }}")
        for width in range(320, 1281, 20):
            page.set_viewport_size({"width": width, "height": 900})
            for lines in page.evaluate(ALL_LINES, "main h2, main p.body, footer p"):
                if any(typed in " ".join(lines) for typed in ("01632", "Massage may ease")):  # not a long address
                    opened += [(width, text_size, line) for line in lines if line[:1] in tuple(".,;:!?)")]
            scrolled = page.evaluate("document.documentElement.scrollWidth")
            assert scrolled <= width, f"scrolls sideways at {width} px, text {text_size}"
    page.close()
    assert opened == [], opened
