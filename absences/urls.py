from django.urls import path

from . import views

app_name = "absences"
urlpatterns = [
    path("abwesenheiten/", views.absence_list, name="list"),
    path("abwesenheiten/neu/", views.absence_create, name="create"),
    path("abwesenheiten/<int:pk>/", views.absence_edit, name="edit"),
    path("abwesenheiten/<int:pk>/loeschen/", views.absence_delete, name="delete"),
    path("abwesenheiten/kalender/", views.team_calendar, name="calendar"),
    path("abwesenheiten/export/", views.export_page, name="export"),
    path("abwesenheiten/export/csv/", views.export_download, {"fmt": "csv"}, name="export_csv"),
    path("abwesenheiten/export/json/", views.export_download, {"fmt": "json"}, name="export_json"),
    path("abwesenheiten/kalender-abo/", views.calendar_token, name="calendar_token"),
    path("abwesenheiten/ical/<str:token>.ics", views.ical, name="ical"),
    path("kapazitaet/", views.capacity, name="capacity"),
    path(
        "einstellungen/zeiterfassung/abwesenheitstypen/",
        views.type_list,
        name="types",
    ),
    path(
        "einstellungen/zeiterfassung/abwesenheitstypen/neu/",
        views.type_create,
        name="type_create",
    ),
    path(
        "einstellungen/zeiterfassung/abwesenheitstypen/<int:pk>/",
        views.type_edit,
        name="type_edit",
    ),
    path(
        "einstellungen/zeiterfassung/abwesenheitstypen/<int:pk>/archivieren/",
        views.type_archive,
        name="type_archive",
    ),
]
