"""An admin sets up the hr works integration of the demo agency in the browser."""

import re

import pytest

from absences.models import Absence, AbsenceType, Source
from integrations.hrworks.demo import dataset, seed
from integrations.hrworks.models import Connection, PersonLink, SyncRun

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_agency(transactional_db):
    return seed.seed(dataset.REFERENCE_TODAY).tenant


def test_admin_connects_activates_links_and_reviews(
    browser_page, demo_sandbox, demo_agency, eager_tasks, log_in, screenshot
):
    page = browser_page
    log_in(page, seed.ADMIN_EMAIL, seed.PASSWORD)

    # Enter the key pair of the sandbox.
    page.goto("/einstellungen/integrationen/hrworks/")
    page.locator("input[name=access_key]").fill(demo_sandbox.access_key)
    page.locator("input[name=secret_key]").fill(demo_sandbox.secret_key)
    page.locator("input[name=base_url]").fill(demo_sandbox.base_url)
    page.locator("input[name=start_date]").fill(dataset.REFERENCE_START_DATE.isoformat())
    page.locator("form[action$='/hrworks/'] button[type=submit]").click()
    page.wait_for_load_state()
    connection = Connection.objects.get(tenant=demo_agency)
    assert connection.access_key == demo_sandbox.access_key
    assert connection.get_secret() == demo_sandbox.secret_key
    assert demo_sandbox.secret_key not in page.content()

    # Test the connection: every area is readable.
    page.locator("form[action$='/verbindung-testen/'] button").click()
    result = page.locator("#test-result")
    result.wait_for()
    assert result.locator(".error").count() == 0
    assert result.locator(".msg-success").count() >= 4
    screenshot(page, "hrworks-connection-test")

    # Read the preview: matched users, the unmatched on both sides, types and replacements.
    page.locator("a[href$='/vorschau/']").click()
    page.wait_for_url(re.compile(r"/vorschau/$"))
    preview_users = page.locator("#preview-users tbody tr")
    assert preview_users.count() == 24
    unmatched_persons = page.locator("#unmatched-persons").inner_text()
    assert "Katrin Wöhler" in unmatched_persons
    assert "Noël Lange" in unmatched_persons
    assert "katrin.neumann@demo-agentur.example" in page.locator("#unmatched-users").inner_text()
    assert "Fortbildung" in page.locator("#types-import").inner_text()
    assert "Überstundenabbau" in page.locator("#types-archive").inner_text()
    lena = preview_users.filter(has_text="lena.mueller@demo-agentur.example")
    assert "Urlaub" in lena.locator("td").nth(4).inner_text()
    screenshot(page, "hrworks-preview", full_page=False)

    # Activate behind the confirmation; the first sync runs right away (eager tasks).
    page.locator("input[name=confirm]").check()
    page.locator("form[action$='/aktivieren/'] button").click()
    page.wait_for_url(re.compile(r"/hrworks/$"))
    connection.refresh_from_db()
    assert connection.is_active
    first_run = SyncRun.objects.get(tenant=demo_agency)
    assert first_run.trigger == SyncRun.Trigger.ACTIVATION
    assert first_run.status == SyncRun.Status.SUCCEEDED
    assert page.locator("#history tbody tr").count() == 1
    screenshot(page, "hrworks-settings")

    # Link Katrin Neumann (local) to Katrin Wöhler (hr works) by hand.
    page.goto("/einstellungen/integrationen/hrworks/personen/")
    katrin = page.locator("#links tbody tr").filter(has_text="katrin.neumann@demo-agentur.example")
    assert katrin.locator("td").nth(1).get_attribute("colspan") == "4"
    page.locator("select[name=user]").select_option(label="Katrin Neumann")
    # The choice shows the name, the hr works user id and the business e-mail.
    page.locator("select[name=person]").select_option(
        label="Katrin Wöhler · k.woehler · katrin.woehler@demo-agentur.example"
    )
    page.locator("form[action$='/personen/verknuepfen/'] button").click()
    page.wait_for_load_state()
    katrin = page.locator("#links tbody tr").filter(has_text="katrin.neumann@demo-agentur.example")
    assert "k.woehler" in katrin.inner_text()
    link = PersonLink.objects.get(user__email="katrin.neumann@demo-agentur.example")
    assert link.method == PersonLink.Method.MANUAL
    assert link.person.person_id == "k.woehler"
    assert Absence.objects.filter(user=link.user, source=Source.HRWORKS).count() == 4
    screenshot(page, "hrworks-links", full_page=False)

    # Review the switches of the imported flexitime type.
    page.goto("/einstellungen/zeiterfassung/abwesenheitstypen/")
    assert page.locator("#unreviewed-notice").is_visible()
    flexitime = AbsenceType.objects.get(
        tenant=demo_agency, source=Source.HRWORKS, external_key="GZ"
    )
    page.locator(f"tr[data-type='{flexitime.pk}'] a").click()
    page.wait_for_url(re.compile(rf"/abwesenheitstypen/{flexitime.pk}/$"))
    page.locator("input[name=counts_for_hour_balance]").check()
    page.locator("input[name=counts_for_capacity]").uncheck()
    page.locator("#type-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/abwesenheitstypen/$"))
    flexitime.refresh_from_db()
    assert flexitime.reviewed
    assert flexitime.counts_for_hour_balance
    assert not flexitime.counts_for_capacity
    row = page.locator(f"tr[data-type='{flexitime.pk}']")
    assert row.locator(".badge-warn").count() == 0
    screenshot(page, "absence-types")
