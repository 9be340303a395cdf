import secrets
from datetime import MAXYEAR, MINYEAR, date, timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from users.access import admin_required, get_tenant_object, member_required, tenant_queryset
from users.collation import name_order

from .capacity import capacity_for_month
from .days import month_bounds
from .exporting import export_queryset, export_rows, ical_feed, rows_to_csv, rows_to_json
from .forms import AbsenceForm, ExportForm, HrworksTypeForm, LocalTypeForm
from .models import Absence, AbsenceType, Source
from .policy import can_change_absence, local_types_editable
from .team_calendar import month_grid

# Rows per page of the team calendar and the capacity page; one page of a large agency
# stays quick to render and to read.
USERS_PER_PAGE = 50

User = get_user_model()


def _month_from(request):
    """Return (year, month) from the `month` GET parameter (YYYY-MM), else the current month."""
    value = request.GET.get("month", "")
    try:
        year, month = (int(part) for part in value.split("-"))
        first = date(year, month, 1)
    except ValueError:
        first = timezone.localdate()
    # The pages link to the month before and after, which must exist as dates too.
    if not MINYEAR < first.year < MAXYEAR:
        first = timezone.localdate()
    return first.year, first.month


def _tenant_users(request):
    return tenant_queryset(request, User).filter(is_active=True).order_by(*name_order())


def _filter_choice(request, queryset, name):
    """Return the object picked by GET parameter `name` from `queryset`, or None."""
    value = request.GET.get(name, "")
    # isdigit() alone accepts digits such as "²" that int() rejects.
    if not (value.isascii() and value.isdigit()):
        return None
    return queryset.filter(pk=int(value)).first()


def _filter_types(types, absences):
    """Return the types for a filter: active ones by name, then archived ones still in use.

    An archived type without visible absences would only filter to an empty list, so it is left
    out. The others follow the active types because both may share a name, such as a local
    "Urlaub" archived when hr works brought its own.
    """
    in_use = types.filter(Q(archived_at__isnull=True) | Q(pk__in=absences.values("type")))
    return sorted(in_use, key=lambda absence_type: (absence_type.is_archived, absence_type.name))


# Absence types (settings)


@admin_required
def type_list(request):
    types = tenant_queryset(request, AbsenceType).order_by("archived_at", "name")
    # The sync archives types that hr works marks inactive or no longer sends. They need no
    # review until a later sync brings them back active.
    unreviewed = [
        t for t in types if t.source == Source.HRWORKS and not t.reviewed and not t.is_archived
    ]
    context = {
        "types": types,
        "unreviewed": unreviewed,
        "local_editable": local_types_editable(request.tenant),
    }
    return render(request, "absences/type_list.html", context)


def _types_locked():
    return PermissionDenied(
        _(
            "Absence types come from hr works while the integration is active, so local types "
            "cannot be created, edited or archived here."
        )
    )


def _absence_locked(absence):
    if absence.is_external:
        return PermissionDenied(
            _("This absence comes from hr works and can only be changed there.")
        )
    return PermissionDenied(_("You may change only your own absences."))


@admin_required
def type_create(request):
    if not local_types_editable(request.tenant):
        raise _types_locked()
    form = LocalTypeForm(request.POST or None, tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        absence_type = form.save()
        messages.success(request, _("Absence type %(name)s was created.") % {"name": absence_type})
        return redirect("absences:types")
    return render(request, "absences/type_form.html", {"form": form, "is_new": True})


@admin_required
def type_edit(request, pk):
    absence_type = get_tenant_object(request, AbsenceType, pk=pk)
    # While hr works is active, its types keep only their two switches editable and local
    # types are locked. Once it is deactivated, every type is fully editable again.
    fully_editable = local_types_editable(request.tenant)
    if fully_editable:
        form = LocalTypeForm(request.POST or None, instance=absence_type, tenant=request.tenant)
    elif absence_type.source == Source.HRWORKS:
        form = HrworksTypeForm(request.POST or None, instance=absence_type)
    else:
        raise _types_locked()
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Absence type %(name)s was saved.") % {"name": absence_type})
        return redirect("absences:types")
    context = {
        "form": form,
        "is_new": False,
        "absence_type": absence_type,
        "fully_editable": fully_editable,
    }
    return render(request, "absences/type_form.html", context)


@admin_required
@require_POST
def type_archive(request, pk):
    absence_type = get_tenant_object(request, AbsenceType, pk=pk)
    if not local_types_editable(request.tenant):
        raise _types_locked()
    if request.POST.get("action") == "restore":
        absence_type.archived_at = None
        message = _("Absence type %(name)s is active again.")
    else:
        absence_type.archived_at = timezone.now()
        message = _("Absence type %(name)s was archived. It is no longer offered for new absences.")
    absence_type.save(update_fields=["archived_at", "updated_at"])
    messages.success(request, message % {"name": absence_type})
    return redirect("absences:types")


# Absences


def _changeable_absences(request):
    """Return the absences the request's user may open for editing: staff only their own."""
    absences = tenant_queryset(request, Absence.objects.visible()).select_related("user", "type")
    if not request.user.is_tenant_admin:
        absences = absences.filter(user=request.user)
    return absences


@member_required
def absence_list(request):
    absences = tenant_queryset(request, Absence.objects.visible()).select_related("user", "type")
    shown_user = request.user
    if request.user.is_tenant_admin:
        shown_user = _filter_choice(request, _tenant_users(request), "user") or request.user
    absences = absences.filter(user=shown_user)
    types = tenant_queryset(request, AbsenceType)
    filter_types = _filter_types(types, absences)
    absence_type = _filter_choice(request, types, "type")
    if absence_type is not None:
        absences = absences.filter(type=absence_type)
    rows = [(absence, can_change_absence(request.user, absence)) for absence in absences]
    context = {
        "rows": rows,
        "shown_user": shown_user,
        "users": _tenant_users(request) if request.user.is_tenant_admin else [],
        "types": filter_types,
        "selected_type": absence_type,
    }
    return render(request, "absences/absence_list.html", context)


@member_required
def absence_create(request):
    form = AbsenceForm(request.POST or None, tenant=request.tenant, editor=request.user)
    if request.method == "POST" and form.is_valid():
        absence = form.save()
        messages.success(request, _("The absence was saved."))
        return redirect(_list_url(request, absence))
    # Admins pick the person in the form, so only staff see whether hr works manages theirs.
    managed_person = None if request.user.is_tenant_admin else request.user
    context = {"form": form, "is_new": True, "managed_person": managed_person}
    return render(request, "absences/absence_form.html", context)


@member_required
def absence_edit(request, pk):
    absence = get_tenant_object(request, _changeable_absences(request), pk=pk)
    if not can_change_absence(request.user, absence):
        raise _absence_locked(absence)
    form = AbsenceForm(
        request.POST or None, instance=absence, tenant=request.tenant, editor=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The absence was saved."))
        return redirect(_list_url(request, absence))
    context = {"form": form, "is_new": False, "absence": absence, "managed_person": absence.user}
    return render(request, "absences/absence_form.html", context)


@member_required
def absence_delete(request, pk):
    absence = get_tenant_object(request, _changeable_absences(request), pk=pk)
    if not can_change_absence(request.user, absence):
        raise _absence_locked(absence)
    if request.method == "POST":
        absence.delete()
        messages.success(request, _("The absence was deleted."))
        return redirect(_list_url(request, absence))
    return render(request, "absences/absence_confirm_delete.html", {"absence": absence})


def _list_url(request, absence):
    url = reverse("absences:list")
    if absence.user_id != request.user.pk:
        url += f"?user={absence.user_id}"
    return url


@member_required
def team_calendar(request):
    year, month = _month_from(request)
    users = _tenant_users(request)
    selected_user = _filter_choice(request, users, "user")
    types = tenant_queryset(request, AbsenceType)
    if not request.user.is_tenant_admin:
        types = types.exclude(category=AbsenceType.Category.SICK_LEAVE)
    absence_type = _filter_choice(request, types, "type")
    page = _user_page(request, [selected_user] if selected_user else users)
    grid = month_grid(request.tenant, request.user, list(page), year, month, absence_type)
    context = {
        "grid": grid,
        "page_obj": page,
        "users": users,
        "types": _filter_types(types, tenant_queryset(request, Absence.objects.visible())),
        "selected_user": selected_user,
        "selected_type": absence_type,
        "today": timezone.localdate(),
    }
    return render(request, "absences/calendar.html", context)


def _user_page(request, users):
    """Return the page of users named by ``?page=``; a large agency gets several pages."""
    return Paginator(users, USERS_PER_PAGE).get_page(request.GET.get("page"))


@member_required
def capacity(request):
    year, month = _month_from(request)
    users = _tenant_users(request)
    selected_user = _filter_choice(request, users, "user")
    page = _user_page(request, [selected_user] if selected_user else users)
    rows = capacity_for_month(request.tenant, list(page), year, month)
    first, last = month_bounds(year, month)
    context = {
        "rows": rows,
        "page_obj": page,
        "users": users,
        "selected_user": selected_user,
        "first": first,
        "previous_month": (first - timedelta(days=1)).replace(day=1),
        "next_month": last + timedelta(days=1),
    }
    return render(request, "absences/capacity.html", context)


# Export


@member_required
@require_GET
def export_page(request):
    form = ExportForm(request.GET or None, editor=request.user)
    return render(request, "absences/export.html", _export_context(request, form))


def _export_context(request, form):
    feed_url = ""
    if request.user.calendar_token:
        path = reverse("absences:ical", args=[request.user.calendar_token])
        feed_url = request.build_absolute_uri(path)
    return {"form": form, "feed_url": feed_url}


@member_required
@require_GET
def export_download(request, fmt):
    form = ExportForm(request.GET, editor=request.user)
    if not form.is_valid():
        return render(request, "absences/export.html", _export_context(request, form), status=400)
    user = None if form.cleaned_data["scope"] == ExportForm.TEAM else request.user
    absences = export_queryset(
        request.tenant, user=user, first=form.cleaned_data["start"], last=form.cleaned_data["end"]
    )
    rows = export_rows(absences, viewer=request.user)
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        response = HttpResponse(rows_to_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(rows_to_json(rows), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="abwesenheiten-{stamp}.{fmt}"'
    return response


@member_required
@require_http_methods(["GET", "POST"])
def calendar_token(request):
    # The address is shown and managed on the export page, so a GET (an opened bookmark or
    # a reloaded form result) goes there.
    if request.method == "GET":
        return redirect("absences:export")
    user = request.user
    if request.POST.get("action") == "revoke":
        user.calendar_token = ""
        messages.success(request, _("The calendar subscription was revoked."))
    else:
        replaced = bool(user.calendar_token)
        user.calendar_token = secrets.token_urlsafe(32)
        if replaced:
            message = _(
                "A new subscription address was created. The previous address no longer works."
            )
        else:
            message = _("A subscription address was created.")
        messages.success(request, message)
    user.save(update_fields=["calendar_token"])
    return redirect("absences:export")


@require_GET
def ical(request, token):
    # Calendar apps fetch the feed without a session, so the secret token is the credential here
    # instead of member_required.
    if not token:
        raise Http404
    users = User.objects.select_related("tenant")
    user = users.filter(calendar_token=token, is_active=True, tenant__isnull=False).first()
    if user is None:
        raise Http404
    body = ical_feed(user, domain=f"{user.tenant.slug}.agenturverwaltung")
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
