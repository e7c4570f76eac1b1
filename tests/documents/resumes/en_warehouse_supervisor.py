from tests.documents.resume_set import Bullets, Entry, Expected, Resume, Table, section

RESUME = Resume(
    id="en_warehouse_supervisor",
    language="en",
    role="warehouse supervisor",
    layouts=("docx_tables", "txt", "pdf_one_column"),
    held_out=True,
    name="MARCUS BELL",
    headline="Warehouse Operations Supervisor",
    contact=("Columbus, OH 43215", "614-555-0178", "marcus.bell77@example.net"),
    sections=(
        section(
            "summary",
            "Profile",
            "Hands-on warehouse supervisor with 12 years in distribution centers, from forklift "
            "operator to leading a 45-person second shift. Safety first: 900 days without a "
            "recordable incident on my shift.",
        ),
        section(
            "experience",
            "Work History",
            Entry(
                "Second Shift Warehouse Supervisor",
                "Midwest Grocers Distribution Center, Groveport, OH",
                "2019 - Present",
                (
                    "Supervise 45 associates across receiving, put-away, picking and shipping "
                    "for 220 grocery stores.",
                    "Raised pick accuracy from 98.1% to 99.6% with slotting changes and daily "
                    "audits in Manhattan WMS.",
                    "Run shift start-up meetings, schedules and cycle counts.",
                ),
            ),
            Entry(
                "Lead Forklift Operator",
                "Buckeye Freight Logistics, Columbus, OH",
                "2014 - 2019",
                (
                    "Trained 30+ new operators on reach trucks and order pickers.",
                    "Loaded and unloaded 25 trailers per shift; RF scanning.",
                ),
            ),
            Entry("Forklift Operator", "Buckeye Freight Logistics", "2012 - 2014"),
        ),
        section(
            "skills",
            "Skills",
            Table(
                (
                    ("Operations", "Inventory control, Cycle counting, Shipping and receiving"),
                    ("Systems", "Manhattan WMS, RF scanners, MS Excel"),
                    ("Leadership", "Team leadership, Scheduling, Lean / 5S"),
                    ("Equipment", "Forklift, Reach truck, Order picker"),
                )
            ),
        ),
        section(
            "certifications",
            "Certifications",
            Bullets(
                (
                    "OSHA 30-Hour General Industry",
                    "Certified Forklift Operator (OSHA 1910.178)",
                    "CPR/First Aid, American Red Cross",
                )
            ),
        ),
        section(
            "education",
            "Education",
            Entry("High School Diploma", "Whetstone High School, Columbus, OH", "2011"),
            Entry(
                "Supply Chain Management Certificate", "Columbus State Community College", "2020"
            ),
        ),
    ),
    expected=Expected(
        name="Marcus Bell",
        email="marcus.bell77@example.net",
        phone="614-555-0178",
        linkedin_url=None,
        skills=(
            "Inventory Control",
            "Cycle Counting",
            "Shipping and Receiving|Shipping|Receiving",
            "Manhattan WMS|WMS",
            "RF Scanners|RF scanning",
            "Excel|Microsoft Excel",
            "Team Leadership|Leadership",
            "Scheduling",
            "Lean|Lean / 5S|5S",
            "Forklift|Forklift Operation",
            "Reach Truck",
            "Order Picker",
        ),
        skills_tolerated=("5S", "Lean", "Slotting", "Safety"),
        summary=("900 days without a recordable incident",),
        experience=(
            "Midwest Grocers Distribution Center",
            "Second Shift Warehouse Supervisor",
            "Buckeye Freight Logistics",
            "Lead Forklift Operator",
        ),
        education=("Whetstone High School", "Columbus State Community College"),
        certifications=("OSHA 30-Hour", "Certified Forklift Operator", "CPR/First Aid"),
    ),
)
