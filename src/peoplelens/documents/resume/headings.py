"""Section headings in English, German, French, Spanish and Portuguese.

A line is a heading when, stripped of decoration ("— EXPERIENCE —", "1. Skills:", "E X P E R
I E N C E"), it *is* a heading phrase — optionally with modifiers ("Relevant Work Experience",
"Expériences professionnelles") or two phrases joined ("Education & Certifications") — or
starts with one followed by a colon or a tab and the section's first content ("Skills: Python,
Go"). A sentence that merely contains "experience" is never one: the whole line must match.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


def _p(phrases: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in phrases.split("|"))


_PHRASES: dict[str, tuple[str, ...]] = {
    "summary": _p(
        "summary | professional summary | career summary | executive summary | profile | "
        "professional profile | personal profile | career profile | about | about me | "
        "objective | career objective | overview | personal statement | introduction | "
        "summary of qualifications | qualifications summary | highlights | who i am | profil "
        "| kurzprofil | persönliches profil | berufsprofil | zusammenfassung | über mich | "
        "karriereziel | qualifikationsprofil | profil professionnel | résumé | résumé "
        "professionnel | à propos | à propos de moi | présentation | objectif | objectif "
        "professionnel | synthèse | accroche | perfil | perfil profesional | resumen | "
        "resumen profesional | extracto | sobre mí | acerca de mí | objetivo | objetivo "
        "profesional | presentación | resumo | resumo profissional | sobre mim | perfil "
        "profissional"
    ),
    "experience": _p(
        "experience | work experience | professional experience | employment | employment "
        "history | work history | career history | professional background | career | "
        "professional history | positions held | internships | volunteer experience | "
        "berufserfahrung | berufliche erfahrung | beruflicher werdegang | werdegang | "
        "berufspraxis | erfahrung | arbeitserfahrung | praktische erfahrung | berufliche "
        "stationen | praktika | berufstätigkeit | expérience | expériences | expérience "
        "professionnelle | expériences professionnelles | parcours professionnel | parcours | "
        "emplois | stages | experiencia | experiencia laboral | experiencia profesional | "
        "trayectoria profesional | historial laboral | experiência | experiência profissional "
        "| histórico profissional"
    ),
    "education": _p(
        "education | education and training | academic background | academic history | "
        "qualifications | academic qualifications | studies | schooling | ausbildung | "
        "bildung | bildungsweg | studium | schulbildung | akademischer werdegang | schulische "
        "ausbildung | hochschulbildung | aus- und weiterbildung | formation | formations | "
        "éducation | études | parcours académique | cursus | diplômes | formation académique "
        "| educación | formación | formación académica | estudios | titulación | educação | "
        "formação | formação acadêmica | formação académica | escolaridade | coursework | "
        "relevant coursework"
    ),
    "skills": _p(
        "skills | technical skills | key skills | core skills | core competencies | "
        "competencies | areas of expertise | expertise | technologies | tech stack | tools | "
        "abilities | hard skills | soft skills | it skills | computer skills | technical "
        "proficiencies | proficiencies | skill set | skillset | capabilities | specialties | "
        "programming languages | kenntnisse | fähigkeiten | fachkenntnisse | kompetenzen | "
        "fachkompetenzen | qualifikationen | fertigkeiten | kernkompetenzen | schwerpunkte | "
        "edv | compétences | compétences techniques | savoir-faire | aptitudes | compétences "
        "clés | outils | informatique | connaissances | habilidades | competencias | "
        "conocimientos | destrezas | informática | competências | conhecimentos | skills and "
        "expertise | technical expertise"
    ),
    "certifications": _p(
        "certifications | certification | certificates | licenses | licences | accreditations "
        "| courses | training | professional development | continuing education | credentials "
        "| zertifikate | zertifizierungen | weiterbildung | weiterbildungen | fortbildungen | "
        "kurse | lizenzen | schulungen | certificats | habilitations | certificaciones | "
        "certificados | cursos | licencias | certificações | training and development | "
        "licences and certifications | licenses and certifications | professional training | "
        "zusatzqualifikationen | fort- und weiterbildung | fort- und weiterbildungen | "
        "formation continue | formations complémentaires | formation complémentaire | "
        "formación complementaria | formación continua | cursos complementarios | cursos "
        "realizados | formação complementar | formação continuada | formações complementares | "
        "cursos complementares | cursos e certificações | cursos y certificaciones"
    ),
    "languages": _p(
        "languages | language skills | spoken languages | foreign languages | languages known | "
        "known languages | language "
        "proficiency | sprachen | sprachkenntnisse | fremdsprachen | sprachkompetenz | "
        "langues | compétences linguistiques | langues parlées | idiomas | lenguas | "
        "conocimientos de idiomas | línguas"
    ),
    "projects": _p(
        "projects | personal projects | side projects | open source | achievements | "
        "accomplishments | awards | honors | honours | publications | patents | projekte | "
        "projekterfahrung | erfolge | auszeichnungen | veröffentlichungen | publikationen | "
        "projets | projets personnels | réalisations | distinctions | prix | proyectos | "
        "logros | premios | reconocimientos | publicaciones | projetos | conquistas | prêmios "
        "| realizações | recognition | recognitions | honors and awards | awards and honors | "
        "career highlights | notable projects | key accomplishments | "
        "projektauswahl | logros destacados | proyectos destacados | principais projetos | "
        "prémios | distinções | portfolio | selected work | case studies | grants | "
        "awards and grants | scholarships | awards and scholarships | hackathons | open source "
        "contributions | contributions | talks | conference talks | presentations | speaking | "
        "research projects | career achievements | project experience | project highlights | "
        "volunteer projects | preise | reconhecimentos | premiações | projektliste | "
        "faits marquants"
    ),
    "other": _p(
        "interests | hobbies | activities | extracurricular activities | volunteering | "
        "volunteer work | references | referees | personal details | personal information | "
        "personal data | contact | contact details | contact information | memberships | "
        "affiliations | additional information | information | other | miscellaneous | "
        "driving licence | driving license | persönliche daten | angaben zur person | zur "
        "person | kontakt | kontaktdaten | hobbys | interessen | freizeit | sonstiges | "
        "referenzen | mitgliedschaften | engagement | ehrenamt | ehrenamtliches engagement | "
        "führerschein | centres d'intérêt | centres d'intérêts | intérêts | loisirs | "
        "informations personnelles | coordonnées | références | divers | activités | "
        "bénévolat | intereses | aficiones | pasatiempos | datos personales | información "
        "personal | contacto | referencias | otros | voluntariado | actividades | interesses "
        "| dados pessoais | contato | referências | outros | otros datos | datos de interés | "
        "informations | informations complémentaires | outras informações | sonstige angaben | "
        "weitere angaben | additional details"
    ),
}
# Words that qualify a heading without changing its section ("Relevant Work Experience").
# fmt: off
_MODIFIERS = frozenset((
    "professional", "relevant", "work", "selected", "additional", "other", "key", "core",
    "technical", "recent", "previous", "prior", "academic", "personal", "main", "general",
    "further", "select", "industry", "berufliche", "berufliches", "ausgewählte", "weitere",
    "sonstige", "besondere", "persönliche", "professionnelle", "professionnelles",
    "professionnel", "principales", "principaux", "clés", "complémentaires", "laboral",
    "laborales", "profesional", "profesionales", "relevante", "relevantes", "adicional",
    "adicionales", "profissional", "profissionais", "destacados", "destacadas",
    "principais", "sélectionnés", "seleccionados", "wichtige", "marquantes", "marquants",
    "major", "realizados", "realizadas", "réalisés", "notable", "selecionados",
))
# fmt: on
# Words that make a heading of whatever short phrase they end ("Clinical Experience") or, in
# French, Spanish and Portuguese, begin ("Expérience clinique").
_OPEN_TAILS = {
    "experience": "experience",
    "skills": "skills",
    "projects": "projects",
    "education": "education",
    "certifications": "certifications",
    "achievements": "projects",
    "competencies": "skills",
}  # fmt: skip
_OPEN_HEADS = {"experience": "experience", "experiences": "experience",
               "experiencia": "experience", "competences": "skills", "habilidades": "skills",
               "competencias": "skills", "projets": "projects", "proyectos": "projects",
               "projetos": "projects", "formation": "education", "formacion": "education",
               "formacao": "education"}  # fmt: skip
# fmt: off
_FUNCTION_WORDS = frozenset((
    "i", "we", "my", "our", "your", "have", "has", "had", "with", "of", "in", "for", "years",
    "a", "an", "the", "some", "no", "more", "any", "ich", "wir", "je", "nous", "mi", "mis",
    "tengo", "yo", "eu",
))
_COMPOUND_TAILS = {
    "sprachkenntnisse": "languages", "sprachenkenntnisse": "languages", "erfahrung": "experience",
    "kenntnisse": "skills", "kompetenzen": "skills", "fahigkeiten": "skills",
    "weiterbildungen": "certifications", "weiterbildung": "certifications",
    "ausbildung": "education", "projekte": "projects", "zertifikate": "certifications",
}
# fmt: on
_JOINERS = re.compile(r"\s*(?:&|\+|/|,|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*")
_DECORATION = " \t-–—_=*#•·|:;~.>»«<[](){}/\\\"'`+"
# Other symbols, format characters (ZWJ), marks (variation selectors), private use.
_PICTOGRAPHS = frozenset(("So", "Sk", "Cf", "Mn", "Me", "Co"))
_CONTINUED = re.compile(
    r"[\s—–-]*(?:continued|cont(?:'d|\.|inued)|fortsetzung|forts\.|suite|continuación)$",
    re.IGNORECASE,
)
_NUMBERING = re.compile(r"^(?:\d{1,2}|[ivx]{1,4})(?:[.):/|-]\s*|\s+)", re.IGNORECASE)
_INLINE = re.compile(r"^([^:：\t]{2,45}?)\s*(?:[:：]|\t)\s*(\S.*)$")
_TITLE_LINES = frozenset(
    ("curriculum vitae", "resume", "résumé", "cv", "lebenslauf", "tabellarischer lebenslauf")
)


def fold(text: str) -> str:
    """Casefolded, accents stripped, one space between words: the key phrases are matched by."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


_LOOKUP: dict[str, str] = {fold(p): section for section, ps in _PHRASES.items() for p in ps}
_FOLDED_MODIFIERS = frozenset(fold(m) for m in _MODIFIERS)  # "Ausgewählte Projekte"


@dataclass(frozen=True)
class Heading:
    section: str  # one of SECTIONS, or "other"
    also: tuple[str, ...] = ()  # further sections a joined heading names
    rest: str = ""  # content on the heading's own line
    upper: bool = False  # written in capitals (the document's heading style)


def pictograph(ch: str) -> bool:
    """An emoji or a pictograph ("✅", "💼"), with its variation selectors and joiners."""
    return unicodedata.category(ch) in _PICTOGRAPHS


def _strip_symbols(text: str) -> str:
    """Emoji and decoration around a heading ("💼 Experience", "🛠️ Skills ✨")."""

    def symbol(ch: str) -> bool:
        return ch in _DECORATION or pictograph(ch) or unicodedata.category(ch) == "Sm"

    start, end = 0, len(text)
    while start < end and symbol(text[start]):
        start += 1
    while end > start and symbol(text[end - 1]):
        end -= 1
    return text[start:end]


def strip_decoration(line: str) -> str:
    text = re.sub(r"\s*\([^()]*\)\s*[:.]?$", "", line.strip())  # "(selected)", "(cont.)"
    text = _strip_symbols(text)
    text = _CONTINUED.sub("", text)  # "Experience — continued"
    text = _NUMBERING.sub("", text.strip(_DECORATION)).strip(_DECORATION)
    tokens = text.split()
    if len(tokens) >= 3 and all(len(t) == 1 for t in tokens):  # "E X P E R I E N C E"
        words = re.split(r"\s{2,}|\t", text)  # the gaps between words are the wider ones
        text = " ".join(w.replace(" ", "") for w in words)
    return text


def _section_of(text: str) -> list[str] | None:
    key = fold(text)
    if key in _LOOKUP:
        return [_LOOKUP[key]]
    spelled = " ".join(key.replace("&", " and ").split())  # "Training & Development"
    if spelled in _LOOKUP:
        return [_LOOKUP[spelled]]
    if "-" in key and key.replace("-", " ") in _LOOKUP:  # "Open-source contributions"
        return [_LOOKUP[key.replace("-", " ")]]
    words = key.split()
    trimmed = [w for w in words if w not in _FOLDED_MODIFIERS]
    if trimmed and len(trimmed) < len(words) and " ".join(trimmed) in _LOOKUP:
        return [_LOOKUP[" ".join(trimmed)]]
    if "-" in key and key.rsplit("-", 1)[1] in _LOOKUP:  # "IT-Kenntnisse", "EDV-Kenntnisse"
        return [_LOOKUP[key.rsplit("-", 1)[1]]]
    if len(words) == 1:  # German compounds: "Führungserfahrung", "Fremdsprachenkenntnisse"
        tail = next((t for t in _COMPOUND_TAILS if key.endswith(t) and key != t), None)
        if tail:
            return [_COMPOUND_TAILS[tail]]
    written = text.split()
    if 2 <= len(words) <= 3 and len(written) == len(words) and not re.search(r"\d", key):
        # "Clinical Experience", "Teaching Experience" (every word capitalised, none a
        # function word: not "I have experience"); "Expérience clinique"
        capitalised = all(w[:1].isupper() for w in written)
        if words[-1] in _OPEN_TAILS and capitalised and not _FUNCTION_WORDS.intersection(words):
            return [_OPEN_TAILS[words[-1]]]
        head = words[0] in _OPEN_HEADS and written[0][:1].isupper()
        if head and not _FUNCTION_WORDS.intersection(words[1:]):
            return [_OPEN_HEADS[words[0]]]
    parts = [p for p in _JOINERS.split(key) if p]
    if len(parts) > 1:
        found = [_section_of(p) for p in parts]
        if all(found):
            return [s for f in found if f for s in f]
    return None


def heading(line: str) -> Heading | None:
    stripped = line.strip()
    if not stripped:
        return None
    text = strip_decoration(stripped) if len(stripped) <= 80 else ""
    if 0 < len(text) <= 50 and len(text.split()) <= 6 and not text.endswith((".", "!", "?")):
        sections = _section_of(text)
        if sections:
            return _make(sections, "", text)
    inline = _INLINE.match(stripped)
    if inline:
        head = strip_decoration(inline.group(1))
        sections = _section_of(head) if len(head.split()) <= 4 else None
        if sections:
            return _make(sections, inline.group(2).strip(), head)
    return None


def _make(sections: list[str], rest: str, text: str) -> Heading:
    unique = list(dict.fromkeys(sections))
    main = next((s for s in unique if s != "other"), "other")
    also = tuple(s for s in unique if s not in (main, "other"))
    letters = [ch for ch in text if ch.isalpha()]
    return Heading(main, also, rest, upper=bool(letters) and all(ch.isupper() for ch in letters))


def is_title_line(line: str) -> bool:
    """ "Curriculum Vitae", "Lebenslauf": a document title, not a name or a section."""
    return fold(strip_decoration(line)) in {fold(t) for t in _TITLE_LINES}
