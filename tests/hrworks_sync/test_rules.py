"""The sync rules, one test each, over the sandbox."""

from datetime import date

from django.db import connection as db_connection
from django.test.utils import CaptureQueriesContext

from absences.models import Absence, AbsenceType, Source
from integrations.hrworks import actions
from integrations.hrworks.models import Person, PersonLink, SyncRun


def test_type_seen_becomes_local_type_and_rename_keeps_it(hr, sync):
    first = sync()
    vacation = AbsenceType.objects.get(source=Source.HRWORKS, external_key="AL")
    assert first.succeeded
    assert vacation.name == "Urlaub"
    assert vacation.color == "#4CAF50"
    assert vacation.reviewed is False

    hr.store.data["absenceTypes"][0].update(name="Erholungsurlaub", color="#00AA00")
    sync()
    renamed = AbsenceType.objects.get(source=Source.HRWORKS, external_key="AL")
    assert renamed.pk == vacation.pk
    assert renamed.name == "Erholungsurlaub"
    assert renamed.color == "#00AA00"


def test_missing_or_inactive_type_is_archived_not_deleted(hr, sync):
    sync()
    hr.store.data["absenceTypes"][1]["isActive"] = False
    sync()
    training = AbsenceType.objects.get(external_key="TRN")
    assert training.archived_at is not None

    del hr.store.data["absenceTypes"][0]
    sync()
    vacation = AbsenceType.objects.get(external_key="AL")
    assert vacation.archived_at is not None


def test_first_activation_archives_local_types_only(hr, sync, local_type, connection):
    sync()
    local_type.refresh_from_db()
    assert local_type.archived_at is not None

    actions.deactivate(connection)
    actions.activate(connection)
    sync()
    hrworks_types = AbsenceType.objects.filter(source=Source.HRWORKS)
    assert hrworks_types.count() == 3
    assert not hrworks_types.filter(archived_at__isnull=False).exists()


def test_unique_business_email_links_automatically(hr, sync, make_user):
    anna = make_user("anna@example.com")
    hr.add_person(1001, "Anna@Example.com")
    run = sync()
    link = PersonLink.objects.get(user=anna)
    assert link.person.person_id == "person.1001"
    assert link.method == PersonLink.Method.EMAIL
    assert run.links_created == 1


def test_shared_or_missing_email_is_not_linked(hr, sync, make_user):
    make_user("team@example.com")
    make_user("privat@example.org")
    hr.add_person(1, "team@example.com")
    hr.add_person(2, "TEAM@example.com")
    hr.add_person(3, None, privateEmail="privat@example.org")
    sync()
    assert PersonLink.objects.count() == 0


def test_leaver_keeps_link_and_absences(hr, sync, make_user, imported):
    anna = make_user("anna@example.com")
    hr.add_person(1001, "anna@example.com")
    hr.add_absence(1001, "2026-03-02", "2026-03-06")
    sync()

    hr.store.update_person("person.1001", isActive=False, leaveDate="2026-06-30")
    sync()
    assert PersonLink.objects.filter(user=anna).exists()
    assert len(imported(anna)) == 1

    hr.store.remove_person("person.1001")
    run = sync()
    assert run.succeeded
    assert PersonLink.objects.get(user=anna).person.missing_since is not None
    assert len(imported(anna)) == 1


def test_approved_statuses_are_imported_as_approved(hr, sync, make_user, imported):
    anna = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    for day, status in enumerate(["validatedOk", "cancellationRequested", "deletionRequested"], 2):
        hr.add_absence(1, f"2026-03-0{day}", f"2026-03-0{day}", statusIdentifier=status)
    sync()
    assert [row[3] for row in imported(anna)] == ["approved"] * 3


def test_open_and_unknown_statuses_are_imported_as_pending(hr, sync, make_user, imported):
    anna = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    statuses = [
        "requested",
        "changesRequested",
        "editing",
        "editingChanges",
        "substitutionRequested",
        "somethingNew",
    ]
    for day, status in enumerate(statuses, 2):
        hr.add_absence(1, f"2026-04-0{day}", f"2026-04-0{day}", statusIdentifier=status)
    run = sync()
    assert [row[3] for row in imported(anna)] == ["pending"] * 6
    assert {"code": "unknown_status", "params": {"status": "somethingNew", "count": 1}} in (
        run.warnings
    )


def test_rejected_statuses_are_not_imported_and_removed(hr, sync, make_user, imported):
    anna = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    numbers = [
        hr.add_absence(1, f"2026-05-0{day}", f"2026-05-0{day}")["number"] for day in (4, 5, 6)
    ]
    sync()
    assert len(imported(anna)) == 3

    for number, status in zip(
        numbers, ["validatedNotOk", "cancelled", "substitutionRejected"], strict=True
    ):
        hr.store.set_absence_status(number, status)
    run = sync()
    assert imported(anna) == []
    assert run.deleted == 3
    assert run.skipped == 3


def test_absence_overlapping_start_date_is_imported_whole(hr, sync, make_user, imported):
    anna = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    item = hr.add_absence(1, "2025-12-29", "2026-01-03", workingDays=4)
    sync()
    assert imported(anna) == [(item["number"], date(2025, 12, 29), date(2026, 1, 3), "approved")]


def test_absence_in_several_windows_and_pages_is_stored_once(hr, sync, make_user, connection):
    connection.start_date = date(2025, 1, 1)
    connection.save()
    users = [make_user(f"user{n}@example.com") for n in range(1, 4)]
    for n in range(1, 4):
        hr.add_person(n, f"user{n}@example.com")
        # Spans the boundary of the one-year request windows.
        hr.add_absence(n, "2025-12-29", "2026-01-03")
    hr.sandbox.page_size = 1
    hr.sandbox.add_fault("split-key")
    run = sync()
    assert run.succeeded
    assert run.created == 3
    assert Absence.objects.filter(user__in=users, source=Source.HRWORKS).count() == 3


def test_absence_no_longer_returned_is_deleted(hr, sync, make_user, imported):
    anna = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    kept = hr.add_absence(1, "2026-02-02", "2026-02-02")
    gone = hr.add_absence(1, "2026-02-03", "2026-02-03")
    sync()
    hr.store.remove_absence(gone["number"])
    run = sync()
    assert [row[0] for row in imported(anna)] == [kept["number"]]
    assert run.deleted == 1


def test_local_absence_from_start_date_is_superseded(hr, sync, make_user, make_local_absence):
    anna = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    before = make_local_absence(anna, date(2025, 11, 3), date(2025, 11, 4))
    overlapping = make_local_absence(anna, date(2025, 12, 30), date(2026, 1, 2))
    after = make_local_absence(anna, date(2026, 1, 2), date(2026, 1, 2))
    run = sync()
    for absence in (before, overlapping, after):
        absence.refresh_from_db()
    assert before.superseded_at is None
    assert overlapping.superseded_at is not None
    assert after.superseded_at is not None
    assert run.replaced == 2


def test_unlink_removes_imported_and_restores_local(
    hr, sync, make_user, make_local_absence, imported
):
    anna = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    hr.add_absence(1, "2026-03-02", "2026-03-03")
    local = make_local_absence(anna, date(2026, 1, 2), date(2026, 1, 2))
    sync()
    anna.refresh_from_db()
    assert anna.absences_managed_since == date(2026, 1, 1)

    removed, restored = actions.unlink(PersonLink.objects.get(user=anna))
    local.refresh_from_db()
    anna.refresh_from_db()
    assert (removed, restored) == (1, 1)
    assert imported(anna) == []
    assert local.superseded_at is None
    assert anna.absences_managed_since is None


def test_unlinked_email_match_is_not_relinked(hr, sync, make_user, make_local_absence, imported):
    anna = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    hr.add_absence(1, "2026-03-02", "2026-03-03")
    local = make_local_absence(anna, date(2026, 1, 2), date(2026, 1, 2))
    first = sync()
    assert first.links_created == 1
    assert PersonLink.objects.get(user=anna).method == PersonLink.Method.EMAIL

    actions.unlink(PersonLink.objects.get(user=anna))
    for _ in range(2):
        run = sync()
        local.refresh_from_db()
        assert run.succeeded
        assert run.links_created == 0
        assert not PersonLink.objects.filter(user=anna).exists()
        assert imported(anna) == []
        assert local.superseded_at is None


def test_manual_link_beats_later_email_match(hr, sync, make_user, tenant, imported):
    anna = make_user("anna@example.com")
    hr.add_person(2, "a.schmidt@example.org")
    manual = hr.add_absence(2, "2026-03-02", "2026-03-03")
    sync()
    actions.link_person(tenant, anna, Person.objects.get(person_id="person.2"))

    # A person with the user's e-mail appears in hr works after the manual link.
    hr.add_person(1, "anna@example.com")
    hr.add_absence(1, "2026-04-06", "2026-04-07")
    for _ in range(2):
        run = sync()
        link = PersonLink.objects.get(user=anna)
        assert run.succeeded
        assert run.links_created == 0
        assert link.person.person_id == "person.2"
        assert link.method == PersonLink.Method.MANUAL
        assert not PersonLink.objects.filter(person__person_id="person.1").exists()
        assert [row[0] for row in imported(anna)] == [manual["number"]]


def test_unchanged_data_writes_no_rows(hr, sync, make_user, make_local_absence):
    anna = make_user("anna@example.com")
    make_user("bernd@example.com")
    hr.add_person(1, "anna@example.com")
    hr.add_person(2, "bernd@example.com")
    hr.add_person(3, None)
    hr.add_absence(1, "2026-03-02", "2026-03-03", isEndDateHalfDay=True)
    hr.add_absence(2, "2026-05-04", "2026-05-08", statusIdentifier="requested")
    hr.add_sick_leave(1, "2026-06-01", "2026-06-02")
    make_local_absence(anna, date(2026, 2, 2), date(2026, 2, 2))
    sync()

    with CaptureQueriesContext(db_connection) as queries:
        run = sync()
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    bookkeeping = ('"hrworks_syncrun"', '"hrworks_connection"')
    assert run.change_count == 0
    assert [sql for sql in writes if not any(table in sql for table in bookkeeping)] == []


def test_half_day_flags_map_to_first_and_last_day(hr, sync, make_user):
    anna = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    hr.add_absence(1, "2026-03-10", "2026-03-14", isBeginDateHalfDay=True, isEndDateHalfDay=True)
    hr.add_absence(1, "2026-04-01", "2026-04-01", isBeginDateHalfDay=True)
    sync()
    long, single = Absence.objects.filter(user=anna).order_by("start_date")
    assert (long.start_half_day, long.end_half_day) == (True, True)
    assert (single.start_half_day, single.end_half_day) == (True, False)


def test_deactivation_stops_sync_and_keeps_data(
    hr, sync, make_user, make_local_absence, connection, tenant
):
    anna = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    hr.add_absence(1, "2026-03-02", "2026-03-03")
    local = make_local_absence(anna, date(2026, 2, 2), date(2026, 2, 2))
    sync()

    actions.deactivate(connection)
    anna.refresh_from_db()
    assert anna.absences_managed_since is None
    assert PersonLink.objects.filter(user=anna).exists()
    assert Absence.objects.filter(user=anna, source=Source.HRWORKS).count() == 1

    from absences.policy import local_types_editable
    from integrations.hrworks.sync.run import IntegrationInactive

    assert local_types_editable(tenant) is True
    try:
        sync()
    except IntegrationInactive:
        pass
    else:
        raise AssertionError("a deactivated integration must not sync")

    assert actions.restore_superseded(tenant) == 1
    local.refresh_from_db()
    assert local.superseded_at is None
    assert SyncRun.objects.filter(tenant=tenant).count() == 1


def test_later_start_date_keeps_older_imports_updatable(hr, sync, make_user, connection, imported):
    """An absence imported before the start date moved later can still grow into the window."""
    connection.start_date = date(2025, 1, 1)
    connection.save()
    anna = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    item = hr.add_absence(1, "2025-12-22", "2025-12-31")
    assert sync().succeeded

    connection.start_date = date(2026, 1, 1)
    connection.save()
    run = sync()
    assert run.succeeded
    assert run.deleted == 0
    assert imported(anna) == [(item["number"], date(2025, 12, 22), date(2025, 12, 31), "approved")]

    hr.store.update_absence(item["number"], endDate="2026-01-05")
    run = sync()
    assert run.succeeded
    assert run.created == 0
    assert run.updated == 1
    assert imported(anna) == [(item["number"], date(2025, 12, 22), date(2026, 1, 5), "approved")]


def test_person_with_long_id_and_no_uuid_syncs_twice(hr, sync, make_user):
    long_id = "a" * 150
    person = hr.add_person(1, "anna@example.com", personId=long_id)
    person.pop("uuid", None)
    make_user("anna@example.com")
    assert sync().succeeded
    second = sync()
    assert second.succeeded
    assert second.persons_created == 0
