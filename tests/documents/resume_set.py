"""The resume test set: fictional resumes written as data (``tests/documents/resumes/*.py``, one
module per person, how they were written: the README there), each with the fields a careful
reader takes from the page. ``tests/documents/resume_render.py`` draws them as PDF, DOCX and
TXT at test time; ``tests/documents/resume_accuracy.py`` scores a parser against them.

Expected values may name accepted alternatives with ``|`` ("Excel|Microsoft Excel",
"C1|C2"): the first is the canonical one, any of them counts as right.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Final, Literal

from peoplelens.documents.profile import SECTIONS

Layout = Literal["pdf_one_column", "pdf_two_column", "docx_paragraphs", "docx_tables", "txt"]
LAYOUTS: Final[tuple[Layout, ...]] = (
    "pdf_one_column",
    "pdf_two_column",
    "docx_paragraphs",
    "docx_tables",
    "txt",
)
LANGUAGES: Final = ("en", "de", "fr", "es", "pt")
# Traits that make a resume hard on purpose (the README lists which resume has which).
TAGS: Final = (
    "long",
    "unicode",
    "ligatures",
    "wide-table",
    "no-headings",
    "inline-headings",
    "decorated-headings",
    "utf-16",
    "cp1252",
)
OTHER: Final = "other"  # a section that is none of SECTIONS (interests, references, ...)
Split = Literal["train", "held_out", "all"]


@dataclass(frozen=True)
class Entry:
    """A job or a degree: a title line, an organisation line with the dates as written, and
    bullets."""

    title: str
    org: str
    dates: str = ""
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    marker: str = "•"


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]


Block = str | Entry | Bullets | Table


@dataclass(frozen=True)
class Section:
    kind: str  # one of SECTIONS, or OTHER
    heading: str | None  # as printed ("BERUFSERFAHRUNG", "Skills:"); None: no heading at all
    blocks: tuple[Block, ...]
    # The heading shares its line with the first paragraph ("Skills: Python, SQL").
    inline: bool = False


def section(kind: str, heading: str | None, *blocks: Block, inline: bool = False) -> Section:
    return Section(kind, heading, blocks, inline)


@dataclass(frozen=True)
class Lang:
    name: str  # English name ("German"); alternatives with |
    level: str | None = None  # "B2", "native", "C1|C2"; None: no level stated


@dataclass(frozen=True)
class Expected:
    """What a person reading the page takes from it. Facts are phrases that must appear in the
    parser's field of that name (compared case-insensitively, whitespace and dashes folded)."""

    name: str
    email: str | None
    phone: str | None  # as written
    linkedin_url: str | None  # https://www.linkedin.com/in/<handle>
    skills: tuple[str, ...]  # every skill the resume lists, canonical names
    # Named elsewhere on the page (a tool in a job's bullets): neither required nor an error.
    skills_tolerated: tuple[str, ...] = ()
    languages: tuple[Lang, ...] = ()
    summary: tuple[str, ...] = ()
    experience: tuple[str, ...] = ()
    education: tuple[str, ...] = ()
    certifications: tuple[str, ...] = ()  # names; each must be inside one of the parser's items
    projects: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resume:
    id: str  # the module's name
    language: str  # one of LANGUAGES: the language the resume is written in
    role: str
    layouts: tuple[Layout, ...]
    held_out: bool
    name: str  # as printed at the top
    headline: str | None
    contact: tuple[str, ...]  # the contact items as printed, in order
    sections: tuple[Section, ...]
    expected: Expected
    tags: tuple[str, ...] = ()
    txt_encoding: str = "utf-8"
    contact_heading: str | None = None  # the sidebar's heading over the contacts (two-column)

    @property
    def split(self) -> str:
        return "held_out" if self.held_out else "train"

    @property
    def expected_sections(self) -> tuple[str, ...]:
        """The SECTIONS the page announces with a heading, in SECTIONS order."""
        headed = {s.kind for s in self.sections if s.heading is not None}
        return tuple(kind for kind in SECTIONS if kind in headed)


def alternatives(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|"))


_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")  # soft hyphen, zero widths
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "„": '"'})


def fold(text: str) -> str:
    """The comparison key of a phrase: NFKC (ligatures, full-width forms), case-folded,
    invisible characters dropped, dashes and curly quotes made plain, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _DASHES.sub("-", _INVISIBLE.sub("", text)).translate(_QUOTES)
    return " ".join(text.split())


@cache
def all_resumes() -> tuple[Resume, ...]:
    """Every resume of ``tests/documents/resumes``, sorted by id."""
    from tests.documents import resumes as package

    found = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        resume = module.RESUME
        assert isinstance(resume, Resume) and resume.id == info.name, info.name
        found.append(resume)
    return tuple(found)


def resumes(split: Split = "all") -> Iterator[Resume]:
    for resume in all_resumes():
        if split == "all" or resume.split == split:
            yield resume


# How the pages write the canonical skills the set expects, where the page spells it another
# way: only the soundness test reads this (every expected skill must be visible on its page).
ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "JavaScript": ("JS",),
    "TypeScript": ("TS",),
    "Kubernetes": ("k8s",),
    "PostgreSQL": ("Postgres",),
    "Amazon Web Services": ("AWS",),
    "Google Cloud Platform": ("GCP",),
    "Microsoft Azure": ("Azure",),
    "Excel": ("MS Excel", "MS-Excel"),
    "Microsoft Office": ("MS Office", "MS-Office"),
    "Node.js": ("Node", "NodeJS"),
    "React": ("ReactJS", "React.js"),
    "Continuous Integration": ("CI/CD",),
    "Machine Learning": ("ML",),
    "Search Engine Optimization": ("SEO",),
    "Customer Relationship Management": ("CRM",),
    "Electronic Health Records": ("EHR",),
    "Hazard Analysis and Critical Control Points": ("HACCP",),
    "Key Account Management": ("KAM",),
}

# The languages' names as the resumes write them, for the same check.
LANGUAGE_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "English": ("English", "Englisch", "anglais", "inglés", "inglês"),
    "German": ("German", "Deutsch", "allemand", "alemán", "alemão"),
    "French": ("French", "Französisch", "français", "francés", "francês"),
    "Spanish": ("Spanish", "Spanisch", "espagnol", "español", "castellano", "espanhol"),
    "Portuguese": ("Portuguese", "Portugiesisch", "portugais", "portugués", "português"),
    "Italian": ("Italian", "Italienisch", "italien", "italiano"),
    "Turkish": ("Turkish", "Türkisch", "turc", "turco"),
    "Arabic": ("Arabic", "Arabisch", "arabe", "árabe"),
    "Polish": ("Polish", "Polnisch", "polonais", "polaco"),
    "Russian": ("Russian", "Russisch", "russe", "ruso"),
    "Dutch": ("Dutch", "Niederländisch", "néerlandais", "neerlandés"),
    "Catalan": ("Catalan", "Katalanisch", "catalan", "catalán", "català"),
    "Mandarin": ("Mandarin", "Chinese", "Chinesisch", "chinois", "chino", "mandarín"),
    "Hindi": ("Hindi",),
    "Tamil": ("Tamil",),
    "Vietnamese": ("Vietnamese",),
    "Japanese": ("Japanese", "Japanisch", "japonais", "japonés"),
    "Korean": ("Korean",),
    "Yoruba": ("Yoruba",),
    "Irish": ("Irish",),
    "Welsh": ("Welsh",),
    "Tagalog": ("Tagalog", "Filipino"),
    "Romanian": ("Romanian", "Rumänisch", "roumain", "rumano"),
    "Greek": ("Greek", "Griechisch", "grec", "griego"),
    "Swedish": ("Swedish", "Schwedisch", "suédois", "sueco"),
    "Marathi": ("Marathi",),
    "Wolof": ("Wolof", "wolof"),
    "Galician": ("Galician", "gallego", "galego"),
    "Basque": ("Basque", "euskera", "vasco"),
    "Occitan": ("Occitan", "occitan"),
    "Valencian": ("Valencian", "valenciano"),
}


_SHORT: Final = {
    "pdf_one_column": "PDF 1-col",
    "pdf_two_column": "PDF 2-col",
    "docx_paragraphs": "DOCX",
    "docx_tables": "DOCX tables",
    "txt": "TXT",
}


def readme_table() -> str:
    """The table of resumes in ``resumes/README.md`` (a test keeps the two equal)."""
    lines = ["| resume | lang | role | layouts | split | traits |", "|---|---|---|---|---|---|"]
    for r in all_resumes():
        layouts = ", ".join(_SHORT[layout] for layout in r.layouts)
        split = "held-out" if r.held_out else "train"
        lines.append(
            f"| `{r.id}` | {r.language} | {r.role} | {layouts} | {split} | {', '.join(r.tags)} |"
        )
    return "\n".join(lines)
