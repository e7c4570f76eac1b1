"""Skills: a skills section's lists split into items, each named canonically ("JS" → JavaScript,
"k8s" → Kubernetes) or kept as written when the lexicon does not know it; and running text
scanned for the skills that can be recognised there safely (no "Go", no "Excel" the verb).

The names and spellings are :mod:`peoplelens.ai.skill_names`'s; this module only reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from peoplelens.ai.skill_names import all_terms
from peoplelens.documents.resume import dates
from peoplelens.documents.resume.headings import fold, heading, pictograph
from peoplelens.documents.resume.languages import (
    language_name,
    level_of,
    parse_item,
    parse_languages,
)

MAX_SKILLS = 80


def key(text: str) -> str:
    """Spacing, dots, hyphens and case do not tell skills apart ("Node.js" = "nodejs")."""
    return re.sub(r"[\s._\-–]+", "", fold(text))


_LEXICON: dict[str, str] = {}
_INSENSITIVE: set[str] = set()
_CASED: set[str] = set()
for _term in all_terms():
    _loose = {*(s.lower() for s in _term.loose), *(c.lower() for c in _term.cased)}
    for _spelling in (_term.name, *_term.aliases, *_term.loose, *_term.cased):
        _LEXICON.setdefault(key(_spelling), _term.name)
        if not _term.generic and _spelling.lower() not in _loose:
            _INSENSITIVE.add(_spelling.lower())
    if not _term.generic:
        _CASED.update(_term.cased)


def _alternation(spellings: set[str]) -> str:
    parts = (
        re.escape(s).replace(r"\ ", r"[\s\-]+") for s in sorted(spellings, key=lambda s: -len(s))
    )
    return r"(?<![\w@./+#\-])(?:" + "|".join(parts) + r")(?![\w@+#]|[./\-]\w)"


_PROSE = re.compile(_alternation(_INSENSITIVE), re.IGNORECASE)
_PROSE_CASED = re.compile(_alternation(_CASED))

_VERSION = re.compile(r"(?<=[a-z+#])v?\d+(?:\.\d+)*x?$")
_LEVELS = re.compile(
    r"^(?:expert|experte|experto|advanced|fortgeschritten|avanc[ée]|avanzado|intermediate|"
    r"intermedio|interm[ée]diaire|beginner|basic|basics|b[áa]sico|proficient|fluent|native|"
    r"good|very good|excellent|strong|solid|familiar|working knowledge|sehr gut|gut|"
    r"grundkenntnisse|notions|ma[îi]trise|[★☆●○◉◯•■□]+|\d(?:[.,]\d)?\s*/\s*\d+|\d{1,3}\s*%|"
    r"\d+\+?\s*(?:years?|yrs?|jahre?|ans?|años?|anos?)(?:\s+of\s+experience)?)$",
    re.IGNORECASE,
)
_RATING = re.compile(
    r"\s*(?:[★☆●○◉◯■□▪▫◆◇⬤✦✧]+|\(?\b\d(?:[.,]\d)?\s*/\s*(?:5|10)\b\)?|\(?\b\d{1,3}\s*%\)?)\s*$"
)
# A multi-word item with one of these is a phrase about skills, not the name of one.
_PHRASE = re.compile(
    r"\S+\s+(?:in|with|for|using|to|at|on|from|by|mit|für|im|avec|pour|dans|con|para|en|"
    r"de la|del)\s+\S+",
    re.IGNORECASE,
)
_FILLER = re.compile(r"^(?:etc|and more|others?|more|u\.?\s?a|usw|z\.?\s?b|e\.?g|i\.?e)\.?$", re.I)
_SPLIT = re.compile(r"\s*(?:[,;|•·▪●◦■►▸✓✔\t]|\s[-–—]\s)\s*")
_BULLET = re.compile(r"^[\s•·▪●◦■►▸✓✔*\-–—>]+")


@dataclass
class Found:
    skills: list[str] = field(default_factory=list)
    languages: list[tuple[str, str | None]] = field(default_factory=list)

    def add(self, name: str) -> None:
        if key(name) not in {key(s) for s in self.skills} and len(self.skills) < MAX_SKILLS:
            self.skills.append(name)


def canonical(item: str) -> str | None:
    """The lexicon's name for a skill, or None when it does not know it."""
    k = key(item)
    if k in _LEXICON:
        return _LEXICON[k]
    bare = _VERSION.sub("", k)  # "Python 3", "HTML5", "Angular 12" (but "C1" is no C)
    return _LEXICON.get(bare) if len(bare) >= 3 and bare != k else None


def in_text(text: str) -> list[str]:
    """Skills the running text names where a name cannot be an everyday word."""
    hits = [(m.start(), _LEXICON[key(m.group())]) for m in _PROSE.finditer(text)]
    hits += [(m.start(), _LEXICON[key(m.group())]) for m in _PROSE_CASED.finditer(text)]
    return list(dict.fromkeys(name for _, name in sorted(hits)))


def from_section(lines: list[str]) -> Found:
    """The items of a skills section: lists split on commas, bullets, pipes, semicolons and
    tabs; a sub-label ("Frameworks:") dropped; levels and years dropped; spoken languages
    set aside; a sentence scanned for skills instead of kept whole."""
    found = Found()
    for raw in lines:
        line = _BULLET.sub("", raw).strip()
        while line[:1] and pictograph(line[0]):  # "✅ Translation", "🔹 SQL"
            line = line[1:].lstrip()
        if not line:
            continue
        if _language_line(line):  # "Mother tongue(s)\tPolish", "Sprachen: Deutsch, Englisch"
            found.languages += parse_languages([line])
            continue
        embedded = _EMBEDDED_LANGUAGES.search(line)
        spoken = parse_languages([line[embedded.end() :]]) if embedded else []
        if embedded and spoken:  # "Python, SQL | Languages: English (C1), French"
            found.languages += spoken
            line = line[: embedded.start()].strip()
        elif embedded:  # "Git | Languages: Go, Java": programming languages, skills
            line = f"{line[: embedded.start()]} | {line[embedded.end() :]}"
        label, rest = _sublabel(line)
        items = _items(rest)
        if label and items and all(_LEVELS.match(i) for i in items):
            items = [label]  # "Python: advanced"
        elif label and (canonical(label) or canonical(_without_level(label))):
            items = [label, *items]  # "Python: Django, Flask"
        for item in items:
            _take(item, found)
    return found


_LANGUAGE_LABEL = re.compile(
    r"^(?:mother tongues?|native languages?|other languages?|foreign languages?|languages?|"
    r"muttersprachen?|fremdsprachen|sprachen|langues?(?: maternelle)?|idiomas?|lenguas?|"
    r"l[íi]nguas?)(?:\s*\(s\))?$",
    re.IGNORECASE,
)


_EMBEDDED_LANGUAGES = re.compile(
    r"\s*[|;·•,]\s*(?:spoken languages|languages?|sprachkenntnisse|fremdsprachen|sprachen|"
    r"langues|idiomas|lenguas|l[íi]nguas)\s*:\s*(?=\S)",
    re.IGNORECASE,
)


def _language_line(line: str) -> bool:
    """Every item a spoken language, a level or a languages label, one at least a language."""
    items = [i.strip(" :") for i in re.split(r"\s*[,;|•·\t:]\s*", line) if i.strip(" :")]
    kinds = [
        "language" if as_language(i) else "label" if _LANGUAGE_LABEL.match(i) or level_of(i)
        else None
        for i in items
    ]  # fmt: skip
    return "language" in kinds and None not in kinds


def _sublabel(line: str) -> tuple[str | None, str]:
    """ "Frameworks: React, Vue" and "Programming\tPython, R" → the label and the list."""
    match = re.match(r"^([^:\t,;|()]{1,40}?)\s*(:|\t)\s*(.*)$", line)
    if not match or len(match.group(1).split()) > 4:
        return None, line
    label, separator, rest = match.group(1).strip(), match.group(2), match.group(3).strip()
    if separator == "\t" and ("\t" in rest or not re.search(r"[,;|•·/]", rest)):
        return None, line  # cells of a row ("Python\tExpert", "Supply chain\tP&L"), no label
    return label, rest


def _parts(text: str) -> list[str]:
    """``text`` split at the list separators that are not inside parentheses."""
    out: list[str] = []
    start = 0
    for match in _SPLIT.finditer(text):
        if text.count("(", 0, match.start()) <= text.count(")", 0, match.start()):
            out.append(text[start : match.start()])
            start = match.end()
    return [p for p in (*out, text[start:]) if p.strip()]


def _items(text: str) -> list[str]:
    out: list[str] = []
    for part in _parts(text):
        if as_language(part):
            out.append(part)  # "Englisch (C1)": the level stays with it
            continue
        for inner in re.findall(r"\(([^()]*)\)", part):
            inner_items = [i.strip() for i in re.split(r"[,;/]", inner) if i.strip()]
            if inner_items and all(canonical(i) for i in inner_items):
                out += inner_items  # "React (Hooks, Redux)"
        part = re.sub(r"\s*\([^()]*\)", "", part).strip(" .:")
        if part:
            out += _split_joined(part)
    return out


def _split_joined(item: str) -> list[str]:
    """ "HTML/CSS" → two, "CI/CD" one; "Word and Excel" → two, "Research and Development"
    one: a slash or an "and" splits where it separates a known skill."""
    if canonical(item):
        return [item]
    if "/" in item:
        parts = [p.strip() for p in item.split("/")]
        if all(parts) and any(canonical(p) for p in parts) and all(len(p) > 1 for p in parts):
            return parts
    parts = [p.strip() for p in re.split(r"\s+(?:and|&|und|et|y|e)\s+", item)]
    if len(parts) == 2 and all(len(p.split()) <= 3 for p in parts) and any(map(canonical, parts)):
        return parts  # "Excel and Google Sheets": one known, the other a name beside it
    return [item]


def as_language(item: str) -> tuple[str, str | None] | None:
    core = re.sub(r"\([^)]*\)", " ", item)
    core = re.sub(r"\b[ABC][12]\b|[:\-–]", " ", core)
    parsed = parse_item(item)
    if parsed is None:
        return None
    words = [w for w in core.split() if not level_of(w) and not _LEVELS.match(w)]
    return parsed if language_name(" ".join(words)) == parsed[0] else None


def _take(item: str, found: Found) -> None:
    item = _RATING.sub("", item).strip(" .:;-–—*\"'")
    if not item or _LEVELS.match(item) or _FILLER.match(item):
        return
    language = as_language(item)
    if language:
        found.languages.append(language)
        return
    name = canonical(item) or canonical(_without_level(item))
    if name:
        found.add(name)
    elif len(item.split()) > 5 or len(item) > 50 or _PHRASE.search(item):
        for name in in_text(item):  # a sentence, not an item: "Proficient in SQL"
            found.add(name)
    elif len(item) > 2 and _plausible(item):  # "py", "IT": too short to mean one thing
        found.add(item)


_LEVEL_WORD = (
    r"(?:advanced|basic|intermediate|expert|strong|solid|good|very good|excellent|avanzad[oa]|"
    r"b[áa]sic[oa]|intermedi[oa]|avanc[ée]e?|fortgeschrittene?[rn]?|gute|sehr gute|solide|"
    r"grundlegende|vertiefte|notions? (?:de|en))"
)
_LEVEL_AROUND = re.compile(
    rf"^(?:{_LEVEL_WORD}\s+)+|(?:\s+{_LEVEL_WORD})+$|[-\s](?:kenntnisse|skills|knowledge)$",
    re.IGNORECASE,
)


def _without_level(item: str) -> str:
    """ "Excel avanzado", "Advanced Excel", "SAP-Kenntnisse" → the skill alone."""
    return _LEVEL_AROUND.sub("", _LEVEL_AROUND.sub("", item)).strip()


def _plausible(item: str) -> bool:
    """Kept as written: a short name, not a date, an address or a heading."""
    if not re.search(r"[^\W\d_]", item) or re.search(r"@|https?:|www\.|\d{4,}", item):
        return False
    if dates.ANY_YEAR.search(item) or heading(item) is not None:
        return False
    pronoun = re.search(r"\b(?:i|my|we|our|ich|mein|wir|je|mon|nous|yo|mi|nosotros)\b", item, re.I)
    return not item.endswith(("!", "?")) and pronoun is None
