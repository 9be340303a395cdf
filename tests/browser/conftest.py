"""Playwright driving Debian's headless Chromium against Django's live server.

Playwright's own browser download does not work on the CI machines, so the tests use the
``chromium`` package (``.ci/run`` installs it). A missing browser fails the tests; it never
skips them. Set ``SCREENSHOT_DIR`` to save screenshots of the pages the tests visit
(``bin/screenshots`` does that for ``docs/``).
"""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from agenturverwaltung.celery import app as celery_app
from integrations.hrworks.demo import dataset
from integrations.hrworks.sandbox import SandboxServer

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google's hosts at every
# start, which a closed network rejects; --no-sandbox is needed when running as root.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1440, "height": 900}
TIMEOUT_MS = 15_000


def _chromium_path() -> str:
    path = shutil.which(CHROMIUM_PATH) or CHROMIUM_PATH
    if not Path(path).is_file():
        pytest.fail(
            f"Chromium not found at {CHROMIUM_PATH}. Install Debian's package "
            "(apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser():
    path = _chromium_path()
    # Playwright's sync API keeps an event loop in this thread, and Django refuses ORM calls
    # from a thread with a running loop unless this is set. The tests' own ORM calls are
    # plain synchronous code, so the check has nothing to protect here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=path, args=CHROMIUM_ARGS, headless=True
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_context(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport=VIEWPORT, timezone_id="Europe/Berlin"
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def browser_page(browser_context):
    """A fresh page of a fresh browser context (no cookies) on the live server."""
    return browser_context.new_page()


@pytest.fixture
def screenshot():
    """Return ``save(page, name, full_page=True)``, which writes ``<SCREENSHOT_DIR>/<name>.png``
    when the environment variable is set and does nothing otherwise."""
    directory = os.environ.get("SCREENSHOT_DIR")

    def save(page, name: str, full_page: bool = True) -> None:
        if not directory:
            return
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / f"{name}.png"), full_page=full_page)

    return save


@pytest.fixture
def eager_tasks():
    """Run Celery tasks inline, so that the activation's first sync runs in the request.

    The real worker and beat are covered by the end-to-end tests.
    """
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def demo_sandbox():
    """The hr works sandbox serving the demo agency's data as written (no date shift)."""
    server = SandboxServer(dataset.load_demo_dataset(dataset.INITIAL), host="127.0.0.1", port=0)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def log_in():
    """Return ``log_in(page, email, password)``, which logs in on the German login page."""

    def submit(page, email: str, password: str) -> None:
        page.goto("/anmelden/")
        page.get_by_label("E-Mail-Adresse").fill(email)
        page.get_by_label("Passwort").fill(password)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_url(lambda url: "/anmelden/" not in url)

    return submit
