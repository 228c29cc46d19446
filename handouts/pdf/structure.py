"""The structure tree written into the finished PDF with pikepdf, and the checks an engine can make on a tree
before writing it. What only exists once the whole file does: the StructTreeRoot and its ParentTree, each
page's /StructParents and /Tabs, each link annotation's /StructParent, OBJR and /Contents, /MarkInfo, /Lang,
and /ViewerPreferences DisplayDocTitle (the XMP metadata is written with the file: see tagging).
"""

from __future__ import annotations

import io
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from handouts.pdf.tagging import STANDARD_TYPES, AnnotRef, MCRef, Node, Tagger


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


def finish(
    pdf_bytes: bytes,
    tagger: Tagger,
    *,
    title: str,
    lang: str,
) -> bytes:
    """Write the structure tree and the catalog entries PDF/UA-1 asks for; return the new file.

    Content streams are left as reportlab wrote them (MCIDs are already in
    them). Raises ValueError when the tree and the content disagree.
    """
    if tagger._stack:
        raise ValueError(f"tagging contexts still open: {tagger._stack!r}")
    problems = check_tree(tagger.root)
    if problems:  # the engine's own mistake, not the content's
        raise ValueError(f"the structure tree is wrong: {'; '.join(problems)}")
    # reportlab writes each stream's filter as a one-element array; qpdf would decode and deflate every such
    # stream again only to write the filter as a name (~5 ms a handout). Written as a name of the same length
    # here, so that every offset in the file stays right, the streams are copied as they are.
    pdf = pikepdf.open(io.BytesIO(pdf_bytes.replace(b"/Filter [ /FlateDecode ]", b"/Filter /FlateDecode    ")))
    pages = pdf.pages
    page_objs = [p.obj for p in pages]
    root = tagger.root
    root_ref = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))

    # structure elements, depth first
    refs: dict[int, Any] = {}
    annot_objs: dict[AnnotRef, Any] = {}
    for i, page in enumerate(pages):
        for k, annot in enumerate(page.obj.get("/Annots", [])):
            annot_objs[AnnotRef(i, k)] = annot

    keep_empty = ("TH", "TD", "TR")  # an empty cell still holds its place in the table's grid
    names: dict[str, Name] = {}
    parent_key, mcr, objr = "/P", Name.MCR, Name.OBJR

    def build(node: Node, parent_ref: Any) -> Any | None:
        # /Type /StructElem is optional (ISO 32000-1 Table 323) and costs 18 bytes an element
        s = names.get(node.type)
        if s is None:
            s = names[node.type] = Name("/" + node.type)
        elem = pdf.make_indirect(Dictionary({"/S": s, parent_key: parent_ref}))
        first = None
        kids = []
        for kid in node.kids:
            if type(kid) is MCRef:
                if first is None:
                    first = kid.page
                kids.append(
                    kid.mcid if kid.page == first else Dictionary({"/Type": mcr, "/Pg": page_objs[kid.page], "/MCID": kid.mcid})
                )
            else:
                built = build(kid, elem)
                if built is not None:
                    kids.append(built)
        if node.annots:
            if first is None:
                first = node.annots[0].page
            kids.extend(Dictionary({"/Type": objr, "/Obj": annot_objs[a], "/Pg": page_objs[a.page]}) for a in node.annots)
        if not kids and node is not root and node.type not in keep_empty:
            return None  # never drawn: left out (the unreferenced object is not written)
        refs[id(node)] = elem
        if first is not None:
            elem.Pg = page_objs[first]
        if len(kids) == 1:
            elem.K = kids[0]
        elif kids:
            elem.K = Array(kids)
        if node.alt is not None:
            elem.Alt = String(node.alt)
        if node.lang:
            elem.Lang = String(node.lang)
        if node.actual_text is not None:
            elem.ActualText = String(node.actual_text)
        if node.scope:
            elem.A = Dictionary(O=Name.Table, Scope=Name("/" + node.scope))
        elif node.bbox:
            elem.A = Dictionary(O=Name.Layout, BBox=Array([round(v, 2) for v in node.bbox]))
        return elem

    doc = build(root, root_ref)
    root_ref.K = doc

    # parent tree: page i -> [node of MCID 0, 1, …]; then one key per link annotation. One
    # number-tree node holding all of /Nums is a valid number tree (ISO 32000-1 7.9.7).
    nums = []
    for i, page in enumerate(pages):
        nodes = tagger.page_nodes.get(i, [])
        nums += [i, pdf.make_indirect(Array([refs[id(n)] for n in nodes]))]
        page.obj.StructParents = i
        page.obj.Tabs = Name.S
    key = len(pages)
    seen: set[AnnotRef] = set()
    for ref, node in tagger.annots:
        annot = annot_objs[ref]
        annot.StructParent = key
        nums += [key, refs[id(node)]]
        description = node.contents or node.alt or (f"Link to {node.href}" if node.href else None)
        if description and not str(annot.get("/Contents", "")).strip():
            annot.Contents = String(description)
        annot.F = 4  # print
        seen.add(ref)
        key += 1
    unseen = set(annot_objs) - seen
    if unseen:
        raise ValueError(f"annotations not in the structure tree: {sorted((a.page + 1, a.index) for a in unseen)}")
    root_ref.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
    root_ref.ParentTreeNextKey = key

    cat = pdf.Root
    cat.StructTreeRoot = root_ref
    cat.MarkInfo = Dictionary(Marked=True)
    cat.Lang = String(lang)
    cat.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    pdf.docinfo[Name.Title] = String(title)  # the XMP metadata (dc:title, pdfuaid:part) is reportlab's: see tagging
    out = io.BytesIO()
    pdf.save(
        out,
        min_version="1.7",
        fix_metadata_version=False,
        deterministic_id=True,  # same input, same bytes (the project compares outputs by SHA-256)
        object_stream_mode=pikepdf.ObjectStreamMode.generate,  # ~100 bytes an element saved: the tree costs a few %
        compress_streams=True,
    )
    return out.getvalue()
