"""inspect_document: the format by content, and a sentence for every refusal (415 / 422)."""

from __future__ import annotations

import io
import time
import zipfile

import docx
import pytest
from PIL import Image

from peoplelens.documents.formats import (
    MIME_TYPES,
    UnreadableDocument,
    UnsupportedFormat,
    inspect_document,
)
from tests.documents.render import (
    docx_bytes,
    encrypted,
    pdf_lines,
    pdf_shapes,
    zipped,
)

RESUME = ["Jane Doe", "jane@example.com", "## Experience", "Nurse at St. Mary's, 2019 – present"]
ODT_CONTENT = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    b' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
    b"<text:h>Jane Doe</text:h><text:p>Skills: Python</text:p></office:text></office:body>"
    b"</office:document-content>"
)


def a_docx(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    return docx_bytes(document)


def without(data: bytes, member: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    return zipped({n: source.read(n) for n in source.namelist() if n != member})


def office(main: str, content_type: str) -> bytes:
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'content-types"><Override PartName="/{main}" ContentType="{content_type}"/></Types>'
    )
    return zipped({"[Content_Types].xml": types.encode(), main: b"<x/>"})


def refused(data: bytes) -> str:
    with pytest.raises(UnsupportedFormat) as caught:
        inspect_document(data)
    assert caught.value.status == 415
    return caught.value.message


def unreadable(data: bytes) -> str:
    with pytest.raises(UnreadableDocument) as caught:
        inspect_document(data)
    assert caught.value.status == 422
    return caught.value.message


class TestAccepted:
    def test_pdf(self) -> None:
        found = inspect_document(pdf_lines(RESUME))
        assert (found.format, found.mime_type, found.pages) == ("pdf", "application/pdf", 1)

    def test_pdf_header_after_junk(self) -> None:
        assert inspect_document(b"\r\n junk \n" + pdf_lines(RESUME)).format == "pdf"

    def test_pdf_with_owner_password_only_opens(self) -> None:
        assert inspect_document(encrypted(pdf_lines(RESUME), "", "owner")).format == "pdf"

    def test_docx(self) -> None:
        found = inspect_document(a_docx("Jane Doe", "Python developer"))
        assert (found.format, found.mime_type) == ("docx", MIME_TYPES["docx"])

    @pytest.mark.parametrize(
        ("data", "encoding"),
        [
            ("Jane Müller\nPflegefachkraft".encode(), "utf-8"),
            ("\ufeffJane Müller".encode(), "utf-8"),
            ("Jane Müller – Köln".encode("utf-16"), "utf-16-le"),
            ("Jane Müller – Köln".encode("cp1252"), "cp1252"),
            ("Jane Muller, Koln".encode("utf-16-le"), "utf-16-le"),
        ],
    )
    def test_txt_encodings(self, data: bytes, encoding: str) -> None:
        found = inspect_document(data)
        assert (found.format, found.encoding) == ("txt", encoding)

    def test_rtf(self) -> None:
        rtf = rb"{\rtf1\ansi{\fonttbl{\f0 Arial;}}\f0 Jane Doe\par Nurse\par}"
        assert inspect_document(rtf).mime_type == "application/rtf"

    def test_odt(self) -> None:
        data = zipped(
            {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": ODT_CONTENT}
        )
        assert inspect_document(data).format == "odt"


class TestUnsupported:
    @pytest.mark.parametrize(
        ("data", "says"),
        [
            (b"\x7fELF\x02\x01\x01" + bytes(200), "executable program (ELF)"),
            (b"MZ\x90\x00\x03" + bytes(200), "Windows program"),
            (b"\xcf\xfa\xed\xfe" + bytes(200), "macOS program"),
            (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image"),
            (b"\xff\xd8\xff\xe0" + bytes(100), "JPEG image"),
            (b"\x1f\x8b\x08" + bytes(50), "gzip archive"),
            (bytes(range(256)) * 4, "binary data"),
        ],
    )
    def test_binaries_renamed_pdf(self, data: bytes, says: str) -> None:
        assert says in refused(data)

    def test_image_points_to_ocr(self) -> None:
        assert "OCR is not available" in refused(b"\x89PNG\r\n\x1a\n" + bytes(100))

    @pytest.mark.parametrize(
        ("text", "says"),
        [
            ("<!DOCTYPE html><html><body><p>Jane Doe</p></body></html>", "an HTML page"),
            ("\ufeff  \n<html lang='en'><head></head></html>", "an HTML page"),
            ('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>', "SVG"),
            ('<svg width="10"><text>Jane</text></svg>', "SVG"),
            ('<?xml version="1.0"?><resume><name>Jane</name></resume>', "XML data"),
            ('{"basics": {"name": "Jane Doe"}}', "JSON data"),
            ("#!/bin/sh\nrm -rf /\n", "a script"),
            ("MIME-Version: 1.0\nContent-Type: multipart/related", "saved web page"),
            ("\\documentclass{moderncv}\n\\begin{document}", "LaTeX source"),
        ],
    )
    def test_markup_and_data_sent_as_text(self, text: str, says: str) -> None:
        assert says in refused(text.encode())

    def test_old_word_doc(self) -> None:
        ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
        assert "(.doc)" in refused(ole)

    @pytest.mark.parametrize(
        ("data", "says"),
        [
            (
                office(
                    "xl/workbook.xml",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                ),
                "spreadsheet",
            ),
            (
                office(
                    "ppt/presentation.xml",
                    "application/vnd.openxmlformats-officedocument.presentationml."
                    "presentation.main+xml",
                ),
                "presentation",
            ),
            (
                office(
                    "word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"
                ),
                "macro-enabled",
            ),
            (zipped({"resume.pdf": b"%PDF-1.4", "notes.txt": b"hi"}), "a ZIP archive"),
            (zipped({"META-INF/MANIFEST.MF": b"Manifest-Version: 1.0", "A.class": b"x"}), "Java"),
            (
                zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
                "OpenDocument spreadsheet",
            ),
        ],
    )
    def test_other_zips(self, data: bytes, says: str) -> None:
        assert says in refused(data)


class TestUnreadable:
    def test_empty(self) -> None:
        assert unreadable(b"") == "The file is empty."
        assert "blank" in unreadable(b" \n\t\r\n")

    def test_encrypted_pdf(self) -> None:
        message = unreadable(encrypted(pdf_lines(RESUME), "secret"))
        assert "password-protected" in message and "upload it again" in message

    @pytest.mark.parametrize(
        "data",
        [b"%PDF-1.7\n" + b"\x00garbage" * 50, pdf_lines(RESUME)[:400]],
        ids=["garbage", "truncated"],
    )
    def test_corrupt_pdf(self, data: bytes) -> None:
        assert "damaged" in unreadable(data)

    def test_scanned_pdf(self) -> None:
        message = unreadable(pdf_shapes())
        assert "no text layer" in message and "OCR is not available" in message

    def test_corrupt_zip(self) -> None:
        assert "ZIP structure is damaged" in unreadable(b"PK\x03\x04" + b"\x01garbage" * 40)

    def test_truncated_docx(self) -> None:
        data = a_docx("Jane Doe", "Python developer")
        assert "damaged" in unreadable(data[: len(data) // 2])

    def test_zip_bomb_by_ratio(self) -> None:
        bomb = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes(40 << 20)})
        assert len(bomb) < 200_000
        started = time.monotonic()
        assert "zip bomb" in unreadable(bomb)
        assert time.monotonic() - started < 0.5  # judged from the directory, nothing inflated

    def test_zip_bomb_by_total_size(self) -> None:
        bomb = zipped({f"word/media/{i}.bin": bytes(1 << 20) for i in range(210)})
        assert "zip bomb" in unreadable(bomb)

    def test_zip_bomb_by_entries(self) -> None:
        assert "zip bomb" in unreadable(zipped({f"word/{i}.xml": b"" for i in range(2500)}))

    def test_docx_without_document_xml(self) -> None:
        data = without(a_docx("Jane Doe"), "word/document.xml")
        assert "word/document.xml" in unreadable(data)

    def test_docx_without_content_types(self) -> None:
        data = without(a_docx("Jane Doe"), "[Content_Types].xml")
        assert "[Content_Types].xml" in unreadable(data)

    def test_encrypted_zip(self) -> None:
        data = bytearray(a_docx("Jane Doe"))
        # Set the "encrypted" flag of every entry, as a password-protected ZIP has it.
        for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            at = data.find(signature)
            while at != -1:
                data[at + offset] |= 0x01
                at = data.find(signature, at + 4)
        assert "password-protected" in unreadable(bytes(data))

    def test_docx_with_images_only(self) -> None:
        picture = io.BytesIO()
        Image.new("RGB", (40, 40), "white").save(picture, "PNG")
        document = docx.Document()
        document.add_picture(io.BytesIO(picture.getvalue()))
        assert "no text" in unreadable(docx_bytes(document))

    def test_docx_with_entity_expansion(self) -> None:
        laughs = (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
        )
        data = a_docx("Jane Doe")
        source = zipfile.ZipFile(io.BytesIO(data))
        members = {n: source.read(n) for n in source.namelist()}
        members["word/document.xml"] = laughs
        assert "DTD" in unreadable(zipped(members))

    def test_password_protected_word_file(self) -> None:
        ole = (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64) + "EncryptedPackage".encode("utf-16-le")
        )
        assert "password-protected" in unreadable(ole)

    def test_text_without_words(self) -> None:
        assert "no words" in unreadable(b"12345 67890 --- ...")

    def test_rtf_without_text(self) -> None:
        assert "no text" in unreadable(rb"{\rtf1\ansi{\fonttbl{\f0 Arial;}}}")
