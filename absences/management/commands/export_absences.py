from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from absences.exporting import export_queryset, export_rows, rows_to_csv, rows_to_json
from users.models import Tenant


def _iso_date(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Invalid date {value!r}: use YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = (
        "Print the absences of a tenant, or of one of its users, as JSON or CSV. Superseded "
        "absences are left out; both approved and pending ones are included. working_days is "
        "the count from hr works, else the count from the user's working days with half days "
        "counting half."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tenant", required=True, help="Slug of the tenant.")
        parser.add_argument("--user", help="E-mail address of one user of the tenant.")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument(
            "--from",
            dest="start",
            type=_iso_date,
            help="Only absences that end on or after this date (YYYY-MM-DD).",
        )
        parser.add_argument(
            "--to",
            dest="end",
            type=_iso_date,
            help="Only absences that begin on or before this date (YYYY-MM-DD).",
        )

    def handle(self, *args, **options):
        try:
            tenant = Tenant.objects.get(slug=options["tenant"])
        except Tenant.DoesNotExist:
            raise CommandError(f"Tenant {options['tenant']!r} not found.") from None

        user = None
        if options["user"]:
            users = get_user_model().objects.filter(tenant=tenant)
            user = users.filter(email__iexact=options["user"].strip()).first()
            if user is None:
                raise CommandError(f"User {options['user']!r} not found in tenant {tenant.slug!r}.")

        start, end = options["start"], options["end"]
        if start and end and end < start:
            raise CommandError("--to must not be before --from.")

        rows = export_rows(export_queryset(tenant, user=user, first=start, last=end))
        output = rows_to_csv(rows) if options["format"] == "csv" else rows_to_json(rows)
        self.stdout.write(output, ending="")
