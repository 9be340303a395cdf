"""Measure the list pages of agencies with 200 and 2,000 users on PostgreSQL.

Run from the project root: ``.venv/bin/python benchmarks/pages_scale.py [--persons N ...]
[--repeat R] [--seed S]``. For each size it generates an agency with the sandbox
generator, links one user per person e-mail, imports the absences with one real
``sync_tenant`` run and stops the sandbox. Then Django's test ``Client`` renders each page
R times as the tenant's admin, and the team calendar also as a staff member. Per page it
prints the SQL queries, the fastest and the slowest wall time in milliseconds, and the
size of the HTML. A query count that is the same for both sizes means the page makes no
query per row. The database (``DATABASE_URL``, default ``bench_agentur``) is created at
start and dropped at the end.
"""

import argparse
import logging
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchsupport  # noqa: E402


@dataclass
class PageFigures:
    persons: int
    page: str
    status: int
    queries: int
    fastest_ms: float
    slowest_ms: float
    kilobytes: float


def pages(admin, staff, run, today: date) -> list[tuple[str, object, str]]:
    """Return (name, viewer, path) of each page measured."""
    from django.urls import reverse

    month = today.strftime("%Y-%m")
    return [
        ("team calendar", admin, f"{reverse('absences:calendar')}?month={month}"),
        ("team calendar (staff)", staff, f"{reverse('absences:calendar')}?month={month}"),
        ("capacity", admin, f"{reverse('absences:capacity')}?month={month}"),
        ("absence list (one user)", admin, f"{reverse('absences:list')}?user={staff.pk}"),
        ("users list", admin, reverse("users:list")),
        ("link persons", admin, reverse("hrworks:links")),
        ("absence types", admin, reverse("absences:types")),
        ("hr works settings and history", admin, reverse("hrworks:settings")),
        ("sync run detail", admin, reverse("hrworks:run", args=[run.pk])),
    ]


def measure_page(client, persons: int, name: str, path: str, repeat: int) -> PageFigures:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    queries = []
    for _ in range(repeat):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured.captured_queries))
    if len(set(queries)) != 1:
        print(f"  note: {name} made {queries} queries in its {repeat} renderings")
    return PageFigures(
        persons=persons,
        page=name,
        status=response.status_code,
        queries=max(queries),
        fastest_ms=min(timings),
        slowest_ms=max(timings),
        kilobytes=len(response.content) / 1024,
    )


def bench_size(persons: int, seed: int, repeat: int) -> list[PageFigures]:
    from django.test import Client

    from integrations.hrworks.models import PersonLink
    from integrations.hrworks.sync.run import sync_tenant
    from users.models import User

    benchsupport.flush_database()
    today = date.today()
    with benchsupport.SandboxProcess(persons, seed, today) as sandbox:
        tenant, admin = benchsupport.seed_tenant(sandbox.persons, sandbox)
        started = time.perf_counter()
        run = sync_tenant(tenant, trigger="command", dry_run=False)
        if not run.succeeded:
            sys.exit(f"The sync of {persons} persons failed: {run.error_kind} {run.error}")
        print(
            f"\n{persons} persons: synced {run.created} absences in "
            f"{time.perf_counter() - started:.0f} s"
        )

    staff = User.objects.filter(pk__in=PersonLink.objects.values("user_id")).first()
    figures = []
    for name, viewer, path in pages(admin, staff, run, today):
        client = Client()
        client.force_login(viewer)
        figures.append(measure_page(client, persons, name, path, repeat))
    return figures


def print_table(rows: list[PageFigures]) -> None:
    header = (
        f"{'persons':>7} {'page':<30} {'status':>6} {'queries':>7} {'fastest ms':>10} "
        f"{'slowest ms':>10} {'HTML KiB':>8}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row.persons:>7} {row.page:<30} {row.status:>6} {row.queries:>7} "
            f"{row.fastest_ms:>10.0f} {row.slowest_ms:>10.0f} {row.kilobytes:>8.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, nargs="+", default=[200, 2000], help="Agency sizes.")
    parser.add_argument("--repeat", type=int, default=3, help="Renderings per page (1 to 20).")
    parser.add_argument("--seed", type=int, default=1, help="Seed of the generated data sets.")
    args = parser.parse_args()
    if not 1 <= args.repeat <= 20:
        parser.error("--repeat must be between 1 and 20")

    database = benchsupport.setup_django()
    logging.getLogger("integrations").setLevel(logging.WARNING)
    try:
        print(benchsupport.machine_line(database))
        rows = []
        for persons in args.persons:
            rows.extend(bench_size(persons, args.seed, args.repeat))
        print()
        print_table(rows)
    finally:
        benchsupport.drop_database()


if __name__ == "__main__":
    main()
