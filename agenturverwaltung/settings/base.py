"""Settings shared by every environment, read from environment variables."""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from integrations.hrworks.schedule import sweep_schedule

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Runtime files (SQLite database, embedded broker queue, beat schedule) live here.
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The project's apps come first: for a msgid that Django's own catalogues translate too
# ("Save", "Active"), the earlier app's German wins, and the project's wording is the one
# users should see.
INSTALLED_APPS = [
    "users",
    "absences",
    "integrations.hrworks",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "agenturverwaltung.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so it sees the failed logins of every view (the Django admin's too).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "agenturverwaltung.urls"
WSGI_APPLICATION = "agenturverwaltung.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# SQLite in VAR_DIR unless DATABASE_URL names another database (PostgreSQL in production).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process, the worker and beat share the file; wait for locks instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = [
    # Rejects logins of a locked-out e-mail address and client before checking the password.
    "axes.backends.AxesStandaloneBackend",
    "users.backends.EmailBackend",
]
# Login throttling: after AXES_FAILURE_LIMIT wrong passwords for one e-mail address from one
# client address, that pair waits AXES_COOLOFF_MINUTES; a correct login resets the count.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "users.backends.login_email"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "users.views.login_locked_out"
# Logs and the access log would name e-mail addresses; failures are still stored for the lock.
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Agenturverwaltung <noreply@localhost>")
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))

# Celery uses Redis when CELERY_BROKER_URL names it. The default is kombu's filesystem
# transport, an embedded broker that needs no server, so a worker with beat runs on a laptop.
# That transport ignores the host name, but a URL without one makes kombu log a warning.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://localhost/")
_broker_dir = VAR_DIR / "broker"
if CELERY_BROKER_URL.startswith("filesystem://"):
    for _folder in ("queue", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# Key that encrypts the hr works secret at rest (a Fernet key, urlsafe base64 of 32 bytes).
FIELD_ENCRYPTION_KEY = env.str("FIELD_ENCRYPTION_KEY", default="")

# Minutes between two scheduled hr works sweeps.
HRWORKS_SYNC_INTERVAL_MINUTES = env.int("HRWORKS_SYNC_INTERVAL_MINUTES", default=15)
# Retries of a sync that failed because hr works was unreachable or rate limited. The first
# retry waits HRWORKS_SYNC_RETRY_BACKOFF_SECONDS, or longer if hr works sent Retry-After, and
# each further retry waits twice as long.
HRWORKS_SYNC_MAX_RETRIES = env.int("HRWORKS_SYNC_MAX_RETRIES", default=3)
HRWORKS_SYNC_RETRY_BACKOFF_SECONDS = env.int("HRWORKS_SYNC_RETRY_BACKOFF_SECONDS", default=60)

# Hosts the hr works base URL may name: the server sends the API secret there. Production
# leaves out the loopback addresses that the local sandbox uses.
HRWORKS_ALLOWED_BASE_HOSTS = env.list(
    "HRWORKS_ALLOWED_BASE_HOSTS",
    default=["api.hrworks.de", "api.demo-hrworks.de", "127.0.0.1", "localhost", "::1"],
)

CELERY_BEAT_SCHEDULE = {
    "hrworks-sweep": {
        "task": "integrations.hrworks.tasks.sweep",
        "schedule": sweep_schedule(HRWORKS_SYNC_INTERVAL_MINUTES),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
