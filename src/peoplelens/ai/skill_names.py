"""Skills as people name them on a resume: canonical names and their other spellings, for every
kind of role (software, data, office, sales, healthcare, logistics, trades, design, HR).

The interview topics of :mod:`peoplelens.ai.skills` are skills too; :func:`all_terms` adds
their names and aliases, so a spelling lives in exactly one of the two tables (a test keeps it
so). Matching ignores case, spaces, dots and hyphens ("Java Script", "node.js", "Power BI").

Some spellings are words of everyday language ("Excel" at excelling, "Go", "Spring"); running
text is only searched for those that are not. ``cased`` spellings count in running text only
written as here ("Excel"), ``loose`` ones only as an item of a skills list; ``generic`` terms
(practices and soft skills: "Communication", "Sales") are never taken from running text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from peoplelens.ai.skills import SKILLS


@dataclass(frozen=True)
class Term:
    name: str
    aliases: tuple[str, ...] = ()
    cased: tuple[str, ...] = ()
    loose: tuple[str, ...] = ()
    generic: bool = False


def _t(name: str, *aliases: str, cased: tuple[str, ...] = (), loose: tuple[str, ...] = ()) -> Term:
    return Term(name, aliases, cased, loose)


def _g(name: str, *aliases: str) -> Term:
    return Term(name, aliases, generic=True)


# The interview topics' spellings that are everyday words, or too short to trust in prose.
TOPIC_LOOSE = frozenset({"go", "ts", "js", "ml", "ci", "sales", "b2b sales", "security", "design"})
TOPIC_CASED = frozenset({"React"})
TOPIC_GENERIC = frozenset({"Sales", "Security", "Design", "Customer support", "Recruiting"})

# fmt: off
TERMS: tuple[Term, ...] = (
    # Programming languages and markup.
    _t("C", loose=("c",)), _t("C++", "cpp", "c plus plus"), _t("Kotlin"),
    _t("Swift", cased=("Swift",)), _t("Objective-C", "objc"), _t("PHP"),
    _t("Ruby", loose=("ruby",)), _t("Scala"), _t("R", "r programming", "rstudio", loose=("r",)),
    _t("MATLAB", "simulink"), _t("Perl"), _t("Bash", "shell scripting", "shell", loose=("shell",)),
    _t("PowerShell"), _t("HTML", "html5"), _t("CSS", "css3"), _t("Sass", "scss"),
    _t("Dart", loose=("dart",)), _t("Elixir", cased=("Elixir",)), _t("Erlang"), _t("Haskell"),
    _t("Clojure"), _t("Lua"), _t("Julia", loose=("julia",)), _t("VBA", "excel vba"),
    _t("Visual Basic", "vb.net", "vb", loose=("vb",)), _t("COBOL"), _t("Fortran"),
    _t("Assembly", "assembler", loose=("assembly", "assembler")), _t("Groovy", loose=("groovy",)),
    _t("Solidity", cased=("Solidity",)), _t("PL/SQL", "plsql"), _t("T-SQL", "transact-sql"),
    _t("ABAP"), _t("GraphQL"),
    # Web, mobile and back-end frameworks.
    _t("Node.js", "node", "nodejs", loose=("node",)), _t("Angular", "angularjs", "angular.js"),
    _t("Vue.js", "vue", "vuejs", loose=("vue",)), _t("Svelte"), _t("Next.js", "nextjs"),
    _t("Nuxt", "nuxt.js", "nuxtjs"), _t("jQuery"), _t("Bootstrap", loose=("bootstrap",)),
    _t("Tailwind CSS", "tailwind"), _t("Redux"), _t("Webpack"), _t("React Native"), _t("Flutter"),
    _t("Ionic", loose=("ionic",)), _t("Xamarin"),
    _t("Express", "express.js", "expressjs", loose=("express",)), _t("Flask", loose=("flask",)),
    _t("FastAPI"), _t("Spring", "spring framework", loose=("spring",)), _t("Spring Boot"),
    _t("Hibernate", loose=("hibernate",)), _t(".NET", ".net core", "dotnet", "dotnet core"),
    _t("ASP.NET", "asp.net core", "asp.net mvc"), _t("Entity Framework"),
    _t("Ruby on Rails", "rails", "ror", loose=("rails", "ror")), _t("Laravel"), _t("Symfony"),
    _t("NestJS", "nest.js"),
    _t("REST APIs", "rest", "rest api", "restful", "restful api", "restful apis", loose=("rest",)),
    _t("SOAP", loose=("soap",)), _t("OpenAPI", "swagger"), _t("gRPC"), _t("RabbitMQ"),
    _t("Celery", loose=("celery",)), _t("Unity", "unity3d", loose=("unity",)), _t("Unreal Engine"),
    # Data, machine learning and analytics.
    _t("Pandas", loose=("pandas",)), _t("NumPy"), _t("SciPy"), _t("scikit-learn", "sklearn"),
    _t("PyTorch"), _t("TensorFlow"), _t("Keras"),
    _t("Apache Spark", "spark", "pyspark", loose=("spark",)), _t("Hadoop"),
    _t("Apache Airflow", "airflow", loose=("airflow",)), _t("dbt", loose=("dbt",)),
    _t("Jupyter", "jupyter notebook"), _t("Deep learning"),
    _t("NLP", "natural language processing"), _t("Computer vision"),
    _t("LLMs", "llm", "large language models"), _t("Generative AI", "genai"), _t("Data science"),
    _t("AI", "artificial intelligence", "künstliche intelligenz", "intelligence artificielle",
       "inteligencia artificial", loose=("ai",)),
    _t("Data engineering"), _t("ETL"), _t("Data warehousing", "data warehouse"), _t("Big data"),
    _t("Data visualization", "data visualisation", "datenvisualisierung"),
    _g("Statistics", "statistik", "statistiques", "estadística"), _t("MySQL"), _t("MariaDB"),
    _t("SQLite"), _t("Oracle Database", "oracle", "oracle db", loose=("oracle",)),
    _t("SQL Server", "mssql", "ms sql", "ms sql server", "microsoft sql server"),
    _t("MongoDB", "mongo"), _t("Cassandra", loose=("cassandra",)), _t("DynamoDB"),
    _t("Elasticsearch", "elastic search"), _t("Snowflake", loose=("snowflake",)), _t("BigQuery"),
    _t("Redshift"), _t("Databricks"), _t("Neo4j"), _t("Firebase"),
    _t("Tableau", cased=("Tableau",)), _t("Power BI", "powerbi", "microsoft power bi"),
    _t("Looker"), _t("Qlik", "qlikview", "qlik sense"), _t("Google Analytics", "ga4"), _t("SPSS"),
    _t("SAS", loose=("sas",)), _t("Stata"), _t("Alteryx"),
    # Cloud, operations and tooling.
    _t("Azure", "microsoft azure"), _t("Ansible"), _t("Puppet", loose=("puppet",)),
    _t("Chef", loose=("chef",)), _t("Jenkins", cased=("Jenkins",)), _t("GitHub Actions"),
    _t("GitLab CI", "gitlab ci/cd"), _t("CircleCI"), _t("Git"), _t("GitHub"), _t("GitLab"),
    _t("Bitbucket"), _t("Linux"), _t("Unix"), _t("Windows Server"), _t("Nginx"),
    _t("Apache HTTP Server", "apache", "apache httpd", loose=("apache",)), _t("Prometheus"),
    _t("Grafana"), _t("Datadog"), _t("Splunk"), _t("ELK Stack", "elk"), _t("Helm", loose=("helm",)),
    _t("OpenShift"), _t("Serverless"), _t("DevOps"), _t("SRE", "site reliability engineering"),
    _t("TCP/IP"), _t("DNS"), _t("VMware"), _t("Active Directory"), _t("Jira"),
    _t("Confluence", cased=("Confluence",)), _t("Trello"), _t("Asana", cased=("Asana",)),
    _t("ServiceNow"), _t("Selenium", "selenium webdriver"), _t("Cypress", loose=("cypress",)),
    _t("Jest", loose=("jest",)), _t("pytest"), _t("JUnit"), _t("Playwright", cased=("Playwright",)),
    _t("Postman", cased=("Postman",)),
    _t("TDD", "test-driven development", "test driven development"),
    _t("Test automation", "testautomatisierung", "automated testing"), _g("Unit testing"),
    _t("Embedded systems", "embedded", loose=("embedded",)), _t("Arduino"), _t("Raspberry Pi"),
    _t("IoT", "internet of things"), _t("LabVIEW"),
    # Security.
    _t("Penetration testing", "pentesting", "pen testing"), _t("SIEM"),
    _t("ISO 27001", "iso27001", "iso/iec 27001"), _t("GDPR", "dsgvo", "rgpd"),
    _t("Cybersecurity", "cyber security", "it security", "it-sicherheit"), _t("OWASP"),
    # Ways of working and management.
    _t("Agile", "agile methodologies", "agile methods", "agile methoden", "méthodes agiles",
       "metodologías ágiles", loose=("agile",)),
    _t("Scrum", "scrum methodology", "méthode scrum", "metodología scrum"), _t("Kanban"),
    _t("Project management", "projektmanagement", "gestion de projet", "gestion de projets",
       "gestión de proyectos", "gestão de projetos"),
    _t("Program management", "programme management"), _t("Stakeholder management"),
    _t("Change management"), _t("Risk management", "risikomanagement"),
    _t("Lean", "lean management", "lean manufacturing", loose=("lean",)),
    _t("Six Sigma", "lean six sigma"), _t("Kaizen"), _t("5S", loose=("5s",)), _t("PRINCE2"),
    _t("PMP"), _t("ITIL", "itil v4"),
    _g("Leadership", "team leadership", "führungskompetenz", "mitarbeiterführung"),
    _g("Strategic planning"), _t("Business analysis"),
    _t("Requirements engineering", "requirements analysis", "anforderungsmanagement"),
    _g("Process improvement"), _t("Quality management", "qualitätsmanagement"),
    _t("Quality assurance", "qa", loose=("qa",)), _g("Operations management"),
    _t("Vendor management"), _t("Supply chain management", "supply chain", "scm"),
    _g("Logistics", "logistik", "logistique", "logística"),
    _g("Procurement", "purchasing", "einkauf"),
    _t("Inventory management", "inventory control", "lagerverwaltung", "bestandsmanagement"),
    _t("Warehouse management", "warehouse management system", "wms"),
    _t("Forklift", "forklift operation", "forklift driving", "forklift operator", "fork lift",
       "forklift license", "forklift licence", "gabelstapler", "staplerschein", "chariot élévateur",
       "carretilla elevadora"),
    _t("Pallet jack", "pallet truck", "hubwagen"), _t("Reach truck"),
    _t("Shipping and receiving", "shipping & receiving"),
    _t("Order picking", "kommissionierung", "picking and packing", "pick and pack"), _t("OSHA"),
    _t("HACCP"), _t("Food safety", "lebensmittelhygiene"),
    _g("Health and safety", "health & safety", "arbeitssicherheit"),
    _t("First aid", "erste hilfe", "premiers secours", "primeros auxilios"), _t("CPR"),
    _t("BLS", "basic life support"), _t("ACLS", "advanced cardiac life support"),
    _t("PALS", cased=("PALS",)),
    # Healthcare.
    _g("Nursing", "krankenpflege", "soins infirmiers", "enfermería"),
    _t("Patient care", "patientenversorgung", "patientenbetreuung"), _t("Patient assessment"),
    _t("Medication administration", "medikamentengabe"),
    _t("Wound care", "wundversorgung", "wundmanagement"),
    _t("Vital signs", "vital signs monitoring"), _t("Infection control", "infection prevention"),
    _t("Phlebotomy", "venipuncture", "blutentnahme"),
    _t("IV therapy", "intravenous therapy", "iv insertion"),
    _t("Electronic health records", "ehr", "emr", "electronic medical records"),
    _t("Epic", "epic systems", "epic ehr", cased=("Epic",), loose=("epic",)), _t("Cerner"),
    _t("Triage", loose=("triage",)), _t("Care planning", "pflegeplanung"),
    _t("Geriatric care", "altenpflege", "geriatrics"),
    _t("Intensive care", "icu", "intensivpflege"), _t("Palliative care", "palliativpflege"),
    _t("Dementia care"), _t("Medical terminology"), _t("HIPAA"),
    # Sales, marketing and customers.
    _t("Salesforce", "sfdc", "salesforce crm", "sales force"), _t("HubSpot"),
    _t("CRM", "crm systems", "customer relationship management"), _t("SAP", "sap erp", "sap r/3"),
    _t("SAP S/4HANA", "s/4hana", "s4hana"), _t("Lead generation"),
    _t("Cold calling", "kaltakquise"),
    _g("Negotiation", "verhandlungsführung", "négociation", "negociación"),
    _g("Account management"), _t("Key account management", "kam", loose=("kam",)),
    _g("Business development"), _g("Pipeline management"),
    _g("Customer service", "kundenservice", "service client", "atención al cliente"), _t("Zendesk"),
    _t("Freshdesk"), _g("Conflict resolution"), _t("Visual merchandising", "merchandising"),
    _t("Cash handling"), _t("POS", "point of sale", "pos systems"),
    _t("SEO", "search engine optimization", "search engine optimisation",
       "suchmaschinenoptimierung"),
    _t("SEM", "search engine marketing", loose=("sem",)),
    _t("Google Ads", "adwords", "google adwords"), _t("Content marketing"),
    _t("Social media marketing"), _t("Email marketing", "e-mail marketing"), _g("Copywriting"),
    _t("Marketing automation"), _t("Mailchimp"), _t("Digital marketing", "online marketing"),
    _t("Market research", "marktforschung"), _g("Public relations"),
    _g("Event management", "eventmanagement"),
    # Finance and office.
    _g("Accounting", "buchhaltung", "comptabilité", "contabilidad"),
    _g("Bookkeeping", "finanzbuchhaltung"), _g("Payroll", "lohnbuchhaltung", "gestion de la paie"),
    _t("Financial analysis"), _t("Financial modeling", "financial modelling"), _g("Budgeting"),
    _g("Forecasting"), _g("Controlling"), _t("IFRS"), _t("GAAP", "us gaap"), _g("Auditing"),
    _t("QuickBooks"), _t("Xero"), _t("DATEV"),
    _t("Excel", "microsoft excel", "ms excel", cased=("Excel",), loose=("excel",)),
    _t("Word", "microsoft word", "ms word", loose=("word",)),
    _t("PowerPoint", "microsoft powerpoint", "ms powerpoint"),
    _t("Outlook", "microsoft outlook", "ms outlook", cased=("Outlook",), loose=("outlook",)),
    _t("Microsoft Access", "ms access"),
    _t("Microsoft Office", "ms office", "office 365", "microsoft 365", "m365", "ms-office",
       "microsoft office suite"),
    _t("Google Workspace", "g suite", "gsuite"), _g("Data entry", "datenerfassung"),
    # Design and engineering tools.
    _t("Figma"), _t("Sketch", loose=("sketch",)), _t("Adobe XD"),
    _t("Photoshop", "adobe photoshop"),
    _t("Illustrator", "adobe illustrator", loose=("illustrator",)),
    _t("InDesign", "adobe indesign"), _t("Premiere Pro", "adobe premiere", "adobe premiere pro"),
    _t("After Effects", "adobe after effects"),
    _t("Adobe Creative Suite", "adobe creative cloud", "creative cloud", "adobe cc"), _t("Canva"),
    _t("UX design", "ux", "user experience", "user experience design", loose=("ux",)),
    _t("UI design", "ui", "user interface design", loose=("ui",)), _t("User research"),
    _t("Wireframing"), _g("Prototyping"), _t("Usability testing"),
    _t("Design systems", "design system"), _g("Graphic design", "grafikdesign"), _t("AutoCAD"),
    _t("SolidWorks"), _t("CATIA"), _t("Revit"), _t("SketchUp"), _t("Blender", loose=("blender",)),
    _t("CAD"), _t("PLC programming", "plc", "sps-programmierung", loose=("plc",)),
    _t("CNC", "cnc machining"), _g("Welding", "schweißen", "soudure", "soldadura"),
    _g("Preventive maintenance"), _g("Troubleshooting"),
    # People and HR.
    _g("Onboarding"), _g("Employee relations"), _t("HRIS"), _t("Workday", loose=("workday",)),
    _t("SAP SuccessFactors", "successfactors"), _g("Performance management"),
    _g("Talent management"), _g("Labor law", "labour law", "employment law", "arbeitsrecht"),
    # Soft skills.
    _g("Communication", "communication skills", "kommunikation", "kommunikationsfähigkeit",
       "kommunikationsstärke"),
    _g("Teamwork", "team work", "team player", "teamfähigkeit", "travail en équipe",
       "trabajo en equipo"),
    _g("Problem solving", "problemlösung", "résolution de problèmes", "resolución de problemas"),
    _g("Time management", "zeitmanagement", "gestion du temps"), _g("Attention to detail"),
    _g("Critical thinking"), _g("Presentation skills", "presentations"), _g("Public speaking"),
    _g("Mentoring"), _g("Coaching"),
)
# fmt: on


def all_terms() -> Iterator[Term]:
    """Every skill the resume parser knows: the interview topics, then the terms above."""
    for skill in SKILLS:
        spellings = (skill.name.lower(), *skill.aliases)
        yield Term(
            skill.name,
            skill.aliases,
            cased=tuple(c for c in TOPIC_CASED if c.lower() in spellings),
            loose=tuple(a for a in spellings if a in TOPIC_LOOSE),
            generic=skill.name in TOPIC_GENERIC,
        )
    yield from TERMS
