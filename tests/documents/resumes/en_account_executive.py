from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="en_account_executive",
    language="en",
    role="account executive",
    layouts=("pdf_two_column", "docx_paragraphs"),
    held_out=False,
    name="Danielle Brooks",
    headline="Enterprise Account Executive | SaaS",
    contact=(
        "Chicago, IL",
        "+1 312.555.0147",
        "dbrooks.sales@example.com",
        "https://www.linkedin.com/in/daniellebrooks/",
    ),
    sections=(
        section(
            "summary",
            "About Me",
            "Quota-carrying enterprise seller who closes six-figure SaaS deals with CFOs and "
            "operations leaders. 132% of quota in 2023, President's Club twice.",
        ),
        section(
            "experience",
            "Sales Experience",
            Entry(
                "Enterprise Account Executive",
                "Corvana Software — Chicago, IL",
                "January 2021 – Present",
                (
                    "Own a $2.4M annual quota across 60 named accounts in manufacturing.",
                    "Closed the company's largest deal to date ($780K ARR, 3-year term).",
                    "Build pipeline with SDRs and partners; forecast weekly in Salesforce.",
                ),
            ),
            Entry(
                "Account Executive, Mid-Market",
                "PayNest — Chicago, IL",
                "March 2018 – December 2020",
                (
                    "Grew territory revenue 41% year over year; 118% average attainment.",
                    "Ran discovery, demos and negotiations for 25–500 seat deals.",
                ),
            ),
            Entry(
                "Sales Development Representative",
                "PayNest — Chicago, IL",
                "June 2016 – February 2018",
            ),
        ),
        section(
            "education",
            "Education",
            Entry("B.A. Communication", "University of Illinois Urbana-Champaign", "2012 – 2016"),
        ),
        section(
            "skills",
            "Core Competencies",
            Bullets(
                (
                    "Consultative selling",
                    "Negotiation",
                    "Pipeline management",
                    "Salesforce",
                    "HubSpot",
                    "Gong",
                    "MEDDIC",
                    "Forecasting",
                )
            ),
        ),
        section(
            "certifications", "Training", "MEDDPICC Certified (2022) · Challenger Sales Training"
        ),
        section("languages", "Languages", "English (native), Spanish (conversational)"),
        section(
            "projects",
            "Awards",
            Bullets(("President's Club 2021 and 2023", "Rookie of the Year 2018, PayNest")),
        ),
    ),
    expected=Expected(
        name="Danielle Brooks",
        email="dbrooks.sales@example.com",
        phone="+1 312.555.0147",
        linkedin_url="https://www.linkedin.com/in/daniellebrooks",
        skills=(
            "Consultative Selling",
            "Negotiation",
            "Pipeline Management",
            "Salesforce",
            "HubSpot",
            "Gong",
            "MEDDIC",
            "Forecasting",
        ),
        skills_tolerated=("MEDDPICC", "Challenger Sales", "Discovery", "Demos"),
        languages=(Lang("English", "native"), Lang("Spanish", "B1|B2")),
        summary=("132% of quota",),
        experience=("Corvana Software", "Enterprise Account Executive", "PayNest"),
        education=("University of Illinois Urbana-Champaign", "B.A. Communication"),
        certifications=("MEDDPICC Certified", "Challenger Sales Training"),
        projects=("President's Club",),
    ),
)
