from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="pt_desenvolvedor",
    language="pt",
    role="desenvolvedor back-end",
    layouts=("pdf_one_column", "docx_paragraphs", "pdf_two_column"),
    held_out=True,
    name="Rafael Souza Lima",
    headline="Desenvolvedor Back-end Pleno",
    contact=(
        "São Paulo – SP",
        "+55 11 91234-5678",
        "rafael.souza.dev@example.com.br",
        "linkedin.com/in/rafaelsouzalima",
        "github.com/rafaelsl",
    ),
    sections=(
        section(
            "summary",
            "RESUMO PROFISSIONAL",
            "Desenvolvedor back-end há cinco anos, com foco em APIs de pagamentos e sistemas "
            "de alta disponibilidade em fintechs.",
        ),
        section(
            "experience",
            "EXPERIÊNCIA PROFISSIONAL",
            Entry(
                "Desenvolvedor Back-end Pleno",
                "PagaFácil Instituição de Pagamento, São Paulo",
                "jan/2022 – atual",
                (
                    "APIs de Pix em Java e Spring Boot com 5 milhões de transações por dia.",
                    "Migração de filas para Kafka; redução de 60% nos atrasos de liquidação.",
                ),
            ),
            Entry(
                "Desenvolvedor Júnior",
                "Soluções Digitais Cerrado, Campinas",
                "mar/2019 – dez/2021",
                ("Serviços em Node.js e MongoDB para e-commerce.",),
            ),
        ),
        section(
            "education",
            "FORMAÇÃO ACADÊMICA",
            Entry(
                "Bacharelado em Ciência da Computação",
                "Universidade Estadual de Campinas (Unicamp)",
                "2015 – 2019",
            ),
        ),
        section(
            "skills",
            "COMPETÊNCIAS TÉCNICAS",
            Bullets(
                (
                    "Java, Spring Boot, Node.js",
                    "Kafka, RabbitMQ",
                    "PostgreSQL, MongoDB",
                    "Docker, Kubernetes, AWS",
                    "Testes automatizados (JUnit)",
                )
            ),
        ),
        section(
            "certifications",
            "CERTIFICAÇÕES",
            "AWS Certified Developer – Associate (2023)",
        ),
        section(
            "languages",
            "IDIOMAS",
            "Português: nativo | Inglês: avançado (C1) | Espanhol: intermediário (B1)",
        ),
    ),
    expected=Expected(
        name="Rafael Souza Lima|Rafael Souza",
        email="rafael.souza.dev@example.com.br",
        phone="+55 11 91234-5678",
        linkedin_url="https://www.linkedin.com/in/rafaelsouzalima",
        skills=(
            "Java",
            "Spring Boot",
            "Node.js",
            "Kafka|Apache Kafka",
            "RabbitMQ",
            "PostgreSQL",
            "MongoDB",
            "Docker",
            "Kubernetes",
            "Amazon Web Services|AWS",
            "Testes automatizados|Automated Testing|Test Automation",
            "JUnit",
        ),
        skills_tolerated=("Pix", "APIs|REST APIs"),
        languages=(Lang("Portuguese", "native"), Lang("English", "C1"), Lang("Spanish", "B1")),
        summary=("APIs de pagamentos",),
        experience=(
            "PagaFácil",
            "Desenvolvedor Back-end Pleno",
            "Soluções Digitais Cerrado",
        ),
        education=("Unicamp", "Ciência da Computação"),
        certifications=("AWS Certified Developer",),
    ),
)
