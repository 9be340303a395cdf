"""Bad input gets a German message and changes nothing, and odd query strings never crash a page."""

from datetime import date

import pytest
from django.urls import reverse

from absences.models import Absence
from integrations.hrworks.models import Connection, PersonLink

BAD_DATES = [
    ("31.02.2026", "31.02.2026", "Bitte geben Sie ein gültiges Datum ein."),
    ("morgen", "2026-03-02", "Bitte geben Sie ein gültiges Datum ein."),
    ("2026-03-05", "2026-03-02", "Der letzte Tag darf nicht vor dem ersten Tag liegen."),
]


@pytest.mark.parametrize("start,end,german", BAD_DATES)
def test_absence_form_rejects_bad_dates(client, admin, world, start, end, german):
    client.force_login(admin)
    count = Absence.objects.count()

    response = client.post(
        reverse("absences:create"),
        {
            "user": admin.pk,
            "type": world["local_type"].pk,
            "start_date": start,
            "end_date": end,
            "status": "approved",
        },
    )

    assert response.status_code == 200
    assert german in response.content.decode()
    assert Absence.objects.count() == count


@pytest.mark.parametrize("start,end,german", BAD_DATES)
def test_absence_edit_rejects_bad_dates_and_keeps_row(client, admin, world, start, end, german):
    client.force_login(admin)
    absence = world["absence"]

    response = client.post(
        reverse("absences:edit", args=[absence.pk]),
        {
            "user": absence.user_id,
            "type": absence.type_id,
            "start_date": start,
            "end_date": end,
            "status": "approved",
        },
    )

    stored = Absence.objects.get(pk=absence.pk)
    assert response.status_code == 200
    assert german in response.content.decode()
    assert (stored.start_date, stored.end_date) == (absence.start_date, absence.end_date)


@pytest.mark.parametrize(
    "start,end,german",
    [
        ("31.02.2026", "", "Bitte geben Sie ein gültiges Datum ein."),
        ("2026-03-05", "2026-03-02", "Das Enddatum darf nicht vor dem Anfangsdatum liegen."),
    ],
)
@pytest.mark.parametrize("name", ["absences:export_csv", "absences:export_json"])
def test_export_rejects_bad_dates(client, staff, name, start, end, german):
    client.force_login(staff)

    response = client.get(reverse(name), {"start": start, "end": end})

    assert response.status_code == 400
    assert german in response.content.decode()


def test_settings_form_rejects_bad_start_date(client, admin, world):
    client.force_login(admin)
    connection = world["connection"]

    response = client.post(
        reverse("hrworks:settings"),
        {
            "access_key": "AK-neu",
            "secret_key": "",
            "base_url": connection.base_url,
            "start_date": "31.02.2026",
        },
    )

    stored = Connection.objects.get(pk=connection.pk)
    assert response.status_code == 200
    assert "Bitte geben Sie ein gültiges Datum ein." in response.content.decode()
    assert stored.access_key == connection.access_key
    assert stored.start_date == connection.start_date


def test_link_form_rejects_text_ids(client, admin, world):
    client.force_login(admin)

    response = client.post(reverse("hrworks:link"), {"user": "abc", "person": "1 OR 1=1"})

    assert response.status_code == 400
    assert "gültige Auswahl" in response.content.decode()
    assert PersonLink.objects.count() == 1


def test_user_form_rejects_text_hours(client, admin, world):
    client.force_login(admin)
    user = world["user"]

    response = client.post(
        reverse("users:edit", args=[user.pk]),
        {"email": user.email, "role": "staff", "weekly_hours": "viele", "working_days": [0]},
    )

    assert response.status_code == 200
    assert "Zahl" in response.content.decode()


ODD_QUERIES = [
    {"month": "9999-12"},
    {"month": "1-1"},
    {"month": "0-1"},
    {"month": "2026-13"},
    {"month": "²-1"},
    {"user": "²"},
    {"type": "²"},
    {"user": "99999999999999999999999"},
    {"type": "-1"},
]


@pytest.mark.parametrize("query", ODD_QUERIES, ids=[str(q) for q in ODD_QUERIES])
@pytest.mark.parametrize("name", ["absences:list", "absences:calendar", "absences:capacity"])
def test_odd_query_strings_do_not_crash(client, admin, world, name, query):
    client.force_login(admin)
    client.raise_request_exception = False

    response = client.get(reverse(name), query)

    assert response.status_code == 200


def test_out_of_range_month_falls_back_to_today(client, admin):
    client.force_login(admin)

    response = client.get(reverse("absences:capacity"), {"month": "9999-12"})

    assert response.context["first"] == date.today().replace(day=1)
