from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .emails import normalize_email

WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


def default_working_days():
    """Monday to Friday, as `date.weekday()` numbers."""
    return [0, 1, 2, 3, 4]


class Tenant(models.Model):
    """One agency; every row of the product belongs to exactly one tenant."""

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    time_zone = models.CharField(_("time zone"), max_length=60, default="Europe/Berlin")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email__iexact=normalize_email(username))

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", User.Role.ADMIN)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address and belongs to one tenant.

    `is_staff` is Django's flag for the Django admin (superusers only here); the product's own
    roles are in `role`.
    """

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        STAFF = "staff", _("Staff member")

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    tenant = models.ForeignKey(
        Tenant,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
    )
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.STAFF)
    weekly_hours = models.DecimalField(
        _("weekly hours"),
        max_digits=4,
        decimal_places=2,
        default=40,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
    )
    working_days = models.JSONField(_("working days"), default=default_working_days)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("Django admin access"), default=False)
    date_joined = models.DateTimeField(_("created at"), default=timezone.now)
    # Secret of the user's iCal feed URL; empty means no feed. Regenerating it revokes the old URL.
    calendar_token = models.CharField(max_length=64, blank=True, default="", db_index=True)
    # Set by an integration (hr works) while it manages this user's absences: from this date on,
    # absences come only from there and local ones are rejected. Null for unmanaged users.
    absences_managed_since = models.DateField(
        _("absences managed externally since"), null=True, blank=True
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="users_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = normalize_email(self.email)
        days = self.working_days
        if not isinstance(days, list) or any(d not in range(7) for d in days):
            raise ValidationError({"working_days": _("Choose working days from Monday to Sunday.")})

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        self.working_days = sorted(set(self.working_days or []))
        super().save(*args, **kwargs)

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email

    @property
    def is_tenant_admin(self):
        return self.role == self.Role.ADMIN

    @property
    def working_day_names(self):
        names = dict(WEEKDAY_CHOICES)
        return [names[d] for d in self.working_days]
