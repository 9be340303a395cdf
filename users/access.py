"""Tenant scoping and role checks that every product view goes through.

Decorate each view with `member_required` (any logged-in user of a tenant) or
`admin_required` (tenant admins only; staff get 403). Both set `request.tenant`. Load objects
with `get_tenant_object` so another tenant's object answers 404.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404


def _check_member(request):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not user.is_active or user.tenant_id is None:
        raise PermissionDenied
    request.tenant = user.tenant
    return None


def member_required(view):
    """Let in any active user of a tenant; send anonymous users to the login page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = _check_member(request)
        if response is not None:
            return response
        return view(request, *args, **kwargs)

    return wrapper


def admin_required(view):
    """Let in tenant admins only; staff members get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = _check_member(request)
        if response is not None:
            return response
        if not request.user.is_tenant_admin:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def tenant_queryset(request, model_or_queryset):
    """Return the objects of the request's tenant."""
    queryset = getattr(model_or_queryset, "objects", model_or_queryset)
    return queryset.filter(tenant=request.tenant)


def get_tenant_object(request, model_or_queryset, **lookup):
    """Return one object of the request's tenant, or raise 404 (also for other tenants)."""
    return get_object_or_404(tenant_queryset(request, model_or_queryset), **lookup)
