"""When the scheduled hr works sweep runs: on the clock, so every process can compute it.

An interval that divides an hour runs at fixed minutes past each hour (every 15 minutes:
:00, :15, :30, :45); a multiple of 60 minutes runs on the hour. Because the times follow
the clock and not the start of beat, the settings page can name the next run exactly.
"""

from datetime import timedelta

from celery.schedules import crontab


def sweep_schedule(minutes: int) -> crontab:
    """Return the Celery beat schedule for a sweep every ``minutes`` minutes."""
    if minutes < 60:
        return crontab(minute=f"*/{minutes}")
    return crontab(minute=0, hour=f"*/{max(1, minutes // 60)}")


def next_sweep_after(moment, minutes: int):
    """Return the first sweep time after ``moment`` (an aware datetime in local time)."""
    start = moment.replace(second=0, microsecond=0)
    if minutes < 60:
        # crontab "*/N" fires at the minutes 0, N, 2N, ... of each hour.
        slots = range(0, 60, minutes)
        for slot in slots:
            if slot > moment.minute or (slot == moment.minute and start > moment):
                return start.replace(minute=slot)
        return start.replace(minute=0) + timedelta(hours=1)
    step = max(1, minutes // 60)
    top = start.replace(minute=0)
    for hour in range(top.hour + 1, 24):
        if hour % step == 0:
            return top.replace(hour=hour)
    return (top + timedelta(days=1)).replace(hour=0)
