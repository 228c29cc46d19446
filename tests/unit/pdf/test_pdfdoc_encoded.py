"""What the PDF file is written with is encoded in PDFDocEncoding without reportlab's table lookups where it is
ASCII (issue 29): handouts.pdf.objectstreams.pdfdoc_encoded, held to reportlab's pdfdocEnc."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import BRAND, CONTENT

from handouts.build import OUTPUTS, prepare, render
from handouts.pdf import flowables, objectstreams
from handouts.pdf.objectstreams import pdfdoc_encoded

TEXTS = [
    *(chr(code) for code in range(0x180)),
    "",
    "/Type",
    "12 0 R",
    "0.5 1 0 rg",
    "a\x18b",
    "\x1fend",
    "café",
    "€ 5",
    "Ω",
    b"\x00\xff bytes",
]


def _encoded(encode: Any, text: str | bytes) -> bytes | type[Exception]:
    try:
        return encode(text)  # type: ignore[no-any-return]
    except Exception as exc:  # the same error, or the same bytes
        return type(exc)


def test_pdfdoc_encoded_answers_as_reportlabs_own() -> None:
    """Every character up to U+017F, and names, numbers, accents and bytes: the same bytes, or the same error."""
    differ = [text for text in TEXTS if _encoded(pdfdoc_encoded, text) != _encoded(objectstreams._PDFDOC_ENC, text)]
    assert differ == []


def test_writing_the_handout_leaves_little_to_reportlabs_codec(monkeypatch: pytest.MonkeyPatch) -> None:
    """reportlab's own codec encodes only what is not ASCII (or has ASCII that PDFDocEncoding lacks)."""
    encoded: list[str | bytes] = []
    own = objectstreams._PDFDOC_ENC

    def noted(text: str | bytes) -> bytes:
        encoded.append(text)
        return own(text)  # type: ignore[no-any-return]

    monkeypatch.setattr(objectstreams, "_PDFDOC_ENC", noted)
    written = []
    # as reportlab_settings sets it again before each document is drawn
    monkeypatch.setattr(flowables, "pdfdoc_encoded", lambda text: written.append(text) or pdfdoc_encoded(text))
    render(prepare(CONTENT, BRAND), next(output for output in OUTPUTS if output.name == "handout"))
    assert len(written) > 1000
    assert len([text for text in encoded if isinstance(text, str)]) < len(written) / 20
