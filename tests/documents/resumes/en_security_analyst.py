"""Decorated headings: "== EXPERIENCE ==", "// SKILLS", "[ EDUCATION ]"."""

from tests.documents.resume_set import Bullets, Entry, Expected, Resume, section

RESUME = Resume(
    id="en_security_analyst",
    language="en",
    role="security analyst",
    layouts=("pdf_one_column", "txt", "docx_paragraphs"),
    held_out=False,
    name="Ethan Cole",
    headline="SOC Analyst (Tier 2) · Blue Team",
    contact=(
        "Arlington, VA",
        "(703) 555-0175",
        "ethan.cole@example.com",
        "linkedin.com/in/ethan-cole-sec",
        "Active TS/SCI clearance",
    ),
    tags=("decorated-headings",),
    sections=(
        section(
            "summary",
            "== PROFILE ==",
            "Tier 2 SOC analyst with four years of incident response in a 24/7 security "
            "operations center protecting 12,000 endpoints.",
        ),
        section(
            "skills",
            "// SKILLS",
            "SIEM (Splunk, Microsoft Sentinel) · EDR (CrowdStrike Falcon) · Incident response · "
            "Threat hunting · Wireshark · Python · PowerShell · MITRE ATT&CK · Malware analysis",
        ),
        section(
            "experience",
            "== EXPERIENCE ==",
            Entry(
                "SOC Analyst II",
                "Potomac Cyber Defense, Arlington, VA",
                "04/2022 – present",
                (
                    "Triage and investigate 40+ alerts a shift; lead response on phishing and "
                    "ransomware precursors.",
                    "Wrote 25 Splunk detections mapped to MITRE ATT&CK; false positives down 30%.",
                ),
            ),
            Entry(
                "SOC Analyst I",
                "Dominion Managed Security, Richmond, VA",
                "01/2020 – 03/2022",
                ("Monitored client networks; escalated incidents within SLA 99% of the time.",),
            ),
        ),
        section(
            "certifications",
            "// CERTIFICATIONS",
            Bullets(
                (
                    "CompTIA Security+ (2019)",
                    "GIAC Certified Incident Handler (GCIH), 2021",
                    "Splunk Core Certified Power User",
                ),
                marker="»",
            ),
        ),
        section(
            "education",
            "[ EDUCATION ]",
            Entry("B.S. Cybersecurity", "George Mason University", "2015 – 2019"),
        ),
        section(
            "projects", "[ PROJECTS ]", "Home lab: Security Onion and a honeypot on a Raspberry Pi."
        ),
    ),
    expected=Expected(
        name="Ethan Cole",
        email="ethan.cole@example.com",
        phone="(703) 555-0175",
        linkedin_url="https://www.linkedin.com/in/ethan-cole-sec",
        skills=(
            "SIEM",
            "Splunk",
            "Microsoft Sentinel|Sentinel",
            "EDR",
            "CrowdStrike Falcon|CrowdStrike",
            "Incident Response",
            "Threat Hunting",
            "Wireshark",
            "Python",
            "PowerShell",
            "MITRE ATT&CK",
            "Malware Analysis",
        ),
        skills_tolerated=(
            "Security Onion",
            "Phishing Analysis|phishing",
            "Raspberry Pi",
            "Detection Engineering|detections",
        ),
        summary=("24/7 security operations center",),
        experience=("Potomac Cyber Defense", "SOC Analyst II", "Dominion Managed Security"),
        education=("George Mason University", "B.S. Cybersecurity"),
        certifications=(
            "CompTIA Security+",
            "GIAC Certified Incident Handler",
            "Splunk Core Certified Power User",
        ),
        projects=("honeypot on a Raspberry Pi",),
    ),
)
