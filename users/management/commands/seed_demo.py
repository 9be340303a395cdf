from django.core.management.base import BaseCommand
from django.db import transaction

from users.models import Tenant, User

DEMO_PASSWORD = "demo1234"
DEMO_USERS = [
    ("admin@demo-agentur.example", "Andrea", "Admin", User.Role.ADMIN, 40, [0, 1, 2, 3, 4]),
    ("lena.mueller@demo-agentur.example", "Lena", "Müller", User.Role.STAFF, 32, [0, 1, 2, 3]),
    ("jonas.weiss@demo-agentur.example", "Jonas", "Weiß", User.Role.STAFF, 40, [0, 1, 2, 3, 4]),
]


class Command(BaseCommand):
    help = "Create the demo agency with an admin and staff members; existing data stays."

    @transaction.atomic
    def handle(self, *args, **options):
        tenant, created = Tenant.objects.get_or_create(
            slug="demo", defaults={"name": "Demo Agentur"}
        )
        if not created:
            self.stdout.write("Demo agency exists; keeping its data.")
            return
        for email, first, last, role, hours, days in DEMO_USERS:
            User.objects.create_user(
                email,
                password=DEMO_PASSWORD,
                tenant=tenant,
                first_name=first,
                last_name=last,
                role=role,
                weekly_hours=hours,
                working_days=days,
            )
        self.stdout.write(f"Created the demo agency with {len(DEMO_USERS)} users.")
