"""Generate a realistic, deterministic data set of a German agency for the sandbox.

The same ``persons``, ``seed`` and ``today`` always give the same data set. It covers the
years from two before ``today`` to one after, with about 25 absences per person and year.
It contains half days, vacations across the new year, pending, rejected and cancelled
requests, leavers, sick leaves, umlauts and e-mail addresses in mixed case.
"""

import random
import unicodedata
import uuid
from datetime import date, timedelta

from . import names
from .dataset import default_credentials
from .store import STATUS_TEXTS
from .workdays import is_workday, working_days

ABSENCES_PER_YEAR = (22, 28)
SICK_LEAVES_PER_YEAR = (1, 5)


def _ascii(text: str) -> str:
    text = text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = text.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in ".-"))


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _units(rng: random.Random) -> list[dict]:
    return [
        {"number": number, "name": name, "uuid": _uuid(rng), "countryCode": "DEU"}
        for number, name in names.ORGANIZATION_UNITS
    ]


def _person(rng: random.Random, index: int, units: list[dict], today: date, used: set) -> dict:
    first = rng.choice(names.FIRST_NAMES)
    last = rng.choice(names.LAST_NAMES)
    login = f"{_ascii(first)}.{_ascii(last)}".lower()
    suffix = 2
    while login in used:
        login = f"{_ascii(first)}.{_ascii(last)}{suffix}".lower()
        suffix += 1
    used.add(login)

    local = login.title() if rng.random() < 0.5 else login
    email = f"{local}@{names.EMAIL_DOMAIN}"
    join = date(rng.randint(2012, today.year), rng.randint(1, 12), 1)
    join = min(join, today - timedelta(days=30))

    person = {
        "personId": email.lower() if rng.random() < 0.3 else login,
        "personnelNumber": str(1000 + index),
        "personLicenseNumber": str(index),
        "uuid": _uuid(rng),
        "firstName": first,
        "lastName": last,
        "email": email,
        "isActive": True,
        "joinDate": join.isoformat(),
        "position": rng.choice(("Designer/in", "Entwickler/in", "Berater/in", "Projektleiter/in")),
        "organizationUnit": dict(rng.choice(units)),
        "externalIds": [],
        "Kleidergröße": rng.choice(("S", "M", "L", "XL")),
    }
    if rng.random() < 0.7:
        person["privateEmail"] = f"{_ascii(first).lower()}{rng.randint(1, 99)}@" + rng.choice(
            names.PRIVATE_EMAIL_DOMAINS
        )
    if rng.random() < 0.08:
        leave = today - timedelta(days=rng.randint(30, 700))
        leave = max(leave, join + timedelta(days=60))
        person.update(isActive=leave >= today, leaveDate=leave.isoformat())
    elif rng.random() < 0.03:
        person["leaveDate"] = (today + timedelta(days=rng.randint(20, 200))).isoformat()
    return person


def _status(rng: random.Random, begin: date, today: date) -> str:
    roll = rng.random()
    if begin > today:
        if roll < 0.55:
            return "validatedOk"
        if roll < 0.85:
            return "requested"
        return rng.choice(("changesRequested", "substitutionRequested", "cancellationRequested"))
    if roll < 0.9:
        return "validatedOk"
    if roll < 0.95:
        return "validatedNotOk"
    return "cancelled"


class _Calendar:
    """The days already taken by one person's absences, to keep them from overlapping."""

    def __init__(self, first: date, last: date):
        self.first = first
        self.last = last
        self.taken: set[date] = set()

    def book(self, begin: date, end: date) -> bool:
        days = [begin + timedelta(days=n) for n in range((end - begin).days + 1)]
        if begin < self.first or end > self.last or any(day in self.taken for day in days):
            return False
        self.taken.update(days)
        return True


def _item(number: str, type_key: str, type_name: str, begin: date, end: date, status: str):
    return {
        "number": number,
        "type": type_key,
        "name": type_name,
        "beginDate": begin.isoformat(),
        "endDate": end.isoformat(),
        "isBeginDateHalfDay": False,
        "isEndDateHalfDay": False,
        "status": STATUS_TEXTS[status],
        "statusIdentifier": status,
    }


def _random_workday(rng: random.Random, year: int) -> date:
    day = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
    while not is_workday(day):
        day += timedelta(days=1)
    return day


def _absences_of_person(rng, person, years, today, counter, calendar) -> list[dict]:
    types = {key: name for key, name, *_ in names.ABSENCE_TYPES}
    result = []

    def add(type_key, begin, end, status=None):
        if not calendar.book(begin, end):
            return None
        counter[0] += 1
        number = f"{person['personLicenseNumber']}_{counter[0]}"
        item = _item(
            number, type_key, types[type_key], begin, end, status or _status(rng, begin, today)
        )
        item["remark"] = rng.choice(names.REMARKS)
        item["substitutes"] = []
        result.append(item)
        return item

    for year in years:
        # A vacation across the new year, for about half of the persons.
        if rng.random() < 0.5:
            add("UR", date(year, 12, rng.randint(27, 30)), date(year + 1, 1, rng.randint(2, 6)))
        target = rng.randint(*ABSENCES_PER_YEAR)
        attempts = 0
        while sum(1 for a in result if a["beginDate"][:4] == str(year)) < target and attempts < 400:
            attempts += 1
            begin = _random_workday(rng, year)
            roll = rng.random()
            if roll < 0.45:
                type_key, length = "UR", rng.choice((1, 1, 2, 3, 5, 7, 12))
            elif roll < 0.75:
                type_key, length = "GZ", 1
            elif roll < 0.9:
                type_key, length = "FB", rng.choice((1, 2, 3))
            else:
                type_key, length = "SU", rng.choice((1, 2))
            item = add(type_key, begin, begin + timedelta(days=length - 1))
            if item is None:
                continue
            if length == 1 and rng.random() < 0.3:
                item[rng.choice(("isBeginDateHalfDay", "isEndDateHalfDay"))] = True
            elif length > 1 and rng.random() < 0.1:
                item["isEndDateHalfDay"] = True
    for item in result:
        item["workingDays"] = working_days(item)
    return result


def _sick_leaves_of_person(rng, person, years, today, counter, calendar, others) -> list[dict]:
    result = []
    for year in years:
        for _ in range(rng.randint(*SICK_LEAVES_PER_YEAR)):
            begin = _random_workday(rng, year)
            if begin > today:
                continue
            end = begin + timedelta(days=rng.choice((0, 0, 1, 2, 4, 9)))
            if not calendar.book(begin, end):
                continue
            counter[0] += 1
            key, name, _, is_child = rng.choice(names.SICK_LEAVE_TYPES)
            status = rng.choice(
                (
                    "validatedOk",
                    "validatedOk",
                    "reported",
                    "certificatePending",
                    "electronicCertificateAvailable",
                )
            )
            item = _item(
                f"{person['personLicenseNumber']}_{counter[0]}", key, name, begin, end, status
            )
            item["hasElectronicSicknessCertificate"] = status == "electronicCertificateAvailable"
            item["workingDays"] = working_days(item)
            if is_child:
                item["child"] = {"firstName": "Mila", "lastName": person["lastName"]}
            if others and rng.random() < 0.3:
                substitute = rng.choice(others)
                item["substitute"] = {
                    "personId": substitute["personId"],
                    "personnelNumber": substitute["personnelNumber"],
                    "firstName": substitute["firstName"],
                    "lastName": substitute["lastName"],
                }
            result.append(item)
    return result


def _types() -> tuple[list[dict], list[dict]]:
    absence_types = [
        {
            "key": key,
            "name": name,
            "color": color,
            "isActive": active,
            "reducesHolidayEntitlement": holiday,
            "reducesHolidayEntitlementForFullMonths": False,
            "reducesTimeAccount": time_account,
            "ignoreVacationBlackout": False,
            "useInMonthPayroll": True,
            "maxVacationDaysPerYear": 0,
            "isSubstitutionMandatory": False,
            "reducesTargetWorkingHours": target_hours,
            "isAdminOnly": False,
            "isPublic": True,
        }
        for key, name, color, active, holiday, time_account, target_hours in names.ABSENCE_TYPES
    ]
    sick_leave_types = [
        {
            "key": key,
            "name": name,
            "color": color,
            "isActive": True,
            "isAdminOnly": False,
            "isPublic": False,
            "isSicknessOfChild": is_child,
            "useInMonthPayroll": True,
        }
        for key, name, color, is_child in names.SICK_LEAVE_TYPES
    ]
    return absence_types, sick_leave_types


def generate_dataset(persons: int = 50, seed: int = 1, today: date | None = None) -> dict:
    """Return a data set in the data file format; deterministic for the same arguments."""
    today = today or date.today()
    rng = random.Random(seed)
    units = _units(rng)
    years = range(today.year - 2, today.year + 2)
    used_logins: set = set()
    people = [_person(rng, index, units, today, used_logins) for index in range(1, persons + 1)]

    # Cases the e-mail matching must handle: a person without business e-mail and two
    # persons sharing one.
    if persons >= 10:
        del people[3]["email"]
        people[7]["email"] = people[6]["email"].upper()

    absences, sick_leaves = {}, {}
    for person in people:
        first = date.fromisoformat(person["joinDate"])
        last = date.fromisoformat(person.get("leaveDate", date(today.year + 2, 1, 31).isoformat()))
        calendar = _Calendar(first, last)
        counter = [0]
        absences[person["personId"]] = _absences_of_person(
            rng, person, years, today, counter, calendar
        )
        others = [p for p in people if p is not person]
        sick_leaves[person["personId"]] = _sick_leaves_of_person(
            rng, person, years, today, counter, calendar, others
        )

    absence_types, sick_leave_types = _types()
    return {
        "credentials": default_credentials(),
        "organizationUnits": units,
        "persons": people,
        "absenceTypes": absence_types,
        "absences": absences,
        "sickLeaveTypes": sick_leave_types,
        "sickLeaves": sick_leaves,
    }
