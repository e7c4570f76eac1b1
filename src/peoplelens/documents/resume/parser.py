"""The built-in resume parser: text in, :class:`ResumeProfile` out, offline and deterministic.

Sections come from their headings (:mod:`.sections`); where one is missing, a conservative
fallback fills it (:mod:`.fallbacks`) or it stays empty — wrong data is worse than none.
"""

from __future__ import annotations

import re

from peoplelens.documents.profile import SECTIONS, LanguageSkill, ResumeProfile
from peoplelens.documents.resume import cleanup, contacts, dates, fallbacks, skills
from peoplelens.documents.resume.headings import heading
from peoplelens.documents.resume.languages import language_name, parse_item, parse_languages
from peoplelens.documents.resume.sections import Block, split

_CERT_WORDS = re.compile(
    r"certif|zertifi|licen[cs]e|lizenz|accredit|\b(?:CISSP|PMP|PRINCE2|ITIL|CCNA|CCNP|CSM|PSM|"
    r"CPA|ACCA|CFA|TOEFL|IELTS|DELF|DELE|TestDaF|Six Sigma|AWS|Azure|GCP|Scrum|Foundation|"
    r"Practitioner|Associate|Diploma|Dipl[ôo]me|Diplom)\b",
    re.IGNORECASE,
)
_LANGUAGES_LABEL = re.compile(
    r"^(?:languages?|spoken languages|sprachen|sprachkenntnisse|langues|idiomas|lenguas|"
    r"línguas)\s*[:\t]\s*(.+)$",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"\s*[,;|•·]\s*")


def parse_resume(text: str) -> ResumeProfile:
    lines = [line.strip() for line in text.replace("\r", "").split("\n")]
    name = contacts.name(lines) or _name_later(lines)
    blocks = _name_restarts_the_header(split(lines), name)
    by: dict[str, list[str]] = {}
    for block in blocks:
        for section, part in _route(block).items():
            if section != "certifications":
                by.setdefault(section, []).extend([*part, ""])
                continue
            for paragraph in _paragraphs(part):
                target = "education" if _schooling(paragraph) else section
                by.setdefault(target, []).extend([*paragraph, ""])
    found = [s for s in SECTIONS if any(s in (b.section, *b.also) for b in blocks)]
    header = blocks[0].lines if blocks[0].section == "header" else []

    experience_lines = by.get("experience", [])
    if not experience_lines:
        pool = [ln for b in blocks if b.section in ("header", "other") for ln in b.lines]
        # A summary or a skills list that runs on into dated entries under a heading we do
        # not know ("Where I've worked"): the entries are experience, not summary or skills.
        for section in ("summary", "skills"):
            cut = fallbacks.first_entry(by.get(section, []))
            if cut is not None:
                kept = by[section][:cut]
                while kept and not kept[-1].strip():
                    kept.pop()
                if section == "skills" and kept and _unknown_heading(kept[-1]):
                    kept.pop()  # "Where I have worked"
                pool += by[section][cut:]
                by[section] = kept
        experience_lines = fallbacks.entries(pool)
    summary_lines = by.get("summary", [])
    if not summary_lines:  # the contact blocks: before the first heading, under the name
        tops = [ln for b in blocks if b.section == "header" for ln in [*b.lines, ""]]
        start = fallbacks.first_entry(tops)
        summary_lines = fallbacks.summary(tops[:start] if start is not None else tops)

    # Running text for the skills fallback: not the education ("MSc Data Science").
    prose = [ln for b in blocks if b.section != "education" for ln in b.lines]
    skill_found = _skills(by, [ln for ln in prose if not fallbacks.DEGREE.search(ln)], name)
    languages = _languages(by, skill_found.languages, lines)
    education_lines = by.get("education") or fallbacks.education(
        [ln for b in blocks if b.section not in ("skills", "languages") for ln in b.lines]
    )
    return ResumeProfile(
        name=name,
        email=contacts.email([*header, *lines]),
        phone=contacts.phone(lines),
        linkedin_url=contacts.linkedin(lines),
        professional_summary=cleanup.prose(summary_lines),
        skills=skill_found.skills,
        experience_summary=cleanup.section_text(experience_lines),
        education_summary=cleanup.section_text(education_lines, 2000),
        certifications=cleanup.certification_items(by.get("certifications", [])),
        languages=[LanguageSkill(n, level) for n, level in languages],
        projects_achievements=cleanup.section_text(by.get("projects", []), 3000),
        sections_found=found,
    )


def _unknown_heading(line: str) -> bool:
    """A short line with no list in it that names no skill: a heading we do not know."""
    words = line.split()
    return 0 < len(words) <= 5 and not re.search(r"[,;|•·/]", line) and not skills.canonical(line)


def _name_restarts_the_header(blocks: list[Block], name: str | None) -> list[Block]:
    """The person's name inside a section (a main column read after its sidebar: name,
    headline, location) starts the contact block again: it is nobody's certification."""
    if not name:
        return blocks
    out: list[Block] = []
    for block in blocks:
        at = next(
            (i for i, ln in enumerate(block.lines) if contacts.name([ln]) == name),
            None,
        )
        if block.section == "header" or at is None:
            out.append(block)
            continue
        out += [Block(block.section, block.lines[:at], block.also, block.inline)]
        out.append(Block("header", block.lines[at:]))
    return out


def _route(block: Block) -> dict[str, list[str]]:
    """A joined heading's lines, each to the section it belongs to ("Education &
    Certifications": the certificate lines to certifications)."""
    if not block.also:
        return {block.section: block.lines}
    names = (block.section, *block.also)
    out: dict[str, list[str]] = {}
    for line in block.lines:
        target = block.section
        if "languages" in names and _all_languages(line):
            target = "languages"
        elif "certifications" in names and _CERT_WORDS.search(line):
            target = "certifications"
        elif block.section == "certifications" and "projects" in names:
            target = "projects"  # "Certifications & Awards": an award is no certificate
        elif block.section == "languages":
            target = block.also[0]  # "Languages & Skills": what is not a language
        out.setdefault(target, []).append(line)
    return out


def _paragraphs(lines: list[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [p for p in out if p]


def _schooling(lines: list[str]) -> bool:
    """Under "Training" or "Formation": years at a school ("NVQ Level 3, Leeds College,
    2012 – 2014") are education, not a certificate."""
    text = " ".join(lines)
    return (
        fallbacks.SCHOOL.search(text) is not None
        and dates.has_date_range(text)
        and not _CERT_WORDS.search(text)
    )


def _all_languages(line: str) -> bool:
    items = [i for i in _LIST_ITEM.split(line.strip(" •-")) if i.strip()]
    return bool(items) and all(parse_item(i) for i in items)


def _skills(by: dict[str, list[str]], lines: list[str], name: str | None) -> skills.Found:
    if any(ln.strip() for ln in by.get("skills", [])):
        found = skills.from_section(by["skills"])
    else:
        text = "\n".join(ln for ln in lines if ln != name and not contacts.EMAIL.search(ln))
        # A bare list with no heading over it ("Zendesk, Intercom, de-escalation, …").
        found = skills.from_section(fallbacks.skill_lists(lines))
        listed = [skills.key(s) for s in found.skills]
        for skill in skills.in_text(text):
            if any(skills.key(skill) in k for k in listed):
                continue  # "Salesforce" of "Salesforce Service Cloud", listed as written
            found.add(skill)
    # A "Languages" section listing Python and Java lists skills.
    for line in by.get("languages", []):
        for item in _LIST_ITEM.split(line):
            if not parse_item(item) and (known := skills.canonical(item.strip(" ."))):
                found.add(known)
    return found


def _languages(
    by: dict[str, list[str]], from_skills: list[tuple[str, str | None]], lines: list[str]
) -> list[tuple[str, str | None]]:
    found = parse_languages(by.get("languages", []))
    if not found:
        labelled = [m.group(1) for ln in lines if (m := _LANGUAGES_LABEL.match(ln))]
        found = parse_languages(labelled)
    merged = dict(found)
    for name, level in from_skills:
        if merged.get(name) is None:
            merged[name] = level
    if not merged:  # no heading, no label: a line of nothing but languages
        for line in lines:
            for name, level in fallbacks.language_line(line):
                merged.setdefault(name, level)
    return list(merged.items())


def _name_later(lines: list[str]) -> str | None:
    """A name further down: at the top of a main column that comes after a sidebar. It opens
    a paragraph, no skill, language or heading explains it, and what follows it is a job
    title, a contact detail or a heading — not just any two capitalised words ("Acme Corp")."""
    content = [i for i, line in enumerate(lines[:80]) if line.strip()]
    for at, i in enumerate(content):
        line = lines[i]
        if i and lines[i - 1].strip() and heading(lines[i - 1]) is None:
            continue
        words = line.split()
        if any(skills.canonical(w) or language_name(w) for w in words) or heading(line):
            continue
        following = lines[content[at + 1]] if at + 1 < len(content) else ""
        if not (
            contacts.is_job_title(following)
            or contacts.EMAIL.search(following)
            or contacts.phone([following])
            or heading(following)
        ):
            continue
        found = contacts.name([line])
        if found:
            return found
    return None
