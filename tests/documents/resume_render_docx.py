"""The DOCX layouts of the resume test set (python-docx).

- paragraphs: headings as Word's "Heading 1" or as bold paragraphs (half the resumes each, by
  a hash of the id), bullets in Word's list style (the bullet is not in the text), tables as
  tables;
- tables: the whole page laid out in a table, as CV templates do: either one row per section
  with the heading in the left cell (Europass style), or one row of two cells, a sidebar
  (contacts, skills, languages, certifications) beside the main column.

The archive is rewritten with fixed timestamps, so the same resume gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib
from collections.abc import Iterable

import docx
from docx.document import Document
from docx.shared import Pt
from docx.table import _Cell

from tests.documents.resume_render_pdf import SIDEBAR_KINDS
from tests.documents.resume_set import Block, Bullets, Entry, Resume, Section, Table

FIXED = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
Container = Document | _Cell


def _variant(resume: Resume) -> int:
    return zlib.crc32(resume.id.encode()) % 2


def _new(resume: Resume) -> Document:
    document = docx.Document()
    props = document.core_properties
    props.author = props.last_modified_by = resume.name
    props.title = f"CV {resume.name}"
    props.created = props.modified = FIXED
    props.revision = 1
    return document


def _save(document: Document) -> bytes:
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in sorted(src.infolist(), key=lambda i: i.filename):
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 5, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def _bold(container: Container, text: str, size: float | None = None) -> None:
    run = container.add_paragraph().add_run(text)
    run.bold = True
    if size:
        run.font.size = Pt(size)


def _blocks(container: Container, blocks: Iterable[Block], list_style: bool) -> None:
    for block in blocks:
        if isinstance(block, str):
            container.add_paragraph(block)
        elif isinstance(block, Bullets):
            for item in block.items:
                if list_style:
                    container.add_paragraph(item, style="List Bullet")
                else:
                    container.add_paragraph(f"{block.marker} {item}")
        elif isinstance(block, Entry):
            line = container.add_paragraph()
            line.add_run(block.title).bold = True
            if block.dates:
                line.add_run(f"\t{block.dates}")
            container.add_paragraph().add_run(block.org).italic = True
            for item in block.bullets:
                if list_style:
                    container.add_paragraph(item, style="List Bullet")
                else:
                    container.add_paragraph(f"• {item}")
        elif isinstance(block, Table):
            columns = max(len(row) for row in block.rows)
            table = container.add_table(rows=len(block.rows), cols=columns)
            table.style = "Table Grid"
            for row, cells in zip(table.rows, block.rows, strict=True):
                for cell, text in zip(row.cells, cells, strict=False):
                    cell.text = text


def _section(container: Container, section: Section, heading_style: bool) -> None:
    blocks = list(section.blocks)
    if section.heading is not None and section.inline:
        first = blocks.pop(0)
        assert isinstance(first, str), "an inline heading runs into a paragraph"
        paragraph = container.add_paragraph()
        paragraph.add_run(section.heading).bold = True
        paragraph.add_run(f" {first}")
    elif section.heading is not None:
        if heading_style and isinstance(container, Document):
            container.add_heading(section.heading, level=1)
        else:
            _bold(container, section.heading, 12)
    _blocks(container, blocks, list_style=isinstance(container, Document))


def paragraphs(resume: Resume) -> bytes:
    document = _new(resume)
    styled = _variant(resume) == 0
    if styled:
        document.add_heading(resume.name, level=0)
    else:
        _bold(document, resume.name, 20)
    if resume.headline:
        document.add_paragraph(resume.headline)
    document.add_paragraph(" | ".join(resume.contact))
    for section in resume.sections:
        _section(document, section, heading_style=styled)
    return _save(document)


def _cell_blocks(cell: _Cell, section: Section) -> None:
    blocks = list(section.blocks)
    if section.inline and blocks and isinstance(blocks[0], str):
        cell.paragraphs[0].text = blocks.pop(0)
    _blocks(cell, blocks, list_style=False)


def tables(resume: Resume) -> bytes:
    document = _new(resume)
    if _variant(resume) == 0:
        # One row per section, the heading on the left (the Europass way).
        grid = document.add_table(rows=1, cols=2)
        left, right = grid.rows[0].cells
        left.paragraphs[0].add_run(resume.name).bold = True
        if resume.headline:
            right.paragraphs[0].text = resume.headline
            for item in resume.contact:
                right.add_paragraph(item)
        else:
            right.paragraphs[0].text = resume.contact[0]
            for item in resume.contact[1:]:
                right.add_paragraph(item)
        for section in resume.sections:
            left, right = grid.add_row().cells
            if section.heading is not None:
                left.paragraphs[0].add_run(section.heading).bold = True
            _cell_blocks(right, section)
    else:
        # A sidebar beside the main column, one row of two cells.
        side, main = document.add_table(rows=1, cols=2).rows[0].cells
        side.paragraphs[0].text = resume.contact_heading or resume.contact[0]
        for item in resume.contact if resume.contact_heading else resume.contact[1:]:
            side.add_paragraph(item)
        main.paragraphs[0].add_run(resume.name).bold = True
        if resume.headline:
            main.add_paragraph(resume.headline)
        for section in resume.sections:
            wide = any(isinstance(b, Table) and max(map(len, b.rows)) > 2 for b in section.blocks)
            target = side if section.kind in SIDEBAR_KINDS and not wide else main
            _section(target, section, heading_style=False)
    return _save(document)
