from django.core import mail
from django.urls import reverse

from .conftest import PASSWORD


def test_login_accepts_email_in_any_case_and_spaces(client, staff):
    response = client.post(
        reverse("login"), {"username": "  Bob@NordLicht.EXAMPLE ", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_login_with_wrong_password_shows_german_error(client, staff):
    response = client.post(reverse("login"), {"username": staff.email, "password": "nope"})
    assert response.status_code == 200
    assert "E-Mail-Adresse oder Passwort ist falsch" in response.content.decode()


def test_deactivated_user_cannot_log_in(client, staff):
    staff.is_active = False
    staff.save()
    client.post(reverse("login"), {"username": staff.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_anonymous_user_is_sent_to_login(client, db):
    response = client.get(reverse("absences:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_logout_ends_session(client, staff):
    client.force_login(staff)
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_german_email(client, staff):
    response = client.post(reverse("password_reset"), {"email": "BOB@nordlicht.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [staff.email]
    assert mail.outbox[0].subject == "Passwort zurücksetzen"
    assert "/passwort/neu/" in mail.outbox[0].body


def test_login_pauses_after_five_failures_in_any_letter_case(client, staff):
    for attempt in range(5):
        email = staff.email.upper() if attempt % 2 else f" {staff.email} "
        client.post(reverse("login"), {"username": email, "password": "falsch"})
    response = client.post(reverse("login"), {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Anmeldung pausiert" in response.content.decode()
    assert "für 15 Minuten" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_successful_login_resets_failure_count(client, staff):
    for _ in range(4):
        client.post(reverse("login"), {"username": staff.email, "password": "falsch"})
    client.post(reverse("login"), {"username": staff.email, "password": PASSWORD})
    client.post(reverse("logout"))
    for _ in range(4):
        client.post(reverse("login"), {"username": staff.email, "password": "falsch"})
    response = client.post(reverse("login"), {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 302
