"""parse_resume and read_resume on realistic resumes: every field, headings in four languages,
the fallbacks where headings are missing, and odd input."""

from __future__ import annotations

import random
import time

import docx
import pytest

from peoplelens.documents.profile import LanguageSkill, ResumeProfile
from peoplelens.documents.resume import parse_resume, read_resume
from peoplelens.documents.resume.cleanup import certification_items
from peoplelens.documents.text import clean
from tests.documents import samples
from tests.documents.render import docx_bytes, pdf_columns, pdf_lines


def german_table_docx() -> bytes:
    document = docx.Document()
    table = document.add_table(rows=0, cols=2)
    for label, lines in samples.GERMAN_TABLE_ROWS:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = lines[0]
        for extra in lines[1:]:
            cells[1].add_paragraph(extra)
    return docx_bytes(document)


def test_two_column_pdf() -> None:
    data = pdf_columns(samples.HEADER, samples.SIDEBAR, samples.MAIN)
    started = time.monotonic()
    profile = read_resume(data)
    assert time.monotonic() - started < 1.0
    assert profile.name == "Maria Schneider"
    assert profile.email == "maria.schneider@example.com"
    assert profile.phone == "+49 30 1234 5678"
    assert profile.linkedin_url == "https://www.linkedin.com/in/maria-schneider"
    assert profile.professional_summary.startswith("Backend engineer with ten years")
    assert profile.skills == [
        "Python", "Go", "PostgreSQL", "Kubernetes", "Docker", "AWS", "Terraform", "Kafka"
    ]  # fmt: skip
    assert profile.languages == [
        LanguageSkill("German", "native"),
        LanguageSkill("English", "C1"),
        LanguageSkill("Spanish", "A2"),
    ]
    assert profile.experience_summary.splitlines()[:3] == [
        "Senior Backend Engineer, PayFast GmbH",
        "03/2019 – present",
        "• Led a team of five engineers building the settlement service in Go and PostgreSQL.",
    ]
    assert "Contact tests" not in profile.education_summary
    assert profile.education_summary.splitlines()[0] == "MSc Computer Science, TU Berlin"
    assert profile.certifications == [
        "AWS Certified Solutions Architect – Associate (2021)",
        "Certified Kubernetes Administrator (CKA), 2022",
    ]
    assert profile.sections_found == [
        "summary", "experience", "education", "skills", "certifications", "languages"
    ]  # fmt: skip


def test_us_nurse_txt() -> None:
    profile = read_resume(samples.NURSE_TXT.encode())
    assert (profile.name, profile.phone) == ("Jennifer A. Lopez", "(312) 555-0187")
    assert profile.linkedin_url == "https://www.linkedin.com/in/jenniferlopezrn"
    assert "experience" in profile.sections_found
    assert profile.experience_summary.startswith("Charge Nurse, Emergency Department")
    assert profile.education_summary.startswith("Bachelor of Science in Nursing (BSN)")
    assert profile.certifications == [
        "Registered Nurse, State of Illinois",
        "Basic Life Support (BLS), American Heart Association",
        "ACLS",
        "PALS",
        "TNCC",
    ]
    assert profile.skills[:5] == [
        "Patient assessment", "Triage", "IV therapy", "Epic", "Wound care"
    ]  # fmt: skip
    assert profile.languages == []


def test_french_txt() -> None:
    profile = parse_resume(samples.FRENCH_TXT)
    assert (profile.name, profile.phone) == ("Camille Dubois", "+33 6 12 34 56 78")
    assert profile.professional_summary.startswith("Développeuse passionnée")
    assert profile.experience_summary.startswith("Développeuse Full Stack — Santé Connect")
    assert profile.education_summary.startswith("Master Informatique")
    assert profile.skills == [
        "JavaScript", "TypeScript", "React", "Node.js", "PostgreSQL", "Docker", "Agile"
    ]  # fmt: skip
    assert profile.languages == [
        LanguageSkill("French", "native"),
        LanguageSkill("English", "C1"),
        LanguageSkill("Spanish", "A2"),
    ]


def test_spanish_pdf() -> None:
    profile = read_resume(pdf_lines(samples.SPANISH_LINES))
    assert profile.name == "Javier Martínez García"
    assert profile.professional_summary.startswith("Ingeniero de datos con experiencia")
    assert "Banco Iberia" in profile.experience_summary
    assert profile.education_summary.startswith("Grado en Ingeniería Informática")
    assert profile.skills == ["Python", "SQL", "Apache Spark", "Power BI", "Excel"]
    assert profile.languages == [
        LanguageSkill("Spanish", "native"),
        LanguageSkill("English", "B2"),
        LanguageSkill("French", "A2"),
    ]


def test_german_table_docx() -> None:
    profile = read_resume(german_table_docx())
    assert (profile.name, profile.phone) == ("Lukas Becker", "0171 2345678")
    assert profile.professional_summary.startswith("Erfahrener Vertriebsleiter")
    assert profile.experience_summary.startswith("04/2018 – heute: Vertriebsleiter")
    assert profile.skills == [
        "Salesforce", "HubSpot", "Microsoft Office", "Cold calling", "Negotiation"
    ]  # fmt: skip
    assert profile.languages == [
        LanguageSkill("German", "native"),
        LanguageSkill("English", "C2"),
        LanguageSkill("French", "A2"),
    ]


def test_no_headings_at_all_uses_the_fallbacks() -> None:
    profile = parse_resume(samples.WAREHOUSE_TXT)
    assert profile.sections_found == []
    assert profile.name == "Marcus Johnson"
    assert profile.phone == "937-555-0142"
    assert profile.professional_summary.startswith("Reliable warehouse associate")
    assert profile.experience_summary.splitlines()[:2] == [
        "Lead Warehouse Associate, Midwest Distribution Co.",
        "2020 – present",
    ]
    assert "High School" not in profile.experience_summary
    assert profile.education_summary == "High School Diploma, Dayton Central High School, 2016"
    assert "Forklift" in profile.skills and "Pallet jack" in profile.skills


def test_summary_running_into_entries_without_a_heading() -> None:
    text = (
        "Jane Doe\n\nProfile\nNurse with ten years on surgical wards, calm and precise, "
        "trusted with training new staff.\n\nStaff Nurse, City Hospital\n2015 – present\n"
        "Cared for post-operative patients.\n\nSkills\nWound care, Triage"
    )
    profile = parse_resume(text)
    assert profile.professional_summary.endswith("trusted with training new staff.")
    assert profile.experience_summary.startswith("Staff Nurse, City Hospital")


def test_combined_sections_are_routed() -> None:
    text = (
        "Jane Doe\nEducation & Certifications\nBSc Biology, University of Leeds, 2014\n"
        "Certified Scrum Master (CSM), 2019\nSkills & Languages\nExcel, SAP\n"
        "German (native), English (C1)"
    )
    profile = parse_resume(text)
    assert profile.education_summary == "BSc Biology, University of Leeds, 2014"
    assert profile.certifications == ["Certified Scrum Master (CSM), 2019"]
    assert profile.skills == ["Excel", "SAP"]
    assert [lang.name for lang in profile.languages] == ["German", "English"]


def test_programming_languages_under_languages_are_skills() -> None:
    profile = parse_resume("Jane Doe\nLanguages\nPython, Java, English (C1)")
    assert profile.languages == [LanguageSkill("English", "C1")]
    assert profile.skills == ["Python", "Java"]


def test_empty_text_gives_an_empty_profile() -> None:
    assert parse_resume("") == ResumeProfile()


def test_odd_text_never_raises() -> None:
    rng = random.Random(7)
    alphabet = "abc XYZ 0123 ,;:|•–-()/\t\n@.+#éßç" + "\u200b\u00a0"
    for _ in range(200):
        parse_resume("".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 400))))


def test_summaries_are_bounded() -> None:
    text = "Experience\n" + "\n".join(f"• Did thing number {i} very well." for i in range(2000))
    profile = parse_resume(text)
    assert 3000 < len(profile.experience_summary) <= 4002
    assert profile.experience_summary.endswith("…")


def test_europass_style_labels() -> None:
    text = (
        "Personal information\nFirst name(s) / Surname(s)\tAnna Kowalska\n"
        "Telephone(s)\t+48 22 123 45 67\nWork experience\nDates\tOctober 2018 – present\n"
        "Occupation or position held\tQuality Assurance Engineer\n"
        "Personal skills and competences\nMother tongue(s)\tPolish\n"
        "Other language(s)\tEnglish C1, German B1\n"
        "Computer skills and competences\tJava, Selenium, Jenkins\nProgramming\tPython, R"
    )
    profile = parse_resume(text)
    assert profile.name == "Anna Kowalska"
    assert profile.experience_summary.startswith("Dates | October 2018 – present")
    assert profile.skills == ["Java", "Selenium", "Jenkins", "Python", "R"]
    assert profile.languages == [
        LanguageSkill("Polish", "native"),
        LanguageSkill("English", "C1"),
        LanguageSkill("German", "B1"),
    ]


def test_capitalised_inline_heading_ends_an_entry_section() -> None:
    text = (
        "Jane Doe\nEXPERIENCE\nEngineer at Acme, 2019 – 2021\nEDUCATION: BSc Physics, MIT\n"
        "SKILLS: Go"
    )
    profile = parse_resume(text)
    assert profile.experience_summary == "Engineer at Acme, 2019 – 2021"
    assert profile.education_summary == "BSc Physics, MIT"
    assert profile.skills == ["Go"]


def test_programming_languages_label_inside_skills() -> None:
    text = (
        "David Chen\nSKILLS\nLanguages: Go, Java, Kotlin\nTechnologies: Kubernetes, Kafka\n"
        "EDUCATION\nB.S. in Computer Science"
    )
    profile = parse_resume(text)
    assert profile.skills == ["Go", "Java", "Kotlin", "Kubernetes", "Kafka"]
    assert profile.languages == [] and "languages" not in profile.sections_found


def test_a_grid_of_competencies_and_a_nickname() -> None:
    text = (
        'Robert "Bob" Miller\nCORE COMPETENCIES\nSupply Chain Strategy\tP&L Management\t'
        "Lean Six Sigma\nPERSONAL DETAILS\nLanguages Known: English, Hindi"
    )
    profile = parse_resume(text)
    assert profile.name == "Robert Miller"
    assert profile.skills == ["Supply Chain Strategy", "P&L Management", "Six Sigma"]
    assert [lang.name for lang in profile.languages] == ["English", "Hindi"]


def test_main_column_after_its_sidebar_restarts_at_the_name() -> None:
    """A LinkedIn export as read: the sidebar's sections, then the name, headline and
    location at the top of the main column, then its sections."""
    text = (
        "Contact\nwww.linkedin.com/in/kwame-\nmensah-4b2a1 (LinkedIn)\nTop Skills\n"
        "Financial Modeling\nValuation\nLanguages\nEnglish (Native or Bilingual)\n"
        "Twi (Native or Bilingual)\nCertifications\nCFA Level II Candidate\n\nKwame Mensah\n"
        "Senior Financial Analyst at Barclays\nLondon, England, United Kingdom\n\nSummary\n"
        "Financial analyst with eight years in corporate finance.\nExperience\nBarclays\n"
        "Senior Financial Analyst\nMarch 2020 - Present (4 years 3 months)"
    )
    profile = parse_resume(text)
    assert profile.name == "Kwame Mensah"
    assert profile.linkedin_url == "https://www.linkedin.com/in/kwame-mensah-4b2a1"
    assert profile.certifications == ["CFA Level II Candidate"]
    assert profile.skills == ["Financial modeling", "Valuation"]
    assert profile.languages == [LanguageSkill("English", "native"), LanguageSkill("Twi", "native")]
    assert profile.experience_summary.startswith("Barclays\nSenior Financial Analyst")


def test_entries_under_an_unknown_heading_after_skills_are_experience() -> None:
    text = (
        "Jane Doe\nSkills\nExcel, SAP\n\nWhere I have worked\nBuyer, Acme Retail\n"
        "2018 – present\nNegotiated supplier contracts."
    )
    profile = parse_resume(text)
    assert profile.skills == ["Excel", "SAP"]
    assert profile.experience_summary == (
        "Buyer, Acme Retail\n2018 – present\nNegotiated supplier contracts."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            samples.GERMAN_TXT,
            {
                "name": "Sabine Hoffmann",
                "phone": "0221 / 123 45 67",
                "skills": ["Microsoft Office", "SAP HCM", "DATEV"],
                "languages": [("German", "native"), ("English", "C1"), ("Spanish", "A2")],
                "experience": "seit 04/2017 | Personalreferentin, Rheinmetall AG, Düsseldorf",
            },
        ),
        (
            samples.UK_RETAIL_TXT,
            {
                "name": "Emily Clarke",
                "phone": "07700 900456",
                "skills": [
                    "Customer service", "Cash handling", "Visual merchandising", "Stock control",
                ],
                "languages": [],
                "experience": "Sales Assistant – Next plc, Leeds",
            },
        ),
        (
            samples.INDIA_TXT,
            {
                "name": "Rahul Verma",
                "phone": "+91-9876543210",
                "skills": ["Manual Testing", "Selenium", "Java", "SQL", "Jira"],
                "languages": [("English", None), ("Hindi", None), ("Telugu", None)],
                "experience": "Test Engineer, Infosys Ltd., Hyderabad (Aug 2019 – Present)",
            },
        ),
        (
            samples.DRIVER_TXT,
            {
                "name": "Robert Miller",
                "phone": "602-555-0177",
                "skills": [
                    "Pre-trip inspections", "ELD logs", "Defensive driving", "Forklift",
                    "Load securement",
                ],
                "languages": [],
                "experience": "OTR Driver | Swift Transportation | 2016 – Present",
            },
        ),
    ],
    ids=["german", "uk-retail", "india", "truck-driver"],
)  # fmt: skip
def test_more_samples(text: str, expected: dict[str, object]) -> None:
    profile = parse_resume(clean(text))
    assert profile.name == expected["name"]
    assert profile.phone == expected["phone"]
    assert profile.skills == expected["skills"]
    assert [(lang.name, lang.level) for lang in profile.languages] == expected["languages"]
    assert profile.experience_summary.splitlines()[0] == expected["experience"]


def test_emoji_headings_bullets_and_full_width_letters() -> None:
    text = clean(
        "Omar Saleh\n📧 omar.saleh@example.com\n\n🧭 Profile\nFreight planner in Leeds.\n\n"
        "🛠️ Skills\n✅ Route planning\n✅ ＳＡＰ and Google Sheets\n\n🌍 Languages\n"
        "Arabic (native) · English (C1)\n"
    )
    profile = parse_resume(text)
    assert profile.sections_found == ["summary", "skills", "languages"]
    assert profile.professional_summary == "Freight planner in Leeds."
    assert profile.skills[:2] == ["Route planning", "SAP"]
    assert profile.languages == [LanguageSkill("Arabic", "native"), LanguageSkill("English", "C1")]


NO_HEADINGS = """Tomás Reyes
Valencia | tomas.reyes@example.es

Técnico de mantenimiento con seis años en plantas de embotellado y en líneas de envasado.

Técnico de mantenimiento, Envases Turia S.A.
2019 – actualidad
- Mantenimiento preventivo de 14 líneas.
Electromecánico de guardia, Aguas del Júcar, Valencia, España
2016 – 2019

Grado en Ingeniería Eléctrica, Universitat Politècnica de València
2012 – 2016

PLC Siemens, neumática, hidráulica, soldadura TIG, lectura de planos, SAP PM

Español (nativo), valenciano (C1), inglés (B1)
"""


def test_lists_without_headings_are_skills_and_languages() -> None:
    profile = parse_resume(NO_HEADINGS)
    assert profile.sections_found == []
    assert "SAP PM" in profile.skills or "SAP" in profile.skills
    assert "soldadura TIG" in profile.skills and "neumática" in profile.skills
    assert not any("Aguas" in s or "Valencia" in s or "España" in s for s in profile.skills)
    assert profile.languages == [
        LanguageSkill("Spanish", "native"),
        LanguageSkill("Valencian", "C1"),
        LanguageSkill("English", "B1"),
    ]


def test_a_job_line_or_a_sentence_with_commas_is_no_skills_list() -> None:
    text = (
        "Ana Lima\nana@example.pt\n\nSenior Analyst, Banco Atlântico, Lisboa, Portugal\n"
        "Worked on risk, pricing, reporting, audits and controls for retail lending.\n"
    )
    profile = parse_resume(text)
    assert not any(s in profile.skills for s in ("Banco Atlântico", "pricing", "Portugal"))
    assert profile.languages == []


def test_certificates_wrapped_in_a_narrow_column_are_one_item_each() -> None:
    lines = [
        "Certified Information Systems",
        "Auditor (CISA), 2021",
        "Level 2 Award in Health and Safety in",
        "Construction (CITB)",
        "Lean Practitioner",
        "(APICS)",
        "ITIL Foundation",
        "PRINCE2 Practitioner",
    ]
    assert certification_items(lines) == [
        "Certified Information Systems Auditor (CISA), 2021",
        "Level 2 Award in Health and Safety in Construction (CITB)",
        "Lean Practitioner (APICS)",
        "ITIL Foundation",
        "PRINCE2 Practitioner",
    ]


def test_years_at_a_school_under_training_are_education() -> None:
    text = (
        "Jo Baker\njo.baker@example.com\n\nTraining\n"
        "HND Hospitality Management, Glasgow Kelvin College\n2015 – 2017\n\n"
        "Certifications\nPersonal Licence Holder (APLH), 2018\n"
    )
    profile = parse_resume(text)
    assert "Glasgow Kelvin College" in profile.education_summary
    assert profile.certifications == ["Personal Licence Holder (APLH), 2018"]


def test_no_headings_and_no_blank_lines() -> None:
    text = (
        "Inês Rocha\nEnfermeira\nPorto | inês.rocha@example.pt\n"
        "Enfermeira com oito anos em cuidados intensivos e em urgência pediátrica, atenta aos "
        "doentes e às famílias.\n"
        "Enfermeira, Hospital de Santo António\t2017 – 2025\n"
        "Centro Hospitalar do Porto\n"
        "Licenciatura em Enfermagem\t2016\n"
        "ESEP Porto\n"
    )
    profile = parse_resume(text)
    assert profile.professional_summary.startswith("Enfermeira com oito anos")
    assert "Centro Hospitalar do Porto" in profile.experience_summary
    assert "Licenciatura" not in profile.experience_summary
    assert profile.education_summary == "Licenciatura em Enfermagem | 2016\nESEP Porto"


def test_awards_under_a_joined_certifications_heading_are_achievements() -> None:
    text = (
        "Lee Park\nlee.park@example.com\n\nCertifications & Awards\n"
        "AWS Certified Developer – Associate (2022)\nEngineer of the Year, Nimbus Labs (2023)\n"
        "\nSelected work\nRoute optimiser for 40 delivery vans\n"
    )
    profile = parse_resume(text)
    assert profile.certifications == ["AWS Certified Developer – Associate (2022)"]
    assert "Engineer of the Year" in profile.projects_achievements
    assert "Route optimiser" in profile.projects_achievements
