"""Mexican resume with no headings at all; dates as "ene 2019 - a la fecha"."""

from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="es_logistica",
    language="es",
    role="jefa de almacén",
    layouts=("txt", "pdf_one_column", "pdf_two_column"),
    held_out=True,
    name="Daniela Castro Méndez",
    headline="Jefa de Almacén y Distribución",
    contact=(
        "Monterrey, N.L., México",
        "+52 81 1234 5678",
        "daniela.castro@example.com.mx",
        "linkedin.com/in/danielacastromendez",
    ),
    tags=("no-headings",),
    sections=(
        section(
            "summary",
            None,
            "Profesional en logística con nueve años en centros de distribución de consumo "
            "masivo; lidero equipos de hasta 60 personas con foco en seguridad y exactitud de "
            "inventarios.",
        ),
        section(
            "experience",
            None,
            Entry(
                "Jefa de Almacén",
                "Distribuidora Norteña de Abarrotes, Apodaca",
                "ene 2019 - a la fecha",
                (
                    "Exactitud de inventario de 97 % a 99.5 % con conteos cíclicos en SAP WM.",
                    "Implementé 5S y Kaizen en recibo y embarque.",
                ),
            ),
            Entry(
                "Supervisora de Embarques",
                "Grupo Logístico del Golfo, Monterrey",
                "mar 2015 - dic 2018",
            ),
        ),
        section(
            "education",
            None,
            Entry("Ingeniería Industrial y de Sistemas", "Tecnológico de Monterrey", "2010 - 2014"),
        ),
        section(
            "skills",
            None,
            Bullets(
                (
                    "SAP WM",
                    "Control de inventarios",
                    "Lean Manufacturing (5S, Kaizen)",
                    "Liderazgo de equipos",
                    "Power BI",
                ),
            ),
        ),
        section("languages", None, "Inglés intermedio (B1)"),
    ),
    expected=Expected(
        name="Daniela Castro Méndez|Daniela Castro",
        email="daniela.castro@example.com.mx",
        phone="+52 81 1234 5678",
        linkedin_url="https://www.linkedin.com/in/danielacastromendez",
        skills=(
            "SAP WM|SAP",
            "Control de inventarios|Inventory Control|Inventory Management",
            "Lean Manufacturing|Lean",
            "5S",
            "Kaizen",
            "Liderazgo de equipos|Team Leadership|Leadership",
            "Power BI",
        ),
        skills_tolerated=("Conteos cíclicos|Cycle Counting", "Logística|Logistics"),
        languages=(Lang("English", "B1"),),
        summary=("centros de distribución de consumo masivo",),
        experience=(
            "Distribuidora Norteña de Abarrotes",
            "Jefa de Almacén",
            "Grupo Logístico del Golfo",
        ),
        education=("Tecnológico de Monterrey", "Ingeniería Industrial"),
    ),
)
