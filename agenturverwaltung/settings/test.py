"""Test settings: PostgreSQL and Redis when they are reachable, SQLite otherwise.

With CI=true the real services are mandatory and a missing one stops the run.
"""

import os
import socket
import sys

import environ

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-secret-key"
FIELD_ENCRYPTION_KEY = "dGVzdC1vbmx5LWZpZWxkLWVuY3J5cHRpb24ta2V5LTA="
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

POSTGRES_URL = env.str("TEST_DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = env.str("TEST_REDIS_URL", default="redis://127.0.0.1:6379/15")
IN_CI = env.bool("CI", default=False)


def _reachable(url):
    parsed = environ.Env.db_url_config(url) if url.startswith("postgres") else None
    host = parsed["HOST"] if parsed else url.split("//", 1)[1].split(":")[0]
    port = int(parsed["PORT"] or 5432) if parsed else int(url.rsplit(":", 1)[1].split("/")[0])
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


_postgres_up = _reachable(POSTGRES_URL)
_redis_up = _reachable(REDIS_URL)
if IN_CI and not (_postgres_up and _redis_up):
    missing = [name for name, up in (("PostgreSQL", _postgres_up), ("Redis", _redis_up)) if not up]
    sys.exit(
        f"CI=true requires PostgreSQL and Redis; not reachable: {', '.join(missing)}. "
        "Start the missing service and run the tests again."
    )

if _postgres_up:
    DATABASES = {"default": environ.Env.db_url_config(POSTGRES_URL)}
    # One test database per test process, so parallel runs on one server don't collide.
    DATABASES["default"]["TEST"] = {"NAME": f"test_agenturverwaltung_{os.getpid()}"}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

if _redis_up:
    CELERY_BROKER_URL = REDIS_URL

# What the run uses; the root conftest.py prints it in pytest's header.
TEST_SERVICES_REPORT = [
    "database: PostgreSQL" if _postgres_up else "database: SQLite (PostgreSQL is not reachable)",
    "celery broker: Redis" if _redis_up else "celery broker: filesystem (Redis is not reachable)",
]

# Serve static files straight from the app folders; there is no collectstatic run here.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
