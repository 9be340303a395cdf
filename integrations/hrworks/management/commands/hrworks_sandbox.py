"""Run the local hr works API v2 sandbox until interrupted."""

import logging

from django.core.management.base import BaseCommand, CommandError

from integrations.hrworks.sandbox import SandboxServer, generate_dataset, load_dataset, parse_fault
from integrations.hrworks.sandbox.tokens import DEFAULT_TOKEN_TTL


class Command(BaseCommand):
    help = (
        "Serve a local hr works API v2 with generated or file-based data, for development, "
        "demos and benchmarks. Listens on 127.0.0.1 only unless --host says otherwise."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument("--port", type=int, default=8765, help="TCP port; 0 picks a free one.")
        source = parser.add_mutually_exclusive_group()
        source.add_argument("--data", metavar="FILE", help="JSON data file to serve.")
        source.add_argument(
            "--persons", type=int, default=50, help="Persons to generate (default 50)."
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Seed of the generated data set (default 1)."
        )
        parser.add_argument("--access-key", help="Access key of the served key pair.")
        parser.add_argument("--secret-key", help="Secret access key of the served key pair.")
        parser.add_argument(
            "--token-ttl",
            type=int,
            default=DEFAULT_TOKEN_TTL,
            help="Token lifetime in seconds (default 900, as in hr works).",
        )
        parser.add_argument(
            "--fault",
            action="append",
            default=[],
            metavar="SPEC",
            help="Inject a fault, e.g. 429:every=7:retry-after=1; may be repeated.",
        )

    def handle(self, *args, **options):
        if bool(options["access_key"]) != bool(options["secret_key"]):
            raise CommandError("Give --access-key and --secret-key together.")
        data = self._dataset(options)
        if options["access_key"]:
            data["credentials"] = [
                {"accessKey": options["access_key"], "secretAccessKey": options["secret_key"]}
            ]
        faults = options["fault"]
        for spec in faults:
            try:
                parse_fault(spec)
            except ValueError as exc:
                raise CommandError(f"Invalid --fault: {exc}") from None

        server = SandboxServer(
            data,
            host=options["host"],
            port=options["port"],
            faults=faults,
            token_ttl=options["token_ttl"],
        )
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
        self._print_banner(server, data, faults, generated=not options["data"])
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")
        finally:
            server.stop()

    def _dataset(self, options) -> dict:
        if options["data"]:
            try:
                return load_dataset(options["data"])
            except (OSError, ValueError) as exc:
                raise CommandError(f"Cannot load data file: {exc}") from None
        if options["persons"] < 0:
            raise CommandError("--persons must be 0 or more.")
        return generate_dataset(persons=options["persons"], seed=options["seed"])

    def _print_banner(self, server, data, faults, generated) -> None:
        absences = sum(len(items) for items in data["absences"].values())
        source = "generated" if generated else "from file"
        self.stdout.write(f"hr works sandbox listening on {server.base_url}")
        self.stdout.write(f"Data ({source}): {len(data['persons'])} persons, {absences} absences")
        # A sandbox key pair is demo data, so showing it in full helps more than it hurts.
        for pair in data["credentials"]:
            areas = ", ".join(pair.get("permissions", ["all areas"]))
            self.stdout.write(
                f"Key pair: access key {pair['accessKey']!r}, "
                f"secret {pair['secretAccessKey']!r} ({areas})"
            )
        for spec in faults:
            self.stdout.write(f"Fault: {spec}")
        self.stdout.write("Press Ctrl+C to stop.")
