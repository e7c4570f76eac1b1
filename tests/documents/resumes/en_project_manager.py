from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="en_project_manager",
    language="en",
    role="construction project manager",
    layouts=("pdf_two_column", "txt"),
    held_out=False,
    name="Samantha Lee",
    headline="Project Manager, Commercial Construction — PMP",
    contact=(
        "Denver, CO 80202",
        "720-555-0190",
        "samantha.lee.pm@example.com",
        "https://www.linkedin.com/in/samantha-lee-pmp",
    ),
    sections=(
        section(
            "summary",
            "Professional Profile",
            "PMP-certified project manager who has delivered $180M of commercial and healthcare "
            "builds on schedule, with a safety record of zero lost-time incidents since 2017.",
        ),
        section(
            "experience",
            "Career History",
            Entry(
                "Senior Project Manager",
                "Front Range Builders, Denver",
                "Feb. 2019 – Present",
                (
                    "Delivered a $64M outpatient surgery center two weeks early.",
                    "Manage budgets, RFIs and change orders in Procore with 30+ subcontractors.",
                ),
            ),
            Entry(
                "Project Engineer",
                "Summit Ridge Construction, Boulder",
                "Jun. 2014 – Jan. 2019",
                ("Scheduled in Primavera P6; ran weekly owner-architect-contractor meetings.",),
            ),
        ),
        section(
            "skills",
            "Key Skills",
            Bullets(
                (
                    "Project scheduling (Primavera P6, MS Project)",
                    "Budget management & cost control",
                    "Procore",
                    "Contract negotiation",
                    "Risk management",
                    "Bluebeam Revu",
                    "OSHA safety compliance",
                )
            ),
        ),
        section(
            "certifications",
            "Certifications",
            Bullets(
                (
                    "Project Management Professional (PMP), PMI — 2018",
                    "LEED Green Associate — 2016",
                    "OSHA 30-Hour Construction",
                )
            ),
        ),
        section(
            "education",
            "Education",
            Entry("B.S. Construction Management", "Colorado State University", "2014"),
        ),
        section("languages", "Languages", "English (native), Korean (intermediate)"),
    ),
    expected=Expected(
        name="Samantha Lee",
        email="samantha.lee.pm@example.com",
        phone="720-555-0190",
        linkedin_url="https://www.linkedin.com/in/samantha-lee-pmp",
        skills=(
            "Project Scheduling|Scheduling",
            "Primavera P6|Primavera",
            "Microsoft Project|MS Project",
            "Budget Management",
            "Cost Control",
            "Procore",
            "Contract Negotiation|Negotiation",
            "Risk Management",
            "Bluebeam Revu|Bluebeam",
            "OSHA Safety Compliance|OSHA|Safety Compliance",
        ),
        skills_tolerated=("Change Orders", "RFIs", "Project Management"),
        languages=(Lang("English", "native"), Lang("Korean", "B1|B2")),
        summary=("$180M of commercial and healthcare builds",),
        experience=(
            "Front Range Builders",
            "Senior Project Manager",
            "Summit Ridge Construction",
            "Project Engineer",
        ),
        education=("Colorado State University", "Construction Management"),
        certifications=("Project Management Professional", "LEED Green Associate", "OSHA 30-Hour"),
    ),
)
