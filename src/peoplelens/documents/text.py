"""The full text of a document, for the parse in the background worker: in reading order, one
line per line of the page, a blank line between paragraphs, a tab between the cells of a row.

The work is bounded so that a hostile file cannot hold the worker: PDFs stop after
``pdf.MAX_PAGES`` pages or ``pdf.MAX_SECONDS``, every format after :data:`MAX_CHARS`
characters, ZIP members are read through capped readers.
"""

from __future__ import annotations

import re
import unicodedata

from peoplelens.documents import opendoc, plaintext, wordml
from peoplelens.documents.errors import UnreadableDocument, UnsupportedFormat
from peoplelens.documents.formats import open_package, package_problem
from peoplelens.documents.package import PackageError
from peoplelens.documents.pdf import pdf_text
from peoplelens.documents.rtf import rtf_text
from peoplelens.documents.xmlsafe import XMLRefused

MAX_CHARS = 200_000

_SPACES = re.compile(r"[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff\ufffe\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Icon fonts (Font Awesome and friends) put their glyphs in the Private Use Area: the envelope
# before an e-mail address, the phone before a number. They read as a separator.
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
# Ligatures (ﬁ) and full-width forms (Ｅｘｃｅｌ): spelled as the letters they are.
_LIGATURES = re.compile(r"[\ufb00-\ufb06\uff01-\uff5e]")


def extract_text(data: bytes, format: str) -> str:
    """``format`` as :func:`~peoplelens.documents.formats.inspect_document` named it. Raises
    :class:`UnreadableDocument` when nothing can be read."""
    if format == "pdf":
        raw = pdf_text(data, MAX_CHARS)
    elif format in ("docx", "odt"):
        raw = _package_text(data, format)
    elif format == "rtf":
        raw = rtf_text(data)
    elif format == "txt":
        raw = plaintext.decode(data)[0]
    else:
        raise UnsupportedFormat(f"Documents of type {format!r} are not read.")
    text = clean(raw)[:MAX_CHARS]
    if not plaintext.has_words(text):
        raise UnreadableDocument("The document has no text in it.")
    return text


def _package_text(data: bytes, format: str) -> str:
    pkg = open_package(data)
    try:
        if format == "odt":
            return opendoc.odt_text(pkg, MAX_CHARS)
        types = wordml.content_types(pkg) if "[Content_Types].xml" in pkg.names() else {}
        main = wordml.main_part(pkg, types)
        if main is None or main not in pkg.names():
            raise UnreadableDocument("This DOCX is damaged: its main document is missing.")
        return wordml.docx_text(pkg, main, MAX_CHARS)
    except PackageError as exc:
        raise UnreadableDocument(package_problem(exc)) from exc
    except XMLRefused as exc:
        raise UnreadableDocument(f"The document's XML cannot be read safely ({exc}).") from exc


def clean(text: str) -> str:
    """One spelling of white space: no invisible characters, ligatures and full-width letters
    spelled out, spaces collapsed (three or more, or a run holding a tab, become one tab), at
    most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n").replace("\x0c", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"[ \u00a0]{3,}", "\t", line)  # aligned with spaces: a column gap
        line = _SPACES.sub(" ", _PRIVATE_USE.sub(" ", line))
        line = re.sub(r" *\t[\t ]*", "\t", line).strip(" \t")
        lines.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
