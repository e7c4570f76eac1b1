from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="en_career_changer",
    language="en",
    role="QA tester (from retail management)",
    layouts=("docx_paragraphs", "pdf_two_column", "txt"),
    held_out=True,
    name="Natalie Price",
    headline="Junior QA Engineer · formerly Retail Store Manager",
    contact=(
        "Manchester M14",
        "+44 7700 900812",
        "natalie.price@example.com",
        "uk.linkedin.com/in/natalieprice-qa",
    ),
    sections=(
        section(
            "summary",
            "Career Change",
            "After nine years running busy retail stores I retrained in software testing. I "
            "bring the same habits to QA: checklists, calm escalation and caring about the "
            "customer's experience.",
        ),
        section(
            "skills",
            "Skills",
            Bullets(
                (
                    "Manual testing, test cases & bug reports",
                    "Selenium WebDriver (Java)",
                    "Postman / API testing",
                    "Jira & Confluence",
                    "SQL (basic queries)",
                    "Agile / Scrum",
                    "Stakeholder communication",
                    "Team leadership",
                )
            ),
        ),
        section(
            "education",
            "Training",
            Entry(
                "Software Testing Bootcamp (16 weeks, full-time)",
                "Northcoders, Manchester",
                "Jan – Apr 2024",
                ("Capstone: automated regression suite for a booking site, 140 tests.",),
            ),
            Entry("BA (Hons) Business Management", "Manchester Metropolitan University", "2012"),
        ),
        section(
            "certifications",
            "Certifications",
            "ISTQB Certified Tester Foundation Level (CTFL), 2024",
        ),
        section(
            "experience",
            "Employment History",
            Entry(
                "QA Tester (contract)",
                "Brightwave Digital, Manchester",
                "May 2024 – present",
                (
                    "Test releases of a grocery-delivery app every two weeks; 300+ bugs logged "
                    "in Jira.",
                    "Automated the smoke tests with Selenium, saving a day per release.",
                ),
            ),
            Entry(
                "Store Manager",
                "Harlow & Finch Home Stores, Manchester Arndale",
                "2016 – 2023",
                (
                    "Managed 38 staff and a £6.5M turnover store; top-3 store for customer "
                    "satisfaction in the region.",
                ),
            ),
            Entry(
                "Assistant Store Manager", "Harlow & Finch Home Stores, Stockport", "2013 – 2016"
            ),
        ),
        section("languages", "Languages", "English (native), Polish (fluent)"),
    ),
    expected=Expected(
        name="Natalie Price",
        email="natalie.price@example.com",
        phone="+44 7700 900812",
        linkedin_url="https://www.linkedin.com/in/natalieprice-qa",
        skills=(
            "Manual Testing",
            "Test Cases",
            "Bug Reports|Bug Reporting",
            "Selenium|Selenium WebDriver",
            "Java",
            "Postman",
            "API Testing",
            "Jira",
            "Confluence",
            "SQL",
            "Agile",
            "Scrum",
            "Stakeholder Communication|Stakeholder Management",
            "Team Leadership|Leadership",
        ),
        skills_tolerated=("Regression Testing|regression suite", "Smoke Testing|smoke tests"),
        languages=(Lang("English", "native"), Lang("Polish", "C1|C2")),
        summary=("retrained in software testing",),
        experience=(
            "Brightwave Digital",
            "QA Tester",
            "Harlow & Finch Home Stores",
            "Store Manager",
        ),
        education=("Northcoders", "Manchester Metropolitan University"),
        certifications=("ISTQB Certified Tester Foundation Level",),
    ),
)
