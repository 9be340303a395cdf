"""The client against saved hr works responses, one short test per status code and shape."""

from datetime import date

import pytest
import requests
import responses
from responses import matchers

from integrations.hrworks.client import HrWorksClient, errors

BASE_URL = "https://api.hrworks.test"
ABSENCES_URL = f"{BASE_URL}/v2/absences"


@pytest.fixture
def mocked(saved):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(f"{BASE_URL}/v2/authentication", json=saved("token.json"))
        yield mock


@pytest.fixture
def client():
    return HrWorksClient(
        BASE_URL, "saved-key", "saved-secret", timeout=2, max_total_wait=1, backoff_factor=0.01
    )


def test_absence_types_are_parsed(mocked, client, saved):
    mocked.get(f"{BASE_URL}/v2/absences/absence-types", json=saved("absence_types.json"))

    vacation, flextime = client.absence_types()

    assert vacation.key == "UR"
    assert vacation.name == "Urlaub"
    assert vacation.color == "#4CAF50"
    assert vacation.reduces_holiday_entitlement is True
    assert vacation.reduces_target_working_hours is True
    assert flextime.is_active is False
    assert flextime.reduces_time_account is True


def test_absence_types_request_includes_inactive(mocked, client, saved):
    route = mocked.get(
        f"{BASE_URL}/v2/absences/absence-types",
        json=saved("absence_types.json"),
        match=[matchers.query_param_matcher({"onlyActive": "false"})],
    )

    client.absence_types()

    assert route.call_count == 1


def test_sick_leave_type_without_color_is_accepted(mocked, client, saved):
    mocked.get(f"{BASE_URL}/v2/sick-leaves/sick-leave-types", json=saved("sick_leave_types.json"))

    sickness, child_sickness = client.sick_leave_types()

    assert sickness.color == "#F44336"
    assert child_sickness.key == "KK"
    assert child_sickness.color == ""


def test_persons_follow_next_link(mocked, client, saved):
    page2 = f"{BASE_URL}/v2/persons/master-data?onlyActive=false&page=2"
    mocked.get(
        f"{BASE_URL}/v2/persons/master-data",
        json=saved("persons_page1.json"),
        headers={"Link": f'<{page2}>; rel="next", <{page2}>; rel="last"'},
        match=[matchers.query_param_matcher({"onlyActive": "false"})],
    )
    mocked.get(
        f"{BASE_URL}/v2/persons/master-data",
        json=saved("persons_page2.json"),
        match=[matchers.query_param_matcher({"onlyActive": "false", "page": "2"})],
    )

    persons = client.persons()

    assert [p.person_id for p in persons] == ["jürgen.weiß", "doerte.krueger", "ole.lange"]


def test_persons_by_unit_merge_a_unit_split_over_pages(mocked, client, saved):
    page2 = f"{BASE_URL}/v2/persons?onlyActive=false&onlyActiveOrganizationUnits=false&page=2"
    params = {"onlyActive": "false", "onlyActiveOrganizationUnits": "false"}
    mocked.get(
        f"{BASE_URL}/v2/persons",
        json=saved("persons_by_unit_page1.json"),
        headers={"Link": f'<{page2}>; rel="next", <{page2}>; rel="last"'},
        match=[matchers.query_param_matcher(params)],
    )
    mocked.get(
        f"{BASE_URL}/v2/persons",
        json=saved("persons_by_unit_page2.json"),
        match=[matchers.query_param_matcher({**params, "page": "2"})],
    )

    units = client.persons_by_organization_unit()

    assert [p.person_id for p in units["10"]] == ["anna.berg", "jörg.weiß", "özlem.yilmaz"]
    assert [p.person_id for p in units["20"]] == ["jonas.keller"]
    assert units["20"][0].personnel_number == "1002"
    assert units["10"][1].last_name == "Weiß"


def test_person_fields_and_custom_fields(mocked, client, saved):
    mocked.get(f"{BASE_URL}/v2/persons/master-data", json=saved("persons_page1.json"))

    juergen, doerte = client.persons()

    assert juergen.email == "Juergen.Weiss@Agentur.example"
    assert juergen.private_email == "jw@web.example"
    assert juergen.license_number == "7"
    assert juergen.join_date == date(2019, 4, 1)
    assert juergen.leave_date is None
    assert doerte.is_active is False
    assert doerte.leave_date == date(2025, 6, 30)
    assert doerte.email is None


def test_person_with_empty_email_has_none(mocked, client, saved):
    mocked.get(f"{BASE_URL}/v2/persons/master-data", json=saved("persons_page2.json"))

    (ole,) = client.persons()

    assert ole.email is None


def test_person_without_person_id_is_unexpected(mocked, client, saved):
    mocked.get(f"{BASE_URL}/v2/persons/master-data", json=saved("persons_missing_person_id.json"))

    with pytest.raises(errors.UnexpectedResponse, match="personId"):
        client.persons()


def test_organization_units_are_parsed(mocked, client, saved):
    mocked.get(f"{BASE_URL}/v2/organization-units", json=saved("organization_units.json"))

    units = client.organization_units()

    assert [(u.number, u.name) for u in units] == [("10", "Geschäftsführung"), ("30", "Kreation")]


def test_absences_are_parsed_with_half_days(mocked, client, saved):
    mocked.get(ABSENCES_URL, json=saved("absences.json"))

    first, second = client.absences(date(2026, 1, 1), date(2026, 12, 31), ["jürgen.weiß"])

    assert first.number == "7_12"
    assert first.person_id == "jürgen.weiß"
    assert first.type_key == "UR"
    assert first.type_name == "Urlaub"
    assert (first.begin_date, first.end_date) == (date(2026, 3, 2), date(2026, 3, 6))
    assert first.first_day_afternoon_only is False
    assert first.last_day_forenoon_only is True
    assert first.status == "validatedOk"
    assert first.working_days == 4.5
    assert first.remark == "Familienbesuch"
    assert second.first_day_afternoon_only is True
    assert second.status == "requested"
    assert second.remark == ""


def test_absences_request_names_range_and_persons(mocked, client, saved):
    route = mocked.get(
        ABSENCES_URL,
        json=saved("absences.json"),
        match=[
            matchers.query_param_matcher(
                {
                    "beginDate": "2026-01-01",
                    "endDate": "2026-12-31",
                    "persons": ["jürgen.weiß", "ole.lange"],
                }
            )
        ],
    )

    client.absences(date(2026, 1, 1), date(2026, 12, 31), ["jürgen.weiß", "ole.lange"])

    assert route.call_count == 1


def test_legacy_half_day_flags_are_mapped(mocked, client, saved):
    mocked.get(ABSENCES_URL, json=saved("absences_legacy_half_days.json"))

    afternoon, forenoon, both = client.absences(date(2026, 1, 1), date(2026, 12, 31), ["ole"])

    assert (afternoon.first_day_afternoon_only, afternoon.last_day_forenoon_only) == (True, False)
    assert (forenoon.first_day_afternoon_only, forenoon.last_day_forenoon_only) == (False, True)
    assert (both.first_day_afternoon_only, both.last_day_forenoon_only) == (True, True)
    assert both.status is None


def test_mistyped_absence_fields_are_unexpected(mocked, client, saved):
    mocked.get(ABSENCES_URL, json=saved("absences_mistyped.json"))

    with pytest.raises(errors.UnexpectedResponse, match="beginDate"):
        client.absences(date(2026, 1, 1), date(2026, 12, 31), ["ole.lange"])


def test_sick_leaves_with_and_without_substitute(mocked, client, saved):
    mocked.get(f"{BASE_URL}/v2/sick-leaves", json=saved("sick_leaves.json"))

    sick, child = client.sick_leaves(date(2026, 1, 1), date(2026, 12, 31), ["jürgen.weiß"])

    assert sick.status == "electronicCertificateAvailable"
    assert sick.working_days == 3.0
    assert child.type_key == "KK"
    assert child.first_day_afternoon_only is True


def test_wrong_key_pair_is_invalid_credentials(client, saved):
    with responses.RequestsMock() as mock:
        mock.post(
            f"{BASE_URL}/v2/authentication",
            status=403,
            json=saved("error_invalid_credentials.json"),
        )

        with pytest.raises(errors.InvalidCredentials) as caught:
            client.authenticate()

    assert caught.value.permanent is True
    assert "saved-secret" not in str(caught.value)
    assert "API-Schlüssel" in caught.value.message_de


def test_expired_contract_is_invalid_credentials(mocked, client, saved):
    mocked.get(
        f"{BASE_URL}/v2/organization-units",
        status=403,
        json=saved("error_invalid_customer_number.json"),
    )

    with pytest.raises(errors.InvalidCredentials):
        client.organization_units()


def test_missing_permission_names_area(mocked, client, saved):
    mocked.get(
        f"{BASE_URL}/v2/sick-leaves/sick-leave-types",
        status=403,
        json=saved("error_permission_denied.json"),
    )

    with pytest.raises(errors.PermissionDenied) as caught:
        client.sick_leave_types()

    assert caught.value.area == "sick_leaves"
    assert caught.value.permanent is True
    assert "„Krankmeldungen“" in caught.value.message_de


def test_401_renews_token_once_and_retries(mocked, client, saved):
    url = f"{BASE_URL}/v2/organization-units"
    mocked.get(url, status=401, json=saved("error_invalid_bearer_token.json"))
    mocked.get(url, json=saved("organization_units.json"))

    units = client.organization_units()

    assert len(units) == 2
    assert len(mocked.calls) == 4  # auth, 401, auth, success
    assert client.request_count == 4


def test_second_401_after_renewal_is_unexpected(mocked, client, saved):
    url = f"{BASE_URL}/v2/organization-units"
    mocked.get(url, status=401, json=saved("error_invalid_bearer_token.json"))

    with pytest.raises(errors.UnexpectedResponse, match="401"):
        client.organization_units()

    assert client.request_count == 4


def test_400_is_unexpected_and_not_retried(mocked, client, saved):
    mocked.get(ABSENCES_URL, status=400, json=saved("error_invalid_parameter.json"))

    with pytest.raises(errors.UnexpectedResponse, match="InvalidParameterError"):
        client.absences(date(2026, 1, 1), date(2026, 12, 31), ["ole.lange"])

    assert client.request_count == 2


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_retried_then_transient(mocked, client, status, saved):
    url = f"{BASE_URL}/v2/organization-units"
    mocked.get(url, status=status, json=saved("error_internal_server.json"))

    with pytest.raises(errors.TransientError) as caught:
        client.organization_units()

    assert caught.value.permanent is False
    assert client.request_count == 1 + 5  # auth, first try and four retries


def test_429_retry_after_beyond_budget_is_returned(mocked, client):
    mocked.get(f"{BASE_URL}/v2/organization-units", status=429, headers={"Retry-After": "120"})

    with pytest.raises(errors.TransientError) as caught:
        client.organization_units()

    assert caught.value.retry_after == 120.0
    assert client.request_count == 2


def test_429_then_success_honours_retry_after(mocked, client, saved):
    url = f"{BASE_URL}/v2/organization-units"
    mocked.get(url, status=429, headers={"Retry-After": "0"})
    mocked.get(url, json=saved("organization_units.json"))

    assert len(client.organization_units()) == 2
    assert client.request_count == 3


def test_html_body_is_unexpected(mocked, client, saved):
    mocked.get(
        f"{BASE_URL}/v2/organization-units",
        body=saved("maintenance.html"),
        content_type="text/html",
    )

    with pytest.raises(errors.UnexpectedResponse, match="not JSON"):
        client.organization_units()


def test_connection_error_is_transient(mocked, client):
    mocked.get(f"{BASE_URL}/v2/organization-units", body=requests.ConnectionError("refused"))

    with pytest.raises(errors.TransientError, match="connection error"):
        client.organization_units()


def test_requests_carry_product_headers(mocked, client, saved):
    mocked.get(f"{BASE_URL}/v2/organization-units", json=saved("organization_units.json"))

    client.organization_units()

    sent = mocked.calls[-1].request.headers
    assert sent["User-Agent"].startswith("Agenturverwaltung-hrworks/")
    assert sent["Cache-Control"] == "no-cache"
    assert sent["Accept"] == "application/json"
    assert sent["Authorization"].startswith("Bearer ")


def test_token_is_reused_between_requests(mocked, client, saved):
    mocked.get(f"{BASE_URL}/v2/organization-units", json=saved("organization_units.json"))

    client.organization_units()
    client.organization_units()

    assert [call.request.method for call in mocked.calls] == ["POST", "GET", "GET"]


def test_next_link_to_other_host_is_unexpected(mocked, client, saved):
    mocked.get(
        f"{BASE_URL}/v2/persons/master-data",
        json=saved("persons_page1.json"),
        headers={"Link": '<https://elsewhere.test/v2/persons/master-data?page=2>; rel="next"'},
    )

    with pytest.raises(errors.UnexpectedResponse, match="another server"):
        client.persons()


def test_repr_hides_secret(client):
    assert "saved-secret" not in repr(client)
