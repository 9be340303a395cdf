"""Date arithmetic shared by the sandbox's endpoints and generator."""

from datetime import date, timedelta


def add_one_year(day: date) -> date:
    """Return the same calendar day one year later; 29 February becomes 1 March."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return date(day.year + 1, 3, 1)


def is_workday(day: date) -> bool:
    """Return True from Monday to Friday, because the sandbox has no public holidays."""
    return day.weekday() < 5


def working_days(item: dict, begin: date | None = None, end: date | None = None) -> float:
    """Count the working days of an absence or sick leave, optionally clipped to a range.

    A half day at the first or last day counts 0.5 when that day is a working day.
    """
    first = date.fromisoformat(item["beginDate"])
    last = date.fromisoformat(item["endDate"])
    low = max(first, begin) if begin else first
    high = min(last, end) if end else last
    total = 0.0
    day = low
    while day <= high:
        if is_workday(day):
            total += 1
        day += timedelta(days=1)
    if item.get("isBeginDateHalfDay") and low <= first <= high and is_workday(first):
        total -= 0.5
    if item.get("isEndDateHalfDay") and low <= last <= high and is_workday(last):
        total -= 0.5
    return max(total, 0.0)


def split_interval(begin: date, end: date, interval: str | None) -> list[tuple[date, date]]:
    """Split the inclusive range on day, week (Monday) or month boundaries."""
    if interval is None:
        return [(begin, end)]
    blocks = []
    block_begin = begin
    while block_begin <= end:
        if interval == "days":
            block_end = block_begin
        elif interval == "weeks":
            block_end = block_begin + timedelta(days=6 - block_begin.weekday())
        else:
            next_month = date(
                block_begin.year + block_begin.month // 12, block_begin.month % 12 + 1, 1
            )
            block_end = next_month - timedelta(days=1)
        block_end = min(block_end, end)
        blocks.append((block_begin, block_end))
        block_begin = block_end + timedelta(days=1)
    return blocks
