from django.contrib import admin
from django.urls import include, path

from users.urls import user_patterns

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("", include("users.urls")),
    path("einstellungen/benutzer/", include((user_patterns, "users"))),
    path("", include("absences.urls")),
    path("einstellungen/integrationen/hrworks/", include("integrations.hrworks.urls")),
]
