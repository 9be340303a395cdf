"""Personas for the hr works pages: an admin and a staff member of one agency, an admin of
another, and a connection of the first agency to the sandbox."""

from datetime import date

import pytest

from integrations.hrworks.models import Connection
from users.models import Tenant, User


@pytest.fixture
def tenant(db):
    return Tenant.objects.create(slug="pixelwerk", name="Pixelwerk GmbH")


@pytest.fixture
def other_tenant(db):
    return Tenant.objects.create(slug="andere-agentur", name="Andere Agentur")


def _user(email, tenant, role, **fields):
    return User.objects.create_user(
        email, password="geheim-123", tenant=tenant, role=role, **fields
    )


@pytest.fixture
def admin(tenant):
    return _user("anna.admin@pixelwerk.de", tenant, User.Role.ADMIN, first_name="Anna")


@pytest.fixture
def staff(tenant):
    return _user("bernd.boehm@pixelwerk.de", tenant, User.Role.STAFF, first_name="Bernd")


@pytest.fixture
def other_admin(other_tenant):
    return _user("olga.ott@andere-agentur.de", other_tenant, User.Role.ADMIN)


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def other_client(client, other_admin):
    client.force_login(other_admin)
    return client


@pytest.fixture(autouse=True)
def _german(settings):
    settings.LANGUAGE_CODE = "de"


@pytest.fixture
def connection(tenant, hrworks_sandbox):
    connection = Connection(
        tenant=tenant,
        base_url=hrworks_sandbox.base_url,
        access_key=hrworks_sandbox.access_key,
        start_date=date(2026, 1, 1),
    )
    connection.set_secret(hrworks_sandbox.secret_key)
    connection.save()
    return connection
