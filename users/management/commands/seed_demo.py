import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from integrations.hrworks.demo import connect, dataset, seed


class Command(BaseCommand):
    help = (
        "Create the demo agency with an admin, about 25 staff members and local absences; "
        "an existing demo agency keeps its data. Optionally write the agency's hr works data "
        "for the sandbox."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sandbox-data",
            metavar="FILE",
            help="Also write the demo agency's hr works data, moved to the current year, to "
            "FILE for 'hrworks_sandbox --data FILE'.",
        )
        parser.add_argument(
            "--variant",
            choices=dataset.VARIANTS,
            default=dataset.INITIAL,
            help=f"Which hr works data to write: '{dataset.INITIAL}' (the state at activation, "
            f"default) or '{dataset.LATER}' (a few weeks later, with a renamed type).",
        )
        parser.add_argument(
            "--connect",
            metavar="URL",
            help="Connect the demo agency to the hr works sandbox at URL with the demo key "
            "pair and activate the sync, unless the agency has a connection already.",
        )
        parser.add_argument(
            "--no-activate",
            action="store_true",
            help="With --connect, store the connection but leave the activation to the admin.",
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        result = seed.seed(today)
        if result.created:
            self.stdout.write(
                f"Created the demo agency with {result.users} users and "
                f"{result.absences} local absences."
            )
        else:
            self.stdout.write("Demo agency exists; keeping its data.")
        if options["sandbox_data"]:
            self._write_sandbox_data(Path(options["sandbox_data"]), options["variant"], today)
        if options["connect"]:
            self._connect(result.tenant, options["connect"], today, not options["no_activate"])

    def _write_sandbox_data(self, path: Path, variant: str, today) -> None:
        data = dataset.load_demo_dataset(variant, today)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Writing the sandbox data to {path} failed: {exc}") from None
        self.stdout.write(f"Wrote the hr works data set '{variant}' to {path}.")

    def _connect(self, tenant, base_url: str, today, activate: bool) -> None:
        connection = connect.connect(tenant, base_url, today, activate=activate)
        if connection is None:
            self.stdout.write("The demo agency has an hr works connection; keeping it.")
        elif activate:
            self.stdout.write(
                f"Connected the demo agency to {base_url} and activated the sync; the first "
                "sync is queued."
            )
        else:
            self.stdout.write(f"Connected the demo agency to {base_url}; activation is left open.")
