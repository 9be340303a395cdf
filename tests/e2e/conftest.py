"""A real Celery worker with beat in a subprocess, on the test run's PostgreSQL database
and a Redis broker, against the hr works sandbox in this process."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from integrations.hrworks.demo import dataset
from integrations.hrworks.sandbox import SandboxServer

PROJECT_DIR = Path(__file__).resolve().parents[2]
# Redis database of the e2e broker; the other tests use the one in the test settings.
BROKER_DB = 14
SWEEP_SECONDS = 3
STOP_TIMEOUT_SECONDS = 20


def _require_real_services():
    problems = []
    if connection.vendor != "postgresql":
        problems.append("PostgreSQL")
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        problems.append("Redis")
    if not problems:
        return
    message = (
        f"The end-to-end tests need {' and '.join(problems)} (127.0.0.1:5432 and "
        "127.0.0.1:6379), which the worker subprocess shares with the tests."
    )
    if settings.IN_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _broker_url() -> str:
    base = settings.CELERY_BROKER_URL.rsplit("/", 1)[0]
    return f"{base}/{BROKER_DB}"


def _flush_broker(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()


class Worker:
    """A ``celery worker --beat`` process and its log file."""

    def __init__(self, process: subprocess.Popen, log_path: Path):
        self.process = process
        self.log_path = log_path

    def log_tail(self, lines: int = 60) -> str:
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=STOP_TIMEOUT_SECONDS)


@pytest.fixture
def demo_sandbox():
    server = SandboxServer(dataset.load_demo_dataset(dataset.INITIAL), host="127.0.0.1", port=0)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def celery_worker_with_beat(transactional_db, tmp_path):
    """Return a function that starts the worker with beat; it is stopped after the test.

    The tests create their data first. The worker reads only committed rows, which is why
    the fixture needs ``transactional_db``.
    """
    _require_real_services()
    broker_url = _broker_url()
    _flush_broker(broker_url)
    workers = []

    def start() -> Worker:
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(PROJECT_DIR), str(Path(__file__).parent)]),
            "DJANGO_SETTINGS_MODULE": "worker_settings",
            "E2E_DATABASE_NAME": connection.settings_dict["NAME"],
            "E2E_BROKER_URL": broker_url,
            "E2E_BEAT_SCHEDULE_FILE": str(tmp_path / "celerybeat-schedule"),
            "E2E_SWEEP_SECONDS": str(SWEEP_SECONDS),
            "VAR_DIR": str(tmp_path / "var"),
        }
        log_path = tmp_path / "worker.log"
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "agenturverwaltung",
            "worker",
            "--beat",
            "--pool=threads",
            "--concurrency=2",
            "--loglevel=INFO",
            f"--hostname=e2e-{os.getpid()}@%h",
        ]
        with log_path.open("w", encoding="utf-8") as log:
            process = subprocess.Popen(  # noqa: S603
                command, cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        worker = Worker(process, log_path)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
    _flush_broker(broker_url)


def wait_for(condition, worker: Worker, timeout: float, what: str):
    """Poll ``condition`` every 0.25 s until it returns a truthy value; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        if worker.process.poll() is not None:
            pytest.fail(
                f"The worker exited with {worker.process.returncode} while waiting for "
                f"{what}. Its log ends with:\n{worker.log_tail()}"
            )
        time.sleep(0.25)
    pytest.fail(
        f"Timed out after {timeout} s waiting for {what}. The worker log ends with:\n"
        f"{worker.log_tail()}"
    )


@pytest.fixture
def wait():
    return wait_for
