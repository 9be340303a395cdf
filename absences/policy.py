"""Access rules for absences and absence types."""

from .models import Source


def local_types_editable(tenant):
    """Return whether admins may create, edit and archive the tenant's local absence types.

    They may not while the tenant's hr works integration is active, because hr works is then the
    only source of absence types.
    """
    from integrations.hrworks.models import Connection

    return not Connection.objects.filter(tenant=tenant, is_active=True).exists()


def can_see_details(viewer, absence):
    """Return whether `viewer` may see the type and note of `absence`.

    Sick leave can be health data, so staff members see a colleague's sick leave only as a neutral
    absence. Admins and the absent person see everything.
    """
    if viewer.is_tenant_admin or absence.user_id == viewer.pk:
        return True
    return not absence.type.is_sick_leave


def can_change_absence(viewer, absence):
    """Return whether `viewer` may edit or delete `absence` here (imported ones are read-only)."""
    if absence.source != Source.LOCAL:
        return False
    return viewer.is_tenant_admin or absence.user_id == viewer.pk
