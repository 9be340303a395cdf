"""The ``hrworks_sandbox`` pytest fixture: a sandbox on a free port for one test.

The fixture yields the running ``SandboxServer``: ``base_url``, ``access_key``,
``secret_key``, the mutable ``store``, ``add_fault(spec)``, ``clear_faults()`` and the
``request_log``. Its data set is generated for 12 persons with seed 1 around 4 December
2026; ``store.replace(...)`` swaps it for another.
"""

from datetime import date

import pytest

from .generator import generate_dataset
from .server import SandboxServer

FIXTURE_PERSONS = 12
FIXTURE_SEED = 1
FIXTURE_TODAY = date(2026, 12, 4)


@pytest.fixture
def hrworks_sandbox():
    data = generate_dataset(persons=FIXTURE_PERSONS, seed=FIXTURE_SEED, today=FIXTURE_TODAY)
    server = SandboxServer(data, host="127.0.0.1", port=0).start()
    try:
        yield server
    finally:
        server.stop()
