"""Data of the hr works integration: connection, person mirror, links and sync runs."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from users.models import Tenant

from . import crypto
from .schedule import next_sweep_after

DEFAULT_BASE_URL = "https://api.hrworks.de"


def default_start_date() -> date:
    """Return 1 January of the year before last."""
    return date(timezone.localdate().year - 2, 1, 1)


class Connection(models.Model):
    """The hr works key pair and sync settings of one tenant."""

    class State(models.TextChoices):
        INACTIVE = "inactive", _("inactive")
        ACTIVE = "active", _("active")
        FAILING = "failing", _("failing")
        CREDENTIALS_INVALID = "credentials_invalid", _("credentials invalid")
        PERMISSION_MISSING = "permission_missing", _("permission missing")

    # States in which the scheduled sweep leaves the tenant alone until an admin acts.
    STOPPED_STATES = (State.CREDENTIALS_INVALID, State.PERMISSION_MISSING)

    tenant = models.OneToOneField(
        Tenant, on_delete=models.CASCADE, related_name="hrworks_connection"
    )
    base_url = models.URLField(_("base URL"), default=DEFAULT_BASE_URL)
    access_key = models.CharField(_("access key"), max_length=200, blank=True, default="")
    # Fernet token of the secret access key; see `crypto`. Never shown or logged.
    secret_encrypted = models.TextField(blank=True, default="", editable=False)
    start_date = models.DateField(_("start date"), default=default_start_date)
    is_active = models.BooleanField(_("active"), default=False)
    state = models.CharField(
        _("state"), max_length=24, choices=State.choices, default=State.INACTIVE
    )
    activated_at = models.DateTimeField(_("activated at"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last successful sync"), null=True, blank=True)
    # The last failure: its kind and permission area select a translated message (see
    # `notices.error_text`); `last_error` keeps the German text for commands and logs.
    last_error_kind = models.CharField(max_length=12, blank=True, default="")
    last_error_area = models.CharField(max_length=20, blank=True, default="")
    last_error = models.TextField(_("last error"), blank=True, default="")
    last_error_at = models.DateTimeField(null=True, blank=True)
    # None until a sync learned whether the key may read sick leaves.
    can_read_sick_leaves = models.BooleanField(null=True, blank=True)
    # Per-tenant sync lock, claimed by a conditional UPDATE (see `sync.lock`).
    lock_owner = models.CharField(max_length=64, blank=True, default="", editable=False)
    locked_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hr works connection")
        verbose_name_plural = _("hr works connections")

    def __str__(self):
        return f"hr works connection of tenant {self.tenant_id}"

    def __repr__(self):
        return f"<Connection tenant={self.tenant_id} active={self.is_active} state={self.state}>"

    @sensitive_variables("secret")
    def set_secret(self, secret: str) -> None:
        self.secret_encrypted = crypto.encrypt(secret) if secret else ""

    def get_secret(self) -> str:
        """Return the decrypted secret; raise `crypto.UnreadableSecret` if it cannot be read."""
        if not self.secret_encrypted:
            return ""
        return crypto.decrypt(self.secret_encrypted)

    @property
    def has_credentials(self) -> bool:
        return bool(self.access_key and self.secret_encrypted)

    @property
    def schedule_stopped(self) -> bool:
        return self.state in self.STOPPED_STATES

    def window_end(self) -> date:
        """Return the last day the sync reads: 31 December of next year."""
        return date(timezone.localdate().year + 1, 12, 31)

    def next_scheduled_run(self):
        """Return when the scheduled sweep syncs this tenant next, or None while paused."""
        if not self.is_active or self.schedule_stopped:
            return None
        now = timezone.localtime()
        return next_sweep_after(now, settings.HRWORKS_SYNC_INTERVAL_MINUTES)


class Person(models.Model):
    """The mirror of one hr works person (master data), keyed by the hr works uuid."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="hrworks_persons")
    # The hr works uuid; for payloads without one, "personId:" followed by the personId.
    uuid = models.CharField(max_length=100)
    # The hr works personId ("hr works user id"), which absences are keyed by.
    person_id = models.CharField(_("hr works user id"), max_length=200)
    personnel_number = models.CharField(
        _("personnel number"), max_length=100, blank=True, default=""
    )
    license_number = models.CharField(_("license number"), max_length=100, blank=True, default="")
    first_name = models.CharField(_("first name"), max_length=200, blank=True, default="")
    last_name = models.CharField(_("last name"), max_length=200, blank=True, default="")
    email = models.CharField(_("business e-mail"), max_length=254, blank=True, default="")
    private_email = models.CharField(_("private e-mail"), max_length=254, blank=True, default="")
    is_active = models.BooleanField(_("active in hr works"), default=True)
    join_date = models.DateField(_("join date"), null=True, blank=True)
    leave_date = models.DateField(_("leave date"), null=True, blank=True)
    # Set when the person stopped appearing in hr works' list; cleared when it comes back.
    missing_since = models.DateTimeField(_("missing since"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hr works person")
        verbose_name_plural = _("hr works persons")
        ordering = ["last_name", "first_name", "person_id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "uuid"], name="hrworks_person_uuid_unique"),
        ]

    def __str__(self):
        return self.full_name or self.person_id

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class PersonLink(models.Model):
    """A local user linked to an hr works person."""

    class Method(models.TextChoices):
        EMAIL = "email", _("e-mail")
        MANUAL = "manual", _("manual")

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="hrworks_links")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hrworks_link"
    )
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="link")
    method = models.CharField(_("linked by"), max_length=10, choices=Method.choices)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    linked_at = models.DateTimeField(_("linked at"), default=timezone.now)

    class Meta:
        verbose_name = _("person link")
        verbose_name_plural = _("person links")

    def __str__(self):
        return f"user {self.user_id} ↔ person {self.person_id}"


class AutoLinkBlock(models.Model):
    """A "do not auto-link" mark: an admin removed this user/person pair, so the
    e-mail matching must not link it again."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="auto_link_blocks")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "person"], name="hrworks_autolinkblock_pair_unique"
            ),
        ]

    def __str__(self):
        return f"no auto-link of user {self.user_id} to person {self.person_id}"


class SyncRun(models.Model):
    """One run of the sync of one tenant, with its counts, warnings and problems."""

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", _("schedule")
        MANUAL = "manual", _("manual")
        ACTIVATION = "activation", _("activation")
        COMMAND = "command", _("command")

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    class ErrorKind(models.TextChoices):
        NONE = "", _("none")
        CREDENTIALS = "credentials", _("invalid credentials")
        PERMISSION = "permission", _("missing permission")
        TRANSIENT = "transient", _("temporarily unavailable")
        UNEXPECTED = "unexpected", _("unexpected response")
        SECRET = "secret", _("unreadable secret")
        DEACTIVATED = "deactivated", _("deactivated during the run")
        INTERNAL = "internal", _("internal error")
        INTERRUPTED = "interrupted", _("interrupted")

    COUNT_FIELDS = (
        "created",
        "updated",
        "deleted",
        "replaced",
        "skipped",
        "types_created",
        "types_updated",
        "types_archived",
        "persons_created",
        "persons_updated",
        "links_created",
    )

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="hrworks_runs")
    trigger = models.CharField(_("trigger"), max_length=12, choices=Trigger.choices)
    dry_run = models.BooleanField(_("dry run"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # 0 to 100, updated from the fetch phase so that long runs show how far they are.
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    # Absences (and sick leaves) created, updated and deleted locally.
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    deleted = models.PositiveIntegerField(_("deleted"), default=0)
    # Local absences superseded by imported ones.
    replaced = models.PositiveIntegerField(_("replaced"), default=0)
    # hr works absences not imported: rejected or cancelled, or not importable (see problems).
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    types_created = models.PositiveIntegerField(default=0)
    types_updated = models.PositiveIntegerField(default=0)
    types_archived = models.PositiveIntegerField(default=0)
    persons_created = models.PositiveIntegerField(default=0)
    persons_updated = models.PositiveIntegerField(default=0)
    links_created = models.PositiveIntegerField(default=0)
    request_count = models.PositiveIntegerField(_("HTTP requests"), default=0)
    error_kind = models.CharField(max_length=12, choices=ErrorKind.choices, blank=True, default="")
    # The permission area of a "permission" error (persons, general, absences).
    error_area = models.CharField(max_length=20, blank=True, default="")
    # Plain German reason of a failed run, for the admin. Never contains a secret.
    error = models.TextField(_("error"), blank=True, default="")
    # Seconds hr works asked to wait before retrying, from a transient error.
    retry_after = models.FloatField(null=True, blank=True)
    # Run-wide notices: {"code": ..., "params": {...}}; rendered by `notices.warning_text`.
    warnings = models.JSONField(default=list, blank=True)
    # Per-person problems: {"person": <Person.uuid>, "code": ..., "params": {...}}.
    problems = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("sync run")
        verbose_name_plural = _("sync runs")
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["tenant", "-started_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="hrworks_syncrun_progress_max_100"
            ),
        ]

    def __str__(self):
        return f"sync run {self.pk} of tenant {self.tenant_id} ({self.status})"

    @property
    def succeeded(self) -> bool:
        return self.status == self.Status.SUCCEEDED

    @property
    def failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def is_running(self) -> bool:
        return self.status == self.Status.RUNNING

    @property
    def change_count(self) -> int:
        return sum(getattr(self, name) for name in self.COUNT_FIELDS if name != "skipped")

    def counts(self) -> dict:
        return {name: getattr(self, name) for name in self.COUNT_FIELDS}
