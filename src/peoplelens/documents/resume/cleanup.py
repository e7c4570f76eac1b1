"""A section's lines as the text the profile shows: wrapped lines joined, bullets kept as
"• " lines, the cells of a row separated by " | ", and the whole bounded in length (cut at a
line or word boundary, marked with "…")."""

from __future__ import annotations

import re

from peoplelens.documents.resume import dates
from peoplelens.documents.resume.headings import pictograph

SUMMARY_LIMIT = 1500
SECTION_LIMIT = 4000
_BULLET = re.compile(r"^(?:[•·▪●◦■►▸✓✔➢➤❖♦◆○□*]+|[-–—](?=\s))\s*")
_CERT_DETAIL = re.compile(
    r"^(?:issued|credential|ausgestellt|ausstellungsdatum|délivré|expedido|id\b|expires|"
    r"g[üu]ltig|valid)",
    re.IGNORECASE,
)


def bullet(line: str) -> tuple[bool, str]:
    stripped = _BULLET.sub("", line)
    while stripped[:1] and pictograph(stripped[0]):  # "✅ Translation"
        stripped = stripped[1:].lstrip()
    return stripped != line, stripped.strip()


def _continues(previous: str, line: str) -> bool:
    """A line wrapped from the one before: it starts in lower case, or the one before stops
    mid-phrase (a comma, a hyphen, "and")."""
    if not previous or not line:
        return False
    if previous.endswith((".", "!", "?", ":", ";")):
        return False
    return (line[0].islower() and not dates.has_date_range(line[:12])) or bool(
        re.search(r"(?:,|&|\band|\bund|\bet|\by)$", previous)
    )


def lines_of(lines: list[str]) -> list[str]:
    """Wrapped lines joined, bullets normalised, blank lines dropped."""
    out: list[str] = []
    for raw in lines:
        is_bullet, text = bullet(raw.strip())
        if not text:
            continue
        text = text.replace("\t", " | ")
        if not is_bullet and out and _continues(out[-1], text):
            if out[-1].endswith("-") and out[-1][-2:-1].isalpha() and text[0].islower():
                out[-1] = out[-1][:-1] + text  # "manage-" + "ment"
            else:
                out[-1] += " " + text
            continue
        out.append("• " + text if is_bullet else text)
    return out


def section_text(lines: list[str], limit: int = SECTION_LIMIT) -> str:
    return bound("\n".join(lines_of(lines)), limit)


def prose(lines: list[str], limit: int = SUMMARY_LIMIT) -> str:
    """A summary: its sentences as one paragraph, bullet points on lines of their own."""
    out: list[str] = []
    for line in lines_of(lines):
        if line.startswith("• ") or not out or out[-1].startswith("• "):
            out.append(line)
        else:
            out[-1] += " " + line
    return bound("\n".join(out), limit)


def bound(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    at = max(cut.rfind("\n"), cut.rfind(". ") + 1)
    if at < limit * 0.6:
        at = cut.rfind(" ")
    return cut[: at if at > 0 else limit].rstrip(" ,;") + " …"


def certification_items(lines: list[str]) -> list[str]:
    """One item per certification: a bullet or a line each; a line that only dates or
    details the one before ("Issued Mar 2021", "Amazon Web Services · 2021") joins it."""
    items: list[str] = []
    for raw in lines:
        is_bullet, text = bullet(raw.strip())
        text = text.replace("\t", " – ").strip(" ,;")
        if not text:
            continue
        detail = dates.only_dates(text) or _CERT_DETAIL.match(text)
        wrapped = (
            not is_bullet and items and (_continues(items[-1], text) or _wraps(items[-1], text))
        )
        issuer = (
            not is_bullet
            and items
            and dates.ANY_YEAR.search(text)
            and not dates.ANY_YEAR.search(items[-1])
            and len(text.split()) <= 5
        )
        if items and (detail or wrapped or issuer):
            items[-1] = f"{items[-1]}, {text}" if not wrapped else f"{items[-1]} {text}"
            continue
        items += _split_listed(text)
    return [bound(i, 200) for i in items][:40]


_OPEN_END = re.compile(
    r"(?:\b(?:in|of|for|and|on|at|de|du|des|la|en|von|für|und|der|do|da)|[–:&/-])$", re.I
)
_LAST_WORD = re.compile(r"^[^\W\d_][\w.+-]*\s*(?:\(|,)")


def _wraps(previous: str, line: str) -> bool:
    """A certificate's name wrapped in a narrow column: the line before stops on an open word
    ("Food Safety in", "Architect –"), or this one opens with a parenthesis or a number that
    is no year, or is the last word of a long name before its details ("Engineer (2022)")."""
    if previous.endswith(")") or dates.ANY_YEAR.search(previous):
        return False
    if _OPEN_END.search(previous) or line.startswith("("):
        return True
    if line[:1].isdigit() and not dates.ANY_YEAR.match(line):
        return True
    return len(previous) >= 25 and _LAST_WORD.match(line) is not None


def _split_listed(text: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"\s*[;|•·]\s*", text) if p.strip()]
    out: list[str] = []
    for part in parts:
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if len(pieces) >= 3 and not any(dates.ANY_YEAR.search(p) for p in pieces):
            out += pieces  # "PMP, PRINCE2, ITIL v4"
        else:
            out.append(part)
    return out
