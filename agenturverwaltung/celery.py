"""The Celery app: Redis in production, an embedded filesystem broker on a laptop."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agenturverwaltung.settings.local")

app = Celery("agenturverwaltung")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
