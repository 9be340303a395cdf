import json
from pathlib import Path

import pytest

from integrations.hrworks.client import HrWorksClient

RESPONSES = Path(__file__).parent / "responses"


def _read_saved(name: str):
    text = (RESPONSES / name).read_text(encoding="utf-8")
    return json.loads(text) if name.endswith(".json") else text


@pytest.fixture
def saved():
    """Return a reader of saved response files: parsed JSON, or text for other files."""
    return _read_saved


@pytest.fixture
def sandbox_client(hrworks_sandbox):
    """Return a factory of clients for the sandbox with short timeouts and retry waits."""

    def make(**options) -> HrWorksClient:
        defaults = {"timeout": 2, "max_total_wait": 5, "backoff_factor": 0.01}
        return HrWorksClient(
            hrworks_sandbox.base_url,
            hrworks_sandbox.access_key,
            hrworks_sandbox.secret_key,
            **{**defaults, **options},
        )

    return make
