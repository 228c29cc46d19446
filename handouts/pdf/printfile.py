"""One file to print: several PDFs' pages in order, merged with pypdf, the first document's metadata kept;
for two-sided printing, each document padded to an even page count.

The same input gives the same bytes (the file identifier is derived from the pages, not drawn at random).
"""

from __future__ import annotations

import hashlib
import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, NameObject, TextStringObject


def merged(documents: list[bytes], language: str, duplex: bool = False) -> bytes:
    """`documents` one after another in one PDF, titled and dated as the first, in `language`; for two-sided
    printing (`duplex`) each with an even number of pages, a blank page after an odd one, so that no document
    starts on the back of another's last page (a poster behind a handout)."""
    writer = PdfWriter()
    for data in documents:
        reader = PdfReader(io.BytesIO(data))
        writer.append(reader)
        if duplex and len(reader.pages) % 2:
            last = reader.pages[-1].mediabox
            writer.add_blank_page(width=float(last.width), height=float(last.height))
    first = PdfReader(io.BytesIO(documents[0])).metadata or {}
    writer.add_metadata({key: value for key, value in first.items() if isinstance(value, str)})
    writer.add_metadata({"/Producer": "handouts"})
    # pypdf has no setter for the catalog's /Lang (the language screen readers speak)
    writer._root_object[NameObject("/Lang")] = TextStringObject(language)
    fingerprint = ByteStringObject(hashlib.md5(b"".join(documents), usedforsecurity=False).digest())
    writer._ID = ArrayObject([fingerprint, fingerprint])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
