from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="en_executive",
    language="en",
    role="chief operating officer",
    layouts=("pdf_one_column", "docx_tables"),
    held_out=False,
    name="Jonathan A. Reyes",
    headline="Chief Operating Officer | Multi-site Healthcare Services",
    contact=(
        "Phoenix, Arizona",
        "(602) 555-0111",
        "jon.reyes@example.com",
        "linkedin.com/in/jonathanreyes-coo",
    ),
    sections=(
        section(
            "summary",
            "EXECUTIVE PROFILE",
            "Operating executive who has scaled healthcare service businesses from $40M to "
            "$310M in revenue through acquisitions and disciplined operations. Board-facing, "
            "comfortable with private equity owners, and known for building leadership teams "
            "that stay.",
        ),
        section(
            "experience",
            "LEADERSHIP EXPERIENCE",
            Entry(
                "Chief Operating Officer",
                "Desert Sun Physical Therapy Partners (PE-backed, 140 clinics)",
                "2019 – Present",
                (
                    "Integrated 11 acquisitions in four states; EBITDA margin from 9% to 16%.",
                    "Lead 2,300 employees through six regional vice presidents.",
                    "Chaired the clinical-quality committee; patient NPS from 61 to 78.",
                ),
            ),
            Entry(
                "Vice President, Operations",
                "Canyon Home Health",
                "2013 – 2019",
                (
                    "Opened 22 branches; revenue from $40M to $115M.",
                    "Built the company's first revenue-cycle team; DSO down 19 days.",
                ),
            ),
            Entry("Director of Operations", "Banner Outpatient Services", "2008 – 2013"),
        ),
        section(
            "skills",
            "AREAS OF EXPERTISE",
            Bullets(
                (
                    "P&L management",
                    "Mergers & acquisitions integration",
                    "Strategic planning",
                    "Revenue cycle management",
                    "Change management",
                    "Board relations",
                )
            ),
        ),
        section(
            "education",
            "EDUCATION",
            Entry("MBA", "Thunderbird School of Global Management, Arizona State University", ""),
            Entry("B.S. Health Administration", "Northern Arizona University", ""),
        ),
        section(
            "other",
            "BOARDS",
            "Board member, Arizona Association for Home Care (2017 – 2022)",
        ),
        section("languages", "LANGUAGES", "English, Spanish (bilingual)"),
    ),
    expected=Expected(
        name="Jonathan A. Reyes|Jonathan Reyes",
        email="jon.reyes@example.com",
        phone="(602) 555-0111",
        linkedin_url="https://www.linkedin.com/in/jonathanreyes-coo",
        skills=(
            "P&L Management",
            "Mergers & Acquisitions|M&A Integration|Mergers & acquisitions integration",
            "Strategic Planning",
            "Revenue Cycle Management",
            "Change Management",
            "Board Relations",
        ),
        skills_tolerated=("Leadership",),
        languages=(Lang("English"), Lang("Spanish", "native|C2")),
        summary=("scaled healthcare service businesses",),
        experience=(
            "Desert Sun Physical Therapy Partners",
            "Chief Operating Officer",
            "Canyon Home Health",
            "Vice President, Operations",
        ),
        education=("Thunderbird School of Global Management", "MBA", "Northern Arizona University"),
    ),
)
