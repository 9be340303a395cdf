"""A staff member of the synced demo agency in the browser."""

import pytest

from absences.models import Absence, Source
from integrations.hrworks import actions
from integrations.hrworks.demo import connect, dataset, seed
from integrations.hrworks.models import Person
from integrations.hrworks.sync.run import sync_tenant
from users.models import User

pytestmark = pytest.mark.browser

DECEMBER = "2026-12"


@pytest.fixture
def synced_agency(transactional_db, demo_sandbox, eager_tasks):
    """The demo agency after its first sync, with Katrin linked by hand and synced again."""
    tenant = seed.seed(dataset.REFERENCE_TODAY).tenant
    connection = connect.connect(
        tenant, demo_sandbox.base_url, dataset.REFERENCE_TODAY, activate=False
    )
    connection.is_active = True
    connection.state = connection.State.ACTIVE
    connection.save()
    run = sync_tenant(tenant, trigger="command")
    assert run.succeeded, run.error

    katrin = User.objects.get(email="katrin.neumann@demo-agentur.example")
    admin = User.objects.get(email=seed.ADMIN_EMAIL)
    # With eager tasks the sync that linking queues runs right here.
    actions.link_person(tenant, katrin, Person.objects.get(person_id="k.woehler"), by=admin)
    assert Absence.objects.filter(user=katrin, source=Source.HRWORKS).exists()
    return tenant


def _cell(page, email, day):
    user = User.objects.get(email=email)
    return page.locator(f"td[data-user='{user.pk}'][data-date='{day}']")


def test_staff_sees_synced_absences_in_team_calendar(
    browser_page, synced_agency, log_in, screenshot
):
    page = browser_page
    log_in(page, seed.STAFF_EMAIL, seed.PASSWORD)

    page.goto(f"/abwesenheiten/kalender/?month={DECEMBER}")

    own_vacation = _cell(page, seed.STAFF_EMAIL, "2026-12-08").locator(".abs")
    assert own_vacation.count() == 1
    assert "Urlaub" in own_vacation.inner_text()
    pending = _cell(page, "malte.jaeger@demo-agentur.example", "2026-12-08").locator(".abs")
    assert "pending" in pending.get_attribute("class")
    half_day = _cell(page, "frauke.meissner@demo-agentur.example", "2026-12-23").locator(".abs")
    assert "half-am" in half_day.get_attribute("class")
    colleague_sick = _cell(page, "jonas.weiss@demo-agentur.example", "2026-12-02").locator(".abs")
    assert "masked" in colleague_sick.get_attribute("class")
    assert "Krankheit" not in colleague_sick.inner_text()
    rejected = _cell(page, "jonas.weiss@demo-agentur.example", "2026-12-15").locator(".abs")
    assert rejected.count() == 0
    screenshot(page, "team-calendar")

    imported = Absence.objects.filter(tenant=synced_agency, source=Source.HRWORKS).visible()
    assert imported.filter(start_date__lte="2026-12-31", end_date__gte="2026-12-01").count() > 30


def test_staff_cannot_open_integration_settings(browser_page, synced_agency, log_in):
    page = browser_page
    log_in(page, seed.STAFF_EMAIL, seed.PASSWORD)

    response = page.goto("/einstellungen/integrationen/hrworks/")

    assert response.status == 403
    assert page.locator("nav.mainnav a[href='/einstellungen/']").count() == 0


def test_staff_pages_for_screenshots(browser_page, synced_agency, log_in, screenshot):
    page = browser_page
    log_in(page, seed.STAFF_EMAIL, seed.PASSWORD)

    response = page.goto(f"/kapazitaet/?month={DECEMBER}")
    assert response.status == 200
    screenshot(page, "capacity", full_page=False)

    response = page.goto("/abwesenheiten/")
    assert response.status == 200
    assert page.locator("text=hr works").count() > 0
    screenshot(page, "absence-list")
