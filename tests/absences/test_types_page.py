import pytest
from django.urls import reverse

from absences.models import AbsenceType, Source
from absences.policy import local_types_editable
from integrations.hrworks.models import Connection

TYPES_URL = "/einstellungen/zeiterfassung/abwesenheitstypen/"


@pytest.fixture
def active_integration(tenant):
    return Connection.objects.create(tenant=tenant, is_active=True)


def test_types_url_is_the_german_slug():
    assert reverse("absences:types") == TYPES_URL


def test_admin_sees_types_with_source_badges(as_user, admin, vacation, hrworks_type):
    vacation_archived = AbsenceType.objects.create(
        tenant=admin.tenant, name="Sonderurlaub alt", archived_at="2026-01-01T00:00Z"
    )
    response = as_user(admin).get(TYPES_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Abwesenheitstypen" in html
    assert "Urlaub" in html
    assert "lokal" in html
    assert "hr works" in html
    assert "archiviert" in html
    assert vacation_archived.name in html
    assert "Wirkt sich auf das Stundenkonto aus" in html


def test_staff_cannot_open_types_page(as_user, staff):
    assert as_user(staff).get(TYPES_URL).status_code == 403


def test_other_tenant_admin_sees_none_of_the_types(as_user, other_admin, vacation):
    response = as_user(other_admin).get(TYPES_URL)
    assert response.status_code == 200
    assert "Urlaub" not in response.content.decode()


def test_other_tenant_admin_cannot_edit_type(as_user, other_admin, vacation):
    url = reverse("absences:type_edit", args=[vacation.pk])
    assert as_user(other_admin).get(url).status_code == 404
    response = as_user(other_admin).post(url, {"name": "Gekapert", "color": "#000000"})
    assert response.status_code == 404
    vacation.refresh_from_db()
    assert vacation.name == "Urlaub"


def test_settings_page_links_to_types(as_user, admin):
    response = as_user(admin).get("/einstellungen/")
    assert TYPES_URL in response.content.decode()


def test_admin_creates_local_type(as_user, admin):
    response = as_user(admin).post(
        reverse("absences:type_create"),
        {
            "name": "Bildungsurlaub",
            "color": "#33aa55",
            "category": "absence",
            "counts_for_hour_balance": "on",
        },
        follow=True,
    )
    assert "Der Abwesenheitstyp Bildungsurlaub wurde angelegt." in response.content.decode()
    created = AbsenceType.objects.get(tenant=admin.tenant, name="Bildungsurlaub")
    assert created.source == Source.LOCAL
    assert created.color == "#33AA55"
    assert created.counts_for_hour_balance is True
    assert created.counts_for_capacity is False


def test_invalid_colour_is_rejected_in_german(as_user, admin):
    response = as_user(admin).post(
        reverse("absences:type_create"), {"name": "X", "color": "rot", "category": "absence"}
    )
    assert "Geben Sie eine Farbe als #RRGGBB ein" in response.content.decode()
    assert not AbsenceType.objects.filter(name="X").exists()


def test_admin_edits_local_type_fully(as_user, admin, vacation):
    as_user(admin).post(
        reverse("absences:type_edit", args=[vacation.pk]),
        {"name": "Erholungsurlaub", "color": "#112233", "category": "sick_leave"},
    )
    vacation.refresh_from_db()
    assert vacation.name == "Erholungsurlaub"
    assert vacation.category == AbsenceType.Category.SICK_LEAVE
    assert vacation.counts_for_capacity is False


def test_hrworks_type_changes_only_switches_and_becomes_reviewed(
    as_user, admin, hrworks_type, active_integration
):
    as_user(admin).post(
        reverse("absences:type_edit", args=[hrworks_type.pk]),
        {
            "name": "Umbenannt",
            "color": "#000000",
            "category": "sick_leave",
            "counts_for_capacity": "on",
        },
    )
    hrworks_type.refresh_from_db()
    assert hrworks_type.name == "Fortbildung"
    assert hrworks_type.category == AbsenceType.Category.ABSENCE
    assert hrworks_type.counts_for_hour_balance is False
    assert hrworks_type.counts_for_capacity is True
    assert hrworks_type.reviewed is True


def test_hrworks_type_form_offers_only_two_switches(
    as_user, admin, hrworks_type, active_integration
):
    html = as_user(admin).get(reverse("absences:type_edit", args=[hrworks_type.pk])).content
    html = html.decode()
    assert 'name="counts_for_hour_balance"' in html
    assert 'name="counts_for_capacity"' in html
    assert 'name="name"' not in html
    assert "nicht geprüft" in html


def test_notice_lists_unreviewed_hrworks_types(as_user, admin, hrworks_type):
    html = as_user(admin).get(TYPES_URL).content.decode()
    assert 'id="unreviewed-notice"' in html
    assert "Dieser Typ aus hr works ist noch nicht geprüft." in html
    hrworks_type.reviewed = True
    hrworks_type.save()
    html = as_user(admin).get(TYPES_URL).content.decode()
    assert 'id="unreviewed-notice"' not in html


def test_notice_skips_archived_hrworks_types(as_user, admin, hrworks_type):
    AbsenceType.objects.create(
        tenant=admin.tenant,
        name="Elternzeit alt",
        source=Source.HRWORKS,
        external_key="parental-old",
        reviewed=False,
        archived_at="2026-01-01T00:00Z",
    )
    html = as_user(admin).get(TYPES_URL).content.decode()
    notice = html.split('id="unreviewed-notice"')[1].split("</div>")[0]
    assert "Fortbildung" in notice
    assert "Elternzeit alt" not in notice
    assert "Dieser Typ aus hr works ist noch nicht geprüft." in notice


def test_admin_archives_and_restores_local_type(as_user, admin, vacation):
    url = reverse("absences:type_archive", args=[vacation.pk])
    response = as_user(admin).post(url, {"action": "archive"}, follow=True)
    assert "wurde archiviert" in response.content.decode()
    vacation.refresh_from_db()
    assert vacation.is_archived
    as_user(admin).post(url, {"action": "restore"})
    vacation.refresh_from_db()
    assert not vacation.is_archived


def test_hrworks_type_cannot_be_archived_here(as_user, admin, hrworks_type, active_integration):
    url = reverse("absences:type_archive", args=[hrworks_type.pk])
    assert as_user(admin).post(url, {"action": "archive"}).status_code == 403
    hrworks_type.refresh_from_db()
    assert not hrworks_type.is_archived


def test_staff_cannot_archive_types(as_user, staff, vacation):
    url = reverse("absences:type_archive", args=[vacation.pk])
    assert as_user(staff).post(url, {"action": "archive"}).status_code == 403


def test_local_types_locked_while_policy_forbids(monkeypatch, as_user, admin, vacation):
    monkeypatch.setattr("absences.views.local_types_editable", lambda tenant: False)
    client = as_user(admin)
    html = client.get(TYPES_URL).content.decode()
    assert "Lokale Typen können nicht geändert werden." in html
    denied = client.get(reverse("absences:type_create"))
    assert denied.status_code == 403
    assert "kommen die Abwesenheitstypen aus hr works" in denied.content.decode()
    assert client.get(reverse("absences:type_edit", args=[vacation.pk])).status_code == 403
    url = reverse("absences:type_archive", args=[vacation.pk])
    assert client.post(url, {"action": "archive"}).status_code == 403


def test_local_types_editable_follows_integration_state(tenant):
    assert local_types_editable(tenant) is True
    connection = Connection.objects.create(tenant=tenant, is_active=True)
    assert local_types_editable(tenant) is False
    connection.is_active = False
    connection.save()
    assert local_types_editable(tenant) is True


def test_active_integration_locks_local_type_page(as_user, admin, vacation):
    Connection.objects.create(tenant=admin.tenant, is_active=True)
    client = as_user(admin)
    html = client.get(TYPES_URL).content.decode()
    assert "Lokale Typen können nicht geändert werden." in html
    assert 'id="new-type"' not in html
    assert client.get(reverse("absences:type_edit", args=[vacation.pk])).status_code == 403


def test_hrworks_type_fully_editable_after_deactivation(as_user, admin, hrworks_type):
    Connection.objects.create(tenant=admin.tenant, is_active=False)
    client = as_user(admin)
    client.post(
        reverse("absences:type_edit", args=[hrworks_type.pk]),
        {"name": "Weiterbildung", "color": "#123456", "category": "absence"},
    )
    hrworks_type.refresh_from_db()
    assert hrworks_type.name == "Weiterbildung"
    assert hrworks_type.color == "#123456"
    assert hrworks_type.source == Source.HRWORKS
    url = reverse("absences:type_archive", args=[hrworks_type.pk])
    client.post(url, {"action": "archive"})
    hrworks_type.refresh_from_db()
    assert hrworks_type.is_archived
