"""Capacity and hour-balance arithmetic with half days, part time and a four-day week."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from absences.capacity import capacity_by_week, capacity_for_month, hour_balance_credit
from absences.days import working_day_count
from absences.models import Absence

MONDAY = date(2026, 3, 2)


def week_of(tenant, user, monday=MONDAY):
    [row] = capacity_by_week(tenant, [user], [monday])
    return row.weeks[0]


def test_full_time_week_without_absences(tenant, staff):
    week = week_of(tenant, staff)
    assert week.target_hours == Decimal("40.00")
    assert week.absent_hours == 0
    assert week.available_hours == Decimal("40.00")


def test_whole_days_reduce_available_hours(tenant, staff, vacation, make_absence):
    make_absence(staff, vacation, date(2026, 3, 3), date(2026, 3, 4))
    week = week_of(tenant, staff)
    assert week.absent_hours == Decimal("16.00")
    assert week.available_hours == Decimal("24.00")


def test_half_days_count_half(tenant, staff, vacation, make_absence):
    # Tuesday from noon, Wednesday whole, Thursday until noon: 2 days.
    make_absence(
        staff,
        vacation,
        date(2026, 3, 3),
        date(2026, 3, 5),
        start_half_day=True,
        end_half_day=True,
    )
    week = week_of(tenant, staff)
    assert week.absent_hours == Decimal("16.00")
    assert week.available_hours == Decimal("24.00")


def test_one_day_half_day_counts_four_hours(tenant, staff, vacation, make_absence):
    make_absence(staff, vacation, date(2026, 3, 6), end_half_day=True)
    assert week_of(tenant, staff).absent_hours == Decimal("4.00")


def test_part_time_hours_spread_over_working_days(tenant, staff, vacation, make_absence):
    staff.weekly_hours = Decimal("20")
    staff.save()
    make_absence(staff, vacation, date(2026, 3, 2), start_half_day=True)
    week = week_of(tenant, staff)
    assert week.target_hours == Decimal("20.00")
    assert week.absent_hours == Decimal("2.00")
    assert week.available_hours == Decimal("18.00")


def test_four_day_week_ignores_free_friday(tenant, staff, vacation, make_absence):
    staff.weekly_hours = Decimal("32")
    staff.working_days = [0, 1, 2, 3]
    staff.save()
    # Thursday to the next Monday: Thursday and Monday are working days, Friday is not.
    make_absence(staff, vacation, date(2026, 3, 5), date(2026, 3, 9))
    first, second = capacity_by_week(tenant, [staff], [MONDAY, date(2026, 3, 9)])[0].weeks
    assert first.target_hours == Decimal("32.00")
    assert first.absent_hours == Decimal("8.00")
    assert second.absent_hours == Decimal("8.00")
    assert second.available_hours == Decimal("24.00")


def test_uneven_daily_hours_add_up_to_weekly_hours(tenant, staff, vacation, make_absence):
    staff.weekly_hours = Decimal("20")
    staff.working_days = [0, 2, 4]
    staff.save()
    make_absence(staff, vacation, date(2026, 3, 2), date(2026, 3, 6))
    week = week_of(tenant, staff)
    assert week.target_hours == Decimal("20.00")
    assert week.absent_hours == Decimal("20.00")
    assert week.available_hours == 0


def test_pending_shown_apart_from_absent(tenant, staff, vacation, make_absence):
    make_absence(staff, vacation, date(2026, 3, 2), status=Absence.Status.PENDING)
    make_absence(staff, vacation, date(2026, 3, 3))
    week = week_of(tenant, staff)
    assert week.absent_hours == Decimal("8.00")
    assert week.pending_hours == Decimal("8.00")
    assert week.available_hours == Decimal("32.00")


def test_overlapping_absences_count_a_day_once(tenant, staff, vacation, sick_leave, make_absence):
    make_absence(staff, vacation, date(2026, 3, 2), date(2026, 3, 3))
    make_absence(staff, sick_leave, date(2026, 3, 3))
    make_absence(staff, vacation, date(2026, 3, 3), status=Absence.Status.PENDING)
    week = week_of(tenant, staff)
    assert week.absent_hours == Decimal("16.00")
    assert week.pending_hours == 0


def test_complementary_halves_make_a_whole_day(tenant, staff, vacation, make_absence):
    make_absence(staff, vacation, date(2026, 3, 4), end_half_day=True)
    make_absence(staff, vacation, date(2026, 3, 4), start_half_day=True)
    assert week_of(tenant, staff).absent_hours == Decimal("8.00")


def test_types_not_counting_for_capacity_are_ignored(tenant, staff, hrworks_type, make_absence):
    make_absence(staff, hrworks_type, date(2026, 3, 2))
    assert week_of(tenant, staff).absent_hours == 0


def test_superseded_absences_are_ignored(tenant, staff, vacation, make_absence):
    make_absence(staff, vacation, date(2026, 3, 2), superseded_at=timezone.now())
    assert week_of(tenant, staff).absent_hours == 0


def test_hour_balance_credit_counts_approved_only(tenant, staff, vacation, make_absence):
    make_absence(staff, vacation, date(2026, 3, 2), date(2026, 3, 3), end_half_day=True)
    make_absence(staff, vacation, date(2026, 3, 10), status=Absence.Status.PENDING)
    credit = hour_balance_credit(tenant, [staff], 2026, 3)
    assert credit[staff.pk] == Decimal("12.00")


def test_hour_balance_credit_uses_hour_balance_switch(
    tenant, staff, vacation, hrworks_type, make_absence
):
    vacation.counts_for_hour_balance = False
    vacation.save()
    make_absence(staff, vacation, date(2026, 3, 2))
    make_absence(staff, hrworks_type, date(2026, 3, 3))
    assert hour_balance_credit(tenant, [staff], 2026, 3)[staff.pk] == Decimal("8.00")


def test_hour_balance_credit_stays_inside_month(tenant, staff, vacation, make_absence):
    staff.weekly_hours = Decimal("30")
    staff.working_days = [0, 1, 2, 3]
    staff.save()
    # Mon 30 March to Thu 2 April 2026: two working days in March, two in April.
    make_absence(staff, vacation, date(2026, 3, 30), date(2026, 4, 2))
    assert hour_balance_credit(tenant, [staff], 2026, 3)[staff.pk] == Decimal("15.00")
    assert hour_balance_credit(tenant, [staff], 2026, 4)[staff.pk] == Decimal("15.00")


def test_month_covers_its_iso_weeks(tenant, staff):
    [row] = capacity_for_month(tenant, [staff], 2026, 3)
    mondays = [week.monday for week in row.weeks]
    assert mondays[0] == date(2026, 2, 23)
    assert mondays[-1] == date(2026, 3, 30)
    assert [week.iso_week for week in row.weeks] == [9, 10, 11, 12, 13, 14]


def test_working_day_count_with_half_days(staff, vacation, make_absence):
    absence = make_absence(staff, vacation, date(2026, 3, 6), date(2026, 3, 9), start_half_day=True)
    # Friday afternoon, weekend, Monday whole.
    assert working_day_count(absence, staff.working_days) == Decimal("1.5")
