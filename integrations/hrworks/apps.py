from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HrWorksConfig(AppConfig):
    name = "integrations.hrworks"
    label = "hrworks"
    verbose_name = _("hr works integration")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
