import pytest
from django.core.management import CommandError, call_command

from users.models import Tenant, User


def test_create_tenant_creates_agency_and_admin(db):
    call_command(
        "create_tenant",
        "kiel",
        "--name",
        "Kieler Kreativ",
        "--admin-email",
        " Admin@Kiel.example",
        "--admin-password",
        "pw-kiel-123",
    )
    tenant = Tenant.objects.get(slug="kiel")
    assert tenant.name == "Kieler Kreativ"
    admin = User.objects.get(email="admin@kiel.example")
    assert admin.tenant == tenant
    assert admin.role == "admin"
    assert admin.check_password("pw-kiel-123")


def test_create_tenant_rejects_existing_slug(db):
    Tenant.objects.create(slug="kiel", name="Kiel")
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_tenant", "kiel", "--name", "X", "--admin-email", "a@kiel.example")


def test_create_user_with_role_and_hours(db):
    Tenant.objects.create(slug="kiel", name="Kiel")
    call_command(
        "create_user",
        "--tenant",
        "kiel",
        "--email",
        "Ute@Kiel.example",
        "--role",
        "staff",
        "--weekly-hours",
        "30",
        "--password",
        "pw-ute-1234",
    )
    user = User.objects.get(email="ute@kiel.example")
    assert user.tenant.slug == "kiel"
    assert user.role == "staff"
    assert user.weekly_hours == 30
    assert user.check_password("pw-ute-1234")


def test_create_user_rejects_unknown_tenant(db):
    with pytest.raises(CommandError, match="No tenant"):
        call_command("create_user", "--tenant", "nirgends", "--email", "a@b.example")


def test_create_user_rejects_duplicate_email_in_other_case(db):
    tenant = Tenant.objects.create(slug="kiel", name="Kiel")
    User.objects.create_user("ute@kiel.example", tenant=tenant)
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_user", "--tenant", "kiel", "--email", "UTE@kiel.example")
