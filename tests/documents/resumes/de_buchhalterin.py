from tests.documents.resume_set import Bullets, Expected, Lang, Resume, Table, section

RESUME = Resume(
    id="de_buchhalterin",
    language="de",
    role="Finanzbuchhalterin",
    layouts=("docx_tables", "pdf_one_column"),
    held_out=False,
    name="Sabine Hoffmann",
    headline="Lebenslauf – Bilanzbuchhalterin (IHK)",
    contact=(
        "Goethestraße 8, 60313 Frankfurt am Main",
        "+49 (0)69 2345 6789",
        "sabine.hoffmann@example.de",
    ),
    sections=(
        section(
            "other",
            "Persönliche Daten",
            Table(
                (
                    ("Geburtsdatum", "14.05.1984 in Offenbach"),
                    ("Staatsangehörigkeit", "deutsch"),
                    ("Familienstand", "verheiratet, zwei Kinder"),
                )
            ),
        ),
        section(
            "experience",
            "Beruflicher Werdegang",
            Table(
                (
                    (
                        "seit 07/2017",
                        "Bilanzbuchhalterin, Mainfels Immobilien GmbH, Frankfurt – Monats- und "
                        "Jahresabschlüsse nach HGB für 12 Objektgesellschaften, "
                        "Umsatzsteuervoranmeldungen, Ansprechpartnerin für Wirtschaftsprüfer",
                    ),
                    (
                        "04/2010 – 06/2017",
                        "Finanzbuchhalterin, Steuerkanzlei Roth & Partner, Offenbach – "
                        "Kreditoren- und Debitorenbuchhaltung, Lohnbuchhaltung für 40 Mandanten "
                        "mit DATEV",
                    ),
                )
            ),
        ),
        section(
            "education",
            "Ausbildung",
            Table(
                (
                    ("2014 – 2016", "Geprüfte Bilanzbuchhalterin (IHK Frankfurt am Main)"),
                    ("2007 – 2010", "Ausbildung zur Steuerfachangestellten, Steuerkanzlei Roth"),
                    ("2007", "Abitur, Leibnizschule Offenbach"),
                )
            ),
        ),
        section(
            "skills",
            "EDV- und Fachkenntnisse",
            Bullets(
                (
                    "DATEV Kanzlei-Rechnungswesen, DATEV Lohn und Gehalt",
                    "SAP FI/CO",
                    "MS Excel (sehr gut)",
                    "Jahresabschluss nach HGB",
                    "Umsatzsteuer",
                    "Kreditorenbuchhaltung",
                )
            ),
        ),
        section("languages", "Sprachen", "Deutsch (Muttersprache), Englisch (gut, B2)"),
        section("other", None, "Frankfurt am Main, im März 2025"),
    ),
    expected=Expected(
        name="Sabine Hoffmann",
        email="sabine.hoffmann@example.de",
        phone="+49 (0)69 2345 6789",
        linkedin_url=None,
        skills=(
            "DATEV",
            "SAP FI/CO|SAP FI|SAP",
            "Excel|Microsoft Excel",
            "Jahresabschluss nach HGB|HGB|Jahresabschluss|Financial Statements",
            "Umsatzsteuer|VAT",
            "Kreditorenbuchhaltung|Accounts Payable",
        ),
        skills_tolerated=(
            "SAP CO|CO",
            "Debitorenbuchhaltung|Accounts Receivable",
            "Lohnbuchhaltung|Payroll",
            "DATEV Kanzlei-Rechnungswesen",
            "DATEV Lohn und Gehalt",
        ),
        languages=(Lang("German", "native"), Lang("English", "B2")),
        experience=(
            "Mainfels Immobilien GmbH",
            "Bilanzbuchhalterin",
            "Steuerkanzlei Roth & Partner",
            "Finanzbuchhalterin",
        ),
        education=("Geprüfte Bilanzbuchhalterin", "Steuerfachangestellten"),
    ),
)
