"""List pages run the same number of queries for 2 rows as for 12."""

from datetime import date

import pytest
from django.db import connection as db_connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from absences.models import Absence, AbsenceType, Source
from integrations.hrworks.models import Person, PersonLink, SyncRun
from users.models import User

PAGES = [
    ("users:list", {}),
    ("absences:list", {}),
    ("absences:calendar", {}),
    ("absences:capacity", {}),
    ("absences:types", {}),
    ("absences:export_csv", {"scope": "team"}),
    ("absences:export_json", {"scope": "team"}),
    ("hrworks:links", {}),
    ("hrworks:settings", {}),
]


def _add_rows(tenant, admin, start, count):
    """Add `count` users, each with a type, absences, an hr works person, a link and a run."""
    today = date.today()
    for number in range(start, start + count):
        user = User.objects.create_user(f"person{number}@pixelwerk.de", tenant=tenant)
        absence_type = AbsenceType.objects.create(
            tenant=tenant, name=f"Typ {number}", source=Source.HRWORKS, external_key=f"K{number}"
        )
        for owner in (user, admin):
            Absence.objects.create(
                tenant=tenant, user=owner, type=absence_type, start_date=today, end_date=today
            )
        person = Person.objects.create(
            tenant=tenant, uuid=f"uuid-{number}", person_id=f"p{number}", email=user.email
        )
        PersonLink.objects.create(
            tenant=tenant, user=user, person=person, method=PersonLink.Method.EMAIL, linked_by=admin
        )
        Person.objects.create(tenant=tenant, uuid=f"free-{number}", person_id=f"f{number}")
        SyncRun.objects.create(tenant=tenant, trigger=SyncRun.Trigger.SCHEDULE)


def _count_queries(client, name, query):
    with CaptureQueriesContext(db_connection) as queries:
        response = client.get(reverse(name), query)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name,query", PAGES, ids=[name for name, _query in PAGES])
def test_list_queries_do_not_grow_with_rows(client, admin, tenant, name, query):
    client.force_login(admin)
    _add_rows(tenant, admin, 0, 2)
    few = _count_queries(client, name, query)

    _add_rows(tenant, admin, 2, 10)
    many = _count_queries(client, name, query)

    assert many == few
