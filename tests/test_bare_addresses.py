"""An address typed bare in any text (a web or e-mail address, a DOI) prints whole, as typed, in every output:
a star in it is no Markdown mark, and the web copy's link to an e-mail address goes to all of it (facts read back
from the PDFs' text and link annotations and from the web copy)."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pikepdf
import yaml
from conftest import BRAND, knee, pdf_text, run

TYPED = "Q see https://example.com/x_y*z or www.example.com/a**b, doi:10.1/a*b and front*desk@example.com, not this* one."
FIELDS = {  # where each goes, and the outputs it prints in whole
    ("routine", "steps", 0, "title"): ("handout", "large"),
    ("routine", "steps", 0, "text"): ("handout", "large"),
    ("routine", "steps", 1, "cue"): ("poster",),
    ("sections", 0, "body"): ("handout", "large"),
    ("finish",): ("handout", "large"),
}


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _flowed(path: Path) -> str:
    """The text in the order it is drawn: a poster's cue beside another column reads whole."""
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text(use_text_flow=True) for page in pdf.pages)


def test_an_address_typed_bare_prints_whole_in_every_output(workdir: Path) -> None:
    data = knee()
    for path in FIELDS:
        *parents, last = path
        place = data
        for part in parents:
            place = place[part]
        place[last] = TYPED.replace("Q", f"Q{last}")
    (workdir / "content.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    brand = yaml.safe_load(BRAND.read_text(encoding="utf-8")) | {"feedback": TYPED.replace("Q", "Qfeedback")}
    (workdir / "brand.yaml").write_text(yaml.safe_dump(brand, allow_unicode=True, sort_keys=False), encoding="utf-8")
    files = ("--brand", str(workdir / "brand.yaml"), "--out", str(workdir / "out"))
    code, output = run("build", str(workdir / "content.yaml"), *files)
    assert code == 0, output
    out = workdir / "out" / "knee-self-massage"
    printed = {
        "handout": _squeezed(pdf_text(Path(f"{out}-handout.pdf"))),
        "large": _squeezed(pdf_text(Path(f"{out}-handout-large-print.pdf"))),
        "poster": _squeezed(_flowed(Path(f"{out}-poster.pdf"))),
    }
    for path, outputs in FIELDS.items():
        for name in outputs:
            assert _squeezed(TYPED.replace("Q", f"Q{path[-1]}")) in printed[name], (path, name)
    for name in ("handout", "large"):
        assert _squeezed(TYPED.replace("Q", "Qfeedback")) in printed[name], name
        with pikepdf.open(Path(f"{out}-handout{'-large-print' if name == 'large' else ''}.pdf")) as pdf:
            links = {str(a.A.URI) for page in pdf.pages for a in page.get("/Annots", []) if "/A" in a}
        assert not {link for link in links if "example.com/" in link or "desk" in link}, links  # the PDFs link none
    page = Path(f"{out}-handout.html").read_text(encoding="utf-8").replace("<wbr>", "")  # as read: a place to break, no text
    assert page.count('href="mailto:front*desk@example.com">front*desk@example.com</a>') == 1  # the feedback's
    assert "mailto:desk@" not in page and "<em>see" not in page and "<em>or" not in page
    for path in FIELDS:
        if "handout" in FIELDS[path]:
            assert TYPED.replace("Q", f"Q{path[-1]}") in re.sub(r"<[^>]+>", "", page).replace("&#39;", "'"), path


def test_stars_in_a_bare_address_are_not_bold_left_open(workdir: Path) -> None:
    """`check` warned of bold never closed for `www.example.com/a**b`: its stars are the address's, printed."""
    data = knee()
    data["finish"] = "See www.example.com/a**b for more."
    (workdir / "content.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, output = run("check", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"))
    assert "[unclosed-bold]" not in output, output
