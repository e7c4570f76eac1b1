"""Weird Unicode on purpose: the name also in Arabic script (right to left), emoji headings
with variation selectors, emoji contact labels, no-break spaces inside the phone number, a
zero-width space inside a skill list and full-width letters. Word files and text only (the
PDF font has no Arabic or emoji glyphs)."""

from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="en_unicode",
    language="en",
    role="operations coordinator and interpreter",
    layouts=("docx_paragraphs", "docx_tables", "txt"),
    held_out=False,
    name="Yasmin Haddad — ياسمين حداد",
    headline="Bilingual Operations Coordinator ✨ Arabic ⇄ English",
    contact=(
        "📍 Birmingham, UK",
        "📱 +44\u00a07700\u00a0900275",
        "📧 yasmin.haddad@example.com",
        "🔗 linkedin.com/in/yasmin-haddad-ops",
    ),
    tags=("unicode",),
    sections=(
        section(
            "summary",
            "👋 About me",
            "Operations coordinator with five years in logistics and humanitarian programmes, "
            "working daily in Arabic and English. I keep teams, suppliers and schedules in step.",
        ),
        section(
            "experience",
            "💼 Experience",
            Entry(
                "Operations Coordinator",
                "Midlands Refugee Action (منظمة دعم اللاجئين)",
                "2022 – present",
                (
                    "Coordinate housing moves for 300+ families a year with councils and "
                    "landlords.",
                    "Interpret at casework appointments (Arabic ⇄ English) 🗣️",
                ),
            ),
            Entry(
                "Logistics Assistant",
                "Gulf Freight Services, Dubai",
                "2019 – 2022",
                ("Booked sea and air shipments; customs paperwork for the GCC.",),
            ),
        ),
        section(
            "skills",
            "🛠️ Skills",
            Bullets(
                (
                    "Project coordination",
                    "Interpreting (Arabic/English)",
                    "Translation",
                    "Ｅｘｃｅｌ and Google Sheets",
                    "Customs\u200b documentation",
                    "Stakeholder communication",
                ),
                marker="✅",
            ),
        ),
        section(
            "education",
            "🎓 Education",
            Entry(
                "BA English Language and Translation",
                "American University of Sharjah",
                "2015 – 2019",
            ),
        ),
        section(
            "certifications",
            "📜 Certificates",
            "DPSI (Diploma in Public Service Interpreting), Law option — 2023",
        ),
        section(
            "languages", "🌍 Languages", "العربية Arabic (native) · English (C2) · French (A2)"
        ),
    ),
    expected=Expected(
        name="Yasmin Haddad|ياسمين حداد|Yasmin Haddad — ياسمين حداد",
        email="yasmin.haddad@example.com",
        phone="+44 7700 900275",
        linkedin_url="https://www.linkedin.com/in/yasmin-haddad-ops",
        skills=(
            "Project Coordination",
            "Interpreting|Interpretation",
            "Translation",
            "Excel|Microsoft Excel",
            "Google Sheets",
            "Customs Documentation",
            "Stakeholder Communication|Stakeholder Management",
        ),
        skills_tolerated=("Logistics", "Casework"),
        languages=(Lang("Arabic", "native"), Lang("English", "C2"), Lang("French", "A2")),
        summary=("humanitarian programmes",),
        experience=("Midlands Refugee Action", "Operations Coordinator", "Gulf Freight Services"),
        education=("American University of Sharjah", "English Language and Translation"),
        certifications=("Diploma in Public Service Interpreting",),
    ),
)
