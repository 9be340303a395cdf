"""The hr works secret access key stays out of pages, logs, runs, commands, reprs and reports."""

import io
import json
import logging
import sys
from datetime import date
from unittest import mock

import pytest
from django.contrib.admin.sites import site as admin_site
from django.core.management import call_command
from django.core.signals import got_request_exception
from django.urls import reverse
from django.views.debug import ExceptionReporter

from integrations.hrworks import probe
from integrations.hrworks.client import HrWorksClient
from integrations.hrworks.forms import ConnectionForm
from integrations.hrworks.models import Connection, SyncRun
from integrations.hrworks.sync.fetch import make_client
from integrations.hrworks.sync.run import sync_tenant
from users.models import User

from .conftest import SECRET_KEY

SETTINGS_URL = reverse("hrworks:settings")


@pytest.fixture
def sandbox_connection(world, hrworks_sandbox):
    connection = world["connection"]
    connection.base_url = hrworks_sandbox.base_url
    connection.access_key = hrworks_sandbox.access_key
    connection.set_secret(hrworks_sandbox.secret_key)
    connection.start_date = date(2026, 1, 1)
    connection.save()
    return connection


def _assert_no_secret(text, *secrets):
    for secret in secrets or (SECRET_KEY,):
        assert secret not in text


def test_settings_form_with_errors_does_not_echo_secret(client, admin):
    client.force_login(admin)

    response = client.post(
        SETTINGS_URL,
        {"access_key": "AK", "secret_key": SECRET_KEY, "base_url": "ftp://x", "start_date": "x"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    _assert_no_secret(response.content.decode())


def test_settings_page_shows_neither_secret_nor_token(client, admin, world):
    client.force_login(admin)
    connection = world["connection"]

    page = client.get(SETTINGS_URL).content.decode()

    _assert_no_secret(page, SECRET_KEY, connection.secret_encrypted)


def test_wrong_key_pair_page_does_not_show_secret(client, admin, sandbox_connection):
    sandbox_connection.set_secret(SECRET_KEY)
    sandbox_connection.save()
    client.force_login(admin)

    test_page = client.post(reverse("hrworks:test")).content.decode()
    preview_page = client.get(reverse("hrworks:preview")).content.decode()

    assert "abgelehnt" in test_page
    assert "abgelehnt" in preview_page
    _assert_no_secret(test_page)
    _assert_no_secret(preview_page)


def test_sync_logs_and_runs_never_contain_secret(caplog, sandbox_connection, hrworks_sandbox):
    sandbox_connection.is_active = True
    sandbox_connection.save()
    secret = hrworks_sandbox.secret_key
    faults = [None, "malformed:path=/v2/persons/master-data", "500:times=1", "drop:times=1"]

    with caplog.at_level(logging.DEBUG):
        for fault in faults:
            hrworks_sandbox.clear_faults()
            if fault:
                hrworks_sandbox.add_fault(fault)
            sync_tenant(sandbox_connection.tenant, trigger=SyncRun.Trigger.MANUAL)
        sandbox_connection.set_secret("falsch-" + secret)
        sandbox_connection.save()
        sync_tenant(sandbox_connection.tenant, trigger=SyncRun.Trigger.MANUAL)

    _assert_no_secret(caplog.text, secret, "falsch-" + secret)
    for run in SyncRun.objects.filter(tenant=sandbox_connection.tenant).values():
        _assert_no_secret(json.dumps(run, default=str), secret)
    connection_row = Connection.objects.filter(pk=sandbox_connection.pk).values().get()
    connection_row.pop("secret_encrypted")
    _assert_no_secret(json.dumps(connection_row, default=str), secret)


def test_status_command_json_has_no_secret(world):
    out = io.StringIO()

    call_command("hrworks_status", "--tenant", "pixelwerk", "--json", stdout=out)

    _assert_no_secret(out.getvalue(), SECRET_KEY, world["connection"].secret_encrypted)


def test_connect_command_does_not_print_secret(world):
    out = io.StringIO()

    call_command(
        "hrworks_connect",
        "--tenant",
        "pixelwerk",
        "--access-key",
        "AK",
        "--secret-key",
        SECRET_KEY,
        stdout=out,
    )

    _assert_no_secret(out.getvalue())


def test_reprs_have_no_secret(world):
    connection = world["connection"]
    client = make_client(connection)

    texts = [repr(connection), str(connection), repr(client), str(client)]

    for text in texts:
        _assert_no_secret(text, SECRET_KEY, connection.secret_encrypted)


def test_django_admin_pages_show_no_secret(client, world):
    superuser = User.objects.create_superuser("root@example.com", "geheim-123")
    client.force_login(superuser)
    connection = world["connection"]
    pages = [reverse("admin:index")]
    for model in admin_site._registry:
        meta = model._meta
        pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        first = model._default_manager.first()
        if first is not None:
            pages.append(
                reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])
            )
    pages.append(reverse("admin:users_tenant_change", args=[connection.tenant_id]))

    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_no_secret(response.content.decode(), SECRET_KEY, connection.secret_encrypted)


def _error_report(client, url, data):
    """POST `data` to `url`, let the view fail, and return Django's error report as text."""
    caught = {}

    def remember(sender, request, **kwargs):
        caught["request"] = request
        caught["exc_info"] = sys.exc_info()

    got_request_exception.connect(remember)
    client.raise_request_exception = False
    try:
        response = client.post(url, data)
    finally:
        got_request_exception.disconnect(remember)
    assert response.status_code == 500
    reporter = ExceptionReporter(caught["request"], *caught["exc_info"])
    return reporter.get_traceback_text() + reporter.get_traceback_html()


def test_error_report_of_settings_form_hides_secret(client, admin):
    client.force_login(admin)
    data = {
        "access_key": "AK",
        "secret_key": SECRET_KEY,
        "base_url": "https://api.hrworks.de",
        "start_date": "2026-01-01",
    }

    with mock.patch.object(Connection, "save", side_effect=RuntimeError("database is gone")):
        report = _error_report(client, SETTINGS_URL, data)

    assert "database is gone" in report
    _assert_no_secret(report)


def test_error_report_of_connection_test_hides_secret(client, admin, world):
    client.force_login(admin)

    with mock.patch("requests.Session.request", side_effect=RuntimeError("socket broke")):
        report = _error_report(client, reverse("hrworks:test"), {})

    assert "socket broke" in report
    _assert_no_secret(report)


def test_probe_result_has_no_secret(sandbox_connection, hrworks_sandbox):
    sandbox_connection.set_secret(SECRET_KEY)
    result = probe.test_connection(sandbox_connection)

    assert result.error
    _assert_no_secret(repr(result))


def test_connection_form_repr_has_no_secret(world):
    form = ConnectionForm(
        {"access_key": "AK", "secret_key": SECRET_KEY, "base_url": "https://x.de"},
        instance=world["connection"],
    )
    form.is_valid()

    _assert_no_secret(repr(form))


def test_client_repr_has_no_secret():
    client = HrWorksClient("https://api.hrworks.de", "AK", SECRET_KEY)

    _assert_no_secret(repr(client))


def test_new_base_url_needs_secret_again(client, admin, world, settings):
    """Another admin must not redirect the stored secret to a host of their choice."""
    settings.HRWORKS_ALLOWED_BASE_HOSTS = [
        *settings.HRWORKS_ALLOWED_BASE_HOSTS,
        "hrworks.example.net",
    ]
    client.force_login(admin)
    connection = world["connection"]
    data = {
        "access_key": connection.access_key,
        "secret_key": "",
        "base_url": "https://hrworks.example.net",
        "start_date": "2026-01-01",
    }

    rejected = client.post(SETTINGS_URL, data)
    stored = Connection.objects.get(pk=connection.pk)

    assert rejected.status_code == 200
    assert "erneut ein, wenn Sie die Basis-URL ändern" in rejected.content.decode()
    assert stored.base_url == connection.base_url

    accepted = client.post(SETTINGS_URL, {**data, "secret_key": "neues-geheimnis"})
    stored.refresh_from_db()

    assert accepted.status_code == 302
    assert stored.base_url == "https://hrworks.example.net"
    assert stored.get_secret() == "neues-geheimnis"


def test_same_base_url_keeps_stored_secret(client, admin, world):
    client.force_login(admin)
    connection = world["connection"]

    response = client.post(
        SETTINGS_URL,
        {
            "access_key": "AK-neu",
            "secret_key": "",
            "base_url": connection.base_url + "/",
            "start_date": "2026-01-01",
        },
    )

    stored = Connection.objects.get(pk=connection.pk)
    assert response.status_code == 302
    assert stored.access_key == "AK-neu"
    assert stored.get_secret() == SECRET_KEY
