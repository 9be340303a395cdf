"""Lock, failure states, dry runs, query counts, sick-leave permission and Celery tasks."""

from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection as db_connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from absences.models import Absence, AbsenceType
from integrations.hrworks import actions, tasks
from integrations.hrworks.models import Connection, PersonLink, SyncRun
from integrations.hrworks.sandbox import NO_SICK_LEAVES_ACCESS_KEY, NO_SICK_LEAVES_SECRET_KEY
from integrations.hrworks.schedule import sweep_schedule
from integrations.hrworks.sync import apply, lock
from integrations.hrworks.sync import run as run_module
from integrations.hrworks.sync.run import sync_tenant


def test_lock_rejects_second_claim_until_released(connection):
    owner = lock.acquire(connection)
    with pytest.raises(lock.SyncLocked):
        lock.acquire(connection)
    lock.release(connection, owner)
    lock.release(connection, lock.acquire(connection))


def test_stale_lock_is_taken_over(connection, settings):
    lock.acquire(connection)
    Connection.objects.filter(pk=connection.pk).update(
        locked_at=timezone.now() - timedelta(hours=1)
    )
    assert lock.acquire(connection)


def test_sync_while_locked_raises(hr, sync, connection):
    lock.acquire(connection)
    with pytest.raises(lock.SyncLocked):
        sync()
    assert not SyncRun.objects.exists()


def test_query_count_does_not_grow_with_persons(hr, sync, make_user, tenant):
    def add(numbers):
        for n in numbers:
            make_user(f"user{n}@example.com")
            hr.add_person(n, f"user{n}@example.com")
            hr.add_absence(n, "2026-03-02", "2026-03-03")
            hr.add_sick_leave(n, "2026-06-01", "2026-06-01")

    def count_queries():
        with CaptureQueriesContext(db_connection) as queries:
            run = sync()
        assert run.succeeded
        return len(queries.captured_queries)

    add(range(1, 4))
    first_small = count_queries()
    unchanged_small = count_queries()
    # Start the larger tenant from the same state: nothing imported, nothing linked.
    Absence.objects.all().delete()
    AbsenceType.objects.all().delete()
    PersonLink.objects.all().delete()
    add(range(4, 40))
    first_large = count_queries()
    unchanged_large = count_queries()
    assert first_large == first_small
    assert unchanged_large == unchanged_small


def test_absence_updates_are_written_in_batches(hr, sync, make_user, monkeypatch):
    monkeypatch.setattr(apply, "WRITE_BATCH_SIZE", 2)
    user = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    numbers = [
        hr.add_absence(1, f"2026-03-0{day}", f"2026-03-0{day}")["number"] for day in (2, 3, 4, 5, 6)
    ]
    assert sync().created == 5
    for number in numbers:
        hr.store.update_absence(number, remark="geändert")

    with CaptureQueriesContext(db_connection) as queries:
        run = sync()

    updates = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('UPDATE "absences_absence"')
    ]
    assert run.updated == 5
    assert len(updates) == 3
    assert set(Absence.objects.filter(user=user).values_list("note", flat=True)) == {"geändert"}


@contextmanager
def absence_instances():
    """Collect every ``Absence`` instance created in the block, loaded or built."""
    instances = []

    def collect(sender, instance, **kwargs):
        instances.append(instance)

    post_init.connect(collect, sender=Absence)
    try:
        yield instances
    finally:
        post_init.disconnect(collect, sender=Absence)


def test_sync_builds_instances_only_for_changes(hr, sync, make_user):
    make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    numbers = [
        hr.add_absence(1, f"2026-03-0{day}", f"2026-03-0{day}")["number"] for day in (2, 3, 4)
    ]
    assert sync().created == 3

    with absence_instances() as unchanged_instances:
        unchanged = sync()
    hr.store.update_absence(numbers[0], remark="geändert")
    with absence_instances() as changed_instances:
        changed = sync()

    assert unchanged.updated == 0
    assert unchanged_instances == []
    assert changed.updated == 1
    assert len(changed_instances) == 1
    assert changed_instances[0].note == "geändert"


def test_progress_writes_do_not_grow_with_groups(connection, tenant, monkeypatch):
    """A run reading 40 groups of 50 persons stores as few progress steps as one reading 10."""
    monkeypatch.setattr(run_module, "PROGRESS_INTERVAL_SECONDS", 0)

    def progress_queries(groups):
        run = SyncRun.objects.create(tenant=tenant, trigger="command")
        with CaptureQueriesContext(db_connection) as queries:
            for done in range(1, groups + 1):
                run_module._report_progress(connection, run, "owner", 5 + 85 * done // groups)
        return len(queries.captured_queries)

    few = progress_queries(10)
    many = progress_queries(40)
    assert many == few
    assert many <= 2 * 100 // run_module.PROGRESS_STEP


def test_progress_renews_lock_between_steps(connection, tenant, monkeypatch):
    owner = lock.acquire(connection)
    run = SyncRun.objects.create(tenant=tenant, trigger="command")
    clock = [1000.0]
    monkeypatch.setattr(run_module.time, "monotonic", lambda: clock[0])
    run_module._report_progress(connection, run, owner, 5)
    stale = timezone.now() - timedelta(minutes=10)
    Connection.objects.filter(pk=connection.pk).update(locked_at=stale)

    clock[0] += lock.timeout().total_seconds() / 3
    run_module._report_progress(connection, run, owner, 6)

    connection.refresh_from_db()
    assert connection.locked_at > stale
    assert SyncRun.objects.get(pk=run.pk).progress == 0


def test_dry_run_counts_but_writes_nothing(hr, tenant, make_user, connection):
    connection.is_active = False
    connection.save()
    make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    hr.add_absence(1, "2026-03-02", "2026-03-03")
    run = sync_tenant(tenant, trigger="command", dry_run=True)
    assert run.succeeded
    assert run.dry_run
    assert (run.created, run.links_created, run.types_created) == (1, 1, 3)
    assert not Absence.objects.exists()
    assert not PersonLink.objects.exists()
    assert not AbsenceType.objects.exists()


def test_sick_leaves_without_permission_are_a_notice(hr, sync, make_user, connection):
    connection.access_key = NO_SICK_LEAVES_ACCESS_KEY
    connection.set_secret(NO_SICK_LEAVES_SECRET_KEY)
    connection.save()
    anna = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    hr.add_absence(1, "2026-03-02", "2026-03-03")
    hr.add_sick_leave(1, "2026-06-01", "2026-06-01")
    run = sync()
    connection.refresh_from_db()
    assert run.succeeded
    assert {"code": "sick_leaves_denied", "params": {}} in run.warnings
    assert Absence.objects.filter(user=anna).count() == 1
    assert connection.can_read_sick_leaves is False


def test_invalid_credentials_stop_the_schedule(hr, sync, connection):
    connection.set_secret("wrong-secret")
    connection.save()
    run = sync()
    connection.refresh_from_db()
    assert run.failed
    assert run.error_kind == "credentials"
    assert connection.state == Connection.State.CREDENTIALS_INVALID
    assert connection.schedule_stopped
    with mock.patch.object(tasks.sync_tenant_task, "delay") as delay:
        assert tasks.sweep() == 0
    delay.assert_not_called()


def test_missing_person_permission_names_the_area(hr, sync, connection):
    hr.store.set_permissions(connection.access_key, ["general", "absences"])
    run = sync()
    connection.refresh_from_db()
    assert run.error_kind == "permission"
    assert run.error_area == "persons"
    assert connection.state == Connection.State.PERMISSION_MISSING


def test_sweep_queues_one_task_per_active_tenant(connection, tenant):
    other = type(tenant).objects.create(slug="zweite", name="Zweite Agentur")
    Connection.objects.create(tenant=other, is_active=False)
    with mock.patch.object(tasks.sync_tenant_task, "delay") as delay:
        assert tasks.sweep() == 1
    delay.assert_called_once_with(tenant.pk, SyncRun.Trigger.SCHEDULE)


def test_beat_schedule_uses_configured_interval(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["hrworks-sweep"]
    assert entry["task"] == "integrations.hrworks.tasks.sweep"
    assert entry["schedule"] == sweep_schedule(settings.HRWORKS_SYNC_INTERVAL_MINUTES)


def test_retry_delay_honours_retry_after(settings):
    settings.HRWORKS_SYNC_RETRY_BACKOFF_SECONDS = 10
    assert tasks.retry_delay(0, None) == 10
    assert tasks.retry_delay(2, None) == 40
    assert tasks.retry_delay(0, 120) == 120


def test_task_retries_transient_failures(hr, connection, settings, tenant):
    settings.HRWORKS_SYNC_MAX_RETRIES = 2
    settings.HRWORKS_CLIENT_MAX_RETRIES = 0
    hr.sandbox.add_fault("503:path=/v2/authentication")
    result = tasks.sync_tenant_task.apply(args=(tenant.pk, "manual"))
    runs = SyncRun.objects.filter(tenant=tenant)
    assert runs.count() == 3
    assert all(run.error_kind == "transient" for run in runs)
    assert result.get() == runs.first().pk


def test_task_does_not_retry_invalid_credentials(hr, connection, tenant):
    connection.set_secret("wrong-secret")
    connection.save()
    tasks.sync_tenant_task.apply(args=(tenant.pk, "manual"))
    assert SyncRun.objects.filter(tenant=tenant).count() == 1


def test_activation_queues_first_run_after_commit(
    connection, tenant, django_capture_on_commit_callbacks
):
    connection.is_active = False
    connection.save()
    with mock.patch.object(tasks.sync_tenant_task, "delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            actions.activate(connection)
            delay.assert_not_called()
    delay.assert_called_once_with(tenant.pk, SyncRun.Trigger.ACTIVATION)


def test_stale_running_run_is_closed_by_next_run(connection, tenant, hr, make_user):
    """A run whose worker died stays "running" until the next run takes the stale lock."""
    hr.add_person(1, "anna@example.com")
    make_user("anna@example.com")
    orphan = SyncRun.objects.create(tenant=tenant, trigger="schedule", progress=40)
    run = sync_tenant(tenant, trigger="manual")
    orphan.refresh_from_db()
    assert run.succeeded
    assert orphan.status == SyncRun.Status.FAILED
    assert orphan.error_kind == "interrupted"
    assert orphan.error.startswith("Die Synchronisierung wurde unterbrochen")
    assert orphan.finished_at is not None


def test_start_date_changed_mid_run_waits_for_next_run(
    connection, tenant, hr, make_user, make_local_absence, monkeypatch
):
    """The plan uses the start date of its fetch, so no local absence before it is replaced."""
    hr.add_person(1, "anna@example.com")
    anna = make_user("anna@example.com")
    december = make_local_absence(anna, "2025-12-01", "2025-12-02")
    original_fetch = run_module.fetch.fetch_absences

    def fetch_then_move_start(*args, **kwargs):
        data = original_fetch(*args, **kwargs)
        Connection.objects.filter(pk=connection.pk).update(start_date="2025-11-01")
        return data

    monkeypatch.setattr(run_module.fetch, "fetch_absences", fetch_then_move_start)
    run = sync_tenant(tenant, trigger="manual")
    december.refresh_from_db()
    assert run.succeeded
    assert run.replaced == 0
    assert december.superseded_at is None
