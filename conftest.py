"""Project-wide pytest set-up: no test may reach the internet."""

import socket

import pytest

pytest_plugins = ["integrations.hrworks.sandbox.pytest_plugin"]

_LOCAL_HOSTS = {"127.0.0.1", "::1", "localhost"}
_real_connect = socket.socket.connect


def _guarded_connect(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and self.family in (socket.AF_INET, socket.AF_INET6):
        if host not in _LOCAL_HOSTS:
            raise RuntimeError(f"Tests must not reach the network: connect to {host!r} blocked.")
    return _real_connect(self, address)


@pytest.fixture(autouse=True, scope="session")
def _block_internet():
    socket.socket.connect = _guarded_connect
    yield
    socket.socket.connect = _real_connect


def pytest_report_header(config):
    """Say which database and broker the run uses, so a SQLite fallback is visible."""
    from django.conf import settings

    return getattr(settings, "TEST_SERVICES_REPORT", [])


def pytest_terminal_summary(terminalreporter):
    """Repeat a fallback at the end, where it shows even with ``-q``."""
    from django.conf import settings

    for line in getattr(settings, "TEST_SERVICES_REPORT", []):
        if "not reachable" in line:
            terminalreporter.write_line(f"NOTE: {line}; the tests ran with the fallback.")
