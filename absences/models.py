from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from users.models import Tenant


class Source(models.TextChoices):
    LOCAL = "local", _("local")
    HRWORKS = "hrworks", _("hr works")


class AbsenceTypeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)


class AbsenceType(models.Model):
    """A kind of absence (vacation, training, sick leave, ...) of one tenant."""

    class Category(models.TextChoices):
        ABSENCE = "absence", _("Absence")
        SICK_LEAVE = "sick_leave", _("Sick leave")

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="absence_types")
    name = models.CharField(_("name"), max_length=200)
    color = models.CharField(_("colour"), max_length=7, default="#4C7BD9")
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.LOCAL
    )
    # The hr works type `key` for types of source hr works; empty for local types.
    external_key = models.CharField(_("external key"), max_length=100, blank=True, default="")
    category = models.CharField(
        _("category"), max_length=12, choices=Category.choices, default=Category.ABSENCE
    )
    counts_for_hour_balance = models.BooleanField(_("affects the hour balance"), default=True)
    counts_for_capacity = models.BooleanField(_("affects capacity planning"), default=True)
    # False until an admin saved the switches of a type that came from hr works.
    reviewed = models.BooleanField(_("reviewed"), default=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AbsenceTypeQuerySet.as_manager()

    class Meta:
        verbose_name = _("absence type")
        verbose_name_plural = _("absence types")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "source", "external_key"],
                condition=~Q(external_key=""),
                name="absences_type_external_key_unique",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_archived(self):
        return self.archived_at is not None

    @property
    def is_sick_leave(self):
        return self.category == self.Category.SICK_LEAVE


class AbsenceQuerySet(models.QuerySet):
    def visible(self):
        """Absences that count: not superseded by the integration."""
        return self.filter(superseded_at__isnull=True)

    def overlapping(self, start, end):
        return self.filter(start_date__lte=end, end_date__gte=start)


class Absence(models.Model):
    """One absence of one user: whole days, optionally starting or ending at noon."""

    class Status(models.TextChoices):
        APPROVED = "approved", _("approved")
        PENDING = "pending", _("pending")

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="absences")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="absences"
    )
    type = models.ForeignKey(AbsenceType, on_delete=models.PROTECT, related_name="absences")
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    # The first day counts from noon on (hr works `isBeginDateHalfDay`).
    start_half_day = models.BooleanField(_("first day afternoon only"), default=False)
    # The last day counts until noon (hr works `isEndDateHalfDay`).
    end_half_day = models.BooleanField(_("last day forenoon only"), default=False)
    # Working days as hr works counted them; empty for local absences.
    working_days = models.DecimalField(
        _("working days"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPROVED
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.LOCAL
    )
    # The hr works absence `number` (for example "55_12"); empty for local absences.
    external_number = models.CharField(_("hr works number"), max_length=64, blank=True, default="")
    note = models.TextField(_("note"), blank=True, default="")
    # Set when the integration replaced this local absence; cleared to restore it.
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AbsenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["start_date", "end_date", "pk"]
        indexes = [
            models.Index(fields=["tenant", "start_date", "end_date"]),
            models.Index(fields=["user", "start_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="absences_absence_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=~Q(start_date=F("end_date"), start_half_day=True, end_half_day=True),
                name="absences_absence_one_day_single_half",
            ),
            models.UniqueConstraint(
                fields=["tenant", "external_number"],
                condition=~Q(external_number=""),
                name="absences_absence_external_number_unique",
            ),
        ]

    def __str__(self):
        return f"{self.type} {self.start_date.isoformat()}–{self.end_date.isoformat()}"

    @property
    def is_external(self):
        return self.source == Source.HRWORKS
