"""Draws the resumes of the test set (``tests/documents/resume_set.py``) as the files
candidates upload, deterministically (same resume, same bytes), and reads the text back out
of them for the set's own soundness checks (pypdf, python-docx: not the parser's code).

    render(resume, "pdf_two_column") -> bytes

The layouts: ``resume_render_pdf`` (one and two columns), ``resume_render_docx`` (paragraphs,
tables) and plain text here (in the resume's ``txt_encoding``; CRLF line ends for the
Windows encodings, as Notepad writes them).
"""

from __future__ import annotations

import io
from functools import cache

import docx
import pypdf
from docx.document import Document as DocxDocument
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from tests.documents import resume_render_docx, resume_render_pdf
from tests.documents.resume_set import Bullets, Entry, Layout, Resume, Table

WINDOWS_ENCODINGS = frozenset({"utf-16", "cp1252"})


def txt(resume: Resume) -> bytes:
    lines = [resume.name]
    if resume.headline:
        lines.append(resume.headline)
    lines += [" | ".join(resume.contact), ""]
    for section in resume.sections:
        blocks = list(section.blocks)
        if section.heading is not None and section.inline:
            lines.append(f"{section.heading} {blocks.pop(0)}")
        elif section.heading is not None:
            lines.append(section.heading)
        for block in blocks:
            if isinstance(block, str):
                lines.append(block)
            elif isinstance(block, Bullets):
                lines += [f"{block.marker} {item}" for item in block.items]
            elif isinstance(block, Entry):
                lines.append(f"{block.title}, {block.org}" if block.org else block.title)
                if block.dates:
                    lines.append(block.dates)
                lines += [f"- {item}" for item in block.bullets]
            elif isinstance(block, Table):
                widths = [
                    max(len(row[i]) for row in block.rows if i < len(row))
                    for i in range(max(map(len, block.rows)))
                ]
                for row in block.rows:
                    cells = (cell.ljust(widths[i]) for i, cell in enumerate(row))
                    lines.append("   ".join(cells).rstrip())
        lines.append("")
    newline = "\r\n" if resume.txt_encoding in WINDOWS_ENCODINGS else "\n"
    return newline.join(lines).encode(resume.txt_encoding)


@cache
def _render(resume: Resume, layout: Layout) -> bytes:
    match layout:
        case "pdf_one_column":
            return resume_render_pdf.one_column(resume)
        case "pdf_two_column":
            return resume_render_pdf.two_column(resume)
        case "docx_paragraphs":
            return resume_render_docx.paragraphs(resume)
        case "docx_tables":
            return resume_render_docx.tables(resume)
        case "txt":
            return txt(resume)


def render(resume: Resume, layout: Layout) -> bytes:
    """The file, as a candidate would upload it (cached: the set is rendered once a run)."""
    return _render(resume, layout)


def _docx_lines(container: DocxDocument | _Cell) -> list[str]:
    lines: list[str] = []
    for child in container.iter_inner_content():
        if isinstance(child, DocxParagraph):
            lines.append(child.text)
        elif isinstance(child, DocxTable):
            for row in child.rows:
                for cell in row.cells:
                    lines += _docx_lines(cell)
    return lines


def text_of(resume: Resume, layout: Layout) -> str:
    """The rendered file's text as pypdf and python-docx read it."""
    data = render(resume, layout)
    if layout.startswith("pdf"):
        pages = pypdf.PdfReader(io.BytesIO(data)).pages
        return "\n".join(page.extract_text() for page in pages)
    if layout.startswith("docx"):
        return "\n".join(_docx_lines(docx.Document(io.BytesIO(data))))
    return data.decode(resume.txt_encoding)


def page_count(resume: Resume, layout: Layout) -> int:
    data = render(resume, layout)
    if layout.startswith("pdf"):
        return len(pypdf.PdfReader(io.BytesIO(data)).pages)
    raise ValueError(f"{layout} has no pages to count")
