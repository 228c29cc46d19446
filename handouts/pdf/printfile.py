"""One file to print: several PDFs' pages in order, merged with pikepdf (qpdf; loaded only when a print file is
made), each document's outline kept under its pages, the first document's metadata kept; for two-sided
printing, each document padded to an even page count.

The same input gives the same bytes (the file identifier is derived from the content, not drawn at random).
A print file is tagged as its sheets are (PDF/UA-1): one Document whose Parts are the sheets' own structure
trees, in the order their pages print, so that a print file sent to a patient reads aloud as the sheets do.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pikepdf

from handouts.pdf.structure import VERSION, xmp

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
    tree = _Tree(pdf)
    for index, data in enumerate(documents):
        source = pikepdf.open(io.BytesIO(data))
        start = len(pdf.pages)
        pdf.pages.extend(source.pages)
        tree.add(source, pdf.pages[start:])
        here = {page.objgen: pdf.pages[start + number].obj for number, page in enumerate(source.pages)}
        with source.open_outline() as marks:
            outline += [_copied(item, here) for item in marks.root]
        if duplex and len(source.pages) % 2:
            last = source.pages[-1].mediabox
            pdf.add_blank_page(page_size=(float(last[2] - last[0]), float(last[3] - last[1])))
        if index == 0:
            pdf.docinfo = pdf.copy_foreign(source.docinfo)
    pdf.docinfo[pikepdf.Name.Producer] = pikepdf.String("handouts")
    if title is not None:
        pdf.docinfo[pikepdf.Name.Title] = pikepdf.String(title)
        if pikepdf.Name.Subject in pdf.docinfo:
            del pdf.docinfo[pikepdf.Name.Subject]
    if names:
        held = {name: digest(data) for name, data in zip(names, documents, strict=True)}
        pdf.docinfo[SHEETS] = pikepdf.String(json.dumps(held, sort_keys=True))
    pdf.Root.Lang = pikepdf.String(language)  # the language screen readers speak
    tree.finish(str(pdf.docinfo.get(pikepdf.Name.Title, "")), language)
    if outline:
        with pdf.open_outline() as marks:
            marks.root.extend(outline)
    _filters_named(pdf)
    out = io.BytesIO()
    # Packed, as the sheets are: the structure tree is a few hundred small objects. The XMP packet is as written.
    packed, version = pikepdf.ObjectStreamMode.generate, "{}.{}".format(*VERSION)
    pdf.save(out, deterministic_id=True, object_stream_mode=packed, fix_metadata_version=False, min_version=version)
    return out.getvalue()


def sheets_held(path: Path) -> dict[str, str]:
    """The sheets a print file records (file name: digest); none for any other file, or one not read: a link,
    a folder, too large, not a PDF, protected by a password (as a print file is to be emailed to a patient), or
    without the record."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MOST_READ:
            return {}
        with pikepdf.open(path) as pdf:
            held = json.loads(str(pdf.docinfo.get(SHEETS, "{}")))
    except (OSError, ValueError, RecursionError, pikepdf.PdfError, pikepdf.PasswordError):
        return {}
    if not isinstance(held, dict):
        return {}
    return {str(name): str(value) for name, value in held.items()}


class _Tree:
    """The print file's structure tree: a Document holding each sheet's tree as a Part, with the parent tree's
    keys (each page's /StructParents, each link's /StructParent) moved on past the sheets before it."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
        self.document = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.Document, P=self.root))
        self.parts = pikepdf.Array()
        self.nums = pikepdf.Array()
        self.next_key = 0

    def add(self, source: pikepdf.Pdf, pages: list[pikepdf.Page]) -> None:
        """Take `source`'s tree (its `pages` already copied in): its Document becomes a Part, in the sheet's
        language."""
        tree = source.Root.get(pikepdf.Name.StructTreeRoot)
        if tree is None:
            return
        tops = tree.get(pikepdf.Name.K)
        tops = list(tops) if isinstance(tops, pikepdf.Array) else [tops] if tops is not None else []
        for top in tops:
            del top[pikepdf.Name.P]  # copied below without the sheet's own tree root
        shift = self.next_key
        for top in tops:
            part = self.pdf.copy_foreign(top)
            if part.get(pikepdf.Name.S) == pikepdf.Name.Document:
                part.S = pikepdf.Name.Part
            part.P = self.document
            if pikepdf.Name.Lang in source.Root and pikepdf.Name.Lang not in part:
                part.Lang = source.Root.Lang
            self.parts.append(part)
        last = -1
        for key, value in pikepdf.NumberTree(tree.ParentTree).items():
            self.nums.extend([shift + int(key), self.pdf.copy_foreign(value)])
            last = max(last, int(key))
        self.next_key = shift + max(int(tree.get(pikepdf.Name.ParentTreeNextKey, 0)), last + 1)
        for page in pages:
            if pikepdf.Name.StructParents in page.obj:
                page.obj.StructParents = shift + int(page.obj.StructParents)
            for annot in page.obj.get(pikepdf.Name.Annots, ()):
                if pikepdf.Name.StructParent in annot:
                    annot.StructParent = shift + int(annot.StructParent)

    def finish(self, title: str, language: str) -> None:
        """Write the tree, and what PDF/UA-1 asks of the catalog, if any sheet was tagged."""
        if not self.parts:
            return
        self.document.K = self.parts
        self.root.K = self.document
        self.root.ParentTree = self.pdf.make_indirect(pikepdf.Dictionary(Nums=self.nums))
        self.root.ParentTreeNextKey = self.next_key
        catalog = self.pdf.Root
        catalog.StructTreeRoot = self.root
        catalog.MarkInfo = pikepdf.Dictionary(Marked=True)
        catalog.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        packet = xmp(title, language, "handouts").encode("utf-8")
        catalog.Metadata = self.pdf.make_stream(packet, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)


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
