"""Decorated headings ("» Berufserfahrung"), Austrian phone number, dates as "seit 2020"."""

from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="de_maschinenbau",
    language="de",
    role="Maschinenbauingenieur",
    layouts=("pdf_two_column", "txt", "docx_paragraphs"),
    held_out=True,
    name="Florian Neumann",
    headline="Dipl.-Ing. Maschinenbau · Konstruktion & Entwicklung",
    contact=(
        "Linz, Österreich",
        "+43 664 1234567",
        "florian.neumann@example.at",
        "www.linkedin.com/in/florian-neumann-ing",
    ),
    tags=("decorated-headings",),
    sections=(
        section(
            "summary",
            "» Profil",
            "Konstrukteur mit elf Jahren Erfahrung im Sondermaschinenbau und in der "
            "Fördertechnik, von der ersten Skizze bis zur Inbetriebnahme beim Kunden.",
        ),
        section(
            "experience",
            "» Berufserfahrung",
            Entry(
                "Teamleiter Konstruktion",
                "Donautal Fördertechnik GmbH, Linz",
                "seit 2020",
                (
                    "Leitung eines Teams von sechs Konstrukteuren; Projekte bis 4 Mio. €.",
                    "Einführung von PDM (Windchill) und Konstruktionsrichtlinien.",
                ),
            ),
            Entry(
                "Konstruktionsingenieur",
                "Alpen Automation AG, Wels",
                "2014 – 2020",
                ("Auslegung von Greifern und Linearachsen; FEM-Berechnungen mit ANSYS.",),
            ),
        ),
        section(
            "education",
            "» Ausbildung",
            Entry("Dipl.-Ing. Maschinenbau", "Technische Universität Graz", "2008 – 2014"),
            Entry("HTL Maschineningenieurwesen (Matura)", "HTL Steyr", "2003 – 2008"),
        ),
        section(
            "skills",
            "» Kenntnisse",
            Bullets(
                (
                    "CAD: Creo, SolidWorks, AutoCAD",
                    "FEM (ANSYS)",
                    "PDM/PLM: Windchill",
                    "FMEA, Toleranzanalyse",
                    "Maschinenrichtlinie / CE-Kennzeichnung",
                    "Projektleitung",
                ),
                marker="·",
            ),
        ),
        section(
            "languages",
            "» Sprachen",
            "Deutsch (Muttersprache) · Englisch (fließend) · Italienisch (A2)",
        ),
        section(
            "certifications",
            "» Zertifikate",
            "IPMA Level D Projektmanagement (2019); SolidWorks CSWP",
        ),
    ),
    expected=Expected(
        name="Florian Neumann",
        email="florian.neumann@example.at",
        phone="+43 664 1234567",
        linkedin_url="https://www.linkedin.com/in/florian-neumann-ing",
        skills=(
            "Creo|PTC Creo",
            "SolidWorks",
            "AutoCAD",
            "FEM|FEA|Finite Element Analysis",
            "ANSYS",
            "Windchill|PTC Windchill",
            "FMEA",
            "Toleranzanalyse|Tolerance Analysis",
            "Maschinenrichtlinie|Machinery Directive|CE-Kennzeichnung|CE Marking",
            "Projektleitung|Project Management",
        ),
        skills_tolerated=("CAD", "PDM", "PLM", "CE-Kennzeichnung|CE Marking"),
        languages=(Lang("German", "native"), Lang("English", "C1|C2"), Lang("Italian", "A2")),
        summary=("Sondermaschinenbau",),
        experience=(
            "Donautal Fördertechnik GmbH",
            "Teamleiter Konstruktion",
            "Alpen Automation AG",
        ),
        education=("Technische Universität Graz", "Dipl.-Ing. Maschinenbau", "HTL Steyr"),
        certifications=("IPMA Level D", "CSWP"),
    ),
)
