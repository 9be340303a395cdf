import os
import subprocess
import sys

from django.conf import settings


def run_manage(*args, **env):
    # Only the variables a deployment would set; test-only flags must not leak into the check.
    dropped = {"SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean_env = {k: v for k, v in os.environ.items() if k not in dropped}
    clean_env.update(env)
    clean_env["DJANGO_SETTINGS_MODULE"] = "agenturverwaltung.settings.production"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", FIELD_ENCRYPTION_KEY="x" * 44)
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_passes_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k" * 20 + "-production-test-key-with-enough-entropy-9f3a1",
        FIELD_ENCRYPTION_KEY="dGVzdC1vbmx5LWZpZWxkLWVuY3J5cHRpb24ta2V5LTA=",
        ALLOWED_HOSTS="agentur.example",
    )
    assert result.returncode == 0, result.stderr


def run_pytest(**env):
    run_env = {k: v for k, v in os.environ.items() if k != "CI"}
    run_env.update(
        TEST_DATABASE_URL="postgres://postgres@127.0.0.1:1/none",
        TEST_REDIS_URL="redis://127.0.0.1:1/0",
        **env,
    )
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "tests/users/test_collation.py"],
        cwd=settings.BASE_DIR,
        env=run_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_tests_fall_back_to_sqlite_and_say_so():
    result = run_pytest()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "database: SQLite (PostgreSQL is not reachable)" in result.stdout
    assert "celery broker: filesystem (Redis is not reachable)" in result.stdout


def test_tests_in_ci_refuse_missing_services():
    result = run_pytest(CI="true")
    assert result.returncode != 0
    assert (
        "CI=true requires PostgreSQL and Redis; not reachable: PostgreSQL, Redis."
        in result.stdout + result.stderr
    )


def read_engine(**env):
    run_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    run_env.update(DJANGO_SETTINGS_MODULE="agenturverwaltung.settings.local", **env)
    code = (
        "import django; django.setup(); from django.db import connection; print(connection.vendor)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=run_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_sqlite_without_database_url(tmp_path):
    assert read_engine(VAR_DIR=str(tmp_path)) == "sqlite"


def test_postgresql_with_database_url(tmp_path):
    url = "postgres://postgres@127.0.0.1:5432/postgres"
    assert read_engine(VAR_DIR=str(tmp_path), DATABASE_URL=url) == "postgresql"
