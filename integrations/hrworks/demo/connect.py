"""Connect the demo agency to a running sandbox that serves its hr works data."""

from datetime import date

from integrations.hrworks import actions
from integrations.hrworks.models import Connection
from integrations.hrworks.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY
from users.models import Tenant

from . import dataset


def connect(tenant: Tenant, base_url: str, today: date, *, activate: bool) -> Connection | None:
    """Store the sandbox's key pair and the demo start date, and activate when asked.

    Return None and change nothing when the tenant has a connection already, so that a
    second run keeps what an admin changed on the settings page. The activation queues
    the first sync, which a worker runs once it starts.
    """
    if Connection.objects.filter(tenant=tenant).exists():
        return None
    connection = Connection(
        tenant=tenant,
        base_url=base_url,
        access_key=DEMO_ACCESS_KEY,
        start_date=dataset.start_date(today),
    )
    connection.set_secret(DEMO_SECRET_KEY)
    connection.save()
    if activate:
        actions.activate(connection)
    return connection
