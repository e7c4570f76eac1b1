"""A 25-year consultant's CV of a dozen pages: every project, every paper, every talk, and the
education at the very end (a parser that stops after a few pages misses it)."""

from tests.documents.resume_set import Bullets, Entry, Expected, Lang, Resume, section

_SITES = (
    "Thames Gateway",
    "Humber Estuary",
    "Severn Vale",
    "Tees Valley",
    "Solent",
    "Mersey Basin",
    "Forth Valley",
    "Lower Lea",
    "Wash Fens",
    "Tyne Corridor",
)
_WORK = (
    ("Flood risk assessment", "hydraulic modelling in InfoWorks ICM and HEC-RAS"),
    ("Contaminated land remediation", "site investigation, risk assessment and verification"),
    ("Groundwater protection study", "MODFLOW modelling and monitoring-well design"),
    ("Sustainable drainage design", "SuDS strategy and adoption agreements"),
    ("Environmental impact assessment", "scoping, baseline surveys and the ES chapters"),
)
_CLIENTS = (
    "Environment Agency",
    "National Highways",
    "Network Rail",
    "Anglian Water",
    "a county council",
    "a port authority",
)
_JOURNALS = (
    "Journal of Hydrology",
    "Water Research",
    "Science of the Total Environment",
    "Journal of Flood Risk Management",
    "Quarterly Journal of Engineering Geology",
)
_TOPICS = (
    "Uncertainty in estuarine flood levels",
    "Nature-based flood defences on managed realignment sites",
    "Long-term performance of permeable pavements",
    "PFAS migration in chalk aquifers",
    "Coupled 1D-2D models for urban drainage",
    "Climate allowances for peak river flow",
)


def _projects() -> tuple[Entry, ...]:
    out = []
    for i in range(84):
        site = _SITES[i % len(_SITES)]
        work, detail = _WORK[i % len(_WORK)]
        client = _CLIENTS[i % len(_CLIENTS)]
        year = 1999 + i // 4
        out.append(
            Entry(
                f"{work}, {site} (project {i + 1:02d})",
                f"Client: {client}",
                str(year),
                (
                    f"Project lead for {detail}; budget £{40 + (i * 37) % 460}k, team of "
                    f"{2 + i % 7}.",
                    f"Delivered to programme; findings presented to {client} and the public.",
                ),
            )
        )
    return tuple(out)


def _publications() -> tuple[str, ...]:
    out = []
    for i in range(96):
        year = 2001 + i // 4
        topic = _TOPICS[i % len(_TOPICS)]
        journal = _JOURNALS[i % len(_JOURNALS)]
        out.append(
            f"Whitfield, E., Okafor, T. and Lindqvist, M. ({year}). {topic}: case {i + 1}. "
            f"{journal}, {12 + i}({1 + i % 4}), {100 + i * 7}–{112 + i * 7}."
        )
    return tuple(out)


RESUME = Resume(
    id="en_long",
    language="en",
    role="principal environmental consultant",
    layouts=("pdf_one_column", "docx_paragraphs"),
    held_out=True,
    name="Dr Eleanor Whitfield",
    headline="Principal Hydrologist and Environmental Consultant, CEng CEnv",
    contact=(
        "Cambridge, UK",
        "+44 1632 960 117",
        "eleanor.whitfield@example.org",
        "linkedin.com/in/eleanorwhitfield",
    ),
    tags=("long",),
    sections=(
        section(
            "summary",
            "Summary",
            "Chartered engineer with 25 years leading flood-risk, groundwater and remediation "
            "projects for public clients across the UK, and an active researcher on climate "
            "allowances for river flows.",
        ),
        section(
            "skills",
            "Skills",
            "Hydraulic modelling, InfoWorks ICM, HEC-RAS, MODFLOW, ArcGIS, Python, "
            "Contaminated land risk assessment, Expert witness, Project management",
        ),
        section(
            "experience",
            "Employment",
            Entry(
                "Principal Hydrologist (Technical Director from 2016)",
                "Fenland Water & Environment Ltd, Cambridge",
                "2009 – present",
                ("Lead a team of 22; technical authority for flood-risk work.",),
            ),
            Entry(
                "Senior Engineer",
                "Halcrow Hydraulics, Swindon",
                "2003 – 2009",
                ("Estuary and coastal modelling for the Environment Agency.",),
            ),
            Entry("Graduate Engineer", "Mott & Partners, Croydon", "1999 – 2003"),
        ),
        section("projects", "Project record", *_projects()),
        section("other", "Publications", Bullets(_publications(), marker="–")),
        section(
            "other",
            "Invited talks",
            Bullets(
                tuple(
                    f"Keynote: {_TOPICS[i % len(_TOPICS)]}, {_SITES[i % 10]} forum ({2005 + i})"
                    for i in range(18)
                )
            ),
        ),
        section(
            "certifications",
            "Professional membership",
            Bullets(
                (
                    "Chartered Engineer (CEng), Institution of Civil Engineers, 2004",
                    "Chartered Environmentalist (CEnv), Society for the Environment, 2010",
                )
            ),
        ),
        section("languages", "Languages", "English (native), Swedish (B2), French (B1)"),
        section(
            "education",
            "Education",
            Entry("PhD Hydrology", "University of Newcastle upon Tyne", "1995 – 1999"),
            Entry("MEng Civil Engineering", "Imperial College London", "1991 – 1995"),
        ),
    ),
    expected=Expected(
        name="Eleanor Whitfield|Dr Eleanor Whitfield",
        email="eleanor.whitfield@example.org",
        phone="+44 1632 960 117",
        linkedin_url="https://www.linkedin.com/in/eleanorwhitfield",
        skills=(
            "Hydraulic Modelling|Hydraulic Modeling",
            "InfoWorks ICM",
            "HEC-RAS",
            "MODFLOW",
            "ArcGIS",
            "Python",
            "Contaminated Land Risk Assessment|Risk Assessment",
            "Expert Witness",
            "Project Management",
        ),
        skills_tolerated=(
            "Flood Risk Assessment",
            "Environmental Impact Assessment",
            "Sustainable Drainage|SuDS",
            "Site Investigation",
            "Remediation",
            "Groundwater Modelling|MODFLOW modelling",
        ),
        languages=(Lang("English", "native"), Lang("Swedish", "B2"), Lang("French", "B1")),
        summary=("25 years leading flood-risk",),
        experience=("Fenland Water & Environment", "Principal Hydrologist", "Halcrow Hydraulics"),
        education=("University of Newcastle upon Tyne", "PhD Hydrology", "Imperial College London"),
        certifications=("Chartered Engineer", "Chartered Environmentalist"),
        projects=(
            "Flood risk assessment, Thames Gateway (project 01)",
            "Sustainable drainage design, Tees Valley (project 84)",
        ),
    ),
)
