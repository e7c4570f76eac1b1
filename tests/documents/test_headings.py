"""Section headings in English, German, French, Spanish and Portuguese, and the lines that only
look like them."""

from __future__ import annotations

import pytest

from peoplelens.documents.resume.headings import heading
from peoplelens.documents.resume.sections import split


@pytest.mark.parametrize(
    ("line", "section"),
    [
        # English, in the usual decorations
        ("SUMMARY", "summary"),
        ("About me", "summary"),
        ("Professional Experience", "experience"),
        ("— EXPERIENCE —", "experience"),
        ("EXPERIENCE ____", "experience"),
        ("Work history:", "experience"),
        ("Relevant Work Experience", "experience"),
        ("CLINICAL EXPERIENCE", "experience"),
        ("Employment", "experience"),
        ("E X P E R I E N C E", "experience"),
        ("1. Education", "education"),
        ("## Skills", "skills"),
        ("Technical Skills", "skills"),
        ("Certifications", "certifications"),
        ("Licenses & Certifications", "certifications"),
        ("Languages", "languages"),
        ("Projects", "projects"),
        ("Key Achievements", "projects"),
        # German
        ("Zusammenfassung", "summary"),
        ("Profil", "summary"),
        ("Berufserfahrung", "experience"),
        ("BERUFLICHER WERDEGANG", "experience"),
        ("Ausbildung", "education"),
        ("Studium", "education"),
        ("Kenntnisse", "skills"),
        ("Fähigkeiten", "skills"),
        ("IT-Kenntnisse", "skills"),
        ("Zertifikate", "certifications"),
        ("Sprachen", "languages"),
        ("Sprachkenntnisse", "languages"),
        ("Projekte", "projects"),
        # French
        ("Résumé", "summary"),
        ("Expérience professionnelle", "experience"),
        ("EXPÉRIENCES PROFESSIONNELLES", "experience"),
        ("Formation", "education"),
        ("Éducation", "education"),
        ("Compétences", "skills"),
        ("Langues", "languages"),
        ("Projets", "projects"),
        # Spanish
        ("Perfil", "summary"),
        ("Extracto", "summary"),
        ("Experiencia laboral", "experience"),
        ("Educación", "education"),
        ("Formación académica", "education"),
        ("Habilidades", "skills"),
        ("Competencias", "skills"),
        ("Certificaciones", "certifications"),
        ("Idiomas", "languages"),
        ("Proyectos", "projects"),
        ("Logros", "projects"),
        # Portuguese
        ("Experiência profissional", "experience"),
        ("Formação acadêmica", "education"),
        # Sections we do not keep still end the one before
        ("Hobbies & Interests", "other"),
        ("Persönliche Daten", "other"),
        ("Centres d'intérêt", "other"),
    ],
)
def test_headings(line: str, section: str) -> None:
    found = heading(line)
    assert found is not None and found.section == section


@pytest.mark.parametrize(
    "line",
    [
        "I have experience in sales and marketing.",
        "Experience with Kubernetes and Go",
        "5 years experience",
        "Skills developed through customer work",
        "Gained experience leading a team of five",
        "Senior Software Engineer",
        "Jane Doe",
        "",
    ],
)
def test_sentences_are_not_headings(line: str) -> None:
    assert heading(line) is None


def test_heading_with_content_on_its_line() -> None:
    found = heading("Skills: Python, Go")
    assert found is not None and (found.section, found.rest) == ("skills", "Python, Go")
    found = heading("Idiomas:\tCastellano (nativo)")
    assert found is not None and (found.section, found.rest) == ("languages", "Castellano (nativo)")


def test_joined_headings_name_both_sections() -> None:
    found = heading("Education & Certifications")
    assert found is not None and (found.section, found.also) == ("education", ("certifications",))


def test_inline_label_inside_a_job_does_not_end_experience() -> None:
    blocks = split(
        [
            "EXPERIENCE",
            "Engineer, Acme, 2019 – 2023",
            "Tech stack: Python, Go",
            "Engineer, Initech, 2015 – 2019",
            "EDUCATION",
            "BSc Physics",
        ]
    )
    assert [(b.section, len(b.lines)) for b in blocks] == [
        ("header", 0),
        ("experience", 3),
        ("education", 1),
    ]


def test_sub_heading_in_another_style_stays_in_its_entry() -> None:
    blocks = split(
        [
            "SUMMARY",
            "Engineer.",
            "EXPERIENCE",
            "Engineer, Acme",
            "Key achievements",
            "• Cut costs by 20%",
            "Engineer, Initech",
            "EDUCATION",
            "BSc Physics",
        ]
    )
    assert [b.section for b in blocks] == ["header", "summary", "experience", "education"]


def test_resume_title_on_top_is_not_a_summary_heading() -> None:
    blocks = split(["RESUME", "Jane Doe", "Summary", "Nurse."])
    assert [b.section for b in blocks] == ["header", "summary"]
    assert blocks[0].lines == ["RESUME", "Jane Doe"]


@pytest.mark.parametrize(
    ("line", "section"),
    [
        ("EXPERIENCE (cont.)", "experience"),
        ("Berufserfahrung (Fortsetzung)", "experience"),
        ("Experience — continued", "experience"),
        ("Awards and Recognition", "projects"),
        ("Training & Development", "certifications"),
        ("Relevant Coursework", "education"),
        ("Top Skills", "skills"),
        ("Honors-Awards", "projects"),
    ],
)
def test_continued_and_less_common_headings(line: str, section: str) -> None:
    found = heading(line)
    assert found is not None and found.section == section


@pytest.mark.parametrize(
    ("line", "section"),
    [
        ("🚀 Projects", "projects"),
        ("🛠️ Technical skills ✨", "skills"),
        ("Projekte (Auswahl)", "projects"),
        ("Ausgewählte Projekte", "projects"),
        ("Formations complémentaires", "certifications"),
        ("Formación complementaria", "certifications"),
        ("Cursos complementares", "certifications"),
        ("Licenses and Certifications", "certifications"),
        ("Career highlights", "projects"),
        ("Logros destacados", "projects"),
        ("Principais projetos", "projects"),
        ("Otros datos", "other"),
        ("Open-source contributions", "projects"),
        ("Project experience", "projects"),
        ("Wichtige Projekte", "projects"),
        ("Réalisations marquantes", "projects"),
        ("Awards & Grants", "projects"),
    ],
)
def test_emoji_accented_modifiers_and_further_training(line: str, section: str) -> None:
    found = heading(line)
    assert found is not None and found.section == section


def test_inline_heading_with_a_long_first_paragraph() -> None:
    line = "Perfil: " + "Contable con diez años de oficio en empresas de transporte y de servicios."
    found = heading(line)
    assert len(line) > 80
    assert found is not None and found.section == "summary" and found.rest.startswith("Contable")
