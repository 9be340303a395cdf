"""Fixtures for sync tests: an agency connected to a sandbox that serves a small data set.

``hr`` wraps the sandbox with builders for persons, types and absences in the shapes hr works
sends. Tests start from ``hr.reset()`` (two absence types, one sick-leave type, no persons) and
add what they need.
"""

from datetime import date

import pytest

from absences.models import Absence, AbsenceType, Source
from integrations.hrworks.models import Connection
from integrations.hrworks.sync.run import sync_tenant
from users.models import Tenant, User

START = date(2026, 1, 1)

ABSENCE_TYPES = [
    {
        "key": "AL",
        "name": "Urlaub",
        "color": "#4CAF50",
        "isActive": True,
        "reducesHolidayEntitlement": True,
        "reducesTimeAccount": False,
        "reducesTargetWorkingHours": True,
    },
    {
        "key": "TRN",
        "name": "Fortbildung",
        "color": "#2196F3",
        "isActive": True,
        "reducesHolidayEntitlement": False,
        "reducesTimeAccount": False,
        "reducesTargetWorkingHours": False,
    },
]
SICK_LEAVE_TYPES = [{"key": "K", "name": "Krankheit", "color": "#F44336", "isActive": True}]


class HrWorksData:
    """Builders and shortcuts around the sandbox's data store."""

    def __init__(self, sandbox):
        self.sandbox = sandbox
        self.store = sandbox.store

    def reset(self):
        self.store.replace(
            {
                "persons": [],
                "absenceTypes": [dict(t) for t in ABSENCE_TYPES],
                "sickLeaveTypes": [dict(t) for t in SICK_LEAVE_TYPES],
                "absences": {},
                "sickLeaves": {},
            }
        )
        return self

    def add_person(self, number: int, email: str | None, **fields) -> dict:
        person = {
            "personId": f"person.{number}",
            "personnelNumber": str(number),
            "personLicenseNumber": str(number),
            "uuid": f"00000000-0000-4000-8000-{number:012d}",
            "firstName": f"Vorname{number}",
            "lastName": f"Nachname{number}",
            "isActive": True,
            "joinDate": "2020-01-01",
        }
        if email is not None:
            person["email"] = email
        person.update(fields)
        return self.store.add_person(person)

    def add_absence(self, number: int, begin: str, end: str, **fields) -> dict:
        item = {
            "type": "AL",
            "name": "Urlaub",
            "beginDate": begin,
            "endDate": end,
            "isBeginDateHalfDay": False,
            "isEndDateHalfDay": False,
            "statusIdentifier": "validatedOk",
            "workingDays": 1.0,
            "remark": "",
        }
        item.update(fields)
        return self.store.add_absence(f"person.{number}", item)

    def add_sick_leave(self, number: int, begin: str, end: str, **fields) -> dict:
        item = {
            "type": "K",
            "name": "Krankheit",
            "beginDate": begin,
            "endDate": end,
            "isBeginDateHalfDay": False,
            "isEndDateHalfDay": False,
            "statusIdentifier": "reported",
            "workingDays": 1.0,
        }
        item.update(fields)
        return self.store.add_sick_leave(f"person.{number}", item)


@pytest.fixture
def hr(hrworks_sandbox):
    return HrWorksData(hrworks_sandbox).reset()


@pytest.fixture(autouse=True)
def _fast_client(settings):
    settings.HRWORKS_CLIENT_TIMEOUT_SECONDS = 5
    settings.HRWORKS_CLIENT_MAX_TOTAL_WAIT_SECONDS = 10
    settings.HRWORKS_CLIENT_BACKOFF_SECONDS = 0.05
    settings.HRWORKS_SYNC_RETRY_BACKOFF_SECONDS = 0


@pytest.fixture
def tenant(db):
    return Tenant.objects.create(slug="pixelwerk", name="Pixelwerk GmbH")


@pytest.fixture
def connection(tenant, hrworks_sandbox):
    connection = Connection(
        tenant=tenant,
        base_url=hrworks_sandbox.base_url,
        access_key=hrworks_sandbox.access_key,
        start_date=START,
        is_active=True,
        state=Connection.State.ACTIVE,
    )
    connection.set_secret(hrworks_sandbox.secret_key)
    connection.save()
    return connection


@pytest.fixture
def make_user(tenant):
    def make(email, **fields):
        return User.objects.create_user(email, password="geheim-123", tenant=tenant, **fields)

    return make


@pytest.fixture
def local_type(tenant):
    return AbsenceType.objects.create(tenant=tenant, name="Urlaub (lokal)")


@pytest.fixture
def make_local_absence(tenant, local_type):
    def make(user, start, end, **fields):
        return Absence.objects.create(
            tenant=tenant,
            user=user,
            type=local_type,
            start_date=start,
            end_date=end,
            source=Source.LOCAL,
            **fields,
        )

    return make


@pytest.fixture
def sync(tenant, connection):
    def run(**kwargs):
        kwargs.setdefault("trigger", "command")
        return sync_tenant(tenant, **kwargs)

    return run


@pytest.fixture
def imported():
    def numbers(user):
        """Return the user's imported absences as (number, start, end, status) tuples."""
        return sorted(
            (a.external_number, a.start_date, a.end_date, a.status)
            for a in Absence.objects.filter(user=user, source=Source.HRWORKS)
        )

    return numbers
