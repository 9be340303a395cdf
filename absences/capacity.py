"""Capacity per user and ISO week, and the hour-balance credit per user and month.

Hours follow from the user's weekly hours spread evenly over their working days. Half days count
half, several absences on one day never add up to more than the whole day, and public holidays
are not taken into account.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from .days import ONE, covered_days, day_fraction, days_between, hours_for_days, month_bounds
from .models import Absence

ZERO = Decimal(0)


@dataclass
class WeekCapacity:
    """Hours of one user in one ISO week (Monday to Sunday)."""

    monday: date
    target_hours: Decimal
    absent_hours: Decimal
    pending_hours: Decimal

    @property
    def available_hours(self):
        return max(self.target_hours - self.absent_hours, ZERO)

    @property
    def iso_year(self):
        return self.monday.isocalendar().year

    @property
    def iso_week(self):
        return self.monday.isocalendar().week

    @property
    def sunday(self):
        return self.monday + timedelta(days=6)


@dataclass
class UserCapacity:
    """One user's weeks and the hour-balance credit of the month shown."""

    user: object
    weeks: list = field(default_factory=list)
    credit_hours: Decimal = ZERO


def weeks_of_month(year, month):
    """Return the Mondays of the ISO weeks that contain at least one day of the month."""
    first, last = month_bounds(year, month)
    monday = first - timedelta(days=first.weekday())
    mondays = []
    while monday <= last:
        mondays.append(monday)
        monday += timedelta(weeks=1)
    return mondays


def _absent_units(absences, first, last):
    """Sum the absent share of each day per user, split into approved and pending.

    Returns `{user_id: {date: [approved, pending]}}`. Approved absences take a day first; pending
    requests fill at most what is left of it, so a day never counts more than once.
    """
    units = defaultdict(lambda: defaultdict(lambda: [ZERO, ZERO]))
    approved_first = sorted(absences, key=lambda a: a.status != Absence.Status.APPROVED)
    for absence in approved_first:
        days = units[absence.user_id]
        for day, part in covered_days(absence, first, last):
            approved, pending = days[day]
            free = ONE - approved - pending
            share = min(day_fraction(part), free)
            if absence.status == Absence.Status.APPROVED:
                days[day][0] = approved + share
            else:
                days[day][1] = pending + share
    return units


def _absences(tenant, users, first, last, **type_filter):
    return (
        Absence.objects.visible()
        .filter(tenant=tenant, user__in=[user.pk for user in users], **type_filter)
        .overlapping(first, last)
        .select_related("type")
    )


def capacity_by_week(tenant, users, mondays):
    """Return a `UserCapacity` with one `WeekCapacity` per Monday in `mondays` for each user.

    Absent hours come from approved absences whose type counts for capacity planning. Pending
    requests of such types are summed apart and do not reduce the available hours.
    """
    users = list(users)
    if not mondays:
        return [UserCapacity(user=user) for user in users]
    first, last = mondays[0], mondays[-1] + timedelta(days=6)
    absences = _absences(tenant, users, first, last, type__counts_for_capacity=True)
    units = _absent_units(absences, first, last)

    result = []
    for user in users:
        working_days = set(user.working_days)
        user_units = units.get(user.pk, {})
        row = UserCapacity(user=user)
        for monday in mondays:
            target = absent = pending = ZERO
            for day in days_between(monday, monday + timedelta(days=6)):
                if day.weekday() not in working_days:
                    continue
                target += ONE
                approved_share, pending_share = user_units.get(day, (ZERO, ZERO))
                absent += approved_share
                pending += pending_share
            row.weeks.append(
                WeekCapacity(
                    monday=monday,
                    target_hours=hours_for_days(user, target),
                    absent_hours=hours_for_days(user, absent),
                    pending_hours=hours_for_days(user, pending),
                )
            )
        result.append(row)
    return result


def hour_balance_credit(tenant, users, year, month):
    """Return `{user_id: hours}` credited to each user's hour balance in the month.

    Only approved absences of types that count for the hour balance credit hours, and only on the
    user's working days. Pending requests never credit the hour balance.
    """
    users = list(users)
    first, last = month_bounds(year, month)
    absences = _absences(
        tenant,
        users,
        first,
        last,
        type__counts_for_hour_balance=True,
        status=Absence.Status.APPROVED,
    )
    units = _absent_units(absences, first, last)

    credit = {}
    for user in users:
        working_days = set(user.working_days)
        days = sum(
            (
                shares[0]
                for day, shares in units.get(user.pk, {}).items()
                if day.weekday() in working_days
            ),
            ZERO,
        )
        credit[user.pk] = hours_for_days(user, days)
    return credit


def capacity_for_month(tenant, users, year, month):
    """Return the capacity rows of the month's ISO weeks with each user's hour-balance credit."""
    users = list(users)
    rows = capacity_by_week(tenant, users, weeks_of_month(year, month))
    credit = hour_balance_credit(tenant, users, year, month)
    for row in rows:
        row.credit_hours = credit[row.user.pk]
    return rows
