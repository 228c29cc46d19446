"""A reportlab document written with its objects packed: every object that is not a stream goes into one
compressed object stream, found through a cross-reference stream (ISO 32000-1 7.5.7, 7.5.8; PDF 1.5).

reportlab writes each object as text and lists them in a cross-reference table, so a tagged PDF's hundreds of
small structure elements would each cost ~100 bytes; packed and compressed they cost a few, and so do
reportlab's own objects (fonts' widths, pages, outline entries). The objects are formatted by reportlab as
ever, in the same order, so their content is what reportlab would have written.
"""

from __future__ import annotations

import re
import zlib
from hashlib import md5

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import (
    NoEncryption,
    PDFDocument,
    PDFFile,
    PDFStream,
    PDFStreamFilterZCompress,
    PDFZCompress,
    format,
)

_STREAM_END = b"endstream\n"  # how every stream reportlab formats ends (PDFStream.format), and nothing else
_MIN_VERSION = (1, 5)  # object and cross-reference streams
# zlib's level 5: within 1% of the default level's size on these streams, in two thirds of its time (its longer
# searches buy little on a few dozen kilobytes of dictionaries, and cost most on the small cross-reference stream)
_LEVEL = 5


_PDFDOC_ENC = pdfdoc.pdfdocEnc  # reportlab's own
_UNCODED = re.compile("[\x18-\x1f]")  # the ASCII characters PDFDocEncoding has no code for (it puts accents there)


def pdfdoc_encoded(text: str | bytes) -> bytes:
    """reportlab's pdfdocEnc, which every name, number and reference it writes goes through: text in
    PDFDocEncoding, bytes as they are. PDFDocEncoding codes ASCII as ASCII does, but for 0x18-0x1F; reportlab's
    codec looked each character up in a table, 1,600 strings a handout, a quarter of the time its file took to
    write. ASCII text without those is encoded at once here, other text by reportlab's (a test compares them)."""
    if type(text) is str and text.isascii() and _UNCODED.search(text) is None:
        return text.encode("ascii")
    return _PDFDOC_ENC(text)  # type: ignore[no-any-return]


class PackedDocument(PDFDocument):
    """A reportlab PDFDocument whose file has its non-stream objects in an object stream. Encrypted or signed
    documents are written as reportlab writes them."""

    def format(self) -> bytes:
        if not isinstance(self.encrypt, NoEncryption) or getattr(self, "_digiSigs", None):
            return super().format()
        root, info = self.Reference(self.Catalog), self.Reference(self.info)
        written = bytearray(PDFFile(max(tuple(self._pdfVersion), _MIN_VERSION)).format(self))
        # per object number (the index): (1, offset) for one written in the file, (2, index) for one packed
        entries: list[tuple[int, int]] = [(0, 0)]
        packed: list[bytes] = []
        numbers, objects = self.numberToId, self.idToObject
        while len(entries) in numbers:  # formatting may register further objects: reportlab's own loop
            number = len(entries)
            text = format(_kept_flate(objects[numbers[number]]), self, toplevel=1)
            if text.endswith(_STREAM_END):
                entries.append((1, len(written)))
                written += b"%d 0 obj\n%bendobj\n" % (number, text)
            else:
                entries.append((2, len(packed)))
                packed.append(text)
        stream_number = len(entries)
        entries.append((1, len(written)))
        written += _object_stream(stream_number, entries, packed)
        xref_number = len(entries)
        entries.append((1, len(written)))
        identifier = b"<%s>" % md5(written, usedforsecurity=False).hexdigest().encode()  # same bytes, same identifier
        trailer = b"/Size %d /Root %b /Info %b /ID [ %b %b ]" % (
            xref_number + 1,
            root.format(self),
            info.format(self),
            identifier,
            identifier,
        )
        start = len(written)
        written += _xref_stream(xref_number, trailer, entries, stream_number, len(packed))
        return bytes(written + b"startxref\n%d\n%%%%EOF\n" % start)


class _KeptFlate(PDFStreamFilterZCompress):
    """reportlab's Flate filter, each content compressed once while it is among the last ones compressed: the
    large-print copy of a sheet embeds the font subsets the standard one does (the same glyphs), and the posters
    alike: a few of a routine's largest streams were compressed twice."""

    def encode(self, text: str | bytes) -> bytes:
        data = text.encode("utf8") if isinstance(text, str) else bytes(text)
        found = _COMPRESSED.pop(data, None)  # to be kept again, the most recently used last
        if found is None:
            found = super().encode(data)
        size = len(data) + len(found)
        if size <= COMPRESSED_BYTES:
            while _COMPRESSED and (len(_COMPRESSED) >= COMPRESSED_MOST or _kept_bytes() + size > COMPRESSED_BYTES):
                del _COMPRESSED[next(iter(_COMPRESSED))]
            _COMPRESSED[data] = found
        return found


COMPRESSED_MOST = 64  # contents kept compressed, by the content itself
COMPRESSED_BYTES = 4_000_000  # and no more than this, contents and compressed (a picture's stream may be a megabyte)
_COMPRESSED: dict[bytes, bytes] = {}
KEPT_FLATE = _KeptFlate()


def _kept_bytes() -> int:
    return sum(len(content) + len(compressed) for content, compressed in _COMPRESSED.items())


def _kept_flate(made: object) -> object:
    """`made` (an object of the document), its stream compressed by KEPT_FLATE where reportlab's Flate filter would
    compress it (the same bytes)."""
    filters = getattr(made, "filters", None)
    if isinstance(made, PDFStream) and filters is not None and any(f is PDFZCompress for f in filters):
        made.filters = [KEPT_FLATE if f is PDFZCompress else f for f in filters]
    return made


def _object_stream(number: int, entries: list[tuple[int, int]], packed: list[bytes]) -> bytes:
    """Object `number`: the stream of the `packed` objects, each found by its number and offset (ISO 32000-1
    7.5.7)."""
    heads, at = [], 0
    for index, (kind, where) in enumerate(entries):
        if kind == 2:
            heads.append(b"%d %d" % (index, at))
            at += len(packed[where]) + 1  # and the line break that separates it from the next
    head = b" ".join(heads) + b"\n"
    return _stream(number, b"/Type /ObjStm /N %d /First %d" % (len(packed), len(head)), head + b"\n".join(packed))


def _xref_stream(number: int, trailer: bytes, entries: list[tuple[int, int]], packed_in: int, count: int) -> bytes:
    """Object `number`: the cross-reference stream of `entries` (ISO 32000-1 7.5.8), with the `trailer`'s entries;
    the packed objects are in object `packed_in`, `count` of them."""
    offsets, indexes = _width(max(entries[-1][1], packed_in)), _width(max(count, 0xFFFF))
    rows = [b"\x00" + bytes(offsets) + b"\xff" * indexes]  # object 0: the head of the free list
    stream = packed_in.to_bytes(offsets, "big")
    for kind, where in entries[1:]:
        if kind == 1:
            rows.append(b"\x01" + where.to_bytes(offsets, "big") + bytes(indexes))
        else:
            rows.append(b"\x02" + stream + where.to_bytes(indexes, "big"))
    return _stream(number, b"/Type /XRef %b /W [ 1 %d %d ]" % (trailer, offsets, indexes), b"".join(rows))


def _stream(number: int, entries: bytes, data: bytes) -> bytes:
    """Indirect object `number`: a stream of `data`, compressed, its dictionary holding `entries` as well."""
    data = zlib.compress(data, _LEVEL)
    return b"%d 0 obj\n<< %b /Filter /FlateDecode /Length %d >>\nstream\n%b\nendstream\nendobj\n" % (
        number,
        entries,
        len(data),
        data,
    )


def _width(number: int) -> int:
    """Bytes a cross-reference stream's field needs for `number`."""
    return max(1, (number.bit_length() + 7) // 8)
