from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from celery.schedules import crontab

from integrations.hrworks.schedule import next_sweep_after, sweep_schedule

BERLIN = ZoneInfo("Europe/Berlin")


def at(hour, minute, second=0):
    return datetime(2026, 12, 4, hour, minute, second, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(21, 18, 5), at(21, 30)),
        (at(21, 30), at(21, 45)),
        (at(21, 44, 59), at(21, 45)),
        (at(23, 50), datetime(2026, 12, 5, 0, 0, tzinfo=BERLIN)),
    ],
)
def test_next_sweep_every_15_minutes_follows_the_clock(now, expected):
    assert next_sweep_after(now, 15) == expected


def test_next_sweep_every_two_hours_runs_on_even_hours():
    assert next_sweep_after(at(21, 18), 120) == at(22, 0)
    assert next_sweep_after(at(9, 0), 120) == at(10, 0)
    assert next_sweep_after(at(23, 10), 120) == datetime(2026, 12, 5, 0, 0, tzinfo=BERLIN)


def test_schedule_matches_the_computed_minutes():
    assert sweep_schedule(15) == crontab(minute="*/15")
    assert sweep_schedule(120) == crontab(minute=0, hour="*/2")


def test_settings_page_shows_next_clock_slot(settings, client, db):
    from integrations.hrworks.models import Connection
    from users.models import Tenant

    tenant = Tenant.objects.create(slug="uhr", name="Uhr")
    connection = Connection.objects.create(tenant=tenant, is_active=True)
    settings.HRWORKS_SYNC_INTERVAL_MINUTES = 15
    next_run = connection.next_scheduled_run()
    assert next_run.minute in (0, 15, 30, 45)
    assert next_run.second == 0
