from django.urls import path

from . import views

app_name = "hrworks"
urlpatterns = [
    path("", views.settings_page, name="settings"),
]
