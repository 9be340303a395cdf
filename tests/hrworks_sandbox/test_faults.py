"""Fault spec parsing and the faults' effect on sandbox responses."""

import pytest

from integrations.hrworks.sandbox import parse_fault


def test_spec_with_options_is_parsed():
    fault = parse_fault("500:path=/v2/absences:times=2")

    assert (fault.status, fault.path, fault.times) == (500, "/v2/absences", 2)


@pytest.mark.parametrize(
    "spec",
    ["999", "explode", "429:every", "429:every=0", "500:path=v2", "slow:speed=3", "expire-token"],
)
def test_invalid_spec_is_rejected(spec):
    with pytest.raises(ValueError):
        parse_fault(spec)


def test_every_fires_on_each_nth_request():
    fault = parse_fault("429:every=3")

    assert [fault.should_fire("/v2/x") for _ in range(7)] == [
        False, False, True, False, False, True, False,
    ]  # fmt: skip


def test_after_and_times_limit_firing():
    fault = parse_fault("503:after=1:times=2")

    assert [fault.should_fire("/v2/x") for _ in range(5)] == [False, True, True, False, False]


def test_path_fault_ignores_other_paths():
    fault = parse_fault("500:path=/v2/absences")

    assert fault.should_fire("/v2/absences/absence-types") is False
    assert fault.should_fire("/v2/absences") is True


def test_429_sends_retry_after(api):
    api.sandbox.add_fault("429:path=/v2/organization-units:retry-after=3")

    response = api.get("/v2/organization-units")

    assert response.status_code == 429
    assert response.headers["Retry-After"] == "3"
    assert response.json()["errorCode"] == 429


def test_cleared_faults_stop_firing(api):
    api.sandbox.add_fault("500:path=/v2/organization-units")
    api.sandbox.clear_faults()

    assert api.get("/v2/organization-units").status_code == 200


def test_expire_token_rejects_token_after_uses(api):
    api.sandbox.add_fault("expire-token:after=2")
    token = api.token()

    codes = [api.get("/v2/organization-units", token=token).status_code for _ in range(3)]

    assert codes == [200, 200, 401]


def test_403_fault_denies_permission(api):
    api.sandbox.add_fault("403:path=/v2/sick-leaves/sick-leave-types")

    response = api.get("/v2/sick-leaves/sick-leave-types")

    assert response.json()["type"] == "PermissionDeniedError"


def test_malformed_fault_sends_broken_json(api):
    api.sandbox.add_fault("malformed:path=/v2/organization-units")

    response = api.get("/v2/organization-units")

    assert response.status_code == 200
    with pytest.raises(ValueError):
        response.json()
