from decimal import Decimal

from django.urls import reverse

from users.models import User


def test_admin_creates_user_with_four_day_week(client, admin):
    client.force_login(admin)
    response = client.post(
        reverse("users:create"),
        {
            "email": " Lena.Mueller@Nordlicht.example",
            "first_name": "Lena",
            "last_name": "Müller",
            "role": "staff",
            "weekly_hours": "32",
            "working_days": ["0", "1", "2", "3"],
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="lena.mueller@nordlicht.example")
    assert user.tenant == admin.tenant
    assert user.weekly_hours == Decimal("32")
    assert user.working_days == [0, 1, 2, 3]


def test_duplicate_email_in_other_case_is_rejected(client, admin, staff):
    client.force_login(admin)
    response = client.post(
        reverse("users:create"),
        {
            "email": "BOB@nordlicht.example",
            "role": "staff",
            "weekly_hours": "40",
            "working_days": ["0"],
        },
    )
    assert response.status_code == 200
    assert "existiert bereits" in response.content.decode()


def test_admin_edits_role_and_hours(client, admin, staff):
    client.force_login(admin)
    client.post(
        reverse("users:edit", args=[staff.pk]),
        {"email": staff.email, "role": "admin", "weekly_hours": "20,5", "working_days": ["0", "2"]},
    )
    staff.refresh_from_db()
    assert staff.role == "admin"
    assert staff.weekly_hours == Decimal("20.5")
    assert staff.working_days == [0, 2]


def test_admin_deactivates_user(client, admin, staff):
    client.force_login(admin)
    client.post(reverse("users:set_active", args=[staff.pk]), {"active": "0"})
    staff.refresh_from_db()
    assert staff.is_active is False


def test_admin_cannot_deactivate_self(client, admin):
    client.force_login(admin)
    response = client.post(
        reverse("users:set_active", args=[admin.pk]), {"active": "0"}, follow=True
    )
    admin.refresh_from_db()
    assert admin.is_active
    assert "Sie können Ihr eigenes Konto nicht deaktivieren" in response.content.decode()


def test_settings_index_describes_every_entry(client, admin):
    client.force_login(admin)
    html = client.get("/einstellungen/").content.decode()
    assert "Benutzer anlegen, bearbeiten, deaktivieren und importieren." in html
    assert "Abwesenheitstypen anlegen und festlegen, wie sie für Stundenkonto" in html
    assert "Benutzer mit hr-works-Personen verknüpfen und Konflikte klären." in html


def test_user_list_shows_hr_works_link_and_method(client, admin, staff):
    from integrations.hrworks.models import Person, PersonLink

    person = Person.objects.create(
        tenant=admin.tenant, uuid="u-1", person_id="bob.b", first_name="Bob", last_name="Bauer"
    )
    PersonLink.objects.create(
        tenant=admin.tenant, user=staff, person=person, method=PersonLink.Method.MANUAL
    )
    client.force_login(admin)
    page = client.get(reverse("users:list")).content.decode()
    assert "Bob Bauer" in page
    assert "(bob.b, manuell)" in page
    assert "nicht verknüpft" in page


def test_user_list_queries_do_not_grow_with_links(client, admin, django_assert_num_queries):
    from integrations.hrworks.models import Person, PersonLink

    for index in range(5):
        user = User.objects.create_user(f"u{index}@nordlicht.example", tenant=admin.tenant)
        person = Person.objects.create(
            tenant=admin.tenant, uuid=f"u-{index}", person_id=f"p{index}"
        )
        PersonLink.objects.create(tenant=admin.tenant, user=user, person=person, method="email")
    client.force_login(admin)
    client.get(reverse("users:list"))
    with django_assert_num_queries(4):
        client.get(reverse("users:list"))
