""" "Verbindung testen" and the preview before activation; both read hr works and write nothing."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from users.collation import name_order, sort_key

from . import notices
from .client import errors
from .crypto import EncryptionKeyError, UnreadableSecret
from .models import Connection, PersonLink
from .sync import apply, fetch

# The areas a connection test probes, with the client call that needs each permission.
# One page of persons shows the permission; reading all of them would cost a request per 50.
PROBES = (
    ("persons", lambda client: client.persons_first_page()),
    ("general", lambda client: client.organization_units()),
    ("absences", lambda client: client.absence_types()),
    ("sick_leaves", lambda client: client.sick_leave_types()),
)
# Without these the sync cannot run; sick leaves are optional.
REQUIRED_AREAS = ("persons", "general", "absences")


@dataclass
class AreaResult:
    area: str
    ok: bool
    message: str = ""

    @property
    def name(self) -> str:
        return notices.area_name(self.area)

    @property
    def required(self) -> bool:
        return self.area in REQUIRED_AREAS


@dataclass
class ConnectionTest:
    error: str = ""
    areas: list[AreaResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error and all(r.ok for r in self.areas if r.required)


def _error_message(exc: Exception) -> str:
    if isinstance(exc, errors.InvalidCredentials):
        return notices.error_text("credentials")
    if isinstance(exc, errors.PermissionDenied):
        return notices.error_text("permission", exc.area)
    if isinstance(exc, errors.TransientError):
        return notices.error_text("transient")
    if isinstance(exc, UnreadableSecret | EncryptionKeyError):
        return notices.error_text("secret")
    return notices.error_text("unexpected")


def test_connection(connection: Connection) -> ConnectionTest:
    """Authenticate and probe read access per permission area."""
    result = ConnectionTest()
    if not connection.has_credentials:
        result.error = notices.error_text("incomplete")
        return result
    try:
        client = fetch.make_client(connection)
        client.authenticate()
    except (errors.HrWorksError, UnreadableSecret, EncryptionKeyError) as exc:
        result.error = _error_message(exc)
        return result
    for area, probe in PROBES:
        try:
            probe(client)
        except errors.HrWorksError as exc:
            result.areas.append(AreaResult(area, False, _error_message(exc)))
        else:
            result.areas.append(AreaResult(area, True))
    return result


# Keep pytest from collecting the function above when a test module imports it.
test_connection.__test__ = False


@dataclass
class UserPreview:
    user: object
    person: object
    method: str
    arriving: int = 0
    replaced: list = field(default_factory=list)


@dataclass
class Preview:
    error: str = ""
    persons_found: int = 0
    users: list[UserPreview] = field(default_factory=list)
    unmatched_persons: list = field(default_factory=list)
    unmatched_users: list = field(default_factory=list)
    types_to_import: list = field(default_factory=list)
    types_to_archive: list = field(default_factory=list)
    plan: apply.Plan | None = None


def build_preview(connection: Connection) -> Preview:
    """Fetch from hr works and return what activation would change, per user."""
    preview = Preview()
    if not connection.has_credentials:
        preview.error = notices.error_text("incomplete")
        return preview
    try:
        client = fetch.make_client(connection)
        master = fetch.fetch_master_data(client)
        person_ids = apply.linked_person_ids(connection, master.persons)
        absence_data = fetch.fetch_absences(
            client,
            person_ids,
            connection.start_date,
            connection.window_end(),
            with_sick_leaves=master.sick_leave_types is not None,
        )
    except (errors.HrWorksError, UnreadableSecret, EncryptionKeyError) as exc:
        preview.error = _error_message(exc)
        return preview

    plan = apply.build_plan(connection, master, absence_data, now=timezone.now())
    preview.plan = plan
    preview.persons_found = len(plan.persons_by_key)
    preview.types_to_import = plan.types_to_create
    preview.types_to_archive = plan.types_to_archive + plan.local_types_to_archive

    tenant = connection.tenant
    user_model = get_user_model()
    users = user_model.objects.filter(tenant=tenant).in_bulk()
    methods = dict(PersonLink.objects.filter(tenant=tenant).values_list("person__uuid", "method"))
    summary = apply.per_user_summary(plan)
    linked_user_ids = set()
    for key, user_id in sorted(plan.user_by_person_key.items(), key=lambda item: item[1]):
        user = users.get(user_id)
        if user is None:
            continue
        linked_user_ids.add(user_id)
        entry = summary.get(user_id, {"arriving": [], "replaced": []})
        preview.users.append(
            UserPreview(
                user=user,
                person=plan.persons_by_key.get(key),
                method=methods.get(key, PersonLink.Method.EMAIL),
                arriving=len(entry["arriving"]),
                replaced=entry["replaced"],
            )
        )
    preview.users.sort(
        key=lambda row: (
            sort_key(row.user.last_name),
            sort_key(row.user.first_name),
            row.user.email,
        )
    )
    preview.unmatched_persons = sorted(
        (
            person
            for key, person in plan.persons_by_key.items()
            if key not in plan.user_by_person_key and person.missing_since is None
        ),
        key=lambda person: (
            sort_key(person.last_name),
            sort_key(person.first_name),
            person.person_id,
        ),
    )
    preview.unmatched_users = list(
        user_model.objects.filter(tenant=tenant)
        .filter(~Q(pk__in=linked_user_ids))
        .order_by(*name_order())
    )
    return preview
