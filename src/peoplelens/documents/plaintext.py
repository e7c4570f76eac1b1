"""Plain text: which encoding it is in, and whether it is prose at all (rather than markup,
data, or binary that happens to decode)."""

from __future__ import annotations

import json
import re

from peoplelens.documents.errors import UnreadableDocument, UnsupportedFormat

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_MARKUP = re.compile(r"<(?:\?xml|!doctype|!--|[a-z][\w:.-]*[\s>/])", re.IGNORECASE)
_HTML_TAGS = re.compile(
    r"<(?:!doctype\s+html|html|head|body|div|span|p|table|script|style|meta|a\s|br|h[1-6])[\s>/]",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes) -> tuple[str, str]:
    """The text and its encoding: a BOM's, else UTF-8, else Windows-1252 / Latin-1 — the
    last two only when the result reads as text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.removesuffix("-sig")
            except UnicodeDecodeError:
                raise UnreadableDocument(
                    f"The file says it is {encoding.upper()} text but its bytes do not decode; "
                    "save it again as UTF-8 text."
                ) from None
    if b"\x00" in data:
        guessed = _utf16_without_bom(data)
        if guessed:
            return guessed
        raise UnsupportedFormat(
            "The file is binary data, not a document we read; upload a PDF, DOCX or TXT resume."
        )
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _reads_as_text(text):
            return text, encoding
        break
    raise UnsupportedFormat(
        "The file is binary data, not a document we read; upload a PDF, DOCX or TXT resume."
    )


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text written without a BOM: the high byte of nearly every character is NUL."""
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    for encoding, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high.count(0) >= 0.9 * len(high) and low.count(0) <= 0.05 * len(low):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return (text, encoding) if _reads_as_text(text) else None
    return None


def _reads_as_text(text: str) -> bool:
    sample = text[:200_000]
    if not sample:
        return True
    controls = len(_CONTROL.findall(sample))
    odd = sum(1 for ch in sample if not (ch.isprintable() or ch in "\n\r\t\f"))
    return controls <= len(sample) * 0.001 + 2 and odd <= len(sample) * 0.02


def refuse_non_prose(text: str) -> None:
    """HTML, SVG and other XML, and JSON are 415 even when sent as text."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    if _MARKUP.match(head) or re.search(r"<(?:html|svg|script)[\s>]", head[:1024], re.I):
        lowered = head.lower()
        if "<svg" in lowered:
            kind = "an SVG image"
        elif _HTML_TAGS.search(head):
            kind = "an HTML page"
        else:
            kind = "XML data"
        raise UnsupportedFormat(
            f"The file is {kind}, not a document we read; upload the resume as PDF, DOCX or TXT."
        )
    if head[:1] in ("{", "["):
        try:
            json.loads(text)
        except ValueError:
            return
        raise UnsupportedFormat(
            "The file is JSON data, not a document we read; upload the resume as PDF, DOCX or TXT."
        )
    if re.match(r"(?:MIME-Version:|Content-Type:\s*multipart/)", head, re.IGNORECASE):
        raise UnsupportedFormat(
            "The file is an e-mail or a saved web page (MIME), not a document we read; upload "
            "the resume as PDF, DOCX or TXT."
        )
    if re.search(r"\\documentclass|\\begin\{document\}", head):
        raise UnsupportedFormat("The file is LaTeX source; upload the PDF it produces instead.")
    if head.startswith("#!"):
        raise UnsupportedFormat(
            "The file is a script, not a document we read; upload a PDF, DOCX or TXT resume."
        )


def has_words(text: str) -> bool:
    return any(ch.isalpha() for ch in text)
