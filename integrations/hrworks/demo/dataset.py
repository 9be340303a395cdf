"""The curated hr works data set of the demo agency, moved to the current year.

The files in ``data/`` use the sandbox's data-file format with dates around
``REFERENCE_TODAY``. So that the demo always shows current absences, every date is moved
by whole weeks to the same position in the current year: weekdays stay weekdays, and a
date lands at most three days from the same calendar day.
"""

import copy
from datetime import date, timedelta
from pathlib import Path

from integrations.hrworks.sandbox import load_dataset

DATA_DIR = Path(__file__).resolve().parent / "data"
# The day the data files were written for. The demo start date is 1 January of its year.
REFERENCE_TODAY = date(2026, 12, 4)
REFERENCE_START_DATE = date(2026, 1, 1)

# The state at activation, and the same agency a few weeks later (see the README beside
# the files for what differs).
INITIAL = "agentur"
LATER = "agentur-update"
VARIANTS = (INITIAL, LATER)

_DATE_FIELDS = ("beginDate", "endDate")
_PERSON_DATE_FIELDS = ("joinDate", "leaveDate")


def shift_days(today: date) -> int:
    """Return the whole weeks, in days, that move the reference year onto ``today``'s year."""
    days = (date(today.year, 1, 1) - REFERENCE_START_DATE).days
    return round(days / 7) * 7


def shift_date(value: date, today: date) -> date:
    return value + timedelta(days=shift_days(today))


def _shift_iso(value: str, days: int) -> str:
    return (date.fromisoformat(value) + timedelta(days=days)).isoformat()


def shift_dataset(data: dict, days: int) -> dict:
    """Return a copy of ``data`` with every absence, sick-leave and person date moved."""
    data = copy.deepcopy(data)
    if not days:
        return data
    for person in data["persons"]:
        for name in _PERSON_DATE_FIELDS:
            if person.get(name):
                person[name] = _shift_iso(person[name], days)
    for area in ("absences", "sickLeaves"):
        for items in data[area].values():
            for item in items:
                for name in _DATE_FIELDS:
                    item[name] = _shift_iso(item[name], days)
                # The sandbox counts working days itself when the file gives none.
                item.pop("workingDays", None)
    return data


def data_file(variant: str = INITIAL) -> Path:
    if variant not in VARIANTS:
        raise ValueError(f"Unknown demo data set {variant!r}: choose one of {', '.join(VARIANTS)}.")
    return DATA_DIR / f"{variant}.json"


def load_demo_dataset(variant: str = INITIAL, today: date | None = None) -> dict:
    """Return the demo agency's hr works data, moved to ``today``'s year when given."""
    data = load_dataset(data_file(variant))
    if today is None:
        return data
    return shift_dataset(data, shift_days(today))


def start_date(today: date | None = None) -> date:
    """Return the demo connection's start date: 1 January of the year, moved like the data."""
    return REFERENCE_START_DATE if today is None else shift_date(REFERENCE_START_DATE, today)
