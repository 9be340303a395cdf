from datetime import date

import pytest
from django.db import IntegrityError, transaction

from absences.models import Absence, AbsenceType, Source


def test_absence_end_before_start_is_rejected_by_database(staff, vacation, make_absence):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_absence(staff, vacation, date(2026, 3, 5), date(2026, 3, 4))


def test_one_day_absence_cannot_be_both_halves(staff, vacation, make_absence):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_absence(staff, vacation, date(2026, 3, 5), start_half_day=True, end_half_day=True)


def test_longer_absence_may_have_both_halves(staff, vacation, make_absence):
    absence = make_absence(
        staff, vacation, date(2026, 3, 5), date(2026, 3, 6), start_half_day=True, end_half_day=True
    )
    assert absence.pk


def test_external_number_unique_per_tenant(staff, other_admin, vacation, make_absence):
    make_absence(staff, vacation, date(2026, 3, 5), source=Source.HRWORKS, external_number="55_1")
    other_type = AbsenceType.objects.create(tenant=other_admin.tenant, name="Urlaub")
    make_absence(
        other_admin, other_type, date(2026, 3, 5), source=Source.HRWORKS, external_number="55_1"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        make_absence(
            staff, vacation, date(2026, 4, 1), source=Source.HRWORKS, external_number="55_1"
        )
    assert Absence.objects.filter(external_number="55_1").count() == 2


def test_external_key_unique_per_tenant_and_source(tenant):
    AbsenceType.objects.create(
        tenant=tenant, name="Urlaub", source=Source.HRWORKS, external_key="vacation"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        AbsenceType.objects.create(
            tenant=tenant, name="Urlaub 2", source=Source.HRWORKS, external_key="vacation"
        )
