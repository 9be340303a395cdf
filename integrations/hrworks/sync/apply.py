"""Apply phase of the sync: compare hr works with the database and write the difference.

``build_plan`` reads the database and decides every change without writing. ``execute``
writes a plan with bulk statements of at most ``WRITE_BATCH_SIZE`` rows per kind of
change. The number of SQL queries therefore grows with the number of changed rows, not
with the number of persons. A plan with no changes writes nothing. The caller runs both inside
one transaction.

Stored absences are compared as value tuples streamed from the database, and only the
rows that change are kept in the plan: a tenant of 2,000 persons has about 180,000.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from django.contrib.auth import get_user_model

from absences.models import Absence, AbsenceType, Source

from ..client import types
from ..models import AutoLinkBlock, Connection, Person, PersonLink
from .fetch import AbsenceData, MasterData
from .matching import MatchResult, PersonEmail, match_by_email, person_key

# hr works numbers absence types and sick-leave types, and absences and sick leaves, in
# separate key spaces. The prefix keeps them apart in the shared columns.
SICK_LEAVE_PREFIX = "sick_leave:"

# Import of each hr works absence status: approved, pending, or not imported (and removed).
APPROVED_STATUSES = frozenset({"validatedOk", "cancellationRequested", "deletionRequested"})
PENDING_STATUSES = frozenset(
    {"requested", "changesRequested", "editing", "editingChanges", "substitutionRequested"}
)
REJECTED_STATUSES = frozenset({"validatedNotOk", "cancelled", "substitutionRejected"})

# Sick leaves are reported facts, not requests: every status but "cancelled" counts.
SICK_LEAVE_STATUSES = frozenset(
    {
        "reported",
        "validatedOk",
        "certificatePending",
        "electronicCertificatePending",
        "electronicCertificateAvailable",
        "electronicCertificateRequestSent",
        "electronicCertificateRequestFailed",
        "cancellationRequested",
    }
)
SICK_LEAVE_CANCELLED = "cancelled"

COLOR_PATTERN = re.compile(r"^#[0-9A-Fa-f]{6}$")

# Rows per bulk INSERT or UPDATE. Django's bulk_update sets each field with a CASE that
# lists every row of the statement, so one statement over n rows makes the database
# compare about n * n / 2 ids per field. Batches keep the cost linear in the changed rows.
WRITE_BATCH_SIZE = 500

# Rows per fetch when the stored absences are streamed. On PostgreSQL, Django's iterator()
# reads through a server-side cursor, so neither the driver nor Python keeps every stored
# absence in memory at once. Each fetch is a round trip that Django does not count as a query.
READ_CHUNK_SIZE = 2000

PERSON_FIELDS = (
    "person_id",
    "personnel_number",
    "license_number",
    "first_name",
    "last_name",
    "email",
    "private_email",
    "is_active",
    "join_date",
    "leave_date",
    "missing_since",
)
ABSENCE_FIELDS = (
    "user_id",
    "type_id",
    "start_date",
    "end_date",
    "start_half_day",
    "end_half_day",
    "working_days",
    "status",
    "note",
)
END_DATE_INDEX = ABSENCE_FIELDS.index("end_date")


@dataclass(slots=True)
class AbsenceRecord:
    """The state one imported absence should have."""

    number: str
    person_key: str
    user_id: int
    type_ref: tuple[str, str]  # (category, external_key)
    start_date: date
    end_date: date
    start_half_day: bool
    end_half_day: bool
    working_days: Decimal | None
    status: str
    note: str


@dataclass(frozen=True, slots=True)
class StoredAbsence:
    """The primary key, owner and hr works number of an imported absence in the database."""

    pk: int
    user_id: int
    number: str


@dataclass
class Plan:
    types_to_create: list[AbsenceType] = field(default_factory=list)
    types_to_update: list[AbsenceType] = field(default_factory=list)
    types_to_archive: list[AbsenceType] = field(default_factory=list)
    local_types_to_archive: list[AbsenceType] = field(default_factory=list)
    persons_to_create: list[Person] = field(default_factory=list)
    persons_to_update: list[Person] = field(default_factory=list)
    links_to_create: list[tuple[int, str]] = field(default_factory=list)
    users_to_mark: list = field(default_factory=list)
    absences_to_create: list[AbsenceRecord] = field(default_factory=list)
    # (primary key, new state) of each stored absence that changes.
    absences_to_update: list[tuple[int, AbsenceRecord]] = field(default_factory=list)
    absences_to_delete: list[StoredAbsence] = field(default_factory=list)
    locals_to_supersede: list[Absence] = field(default_factory=list)
    skipped: int = 0
    warnings: list[dict] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    match: MatchResult = field(default_factory=MatchResult)
    # Person key -> user id of every link after the plan, and the mirror rows by key.
    user_by_person_key: dict[str, int] = field(default_factory=dict)
    persons_by_key: dict[str, Person] = field(default_factory=dict)
    # (category, external_key) -> hr works type after the plan, saved or about to be created.
    types_by_ref: dict[tuple[str, str], AbsenceType] = field(default_factory=dict)

    def counts(self) -> dict:
        return {
            "created": len(self.absences_to_create),
            "updated": len(self.absences_to_update),
            "deleted": len(self.absences_to_delete),
            "replaced": len(self.locals_to_supersede),
            "skipped": self.skipped,
            "types_created": len(self.types_to_create),
            "types_updated": len(self.types_to_update),
            "types_archived": len(self.types_to_archive) + len(self.local_types_to_archive),
            "persons_created": len(self.persons_to_create),
            "persons_updated": len(self.persons_to_update),
            "links_created": len(self.links_to_create),
        }


def plan_links(connection: Connection, persons: list[types.Person]) -> tuple[MatchResult, dict]:
    """Return the e-mail matching result and the person key -> user id map after linking."""
    tenant = connection.tenant
    links = PersonLink.objects.filter(tenant=tenant).values_list("user_id", "person__uuid")
    user_by_person_key = {key: user_id for user_id, key in links}
    blocked = set(
        AutoLinkBlock.objects.filter(tenant=tenant).values_list("user_id", "person__uuid")
    )
    candidates = {}
    for person in persons:
        candidates.setdefault(
            person_key(person), PersonEmail(person_key(person), person.email or "")
        )
    result = match_by_email(
        tenant,
        candidates.values(),
        linked_user_ids=set(user_by_person_key.values()),
        linked_person_keys=set(user_by_person_key),
        blocked_pairs=blocked,
    )
    for user_id, key in result.matches:
        user_by_person_key[key] = user_id
    return result, user_by_person_key


def linked_person_ids(connection: Connection, persons: list[types.Person]) -> list[str]:
    """Return the hr works personIds whose absences the sync reads, in a stable order.

    These are the listed persons that are linked or about to be linked by e-mail. Persons
    that vanished from hr works are left out: hr works would reject their ids.
    """
    _, user_by_person_key = plan_links(connection, persons)
    ids = {person.person_id for person in persons if person_key(person) in user_by_person_key}
    return sorted(ids)


def build_plan(
    connection: Connection, master: MasterData, absence_data: AbsenceData, *, now: datetime
) -> Plan:
    """Decide every change of one sync run; read the database but write nothing."""
    plan = Plan()
    plan.types_by_ref = _plan_types(connection, master, plan, now)
    _plan_persons(connection, master, plan, now)
    _plan_links_and_users(connection, master, plan)
    _plan_absences(connection, absence_data, plan.types_by_ref, plan)
    return plan


def _plan_types(connection, master: MasterData, plan: Plan, now) -> dict:
    tenant = connection.tenant
    existing = {
        (t.category, t.external_key): t
        for t in AbsenceType.objects.filter(tenant=tenant, source=Source.HRWORKS)
    }
    wanted = []
    for item in master.absence_types:
        hour_balance = item.reduces_target_working_hours
        wanted.append(
            (
                AbsenceType.Category.ABSENCE,
                item.key,
                item.name,
                item.color,
                item.is_active,
                hour_balance,
            )
        )
    seen_categories = {AbsenceType.Category.ABSENCE}
    if master.sick_leave_types is not None:
        seen_categories.add(AbsenceType.Category.SICK_LEAVE)
        for item in master.sick_leave_types:
            wanted.append(
                (
                    AbsenceType.Category.SICK_LEAVE,
                    SICK_LEAVE_PREFIX + item.key,
                    item.name,
                    item.color,
                    item.is_active,
                    True,
                )
            )

    types_by_ref = dict(existing)
    seen = set()
    for category, key, name, color, is_active, hour_balance in wanted:
        ref = (category, key)
        if ref in seen:
            continue
        seen.add(ref)
        name = (name or key)[:200]
        color = color if COLOR_PATTERN.match(color or "") else None
        current = existing.get(ref)
        if current is None:
            new_type = AbsenceType(
                tenant=tenant,
                name=name,
                source=Source.HRWORKS,
                external_key=key,
                category=category,
                # Switches pre-filled from hr works: a type that reduces the target working
                # hours credits the hour balance; any absence makes a person unavailable.
                counts_for_hour_balance=hour_balance,
                counts_for_capacity=True,
                reviewed=False,
                archived_at=None if is_active else now,
            )
            if color:
                new_type.color = color
            plan.types_to_create.append(new_type)
            types_by_ref[ref] = new_type
            continue
        changed = False
        if current.name != name:
            current.name = name
            changed = True
        if color and current.color != color:
            current.color = color
            changed = True
        if is_active and current.archived_at is not None:
            current.archived_at = None
            changed = True
        if changed:
            plan.types_to_update.append(current)
        if not is_active and current.archived_at is None:
            current.archived_at = now
            plan.types_to_archive.append(current)

    for ref, current in existing.items():
        if ref[0] in seen_categories and ref not in seen and current.archived_at is None:
            current.archived_at = now
            plan.types_to_archive.append(current)

    # Activation hands absence types over to hr works: local types are archived.
    plan.local_types_to_archive = list(
        AbsenceType.objects.active().filter(tenant=tenant, source=Source.LOCAL)
    )
    for local_type in plan.local_types_to_archive:
        local_type.archived_at = now
    return types_by_ref


def _plan_persons(connection, master: MasterData, plan: Plan, now) -> None:
    tenant = connection.tenant
    existing = {p.uuid: p for p in Person.objects.filter(tenant=tenant)}
    plan.persons_by_key = dict(existing)
    seen = set()
    for item in master.persons:
        key = person_key(item)
        if key in seen:
            continue
        seen.add(key)
        values = {
            "person_id": item.person_id[:200],
            "personnel_number": (item.personnel_number or "")[:100],
            "license_number": (item.license_number or "")[:100],
            "first_name": item.first_name[:200],
            "last_name": item.last_name[:200],
            "email": (item.email or "").strip()[:254],
            "private_email": (item.private_email or "").strip()[:254],
            "is_active": item.is_active,
            "join_date": item.join_date,
            "leave_date": item.leave_date,
            "missing_since": None,
        }
        current = existing.get(key)
        if current is None:
            person = Person(tenant=tenant, uuid=key, **values)
            plan.persons_to_create.append(person)
            plan.persons_by_key[key] = person
            continue
        if any(getattr(current, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(current, name, value)
            plan.persons_to_update.append(current)

    # A person missing from the list keeps its link and absences: leavers keep their history.
    for key, current in existing.items():
        if key not in seen and current.missing_since is None:
            current.missing_since = now
            plan.persons_to_update.append(current)


def _plan_links_and_users(connection, master: MasterData, plan: Plan) -> None:
    match, user_by_person_key = plan_links(connection, master.persons)
    plan.match = match
    plan.links_to_create = list(match.matches)
    plan.user_by_person_key = user_by_person_key

    # While the integration manages a linked user's absences, local ones are rejected.
    start = connection.start_date
    users = get_user_model().objects.filter(
        tenant=connection.tenant, pk__in=set(user_by_person_key.values())
    )
    for user in users.only("pk", "absences_managed_since"):
        if user.absences_managed_since != start:
            user.absences_managed_since = start
            plan.users_to_mark.append(user)


def _absence_status(item: types.Absence, unknown: Counter) -> str | None:
    status = item.status
    if status in APPROVED_STATUSES:
        return Absence.Status.APPROVED
    if status in REJECTED_STATUSES:
        return None
    if status not in PENDING_STATUSES:
        unknown[status or "—"] += 1
    # Pending requests never credit the hour balance; the absences app counts approved only.
    return Absence.Status.PENDING


def _sick_leave_status(item: types.SickLeave, unknown: Counter) -> str | None:
    if item.status == SICK_LEAVE_CANCELLED:
        return None
    if item.status not in SICK_LEAVE_STATUSES:
        unknown[item.status or "—"] += 1
    return Absence.Status.APPROVED


# Only a few distinct day counts occur, so absences share one Decimal per value.
@lru_cache(maxsize=1024)
def _working_days(value: float | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _plan_absences(connection, absence_data: AbsenceData, types_by_ref: dict, plan: Plan) -> None:
    tenant = connection.tenant
    start = connection.start_date
    key_by_person_id = {}
    for key, person in plan.persons_by_key.items():
        if person.missing_since is None and person.person_id in absence_data.person_ids:
            key_by_person_id[person.person_id] = key
    fetched_user_ids = {
        plan.user_by_person_key[key]
        for key in key_by_person_id.values()
        if key in plan.user_by_person_key
    }

    records: dict[str, AbsenceRecord] = {}
    # One tuple per type reference, shared by all records of that type.
    refs: dict[tuple[str, str], tuple[str, str]] = {}
    unknown_statuses: Counter = Counter()
    unknown_sick_statuses: Counter = Counter()

    def add(item, number, category, type_key, status, note):
        key = key_by_person_id.get(item.person_id)
        user_id = plan.user_by_person_key.get(key) if key else None
        if user_id is None:
            return
        if status is None:
            plan.skipped += 1
            return
        ref = refs.setdefault((category, type_key), (category, type_key))
        if ref not in types_by_ref:
            plan.skipped += 1
            plan.problems.append(
                {
                    "person": key,
                    "code": "unknown_type",
                    "params": {"number": item.number, "type": item.type_name or item.type_key},
                }
            )
            return
        one_day = item.begin_date == item.end_date
        if one_day and item.first_day_afternoon_only and item.last_day_forenoon_only:
            plan.skipped += 1
            plan.problems.append(
                {"person": key, "code": "both_half_days", "params": {"number": item.number}}
            )
            return
        records[number] = AbsenceRecord(
            number=number,
            person_key=key,
            user_id=user_id,
            type_ref=ref,
            start_date=item.begin_date,
            end_date=item.end_date,
            start_half_day=item.first_day_afternoon_only,
            end_half_day=item.last_day_forenoon_only,
            working_days=_working_days(item.working_days),
            status=status,
            note=note,
        )

    for item in absence_data.absences:
        status = _absence_status(item, unknown_statuses)
        add(
            item, item.number[:64], AbsenceType.Category.ABSENCE, item.type_key, status, item.remark
        )
    if absence_data.sick_leaves is not None:
        for item in absence_data.sick_leaves:
            status = _sick_leave_status(item, unknown_sick_statuses)
            number = (SICK_LEAVE_PREFIX + item.number)[:64]
            type_key = SICK_LEAVE_PREFIX + item.type_key
            add(item, number, AbsenceType.Category.SICK_LEAVE, type_key, status, "")
    else:
        plan.warnings.append({"code": "sick_leaves_denied", "params": {}})
    for status, count in sorted(unknown_statuses.items()):
        plan.warnings.append(
            {"code": "unknown_status", "params": {"status": status, "count": count}}
        )
    for status, count in sorted(unknown_sick_statuses.items()):
        plan.warnings.append(
            {"code": "unknown_sick_leave_status", "params": {"status": status, "count": count}}
        )

    _compare_stored_absences(connection, absence_data, records, fetched_user_ids, plan)

    # Local absences of linked users from the start date on give way to hr works.
    plan.locals_to_supersede = list(
        Absence.objects.visible().filter(
            tenant=tenant,
            source=Source.LOCAL,
            user_id__in=fetched_user_ids,
            end_date__gte=start,
        )
    )


def _compare_stored_absences(
    connection, absence_data: AbsenceData, records: dict, fetched_user_ids: set, plan: Plan
) -> None:
    """Plan creates, updates and deletes from the stored imported absences.

    Rows are streamed as value tuples and each matched record is removed from
    ``records``, so unchanged absences are dropped as soon as they are compared. The
    records left at the end are new.
    """
    # All imported rows, not only those from the start date on: after the start date moved
    # later, hr works may extend an older absence into the window, and its row must be
    # updated rather than created a second time.
    stored = (
        Absence.objects.filter(tenant=connection.tenant, source=Source.HRWORKS)
        .exclude(external_number="")
        .order_by("pk")
        .values_list("pk", "external_number", *ABSENCE_FIELDS, "superseded_at")
    )
    types_by_ref = plan.types_by_ref
    for row in stored.iterator(chunk_size=READ_CHUNK_SIZE):
        pk, number, values = row[0], row[1], row[2:]
        record = records.pop(number, None)
        if record is not None:
            if _differs(values, record, types_by_ref):
                plan.absences_to_update.append((pk, record))
            continue

        # An imported absence that hr works no longer returns (deleted, rejected or
        # cancelled) is deleted, but only for persons whose absences this run read.
        user_id = values[0]
        if user_id not in fetched_user_ids:
            continue
        if values[END_DATE_INDEX] < connection.start_date:
            # Before the window: hr works was not asked for it, so its absence proves nothing.
            continue
        if number.startswith(SICK_LEAVE_PREFIX) and absence_data.sick_leaves is None:
            continue
        plan.absences_to_delete.append(StoredAbsence(pk, user_id, number))

    plan.absences_to_create = list(records.values())


def _differs(stored: tuple, record: AbsenceRecord, types_by_ref: dict) -> bool:
    """Return whether a stored row (``ABSENCE_FIELDS`` and ``superseded_at``) must change."""
    (
        user_id,
        type_id,
        start_date,
        end_date,
        start_half_day,
        end_half_day,
        working_days,
        status,
        note,
        superseded_at,
    ) = stored
    wanted_type = types_by_ref[record.type_ref]
    return (
        user_id != record.user_id
        or type_id != wanted_type.pk
        or wanted_type.pk is None
        or start_date != record.start_date
        or end_date != record.end_date
        or start_half_day != record.start_half_day
        or end_half_day != record.end_half_day
        or working_days != record.working_days
        or status != record.status
        or note != record.note
        or superseded_at is not None
    )


def execute(connection: Connection, plan: Plan, *, now: datetime) -> None:
    """Write the plan inside the transaction that the caller opened."""
    tenant = connection.tenant

    if plan.types_to_create:
        AbsenceType.objects.bulk_create(plan.types_to_create)
    changed_types = plan.types_to_update + plan.types_to_archive + plan.local_types_to_archive
    if changed_types:
        for absence_type in changed_types:
            absence_type.updated_at = now
        AbsenceType.objects.bulk_update(
            _unique(changed_types), ["name", "color", "archived_at", "updated_at"]
        )

    if plan.persons_to_create:
        Person.objects.bulk_create(plan.persons_to_create, batch_size=WRITE_BATCH_SIZE)
    if plan.persons_to_update:
        Person.objects.bulk_update(
            _unique(plan.persons_to_update), list(PERSON_FIELDS), batch_size=WRITE_BATCH_SIZE
        )

    if plan.links_to_create:
        PersonLink.objects.bulk_create(
            [
                PersonLink(
                    tenant=tenant,
                    user_id=user_id,
                    person=plan.persons_by_key[key],
                    method=PersonLink.Method.EMAIL,
                    linked_at=now,
                )
                for user_id, key in plan.links_to_create
            ],
            batch_size=WRITE_BATCH_SIZE,
        )
    if plan.users_to_mark:
        get_user_model().objects.bulk_update(
            plan.users_to_mark, ["absences_managed_since"], batch_size=WRITE_BATCH_SIZE
        )

    types_by_ref = plan.types_by_ref
    # Instances are built one batch at a time because the first import of a tenant of
    # 2,000 persons creates about 180,000 absences.
    to_create = plan.absences_to_create
    for offset in range(0, len(to_create), WRITE_BATCH_SIZE):
        Absence.objects.bulk_create(
            [
                Absence(
                    tenant=tenant,
                    source=Source.HRWORKS,
                    external_number=record.number,
                    type=types_by_ref[record.type_ref],
                    **_record_values(record),
                )
                for record in to_create[offset : offset + WRITE_BATCH_SIZE]
            ]
        )
    if plan.absences_to_update:
        # bulk_update writes only the named fields, so an unsaved instance with the
        # primary key and those fields is enough, and the stored row is not loaded.
        updated = [
            Absence(
                pk=pk,
                type=types_by_ref[record.type_ref],
                superseded_at=None,
                updated_at=now,
                **_record_values(record),
            )
            for pk, record in plan.absences_to_update
        ]
        fields = [name.removesuffix("_id") for name in ABSENCE_FIELDS]
        Absence.objects.bulk_update(
            updated, [*fields, "superseded_at", "updated_at"], batch_size=WRITE_BATCH_SIZE
        )
    if plan.absences_to_delete:
        Absence.objects.filter(pk__in=[a.pk for a in plan.absences_to_delete]).delete()
    if plan.locals_to_supersede:
        Absence.objects.filter(pk__in=[a.pk for a in plan.locals_to_supersede]).update(
            superseded_at=now, updated_at=now
        )


def _record_values(record: AbsenceRecord) -> dict:
    return {
        "user_id": record.user_id,
        "start_date": record.start_date,
        "end_date": record.end_date,
        "start_half_day": record.start_half_day,
        "end_half_day": record.end_half_day,
        "working_days": record.working_days,
        "status": record.status,
        "note": record.note,
    }


def _unique(objects: list) -> list:
    by_id = {}
    for obj in objects:
        by_id[id(obj)] = obj
    return list(by_id.values())


def per_user_summary(plan: Plan) -> dict[int, dict]:
    """Return per user id the absences that will arrive and the local ones replaced."""
    summary = defaultdict(lambda: {"arriving": [], "replaced": [], "removed": []})
    for record in plan.absences_to_create:
        summary[record.user_id]["arriving"].append(record)
    for current in plan.locals_to_supersede:
        summary[current.user_id]["replaced"].append(current)
    for current in plan.absences_to_delete:
        summary[current.user_id]["removed"].append(current)
    return summary
