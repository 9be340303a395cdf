import json

from django.core.management.base import BaseCommand, CommandError

from users.models import Tenant

from ... import notices
from ...linking import conflicts
from ...models import Connection, PersonLink, SyncRun


class Command(BaseCommand):
    help = "Print a tenant's hr works state, recent runs, links and conflicts."

    def add_arguments(self, parser):
        parser.add_argument("--tenant", required=True, help="Slug of the tenant.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")
        parser.add_argument("--runs", type=int, default=5, help="Number of recent runs.")

    def handle(self, *args, **options):
        tenant = Tenant.objects.filter(slug=options["tenant"]).first()
        if tenant is None:
            raise CommandError(f"No tenant with the slug {options['tenant']!r}.")
        connection = Connection.objects.filter(tenant=tenant).first()
        if connection is None:
            raise CommandError(f"{tenant.slug} has no hr works connection yet.")
        status = collect_status(tenant, connection, options["runs"])
        if options["json"]:
            self.stdout.write(json.dumps(status, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{tenant.slug}: {status['state']}, active {status['active']}, "
            f"start date {status['start_date']}, last success {status['last_success'] or '-'}"
        )
        if status["last_error"]:
            self.stdout.write(f"  last error: {status['last_error']}")
        self.stdout.write(
            f"  links: {status['links']['total']} ({status['links']['email']} by e-mail, "
            f"{status['links']['manual']} manual); "
            f"conflicts: {sum(len(items) for items in status['conflicts'].values())}"
        )
        for run in status["runs"]:
            counts = ", ".join(f"{k} {v}" for k, v in run["counts"].items() if v)
            self.stdout.write(
                f"  run {run['id']} {run['started_at']} {run['trigger']} {run['status']}"
                f"{': ' + counts if counts else ''}"
            )


def collect_status(tenant, connection: Connection, run_count: int) -> dict:
    links = PersonLink.objects.filter(tenant=tenant)
    found = conflicts(tenant)
    runs = SyncRun.objects.filter(tenant=tenant)[:run_count]
    last_error = ""
    if connection.last_error_kind:
        last_error = notices.error_text_de(connection.last_error_kind, connection.last_error_area)
    return {
        "tenant": tenant.slug,
        "state": connection.state,
        "active": connection.is_active,
        "base_url": connection.base_url,
        "start_date": connection.start_date.isoformat(),
        "last_success": connection.last_success_at.isoformat()
        if connection.last_success_at
        else None,
        "last_error": last_error,
        "links": {
            "total": links.count(),
            "email": links.filter(method=PersonLink.Method.EMAIL).count(),
            "manual": links.filter(method=PersonLink.Method.MANUAL).count(),
        },
        "conflicts": {
            "shared_by_persons": [
                [p.person_id for p in group.persons] for group in found.shared_by_persons
            ],
            "shared_by_users": [[u.email for u in group.users] for group in found.shared_by_users],
            "without_email": [p.person_id for p in found.without_email],
            "without_user": [p.person_id for p in found.without_user],
        },
        "runs": [
            {
                "id": run.pk,
                "started_at": run.started_at.isoformat(),
                "trigger": run.trigger,
                "status": run.status,
                "dry_run": run.dry_run,
                "counts": run.counts(),
                "error": run.error,
            }
            for run in runs
        ],
    }
