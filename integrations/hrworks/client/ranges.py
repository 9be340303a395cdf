"""Split date ranges and person lists into requests that hr works accepts.

hr works rejects a date range longer than one year. The client treats a range as valid when
its end date is before the same calendar day one year after its begin date, so 2026-01-01
to 2026-12-31 is one request and 2026-01-01 to 2027-01-01 is two.
"""

from collections.abc import Iterator
from datetime import date, timedelta

# Persons per absences or sick leaves request. hr works pages keyed responses by 50
# person keys, so 50 persons fit on one page. NOTE: the API documents no maximum for the
# ``persons`` parameter; 50 also keeps URLs short.
MAX_PERSONS_PER_REQUEST = 50


def add_one_year(day: date) -> date:
    """Return the same calendar day one year later; 29 February becomes 1 March."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return date(day.year + 1, 3, 1)


def date_windows(begin: date, end: date) -> list[tuple[date, date]]:
    """Split the inclusive range into consecutive windows of at most one year."""
    if end < begin:
        raise ValueError("end date is before begin date")
    windows = []
    window_begin = begin
    while window_begin <= end:
        window_end = min(end, add_one_year(window_begin) - timedelta(days=1))
        windows.append((window_begin, window_end))
        window_begin = window_end + timedelta(days=1)
    return windows


def batches(items: list[str], size: int = MAX_PERSONS_PER_REQUEST) -> Iterator[list[str]]:
    """Yield the distinct items in their order, in lists of at most ``size``."""
    distinct = list(dict.fromkeys(items))
    for start in range(0, len(distinct), size):
        yield distinct[start : start + size]
