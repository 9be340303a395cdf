from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email, validate_slug
from django.db import transaction

from users.emails import normalize_email
from users.models import Tenant, User


class Command(BaseCommand):
    help = "Create an agency (tenant) with its first admin."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Short name of the agency, letters, digits and dashes.")
        parser.add_argument("--name", required=True, help="Display name of the agency.")
        parser.add_argument(
            "--admin-email", required=True, help="E-mail address of the first admin."
        )
        parser.add_argument(
            "--admin-password",
            help="Password of the first admin; without it the admin sets one via password reset.",
        )

    def handle(self, *args, slug, name, admin_email, admin_password=None, **options):
        try:
            validate_slug(slug)
        except ValidationError as error:
            raise CommandError(f"Invalid slug {slug!r}: use letters, digits, - and _.") from error
        email = normalize_email(admin_email)
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Invalid e-mail address {admin_email!r}.") from error
        if Tenant.objects.filter(slug=slug).exists():
            raise CommandError(f"A tenant with the slug {slug!r} already exists.")
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"A user with the e-mail address {email} already exists.")
        with transaction.atomic():
            tenant = Tenant.objects.create(slug=slug, name=name)
            User.objects.create_user(
                email, password=admin_password, tenant=tenant, role=User.Role.ADMIN
            )
        self.stdout.write(f"Created tenant {slug} ({name}) with admin {email}.")
