"""Turn hr works JSON into the typed objects of ``types``.

Required fields missing or of the wrong type raise ``UnexpectedResponse``. Keys the client
does not know, such as custom free fields with German names on persons, are ignored.
"""

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
        what = "absence type"
        result.append(
            types.AbsenceType(
                key=required_str(raw, "key", what),
                name=optional_str(raw, "name", what) or "",
                color=optional_str(raw, "color", what) or "",
                is_active=optional_bool(raw, "isActive", what, default=True),
                reduces_holiday_entitlement=optional_bool(
                    raw, "reducesHolidayEntitlement", what, default=False
                ),
                reduces_time_account=optional_bool(raw, "reducesTimeAccount", what, default=False),
                reduces_target_working_hours=optional_bool(
                    raw, "reducesTargetWorkingHours", what, default=False
                ),
            )
        )
    return result


def parse_sick_leave_types(body) -> list[types.SickLeaveType]:
    result = []
    for item in _list_under(body, "sickLeaveTypes"):
        raw = require_object(item, "sick leave type")
        what = "sick leave type"
        # hr works may stop sending "color" on sick leave types, so it is optional.
        result.append(
            types.SickLeaveType(
                key=required_str(raw, "key", what),
                name=optional_str(raw, "name", what) or "",
                color=optional_str(raw, "color", what) or "",
                is_active=optional_bool(raw, "isActive", what, default=True),
            )
        )
    return result


def parse_person(item) -> types.Person:
    what = "person"
    raw = require_object(item, what)
    return types.Person(
        uuid=optional_str(raw, "uuid", what),
        person_id=required_str(raw, "personId", what),
        personnel_number=optional_str(raw, "personnelNumber", what),
        license_number=optional_str(raw, "personLicenseNumber", what),
        first_name=optional_str(raw, "firstName", what) or "",
        last_name=optional_str(raw, "lastName", what) or "",
        email=optional_str(raw, "email", what),
        private_email=optional_str(raw, "privateEmail", what),
        is_active=optional_bool(raw, "isActive", what, default=True),
        join_date=optional_date(raw, "joinDate", what),
        leave_date=optional_date(raw, "leaveDate", what),
    )


def parse_persons_page(body) -> list[types.Person]:
    return [parse_person(item) for item in _list_under(body, "persons")]


def parse_organization_units(body) -> list[types.OrganizationUnit]:
    result = []
    for item in _list_under(body, "organizationUnits"):
        what = "organization unit"
        raw = require_object(item, what)
        result.append(
            types.OrganizationUnit(
                uuid=optional_str(raw, "uuid", what),
                number=required_str(raw, "number", what),
                name=optional_str(raw, "name", what) or "",
            )
        )
    return result


def half_day_flags(raw: dict, what: str) -> tuple[bool, bool]:
    """Return ``(first_day_afternoon_only, last_day_forenoon_only)`` of an absence.

    The current pair is ``isBeginDateHalfDay`` (only the afternoon of the first day) and
    ``isEndDateHalfDay`` (only the forenoon of the last day); for a one-day absence they
    mean "afternoon only" and "forenoon only". When neither is present, the legacy pair is
    read instead: ``isAfternoonHalfDay`` means the absence begins in the afternoon, which
    for a one-day absence is "afternoon only", so it maps to the first flag;
    ``isForenoonHalfDay`` means it ends at noon ("forenoon only" for one day), so it maps
    to the second. The mapping is the same for one-day and multi-day absences. When
    both pairs are present, the current pair wins.
    """
    if "isBeginDateHalfDay" in raw or "isEndDateHalfDay" in raw:
        return (
            optional_bool(raw, "isBeginDateHalfDay", what, default=False),
            optional_bool(raw, "isEndDateHalfDay", what, default=False),
        )
    return (
        optional_bool(raw, "isAfternoonHalfDay", what, default=False),
        optional_bool(raw, "isForenoonHalfDay", what, default=False),
    )


def _absence_fields(raw: dict, person_id: str, what: str) -> dict:
    begin_date = required_date(raw, "beginDate", what)
    end_date = required_date(raw, "endDate", what)
    if end_date < begin_date:
        raise UnexpectedResponse(f"{what} ends before it begins")
    afternoon_only, forenoon_only = half_day_flags(raw, what)
    return {
        "number": required_str(raw, "number", what),
        "person_id": person_id,
        "type_key": required_str(raw, "type", what),
        "type_name": optional_str(raw, "name", what) or "",
        "begin_date": begin_date,
        "end_date": end_date,
        "first_day_afternoon_only": afternoon_only,
        "last_day_forenoon_only": forenoon_only,
        "status": optional_str(raw, "statusIdentifier", what),
        "working_days": optional_number(raw, "workingDays", what),
    }


def _keyed_items(body: dict, items_key: str, what: str):
    """Yield ``(person_id, item)`` from ``{person: [{beginDate, endDate, items_key: [...]}]}``."""
    body = require_object(body, "response")
    for person_id, blocks in body.items():
        for block in require_list(blocks, f"value of a person key in the {what} response"):
            block = require_object(block, f"date interval block of the {what} response")
            if items_key not in block:
                raise UnexpectedResponse(f"date interval block has no field {items_key!r}")
            for item in require_list(block[items_key], f"field {items_key!r}"):
                yield person_id, item


def parse_absences(body: dict) -> list[types.Absence]:
    result = []
    for person_id, item in _keyed_items(body, "absences", "absences"):
        what = "absence"
        raw = require_object(item, what)
        fields = _absence_fields(raw, person_id, what)
        fields["remark"] = optional_str(raw, "remark", what) or ""
        result.append(types.Absence(**fields))
    return result


def parse_sick_leaves(body: dict) -> list[types.SickLeave]:
    result = []
    for person_id, item in _keyed_items(body, "sickLeaves", "sick leaves"):
        what = "sick leave"
        raw = require_object(item, what)
        result.append(types.SickLeave(**_absence_fields(raw, person_id, what)))
    return result
