"""The client reads persons and absences with the minimum number of requests."""

import math
from datetime import date

from integrations.hrworks.sandbox import generate_dataset


def minimum_requests(persons: int, windows: int) -> int:
    """1 authentication + ceil(P/50) master-data pages + windows * ceil(P/50) absence requests."""
    groups = math.ceil(persons / 50)
    return 1 + groups + windows * groups


def test_200_persons_three_years_use_minimum_requests(hrworks_sandbox, sandbox_client):
    hrworks_sandbox.store.replace(generate_dataset(persons=200, seed=7, today=date(2026, 12, 4)))
    client = sandbox_client()

    persons = client.persons()
    absences = client.absences(date(2025, 1, 1), date(2027, 12, 31), [p.person_id for p in persons])

    assert len(persons) == 200
    assert len(absences) > 200 * 3 * 15
    assert client.request_count == minimum_requests(200, windows=3) == 17
