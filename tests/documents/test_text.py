"""extract_text: reading order of PDFs (two columns, date columns), DOCX paragraphs and tables
in document order with headers, footers, text boxes and links, ODT, RTF, TXT, and the bounds."""

from __future__ import annotations

import io
import time

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from peoplelens.documents import pdf
from peoplelens.documents.errors import UnreadableDocument
from peoplelens.documents.text import MAX_CHARS, clean, extract_text
from tests.documents import samples
from tests.documents.render import docx_bytes, pdf_columns, pdf_lines, zipped

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def text_lines(text: str) -> list[str]:
    return [ln for ln in text.split("\n") if ln.strip()]


def contiguous(text: str, block: list[str]) -> bool:
    """The block's lines appear in the text in order, with nothing between them."""
    lines = text_lines(text)
    wanted = [ln.removeprefix("## ") for ln in block if ln.strip()]
    first = lines.index(wanted[0])
    return lines[first : first + len(wanted)] == wanted


def docx_with_body(body: str, rels: str = "", header: str | None = None) -> bytes:
    """A minimal DOCX around raw WordprocessingML, for what python-docx cannot write."""
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    package_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    if header is not None:
        rels += (
            '<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/header" Target="header1.xml"/>'
        )
    members = {
        "[Content_Types].xml": types.encode(),
        "_rels/.rels": package_rels.encode(),
        "word/document.xml": (
            f'<w:document xmlns:w="{W}" xmlns:r="{R}" xmlns:mc="http://schemas.openxmlformats.org'
            f'/markup-compatibility/2006"><w:body>{body}</w:body></w:document>'
        ).encode(),
        "word/_rels/document.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{rels}</Relationships>"
        ).encode(),
    }
    if header is not None:
        members["word/header1.xml"] = f'<w:hdr xmlns:w="{W}">{header}</w:hdr>'.encode()
    return zipped(members)


def p(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


class TestPdfReadingOrder:
    def test_left_sidebar_and_main_column_are_not_interleaved(self) -> None:
        text = extract_text(pdf_columns(samples.HEADER, samples.SIDEBAR, samples.MAIN), "pdf")
        assert text_lines(text)[:2] == ["Maria Schneider", "Senior Backend Engineer"]
        assert contiguous(text, samples.SIDEBAR)
        assert contiguous(text, samples.MAIN)

    def test_right_sidebar(self) -> None:
        data = pdf_columns(samples.HEADER, samples.SIDEBAR, samples.MAIN, sidebar_right=True)
        text = extract_text(data, "pdf")
        assert contiguous(text, samples.SIDEBAR)
        assert contiguous(text, samples.MAIN)

    def test_main_column_continued_on_page_two_follows_it(self) -> None:
        jobs = [f"Engineer {i}, Company {i}" for i in range(70)]
        main = ["## EXPERIENCE", *jobs]
        text = extract_text(pdf_columns(samples.HEADER, samples.SIDEBAR, main), "pdf")
        lines = text_lines(text)
        assert lines.index("Engineer 69, Company 69") > lines.index("Spanish – basic")
        assert [ln for ln in lines if ln.startswith("Engineer")] == jobs

    def test_both_columns_going_on_to_page_two_keep_the_main_one_whole(self) -> None:
        buffer = io.BytesIO()
        page = canvas.Canvas(buffer, pagesize=A4)
        for number, side in (
            (1, ["SKILLS", "Excel", "SAP", "Forklift"]),
            (2, ["HOBBIES", "Chess", "Running"]),
        ):
            y = 780.0
            for text in side:
                page.drawString(40, y, text)
                y -= 14
            y = 780.0
            for i in range(12):
                page.drawString(220, y, f"Main line {number}.{i} of the experience")
                y -= 14
            page.showPage()
        page.save()
        lines = text_lines(extract_text(buffer.getvalue(), "pdf"))
        main = [f"Main line {n}.{i} of the experience" for n in (1, 2) for i in range(12)]
        start = lines.index(main[0])
        assert lines[start : start + 24] == main
        assert lines[:4] == ["SKILLS", "Excel", "SAP", "Forklift"]
        assert lines[-3:] == ["HOBBIES", "Chess", "Running"]

    def test_a_column_of_dates_stays_with_its_entries(self) -> None:
        buffer = io.BytesIO()
        page = canvas.Canvas(buffer, pagesize=A4)
        y = 750
        for dates, title, detail in [
            ("2019 – 2023", "Senior Engineer, Acme", "Built the billing platform."),
            ("2015 – 2019", "Engineer, Initech", "Kept the reports running."),
            ("2012 – 2015", "Junior Engineer, Globex", "Wrote the first tests."),
        ]:
            page.drawString(50, y, dates)
            page.drawString(160, y, title)
            page.drawString(160, y - 14, detail)
            y -= 60
        page.save()
        lines = text_lines(extract_text(buffer.getvalue(), "pdf"))
        assert lines[:2] == ["2019 – 2023\tSenior Engineer, Acme", "Built the billing platform."]
        assert "2015 – 2019\tEngineer, Initech" in lines

    def test_a_two_column_list_inside_a_one_column_page_stays_in_its_section(self) -> None:
        buffer = io.BytesIO()
        page = canvas.Canvas(buffer, pagesize=A4)
        y = 800.0
        above = [
            "EXPERIENCE",
            "Operations Manager, Acme Logistics, 2018 - present",
            "Ran a distribution centre with 120 staff across three shifts and two sites in Leeds.",
        ]
        for text in [*above, "SKILLS"]:
            page.drawString(50, y, text)
            y -= 16
        grid = [("Inventory management", "Forklift"), ("Lean", "SAP"), ("Leadership", "Excel")]
        for left, right in grid:
            page.drawString(60, y, left)
            page.drawString(320, y, right)
            y -= 14
        below = [
            "EDUCATION",
            "BSc Logistics, University of Leeds, with a dissertation on warehouse robots, 2015",
        ]
        for text in below:
            page.drawString(50, y, text)
            y -= 16
        page.save()
        lines = text_lines(extract_text(buffer.getvalue(), "pdf"))
        skills, education = lines.index("SKILLS"), lines.index("EDUCATION")
        assert lines[:skills] == above
        assert sorted(lines[skills + 1 : education]) == sorted(s for row in grid for s in row)
        assert lines[education:] == below

    def test_words_of_one_line_stay_one_line(self) -> None:
        text = extract_text(pdf_lines(["Led a team of five engineers across two sites."]), "pdf")
        assert text == "Led a team of five engineers across two sites."

    def test_page_limit(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(pdf, "MAX_PAGES", 3)
        data = pdf_lines([f"Marker {i}" + "\n" * 0 for i in range(400)])
        text = extract_text(data, "pdf")
        assert "Marker 0" in text and "Marker 399" not in text

    def test_two_pages_parse_fast(self) -> None:
        data = pdf_columns(samples.HEADER, samples.SIDEBAR, samples.MAIN * 3)
        started = time.monotonic()
        extract_text(data, "pdf")
        assert time.monotonic() - started < 2.0

    def test_scan_is_unreadable(self) -> None:
        from tests.documents.render import pdf_shapes

        with pytest.raises(UnreadableDocument, match="no text layer"):
            extract_text(pdf_shapes(), "pdf")


class TestDocx:
    def test_paragraphs_and_tables_in_document_order(self) -> None:
        document = docx.Document()
        document.add_paragraph("Jane Doe")
        document.add_heading("Skills", level=1)
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Python", "Expert"
        table.cell(1, 0).text, table.cell(1, 1).text = "Excel", "Advanced"
        document.add_heading("Experience", level=1)
        layout = document.add_table(rows=1, cols=2)
        layout.cell(0, 0).text = "2019 – present"
        layout.cell(0, 1).text = "Nurse, St. Mary's"
        layout.cell(0, 1).add_paragraph("Cared for twelve patients per shift.")
        document.add_paragraph("References on request")
        lines = text_lines(extract_text(docx_bytes(document), "docx"))
        assert lines == [
            "Jane Doe",
            "Skills",
            "Python\tExpert",
            "Excel\tAdvanced",
            "Experience",
            "2019 – present",
            "Nurse, St. Mary's",
            "Cared for twelve patients per shift.",
            "References on request",
        ]

    def test_merged_cells_are_read_once(self) -> None:
        document = docx.Document()
        table = document.add_table(rows=2, cols=3)
        table.cell(0, 0).merge(table.cell(0, 2)).text = "EXPERIENCE"
        table.cell(1, 0).text = "2020"
        lines = text_lines(extract_text(docx_bytes(document), "docx"))
        assert lines.count("EXPERIENCE") == 1

    def test_header_and_footer_come_first(self) -> None:
        document = docx.Document()
        document.sections[0].header.paragraphs[0].text = "jane@example.com | +44 20 7946 0958"
        document.sections[0].footer.paragraphs[0].text = "Jane Doe – Resume"
        document.add_paragraph("Summary")
        lines = text_lines(extract_text(docx_bytes(document), "docx"))
        assert lines == ["jane@example.com | +44 20 7946 0958", "Jane Doe – Resume", "Summary"]

    def test_list_paragraphs_are_bullets(self) -> None:
        document = docx.Document()
        document.add_paragraph("Led the night shift", style="List Bullet")
        assert extract_text(docx_bytes(document), "docx") == "• Led the night shift"

    def test_text_box_once_placeholder_never_deleted_text_never(self) -> None:
        body = (
            p("Jane Doe") + "<w:p><w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing>"
            "<w:txbxContent>" + p("Skills: Python") + "</w:txbxContent></w:drawing></mc:Choice>"
            "<mc:Fallback><w:pict><w:txbxContent>" + p("Skills: Python") + "</w:txbxContent>"
            "</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
            "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
            + p("[Your phone]")
            + "</w:sdtContent></w:sdt><w:sdt><w:sdtPr/><w:sdtContent>"
            + p("Berlin")
            + "</w:sdtContent></w:sdt>"
            "<w:p><w:r><w:t>Nurse</w:t></w:r><w:del><w:r><w:delText> (retired)</w:delText>"
            "</w:r></w:del><w:r><w:tab/><w:t>2019</w:t></w:r></w:p>"
        )
        lines = text_lines(extract_text(docx_with_body(body), "docx"))
        assert lines == ["Jane Doe", "Skills: Python", "Berlin", "Nurse\t2019"]

    def test_linkedin_behind_a_label_is_kept(self) -> None:
        rels = (
            '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/hyperlink" Target="https://www.linkedin.com/in/jane-doe-42/" '
            'TargetMode="External"/>'
        )
        body = p("Jane Doe") + '<w:p><w:hyperlink r:id="rId9"><w:r><w:t>LinkedIn</w:t></w:r>'
        body += "</w:hyperlink></w:p>"
        text = extract_text(docx_with_body(body, rels), "docx")
        assert text_lines(text)[0] == "https://www.linkedin.com/in/jane-doe-42/"

    def test_header_part_of_a_handmade_docx(self) -> None:
        data = docx_with_body(p("Body"), header=p("+49 170 1234567"))
        assert text_lines(extract_text(data, "docx")) == ["+49 170 1234567", "Body"]


class TestOtherFormats:
    def test_odt(self) -> None:
        content = (
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:'
            '1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:'
            'oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>'
            "<text:h>Jane<text:s/>Doe</text:h><text:list><text:list-item><text:p>Python"
            "</text:p></text:list-item></text:list><table:table><table:table-row>"
            "<table:table-cell><text:p>English</text:p></table:table-cell><table:table-cell>"
            "<text:p>C1</text:p></table:table-cell></table:table-row></table:table>"
            "<office:annotation><text:p>a comment</text:p></office:annotation>"
            "</office:text></office:body></office:document-content>"
        )
        data = zipped(
            {
                "mimetype": b"application/vnd.oasis.opendocument.text",
                "content.xml": content.encode(),
            }
        )
        assert text_lines(extract_text(data, "odt")) == ["Jane Doe", "• Python", "English\tC1"]

    def test_rtf(self) -> None:
        rtf = (
            rb"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}\f0 J\'fcrgen M\'fcller\par Pflege\par}"
        )
        assert text_lines(extract_text(rtf, "rtf")) == ["Jürgen Müller", "Pflege"]

    def test_txt_is_decoded_and_cleaned(self) -> None:
        data = "\ufeffJane\u00a0Doe\r\n\r\n\r\n\r\nSkills      Python\u200b, Go".encode()
        assert extract_text(data, "txt") == "Jane Doe\n\nSkills\tPython, Go"

    def test_character_limit(self) -> None:
        text = extract_text(("word " * 100_000).encode(), "txt")
        assert len(text) <= MAX_CHARS


def test_clean() -> None:
    assert (
        clean("of\ufb01ce \uf0e0 jane@x.org\x0c\tnext  \t  col") == "office jane@x.org\n\nnext\tcol"
    )


class TestPdfBounds:
    def test_a_form_with_labels_is_read_row_by_row(self) -> None:
        buffer = io.BytesIO()
        page = canvas.Canvas(buffer, pagesize=A4)
        y = 750
        rows = [
            ("First name(s) / Surname(s)", "Anna Kowalska"),
            ("Telephone(s)", "+48 22 123 45 67"),
            ("Dates", "October 2018 – present"),
            ("Occupation or position held", "Quality Assurance Engineer"),
            ("Mother tongue(s)", "Polish"),
        ]
        for label, value in rows:
            page.drawRightString(190, y, label)
            page.drawString(200, y, value)
            y -= 14
        page.save()
        lines = text_lines(extract_text(buffer.getvalue(), "pdf"))
        assert lines == [f"{label}\t{value}" for label, value in rows]

    def test_a_page_drawing_too_much_is_skipped_quickly(self) -> None:
        buffer = io.BytesIO()
        page = canvas.Canvas(buffer, pagesize=A4)
        for i in range(6000):  # scattered words: the worst case of layout analysis
            page.drawString((i * 37) % 560, (i * 53) % 800, f"word{i}")
        page.showPage()
        page.drawString(50, 700, "Jane Doe, nurse")
        page.save()
        started = time.monotonic()
        assert extract_text(buffer.getvalue(), "pdf") == "Jane Doe, nurse"
        assert time.monotonic() - started < 5

    def test_running_heads_are_kept_once(self) -> None:
        buffer = io.BytesIO()
        page = canvas.Canvas(buffer, pagesize=A4)
        for number in (1, 2, 3):
            page.drawString(50, 800, "Jane Doe – jane@example.com")
            page.drawString(50, 700, f"Body of page {number}")
            page.drawString(50, 40, f"Page {number} of 3")
            page.showPage()
        page.save()
        lines = text_lines(extract_text(buffer.getvalue(), "pdf"))
        assert lines == [
            "Jane Doe – jane@example.com",
            "Body of page 1",
            "Body of page 2",
            "Body of page 3",
        ]

    def test_linkedin_link_behind_a_label(self) -> None:
        buffer = io.BytesIO()
        page = canvas.Canvas(buffer, pagesize=A4)
        page.drawString(50, 800, "Jane Doe")
        page.drawString(50, 780, "LinkedIn")
        page.linkURL("https://www.linkedin.com/in/jane-doe-1/", (50, 775, 100, 790))
        page.save()
        text = extract_text(buffer.getvalue(), "pdf")
        assert text_lines(text) == [
            "https://www.linkedin.com/in/jane-doe-1/",
            "Jane Doe",
            "LinkedIn",
        ]
