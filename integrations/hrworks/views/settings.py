"""Einstellungen → Integrationen → hr works: key pair, test, preview, activation, health."""

import time

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from users.access import admin_required, get_tenant_object, tenant_queryset

from .. import actions, notices, probe
from ..forms import ConfirmForm, ConnectionForm
from ..models import Connection, Person, PersonLink, SyncRun
from ..sync import lock

HISTORY_LENGTH = 20


def _connection(request) -> Connection:
    """Return the tenant's connection, unsaved with defaults if there is none yet."""
    connection = tenant_queryset(request, Connection).first()
    if connection is None:
        connection = Connection(tenant=request.tenant)
    return connection


# Seconds the settings page keeps refreshing itself after a sync was queued and before it
# starts. A worker normally picks the task up within a few seconds.
AWAIT_QUEUED_SYNC_SECONDS = 60
QUEUED_AT_SESSION_KEY = "hrworks_sync_queued_at"


def _remember_queued_sync(request):
    request.session[QUEUED_AT_SESSION_KEY] = time.time()


def _awaiting_queued_sync(request, runs) -> bool:
    """Return whether a sync this admin queued has not started yet (for a short while)."""
    queued_at = request.session.get(QUEUED_AT_SESSION_KEY)
    if not queued_at or time.time() - queued_at > AWAIT_QUEUED_SYNC_SECONDS:
        return False
    return not any(run.started_at.timestamp() >= queued_at - 1 for run in runs)


def _settings_context(request, connection, form=None, test_result=None):
    runs = list(tenant_queryset(request, SyncRun)[:HISTORY_LENGTH])
    running = next((run for run in runs if run.is_running), None)
    awaiting = running is None and _awaiting_queued_sync(request, runs)
    last_error = ""
    if connection.last_error_kind:
        last_error = notices.error_text(connection.last_error_kind, connection.last_error_area)
    return {
        "connection": connection,
        "form": form or ConnectionForm(instance=connection),
        "test_result": test_result,
        "runs": runs,
        "running": running,
        "awaiting": awaiting,
        "last_error": last_error,
        "next_run": connection.next_scheduled_run() if connection.pk else None,
        "superseded": actions.superseded_count(request.tenant),
        "link_count": tenant_queryset(request, PersonLink).count(),
        "person_count": tenant_queryset(request, Person).count(),
        "confirm_form": ConfirmForm(),
    }


@sensitive_post_parameters("secret_key")
@admin_required
def settings_page(request):
    connection = _connection(request)
    form = ConnectionForm(request.POST or None, instance=connection)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The hr works settings were saved."))
        return redirect("hrworks:settings")
    return render(request, "hrworks/settings.html", _settings_context(request, connection, form))


@admin_required
@require_POST
def test_connection(request):
    connection = _connection(request)
    result = probe.test_connection(connection)
    if result.ok and connection.pk:
        actions.resume_schedule(connection)
    return render(
        request,
        "hrworks/settings.html",
        _settings_context(request, connection, test_result=result),
    )


@admin_required
def preview(request):
    connection = _connection(request)
    if not connection.pk:
        messages.error(request, notices.error_text("incomplete"))
        return redirect("hrworks:settings")
    result = probe.build_preview(connection)
    return render(
        request,
        "hrworks/preview.html",
        {"connection": connection, "preview": result, "confirm_form": ConfirmForm()},
    )


@admin_required
@require_POST
def activate(request):
    connection = _connection(request)
    if not connection.pk or not connection.has_credentials:
        messages.error(request, notices.error_text("incomplete"))
        return redirect("hrworks:settings")
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please confirm that you checked the preview before activating."))
        return redirect("hrworks:preview")
    first_activation = not tenant_queryset(request, SyncRun).filter(dry_run=False).exists()
    actions.activate(connection)
    _remember_queued_sync(request)
    if first_activation:
        message = _("The hr works integration is active. The first sync has been queued.")
    else:
        message = _("The hr works integration is active again. A sync has been queued.")
    messages.success(request, message)
    return redirect("hrworks:settings")


@admin_required
@require_POST
def sync_now(request):
    connection = _connection(request)
    if not connection.is_active:
        messages.error(request, _("Activate the integration before you sync."))
        return redirect("hrworks:settings")
    if connection.pk and lock.is_locked(connection):
        messages.info(request, _("A sync is already running."))
        return redirect("hrworks:settings")
    actions.queue_sync(request.tenant, SyncRun.Trigger.MANUAL)
    _remember_queued_sync(request)
    messages.success(request, _("A sync has been queued and starts shortly."))
    return redirect("hrworks:settings")


@admin_required
@require_POST
def deactivate(request):
    connection = _connection(request)
    form = ConfirmForm(request.POST)
    if not connection.is_active:
        return redirect("hrworks:settings")
    if not form.is_valid():
        messages.error(request, _("Please confirm the deactivation."))
        return redirect("hrworks:settings")
    actions.deactivate(connection)
    messages.success(
        request,
        _(
            "The hr works integration is deactivated. All data stays; absence types and "
            "absences can be edited here again."
        ),
    )
    return redirect("hrworks:settings")


@admin_required
@require_POST
def restore(request):
    connection = _connection(request)
    if connection.is_active:
        messages.error(request, _("Deactivate the integration before restoring local absences."))
        return redirect("hrworks:settings")
    count = actions.restore_superseded(request.tenant)
    messages.success(
        request, _("%(count)s replaced local absences were restored.") % {"count": count}
    )
    return redirect("hrworks:settings")


@admin_required
def run_detail(request, pk):
    run = get_tenant_object(request, SyncRun, pk=pk)
    persons = {
        person.uuid: person
        for person in tenant_queryset(request, Person).filter(
            uuid__in=[problem.get("person") for problem in run.problems]
        )
    }
    problems = [
        {"person": persons.get(problem.get("person")), "text": notices.problem_text(problem)}
        for problem in run.problems
    ]
    return render(
        request,
        "hrworks/run.html",
        {
            "run": run,
            "problems": problems,
            "warnings": [notices.warning_text(w) for w in run.warnings],
            "error": notices.error_text(run.error_kind, run.error_area) if run.failed else "",
        },
    )
