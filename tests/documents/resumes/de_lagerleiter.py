from tests.documents.resume_set import Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="de_lagerleiter",
    language="de",
    role="Lagerleiter",
    layouts=("pdf_one_column", "docx_paragraphs"),
    held_out=False,
    name="Mehmet Yılmaz",
    headline="Lagerleiter / Schichtleiter Logistik",
    contact=(
        "Am Hafen 27, 28217 Bremen",
        "Tel.: 0421 / 98765432",
        "mehmet.yilmaz@example.de",
        "linkedin.com/in/mehmet-yilmaz-logistik",
    ),
    sections=(
        section(
            "summary",
            "Über mich",
            "Anpacker mit Führungserfahrung: seit zwölf Jahren in der Kontraktlogistik, seit "
            "fünf Jahren verantwortlich für ein Lager mit 38 Mitarbeitenden.",
        ),
        section(
            "experience",
            "Beruflicher Werdegang",
            Entry(
                "Lagerleiter",
                "Weserport Kontraktlogistik GmbH, Bremen",
                "01.2019 – heute",
                (
                    "Verantwortung für 24.000 m² Lagerfläche, 38 Mitarbeitende im "
                    "Zweischichtbetrieb.",
                    "Einführung von SAP EWM und Scannerprozessen; Kommissionierfehler -60 %.",
                    "Urlaubs- und Schichtplanung, Inventur, Arbeitssicherheit.",
                ),
            ),
            Entry(
                "Schichtleiter Wareneingang",
                "Hanse Distribution KG, Bremen",
                "08.2013 – 12.2018",
            ),
            Entry(
                "Fachkraft für Lagerlogistik",
                "Hanse Distribution KG, Bremen",
                "08.2010 – 07.2013",
            ),
        ),
        section(
            "education",
            "Aus- und Weiterbildung",
            Entry(
                "Geprüfter Logistikmeister (IHK)",
                "IHK Bremen, berufsbegleitend",
                "2016 – 2018",
            ),
            Entry("Ausbildung Fachkraft für Lagerlogistik", "BLG Logistics, Bremen", "2007 – 2010"),
        ),
        section(
            "skills",
            "Kenntnisse",
            "SAP EWM, SAP MM, MS Office, Staplerschein (FFZ), Personalführung, Schichtplanung, "
            "Inventurmanagement, Gefahrgut (ADR)",
        ),
        section(
            "languages",
            "Sprachen",
            "Deutsch: Muttersprache | Türkisch: Muttersprache | Englisch: B1",
        ),
        section("other", "Hobbys", "Fußballtrainer der F-Jugend, Angeln"),
    ),
    expected=Expected(
        name="Mehmet Yılmaz|Mehmet Yilmaz",
        email="mehmet.yilmaz@example.de",
        phone="0421 / 98765432",
        linkedin_url="https://www.linkedin.com/in/mehmet-yilmaz-logistik",
        skills=(
            "SAP EWM",
            "SAP MM",
            "Microsoft Office|MS Office",
            "Staplerschein|Forklift License|Staplerschein (FFZ)",
            "Personalführung|People Management|Leadership",
            "Schichtplanung|Shift Planning",
            "Inventurmanagement|Inventory Management",
            "Gefahrgut|Dangerous Goods|ADR|Gefahrgut (ADR)",
        ),
        skills_tolerated=("Arbeitssicherheit|Occupational Safety", "Inventur"),
        languages=(Lang("German", "native"), Lang("Turkish", "native"), Lang("English", "B1")),
        summary=("Kontraktlogistik",),
        experience=(
            "Weserport Kontraktlogistik GmbH",
            "Lagerleiter",
            "Hanse Distribution KG",
            "Schichtleiter Wareneingang",
        ),
        education=("Geprüfter Logistikmeister (IHK)", "Fachkraft für Lagerlogistik"),
    ),
)
