"""Documents made for the tests: PDFs drawn with reportlab (one column, two columns, shapes
only), DOCX written with python-docx, ZIPs with zipfile. A line written "## Title" is drawn as
a heading (bold, larger)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import reportlab
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

_FONTS = Path(reportlab.__file__).parent / "fonts"
pdfmetrics.registerFont(TTFont("Vera", str(_FONTS / "Vera.ttf")))
pdfmetrics.registerFont(TTFont("VeraBd", str(_FONTS / "VeraBd.ttf")))
WIDTH, HEIGHT = A4
TOP, BOTTOM = HEIGHT - 50, 50


class _Column:
    """Writes lines down a column from ``y``, starting a new page when it runs out."""

    def __init__(self, pdf: canvas.Canvas, x: float, width: float, size: float) -> None:
        self.pdf, self.x, self.width, self.size = pdf, x, width, size

    def write(self, lines: list[str], y: float) -> float:
        for line in lines:
            if y < BOTTOM:
                self.pdf.showPage()
                y = TOP
            if line.startswith("## "):
                y -= 4
                self.pdf.setFont("VeraBd", self.size + 2)
                self.pdf.drawString(self.x, y, line[3:])
                y -= self.size + 8
                continue
            self.pdf.setFont("Vera", self.size)
            if line:
                self.pdf.drawString(self.x, y, line)
            y -= self.size + 3.5
        return y


def pdf_lines(lines: list[str], size: float = 10) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    _Column(pdf, 50, WIDTH - 100, size).write(lines, TOP)
    pdf.save()
    return buffer.getvalue()


def pdf_columns(
    header: list[str], sidebar: list[str], main: list[str], *, sidebar_right: bool = False
) -> bytes:
    """A full-width header, then a narrow sidebar and a wide main column side by side, the
    main column running on to page two when it is long (the sidebar does not)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    y = _Column(pdf, 40, WIDTH - 80, 11).write(header, TOP) - 10
    side_x, main_x = (WIDTH - 200, 40) if sidebar_right else (40, 215)
    # The sidebar is short: drawn first, on page one only.
    _Column(pdf, side_x, 160, 9).write(sidebar, y)
    _Column(pdf, main_x, WIDTH - 255, 10).write(main, y)
    pdf.save()
    return buffer.getvalue()


def pdf_shapes() -> bytes:
    """A page with no text at all: what a scan looks like to a text extractor."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.rect(50, 500, 300, 200, fill=1)
    pdf.circle(300, 300, 80, fill=1)
    for i in range(40):
        pdf.line(50, 100 + i * 5, 500, 100 + i * 5)
    pdf.save()
    return buffer.getvalue()


def encrypted(data: bytes, user_password: str, owner_password: str | None = None) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password, owner_password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zipped(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()
