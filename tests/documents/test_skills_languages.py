"""Skills named canonically and languages as English names with CEFR levels."""

from __future__ import annotations

import pytest

from peoplelens.ai.skill_names import all_terms
from peoplelens.documents.resume.languages import level_of, parse_languages
from peoplelens.documents.resume.skills import canonical, from_section, in_text, key


class TestSkills:
    @pytest.mark.parametrize(
        ("written", "name"),
        [
            ("JS", "JavaScript"),
            ("javascript", "JavaScript"),
            ("Java Script", "JavaScript"),
            ("ES6", "JavaScript"),
            ("k8s", "Kubernetes"),
            ("Postgres", "PostgreSQL"),
            ("postgresql", "PostgreSQL"),
            ("node.js", "Node.js"),
            ("NodeJS", "Node.js"),
            ("golang", "Go"),
            ("Python 3", "Python"),
            ("HTML5", "HTML"),
            ("C#", "C#"),
            ("C++", "C++"),
            (".NET Core", ".NET"),
            ("MS Excel", "Excel"),
            ("Microsoft Office 365", "Microsoft Office"),
            ("SFDC", "Salesforce"),
            ("Fork lift", "Forklift"),
            ("Staplerschein", "Forklift"),
            ("Projektmanagement", "Project management"),
            ("EHR", "Electronic health records"),
            ("Problem-solving", "Problem solving"),
        ],
    )
    def test_canonical_names(self, written: str, name: str) -> None:
        assert canonical(written) == name

    def test_py_and_c1_are_not_skills(self) -> None:
        assert canonical("py") is None and canonical("C1") is None

    def test_a_list_split_deduplicated_in_order(self) -> None:
        found = from_section(
            [
                "Languages: Python, JS, TypeScript",
                "• Java Script • javascript • React (Hooks, Redux) | k8s / Docker",
                "Databases: Postgres; PostgreSQL; Redis",
                "HTML/CSS, CI/CD, A/B testing, Word and Excel, Research and Development",
                "Python (5 years), Go – expert, Excel avanzado, SAP-Kenntnisse, py",
            ]
        )
        assert found.skills == [
            "Python",
            "JavaScript",
            "TypeScript",
            "React",
            "Kubernetes",
            "Docker",
            "PostgreSQL",
            "Redis",
            "HTML",
            "CSS",
            "CI/CD",
            "A/B testing",
            "Word",
            "Excel",
            "Research and Development",
            "Go",
            "SAP",
        ]
        assert found.languages == []

    def test_unknown_skills_are_kept_as_written(self) -> None:
        found = from_section(["Stakeholder Workshops, Kubernetes, Pflegedokumentation"])
        assert found.skills == ["Stakeholder Workshops", "Kubernetes", "Pflegedokumentation"]

    def test_non_tech_skills(self) -> None:
        found = from_section(
            ["Forklift operation • Cold calling • Salesforce • Excel • Wound care • Triage"]
        )
        assert found.skills == [
            "Forklift",
            "Cold calling",
            "Salesforce",
            "Excel",
            "Wound care",
            "Triage",
        ]

    def test_spoken_languages_in_a_skills_list_are_set_aside(self) -> None:
        found = from_section(["Python, Go", "Sprachen: Deutsch, Englisch (C1)"])
        assert found.skills == ["Python", "Go"]
        assert found.languages == [("German", None), ("English", "C1")]

    def test_levels_dates_and_sentences_are_not_skills(self) -> None:
        found = from_section(
            [
                "Python: advanced",
                "Expert: Go, Rust",
                "2019 – 2021",
                "Strong communication developed over years of customer work with Salesforce",
            ]
        )
        assert found.skills == ["Python", "Go", "Rust", "Salesforce"]

    def test_running_text_finds_only_unambiguous_names(self) -> None:
        text = (
            "I excel at getting things done and go the extra mile; we react fast. Built APIs "
            "in golang and Python, dashboards in Excel and Tableau; deployed on k8s. Increased "
            "sales by 20%. Reach me at python.dev@example.com or github.com/jane"
        )
        assert in_text(text) == ["Go", "Python", "Excel", "Tableau", "Kubernetes"]

    def test_every_spelling_names_one_skill(self) -> None:
        owner: dict[str, str] = {}
        clashes = []
        for term in all_terms():
            for spelling in {term.name, *term.aliases, *term.loose, *term.cased}:
                k = key(spelling)
                if owner.setdefault(k, term.name) != term.name:
                    clashes.append((spelling, owner[k], term.name))
        assert clashes == []


class TestLanguages:
    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            ("German (native), English (C1), French – basic",
             [("German", "native"), ("English", "C1"), ("French", "A2")]),
            ("Deutsch: Muttersprache", [("German", "native")]),
            ("Englisch – verhandlungssicher", [("English", "C2")]),
            ("Englisch – verhandlungssicher (C1)", [("English", "C1")]),
            ("Français : langue maternelle", [("French", "native")]),
            ("Anglais : courant", [("English", "C1")]),
            ("Castellano (nativo), Inglés (B2)", [("Spanish", "native"), ("English", "B2")]),
            ("Español: nativo", [("Spanish", "native")]),
            ("Português – fluente", [("Portuguese", "C1")]),
            ("English – mother tongue", [("English", "native")]),
            ("Fluent in English and Spanish", [("English", "C1"), ("Spanish", "C1")]),
            ("Native: Polish", [("Polish", "native")]),
            ("Italian", [("Italian", None)]),
            ("English ★★★★☆", [("English", None)]),
            ("Mandarin Chinese (HSK 4)", [("Mandarin", None)]),
        ],
    )  # fmt: skip
    def test_names_and_levels(self, line: str, expected: list[tuple[str, str | None]]) -> None:
        assert parse_languages([line]) == expected

    def test_level_on_the_next_line(self) -> None:
        assert parse_languages(["English", "C1 – Advanced", "German", "Native"]) == [
            ("English", "C1"),
            ("German", "native"),
        ]

    def test_programming_languages_are_not_spoken(self) -> None:
        assert parse_languages(["Python, Java, Go, JavaScript"]) == []

    @pytest.mark.parametrize(
        ("text", "level"),
        [
            ("B2", "B2"),
            ("B2/C1", "B2"),
            ("upper intermediate", "B2"),
            ("gute Kenntnisse", "B2"),
            ("Grundkenntnisse", "A2"),
            ("erweiterte Grundkenntnisse", "B1"),
            ("fließend", "C1"),
            ("bilingual", "native"),
            ("Native or bilingual proficiency", "native"),
            ("Professional working proficiency", "B2"),
            ("notions", "A2"),
            ("stars", None),
        ],
    )
    def test_levels(self, text: str, level: str | None) -> None:
        assert level_of(text) == level


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Okzitanisch (Grundkenntnisse)", [("Occitan", "A2")]),
        ("quechua (nativo), aymara (básico)", [("Quechua", "native"), ("Aymara", "A2")]),
        ("Wolof, Peul, Bambara", [("Wolof", None), ("Fula", None), ("Bambara", None)]),
        ("Crioulo haitiano (fluente)", [("Haitian Creole", "C1")]),
        ("English and Igbo (native), German (A2)", [("English", "native"), ("Igbo", "native"),
                                                    ("German", "A2")]),
    ],
)  # fmt: skip
def test_more_of_the_worlds_languages(line: str, expected: list[tuple[str, str | None]]) -> None:
    assert parse_languages([line]) == expected


def test_a_skills_line_in_a_skills_section_keeps_its_languages_apart() -> None:
    found = from_section(["Tools: Jira, Confluence", "Languages: English (C1), Breton (native)"])
    assert found.skills == ["Jira", "Confluence"]
    assert found.languages == [("English", "C1"), ("Breton", "native")]


def test_languages_labelled_inside_a_skills_line() -> None:
    found = from_section(["Python, SQL | Languages: Swedish (native), English (C1)"])
    assert found.skills == ["Python", "SQL"]
    assert found.languages == [("Swedish", "native"), ("English", "C1")]
    programming = from_section(["Tools: Git | Languages: Go, Java"])
    assert "Go" in programming.skills and "Java" in programming.skills
    assert programming.languages == []
