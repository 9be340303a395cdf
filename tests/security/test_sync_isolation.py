"""Two agencies on the same hr works data: preview, sync and links stay within each agency."""

from datetime import date

import pytest
from django.urls import reverse

from absences.models import Absence
from integrations.hrworks.models import Connection, Person, PersonLink, SyncRun
from integrations.hrworks.sync.run import sync_tenant
from users.models import User

PERSON_ID = "anna.goertz"


@pytest.fixture
def twins(world, other_tenant, other_admin, hrworks_sandbox):
    """Give both tenants a user with the e-mail of one hr works person, and connect the
    second tenant to the sandbox."""
    email = hrworks_sandbox.store.person(PERSON_ID)["email"]
    first_user = User.objects.create_user(email.lower(), tenant=world["user"].tenant)
    connection = Connection(
        tenant=other_tenant,
        base_url=hrworks_sandbox.base_url,
        access_key=hrworks_sandbox.access_key,
        start_date=date(2026, 1, 1),
    )
    connection.set_secret(hrworks_sandbox.secret_key)
    connection.save()
    return first_user, connection


def test_preview_lists_only_own_users(client, other_admin, twins):
    first_user, _connection = twins
    client.force_login(other_admin)

    response = client.get(reverse("hrworks:preview"))

    preview = response.context["preview"]
    assert not preview.error
    assert preview.persons_found > 0
    assert first_user.email not in response.content.decode()
    assert all(row.user.tenant_id == other_admin.tenant_id for row in preview.users)
    assert all(user.tenant_id == other_admin.tenant_id for user in preview.unmatched_users)


def test_sync_of_other_tenant_leaves_first_tenant_alone(twins, world):
    first_user, connection = twins
    connection.is_active = True
    connection.save()
    tenant = world["user"].tenant
    absences_before = list(Absence.objects.filter(tenant=tenant).order_by("pk").values())

    run = sync_tenant(connection.tenant, trigger=SyncRun.Trigger.ACTIVATION)

    first_user.refresh_from_db()
    assert run.succeeded, run.error
    assert not PersonLink.objects.filter(user=first_user).exists()
    assert first_user.absences_managed_since is None
    assert list(Absence.objects.filter(tenant=tenant).order_by("pk").values()) == absences_before
    assert Person.objects.filter(tenant=tenant).count() == 2
    assert not SyncRun.objects.filter(tenant=tenant).exclude(pk=world["run"].pk).exists()
