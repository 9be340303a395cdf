from datetime import date

from django.core.management.base import BaseCommand, CommandError

from users.models import Tenant

from ... import actions
from ...base_urls import allowed_hosts, is_allowed_base_url
from ...models import DEFAULT_BASE_URL, Connection


class Command(BaseCommand):
    help = "Store a tenant's hr works key pair and settings, and optionally activate the sync."

    def add_arguments(self, parser):
        parser.add_argument("--tenant", required=True, help="Slug of the tenant.")
        parser.add_argument("--access-key", required=True)
        parser.add_argument("--secret-key", required=True, help="Stored encrypted; never printed.")
        parser.add_argument("--base-url", default=None, help=f"Default: {DEFAULT_BASE_URL}")
        parser.add_argument(
            "--start-date",
            type=date.fromisoformat,
            default=None,
            help="YYYY-MM-DD; default: 1 January of the year before last.",
        )
        parser.add_argument(
            "--activate", action="store_true", help="Activate and queue the first sync."
        )

    def handle(self, *args, **options):
        tenant = Tenant.objects.filter(slug=options["tenant"]).first()
        if tenant is None:
            raise CommandError(f"No tenant with the slug {options['tenant']!r}.")
        if options["base_url"] and not is_allowed_base_url(options["base_url"]):
            raise CommandError(
                f"The host of {options['base_url']!r} is not in HRWORKS_ALLOWED_BASE_HOSTS "
                f"({', '.join(allowed_hosts())}); add it there if it is a trusted hr works host."
            )
        connection, created = Connection.objects.get_or_create(tenant=tenant)
        connection.access_key = options["access_key"]
        connection.set_secret(options["secret_key"])
        if options["base_url"]:
            connection.base_url = options["base_url"].rstrip("/")
        if options["start_date"]:
            connection.start_date = options["start_date"]
        if connection.schedule_stopped:
            connection.state = (
                Connection.State.ACTIVE if connection.is_active else Connection.State.INACTIVE
            )
        connection.save()
        verb = "Created" if created else "Updated"
        self.stdout.write(
            f"{verb} the hr works connection of {tenant.slug}: {connection.base_url}, "
            f"start date {connection.start_date.isoformat()}."
        )
        if options["activate"] and not connection.is_active:
            actions.activate(connection)
            self.stdout.write("Activated; the first sync has been queued.")
