from tests.documents.resume_set import Bullets, Entry, Expected, Resume, section

RESUME = Resume(
    id="en_chef",
    language="en",
    role="sous chef",
    layouts=("txt", "pdf_two_column"),
    held_out=False,
    name="Sam Fletcher",
    headline="Sous Chef",
    contact=("Hackney, London E8", "07700 900318", "samfletcher.chef@example.com"),
    sections=(
        section(
            "summary",
            "About",
            "Sous chef from a seasonal, nose-to-tail kitchen. Ten years on the pass and the "
            "sections, happiest running a busy Saturday service of 180 covers.",
        ),
        section(
            "experience",
            "Kitchens",
            Entry(
                "Sous Chef",
                "The Larder House, Shoreditch",
                "2021 – now",
                (
                    "Run the kitchen on the head chef's days off: ordering, rota, 12 chefs.",
                    "Write the weekly specials and the seasonal menu changes with the head chef.",
                    "Brought gross profit from 64% to 71% with tighter costing and butchery in "
                    "house.",
                ),
            ),
            Entry(
                "Chef de Partie",
                "Brasserie Fenwick, Covent Garden",
                "2017 – 2021",
                ("Ran the grill and larder sections; trained commis chefs.",),
            ),
            Entry("Commis Chef", "Hotel Arden, Birmingham", "2014 – 2017"),
        ),
        section(
            "skills",
            "What I do",
            Bullets(
                (
                    "Menu development",
                    "Food costing & GP control",
                    "Butchery",
                    "Fish preparation",
                    "Stock control and ordering",
                    "HACCP",
                    "Allergen management",
                    "Team training",
                ),
                marker="-",
            ),
        ),
        section(
            "certifications",
            "Certificates",
            Bullets(
                (
                    "Level 3 Award in Food Safety in Catering (Highfield)",
                    "Level 2 Allergen Awareness",
                ),
                marker="-",
            ),
        ),
        section(
            "education",
            "Training",
            Entry("NVQ Level 3 Professional Cookery", "Birmingham College of Food", "2012 – 2014"),
        ),
    ),
    expected=Expected(
        name="Sam Fletcher",
        email="samfletcher.chef@example.com",
        phone="07700 900318",
        linkedin_url=None,
        skills=(
            "Menu Development",
            "Food Costing|Food costing & GP control",
            "Butchery",
            "Fish Preparation",
            "Stock Control|Stock control and ordering|Inventory Management",
            "HACCP|Hazard Analysis and Critical Control Points",
            "Allergen Management",
            "Team Training|Training",
        ),
        skills_tolerated=("Ordering", "GP Control", "Rota Planning|Rota"),
        summary=("nose-to-tail kitchen",),
        experience=("The Larder House", "Sous Chef", "Brasserie Fenwick", "Chef de Partie"),
        education=("Birmingham College of Food", "NVQ Level 3 Professional Cookery"),
        certifications=("Food Safety in Catering", "Allergen Awareness"),
    ),
)
