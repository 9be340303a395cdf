"""Connect the demo agency to a running sandbox that serves its hr works data."""

from datetime import date
from io import StringIO

from django.core.management import call_command

from integrations.hrworks.models import Connection
from integrations.hrworks.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY
from users.models import Tenant

from . import dataset


def connect(tenant: Tenant, base_url: str, today: date, *, activate: bool) -> Connection | None:
    """Store the sandbox's key pair and the demo start date with ``hrworks_connect``, and
    activate the sync when asked.

    Return None and change nothing when the tenant has a connection already, so that a
    second run keeps what an admin changed on the settings page. The activation queues
    the first sync, which a worker runs once it starts.
    """
    if Connection.objects.filter(tenant=tenant).exists():
        return None
    options = {
        "tenant": tenant.slug,
        "access_key": DEMO_ACCESS_KEY,
        "secret_key": DEMO_SECRET_KEY,
        "base_url": base_url,
        "start_date": dataset.start_date(today),
        "activate": activate,
    }
    call_command("hrworks_connect", stdout=StringIO(), **options)
    return Connection.objects.get(tenant=tenant)
