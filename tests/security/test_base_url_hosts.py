import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from integrations.hrworks.models import Connection


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def post_settings(client, base_url):
    return client.post(
        reverse("hrworks:settings"),
        {
            "access_key": "key",
            "secret_key": "secret",
            "base_url": base_url,
            "start_date": "2026-01-01",
        },
    )


def test_internal_host_is_rejected_in_german(admin_client, admin):
    response = post_settings(admin_client, "http://10.0.0.5:8080")
    assert response.status_code == 200
    assert "Dieser Host ist für hr works nicht erlaubt." in response.content.decode()
    assert not Connection.objects.filter(tenant=admin.tenant).exists()


def test_hr_works_host_is_accepted(admin_client, admin):
    response = post_settings(admin_client, "https://api.hrworks.de")
    assert response.status_code == 302
    assert Connection.objects.get(tenant=admin.tenant).base_url == "https://api.hrworks.de"


def test_production_allows_only_hr_works_hosts(settings, admin_client):
    settings.HRWORKS_ALLOWED_BASE_HOSTS = ["api.hrworks.de", "api.demo-hrworks.de"]
    response = post_settings(admin_client, "http://127.0.0.1:8765")
    assert "Dieser Host ist für hr works nicht erlaubt." in response.content.decode()


def test_connect_command_rejects_other_hosts(admin):
    with pytest.raises(CommandError, match="HRWORKS_ALLOWED_BASE_HOSTS"):
        call_command(
            "hrworks_connect",
            "--tenant",
            admin.tenant.slug,
            "--access-key",
            "k",
            "--secret-key",
            "s",
            "--base-url",
            "https://evil.example",
        )
