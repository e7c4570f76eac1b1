"""PDF: the upload check with pypdf (encryption, structure, page count, a text layer at all)
and the full text with pdfminer.six's layout analysis, put in reading order by
:mod:`peoplelens.documents.pdf_layout`.

pypdf and pdfminer parse untrusted bytes and fail in many ways (their own errors, but also
ValueError, KeyError, TypeError, RecursionError…); every failure to *read the file* is the
file's fault and becomes an :class:`UnreadableDocument`, so those calls catch broadly — and
nothing else does.
"""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Iterator
from typing import Any

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTFigure, LTPage, LTTextBox, LTTextLineHorizontal
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pypdf import PasswordType, PdfReader

from peoplelens.documents.blocks import PAGE_NUMBER, missing_links
from peoplelens.documents.errors import UnreadableDocument
from peoplelens.documents.pdf_layout import Line, reading_order

log = logging.getLogger("peoplelens.documents")

MAX_PAGES = 30  # a resume is a few pages; more is read no further
MAX_SECONDS = 20.0  # for the whole document, checked as characters are drawn
# A dense resume page holds about 6,000 characters; pdfminer's layout analysis grows faster
# than linearly, so a page with far more (a hostile or generated one) is skipped.
MAX_PAGE_CHARS = 20_000
MAX_PAGE_PATHS = 50_000
CHECK_PAGES = 5
# Scanner apps stamp these on image-only pages; they are not the resume's text.
_STAMPS = re.compile(r"scanned (?:with|by) camscanner|adobe scan|genius scan", re.IGNORECASE)
_CID = re.compile(r"\(cid:\d+\)")
_LEADING_CID = re.compile(r"^\s*\(cid:\d+\)\s+")
# char_margin 1.0: characters further apart than a character's width start a new line, so a
# narrow gutter still separates two columns; _join in pdf_layout re-joins words of one line.
LAYOUT = LAParams(
    char_margin=1.0, line_margin=0.5, word_margin=0.1, boxes_flow=None, all_texts=True
)

ENCRYPTED = (
    "This PDF is password-protected, so its text cannot be read. Remove the password (for "
    "example print it to a new PDF) and upload it again."
)
DAMAGED = "This PDF is damaged and cannot be read. Export or print it to a new PDF and upload that."
SCANNED = (
    "This PDF has no text layer — it looks like a scan or an image. OCR is not available: "
    "upload a PDF with selectable text, or a DOCX."
)
NO_CHARACTERS = (
    "This PDF's fonts carry no readable characters (the text cannot be copied out of it). "
    "Export it again from the original document, or upload a DOCX."
)


def _open(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise UnreadableDocument(ENCRYPTED)
    except UnreadableDocument:
        raise
    except Exception as exc:  # see the module docstring
        log.info("document.pdf_unreadable", extra={"error": repr(exc)[:300]})
        if "decrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise UnreadableDocument(ENCRYPTED) from exc
        raise UnreadableDocument(DAMAGED) from exc
    return reader


def inspect_pdf(data: bytes) -> int:
    """The page count, once the PDF opens, decrypts without a password and has some text."""
    reader = _open(data)
    try:
        pages = len(reader.pages)
        letters = 0
        for page in reader.pages[:CHECK_PAGES]:
            text = _STAMPS.sub("", page.extract_text() or "")
            letters += sum(ch.isalpha() for ch in _CID.sub("", text))
            if letters >= 8:
                break
    except Exception as exc:  # see the module docstring
        log.info("document.pdf_unreadable", extra={"error": repr(exc)[:300]})
        raise UnreadableDocument(DAMAGED) from exc
    if pages == 0:
        raise UnreadableDocument("This PDF has no pages.")
    if letters < 8:
        raise UnreadableDocument(SCANNED)
    return pages


def _lines(container: LTPage | LTTextBox | LTFigure, unmapped: list[int]) -> list[Line]:
    """Horizontal text lines, in figures too; characters without a Unicode mapping
    ("(cid:12)") dropped and counted in ``unmapped``."""
    out: list[Line] = []
    for item in container:
        if isinstance(item, LTTextLineHorizontal):
            raw = item.get_text()
            # A lone unmapped glyph opening a line is a bullet or an icon.
            text = _CID.sub("", _LEADING_CID.sub("• ", raw)).strip()
            unmapped[0] += len(_CID.findall(raw))
            if text:
                out.append(Line(item.x0, item.y0, item.x1, item.y1, text))
        elif isinstance(item, LTTextBox | LTFigure):
            out += _lines(item, unmapped)
    return out


def _link_targets(data: bytes) -> list[str]:
    """LinkedIn and e-mail links of the first pages (a "LinkedIn" label links to the URL)."""
    found: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
        for page in reader.pages[:3]:
            for annot in page.get("/Annots") or []:
                action = annot.get_object().get("/A")
                uri = action.get_object().get("/URI") if action is not None else None
                if isinstance(uri, str):
                    found.append(uri)
    except Exception:  # links are a bonus; the text does not depend on them
        return []
    return [u for u in found if "linkedin.com/" in u.lower() or u.lower().startswith("mailto:")]


class _PageTooBig(Exception):
    pass


class _Bounded(PDFPageAggregator):
    """pdfminer's page aggregator that gives up on a page drawing too much, or too late."""

    def __init__(self, resources: PDFResourceManager, deadline: float) -> None:
        super().__init__(resources, laparams=LAYOUT)
        self.deadline = deadline
        self.chars = self.paths = 0

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        self.chars += 1
        if self.chars > MAX_PAGE_CHARS or (
            self.chars % 1000 == 0 and time.monotonic() > self.deadline
        ):
            raise _PageTooBig
        result: float = super().render_char(*args, **kwargs)
        return result

    def paint_path(self, *args: Any, **kwargs: Any) -> None:
        self.paths += 1
        if self.paths > MAX_PAGE_PATHS:
            raise _PageTooBig
        super().paint_path(*args, **kwargs)


def _pages(data: bytes, deadline: float) -> Iterator[LTPage]:
    """Laid-out pages, each with a fresh device: one given up on leaves no state behind."""
    resources = PDFResourceManager(caching=True)
    for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data), maxpages=MAX_PAGES)):
        if time.monotonic() > deadline:
            log.info("document.pdf_cut_short", extra={"pages": number, "reason": "time"})
            return
        device = _Bounded(resources, deadline)
        try:
            PDFPageInterpreter(resources, device).process_page(page)
        except _PageTooBig:
            log.info("document.pdf_page_skipped", extra={"page": number + 1})
            continue
        yield device.get_result()


def _without_running_heads(pages: list[str]) -> list[str]:
    """Pages without page numbers at their top or bottom, and without the lines repeated at
    the top or bottom of page after page (the name and e-mail above every page): those are
    kept once, on the first page."""
    split = [page.split("\n") for page in pages]
    edges: list[set[int]] = []
    seen: dict[str, int] = {}
    for lines in split:
        content = [i for i, ln in enumerate(lines) if ln.strip()]
        edge = {*content[:2], *content[-2:]}
        edges.append(edge)
        for ln in {lines[i] for i in edge}:
            seen[ln] = seen.get(ln, 0) + 1
    out = []
    for number, (lines, edge) in enumerate(zip(split, edges, strict=True)):
        kept = [
            ln
            for i, ln in enumerate(lines)
            if i not in edge
            or not (PAGE_NUMBER.match(ln.strip()) or (number and seen.get(ln, 0) >= 2))
        ]
        out.append("\n".join(kept))
    return out


def pdf_text(data: bytes, limit: int) -> str:
    pages: list[str] = []
    size = 0
    unmapped = [0]
    try:
        for page in _pages(data, time.monotonic() + MAX_SECONDS):
            text = "\n".join(reading_order(_lines(page, unmapped), first_page=not pages))
            pages.append(text)
            size += len(text)
            if size > limit:
                break
    except Exception as exc:  # see the module docstring
        log.info("document.pdf_unreadable", extra={"error": repr(exc)[:300]})
        if not pages:
            raise UnreadableDocument(DAMAGED) from exc
    text = "\n\n".join(_without_running_heads(pages))
    letters = sum(ch.isalpha() for ch in _STAMPS.sub("", text))
    if unmapped[0] > letters:
        raise UnreadableDocument(NO_CHARACTERS)
    if not letters:
        raise UnreadableDocument(SCANNED)
    return "\n".join([*missing_links(_link_targets(data), text), text])
