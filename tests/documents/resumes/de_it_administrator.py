"""The skills are a table of six columns (area, tools and a level per row, the way some German
templates lay them out), and again in the Word file as a table."""

from tests.documents.resume_set import Entry, Expected, Lang, Resume, Table, section

RESUME = Resume(
    id="de_it_administrator",
    language="de",
    role="Systemadministrator",
    layouts=("pdf_one_column", "docx_tables", "txt"),
    held_out=False,
    name="Lukas Fischer",
    headline="IT-Systemadministrator (Windows/Linux)",
    contact=(
        "Nürnberg",
        "+49 911 5554321",
        "lukas.fischer@example.de",
        "linkedin.com/in/lukasfischer-it",
    ),
    tags=("wide-table",),
    sections=(
        section(
            "summary",
            "Profil",
            "Systemadministrator für 600 Arbeitsplätze an drei Standorten; Schwerpunkt "
            "Virtualisierung, Microsoft 365 und Automatisierung.",
        ),
        section(
            "skills",
            "IT-Kenntnisse",
            Table(
                (
                    (
                        "Bereich",
                        "Betriebssysteme",
                        "Virtualisierung",
                        "Cloud",
                        "Netzwerk",
                        "Skripte",
                    ),
                    (
                        "Tools",
                        "Windows Server",
                        "VMware vSphere",
                        "Microsoft 365",
                        "Cisco",
                        "PowerShell",
                    ),
                    ("", "Linux (Debian)", "Hyper-V", "Azure AD", "Fortinet", "Bash"),
                    ("", "Active Directory", "Veeam", "Intune", "VLAN", "Ansible"),
                    ("Niveau", "Experte", "Experte", "fortgeschritten", "fortgeschritten", "gut"),
                )
            ),
        ),
        section(
            "experience",
            "Berufserfahrung",
            Entry(
                "Systemadministrator",
                "Frankenmetall Holding GmbH, Nürnberg",
                "05/2018 – heute",
                (
                    "Betrieb von 120 virtuellen Servern (VMware), Backup mit Veeam.",
                    "Migration von Exchange On-Premises nach Microsoft 365 für 600 Nutzer.",
                ),
            ),
            Entry(
                "IT-Supporter (1st/2nd Level)",
                "Datenwerk Franken GmbH, Fürth",
                "09/2015 – 04/2018",
            ),
        ),
        section(
            "education",
            "Ausbildung",
            Entry(
                "Fachinformatiker für Systemintegration (IHK)",
                "Datenwerk Franken GmbH / Berufsschule Fürth",
                "2012 – 2015",
            ),
        ),
        section(
            "certifications",
            "Zertifizierungen",
            "Microsoft Certified: Azure Administrator Associate (AZ-104); VMware VCP-DCV 2022; "
            "ITIL 4 Foundation",
        ),
        section("languages", "Sprachen", "Deutsch (Muttersprache), Englisch (B2)"),
    ),
    expected=Expected(
        name="Lukas Fischer",
        email="lukas.fischer@example.de",
        phone="+49 911 5554321",
        linkedin_url="https://www.linkedin.com/in/lukasfischer-it",
        skills=(
            "Windows Server",
            "Linux",
            "Active Directory",
            "VMware vSphere|VMware",
            "Hyper-V",
            "Veeam",
            "Microsoft 365",
            "Azure AD|Azure Active Directory|Microsoft Entra ID",
            "Intune|Microsoft Intune",
            "Cisco",
            "Fortinet",
            "VLAN",
            "PowerShell",
            "Bash",
            "Ansible",
        ),
        skills_tolerated=(
            "Debian",
            "Exchange|Microsoft Exchange",
            "Virtualisierung|Virtualization",
            "Netzwerk|Networking",
            "Betriebssysteme",
            "Cloud",
            "Skripte|Scripting",
        ),
        languages=(Lang("German", "native"), Lang("English", "B2")),
        summary=("600 Arbeitsplätze",),
        experience=("Frankenmetall Holding GmbH", "Systemadministrator", "Datenwerk Franken GmbH"),
        education=("Fachinformatiker für Systemintegration",),
        certifications=("Azure Administrator Associate", "VCP-DCV", "ITIL 4 Foundation"),
    ),
)
