"""Typeset with ligatures: "ﬁ" and "ﬂ" are single characters (U+FB01, U+FB02) on the page, as
some layout tools and PDF exports leave them."""

from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="en_accountant",
    language="en",
    role="accountant",
    layouts=("pdf_one_column", "docx_paragraphs"),
    held_out=False,
    name="Helen Carter, CPA",
    headline="Senior Accountant — ﬁnancial reporting and month-end close",
    contact=("Minneapolis, MN", "(612) 555-0104", "helen.carter.cpa@example.com"),
    tags=("ligatures",),
    sections=(
        section(
            "summary",
            "Summary",
            "Certiﬁed Public Accountant with seven years in corporate accounting and public "
            "audit. I shorten closes, clean up reconciliations and explain the numbers to people "
            "who do not live in spreadsheets.",
        ),
        section(
            "experience",
            "Experience",
            Entry(
                "Senior Accountant",
                "Northstar Medical Devices, Minneapolis",
                "2020 – Present",
                (
                    "Cut the month-end close from nine to ﬁve business days.",
                    "Prepare consolidated ﬁnancial statements and cash ﬂow forecasts for three "
                    "entities under US GAAP.",
                    "Led the migration of the general ledger from QuickBooks to NetSuite.",
                ),
            ),
            Entry(
                "Audit Associate",
                "Baker Tilly, Minneapolis",
                "2017 – 2020",
                ("Audited manufacturing and nonproﬁt clients; SOX 404 walkthroughs.",),
            ),
        ),
        section(
            "education",
            "Education",
            Entry("Master of Accountancy", "University of Minnesota, Carlson School", "2017"),
            Entry("B.S. Accounting", "St. Cloud State University", "2016"),
        ),
        section(
            "skills",
            "Skills",
            Bullets(
                (
                    "Financial reporting (US GAAP)",
                    "Account reconciliation",
                    "Month-end close",
                    "Cash ﬂow forecasting",
                    "NetSuite, QuickBooks",
                    "Advanced Excel (pivot tables, XLOOKUP)",
                    "SOX compliance",
                )
            ),
        ),
        section(
            "certifications",
            "Licenses & Certiﬁcations",
            Bullets(("Certiﬁed Public Accountant (CPA), Minnesota, 2018",)),
        ),
        section("languages", "Languages", "English (native), German (A2)"),
    ),
    expected=Expected(
        name="Helen Carter|Helen Carter, CPA",
        email="helen.carter.cpa@example.com",
        phone="(612) 555-0104",
        linkedin_url=None,
        skills=(
            "Financial Reporting|Financial reporting (US GAAP)",
            "US GAAP|GAAP",
            "Account Reconciliation",
            "Month-End Close",
            "Cash Flow Forecasting",
            "NetSuite",
            "QuickBooks",
            "Excel|Microsoft Excel|Advanced Excel",
            "SOX Compliance|SOX",
        ),
        skills_tolerated=("Pivot Tables", "XLOOKUP", "Auditing|Audit", "SOX 404"),
        languages=(Lang("English", "native"), Lang("German", "A2")),
        summary=("Certified Public Accountant with seven years",),
        experience=("Northstar Medical Devices", "Senior Accountant", "Baker Tilly"),
        education=("University of Minnesota", "Master of Accountancy", "St. Cloud State"),
        certifications=("Certified Public Accountant",),
    ),
)
