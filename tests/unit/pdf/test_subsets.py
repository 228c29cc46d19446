"""A font subset's file and ToUnicode map are made once (issue 29): a large-print copy embeds subsets its standard
copy made. What handouts.pdf.subsets answers, held to reportlab's own."""

from __future__ import annotations

import pytest
from conftest import BRAND, CONTENT
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from handouts.build import OUTPUTS, prepare, render
from handouts.media import fonts
from handouts.pdf import subsets, tounicode

SUBSETS = [[0, 32, 87, 97, 114, 109], [32, 0x3A9, 0xE9, 0xA0, 65], list(range(0x391, 0x3A1)), [32, 87, 97]]


def test_subsets_answer_as_reportlabs_own() -> None:
    font = TTFont("subsets", str(fonts._fallback_path()))  # Noto Sans: Greek and accents too
    for subset in [*SUBSETS, *SUBSETS]:  # the second time from what was kept
        assert subsets.make_subset(font.face, subset) == subsets._MAKE_SUBSET(font.face, subset)
        name = f"AAAAAA+{font.face.name.decode()}"
        assert subsets.to_unicode_map(name, subset) == tounicode.to_unicode_cmap(name, subset)


def test_large_print_copies_make_only_subsets_of_their_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """A large-print copy embeds subsets its standard copy made (the same characters, met in the same order)."""
    asked: list[str] = []
    made: list[str] = []
    own, kept = subsets._MAKE_SUBSET, subsets.make_subset

    def making(face: TTFontFile, subset: list[int]) -> bytes:
        made.append(current)
        return own(face, subset)  # type: ignore[no-any-return]

    def asking(face: TTFontFile, subset: list[int]) -> bytes:
        asked.append(current)
        return kept(face, subset)

    monkeypatch.setattr(subsets, "_MAKE_SUBSET", making)
    monkeypatch.setattr(subsets, "make_subset", asking)  # as reportlab_settings installs it before each document
    subsets._subset_file.cache_clear()
    job = prepare(CONTENT, BRAND)
    for output in OUTPUTS:
        current = output.name
        render(job, output)
    for copy in ("handout-large-print", "poster-large-print"):  # each embeds some of its standard copy's subsets
        assert made.count(copy) < asked.count(copy), copy
