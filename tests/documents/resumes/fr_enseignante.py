"""No headings: the name, a paragraph, the posts, the diplomas and a line of skills follow
each other with nothing to announce them."""

from tests.documents.resume_set import Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="fr_enseignante",
    language="fr",
    role="professeure des écoles",
    layouts=("docx_paragraphs", "pdf_one_column", "docx_tables"),
    held_out=False,
    name="Élodie Rousseau",
    headline="Professeure des écoles",
    contact=("Toulouse", "06 98 76 54 32", "elodie.rousseau@example.fr"),
    tags=("no-headings",),
    sections=(
        section(
            "summary",
            None,
            "Professeure des écoles depuis dix ans, en cycle 2 et en classe multiniveaux rurale. "
            "Attachée à la pédagogie de projet et à l'inclusion des élèves à besoins particuliers.",
        ),
        section(
            "experience",
            None,
            Entry(
                "Professeure des écoles, classe de CP-CE1",
                "École élémentaire Jules-Ferry, Toulouse",
                "Depuis 2019",
                ("Projet « classe lecture » avec la médiathèque ; accueil d'élèves d'ULIS.",),
            ),
            Entry(
                "Professeure des écoles, classe unique",
                "École publique de Saint-Félix-Lauragais",
                "2014 – 2019",
            ),
        ),
        section(
            "education",
            None,
            Entry("Master MEEF premier degré", "INSPÉ Toulouse Occitanie-Pyrénées", "2014"),
            Entry("Licence de lettres modernes", "Université Toulouse – Jean Jaurès", "2012"),
        ),
        section(
            "skills",
            None,
            "Pédagogie différenciée, gestion de classe, inclusion scolaire, ENT et TNI, "
            "éducation musicale",
        ),
        section(
            "languages",
            None,
            "Anglais (B2), occitan (notions)",
        ),
    ),
    expected=Expected(
        name="Élodie Rousseau",
        email="elodie.rousseau@example.fr",
        phone="06 98 76 54 32",
        linkedin_url=None,
        skills=(
            "Pédagogie différenciée|Differentiated Instruction",
            "Gestion de classe|Classroom Management",
            "Inclusion scolaire|Inclusive Education",
            "ENT",
            "TNI|Interactive Whiteboard",
            "Éducation musicale|Music Education",
        ),
        skills_tolerated=("Pédagogie de projet",),
        languages=(Lang("English", "B2"), Lang("Occitan", "A1|A2")),
        summary=("classe multiniveaux rurale",),
        experience=(
            "École élémentaire Jules-Ferry",
            "Professeure des écoles",
            "Saint-Félix-Lauragais",
        ),
        education=("Master MEEF", "INSPÉ Toulouse", "Licence de lettres modernes"),
    ),
)
