"""The GET endpoints of the sandbox, as pure functions of the data store and the query."""

from dataclasses import dataclass, field
from datetime import date

from .paging import chunk, item_limited_pages, keyed_pages, link_header
from .problems import ApiProblem, invalid_parameter
from .query import Query
from .store import DataStore
from .workdays import add_one_year, split_interval, working_days

IDENTIFIER_FIELDS = {
    "personId": "personId",
    "personnelNumber": "personnelNumber",
    "personLicenseNumber": "personLicenseNumber",
    "uuid": "uuid",
    "personIdentifierForKiosk": "personIdentifierForKiosk",
}
BASE_DATA_FIELDS = (
    "personId",
    "personnelNumber",
    "firstName",
    "lastName",
    "uuid",
    "externalIds",
    "personIdentifierForKiosk",
    "datevPersonnelNumber",
)


@dataclass
class Context:
    store: DataStore
    query: Query
    path: str
    raw_query: str
    base_url: str
    page_size: int
    items_per_page: int | None = None
    split_key: bool = False
    repeat_page: bool = False


@dataclass
class Reply:
    body: object
    headers: dict = field(default_factory=dict)


def _paged(ctx: Context, pages: list[list], page: int) -> tuple[list, dict]:
    last_page = len(pages)
    items = pages[page - 1] if page <= last_page else []
    header = link_header(ctx.base_url, ctx.path, ctx.raw_query, page, last_page, ctx.repeat_page)
    return items, {"Link": header}


def _resolve_persons(ctx: Context, identifiers: list[str], field_name: str) -> list[dict]:
    by_identifier = {p.get(field_name): p for p in ctx.store.persons if p.get(field_name)}
    persons = []
    for identifier in dict.fromkeys(identifiers):
        if identifier not in by_identifier:
            raise invalid_parameter(f"The person {identifier} does not exist in HR WORKS.")
        persons.append(by_identifier[identifier])
    return persons


def _selected_persons(ctx: Context, field_name: str) -> list[dict]:
    identifiers = ctx.query.items("persons")
    if identifiers:
        # hr works ignores onlyActive when persons are named.
        return _resolve_persons(ctx, identifiers, field_name)
    only_active = ctx.query.boolean("onlyActive", True)
    return [p for p in ctx.store.persons if not only_active or p.get("isActive", True)]


def master_data(ctx: Context) -> Reply:
    identifier_type = ctx.query.text("personIdentifierType") or "personId"
    if ctx.query.boolean("usePersonnelNumbers", False):
        identifier_type = "personnelNumber"
    if identifier_type not in IDENTIFIER_FIELDS:
        raise invalid_parameter(f"Unknown personIdentifierType {identifier_type}.")
    persons = _selected_persons(ctx, IDENTIFIER_FIELDS[identifier_type])
    page = ctx.query.page()
    items, headers = _paged(ctx, chunk(persons, ctx.page_size), page)
    return Reply({"persons": [dict(p) for p in items]}, headers)


def organization_units_of(store: DataStore) -> list[dict]:
    if "organizationUnits" in store.data:
        return store.data["organizationUnits"]
    units = {}
    for person in store.persons:
        unit = person.get("organizationUnit")
        if unit and unit.get("number") not in units:
            units[unit["number"]] = unit
    return list(units.values())


def organization_units(ctx: Context) -> Reply:
    return Reply({"organizationUnits": [dict(u) for u in organization_units_of(ctx.store)]})


def persons_by_unit(ctx: Context) -> Reply:
    identifier_type = ctx.query.text("identifierType") or "number"
    if identifier_type not in ("number", "uuid"):
        raise invalid_parameter(f"Unknown identifierType {identifier_type}.")
    requested_units = ctx.query.items("organizationUnits")
    only_active = ctx.query.boolean("onlyActive", True)
    with_unitless = not ctx.query.boolean("onlyActiveOrganizationUnits", True)
    grouped: dict[str, list] = {}
    for person in ctx.store.persons:
        if only_active and not person.get("isActive", True):
            continue
        unit_key = (person.get("organizationUnit") or {}).get(identifier_type)
        if unit_key is None and not with_unitless:
            continue
        if requested_units and unit_key not in requested_units:
            continue
        base = {name: person[name] for name in BASE_DATA_FIELDS if name in person}
        grouped.setdefault(unit_key or "", []).append(base)
    return Reply(grouped)


def absence_types(ctx: Context) -> Reply:
    types = ctx.store.data["absenceTypes"]
    if ctx.query.boolean("onlyActive", False):
        types = [t for t in types if t.get("isActive", True)]
    return Reply({"absenceTypes": [dict(t) for t in types]})


def sick_leave_types(ctx: Context) -> Reply:
    types = ctx.store.data["sickLeaveTypes"]
    if ctx.query.boolean("onlyActive", True):
        types = [t for t in types if t.get("isActive", True)]
    return Reply({"sickLeaveTypes": [dict(t) for t in types]})


def _date_range(query: Query) -> tuple[date, date, str | None]:
    begin = query.required_date("beginDate")
    end = query.required_date("endDate")
    interval = query.text("interval") or None
    if end < begin:
        raise invalid_parameter("The endDate must not be before the beginDate.")
    if end >= add_one_year(begin):
        raise invalid_parameter("The date interval must not exceed one year.")
    if interval not in (None, "days", "weeks", "months"):
        raise invalid_parameter("The interval must be days, weeks or months.")
    if interval == "days" and (end - begin).days >= 31:
        raise invalid_parameter("With interval=days the date interval must not exceed 31 days.")
    return begin, end, interval


def _block(items: list[dict], begin: date, end: date, items_key: str, count: bool) -> dict:
    selected = []
    for item in items:
        if item["beginDate"] > end.isoformat() or item["endDate"] < begin.isoformat():
            continue
        entry = dict(item)
        entry.setdefault("workingDays", working_days(item))
        entry["workingDaysInDateInterval"] = working_days(item, begin, end)
        selected.append(entry)
    if count:
        totals: dict[str, float] = {}
        for item in selected:
            totals[item["type"]] = totals.get(item["type"], 0.0) + item["workingDaysInDateInterval"]
        return {"beginDate": begin.isoformat(), "endDate": end.isoformat(), items_key: totals}
    return {"beginDate": begin.isoformat(), "endDate": end.isoformat(), items_key: selected}


def _ranged(ctx: Context, items_key: str) -> Reply:
    """Serve /v2/absences or /v2/sick-leaves: blocks of items keyed by person, 50 per page."""
    begin, end, interval = _date_range(ctx.query)
    key_field = "personnelNumber" if ctx.query.boolean("usePersonnelNumbers", False) else "personId"
    persons = _selected_persons(ctx, key_field)
    types = ctx.query.items("types")
    statuses = ctx.query.items("statusFilter")
    count = ctx.query.boolean("count", False)
    page = ctx.query.page()

    entries = []
    for person in persons:
        items = [
            item
            for item in ctx.store.data[items_key].get(person["personId"], [])
            if (not types or item["type"] in types)
            and (not statuses or item.get("statusIdentifier") in statuses)
        ]
        blocks = [
            _block(items, block_begin, block_end, items_key, count)
            for block_begin, block_end in split_interval(begin, end, interval)
        ]
        entries.append((person.get(key_field, person["personId"]), blocks))

    if ctx.items_per_page is not None and not count:
        pages = item_limited_pages(entries, ctx.page_size, ctx.items_per_page, items_key)
    else:
        split = ctx.split_key and not count
        pages = keyed_pages(entries, ctx.page_size, items_key, split)
    page_entries, headers = _paged(ctx, pages, page)
    return Reply(dict(page_entries), headers)


def absences(ctx: Context) -> Reply:
    return _ranged(ctx, "absences")


def sick_leaves(ctx: Context) -> Reply:
    return _ranged(ctx, "sickLeaves")


def health_check(ctx: Context) -> Reply:
    return Reply(None)


# Path -> (permission area or None, handler)
GET_ROUTES = {
    "/v2/health-check": (None, health_check),
    "/v2/persons": ("persons", persons_by_unit),
    "/v2/persons/master-data": ("persons", master_data),
    "/v2/organization-units": ("general", organization_units),
    "/v2/absences/absence-types": ("absences", absence_types),
    "/v2/absences": ("absences", absences),
    "/v2/sick-leaves/sick-leave-types": ("sick_leaves", sick_leave_types),
    "/v2/sick-leaves": ("sick_leaves", sick_leaves),
}


def permission_denied(area: str) -> ApiProblem:
    return ApiProblem(
        403,
        "PermissionDeniedError",
        f"The credentials of this request have no permission for the area {area}.",
    )
