"""Every URL pattern of the project, walked with the three personas and an anonymous visitor.

`ROUTES` lists each named pattern with who may use it and which object of the first tenant
its arguments point to. A pattern missing from `ROUTES` fails `test_every_url_is_listed`, so a
new page cannot skip these checks.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from absences.models import Absence, AbsenceType
from integrations.hrworks.models import Connection, PersonLink
from users.models import User

from .conftest import MARKER

PUBLIC = "public"  # login, password reset, language switch
TOKEN = "token"  # the iCal feed: the token in the URL is the credential
MEMBER = "member"  # any user of a tenant
ADMIN = "admin"  # tenant admins; staff get 403

# name -> (access, argument builder from the `world` fixture or None)
ROUTES = {
    "set_language": (PUBLIC, None),
    "login": (PUBLIC, None),
    "logout": (PUBLIC, None),
    "password_reset": (PUBLIC, None),
    "password_reset_done": (PUBLIC, None),
    "password_reset_confirm": (PUBLIC, lambda w: {"uidb64": "MQ", "token": "set-password"}),
    "password_reset_complete": (PUBLIC, None),
    "home": (MEMBER, None),
    "settings": (ADMIN, None),
    "users:list": (ADMIN, None),
    "users:create": (ADMIN, None),
    "users:import": (ADMIN, None),
    "users:edit": (ADMIN, lambda w: {"pk": w["user"].pk}),
    "users:set_active": (ADMIN, lambda w: {"pk": w["user"].pk}),
    "absences:list": (MEMBER, None),
    "absences:create": (MEMBER, None),
    "absences:edit": (MEMBER, lambda w: {"pk": w["absence"].pk}),
    "absences:delete": (MEMBER, lambda w: {"pk": w["absence"].pk}),
    "absences:calendar": (MEMBER, None),
    "absences:export": (MEMBER, None),
    "absences:export_csv": (MEMBER, None),
    "absences:export_json": (MEMBER, None),
    "absences:calendar_token": (MEMBER, None),
    "absences:ical": (TOKEN, lambda w: {"token": w["user"].calendar_token}),
    "absences:capacity": (MEMBER, None),
    "absences:types": (ADMIN, None),
    "absences:type_create": (ADMIN, None),
    "absences:type_edit": (ADMIN, lambda w: {"pk": w["local_type"].pk}),
    "absences:type_archive": (ADMIN, lambda w: {"pk": w["local_type"].pk}),
    "hrworks:settings": (ADMIN, None),
    "hrworks:test": (ADMIN, None),
    "hrworks:preview": (ADMIN, None),
    "hrworks:activate": (ADMIN, None),
    "hrworks:sync": (ADMIN, None),
    "hrworks:deactivate": (ADMIN, None),
    "hrworks:restore": (ADMIN, None),
    "hrworks:run": (ADMIN, lambda w: {"pk": w["run"].pk}),
    "hrworks:links": (ADMIN, None),
    "hrworks:link": (ADMIN, None),
    "hrworks:unlink": (ADMIN, lambda w: {"pk": w["link"].pk}),
}

# Further objects of the first tenant that a pk in the URL may point to.
EXTRA_OBJECT_URLS = [
    ("absences:edit", lambda w: {"pk": w["sick"].pk}),
    ("absences:edit", lambda w: {"pk": w["superseded"].pk}),
    ("absences:edit", lambda w: {"pk": w["imported"].pk}),
    ("absences:delete", lambda w: {"pk": w["imported"].pk}),
    ("absences:delete", lambda w: {"pk": w["superseded"].pk}),
    ("absences:type_edit", lambda w: {"pk": w["hrworks_type"].pk}),
    ("absences:type_archive", lambda w: {"pk": w["sick_type"].pk}),
]


def _walk(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the Django admin has its own test module
            namespace = pattern.namespace
            yield from _walk(pattern, f"{prefix}{namespace}:" if namespace else prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + pattern.name


def _url(name, world):
    builder = ROUTES[name][1]
    return reverse(name, kwargs=builder(world) if builder else None)


def _names(*access):
    return sorted(name for name, (kind, _builder) in ROUTES.items() if kind in access)


def _object_urls():
    urls = [(name, builder) for name, (_kind, builder) in ROUTES.items() if builder]
    urls = [(name, builder) for name, builder in urls if ROUTES[name][0] in (MEMBER, ADMIN)]
    return urls + EXTRA_OBJECT_URLS


def test_every_url_is_listed():
    found = set(_walk(get_resolver()))
    assert found - set(ROUTES) == set(), "add new URL patterns to ROUTES"
    assert set(ROUTES) - found == set(), "remove deleted URL patterns from ROUTES"


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", _names(MEMBER, ADMIN))
def test_anonymous_user_is_sent_to_login(client, world, name, method):
    response = getattr(client, method)(_url(name, world))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", _names(ADMIN))
def test_staff_gets_403_on_admin_pages(client, world, staff, name, method):
    client.force_login(staff)

    response = getattr(client, method)(_url(name, world))

    assert response.status_code == 403


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    "name,builder", _object_urls(), ids=[f"{n}-{i}" for i, (n, _b) in enumerate(_object_urls())]
)
def test_other_tenant_object_ids_answer_404(client, world, other_admin, name, builder, method):
    client.force_login(other_admin)
    before = _fingerprint(world)

    response = getattr(client, method)(reverse(name, kwargs=builder(world)), {"active": "0"})

    # A POST-only view answers 405 to GET before it looks the object up, which reveals nothing.
    allowed = {404, 405} if method == "get" else {404}
    assert response.status_code in allowed
    assert _fingerprint(world) == before


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", ["absences:edit", "absences:delete"])
def test_staff_cannot_open_colleagues_absence(client, world, staff, name, method):
    client.force_login(staff)
    before = _fingerprint(world)

    response = getattr(client, method)(reverse(name, args=[world["absence"].pk]))

    assert response.status_code == 404
    assert _fingerprint(world) == before


PAGES_WITHOUT_IDS = [name for name in _names(MEMBER, ADMIN) if not ROUTES[name][1]]


def _filter_query(world):
    """Return query parameters that point at the first tenant's objects."""
    return {
        "user": world["user"].pk,
        "type": world["local_type"].pk,
        "scope": "team",
        "person": world["unlinked_person"].pk,
    }


@pytest.mark.parametrize("name", PAGES_WITHOUT_IDS)
def test_other_tenant_pages_show_no_foreign_rows(client, world, other_admin, name):
    """Pages without ids, fed the first tenant's ids as filters, show none of its data."""
    client.force_login(other_admin)

    response = client.get(reverse(name), _filter_query(world), follow=True)

    assert response.status_code in (200, 400, 405)
    assert MARKER.lower() not in response.content.decode().lower()


@pytest.mark.parametrize(
    "name", ["absences:list", "absences:calendar", "absences:capacity", "hrworks:links"]
)
def test_own_admin_sees_marker_rows(client, world, admin, name):
    """Check that the marker search above can fail: the tenant's own admin sees the rows."""
    client.force_login(admin)

    response = client.get(reverse(name), _filter_query(world))

    assert response.status_code == 200
    assert MARKER in response.content.decode()


@pytest.mark.parametrize("name", ["absences:export_csv", "absences:export_json"])
def test_other_tenant_team_export_has_no_foreign_rows(client, world, other_admin, name):
    client.force_login(other_admin)

    response = client.get(reverse(name), {"scope": "team", "user": world["user"].pk})

    assert response.status_code == 200
    assert MARKER.lower() not in response.content.decode().lower()
    assert world["user"].email not in response.content.decode()


@pytest.mark.parametrize("name", ["hrworks:activate", "hrworks:sync", "hrworks:deactivate"])
def test_other_tenant_actions_leave_first_tenant_alone(client, world, other_admin, name):
    connection = world["connection"]
    connection.is_active = True
    connection.save()
    client.force_login(other_admin)
    before = _fingerprint(world)

    client.post(reverse(name), {"confirm": "on"})

    connection.refresh_from_db()
    assert connection.is_active
    assert _fingerprint(world) == before


def test_other_tenant_restore_leaves_superseded_absences(client, world, other_admin):
    client.force_login(other_admin)

    client.post(reverse("hrworks:restore"))

    assert Absence.objects.get(pk=world["superseded"].pk).superseded_at is not None


def test_link_rejects_other_tenant_user_and_person(client, world, staff, other_admin, other_staff):
    client.force_login(other_admin)
    foreign_person = world["unlinked_person"]
    cases = [
        {"user": other_staff.pk, "person": foreign_person.pk},
        {"user": staff.pk, "person": foreign_person.pk},
        {"user": world["user"].pk, "person": world["person"].pk},
    ]

    for data in cases:
        response = client.post(reverse("hrworks:link"), data)
        assert response.status_code == 400, data

    assert not PersonLink.objects.filter(person=foreign_person).exists()
    assert not PersonLink.objects.filter(user__in=[other_staff, staff]).exists()


def test_ical_feed_of_unknown_or_revoked_token_is_404(client, world):
    user = world["user"]
    feed = reverse("absences:ical", args=[user.calendar_token])
    assert client.get(feed).status_code == 200

    user.calendar_token = ""
    user.save()

    assert client.get(feed).status_code == 404
    assert client.get(reverse("absences:ical", args=["x"])).status_code == 404


def _fingerprint(world):
    """Return the first tenant's rows that an attack could change or delete."""
    tenant = world["user"].tenant
    return {
        "absences": sorted(
            Absence.objects.filter(tenant=tenant).values_list(
                "pk", "start_date", "end_date", "superseded_at", "status", "note"
            )
        ),
        "types": sorted(
            AbsenceType.objects.filter(tenant=tenant).values_list("pk", "name", "archived_at")
        ),
        "users": sorted(User.objects.filter(tenant=tenant).values_list("pk", "is_active", "email")),
        "links": sorted(PersonLink.objects.filter(tenant=tenant).values_list("pk", "user_id")),
        "connection": list(
            Connection.objects.filter(tenant=tenant).values_list("is_active", "state", "access_key")
        ),
    }
