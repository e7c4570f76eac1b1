"""Contact details: e-mail, phone, LinkedIn URL and the person's name.

A phone number is taken only where it cannot be something else: labelled ("Tel.", "Mobil",
"Phone"), international ("+49 …", "0044 …"), or a national number in the contact block at the
top; never a date, a range of years, a postcode or an account number.
"""

from __future__ import annotations

import re

from peoplelens.ai.skills import ROLE_WORDS
from peoplelens.documents.resume import dates
from peoplelens.documents.resume.headings import fold, heading, is_title_line

EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][\w.+%-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}"
)
_LINKEDIN = re.compile(
    r"(?:https?://)?(?:[a-z]{2,3}\.|www\.)?linkedin\.com/(in|pub)/([\w\-%.~]+(?:/[\w\-]+)*)",
    re.IGNORECASE,
)
_LINKEDIN_BARE = re.compile(r"linkedin\W{0,3}(?:\s|:)\s*/?in/([\w\-%]{3,100})", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w+/.(-])(?:\(?\+|00)?\(?\d[\d ().\-/]{5,22}\d(?![\w/-])")
_PHONE_LABEL = re.compile(
    r"\b(?:phone|tel(?:ephone)?|t[ée]l[ée]phone|telefon|telefone|tel[ée]fono|mobile?|mob|"
    r"cell(?:phone)?|handy|mobil(?:e|telefon)?|portable|m[óo]vil|celular|telem[óo]vel|whatsapp|"
    r"fon|[tmpc])\s*\.?\s*[:.]?\s*$",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(
    r"^\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*(?:19|20)?\d\d$|^(?:19|20)\d\d\s*[./-]\s*\d{1,2}"
    r"\s*[./-]\s*\d{1,2}$"
)
_NANP = re.compile(r"^\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}$")
HEADER_LINES = 15
# fmt: off
_PARTICLES = frozenset((
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "le",
    "la", "ten", "ter", "bin", "ibn", "al", "el", "y", "zu", "mc", "st"
))
# fmt: on
_HONORIFICS = re.compile(
    r"^(?:(?:dr|prof|mr|mrs|ms|mx|dipl\.?-?\w*|ing|mag|herr|frau|m|mme|sr|sra|"
    r"med|rer\.?\s?nat|phil|jur|habil)\.?\s+)+",
    re.IGNORECASE,
)
_NOT_NAME_WORDS = frozenset(fold(w) for w in (
    *ROLE_WORDS, "entwickler", "entwicklerin", "ingenieur", "ingenieurin", "berater",
     "beraterin", "développeur", "développeuse", "ingénieur", "ingénieure", "desarrollador",
     "desarrolladora", "ingeniero", "ingeniera", "nurse", "technician", "assistant", "intern",
     "student", "teacher", "officer", "operator", "driver", "clerk", "agent", "accountant",
     "supervisor", "associate", "owner", "founder", "freelance", "freelancer", "senior",
     "junior", "street", "straße", "strasse", "str", "road", "avenue", "rue", "calle", "rua",
     "germany", "deutschland", "france", "spain", "españa", "portugal", "usa", "uk",
     "university", "universität", "gmbh", "inc", "ltd", "page", "seite", "chef", "cook",
     "waiter", "waitress", "cashier", "caregiver", "programmer", "pflegefachkraft",
     "krankenschwester", "kaufmann", "kauffrau", "fachkraft", "mitarbeiter", "mitarbeiterin",
     "leiter", "leiterin", "sachbearbeiter", "sachbearbeiterin", "assistent", "assistentin",
     "responsable", "chargé", "chargée", "directeur", "directrice", "gerente", "jefe",
     "técnico", "técnica", "enfermera", "enfermero", "infirmier", "infirmière", "vendedor",
     "vendeur", "vendeuse", "comercial", "analista", "programador", "curriculum", "vitae",
))  # fmt: skip
_NAME_LABEL = re.compile(
    r"^(?:(?:full |first )?names?(?:\(s\))?(?:\s*/\s*(?:surnames?|last names?)(?:\(s\))?)?|"
    r"vor-? und nachname|nombre(?: y apellidos| completo)?|nom(?: et pr[ée]nom| complet)?|"
    r"pr[ée]nom et nom|nome(?: completo)?)\s*(?::|\t)\s*(.+)$",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?$")


def email(lines: list[str]) -> str | None:
    for line in lines:
        found = EMAIL.search(line.replace("mailto:", " "))
        if found:
            return found.group().rstrip(".")
    return None


def linkedin(lines: list[str]) -> str | None:
    for i, line in enumerate(lines):
        found = _LINKEDIN.search(line)
        if found:
            kind, handle = found.group(1).lower(), found.group(2).strip("/.,;)")
            after = lines[i + 1].strip() if i + 1 < len(lines) else ""
            rest = re.match(r"^([\w\-%]+)(?:\s*\(LinkedIn\))?$", after)
            if kind == "in" and rest and (handle.endswith("-") or after.endswith("(LinkedIn)")):
                handle += rest.group(1)  # wrapped at a hyphen: "…/in/kwame-" + "mensah-4b2a1"
            if kind == "in":
                return f"https://www.linkedin.com/in/{handle.split('/')[0]}"
            return f"https://www.linkedin.com/pub/{handle}"
        bare = _LINKEDIN_BARE.search(line)
        if bare:
            return f"https://www.linkedin.com/in/{bare.group(1).strip('.,;')}"
    return None


def phone(lines: list[str]) -> str | None:
    """The first labelled or international number; else a national one near the top."""
    fallback: str | None = None
    for number, line in enumerate(lines):
        for found in _PHONE.finditer(line):
            candidate = found.group().strip(" .-/")
            if candidate.count("(") != candidate.count(")"):
                candidate = candidate.strip("()").strip()
            digits = re.sub(r"\D", "", candidate)
            if not _plausible(candidate, digits):
                continue
            # The label sits just before the number: look there only (the whole line before
            # each match made a long line quadratic — a security review's 150 s TXT).
            before = line[max(0, found.start() - 40) : found.start()]
            labelled = bool(_PHONE_LABEL.search(before.rstrip(" :|•·\t")))
            international = candidate.startswith(("+", "00", "(+"))
            if (labelled or international) and 7 <= len(digits) <= 15:
                return candidate
            near_top = number < HEADER_LINES
            national = candidate.startswith(("0", "(0")) and 9 <= len(digits) <= 12
            if fallback is None and near_top and (national or _NANP.match(candidate)):
                fallback = candidate
    return fallback


def _plausible(candidate: str, digits: str) -> bool:
    if not 7 <= len(digits) <= 15 or dates.has_date_range(candidate):
        return False
    if _NUMERIC_DATE.match(candidate):
        return False
    groups = re.findall(r"\d+", candidate)
    years = [g for g in groups if len(g) == 4 and g.startswith(("19", "20"))]
    return not (len(groups) >= 2 and len(years) == len(groups))  # "2019 2021"


def name(lines: list[str]) -> str | None:
    """The first line near the top that reads as a person's name: two to five capitalised
    words (particles like "van", "de" allowed), nothing else — no digits, no role, no place."""
    seen = 0
    for line in lines:
        if not line.strip():
            continue
        seen += 1
        if seen > 8:
            break
        if is_title_line(line):
            continue
        labelled = _NAME_LABEL.match(line.strip())
        spaced = re.fullmatch(r"(?:\S(?: |\t|  ))+\S", line.strip()) is not None
        parts = re.split(r"\s[|•·–—-]\s" if spaced else r"\t|\s[|•·–—-]\s", line)
        candidate = labelled.group(1) if labelled else parts[0]
        found = _as_name(candidate)
        if found:
            return found
        section = heading(line)
        if section is not None and section.section != "other":  # "Persönliche Daten" goes on
            break
    return None


def is_job_title(line: str) -> bool:
    """A short line naming a role ("Senior Backend Engineer", "Pflegefachkraft")."""
    words = [fold(w).strip(".,|") for w in line.split()]
    return 0 < len(words) <= 8 and any(w in _NOT_NAME_WORDS for w in words)


def _as_name(text: str) -> str | None:
    text = text.strip()
    tokens = text.split()
    if len(tokens) >= 4 and all(len(t) == 1 for t in tokens):  # "J A N E  D O E"
        text = " ".join(w.replace(" ", "") for w in re.split(r"\s{2,}|\t", text))
    text = _HONORIFICS.sub("", text)
    text = re.sub(r"\s+[\"“”„'‘’(][^\"“”„'‘’()]{1,20}[\"“”'‘’)](?=\s)", "", text)  # "Bob"
    text = re.split(r",\s*", text)[0].strip()  # "Jane Doe, RN, BSN"
    if not text or EMAIL.search(text) or re.search(r"\d|@|/|:", text):
        return None
    words = text.split()
    if not 2 <= len(words) <= 5 or heading(text) is not None:
        return None
    named = 0
    for word in words:
        low = fold(word).strip(".")
        if low in _NOT_NAME_WORDS:
            return None
        if low in _PARTICLES:
            continue
        if not _NAME_WORD.match(word) or not word[0].isupper():
            return None
        named += 1
    if named < 2:
        return None
    if text.isupper():
        text = " ".join(_title(w) for w in words)
    return text


def _title(word: str) -> str:
    if fold(word) in _PARTICLES:
        return word.lower()
    return re.sub(r"(^|[-'’])(\w)", lambda m: m.group(1) + m.group(2).upper(), word.lower())
