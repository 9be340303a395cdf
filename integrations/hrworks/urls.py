from django.urls import path

from . import views

app_name = "hrworks"
urlpatterns = [
    path("", views.settings_page, name="settings"),
    path("verbindung-testen/", views.test_connection, name="test"),
    path("vorschau/", views.preview, name="preview"),
    path("aktivieren/", views.activate, name="activate"),
    path("synchronisieren/", views.sync_now, name="sync"),
    path("deaktivieren/", views.deactivate, name="deactivate"),
    path("wiederherstellen/", views.restore, name="restore"),
    path("laeufe/<int:pk>/", views.run_detail, name="run"),
    path("personen/", views.links, name="links"),
    path("personen/verknuepfen/", views.link, name="link"),
    path("personen/<int:pk>/trennen/", views.unlink, name="unlink"),
]
