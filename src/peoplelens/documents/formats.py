"""What an upload is, judged by its content — magic bytes and ZIP structure, never its name or
the client's content type — and whether it can be read at all.

:func:`inspect_document` runs inside the upload request (files up to 10 MiB), so it checks
cheaply: a PDF's structure, encryption and a text layer on its first pages; a ZIP's central
directory before anything is inflated, then the main part's first words. A format we do not
read raises :class:`UnsupportedFormat` (415); a file of a format we read that cannot be read
raises :class:`UnreadableDocument` (422). Both carry a sentence the person can act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from peoplelens.documents import opendoc, plaintext, wordml
from peoplelens.documents.errors import UnreadableDocument, UnsupportedFormat
from peoplelens.documents.package import Package, PackageError
from peoplelens.documents.pdf import inspect_pdf
from peoplelens.documents.rtf import rtf_text
from peoplelens.documents.xmlsafe import XMLRefused

__all__ = [
    "MIME_TYPES",
    "Inspection",
    "UnreadableDocument",
    "UnsupportedFormat",
    "inspect_document",
]

Format = Literal["pdf", "docx", "txt", "rtf", "odt"]
MIME_TYPES: Final[dict[str, str]] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain",
    "rtf": "application/rtf",
    "odt": opendoc.ODT_TYPE,
}
_ACCEPTED = "upload the resume as PDF, DOCX or TXT"
# Signatures at offset 0 of formats that are never a resume we read.
_MAGIC: Final = (
    (b"\x7fELF", "an executable program (ELF)"),
    (b"MZ", "a Windows program (EXE or DLL)"),
    (b"\xfe\xed\xfa\xce", "a macOS program (Mach-O)"),
    (b"\xfe\xed\xfa\xcf", "a macOS program (Mach-O)"),
    (b"\xce\xfa\xed\xfe", "a macOS program (Mach-O)"),
    (b"\xcf\xfa\xed\xfe", "a macOS program (Mach-O)"),
    (b"\xca\xfe\xba\xbe", "a macOS program or Java class file"),
    (b"\x00asm", "a WebAssembly program"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "an icon image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"%!PS", "a PostScript file"),
    (b"OggS", "an audio or video file"),
    (b"fLaC", "an audio file"),
    (b"ID3", "an audio file (MP3)"),
)
_IMAGE_HINT = "OCR is not available: upload the resume as a PDF with selectable text, DOCX or TXT"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Inspection:
    format: Format
    mime_type: str
    pages: int | None = None  # PDFs
    encoding: str | None = None  # TXT: the encoding it was decoded with


def inspect_document(data: bytes) -> Inspection:
    if not data:
        raise UnreadableDocument("The file is empty.")
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise UnreadableDocument("The file contains only blank space.")
    _refuse_known_binaries(data)
    if b"%PDF-" in data[:1024]:
        return Inspection("pdf", MIME_TYPES["pdf"], pages=inspect_pdf(data))
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
        return _inspect_zip(data)
    if data.lstrip()[:5] == b"{\\rtf":
        _check_rtf(data)
        return Inspection("rtf", MIME_TYPES["rtf"])
    text, encoding = plaintext.decode(data)
    plaintext.refuse_non_prose(text)
    if not plaintext.has_words(text):
        raise UnreadableDocument("The file has no words in it.")
    return Inspection("txt", MIME_TYPES["txt"], encoding=encoding)


def _refuse_known_binaries(data: bytes) -> None:
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise UnreadableDocument(
                "This Word document is password-protected, so its text cannot be read. Remove "
                "the password (File › Info › Protect Document) and upload it again."
            )
        raise UnsupportedFormat(
            "The file is an old Word 97–2003 document (.doc) or another old Office file; open "
            "it in Word, save it as DOCX or PDF and upload that."
        )
    kind = next((k for magic, k in _MAGIC if data.startswith(magic)), None)
    if kind is None and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        kind = "a WebP image"
    if kind is None and data[4:8] == b"ftyp":
        kind = "an image or video (HEIC, AVIF or MP4)"
    if kind is None and data[:2] == b"BM" and data[6:10] == b"\x00\x00\x00\x00":
        kind = "a bitmap image"
    if kind is None:
        return
    hint = _IMAGE_HINT if "image" in kind else _ACCEPTED
    raise UnsupportedFormat(f"The file is {kind}, not a document we read; {hint}.")


def open_package(data: bytes) -> Package:
    try:
        return Package(data)
    except PackageError as exc:
        if exc.bomb:
            raise UnreadableDocument(_bomb(exc)) from exc
        raise UnreadableDocument(
            "The file looks like a DOCX or other ZIP-based document, but its ZIP structure is "
            "damaged. Save the document again and upload the new file."
        ) from exc


def _inspect_zip(data: bytes) -> Inspection:
    pkg = open_package(data)
    try:
        return _identify(pkg)
    except PackageError as exc:
        raise UnreadableDocument(package_problem(exc)) from exc
    except XMLRefused as exc:
        raise UnreadableDocument(
            f"The document's XML cannot be read safely ({exc}). Save it again and upload it."
        ) from exc


def _bomb(exc: PackageError) -> str:
    return (
        "The file is a ZIP archive that would expand to far more data than any document holds "
        f"— a zip bomb ({exc}); it was not opened. Upload the resume as an ordinary PDF, DOCX "
        "or TXT file."
    )


def package_problem(exc: PackageError) -> str:
    if exc.bomb:
        return _bomb(exc)
    return "The document is damaged and cannot be read. Save it again and upload the new file."


def _identify(pkg: Package) -> Inspection:
    names = pkg.names()
    if pkg.encrypted():
        raise UnreadableDocument(
            "The file is password-protected (an encrypted ZIP), so it cannot be read. Remove "
            "the password and upload it again."
        )
    if "mimetype" in names:
        declared = pkg.read("mimetype", 256).decode("ascii", "replace").strip()
        if declared == opendoc.ODT_TYPE:
            return _odt(pkg)
        if declared.startswith("application/vnd.oasis.opendocument."):
            kind = declared.rsplit(".", 1)[-1].replace("-", " ")
            raise UnsupportedFormat(
                f"The file is an OpenDocument {kind}, not a text document; {_ACCEPTED}."
            )
        if declared == "application/epub+zip":
            raise UnsupportedFormat(f"The file is an e-book (EPUB); {_ACCEPTED}.")
    types = wordml.content_types(pkg) if "[Content_Types].xml" in names else {}
    kinds = set(types.values())
    if "xl/workbook.xml" in names or any("spreadsheetml" in k or "ms-excel" in k for k in kinds):
        raise UnsupportedFormat(f"The file is a spreadsheet (XLSX), not a document; {_ACCEPTED}.")
    if "ppt/presentation.xml" in names or any("presentationml" in k for k in kinds):
        raise UnsupportedFormat(f"The file is a presentation (PPTX), not a document; {_ACCEPTED}.")
    if wordml.MACRO_TYPE in kinds:
        raise UnsupportedFormat(
            "The file is a macro-enabled Word document (.docm), which is not accepted; save it "
            "as a plain Word document (.docx) and upload that."
        )
    if kinds & set(wordml.TEMPLATE_TYPES):
        raise UnsupportedFormat(
            "The file is a Word template (.dotx); save it as a Word document (.docx) and upload "
            "that."
        )
    if any("wordprocessingml" in k for k in kinds) or any(n.startswith("word/") for n in names):
        return _docx(pkg, types)
    if "META-INF/MANIFEST.MF" in names or "classes.dex" in names:
        raise UnsupportedFormat(
            f"The file is a Java archive or an app, not a document; {_ACCEPTED}."
        )
    raise UnsupportedFormat(
        f"The file is a ZIP archive, not a document; {_ACCEPTED} itself rather than an archive."
    )


def _docx(pkg: Package, types: dict[str, str]) -> Inspection:
    main = wordml.main_part(pkg, types)
    missing = None
    if "[Content_Types].xml" not in pkg.names():
        missing = "its list of parts ([Content_Types].xml)"
    elif main is None or main not in pkg.names():
        missing = "its main document (word/document.xml)"
    if missing or main is None:
        raise UnreadableDocument(
            f"This DOCX is damaged: {missing} is missing. Open it in Word, save it again and "
            "upload the new file."
        )
    if not wordml.docx_has_text(pkg, main):
        raise UnreadableDocument(
            "This DOCX has no text in it — only images or empty pages. OCR is not available: "
            "upload a document with the resume as text."
        )
    return Inspection("docx", MIME_TYPES["docx"])


def _odt(pkg: Package) -> Inspection:
    if "content.xml" not in pkg.names():
        raise UnreadableDocument(
            "This ODT is damaged: its content.xml is missing. Save it again and upload it."
        )
    if opendoc.odt_encrypted(pkg):
        raise UnreadableDocument(
            "This ODT is password-protected; remove the password and upload it again."
        )
    if not opendoc.odt_has_text(pkg):
        raise UnreadableDocument("This ODT has no text in it — only images or empty pages.")
    return Inspection("odt", MIME_TYPES["odt"])


def _check_rtf(data: bytes) -> None:
    # A large RTF is mostly embedded pictures; its first part usually shows the text.
    if len(data) > 1024 * 1024 and plaintext.has_words(rtf_text(data[: 512 * 1024] + b"}")):
        return
    if not plaintext.has_words(rtf_text(data)):
        raise UnreadableDocument("This RTF file has no text in it.")
