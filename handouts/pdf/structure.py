"""The structure tree written into the PDF by reportlab as it writes the file, and the checks an engine can make
on a tree before writing it. What only exists once every page does: the StructTreeRoot and its ParentTree, each
page's /StructParents and /Tabs, each link annotation's /StructParent, OBJR and /Contents, /MarkInfo and the XMP
metadata (reportlab writes /Lang, /ViewerPreferences DisplayDocTitle and the title from the document's
settings). The file is written packed (:mod:`handouts.pdf.objectstreams`), so the tree's few hundred small
objects cost a few per cent of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFDocument, PDFName, PDFObject, PDFPage, PDFStream, PDFString
from reportlab.pdfgen.canvas import Canvas

from handouts.pdf.objectstreams import PackedDocument
from handouts.pdf.tagging import STANDARD_TYPES, AnnotRef, MCRef, Node, Tagger, tagging_canvas

VERSION = (1, 7)  # PDF/UA-1 is written on ISO 32000-1
_KEEP_EMPTY = frozenset(("TH", "TD", "TR"))  # an empty cell still holds its place in the table's grid
_PAGE_KEYS = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]


def check_tree(root: Node) -> list[str]:
    """Problems an engine can see before writing: skipped heading levels, Figures without
    /Alt, non-standard types, Links without a description, LI/L/TR kids."""
    problems: list[str] = []
    level = 0
    for node in root.walk():
        t = node.type
        if t not in STANDARD_TYPES:
            problems.append(f"non-standard structure type {t}")
        if len(t) == 2 and t[0] == "H" and t[1].isdigit():
            n = int(t[1])
            if n > level + 1:
                problems.append(f"{t} follows H{level}" if level else f"first heading is {t}")
            level = n
        if t in ("Figure", "Formula") and not (node.alt or "").strip():
            problems.append(f"{t} without /Alt")
        if t == "LI" and any(isinstance(k, Node) and k.type not in ("Lbl", "LBody") for k in node.kids):
            problems.append("LI holds something other than Lbl/LBody")
        if t == "L" and any(isinstance(k, Node) and k.type not in ("L", "LI", "Caption") for k in node.kids):
            problems.append("L holds something other than LI")
        if t == "TR" and any(isinstance(k, Node) and k.type not in ("TH", "TD") for k in node.kids):
            problems.append("TR holds something other than TH/TD")
    return problems


def canvasmaker(tagger: Tagger, base: type[Canvas] = Canvas) -> type[Canvas]:
    """The canvas class an engine builds with (BaseDocTemplate.build(canvasmaker=…)): it tags as it draws, and
    its file is written with the structure tree of `tagger`."""
    return tagging_canvas(tagger, base, TaggedDocument)


class TaggedDocument(PackedDocument):
    """A reportlab document that adds its canvas's structure tree, and what PDF/UA-1 asks of the file, when it is
    written."""

    def GetPDFData(self, canvas: Canvas) -> bytes:  # noqa: N802 (reportlab's name)
        add_tree(self, canvas._tagger)
        return super().GetPDFData(canvas)


class _Written(PDFObject):
    """An object whose bytes are made here, once every object it refers to has its number."""

    def __init__(self, data: bytes = b"") -> None:
        self.data = data

    def format(self, document: PDFDocument) -> bytes:
        return self.data


def add_tree(doc: PDFDocument, tagger: Tagger) -> None:
    """Add `tagger`'s structure tree and the entries PDF/UA-1 asks for to `doc`, whose pages are all drawn.

    Content streams are left as drawn (MCIDs are already in them). Raises ValueError when the tree and the
    content disagree.
    """
    if tagger._stack:
        raise ValueError(f"tagging contexts still open: {tagger._stack!r}")
    problems = check_tree(tagger.root)
    if problems:  # the engine's own mistake, not the content's
        raise ValueError(f"the structure tree is wrong: {'; '.join(problems)}")
    _Tree(doc, tagger).add()


class _Tree:
    """The structure tree of one document as reportlab objects: elements, parent tree, the pages' and link
    annotations' entries that point into it, and the catalog's."""

    def __init__(self, doc: PDFDocument, tagger: Tagger) -> None:
        self.doc, self.tagger = doc, tagger
        self.numbers = doc.idToObjectNumberAndVersion
        self.pages = doc.Pages.pages
        self.page_refs = [self.reference(page) for page in self.pages]
        self.annots = {AnnotRef(i, k): ref.name for i, page in enumerate(self.pages) for k, ref in enumerate(page.Annots or ())}
        self.annot_refs = {ref: b"%d 0 R" % self.numbers[name][0] for ref, name in self.annots.items()}
        self.refs: dict[int, bytes] = {}  # id(node) -> its element's reference
        self.kept: set[int] = set()  # id(node) of every node written

    def reference(self, obj: PDFObject) -> bytes:
        """`obj`'s reference (registered now if it is new)."""
        return b"%d 0 R" % self.numbers[self.doc.Reference(obj).name][0]

    def string(self, text: str) -> bytes:
        """A text string (PDFDocEncoding, or UTF-16 with its byte order mark)."""
        return PDFString(text).format(self.doc)

    def add(self) -> None:
        root = self.tagger.root
        self.keep(root)
        tree = _Written()
        document = self.element(root, self.reference(tree))
        self.mark_pages()
        # parent tree: page i -> [element of MCID 0, 1, …]; then one key per link annotation
        values = [self.reference(_Written(b"[ %b ]" % b" ".join(refs))) for refs in self.marked()]
        values += [self.refs[id(node)] for node in self.link_annotations(len(values))]
        nums = b" ".join(b"%d %b" % pair for pair in enumerate(values))
        # One number-tree node holding all of /Nums is a valid number tree (ISO 32000-1 7.9.7).
        parent_tree = self.reference(_Written(b"<< /Nums [ %b ] >>" % nums))
        tree.data = b"<< /Type /StructTreeRoot /K %b /ParentTree %b /ParentTreeNextKey %d >>" % (
            document,
            parent_tree,
            len(values),
        )
        cat = self.doc.Catalog
        cat.StructTreeRoot = self.doc.Reference(tree)
        cat.MarkInfo = PDFDictionary({"Marked": "true"})
        lang = getattr(getattr(cat, "Lang", None), "s", "") or ""
        info = self.doc.info
        kinds = PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")})
        packet = xmp(info.title or "", lang, info.producer or "").encode("utf-8")
        cat.Metadata = PDFStream(kinds, packet, filters=[])  # plain text, as metadata is best kept
        self.doc._pdfVersion = max(tuple(self.doc._pdfVersion), VERSION)

    def keep(self, node: Node) -> bool:
        """Whether `node` is written (noted in `kept`): what has content, the root, and table cells. A node never
        drawn is left out: it gets no element and no number."""
        held = False
        for kid in node.kids:
            held = (type(kid) is MCRef or self.keep(kid)) or held  # every kid is looked at
        if held or node.annots or node is self.tagger.root or node.type in _KEEP_EMPTY:
            self.kept.add(id(node))
            return True
        return False

    def element(self, node: Node, parent: bytes) -> bytes:
        """Write `node`'s element and its kept descendants'; return its reference."""
        elem = _Written()
        ref = self.refs[id(node)] = self.reference(elem)
        page_refs = self.page_refs
        first: int | None = None
        kids: list[bytes] = []
        for kid in node.kids:
            if type(kid) is MCRef:
                if first is None:
                    first = kid.page
                if kid.page == first:
                    kids.append(b"%d" % kid.mcid)
                else:
                    kids.append(b"<< /Type /MCR /Pg %b /MCID %d >>" % (page_refs[kid.page], kid.mcid))
            elif id(kid) in self.kept:
                kids.append(self.element(kid, ref))
        if node.annots:
            if first is None:
                first = node.annots[0].page
            kids.extend(b"<< /Type /OBJR /Obj %b /Pg %b >>" % (self.annot_refs[a], page_refs[a.page]) for a in node.annots)
        # /Type /StructElem is optional (ISO 32000-1 Table 323) and costs 18 bytes an element
        data = [b"<< /S /%b /P %b" % (node.type.encode(), parent)]
        if first is not None:
            data.append(b"/Pg " + page_refs[first])
        if len(kids) == 1:
            data.append(b"/K " + kids[0])
        elif kids:
            data.append(b"/K [ %b ]" % b" ".join(kids))
        if node.alt is not None:
            data.append(b"/Alt " + self.string(node.alt))
        if node.lang:
            data.append(b"/Lang " + self.string(node.lang))
        if node.actual_text is not None:
            data.append(b"/ActualText " + self.string(node.actual_text))
        if node.scope:
            data.append(b"/A << /O /Table /Scope /%b >>" % node.scope.encode())
        elif node.bbox:
            data.append(b"/A << /O /Layout /BBox [ %b ] >>" % fp_str(*(round(v, 2) for v in node.bbox)).encode())
        data.append(b">>")
        elem.data = b" ".join(data)
        return ref

    def marked(self) -> Iterator[list[bytes]]:
        """Each page's elements, in the order of their MCIDs (its value in the parent tree)."""
        for i in range(len(self.pages)):
            yield [self.refs[id(n)] for n in self.tagger.page_nodes.get(i, ())]

    def mark_pages(self) -> None:
        """Each page's key in the parent tree (its index) and its tab order (the structure's)."""
        for i, page in enumerate(self.pages):
            page.StructParents = i
            page.Tabs = PDFName("S")
            page.__NoDefault__ = _PAGE_KEYS  # reportlab writes the keys a page lists

    def link_annotations(self, key: int) -> Iterator[Node]:
        """The Link node of each link annotation, whose key in the parent tree is `key` on from the first; the
        key (/StructParent), a description and the print flag are added to the annotation."""
        seen: set[AnnotRef] = set()
        for ref, node in self.tagger.annots:
            annot = _annotation(self.doc, self.annots[ref])
            annot["StructParent"] = key
            description = node.contents or node.alt
            if not description and node.href:  # a link whose words say nothing (a no-break space)
                description = self.tagger.words.label("link_to", address=node.href)
            if description and not _text(annot.dict.get("Contents")).strip():
                annot["Contents"] = PDFString(description)
            annot["F"] = 4  # print
            seen.add(ref)
            yield node
            key += 1
        unseen = set(self.annots) - seen
        if unseen:
            raise ValueError(f"annotations not in the structure tree: {sorted((a.page + 1, a.index) for a in unseen)}")


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def xmp(title: str, lang: str, producer: str) -> str:
    """The XMP metadata packet: dc:title (veraPDF 7.1-9), dc:language and pdfuaid:part 1 (ISO 14289-1 clause 5)."""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_xml(title)}</rdf:li></rdf:Alt></dc:title>\n'
        f"<dc:language><rdf:Bag><rdf:li>{_xml(lang)}</rdf:li></rdf:Bag></dc:language>\n"
        f"<pdf:Producer>{_xml(producer)}</pdf:Producer>\n"
        "<pdfuaid:part>1</pdfuaid:part>\n"
        "</rdf:Description></rdf:RDF></x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )


def _annotation(doc: PDFDocument, name: str) -> PDFDictionary:
    """The dictionary an annotation is written as, to add entries to: a link to an address is one already;
    reportlab's annotation classes (a link inside the document) make theirs, which is written instead."""
    annot = doc.idToObject[name]
    if not isinstance(annot, PDFDictionary):
        annot = doc.idToObject[name] = annot.Dict()
    return annot


def _text(value: Any) -> str:
    return str(getattr(value, "s", value or ""))
