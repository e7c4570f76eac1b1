"""The text file is Windows-1252 (cp1252) with CRLF line ends: curly quotes, the euro sign
and the en dash are single bytes there (0x93, 0x80, 0x96), not UTF-8."""

from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="es_chef",
    language="es",
    role="jefe de cocina",
    layouts=("txt", "pdf_one_column"),
    held_out=False,
    name="Alejandro Ruiz Peña",
    headline="Jefe de Cocina – cocina mediterránea de mercado",
    contact=("Valencia", "+34 961 23 45 67", "alejandro.ruiz.cocina@example.es"),
    tags=("cp1252",),
    txt_encoding="cp1252",
    sections=(
        section(
            "summary",
            "Sobre mí",
            "Cocinero con 14 años de oficio, los últimos cinco como jefe de cocina en "
            "“Casa Ferrán”, restaurante recomendado por la Guía Michelin (Bib Gourmand).",
        ),
        section(
            "experience",
            "Trayectoria",
            Entry(
                "Jefe de Cocina",
                "Restaurante Casa Ferrán, Valencia",
                "2019 – actualidad",
                (
                    "Equipo de 9 cocineros; carta de temporada y menú degustación de 65 €.",
                    "Reducción del coste de materia prima del 34 % al 28 %.",
                ),
            ),
            Entry(
                "Segundo de Cocina",
                "Hotel Las Arenas, Valencia",
                "2014 – 2019",
                ("Banquetes de hasta 400 comensales; gestión de pedidos y almacén.",),
            ),
            Entry("Cocinero de partida", "Restaurante El Faro, Dénia", "2010 – 2014"),
        ),
        section(
            "education",
            "Formación",
            Entry("Técnico Superior en Dirección de Cocina", "CdT Valencia", "2008 – 2010"),
        ),
        section(
            "skills",
            "Habilidades",
            Bullets(
                (
                    "Arroces y cocina mediterránea",
                    "Escandallos y control de costes",
                    "APPCC / seguridad alimentaria",
                    "Gestión de equipos",
                    "Pastelería básica",
                ),
                marker="*",
            ),
        ),
        section(
            "certifications",
            "Certificados",
            "Manipulador de alimentos de mayor riesgo; Curso de alérgenos "
            "(Reglamento UE 1169/2011)",
        ),
        section("languages", "Idiomas", "Español y valenciano (nativo), inglés (B1)"),
    ),
    expected=Expected(
        name="Alejandro Ruiz Peña|Alejandro Ruiz",
        email="alejandro.ruiz.cocina@example.es",
        phone="+34 961 23 45 67",
        linkedin_url=None,
        skills=(
            "Cocina mediterránea|Mediterranean Cuisine|Arroces y cocina mediterránea",
            "Arroces|Rice Dishes",
            "Escandallos|Food Costing|Escandallos y control de costes",
            "Control de costes|Cost Control",
            "APPCC|HACCP|Seguridad alimentaria|Food Safety",
            "Gestión de equipos|Team Management",
            "Pastelería|Pastry|Pastelería básica",
        ),
        skills_tolerated=("Seguridad alimentaria|Food Safety", "Menú degustación", "Banquetes"),
        languages=(
            Lang("Spanish", "native"),
            Lang("Valencian|Catalan", "native"),
            Lang("English", "B1"),
        ),
        summary=("14 años de oficio",),
        experience=("Restaurante Casa Ferrán", "Jefe de Cocina", "Hotel Las Arenas"),
        education=("Dirección de Cocina", "CdT Valencia"),
        certifications=("Manipulador de alimentos", "alérgenos"),
    ),
)
