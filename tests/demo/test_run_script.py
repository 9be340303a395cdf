"""``bin/run``, the README's run command: start, serve the synced demo, stop on Ctrl-C,
keep the data on the next run."""

import os
import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
import requests

pytestmark = pytest.mark.e2e

PROJECT_DIR = Path(__file__).resolve().parents[2]
START_TIMEOUT_SECONDS = 120
SYNC_TIMEOUT_SECONDS = 60
STOP_TIMEOUT_SECONDS = 30


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _port_open(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(autouse=True)
def _runtime_requirements_installed():
    """Let bin/run's ``bin/setup-env requirements.txt`` find the test environment current.

    The development requirements include the runtime ones and both stamps hold the digest
    of all requirement files, so a current development stamp is also true for the runtime
    stamp. Without it, bin/run would reinstall from the package index during the test.
    """
    venv = PROJECT_DIR / ".venv"
    runtime = venv / ".installed-requirements.txt"
    development = venv / ".installed-requirements-dev.txt"
    if development.exists() and not runtime.exists():
        runtime.write_text(development.read_text())


class Run:
    def __init__(self, tmp_path: Path, name: str, ports: dict, *arguments: str):
        self.output_path = tmp_path / f"{name}.log"
        env = {
            **os.environ,
            "VAR_DIR": str(tmp_path / "var"),
            "PORT": str(ports["web"]),
            "SANDBOX_PORT": str(ports["sandbox"]),
        }
        with self.output_path.open("w") as output:
            self.process = subprocess.Popen(  # noqa: S603
                [str(PROJECT_DIR / "bin" / "run"), *arguments],
                cwd=PROJECT_DIR,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def output(self) -> str:
        return self.output_path.read_text(errors="replace")

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while "Press Ctrl-C" not in self.output:
            assert self.process.poll() is None, f"bin/run exited early:\n{self.output}"
            assert time.monotonic() < deadline, f"bin/run did not start:\n{self.output}"
            time.sleep(0.5)

    def interrupt(self) -> int:
        """Send Ctrl-C to the whole process group, as a terminal does, and wait for the exit."""
        os.killpg(self.process.pid, signal.SIGINT)
        return self.process.wait(timeout=STOP_TIMEOUT_SECONDS)

    def group_alive(self) -> bool:
        """Return whether a process of bin/run's process group still runs.

        Zombies do not count: an exited child whose parent is gone stays a zombie until init
        reaps it, which in some containers takes long or never happens.
        """
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            state, process_group = fields[0], int(fields[2])
            if process_group == self.process.pid and state != "Z":
                return True
        return False

    def kill(self) -> None:
        if self.group_alive():
            os.killpg(self.process.pid, signal.SIGKILL)


def _query(database: Path, sql: str) -> list:
    with sqlite3.connect(database, timeout=20) as connection:
        return connection.execute(sql).fetchall()


def _wait_for_first_sync(database: Path) -> tuple:
    deadline = time.monotonic() + SYNC_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        runs = _query(database, "SELECT status, created FROM hrworks_syncrun")
        if runs and runs[0][0] != "running":
            return runs[0]
        time.sleep(0.5)
    pytest.fail("The first sync did not finish in time.")


def test_run_serves_synced_demo_and_stops(tmp_path):
    ports = {"web": _free_port(), "sandbox": _free_port()}
    database = tmp_path / "var" / "db.sqlite3"
    first = Run(tmp_path, "first", ports)
    try:
        first.wait_until_ready()
        assert "admin@demo-agentur.example         admin" in first.output
        assert "lena.mueller@demo-agentur.example  staff" in first.output
        assert "activated the sync" in first.output
        status, created = _wait_for_first_sync(database)
        assert status == "succeeded"
        assert created > 100
        login = requests.get(f"http://127.0.0.1:{ports['web']}/anmelden/", timeout=10)
        assert login.status_code == 200

        # 130 is the shell's exit status after SIGINT.
        assert first.interrupt() == 130
        assert not first.group_alive()
        assert not _port_open(ports["web"])
        assert not _port_open(ports["sandbox"])
    finally:
        first.kill()

    absences = _query(database, "SELECT count(*) FROM absences_absence")
    second = Run(tmp_path, "second", ports)
    try:
        second.wait_until_ready()
        assert "keeping its data" in second.output
        assert "has an hr works connection; keeping it" in second.output
        assert _query(database, "SELECT count(*) FROM absences_absence") == absences
        assert second.interrupt() == 130
        assert not second.group_alive()
    finally:
        second.kill()

    # Each start appends a separator, so the logs of the first run survive the second.
    log_dir = tmp_path / "var" / "log"
    for name in ("worker.log", "sandbox.log"):
        log = (log_dir / name).read_text(errors="replace")
        assert log.count("===== bin/run started ") == 2, name
    assert "celery@" in (log_dir / "worker.log").read_text(errors="replace").split("=====")[2]
