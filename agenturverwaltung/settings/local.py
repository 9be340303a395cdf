"""Settings for a laptop: debug on, SQLite, embedded broker, console e-mail."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# A fixed development key: these settings never serve real users.
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
# A fixed development Fernet key, for the same reason.
FIELD_ENCRYPTION_KEY = env.str(
    "FIELD_ENCRYPTION_KEY", default="ZGV2LW9ubHktZmllbGQtZW5jcnlwdGlvbi1rZXktMDA="
)

# Serve static files straight from the app folders; there is no collectstatic run here.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Django logs every 403 and 404 with a traceback; on a laptop that buries the useful lines.
LOGGING["loggers"] = {"django.request": {"level": "ERROR"}}  # noqa: F405
