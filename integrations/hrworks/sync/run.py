"""One sync run of one tenant: lock, fetch, apply in one transaction, record the run."""

import logging
import time

from django.db import transaction
from django.utils import timezone

from .. import notices
from ..client import errors
from ..crypto import EncryptionKeyError, UnreadableSecret
from ..models import Connection, SyncRun
from . import apply, fetch, lock

logger = logging.getLogger(__name__)

# Share of the progress bar that the fetch phase fills; applying takes the rest.
FETCH_SHARE = 90
# Progress is stored when it enters the next multiple of PROGRESS_STEP percent, and at
# most once per PROGRESS_INTERVAL_SECONDS, so a run makes at most 100 / PROGRESS_STEP
# progress writes however many persons it reads.
PROGRESS_STEP = 10
PROGRESS_INTERVAL_SECONDS = 1.0


class IntegrationInactive(Exception):
    """The tenant has no active hr works connection."""


def sync_tenant(tenant, *, trigger: str, dry_run: bool = False) -> SyncRun:
    """Sync the tenant's linked users with hr works and return the recorded run.

    A dry run fetches and compares like a real run but writes nothing except its own
    ``SyncRun`` row; it also works while the integration is inactive. Raise
    ``IntegrationInactive`` for a real run without an active connection and
    ``lock.SyncLocked`` while another run of the tenant holds the lock. hr works errors do
    not raise: they are recorded in the returned failed run.
    """
    connection = Connection.objects.select_related("tenant").filter(tenant=tenant).first()
    if connection is None or not (dry_run or connection.is_active):
        raise IntegrationInactive(f"tenant {tenant.pk} has no active hr works connection")

    owner = None if dry_run else lock.acquire(connection)
    if owner is not None:
        _close_interrupted_runs(tenant)
    try:
        run = SyncRun.objects.create(tenant=tenant, trigger=trigger, dry_run=dry_run)
        _run(connection, run, owner)
    finally:
        if owner is not None:
            lock.release(connection, owner)
    return run


def _close_interrupted_runs(tenant) -> None:
    """Mark as failed the runs still shown as running although this run holds the lock.

    Only a run whose worker stopped (killed, out of memory) is left running: its claim
    turned stale, which let this run take the lock. Its apply transaction never committed.
    """
    closed = SyncRun.objects.filter(
        tenant=tenant, status=SyncRun.Status.RUNNING, dry_run=False
    ).update(
        status=SyncRun.Status.FAILED,
        error_kind="interrupted",
        error=notices.error_text_de("interrupted"),
        finished_at=timezone.now(),
    )
    if closed:
        logger.warning("hr works sync of tenant %s: %d interrupted runs closed", tenant.pk, closed)


def _run(connection: Connection, run: SyncRun, owner: str | None) -> None:
    started = time.monotonic()
    client = None
    try:
        client = fetch.make_client(connection)
        master = fetch.fetch_master_data(client)
        _report_progress(connection, run, owner, 5)
        person_ids = apply.linked_person_ids(connection, master.persons)

        def on_progress(done, total):
            _report_progress(connection, run, owner, 5 + (FETCH_SHARE - 5) * done // max(total, 1))

        absence_data = fetch.fetch_absences(
            client,
            person_ids,
            connection.start_date,
            connection.window_end(),
            with_sick_leaves=master.sick_leave_types is not None,
            on_progress=on_progress,
        )
        _report_progress(connection, run, owner, FETCH_SHARE)

        now = timezone.now()
        with transaction.atomic():
            if not run.dry_run and not _still_active(connection):
                raise IntegrationInactive("the integration was deactivated during the run")
            plan = apply.build_plan(connection, master, absence_data, now=now)
            if not run.dry_run:
                apply.execute(connection, plan, now=now)
    except IntegrationInactive:
        _fail(connection, run, client, "deactivated")
    except errors.InvalidCredentials:
        _fail(connection, run, client, "credentials")
    except errors.PermissionDenied as exc:
        _fail(connection, run, client, "permission", area=exc.area)
    except errors.TransientError as exc:
        _fail(connection, run, client, "transient", retry_after=exc.retry_after)
    except errors.HrWorksError:
        _fail(connection, run, client, "unexpected")
    except (UnreadableSecret, EncryptionKeyError):
        _fail(connection, run, client, "secret")
    except Exception:
        logger.exception("hr works sync of tenant %s failed (run %s)", connection.tenant_id, run.pk)
        _fail(connection, run, client, "internal")
    else:
        _succeed(connection, run, client, plan, master)
    finally:
        logger.info(
            "hr works sync of tenant %s: run %s %s in %.1f s, %d requests, counts %s",
            connection.tenant_id,
            run.pk,
            run.status,
            time.monotonic() - started,
            run.request_count,
            run.counts(),
        )


def _still_active(connection) -> bool:
    """Lock the connection row until commit and report whether it is still active.

    The plan keeps the start date the fetch used, even if an admin changed it meanwhile,
    because the fetched window matches only that date. The next run uses the new one.
    """
    current = (
        Connection.objects.select_for_update().filter(pk=connection.pk).values("is_active").first()
    )
    return current is not None and current["is_active"]


def _report_progress(connection, run, owner, percent: int) -> None:
    """Store the progress in a short write of its own, so pages can show it while running.

    Renew the lock with each progress write, and also between writes once a third of the
    lock timeout has passed, so that a slow step does not let the claim turn stale.
    """
    percent = max(0, min(100, percent))
    now = time.monotonic()
    last = getattr(run, "_progress_written_at", None)
    step_reached = percent // PROGRESS_STEP > run.progress // PROGRESS_STEP
    interval_passed = last is None or now - last >= PROGRESS_INTERVAL_SECONDS
    if step_reached and interval_passed:
        run._progress_written_at = now
        run.progress = percent
        SyncRun.objects.filter(pk=run.pk).update(progress=percent)
    elif not _lock_renewal_due(run, now):
        return
    if owner is not None:
        lock.renew(connection, owner)
        run._lock_renewed_at = now


def _lock_renewal_due(run, now: float) -> bool:
    renewed = getattr(run, "_lock_renewed_at", None)
    if renewed is None:
        run._lock_renewed_at = now
        return False
    return now - renewed >= lock.timeout().total_seconds() / 3


def _succeed(connection, run, client, plan: apply.Plan, master) -> None:
    now = timezone.now()
    for name, value in plan.counts().items():
        setattr(run, name, value)
    run.warnings = plan.warnings
    run.problems = plan.problems
    run.status = SyncRun.Status.SUCCEEDED
    run.progress = 100
    run.finished_at = now
    run.request_count = client.request_count
    run.save()
    if run.dry_run:
        return
    # Conditional, so that a deactivation during the run is not overwritten.
    Connection.objects.filter(pk=connection.pk, is_active=True).update(
        state=Connection.State.ACTIVE,
        last_success_at=now,
        last_error="",
        last_error_kind="",
        last_error_area="",
        can_read_sick_leaves=master.sick_leave_types is not None,
    )


def _fail(connection, run, client, kind: str, *, area: str = "", retry_after=None) -> None:
    now = timezone.now()
    text = notices.error_text_de(kind, area)
    run.status = SyncRun.Status.FAILED
    run.error_kind = kind
    run.error_area = area
    run.error = text
    run.retry_after = retry_after
    run.finished_at = now
    run.request_count = client.request_count if client is not None else 0
    run.save()
    logger.warning(
        "hr works sync of tenant %s failed: run %s, error kind %s %s",
        connection.tenant_id,
        run.pk,
        kind,
        area,
    )
    if run.dry_run:
        return
    if kind in ("credentials", "secret"):
        state = Connection.State.CREDENTIALS_INVALID
    elif kind == "permission":
        state = Connection.State.PERMISSION_MISSING
    else:
        state = Connection.State.FAILING
    Connection.objects.filter(pk=connection.pk, is_active=True).update(
        state=state,
        last_error=text,
        last_error_kind=kind,
        last_error_area=area,
        last_error_at=now,
    )
