"""Personen verknüpfen: list, manual link, unlink and conflicts."""

from django.urls import reverse

from integrations.hrworks.models import AutoLinkBlock, Person, PersonLink
from users.models import User

LINKS_URL = reverse("hrworks:links")


def _person(tenant, number, email, **fields):
    return Person.objects.create(
        tenant=tenant,
        uuid=f"uuid-{number}",
        person_id=f"person.{number}",
        first_name="Vorname",
        last_name=f"Nachname{number}",
        email=email,
        **fields,
    )


def _user_row(page: str, user) -> str:
    """Return the markup of the user's row in the links table."""
    start = page.index(f'<tr data-user="{user.pk}">')
    return page[start : page.index("</tr>", start)]


def test_links_page_shows_link_method_and_person_id(admin_client, admin, staff, tenant):
    by_email = _person(tenant, 1, admin.email)
    by_hand = _person(tenant, 2, "anders@pixelwerk.de")
    PersonLink.objects.create(tenant=tenant, user=admin, person=by_email, method="email")
    PersonLink.objects.create(tenant=tenant, user=staff, person=by_hand, method="manual")
    page = admin_client.get(LINKS_URL).content.decode()
    admin_row = _user_row(page, admin)
    staff_row = _user_row(page, staff)
    assert "<td>person.1</td>" in admin_row
    assert '<span data-link-method="email">E-Mail</span>' in admin_row
    assert "<td>person.2</td>" in staff_row
    assert '<span data-link-method="manual">manuell</span>' in staff_row


def test_conflicts_listed_with_private_email_as_hint(admin_client, tenant):
    _person(tenant, 1, "team@pixelwerk.de")
    _person(tenant, 2, "TEAM@pixelwerk.de")
    _person(tenant, 3, "", private_email="privat@example.org")
    _person(tenant, 4, "niemand@pixelwerk.de")
    response = admin_client.get(LINKS_URL)
    conflicts = response.context["conflicts"]
    page = response.content.decode()
    assert [len(group.persons) for group in conflicts.shared_by_persons] == [2]
    assert [p.person_id for p in conflicts.without_email] == ["person.3"]
    assert [p.person_id for p in conflicts.without_user] == ["person.4"]
    assert "privat@example.org" in page
    assert "niemand@pixelwerk.de" in page


def test_manual_link_and_unlink(admin_client, admin, staff, tenant):
    person = _person(tenant, 1, "anders@pixelwerk.de")
    response = admin_client.post(reverse("hrworks:link"), {"user": staff.pk, "person": person.pk})
    link = PersonLink.objects.get(user=staff)
    assert response.status_code == 302
    assert link.method == PersonLink.Method.MANUAL
    assert link.linked_by == admin

    page = admin_client.post(reverse("hrworks:unlink", args=[link.pk]), follow=True)
    message = page.content.decode()
    assert (
        "0 importierte Abwesenheiten gelöscht, 0 lokale Abwesenheiten wiederhergestellt" in message
    )
    assert not PersonLink.objects.filter(user=staff).exists()
    assert AutoLinkBlock.objects.filter(user=staff, person=person).exists()


def test_other_tenants_objects_answer_404(other_client, tenant, staff):
    person = _person(tenant, 1, staff.email)
    link = PersonLink.objects.create(tenant=tenant, user=staff, person=person, method="email")
    assert other_client.post(reverse("hrworks:unlink", args=[link.pk])).status_code == 404
    response = other_client.post(reverse("hrworks:link"), {"user": staff.pk, "person": person.pk})
    assert response.status_code == 400
    assert PersonLink.objects.count() == 1


def test_other_tenant_link_page_hides_our_persons(other_client, tenant):
    _person(tenant, 1, "geheim@pixelwerk.de")
    page = other_client.get(LINKS_URL).content.decode()
    assert "geheim@pixelwerk.de" not in page
    assert User.objects.filter(tenant=tenant).count() == 0


def test_conflict_persons_are_not_listed_twice(admin_client, tenant, staff):
    _person(tenant, 1, "team@pixelwerk.de")
    _person(tenant, 2, "TEAM@pixelwerk.de")
    _person(tenant, 3, "")
    _person(tenant, 4, "niemand@pixelwerk.de")
    blocked = _person(tenant, 5, staff.email)
    AutoLinkBlock.objects.create(tenant=tenant, user=staff, person=blocked)
    response = admin_client.get(LINKS_URL)
    assert [person.person_id for person in response.context["unlinked_persons"]] == ["person.5"]
    page = response.content.decode()
    conflict_card = page[page.index('id="conflicts"') : page.index('id="unlinked-persons"')]
    unlinked_list = page[page.index('id="unlinked-persons"') :]
    assert "person.5" in unlinked_list
    for person_id in ("person.1", "person.2", "person.3", "person.4"):
        assert person_id in conflict_card
        assert person_id not in unlinked_list
    assert "Weitere nicht verknüpfte hr-works-Personen" in page
