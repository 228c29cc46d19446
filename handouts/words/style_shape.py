"""A clinic's own CSL style checked for what citeproc-py cannot apply, before it reads it, each said with what to do.

citeproc-py takes any XML for a style: a file saved as UTF-16, a `<style>` without CSL's namespace or an element
CSL does not have failed when the references were formatted, said in Python's words ("'NoneType' object is not
callable"), and a CSL 0.8 style (no `version="1.0"`) was applied with its options unread. A file that is no XML
at all is left to citeproc-py's reading, which says where it stops.
"""

from __future__ import annotations

from lxml import etree

from handouts.input.encodings import wide_unicode

CSL_NAMESPACE = "http://purl.org/net/xbiblio/csl"
# What a citation, a bibliography and a macro may hold (CSL 1.0.2): the elements citeproc-py renders.
RENDERING = frozenset(
    {"layout", "sort", "key", "text", "number", "label", "names", "name", "name-part", "et-al", "substitute", "group"}
    | {"choose", "if", "else-if", "else", "date", "date-part"}
)
RENDERED = frozenset({"citation", "bibliography", "macro"})
REPOSITORY = "the Zotero Style Repository, zotero.org/styles"


def _name(element: etree._Element) -> str:
    return etree.QName(element).localname


def problem(data: bytes) -> str | None:
    """What makes the style `data` (a CSL file's bytes) one citeproc-py cannot apply, or None."""
    wide = wide_unicode(data)  # Notepad's "Unicode"
    if wide:
        return wide
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None  # said as citeproc-py's reading says it
    if _name(root) != "style":
        return f"not a CSL style: the file holds <{_name(root)[:40]}>, where a CSL style is a <style>"
    if etree.QName(root).namespace != CSL_NAMESPACE:
        return f'not a CSL style: its <style> lacks CSL\'s namespace, xmlns="{CSL_NAMESPACE}"'
    version = root.get("version", "")
    if not version.startswith("1."):
        old = 'a CSL 0.8 style (its <style> has no version="1.0")' if not version else f"a CSL {version[:20]!r} style"
        return f"{old}, which CSL 1.0 reads otherwise: get its CSL 1.0 version ({REPOSITORY})"
    for layout in root:
        if not isinstance(layout.tag, str) or _name(layout) not in RENDERED:
            continue
        for element in layout.iterdescendants():
            if etree.QName(element).namespace != CSL_NAMESPACE or _name(element) not in RENDERING:
                name = _name(element)[:40]
                return f"line {element.sourceline}: <{name}> is not an element of CSL 1.0, so the style cannot be applied"
    return None
