"""Measure sync runs of agencies with 200, 1,000 and 2,000 hr works persons on PostgreSQL.

Run from the project root: ``.venv/bin/python benchmarks/sync_scale.py [--persons N ...]
[--change-share S] [--seed S]``. For each size it generates an agency with the sandbox
generator (absences from 1 January two years ago to 31 December next year) and serves it
from a sandbox on 127.0.0.1. It links one user per person e-mail and calls
``sync_tenant`` three times:

1. first: the initial import into an empty tenant;
2. unchanged: the same data again, which must write nothing but the run's bookkeeping;
3. changed: after a share of the absences (default 1 %) was edited, removed or added in
   the sandbox, which should write about that many rows.

It prints one table row per run: wall seconds, seconds spent in SQL, SQL queries, HTTP
requests, rows written outside the bookkeeping tables (``hrworks_syncrun`` and
``hrworks_connection``), bookkeeping rows, and the peak resident set size of the
benchmark process during the run (Linux ``VmHWM``, reset before each run). The sandbox
runs in a child process, so its data and CPU time are not part of these figures. The
database (``DATABASE_URL``, default ``bench_agentur``) is created at
start and dropped at the end.
"""

import argparse
import logging
import resource
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchsupport  # noqa: E402


@dataclass
class RunFigures:
    persons: int
    label: str
    seconds: float
    sql_seconds: float
    queries: int
    requests: int
    data_rows: int
    bookkeeping_rows: int
    peak_mib: float  # resident set size high-water mark
    counts: dict
    tables: str


def measure_run(tenant, persons: int, label: str) -> RunFigures:
    """Run one real sync of the tenant and return what it cost."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from integrations.hrworks.sync.run import sync_tenant

    writes = benchsupport.WriteCounter()
    benchsupport.memory_peak_reset()
    started = time.perf_counter()
    with connection.execute_wrapper(writes), CaptureQueriesContext(connection) as queries:
        run = sync_tenant(tenant, trigger="command", dry_run=False)
    seconds = time.perf_counter() - started
    peak_mib = benchsupport.memory_peak_mib()
    if not run.succeeded:
        sys.exit(f"The {label} sync of {persons} persons failed: {run.error_kind} {run.error}")
    return RunFigures(
        persons=persons,
        label=label,
        seconds=seconds,
        sql_seconds=sum(float(q["time"]) for q in queries.captured_queries),
        queries=len(queries.captured_queries),
        requests=run.request_count,
        data_rows=writes.data_rows(),
        bookkeeping_rows=writes.bookkeeping_rows(),
        peak_mib=peak_mib,
        counts=run.counts(),
        tables=writes.data_tables(),
    )


def bench_size(persons: int, seed: int, share: float) -> tuple[list[RunFigures], dict, dict]:
    from absences.models import Absence
    from integrations.hrworks.models import Connection

    benchsupport.flush_database()
    with benchsupport.SandboxProcess(persons, seed, date.today()) as sandbox:
        tenant, _ = benchsupport.seed_tenant(sandbox.persons, sandbox)
        start_date = Connection.objects.get(tenant=tenant).start_date
        figures = [measure_run(tenant, persons, "first")]
        stored = Absence.objects.filter(tenant=tenant).count()
        figures.append(measure_run(tenant, persons, "unchanged"))
        changes = sandbox.change_absences(share, start_date, seed)
        figures.append(measure_run(tenant, persons, "changed"))
    return figures, {**sandbox.stats, "stored": stored}, changes


def print_table(rows: list[RunFigures]) -> None:
    header = (
        f"{'persons':>7} {'run':<9} {'seconds':>8} {'sql s':>7} {'queries':>7} "
        f"{'requests':>8} {'rows':>7} {'bookk.':>6} {'RSS MiB':>8}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row.persons:>7} {row.label:<9} {row.seconds:>8.1f} {row.sql_seconds:>7.1f} "
            f"{row.queries:>7} {row.requests:>8} {row.data_rows:>7} "
            f"{row.bookkeeping_rows:>6} {row.peak_mib:>8.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--persons", type=int, nargs="+", default=[200, 1000, 2000], help="Agency sizes."
    )
    parser.add_argument(
        "--change-share",
        type=float,
        default=0.01,
        help="Share of the absences in the sync window changed before the third run (0 to 1).",
    )
    parser.add_argument("--seed", type=int, default=1, help="Seed of the generated data sets.")
    args = parser.parse_args()
    if not 0 <= args.change_share <= 1:
        parser.error("--change-share must be between 0 and 1")

    database = benchsupport.setup_django()
    # The sync logs one line per run and the sandbox one per request; the table replaces them.
    logging.getLogger("integrations").setLevel(logging.WARNING)
    try:
        print(benchsupport.machine_line(database))
        rows = []
        for persons in args.persons:
            figures, generated, changes = bench_size(persons, args.seed, args.change_share)
            rows.extend(figures)
            print(
                f"\n{persons} persons: generated {generated['absences']} absences and "
                f"{generated['sick_leaves']} sick leaves in {generated['seconds']:.0f} s; "
                f"{generated['stored']} rows stored after the first run; changed "
                f"{changes['total']} ({changes['edited']} edited, {changes['removed']} removed, "
                f"{changes['added']} added)"
            )
            for row in figures:
                print(f"  {row.label:<9} counts {row.counts}")
                print(f"  {'':<9} rows   {row.tables}")
        print()
        print_table(rows)
        peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\npeak resident set size of the benchmark process: {peak_rss:.0f} MiB")
    finally:
        benchsupport.drop_database()


if __name__ == "__main__":
    main()
