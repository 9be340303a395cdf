"""Connecting the demo agency to the sandbox."""

from datetime import date
from unittest import mock

import pytest

from integrations.hrworks.demo import connect, dataset, seed
from integrations.hrworks.models import Connection, SyncRun
from integrations.hrworks.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY

TODAY = date(2027, 3, 10)
URL = "http://127.0.0.1:8765"


@pytest.fixture
def tenant(db):
    return seed.seed(TODAY).tenant


def test_connect_activates_and_queues_first_sync(tenant, django_capture_on_commit_callbacks):
    with mock.patch("integrations.hrworks.tasks.sync_tenant_task.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            connection = connect.connect(tenant, URL, TODAY, activate=True)

    assert connection.is_active
    assert connection.base_url == URL
    assert connection.access_key == DEMO_ACCESS_KEY
    assert connection.get_secret() == DEMO_SECRET_KEY
    assert connection.start_date == dataset.start_date(TODAY)
    delay.assert_called_once_with(tenant.pk, SyncRun.Trigger.ACTIVATION)


def test_connect_can_leave_activation_open(tenant):
    connection = connect.connect(tenant, URL, TODAY, activate=False)

    assert not connection.is_active
    assert connection.has_credentials


def test_connect_keeps_existing_connection(tenant):
    existing = Connection.objects.create(tenant=tenant, base_url="https://api.hrworks.de")

    assert connect.connect(tenant, URL, TODAY, activate=True) is None

    existing.refresh_from_db()
    assert existing.base_url == "https://api.hrworks.de"
    assert not existing.is_active
