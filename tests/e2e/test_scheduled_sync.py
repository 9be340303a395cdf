"""Celery beat triggers the hr works sweep, a real worker syncs the demo agency, and the
database ends up exactly as the sandbox's data prescribes."""

from datetime import date
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone

from absences.models import Absence, AbsenceType, Source
from integrations.hrworks import actions, tasks
from integrations.hrworks.demo import dataset, seed
from integrations.hrworks.models import Connection, Person, PersonLink, SyncRun
from integrations.hrworks.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY
from integrations.hrworks.sandbox.workdays import working_days
from users.models import User

pytestmark = pytest.mark.e2e

SICK_LEAVE_PREFIX = "sick_leave:"
APPROVED = {"validatedOk", "cancellationRequested", "deletionRequested"}
REJECTED = {"validatedNotOk", "cancelled", "substitutionRejected"}
# A first sync of the demo data takes well under a second; the margin covers slow machines.
SYNC_TIMEOUT_SECONDS = 60
# The demo person whose business e-mail fits no user (she married and the agency system has
# her new name), and the user an admin links to her by hand.
LEFTOVER_PERSON_ID = "k.woehler"
LEFTOVER_USER_EMAIL = "katrin.neumann@demo-agentur.example"


# The expected database state, derived from the sandbox data by the documented rules
# rather than by the sync code.


def expected_links(data: dict, tenant, manual_links: dict[str, int]) -> dict[str, int]:
    """Return personId -> user id for persons whose business e-mail fits one user, plus
    the ``manual_links`` an admin made by hand (personId -> user id)."""
    users = {u.email.casefold(): u.pk for u in User.objects.filter(tenant=tenant)}
    links = {
        person["personId"]: users[person["email"].casefold()]
        for person in data["persons"]
        if person.get("email") and person["email"].casefold() in users
    }
    return {**links, **manual_links}


def expected_types(data: dict) -> dict[tuple, tuple]:
    """Return (category, external key) -> (name, colour, archived) of the hr works types."""
    types = {}
    for item in data["absenceTypes"]:
        archived = not item.get("isActive", True)
        types[(AbsenceType.Category.ABSENCE, item["key"])] = (item["name"], item["color"], archived)
    for item in data["sickLeaveTypes"]:
        archived = not item.get("isActive", True)
        key = SICK_LEAVE_PREFIX + item["key"]
        types[(AbsenceType.Category.SICK_LEAVE, key)] = (item["name"], item["color"], archived)
    return types


def expected_absences(data: dict, links: dict, first: date, last: date) -> dict[str, tuple]:
    """Return external number -> the fields of every absence the sync must import."""
    expected = {}
    for area, prefix in (("absences", ""), ("sickLeaves", SICK_LEAVE_PREFIX)):
        for person_id, items in data[area].items():
            if person_id not in links:
                continue
            for item in items:
                begin = date.fromisoformat(item["beginDate"])
                end = date.fromisoformat(item["endDate"])
                if end < first or begin > last:
                    continue
                status = item["statusIdentifier"]
                if area == "sickLeaves":
                    if status == "cancelled":
                        continue
                    status = Absence.Status.APPROVED
                elif status in REJECTED:
                    continue
                else:
                    status = Absence.Status.APPROVED if status in APPROVED else "pending"
                expected[prefix + item["number"]] = (
                    links[person_id],
                    prefix + item["type"],
                    begin,
                    end,
                    item.get("isBeginDateHalfDay", False),
                    item.get("isEndDateHalfDay", False),
                    Decimal(str(working_days(item))).quantize(Decimal("0.01")),
                    status,
                    item.get("remark", "") if area == "absences" else "",
                )
    return expected


def actual_absences(tenant) -> dict[str, tuple]:
    rows = Absence.objects.filter(tenant=tenant, source=Source.HRWORKS).select_related("type")
    return {
        a.external_number: (
            a.user_id,
            a.type.external_key,
            a.start_date,
            a.end_date,
            a.start_half_day,
            a.end_half_day,
            a.working_days,
            a.status,
            a.note,
        )
        for a in rows
    }


def actual_types(tenant) -> dict[tuple, tuple]:
    rows = AbsenceType.objects.filter(tenant=tenant, source=Source.HRWORKS)
    return {
        (t.category, t.external_key): (t.name, t.color, t.archived_at is not None) for t in rows
    }


def assert_database_matches(
    data: dict, connection: Connection, manual_links: dict[str, int] | None = None
) -> None:
    tenant = connection.tenant
    manual_links = manual_links or {}
    links = expected_links(data, tenant, manual_links)
    person_links = PersonLink.objects.filter(tenant=tenant)
    linked = dict(person_links.values_list("person__person_id", "user"))
    methods = dict(person_links.values_list("person__person_id", "method"))
    assert linked == links
    assert methods == {
        person_id: PersonLink.Method.MANUAL
        if person_id in manual_links
        else PersonLink.Method.EMAIL
        for person_id in links
    }

    persons = {p.person_id: p for p in Person.objects.filter(tenant=tenant)}
    assert set(persons) == {p["personId"] for p in data["persons"]}
    for item in data["persons"]:
        person = persons[item["personId"]]
        assert person.uuid == item["uuid"]
        assert (person.first_name, person.last_name) == (item["firstName"], item["lastName"])
        assert person.email == item.get("email", "")
        assert person.is_active == item.get("isActive", True)
        leave = item.get("leaveDate")
        assert person.leave_date == (date.fromisoformat(leave) if leave else None)

    assert actual_types(tenant) == expected_types(data)
    local_types = AbsenceType.objects.filter(tenant=tenant, source=Source.LOCAL)
    assert not local_types.filter(archived_at__isnull=True).exists()

    expected = expected_absences(data, links, connection.start_date, connection.window_end())
    actual = actual_absences(tenant)
    assert actual.keys() == expected.keys()
    for number, fields in expected.items():
        assert actual[number] == fields, number

    # Local absences of linked users from the start date on are superseded, the rest stay.
    local = Absence.objects.filter(tenant=tenant, source=Source.LOCAL)
    for absence in local:
        should_be_superseded = (
            absence.user_id in links.values() and absence.end_date >= connection.start_date
        )
        assert (absence.superseded_at is not None) == should_be_superseded, absence


def snapshot(tenant) -> dict:
    """Return every row the sync writes, with its last-change time where it has one."""
    return {
        "absences": sorted(
            Absence.objects.filter(tenant=tenant).values_list("pk", "updated_at", "superseded_at")
        ),
        "types": sorted(
            AbsenceType.objects.filter(tenant=tenant).values_list("pk", "updated_at", "name")
        ),
        "persons": sorted(Person.objects.filter(tenant=tenant).values_list(*PERSON_COLUMNS)),
        "links": sorted(PersonLink.objects.filter(tenant=tenant).values_list("pk", "linked_at")),
    }


PERSON_COLUMNS = ("pk", "person_id", "email", "is_active", "leave_date", "missing_since")


def scheduled_runs(tenant, after=None):
    runs = SyncRun.objects.filter(tenant=tenant, trigger=SyncRun.Trigger.SCHEDULE)
    if after is not None:
        runs = runs.filter(started_at__gt=after)
    return runs.exclude(status=SyncRun.Status.RUNNING).order_by("started_at")


@pytest.fixture
def active_demo_agency(demo_sandbox, transactional_db):
    """The seeded demo agency with an active connection that has never synced."""
    tenant = seed.seed(dataset.REFERENCE_TODAY).tenant
    connection = Connection(
        tenant=tenant,
        base_url=demo_sandbox.base_url,
        access_key=DEMO_ACCESS_KEY,
        start_date=dataset.REFERENCE_START_DATE,
        is_active=True,
        state=Connection.State.ACTIVE,
        activated_at=timezone.now(),
    )
    connection.set_secret(DEMO_SECRET_KEY)
    connection.save()
    return connection


def test_beat_sweeps_and_worker_syncs_exactly(
    active_demo_agency, demo_sandbox, celery_worker_with_beat, wait
):
    connection = active_demo_agency
    tenant = connection.tenant
    worker = celery_worker_with_beat()

    # Beat's sweep queues the sync; the worker runs it against the sandbox.
    first = wait(
        lambda: scheduled_runs(tenant).first(), worker, SYNC_TIMEOUT_SECONDS, "the first sync"
    )
    assert first.status == SyncRun.Status.SUCCEEDED, first.error
    assert first.created > 100
    assert first.replaced == 6
    connection.refresh_from_db()
    assert connection.last_success_at is not None
    assert_database_matches(demo_sandbox.store.data, connection)

    # The admin links the person whose e-mail differs by hand. The sync that the action
    # queues is patched out because this process's broker is not the worker's, so the next
    # scheduled sweep is the run that imports her absences.
    katrin = User.objects.get(tenant=tenant, email=LEFTOVER_USER_EMAIL)
    leftover = Person.objects.get(tenant=tenant, person_id=LEFTOVER_PERSON_ID)
    admin = User.objects.get(tenant=tenant, email=seed.ADMIN_EMAIL)
    assert not PersonLink.objects.filter(user=katrin).exists()
    with mock.patch.object(tasks.sync_tenant_task, "delay"):
        actions.link_person(tenant, katrin, leftover, by=admin)
    manual_links = {LEFTOVER_PERSON_ID: katrin.pk}
    linked_at = timezone.now()
    second = wait(
        lambda: scheduled_runs(tenant, after=linked_at).first(),
        worker,
        SYNC_TIMEOUT_SECONDS,
        "the sync after the manual link",
    )
    assert second.status == SyncRun.Status.SUCCEEDED, second.error
    assert second.created > 0
    assert second.replaced == 1
    assert_database_matches(demo_sandbox.store.data, connection, manual_links)

    # The next sweep finds nothing to change and writes nothing.
    before = snapshot(tenant)
    idle = wait(
        lambda: scheduled_runs(tenant, after=second.started_at).first(),
        worker,
        SYNC_TIMEOUT_SECONDS,
        "the sync without changes",
    )
    assert idle.status == SyncRun.Status.SUCCEEDED, idle.error
    assert idle.change_count == 0
    assert snapshot(tenant) == before

    # hr works changes: a renamed type, decided requests, a shorter vacation, new entries.
    training = AbsenceType.objects.get(tenant=tenant, external_key="FB", source=Source.HRWORKS)
    training_absences = set(training.absences.values_list("pk", flat=True))
    demo_sandbox.store.replace(dataset.load_demo_dataset(dataset.LATER))
    changed_at = timezone.now()
    third = wait(
        lambda: scheduled_runs(tenant, after=changed_at).first(),
        worker,
        SYNC_TIMEOUT_SECONDS,
        "the sync after the change",
    )
    assert third.status == SyncRun.Status.SUCCEEDED, third.error
    assert third.types_updated == 1
    assert (third.created, third.updated, third.deleted) == (2, 2, 1)
    training.refresh_from_db()
    assert training.name == "Weiterbildung"
    assert set(training.absences.values_list("pk", flat=True)) == training_absences
    assert_database_matches(demo_sandbox.store.data, connection, manual_links)
