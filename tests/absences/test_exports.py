import csv
import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from absences.exporting import EXPORT_FIELDS
from absences.models import Absence, AbsenceType, Source

JSON_URL = "/abwesenheiten/export/json/"
CSV_URL = "/abwesenheiten/export/csv/"


@pytest.fixture
def absences(staff, admin, vacation, sick_leave, hrworks_type, make_absence):
    make_absence(
        staff, vacation, date(2026, 3, 2), date(2026, 3, 4), start_half_day=True, note="Ostsee"
    )
    make_absence(
        staff,
        hrworks_type,
        date(2026, 2, 10),
        source=Source.HRWORKS,
        external_number="55_12",
        working_days="1.00",
        status=Absence.Status.PENDING,
    )
    make_absence(admin, sick_leave, date(2026, 3, 5))
    make_absence(staff, vacation, date(2026, 5, 4), superseded_at=timezone.now())


def run_command(*args):
    out = io.StringIO()
    call_command("export_absences", *args, stdout=out)
    return out.getvalue()


def test_command_json_has_exactly_the_listed_fields_sorted(tenant, absences):
    rows = json.loads(run_command("--tenant", tenant.slug))
    assert [list(row) for row in rows] == [EXPORT_FIELDS] * 3
    assert EXPORT_FIELDS == [
        "user",
        "type",
        "type_key",
        "type_source",
        "start",
        "end",
        "start_half_day",
        "end_half_day",
        "status",
        "source",
        "external_number",
        "working_days",
    ]
    assert [(row["user"], row["start"]) for row in rows] == [
        ("anna.admin@pixelwerk.de", "2026-03-05"),
        ("bernd.boehm@pixelwerk.de", "2026-02-10"),
        ("bernd.boehm@pixelwerk.de", "2026-03-02"),
    ]


def test_command_json_values(tenant, absences):
    rows = json.loads(run_command("--tenant", tenant.slug, "--user", "Bernd.Boehm@pixelwerk.de"))
    assert rows == [
        {
            "user": "bernd.boehm@pixelwerk.de",
            "type": "Fortbildung",
            "type_key": "training",
            "type_source": "hrworks",
            "start": "2026-02-10",
            "end": "2026-02-10",
            "start_half_day": False,
            "end_half_day": False,
            "status": "pending",
            "source": "hrworks",
            "external_number": "55_12",
            "working_days": 1,
        },
        {
            "user": "bernd.boehm@pixelwerk.de",
            "type": "Urlaub",
            "type_key": "",
            "type_source": "local",
            "start": "2026-03-02",
            "end": "2026-03-04",
            "start_half_day": True,
            "end_half_day": False,
            "status": "approved",
            "source": "local",
            "external_number": "",
            "working_days": 2.5,
        },
    ]


def test_command_sorts_same_start_by_type(tenant, staff, vacation, hrworks_type, make_absence):
    make_absence(staff, vacation, date(2026, 3, 2))
    make_absence(staff, hrworks_type, date(2026, 3, 2), end_half_day=True)
    rows = json.loads(run_command("--tenant", tenant.slug))
    assert [row["type"] for row in rows] == ["Fortbildung", "Urlaub"]


def test_command_filters_by_dates(tenant, absences):
    rows = json.loads(
        run_command("--tenant", tenant.slug, "--from", "2026-03-03", "--to", "2026-03-04")
    )
    assert [row["start"] for row in rows] == ["2026-03-02"]


def test_command_csv(tenant, absences):
    output = run_command("--tenant", tenant.slug, "--format", "csv")
    assert output.startswith("\ufeffuser;type;type_key;")
    rows = list(csv.DictReader(io.StringIO(output.removeprefix("\ufeff")), delimiter=";"))
    assert list(rows[0]) == EXPORT_FIELDS
    assert rows[2]["type"] == "Urlaub"
    assert rows[2]["start_half_day"] == "true"
    assert rows[2]["working_days"] == "2,5"


def test_command_rejects_unknown_tenant_and_user(tenant):
    with pytest.raises(CommandError, match="Tenant 'gibtsnicht' not found"):
        run_command("--tenant", "gibtsnicht")
    with pytest.raises(CommandError, match="not found in tenant 'pixelwerk'"):
        run_command("--tenant", tenant.slug, "--user", "olga.ott@andere-agentur.de")
    with pytest.raises(CommandError, match="Invalid date"):
        run_command("--tenant", tenant.slug, "--from", "03.03.2026")


def test_command_prints_what_the_page_exports(as_user, admin, tenant, absences):
    page = as_user(admin).get(JSON_URL, {"scope": "team"})
    assert json.loads(page.content) == json.loads(run_command("--tenant", tenant.slug))


def test_admin_downloads_tenant_csv(as_user, admin, absences):
    response = as_user(admin).get(CSV_URL, {"scope": "team"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    # German Excel needs the byte order mark to read UTF-8 and splits columns at ";".
    assert response.content.startswith(b"\xef\xbb\xbfuser;type;")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [row["user"] for row in rows] == [
        "anna.admin@pixelwerk.de",
        "bernd.boehm@pixelwerk.de",
        "bernd.boehm@pixelwerk.de",
    ]
    assert rows[0]["type"] == "Krankheit"
    # German Excel reads "2,5" as a number and "2.5" as a date or text.
    assert [row["working_days"] for row in rows] == ["1", "1", "2,5"]


def test_staff_downloads_own_absences_only(as_user, staff, absences):
    rows = json.loads(as_user(staff).get(JSON_URL).content)
    assert {row["user"] for row in rows} == {"bernd.boehm@pixelwerk.de"}
    assert len(rows) == 2


def test_staff_cannot_export_the_tenant(as_user, staff, absences):
    response = as_user(staff).get(JSON_URL, {"scope": "team"})
    assert response.status_code == 400
    assert "Bitte wählen Sie eine gültige Option." in response.content.decode()


def test_export_rejects_end_before_start(as_user, admin):
    response = as_user(admin).get(JSON_URL, {"start": "2026-03-05", "end": "2026-03-01"})
    assert response.status_code == 400
    assert "Das Enddatum darf nicht vor dem Anfangsdatum liegen." in response.content.decode()


def test_other_tenant_admin_exports_nothing_of_the_tenant(as_user, other_admin, absences):
    rows = json.loads(as_user(other_admin).get(JSON_URL, {"scope": "team"}).content)
    assert rows == []


def test_export_page_for_each_persona(as_user, admin, staff, other_admin):
    html = as_user(admin).get(reverse("absences:export")).content.decode()
    assert "der ganzen Agentur" in html
    html = as_user(staff).get(reverse("absences:export")).content.decode()
    assert "Abwesenheiten herunterladen" in html
    assert "der ganzen Agentur" not in html
    assert as_user(other_admin).get(reverse("absences:export")).status_code == 200


# iCal feed


def test_staff_creates_feed_and_gets_approved_absences(as_user, staff, absences):
    client = as_user(staff)
    response = client.post(reverse("absences:calendar_token"), {"action": "renew"}, follow=True)
    assert "Ihre Abo-Adresse wurde erzeugt." in response.content.decode()
    assert "bisherige Adresse" not in response.content.decode()
    staff.refresh_from_db()
    assert len(staff.calendar_token) >= 32
    feed_url = reverse("absences:ical", args=[staff.calendar_token])
    assert feed_url in response.content.decode()

    client.logout()
    feed = client.get(feed_url)
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    body = feed.content.decode()
    assert body.count("BEGIN:VEVENT") == 1
    assert "DTSTART;VALUE=DATE:20260302\r\n" in body
    assert "DTEND;VALUE=DATE:20260305\r\n" in body
    assert "SUMMARY:Urlaub (erster Tag ab Mittag)\r\n" in body
    assert "Ostsee" not in body
    assert "Fortbildung" not in body


def test_feed_shows_sick_leave_without_type(client, admin, absences):
    admin.calendar_token = "token-der-admin-ist-lang-genug-123456"
    admin.save()
    body = client.get(reverse("absences:ical", args=[admin.calendar_token])).content.decode()
    assert "SUMMARY:Abwesend\r\n" in body
    assert "Krankheit" not in body


def test_revoked_and_renewed_tokens_stop_working(as_user, staff):
    client = as_user(staff)
    client.post(reverse("absences:calendar_token"), {"action": "renew"})
    staff.refresh_from_db()
    first = staff.calendar_token
    response = client.post(reverse("absences:calendar_token"), {"action": "renew"}, follow=True)
    assert (
        "Eine neue Abo-Adresse wurde erzeugt. Die bisherige Adresse funktioniert nicht mehr."
        in response.content.decode()
    )
    staff.refresh_from_db()
    assert staff.calendar_token != first
    assert client.get(reverse("absences:ical", args=[first])).status_code == 404
    second = staff.calendar_token
    response = client.post(reverse("absences:calendar_token"), {"action": "revoke"}, follow=True)
    assert "Das Kalender-Abo wurde widerrufen." in response.content.decode()
    staff.refresh_from_db()
    assert staff.calendar_token == ""
    assert client.get(reverse("absences:ical", args=[second])).status_code == 404


def test_feed_escapes_and_folds_long_summaries(client, staff, tenant, make_absence):
    long_type = AbsenceType.objects.create(
        tenant=tenant, name="Fortbildung; Berlin, Hamburg und München " * 3
    )
    make_absence(staff, long_type, date(2026, 3, 2))
    staff.calendar_token = "ein-langes-geheimes-token-fuer-den-test"
    staff.save()
    body = client.get(reverse("absences:ical", args=[staff.calendar_token])).content
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    assert b"Fortbildung\\; Berlin\\, Hamburg" in body


def test_feed_of_deactivated_user_is_gone(client, staff):
    staff.calendar_token = "ein-langes-geheimes-token-fuer-den-test"
    staff.is_active = False
    staff.save()
    assert client.get(reverse("absences:ical", args=[staff.calendar_token])).status_code == 404


def test_subscription_url_get_redirects_to_export(as_user, staff):
    response = as_user(staff).get(reverse("absences:calendar_token"))
    assert response.status_code == 302
    assert response["Location"] == reverse("absences:export")
    staff.refresh_from_db()
    assert staff.calendar_token == ""
