"""CSRF protection on every form, and the iCal feed's token and content."""

import pytest
from django.test import Client
from django.urls import reverse

from absences.models import Absence

from .conftest import MARKER
from .test_url_walk import ROUTES, _url

POST_PAGES = sorted(name for name, (access, _builder) in ROUTES.items() if access != "token")


@pytest.mark.parametrize("name", POST_PAGES)
def test_post_without_csrf_token_is_rejected(world, admin, name):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)

    response = client.post(_url(name, world), {"confirm": "on", "active": "0"})

    assert response.status_code in (403, 405)


def test_login_form_needs_csrf_token(admin):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), {"username": admin.email, "password": "geheim-123"})

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_calendar_token_is_long_random_and_revocable(client, staff):
    client.force_login(staff)
    url = reverse("absences:calendar_token")

    client.post(url)
    staff.refresh_from_db()
    first = staff.calendar_token
    client.post(url)
    staff.refresh_from_db()
    second = staff.calendar_token
    client.post(url, {"action": "revoke"})
    staff.refresh_from_db()

    assert len(first) >= 43
    assert second != first
    assert staff.calendar_token == ""
    assert client.get(reverse("absences:ical", args=[first])).status_code == 404
    assert client.get(reverse("absences:ical", args=[second])).status_code == 404


def test_ical_feed_has_approved_only_and_masks_sick_leave(client, world):
    user = world["user"]
    Absence.objects.create(
        tenant=user.tenant,
        user=user,
        type=world["local_type"],
        start_date=world["absence"].start_date,
        end_date=world["absence"].end_date,
        status=Absence.Status.PENDING,
        note="Antrag-offen",
    )
    Absence.objects.filter(pk=world["absence"].pk).update(status=Absence.Status.APPROVED)
    Absence.objects.filter(pk=world["sick"].pk).update(status=Absence.Status.APPROVED)

    body = client.get(reverse("absences:ical", args=[user.calendar_token])).content.decode()

    assert body.count("BEGIN:VEVENT") == 2
    assert f"{MARKER}-Urlaub" in body
    assert f"{MARKER}-Krankheit" not in body
    assert "SUMMARY:Abwesend" in body
    assert "Notiz" not in body
    assert "Antrag-offen" not in body


def test_ical_feed_of_deactivated_user_is_404(client, world):
    user = world["user"]
    user.is_active = False
    user.save()

    response = client.get(reverse("absences:ical", args=[user.calendar_token]))

    assert response.status_code == 404
