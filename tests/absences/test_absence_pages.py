import re
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from absences.models import Absence, AbsenceType, Source

LIST_URL = "/abwesenheiten/"


def form_data(absence_type, start="2026-03-02", end="2026-03-04", **extra):
    return {"type": absence_type.pk, "start_date": start, "end_date": end, "note": "", **extra}


def test_list_url_is_the_german_slug():
    assert reverse("absences:list") == LIST_URL


def test_staff_sees_own_absences_only(as_user, staff, colleague, vacation, make_absence):
    make_absence(staff, vacation, date(2026, 3, 2), note="Ostsee")
    make_absence(colleague, vacation, date(2026, 3, 9), note="Alpen")
    html = as_user(staff).get(LIST_URL).content.decode()
    assert "Ostsee" in html
    assert "Alpen" not in html


def test_staff_cannot_list_a_colleague(as_user, staff, colleague, vacation, make_absence):
    make_absence(colleague, vacation, date(2026, 3, 9), note="Alpen")
    html = as_user(staff).get(LIST_URL, {"user": colleague.pk}).content.decode()
    assert "Alpen" not in html


def test_admin_lists_any_user_of_the_tenant(as_user, admin, staff, vacation, make_absence):
    make_absence(staff, vacation, date(2026, 3, 2), note="Ostsee")
    html = as_user(admin).get(LIST_URL, {"user": staff.pk}).content.decode()
    assert "Ostsee" in html
    assert "Abwesenheiten von Bernd Böhm" in html


def test_other_tenant_admin_sees_none_of_the_absences(
    as_user, other_admin, staff, vacation, make_absence
):
    make_absence(staff, vacation, date(2026, 3, 2), note="Ostsee")
    response = as_user(other_admin).get(LIST_URL, {"user": staff.pk})
    assert response.status_code == 200
    assert "Ostsee" not in response.content.decode()


def test_anonymous_is_sent_to_login(client):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert "/anmelden/" in response["Location"]


def test_list_shows_half_days_status_and_hrworks_badge(as_user, staff, vacation, make_absence):
    make_absence(staff, vacation, date(2026, 3, 2), date(2026, 3, 4), start_half_day=True)
    make_absence(
        staff,
        vacation,
        date(2026, 4, 1),
        status=Absence.Status.PENDING,
        source=Source.HRWORKS,
        external_number="7_1",
        end_half_day=True,
    )
    html = as_user(staff).get(LIST_URL).content.decode()
    assert "erster Tag: Nachmittag" in html
    assert "halber Tag, Vormittag" in html
    assert "genehmigt" in html
    assert "beantragt" in html
    assert 'class="badge badge-hrworks">hr works' in html
    assert "Wird in hr works gepflegt" in html


def test_list_hides_superseded_absences(as_user, staff, vacation, make_absence):
    make_absence(staff, vacation, date(2026, 3, 2), note="ersetzt", superseded_at=timezone.now())
    assert "ersetzt" not in as_user(staff).get(LIST_URL).content.decode()


def test_list_filters_by_type(as_user, staff, vacation, sick_leave, make_absence):
    make_absence(staff, vacation, date(2026, 3, 2), note="Ostsee")
    make_absence(staff, sick_leave, date(2026, 3, 9), note="Grippe")
    html = as_user(staff).get(LIST_URL, {"type": sick_leave.pk}).content.decode()
    assert "Grippe" in html
    assert "Ostsee" not in html


def type_options(html):
    """Return the option labels of the absence type filter."""
    start = html.index('id="filter-type"')
    select = html[start : html.index("</select>", start)]
    return re.findall(r"<option [^>]*>([^<]*)</option>", select)


def test_type_filter_lists_archived_types_in_use_last(
    as_user, staff, vacation, hrworks_type, tenant, make_absence
):
    old_vacation = AbsenceType.objects.create(
        tenant=tenant, name="Urlaub", archived_at=timezone.now()
    )
    AbsenceType.objects.create(tenant=tenant, name="Fortbildung", archived_at=timezone.now())
    make_absence(staff, old_vacation, date(2025, 8, 4))
    html = as_user(staff).get(LIST_URL).content.decode()
    assert type_options(html) == [
        "Alle Typen",
        "Fortbildung",
        "Urlaub",
        "Urlaub (archiviert)",
    ]


def test_type_filter_skips_archived_type_of_other_user(
    as_user, staff, colleague, tenant, make_absence
):
    archived = AbsenceType.objects.create(tenant=tenant, name="Urlaub", archived_at=timezone.now())
    make_absence(colleague, archived, date(2025, 8, 4))
    make_absence(staff, archived, date(2025, 8, 4), superseded_at=timezone.now())
    html = as_user(staff).get(LIST_URL).content.decode()
    assert "Urlaub (archiviert)" not in type_options(html)


def test_list_query_count_does_not_grow_with_rows(as_user, staff, vacation, make_absence):
    client = as_user(staff)
    make_absence(staff, vacation, date(2026, 1, 5))
    with CaptureQueriesContext(connection) as few:
        client.get(LIST_URL)
    for day in range(6, 26):
        make_absence(staff, vacation, date(2026, 1, day))
    with CaptureQueriesContext(connection) as many:
        client.get(LIST_URL)
    assert len(many) == len(few)


def test_staff_creates_own_absence_as_request(as_user, staff, admin, vacation):
    response = as_user(staff).post(
        reverse("absences:create"),
        form_data(vacation, start_half_day="on", user=admin.pk, status="approved"),
        follow=True,
    )
    assert "Die Abwesenheit wurde gespeichert." in response.content.decode()
    absence = Absence.objects.get()
    assert absence.user == staff
    assert absence.tenant == staff.tenant
    assert absence.status == Absence.Status.PENDING
    assert absence.source == Source.LOCAL
    assert absence.start_half_day is True
    assert absence.start_date == date(2026, 3, 2)


def test_admin_creates_approved_absence_for_staff(as_user, admin, staff, vacation):
    as_user(admin).post(
        reverse("absences:create"),
        form_data(vacation, user=staff.pk, status="approved", end_half_day="on"),
    )
    absence = Absence.objects.get()
    assert absence.user == staff
    assert absence.status == Absence.Status.APPROVED
    assert absence.end_half_day is True


def test_admin_cannot_create_for_other_tenant_user(as_user, admin, other_admin, vacation):
    response = as_user(admin).post(
        reverse("absences:create"), form_data(vacation, user=other_admin.pk, status="approved")
    )
    assert "Dies ist keine gültige Auswahl." in response.content.decode()
    assert not Absence.objects.exists()


def test_other_tenant_type_is_not_accepted(as_user, other_admin, vacation):
    response = as_user(other_admin).post(
        reverse("absences:create"),
        form_data(vacation, user=other_admin.pk, status="approved"),
    )
    assert "Dies ist keine gültige Auswahl." in response.content.decode()
    assert not Absence.objects.exists()


def test_end_before_start_is_rejected_in_german(as_user, staff, vacation):
    response = as_user(staff).post(
        reverse("absences:create"), form_data(vacation, start="2026-03-05", end="2026-03-04")
    )
    assert "Der letzte Tag darf nicht vor dem ersten Tag liegen." in response.content.decode()
    assert not Absence.objects.exists()


def test_one_day_with_both_halves_is_rejected(as_user, staff, vacation):
    response = as_user(staff).post(
        reverse("absences:create"),
        form_data(
            vacation, start="2026-03-05", end="2026-03-05", start_half_day="on", end_half_day="on"
        ),
    )
    html = response.content.decode()
    assert "Wählen Sie nur einen der beiden halben Tage." in html
    assert html.count("Wählen Sie nur einen der beiden halben Tage.") == 1
    assert not Absence.objects.exists()


def test_absence_for_managed_user_is_rejected(as_user, admin, staff, vacation):
    staff.absences_managed_since = date(2026, 1, 1)
    staff.save()
    response = as_user(admin).post(
        reverse("absences:create"),
        form_data(vacation, start="2025-12-29", end="2026-01-02", user=staff.pk, status="approved"),
    )
    html = response.content.decode()
    assert "Die Abwesenheiten von Bernd Böhm werden seit dem 01.01.2026 in hr works verwaltet." in (
        html
    )
    assert not Absence.objects.exists()


def test_own_managed_absence_is_rejected_in_second_person(as_user, staff, vacation):
    staff.absences_managed_since = date(2026, 1, 1)
    staff.save()
    response = as_user(staff).post(
        reverse("absences:create"), form_data(vacation, start="2026-01-05", end="2026-01-06")
    )
    html = response.content.decode()
    assert "Ihre Abwesenheiten werden seit dem 01.01.2026 in hr works verwaltet." in html
    assert "Bernd Böhm" not in html.split('id="absence-form"')[1]
    assert not Absence.objects.exists()


def test_managed_staff_sees_notice_before_submitting(as_user, staff, vacation):
    staff.absences_managed_since = date(2026, 1, 1)
    staff.save()
    client = as_user(staff)
    notice = (
        "Ihre Abwesenheiten werden seit dem 01.01.2026 in hr works verwaltet. "
        "Neue Abwesenheiten beantragen Sie bitte in hr works."
    )
    assert notice in client.get(LIST_URL).content.decode()
    form_html = client.get(reverse("absences:create")).content.decode()
    assert notice in form_html
    assert "Hier erfassen Sie nur Abwesenheiten, die vor diesem Tag enden." in form_html


def test_admin_sees_notice_for_managed_colleague(as_user, admin, staff):
    staff.absences_managed_since = date(2026, 1, 1)
    staff.save()
    html = as_user(admin).get(LIST_URL, {"user": staff.pk}).content.decode()
    assert "Die Abwesenheiten von Bernd Böhm werden seit dem 01.01.2026 in hr works" in html
    own_html = as_user(admin).get(LIST_URL).content.decode()
    assert 'id="managed-notice"' not in own_html


def test_unmanaged_staff_sees_no_notice(as_user, staff):
    client = as_user(staff)
    assert 'id="managed-notice"' not in client.get(LIST_URL).content.decode()
    assert 'id="managed-notice"' not in client.get(reverse("absences:create")).content.decode()


def test_absence_before_managed_date_is_accepted(as_user, staff, vacation):
    staff.absences_managed_since = date(2026, 1, 1)
    staff.save()
    as_user(staff).post(
        reverse("absences:create"), form_data(vacation, start="2025-12-22", end="2025-12-31")
    )
    assert Absence.objects.get().end_date == date(2025, 12, 31)


def test_editing_into_managed_period_is_rejected(as_user, staff, vacation, make_absence):
    absence = make_absence(staff, vacation, date(2025, 12, 22))
    staff.absences_managed_since = date(2026, 1, 1)
    staff.save()
    response = as_user(staff).post(
        reverse("absences:edit", args=[absence.pk]),
        form_data(vacation, start="2025-12-22", end="2026-01-05"),
    )
    assert "in hr works verwaltet" in response.content.decode()
    absence.refresh_from_db()
    assert absence.end_date == date(2025, 12, 22)


def test_archived_type_is_not_offered_for_new_absences(as_user, staff, vacation, tenant):
    archived = AbsenceType.objects.create(
        tenant=tenant, name="Zeitausgleich alt", archived_at=timezone.now()
    )
    client = as_user(staff)
    html = client.get(reverse("absences:create")).content.decode()
    assert "Zeitausgleich alt" not in html
    assert "Urlaub" in html
    response = client.post(reverse("absences:create"), form_data(archived))
    assert "Dies ist keine gültige Auswahl." in response.content.decode()


def test_staff_form_has_no_user_or_status_field(as_user, staff, vacation):
    html = as_user(staff).get(reverse("absences:create")).content.decode()
    assert 'name="user"' not in html
    assert 'name="status"' not in html
    assert "Erster Tag nur nachmittags:" in html
    assert "Letzter Tag nur vormittags:" in html
    assert "::" not in html
    assert "Die Notiz sehen nur Sie und die Administratorinnen und Administratoren." in html
    assert "bis eine Administratorin oder ein Administrator sie genehmigt" in html


def test_admin_form_note_help_names_absent_person(as_user, admin):
    html = as_user(admin).get(reverse("absences:create")).content.decode()
    expected = (
        "Die Notiz sehen nur die betroffene Person und die Administratorinnen und Administratoren."
    )
    assert expected in html
    assert "nur Sie" not in html


def test_staff_edits_own_absence(as_user, staff, vacation, make_absence):
    absence = make_absence(staff, vacation, date(2026, 3, 2))
    as_user(staff).post(
        reverse("absences:edit", args=[absence.pk]),
        form_data(vacation, start="2026-03-02", end="2026-03-03", end_half_day="on"),
    )
    absence.refresh_from_db()
    assert absence.end_date == date(2026, 3, 3)
    assert absence.end_half_day is True
    assert absence.status == Absence.Status.PENDING


def test_staff_cannot_edit_colleague_absence(as_user, staff, colleague, vacation, make_absence):
    absence = make_absence(colleague, vacation, date(2026, 3, 2))
    client = as_user(staff)
    assert client.get(reverse("absences:edit", args=[absence.pk])).status_code == 404
    assert client.post(reverse("absences:delete", args=[absence.pk])).status_code == 404
    assert Absence.objects.filter(pk=absence.pk).exists()


def test_admin_edits_and_approves_staff_request(as_user, admin, staff, vacation, make_absence):
    absence = make_absence(staff, vacation, date(2026, 3, 2), status=Absence.Status.PENDING)
    as_user(admin).post(
        reverse("absences:edit", args=[absence.pk]),
        form_data(vacation, start="2026-03-02", end="2026-03-02", user=staff.pk, status="approved"),
    )
    absence.refresh_from_db()
    assert absence.status == Absence.Status.APPROVED


def test_other_tenant_admin_cannot_edit_or_delete(
    as_user, other_admin, staff, vacation, make_absence
):
    absence = make_absence(staff, vacation, date(2026, 3, 2))
    client = as_user(other_admin)
    assert client.get(reverse("absences:edit", args=[absence.pk])).status_code == 404
    assert client.post(reverse("absences:delete", args=[absence.pk])).status_code == 404
    assert Absence.objects.filter(pk=absence.pk).exists()


def test_hrworks_absence_is_read_only(as_user, admin, staff, vacation, make_absence):
    absence = make_absence(
        staff, vacation, date(2026, 3, 2), source=Source.HRWORKS, external_number="9_1"
    )
    client = as_user(admin)
    edit_url = reverse("absences:edit", args=[absence.pk])
    denied = client.get(edit_url)
    assert denied.status_code == 403
    assert "kommt aus hr works und kann nur dort geändert werden" in denied.content.decode()
    assert client.post(edit_url, form_data(vacation, user=staff.pk)).status_code == 403
    assert client.post(reverse("absences:delete", args=[absence.pk])).status_code == 403
    absence.refresh_from_db()
    assert absence.end_date == date(2026, 3, 2)
    html = client.get(LIST_URL, {"user": staff.pk}).content.decode()
    assert edit_url not in html


def test_staff_deletes_own_absence_after_confirmation(as_user, staff, vacation, make_absence):
    absence = make_absence(staff, vacation, date(2026, 3, 2))
    client = as_user(staff)
    url = reverse("absences:delete", args=[absence.pk])
    html = client.get(url).content.decode()
    assert "Die Abwesenheit „Urlaub“ von Bernd Böhm vom 02.03.2026 bis 02.03.2026 löschen?" in html
    response = client.post(url, follow=True)
    assert "Die Abwesenheit wurde gelöscht." in response.content.decode()
    assert not Absence.objects.exists()


def test_superseded_absence_cannot_be_opened(as_user, admin, staff, vacation, make_absence):
    absence = make_absence(staff, vacation, date(2026, 3, 2), superseded_at=timezone.now())
    assert as_user(admin).get(reverse("absences:edit", args=[absence.pk])).status_code == 404
