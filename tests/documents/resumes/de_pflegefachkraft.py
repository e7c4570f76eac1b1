from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="de_pflegefachkraft",
    language="de",
    role="Pflegefachfrau",
    layouts=("docx_tables", "txt"),
    held_out=True,
    name="Katharina Schulz",
    headline="Examinierte Pflegefachfrau – Intensivpflege",
    contact=(
        "Lindenstraße 4, 50674 Köln",
        "0151 23456789",
        "k.schulz@example.de",
    ),
    sections=(
        section(
            "summary",
            "Kurzprofil:",
            "Pflegefachfrau mit Fachweiterbildung Intensivpflege und acht Jahren Erfahrung auf "
            "internistischen Intensivstationen. Ruhig in Notfällen, gern Praxisanleiterin.",
        ),
        section(
            "experience",
            "Berufserfahrung:",
            Entry(
                "Fachkrankenpflegerin Intensivpflege",
                "Universitätsklinikum Köln, Medizinische Intensivstation",
                "seit 04/2019",
                (
                    "Versorgung beatmeter Patient*innen, ECMO-Therapie, Nierenersatzverfahren.",
                    "Praxisanleiterin für 14 Auszubildende.",
                ),
            ),
            Entry(
                "Gesundheits- und Krankenpflegerin",
                "St. Elisabeth-Krankenhaus, Köln-Hohenlind",
                "10/2016 – 03/2019",
                ("Kardiologie und Stroke Unit; Schichtleitung im Nachtdienst.",),
            ),
        ),
        section(
            "education",
            "Ausbildung:",
            Entry(
                "Fachweiterbildung Intensiv- und Anästhesiepflege (DKG)",
                "Akademie für Gesundheitsberufe, Köln",
                "2019 – 2021",
            ),
            Entry(
                "Ausbildung Gesundheits- und Krankenpflegerin (Examen: 1,7)",
                "Krankenpflegeschule am St. Elisabeth-Krankenhaus",
                "2013 – 2016",
            ),
        ),
        section(
            "skills",
            "Fachkenntnisse:",
            Bullets(
                (
                    "Beatmungspflege",
                    "Pflegeplanung und -dokumentation",
                    "Wundmanagement",
                    "Hygienemanagement",
                    "Medikamentenmanagement",
                    "Praxisanleitung",
                    "SAP ISH-Med",
                ),
                marker="-",
            ),
        ),
        section(
            "certifications",
            "Weiterbildungen:",
            "ERC Advanced Life Support (2022), Praxisanleiterin nach PflBG (300 Std.)",
        ),
        section(
            "languages",
            "Sprachen:",
            "Deutsch (Muttersprache), Englisch (gute Kenntnisse), Türkisch (fließend)",
        ),
    ),
    expected=Expected(
        name="Katharina Schulz",
        email="k.schulz@example.de",
        phone="0151 23456789",
        linkedin_url=None,
        skills=(
            "Beatmungspflege|Ventilation Care|Mechanical Ventilation",
            "Pflegeplanung und -dokumentation|Pflegeplanung|Pflegedokumentation|Care Planning"
            "|Nursing Documentation",
            "Wundmanagement|Wound Management|Wound Care",
            "Hygienemanagement|Infection Control",
            "Medikamentenmanagement|Medication Management",
            "Praxisanleitung|Clinical Mentoring",
            "SAP ISH-Med|SAP",
        ),
        skills_tolerated=("ECMO", "Intensivpflege|Intensive Care", "Nierenersatzverfahren"),
        languages=(Lang("German", "native"), Lang("English", "B1|B2"), Lang("Turkish", "C1|C2")),
        summary=("Fachweiterbildung Intensivpflege",),
        experience=(
            "Universitätsklinikum Köln",
            "Fachkrankenpflegerin Intensivpflege",
            "St. Elisabeth-Krankenhaus",
        ),
        education=("Akademie für Gesundheitsberufe", "Gesundheits- und Krankenpflegerin"),
        certifications=("ERC Advanced Life Support", "Praxisanleiterin"),
    ),
)
