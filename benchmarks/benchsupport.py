"""Set-up shared by the benchmarks: a throw-away PostgreSQL database, Django and counters.

The database named by ``DATABASE_URL`` (default ``bench_agentur`` on 127.0.0.1:5432, user
postgres) is dropped and created at start and dropped again at the end. Only a database
on the local machine whose name starts with ``bench`` is accepted, so a wrong URL cannot
drop a real database.
"""

import multiprocessing
import os
import platform
import random
import re
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_agentur"
LOCAL_HOSTS = {"127.0.0.1", "::1", "localhost"}

# Rows of these tables are the sync's own bookkeeping: the run record and the
# connection's lock, progress and state.
BOOKKEEPING_TABLES = {"hrworks_syncrun", "hrworks_connection"}

WRITE_STATEMENT = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"(\w+)"', re.I)


def _database_parts(url: str) -> dict:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        sys.exit(f"DATABASE_URL must name a PostgreSQL database, not {parts.scheme!r}.")
    if parts.hostname not in LOCAL_HOSTS:
        sys.exit(f"DATABASE_URL must point to 127.0.0.1 or ::1, not {parts.hostname!r}.")
    if not name.startswith("bench"):
        sys.exit(f"The benchmark database name must start with 'bench', not {name!r}.")
    return {
        "host": parts.hostname,
        "port": parts.port or 5432,
        "user": parts.username or "postgres",
        "password": parts.password,
        "name": name,
    }


def _admin_connection(parts: dict):
    import psycopg2

    connection = psycopg2.connect(
        host=parts["host"],
        port=parts["port"],
        user=parts["user"],
        password=parts["password"],
        dbname="postgres",
    )
    connection.autocommit = True
    return connection


def setup_django() -> str:
    """Create a fresh benchmark database, set up Django on it, migrate; return its name."""
    sys.path.insert(0, str(ROOT))
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    parts = _database_parts(url)
    os.environ["DJANGO_SETTINGS_MODULE"] = "agenturverwaltung.settings.local"
    # With DEBUG off Django keeps no query log, so only CaptureQueriesContext records queries.
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")

    admin = _admin_connection(parts)
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{parts["name"]}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{parts["name"]}"')
    admin.close()

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return parts["name"]


def drop_database() -> None:
    """Close Django's connections and drop the benchmark database."""
    from django.db import connections

    connections.close_all()
    parts = _database_parts(os.environ["DATABASE_URL"])
    admin = _admin_connection(parts)
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{parts["name"]}" WITH (FORCE)')
    admin.close()


def postgres_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def machine_line(database: str) -> str:
    """Return the line that names the machine, Python, PostgreSQL and the database used."""
    return (
        f"machine: {platform.machine()}, {len(os.sched_getaffinity(0))} cores, "
        f"Python {platform.python_version()}, PostgreSQL {postgres_version()}, "
        f"database {database}"
    )


class WriteCounter:
    """Count the rows that INSERT, UPDATE and DELETE statements change, per table.

    Install with ``connection.execute_wrapper(counter)``. The row count is the driver's
    ``rowcount`` of each statement, so an UPDATE counts the rows it matched.
    """

    def __init__(self):
        self.rows = Counter()
        self.statements = Counter()

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        match = WRITE_STATEMENT.match(sql)
        if match:
            table = match[1]
            self.statements[table] += 1
            self.rows[table] += max(context["cursor"].rowcount, 0)
        return result

    def data_rows(self) -> int:
        """Return the rows written outside the sync's bookkeeping tables."""
        return sum(n for table, n in self.rows.items() if table not in BOOKKEEPING_TABLES)

    def bookkeeping_rows(self) -> int:
        return sum(n for table, n in self.rows.items() if table in BOOKKEEPING_TABLES)

    def data_tables(self) -> str:
        """Return the rows per data table as ``table=n`` pairs, for the printed details."""
        pairs = sorted(
            (table, n) for table, n in self.rows.items() if table not in BOOKKEEPING_TABLES
        )
        return ", ".join(f"{table}={n}" for table, n in pairs) or "-"


def seed_tenant(persons: list[dict], sandbox, *, admin_email: str = "admin@bench.example"):
    """Create a tenant with one user per person e-mail and an active connection to ``sandbox``.

    Return (tenant, admin user). Users are created in bulk with one password hash, and the
    connection is switched on the way ``actions.activate`` does it, but without queueing a
    Celery task: the benchmark runs the sync itself.
    """
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from integrations.hrworks.models import Connection
    from users.emails import normalize_email
    from users.models import Tenant, User

    tenant = Tenant.objects.create(slug="bench", name="Benchmark Agentur GmbH")
    password = make_password("bench-password-1")
    users = {}
    for person in persons:
        email = normalize_email(person.get("email") or "")
        if email and email.lower() not in users:
            users[email.lower()] = User(
                email=email,
                tenant=tenant,
                first_name=person["firstName"],
                last_name=person["lastName"],
                password=password,
            )
    User.objects.bulk_create(users.values())
    admin = User.objects.create(
        email=admin_email,
        tenant=tenant,
        role=User.Role.ADMIN,
        first_name="Ada",
        last_name="Admin",
        password=password,
    )

    connection = Connection(
        tenant=tenant,
        base_url=sandbox.base_url,
        access_key=sandbox.access_key,
        is_active=True,
        state=Connection.State.ACTIVE,
        activated_at=timezone.now(),
    )
    connection.set_secret(sandbox.secret_key)
    connection.save()
    return tenant, admin


def flush_database() -> None:
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)


def memory_peak_reset() -> None:
    """Reset the process's resident set size high-water mark (Linux 4.0 and later)."""
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")


def memory_peak_mib() -> float:
    """Return the process's resident set size high-water mark in MiB (``VmHWM``)."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


# Maximum seconds a sandbox child process waits for its next command before it stops.
SANDBOX_IDLE_SECONDS = 900


class SandboxProcess:
    """A sandbox serving a generated agency from a child process on 127.0.0.1.

    The child generates the data set, so neither the data nor the server's CPU time count
    towards the benchmark process, as with the real hr works. Use it as a context manager;
    after start, ``base_url``, ``access_key``, ``secret_key``, ``persons`` (master data)
    and ``stats`` (generated counts and seconds) are set.
    """

    def __init__(self, persons: int, seed: int, today: date):
        self.arguments = (persons, seed, today)

    def __enter__(self):
        context = multiprocessing.get_context("fork")
        self.pipe, child_pipe = context.Pipe()
        self.process = context.Process(
            target=_serve_sandbox, args=(child_pipe, *self.arguments), daemon=True
        )
        self.process.start()
        if not self.pipe.poll(SANDBOX_IDLE_SECONDS):
            raise RuntimeError("The sandbox process did not start in time.")
        started = self.pipe.recv()
        for name, value in started.items():
            setattr(self, name, value)
        return self

    def change_absences(self, share: float, begin: date, seed: int) -> dict:
        """Edit, remove and add absences in the sandbox; see ``change_absences``."""
        self.pipe.send(("change", share, begin, seed))
        return self.pipe.recv()

    def __exit__(self, *exc_info):
        self.pipe.send(("stop",))
        self.process.join(timeout=30)
        if self.process.is_alive():
            self.process.kill()


def _serve_sandbox(pipe, persons: int, seed: int, today: date) -> None:
    import time

    from integrations.hrworks.sandbox import SandboxServer, generate_dataset

    started = time.perf_counter()
    data = generate_dataset(persons=persons, seed=seed, today=today)
    stats = {
        "persons": len(data["persons"]),
        "absences": sum(len(items) for items in data["absences"].values()),
        "sick_leaves": sum(len(items) for items in data["sickLeaves"].values()),
        "seconds": time.perf_counter() - started,
    }
    with SandboxServer(data, host="127.0.0.1", port=0) as server:
        pipe.send(
            {
                "base_url": server.base_url,
                "access_key": server.access_key,
                "secret_key": server.secret_key,
                "persons": data["persons"],
                "stats": stats,
            }
        )
        while pipe.poll(SANDBOX_IDLE_SECONDS):
            command, *arguments = pipe.recv()
            if command != "change":
                break
            pipe.send(change_absences(server.store, *arguments))


def change_absences(store, share: float, begin: date, seed: int) -> dict:
    """Edit, remove and add absences in a sandbox store, a third each; return how many.

    Only absences that end on or after ``begin`` (the connection's start date) are picked,
    because older ones are outside what the sync reads. Items are edited and removed in
    place under the store's lock, because ``update_absence`` searches all absences per call.
    Each added absence is a one-day absence a week after a picked one, which may overlap
    another absence of the person, as requests in hr works may.
    """
    rng = random.Random(seed)
    with store.lock:
        candidates = [
            (person_id, item)
            for person_id, items in store.absences.items()
            for item in items
            if date.fromisoformat(item["endDate"]) >= begin
        ]
        total = round(len(candidates) * share)
        picked = rng.sample(candidates, total)
        edit, remove, add = picked[0::3], picked[1::3], picked[2::3]
        for _, item in edit:
            item["remark"] = f"{item.get('remark', '')} (geändert)".strip()
        for person_id, item in remove:
            store.absences[person_id].remove(item)
    for person_id, item in add:
        day = date.fromisoformat(item["beginDate"]) + timedelta(days=7)
        store.add_absence(
            person_id,
            {
                "type": item["type"],
                "name": item["name"],
                "beginDate": day.isoformat(),
                "endDate": day.isoformat(),
                "isBeginDateHalfDay": False,
                "isEndDateHalfDay": False,
                "statusIdentifier": "validatedOk",
                "remark": "",
            },
        )
    return {"edited": len(edit), "removed": len(remove), "added": len(add), "total": total}
