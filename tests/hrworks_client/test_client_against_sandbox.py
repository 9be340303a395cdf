"""The client against the sandbox over real sockets, with faults injected."""

import time
from datetime import date

import pytest

from integrations.hrworks.client import errors
from integrations.hrworks.sandbox import (
    NO_SICK_LEAVES_ACCESS_KEY,
    NO_SICK_LEAVES_SECRET_KEY,
    generate_dataset,
)

YEAR_2026 = (date(2026, 1, 1), date(2026, 12, 31))


def expected_numbers(store, begin: date, end: date, person_ids, key="absences") -> set[str]:
    return {
        item["number"]
        for person_id in person_ids
        for item in store.data[key].get(person_id, [])
        if item["beginDate"] <= end.isoformat() and item["endDate"] >= begin.isoformat()
    }


def person_ids(sandbox) -> list[str]:
    return [person["personId"] for person in sandbox.store.persons]


def statuses(sandbox, path: str) -> list:
    return [record.status for record in sandbox.requests_to(path)]


def test_pages_merge_key_repeated_on_two_pages(hrworks_sandbox, sandbox_client):
    hrworks_sandbox.page_size = 4
    hrworks_sandbox.add_fault("split-key:path=/v2/absences")
    ids = person_ids(hrworks_sandbox)[:10]

    absences = sandbox_client().absences(*YEAR_2026, ids)

    assert len(hrworks_sandbox.requests_to("/v2/absences")) == 3
    assert {a.number for a in absences} == expected_numbers(hrworks_sandbox.store, *YEAR_2026, ids)
    assert len(absences) == len({a.number for a in absences})


def test_persons_read_over_three_pages(hrworks_sandbox, sandbox_client):
    hrworks_sandbox.page_size = 5

    persons = sandbox_client().persons()

    assert len(hrworks_sandbox.requests_to("/v2/persons/master-data")) == 3
    assert [p.person_id for p in persons] == person_ids(hrworks_sandbox)


def test_leavers_are_included_unless_only_active(hrworks_sandbox, sandbox_client):
    hrworks_sandbox.store.update_person(person_ids(hrworks_sandbox)[0], isActive=False)
    client = sandbox_client()

    assert len(client.persons()) == 12
    assert len(client.persons(only_active=True)) == 11


def test_token_expiry_mid_run_renews_token(hrworks_sandbox, sandbox_client):
    hrworks_sandbox.page_size = 2
    hrworks_sandbox.add_fault("expire-token:after=4")
    client = sandbox_client()

    persons = client.persons()
    absences = client.absences(*YEAR_2026, [p.person_id for p in persons])

    log = list(hrworks_sandbox.request_log)
    authentications = [r for r in log if r.path == "/v2/authentication"]
    assert 3 <= len(authentications) <= len(log) // 4 + 1
    rejected = [r.status == 401 for r in log if r.path != "/v2/authentication"]
    assert not any(a and b for a, b in zip(rejected, rejected[1:], strict=False))
    ids = [p.person_id for p in persons]
    assert {a.number for a in absences} == expected_numbers(hrworks_sandbox.store, *YEAR_2026, ids)


def test_short_token_is_renewed_before_expiry(hrworks_sandbox, sandbox_client):
    # Tokens live 4 s and each of the 36 pages takes 250 ms, so the 9 s of paging need
    # several tokens. A token used after its expiry would show as a 401 in the request log.
    hrworks_sandbox.tokens.ttl = 4
    hrworks_sandbox.page_size = 1
    hrworks_sandbox.add_fault("slow:path=/v2/persons/master-data:ms=250")
    client = sandbox_client()

    started = time.monotonic()
    for _ in range(3):
        assert len(client.persons()) == 12
    elapsed = time.monotonic() - started

    log = list(hrworks_sandbox.request_log)
    authentications = hrworks_sandbox.requests_to("/v2/authentication")
    assert elapsed >= 3 * 12 * 0.25
    assert [record for record in log if record.status == 401] == []
    assert len(authentications) >= 3
    assert len(authentications) <= len(log) // 6


def test_429_waits_for_retry_after(hrworks_sandbox, sandbox_client):
    hrworks_sandbox.add_fault("429:path=/v2/organization-units:times=1:retry-after=1")
    client = sandbox_client()
    started = time.monotonic()

    units = client.organization_units()

    assert time.monotonic() - started >= 1.0
    assert len(units) == 6
    assert statuses(hrworks_sandbox, "/v2/organization-units") == [429, 200]


def test_500_twice_then_success(hrworks_sandbox, sandbox_client):
    hrworks_sandbox.add_fault("500:path=/v2/absences:times=2")
    ids = person_ids(hrworks_sandbox)

    absences = sandbox_client().absences(*YEAR_2026, ids)

    assert statuses(hrworks_sandbox, "/v2/absences") == [500, 500, 200]
    assert {a.number for a in absences} == expected_numbers(hrworks_sandbox.store, *YEAR_2026, ids)


def test_permanent_500_gives_up_after_retries(hrworks_sandbox, sandbox_client):
    hrworks_sandbox.add_fault("500:path=/v2/absences")
    client = sandbox_client(max_retries=3)

    with pytest.raises(errors.TransientError, match="4 attempts"):
        client.absences(*YEAR_2026, person_ids(hrworks_sandbox))

    assert statuses(hrworks_sandbox, "/v2/absences") == [500] * 4


def test_malformed_json_is_unexpected(hrworks_sandbox, sandbox_client):
    hrworks_sandbox.add_fault("malformed:path=/v2/persons/master-data")

    with pytest.raises(errors.UnexpectedResponse, match="not JSON"):
        sandbox_client().persons()


def test_repeated_page_is_unexpected(hrworks_sandbox, sandbox_client):
    hrworks_sandbox.page_size = 5
    hrworks_sandbox.add_fault("repeat-page:path=/v2/persons/master-data")

    with pytest.raises(errors.UnexpectedResponse, match="repeats a page"):
        sandbox_client().persons()

    assert len(hrworks_sandbox.requests_to("/v2/persons/master-data")) == 2


def test_timeout_is_retried(hrworks_sandbox, sandbox_client):
    hrworks_sandbox.add_fault("timeout:path=/v2/organization-units:times=1:ms=1500")

    client = sandbox_client(timeout=0.3)
    units = client.organization_units()

    assert len(units) == 6
    # The sandbox logs the timed-out request only when its delay ends, so count here.
    assert client.request_count == 3


def test_dropped_connection_is_retried(hrworks_sandbox, sandbox_client):
    hrworks_sandbox.add_fault("drop:path=/v2/organization-units:times=1")

    units = sandbox_client().organization_units()

    assert len(units) == 6
    assert statuses(hrworks_sandbox, "/v2/organization-units") == [None, 200]


def test_range_over_one_year_is_split(hrworks_sandbox, sandbox_client):
    ids = person_ids(hrworks_sandbox)
    begin, end = date(2025, 3, 1), date(2027, 12, 31)

    absences = sandbox_client().absences(begin, end, ids)

    queries = [r.query for r in hrworks_sandbox.requests_to("/v2/absences")]
    assert [q.split("&")[:2] for q in queries] == [
        ["beginDate=2025-03-01", "endDate=2026-02-28"],
        ["beginDate=2026-03-01", "endDate=2027-02-28"],
        ["beginDate=2027-03-01", "endDate=2027-12-31"],
    ]
    assert {a.number for a in absences} == expected_numbers(hrworks_sandbox.store, begin, end, ids)


def test_absence_in_two_windows_is_returned_once(hrworks_sandbox, sandbox_client):
    person_id = person_ids(hrworks_sandbox)[0]
    added = hrworks_sandbox.store.add_absence(
        person_id,
        {"type": "UR", "name": "Urlaub", "beginDate": "2025-12-29", "endDate": "2026-01-02"},
    )

    absences = sandbox_client().absences(date(2025, 1, 1), date(2026, 12, 31), [person_id])

    assert [a.number for a in absences].count(added["number"]) == 1


def test_120_persons_are_read_in_groups_of_50(hrworks_sandbox, sandbox_client):
    hrworks_sandbox.store.replace(generate_dataset(persons=120, seed=3, today=date(2026, 12, 4)))
    ids = person_ids(hrworks_sandbox)

    absences = sandbox_client().absences(*YEAR_2026, ids)

    groups = [r.query.count("persons=") for r in hrworks_sandbox.requests_to("/v2/absences")]
    assert groups == [50, 50, 20]
    assert {a.number for a in absences} == expected_numbers(hrworks_sandbox.store, *YEAR_2026, ids)


def test_store_changes_show_on_next_read(hrworks_sandbox, sandbox_client):
    person_id = person_ids(hrworks_sandbox)[1]
    client = sandbox_client()
    before = {a.number: a for a in client.absences(*YEAR_2026, [person_id])}
    number = next(iter(before))

    hrworks_sandbox.store.set_absence_status(number, "cancelled")
    after = {a.number: a for a in client.absences(*YEAR_2026, [person_id])}

    assert after[number].status == "cancelled"


def test_sick_leaves_are_read(hrworks_sandbox, sandbox_client):
    ids = person_ids(hrworks_sandbox)

    sick_leaves = sandbox_client().sick_leaves(*YEAR_2026, ids)

    expected = expected_numbers(hrworks_sandbox.store, *YEAR_2026, ids, key="sickLeaves")
    assert {s.number for s in sick_leaves} == expected


def test_key_without_sick_leave_permission_is_denied(hrworks_sandbox):
    from integrations.hrworks.client import HrWorksClient

    client = HrWorksClient(
        hrworks_sandbox.base_url, NO_SICK_LEAVES_ACCESS_KEY, NO_SICK_LEAVES_SECRET_KEY
    )

    assert len(client.absence_types()) == 6
    with pytest.raises(errors.PermissionDenied) as caught:
        client.sick_leave_types()
    assert caught.value.area == "sick_leaves"


def test_wrong_secret_is_invalid_credentials(hrworks_sandbox, sandbox_client):
    from integrations.hrworks.client import HrWorksClient

    client = HrWorksClient(hrworks_sandbox.base_url, hrworks_sandbox.access_key, "wrong")

    with pytest.raises(errors.InvalidCredentials):
        client.authenticate()
    assert client.request_count == 1


def test_client_logs_hold_no_secret_or_person_ids(hrworks_sandbox, sandbox_client, caplog):
    hrworks_sandbox.add_fault("500:path=/v2/absences:times=1")
    hrworks_sandbox.add_fault("expire-token:after=2")
    hrworks_sandbox.add_fault("malformed:path=/v2/sick-leaves")
    ids = person_ids(hrworks_sandbox)
    client = sandbox_client()

    with caplog.at_level("DEBUG", logger="integrations.hrworks.client"):
        client.absences(*YEAR_2026, ids)
        with pytest.raises(errors.UnexpectedResponse):
            client.sick_leaves(*YEAR_2026, ids)

    client_lines = [r.getMessage() for r in caplog.records if r.name.endswith("client.client")]
    client_lines += [r.getMessage() for r in caplog.records if r.name.endswith("transport")]
    text = "\n".join(client_lines)
    assert client_lines
    assert hrworks_sandbox.secret_key not in text
    assert not any(person_id in text for person_id in ids)


def test_persons_by_unit_from_sandbox(hrworks_sandbox, sandbox_client):
    units = sandbox_client().persons_by_organization_unit()

    listed = sorted(p.person_id for persons in units.values() for p in persons)
    expected = sorted(p["personId"] for p in hrworks_sandbox.store.persons)
    assert listed == expected
    assert all(p.uuid for persons in units.values() for p in persons)
