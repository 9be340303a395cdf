"""Day-level arithmetic of absences: which days they cover, which halves, how many hours."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

WHOLE = ""
FORENOON = "am"
AFTERNOON = "pm"

HALF = Decimal("0.5")
ONE = Decimal(1)
CENT = Decimal("0.01")


def days_between(first, last):
    """Yield every date from `first` to `last`, both included."""
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def part_of_day(absence, day):
    """Return which part of `day` the absence covers: WHOLE, FORENOON or AFTERNOON.

    `start_half_day` means the first day counts from noon on, `end_half_day` that the last day
    counts until noon. A database constraint forbids both on a one-day absence.
    """
    if day == absence.start_date and absence.start_half_day:
        return AFTERNOON
    if day == absence.end_date and absence.end_half_day:
        return FORENOON
    return WHOLE


def day_fraction(part):
    """Return the share of a day that `part` covers: 1 or 0.5."""
    return ONE if part == WHOLE else HALF


def covered_days(absence, first=None, last=None):
    """Yield `(date, part)` for each calendar day of `absence` between `first` and `last`."""
    start = max(absence.start_date, first) if first else absence.start_date
    end = min(absence.end_date, last) if last else absence.end_date
    for day in days_between(start, end):
        yield day, part_of_day(absence, day)


def working_day_count(absence, working_days):
    """Return the working days an absence covers, half days counting half.

    `working_days` are `date.weekday()` numbers (0 = Monday). Public holidays are not excluded.
    """
    weekdays = set(working_days)
    return sum(
        (day_fraction(part) for day, part in covered_days(absence) if day.weekday() in weekdays),
        Decimal(0),
    )


def hours_for_days(user, day_count):
    """Return the target hours of `day_count` working days of `user`, rounded to cents.

    A working day is worth the weekly hours spread evenly over the user's working days.
    """
    if not user.working_days:
        return Decimal("0.00")
    hours = Decimal(user.weekly_hours) * Decimal(day_count) / len(user.working_days)
    return hours.quantize(CENT, rounding=ROUND_HALF_UP)


def month_bounds(year, month):
    """Return the first and the last day of a month."""
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, following - timedelta(days=1)
