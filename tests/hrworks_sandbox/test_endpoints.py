"""Sandbox responses checked against the shapes, parameters and errors of hr works API v2."""

import jwt
import requests

from integrations.hrworks.sandbox import (
    NO_SICK_LEAVES_ACCESS_KEY,
    NO_SICK_LEAVES_SECRET_KEY,
    generate_dataset,
)

# Field types of the hr works API v2 objects the sandbox serves.
ABSENCE_FIELDS = {
    "number": str,
    "type": str,
    "name": str,
    "beginDate": str,
    "endDate": str,
    "isBeginDateHalfDay": bool,
    "isEndDateHalfDay": bool,
    "status": str,
    "statusIdentifier": str,
    "workingDays": float,
    "workingDaysInDateInterval": float,
    "remark": str,
    "substitutes": list,
}
ABSENCE_TYPE_FIELDS = {
    "key": str,
    "name": str,
    "isActive": bool,
    "reducesHolidayEntitlement": bool,
    "reducesTimeAccount": bool,
    "reducesTargetWorkingHours": bool,
    "color": str,
    "isAdminOnly": bool,
    "isPublic": bool,
}
PERSON_FIELDS = {
    "personId": str,
    "personnelNumber": str,
    "personLicenseNumber": str,
    "uuid": str,
    "firstName": str,
    "lastName": str,
    "isActive": bool,
    "joinDate": str,
    "organizationUnit": dict,
}
BASE_DATA_FIELDS = {"personId", "personnelNumber", "firstName", "lastName", "uuid", "externalIds"}
ERROR_FIELDS = {"errorCode": int, "type": str, "errorMessage": str}
YEAR_2026 = {"beginDate": "2026-01-01", "endDate": "2026-12-31"}


def assert_shape(obj: dict, fields: dict) -> None:
    for name, kind in fields.items():
        assert isinstance(obj.get(name), kind), f"{name} is not {kind.__name__}: {obj.get(name)!r}"


def assert_error(response, status: int, error_type: str) -> None:
    assert response.status_code == status
    body = response.json()
    assert_shape(body, ERROR_FIELDS)
    assert body["errorCode"] == status
    assert body["type"] == error_type


def person_ids(sandbox) -> list[str]:
    return [p["personId"] for p in sandbox.store.persons]


def test_token_has_hr_works_claims(api):
    claims = jwt.decode(api.token(), options={"verify_signature": False})

    assert set(claims) >= {"iss", "exp", "nbf", "iat", "jti", "accessKeyId"}
    assert claims["exp"] - claims["iat"] == 900


def test_wrong_key_pair_gets_403(hrworks_sandbox):
    response = requests.post(
        f"{hrworks_sandbox.base_url}/v2/authentication",
        json={"accessKey": hrworks_sandbox.access_key, "secretAccessKey": "wrong"},
        timeout=5,
    )

    assert_error(response, 403, "InvalidCredentialsError")


def test_missing_token_gets_401(api):
    response = requests.get(f"{api.sandbox.base_url}/v2/organization-units", timeout=5)

    assert_error(response, 401, "MissingAuthorizationHeaderError")


def test_expired_token_gets_401(api):
    api.sandbox.tokens.ttl = -10

    response = api.get("/v2/organization-units")

    assert_error(response, 401, "InvalidBearerTokenError")


def test_master_data_has_person_shape(api):
    body = api.get("/v2/persons/master-data").json()

    assert_shape(body["persons"][0], PERSON_FIELDS)
    assert "Kleidergröße" in body["persons"][0]


def test_master_data_pages_by_50_with_absolute_links(api):
    api.sandbox.store.replace(generate_dataset(persons=120, seed=2))

    first = api.get("/v2/persons/master-data", {"onlyActive": "false"})
    last = api.get("/v2/persons/master-data", {"onlyActive": "false", "page": "3"})

    assert len(first.json()["persons"]) == 50
    assert len(last.json()["persons"]) == 20
    base = api.sandbox.base_url
    assert first.links["next"]["url"] == f"{base}/v2/persons/master-data?onlyActive=false&page=2"
    assert first.links["last"]["url"].endswith("page=3")
    assert "next" not in last.links


def test_master_data_by_personnel_number(api):
    person = api.sandbox.store.persons[2]

    body = api.get(
        "/v2/persons/master-data",
        {"persons": person["personnelNumber"], "personIdentifierType": "personnelNumber"},
    ).json()

    assert [p["personId"] for p in body["persons"]] == [person["personId"]]


def test_persons_grouped_by_unit_number(api):
    body = api.get("/v2/persons").json()

    assert set(body) <= {"10", "20", "30", "40", "50", "60"}
    some_person = next(iter(body.values()))[0]
    assert set(some_person) <= BASE_DATA_FIELDS | {"personIdentifierForKiosk"}
    assert "email" not in some_person


def test_organization_units_shape(api):
    units = api.get("/v2/organization-units").json()["organizationUnits"]

    assert {"number", "name", "uuid"} <= set(units[0])


def test_absence_types_shape_and_only_active(api):
    all_types = api.get("/v2/absences/absence-types").json()["absenceTypes"]
    active = api.get("/v2/absences/absence-types", {"onlyActive": "true"}).json()["absenceTypes"]

    assert_shape(all_types[0], ABSENCE_TYPE_FIELDS)
    assert len(active) == len(all_types) - 1


def test_sick_leave_types_default_to_active(api):
    body = api.get("/v2/sick-leaves/sick-leave-types").json()

    assert [t["key"] for t in body["sickLeaveTypes"]] == ["K", "KK"]


def test_absences_envelope_and_shape(api):
    person_id = person_ids(api.sandbox)[0]

    body = api.get("/v2/absences", {**YEAR_2026, "persons": person_id}).json()

    assert list(body) == [person_id]
    (block,) = body[person_id]
    assert (block["beginDate"], block["endDate"]) == ("2026-01-01", "2026-12-31")
    assert_shape(block["absences"][0], ABSENCE_FIELDS)


def test_absences_accept_both_list_encodings(api):
    first, second = person_ids(api.sandbox)[:2]

    repeated = api.get("/v2/absences", {**YEAR_2026, "persons": [first, second]}).json()
    bracketed = api.get("/v2/absences", {**YEAR_2026, "persons": f"[{first}, {second}]"}).json()

    assert repeated == bracketed
    assert set(repeated) == {first, second}


def test_absences_keyed_by_personnel_number(api):
    person = api.sandbox.store.persons[0]

    body = api.get(
        "/v2/absences",
        {**YEAR_2026, "persons": person["personnelNumber"], "usePersonnelNumbers": "true"},
    ).json()

    assert list(body) == [person["personnelNumber"]]


def test_absences_filter_by_type_and_status(api):
    person_id = person_ids(api.sandbox)[0]
    params = {**YEAR_2026, "persons": person_id, "types": "UR", "statusFilter": "validatedOk"}

    absences = api.get("/v2/absences", params).json()[person_id][0]["absences"]

    assert absences
    assert {a["type"] for a in absences} == {"UR"}
    assert {a["statusIdentifier"] for a in absences} == {"validatedOk"}


def test_absence_overlapping_range_keeps_full_dates(api):
    person_id = person_ids(api.sandbox)[0]
    added = api.sandbox.store.add_absence(
        person_id,
        {"type": "UR", "name": "Urlaub", "beginDate": "2025-12-29", "endDate": "2026-01-09"},
    )

    absences = api.get("/v2/absences", {**YEAR_2026, "persons": person_id}).json()[person_id]
    (item,) = [a for a in absences[0]["absences"] if a["number"] == added["number"]]

    assert item["endDate"] == "2026-01-09"
    assert item["workingDays"] == 10.0
    assert item["workingDaysInDateInterval"] == 7.0


def test_range_over_one_year_gets_400(api):
    response = api.get("/v2/absences", {"beginDate": "2026-01-01", "endDate": "2027-01-01"})

    assert_error(response, 400, "InvalidParameterError")


def test_missing_begin_date_gets_400(api):
    response = api.get("/v2/absences", {"endDate": "2026-01-01"})

    assert_error(response, 400, "MissingParameterError")


def test_unknown_person_gets_400(api):
    response = api.get("/v2/absences", {**YEAR_2026, "persons": "nobody"})

    assert_error(response, 400, "InvalidParameterError")


def test_monthly_interval_splits_blocks(api):
    person_id = person_ids(api.sandbox)[0]
    params = {"beginDate": "2026-01-15", "endDate": "2026-03-10", "persons": person_id}

    blocks = api.get("/v2/absences", {**params, "interval": "months"}).json()[person_id]

    assert [(b["beginDate"], b["endDate"]) for b in blocks] == [
        ("2026-01-15", "2026-01-31"),
        ("2026-02-01", "2026-02-28"),
        ("2026-03-01", "2026-03-10"),
    ]


def test_absences_without_persons_page_by_50_keys(api):
    api.sandbox.store.replace(generate_dataset(persons=60, seed=2))

    first = api.get("/v2/absences", {**YEAR_2026, "onlyActive": "false"})
    second = api.get("/v2/absences", {**YEAR_2026, "onlyActive": "false", "page": "2"})

    assert len(first.json()) == 50
    assert len(second.json()) == 10
    assert "page=2" in first.links["next"]["url"]


def test_items_per_page_spreads_one_person_over_pages(api):
    person_id = person_ids(api.sandbox)[0]
    params = {**YEAR_2026, "persons": person_id, "interval": "months"}
    unpaged = api.get("/v2/absences", params).json()[person_id]
    numbers = [item["number"] for block in unpaged for item in block["absences"]]
    page_count = -(-len(numbers) // 4)
    api.sandbox.items_per_page = 4

    merged = []
    for page in range(1, page_count + 1):
        response = api.get("/v2/absences", {**params, "page": str(page)})
        blocks = response.json()[person_id]
        assert len(response.json()) == 1
        assert [b["beginDate"] for b in blocks] == [b["beginDate"] for b in unpaged]
        assert sum(len(block["absences"]) for block in blocks) <= 4
        assert ("next" in response.links) == (page < page_count)
        merged.extend(item["number"] for block in blocks for item in block["absences"])

    assert len(numbers) > 8
    assert sorted(merged) == sorted(numbers)


def test_key_without_sick_leave_permission_gets_403(api):
    token = api.token(NO_SICK_LEAVES_ACCESS_KEY, NO_SICK_LEAVES_SECRET_KEY)

    response = api.get("/v2/sick-leaves", YEAR_2026, token=token)

    assert_error(response, 403, "PermissionDeniedError")
    assert api.get("/v2/absences", YEAR_2026, token=token).status_code == 200


def test_sick_leaves_envelope(api):
    person_id = person_ids(api.sandbox)[0]

    body = api.get("/v2/sick-leaves", {**YEAR_2026, "persons": person_id}).json()

    assert set(body[person_id][0]) == {"beginDate", "endDate", "sickLeaves"}


def test_unknown_endpoint_gets_404(api):
    assert_error(api.get("/v2/nothing"), 404, "InvalidEndpointError")
