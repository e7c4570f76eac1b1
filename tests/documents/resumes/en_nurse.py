from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

RESUME = Resume(
    id="en_nurse",
    language="en",
    role="registered nurse",
    layouts=("pdf_two_column", "txt"),
    held_out=False,
    name="Grace O'Neill",
    headline="Registered Nurse (Adult), NMC PIN 09A1234E",
    contact=(
        "Leeds, West Yorkshire",
        "07700 900461",
        "grace.oneill@example.co.uk",
        "www.linkedin.com/in/grace-oneill-rn",
    ),
    contact_heading="Contact",
    sections=(
        section(
            "summary",
            "Personal Statement:",
            "Compassionate adult nurse with six years on acute medical and cardiology wards. "
            "Calm under pressure, trusted to take charge of a 28-bed ward on nights, and keen "
            "to move into a clinical educator role.",
        ),
        section(
            "experience",
            "Professional Experience:",
            Entry(
                "Senior Staff Nurse (Band 6), Cardiology",
                "Leeds Teaching Hospitals NHS Trust",
                "Apr 2021 – present",
                (
                    "Nurse in charge of a 28-bed cardiology ward on rotation, leading teams of "
                    "up to nine nurses and healthcare assistants.",
                    "Introduced a sepsis screening huddle that cut time-to-antibiotics by 35%.",
                    "Preceptor for eleven newly qualified nurses.",
                ),
            ),
            Entry(
                "Staff Nurse (Band 5), Acute Medical Unit",
                "Bradford Royal Infirmary",
                "Sep 2018 – Mar 2021",
                (
                    "Cared for up to eight acutely unwell patients per shift; NEWS2 escalation.",
                    "IV therapy, blood transfusions and central line care.",
                ),
            ),
        ),
        section(
            "education",
            "Education:",
            Entry(
                "BSc (Hons) Adult Nursing, First Class",
                "University of Leeds",
                "2015 – 2018",
            ),
        ),
        section(
            "skills",
            "Key Skills:",
            Bullets(
                (
                    "Patient assessment",
                    "IV therapy and cannulation",
                    "Wound care",
                    "Medication administration",
                    "ECG interpretation",
                    "Electronic patient records (EPR)",
                    "Infection prevention and control",
                )
            ),
        ),
        section(
            "certifications",
            "Certifications:",
            Bullets(
                (
                    "Advanced Life Support (ALS), Resuscitation Council UK – 2023",
                    "Immediate Life Support (ILS) – 2019",
                    "Mentorship: Practice Supervisor and Assessor",
                )
            ),
        ),
        section("languages", "Languages:", "English – native; Irish – conversational"),
        section("other", "References:", "Available on request."),
    ),
    expected=Expected(
        name="Grace O'Neill",
        email="grace.oneill@example.co.uk",
        phone="07700 900461",
        linkedin_url="https://www.linkedin.com/in/grace-oneill-rn",
        skills=(
            "Patient Assessment",
            "IV Therapy|IV therapy and cannulation",
            "Cannulation",
            "Wound Care",
            "Medication Administration",
            "ECG Interpretation",
            "Electronic Patient Records|Electronic Health Records|EPR",
            "Infection Prevention and Control|Infection Control",
        ),
        skills_tolerated=(
            "Blood Transfusion|blood transfusions",
            "Central Line Care",
            "NEWS2",
            "Sepsis Screening",
        ),
        languages=(Lang("English", "native"), Lang("Irish", "B1|B2")),
        summary=("acute medical and cardiology wards",),
        experience=(
            "Leeds Teaching Hospitals NHS Trust",
            "Senior Staff Nurse",
            "Bradford Royal Infirmary",
        ),
        education=("University of Leeds", "Adult Nursing"),
        certifications=("Advanced Life Support", "Immediate Life Support"),
    ),
)
