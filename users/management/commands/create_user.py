from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from users.emails import normalize_email
from users.models import Tenant, User


class Command(BaseCommand):
    help = "Create a user in an existing agency (tenant)."

    def add_arguments(self, parser):
        parser.add_argument("--tenant", required=True, help="Slug of the agency.")
        parser.add_argument("--email", required=True, help="Login e-mail address.")
        parser.add_argument("--role", choices=["staff", "admin"], default="staff")
        parser.add_argument("--weekly-hours", default="40", help="Contract hours per week.")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--password", help="Password; without it the user sets one via password reset."
        )

    def handle(self, *args, **options):
        try:
            tenant = Tenant.objects.get(slug=options["tenant"])
        except Tenant.DoesNotExist as error:
            raise CommandError(f"No tenant with the slug {options['tenant']!r}.") from error
        email = normalize_email(options["email"])
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Invalid e-mail address {options['email']!r}.") from error
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"A user with the e-mail address {email} already exists.")
        try:
            hours = Decimal(str(options["weekly_hours"]).replace(",", "."))
        except InvalidOperation as error:
            raise CommandError(f"Invalid weekly hours {options['weekly_hours']!r}.") from error
        if not Decimal(0) <= hours <= Decimal(80):
            raise CommandError("Weekly hours must be between 0 and 80.")
        User.objects.create_user(
            email,
            password=options["password"],
            tenant=tenant,
            role=options["role"],
            weekly_hours=hours,
            first_name=options["first_name"],
            last_name=options["last_name"],
        )
        self.stdout.write(f"Created {options['role']} {email} in tenant {tenant.slug}.")
