from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="fr_infirmier",
    language="fr",
    role="infirmier",
    layouts=("docx_paragraphs", "txt", "docx_tables"),
    held_out=True,
    name="Julien Moreau",
    headline="Infirmier diplômé d'État – urgences et réanimation",
    contact=(
        "12 rue des Tanneurs, 59000 Lille",
        "+33 6 71 23 45 89",
        "julien.moreau@example.fr",
    ),
    sections=(
        section(
            "summary",
            "Profil\u00a0:",
            "Infirmier depuis huit ans, dont cinq aux urgences adultes d'un CHU. Sang-froid, "
            "sens du travail en équipe et goût pour l'encadrement des étudiants.",
        ),
        section(
            "experience",
            "Expériences professionnelles\u00a0:",
            Entry(
                "Infirmier aux urgences adultes",
                "CHU de Lille – Hôpital Roger Salengro",
                "Depuis mars 2019",
                (
                    "Accueil et tri des patients (IOA), soins d'urgence, déchocage.",
                    "Tuteur de stage pour les étudiants en soins infirmiers (IFSI).",
                ),
            ),
            Entry(
                "Infirmier en réanimation médicale",
                "Centre hospitalier de Roubaix",
                "Septembre 2016 à février 2019",
                ("Prise en charge de patients ventilés ; surveillance hémodynamique.",),
            ),
        ),
        section(
            "education",
            "Formation\u00a0:",
            Entry("Diplôme d'État d'infirmier (DEI)", "IFSI du CHU de Lille", "2013 – 2016"),
            Entry("Baccalauréat scientifique", "Lycée Faidherbe, Lille", "2013"),
        ),
        section(
            "skills",
            "Compétences\u00a0:",
            Bullets(
                (
                    "Triage (IOA)",
                    "Soins d'urgence et réanimation",
                    "Gestes techniques : pose de voie veineuse, prélèvements, ECG",
                    "Transmissions ciblées (logiciel DxCare)",
                    "Encadrement des étudiants",
                ),
                marker="–",
            ),
        ),
        section(
            "certifications",
            "Certifications\u00a0:",
            "AFGSU niveau 2 (renouvelée en 2023) ; DU Soins d'urgence (Université de Lille, 2020)",
        ),
        section(
            "languages",
            "Langues\u00a0:",
            "Français (langue maternelle), anglais (intermédiaire B1), néerlandais (notions)",
        ),
    ),
    expected=Expected(
        name="Julien Moreau",
        email="julien.moreau@example.fr",
        phone="+33 6 71 23 45 89",
        linkedin_url=None,
        skills=(
            "Triage|Triage (IOA)|IOA",
            "Soins d'urgence|Emergency Care|Soins d'urgence et réanimation",
            "Réanimation|Critical Care|Resuscitation",
            "Pose de voie veineuse|IV Insertion|Venipuncture",
            "Prélèvements|Blood Sampling",
            "ECG",
            "Transmissions ciblées|Nursing Documentation",
            "DxCare",
            "Encadrement des étudiants|Student Supervision|Mentoring",
        ),
        skills_tolerated=("Gestes techniques", "Surveillance hémodynamique", "Déchocage"),
        languages=(Lang("French", "native"), Lang("English", "B1"), Lang("Dutch", "A1|A2")),
        summary=("cinq aux urgences adultes",),
        experience=(
            "CHU de Lille",
            "Infirmier aux urgences adultes",
            "Centre hospitalier de Roubaix",
        ),
        education=("Diplôme d'État d'infirmier", "IFSI du CHU de Lille"),
        certifications=("AFGSU niveau 2", "DU Soins d'urgence"),
    ),
)
