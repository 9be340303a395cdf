"""The generated demo agency: deterministic and full of the cases a sync must handle."""

import json
from collections import Counter
from datetime import date

import pytest

from integrations.hrworks.sandbox import generate_dataset, load_dataset

TODAY = date(2026, 12, 4)


@pytest.fixture(scope="module")
def dataset():
    return generate_dataset(persons=40, seed=5, today=TODAY)


def all_absences(dataset) -> list[dict]:
    return [item for items in dataset["absences"].values() for item in items]


def test_same_seed_gives_same_data():
    first = generate_dataset(persons=10, seed=9, today=TODAY)
    second = generate_dataset(persons=10, seed=9, today=TODAY)

    assert json.dumps(first) == json.dumps(second)


def test_other_seed_gives_other_data():
    first = generate_dataset(persons=10, seed=9, today=TODAY)
    other = generate_dataset(persons=10, seed=10, today=TODAY)

    assert first["persons"] != other["persons"]


def test_names_have_umlauts_and_emails_mixed_case(dataset):
    names = " ".join(p["firstName"] + p["lastName"] for p in dataset["persons"])
    emails = [p["email"] for p in dataset["persons"] if "email" in p]

    assert any(letter in names for letter in "äöüßÄÖÜ")
    assert any(email != email.lower() for email in emails)


def test_email_conflicts_and_missing_email_exist(dataset):
    emails = Counter(p["email"].casefold() for p in dataset["persons"] if "email" in p)

    assert any(count > 1 for count in emails.values())
    assert any("email" not in p for p in dataset["persons"])


def test_leavers_exist(dataset):
    leavers = [p for p in dataset["persons"] if not p["isActive"]]

    assert leavers
    assert all(p["leaveDate"] < TODAY.isoformat() for p in leavers)


def test_about_25_absences_per_person_and_year(dataset):
    full_year = [
        person["personId"]
        for person in dataset["persons"]
        if person["joinDate"] < "2025-01-01" and "leaveDate" not in person
    ]
    counts = [
        sum(1 for a in dataset["absences"][pid] if a["beginDate"].startswith("2025"))
        for pid in full_year
    ]

    assert 20 <= sum(counts) / len(counts) <= 30


def test_years_around_today_are_covered(dataset):
    years = {a["beginDate"][:4] for a in all_absences(dataset)}

    assert {"2024", "2025", "2026", "2027"} <= years


def test_half_days_and_new_year_vacations_exist(dataset):
    absences = all_absences(dataset)

    assert any(a["isBeginDateHalfDay"] for a in absences)
    assert any(a["isEndDateHalfDay"] for a in absences)
    assert any(a["beginDate"][:4] != a["endDate"][:4] for a in absences)


def test_pending_rejected_and_cancelled_exist(dataset):
    statuses = {a["statusIdentifier"] for a in all_absences(dataset)}

    assert {"validatedOk", "requested", "validatedNotOk", "cancelled"} <= statuses


def test_sick_leaves_exist_with_substitutes(dataset):
    sick_leaves = [item for items in dataset["sickLeaves"].values() for item in items]

    assert sick_leaves
    assert any("substitute" in item for item in sick_leaves)


def test_absence_numbers_are_unique_per_person(dataset):
    for person in dataset["persons"]:
        items = dataset["absences"][person["personId"]] + dataset["sickLeaves"][person["personId"]]
        numbers = [item["number"] for item in items]
        assert len(numbers) == len(set(numbers))
        assert all(n.startswith(person["personLicenseNumber"] + "_") for n in numbers)


def test_saved_data_set_loads_back(tmp_path, dataset):
    path = tmp_path / "agency.json"
    path.write_text(json.dumps(dataset, ensure_ascii=False), encoding="utf-8")

    loaded = load_dataset(path)

    assert loaded["persons"] == dataset["persons"]


def test_data_file_with_unknown_person_key_is_rejected(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text(json.dumps({"persons": [], "absences": {"ghost": []}}), encoding="utf-8")

    with pytest.raises(ValueError, match="ghost"):
        load_dataset(path)


def test_minimal_data_file_gets_demo_credentials(tmp_path):
    path = tmp_path / "minimal.json"
    path.write_text(json.dumps({"persons": [{"personId": "a"}]}), encoding="utf-8")

    loaded = load_dataset(path)

    assert loaded["credentials"][0]["accessKey"] == "demo-access-key"
    assert loaded["absences"] == {}
