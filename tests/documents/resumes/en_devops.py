"""Headings run into their text ("Skills: a, b, c"), the way compact one-page resumes do."""

from tests.documents.resume_set import Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="en_devops",
    language="en",
    role="site reliability engineer",
    layouts=("txt", "docx_tables", "pdf_two_column"),
    held_out=True,
    name="Oliver Grant",
    headline="Site Reliability Engineer",
    contact=(
        "Toronto, ON",
        "+1 416 555 0134",
        "oliver@grant-sre.example",
        "linkedin.com/in/olivergrant",
    ),
    tags=("inline-headings",),
    sections=(
        section(
            "summary",
            "Summary:",
            "SRE who makes on-call quiet: 99.98% availability on a platform serving 9M users.",
            inline=True,
        ),
        section(
            "skills",
            "Skills:",
            "k8s, Terraform, GCP, AWS, Prometheus, Grafana, Go, Python, Bash, Ansible, Linux, "
            "CI/CD (GitLab), incident management",
            inline=True,
        ),
        section(
            "experience",
            "Experience:",
            "Site Reliability Engineer, Maplepay (Toronto), 2020–present. Led the move of 140 "
            "services to GKE; on-call pages per week from 31 to 6.",
            Entry(
                "Systems Administrator",
                "Northern Lights Hosting, Ottawa",
                "2016–2020",
                ("Ran 600 Linux servers; automated patching with Ansible.",),
            ),
            inline=True,
        ),
        section(
            "education",
            "Education:",
            "B.Eng. Computer Engineering, University of Waterloo, 2016.",
            inline=True,
        ),
        section(
            "certifications",
            "Certifications:",
            "Certified Kubernetes Administrator (CKA); Google Cloud Professional Cloud Architect.",
            inline=True,
        ),
        section(
            "languages",
            "Languages:",
            "English (native), French (B2).",
            inline=True,
        ),
    ),
    expected=Expected(
        name="Oliver Grant",
        email="oliver@grant-sre.example",
        phone="+1 416 555 0134",
        linkedin_url="https://www.linkedin.com/in/olivergrant",
        skills=(
            "Kubernetes",
            "Terraform",
            "Google Cloud Platform|Google Cloud|GCP",
            "Amazon Web Services|AWS",
            "Prometheus",
            "Grafana",
            "Go",
            "Python",
            "Bash",
            "Ansible",
            "Linux",
            "Continuous Integration|CI/CD",
            "GitLab|GitLab CI",
            "Incident Management",
        ),
        skills_tolerated=(
            "GKE|Google Kubernetes Engine",
            "Patching",
            "Site Reliability Engineering|SRE",
        ),
        languages=(Lang("English", "native"), Lang("French", "B2")),
        summary=("99.98% availability",),
        experience=("Maplepay", "Site Reliability Engineer", "Northern Lights Hosting"),
        education=("University of Waterloo", "Computer Engineering"),
        certifications=("Certified Kubernetes Administrator", "Professional Cloud Architect"),
    ),
)
