from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="es_enfermera",
    language="es",
    role="enfermera",
    layouts=("docx_tables", "txt"),
    held_out=True,
    name="Lucía Fernández Ortiz",
    headline="Enfermera especialista en Pediatría",
    contact=(
        "Sevilla",
        "654 32 10 98",
        "lucia.fernandez.enf@example.es",
        "linkedin.com/in/lucia-fernandez-ortiz",
    ),
    sections=(
        section(
            "summary",
            "Perfil Profesional:",
            "Enfermera especialista en Pediatría (EIR) con seis años en hospitalización y "
            "urgencias pediátricas. Trato cercano con las familias y experiencia docente.",
        ),
        section(
            "experience",
            "Experiencia Profesional:",
            Entry(
                "Enfermera especialista en Pediatría",
                "Hospital Universitario Virgen del Rocío, Sevilla",
                "mayo 2020 – actualidad",
                (
                    "Urgencias pediátricas y unidad de lactantes.",
                    "Tutora de residentes EIR de Pediatría.",
                ),
            ),
            Entry(
                "Enfermera residente (EIR)",
                "Hospital Infantil Virgen del Rocío",
                "2018 – 2020",
            ),
            Entry("Enfermera", "Hospital Quirónsalud Sagrado Corazón, Sevilla", "2016 – 2018"),
        ),
        section(
            "education",
            "Formación Académica:",
            Entry(
                "Especialidad de Enfermería Pediátrica (EIR)", "Servicio Andaluz de Salud", "2020"
            ),
            Entry("Grado en Enfermería", "Universidad de Sevilla", "2012 – 2016"),
        ),
        section(
            "skills",
            "Competencias:",
            Bullets(
                (
                    "Cuidados pediátricos",
                    "Soporte vital avanzado pediátrico",
                    "Canalización de vías periféricas",
                    "Educación para la salud",
                    "Diraya (historia clínica digital)",
                )
            ),
        ),
        section(
            "certifications",
            "Cursos y Certificaciones:",
            "Curso de Soporte Vital Avanzado Pediátrico y Neonatal (GERCPPN, 2022)",
        ),
        section(
            "languages",
            "Idiomas:",
            "Castellano (lengua materna), inglés (B2 – First Certificate), francés (A2)",
        ),
    ),
    expected=Expected(
        name="Lucía Fernández Ortiz|Lucía Fernández",
        email="lucia.fernandez.enf@example.es",
        phone="654 32 10 98",
        linkedin_url="https://www.linkedin.com/in/lucia-fernandez-ortiz",
        skills=(
            "Cuidados pediátricos|Pediatric Care",
            "Soporte vital avanzado pediátrico|Pediatric Advanced Life Support|PALS",
            "Canalización de vías periféricas|IV Cannulation|Peripheral IV Insertion",
            "Educación para la salud|Health Education",
            "Diraya",
        ),
        skills_tolerated=(
            "Urgencias pediátricas|Pediatric Emergency Care",
            "Docencia|Teaching|docente",
        ),
        languages=(Lang("Spanish", "native"), Lang("English", "B2"), Lang("French", "A2")),
        summary=("urgencias pediátricas",),
        experience=(
            "Hospital Universitario Virgen del Rocío",
            "Enfermera especialista en Pediatría",
            "Quirónsalud",
        ),
        education=("Universidad de Sevilla", "Grado en Enfermería", "Enfermería Pediátrica"),
        certifications=("Soporte Vital Avanzado Pediátrico y Neonatal",),
    ),
)
