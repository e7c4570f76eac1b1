from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="de_vertrieb",
    language="de",
    role="Key Account Manager",
    layouts=("docx_paragraphs", "pdf_two_column"),
    held_out=False,
    name="Tobias Krämer",
    headline="Key Account Manager B2B – Medizintechnik",
    contact=(
        "München",
        "+49 171 2345678",
        "tobias.kraemer@example.com",
        "https://de.linkedin.com/in/tobias-kraemer-kam/",
    ),
    sections=(
        section(
            "summary",
            "Profil",
            "Vertriebsprofi mit zehn Jahren im Klinikvertrieb. Ich baue Beziehungen zu "
            "Einkaufsleitungen und Chefärzten auf und gewinne Ausschreibungen.",
        ),
        section(
            "experience",
            "Berufserfahrung",
            Entry(
                "Key Account Manager Süddeutschland",
                "Isarmed Technologies GmbH, München",
                "Januar 2020 – heute",
                (
                    "Betreuung von 35 Klinikverbünden, Umsatzverantwortung 9,5 Mio. €.",
                    "Umsatzsteigerung um 27 % in drei Jahren; zwei Rahmenverträge gewonnen.",
                ),
            ),
            Entry(
                "Außendienstmitarbeiter",
                "Bavaria Dental Supply AG, Augsburg",
                "April 2015 – Dezember 2019",
                ("Neukundengewinnung bei Zahnarztpraxen; 140 % Zielerreichung 2018.",),
            ),
        ),
        section(
            "education",
            "Studium",
            Entry(
                "B.A. Betriebswirtschaftslehre, Schwerpunkt Marketing",
                "Hochschule Augsburg",
                "2011 – 2015",
            ),
        ),
        section(
            "skills",
            "Kompetenzen",
            Bullets(
                (
                    "Key Account Management",
                    "Verhandlungsführung",
                    "Ausschreibungen (öffentliche Vergabe)",
                    "Salesforce CRM",
                    "Neukundenakquise",
                    "MS Office",
                )
            ),
        ),
        section(
            "languages",
            "Sprachen",
            "Deutsch (Muttersprache); Englisch (verhandlungssicher); Französisch (Grundkenntnisse)",
        ),
        section(
            "certifications",
            "Weiterbildung",
            "Zertifizierter Medizinprodukteberater (§ 83 MPDG), 2015",
        ),
    ),
    expected=Expected(
        name="Tobias Krämer",
        email="tobias.kraemer@example.com",
        phone="+49 171 2345678",
        linkedin_url="https://www.linkedin.com/in/tobias-kraemer-kam",
        skills=(
            "Key Account Management",
            "Verhandlungsführung|Negotiation",
            "Ausschreibungen|Tendering|Public Procurement",
            "Salesforce|Salesforce CRM",
            "Neukundenakquise|Business Development|Lead Generation",
            "Microsoft Office|MS Office",
        ),
        skills_tolerated=("Customer Relationship Management|CRM", "Neukundengewinnung"),
        languages=(Lang("German", "native"), Lang("English", "C1|C2"), Lang("French", "A1|A2")),
        summary=("Klinikvertrieb",),
        experience=(
            "Isarmed Technologies GmbH",
            "Key Account Manager",
            "Bavaria Dental Supply AG",
        ),
        education=("Hochschule Augsburg", "Betriebswirtschaftslehre"),
        certifications=("Medizinprodukteberater",),
    ),
)
