import pytest
from django.urls import reverse

ADMIN_PAGES = ["settings", "users:list", "users:create", "users:import"]


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_admin_pages_open_for_tenant_admin(client, admin, name):
    client.force_login(admin)
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_admin_pages_answer_403_to_staff(client, staff, name):
    client.force_login(staff)
    assert client.get(reverse(name)).status_code == 403


def test_staff_navigation_hides_settings(client, staff):
    client.force_login(staff)
    page = client.get(reverse("absences:list")).content.decode()
    assert "Abwesenheiten" in page
    assert "Einstellungen" not in page


def test_other_tenants_user_answers_404(client, staff, other_admin):
    client.force_login(other_admin)
    assert client.get(reverse("users:edit", args=[staff.pk])).status_code == 404


def test_other_tenants_user_cannot_be_deactivated(client, staff, other_admin):
    client.force_login(other_admin)
    response = client.post(reverse("users:set_active", args=[staff.pk]), {"active": "0"})
    assert response.status_code == 404
    staff.refresh_from_db()
    assert staff.is_active


def test_user_list_shows_only_own_tenant(client, admin, staff, other_admin):
    client.force_login(admin)
    page = client.get(reverse("users:list")).content.decode()
    assert staff.email in page
    assert other_admin.email not in page


def test_staff_get_german_403_page_in_layout(client, staff):
    client.force_login(staff)
    response = client.get(reverse("settings"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "Zugriff verweigert" in page
    assert 'id="error-page"' in page
    assert "Abwesenheiten" in page


def test_other_tenant_object_gets_german_404_page(client, staff, other_admin):
    client.force_login(other_admin)
    response = client.get(reverse("users:edit", args=[staff.pk]))
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_expired_csrf_token_gets_german_page(db, staff):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(reverse("login"), {"username": staff.email, "password": "x"})
    assert response.status_code == 403
    assert "Formular abgelaufen" in response.content.decode()


def test_server_error_page_is_german(client, db):
    from django.template.loader import render_to_string

    assert "Ein Fehler ist aufgetreten" in render_to_string("500.html")
