from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="pt_marketing",
    language="pt",
    role="gestora de marketing digital",
    layouts=("pdf_two_column", "txt", "docx_tables"),
    held_out=False,
    name="Inês Carvalho",
    headline="Gestora de Marketing Digital",
    contact=(
        "Lisboa, Portugal",
        "+351 912 345 678",
        "ines.carvalho@example.pt",
        "pt.linkedin.com/in/inescarvalho-marketing",
    ),
    contact_heading="Contactos",
    sections=(
        section(
            "summary",
            "Perfil",
            "Gestora de marketing digital com oito anos em turismo e retalho. Faço crescer "
            "marcas com conteúdo, dados e campanhas pagas bem medidas.",
        ),
        section(
            "experience",
            "Experiência Profissional",
            Entry(
                "Gestora de Marketing Digital",
                "Viagens Atlântico, Lisboa",
                "2020 – presente",
                (
                    "Orçamento anual de 1,2 M€ em Google Ads e Meta Ads; ROAS de 6,4.",
                    "Reservas online +48 % em dois anos.",
                ),
            ),
            Entry(
                "Especialista de SEO e Conteúdos",
                "Lojas Tejo, Oeiras",
                "2016 – 2020",
                ("Tráfego orgânico de 80 mil para 310 mil visitas por mês.",),
            ),
        ),
        section(
            "education",
            "Formação",
            Entry("Mestrado em Marketing", "ISEG – Universidade de Lisboa", "2014 – 2016"),
            Entry(
                "Licenciatura em Ciências da Comunicação", "Universidade do Porto", "2011 – 2014"
            ),
        ),
        section(
            "skills",
            "Competências",
            Bullets(
                (
                    "SEO / SEM",
                    "Google Ads",
                    "Meta Ads",
                    "Google Analytics 4",
                    "Marketing de conteúdos",
                    "HubSpot",
                    "Email marketing",
                )
            ),
        ),
        section(
            "certifications",
            "Certificações",
            "Google Ads Search Certification; HubSpot Inbound Marketing Certification",
        ),
        section(
            "languages",
            "Línguas",
            "Português (nativo), Inglês (C2), Francês (B2), Espanhol (B1)",
        ),
    ),
    expected=Expected(
        name="Inês Carvalho",
        email="ines.carvalho@example.pt",
        phone="+351 912 345 678",
        linkedin_url="https://www.linkedin.com/in/inescarvalho-marketing",
        skills=(
            "Search Engine Optimization|SEO",
            "SEM|Search Engine Marketing",
            "Google Ads",
            "Meta Ads|Facebook Ads",
            "Google Analytics 4|Google Analytics|GA4",
            "Marketing de conteúdos|Content Marketing",
            "HubSpot",
            "Email Marketing",
        ),
        skills_tolerated=("ROAS", "Marketing Digital|Digital Marketing"),
        languages=(
            Lang("Portuguese", "native"),
            Lang("English", "C2"),
            Lang("French", "B2"),
            Lang("Spanish", "B1"),
        ),
        summary=("turismo e retalho",),
        experience=("Viagens Atlântico", "Gestora de Marketing Digital", "Lojas Tejo"),
        education=("ISEG", "Mestrado em Marketing", "Universidade do Porto"),
        certifications=("Google Ads Search Certification", "HubSpot Inbound Marketing"),
    ),
)
