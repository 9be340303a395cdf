"""Personas and absence helpers: an admin and a staff member of one agency, an admin of another."""

import pytest

from absences.models import Absence, AbsenceType, Source
from users.models import Tenant, User


@pytest.fixture
def tenant(db):
    return Tenant.objects.create(slug="pixelwerk", name="Pixelwerk GmbH")


@pytest.fixture
def other_tenant(db):
    return Tenant.objects.create(slug="andere-agentur", name="Andere Agentur")


@pytest.fixture
def admin(tenant):
    return User.objects.create_user(
        "anna.admin@pixelwerk.de",
        password="geheim-123",
        tenant=tenant,
        role=User.Role.ADMIN,
        first_name="Anna",
        last_name="Adler",
    )


@pytest.fixture
def staff(tenant):
    return User.objects.create_user(
        "bernd.boehm@pixelwerk.de",
        password="geheim-123",
        tenant=tenant,
        role=User.Role.STAFF,
        first_name="Bernd",
        last_name="Böhm",
    )


@pytest.fixture
def colleague(tenant):
    return User.objects.create_user(
        "carla.crull@pixelwerk.de",
        password="geheim-123",
        tenant=tenant,
        role=User.Role.STAFF,
        first_name="Carla",
        last_name="Crull",
    )


@pytest.fixture
def other_admin(other_tenant):
    return User.objects.create_user(
        "olga.ott@andere-agentur.de",
        password="geheim-123",
        tenant=other_tenant,
        role=User.Role.ADMIN,
        first_name="Olga",
        last_name="Ott",
    )


@pytest.fixture
def vacation(tenant):
    return AbsenceType.objects.create(tenant=tenant, name="Urlaub", color="#2E86DE")


@pytest.fixture
def sick_leave(tenant):
    return AbsenceType.objects.create(
        tenant=tenant,
        name="Krankheit",
        color="#C0392B",
        category=AbsenceType.Category.SICK_LEAVE,
    )


@pytest.fixture
def hrworks_type(tenant):
    return AbsenceType.objects.create(
        tenant=tenant,
        name="Fortbildung",
        source=Source.HRWORKS,
        external_key="training",
        counts_for_hour_balance=True,
        counts_for_capacity=False,
        reviewed=False,
    )


@pytest.fixture
def make_absence():
    def make(user, absence_type, start, end=None, **fields):
        return Absence.objects.create(
            tenant=user.tenant,
            user=user,
            type=absence_type,
            start_date=start,
            end_date=end or start,
            **fields,
        )

    return make


@pytest.fixture
def as_user(client):
    """Log the client in as the given user and return it."""

    def login(user):
        client.force_login(user)
        return client

    return login
