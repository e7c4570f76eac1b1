from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="en_data_analyst",
    language="en",
    role="data analyst",
    layouts=("pdf_one_column", "docx_tables"),
    held_out=False,
    name="Kevin Nguyen",
    headline="Data Analyst — product & marketing analytics",
    contact=(
        "Austin, TX",
        "(512) 555-0199",
        "kevin.nguyen.data@example.com",
        "linkedin.com/in/kevinnguyen-analytics",
        "kevinnguyen.example.dev",
    ),
    sections=(
        section(
            "skills",
            "TECHNICAL SKILLS",
            "SQL | Python (pandas, NumPy) | R | Tableau | Power BI | Looker | dbt | "
            "BigQuery | Snowflake | MS Excel | A/B testing | Statistics",
        ),
        section(
            "experience",
            "PROFESSIONAL EXPERIENCE",
            Entry(
                "Data Analyst II",
                "Fieldstone Health (remote)",
                "08/2021 – present",
                (
                    "Own the member-retention dashboards used by the COO's weekly review.",
                    "Designed and analysed 30+ A/B tests on the onboarding flow; one change "
                    "lifted 90-day retention by 4.2 points.",
                    "Migrated 120 legacy reports from Excel to dbt models on Snowflake.",
                ),
            ),
            Entry(
                "Marketing Analyst",
                "Lone Star Outfitters, Austin, TX",
                "06/2019 – 07/2021",
                (
                    "Built the multi-touch attribution model in Python; cut paid-search spend "
                    "12% at equal revenue.",
                ),
            ),
        ),
        section(
            "projects",
            "PROJECTS",
            Bullets(
                (
                    "Open-data dashboard of Austin 311 requests (Tableau Public, 15k views).",
                    "Churn prediction notebook with scikit-learn, shared as a tutorial.",
                )
            ),
        ),
        section(
            "education",
            "EDUCATION",
            Entry("B.S. Statistics, minor in Economics", "Texas A&M University", "2015 – 2019"),
        ),
        section(
            "certifications",
            "CERTIFICATIONS",
            "Google Data Analytics Professional Certificate; Tableau Desktop Specialist",
        ),
        section("languages", "LANGUAGES", "English (fluent), Vietnamese (native)"),
    ),
    expected=Expected(
        name="Kevin Nguyen",
        email="kevin.nguyen.data@example.com",
        phone="(512) 555-0199",
        linkedin_url="https://www.linkedin.com/in/kevinnguyen-analytics",
        skills=(
            "SQL",
            "Python",
            "pandas",
            "NumPy",
            "R",
            "Tableau",
            "Power BI",
            "Looker",
            "dbt",
            "BigQuery|Google BigQuery",
            "Snowflake",
            "Excel|Microsoft Excel",
            "A/B Testing",
            "Statistics",
        ),
        skills_tolerated=(
            "scikit-learn",
            "Tableau Public",
            "Attribution Modeling|attribution model",
        ),
        languages=(Lang("English", "C1|C2"), Lang("Vietnamese", "native")),
        experience=("Fieldstone Health", "Data Analyst II", "Lone Star Outfitters"),
        education=("Texas A&M University", "B.S. Statistics"),
        certifications=(
            "Google Data Analytics Professional Certificate",
            "Tableau Desktop Specialist",
        ),
        projects=("Austin 311 requests", "Churn prediction"),
    ),
)
