"""One file to print: several PDFs' pages in order, merged with pypdf, the first document's metadata kept.

The same input gives the same bytes (the file identifier is derived from the pages, not drawn at random).
"""

from __future__ import annotations

import hashlib
import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, NameObject, TextStringObject


def merged(documents: list[bytes], language: str) -> bytes:
    """`documents` one after another in one PDF, titled and dated as the first, in `language`."""
    writer = PdfWriter()
    for data in documents:
        writer.append(PdfReader(io.BytesIO(data)))
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
