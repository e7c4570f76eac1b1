"""No headings at all: contact lines, a paragraph, jobs, a skills line. Everything has to come
from the fallbacks."""

from tests.documents.resume_set import Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="en_customer_support",
    language="en",
    role="customer support specialist",
    layouts=("txt", "docx_paragraphs", "pdf_one_column"),
    held_out=False,
    name="Aisha Bello",
    headline=None,
    contact=("Atlanta, GA", "404-555-0123", "aisha.bello@example.com"),
    tags=("no-headings",),
    sections=(
        section(
            "summary",
            None,
            "Customer support specialist with five years of phone, chat and email support for "
            "subscription software. CSAT 96% over the last four quarters.",
        ),
        section(
            "experience",
            None,
            Entry(
                "Senior Customer Support Specialist",
                "Cloudnote, Atlanta, GA",
                "2021 – present",
                (
                    "Handle 60–80 tickets a day in Zendesk across billing and technical issues.",
                    "Wrote 45 help-center articles; repeat contacts down 14%.",
                ),
            ),
            Entry(
                "Customer Service Representative",
                "Peach State Energy, Atlanta, GA",
                "2019 – 2021",
                ("Inbound calls for 1.2M residential customers; top-10% handle time.",),
            ),
        ),
        section(
            "education",
            None,
            Entry(
                "A.A. Business Administration", "Georgia State University Perimeter College", "2019"
            ),
        ),
        section(
            "skills",
            None,
            "Zendesk, Salesforce Service Cloud, Intercom, de-escalation, troubleshooting, "
            "knowledge base writing, typing 75 wpm",
        ),
        section("languages", None, "English and Yoruba (native), French (basic)"),
    ),
    expected=Expected(
        name="Aisha Bello",
        email="aisha.bello@example.com",
        phone="404-555-0123",
        linkedin_url=None,
        skills=(
            "Zendesk",
            "Salesforce Service Cloud|Salesforce",
            "Intercom",
            "De-escalation",
            "Troubleshooting",
            "Knowledge Base Writing|Technical Writing",
            "Typing|Typing 75 wpm",
        ),
        skills_tolerated=("Customer Service", "Customer Support", "Billing"),
        languages=(Lang("English", "native"), Lang("Yoruba", "native"), Lang("French", "A1|A2")),
        summary=("five years of phone, chat and email support",),
        experience=("Cloudnote", "Senior Customer Support Specialist", "Peach State Energy"),
        education=("Georgia State University",),
    ),
)
