from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="de_softwareentwickler",
    language="de",
    role="Softwareentwicklerin",
    layouts=("pdf_two_column", "docx_paragraphs"),
    held_out=False,
    name="Anna Berg",
    headline="Senior Softwareentwicklerin (Java/Kotlin)",
    contact=(
        "Kastanienallee 12, 10435 Berlin",
        "+49 30 1234567",
        "anna.berg@example.de",
        "de.linkedin.com/in/anna-berg-dev",
    ),
    contact_heading="KONTAKT",
    sections=(
        section(
            "summary",
            "PROFIL",
            "Backend-Entwicklerin mit neun Jahren Erfahrung in der Logistik- und "
            "Versicherungsbranche. Schwerpunkt: robuste Microservices, saubere Schnittstellen "
            "und Teams, die gerne Code reviewen.",
        ),
        section(
            "experience",
            "BERUFSERFAHRUNG",
            Entry(
                "Senior Softwareentwicklerin",
                "Spreewerk Logistik GmbH, Berlin",
                "03/2019 – heute",
                (
                    "Technische Leitung der Sendungsverfolgung (Kotlin, Spring Boot, Kafka), "
                    "2 Mio. Sendungen pro Tag.",
                    "Migration von 30 Diensten auf Kubernetes in der Azure-Cloud.",
                    "Mentorin für vier Junior-Entwickler*innen.",
                ),
            ),
            Entry(
                "Softwareentwicklerin",
                "Havelland Versicherung AG, Potsdam",
                "10/2015 – 02/2019",
                ("Entwicklung des Tarifrechners in Java EE; Einführung von Jenkins-Pipelines.",),
            ),
        ),
        section(
            "education",
            "AUSBILDUNG",
            Entry("M.Sc. Informatik", "Technische Universität Berlin", "10/2013 – 09/2015"),
            Entry("B.Sc. Informatik", "Universität Potsdam", "10/2010 – 09/2013"),
        ),
        section(
            "skills",
            "KENNTNISSE",
            Bullets(
                (
                    "Java, Kotlin, SQL",
                    "Spring Boot, Hibernate",
                    "Kafka, PostgreSQL, Redis",
                    "Docker, k8s, Azure",
                    "CI/CD, Git",
                    "Domain-Driven Design",
                )
            ),
        ),
        section(
            "languages",
            "SPRACHEN",
            "Deutsch – Muttersprache",
            "Englisch – verhandlungssicher (C1)",
            "Spanisch – Grundkenntnisse",
        ),
        section(
            "certifications",
            "ZERTIFIKATE",
            "Oracle Certified Professional: Java SE 11 Developer (2020)",
        ),
    ),
    expected=Expected(
        name="Anna Berg",
        email="anna.berg@example.de",
        phone="+49 30 1234567",
        linkedin_url="https://www.linkedin.com/in/anna-berg-dev",
        skills=(
            "Java",
            "Kotlin",
            "SQL",
            "Spring Boot",
            "Hibernate",
            "Kafka|Apache Kafka",
            "PostgreSQL",
            "Redis",
            "Docker",
            "Kubernetes",
            "Microsoft Azure|Azure",
            "Continuous Integration|CI/CD",
            "Git",
            "Domain-Driven Design|DDD",
        ),
        skills_tolerated=("Java EE", "Jenkins", "Microservices"),
        languages=(Lang("German", "native"), Lang("English", "C1"), Lang("Spanish", "A1|A2")),
        summary=("robuste Microservices",),
        experience=(
            "Spreewerk Logistik GmbH",
            "Senior Softwareentwicklerin",
            "Havelland Versicherung AG",
        ),
        education=("Technische Universität Berlin", "M.Sc. Informatik", "Universität Potsdam"),
        certifications=("Oracle Certified Professional: Java SE 11 Developer",),
    ),
)
