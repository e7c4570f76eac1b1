"""Export of a tenant's candidates (``peoplelens export candidates``): CSV or JSON Lines,
streamed page by page (keyset paging, :data:`PAGE` rows a read), so memory stays flat at any
size.

* **JSONL**: one candidate per line, exactly as the API shows it (``CandidateOut``).
* **CSV**: the same fields as columns (``metadata`` as JSON), UTF-8 **with a BOM** and CRLF
  line ends: Excel opens a BOM-less UTF-8 file as Windows-1252 and garbles every accent; every
  other reader (LibreOffice, Google Sheets, pandas, our import) takes the BOM. Formula-safe:
  a cell a spreadsheet would run gets a leading apostrophe (``kit/spreadsheet.py``), which our
  import removes again — an export imported elsewhere gives the same candidates.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any, Literal

from peoplelens.auth.principal import Principal
from peoplelens.candidates import rules
from peoplelens.candidates.repository import CandidateRepository
from peoplelens.candidates.service import present
from peoplelens.db import Database
from peoplelens.kit.spreadsheet import to_cell

PAGE = 1000
ExportFormat = Literal["csv", "jsonl"]
# The columns of the CSV: the candidate's fields as the API names them (``job_searches`` is
# the job embedded, left to JSONL), from the one field list.
COLUMNS: tuple[str, ...] = ("id", *(f.name for f in rules.FIELDS), "created_at", "updated_at")
BOM = "\ufeff"


def candidates(db: Database, principal: Principal) -> Iterator[dict[str, Any]]:
    """Every candidate of the tenant as JSON shows it, oldest first, one page per read."""
    after = None
    while True:
        with db.read_session() as session:
            page = CandidateRepository(session, principal).export_page(after, PAGE)
            shown = [present(rules.fields_of(c), job).model_dump(mode="json") for c, job in page]
            if page:
                after = (page[-1][0].created_at, page[-1][0].id)
        yield from shown
        if len(page) < PAGE:
            return


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return to_cell(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    return to_cell(str(value))


def lines(db: Database, principal: Principal, fmt: ExportFormat) -> Iterator[str]:
    """The export as text chunks of about 64 KiB (a CSV's first starts with the BOM)."""
    if fmt == "jsonl":
        for item in candidates(db, principal):
            yield json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n"
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow(COLUMNS)
    for item in candidates(db, principal):
        writer.writerow([_cell(item.get(name)) for name in COLUMNS])
        if buffer.tell() >= 64 * 1024:
            yield _taken(buffer)
    yield _taken(buffer)


def _taken(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
