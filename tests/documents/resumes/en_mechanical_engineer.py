from tests.documents.resume_set import Entry, Expected, Lang, Resume, Table, section

RESUME = Resume(
    id="en_mechanical_engineer",
    language="en",
    role="mechanical engineer",
    layouts=("pdf_two_column", "docx_tables"),
    held_out=False,
    name="Rajesh Iyer",
    headline="Mechanical Design Engineer, P.E.",
    contact=(
        "Detroit, MI",
        "+1 (313) 555-0162",
        "rajesh.iyer@example.com",
        "linkedin.com/in/rajesh-iyer-pe",
    ),
    sections=(
        section(
            "summary",
            "Professional Summary",
            "Licensed mechanical engineer with ten years designing powertrain and thermal "
            "components for automotive suppliers, from concept sketches to PPAP.",
        ),
        section(
            "skills",
            "Technical Skills",
            Table(
                (
                    ("CAD", "SolidWorks, CATIA V5, AutoCAD"),
                    ("Analysis", "ANSYS, FEA, CFD, MATLAB"),
                    ("Methods", "GD&T, DFMEA, DFM, Six Sigma"),
                )
            ),
        ),
        section(
            "experience",
            "Engineering Experience",
            Entry(
                "Senior Mechanical Engineer",
                "Lakeshore Thermal Systems, Auburn Hills, MI",
                "Jan 2019 – Present",
                (
                    "Lead engineer for battery cooling plates on two EV programs (1.1 M "
                    "units/year).",
                    "Reduced plate mass 18% through FEA-driven topology changes.",
                    "Own DFMEA and drawings with GD&T to ASME Y14.5.",
                ),
            ),
            Entry(
                "Design Engineer",
                "Huron Powertrain Components, Troy, MI",
                "Jul 2014 – Dec 2018",
                ("Designed die-cast transmission housings; supported launch at two plants.",),
            ),
        ),
        section(
            "education",
            "Education",
            Entry("M.S. Mechanical Engineering", "University of Michigan", "2014"),
            Entry("B.E. Mechanical Engineering", "College of Engineering, Pune", "2012"),
        ),
        section(
            "certifications",
            "Licenses",
            "Professional Engineer (P.E.), State of Michigan · Six Sigma Green Belt (ASQ)",
        ),
        section("languages", "Languages", "English (C2), Hindi (native), Marathi (native)"),
        section(
            "projects",
            "Patents",
            "US Patent 11,234,567: Cooling plate with integrated manifold (co-inventor).",
        ),
    ),
    expected=Expected(
        name="Rajesh Iyer",
        email="rajesh.iyer@example.com",
        phone="+1 (313) 555-0162",
        linkedin_url="https://www.linkedin.com/in/rajesh-iyer-pe",
        skills=(
            "SolidWorks",
            "CATIA|CATIA V5",
            "AutoCAD",
            "ANSYS",
            "FEA|Finite Element Analysis",
            "CFD|Computational Fluid Dynamics",
            "MATLAB",
            "GD&T",
            "DFMEA",
            "DFM",
            "Six Sigma",
        ),
        skills_tolerated=("PPAP", "ASME Y14.5", "Die Casting|die-cast"),
        languages=(Lang("English", "C2"), Lang("Hindi", "native"), Lang("Marathi", "native")),
        summary=("powertrain and thermal components",),
        experience=(
            "Lakeshore Thermal Systems",
            "Senior Mechanical Engineer",
            "Huron Powertrain Components",
        ),
        education=("University of Michigan", "M.S. Mechanical Engineering", "Pune"),
        certifications=("Professional Engineer", "Six Sigma Green Belt"),
        projects=("Cooling plate with integrated manifold",),
    ),
)
