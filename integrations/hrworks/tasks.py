"""Celery tasks of the hr works integration; the work is in `sync.run.sync_tenant`."""

import logging

from celery import shared_task
from django.conf import settings

from users.models import Tenant

from .models import Connection, SyncRun
from .sync.lock import SyncLocked
from .sync.run import IntegrationInactive, sync_tenant

logger = logging.getLogger(__name__)

# Upper bound for one retry delay in seconds. A larger Retry-After from hr works would
# overflow Celery's ETA; the scheduled sweep takes the tenant up again anyway.
MAX_RETRY_DELAY = 24 * 60 * 60


def retry_delay(retries: int, retry_after: float | None) -> float:
    """Return the seconds before retry number ``retries + 1``: exponential backoff, but
    never sooner than hr works asked with Retry-After and never later than a day."""
    base = getattr(settings, "HRWORKS_SYNC_RETRY_BACKOFF_SECONDS", 60)
    return min(MAX_RETRY_DELAY, max(retry_after or 0.0, base * 2**retries))


@shared_task(bind=True, acks_late=True)
def sync_tenant_task(self, tenant_id: int, trigger: str = SyncRun.Trigger.SCHEDULE):
    """Sync one tenant; retry transient hr works failures with backoff."""
    tenant = Tenant.objects.filter(pk=tenant_id).first()
    if tenant is None:
        return None
    try:
        run = sync_tenant(tenant, trigger=trigger)
    except IntegrationInactive:
        logger.info("hr works sync of tenant %s skipped: integration inactive", tenant_id)
        return None
    except SyncLocked:
        logger.info(
            "hr works sync of tenant %s skipped: the lock is taken by another run", tenant_id
        )
        return None

    max_retries = getattr(settings, "HRWORKS_SYNC_MAX_RETRIES", 3)
    if run.error_kind == SyncRun.ErrorKind.TRANSIENT and self.request.retries < max_retries:
        countdown = retry_delay(self.request.retries, run.retry_after)
        logger.info(
            "hr works sync of tenant %s: retry %d in %.0f s",
            tenant_id,
            self.request.retries + 1,
            countdown,
        )
        raise self.retry(countdown=countdown, max_retries=max_retries)
    return run.pk


@shared_task
def sweep() -> int:
    """Queue one sync per active tenant whose schedule an admin has not to fix first."""
    tenant_ids = list(
        Connection.objects.filter(is_active=True)
        .exclude(state__in=Connection.STOPPED_STATES)
        .values_list("tenant_id", flat=True)
    )
    for tenant_id in tenant_ids:
        sync_tenant_task.delay(tenant_id, SyncRun.Trigger.SCHEDULE)
    logger.info("hr works sweep queued %d tenant syncs", len(tenant_ids))
    return len(tenant_ids)
