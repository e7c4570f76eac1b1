from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="en_junior_graduate",
    language="en",
    role="graduate software developer",
    layouts=("pdf_one_column", "txt", "docx_tables"),
    held_out=False,
    name="Liam Murphy",
    headline="Computer Science graduate looking for a junior developer role",
    contact=(
        "Dublin, Ireland",
        "+353 87 123 4567",
        "liam.murphy.dev@example.ie",
        "https://linkedin.com/in/liam-murphy-cs",
        "github.com/liammurphy",
    ),
    sections=(
        section(
            "summary",
            "Objective",
            "Recent graduate who enjoys turning messy problems into small, tested programs. "
            "Looking for a junior backend or full-stack role in Dublin.",
        ),
        section(
            "education",
            "Education",
            Entry(
                "BSc Computer Science, First Class Honours",
                "Trinity College Dublin",
                "Sept 2020 – June 2024",
                (
                    "Final-year project: a timetable planner using constraint solving (grade A).",
                    "Modules: Algorithms, Databases, Distributed Systems, Software Engineering.",
                ),
            ),
            Entry("Leaving Certificate, 589 points", "Coláiste Éanna, Dublin", "2020"),
        ),
        section(
            "projects",
            "Projects",
            Bullets(
                (
                    "StudyBuddy — a React and Node app that matches classmates for study "
                    "sessions; 400 users in the first term.",
                    "Bus-tracker bot for Dublin Bus real-time data, written in Python.",
                    "Hackathon winner, DubHacks 2023 (team of four).",
                )
            ),
        ),
        section(
            "experience",
            "Experience",
            Entry(
                "Software Engineering Intern",
                "Fintrack Ltd, Dublin",
                "Summer 2023",
                (
                    "Added pagination and filters to an internal REST API in Java (Spring Boot).",
                    "Wrote unit tests that raised coverage from 52% to 78%.",
                ),
            ),
            Entry("Barista (part-time)", "Beanhive Café, Dublin", "2021 – 2024"),
        ),
        section(
            "skills",
            "Skills",
            "Java, Python, JavaScript, React, Node.js, SQL, Git, Linux, Docker (basic)",
        ),
        section("languages", "Languages", "English (native), Irish (B2), Spanish (A2)"),
    ),
    expected=Expected(
        name="Liam Murphy",
        email="liam.murphy.dev@example.ie",
        phone="+353 87 123 4567",
        linkedin_url="https://www.linkedin.com/in/liam-murphy-cs",
        skills=(
            "Java",
            "Python",
            "JavaScript",
            "React",
            "Node.js",
            "SQL",
            "Git",
            "Linux",
            "Docker",
        ),
        skills_tolerated=(
            "Spring Boot",
            "REST APIs|REST API",
            "Unit Testing|unit tests",
            "Constraint Solving",
        ),
        languages=(Lang("English", "native"), Lang("Irish", "B2"), Lang("Spanish", "A2")),
        summary=("junior backend or full-stack role",),
        experience=("Fintrack Ltd", "Software Engineering Intern"),
        education=("Trinity College Dublin", "BSc Computer Science"),
        projects=("StudyBuddy", "DubHacks 2023"),
    ),
)
