"""A per-tenant sync lock that holds across processes and machines.

The lock lives on the tenant's ``Connection`` row and is claimed with one conditional
UPDATE, which the database runs atomically on SQLite and PostgreSQL alike. A claim older
than ``HRWORKS_SYNC_LOCK_TIMEOUT_SECONDS`` counts as stale (its worker died) and can be
taken over; a running sync renews its claim whenever it reports progress.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from ..models import Connection

DEFAULT_TIMEOUT_SECONDS = 15 * 60


class SyncLocked(Exception):
    """Another sync of the same tenant is running."""


def timeout() -> timedelta:
    """Return how long a claim holds before another run may take it over."""
    seconds = getattr(settings, "HRWORKS_SYNC_LOCK_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS)
    return timedelta(seconds=seconds)


def acquire(connection: Connection) -> str:
    """Claim the tenant's lock and return the owner token; raise ``SyncLocked`` if held."""
    owner = uuid.uuid4().hex
    now = timezone.now()
    free = Q(locked_at__isnull=True) | Q(locked_at__lt=now - timeout())
    claimed = (
        Connection.objects.filter(pk=connection.pk)
        .filter(free)
        .update(lock_owner=owner, locked_at=now)
    )
    if claimed != 1:
        raise SyncLocked(f"a sync of tenant {connection.tenant_id} is already running")
    return owner


def renew(connection: Connection, owner: str) -> bool:
    """Refresh the claim so that it does not turn stale; return False if it was lost."""
    renewed = Connection.objects.filter(pk=connection.pk, lock_owner=owner).update(
        locked_at=timezone.now()
    )
    return renewed == 1


def release(connection: Connection, owner: str) -> None:
    Connection.objects.filter(pk=connection.pk, lock_owner=owner).update(
        lock_owner="", locked_at=None
    )


def is_locked(connection: Connection) -> bool:
    connection.refresh_from_db(fields=["lock_owner", "locked_at"])
    return connection.locked_at is not None and connection.locked_at >= timezone.now() - timeout()
