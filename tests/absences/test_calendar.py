from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from absences.models import Absence, AbsenceType
from users.models import User

CALENDAR_URL = "/abwesenheiten/kalender/"
MARCH = {"month": "2026-03"}


def cell(html, user, day):
    """Return the HTML of one calendar cell."""
    marker = f'data-user="{user.pk}" data-date="{day}">'
    start = html.index(marker) + len(marker)
    return html[start : html.index("</td>", start)]


def test_calendar_url_is_the_german_slug():
    assert reverse("absences:calendar") == CALENDAR_URL


def test_admin_sees_month_grid_with_users_and_days(as_user, admin, staff):
    html = as_user(admin).get(CALENDAR_URL, MARCH).content.decode()
    assert 'id="month-title">März 2026<' in html
    assert f'data-user="{staff.pk}" data-date="2026-03-31"' in html
    assert f'data-user="{admin.pk}" data-date="2026-03-01"' in html
    assert "Bernd Böhm" in html


def test_weekends_are_shaded(as_user, staff):
    html = as_user(staff).get(CALENDAR_URL, MARCH).content.decode()
    assert f'class="day weekend off" data-user="{staff.pk}" data-date="2026-03-07"' in html
    assert f'class="day" data-user="{staff.pk}" data-date="2026-03-06"' in html


def test_free_weekday_of_four_day_week_is_shaded(as_user, staff):
    staff.working_days = [0, 1, 2, 3]
    staff.save()
    html = as_user(staff).get(CALENDAR_URL, MARCH).content.decode()
    assert f'class="day off" data-user="{staff.pk}" data-date="2026-03-06"' in html


def test_half_days_and_pending_are_marked(as_user, staff, vacation, make_absence):
    make_absence(
        staff,
        vacation,
        date(2026, 3, 3),
        date(2026, 3, 5),
        start_half_day=True,
        end_half_day=True,
    )
    make_absence(staff, vacation, date(2026, 3, 10), status=Absence.Status.PENDING)
    html = as_user(staff).get(CALENDAR_URL, MARCH).content.decode()
    assert 'class="abs half-pm"' in cell(html, staff, "2026-03-03")
    assert 'class="abs"' in cell(html, staff, "2026-03-04")
    assert 'class="abs half-am"' in cell(html, staff, "2026-03-05")
    assert 'class="abs pending"' in cell(html, staff, "2026-03-10")
    assert "beantragt" in cell(html, staff, "2026-03-10")
    assert cell(html, staff, "2026-03-06") == ""


def test_type_colour_is_used(as_user, staff, vacation, make_absence):
    make_absence(staff, vacation, date(2026, 3, 3))
    html = as_user(staff).get(CALENDAR_URL, MARCH).content.decode()
    assert "--abs-color: #2E86DE" in cell(html, staff, "2026-03-03")


def test_staff_sees_colleague_sick_leave_as_absent(
    as_user, staff, colleague, sick_leave, make_absence
):
    make_absence(colleague, sick_leave, date(2026, 3, 3), note="Grippe")
    html = as_user(staff).get(CALENDAR_URL, MARCH).content.decode()
    day = cell(html, colleague, "2026-03-03")
    assert "abwesend" in day
    assert "masked" in day
    assert "Krankheit" not in html
    assert "#C0392B" not in html
    assert "Grippe" not in html


def test_staff_sees_own_sick_leave_with_type(as_user, staff, sick_leave, make_absence):
    make_absence(staff, sick_leave, date(2026, 3, 3))
    html = as_user(staff).get(CALENDAR_URL, MARCH).content.decode()
    assert "Krankheit" in cell(html, staff, "2026-03-03")


def test_admin_sees_sick_leave_type(as_user, admin, colleague, sick_leave, make_absence):
    make_absence(colleague, sick_leave, date(2026, 3, 3))
    html = as_user(admin).get(CALENDAR_URL, MARCH).content.decode()
    assert "Krankheit" in cell(html, colleague, "2026-03-03")


def test_staff_cannot_filter_colleagues_by_sick_leave(
    as_user, staff, colleague, sick_leave, make_absence
):
    make_absence(colleague, sick_leave, date(2026, 3, 3))
    html = as_user(staff).get(CALENDAR_URL, {**MARCH, "type": sick_leave.pk}).content.decode()
    assert f'<option value="{sick_leave.pk}"' not in html
    from absences.team_calendar import month_grid

    grid = month_grid(staff.tenant, staff, [colleague], 2026, 3, absence_type=sick_leave)
    assert all(not c.entries for c in grid.rows[0].cells)


def test_filters_by_user_and_type(
    as_user, admin, staff, colleague, vacation, sick_leave, make_absence
):
    make_absence(staff, vacation, date(2026, 3, 3))
    make_absence(staff, sick_leave, date(2026, 3, 4))
    client = as_user(admin)
    html = client.get(CALENDAR_URL, {**MARCH, "user": staff.pk}).content.decode()
    assert f'<tr data-user="{staff.pk}"' in html
    assert f'<tr data-user="{colleague.pk}"' not in html
    html = client.get(CALENDAR_URL, {**MARCH, "type": vacation.pk}).content.decode()
    assert "Urlaub" in cell(html, staff, "2026-03-03")
    assert cell(html, staff, "2026-03-04") == ""


def test_month_navigation_links(as_user, staff):
    html = as_user(staff).get(CALENDAR_URL, {"month": "2026-01"}).content.decode()
    assert 'href="?month=2025-12"' in html
    assert 'href="?month=2026-02"' in html


def test_month_links_keep_page_and_filters(as_user, admin, vacation):
    query = {"month": "2026-01", "user": "7", "type": str(vacation.pk), "page": "2"}
    html = as_user(admin).get(CALENDAR_URL, query).content.decode()
    kept = f"user=7&amp;type={vacation.pk}&amp;page=2"
    assert f'id="previous-month" href="?month=2025-12&amp;{kept}"' in html
    assert f'id="next-month" href="?month=2026-02&amp;{kept}"' in html


def test_absence_spanning_months_is_cut_to_the_month(as_user, staff, vacation, make_absence):
    make_absence(staff, vacation, date(2026, 2, 26), date(2026, 3, 3), end_half_day=True)
    html = as_user(staff).get(CALENDAR_URL, MARCH).content.decode()
    assert 'class="abs"' in cell(html, staff, "2026-03-01")
    assert 'class="abs half-am"' in cell(html, staff, "2026-03-03")


def test_superseded_absence_is_hidden(as_user, staff, vacation, make_absence):
    make_absence(staff, vacation, date(2026, 3, 3), superseded_at=timezone.now())
    html = as_user(staff).get(CALENDAR_URL, MARCH).content.decode()
    assert cell(html, staff, "2026-03-03") == ""


def test_other_tenant_admin_sees_no_users_of_the_tenant(
    as_user, other_admin, staff, vacation, make_absence
):
    make_absence(staff, vacation, date(2026, 3, 3))
    html = as_user(other_admin).get(CALENDAR_URL, {**MARCH, "user": staff.pk}).content.decode()
    assert f'data-user="{staff.pk}"' not in html
    assert "Bernd Böhm" not in html


def add_users(tenant, count, vacation, start):
    users = User.objects.bulk_create(
        User(email=f"person{start + i}@pixelwerk.de", tenant=tenant) for i in range(count)
    )
    Absence.objects.bulk_create(
        Absence(
            tenant=tenant,
            user=user,
            type=vacation,
            start_date=date(2026, 3, 2 + i % 20),
            end_date=date(2026, 3, 3 + i % 20),
            start_half_day=i % 2 == 0,
        )
        for i, user in enumerate(users)
    )


def test_query_count_does_not_grow_with_users(as_user, admin, tenant, vacation, monkeypatch):
    # A page size above the user count renders every user on one page.
    monkeypatch.setattr("absences.views.USERS_PER_PAGE", 1000)
    client = as_user(admin)
    add_users(tenant, 9, vacation, start=0)
    with CaptureQueriesContext(connection) as ten_users:
        response = client.get(CALENDAR_URL, MARCH)
    assert response.content.decode().count("<tr data-user=") == 10

    add_users(tenant, 190, vacation, start=100)
    with CaptureQueriesContext(connection) as two_hundred_users:
        response = client.get(CALENDAR_URL, MARCH)
    assert response.content.decode().count("<tr data-user=") == 200
    assert len(two_hundred_users) == len(ten_users)


def test_large_agency_is_split_into_pages_of_users(as_user, admin, tenant, vacation):
    add_users(tenant, 119, vacation, start=0)
    client = as_user(admin)
    first = client.get(CALENDAR_URL, MARCH).content.decode()
    assert first.count("<tr data-user=") == 50
    assert "Benutzer 1–50 von 120" in first
    assert 'id="next-page" href="?month=2026-03&amp;page=2"' in first
    last = client.get(CALENDAR_URL, {**MARCH, "page": 3}).content.decode()
    assert last.count("<tr data-user=") == 20
    assert "Benutzer 101–120 von 120" in last
    assert 'id="next-page"' not in last


def test_small_agency_has_no_pager(as_user, admin, staff):
    html = as_user(admin).get(CALENDAR_URL, MARCH).content.decode()
    assert 'class="pager"' not in html


def test_type_filter_marks_archived_types_in_use(
    as_user, admin, staff, vacation, tenant, make_absence
):
    in_use = AbsenceType.objects.create(tenant=tenant, name="Urlaub", archived_at=timezone.now())
    AbsenceType.objects.create(tenant=tenant, name="Krankheit", archived_at=timezone.now())
    make_absence(staff, in_use, date(2025, 8, 4))
    html = as_user(admin).get(CALENDAR_URL, MARCH).content.decode()
    start = html.index('id="filter-type"')
    select = html[start : html.index("</select>", start)]
    assert ">Urlaub<" in select
    assert f'value="{in_use.pk}">Urlaub (archiviert)<' in select
    assert select.index(">Urlaub<") < select.index("Urlaub (archiviert)")
    assert "Krankheit" not in select
