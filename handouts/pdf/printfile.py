"""One file to print: several PDFs' pages in order, merged with pikepdf (qpdf; loaded only when a print file is
made), each document's outline kept under its pages, the first document's metadata kept; for two-sided
printing, each document padded to an even page count.

The same input gives the same bytes (the file identifier is derived from the content, not drawn at random).
A print file is for the printer: it keeps no structure tree, so its pages no longer point into one.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pikepdf

SHEETS = pikepdf.Name("/HandoutsSheets")  # the file name and digest of each sheet a print file holds, as JSON
MOST_READ = 64 * 1024 * 1024  # bytes: a larger file named like a print file is not one of ours


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def merged(
    documents: list[bytes],
    language: str,
    duplex: bool = False,
    names: list[str] | None = None,
    title: str | None = None,
) -> bytes:
    """`documents` one after another in one PDF, titled and dated as the first (or given its own `title`, with no
    subject: the first's describes only the first), in `language`; for two-sided
    printing (`duplex`) each with an even number of pages, a blank page after an odd one, so that no document
    starts on the back of another's last page (a poster behind a handout). With their file `names`, it records
    each one's digest, so that a later build can tell a print file that no longer holds its sheets as they are."""
    pdf = pikepdf.new()
    outline: list[pikepdf.OutlineItem] = []
    for index, data in enumerate(documents):
        source = pikepdf.open(io.BytesIO(data))
        start = len(pdf.pages)
        pdf.pages.extend(source.pages)
        here = {page.objgen: pdf.pages[start + number].obj for number, page in enumerate(source.pages)}
        with source.open_outline() as marks:
            outline += [_copied(item, here) for item in marks.root]
        if duplex and len(source.pages) % 2:
            last = source.pages[-1].mediabox
            pdf.add_blank_page(page_size=(float(last[2] - last[0]), float(last[3] - last[1])))
        if index == 0:
            pdf.docinfo = pdf.copy_foreign(source.docinfo)
    for page in pdf.pages:
        if pikepdf.Name.StructParents in page.obj:
            del page.obj[pikepdf.Name.StructParents]
    pdf.docinfo[pikepdf.Name.Producer] = pikepdf.String("handouts")
    if title is not None:
        pdf.docinfo[pikepdf.Name.Title] = pikepdf.String(title)
        if pikepdf.Name.Subject in pdf.docinfo:
            del pdf.docinfo[pikepdf.Name.Subject]
    if names:
        held = {name: digest(data) for name, data in zip(names, documents, strict=True)}
        pdf.docinfo[SHEETS] = pikepdf.String(json.dumps(held, sort_keys=True))
    pdf.Root.Lang = pikepdf.String(language)  # the language screen readers speak
    if outline:
        with pdf.open_outline() as marks:
            marks.root.extend(outline)
    _filters_named(pdf)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def sheets_held(path: Path) -> dict[str, str]:
    """The sheets a print file records (file name: digest); none for any other file, or one not read: a link,
    a folder, too large, not a PDF, or without the record."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MOST_READ:
            return {}
        with pikepdf.open(path) as pdf:
            held = json.loads(str(pdf.docinfo.get(SHEETS, "{}")))
    except (OSError, ValueError, RecursionError, pikepdf.PdfError):
        return {}
    if not isinstance(held, dict):
        return {}
    return {str(name): str(value) for name, value in held.items()}


def _filters_named(pdf: pikepdf.Pdf) -> None:
    """Each stream's one filter written as a name, not a one-item array (the same thing to a reader): qpdf
    passes a stream through as it is only when its filter is the name /FlateDecode, and otherwise inflates and
    deflates it again. reportlab writes the array, so without this every page and font of a print file was
    compressed a second time, to the same bytes: about 10 ms of a batch patient's 90."""
    for stream in pdf.objects:
        if not isinstance(stream, pikepdf.Stream):
            continue
        filters = stream.get(pikepdf.Name.Filter)
        if isinstance(filters, pikepdf.Array) and len(filters) == 1:
            stream.Filter = filters[0]
            parameters = stream.get(pikepdf.Name.DecodeParms)
            if isinstance(parameters, pikepdf.Array) and len(parameters) == 1:
                if isinstance(parameters[0], pikepdf.Dictionary):
                    stream.DecodeParms = parameters[0]
                else:  # [null]: no parameters
                    del stream[pikepdf.Name.DecodeParms]


def _copied(item: pikepdf.OutlineItem, pages: dict[tuple[int, int], pikepdf.Object]) -> pikepdf.OutlineItem:
    """An outline entry and those under it, pointing at the same places among the merged file's pages."""
    destination = item.destination
    copy = pikepdf.OutlineItem(item.title)
    copy.is_closed = item.is_closed
    if isinstance(destination, pikepdf.Array) and len(destination) and destination[0].objgen in pages:
        copy.destination = pikepdf.Array([pages[destination[0].objgen], *destination[1:]])
    copy.children.extend(_copied(child, pages) for child in item.children)
    return copy
