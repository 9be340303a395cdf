import json

from django.core.management.base import BaseCommand, CommandError

from users.models import Tenant

from ... import notices
from ...models import SyncRun
from ...sync.lock import SyncLocked
from ...sync.run import IntegrationInactive, sync_tenant


class Command(BaseCommand):
    help = (
        "Sync tenants with hr works now and print each run's counts. Exits with status 1 "
        "when a run failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tenant", help="Slug of one tenant; default: every active tenant.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Fetch and compare, but change nothing (also for inactive tenants).",
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object per run.")

    def handle(self, *args, **options):
        if options["tenant"]:
            tenants = list(Tenant.objects.filter(slug=options["tenant"]))
            if not tenants:
                raise CommandError(f"No tenant with the slug {options['tenant']!r}.")
        else:
            tenants = list(
                Tenant.objects.filter(hrworks_connection__is_active=True).order_by("slug")
            )
        failed = False
        results = []
        for tenant in tenants:
            try:
                run = sync_tenant(
                    tenant, trigger=SyncRun.Trigger.COMMAND, dry_run=options["dry_run"]
                )
            except IntegrationInactive:
                raise CommandError(
                    f"The hr works integration of {tenant.slug} is not active; use --dry-run "
                    "or activate it first."
                ) from None
            except SyncLocked:
                raise CommandError(f"A sync of {tenant.slug} is already running.") from None
            failed = failed or run.failed
            results.append(run_summary(tenant, run))
        for result in results:
            if options["json"]:
                self.stdout.write(json.dumps(result, ensure_ascii=False))
            else:
                self.stdout.write(format_summary(result))
        if failed:
            raise SystemExit(1)


def run_summary(tenant, run: SyncRun) -> dict:
    return {
        "tenant": tenant.slug,
        "run": run.pk,
        "status": run.status,
        "dry_run": run.dry_run,
        "counts": run.counts(),
        "requests": run.request_count,
        "error": run.error,
        "warnings": [notices.warning_text(w) for w in run.warnings],
        "problems": len(run.problems),
    }


def format_summary(result: dict) -> str:
    counts = ", ".join(f"{name} {value}" for name, value in result["counts"].items())
    line = f"{result['tenant']}: run {result['run']} {result['status']}"
    if result["dry_run"]:
        line += " (dry run)"
    line += f"; {counts}; {result['requests']} requests"
    if result["error"]:
        line += f"\n  {result['error']}"
    return line
