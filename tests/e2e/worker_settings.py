"""Settings of the Celery worker and beat that the end-to-end tests start.

The test settings, pointed at the test run's database and a broker of its own, with the
hr works sweep every few seconds instead of every few minutes. The tests put this folder
on the subprocess's PYTHONPATH and select it with DJANGO_SETTINGS_MODULE.
"""

from datetime import timedelta

from agenturverwaltung.settings.test import *  # noqa: F403
from agenturverwaltung.settings.test import CELERY_BEAT_SCHEDULE, DATABASES, env

# The database that pytest-django created for the test run, not a new one per process.
DATABASES["default"]["NAME"] = env.str("E2E_DATABASE_NAME")
CELERY_BROKER_URL = env.str("E2E_BROKER_URL")
CELERY_BEAT_SCHEDULE_FILENAME = env.str("E2E_BEAT_SCHEDULE_FILE")
CELERY_BEAT_SCHEDULE = {
    name: {**entry, "schedule": timedelta(seconds=env.float("E2E_SWEEP_SECONDS"))}
    for name, entry in CELERY_BEAT_SCHEDULE.items()
}
