from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="fr_developpeur",
    language="fr",
    role="développeuse full-stack",
    layouts=("pdf_one_column", "pdf_two_column", "txt"),
    held_out=False,
    name="Camille Laurent",
    headline="Développeuse full-stack JavaScript / Python",
    contact=(
        "Lyon (69003)",
        "06 12 34 56 78",
        "camille.laurent@example.fr",
        "linkedin.com/in/camille-laurent-dev",
    ),
    contact_heading="CONTACT",
    sections=(
        section(
            "summary",
            "PROFIL",
            "Développeuse full-stack depuis six ans, passée par une agence web puis une "
            "start-up de la mobilité. J'aime les interfaces accessibles et les API bien "
            "documentées.",
        ),
        section(
            "experience",
            "EXPÉRIENCE PROFESSIONNELLE",
            Entry(
                "Développeuse full-stack senior",
                "Mobilis, Lyon",
                "sept. 2021 – aujourd'hui",
                (
                    "Refonte de l'application de réservation de trottinettes en React et "
                    "TypeScript (400 000 utilisateurs).",
                    "API en Python/FastAPI, base PostgreSQL, déploiement sur AWS.",
                ),
            ),
            Entry(
                "Développeuse web",
                "Agence Pixelune, Villeurbanne",
                "janv. 2018 – août 2021",
                ("Sites et boutiques pour 30 clients (Vue.js, Node.js, WordPress).",),
            ),
        ),
        section(
            "education",
            "FORMATION",
            Entry(
                "Master Informatique, parcours génie logiciel", "Université Lyon 1", "2016 – 2018"
            ),
            Entry("Licence Informatique", "Université Grenoble Alpes", "2013 – 2016"),
        ),
        section(
            "skills",
            "COMPÉTENCES",
            Bullets(
                (
                    "JS / TS, React, Vue.js",
                    "Python, FastAPI, Node.js",
                    "PostgreSQL, MongoDB",
                    "Docker, AWS, GitLab CI",
                    "Tests automatisés (Jest, Pytest)",
                    "Accessibilité (RGAA)",
                )
            ),
        ),
        section(
            "languages",
            "LANGUES",
            "Français : langue maternelle",
            "Anglais : courant (C1)",
            "Espagnol : notions",
        ),
        section("other", "CENTRES D'INTÉRÊT", "Escalade, photographie argentique, jeux de société"),
    ),
    expected=Expected(
        name="Camille Laurent",
        email="camille.laurent@example.fr",
        phone="06 12 34 56 78",
        linkedin_url="https://www.linkedin.com/in/camille-laurent-dev",
        skills=(
            "JavaScript",
            "TypeScript",
            "React",
            "Vue.js|Vue",
            "Python",
            "FastAPI",
            "Node.js",
            "PostgreSQL",
            "MongoDB",
            "Docker",
            "Amazon Web Services|AWS",
            "GitLab CI|GitLab",
            "Tests automatisés|Automated Testing|Test Automation",
            "Jest",
            "Pytest",
            "Accessibilité|Accessibility|RGAA",
        ),
        skills_tolerated=("WordPress",),
        languages=(Lang("French", "native"), Lang("English", "C1"), Lang("Spanish", "A1|A2")),
        summary=("interfaces accessibles",),
        experience=("Mobilis", "Développeuse full-stack senior", "Agence Pixelune"),
        education=("Université Lyon 1", "Master Informatique", "Université Grenoble Alpes"),
    ),
)
