"""RTF text via striprtf (a maintained pure-Python reader: groups, destinations, code pages and
``\\u`` escapes; embedded pictures are skipped)."""

from __future__ import annotations

import logging

from striprtf.striprtf import rtf_to_text

from peoplelens.documents.errors import UnreadableDocument

log = logging.getLogger("peoplelens.documents")

DAMAGED = "This RTF file is damaged and cannot be read. Save it again (or as DOCX) and upload it."


def rtf_text(data: bytes) -> str:
    # RTF is 7-bit text; Latin-1 maps every byte to one character, striprtf decodes the
    # \'hh escapes with the document's own code page.
    try:
        text: str = rtf_to_text(data.decode("latin-1"), errors="ignore")  # type: ignore[no-untyped-call]
    except Exception as exc:  # a third-party parser on untrusted bytes: any failure is the file's
        log.info("document.rtf_unreadable", extra={"error": repr(exc)[:300]})
        raise UnreadableDocument(DAMAGED) from exc
    return text
