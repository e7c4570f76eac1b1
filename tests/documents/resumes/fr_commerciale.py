from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="fr_commerciale",
    language="fr",
    role="ingénieure commerciale",
    layouts=("docx_tables", "pdf_two_column"),
    held_out=False,
    name="Sophie Girard",
    headline="Ingénieure commerciale grands comptes – logiciels industriels",
    contact=(
        "Paris 15e",
        "+33 (0)1 42 68 53 07",
        "sophie.girard@example.fr",
        "fr.linkedin.com/in/sophiegirard",
    ),
    contact_heading="Coordonnées",
    sections=(
        section(
            "summary",
            "À propos",
            "Commerciale B2B depuis neuf ans, spécialisée dans la vente de logiciels aux "
            "industriels de l'aéronautique et de l'énergie. Cycles longs, décideurs multiples.",
        ),
        section(
            "experience",
            "Parcours professionnel",
            Entry(
                "Ingénieure commerciale grands comptes",
                "Dassonville Systèmes, Vélizy-Villacoublay",
                "depuis janvier 2021",
                (
                    "Portefeuille de 18 comptes stratégiques, 6,2 M€ de chiffre d'affaires annuel.",
                    "Signature du plus gros contrat de l'année 2023 (1,4 M€ sur 3 ans).",
                ),
            ),
            Entry(
                "Chargée d'affaires",
                "Technoprim, Nanterre",
                "2016 – 2020",
                ("Développement d'un nouveau secteur : +35 % de chiffre d'affaires en deux ans.",),
            ),
        ),
        section(
            "education",
            "Formation",
            Entry("Diplôme d'ingénieur, génie industriel", "Arts et Métiers ParisTech", "2016"),
        ),
        section(
            "skills",
            "Compétences",
            Bullets(
                (
                    "Prospection et négociation",
                    "Gestion de grands comptes",
                    "Réponse aux appels d'offres",
                    "Salesforce",
                    "Vente de solutions SaaS",
                    "Pack Office",
                )
            ),
        ),
        section(
            "languages",
            "Langues",
            "Anglais : bilingue (TOEIC 970)",
            "Allemand : professionnel (B2)",
        ),
        section("certifications", "Certifications", "Certification Solution Selling® (2019)"),
    ),
    expected=Expected(
        name="Sophie Girard",
        email="sophie.girard@example.fr",
        phone="+33 (0)1 42 68 53 07",
        linkedin_url="https://www.linkedin.com/in/sophiegirard",
        skills=(
            "Prospection|Prospecting|Prospection et négociation",
            "Négociation|Negotiation",
            "Gestion de grands comptes|Key Account Management",
            "Réponse aux appels d'offres|Appels d'offres|Tendering",
            "Salesforce",
            "Vente de solutions SaaS|SaaS Sales",
            "Pack Office|Microsoft Office",
        ),
        skills_tolerated=("Vente|Sales",),
        languages=(Lang("English", "native|C2"), Lang("German", "B2")),
        summary=("logiciels aux industriels",),
        experience=(
            "Dassonville Systèmes",
            "Ingénieure commerciale grands comptes",
            "Technoprim",
            "Chargée d'affaires",
        ),
        education=("Arts et Métiers ParisTech", "génie industriel"),
        certifications=("Solution Selling",),
    ),
)
