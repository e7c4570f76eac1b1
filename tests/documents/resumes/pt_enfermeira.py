from tests.documents.resume_set import Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="pt_enfermeira",
    language="pt",
    role="enfermeira",
    layouts=("docx_tables", "pdf_one_column"),
    held_out=True,
    name="Beatriz Almeida Santos",
    headline="Enfermeira – Cuidados Intensivos",
    contact=("Porto", "+351 934 567 890", "beatriz.asantos@example.pt"),
    sections=(
        section(
            "summary",
            "Perfil:",
            "Enfermeira com sete anos de experiência, cinco dos quais em cuidados intensivos "
            "polivalentes. Procuro integrar uma equipa de enfermagem em emergência pré-hospitalar.",
        ),
        section(
            "experience",
            "Experiência:",
            Entry(
                "Enfermeira, Serviço de Medicina Intensiva",
                "Centro Hospitalar Universitário de São João, Porto",
                "2020 – presente",
                ("Doentes ventilados e em técnicas de substituição renal.",),
            ),
            Entry(
                "Enfermeira, Medicina Interna",
                "Hospital de Santo António, Porto",
                "2018 – 2020",
            ),
        ),
        section(
            "education",
            "Formação:",
            Entry(
                "Licenciatura em Enfermagem",
                "Escola Superior de Enfermagem do Porto",
                "2014 – 2018",
            ),
            Entry(
                "Pós-graduação em Enfermagem em Cuidados Intensivos",
                "Universidade Católica Portuguesa",
                "2021",
            ),
        ),
        section(
            "skills",
            "Competências:",
            "Ventilação mecânica invasiva, monitorização hemodinâmica, suporte avançado de vida, "
            "gestão de cateteres venosos centrais, registos no SClínico",
        ),
        section("certifications", "Certificações:", "Suporte Avançado de Vida (SAV) – INEM, 2023"),
        section("languages", "Idiomas:", "Português (língua materna), Inglês (B2), Francês (A2)"),
    ),
    expected=Expected(
        name="Beatriz Almeida Santos|Beatriz Santos",
        email="beatriz.asantos@example.pt",
        phone="+351 934 567 890",
        linkedin_url=None,
        skills=(
            "Ventilação mecânica invasiva|Mechanical Ventilation|Ventilação mecânica",
            "Monitorização hemodinâmica|Hemodynamic Monitoring",
            "Suporte avançado de vida|Advanced Life Support",
            "Gestão de cateteres venosos centrais|Central Line Care",
            "SClínico",
        ),
        skills_tolerated=("Cuidados intensivos|Intensive Care|Critical Care",),
        languages=(Lang("Portuguese", "native"), Lang("English", "B2"), Lang("French", "A2")),
        summary=("emergência pré-hospitalar",),
        experience=(
            "Centro Hospitalar Universitário de São João",
            "Serviço de Medicina Intensiva",
            "Hospital de Santo António",
        ),
        education=("Escola Superior de Enfermagem do Porto", "Licenciatura em Enfermagem"),
        certifications=("Suporte Avançado de Vida",),
    ),
)
