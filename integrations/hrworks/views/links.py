"""Personen verknüpfen: users with their hr works person, manual links and conflicts."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from users.access import admin_required, get_tenant_object, tenant_queryset
from users.collation import name_order

from .. import actions
from ..forms import LinkForm
from ..linking import conflicts, unlinked_persons
from ..models import PersonLink


def _links_context(request, form=None):
    users = tenant_queryset(request, get_user_model()).order_by(*name_order())
    links_by_user = {
        link.user_id: link
        for link in tenant_queryset(request, PersonLink).select_related("person", "linked_by")
    }
    rows = [{"user": user, "link": links_by_user.get(user.pk)} for user in users]
    found = conflicts(request.tenant)
    # A person named under "Conflicts" is not listed a second time among the unlinked ones.
    conflict_pks = found.person_pks
    other_unlinked = [
        person for person in unlinked_persons(request.tenant) if person.pk not in conflict_pks
    ]
    return {
        "rows": rows,
        "unlinked_persons": other_unlinked,
        "conflicts": found,
        "form": form or LinkForm(tenant=request.tenant),
    }


@admin_required
def links(request):
    return render(request, "hrworks/links.html", _links_context(request))


@admin_required
@require_POST
def link(request):
    form = LinkForm(request.POST, tenant=request.tenant)
    if not form.is_valid():
        return render(request, "hrworks/links.html", _links_context(request, form), status=400)
    user, person = form.cleaned_data["user"], form.cleaned_data["person"]
    try:
        actions.link_person(request.tenant, user, person, by=request.user)
    except actions.LinkError:
        messages.error(request, _("The user or the person is linked already."))
    else:
        messages.success(
            request,
            _("%(user)s is now linked to the hr works person %(person)s.")
            % {"user": user.email, "person": person.person_id},
        )
    return redirect("hrworks:links")


@admin_required
@require_POST
def unlink(request, pk):
    link = get_tenant_object(request, PersonLink.objects.select_related("user", "person"), pk=pk)
    email = link.user.email
    removed, restored = actions.unlink(link, by=request.user)
    deleted_text = ngettext(
        "%(count)s imported absence deleted", "%(count)s imported absences deleted", removed
    ) % {"count": removed}
    restored_text = ngettext(
        "%(count)s local absence restored", "%(count)s local absences restored", restored
    ) % {"count": restored}
    messages.success(
        request,
        _(
            "The link of %(user)s was removed: %(deleted)s, %(restored)s. The e-mail matching "
            "will not link them again."
        )
        % {"user": email, "deleted": deleted_text, "restored": restored_text},
    )
    return redirect("hrworks:links")
