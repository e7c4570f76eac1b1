"""Reading order of a PDF page from the positions of its text lines.

pdfminer.six finds the lines; the order is ours. A page is split into columns where a vertical
channel of white space runs down it with enough text on both sides, so a sidebar (contacts,
skills, languages) and a main column (experience) come out one after the other, never
interleaved line by line. Lines crossing the channel (a full-width header with the name) cut
the page into bands read top to bottom. The wider column is the main one: it comes last on
the first page and first on the next ones, so experience running on to page two stays one
section even when the sidebar goes on too.

A narrow column of dates or labels next to their entries ("2019 – 2021 | Senior Engineer") is
not a sidebar: it is read row by row, so each date stays with its entry.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass

MIN_GUTTER = 6.0  # points of white space between two columns
MIN_SIDE = 3  # lines on each side of a column split
MAX_LINES = 400  # a page with more is read row by row (the column search is quadratic)
_DATE = re.compile(
    r"\b(?:19|20)\d\d\b|\b\d{1,2}[./]\d{2,4}\b|present|heute|aujourd|actual|atual|current",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Line:
    x0: float
    y0: float  # PDF coordinates: y grows upwards
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 0.1)

    def overlaps_vertically(self, other: Line) -> bool:
        overlap = min(self.y1, other.y1) - max(self.y0, other.y0)
        return overlap >= 0.5 * min(self.height, other.height)


def reading_order(lines: list[Line], first_page: bool = True) -> list[str]:
    """The page's text, one line per row; an empty string marks a paragraph gap. The main
    column ends the first page and opens the next ones, so it reads on across pages."""
    return _order([ln for ln in lines if ln.text.strip()], 0, not first_page)


def _order(lines: list[Line], depth: int, main_first: bool) -> list[str]:
    if depth < 3 and 2 * MIN_SIDE <= len(lines) <= MAX_LINES:
        cut = _gutter(lines)
        if cut is not None:
            return _by_columns(lines, cut, depth, main_first)
    return _rows(lines)


def _gutter(lines: list[Line]) -> float | None:
    """The x of the best column channel, or None when the lines form one column. Lines may
    cross it above or below the columns (a header, a footer), hardly any beside them."""
    best: tuple[tuple[float, float, float], float] | None = None
    for edge in sorted({round(ln.x1) for ln in lines}):
        x = edge + MIN_GUTTER / 2
        left = [ln for ln in lines if ln.x1 <= x]
        right = [ln for ln in lines if ln.x0 >= x]
        if len(left) < MIN_SIDE or len(right) < MIN_SIDE:
            continue
        top = min(max(ln.y1 for ln in left), max(ln.y1 for ln in right))
        bottom = max(min(ln.y0 for ln in left), min(ln.y0 for ln in right))
        beside = [ln for ln in lines if ln.x0 < x < ln.x1 and bottom < (ln.y0 + ln.y1) / 2 < top]
        if len(beside) > max(1, (len(left) + len(right)) // 12):
            continue
        gap = min(ln.x0 for ln in right) - max(ln.x1 for ln in left)
        if gap < MIN_GUTTER or not _side_by_side(left, right) or _labels(left, right):
            continue
        score = (-len(beside), min(len(left), len(right)), gap)
        if best is None or score > best[0]:
            best = (score, max(ln.x1 for ln in left) + gap / 2)
    return best[1] if best else None


def _side_by_side(left: list[Line], right: list[Line]) -> bool:
    """Both sides share most of their height (not a header block above a body)."""
    top = min(max(ln.y1 for ln in left), max(ln.y1 for ln in right))
    bottom = max(min(ln.y0 for ln in left), min(ln.y0 for ln in right))
    shorter = min(_extent(left), _extent(right))
    return top - bottom >= 0.5 * shorter


def _extent(lines: list[Line]) -> float:
    return max(ln.y1 for ln in lines) - min(ln.y0 for ln in lines)


def _width(lines: list[Line]) -> float:
    return max(ln.x1 for ln in lines) - min(ln.x0 for ln in lines)


def _labels(left: list[Line], right: list[Line]) -> bool:
    """Whether the narrower side is a column of dates or labels for the other side's entries
    (read row by row then): mostly dates; or right-aligned against the other side; or on the
    other side's baselines almost line for line (a form: Europass); or sparse lines each on
    the same row as one of the other side's."""
    narrow, wide = (left, right) if _width(left) <= _width(right) else (right, left)
    n = len(narrow)
    if sum(bool(_DATE.search(ln.text)) for ln in narrow) >= 0.5 * n:
        return True
    aligned = sum(any(ln.overlaps_vertically(o) for o in wide) for ln in narrow)
    on_baseline = sum(any(abs(ln.y0 - o.y0) < 1.0 for o in wide) for ln in narrow)
    right_edges = [ln.x1 for ln in narrow]
    flush_right = max(right_edges) - min(right_edges) < 3 and _width(narrow) > 15
    if narrow is left and flush_right and aligned >= 0.6 * n:
        return True
    if n >= 4 and on_baseline >= 0.85 * n:
        return True
    density = sum(ln.height for ln in narrow) / max(_extent(narrow), 1.0)
    return density < 0.3 and aligned >= 0.6 * n


def _by_columns(lines: list[Line], x: float, depth: int, main_first: bool) -> list[str]:
    """Where lines cross the channel above (or below) the rows shared by both columns, the
    page is one column there, read on its own: a two-column list of skills inside a
    one-column page stays in its section. Where nothing crosses, the columns run on."""
    left = [ln for ln in lines if ln.x1 <= x]
    right = [ln for ln in lines if ln.x0 >= x]
    top = min(max(ln.y1 for ln in left), max(ln.y1 for ln in right))
    bottom = max(min(ln.y0 for ln in left), min(ln.y0 for ln in right))
    crossing = [(ln.y0 + ln.y1) / 2 for ln in lines if ln.x0 < x < ln.x1]
    upper = top if any(c >= top for c in crossing) else float("inf")
    lower = bottom if any(c <= bottom for c in crossing) else float("-inf")
    above = [ln for ln in lines if (ln.y0 + ln.y1) / 2 > upper]
    below = [ln for ln in lines if (ln.y0 + ln.y1) / 2 < lower]
    middle = [ln for ln in lines if lower <= (ln.y0 + ln.y1) / 2 <= upper]
    out = [*_order(above, depth + 1, main_first), ""] if above else []
    out += _side_by_side_bands(middle, x, depth, main_first)
    return out + (["", *_order(below, depth + 1, main_first)] if below else [])


def _side_by_side_bands(lines: list[Line], x: float, depth: int, main_first: bool) -> list[str]:
    spanning = sorted((ln for ln in lines if ln.x0 < x < ln.x1), key=lambda ln: -ln.y1)
    left = [ln for ln in lines if ln.x1 <= x]
    right = [ln for ln in lines if ln.x0 >= x]
    if not left or not right:
        return _rows(lines)
    sides = [left, right] if _width(left) <= _width(right) * 1.2 else [right, left]
    if main_first:
        sides.reverse()

    def band(ln: Line) -> int:  # how many spanning lines lie above this one
        middle = (ln.y0 + ln.y1) / 2
        return sum((s.y0 + s.y1) / 2 > middle for s in spanning)

    out: list[str] = []
    pending: list[Line] = []  # spanning lines with no column text between them
    for i in range(len(spanning) + 1):
        parts = [[ln for ln in side if band(ln) == i] for side in sides]
        if any(parts):
            if pending:
                out += [*_rows(pending), ""]
                pending = []
            for part in parts:
                if part:
                    out += [*_order(part, depth + 1, main_first), ""]
        if i < len(spanning):
            pending.append(spanning[i])
    return out + _rows(pending)


def _rows(lines: list[Line]) -> list[str]:
    """Lines on the same row joined (a tab where a wide gap separates them), rows top down."""
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: (-ln.y1, ln.x0)):
        if rows and ln.overlaps_vertically(rows[-1][0]):  # the row's first (top) line
            rows[-1].append(ln)
        else:
            rows.append([ln])
    heights = [ln.height for ln in lines] or [10.0]
    usual = statistics.median(heights)
    out: list[str] = []
    previous: list[Line] | None = None
    for row in rows:
        if previous is not None:
            gap = min(ln.y0 for ln in previous) - max(ln.y1 for ln in row)
            if gap > 0.8 * usual:
                out.append("")
        out.append(_join(sorted(row, key=lambda ln: ln.x0)))
        previous = row
    return out


def _join(row: list[Line]) -> str:
    text = row[0].text.strip()
    for before, after in itertools.pairwise(row):
        width = (before.x1 - before.x0) / max(len(before.text.strip()), 1)
        text += (" " if after.x0 - before.x1 < 1.5 * width else "\t") + after.text.strip()
    return text
