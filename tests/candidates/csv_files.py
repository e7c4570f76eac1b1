"""CSV files as real programs write them, made by the tests (no fixture files to drift)."""

from __future__ import annotations

import codecs
import csv
import io
import uuid
from collections.abc import Iterator, Sequence

HEADER = ("first_name", "last_name", "email")


def people(n: int, *, start: int = 0, tag: str | None = None) -> Iterator[list[str]]:
    """``n`` distinct valid rows (first, last, e-mail); ``tag`` keeps e-mails unique per test."""
    tag = tag or uuid.uuid4().hex[:8]
    for i in range(start, start + n):
        yield [f"First{i}", f"Last{i}", f"p{i}.{tag}@example.com"]


def csv_text(rows: Sequence[Sequence[str]], *, delimiter: str = ",", newline: str = "\r\n") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerows(rows)
    return buffer.getvalue()


def utf8(rows: Sequence[Sequence[str]], *, bom: bool = False, delimiter: str = ",") -> bytes:
    """Excel's "CSV UTF-8" has the BOM; most other programs write none."""
    data = csv_text(rows, delimiter=delimiter).encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data


def excel_unicode_text(rows: Sequence[Sequence[str]]) -> bytes:
    """Excel's "Unicode Text": UTF-16 LE with its BOM, tab-separated, CRLF."""
    return codecs.BOM_UTF16_LE + csv_text(rows, delimiter="\t").encode("utf-16-le")


def windows_1252(rows: Sequence[Sequence[str]], *, delimiter: str = ";") -> bytes:
    """Excel's plain "CSV" on a Western European Windows: cp1252, semicolons (a comma is the
    decimal separator there)."""
    return csv_text(rows, delimiter=delimiter).encode("cp1252")
