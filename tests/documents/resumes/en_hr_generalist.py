from tests.documents.resume_set import Entry, Expected, Lang, Resume, Table, section

RESUME = Resume(
    id="en_hr_generalist",
    language="en",
    role="HR generalist",
    layouts=("docx_tables", "pdf_one_column"),
    held_out=False,
    name="Rebecca Stone",
    headline="HR Generalist, CIPD Level 5",
    contact=(
        "Glasgow G12",
        "0141 496 0732",
        "rebecca.stone.hr@example.co.uk",
        "linkedin.com/in/rebecca-stone-hr",
    ),
    sections=(
        section(
            "summary",
            "Profile",
            "Generalist HR partner for 450 employees in manufacturing and logistics: employee "
            "relations, absence, recruitment and the HR system, with a practical, fair approach.",
        ),
        section(
            "experience",
            "Employment",
            Entry(
                "HR Generalist",
                "Clydeside Packaging Ltd, Glasgow",
                "May 2020 – Present",
                (
                    "Advise managers on disciplinaries, grievances and long-term absence; "
                    "no tribunal claims lost.",
                    "Implemented BambooHR and moved 450 personnel files online.",
                    "Cut time-to-hire for warehouse roles from 34 to 19 days.",
                ),
            ),
            Entry(
                "HR Assistant",
                "Caledonian Retail Group, Edinburgh",
                "Aug 2017 – Apr 2020",
                ("Ran onboarding for 200 seasonal staff a year; payroll inputs to Sage.",),
            ),
        ),
        section(
            "skills",
            "Skills",
            Table(
                (
                    ("Employee relations", "Recruitment & onboarding"),
                    ("Absence management", "UK employment law"),
                    ("BambooHR", "Sage Payroll"),
                    ("Workday", "Excel (VLOOKUP, pivots)"),
                )
            ),
        ),
        section(
            "education",
            "Education",
            Entry("MA (Hons) Psychology", "University of Glasgow", "2013 – 2017"),
        ),
        section(
            "certifications",
            "Professional Qualifications",
            "CIPD Level 5 Associate Diploma in People Management (2021)",
        ),
        section("languages", "Languages", "English (native), Spanish (B1)"),
        section("other", "Volunteering", "Mentor with the Prince's Trust, 2019 – present."),
    ),
    expected=Expected(
        name="Rebecca Stone",
        email="rebecca.stone.hr@example.co.uk",
        phone="0141 496 0732",
        linkedin_url="https://www.linkedin.com/in/rebecca-stone-hr",
        skills=(
            "Employee Relations",
            "Recruitment|Recruitment & onboarding",
            "Onboarding",
            "Absence Management",
            "UK Employment Law|Employment Law",
            "BambooHR",
            "Sage Payroll|Sage",
            "Workday",
            "Excel|Microsoft Excel",
        ),
        skills_tolerated=(
            "VLOOKUP",
            "Pivot Tables|pivots",
            "Payroll",
            "Disciplinaries",
            "Grievances",
        ),
        languages=(Lang("English", "native"), Lang("Spanish", "B1")),
        summary=("450 employees in manufacturing and logistics",),
        experience=("Clydeside Packaging Ltd", "HR Generalist", "Caledonian Retail Group"),
        education=("University of Glasgow", "Psychology"),
        certifications=("CIPD Level 5 Associate Diploma",),
    ),
)
