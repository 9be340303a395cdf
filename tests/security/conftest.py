"""Two agencies with data on every page, and the personas that attack them.

Tenant "pixelwerk" contains one object of every kind (absence types, absences, an hr works
connection, a person, a link, a sync run, a calendar token). Its admin and staff member are
the insiders; the admin of "andere-agentur" is the outsider. Names and notes of the first
tenant carry the marker "Geheimnis", so a page of the other tenant can be searched for it.
"""

from datetime import date

import pytest

from absences.models import Absence, AbsenceType, Source
from integrations.hrworks.models import Connection, Person, PersonLink, SyncRun
from users.models import Tenant, User

SECRET_KEY = "hrw-Secret-4711-sehr-vertraulich"
MARKER = "Geheimnis"


@pytest.fixture(autouse=True)
def _german(settings):
    settings.LANGUAGE_CODE = "de"


@pytest.fixture
def tenant(db):
    return Tenant.objects.create(slug="pixelwerk", name="Pixelwerk GmbH")


@pytest.fixture
def other_tenant(db):
    return Tenant.objects.create(slug="andere-agentur", name="Andere Agentur")


def _user(email, tenant, role=User.Role.STAFF, **fields):
    return User.objects.create_user(
        email, password="geheim-123", tenant=tenant, role=role, **fields
    )


@pytest.fixture
def admin(tenant):
    return _user("anna.admin@pixelwerk.de", tenant, User.Role.ADMIN, first_name="Anna")


@pytest.fixture
def staff(tenant):
    return _user("bernd.boehm@pixelwerk.de", tenant, first_name="Bernd", last_name="Böhm")


@pytest.fixture
def other_admin(other_tenant):
    return _user("olga.ott@andere-agentur.de", other_tenant, User.Role.ADMIN, first_name="Olga")


@pytest.fixture
def other_staff(other_tenant):
    return _user("otto.oehl@andere-agentur.de", other_tenant, first_name="Otto")


@pytest.fixture
def world(tenant, admin, staff):
    """Create one object of every kind in `tenant` and return them by name."""
    victim = _user(
        f"{MARKER.lower()}.kollege@pixelwerk.de",
        tenant,
        first_name=MARKER,
        last_name="Kollege",
        calendar_token="tok-" + "x" * 40,
    )
    local_type = AbsenceType.objects.create(tenant=tenant, name=f"{MARKER}-Urlaub")
    sick_type = AbsenceType.objects.create(
        tenant=tenant,
        name=f"{MARKER}-Krankheit",
        category=AbsenceType.Category.SICK_LEAVE,
    )
    hrworks_type = AbsenceType.objects.create(
        tenant=tenant,
        name=f"{MARKER}-Fortbildung",
        source=Source.HRWORKS,
        external_key="FB",
    )
    today = date.today()
    absence = Absence.objects.create(
        tenant=tenant,
        user=victim,
        type=local_type,
        start_date=today,
        end_date=today,
        note=f"{MARKER}-Notiz",
    )
    sick = Absence.objects.create(
        tenant=tenant, user=victim, type=sick_type, start_date=today, end_date=today
    )
    superseded = Absence.objects.create(
        tenant=tenant,
        user=victim,
        type=local_type,
        start_date=today,
        end_date=today,
        superseded_at=today.isoformat() + "T00:00Z",
    )
    imported = Absence.objects.create(
        tenant=tenant,
        user=staff,
        type=hrworks_type,
        start_date=today,
        end_date=today,
        source=Source.HRWORKS,
        external_number="A-1",
    )
    connection = Connection(tenant=tenant, base_url="http://127.0.0.1:9", access_key="AK-pixelwerk")
    connection.set_secret(SECRET_KEY)
    connection.save()
    person = Person.objects.create(
        tenant=tenant,
        uuid="uuid-victim",
        person_id=f"{MARKER.lower()}.person",
        first_name=MARKER,
        last_name="Person",
        email="victim@pixelwerk.de",
    )
    unlinked_person = Person.objects.create(
        tenant=tenant, uuid="uuid-free", person_id="frei.person", last_name=f"{MARKER}-Frei"
    )
    link = PersonLink.objects.create(
        tenant=tenant, user=victim, person=person, method=PersonLink.Method.MANUAL
    )
    run = SyncRun.objects.create(tenant=tenant, trigger=SyncRun.Trigger.MANUAL)
    return {
        "user": victim,
        "local_type": local_type,
        "sick_type": sick_type,
        "hrworks_type": hrworks_type,
        "absence": absence,
        "sick": sick,
        "superseded": superseded,
        "imported": imported,
        "connection": connection,
        "person": person,
        "unlinked_person": unlinked_person,
        "link": link,
        "run": run,
    }


@pytest.fixture(autouse=True)
def _no_client_retries(settings):
    """Fail fast on an unreachable hr works: the walks below do not test retries."""
    settings.HRWORKS_CLIENT_MAX_RETRIES = 0
    settings.HRWORKS_CLIENT_BACKOFF_SECONDS = 0
    settings.HRWORKS_CLIENT_TIMEOUT_SECONDS = 5
