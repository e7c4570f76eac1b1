"""A handful of realistic resumes for development: the text as laid out ("## " marks a
heading), in several languages and layouts."""

from __future__ import annotations

SIDEBAR = [
    "## CONTACT",
    "maria.schneider@example.com",
    "+49 30 1234 5678",
    "linkedin.com/in/maria-schneider",
    "Berlin, Germany",
    "",
    "## SKILLS",
    "Python, Go, PostgreSQL",
    "Kubernetes (k8s), Docker",
    "AWS • Terraform • Kafka",
    "",
    "## LANGUAGES",
    "German (native)",
    "English (C1)",
    "Spanish – basic",
]
MAIN = [
    "## PROFILE",
    "Backend engineer with ten years of experience building payment",
    "platforms and data pipelines for fintech companies in Berlin.",
    "",
    "## EXPERIENCE",
    "Senior Backend Engineer, PayFast GmbH",
    "03/2019 – present",
    "• Led a team of five engineers building the settlement",
    "service in Go and PostgreSQL.",
    "• Cut batch run time from 4 hours to 20 minutes.",
    "",
    "Backend Engineer, DataWorks AG",
    "01/2015 – 02/2019",
    "• Built ETL pipelines in Python and Airflow.",
    "• Introduced contract tests between twelve services.",
    "",
    "## EDUCATION",
    "MSc Computer Science, TU Berlin",
    "2012 – 2014",
    "BSc Computer Science, Universität Potsdam",
    "2009 – 2012",
    "",
    "## CERTIFICATIONS",
    "• AWS Certified Solutions Architect – Associate (2021)",
    "• Certified Kubernetes Administrator (CKA), 2022",
]
HEADER = ["## Maria Schneider", "Senior Backend Engineer"]

NURSE_TXT = """\
JENNIFER A. LOPEZ, RN
Chicago, IL 60614 | (312) 555-0187 | jen.lopez@example.org
www.linkedin.com/in/jenniferlopezrn/

PROFESSIONAL SUMMARY
Compassionate registered nurse with 8 years of experience in acute care and emergency
settings. Skilled in triage, patient assessment and electronic health records, with a
calm approach under pressure.

CLINICAL EXPERIENCE
Charge Nurse, Emergency Department
Northwestern Memorial Hospital, Chicago, IL | Jun 2019 – Present
- Coordinate a team of 12 nurses across 40 beds per shift.
- Reduced door-to-triage time by 18% by redesigning intake.

Staff Nurse, Medical-Surgical Unit
Rush University Medical Center, Chicago, IL | Aug 2015 – May 2019
- Delivered care to up to 6 patients per shift; medication administration and wound care.

EDUCATION
Bachelor of Science in Nursing (BSN), Loyola University Chicago, 2015

LICENSES & CERTIFICATIONS
Registered Nurse, State of Illinois
Basic Life Support (BLS), American Heart Association
ACLS; PALS; TNCC

SKILLS
Patient assessment • Triage • IV therapy • Epic EHR • Wound care • Team leadership
"""

FRENCH_TXT = """\
Camille Dubois
Développeuse Full Stack
camille.dubois@exemple.fr — +33 6 12 34 56 78
Lyon, France

Profil
Développeuse passionnée avec cinq ans d'expérience dans la conception d'applications web
pour le commerce en ligne et la santé.

Expérience professionnelle
Développeuse Full Stack — Santé Connect, Lyon
Septembre 2020 – aujourd'hui
• Conception d'une API REST en Node.js et PostgreSQL.
• Mise en place de l'intégration continue (GitLab CI).

Développeuse Front-end — ShopNow, Paris
Janvier 2018 – Août 2020
• Interfaces en React et TypeScript.

Formation
Master Informatique, Université Claude Bernard Lyon 1 — 2017
Licence d'informatique, Université Lumière Lyon 2 — 2015

Compétences
JavaScript, TypeScript, React, Node.js, PostgreSQL, Docker, Méthodes agiles

Langues
Français : langue maternelle
Anglais : courant (C1)
Espagnol : notions
"""

SPANISH_LINES = [
    "## Javier Martínez García",
    "Ingeniero de datos",
    "javier.martinez@correo.es | +34 612 345 678 | Madrid",
    "",
    "## Extracto",
    "Ingeniero de datos con experiencia en plataformas de análisis para banca y seguros,",
    "centrado en la calidad del dato y la automatización de procesos.",
    "",
    "## Experiencia laboral",
    "Ingeniero de datos senior, Banco Iberia",
    "Marzo 2021 – actualidad",
    "• Diseño de pipelines en Apache Spark y Airflow.",
    "Analista de datos, Seguros Sol",
    "Enero 2017 – Febrero 2021",
    "• Informes en Power BI y SQL Server.",
    "",
    "## Educación",
    "Grado en Ingeniería Informática, Universidad Politécnica de Madrid, 2016",
    "",
    "## Habilidades",
    "Python | SQL | Apache Spark | Power BI | Excel avanzado",
    "",
    "## Idiomas",
    "Castellano (nativo), Inglés (B2), Francés (A2)",
]

# A plain-text resume with no headings at all: every field comes from a fallback.
WAREHOUSE_TXT = """\
Marcus Johnson
Dayton, OH | 937-555-0142 | marcus.j@example.com

Reliable warehouse associate with six years of experience in shipping and receiving,
inventory control and forklift operation in high-volume distribution centers.

Lead Warehouse Associate, Midwest Distribution Co.
2020 – present
Operate forklift and pallet jack; train new hires on safety and order picking.

Warehouse Associate, QuickShip Logistics
2017 – 2020
Loaded and unloaded trucks, scanned inventory with a WMS and kept the dock organised.

High School Diploma, Dayton Central High School, 2016
"""

GERMAN_TABLE_ROWS = [
    ("Persönliche Daten", ["Lukas Becker", "Geboren: 12.03.1990", "Tel.: 0171 2345678"]),
    ("Kurzprofil", ["Erfahrener Vertriebsleiter mit Schwerpunkt B2B-Software und Aufbau von"
                    " Vertriebsteams in der DACH-Region."]),
    ("Berufserfahrung", ["04/2018 – heute: Vertriebsleiter, SoftSales GmbH, München",
                         "• Aufbau eines Teams von acht Account Managern",
                         "08/2013 – 03/2018: Account Manager, CloudWorks AG, Stuttgart"]),
    ("Ausbildung", ["2009 – 2013: Bachelor of Arts Betriebswirtschaftslehre,"
                    " Universität Mannheim"]),
    ("Kenntnisse", ["Salesforce, HubSpot, MS Office, Kaltakquise, Verhandlungsführung"]),
    ("Sprachen", ["Deutsch (Muttersprache), Englisch (verhandlungssicher),"
                  " Französisch (Grundkenntnisse)"]),
]  # fmt: skip

GERMAN_TXT = """\
Lebenslauf

Persönliche Daten
Name:\tSabine Hoffmann
Anschrift:\tLindenstraße 4, 50674 Köln
Telefon:\t0221 / 123 45 67
E-Mail:\tsabine.hoffmann@web.de
Geburtsdatum:\t14.07.1988

Berufserfahrung
seit 04/2017\tPersonalreferentin, Rheinmetall AG, Düsseldorf
\t- Betreuung von 450 Mitarbeitenden
\t- Einführung von SAP SuccessFactors
08/2012 – 03/2017\tPersonalsachbearbeiterin, Ford-Werke GmbH, Köln

Ausbildung
10/2008 – 07/2012\tStudium der Betriebswirtschaftslehre (B.A.), Universität zu Köln

Kenntnisse
EDV:\tMS Office (sehr gut), SAP HCM, DATEV
Sprachen:\tDeutsch (Muttersprache), Englisch (fließend), Spanisch (Grundkenntnisse)

Hobbys
Laufen, Fotografie
"""

UK_RETAIL_TXT = """\
Emily Clarke
12 Oak Road, Leeds LS6 2AB
Mobile: 07700 900456
Email: emily.clarke@hotmail.co.uk

Personal Statement
A friendly and hard-working retail assistant with four years of experience in busy fashion
stores, confident handling cash, stock and customer queries.

Employment History
Sales Assistant – Next plc, Leeds
June 2021 – Present
• Served up to 200 customers a day and handled returns.
• Trained three new starters on the till.

Retail Assistant – Boots, Leeds
September 2019 – May 2021

Key Skills
• Customer service
• Cash handling
• Visual merchandising
• Stock control

Education
GCSEs: 8 grades A*–C including English and Maths, Leeds City Academy, 2019

References
Available on request
"""

INDIA_TXT = """\
RAHUL VERMA
Email: rahul.verma@gmail.com | Mobile: +91-9876543210

CAREER OBJECTIVE
To work in a challenging environment where I can apply my skills in software testing and
grow with the organization.

ACADEMIC QUALIFICATIONS
Qualification\tInstitute\tYear\tPercentage
B.Tech (CSE)\tJNTU Hyderabad\t2019\t78%
Intermediate\tNarayana Junior College\t2015\t92%

TECHNICAL SKILLS
Manual Testing, Selenium WebDriver, Java, SQL, JIRA

WORK EXPERIENCE
Test Engineer, Infosys Ltd., Hyderabad (Aug 2019 – Present)
- Wrote and executed 500+ test cases for a banking application.

PERSONAL DETAILS
Date of Birth: 12/05/1997
Languages Known: English, Hindi, Telugu
Nationality: Indian
"""

DRIVER_TXT = """\
Robert "Bob" Miller
Phoenix, AZ 85004 | 602-555-0177 | bobmiller.cdl@yahoo.com

SUMMARY
CDL-A truck driver with 12 years of accident-free, over-the-road experience hauling
refrigerated freight across 48 states.

LICENSES & CERTIFICATIONS
Commercial Driver's License (CDL) Class A – Hazmat, Tanker endorsements
DOT Medical Card, valid through 2026

WORK HISTORY
OTR Driver | Swift Transportation | 2016 – Present
- Average 2,800 miles per week with 99% on-time delivery.
Local Delivery Driver | Sysco | 2012 – 2016

SKILLS
Pre-trip inspections, ELD logs, Defensive driving, Forklift, Load securement
"""
