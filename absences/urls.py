from django.urls import path

from . import views

app_name = "absences"
urlpatterns = [
    path("abwesenheiten/", views.absence_list, name="list"),
    path("kapazitaet/", views.capacity, name="capacity"),
]
