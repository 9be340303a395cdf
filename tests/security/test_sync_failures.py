"""A failed sync leaves every row as it was and names the reason in German in the history."""

from datetime import date
from unittest import mock

import pytest
from django.urls import reverse

from absences.models import Absence, AbsenceType
from integrations.hrworks import tasks
from integrations.hrworks.models import Connection, Person, PersonLink, SyncRun
from integrations.hrworks.sync import apply
from integrations.hrworks.sync import run as run_module
from integrations.hrworks.sync.run import sync_tenant
from users.models import User

LINKED_PERSONS = ["anna.goertz", "maelle.schaefer", "jana.schaefer"]


@pytest.fixture
def synced(world, hrworks_sandbox):
    """Connect the first tenant to the sandbox, link three persons and sync once."""
    tenant = world["user"].tenant
    for person_id in LINKED_PERSONS:
        email = hrworks_sandbox.store.person(person_id)["email"]
        User.objects.create_user(email.lower(), tenant=tenant)
    connection = world["connection"]
    connection.base_url = hrworks_sandbox.base_url
    connection.access_key = hrworks_sandbox.access_key
    connection.set_secret(hrworks_sandbox.secret_key)
    connection.start_date = date(2026, 1, 1)
    connection.is_active = True
    connection.save()
    first = sync_tenant(tenant, trigger=SyncRun.Trigger.ACTIVATION)
    assert first.succeeded, first.error
    assert first.created > 0

    # Changes in hr works that the next run would apply if it got through.
    store = hrworks_sandbox.store
    numbers = [a["number"] for a in store.absences["anna.goertz"] if a["beginDate"] >= "2026"]
    store.remove_absence(numbers[0])
    store.update_absence(numbers[1], endDate="2027-01-08")
    store.set_absence_status(numbers[2], "cancelled")
    store.update_person("maelle.schaefer", lastName="Neuname")
    return connection


def _snapshot(tenant):
    return {
        "absences": list(Absence.objects.filter(tenant=tenant).order_by("pk").values()),
        "types": list(AbsenceType.objects.filter(tenant=tenant).order_by("pk").values()),
        "persons": list(Person.objects.filter(tenant=tenant).order_by("pk").values()),
        "links": list(PersonLink.objects.filter(tenant=tenant).order_by("pk").values()),
        "users": list(
            User.objects.filter(tenant=tenant).order_by("pk").values("pk", "absences_managed_since")
        ),
    }


FAULTS = [
    ("503:path=/v2/absences", "transient", "nicht erreichbar"),
    ("drop:path=/v2/absences", "transient", "nicht erreichbar"),
    ("malformed:path=/v2/absences", "unexpected", "nicht gelesen werden"),
    ("malformed:path=/v2/persons/master-data", "unexpected", "nicht gelesen werden"),
    ("403:path=/v2/absences", "permission", "„Abwesenheiten“"),
    ("403:path=/v2/persons/master-data", "permission", "„Personen“"),
    ("403:path=/v2/authentication", "credentials", "API-Schlüssel abgelehnt"),
    ("repeat-page:path=/v2/persons/master-data", "unexpected", "nicht gelesen werden"),
]


@pytest.mark.parametrize("fault,kind,german", FAULTS, ids=[f[0] for f in FAULTS])
def test_failed_sync_changes_nothing(synced, hrworks_sandbox, fault, kind, german):
    tenant = synced.tenant
    if fault.startswith("repeat-page"):
        hrworks_sandbox.page_size = 2
    before = _snapshot(tenant)
    hrworks_sandbox.add_fault(fault)

    run = sync_tenant(tenant, trigger=SyncRun.Trigger.MANUAL)

    assert run.failed
    assert run.error_kind == kind
    assert german in run.error
    assert _snapshot(tenant) == before


def test_wrong_key_pair_fails_run_in_german(synced):
    synced.set_secret("falsch")
    synced.save()
    before = _snapshot(synced.tenant)

    run = sync_tenant(synced.tenant, trigger=SyncRun.Trigger.MANUAL)

    synced.refresh_from_db()
    assert run.error_kind == "credentials"
    assert "hr works hat den API-Schlüssel abgelehnt" in run.error
    assert synced.state == Connection.State.CREDENTIALS_INVALID
    assert _snapshot(synced.tenant) == before


def test_key_without_absence_permission_names_area(synced, hrworks_sandbox):
    hrworks_sandbox.store.set_permissions(hrworks_sandbox.access_key, ["persons", "general"])
    before = _snapshot(synced.tenant)

    run = sync_tenant(synced.tenant, trigger=SyncRun.Trigger.MANUAL)

    assert run.error_kind == "permission"
    assert "„Abwesenheiten“" in run.error
    assert _snapshot(synced.tenant) == before


def test_failure_while_applying_rolls_back(synced):
    before = _snapshot(synced.tenant)

    real_execute = apply.execute
    applied = []

    def execute_then_fail(*args, **kwargs):
        real_execute(*args, **kwargs)
        applied.append(True)
        raise RuntimeError("disk full")

    with mock.patch.object(run_module.apply, "execute", side_effect=execute_then_fail):
        run = sync_tenant(synced.tenant, trigger=SyncRun.Trigger.MANUAL)

    assert applied == [True]
    assert run.error_kind == "internal"
    assert "interner Fehler" in run.error or "internen Fehlers" in run.error
    assert _snapshot(synced.tenant) == before


def test_history_page_shows_german_reason(client, admin, synced, hrworks_sandbox):
    hrworks_sandbox.add_fault("malformed:path=/v2/absences")
    run = sync_tenant(synced.tenant, trigger=SyncRun.Trigger.MANUAL)
    client.force_login(admin)

    settings_page = client.get(reverse("hrworks:settings")).content.decode()
    run_page = client.get(reverse("hrworks:run", args=[run.pk])).content.decode()

    assert "nicht gelesen werden konnte" in run_page
    assert "nicht gelesen werden konnte" in settings_page


def test_connection_test_names_missing_permission(client, admin, synced, hrworks_sandbox):
    hrworks_sandbox.store.set_permissions(hrworks_sandbox.access_key, ["persons", "absences"])
    client.force_login(admin)

    response = client.post(reverse("hrworks:test"))

    result = response.context["test_result"]
    assert not result.ok
    assert {a.area for a in result.areas if not a.ok} == {"general", "sick_leaves"}
    assert "„Allgemein“" in response.content.decode()


@pytest.mark.parametrize("header", ["²", "99999999999999999999999999"])
def test_odd_retry_after_stays_transient(synced, hrworks_sandbox, header):
    """A Retry-After hr works should never send still fails the run as transient."""
    hrworks_sandbox.add_fault(f"429:path=/v2/absences:retry-after={header}")

    run = sync_tenant(synced.tenant, trigger=SyncRun.Trigger.MANUAL)

    assert run.error_kind == "transient"
    assert tasks.retry_delay(0, run.retry_after) <= tasks.MAX_RETRY_DELAY
