"""Worked cases of the sync over the sandbox: leavers, half days, windows, faults, matching."""

from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import parse_qs

import pytest

from absences.models import Absence, AbsenceType, Source
from integrations.hrworks import actions
from integrations.hrworks.models import Person, PersonLink


def _snapshot():
    """Return every absence, type, person and link row as comparable tuples."""
    return (
        sorted(Absence.objects.values_list()),
        sorted(AbsenceType.objects.values_list()),
        sorted(Person.objects.values_list()),
        sorted(PersonLink.objects.values_list()),
    )


def test_leaver_keeps_link_and_march_absences(hr, sync, make_user, imported):
    anna = make_user("anna@example.com")
    hr.add_person(1001, "anna@example.com")
    hr.add_absence(1001, "2026-03-09", "2026-03-13", workingDays=5)
    hr.add_absence(1001, "2026-03-23", "2026-03-24", workingDays=2)
    sync()

    hr.store.update_person("person.1001", isActive=False, leaveDate="2026-04-30")
    run = sync()
    person = Person.objects.get(person_id="person.1001")
    assert run.succeeded
    assert person.is_active is False
    assert person.leave_date == date(2026, 4, 30)
    assert PersonLink.objects.get(user=anna).person == person
    assert [row[1] for row in imported(anna)] == [date(2026, 3, 9), date(2026, 3, 23)]


# (flags sent by hr works, expected (start_half_day, end_half_day)). Each flag is also sent
# alone, so that a mapping that swaps the first and the last day fails.
HALF_DAY_CASES = [
    ({"isBeginDateHalfDay": True, "isEndDateHalfDay": False}, (True, False)),
    ({"isBeginDateHalfDay": False, "isEndDateHalfDay": True}, (False, True)),
    ({"isBeginDateHalfDay": True, "isEndDateHalfDay": True}, (True, True)),
    ({"isAfternoonHalfDay": True, "isForenoonHalfDay": False}, (True, False)),
    ({"isAfternoonHalfDay": False, "isForenoonHalfDay": True}, (False, True)),
    ({"isAfternoonHalfDay": True, "isForenoonHalfDay": True}, (True, True)),
]


@pytest.mark.parametrize(
    ("flags", "expected"),
    HALF_DAY_CASES,
    ids=["begin", "end", "both", "legacy-afternoon", "legacy-forenoon", "legacy-both"],
)
def test_half_days_from_current_and_legacy_flags(hr, sync, make_user, flags, expected):
    anna = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    item = hr.add_absence(1, "2026-03-10", "2026-03-14")
    del item["isBeginDateHalfDay"], item["isEndDateHalfDay"]
    item.update(flags)
    sync()
    absence = Absence.objects.get(user=anna)
    assert absence.start_half_day is expected[0]
    assert absence.end_half_day is expected[1]


def test_year_spanning_vacation_and_local_absences_around_start(
    hr, sync, make_user, make_local_absence, imported
):
    anna = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    vacation = hr.add_absence(1, "2025-12-29", "2026-01-03", workingDays=4)
    november = make_local_absence(anna, date(2025, 11, 10), date(2025, 11, 12))
    january = make_local_absence(anna, date(2026, 1, 2), date(2026, 1, 2))
    sync()
    sync()

    november.refresh_from_db()
    january.refresh_from_db()
    assert imported(anna) == [
        (vacation["number"], date(2025, 12, 29), date(2026, 1, 3), "approved")
    ]
    assert november.superseded_at is None
    assert january.superseded_at is not None

    actions.unlink(PersonLink.objects.get(user=anna))
    january.refresh_from_db()
    november.refresh_from_db()
    assert january.superseded_at is None
    assert november.superseded_at is None
    assert imported(anna) == []


def test_person_with_450_absences_over_10_pages(hr, sync, make_user, connection):
    # The start date makes the read range one calendar year, so one request window.
    year = connection.window_end().year
    connection.start_date = date(year, 1, 1)
    connection.save()
    anna = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    for index in range(450):
        day = (date(year, 1, 1) + timedelta(days=index % 360)).isoformat()
        hr.add_absence(1, day, day)
    hr.sandbox.items_per_page = 45
    run = sync()

    queries = [parse_qs(record.query) for record in hr.sandbox.requests_to("/v2/absences")]
    windows = {(query["beginDate"][0], query["endDate"][0]) for query in queries}
    pages = [query.get("page", ["1"])[0] for query in queries]
    assert run.succeeded
    assert windows == {(f"{year}-01-01", f"{year}-12-31")}
    assert pages == [str(page) for page in range(1, 11)]
    assert Absence.objects.filter(user=anna, source=Source.HRWORKS).count() == 450
    assert run.created == 450


def test_rate_limit_fails_run_in_german_without_changes(hr, sync, make_user):
    make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    hr.add_absence(1, "2026-03-02", "2026-03-03")
    sync()
    hr.add_absence(1, "2026-04-02", "2026-04-03")
    hr.store.data["absenceTypes"][0]["name"] = "Erholungsurlaub"
    before = _snapshot()

    hr.sandbox.add_fault("429:retry-after=1:times=5")
    run = sync()
    assert run.failed
    assert run.error_kind == "transient"
    assert run.retry_after == 1
    assert "automatisch wiederholt" in run.error
    assert run.request_count == 5
    assert _snapshot() == before


def test_deleted_rejected_and_cancelled_absences_disappear(hr, sync, make_user, imported):
    anna = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    deleted = hr.add_absence(1, "2026-02-02", "2026-02-02")
    rejected = hr.add_absence(1, "2026-02-03", "2026-02-03")
    cancelled = hr.add_absence(1, "2026-02-04", "2026-02-04")
    kept = hr.add_absence(1, "2026-02-05", "2026-02-05")
    sync()
    assert len(imported(anna)) == 4

    hr.store.remove_absence(deleted["number"])
    hr.store.set_absence_status(rejected["number"], "validatedNotOk")
    hr.store.set_absence_status(cancelled["number"], "cancelled")
    sync()
    assert [row[0] for row in imported(anna)] == [kept["number"]]


def test_timeout_on_second_group_leaves_rows_as_they_were(hr, sync, make_user, settings):
    for n in range(1, 61):
        make_user(f"user{n}@example.com")
        hr.add_person(n, f"user{n}@example.com")
        hr.add_absence(n, "2026-03-02", "2026-03-03")
    sync()
    hr.add_absence(1, "2026-04-02", "2026-04-03")
    hr.add_absence(60, "2026-04-02", "2026-04-03")
    hr.store.data["absenceTypes"][0]["name"] = "Erholungsurlaub"
    before = _snapshot()

    settings.HRWORKS_CLIENT_TIMEOUT_SECONDS = 0.3
    settings.HRWORKS_CLIENT_MAX_RETRIES = 1
    hr.sandbox.add_fault("timeout:path=/v2/absences:after=1:ms=1500")
    run = sync()
    assert run.failed
    assert run.error_kind == "transient"
    assert _snapshot() == before


STATUS_CASES = [
    ("validatedOk", "approved"),
    ("cancellationRequested", "approved"),
    ("deletionRequested", "approved"),
    ("requested", "pending"),
    ("changesRequested", "pending"),
    ("editing", "pending"),
    ("editingChanges", "pending"),
    ("substitutionRequested", "pending"),
    ("aStatusFromTheFuture", "pending"),
    ("validatedNotOk", None),
    ("cancelled", None),
    ("substitutionRejected", None),
]


@pytest.mark.parametrize(("status", "expected"), STATUS_CASES)
def test_each_status_lands_as_the_rules_say(hr, sync, make_user, status, expected):
    anna = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    hr.add_absence(1, "2026-03-02", "2026-03-02", statusIdentifier=status)
    sync()
    statuses = list(Absence.objects.filter(user=anna).values_list("status", flat=True))
    assert statuses == ([] if expected is None else [expected])


def test_sick_leave_without_substitute_and_end_half_day(hr, sync, make_user, tenant):
    anna = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    item = hr.add_sick_leave(1, "2026-06-01", "2026-06-03", isEndDateHalfDay=True, workingDays=2.5)
    item.pop("substitute", None)
    run = sync()
    sick = Absence.objects.get(user=anna)
    assert run.succeeded
    assert run.problems == []
    assert sick.type.category == AbsenceType.Category.SICK_LEAVE
    assert sick.type.name == "Krankheit"
    assert (sick.start_half_day, sick.end_half_day) == (False, True)
    assert sick.working_days == Decimal("2.50")
    assert sick.status == Absence.Status.APPROVED


def test_email_with_spaces_and_case_links(hr, sync, make_user):
    anna = make_user("anna.schmidt@example.com")
    hr.add_person(1, " Anna.Schmidt@Example.COM\u00a0")
    sync()
    assert PersonLink.objects.get(user=anna).person.person_id == "person.1"


def test_shared_email_needs_manual_link_that_sticks(hr, sync, make_user, tenant):
    anna = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    hr.add_person(2, "anna@example.com")
    hr.add_absence(2, "2026-03-02", "2026-03-03")
    run = sync()
    assert not PersonLink.objects.exists()
    assert run.links_created == 0

    from integrations.hrworks.linking import conflicts

    shared = conflicts(tenant).shared_by_persons
    assert [sorted(p.person_id for p in group.persons) for group in shared] == [
        ["person.1", "person.2"]
    ]

    second = Person.objects.get(person_id="person.2")
    actions.link_person(tenant, anna, second)
    sync()
    sync()
    link = PersonLink.objects.get(user=anna)
    assert link.person == second
    assert link.method == PersonLink.Method.MANUAL
    assert Absence.objects.filter(user=anna, source=Source.HRWORKS).count() == 1


def test_renamed_type_keeps_switches_removed_type_archived(hr, sync, make_user):
    anna = make_user("anna@example.com")
    hr.add_person(1, "anna@example.com")
    hr.add_absence(1, "2026-03-02", "2026-03-03")
    hr.add_absence(1, "2026-05-04", "2026-05-04", type="TRN", name="Fortbildung")
    sync()
    vacation = AbsenceType.objects.get(external_key="AL")
    vacation.counts_for_hour_balance = False
    vacation.counts_for_capacity = False
    vacation.reviewed = True
    vacation.save()

    hr.store.data["absenceTypes"][0]["name"] = "Erholungsurlaub"
    del hr.store.data["absenceTypes"][1]
    sync()
    renamed = AbsenceType.objects.get(pk=vacation.pk)
    training = AbsenceType.objects.get(external_key="TRN")
    assert renamed.name == "Erholungsurlaub"
    assert (renamed.counts_for_hour_balance, renamed.counts_for_capacity) == (False, False)
    assert renamed.reviewed is True
    assert Absence.objects.filter(user=anna, type=renamed).count() == 1
    assert training.archived_at is not None
