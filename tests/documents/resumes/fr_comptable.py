"""The text file is UTF-16 with a byte-order mark and CRLF line ends (as Windows' Notepad
saves "Unicode")."""

from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="fr_comptable",
    language="fr",
    role="comptable",
    layouts=("txt", "pdf_one_column"),
    held_out=True,
    name="Nicolas Petit",
    headline="Comptable unique – PME industrielle",
    contact=(
        "Nantes",
        "07 81 45 62 30",
        "nicolas.petit44@example.fr",
        "https://www.linkedin.com/in/nicolas-petit-compta",
    ),
    tags=("utf-16",),
    txt_encoding="utf-16",
    sections=(
        section(
            "summary",
            "Profil",
            "Comptable confirmé (11 ans) : tenue complète jusqu'au bilan, paie et relation "
            "avec l'expert-comptable et le commissaire aux comptes.",
        ),
        section(
            "experience",
            "Expérience",
            Entry(
                "Comptable unique",
                "Atlantique Chaudronnerie SAS, Saint-Herblain",
                "2017 – aujourd'hui",
                (
                    "Tenue de la comptabilité générale et analytique, déclarations de TVA.",
                    "Préparation du bilan et de la liasse fiscale ; clôture en 15 jours.",
                    "Paie de 65 salariés sous Silae.",
                ),
            ),
            Entry(
                "Assistant comptable",
                "Cabinet Leroux & Associés, Nantes",
                "2013 – 2017",
                ("Saisie et révision des dossiers de 45 clients TPE.",),
            ),
        ),
        section(
            "education",
            "Formation",
            Entry("DCG – Diplôme de comptabilité et de gestion", "IUT de Nantes / CNAM", "2013"),
            Entry("BTS Comptabilité et gestion", "Lycée Livet, Nantes", "2011"),
        ),
        section(
            "skills",
            "Compétences",
            Bullets(
                (
                    "Comptabilité générale et analytique",
                    "Fiscalité (TVA, IS, liasse fiscale)",
                    "Paie",
                    "Sage 100, Cegid, Silae",
                    "Excel avancé (TCD, RECHERCHEV)",
                )
            ),
        ),
        section("languages", "Langues", "Anglais : lu, écrit (B1) – Espagnol : scolaire"),
    ),
    expected=Expected(
        name="Nicolas Petit",
        email="nicolas.petit44@example.fr",
        phone="07 81 45 62 30",
        linkedin_url="https://www.linkedin.com/in/nicolas-petit-compta",
        skills=(
            "Comptabilité générale et analytique|Comptabilité générale|Comptabilité analytique"
            "|General Accounting|Cost Accounting",
            "Fiscalité|Tax|Taxation",
            "TVA|VAT",
            "Paie|Payroll",
            "Sage 100|Sage",
            "Cegid",
            "Silae",
            "Excel|Microsoft Excel|Excel avancé",
        ),
        skills_tolerated=(
            "IS",
            "Liasse fiscale",
            "TCD|Pivot Tables",
            "RECHERCHEV|VLOOKUP",
            "Bilan",
        ),
        languages=(Lang("English", "B1"), Lang("Spanish", "A1|A2")),
        summary=("jusqu'au bilan",),
        experience=(
            "Atlantique Chaudronnerie SAS",
            "Comptable unique",
            "Cabinet Leroux & Associés",
        ),
        education=("Diplôme de comptabilité et de gestion", "BTS Comptabilité et gestion"),
    ),
)
