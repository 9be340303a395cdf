from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UsersConfig(AppConfig):
    name = "users"
    verbose_name = _("Users and agencies")

    def ready(self):
        # Registers the German name collation on every new SQLite connection.
        from . import collation  # noqa: F401
