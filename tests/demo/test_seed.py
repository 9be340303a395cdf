"""Seeding the demo agency."""

from datetime import date

import pytest
from django.core.management import call_command

from absences.models import Absence, AbsenceType, Source
from integrations.hrworks.demo import dataset, seed
from integrations.hrworks.sandbox import load_dataset
from users.models import Tenant, User

TODAY = date(2026, 12, 4)


@pytest.fixture
def seeded(db):
    return seed.seed(TODAY)


def _hrworks_emails():
    return {p["personId"]: p.get("email", "") for p in dataset.load_demo_dataset()["persons"]}


def test_seed_creates_admin_and_staff(seeded):
    users = User.objects.filter(tenant=seeded.tenant)

    assert seeded.tenant.name == "Demo Agentur"
    assert users.filter(role=User.Role.ADMIN).count() == 1
    assert 20 <= users.filter(role=User.Role.STAFF).count() <= 30
    assert users.get(email=seed.ADMIN_EMAIL).check_password(seed.PASSWORD)
    assert users.get(email=seed.STAFF_EMAIL).check_password(seed.PASSWORD)


def test_some_emails_differ_only_in_case(seeded):
    local = set(User.objects.filter(tenant=seeded.tenant).values_list("email", flat=True))
    hrworks = _hrworks_emails().values()

    case_only = [email for email in hrworks if email not in local and email.lower() in local]
    assert len(case_only) >= 3


def test_one_person_needs_manual_link(seeded):
    local = {e.lower() for e in User.objects.values_list("email", flat=True)}
    unmatched = [pid for pid, email in _hrworks_emails().items() if email.lower() not in local]

    assert sorted(unmatched) == ["k.woehler", "n.lange"]
    assert User.objects.filter(email="katrin.neumann@demo-agentur.example").exists()
    assert not User.objects.filter(last_name="Lange").exists()


def test_leaver_account_is_inactive(seeded):
    assert not User.objects.get(email="rene.duemmler@demo-agentur.example").is_active


def test_seed_creates_local_types_and_absences(seeded):
    types = AbsenceType.objects.filter(tenant=seeded.tenant)
    absences = Absence.objects.filter(tenant=seeded.tenant)
    start = dataset.start_date(TODAY)

    assert set(types.values_list("source", flat=True)) == {Source.LOCAL}
    assert types.filter(category=AbsenceType.Category.SICK_LEAVE).count() == 1
    assert absences.count() == seeded.absences
    assert absences.filter(end_date__lt=start).exists()
    assert absences.filter(end_date__gte=start).count() >= 5
    assert absences.filter(start_date__lt=start, end_date__gte=start).exists()


def test_local_absences_follow_the_year(db):
    result = seed.seed(date(2028, 5, 2))
    dates = Absence.objects.filter(tenant=result.tenant).values_list("start_date", flat=True)

    assert {d.year for d in dates} == {2027, 2028}
    assert all(d.weekday() < 5 for d in dates)


def test_second_seed_keeps_data(seeded):
    user = User.objects.get(email=seed.STAFF_EMAIL)
    user.first_name = "Magdalena"
    user.save()

    again = seed.seed(TODAY)

    assert not again.created
    assert Tenant.objects.filter(slug=seed.TENANT_SLUG).count() == 1
    assert User.objects.get(email=seed.STAFF_EMAIL).first_name == "Magdalena"
    assert Absence.objects.count() == seeded.absences


def test_command_writes_sandbox_data(db, tmp_path):
    target = tmp_path / "demo" / "hrworks.json"

    call_command("seed_demo", "--sandbox-data", str(target), "--variant", dataset.LATER)

    written = load_dataset(target)
    assert Tenant.objects.filter(slug=seed.TENANT_SLUG).exists()
    assert {t["name"] for t in written["absenceTypes"]} >= {"Weiterbildung"}
    assert len(written["persons"]) == len(dataset.load_demo_dataset()["persons"])
