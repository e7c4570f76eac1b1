from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="es_ingeniero_datos",
    language="es",
    role="ingeniero de datos",
    layouts=("pdf_two_column", "docx_paragraphs", "txt"),
    held_out=False,
    name="Javier Morales Gil",
    headline="Ingeniero de Datos Senior",
    contact=(
        "Madrid",
        "+34 612 345 678",
        "javier.morales@example.es",
        "es.linkedin.com/in/javiermoralesgil",
    ),
    contact_heading="CONTACTO",
    sections=(
        section(
            "summary",
            "PERFIL",
            "Ingeniero de datos con siete años diseñando plataformas de datos en banca y "
            "comercio electrónico. Me gustan los pipelines sencillos, probados y baratos de "
            "mantener.",
        ),
        section(
            "experience",
            "EXPERIENCIA LABORAL",
            Entry(
                "Ingeniero de Datos Senior",
                "Banco Meridiano, Madrid",
                "2021 – actualidad",
                (
                    "Diseño del data lake en GCP (BigQuery, Dataflow) para 40 equipos.",
                    "Orquestación de 300 pipelines con Airflow; coste mensual -35 %.",
                ),
            ),
            Entry(
                "Ingeniero de Datos",
                "Tiendas Alba Online, Alcobendas",
                "2017 – 2021",
                ("Procesamiento de eventos de compra con Spark y Kafka.",),
            ),
        ),
        section(
            "education",
            "FORMACIÓN ACADÉMICA",
            Entry(
                "Máster en Big Data y Analítica",
                "Universidad Politécnica de Madrid",
                "2016 – 2017",
            ),
            Entry(
                "Grado en Ingeniería Informática",
                "Universidad Carlos III de Madrid",
                "2012 – 2016",
            ),
        ),
        section(
            "skills",
            "CONOCIMIENTOS TÉCNICOS",
            Bullets(
                (
                    "Python, Scala, SQL",
                    "Apache Spark, Kafka, Airflow",
                    "BigQuery, Dataflow, GCP",
                    "dbt, Terraform, Docker",
                    "Modelado de datos",
                )
            ),
        ),
        section(
            "certifications",
            "CERTIFICACIONES",
            "Google Cloud Professional Data Engineer (2022)",
        ),
        section(
            "languages",
            "IDIOMAS",
            "Español: nativo",
            "Inglés: avanzado (C1)",
            "Catalán: intermedio",
        ),
    ),
    expected=Expected(
        name="Javier Morales Gil|Javier Morales",
        email="javier.morales@example.es",
        phone="+34 612 345 678",
        linkedin_url="https://www.linkedin.com/in/javiermoralesgil",
        skills=(
            "Python",
            "Scala",
            "SQL",
            "Apache Spark|Spark",
            "Kafka|Apache Kafka",
            "Apache Airflow|Airflow",
            "BigQuery|Google BigQuery",
            "Dataflow|Google Cloud Dataflow",
            "Google Cloud Platform|Google Cloud|GCP",
            "dbt",
            "Terraform",
            "Docker",
            "Modelado de datos|Data Modeling",
        ),
        skills_tolerated=("Data Lake", "Pipelines|Data Pipelines"),
        languages=(Lang("Spanish", "native"), Lang("English", "C1"), Lang("Catalan", "B1|B2")),
        summary=("plataformas de datos en banca",),
        experience=("Banco Meridiano", "Ingeniero de Datos Senior", "Tiendas Alba Online"),
        education=(
            "Universidad Politécnica de Madrid",
            "Máster en Big Data",
            "Universidad Carlos III de Madrid",
        ),
        certifications=("Professional Data Engineer",),
    ),
)
