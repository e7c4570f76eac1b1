"""How a CSV file of candidates is read: pure rules, no database, streamed at flat memory.

* **Encoding**: a byte-order mark decides (UTF-8 → ``utf-8-sig``; UTF-16 LE/BE, as Excel's
  "Unicode Text" writes it → ``utf-16``); without one the file must be valid UTF-8 (plain
  ASCII is), else it is read as Windows-1252 (Excel's "CSV" on Western Windows) — no
  statistical guessing, so an ASCII file is never mistaken for anything else. A workbook,
  a PDF or any file with NUL bytes is not CSV (415).
* **Delimiter**: the header line's most frequent of comma, semicolon and tab outside quotes
  (comma when it has none).
* **Header**: matched by name through one synonym table (:data:`SYNONYMS`): case, spaces and
  punctuation do not matter (``First Name``, ``first_name``, ``given-name``). A single
  ``Name``/``Full name`` column is split when there is no first/last column. Unknown
  columns are ignored (and reported). No e-mail column, or no name column → 422.
* **Rows** are numbered as a spreadsheet shows them: the file's first line is row 1, a record
  with a quoted newline is one row, a blank line is a row (skipped, never reported). Cells
  are trimmed; an empty cell is "not given".
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any, Final

from peoplelens.candidates.rules import FIELDS
from peoplelens.kit.errors import InvalidRequest, UnsupportedMediaType
from peoplelens.kit.spreadsheet import from_cell

CHUNK: Final = 64 * 1024
DELIMITERS: Final = (",", ";", "\t")
# A cell longer than this is not a candidate's field (the longest, a URL, takes 500).
MAX_CELL: Final = 32 * 1024
FULL_NAME: Final = "name"

# Every field a file may set, by its header names (normalised: see :func:`header_key`).
# The API name of each field is always accepted too.
SYNONYMS: Final[dict[str, tuple[str, ...]]] = {
    "first_name": (
        *("first", "first name", "given name", "given", "forename", "first names"),
        *("vorname", "prénom", "nombre", "nome"),  # de, fr, es, pt
    ),
    "last_name": (
        *("last", "last name", "surname", "family name", "family"),
        *("nachname", "nom", "nom de famille", "apellido", "apellidos", "sobrenome"),
    ),
    "email": ("e-mail", "email address", "e-mail address", "mail", "email id"),
    "phone": (
        "phone number",
        "mobile",
        "mobile phone",
        "mobile number",
        "telephone",
        "tel",
        "cell",
        "cell phone",
        *("telefon", "handy", "téléphone", "teléfono", "telefone"),
    ),
    "linkedin_url": ("linkedin", "linkedin profile", "profile", "profile url"),
    "external_id": ("external id", "ats id", "reference"),
    "job_id": ("job", "job id"),
    "status": (),
    "stage": ("pipeline stage",),
    "metadata": (),
    FULL_NAME: ("full name", "candidate name", "candidate", "full_name"),
}
_MAGIC: Final = (
    (b"PK\x03\x04", "an Excel workbook or another zip file"),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) workbook"),
    (b"%PDF", "a PDF"),
)


def header_key(text: str) -> str:
    """A header cell's lookup key: lower case, letters and digits only."""
    return re.sub(r"[^0-9a-z]+", "", text.replace("\ufeff", "").casefold())


_BY_KEY: Final[dict[str, str]] = {
    header_key(name): target for target, names in SYNONYMS.items() for name in (target, *names)
}
assert {f.name for f in FIELDS} <= set(SYNONYMS), "every candidate field has its header names"


def _not_csv(what: str) -> UnsupportedMediaType:
    return UnsupportedMediaType(
        f"The file is {what}, not a CSV file: save it as CSV (UTF-8) and upload that.",
        param="file",
        code="not_csv",
    )


def detect_encoding(stream: IO[bytes]) -> str:
    """The file's encoding (see the module docstring); reads it once, in chunks, then rewinds."""
    head = stream.read(4)
    stream.seek(0)
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise _not_csv(what)
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        while chunk := stream.read(CHUNK):
            if "\x00" in decoder.decode(chunk):
                raise _not_csv("binary (it holds NUL bytes)")
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise InvalidRequest(
                f"The file starts with a {encoding.upper()} byte-order mark but is not "
                f"{encoding.upper()} text; save it again as CSV (UTF-8).",
                param="file",
                code="invalid_encoding",
            ) from None
        encoding = "cp1252"
    finally:
        stream.seek(0)
    if encoding == "cp1252":
        _check_cp1252(stream)
    return encoding


def _check_cp1252(stream: IO[bytes]) -> None:
    try:
        while chunk := stream.read(CHUNK):
            chunk.decode("cp1252")
    except UnicodeDecodeError:
        raise InvalidRequest(
            "The file is neither UTF-8 nor Windows-1252 text; save it as CSV (UTF-8).",
            param="file",
            code="invalid_encoding",
        ) from None
    finally:
        stream.seek(0)


def text_of(stream: IO[bytes], encoding: str) -> io.TextIOWrapper:
    """The file as text, decoded as it is read (``newline=""``: the csv module handles quoted
    line breaks itself)."""
    return io.TextIOWrapper(stream, encoding=encoding, newline="")


def sniff_delimiter(line: str) -> str:
    """The delimiter of a header line: the most frequent one outside quotes (comma on a tie
    or when there is none)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def first_line(text: IO[str]) -> str:
    """The first non-blank physical line (the header, for sniffing)."""
    for line in text:
        if line.strip():
            return line
    return ""


def records(text: IO[str], delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Every record with its spreadsheet row number (the first line is row 1)."""
    reader = csv.reader(text, delimiter=delimiter, strict=False)
    row = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InvalidRequest(
                f"Row {row + 1} cannot be read as CSV ({exc}).", param="file", code="invalid_csv"
            ) from None
        row += 1
        if any(len(cell) > MAX_CELL for cell in cells):
            raise InvalidRequest(
                f"Row {row} has a cell longer than {MAX_CELL} characters: is the file "
                "really a list of candidates (a quote left open swallows the rest of it)?",
                param="file",
                code="invalid_csv",
            )
        yield row, cells


# Excel's hint line above the header (``sep=;``): it names the delimiter and is no header.
_SEPARATOR_LINE = re.compile(r'^\s*"?sep=(.)"?\s*$', re.IGNORECASE)

# Fields that never hold a line break: one that does was swallowed by a quote left open.
SINGLE_LINE_FIELDS: Final = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "linkedin_url",
    "external_id",
    "job_id",
    "status",
    "stage",
)


def separator_hint(line: str) -> str | None:
    """The delimiter a ``sep=X`` first line names (Excel writes and reads it), else None."""
    found = _SEPARATOR_LINE.match(line.rstrip("\r\n"))
    return found.group(1) if found else None


def spanning_field(values: dict[str, Any]) -> str | None:
    """The first single-line field whose cell holds what looks like further CSV records: a
    line break followed by a line with a delimiter. A quote opened in it and never closed made
    the csv reader take the following lines into it. (A name with a bare line break, as a
    person may have typed it and an export writes it quoted, is imported as it is.)"""
    for name in SINGLE_LINE_FIELDS:
        value = values.get(name)
        if not isinstance(value, str):
            continue
        later = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")[1:]
        if any(d in line for line in later for d in DELIMITERS):
            return name
    return None


def is_blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


@dataclass(frozen=True)
class Columns:
    """Which column holds which field (0-based), from the header row."""

    fields: dict[str, int]
    ignored: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, int]:
        return dict(self.fields)


def map_header(cells: list[str]) -> Columns:
    """The header's columns by field; 422 naming what is missing or clashing."""
    found: dict[str, int] = {}
    ignored: list[str] = []
    for index, cell in enumerate(cells):
        target = _BY_KEY.get(header_key(cell))
        if target is None:
            if cell.strip():
                ignored.append(cell.strip())
            continue
        if target in found:
            raise InvalidRequest(
                f"Columns {found[target] + 1} ('{cells[found[target]].strip()}') and "
                f"{index + 1} ('{cell.strip()}') are both read as '{target}': rename or "
                "remove one of them.",
                param="file",
                code="duplicate_column",
            )
        found[target] = index
    if "email" not in found:
        raise InvalidRequest(
            "The file has no e-mail column: name one header cell 'email' (also read: "
            "'E-mail', 'Email address', 'Mail').",
            param="file",
            code="missing_column",
        )
    has_parts = "first_name" in found or "last_name" in found
    if FULL_NAME in found and has_parts:
        ignored.append(cells[found.pop(FULL_NAME)].strip())
    if not has_parts and FULL_NAME not in found:
        raise InvalidRequest(
            "The file has no name columns: name them 'first_name' and 'last_name' (also "
            "read: 'First Name', 'Given name', 'Surname'…), or one 'Name' column.",
            param="file",
            code="missing_column",
        )
    return Columns(found, ignored)


def split_name(full: str) -> tuple[str, str]:
    """A full name as (first, last): ``Last, First`` as written, else the last word is the
    last name (``Mary Ann Smith`` → ``Mary Ann``, ``Smith``)."""
    if "," in full:
        last, _, first = full.partition(",")
        return first.strip(), last.strip()
    first, _, last = full.strip().rpartition(" ")
    return first.strip(), last.strip()


def row_values(cells: list[str], columns: Columns) -> dict[str, Any]:
    """The values a row gives (API names; an empty cell is not given), ready for the create
    schema: trimmed, the export's apostrophe removed (``kit/spreadsheet.py``), a full name
    split, ``status`` lower-cased, ``metadata`` read as JSON."""
    values: dict[str, Any] = {}
    for name, index in columns.fields.items():
        cell = from_cell(cells[index].strip()) if index < len(cells) else ""
        if cell:
            values[name] = cell
    full = values.pop(FULL_NAME, None)
    if full is not None:
        first, last = split_name(full)
        if first:
            values["first_name"] = first
        if last:
            values["last_name"] = last
    if "status" in values:  # "Hired" as a person writes it is the API's "hired"
        values["status"] = values["status"].lower()
    if "metadata" in values:
        # Not JSON: left as text, and the schema answers that it must be an object.
        with contextlib.suppress(ValueError):
            values["metadata"] = json.loads(values["metadata"])
    return values


@dataclass(frozen=True)
class Inspection:
    """What reading the whole file once told (at upload, before any row is written)."""

    encoding: str
    delimiter: str
    header_row: int
    columns: Columns
    total: int  # data rows, blank ones not counted


def inspect(stream: IO[bytes]) -> Inspection:
    """Judges the file (encoding, delimiter, header) and counts its rows; 415/422 for a file
    that is not a CSV of candidates. Streams: memory stays flat whatever the size."""
    encoding = detect_encoding(stream)
    text = text_of(stream, encoding)
    try:
        line = first_line(text)
        hinted = separator_hint(line)
        delimiter = hinted or sniff_delimiter(line)
        text.seek(0)
        rows = records(text, delimiter)
        if hinted is not None:  # the hint's row is no header: the header is the next one
            next((n for n, cells in rows if not is_blank(cells)), None)
        header: tuple[int, list[str]] | None = next(
            ((n, cells) for n, cells in rows if not is_blank(cells)), None
        )
        if header is None:
            raise InvalidRequest(
                "The file is empty: it needs a header row and a row per candidate.",
                param="file",
                code="empty_file",
            )
        columns = map_header(header[1])
        total = sum(1 for _, cells in rows if not is_blank(cells))
    finally:
        text.detach()
        stream.seek(0)
    if total == 0:
        raise InvalidRequest(
            "The file has a header row but no candidates below it.",
            param="file",
            code="empty_file",
        )
    return Inspection(encoding, delimiter, header[0], columns, total)


def data_rows(
    stream: IO[bytes], encoding: str, delimiter: str, header_row: int, start: int
) -> Iterator[tuple[int, list[str] | None]]:
    """The rows after the header from row ``start`` on, each with its number; a blank row's
    cells are None (it counts as a row, nothing else)."""
    text = text_of(stream, encoding)
    for row, cells in records(text, delimiter):
        if row <= header_row or row < start:
            continue
        yield row, None if is_blank(cells) else cells
