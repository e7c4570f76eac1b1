"""DOCX (WordprocessingML) text: the body's paragraphs and tables in document order, text boxes,
content controls, and the headers and footers where contact details often sit.

Walked from the XML ourselves rather than through python-docx's object model: python-docx
skips content controls (``w:sdt``) and text boxes, which Word's own resume templates and
designed resumes are full of, repeats a merged cell's text once per spanned column, and reads
every part of the package (images included) into memory.
"""

from __future__ import annotations

import posixpath
import re

from peoplelens.documents import xmlsafe
from peoplelens.documents.blocks import Blocks, Enough, edge_lines, missing_links
from peoplelens.documents.package import Package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
TEMPLATE_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
SMALL_PART = 4 * 1024 * 1024
# Subtrees with no visible text: deleted revisions, the fallback copy of a drawing (its text
# box is also in mc:Choice), field instructions, properties.
_SKIP = {_MC + "Fallback", W + "del", W + "delText", W + "rPr", W + "sdtPr", W + "moveFrom"}


# ISO 29500 Strict documents use these namespaces for the same elements.
_STRICT = {
    "{http://purl.oclc.org/ooxml/wordprocessingml/main}": W,
    "{http://purl.oclc.org/ooxml/officeDocument/relationships}": _R_ID[: _R_ID.index("}") + 1],
}


def _transitional(name: str) -> str:
    if name.startswith("{http://purl.oclc.org/"):
        for strict, usual in _STRICT.items():
            if name.startswith(strict):
                return usual + name[len(strict) :]
    return name


class _Handler:
    def __init__(self, blocks: Blocks, rels: dict[str, str]) -> None:
        self.b = blocks
        self.rels = rels
        self.in_text = 0
        self.in_run = 0
        self.instr: list[str] | None = None
        self.placeholder: list[bool] = []  # per open w:sdt: is it showing its placeholder?

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        tag = _transitional(tag)
        if any(k.startswith("{http://purl.oclc.org/") for k in attrs):
            attrs = {_transitional(k): v for k, v in attrs.items()}
        b = self.b
        if b.skip:
            b.skip += 1
            if tag == W + "showingPlcHdr" and self.placeholder:
                self.placeholder[-1] = True
            return
        if tag in _SKIP:
            b.skip = 1
        elif tag == W + "sdt":
            self.placeholder.append(False)
        elif tag == W + "sdtContent" and self.placeholder and self.placeholder[-1]:
            b.skip = 1  # "[Your name]": a template's prompt nobody filled in
        elif tag == W + "p":
            b.open_paragraph()
        elif tag in (W + "numPr",) or (tag == W + "pStyle" and "List" in attrs.get(W + "val", "")):
            b.mark_bullet()
        elif tag == W + "r":
            self.in_run += 1
        elif tag == W + "t":
            self.in_text += 1
        elif tag == W + "instrText":
            self.instr = []
        elif self.in_run and tag in (W + "tab", W + "ptab"):
            b.text("\t")
        elif self.in_run and tag in (W + "br", W + "cr"):
            b.text("\n")
        elif tag == W + "noBreakHyphen":
            b.text("-")
        elif tag == W + "hyperlink" and attrs.get(_R_ID) in self.rels:
            b.link(self.rels[attrs[_R_ID]])
        elif tag == W + "tbl":
            b.open_table()
        elif tag == W + "tr":
            b.open_row()
        elif tag == W + "tc":
            b.open_cell()

    def end(self, tag: str) -> None:
        tag = _transitional(tag)
        b = self.b
        if b.skip:
            b.skip -= 1
            return
        if tag == W + "p":
            b.close_paragraph()
        elif tag == W + "sdt" and self.placeholder:
            self.placeholder.pop()
        elif tag == W + "r":
            self.in_run -= 1
        elif tag == W + "t":
            self.in_text -= 1
        elif tag == W + "instrText" and self.instr is not None:
            found = re.search(r'HYPERLINK\s+"([^"]+)"', "".join(self.instr))
            if found:
                b.link(found.group(1))
            self.instr = None
        elif tag == W + "tc":
            b.close_cell()
        elif tag == W + "tbl":
            b.close_table()

    def data(self, text: str) -> None:
        if self.instr is not None:
            self.instr.append(text)
        elif self.in_text:
            self.b.text(text)


def content_types(pkg: Package) -> dict[str, str]:
    """Part name (without the leading slash) → content type, from ``[Content_Types].xml``."""
    root = xmlsafe.tree(pkg.read("[Content_Types].xml", SMALL_PART))
    return {
        o.get("PartName", "").lstrip("/"): o.get("ContentType", "")
        for o in root.iter(_CT + "Override")
    }


def main_part(pkg: Package, types: dict[str, str]) -> str | None:
    """The main document part: the one typed as such, else Word's usual name."""
    for name, kind in types.items():
        if kind == MAIN_TYPE:
            return name
    return "word/document.xml" if "word/document.xml" in pkg.names() else None


def _relationships(pkg: Package, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, target) of one part; targets resolved inside the package
    unless external."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in pkg.names():
        return {}
    out = {}
    for rel in xmlsafe.tree(pkg.read(rels, SMALL_PART)).iter(_REL + "Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") != "External":
            target = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
        out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], target)
    return out


def _walk(pkg: Package, part: str, blocks: Blocks) -> None:
    rels = {rid: target for rid, (kind, target) in _relationships(pkg, part).items()}
    handler = _Handler(blocks, rels)
    reader = pkg.open(part)
    try:
        xmlsafe.feed(reader, handler)
    except Enough:
        pass
    finally:
        reader.close()
    while blocks.paragraphs:  # cut off by the limit inside a paragraph
        blocks.close_paragraph()


def docx_text(pkg: Package, main: str, limit: int) -> str:
    """Headers and footers first (they hold contact details, and belong to no section), then
    the body; hyperlink targets the text does not show (a "LinkedIn" link) on top."""
    related = _relationships(pkg, main)
    edges: list[Blocks] = []
    for kind in ("header", "footer"):
        for _, (k, target) in sorted(related.items()):
            if k == kind and target in pkg.names():
                edges.append(Blocks(limit))
                _walk(pkg, target, edges[-1])
    body = Blocks(limit)
    _walk(pkg, main, body)
    text = "\n".join([*edge_lines(edges), *body.lines])
    links = [link for part in (*edges, body) for link in part.links]
    return "\n".join([*missing_links(links, text), text])


def docx_has_text(pkg: Package, main: str) -> bool:
    """Whether the body holds any words (stops reading at the first few hundred characters)."""
    blocks = Blocks(400)
    _walk(pkg, main, blocks)
    return blocks.has_words
