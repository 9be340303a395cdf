"""The sandbox's data file: reading, checking and filling in defaults.

The format uses the shapes hr works returns; the README in this folder describes it.
"""

import json
from pathlib import Path

AREAS = ("persons", "general", "absences", "sick_leaves")

DEMO_ACCESS_KEY = "demo-access-key"
DEMO_SECRET_KEY = "demo-secret-key"
# A second pair that may not read sick leaves, to show a permission error.
NO_SICK_LEAVES_ACCESS_KEY = "no-sick-leaves-access-key"
NO_SICK_LEAVES_SECRET_KEY = "no-sick-leaves-secret-key"


def default_credentials() -> list[dict]:
    return [
        {
            "accessKey": DEMO_ACCESS_KEY,
            "secretAccessKey": DEMO_SECRET_KEY,
            "permissions": list(AREAS),
        },
        {
            "accessKey": NO_SICK_LEAVES_ACCESS_KEY,
            "secretAccessKey": NO_SICK_LEAVES_SECRET_KEY,
            "permissions": ["persons", "general", "absences"],
        },
    ]


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def _check_keyed(data: dict, name: str, person_ids: set) -> None:
    keyed = data[name]
    _require(isinstance(keyed, dict), f"{name} must be an object keyed by personId")
    for person_id, items in keyed.items():
        _require(person_id in person_ids, f"{name} has key {person_id!r}, which is no personId")
        _require(isinstance(items, list), f"{name}[{person_id!r}] must be a list")
        for index, item in enumerate(items):
            where = f"{name}[{person_id!r}][{index}]"
            _require(isinstance(item, dict), f"{where} must be an object")
            for required in ("number", "type", "beginDate", "endDate"):
                _require(isinstance(item.get(required), str), f"{where} needs a string {required}")


def normalize_dataset(data: dict) -> dict:
    """Check a data set and fill in optional parts; raise ValueError naming the problem."""
    _require(isinstance(data, dict), "the data set must be a JSON object")
    data.setdefault("credentials", default_credentials())
    for name, default in (
        ("persons", []),
        ("absenceTypes", []),
        ("absences", {}),
        ("sickLeaveTypes", []),
        ("sickLeaves", {}),
    ):
        data.setdefault(name, default)

    for index, pair in enumerate(data["credentials"]):
        where = f"credentials[{index}]"
        _require(isinstance(pair.get("accessKey"), str), f"{where} needs a string accessKey")
        _require(
            isinstance(pair.get("secretAccessKey"), str), f"{where} needs a string secretAccessKey"
        )
        pair.setdefault("permissions", list(AREAS))
        unknown = set(pair["permissions"]) - set(AREAS)
        _require(not unknown, f"{where} has unknown permissions {sorted(unknown)}")

    person_ids = set()
    for index, person in enumerate(data["persons"]):
        _require(
            isinstance(person.get("personId"), str), f"persons[{index}] needs a string personId"
        )
        _require(person["personId"] not in person_ids, f"personId {person['personId']!r} repeats")
        person_ids.add(person["personId"])
    for name in ("absenceTypes", "sickLeaveTypes"):
        for index, item in enumerate(data[name]):
            _require(isinstance(item.get("key"), str), f"{name}[{index}] needs a string key")
    _check_keyed(data, "absences", person_ids)
    _check_keyed(data, "sickLeaves", person_ids)
    return data


def load_dataset(path: str | Path) -> dict:
    """Read a data file; raise ValueError when it is not valid JSON or not a data set."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path} is not valid JSON: {exc}") from None
    return normalize_dataset(data)
