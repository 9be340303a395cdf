"""Typed hr works objects, parsed from the API's JSON by ``parsing``.

Dates are ``datetime.date`` because hr works sends calendar days without time or zone.
The classes use slots because a sync keeps one ``Absence`` per absence of a tenant's sync
window at once, and a slotted object is smaller than one with a ``__dict__``.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class AbsenceType:
    key: str
    name: str
    color: str
    is_active: bool
    reduces_holiday_entitlement: bool
    reduces_time_account: bool
    reduces_target_working_hours: bool


@dataclass(frozen=True, slots=True)
class SickLeaveType:
    key: str
    name: str
    color: str
    is_active: bool


@dataclass(frozen=True, slots=True)
class Person:
    """Master data of one person; optional identifiers and e-mails are None when empty."""

    uuid: str | None
    person_id: str
    personnel_number: str | None
    license_number: str | None
    first_name: str
    last_name: str
    email: str | None
    private_email: str | None
    is_active: bool
    join_date: date | None
    leave_date: date | None


@dataclass(frozen=True, slots=True)
class PersonBase:
    """Base data of one person as ``GET /v2/persons`` lists it: no e-mail, no dates."""

    uuid: str | None
    person_id: str
    personnel_number: str | None
    first_name: str
    last_name: str


@dataclass(frozen=True, slots=True)
class Absence:
    """One absence; ``status`` is the hr works ``statusIdentifier`` or None."""

    number: str
    person_id: str
    type_key: str
    type_name: str
    begin_date: date
    end_date: date
    first_day_afternoon_only: bool
    last_day_forenoon_only: bool
    status: str | None
    working_days: float | None
    remark: str


@dataclass(frozen=True, slots=True)
class SickLeave:
    """One sick leave; ``status`` is the hr works ``statusIdentifier`` or None."""

    number: str
    person_id: str
    type_key: str
    type_name: str
    begin_date: date
    end_date: date
    first_day_afternoon_only: bool
    last_day_forenoon_only: bool
    status: str | None
    working_days: float | None


@dataclass(frozen=True, slots=True)
class OrganizationUnit:
    uuid: str | None
    number: str
    name: str
