"""The team calendar: one month as a grid of users (rows) and days (columns)."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .days import covered_days, days_between, month_bounds
from .models import Absence, AbsenceType
from .policy import can_see_details

NEUTRAL_COLOR = "#9CA3AF"
NEUTRAL_LABEL = _("absent")
COLOR_PATTERN = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass
class CalendarEntry:
    """One absence on one day, as a viewer may see it."""

    absence: Absence
    part: str
    show_details: bool

    @property
    def pending(self):
        return self.absence.status == Absence.Status.PENDING

    @property
    def label(self):
        return self.absence.type.name if self.show_details else NEUTRAL_LABEL

    @property
    def color(self):
        color = self.absence.type.color
        # The colour goes into a style attribute, so anything but #RRGGBB is replaced.
        if not self.show_details or not COLOR_PATTERN.fullmatch(color):
            return NEUTRAL_COLOR
        return color


@dataclass
class CalendarCell:
    day: date
    is_weekend: bool
    is_working_day: bool
    entries: list = field(default_factory=list)


@dataclass
class CalendarRow:
    user: object
    cells: list


@dataclass
class MonthGrid:
    first: date
    last: date
    days: list
    rows: list

    @property
    def previous_month(self):
        """Return the first day of the month before."""
        return (self.first - timedelta(days=1)).replace(day=1)

    @property
    def next_month(self):
        """Return the first day of the month after."""
        return self.last + timedelta(days=1)


def calendar_absences(tenant, viewer, users, first, last, absence_type=None):
    """Return the visible absences of `users` that overlap `first`..`last`, types loaded.

    With a type filter, a staff member gets only their own sick leave: filtering by a sick-leave
    type must not reveal which colleagues are sick.
    """
    absences = (
        Absence.objects.visible()
        .filter(tenant=tenant, user__in=[user.pk for user in users])
        .overlapping(first, last)
        .select_related("type")
        .order_by("start_date", "pk")
    )
    if absence_type is not None:
        absences = absences.filter(type=absence_type)
        if not viewer.is_tenant_admin:
            absences = absences.exclude(
                Q(type__category=AbsenceType.Category.SICK_LEAVE) & ~Q(user=viewer)
            )
    return absences


def month_grid(tenant, viewer, users, year, month, absence_type=None):
    """Build the calendar grid of a month for `users` as `viewer` may see it.

    Runs one query for the absences, however many users there are; `users` should be a list or
    an evaluated queryset.
    """
    first, last = month_bounds(year, month)
    users = list(users)
    days = list(days_between(first, last))
    rows = {
        user.pk: CalendarRow(
            user=user,
            cells=[
                CalendarCell(
                    day=day,
                    is_weekend=day.weekday() >= 5,
                    is_working_day=day.weekday() in user.working_days,
                )
                for day in days
            ],
        )
        for user in users
    }
    for absence in calendar_absences(tenant, viewer, users, first, last, absence_type):
        show_details = can_see_details(viewer, absence)
        cells = rows[absence.user_id].cells
        for day, part in covered_days(absence, first, last):
            cells[day.day - 1].entries.append(CalendarEntry(absence, part, show_details))
    return MonthGrid(first=first, last=last, days=days, rows=list(rows.values()))
