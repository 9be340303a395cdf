"""The hrworks_connect, hrworks_sync and hrworks_status management commands."""

import json
from datetime import date
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from integrations.hrworks import tasks
from integrations.hrworks.models import Connection, PersonLink, SyncRun


def _call(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_connect_stores_key_pair_without_printing_secret(tenant, hrworks_sandbox):
    output = _call(
        "hrworks_connect",
        "--tenant=pixelwerk",
        "--access-key=AK",
        "--secret-key=sehr-geheim",
        f"--base-url={hrworks_sandbox.base_url}/",
        "--start-date=2026-01-01",
    )
    connection = Connection.objects.get(tenant=tenant)
    assert "sehr-geheim" not in output
    assert connection.get_secret() == "sehr-geheim"
    assert connection.base_url == hrworks_sandbox.base_url
    assert connection.start_date == date(2026, 1, 1)
    assert not connection.is_active


def test_connect_activate_queues_first_sync(
    tenant, hrworks_sandbox, django_capture_on_commit_callbacks
):
    with mock.patch.object(tasks.sync_tenant_task, "delay") as delay:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            output = _call(
                "hrworks_connect",
                "--tenant=pixelwerk",
                "--access-key=AK",
                "--secret-key=sehr-geheim",
                f"--base-url={hrworks_sandbox.base_url}",
                "--activate",
            )
            delay.assert_not_called()
    connection = Connection.objects.get(tenant=tenant)
    assert len(callbacks) == 1
    delay.assert_called_once_with(tenant.pk, SyncRun.Trigger.ACTIVATION)
    assert "Activated; the first sync has been queued." in output
    assert "sehr-geheim" not in output
    assert connection.is_active
    assert connection.state == Connection.State.ACTIVE
    assert connection.activated_at is not None
    assert "sehr-geheim" not in connection.secret_encrypted
    assert connection.get_secret() == "sehr-geheim"


def test_connect_unknown_tenant_fails(db):
    with pytest.raises(CommandError, match="No tenant"):
        _call("hrworks_connect", "--tenant=gibtsnicht", "--access-key=a", "--secret-key=b")


def test_sync_prints_counts_as_json(hr, connection, make_user):
    make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    hr.add_absence(1, "2026-03-02", "2026-03-03")
    result = json.loads(_call("hrworks_sync", "--tenant=pixelwerk", "--json"))
    assert result["status"] == "succeeded"
    assert result["counts"]["created"] == 1
    assert result["counts"]["links_created"] == 1

    again = json.loads(_call("hrworks_sync", "--json"))
    assert sum(v for k, v in again["counts"].items() if k != "skipped") == 0


def test_sync_dry_run_changes_nothing(hr, connection, make_user):
    make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    output = _call("hrworks_sync", "--tenant=pixelwerk", "--dry-run")
    assert "dry run" in output
    assert "links_created 1" in output
    assert not PersonLink.objects.exists()


def test_sync_exits_non_zero_when_run_fails(hr, connection):
    connection.set_secret("falsch")
    connection.save()
    out = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("hrworks_sync", "--tenant=pixelwerk", stdout=out)
    assert exit_info.value.code == 1
    assert "failed" in out.getvalue()


def test_status_shows_state_runs_links_and_conflicts(hr, connection, make_user):
    make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    hr.add_person(2, None)
    _call("hrworks_sync", "--tenant=pixelwerk")
    status = json.loads(_call("hrworks_status", "--tenant=pixelwerk", "--json"))
    assert status["state"] == "active"
    assert status["links"] == {"total": 1, "email": 1, "manual": 0}
    assert status["conflicts"]["without_email"] == ["person.2"]
    assert [run["status"] for run in status["runs"]] == ["succeeded"]
    text = _call("hrworks_status", "--tenant=pixelwerk")
    assert "pixelwerk: active" in text
