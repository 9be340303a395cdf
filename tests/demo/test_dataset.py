"""The curated hr works data set of the demo agency."""

from datetime import date

import pytest

from integrations.hrworks.demo import dataset
from integrations.hrworks.sandbox.store import STATUS_TEXTS


@pytest.fixture(scope="module")
def initial():
    return dataset.load_demo_dataset(dataset.INITIAL)


@pytest.fixture(scope="module")
def later():
    return dataset.load_demo_dataset(dataset.LATER)


def _items(data, area="absences"):
    return [item for items in data[area].values() for item in items]


def _by_number(data):
    return {
        (area, item["number"]): item
        for area in ("absences", "sickLeaves")
        for item in _items(data, area)
    }


def test_data_set_covers_every_status(initial):
    statuses = {
        item["statusIdentifier"] for item in _items(initial) + _items(initial, "sickLeaves")
    }

    assert statuses == set(STATUS_TEXTS)


def test_status_texts_match_identifiers(initial):
    for item in _items(initial) + _items(initial, "sickLeaves"):
        assert item["status"] == STATUS_TEXTS[item["statusIdentifier"]], item["number"]


def test_data_set_has_half_days(initial):
    absences = _items(initial)

    assert any(item["isBeginDateHalfDay"] for item in absences)
    assert any(item["isEndDateHalfDay"] for item in absences)
    assert any(
        item["isBeginDateHalfDay"] and item["beginDate"] != item["endDate"] for item in absences
    )


def test_data_set_has_vacations_across_new_year(initial):
    crossing = [
        item
        for item in _items(initial)
        if item["type"] == "UR" and item["beginDate"][:4] != item["endDate"][:4]
    ]

    assert {item["beginDate"][:4] for item in crossing} == {"2025", "2026"}


def test_data_set_has_sick_leaves_and_leavers(initial):
    persons = {person["personId"]: person for person in initial["persons"]}

    assert len(_items(initial, "sickLeaves")) >= 10
    assert {item["type"] for item in _items(initial, "sickLeaves")} == {"K", "KK"}
    assert persons["r.duemmler"]["isActive"] is False
    assert persons["r.duemmler"]["leaveDate"] == "2026-06-30"
    assert persons["c.boehm"]["leaveDate"] == "2027-03-31"


def test_data_set_has_german_names(initial):
    names = " ".join(f"{p['firstName']} {p['lastName']}" for p in initial["persons"])

    for letter in "äöüßÖë":
        assert letter in names


def test_numbers_are_unique(initial):
    numbers = [item["number"] for item in _items(initial) + _items(initial, "sickLeaves")]

    assert len(numbers) == len(set(numbers))


def test_absences_of_person_do_not_overlap(initial):
    rejected = {"validatedNotOk", "cancelled", "substitutionRejected"}
    for person_id in initial["absences"]:
        items = initial["absences"][person_id] + initial["sickLeaves"].get(person_id, [])
        days = set()
        for item in items:
            if item["statusIdentifier"] in rejected:
                continue
            first = date.fromisoformat(item["beginDate"])
            last = date.fromisoformat(item["endDate"])
            span = {date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)}
            assert not days & span, item["number"]
            days |= span


def test_absences_start_and_end_on_weekdays(initial):
    for item in _items(initial) + _items(initial, "sickLeaves"):
        assert date.fromisoformat(item["beginDate"]).weekday() < 5, item["number"]
        assert date.fromisoformat(item["endDate"]).weekday() < 5, item["number"]


def test_later_file_renames_training_type(initial, later):
    before = {t["key"]: t for t in initial["absenceTypes"]}
    after = {t["key"]: t for t in later["absenceTypes"]}

    assert before["FB"]["name"] == "Fortbildung"
    assert after["FB"]["name"] == "Weiterbildung"
    assert before.keys() == after.keys()
    for key in before.keys() - {"FB"}:
        assert before[key] == after[key]


def test_later_file_differs_only_as_documented(initial, later):
    before = _by_number(initial)
    after = _by_number(later)

    def changed_fields(key):
        ignored = {"name"} if before[key]["type"] == "FB" else set()
        return {
            name
            for name in before[key].keys() | after[key].keys()
            if name not in ignored and before[key].get(name) != after[key].get(name)
        }

    changes = {key: changed_fields(key) for key in before.keys() & after.keys()}
    changes = {key: fields for key, fields in changes.items() if fields}

    assert after.keys() - before.keys() == {("absences", "3_11"), ("sickLeaves", "23_4")}
    assert before.keys() - after.keys() == set()
    assert changes == {
        ("absences", "4_6"): {"status", "statusIdentifier"},
        ("absences", "10_3"): {"status", "statusIdentifier"},
        ("absences", "17_4"): {"endDate", "remark"},
    }
    assert initial["persons"] == later["persons"]


def test_shift_moves_dates_by_whole_weeks(initial):
    today = date(2029, 6, 15)
    days = dataset.shift_days(today)
    shifted = dataset.shift_dataset(initial, days)
    first = initial["absences"]["l.mueller"][0]
    moved = shifted["absences"]["l.mueller"][0]

    assert days % 7 == 0
    assert abs((dataset.start_date(today) - date(2029, 1, 1)).days) <= 3
    assert date.fromisoformat(moved["beginDate"]).weekday() == (
        date.fromisoformat(first["beginDate"]).weekday()
    )
    assert moved["beginDate"][:4] == "2029"
    assert shifted["persons"][0]["joinDate"] != initial["persons"][0]["joinDate"]


def test_shift_keeps_reference_year(initial):
    assert dataset.shift_days(date(2026, 3, 1)) == 0
    assert dataset.load_demo_dataset(dataset.INITIAL, date(2026, 3, 1)) == initial


def test_unknown_variant_is_rejected():
    with pytest.raises(ValueError, match="Unknown demo data set"):
        dataset.data_file("elsewhere")
