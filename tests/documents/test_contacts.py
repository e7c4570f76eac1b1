"""E-mail, phone, LinkedIn and name, and the numbers that are not phones."""

from __future__ import annotations

import pytest

from peoplelens.documents.resume import contacts


@pytest.mark.parametrize(
    ("line", "phone"),
    [
        ("Tel.: +49 30 1234 5678", "+49 30 1234 5678"),
        ("+49 (0)171 234 5678 | Berlin", "+49 (0)171 234 5678"),
        ("Mobile: 0044 20 7946 0958", "0044 20 7946 0958"),
        ("+1 (415) 555-0132", "+1 (415) 555-0132"),
        ("(312) 555-0187 · jane@x.org", "(312) 555-0187"),
        ("Telefon 030/1234567", "030/1234567"),
        ("+33 6 12 34 56 78", "+33 6 12 34 56 78"),
        ("Móvil: 612 345 678", "612 345 678"),
        ("T: 07700 900123", "07700 900123"),
        ("+34-612-345-678", "+34-612-345-678"),
    ],
)
def test_phones(line: str, phone: str) -> None:
    assert contacts.phone(["Jane Doe", line]) == phone


@pytest.mark.parametrize(
    "line",
    [
        "2019 - 2021 Senior Engineer",
        "03/2018 - 06/2021",
        "Geboren: 12.03.1990",
        "10115 Berlin",
        "Hauptstraße 12, 80331 München",
        "IBAN DE89 3704 0044 0532 0130 00",
        "Led 1200 2300 3400 deployments",
        "2012 2014 2016",
        "Contact 2019-2021",
    ],
)
def test_not_phones(line: str) -> None:
    assert contacts.phone(["Jane Doe", line]) is None


def test_a_national_number_far_down_is_not_taken() -> None:
    lines = ["Jane Doe", *["text"] * 30, "Order 0301234567 shipped"]
    assert contacts.phone(lines) is None


@pytest.mark.parametrize(
    ("line", "url"),
    [
        ("linkedin.com/in/jane-doe", "https://www.linkedin.com/in/jane-doe"),
        ("https://www.linkedin.com/in/jane-doe-42/", "https://www.linkedin.com/in/jane-doe-42"),
        (
            "http://de.linkedin.com/in/Jürgen-Müller?trk=x",
            "https://www.linkedin.com/in/Jürgen-Müller",
        ),
        ("LinkedIn: www.linkedin.com/in/jdoe.", "https://www.linkedin.com/in/jdoe"),
        ("LinkedIn: /in/jane-doe", "https://www.linkedin.com/in/jane-doe"),
        ("www.linkedin.com/company/acme", None),
    ],
)
def test_linkedin(line: str, url: str | None) -> None:
    assert contacts.linkedin([line]) == url


def test_email() -> None:
    assert contacts.email(["Jane", "E-Mail: jane.doe+cv@mail.example.co.uk."]) == (
        "jane.doe+cv@mail.example.co.uk"
    )
    assert contacts.email(["no address here"]) is None


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (["Jane Doe", "Nurse"], "Jane Doe"),
        (["JANE DOE", "Nurse"], "Jane Doe"),
        (["Curriculum Vitae", "Dr. Hans-Peter O'Neill"], "Hans-Peter O'Neill"),
        (["JENNIFER A. LOPEZ, RN"], "Jennifer A. Lopez"),
        (["Ludwig van Beethoven | ludwig@example.com"], "Ludwig van Beethoven"),
        (["María José García López"], "María José García López"),
        (["Persönliche Daten", "Name: Lukas Becker"], "Lukas Becker"),
        (["Senior Software Engineer", "Berlin, Germany"], None),
        (["Registered Nurse", "Jane Doe"], "Jane Doe"),
        (["jane@example.com", "+49 30 1234567"], None),
        (["SUMMARY", "Jane Doe"], None),
    ],
)
def test_names(lines: list[str], name: str | None) -> None:
    assert contacts.name(lines) == name
