"""ODT (OpenDocument text) read with the standard library: ``content.xml`` (paragraphs,
headings, lists, tables and text frames in document order) and the page headers and footers of
``styles.xml``.

No third-party reader: odfpy, the one library for it, has had no release since 2020, and ODF's
text model is small enough to walk here with the same safe XML stream as DOCX.
"""

from __future__ import annotations

from peoplelens.documents import xmlsafe
from peoplelens.documents.blocks import Blocks, Enough, edge_lines, missing_links
from peoplelens.documents.package import Package

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_XLINK = "{http://www.w3.org/1999/xlink}href"
_MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
ODT_TYPE = "application/vnd.oasis.opendocument.text"
# Subtrees with no text of the document itself: comments, footnotes, tracked deletions,
# alternative text of images.
_SKIP = {
    _OFFICE + "annotation",
    _TEXT + "note",
    _TEXT + "tracked-changes",
    "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}desc",
    "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}title",
    _TABLE + "covered-table-cell",
}


class _Handler:
    def __init__(self, blocks: Blocks) -> None:
        self.b = blocks
        self.lists = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        b = self.b
        if b.skip:
            b.skip += 1
        elif tag in _SKIP:
            b.skip = 1
        elif tag in (_TEXT + "p", _TEXT + "h"):
            b.open_paragraph()
            if self.lists:
                b.mark_bullet()
        elif tag == _TEXT + "list-item":
            self.lists += 1
        elif tag == _TEXT + "s":
            count = attrs.get(_TEXT + "c", "1")
            b.text(" " * min(int(count) if count.isascii() and count.isdigit() else 1, 40))
        elif tag == _TEXT + "tab":
            b.text("\t")
        elif tag == _TEXT + "line-break":
            b.text("\n")
        elif tag == _TEXT + "a" and _XLINK in attrs:
            b.link(attrs[_XLINK])
        elif tag == _TABLE + "table":
            b.open_table()
        elif tag == _TABLE + "table-row":
            b.open_row()
        elif tag == _TABLE + "table-cell":
            b.open_cell()

    def end(self, tag: str) -> None:
        b = self.b
        if b.skip:
            b.skip -= 1
        elif tag in (_TEXT + "p", _TEXT + "h"):
            b.close_paragraph()
        elif tag == _TEXT + "list-item":
            self.lists -= 1
        elif tag == _TABLE + "table-cell":
            b.close_cell()
        elif tag == _TABLE + "table":
            b.close_table()

    def data(self, text: str) -> None:
        self.b.text(text)


def _walk(pkg: Package, part: str, limit: int) -> Blocks:
    blocks = Blocks(limit)
    reader = pkg.open(part)
    try:
        xmlsafe.feed(reader, _Handler(blocks))
    except Enough:
        pass
    finally:
        reader.close()
    while blocks.paragraphs:
        blocks.close_paragraph()
    return blocks


def odt_encrypted(pkg: Package) -> bool:
    """ODF encrypts members inside an ordinary ZIP; the manifest says which."""
    if "META-INF/manifest.xml" not in pkg.names():
        return False
    manifest = xmlsafe.tree(pkg.read("META-INF/manifest.xml", 4 * 1024 * 1024))
    return any(True for _ in manifest.iter(_MANIFEST + "encryption-data"))


def odt_text(pkg: Package, limit: int) -> str:
    edges = _walk(pkg, "styles.xml", limit) if "styles.xml" in pkg.names() else Blocks(limit)
    body = _walk(pkg, "content.xml", limit)
    text = "\n".join([*edge_lines([edges]), *body.lines])
    return "\n".join([*missing_links([*edges.links, *body.links], text), text])


def odt_has_text(pkg: Package) -> bool:
    blocks = _walk(pkg, "content.xml", 400)
    return blocks.has_words
