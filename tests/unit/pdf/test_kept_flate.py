"""Each stream's content is compressed once while it is among the last ones compressed (issue 29): the
large-print copy of a sheet embeds the font subsets the standard one does, and a routine's outputs compressed
those twice. The bytes are those reportlab's Flate filter writes."""

from __future__ import annotations

import zlib
from collections import Counter

import pytest
from conftest import BRAND, CONTENT
from reportlab.pdfbase.pdfdoc import PDFStreamFilterZCompress

from handouts.build import OUTPUTS, prepare, render
from handouts.pdf import objectstreams
from handouts.pdf.objectstreams import KEPT_FLATE


def test_a_routines_outputs_compress_each_content_once(monkeypatch: pytest.MonkeyPatch) -> None:
    compressed: Counter[bytes] = Counter()
    encode = PDFStreamFilterZCompress.encode

    def counted(self: PDFStreamFilterZCompress, text: bytes) -> bytes:
        compressed[bytes(text)] += 1
        return encode(self, text)

    monkeypatch.setattr(PDFStreamFilterZCompress, "encode", counted)
    monkeypatch.setattr(objectstreams, "_COMPRESSED", {})
    job = prepare(CONTENT, BRAND)
    for output in OUTPUTS:
        render(job, output)
    assert len(compressed) > 20
    assert [content[:40] for content, times in compressed.items() if times > 1] == []


def test_kept_content_is_compressed_as_reportlab_compresses_it_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(objectstreams, "_COMPRESSED", {})
    monkeypatch.setattr(objectstreams, "COMPRESSED_MOST", 10)
    monkeypatch.setattr(objectstreams, "COMPRESSED_BYTES", 20_000)
    contents = [f"BT /F1 12 Tf ({n}) Tj ET ".encode() * 100 for n in range(30)]
    for content in [*contents, *contents[::-1], "text, not bytes"]:
        expected = zlib.compress(content.encode() if isinstance(content, str) else content)
        assert KEPT_FLATE.encode(content) == expected
        assert len(objectstreams._COMPRESSED) <= 10
        assert sum(len(k) + len(v) for k, v in objectstreams._COMPRESSED.items()) <= 20_000
    big = bytes(range(256)) * 200  # larger than all that may be kept: compressed all the same, not kept
    assert KEPT_FLATE.encode(big) == zlib.compress(big)
    assert big not in objectstreams._COMPRESSED and objectstreams._COMPRESSED
