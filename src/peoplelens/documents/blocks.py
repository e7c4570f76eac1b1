"""What the DOCX and ODT readers share: paragraphs and tables collected from XML events, in
document order, as lines of text.

A table row of short cells becomes one line with the cells separated by tabs ("Python\tExpert",
"2019 – 2021\tSenior Engineer"); a row with longer cells (a layout table: a sidebar cell and a
main cell) gives each cell's paragraphs in turn, so a column is never interleaved with its
neighbour line by line.
"""

from __future__ import annotations

import re

BULLET = "• "
_LINKEDIN = re.compile(r"linkedin\.com/(?:in|pub)/", re.IGNORECASE)
PAGE_NUMBER = re.compile(
    r"^(?:(?:page|seite|página|pagina)\s*)?\d{1,3}(?:\s*(?:/|of|von|de|sur|sobre)\s*\d{1,3})?$",
    re.IGNORECASE,
)


class Enough(Exception):
    """Raised from inside the parse once the character limit is reached."""


class Blocks:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.skip = 0  # depth inside a subtree that carries no visible text
        self.paragraphs: list[list[str]] = []  # open paragraphs (text boxes nest them)
        self.bullets: list[bool] = []
        self.containers: list[list[str]] = [[]]  # the document, then open table cells
        self.tables: list[list[list[list[str]]]] = []  # open tables: rows of cells of lines
        self.links: list[str] = []  # hyperlink targets worth keeping (LinkedIn, e-mail)
        self.has_words = False  # any line seen so far, in any container, has a letter
        self.full = False

    @property
    def lines(self) -> list[str]:
        return self.containers[0]

    # -- called by the format's handler ------------------------------------------------
    def text(self, text: str) -> None:
        if self.paragraphs and not self.skip:
            self.paragraphs[-1].append(text)

    def open_paragraph(self) -> None:
        self.paragraphs.append([])
        self.bullets.append(False)

    def mark_bullet(self) -> None:
        if self.bullets:
            self.bullets[-1] = True

    def close_paragraph(self) -> None:
        if not self.paragraphs:
            return
        text = "".join(self.paragraphs.pop()).strip()
        bullet = self.bullets.pop()
        if text:
            self._emit(BULLET + text if bullet and not text.startswith(BULLET) else text)

    def open_table(self) -> None:
        self.tables.append([])

    def open_row(self) -> None:
        if self.tables:
            self.tables[-1].append([])

    def open_cell(self) -> None:
        self.containers.append([])

    def close_cell(self) -> None:
        if len(self.containers) > 1:
            cell = self.containers.pop()
            if self.tables and self.tables[-1]:
                self.tables[-1][-1].append(cell)

    def close_table(self) -> None:
        if not self.tables:
            return
        for row in self.tables.pop():
            cells = [[line for line in cell if line.strip()] for cell in row]
            cells = [cell for cell in cells if cell]
            if len(cells) > 1 and all(len(c) == 1 and len(c[0]) <= 60 for c in cells):
                self._emit("\t".join(c[0] for c in cells))
                continue
            for cell in cells:
                for line in cell:
                    self._emit(line)

    def link(self, target: str) -> None:
        target = target.strip()
        if target.lower().startswith("mailto:") or _LINKEDIN.search(target):
            self.links.append(target)

    def _emit(self, line: str) -> None:
        self.containers[-1].append(line)
        self.size += len(line) + 1
        self.has_words = self.has_words or any(ch.isalpha() for ch in line)
        if self.size > self.limit and not self.full:
            self.full = True  # raised once; closing what is open afterwards just appends
            raise Enough


def missing_links(links: list[str], text: str) -> list[str]:
    """Link targets the visible text does not show (a "LinkedIn" link, an "E-mail me" link)."""
    lowered = text.lower()
    out: list[str] = []
    for link in links:
        link = link.strip()
        if link.lower().startswith("mailto:"):
            link = link[7:].split("?")[0]
        bare = re.sub(r"^https?://(www\.)?", "", link, flags=re.IGNORECASE).rstrip("/").lower()
        if bare and bare not in lowered and link not in out:
            out.append(link)
    return out


def edge_lines(parts: list[Blocks]) -> list[str]:
    """The lines of page headers and footers, each once, page numbers left out."""
    out: list[str] = []
    for part in parts:
        out += [ln for ln in part.lines if ln not in out and not PAGE_NUMBER.match(ln.strip())]
    return out
