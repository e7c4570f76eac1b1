from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="en_teacher",
    language="en",
    role="secondary school teacher",
    layouts=("docx_paragraphs", "pdf_one_column", "docx_tables"),
    held_out=True,
    name="Thomas Whitaker",
    headline="Teacher of Science (Chemistry specialism), QTS",
    contact=(
        "Bristol BS6",
        "+44 (0)20 7946 0321",
        "t.whitaker@example.org.uk",
    ),
    sections=(
        section(
            "summary",
            "Profile",
            "Chemistry specialist with nine years teaching Key Stages 3 to 5 in comprehensive "
            "schools. I run practical-heavy lessons, and my A-level groups have beaten their "
            "target grades for five years running.",
        ),
        section(
            "experience",
            "Teaching Experience",
            Entry(
                "Head of Chemistry",
                "Redland Green Academy, Bristol",
                "September 2020 – present",
                (
                    "Lead a department of five teachers and a technician; rewrote the KS4 scheme "
                    "of work for the new specification.",
                    "A-level results: 71% A*–B in 2024 (national 53%).",
                ),
            ),
            Entry(
                "Teacher of Science",
                "Hengrove Community School, Bristol",
                "September 2015 – July 2020",
                (
                    "Taught biology, chemistry and physics to mixed-ability classes in Years 7–11.",
                    "Ran the STEM club and took teams to the Salters' Festival of Chemistry.",
                ),
            ),
        ),
        section(
            "education",
            "Education and Qualifications",
            Entry("PGCE Secondary Science (Chemistry)", "University of Bath", "2014 – 2015"),
            Entry("MChem Chemistry, 2:1", "Cardiff University", "2010 – 2014"),
            "Qualified Teacher Status (QTS), 2015",
        ),
        section(
            "skills",
            "Skills",
            "Curriculum planning, Differentiation, Behaviour management, Assessment for "
            "learning, Laboratory safety (CLEAPSS), Google Classroom, SIMS, Safeguarding",
        ),
        section(
            "certifications",
            "Training",
            Bullets(
                (
                    "Designated Safeguarding Lead training, 2023",
                    "NPQLT – National Professional Qualification in Leading Teaching, 2022",
                    "First Aid at Work, St John Ambulance",
                )
            ),
        ),
        section(
            "languages",
            "Languages",
            "English (native); French (B1); Welsh (basic)",
        ),
        section("other", "Interests", "Fell running, bouldering and the school's chess club."),
    ),
    expected=Expected(
        name="Thomas Whitaker",
        email="t.whitaker@example.org.uk",
        phone="+44 (0)20 7946 0321",
        linkedin_url=None,
        skills=(
            "Curriculum Planning",
            "Differentiation",
            "Behaviour Management|Behavior Management|Classroom Management",
            "Assessment for Learning",
            "Laboratory Safety|Laboratory safety (CLEAPSS)",
            "Google Classroom",
            "SIMS",
            "Safeguarding",
        ),
        skills_tolerated=("Chemistry", "Biology", "Physics", "STEM"),
        languages=(Lang("English", "native"), Lang("French", "B1"), Lang("Welsh", "A1|A2")),
        summary=("Chemistry specialist",),
        experience=(
            "Redland Green Academy",
            "Head of Chemistry",
            "Hengrove Community School",
            "Teacher of Science",
        ),
        education=("University of Bath", "PGCE", "Cardiff University"),
        certifications=(
            "Designated Safeguarding Lead",
            "National Professional Qualification in Leading Teaching",
            "First Aid at Work",
        ),
    ),
)
