"""Where a resume has no heading for a section, what can still be read safely:

- summary: the first prose paragraph after the contact block (a dozen words or more, written
  as sentences, no contact details, no dates);
- experience: the entries anchored on a date range ("2019 – present"), leaving out those
  that read as education;
- education: the lines naming a degree ("MSc", "Bachelor of", "Diplom", "Licence en",
  "Grado en"…) and the school or date line right after each;
- skills: a line that is nothing but a list of short items (four or more, one a skill we know,
  or five or more), with no date, contact detail or sentence in it or right around it;
- languages: a line whose every item is a spoken language (with or without its level), two
  languages at least or one with a level.
"""

from __future__ import annotations

import re

from peoplelens.documents.resume import dates, skills
from peoplelens.documents.resume.contacts import EMAIL, is_job_title, phone
from peoplelens.documents.resume.headings import heading
from peoplelens.documents.resume.languages import split_items

DEGREE = re.compile(
    r"\b(?:B\.\s?Sc|M\.\s?Sc|BSc|MSc|B\.\s?A\.|M\.\s?A\.|A\.\s?[AS]\.|[BM]\.\s?S\.|BBA|HND|BEng|MEng|B\.\s?Eng|M\.\s?Eng|MBA|"
    r"Ph\.?\s?D|BSN|MSN|LL\.?\s?[BM]\b|Dipl\.\s?-?\s?\w+|Diplom\w*|Abitur|Magister|"
    r"Staatsexamen|Bachelor(?:'s|’s)?|Baccalaur[ée]at|BTS|DUT|Licenciatura|Doctorado|Doctorat|"
    r"M[áa]ster\s+(?:of|in|en|de|der|degree|programme?)\b|Master(?:'s|’s)\s+(?:degree|in|of)|"
    r"^Master\b(?!\s+(?:data|plan|class|chef|craftsman))|Licence\s+(?:en|de|d['’]|pro)|"
    r"Grado\s+(?:en|de)|Bacharelado|Mestrado|Doutorado|Associate\s+(?:degree|of)|"
    r"High\s+School\s+Diploma|GED|A-levels|GCSE|Degree\s+in|Ausbildung\s+zu[rm])",
    re.IGNORECASE,
)
SCHOOL = re.compile(
    r"\b(?:universit(?:y|ät|é|à)|universidad|universidade|hochschule|fachhochschule|college|"
    r"school|gymnasium|lyc[ée]e|instituto|institute|polytechnic|politecnico|[ée]cole|escuela|"
    r"academy|akademie|TU|ETH|EPFL|HEC|MIT)\b",
    re.IGNORECASE,
)
_STUDY = re.compile(
    r"\b(?:stud(?:y|ies|ied|ent|ium|iert)|[ée]tudes?|estudios|estudante|degree|abschluss|"
    r"gpa|thesis|these|tesis|major|minor)\b",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://|www\.|linkedin\.com|github\.com", re.IGNORECASE)
_PHONEISH = re.compile(r"\+?\d[\d ()./-]{7,}\d")


def paragraphs(lines: list[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            out[-1].append(line.strip())
        elif out[-1]:
            out.append([])
    return [p for p in out if p]


def summary(lines: list[str]) -> list[str]:
    """The first paragraph that reads as prose, before any dated entry."""
    for paragraph in paragraphs(lines):
        if any(dates.has_date_range(ln) for ln in paragraph):
            return []
        contact = [i for i, ln in enumerate(paragraph) if _contact(ln)]
        if contact:  # no blank line after the contact block: what follows it
            paragraph = paragraph[contact[-1] + 1 :]
        text = " ".join(paragraph)
        words = text.split()
        lower = sum(w[:1].islower() for w in words)
        if len(words) >= 12 and lower >= 0.4 * len(words) and re.search(r"[.!]$|\w{4,}", text):
            return paragraph
        if contact and paragraph:
            return []  # the header's own lines (a headline, a location): not a summary
    return []


def _contact(line: str) -> bool:
    return bool(EMAIL.search(line) or _URL.search(line) or _PHONEISH.search(line))


def entries(lines: list[str]) -> list[str]:
    """The lines of dated entries that are not education: each from its title line (the one
    before the date, when short) to the next blank line or dated line."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not dates.has_date_range(lines[i]) or heading(lines[i]) is not None:
            i += 1
            continue
        start = i
        before = lines[i - 1].strip() if i > 0 else ""
        if before and len(before.split()) <= 10 and not dates.has_date_range(before):
            start = i - 1
        end = i + 1
        while end < len(lines) and lines[end].strip() and not dates.has_date_range(lines[end]):
            if end + 1 < len(lines) and dates.has_date_range(lines[end + 1]):
                break  # the next entry's title line
            if DEGREE.search(lines[end]) and not _BULLETED.match(lines[end].strip()):
                break  # no blank line before the education: a degree starts it
            end += 1
        entry = [ln for ln in lines[start:end] if ln.strip()]
        joined = " ".join(entry)
        if not DEGREE.search(joined) and not (SCHOOL.search(joined) and _STUDY.search(joined)):
            out += [ln for ln in entry if ln not in out[-len(entry) :]]
        i = end
    return out


def first_entry(lines: list[str]) -> int | None:
    """Where the first dated entry (or its title line) starts, if there is one."""
    for i, line in enumerate(lines):
        if dates.has_date_range(line):
            before = lines[i - 1].strip() if i > 0 else ""
            return i - 1 if before and len(before.split()) <= 10 else i
    return None


def education(lines: list[str]) -> list[str]:
    out: list[str] = []
    for i, line in enumerate(lines):
        if DEGREE.search(line) and len(line.split()) <= 25:
            if line not in out:
                out.append(line)
            after = lines[i + 1].strip() if i + 1 < len(lines) else ""
            if (
                after
                and len(after.split()) <= 12
                and (SCHOOL.search(after) or dates.ANY_YEAR.search(after) or _school_line(after))
            ):
                out.append(after)
    return out


def _school_line(line: str) -> bool:
    """The short name line under a degree ("INSA Lyon", "Politécnico do Porto")."""
    return (
        len(line.split()) <= 6
        and line[:1].isupper()
        and not line.endswith((".", ":", "!", "?"))
        and not DEGREE.search(line)
        and not _BULLETED.match(line)
        and heading(line) is None
    )


_LIST_SPLIT = re.compile(r"\s*[,;|•·]\s*")
_BULLETED = re.compile(r"^(?:[•·▪●◦■►▸✓✔➢➤*]|[-–—]\s)")


def language_line(line: str) -> list[tuple[str, str | None]]:
    """ "English and Yoruba (native), French (basic)" → its languages; [] when any item of the
    line is something else."""
    items = [i for i in split_items(line) if i.strip()]
    parsed = [skills.as_language(i) for i in items]
    languages = [p for p in parsed if p is not None]
    if not items or len(languages) < len(items):
        return []
    if len(languages) < 2 and not any(level for _, level in languages):
        return []
    return languages


def skill_lists(lines: list[str]) -> list[str]:
    """The lines that are a bare list of skills, for a resume without a skills heading."""
    content = [ln.strip() for ln in lines if ln.strip()]
    out: list[str] = []
    for i, line in enumerate(content):
        following = content[i + 1] if i + 1 < len(content) else ""
        if _BULLETED.match(line) or line.endswith((".", ":", "!", "?")) or heading(line):
            continue
        if dates.ANY_YEAR.search(line) or dates.has_date_range(following):
            continue  # an entry, or the title line over its dates
        if EMAIL.search(line) or _URL.search(line) or phone([line]) or language_line(line):
            continue
        items = [i for i in _LIST_SPLIT.split(line) if i.strip()]
        if len(items) < 4 or any(len(i.split()) > 4 or len(i) > 40 for i in items):
            continue
        if is_job_title(items[0]):  # "Sous Chef, The Larder, Soho, London" under its dates
            continue
        if len(items) >= 5 or any(skills.canonical(i) for i in items):
            out.append(line)
    return out
