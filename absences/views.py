from django.shortcuts import render

from users.access import member_required


@member_required
def absence_list(request):
    return render(request, "absences/placeholder.html")


@member_required
def capacity(request):
    return render(request, "absences/placeholder.html")
