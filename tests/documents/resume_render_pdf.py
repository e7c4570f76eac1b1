"""The PDF layouts of the resume test set (reportlab, text drawn as real text in Bitstream Vera,
which ships with reportlab: the same glyphs on every machine, and a ToUnicode map so the text
reads back).

- one column: name, headline, contacts, then every section down the page;
- two columns: a shaded left sidebar (contacts, skills, languages, certifications) drawn first,
  a main column (name, headline, summary, experience, education, the rest) flowing over as
  many pages as it needs; later pages keep the shaded band empty, as such templates do.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from tests.documents.resume_set import Bullets, Entry, Resume, Section, Table

FONT = "Vera"
SIDEBAR_KINDS = frozenset({"skills", "languages", "certifications"})
MARGIN = 40.0
SIDEBAR_WIDTH = 190.0
GUTTER = 18.0


@cache
def font_glyphs() -> frozenset[int]:
    """Register Vera (regular, bold, italic) once; the code points it can draw."""
    folder = Path(reportlab.__file__).parent / "fonts"
    faces = {"": "Vera.ttf", "-Bold": "VeraBd.ttf", "-Italic": "VeraIt.ttf", "-BI": "VeraBI.ttf"}
    for suffix, file in faces.items():
        pdfmetrics.registerFont(TTFont(FONT + suffix, str(folder / file)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT + "-Bold", italic=FONT + "-Italic", boldItalic=FONT + "-BI"
    )
    return frozenset(TTFont("probe", str(folder / "Vera.ttf")).face.charToGlyph)


def _styles(size: float) -> dict[str, ParagraphStyle]:
    font_glyphs()
    base = ParagraphStyle("body", fontName=FONT, fontSize=size, leading=size * 1.3)
    return {
        "body": base,
        "name": ParagraphStyle("name", base, fontName=FONT + "-Bold", fontSize=20, leading=24),
        "headline": ParagraphStyle("headline", base, fontSize=size + 2, leading=size * 1.8),
        "heading": ParagraphStyle(
            "heading", base, fontName=FONT + "-Bold", fontSize=size + 1.5, spaceBefore=9
        ),
        "title": ParagraphStyle("title", base, fontName=FONT + "-Bold", spaceBefore=4),
        "meta": ParagraphStyle("meta", base, fontName=FONT + "-Italic", textColor=colors.grey),
        "bullet": ParagraphStyle(
            "bullet", base, leftIndent=12, bulletIndent=2, bulletFontName=FONT
        ),
        "cell": ParagraphStyle("cell", base, fontSize=size - 0.5, leading=size * 1.2),
        # Wide tables get a smaller font: a word is never broken inside a cell.
        "narrow": ParagraphStyle(
            "narrow", base, fontSize=size - 2, leading=size * 1.05, splitLongWords=0
        ),
    }


def _p(text: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    return Paragraph(escape(text), style, bulletText=bullet)


def _blocks(section: Section, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    out: list[Flowable] = []
    blocks = list(section.blocks)
    if section.heading is not None and section.inline:
        first = blocks.pop(0)
        assert isinstance(first, str), "an inline heading runs into a paragraph"
        html = f"<b>{escape(section.heading)}</b> {escape(first)}"
        out.append(Paragraph(html, styles["body"]))
    elif section.heading is not None:
        out += [_p(section.heading, styles["heading"]), HRFlowable(width="100%", thickness=0.5)]
        out.append(Spacer(1, 3))
    for block in blocks:
        if isinstance(block, str):
            out.append(_p(block, styles["body"]))
        elif isinstance(block, Bullets):
            out += [_p(item, styles["bullet"], block.marker) for item in block.items]
        elif isinstance(block, Entry):
            out.append(_p(block.title, styles["title"]))
            meta = "  |  ".join(part for part in (block.org, block.dates) if part)
            out.append(_p(meta, styles["meta"]))
            out += [_p(item, styles["bullet"], "•") for item in block.bullets]
        elif isinstance(block, Table):
            columns = max(len(row) for row in block.rows)
            cell_style = styles["cell" if columns * 90 <= width else "narrow"]
            cells = [[_p(cell, cell_style) for cell in row] for row in block.rows]
            table = PdfTable(cells, colWidths=[width / columns] * columns)
            grid = [
                ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
            table.setStyle(TableStyle(grid))
            out.append(table)
        out.append(Spacer(1, 2))
    return out


def _fitted(text: str, style: ParagraphStyle, width: float) -> Paragraph:
    """One line in a narrow column, the font made smaller until it fits (a long URL is never
    broken inside the sidebar, as templates shrink it too)."""
    natural = pdfmetrics.stringWidth(text, style.fontName, style.fontSize)
    if natural <= width:
        return _p(text, style)
    size = style.fontSize * width / natural
    return _p(text, ParagraphStyle("fitted", style, fontSize=size, leading=style.leading))


def _contact_lines(items: tuple[str, ...], style: ParagraphStyle, width: float) -> list[str]:
    """Pack the contact items into lines that fit, breaking only between items (a phone
    number or an address never wraps)."""
    lines: list[str] = []
    for item in items:
        joined = f"{lines[-1]}  |  {item}" if lines else item
        if lines and pdfmetrics.stringWidth(joined, style.fontName, style.fontSize) <= width:
            lines[-1] = joined
        else:
            lines.append(item)
    return lines


def _header(resume: Resume, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    out: list[Flowable] = [_p(resume.name, styles["name"])]
    if resume.headline:
        out.append(_p(resume.headline, styles["headline"]))
    return out


def one_column(resume: Resume) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=resume.name,
        author=resume.name,
        invariant=1,
    )
    styles = _styles(9.5)
    width = A4[0] - 2 * MARGIN
    story = _header(resume, styles)
    story += [
        _p(line, styles["body"]) for line in _contact_lines(resume.contact, styles["body"], width)
    ]
    story.append(Spacer(1, 6))
    for section in resume.sections:
        story += _blocks(section, styles, width)
    doc.build(story)
    return buffer.getvalue()


def _in_sidebar(section: Section) -> bool:
    wide = any(isinstance(b, Table) and max(map(len, b.rows)) > 2 for b in section.blocks)
    return section.kind in SIDEBAR_KINDS and not wide


def two_column(resume: Resume) -> bytes:
    page_width, page_height = A4
    styles = _styles(9.0)
    side_styles = _styles(8.5)
    side_width = SIDEBAR_WIDTH - 2 * 14
    main_x = SIDEBAR_WIDTH + GUTTER
    main_width = page_width - main_x - MARGIN

    sidebar: list[Flowable] = []
    if resume.contact_heading:
        sidebar.append(_p(resume.contact_heading, side_styles["heading"]))
    sidebar += [_fitted(item, side_styles["body"], side_width) for item in resume.contact]
    sidebar.append(Spacer(1, 8))
    main = _header(resume, styles)
    for section in resume.sections:
        if _in_sidebar(section):
            sidebar += _blocks(section, side_styles, side_width)
        else:
            main += _blocks(section, styles, main_width)

    def band(canvas: object, _doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFillColor(colors.HexColor("#E8EEF4"))  # type: ignore[attr-defined]
        canvas.rect(0, 0, SIDEBAR_WIDTH, page_height, stroke=0, fill=1)  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    def first_page(canvas: object, doc: object) -> None:
        band(canvas, doc)
        frame = Frame(14, MARGIN, side_width, page_height - 2 * MARGIN, 0, 0, 0, 0)
        pending = list(sidebar)
        frame.addFromList(pending, canvas)
        if pending:
            raise ValueError(f"{resume.id}: the sidebar does not fit on the first page")

    def main_frame() -> Frame:
        return Frame(main_x, MARGIN, main_width, page_height - 2 * MARGIN, 0, 0, 0, 0)

    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, title=resume.name, author=resume.name, invariant=1)
    doc.addPageTemplates(
        [
            PageTemplate("first", [main_frame()], onPage=first_page, autoNextPageTemplate="later"),
            PageTemplate("later", [main_frame()], onPage=band),
        ]
    )
    doc.build(main)
    return buffer.getvalue()
