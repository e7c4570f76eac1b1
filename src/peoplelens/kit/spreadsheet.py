"""The one rule for cells a spreadsheet would run as a formula (CSV injection, OWASP).

A cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some
spreadsheets skip before looking) is a formula to Excel, LibreOffice and Google Sheets.

* **Import** stores such a cell verbatim, as text: a phone ``+44 20 7946 0000`` stays
  ``+44 20 7946 0000``, a name ``=HYPERLINK(…)`` stays that string. Nothing is evaluated, so
  nothing is lost.
* **Export** writes it with a leading apostrophe (``'+44 20 …``): spreadsheets show the
  cell as text and never run it.
* Import removes exactly that one apostrophe again (:func:`from_cell`), so an export read
  back gives the stored value unchanged. A stored value that itself starts with apostrophes
  before a formula character gets one more on export, so the round trip is exact for every
  string.
"""

from __future__ import annotations

from typing import Final

FORMULA_LEADS: Final = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would treat ``text`` as a formula."""
    return text.startswith(FORMULA_LEADS)


def _quoted_formula(text: str) -> bool:
    """``text`` is apostrophes followed by something formula-like (``'=1``, ``''+44``)."""
    stripped = text.lstrip("'")
    return stripped != text and is_formula_like(stripped)


def to_cell(text: str) -> str:
    """``text`` as an exported cell: prefixed with ``'`` where a spreadsheet would run it."""
    if is_formula_like(text) or _quoted_formula(text):
        return "'" + text
    return text


def from_cell(text: str) -> str:
    """An imported cell's value: the apostrophe :func:`to_cell` adds is removed, everything
    else is kept verbatim (a formula-like cell stays text)."""
    if _quoted_formula(text):
        return text[1:]
    return text
