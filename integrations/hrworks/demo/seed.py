"""Seed the "Demo Agentur" tenant: an admin, the staff of the demo data set and local
absence types and absences from before the hr works integration.

The staff come from the persons of the curated hr works data set. Several hr works
addresses differ from the local ones only in letter case. One person's address differs
entirely because she married and hr works has her new name, so an admin links her by
hand. The newest hire has no local user yet.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from absences.models import Absence, AbsenceType, Source
from users.models import Tenant, User

from . import dataset

TENANT_SLUG = "demo"
TENANT_NAME = "Demo Agentur"
PASSWORD = "demo1234"
ADMIN_EMAIL = "admin@demo-agentur.example"
STAFF_EMAIL = "lena.mueller@demo-agentur.example"

# Changes to the local user made from the hr works person with this personId; None means
# that the person gets no local user.
USER_OVERRIDES = {
    # Married in the spring: hr works has her new name and address, the agency system
    # still has the old ones.
    "k.woehler": {"email": "katrin.neumann@demo-agentur.example", "last_name": "Neumann"},
    # Started on 1 December, and the local user has not been created yet.
    "n.lange": None,
    # Left at the end of June, so the local account is deactivated.
    "r.duemmler": {"is_active": False},
    "l.mueller": {"weekly_hours": 32, "working_days": [0, 1, 2, 3]},
    "d.huebner": {"weekly_hours": 24, "working_days": [0, 1, 3]},
    "e.schroeder": {"weekly_hours": 30},
    "l.franke": {"weekly_hours": 20, "working_days": [0, 1, 2]},
}

# name, colour, category, counts for the hour balance, counts for capacity
LOCAL_TYPES = (
    ("Urlaub", "#3F8F5A", AbsenceType.Category.ABSENCE, True, True),
    ("Krankheit", "#C0392B", AbsenceType.Category.SICK_LEAVE, True, True),
    ("Fortbildung", "#2E6DB4", AbsenceType.Category.ABSENCE, True, True),
    ("Überstundenabbau", "#D4A017", AbsenceType.Category.ABSENCE, False, True),
)

# User e-mail, type name, first day, last day, note, with dates in the data files'
# reference year. Absences before the start date stay as local history. The activation
# supersedes the others because they overlap the start date or come after it. Katrin
# Neumann's absence follows only once an admin links her, and the admin's never does,
# because she is no hr works person.
LOCAL_ABSENCES = (
    ("lena.mueller@demo-agentur.example", "Urlaub", "2025-08-04", "2025-08-15", "Sommerurlaub"),
    ("lena.mueller@demo-agentur.example", "Urlaub", "2026-01-05", "2026-01-09", ""),
    ("lena.mueller@demo-agentur.example", "Fortbildung", "2026-04-22", "2026-04-23", "Typo"),
    ("jonas.weiss@demo-agentur.example", "Urlaub", "2025-10-13", "2025-10-17", ""),
    ("jonas.weiss@demo-agentur.example", "Urlaub", "2026-12-14", "2026-12-18", ""),
    ("soeren.baecker@demo-agentur.example", "Krankheit", "2025-11-03", "2025-11-04", ""),
    ("soeren.baecker@demo-agentur.example", "Urlaub", "2026-05-04", "2026-05-15", "Radtour"),
    ("kaethe.schaefer@demo-agentur.example", "Urlaub", "2025-12-29", "2026-01-02", ""),
    ("malte.jaeger@demo-agentur.example", "Überstundenabbau", "2026-02-27", "2026-02-27", ""),
    ("katrin.neumann@demo-agentur.example", "Urlaub", "2026-05-11", "2026-05-22", ""),
    (ADMIN_EMAIL, "Urlaub", "2026-08-10", "2026-08-14", ""),
)


@dataclass
class SeedResult:
    tenant: Tenant
    created: bool
    users: int = 0
    absences: int = 0


def demo_users(data: dict) -> list[dict]:
    """Return the local users to create for the persons of the hr works data set."""
    users = []
    for person in data["persons"]:
        override = USER_OVERRIDES.get(person["personId"], {})
        if override is None:
            continue
        fields = {
            "email": person["email"].lower(),
            "first_name": person["firstName"],
            "last_name": person["lastName"],
            "role": User.Role.STAFF,
        }
        fields.update(override)
        users.append(fields)
    return users


def _create_users(tenant: Tenant, data: dict) -> dict[str, User]:
    users = {
        ADMIN_EMAIL: User.objects.create_user(
            ADMIN_EMAIL,
            PASSWORD,
            tenant=tenant,
            first_name="Andrea",
            last_name="Admin",
            role=User.Role.ADMIN,
        )
    }
    for fields in demo_users(data):
        email = fields.pop("email")
        users[email] = User.objects.create_user(email, PASSWORD, tenant=tenant, **fields)
    return users


def _create_local_data(tenant: Tenant, users: dict[str, User], today: date) -> int:
    types = {
        name: AbsenceType.objects.create(
            tenant=tenant,
            name=name,
            color=color,
            category=category,
            counts_for_hour_balance=hour_balance,
            counts_for_capacity=capacity,
            source=Source.LOCAL,
        )
        for name, color, category, hour_balance, capacity in LOCAL_TYPES
    }
    absences = [
        Absence(
            tenant=tenant,
            user=users[email],
            type=types[type_name],
            start_date=dataset.shift_date(date.fromisoformat(first), today),
            end_date=dataset.shift_date(date.fromisoformat(last), today),
            note=note,
            source=Source.LOCAL,
        )
        for email, type_name, first, last, note in LOCAL_ABSENCES
    ]
    Absence.objects.bulk_create(absences)
    return len(absences)


@transaction.atomic
def seed(today: date | None = None) -> SeedResult:
    """Create the demo tenant with its users and local data, unless the tenant exists."""
    today = today or timezone.localdate()
    tenant, created = Tenant.objects.get_or_create(slug=TENANT_SLUG, defaults={"name": TENANT_NAME})
    if not created:
        return SeedResult(tenant=tenant, created=False)
    data = dataset.load_demo_dataset(dataset.INITIAL)
    users = _create_users(tenant, data)
    absences = _create_local_data(tenant, users, today)
    return SeedResult(tenant=tenant, created=True, users=len(users), absences=absences)
