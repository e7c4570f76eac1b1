from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="en_designer",
    language="en",
    role="product designer",
    layouts=("pdf_two_column", "docx_paragraphs"),
    held_out=True,
    name="Mia Tanaka",
    headline="Product Designer (UX/UI)",
    contact=(
        "Seattle, WA",
        "206.555.0188",
        "hello@miatanaka.example",
        "linkedin.com/in/miatanaka",
        "Portfolio: miatanaka.example/work",
    ),
    sections=(
        section(
            "summary",
            "Hi, I'm Mia",
            "I design calm interfaces for complicated jobs: scheduling for clinics, payroll for "
            "small teams. Six years in product design, the last three leading design for a "
            "B2B scheduling product.",
        ),
        section(
            "experience",
            "Where I've worked",
            Entry(
                "Lead Product Designer",
                "Slotwise, Seattle",
                "2022 – today",
                (
                    "Redesigned the booking flow; completed bookings up 23%.",
                    "Built the Figma design system (180 components) used by four squads.",
                ),
            ),
            Entry(
                "Product Designer",
                "Tandem Payroll, Portland",
                "2019 – 2022",
                ("Ran 60+ usability sessions; shipped the mobile timesheet app.",),
            ),
            Entry("Junior UI Designer", "Pixel & Pine Studio", "2018 – 2019"),
        ),
        section(
            "skills",
            "Toolbox",
            Bullets(
                (
                    "Figma",
                    "Sketch",
                    "Adobe Illustrator",
                    "Adobe Photoshop",
                    "Prototyping",
                    "User research",
                    "Usability testing",
                    "Design systems",
                    "Accessibility (WCAG 2.2)",
                )
            ),
        ),
        section(
            "education",
            "Education",
            Entry("BFA Interaction Design", "School of Visual Concepts, Seattle", "2014 – 2018"),
        ),
        section(
            "certifications",
            "Certifications",
            "NN/g UX Certification (Interaction Design), 2021",
        ),
        section("languages", "Languages", "English · Japanese (JLPT N2)"),
        section(
            "projects",
            "Side projects",
            "Transit Buddy — an accessible bus-arrival app, Apple Design Award finalist "
            "(student category).",
        ),
    ),
    expected=Expected(
        name="Mia Tanaka",
        email="hello@miatanaka.example",
        phone="206.555.0188",
        linkedin_url="https://www.linkedin.com/in/miatanaka",
        skills=(
            "Figma",
            "Sketch",
            "Adobe Illustrator|Illustrator",
            "Adobe Photoshop|Photoshop",
            "Prototyping",
            "User Research",
            "Usability Testing",
            "Design Systems",
            "Accessibility|WCAG|Accessibility (WCAG 2.2)",
        ),
        skills_tolerated=("UX Design|UX", "UI Design|UI", "Interaction Design"),
        languages=(Lang("English"), Lang("Japanese", "B2|C1")),
        summary=("calm interfaces for complicated jobs",),
        experience=("Slotwise", "Lead Product Designer", "Tandem Payroll"),
        education=("School of Visual Concepts", "BFA Interaction Design"),
        certifications=("NN/g UX Certification",),
        projects=("Transit Buddy",),
    ),
)
