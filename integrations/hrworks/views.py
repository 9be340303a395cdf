from django.shortcuts import render

from users.access import admin_required


@admin_required
def settings_page(request):
    return render(request, "absences/placeholder.html")
