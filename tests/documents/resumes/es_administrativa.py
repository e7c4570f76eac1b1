"""Compact resume whose headings run into their text ("Idiomas: ...")."""

from tests.documents.resume_set import Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="es_administrativa",
    language="es",
    role="administrativa contable",
    layouts=("docx_paragraphs", "pdf_one_column", "docx_tables"),
    held_out=False,
    name="María José Ortega",
    headline="Administrativa contable",
    contact=("Zaragoza", "+34 676 54 32 10", "mjortega@example.com"),
    tags=("inline-headings",),
    sections=(
        section(
            "summary",
            "Perfil:",
            "Administrativa con ocho años en gestión contable y facturación de pymes, "
            "organizada y resolutiva.",
            inline=True,
        ),
        section(
            "experience",
            "Experiencia:",
            "Administrativa contable en Transportes Ebro Norte S.L. (Zaragoza), desde 2018: "
            "facturación, conciliaciones bancarias, modelos 303 y 111.",
            Entry(
                "Auxiliar administrativa",
                "Gestoría Lanuza, Zaragoza",
                "2015 – 2018",
            ),
            inline=True,
        ),
        section(
            "education",
            "Formación:",
            "Técnico Superior en Administración y Finanzas (IES Miguel Servet, 2015).",
            inline=True,
        ),
        section(
            "skills",
            "Informática:",
            "A3 Contabilidad, SAGE 200, Excel avanzado, Word, Outlook.",
            inline=True,
        ),
        section(
            "languages",
            "Idiomas:",
            "español (nativo), inglés (A2), francés (B1).",
            inline=True,
        ),
        section(
            "other",
            "Otros datos:",
            "Carné de conducir B, vehículo propio. Disponibilidad inmediata.",
            inline=True,
        ),
    ),
    expected=Expected(
        name="María José Ortega",
        email="mjortega@example.com",
        phone="+34 676 54 32 10",
        linkedin_url=None,
        skills=(
            "A3 Contabilidad|A3",
            "Sage 200|Sage",
            "Excel|Microsoft Excel|Excel avanzado",
            "Word|Microsoft Word",
            "Outlook|Microsoft Outlook",
        ),
        skills_tolerated=(
            "Facturación|Invoicing",
            "Conciliaciones bancarias|Bank Reconciliation",
            "Gestión contable|Accounting",
            "Carné de conducir B|Driving Licence",
        ),
        languages=(Lang("Spanish", "native"), Lang("English", "A2"), Lang("French", "B1")),
        summary=("gestión contable y facturación de pymes",),
        experience=("Transportes Ebro Norte", "Administrativa contable", "Gestoría Lanuza"),
        education=("Administración y Finanzas", "IES Miguel Servet"),
    ),
)
