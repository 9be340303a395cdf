import re
from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from absences.models import Absence
from users.models import User

CAPACITY_URL = "/kapazitaet/"
MARCH = {"month": "2026-03"}


def week_row(html, user, week):
    match = re.search(
        rf'<tr class="week" data-user="{user.pk}" data-week="{week}">(.*?)</tr>', html, re.S
    )
    assert match, f"no row for {user} in {week}"
    row = match.group(1)
    return {
        name: re.search(rf'class="num {name}">([^<]*)<', row).group(1)
        for name in ("target", "absent", "pending", "available")
    }


def test_capacity_url_is_the_german_slug():
    assert reverse("absences:capacity") == CAPACITY_URL


def test_page_says_public_holidays_are_ignored(as_user, staff):
    html = as_user(staff).get(CAPACITY_URL, MARCH).content.decode()
    assert "Gesetzliche Feiertage werden noch nicht berücksichtigt" in html
    assert "Kapazität" in html


def test_admin_sees_weekly_hours_of_everyone(as_user, admin, staff, vacation, make_absence):
    staff.weekly_hours = Decimal("30")
    staff.working_days = [0, 1, 2, 3]
    staff.save()
    make_absence(staff, vacation, date(2026, 3, 2), date(2026, 3, 3), end_half_day=True)
    make_absence(staff, vacation, date(2026, 3, 4), status=Absence.Status.PENDING)
    html = as_user(admin).get(CAPACITY_URL, MARCH).content.decode()
    assert week_row(html, staff, "2026-W10") == {
        "target": "30",
        "absent": "11,25",
        "pending": "7,50",
        "available": "18,75",
    }
    assert week_row(html, admin, "2026-W10")["available"] == "40"
    assert "KW 10" in html


def test_hour_balance_credit_per_month(as_user, admin, staff, vacation, make_absence):
    make_absence(staff, vacation, date(2026, 3, 2), date(2026, 3, 3), end_half_day=True)
    make_absence(staff, vacation, date(2026, 3, 10), status=Absence.Status.PENDING)
    html = as_user(admin).get(CAPACITY_URL, MARCH).content.decode()
    assert "Gutschrift auf dem Stundenkonto im März 2026" in html
    credit = re.search(
        rf'class="credit" data-user="{staff.pk}"><td>[^<]*</td><td class="num">([^<]*)<', html
    )
    assert credit.group(1) == "12"


def test_staff_sees_team_capacity_but_only_own_credit(as_user, staff, colleague):
    html = as_user(staff).get(CAPACITY_URL, MARCH).content.decode()
    assert week_row(html, colleague, "2026-W10")["target"] == "40"
    assert f'class="credit" data-user="{staff.pk}"' in html
    assert f'class="credit" data-user="{colleague.pk}"' not in html


def test_staff_sees_colleague_sick_hours_without_type(
    as_user, staff, colleague, sick_leave, make_absence
):
    make_absence(colleague, sick_leave, date(2026, 3, 3))
    html = as_user(staff).get(CAPACITY_URL, MARCH).content.decode()
    assert week_row(html, colleague, "2026-W10")["absent"] == "8"
    assert "Krankheit" not in html


def test_user_filter_limits_rows(as_user, admin, staff):
    html = as_user(admin).get(CAPACITY_URL, {**MARCH, "user": staff.pk}).content.decode()
    assert f'data-user="{staff.pk}" data-week="2026-W10"' in html
    assert f'data-user="{admin.pk}" data-week="2026-W10"' not in html


def test_other_tenant_admin_sees_none_of_the_users(as_user, other_admin, staff):
    html = as_user(other_admin).get(CAPACITY_URL, {**MARCH, "user": staff.pk}).content.decode()
    assert f'data-user="{staff.pk}"' not in html
    assert f'data-user="{other_admin.pk}"' in html


def test_query_count_does_not_grow_with_users(as_user, admin, tenant, vacation, monkeypatch):
    # A page size above the user count renders every user on one page.
    monkeypatch.setattr("absences.views.USERS_PER_PAGE", 1000)
    client = as_user(admin)

    def add_users(count, start):
        users = User.objects.bulk_create(
            User(email=f"person{start + i}@pixelwerk.de", tenant=tenant) for i in range(count)
        )
        Absence.objects.bulk_create(
            Absence(
                tenant=tenant,
                user=user,
                type=vacation,
                start_date=date(2026, 3, 3),
                end_date=date(2026, 3, 4),
            )
            for user in users
        )

    add_users(9, start=0)
    with CaptureQueriesContext(connection) as ten_users:
        client.get(CAPACITY_URL, MARCH)
    add_users(90, start=100)
    with CaptureQueriesContext(connection) as hundred_users:
        response = client.get(CAPACITY_URL, MARCH)
    assert response.content.decode().count('class="credit"') == 100
    assert len(hundred_users) == len(ten_users)


def test_month_links_keep_page_and_user_filter(as_user, admin, staff):
    query = {"month": "2026-01", "user": str(staff.pk), "page": "2"}
    html = as_user(admin).get(CAPACITY_URL, query).content.decode()
    kept = f"user={staff.pk}&amp;page=2"
    assert f'id="previous-month" href="?month=2025-12&amp;{kept}"' in html
    assert f'id="next-month" href="?month=2026-02&amp;{kept}"' in html
