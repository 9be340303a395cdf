"""The hr works settings page, connection test, preview, activation, sync and history."""

import re
from datetime import UTC, date, datetime
from unittest import mock

import pytest
from django.core.checks import run_checks
from django.urls import reverse

from absences.models import Absence, AbsenceType, Source
from integrations.hrworks import tasks
from integrations.hrworks.models import Connection, SyncRun
from integrations.hrworks.sandbox import NO_SICK_LEAVES_ACCESS_KEY, NO_SICK_LEAVES_SECRET_KEY
from users.models import User

SETTINGS_URL = reverse("hrworks:settings")
POST_ACTIONS = ["hrworks:test", "hrworks:activate", "hrworks:sync", "hrworks:deactivate"]


def test_staff_cannot_open_integration_pages(staff_client, connection):
    for name in ["hrworks:settings", "hrworks:preview", "hrworks:links"]:
        assert staff_client.get(reverse(name)).status_code == 403, name
    for name in [*POST_ACTIONS, "hrworks:restore", "hrworks:link"]:
        assert staff_client.post(reverse(name)).status_code == 403, name


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(SETTINGS_URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_other_tenant_sees_neither_connection_nor_runs(other_client, connection, tenant):
    run = SyncRun.objects.create(tenant=tenant, trigger="manual")
    page = other_client.get(SETTINGS_URL).content.decode()
    assert connection.access_key not in page
    assert connection.base_url not in page
    assert other_client.get(reverse("hrworks:run", args=[run.pk])).status_code == 404


def test_new_settings_default_start_date_and_base_url(admin_client):
    response = admin_client.get(SETTINGS_URL)
    form = response.context["form"]
    assert response.status_code == 200
    assert form["start_date"].value() == date(date.today().year - 2, 1, 1)
    assert form["base_url"].value() == "https://api.hrworks.de"


def test_secret_is_stored_encrypted_and_never_shown(admin_client, tenant):
    secret = "sehr-geheimer-schluessel-4711"
    response = admin_client.post(
        SETTINGS_URL,
        {
            "access_key": "AK-1",
            "secret_key": secret,
            "base_url": "http://127.0.0.1:9",
            "start_date": "2026-01-01",
        },
    )
    assert response.status_code == 302
    connection = Connection.objects.get(tenant=tenant)
    assert secret not in connection.secret_encrypted
    assert connection.get_secret() == secret

    page = admin_client.get(SETTINGS_URL).content.decode()
    assert secret not in page
    assert "••••••••" in page
    assert "Ein Secret Access Key ist gespeichert. Leer lassen, um ihn zu behalten." in page


def test_blank_secret_keeps_stored_value(admin_client, connection, hrworks_sandbox):
    response = admin_client.post(
        SETTINGS_URL,
        {
            "access_key": connection.access_key,
            "secret_key": "",
            "base_url": connection.base_url,
            "start_date": "2025-01-01",
        },
    )
    connection.refresh_from_db()
    assert response.status_code == 302
    assert connection.get_secret() == hrworks_sandbox.secret_key
    assert connection.start_date == date(2025, 1, 1)


def test_first_save_requires_secret(admin_client, tenant):
    response = admin_client.post(
        SETTINGS_URL,
        {"access_key": "AK", "secret_key": "", "base_url": "https://api.hrworks.de"},
    )
    assert response.status_code == 200
    assert "secret_key" in response.context["form"].errors
    assert not Connection.objects.filter(tenant=tenant).exists()


def test_connection_test_reports_each_area(admin_client, connection):
    connection.access_key = NO_SICK_LEAVES_ACCESS_KEY
    connection.set_secret(NO_SICK_LEAVES_SECRET_KEY)
    connection.save()
    response = admin_client.post(reverse("hrworks:test"))
    result = response.context["test_result"]
    page = response.content.decode()
    assert {area.area: area.ok for area in result.areas} == {
        "persons": True,
        "general": True,
        "absences": True,
        "sick_leaves": False,
    }
    assert result.ok
    assert "Krankmeldungen" in page
    assert NO_SICK_LEAVES_SECRET_KEY not in page


def test_connection_test_reads_one_persons_page(admin_client, connection, hrworks_sandbox):
    hrworks_sandbox.page_size = 2
    response = admin_client.post(reverse("hrworks:test"))
    result = response.context["test_result"]
    assert result.ok
    assert {area.area: area.ok for area in result.areas}["persons"] is True
    # The sandbox's 12 persons fill 6 pages of 2, but the probe needs only the first.
    assert len(hrworks_sandbox.requests_to("/v2/persons/master-data")) == 1


def test_connection_test_reports_missing_persons_permission(
    admin_client, connection, hrworks_sandbox
):
    hrworks_sandbox.store.set_permissions(
        connection.access_key, ["general", "absences", "sick_leaves"]
    )
    response = admin_client.post(reverse("hrworks:test"))
    result = response.context["test_result"]
    assert {area.area: area.ok for area in result.areas} == {
        "persons": False,
        "general": True,
        "absences": True,
        "sick_leaves": True,
    }
    assert not result.ok
    assert "„Personen“" in response.content.decode()


def test_connection_test_reports_wrong_key_in_plain_words(admin_client, connection):
    connection.set_secret("falsch")
    connection.save()
    response = admin_client.post(reverse("hrworks:test"))
    assert response.context["test_result"].error
    assert not response.context["test_result"].ok
    assert "falsch" not in response.content.decode()


@pytest.fixture
def matched_user(tenant, hrworks_sandbox):
    person = next(p for p in hrworks_sandbox.store.persons if p.get("email") and p["isActive"])
    return User.objects.create_user(person["email"], tenant=tenant, last_name="Zett")


def test_preview_shows_what_activation_changes(admin_client, connection, tenant, matched_user):
    local_type = AbsenceType.objects.create(tenant=tenant, name="Lokaler Urlaub")
    Absence.objects.create(
        tenant=tenant,
        user=matched_user,
        type=local_type,
        start_date=date(2026, 2, 2),
        end_date=date(2026, 2, 3),
    )
    response = admin_client.get(reverse("hrworks:preview"))
    preview = response.context["preview"]
    assert response.status_code == 200
    assert preview.error == ""
    assert [row.user for row in preview.users] == [matched_user]
    assert len(preview.users[0].replaced) == 1
    assert preview.users[0].arriving > 0
    assert local_type in preview.types_to_archive
    assert len(preview.types_to_import) > 0
    assert preview.persons_found == 12
    assert len(preview.unmatched_persons) > 0
    assert not Absence.objects.filter(source=Source.HRWORKS).exists()
    assert not connection.is_active


def test_activation_needs_confirmation(admin_client, connection):
    response = admin_client.post(reverse("hrworks:activate"))
    connection.refresh_from_db()
    assert response.status_code == 302
    assert not connection.is_active


def test_confirmed_activation_queues_first_run(
    admin_client, connection, tenant, django_capture_on_commit_callbacks
):
    with mock.patch.object(tasks.sync_tenant_task, "delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            admin_client.post(reverse("hrworks:activate"), {"confirm": "on"})
    connection.refresh_from_db()
    assert connection.is_active
    delay.assert_called_once_with(tenant.pk, SyncRun.Trigger.ACTIVATION)


def test_sync_now_queues_a_run(
    admin_client, connection, tenant, django_capture_on_commit_callbacks
):
    connection.is_active = True
    connection.save()
    with mock.patch.object(tasks.sync_tenant_task, "delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(reverse("hrworks:sync"))
    assert response.status_code == 302
    delay.assert_called_once_with(tenant.pk, SyncRun.Trigger.MANUAL)


def test_page_refreshes_until_queued_sync_starts(admin_client, connection, tenant):
    connection.is_active = True
    connection.save()
    with mock.patch.object(tasks.sync_tenant_task, "delay"):
        page = admin_client.post(reverse("hrworks:sync"), follow=True).content.decode()
    assert 'http-equiv="refresh"' in page
    assert "Die Synchronisierung beginnt gleich." in page

    SyncRun.objects.create(tenant=tenant, trigger="manual", status="succeeded", progress=100)
    page = admin_client.get(SETTINGS_URL).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "Die Synchronisierung beginnt gleich." not in page


def test_reactivation_says_again_not_first(admin_client, connection, tenant):
    SyncRun.objects.create(tenant=tenant, trigger="activation", status="succeeded")
    with mock.patch.object(tasks.sync_tenant_task, "delay"):
        page = admin_client.post(
            reverse("hrworks:activate"), {"confirm": "on"}, follow=True
        ).content.decode()
    assert "Die hr-works-Integration ist wieder aktiv." in page
    assert "erste Synchronisierung" not in page


def test_deactivation_needs_confirmation_and_clears_marker(
    admin_client, connection, tenant, matched_user
):
    connection.is_active = True
    connection.save()
    matched_user.absences_managed_since = date(2026, 1, 1)
    matched_user.save()
    admin_client.post(reverse("hrworks:deactivate"))
    connection.refresh_from_db()
    assert connection.is_active

    admin_client.post(reverse("hrworks:deactivate"), {"confirm": "on"})
    connection.refresh_from_db()
    matched_user.refresh_from_db()
    assert not connection.is_active
    assert matched_user.absences_managed_since is None


def _element(page: str, opening_tag: str, closing_tag: str) -> str:
    """Return the markup between ``opening_tag`` and the next ``closing_tag``."""
    start = page.index(opening_tag) + len(opening_tag)
    return page[start : page.index(closing_tag, start)]


def _text(markup: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split())


STATE_BADGES = [
    (Connection.State.ACTIVE, True, "aktiv"),
    (Connection.State.FAILING, True, "fehlerhaft"),
    (Connection.State.CREDENTIALS_INVALID, True, "Zugangsdaten ungültig"),
    (Connection.State.PERMISSION_MISSING, True, "Berechtigung fehlt"),
    (Connection.State.INACTIVE, False, "deaktiviert"),
]


@pytest.mark.parametrize(("state", "is_active", "badge"), STATE_BADGES)
def test_health_panel_shows_state_badge(admin_client, connection, state, is_active, badge):
    connection.is_active = is_active
    connection.state = state
    connection.save()
    page = admin_client.get(SETTINGS_URL).content.decode()
    assert _text(_element(page, '<p id="connection-state">', "</p>")) == badge


def test_health_panel_shows_last_success_and_error(admin_client, connection):
    connection.is_active = True
    connection.state = Connection.State.CREDENTIALS_INVALID
    connection.last_error_kind = "credentials"
    connection.last_success_at = datetime(2026, 3, 5, 8, 30, tzinfo=UTC)
    connection.save()
    page = admin_client.get(SETTINGS_URL).content.decode()
    # 08:30 UTC is 09:30 in Berlin, shown in the German short format.
    assert _text(_element(page, '<td id="last-success">', "</td>")) == "05.03.2026 09:30"
    last_error = _text(_element(page, '<td class="error" id="last-error">', "</td>"))
    assert last_error.startswith("hr works hat den API-Schlüssel abgelehnt.")


def test_history_shows_each_count_in_its_column(admin_client, connection, tenant):
    run = SyncRun.objects.create(
        tenant=tenant,
        trigger="schedule",
        status="succeeded",
        created=7,
        updated=3,
        deleted=1,
        replaced=2,
        skipped=5,
    )
    page = admin_client.get(SETTINGS_URL).content.decode()
    header = _element(page, '<table class="list" id="history">', "</thead>")
    row = _element(page, f'<tr data-run="{run.pk}">', "</tr>")
    count_header = re.findall(r'<th class="num" data-count="(\w+)">([^<]*)</th>', header)
    count_cells = re.findall(r'<td class="num" data-count="(\w+)">([^<]*)</td>', row)
    assert count_header == [
        ("created", "angelegt"),
        ("updated", "geändert"),
        ("deleted", "gelöscht"),
        ("replaced", "ersetzt"),
        ("skipped", "übersprungen"),
    ]
    assert count_cells == [
        ("created", "7"),
        ("updated", "3"),
        ("deleted", "1"),
        ("replaced", "2"),
        ("skipped", "5"),
    ]


def test_running_sync_shows_progress_and_refreshes(admin_client, connection, tenant):
    run = SyncRun.objects.create(tenant=tenant, trigger="manual", progress=42)
    for url in [SETTINGS_URL, reverse("hrworks:run", args=[run.pk])]:
        page = admin_client.get(url).content.decode()
        assert 'http-equiv="refresh"' in page, url
        assert 'value="42"' in page, url


def test_run_detail_lists_problems_per_person(admin_client, tenant):
    run = SyncRun.objects.create(
        tenant=tenant,
        trigger="manual",
        status="succeeded",
        problems=[{"person": "x", "code": "both_half_days", "params": {"number": "7_1"}}],
    )
    page = admin_client.get(reverse("hrworks:run", args=[run.pk])).content.decode()
    assert "7_1" in page


def test_system_check_reports_missing_and_invalid_key(settings):
    settings.FIELD_ENCRYPTION_KEY = ""
    assert "hrworks.E001" in [m.id for m in run_checks()]
    settings.FIELD_ENCRYPTION_KEY = "kein-gueltiger-schluessel"
    assert "hrworks.E002" in [m.id for m in run_checks()]


def test_saving_settings_keeps_lock_of_running_sync(connection):
    from django.utils import timezone

    from integrations.hrworks.forms import ConnectionForm

    loaded = Connection.objects.get(pk=connection.pk)
    locked_at = timezone.now()
    Connection.objects.filter(pk=connection.pk).update(lock_owner="worker-1", locked_at=locked_at)
    form = ConnectionForm(
        {
            "access_key": loaded.access_key,
            "secret_key": "",
            "base_url": loaded.base_url,
            "start_date": "2026-02-01",
        },
        instance=loaded,
    )
    assert form.is_valid(), form.errors
    form.save()
    connection.refresh_from_db()
    assert connection.start_date.isoformat() == "2026-02-01"
    assert connection.lock_owner == "worker-1"
    assert connection.locked_at == locked_at
