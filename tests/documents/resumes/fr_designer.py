"""Decorated headings ("// Expériences", "— Outils —") and a skills line split by slashes."""

from tests.documents.resume_set import Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="fr_designer",
    language="fr",
    role="designer UX/UI",
    layouts=("pdf_two_column", "docx_tables", "docx_paragraphs"),
    held_out=False,
    name="Léa Bernard",
    headline="Designer UX/UI freelance",
    contact=(
        "Bordeaux",
        "+33 6 45 18 27 93",
        "lea@leabernard.example",
        "linkedin.com/in/leabernard-ux",
        "leabernard.example",
    ),
    tags=("decorated-headings",),
    sections=(
        section(
            "summary",
            "// À propos",
            "Designer UX/UI depuis sept ans. Je conçois des parcours simples pour des services "
            "publics et des applications de santé.",
        ),
        section(
            "experience",
            "// Expériences",
            Entry(
                "Designer UX/UI indépendante",
                "Clients : Ameli, Doctoplus, Région Nouvelle-Aquitaine",
                "2021 – maintenant",
                ("Refonte du parcours de prise de rendez-vous de Doctoplus : -40 % d'abandons.",),
            ),
            Entry(
                "Product designer",
                "Kaliop Santé, Bordeaux",
                "2017 – 2021",
                ("Design system de 120 composants ; tests utilisateurs mensuels.",),
            ),
        ),
        section(
            "skills",
            "— Outils —",
            "Figma / Adobe XD / Illustrator / Miro / Maze / HTML-CSS",
        ),
        section(
            "skills",
            "— Savoir-faire —",
            "Recherche utilisateur, ateliers de co-conception, prototypage, design system, "
            "accessibilité numérique",
        ),
        section(
            "education",
            "// Formation",
            Entry("Master Design d'interaction", "ECV Bordeaux", "2015 – 2017"),
        ),
        section(
            "languages",
            "— Langues —",
            "Anglais courant · Espagnol intermédiaire",
        ),
        section(
            "projects",
            "// Projets",
            "Prix Territoria d'argent 2022 pour le portail des aides régionales.",
        ),
    ),
    expected=Expected(
        name="Léa Bernard",
        email="lea@leabernard.example",
        phone="+33 6 45 18 27 93",
        linkedin_url="https://www.linkedin.com/in/leabernard-ux",
        skills=(
            "Figma",
            "Adobe XD",
            "Adobe Illustrator|Illustrator",
            "Miro",
            "Maze",
            "HTML",
            "CSS",
            "Recherche utilisateur|User Research",
            "Ateliers de co-conception|Co-design Workshops|Co-design",
            "Prototypage|Prototyping",
            "Design system|Design Systems",
            "Accessibilité numérique|Accessibility|Digital Accessibility",
        ),
        skills_tolerated=(
            "HTML-CSS|HTML/CSS",
            "Tests utilisateurs|Usability Testing",
            "UX Design|UX",
            "UI Design|UI",
        ),
        languages=(Lang("English", "C1|C2"), Lang("Spanish", "B1|B2")),
        summary=("services publics",),
        experience=("Designer UX/UI indépendante", "Doctoplus", "Kaliop Santé", "Product designer"),
        education=("ECV Bordeaux", "Design d'interaction"),
        projects=("Prix Territoria",),
    ),
)
