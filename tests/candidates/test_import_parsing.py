"""How a CSV file is read (candidates/imports/parsing.py) and the formula rule
(kit/spreadsheet.py): pure, on files made as the programs that write them do."""

from __future__ import annotations

import io

import pytest

from peoplelens.candidates.imports import parsing
from peoplelens.kit.errors import InvalidRequest, UnsupportedMediaType
from peoplelens.kit.spreadsheet import from_cell, to_cell
from tests.candidates.csv_files import HEADER, excel_unicode_text, utf8, windows_1252

ACCENTED = [
    list(HEADER),
    ["Zoë", "Müller", "zoe@example.com"],
    ["José", "Señor €", "j@example.com"],
]


def inspected(data: bytes) -> parsing.Inspection:
    return parsing.inspect(io.BytesIO(data))


def rows_of(data: bytes) -> list[tuple[int, dict[str, object]]]:
    found = inspected(data)
    out = []
    for row, cells in parsing.data_rows(
        io.BytesIO(data), found.encoding, found.delimiter, found.header_row, 0
    ):
        if cells is not None:
            out.append((row, parsing.row_values(cells, found.columns)))
    return out


class TestEncoding:
    def test_utf8_with_bom(self) -> None:
        found = inspected(utf8(ACCENTED, bom=True))
        assert (found.encoding, found.delimiter, found.total) == ("utf-8-sig", ",", 2)
        assert rows_of(utf8(ACCENTED, bom=True))[0][1]["first_name"] == "Zoë"

    def test_plain_ascii_is_utf8(self) -> None:
        assert inspected(utf8([list(HEADER), ["A", "B", "a@example.com"]])).encoding == "utf-8"

    def test_excel_unicode_text_is_utf16_and_tab_separated(self) -> None:
        data = excel_unicode_text(ACCENTED)
        assert data[:2] == b"\xff\xfe"
        found = inspected(data)
        assert (found.encoding, found.delimiter) == ("utf-16", "\t")
        assert [v["last_name"] for _, v in rows_of(data)] == ["Müller", "Señor €"]

    def test_utf16_big_endian(self) -> None:
        data = b"\xfe\xff" + "first_name\tlast_name\temail\r\nZoë\tMüller\tz@x.io\r\n".encode(
            "utf-16-be"
        )
        assert rows_of(data)[0][1]["last_name"] == "Müller"

    def test_windows_1252_is_detected(self) -> None:
        data = windows_1252(ACCENTED)
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        found = inspected(data)
        assert (found.encoding, found.delimiter) == ("cp1252", ";")
        assert [v["first_name"] for _, v in rows_of(data)] == ["Zoë", "José"]
        assert rows_of(data)[1][1]["last_name"] == "Señor €"

    def test_bytes_neither_utf8_nor_cp1252(self) -> None:
        with pytest.raises(InvalidRequest, match="neither UTF-8 nor Windows-1252"):
            inspected(b"first_name,last_name,email\r\nA\x81\xff,B,c@example.com\r\n")

    @pytest.mark.parametrize(
        ("data", "what"),
        [
            (b"PK\x03\x04rest-of-a-workbook", "Excel workbook"),
            (b"%PDF-1.7\n", "PDF"),
            (b"first_name,last_name,email\r\nA\x00,B,c@x.io\r\n", "NUL"),
        ],
    )
    def test_not_csv_is_415(self, data: bytes, what: str) -> None:
        with pytest.raises(UnsupportedMediaType, match=what):
            inspected(data)


class TestShape:
    def test_semicolon_and_tab(self) -> None:
        assert inspected(utf8(ACCENTED, delimiter=";")).delimiter == ";"
        assert inspected(utf8(ACCENTED, delimiter="\t")).delimiter == "\t"

    def test_a_comma_inside_quotes_does_not_decide(self) -> None:
        data = b'Name;E-mail;"Notes, misc, more"\r\n"Doe, Jane";jane@example.com;1\r\n'
        found = inspected(data)
        assert found.delimiter == ";"
        assert found.columns.ignored == ["Notes, misc, more"]
        assert rows_of(data)[0][1] == {
            "first_name": "Jane",
            "last_name": "Doe",
            "email": "jane@example.com",
        }

    def test_rows_are_numbered_as_a_spreadsheet_shows_them(self) -> None:
        """A quoted newline stays in its row; blank lines are rows, skipped; header = 1."""
        data = (
            b"first_name,last_name,email,notes\r\n"
            b'Ann,Lee,ann@example.com,"two\r\nlines"\r\n'
            b"\r\n"
            b",,,\r\n"
            b"Bo,Kim,bo@example.com,\r\n"
        )
        assert inspected(data).total == 2
        rows = rows_of(data)
        assert [row for row, _ in rows] == [2, 5]
        assert inspected(data).columns.ignored == ["notes"]

    def test_blank_lines_before_the_header(self) -> None:
        data = b"\r\n\r\nemail,first name,last name\r\na@example.com,A,B\r\n"
        found = inspected(data)
        assert found.header_row == 3
        assert rows_of(data) == [
            (4, {"email": "a@example.com", "first_name": "A", "last_name": "B"})
        ]

    @pytest.mark.parametrize(
        ("header", "field"),
        [
            ("First Name", "first_name"),
            ("given name", "first_name"),
            ("Forename", "first_name"),
            ("Surname", "last_name"),
            ("Family-Name", "last_name"),
            ("E-mail", "email"),
            ("Email Address", "email"),
            ("Mobile", "phone"),
            ("Telephone", "phone"),
            ("LinkedIn URL", "linkedin_url"),
            ("Profile", "linkedin_url"),
            ("External ID", "external_id"),
            ("Job ID", "job_id"),
        ],
    )
    def test_header_synonyms(self, header: str, field: str) -> None:
        cells = ["first_name", "last_name", "email"]
        target = {"first_name": 0, "last_name": 1, "email": 2}.get(field)
        if target is None:
            cells.append(header)
        else:
            cells[target] = header
        assert field in parsing.map_header(cells).fields

    @pytest.mark.parametrize(
        ("full", "first", "last"),
        [("Mary Ann Smith", "Mary Ann", "Smith"), ("Smith, John", "John", "Smith")],
    )
    def test_full_name_is_split_without_first_and_last(
        self, full: str, first: str, last: str
    ) -> None:
        columns = parsing.map_header(["Full Name", "Email"])
        values = parsing.row_values([full, "x@example.com"], columns)
        assert (values["first_name"], values["last_name"]) == (first, last)

    def test_status_and_metadata(self) -> None:
        columns = parsing.map_header(["first_name", "last_name", "email", "Status", "metadata"])
        values = parsing.row_values(["A", "B", "a@example.com", "Hired", '{"k": [1]}'], columns)
        assert (values["status"], values["metadata"]) == ("hired", {"k": [1]})

    def test_cells_are_trimmed_and_empty_ones_not_given(self) -> None:
        columns = parsing.map_header(["first_name", "last_name", "email", "phone"])
        assert parsing.row_values(["  Ann ", "Lee", " a@example.com ", "  "], columns) == {
            "first_name": "Ann",
            "last_name": "Lee",
            "email": "a@example.com",
        }


class TestRefusals:
    def test_empty_file(self) -> None:
        with pytest.raises(InvalidRequest, match="empty"):
            inspected(b"")

    def test_header_only(self) -> None:
        with pytest.raises(InvalidRequest, match="no candidates"):
            inspected(b"first_name,last_name,email\r\n\r\n")

    def test_no_email_column(self) -> None:
        with pytest.raises(InvalidRequest, match="no e-mail column"):
            inspected(b"first_name,last_name,phone\r\nA,B,1\r\n")

    def test_no_name_column(self) -> None:
        with pytest.raises(InvalidRequest, match="no name columns"):
            inspected(b"email,phone\r\na@example.com,1\r\n")

    def test_two_columns_for_one_field(self) -> None:
        with pytest.raises(InvalidRequest, match="both read as 'email'"):
            inspected(b"first_name,last_name,Email,E-mail\r\nA,B,a@x.io,b@x.io\r\n")

    def test_a_quote_left_open_is_named(self) -> None:
        data = b'first_name,last_name,email\r\n"A,B,a@example.com\r\n' + b"x" * 40_000
        with pytest.raises(InvalidRequest, match="Row 2"):
            inspected(data)


class TestFormulaRule:
    @pytest.mark.parametrize(
        "value", ["=1+1", "+44 20 7946 0000", "-5", "@SUM(A1)", "\tx", "'=x", "''+1"]
    )
    def test_export_quotes_and_import_restores(self, value: str) -> None:
        cell = to_cell(value)
        assert cell.startswith("'")
        assert from_cell(cell) == value

    @pytest.mark.parametrize("value", ["Ann", "'quoted", "", "a=b", "x+1"])
    def test_plain_values_are_untouched(self, value: str) -> None:
        assert to_cell(value) == value
        assert from_cell(value) == value

    def test_import_keeps_a_formula_cell_verbatim(self) -> None:
        columns = parsing.map_header(["first_name", "last_name", "email", "phone"])
        values = parsing.row_values(["=HYPERLINK(1)", "B", "a@example.com", "+44 1"], columns)
        assert values["first_name"] == "=HYPERLINK(1)"
        assert values["phone"] == "+44 1"
