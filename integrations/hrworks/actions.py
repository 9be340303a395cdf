"""Admin actions on the integration: activate, deactivate, link, unlink, restore.

Views, management commands and tests call these functions. Each one is a single
transaction and queues follow-up syncs only after it commits.
"""

import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from absences.models import Absence, Source

from .models import AutoLinkBlock, Connection, Person, PersonLink, SyncRun

logger = logging.getLogger(__name__)


class LinkError(Exception):
    """The user or the person is linked already."""


def queue_sync(tenant, trigger: str = SyncRun.Trigger.MANUAL) -> None:
    """Queue a sync of the tenant once the current transaction commits."""
    from .tasks import sync_tenant_task

    tenant_id = tenant.pk
    transaction.on_commit(lambda: sync_tenant_task.delay(tenant_id, trigger))


@transaction.atomic
def activate(connection: Connection) -> None:
    """Switch the sync on and queue the first run, which hands absences over to hr works."""
    connection.is_active = True
    connection.state = Connection.State.ACTIVE
    connection.activated_at = timezone.now()
    connection.last_error = ""
    connection.last_error_kind = ""
    connection.last_error_area = ""
    # Only these columns, so a lock or result written meanwhile is not put back.
    connection.save(
        update_fields=[
            "is_active",
            "state",
            "activated_at",
            "last_error",
            "last_error_kind",
            "last_error_area",
        ]
    )
    logger.info("hr works integration of tenant %s activated", connection.tenant_id)
    queue_sync(connection.tenant, SyncRun.Trigger.ACTIVATION)


@transaction.atomic
def deactivate(connection: Connection) -> None:
    """Stop the sync and hand absences back to local management; all data stays."""
    connection.is_active = False
    connection.state = Connection.State.INACTIVE
    connection.save(update_fields=["is_active", "state"])
    get_user_model().objects.filter(
        tenant_id=connection.tenant_id, absences_managed_since__isnull=False
    ).update(absences_managed_since=None)
    logger.info("hr works integration of tenant %s deactivated", connection.tenant_id)


def resume_schedule(connection: Connection) -> None:
    """Let the scheduled sweep pick the tenant up again after an admin fixed the key."""
    if connection.is_active and connection.schedule_stopped:
        connection.state = Connection.State.ACTIVE
        connection.save(update_fields=["state"])


@transaction.atomic
def link_person(tenant, user, person: Person, *, by=None) -> PersonLink:
    """Link a user to a person by hand; the e-mail matching never changes this link."""
    # A running sync holds this row lock while it applies, so the link waits for it rather
    # than being overwritten by a plan made before it.
    connection = Connection.objects.select_for_update().filter(tenant=tenant).first()
    if PersonLink.objects.filter(user=user).exists():
        raise LinkError("the user is linked already")
    if PersonLink.objects.filter(person=person).exists():
        raise LinkError("the person is linked already")
    AutoLinkBlock.objects.filter(user=user, person=person).delete()
    link = PersonLink.objects.create(
        tenant=tenant, user=user, person=person, method=PersonLink.Method.MANUAL, linked_by=by
    )
    if connection is not None and connection.is_active:
        user.absences_managed_since = connection.start_date
        user.save(update_fields=["absences_managed_since"])
        queue_sync(tenant, SyncRun.Trigger.MANUAL)
    logger.info("tenant %s: user %s linked to person %s by hand", tenant.pk, user.pk, person.pk)
    return link


@transaction.atomic
def unlink(link: PersonLink, *, by=None) -> tuple[int, int]:
    """Remove a link, the user's imported absences from the start date and restore the
    local ones they superseded. Return (removed, restored).

    The pair is marked so that the e-mail matching does not link it again.
    """
    tenant_id = link.tenant_id
    user = link.user
    # Waits for a running sync's apply phase, which holds this row lock, so that the sync
    # cannot import for the user again after the unlink.
    connection = Connection.objects.select_for_update().filter(tenant_id=tenant_id).first()
    imported = Absence.objects.filter(tenant_id=tenant_id, user=user, source=Source.HRWORKS)
    if connection is not None:
        imported = imported.filter(end_date__gte=connection.start_date)
    removed, _ = imported.delete()
    restored = Absence.objects.filter(
        tenant_id=tenant_id, user=user, source=Source.LOCAL, superseded_at__isnull=False
    ).update(superseded_at=None, updated_at=timezone.now())
    AutoLinkBlock.objects.get_or_create(
        tenant_id=tenant_id, user=user, person=link.person, defaults={"created_by": by}
    )
    link.delete()
    if user.absences_managed_since is not None:
        user.absences_managed_since = None
        user.save(update_fields=["absences_managed_since"])
    logger.info(
        "tenant %s: user %s unlinked, %d imported absences removed, %d local restored",
        tenant_id,
        user.pk,
        removed,
        restored,
    )
    return removed, restored


def superseded_count(tenant) -> int:
    return Absence.objects.filter(
        tenant=tenant, source=Source.LOCAL, superseded_at__isnull=False
    ).count()


@transaction.atomic
def restore_superseded(tenant) -> int:
    """Bring back the local absences the integration superseded; only while it is inactive."""
    if Connection.objects.filter(tenant=tenant, is_active=True).exists():
        return 0
    restored = Absence.objects.filter(
        tenant=tenant, source=Source.LOCAL, superseded_at__isnull=False
    ).update(superseded_at=None, updated_at=timezone.now())
    logger.info("tenant %s: %d superseded local absences restored", tenant.pk, restored)
    return restored
