from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="en_software_engineer",
    language="en",
    role="software engineer",
    layouts=("pdf_one_column", "docx_paragraphs", "pdf_two_column"),
    held_out=False,
    name="Priya Raman",
    headline="Senior Backend Engineer",
    contact=(
        "San Francisco, CA",
        "(415) 555-0132",
        "priya.raman@example.com",
        "linkedin.com/in/priya-raman-dev",
        "github.com/praman",
    ),
    sections=(
        section(
            "summary",
            "SUMMARY",
            "Backend engineer with eight years of experience building payment and ledger "
            "services that move billions of dollars a year. I care about boring, observable "
            "systems and about mentoring engineers who are new to distributed systems.",
        ),
        section(
            "experience",
            "EXPERIENCE",
            Entry(
                "Senior Software Engineer",
                "Ledgerline Inc., San Francisco",
                "Mar 2021 – Present",
                (
                    "Led the rewrite of the settlement service from a Rails monolith to Go "
                    "services, cutting p99 latency from 1.2 s to 180 ms.",
                    "Designed the double-entry ledger schema on PostgreSQL used by 40 teams.",
                    "Mentored five engineers; two were promoted to senior.",
                ),
            ),
            Entry(
                "Software Engineer",
                "Brightcart, Oakland",
                "Jun 2017 – Feb 2021",
                (
                    "Built the checkout API in Python and Django serving 3,000 requests/s.",
                    "Moved CI from Jenkins to GitHub Actions, halving build times.",
                ),
            ),
            Entry(
                "Software Engineering Intern",
                "Nimbus Analytics, Palo Alto",
                "Summer 2016",
                ("Wrote a Kafka consumer for click-stream events.",),
            ),
        ),
        section(
            "skills",
            "SKILLS",
            "Languages: Python, Go, JS, TS, SQL",
            "Infrastructure: AWS, k8s, Docker, Terraform, Postgres, Redis, Kafka",
            "Practices: Distributed systems, API design, Code review",
        ),
        section(
            "education",
            "EDUCATION",
            Entry(
                "B.S. Computer Science",
                "University of California, Davis",
                "2013 – 2017",
            ),
        ),
        section(
            "certifications",
            "CERTIFICATIONS",
            Bullets(
                (
                    "AWS Certified Solutions Architect – Associate (2022)",
                    "Certified Kubernetes Application Developer (CKAD), 2021",
                )
            ),
        ),
        section(
            "languages",
            "LANGUAGES",
            "English (native), Tamil (native), Spanish (B1)",
        ),
    ),
    expected=Expected(
        name="Priya Raman",
        email="priya.raman@example.com",
        phone="(415) 555-0132",
        linkedin_url="https://www.linkedin.com/in/priya-raman-dev",
        skills=(
            "Python",
            "Go",
            "JavaScript",
            "TypeScript",
            "SQL",
            "Amazon Web Services|AWS",
            "Kubernetes",
            "Docker",
            "Terraform",
            "PostgreSQL",
            "Redis",
            "Kafka|Apache Kafka",
            "Distributed Systems",
            "API Design",
            "Code Review",
        ),
        skills_tolerated=("Django", "Ruby on Rails|Rails", "Jenkins", "GitHub Actions"),
        languages=(Lang("English", "native"), Lang("Tamil", "native"), Lang("Spanish", "B1")),
        summary=("payment and ledger services",),
        experience=("Ledgerline Inc.", "Senior Software Engineer", "Brightcart"),
        education=("University of California, Davis", "B.S. Computer Science"),
        certifications=(
            "AWS Certified Solutions Architect",
            "Certified Kubernetes Application Developer",
        ),
    ),
)
