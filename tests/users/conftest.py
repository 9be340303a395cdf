import pytest

from users.models import Tenant, User

PASSWORD = "S3cure-pass-word"


@pytest.fixture
def tenant(db):
    return Tenant.objects.create(slug="nordlicht", name="Nordlicht Agentur")


@pytest.fixture
def other_tenant(db):
    return Tenant.objects.create(slug="suedwind", name="Südwind Studio")


@pytest.fixture
def admin(tenant):
    return User.objects.create_user(
        "alice@nordlicht.example", PASSWORD, tenant=tenant, role=User.Role.ADMIN
    )


@pytest.fixture
def staff(tenant):
    return User.objects.create_user("bob@nordlicht.example", PASSWORD, tenant=tenant)


@pytest.fixture
def other_admin(other_tenant):
    return User.objects.create_user(
        "charlie@suedwind.example", PASSWORD, tenant=other_tenant, role=User.Role.ADMIN
    )
