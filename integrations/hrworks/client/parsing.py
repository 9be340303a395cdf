"""Turn hr works JSON into the typed objects of ``types``.

Required fields missing or of the wrong type raise ``UnexpectedResponse``. Keys the client
does not know, such as custom free fields with German names on persons, are ignored.
"""

import sys

from . import types
from .errors import UnexpectedResponse
from .fields import (
    optional_bool,
    optional_date,
    optional_number,
    optional_str,
    require_list,
    require_object,
    required_date,
    required_str,
)


def _list_under(body, key: str) -> list:
    body = require_object(body, "response")
    if key not in body:
        raise UnexpectedResponse(f"response has no field {key!r}")
    return require_list(body[key], f"field {key!r} of the response")


def parse_absence_types(body) -> list[types.AbsenceType]:
    result = []
    for item in _list_under(body, "absenceTypes"):
        raw = require_object(item, "absence type")
        label = "absence type"
        result.append(
            types.AbsenceType(
                key=required_str(raw, "key", label),
                name=optional_str(raw, "name", label) or "",
                color=optional_str(raw, "color", label) or "",
                is_active=optional_bool(raw, "isActive", label, default=True),
                reduces_holiday_entitlement=optional_bool(
                    raw, "reducesHolidayEntitlement", label, default=False
                ),
                reduces_time_account=optional_bool(raw, "reducesTimeAccount", label, default=False),
                reduces_target_working_hours=optional_bool(
                    raw, "reducesTargetWorkingHours", label, default=False
                ),
            )
        )
    return result


def parse_sick_leave_types(body) -> list[types.SickLeaveType]:
    result = []
    for item in _list_under(body, "sickLeaveTypes"):
        raw = require_object(item, "sick leave type")
        label = "sick leave type"
        # hr works may stop sending "color" on sick leave types, so it is optional.
        result.append(
            types.SickLeaveType(
                key=required_str(raw, "key", label),
                name=optional_str(raw, "name", label) or "",
                color=optional_str(raw, "color", label) or "",
                is_active=optional_bool(raw, "isActive", label, default=True),
            )
        )
    return result


def parse_person(item) -> types.Person:
    label = "person"
    raw = require_object(item, label)
    return types.Person(
        uuid=optional_str(raw, "uuid", label),
        person_id=required_str(raw, "personId", label),
        personnel_number=optional_str(raw, "personnelNumber", label),
        license_number=optional_str(raw, "personLicenseNumber", label),
        first_name=optional_str(raw, "firstName", label) or "",
        last_name=optional_str(raw, "lastName", label) or "",
        email=optional_str(raw, "email", label),
        private_email=optional_str(raw, "privateEmail", label),
        is_active=optional_bool(raw, "isActive", label, default=True),
        join_date=optional_date(raw, "joinDate", label),
        leave_date=optional_date(raw, "leaveDate", label),
    )


def parse_persons_by_unit(body: dict) -> dict[str, list[types.PersonBase]]:
    """Parse ``{unit: [PersonBaseData, ...]}`` from ``GET /v2/persons``."""
    label = "person base data"
    result = {}
    for unit, items in require_object(body, "response").items():
        persons = result.setdefault(unit, [])
        for item in require_list(items, "value of an organization unit key"):
            raw = require_object(item, label)
            persons.append(
                types.PersonBase(
                    uuid=optional_str(raw, "uuid", label),
                    person_id=required_str(raw, "personId", label),
                    personnel_number=optional_str(raw, "personnelNumber", label),
                    first_name=optional_str(raw, "firstName", label) or "",
                    last_name=optional_str(raw, "lastName", label) or "",
                )
            )
    return result


def parse_persons_page(body) -> list[types.Person]:
    return [parse_person(item) for item in _list_under(body, "persons")]


def parse_organization_units(body) -> list[types.OrganizationUnit]:
    result = []
    for item in _list_under(body, "organizationUnits"):
        label = "organization unit"
        raw = require_object(item, label)
        result.append(
            types.OrganizationUnit(
                uuid=optional_str(raw, "uuid", label),
                number=required_str(raw, "number", label),
                name=optional_str(raw, "name", label) or "",
            )
        )
    return result


def half_day_flags(raw: dict, label: str) -> tuple[bool, bool]:
    """Return ``(first_day_afternoon_only, last_day_forenoon_only)`` of an absence.

    The current pair is ``isBeginDateHalfDay`` (only the afternoon of the first day) and
    ``isEndDateHalfDay`` (only the forenoon of the last day). For a one-day absence they
    mean "afternoon only" and "forenoon only". When neither is present, the legacy pair is
    read instead: ``isAfternoonHalfDay`` means the absence begins in the afternoon, which
    for a one-day absence is "afternoon only", so it maps to the first flag;
    ``isForenoonHalfDay`` means it ends at noon ("forenoon only" for one day), so it maps
    to the second. The mapping is the same for one-day and multi-day absences. When
    both pairs are present, the current pair wins.
    """
    if "isBeginDateHalfDay" in raw or "isEndDateHalfDay" in raw:
        return (
            optional_bool(raw, "isBeginDateHalfDay", label, default=False),
            optional_bool(raw, "isEndDateHalfDay", label, default=False),
        )
    return (
        optional_bool(raw, "isAfternoonHalfDay", label, default=False),
        optional_bool(raw, "isForenoonHalfDay", label, default=False),
    )


def _absence_fields(raw: dict, person_id: str, label: str) -> dict:
    begin_date = required_date(raw, "beginDate", label)
    end_date = required_date(raw, "endDate", label)
    if end_date < begin_date:
        raise UnexpectedResponse(f"{label} ends before it begins")
    afternoon_only, forenoon_only = half_day_flags(raw, label)
    status = optional_str(raw, "statusIdentifier", label)
    # Type keys, type names and statuses repeat across thousands of absences, so each
    # distinct value is kept once instead of once per absence.
    return {
        "number": required_str(raw, "number", label),
        "person_id": person_id,
        "type_key": sys.intern(required_str(raw, "type", label)),
        "type_name": sys.intern(optional_str(raw, "name", label) or ""),
        "begin_date": begin_date,
        "end_date": end_date,
        "first_day_afternoon_only": afternoon_only,
        "last_day_forenoon_only": forenoon_only,
        "status": sys.intern(status) if status is not None else None,
        "working_days": optional_number(raw, "workingDays", label),
    }


def _keyed_items(body: dict, items_key: str, label: str):
    """Yield ``(person_id, item)`` from ``{person: [{beginDate, endDate, items_key: [...]}]}``."""
    body = require_object(body, "response")
    for person_id, blocks in body.items():
        for block in require_list(blocks, f"value of a person key in the {label} response"):
            block = require_object(block, f"date interval block of the {label} response")
            if items_key not in block:
                raise UnexpectedResponse(f"date interval block has no field {items_key!r}")
            for item in require_list(block[items_key], f"field {items_key!r}"):
                yield person_id, item


def parse_absences(body: dict) -> list[types.Absence]:
    result = []
    for person_id, item in _keyed_items(body, "absences", "absences"):
        label = "absence"
        raw = require_object(item, label)
        fields = _absence_fields(raw, person_id, label)
        fields["remark"] = optional_str(raw, "remark", label) or ""
        result.append(types.Absence(**fields))
    return result


def parse_sick_leaves(body: dict) -> list[types.SickLeave]:
    result = []
    for person_id, item in _keyed_items(body, "sickLeaves", "sick leaves"):
        label = "sick leave"
        raw = require_object(item, label)
        result.append(types.SickLeave(**_absence_fields(raw, person_id, label)))
    return result
