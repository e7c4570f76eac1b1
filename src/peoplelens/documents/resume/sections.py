"""A resume's lines cut into sections at their headings.

Two rules keep sub-headings of an entry from ending its section:

- an inline label ("Tech stack: Python, Go", "Achievements: …") inside experience, education or
  projects is part of the entry, not a new section — unless it is written in capitals
  ("EDUCATION: BSc, MIT") or the section itself began inline ("Education: …" followed by
  "Experience: …" in a plain-text resume);
- when the document's headings share a style (all capitals, say), a heading-like line of
  another style inside experience, education or projects ("Key achievements" under a job) is
  a sub-heading of the entry.

In a summary, a short line in capitals that names no section we know ends the summary (it is a
heading of a section we do not read), so its content is not taken for the summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from peoplelens.documents.resume.headings import Heading, heading, is_title_line
from peoplelens.documents.resume.languages import parse_item

ENTRY_SECTIONS = frozenset({"experience", "education", "projects"})


@dataclass
class Block:
    section: str  # "header" (before the first heading), one of SECTIONS, or "other"
    lines: list[str] = field(default_factory=list)
    also: tuple[str, ...] = ()  # further sections a joined heading names
    inline: bool = False  # began with a labelled line ("Skills: …")


def split(lines: list[str]) -> list[Block]:
    found: dict[int, Heading] = {}
    seen_content = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen_content += 1
        if seen_content <= 3 and is_title_line(line):  # "Resume", "Lebenslauf" on top
            continue
        h = heading(line)
        if h is not None and not _programming_languages(h):
            found[i] = h
    standalone = [h for h in found.values() if not h.rest]
    upper = sum(h.upper for h in standalone)
    style: bool | None = None  # the dominant heading style, when there clearly is one
    if len(standalone) >= 3 and upper != len(standalone) - upper:
        style = upper > len(standalone) - upper
    blocks = [Block("header")]
    for i, line in enumerate(lines):
        h = found.get(i)
        current = blocks[-1]
        if h is not None and _starts_section(h, current, style):
            blocks.append(Block(h.section, [h.rest] if h.rest else [], h.also, bool(h.rest)))
        elif current.section == "summary" and _unknown_heading(line, current):
            blocks.append(Block("other"))
        else:
            current.lines.append(line)
    return blocks


def _programming_languages(h: Heading) -> bool:
    """ "Languages: Go, Java, SQL" in a skills section lists skills, not spoken languages."""
    if h.section != "languages" or not h.rest:
        return False
    return not any(parse_item(item) for item in re.split(r"[,;|•·/\t]", h.rest))


def _starts_section(h: Heading, current: Block, style: bool | None) -> bool:
    if current.section not in ENTRY_SECTIONS or current.inline:
        return True
    if h.rest:
        return h.upper  # "EDUCATION: BSc, MIT" is a section; "Tech stack: Go" is not
    return style is None or h.upper == style


def _unknown_heading(line: str, current: Block) -> bool:
    text = line.strip()
    words = text.split()
    return (
        bool(current.lines)
        and 1 <= len(words) <= 4
        and text.isupper()
        and re.fullmatch(r"[^\W\d_][^\W\d_ &/'-]*", text.replace(" ", "")) is not None
    )
