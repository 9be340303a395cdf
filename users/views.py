from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .access import admin_required, get_tenant_object, member_required, tenant_queryset
from .collation import name_order
from .csv_import import import_users
from .forms import UserForm, UserImportForm
from .models import User


@member_required
def home(request):
    return redirect("absences:list")


@admin_required
def settings_index(request):
    return render(request, "users/settings_index.html")


@admin_required
def user_list(request):
    users = (
        tenant_queryset(request, User)
        .select_related("hrworks_link__person")
        .order_by("-is_active", *name_order())
    )
    return render(request, "users/user_list.html", {"users": users})


@admin_required
def user_create(request):
    form = UserForm(request.POST or None, tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("User %(email)s was created.") % {"email": user.email})
        return redirect("users:list")
    return render(request, "users/user_form.html", {"form": form, "is_new": True})


@admin_required
def user_edit(request, pk):
    user = get_tenant_object(request, User, pk=pk)
    form = UserForm(request.POST or None, instance=user, tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes to %(email)s were saved.") % {"email": user.email})
        return redirect("users:list")
    return render(request, "users/user_form.html", {"form": form, "is_new": False, "edited": user})


@admin_required
@require_POST
def user_set_active(request, pk):
    user = get_tenant_object(request, User, pk=pk)
    activate = request.POST.get("active") == "1"
    if user == request.user and not activate:
        messages.error(request, _("You cannot deactivate your own account."))
        return redirect("users:list")
    user.is_active = activate
    user.save(update_fields=["is_active"])
    if activate:
        messages.success(request, _("%(email)s was reactivated.") % {"email": user.email})
    else:
        messages.success(
            request,
            _("%(email)s was deactivated and can no longer log in.") % {"email": user.email},
        )
    return redirect("users:list")


@admin_required
def user_import(request):
    form = UserImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        result = import_users(request.tenant, form.cleaned_data["file"].read())
        if result.ok:
            count = len(result.created)
            messages.success(
                request,
                ngettext("%(count)s user was imported.", "%(count)s users were imported.", count)
                % {"count": count},
            )
            return redirect(reverse("users:list"))
        errors = result.errors
    return render(request, "users/user_import.html", {"form": form, "errors": errors})


def login_locked_out(request, response=None, credentials=None):
    """Render the German page for a login paused by django-axes after too many failures."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
