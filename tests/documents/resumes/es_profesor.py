from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="es_profesor",
    language="es",
    role="profesor de secundaria",
    layouts=("pdf_two_column", "docx_tables", "pdf_one_column"),
    held_out=False,
    name="Carlos Jiménez Navarro",
    headline="Profesor de Matemáticas – Educación Secundaria y Bachillerato",
    contact=(
        "Granada",
        "+34 690 12 34 56",
        "carlos.jimenez.mates@example.es",
        "https://www.linkedin.com/in/carlos-jimenez-navarro",
    ),
    sections=(
        section(
            "summary",
            "Sobre mí",
            "Profesor de Matemáticas con funcionariado desde 2016. Me interesan el aprendizaje "
            "basado en problemas y el uso de GeoGebra en el aula.",
        ),
        section(
            "experience",
            "Experiencia docente",
            Entry(
                "Profesor de Matemáticas (funcionario de carrera)",
                "IES Padre Suárez, Granada",
                "2016 – presente",
                (
                    "Matemáticas de 3.º y 4.º de ESO y Bachillerato; jefe de departamento "
                    "desde 2021.",
                    "Coordinador del programa bilingüe de Matemáticas en inglés.",
                ),
            ),
            Entry(
                "Profesor interino de Matemáticas",
                "IES Alhambra, Granada",
                "2013 – 2016",
            ),
        ),
        section(
            "education",
            "Formación",
            Entry("Licenciatura en Matemáticas", "Universidad de Granada", "2007 – 2012"),
            Entry(
                "Máster en Profesorado de Educación Secundaria",
                "Universidad de Granada",
                "2012 – 2013",
            ),
        ),
        section(
            "skills",
            "Competencias",
            Bullets(
                (
                    "Didáctica de las matemáticas",
                    "GeoGebra",
                    "Moodle",
                    "Google Workspace for Education",
                    "Aprendizaje basado en problemas",
                    "Atención a la diversidad",
                )
            ),
        ),
        section(
            "languages",
            "Idiomas",
            "Español – lengua materna",
            "Inglés – C1 (Cambridge Advanced)",
        ),
        section(
            "projects",
            "Proyectos y premios",
            "Finalista del concurso nacional «Matemáticas en la calle» (2019) con un proyecto de "
            "estadística urbana de mi alumnado.",
        ),
    ),
    expected=Expected(
        name="Carlos Jiménez Navarro|Carlos Jiménez",
        email="carlos.jimenez.mates@example.es",
        phone="+34 690 12 34 56",
        linkedin_url="https://www.linkedin.com/in/carlos-jimenez-navarro",
        skills=(
            "Didáctica de las matemáticas|Mathematics Teaching",
            "GeoGebra",
            "Moodle",
            "Google Workspace for Education|Google Workspace",
            "Aprendizaje basado en problemas|Problem-Based Learning",
            "Atención a la diversidad|Inclusive Education",
        ),
        skills_tolerated=("Matemáticas|Mathematics", "Estadística|Statistics"),
        languages=(Lang("Spanish", "native"), Lang("English", "C1")),
        summary=("aprendizaje basado en problemas",),
        experience=(
            "IES Padre Suárez",
            "Profesor de Matemáticas",
            "IES Alhambra",
        ),
        education=("Universidad de Granada", "Licenciatura en Matemáticas"),
        projects=("Matemáticas en la calle",),
    ),
)
