"""``manage.py hrworks_sandbox`` serves hr works to real HTTP clients."""

import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
import requests
from django.core.management import CommandError, call_command

from integrations.hrworks.client import HrWorksClient

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"sandbox exited: {process.stdout.read()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("sandbox did not start listening")


@pytest.fixture
def sandbox_process():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "hrworks_sandbox", "--persons", "200", "--port", str(port)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_until_listening(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_command_serves_200_persons_with_minimum_requests(sandbox_process):
    client = HrWorksClient(sandbox_process, "demo-access-key", "demo-secret-key", timeout=10)

    persons = client.persons()
    absences = client.absences(date(2025, 1, 1), date(2027, 12, 31), [p.person_id for p in persons])

    assert len(persons) == 200
    assert absences
    # 1 authentication + 4 master-data pages + 3 years * 4 groups of 50 persons
    assert client.request_count == 17


def test_command_answers_plain_http_like_hr_works(sandbox_process):
    response = requests.post(
        f"{sandbox_process}/v2/authentication",
        json={"accessKey": "demo-access-key", "secretAccessKey": "wrong"},
        timeout=5,
    )

    assert response.status_code == 403
    assert response.json()["type"] == "InvalidCredentialsError"


def test_invalid_fault_spec_is_a_command_error():
    with pytest.raises(CommandError, match="unknown fault kind"):
        call_command("hrworks_sandbox", "--persons", "1", "--fault", "explode")


def test_missing_data_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot load data file"):
        call_command("hrworks_sandbox", "--data", str(tmp_path / "missing.json"))


def test_access_key_without_secret_is_a_command_error():
    with pytest.raises(CommandError, match="together"):
        call_command("hrworks_sandbox", "--access-key", "only-this")
