"""Line breaking's test of whether two fragments join (issue 29): handouts answers it as reportlab's accelerated
sameFrag does, without the errors that version raised and caught for every attribute a fragment lacks."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from conftest import BRAND, CONTENT
from reportlab.lib import rl_accel
from reportlab.lib.colors import Color
from reportlab.platypus import paragraph as platypus_paragraph
from reportlab.platypus.paraparser import ParaFrag

from handouts.build import OUTPUTS, prepare, render
from handouts.pdf.flowables import FRAG_KEYS, same_frag


def _frag(**attributes: object) -> ParaFrag:
    base = {"fontName": "Helvetica", "fontSize": 12, "textColor": Color(0, 0, 0), "rise": 0, "us_lines": [], "link": []}
    return ParaFrag(**{**base, **attributes})


def _pairs() -> list[tuple[ParaFrag, ParaFrag]]:
    plain = _frag()
    others = ("Times", 13, Color(1, 0, 0), 2, [1], ["a"], Color(1, 1, 0), 1)
    changed = [_frag(**{key: value}) for key, value in zip(FRAG_KEYS, others, strict=True)]
    alike = [_frag(textColor=Color(0, 0, 0)), _frag(link=[]), _frag(backColor=None), _frag(nobr=0)]
    special = [_frag(cbDefn=None), _frag(lineBreak=True), _frag(backColor=Color(1, 1, 0)), _frag(text="x")]
    missing = [ParaFrag(**{k: v for k, v in vars(_frag()).items() if k != key}) for key in FRAG_KEYS[:6]]
    frags = [plain, *changed, *alike, *special, *missing]
    return list(itertools.product(frags, repeat=2))


@pytest.mark.parametrize(("one", "other"), _pairs())
def test_same_frag_answers_as_reportlabs_own(one: ParaFrag, other: ParaFrag) -> None:
    assert same_frag(one, other) == bool(rl_accel.sameFrag(one, other))


def test_the_fragments_a_routine_joins_are_joined_as_reportlab_joins_them(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[object, object]] = []

    def noted(one: object, other: object) -> bool:
        asked.append((one, other))
        return same_frag(one, other)

    job = prepare(CONTENT, BRAND)
    monkeypatch.setattr(platypus_paragraph, "sameFrag", noted)
    monkeypatch.setattr("handouts.pdf.flowables.same_frag", noted)  # as reportlab_settings sets it again
    for output in OUTPUTS:
        render(job, output)
    assert len(asked) > 100
    assert [same_frag(*pair) for pair in asked] == [bool(rl_accel.sameFrag(*pair)) for pair in asked]
    assert any(same_frag(*pair) for pair in asked) and not all(same_frag(*pair) for pair in asked)


def test_line_breaking_uses_it() -> None:
    import handouts.pdf.flowables  # noqa: F401  (sets it when imported)

    assert platypus_paragraph.sameFrag is same_frag
    assert Path(platypus_paragraph.__file__).name == "paragraph.py"
